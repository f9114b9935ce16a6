"""Node sizes and, for graphs too big for the browser's physics, positions computed ahead.

The layout is rings around each component's best-connected node: linear in the size of
the graph, the same every run, and needs nothing beyond networkx.
"""

from __future__ import annotations

import math

import networkx as nx

SPACING = 90.0


def centrality(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality over distinct neighbours (parallel edges count once), scaled so the
    most central node is 1: a hub stands out whatever the size of the graph."""
    raw = nx.degree_centrality(_simple(graph))
    top = max(raw.values(), default=0.0) or 1.0
    return {n: c / top for n, c in raw.items()}


def sizes(graph: nx.MultiDiGraph) -> dict[str, tuple[float, int]]:
    """Node size and label font size: hubs get big labels, readable when zoomed out."""
    return {
        n: (round(10 + 30 * math.sqrt(c), 1), round(12 + 32 * c))
        for n, c in centrality(graph).items()
    }


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for a graph too big for live physics, the same every run."""
    raw = _radial_layout(_simple(graph), spacing=SPACING)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in raw.items()}


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges() if u != v))
    return simple


def _radial_layout(graph: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """Each component in rings around its best-connected node,
    components packed in rows, biggest first."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = spacing * 4 * math.sqrt(graph.number_of_nodes())
    for nodes in components:
        local, radius = _rings(graph.subgraph(nodes), spacing)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (dx, dy) in local.items():
            pos[node] = (x + radius + dx, y + radius + dy)
        x += 2 * radius + spacing
        row_height = max(row_height, 2 * radius)
    return pos


def _rings(component: nx.Graph, spacing: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Breadth-first rings; children sorted by their parent's angle stay near their parent."""
    centre = min(component, key=lambda n: (-component.degree(n), n))
    angle = {centre: 0.0}
    pos = {centre: (0.0, 0.0)}
    seen = {centre}
    ring = [centre]
    radius = 0.0
    while ring:
        children: list[tuple[float, str]] = []
        for parent in ring:
            for child in sorted(component[parent]):
                if child not in seen:
                    seen.add(child)
                    children.append((angle[parent], child))
        if not children:
            break
        # a ring wide enough that its nodes sit about spacing/2 apart
        radius = max(radius + spacing, len(children) * spacing / (4 * math.pi))
        children.sort()
        for i, (_, child) in enumerate(children):
            angle[child] = 2 * math.pi * i / len(children)
            pos[child] = (radius * math.cos(angle[child]), radius * math.sin(angle[child]))
        ring = [child for _, child in children]
    return pos, radius + spacing / 2

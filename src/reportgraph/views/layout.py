"""Node sizes, label ranks and, for graphs too big for the browser's physics, positions.

The layout is a map: ForceAtlas2 (networkx, seeded) lays out each component's
best-connected nodes, its backbone, each pushing the others away in proportion to its
degree; the hubs labelled first are then kept apart, and every other node is set in a
sunflower around the best-connected neighbour placed before it. Hubs stand apart, each
with its own cluster, so their labels do not pile up; past the backbone the cost is linear
in the size of the graph, and the result is the same every run.
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


def sizes(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float, int]]:
    """Node size, centrality and label rank (0 = the most central): the page labels nodes
    in rank order, as many as the zoom leaves room for, so hubs are read first."""
    central = centrality(graph)
    labels = dict(graph.nodes(data="label"))
    order = sorted(central, key=lambda n: (-central[n], str(labels.get(n, "")), n))
    rank = {n: i for i, n in enumerate(order)}
    return {n: (round(10 + 30 * math.sqrt(c), 1), round(c, 3), rank[n]) for n, c in central.items()}


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for a graph too big for live physics, the same every run."""
    raw = _packed_layout(_simple(graph), spacing=SPACING)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in raw.items()}


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges() if u != v))
    return simple


def _packed_layout(graph: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """Each component laid out on its own, packed in rows, biggest first."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    maps = [_map(graph.subgraph(nodes), spacing) for nodes in components]
    # rows about as wide as the whole is tall: the biggest component on top, the small ones
    # in a band beneath it, so that it sits in the middle of a screen; isolated nodes (the
    # page hides them) last
    row_width = max(
        [2 * radius for _, radius in maps[:1]]
        + [math.sqrt(sum((2 * r + spacing) ** 2 for local, r in maps if len(local) > 1))]
    )
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, radius in maps:
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (dx, dy) in local.items():
            pos[node] = (x + radius + dx, y + radius + dy)
        x += 2 * radius + spacing
        row_height = max(row_height, 2 * radius)
    return pos


BACKBONE = 250  # nodes laid out by force (networkx computes it densely, with numpy)
HUBS, HUB_GAP = 40, 0.12  # the hubs labelled first stay this share of the map apart
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _map(component: nx.Graph, spacing: float) -> tuple[dict[str, tuple[float, float]], float]:
    """The backbone by force, the rest in sunflowers around it; positions about (0, 0) and
    the radius they fill."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}, spacing / 2
    order = sorted(component, key=lambda n: (-component.degree(n), n))
    rank = {n: i for i, n in enumerate(order)}
    backbone = order[:BACKBONE]
    core = nx.Graph()
    core.add_nodes_from(backbone)
    core.add_edges_from(component.subgraph(backbone).edges())
    # two backbone nodes sharing a neighbour outside it are pulled together (the actors of
    # one event)
    for node in order[BACKBONE:]:
        near = sorted((n for n in component[node] if rank[n] < BACKBONE), key=rank.get)[:3]
        core.add_edges_from((u, v) for i, u in enumerate(near) for v in near[i + 1 :])
    # ForceAtlas2 with each node's mass its degree in the whole component: hubs push each
    # other away hardest, so they spread over the map instead of crowding its centre
    mass = {n: component.degree(n) + 1.0 for n in backbone}
    raw = nx.forceatlas2_layout(core, seed=7, max_iter=150, node_mass=mass, gravity=1.0)
    xs = [float(raw[n][0]) for n in backbone]
    ys = [float(raw[n][1]) for n in backbone]
    spread = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # room for each backbone node's sunflower: the map grows with the component's size
    scale = spacing * math.sqrt(len(component)) * 1.2 / spread
    pos = {n: (float(raw[n][0]) * scale, float(raw[n][1]) * scale) for n in backbone}
    _spread_hubs(pos, backbone[:HUBS], spacing * math.sqrt(len(component)) * 1.2 * HUB_GAP)
    children: dict[str, int] = {}
    queue = list(backbone)
    for parent in queue:  # breadth first from the backbone, best-connected parents first
        for child in sorted(component[parent], key=rank.get):
            if child in pos:
                continue
            k = children.get(parent, 0) + 1
            children[parent] = k
            r, angle = spacing * 0.45 * math.sqrt(k) + spacing * 0.3, k * GOLDEN_ANGLE
            px, py = pos[parent]
            pos[child] = (px + r * math.cos(angle), py + r * math.sin(angle))
            queue.append(child)
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    local = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
    radius = max(math.hypot(x, y) for x, y in local.values()) + spacing / 2
    return local, radius


def _spread_hubs(pos: dict[str, tuple[float, float]], hubs: list[str], gap: float) -> None:
    """Push the best-connected nodes apart until ``gap`` separates each pair (their labels
    are the ones a reader sees first); the others follow when their sunflowers are set."""
    for _ in range(60):
        moved = False
        for i, u in enumerate(hubs):
            for v in hubs[i + 1 :]:
                (ux, uy), (vx, vy) = pos[u], pos[v]
                dx, dy = vx - ux, vy - uy
                dist = math.hypot(dx, dy)
                if dist >= gap:
                    continue
                if dist == 0:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (gap - dist) / 2 / dist
                pos[u] = (ux - dx * push, uy - dy * push)
                pos[v] = (vx + dx * push, vy + dy * push)
                moved = True
        if not moved:
            break

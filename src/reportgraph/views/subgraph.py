"""Which part of the graph a page shows: the neighbourhood of a name, or, for a graph too
big for one browser tab, its largest connected neighbourhoods."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import networkx as nx

from reportgraph.errors import ReportgraphError


def focus_graph(graph: nx.MultiDiGraph, focus: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps (either direction) of every node named ``focus``."""
    if depth < 0:
        raise ReportgraphError(f"focus depth must be 0 or more, not {depth}")
    centres = find_nodes(graph, focus)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.ego_graph(graph, centre, radius=depth, undirected=True))
    return graph.subgraph(sorted(keep)).copy()


def find_nodes(graph: nx.MultiDiGraph, focus: str) -> list[str]:
    """Nodes whose IRI is ``focus`` or whose label/alt label matches it, ignoring case."""
    wanted = focus.strip()
    iri = wanted[1:-1] if wanted.startswith("<") and wanted.endswith(">") else wanted
    if iri in graph:
        return [iri]
    key = wanted.casefold()
    hits = [n for n, names in graph.nodes(data="names") if key in {x.casefold() for x in names}]
    if hits:
        return sorted(hits)
    raise ReportgraphError(_unknown_focus(graph, focus))


def _unknown_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    by_key: dict[str, str] = {}
    for _, names in sorted(graph.nodes(data="names")):
        for name in names:
            by_key.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(focus.strip().casefold(), sorted(by_key), n=5)
    message = f"no entity named {focus!r}"
    if close:
        message += "; did you mean: " + ", ".join(by_key[c] for c in close) + "?"
    return message


@dataclass(frozen=True)
class Capped:
    graph: nx.MultiDiGraph
    total_nodes: int  # before the cap
    total_edges: int

    @property
    def capped(self) -> bool:
        return self.graph.number_of_nodes() < self.total_nodes


def cap_graph(graph: nx.MultiDiGraph, max_nodes: int) -> Capped:
    """At most ``max_nodes`` nodes: whole connected components, biggest first, as many as
    fit; when the biggest alone is too big, the breadth-first neighbourhood of its
    best-connected node, so what is shown stays connected."""
    if max_nodes < 1:
        raise ReportgraphError(f"the node cap must be 1 or more, not {max_nodes}")
    total = Capped(graph, graph.number_of_nodes(), graph.number_of_edges())
    if graph.number_of_nodes() <= max_nodes:
        return total
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges())
    components = sorted(
        (sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0])
    )
    keep: list[str] = []
    for component in components:
        room = max_nodes - len(keep)
        if room <= 0:
            break
        if len(component) <= room:
            keep.extend(component)
            continue
        if keep:  # a smaller component may still fit whole; never show a cut second one
            continue
        centre = min(component, key=lambda n: (-simple.degree(n), n))
        for node in _breadth_first(simple, centre):
            keep.append(node)
            if len(keep) >= max_nodes:
                break
    shown = graph.subgraph(sorted(keep)).copy()
    return Capped(shown, total.total_nodes, total.total_edges)


def _breadth_first(graph: nx.Graph, centre: str) -> list[str]:
    """Nodes by distance from ``centre``, best-connected first within a ring."""
    order, ring, seen = [centre], [centre], {centre}
    while ring:
        nxt = sorted(
            {m for n in ring for m in graph[n]} - seen, key=lambda m: (-graph.degree(m), m)
        )
        seen.update(nxt)
        order.extend(nxt)
        ring = nxt
    return order

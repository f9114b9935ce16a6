"""One document resolved alone: the nodes, clusters within the document and counted
groups a full resolution makes of it (they depend on the document only), and the keys
the rules across documents block its nodes by."""

from __future__ import annotations

from dataclasses import dataclass

from reportgraph.incremental.nodekeys import NodeKeys, node_keys, node_names
from reportgraph.model import Annotated
from reportgraph.resolve.clusters import Clusters, Node
from reportgraph.resolve.groups import Counted, counted_groups
from reportgraph.resolve.within import build_nodes, join_within


@dataclass
class Alone:
    """A document's share of resolution; node ids are its own (0, 1, ...)."""

    annotated: Annotated
    nodes: list[Node]
    where: dict[tuple[str, int, int], int]
    units: list[int]  # each node's cluster within the document: its smallest node id
    guards: list[tuple[frozenset[str], frozenset[str]]]  # states, known places
    stated: list[tuple[str, Node]]  # the aliases it states
    keys: list[NodeKeys]
    counted: dict[int, Counted]

    @property
    def doc(self) -> str:
        return self.annotated.document.file_name

    def unit_nodes(self) -> dict[int, list[Node]]:
        found: dict[int, list[Node]] = {}
        for node in self.nodes:
            found.setdefault(self.units[node.id], []).append(node)
        return found

    def names(self, node: Node) -> set[str]:
        return node_names(node)


def resolve_alone(annotated: Annotated) -> Alone:
    """What ``resolve.resolve_traced`` makes of ``annotated`` before the rules across
    documents (no merge config: only plain builds are redone in part)."""
    nodes, where = build_nodes([annotated], set())
    clusters = Clusters(nodes, set())
    guards = [(frozenset(r.states), frozenset(r.places)) for r in clusters.roots.values()]
    stated: list[tuple[str, Node]] = []
    join_within([annotated], nodes, clusters, stated)
    smallest: dict[int, int] = {}
    for node in nodes:
        root = clusters.find(node.id)
        smallest[root] = min(smallest.get(root, node.id), node.id)
    units = [smallest[clusters.find(node.id)] for node in nodes]
    counted = counted_groups([annotated], nodes, where)
    return Alone(
        annotated, nodes, where, units, guards, stated, [node_keys(n) for n in nodes], counted
    )

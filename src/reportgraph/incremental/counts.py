"""What the graph holds after a one-document build (``stats.GraphStats``), from what it
held before and what the union of its graphs gained and lost, counted as ``graph_stats``
counts a whole graph."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES, RELATION_PREDICATES, SUB_RELATIONS
from reportgraph.ontology import RG
from reportgraph.stats import GraphStats
from reportgraph.stores.oxigraph import StoreDelta

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RELATIONS = {str(RG[p]) for p in (*RELATION_PREDICATES, *SUB_RELATIONS, "relatedTo")}


def counted_stats(before: dict[str, Any], delta: StoreDelta, named_graphs: int) -> GraphStats:
    stats = GraphStats(
        documents=before["documents"],
        entities={c: before["entities"].get(c, 0) for c in ENTITY_CLASSES},
        events={c: before["events"].get(c, 0) for c in EVENT_CLASSES},
        relations=before["relations"],
        triples=before["triples"],
        named_graphs=named_graphs,
    )
    for triples, sign in ((delta.added, 1), (delta.removed, -1)):
        for triple in triples:
            _count(stats, triple, sign)
    return stats


def _count(stats: GraphStats, triple: ox.Triple, sign: int) -> None:
    stats.triples += sign
    predicate = triple.predicate.value
    if predicate in _RELATIONS:
        stats.relations += sign
    subject, obj = triple.subject, triple.object
    if predicate != _TYPE or not isinstance(subject, ox.NamedNode):
        return
    if not isinstance(obj, ox.NamedNode) or not obj.value.startswith(str(RG)):
        return
    cls = obj.value[len(str(RG)) :]
    if cls == "Document":
        stats.documents += sign
    elif cls in ENTITY_CLASSES:
        stats.entities[cls] += sign
    elif cls in EVENT_CLASSES:
        stats.events[cls] += sign

"""Counting what a built graph holds, as `build` and `stats` print it."""

from __future__ import annotations

from rdflib.namespace import RDF

from reportgraph.ontology import ID, RG
from reportgraph.stats import graph_stats


def test_stats_count_named_graphs_and_every_relation_predicate() -> None:
    a, b = ID["organization/a"], ID["organization/b"]
    graphs = {
        ID["graph/one.txt"]: {(a, RG.relatedTo, b), (a, RG.memberOf, b)},
        ID["graph/two.txt"]: {(a, RG.relatedTo, b), (a, RDF.type, RG.Organization)},
        ID["graph/empty.txt"]: set(),
    }
    stats = graph_stats(graphs)
    assert (stats.relations, stats.triples, stats.named_graphs) == (2, 3, 2)
    assert stats.entities["Organization"] == 1

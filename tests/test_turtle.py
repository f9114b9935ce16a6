"""Our Turtle/TriG writer: what it writes parses back to the same triples, in the same bytes
whatever order the triples came in; the view reads a TripleIndex as it reads a Graph."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from reportgraph.build import build_dataset
from reportgraph.ontology import ID, RG
from reportgraph.rdf import named_graphs, union
from reportgraph.triples import TripleIndex
from reportgraph.turtle import trig, turtle
from reportgraph.views.project import project_graph

GOLDEN = Path(__file__).parent / "fixtures" / "golden"

S = ID["event/1"]
HARD_TRIPLES = {
    (S, RDF.type, RG.Arrest),
    (S, RDFS.label, Literal('say "no"\\ to\nthe\r\ttab \x01 and ünïcødé 北京', lang="en")),
    (S, RG.evidence, Literal("plain")),
    (S, RG.evidence, Literal("typed string", datatype=XSD.string)),
    (S, RG.startOffset, Literal(12, datatype=XSD.nonNegativeInteger)),
    (S, RG.count, Literal(Decimal("39.90420"))),
    (S, RG.date, Literal("2004-03", datatype=XSD.gYearMonth)),
    (S, RG.place, URIRef("https://example.org/a%20b/c.d")),
    (S, RG.place, URIRef("https://w3id.org/reportgraph/ns#needs.full")),
    (S, RG.agent, BNode("b0")),
    (BNode("b0"), RDFS.label, Literal("someone")),
}


def parsed_turtle(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_turtle_round_trips_hard_literals_and_iris() -> None:
    text = turtle(HARD_TRIPLES)
    expected = Graph()
    for triple in HARD_TRIPLES:
        expected.add(triple)
    assert isomorphic(parsed_turtle(text), expected)
    assert "rg:Arrest" in text and "@prefix rg:" in text
    assert "@prefix foaf:" not in text  # only the prefixes used


def test_same_triples_same_bytes_in_any_order() -> None:
    ordered = sorted(HARD_TRIPLES)
    shuffled = list(ordered)
    random.Random(3).shuffle(shuffled)
    assert turtle(ordered) == turtle(shuffled)


def test_trig_round_trips_named_graphs() -> None:
    graphs = {
        ID["graph/b.txt"]: {(ID["x"], RDFS.label, Literal("x"))},
        ID["graph/a.txt"]: set(HARD_TRIPLES),
        ID["graph/empty.txt"]: set(),
    }
    text = trig(graphs)
    assert text.index("graph/a.txt") < text.index("graph/b.txt")
    assert "empty.txt" not in text
    back = Dataset()
    back.parse(data=text, format="trig")
    got = named_graphs(back)
    assert set(got) == {ID["graph/a.txt"], ID["graph/b.txt"]}
    for name, triples in got.items():
        a, b = Graph(), Graph()
        for t in triples:
            a.add(t)
        for t in graphs[name]:
            b.add(t)
        assert isomorphic(a, b), name


def test_build_outputs_parse_back_to_the_built_graph() -> None:
    report = build_dataset([GOLDEN / "report.txt"])
    merged = set().union(*report.graphs.values())
    assert isomorphic(parsed_turtle(turtle(merged)), union(report.dataset))


def test_view_reads_an_index_as_it_reads_a_graph() -> None:
    report = build_dataset([GOLDEN / "report.txt"])
    graph = union(report.dataset)
    from_graph = project_graph(graph)
    from_index = project_graph(TripleIndex(graph))
    assert sorted(from_graph.nodes(data=True)) == sorted(from_index.nodes(data=True))
    assert sorted(from_graph.edges(keys=True)) == sorted(from_index.edges(keys=True))
    assert from_graph.graph == from_index.graph
    assert from_graph.number_of_nodes() > 5


def test_a_triple_index_answers_in_as_a_graph_does_without_reading_every_triple() -> None:
    index = TripleIndex(HARD_TRIPLES)
    graph = Graph()
    for triple in HARD_TRIPLES:
        graph.add(triple)
    absent = (S, RDF.type, RG.Document)
    for triple in [*HARD_TRIPLES, absent]:
        assert (triple in index) == (triple in graph)
    assert index.__contains__(absent) is False  # its own look-up, not a scan of __iter__


def test_files_written_in_chunks_hold_the_same_bytes(tmp_path: Path) -> None:
    """Big outputs are written chunk by chunk, the head (prefix lines) last made and
    first in the file: the bytes are those of the text made whole."""
    from reportgraph.files import write_atomic
    from reportgraph.turtle import turtle_parts
    from reportgraph.writing import trig_parts

    twice = [*HARD_TRIPLES, *HARD_TRIPLES]  # the union of graphs that share triples
    write_atomic(tmp_path / "graph.ttl", *turtle_parts(twice))
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == turtle(HARD_TRIPLES)
    graphs = {ID["doc/b"]: set(HARD_TRIPLES), ID["doc/a"]: {(S, RDF.type, RG.Arrest)}}
    blocks: dict = {}
    write_atomic(tmp_path / "graph.trig", *trig_parts(graphs, blocks))
    assert (tmp_path / "graph.trig").read_text(encoding="utf-8") == trig(graphs)
    assert sorted(blocks) == [str(ID["doc/a"]), str(ID["doc/b"])]
    assert all(b.length > 0 and b.hash for b in blocks.values())
    assert not list(tmp_path.glob(".*.tmp"))

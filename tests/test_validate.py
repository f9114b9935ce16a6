"""SHACL validation: the hand-written fixture conforms, and each kind of breakage is named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, XSD

from reportgraph.ontology import ID, RG, load_ontology, load_shapes
from reportgraph.rdf import union
from reportgraph.validate import ValidationReport, Violation, validate

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
EVENT = ID["event/a-1"]
PERSON = ID["person/anna-berg"]
COUNTRY = ID["country/ruritania"]
DOC = ID["doc/a"]


def mini() -> Dataset:
    ds = Dataset()
    ds.parse(MINI, format="trig")
    return ds


def replace(ds: Dataset, s: URIRef, p: URIRef, new: Literal | URIRef | None) -> None:
    """Swap every value of (s, p) for ``new`` in the first named graph (or just drop them)."""
    ds.remove((s, p, None, None))
    if new is not None:
        ds.graph(ID["graph/a"]).add((s, p, new))


def found(report: ValidationReport, focus: URIRef | str, path: str) -> list[Violation]:
    return [v for v in report.violations if v.focus == str(focus) and v.path == path]


def test_fixture_conforms() -> None:
    report = validate(mini())
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.text().startswith("Conforms")


def test_validate_leaves_the_dataset_alone() -> None:
    ds = mini()
    before = len(list(ds.quads((None, None, None, None))))
    validate(ds)
    assert len(list(ds.quads((None, None, None, None)))) == before


def test_plain_graph_is_accepted() -> None:
    assert validate(union(mini())).conforms


BREAKAGES: dict[str, tuple[Callable[[Dataset], None], URIRef | str, str]] = {
    "event without evidence": (
        lambda ds: replace(ds, EVENT, RG.evidence, None),
        EVENT,
        "rg:evidence",
    ),
    "event without document": (
        lambda ds: replace(ds, EVENT, RG.mentionedIn, None),
        EVENT,
        "rg:mentionedIn",
    ),
    "date typed xsd:string": (
        lambda ds: replace(ds, EVENT, RG.date, Literal("2002-03-12", datatype=XSD.string)),
        EVENT,
        "rg:date",
    ),
    "impossible month": (
        lambda ds: replace(ds, EVENT, RG.date, Literal("2002-13", datatype=XSD.gYearMonth)),
        EVENT,
        "rg:date",
    ),
    "impossible day": (
        lambda ds: replace(ds, EVENT, RG.date, Literal("2002-02-30", datatype=XSD.date)),
        EVENT,
        "rg:date",
    ),
    "event with two classes": (
        lambda ds: ds.graph(ID["graph/a"]).add((EVENT, RDF.type, RG.Punishment)),
        EVENT,
        "rdf:type",
    ),
    "event typed rg:Event alone": (
        lambda ds: replace(ds, EVENT, RDF.type, RG.Event),
        EVENT,
        "rdf:type",
    ),
    "agent missing from rg:actor": (
        lambda ds: ds.remove((EVENT, RG.actor, COUNTRY, None)),
        EVENT,
        "rg:agent",
    ),
    "place that is not a place": (
        lambda ds: replace(ds, EVENT, RG.place, ID["group/refugees"]),
        EVENT,
        "rg:place",
    ),
    "entity without label": (
        lambda ds: replace(ds, PERSON, RDFS.label, None),
        PERSON,
        "rdfs:label",
    ),
    "label without language": (
        lambda ds: replace(ds, PERSON, RDFS.label, Literal("Anna Berg")),
        PERSON,
        "rdfs:label",
    ),
    "entity with two kinds": (
        lambda ds: ds.graph(ID["graph/b"]).add((COUNTRY, RDF.type, RG.Organization)),
        COUNTRY,
        "rdf:type",
    ),
    "entity in no document": (
        lambda ds: replace(ds, PERSON, RG.mentionedIn, None),
        PERSON,
        "rg:mentionedIn",
    ),
    "document without file name": (
        lambda ds: replace(ds, DOC, RG.fileName, None),
        DOC,
        "rg:fileName",
    ),
    "document date in words": (
        lambda ds: replace(ds, DOC, DCTERMS.date, Literal("May 2002")),
        DOC,
        "dcterms:date",
    ),
    "two documents, one file name": (
        lambda ds: replace(ds, ID["doc/b"], RG.fileName, Literal("a.txt")),
        '"a.txt"',
        "^rg:fileName",
    ),
    "relation to a non-law": (
        lambda ds: ds.graph(ID["graph/a"]).add((COUNTRY, RG.ratified, PERSON)),
        COUNTRY,
        "rg:ratified",
    ),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_breakage_is_reported_on_its_focus_node(name: str) -> None:
    breaks, focus, path = BREAKAGES[name]
    ds = mini()
    breaks(ds)
    report = validate(ds)
    assert not report.conforms
    hits = found(report, focus, path)
    assert hits, report.text()
    assert all(v.severity == "Violation" and v.message for v in hits)
    assert str(focus) in report.text()


def test_warning_does_not_fail_the_graph() -> None:
    ds = mini()
    law = ID["law/refugee-convention"]
    g = ds.graph(ID["graph/a"])
    g.add((EVENT, RG.agent, law))
    g.add((EVENT, RG.actor, law))
    report = validate(ds)
    assert report.conforms, report.text()
    assert [(v.focus, v.path, v.severity, v.value) for v in report.violations] == [
        (str(EVENT), "rg:agent", "Warning", str(law))
    ]
    assert report.errors == []
    assert "1 warning" in report.text()


def test_violations_are_sorted_and_unique() -> None:
    ds = mini()
    for event in (EVENT, ID["event/b-1"], ID["event/a-2"]):
        replace(ds, event, RG.evidence, None)
        replace(ds, event, RDFS.label, None)
    report = validate(ds)
    assert report.violations == sorted(set(report.violations))
    assert len(report.violations) == 6


def test_run_once_check_matches_pyshacl_running_it_per_node() -> None:
    """The SPARQL constraint validate() runs once gives what pyshacl gives running it itself."""
    ds = mini()
    ds.remove((EVENT, RG.actor, None, None))
    shapes = load_shapes()
    shapes.remove((None, SH.deactivated, None))
    _, results, _ = shacl_validate(
        union(ds), shacl_graph=shapes, ont_graph=load_ontology(), inference="none"
    )
    sparql = {
        (str(results.value(r, SH.focusNode)), str(results.value(r, SH.value)))
        for r in results.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)
    }
    ours = {
        (v.focus, v.value)
        for v in validate(ds).violations
        if v.message.startswith("An rg:agent, rg:affected or rg:law")
    }
    assert ours == sparql == {(str(EVENT), str(COUNTRY)), (str(EVENT), str(ID["group/refugees"]))}

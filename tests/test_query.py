from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from reportgraph.errors import QueryError
from reportgraph.model import EVENT_CLASSES
from reportgraph.ontology import ID, RG
from reportgraph.query import (
    IRI,
    OUTPUT_FORMATS,
    QueryResult,
    format_result,
    list_queries,
    param_term,
    parse_header,
    pasteable,
    resolve_query,
    run_query,
)
from reportgraph.store import load_graph

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
RG_NS = "https://w3id.org/reportgraph/ns#"
IDS = "https://w3id.org/reportgraph/id/"

EVENT_A1 = ("2002-03-12", RG_NS + "Arrest", "Ruritania arrests Borduvian refugees")
EVENT_A2 = ("2002-04", RG_NS + "Repatriation", "Ruritania repatriates Borduvian refugees")
EVENT_B1 = ("2003-01-05", RG_NS + "Statement", "Anna Berg condemns Ruritania")


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load_graph(MINI)


def named(dataset: Dataset, name: str, **params: str) -> QueryResult:
    return run_query(dataset, resolve_query(name), params)


# --- the library -------------------------------------------------------------------------


def test_library_lists_the_named_queries_sorted() -> None:
    names = [q.name for q in list_queries()]

    assert names == sorted(names)
    for expected in (
        "actors-in-event-class",
        "documents-mentioning",
        "entities",
        "events-of-actor",
        "laws",
        "timeline",
    ):
        assert expected in names


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_named_query_has_a_summary_and_uses_its_params(query, mini: Dataset) -> None:
    assert query.summary
    assert query.path.endswith(f"{query.name}.rq")
    for name, description in query.params:
        assert description, f"{query.name}: parameter {name} has no description"
        assert f"?{name}" in query.text
    # it parses and runs with a harmless value for each parameter
    result = run_query(mini, query.text, {name: "nothing-matches-this" for name, _ in query.params})
    assert result.kind == "select"
    assert result.columns


def test_parse_header_reads_summary_and_params() -> None:
    text = "#+ summary: Who did what\n#+ params: actor (an actor)\n#+ params: ?year\nSELECT ..."
    assert parse_header(text) == ("Who did what", (("actor", "an actor"), ("year", "")))


def test_parse_header_rejects_a_malformed_param_line() -> None:
    with pytest.raises(QueryError, match=r"bad\.rq: cannot read parameter line"):
        parse_header("#+ params: two words (x)\n", "bad.rq")


# --- named queries on mini.trig: exact answers ---------------------------------------------


def test_events_of_actor_in_time_order(mini: Dataset) -> None:
    result = named(mini, "events-of-actor", actor="Ruritania")

    assert result.columns == ["date", "class", "label", "file", "event", "actor", "actorKey"]
    assert result.rows == [
        (*EVENT_A1, "a.txt", IDS + "event/a-1", "Ruritania", "ruritania"),
        (*EVENT_A2, "a.txt", IDS + "event/a-2", "Ruritania", "ruritania"),
        (*EVENT_B1, "b.html", IDS + "event/b-1", "Ruritania", "ruritania"),
    ]


@pytest.mark.parametrize(
    "actor",
    [
        "anna berg",  # label, any case
        "  ÁNNA   Berg ",  # accents and spaces: the same look-up key
        "Berg",  # skos:altLabel
        "id:person/anna-berg",  # prefixed IRI
        f"<{IDS}person/anna-berg>",  # full IRI
    ],
)
def test_events_of_actor_accepts_names_and_iris(mini: Dataset, actor: str) -> None:
    result = named(mini, "events-of-actor", actor=actor)

    assert [row[:5] for row in result.rows] == [(*EVENT_B1, "b.html", IDS + "event/b-1")]


def test_events_of_actor_via_alternative_name(mini: Dataset) -> None:
    result = named(mini, "events-of-actor", actor="Ruritanian authorities")

    assert [row[4] for row in result.rows] == [
        IDS + "event/a-1",
        IDS + "event/a-2",
        IDS + "event/b-1",
    ]


def test_events_of_unknown_actor_is_empty(mini: Dataset) -> None:
    assert named(mini, "events-of-actor", actor="Nobody").rows == []


@pytest.mark.parametrize("cls", ["Arrest", "arrest", "rg:Arrest", f"<{RG_NS}Arrest>"])
def test_actors_in_event_class(mini: Dataset, cls: str) -> None:
    result = named(mini, "actors-in-event-class", **{"class": cls})

    assert result.columns == ["actor", "label", "events", "class"]
    assert [row[:3] for row in result.rows] == [
        (IDS + "group/refugees", "Borduvian refugees", "1"),
        (IDS + "country/ruritania", "Ruritania", "1"),
    ]


def test_actors_in_event_class_counts_events(mini: Dataset) -> None:
    ds = load_graph(MINI)
    extra = ds.graph(ID["graph/c"])
    extra.add((ID["event/c-1"], RDF.type, RG.Arrest))
    extra.add((ID["event/c-1"], RG.actor, ID["country/ruritania"]))

    result = named(ds, "actors-in-event-class", **{"class": "Arrest"})

    assert [row[:3] for row in result.rows] == [
        (IDS + "country/ruritania", "Ruritania", "2"),
        (IDS + "group/refugees", "Borduvian refugees", "1"),
    ]


def test_documents_mentioning(mini: Dataset) -> None:
    result = named(mini, "documents-mentioning", entity="RURITÁNIA")

    assert result.columns == ["file", "title", "date", "doc", "entity", "entityKey"]
    assert result.rows == [
        ("a.txt", "Crackdown at the border", "2002-05", IDS + "doc/a", "RURITÁNIA", "ruritania"),
        ("b.html", "Aid workers speak out", "2003", IDS + "doc/b", "RURITÁNIA", "ruritania"),
    ]
    by_alt = named(mini, "documents-mentioning", entity="1951 Convention")
    assert [row[0] for row in by_alt.rows] == ["a.txt"]


def test_laws_with_provenance(mini: Dataset) -> None:
    result = named(mini, "laws")

    assert result.columns == ["lawLabel", "relation", "partyLabel", "file", "law", "party"]
    law, party = IDS + "law/refugee-convention", IDS + "country/ruritania"
    assert result.rows == [
        ("Refugee Convention", "ratified", "Ruritania", "a.txt", law, party),
        ("Refugee Convention", "violates", "Ruritania", "a.txt", law, party),
    ]


def test_laws_names_the_document_that_made_each_claim() -> None:
    ds = load_graph(MINI)
    doc_c = ds.graph(ID["graph/c"])
    doc_c.add((ID["doc/c"], RG.fileName, Literal("c.pdf")))
    doc_c.add((ID["person/anna-berg"], RG.violates, ID["law/refugee-convention"]))
    doc_c.add((ID["law/torture-convention"], RDF.type, RG.Law))
    doc_c.add((ID["law/torture-convention"], RDFS.label, Literal("Convention against Torture")))

    rows = named(ds, "laws").rows

    law, party = IDS + "law/refugee-convention", IDS + "country/ruritania"
    anna = IDS + "person/anna-berg"
    assert rows == [
        ("Convention against Torture", None, None, None, IDS + "law/torture-convention", None),
        ("Refugee Convention", "ratified", "Ruritania", "a.txt", law, party),
        ("Refugee Convention", "violates", "Anna Berg", "c.pdf", law, anna),
        ("Refugee Convention", "violates", "Ruritania", "a.txt", law, party),
    ]


def test_timeline(mini: Dataset) -> None:
    result = named(mini, "timeline")

    assert result.columns == ["date", "class", "label", "actors", "file", "event"]
    assert result.rows == [
        (*EVENT_A1, "Borduvian refugees; Ruritania", "a.txt", IDS + "event/a-1"),
        (*EVENT_A2, "Borduvian refugees; Ruritania", "a.txt", IDS + "event/a-2"),
        (*EVENT_B1, "Anna Berg; Ruritania", "b.html", IDS + "event/b-1"),
    ]


def test_timeline_puts_undated_events_last() -> None:
    ds = load_graph(MINI)
    extra = ds.graph(ID["graph/c"])
    for key in ("c-1", "c-2"):
        extra.add((ID[f"event/{key}"], RDF.type, RG.Protest))
        extra.add((ID[f"event/{key}"], RDFS.label, Literal(f"protest {key}")))
        extra.add((ID[f"event/{key}"], RG.evidence, Literal("They protested.")))

    rows = named(ds, "timeline").rows

    assert [row[2] for row in rows[-2:]] == ["protest c-1", "protest c-2"]
    assert rows[-1][0] is None  # unbound


def test_incidents_leave_claims_out_and_keep_an_event_with_nothing_but_a_sentence() -> None:
    ds = load_graph(MINI)
    extra = ds.graph(ID["graph/c"])
    extra.add((ID["event/c-1"], RDF.type, RG.Protest))
    extra.add((ID["event/c-1"], RG.evidence, Literal("They protested.")))
    extra.add((ID["claim/c-2"], RDF.type, RG.Claim))
    extra.add((ID["claim/c-2"], RG.evidence, Literal("Police say 25.")))

    result = named(ds, "incidents")

    rows = {row[-1]: dict(zip(result.columns, row, strict=True)) for row in result.rows}
    assert IDS + "claim/c-2" not in rows
    assert rows[IDS + "event/c-1"] == {
        "date": None, "class": "Protest", "label": None, "agents": None, "affected": None,
        "others": None, "place": None, "laws": None, "documents": None,
        "sentences": "They protested.", "event": IDS + "event/c-1",
    }  # fmt: skip
    assert json.loads(format_result(result, "json"))[-1]["agents"] is None


def test_entities(mini: Dataset) -> None:
    result = named(mini, "entities")

    assert result.columns == ["label", "class", "documents", "entity"]
    assert result.rows == [
        ("Ruritania", RG_NS + "Country", "2", IDS + "country/ruritania"),
        ("Anna Berg", RG_NS + "Person", "1", IDS + "person/anna-berg"),
        ("Borduvian refugees", RG_NS + "Group", "1", IDS + "group/refugees"),
        ("Refugee Convention", RG_NS + "Law", "1", IDS + "law/refugee-convention"),
        ("Refugee Watch", RG_NS + "Organization", "1", IDS + "organization/refugee-watch"),
        ("Strelsau", RG_NS + "Place", "1", IDS + "place/strelsau"),
    ]


# --- parameters --------------------------------------------------------------------------


LABEL_FILTER = """
SELECT ?e WHERE {
  ?e rdfs:label ?label .
  FILTER (LCASE(STR(?label)) = LCASE(STR(?name)))
}
"""


def test_init_bindings_reach_the_filter(mini: Dataset) -> None:
    result = run_query(mini, LABEL_FILTER, {"name": "ANNA BERG"})

    assert result.rows == [(IDS + "person/anna-berg",)]


def test_a_parameter_cannot_inject_sparql(mini: Dataset) -> None:
    hostile = 'x")) || true || (STR("'
    assert run_query(mini, LABEL_FILTER, {"name": hostile}).rows == []
    assert named(mini, "events-of-actor", actor='Ruritania" || "a" = "a').rows == []


def test_param_terms() -> None:
    assert param_term("China") == Literal("China")
    assert param_term("rg:Arrest") == URIRef(RG_NS + "Arrest")
    assert param_term("id:country/china") == URIRef(IDS + "country/china")
    assert param_term("<urn:x:1>") == URIRef("urn:x:1")
    assert param_term("https://example.org/a") == URIRef("https://example.org/a")
    # unknown prefix, or a colon inside text, stays text
    assert param_term("nope:thing") == Literal("nope:thing")
    assert param_term("Law: 2002 edition") == Literal("Law: 2002 edition")


def test_any_query_variable_can_be_bound(mini: Dataset) -> None:
    text = "SELECT ?e ?label WHERE { ?e a ?cls ; rdfs:label ?label }"
    result = run_query(mini, text, {"cls": "rg:Person"})

    assert result.rows == [(IDS + "person/anna-berg", "Anna Berg")]


def test_unknown_param_is_refused(mini: Dataset) -> None:
    with pytest.raises(QueryError, match=r"unknown parameter actr \(parameters: actor\)"):
        named(mini, "events-of-actor", actr="Ruritania")


def test_missing_declared_param_is_refused(mini: Dataset) -> None:
    with pytest.raises(QueryError, match="missing parameter: actor"):
        named(mini, "events-of-actor")


# --- resolving ---------------------------------------------------------------------------


def test_resolve_named_query() -> None:
    text = resolve_query("laws")
    assert text.startswith("#+ summary:")
    assert resolve_query("laws.rq") == text


def test_a_file_named_like_a_packaged_query_is_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # README: `view --query laws.rq` with the user's own CONSTRUCT in laws.rq (issue 15)
    monkeypatch.chdir(tmp_path)
    packaged = resolve_query("laws")
    (tmp_path / "laws.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "utf-8")
    assert resolve_query("laws.rq") == "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert resolve_query("laws") == packaged
    assert resolve_query("timeline.rq").startswith("#+ summary:")  # no such file: packaged


def test_resolve_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.sparql"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == "ASK { ?s ?p ?o }"


def test_resolve_inline_sparql() -> None:
    text = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    assert resolve_query(text) == text
    long_text = "PREFIX ex: <http://example.org/>\n" * 30 + "ASK { ?s ?p ?o }"
    assert resolve_query(long_text) == long_text  # too long for a file name: no crash


def test_resolve_typo_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="did you mean events-of-actor"):
        resolve_query("event-of-actor")


def test_resolve_nonsense_lists_all_names() -> None:
    with pytest.raises(
        QueryError, match=r"named queries: actors-by-events, actors-in-event-class, .*timeline"
    ):
        resolve_query("zzzz")


# --- refusals and errors -----------------------------------------------------------------


def test_syntax_error_has_line_and_column(mini: Dataset) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax error at line 3, column \d+"):
        run_query(mini, "SELECT ?s\nWHERE {\n  ?s ?p }\n", {})


def test_unknown_prefix_is_a_query_error(mini: Dataset) -> None:
    with pytest.raises(QueryError, match="Unknown namespace prefix"):
        run_query(mini, "SELECT ?s WHERE { ?s nope:x ?o }", {})


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/>\nCLEAR ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_updates_are_refused(mini: Dataset, update: str) -> None:
    before = len(mini)
    with pytest.raises(QueryError, match="queries are read-only"):
        run_query(mini, update, {})
    assert len(mini) == before


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://ex.org/s> { ?s ?q ?v } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } } } }",
    ],
)
def test_service_is_refused(mini: Dataset, text: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(mini, text, {})


def test_from_is_refused(mini: Dataset) -> None:
    with pytest.raises(QueryError, match="FROM"):
        run_query(mini, "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", {})


# --- ask, construct and formats ----------------------------------------------------------


def test_ask(mini: Dataset) -> None:
    yes = run_query(mini, "ASK { ?e a rg:Arrest }", {})
    no = run_query(mini, "ASK { ?e a rg:Protest }", {})

    assert (yes.kind, yes.boolean, no.boolean) == ("ask", True, False)
    assert format_result(yes, "table") == "true\n"
    assert format_result(no, "csv") == "false\n"
    assert json.loads(format_result(yes, "json")) == {"boolean": True}


def test_construct_gives_turtle_or_jsonld(mini: Dataset) -> None:
    text = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a rg:Person ; rdfs:label ?l }"
    result = run_query(mini, text, {})

    assert result.kind == "graph"
    assert result.graph is not None and len(result.graph) == 1
    for fmt in ("table", "csv", "tsv"):
        turtle = format_result(result, fmt)
        assert "@prefix rdfs:" in turtle
        assert len(Graph().parse(data=turtle, format="turtle")) == 1
    jsonld = format_result(result, "json")
    parsed = Graph().parse(data=jsonld, format="json-ld")
    assert (URIRef(IDS + "person/anna-berg"), RDFS.label, Literal("Anna Berg", lang="en")) in parsed


def test_describe(mini: Dataset) -> None:
    result = run_query(mini, f"DESCRIBE <{IDS}person/anna-berg>", {})
    assert result.kind == "graph"
    assert result.graph is not None
    assert (URIRef(IDS + "person/anna-berg"), RG.spokespersonOf, None) in result.graph


SAMPLE = QueryResult(
    kind="select",
    columns=["thing", "note"],
    rows=[
        (IRI(IDS + "country/ruritania"), "short"),
        (IRI(RG_NS + "Arrest"), "tab\there, line\nbreak, " + "x" * 80),
        (None, "unbound thing"),
    ],
)


def test_table_prints_iris_that_paste_back_and_truncates_text() -> None:
    lines = format_result(SAMPLE, "table").splitlines()

    assert lines[0].split() == ["thing", "note"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    # id:country/ruritania is no prefixed name a parser reads (a "/" in the local part)
    assert lines[2].startswith(f"<{IDS}country/ruritania>  short")
    assert lines[3].startswith("rg:Arrest ")
    assert lines[3].endswith("…")
    assert "\n" not in lines[3] and "\t" not in lines[3]
    assert len(lines[3].split("  ", 1)[1].strip()) == 60
    # columns line up
    assert lines[2].index("short") == lines[0].index("note") == lines[4].index("unbound")


def test_a_text_that_looks_like_an_iri_stays_text() -> None:
    text = QueryResult(kind="select", columns=["t"], rows=[(IDS + "country/x",)])
    assert format_result(text, "table").splitlines()[2] == IDS + "country/x"


@pytest.mark.parametrize(
    ("iri", "printed"),
    [
        (RG_NS + "Arrest", "rg:Arrest"),
        ("http://www.wikidata.org/entity/Q148", "wd:Q148"),
        (IDS + "event/35e5a728ca20", f"<{IDS}event/35e5a728ca20>"),
        (IDS + "doc/001_fbab.txt", f"<{IDS}doc/001_fbab.txt>"),
        (RG_NS + "x.", f"<{RG_NS}x.>"),  # a local name may not end in "."
        ("urn:x:y", "<urn:x:y>"),
    ],
)
def test_pasteable_forms(iri: str, printed: str) -> None:
    assert pasteable(iri) == printed


def test_every_printed_iri_pastes_back_into_a_query(mini: Dataset) -> None:
    """What the table prints for a node, put into a query's text, finds that node again:
    on memory here, on oxigraph in test_query_library."""
    everything = run_query(mini, "SELECT ?s ?class WHERE { ?s a ?class }", {})
    table = format_result(everything, "table").splitlines()[2:]
    printed = {cell for line in table for cell in line.split() if cell.startswith(("<", "rg:"))}
    assert f"<{IDS}country/ruritania>" in printed and "rg:Country" in printed
    for term in sorted(printed):
        found = run_query(mini, f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}", {})
        assert found.boolean, term


def test_csv_keeps_full_iris() -> None:
    rows = list(csv.reader(io.StringIO(format_result(SAMPLE, "csv"))))

    assert rows[0] == ["thing", "note"]
    assert rows[1] == [IDS + "country/ruritania", "short"]
    assert rows[2][1].startswith("tab\there, line\nbreak")
    assert rows[3] == ["", "unbound thing"]


def test_tsv_escapes_tabs_and_newlines() -> None:
    lines = format_result(SAMPLE, "tsv").splitlines()

    assert lines[0] == "thing\tnote"
    assert lines[2].startswith(RG_NS + "Arrest\ttab\\there, line\\nbreak")
    assert len(lines) == 4


def test_json_is_a_list_of_objects() -> None:
    records = json.loads(format_result(SAMPLE, "json"))

    assert records[0] == {"thing": IDS + "country/ruritania", "note": "short"}
    assert records[2] == {"thing": None, "note": "unbound thing"}  # null, not ""
    assert len(records) == 3


def test_every_format_of_a_real_result(mini: Dataset) -> None:
    result = named(mini, "entities")
    for fmt in OUTPUT_FORMATS:
        text = format_result(result, fmt)
        assert text.endswith("\n")
        assert "Ruritania" in text


def test_unknown_format_is_refused() -> None:
    with pytest.raises(QueryError, match="choose one of table, csv, tsv, json"):
        format_result(SAMPLE, "xml")


@pytest.mark.parametrize("name", ["actors-in-event-class", "events-between"])
def test_class_queries_list_every_event_class(name: str) -> None:
    """They compare the class given with the event classes listed in a VALUES block."""
    text = resolve_query(name)
    listed = re.search(r"VALUES \?type \{([^}]*)\}", text).group(1).split()  # type: ignore[union-attr]
    assert listed == [f"rg:{cls}" for cls in EVENT_CLASSES]

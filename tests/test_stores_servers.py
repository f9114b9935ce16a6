"""Integration: the corpus graph loaded into real SPARQL servers on loopback (Oxigraph's
server and Virtuoso) answers every named query as the in-memory store does; a second load
replaces each document's graph and drops the graphs of documents that are gone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from servers import oxigraph_server, virtuoso_server
from stores_compare import CORPUS_GRAPH, answers, differences

from reportgraph.errors import QueryError
from reportgraph.query import get_query, run_query
from reportgraph.store import load_graph
from reportgraph.stores import load_store, open_store
from reportgraph.stores.sparql import SparqlStore

FIRST_GRAPH = "https://w3id.org/reportgraph/id/graph/000_6dd449ae862c0582.txt"


@pytest.fixture(scope="module")
def memory() -> Dataset:
    return load_graph(CORPUS_GRAPH)


@pytest.fixture(scope="module")
def memory_answers(memory: Dataset) -> dict:
    return answers(memory)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """``sparql:URL`` of a server holding the corpus graph."""
    folder = tmp_path_factory.mktemp(request.param)
    with pytest.MonkeyPatch.context() as env:
        if request.param == "oxigraph":
            with oxigraph_server(folder) as base:
                env.setenv("REPORTGRAPH_SPARQL_UPDATE_URL", base + "/update")
                yield _loaded(f"sparql:{base}/query")
        else:
            with virtuoso_server(folder) as url:
                env.delenv("REPORTGRAPH_SPARQL_UPDATE_URL", raising=False)
                yield _loaded(f"sparql:{url}")


def _loaded(spec: str) -> str:
    report = load_store(spec, CORPUS_GRAPH)
    assert (report.graphs, report.statements) == (5, 2318 + 241)  # quads: one set per graph
    return spec


# Differences known and not yet understood, by server: none now (Virtuoso 7 gave
# events-of-actor 153 rows where the others give 55 while it joined a BIND with the events).
KNOWN: dict[str, list[str]] = {}


def test_every_named_query_answers_as_in_memory(
    server: str, memory_answers: dict, request: pytest.FixtureRequest
) -> None:
    with open_store(server, CORPUS_GRAPH) as store:
        found = differences(memory_answers, answers(store))
    known = KNOWN.get(request.node.callspec.params["server"], [])
    assert [line for line in found if not any(line.startswith(k) for k in known)] == []
    assert all(any(line.startswith(k) for line in found) for k in known), "fixed: drop KNOWN"


def test_the_whole_dataset_comes_back(server: str, memory: Dataset) -> None:
    with open_store(server, CORPUS_GRAPH) as store:
        dataset = store.dataset()
    for graph in memory.graphs():
        if len(graph):
            assert set(dataset.graph(graph.identifier)) == set(graph), graph.identifier


def test_refusals_hold_before_anything_is_sent(server: str) -> None:
    with open_store(server, CORPUS_GRAPH) as store:
        for text in (
            "DROP ALL",
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
        ):
            with pytest.raises(QueryError):
                run_query(store, text, {})  # type: ignore[arg-type]
        hostile = run_query(
            store,  # type: ignore[arg-type]
            get_query("documents-mentioning").text,  # type: ignore[union-attr]
            {"entity": '"} } ; DROP ALL ; SELECT * { ?s ?p ?o #'},
        )
        assert hostile.rows == []
        assert len(run_query(store, "SELECT ?d WHERE { ?d a rg:Document }", {}).rows) == 5  # type: ignore[arg-type]


def test_ask_construct_and_limit(server: str) -> None:
    with open_store(server, CORPUS_GRAPH) as store:
        assert run_query(store, "ASK { ?d a rg:Document }", {}).boolean is True  # type: ignore[arg-type]
        built = run_query(
            store,  # type: ignore[arg-type]
            "CONSTRUCT { ?d rg:fileName ?f } WHERE { ?d rg:fileName ?f }",
            {},
        )
        assert built.kind == "graph" and built.graph is not None and len(built.graph) == 5
        cut = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", {}, limit=3)  # type: ignore[arg-type]
        assert len(cut.rows) == 3 and cut.truncated


def test_a_reload_replaces_graphs_and_drops_removed_documents(server: str, memory: Dataset) -> None:
    smaller = Dataset()
    for graph in memory.graphs():
        if len(graph) and str(graph.identifier) != FIRST_GRAPH:
            copy = smaller.graph(graph.identifier)
            for triple in graph:
                copy.add(triple)
    store = open_store(server, CORPUS_GRAPH)
    assert isinstance(store, SparqlStore)
    try:
        graphs, _ = store.load(smaller, batch_lines=100)  # many small batches
        assert graphs == 4
        assert FIRST_GRAPH not in store.document_graphs() and len(store.document_graphs()) == 4
        store.load(memory)  # back as it was, for the other tests
        assert FIRST_GRAPH in store.document_graphs()
        assert store.dataset().graph(URIRef(FIRST_GRAPH))
    finally:
        store.close()


def test_credentials_are_never_in_the_url() -> None:
    from reportgraph.errors import GraphError

    with pytest.raises(GraphError, match="REPORTGRAPH_SPARQL_USER"):
        open_store("sparql:http://user:secret@127.0.0.1:9/sparql", Path("."))


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that asks for HTTP basic authentication gets the environment's user and
    password, and only after asking."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Guarded(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != "Basic " + base64.b64encode(
                b"analyst:s3cret"
            ).decode("ascii"):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b'{"head": {}, "boolean": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Guarded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"sparql:http://127.0.0.1:{server.server_address[1]}/sparql"
        monkeypatch.setenv("REPORTGRAPH_SPARQL_USER", "analyst")
        monkeypatch.setenv("REPORTGRAPH_SPARQL_PASSWORD", "s3cret")
        with open_store(url, Path(".")) as store:
            assert run_query(store, "ASK { ?s ?p ?o }", {}).boolean is True  # type: ignore[arg-type]
        assert seen[0] is None and seen[-1] and seen[-1].startswith("Basic ")
        monkeypatch.setenv("REPORTGRAPH_SPARQL_PASSWORD", "wrong")
        with open_store(url, Path(".")) as store, pytest.raises(QueryError, match="401"):
            run_query(store, "ASK { ?s ?p ?o }", {})  # type: ignore[arg-type]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

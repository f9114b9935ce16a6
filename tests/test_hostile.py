"""Nothing runs that should not: SPARQL that would write, fetch or run forever, parameters
that try to become SPARQL, RDF that points elsewhere. A loopback HTTP server counts every
request that gets out; each refusal is checked twice, by the parsed-query check and by the
network guard with that check bypassed, and the allowed path shows the server can be hit."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from reportgraph import query as query_module
from reportgraph.cli import cli
from reportgraph.errors import GraphError, QueryError
from reportgraph.guard import Blocked, TimedOut, offline, time_limit
from reportgraph.query import run_query, run_update
from reportgraph.store import load_graph
from reportgraph.stores import run as run_module

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"out"}}]}}'
TURTLE = b"<urn:remote:s> <urn:remote:p> <urn:remote:o> .\n"


class Server:
    """A loopback HTTP server that answers SPARQL JSON or Turtle and counts requests."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def _answer(self) -> None:
                hits.append(self.path)
                turtle = self.path.endswith(".ttl")
                body = TURTLE if turtle else RESULTS
                kind = "text/turtle" if turtle else "application/sparql-results+json"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture
def mini() -> Dataset:
    return load_graph(MINI)


def _quads(dataset: Dataset) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def remote_queries(url: str) -> dict[str, str]:
    """Read-only texts that would reach ``url`` if they ran."""
    return {
        "SERVICE": f"SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?x }} }}",
        "SERVICE in OPTIONAL": (
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/sparql> {{ ?s ?q ?x }} }} }}"
        ),
        "SERVICE in a subquery": (
            "SELECT * WHERE { { SELECT ?x WHERE { "
            f"SERVICE <{url}/sparql> {{ ?s ?p ?x }} }} }} }}"
        ),
        "SERVICE in a CONSTRUCT": (
            f"CONSTRUCT {{ ?s ?p ?x }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?x }} }}"
        ),
        "FROM": f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
        "FROM NAMED": f"SELECT * FROM NAMED <{url}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "FROM a local file": "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
    }


def remote_updates(url: str) -> dict[str, str]:
    return {
        "LOAD": f"LOAD <{url}/data.ttl>",
        "LOAD INTO GRAPH": f"LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
        "USING": f"DELETE {{ ?s ?p ?o }} USING <{url}/g.ttl> WHERE {{ ?s ?p ?o }}",
        "SERVICE in an update": (
            "INSERT { GRAPH <urn:g> { ?s ?p ?x } } "
            f"WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?x }} }}"
        ),
    }


UPDATES = {
    "INSERT DATA": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }",
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "DELETE/INSERT": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "CLEAR ALL": "PREFIX ex: <http://example.org/>\nCLEAR ALL",
    "DROP GRAPH": "DROP GRAPH <https://w3id.org/reportgraph/id/graph/a>",
    "CREATE GRAPH": "CREATE GRAPH <urn:new>",
    "COPY": "COPY DEFAULT TO <urn:copy>",
    "MOVE": "MOVE <https://w3id.org/reportgraph/id/graph/a> TO <urn:moved>",
    "ADD": "ADD <https://w3id.org/reportgraph/id/graph/a> TO <urn:added>",
}


# --- the parsed-query check ----------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(remote_queries("http://x")))
def test_remote_query_is_refused_from_its_algebra(server: Server, mini: Dataset, case: str) -> None:
    before = len(server.hits)
    with pytest.raises(QueryError, match="not allowed: queries run offline") as info:
        run_query(mini, remote_queries(server.url)[case], {})
    assert "--allow-network" in str(info.value)
    assert len(server.hits) == before


@pytest.mark.parametrize("case", sorted(UPDATES))
def test_update_is_refused_and_changes_nothing(mini: Dataset, case: str) -> None:
    before = _quads(mini)
    with pytest.raises(QueryError, match="queries are read-only") as info:
        run_query(mini, UPDATES[case], {})
    assert "--allow-update" in str(info.value)
    assert _quads(mini) == before


@pytest.mark.parametrize("case", sorted(remote_updates("http://x")))
def test_remote_update_is_refused_even_when_updates_are_allowed(
    server: Server, mini: Dataset, case: str
) -> None:
    before, hits = _quads(mini), len(server.hits)
    with pytest.raises(QueryError, match="not allowed: queries run offline"):
        run_update(mini, remote_updates(server.url)[case])
    assert (_quads(mini), len(server.hits)) == (before, hits)


# --- the guard, with the parsed-query check bypassed -------------------------------------


@pytest.fixture
def no_algebra_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "_refuse_remote", lambda _prepared: None)
    monkeypatch.setattr(query_module, "_refuse_remote_update", lambda _prepared: None)


@pytest.mark.usefixtures("no_algebra_check")
@pytest.mark.parametrize("case", ["SERVICE", "SERVICE in a CONSTRUCT", "FROM", "FROM NAMED"])
def test_guard_stops_what_the_check_would_have_refused(
    server: Server, mini: Dataset, case: str
) -> None:
    before = len(server.hits)
    with pytest.raises(QueryError, match="tried to reach the network") as info:
        run_query(mini, remote_queries(server.url)[case], {})
    assert "\n" not in str(info.value)
    assert len(server.hits) == before, "the request never left"


@pytest.mark.usefixtures("no_algebra_check")
def test_guard_stops_load_in_an_allowed_update(server: Server, mini: Dataset) -> None:
    before, hits = _quads(mini), len(server.hits)
    with pytest.raises(QueryError, match="tried to reach the network"):
        run_update(mini, remote_updates(server.url)["LOAD"])
    assert (_quads(mini), len(server.hits)) == (before, hits)


def test_allowed_network_reaches_the_server(server: Server, mini: Dataset) -> None:
    """The control: with the flag, the same SERVICE query does get out (so the tests above
    would see a leak)."""
    before = len(server.hits)
    result = run_query(mini, remote_queries(server.url)["SERVICE"], {}, allow_network=True)
    assert result.rows == [("out",)]
    assert len(server.hits) == before + 1


def test_guard_blocks_sockets_and_programs_only_inside_the_block(server: Server) -> None:
    host, port = server.httpd.server_address[:2]
    with offline() as attempts:
        with pytest.raises(Blocked):
            socket.create_connection((host, port), timeout=2)
        with pytest.raises(Blocked):
            subprocess.run(["true"], check=False)
        with pytest.raises(Blocked):
            socket.getaddrinfo("localhost", 80)
    assert [a.split()[0] for a in attempts] == [
        "socket.getaddrinfo",  # create_connection resolves first
        "subprocess.Popen",
        "socket.getaddrinfo",
    ]
    with offline(), pytest.raises(Blocked):
        socket.socket().connect((host, port))
    socket.create_connection((host, port), timeout=2).close()  # outside: works again
    assert subprocess.run(["true"], check=False).returncode == 0


def test_guard_is_per_context_not_per_process(server: Server) -> None:
    host, port = server.httpd.server_address[:2]
    outcome: list[str] = []

    def other_thread() -> None:
        try:
            socket.create_connection((host, port), timeout=2).close()
            outcome.append("connected")
        except Blocked:
            outcome.append("blocked")

    with offline():
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert outcome == ["connected"]


# --- time and size -----------------------------------------------------------------------

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_timeout_stops_a_runaway_query(mini: Dataset) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"query stopped after 0.3 s \(the time limit"):
        run_query(mini, SLOW, {}, timeout=0.3)
    assert time.monotonic() - started < 5
    time.sleep(0.5)  # no late exception lands in what runs next
    assert run_query(mini, "ASK { ?s ?p ?o }", {}, timeout=0.2).boolean is True


def test_time_limit_leaves_nothing_pending_when_work_ends_in_time() -> None:
    for _ in range(50):
        try:
            with time_limit(0.01):
                pass
        except TimedOut:
            pass  # a loaded machine may overrun 10 ms inside the block: that is the limit
    time.sleep(0.05)
    total = sum(range(100_000))  # would be cut short by a stray TimedOut
    assert total == 4999950000


def test_row_limit_cuts_and_says_so(mini: Dataset) -> None:
    everything = run_query(mini, "SELECT * WHERE { ?s ?p ?o }", {}, limit=0)
    triples = {quad[:3] for quad in mini.quads((None, None, None, None))}
    assert len(everything.rows) == len(triples) and not everything.truncated
    cut = run_query(mini, "SELECT * WHERE { ?s ?p ?o }", {}, limit=5)
    assert len(cut.rows) == 5 and cut.truncated
    exact = run_query(mini, "SELECT * WHERE { ?s ?p ?o }", {}, limit=len(everything.rows))
    assert not exact.truncated


# --- parameters are values ---------------------------------------------------------------

INJECTIONS = [
    '"} ; DROP ALL ; {"',
    'China" } UNION { ?s ?p ?o } #',
    "> } SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } #",
    "?actor",
    "<urn:x> } INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_parameter_is_bound_as_a_value(mini: Dataset, value: str) -> None:
    before = _quads(mini)
    result = run_query(mini, query_module.resolve_query("events-of-actor"), {"actor": value})
    assert result.rows == []
    assert _quads(mini) == before


# --- the command line -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    result = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_cli_refuses_updates_and_leaves_the_files(built: Path) -> None:
    before = (built / "graph.trig").read_bytes()
    result = CliRunner().invoke(cli, ["query", UPDATES["DELETE WHERE"], "--graph", str(built)])
    assert result.exit_code == 1
    assert "queries are read-only" in result.stderr and "--allow-update" in result.stderr
    assert (built / "graph.trig").read_bytes() == before


def test_cli_allow_update_saves_the_changed_graph(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(built, folder)
    before = _quads(load_graph(folder))
    text = "DELETE { GRAPH ?g { ?e rg:evidence ?s } } WHERE { GRAPH ?g { ?e rg:evidence ?s } }"
    result = CliRunner().invoke(cli, ["query", text, "--allow-update", "--graph", str(folder)])
    assert result.exit_code == 0, result.output
    after = load_graph(folder)
    removed = before - _quads(after)
    assert removed > 0
    assert result.stdout.startswith(f"-{removed} statements; wrote {folder / 'graph.ttl'}")
    assert not run_query(after, "ASK { ?e rg:evidence ?s }", {}).boolean


def test_cli_timeout_limit_and_network_flags(built: Path, server: Server) -> None:
    graph = ["--graph", str(built)]
    result = CliRunner().invoke(cli, ["query", SLOW, "--timeout", "0.3", *graph])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: query stopped after 0.3 s")
    result = CliRunner().invoke(
        cli, ["query", "SELECT * WHERE { ?s ?p ?o }", "--limit", "3", *graph]
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2 + 3
    assert "note: only the first 3 rows are shown (--limit 0 for all)" in result.stderr
    service = remote_queries(server.url)["SERVICE"]
    before = len(server.hits)
    refused = CliRunner().invoke(cli, ["query", service, *graph])
    assert refused.exit_code == 1 and "SERVICE is not allowed" in refused.stderr
    assert len(server.hits) == before
    allowed = CliRunner().invoke(cli, ["query", service, "--allow-network", *graph])
    assert allowed.exit_code == 0 and "out" in allowed.stdout
    assert len(server.hits) == before + 1


# --- RDF input is parsed, never followed ---------------------------------------------------


def test_loading_rdf_fetches_nothing(server: Server, tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(
        f"@base <{server.url}/base/> .\n"
        f"@prefix remote: <{server.url}/ns#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<g> {{ <a> owl:imports <{server.url}/data.ttl> ; remote:seeAlso <{server.url}/x> . }}\n",
        encoding="utf-8",
    )
    before = len(server.hits)
    with offline() as attempts:
        dataset = load_graph(tmp_path)
    assert _quads(dataset) == 2
    assert attempts == [] and len(server.hits) == before


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("graph.jsonld", '{"@context": "http://127.0.0.1:1/context.jsonld", "@id": "urn:a"}'),
        (
            "graph.rdf",
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        ),
        ("graph.owl", "<rdf:RDF/>"),
    ],
)
def test_formats_that_can_fetch_are_not_read(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphError, match="not a graph file"):
        load_graph(path)


def test_xml_entity_in_a_turtle_file_is_a_syntax_error_not_a_fetch(
    server: Server, tmp_path: Path
) -> None:
    (tmp_path / "graph.trig").write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{server.url}/x">]><r>&e;</r>\n',
        encoding="utf-8",
    )
    before = len(server.hits)
    with offline() as attempts, pytest.raises(GraphError, match="syntax error"):
        load_graph(tmp_path)
    assert attempts == [] and len(server.hits) == before


def test_a_build_says_it_replaces_changes_made_by_an_update(built: Path, tmp_path: Path) -> None:
    """Red-team F31: an --allow-update edit vanished at the next build without a word."""
    folder = tmp_path / "g"
    shutil.copytree(built, folder)
    text = 'INSERT DATA { GRAPH <urn:mine> { <urn:a> <urn:b> "kept?" } }'
    result = CliRunner().invoke(cli, ["query", text, "--allow-update", "--graph", str(folder)])
    assert result.exit_code == 0, result.output
    assert "the next 'reportgraph build' into this folder replaces these changes" in result.stderr
    rebuilt = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(folder), "--quiet"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "held changes made with 'query --allow-update'" in rebuilt.stderr
    again = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(folder), "--quiet"])
    assert "allow-update" not in again.stderr  # said once


def test_an_update_of_the_default_graph_says_what_to_do(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "g"
    shutil.copytree(built, folder)
    text = 'INSERT DATA { <urn:a> <urn:b> "where?" }'
    result = CliRunner().invoke(cli, ["query", text, "--allow-update", "--graph", str(folder)])
    assert result.exit_code == 1
    assert "put the triples inside GRAPH <...>" in result.stderr

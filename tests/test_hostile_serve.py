"""Issue 13's attacks on ``reportgraph serve`` and on query output (F14-F22, F29, F36,
F37), each replayed small: loopback only, a few requests, every socket with a timeout."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from xml.dom import minidom

import pytest
from rdflib import Dataset, Literal, URIRef
from stores_compare import CORPUS_GRAPH

from reportgraph.query import format_result, run_query
from reportgraph.serve import make_server
from reportgraph.servepool import wait_idle
from reportgraph.stores import open_store
from reportgraph.terminal import terminal_line

TIMEOUT = 2.0  # the server's --timeout
REQUEST_TIMEOUT = 1.5  # seconds a client has to send a whole request
CORS = "http://localhost:8080"
REGEX = 'SELECT ?x WHERE { BIND(REGEX("' + "a" * 30 + '!", "^(a+)+$") AS ?x) }'  # ~40 s


class Server:
    def __init__(self, server: object, store: object) -> None:
        self.server = server
        self.store = store
        self.host, self.port = server.server_address[:2]  # type: ignore[attr-defined]
        self.pool = server.pool  # type: ignore[attr-defined]

    def raw(self, data: bytes, *, wait: float = 10.0, host: bool = True) -> bytes:
        """Send ``data`` as it is and read until the server answers in full or closes."""
        if host and b"\r\nHost:" not in data:
            line, _, rest = data.partition(b"\r\n")
            data = line + b"\r\nHost: 127.0.0.1\r\n" + rest
        with socket.create_connection((self.host, self.port), timeout=wait) as sock:
            sock.sendall(data)
            return _read_reply(sock)

    def request(
        self, query: str, *, accept: str = "application/sparql-results+json",
        headers: dict[str, str] | None = None, wait: float = 20.0,
    ) -> tuple[int, dict[str, str], str]:  # fmt: skip
        body = urllib.parse.urlencode({"query": query}).encode()
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        if "Host" not in (headers or {}):
            extra = f"Host: 127.0.0.1:{self.port}\r\n" + extra
        head = (
            "POST /sparql HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Accept: {accept}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
        )
        return parse(self.raw(head.encode() + body, wait=wait, host=False))


def _read_reply(sock: socket.socket) -> bytes:
    out = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            out += chunk
            head, sep, body = out.partition(b"\r\n\r\n")
            if sep:
                lengths = [
                    line.split(b":", 1)[1]
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ]
                if lengths and len(body) >= int(lengths[0]):
                    break
    except (TimeoutError, ConnectionResetError):
        pass
    return out


def parse(reply: bytes) -> tuple[int, dict[str, str], str]:
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def served() -> Iterator[Server]:
    store = open_store("memory", CORPUS_GRAPH)
    server = make_server(
        store, "127.0.0.1", 0, timeout=TIMEOUT, limit=50, cors=CORS, workers=4,
        memory_mb=300, request_timeout=REQUEST_TIMEOUT,
    )  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(server, store)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def srv(served: Server) -> Server:
    """The server with all four workers idle (a test before may have had one killed)."""
    assert wait_idle(served.pool, 4, 60)
    return served


# --- F17: Content-Length -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "status"), [("-1", 400), ("abc", 400), ("1e3", 400), ("+5", 400), (None, 411)]
)
def test_a_bad_or_missing_content_length_is_refused_unread(
    srv: Server, length: str | None, status: int
) -> None:
    head = b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
    if length is not None:
        head += f"Content-Length: {length}\r\n".encode()
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        sock.sendall(head + b"Host: 127.0.0.1\r\n\r\nASK {} #")
        reply = _read_reply(sock)  # answered at once, not after reading to EOF
        assert parse(reply)[0] == status
        with pytest.raises(OSError):  # F17: the server closed; the rest is never buffered
            for _ in range(64):
                sock.sendall(b"#" * (1 << 16))
                time.sleep(0.01)


def test_the_body_cap_holds_and_chunked_bodies_are_refused(srv: Server) -> None:
    big = b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
    assert parse(srv.raw(big + b"Content-Length: 52428800\r\n\r\nASK {}"))[0] == 413
    chunked = big + b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n"
    assert parse(srv.raw(chunked))[0] == 411


# --- F19, F21: slow and malformed requests -----------------------------------------------


def test_a_slowloris_client_is_dropped(srv: Server) -> None:
    start = time.monotonic()
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        dropped = False
        while time.monotonic() - start < 8:  # a header line every 0.2 s, never the end
            try:
                sock.sendall(b"X-a: b\r\n")
                sock.settimeout(0.2)
                if sock.recv(1) == b"":
                    dropped = True
                    break
            except TimeoutError:
                continue
            except OSError:
                dropped = True
                break
    assert dropped and time.monotonic() - start < REQUEST_TIMEOUT + 2


def test_too_many_connections_get_503() -> None:
    store = open_store("memory", CORPUS_GRAPH)
    server = make_server(store, "127.0.0.1", 0, workers=1, max_connections=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
    try:
        time.sleep(0.3)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            assert parse(_read_reply(sock))[0] == 503
    finally:
        for sock in idle:
            sock.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GARBAGE\r\n\r\n",
        b"GET /sparql HTTP/9.9\r\n\r\n",
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: abc\r\n\r\nASK {}",
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: [::1\r\n\r\n",
        b"PUT /sparql HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    ],
)
def test_every_malformed_request_gets_an_answer_and_no_traceback(
    srv: Server, request_bytes: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    status, headers, _ = parse(srv.raw(request_bytes, host=b"Host:" not in request_bytes))

    assert 400 <= status < 600
    assert headers.get("x-content-type-options") == "nosniff"
    assert "Traceback" not in capfd.readouterr().err


def test_an_answer_that_cannot_be_written_is_one_line(srv: Server) -> None:
    status, _, body = srv.request(
        "CONSTRUCT { <urn:a> <urn:b/> 'x' } WHERE {}", accept="application/rdf+xml"
    )
    assert status == 500 and body.count("\n") == 1 and "cannot write" in body


# --- F20: Host and Origin ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 403),  # DNS rebinding
        ({"Host": "evil.example:7878"}, 403),
        ({"Host": "127.0.0.1.evil.example"}, 403),
        ({"Host": "localhost:9999"}, 200),  # an ssh tunnel's port
        ({"Host": "[::1]"}, 200),
        ({"Origin": "http://evil.example"}, 403),  # any page's fetch or form
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),  # a no-cors GET sends no Origin
        ({"Origin": CORS}, 200),  # the one --cors names
        ({"Sec-Fetch-Site": "none"}, 200),  # typed into the address bar
    ],
)
def test_foreign_hosts_and_origins_are_refused(
    srv: Server, headers: dict[str, str], status: int
) -> None:
    got, sent, body = srv.request("ASK { ?s ?p ?o }", headers=headers)
    assert got == status, body
    if "Origin" in headers and status == 200:
        assert sent["access-control-allow-origin"] == CORS


def test_the_servers_own_origin_is_accepted(srv: Server) -> None:
    status, _, _ = srv.request("ASK {}", headers={"Origin": f"http://127.0.0.1:{srv.port}"})
    assert status == 200


# --- F37: headers --------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(srv: Server) -> None:
    answers = [
        srv.request("ASK {}"),
        srv.request("SELECT * WHERE { ?s ?p }"),
        parse(srv.raw(b"GET /other HTTP/1.1\r\nConnection: close\r\n\r\n")),
        parse(srv.raw(b"BREW /sparql HTTP/1.1\r\n\r\n")),
    ]
    assert [status for status, _, _ in answers] == [200, 400, 404, 501]
    for _, headers, _ in answers:
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "Python" not in headers["server"]


# --- F14, F15, F16, F18: queries in workers that can be stopped ----------------------------


def test_a_catastrophic_regex_is_stopped_while_an_ask_answers(srv: Server) -> None:
    """F14 + F18: three slow queries hold three workers; the fourth answers an ASK."""
    slow: list[tuple[int, float, str]] = []

    def attack() -> None:
        start = time.monotonic()
        status, _, body = srv.request(REGEX)
        slow.append((status, time.monotonic() - start, body))

    threads = [threading.Thread(target=attack) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    start = time.monotonic()
    status, _, body = srv.request("ASK { ?d a rg:Document }")
    ask_latency = time.monotonic() - start
    for thread in threads:
        thread.join(timeout=30)

    assert status == 200 and json.loads(body)["boolean"] is True
    assert ask_latency < 1.5, ask_latency
    assert len(slow) == 3
    for got, took, text in slow:
        assert got == 503 and "stopped after 2 s" in text
        assert took < TIMEOUT + 3, took  # the report's 37 s: now the deadline and a kill


def test_a_long_parse_is_stopped(srv: Server) -> None:
    """F15: 3,000 objects parse in about 45 s (quadratic in rdflib); stopped at the limit."""
    text = "SELECT * WHERE { ?s ?p " + ", ".join(f'"v{i}"' for i in range(3000)) + " }"
    start = time.monotonic()
    status, _, body = srv.request(text)
    assert status == 503 and "stopped" in body
    assert time.monotonic() - start < TIMEOUT + 3


def test_a_replace_bomb_is_stopped_by_the_memory_cap() -> None:
    """F16: each REPLACE multiplies the string by 11; eight of them ask for gigabytes. The
    server's time limit is long here, so that the memory cap is what stops it even on a
    loaded machine."""
    inner = '"aaaaaaaaaa"'
    for _ in range(8):
        inner = f'REPLACE({inner}, "", "aaaaaaaaaa")'
    store = open_store("memory", CORPUS_GRAPH)
    server = make_server(store, "127.0.0.1", 0, timeout=60, workers=1, memory_mb=300)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    srv = Server(server, store)
    try:
        start = time.monotonic()
        status, _, body = srv.request(f"SELECT (STRLEN({inner}) AS ?n) WHERE {{}}")
        assert status == 503 and "more memory than a query may use (300 MB" in body, body
        assert time.monotonic() - start < 30  # long before the 60 s time limit
        assert wait_idle(srv.pool, 1, 60)  # the worker was replaced
        assert srv.request("ASK {}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- F22: XML results ----------------------------------------------------------------------


def test_xml_results_stay_well_formed_with_control_characters(srv: Server) -> None:
    status, _, body = srv.request(
        'SELECT ?x WHERE { BIND("a\\u0000b\\u001bc\\rd" AS ?x) }',
        accept="application/sparql-results+xml",
    )
    assert status == 200
    literal = minidom.parseString(body.encode()).getElementsByTagName("literal")[0]
    assert literal.firstChild.data == "a\ufffdb\ufffdc\rd"  # type: ignore[union-attr]


# --- F29: terminal output ------------------------------------------------------------------


def test_table_output_shows_escape_sequences_instead_of_running_them() -> None:
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:g"))
    graph.add((URIRef("urn:d"), URIRef("urn:f"), Literal("\x1b[1;31mRED\x1b[0m\x1b]0;PWNED\x07")))
    result = run_query(dataset, "SELECT ?f WHERE { ?d <urn:f> ?f }", {})

    table = format_result(result, "table")
    assert "\x1b" not in table and "\x07" not in table
    assert "\\x1b[1;31mRED" in table
    assert terminal_line("Kim Chul\x00su\u202e") == "Kim Chul\\x00su\\u202e"


def test_skipped_lines_escape_file_names(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "\x1b]0;PWNED\x07.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.txt").write_text("Kim Chul-su fled to Seoul in 2003.\n")
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q", "-j1"]
    )
    assert "skipped:" in result.output and "\\x1b]0;PWNED\\x07" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


# --- F36: many triple patterns ---------------------------------------------------------------


def test_a_query_of_100_triple_patterns_is_no_syntax_error(srv: Server) -> None:
    text = "SELECT * WHERE { " + " ".join(f"?s{i} ?p ?o{i} ." for i in range(100)) + " } LIMIT 1"
    result = run_query(Dataset(), text, {})
    assert result.kind == "select" and len(result.columns) == 201
    status, _, _ = srv.request(text)
    assert status == 200


def test_a_query_too_deeply_nested_says_so() -> None:
    from reportgraph.errors import QueryError

    text = "SELECT * WHERE { " + "{" * 3000 + "?s ?p ?o" + "}" * 3000 + " }"
    with pytest.raises(QueryError, match="too deeply nested"):
        run_query(Dataset(), text, {})

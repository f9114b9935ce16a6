"""``reportgraph serve``: a read-only SPARQL endpoint on loopback, queried over HTTP with a
bounded client (every request has a time limit; the server stops at the end)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from stores_compare import CORPUS_GRAPH

from reportgraph.serve import make_server
from reportgraph.stores import load_store, open_store

CLIENT_TIMEOUT = 20  # seconds any one request may take
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def endpoint(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    spec = "memory"
    if request.param == "oxigraph":
        folder = tmp_path_factory.mktemp("serve") / "ox"
        load_store(f"oxigraph:{folder}", CORPUS_GRAPH)
        spec = f"oxigraph:{folder}"
    store = open_store(spec, CORPUS_GRAPH)
    server = make_server(store, "127.0.0.1", 0, timeout=10, limit=50)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        store.close()


def call(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=CLIENT_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def get(endpoint: str, query: str, accept: str = "application/sparql-results+json"):
    return call(
        endpoint + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
    )


def test_it_listens_on_loopback_only(endpoint: str) -> None:
    assert urllib.parse.urlsplit(endpoint).hostname == "127.0.0.1"


def test_select_as_sparql_json_with_term_types(endpoint: str) -> None:
    status, headers, body = get(
        endpoint, "SELECT ?d ?f ?t WHERE { ?d rg:fileName ?f ; dcterms:title ?t } ORDER BY ?f"
    )

    assert status == 200 and headers.get_content_type() == "application/sparql-results+json"
    answer = json.loads(body)
    assert answer["head"]["vars"] == ["d", "f", "t"]
    first = answer["results"]["bindings"][0]
    assert first["d"] == {
        "type": "uri",
        "value": "https://w3id.org/reportgraph/id/doc/000_6dd449ae862c0582.txt",
    }
    assert first["f"] == {"type": "literal", "value": "000_6dd449ae862c0582.txt"}
    assert first["t"] == {"type": "literal", "value": "Recent Crackdown in China", "xml:lang": "en"}
    assert len(answer["results"]["bindings"]) == 5


def test_post_form_and_sparql_query_body(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": "ASK { ?d a rg:Document }"}).encode()
    status, _, body = call(endpoint, data=form, headers={"Content-Type": FORM})
    assert status == 200 and json.loads(body)["boolean"] is True

    status, headers, body = call(
        endpoint,
        data=b"SELECT (COUNT(*) AS ?n) WHERE { ?d a rg:Document }",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and headers.get_content_type() == "text/csv"
    assert body.splitlines() == ["n", "5"]


def test_construct_as_turtle_or_ntriples(endpoint: str) -> None:
    text = "CONSTRUCT { ?d rg:fileName ?f } WHERE { ?d rg:fileName ?f }"
    status, headers, body = get(endpoint, text, accept="text/turtle")
    assert status == 200 and headers.get_content_type() == "text/turtle"
    assert "000_6dd449ae862c0582.txt" in body
    status, headers, body = get(endpoint, text, accept="application/n-triples")
    assert headers.get_content_type() == "application/n-triples"
    assert len(body.strip().splitlines()) == 5


def test_xml_and_tsv_results(endpoint: str) -> None:
    text = "SELECT ?f WHERE { ?d rg:fileName ?f } ORDER BY ?f LIMIT 1"
    _, _, xml = get(endpoint, text, accept="application/sparql-results+xml")
    assert '<variable name="f"/>' in xml and "<literal>000_6dd449ae862c0582.txt</literal>" in xml
    _, _, tsv = get(endpoint, text, accept="text/tab-separated-values")
    assert tsv.splitlines() == ["?f", '"000_6dd449ae862c0582.txt"']


@pytest.mark.parametrize(
    "query",
    [
        "DROP ALL",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p }",
    ],
)
def test_updates_service_from_and_bad_syntax_are_refused(endpoint: str, query: str) -> None:
    status, _, body = get(endpoint, query)

    assert status == 400
    assert body.strip() and "\n" not in body.strip()  # one line saying why


def test_update_requests_are_forbidden(endpoint: str) -> None:
    status, _, _ = call(endpoint, data=b"DROP ALL",
                        headers={"Content-Type": "application/sparql-update"})  # fmt: skip
    assert status == 403
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, _, _ = call(endpoint, data=form, headers={"Content-Type": FORM})
    assert status == 403
    status, _, body = get(
        endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?d a rg:Document }", "text/csv"
    )
    assert body.splitlines()[1] == "5"  # nothing was dropped


def test_protocol_datasets_are_refused(endpoint: str) -> None:
    url = (
        endpoint
        + "?"
        + urllib.parse.urlencode(
            {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "http://127.0.0.1:9/g"}
        )
    )
    status, _, body = call(url)
    assert status == 400 and "default-graph-uri" in body


def test_row_limit_and_unknown_paths(endpoint: str) -> None:
    status, headers, body = get(endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["X-Reportgraph-Truncated"]
    assert call(endpoint.replace("/sparql", "/other"))[0] == 404


def test_no_cors_header_unless_asked(endpoint: str) -> None:
    _, headers, _ = get(endpoint, "ASK {}")
    assert headers.get("Access-Control-Allow-Origin") is None


def test_serve_refuses_a_store_it_cannot_open(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgraph.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--store", f"oxigraph:{tmp_path / 'none'}"])
    assert result.exit_code == 1 and "reportgraph load --store" in result.output

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
from rdflib import RDF, Graph, Literal, URIRef
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


# --- media types, 406, service description ---------------------------------------------

FILES = "CONSTRUCT { ?d rg:fileName ?f } WHERE { ?d rg:fileName ?f }"


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("", "text/turtle", "turtle"),
        ("*/*", "text/turtle", "turtle"),
        ("text/*", "text/turtle", "turtle"),
        ("application/sparql-results+json, application/rdf+xml;q=0.5", "application/rdf+xml",
         "xml"),
    ],
)  # fmt: skip
def test_a_graph_is_labelled_with_the_format_it_is_in(
    endpoint: str, accept: str, media: str, parser: str
) -> None:
    status, headers, body = get(endpoint, FILES, accept=accept)

    assert status == 200 and headers.get_content_type() == media
    assert len(Graph().parse(data=body, format=parser)) == 5


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT ?d WHERE { ?d a rg:Document }", "text/turtle"),
        ("ASK { ?d a rg:Document }", "application/rdf+xml"),
        (FILES, "text/csv"),
        (FILES, "application/sparql-results+json"),
        ("SELECT ?d WHERE { ?d a rg:Document }", "text/turtle, */*;q=0"),
    ],
)
def test_a_type_that_cannot_be_served_is_406(endpoint: str, query: str, accept: str) -> None:
    status, headers, body = get(endpoint, query, accept=accept)

    assert status == 406 and headers.get_content_type() == "text/plain"
    assert "cannot be sent as" in body and "ask for" in body


def test_a_select_takes_a_wildcard_as_json(endpoint: str) -> None:
    status, headers, _ = get(endpoint, "SELECT ?d WHERE { ?d a rg:Document }", accept="*/*")
    assert status == 200 and headers.get_content_type() == "application/sparql-results+json"


def test_the_endpoint_without_a_query_describes_itself(endpoint: str) -> None:
    sd = "http://www.w3.org/ns/sparql-service-description#"
    status, headers, body = call(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers.get_content_type() == "text/turtle"
    graph = Graph().parse(data=body, format="turtle")
    service = URIRef(endpoint)
    assert (service, RDF.type, URIRef(sd + "Service")) in graph
    assert (service, URIRef(sd + "endpoint"), service) in graph
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    formats = set(graph.objects(service, URIRef(sd + "resultFormat")))
    assert URIRef("http://www.w3.org/ns/formats/RDF_XML") in formats
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats

    status, headers, body = call(endpoint, headers={"Accept": "application/rdf+xml"})
    assert headers.get_content_type() == "application/rdf+xml"
    assert len(Graph().parse(data=body, format="xml")) == len(graph)
    assert call(endpoint, headers={"Accept": "text/csv"})[0] == 406


def test_a_browser_at_the_endpoint_is_sent_to_the_query_page(endpoint: str) -> None:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), Stay())
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    request = urllib.request.Request(endpoint, headers={"Accept": browser})
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(request, timeout=CLIENT_TIMEOUT)
    assert caught.value.code == 303 and caught.value.headers["Location"] == "/"


# --- clients: SPARQLWrapper and rdflib's SPARQLStore -------------------------------------


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.mark.usefixtures("no_proxy")
def test_sparqlwrapper_select_ask_and_default_construct(endpoint: str) -> None:
    wrapper_module = pytest.importorskip("SPARQLWrapper")
    client = wrapper_module.SPARQLWrapper(endpoint)
    client.setTimeout(CLIENT_TIMEOUT)

    client.setQuery("SELECT ?f WHERE { ?d rg:fileName ?f } ORDER BY ?f")
    client.setReturnFormat(wrapper_module.JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert rows[0]["f"]["value"] == "000_6dd449ae862c0582.txt" and len(rows) == 5

    client.setQuery("ASK { ?d a rg:Document }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index]

    construct = wrapper_module.SPARQLWrapper(endpoint)  # defaults: RDF/XML for a graph
    construct.setTimeout(CLIENT_TIMEOUT)
    construct.setQuery(FILES)
    graph = construct.queryAndConvert()
    assert isinstance(graph, Graph) and len(graph) == 5


@pytest.mark.usefixtures("no_proxy")
def test_rdflib_sparqlstore_reads_the_endpoint(endpoint: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(endpoint, timeout=CLIENT_TIMEOUT)
    try:
        graph = Graph(store)
        rg = "https://w3id.org/reportgraph/ns#"
        files = sorted(str(row[0]) for row in graph.query(
            f"SELECT ?f WHERE {{ ?d <{rg}fileName> ?f }}"))  # fmt: skip
        assert files[0] == "000_6dd449ae862c0582.txt" and len(files) == 5
        assert graph.query(f"ASK {{ ?d a <{rg}Document> }}").askAnswer is True
        built = graph.query(
            f"CONSTRUCT {{ ?d <{rg}fileName> ?f }} WHERE {{ ?d <{rg}fileName> ?f }}"
        )
        assert len(built.graph) == 5  # type: ignore[arg-type]
        assert (None, URIRef(rg + "fileName"), Literal("000_6dd449ae862c0582.txt")) in graph
    finally:
        store.close()


# --- the query page ------------------------------------------------------------------------


def page(endpoint: str, **form: str) -> tuple[int, object, str]:
    root = endpoint.removesuffix("/sparql") + "/"
    return call(root + ("?" + urllib.parse.urlencode(form) if form else ""))


def test_the_page_lists_every_named_query_with_its_parameters(endpoint: str) -> None:
    from reportgraph.query import list_queries

    status, headers, body = page(endpoint)

    assert status == 200 and headers.get_content_type() == "text/html"  # type: ignore[attr-defined]
    csp = headers["Content-Security-Policy"]  # type: ignore[index]
    assert "script-src" not in csp and "default-src 'none'" in csp and "unsafe" not in csp
    for named in list_queries():
        assert f'id="q-{named.name}"' in body
        for name, _ in named.params:
            assert f'name="p.{name}"' in body
    assert "<script" not in body and "http://" not in body.replace(endpoint, "")


def test_the_page_runs_a_named_query_into_an_escaped_table(endpoint: str) -> None:
    status, _, body = page(endpoint, name="documents-mentioning", **{"p.entity": "UNHCR"})

    assert status == 200
    answer = body[body.index('<section id="answer">') :]
    answer = answer[: answer.index("</section>")]
    assert "<p>4 rows</p>" in answer and answer.count("<tr>") == 5
    assert "<td>001_fbab194a4f59ab32.txt</td>" in answer
    hostile = "Kim <script>alert(1)</script>"
    _, _, body = page(endpoint, name="documents-mentioning", **{"p.entity": hostile})
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<p>0 rows</p>" in body
    status, _, body = page(endpoint, name="no-such-query")
    assert status == 404 and "no named query" in body
    status, _, body = page(endpoint, name="documents-mentioning")  # parameter missing
    assert status == 200 and 'class="error"' in body and "missing parameter" in body


def test_a_query_that_has_run_a_while_yields_the_processor_when_another_arrives() -> None:
    """The pool lowers the priority of a worker whose query began ``YIELD_TO_NEW`` seconds
    ago as soon as another query arrives (here with stand-ins for two busy workers)."""
    import os
    import subprocess
    import time

    from reportgraph.servepool import NICE, YIELD_TO_NEW, WorkerPool, _Worker

    pool = WorkerPool.__new__(WorkerPool)
    children = [subprocess.Popen(["sleep", "30"]) for _ in range(2)]
    try:
        old, new = (_Worker(child, None) for child in children)  # type: ignore[arg-type]
        now = time.monotonic()
        pool._began = {old: now - 2 * YIELD_TO_NEW, new: now}
        pool._yield_to_new(now)
        assert old.niced and os.getpriority(os.PRIO_PROCESS, children[0].pid) == NICE
        assert not new.niced and os.getpriority(os.PRIO_PROCESS, children[1].pid) == 0
        assert old.restore_priority() and os.getpriority(os.PRIO_PROCESS, children[0].pid) == 0
    finally:
        for child in children:
            child.kill()
            child.wait()

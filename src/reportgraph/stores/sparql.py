"""``sparql:URL``: any SPARQL 1.1 server (Oxigraph, Virtuoso, Fuseki, GraphDB, QLever...).

Queries go to URL by the SPARQL 1.1 protocol; a load replaces each document's named graph
by SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches small enough for
Virtuoso, which refuses requests over about 10,000 lines) and drops the graphs of
documents that are gone. The server must answer queries without ``GRAPH`` over the union
of its named graphs (Virtuoso does; ``oxigraph serve --union-default-graph``; Fuseki's
``unionDefaultGraph``).

Credentials come from the environment, never the command line:
``REPORTGRAPH_SPARQL_USER`` and ``REPORTGRAPH_SPARQL_PASSWORD`` (HTTP basic or digest), or
``REPORTGRAPH_SPARQL_TOKEN`` (a bearer token); ``REPORTGRAPH_SPARQL_UPDATE_URL`` names the
update endpoint when it is not URL.
"""

from __future__ import annotations

import itertools
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from reportgraph.errors import GraphError, QueryError
from reportgraph.ontology import ID
from reportgraph.stores.base import Answer, Store, cut
from reportgraph.stores.sparqltext import term_text, with_prefixes, with_values
from reportgraph.stores.terms import lexical, quads_to_dataset, triples_to_graph

BATCH_LINES = 5_000  # statements per INSERT DATA request (Virtuoso refuses ~10,000 lines)
LOAD_TIMEOUT = 300.0  # seconds one load request may take
GRAPH_PREFIX = str(ID["graph/"])

_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}
_DOCUMENT_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a rg:Document } }"


class SparqlStore(Store):
    # A server may cap a sorted LIMIT (Virtuoso: 10,000 rows, so the default --limit's
    # 10,001 is refused): it gets a named query whole, and the rows past the limit are
    # dropped as they arrive.
    pages = False

    def __init__(self, url: str) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise GraphError(f"sparql:{url}: not an http(s) URL of a SPARQL endpoint")
        if parsed.username or parsed.password:
            raise GraphError(
                "put no credentials in the store URL: set REPORTGRAPH_SPARQL_USER and "
                "REPORTGRAPH_SPARQL_PASSWORD (or REPORTGRAPH_SPARQL_TOKEN) instead"
            )
        self.spec = f"sparql:{url}"
        self.url = url
        self.update_url = os.environ.get("REPORTGRAPH_SPARQL_UPDATE_URL") or url
        self._opener = _opener([url, self.update_url])
        self._token = os.environ.get("REPORTGRAPH_SPARQL_TOKEN")

    # --- reading ---------------------------------------------------------------------

    def execute(
        self,
        text: str,
        bindings: dict[str, Identifier],
        *,
        timeout: float | None,
        limit: int | None,
        allow_network: bool,
    ) -> Answer:
        from reportgraph.sparql import parsed, refuse_remote

        sent = with_values(with_prefixes(text), bindings)
        checked = parsed(sent)  # what goes out is parsed and refused as the original was
        if not allow_network:
            refuse_remote(checked)
        graph = checked.algebra.name in ("ConstructQuery", "DescribeQuery")
        return self._ask(sent, timeout=timeout, limit=limit, graph=graph)

    def dataset(self) -> Dataset:
        quads: list[ox.Quad] = []
        for name in self.document_graphs():
            graph = ox.NamedNode(name)
            answer = self._ask(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                default_graph=name,
                timeout=LOAD_TIMEOUT,
                graph=True,
            )
            assert answer.graph is not None
            for s, p, o in answer.graph:
                quads.append(ox.Quad(*(_ox(term) for term in (s, p, o)), graph))
        return quads_to_dataset(quads)

    def document_graphs(self) -> list[str]:
        """The named graphs on the server that hold a reportgraph document."""
        answer = self._ask(with_prefixes(_DOCUMENT_GRAPHS), timeout=LOAD_TIMEOUT)
        names = {lexical(row[0]) for row in answer.rows if row and row[0] is not None}
        return sorted(name for name in names if name.startswith(GRAPH_PREFIX))

    def _ask(
        self,
        text: str,
        *,
        timeout: float | None,
        limit: int | None = None,
        default_graph: str | None = None,
        graph: bool = False,
    ) -> Answer:
        form = [("query", text)] + ([("default-graph-uri", default_graph)] if default_graph else [])
        body, content_type = self._post(
            self.url,
            urllib.parse.urlencode(form),
            _ACCEPT_GRAPH if graph else _ACCEPT_RESULTS,
            timeout,
        )
        return _parse_answer(body, content_type, limit)

    # --- writing ---------------------------------------------------------------------

    def load(self, dataset: Dataset, batch_lines: int = BATCH_LINES) -> tuple[int, int]:
        """Replace each document's graph on the server with the one in ``dataset`` and drop
        the graphs of documents no longer in it; returns (graphs, statements) sent."""
        before = set(self.document_graphs())
        graphs = statements = 0
        names = set()
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
            if not len(graph) or not isinstance(graph.identifier, URIRef):
                continue
            name = term_text(graph.identifier)
            names.add(str(graph.identifier))
            lines = _ntriples(graph)
            for index, chunk in enumerate(_chunks(lines, batch_lines)):
                drop = f"DROP SILENT GRAPH {name} ;\n" if index == 0 else ""
                self.update(drop + f"INSERT DATA {{ GRAPH {name} {{\n" + "\n".join(chunk) + "\n} }")
            graphs += 1
            statements += len(lines)
        for gone in sorted(before - names):
            self.update(f"DROP SILENT GRAPH {term_text(URIRef(gone))}")
        return graphs, statements

    def update(self, text: str) -> None:
        """Send one SPARQL update (text this module wrote, never user text)."""
        self._post(
            self.update_url,
            urllib.parse.urlencode([("update", _ascii(text))]),
            _ACCEPT_RESULTS,
            LOAD_TIMEOUT,
        )

    # --- HTTP ------------------------------------------------------------------------

    def _post(self, url: str, form: str, accept: str, timeout: float | None) -> tuple[bytes, str]:
        """POST a form (``query=`` or ``update=``); returns the body and its media type."""
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        request = urllib.request.Request(url, data=form.encode("ascii"), headers=headers)
        try:
            with self._opener.open(request, timeout=timeout or None) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read().decode("utf-8", errors="replace"))
            raise QueryError(
                f"{self.spec}: the server said {exc.code} {exc.reason}: {detail}"
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GraphError(f"{self.spec}: cannot reach the server: {reason}") from exc


def _opener(urls: list[str]) -> urllib.request.OpenerDirector:
    """An opener that answers basic and digest challenges with the environment's
    credentials (and never reads proxies from the environment)."""
    handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({})]
    user = os.environ.get("REPORTGRAPH_SPARQL_USER")
    if user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in urls:
            passwords.add_password(
                None, url, user, os.environ.get("REPORTGRAPH_SPARQL_PASSWORD", "")
            )
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def _parse_answer(body: bytes, content_type: str, limit: int | None) -> Answer:
    if content_type in _RDF_TYPES:
        try:
            triples = ox.parse(body, format=_RDF_TYPES[content_type])
            return Answer(kind="graph", graph=triples_to_graph(t.triple for t in triples))
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"the server's answer is not {content_type}: {exc}") from exc
    if content_type not in ("application/sparql-results+json", "application/json"):
        raise QueryError(f"the server answered {content_type!r}, not SPARQL results")
    try:
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"the server's answer is not SPARQL JSON results: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return Answer(kind="ask", boolean=bool(result))
    columns = [variable.value for variable in result.variables]
    read = [
        tuple(solution[index] for index in range(len(columns)))
        for solution in itertools.islice(result, limit + 1 if limit else None)
    ]
    rows, truncated = cut(read, limit)
    return Answer(kind="select", columns=columns, rows=rows, truncated=truncated)


def _ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    from reportgraph.stores.terms import to_oxigraph

    return to_oxigraph(term)


def _ntriples(graph: Graph) -> list[str]:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line for line in text.splitlines() if line.strip())


def _chunks(lines: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(lines), size):
        yield lines[start : start + size]


def _ascii(text: str) -> str:
    r"""Every character past ASCII as a ``\u`` escape, which SPARQL reads anywhere in a
    request; some servers misread UTF-8 in form-encoded updates."""
    return "".join(
        char
        if ord(char) < 0x80
        else (f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}")
        for char in text
    )


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else "(no detail)")[:300]

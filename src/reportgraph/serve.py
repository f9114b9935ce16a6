"""``reportgraph serve``: a read-only SPARQL 1.1 protocol endpoint over any store, so that
YASGUI, Protégé and other SPARQL clients can query the graph.

It binds 127.0.0.1 unless told otherwise, sends no CORS header unless an origin is named
(a web page elsewhere could otherwise read the reports), and runs each query through the
same checks as ``reportgraph query``: updates, ``SERVICE``, ``FROM``, ``LOAD`` and the
protocol's own ``default-graph-uri`` / ``named-graph-uri`` are refused, and every query has
a time limit and a row limit.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from reportgraph.errors import GraphError, QueryError
from reportgraph.ontology import PREFIXES
from reportgraph.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT
from reportgraph.stores.base import Answer, Store, Term
from reportgraph.stores.terms import to_rdflib

PATH = "/sparql"
MAX_BODY = 1 << 20  # bytes of a POSTed query
LOOPBACK = ("127.0.0.1", "localhost", "::1")

_RESULTS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPHS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status to say so."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    cors: str | None = None,
    log: Callable[[str], None] | None = None,
) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL at ``/sparql`` (call ``serve_forever``); port 0
    picks a free one (``server.server_address``)."""
    lock = threading.Lock()  # rdflib's in-memory graph is not made for concurrent queries

    class Handler(_Handler):
        pass

    Handler.settings = {"store": store, "timeout": timeout, "limit": limit, "cors": cors,
                        "log": log, "lock": lock}  # fmt: skip
    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as exc:
        raise GraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    settings: dict[str, Any]
    server_version = "reportgraph"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != PATH:
            self._reply_text(HTTPStatus.NOT_FOUND, f"the SPARQL endpoint is {PATH}\n")
            return
        self._handle(parse_qs(url.query, keep_blank_values=True), None)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != PATH:
            self._reply_text(HTTPStatus.NOT_FOUND, f"the SPARQL endpoint is {PATH}\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._reply_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long\n")
            self.close_connection = True
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/x-www-form-urlencoded":
            form.update(parse_qs(body, keep_blank_values=True))
            self._handle(form, None)
        elif kind == "application/sparql-query":
            self._handle(form, body)
        elif kind == "application/sparql-update":
            self._refuse(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no updates")
        else:
            self._refuse(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query or a form with query=",
            )

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _handle(self, form: dict[str, list[str]], body: str | None) -> None:
        from reportgraph.stores.run import answer

        settings = self.settings
        try:
            if "update" in form:
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no updates")
            if "default-graph-uri" in form or "named-graph-uri" in form:
                raise Refused(
                    HTTPStatus.BAD_REQUEST,
                    "default-graph-uri and named-graph-uri are not allowed: queries run on "
                    "the loaded graph (use GRAPH in the query)",
                )
            texts = [body] if body is not None else form.get("query", [])
            if len(texts) != 1 or not texts[0].strip():
                raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
            with settings["lock"]:
                got = answer(
                    settings["store"],
                    texts[0],
                    {},
                    timeout=settings["timeout"],
                    limit=settings["limit"],
                )
            media, data = render(got, self.headers.get("Accept", ""))
        except Refused as exc:
            self._refuse(exc.status, str(exc))
            return
        except QueryError as exc:
            self._refuse(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except GraphError as exc:
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
            return
        self.send_response(HTTPStatus.OK)
        self._cors_headers()
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if got.truncated:
            self.send_header("X-Reportgraph-Truncated", f"only the first {settings['limit']} rows")
        self.end_headers()
        self.wfile.write(data)

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._reply_text(status, message.rstrip("\n") + "\n")

    def _reply_text(self, status: HTTPStatus, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self._cors_headers()
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _cors_headers(self) -> None:
        if self.settings["cors"]:
            self.send_header("Access-Control-Allow-Origin", self.settings["cors"])

    def log_message(self, format: str, *args: Any) -> None:
        log = self.settings["log"]
        if log is not None:
            log(f"{self.address_string()} {format % args}")


# --- results in the protocol's formats ---------------------------------------------------


def render(got: Answer, accept: str) -> tuple[str, bytes]:
    """(media type, body) for an answer, in the first format ``accept`` names that fits."""
    got.rows = [tuple(to_rdflib(value) for value in row) for row in got.rows]
    if got.kind == "graph":
        fmt = _pick(accept, _GRAPHS, "turtle")
        graph = got.graph
        assert graph is not None
        if fmt == "json-ld":
            data = graph.serialize(format="json-ld", context=dict(PREFIXES.items()))
        else:
            data = graph.serialize(format=fmt)
        return _MEDIA.get(fmt, "application/rdf+xml"), data.encode("utf-8")
    fmt = _pick(accept, _RESULTS, "json")
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt]
    return _MEDIA[fmt], writer(got).encode("utf-8")


def _pick(accept: str, known: dict[str, str], default: str) -> str:
    """The format of the most preferred known media type in an Accept header."""
    choices = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media.lower() in known and quality > 0:
            choices.append((-quality, index, known[media.lower()]))
    return min(choices)[2] if choices else default


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
    return out


def _json(got: Answer) -> str:
    if got.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(got.boolean)}) + "\n"
    bindings = [
        {name: _json_term(v) for name, v in zip(got.columns, row, strict=True) if v is not None}
        for row in got.rows
    ]
    return (
        json.dumps(
            {"head": {"vars": got.columns}, "results": {"bindings": bindings}}, ensure_ascii=False
        )
        + "\n"
    )


def _xml(got: Answer) -> str:
    head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if got.kind == "ask":
        return head + f"<head/><boolean>{'true' if got.boolean else 'false'}</boolean></sparql>\n"
    lines = [head, "<head>"]
    lines += [f"<variable name={quoteattr(name)}/>" for name in got.columns]
    lines.append("</head>\n<results>")
    for row in got.rows:
        lines.append("<result>")
        for name, value in zip(got.columns, row, strict=True):
            if value is not None:
                lines.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
        lines.append("</result>")
    lines.append("</results>\n</sparql>\n")
    return "\n".join(lines)


def _xml_term(term: Term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if isinstance(term, Literal) and term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif isinstance(term, Literal) and term.datatype is not None:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


def _csv(got: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if got.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if got.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(got.columns)
    writer.writerows(["" if value is None else str(value) for value in row] for row in got.rows)
    return buffer.getvalue()


def _tsv(got: Answer) -> str:
    if got.kind == "ask":
        return "?boolean\n" + ("true" if got.boolean else "false") + "\n"
    lines = ["\t".join(f"?{name}" for name in got.columns)]
    lines += ["\t".join("" if value is None else value.n3() for value in row) for row in got.rows]
    return "\n".join(lines) + "\n"


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")

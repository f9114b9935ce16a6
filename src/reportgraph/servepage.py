"""What ``reportgraph serve`` shows a person and describes to a client: the query page at
``/`` (the named queries as forms, an answer as a table) and the SPARQL 1.1 service
description at the endpoint.

The page runs no script, loads nothing and works offline: a form per named query, sent by
GET to ``/``, and the answer written on the server as an escaped HTML table, so a report
saying ``<script>`` shows it as text. Its style is allowed by hash; nothing else is.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from html import escape, unescape
from urllib.parse import quote

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from reportgraph.query import NamedQuery, pasteable
from reportgraph.resultformats import GRAPH_TYPES, NotAcceptable, negotiate

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
PARAM = "p."  # a form field ``p.actor`` is the named query's parameter ``actor``
VIEW = "/view"  # where the server sends the graph view, when it has one

_STYLE = (
    "body{font:15px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em}"
    "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #bbb;padding:2px 6px;"
    "text-align:left;vertical-align:top}th{background:#eee}section{margin:1em 0}"
    "form{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}"
    "h2{font-size:1.05em;margin:.2em 0}p.summary{margin:.2em 0;color:#333}"
    ".error{color:#a00;white-space:pre-wrap}code{background:#f3f3f3}"
)
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode()
# No script and no request leaves the page; forms go back to this server only. (No
# ``sandbox``: a sandboxed page's own form would arrive as a request from another site.)
PAGE_CSP = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def query_page(
    queries: list[NamedQuery],
    *,
    chosen: NamedQuery | None = None,
    values: Mapping[str, str] | None = None,
    answer: dict | None = None,
    error: str | None = None,
    view: bool = False,
    cut: int | None = None,
) -> bytes:
    """The page: the answer to ``chosen`` (a SPARQL JSON result) or its ``error`` first,
    then a form per named query; IRIs link into the view when the server has one;
    ``cut``: the answer's rows stop at that many."""
    values = values or {}
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>reportgraph queries</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>reportgraph queries</h1>",
        "<p>Run a named query below, or send SPARQL to <code>/sparql</code> "
        "(the SPARQL 1.1 protocol, read-only)."
        + (f' The whole graph: <a href="{VIEW}">the view</a>.' if view else "")
        + "</p>",
    ]
    if chosen is not None or error is not None:
        title = chosen.name if chosen is not None else "error"
        parts.append(f'<section id="answer"><h2>{escape(title)}</h2>')
        if error is not None:
            parts.append(f'<p class="error">{escape(error)}</p>')
        elif answer is not None:
            parts.append(_table(answer, view))
            if cut is not None:
                parts.append(
                    f'<p class="note">Only the first {cut:,} rows are shown; '
                    "<code>reportgraph query --limit 0</code> gives them all.</p>"
                )
        parts.append("</section>")
    for named in queries:
        parts.append(_form(named, values if named is chosen else {}))
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


def _form(named: NamedQuery, values: Mapping[str, str]) -> str:
    fields = [f'<input type="hidden" name="name" value="{escape(named.name)}">']
    for name, doc in named.params:
        value = escape(values.get(name, ""))
        fields.append(
            f'<label>{escape(name)} <input name="{escape(PARAM + name)}" value="{value}" '
            f'placeholder="{escape(doc)}" required></label>'
        )
    fields.append("<button>Run</button>")
    return (
        f'<section id="q-{escape(named.name)}"><h2>{escape(named.name)}</h2>'
        f'<p class="summary">{escape(named.summary)}</p>'
        f'<form method="get" action="/">{"".join(fields)}</form></section>'
    )


def _table(answer: dict, view: bool) -> str:
    if "boolean" in answer:
        return f"<p>{'true' if answer['boolean'] else 'false'}</p>"
    columns = answer["head"]["vars"]
    rows = answer["results"]["bindings"]
    head = "".join(f"<th>{escape(name)}</th>" for name in columns)
    body = [
        "<tr>" + "".join(f"<td>{_cell(row.get(name), view)}</td>" for name in columns) + "</tr>"
        for row in rows
    ]
    count = f"<p>{len(rows)} row{'s' if len(rows) != 1 else ''}</p>"
    return f"{count}<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(term: dict | None, view: bool) -> str:
    if term is None:
        return ""
    if term.get("type") != "uri":
        return escape(term["value"])
    text = escape(pasteable(term["value"]))
    if not view:
        return text
    return f'<a href="{VIEW}#node={quote(term["value"], safe="")}">{text}</a>'


def service_description(endpoint: str, media: list[str]) -> Graph:
    """The SPARQL 1.1 service description of the endpoint at ``endpoint``: the language,
    the result formats (``media`` types the endpoint writes), and the dataset's shape (a
    named graph per document, their union the default graph)."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in media:
        if name in _FORMAT_IRIS:
            graph.add((service, SD.resultFormat, FORMATS[_FORMAT_IRIS[name]]))
    dataset, default = BNode("dataset"), BNode("default")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    return graph


_FORMAT_IRIS = {  # the W3C's names for the formats (https://www.w3.org/ns/formats/)
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


_META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def view_csp(page: bytes) -> str:
    """The policy a view page declares in its <meta> (its scripts by hash), sent as the
    header too; a page without one gets no script at all."""
    found = _META_CSP.search(page)
    return unescape(found.group(1).decode("utf-8")) if found else "default-src 'none'"


def wants_page(accept: str) -> bool:
    """True when a client prefers HTML to every RDF format: a browser at the endpoint."""
    try:
        return negotiate(accept, {"text/html": "html", **GRAPH_TYPES}, "turtle", "") == "html"
    except NotAcceptable:
        return False

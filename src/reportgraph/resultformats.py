"""Answers in the SPARQL 1.1 protocol's formats (JSON, XML, CSV, TSV results; Turtle,
N-Triples, JSON-LD, RDF/XML graphs), chosen by the client's Accept header. Apart from the
server so the worker processes that write them need not import it."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef

from reportgraph.ontology import PREFIXES
from reportgraph.stores.base import Answer, Term
from reportgraph.stores.terms import to_rdflib
from reportgraph.xmltext import xml_chars  # F22: what XML forbids becomes U+FFFD

_RESULTS = {  # media type -> format, in the order a wildcard (*/*, text/*) picks them
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
_RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}

MEDIA_TYPES = [*_RESULT_MEDIA.values(), *_GRAPH_MEDIA.values()]  # what the endpoint writes
GRAPH_TYPES = _GRAPHS  # the media types a graph can be asked for


class NotAcceptable(Exception):
    """The client's Accept header names no type this kind of answer can be written in."""


def render(got: Answer, accept: str) -> tuple[str, bytes]:
    """(media type, body) for an answer, in the first format ``accept`` names that fits;
    NotAcceptable when it names only types that do not (a table as Turtle, a graph as CSV)."""
    got.rows = [tuple(to_rdflib(value) for value in row) for row in got.rows]
    if got.kind == "graph":
        assert got.graph is not None
        return render_graph(got.graph, accept)
    fmt = negotiate(accept, _RESULTS, "json", "a result table")
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt]
    return _RESULT_MEDIA[fmt], writer(got).encode("utf-8")


def render_graph(graph: Graph, accept: str) -> tuple[str, bytes]:
    """A graph (a CONSTRUCT's, the service description) as Turtle, N-Triples, JSON-LD or
    RDF/XML, each labelled with its own media type."""
    fmt = negotiate(accept, _GRAPHS, "turtle", "a graph")
    if fmt == "json-ld":
        data = graph.serialize(format="json-ld", context=dict(PREFIXES.items()))
    else:
        data = graph.serialize(format=fmt)
    return _GRAPH_MEDIA[fmt], data.encode("utf-8")


def negotiate(accept: str, known: dict[str, str], default: str, what: str) -> str:
    """The format of the most preferred type in an Accept header that ``known`` has
    (``*/*`` and ``type/*`` match the first of ours); ``default`` when none is asked."""
    if not accept.strip():
        return default
    choices = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        media = media.lower()
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media in known:
            choices.append((-quality, 0, index, known[media]))
        elif media == "*/*":
            choices.append((-quality, 2, index, default))
        elif media.endswith("/*"):
            fits = [fmt for name, fmt in known.items() if name.startswith(media[:-1])]
            if fits:
                choices.append((-quality, 1, index, fits[0]))
    if not choices:
        offered = ", ".join(sorted(set(known)))
        raise NotAcceptable(f"{what} cannot be sent as {accept.strip()[:200]}; ask for {offered}")
    return min(choices)[3]


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
    lines += [f"<variable name={quoteattr(xml_chars(name))}/>" for name in got.columns]
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
        return f"<uri>{_xml_text(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term))}</bnode>"
    attrs = ""
    if isinstance(term, Literal) and term.language:
        attrs = f" xml:lang={quoteattr(xml_chars(term.language))}"
    elif isinstance(term, Literal) and term.datatype is not None:
        attrs = f" datatype={quoteattr(xml_chars(str(term.datatype)))}"
    return f"<literal{attrs}>{_xml_text(str(term))}</literal>"


def _xml_text(text: str) -> str:
    return escape(xml_chars(text), {"\r": "&#13;"})


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

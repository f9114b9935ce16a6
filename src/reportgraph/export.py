"""Format name -> writer: a built graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD, GraphML
or two CSV tables (nodes and edges, for Gephi, Kumu or a spreadsheet).

Every writer goes through a temporary file in the target folder and ``os.replace``, so an
interrupted export never leaves half a file where a good one was.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from reportgraph.errors import ReportgraphError
from reportgraph.files import write_output
from reportgraph.ontology import GEO, PREFIXES, RG, RG_IRI, bind_prefixes
from reportgraph.query import defuse_formula
from reportgraph.rdf import named_graphs, serialize_trig, union, union_triples
from reportgraph.turtle import turtle
from reportgraph.xmltext import xml_chars

FORMATS = ("turtle", "trig", "nt", "nquads", "jsonld", "graphml", "csv")
TABLES = ("nodes.csv", "edges.csv")  # what ``csv`` writes into the folder it is given
GRAPH_FORMATS = ("graphml", "csv")  # the graph projected onto nodes and edges


def export(dataset: Dataset, fmt: str, out: Path, *, documents: bool = False) -> int:
    """Write ``dataset`` to ``out`` in ``fmt``; returns the triples or quads written (for
    ``graphml`` and ``csv``, the edges). ``csv`` writes ``nodes.csv`` and ``edges.csv``
    into the folder ``out`` (made when missing). ``documents`` makes the documents nodes
    of the projected formats too."""
    writers: dict[str, Callable[[Dataset, Path], int]] = {
        "turtle": lambda ds, path: _write_union(ds, path, "turtle"),
        "nt": lambda ds, path: _write_union(ds, path, "nt"),
        "trig": _write_trig,
        "nquads": lambda ds, path: _write_quads(ds, path, "nquads"),
        "jsonld": _write_jsonld,
        "graphml": lambda ds, path: _write_graphml(ds, path, documents),
        "csv": lambda ds, path: _write_tables(ds, path, documents),
    }
    if fmt not in writers:
        raise ReportgraphError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if documents and fmt not in GRAPH_FORMATS:
        raise ReportgraphError(f"documents are nodes only in {' and '.join(GRAPH_FORMATS)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise ReportgraphError(f"{out}: folder {out.parent} does not exist")
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            raise ReportgraphError(f"{out}: csv writes two tables into a folder; this is a file")
        out.mkdir(exist_ok=True)
    elif out.is_dir():
        raise ReportgraphError(f"{out}: is a folder; give a file name")
    return writers[fmt](dataset, out)


def _named_quads(dataset: Dataset) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def _write_union(dataset: Dataset, out: Path, rdflib_format: str) -> int:
    if rdflib_format == "turtle":  # our writer, as for graph.ttl
        triples = union_triples(named_graphs(dataset))
        write_output(out, turtle(triples))
        return len(triples)
    graph = union(dataset)
    write_output(
        out, _stable(graph.serialize(format=rdflib_format, encoding="utf-8"), rdflib_format)
    )
    return len(graph)


def _write_quads(dataset: Dataset, out: Path, rdflib_format: str) -> int:
    bind_prefixes(dataset)
    write_output(
        out, _stable(dataset.serialize(format=rdflib_format, encoding="utf-8"), rdflib_format)
    )
    return _named_quads(dataset)


def _write_trig(dataset: Dataset, out: Path) -> int:
    write_output(out, serialize_trig(dataset))
    return _named_quads(dataset)


def _stable(data: bytes, rdflib_format: str) -> bytes:
    """Line formats come out in hash order; sorted lines make exports diff cleanly."""
    if rdflib_format not in ("nt", "nquads"):
        return data
    return b"".join(sorted(line + b"\n" for line in data.splitlines() if line.strip()))


def _write_jsonld(dataset: Dataset, out: Path) -> int:
    """rdflib's own JSON-LD writer with the context inline: nothing refers to a remote context."""
    data = dataset.serialize(
        format="json-ld", context={p: str(ns) for p, ns in PREFIXES.items()}, encoding="utf-8"
    )
    stable = _sorted_json(json.loads(data))
    write_output(out, (json.dumps(stable, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return _named_quads(dataset)


def _sorted_json(node: Any, ordered: bool = False) -> Any:
    """JSON-LD arrays are unordered except ``@list``: sort them so the same graph gives the
    same bytes."""
    if isinstance(node, dict):
        return {key: _sorted_json(value, key == "@list") for key, value in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_json(item) for item in node]
        return items if ordered else sorted(items, key=lambda i: json.dumps(i, sort_keys=True))
    return node


def _write_graphml(dataset: Dataset, out: Path, documents: bool) -> int:
    graph = graphml_projection(dataset, documents=documents)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    write_output(out, buffer.getvalue())
    return graph.number_of_edges()


# Gephi's spreadsheet import names (Kumu and a spreadsheet take them as they are); an
# edge's Type is its direction, as Gephi reads it, and its Label the relation.
_NODE_COLUMNS = (("Id", ""), ("Label", "label"), ("Type", "type"), ("Documents", "documents"),
                 ("Date", "date"), ("Evidence", "evidence"), ("Latitude", "lat"),
                 ("Longitude", "long"))  # fmt: skip
_EDGE_COLUMNS = ("Source", "Target", "Type", "Label")


def _write_tables(dataset: Dataset, folder: Path, documents: bool) -> int:
    """The GraphML projection as two tables, every cell safe to open in a spreadsheet."""
    graph = graphml_projection(dataset, documents=documents)
    nodes = [[name for name, _ in _NODE_COLUMNS]]
    for node, attrs in graph.nodes(data=True):
        nodes.append([node] + [attrs.get(key, "") for _, key in _NODE_COLUMNS[1:]])
    edges = [list(_EDGE_COLUMNS)]
    edges += [[s, o, "Directed", key] for s, o, key in graph.edges(keys=True)]
    for name, rows in zip(TABLES, (nodes, edges), strict=True):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(
            [defuse_formula(cell) for cell in row] for row in rows
        )
        write_output(folder / name, buffer.getvalue().encode("utf-8"))
    return graph.number_of_edges()


def graphml_projection(dataset: Dataset, *, documents: bool = False) -> nx.MultiDiGraph:
    """Nodes are the entities and events (``rg:`` classes); edges the ``rg:`` properties
    linking two of them, keyed and labelled by the property's name, as Gephi and yEd read
    them. A document is a node only when ``documents`` is set (they would take a third of
    the edges): each node lists its documents. ``rg:actor`` is left out where a finer
    role (agent, affected, law) links the same pair, so no role is drawn twice. Events
    carry their date and first sentence, places their coordinates."""
    merged = union(dataset)
    files = {d: str(f) for d, f in merged.subject_objects(RG.fileName)}
    graph = nx.MultiDiGraph()
    for node in sorted(_typed_nodes(merged)):
        kind = _short_class(merged, node)
        if kind == "Document" and not documents:
            continue
        attrs = {"label": xml_chars(_label(merged, node)), "type": kind}  # F11: XML-safe
        docs = sorted({files[d] for d in merged.objects(node, RG.mentionedIn) if d in files})
        attrs["documents"] = xml_chars("; ".join(docs))
        for key, prop in (("date", RG.date), ("evidence", RG.evidence), ("lat", GEO.lat),
                          ("long", GEO.long)):  # fmt: skip
            values = sorted(str(v) for v in merged.objects(node, prop))
            if values:
                attrs[key] = xml_chars(values[0])
        graph.add_node(str(node), **attrs)
    for s, p, o in sorted(merged):
        if str(p).startswith(RG_IRI) and str(s) in graph and str(o) in graph:
            if p == RG.actor and any(
                (s, finer, o) in merged for finer in (RG.agent, RG.affected, RG.law)
            ):
                continue
            name = str(p)[len(RG_IRI) :]
            graph.add_edge(str(s), str(o), key=name, predicate=name, label=name)
    return graph


def _typed_nodes(union: Graph) -> set[URIRef]:
    return {
        s
        for s, cls in union.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(cls).startswith(RG_IRI)
    }


def _label(union: Graph, node: URIRef) -> str:
    for predicate in (RDFS.label, DCTERMS.title, RG.fileName):
        values = sorted(str(v) for v in union.objects(node, predicate) if isinstance(v, Literal))
        if values:
            return values[0]
    return ""


def _short_class(union: Graph, node: URIRef) -> str:
    names = sorted(
        str(c)[len(RG_IRI) :] for c in union.objects(node, RDF.type) if str(c).startswith(RG_IRI)
    )
    return names[0] if names else ""

"""RDF -> networkx: the graph a view draws, event-centric (events are nodes).

Every node carries what the page shows about it (class, names, documents, dates, evidence),
so the later steps (collapse, focus, cap, layout, render) work on networkx alone.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from reportgraph.ontology import RG, RG_IRI
from reportgraph.rdf import union as rdf_union
from reportgraph.triples import Readable
from reportgraph.views.claims import claim_table, claims_of, file_name, local_name, source_count
from reportgraph.views.style import CLASS_PRIORITY, EVENT_STYLE, OTHER, kind_of

PARTICIPANTS = (("agent", RG.agent), ("affected", RG.affected), ("actor", RG.actor))
# Predicates that describe a node rather than link it to another one.
NOT_EDGES = {RDF.type, RDFS.label, SKOS.altLabel, RG.mentionedIn, OWL.sameAs, RDFS.subClassOf}


def project_graph(dataset: Dataset | Readable) -> nx.MultiDiGraph:
    """Entities and events as nodes, participation/place/relations as labelled edges.

    Reads every named graph (not only the default one), so it works whether or not the
    dataset was opened with ``default_union``; a plain Graph is read as it is.
    """
    union = rdf_union(dataset) if isinstance(dataset, Dataset) else dataset
    classes = node_classes(union)
    graph = _empty(union)
    about = claims_of(graph.graph["claims"])
    for node in sorted(classes, key=str):
        graph.add_node(
            str(node), **node_data(union, node, classes[node], about, graph.graph["claims"])
        )
    for source, target, label in _edges(union, classes):
        graph.add_edge(source, target, key=label, label=label)
    return graph


def project_construct(result: Graph, dataset: Dataset | Graph) -> nx.MultiDiGraph:
    """The graph a CONSTRUCT (or DESCRIBE) query returned, drawn with what the full graph
    knows about each node: its class, names, documents and evidence.

    Every IRI the result links is a node; every triple between two of them is an edge,
    labelled with the predicate's local name.
    """
    union = rdf_union(dataset)
    both = Graph()
    for triple in union:
        both.add(triple)
    for triple in result:
        both.add(triple)
    known = node_classes(both)
    graph = _empty(union)
    links = [
        (s, p, o)
        for s, p, o in result
        if isinstance(s, URIRef) and isinstance(o, URIRef) and p not in NOT_EDGES
    ]
    members = {s for s in result.subjects() if isinstance(s, URIRef)}
    members |= {o for _, _, o in links}
    members -= set(both.subjects(RDF.type, RG.Document))
    about = claims_of(graph.graph["claims"])
    for node in sorted(members, key=str):
        cls = known.get(node, OTHER)
        graph.add_node(str(node), **node_data(both, node, cls, about, graph.graph["claims"]))
    for s, p, o in sorted(links):
        if s in members and o in members:
            label = predicate_label(p)
            graph.add_edge(str(s), str(o), key=label, label=label)
    return graph


def _empty(union: Readable) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = documents(union)
    graph.graph["claims"] = claim_table(union)
    return graph


def documents(union: Readable) -> tuple[dict[str, str], ...]:
    """Every document as ``{"file", "title", "date"}``, by file name: the page's filter."""
    found = []
    for doc in set(union.subjects(RDF.type, RG.Document)):
        title = union.value(doc, DCTERMS.title)
        date = union.value(doc, DCTERMS.date)
        found.append(
            {
                "file": file_name(union, doc),
                "title": "" if title is None else str(title),
                "date": "" if date is None else str(date),
            }
        )
    return tuple(sorted(found, key=lambda d: (d["file"].lower(), d["file"])))


def node_classes(union: Readable) -> dict[URIRef, str]:
    """The class each entity or event is drawn as; documents and the rest are left out."""
    known = {cls: rank for rank, cls in enumerate(CLASS_PRIORITY)}
    classes: dict[URIRef, str] = {}
    for subject in set(union.subjects(RDF.type, None)):
        if not isinstance(subject, URIRef):
            continue
        found = {c for t in union.objects(subject, RDF.type) for c in _class_names(union, t)}
        found &= known.keys()
        if found:
            classes[subject] = min(found, key=known.__getitem__)
    return classes


def _class_names(union: Readable, rdf_type: Node) -> Iterable[str]:
    """Local names of ``rdf_type`` and its rg: superclasses, so finer subclasses still draw."""
    for cls in union.transitive_objects(rdf_type, RDFS.subClassOf):
        if isinstance(cls, URIRef) and str(cls).startswith(RG_IRI):
            yield str(cls)[len(RG_IRI) :]


def node_data(
    union: Readable,
    node: URIRef,
    cls: str,
    about: dict[str, tuple[str, ...]],
    table: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """What the pages show about ``node``; ``about`` lists the claims about each node, whose
    records are in ``table`` (the graph's ``claims``)."""
    claims = about.get(str(node), ())
    kind = kind_of(cls)
    labels = list(union.objects(node, RDFS.label))
    label = _pick_label(labels) or local_name(node)
    alt = sorted({str(a) for a in union.objects(node, SKOS.altLabel)} - {label})
    docs = sorted(
        {file_name(union, doc) for doc in union.objects(node, RG.mentionedIn)}, key=str.lower
    )
    dates = tuple(sorted({str(d) for d in union.objects(node, RG.date)}))
    start, end = date_span(dates)
    return {
        "iri": str(node),
        "cls": cls,
        "kind": kind,
        "label": label,
        "names": tuple(sorted({label, *(str(x) for x in labels), *alt})),
        "alt_labels": tuple(alt),
        "documents": tuple(docs),
        "dates": dates,
        "start": start,
        "end": end,
        "evidence": tuple(sorted({str(e) for e in union.objects(node, RG.evidence)})),
        "claims": claims,
        # independent sources behind an event (see claims.source_count); 0 for the rest
        "sources": source_count(union, node, claims, table) if kind == "event" else 0,
        "same_as": wikidata(union, node),
        # what the user's corrections file changed here (rg:correction): theirs, not ours
        "corrections": tuple(sorted({str(x) for x in union.objects(node, RG.correction)})),
    }


_WIKIDATA = re.compile(r"^https?://www\.wikidata\.org/entity/Q[1-9][0-9]*$")


def wikidata(union: Readable, node: URIRef) -> str:
    """The entity's Wikidata IRI (owl:sameAs), "" when none: only an item IRI is kept, so
    the panel's one outside link can never be a ``javascript:`` or other URL."""
    found = sorted(str(o) for o in union.objects(node, OWL.sameAs) if _WIKIDATA.match(str(o)))
    return found[0] if found else ""


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_span(dates: Iterable[str]) -> tuple[str, str]:
    """The first and last day the dates cover, as ``YYYY-MM-DD`` ("" when none parse):
    ``2002`` covers 2002-01-01..2002-12-31, ``2002-05`` covers May."""
    starts, ends = [], []
    for value in dates:
        match = _DATE.match(value.strip())
        if not match:
            continue
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day:
            starts.append(f"{year}-{month}-{day}")
            ends.append(f"{year}-{month}-{day}")
        elif month and 1 <= int(month) <= 12:
            last = calendar.monthrange(int(year), int(month))[1]
            starts.append(f"{year}-{month}-01")
            ends.append(f"{year}-{month}-{last:02d}")
        else:
            starts.append(f"{year}-01-01")
            ends.append(f"{year}-12-31")
    return (min(starts), max(ends)) if starts else ("", "")


def _pick_label(labels: list[Node]) -> str:
    """One label, the same every run: English first, then untagged, then any other."""

    def rank(value: Node) -> tuple[int, str]:
        lang = value.language if isinstance(value, Literal) else None
        return (0 if lang == "en" else 1 if lang is None else 2, str(value))

    return str(min(labels, key=rank)) if labels else ""


def predicate_label(predicate: Node) -> str:
    text = str(predicate)
    return text[len(RG_IRI) :] if text.startswith(RG_IRI) else local_name(predicate)


def _edges(union: Readable, classes: dict[URIRef, str]) -> list[tuple[str, str, str]]:
    edges: set[tuple[str, str, str]] = set()
    events = sorted((n for n, c in classes.items() if c in EVENT_STYLE), key=str)
    for event in events:
        edges.update(_participant_edges(union, event, classes))
        edges.update(
            (str(event), str(place), "place")
            for place in union.objects(event, RG.place)
            if place in classes
        )
    for s, p, o in union:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef) and str(p).startswith(RG_IRI)):
            continue
        if kind_of(classes.get(s, "")) == "entity" and kind_of(classes.get(o, "")) == "entity":
            edges.add((str(s), str(o), str(p)[len(RG_IRI) :]))
    return sorted(edges)


def _participant_edges(
    union: Readable, event: URIRef, classes: dict[URIRef, str]
) -> set[tuple[str, str, str]]:
    """agent/affected edges, and actor only where neither finer property names the pair."""
    edges: set[tuple[str, str, str]] = set()
    finer: set[Node] = set()
    for label, predicate in PARTICIPANTS:
        for who in union.objects(event, predicate):
            if who not in classes or (label == "actor" and who in finer):
                continue
            if label != "actor":
                finer.add(who)
            edges.add((str(event), str(who), label))
    return edges

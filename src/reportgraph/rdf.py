"""Resolved facts -> RDF: one named graph (a set of triples) per document.

IRIs are minted from stable keys (class and folded name for entities; document, class and
offset for events), so the same input always gives the same graph, byte for byte.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from reportgraph.keys import name_key
from reportgraph.model import Claim, Document, Entity, Event, Resolved
from reportgraph.numbers import people_count
from reportgraph.ontology import GEO, ID, RG, WD, bind_prefixes
from reportgraph.triples import NamedGraphs, Triple
from reportgraph.turtle import trig

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


# Each IRI is minted once and reused by every triple that names it (minting validates).
@lru_cache(maxsize=1 << 16)
def doc_iri(file_name: str) -> URIRef:
    return ID[f"doc/{quote(file_name, safe='')}"]


@lru_cache(maxsize=1 << 16)
def graph_iri(file_name: str) -> URIRef:
    return ID[f"graph/{quote(file_name, safe='')}"]


_GRAPH_PREFIX = str(ID["graph/"])


def file_of_graph(iri: str) -> str | None:
    """The file name whose named graph ``iri`` is (the inverse of ``graph_iri``)."""
    return unquote(iri[len(_GRAPH_PREFIX) :]) if iri.startswith(_GRAPH_PREFIX) else None


@lru_cache(maxsize=1 << 16)
def entity_iri(key: str) -> URIRef:
    return ID[key]


def date_literal(iso: str) -> Literal:
    """An ISO date at its own precision: xsd:gYear, xsd:gYearMonth or xsd:date."""
    return Literal(iso, datatype=_DATE_TYPES.get(len(iso), XSD.date))


def to_graphs(resolved: Resolved) -> NamedGraphs:
    """One set of triples per document's named graph: what every output is written from."""
    graphs: NamedGraphs = {}

    def graph(file_name: str) -> set[Triple]:
        return graphs.setdefault(graph_iri(file_name), set())

    for document in resolved.documents:
        _document(graph(document.file_name), document)
    for entity in resolved.entities.values():
        for file_name in sorted(entity.documents):
            forms = resolved.surface_forms.get((entity.key, file_name), set())
            _entity(graph(file_name), entity, file_name, forms)
    for event in resolved.events:
        _event(graph(event.document), event)
    for rel in resolved.relations:
        graph(rel.document).add(
            (entity_iri(rel.subject), RG[rel.predicate], entity_iri(rel.object))
        )
    for claim in resolved.claims:
        _claim(graph(claim.document), claim)
    return graphs


def dataset_of(graphs: NamedGraphs) -> Dataset:
    """An rdflib Dataset for queries and the API (building one costs more than writing it)."""
    ds = bind_prefixes(Dataset())
    for name in sorted(graphs, key=str):
        named = ds.graph(name)
        for triple in graphs[name]:
            named.add(triple)
    return ds


def named_graphs(ds: Dataset) -> NamedGraphs:
    graphs: NamedGraphs = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        graphs.setdefault(URIRef(str(name)), set()).add((s, p, o))
    return graphs


def union_triples(graphs: NamedGraphs) -> set[Triple]:
    return set().union(*graphs.values())


def union(ds: Dataset | Graph) -> Graph:
    """Every named graph's triples in one fresh graph (what ``graph.ttl`` holds)."""
    g = bind_prefixes(Graph())
    if isinstance(ds, Dataset):
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for triple in ds:
            g.add(triple)
    return g


def serialize_trig(ds: Dataset | NamedGraphs) -> str:
    """TriG with the named graphs in IRI order (see ``turtle``)."""
    return trig(named_graphs(ds) if isinstance(ds, Dataset) else ds)


def _document(g: set[Triple], d: Document) -> None:
    node = doc_iri(d.file_name)
    g.add((node, RDF.type, RG.Document))
    g.add((node, RG.fileName, Literal(d.file_name)))
    g.add((node, RG.contentHash, Literal(f"sha256:{d.sha256}")))
    g.add((node, RG.mediaType, Literal(d.media_type)))
    if d.title:
        g.add((node, DCTERMS.title, Literal(d.title, lang="en")))
    if d.date:
        g.add((node, DCTERMS.date, date_literal(d.date)))
    if d.publisher:
        g.add((node, DCTERMS.publisher, Literal(d.publisher)))


def _entity(g: set[Triple], e: Entity, file_name: str, forms: set[str]) -> None:
    node = entity_iri(e.key)
    g.add((node, RDF.type, RG[e.cls]))
    g.add((node, RDFS.label, Literal(e.label, lang="en")))
    for form in sorted(forms - {e.label}):
        g.add((node, SKOS.altLabel, Literal(form, lang="en")))
    for name in {e.label, *forms}:  # what a query's name parameter is matched against
        g.add((node, RG.key, Literal(name_key(name))))
    g.add((node, RG.mentionedIn, doc_iri(file_name)))
    if e.same_as:
        g.add((node, OWL.sameAs, WD[e.same_as]))
    year = _law_year({e.label, *forms}) if e.cls == "Law" else None
    if year:
        g.add((node, DCTERMS.date, date_literal(year)))
    count = people_count(e.label) if e.cls == "Group" else None
    if count is not None:
        g.add((node, RG.count, Literal(count, datatype=XSD.nonNegativeInteger)))
    if e.lat is not None and e.long is not None:
        g.add((node, GEO.lat, Literal(Decimal(str(round(e.lat, 5))))))
        g.add((node, GEO.long, Literal(Decimal(str(round(e.long, 5))))))


def _law_year(names: set[str]) -> str | None:
    """The year a law's names give ("the 1951 Convention"), when they agree on one."""
    years = {m.group() for n in names for m in re.finditer(r"\b(?:1[89]|20)\d\d\b", n)}
    return years.pop() if len(years) == 1 else None


def _event(g: set[Triple], ev: Event) -> None:
    node = ID[ev.key]
    g.add((node, RDF.type, RG[ev.cls]))
    g.add((node, RDFS.label, Literal(ev.label, lang="en")))
    g.add((node, RG.evidence, Literal(ev.evidence)))
    g.add((node, RG.trigger, Literal(ev.trigger)))
    g.add((node, RG.mentionedIn, doc_iri(ev.document)))
    if ev.date:
        g.add((node, RG.date, date_literal(ev.date)))
    for key in ev.agents:
        g.add((node, RG.agent, entity_iri(key)))
        g.add((node, RG.actor, entity_iri(key)))
    for key in ev.affected:
        g.add((node, RG.affected, entity_iri(key)))
        g.add((node, RG.actor, entity_iri(key)))
    for key in ev.others:
        g.add((node, RG.actor, entity_iri(key)))
    for key in ev.laws:
        g.add((node, RG.law, entity_iri(key)))
        g.add((node, RG.actor, entity_iri(key)))
    if ev.place:
        g.add((node, RG.place, entity_iri(ev.place)))
    if ev.start is not None and ev.end is not None:
        g.add((node, RG.startOffset, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((node, RG.endOffset, Literal(ev.end, datatype=XSD.nonNegativeInteger)))


def _decimal(number: float) -> Literal:
    text = str(int(number)) if number.is_integer() else repr(number)
    return Literal(Decimal(text), datatype=XSD.decimal)


def _claim(g: set[Triple], c: Claim) -> None:
    """A claim in its document's graph: source, stance, what about, figures, conflicts."""
    node = ID[c.key]
    g.add((node, RDF.type, RG.Claim))
    g.add((node, RDFS.label, Literal(f"{c.stance}: {c.cue}", lang="en")))
    if c.source:
        g.add((node, RG.claimedBy, entity_iri(c.source)))
    elif c.source_text:
        g.add((node, RG.claimedBy, Literal(c.source_text)))
    else:
        g.add((node, RG.claimedBy, doc_iri(c.document)))
    g.add((node, RG.stance, Literal(c.stance)))
    g.add((node, RG.evidence, Literal(c.evidence)))
    g.add((node, RG.mentionedIn, doc_iri(c.document)))
    g.add((node, RG.startOffset, Literal(c.start, datatype=XSD.nonNegativeInteger)))
    g.add((node, RG.endOffset, Literal(c.end, datatype=XSD.nonNegativeInteger)))
    if c.date:
        g.add((node, RG.date, date_literal(c.date)))
    for key in c.about:
        g.add((node, RG.about, ID[key]))
    for i, f in enumerate(c.figures, 1):
        fig = ID[f"{c.key}/figure/{i}"]
        g.add((node, RG.figure, fig))
        g.add((fig, RDF.type, RG.Figure))
        g.add((fig, RDFS.label, Literal(f.text, lang="en")))
        if f.value is not None:
            g.add((fig, RG.value, _decimal(f.value)))
        if f.low is not None:
            g.add((fig, RG.minValue, _decimal(f.low)))
        if f.high is not None:
            g.add((fig, RG.maxValue, _decimal(f.high)))
        if f.counted:
            g.add((fig, RG.counted, Literal(f.counted)))
    for other in c.conflicts:
        g.add((node, RG.conflictsWith, ID[other]))

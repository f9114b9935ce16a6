"""Resolved facts -> RDF: one named graph (a set of triples) per document.

IRIs are minted from stable keys (class and folded name for entities; document, class and
offset for events), so the same input always gives the same graph, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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

# Each term looked up once: an rdflib DefinedNamespace checks every attribute access,
# and a build makes millions of triples.
_DCTERMS_date = DCTERMS.date
_DCTERMS_publisher = DCTERMS.publisher
_DCTERMS_title = DCTERMS.title
_GEO_lat = GEO.lat
_GEO_long = GEO.long
_OWL_sameAs = OWL.sameAs
_RDF_type = RDF.type
_RDFS_label = RDFS.label
_RG_Claim = RG.Claim
_RG_Document = RG.Document
_RG_Figure = RG.Figure
_RG_about = RG.about
_RG_actor = RG.actor
_RG_affected = RG.affected
_RG_agent = RG.agent
_RG_claimedBy = RG.claimedBy
_RG_conflictsWith = RG.conflictsWith
_RG_contentHash = RG.contentHash
_RG_count = RG.count
_RG_counted = RG.counted
_RG_date = RG.date
_RG_endOffset = RG.endOffset
_RG_evidence = RG.evidence
_RG_figure = RG.figure
_RG_fileName = RG.fileName
_RG_key = RG.key
_RG_law = RG.law
_RG_maxValue = RG.maxValue
_RG_mediaType = RG.mediaType
_RG_mentionedIn = RG.mentionedIn
_RG_minValue = RG.minValue
_RG_place = RG.place
_RG_stance = RG.stance
_RG_startOffset = RG.startOffset
_RG_trigger = RG.trigger
_RG_value = RG.value
_SKOS_altLabel = SKOS.altLabel
_XSD_date = XSD.date
_XSD_decimal = XSD.decimal
_XSD_gYear = XSD.gYear
_XSD_gYearMonth = XSD.gYearMonth
_XSD_nonNegativeInteger = XSD.nonNegativeInteger


_DATE_TYPES = {4: _XSD_gYear, 7: _XSD_gYearMonth, 10: _XSD_date}


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


@lru_cache(maxsize=64)
def _class(name: str) -> URIRef:
    return RG[name]


@lru_cache(maxsize=1 << 16)
def _english(text: str) -> Literal:
    return Literal(text, lang="en")


@lru_cache(maxsize=1 << 16)
def _key(name: str) -> Literal:
    return Literal(name_key(name))


def date_literal(iso: str) -> Literal:
    """An ISO date at its own precision: xsd:gYear, xsd:gYearMonth or xsd:date."""
    return Literal(iso, datatype=_DATE_TYPES.get(len(iso), _XSD_date))


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
    _corrections(resolved, graph)
    return graphs


def _corrections(resolved: Resolved, graph: Callable[[str], set[Triple]]) -> None:
    """Each node a user's correction changed says so (rg:correction), in every named graph
    that describes it, so a reader can tell their fact from the machine's."""
    homes: dict[str, set[str]] = {}
    for event in resolved.events:
        homes.setdefault(event.key, set()).add(event.document)
    for key, entity in resolved.entities.items():
        homes.setdefault(key, set()).update(entity.documents)
    for key, lines in resolved.corrected.items():
        for file_name in sorted(homes.get(key, ())):
            for line in lines:
                graph(file_name).add((ID[key], RG.correction, Literal(line)))


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
    g.add((node, _RDF_type, _RG_Document))
    g.add((node, _RG_fileName, Literal(d.file_name)))
    g.add((node, _RG_contentHash, Literal(f"sha256:{d.sha256}")))
    g.add((node, _RG_mediaType, Literal(d.media_type)))
    if d.title:
        g.add((node, _DCTERMS_title, Literal(d.title, lang="en")))
    if d.date:
        g.add((node, _DCTERMS_date, date_literal(d.date)))
    if d.publisher:
        g.add((node, _DCTERMS_publisher, Literal(d.publisher)))


def _entity(g: set[Triple], e: Entity, file_name: str, forms: set[str]) -> None:
    node = entity_iri(e.key)
    g.add((node, _RDF_type, _class(e.cls)))
    g.add((node, _RDFS_label, _english(e.label)))
    for form in sorted(forms - {e.label}):
        g.add((node, _SKOS_altLabel, _english(form)))
    for name in {e.label, *forms}:  # what a query's name parameter is matched against
        g.add((node, _RG_key, _key(name)))
    g.add((node, _RG_mentionedIn, doc_iri(file_name)))
    if e.same_as:
        g.add((node, _OWL_sameAs, WD[e.same_as]))
    year = _law_year({e.label, *forms}) if e.cls == "Law" else None
    if year:
        g.add((node, _DCTERMS_date, date_literal(year)))
    count = people_count(e.label) if e.cls == "Group" else None
    if count is not None:
        g.add((node, _RG_count, Literal(count, datatype=_XSD_nonNegativeInteger)))
    if e.lat is not None and e.long is not None:
        g.add((node, _GEO_lat, Literal(Decimal(str(round(e.lat, 5))))))
        g.add((node, _GEO_long, Literal(Decimal(str(round(e.long, 5))))))


def _law_year(names: set[str]) -> str | None:
    """The year a law's names give ("the 1951 Convention"), when they agree on one."""
    years = {m.group() for n in names for m in re.finditer(r"\b(?:1[89]|20)\d\d\b", n)}
    return years.pop() if len(years) == 1 else None


def _event(g: set[Triple], ev: Event) -> None:
    node = ID[ev.key]
    g.add((node, _RDF_type, _class(ev.cls)))
    g.add((node, _RDFS_label, Literal(ev.label, lang="en")))
    g.add((node, _RG_evidence, Literal(ev.evidence)))
    g.add((node, _RG_trigger, Literal(ev.trigger)))
    g.add((node, _RG_mentionedIn, doc_iri(ev.document)))
    if ev.date:
        g.add((node, _RG_date, date_literal(ev.date)))
    for key in ev.agents:
        g.add((node, _RG_agent, entity_iri(key)))
        g.add((node, _RG_actor, entity_iri(key)))
    for key in ev.affected:
        g.add((node, _RG_affected, entity_iri(key)))
        g.add((node, _RG_actor, entity_iri(key)))
    for key in ev.others:
        g.add((node, _RG_actor, entity_iri(key)))
    for key in ev.laws:
        g.add((node, _RG_law, entity_iri(key)))
        g.add((node, _RG_actor, entity_iri(key)))
    if ev.place:
        g.add((node, _RG_place, entity_iri(ev.place)))
    if ev.start is not None and ev.end is not None:
        g.add((node, _RG_startOffset, Literal(ev.start, datatype=_XSD_nonNegativeInteger)))
        g.add((node, _RG_endOffset, Literal(ev.end, datatype=_XSD_nonNegativeInteger)))


def _decimal(number: float) -> Literal:
    text = str(int(number)) if number.is_integer() else repr(number)
    return Literal(Decimal(text), datatype=_XSD_decimal)


def _claim(g: set[Triple], c: Claim) -> None:
    """A claim in its document's graph: source, stance, what about, figures, conflicts."""
    node = ID[c.key]
    g.add((node, _RDF_type, _RG_Claim))
    g.add((node, _RDFS_label, Literal(f"{c.stance}: {c.cue}", lang="en")))
    if c.source:
        g.add((node, _RG_claimedBy, entity_iri(c.source)))
    elif c.source_text:
        g.add((node, _RG_claimedBy, Literal(c.source_text)))
    else:
        g.add((node, _RG_claimedBy, doc_iri(c.document)))
    g.add((node, _RG_stance, Literal(c.stance)))
    g.add((node, _RG_evidence, Literal(c.evidence)))
    g.add((node, _RG_mentionedIn, doc_iri(c.document)))
    g.add((node, _RG_startOffset, Literal(c.start, datatype=_XSD_nonNegativeInteger)))
    g.add((node, _RG_endOffset, Literal(c.end, datatype=_XSD_nonNegativeInteger)))
    if c.date:
        g.add((node, _RG_date, date_literal(c.date)))
    for key in c.about:
        g.add((node, _RG_about, ID[key]))
    for i, f in enumerate(c.figures, 1):
        fig = ID[f"{c.key}/figure/{i}"]
        g.add((node, _RG_figure, fig))
        g.add((fig, _RDF_type, _RG_Figure))
        g.add((fig, _RDFS_label, Literal(f.text, lang="en")))
        if f.value is not None:
            g.add((fig, _RG_value, _decimal(f.value)))
        if f.low is not None:
            g.add((fig, _RG_minValue, _decimal(f.low)))
        if f.high is not None:
            g.add((fig, _RG_maxValue, _decimal(f.high)))
        if f.counted:
            g.add((fig, _RG_counted, Literal(f.counted)))
    for other in c.conflicts:
        g.add((node, _RG_conflictsWith, ID[other]))

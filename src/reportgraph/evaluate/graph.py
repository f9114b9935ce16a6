"""What a built graph says, as plain data: the scorer compares sets of names, classes and
links, and reading them once keeps rdflib out of the matching."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from reportgraph.evaluate.names import name_set
from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES
from reportgraph.ontology import RG, RG_IRI, load_ontology
from reportgraph.rdf import union

NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass(frozen=True)
class Item:
    """What the scorer needs of one node mentioned in some document."""

    names: frozenset[str]
    classes: frozenset[str]  # rg: local names of its types and all their superclasses
    dates: tuple[str, ...]
    evidence: tuple[str, ...]
    links: frozenset[Node] = frozenset()  # objects of rg: properties but place and mentionedIn
    places: frozenset[Node] = frozenset()  # objects of rg:place

    @property
    def is_entity(self) -> bool:
        return not self.classes.isdisjoint(ENTITY_CLASSES)

    @property
    def is_event(self) -> bool:
        return not self.classes.isdisjoint(EVENT_CLASSES)


@dataclass(frozen=True)
class Link:
    """One distinct ``rg:`` triple between two entity nodes."""

    subject: Node
    object: Node
    property: str  # rg: local name
    names: frozenset[str]  # the property and its superproperties, casefolded rg: local names


@dataclass
class GraphFacts:
    documents: dict[str, Node]  # rg:fileName -> document node
    mentioned: dict[Node, frozenset[Node]]  # document node -> nodes mentioned in it
    items: dict[Node, Item]
    links: list[Link]
    links_by_pair: dict[tuple[Node, Node], list[Link]] = field(default_factory=dict)


def read_graph(dataset_or_graph: Graph) -> GraphFacts:
    """Every named graph's facts as one graph, with classes and properties closed over the
    packaged ontology (and any hierarchy the graph declares itself)."""
    graph = union(dataset_or_graph) if isinstance(dataset_or_graph, Dataset) else dataset_or_graph
    schema = _schema(graph)
    mentioned: dict[Node, set[Node]] = defaultdict(set)
    for node, doc in graph.subject_objects(RG.mentionedIn):
        mentioned[doc].add(node)
    nodes = {n for group in mentioned.values() for n in group}
    class_cache: dict[Node, frozenset[str]] = {}
    items = {n: _item(graph, schema, n, class_cache) for n in nodes}
    links = _links(graph, schema, {n for n, item in items.items() if item.is_entity})
    by_pair: dict[tuple[Node, Node], list[Link]] = defaultdict(list)
    for link in links:
        by_pair[(link.subject, link.object)].append(link)
    documents = {str(name): doc for doc, name in sorted(graph.subject_objects(RG.fileName))}
    return GraphFacts(
        documents=documents,
        mentioned={d: frozenset(ns) for d, ns in mentioned.items()},
        items=items,
        links=links,
        links_by_pair=dict(by_pair),
    )


def _schema(graph: Graph) -> Graph:
    schema = load_ontology()
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf):
        for sub, sup in graph.subject_objects(prop):
            schema.add((sub, prop, sup))
    return schema


def _rg_local(term: Node) -> str | None:
    if isinstance(term, URIRef) and str(term).startswith(RG_IRI):
        return str(term)[len(RG_IRI) :]
    return None


def _closure(schema: Graph, term: Node, link: URIRef) -> set[str]:
    """rg: local names of ``term`` and everything above it along ``link``."""
    return {n for t in schema.transitive_objects(term, link) if (n := _rg_local(t)) is not None}


def _item(graph: Graph, schema: Graph, node: Node, cache: dict[Node, frozenset[str]]) -> Item:
    classes: set[str] = set()
    for cls in graph.objects(node, RDF.type):
        if cls not in cache:
            cache[cls] = frozenset(_closure(schema, cls, RDFS.subClassOf))
        classes |= cache[cls]
    links = {
        o
        for p, o in graph.predicate_objects(node)
        if _rg_local(p) is not None and p not in (RG.place, RG.mentionedIn)
    }
    return Item(
        names=name_set(str(o) for p in NAME_PROPERTIES for o in graph.objects(node, p)),
        classes=frozenset(classes),
        dates=tuple(str(d) for d in graph.objects(node, RG.date)),
        evidence=tuple(str(e) for e in graph.objects(node, RG.evidence)),
        links=frozenset(links),
        places=frozenset(graph.objects(node, RG.place)),
    )


def _links(graph: Graph, schema: Graph, entities: set[Node]) -> list[Link]:
    names: dict[Node, frozenset[str]] = {}
    links = []
    for subject in sorted(entities, key=lambda n: (type(n).__name__, str(n))):
        for prop, obj in graph.predicate_objects(subject):
            local = _rg_local(prop)
            if local is None or obj not in entities:
                continue
            if prop not in names:
                names[prop] = frozenset(
                    n.casefold() for n in _closure(schema, prop, RDFS.subPropertyOf)
                )
            links.append(Link(subject, obj, local, names[prop]))
    return links

"""RDF terms between rdflib and pyoxigraph, so answers from every store look the same."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from reportgraph.ontology import bind_prefixes

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def lexical(term: object) -> str:
    """A term's text (an IRI, a literal's lexical form) whichever library made it; "" for
    an unbound value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def to_rdflib(term: object) -> URIRef | BNode | Literal | None:
    if term is None or isinstance(term, URIRef | BNode | Literal):
        return term
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not a term rdflib holds: {term!r}")


def triples_to_graph(triples: Iterable[ox.Triple]) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in triples:
        graph.add(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return graph


def quads_to_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """Quads into a Dataset shaped as ``store.load_graph`` makes it (union default graph)."""
    dataset = Dataset(default_union=True)
    graphs: dict[str, Graph] = {}
    for quad in quads:
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            graph = dataset.default_context
        else:
            key = name.value
            if key not in graphs:
                graphs[key] = dataset.graph(to_rdflib(name))
            graph = graphs[key]
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return bind_prefixes(dataset)

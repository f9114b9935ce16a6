"""The ``rg:`` vocabulary, declared once, and the packaged ontology and SHACL shapes.

``RG`` is a closed namespace: a typo such as ``RG.Persn`` fails at import instead of
minting a new IRI. Every term here is declared in ``ontology/reportgraph.ttl`` (a test
checks both ways).
"""

from __future__ import annotations

from importlib.resources import files

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

RG_IRI = "https://w3id.org/reportgraph/ns#"
ID = Namespace("https://w3id.org/reportgraph/id/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SH = Namespace("http://www.w3.org/ns/shacl#")


class RG(DefinedNamespace):
    """reportgraph's own terms (see ontology/reportgraph.ttl for their meaning)."""

    _fail = True
    _NS = Namespace(RG_IRI)

    # classes
    Document: URIRef
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Place: URIRef
    Country: URIRef
    Law: URIRef
    Event: URIRef
    Flight: URIRef
    AsylumRequest: URIRef
    Arrest: URIRef
    Repatriation: URIRef
    Punishment: URIRef
    Protest: URIRef
    Petition: URIRef
    Statement: URIRef
    LegalAction: URIRef
    Meeting: URIRef
    Aid: URIRef
    Resettlement: URIRef
    # document properties
    fileName: URIRef
    contentHash: URIRef
    mediaType: URIRef
    # entity and event properties
    mentionedIn: URIRef
    key: URIRef
    actor: URIRef
    agent: URIRef
    affected: URIRef
    law: URIRef
    place: URIRef
    date: URIRef
    evidence: URIRef
    trigger: URIRef
    startOffset: URIRef
    endOffset: URIRef
    count: URIRef
    correction: URIRef
    # claims: who says what
    Claim: URIRef
    Figure: URIRef
    claimedBy: URIRef
    stance: URIRef
    about: URIRef
    figure: URIRef
    value: URIRef
    minValue: URIRef
    maxValue: URIRef
    counted: URIRef
    conflictsWith: URIRef
    # relations between entities
    relatedTo: URIRef
    ratified: URIRef
    violates: URIRef
    locatedIn: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    spokespersonOf: URIRef
    heldIn: URIRef
    operatesIn: URIRef
    foundedIn: URIRef
    livesIn: URIRef
    represents: URIRef
    sponsored: URIRef
    cosponsored: URIRef
    referredTo: URIRef
    passed: URIRef
    aids: URIRef
    targets: URIRef
    relativeOf: URIRef
    spouseOf: URIRef
    childOf: URIRef
    siblingOf: URIRef
    bornIn: URIRef
    signatoryOf: URIRef
    partyTo: URIRef
    partOf: URIRef
    missionOf: URIRef
    citizenOf: URIRef
    basedIn: URIRef
    lawOf: URIRef
    issuedBy: URIRef
    operatedBy: URIRef
    presidentOf: URIRef
    primeMinisterOf: URIRef


_PREFIXES = {
    "rg": RG_IRI,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "sem": SEM,
    "prov": PROV,
    "foaf": FOAF,
    "geo": GEO,
    "wd": WD,
    "sh": SH,
    "id": ID,
}
# prefix -> namespace IRI, each a plain ``Namespace`` (a str), for queries and outputs alike
PREFIXES: dict[str, Namespace] = {p: Namespace(str(ns)) for p, ns in _PREFIXES.items()}


def bind_prefixes(graph: Graph) -> Graph:
    """The one place prefixes are bound, so every output spells them the same way."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def ontology_text(name: str = "reportgraph.ttl") -> str:
    return (files("reportgraph") / "ontology" / name).read_text(encoding="utf-8")


def load_ontology() -> Graph:
    return bind_prefixes(Graph()).parse(data=ontology_text("reportgraph.ttl"), format="turtle")


def load_shapes() -> Graph:
    return bind_prefixes(Graph()).parse(data=ontology_text("shapes.ttl"), format="turtle")

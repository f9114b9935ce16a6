"""The packaged ontology declares exactly the RG terms, with the structure CONTRACT.md asks for."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES, RELATION_PREDICATES, SUB_RELATIONS
from reportgraph.ontology import FOAF, PROV, RG, RG_IRI, SCHEMA, SEM, load_ontology, load_shapes

ONTOLOGY_IRI = URIRef("https://w3id.org/reportgraph/ns")
RG_TERMS = {RG[name] for name in RG.__annotations__}
CLASSES = {RG[name] for name in RG.__annotations__ if name[0].isupper()}
PROPERTIES = RG_TERMS - CLASSES
ACTORS = {RG.Person, RG.Organization, RG.Group}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def rg_iris(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(RG_IRI)}


def rg_superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """What the scorer sees: every rg: class reached through rdfs:subClassOf, itself included."""
    return {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if c.startswith(RG_IRI)}


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, DCTERMS.title) == Literal("reportgraph ontology", lang="en")
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) is not None


def test_namespace_has_the_terms_the_model_uses() -> None:
    names = set(RG.__annotations__)
    assert {"Event", "Actor", "Document"} <= names
    assert set(ENTITY_CLASSES) | set(EVENT_CLASSES) | set(RELATION_PREDICATES) <= names


@pytest.mark.parametrize("term", sorted(RG_TERMS), ids=lambda t: t.removeprefix(RG_IRI))
def test_every_term_is_labelled_and_explained(onto: Graph, term: URIRef) -> None:
    labels = list(onto.objects(term, RDFS.label))
    comments = list(onto.objects(term, RDFS.comment))
    assert [label.language for label in labels] == ["en"], f"{term}: one rdfs:label@en"
    assert comments, f"{term}: no rdfs:comment"
    assert all(c.language == "en" and len(str(c)) > 10 for c in comments)


def test_ontology_declares_only_namespace_terms(onto: Graph) -> None:
    subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(RG_IRI)}
    assert subjects == RG_TERMS
    assert rg_iris(onto) <= RG_TERMS, "a typo'd rg: IRI in the ontology"


def test_shapes_use_only_namespace_terms() -> None:
    assert rg_iris(load_shapes()) <= RG_TERMS


def test_classes_and_properties_are_typed(onto: Graph) -> None:
    for cls in CLASSES:
        assert (cls, RDF.type, OWL.Class) in onto, cls
    for prop in PROPERTIES:
        kinds = set(onto.objects(prop, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert len(kinds) == 1, prop


def test_contract_class_structure(onto: Graph) -> None:
    for cls in ACTORS:
        assert (cls, RDFS.subClassOf, RG.Actor) in onto
    assert (RG.Country, RDFS.subClassOf, RG.Place) in onto
    assert (RG.Country, RDFS.subClassOf, RG.Actor) in onto
    for name in EVENT_CLASSES:
        assert (RG[name], RDFS.subClassOf, RG.Event) in onto


def test_scorer_sees_each_class_as_itself_and_its_contract_parents_only(onto: Graph) -> None:
    expected = {cls: {cls, RG.Actor} for cls in ACTORS}
    expected |= {
        RG.Country: {RG.Country, RG.Place, RG.Actor},
        RG.Place: {RG.Place},
        RG.Law: {RG.Law},
        RG.Actor: {RG.Actor},
        RG.Document: {RG.Document},
        RG.Event: {RG.Event},
        RG.Claim: {RG.Claim},
        RG.Figure: {RG.Figure},
    }
    expected |= {RG[name]: {RG[name], RG.Event} for name in EVENT_CLASSES}
    assert {cls: rg_superclasses(onto, cls) for cls in CLASSES} == expected


def test_relations_are_object_properties_under_related_to(onto: Graph) -> None:
    assert (RG.relatedTo, RDF.type, OWL.ObjectProperty) in onto
    for name in RELATION_PREDICATES:
        assert (RG[name], RDF.type, OWL.ObjectProperty) in onto, name
        assert (RG[name], RDFS.subPropertyOf, RG.relatedTo) in onto, name
    # the scorer credits a triple to every super-property it reaches: none but rg:relatedTo
    for name in RELATION_PREDICATES:
        supers = set(onto.transitive_objects(RG[name], RDFS.subPropertyOf)) - {RG[name]}
        assert {s for s in supers if s.startswith(RG_IRI)} == {RG.relatedTo}, name
    for name, parent in SUB_RELATIONS.items():
        supers = set(onto.transitive_objects(RG[name], RDFS.subPropertyOf)) - {RG[name]}
        assert {s for s in supers if s.startswith(RG_IRI)} == {RG[parent], RG.relatedTo}, name


def test_event_properties(onto: Graph) -> None:
    assert (RG.agent, RDFS.subPropertyOf, RG.actor) in onto
    assert (RG.affected, RDFS.subPropertyOf, RG.actor) in onto
    assert (RG.place, RDFS.range, RG.Place) in onto
    assert (RG.evidence, RDFS.range, XSD.string) in onto
    assert (RG.mentionedIn, RDFS.range, RG.Document) in onto
    union = onto.value(onto.value(RG.date, RDFS.range), OWL.unionOf)
    assert list(Collection(onto, union)) == [XSD.date, XSD.gYearMonth, XSD.gYear]


def test_alignments(onto: Graph) -> None:
    aligned = {
        RG.Document: PROV.Entity,
        RG.Person: FOAF.Person,
        RG.Organization: SCHEMA.Organization,
        RG.Group: FOAF.Group,
        RG.Place: SCHEMA.Place,
        RG.Country: SCHEMA.Country,
        RG.Event: SEM.Event,
        RG.Actor: SEM.Actor,
    }
    for cls, other in aligned.items():
        assert (cls, RDFS.subClassOf, other) in onto, cls
    assert (RG.Law, SKOS.closeMatch, SCHEMA.Legislation) in onto
    assert (RG.actor, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (RG.place, RDFS.subPropertyOf, SEM.hasPlace) in onto


def test_kinds_are_declared_disjoint(onto: Graph) -> None:
    groups = [set(Collection(onto, m)) for m in onto.objects(None, OWL.members)]
    assert {RG.Person, RG.Organization, RG.Group, RG.Country} in groups
    assert any({RG.Event, RG.Law, RG.Document} <= g for g in groups)
    assert not any({RG.Place, RG.Actor} <= g for g in groups), "a Country is both"

"""What a graph holds, counted the same way after ``build`` and for ``stats``."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES, RELATION_PREDICATES, SUB_RELATIONS
from reportgraph.ontology import RG
from reportgraph.rdf import union_triples
from reportgraph.triples import NamedGraphs


@dataclass
class GraphStats:
    documents: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    triples: int = 0
    named_graphs: int = 0

    def lines(self) -> list[str]:
        def by_class(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {cls}" for cls, n in counts.items() if n) or "none"

        return [
            f"documents  {self.documents}",
            f"entities   {sum(self.entities.values())} ({by_class(self.entities)})",
            f"events     {sum(self.events.values())} ({by_class(self.events)})",
            f"relations  {self.relations}",
            f"triples    {self.triples} in {self.named_graphs} named graphs",
        ]

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "entities": self.entities,
            "events": self.events,
            "relations": self.relations,
            "triples": self.triples,
            "named_graphs": self.named_graphs,
        }


def graph_stats(dataset: Dataset | Graph | NamedGraphs) -> GraphStats:
    triples: set[tuple[object, object, object]] = set()
    graphs: set[object] = set()
    if isinstance(dataset, dict):
        triples.update(union_triples(dataset))
        graphs.update(name for name, named in dataset.items() if named)
    elif isinstance(dataset, Dataset):
        for s, p, o, g in dataset.quads((None, None, None, None)):
            triples.add((s, p, o))
            graphs.add(g)
    else:
        triples.update(dataset)
    types: dict[URIRef, set[URIRef]] = {}
    for s, p, o in triples:
        if p == RDF.type and isinstance(s, URIRef) and isinstance(o, URIRef):
            types.setdefault(s, set()).add(o)
    counts: dict[URIRef, int] = {}
    for classes in types.values():
        for cls in classes:
            counts[cls] = counts.get(cls, 0) + 1
    # rg:relatedTo is the parent of the others, used alone where no finer one applies
    relation_predicates = {RG[p] for p in (*RELATION_PREDICATES, *SUB_RELATIONS, "relatedTo")}
    return GraphStats(
        documents=counts.get(RG.Document, 0),
        entities={c: counts.get(RG[c], 0) for c in ENTITY_CLASSES},
        events={c: counts.get(RG[c], 0) for c in EVENT_CLASSES},
        relations=sum(1 for _, p, _ in triples if p in relation_predicates),
        triples=len(triples),
        named_graphs=len(graphs),
    )

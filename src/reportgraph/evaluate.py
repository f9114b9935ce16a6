"""Score a built graph against gold annotations (one JSON file per document, gold/SCHEMA.md).

The rules are those of the shared reference scorer (``eval/score.py``), so that a user's own
figures can be compared with the project's:

- entities: a graph entity mentioned in a document matches a gold entity of that document
  when one of its names equals one of the gold names (both normalised) and its class, or a
  superclass, is the gold class. Precision counts graph entities that match some gold
  entity, recall gold entities that some graph entity matches.
- events: same class, dates agreeing where both exist (one a prefix of the other), and
  evidence overlapping; pairs are made one to one, strongest overlap first.
- relations: recall per gold relation, strict (the predicate or a superproperty has the gold
  name, same direction) and loose (any ``rg:`` link, either direction); precision over the
  distinct entity-to-entity ``rg:`` links of the whole graph.
- identity: gold entities annotated in several documents whose matches share one node.
- false merges: two gold entities of one document matched by one node, unless the
  annotator gave them a name in common (then the text cannot tell them apart either).
- participants, over the paired events: the nodes of the document an event links to with
  any ``rg:`` property but ``rg:place`` (and ``rg:mentionedIn``), against the gold event's
  actors; a link is right when its node matches one of them.
- event details, over the paired events: gold laws among the actors that the event links
  to, gold places it gives as ``rg:place``, gold dates it gives a date for (only dates whose
  year the text states, when the text is at hand).
- evidence: share of events' evidence sentences found in their document's text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from reportgraph.errors import ReportgraphError
from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES
from reportgraph.ontology import RG, RG_IRI, load_ontology
from reportgraph.rdf import union

FORMATS = ("table", "json")
# Evidence overlap: one evidence containing the other beats any share of shared words, and a
# share below the threshold is no overlap at all.
CONTAINED = 2.0
MIN_WORD_SHARE = 0.6
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
# relation precision is counted over the whole graph, so per document only recall is shown
TABLE_NOTE = "rel strict, rel loose: gold relations of the document found in the graph"


# --- figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Precision and recall, each counted on its own side: one graph item may match several
    gold items and the other way round."""

    predicted: int
    matched_predicted: int
    gold: int
    matched_gold: int

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.predicted + other.predicted,
            self.matched_predicted + other.matched_predicted,
            self.gold + other.gold,
            self.matched_gold + other.matched_gold,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "predicted": self.predicted,
            "gold": self.gold,
            "matched_predicted": self.matched_predicted,
            "matched_gold": self.matched_gold,
        }


@dataclass(frozen=True)
class Ratio:
    """``part`` of ``whole``; the share is None when there is nothing to count."""

    part: int
    whole: int

    @property
    def share(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.part + other.part, self.whole + other.whole)

    def rounded(self) -> float | None:
        share = self.share
        return None if share is None else round(share, 3)

    def found_of(self) -> dict[str, Any]:
        return {"found": self.part, "of": self.whole, "share": self.rounded()}


@dataclass(frozen=True)
class PairedEvents:
    """What the paired events say besides class, date and evidence: events that match but
    name the wrong people, or no law, place or date, are of little use to a reader."""

    participants: Score
    laws_linked: Ratio
    places_found: Ratio
    dates_found: Ratio

    def __add__(self, other: PairedEvents) -> PairedEvents:
        return PairedEvents(
            self.participants + other.participants,
            self.laws_linked + other.laws_linked,
            self.places_found + other.places_found,
            self.dates_found + other.dates_found,
        )

    def details(self) -> dict[str, Any]:
        """The reference scorer's ``event_details``."""
        return {
            "laws_linked": self.laws_linked.found_of(),
            "places_found": self.places_found.found_of(),
            "dates_found": self.dates_found.found_of(),
        }


NO_PAIRED_EVENTS = PairedEvents(Score(0, 0, 0, 0), Ratio(0, 0), Ratio(0, 0), Ratio(0, 0))


@dataclass(frozen=True)
class DocumentEvaluation:
    """One gold document. Relation precision is a whole-graph figure (a link is not owned by
    one document), so per document only the gold relations found are counted."""

    document: str
    in_graph: bool
    entities: Score
    events: Score
    relations_strict: Ratio
    relations_loose: Ratio
    false_merges: int
    evidence: Ratio | None  # None: no text to check against
    paired: PairedEvents = NO_PAIRED_EVENTS

    def as_dict(self) -> dict[str, Any]:
        return {
            "in_graph": self.in_graph,
            "entities": self.entities.as_dict(),
            "events": self.events.as_dict(),
            "participants": self.paired.participants.as_dict(),
            "event_details": self.paired.details(),
            "relations_strict": {
                "found": self.relations_strict.part,
                "gold": self.relations_strict.whole,
            },
            "relations_loose": {
                "found": self.relations_loose.part,
                "gold": self.relations_loose.whole,
            },
            "false_merges": self.false_merges,
            "evidence_found_in_text": None if self.evidence is None else self.evidence.rounded(),
        }


@dataclass(frozen=True)
class Evaluation:
    entities: Score
    events: Score
    relations_strict: Score
    relations_loose: Score
    identity: Ratio  # multi-document gold entities that are one node
    false_merges: int
    evidence: Ratio | None  # None: not measured (no document texts)
    documents: tuple[DocumentEvaluation, ...]
    corpus: Path | None = None
    paired: PairedEvents = NO_PAIRED_EVENTS

    def as_dict(self) -> dict[str, Any]:
        """The reference scorer's JSON keys (same values), with counts added."""
        return {
            "entities": self.entities.as_dict(),
            "events": self.events.as_dict(),
            "relations_strict": self.relations_strict.as_dict(),
            "relations_loose": self.relations_loose.as_dict(),
            "participants": self.paired.participants.as_dict(),
            "event_details": self.paired.details(),
            "identity": {
                "one_node": self.identity.part,
                "multi_document_entities": self.identity.whole,
                "share": self.identity.rounded(),
            },
            "false_merges": self.false_merges,
            "evidence_found_in_text": None if self.evidence is None else self.evidence.rounded(),
            "evidence_checked": None
            if self.evidence is None
            else {"found": self.evidence.part, "checked": self.evidence.whole},
            "documents": {d.document: d.as_dict() for d in self.documents},
        }


# --- names -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """One spelling per name: case, possessives, punctuation and a leading article do not
    count, so "The Ruritanian Police's" and "ruritanian police" are one name."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("\u2019", "'")
    text = re.sub(r"'s$", "", text.replace("'s ", " "))
    text = re.sub(r"[^\w\s]", " ", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    return " ".join(text.split())


def word_set(text: str) -> set[str]:
    return set(normalise(text).split())


def _names(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(t) for t in texts) - {""}


# --- gold --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    id: str
    cls: str
    names: frozenset[str]  # label and aliases, normalised


@dataclass(frozen=True)
class GoldEvent:
    cls: str
    evidence: str
    date: str | None
    actors: frozenset[str] = frozenset()  # gold entity ids
    place: str | None = None  # a gold entity id


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str  # casefolded: the scorer ignores the case of predicate names
    object: str


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    document: str
    entities: dict[str, GoldEntity]
    events: tuple[GoldEvent, ...]
    relations: tuple[GoldRelation, ...]


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``*.json`` of the folder, in name order; two files for one document is an error
    because their figures could not be told apart."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise ReportgraphError(f"{gold_dir}: gold folder not found")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise ReportgraphError(f"{gold_dir}: no gold annotation files (*.json) in this folder")
    documents: list[GoldDocument] = []
    seen: dict[str, Path] = {}
    for path in paths:
        gold = read_gold_file(path)
        if gold.document in seen:
            raise ReportgraphError(
                f"{path}: document {gold.document!r} is already annotated in {seen[gold.document]}"
            )
        seen[gold.document] = path
        documents.append(gold)
    return documents


def read_gold_file(path: Path) -> GoldDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReportgraphError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportgraphError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ReportgraphError(f"{path}: expected a JSON object with document, entities, ...")
    entities = [
        _gold_entity(e, f"{path}: entities[{i}]")
        for i, e in enumerate(_list(data, "entities", path))
    ]
    return GoldDocument(
        path=path,
        document=_text(data, "document", str(path)),
        entities={e.id: e for e in entities},
        events=tuple(
            _gold_event(e, f"{path}: events[{i}]")
            for i, e in enumerate(_list(data, "events", path))
        ),
        relations=tuple(
            _gold_relation(r, f"{path}: relations[{i}]")
            for i, r in enumerate(_list(data, "relations", path))
        ),
    )


def _gold_entity(record: Any, where: str) -> GoldEntity:
    _require_object(record, where)
    aliases = record.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ReportgraphError(f"{where}: 'aliases' must be a list of strings")
    return GoldEntity(
        id=_text(record, "id", where),
        cls=_class(record, ENTITY_CLASSES, where),
        names=_names([_text(record, "label", where), *aliases]),
    )


def _gold_event(record: Any, where: str) -> GoldEvent:
    _require_object(record, where)
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise ReportgraphError(f"{where}: 'date' must be a string such as \"2002-03\"")
    actors = record.get("actors") or []
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise ReportgraphError(f"{where}: 'actors' must be a list of entity ids")
    place = record.get("place")
    if place is not None and not isinstance(place, str):
        raise ReportgraphError(f"{where}: 'place' must be an entity id")
    return GoldEvent(
        cls=_class(record, EVENT_CLASSES, where),
        evidence=_text(record, "evidence", where),
        date=date or None,
        actors=frozenset(actors),
        place=place or None,
    )


def _gold_relation(record: Any, where: str) -> GoldRelation:
    _require_object(record, where)
    return GoldRelation(
        subject=_text(record, "subject", where),
        predicate=_text(record, "predicate", where).casefold(),
        object=_text(record, "object", where),
    )


def _require_object(record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise ReportgraphError(f"{where}: expected a JSON object")


def _list(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    if key not in data:
        raise ReportgraphError(f"{path}: missing key {key!r}")
    if not isinstance(data[key], list):
        raise ReportgraphError(f"{path}: {key!r} must be a list")
    return data[key]


def _text(record: dict[str, Any], key: str, where: str) -> str:
    if key not in record:
        raise ReportgraphError(f"{where}: missing key {key!r}")
    if not isinstance(record[key], str):
        raise ReportgraphError(f"{where}: {key!r} must be a string")
    return record[key]


def _class(record: dict[str, Any], allowed: tuple[str, ...], where: str) -> str:
    cls = _text(record, "class", where)
    if cls not in allowed:
        raise ReportgraphError(f"{where}: class {cls!r} is not one of {', '.join(allowed)}")
    return cls


# --- the graph as plain data -------------------------------------------------------------


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
        names=_names(str(o) for p in NAME_PROPERTIES for o in graph.objects(node, p)),
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


# --- scoring one document ----------------------------------------------------------------


@dataclass(frozen=True)
class DocumentMatch:
    """A document's figures and what the whole-graph figures need from it."""

    evaluation: DocumentEvaluation
    entity_nodes: frozenset[Node]
    node_gold: dict[Node, frozenset[str]]  # graph entity -> gold ids it matches here


def match_entities(
    gold: GoldDocument, nodes: Iterable[Node], facts: GraphFacts
) -> dict[Node, frozenset[str]]:
    matches = {}
    for node in nodes:
        item = facts.items[node]
        ids = frozenset(
            e.id for e in gold.entities.values() if e.cls in item.classes and e.names & item.names
        )
        if ids:
            matches[node] = ids
    return matches


def count_false_merges(gold: GoldDocument, node_gold: dict[Node, frozenset[str]]) -> int:
    return sum(
        1
        for ids in node_gold.values()
        for a, b in combinations(sorted(ids), 2)
        if not gold.entities[a].names & gold.entities[b].names
    )


def dates_agree(gold: str | None, found: Iterable[str]) -> bool:
    """Dates at different precisions agree when one is a prefix of the other; a missing
    date on either side does not count against a match."""
    found = list(found)
    if not gold or not found:
        return True
    return any(d.startswith(gold) or gold.startswith(d) for d in found)


def evidence_overlap(gold: str, found: Iterable[str]) -> float:
    """CONTAINED when one evidence holds the other, else the best share of the gold words
    found in one evidence if it reaches MIN_WORD_SHARE, else 0."""
    gold_norm, gold_words = normalise(gold), word_set(gold)
    best = 0.0
    for evidence in found:
        norm = normalise(evidence)
        if gold_norm in norm or norm in gold_norm:
            return CONTAINED
        share = len(gold_words & word_set(evidence)) / len(gold_words) if gold_words else 0.0
        if share >= MIN_WORD_SHARE:
            best = max(best, share)
    return best


def match_events(gold: Iterable[GoldEvent], events: dict[Node, Item]) -> dict[int, Node]:
    """Gold event index -> graph event, paired one to one, strongest overlap first (then gold
    order, then node IRI), so that one sentence's event is not counted twice."""
    candidates = []
    for index, event in enumerate(gold):
        for node, item in events.items():
            if event.cls in item.classes and dates_agree(event.date, item.dates):
                overlap = evidence_overlap(event.evidence, item.evidence)
                if overlap:
                    candidates.append((-overlap, index, str(node), node))
    paired: dict[int, Node] = {}
    paired_nodes: set[Node] = set()
    for _, index, _, node in sorted(candidates, key=lambda c: c[:3]):
        if index not in paired and node not in paired_nodes:
            paired[index] = node
            paired_nodes.add(node)
    return paired


def paired_event_figures(
    gold: GoldDocument,
    paired: dict[int, Node],
    nodes: frozenset[Node],
    node_gold: dict[Node, frozenset[str]],
    facts: GraphFacts,
    text: str | None,
) -> PairedEvents:
    """Participants and details of each paired event, counting only links to nodes of this
    document. A gold date counts only when its year is in the text (a year worked out from
    elsewhere cannot be read from the document), or when there is no text to look in."""
    figures = NO_PAIRED_EVENTS
    for index, node in paired.items():
        event, item = gold.events[index], facts.items[node]
        links = item.links & nodes
        found = frozenset().union(*(node_gold.get(n, frozenset()) for n in links))
        right = sum(1 for n in links if node_gold.get(n, frozenset()) & event.actors)
        laws = {a for a in event.actors if a in gold.entities and gold.entities[a].cls == "Law"}
        places = frozenset().union(*(node_gold.get(n, frozenset()) for n in item.places & nodes))
        dated = bool(event.date) and (not text or event.date[:4] in text)
        figures += PairedEvents(
            Score(len(links), right, len(event.actors), len(event.actors & found)),
            Ratio(len(laws & found), len(laws)),
            Ratio(int(event.place in places), 1) if event.place else Ratio(0, 0),
            Ratio(int(bool(item.dates)), 1) if dated else Ratio(0, 0),
        )
    return figures


def check_evidence(events: Iterable[Item], text: str) -> Ratio:
    """Whitespace does not count: the text may wrap lines where the evidence does not."""
    flat = " ".join(text.split())
    sentences = [e for item in events for e in item.evidence]
    found = sum(1 for e in sentences if flat and " ".join(e.split()) in flat)
    return Ratio(found, len(sentences))


def relations_found(
    gold: GoldDocument, node_gold: dict[Node, frozenset[str]], facts: GraphFacts
) -> tuple[Ratio, Ratio]:
    """Gold relations of this document found (strict, loose) among its matched entities."""
    strict = loose = 0
    for relation in gold.relations:
        subjects = [n for n, ids in node_gold.items() if relation.subject in ids]
        objects = [n for n, ids in node_gold.items() if relation.object in ids]
        forward = [
            link for s in subjects for o in objects for link in facts.links_by_pair.get((s, o), [])
        ]
        backward = [
            link for s in subjects for o in objects for link in facts.links_by_pair.get((o, s), [])
        ]
        strict += any(relation.predicate in link.names for link in forward)
        loose += bool(forward or backward)
    total = len(gold.relations)
    return Ratio(strict, total), Ratio(loose, total)


def evaluate_document(gold: GoldDocument, facts: GraphFacts, text: str | None) -> DocumentMatch:
    doc_node = facts.documents.get(gold.document)
    nodes = facts.mentioned.get(doc_node, frozenset()) if doc_node is not None else frozenset()
    entity_nodes = frozenset(n for n in nodes if facts.items[n].is_entity)
    events = {n: facts.items[n] for n in nodes if facts.items[n].is_event}
    node_gold = match_entities(gold, entity_nodes, facts)
    matched_gold = set().union(*node_gold.values()) if node_gold else set()
    paired = match_events(gold.events, events)
    strict, loose = relations_found(gold, node_gold, facts)
    evaluation = DocumentEvaluation(
        document=gold.document,
        in_graph=doc_node is not None,
        entities=Score(len(entity_nodes), len(node_gold), len(gold.entities), len(matched_gold)),
        events=Score(len(events), len(paired), len(gold.events), len(paired)),
        relations_strict=strict,
        relations_loose=loose,
        false_merges=count_false_merges(gold, node_gold),
        evidence=None if text is None else check_evidence(events.values(), text),
        paired=paired_event_figures(gold, paired, nodes, node_gold, facts, text),
    )
    return DocumentMatch(evaluation, entity_nodes, node_gold)


# --- whole-graph figures -----------------------------------------------------------------


def relation_precision(
    facts: GraphFacts,
    entity_nodes: set[Node],
    node_gold: dict[Node, set[str]],
    gold: set[GoldRelation],
) -> tuple[int, int, int]:
    """(links, strictly right, loosely right) over the links between entities of the gold
    documents; rg:mentionedIn is bookkeeping, not a relation."""
    gold_pairs = {(r.subject, r.object) for r in gold} | {(r.object, r.subject) for r in gold}
    total = strict = loose = 0
    for link in facts.links:
        if link.property == "mentionedIn" or not {link.subject, link.object} <= entity_nodes:
            continue
        total += 1
        pairs = {(a, b) for a in node_gold[link.subject] for b in node_gold[link.object]}
        strict += any(GoldRelation(a, name, b) in gold for a, b in pairs for name in link.names)
        loose += bool(pairs & gold_pairs)
    return total, strict, loose


def identity(per_document: list[dict[str, frozenset[Node]]]) -> Ratio:
    """Gold ids annotated in two or more documents, and those whose matches share a node
    (a document where the id matched nothing breaks the chain)."""
    nodes_by_id: dict[str, list[frozenset[Node]]] = defaultdict(list)
    for document in per_document:
        for gold_id, nodes in document.items():
            nodes_by_id[gold_id].append(nodes)
    multi = [sets for sets in nodes_by_id.values() if len(sets) >= 2]
    return Ratio(sum(1 for sets in multi if frozenset.intersection(*sets)), len(multi))


def evaluate(dataset_or_graph: Graph, gold_dir: Path, corpus_dir: Path | None = None) -> Evaluation:
    """Score a graph (a built Dataset or any Graph) against the gold folder.

    ``corpus_dir`` holds the documents' texts for the evidence check; when None, the gold
    folder is used if it holds every document's text, else evidence is not measured.
    """
    golds = load_gold(Path(gold_dir))
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus(Path(gold_dir), golds)
    facts = read_graph(dataset_or_graph)
    matches = [evaluate_document(g, facts, read_text(corpus, g.document)) for g in golds]
    docs = [m.evaluation for m in matches]
    entity_nodes = {n for m in matches for n in m.entity_nodes}
    node_gold: dict[Node, set[str]] = defaultdict(set)
    for m in matches:
        for node, ids in m.node_gold.items():
            node_gold[node] |= ids
    gold_relations = {r for g in golds for r in g.relations}
    links, strict, loose = relation_precision(facts, entity_nodes, node_gold, gold_relations)
    per_id = [
        {gid: frozenset(n for n, ids in m.node_gold.items() if gid in ids) for gid in g.entities}
        for g, m in zip(golds, matches, strict=True)
    ]
    return Evaluation(
        entities=_sum((d.entities for d in docs), Score(0, 0, 0, 0)),
        events=_sum((d.events for d in docs), Score(0, 0, 0, 0)),
        relations_strict=_relation_score(links, strict, (d.relations_strict for d in docs)),
        relations_loose=_relation_score(links, loose, (d.relations_loose for d in docs)),
        identity=identity(per_id),
        false_merges=sum(d.false_merges for d in docs),
        evidence=None
        if corpus is None
        else _sum((d.evidence for d in docs if d.evidence), Ratio(0, 0)),
        documents=tuple(docs),
        corpus=corpus,
        paired=_sum((d.paired for d in docs), NO_PAIRED_EVENTS),
    )


def _sum(values: Iterable[Any], start: Any) -> Any:
    total = start
    for value in values:
        total = total + value
    return total


def _relation_score(links: int, right: int, found: Iterable[Ratio]) -> Score:
    recall = _sum(found, Ratio(0, 0))
    return Score(links, right, recall.whole, recall.part)


def default_corpus(gold_dir: Path, golds: list[GoldDocument]) -> Path | None:
    """The gold folder, when it holds every annotated document's text next to its JSON."""
    if golds and all((gold_dir / g.document).is_file() for g in golds):
        return gold_dir
    return None


def read_text(corpus: Path | None, document: str) -> str | None:
    if corpus is None:
        return None
    path = corpus / document
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError as exc:
        raise ReportgraphError(
            f"{path}: document text not found (the evidence check reads it from the corpus folder)"
        ) from exc
    except OSError as exc:
        raise ReportgraphError(f"{path}: cannot read: {exc}") from exc


# --- output ------------------------------------------------------------------------------


def format_evaluation(ev: Evaluation, fmt: str) -> str:
    """``table``: one row per document, then the totals; ``json``: the reference scorer's
    keys. Always ends in a newline."""
    if fmt == "json":
        return json.dumps(ev.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "table":
        return "\n".join([_documents_table(ev) + TABLE_NOTE, "", *_total_lines(ev)]) + "\n"
    raise ReportgraphError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _documents_table(ev: Evaluation) -> str:
    from reportgraph.query import QueryResult, format_result

    columns = ["document", "ent P", "ent R", "ent F1", "ev P", "ev R", "ev F1"]
    columns += ["rel strict", "rel loose", "evidence"]
    rows = [_document_row(d) for d in ev.documents]
    return format_result(QueryResult(kind="select", columns=columns, rows=rows), "table")


def _document_row(d: DocumentEvaluation) -> tuple[str, ...]:
    name = d.document if d.in_graph else f"{d.document} (not in graph)"
    return (
        name,
        *_prf(d.entities),
        *_prf(d.events),
        f"{d.relations_strict.part}/{d.relations_strict.whole}",
        f"{d.relations_loose.part}/{d.relations_loose.whole}",
        _share(d.evidence),
    )


def _prf(score: Score) -> tuple[str, str, str]:
    return f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"


def _share(ratio: Ratio | None) -> str:
    if ratio is None or ratio.share is None:
        return "-"
    return f"{ratio.share:.3f}"


def _total_lines(ev: Evaluation) -> list[str]:
    lines = []
    for label, score in (
        ("entities", ev.entities),
        ("events", ev.events),
        ("relations strict", ev.relations_strict),
        ("relations loose", ev.relations_loose),
    ):
        p, r, f = _prf(score)
        lines.append(
            f"{label:17} P {p}  R {r}  F1 {f}  ({score.predicted} found, {score.gold} gold)"
        )
    p, r, f = _prf(ev.paired.participants)
    lines.append(
        f"{'participants':17} P {p}  R {r}  F1 {f}  ({ev.paired.participants.predicted} found, "
        f"{ev.paired.participants.gold} gold, over paired events)"
    )
    for key, detail in ev.paired.details().items():
        share = "" if detail["share"] is None else f"  ({detail['share']:.3f})"
        lines.append(f"{key.replace('_', ' '):17} {detail['found']}/{detail['of']}{share}")
    lines.append(
        f"{'identity':17} {ev.identity.part}/{ev.identity.whole} multi-document entities "
        "are one node"
    )
    lines.append(f"{'false merges':17} {ev.false_merges}")
    lines.append(f"{'evidence in text':17} {_evidence_line(ev.evidence)}")
    return lines


def _evidence_line(evidence: Ratio | None) -> str:
    if evidence is None:
        return "not measured (no folder of document texts)"
    if evidence.share is None:
        return "no evidence sentences to check"
    return f"{evidence.share:.3f} ({evidence.part}/{evidence.whole} evidence sentences)"

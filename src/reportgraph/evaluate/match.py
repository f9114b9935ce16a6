"""Matching a graph against gold, the reference scorer's rules: which graph entities match
which gold entities, which events pair, which gold relations are found, and what the
matches say about identity, false merges and the paired events' details."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from rdflib.term import Node

from reportgraph.evaluate.figures import NO_PAIRED_EVENTS, PairedEvents, Ratio, Score
from reportgraph.evaluate.gold import GoldDocument, GoldEvent, GoldRelation
from reportgraph.evaluate.graph import GraphFacts, Item
from reportgraph.evaluate.names import normalise, word_set

# Evidence overlap: one evidence containing the other beats any share of shared words, and a
# share below the threshold is no overlap at all.
CONTAINED = 2.0
MIN_WORD_SHARE = 0.6


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

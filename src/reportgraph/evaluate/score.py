"""Scoring a whole graph against a gold folder: each document matched on its own, then the
whole-graph figures (relation precision, identity) from what the documents matched."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from reportgraph.errors import ReportgraphError
from reportgraph.evaluate.figures import (
    NO_PAIRED_EVENTS,
    DocumentEvaluation,
    Evaluation,
    Ratio,
    Score,
)
from reportgraph.evaluate.gold import GoldDocument, load_gold
from reportgraph.evaluate.graph import GraphFacts, read_graph
from reportgraph.evaluate.match import (
    check_evidence,
    count_false_merges,
    identity,
    match_entities,
    match_events,
    paired_event_figures,
    relation_precision,
    relations_found,
)


@dataclass(frozen=True)
class DocumentMatch:
    """A document's figures and what the whole-graph figures need from it."""

    evaluation: DocumentEvaluation
    entity_nodes: frozenset[Node]
    node_gold: dict[Node, frozenset[str]]  # graph entity -> gold ids it matches here


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

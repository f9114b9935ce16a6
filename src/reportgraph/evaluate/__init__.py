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

One job a module, imports one way: ``gold`` (annotation files) and ``graph`` (what a built
graph says), both spelling names through ``names``, feed ``match`` (the rules above), which
``score`` runs per document and over the whole graph; ``figures`` holds the values they
produce and ``report`` prints them.
"""

from reportgraph.evaluate.figures import (
    NO_PAIRED_EVENTS,
    DocumentEvaluation,
    Evaluation,
    PairedEvents,
    Ratio,
    Score,
)
from reportgraph.evaluate.gold import (
    GoldDocument,
    GoldEntity,
    GoldEvent,
    GoldRelation,
    load_gold,
    read_gold_file,
)
from reportgraph.evaluate.graph import NAME_PROPERTIES, GraphFacts, Item, Link, read_graph
from reportgraph.evaluate.match import (
    CONTAINED,
    MIN_WORD_SHARE,
    check_evidence,
    count_false_merges,
    dates_agree,
    evidence_overlap,
    identity,
    match_entities,
    match_events,
    paired_event_figures,
    relation_precision,
    relations_found,
)
from reportgraph.evaluate.names import normalise, word_set
from reportgraph.evaluate.report import FORMATS, TABLE_NOTE, format_evaluation
from reportgraph.evaluate.score import (
    DocumentMatch,
    default_corpus,
    evaluate,
    evaluate_document,
    read_text,
)

__all__ = [
    "CONTAINED",
    "FORMATS",
    "MIN_WORD_SHARE",
    "NAME_PROPERTIES",
    "NO_PAIRED_EVENTS",
    "TABLE_NOTE",
    "DocumentEvaluation",
    "DocumentMatch",
    "Evaluation",
    "GoldDocument",
    "GoldEntity",
    "GoldEvent",
    "GoldRelation",
    "GraphFacts",
    "Item",
    "Link",
    "PairedEvents",
    "Ratio",
    "Score",
    "check_evidence",
    "count_false_merges",
    "dates_agree",
    "default_corpus",
    "evaluate",
    "evaluate_document",
    "evidence_overlap",
    "format_evaluation",
    "identity",
    "load_gold",
    "match_entities",
    "match_events",
    "normalise",
    "paired_event_figures",
    "read_gold_file",
    "read_graph",
    "read_text",
    "relation_precision",
    "relations_found",
    "word_set",
]

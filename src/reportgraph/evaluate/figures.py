"""The figures a scoring produces, as plain values that add up over documents and print as the
reference scorer's JSON."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


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

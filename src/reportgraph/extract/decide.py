"""Does a trigger report an act? A small model learned from annotated reports decides.

Every trigger word of ``data/event_triggers.tsv`` is a candidate. Its features are general:
the class and the word, its place in the parse, tense, modality, what the rules would
object to ("negated", "unreal", "who-they-are", ...), whether the sentence names actors or
a date. A logistic model trained on the annotations (``reportgraph.train``) weighs them
when ``REPORTGRAPH_EVENT_MODEL`` names its file; otherwise the rules alone decide: a
trigger with no objection is an event.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError

MODEL_ENV = "REPORTGRAPH_EVENT_MODEL"
FORMAT = "reportgraph-event-model/1"


@dataclass(frozen=True)
class Candidate:
    """A trigger of a class in sentence ``index``, with what the model reads of it."""

    index: int
    cls: str
    hit: Any  # triggers.Hit
    veto: str | None
    features: tuple[str, ...]


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: tuple[str, ...]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        weights = {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6}
        data = {"format": FORMAT, "bias": round(self.bias, 6), "threshold": self.threshold,
                "weights": weights}  # fmt: skip
        return json.dumps(data, indent=0, sort_keys=True) + "\n"


def parse_model(text: str, source: str) -> Model:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return Model(weights, float(data["bias"]), float(data["threshold"]))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReportgraphError(f"{source}: not an event model ({exc})") from exc


@cache
def event_model() -> Model | None:
    """The model in the file ``REPORTGRAPH_EVENT_MODEL`` names, or None (the rules decide).

    No model ships: cross-validated over subjects, the learned decision has not yet beaten
    the rules (README, "What counts as an event")."""
    chosen = os.environ.get(MODEL_ENV, "")
    if chosen.lower() in ("", "none"):
        return None
    path = Path(chosen)
    try:
        return parse_model(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise ReportgraphError(f"{path}: cannot read the event model ({exc})") from exc


def accepted(candidate: Candidate, model: Model | None = None) -> bool:
    model = model if model is not None else event_model()
    if model is None:
        return candidate.veto is None
    return model.probability(candidate.features) >= model.threshold


_MODALS = frozenset("may might could would should must shall can will".split())
_NEGATIONS = frozenset("not never n't no".split())


def features(
    cls: str, hit: Any, token: Any, veto: str | None, context: dict[str, bool]
) -> tuple[str, ...]:
    """What the model reads of one candidate: general properties only, never a name."""
    word = " ".join(hit.group().lower().split())
    out = [f"c={cls}", f"c={cls}|w={word}", f"veto={veto}", f"c={cls}|veto={veto}"]
    out += [f"{k}" for k, on in sorted(context.items()) if on]
    out += [f"c={cls}|{k}" for k, on in sorted(context.items()) if on]
    if token is None:
        return (*out, "noparse")
    kids = {c.dep_ for c in token.children}
    words = {c.lower_ for c in token.children}
    out += [
        f"c={cls}|l={token.lemma_.lower()}",
        f"c={cls}|pos={token.pos_}",
        f"c={cls}|tag={token.tag_}",
        f"c={cls}|dep={token.dep_}",
        f"dep={token.dep_}|head={token.head.pos_}",
        f"c={cls}|hl={token.head.lemma_.lower()}",
        f"c={cls}|pos={token.pos_}|dep={token.dep_}",
    ]
    out += [f"c={cls}|kid={d}" for d in sorted(kids & _KID_DEPS)]
    if words & _MODALS:
        out.append("modal")
    if words & _NEGATIONS or any(c.dep_ == "neg" for c in token.children):
        out.append("negation")
    if token.i == token.sent.root.i:
        out.append(f"c={cls}|root")
    if token.i > 0 and token.doc[token.i - 1].lower_ in ("the", "a", "an"):
        out.append(f"c={cls}|after-article")
    return tuple(out)


_KID_DEPS = frozenset(
    "nsubj nsubjpass dobj agent prep aux auxpass neg mark advmod ccomp xcomp pobj poss".split()
)

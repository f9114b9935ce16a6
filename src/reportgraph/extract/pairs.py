"""Relations the rules do not know, decided by a model learned from annotated reports.

Every pair of names in a sentence is a candidate. What the model reads of a pair is
general: the two classes, their order and distance, the words between them, and the path
between the two in the parse (the verbs and prepositions on it). A logistic model weighs
that (``reportgraph.train --relations``); a table from the same annotations gives the
predicate most often annotated for the pair's classes and path word, where the ontology
declares it, else ``rg:relatedTo``. The component runs only when
``REPORTGRAPH_RELATION_MODEL`` names a model file: see README, "Rules, or a learned
decision?".
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.extract import component
from reportgraph.extract.decide import Model
from reportgraph.extract.patterns import outermost
from reportgraph.model import (
    RELATION_PREDICATES,
    SUB_RELATIONS,
    Annotated,
    Mention,
    RelationMention,
    Sentence,
)

MODEL_ENV = "REPORTGRAPH_RELATION_MODEL"
FORMAT = "reportgraph-relation-model/1"
ENTITY_CLASSES = ("Person", "Organization", "Group", "Country", "Place", "Law")
MAX_TOKENS = 30  # names further apart than this in a sentence are not paired
KNOWN = frozenset((*RELATION_PREDICATES, *SUB_RELATIONS))


@dataclass(frozen=True)
class PairModel:
    model: Model
    # "Person>Organization|of" (or "Person>Organization|") -> predicate
    predicates: dict[str, str]

    def predicate(self, a: Mention, b: Mention, word: str) -> tuple[str, bool]:
        """The predicate for the pair, and whether the second name is its subject."""
        pair = f"{a.cls}>{b.cls}"
        found = self.predicates.get(f"{pair}|{word}") or self.predicates.get(f"{pair}|") or ""
        name = found.removeprefix("^")
        return (name, found.startswith("^")) if name in KNOWN else ("relatedTo", False)

    def to_json(self) -> str:
        data = json.loads(self.model.to_json())
        data["format"] = FORMAT
        data["predicates"] = dict(sorted(self.predicates.items()))
        return json.dumps(data, indent=0, sort_keys=True) + "\n"


@cache
def pair_model() -> PairModel | None:
    chosen = os.environ.get(MODEL_ENV, "")
    if chosen.lower() in ("", "none"):
        return None
    path = Path(chosen)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        model = Model(weights, float(data["bias"]), float(data["threshold"]))
        return PairModel(model, {str(k): str(v) for k, v in data["predicates"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReportgraphError(f"{path}: not a relation model ({exc})") from exc


@dataclass(frozen=True)
class Pair:
    index: int
    a: Mention
    b: Mention
    word: str  # the verb or preposition that joins them in the parse, or ""
    features: tuple[str, ...]


def candidates(doc: Annotated) -> list[Pair]:
    """Every pair of outermost names of a sentence, with what the model reads of it."""
    out = []
    for i, sentence in enumerate(doc.sentences):
        if i >= len(doc.parses):
            break
        parsed = doc.parses[i]
        names = outermost([m for m in doc.mentions_in(sentence) if m.cls in ENTITY_CLASSES])
        heads = [_head(parsed, sentence, m) for m in names]
        for x, (a, ha) in enumerate(zip(names, heads, strict=True)):
            for b, hb in zip(names[x + 1 :], heads[x + 1 :], strict=True):
                if ha is None or hb is None or abs(hb.i - ha.i) > MAX_TOKENS:
                    continue
                if a.canonical == b.canonical:
                    continue
                word, feats = _features(a, b, ha, hb, parsed)
                out.append(Pair(i, a, b, word, feats))
    return out


@component("pairs", requires=["parses", "mentions"], assigns=["relations"])
def pairs(doc: Annotated) -> None:
    model = pair_model()
    if model is None:
        return
    related = {frozenset((r.subject.canonical, r.object.canonical)) for r in doc.relations}
    for p in candidates(doc):
        key = frozenset((p.a.canonical, p.b.canonical))
        if key in related or model.model.probability(p.features) < model.model.threshold:
            continue
        related.add(key)
        sentence: Sentence = doc.sentences[p.index]
        predicate, backwards = model.predicate(p.a, p.b, p.word)
        subject, obj = (p.b, p.a) if backwards else (p.a, p.b)
        doc.relations.append(RelationMention(subject, predicate, obj, sentence, "pairs"))


def _head(parsed: Any, sentence: Sentence, m: Mention) -> Any:
    span = parsed.char_span(
        m.start - sentence.start, m.end - sentence.start, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None


def _path(ha: Any, hb: Any) -> tuple[list[Any], list[Any]]:
    """The tokens from each head up to their lowest common ancestor (included once)."""
    up_a = [ha, *ha.ancestors]
    ids_a = {t.i: n for n, t in enumerate(up_a)}
    up_b = []
    for t in [hb, *hb.ancestors]:
        if t.i in ids_a:
            return up_a[: ids_a[t.i] + 1], up_b
        up_b.append(t)
    return up_a, up_b


def _features(a: Mention, b: Mention, ha: Any, hb: Any, parsed: Any) -> tuple[str, tuple[str, ...]]:
    pair = f"{a.cls}>{b.cls}"
    left, right = _path(ha, hb)
    top = left[-1]
    inner = [*left[1:], *reversed(right)]
    deps = "<".join(t.dep_ for t in left[:-1]) + "^" + ">".join(t.dep_ for t in reversed(right))
    preps = [t.lower_ for t in inner if t.dep_ in ("prep", "agent")]
    verbs = [t.lemma_.lower() for t in inner if t.pos_ in ("VERB", "AUX")]
    word = verbs[0] if verbs else (preps[0] if preps else "")
    between = parsed[ha.i + 1 : hb.i] if ha.i < hb.i else parsed[hb.i + 1 : ha.i]
    gap = hb.i - ha.i
    feats = [
        f"pair={pair}",
        f"pair={pair}|path={deps}",
        f"path={deps}",
        f"pair={pair}|gap={min(gap, 8) if gap < 8 else '8+' if gap < 16 else '16+'}",
        f"top={top.pos_}",
        f"pair={pair}|top={top.lemma_.lower()}",
        f"len={min(len(inner), 5)}",
    ]
    feats += [f"prep={p}" for p in preps[:3]]
    feats += [f"pair={pair}|prep={p}" for p in preps[:3]]
    feats += [f"verb={v}" for v in verbs[:3]]
    feats += [f"pair={pair}|verb={v}" for v in verbs[:3]]
    if any(t.text == "," for t in between):
        feats.append("comma")
    if any(t.lower_ in ("and", "or") for t in between):
        feats.append("coordinated")
    if any(t.text in ("(", ")") for t in between):
        feats.append("bracket")
    if len(between) == 0:
        feats.append("adjacent")
    if any(t.text in (";", ":") for t in between):
        feats.append("semicolon")
    return word, tuple(feats)

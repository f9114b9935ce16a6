"""Relations stated between two entities of one sentence, by the words between them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgraph.extract import component
from reportgraph.extract.gazetteer import countries
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.model import Annotated, Mention, RelationMention, Sentence

_STATE_CLASSES = ("Country", "Organization")
# (predicate, subject classes, object classes, pattern for the text between them)
_BETWEEN: list[tuple[str, tuple[str, ...], tuple[str, ...], re.Pattern[str]]] = [
    (
        "ratified",
        _STATE_CLASSES,
        ("Law",),
        re.compile(r"\b(?:has|have|had)?\s*ratif(?:y|ied|ies)\b"),
    ),
    (
        "signatoryOf",
        _STATE_CLASSES,
        ("Law",),
        re.compile(r"\b(?:signator(?:y|ies)|part(?:y|ies))\s+to\b|\bsigned\b|\bacceded\s+to\b"),
    ),
    (
        "violates",
        (*_STATE_CLASSES, "Person", "Group"),
        ("Law",),
        re.compile(
            r"\bviolat(?:e|es|ed|ing)\b|\bin\s+violation\s+of\b|\bbreach(?:es|ed|ing)?\b|\bcontravene"
        ),
    ),
    (
        "memberOf",
        ("Person",),
        ("Organization",),
        re.compile(
            r"^\s*(?:,\s*(?:a\s+)?(?:member|official|researcher|staff)\s+)?(?:of|at|from|with)\s+(?:the\s+)?$"
        ),
    ),
    (
        "spokespersonOf",
        ("Person",),
        _STATE_CLASSES,
        re.compile(r"spokes(?:man|woman|person)\s+(?:of|for)\s+(?:the\s+)?$"),
    ),
    (
        "heldIn",
        ("Person", "Group"),
        ("Place",),
        re.compile(
            r"\b(?:held|detained|imprisoned|jailed|kept)\b[^.;]*\b(?:in|at)\s+(?:a\s+|the\s+)?$"
        ),
    ),
    (
        "operatesIn",
        ("Organization",),
        ("Place", "Country"),
        re.compile(
            r"\b(?:operat(?:es|ing|ed)|works?|working|active|based|stationed)\s+(?:\w+\s+){0,3}?in\s+(?:the\s+)?$"
        ),
    ),
]
# (predicate, pattern for the text between object and subject when the object comes first)
_BEFORE: list[tuple[str, tuple[str, ...], tuple[str, ...], re.Pattern[str]]] = [
    (
        "spokespersonOf",
        ("Person",),
        _STATE_CLASSES,
        re.compile(
            r"^\s*(?:'s\s+|\u2019s\s+)?(?:[A-Z][\w]*\s+){0,2}[Ss]pokes(?:man|woman|person)\s+$"
        ),
    ),
    (
        "leaderOf",
        ("Person",),
        ("Country", "Organization"),
        re.compile(
            r"^\s*(?:'s\s+|\u2019s\s+)?(?:President|Prime\s+Minister|Premier|leader|Leader|[Cc]hairman|[Dd]irector|head|[Hh]ead|King|dictator)\s+$"
        ),
    ),
]


_DENIED = re.compile(r"\b(?:not|never|n't|den(?:y|ies|ied)|refus(?:e|es|ed)\s+to)\b")


def _pairs(mentions: list[Mention]) -> Iterable[tuple[Mention, Mention]]:
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if b.start >= a.end:
                yield a, b


@component("relations", requires=["sentences", "mentions"], assigns=["relations"])
def relations(doc: Annotated) -> None:
    text = doc.document.text
    for sentence in doc.sentences:
        inside = doc.mentions_in(sentence)
        for a, b in _pairs(inside):
            between = text[a.end : b.start]
            if len(between) > 120:
                continue
            if _DENIED.search(between) or _DENIED.search(text[sentence.start : a.start]):
                continue  # "denied that it had violated", "has never ratified"
            for predicate, subj, obj, pattern in _BETWEEN:
                if a.cls in subj and b.cls in obj and pattern.search(between):
                    _relate(doc, a, predicate, b, sentence)
            for predicate, subj, obj, pattern in _BEFORE:
                if b.cls in subj and a.cls in obj and pattern.search(between):
                    _relate(doc, b, predicate, a, sentence)
        _nested_places(doc, inside, sentence)
    _gazetteer_places(doc)


def _relate(doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence) -> None:
    if s.canonical != o.canonical:
        doc.relations.append(RelationMention(s, predicate, o, sentence, "relations"))


def _nested_places(doc: Annotated, inside: list[Mention], sentence: Sentence) -> None:
    """A facility named with its city ("the Spanish Embassy in Lima") lies in that city."""
    for outer in inside:
        if outer.cls != "Place":
            continue
        for inner in inside:
            nested = outer.start < inner.start and inner.end <= outer.end
            if (
                nested
                and inner.cls in ("Place", "Country")
                and re.search(r"\b(?:in|at)\s+$", doc.document.text[outer.start : inner.start])
            ):
                _relate(doc, outer, "locatedIn", inner, sentence)


def _gazetteer_places(doc: Annotated) -> None:
    """A city or province lies in its country, when the document names that country too."""
    first_country: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.cls == "Country":
            first_country.setdefault(m.canonical, m)
    known = gazetteer()
    seen: set[str] = set()
    for m in doc.mentions:
        place = known.get(m.text) if m.cls == "Place" else None
        if place is None or m.text in seen:
            continue
        country = first_country.get(countries()[place.country].name)
        sentence = next((s for s in doc.sentences if s.start <= m.start < s.end), None)
        if country is not None and sentence is not None:
            seen.add(m.text)
            _relate(doc, m, "locatedIn", country, sentence)

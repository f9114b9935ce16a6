"""Which entity a short name the model finds stands for: "the Vellbani" is a body by its
one-word name; "the Commission" the body named before with that word; "Fox Chase" the
law or body whose name ends with it; "the Vellians" a people, not a body."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.model import Annotated, Mention


def one_body(span: Any, word: Any, generic: frozenset[str]) -> bool:
    """Is a lone capitalised word the name of one body, as "the" before it says?"""
    at = span.start - 1
    while at > 0 and span.doc[at].ent_type_ == "NORP":
        at -= 1  # "the Zemban Vellbani"
    before = span.doc[at] if at >= 0 else None
    return (
        before is not None
        and before.lower_ == "the"
        and word.pos_ == "PROPN"
        and len(word.text) >= 3
        and word.text not in generic
    )


def longer_name(doc: Annotated, text: str) -> Mention | None:
    """A law or a body the report names with these as its last words."""
    return next(
        (
            m
            for m in doc.mentions
            if m.cls in ("Law", "Organization") and m.text.endswith(" " + text)
        ),
        None,
    )


def a_people_word(doc: Annotated, word: str) -> bool:
    """Does the model read the word, or its singular, as a people somewhere in the report,
    or does the report use its singular as an adjective ("the Vellians", "Vellian
    students")?"""
    forms = {word, word[:-1] if word.endswith("s") else word}
    if any(t.ent_type_ == "NORP" and t.text in forms for p in doc.parses for t in p):
        return True
    singular = re.escape(word[:-1])
    return word.endswith("s") and bool(re.search(rf"\b{singular} [a-z]", doc.document.text))


def body_named_before(doc: Annotated, start: int, word: str) -> Mention | None:
    """The body named last before ``start`` with this word in its name: "the Commission"
    after "the Commission on Vell Rights"."""
    named = [
        m
        for m in doc.mentions
        if m.cls == "Organization" and m.end <= start and word in m.canonical.split()[1:]
    ]
    named += [  # "the Commission on ..." has the word first
        m
        for m in doc.mentions
        if m.cls == "Organization"
        and m.end <= start
        and m.canonical.split()[:1] == [word]
        and len(m.canonical.split()) > 1
    ]
    return max(named, key=lambda m: m.start) if named else None

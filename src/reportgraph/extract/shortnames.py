"""Which entity a short name the model finds stands for: "the Vellbani" is a body by its
one-word name; "the Commission" the body named before with that word; "Fox Chase" the
law or body whose name ends with it; "the Vellians" a people, not a body; "the Covenant"
the covenant named before."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.patterns import add
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


# "the Covenant", "the Convention": a law named before, by the kind of law it is. Not
# where more of a name follows ("the Convention on ...", "the Convention Against ...").
_KIND_OF_LAW = re.compile(
    r"\b[Tt]he\s+(?P<kind>Covenant|Convention|Charter|Protocol|Statute|Treaty|Accord|Act"
    r"|law|act|decree|policy|operation|campaign|programme|program|agreement|treaty)\b"
    r"(?!\s+(?:of|on|for|against|to|relating|[A-Z\d]))"
)
_ARTICLE = re.compile(r"(?:Article|Art\.|Section|Paragraph)\s", re.IGNORECASE)
_ARTICLE_ALONE = re.compile(r"\b(?:Article|Section)\s+\d+[a-z]?\b(?!\s+of\b|\()")


@component("lawnames", requires=["sentences"], assigns=["mentions"])
def law_short_names(doc: Annotated) -> None:
    """A law named again by its kind alone is the one of that kind named last before it
    ("Zembla ratified the Covenant" after "the International Covenant on ...", "the
    operation" after "Operation Sky Net"); none
    when no law of that kind was named ("the Act" in a report that names no act); so is
    an article named again alone ("Article 112" after "Article 112 of the Criminal Code")."""
    laws = sorted((m for m in doc.mentions if m.cls == "Law"), key=lambda m: m.start)
    for found in _KIND_OF_LAW.finditer(doc.document.text):
        start, kind = found.start("kind"), found["kind"]
        before = [
            m
            for m in laws
            if m.end <= found.start()
            and kind in (m.canonical.split() if kind[0].isupper() else m.canonical.lower().split())
            and not _ARTICLE.match(m.canonical)
        ]
        if before:
            add(doc, start, found.end(), "Law", "lawnames", before[-1].canonical)
    for found in _ARTICLE_ALONE.finditer(doc.document.text):  # "Article 112", named before
        whole = [m for m in laws if m.end <= found.start() and m.text.startswith(found[0] + " of ")]
        if whole:
            add(doc, found.start(), found.end(), "Law", "lawnames", whole[-1].canonical)

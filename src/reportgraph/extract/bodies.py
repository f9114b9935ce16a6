"""A body named again by its head word alone: "the ministry", "the embassy", "the group".

Reports name a body in full once ("the Zemban Ministry of Interior", "the Free Media
Union") and then by the common noun its name ends or begins with ("the ministry said",
"the union called for"). Such a phrase is a mention of the body named last before it, in
the same paragraph or the one before, whose name holds that word; with none, it names
nothing. Its words are not a name of the body: many bodies are "the committee".
"""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.model import Annotated, Mention

# The head words a body is called by on its own, and the classes of mention they may take
# up (an embassy is a place that speaks for its state).
_HEADS = (
    "ministry|embassy|consulate|agency|commission|committee|council|court|union|party"
    "|organization|organisation|group|association|coalition|movement|network|foundation"
    "|department|bureau|office|tribunal|parliament|assembly|government|mission"
    "|newspaper|broadcaster|outlet|company|militia|charity|university|institute|centre|center"
    "|fund|society|federation|league|alliance"
)
# what kind of body a report calls an NGO or an agency by: "the rights group", "the UN
# agency", "the New York-based watchdog"
_KINDS = (
    r"(?:(?:human\s+)?rights|advocacy|aid|humanitarian|relief|monitoring|refugee|UN|U\.N\."
    r"|international|campaign|non-?profit|press\s+freedom|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?-based)"
)
# not "the ministry of health", but "accused the newspaper of spying"
_THE_BODY = re.compile(
    rf"\b[Tt]he\s+(?P<kind>(?:{_KINDS}\s+){{0,2}})({_HEADS}|watchdog)\b"
    r"(?!\s+(?:of|for|on)\b(?!\s+[a-z]+ing\b)|[ \t]+[A-Z])"
)
# Words that may take up any body named before, whatever its name ("the organization" for
# "Civic Watch"), when no name holds the word.
_ANY_BODY = frozenset({"organization", "organisation", "group", "watchdog"})
# a state's bodies, which "the group" or "the organization" never takes up
_STATE_BODY = re.compile(
    r"\b(?:Ministry|Court|Police|Army|Parliament|Government|Department|Agency|Bureau|Service"
    r"|Senate|Congress|House|Assembly|Office|Prosecutor|Judiciary)\b",
    re.IGNORECASE,
)
_REACH = 1500  # characters back: about two paragraphs
_CLASSES = ("Organization", "Place", "Country")


@component("bodies", requires=["mentions"], assigns=["mentions"])
def bodies(doc: Annotated) -> None:
    text = doc.document.text
    _first_words(doc)
    named = sorted(
        (m for m in doc.mentions if m.cls in _CLASSES and m.source != "bodies"),
        key=lambda m: m.start,
    )
    for found in _THE_BODY.finditer(text):
        start, word = found.start(2), found.group(2).lower()
        if any(m.start <= start < m.end for m in doc.mentions):
            continue  # part of a name already ("the Free Media Union")
        before = [
            m
            for m in named
            if found.start() - _REACH <= m.start
            and m.end <= found.start()
            and re.search(rf"\b{word}\b", m.text, re.IGNORECASE)
        ]
        if not before:  # "the independent newspaper Morning Vell ... the newspaper said"
            before = [
                m
                for m in named
                if found.start() - _REACH <= m.start
                and m.end <= found.start()
                and _described_as(text, m, word)
            ]
        if not before and (word in _ANY_BODY or found["kind"]):
            # "Civic Watch ... the organization urged": the last body named
            before = [
                m
                for m in named
                if m.cls == "Organization"
                and found.start() - _REACH <= m.start
                and m.end <= found.start()
                and not m.metonym
                and not _STATE_BODY.search(m.canonical)  # "the group" is no ministry
            ]
        if not before:
            continue
        body = before[-1]
        # its words are no name of the body ("the committee" would join every committee)
        doc.add_mention(
            Mention(
                found.start(), found.end(), found.group(), body.cls, "bodies", body.canonical, True
            )
        )


# The last word of a two-word name that says what kind of body it is: the first word
# alone names it again ("Amnesty" after "Amnesty International", "Vell" after "Vell News")
_GENERIC_LAST = frozenset(
    "International Watch University News Agency Media Center Centre Group Foundation".split()
)


def _first_words(doc: Annotated) -> None:
    """A body named again by the first word of its two-word name, standing alone."""
    text = doc.document.text
    for m in [m for m in doc.mentions if m.cls == "Organization" and not m.metonym]:
        words = m.canonical.split()
        if len(words) != 2 or words[1] not in _GENERIC_LAST or len(words[0]) < 3:
            continue
        if not words[0][0].isupper() or words[0].isupper():
            continue  # "UN News": an acronym is read as one
        for found in re.finditer(rf"(?<![\w-]){re.escape(words[0])}(?![\w-])", text[m.end :]):
            at = m.end + found.start()
            after = text[at + len(words[0]) : at + len(words[0]) + 3]
            if re.search(r"[A-Z][\w'-]*[ \t]+$", text[max(0, at - 40) : at]) or re.match(
                r"\s+[A-Z]", after
            ):
                continue  # inside a longer name: "the Amnesty Prize", "Vell Amnesty"
            doc.add_mention(
                Mention(at, found.end() + m.end, words[0], m.cls, "bodies", m.canonical)
            )


def _described_as(text: str, m: Mention, word: str) -> bool:
    """Does the text call the body a ``word`` where it names it ("the independent
    newspaper Morning Vell", "Vell Media, a private broadcaster,")?"""
    if m.cls != "Organization":
        return False  # "a construction company in Vellistan": the state is no company
    before = re.search(rf"\b{word}\s+$", text[max(0, m.start - 40) : m.start])
    after = re.match(rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?{word}\b", text[m.end : m.end + 80])
    return bool(before or after)

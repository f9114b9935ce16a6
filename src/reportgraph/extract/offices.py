"""Offices named without a holder ("the Secretary of State declared", "the Speaker"):
the office acts, an organization in the graph. And the regions a post is named after
("Ana Vell, Europe and Central Asia director at ..."), which are no places of the story;
the towns named by their mayors ("Vellton's mayor")."""

from __future__ import annotations

import re
from functools import cache

from reportgraph.extract import component
from reportgraph.extract.nlp import POST_QUALIFIERS, person_role_words
from reportgraph.extract.patterns import add
from reportgraph.model import Annotated

# An office named without its holder: "the Secretary of State declared", "the Speaker",
# "the Secretary-General of the Union": the office acts, an organization in the graph.
_OFFICE = re.compile(
    r"\b(?:[Tt]he\s+)(?P<office>Secretary[- ]General(?:\s+of\s+the\s+(?:[A-Z][\w.'-]*\s?)+)?"
    r"|(?:Secretary|Minister|Ministry)\s+of\s+(?:the\s+)?(?:[A-Z][\w'-]*)(?:\s+(?:and\s+)?[A-Z][\w'-]*)*"
    r"|Attorney\s+General|Speaker(?:\s+of\s+the\s+(?:[A-Z][\w'-]*\s?)+)?"
    r"|High\s+Commissioner\s+for\s+(?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*)*)"
)


@component("offices", requires=["mentions"], assigns=["mentions"])
def offices(doc: Annotated) -> None:
    """Offices named without a holder: a person's name right after the office ("the
    Secretary of State Ana Vell") makes it a title, not an actor of its own."""
    text = doc.document.text
    for m in _OFFICE.finditer(text):
        start, end = m.start("office"), m.end("office")
        while text[end - 1] == " ":
            end -= 1
        if any(p.cls == "Person" and start < p.start <= end + 2 for p in doc.mentions):
            continue  # "the Secretary of State Ana Vell": her title
        add(doc, start, end, "Organization", "offices")
    _regions_of_posts(doc)
    for pattern in (_TOWN_OF_AN_OFFICE, _OFFICE_OF_A_TOWN):  # "Vellton's mayor": a town
        for m in pattern.finditer(text):
            start, end = m.start("town"), m.end("town")
            doc.mentions[:] = [  # the model's guess at a lone name: "the Mayor of Vellton"
                o
                for o in doc.mentions
                if not ((o.start, o.end) == (start, end) and o.source == "entities")
            ]
            if not any(o.start < end and start < o.end for o in doc.mentions):
                add(doc, start, end, "Place", "offices")


# a town or region named by the office that governs it: "Vellton's mayor, Ana Vell"
_TOWN_OF_AN_OFFICE = re.compile(
    r"\b(?P<town>[A-Z][a-z][\w'-]+)(?:'s|\u2019s)[ \t]+(?:former[ \t]+|then[ \t]+)?"
    r"(?:mayor|governor|city[ \t]+council|town[ \t]+council|municipal[ \t]+police)\b"
)
# "the Mayor of Vellton": one word after "of", no more of a name
_OFFICE_OF_A_TOWN = re.compile(
    r"\b(?:[Mm]ayor|[Mm]unicipality)[ \t]+of[ \t]+(?P<town>[A-Z][a-z][\w'-]+)(?![ \t]*[A-Z\w'-])"
)


def _regions_of_posts(doc: Annotated) -> None:
    """A place or a state that names a post ("Ana Vell, Europe and Central Asia director
    at ...", "the group's Zembla researcher, Ana Vell") is the post's, not a place the
    report tells of: its mention goes."""
    text = doc.document.text
    for m in [m for m in doc.mentions if m.cls in ("Place", "Country")]:
        rest = _post_after().match(text, m.end)
        if rest is None or not _POST_BEFORE.search(text, max(0, m.start - 12), m.start):
            continue
        for other in [o for o in doc.mentions if m.start <= o.start < rest.end()]:
            if other.cls in ("Place", "Country"):
                doc.mentions.remove(other)  # and "Central Asia" of "Europe and Central Asia"


# what a post's name follows: an apposition's comma, an owner ("the group's")
_POST_BEFORE = re.compile(r"(?:,|'s|\u2019s|\b[Tt]he|\bits|\btheir)[ \t]+$")


@cache
def _post_after() -> re.Pattern[str]:
    """Other regions joined to the first, then a person's role and where the post is."""
    which = "|".join(sorted(POST_QUALIFIERS))
    return re.compile(
        r"(?:,?[ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2})?"
        rf"[ \t]+(?i:(?:{which})[ \t]+)?(?i:{person_role_words()})(?=[ \t]+(?:at|of|for|with)\b|,)"
    )

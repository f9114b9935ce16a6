"""Offices named without a holder ("the Secretary of State declared", "the Speaker"):
the office acts, an organization in the graph."""

from __future__ import annotations

import re

from reportgraph.extract import component
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

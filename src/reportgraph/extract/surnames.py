"""A person's family name alone refers back to the person named in full before it."""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.extract.patterns import add
from reportgraph.extract.persons import NOT_NAME_WORDS, unguess
from reportgraph.model import Annotated


@component("surnames", requires=["mentions"], assigns=["mentions"])
def surnames(doc: Annotated) -> None:
    """A person's family name alone ("Park said") refers back to the full name met earlier.
    East Asian names put the family name first, Western names last: both are tried."""
    text = doc.document.text
    people = [m for m in doc.mentions if m.cls == "Person" and len(m.text.split()) >= 2]
    for person in sorted(people, key=lambda m: m.start):
        words = person.text.split()
        for short in {words[0], words[-1]}:
            if len(short) < 3 or short in NOT_NAME_WORDS:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
                if m.start() > person.start and not _in_a_name(doc, m.start(), m.end()):
                    unguess(doc, m.start(), m.end())  # "Jorge Lima, 41, ... Lima said"
                    add(doc, m.start(), m.end(), "Person", "surnames", name=person.canonical)


def _in_a_name(doc: Annotated, start: int, end: int) -> bool:
    """ "the Vell Rights Council", "the Vell Act": the family name is part of a body's, a
    law's or a place's longer name, which is not the person."""
    return any(
        m.start <= start and end <= m.end and m.end - m.start > end - start
        for m in doc.mentions
        if m.cls in ("Organization", "Law", "Place")
    )

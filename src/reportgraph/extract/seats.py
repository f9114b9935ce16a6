"""States named by their seat of government: "the Kremlin denied it", "the White House
announced sanctions". The seats are general knowledge (``gazetteer.SEATS``); whether one
stands for its state or is a place is read as for a capital: "at the White House" is where,
and so is "the White House lawn"."""

from __future__ import annotations

import re
from functools import cache

from reportgraph.extract import component
from reportgraph.extract.gazetteer import SEATS
from reportgraph.extract.places import stands_for_state
from reportgraph.model import Annotated, Mention


@cache
def _seats() -> re.Pattern[str]:
    names = sorted(SEATS, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in names)})\b")


@component("seats", requires=["parses"], assigns=["mentions"])
def seats(doc: Annotated) -> None:
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for m in _seats().finditer(sentence.text):
            start = sentence.start + m.start()
            state = stands_for_state(text, start, m.group(), SEATS[m.group()])
            span = parsed.char_span(m.start(), m.end())
            if state is None or span is None or span[-1].dep_ == "compound":
                continue  # where, not who: "at the White House", "the White House lawn"
            end = start + len(m.group())
            doc.add_mention(Mention(start, end, m.group(), "Country", "seats", state, True))

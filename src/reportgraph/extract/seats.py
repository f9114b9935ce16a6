"""States named by their seat of government or their capital: "the Kremlin denied it",
"Beijing insists". The seats are general knowledge (``gazetteer.SEATS``); whether a seat or
a capital stands for its state or is a place is read from the words around it: "at the
White House" is where, and so is "the White House lawn", "the capital Vellton"."""

from __future__ import annotations

import re
from functools import cache

from reportgraph.extract import component
from reportgraph.extract.gazetteer import SEATS, countries
from reportgraph.extract.patterns import DATELINE_DATE
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


_LOCATIVE = re.compile(
    r"\b(?:in|at|to|from|near|into|outside|around|via|across|inside|of|within|toward|towards"
    r"|through|visit(?:ed|ing)?|left|leave|reach(?:ed)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_DATED_AFTER = re.compile(rf",[ \t]*{DATELINE_DATE}\b")  # "Vellton, April 8 -": a dateline
_CITY_NOUN = re.compile(r"\b(?:capital|city|town|port)\s*,?\s+$", re.IGNORECASE)
_LISTED_PLACE = re.compile(
    r"\b(?:in|at|to|from|near|into)\s+(?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*(?:,|and|or)\s+$"
)


def stands_for_state(text: str, start: int, name: str, code: str | None) -> str | None:
    """A capital or seat of government (of the state ``code``) that is not somewhere one
    is, goes or comes from stands for its state: "Beijing insists", "ties between Hanoi and
    Beijing", "Seoul's decision", "the Kremlin denied"."""
    if code is None or text[start : start + len(name)].isupper():
        return None  # not a capital, or a dateline: "BEIJING --"
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 30) : start]
    if _LOCATIVE.search(before) or re.search(r"\b(?:her|his|their|its|our|my)\s+$", before):
        return None  # "in Beijing", "to Beijing", "at her Beijing home"
    if _LISTED_PLACE.search(before):
        return None  # "raids in Karachi and Beijing": the second of a list of places
    if _CITY_NOUN.search(before):
        return None  # "the capital Vellton", "the Zemban capital, Vellton": named as a city
    if _DATED_AFTER.match(text, start + len(name)):
        return None  # "Vellton, April 8 -": where a story was filed, a dateline
    if re.match(r"(?:\s+[A-Z]|-)", text[start + len(name) :]):
        return None  # part of a longer name: "the Vardia Office", "Vardia-based"
    if _SITE_AFTER.match(text, start + len(name)):
        return None  # "the Vardia embassy staff", "Vardia residents": somewhere, not the state
    if not before.strip(" \t\"'\u201c\u2018(") and not re.match(
        r"\s+[a-z]", text[start + len(name) :]
    ):
        return None  # a dateline or a heading starting with the city, not "Beijing insists"
    return countries()[code].name


_SITE_AFTER = re.compile(
    r"[ \t]+(?:embassy|consulate|office|offices|headquarters|airport|station|prison|court"
    r"|residents?|suburbs?|hotel|home|apartment|district|neighbou?rhood)\b"
)

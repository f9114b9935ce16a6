"""Where a story was filed from: a news dateline opening a line ("ALMATY, Nov 3 (Zembla
Wire) -", "LIMA, 12 October 2021 -", "(Vellport) -"). Its city is a place, and no name
in it takes part in what the sentence tells."""

from __future__ import annotations

import re
import unicodedata

from reportgraph.extract.gazetteer import capitals, country_code
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.extract.patterns import DATELINE, add
from reportgraph.model import Annotated, Mention


def dateline(text: str, position: int) -> re.Match[str] | None:
    """The news dateline opening the line at ``position`` ("ALMATY, Nov 3 (Zembla Wire) -"),
    when it names a place we know or reads as one by its date or wire, else None."""
    line_start = text.rfind("\n", 0, position) + 1
    found = DATELINE.match(text, line_start)
    if found is None:
        return None
    city = found.group("city") or found.group("bracketed")
    name = city.title() if city.isupper() else city
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    known = any(n in gazetteer() or n in capitals() for n in (name, plain))  # "BOGOTÁ"
    known = known or country_code(name) is not None
    # a city in capitals with a date or a wire's name after it is a dateline all the same
    # ("VELLGRAD, June 2 (Zembla Wire) -"): the gazetteer does not know every town
    dated = city.isupper() and bool(re.search(r"[\d(]", found.group()[len(city) :]))
    return found if known or dated else None


def in_dateline(text: str, mention: Mention) -> bool:
    """Is the mention in a dateline: where and by whom a story was filed, not what it tells?"""
    found = dateline(text, mention.start)
    return found is not None and mention.end <= found.end()


def datelines(doc: Annotated) -> None:
    """A dateline's city, however it is written ("ALMATY"), is the place it names."""
    text = doc.document.text
    for found in DATELINE.finditer(text):
        if dateline(text, found.start()) is None:
            continue
        group = "city" if found.group("city") else "bracketed"
        city = found.group(group)
        name = city.title() if city.isupper() else ""
        add(doc, found.start(group), found.end(group), "Place", "places", name=name)

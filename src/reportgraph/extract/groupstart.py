"""Where a group's phrase begins: the head noun's left modifiers, less what is not the
group's (a date before it, "In May 2021 security forces"; punctuation; "on Monday of"), with
a quantity before it that counts it ("dozens of students"). Read by ``people``."""

from __future__ import annotations

import re
from typing import Any

# Nouns of quantity: "tens of thousands of migrants", "dozens of students" (not "the count
# of migrants", which speaks of a figure).
QUANTITY_NOUNS = frozenset(
    "ten dozen dozens hundred hundreds thousand thousands million millions scores score".split()
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_BEFORE_A_YEAR = frozenset("in on since by until during from".split())
_COUNT_LEADS = frozenset("more over about nearly almost some around at approximately".split())


def _between_qualities(comma: Any) -> bool:
    """ "young, elderly and disabled refugees": a comma between two qualities of the same
    people joins their list, it does not begin the phrase after it."""
    doc = comma.doc
    if comma.text != "," or comma.i == 0 or comma.i + 1 >= len(doc):
        return False
    after = doc[comma.i + 1]
    if after.lower_ in ("and", "or") and comma.i + 2 < len(doc):
        after = doc[comma.i + 2]
    return doc[comma.i - 1].pos_ == "ADJ" and after.pos_ == "ADJ"


def phrase_start(head: Any) -> int:
    """The first token of the phrase: the head's left modifiers, cut after any punctuation
    but a hyphen or an apostrophe inside it; a quantity before it ("dozens of") joins it."""
    first = head.left_edge.i
    doc = head.doc
    for t in doc[first : head.i]:
        inside = t.text in ("'", "\u2019") or (t.text == "-" and not t.whitespace_)
        if (t.is_punct and not inside and not _between_qualities(t)) or t.is_bracket or t.is_quote:
            first = t.i + 1  # "LIMA - Nine workers": a dash, not a hyphen inside a word
    while (
        first < head.i - 1
        and _YEAR.fullmatch(doc[first].text)
        and (doc[first + 1].like_num or doc[first + 1].lower_ in _COUNT_LEADS)
    ):
        first += 1  # "since 2017 more than 700,000 refugees": the year is not theirs
    if first > 0 and doc[first - 1].lower_ in _BEFORE_A_YEAR:
        # "In May 2021 security forces", "In 2020 officers": the date is not theirs
        while (  # and "On 11 October lawyers filed": a day's number, then its month
            first < head.i
            and doc[first].ent_type_ == "DATE"
            and (not doc[first].like_num or _a_month_follows(doc, first + 1, head.i))
        ):
            first += 1
        while first < head.i and _YEAR.fullmatch(doc[first].text):
            first += 1
        if first < head.i and doc[first].lower_ == "of":
            first += 1  # "the sentencing on Monday of eleven activists"
    date_end = first
    while date_end < head.i and doc[date_end].ent_type_ == "DATE":
        date_end += 1
    if first < date_end < head.i and doc[date_end].lower_ == "of":
        first = date_end + 1  # "the sentencing on Monday of eleven activists": not theirs
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.i < of.i == first - 1:
        quantity = of.head
        counted = quantity.ent_type_ == "CARDINAL" and quantity.lower_ != "one"
        if quantity.lower_ in QUANTITY_NOUNS or counted:  # not "one of those lawmakers"
            first = quantity.left_edge.i
    return first


def _a_month_follows(doc: Any, at: int, head: int) -> bool:
    return at < head and doc[at].ent_type_ == "DATE" and doc[at].is_alpha

"""Sentence boundaries with character offsets, by rule (no model needed)."""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.model import Annotated, Sentence

# Tokens ending in a period that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "rev",
        "gen",
        "col",
        "lt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "pres",
        "no",
        "vol",
        "art",
        "sec",
        "fig",
        "prov",
        "dept",
        "univ",
        "corp",
        "inc",
        "ltd",
        "co",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "d.c",
        "n.w",
        "s.w",
        "n.e",
        "s.e",
        "a.m",
        "p.m",
        "h.r",  # a bill's number: "H.R. 31", "H. Res. 5", "H. Con. Res. 7"
        "res",
        "con",
        "u.s.c",  # "8 U.S.C. 1234(a)(5)"
        "ext",  # a telephone extension: "ext. 127"
    ]
)
# A reference mark an encyclopedia page sets after a word or a stop: "[7]", "[a]".
REFERENCE_MARK = r"\[[\w ,\u2013-]{1,12}\]"
# Sentence punctuation before a space (reference marks may follow it: "NGOs.[7] The");
# a blank line; a line break where the line above
# does not run on (no comma, colon, hyphen or joining word at its end) and the next starts
# anew. A semicolon at a line's end closes a clause of a list or a resolution ("Whereas
# ...;"), so it ends a sentence there, and so does each numbered item of a list ("(2)
# calls on ...") after a line that ends one.
_BOUNDARY = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?:" + REFERENCE_MARK + r")*(?=\s)"  # and notes: ".[7][a]"
    r"|\n\s*\n"
    r"|(?<![,:\-\u2013(])\n(?=[ \t]*(?:[A-Z0-9\"'\u201c?\u2022*\-]|\(\w{1,4}\)\s))"
)
# "...; and\n(3) urges": a list's item ends, joined to the next by "and", as laws write
_ITEM_AFTER_ITEM = re.compile(r";(?:[ \t]+(?:and|or))?[ \t]*\n[ \t]*\(\w{1,4}\)\s")
_RUNS_ON = re.compile(r"\b(and|or|the|of|to|in|a|an|for|with|by|on|at|from)\s*$", re.IGNORECASE)


def split_sentences(text: str) -> list[Sentence]:
    """Split at sentence punctuation followed by space, and at blank lines; keep offsets."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if (
            match.group() == "\n"
            and not _ITEM_AFTER_ITEM.search(text, max(0, match.start() - 8), match.end() + 8)
            and (
                _RUNS_ON.search(text, max(0, match.start() - 6), match.start())
                or _hangs(text, start, match.start())
            )
        ):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _hangs(text: str, start: int, newline: int) -> bool:
    """The next line is indented deeper than the line the sentence began on, and is no list
    item: a hanging indent, as resolutions and bills wrap a clause under its first line."""
    first = text[text.rfind("\n", 0, start) + 1 :]
    end = text.find("\n", newline + 1)
    below = text[newline + 1 : end if end != -1 else len(text)].expandtabs(8)
    if not below.strip() or below.lstrip()[0] in "\u2022*-":
        return False
    return _indent(below) > _indent(first.split("\n", 1)[0].expandtabs(8))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token in _ABBREVIATIONS or len(token) == 1:
        return True
    rest = text[dot + 1 : dot + 3].lstrip()
    return bool(rest) and rest[0].islower()  # "the Zemblan government", "Dec. 29"


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not any(c.isalpha() for c in stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    out.append(Sentence(begin, begin + len(stripped), stripped))


@component("sentences", assigns=["sentences"])
def sentences(doc: Annotated) -> None:
    doc.sentences.extend(split_sentences(doc.document.text))

"""Hard-wrapped text reads like running text: a line break inside a paragraph is a space.

PDF extraction, e-mail and 70-column plain text break lines wherever the width ran out,
also inside names ("the Democratic\\nPeople's Republic") and sentences, and a break before
a capital looks like the start of a heading. This component finds the document's wrap
width and replaces each break that only wraps (the line before is full and does not end a
sentence) by a space: one character for one, so every offset, and every evidence quote
up to white space, stays that of the original text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from reportgraph.extract import component
from reportgraph.model import Annotated

MIN_LINES = 4  # fewer full lines than this: the text is not hard-wrapped
FULL = 0.7  # a line at least this share of the wrap width is full
_ENDS = re.compile(r"[.!?:;]['\")\u201d\u2019\]]*$")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])*)\.$")
_ITEM = re.compile(r"[ \t]*(?:[\u2022*\u2013\-]|\(?\w{1,3}[.)]\s|\d+[.)]\s)")


@component("reflow", assigns=["text"])
def reflow(doc: Annotated) -> None:
    text = doc.document.text
    flowed = reflow_text(text)
    if flowed != text:
        doc.document = replace(doc.document, text=flowed)


def reflow_text(text: str) -> str:
    """The text with its wrapping line breaks made spaces (same length)."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out = list(text)
    at = 0
    for line, below in pairwise(lines):
        at += len(line)
        if _wraps(line, below, width):
            out[at] = " "
        at += 1
    return "".join(out)


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at: the longest line length that several lines
    come close to; None when no such width shows (text with one line a paragraph)."""
    lengths = sorted(len(line.expandtabs(8).rstrip()) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width < 30 or width > 160:
        return None
    full = [n for n in lengths if FULL * width <= n <= width]
    return width if len(full) >= MIN_LINES and len(full) >= 0.4 * len(lengths) else None


def _wraps(line: str, below: str, width: int) -> bool:
    """Is the break after ``line`` a wrap inside a paragraph?"""
    body = line.expandtabs(8).rstrip()
    if not body.strip() or not below.strip() or _ITEM.match(below):
        return False
    if len(body) < FULL * width or len(body) + 1 + len(below.split()[0]) <= width:
        return False  # a short line, or the next word would have fitted: ended on purpose
    ends = body.rstrip()
    return not _ENDS.search(ends) or bool(_ABBREVIATION.search(ends))

"""The shape of a line: running prose or not. Shared by page furniture, datelines and
titles, which all ask it of the lines at the top of a document."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
# What may open a line before its first word: quotes and brackets.
OPENERS = "\"'\u201c\u2018(\u00ab["


def is_prose(line: str) -> bool:
    """A sentence of running text: eight words or more ending in sentence punctuation,
    or twenty-five words whatever its end."""
    stripped = line.strip()
    words = len(stripped.split())
    return (words >= 8 and bool(SENTENCE_END.search(stripped))) or words >= 25

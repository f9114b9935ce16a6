"""A web page's furniture: menus, share buttons and footers ("Breaking News",
"Share this article", "Terms of Use | Privacy Policy"). Its lines are no sentences of the
report, and no name is read in them. The lines are data: ``data/page_furniture.txt``."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from reportgraph.extract import component
from reportgraph.model import Annotated, Sentence


@component("furniture", requires=["sentences"], assigns=["sentences"])
def furniture(doc: Annotated) -> None:
    text = doc.document.text
    spans: list[tuple[int, int]] = []
    listing = False  # under "Related" or "Most read": other stories' headlines, to a blank line
    for m in re.finditer(r"^.*$", text, re.MULTILINE):
        line = m.group().strip()
        if _furniture_line(line) or (listing and _headline(line)):
            spans.append((m.start(), m.end()))
            listing = listing or bool(_patterns()[1].fullmatch(line))
        else:
            listing = False
    if not spans:
        return
    doc.furniture.extend(spans)
    starts = {a for a, _ in spans}
    doc.sentences[:] = [s for s in doc.sentences if not _all_furniture(text, s, starts)]


def _all_furniture(text: str, sentence: Sentence, starts: set[int]) -> bool:
    """Is every line the sentence runs over a line of furniture?"""
    at = text.rfind("\n", 0, sentence.start) + 1
    while at < sentence.end:
        if at not in starts:
            return False
        at = text.find("\n", at)
        if at < 0:
            break
        at += 1
    return True


def _headline(line: str) -> bool:
    """A short line with no full stop: another story's headline under a list's header."""
    return 0 < len(line.split()) <= 14 and not line.endswith((".", ":", ";"))


def _furniture_line(line: str) -> bool:
    items = [i.strip() for i in line.split("|")]
    if len(items) >= 3 and all(0 < len(i.split()) <= 4 for i in items):
        return True  # "Terms of Use | Privacy Policy | Contact Us": a menu's row
    return bool(_patterns()[0].fullmatch(line))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every furniture line, and those that head a list of other stories (marked "> ")."""
    data = (files("reportgraph") / "data" / "page_furniture.txt").read_text(encoding="utf-8")
    rows = [r.strip() for r in data.splitlines() if r.strip() and not r.startswith("#")]
    lists = [r.removeprefix("> ") for r in rows if r.startswith("> ")]
    return _either([r.removeprefix("> ") for r in rows]), _either(lists)


def _either(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

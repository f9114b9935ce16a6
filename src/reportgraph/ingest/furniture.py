"""Page furniture: the navigation menus at the top of a saved web page, which are not
part of the report. Kept lines are never altered, so quotes stay exact."""

from __future__ import annotations

import re

from reportgraph.prose import OPENERS, is_prose

# How far from the top a title or dateline may be (non-blank lines, after boilerplate).
TOP_LINES = 40

_MENU_SEPARATORS = re.compile(r"\s+[|\u00b7\u2022]\s+")


def strip_boilerplate(text: str) -> str:
    """Drop navigation menus from the head of the text and the blank lines before it.

    The head is everything before the first prose line (see ``is_prose``), at most
    ``TOP_LINES`` lines. In the head, blocks of consecutive non-blank lines are grouped;
    a run of adjacent blocks made only of menu-like lines (``is_menu_line``: one to four
    capitalised words, no digits, no closing punctuation) that holds at least three lines
    in all is navigation and is removed, blank lines between its blocks included. The
    block right before the first prose line is never removed: that is where a heading
    sits. A title glued to its dateline ("Recent Events" over "Overview - April 2004")
    makes a block that is not all menu-like, so it stays. Kept lines are not altered.
    """
    lines = text.split("\n")
    head_end, prose_found = prose_start(lines)
    blocks = _blocks(lines, head_end)
    if prose_found and blocks:
        blocks = blocks[:-1]
    drop: set[int] = set()
    run: list[tuple[int, int]] = []
    for block in [*blocks, None]:
        if block is not None and all(is_menu_line(lines[i]) for i in range(*block)):
            if run and run[-1][1] < block[0] and _gap_has_text(lines, run[-1][1], block[0]):
                run = []
            run.append(block)
            continue
        if sum(_menu_weight(lines, b) for b in run) >= 3:
            drop.update(range(run[0][0], run[-1][1]))
        run = []
    kept = [line for i, line in enumerate(lines) if i not in drop]
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)


def _gap_has_text(lines: list[str], start: int, end: int) -> bool:
    return any(lines[i].strip() for i in range(start, end))


def prose_start(lines: list[str]) -> tuple[int, bool]:
    """Index of the first prose line (and True), or the end of the searched top."""
    nonblank = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if is_prose(line):
            return i, True
        nonblank += 1
        if nonblank > TOP_LINES:
            return i, False
    return len(lines), False


def _blocks(lines: list[str], end: int) -> list[tuple[int, int]]:
    """(start, stop) line ranges of consecutive non-blank lines before ``end``."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(end):
        if lines[i].strip():
            start = i if start is None else start
        elif start is not None:
            blocks.append((start, i))
            start = None
    if start is not None:
        blocks.append((start, end))
    return blocks


def _menu_weight(lines: list[str], block: tuple[int, int]) -> int:
    """A line of items separated by | or a bullet counts as that many menu lines."""
    return sum(len(_MENU_SEPARATORS.split(lines[i].strip())) for i in range(*block))


def is_menu_line(line: str) -> bool:
    """A navigation label: every item one to four capitalised words, no digits, no
    closing punctuation. "Contact Us" is one; "Congress of the United States" is not."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or any(ch.isdigit() for ch in stripped):
        return False
    return all(_is_menu_item(item) for item in _MENU_SEPARATORS.split(stripped))


def _is_menu_item(item: str) -> bool:
    if len(item) > 40 or item[-1] in ".!?:;,":
        return False
    words = [w for w in item.split() if any(ch.isalpha() for ch in w)]
    return 1 <= len(words) <= 4 and all(w.lstrip(OPENERS)[:1].isupper() for w in words)

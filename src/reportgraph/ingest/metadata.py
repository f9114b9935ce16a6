"""What a document says about itself: its title, date and publisher. A rule that is
unsure returns None rather than guess; dates are read by ``reportgraph.dates``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reportgraph.dates import MONTHS, dateline, last_year, present_month
from reportgraph.ingest.furniture import TOP_LINES, prose_start
from reportgraph.prose import is_prose


@dataclass(frozen=True)
class Hints:
    """What a format's own metadata says (HTML <title> and <meta>, PDF info)."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_date(text: str, title: str | None = None) -> str | None:
    """The document's own date, or None. In order of trust:

    1. the first dateline (see ``dateline``) among the top ``TOP_LINES`` non-blank lines;
    2. else the date a legislature's text is laid before its chamber ("IN THE SENATE OF
       THE UNITED STATES August 7 (legislative day, August 6), 2022");
    3. else the last dateline-shaped credit line further down (a footer such as
       "<Publication> <Month> <day>, <year>"), full dates only;
    4. else a month the text anchors to the present ("this week alone, Oct 2015",
       "as of March 2010");
    5. else the last year written in the title ("Report on ... FY2000-2001"), at year
       precision.

    Dates inside running text are never taken: the latest date a report mentions is
    not the date it was written.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    for line in lines[:TOP_LINES]:
        if found := dateline(line):
            return found.iso
    if chamber := _chamber_date(text[:_HEAD]):
        return chamber
    footers = [
        found.iso
        for line in lines[TOP_LINES:]
        if not is_prose(line) and (found := dateline(line)) and len(found.iso) == 10
    ]
    if footers:
        return footers[-1]
    return present_month(text) or last_year(title or "")


# A bill or resolution is dated where it is laid before a chamber: "IN THE HOUSE OF
# REPRESENTATIVES May 3, 2021", "In the House of Representatives, U. S., May 3, 2021.",
# "IN THE SENATE ... August 7 (legislative day, August 6), 2022" (the calendar day counts).
_CHAMBER = re.compile(
    r"\bIN\s+THE\s+(?:HOUSE|SENATE)\b[^\d\n]{0,60}?\b(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2})"
    r"(?:\s*\([^()]{0,40}\))?,\s*(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_HEAD = 3000  # characters of a text searched for where it was laid before a chamber


def _chamber_date(head: str) -> str | None:
    found = _CHAMBER.search(head)
    month = MONTHS.get(found["month"].lower()[:3]) if found else None
    if found is None or month is None or not 1 <= int(found["day"]) <= 31:
        return None
    return f"{found['year']}-{month:02d}-{int(found['day']):02d}"


# --------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------

_NOT_TITLE = re.compile(
    r"^(?:by\b|welcome to\b|contact\b|posted\b|updated\b|published\b)|copyright|"
    r"all rights reserved|\u00a9",
    re.I,
)
_MD_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")


def markdown_title(text: str) -> str | None:
    """The first ``# Heading`` (or ``Title`` over ``=====``) before the first prose line."""
    lines = text.split("\n")
    lines = lines[: prose_start(lines)[0] + 1]
    for i, line in enumerate(lines):
        if match := _MD_HEADING.match(line.strip()):
            return match.group("title")
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() and re.fullmatch(r"=+", nxt):
            return line.strip()
    return None


def find_title(text: str) -> str | None:
    """The first heading-like line before the first prose line, or None.

    A heading stands on its own: a blank line (or the start) above it, and a blank line,
    the end, or a dateline below it. It has at most twenty words, does not end in
    ``. , : ;``, is not itself a dateline, and is not a byline, a greeting ("Welcome
    to ..."), a copyright notice or a contact line. One- and two-word lines ("Home",
    "Site Issues") are taken only when nothing longer qualifies.
    """
    lines = text.split("\n")
    head_end, _ = prose_start(lines)
    short: str | None = None
    for i in range(head_end):
        candidate = fold(lines[i])
        if not _title_shaped(candidate) or not _stands_alone(lines, i):
            continue
        if len(candidate.split()) >= 3:
            return candidate
        short = short or candidate
    return short


def _title_shaped(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 20 or len(line) > 200 or line[-1] in ".,:;":
        return False
    if not any(ch.isalpha() for ch in line) or _NOT_TITLE.search(line):
        return False
    found = dateline(line)
    if found is None:
        return True
    rest = line[: found.start] + line[found.end :]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) >= 3


def _stands_alone(lines: list[str], i: int) -> bool:
    above = i == 0 or not lines[i - 1].strip()
    below = i + 1 >= len(lines) or not lines[i + 1].strip() or dateline(lines[i + 1]) is not None
    return above and below


# --------------------------------------------------------------------------------------
# Publisher
# --------------------------------------------------------------------------------------

_CAPWORD = r"(?:[A-Z]\.){2,}|[A-Z][\w'\u2019&-]*"
_JOINER = r"(?:of|for|the|and|on|in|de|du|des|la|le|&)"
_NAME = rf"(?:{_CAPWORD})(?:[ \t]+(?:{_JOINER}[ \t]+)*(?:{_CAPWORD})){{0,8}}"
_COPYRIGHT = re.compile(
    rf"(?:\b(?i:copyright)\b|\u00a9|\((?i:c)\))(?:\s*(?:\u00a9|\((?i:c)\)))?"
    rf"\s*(?:(?:19|20)\d\d(?:\s*[-\u2013]\s*\d{{2,4}})?\s*,?\s*)?(?:(?i:by)\s+)?(?:the\s+)?"
    rf"(?P<name>{_NAME})"
)
_WE_AT = re.compile(rf"(?<![\"'\u201c\u2018])\b[Ww]e at (?:the )?(?P<name>{_NAME})")
_WE_THE = re.compile(
    r"\b(?:[Ww]e,\s+the\s+|[Oo]ur (?:organi[sz]ation|group|agency|association),\s+(?:the\s+)?)"
    rf"(?P<name>{_NAME})\s*(?:\([A-Z]{{2,10}}\)\s*)?,"
)
_WELCOME = re.compile(rf"^\s*Welcome to (?:the )?(?P<name>{_NAME})", re.M)
# Words that open a label or a weekday, never a publisher's name.
_NOT_PUBLISHER = frozenset(
    {"all", "updated", "posted", "published", "released", "revised", "modified", "dated"}
    | {"date", "last", "issued", "monday", "tuesday", "wednesday", "thursday", "friday"}
    | {"saturday", "sunday"}
)


def find_publisher(text: str) -> str | None:
    """Who the text says published it, or None. In order of trust: a copyright line
    ("Copyright 2001 Name"); a credit line "<Name> <Month> <day>, <year>"; the authors
    naming themselves ("We at Name (ABBR)", "we, the Name, have", "Our organization,
    Name, has"); a site greeting near the top ("Welcome to the Name"). Wire-service tags
    such as "(AP)" are sources, not publishers, and are not read."""
    for finder in (_copyright_holder, _credit_line, _self_named, _site_greeting):
        if name := finder(text):
            return name
    return None


def _copyright_holder(text: str) -> str | None:
    return _first_name(match.group("name") for match in _COPYRIGHT.finditer(text))


def _credit_line(text: str) -> str | None:
    names: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        found = dateline(stripped)
        if found is None or len(found.iso) != 10 or is_prose(stripped):
            continue
        prefix = stripped[: found.start].strip()
        if re.fullmatch(_NAME, prefix) and not prefix.isupper():
            names.append(prefix)
    return _first_name(names)


def _self_named(text: str) -> str | None:
    names = [m.group("name") for m in _WE_AT.finditer(text)]
    names += [m.group("name") for m in _WE_THE.finditer(text)]
    longer = [name for name in names if len(name.split()) > 1]
    return _first_name(longer) or _first_name(names)


def _site_greeting(text: str) -> str | None:
    top = "\n".join(text.split("\n")[:TOP_LINES])
    return _first_name(match.group("name") for match in _WELCOME.finditer(top))


def _first_name(names: Iterable[str]) -> str | None:
    for name in names:
        if name.split()[0].lower() not in _NOT_PUBLISHER and name.lower() not in MONTHS:
            return name
    return None

"""Dates written in prose -> ISO 8601 at the precision the text gives.

A day and month without a year ("Dec. 29", "on June 26") take the year of the document's
own date, or the year before when that would put them after the document was written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS = [
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b"),
    re.compile(rf"\b(?P<last>(?i:last|this|next))\s+{_MONTH}\b"),
    re.compile(
        rf"\b(?i:in|since|by|from|of|until|during)\s+(?:(?i:early|late|mid)[- ])?{_MONTH}\b"
    ),
    re.compile(rf"\b(?i:in|since|by|from|of|until|during|year)\s+{_YEAR}\b"),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    iso: str


def _resolve_year(
    month: int, day: int | None, anchor: str | None, relative: str = ""
) -> int | None:
    if not anchor:
        return None
    year = int(anchor[:4])
    anchor_month = int(anchor[5:7]) if len(anchor) >= 7 else None
    rel = relative.lower()
    if rel == "next":
        return year + 1 if anchor_month is None or month <= anchor_month else year
    if rel == "this":
        return year
    if anchor_month is not None and month > anchor_month:
        return year - 1
    if rel == "last" and anchor_month is not None and month >= anchor_month:
        return year - 1
    return year


_RELATIVE = re.compile(r"\b(?P<which>(?i:last|this|next|past))\s+(?P<unit>month|year)\b")


def _relative(which: str, unit: str, anchor: str | None) -> str | None:
    """'last month' in a report of 2012-02 is 2012-01; 'this year' is 2012."""
    if not anchor:
        return None
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which.lower()]
    year = int(anchor[:4])
    if unit == "year":
        return f"{year + step:04d}"
    if len(anchor) < 7:
        return None
    month = int(anchor[5:7]) + step
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


_DAYS = re.compile(
    r"\b(?P<day>(?i:yesterday|today|tomorrow)"
    r"|(?:(?:[Oo]n|[Ll]ast)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    r"(?!,?\s+(?:\d|[A-Z][a-z]+\s+\d))"  # "Monday, March 3" is a full date, read below
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _relative_day(word: str, anchor: str | None) -> str | None:
    """'yesterday' in a report dated 2002-04-30 is 2002-04-29, 'on Monday' 2002-04-29 (the
    last Monday up to that day): only with a full date."""
    if not anchor or len(anchor) != 10:
        return None
    try:
        day = datetime.date.fromisoformat(anchor)
    except ValueError:
        return None
    word = word.lower().split()[-1]
    if word in _WEEKDAYS:  # a report tells of the last such day: "on Thursday", that week's
        step = -((day.weekday() - _WEEKDAYS.index(word)) % 7)
    else:
        step = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    return (day + datetime.timedelta(days=step)).isoformat()


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, leftmost first, without overlaps."""
    found: list[DateMention] = []
    for m in _RELATIVE.finditer(text):
        iso = _relative(m.group("which"), m.group("unit"), anchor)
        if iso:
            found.append(DateMention(m.start(), m.end(), m.group(), iso))
    for m in _DAYS.finditer(text):
        iso = _relative_day(m.group("day"), anchor)
        if iso:
            found.append(DateMention(m.start(), m.end(), m.group(), iso))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            iso = _to_iso(m.groupdict(), anchor)
            if iso:
                found.append(DateMention(m.start(), m.end(), m.group(), iso))
    return sorted(found, key=lambda d: d.start)


def _to_iso(parts: dict[str, str | None], anchor: str | None) -> str | None:
    if parts.get("iso"):
        return parts["iso"]
    month = MONTHS.get((parts.get("month") or "").lower().rstrip("."))
    year = int(parts["year"]) if parts.get("year") else None
    day = int(parts["day"]) if parts.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is None:
        return f"{year:04d}" if year else None
    if year is None:
        year = _resolve_year(month, day, anchor, parts.get("last") or "")
        if year is None:
            return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"

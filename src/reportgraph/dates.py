"""Dates -> ISO 8601 at the precision the text gives: the project's one date parser.

Two readings share its tables. ``explicit_dates`` and ``dateline`` read only dates written
out in full (a document's own date must not be guessed); ``find_dates`` also reads what
prose leaves to context: a day and month without a year ("Dec. 29", "on June 14") take
the year of the document's own date, or the year before when that would put them after
the document was written.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from reportgraph.prose import OPENERS, is_prose

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# A month's or a weekday's name as a name's next word would be ("the Act on June 3", "the
# Senate on Monday"): where a name ends and a date begins.
DATE_WORD = (
    r"(?:" + "|".join(m.title() for m in MONTHS) + r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)
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
    re.compile(rf"\b{_DAY}\s+of\s+{_MONTH},?\s+{_YEAR}\b"),  # "the 3rd of May, 2021"
    re.compile(rf"\b{_DAY}\s+of\s+{_MONTH}\b(?!,?\s*(?:19|20)\d\d)"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b"),
    re.compile(rf"\b(?P<last>(?i:last|this|next))\s+{_MONTH}\b"),
    re.compile(
        rf"\b(?i:in|since|by|from|of|until|during)\s+(?:(?i:early|late|mid)[- ])?{_MONTH}\b"
    ),
    # "in 2019", "in early 2020", "since mid-2018", and "mid-2019" alone
    re.compile(
        rf"\b(?i:in|since|by|from|of|until|during|year)\s+(?:(?i:early|late|mid)[- ])?{_YEAR}\b"
    ),
    re.compile(rf"\b(?i:early|late|mid)-{_YEAR}\b"),
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


# "two years ago", "three months ago", "a year ago today"
_AGO = re.compile(
    r"\b(?P<count>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))\s+"
    r"(?P<unit>years?|months?)\s+ago(?P<today>\s+today)?\b"
)
_COUNTS = {"a": 1, "an": 1} | {
    w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)
}


def _ago(count: str, unit: str, today: bool, anchor: str | None) -> str | None:
    """'two years ago' in a report of 2012-02 is 2010; 'two years ago today' in one of
    2012-02-09 is 2010-02-09; 'three months ago' is 2011-11."""
    word = count.lower()
    n = int(word) if word.isdigit() else _COUNTS[word]
    if not anchor:
        return None
    if unit.startswith("year"):
        year = f"{int(anchor[:4]) - n:04d}"
        return year + anchor[4:] if today and len(anchor) == 10 else year
    if len(anchor) < 7:
        return None
    month = int(anchor[5:7]) - n
    year, month = int(anchor[:4]) + (month - 1) // 12, (month - 1) % 12 + 1
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


_LEGISLATIVE_DAY = re.compile(r"\(legislative day,\s*$", re.IGNORECASE)


# Two months of one year: "between March and July 2019", "May-June 2020" (capitalised)
_MONTH_NAME = "|".join(sorted(m.capitalize() for m in MONTHS if len(m) > 3 or m == "may"))
_MONTH_RANGE = re.compile(
    rf"\b(?:(?i:between|from)\s+)?(?:{_MONTH_NAME})\s*(?:and|to|through|until|-|\u2013)\s*"
    rf"(?:{_MONTH_NAME}),?\s+(?P<year>1[89]\d\d|20\d\d)\b"
)


def find_dates(text: str, anchor: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, leftmost first, without overlaps."""
    found: list[DateMention] = []
    for m in _AGO.finditer(text):
        iso = _ago(m.group("count"), m.group("unit"), bool(m.group("today")), anchor)
        if iso:
            found.append(DateMention(m.start(), m.end(), m.group(), iso))
    for m in _RELATIVE.finditer(text):
        iso = _relative(m.group("which"), m.group("unit"), anchor)
        if iso:
            found.append(DateMention(m.start(), m.end(), m.group(), iso))
    for m in _DAYS.finditer(text):
        iso = _relative_day(m.group("day"), anchor)
        if iso and not any(d.start < m.end() and m.start() < d.end for d in found):
            found.append(DateMention(m.start(), m.end(), m.group(), iso))
    for m in _MONTH_RANGE.finditer(text):  # "between March and July 2019": the year alone
        if not any(d.start < m.end() and m.start() < d.end for d in found):
            found.append(DateMention(m.start(), m.end(), m.group(), m["year"]))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            if _LEGISLATIVE_DAY.search(text, max(0, m.start() - 20), m.start()):
                continue  # "August 7 (legislative day, August 6), 2022": a formality
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


# --- dates written out in full -----------------------------------------------------------

_WRITTEN_MONTH = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WRITTEN_YEAR = r"(?P<year>1[89]\d\d|20\d\d)\b"
# Most precise first: a full date is never also read as a month and year.
_WRITTEN_PATTERNS = (
    re.compile(r"(?<![\d/-])(?P<year>\d{4})([-/])(?P<month>\d\d)\2(?P<day>\d\d)(?![\d/-])"),
    re.compile(rf"\b{_WRITTEN_MONTH}\s+{_DAY},?\s+{_WRITTEN_YEAR}", re.I),
    re.compile(rf"\b{_DAY}\s+{_WRITTEN_MONTH},?\s+{_WRITTEN_YEAR}", re.I),
    re.compile(r"(?<![\d/])(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<y>\d\d(?:\d\d)?)(?![\d/])"),
    re.compile(rf"\b{_WRITTEN_MONTH},?\s+{_WRITTEN_YEAR}", re.I),
    re.compile(r"(?<![\d/-])(?P<year>\d{4})-(?P<month>\d\d)(?![\d/-])"),
)
_LABEL_DASH = re.compile(r"\s*[)\],]?\s*(?:--|\u2014|\u2013|-|:)\s")
_TRAILING_PUNCT = re.compile(r"[\s\W]*")
_PRESENT_MONTH = re.compile(
    rf"\b(?:this month|as of|as at)\b[^.\n]{{0,30}}?\b{_WRITTEN_MONTH},?\s+{_WRITTEN_YEAR}", re.I
)
_DATELINE_HEAD = 200  # characters of a long line searched for its opening date
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


def explicit_dates(text: str) -> list[DateMatch]:
    """Every explicit date in ``text``, in order, as ISO 8601 at the precision written.

    Numeric ``a/b/yy`` dates are read only when one order is impossible (``06/14/10`` is
    June 14, 2010); two-digit years follow POSIX ``%y`` (69-99 -> 19xx, 00-68 -> 20xx).
    """
    found: list[DateMatch] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for pattern in _WRITTEN_PATTERNS:
        for match in pattern.finditer(text):
            at = bisect.bisect_left(starts, match.start())
            before, after = found[at - 1] if at else None, found[at] if at < len(found) else None
            if (before and before.end > match.start()) or (after and after.start < match.end()):
                continue
            iso = _explicit_iso(match)
            if iso:
                found.insert(at, DateMatch(match.start(), match.end(), iso))
                starts.insert(at, match.start())
    return found


def _explicit_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("a"):
        return _numeric_iso(groups["a"], groups["b"], groups["y"])
    if groups.get("mon"):
        if groups["mon"].islower():  # "may" the verb, not the month
            return None
        month = MONTHS[groups["mon"].lower()]
    else:
        month = int(groups["month"])
    return _valid_iso(int(groups["year"]), month, int(groups["day"]) if groups.get("day") else None)


def _numeric_iso(a: str, b: str, y: str) -> str | None:
    first, second = int(a), int(b)
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first or first == second:
        month, day = first, second
    else:
        return None
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 69 else 1900 + int(y))
    return _valid_iso(year, month, day)


def _valid_iso(year: int, month: int, day: int | None) -> str | None:
    try:
        datetime.date(year, month, 1 if day is None else day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def dateline(line: str) -> DateMatch | None:
    """The date of a dateline: a short non-prose line (twelve words at most) that begins or
    ends with a date ("Overview - April 2004", "Bulletin August 3, 2005", "06/14/10 - Title"),
    or a date near the start of a line followed by a dash ("CITY, May 9, 2002 -- ...")."""
    stripped = line.strip()
    short = not is_prose(stripped) and len(stripped.split()) <= 12
    # A long line can only open with a dateline: its head is all there is to search.
    dates = explicit_dates(stripped if short else stripped[:_DATELINE_HEAD])
    if not dates:
        return None
    if short:
        first, last = dates[0], dates[-1]
        if not stripped[: first.start].strip(OPENERS + " "):
            return first
        if _TRAILING_PUNCT.fullmatch(stripped[last.end :]):
            return last
    first = dates[0]
    if first.start <= 40 and _LABEL_DASH.match(stripped, first.end):
        return first
    if stripped[: first.start] == "(" and stripped[first.end : first.end + 1] == ")":
        return first  # "(Dec. 6, 2017) The court ...": a bulletin's date before its story
    for found in explicit_dates(stripped):
        if _CLOCK.search(stripped[: found.start]):
            return found  # "edited at 00:48, 4 February 2024": a page's time stamp
    return None


_CLOCK = re.compile(r"\b[0-2]?\d:[0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?,?\s*$")


def present_month(text: str) -> str | None:
    """A month the text anchors to the present ("this week alone, Oct 2015", "as of
    March 2010"), or None."""
    found = _PRESENT_MONTH.search(text)
    return _explicit_iso(found) if found else None


def last_year(text: str) -> str | None:
    """The last year written in ``text`` ("Report on ... FY2000-2001" is 2001)."""
    years = _YEAR_IN_TEXT.findall(text)
    return years[-1] if years else None

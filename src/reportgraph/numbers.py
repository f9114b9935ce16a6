"""How many people a name says a group has: "40 Ruritanians", "a family of seven"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_LEADING = re.compile(
    r"^(?:(?:some|about|around|nearly|over|more\s+than|up\s+to|at\s+least)\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|[a-z]+)\b(?P<million>\s+million)?",
    re.IGNORECASE,
)
_FAMILY_OF = re.compile(r"\bfamily\s+of\s+(?P<n>\d+|[a-z]+)\b", re.IGNORECASE)


def _value(token: str) -> int | None:
    if token[0].isdigit():
        return int(token.replace(",", ""))
    return _UNITS.get(token.lower())


def people_count(name: str) -> int | None:
    """The number a group's name states, or None ("Ruritanian migrants" states none)."""
    text = re.sub(r"^(?:the|a|an|these|those)\s+", "", name.strip(), flags=re.IGNORECASE)
    for pattern in (_FAMILY_OF, _LEADING):
        match = pattern.search(text)
        if match:
            value = _value(match.group("n"))
            if value is not None:
                return value * 1_000_000 if match.groupdict().get("million") else value
    return None


# Figures as reports state them: a number, a range, a bound or a vague magnitude. Each
# gives (low, high, value): a range or a bound sets low and/or high, a single number sets
# value (a point, or an approximation: "some 300,000").
_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|half\s+a|(?:" + _WORDS + r")\b"
_SCALE = r"(?:\s+(?P<{0}>million|thousand|hundred|billion))?"
_VAGUE = {
    "dozens": (12, 99),
    "scores": (40, 99),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "tens of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "millions": (1_000_000, 999_999_999),
}
MAX_FIGURE = 1e15
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_LOWER = r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than"
_UPPER = r"up\s+to|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than|no\s+more\s+than|under"
_ABOUT = (
    r"some|about|around|approximately|roughly|nearly|almost|close\s+to|an\s+estimated|"
    r"estimated|an?\s+approximate"
)
_FIGURE = re.compile(
    r"\b(?:(?P<lower>" + _LOWER + r")\s+|(?P<upper>" + _UPPER + r")\s+|(?:" + _ABOUT + r")\s+)?"
    r"(?:"
    r"(?:(?:between|from)\s+)?(?P<a>"
    + _NUMBER
    + r")"
    + _SCALE.format("a_scale")
    + r"\s*(?:to|and|-|\u2013)\s*(?P<b>"
    + _NUMBER
    + r")"
    + _SCALE.format("b_scale")
    + r"|(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds"
    r"|thousands|millions)"
    r"|(?P<n>"
    + _NUMBER
    + r")"
    + _SCALE.format("n_scale")
    + r")(?![\w,.]*\d)(?P<after>\s*(?:%|per\s*cent|percent|yen|yuan|rmb|won|dollars|euros))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A figure found in a text: where, and the numbers it gives."""

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None


def _number(token: str, scale: str | None) -> float | None:
    token = " ".join(token.lower().split())
    if token == "half a":
        base: float | None = 0.5
    elif token[0].isdigit():
        base = float(token.replace(",", ""))
    else:
        unit = _UNITS.get(token)
        base = float(unit) if unit is not None else None
    if base is None:
        return None
    return base * _SCALES[scale.lower()] if scale else base


def _year(token: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", token))


def figures(text: str) -> list[Span]:
    """Every figure that counts something in ``text``: "30,000 to 50,000", "tens of
    thousands", "some 300,000", "at least 43". Years, money and percentages are left out:
    what a report counts is people and acts, not dates or sums."""
    found: list[Span] = []
    for m in _FIGURE.finditer(text):
        if m.group("after"):
            continue
        if text[max(0, m.start() - 1) : m.start()] in ("$", "\u00a3", "\u20ac"):
            continue
        low = high = value = None
        if m.group("vague"):
            low, high = (float(x) for x in _VAGUE[" ".join(m.group("vague").lower().split())])
        elif m.group("a"):
            if _year(m.group("a")) or _year(m.group("b")):
                continue
            low = _number(m.group("a"), m.group("a_scale") or m.group("b_scale"))
            high = _number(m.group("b"), m.group("b_scale"))
            if low is None or high is None or low >= high:
                continue
        else:
            token = m.group("n")
            if _year(token) and not m.group("n_scale"):
                continue
            value = _number(token, m.group("n_scale"))
            if value is None or (token.isalpha() and token.lower() == "one"):
                continue
        if m.group("lower") and value is not None:
            low, value = value, None
        elif m.group("upper") and value is not None:
            high, value = value, None
        elif m.group("lower") and high is not None and m.group("vague"):
            high = None  # "at least hundreds of thousands": no upper bound is said
        if any(x is not None and not 0 <= x <= MAX_FIGURE for x in (value, low, high)):
            continue  # "10^400" is no count a report states, and no xsd:decimal either
        found.append(Span(m.start(), m.end(), m.group(), value, low, high))
    return found

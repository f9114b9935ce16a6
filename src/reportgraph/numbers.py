"""How many people a name says a group has: "25 North Koreans", "a family of seven"."""

from __future__ import annotations

import re

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
    """The number a group's name states, or None ("North Korean refugees" states none)."""
    text = re.sub(r"^(?:the|a|an|these|those)\s+", "", name.strip(), flags=re.IGNORECASE)
    for pattern in (_FAMILY_OF, _LEADING):
        match = pattern.search(text)
        if match:
            value = _value(match.group("n"))
            if value is not None:
                return value * 1_000_000 if match.groupdict().get("million") else value
    return None

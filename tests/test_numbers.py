"""Numbers of people stated in group names."""

from __future__ import annotations

import pytest

from reportgraph.numbers import people_count


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("25 North Koreans", 25),
        ("a family of seven", 7),
        ("1,470 defectors", 1470),
        ("11 million South Koreans", 11_000_000),
        ("These thirteen refugees", 13),
        ("some 30 defectors", 30),
        ("North Korean refugees", None),
        ("the Kim family", None),
    ],
)
def test_people_count(name: str, count: int | None) -> None:
    assert people_count(name) == count

"""Dates a report gives relative to its own date."""

from __future__ import annotations

import pytest

from reportgraph.dates import find_dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On Thursday, the court convicted two men.", "2022-12-08"),  # the report's own day
        ("The editor was detained Monday morning.", "2022-12-05"),
        ("Last Tuesday police came.", "2022-12-06"),
        ("Yesterday the ministry said so.", "2022-12-07"),
    ],
)
def test_a_weekday_is_the_last_such_day_up_to_the_report(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text, "2022-12-08")] == [iso]


def test_a_weekday_before_a_full_date_is_read_with_it() -> None:
    assert [d.iso for d in find_dates("On Monday, March 3, 2003 they fled.", "2022-12-08")] == [
        "2003-03-03"
    ]


def test_a_weekday_needs_a_report_dated_to_the_day() -> None:
    assert find_dates("On Thursday, the court convicted two men.", "2022-12") == []

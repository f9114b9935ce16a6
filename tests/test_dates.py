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


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Two years ago today, the court sentenced him.", "2020-12-08"),
        ("Two years ago, the court sentenced him.", "2020"),
        ("Three months ago police came.", "2022-09"),
        ("A year ago they fled.", "2021"),
        ("She left 14 years ago.", "2008"),
    ],
)
def test_so_long_ago_is_counted_back_from_the_report(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text, "2022-12-08")] == [iso]


def test_a_weekday_before_a_full_date_is_read_with_it() -> None:
    assert [d.iso for d in find_dates("On Monday, March 3, 2003 they fled.", "2022-12-08")] == [
        "2003-03-03"
    ]


def test_a_weekday_needs_a_report_dated_to_the_day() -> None:
    assert find_dates("On Thursday, the court convicted two men.", "2022-12") == []


def test_a_bill_is_dated_where_it_is_laid_before_its_chamber() -> None:
    from reportgraph.ingest.metadata import find_date

    head = "[Congressional Bills] <DOC> S. 4410 IN THE SENATE OF THE UNITED STATES "
    text = head + "August 7 (legislative day, August 6), 2022 Ms. Vell introduced the bill."
    assert find_date(text) == "2022-08-07"
    text = "H. Res. 90 In the House of Representatives, U. S., May 3, 2021. Whereas the camps"
    assert find_date(text) == "2021-05-03"


def test_the_legislative_day_is_not_the_date_of_an_act() -> None:
    text = "IN THE SENATE August 7 (legislative day, August 6), 2022 Ms. Vell introduced"
    assert [d.iso for d in find_dates(text, "2022-08-07")] == ["2022-08-07"]


def test_a_year_with_early_mid_or_late() -> None:
    for text, year in (
        ("In mid-2019 Zembla deported 40 refugees.", "2019"),
        ("In early 2020 the police detained 12 students.", "2020"),
        ("Since late 2018 thousands have fled.", "2018"),
    ):
        assert [d.iso for d in find_dates(text, "2021-05-20")] == [year]


def test_the_day_of_a_month() -> None:
    assert [d.iso for d in find_dates("Police held her on the 3rd of May.", "2021-05-20")] == [
        "2021-05-03"
    ]
    assert [d.iso for d in find_dates("On the 21st of March, 2019 she fled.")] == ["2019-03-21"]


def test_two_months_of_one_year_give_the_year() -> None:
    for text in ("between March and July 2019", "May-June 2019", "in March and April 2019"):
        assert [d.iso for d in find_dates(text, "2020-01")] == ["2019"], text

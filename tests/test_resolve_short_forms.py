"""A short form names the long one only with words the long one really has."""

from __future__ import annotations

import pytest

from reportgraph.resolve.within import short_form_of


@pytest.mark.parametrize(
    ("short", "long", "same"),
    [
        ("Department of State", "U.S. Department of Justice", False),  # "State" is in "U.S."
        ("Department of State", "U.S. Department of State", True),
        ("United Nations Office", "UN Office in Vienna", True),  # all of "UN" is there
    ],
)
def test_a_word_only_inside_an_abbreviation_does_not_count(
    short: str, long: str, same: bool
) -> None:
    assert short_form_of(short, long, "Organization") is same


def test_a_body_named_after_its_state_has_its_head_word_as_a_short_form() -> None:
    assert short_form_of("Senate", "United States Senate", "Organization")
    assert short_form_of("Parliament", "Kenyan Parliament", "Organization")
    assert not short_form_of("Senate", "State Senate", "Organization")
    assert not short_form_of("Council", "United States Senate", "Organization")


def test_a_team_or_service_of_a_body_is_a_part_not_a_longer_name() -> None:
    assert not short_form_of("United Nations", "United Nations Electoral Team", "Organization")
    assert not short_form_of("Vell Radio", "Vell Radio Persian Service", "Organization")

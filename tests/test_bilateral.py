"""Agreements between two states, on invented texts run through the whole extraction: the
law, its two signatories, and one node for it across documents."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.extract.laws import bilateral, bilateral_of_name
from reportgraph.model import Annotated, Document


def annotated(text: str, name: str = "t.txt") -> Annotated:
    return extract(Document(Path(name), name, text, "0" * 64, "text/plain", date="2004-03"))


def laws(text: str) -> dict[str, str]:
    """Law surface text -> the name it stands for."""
    return {m.text: m.canonical for m in annotated(text).mentions if m.cls == "Law"}


def signatories(text: str) -> set[tuple[str, str]]:
    return {
        (r.subject.canonical, r.object.canonical)
        for r in annotated(text).relations
        if r.predicate == "signatoryOf"
    }


# --- "<State>-<State> treaty" -------------------------------------------------------------


def test_two_states_joined_by_a_dash_before_treaty_are_a_law_and_its_signatories() -> None:
    text = "Officials say the refugees must be sent back under the Laos-Thailand treaty."
    assert laws(text) == {"Laos-Thailand treaty": "Laos\u2013Thailand treaty"}
    assert signatories(text) == {
        ("Laos", "Laos\u2013Thailand treaty"),
        ("Thailand", "Laos\u2013Thailand treaty"),
    }


def test_demonyms_an_en_dash_a_topic_and_a_year_name_one_agreement_either_way_round() -> None:
    text = (
        "The 1999 Thai\u2013Lao agreement on repatriation was cited. Critics said the Lao-Thai "
        "agreement on repatriation of 1999 ignores asylum."
    )
    named = set(laws(text).values())
    assert named == {"Laos\u2013Thailand agreement on repatriation (1999)"}
    found = signatories(text)
    assert ("Thailand", "Laos\u2013Thailand agreement on repatriation (1999)") in found
    assert ("Laos", "Laos\u2013Thailand agreement on repatriation (1999)") in found


def test_a_dash_between_words_that_are_not_states_or_a_border_is_no_agreement() -> None:
    text = (
        "The Thailand-Laos border was closed. A Mekong-Bangkok agreement was reached. "
        "The Thai-Thai treaty is a joke."
    )
    assert laws(text) == {}
    assert signatories(text) == set()


def test_a_longer_title_keeps_its_name_and_still_has_its_two_signatories() -> None:
    text = "The Peru-Chile Treaty of Lima settled the maritime border."
    found = laws(text)
    assert "Peru-Chile Treaty of Lima" in found
    assert signatories(text) == {
        ("Peru", "Peru-Chile Treaty of Lima"),
        ("Chile", "Peru-Chile Treaty of Lima"),
    }


# --- "an agreement ... signed between X and Y | the two countries" ------------------------


def test_an_agreement_between_the_two_countries_is_between_the_two_states_named() -> None:
    text = (
        "Peru and Chile have long argued over migrants. Lima returns them to Chile based on "
        "an agreement on border control signed between the two countries in 1998."
    )
    name = "Chile\u2013Peru agreement on border control (1998)"
    surface = "an agreement on border control signed between the two countries in 1998"
    assert laws(text) == {surface: name}
    assert signatories(text) == {("Peru", name), ("Chile", name)}


def test_the_two_countries_among_three_states_stay_unknown() -> None:
    text = (
        "Peru, Chile and Bolivia met in Lima. Migrants are returned under an agreement on "
        "border control signed between the two countries in 1998."
    )
    surface = "an agreement on border control signed between the two countries in 1998"
    assert laws(text) == {surface: surface}
    assert signatories(text) == set()


def test_an_agreement_signed_between_two_named_states_ends_its_topic_at_the_verb() -> None:
    text = "Under the 1990 treaty on migration signed between Peru and Chile, nobody is sent back."
    name = "Chile\u2013Peru treaty on migration (1990)"
    assert set(laws(text).values()) == {name}
    assert signatories(text) == {("Peru", name), ("Chile", name)}


def test_a_name_made_for_an_agreement_reads_back_as_the_same_agreement() -> None:
    found = bilateral("the Lao-Thai agreement on repatriation of 1999")
    assert found is not None and found.parties == ("Laos", "Thailand")
    again = bilateral_of_name(found.name)
    assert again is not None
    assert (again.parties, again.head, again.topic, again.year) == (
        ("Laos", "Thailand"),
        "agreement",
        "repatriation",
        "1999",
    )
    assert bilateral_of_name("Atlantis\u2013Thailand treaty") is None

"""Agreements between two states, on invented texts run through the whole extraction: the
law, its two signatories, and one node for it across documents."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.extract.laws import bilateral, bilateral_of_name
from reportgraph.model import Annotated, Document, Resolved
from reportgraph.resolve import resolve


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


# --- one node across documents ------------------------------------------------------------


def resolved_laws(*texts: str) -> tuple[Resolved, dict[str, set[str]]]:
    """The resolution of one document per text, and each law's label -> its documents."""
    docs = [annotated(t, f"{i}.txt") for i, t in enumerate(texts)]
    found = resolve(docs)
    return found, {e.label: e.documents for e in found.entities.values() if e.cls == "Law"}


THAI_LAO = "Thailand sends the refugees back to Laos under the Thai-Lao treaty, officials say."
BETWEEN_THE_TWO = (
    "Thailand and Laos are neighbours. Refugees are returned under an agreement on "
    "repatriation signed between the two countries in 1999."
)


def test_the_only_agreement_between_two_states_in_each_document_is_one_law() -> None:
    found, laws_ = resolved_laws(THAI_LAO, BETWEEN_THE_TWO)
    assert laws_ == {"Laos\u2013Thailand agreement on repatriation (1999)": {"0.txt", "1.txt"}}
    rules = [m.rule for m in found.merges]
    assert any(r.startswith("bilateral law: ") and "between Laos and Thailand" in r for r in rules)
    assert any(r.startswith("relations: 'the two countries' are the only two") for r in rules)
    signed = {(r.subject, r.object, r.document) for r in found.relations}
    law = next(k for k, e in found.entities.items() if e.cls == "Law")
    for state in ("country/laos", "country/thailand"):
        for document in ("0.txt", "1.txt"):
            assert (next(k for k in found.entities if k.endswith(state)), law, document) in signed


def test_agreements_of_different_years_stay_apart_and_the_log_says_why() -> None:
    found, laws_ = resolved_laws(
        "Chile cites the 1990 Peru-Chile treaty.",
        "Peru cites the 2005 treaty between Peru and Chile.",
    )
    assert laws_ == {
        "Chile\u2013Peru treaty (1990)": {"0.txt"},
        "Chile\u2013Peru treaty (2005)": {"1.txt"},
    }
    assert any("refused: different years (1990, 2005)" in m.rule for m in found.merges)


def test_agreements_on_topics_with_no_word_in_common_stay_apart() -> None:
    _, laws_ = resolved_laws(
        "Lima cites the Peru-Chile agreement on fishing.",
        "Santiago cites the Chile-Peru agreement on migration.",
    )
    assert len(laws_) == 2


def test_a_document_naming_two_agreements_between_the_pair_joins_neither() -> None:
    _, laws_ = resolved_laws(
        "The Peru-Chile accord and the Peru-Chile agreement on fishing were both cited.",
        "Peru cites the treaty between Peru and Chile.",
    )
    assert laws_ == {
        "Chile\u2013Peru accord": {"0.txt"},
        "Chile\u2013Peru agreement on fishing": {"0.txt"},
        "Chile\u2013Peru treaty": {"1.txt"},
    }


def test_a_word_before_agreement_is_its_topic_and_keeps_a_trade_deal_apart() -> None:
    text = "Lima praised the Peru-Chile trade agreement."
    assert set(laws(text).values()) == {"Chile\u2013Peru agreement on trade"}
    _, laws_ = resolved_laws(
        text, "Santiago cites an agreement on migration between Peru and Chile."
    )
    assert laws_ == {
        "Chile\u2013Peru agreement on trade": {"0.txt"},
        "Chile\u2013Peru agreement on migration": {"1.txt"},
    }

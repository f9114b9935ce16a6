"""Counted groups across documents, on invented texts run through the whole extraction:
two documents that word a group differently are one group when the same number of people
went through the same kind of act in the same month, and never otherwise."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.model import Annotated, Document, Resolved
from reportgraph.resolve import resolve


def annotated(text: str, name: str, date: str = "2003-05") -> Annotated:
    return extract(Document(Path(name), name, text, "0" * 64, "text/plain", date=date))


def groups(doc: Annotated) -> dict[str, str]:
    return {m.text: m.name for m in doc.mentions if m.cls == "Group"}


def key_of(resolved: Resolved, name: str) -> str:
    [key] = [k for k, e in resolved.entities.items() if name == e.label or name in e.alt_labels]
    return key


RAN_IN = (
    "In March 2003, five men and women ran into the Canadian Embassy in Hanoi, asking for help."
)
ENTERED = "Five Laotians entered the embassy compound in March 2003 and asked for protection."


def test_a_few_people_counted_in_a_dated_sentence_are_a_group() -> None:
    assert "five men and women" in groups(annotated(RAN_IN, "a.txt"))


def test_a_tally_in_an_undated_sentence_is_no_group() -> None:
    found = groups(annotated("Ten people were protected by each shelter.", "a.txt"))
    assert "Ten people" not in found


def test_a_counted_group_is_named_with_what_it_went_through() -> None:
    text = (
        "He was one of six refugees forcibly deported from Laos in May 2001 and had "
        "managed to escape."
    )
    assert groups(annotated(text, "a.txt"))["six refugees"] == (
        "six refugees forcibly deported from Laos in May 2001"
    )


def test_a_count_at_a_sentence_start_stays_in_the_group_name() -> None:
    assert "Five Laotians" in groups(annotated(ENTERED, "b.txt"))


def test_groups_of_one_size_in_one_act_and_month_are_one_group() -> None:
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(ENTERED, "b.txt")])
    key = key_of(resolved, "five men and women")
    assert key == key_of(resolved, "Five Laotians")
    rules = [m.rule for m in resolved.merges if m.entity == key]
    assert any(r.startswith("same group: ") and "AsylumRequest" in r for r in rules)
    # the two reports of the asylum request are now one event
    asylum = {e.key for e in resolved.events if e.cls == "AsylumRequest"}
    assert len(asylum) == 1


def test_groups_of_different_sizes_stay_apart() -> None:
    six = ENTERED.replace("Five", "Six")
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(six, "b.txt")])
    assert key_of(resolved, "five men and women") != key_of(resolved, "Six Laotians")


def test_groups_in_acts_of_different_months_stay_apart() -> None:
    april = ENTERED.replace("March", "April")
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(april, "b.txt")])
    assert key_of(resolved, "five men and women") != key_of(resolved, "Five Laotians")


def test_groups_in_acts_of_different_classes_stay_apart() -> None:
    arrested = "Five Laotians were arrested by the police in March 2003."
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(arrested, "b.txt")])
    assert key_of(resolved, "five men and women") != key_of(resolved, "Five Laotians")


def test_two_groups_that_fit_leave_both_apart() -> None:
    two = ENTERED + " Five Cambodians entered the Thai Embassy in March 2003, asking for asylum."
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(two, "b.txt")])
    mine = key_of(resolved, "five men and women")
    assert mine not in (key_of(resolved, "Five Laotians"), key_of(resolved, "Five Cambodians"))


def test_a_year_alone_meets_a_month_of_that_year_for_an_exact_count() -> None:
    deported = "In May 2001, Laos deported six refugees recognized by the UNHCR."
    year = "Laos deported six refugees back home in 2001."
    other_year = "Laos deported six refugees back home in 2002."
    resolved = resolve([annotated(deported, "a.txt"), annotated(year, "b.txt")])
    [group] = [e for e in resolved.entities.values() if "six refugees" in e.alt_labels]
    assert group.documents == {"a.txt", "b.txt"}
    resolved = resolve([annotated(deported, "a.txt"), annotated(other_year, "b.txt")])
    six = [e for e in resolved.entities.values() if "six refugees" in {e.label, *e.alt_labels}]
    assert len(six) == 2


def test_the_same_act_in_another_month_too_leaves_the_groups_apart() -> None:
    again = ENTERED + " In July 2003, the five Laotians entered the embassy compound again."
    resolved = resolve([annotated(RAN_IN, "a.txt"), annotated(again, "b.txt")])
    assert key_of(resolved, "five men and women") != key_of(resolved, "Five Laotians")

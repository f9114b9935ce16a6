"""Parts and wholes read from names (extract/wholes.py) and what legislatures do with bills
(extract/legislation.py). Invented texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.extract.nlp import load_model
from reportgraph.model import Document

pytestmark = pytest.mark.skipif(load_model() is None, reason="the statistical model is missing")


def relations(text: str) -> set[tuple[str, str, str]]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2021"))
    return {(r.subject.text, r.predicate, r.object.canonical) for r in doc.relations}


def test_a_region_named_with_its_state_is_part_of_it() -> None:
    found = relations("Fighting spread across northern Mali in March, the agency said.")
    assert ("northern Mali", "partOf", "Mali") in found


def test_a_committee_named_with_its_chamber_is_part_of_it() -> None:
    found = relations(
        "The Senate voted on Monday. The Senate Committee on Foreign Relations met on Tuesday."
    )
    assert ("Senate Committee on Foreign Relations", "partOf", "Senate") in found


def test_a_body_of_a_state_after_its_acronym() -> None:
    found = relations("He was arrested by the National Intelligence Service (NIS) of Kenya in May.")
    assert any(p == "partOf" and o == "Kenya" for _, p, o in found)


def test_a_section_of_a_named_act_is_part_of_it() -> None:
    found = relations("The term has the meaning given in section 12(b) of the Refugee Relief Act.")
    assert any(
        s.startswith("section 12(b)") and p == "partOf" and o.endswith("Refugee Relief Act")
        for s, p, o in found
    )


def test_a_bill_goes_to_the_committee_it_was_referred_to() -> None:
    found = relations(
        "H. R. 4242 IN THE HOUSE OF REPRESENTATIVES Mr. Okonjo introduced the following bill; "
        "which was referred to the Committee on the Judiciary. A BILL To protect refugees."
    )
    assert any(p == "referredTo" and "Judiciary" in o for _, p, o in found)


def test_a_chamber_that_passed_an_act_active_and_passive() -> None:
    active = relations("In May the Senate passed the Refugee Relief Act by unanimous consent.")
    passive = relations("The Refugee Relief Act was passed by the Senate in May.")
    for found in (active, passive):
        assert any(p == "passed" and o.endswith("Refugee Relief Act") for _, p, o in found)


def test_passing_a_law_is_not_read_from_a_mere_mention() -> None:
    found = relations("The Senate debated the Refugee Relief Act in May.")
    assert not any(p == "passed" for _, p, _ in found)


def test_members_listed_after_including() -> None:
    found = relations(
        "Activists said that religious minorities, including Ana Silva and Tomas Vell, were "
        "watched in May."
    )
    members = {s for s, p, _ in found if p == "memberOf"}
    assert {"Ana Silva", "Tomas Vell"} <= members


def test_members_listed_in_brackets_after_including() -> None:
    found = relations(
        "Religious minorities (including Ana Silva and Tomas Vell) were watched in May."
    )
    members = {s for s, p, _ in found if p == "memberOf"}
    assert {"Ana Silva", "Tomas Vell"} <= members


def test_members_listed_before_and_other() -> None:
    found = relations("Guards said Ana Silva, Tomas Vell and other political prisoners were moved.")
    members = {s for s, p, _ in found if p == "memberOf"}
    assert {"Ana Silva", "Tomas Vell"} <= members


def test_a_post_between_a_body_and_a_person() -> None:
    found = relations(
        "Norwegian Refugee Council researcher Ana Silva said the camp was full in May."
    )
    assert any(s == "Ana Silva" and p == "memberOf" for s, p, _ in found)


def test_a_citizen_described_before_an_apposed_name() -> None:
    found = relations("Police shot an Iranian Kurdish woman, 22-year-old Mina Karimi, in May.")
    assert ("Mina Karimi", "citizenOf", "Iran") in found


def test_a_group_named_with_a_body_are_its_members() -> None:
    found = relations("The ministry fired 118 UPR members in May, the UPR said.")
    assert ("118 UPR members", "memberOf", "UPR") in found


def test_people_apposed_to_a_group_with_their_roles_are_its_members() -> None:
    found = relations(
        "The court jailed three democracy activists, writer Ana Silva, lawyer Tomas Vell, "
        "and blogger Mira Kovac, in May."
    )
    members = {s for s, p, _ in found if p == "memberOf"}
    assert {"Ana Silva", "Tomas Vell", "Mira Kovac"} <= members


def test_a_measure_a_state_imposes_is_its_own() -> None:
    found = relations("In May, Kenya imposed strict sanctions on the officials.")
    assert ("strict sanctions", "lawOf", "Kenya") in found


def test_citizens_listed_by_name_are_citizens() -> None:
    found = relations("Iran holds several Kenyan citizens, including Ana Silva and Tomas Vell.")
    assert {("Ana Silva", "citizenOf", "Kenya"), ("Tomas Vell", "citizenOf", "Kenya")} <= found


def test_the_source_of_a_report_has_no_member_named_after_it() -> None:
    text = "According to the family, Tomas Rell was tortured in detention in May 2012."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2012-06")
    assert not [r for r in extract(doc).relations if r.predicate == "memberOf"]


def test_members_listed_after_what_else_the_group_phrase_says() -> None:
    found = relations(
        "In 2021 religious minorities and indigenous peoples, including Vells and Zembs, fled."
        " Police held 40 activists in Lima, including Ana Vell and Tomas Rell."
    )
    assert ("Vells", "memberOf", "religious minorities") in found
    assert ("Ana Vell", "memberOf", "40 activists") in found


def test_a_title_then_a_comma_then_the_body_heads_it() -> None:
    found = relations("The committee heard Mr. Tomas Orun, president and CEO, Radio Free Vellia.")
    assert ("Mr. Tomas Orun", "leaderOf", "Radio Free Vellia") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a court named after a town sits in it, and is part of the town's state
            "Lawyers met in Karachi on Monday. In Pakistan, the Karachi High Court struck "
            "down the ordinance.",
            {
                ("Karachi High Court", "locatedIn", "Karachi"),
                ("Karachi High Court", "partOf", "Pakistan"),
            },
        ),
        (  # "The ... court", its town named after it
            "The Porto court ordered the release of 16 journalists held in Porto.",
            {("The Porto court", "locatedIn", "Porto")},
        ),
    ],
)
def test_a_court_named_after_its_town(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= relations(text)


def test_a_group_named_after_a_place_is_based_or_lives_there() -> None:
    found = relations(
        "In March, Gansu investigators and Lyon embassy personnel persuaded him to return. "
        "Some 300 Homs residents fled the city."
    )
    assert {
        ("Gansu investigators", "basedIn", "Gansu"),
        ("Lyon embassy personnel", "basedIn", "Lyon"),
        ("Some 300 Homs residents", "livesIn", "Homs"),
    } <= found


def test_a_resolution_a_chamber_agreed_to_is_passed_by_it() -> None:
    text = (
        "[H. Res. 412 Engrossed in House (EH)]\n\nH. Res. 412\n\n"
        "                In the House of Representatives, U. S.,\n\n"
        "                                        May 3, 2021.\n"
        "Whereas the Vell Front held power in Zembla between 1962 and 2011;\n"
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2021"))
    found = {(r.subject.text, r.predicate, r.object.text) for r in doc.relations}
    assert ("House of Representatives", "passed", "H. Res. 412") in found
    [act] = [e for e in doc.events if e.cls == "LegalAction"]
    assert [m.text for m in act.laws] == ["H. Res. 412"]
    assert act.date is not None and act.date.startswith("2021")


def test_a_bill_introduced_is_the_text_s_own_not_a_law_its_title_names() -> None:
    text = (
        "I116th CONGRESS1st SessionH. R. 4242IN THE HOUSE OF REPRESENTATIVESMay 10, 2019"
        "Ms. Okonjo introduced the following bill; which was referred to the Committee on the "
        "JudiciaryA BILLTo prohibit funds from being used to implement the Vell Protocols.\n"
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2019"))
    [act] = [e for e in doc.events if e.cls == "LegalAction" and e.trigger == "introduced"]
    assert [m.text for m in act.laws] == ["H. R. 4242"]

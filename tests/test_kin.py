"""Kin and birthplaces (extract/kin.py), on invented texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.extract.nlp import load_model
from reportgraph.model import Document

pytestmark = pytest.mark.skipif(load_model() is None, reason="the statistical model is missing")


def relations(text: str) -> set[tuple[str, str, str]]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2021"))
    return {(r.subject.text, r.predicate, r.object.text) for r in doc.relations}


def test_kin_named_after_whose_kin_they_are() -> None:
    found = relations("Ana Vell's husband, Marek Dolan, fled to Chad in 2019.")
    assert ("Marek Dolan", "spouseOf", "Ana Vell") in found


def test_a_parent_makes_the_other_a_child() -> None:
    found = relations("Tomas Rell, the 80-year-old father of Ivo Rell, was arrested in 2016.")
    assert ("Ivo Rell", "childOf", "Tomas Rell") in found


def test_a_pronoun_opening_a_sentence_speaks_of_whom_the_one_before_opens_on() -> None:
    found = relations(
        "Tomas Dolan is married to the journalist Ana Rell. His brother, Ivo Dolan, is a judge."
    )
    assert ("Tomas Dolan", "spouseOf", "Ana Rell") in found
    assert ("Ivo Dolan", "siblingOf", "Tomas Dolan") in found
    assert not any(o == "Ana Rell" for _, p, o in found if p == "siblingOf")


def test_where_a_person_was_born() -> None:
    found = relations("Ana Vell was born in Tarvo, Chad. She studied law in Lima.")
    assert ("Ana Vell", "bornIn", "Tarvo") in found
    found = relations("Tomas Rell\n\nBirthplace: Chad\n\nTomas Rell is a lawyer in Peru.")
    assert ("Tomas Rell", "bornIn", "Chad") in found


def test_no_kin_without_a_kin_word() -> None:
    found = relations("Ana Vell's lawyer, Marek Dolan, said she was held in Lima in 2019.")
    assert not {p for _, p, _ in found} & {"spouseOf", "childOf", "siblingOf", "relativeOf"}


def test_kin_and_whose_before_the_name() -> None:
    text = "In 2019 the wife of Tomas Rell, Ana Vell, fled to Chad with their son."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(r.subject.canonical, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("Ana Vell", "spouseOf", "Tomas Rell") in found


def test_he_and_his_speak_of_whom_the_report_is_about_not_a_person_named_once() -> None:
    text = (
        "In 2019 Omar Hassan fled Turkey. Omar Hassan settled in Nairobi. Kenya handed "
        "Omar Hassan over in 2024. His lawyer, Amina Odhiambo, spoke to reporters. He is "
        "now held near Istanbul, according to his brother, Ali Hassan."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(r.subject.canonical, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("Ali Hassan", "siblingOf", "Omar Hassan") in found
    assert not any(o == "Amina Odhiambo" and p == "siblingOf" for _, p, o in found)


def test_she_in_a_profile_is_its_subject_not_a_woman_named_once() -> None:
    text = (
        "Nasrin Sotoudeh (born 30 May 1963) is an Iranian human rights lawyer.\n\n"
        "Sotoudeh worked for the Defenders of Human Rights Center, founded by Shirin Ebadi. "
        "In September 2010 she was arrested. "
        + "She was held in Evin Prison for months. " * 12
        + "Her husband, Reza Khandan, was also arrested in September 2018."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(r.subject.canonical, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("Reza Khandan", "spouseOf", "Nasrin Sotoudeh") in found
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    assert [m.canonical for m in arrest.affected] == ["Nasrin Sotoudeh"]


def test_a_spouse_line_in_a_profiles_box() -> None:
    text = (
        "Ana Vellova\n\nAna Vellova (born 1970) is a Zemban journalist. Ana Vellova was jailed "
        "in 2019.\n\nSpouse: Tomas Rellov\nBirthplace: Chad\n"
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(r.subject.canonical, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("Ana Vellova", "spouseOf", "Tomas Rellov") in found

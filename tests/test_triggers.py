"""Trigger words as data, laws an act invokes, states named as where it happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.errors import ReportgraphError
from reportgraph.extract import extract
from reportgraph.extract.nlp import load_model
from reportgraph.extract.triggers import find, forms, lexicon, parse_rows
from reportgraph.model import Annotated, Document

needs_model = pytest.mark.skipif(load_model() is None, reason="the statistical model is missing")


def annotated(text: str) -> Annotated:
    return extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2021-05"))


@needs_model
def test_a_row_a_user_adds_finds_every_inflection() -> None:
    lex = parse_rows("Repatriation\tlemma\trefoule\n")
    parsed = load_model()("Freedonia refouled forty asylum seekers last year.")
    hits = find(parsed.text, parsed, "Repatriation", lex)
    assert [h.group() for h in hits] == ["refouled"]


@needs_model
def test_part_of_speech_limits_a_lemma() -> None:
    lex = parse_rows("Punishment\tlemma\tfine/VERB\n")
    assert not find("They are fine.", load_model()("They are fine."), "Punishment", lex)
    said = "The court fined the editor."
    assert [h.group() for h in find(said, load_model()(said), "Punishment", lex)] == ["fined"]


def test_a_bad_row_names_the_file_and_the_line() -> None:
    with pytest.raises(ReportgraphError, match=r"mine\.tsv, line 2"):
        parse_rows("Arrest\tlemma\tdetain\nArrest\tword\tseize\n", "mine.tsv")
    with pytest.raises(ReportgraphError, match="line 1: bad pattern"):
        parse_rows("Arrest\tregex\t(unclosed\n", "mine.tsv")


def test_the_packaged_triggers_cover_every_class() -> None:
    lex = lexicon()
    from reportgraph.model import EVENT_CLASSES

    assert set(lex.classes) == set(EVENT_CLASSES)


@needs_model
def test_an_act_links_the_law_it_is_said_to_break() -> None:
    doc = annotated(
        "Border guards detained 12 journalists in March 2021 in violation of the "
        "Convention against Torture, the monitors said."
    )
    arrests = [e for e in doc.events if e.cls == "Arrest"]
    assert arrests
    assert [m.text for m in arrests[0].laws] == ["Convention against Torture"]


@needs_model
def test_a_law_only_mentioned_beside_an_act_is_not_linked() -> None:
    doc = annotated(
        "Border guards detained 12 journalists in March 2021, a year after the "
        "Convention against Torture was discussed."
    )
    assert all(not e.laws for e in doc.events if e.cls == "Arrest")


@needs_model
def test_a_state_after_a_preposition_of_place_is_where_it_happened() -> None:
    doc = annotated("Police detained 40 students in Chad on 3 May 2021.")
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.text == "Chad"


@needs_model
def test_a_state_that_acts_is_not_the_place_the_sentence_names() -> None:
    doc = annotated("The government of Chad detained 40 students in Niamey on 3 May 2021.")
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.text == "Niamey"
    # with no place said, a state arrests at home (extract/where.py)
    doc = annotated("The government of Chad detained 40 students on 3 May 2021.")
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.text == "Chad"


@needs_model
def test_everyone_the_clause_names_takes_part() -> None:
    doc = annotated(
        "Ms. Brandvold (for herself, Mr. Okonjo and Mrs. Tal) drafted the Freedonia "
        "Refugee Protection Act in May 2021."
    )
    action = next(e for e in doc.events if e.cls == "LegalAction")
    named = {m.text for m in (*action.agents, *action.affected, *action.others)}
    assert {"Ms. Brandvold", "Mr. Okonjo", "Mrs. Tal"} <= named


@needs_model
def test_an_actor_of_another_clause_takes_no_part() -> None:
    doc = annotated(
        "Police detained 40 students in May 2021, while the Red Cross Society "
        "distributed blankets in the capital."
    )
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    named = {m.text for m in (*arrest.agents, *arrest.affected, *arrest.others)}
    assert not any("Red Cross" in n for n in named)


@needs_model
def test_a_short_sentence_with_a_verb_is_no_heading() -> None:
    doc = annotated("Police said the editors were questioned on Monday. Both were detained.")
    assert [e.trigger for e in doc.events if e.cls == "Arrest"] == ["detained"]
    doc = annotated("Both men have been arrested.")
    assert any(e.cls == "Arrest" for e in doc.events)
    assert not annotated("Arrests and Detentions\n\nNone today.").events


@needs_model
def test_a_trigger_of_two_words_is_judged_by_its_head() -> None:
    doc = annotated("In April 2021, the detained editor began a hunger strike in his cell.")
    assert any(e.cls == "Protest" for e in doc.events)
    doc = annotated("The hunger strike camp was closed by the city council in April 2021.")
    assert not any(e.cls == "Protest" for e in doc.events)


@needs_model
def test_the_source_of_a_report_takes_no_part_in_the_act() -> None:
    doc = annotated(
        "According to the Zembla Press Union, police detained 43 reporters in May 2021."
    )
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    named = {m.text for m in (*arrest.agents, *arrest.affected, *arrest.others)}
    assert "Zembla Press Union" not in named and "43 reporters" in named


@needs_model
def test_a_verb_acting_on_a_noun_of_a_row_is_a_trigger() -> None:
    lex = parse_rows("LegalAction\tobject\tlift extend > ban deadline\n")
    text = "Officials lifted the ban and extended the deadline, but lifted a box."
    parsed = load_model()(text)
    assert [h.group() for h in find(text, parsed, "LegalAction", lex)] == ["lifted", "extended"]
    with pytest.raises(ReportgraphError, match="verbs > nouns"):
        parse_rows("LegalAction\tobject\tlift ban\n")


@needs_model
def test_a_verb_of_saying_in_another_sense_is_no_statement() -> None:
    assert not annotated("That said, the two states face serious challenges this year.").events
    doc = annotated("Whereas the state jails editors and denies citizens their right to speech.")
    assert not [e.trigger for e in doc.events if e.cls == "Statement"]
    doc = annotated("The ministry denied the reports of deportations on 3 May 2021.")
    assert any(e.trigger == "denied" for e in doc.events)


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2021 the Zembla Refugee Council raised concerns about the camps.",
        "Ana Vell, the minister, made clear on 3 May 2021 that the border stays shut.",
        "The Zembla Refugee Council states that the camps are full.",
        "On 3 May 2021 Ana Vell likened the new law to a ban on asylum.",
    ],
)
def test_ways_of_saying_are_statements(text: str) -> None:
    assert "Statement" in {e.cls for e in annotated(text).events}


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "In May 2012 dozens of villagers were taken by force from the camps near Vell.",
        "In May 2012 forty students were forcibly taken by the Vell police.",
        "Some of the Zembla activists were seized at their homes in May 2012.",
        "Ana Vell was taken into custody in May 2012.",
        "Police took 40 protesters into custody in May 2012.",
    ],
)
def test_ways_of_taking_someone_are_arrests(text: str) -> None:
    assert "Arrest" in {e.cls for e in annotated(text).events}


@needs_model
@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Security forces opened fire on demonstrators in Vell in May 2012.", "Punishment"),
        ("Police shot dead Ana Vell in May 2012.", "Punishment"),
        ("The Vell court acquitted Ana Vell in May 2012.", "LegalAction"),
        ("In May 2012 the Treasury designated five Zemban officials for sanctions.", "LegalAction"),
        ("Ana Vell pleaded guilty in May 2012.", "LegalAction"),
        ("Ana Vell was pardoned in May 2012.", "LegalAction"),
        ("Ana Vell was forcibly disappeared in May 2012.", "Arrest"),
        ("Canada admitted 300 Zemban refugees in May 2012.", "Resettlement"),
        ("Dock workers in Vell went on strike in May 2012.", "Protest"),
    ],
)
def test_ways_of_killing_and_of_ruling(text: str, cls: str) -> None:
    assert cls in {e.cls for e in annotated(text).events}


def test_a_legal_act_on_the_law_named_by_its_kind() -> None:
    text = (
        "H. R. 4410\n\nIN THE HOUSE OF REPRESENTATIVES\n\nMay 3, 2021\n\n"
        "Ms. Vell introduced the following bill; which was referred to the Committee on "
        "the Judiciary.\n\nThe Zembla Refugee Act was debated in 2020. On May 4, 2021, "
        "the House passed the amended bill."
    )
    events = [e for e in annotated(text).events if e.cls == "LegalAction"]
    laws = {e.trigger: [m.text for m in e.laws] for e in events}
    assert laws.get("introduced") == ["H. R. 4410"]
    assert laws.get("passed") == ["Zembla Refugee Act"]


def test_a_verb_read_with_its_object_is_the_act_it_names() -> None:
    text = "The Zembla Ministry of Justice announced charges against forty people on 3 May 2021."
    assert {e.cls for e in annotated(text).events if e.trigger == "announced"} == {"LegalAction"}


def test_a_bills_recorded_steps_take_its_chamber() -> None:
    text = (
        "S. 4410\n\nIN THE SENATE OF THE UNITED STATES\n\nMay 3, 2021\n\n"
        "Ms. Vell introduced the following bill; which was referred to the Committee on "
        "the Judiciary.\n\nThe Senate debated the Zembla Refugee Act in 2020."
    )
    steps = [e for e in annotated(text).events if e.trigger == "introduced"]
    assert steps and "senate" in [m.canonical.lower() for m in steps[0].others]


def test_a_litigants_and_a_courts_words_are_legal_actions() -> None:
    text = (
        "In May 2021 two aid groups filed a legal challenge against the deportation order. "
        "In June 2021 the High Court ruled that the order was unlawful."
    )
    triggers = {e.trigger for e in annotated(text).events if e.cls == "LegalAction"}
    assert {"filed", "ruled that"} <= triggers


def test_a_court_upholds_a_ruling_not_a_car_its_wheels() -> None:
    text = (
        "In May 2021 the Supreme Court upheld the verdict against the editor. "
        "In June 2021 a truck overturned on the bridge, and police beat the marchers."
    )
    found = {(e.cls, e.trigger) for e in annotated(text).events}
    assert ("LegalAction", "upheld") in found
    assert not any(trigger == "overturned" for _, trigger in found)
    assert ("Punishment", "beat") in found


def test_people_held_in_a_camp_by_an_active_verb_are_arrested() -> None:
    text = "In 2015 the smugglers held hundreds of migrants from Vellia in jungle camps."
    assert "Arrest" in {e.cls for e in annotated(text).events}
    assert "Arrest" not in {e.cls for e in annotated("The summit was held in a house.").events}


def test_es_is_added_only_where_english_writes_it() -> None:
    assert "aides" not in forms("aid") and "aids" in forms("aid")
    assert {"searches", "vetoes"} <= forms("search") | forms("veto")

"""Who did an act named by a noun, and to whom: read from the noun's own words and from
the verb that governs it, on small invented texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.model import Document, EventMention


def events(text: str) -> list[EventMention]:
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    return extract(doc).events


def roles(text: str, cls: str) -> tuple[list[str], list[str], list[str]]:
    event = next(e for e in events(text) if e.cls == cls)
    return (
        [m.text for m in event.agents],
        [m.text for m in event.affected],
        [m.text for m in event.others],
    )


@pytest.mark.parametrize(
    ("text", "cls", "agents", "affected"),
    [
        # "by" names who did it, "of" to whom, whatever stands first in the sentence
        (
            "The arrest of the journalist Ana Vell by the Thai police drew wide criticism.",
            "Arrest",
            ["Thai police"],
            ["Ana Vell"],
        ),
        (
            "The imprisonment and abuse of Hmong activists by the Thai army continued.",
            "Punishment",
            ["Thai army"],
            ["Hmong activists"],
        ),
        # the owner acts when an object follows, else undergoes what is done to someone
        (
            "Thailand's expulsion of 40 Hmong refugees began in May 2004.",
            "Repatriation",
            ["Thailand"],
            ["40 Hmong refugees"],
        ),
        ("Ana Vell's detention lasted two years.", "Arrest", [], ["Ana Vell"]),
        # the governing verb: its subject does, undergoes, or only judges the act
        (
            "Thai police carried out the arrests of 30 Hmong refugees in May.",
            "Arrest",
            ["Thai police"],
            ["30 Hmong refugees"],
        ),
        (
            "The Hmong refugees face deportation to Laos.",
            "Repatriation",
            [],
            ["The Hmong refugees"],
        ),
    ],
)
def test_a_noun_names_its_doer_and_whom_it_was_done_to(
    text: str, cls: str, agents: list[str], affected: list[str]
) -> None:
    found_agents, found_affected, _ = roles(text, cls)
    assert (found_agents, found_affected) == (agents, affected)


def test_who_condemns_an_act_takes_no_part_in_it() -> None:
    agents, affected, others = roles(
        "Human Rights Watch condemned the killing of Ana Vell by the Thai army.", "Punishment"
    )
    assert (agents, affected) == (["Thai army"], ["Ana Vell"])
    assert "Human Rights Watch" not in others
    agents, _, others = roles(
        "Minister Ana Dell defended the arrests of Ana Vell and Tomas Rell.", "Arrest"
    )
    assert "Ana Dell" not in (*agents, *others)
    statement = next(
        e
        for e in events("Human Rights Watch condemned the killing of Ana Vell.")
        if e.cls == "Statement"
    )
    assert [m.text for m in statement.agents] == ["Human Rights Watch"]


def test_a_destination_is_not_whom_an_expulsion_is_done_to() -> None:
    _, affected, _ = roles(
        "Thailand's expulsion of 40 Hmong refugees to Laos began in May 2004.", "Repatriation"
    )
    assert affected == ["40 Hmong refugees"]


def test_a_name_that_owns_what_follows_is_still_a_name() -> None:
    # the model reads "Ana Vell's" as the person with her possessive mark
    found = events("The court rejected Ana Vell's appeal in May.")
    names = {m.text for e in found for m in (*e.agents, *e.affected, *e.others)}
    assert "Ana Vell" in names


@pytest.mark.parametrize(
    ("text", "cls", "agents"),
    [
        # the verb's subject does it, wherever the order of words puts other names
        (
            "Despite the unrest in Laos, the danger remains, said Ambassador Ana Vell.",
            "Statement",
            ["Ana Vell"],
        ),
        (
            "Thailand, along with Laos, deported 40 Hmong refugees in May.",
            "Repatriation",
            ["Thailand"],
        ),
        (
            "Ana Vell, director of the Mekong Rights Centre, told Reuters that the camp was full.",
            "Statement",
            ["Ana Vell"],
        ),
        # the one after "of" when the subject's head names no one we know
        ("The government of Thailand denied the reports in May.", "Statement", ["Thailand"]),
    ],
)
def test_a_verb_s_subject_is_who_does_it(text: str, cls: str, agents: list[str]) -> None:
    found_agents, _, _ = roles(text, cls)
    assert found_agents == agents


def test_a_body_of_a_state_acts_in_that_state() -> None:
    # "the Border Guard (BG) of Chad": the arrest is placed in the state the body serves
    found = events("The Border Guard (BG) of Chad has detained three aid workers.")
    arrest = next(e for e in found if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.text == "Chad"


def test_an_act_done_by_someone_unnamed_is_not_given_to_the_state() -> None:
    text = "Chad is a transit country. Many of the migrants were kidnapped by cartels."
    kidnapping = next(e for e in events(text) if e.cls == "Arrest")
    assert [m.text for m in kidnapping.others] == []
    text = "Chad is a transit country. Many of the migrants were detained."
    detention = next(e for e in events(text) if e.cls == "Arrest")
    assert [m.text for m in detention.others] == ["Chad"]


def test_the_subject_of_a_bare_participle_undergoes_it() -> None:
    agents, affected, _ = roles("Witnesses saw 30 Hmong refugees beaten in the camp.", "Punishment")
    assert (agents, affected) == ([], ["30 Hmong refugees"])


def test_a_safe_passage_is_no_law_passed() -> None:
    assert not any(e.cls == "LegalAction" for e in events("All sides must allow safe passage."))
    found = events("The Senate welcomed the passage of the Refugee Protection Act.")
    assert any(e.cls == "LegalAction" for e in found)


def test_he_is_not_the_woman_named_last() -> None:
    text = (
        "Tomas Rell fled to Vienna in 2018. He lives there with his wife, the lawyer Ana Vell. "
        "In 2021 a court sentenced him in absentia to seven years in prison."
    )
    _, affected, _ = roles(text, "Punishment")
    assert affected == ["Tomas Rell"]


def test_a_passive_verb_s_subject_undergoes_it() -> None:
    text = "Ana Vell, a member of the Zemban Bar Association, was arrested in Chad on Monday."
    _, affected, _ = roles(text, "Arrest")
    assert affected == ["Ana Vell"]
    text = "Five members of the Okafor family, who were detained in Chad in May, were freed."
    _, affected, others = roles(text, "Arrest")
    assert "Okafor family" in " ".join((*affected, *others))


def test_an_item_of_a_list_takes_no_place_from_the_item_before() -> None:
    text = (
        "Key events in 2021:\n"
        "\u2022 14 January: police in Minsk detained 37 journalists.\n"
        "\u2022 9 March: Lithuania granted asylum to 120 activists.\n"
    )
    asylum = next(e for e in events(text) if e.cls == "AsylumRequest")
    assert asylum.place is None or asylum.place.text != "Minsk"


def test_a_subject_that_arrests_at_some_place_is_not_arrested() -> None:
    text = "Security forces in Harare arrested at least 78 opposition activists on Sunday."
    agents, affected, _ = roles(text, "Arrest")
    assert (agents, affected) == (
        ["Security forces in Harare"],
        ["at least 78 opposition activists"],
    )


def test_a_subject_s_apposition_takes_part_too() -> None:
    text = "The Zemban human rights commissioner, Ana Vell, urged Chad to free the detainees."
    agents, _, _ = roles(text, "Statement")
    assert "Ana Vell" in agents


def test_a_march_is_a_protest_and_march_the_month_none() -> None:
    assert any(e.cls == "Protest" for e in events("Thousands of people marched in the capital."))
    assert not any(e.cls == "Protest" for e in events("In March 2020, the refugees fled."))


def test_who_condemns_a_crackdown_is_not_the_state_that_did_it() -> None:
    text = "Chad has ruled since 2005. The United States and Germany condemned the crackdown."
    crackdown = next(e for e in events(text) if e.cls == "Arrest")
    named = [m.text for m in (*crackdown.agents, *crackdown.affected, *crackdown.others)]
    assert not {"Germany", "United States"} & set(named)


def test_who_does_an_act_told_in_a_relative_clause_is_the_noun_before_it() -> None:
    text = "The State Department restricted visas of 12 judges who sentenced Ana Vell in May."
    agents, _, _ = roles(text, "Punishment")
    assert agents == []  # the judges, named by no name: not the department


def test_the_following_bill_is_the_numbered_bill_not_a_law_the_header_cites() -> None:
    text = (
        "Pursuant to Title 17 Section 105 of the United States Code, this file is in the "
        "public domain.\n\nS. RES. 912\n\nMs. Vell submitted the following resolution; which "
        "was referred to the Committee on Foreign Relations."
    )
    act = next(e for e in events(text) if e.cls == "LegalAction")
    assert [m.text for m in act.laws] == ["S. RES. 912"]


def test_a_resolution_title_is_the_resolution_speaking() -> None:
    text = (
        "S. RES. 912\n\nCalling on the Government of Zembla to release Ana Vell.\n\n"
        "Ms. Vell submitted the following resolution; which was referred to the Committee."
    )
    said = next(e for e in events(text) if e.cls == "Statement")
    assert [m.text for m in said.laws] == ["S. RES. 912"]


def test_an_embassy_that_speaks_is_who_speaks() -> None:
    text = "The Zemban Embassy in Beijing said on Monday that its citizens had been detained."
    agents, _, _ = roles(text, "Statement")
    assert agents == ["Zemban Embassy in Beijing"]


def test_a_flight_takes_place_where_it_goes() -> None:
    text = "In May 2012 thousands fled the fighting in Darfur and crossed into Chad."
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert flight.place is not None and flight.place.text == "Chad"


def test_a_body_named_again_by_its_head_word() -> None:
    text = (
        "The Free Media Union condemned the arrests in May 2012. "
        "The union called for the release of Ana Vell."
    )
    said = [e for e in events(text) if e.cls == "Statement" and "called" in e.trigger]
    assert [(m.text, m.canonical) for m in said[0].agents] == [("The union", "Free Media Union")]
    assert said[0].agents[0].metonym  # "the union" is no name of it: many bodies are unions
    # with no body of that word named before, the phrase names no one
    found = events("The union called for the release of Ana Vell in May 2012.")
    assert all(not e.agents for e in found if e.cls == "Statement")


def test_who_speaks_makes_the_statement_they_speak_in() -> None:
    text = "In a statement, Interior Minister Pavel Dusek said the detainees were extremists."
    agents, affected, _ = roles(text, "Statement")
    assert (agents, affected) == (["Pavel Dusek"], [])


def test_the_source_of_a_report_with_words_before_its_name_takes_no_part() -> None:
    text = (
        "Police detained 42 protesters in Minsk in May 2021, according to the independent "
        "monitoring group Civic Watch."
    )
    agents, affected, others = roles(text, "Arrest")
    assert "Civic Watch" not in (*agents, *affected, *others)
    # but a report by the source is its own statement
    text = "According to a report by Civic Watch, Chad deported 40 refugees in May 2021."
    agents, _, _ = roles(text, "Statement")
    assert agents == ["Civic Watch"]


def test_what_an_act_happens_at_is_not_whom_it_is_done_to() -> None:
    text = "More than 300 people protested outside the Supreme Court of Chad in May 2021."
    _, affected, _ = roles(text, "Protest")
    assert affected == []


def test_the_organization_is_the_body_named_before() -> None:
    text = (
        "Civic Watch documented 40 arrests in Chad in 2021. The organization urged the "
        "government to release them."
    )
    urged = next(e for e in events(text) if e.trigger == "urged")
    assert [m.canonical for m in urged.agents] == ["Civic Watch"]


@pytest.mark.parametrize(
    "again",
    ["The rights group said", "The New York-based watchdog said", "Civic said"],
)
def test_a_body_named_again_by_its_kind_or_its_first_word(again: str) -> None:
    text = f"Civic Watch documented 40 arrests in Chad in 2021. {again} it was alarmed."
    said = next(e for e in events(text) if e.trigger == "said")
    assert [m.canonical for m in said.agents] == ["Civic Watch"]


def test_a_subject_no_name_covers_is_who_speaks_not_the_name_before() -> None:
    text = "Chad deported the activist to Niger in May 2021, his lawyer said on Friday."
    agents, _, _ = roles(text, "Statement")
    assert agents == []


def test_they_opening_a_sentence_is_the_subject_before() -> None:
    text = (
        "Armed gangs control much of the capital. The experts noted the crisis in May 2021. "
        "They called on Chad to protect the refugees."
    )
    called = next(e for e in events(text) if e.trigger.startswith("called"))
    assert [m.text for m in called.agents] == []  # the experts, named by no name
    text = "Forty Zemban refugees crossed the border in May 2021. They were detained by Chad."
    _, affected, _ = roles(text, "Arrest")
    assert affected == ["Forty Zemban refugees"]


def test_each_numbered_item_of_a_resolution_is_done_by_who_its_lead_names() -> None:
    text = (
        "Resolved, That the Senate--\n"
        "(1) condemns the Government of Chad for the detention of Ana Vell;\n"
        "(2) calls on the Government of Chad to release all political prisoners; and\n"
        "(3) urges the Secretary of State to act.\n"
    )
    found = {e.trigger: [m.text for m in e.agents] for e in events(text)}
    assert found["calls on"] == ["Senate"]
    assert found["urges"] == ["Senate"]


def test_an_undated_report_tells_of_the_year_of_the_latest_date_it_writes() -> None:
    text = (
        "Police dispersed a rally in Minsk on Oct. 26, 2021. Protests began in May 2020.\n\n"
        "Security forces detained 40 students at the university."
    )
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain")  # no date
    detained = next(e for e in extract(doc).events if e.trigger == "detained")
    assert detained.date == "2021"


def test_an_act_told_with_by_is_passive_however_the_verb_is_tagged() -> None:
    text = "Refugees from Chad and Niger were taken to Agadez and held hostage by smugglers."
    agents, affected, _ = roles(text, "Arrest")
    assert (agents, affected) == (["smugglers"], ["Refugees from Chad"])


def test_where_an_act_happens_is_a_place_of_its_own_clause() -> None:
    text = (
        "Secretary Vell announced in Washington that Chad's expulsion of 4,000 Nigerien "
        "refugees must stop."
    )
    expulsion = next(e for e in events(text) if e.cls == "Repatriation")
    assert expulsion.place is not None and expulsion.place.canonical == "Chad"
    # where people come from is not where the act happens
    text = "Refugees from Chad and Niger were taken to Agadez and held hostage by smugglers."
    held = next(e for e in events(text) if e.cls == "Arrest")
    assert held.place is not None and held.place.text == "Agadez"


def test_a_people_protests_in_its_own_state() -> None:
    text = "Iran is in crisis. Thousands of Iranian students protested on Monday."
    protest = next(e for e in events(text) if e.cls == "Protest")
    assert protest.place is not None and protest.place.canonical == "Iran"


def test_a_counted_people_the_text_names_no_other_way_still_flee() -> None:
    text = (
        "According to the United Nations High Commissioner for Refugees (UNHCR), more than "
        "900,000 Orvash have fled to neighbouring Chad."
    )
    flight = next(e for e in events(text) if e.cls == "Flight")
    named = [m.text for m in (*flight.agents, *flight.affected, *flight.others)]
    assert "UNHCR" not in named  # the source, in brackets after its name


def test_a_participle_that_goes_on_saying_is_the_same_statement() -> None:
    text = (
        "Zembla will close its border with Chad, Foreign Minister Ana Vell announced on "
        "Monday, reiterating that the talks had failed."
    )
    assert len([e for e in events(text) if e.cls == "Statement"]) == 1


def test_an_act_called_for_is_not_done() -> None:
    text = "Protesters rallied in Minsk in May 2021, calling for the generals to be arrested."
    assert not any(e.cls == "Arrest" for e in events(text))


def test_who_says_an_act_was_done_is_not_acted_on() -> None:
    text = (
        "(Berlin, June 2, 2024) - Chad has detained 11 journalists on charges of calling for "
        "mass riots, Human Rights Watch said today."
    )
    found = events(text)
    detained = next(e for e in found if e.cls == "Arrest")
    assert [m.text for m in detained.affected] == ["11 journalists"]
    assert detained.place is not None and detained.place.text == "Chad"  # not where filed
    assert not any(e.trigger.startswith("calling") for e in found)  # what they are charged with


def test_a_planned_act_is_not_done() -> None:
    text = "The two men remain in custody pending a hearing scheduled for May 3, 2013."
    assert not any(e.cls == "LegalAction" for e in events(text))
    assert not any(
        e.cls == "Repatriation"
        for e in events("The planned deportations of 40 refugees from Chad were halted.")
    )


def test_what_is_seized_may_be_no_one_and_aid_suspended_is_none() -> None:
    text = "Since the military seized power in July 2023, police have arrested 300 journalists."
    arrests = [e for e in events(text) if e.cls == "Arrest"]
    assert [e.trigger for e in arrests] == ["arrested"]
    text = "In May 2024 the United States suspended security assistance to Niger."
    assert not any(e.cls == "Aid" for e in events(text))


def test_a_list_after_to_is_where_they_went_not_whom_it_was_done_to() -> None:
    text = "In 2023 thousands of Malians fled to Benin and Nigeria."
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert [m.text for m in flight.affected] == []


def test_protesters_acted_on_tell_no_protest_of_those_who_act() -> None:
    text = "In October 2023 soldiers beat protesters in Niamey."
    assert not any(e.cls == "Protest" for e in events(text))


def test_a_pronoun_subject_is_who_acts_not_the_name_before_it() -> None:
    text = (
        "In May 2003 police detained the reporters, Ana Vell and Tomas Rell, after they"
        " published an article."
    )
    event = next(e for e in events(text) if e.cls == "Statement")
    assert [m.canonical for m in event.agents] == ["reporters"]


def test_who_voices_alarm_at_an_act_takes_no_part_in_it() -> None:
    text = "In May 2003 Chilean lawyers expressed alarm at the detention of 46 Vellan journalists."
    assert roles(text, "Arrest")[0] == []
    text = "In May 2003 Chile raised concerns over the deportation of 20 Malian migrants."
    assert roles(text, "Repatriation")[0] == []
    text = "In May 2003 Chilean students denounced the coup at a rally in Lima."
    assert roles(text, "Protest")[0] == ["Chilean students"]


def test_who_reports_an_act_does_not_do_it() -> None:
    text = "In May 2003 Zemban state media reported the arrest of Ana Vell."
    agents, affected, _ = roles(text, "Arrest")
    assert agents == [] and affected == ["Ana Vell"]


def test_a_statement_among_other_acts_names_all_it_speaks_of() -> None:
    text = "In May 2021 we condemned Peru's treatment of Ana Vell and called on Chile to help."
    event = next(e for e in events(text) if e.trigger == "called on")
    named = {m.canonical for m in (*event.agents, *event.affected, *event.others)}
    assert {"Chile", "Peru", "Ana Vell"} <= named


def test_an_arrest_told_nowhere_is_in_the_state_the_report_names_most() -> None:
    text = (
        "Chad has tightened its rules. Chad has banned rallies. Peru objected.\n\n"
        "In May 2021 police detained 40 students."
    )
    arrest = next(e for e in events(text) if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.canonical == "Chad"
    text = "Chad and Peru met in May. In May 2021 police detained 40 students."
    arrest = next(e for e in events(text) if e.cls == "Arrest")
    assert arrest.place is None  # no state named far more than another


def test_who_after_an_apposition_is_the_person_named() -> None:
    text = (
        "Among those expelled was Bishop Tomas Arvelo, a leader of the Catholic Church in"
        " Velmora, who had been sentenced in February to 26 years in prison for treason."
    )
    assert roles(text, "Punishment")[1] == ["Tomas Arvelo"]


def test_some_of_them_where_is_not_the_place() -> None:
    text = "In 2021 thousands of Chileans fled to Peru, where many have applied for asylum."
    assert roles(text, "AsylumRequest")[0] == []


def test_who_an_act_is_done_to_does_not_do_it() -> None:
    text = "In 2021 UN experts condemned Chile's plan to jail 40 activists after expelling them."
    agents, affected, _ = roles(text, "Repatriation")
    assert affected == ["40 activists"] and agents == []


def test_a_participle_that_goes_on_telling_shares_the_subject() -> None:
    text = (
        "The Chadian army, commanded by General Tomas Rell, has carried out air strikes on"
        " nearby villages, killing dozens of civilians in May 2021."
    )
    agents, affected, _ = roles(text, "Punishment")
    assert agents == ["Chadian army"] and affected == ["dozens of civilians"]


def test_a_person_in_apposition_to_a_post_speaks() -> None:
    text = (
        "The UN High Commissioner for Refugees, Ana Maria Vell, said the deportation was a"
        " clear violation of the principle of non-refoulement under international law."
    )
    assert "Ana Maria Vell" in roles(text, "Statement")[0]


def test_a_region_in_a_title_is_not_where_an_act_happened() -> None:
    text = "In May 2021 the court was unfair, said Ana Vell, the group's director for East Africa."
    event = next(e for e in events(text) if e.cls == "Statement")
    assert event.place is None


def test_a_pronoun_subject_shared_by_two_verbs_acts_in_both() -> None:
    text = (
        "Ana Vell studied in Lima. After the 2004 coup, she fled to Chad and applied for"
        " asylum in Peru, which granted her refugee status in 2005."
    )
    assert roles(text, "AsylumRequest")[0] == ["Ana Vell"]


def test_a_short_form_in_brackets_is_the_name_before_it() -> None:
    text = "In 1998 Ana Vell documented killings by the Front for the Liberation of Zembla (FLZ)."
    assert roles(text, "Punishment")[1] == []


def test_the_short_form_of_who_condemns_an_act_takes_no_part_in_it() -> None:
    text = (
        "The Commission on Religious Freedom (CRF) today condemned the sentencing of ten"
        " Chilean women in Lima to a combined 90 years in prison."
    )
    agents, affected, others = roles(text, "Punishment")
    assert agents == [] and affected == ["ten Chilean women"]
    assert "CRF" not in others


def test_a_participle_after_by_or_in_is_done_by_the_clause_subject() -> None:
    text = (
        "In May 2021 Chad retaliated against the sanctions of the Vell Council by expelling"
        " 40 diplomats."
    )
    assert roles(text, "Repatriation")[:2] == (["Chad"], ["40 diplomats"])


def test_whom_his_or_her_speaks_of_takes_part_in_a_statement() -> None:
    text = "Ana Vell was detained in Lima in 2021. Chile called for her immediate release."
    event = next(e for e in events(text) if e.cls == "Statement")
    assert "Ana Vell" in {m.canonical for m in (*event.agents, *event.affected, *event.others)}


def test_who_says_it_at_the_end_is_not_whom_the_act_is_done_to() -> None:
    # the parse hangs "Amnesty International" on the journalist as an apposition
    text = (
        "The authorities must release journalist Amira Tolan, who was arrested on 3 October "
        "2003 at her home in Port Sella, Amnesty International said today."
    )
    agents, affected, _ = roles(text, "Arrest")
    assert affected == ["Amira Tolan"]
    assert "Amnesty International" not in agents


def test_her_in_a_quotation_is_not_who_speaks_it() -> None:
    text = (
        'Journalist Amira Tolan was held in Lima in 2003. "Amira Tolan is held for her work," '
        'said Dana Okoro of the Press Union. "Her arrest is part of a wider crackdown."'
    )
    arrest = next(e for e in events(text) if e.cls == "Arrest" and e.trigger == "arrest")
    named = {m.canonical for m in (*arrest.agents, *arrest.affected, *arrest.others)}
    assert "Dana Okoro" not in named
    assert "Amira Tolan" in named


def test_the_families_of_others_act_for_themselves() -> None:
    text = "Several families of those killed fled to Kenya in 2003, where they applied for asylum."
    flight = next(e for e in events(text) if e.cls == "Flight")
    asylum = next(e for e in events(text) if e.cls == "AsylumRequest")
    assert [m.canonical for m in flight.agents] == ["families"]
    assert [m.canonical for m in asylum.agents] == ["families"]


def test_two_bodies_the_parse_reads_as_one_subject_both_speak() -> None:
    text = "In May 2003 Amnesty International and Human Rights Watch condemned the deportations."
    statement = next(e for e in events(text) if e.cls == "Statement")
    assert {m.canonical for m in statement.agents} == {
        "Amnesty International",
        "Human Rights Watch",
    }


def test_a_recital_reports_its_acts_and_the_next_verbs_agent_is_not_acted_on() -> None:
    text = (
        "Whereas the wife of Tomas Rell, Ana Vell, fled to Thailand in 2003 and has been granted "
        "refugee status by the United Nations High Commissioner for Refugees: Now, therefore, be it"
    )
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert [m.canonical for m in flight.agents] == ["Ana Vell"]
    assert not [m for m in flight.affected if "Commissioner" in m.canonical]


def test_who_wrote_the_report_is_not_whom_his_or_her_speaks_of() -> None:
    text = (
        "Teacher handed over\n\nBy Sarah Mwangi\n\nIn 2003 a teacher was taken from his home "
        "in Nairobi, his family said."
    )
    statement = next(e for e in events(text) if e.cls == "Statement")
    named = {m.canonical for m in (*statement.agents, *statement.affected, *statement.others)}
    assert "Sarah Mwangi" not in named


def test_whom_a_passive_speaks_of_does_the_active_verb_joined_to_it() -> None:
    text = (
        "Omar Hassan was recognised as a refugee in 2003 and lived in Kenya with his wife and "
        "three children since fleeing Turkey in 2001."
    )
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert [m.canonical for m in flight.agents] == ["Omar Hassan"]


def test_a_name_in_the_next_verbs_clause_is_not_acted_on_by_the_noun() -> None:
    text = (
        "In 2003 Human Rights Watch urged Kenya to investigate the abduction and to stop "
        "working with the Zemban Intelligence Service."
    )
    _, affected, _ = roles(text, "Arrest")
    assert "Zemban Intelligence Service" not in affected


def test_who_calls_an_act_something_judges_it() -> None:
    text = (
        "In 2003 Vellia hanged two men. The group's director for Asia, Diana Elt, called the "
        'executions "a brutal attempt to crush dissent."'
    )
    found = events(text)
    acts = [e for e in found if e.cls != "Statement"]
    assert not any("Diana Elt" in {m.canonical for m in e.agents} for e in acts)
    said = [e for e in found if e.cls == "Statement"]  # she makes a statement: her own act
    assert any("Diana Elt" in {m.canonical for m in e.agents} for e in said)


def test_the_state_whose_officials_act_takes_part() -> None:
    text = "In July 2003 officials in Egypt detained 80 students and sent them to China."
    arrest = next(e for e in events(text) if e.cls == "Arrest")
    named = {m.canonical for m in (*arrest.agents, *arrest.affected, *arrest.others)}
    assert "Egypt" in named


def test_what_one_is_punished_for_names_no_one_punished() -> None:
    text = (
        "In 2003 a court in Pelton sentenced journalist Igor Dvornik to six years for "
        "spreading false information about the Zemban Army."
    )
    _, affected, _ = roles(text, "Punishment")
    assert affected == ["Igor Dvornik"]


def test_whom_a_passive_speaks_of_does_the_participle_after_it() -> None:
    text = (
        "The migrants had been detained at the Vell Residential Center in May 2003 after "
        "crossing the Rio Grande."
    )
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert [m.canonical for m in flight.agents] == ["migrants"]


def test_those_concerned_by_reports_of_an_act_do_not_do_it() -> None:
    text = (
        "In 2003 the Ambassadors of Canada and France were deeply concerned by credible reports "
        "of mass arbitrary detention of Uyghurs in Xinjiang."
    )
    arrest = next(e for e in events(text) if e.cls == "Arrest")
    assert not arrest.agents


def test_where_a_claim_comes_from_takes_no_part_in_the_act() -> None:
    text = (
        "More than 400,000 people fled the camp in May 2003, according to the International "
        "Organization for Migration (IOM)."
    )
    flight = next(e for e in events(text) if e.cls == "Flight")
    named = {m.canonical for m in (*flight.agents, *flight.affected)}
    assert "International Organization for Migration" not in named


def test_he_may_mean_an_office_named_without_its_holder() -> None:
    text = (
        "The Secretary-General strongly condemns the attack on the camp in May 2003. He calls "
        "on the parties to respect international law."
    )
    statement = next(e for e in events(text) if e.trigger == "calls on")
    assert [m.canonical for m in statement.agents] == ["Secretary-General"]


@pytest.mark.parametrize(
    "text",
    [
        "The Zemban Senate passed a resolution condemning the crackdown.",
        "The Zemban Senate voted to condemn the crackdown.",
    ],
)
def test_who_condemns_a_crackdown_in_a_clause_of_its_own_does_not_do_it(text: str) -> None:
    crackdown = next(e for e in events(text) if e.trigger == "crackdown")
    assert [m.text for m in crackdown.agents] == []


def test_a_relative_clause_after_the_act_tells_another_act() -> None:
    text = "Ana Vell fled to Lithuania, where she founded the Free Zembla Council."
    flight = next(e for e in events(text) if e.cls == "Flight")
    named = [m.text for m in (*flight.agents, *flight.affected, *flight.others)]
    assert "Free Zembla Council" not in named
    assert [m.text for m in flight.agents] == ["Ana Vell"]


def test_a_relative_clause_on_the_act_tells_of_it() -> None:
    text = "The shelters where we have been taking care of the Zemban refugees were raided."
    shelters = next(e for e in events(text) if e.cls == "Aid")
    assert [m.text for m in shelters.affected] == ["the Zemban refugees"]


def test_who_the_speaker_works_for_is_not_spoken_of() -> None:
    text = '"It could have been prevented," said Ana Vell, a lawyer with the Vell League.'
    _, affected, _ = roles(text, "Statement")
    assert affected == []


def test_who_acts_in_the_clause_before_takes_no_part_in_the_next() -> None:
    text = (
        "The Vell Commission called for an inquiry, and the Zemban government declared a "
        "day of national mourning."
    )
    declared = next(e for e in events(text) if e.trigger == "declared")
    named = [m.text for m in (*declared.agents, *declared.affected, *declared.others)]
    assert "Vell Commission" not in named


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb() -> None:
    text = (
        "Two Zemban bloggers were arrested in January. Vellian prosecutors accused them of "
        "spreading false information."
    )
    accused = next(e for e in events(text) if e.trigger == "accused")
    assert [m.text for m in accused.affected] == ["Two Zemban bloggers"]


def test_who_does_what_the_fled_from_act_names_is_not_acted_on() -> None:
    text = "Most are women and children who fled attacks by Vellian militias in May 2023."
    flight = next(e for e in events(text) if e.cls == "Flight")  # they fled: an act
    assert [m.text for m in flight.affected] == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The Vell Food Agency began distributing food to 150,000 refugees.", "distributing food"),
        ("Vell Doctors runs a field hospital in Zembla City.", "runs a field hospital"),
        ("Its teams treated more than 2,000 wounded patients in June.", "treated"),
    ],
)
def test_handing_out_food_and_caring_for_the_sick_is_aid(text: str, trigger: str) -> None:
    aid = [e.trigger for e in events(text) if e.cls == "Aid"]
    assert len(aid) == 1 and aid[0].startswith(trigger)


def test_calling_an_act_a_name_is_a_statement() -> None:
    text = "Editors Without Borders called the verdict a travesty of justice."
    said = [e for e in events(text) if e.cls == "Statement"]
    assert [(e.trigger, [m.text for m in e.agents]) for e in said] == [
        ("called the verdict", ["Editors Without Borders"])
    ]


def test_the_topic_an_article_defines_does_not_do_the_acts_it_lists() -> None:
    text = (
        "The persecution of Zemban bloggers refers to the arrest and imprisonment of writers "
        "by the state."
    )
    for act in events(text):
        assert "Zemban bloggers" not in [m.text for m in act.agents]


def test_who_condemns_two_acts_joined_by_and_takes_part_in_neither() -> None:
    text = "The Vell Council condemned the arrest and torture of Ana Vell."
    for act in events(text):
        if act.cls in ("Arrest", "Punishment"):
            assert "Vell Council" not in [m.text for m in act.agents]


def test_a_court_ruling_on_a_day_and_the_unnamed_one_a_relative_clause_speaks_of() -> None:
    text = (
        "The Vell Court of Human Rights ruled on Tuesday that Zembla had violated the rights "
        "of a judge who was detained for 15 months."
    )
    found = events(text)
    ruled = next(e for e in found if e.cls == "LegalAction")
    assert ruled.trigger.startswith("ruled") and ruled.trigger.endswith("that")
    assert [m.text for m in ruled.agents] == ["Vell Court of Human Rights"]
    detained = next(e for e in found if e.cls == "Arrest")
    assert [m.text for m in detained.affected] == []  # the judge, named by no name


def test_a_relative_clause_about_the_speaker_neither_dates_nor_places_the_statement() -> None:
    text = (
        "The Vell Labour Agency, which opened an office in Nairobi in 2018, said the reforms "
        "were weak. Many said they had paid fees of up to US$4,000."
    )
    found = [e for e in events(text) if e.cls == "Statement"]
    agency = next(e for e in found if e.agents)
    assert agency.place is None and agency.date != "2018"
    assert not any(m.canonical == "United States" for e in found for m in e.others)


def test_the_speaker_s_title_is_not_where_the_statement_was_made() -> None:
    text = '"They broke their promises," said Ana Vell, deputy Africa director at Vell Watch.'
    said = next(e for e in events(text) if e.cls == "Statement")
    assert said.place is None


@pytest.mark.parametrize(
    "text",
    [
        "In 2020, Kenya introduced a minimum wage for domestic workers.",
        "In 2020, Kenya abolished the requirement that workers obtain exit permits.",
        "In 2021, Kenya scrapped the reforms.",
    ],
)
def test_a_state_s_rules_for_workers_are_legal_acts(text: str) -> None:
    act = next(e for e in events(text) if e.cls == "LegalAction")
    assert [m.text for m in act.agents] == ["Kenya"]


def test_who_is_forced_to_flee_flees() -> None:
    text = "Vell gangs attacked police stations, forcing thousands of residents to flee."
    flight = next(e for e in events(text) if e.cls == "Flight")
    assert [m.text for m in flight.agents] == ["thousands of residents"]


def test_a_bill_named_by_its_year_and_then_by_its_kind_alone() -> None:
    text = (
        "The Vell Rights Act of 2020 is a law of Zembla. In 2019 the Senate passed the Vell "
        "Rights Act of 2019. The House passed the Zembla Freedom Act. On May 14, 2020, the "
        "Senate approved the current 2020 bill. On May 27, 2020, the House passed the amended "
        "bill."
    )
    acts = [e for e in events(text) if e.cls == "LegalAction"]
    last = max(acts, key=lambda e: e.trigger_start)
    assert [m.text for m in last.laws] == ["Vell Rights Act of 2020"]


def test_it_in_an_article_is_the_law_or_body_the_article_defines() -> None:
    text = (
        "= Operation Vell Hunt =\n\nOperation Vell Hunt (Zemban: Vellxun) is a global "
        "operation of the government of Zembla. In 2015, it repatriated 680 people to Zembla."
    )
    sent = next(e for e in events(text) if e.cls == "Repatriation")
    assert "Operation Vell Hunt" in [m.canonical for m in sent.agents]
    plain = "Ana Vell is a lawyer. In 2015, it repatriated 680 people to Zembla."
    assert all(not e.agents for e in events(plain) if e.cls == "Repatriation")


def test_custody_names_who_holds_and_protests_as_a_time_have_no_doer() -> None:
    text = "Ana Vell died in the custody of the Zemban morality police on 16 September 2022."
    custody = next(e for e in events(text) if e.trigger == "custody")
    assert [m.canonical for m in custody.agents] == ["Zemban morality police"]
    text = "Kenya on Thursday hanged a man detained during the nationwide protests of 2022."
    protests = next(e for e in events(text) if e.cls == "Protest")
    assert protests.agents == ()


def test_a_place_of_the_clause_before_is_not_the_statement_s() -> None:
    text = (
        "Germany summoned the envoy in Berlin, and the Kenyan minister Ana Vell said it was wrong."
    )
    said = next(e for e in events(text) if e.cls == "Statement")
    assert said.place is None


def test_a_prosecutor_titled_attorney_says_what_the_quote_holds() -> None:
    text = '"They targeted people," said U.S. Attorney Maria Olsen for the Eastern District.'
    said = next(e for e in events(text) if e.cls == "Statement")
    assert [m.text for m in said.agents] == ["Maria Olsen"]


def test_a_press_statement_s_capitals_byline_is_who_says_we() -> None:
    text = (
        "Sanctioning Officials in Zembla\n\nPRESS STATEMENT\nANA VELLOSA, SECRETARY OF STATE\n"
        "FEBRUARY 22, 2021\n\nWe condemn the killing of peaceful protesters in Zembla."
    )
    found = events(text)
    said = next(e for e in found if e.cls == "Statement")
    assert [m.canonical for m in said.agents] == ["Ana Vellosa"]


def test_a_neighbouring_state_fled_to_is_where_and_a_dateline_city_no_acronym() -> None:
    text = "THE HAGUE, Jan 23, 2020 - In 2017 more than 700,000 people fled to neighbouring Chad."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2020-01-23")
    found = extract(doc)
    flight = next(e for e in found.events if e.cls == "Flight")
    assert flight.place is not None and flight.place.canonical == "Chad"
    assert "Chad" not in [m.canonical for m in flight.affected]
    assert not any(m.text == "HAGUE" for m in found.mentions)


def test_a_law_an_accusation_names_is_not_the_law_of_a_flight_told_inside_it() -> None:
    text = (
        "Kenya accused Zembla of violating the Vell Convention during a military crackdown "
        "that forced 700,000 Zemban refugees to flee."
    )
    found = events(text)
    flight = next(e for e in found if e.cls == "Flight")
    assert flight.laws == ()
    crackdown = next(e for e in found if e.trigger == "crackdown")
    assert [m.canonical for m in crackdown.laws] == ["Vell Convention"]


def test_a_determination_is_a_statement_of_who_determines() -> None:
    text = "In 2020, the Department of State determined that Zembla had committed genocide."
    said = next(e for e in events(text) if e.cls == "Statement")
    assert [m.text for m in said.agents] == ["Department of State"]


def test_withdrawing_troops_is_no_legal_act_withdrawing_from_a_treaty_is() -> None:
    assert not any(e.cls == "LegalAction" for e in events("Vellian forces withdrew from the area."))
    acts = [
        e for e in events("In 2016 Kenya withdrew from the Vell Statute.") if e.cls == "LegalAction"
    ]
    assert [m.canonical for m in acts[0].laws] == ["Vell Statute"]


def test_a_name_the_parse_hangs_on_the_subject_unset_off_is_not_held() -> None:
    text = (
        "Tomas Rell, who founded the independent news website Vell Today, was arrested by "
        "plainclothes security officers at his home. His family has not been told where he "
        "is detained."
    )
    found = [e for e in events(text) if e.cls == "Arrest"]
    assert [m.text for m in found[0].affected] == ["Tomas Rell"]
    assert [m.canonical for m in found[1].affected] == ["Tomas Rell"]  # he, not his family


def test_relatives_of_a_group_are_not_the_group() -> None:
    text = (
        "NAIROBI (AP) \u2014 Relatives of 43 students who disappeared in 2014 marched on Thursday."
    )
    march = next(e for e in events(text) if e.cls == "Protest")
    assert "43 students" not in [m.text for m in march.agents]


def test_who_a_statement_is_told_to_is_not_acted_on() -> None:
    text = (
        "Vellian militias killed at least 800 people in May 2023, survivors told Vell Watch. "
        "Others were stopped at airports while trying to flee, sources told Vell Watch."
    )
    found = events(text)
    killed = next(e for e in found if e.cls == "Punishment")
    assert "Vell Watch" not in [m.text for m in killed.affected]
    flight = next(e for e in found if e.cls == "Flight")  # others fled: no name, still an act
    assert "Vell Watch" not in [m.text for m in (*flight.affected, *flight.others)]


def test_death_in_custody_of_a_person_and_serving_a_sentence() -> None:
    text = (
        "Kenya is outraged by the death in custody of Pavel Vello on 16 February 2024. "
        "Mr. Vello was serving a 19-year sentence."
    )
    found = events(text)
    custody = next(e for e in found if e.trigger == "custody")
    assert "Pavel Vello" not in [m.canonical for m in custody.agents]
    sentence = next(e for e in found if e.cls == "Punishment")
    assert sentence.agents == () and [m.text for m in sentence.affected] == ["Mr. Vello"]


def test_names_listed_with_the_object_after_a_comma_are_acted_on_too() -> None:
    text = "On 7 March 2023 police detained its editor, Tomas Ardel, and five reporters."
    _, affected, _ = roles(text, "Arrest")
    assert affected == ["Tomas Ardel", "five reporters"]


def test_the_six_before_a_plural_noun_is_no_group_of_its_own() -> None:
    text = "Zemban police arrested the six journalists in Vellport on 3 May 2021."
    _, affected, _ = roles(text, "Arrest")
    assert affected == ["the six journalists"]  # not "the six"


def test_a_region_naming_a_post_is_not_where_the_act_happened() -> None:
    text = (
        '"These arrests must end," said Mira Kovanen, Europe director at the Council for '
        "Free Expression, on 3 May 2021."
    )
    arrest = next(e for e in events(text) if e.cls == "Arrest")
    assert arrest.place is None


def test_many_of_them_are_of_the_group_named_before() -> None:
    text = (
        "Since 2020, at least 40 journalists have fled Zembla to Chad. Many of them "
        "have applied for asylum in Chad."
    )
    agents, _, _ = roles(text, "AsylumRequest")
    assert agents == ["at least 40 journalists"]


def test_the_newspaper_is_the_body_the_text_called_a_newspaper() -> None:
    text = (
        "On 7 March 2023 police raided the offices of the independent newspaper Morning "
        "Vell. In January, a spokesman, Ivo Brandt, accused the newspaper of spying."
    )
    accused = next(e for e in events(text) if e.trigger == "accused")
    assert [(m.text, m.canonical) for m in accused.affected] == [("the newspaper", "Morning Vell")]


def test_what_someone_is_convicted_of_is_no_act_the_report_tells() -> None:
    text = 'A court convicted Ana Vell in May 2021 of "incitement" and "illegal border crossing".'
    assert [e.cls for e in events(text)] == ["LegalAction"]
    told = events("In May 2021 she was accused of the killing of two protesters.")
    assert [e.trigger for e in told] == ["killing"]  # the killing of two is told


def test_a_name_in_a_relative_clause_before_the_act_takes_no_part_in_it() -> None:
    text = (
        "Farid Osmanov, who founded the Vellgrad Human Rights Centre in 2004, was arrested in "
        "March 2021 after he criticized the government's handling of protests in the "
        "southern city of Kasar."
    )
    protest = next(e for e in events(text) if e.cls == "Protest")
    assert not protest.agents


def test_a_crossing_where_something_happens_is_a_place_not_a_flight() -> None:
    text = (
        "Vellian border guards forcibly returned more than 300 Zemban refugees, including "
        "women and children, across the border at the Kora crossing on 5 November 2022."
    )
    assert [e.cls for e in events(text)] == ["Repatriation"]


def test_several_alone_undergoing_an_act_are_of_the_group_named_before() -> None:
    text = (
        "Police detained 40 migrants in Zembla in May 2021. Several were reportedly "
        "beaten by guards."
    )
    _, affected, _ = roles(text, "Punishment")
    assert affected == ["40 migrants"]


@pytest.mark.parametrize(
    ("text", "trigger", "agents"),
    [
        # the state a body of "by" belongs to does the act
        ("The Senate condemns the detention of journalists by the Government of Belarus.",
         "detention", ["Belarus"]),
        # the "by" of a verb joined after the trigger is not its doer
        ("The Law on Foreign Influence was adopted in 2022 and criticized by the United "
         "Nations.", "adopted", []),
        # what the verb before acts on does not do the verb joined to it
        ("Condemning the detention of journalists in Chad and calling for their release.",
         "calling for", []),
    ],
)  # fmt: skip
def test_doers_a_senate_resolution_names(text: str, trigger: str, agents: list[str]) -> None:
    event = next(e for e in events(text) if e.trigger == trigger)
    assert [m.canonical for m in event.agents] == agents


def test_aid_handed_on_through_a_body_and_aid_for_a_state_s_crisis() -> None:
    text = (
        "In May 2023 the Vell Relief Agency provided food to Syrian refugees through the Zemba "
        "Food Fund and the Red Crescent. It was part of assistance for the Sudan crisis "
        "response since October 2023."
    )
    aid = [e for e in events(text) if e.cls == "Aid"]
    assert [m.text for m in aid[0].affected] == ["Syrian refugees"]
    assert all("Sudan" not in {m.text for m in e.affected} for e in aid)
    visit = "Ana Vell met refugees during a visit to the Adra border crossing in May 2023."
    assert "Flight" not in {e.cls for e in events(visit)}


def test_who_judges_the_act_in_a_participle_after_it_is_not_acted_on() -> None:
    text = (
        "In March 2021 Thailand began deporting Karen refugees back to Myanmar, a move "
        "condemned by the UNHCR."
    )
    agents, affected, _ = roles(text, "Repatriation")
    assert (agents, affected) == (["Thailand"], ["Karen refugees"])


def test_taking_to_the_streets_is_a_protest() -> None:
    text = "Thousands of people took to the streets of Vellport on 3 May 2021."
    protest = next(e for e in events(text) if e.cls == "Protest")
    assert [m.text for m in protest.agents] == ["Thousands of people"]


def test_forced_into_exile_is_a_flight() -> None:
    flight = next(e for e in events("Ana Vell was forced into exile in Chad in May 2021."))
    assert (flight.cls, [m.text for m in flight.agents]) == ("Flight", ["Ana Vell"])


def test_a_court_ruled_with_a_full_date_before_that() -> None:
    text = "The Supreme Court of Chad ruled on 3 May 2021 that the law was unconstitutional."
    assert [e.cls for e in events(text)] == ["LegalAction"]


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Ana Vell was put on trial in Zembla in May 2021.", "LegalAction"),
        ("Zembla issued an arrest warrant for Ana Vell in May 2021.", "LegalAction"),
        ("Vellia granted Ana Vell asylum in May 2021.", "AsylumRequest"),
    ],
)
def test_trials_warrants_and_asylum_granted_to_someone(text: str, cls: str) -> None:
    assert [e.cls for e in events(text)] == [cls]


def test_speakers_of_a_clause_with_its_own_subject_break_no_law() -> None:
    text = (
        "Lawyers for the applicants said the ruling confirmed that the practice breached "
        "international law, including the 1951 Refugee Convention."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert not [r for r in doc.relations if r.predicate == "violates"]


def test_it_opening_a_sentence_does_for_the_body_the_sentence_before_spoke_of() -> None:
    text = (
        "The European Court of Human Rights found that Chad had violated the Convention. "
        "It ordered Chad to pay each applicant 5,000 euros in damages."
    )
    agents, _, _ = roles(text, "LegalAction")
    assert agents == ["European Court of Human Rights"]


def test_who_released_a_report_makes_it_and_the_institute_is_the_body_named_before() -> None:
    text = (
        "A report released on Tuesday by the Vell Institute documents a sharp rise in "
        "attacks on Christians in Chad since 2019. Human rights defenders are the most "
        "vulnerable, the institute said."
    )
    found = events(text)
    report = next(e for e in found if e.trigger == "report")
    said = next(e for e in found if e.trigger == "said")
    assert [m.text for m in report.agents] == ["Vell Institute"]
    assert [m.canonical for m in said.agents] == ["Vell Institute"]


def test_a_state_after_a_kind_of_body_and_a_preposition_is_not_that_body() -> None:
    text = (
        "Workers of a construction company in Chad were not paid in 2021. The ministry "
        "said it had fined the company."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert not [m for m in doc.mentions if m.text == "the company"]


def test_a_role_before_a_name_and_who_is_concerned_by_an_act() -> None:
    text = (
        "The United States is deeply concerned by the sentencing of Vellian opposition "
        "politician Tomas Berin to 15 years in prison."
    )
    sentencing = next(e for e in events(text) if e.trigger == "sentencing")
    assert [m.text for m in sentencing.affected] == ["Tomas Berin"]
    assert not sentencing.agents  # who is concerned by it did not do it


def test_a_reaction_drawn_from_someone_is_theirs() -> None:
    text = "The decision drew swift condemnation from the United Nations in May 2021."
    agents, _, _ = roles(text, "Statement")
    assert agents == ["United Nations"]


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Ana Vell was locked up in Zembla in May 2021.", "Arrest"),
        ("Soldiers gunned down 12 villagers in Zembla in May 2021.", "Punishment"),
        ("The Council extended the mandate of the Special Rapporteur in May 2021.", "LegalAction"),
    ],
)
def test_locked_up_gunned_down_and_a_mandate_extended(text: str, cls: str) -> None:
    assert [e.cls for e in events(text)] == [cls]


def test_an_act_in_defiance_of_a_law_is_linked_to_it() -> None:
    text = "Zembla deported 40 refugees in May 2021 in defiance of the Refugee Convention."
    deported = next(e for e in events(text) if e.cls == "Repatriation")
    assert [m.text for m in deported.laws] == ["Refugee Convention"]


def test_what_the_text_says_of_a_law_does_not_part_it_from_its_cue() -> None:
    text = "Two reporters were jailed in May 2021 under the colonial-era Vell Secrets Act."
    jailed = next(e for e in events(text) if e.cls == "Punishment")
    assert [m.text for m in jailed.laws] == ["Vell Secrets Act"]


def test_who_reports_cases_of_an_act_did_not_do_it() -> None:
    text = "Rights groups in Chad reported at least 25 cases of enforced disappearance in 2021."
    act = next(e for e in events(text) if e.trigger == "disappearance")
    assert not act.agents


def test_an_act_that_only_times_another_takes_none_of_its_names() -> None:
    text = "Since the protests of April 2018, the Vell Council has arrested 300 students."
    assert roles(text, "Protest") == ([], [], [])
    assert roles(text, "Arrest") == (["Vell Council"], ["300 students"], [])


def test_a_law_that_brings_an_act_about_is_linked_to_it() -> None:
    text = (
        "In 2018 the Press Law came into force. The law was used to arrest three editors in "
        "May 2019. Operation Vell Net began in 2015. The operation has led to the arrest of "
        "40 bloggers."
    )
    found = [e for e in events(text) if e.cls == "Arrest"]
    assert {m.canonical for e in found for m in e.laws} == {"Press Law", "Operation Vell Net"}


def test_we_in_a_quotation_is_not_the_reporter_of_the_byline() -> None:
    text = (
        "By Ana Vell | Vell Wire\n\n"
        "\u201cWe fled the violence, and now they send us back to it,\u201d said Tomas Orun, "
        "34, in May 2021."
    )
    found = [e for e in events(text) if e.cls == "Repatriation"]
    assert found and all(m.canonical != "Ana Vell" for e in found for m in (*e.agents, *e.affected))


def test_an_act_named_in_a_numbered_clause_is_not_the_resolving_bodys() -> None:
    text = (
        "Resolved, That the Senate--\n\n(1) condemns the violent crackdown on peaceful "
        "protesters in Vellia in 2022; and\n\n(2) calls on Vellia to release them."
    )
    crackdown = next(e for e in events(text) if e.cls == "Arrest")
    assert "Senate" not in {m.canonical for m in crackdown.agents}


def test_those_listed_in_who_faces_an_act_undergo_it_and_do_none_of_it() -> None:
    text = (
        "Religious minorities in Vellia, including Orvans, Christians and Sufi Muslims, "
        "face arbitrary arrest."
    )
    agents, affected, _ = roles(text, "Arrest")
    assert agents == []
    assert affected[0].startswith("Religious minorities")
    assert {"Orvans", "Christians", "Sufi Muslims"} <= set(affected)


def test_whose_trial_it_is_is_tried() -> None:
    text = "Tomas Orun was arrested in May. Orun's trial was postponed on 20 May."
    trial = next(e for e in events(text) if e.trigger == "trial")
    assert [m.canonical for m in trial.affected] == ["Tomas Orun"] and not trial.agents


def test_who_does_a_clause_after_the_act_is_not_acted_on() -> None:
    text = (
        "Zemban police deported 40 Vellish activists on Monday, hours after the UN refugee "
        "agency urged Zembla not to return them."
    )
    affected = roles(text, "Repatriation")[1]
    assert affected == ["40 Vellish activists"]


def test_a_datelines_city_is_not_the_subject_of_the_first_sentence() -> None:
    text = (
        "GENEVA (15 June 2023) - UN human rights experts today condemned the execution of "
        "seven men in Tajikistan and called on the authorities to halt them."
    )
    assert roles(text, "Punishment")[0] == []
    found = [e for e in events(text) if e.cls == "Statement"]
    assert found and all([m.text for m in e.agents] == ["UN human rights experts"] for e in found)


def test_who_flees_is_named_in_an_apposition_of_an_apposition_and_applies_there() -> None:
    text = (
        "Tomas Orun was charged in May. Orun was held in Bishkek. Two days later his "
        "colleague, the reporter Ivan Petrov, fled to Kazakhstan, where he applied for asylum."
    )
    found = {e.cls: [m.canonical for m in e.agents] for e in events(text)}
    assert found["Flight"] == ["Ivan Petrov"]
    assert found["AsylumRequest"] == ["Ivan Petrov"]


def test_the_body_an_apposition_says_a_detainee_works_for_is_not_detained() -> None:
    text = "Officers detained Tomas Orun, editor of the weekly newspaper Vell Daily, in May."
    assert roles(text, "Arrest")[1] == ["Tomas Orun"]


def test_whom_a_measure_is_for_is_not_what_they_did_and_the_speakers_title_hears_nothing() -> None:
    text = (
        "The Treasury sanctioned three Zemban officials for their role in the repression of "
        "peaceful protesters. Tomas Orun of the Vell Police directed the arrest of 40 students. "
        "\u201cIt must stop,\u201d said Secretary of the Treasury Ana Vell."
    )
    found = {e.cls: e for e in events(text)}
    assert [m.text for m in found["LegalAction"].affected] == ["three Zemban officials"]
    assert [m.canonical for m in found["Arrest"].agents] == ["Tomas Orun"]
    assert [m.canonical for m in found["Statement"].agents] == ["Ana Vell"]
    assert not found["Statement"].affected


def test_the_state_of_where_an_act_was_done_is_not_acted_on() -> None:
    text = "Soldiers killed 40 people in Gulu, Uganda, in May 2016."
    agents, affected, _ = roles(text, "Punishment")
    assert agents == ["Soldiers"] and affected == ["40 people"]


def test_an_act_told_in_a_which_clause_takes_part_the_noun_it_describes() -> None:
    text = (
        "The Zemban government, which announced its withdrawal from the Vell Covenant in "
        "2001, has since refused all visits."
    )
    withdrawal = next(e for e in events(text) if e.trigger == "withdrawal")
    assert "Zemban" in {m.text for m in (*withdrawal.agents, *withdrawal.others)}


def test_a_state_after_its_city_is_where_but_a_list_of_states_takes_part() -> None:
    text = "Police detained ten migrants in Tarsa, Peru in May."
    agents, affected, others = roles(text, "Arrest")
    assert "Peru" not in agents + affected + others
    text = "Dozens were deported to Vellia from Turkey, Russia and Georgia in May."
    agents, affected, others = roles(text, "Repatriation")
    assert {"Turkey", "Russia", "Georgia"} <= set(agents + affected + others)


def test_a_speaker_named_at_the_end_says_it_and_takes_no_part_in_the_act() -> None:
    text = "Police in Orun detained 30 refugees on Monday, the Vell Refugee Council said."
    assert "Vell Refugee Council" not in roles(text, "Arrest")[1]
    text = (
        "Zemban authorities should release six human rights lawyers detained last week in "
        "Orun, a coalition of twelve rights groups said today."
    )
    assert roles(text, "Statement")[0] == ["twelve rights groups"]
    assert "six human rights lawyers" not in roles(text, "Statement")[0]


def test_his_or_her_trial_is_undergone_by_the_person_told_of_before() -> None:
    text = "Police arrested Ana Vell in May. Her trial before the Orun Court lasted an hour."
    agents, affected, _ = roles(text, "LegalAction")
    assert affected == ["Ana Vell"]
    assert "Orun Court" not in agents + affected


def test_whom_a_court_orders_held_is_acted_on() -> None:
    text = "Police detained Ana Vell in May. A court ordered her held for two months."
    assert roles(text, "LegalAction")[1] == ["Ana Vell"]

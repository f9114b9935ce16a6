"""Events: which trigger words report something done, on small invented texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.model import Annotated, Document


def annotated(text: str, date: str | None = "2004-03") -> Annotated:
    return extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date=date))


def classes(text: str, date: str | None = "2004-03") -> set[str]:
    return {e.cls for e in annotated(text, date).events}


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Without papers, the Laotian refugees may be arrested by Thai police.", "Arrest"),
        ("Thailand must implement the Refugee Act of 2003 in every province.", "LegalAction"),
        ("If sent back to Laos, the 30 refugees will be punished by the army.", "Repatriation"),
        (
            "Whether the Hmong families seek asylum in Bangkok is unclear to Thai officials.",
            "AsylumRequest",
        ),
        (
            "The Thai Senate urged Thailand to stop the repatriation of Hmong refugees.",
            "Repatriation",
        ),
        ("A court stopped the Thai army from deporting 40 Hmong refugees to Laos.", "Repatriation"),
    ],
)
def test_possible_required_and_prevented_acts_are_not_reported(text: str, cls: str) -> None:
    assert cls not in classes(text)


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Thai police arrested 30 Laotian refugees in Bangkok in May 2003.", "Arrest"),
        ("The Thai army will deport 40 Hmong refugees to Laos next week.", "Repatriation"),
        ("In 2003, Thai police tried to deport 40 Hmong refugees to Laos.", "Repatriation"),
    ],
)
def test_done_and_planned_acts_are_reported(text: str, cls: str) -> None:
    assert cls in classes(text)


def test_a_contact_line_is_no_statement() -> None:
    assert "Statement" not in classes("Contact: Anna Berg, Press Officer, Refugee Aid Network.")
    assert "Statement" in classes("Reporters contacted the Refugee Aid Network in Bangkok in May.")


def test_a_purpose_and_a_state_are_not_acts() -> None:
    assert "Aid" not in classes(
        "The Refugee Aid Network did its best to help the refugees in Bangkok."
    )
    assert "LegalAction" not in classes(
        "Oxfam expects the new programme in Laos to become firmly established."
    )


def test_a_recital_is_no_concession() -> None:
    text = "Whereas Thailand became a party to the 1951 Refugee Convention in 2007;"
    assert "LegalAction" in classes(text)
    text = (
        "Although Thailand became a party to the 1951 Refugee Convention, police arrested 30 men."
    )
    assert "LegalAction" not in classes(text)
    text = "Although the UNHCR commended Thailand in May 2003, police arrested 30 Laotians."
    assert "Statement" in classes(text)


def test_the_date_nearest_the_whole_trigger() -> None:
    text = "Last month, five Hmong men who sought political asylum in June 2003 were freed."
    asylum = next(e for e in annotated(text).events if e.cls == "AsylumRequest")
    assert asylum.date == "2003-06"


def test_signing_a_petition_is_the_petition() -> None:
    found = classes("In May 2003, some 15,000 Thais signed a petition for the Hmong refugees.")
    assert "Petition" in found and "LegalAction" not in found
    assert "LegalAction" in classes("In May 2003, Thailand signed the treaty with Laos in Bangkok.")


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("In May 2003, Thailand prepared to send some 30 Hmong refugees back.", "Repatriation"),
        ("In 1999, the Hmong family came to Thailand by sneaking across the border.", "Flight"),
        ("In 2003, Thai courts handed the Refugee Aid Network fines of 5,000 baht.", "Punishment"),
        ("In 1975, Lao soldiers were taken prisoner by the Thai army near Vientiane.", "Arrest"),
        ("Traffickers kidnapped 12 Hmong women in Bangkok in May 2003.", "Arrest"),
        ("Hmong families migrate to Thailand in search of work and food.", "Flight"),
        ("In May 2003, the Refugee Aid Network helped a Hmong refugee in Bangkok.", "Aid"),
        ("In May 2003, two Hmong men stayed inside the U.S. Embassy in Bangkok.", "AsylumRequest"),
        ("In 2003, renewed crackdowns by Thai police hit Hmong refugees in Bangkok.", "Arrest"),
        ("In May 2003, the seven were sent to an old prison in Bangkok by Thai police.", "Arrest"),
        ("In May 2003, the Refugee Aid Network wrote to the Thai government.", "Statement"),
        ("In May 2003, 40 lawmakers signed a letter to the Thai government.", "Statement"),
        ("In May 2003, 22 Hmong men were stripped of their Thai nationality.", "Punishment"),
        ("In May 2003, Thailand cancelled the legal status of 40 aid groups.", "LegalAction"),
        ("In May 2003, Thailand stripped 22 Hmong men of their nationality.", "Punishment"),
        ("In 2003, Laos expelled 22 men and stripped them of their nationality.", "Punishment"),
        ("In May 2003, 12 of them were taken to the Klong Prem prison.", "Arrest"),
        ("In March 2003, Thailand returned a total of 800 Lao nationals.", "Repatriation"),
        ("In May 2003, Laos revoked the nationality of 22 Hmong men.", "Punishment"),
        ("In May 2003, President Ana Vell promulgated the ordinance.", "LegalAction"),
        ("In May 2003, the Vell Administration levied sanctions on Laos.", "LegalAction"),
        ("In May 2003, Laos decided to withdraw from the Vell Convention.", "LegalAction"),
    ],
)
def test_more_ways_to_say_an_act(text: str, cls: str) -> None:
    assert cls in classes(text)


def test_what_may_happen_passes_to_the_acts_joined_to_it() -> None:
    text = "Without papers, 30 Hmong refugees may be arrested and deported to Laos by the army."
    assert not {"Arrest", "Repatriation"} & classes(text)
    text = "The Thai army could be seen helping 30 Hmong refugees in Bangkok in May 2003."
    assert "Aid" not in classes(text)


def test_an_act_named_with_nothing_said_of_it_is_no_new_event() -> None:
    assert "Arrest" not in classes("Meanwhile, the crackdown is growing more severe in Bangkok.")
    text = "In May 2003, Thai police began a harsh crackdown on Hmong refugees in Bangkok."
    assert "Arrest" in classes(text)


def test_nouns_joined_by_and_share_what_is_said_of_them() -> None:
    found = classes("In May 2003, the arrest and deportation of Ana Vell angered Laos.")
    assert {"Arrest", "Repatriation"} <= found
    assert not {"Arrest", "Repatriation"} & classes("The detention and deportation continued.")


def test_an_act_meant_or_vowed_is_not_done() -> None:
    assert "Punishment" not in classes("In May 2003 the bill intends to punish Thai officials.")
    assert "Repatriation" not in classes("In May 2003 Thailand vowed to deport 30 Hmong men.")


def test_taking_care_of_refugees_is_no_resettlement() -> None:
    assert "Resettlement" not in classes("In May 2003, the church was taking care of refugees.")


def test_writing_to_do_something_is_no_statement() -> None:
    assert "Statement" not in classes("In May 2003, we are writing to help the Hmong refugees.")


def test_one_word_reports_one_act() -> None:
    found = classes("In 2003, some 1,400 Laotian soldiers defected to Thailand.")
    assert "Flight" in found and "Resettlement" not in found


def statements(text: str) -> list[str]:
    return [e.trigger for e in annotated(text).events if e.cls == "Statement"]


def test_each_verb_of_saying_is_a_statement_but_one_act_is_told_once() -> None:
    text = (
        "On May 3, 2003, Human Rights Watch released its report on Thailand, found that "
        "police beat Hmong refugees, and condemned the Thai government."
    )
    assert statements(text) == ["released", "found that", "condemned"]  # released its report
    text = "In a statement on May 3, 2003, Human Rights Watch said that Thailand broke the law."
    assert statements(text) == ["said"]  # one act, read from the verb that says who spoke


def test_what_a_speaker_says_names_no_one_spoken_to() -> None:
    text = "In May 2003, Human Rights Watch told Thailand the army deported 30 refugees to Laos."
    said = next(e for e in annotated(text).events if e.cls == "Statement")
    assert [m.text for m in said.agents] == ["Human Rights Watch"]
    assert [m.text for m in said.affected] == ["Thailand"]


def test_a_visit_is_a_meeting_when_someone_or_somewhere_named_is_visited() -> None:
    assert "Meeting" in classes("In May 2003, Human Rights Watch visited Thailand for talks.")
    assert "Meeting" not in classes("In May 2003, Human Rights Watch visited the old camps again.")


def test_resettlement_with_no_one_and_no_date_is_a_topic() -> None:
    assert "Resettlement" not in classes("Resettlement in a third country remains a distant hope.")
    assert "Resettlement" in classes("In May 2003, 30 Laotian refugees resettled in Canada.")


def test_a_participle_describing_people_is_no_event_unless_dated() -> None:
    assert "Arrest" not in classes(
        "Thai police are deporting any Hmong refugees arrested near the Lao border."
    )
    assert "Repatriation" in classes(
        "Of the 30 Hmong refugees deported from Thailand in May 2003, ten reached Bangkok again."
    )


def test_a_witness_telling_what_was_done_to_him_is_the_act_not_a_statement() -> None:
    assert "Statement" not in classes("He said he was beaten by Lao soldiers in Vientiane.")
    assert "Statement" in classes("He said the Lao army had closed the border in May 2003.")


def test_a_line_with_no_full_stop_is_a_heading() -> None:
    text = "Hmong family had published articles on the camps in Laos\n\nThe family left Laos."
    assert "Statement" not in classes(text)


def test_the_testimony_a_witness_thanks_for_is_given() -> None:
    text = "Mr. Chairman, thank you for the opportunity to testify on the situation in Zembla."
    assert "Statement" in classes(text)
    assert "Statement" not in classes("They had no opportunity to testify before the court.")


def test_a_thing_judged_in_the_passive_is_a_statement_but_a_hedge_is_not() -> None:
    assert "Statement" in classes("The Vell law has been widely criticized in Zembla.")
    assert "Statement" not in classes("It is believed that the guards were paid.")


def test_people_rescued_are_aided_but_a_rescue_named_is_no_act() -> None:
    assert "Aid" in classes("The coast guard rescued 104 people off Vellport on Monday.")
    assert "Aid" not in classes("Our rescue operations contravene the stance of the regime.")


def test_a_page_titled_as_a_statement_or_testimony_reports_it() -> None:
    text = (
        "Human Rights in Zembla\n\nAna Vell\nAssistant Secretary, Bureau of Democracy\n"
        "Testimony Before the Vell Rights Commission, House Committee on Foreign Affairs\n"
        "Washington, DC\nNovember 3, 2015\n\nI would like to thank the chair."
    )
    [event] = [e for e in annotated(text).events if e.cls == "Statement"]
    assert "Vell Rights Commission" in {m.text for m in event.affected}  # not "Testimony ..."
    titled = "For Immediate Release\nStatement by Administrator Ana Vell\nToday we mourn."
    assert [m.text for e in annotated(titled).events for m in e.agents] == ["Ana Vell"]
    assert "Statement" not in classes("Statement on Human Rights in Zembla\n\nToday we mourn.")


def test_a_passive_wished_for_or_permitted_is_not_done() -> None:
    assert "AsylumRequest" not in classes(
        "A petition of Thai students demands that the Hmong refugees be granted asylum in Norway."
    )
    assert "Repatriation" in classes(
        "The 30 Hmong refugees are almost certain to be sent back to Laos by the Thai army."
    )


def test_an_infinitive_beside_the_main_verb_is_no_act() -> None:
    assert "Flight" not in classes(
        "The Laotian refugees have no choice, therefore, but to escape to Thailand."
    )
    assert "Flight" not in classes(
        "No Laotian refugee to escape from Laos into Thailand has been acknowledged by Thailand."
    )
    assert "Flight" in classes("The Laotian refugees escaped to Thailand.")


def test_the_subject_of_a_progressive_verb_acts() -> None:
    text = "Meanwhile, they are deporting the Laotian refugees to Laos."
    [event] = [e for e in annotated(text).events if e.cls == "Repatriation"]
    assert next(m.text for m in event.affected) == "the Laotian refugees"


def events_of(text: str, date: str = "2004-03-10") -> list[tuple[str, str | None]]:
    return [(e.cls, e.date) for e in annotated(text, date).events]


def test_the_date_of_the_triggers_own_clause() -> None:
    text = (
        "Last month, a Laotian refugee who was deported from Thailand in January 2000 gave "
        "testimony to Human Rights Watch in Bangkok."
    )
    assert ("Statement", "2004-02") in events_of(text)
    assert ("Repatriation", "2000-01") in events_of(text)


def test_recognising_people_as_refugees_is_a_statement() -> None:
    assert "Statement" in classes("In May 2003 the UNHCR recognized 30 Laotians as refugees.")


def test_an_order_to_arrest_is_no_arrest() -> None:
    text = "The Thai police ordered each officer to find and arrest five Laotian refugees in May."
    assert "Arrest" not in classes(text)


def test_who_people_are_is_no_event_but_what_we_did_is() -> None:
    text = "Among the Laotian refugees who have fled persecution in Laos, we help the children."
    assert "Flight" not in classes(text)
    text = "In 2003 alone, the number of Laotian refugees we have helped to escape reached 300."
    assert "Flight" in classes(text)


def test_protests_of_a_body_or_a_state_are_statements() -> None:
    text = "Thailand deported 40 Laotian refugees in May 2003 despite the protests of the UNHCR."
    assert "Statement" in classes(text)
    assert "Protest" not in classes(text)
    assert "Protest" in classes("In May 2003, Laotian refugees held protests in Bangkok.")


def test_an_act_of_the_same_kind_on_another_day_is_another_event() -> None:
    text = (
        "They include five Laotians who were detained in Bangkok yesterday, and three "
        "Laotians who were detained when they tried to enter the Thai Embassy on April 29."
    )
    arrests = sorted(d or "" for c, d in events_of(text, "2004-05-10") if c == "Arrest")
    assert arrests == ["2004-04-29", "2004-05-09"]
    text = "Thai police arrested 30 Laotians in May 2003 and arrested their leader too."
    assert [c for c, _ in events_of(text)].count("Arrest") == 1


def test_a_gathering_where_something_is_said_is_the_statement() -> None:
    text = "At a press conference on May 3, 2003, the Thai foreign minister Anan Chai said so."
    assert classes(text) == {"Statement"}
    text = "At a summit in Bangkok in May 2003, Thailand and Laos signed a border agreement."
    assert "Meeting" in classes(text)


def test_aid_given_by_someone_is_aid() -> None:
    text = "Few know that the aid being provided by the World Food Programme feeds the army."
    assert "Aid" in classes(text)


def test_people_named_by_a_plain_noun_take_part() -> None:
    text = "In addition, the local person who hid the children was fined 5,000 baht."
    assert "Punishment" in classes(text)
    assert "Repatriation" not in classes("The repatriation issue is a sensitive one for Laos.")


def test_what_happens_each_time_is_no_event() -> None:
    text = "Even when refugees are deported to Laos, they try to escape again and again."
    assert "Repatriation" not in classes(text)
    text = "When the refugees were deported to Laos in May 2003, they tried to escape again."
    assert "Repatriation" in classes(text)


def test_a_topic_and_a_description_through_an_attempt_are_no_events() -> None:
    text = "Each time the issue of deporting Laotian refugees makes headlines, Thailand waits."
    assert "Repatriation" not in classes(text)
    text = "The army will punish the families of anyone caught trying to flee from Laos."
    assert "Flight" not in classes(text)


def test_people_a_participle_describes_were_acted_on() -> None:
    text = "The 30 Laotian refugees deported from Thailand in May 2003 were sent to a camp."
    [event] = [e for e in annotated(text).events if e.cls == "Repatriation"]
    assert [m.text for m in event.agents] == []
    assert [m.text for m in event.affected] == ["30 Laotian refugees"]


def test_a_law_named_by_its_signing_tells_the_signing() -> None:
    text = (
        "Thailand deports Laotian refugees under an agreement on border control signed "
        "between the two countries in 1996."
    )
    assert ("LegalAction", "1996") in events_of(text)
    [signing] = [e for e in annotated(text).events if e.cls == "LegalAction"]
    assert signing.affected == ()  # the agreement was signed, not the refugees


def test_a_group_a_past_participle_describes_was_acted_on() -> None:
    from reportgraph.extract.events import _described_by

    def described(text: str) -> str | None:
        found = annotated(text, None)
        sentence = found.sentences[0]
        groups = [m for m in found.mentions_in(sentence) if m.cls == "Group"]
        trigger = re.search(r"deported", sentence.text)
        assert trigger is not None
        group = _described_by(sentence, trigger, groups)
        return group.text if group else None

    text = "One of 30 Laotian refugees forcibly deported from Thailand escaped in 2003."
    assert described(text) == "30 Laotian refugees"
    assert described("In 2003, 30 Laotian refugees deported 40 Thai traders.") is None
    assert described("Thailand deported 30 Laotian refugees to Laos in 2003.") is None


def test_an_act_without_a_place_happened_where_the_one_before_it_did() -> None:
    doc = annotated(
        "Police detained 40 refugees in Niamey on Monday. A court later sentenced twelve of the "
        "refugees to two years in prison.\n\nIn a separate case, a court sentenced three "
        "journalists to a year in prison."
    )
    sentenced = [e for e in doc.events if e.cls == "Punishment"]
    assert len(sentenced) == 2
    assert sentenced[0].place is not None and sentenced[0].place.text == "Niamey"
    assert sentenced[1].place is None  # another paragraph tells another story


def test_a_statement_in_the_present_is_dated_as_the_report() -> None:
    doc = annotated(
        "The ministry has condemned the deportations. The agency said so.", "2021-05-04"
    )
    dated = {e.trigger: e.date for e in doc.events if e.cls == "Statement"}
    assert dated.get("condemned") == "2021-05-04"
    assert dated.get("said") == "2021"  # a past statement: of the report's year, no more


def test_an_act_in_the_present_perfect_is_dated_as_the_report() -> None:
    text = "Thailand has deported 300 refugees. Thailand deported 40 others."
    dated = [e.date for e in annotated(text, "2021-05-04").events if e.cls == "Repatriation"]
    assert dated == ["2021-05-04", "2021"]


def test_an_act_its_sentence_does_not_date_is_of_the_reports_year() -> None:
    def dated(text: str, date: str | None) -> list[str | None]:
        return [e.date for e in annotated(text, date).events if e.cls == "Arrest"]

    assert dated("Police detained two activists in Vell.", "2031-05-04") == ["2031"]
    assert dated("Police detained two activists in Vell.", None) == [None]  # no year to give
    # a year the sentence writes of its own tells of then, not of the report's time
    assert dated("After a 2019 raid, police detained two activists.", "2031-05-04") == [None]
    # an act told in the past perfect came before the time the report tells of
    assert dated("Police had detained two activists in Vell.", "2031-05-04") == [None]


def test_a_state_that_arrests_or_expels_does_it_at_home_unless_told_where() -> None:
    found = annotated("Thailand deported 300 refugees in May 2003.").events
    assert [e.place.text for e in found if e.cls == "Repatriation"] == ["Thailand"]
    found = annotated("Thailand deported 300 refugees from Bangkok in May 2003.").events
    assert [e.place.text for e in found if e.cls == "Repatriation"] == ["Bangkok"]
    found = annotated("Thailand said that it would help.").events  # a statement: no place
    assert all(e.place is None for e in found)


def test_a_body_of_a_state_that_arrests_does_it_in_that_state() -> None:
    found = annotated("Thailand's police arrested 12 Laotian refugees on 3 March 2004.").events
    assert [e.place.text for e in found if e.cls == "Arrest"] == ["Thailand"]
    text = "Thailand hosts many refugees. The Thai police arrested 12 of them on 3 March 2004."
    found = annotated(text).events
    assert [e.place.text for e in found if e.cls == "Arrest"] == ["Thailand"]


def test_the_act_of_the_text_that_follows_is_of_the_reports_date() -> None:
    text = "Ms. Vell introduced the following bill; which was referred to the Committee."
    dated = {e.cls: e.date for e in annotated(text, "2019-09-26").events}
    assert dated.get("LegalAction") == "2019-09-26"


def test_a_legal_act_on_the_bill_is_on_the_bill_named_before() -> None:
    text = (
        "The Refugee Protection Act of 2003 was drafted in May. "
        "The bill was referred to the Committee on the Judiciary in June 2003."
    )
    acts = [e for e in annotated(text).events if e.cls == "LegalAction" and "referred" in e.trigger]
    assert [law.text for e in acts for law in e.laws] == ["Refugee Protection Act of 2003"]


def test_a_law_named_by_its_kind_is_the_last_law_of_that_kind() -> None:
    text = (
        "The Clean Hands Campaign began in 2003. The Refugee Protection Act of 2003 was drafted. "
        "In May 2003 the amended 2003 bill was passed by the Senate. "
        "In June 2003 the campaign was extended by Vellia. "
        "In July 2003 ten men were arrested under the campaign."
    )
    laws = {(e.cls, e.trigger): [m.canonical for m in e.laws] for e in annotated(text).events}
    assert laws[("LegalAction", "passed")] == ["Refugee Protection Act of 2003"]
    assert laws[("LegalAction", "extended")] == ["Clean Hands Campaign"]
    assert laws[("Arrest", "arrested")] == ["Clean Hands Campaign"]


def test_an_act_on_she_is_an_act_on_the_person_named_before() -> None:
    text = "Ana Velloso fled to Bangkok in 2003. She was arrested there in May 2003."
    events = annotated(text).events
    assert any(
        e.cls == "Arrest" and [m.text for m in e.affected] == ["Ana Velloso"] for e in events
    )
    text = "Ana Velloso wrote the report. The police arrested her brother in May 2003."
    arrests = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert all("Ana Velloso" not in [m.text for m in e.affected] for e in arrests)
    text = "Forty Laotian refugees crossed the river in May 2003. They were detained in Nong Khai."
    arrests = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert [m.text for e in arrests for m in e.affected] == ["Forty Laotian refugees"]


def test_a_dateline_is_where_a_statement_was_made_not_where_aid_went() -> None:
    text = "BANGKOK \u2013 Thailand said on 3 May 2004 that it sent food aid to refugees in Laos."
    events = {e.cls: e.place.text if e.place else None for e in annotated(text).events}
    assert events.get("Statement") == "BANGKOK"
    assert events.get("Aid") == "Laos"
    text = "Senator Ana Vell (R-Idaho) said on 3 May 2004 that Thailand deported 40 refugees."
    assert all(e.place is None or e.place.text != "Idaho" for e in annotated(text).events)


def test_an_arrest_told_with_no_doer_was_done_by_the_state_it_happened_in() -> None:
    text = "Ana Vell returned to Chile in 2004. She was detained in Santiago on 3 May 2004."
    arrests = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert arrests and all("Chile" in [m.text for m in e.others] for e in arrests)
    text = "The police of Chile detained Ana Vell on 3 May 2004 in Lima, Peru."
    arrests = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert arrests and all("Peru" not in [m.text for m in e.others] for e in arrests)


def test_a_hyphenated_passive_with_its_agent_is_an_act() -> None:
    text = "In May 2019, Ana Vell was re-arrested by the Zembla Security Agency."
    arrests = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert [m.text for e in arrests for m in e.affected] == ["Ana Vell"]


def test_a_joined_passive_shares_its_subject() -> None:
    text = "Ana Vell was convicted of fraud in 2019 and jailed for five years."
    found = {e.cls: [m.text for m in e.affected] for e in annotated(text).events}
    assert found.get("Punishment") == ["Ana Vell"]
    text = "Ana Vell fled in 2018. She was convicted of fraud in 2019 and jailed for five years."
    found = {e.cls: [m.text for m in e.affected] for e in annotated(text).events}
    assert found.get("Punishment") == ["Ana Vell"]


def test_i_and_we_are_the_person_the_byline_names() -> None:
    text = (
        "Camps on the Border\n\nAna Vell, Special Envoy\n\n"
        "On 3 May 2004 we condemned the expulsion of the refugees from Zembla."
    )
    statements = [e for e in annotated(text).events if e.cls == "Statement"]
    assert statements and [m.text for m in statements[0].agents] == ["Ana Vell"]
    text = "On 3 May 2004 Ana Vell said we condemned the expulsion of the refugees from Zembla."
    statements = [e for e in annotated(text).events if e.trigger == "condemned"]
    assert all("Ana Vell" not in [m.text for m in e.agents] for e in statements)


def test_a_sentence_ending_in_reference_marks_is_no_heading() -> None:
    text = "On 3 May 2012 the Zemban police arrested forty refugees in Vell.[12][a]"
    assert "Arrest" in classes(text)


@pytest.mark.parametrize(
    "text",
    [
        "In a letter in May 2012, Ana Vell went on to criticize the Zemban government.",
        "In 2004 President Vell was the first head of state to condemn the Zemban government.",
    ],
)
def test_an_infinitive_of_an_act_done_all_the_same_is_reported(text: str) -> None:
    assert "Statement" in classes(text)


def test_an_infinitive_of_purpose_is_still_not_reported() -> None:
    assert "Flight" not in classes("In May 2004 they had no choice but to flee from Zembla.")


def test_a_sentence_that_tells_one_act_names_who_takes_part_in_it() -> None:
    text = "The unrest followed the death of a student, Anna Rell, who had been detained by police."
    (arrest,) = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert [m.text for m in arrest.affected] == ["Anna Rell"]  # the one detained
    # the source of a report is no one who acts, and a state named as where the act was
    text = "According to Amnesty International, police detained 12 refugees near Zembla."
    (arrest,) = [e for e in annotated(text).events if e.cls == "Arrest"]
    assert not {"Amnesty International", "Zembla"} & {m.text for m in arrest.others}
    # two acts: each keeps those of its own clause
    text = "Human Rights Watch said the police detained 12 refugees."
    found = {e.cls: e for e in annotated(text).events}
    assert "Human Rights Watch" not in [m.text for m in found["Arrest"].others]


def test_a_year_in_a_law_name_dates_no_act() -> None:
    dates = {
        e.trigger: e.date
        for e in annotated(
            "Two writers were charged under the Press Act of 2015 in January.", "2023-03"
        ).events
    }
    assert dates["charged"] == "2023-01"
    found = annotated("In 1986 Chile and Peru signed an agreement on fishing.", "2023-03").events
    assert [e.date for e in found if e.cls == "LegalAction"] == ["1986"]


def test_a_date_describing_another_noun_dates_no_act() -> None:
    # the participle and the relative clause describe the law and the guard, not the act
    found = annotated(
        "A court in Vellport convicted nine students in May 2023 under the Press Law imposed by "
        "the army in 2020.",
        "2023-06",
    ).events
    assert [e.date for e in found if e.trigger == "convicted"] == ["2023-05"]
    found = annotated(
        "The mission called on Chile to end its support for the coast guard, which it has "
        "trained and equipped since 2017.",
        "2023-06",
    ).events
    said = [e for e in found if e.cls == "Statement"]
    assert said and all(e.date != "2017" for e in said)
    # but an occasion dates what is said at it
    found = annotated(
        "At a conference held in Lima in April 2001, the minister criticized the new law.",
        "2023-06",
    ).events
    assert [e.date for e in found if e.cls == "Statement"] == ["2001-04"]


def test_many_and_most_are_people_acted_on() -> None:
    text = "Vellish farmers lost their land. Many fled across the Vell River into Chile."
    assert "Flight" in classes(text)
    text = "Police rounded up 300 Vellish workers. Most were returned to Peru."
    assert "Repatriation" in classes(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The coast guard intercepted 70 migrants and returned them to Chile.", True),
        ("The authorities sent 40 refugees to Chile in 2019.", True),
        ("The ministry sent a delegation to Geneva in May 2019.", False),
        ("He sent his family to Canada in 2019.", False),
    ],
)
def test_returned_or_sent_to_a_country(text: str, found: bool) -> None:
    assert ("Repatriation" in classes(text)) is found


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("The migrants were detained and later removed to Chile in May 2019.", "Repatriation"),
        ("In 2019 the lawyers filed urgent applications in the High Court.", "LegalAction"),
        ("In May 2019 the ministry announced a new policy on asylum.", "LegalAction"),
    ],
)
def test_removed_to_filed_applications_and_announced_policies(text: str, cls: str) -> None:
    assert cls in classes(text)


def test_a_report_and_what_it_says_are_one_statement() -> None:
    for text in (
        "Her report, published on 22 July 2005, described the camps as a disaster.",
        "In a report published in March 2005, the Vell Mission said it had found graves.",
    ):
        assert [e.cls for e in annotated(text).events].count("Statement") == 1, text


@pytest.mark.parametrize(
    "text",
    [
        "After passing the bar exam in 1995, she waited eight years.",
        "Her father passed away in 2019.",
    ],
)
def test_passing_an_exam_or_away_enacts_nothing(text: str) -> None:
    assert "LegalAction" not in classes(text)


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Police picked him up at his home in May 2019.", "Arrest"),
        ("She was remanded in custody in May 2019.", "Arrest"),
        ("He was held incommunicado for three weeks in May 2019.", "Arrest"),
        ("The police summoned him for questioning in May 2019.", "Arrest"),
        ("The lawyer was disbarred in 2019.", "Punishment"),
        ("The activist was barred from leaving the country in 2019.", "Punishment"),
        ("He went into hiding in 2019.", "Flight"),
        ("Students staged a walkout in May 2019.", "Protest"),
        ("The ministry suspended the licence of the newspaper in 2019.", "LegalAction"),
    ],
)
def test_wording_found_in_invented_reports(text: str, cls: str) -> None:
    assert cls in classes(text)


def test_one_stretch_of_words_reports_one_act() -> None:
    text = "The Vell Commission, chaired by the Ministry of Interior, reviews asylum claims."
    found = annotated(text).events
    assert [e.cls for e in found] == ["AsylumRequest"]


def test_family_visits_are_no_meeting_and_force_feeding_a_penalty() -> None:
    text = "On 4 March 2019, 60 prisoners began a hunger strike demanding family visits."
    assert "Meeting" not in classes(text)
    assert "Punishment" in classes("On 2 April 2019, guards forcibly fed several strikers.")


def test_the_field_of_a_post_is_no_act() -> None:
    text = (
        "The experts: Ana Vell, Special Rapporteur on extrajudicial, summary or arbitrary "
        "executions; Tomas Orun, Special Representative for enforced disappearances."
    )
    assert classes(text) == set()


def test_an_act_takes_no_place_from_a_clause_told_after_it() -> None:
    text = (
        "Niger and Mali traded blame in May. More than 300 people have been killed since "
        "2018, and thousands have fled to Chad."
    )
    found = {e.cls: e.place for e in annotated(text).events}
    assert found["Flight"] is not None and found["Flight"].text == "Chad"
    assert found["Punishment"] is None or found["Punishment"].text != "Chad"


def test_what_one_is_accused_of_is_the_accusation_however_the_parse_hangs_it() -> None:
    text = "Vell Watch accused the security services of torturing detainees in May."
    assert classes(text) == {"Statement"}


def test_the_state_aid_is_given_in_takes_no_part_in_it() -> None:
    text = "The Vell Fund provided $40 million in food aid to Sudanese refugees in Chad in 2023."
    aid = next(e for e in annotated(text).events if e.cls == "Aid")
    named = {m.text for m in (*aid.agents, *aid.affected, *aid.others)}
    assert "Chad" not in named and aid.place is not None and aid.place.text == "Chad"


def test_killed_inside_a_consulate_is_no_asylum_request() -> None:
    assert "AsylumRequest" not in classes(
        "Officials said Ana Vell was murdered inside the Zemban consulate in May 2019."
    )
    assert "AsylumRequest" in classes(
        "Two men currently inside the Vellish Consulate in Tarsa will be allowed to leave."
    )


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("Officers searched the flat and seized her laptop in Orun.", "Arrest"),
        ("Zembla guarantees the right to a fair trial.", "LegalAction"),
        ("The covenant protects freedom from arbitrary detention.", "Arrest"),
    ],
)
def test_a_thing_seized_and_an_act_a_right_protects_are_no_events(text: str, cls: str) -> None:
    assert cls not in classes(text)


def test_people_seized_or_captured_are_arrested() -> None:
    assert "Arrest" in classes("Soldiers seized five activists in Orun on 3 May 2004.")
    assert "Arrest" in classes("Gunmen captured two journalists in Orun on 3 May 2004.")


def test_a_statement_said_in_a_report_is_read_from_its_verb() -> None:
    text = "In its 2023 Annual Report, the Vell Commission recommended that Zembla free them."
    said = [e for e in annotated(text).events if e.cls == "Statement"]
    assert [e.trigger for e in said] == ["recommended"]
    assert [m.text for m in said[0].agents] == ["Vell Commission"]


def test_a_verb_named_with_its_object_is_the_act_the_object_names() -> None:
    # "file > appeal" is a legal action; the appeal alone would read as a statement
    doc = annotated("Ana Morel, a lawyer for the activists, filed an appeal with the court.")
    found = {e.cls: e for e in doc.events}
    assert set(found) == {"LegalAction"}
    assert [m.text for m in found["LegalAction"].agents] == ["Ana Morel"]


def test_a_law_that_holds_what_an_act_breaks_is_the_act_s_law() -> None:
    text = (
        "Zembla deported 40 asylum seekers to Orun last week, in breach of the principle "
        "of non-refoulement enshrined in the Vell Refugee Convention. Police arrested "
        "twelve students near the Vell Convention Centre."
    )
    laws = {e.cls: [m.text for m in e.laws] for e in annotated(text).events}
    assert laws["Repatriation"] == ["Vell Refugee Convention"]
    assert laws["Arrest"] == []


def test_a_crowd_that_gathers_to_demand_something_protests() -> None:
    text = "Relatives of detainees gathered outside the court in Orun to demand their release."
    assert classes(text) == {"Protest"}
    assert classes("Relatives gathered the children and left.") == set()


def test_what_a_sentence_asks_the_reader_to_do_is_no_act() -> None:
    text = (
        "Write to the minister, Tomas Orun, urging him to free Ana Vell. "
        "Urge the authorities to release her. Police arrested Ana Vell in May."
    )
    assert [(e.cls, e.trigger) for e in annotated(text).events] == [("Arrest", "arrested")]


def test_an_act_the_article_s_operation_brings_about_rests_on_it() -> None:
    text = (
        "Operation Vell Hunt is a global operation of the government of Zembla. "
        "As of 2017, it has led to the arrest of over 40 individuals. "
        "Critics have accused the operation of targeting dissidents. "
        "Police arrested Ana Vell in May."
    )
    laws = {e.trigger: [m.text for m in e.laws] for e in annotated(text).events}
    assert laws["arrest"] == ["Operation Vell Hunt"]
    assert laws["accused"] == ["Operation Vell Hunt"]
    assert laws["arrested"] == []


def test_a_law_an_act_is_done_through_is_the_act_s_law() -> None:
    text = "Zembla jailed 40 journalists, using the Vell Media Law."
    laws = {e.cls: [m.text for m in e.laws] for e in annotated(text).events}
    assert laws["Punishment"] == ["Vell Media Law"]


def test_a_law_belongs_to_the_act_it_hangs_from() -> None:
    text = (
        "Zembla designated five officials under Executive Order 14024 for their roles in "
        "the suppression of peaceful protests."
    )
    events = {e.cls: e for e in annotated(text).events}
    assert [m.text for m in events["LegalAction"].laws] == ["Executive Order 14024"]
    assert events["Protest"].laws == ()
    assert events["Protest"].agents == ()  # who put the protests down did not protest


def test_a_law_taking_effect_or_enforced_and_a_state_recognised_are_legal_acts() -> None:
    text = (
        "The Vell Press Act went into effect in November 2012. The Vell Press Act was "
        "enforced by the Vell Security Service from February 2013. Lithuania recognized "
        "Ana Vell as the legitimate head of state in 2021. Victims of enforced "
        "disappearances marched."
    )
    acts = [(e.cls, e.trigger) for e in annotated(text).events if e.cls == "LegalAction"]
    assert acts == [
        ("LegalAction", "went into effect"),
        ("LegalAction", "enforced"),
        ("LegalAction", "recognized"),
    ]

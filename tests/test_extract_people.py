"""Groups of people read from the parse (extract/people.py), on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.extract.nlp import load_model
from reportgraph.extract.people import people_nouns
from reportgraph.model import Document, Mention

pytestmark = pytest.mark.skipif(load_model() is None, reason="needs the spaCy model")


def groups(text: str) -> dict[str, str]:
    """Surface text -> name of each Group mention the 'people' component added."""
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2015-04")
    return {
        " ".join(m.text.split()): m.canonical
        for m in extract(doc).mentions
        if m.cls == "Group" and m.source == "people"
    }


def test_the_lexicon_reads_lemmas_flags_and_multiword_heads() -> None:
    nouns = people_nouns()
    assert nouns["refugee"][0].qualified is False
    assert nouns["people"][-1].qualified is True  # multi-word heads sort first
    assert nouns["family"][0].collective is True
    assert any(e.before == ("asylum",) for e in nouns["seeker"])


def test_a_plural_people_noun_with_its_modifiers_is_a_group() -> None:
    found = groups("Local officials said that Zembran political prisoners were tortured.")
    assert found.get("Zembran political prisoners") == "Zembran political prisoners"


def test_conjoined_heads_are_separate_groups() -> None:
    found = groups("Migrants and asylum seekers were held in a warehouse near Velora.")
    assert "Migrants" in found
    assert "asylum seekers" in found


def test_quantifiers_leave_the_name_but_counts_stay() -> None:
    found = groups("Several opposition bloggers were detained, and more than 40 villagers escaped.")
    assert found["Several opposition bloggers"] == "opposition bloggers"
    assert "more than 40 villagers" in found


def test_a_quantity_before_of_joins_the_group() -> None:
    found = groups("Tens of thousands of farmers fled the valley.")
    assert "Tens of thousands of farmers" in found


def test_a_day_before_of_is_not_part_of_the_group() -> None:
    found = groups("We deplore the sentencing on Monday of eleven opposition activists to prison.")
    assert "eleven opposition activists" in found
    assert not any("Monday" in text for text in found)


def test_street_vendors_are_people() -> None:
    assert "more than 900 vendors" in groups("Police arrested more than 900 vendors in May.")


def test_a_generic_noun_alone_is_not_a_group() -> None:
    found = groups("People often say that the women of the town work hard.")
    assert not any(name.lower() in ("people", "women") for name in found.values())


def test_an_indefinite_bare_plural_in_passing_is_not_a_group() -> None:
    assert groups("The law speaks of compensation for workers.") == {}


def test_a_definite_bare_plural_is_a_group() -> None:
    found = groups("The smugglers demanded a ransom from the families.")
    assert "The smugglers" in found


def test_a_bare_plural_joins_the_last_qualified_group_of_its_head() -> None:
    found = groups("Zembran refugees crossed the river in May. Later the refugees asked for food.")
    assert found.get("the refugees") == "Zembran refugees"


def test_a_people_named_by_its_plural_is_a_group() -> None:
    found = groups("Muslims and Christians prayed together, officials said.")
    assert "Christians" in found


def test_a_place_after_a_generic_noun_names_the_group() -> None:
    found = groups("The people of Zembra voted in the election.")
    assert found.get("The people of Zembra") == "people of Zembra"


def test_a_phrase_the_lexicon_excludes_is_not_a_group() -> None:
    found = groups("The international community condemned the attack.")
    assert not any("community" in text for text in found)


def test_a_predicate_noun_is_not_a_group() -> None:
    found = groups("Most of those detained were political prisoners.")
    assert "political prisoners" not in found


def test_a_people_named_by_a_plural_proper_noun_is_a_group() -> None:
    from reportgraph.extract import extract
    from reportgraph.model import Document

    text = "The militia targeted Sikhs in May. Aid reached several NGOs and the United Nations."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    groups = {m.text: m.source for m in doc.mentions if m.cls == "Group"}
    assert groups.get("Sikhs") == "peoples"  # a bare plural object: no people noun says so
    assert not groups.keys() & {"NGOs", "Nations", "United Nations"}


def test_a_plural_whose_singular_the_text_writes_as_a_name_is_a_people() -> None:
    text = (
        "The Zembani Human Rights Act of 2020 was signed in May. It condemns abuses by the "
        "government against Zembanis in the north of the country."
    )
    from reportgraph.extract import extract
    from reportgraph.model import Document

    annotated = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {m.text: m.source for m in annotated.mentions if m.cls == "Group"}
    assert found.get("Zembanis") == "peoples"


def test_a_collective_named_by_what_it_is_is_a_group() -> None:
    found = groups("The regime of Tomas Vell crushed civil society groups and opposition parties.")
    assert "civil society groups" in found
    assert "opposition parties" in found


def test_a_collective_named_only_by_which_one_is_not_a_group() -> None:
    found = groups("In 2015 the respective groups met with international organizations.")
    assert not found


def test_the_agent_of_a_passive_is_a_group_the_text_follows() -> None:
    found = groups("In 2015 many asylum seekers were exploited by smugglers.")
    assert "smugglers" in found


def people_mentions(text: str) -> list[Mention]:
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2015-04")
    return [m for m in extract(doc).mentions if m.source == "people"]


def test_a_body_of_the_state_named_by_a_common_noun_is_an_organization() -> None:
    text = "In May 2021 the military detained the leaders. Zemban courts sentenced them."
    found = {m.text: m.cls for m in people_mentions(text)}
    assert found.get("the military") == "Organization"
    assert found.get("Zemban courts") == "Organization"
    assert "the leaders" not in found or found["the leaders"] == "Group"


def test_a_quantity_before_a_described_group_is_part_of_its_phrase() -> None:
    found = groups("We stand with the thousands of other brave Zemban citizens who spoke.")
    assert "the thousands of other brave Zemban citizens" in found
    assert "one of those lawmakers" not in groups("In 2004 one of those lawmakers resigned.")


def test_media_is_a_collective_though_the_model_reads_it_as_medium() -> None:
    found = groups("In May 2021 state media reported it. Independent media in Zembla closed.")
    assert "state media" in found and "Independent media in Zembla" in found


def test_those_named_by_what_is_said_of_them_are_a_group() -> None:
    found = groups("In 2023 Chad must protect those seeking asylum in Europe. Those who fled hid.")
    assert {"those seeking asylum in Europe", "Those who fled"} <= set(found)


def test_people_counted_in_an_act_done_to_them_are_a_group() -> None:
    assert "over 40 individuals" in groups("By 2017 it led to the arrest of over 40 individuals.")


def test_a_site_is_also_named_with_the_place_the_text_puts_it_in() -> None:
    text = "Aid workers visited the refugee camps in Kenya in May 2012."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2015-04")
    sites = {m.text: m.phrase for m in extract(doc).mentions if m.source == "sites"}
    assert sites == {"refugee camps": "refugee camps in Kenya"}


def test_a_consulate_and_a_market_named_by_common_nouns_are_sites() -> None:
    text = "In 2018 Ana Vell was killed in the Zemban consulate. Others ended in slave markets."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2019")
    sites = {m.text for m in extract(doc).mentions if m.source == "sites"}
    assert sites == {"Zemban consulate", "slave markets"}


def test_security_and_armed_forces_are_a_body_not_a_group() -> None:
    text = "In May 2021 security forces fired on protesters. The armed forces took power."
    found = {m.text: m.cls for m in people_mentions(text)}
    assert found.get("security forces") == "Organization"
    assert found.get("The armed forces") == "Organization"


def test_a_group_keeps_the_whole_phrase_the_text_names_it_with() -> None:
    text = "Military personnel in the area did not help the students in May 2014."
    found = {m.text: m.phrase for m in people_mentions(text)}
    assert found.get("Military personnel") == "Military personnel in the area"


def test_a_generic_noun_described_after_it_names_a_group() -> None:
    found = groups("In May 2014 the aid reached people affected by the fighting in Zembla.")
    assert found.get("people") == "people affected by the fighting in Zembla"
    found = groups("In May 2014 the police named parties that colluded with criminal gangs.")
    assert "parties" not in found  # two groups in one phrase: not one name


def phrases(text: str) -> dict[str, str]:
    """Surface text -> the other name (the whole phrase) of each Group mention."""
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2015-04")
    return {m.text: m.phrase for m in extract(doc).mentions if m.cls == "Group"}


def test_a_list_of_people_nouns_is_also_one_name_of_its_last_group() -> None:
    found = phrases("Students and journalists were detained in Chad in May.")
    assert found["journalists"] == "Students and journalists"
    assert found["Students"] == ""  # one of the two keeps it: they stay two groups


def test_a_count_around_a_group_read_before_is_another_name_of_it() -> None:
    found = phrases("In Velora, 17 human rights defenders died in custody in 2019.")
    assert found["human rights defenders"] == "17 human rights defenders"


def test_a_group_read_before_is_also_named_as_the_text_writes_around_it() -> None:
    found = phrases("In Velora, several human rights defenders died in custody in 2019.")
    assert found["human rights defenders"] == "several human rights defenders"


def test_people_of_a_state_body_are_a_group_named_with_it() -> None:
    found = groups(
        "In 2020 officers of the Zemban government detained him. Members of the party met."
    )
    assert "officers of the Zemban government" in found
    assert "Members of the party" in found


def test_a_count_of_people_an_act_is_done_to_is_a_group() -> None:
    found = groups("The militia abducted 276 girls. Six people were housed in each tent.")
    assert "276 girls" in found
    assert "Six people" not in found  # a tally, no group an act is done to


def test_a_group_no_word_qualifies_is_named_with_where_it_comes_from() -> None:
    found = groups("Refugees from Niger were held in Agadez. 300 Zemban refugees in Chad fled.")
    assert found["Refugees from Niger"] == "Refugees from Niger"  # not every "refugees"
    assert found["300 Zemban refugees in Chad"] == "300 Zemban refugees"


def test_a_people_named_before_a_people_noun_is_a_people_alone_too() -> None:
    doc = Document(
        Path("t.txt"),
        "t.txt",
        "Some 700,000 Orvash refugees fled in 2017. Soldiers persecuted the Orvash. "
        "HSI agents arrested them.",
        "0" * 64,
        "text/plain",
        date="2018",
    )
    found = {(m.text, m.cls) for m in extract(doc).mentions if m.source == "peoples"}
    assert ("Orvash", "Group") in found
    assert not any(text == "HSI" for text, _ in found)  # initials name a body, not a people


def test_as_many_as_is_no_part_of_a_group_s_name() -> None:
    found = groups("As many as 400 Zemban migrants drowned in May 2023.")
    assert found.get("As many as 400 Zemban migrants") == "400 Zemban migrants"


def test_a_relative_named_by_a_given_name_after_the_kin_word_is_a_person() -> None:
    text = (
        "Police arrested Farid Osmanov in 2021. Osmanov's wife, Leyla, and their two "
        "children fled to Chad in 2022."
    )
    document = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    flight = next(e for e in document.events if e.cls == "Flight")
    assert [m.text for m in flight.agents] == ["Leyla"]


def test_a_list_of_qualities_before_the_people_noun_is_one_group() -> None:
    found = groups("Police detained young, elderly and disabled Vell refugees in Orun.")
    assert "young, elderly and disabled Vell refugees" in found
    found = groups("Ethnic, religious, and linguistic minorities, including Zembs, live there.")
    assert "Ethnic, religious, and linguistic minorities" in found
    assert not any(name.startswith("and ") for name in found)


def test_peoples_listed_by_name_before_what_they_are_are_each_a_people() -> None:
    text = (
        "Minorities (including Orvashi, Karsan, Armenian and Zemite communities) fled. "
        "Police detained Uyghur, Kazakh and Vellan Muslims in the camps."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    groups = {m.text for m in doc.mentions if m.cls == "Group"}
    assert {"Orvashi", "Karsan", "Armenian", "Zemite", "Uyghur", "Kazakh"} <= groups
    assert not any(m.cls == "Country" and m.text == "Armenian" for m in doc.mentions)


def test_a_day_and_its_month_before_a_group_are_not_its_name() -> None:
    doc = extract(
        Document(
            Path("t.txt"), "t.txt", "On 11 October lawyers filed a motion.", "0" * 64, "text/plain"
        )
    )
    assert "lawyers" in {m.text for m in doc.mentions if m.cls == "Group"}

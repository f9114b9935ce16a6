"""Names the way reports write them: honorifics, Mc- and O'- surnames."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.model import Document


def persons(text: str) -> set[str]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    return {m.text for m in doc.mentions if m.cls == "Person"}


def test_an_honorific_is_part_of_the_name() -> None:
    text = "Ms. Brandvold (for herself and Mr. Okonjo) introduced the following bill."
    assert {"Ms. Brandvold", "Mr. Okonjo"} <= persons(text)


def test_mc_and_o_surnames_are_whole() -> None:
    text = "Mr. McAllister and Mrs. O'Hare wrote to the committee on 3 May 2021 about it."
    assert {"Mr. McAllister", "Mrs. O'Hare"} <= persons(text)


def test_accented_letters_are_part_of_a_name() -> None:
    text = "Ms. Velásquez (for herself and Mr. Ibáñez) introduced the following bill."
    assert {"Ms. Velásquez", "Mr. Ibáñez"} <= persons(text)


def mentions(text: str) -> dict[str, str]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    return {m.text: m.cls for m in doc.mentions}


def test_a_menu_of_ordinary_words_names_nothing() -> None:
    text = (
        "Latest Stories\n\nPrivacy Policy | Contact Us\n\n"
        "The Freedonian Border Agency detained 12 reporters on 3 May 2021, the Zembla "
        "Press Union said."
    )
    found = mentions(text)
    assert not any(n in found for n in ("Latest Stories", "Privacy Policy", "Contact Us"))
    assert found.get("Zembla Press Union") == "Organization"


def test_a_word_in_capitals_is_no_acronym() -> None:
    found = mentions(
        "FILE BILL\n\nThe report by the Zembla Press Union (ZPU) was read by ZPU staff."
    )
    assert "FILE" not in found and "BILL" not in found
    assert found.get("ZPU") == "Organization"


def test_a_city_name_as_a_first_name_is_no_place() -> None:
    found = mentions("We stand with Vladimir Petrov and Mr. Nelson, the monitors said on Monday.")
    assert found.get("Vladimir") != "Place" and found.get("Nelson") != "Place"
    found = mentions("Protests against Vladimir Petrov's government spread in May.")
    assert found.get("Vladimir") != "Place"


def test_a_name_with_a_role_in_apposition_is_a_person() -> None:
    # the model alone reads this name as a place
    text = "Tahir Rakhimov, director of the Campaign for Refugee Rights, told reporters so."
    assert mentions(text).get("Tahir Rakhimov") == "Person"


def test_a_province_keeps_the_kind_the_text_gives() -> None:
    found = mentions(
        "Thousands fled the fighting in central Kachin state last year, the agency said."
    )
    assert found.get("Kachin state") == "Place"
    # one node with the province named without its kind, here or in another report
    doc = extract(
        Document(Path("t.txt"), "t.txt", "Police in Kachin State fled.", "0" * 64, "text/plain")
    )
    assert [m.canonical for m in doc.mentions if m.cls == "Place"] == ["Kachin"]


def test_a_part_of_a_state_named_by_its_direction_is_a_place() -> None:
    found = mentions("Militias abducted 30 farmers in eastern Chad in May 2021, the agency said.")
    assert found.get("eastern Chad") == "Place"


def test_a_lone_unknown_name_that_acts_is_a_body_not_a_place() -> None:
    # the model alone reads "Vellistan" as a place; no gazetteer knows it
    found = mentions("Thousands were killed in attacks carried out by Vellistan in May.")
    assert found.get("Vellistan") == "Organization"
    assert mentions("Thousands fled to Vellistan in May.").get("Vellistan") != "Organization"


def test_a_state_s_initials_name_it_where_the_text_names_it_in_full() -> None:
    text = "Fighting in the Democratic Republic of the Congo spread. The DRC army withdrew."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    full = next(m for m in doc.mentions if m.text == "Democratic Republic of the Congo")
    drc = next(m for m in doc.mentions if m.text == "DRC")
    assert (drc.cls, drc.canonical) == ("Country", full.canonical)


def test_a_name_after_a_role_is_a_person() -> None:
    # the model reads this name as an organization's
    text = (
        "The agency's Representative in the DRC, Angele Vellango-Atangana, called on all "
        "parties to respect the law."
    )
    assert mentions(text).get("Angele Vellango-Atangana") == "Person"


def test_a_name_before_a_body_s_noun_is_a_body() -> None:
    text = "Fighting between the M23 armed group and the army forced thousands to flee."
    assert mentions(text).get("M23") == "Organization"


def test_a_year_before_a_count_is_not_part_of_the_group() -> None:
    found = mentions("Whereas since 2017 more than 700,000 Vellans have fled to Bangladesh;")
    assert "more than 700,000 Vellans" in found
    assert "2017 more than 700,000 Vellans" not in found


def test_a_body_s_mission_is_no_place() -> None:
    text = "The United Nations Independent Fact-Finding Mission on Zembla found abuses."
    assert "Place" not in mentions(text).values()
    assert mentions("The Spanish Embassy in Lima was closed.").get("Spanish Embassy in Lima") == (
        "Place"
    )


def test_the_short_name_of_a_known_body_names_it() -> None:
    found = extract(
        Document(
            Path("t.txt"), "t.txt", "The EU imposed sanctions on Chad.", "0" * 64, "text/plain"
        )
    ).mentions
    eu = next(m for m in found if m.text == "EU")
    assert (eu.cls, eu.canonical) == ("Organization", "European Union")
    text = "Both are parties to the 1951 UN Convention Relating to the Status of Refugees."
    assert "UN" not in mentions(text)


def test_words_written_as_acronyms_name_no_body() -> None:
    assert "Organization" not in mentions("LGBT activists were arrested in May 2012.").values()


def test_a_chair_before_a_name_and_kin_before_it_say_a_person() -> None:
    text = (
        "Commission Chair Lena Vell said the ruling was wrong. "
        "His fiancée, Hatice Dell, waited outside."
    )
    found = {
        m.text: m.cls
        for m in extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain")).mentions
    }
    assert found.get("Lena Vell") == "Person" and "Chair Lena Vell" not in found
    assert found.get("Hatice Dell") == "Person"


def test_a_full_name_given_a_person_is_that_person_where_the_model_reads_a_body() -> None:
    text = (
        'Journalist Amira Tolan was arrested on 3 October. "Amira Tolan has been detained '
        'solely for her work," said Dana Okoro.'
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert {m.cls for m in doc.mentions if m.text == "Amira Tolan"} == {"Person"}


def _named(text: str) -> dict[str, tuple[str, str]]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    return {m.text: (m.cls, m.canonical) for m in doc.mentions}


def test_a_body_named_by_one_word_after_the() -> None:
    found = _named("The Taliban seized Kabul in 2021. The Pakistani Taliban claimed the attacks.")
    assert found["Taliban"] == ("Organization", "Taliban")


def test_a_people_after_the_is_not_a_body() -> None:
    found = _named("Vellian students fled in 2021. The police detained the Vellians in May.")
    assert found.get("Vellians", ("Group", ""))[0] != "Organization"


def test_the_body_called_by_one_word_of_its_name() -> None:
    found = _named(
        "The Zemban Commission of Inquiry on Vellia published its report in May 2021. "
        "Officials refused to cooperate with the Commission, which found crimes against humanity."
    )
    assert found["Commission"] == ("Organization", "Zemban Commission of Inquiry")


def test_a_name_after_a_persons_role_is_a_person() -> None:
    found = _named(
        "In 2012 she was awarded the prize by the European Parliament, together with the "
        "filmmaker Jafar Panahi."
    )
    assert found["Jafar Panahi"][0] == "Person"


def test_a_title_before_a_speakers_name_is_not_part_of_it() -> None:
    found = _named("China rejected the statement in 2021. Spokesperson Zhao Lijian said so.")
    assert "Zhao Lijian" in found
    assert "Spokesperson Zhao Lijian" not in found


def test_initials_and_a_name_in_apposition_are_one_body() -> None:
    found = _named(
        "ZRC, the Zembla Refugee Council, is alarmed by the returns in 2021. Aid from the "
        "United Nations, EU, and other donors fell."
    )
    assert found["Zembla Refugee Council"][1] == found["ZRC"][1]
    assert found["United Nations"][1] != found["EU"][1]


def test_an_autonomous_region_is_the_region_its_first_word_names() -> None:
    text = "Most live in the Xinjiang Uyghur Autonomous Region. Others left Xinjiang."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert {m.canonical for m in doc.mentions if m.cls == "Place"} == {"Xinjiang"}


def test_a_family_name_inside_a_body_s_name_is_not_the_person() -> None:
    text = (
        "Police arrested the journalist Ano Vell in Orun. "
        "The Vell Human Rights Council condemned the arrest."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    inside = [m for m in doc.mentions if m.cls == "Person" and m.start > text.index("The Vell")]
    assert inside == []


def test_a_name_apposed_to_someone_of_an_age_is_a_person() -> None:
    text = "On April 12, police in Orun shot a 24-year-old man, Ion Varga, at a protest."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert [m.cls for m in doc.mentions if m.text == "Ion Varga"] == ["Person"]


def test_the_model_s_word_at_an_offset_is_found_inside_a_long_word() -> None:
    from reportgraph.extract.nlp import tagged_as, token_at

    text = "The refugees met officials of the Vell Refugee Council in Geneva."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    at = text.index("Geneva")
    assert token_at(doc, at).text == "Geneva"
    assert token_at(doc, at + 3).text == "Geneva"  # the word around the character
    assert tagged_as(doc, at, "GPE")


def test_who_after_a_name_tells_a_person() -> None:
    for name in ("Nwe Su Win", "San Su Win"):  # the model reads a body, and a place
        text = f'"I feel sad," a stone-faced {name}, who is married to one of them, said.'
        assert name in persons(text)


def test_no_person_inside_a_body_s_name() -> None:
    text = "Aung Tin, a judge at the Vellon Regional High Court, said the verdict was fair."
    assert persons(text) == {"Aung Tin"}


def test_the_first_of_a_list_of_people_is_a_person_too() -> None:
    for name in ("Hedi Bhira", "Noureddine Zembli"):  # the model reads a place, a body
        text = f"Top row (L-R): {name}, Khayam Berg, Abdelhamid Lund, Ghazi Tomas."
        assert name in persons(text)


def test_where_people_are_kept_or_what_a_place_is_near_is_a_place() -> None:
    text = "The refugees are being sheltered in Pulau Vellan near Simpang Ulim and receive food."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    places = {m.text for m in doc.mentions if m.cls == "Place"}
    assert {"Pulau Vellan", "Simpang Ulim"} <= places

"""Entity boundaries and classes on text shaped like reports the project has not seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.model import Document


def doc(text: str, date: str | None = "2012-03") -> Document:
    return Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date=date)


def laws(text: str) -> dict[str, str]:
    return {
        " ".join(m.text.split()): m.canonical for m in extract(doc(text)).mentions if m.cls == "Law"
    }


def test_a_law_name_wrapped_across_lines_keeps_its_listed_subject() -> None:
    text = (
        "Whereas Article 3 of the United Nations Convention Against\n"
        "\t\t\t Torture, Cruel, Inhumane or Degrading Treatment or Punishment states, No\n"
        "\t\t\t State Party shall expel a person; whereas the United Nations Convention\n"
        "\t\t\t Against Torture, Cruel, Inhumane or Degrading Treatment or Punishment binds it.\n"
    )
    found = laws(text)
    assert (
        "Article 3 of the United Nations Convention Against Torture, Cruel, Inhumane or "
        "Degrading Treatment or Punishment" in found
    )
    assert (
        "United Nations Convention Against Torture, Cruel, Inhumane or Degrading Treatment "
        "or Punishment" in found
    )


def test_a_comma_without_a_closing_or_ends_the_law_name() -> None:
    found = laws("It breaks the Convention Against Torture, Japan said on Monday.")
    assert "Convention Against Torture" in found


def test_the_year_after_a_treaty_name_is_not_part_of_its_name() -> None:
    found = laws(
        "China violates the United Nations Convention relating to the Status of Refugees "
        "of 1951 and the Convention relating to the Status of Refugees."
    )
    names = {v or k for k, v in found.items()}
    assert names == {"Convention relating to the Status of Refugees"}


def mentions(text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.cls, m.canonical) for m in extract(doc(text)).mentions}


def test_a_curled_apostrophe_keeps_the_whole_state_name() -> None:
    found = mentions("Officials of the Democratic People\u2019s Republic of Korea refused.")
    assert found["Democratic People\u2019s Republic of Korea"][0] == "Country"
    assert "Republic of Korea" not in found


def test_us_in_capitals_is_the_united_states() -> None:
    found = mentions("The refugees asked the US for asylum.")
    assert found["US"] == ("Country", "United States")


def test_states_that_no_longer_exist_are_states() -> None:
    found = mentions("In 1985 the Soviet Union and Czechoslovakia expelled Soviet dissidents.")
    assert found["Soviet Union"] == ("Country", "Soviet Union")
    assert found["Czechoslovakia"] == ("Country", "Czechoslovakia")
    assert mentions("Troops of the USSR left.")["USSR"] == ("Country", "Soviet Union")


def test_a_name_after_a_body_kind_is_the_body() -> None:
    found = mentions("Since 2009, the war between the armed group Kolo Varam and Chad went on.")
    assert found["Kolo Varam"][0] == "Organization"


def test_experts_named_with_their_body_are_a_group() -> None:
    found = mentions("UN human rights experts said so. Independent experts agreed.")
    assert found["UN human rights experts"][0] == "Group"
    assert found["Independent experts"][0] == "Group"
    assert "experts" not in mentions("The experts agreed.")


def test_the_last_words_of_a_law_named_before_are_not_a_person() -> None:
    found = mentions("Operation Fox Chase began in 2014. Later, Fox Chase went on in Europe.")
    assert found["Fox Chase"] == ("Law", "Operation Fox Chase")


def test_a_name_joined_to_a_person_is_a_person() -> None:
    found = mentions("Police detained the candidates Ana Vell and Félix Barandica in June 2021.")
    assert found["Félix Barandica"][0] == "Person"


def test_a_state_named_only_by_its_adjective_is_named() -> None:
    text = "Chilean and Peruvian firms are sanctioned. Chadian refugees fled."
    found = extract(doc(text)).mentions
    states = {(m.text, m.canonical) for m in found if m.source == "adjectives"}
    assert states == {("Chilean", "Chile"), ("Peruvian", "Peru")}  # not inside a group


def test_a_seat_of_government_stands_for_its_state_where_it_acts() -> None:
    found = extract(doc("The Kremlin denied it. Protesters met at the White House.")).mentions
    seats = {(m.text, m.canonical) for m in found if m.source == "seats"}
    assert seats == {("Kremlin", "Russia")}  # "at the White House" is where they met


def test_a_name_before_a_lower_case_kind_of_place_is_a_place() -> None:
    found = mentions("In 2014 the militia attacked the Vellar area of northern Chad.")
    assert found["Vellar area"][0] == "Place"


def test_a_lettered_covenant_is_one_law() -> None:
    found = laws("This is a breach of Covenant B of the Refugees Convention (civil rights).")
    assert "Covenant B of the Refugees Convention" in found
    assert "B of the Refugees Convention" not in found


def test_a_heading_number_is_not_part_of_a_name() -> None:
    found = mentions("Report\n\nD. Medical treatment aid\n\nWe sent medicine to the clinic.\n")
    assert not any(text.startswith("D.") for text in found)


def test_an_office_inside_a_facility_name_is_not_a_second_body() -> None:
    found = mentions("In June, seven men and women ran into the UNHCR Office in Beijing.")
    assert found["UNHCR Office in Beijing"][0] == "Place"
    assert "UNHCR Office" not in found


def groups(text: str) -> dict[str, str]:
    return {
        " ".join(m.text.split()): m.canonical
        for m in extract(doc(text)).mentions
        if m.cls == "Group"
    }


def test_many_and_all_are_not_part_of_a_group_name() -> None:
    found = groups("Many Syrian refugees stayed, but all Eritreans left.")
    assert set(found) == {"Syrian refugees", "Eritreans"}


def test_an_approximate_count_and_a_group_of_belong_to_the_group() -> None:
    found = groups(
        "Police held around 30 Eritrean migrants. A group of human rights activists protested, "
        "and the army detained a group of some 25 people."
    )
    assert "around 30 Eritrean migrants" in found
    assert "A group of human rights activists" in found
    assert "a group of some 25 people" in found


def test_a_count_in_thousands_names_the_people() -> None:
    found = groups("Some 300,000 Eritrean refugees live abroad; 12 Eritrean refugees were held.")
    assert found["Some 300,000 Eritrean refugees"] == "Eritrean refugees"
    assert found["12 Eritrean refugees"] in ("", "12 Eritrean refugees")
    # a people no state is named for, counted by the phrase rules too
    found = groups("Nearly 700,000 Zembi people fled; tens of thousands of Zembi herders hid.")
    assert found["Nearly 700,000 Zembi people"] == "Zembi people"
    # the name leaves "tens of thousands of" out
    assert found["tens of thousands of Zembi herders"] == "Zembi herders"
    found = groups("Some 153,000 people were displaced in May 2004.")
    assert found["Some 153,000 people"] == "Some 153,000 people"


def test_a_body_named_only_inside_a_law_or_for_its_part_is_not_mentioned() -> None:
    found = mentions(
        "It violates the United Nations Convention relating to the Status of Refugees. "
        "The United Nations refugee agency called on Laos to stop."
    )
    assert "United Nations" not in found


def test_a_place_name_wrapped_across_lines_is_found() -> None:
    found = mentions("Mr. Smith of New\n\t\t\t Jersey (for himself) submitted the resolution.")
    assert found["New\n\t\t\t Jersey"] == ("Place", "New Jersey")
    assert "Jersey" not in found


def test_an_honorific_makes_a_lone_surname_a_person_but_not_a_title() -> None:
    found = mentions(
        "Mr. Smith (for himself and Mr.\n\t Royce) wrote. Dear Mr. Ambassador: thanks."
    )
    assert found["Mr.\n\t Royce"][0] == "Person"
    assert not any("Ambassador" in name for name in found)


def test_a_family_named_after_a_member_is_no_person() -> None:
    found = mentions("Five members of the Kim Han-mee family were detained.")
    assert "Kim Han-mee" not in found


def test_a_lone_facility_word_and_shouted_words_are_no_names() -> None:
    found = mentions('EVENT ADVISORY: Commissioners discuss "A Prison Without Bars" in Rome.')
    assert "Prison" not in found
    assert "EVENT" not in found


def test_security_agents_are_people_not_a_security_body() -> None:
    found = mentions("Eritrean security agents are said to be flooding into Sudan.")
    assert found["Eritrean security agents"][0] == "Group"
    assert "Eritrean security" not in found


def test_a_capital_with_a_curled_possessive_stands_for_its_state() -> None:
    found = mentions("Activists began a hunger strike against Hanoi\u2019s repatriation policy.")
    assert found["Hanoi"] == ("Country", "Vietnam")


def test_an_address_names_no_place_nor_body() -> None:
    found = mentions("Embassy of Peru\n2300 Connecticut Avenue, N.W.\nWashington, DC 20008\n")
    assert not any(text.startswith(("Connecticut", "N.W")) for text in found)


def test_a_name_the_model_cuts_from_a_title_is_not_a_body() -> None:
    found = mentions("Commission Vice Chair Land and Commissioner Shea will discuss the report.")
    assert "Chair Land" not in found


def test_a_numbered_bill_or_resolution_is_a_law() -> None:
    found = laws("112TH CONGRESS\n\tH. CON. RES. 109\nand H.R. 1464 were referred.")
    assert "H. CON. RES. 109" in found
    assert "H.R. 1464" in found


def test_a_one_word_place_in_a_heading_needs_the_gazetteer() -> None:
    found = mentions("Impact on Refugees Now in Hiding\n\nRefugees hide in Tumen and Lyon.\n")
    assert "Hiding" not in found
    assert found["Lyon"][0] == "Place"


def test_peoples_sharing_one_noun_are_each_a_group() -> None:
    found = groups("Traffickers work with Chinese and Lao border guards to recruit women.")
    assert found["Chinese"] == "Chinese border guards"
    assert "Lao border guards" in found


def test_a_states_camps_are_one_place() -> None:
    found = mentions("Women are subject to forced labor in DPRK labor camps.")
    assert found["DPRK labor camps"][0] == "Place"


def test_the_family_alone_names_no_group() -> None:
    found = groups("The Lee family fled in 1999. The family came to Laos by night.")
    assert "The Lee family" in found
    # no group of its own: at most the family told of before (extract/people.py)
    assert found.get("The family", "The Lee family") == "The Lee family"


def test_a_policy_in_a_heading_is_not_a_named_policy() -> None:
    found = laws("Laos's Two-Faced Policy\n\nLaos signed the Open Door Policy in 2001.\n")
    assert not any("Two-Faced" in text for text in found)
    assert "Open Door Policy" in found


def test_a_name_before_lower_case_city_or_province_is_a_place() -> None:
    found = mentions("An official document of Yanji city in Jilin province says so.")
    assert found["Yanji city"][0] == "Place"
    assert found["Jilin province"][0] == "Place"
    assert "Chinese city" not in mentions("He lives in a Chinese city near the border.")


def test_a_website_named_in_prose_is_a_body() -> None:
    found = mentions("The petition started on a website called www.change.org on Feb. 12.")
    assert found["www.change.org"][0] == "Organization"


def test_a_reference_mark_glued_to_a_name_is_not_part_of_it() -> None:
    found = mentions("The law was signed by Tomas Vellberg.[3][4] It came into force in May.")
    assert "Tomas Vellberg" in found
    assert not any("[" in text for text in found)


def test_a_state_written_in_capitals_is_the_state() -> None:
    found = mentions("Food was sent to BANGLADESH in May.")
    assert found["BANGLADESH"] == ("Country", "Bangladesh")


def test_a_numbered_congress_is_the_congress() -> None:
    found = mentions("A bill of the 113th Congress was read.\n\n113th CONGRESS\n1st Session\n")
    assert found["113th Congress"] == ("Organization", "United States Congress")
    assert found["113th CONGRESS"] == ("Organization", "United States Congress")
    found = mentions("Delegates met at the 19th Congress of the Vellan Workers' Party.")
    assert found.get("19th Congress", ("", ""))[1] != "United States Congress"


def test_a_lone_unknown_name_that_lives_or_dies_is_a_person() -> None:
    from reportgraph.extract.entities import _acts_as_person
    from reportgraph.extract.nlp import load_model

    nlp = load_model()
    murdered = nlp("Kashvili was murdered inside the consulate.")
    assert _acts_as_person(murdered[0:1])
    kin = nlp("Kashvili's fiancee waited outside.")
    assert _acts_as_person(kin[0:1])
    city = nlp("Ostrava was murdered, the play says.")  # a gazetteer's city stays a place
    assert not _acts_as_person(city[0:1])


def test_a_wiki_header_names_its_publisher() -> None:
    found = mentions("Vell genocide\nFrom Vellopedia, the free encyclopedia\nThe Vell genocide ...")
    assert found["Vellopedia"] == ("Organization", "Vellopedia")


def test_names_english_keeps_for_renamed_states_are_the_states() -> None:
    found = mentions("Refugees crossed from Syria into Turkey and later reached Ivory Coast.")
    assert found["Turkey"][0] == "Country"
    assert found["Ivory Coast"][0] == "Country"


def test_a_title_before_a_family_name_alone_is_part_of_the_name() -> None:
    found = mentions("Secretary Vellberg met the refugees. President Ana Vellberg spoke later.")
    assert found["Secretary Vellberg"][0] == "Person"
    assert "Ana Vellberg" in found  # a full name keeps its title out


def test_an_honorific_glued_to_a_date_still_names_the_person() -> None:
    found = mentions("IN THE HOUSE OF REPRESENTATIVESMay 10, 2019Ms. Velloso introduced the bill.")
    assert found["Ms. Velloso"][0] == "Person"


def test_particles_inside_a_persons_name_stay_in_it() -> None:
    found = mentions("Ms. al-Vellani was arrested. Crown Prince Tariq bin Vellan denied it.")
    assert found["Ms. al-Vellani"][0] == "Person"
    assert found["Tariq bin Vellan"][0] == "Person"


def test_a_byline_names_its_person_though_her_name_is_made_of_english_words() -> None:
    text = (
        "Second Report on the Border\n\n"
        "8/20/2022  Jack Stone, Department Spokesperson\n\nThe camps are full."
    )
    assert mentions(text).get("Jack Stone", ("",))[0] == "Person"


def test_a_name_with_a_particle_the_model_finds_is_kept_whole() -> None:
    found = mentions("Troops loyal to Tariq al-Vellani shelled the town in May 2014.")
    assert found.get("Tariq al-Vellani", ("",))[0] == "Person"


def test_a_page_format_or_section_mark_in_capitals_is_no_body() -> None:
    text = "For the full text, see the PDF or HTML/XML. SEC. 2. The Zembla Refugee Council said."
    found = mentions(text)
    assert not {"PDF", "HTML/XML", "SEC", "HTML", "XML"} & set(found)
    assert found["Zembla Refugee Council"][0] == "Organization"


def test_a_body_named_after_its_state_is_read_whole_with_its_acronym() -> None:
    text = (
        "The case was led by U.S. Immigration and Customs Enforcement\u2019s (ICE) agents in "
        "May 2012. ICE said the case was closed."
    )
    found = mentions(text)
    assert found["U.S. Immigration and Customs Enforcement"][0] == "Organization"
    assert found["ICE"] == ("Organization", "U.S. Immigration and Customs Enforcement")


def test_an_office_named_without_its_holder_is_an_organization() -> None:
    found = mentions("In 2016 the Secretary of State declared that the camps must close.")
    assert found.get("Secretary of State", ("",))[0] == "Organization"
    found = mentions("In 2016 the Secretary of State Ana Vell visited the camps.")
    assert "Secretary of State" not in found and found["Ana Vell"][0] == "Person"


def test_peoples_given_as_examples_are_groups() -> None:
    found = groups(
        "The militia targeted religious minorities, including Zembites, Orvash, Tal-Kerans "
        "and Vellan Christians, and attacked towns such as Zemba and Orvil."
    )
    assert {"Zembites", "Orvash", "Tal-Kerans"} <= set(found)
    assert "Zemba" not in found and "Orvil" not in found  # towns, not a people's examples


def test_a_headline_is_cut_at_its_verb_into_the_bodies_it_names() -> None:
    found = mentions(
        "Vellian High Court Dissolves Main Opposition Party\n\nThe court ruled on Monday.\n"
    )
    assert "Vellian High Court" in found and "Main Opposition Party" in found
    assert not any("Dissolves" in name for name in found)


def test_a_name_alone_on_its_line_ending_in_a_verbs_spelling_is_a_name() -> None:
    found = mentions("We urge the government to act.\n\nMigrant Rights Watch\n")
    assert "Migrant Rights Watch" in found


def test_a_title_cited_inside_a_sentence_is_cut_at_its_verb_too() -> None:
    found = mentions(
        "The party appealed. (Ana Vell, Vellian High Court Dissolves Main Opposition Party,"
        " THE DAILY (Nov. 16, 2017).)"
    )
    assert "Vellian High Court" in found
    assert not any("Dissolves" in name for name in found)


def test_a_dateline_names_a_place_and_no_one_who_takes_part() -> None:
    text = "NIAMEY, Nov 3 (Reuters) - Chad deported 200 Malian refugees on Friday."
    annotated = extract(doc(text))
    assert ("Place", "Niamey") in {(m.cls, m.canonical) for m in annotated.mentions}
    deported = next(e for e in annotated.events if e.cls == "Repatriation")
    named = [m.canonical for m in (*deported.agents, *deported.affected, *deported.others)]
    assert "Reuters" not in named and "Niamey" not in named
    # an all-capitals line that is no dateline names no place
    assert "UN" not in {m.text for m in annotated.mentions if m.cls == "Place"}


def test_a_dateline_with_the_day_before_the_month() -> None:
    text = "NIAMEY, 12 October 2021 \u2014 Two Zemban refugees were shot dead on Sunday."
    annotated = extract(doc(text))
    assert ("Place", "Niamey") in {(m.cls, m.canonical) for m in annotated.mentions}
    killed = next(e for e in annotated.events if e.cls == "Punishment")
    assert "Niamey" not in [m.canonical for m in (*killed.agents, *killed.others)]


@pytest.mark.parametrize(
    "text",
    [
        "ISLAMABAD, Apr 8 (Vell Wire) Chad deported 200 Malian refugees on Friday.",
        "ISLAMABAD: Chad deported 200 Malian refugees on Friday.",
        "Page one. Islamabad, April 8 Chad deported 200 Malian refugees on Friday.",
    ],
)
def test_a_dateline_with_a_colon_a_wire_or_a_date_and_no_dash(text: str) -> None:
    found = {(m.cls, m.canonical) for m in extract(doc(text)).mentions}
    assert ("Place", "Islamabad") in found and ("Country", "Pakistan") not in found


def test_a_people_s_adjective_is_no_place() -> None:
    found = mentions("Kazakhstan extradites Tajik opposition activist despite warning\n\nText.")
    assert found.get("Tajik", ("", ""))[0] != "Place"


def test_a_body_named_against_or_to_do_something() -> None:
    found = mentions(
        "The U.N. Committee Against Torture and the Committee to Protect Journalists "
        "wrote to Chad. Chad asked the Security Council to Act."
    )
    assert found["U.N. Committee Against Torture"][0] == "Organization"
    assert found["Committee to Protect Journalists"][0] == "Organization"
    assert "Security Council to Act" not in found


def test_a_prefix_of_a_body_name_is_no_people() -> None:
    found = mentions("In 2021 the Inter-American Court and the Pan-African Parliament met.")
    assert "Inter-American" not in found and "Pan-African" not in found
    assert mentions("In 2021 the Malian-French in Lyon protested.")["Malian-French"][0] == "Group"


def test_a_name_before_a_site_noun_names_the_site() -> None:
    found = mentions("In May 2021 they were taken to the El Varo detention center near Lima.")
    assert found["El Varo detention center"][0] == "Place"
    assert "El Varo" not in found


def test_a_name_after_a_media_kind_is_the_body() -> None:
    found = mentions("Ana Vell, the director of the independent outlet Zemba Media, was held.")
    assert found["Zemba Media"][0] == "Organization"


def test_a_dateline_dash_is_not_part_of_a_group() -> None:
    found = mentions("LIMA, May 4, 2021 - Three local aid workers were detained by the police.")
    assert "Three local aid workers" in found


def test_an_office_named_for_its_work_is_a_body_not_a_place() -> None:
    found = mentions("The United Nations Office for the Coordination of Relief said so in 2021.")
    assert "United Nations Office" not in found


def test_a_bill_header_names_no_body_by_its_stage() -> None:
    found = mentions("[S. 12 Introduced in Senate (IS)]\n\nThe Senate met in May 2021.")
    assert "Introduced in Senate" not in found and "IS" not in found
    assert found["Senate"][0] == "Organization"


def test_a_high_commissioner_named_with_un_in_dots() -> None:
    found = mentions("In 2021 the U.N. High Commissioner for Refugees visited Chad.")
    assert found["U.N. High Commissioner for Refugees"][0] == "Organization"


def test_a_known_body_written_with_dots_is_that_body() -> None:
    found = mentions("In May 2021 U.N. agencies in Chad helped. The E.U. agreed in June 2021.")
    assert found["U.N."] == ("Organization", "United Nations")
    assert found["E.U."] == ("Organization", "European Union")


def test_a_person_of_a_state_named_by_adjective_is_no_state() -> None:
    text = "In 2021 a Chilean activist said Peruvian firms were sanctioned."
    found = extract(doc(text)).mentions
    states = {m.text for m in found if m.source == "adjectives"}
    assert states == {"Peruvian"}


def test_one_of_a_states_people_or_things_is_no_state() -> None:
    text = "In 2021 a Chilean schoolteacher was abducted, and Peruvian firms were sanctioned."
    found = extract(doc(text)).mentions
    states = {m.text for m in found if m.source == "adjectives"}
    assert states == {"Peruvian"}


def test_a_people_counted_is_a_group() -> None:
    found = mentions("In 2017 more than one million Vellians were held in camps.")
    assert found["Vellians"][0] == "Group"


def test_a_capital_after_a_possessive_is_a_place_not_its_state() -> None:
    annotated = extract(doc("Security forces arrested Ana Vell at her Nairobi home in May 2022."))
    arrest = next(e for e in annotated.events if e.cls == "Arrest")
    assert "Kenya" not in [m.canonical for m in arrest.affected]


def test_a_capital_second_in_a_list_of_places_and_a_principle_of_non_return() -> None:
    annotated = extract(
        doc(
            "In 2023 police conducted raids in Mombasa and Nairobi, detaining 40 families. "
            "Vell Watch urged Kenya to respect the principle of non-refoulement."
        )
    )
    assert ("Place", "Nairobi") in {(m.cls, m.canonical) for m in annotated.mentions}
    assert not any(e.cls == "Repatriation" for e in annotated.events)


def test_a_headline_s_act_word_is_no_person_s_name() -> None:
    found = mentions("Kenya: Mass Deportations of Zembans Put Thousands at Risk\n\nText.")
    assert found.get("Mass Deportations", ("", ""))[0] != "Person"


def test_an_accented_dateline_city_and_a_un_verification_mission() -> None:
    text = (
        "BOGOTÁ, Colombia (AP) \u2014 Two leaders were killed. The UN Verification Mission "
        "in Zembla said so."
    )
    found = {(m.cls, m.canonical) for m in extract(doc(text)).mentions}
    assert ("Place", "Bogotá") in found
    assert ("Organization", "UN Verification Mission in Zembla") in found


def test_an_encyclopedia_s_note_marks_are_no_part_of_the_names_they_follow() -> None:
    text = (
        "Police arrested the blogger Ana Vell[14] in Zembla on 3 May 2009. "
        "The foreign agent law[a] was criticized by Vellian lawyers.[7][8]"
    )
    document = extract(doc(text))
    found = {m.text: m.cls for m in document.mentions}
    assert found["Ana Vell"] == "Person"
    assert found["foreign agent law"] == "Law"
    arrest = next(e for e in document.events if e.cls == "Arrest")
    assert [m.text for m in arrest.affected] == ["Ana Vell"]


def test_a_family_name_the_model_takes_for_a_place_is_the_person_named_before() -> None:
    text = (
        "Police arrested the rights defender Farid Osmanov in Vellia in March 2021. "
        "The European Union and the United States have urged Vellia to release Osmanov."
    )
    found = [(m.text, m.cls) for m in extract(doc(text)).mentions if m.text == "Osmanov"]
    assert found == [("Osmanov", "Person")]


def test_a_dateline_city_the_gazetteer_does_not_know_is_a_place_all_the_same() -> None:
    text = (
        "VELLGRAD, June 2 (Zembla Wire) - Vellia's Supreme Court on Thursday upheld a "
        "12-year prison sentence against the rights defender Farid Osmanov, his lawyer said."
    )
    document = extract(doc(text))
    assert ("VELLGRAD", "Place") in {(m.text, m.cls) for m in document.mentions}
    upheld = next(e for e in document.events if e.trigger == "upheld")
    assert "VELLGRAD" not in {m.text for m in upheld.agents}


def test_a_city_that_is_a_persons_family_name_is_the_person() -> None:
    text = (
        "A judge sentenced Jorge Lima, 41, of Tijuana, to five years in prison. Lima and "
        "Vell charged each migrant 5,000 dollars."
    )
    found = [(m.text, m.cls) for m in extract(doc(text)).mentions if "Lima" in m.text]
    assert found == [("Jorge Lima", "Person"), ("Lima", "Person")]


def test_a_religious_title_is_no_part_of_the_name() -> None:
    found = extract(doc("Archbishop Pius Vellan of Tarsa called for calm in May.")).mentions
    assert "Pius Vellan" in {m.text for m in found if m.cls == "Person"}


def test_where_people_are_relocated_to_is_a_place() -> None:
    text = "The government began relocating refugees to Bhasan Vell without their consent."
    kinds = {m.text: m.cls for m in extract(doc(text)).mentions}
    assert kinds.get("Bhasan Vell") == "Place"


def test_a_year_before_the_is_no_part_of_a_laws_name() -> None:
    found = laws(
        "In 2018 the Press Act came into force, and by 2020 the Vell Convention had 40 parties."
    )
    assert set(found) == {"Press Act", "Vell Convention"}


def test_a_right_named_in_a_heading_is_no_body() -> None:
    text = "d. Freedom of Movement and the Right to Leave the Country\n\nThe law provides it."
    assert "Freedom of Movement" not in {m.text for m in extract(doc(text)).mentions}


def test_a_state_party_to_a_treaty_is_no_body() -> None:
    found = mentions(
        "Under the Covenant, to which Zembla is a State party, trials must be fair. "
        "States Parties report every four years. The Vell party won."
    )
    assert not any("part" in text.lower() and text != "Vell party" for text in found)
    assert found["Vell party"][0] == "Organization"


def test_a_medium_named_by_its_kind_before_it_is_a_body() -> None:
    found = mentions(
        "Police raided the offices of the news website Vellnet. The newspaper Zembadaily "
        "reported it. The site On Monday was down."
    )
    assert found["Vellnet"][0] == found["Zembadaily"][0] == "Organization"
    assert "On Monday" not in found


def test_a_bodys_name_runs_over_the_place_its_acronym_spells() -> None:
    found = mentions(
        "The Council for Security and Cooperation in Asia (CSCA) criticised the arrests. "
        "The Refugee Council in Chad (RC) said."
    )
    assert found["Council for Security and Cooperation in Asia"][0] == "Organization"
    assert "Asia" not in found
    assert found["Refugee Council"][0] == "Organization" and found["Chad"][0] == "Country"


def test_a_force_and_a_peoples_force_are_bodies_of_one_name() -> None:
    found = mentions(
        "Soldiers of the Zemba People's Defence Force killed 40 people. Tomas Orun, a former "
        "commander of the Vell People's Defence Force, was designated. The Vellish Border "
        "Force detained 12 men."
    )
    assert found["Zemba People's Defence Force"][0] == "Organization"
    assert found["Vell People's Defence Force"][0] == "Organization"
    assert found["Vellish Border Force"][0] == "Organization"


def test_a_body_for_a_cause_in_a_state_is_named_whole() -> None:
    found = mentions(
        "Ana Vell, director of the Campaign for Human Rights in Laos, spoke. The Committee "
        "for Democracy in Chad said. The Office for Refugees in Chad said."
    )
    assert found["Campaign for Human Rights in Laos"][0] == "Organization"
    assert found["Committee for Democracy in Chad"][0] == "Organization"
    assert found["Office for Refugees"][0] == "Organization" and "Chad" in found


def test_a_person_named_by_the_family_name_alone_is_a_person() -> None:
    found = mentions(
        "Critics say Talberg uses the courts to silence dissent. Amnesty said that "
        "Dzhokhar's trial was unfair. The opposition leader, Ana Morel, was arrested; "
        "Morel denies the charges."
    )
    assert found["Talberg"][0] == "Person"
    assert found["Dzhokhar"][0] == "Person"
    assert found["Morel"] == ("Person", "Ana Morel")  # the person named in full


def test_a_lone_name_in_a_list_of_places_or_owning_an_office_is_no_person() -> None:
    found = mentions(
        "In Kachin, Karen, Mon and Shan states, the army burned villages. "
        "Vellton's mayor said the curfew would stay."
    )
    assert found.get("Mon", ("",))[0] != "Person"
    assert found.get("Vellton", ("",))[0] != "Person"
    found = mentions("Most Vellans live in the Orun Autonomous Region of western Zembla.")
    assert found.get("Zembla", ("",))[0] != "Person"


def test_the_regions_a_post_is_named_after_are_no_places() -> None:
    found = mentions(
        '"Free them," said Ana Vell, Europe and Central Asia director at the Vell Watch. '
        "The group's Kenya researcher, Tomas Orun, met refugees in Nairobi."
    )
    assert "Europe" not in found and "Central Asia" not in found and "Kenya" not in found
    assert found["Nairobi"][0] == "Place"


def test_a_web_page_s_furniture_names_no_one() -> None:
    text = (
        "Skip to main content\nHome\nBreaking News\n\n"
        "Zembla Jails Opposition Leader\n\n"
        "A court in Orun sentenced Tomas Varga to five years on Tuesday.\n\n"
        "Related\nVell Council condemns crackdown in Orun\n\n"
        "Share this article\nFacebook Twitter Email\n"
        "Terms of Use | Privacy Policy | Cookie Settings | Contact Us\n"
    )
    found = mentions(text)
    assert "Tomas Varga" in found
    for furniture in ("Breaking News", "Vell Council", "Facebook Twitter Email"):
        assert furniture not in found
    assert "Zembla Jails Opposition Leader" not in found  # a headline, not a body
    events = extract(doc(text)).events
    assert [e.trigger for e in events] == ["sentenced"]


def test_a_post_named_after_a_person_is_no_body() -> None:
    found = mentions(
        "The experts: Ms. Ana Sallo, Special Rapporteur on the independence of judges; "
        "Mr. Tomas Brel, Chair-Rapporteur of the Working Group on Arbitrary Detention."
    )
    assert "Special Rapporteur" not in found and "Chair-Rapporteur" not in found
    assert found["Working Group on Arbitrary Detention"][0] == "Organization"


@pytest.mark.parametrize(
    ("text", "name", "cls"),
    [  # a lone name that lies near a place is a place: "near Vellos in southern Greece"
        ("Sixty people died near Vellos in southern Greece after a boat sank.", "Vellos", "Place"),
        # a town named by its mayor's office: "the Mayor of Vellarde"
        ("The agency, with the Mayor of Vellarde, opened a second centre.", "Vellarde", "Place"),
    ],
)  # fmt: skip
def test_a_name_the_model_cut_or_misread(text: str, name: str, cls: str) -> None:
    assert mentions(text).get(name, ("", ""))[0] == cls


def test_the_rest_of_a_name_the_model_cut_after_its_first_word() -> None:
    from spacy.tokens import Doc as SpacyDoc

    from reportgraph.extract.entities import _family_name
    from reportgraph.extract.nlp import load_model

    words = ["Zembla", "under", "Aziz", "Vellani", "is", "back"]
    parsed = SpacyDoc(
        load_model().vocab,
        words=words,
        pos=["PROPN", "ADP", "PROPN", "PROPN", "AUX", "ADV"],
        deps=["nsubj", "prep", "compound", "pobj", "ROOT", "advmod"],
        heads=[4, 0, 3, 1, 4, 4],
        ents=["B-GPE", "O", "B-PERSON", "O", "O", "O"],
    )
    assert _family_name(parsed[3], parsed[2:3])  # "Aziz", then "Vellani" it is joined to
    assert not _family_name(parsed[4], parsed[2:4])  # no verb


def test_a_person_named_without_the_middle_name_given_elsewhere() -> None:
    from reportgraph.extract.entities import full_names
    from reportgraph.model import Mention

    named = [
        Mention(0, 16, "Ana Lupu Vellova", "Person", "persons"),
        Mention(20, 26, "Zembla", "Country", "countries"),
        Mention(30, 38, "Tom Vell", "Person", "persons"),
    ]
    assert full_names(named) == {"Ana Lupu Vellova", "Ana Vellova", "Tom Vell"}

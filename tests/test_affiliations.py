"""Where people live and come from, whom legislators represent, who sponsors a bill."""

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


def test_a_group_in_a_state_lives_there() -> None:
    found = relations("About 40,000 Chadian refugees in Cameroon were counted by the agency.")
    assert any(p == "livesIn" and o == "Cameroon" for _, p, o in found)


def test_each_state_a_group_comes_from() -> None:
    found = relations("Asylum seekers from Chad, Niger and Mali were held at the border last May.")
    states = {o for _, p, o in found if p == "citizenOf"}
    assert {"Chad", "Niger", "Mali"} <= states


def test_a_verb_of_living_reaches_the_place() -> None:
    found = relations("The families who live in Cameroon said the camps were full last year.")
    assert any(p == "livesIn" and o == "Cameroon" for _, p, o in found)


def test_a_group_only_beside_a_place_does_not_live_there() -> None:
    found = relations("The refugees said that officials in Cameroon had refused them in May.")
    assert not any(s == "The refugees" and p == "livesIn" for s, p, _ in found)


def test_a_demonym_on_a_group_names_its_state() -> None:
    found = relations("Police detained 40 Malian students on Tuesday, the ministry said.")
    assert any(p == "citizenOf" and o == "Mali" for _, p, o in found)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Honduran President Ana Vell has not commented.", "Honduras"),
        ("Moroccan President Ana Vell has not commented.", "Morocco"),
        ("Salvadoran President Ana Vell has not commented.", "El Salvador"),
    ],
)
def test_a_state_whose_demonym_is_not_its_name_plus_an_ending(text: str, state: str) -> None:
    assert ("Ana Vell", "presidentOf", state) in relations(text)


def test_a_person_named_right_after_a_post_and_a_body_named_with_its_state() -> None:
    text = "On a visit, UN High Commissioner for Refugees Ana Vellani praised Chad."
    assert ("Ana Vellani", "leaderOf", "UN High Commissioner for Refugees") in relations(text)
    text = "A Turkish court jailed 16 journalists in May 2021."
    assert ("A Turkish court", "partOf", "Türkiye") in relations(text)


def test_a_title_alone_heads_the_state_a_report_is_about() -> None:
    text = (
        "Tunisia expelled 40 migrants. Tunisia closed its border. Italy protested. "
        "Tunisia said it would go on. Critics blame President Ana Vell for the crackdown."
    )
    assert ("Ana Vell", "presidentOf", "Tunisia") in relations(text)
    text = "Tunisia expelled 40 migrants. Italy protested. Critics blame President Ana Vell."
    assert not any(p == "presidentOf" for _, p, _ in relations(text))  # no state stands out


def test_a_town_named_by_its_mayor() -> None:
    text = "Vellaqua's mayor, Ana Vell Tomas, ordered the police to stop the students."
    assert ("Ana Vell Tomas", "leaderOf", "Vellaqua") in relations(text)


def test_a_body_named_after_its_state_s_word_and_kind_is_based_there() -> None:
    text = "It was first documented by the Israeli organization Vell Hotline in 2010."
    found = relations(text)
    assert ("Vell Hotline", "basedIn", "Israel") in found
    text = "Fighting went on in Vell Front-controlled Chad for a year."
    assert ("Vell Front", "operatesIn", "Chad") in relations(text)


def test_a_title_alone_does_not_choose_between_two_states() -> None:
    found = relations("Migrants fled Tunisia for Italy after President Ana Vell spoke on Monday.")
    assert not any(p == "presidentOf" for _, p, _ in found)


def test_sponsors_of_a_bill() -> None:
    text = (
        "H. R. 9123\n\nMs. Brandvold (for herself, Mr. Okonjo of Texas, and Mrs. Tal) "
        "introduced the following bill; which was referred to the Committee on the Judiciary."
    )
    found = relations(text)
    assert ("Ms. Brandvold", "sponsored", "H. R. 9123") in found
    assert ("Mrs. Tal", "cosponsored", "H. R. 9123") in found
    assert any(s.startswith("Mr. Okonjo") and p == "represents" for s, p, _ in found)


def test_a_place_at_the_end_of_a_list_of_groups_is_where_each_lives() -> None:
    found = relations("Malian refugees and host communities in Chad receive food.")
    assert any(s == "Malian refugees" and p == "livesIn" and o == "Chad" for s, p, o in found)


def test_a_group_that_lives_somewhere_lives_there() -> None:
    found = relations("Over 20,000 Malian refugees live in Niger, the agency said in May.")
    assert any(p == "livesIn" and o == "Niger" for _, p, o in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The detainees include former Zembla Relief Fund (ZRF) official Ana Vell.",
            ("Ana Vell", "memberOf", "Zembla Relief Fund"),
        ),
        (
            "Ana Vell, a Kenyan journalist and Daily Vell Herald columnist, was detained.",
            ("Ana Vell", "memberOf", "Daily Vell Herald"),
        ),
        (
            "Ana Vell is with the Zembla Refugee Council.",
            ("Ana Vell", "memberOf", "Zembla Refugee Council"),
        ),
        (
            "Ana Vell, an Egyptian-born software developer, was detained.",
            ("Ana Vell", "citizenOf", "Egypt"),
        ),
        (
            "Ana Vell, Vell Watch\u2019s Europe and Central Asia director, said it was unjust.",
            ("Ana Vell", "memberOf", "Vell Watch"),
        ),
        (
            "Vell Watch's Ana Vell said the verdict was unjust.",
            ("Ana Vell", "memberOf", "Vell Watch"),
        ),
        (
            "President Ana Vell of Tunisia said the verdict was just.",
            ("Ana Vell", "presidentOf", "Tunisia"),
        ),
        (
            "Migrants have sought to leave Tunisia since President Ana Vell announced a crackdown.",
            ("Ana Vell", "presidentOf", "Tunisia"),
        ),
        (
            "Many refugees stop in the southern Egyptian city of Aswan on their way north.",
            ("Aswan", "locatedIn", "Egypt"),
        ),
        (  # a word between the state's and the kind: "border", "Kurdish"
            "Refugees crossed into the Egyptian border town of Vellport.",
            ("Vellport", "locatedIn", "Egypt"),
        ),
        (
            "Fighting went on in Ethiopia's northern Vell region.",
            ("Vell region", "partOf", "Ethiopia"),
        ),
        (
            "Ana Vell, a UNHCR-recognised Cambodian refugee, was arrested in January.",
            ("Ana Vell", "citizenOf", "Cambodia"),
        ),
        (
            "Ana Vell, a Christian Pakistani woman, was sentenced.",
            ("Ana Vell", "citizenOf", "Pakistan"),
        ),
        (
            "Supporters of jailed Venezuelan opposition leader Ana Vell gathered.",
            ("Ana Vell", "citizenOf", "Venezuela"),
        ),
    ],
)
def test_a_post_or_a_nationality_said_of_a_person(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_people_defined_as_a_group_lives_where_the_definition_says() -> None:
    found = relations("Zembanis are a mostly Muslim ethnic group in China and Central Asia.")
    assert ("Zembanis", "livesIn", "China") in found
    assert ("Zembanis", "livesIn", "Central Asia") in found


def test_a_body_part_of_another_and_a_state_member_of_a_body() -> None:
    found = relations("Radio Vell is part of the state-funded Broadcasting Board of Zembla.")
    assert ("Radio Vell", "partOf", "Broadcasting Board of Zembla") in found
    found = relations("Chile is a member of the Organization of American States.")
    assert ("Chile", "memberOf", "Organization of American States") in found


def test_a_giver_of_aid_aids_its_receiver() -> None:
    found = relations("In May 2014 Chile sent food aid to 400 Zemban refugees.")
    assert ("Chile", "aids", "400 Zemban refugees") in found
    # counted in the thousands, a people is named without its count (see groups)
    found = relations("In May 2014 Chile sent food aid to 4,000 Zemban refugees.")
    assert ("Chile", "aids", "Zemban refugees") in found


def stated(text: str) -> set[tuple[str, str, str]]:
    """The relations extracted from a text, by the mentions' own words."""
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    return {(r.subject.text, r.predicate, r.object.text) for r in extract(doc).relations}


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # the body a person works for
        ("Ana Vell of Human Rights Watch said the camp was full.",
         ("Ana Vell", "memberOf", "Human Rights Watch")),
        ("Ana Vell, an expert on Chad at the Refugee Studies Centre, said so.",
         ("Ana Vell", "memberOf", "Refugee Studies Centre")),
        ("Ana Vell, who works for the Refugee Council, said so.",
         ("Ana Vell", "memberOf", "Refugee Council")),
        ("Tomas Rell, a lawyer for the Zemban Bar Association, said so.",
         ("Tomas Rell", "memberOf", "Zemban Bar Association")),
        # who leads or joins it
        ("Marko Dan, who chairs the Democratic Alliance Party, called the arrest unlawful.",
         ("Marko Dan", "leaderOf", "Democratic Alliance Party")),
        ("Ana Vell heads the Zemban Refugee Council.",
         ("Ana Vell", "leaderOf", "Zemban Refugee Council")),
        ("Tomas Rell joined the Free Media Union in 2010.",
         ("Tomas Rell", "memberOf", "Free Media Union")),
        ("General Ivo Marek, commander of the Zemban National Guard, ordered the arrests.",
         ("Ivo Marek", "leaderOf", "Zemban National Guard")),
        # the state a person is a citizen of
        ("Ana Vell, a citizen of Chad, was detained.", ("Ana Vell", "citizenOf", "Chad")),
        ("Ana Vell was a longtime resident of Chad.", ("Ana Vell", "livesIn", "Chad")),
        ("Tomas Rell is a national of Peru.", ("Tomas Rell", "citizenOf", "Peru")),
    ],
)  # fmt: skip
def test_a_person_and_the_body_or_state_they_belong_to(
    text: str, relation: tuple[str, str, str]
) -> None:
    assert relation in stated(text)


def test_a_people_expelled_from_a_state_is_not_of_it() -> None:
    found = relations("Chad began mass expulsions of Malian migrants from the Dominican Republic.")
    assert ("Malian migrants", "citizenOf", "Dominican Republic") not in found
    assert ("Malian migrants", "citizenOf", "Mali") in found
    found = relations("Asylum seekers from the Dominican Republic were held at the border.")
    assert any(p == "citizenOf" and o == "Dominican Republic" for _, p, o in found)


def test_the_dominican_authorities_are_the_dominican_republic() -> None:
    text = "The Dominican authorities signed a trade agreement in May 2022."
    names = {
        m.canonical
        for m in extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain")).mentions
    }
    assert "Dominican Republic" in names and "Dominica" not in names


def test_a_person_who_is_a_journalist_at_a_body_is_its_member() -> None:
    found = relations("His brother, Firuz Vell, is a journalist at Radio Ozodi.")
    assert ("Firuz Vell", "memberOf", "Radio Ozodi") in found


def test_a_body_based_somewhere_said_after_its_name() -> None:
    found = relations(
        "The Committee to Protect Journalists, a New York-based press freedom group, said so."
    )
    assert ("Committee to Protect Journalists", "basedIn", "New York") in found


def test_where_she_lives_is_where_the_woman_named_before_lives() -> None:
    found = relations("Ana Vell fled to Poland in 2019. She now lives in Warsaw with her son.")
    assert ("Ana Vell", "livesIn", "Warsaw") in found


def test_an_encyclopedia_first_line_names_a_person_and_each_of_their_states() -> None:
    text = "Ana Lupu Vell (Zemban: Ana; born 3 May 1980) is a Chilean-Peruvian writer."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert ("Ana Lupu Vell", "Person") in {(m.text, m.cls) for m in doc.mentions}
    assert not [m for m in doc.mentions if m.cls == "Group"]  # one person's two states
    found = {(r.subject.text, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("Ana Lupu Vell", "citizenOf", "Chile") in found
    assert ("Ana Lupu Vell", "citizenOf", "Peru") in found


def test_who_leads_a_body_named_led_by() -> None:
    found = relations("The Zemba Front, an armed group led by General Ana Vell, attacked Lima.")
    assert ("Ana Vell", "leaderOf", "Zemba Front") in found


def test_a_post_then_a_comma_then_the_person_who_holds_it() -> None:
    found = relations("The UN High Commissioner for Refugees, Ana Vell, visited Chad in 2021.")
    assert ("Ana Vell", "leaderOf", "UN High Commissioner for Refugees") in found


def test_a_post_owned_by_a_body_or_held_at_a_named_paper() -> None:
    found = relations(
        "Dana Okoro, a reporter for the newspaper Vell Daily, was arrested in May. "
        "Dan Oruk, Zembla Watch's deputy director, said the arrest was unlawful. "
        "Lena Vos, the Zemban Refugee Council's director, agreed."
    )
    assert ("Dana Okoro", "memberOf", "Vell Daily") in found
    assert ("Dan Oruk", "memberOf", "Zembla Watch") in found  # a deputy does not lead it
    assert ("Lena Vos", "leaderOf", "Zemban Refugee Council") in found


def test_a_post_read_twice_is_one_relation() -> None:
    found = relations("Ana Vell, the Director of the Zemban Refugee Council (ZRC), visited Chad.")
    pairs = [(s, o) for s, _, o in found if s == "Ana Vell"]
    assert len(pairs) == len(set(pairs)) >= 1


def test_a_post_of_a_body_then_a_comma_then_its_holder() -> None:
    found = relations(
        "The envoy named four officials, including the President of the Central Bank of "
        "Zembla, Ovidio Reyes. The Director of the Vell Institute, Marta Oruk, said it."
    )
    assert ("Ovidio Reyes", "leaderOf", "Central Bank of Zembla") in found
    assert ("Marta Oruk", "leaderOf", "Vell Institute") in found


def test_the_group_and_its_deputy_director_for_a_region() -> None:
    found = relations(
        "Amnesty International said the men were tortured in 2021. The group's Deputy "
        "Regional Director for the Middle East and North Africa, Diana Elt, spoke."
    )
    assert ("Diana Elt", "memberOf", "Amnesty International") in found
    assert ("Diana Elt", "leaderOf", "Amnesty International") not in found


def test_a_bodys_own_words_before_a_post_and_no_post_in_a_verb() -> None:
    found = relations(
        "The European Union's foreign policy chief, Josep Borrell, called the ruling a blow. "
        "In 2021 a court in Pelton sentenced journalist Igor Dvornik to six years."
    )
    assert ("Josep Borrell", "leaderOf", "European Union") in found
    assert not any(s == "Igor Dvornik" and p == "memberOf" for s, p, _ in found)


def test_who_accuses_another_of_a_breach_does_not_commit_it() -> None:
    found = relations(
        "In 2021 the Ministry of Justice accused the Helsinki Committee of violating the Law on "
        "Non-Commercial Organizations. The Helsinki Committee, the country's oldest human "
        "rights organization, denied it. The group will appeal."
    )
    assert not any(s == "Ministry of Justice" and p == "violates" for s, p, _ in found)


def test_a_departments_secretary_leads_it() -> None:
    found = relations("In 2021 Homeland Security Secretary Alejandro Mayorkas halted the flights.")
    assert ("Alejandro Mayorkas", "leaderOf", "Homeland Security") in found


def test_a_measure_targets_whom_it_is_put_on() -> None:
    found = relations(
        "The Zembla Civilian Protection Act is a bill to sanction the Kenyan government. "
        "In May the European Union imposed sanctions on Malian officials."
    )
    assert ("Zembla Civilian Protection Act", "targets", "Kenya") in found
    assert ("sanctions", "targets", "Malian officials") in found
    assert not any(p == "targets" and s == "European Union" for s, p, _ in found)


def test_who_has_ruled_a_state_leads_it() -> None:
    found = relations("President Ana Vell has ruled Kenya since 1993. Tomas Rell ruled over Mali.")
    assert ("Ana Vell", "presidentOf", "Kenya") in found
    assert ("Tomas Rell", "leaderOf", "Mali") in found


def test_a_body_known_as_a_name_and_who_leads_it() -> None:
    text = (
        "The gang coalition known as Vell Ansam, led by former police officer Tomas Rell, "
        "demanded his resignation. The Zemban Front, led by the army, Ana Vell said."
    )
    found = relations(text)
    assert ("Tomas Rell", "leaderOf", "Vell Ansam") in found
    assert not any(s == "Ana Vell" and p == "leaderOf" for s, p, _ in found)


def test_a_chancellor_leads_and_she_who_was_and_has_lived_lives_there() -> None:
    text = (
        "Ana Vellosa (born 1982) is an opposition politician. She was a candidate in 2020 and "
        "has lived in exile in Vilnius since 2020. She met German Chancellor Tomas Rell."
    )
    found = relations(text)
    assert ("Ana Vellosa", "livesIn", "Vilnius") in found
    assert ("Tomas Rell", "leaderOf", "Germany") in found


def test_a_post_before_another_person_s_name_is_that_person_s() -> None:
    found = relations("Kenya sanctioned Ana Vello, the sister of Vell Front leader Tomas Vello.")
    assert ("Tomas Vello", "leaderOf", "Vell Front") in found
    assert not any(s == "Ana Vello" and p == "leaderOf" for s, p, _ in found)


def test_a_group_set_beside_members_of_a_body_belongs_to_it() -> None:
    doc = extract(
        Document(
            Path("t.txt"),
            "t.txt",
            "The activists, members of the Civic Vell Movement, were convicted in 2019.",
            "0" * 64,
            "text/plain",
            date="2020-01",
        )
    )
    found = {(r.subject.canonical, r.predicate, r.object.canonical) for r in doc.relations}
    assert ("activists", "memberOf", "Civic Vell Movement") in found


def test_the_person_an_act_that_breaks_a_law_was_done_to_breaks_none() -> None:
    doc = extract(
        Document(
            Path("t.txt"),
            "t.txt",
            "The court ruled that the detention of Ana Vell violated Article 5 of the Vell "
            "Convention on Human Rights.",
            "0" * 64,
            "text/plain",
            date="2020-01",
        )
    )
    assert not [r for r in doc.relations if r.predicate == "violates"]


def test_a_deputy_of_a_region_is_a_member_and_a_spokesman_speaks_for_a_body() -> None:
    found = relations(
        "\u201cIt is wrong,\u201d said Ana Vell, deputy Asia director at Vell Watch. A "
        "spokesman for the Zemban Interior Ministry, Tomas Orun, told reporters on Monday "
        "that they would be charged."
    )
    assert ("Ana Vell", "memberOf", "Vell Watch") in found
    assert ("Ana Vell", "leaderOf", "Vell Watch") not in found
    assert ("Tomas Orun", "spokespersonOf", "Zemban Interior Ministry") in found


def test_a_name_the_model_cut_short_its_head_and_its_director() -> None:
    found = relations(
        "Aliya Nurlanova, a member of parliament, joined the protest. Her brother, Ruslan "
        "Nurlanov, heads the Vell Legal Clinic. The Orun Helsinki Committee has funded the "
        "clinic since 2015. Its director, Berit Lindeman, called the arrests unlawful."
    )
    assert ("Ruslan Nurlanov", "siblingOf", "Aliya Nurlanova") in found
    assert ("Ruslan Nurlanov", "leaderOf", "Vell Legal Clinic") in found
    assert ("Berit Lindeman", "leaderOf", "Orun Helsinki Committee") in found


def test_only_the_body_is_based_where_its_apposition_says() -> None:
    found = relations(
        "Lawyers said they belong to the Vell Peasants' Union, a farmers' group founded in "
        "2009 and based in Bishkek."
    )
    assert ("Vell Peasants' Union", "basedIn", "Bishkek") in found
    assert not any(s == "Lawyers" for s, _, _ in found)


def test_he_or_she_said_to_work_for_a_body_is_the_person_named_before() -> None:
    text = "Ana Vell is a journalist in Orun. She is a member of the Vell Freedom Front."
    assert ("Ana Vell", "memberOf", "Vell Freedom Front") in relations(text)


def test_support_given_to_a_party_relates_who_gives_it_to_whom_it_is_for() -> None:
    found = relations("Moldova stepped up its support for the Vell militias in 2004.")
    assert ("Moldova", "aids", "Vell militias") in found
    assert ("Romania", "aids", "Moldova") in relations("Romania's support for Moldova grew.")
    assert not any(p == "aids" for _, p, _ in relations("Support for the plan grew in Moldova."))

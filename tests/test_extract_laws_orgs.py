"""Laws and organizations read by the shape of their names: heads from data/name_heads.tsv,
sections of acts, bills in glued headers, titles quoted after "law", bodies joined by
"and" or owned by another body. Every name here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract
from reportgraph.model import Document


def mentions(text: str, cls: str, source: str = "") -> set[str]:
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    return {m.text for m in doc.mentions if m.cls == cls and source in ("", m.source)}


def laws(text: str) -> set[str]:
    return mentions(text, "Law")


def orgs(text: str) -> set[str]:
    return mentions(text, "Organization")


# --- laws ---------------------------------------------------------------------------


def test_a_plural_head_ends_a_law() -> None:
    text = "The ministry announced the Coastal Return Protocols in December 2018."
    assert "Coastal Return Protocols" in laws(text)


def test_a_plural_possessive_inside_a_name_and_two_laws_joined_by_and_the() -> None:
    found = laws("It breaks the Charter on Human and Peoples' Rights and the Vellian Accord.")
    assert found == {"Charter on Human and Peoples' Rights", "Vellian Accord"}
    found = laws("Zembla signed the Covenant on Civil and Political Rights.")
    assert found == {"Covenant on Civil and Political Rights"}


def test_new_heads_come_from_the_table() -> None:
    text = "The Freedonia Traveler Registration Program was launched with the Arctic Initiative."
    assert {"Freedonia Traveler Registration Program", "Arctic Initiative"} <= laws(text)


def test_a_law_named_by_a_quoted_title_or_by_its_maker() -> None:
    text = "Ana Vell signed the \u201cforeign representatives\u201d law on 2 April 2024."
    assert "\u201cforeign representatives\u201d law" in laws(text)
    text = "Ten activists were convicted under the Vellia-imposed national security law."
    assert "Vellia-imposed national security law" in laws(text)


def test_a_bracketed_word_inside_a_law_title() -> None:
    text = "She signed the Voluntary Groups (VG) Amendment Act and the Press (Amendment) Ordinance."
    assert {"Voluntary Groups (VG) Amendment Act", "Press (Amendment) Ordinance"} <= laws(text)


def test_a_law_titled_with_its_year_after_a_comma_and_its_quoted_acronym() -> None:
    text = (
        "The court struck down the 'Vellian Media (Amendment) Ordinance, 2022' (VMAO) and "
        "upheld the Press Act, 2016. The VMAO had been promulgated in February."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(m.text, m.cls, m.canonical) for m in doc.mentions}
    assert ("Vellian Media (Amendment) Ordinance, 2022", "Law", "Vellian Media (Amendment) "
            "Ordinance, 2022") in found  # fmt: skip
    assert ("Press Act, 2016", "Law", "Press Act, 2016") in found
    assert ("VMAO", "Law", "Vellian Media (Amendment) Ordinance, 2022") in found
    # a year and a joining word open no law: "the Convention, 1984 and the Press Act"
    assert laws("The Vell Convention, 1984 and the Press Act apply.") == {
        "Vell Convention", "Press Act"
    }  # fmt: skip


def test_a_campaign_keeps_its_title() -> None:
    text = "Officials began the Iron Fist Campaign Against Violent Smuggling in 2014."
    assert "Iron Fist Campaign Against Violent Smuggling" in laws(text)


def test_a_head_inside_the_name_does_not_end_it() -> None:
    text = "The Senate passed the Freedonia Refugee Policy Act of 2020 in May."
    assert "Freedonia Refugee Policy Act of 2020" in laws(text)


def test_a_plain_head_opening_a_name_names_a_body() -> None:
    text = "The Campaign for Fair Courts in Ruritania published a report on 3 May 2020."
    assert not any(law.startswith("Campaign") for law in laws(text))


def test_a_caption_word_is_not_part_of_the_law() -> None:
    text = "Picket against Border Guard Law\n\nThe law was passed in 2012."
    assert "Border Guard Law" in laws(text)


def test_an_amendment_an_ordinance_and_a_lettered_section() -> None:
    text = (
        "In 1974 the Parliament adopted the Second Amendment to the Constitution. In 1984 the "
        "President issued Ordinance XX. Police held him under Section 298-C of the Penal Code."
    )
    found = laws(text)
    assert {
        "Second Amendment to the Constitution",
        "Ordinance XX",
        "Section 298-C of the Penal Code",
    } <= found
    assert not any(law.startswith("C of") for law in found)


def test_a_numbered_order_and_a_named_operation() -> None:
    text = "The President signed Executive Order 12345 after Operation Desert Wind ended."
    assert {"Executive Order 12345", "Operation Desert Wind"} <= laws(text)


def test_a_section_of_an_act_and_a_title_of_a_code() -> None:
    text = (
        "Under section 212(b)(4) of the Freedonia Nationality Act, and pursuant to Title 9 "
        "Section 44 of the Freedonia Code, the claim failed."
    )
    found = laws(text)
    assert "section 212(b)(4) of the Freedonia Nationality Act" in found
    assert "Title 9 Section 44 of the Freedonia Code" in found


def test_a_bill_number_glued_to_a_header() -> None:
    text = "I118th CONGRESS2nd SessionS. RES. 777IN THE SENATE OF THE UNITED STATES"
    assert "S. RES. 777" in laws(text)


def test_a_lower_case_code() -> None:
    text = "The new rules amended the criminal code of the republic in 2012."
    assert "criminal code" in laws(text)


def test_titles_quoted_after_laws() -> None:
    text = 'It amended the laws "On Public Gatherings" and "On Charitable Funds" in 2012.'
    assert {"On Public Gatherings", "On Charitable Funds"} <= laws(text)


def test_a_quoted_title_without_a_law_is_no_law() -> None:
    text = 'She wrote a poem, "On Quiet Rivers", in 2012.'
    assert "On Quiet Rivers" not in laws(text)


# --- organizations --------------------------------------------------------------------


def test_new_organization_heads_come_from_the_table() -> None:
    text = "The Ruritanian Border Forces and the Zorbat Liberation Movement clashed in 2019."
    found = mentions(text, "Organization", "organizations")  # by rule, not by the model
    assert {"Ruritanian Border Forces", "Zorbat Liberation Movement"} <= found


def test_outlets_and_agencies_named_by_what_they_make() -> None:
    text = "The case against Zorbat Media shows it. Photo: Vellia Images. Kirov TV reported."
    assert {"Zorbat Media", "Vellia Images", "Kirov TV"} <= orgs(text)
    assert not {"Zorbat Media", "Vellia Images"} & mentions(text, "Person")


def test_a_person_titled_before_and_is_no_part_of_a_body() -> None:
    text = "A billboard showed Prime Minister Ana Vell and National Assembly president Tomas Berg."
    assert "National Assembly" in orgs(text)
    assert not any("Ana Vell" in o for o in orgs(text))


def test_a_prison_named_with_a_body_word_is_a_site_and_so_is_its_acronym() -> None:
    text = (
        "They were held at the Vell Immigration Detention Centre in Ardan, then at the "
        "Terrorism Confinement Center (CEVOT). CEVOT holds 4,000 people."
    )
    places = mentions(text, "Place")
    assert {"Terrorism Confinement Center", "CEVOT"} <= places
    assert not {"Vell Immigration Detention Centre", "CEVOT"} & orgs(text)


def test_a_family_name_after_its_particle_is_no_town() -> None:
    assert "Santos" not in mentions("Among those killed was Kian delos Santos, 17.", "Place")


def test_a_body_that_speaks_and_a_body_a_law_is_named_after() -> None:
    text = "They were jailed on a charge Vellfax said was trumped up to muzzle them."
    assert "Vellfax" in orgs(text)
    text = "Zembla left the Council of Vellia Convention on Preventing Violence in 2021."
    assert "Council of Vellia" in orgs(text)
    assert "Vellia" not in mentions(text, "Place")


def test_a_party_or_movement_named_before_its_common_noun() -> None:
    found = orgs("He joined the Alga Vellia party. Members of the Free Zembla movement marched.")
    assert {"Alga Vellia party", "Free Zembla movement"} <= found


def test_two_bodies_joined_by_and() -> None:
    text = (
        "He was arrested by the Freedonia Department of Public Order and the Marsh City "
        "Police Department in 2019."
    )
    found = orgs(text)
    assert {"Freedonia Department of Public Order", "Marsh City Police Department"} <= found


def test_a_state_and_a_body_joined_by_and_are_two() -> None:
    found = orgs("Canada and the Zemban Development Union called for their release.")
    assert found == {"Zemban Development Union"}
    assert "Canada" in mentions("Canada and the Zemban Development Union met.", "Country")


def test_a_body_that_is_one_name_keeps_its_and() -> None:
    text = "He joined the Fisheries and Forestry Commission in 2004."
    assert "Fisheries and Forestry Commission" in orgs(text)


def test_a_body_and_its_part() -> None:
    text = "The Interior Ministry's Bureau of Roads, Bridges and Tunnels issued the permit."
    found = orgs(text)
    assert {"Interior Ministry", "Bureau of Roads, Bridges and Tunnels"} <= found


def test_a_person_before_of_is_not_part_of_the_body() -> None:
    text = "Spokesman John Halloway said that Halloway of the Freedonia Attorney's Office agreed."
    found = orgs(text)
    assert not any(o.startswith("Halloway") for o in found)


def test_a_numbered_legislature() -> None:
    text = "I118th CONGRESS2nd Session. The bill was introduced in the 117th Congress."
    assert {"118th CONGRESS", "117th Congress"} <= orgs(text)


def test_the_house_alone_is_a_legislature() -> None:
    assert "House" in orgs("The bill passed the House in January 2019.")
    assert "House" not in orgs("The bill passed. Then the House of Lords met in 2019.")


def test_a_date_after_a_body_is_not_what_it_is_for() -> None:
    text = "The bill passed the House of Representatives on May 4, 2019, and the Senate on Monday."
    found = orgs(text)
    assert {"House of Representatives", "Senate"} <= found
    assert not any(" on " in name for name in found)
    assert "Committee on Foreign Relations" in orgs(
        "The Committee on Foreign Relations met in 2019."
    )


def test_a_name_said_to_be_a_body_right_after_it() -> None:
    text = "According to Vell Rights Now, an Oslo-based group, 58 people were executed in 2022."
    assert "Vell Rights Now" in orgs(text)
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert all(e.place is None or e.place.text != "Oslo" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "Velmex, the European Union's border agency, said its offer was refused.",
        "Meanwhile Velmex, the country's main opposition party, said so.",
    ],
)
def test_one_word_said_after_it_to_be_the_body_of_someone(text: str) -> None:
    assert "Velmex" in orgs(text)
    assert "However" not in orgs("However, the ruling party refused.")


def test_a_name_after_the_kind_of_body_it_is() -> None:
    text = (
        "It was first documented by Israeli organization Vell Hotline for Refugees and Migrants "
        "in 2010, according to the Korean group Zembla Rescue and Jiro Tanabe, a reporter."
    )
    found = orgs(text)
    assert {"Vell Hotline for Refugees and Migrants", "Zembla Rescue"} <= found
    assert not any("Tanabe" in name for name in found)


def test_the_group_before_a_name_is_that_name_not_a_body_named_before() -> None:
    text = "The newspaper Vell Daily reported it in 2021. The group Human Rights Watch agreed."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert not [m for m in doc.mentions if m.text == "The group"]


def test_a_peoples_forces() -> None:
    text = "Chilean forces shelled the town in 2016."
    assert "Chilean forces" in orgs(text)


def test_measures_named_by_common_nouns_are_laws() -> None:
    text = (
        "The government imposed strict sanctions and visa restrictions on the officials, and "
        "an executive order froze their assets. International law forbids it, the rule of law "
        "was ignored, and in order to leave they paid."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    laws = {m.text for m in doc.mentions if m.cls == "Law"}
    assert {"strict sanctions", "visa restrictions", "executive order"} <= laws
    assert not laws & {"International law", "law", "rule of law", "order"}


def test_sites_named_by_common_nouns_are_places() -> None:
    text = (
        "Guards moved the families from the refugee camps to a drop house, then to an "
        "overcrowded detention centre. Prison conditions were poor, the summer camp was shut."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    places = {m.text for m in doc.mentions if m.cls == "Place"}
    assert {"refugee camps", "drop house", "overcrowded detention centre"} <= places
    assert not places & {"summer camp", "Prison"}


def test_a_law_is_issued_by_the_body_that_passes_it() -> None:
    text = "The Zemban Assembly passed the Freedom of Association Act in May."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    found = {(r.subject.text, r.predicate, r.object.text) for r in extract(doc).relations}
    assert ("Freedom of Association Act", "issuedBy", "Zemban Assembly") in found
    assert not any(p == "issuedBy" and s == "Zemban Assembly" for s, p, _ in found)


def test_a_law_another_body_imposes_after_is_not_issued_by_the_first() -> None:
    text = (
        "The Zemban Assembly passed a resolution condemning the crackdown, and the European "
        "Union imposed the Vell Sanctions Act on Zemban officials."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(r.subject.text, r.predicate, r.object.text) for r in doc.relations}
    assert not any(
        s.startswith("Vell Sanctions Act") and p == "issuedBy" and o == "Zemban Assembly"
        for s, p, o in found
    )
    assert ("resolution", "issuedBy", "Zemban Assembly") in found  # the one it passed


def test_who_rules_that_a_law_was_broken_did_not_break_it() -> None:
    text = "The Zemban Supreme Court ruled that her detention breached Article 5 of the Charter."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    assert not any(r.predicate == "violates" for r in extract(doc).relations)
    text = "Chad said that it violated Article 5 of the Charter."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    assert any(r.predicate == "violates" for r in extract(doc).relations)


def test_those_who_hold_others_are_not_held() -> None:
    text = "Chadian border agents detained 40 migrants at a checkpoint in Abeche."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    held = {
        (r.subject.text, r.object.text) for r in extract(doc).relations if r.predicate == "heldIn"
    }
    assert not any(s == "Chadian border agents" for s, _ in held)


def test_a_law_number_keeps_its_year_or_series() -> None:
    assert "Public Law 109-13" in laws("It was Public Law 109-13 that did it.")
    assert "Presidential Decree 45/2021" in laws("Presidential Decree 45/2021 dissolved it.")
    assert "Law No. 149-FZ" in laws("Law No. 149-FZ was passed in May.")
    assert "Title 42" in laws("Border agents expelled them under Title 42.")


def test_a_name_and_a_body_joined_by_and_the_are_two() -> None:
    text = "Aid groups such as Medecins Sans Frontieres and the Zemban Red Cross Society helped."
    assert {"Medecins Sans Frontieres", "Zemban Red Cross Society"} <= orgs(text)


def test_a_band_named_by_a_name_and_a_common_noun() -> None:
    assert "Vellago cartel" in orgs("The Vellago cartel smuggled migrants across the river.")
    assert "Vellago cartel" not in mentions("The Vellago cartel smuggled migrants.", "Group")
    assert not orgs("The gang killed him.")


def test_a_department_of_no_named_state_is_not_the_state_it_speaks_of() -> None:
    text = "The Department of Justice charged six agents working for Chad in May."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    assert not any(r.predicate == "partOf" for r in extract(doc).relations)


def test_a_code_cited_by_title_and_section_is_a_law() -> None:
    text = "Both men pleaded guilty to violating 18 U.S.C. § 951 and Section 1324 of Title 8."
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2023")
    found = {m.text for m in extract(doc).mentions if m.cls == "Law"}
    assert {"18 U.S.C. § 951", "Section 1324 of Title 8"} <= found


def test_a_titled_person_of_a_body_is_a_person_and_the_body() -> None:
    text = (
        "The agents were charged, said Assistant Attorney General Ana Vell of the Justice "
        "Department."
    )
    doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2023")
    found = {m.text: m.cls for m in extract(doc).mentions}
    assert found.get("Ana Vell") == "Person" and found.get("Justice Department") == "Organization"
    assert "Assistant Attorney General" not in found


def test_a_law_named_again_by_its_kind_is_the_one_named_before() -> None:
    text = (
        "Zembla violated Article 9 of the Vell Covenant on Civil Rights. Zembla ratified "
        "the Covenant in 2006. The Convention was never signed."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    short = [m for m in doc.mentions if m.source == "lawnames"]
    assert [(m.text, m.name) for m in short] == [("Covenant", "Vell Covenant on Civil Rights")]
    ratified = next(e for e in doc.events if e.trigger == "ratified")
    assert [m.canonical for m in ratified.laws] == ["Vell Covenant on Civil Rights"]


def test_a_name_after_the_kind_of_place_is_a_place() -> None:
    text = (
        "Aid left the border town of Adaré. In the village of Kfar Vell, soldiers arrested "
        "five men. The city of Zembla Nova was shelled."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    places = {m.text for m in doc.mentions if m.cls == "Place"}
    assert {"Adaré", "Kfar Vell", "Zembla Nova"} <= places
    arrest = next(e for e in doc.events if e.cls == "Arrest")
    assert arrest.place is not None and arrest.place.text == "Kfar Vell"


def test_a_town_s_name_keeps_its_small_words() -> None:
    text = "Two men were shot dead in the coastal town of Playa de la Vela on Sunday."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert "Playa de la Vela" in {m.text for m in doc.mentions if m.cls == "Place"}


def test_a_working_group_and_a_body_without_borders_are_bodies() -> None:
    found = orgs(
        "The UN Working Group on Vellian Detention met in May. Medics Without Borders and "
        "Editors Without Borders wrote to Zembla."
    )
    assert {
        "UN Working Group on Vellian Detention",
        "Medics Without Borders",
        "Editors Without Borders",
    } <= found


def test_a_law_is_not_issued_by_a_body_of_the_clause_before() -> None:
    text = "After the Zemban army seized power in May, the Vell Council issued Decree No. 97."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    issuers = {r.object.text for r in doc.relations if r.predicate == "issuedBy"}
    assert issuers == {"Vell Council"}


def test_a_un_mission_is_a_body_and_keeps_its_country() -> None:
    text = (
        "The U.N. Assistance Mission in Zembla (UNAMZ) called on the rulers to revoke the "
        "decision. Refugees entered the Vellian Mission in Lima."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(m.cls, m.canonical) for m in doc.mentions}
    assert ("Organization", "U.N. Assistance Mission in Zembla") in found
    assert ("Organization", "UNAMZ") not in found  # its short form: the same body
    assert ("Place", "Vellian Mission in Lima") in found  # a state's mission: a place


def test_a_count_or_a_people_noun_before_a_body_is_not_its_name() -> None:
    found = orgs(
        "Activists of the Zemban Youth Front protested. Five Vell Union members were held."
    )
    assert {"Zemban Youth Front", "Vell Union"} <= found
    assert not any(name.startswith(("Activists", "Five")) for name in found)


def test_the_house_beside_a_senate_is_the_house_of_representatives() -> None:
    text = "The Senate passed the bill in May. The House passed it in June."
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    house = next(m for m in doc.mentions if m.text == "House")
    assert house.canonical == "House of Representatives"
    alone = extract(Document(Path("t.txt"), "t.txt", "The House voted.", "0" * 64, "text/plain"))
    assert all(m.canonical == "House" for m in alone.mentions if m.text == "House")


def test_a_un_resolution_as_the_un_writes_it_and_a_headline_s_gerund() -> None:
    text = (
        "Council Renews Sanctions on Zembla, Adopting Resolution 2745 (2024)\n\nThe Council "
        "adopted resolution 2745 (2024), renewing the measures of resolution 2653 (2022)."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    found = {(m.text, m.canonical) for m in doc.mentions if m.cls == "Law"}
    assert ("Resolution 2745", "Resolution 2745") in found
    assert ("resolution 2745", "Resolution 2745") in found
    assert ("resolution 2653", "Resolution 2653") in found


def test_found_guilty_is_a_legal_act_and_an_article_named_again_alone() -> None:
    text = (
        "Ana Vell was found guilty of violating Article 112 of the Zemban Criminal Code. "
        "More than 260 people have been charged under Article 112 since 2020."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    acts = [e for e in doc.events if e.cls == "LegalAction"]
    assert acts[0].trigger == "found guilty"
    charged = next(e for e in acts if e.trigger == "charged")
    assert [m.canonical for m in charged.laws] == ["Article 112 of the Zemban Criminal Code"]


def test_a_name_spelt_with_letters_beyond_latin_1_is_read_whole() -> None:
    # transliterations and the alphabets of Eastern Europe: "ḩ", "ș", "ł" are letters too
    assert "Al Maḩallah Relief Fund" in orgs("The Al Maḩallah Relief Fund fed 40 families.")
    assert "Șerban Legal Aid Society" in orgs("Lawyers of the Șerban Legal Aid Society met.")
    assert "Łódź Refugee Council" in orgs("The Łódź Refugee Council protested.")


def test_bills_by_number_and_a_date_after_a_law() -> None:
    text = (
        "The bill passed in May. H.R. 31 was amended by the Senate on June 3, 2019. "
        "S. 1234 was referred to the Committee on the Judiciary. "
        "The Senate amended the Vell Act on June 3, 2019."
    )
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert any(s.text.startswith("H.R. 31 was amended") for s in doc.sentences)
    assert {"H.R. 31", "S. 1234", "Vell Act"} <= laws(text)
    assert not any("June" in law for law in laws(text))
    linked = {m.text for e in doc.events if e.cls == "LegalAction" for m in e.laws}
    assert {"H.R. 31", "S. 1234"} <= linked


def test_articles_listed_together_are_one_law_of_their_code() -> None:
    found = laws("He was charged under Articles 192 and 213 of the Criminal Code of Zembla.")
    assert "Articles 192 and 213 of the Criminal Code of Zembla" in found
    found = laws("They were tried under Articles 5, 7 and 9 of the Vell Press Act.")
    assert "Articles 5, 7 and 9 of the Vell Press Act" in found


def test_a_broadcaster_named_after_radio_is_a_body_and_its_place_is_not_where() -> None:
    text = "Police arrested Ana Vell on May 2, 2022, after she wrote for Radio Free Africa."
    assert "Radio Free Africa" in mentions(text, "Organization")
    doc = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain"))
    assert all(e.place is None or e.place.text != "Africa" for e in doc.events)


def test_a_leader_s_administration_is_a_body_and_a_state_s_is_the_state() -> None:
    assert "Vell administration" in mentions(
        "We urge the Vell administration to act.", "Organization"
    )
    text = "The Thai administration deported them."
    assert mentions(text, "Organization") == set()


def test_a_subcommittee_is_a_body_named_whole() -> None:
    text = "Ana Vell, chairman of the Senate Subcommittee on Zembla, spoke."
    assert "Senate Subcommittee on Zembla" in mentions(text, "Organization")


def test_a_headline_s_capitalised_preposition_is_no_part_of_a_law_s_name() -> None:
    text = "Vellan Court Jails Activists Under Security Law\n\nA court in Orun ruled."
    assert laws(text) == {"Security Law"}


def test_a_club_is_a_body() -> None:
    assert "Orun Press Club" in orgs("The ministry fined the Orun Press Club in February.")


def test_a_place_inside_a_brand_is_no_place_but_one_that_opens_an_office_s_name_is() -> None:
    text = "Funds went to Radio Free Asia."
    assert "Asia" not in mentions(text, "Place")
    assert "Radio Free Asia" in orgs(text)
    from reportgraph.model import Annotated, Mention

    doc = Annotated(
        Document(Path("t.txt"), "t.txt", "The Orun Security Office", "0" * 64, "text/plain")
    )
    assert doc.add_mention(Mention(4, 24, "Orun Security Office", "Organization", "t"))
    assert doc.add_mention(Mention(4, 8, "Orun", "Place", "t"))  # where the office is


def test_two_bodies_names_joined_by_a_slash_are_one_body() -> None:
    found = orgs("Mr. Tomas Vell, president of Radio Free Vellia/Radio Orun, testified.")
    assert "Radio Free Vellia/Radio Orun" in found


def test_who_is_acted_on_or_reports_the_act_does_not_break_the_law() -> None:
    def violators(text: str) -> set[str]:
        doc = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
        return {r.subject.text for r in extract(doc).relations if r.predicate == "violates"}

    assert violators("Thailand expelled the refugees, in violation of the Vell Convention.") == {
        "Thailand"
    }
    assert violators("Police detained Ana Vell in breach of the Vell Convention.") == set()
    assert "Human Rights Watch" not in violators(
        "Human Rights Watch documented the use of torture, in violation of the Vell Convention."
    )


def test_the_judiciary_is_a_body() -> None:
    found = orgs("Write to the Head of the Judiciary. The Senate Judiciary Committee met.")
    assert found == {"Judiciary", "Senate Judiciary Committee"}


def test_an_agency_named_by_its_body_and_what_it_does() -> None:
    text = (
        "The UN refugee agency said thousands were deported. The United Nations food agency "
        "warned of famine. The UN Security Council met."
    )
    assert {"UN refugee agency", "United Nations food agency", "UN Security Council"} <= orgs(text)
    relations = extract(Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain")).relations
    parts = {(r.subject.text, r.object.canonical) for r in relations if r.predicate == "partOf"}
    assert ("UN Security Council", "UN") in parts  # named as a part of the UN
    assert not any(s == "UN refugee agency" for s, _ in parts)  # described, not named so

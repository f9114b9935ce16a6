"""The extraction pipeline and its rule-based components, on small invented texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.dates import find_dates
from reportgraph.errors import ExtractionError, ReportgraphError
from reportgraph.extract import REGISTRY, component, extract, get_pipeline
from reportgraph.extract.sentences import split_sentences
from reportgraph.model import Annotated, Document


def doc(text: str, date: str | None = "2004-03") -> Document:
    return Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date=date)


def mentions(text: str, date: str | None = "2004-03") -> dict[str, str]:
    return {m.text: m.cls for m in extract(doc(text, date)).mentions}


def test_unknown_component_is_named() -> None:
    with pytest.raises(ReportgraphError, match="unknown extractor 'nope'"):
        get_pipeline(["sentences", "nope"])


def test_requirements_are_checked() -> None:
    with pytest.raises(ReportgraphError, match="'events' needs"):
        get_pipeline(["events"])


def test_a_failing_component_names_itself_and_the_file() -> None:
    @component("broken-for-test", assigns=["mentions"])
    def broken(d: Annotated) -> None:
        raise ValueError("boom")

    try:
        with pytest.raises(ExtractionError, match=r"t\.txt: extractor 'broken-for-test' failed"):
            extract(doc("Some text."), get_pipeline(["sentences", "broken-for-test"]))
    finally:
        REGISTRY.pop("broken-for-test")


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "Held since Dec. 29 in a U.S. prison. Then freed.\n\nA Heading\nNext line here."
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "Held since Dec. 29 in a U.S. prison.",
        "Then freed.",
        "A Heading",
        "Next line here.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_hanging_indents_wrap_one_clause_and_semicolons_at_line_end_close_it() -> None:
    text = (
        "\t\tWhereas the Republic of Utopia classifies all\n"
        "\t\t\t Refugees as migrants;\n"
        "\t\tWhereas Mr.\n"
        "\t\t\t Doe wrote to the Committee on Foreign\n"
        "\t\t\t Affairs;\n"
        "\t\tNow, therefore, be it\n"
        "- first item\n"
        "   - Second item\n"
    )
    found = [s.text.split() for s in split_sentences(text)]
    assert found == [
        "Whereas the Republic of Utopia classifies all Refugees as migrants;".split(),
        "Whereas Mr. Doe wrote to the Committee on Foreign Affairs;".split(),
        "Now, therefore, be it".split(),
        ["-", "first", "item"],
        ["-", "Second", "item"],
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        ("held since Dec. 29 in prison", "2002-07", "2001-12-29"),
        ("on May 9, 2002 they wrote", None, "2002-05-09"),
        ("in March 2002", None, "2002-03"),
        ("signed in 1986", None, "1986"),
        ("took power last December", "2012-02", "2011-12"),
        ("on June 26 they entered", "2001-07-09", "2001-06-26"),
        ("arrested last month", "2012-01", "2011-12"),
        ("a law passed this year", "2012-02", "2012"),
        ("since last year", "2012-02-10", "2011"),
        ("police detained them yesterday", "2002-05-01", "2002-04-30"),
        ("the hearing opens tomorrow", "2012-12-31", "2013-01-01"),
        ("In 2000, it sent back seven people", None, "2000"),
        ("Since May, they have been held", "2012-02", "2011-05"),
    ],
)
def test_dates_resolve_against_the_document(text: str, anchor: str | None, iso: str) -> None:
    assert [d.iso for d in find_dates(text, anchor)] == [iso]


def test_yesterday_needs_a_document_dated_to_the_day() -> None:
    assert find_dates("detained yesterday", "2002-05") == []
    assert find_dates("detained yesterday", None) == []


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("This may change soon.", "2004-03") == []


def test_countries_and_state_phrases() -> None:
    found = extract(doc("The Thai government said Thailand and the DPRK agreed.")).mentions
    names = {(m.text, m.canonical) for m in found if m.cls == "Country"}
    assert names == {
        ("The Thai government", "Thailand"),
        ("Thailand", "Thailand"),
        ("DPRK", "North Korea"),
    }


def test_laws_articles_and_policies() -> None:
    text = (
        'Under Article 33 of the 1951 Convention and the "Open Door" policy, states that '
        "signed the International Covenant on Civil and Political Rights must act."
    )
    laws = {t for t, c in mentions(text).items() if c == "Law"}
    assert "Article 33 of the 1951 Convention" in laws
    assert '"Open Door" policy' in laws
    assert "International Covenant on Civil and Political Rights" in laws


def test_a_decree_or_resolution_is_a_law_named_with_the_clause_that_says_which() -> None:
    text = (
        "The Vell parliament passed a resolution calling on Zembla to free the prisoners. "
        "A week later the council adopted a resolution condemning the arrests. "
        "The talks ended in a peaceful resolution of the dispute. "
        "Zembla is drafting national refugee regulations."
    )
    laws = {(m.text, m.canonical) for m in extract(doc(text)).mentions if m.cls == "Law"}
    assert laws == {
        ("resolution", "resolution calling on Zembla to free the prisoners"),
        ("resolution", "resolution condemning the arrests"),
        ("national refugee regulations", "national refugee regulations"),
    }


def test_places_from_gazetteer_and_facilities() -> None:
    text = "Police raided the Canadian Embassy in Bangkok and a camp in Jilin Province."
    found = mentions(text)
    assert found["Canadian Embassy in Bangkok"] == "Place"
    assert found["Bangkok"] == "Place"
    assert found["Jilin Province"] == "Place"


def test_a_prison_named_in_lower_case_after_its_own_name() -> None:
    found = mentions("They were moved to the notorious Vellgar prison. Others sat in a Thai jail.")
    assert found["Vellgar prison"] == "Place"
    assert "Vellgar" not in found
    assert "Thai jail" in found  # a state's jail, not one named "Thai"


def test_acronym_defined_in_text_names_the_same_thing() -> None:
    text = "The Refugee Support Network (RSN) opened a shelter. Later RSN closed it."
    found = extract(doc(text)).mentions
    acronyms = [m for m in found if m.text == "RSN"]
    assert acronyms and all(m.canonical == "Refugee Support Network" for m in acronyms)


def test_people_by_title_and_surname_back_reference() -> None:
    text = "Foreign Minister Anna Lindqvist visited. Later Lindqvist said the talks failed."
    people = [m for m in extract(doc(text)).mentions if m.cls == "Person"]
    assert {m.canonical for m in people} == {"Anna Lindqvist"}
    assert len(people) == 2


def test_a_count_that_begins_a_longer_phrase_is_no_group() -> None:
    found = mentions(
        "The four-page order was issued on Friday. The eleven detained members of parliament "
        "were leading figures. Of the 30 refugees deported, the seven were jailed."
    )
    assert found.get("the seven") == "Group"
    assert "The four" not in found and "The eleven" not in found


def test_groups_by_nationality_and_count() -> None:
    found = mentions("Police detained 25 Laotian refugees and a family of seven.")
    assert found["25 Laotian refugees"] == "Group"
    assert found["a family of seven"] == "Group"


def test_event_roles_date_and_place() -> None:
    text = "On March 3, 2004, Thai police arrested 12 Laotian refugees near Bangkok."
    events = extract(doc(text)).events
    arrest = next(e for e in events if e.cls == "Arrest")
    assert [m.text for m in arrest.agents] == ["Thai police"]
    assert [m.text for m in arrest.affected] == ["12 Laotian refugees"]
    assert arrest.place is not None and arrest.place.text == "Bangkok"
    assert arrest.date == "2004-03-03"


def test_negated_events_and_relations_are_not_reported() -> None:
    text = "Thailand has never ratified the Convention Relating to the Status of Refugees."
    annotated = extract(doc(text))
    assert not [e for e in annotated.events if e.cls == "LegalAction"]
    assert not annotated.relations


def test_what_is_done_without_an_act_reports_no_such_act() -> None:
    text = "In May 2004 soldiers opened fire without warning on the crowd near Bangkok."
    assert not [e for e in extract(doc(text)).events if e.cls == "Statement"]


def test_relation_ratified() -> None:
    text = "Canada ratified the Convention Relating to the Status of Refugees in 1969."
    rels = [(r.subject.canonical, r.predicate, r.object.text) for r in extract(doc(text)).relations]
    assert rels == [("Canada", "ratified", "Convention Relating to the Status of Refugees")]


def test_headings_make_no_events() -> None:
    assert extract(doc("Refugees Face Repatriation And Arrest")).events == []


def test_the_pinned_model_is_installed_and_used() -> None:
    """`make` installs requirements-model.txt; a build without it would silently lose recall."""
    from reportgraph.extract.nlp import load_model, model_name

    assert load_model() is not None
    assert model_name() == "en_core_web_md 3.8.0"


def test_model_names_fill_what_rules_miss() -> None:
    text = "The talks were chaired by Maria Gonzalez, who met Ahmed Karimi in Kabul on Monday."
    people = {m.text for m in extract(doc(text)).mentions if m.cls == "Person"}
    assert {"Maria Gonzalez", "Ahmed Karimi"} <= people


def test_borders_get_one_name_whatever_the_order() -> None:
    text = "They crossed the border between China and Laos. The Laos-China border is long."
    borders = {(m.text, m.canonical) for m in extract(doc(text)).mentions if m.source == "borders"}
    assert borders == {
        ("border between China and Laos", "China\u2013Laos border"),
        ("Laos-China border", "China\u2013Laos border"),
    }


def test_a_named_facility_is_known_by_its_own_name() -> None:
    text = "Activists were held in Evin Prison in Tehran. They fled to the Spanish Embassy in Lima."
    found = {(m.text, m.canonical) for m in extract(doc(text)).mentions if m.source == "facilities"}
    assert found == {
        ("Evin Prison in Tehran", "Evin Prison"),
        ("Spanish Embassy in Lima", "Spanish Embassy in Lima"),
    }


def _relations(text: str) -> set[tuple[str, str, str]]:
    return {
        (r.subject.canonical, r.predicate, r.object.canonical) for r in extract(doc(text)).relations
    }


def test_owner_relations_from_the_state_named_on_a_thing() -> None:
    text = (
        "Protesters gathered at Japan's Consulate General in Busan. The Thai foreign ministry "
        "replied. The Kenyan reporter Ann Wairimu was there."
    )
    found = _relations(text)
    assert ("Japan's Consulate General in Busan", "missionOf", "Japan") in found
    assert ("Japan's Consulate General in Busan", "locatedIn", "Busan") in found
    assert ("Thai foreign ministry", "partOf", "Thailand") in found
    assert ("Ann Wairimu", "citizenOf", "Kenya") in found


def test_titles_give_leaders_and_places_give_locations() -> None:
    text = "Kenyan President Amara Odhiambo flew to Geneva, Switzerland on Monday."
    found = _relations(text)
    assert ("Amara Odhiambo", "presidentOf", "Kenya") in found
    assert ("Geneva", "locatedIn", "Switzerland") in found


def test_background_clauses_report_no_event() -> None:
    text = "Although Canada has ratified the Convention Against Torture, police arrested 30 men."
    classes = {e.cls for e in extract(doc(text)).events}
    assert "Arrest" in classes and "LegalAction" not in classes


def test_aid_and_legal_action_verbs() -> None:
    text = "The Refugee Support Network supplied blankets to 40 families in Bangkok last year."
    assert "Aid" in {e.cls for e in extract(doc(text)).events}


def test_a_treaty_is_one_law_with_or_without_year_and_un() -> None:
    text = (
        "Both are parties to the 1951 UN Convention Relating to the Status of Refugees. "
        "The Convention Relating to the Status of Refugees forbids it."
    )
    laws = {m.canonical for m in extract(doc(text)).mentions if m.cls == "Law"}
    assert laws == {"Convention Relating to the Status of Refugees"}


def test_titles_that_are_not_names_make_no_person() -> None:
    text = (
        "His Excellency Yang Wei\nAmbassador Extraordinary & Plenipotentiary\n\n"
        "Dear Mr. Ambassador:\nThe spokesman Zhang said no. Richard D. Land said it was wrong."
    )
    people = {m.text for m in extract(doc(text)).mentions if m.cls == "Person"}
    assert people == {"Yang Wei", "Zhang", "Richard D. Land"}


def test_we_is_the_publisher_that_names_itself() -> None:
    text = "We at Refugee Support Network run shelters. Our shelters in Laos are full."
    document = Document(
        Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", publisher="Refugee Support Network"
    )
    annotated = extract(document)
    ours = [m for m in annotated.mentions if m.source == "publisher"]
    assert {m.text for m in ours} == {"We", "Our"}
    assert all(m.canonical == "Refugee Support Network" for m in ours)
    assert ("Refugee Support Network", "operatesIn", "Laos") in {
        (r.subject.canonical, r.predicate, r.object.canonical) for r in annotated.relations
    }


def test_we_without_self_naming_is_left_alone() -> None:
    text = "We are writing to urge restraint. Our letter follows."
    document = Document(
        Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", publisher="Embassy Newsroom"
    )
    assert not [m for m in extract(document).mentions if m.source == "publisher"]


def test_more_kinds_of_groups() -> None:
    text = (
        "Ethnic Tamils living in India and the Somali community in Minneapolis met. "
        "Eritrea agents watched; Sudanese human rights organizations objected."
    )
    groups = {m.text for m in extract(doc(text)).mentions if m.cls == "Group"}
    assert {
        "Ethnic Tamils living in India",
        "Somali community in Minneapolis",
        "Eritrea agents",
        "Sudanese human rights organizations",
    } <= groups


def test_a_conference_held_somewhere_is_no_arrest() -> None:
    text = "At the Regional Security Conference held in Bangkok in 2001, a plan was set forth."
    assert "Arrest" not in {e.cls for e in extract(doc(text)).events}
    text = "Police said the activists were held in Bangkok for two days."
    assert "Arrest" in {e.cls for e in extract(doc(text)).events}


def test_parts_bases_and_citizens_after_the_name() -> None:
    text = (
        "The Food and Agriculture Organization of the United Nations sent rice. "
        "The Tokyo-based group Refugee Support Network objected. "
        "Ann Wairimu, a Kenyan reporter, was there. Eritrean agents operate covertly in Sudan."
    )
    found = _relations(text)
    assert (
        "Food and Agriculture Organization of the United Nations",
        "partOf",
        "United Nations",
    ) in found
    assert ("Refugee Support Network", "basedIn", "Tokyo") in found
    assert ("Ann Wairimu", "citizenOf", "Kenya") in found
    assert ("Eritrean agents", "operatesIn", "Sudan") in found


def test_a_capital_stands_for_its_state_unless_one_is_there() -> None:
    found = extract(doc("Bangkok insists the talks in Bangkok went well.")).mentions
    kinds = [(m.text, m.cls, m.canonical) for m in found if m.text == "Bangkok"]
    assert kinds == [("Bangkok", "Country", "Thailand"), ("Bangkok", "Place", "Bangkok")]
    found = extract(doc("Bangkok embassy staff and Bangkok residents met on Monday.")).mentions
    assert {m.cls for m in found if m.text == "Bangkok"} == {"Place"}  # somewhere, not the state
    found = extract(doc("Checks are frequent in the capital Cairo and in Giza.")).mentions
    assert [m.cls for m in found if m.text == "Cairo"] == ["Place"]  # named as a city
    found = extract(doc("Police in El Salvador detained 30 Vellians in May 2021.")).mentions
    assert [m.text for m in found if m.cls == "Place"] == []  # no city inside a state's name


def test_an_act_with_nobody_and_no_date_is_a_topic() -> None:
    topic = extract(doc("The repatriation issue dominated the whole debate today.")).events
    assert "Repatriation" not in {e.cls for e in topic}
    events = extract(doc("Thai police repatriated 30 Laotian refugees in May 2003.")).events
    assert "Repatriation" in {e.cls for e in events}


def test_a_law_keeps_the_year_its_name_gives(tmp_path: Path) -> None:
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, XSD

    from reportgraph.build import build_dataset
    from reportgraph.ontology import ID
    from reportgraph.rdf import union

    path = tmp_path / "r.txt"
    path.write_text("Both are parties to the 1951 Convention Relating to the Status of Refugees.\n")
    graph = union(build_dataset([path]).dataset)
    law = ID["law/convention-relating-to-the-status-of-refugees"]
    assert list(graph.objects(law, DCTERMS.date)) == [Literal("1951", datatype=XSD.gYear)]


def test_roles_of_people_and_articles_of_treaties() -> None:
    text = (
        "Ana Silva, the Chair of the Refugee Council, spoke. "
        "Tom Reyes, a member of the Refugee Council, agreed. "
        "Article 33 of the 1951 Convention forbids return."
    )
    found = _relations(text)
    assert ("Ana Silva", "leaderOf", "Refugee Council") in found
    assert ("Tom Reyes", "memberOf", "Refugee Council") in found
    assert ("Article 33 of the 1951 Convention", "partOf", "1951 Convention") in found


def test_wire_credits_security_offices_and_communities() -> None:
    text = (
        '"Bangkok, May 3 (Kyodo) - Thai Public Security officials met the Hmong community in '
        'Fresno, officials said."'
    )
    found = {m.text: m.cls for m in extract(doc(text)).mentions}
    assert found.get("Kyodo") == "Organization"
    assert found.get("Thai Public Security") == "Organization"
    assert found.get("Hmong community in Fresno") == "Group"


def test_a_wire_credit_after_a_city_of_two_words() -> None:
    text = "KUALA LUMPUR, Feb 23 (Zembla Wire) - Malaysia deported 150 people on Tuesday."
    found = {m.text: m.cls for m in extract(doc(text)).mentions}
    assert found.get("Zembla Wire") == "Organization"


def test_statements_need_a_speaker() -> None:
    assert "Statement" not in {e.cls for e in extract(doc("It is estimated that 500 fled.")).events}
    assert "Statement" not in {
        e.cls for e in extract(doc("Estimates point to at least 500 refugees in the camps.")).events
    }
    assert "Statement" in {
        e.cls for e in extract(doc("Aid groups estimate that 500 refugees fled in May.")).events
    }


def test_postal_codes_news_agencies_members_and_hyphenated_peoples() -> None:
    text = (
        "The letter went to Washington, DC 20515 and to Austin, TX. The Kyodo news agency "
        "said other Members of Parliament met the Korean-Chinese. The Laos- China border "
        "is long; Russian-Chinese relations are good."
    )
    found = {m.text: (m.cls, m.canonical) for m in extract(doc(text)).mentions}
    assert found["Washington, DC"] == ("Place", "Washington")
    assert found["Austin, TX"] == ("Place", "Austin")
    assert found["Kyodo news agency"] == ("Organization", "Kyodo")
    assert found["Members of Parliament"] == ("Organization", "Parliament")
    assert found["Korean-Chinese"] == ("Group", "Korean-Chinese")
    assert found["Laos- China border"] == ("Place", "China\u2013Laos border")
    assert "Russian-Chinese" not in found


def test_who_acts_on_whom_from_the_parse() -> None:
    text = (
        "Human Rights Watch urged the Red Cross to intervene. Burmese refugees were blamed by "
        "Amnesty International. The Hope Foundation delivered food in Laos. Vietnam did not "
        "criticize Amnesty International. Vietnam arrested 12 Hmong refugees. The Hope "
        "Foundation met Human Rights Watch in May."
    )
    found = {
        (r.subject.canonical, r.predicate, r.object.canonical)
        for r in extract(doc(text)).relations
        if r.predicate in ("relatedTo", "operatesIn")
    }
    assert ("Human Rights Watch", "relatedTo", "Red Cross") in found
    assert ("Amnesty International", "relatedTo", "Burmese refugees") in found
    assert ("Hope Foundation", "operatesIn", "Laos") in found
    assert not any(s == "Vietnam" for s, _, _ in found)  # negated; an arrest is an event
    # meeting someone is no standing relation between the two
    assert ("Hope Foundation", "relatedTo", "Human Rights Watch") not in found


def test_those_named_together_do_not_act_on_each_other() -> None:
    text = "The resolution, sponsored by Canada and Norway, urged the Red Cross to act."
    pairs = {
        frozenset((r.subject.canonical, r.object.canonical))
        for r in extract(doc(text)).relations
        if r.predicate == "relatedTo"
    }
    assert frozenset(("Canada", "Norway")) not in pairs


def test_legislators_embassies_of_states_and_offices_of_bodies() -> None:
    text = (
        "Rep. Ana Silva and Sen. Tom Reed spoke. Members of Congress met. The Kansas State "
        "Senate met at the Embassy of the Republic of Chile. The Bangkok Office of the UNHCR "
        "was closed."
    )
    annotated = extract(doc(text))
    found = {(r.subject.text, r.predicate, r.object.canonical) for r in annotated.relations}
    assert ("Ana Silva", "memberOf", "Congress") in found
    assert ("Tom Reed", "memberOf", "Kansas State Senate") in found
    assert ("Embassy of the Republic of Chile", "missionOf", "Chile") in found
    classes = {m.text: m.cls for m in annotated.mentions}
    assert classes["Bangkok Office of the UNHCR"] == "Place"


def test_posts_chairs_commissioners_and_owners_before_acronyms() -> None:
    text = (
        "Then UN High Commissioner for Refugees Ana Silva came. Commission Chair Tom Reed spoke. "
        "Commissioner Eva Lund wrote. The Refugee Rights Commission met. Kenya's National "
        "intelligence Service (NIS) watched the Tokyo-based group Save the Children of Asia "
        "(SCA). They met missionary Rosa Diaz, who was engaged in helping Burmese refugees."
    )
    found = {
        (r.subject.text, r.predicate, r.object.canonical) for r in extract(doc(text)).relations
    }
    assert ("Ana Silva", "leaderOf", "UN High Commissioner for Refugees") in found
    assert ("Tom Reed", "leaderOf", "Refugee Rights Commission") in found
    assert ("Eva Lund", "memberOf", "Refugee Rights Commission") in found
    assert ("NIS", "partOf", "Kenya") in found
    # the body's whole name, read after "the Tokyo-based group", and its short form
    assert {("Save the Children of Asia", "basedIn", "Tokyo"), ("SCA", "basedIn", "Tokyo")} & found


def test_a_city_lies_in_its_country_when_one_sentence_names_both() -> None:
    text = "Refugees hide in Yanji and elsewhere in China. Kenya sent aid. Police came to Lyon."
    found = _relations(text + " France protested.")
    assert ("Yanji", "locatedIn", "China") in found
    assert ("Lyon", "locatedIn", "France") not in found  # France is named in another sentence


def test_a_facility_known_by_where_it_is() -> None:
    text = "The nine were sent to an underground prison in Hoeryong by the police."
    annotated = extract(doc(text))
    assert {m.text: m.cls for m in annotated.mentions}.get(
        "underground prison in Hoeryong"
    ) == "Place"
    found = {(r.subject.text, r.predicate, r.object.text) for r in annotated.relations}
    assert ("The nine", "heldIn", "underground prison in Hoeryong") in found


def test_state_bodies_legislatures_operators_and_wholes_inside_names() -> None:
    text = (
        "Kenya's State Council met. Laos's state security agency watched. The Senate voted. "
        "They were held in a jail in Vientiane, run by Laos's state security agency. The "
        "United Nations Commission of Inquiry reported."
    )
    annotated = extract(doc(text))
    found = {m.text: (m.cls, m.canonical) for m in annotated.mentions}
    assert found["Kenya's State Council"] == ("Organization", "State Council")
    assert found["Laos's state security agency"][0] == "Organization"
    assert found["Senate"] == ("Organization", "Senate")
    rels = {(r.subject.text, r.predicate, r.object.canonical) for r in annotated.relations}
    assert ("Kenya's State Council", "partOf", "Kenya") in rels
    assert ("jail in Vientiane", "operatedBy", "Laos's state security agency") in rels
    assert ("United Nations Commission of Inquiry", "partOf", "United Nations") in rels


def test_whereabouts_bases_and_denials_in_their_own_clause() -> None:
    text = (
        "In Fresno, the Hmong community is strong. Burmese refugees are hiding in Laos and "
        "Thailand. They refused to leave, the Tokyo-based group Save the Children of Asia "
        "(SCA) said. Kenya signed Article 3 of the Convention against Torture."
    )
    found = _relations(text)
    assert ("Hmong community", "locatedIn", "Fresno") in found
    assert ("Burmese refugees", "locatedIn", "Laos") in found
    assert ("Burmese refugees", "locatedIn", "Thailand") in found
    # the body's whole name, read after "the Tokyo-based group", and its short form
    assert {("Save the Children of Asia", "basedIn", "Tokyo"), ("SCA", "basedIn", "Tokyo")} & found
    assert not any(p == "signatoryOf" and o.startswith("Article") for _, p, o in found)


def test_titles_shared_in_a_list_and_roles_before_an_apposed_name() -> None:
    text = (
        "The leaders, including Kenyan President Amara Odhiambo and Prime Minister Jo Kamau, "
        "met. The defectors, along with the Kenyan missionary helping them, 46-year-old "
        "Ann Wairimu, were held."
    )
    found = _relations(text)
    assert ("Amara Odhiambo", "presidentOf", "Kenya") in found
    assert ("Jo Kamau", "primeMinisterOf", "Kenya") in found
    assert ("Ann Wairimu", "citizenOf", "Kenya") in found


def test_a_regional_country_names_its_region() -> None:
    found = {
        m.text: (m.cls, m.canonical)
        for m in extract(
            doc("They tried to reach a Southeast Asian country or East African states.")
        ).mentions
    }
    assert found["Southeast Asian country"] == ("Place", "Southeast Asia")
    assert found["East African states"] == ("Place", "East Africa")


def test_relations_reach_the_whole_name_not_a_name_inside_it() -> None:
    text = (
        "Ten men were sent to an underground prison in Hoeryong, run by Laos's state security "
        "agency. Burmese refugees were held in Evin Prison in Tehran."
    )
    found = {(r.subject.text, r.predicate, r.object.text) for r in extract(doc(text)).relations}
    assert ("underground prison in Hoeryong", "operatedBy", "Laos's state security agency") in found
    assert ("Burmese refugees", "heldIn", "Evin Prison in Tehran") in found
    assert not any(o in ("Hoeryong", "Tehran") for _, p, o in found if p != "locatedIn")
    assert not any(p == "operatedBy" and s == "Hoeryong" for s, p, _ in found)


def test_a_ministry_naming_no_state_belongs_to_the_one_its_sentence_names() -> None:
    found = _relations(
        "Ministry of Foreign Affairs spokesperson Ana Silva restated the Kenyan government's view."
    )
    assert ("Ministry of Foreign Affairs", "partOf", "Kenya") in found
    found = _relations("The Ministry of Health said Kenya and Uganda agreed.")
    assert not any(s == "Ministry of Health" for s, _, _ in found)


def test_signatories_and_parties_of_a_treaty() -> None:
    text = (
        "Kenya is bound by the Convention against Torture, of which Kenya is a signatory. "
        "Article 3 of the Convention on the Rights of the Child, which Laos acceded to in "
        "1991, forbids it. Thailand and Peru are parties to the Convention on Cluster Munitions."
    )
    found = _relations(text)
    assert ("Kenya", "signatoryOf", "Convention against Torture") in found
    assert ("Laos", "partyTo", "Convention on the Rights of the Child") in found
    assert ("Peru", "partyTo", "Convention on Cluster Munitions") in found
    assert not any(o.startswith("Article") for _, p, o in found if p == "partyTo")


def test_a_reference_mark_after_the_period_ends_the_sentence() -> None:
    from reportgraph.extract.sentences import split_sentences

    text = "It was meant to silence critics.[7] The bill passed in July 2012.[8][a] It took effect."
    assert [s.text for s in split_sentences(text)] == [
        "It was meant to silence critics.[7]",
        "The bill passed in July 2012.[8][a]",
        "It took effect.",
    ]


def test_the_model_name_is_read_without_loading_the_model(monkeypatch) -> None:
    """A build's main process names the model for its cache key; the workers extract. So
    naming it must not load it (400 MB in a process that never parses)."""
    from reportgraph.extract import nlp

    def refuse() -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(nlp, "load_model", refuse)
    assert nlp.model_name() == "en_core_web_md 3.8.0"


def test_each_numbered_item_after_a_semicolon_is_a_sentence() -> None:
    text = (
        "Resolved, That the Senate--\n(1) condemns the arrests;\n"
        "(2) calls on Chad to free them; and\n(3) urges restraint.\n"
    )
    found = [s.text for s in split_sentences(text)]
    assert found[-2:] == ["(2) calls on Chad to free them; and", "(3) urges restraint."]


def test_a_quoted_title_reports_no_act_and_counted_acts_are_no_people() -> None:
    text = (
        'In May 2004 the 40-page report, "Pushed Back", documents 23 pushbacks between April '
        "and November, based on interviews with 29 Laotian refugees."
    )
    annotated = extract(doc(text))
    assert not [e for e in annotated.events if e.trigger == "Pushed Back"]
    assert "pushbacks" not in {m.text for m in annotated.mentions}


def test_aides_are_people_not_aid() -> None:
    text = "In 2003 two of her aides were detained in Bangkok and remain in detention."
    assert "Aid" not in {e.cls for e in extract(doc(text)).events}


def test_code_citations_and_extensions_end_no_sentence() -> None:
    text = "She was held under 8 U.S.C. 1234(a)(5) in May. Call 555-0100, ext. 127 today."
    assert [s.text for s in split_sentences(text)] == [
        "She was held under 8 U.S.C. 1234(a)(5) in May.",
        "Call 555-0100, ext. 127 today.",
    ]

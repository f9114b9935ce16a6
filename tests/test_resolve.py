"""Entity resolution on hand-made mentions: within a document, across documents, the
guards that keep things apart, the user's merge config, labels and Wikidata links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgraph.model import Annotated, Document, Mention, Resolved
from reportgraph.resolve import MergeConfig, resolve
from reportgraph.resolve.names import normal, person_key, states


def annotated(file_name: str, text: str, *spans: tuple[str, ...]) -> Annotated:
    """A document whose mentions are every whole-word occurrence of each (surface, class[,
    name]) given; longer surfaces first, so a short one inside a long one is skipped."""
    doc = Annotated(
        Document(Path(file_name), file_name, text, "0" * 64, "text/plain", date="2002-05")
    )
    for surface, cls, *named in sorted(spans, key=lambda s: -len(s[0])):
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            doc.add_mention(Mention(m.start(), m.end(), surface, cls, "test", *named))
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    return doc


def entity_of(resolved: Resolved, name: str) -> str:
    keys = [k for k, e in resolved.entities.items() if name == e.label or name in e.alt_labels]
    assert len(keys) == 1, (name, keys)
    return keys[0]


def rules(resolved: Resolved, key: str) -> list[str]:
    return [m.rule for m in resolved.merges if m.entity == key]


# --- names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ryu Choong-il", "Ryu Chong-il"),
        ("Kim Jong Il", "Kim Jong-il"),
        ("Kim Jong Eun", "Kim Jong-un"),
        ("Chun Ki-sun", "Cheon Gi-sun"),
        ("Pak Chong Hui", "Park Chung-hee"),
        ("Lee Seo-yeon", "Yi So Yon"),
    ],
)
def test_romanizations_of_one_korean_name_share_a_key(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong-il", "Kim Jong-un"),
        ("Kim Jong-il", "Kim Kuk-chol"),
        ("Zhu Rongji", "Zhou Rongji"),
        ("Eric Baculinao", "Eric Bacon"),
    ],
)
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)


def test_normal_forms() -> None:
    assert normal("the U.S. Congress") == "united states congress"
    assert normal("UN High Commissioner for Refugees") == normal(
        "United Nations High Commissioner for Refugees"
    )
    assert normal("Jilin Province", "Place") == normal("Jilin", "Place") == "jilin"
    assert states("North Korean security agents") == {"KP"}
    assert states("border between China and North Korea") == {"CN", "KP"}


# --- within one document ------------------------------------------------------------------


def test_surname_alone_is_the_only_person_of_that_name() -> None:
    text = "Lena Okafor met Tomas Reyes. Okafor said the camp was full."
    doc = annotated(
        "a.txt", text, ("Lena Okafor", "Person"), ("Tomas Reyes", "Person"), ("Okafor", "Person")
    )
    resolved = resolve([doc])
    key = entity_of(resolved, "Lena Okafor")
    assert "Okafor" in resolved.entities[key].alt_labels
    assert any(r.startswith("short name") for r in rules(resolved, key))


def test_surname_shared_by_two_people_stays_apart() -> None:
    text = "Lena Okafor and Ben Okafor arrived. Okafor said nothing."
    doc = annotated(
        "a.txt", text, ("Lena Okafor", "Person"), ("Ben Okafor", "Person"), ("Okafor", "Person")
    )
    resolved = resolve([doc])
    assert len([e for e in resolved.entities.values() if e.cls == "Person"]) == 3


def test_pseudonym_stated_in_the_text_joins_both_names_across_documents() -> None:
    a = annotated(
        "a.txt",
        "Ryu Chong-il, who previously used the pseudonym Kim Kuk-chol, said he was beaten.",
        ("Ryu Chong-il", "Person"),
        ("Kim Kuk-chol", "Person"),
    )
    b = annotated("b.txt", "Kim Kuk-chol spoke to reporters.", ("Kim Kuk-chol", "Person"))
    resolved = resolve([a, b])
    key = entity_of(resolved, "Ryu Chong-il")
    assert resolved.entities[key].documents == {"a.txt", "b.txt"}
    assert any("pseudonym Kim Kuk-chol" in r for r in rules(resolved, key))


def test_government_phrase_the_extractor_left_unnamed_is_the_country() -> None:
    doc = annotated(
        "a.txt", "The Chinese authorities denied it.", ("Chinese authorities", "Organization")
    )
    resolved = resolve([doc])
    china = resolved.entities["country/china"]
    assert china.label == "China" and "Chinese authorities" in china.alt_labels


def test_people_who_fled_a_state_are_one_group_however_worded() -> None:
    text = (
        "North Korean defectors hid in Yanji. Refugees from North Korea are sent back. "
        "Many North Koreans cross the river."
    )
    doc = annotated(
        "a.txt",
        text,
        ("North Korean defectors", "Group"),
        ("Refugees from North Korea", "Group"),
        ("North Koreans", "Group"),
    )
    resolved = resolve([doc])
    groups = [e for e in resolved.entities.values() if e.cls == "Group"]
    assert [g.label for g in groups] == ["North Korean refugees"]
    assert groups[0].alt_labels >= {"North Korean defectors", "North Koreans"}


def test_counted_and_anaphoric_groups_stay_in_their_document() -> None:
    a = annotated("a.txt", "The seven were sent back.", ("The seven", "Group"))
    b = annotated("b.txt", "The seven were released.", ("The seven", "Group"))
    resolved = resolve([a, b])
    assert len([e for e in resolved.entities.values() if e.cls == "Group"]) == 2


def test_short_form_of_an_organization_in_one_document() -> None:
    text = "Helping Hands for Displaced Families works in Laos. Helping Hands said so."
    doc = annotated(
        "a.txt",
        text,
        ("Helping Hands for Displaced Families", "Organization"),
        ("Helping Hands", "Organization"),
    )
    resolved = resolve([doc])
    assert len(resolved.entities) == 1


def test_a_body_inside_a_longer_name_is_not_its_short_form() -> None:
    text = "The United Nations and the United Nations High Commissioner for Refugees met."
    doc = annotated(
        "a.txt",
        text,
        ("United Nations", "Organization"),
        ("United Nations High Commissioner for Refugees", "Organization"),
    )
    resolved = resolve([doc])
    assert len(resolved.entities) == 2


def test_a_people_living_in_a_state_is_one_group_however_worded() -> None:
    a = annotated(
        "a.txt",
        "Ethnic Koreans living in China hid them.",
        ("Ethnic Koreans living in China", "Group"),
    )
    b = annotated("b.txt", "A Korean-Chinese teacher came.", ("Korean-Chinese", "Group"))
    c = annotated("c.txt", "Korean-Americans wrote.", ("Korean-Americans", "Group"))
    resolved = resolve([a, b, c])
    assert entity_of(resolved, "Korean-Chinese") == entity_of(
        resolved, "Ethnic Koreans living in China"
    )
    assert len([e for e in resolved.entities.values() if e.cls == "Group"]) == 2


# --- across documents ---------------------------------------------------------------------


def test_a_body_named_by_its_head_word_is_the_only_such_body_of_a_state() -> None:
    a = annotated(
        "a.txt", "The Parliament of Canada wrote.", ("Parliament of Canada", "Organization")
    )
    b = annotated("b.txt", "Parliament voted.", ("Parliament", "Organization"))
    resolved = resolve([a, b])
    assert len(resolved.entities) == 1
    c = annotated(
        "c.txt", "The Parliament of Kenya wrote.", ("Parliament of Kenya", "Organization")
    )
    resolved = resolve([a, b, c])
    assert len(resolved.entities) == 3  # two such bodies: a bare 'Parliament' is neither


def test_romanizations_across_documents_are_one_person_with_the_rule_logged() -> None:
    a = annotated("a.txt", "Ryu Choong-il was arrested.", ("Ryu Choong-il", "Person"))
    b = annotated("b.txt", "Ryu Chong-il was beaten.", ("Ryu Chong-il", "Person"))
    resolved = resolve([a, b])
    key = entity_of(resolved, "Ryu Chong-il")
    assert entity_of(resolved, "Ryu Choong-il") == key
    assert any(r.startswith("romanization") for r in rules(resolved, key))


def test_acronym_defined_in_one_document_and_used_bare_in_another() -> None:
    a = annotated(
        "a.txt",
        "The Refugee Support Network (RSN) opened. RSN staff left.",
        ("Refugee Support Network", "Organization"),
        ("RSN", "Organization", "Refugee Support Network"),
    )
    b = annotated("b.txt", "RSN said the border was closed.", ("RSN", "Organization"))
    resolved = resolve([a, b])
    key = entity_of(resolved, "RSN")
    assert resolved.entities[key].label == "Refugee Support Network"
    assert resolved.entities[key].documents == {"a.txt", "b.txt"}


def test_acronym_with_two_letters_swapped_joins_the_acronym() -> None:
    a = annotated("a.txt", "UNHCR visited.", ("UNHCR", "Organization"))
    b = annotated("b.txt", "UNCHR visited.", ("UNCHR", "Organization"))
    resolved = resolve([a, b])
    assert len(resolved.entities) == 1


def test_misspelt_place_joins_the_gazetteer_spelling() -> None:
    a = annotated("a.txt", "They were held in Shengyang.", ("Shengyang", "Place"))
    b = annotated("b.txt", "The consulate in Shenyang.", ("Shenyang", "Place"))
    resolved = resolve([a, b])
    assert [e.label for e in resolved.entities.values()] == ["Shenyang"]


def test_two_known_places_one_letter_apart_stay_apart() -> None:
    a = annotated("a.txt", "Coal from Shanxi.", ("Shanxi", "Place"))
    b = annotated("b.txt", "Caves in Shaanxi.", ("Shaanxi", "Place"))
    assert len(resolve([a, b]).entities) == 2


def test_names_a_letter_apart_that_name_two_known_places_stay_apart() -> None:
    a = annotated("a.txt", "Police in Luzhou acted.", ("Police in Luzhou", "Group"))
    b = annotated("b.txt", "Police in Zhuzhou acted.", ("Police in Zhuzhou", "Group"))
    assert len(resolve([a, b]).entities) == 2
    c = annotated("c.txt", "Police in Zhuzou acted.", ("Police in Zhuzou", "Group"))
    assert len(resolve([b, c]).entities) == 1  # a misspelt city is no known place


def test_north_and_south_are_never_merged() -> None:
    a = annotated("a.txt", "North Korean lawmakers met.", ("North Korean lawmakers", "Group"))
    b = annotated("b.txt", "South Korean lawmakers met.", ("South Korean lawmakers", "Group"))
    assert len(resolve([a, b]).entities) == 2


def test_names_two_letters_apart_that_name_different_states_stay_apart() -> None:
    a = annotated("a.txt", "The Austrian Red Cross helped.", ("Austrian Red Cross", "Organization"))
    b = annotated(
        "b.txt", "The Australian Red Cross helped.", ("Australian Red Cross", "Organization")
    )
    resolved = resolve([a, b])
    assert len(resolved.entities) == 2
    assert any("refused: different states" in m.rule for m in resolved.merges)


def test_treaty_short_forms_and_articles() -> None:
    a = annotated(
        "a.txt",
        "China signed the 1951 Convention relating to the Status of Refugees.",
        ("1951 Convention relating to the Status of Refugees", "Law"),
    )
    b = annotated(
        "b.txt",
        "The 1951 Convention binds it. Article 33 of the Convention relating to the Status "
        "of Refugees forbids return.",
        ("1951 Convention", "Law"),
        ("Article 33 of the Convention relating to the Status of Refugees", "Law"),
    )
    resolved = resolve([a, b])
    key = entity_of(resolved, "1951 Convention")
    assert entity_of(resolved, "1951 Convention relating to the Status of Refugees") == key
    article = entity_of(resolved, "Article 33 of the Convention relating to the Status of Refugees")
    assert article != key


def test_label_is_the_fullest_proper_form_and_others_are_alt_labels() -> None:
    a = annotated(
        "a.txt",
        "the World Food Programme (WFP) said",
        ("World Food Programme", "Organization"),
        ("WFP", "Organization", "World Food Programme"),
    )
    b = annotated("b.txt", "WFP said", ("WFP", "Organization"))
    entity = next(iter(resolve([a, b]).entities.values()))
    assert entity.label == "World Food Programme"
    assert entity.alt_labels == {"WFP"}


def test_a_person_is_labelled_by_the_name_itself_not_a_title_before_it() -> None:
    a = annotated("a.txt", "Ms. Mira Vellova spoke.", ("Ms. Mira Vellova", "Person"))
    b = annotated("b.txt", "Mira Vellova fled.", ("Mira Vellova", "Person"))
    entity = next(iter(resolve([a, b]).entities.values()))
    assert entity.label == "Mira Vellova"


def test_every_mention_keeps_its_document_and_offsets() -> None:
    a = annotated("a.txt", "UNHCR said. UNHCR left.", ("UNHCR", "Organization"))
    b = annotated("b.txt", "Then UNHCR came.", ("UNHCR", "Organization"))
    resolved = resolve([a, b])
    (key,) = resolved.entities
    assert [(d, m.start, m.end) for d, m in resolved.mentions[key]] == [
        ("a.txt", 0, 5),
        ("a.txt", 12, 17),
        ("b.txt", 5, 10),
    ]


# --- the user's merge config ------------------------------------------------------------


def test_merge_config_different_vetoes_a_rule() -> None:
    a = annotated("a.txt", "Ryu Choong-il was arrested.", ("Ryu Choong-il", "Person"))
    b = annotated("b.txt", "Ryu Chong-il was beaten.", ("Ryu Chong-il", "Person"))
    config = MergeConfig(different=(("Ryu Choong-il", "Ryu Chong-il"),))
    resolved = resolve([a, b], config)
    assert len(resolved.entities) == 2
    assert any("the merge config says different" in m.rule for m in resolved.merges)


def test_merge_config_same_forces_a_merge() -> None:
    a = annotated(
        "a.txt",
        "Committee on International Relations met.",
        ("Committee on International Relations", "Organization"),
    )
    b = annotated(
        "b.txt",
        "Committee on Foreign Affairs met.",
        ("Committee on Foreign Affairs", "Organization"),
    )
    config = MergeConfig(
        same=(("Committee on International Relations", "Committee on Foreign Affairs"),)
    )
    resolved = resolve([a, b], config)
    (key,) = resolved.entities
    assert any(r.startswith("merge config") for r in rules(resolved, key))


# --- linking ------------------------------------------------------------------------------


def test_wikidata_links_from_the_shipped_tables() -> None:
    doc = annotated(
        "a.txt",
        "China moved troops to Sichuan. The UN objected. Washington said nothing.",
        ("China", "Country", "China"),
        ("Sichuan", "Place"),
        ("UN", "Organization"),
        ("Washington", "Place"),
    )
    entities = {e.label: e for e in resolve([doc]).entities.values()}
    assert entities["China"].same_as == "Q148"
    assert entities["Sichuan"].same_as == "Q19770"
    assert entities["UN"].same_as == "Q1065"
    assert entities["Washington"].same_as is None  # the city, not the state

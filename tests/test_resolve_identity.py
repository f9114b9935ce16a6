"""One node per real thing across documents, on invented texts run through the whole
extraction: a bare "the border", a misspelt small city, a state's security authorities."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.model import Annotated, Document, Mention, Resolved
from reportgraph.resolve import resolve


def annotated(text: str, name: str = "t.txt") -> Annotated:
    return extract(Document(Path(name), name, text, "0" * 64, "text/plain", date="2004-03"))


def named(text: str, source_prefix: str = "") -> set[tuple[str, str]]:
    return {
        (m.text, m.canonical)
        for m in annotated(text).mentions
        if m.cls == "Place" and m.source.startswith(source_prefix)
    }


def entities_named(resolved: Resolved, name: str) -> list[str]:
    return [k for k, e in resolved.entities.items() if name == e.label or name in e.alt_labels]


# --- a bare "the border" ------------------------------------------------------------------

THAI_BURMESE = (
    "Thailand hosts many people who fled Myanmar. Myanmar's army attacked villages, and "
    "Thai officials said that Thailand would not send them back to Myanmar. Families "
    "crossed the border into Thailand at night."
)


def test_a_bare_border_is_the_border_of_the_two_states_a_document_names_most() -> None:
    assert ("border", "Myanmar\u2013Thailand border") in named(THAI_BURMESE, "borders")


def test_a_bare_border_between_states_that_do_not_touch_is_left_alone() -> None:
    text = (
        "Japan gave money to Chile. Japan and Chile signed a treaty, and Chile thanked "
        "Japan. Nobody crossed the border."
    )
    assert not any(name.endswith("border") for _, name in named(text))


def test_a_third_state_named_as_often_leaves_the_border_unnamed() -> None:
    text = (
        "Thailand, Myanmar and Vietnam met. Thailand, Myanmar and Vietnam agreed. "
        "Refugees crossed the border."
    )
    assert not any(name.endswith("border") for _, name in named(text))


def test_the_only_border_a_document_names_is_its_bare_border() -> None:
    text = (
        "China and Vietnam and China again, China, Vietnam. They walked to the border "
        "between China and Laos. Guards closed the border at night."
    )
    found = named(text, "borders")
    assert ("border", "China\u2013Laos border") in found
    assert not any("Viet" in name for _, name in found)


def test_a_border_that_is_a_word_of_a_longer_name_is_no_border() -> None:
    text = (
        "Thailand and Myanmar, Thailand and Myanmar. The border guards of Thailand stopped "
        "them in the border area, and the border with Laos stayed open."
    )
    assert not any(name.endswith("border") for _, name in named(text))


def test_a_bare_border_joins_the_border_another_document_names() -> None:
    first = annotated("Aid reached camps on the Thailand-Myanmar border in May.", "a.txt")
    second = annotated(THAI_BURMESE, "b.txt")
    resolved = resolve([first, second])
    [key] = entities_named(resolved, "Myanmar\u2013Thailand border")
    assert resolved.entities[key].documents == {"a.txt", "b.txt"}
    rules = [m.rule for m in resolved.merges if m.entity == key]
    assert any("the two states the document names most" in r for r in rules), rules


# --- a small city, misspelt, that the text locates in its province ------------------------


def test_a_local_office_names_its_city_spelt_one_letter_off() -> None:
    text = "The Hunchen Public Security Bureau in Jilin Province arrested two women."
    found = named(text)
    assert ("Hunchen", "Hunchun") in found
    [source] = [m.source for m in annotated(text).mentions if m.text == "Hunchen"]
    assert "the only city of Jilin within one letter" in source


def test_a_city_the_text_locates_is_known_by_its_own_spelling() -> None:
    assert ("Tumin city", "Tumen") in named("A document of Tumin city in Jilin was read.")
    assert ("Tumen city", "Tumen") in named("A document of Tumen city in Jilin was read.")


def test_two_cities_one_letter_away_leave_the_name_alone() -> None:
    # in China as a whole, 'Longjin' is one letter from Longjing and from Longlin
    text = "The Longjin Security Office in China arrested two women."
    assert not any(name in ("Longjing", "Longlin") for _, name in named(text))


def test_a_province_whose_division_is_unknown_locates_nothing() -> None:
    # no city is named Sichuan, so which of China's divisions it is cannot be checked
    text = "The Hunchen Public Security Bureau in Sichuan arrested two women."
    assert not any(name == "Hunchun" for _, name in named(text))


def test_a_name_two_letters_off_is_no_city() -> None:
    text = "The Hanchen Public Security Bureau in Jilin arrested two women."
    assert not any(name == "Hunchun" for _, name in named(text))


def test_one_misspelt_city_in_two_documents_is_one_node() -> None:
    first = annotated("The Hunchen Security Office in Jilin Prov. ordered arrests.", "a.txt")
    second = annotated("An official document of Hunchan city in Jilin was leaked.", "b.txt")
    resolved = resolve([first, second])
    [key] = entities_named(resolved, "Hunchun")
    entity = resolved.entities[key]
    assert entity.label == "Hunchun"
    assert {"Hunchen", "Hunchan city"} <= entity.alt_labels
    assert entity.documents == {"a.txt", "b.txt"}


# --- a state's security authorities --------------------------------------------------------


def orgs(file_name: str, text: str, *names: str) -> Annotated:
    """A document whose mentions are the given organization names, as the extractor gives."""
    doc = Annotated(Document(Path(file_name), file_name, text, "0" * 64, "text/plain"))
    for name in names:
        start = text.index(name)
        doc.add_mention(Mention(start, start + len(name), name, "Organization", "test"))
    return doc


SECURITY_A = orgs(
    "a.txt",
    "Refugees were hunted by the Vietnamese Security authorities.",
    "Vietnamese Security authorities",
)
SECURITY_B = orgs(
    "b.txt", "Vietnamese Public Security arrested four children.", "Vietnamese Public Security"
)


def test_a_states_security_authorities_are_its_one_public_security_body() -> None:
    resolved = resolve([SECURITY_A, SECURITY_B])
    [key] = entities_named(resolved, "Vietnamese Public Security")
    assert "Vietnamese Security authorities" in resolved.entities[key].alt_labels
    assert any(m.rule.startswith("security authorities: ") for m in resolved.merges)


def test_security_authorities_stay_apart_when_state_security_is_named_too() -> None:
    state = orgs(
        "c.txt", "Vietnamese State Security watched the church.", "Vietnamese State Security"
    )
    resolved = resolve([SECURITY_A, SECURITY_B, state])
    keys = {entities_named(resolved, name)[0] for name in (
        "Vietnamese Security authorities", "Vietnamese Public Security", "Vietnamese State Security"
    )}  # fmt: skip
    assert len(keys) == 3


def test_another_states_security_authorities_stay_apart() -> None:
    other = orgs(
        "c.txt", "The Laotian Security authorities said nothing.", "Laotian Security authorities"
    )
    resolved = resolve([other, SECURITY_B])
    assert entities_named(resolved, "Laotian Security authorities") != entities_named(
        resolved, "Vietnamese Public Security"
    )


# --- links --------------------------------------------------------------------------------


def test_a_state_inside_a_places_name_links_the_place_to_no_state() -> None:
    text = "the China-Laos border, or Laos- for short"
    doc = Annotated(Document(Path("a.txt"), "a.txt", text, "0" * 64, "text/plain"))
    border = "China\u2013Laos border"
    doc.add_mention(Mention(4, 21, "China-Laos border", "Place", "test", border))
    doc.add_mention(Mention(26, 31, "Laos-", "Place", "test", border))
    resolved = resolve([doc])
    [key] = entities_named(resolved, border)
    assert "Laos-" in resolved.entities[key].alt_labels
    assert resolved.entities[key].same_as is None


def test_measures_named_by_common_nouns_stay_in_their_document() -> None:
    first = annotated("The Union imposed sanctions on Vell officials in May.", "a.txt")
    second = annotated("Ruritania imposed sanctions on Zembla in June.", "b.txt")
    resolved = resolve([first, second])
    keys = entities_named(resolved, "sanctions")
    assert len(keys) == 2  # two documents' sanctions are not one measure


# --- a titled family name -------------------------------------------------------------------


def test_a_titled_family_name_is_the_one_person_of_that_name_another_report_gives() -> None:
    first = annotated("Senator Tomas Velloso spoke on the refugee bill in May 2003.", "a.txt")
    second = annotated("Mr. Velloso introduced the following bill in the Senate.", "b.txt")
    resolved = resolve([first, second])
    assert entities_named(resolved, "Mr. Velloso") == entities_named(resolved, "Tomas Velloso")
    third = annotated("Ana Velloso wrote to the Senate about the bill in June 2003.", "c.txt")
    resolved = resolve([first, second, third])  # two Vellosos given in full: no merge
    assert entities_named(resolved, "Mr. Velloso") != entities_named(resolved, "Tomas Velloso")


# --- a body named by a common noun ----------------------------------------------------------


def test_the_court_of_one_report_is_not_a_court_another_names() -> None:
    first = annotated("In May 2003 Kenya's Supreme Court dissolved the party.", "a.txt")
    second = annotated("The Chadian authorities kept Ana Vell, as the court ruled.", "b.txt")
    assert "court" in {m.canonical for m in second.mentions}
    resolved = resolve([first, second])
    [key] = entities_named(resolved, "Supreme Court")
    assert resolved.entities[key].documents == {"a.txt"}


def test_a_common_noun_another_report_says_names_a_body_stays_in_its_report() -> None:
    first = annotated(
        "In May 2003 Kenya's Supreme Court dissolved the party. The court said it had broken "
        "the law.",
        "a.txt",
    )
    second = annotated("The Chadian authorities kept Ana Vell, as the court ruled.", "b.txt")
    resolved = resolve([first, second])
    [key] = entities_named(resolved, "Supreme Court")
    assert resolved.entities[key].documents == {"a.txt"}


def test_two_laws_of_one_name_and_different_years_stay_two() -> None:
    text = (
        "In 2019 the Senate passed the Vell Rights Policy Act of 2019. In 2020 the House "
        "passed the Vell Rights Policy Act of 2020. The Vell Rights Policy Act was signed."
    )
    resolved = resolve([annotated(text)])
    assert entities_named(resolved, "Vell Rights Policy Act of 2019") != entities_named(
        resolved, "Vell Rights Policy Act of 2020"
    )

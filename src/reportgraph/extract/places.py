"""Countries (as places and as states), facilities, and other places.

Countries come from ISO 3166 (pycountry) and the phrases that make a state act ("the
Chinese government", "Russian authorities"); cities and provinces from the gazetteer;
facilities (embassies, consulates, prisons, offices) and rivers from the shape of their
names; a bare "the border" from the borders and states the document names.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pycountry

from reportgraph.extract import component
from reportgraph.extract.datelines import datelines
from reportgraph.extract.gazetteer import (
    capitals,
    city_spelt,
    countries,
    country_names,
    demonyms,
    neighbours,
    region_of,
)
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.extract.nlp import english_words
from reportgraph.extract.patterns import (
    FUNCTION_WORDS,
    SP,
    WORD,
    add,
    skip_function_words,
)
from reportgraph.extract.seats import stands_for_state
from reportgraph.model import Annotated, Mention

_STATE_NOUNS = r"government|authorities|regime|state|administration|officials|leadership|side"
_FACILITY_HEADS = (
    r"Embassy|Consulate[- ]General|Consulate|Mission|Prison|Jail|Penitentiary"
    r"|(?:Detention|Confinement|Holding|Correctional) (?:Cent(?:er|re)|Facility)"
    r"|Labou?r Camp|Prison Camp|Camp|Airport"
)
_REGION_WORDS = (
    r"North|South|East|West|Northeast|Northwest|Southeast|Southwest|Central|Inner|Outer"
    r"|[Nn]orthern|[Ss]outhern|[Ee]astern|[Ww]estern|[Nn]ortheast(?:ern)?|[Nn]orthwest(?:ern)?"
    r"|[Ss]outheast(?:ern)?|[Ss]outhwest(?:ern)?"
)
CONTINENTS = ("Asia", "Europe", "Africa", "America", "Americas", "Oceania", "Middle East")


@cache
def _country_alternation() -> str:
    return "|".join(re.escape(n) for n in sorted(country_names(), key=len, reverse=True))


@cache
def _country_regex() -> re.Pattern[str]:
    # "Japan-based" names Japan; "Guinea-Bissau" is not Guinea
    return re.compile(rf"(?<![\w.])(?:{_country_alternation()})(?!\w|-(?!based\b))")


@cache
def _demonym_regex() -> re.Pattern[str]:
    names = sorted(demonyms(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def _country_label(code: str) -> str:
    return countries()[code].name


def _shouting(text: str, start: int, end: int) -> bool:
    """An all-capitals short name inside an all-capitals line ("CONTACT US") is not a name."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > len(text[start:end]) + 2 and all(c.isupper() for c in letters)


@component("countries", requires=["sentences"], assigns=["mentions"])
def countries_component(doc: Annotated) -> None:
    text = doc.document.text
    dem = _demonym_regex().pattern
    state = re.compile(
        rf"\b(?:(?:the|The){SP})?(?P<dem>{dem})(?:'s|\u2019s)?{SP}(?:{_STATE_NOUNS})\b"
    )
    for m in state.finditer(text):
        code = demonyms().get(m.group("dem")) or country_names().get(m.group("dem"))
        if code:
            add(doc, m.start(), m.end(), "Country", "countries", name=_country_label(code))
    for m in _country_regex().finditer(text):
        if m.group().isupper() and len(m.group()) <= 4 and _shouting(text, m.start(), m.end()):
            continue
        if text.startswith("$", m.end()):
            continue  # "US$4,000": a currency
        before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, m.start() - 20) : m.start()])
        if before and f"{before.group(1)} {m.group()}" in gazetteer():
            continue  # "New Jersey" is not Jersey
        code = country_names()[m.group()]
        add(doc, m.start(), m.end(), "Country", "countries", name=_country_label(code))


@component("facilities", requires=["sentences"], assigns=["mentions"])
def facilities(doc: Annotated) -> None:
    text = doc.document.text
    dem = _demonym_regex().pattern
    country = _country_regex().pattern
    owner = rf"(?:{dem}|{country}(?:'s|\u2019s)?|[A-Z]{{2,}}|{WORD}(?:{SP}{WORD}){{0,3}})"
    place_tail = rf"(?:{SP}(?:in|at){SP}(?:{WORD}(?:{SP}{WORD})?))?"
    patterns = [
        # "the Spanish Embassy in Lima", "Japan's Consulate General in Busan"
        re.compile(rf"\b{owner}{SP}(?:{_FACILITY_HEADS})\b{place_tail}"),
        # "Embassy of the People's Republic of Ruritania"
        re.compile(
            rf"\b(?:{_FACILITY_HEADS}){SP}of{SP}(?:the{SP})?"
            rf"(?:{WORD}{SP}(?:of{SP}|for{SP})?){{0,6}}{WORD}"
            rf"{place_tail}"
        ),
        # "UNHCR office", "the UN Office in Geneva": an organization's office is a place; a
        # "Security Office" with a name of its own is an organization, left to the org rules
        re.compile(
            rf"\b(?:[A-Z]{{2,}}|United{SP}Nations){SP}(?:[Oo]ffice|mission|compound)\b{place_tail}"
        ),
        # "Ruritanian labor camps", "Chinese detention centers": a state's camps, as one place
        re.compile(
            rf"\b(?:{dem}|{country}|[A-Z]{{2,}}){SP}(?:labou?r|prison|detention|re-?education)"
            rf"{SP}(?:camps?|cent(?:er|re)s?)\b"
        ),
        # "an underground prison in Pelton": a facility known by where it is
        re.compile(
            rf"\b(?:an?|the|An?|The){SP}(?P<facility>(?:[a-z]+{SP})?(?:prison|jail|detention"
            rf"{SP}cent(?:er|re)|labou?r{SP}camp|prison{SP}camp){SP}(?:in|at|near){SP}{WORD}"
            rf"(?:{SP}{WORD})?)"
        ),
        # "the notorious Vellin prison": a prison with a name of its own, in lower case
        re.compile(rf"(?<![\w'\u2019-])(?P<own>[A-Z][a-z]{{2,}}){SP}(?:prison|jail)\b"),
        # "the Bangkok Office of the UNHCR": where a body works, so a place too
        re.compile(
            rf"\b{WORD}(?:{SP}{WORD})?{SP}(?:[Oo]ffice|[Mm]ission){SP}of{SP}(?:the{SP})?"
            rf"(?:[A-Z]{{2,}}\b|United{SP}Nations(?:{SP}(?:(?:for|on|of){SP})?{WORD}){{0,5}})"
        ),
    ]
    for pattern in patterns:
        for m in pattern.finditer(text):
            start = m.start() + skip_function_words(m.group())
            if "facility" in pattern.groupindex:
                start = m.start("facility")
            if "own" in pattern.groupindex and _not_a_prison_name(m["own"]):
                continue
            if re.match(r"(?:[Oo]ffice|[Mm]ission)\b", text[start:]):
                continue  # "the Office of the UNHCR" is the body itself
            if len(text[start : m.end()].split()) < 2:
                continue  # "A Camp Without Walls": a prison, but no one's nor anywhere
            named_on = m.group().endswith(("Mission", "Office")) and _MISSION_ON.match(
                text, m.end()
            )
            if _inside_a_name(text, start) or named_on or _MANDATE.search(m.group()):
                continue  # "Fact-Finding Mission on Zembla", "UN Assistance Mission": bodies
            add(
                doc,
                start,
                m.end(),
                "Place",
                "facilities",
                name=_facility_name(text[start : m.end()]),
            )


# after a facility's head: "Mission on Zembla", "Office for the Coordination of ..."
_MISSION_ON = re.compile(r"[ \t]+(?:on|for)[ \t]+(?:the[ \t]+)?[A-Z]")
_MANDATE = re.compile(
    r"\b(?:(?:U\.N\.|UN|United\s+Nations)\s+(?:[A-Z]\w+\s+){0,3}"
    r"|(?:Assistance|Support|Peacekeeping|Verification|Observer|Monitoring)\s+)Mission\b"
)


def _inside_a_name(text: str, start: int) -> bool:
    """Does a capitalised word of a longer name stand just before ``start``: not "The",
    nor the word that opens a sentence or a line?"""
    word = re.search(r"([A-Z][\w.'-]*)[ \t]+$", text[max(0, start - 40) : start])
    if word is None or word.group(1) in FUNCTION_WORDS:
        return False
    opening = text[: start - len(word.group(0))].rstrip(" \t")
    return bool(opening) and opening[-1] not in ".!?:;\n"


_LOCATED_TAIL = re.compile(r"\s+(?:in|at)\s+.*$", re.S)
_NAMED_FACILITY = re.compile(
    r"^(?:[A-Z][\w'-]*\s+){1,3}(?:Prison|Jail|Penitentiary|Camp|Airport"
    r"|(?:Detention|Confinement|Holding|Correctional) (?:Cent(?:er|re)|Facility))$"
)


def _facility_name(text: str) -> str:
    """A facility with a name of its own ("Evin Prison in Tehran") is that name; an
    embassy or office is known by whose it is and where ("the Spanish Embassy in Lima")."""
    head = _LOCATED_TAIL.sub("", text)
    if head != text and _NAMED_FACILITY.match(head) and not _state(head.split()[0]):
        return " ".join(head.split())
    return ""


def _not_a_prison_name(word: str) -> bool:
    """Is the word before "prison" a state's, a capital's or an English word ("a Vellan
    prison", "the Vellton prison", "Central prison"), not the prison's own name?"""
    return _state(word) is not None or word in capitals() or word.lower() in english_words()


def _state(name: str) -> str | None:
    code = country_names().get(name) or demonyms().get(name)
    return countries()[code].name if code else None


def border_name(a: str, b: str) -> str:
    """One name for a border however the text orders its two states."""
    first, second = sorted((a, b))
    return f"{first}\u2013{second} border"


@component("borders", requires=["sentences"], assigns=["mentions"])
def borders(doc: Annotated) -> None:
    """ "the border between China and Laos", "the Laos-China border", "Sino-..." is left out."""
    text = doc.document.text
    state = rf"(?:{_country_alternation()}|{_demonym_regex().pattern})"
    patterns = (
        re.compile(rf"\bborders?{SP}between{SP}(?P<a>{state}){SP}and{SP}(?P<b>{state})"),
        re.compile(rf"\b(?P<a>{state}) ?[-\u2013/] ?(?P<b>{state}){SP}borders?\b"),
    )
    for pattern in patterns:
        for m in pattern.finditer(text):
            a, b = _state(m.group("a")), _state(m.group("b"))
            if a and b and a != b:
                add(doc, m.start(), m.end(), "Place", "borders", name=border_name(a, b))


# "the border" that is the place itself, not a word of a longer name ("the border guards",
# "the border area") nor another border the text names ("the border with Laos").
_BARE_BORDER = re.compile(
    rf"\b[Tt]he{SP}(?P<b>border)\b(?![-\w])(?!{SP}(?:with|between|of|to|along|and|or"
    r"|guards?|police|patrols?|areas?|regions?|zones?|security|control|crossings?|towns?"
    r"|city|cities|villages?|count(?:y|ies)|provinces?|posts?|officials?|troops|forces"
    r"|river|fences?|walls?|lines?|checkpoints?|stations?|trade|traders?|residents?)\b)"
)


def _states_counted(doc: Annotated) -> list[tuple[str, int]]:
    """The states the document names, most named first."""
    counts: dict[str, int] = {}
    for m in doc.mentions:
        code = country_names().get(m.canonical) if m.cls == "Country" else None
        if code:
            counts[code] = counts.get(code, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _bare_border(doc: Annotated) -> tuple[str, str] | None:
    """(name, why) of the border a bare "the border" means: the only border the document
    names, else the border of the two states it names most when those are neighbours and
    no third state is named as often as the second."""
    named = {m.name for m in doc.mentions if m.source == "borders" and m.name}
    if len(named) == 1:
        return next(iter(named)), "borders: the only border the document names"
    if named:
        return None
    ranked = _states_counted(doc)
    if len(ranked) < 2 or ranked[1][1] < 2:
        return None
    (a, na), (b, nb) = ranked[:2]
    if len(ranked) > 2 and ranked[2][1] >= nb:
        return None
    if b not in neighbours().get(a, ()) and a not in neighbours().get(b, ()):
        return None
    first, second = _country_label(a), _country_label(b)
    why = (
        f"borders: the two states the document names most ({first} {na}, {second} {nb}) "
        "share a border"
    )
    return border_name(first, second), why


def bare_borders(doc: Annotated) -> None:
    """ "crossing the border into Freedonia": the border the document is about."""
    found = list(_BARE_BORDER.finditer(doc.document.text))
    meant = _bare_border(doc) if found else None
    if meant is None:
        return
    name, why = meant
    for m in found:
        add(doc, m.start("b"), m.end("b"), "Place", why, name=name)


_WHERE = re.compile(rf"{SP}in{SP}(?P<r>{WORD}(?:{SP}{WORD})?)")
# "the Pelton Public Security Bureau in Vardia": a local office named for its city
_LOCAL_OFFICE = re.compile(
    rf"\b(?P<n>[A-Z][a-z]{{3,}})(?:{SP}(?:City|County))?{SP}(?:Public{SP})?(?:Security|Police)"
    rf"{SP}(?:Office|Bureau|Department|Station|Division|Brigade)\b"
)


def _located_city(text: str, name: str, end: int) -> tuple[str, str] | None:
    """(city, why) for a name the text locates "in" a province or city it knows ("Hunchen
    ... in Jilin"): a city of that province spelt so or one letter away, the only one."""
    where = _WHERE.match(text, end)
    if where is None or name in gazetteer() or _state(name):
        return None
    words = where.group("r").split()
    for region in (" ".join(words), words[0]):
        found = region_of(region)
        if found is None:
            continue
        city = city_spelt(name, *found)
        if city is None:
            return None
        if city.name == name:
            return city.name, f"places: {city.name}, a city of {region}"
        return city.name, (
            f"places: '{name}' is {city.name}, the only city of {region} within one letter"
        )
    return None


def located_cities(doc: Annotated) -> None:
    """ "the Pelton Security Office in Vardia": the city a local office is named for."""
    text = doc.document.text
    for m in _LOCAL_OFFICE.finditer(text):
        found = _located_city(text, m.group("n"), m.end())
        if found:
            add(doc, m.start("n"), m.end("n"), "Place", found[1], name=found[0])


@component("places", requires=["sentences"], assigns=["mentions"])
def places_component(doc: Annotated) -> None:
    text = doc.document.text
    datelines(doc)
    # "Sichuan Province", "Hebei Prov.", "Mekong River", "Tibet autonomous region"
    shaped = re.compile(
        rf"\b(?:{WORD}{SP}){{1,3}}(?:Province|Prov\.|River|Prefecture|County|Autonomous Region"
        rf"|autonomous{SP}region|Peninsula|Mountains|Strait|Sea|city|county|province"
        rf"|area|district|region|valley)(?!\w)"  # "the Vell area of northern Zembla"
    )
    for m in shaped.finditer(text):
        start = m.start() + skip_function_words(m.group())
        name = text[start : m.end()]
        modifier = " ".join(name.split()[:-1])
        lower_head = name.split()[-1].islower()
        if lower_head and (_demonym_regex().fullmatch(modifier) or modifier in country_names()):
            continue  # "a Chinese city", "the Chinese province of Yunnan" name no place
        full = re.sub(r"\bProv\.$", "Province", name)  # "Jilin Prov." is "Jilin Province"
        first = gazetteer().get(name.split()[0])
        if first is not None and first.kind == "subdivision" and not lower_head:
            full = first.name  # "Vellia Zemban Autonomous Region" is the region Vellia
        source = "places"
        if name.split()[-1] in ("city", "City") and len(name.split()) == 2:
            # "Pelton city in Vardia", spelt right or one letter off
            city = _located_city(text, name.split()[0], m.end())
            if city:
                full, source = city
        add(doc, start, m.end(), "Place", source, name=full if full != name else "")
    regions = re.compile(
        rf"\b(?:{_REGION_WORDS}){SP}(?:{'|'.join(CONTINENTS)}|{_country_regex().pattern})(?![\w-])"
    )
    for m in regions.finditer(text):
        add(doc, m.start(), m.end(), "Place", "places")
    # "a Central Asian country": somewhere in Central Asia, the region the text names
    regional = re.compile(
        rf"\b(?P<region>(?:{_REGION_WORDS}){SP}(?:Asi|Afric|Americ|Europe))an{SP}"
        rf"(?:countr(?:y|ies)|nations?|states?)\b"
    )
    for m in regional.finditer(text):
        name = " ".join(m.group("region").split()) + (
            "" if m.group("region").endswith("Europe") else "a"
        )
        add(doc, m.start(), m.end(), "Place", "places", name=name)
    continents = re.compile(rf"\b(?:{'|'.join(CONTINENTS)})\b")
    for m in continents.finditer(text):
        add(doc, m.start(), m.end(), "Place", "places")
    known = gazetteer()
    run = re.compile(rf"{WORD}(?:{SP}{WORD}){{0,3}}")  # "New\n Jersey" wrapped mid-name
    for m in run.finditer(text):
        _add_known_places(doc, m.start(), m.group(), known)
    located_cities(doc)
    bare_borders(doc)


_POSTAL_SUFFIX = re.compile(r",[ \t]*([A-Z])\.?([A-Z])\.?(?![\w.])")


@cache
def _subdivision_codes() -> frozenset[str]:
    return frozenset(s.code for s in pycountry.subdivisions)


def _subdivision_suffix(after: str, country: str | None) -> int:
    """The length of a postal state code after a city ("Washington, DC", "Austin, TX"):
    part of how the city is named, when the code is one of its country's subdivisions."""
    m = _POSTAL_SUFFIX.match(after)
    if not m or not country or f"{country}-{m.group(1)}{m.group(2)}" not in _subdivision_codes():
        return 0
    return m.end()


# The kind of division a text writes after its name: "Zembla State", "Vardia province".
_KIND_WORD = re.compile(r"[ \t]+(?:[Ss]tate|[Rr]egion|[Pp]rovince|[Gg]overnorate|[Dd]ivision)\b")


def _first_name(words_text: str, tokens: list[tuple[int, int]], i: int, j: int, place: Any) -> bool:
    """Is the city's name the first of a person's names: one word followed by a capitalised
    word that no place name continues, as in "Vladimir Petrov's", not "Vladimir Oblast"?"""
    if place.kind != "city" or j >= len(tokens) or j != i + 1:
        return False
    following = words_text[tokens[j][0] : tokens[j][1]]
    return bool(
        re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:'s|\u2019s)?[,.]?", following)
    ) and not _KIND_WORD.match(" " + following)


# the lower-case particles of family names: "delos Santos", "da Silva", "van Berg"
_NAME_PARTICLE = re.compile(
    r"\b[A-Z][\w'-]+[ \t]+(?:de|del|della|delos|de[ \t]+la|de[ \t]+los|dos|da|das|do|van"
    r"|von|der|den|bin|ibn)[ \t]+$"
)
_AGED = re.compile(r",\s*\d{1,3}\s*[,)]")
_STREET = re.compile(r"\s+(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive)")


def _add_known_places(doc: Annotated, offset: int, words_text: str, known: dict) -> None:
    """The longest gazetteer names inside a run of capitalised words."""
    tokens = [(t.start(), t.end()) for t in re.finditer(r"\S+", words_text)]
    i = 0
    while i < len(tokens):
        at = offset + tokens[i][0]
        # "Ana delos Santos", "Rui dos Santos": a family name after its particle
        particle = _NAME_PARTICLE.search(doc.document.text, max(0, at - 30), at)
        for j in range(len(tokens), i, -1):
            raw = re.sub(r"(?:'s|\u2019s)$", "", words_text[tokens[i][0] : tokens[j - 1][1]])
            raw = raw.rstrip(".,")  # "Beijing\u2019s decision" names Beijing
            name = " ".join(raw.split())
            if name in known and _STREET.match(words_text, tokens[j - 1][1]):
                break  # "1450 Vermont Avenue" is a street, not the state
            if name in known and _first_name(words_text, tokens, i, j, known[name]):
                break  # "Vladimir Petrov": a city's name as a person's first name
            after_name = offset + tokens[i][0] + len(raw)
            if i > 0 and name in known and _AGED.match(doc.document.text, after_name):
                break  # "Jorge Lima, 41,": a city's name as a person's family name
            if name in known and particle:
                break
            if name in known:
                start = offset + tokens[i][0]
                state = stands_for_state(doc.document.text, start, name, capitals().get(name))
                if state:
                    mention = Mention(
                        start, start + len(raw), raw, "Country", "places", state, True
                    )
                    doc.add_mention(mention)
                else:
                    after = doc.document.text[start + len(raw) : start + len(raw) + 12]
                    end = start + len(raw) + _subdivision_suffix(after, known[name].country)
                    kind = _KIND_WORD.match(after) if known[name].kind == "subdivision" else None
                    if kind:  # "Zembla State", "central Zembla state": Zembla, so named
                        end = start + len(raw) + kind.end()
                    add(
                        doc,
                        start,
                        end,
                        "Place",
                        "places",
                        name=name if end > start + len(raw) or raw != name else "",
                    )
                i = j - 1
                break
        i += 1

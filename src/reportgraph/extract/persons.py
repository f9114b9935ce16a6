"""People, by the shape of their names and the words around them: a title or role before
a capitalised name ("President Ana Silva", "missionary Lee", "spokesman Wang"), a byline,
an age ("46-year-old ..."), a speech verb after a name ("... said"), a name and "(born
...)", or a hyphenated East Asian given name. Organizations are ``actors.py``'s."""

from __future__ import annotations

import re
from functools import cache

from reportgraph.extract import component
from reportgraph.extract.gazetteer import country_names
from reportgraph.extract.nlp import proper_name, role_set
from reportgraph.extract.patterns import (
    FUNCTION_WORDS,
    HYPHEN_PARTICLES,
    NAME_PARTICLES,
    SP,
    WORD,
    add,
)
from reportgraph.model import Annotated

_TITLES = (
    r"President|Vice{SP}President|Prime{SP}Minister|Premier|Chairman|Chairwoman|Chancellor"
    r"|(?:Co-|Vice{SP})?Chair(?:person)?"
    r"|King|Queen|Prince|Ambassador|Minister|Secretary(?:-General)?|Senator|Sen\.|Rep\."
    r"|Representative|Congressman|Congresswoman|Governor|Mayor|General|Gen\.|Colonel|Judge"
    r"|Justice|Commissioner|Director|Attorney|Professor|Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.|Miss|Rev\.|Reverend"
    r"|Pastor|Father|Bishop|Archbishop|Cardinal|Imam|Rabbi|Sheikh|Patriarch"
    r"|Lawmaker|Rapporteur|Envoy|Leader|Chief|Excellency"
    r"|missionary|spokes(?:man|woman|person)|activist|journalist|lawyer|reporter|correspondent"
    r"|leader|chairman|director|official|dissident|defector|pastor|president|minister"
    r"|envoy|ambassador|secretary|professor|researcher|analyst|editor|writer|author"
).replace("{SP}", SP)
# a name may carry an initial: "Marta K. Vell"
# and Arabic and European particles: "Ms. al-Vellani", "Tariq bin Vellan"
_PART = rf"(?:(?:{'|'.join(HYPHEN_PARTICLES)})[-\u2010])?{WORD}"
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
_NAME = rf"(?P<name>{_PART}(?:{SP}(?:[A-Z]\.|(?:{_PARTICLE}{SP})?{_PART})){{0,3}})"
# Titles that stand only before a person's name: "Mr. Royce" is a person on its own.
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr)\.")
_FORMAL_TITLE = re.compile(
    r"(?:President|Vice President|Prime Minister|Premier|Chancellor|King|Queen|Prince"
    r"|Ambassador|Minister|Secretary|Senator|Sen\.|Rep\.|Representative|Congress(?:wo)?man"
    r"|Governor|Mayor|General|Gen\.|Colonel|Judge|Justice) "
)
# a letter may not come before the title, a digit may: "2019Mr. Vell" is text glued
# together by a page's extraction (a date, then the sponsor)
_TITLED = re.compile(rf"(?<![^\W\d_])(?:{_TITLES}){SP}{_NAME}")
_BYLINE = re.compile(rf"(?m)^\s*(?:by|By|BY){SP}{_NAME}\s*$")
# "Ana Vell (born 3 May 1980)", "Ana Vell (Zemban: ...; born 1980)": an encyclopedia's
# first line names a person
_BORN = re.compile(rf"{_NAME}{SP}?\((?:[^()]{{0,80}}[;,]{SP}?)?(?:born|n\u00e9e){SP}")
# "a 46-year-old Ana Vell", "a 24-year-old man, Ana Vell,": a person of that age
_AGED = re.compile(rf"\b\d{{1,3}}-year-old{SP}(?:[a-z]+,?{SP}){{0,2}}{_NAME}")


@cache
def _role_named() -> re.Pattern[str]:
    """ "opposition politician Tomas Vell", "blogger Ana Lupu": a person's role, lower case,
    right before two to four capitalised words (data/person_roles.txt)."""
    roles = "|".join(sorted((re.escape(r) for r in role_set()), key=len, reverse=True))
    return re.compile(rf"\b(?:{roles}){SP}(?P<name>{_PART}(?:{SP}{_PART}){{1,3}})\b")


# "his wife, Leyla,", "Vell's son, Tomas Vell,": a relative named after the kin word
_KIN_NAMED = re.compile(
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|{WORD}(?:'s|\u2019s)){SP}(?:wife|husband|son|daughter|"
    rf"mother|father|brother|sister|widow|fianc\u00e9e?|partner),{SP}(?P<name>{WORD}(?:{SP}{WORD}){{0,2}}),"
)
_SAID = re.compile(
    rf"\b(?P<name>{WORD}{SP}{WORD}(?:{SP}{WORD})?),?{SP}(?:said|says|told|added|stated|wrote)\b"
    rf"|\b(?:said|says|told|added){SP}(?P<name2>{WORD}{SP}{WORD}(?:{SP}{WORD})?)\b"
)
# "the President of the Central Bank of Zembla, Ana Vell.": a post in a body, then the name
_POST_HOLDER = re.compile(
    rf"\b(?:{_TITLES}){SP}of{SP}(?:the{SP})?(?:(?:{WORD}|of|the|and|for|on){SP}){{0,8}}?{WORD}"
    rf",{SP}{_NAME}(?=\s*[,.;)]|{SP}(?:said|says|who|has|had|was|is)\b)"
)
# "Lee Seo-yeon", "Wang Xiao-ming": a family name and a hyphenated given name
_HYPHENATED = re.compile(r"\b(?P<name>[A-Z][a-z]{1,5}\s+[A-Z][a-z]+-[a-z]+)\b")
NOT_NAME_WORDS = FUNCTION_WORDS | frozenset(
    [
        "North",
        "South",
        "East",
        "West",
        "Government",
        "Embassy",
        "Consulate",
        "Ministry",
        "Office",
        "Foreign",
        "Security",
        "Public",
        "National",
        "International",
        "United",
        "Nations",
        "Human",
        "Rights",
        "Refugees",
        "Refugee",
        "Committee",
        "Republic",
        "People's",
        "Democratic",
        "Prison",
        "Province",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)  # fmt: skip


def _name_ok(name: str) -> bool:
    words = name.split()
    return (
        bool(words)
        and not any(w in NOT_NAME_WORDS for w in words)
        and name not in country_names()
        and not _TITLE_FIRST.match(name)  # "Assistant Attorney General", said before a name
    )


_TITLE_WORD = rf"(?:Assistant|Deputy|Acting|Associate|Attorney|Solicitor|Inspector|{_TITLES})"
_TITLE_FIRST = re.compile(rf"{_TITLE_WORD}(?:\s|$)")
TITLE_RUN = re.compile(rf"(?:{_TITLE_WORD}{SP})+")  # "Assistant Attorney General "


# what stands before the last words of a longer name: "the Institute for Border Studies said"
_NAME_GOES_ON = re.compile(rf"\b(?:of|for|on|the|and|in|at|to){SP}$")


@component("persons", requires=["sentences"], assigns=["mentions"])
def persons(doc: Annotated) -> None:
    text = doc.document.text
    _caps_bylines(doc)
    patterns = (_TITLED, _BYLINE, _BORN, _AGED, _KIN_NAMED, _HYPHENATED, _SAID, _POST_HOLDER)
    for pattern in (*patterns, _role_named()):
        for m in pattern.finditer(text):
            group = "name2" if "name2" in pattern.groupindex and m.group("name2") else "name"
            start, end = m.start(group), m.end(group)
            first, _, rest = m.group(group).partition(" ")
            if pattern is _SAID and first.lower() in role_set() and " " in rest:
                start += len(first) + 1  # "Spokesperson Zhao Lijian said": a title, then him
            honorific = (
                pattern is _TITLED
                and _HONORIFIC.match(m.group())
                and not re.fullmatch(_TITLES, m.group(group), re.IGNORECASE)  # "Mr. Ambassador"
            )
            if re.match(r"\s+family\b", text[end:]):
                continue  # "the Ana Lupu family" is a family, named after one of them
            if pattern is _SAID and _NAME_GOES_ON.search(text, max(0, start - 40), start):
                continue  # "the Institute for Border Studies, said": a body's name
            # "President Vell", "Secretary Vell": a title before a family name alone is
            # how the text names the person, as "Mr." is
            titled = (
                pattern is _TITLED and _FORMAL_TITLE.match(m.group()) and " " not in m.group(group)
            )
            if pattern is _AGED:
                unguess(doc, start, end)  # a place or body by the model: one aged 24 is a person
            if _name_ok(m.group(group)) and (honorific or proper_name(doc, start, end)):
                # "Mr. Smith" is how such a text names him: the honorific is part of it
                add(doc, m.start() if honorific or titled else start, end, "Person", "persons")


def unguess(doc: Annotated, start: int, end: int) -> None:
    """A guess that a person's name is a place or a body ("urged Vellia to release Osmani",
    "a 24-year-old man, Jorge Lima,") gives way to what says it is a person."""
    for m in [m for m in doc.mentions if (m.start, m.end) == (start, end)]:
        if m.source == "places" or (m.source == "entities" and m.cls in ("Place", "Organization")):
            doc.mentions.remove(m)


# "ANA VELL, SECRETARY OF STATE" over a press statement: who issues it, in capitals
_CAPS_BYLINE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+){1,3}),[ \t]+(?P<post>[A-Z ,]+)$"
)
_CAPS_POSTS = re.compile(r"\b(?:SECRETARY|SPOKES(?:PERSON|MAN|WOMAN)|AMBASSADOR|MINISTER|ENVOY)\b")


def _caps_bylines(doc: Annotated) -> None:
    text = doc.document.text
    for m in _CAPS_BYLINE.finditer(text, 0, 2000):
        if _CAPS_POSTS.search(m["post"]):
            name = " ".join(w.capitalize() for w in m["name"].split())
            add(doc, m.start("name"), m.end("name"), "Person", "persons", name=name)

"""Groups of people: collectives named by nationality and role ("Burmese refugees"),
families, and counted groups ("a family of seven", "the seven"); a count of no nationality
is a group only in a dated sentence."""

from __future__ import annotations

import re

from reportgraph.dates import find_dates
from reportgraph.extract import component
from reportgraph.extract.gazetteer import country_names, country_pattern, demonym_pattern
from reportgraph.extract.patterns import FUNCTION_WORDS, NUMBER_WORDS, ROLE_NOUNS, SP, WORD, add
from reportgraph.model import Annotated

# Nouns after "Russian-Chinese" that make it an adjective of two states, not a people.
_BETWEEN_STATES = (
    r"border|borders|frontier|relations|ties|treaty|agreement|talks|summit|war|trade"
    r"|cooperation|friendship|alliance|joint|partnership|dialogue|conflict|negotiations"
)
_APPROX = (
    r"(?:[Ss]ome|[Aa]bout|[Aa]round|[Nn]early|[Aa]lmost|[Oo]ver|[Mm]ore{SP}than|[Aa]t{SP}least"
    r"|[Uu]p{SP}to|[Aa]pproximately|[Aa]n{SP}estimated)"
).replace("{SP}", SP)
_GROUP_OF = rf"(?:(?:[Aa]|[Tt]he){SP}group{SP}of{SP})"
_NUMBERS = NUMBER_WORDS.replace("|several|many", "")
# A count in the thousands is a population's size, not a group one follows.
# a population's count: "nearly 700,000", "some 1.3 million", "tens of thousands of"
_POPULATION = re.compile(
    r"^(?:\S+\s+)*?\d{1,3}(?:,\d{3})+\s+|^.*?\b(?:million|thousand)s?\s+(?:of\s+)?"
)
# "the seven", not "the many", nor "the two" (most often two states or two sides)
_COUNTS = NUMBER_WORDS.split("|dozens")[0].replace("one|two|", "")


@component("groups", requires=["sentences"], assigns=["mentions"])
def groups(doc: Annotated) -> None:
    text = doc.document.text
    dem = demonym_pattern()
    # "some 25", "around 30", "a group of seven": a count with what qualifies it; "all",
    # "many", "several" alone are not part of the group's name ("many Ruritanians").
    number = (
        rf"(?:(?<![\d,])\d{{1,3}}(?:,\d{{3}})*(?![\d,])(?:{SP}(?:million|thousand))?"
        rf"|(?i:{_NUMBERS}))"  # "Nine Ruritanians" at a sentence's start
    )
    count = rf"(?:{_GROUP_OF}?(?:{_APPROX}{SP})?{number}|{_GROUP_OF}|[Tt]he|[Aa])"
    # "Eritreans", but not "Laos" (a country, not the plural of "Lao")
    plural = re.compile(rf"\b(?:{count}{SP})?(?:{dem})s\b")
    patterns = [
        # "25 Eritreans", "the seven Eritrean refugees", "Syrian defectors"
        re.compile(rf"\b(?:{count}{SP})?(?:{dem}){SP}(?:{ROLE_NOUNS})\b"),
        plural,
        # "refugees from Eritrea", "Eritrea agents"
        re.compile(rf"\b(?:{ROLE_NOUNS}|escapees){SP}from{SP}(?:{country_pattern()})\b"),
        re.compile(rf"\b(?:{country_pattern()}){SP}(?:{ROLE_NOUNS})\b"),
        # "ethnic Tamils living in India", "the Somali community in Minneapolis"
        re.compile(
            rf"\b[Ee]thnic{SP}[A-Z][a-z]+s(?:{SP}(?:living{SP})?in{SP}(?:{country_pattern()}))?\b"
        ),
        # "the Korean-Chinese": a people living in a state (not "Sino-Japanese", nor the
        # adjective of two states in "the Russian-Chinese border", nor one person's two
        # states, "a Chilean-Peruvian writer", nor a prefix of a body's name, "the
        # Inter-American Commission")
        re.compile(
            rf"(?<!\ban )(?<!\ba )\b(?!(?:Inter|Pan|Trans|Anti|Non|Pro|Post|Pre|Sub|Mid)-)"
            rf"[A-Z][a-z]{{2,}}[^o\W]-(?:{dem})\b"
            rf"(?!{SP}(?:{_BETWEEN_STATES})\b)(?!-)(?!{SP}[A-Z])"
        ),
        re.compile(
            rf"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?{SP}community(?:{SP}in{SP}{WORD}(?:{SP}{WORD})?)?"
        ),
        # "a group of some 40 people", "some 30 defectors"
        re.compile(
            rf"\b(?:{_GROUP_OF}(?:{_APPROX}{SP})?|{_APPROX}{SP}){number}{SP}(?:{ROLE_NOUNS})\b"
        ),
        # "civil liberties groups", "a group of Syrian human rights activists"
        re.compile(
            rf"\b{_GROUP_OF}?(?:(?:{dem}){SP})?human{SP}rights{SP}(?:groups|organi[sz]ations|activists"
            rf"|defenders|advocates)\b"
        ),
        # "the Lupu family", "a family of seven"
        re.compile(rf"\b(?:the{SP}|The{SP})?{WORD}(?:{SP}{WORD}){{0,2}}{SP}family\b"),
        re.compile(rf"\b(?:a|the|A|The){SP}family{SP}of{SP}(?:{NUMBER_WORDS}|\d+)\b"),
        # "the seven", "these eleven migrants"; not "the four-page order", nor "the eleven
        # detained members" (a longer phrase the people rules read)
        re.compile(
            rf"\b(?:the|these|those|The|These|Those){SP}(?:group{SP}of{SP})?(?:{_COUNTS})"
            rf"(?:{SP}(?:{ROLE_NOUNS})\b|\b(?![-\u2010\u2011]|{SP}(?:[a-z]+{SP})?[a-z]+s\b))"
        ),
    ]
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is plural and m.group().split()[-1] in country_names():
                continue
            if m.group().split()[-1] == "family" and all(
                w in FUNCTION_WORDS for w in m.group().split()[:-1]
            ):
                continue  # "The family": a family told of before, no name of its own
            start = m.start()
            words = m.group().split()
            if (
                words
                and words[0] in FUNCTION_WORDS
                and words[0] not in ("The", "These", "Those", "A")
                and not re.match(rf"{_APPROX}{SP}{number}", m.group())  # "Some 40 people"
            ):
                start += len(words[0]) + 1
            add(doc, start, m.end(), "Group", "groups", name=population_name(text[start : m.end()]))
    # "In May 2004, nine men and women ran into ...": a few people counted, of no
    # nationality, are one group only in a dated sentence; undated ("six people were
    # housed in each tent") the count is most often a tally, not a group
    for sentence in doc.sentences:
        if not (_A_YEAR.search(sentence.text) or find_dates(sentence.text, doc.document.date)):
            continue
        for m in _BARE_COUNT.finditer(sentence.text):
            at = sentence.start + m.start()
            add(doc, at, at + len(m.group()), "Group", "groups", name=_described(sentence.text, m))
    # "Laotian and Thai border guards" are Laotian border guards and Thai
    # border guards: each people before the last is a group named with the shared noun
    shared = re.compile(
        rf"\b(?P<list>(?:{dem})(?:,{SP}(?:{dem}))*),?{SP}(?:and|or){SP}(?:{dem}){SP}"
        rf"(?P<role>{ROLE_NOUNS})\b"
    )
    for m in shared.finditer(text):
        role = " ".join(m.group("role").split())
        for d in re.finditer(dem, m.group("list")):
            start = m.start("list") + d.start()
            add(doc, start, start + len(d.group()), "Group", "groups", name=f"{d.group()} {role}")


_BARE_COUNT = re.compile(
    rf"\b(?<![\d,.])(?:[1-9]\d?(?![\d,])|(?i:{_COUNTS})){SP}(?:{ROLE_NOUNS})"
    rf"(?:{SP}and{SP}(?:{ROLE_NOUNS}))?\b(?!-)"
)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# what a counted group went through, said right after it: "seven refugees (forcibly)
# repatriated from ...", "seven people who had been recognized as ..."
_DESCRIBED = re.compile(
    r"(?:\s+(?:who|that)\s+(?:had|have|has|were|was)\s+been)?(?:\s+[a-z]+ly)?\s+"
    r"(?:[a-z]{3,}ed|sent|held|taken|caught|brought|given|known)\b[^,.;:()\"\u201c\u201d]*"
)
_NEXT_CLAUSE = re.compile(r"\s+(?:and|but)\s+(?:had|has|have|was|were|is|are|[a-z]+ed)\b")


def _described(text: str, count: re.Match[str]) -> str:
    """The counted group named with what it went through ("seven refugees deported from
    X in January 2000"): a report's way of saying which seven; '' when nothing follows."""
    found = _DESCRIBED.match(text, count.end())
    if not found:
        return ""
    clause = _NEXT_CLAUSE.split(found.group(), maxsplit=1)[0]
    return " ".join(f"{count.group()}{clause}".split())


def population_name(text: str) -> str:
    """A people counted in the thousands is named without its count ("300,000 Vellan
    refugees", "nearly 700,000 Zemban people" are the Vellan refugees, the Zemban people,
    told with a figure of the day); '' for a group of no people's name ("some 153,000
    people"), which keeps its own words."""
    whole = " ".join(text.split())
    rest = _POPULATION.sub("", whole)
    return rest if rest != whole and rest[:1].isupper() else ""

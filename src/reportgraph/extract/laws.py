"""Laws: treaties, conventions, covenants, protocols, agreements, codes and articles of them,
resolutions, decrees and orders, named campaigns and policies."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from reportgraph.dates import DATE_WORD
from reportgraph.extract import component
from reportgraph.extract.gazetteer import countries, country_names, demonyms
from reportgraph.extract.patterns import (
    SP,
    WORD,
    add,
    heading_line,
    heads,
    skip_function_words,
)
from reportgraph.model import Annotated

# The words that end a law's name, from data/name_heads.tsv: "Act", "Convention", ...;
# "plain" ones ("Policy", "Campaign") are everyday words too, not believed on a heading.
_HARD_HEADS = heads("Law")
_PLAIN_HEADS = heads("Law", "plain")
_HEADS = f"{_HARD_HEADS}|{_PLAIN_HEADS}"
_LOWER_HEADS = r"agreement|treaty|protocol|accord|decree|order|law|resolution|convention"
# not "In 2018 the Press Act", "the Convention, 1984 and the Press Act"
_YEAR = rf"(?:(?:19|20)\d\d{SP}(?!(?:[Tt]he|and|or|of|on|for|to)\b))"
_INNER = r"(?:of|for|on|and|the|de|to|against)"
# Before the head only the joining words of a title: "Rally against Press Registration Law" is
# a caption about the law, whose name starts after "against".
_PRE_INNER = r"(?:of|for|on|and|the|de)"
# Titles capitalise their joining words as often as not: "Convention Against Torture".
_TAIL_START = (
    r"(?:[Oo]f|[Oo]n|[Ff]or|[Aa]gainst|[Cc]oncerning|[Rr]egarding|[Rr]elating{SP}[Tt]o)"
).replace("{SP}", SP)
# What a law is about: capitalised words and joining words, and a list of them closed by
# "or"/"and" ("Torture, Cruel, Inhumane or Degrading Treatment or Punishment"); a comma
# without that closing word ends the name ("the Convention Against Torture, China said").
# "... and the Convention on ...": another law begins
_TAIL_RUN = rf"(?:{SP}(?!and{SP}the\b)(?:{WORD}|{_INNER}|or))*"
# "the Press Act on June 3": a date after the name, not what the law is on
_NOT_A_DATE = rf"(?!{SP}{DATE_WORD})"
_TAIL = (
    rf"(?:{SP}{_TAIL_START}{_NOT_A_DATE}{_TAIL_RUN}"
    rf"(?:(?:,{SP}{WORD}{_TAIL_RUN})+,?{SP}(?:or|and){_TAIL_RUN})?{SP}{WORD})"
)
# the year after a comma that many states' statutes carry in their title: "the Press Act,
# 2016", "the Media (Amendment) Ordinance, 2022"; not a list of years ("2016, 2017")
_COMMA_YEAR = r"(?<=[a-z]),[ \t]?(?:19|20)\d\d\b(?![,\d-]|[ \t]+(?:and|to)\b)"
# a law's number, with the year or series it is numbered in: "109-13", "45/2021", "149-FZ"
_NUMBER = r"\d+(?:[-/]\d+|-[A-Z]{1,3})?"
# "the Second Amendment to the Constitution", "the Optional Protocol to the Convention"
_TO_LAW = rf"(?:{SP}to{SP}the{SP}(?:{WORD}{SP}){{0,4}}?(?:{_HARD_HEADS})\b)"
# "the 1951 UN Convention Relating to the Status of Refugees", "International Covenant on
# Civil and Political Rights", "Criminal Code", "Security Council Resolution 1718"
# a bracketed word inside a title: "the Private Voluntary Organisations (PVO) Amendment
# Act", "the Prevention of Electronic Crimes (Amendment) Ordinance"
_BRACKETED = r"\((?:[A-Z][A-Za-z]{1,11}|No\.\s*\d+)\)"
_NAMED = re.compile(
    rf"\b{_YEAR}?(?:(?:{WORD}|{_PRE_INNER}|{_BRACKETED}){SP}){{0,6}}?(?P<first>{_HEADS})\b"
    # a head may stand inside the name, before the last: "Refugee Policy Act"
    rf"(?:{SP}(?:{WORD}{SP}){{0,3}}(?P<head>{_HEADS})\b)*"
    rf"(?:{SP}(?:(?:No\.\s*)?{_NUMBER}|[A-Z]|[IVXL]+)\b)?"  # "Resolution 1718", "Covenant B"
    rf"(?:{_TAIL}|{_TO_LAW})?(?:{SP}of{SP}(?:19|20)\d\d\b|{_COMMA_YEAR})?"
)
# "Article 12 of the Thai penal code", "Article 33 of the 1951 Convention", "Article 3 of
# the Convention Against Torture"
# "Section 101(a)(17) of the Freedonia Nationality Act", "Title 8 Section 12 of the Code"
_ARTICLE = re.compile(
    rf"\b(?:Title{SP}\d+{SP})?(?:[Aa]rticles?|[Ss]ections?|[Cc]hapter|[Pp]aragraph|\u00a7)"
    rf"{SP}?\d+(?:[\w()]|-(?=\w))*"
    rf"(?:(?:{SP}?,{SP}?(?:and{SP})?|{SP}and{SP})\d+(?:[\w()]|-(?=\w))*)*"  # "Articles 5 and 7"
    rf"{SP}of{SP}(?:the{SP})?(?:[\w'\u2019-]+{SP}){{0,5}}?"
    rf"(?:(?:code|law|act|{_HEADS})\b{_TAIL}?|Title{SP}\d+\b)"
)
# A citation of a code by title and section: "18 U.S.C. \u00a7 951", "8 U.S.C. 1234(a)(5)"
_CODE_CITATION = re.compile(
    rf"\b\d+{SP}U\.{SP}?S\.{SP}?C\.(?:{SP}?A\.)?{SP}?(?:\u00a7+{SP}?)?\d+[a-z]?(?:\(\w{{1,4}}\))*"
)
# United States bills and resolutions by number: "H. CON. RES. 317", "H.R. 1234", "S. Res. 5"
# (a bill's header may glue it to the words around: "2nd SessionS. RES. 412IN THE SENATE")
BILL = re.compile(
    r"(?<![A-Z.])(?:[HS]\.[ ]?(?:(?:CON|Con|J)\.[ ]?)?(?:RES|Res|R)\.|S\.)[ ]?\d+(?![\d.])"
)  # and a Senate bill: "S. 1234"
# "Executive Order 12345": a head that names a law only with its number
_NUMBERED = re.compile(
    rf"\b(?:{WORD}{SP}){{0,3}}(?:{heads('Law', 'numbered')}){SP}(?:No\.{SP}?)?{_NUMBER}\b"
)
# "Operation Desert Wind": a head that opens the name
_LEAD_NAMED = re.compile(rf"\b(?:{heads('Law', 'lead')})(?:{SP}{WORD}){{1,4}}\b")
# "the penal code": the codes every state has, named in lower case
_COMMON_CODE = re.compile(
    r"\b(?:criminal|penal|civil|labou?r|family|administrative|tax)[ \t]+code\b"
)
_UN_RESOLUTION = re.compile(r"\bresolution\s+(?P<number>\d{3,4})(?=\s*\((?:19|20)\d\d\))")
# the laws "On Public Order": a law titled by what it is about, quoted after "law(s)"
_ON_TITLE = re.compile(
    r"[\"\u201c](?P<title>(?:On|About|Concerning) [A-Z][^\"\u201d\n]{2,120})[\"\u201d]"
)
_LAW_BEFORE = re.compile(r"\b(?:[Ll]aws?|[Aa]cts?|[Dd]ecrees?|[Cc]odes?)\b[^.;]*$")
# '"Open Door" policy', 'the "Clean Hands" campaign'
_QUOTED_POLICY = re.compile(
    r"[\"\u201c]([A-Z][^\"\u201d\n]{2,60})[\"\u201d]\s+(?:policy|campaign|crackdown)\b"
)
# 'the "foreign agents" law', 'a "gay propaganda" bill': a law named by a quoted title
_QUOTED_LAW = re.compile(
    r"[\"\u201c]([^\"\u201d\n]{2,60})[\"\u201d]\s+(law|bill|decree|legislation)\b"
)
# "an accord on river fishing", "a stop-and-search order"
_DESCRIBED = re.compile(
    rf"\b(?:an?|the)\s+(?:(?:bilateral|secret|new|border|[a-z]+-to-[a-z]+)\s+)?(?:{_LOWER_HEADS})"
    r"(?:\s+on\s+[a-z]+(?:\s+[a-z]+)?)?\b"
)
# Law names end in the name, never in a joining word.
_TRAILING_JOIN = re.compile(rf"(?:{SP}{_INNER})+$")


# "the Second Amendment": after "the", an ordinal is part of the name, not "Second, ..."
_THE_ORDINAL = re.compile(r"[Tt]he\s+(?=(?:First|Second|Third|[A-Z][a-z]+th)\s)")


def _add_named(doc: Annotated, start: int, end: int) -> None:
    text = doc.document.text[start:end]
    ordinal = _THE_ORDINAL.match(text)
    start += ordinal.end() if ordinal else skip_function_words(text)
    text = doc.document.text[start:end]
    gerund = re.match(r"[A-Z][a-z]+ing\s+(?=[A-Z])", text)  # a headline's "Adopting Resolution 5"
    start += gerund.end() if gerund else 0
    text = doc.document.text[start:end]
    if heading_line(doc.document.text, start):
        start += _after_a_headline_break(text)
        text = doc.document.text[start:end]
    trailing = _TRAILING_JOIN.search(text)
    if trailing:
        end -= len(trailing.group())
    words = doc.document.text[start:end].split()
    if len(words) >= 2 or (words and re.match(r"\d", words[0])):
        add(doc, start, end, "Law", "laws", name=law_name(doc.document.text[start:end]))


def _after_a_headline_break(text: str) -> int:
    """Where a law's name starts in a headline that capitalises its prepositions: after
    the last of them before the law's head ("Court Jails Activists Under Security Law")."""
    head = re.search(rf"\b(?:{_HEADS})\b", text)
    cuts = [m.end() for m in _HEADLINE_BREAK.finditer(text, 0, head.start() if head else 0)]
    return cuts[-1] if cuts else 0


# the prepositions a headline capitalises that no law's name has before its head
_HEADLINE_BREAK = re.compile(
    r"\b(?:Under|Over|Amid|After|Before|Despite|Without|Through|With|From|Into|Following"
    r"|Via|Versus|Behind|Beyond|Toward|Towards)\s+"
)


_LEAD = re.compile(
    r"^(?:(?:19|20)\d\d\s+)?(?:UN|U\.N\.|United\s+Nations)\s+|^(?:19|20)\d\d\s+|\s+of\s+(?:19|20)\d\d$"
)


def law_name(text: str) -> str:
    """A treaty's name without the year or "UN" written before it, nor the year after it
    ("... of 1951"), so "the 1951 UN Convention Relating to the Status of Refugees" and "the
    Convention Relating to the Status of Refugees" are one law; short names ("1951
    Convention") keep their year."""
    name = " ".join(text.split())
    short = _LEAD.sub("", name)
    return short if short != name and len(short.split()) >= 4 else ""


# --- bilateral agreements ---------------------------------------------------------------

_BILATERAL_HEADS = r"[Tt]reaty|[Aa]greement|[Pp]rotocol|[Aa]ccord|[Pp]act"
_YEAR_NUMBER = r"(?:19|20)\d\d"
# What an agreement is about: "on river fishing", "on the repatriation of refugees"; words
# that start what the sentence says of it ("signed", "between", "in 1986") end the topic.
_TOPIC_STOP = (
    r"(?:signed|concluded|reached|agreed|between|with|in|of|on|that|which|who|was|were|is"
    r"|are|has|had|have|and|or|to|by|for|at|from|since|under|the|a|an)\b"
)
_TOPIC_WORD = rf"(?!{_TOPIC_STOP})[a-z]+"
_TOPIC = rf"(?:the{SP})?{_TOPIC_WORD}(?:{SP}(?:of{SP}|and{SP})?{_TOPIC_WORD}){{0,2}}"
# "the two countries" stands for the two states its sentence (or the one before) names
TWO_STATES = rf"(?:the{SP}two{SP}(?:countries|states|nations|governments|sides)|both{SP}countries)"


@cache
def _state_words() -> str:
    names = sorted({*country_names(), *demonyms()}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@cache
def _paired() -> re.Pattern[str]:
    """ "the Laos-Thailand treaty", "a Thai-Lao agreement on repatriation", "the 1990
    Peru\u2013Chile border accord": two states joined by a dash before the word for a law."""
    state = _state_words()
    return re.compile(
        rf"(?<![\w.-])(?:(?P<year>{_YEAR_NUMBER}){SP})?(?P<a>{state}) ?[-\u2013] ?(?P<b>{state})"
        rf"{SP}(?P<kind>(?:{_TOPIC_WORD}{SP}){{0,2}}?)(?P<head>{_BILATERAL_HEADS})\b"
        rf"(?:{SP}on{SP}(?P<topic>{_TOPIC}))?(?:{SP}(?:of|in){SP}(?P<year2>{_YEAR_NUMBER})\b)?"
    )


@cache
def _between() -> re.Pattern[str]:
    """ "an accord on river fishing signed between the two states in 1994", "the 1990
    treaty between Peru and Chile": a law between two states."""
    country = "|".join(re.escape(n) for n in sorted(country_names(), key=len, reverse=True))
    return re.compile(
        rf"\b(?:[Aa]n?|[Tt]he){SP}(?:(?P<year>{_YEAR_NUMBER}){SP})?"
        rf"(?:(?:bilateral|secret|new){SP})?(?:(?P<kind>border|extradition|readmission"
        rf"|repatriation|trade|peace){SP})?"
        rf"(?P<head>agreement|treaty|protocol|accord|pact)"
        rf"(?:{SP}on{SP}(?P<topic>{_TOPIC}))?"
        rf"(?:{SP}(?:signed|concluded|reached|agreed)(?:{SP}in{SP}(?P<year2>{_YEAR_NUMBER}))?)?"
        rf"{SP}between{SP}(?:(?P<two>{TWO_STATES})"
        rf"|(?:the{SP})?(?P<a>{country}){SP}and{SP}(?:the{SP})?(?P<b>{country}))(?![\w-])"
        rf"(?:{SP}in{SP}(?P<year3>{_YEAR_NUMBER})\b)?"
    )


@dataclass(frozen=True)
class Bilateral:
    """What a law's words say of it as an agreement between two states."""

    head: str  # "treaty", "agreement", ...
    parties: tuple[str, ...] = ()  # the two states' names, sorted; () while unknown
    topic: str = ""
    year: str = ""
    # where the two states are named in the mention's own text (start, end, word)
    named: tuple[tuple[int, int, str], ...] = ()

    @property
    def name(self) -> str:
        """One name however the text orders the states: "China\u2013North Korea agreement
        on border control (1986)"; "" while the parties are unknown."""
        if len(self.parties) != 2:
            return ""
        topic = f" on {self.topic}" if self.topic else ""
        year = f" ({self.year})" if self.year else ""
        return f"{self.parties[0]}\u2013{self.parties[1]} {self.head}{topic}{year}"


def state_of(word: str) -> str | None:
    """The state's name for a country's name or demonym ("Lao" -> "Laos")."""
    code = country_names().get(word) or demonyms().get(word)
    return countries()[code].name if code else None


def bilateral(text: str) -> Bilateral | None:
    """Read a law's own words as an agreement between two states, if they say so. Parties
    named only as "the two countries" stay unknown: the sentence says who they are."""
    for pattern in (_between(), _paired()):
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        year = next((groups[y] for y in ("year", "year2", "year3") if groups.get(y)), "")
        # "a trade agreement" is about trade as much as "an agreement on trade"
        topic = " ".join((groups["topic"] or groups.get("kind") or "").split())
        head = m["head"].lower()
        if m["a"] is None:
            return Bilateral(head, topic=topic, year=year)
        a, b = state_of(m["a"]), state_of(m["b"])
        if a is None or b is None or a == b:
            return None
        named = ((m.start("a"), m.end("a"), m["a"]), (m.start("b"), m.end("b"), m["b"]))
        return Bilateral(head, tuple(sorted((a, b))), topic, year, named)
    return None


_BILATERAL_NAME = re.compile(
    r"^(?P<a>[^\u2013]+)\u2013(?P<b>[^\u2013]+?) (?P<head>treaty|agreement|protocol|accord|pact)"
    r"(?: on (?P<topic>.+?))?(?: \((?P<year>\d{4})\))?$"
)


def bilateral_of_name(name: str) -> Bilateral | None:
    """The agreement a name made by ``Bilateral.name`` stands for."""
    m = _BILATERAL_NAME.match(name)
    if m is None:
        return None
    labels = {c.name for c in countries().values()}
    if m["a"] not in labels or m["b"] not in labels:
        return None
    return Bilateral(m["head"], (m["a"], m["b"]), m["topic"] or "", m["year"] or "")


def _bilateral_laws(doc: Annotated) -> None:
    """Agreements between two states, named for them. A title read already ("the
    Japan-Korea Treaty") takes the name; a longer one ("... Treaty of Friendship") keeps
    its own, and relations still find its parties in it."""
    text = doc.document.text
    for pattern in (_between(), _paired()):
        for m in pattern.finditer(text):
            found = bilateral(m.group())
            if found is None or add(doc, m.start(), m.end(), "Law", "laws", name=found.name):
                continue
            for i, o in enumerate(doc.mentions):
                if (o.start, o.end, o.cls, o.name) == (m.start(), m.end(), "Law", ""):
                    doc.mentions[i] = replace(o, name=found.name)


@component("laws", requires=["sentences"], assigns=["mentions"])
def laws(doc: Annotated) -> None:
    text = doc.document.text
    for m in _ARTICLE.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in BILL.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in _CODE_CITATION.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in _QUOTED_POLICY.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws", name=f"{m.group(1).strip()} policy")
    for m in _QUOTED_LAW.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws", name=f"{m.group(1).strip()} {m.group(2)}")
    for m in _NAMED.finditer(text):
        last = m["head"] or m["first"]  # the name's own head, its last
        if re.fullmatch(_PLAIN_HEADS, last) and heading_line(text, m.start()):
            continue  # a heading capitalises any "Policy"
        opens = m.start() + skip_function_words(m.group()) == m.start("first")
        if opens and re.fullmatch(_PLAIN_HEADS, m["first"]):
            continue  # "Campaign for Fair Courts", "Initiative for Equal Rights": a body's name
        _add_named(doc, m.start(), m.end())
    for pattern in (_NUMBERED, _LEAD_NAMED):
        for m in pattern.finditer(text):
            if not heading_line(text, m.start()):
                _add_named(doc, m.start(), m.end())
    for m in _COMMON_CODE.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in _UN_RESOLUTION.finditer(text):  # "resolution 2653 (2022)", as the UN writes it
        add(doc, m.start(), m.end("number"), "Law", "laws", name=f"Resolution {m['number']}")
    for m in _ON_TITLE.finditer(text):
        if _LAW_BEFORE.search(text[max(0, m.start() - 120) : m.start()]):
            add(doc, m.start("title"), m.end("title"), "Law", "laws")
    _bilateral_laws(doc)
    for m in _DESCRIBED.finditer(text):
        if re.search(r"\s(on|to)\s|-to-", m.group()):
            add(doc, m.start(), m.end(), "Law", "laws")
    _years_apart(doc)


def _years_apart(doc: Annotated) -> None:
    """Two laws whose names differ only by their year ("the Vell Act of 2019", "the Vell
    Act of 2020": a bill passed again) stay two laws, each named with its year."""
    years: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.cls == "Law" and m.name and (year := _YEAR_OF.search(m.text)):
            years.setdefault(m.name, set()).add(year.group())
    for i, m in enumerate(doc.mentions):
        if m.cls == "Law" and len(years.get(m.name, ())) > 1 and _YEAR_OF.search(m.text):
            doc.mentions[i] = replace(m, name=" ".join(m.text.split()))


_YEAR_OF = re.compile(rf"\b{_YEAR_NUMBER}\b")

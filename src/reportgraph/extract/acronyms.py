"""Acronyms: a name defined after it ("Refugee Support Network (RSN)"), the initials of a
state the text names in full ("the DRC"), the short names of the intergovernmental bodies
the package's Wikidata table lists ("the EU"), and an undefined all-capitals word, taken as
an organization. Before them, a body's name is made whole where it runs over a place (its
acronym spells the place, or the place is where its cause is pursued), so that the acronym
is defined for the whole name."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from reportgraph.extract import component
from reportgraph.extract.actors import all_caps_line
from reportgraph.extract.gazetteer import country_names, organization_abbreviations
from reportgraph.extract.nlp import english_words, tagged_as
from reportgraph.extract.patterns import FORMAT_WORDS, add, part_named
from reportgraph.model import Annotated, Mention

# after the name, or after the quote closing it: "the 'Vell Media Ordinance' (VMO)"
_ACRONYM_DEF = re.compile(r"(?:'s|\u2019s|[\"'\u201d\u2019])?\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_STANDALONE_CAPS = re.compile(r"(?<![\w.-])[A-Z]{3,6}(?![\w.-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# Capitalised common words and common nouns written as acronyms ("an NGO"): not names.
_NOT_ACRONYMS = frozenset(
    "THE AND FOR BUT NOT YOU ARE WAS NOTE FAQ CEO USD EUR GMT UTC NGO NGOS INGO LGBT LGBTI "
    "LGBTQ".split()
)


@component("acronyms", requires=["mentions"], assigns=["mentions"])
def acronyms(doc: Annotated) -> None:
    """An acronym defined after a name ("Refugee Support Network (RSN)") names the same thing
    wherever it stands alone, and so do the initials of a state the text names in full
    ("Democratic Republic of the Congo", "the DRC"); an undefined all-capitals word is taken
    as an organization."""
    text = doc.document.text
    _through_a_place(doc)
    defined: dict[str, Mention] = {}
    for m in list(doc.mentions):
        d = _ACRONYM_DEF.match(text, m.end)
        if d and (_initials_fit(d.group("acr"), m.text) or _another_language(d, m)):
            defined.setdefault(d.group("acr"), m)
    for m in doc.mentions:  # "the Democratic Republic of the Congo" is the DRC in the text
        capitals = "".join(c for c in m.text if c.isupper())
        if m.cls == "Country" and len(capitals) >= 3 and capitals != m.text:
            defined.setdefault(capitals, m)
    for acr, name in organization_abbreviations().items():  # "the EU": a body the world knows
        if acr not in defined:
            dotted = re.escape(".".join(acr) + ".")  # "the U.N."
            for m in re.finditer(rf"(?<![\w.-])(?:{acr}(?![\w-]|\.\w)|{dotted})", text):
                if not any(
                    o.start <= m.start()
                    and m.end() <= o.end
                    and o.cls in ("Law", "Organization")
                    and (o.start, o.end) != (m.start(), m.end())  # the model's bare guess
                    for o in doc.mentions
                ):  # "the 1951 UN Convention" names a law; "UN Security Council" a body
                    _drop_bare(doc, m.start(), m.end())
                    part = part_named(text, m.end())  # "the UN refugee agency"
                    if part is not None:
                        add(doc, m.start(), part, "Organization", "acronyms")
                    else:
                        add(doc, m.start(), m.end(), "Organization", "acronyms", name=name)
    for acr, full in defined.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            _drop_bare(doc, m.start(), m.end())
            add(doc, m.start(), m.end(), full.cls, "acronyms", name=full.canonical)
    for m in _STANDALONE_CAPS.finditer(text):
        word = m.group()
        if (
            word in _NOT_ACRONYMS
            or word in FORMAT_WORDS
            or word in defined
            or word in country_names()
            or _ROMAN.match(word)
            or (word.lower() in english_words() and not tagged_as(doc, m.start(), "ORG"))
        ):  # "FILE", "BILL": a word in capitals, unless the model reads a body ("ICE said")
            continue
        if all_caps_line(text, m.start()) or _shouted_phrase(text, m.start(), m.end()):
            continue
        if any(o.cls == "Place" and o.start <= m.start() < o.end for o in doc.mentions):
            continue  # "THE HAGUE, Jan 23": a dateline's city
        add(doc, m.start(), m.end(), "Organization", "acronyms")
    _apposed_names(doc)


_APPOSED = re.compile(r",\s+(?:the\s+)?")


def _apposed_names(doc: Annotated) -> None:
    """ "UNHCR, the UN Refugee Agency,", "the Vell Agency, VA,": a body's initials and a name
    set beside them in apposition are one body."""
    text = doc.document.text
    bodies = sorted((m for m in doc.mentions if m.cls == "Organization"), key=lambda m: m.start)
    for a, b in pairwise(bodies):
        joined = _APPOSED.fullmatch(text, a.end, b.start)
        after = text[b.end : b.end + 8]
        if not joined or not re.match(r"\s*[,.;)]", after) or re.match(r",\s*(?:and|or)\b", after):
            continue  # "the United Nations, EU, and other donors": a list, not one body
        short, other = (a, b) if a.text.isupper() else (b, a) if b.text.isupper() else (None, None)
        if short is None or other is None or other.name:
            continue
        i = doc.mentions.index(other)
        doc.mentions[i] = replace(other, name=short.canonical)


_IN_A_PLACE = re.compile(r"[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?")


# a body for a cause: "Committee for Human Rights", "Center for Democracy"
_FOR_A_CAUSE = re.compile(
    r"\bfor\s+(?:Human\s+Rights|Democracy|Freedom|Justice|Peace|Liberty|Religious\s+Freedom)$"
)


def _through_a_place(doc: Annotated) -> None:
    """A body's name runs on over the place its acronym's last letters stand for
    ("Organization for Security and Co-operation in Europe (OSCE)"), or where the cause
    its name states is pursued ("the Committee for Human Rights in Zembla"): one name."""
    text = doc.document.text
    for body in [m for m in doc.mentions if m.cls == "Organization"]:
        gap = _IN_A_PLACE.match(text, body.end)
        place = gap and next((m for m in doc.mentions if m.start == gap.end()), None)
        if not place or place.cls not in ("Place", "Country"):
            continue
        d = _ACRONYM_DEF.match(text, place.end)
        whole = text[body.start : place.end]
        spelt = d and _initials_fit(d["acr"], whole) and not _initials_fit(d["acr"], body.text)
        if spelt or (place.cls == "Country" and _FOR_A_CAUSE.search(body.text)):
            doc.mentions = [m for m in doc.mentions if m not in (body, place)]
            add(doc, body.start, place.end, "Organization", body.source)


def _drop_bare(doc: Annotated, start: int, end: int) -> None:
    """The acronym's meaning wins over a bare reading of the same span."""
    doc.mentions = [
        m for m in doc.mentions if not ((m.start, m.end) == (start, end) and not m.name)
    ]


def _shouted_phrase(text: str, start: int, end: int) -> bool:
    """Capitals next to a longer word in capitals are words shouted ("EVENT ADVISORY:"),
    not an acronym."""
    before = re.search(r"\b([A-Z]{4,})[ \t]+$", text[max(0, start - 30) : start])
    after = re.match(r"[ \t]+([A-Z]{4,})\b", text[end : end + 30])
    return bool(before or after)


def _another_language(d: re.Match[str], m: Mention) -> bool:
    """ "the Vell Confinement Center (CEVOT)": a site's or a law's acronym in the
    language of its country, whose letters need not fit the English name."""
    return m.cls in ("Place", "Law") and d.group("acr").isupper() and len(m.text.split()) >= 2


def _initials_fit(acronym: str, name: str) -> bool:
    """UNHCR fits United Nations High Commissioner for Refugees: its letters appear, in
    order, among the capital letters of the name."""
    capitals = [c for c in name if c.isupper()]
    letters = [c for c in acronym if c.isupper()]
    i = 0
    for c in capitals:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters) and len(letters) >= 2

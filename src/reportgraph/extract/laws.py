"""Laws: treaties, conventions, covenants, protocols, agreements, codes and articles of them,
resolutions, decrees and orders, named campaigns and policies."""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.extract.patterns import SP, WORD, add, heading_line, skip_function_words
from reportgraph.model import Annotated

_HEADS = (
    r"Convention|Covenant|Protocol|Treaty|Agreement|Accord|Charter|Declaration|Act|Code"
    r"|Law|Resolution|Decree|Constitution|Statute|Directive|Regulations?|Principles"
)
_LOWER_HEADS = r"agreement|treaty|protocol|accord|decree|order|law|resolution|convention"
_YEAR = rf"(?:(?:19|20)\d\d{SP})"
_INNER = r"(?:of|for|on|and|the|de|to|against)"
# Titles capitalise their joining words as often as not: "Convention Against Torture".
_TAIL_START = (
    r"(?:[Oo]f|[Oo]n|[Ff]or|[Aa]gainst|[Cc]oncerning|[Rr]egarding|[Rr]elating{SP}[Tt]o)"
).replace("{SP}", SP)
# What a law is about: capitalised words and joining words, and a list of them closed by
# "or"/"and" ("Torture, Cruel, Inhumane or Degrading Treatment or Punishment"); a comma
# without that closing word ends the name ("the Convention Against Torture, China said").
_TAIL_RUN = rf"(?:{SP}(?:{WORD}|{_INNER}|or))*"
_TAIL = (
    rf"(?:{SP}{_TAIL_START}{_TAIL_RUN}"
    rf"(?:(?:,{SP}{WORD}{_TAIL_RUN})+,?{SP}(?:or|and){_TAIL_RUN})?{SP}{WORD})"
)
# "the 1951 UN Convention Relating to the Status of Refugees", "International Covenant on
# Civil and Political Rights", "Criminal Code", "Security Council Resolution 1718"
_NAMED = re.compile(
    rf"\b{_YEAR}?(?:(?:{WORD}|{_INNER}){SP}){{0,6}}?(?:{_HEADS})\b"
    rf"(?:{SP}(?:(?:No\.\s*)?\d+|[A-Z])\b)?"  # "Resolution 1718", "Covenant B"
    rf"{_TAIL}?(?:{SP}of{SP}(?:19|20)\d\d\b)?"
)
# "Article 12 of the Thai penal code", "Article 33 of the 1951 Convention", "Article 3 of
# the Convention Against Torture"
_ARTICLE = re.compile(
    rf"\b[Aa]rticles?{SP}\d+[\w()]*{SP}of{SP}(?:the{SP})?(?:[\w'\u2019-]+{SP}){{0,5}}?"
    rf"(?:code|law|act|{_HEADS})\b{_TAIL}?"
)
# United States bills and resolutions by number: "H. CON. RES. 109", "H.R. 1234", "S. Res. 5"
_BILL = re.compile(r"\b[HS]\.[ ]?(?:(?:CON|Con|J)\.[ ]?)?(?:RES|Res|R)\.[ ]?\d+\b")
# '"Open Door" policy', 'the "Clean Hands" campaign'
_QUOTED_POLICY = re.compile(
    r"[\"\u201c]([A-Z][^\"\u201d\n]{2,60})[\"\u201d]\s+(?:policy|campaign|crackdown)\b"
)
_NAMED_CAMPAIGN = re.compile(rf"\b(?:{WORD}{SP}){{1,5}}(?:Campaign|Policy)\b")
# "an agreement on border control", "a shoot-to-kill order"
_DESCRIBED = re.compile(
    rf"\b(?:an?|the)\s+(?:(?:bilateral|secret|new|border|[a-z]+-to-[a-z]+)\s+)?(?:{_LOWER_HEADS})"
    r"(?:\s+on\s+[a-z]+(?:\s+[a-z]+)?)?\b"
)
# Law names end in the name, never in a joining word.
_TRAILING_JOIN = re.compile(rf"(?:{SP}{_INNER})+$")


def _add_named(doc: Annotated, start: int, end: int) -> None:
    text = doc.document.text[start:end]
    start += skip_function_words(text)
    text = doc.document.text[start:end]
    trailing = _TRAILING_JOIN.search(text)
    if trailing:
        end -= len(trailing.group())
    words = doc.document.text[start:end].split()
    if len(words) >= 2 or (words and re.match(r"\d", words[0])):
        add(doc, start, end, "Law", "laws", name=law_name(doc.document.text[start:end]))


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


@component("laws", requires=["sentences"], assigns=["mentions"])
def laws(doc: Annotated) -> None:
    text = doc.document.text
    for m in _ARTICLE.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in _BILL.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws")
    for m in _QUOTED_POLICY.finditer(text):
        add(doc, m.start(), m.end(), "Law", "laws", name=f"{m.group(1).strip()} policy")
    for m in _NAMED.finditer(text):
        _add_named(doc, m.start(), m.end())
    for m in _NAMED_CAMPAIGN.finditer(text):
        if not heading_line(text, m.start()):  # a heading capitalises any "Policy"
            _add_named(doc, m.start(), m.end())
    for m in _DESCRIBED.finditer(text):
        if re.search(r"\s(on|to)\s|-to-", m.group()):
            add(doc, m.start(), m.end(), "Law", "laws")

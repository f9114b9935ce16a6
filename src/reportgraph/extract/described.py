"""Names the text itself says are bodies: the kind of body right before the name ("the
Zemban organization Vell Hotline for Exiles", "the newspaper Vell Daily") or right after
it ("Vell Rights Now, an Oslo-based group,"). The model misses many such names, and the
rules that read a body's head word ("Council", "Agency") do not know these."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from reportgraph.extract import component
from reportgraph.extract.patterns import SP, WORD, add
from reportgraph.model import Annotated

_KINDS = r"(?:group|organi[sz]ation|NGO|charity|watchdog|think[ \t]tank)"
# the name: capitalised words, with the joining words of a title between them
_NAME = rf"(?P<name>{WORD}(?:{SP}(?:(?:of|for|and|the){SP})*{WORD}){{0,6}})"
# "Vell Rights Now, an Oslo-based group,"
_CALLED_A_BODY = re.compile(rf"(?<![\w-]){_NAME},{SP}an?{SP}(?:[\w-]+\s+){{0,3}}?{_KINDS}\b")
# "the Zemban organization Vell Hotline for Exiles", "rights group Vell Watch"
_KIND_BEFORE = re.compile(
    rf"\b(?:{_KINDS}|(?P<media>newspaper|magazine|broadcaster|outlet|news{SP}agency"
    rf"|website|news{SP}(?:site|portal)))[ \t]+{_NAME}"
)

# bodies a kind said after "the" or before "known as" names: "the ruling party", "a militia"
_MORE_KINDS = (
    r"agency|party|ministry|militia|movement|coalition|alliance|gang|network|faction"
    r"|broadcaster|newspaper"
)
# "Vellex, the European Union's border agency,", "Vellwatch, the country's main rights group."
_THE_BODY = re.compile(
    rf"(?<![\w-]){_NAME},{SP}the{SP}(?:[\w'\u2019.-]+\s+){{1,3}}?"
    rf"(?:{_KINDS}|{_MORE_KINDS}){SP}?[,.;)]"
)

# "the gang coalition known as Vell Ansanm", "an armed group called Vellfront"
_KNOWN_AS = re.compile(
    rf"\b(?:{_KINDS}|{_MORE_KINDS})"
    rf"{SP}(?:(?:known|called|named){SP}(?:as{SP})?){_NAME}"
)


@component("described", requires=["sentences"], assigns=["mentions"])
def described(doc: Annotated) -> None:
    text = doc.document.text
    for pattern in (_CALLED_A_BODY, _KIND_BEFORE, _THE_BODY, _KNOWN_AS):
        for m in pattern.finditer(text):
            name = m["name"]
            if " and " in name and not re.search(r"\b(?:for|of)\b.*\band\b", name):
                name = name.split(" and ")[0]  # "the group VRN and Ana Vell": two names
            start = m.start("name")
            # "Meanwhile Vellex, the ...": not "Meanwhile" ("However, the party": no name)
            while pattern is _THE_BODY and " " in name and name.split()[0].lower() in STOP_WORDS:
                lead = re.match(r"\S+\s+", name)
                name, start = name[lead.end() :], start + lead.end()
            # "the group Vellwatch" is left to the model; the kind after "the" names one, and
            # a medium's kind before it ("the news website Vellnet"): the model misses most
            media = pattern is _KIND_BEFORE and m["media"] is not None
            one = (pattern in (_THE_BODY, _KNOWN_AS) or media) and name.lower() not in STOP_WORDS
            one = one and len(name) > 2
            if len(name.split()) >= 2 or one:
                add(doc, start, start + len(name), "Organization", "described")

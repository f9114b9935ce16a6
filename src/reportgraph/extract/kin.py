"""Kin and birthplaces, as reports about people state them: "Ana Vell's husband, Tomas
Rell", "Tomas Rell, the father of Ana Vell", "her brother, Ivo Vell", "Ana Vell is married
to Tomas Rell", "the Vell family"; "she was born in Tarvo", "Birthplace: Zembla".

The kin words are general English; whose kin a pronoun speaks of is the person named last
before it, of the pronoun's sex where a title or kin word says it (``coref.antecedent``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.coref import antecedent
from reportgraph.extract.patterns import relate
from reportgraph.model import Annotated, Mention, Sentence

# each kin word, and how the one it names stands to the one whose kin it is: "parent"
# when the named is the other's parent (the other is the child), else the relation
_KIN = {
    **dict.fromkeys("father mother parent parents".split(), "parent"),
    **dict.fromkeys("son daughter child children sons daughters".split(), "childOf"),
    **dict.fromkeys("husband wife spouse widow widower".split(), "spouseOf"),
    **dict.fromkeys("brother sister sibling brothers sisters siblings".split(), "siblingOf"),
    **dict.fromkeys(
        "cousin uncle aunt nephew niece grandson granddaughter grandfather grandmother "
        "relative relatives brother-in-law sister-in-law son-in-law daughter-in-law".split(),
        "relativeOf",
    ),
}
_KIN_WORD = "|".join(sorted(map(re.escape, _KIN), key=len, reverse=True))
_AGE = r"(?:\d{1,3}-year-old[ \t]+)?"
# "Ana Vell's husband, Tomas Rell", "her 19-year-old son Ivo": kin before the name
_OWNED = re.compile(
    rf"(?:(?P<pronoun>\b[Hh]is|\b[Hh]er)|(?:'s|\u2019s|s'|s\u2019))[ \t]+(?:[a-z]+[ \t]+)?"
    rf"{_AGE}(?P<kin>{_KIN_WORD}),?[ \t]+$"
)
# "Tomas Rell, the father of Ana Vell": kin after the name, then whose
_OF = re.compile(rf"^,?[ \t]+(?:the|his|her|a)[ \t]+{_AGE}(?P<kin>{_KIN_WORD})[ \t]+of[ \t]+$")
# "the wife of Tomas Rell, Ana Vell": kin and whose before the name
_THE_KIN_OF = re.compile(rf"\b(?:the|his|her)[ \t]+{_AGE}(?P<kin>{_KIN_WORD})[ \t]+of[ \t]+$")
_MARRIED = re.compile(
    r"^[ \t]+(?:is|was|has been)[ \t]+married[ \t]+to[ \t]+(?:the[ \t]+\w+[ \t]+)?$"
)
_BIRTHPLACE = re.compile(r"\b[Bb]irth[ \t]?[Pp]lace[ \t]*:[ \t]*")
_SPOUSE = re.compile(r"(?m)^[ \t\-\u2022]*Spouse(?:s|\(s\))?[ \t]*(?::[ \t]*|\t[ \t]*)")
_WHERE = ("Place", "Country")


@component("kin", requires=["parses", "mentions"], assigns=["relations"])
def kin(doc: Annotated) -> None:
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        people = [m for m in doc.mentions_in(sentence) if m.cls == "Person"]
        for named in people:
            _kin_before(doc, named, text[sentence.start : named.start], sentence)
            for other in people:
                if other.start > named.end:
                    _kin_after(doc, named, other, text[named.end : other.start], sentence)
        _born(doc, sentence, parsed)
    _birthplace_line(doc)


def _relate_kin(doc: Annotated, named: Mention, word: str, other: Mention, s: Sentence) -> None:
    """``named`` is ``other``'s ``word`` ("father", "wife", ...)."""
    relation = _KIN[word.lower()]
    if relation == "parent":
        relate(doc, other, "childOf", named, s, "kin")
    else:
        relate(doc, named, relation, other, s, "kin")


def _kin_before(doc: Annotated, named: Mention, before: str, sentence: Sentence) -> None:
    found = _OWNED.search(before)
    if found is None:
        _kin_of_before(doc, named, before, sentence)
        return
    if found.group("pronoun"):
        whose = _owner(doc, sentence, found.start(), found.group("pronoun").lower())
    else:
        end = sentence.start + found.start()
        whose = next((m for m in doc.mentions if m.cls == "Person" and m.end == end), None)
    if whose is not None and whose is not named:
        _relate_kin(doc, named, found.group("kin"), whose, sentence)


def _kin_of_before(doc: Annotated, named: Mention, before: str, sentence: Sentence) -> None:
    """ "the wife of Tomas Rell, Ana Vell": kin, whose, then the name."""
    end = sentence.start + len(before.rstrip(", \t"))
    if not before.rstrip(" \t").endswith(","):
        return
    whose = next((m for m in doc.mentions if m.cls == "Person" and m.end == end), None)
    if whose is None or whose is named:
        return
    found = _THE_KIN_OF.search(
        doc.document.text, max(sentence.start, whose.start - 40), whose.start
    )
    if found:
        _relate_kin(doc, named, found.group("kin"), whose, sentence)


def _owner(doc: Annotated, sentence: Sentence, at: int, pronoun: str) -> Mention | None:
    """Whose kin "his" or "her" speaks of: a sentence that opens on it goes on about the
    person the sentence before opens on ("Ana Vell is married to Tomas Rell. Her brother
    ..."), else the person named last before it."""
    if not sentence.text[:at].strip():
        before = [s for s in doc.sentences if s.end <= sentence.start]
        first = [m for m in doc.mentions_in(before[-1]) if m.cls == "Person"] if before else []
        if first:
            return first[0]
    return antecedent(doc, sentence.start + at, "Person", pronoun)


def _kin_after(doc: Annotated, named: Mention, other: Mention, between: str, s: Sentence) -> None:
    found = _OF.match(between)
    if found:  # "Tomas Rell, the father of Ana Vell"
        _relate_kin(doc, named, found.group("kin"), other, s)
    elif _MARRIED.match(between):
        relate(doc, named, "spouseOf", other, s, "kin")


def _born(doc: Annotated, sentence: Sentence, parsed: Any) -> None:
    """ "She was born in Tarvo", "Ana Vell, born in Tarvo in 1970,": the first place."""
    for token in parsed:
        if token.lower_ != "born" or token.tag_ != "VBN":
            continue
        where = [o for p in token.children if p.lower_ == "in" for o in p.children]
        place = next(
            (m for o in where for m in _covering(doc, sentence, o) if m.cls in _WHERE), None
        )
        if place is None:
            continue
        subject = [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.dep_ in ("acl", "appos"):
            subject = [token.head]  # "Ana Vell, born in Tarvo"
        person = None
        for word in subject:
            named = [m for m in _covering(doc, sentence, word) if m.cls == "Person"]
            if named:
                person = named[0]
            elif word.lower_ in ("he", "she"):
                person = antecedent(doc, sentence.start + word.idx, "Person", word.lower_)
        if person is not None:
            relate(doc, person, "bornIn", place, sentence, "kin")


def _birthplace_line(doc: Annotated) -> None:
    """ "Birthplace: Zembla", "Spouse: Tomas Rell" in a profile's box: of the person the
    document is about."""
    people = Counter(m.canonical for m in doc.mentions if m.cls == "Person")
    if not people:
        return
    subject = people.most_common(1)[0][0]
    person = next(m for m in doc.mentions if m.cls == "Person" and m.canonical == subject)
    for pattern, predicate, classes in (
        (_BIRTHPLACE, "bornIn", _WHERE),
        (_SPOUSE, "spouseOf", ("Person",)),  # "Spouse: Tomas Rell"
    ):
        for found in pattern.finditer(doc.document.text):
            named = (m for m in doc.mentions if m.start == found.end() and m.cls in classes)
            other = next(named, None)
            sentence = next((s for s in doc.sentences if s.start <= found.end() < s.end), None)
            if other is not None and sentence is not None and other.canonical != subject:
                relate(doc, person, predicate, other, sentence, "kin")


def _covering(doc: Annotated, sentence: Sentence, token: Any) -> list[Mention]:
    at = sentence.start + token.idx
    return [m for m in doc.mentions if m.start <= at < m.end]

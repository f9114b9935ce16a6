"""Where an act happened: the place a sentence names, else where a state acts at home, else
where the act told just before it happened."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache
from typing import Any

from reportgraph.extract.datelines import in_dateline
from reportgraph.extract.gazetteer import countries, country_code, demonyms
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.extract.patterns import OF_A_STATE, outermost
from reportgraph.extract.posts import role_words
from reportgraph.model import Annotated, EventMention, Mention, Sentence

# where a flight goes: "fled to Zembla", "crossed into Vellia"
_TOWARDS = re.compile(r"\b(?:to|into|towards?)\s+(?:the\s+|neighbou?ring\s+)?$", re.I)


def place_of(
    places: list[Mention], trigger_at: int, text: str = "", cls: str = ""
) -> Mention | None:
    """The most specific place of the sentence: a facility over the city inside it, a city
    or region over a state; never a legislator's home state ("Senator Vell (R-Idaho)"),
    and, for an act other than a statement, not where the report was filed ("WASHINGTON
    - ...")."""
    places = [
        m
        for m in places
        if not _PARTY_TAG.search(text, max(0, m.start - 3), m.start)
        and not _title_for().search(text, max(0, m.start - 90), m.start)
        and not _title_after().match(text, m.end)
        and not text.startswith("-based", m.end)  # "an Oslo-based group": its seat
    ]
    if cls == "Flight":  # a flight takes place where it goes, as reports tell it
        ahead = [
            m
            for m in places
            if m.start > trigger_at and _TOWARDS.search(text, max(0, m.start - 60), m.start)
        ]
        if ahead:
            return min(ahead, key=lambda m: m.start)
    # where the story was filed is not where an act of it happened
    places = [m for m in places if not (cls != "Statement" and in_dateline(text, m))]
    if not places:
        return None
    outer = outermost([m for m in places if m.cls == "Place"] or places)
    return min(outer, key=lambda m: abs(m.start - trigger_at))


def origin(place: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the place where someone comes from ("refugees from Chad, Niger and Mali"), not
    where the act happens?"""
    span = token.doc.char_span(place.start - sentence.start, place.end - sentence.start)
    if span is None:
        return False
    word = span.root
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    return word.dep_ == "pobj" and word.head.lower_ == "from" and word.head.head.pos_ != "VERB"


# A party and state tag: "(R-Idaho)", "(D-N.Y.)".
_PARTY_TAG = re.compile(r"\([DRI]-$")


@cache
def _title_for() -> re.Pattern[str]:
    """A region in someone's title: "director for Eastern Zembla", "envoy on Vellia and
    Zembla" (the post nouns of data/post_roles.tsv)."""
    return re.compile(
        rf"\b(?i:{role_words()})\s+(?:for|on)\s+(?:the\s+)?"
        r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s+and\s+)?$"
    )


@cache
def _title_after() -> re.Pattern[str]:
    """A region that names someone's post: "Ana Vell, Europe director at the Council",
    "our Vellia correspondent"."""
    return re.compile(rf"[ \t]+(?:(?:country|regional|deputy)[ \t]+)?(?i:{role_words()})\b")


# Acts a state does within its own borders: where none is said, they happen there.
_AT_HOME = frozenset({"Arrest", "Repatriation", "Punishment", "LegalAction", "Protest"})


def home_state(
    cls: str, agents: list[Mention], mentions: list[Mention], text: str = ""
) -> Mention | None:
    """ "Vellistan deported 300 people", "the Vellistani police arrested them": a state,
    or a body of one, that arrests, expels, punishes or legislates does it on its own
    soil, unless the sentence says where."""
    if cls not in _AT_HOME:
        return None
    states = [m for m in agents if m.cls == "Country"]
    if not states:
        states = [
            m
            for a in agents
            for m in mentions
            if m.cls == "Country" and a.start <= m.start and m.end <= a.end and m is not a
        ]
    if not states and text:  # "the Border Guard (BG) of Vellistan": the state it serves
        for a in agents:
            of = OF_A_STATE.match(text, a.end)
            states += [m for m in mentions if of and m.cls == "Country" and m.start == of.end()]
    if not states:  # "the Vellistani police": the state named elsewhere in the report
        codes = {demonyms().get(a.text.split()[0]) for a in agents} - {None}
        names = {countries()[c].name for c in codes if c in countries()}
        states = [m for m in mentions if m.cls == "Country" and m.canonical in names][:1]
    return states[0] if len({m.canonical or m.text for m in states}) == 1 else None


# Acts only a state's authorities do: told with no one doing them ("she was detained"),
# the state where they happened did them.
_BY_A_STATE = frozenset({"Arrest", "Punishment", "Repatriation"})


def acting_state(
    cls: str,
    agents: list[Mention],
    place: Mention | None,
    mentions: list[Mention],
    text: str,
    at: int,
) -> Mention | None:
    """The state an arrest, punishment or expulsion told in the passive happened in: the
    place itself when it is a state, else the state a known city or province lies in, when
    the report names that state; with no place, the state its paragraph named last."""
    if cls not in _BY_A_STATE or agents:
        return None
    if place is None:
        paragraph = text.rfind("\n\n", 0, at) + 1
        before = [m for m in mentions if m.cls == "Country" and paragraph <= m.start < at]
        return max(before, key=lambda m: m.start) if before else None
    if place.cls == "Country":
        return place
    known = gazetteer().get(place.canonical or place.text) or gazetteer().get(place.text)
    state = countries().get(known.country) if known is not None else None
    if state is None:
        return None
    return next(
        (m for m in mentions if m.cls == "Country" and m.canonical == state.name),
        None,
    )


# A preposition of place right before a state: "detained in Ruritania", "fled into Freedonia".
_WHERE = re.compile(
    r"\b(?:in|at|inside|within|into|across|throughout|to)\s+(?:the\s+)?"
    r"(?:neighbou?ring\s+|nearby\s+)?$",  # "fled to neighbouring Chad"
    re.I,
)


def located_state(mention: Mention, sentence: Sentence) -> bool:
    """Is a state named as where something happens, not as who acts?"""
    if mention.cls != "Country" or mention.metonym:
        return False
    return bool(_WHERE.search(sentence.text[: mention.start - sentence.start]))


_STATE_OF_A_PLACE = re.compile(
    r"\b(?:in|at|near|outside|inside|from|to)\s+(?:the\s+)?"
    r"(?P<place>(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*),\s*$"
)


def state_of_a_place(m: Mention, sentence: Sentence) -> bool:
    """Is the state named only as the state of a place before it ("in Tarsa, Zembla"),
    not the next in a list of states ("from Zembla, Vellia and Orsk")?"""
    if m.cls != "Country":
        return False
    found = _STATE_OF_A_PLACE.search(sentence.text[: m.start - sentence.start])
    return found is not None and country_code(found.group("place")) is None


# a list item's mark at the start of its line: "•", "-", "*", "1.", "(a)"
_BULLET = re.compile(r"[ \t]*(?:[\u2022\u25aa\u25cf\u2013*-]|\d{1,2}[.)]|\([a-z\d]{1,2}\))[ \t]+")


def places_from_context(doc: Annotated) -> None:
    """An act told without a place happened where the act told just before it in the same
    paragraph did ("They were detained in Vell. Two were sentenced in May."), but not an
    item of a list. Statements neither take nor give a place this way."""
    text = doc.document.text
    last: EventMention | None = None
    for k, event in enumerate(doc.events):
        if last is not None and "\n\n" in text[last.sentence.start : event.sentence.start]:
            last = None
        if _BULLET.match(text, text.rfind("\n", 0, event.sentence.start) + 1):
            last = None  # each item of a list tells its own act
        if event.cls == "Statement":
            continue  # a statement is made where its speaker is, and says nothing of place
        # but not from an act told after it in its sentence ("300 were killed and
        # thousands fled to Chad": not killed in Chad)
        later = (
            last is not None
            and last.sentence == event.sentence
            and last.trigger_start > event.trigger_start
        )
        if event.place is None and last is not None and last.place is not None and not later:
            doc.events[k] = replace(event, place=last.place)
        last = doc.events[k]


_IN_THE_STATE = frozenset({"Arrest", "Punishment", "Protest"})


def places_from_the_report(doc: Annotated) -> None:
    """An arrest, punishment or protest told with no place anywhere near happened in the
    state the report speaks of most, when one state is named far more than any other."""
    named = Counter(m.canonical for m in doc.mentions if m.cls == "Country")
    ranked = named.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return
    state = next(m for m in doc.mentions if m.cls == "Country" and m.canonical == ranked[0][0])
    for k, event in enumerate(doc.events):
        if event.cls in _IN_THE_STATE and event.place is None:
            doc.events[k] = replace(event, place=state)

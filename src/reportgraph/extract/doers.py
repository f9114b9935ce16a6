"""Who takes a stand on whom, and where, read from the parse: "China has criticized the
Commission", "migrants blamed by the agency", "Zembla, which urged Vellia to ..." give
rg:relatedTo from the doer to the one acted on, for verbs of criticizing, accusing, urging,
pressing and recognizing (unless negated, or an event that links its own participants):
other verbs ("met", "live", "know") state no relation a reader would draw; measured on the
blind set, they added only wrong ones. "We deliver food in Laos" gives rg:operatesIn;
"refugees are hiding in Laos" rg:locatedIn."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.patterns import nested, relate
from reportgraph.extract.triggers import lexicon
from reportgraph.model import Annotated, Mention, Sentence


@component("doers", requires=["sentences", "mentions"], assigns=["relations"])
def doers(doc: Annotated) -> None:
    for i, sentence in enumerate(doc.sentences):
        if i < len(doc.parses):
            inside = doc.mentions_in(sentence)
            _svo(doc, inside, sentence, doc.parses[i])
            _whereabouts(doc, inside, sentence, doc.parses[i])


def _relate(doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence) -> None:
    relate(doc, s, predicate, o, sentence, "relations")


_ACTORS = ("Person", "Organization", "Group", "Country")
# Arcs from a verb down to what it acts on: its object, a preposition's object, a verb it
# governs ("declined to work with"), a noun it takes ("keep track of").
_DOWN = frozenset("dobj prep pobj xcomp pcomp agent dative".split())
_RELATIVE = frozenset("who which that whom".split())
# Prepositions of place, and those whose object the verb does not act on.
_LOCATIVE = frozenset(
    "in into inside to from at within across toward towards through near around throughout"
    " via back out".split()
)
_ASIDE = frozenset(
    "according as like than despite due because after before since during until without"
    " besides except including unlike amid among".split()
)
# Events whose participants the event already links: no relation on top of them.
_EVENT_LINKED = frozenset(
    "Flight AsylumRequest Arrest Repatriation Punishment Resettlement".split()
)


def _head_token(parsed: Any, sentence: Sentence, m: Mention) -> Any | None:
    span = parsed.char_span(
        m.start - sentence.start, m.end - sentence.start, alignment_mode="expand"
    )
    return span.root if span is not None else None


def _first_conjunct(token: Any) -> Any:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _acting(token: Any) -> tuple[Any, bool] | None:
    """(verb, is the doer) when the token is a verb's subject: its grammatical subject,
    the agent of a passive ("abandoned by the UNHCR"), or what a relative clause is about
    ("Zemblans, who look after migrants")."""
    t = _first_conjunct(token)
    if t.dep_ == "nsubj":
        return t.head, True
    if t.dep_ == "nsubjpass":
        return t.head, False
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        return t.head.head, True
    # "Okonjo, who was engaged in sheltering migrants"; "Okonjo, a photographer who followed them"
    for noun in (t, *(c for c in t.children if c.dep_ == "appos")):
        for child in noun.children:
            if child.dep_ == "relcl" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in child.children
            ):
                return child, True
    return None


def _acted_on(verb: Any, token: Any) -> str | None:
    """What the verb does to the token, when it is within a few arcs of the kinds in
    ``_DOWN``: 'where' for the object of a preposition of place ("works in Laos"), else
    'on'; None when it is not what the verb acts on."""
    t = _first_conjunct(token)
    how = ""
    for _ in range(4):
        if t.dep_ not in _DOWN or t.head.i == t.i:
            return None
        if t.dep_ == "prep" and t.lower_ in _ASIDE:
            return None  # "according to the agency", "as refugees"
        if t.dep_ == "pobj":
            if how:
                return None  # "met at the border between China and ...": too far
            how = "where" if t.head.lower_ in _LOCATIVE else "on"
        t = t.head
        if _event_word(t):
            return None  # "stop the repatriation of refugees": the event says it
        if t == verb:
            return how or "on"
    return None


# Verbs by which one actor takes a stand on another, which reports state as a relation
# between the two ("China has criticized the Commission", "urged Zembla to ...").
_BEARING = frozenset(
    "criticize criticise condemn denounce accuse blame implicate urge call press pressure "
    "sanction target attack threaten warn recognize recognise".split()
)


@cache
def _event_words() -> re.Pattern[str]:
    patterns = lexicon().patterns
    return re.compile("|".join(f"(?:{patterns[c]})" for c in sorted(_EVENT_LINKED)))


def _event_word(token: Any) -> bool:
    """Does a trigger of an event that links its own participants start at the token
    ("sending", "crackdown", "repatriation")?"""
    return bool(_event_words().match(token.doc.text, token.idx))


def _svo(doc: Annotated, inside: list[Mention], sentence: Sentence, parsed: Any) -> None:
    """ "China has criticized the Commission", "migrants abandoned by the UNHCR", "Zemblans
    who look after migrants": one actor acts on another (rg:relatedTo, subject first)."""
    actors = [m for m in inside if m.cls in _ACTORS and not m.metonym]
    heads = {id(m): _head_token(parsed, sentence, m) for m in actors}
    for a in actors:
        ha = heads[id(a)]
        found = _acting(ha) if ha is not None else None
        if found is None:
            continue
        verb, doer = found
        if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children) or _event_word(verb):
            continue
        for b in actors:
            hb = heads[id(b)]
            if b is a or hb is None or hb == ha or nested(a, b):
                continue
            if _first_conjunct(hb) == _first_conjunct(ha):
                continue  # "sponsored by Vellia and Zembla": two doers, not one on the other
            how = _acted_on(verb, hb) if doer else None
            if doer and verb.dep_ == "relcl" and verb.head == hb and ha.dep_ == "nsubj":
                how = "on"  # "Ruritania, with which Freedonia is aligning itself"
            if how == "where":
                if a.cls == "Organization" and b.cls == "Country":
                    _relate(doc, a, "operatesIn", b, sentence)  # "we deliver food in Laos"
            elif verb.lemma_.lower() not in _BEARING:
                continue  # "we met the refugees", "they live in China": no standing relation
            elif how and not (a.cls == "Country" and b.cls == "Group"):
                # what a state does to a group of people is an event (arrest, return)
                _relate(doc, a, "relatedTo", b, sentence)
            elif not doer and _acting(hb) == (verb, True):
                _relate(doc, b, "relatedTo", a, sentence)


def _whereabouts(doc: Annotated, inside: list[Mention], sentence: Sentence, parsed: Any) -> None:
    """ "In Lyon, the Hmong community is strong", "refugees are hiding in Laos and Yunnan":
    a group is where its verb says it is (not where an event takes it: "fled to")."""
    places = [m for m in inside if m.cls in ("Place", "Country") and not m.metonym]
    for a in (m for m in inside if m.cls == "Group" and not m.metonym):
        ha = _head_token(parsed, sentence, a)
        t = _first_conjunct(ha) if ha is not None else None
        if t is None or t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = t.head
        if any(c.dep_ == "neg" for c in verb.children) or _event_word(verb):
            continue
        for b in places:
            hb = _head_token(parsed, sentence, b)
            p = _first_conjunct(hb) if hb is not None else None
            if (
                p is not None
                and not nested(a, b)
                and p.dep_ == "pobj"
                and p.head.dep_ == "prep"
                and p.head.lower_ in ("in", "inside", "within")
                and p.head.head == verb
            ):
                _relate(doc, a, "locatedIn", b, sentence)

"""Events from trigger words, with who acts, who is acted on, where and when.

Each class has a set of trigger expressions (verbs and nouns of the report genre). Who did
it and to whom is read from the parse where it says (``roles``), else from the order of
words: the actor named nearest before the trigger acts and the one after it is acted on,
and a passive ("were arrested by X") swaps them. When and where: ``when`` and ``where``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from reportgraph.dates import DateMention, find_dates
from reportgraph.extract import component
from reportgraph.extract.bystanders import (
    elsewhere,
    in_clause,
    other_clauses,
    outside_frame,
    source_of_another,
    speaking_mission,
)
from reportgraph.extract.coref import owner_undergoes, pronoun_roles, spoken_of
from reportgraph.extract.datelines import in_dateline
from reportgraph.extract.decide import Candidate, accepted, event_model, features
from reportgraph.extract.headings import is_heading, titled_act
from reportgraph.extract.invoked import acts_laws, anothers_law, law_of_the_topic
from reportgraph.extract.legislation import (
    chamber_of_step,
    law_referred_to,
    list_lead,
    own_bill,
)
from reportgraph.extract.objections import trigger_token, veto
from reportgraph.extract.patterns import PLACE_BEFORE, SOURCE, outermost
from reportgraph.extract.roles import (
    from_parse,
    occasion,
    reacting,
)
from reportgraph.extract.saying import another_saying, told_by_the_verb
from reportgraph.extract.someone import someone
from reportgraph.extract.triggers import Hit, lexicon
from reportgraph.extract.triggers import find_all as triggers_of
from reportgraph.extract.when import date_of, date_told
from reportgraph.extract.where import (
    acting_state,
    home_state,
    located_state,
    origin,
    place_of,
    places_from_context,
    places_from_the_report,
    state_of_a_place,
)
from reportgraph.extract.wordorder import by_order
from reportgraph.model import Annotated, EventMention, Mention, Sentence

ACTOR_CLASSES = ("Person", "Organization", "Group", "Country")


@component("events", requires=["sentences", "mentions"], assigns=["events"])
def events(doc: Annotated) -> None:
    model = event_model()
    chosen: dict[int, dict[str, list[Hit]]] = {}
    for c in candidates(doc, read_features=model is not None):
        if accepted(c, model):
            chosen.setdefault(c.index, {}).setdefault(c.cls, []).append(c.hit)
    for i, triggers in sorted(chosen.items()):
        _sentence_events(doc, i, triggers)
    places_from_context(doc)
    places_from_the_report(doc)


def candidates(doc: Annotated, read_features: bool = False) -> Iterator[Candidate]:
    """Every trigger word of every sentence, and why the rules may object to it; with
    ``read_features``, also what the event model reads of it (only a model needs that)."""
    for i, sentence in enumerate(doc.sentences):
        parsed = doc.parses[i] if i < len(doc.parses) else None
        inside = doc.mentions_in(sentence)
        heading = is_heading(sentence, parsed)
        question = sentence.text.rstrip().endswith("?")
        context = _context(doc, i, heading, question) if read_features else {}
        for cls, hits in triggers_of(sentence.text, parsed).items():
            for hit in hits:
                why = veto(hit, sentence, inside, parsed, cls)
                if (heading and not titled_act(sentence, cls)) or question:
                    why = why or "heading"  # headings and questions report no event
                feats = ()
                if read_features:
                    feats = features(cls, hit, trigger_token(parsed, hit), why, context)
                yield Candidate(i, cls, hit, why, feats)


def _context(doc: Annotated, i: int, heading: bool, question: bool) -> dict[str, bool]:
    """What the event model reads of a trigger's sentence."""
    sentence = doc.sentences[i]
    inside = doc.mentions_in(sentence)
    return {
        "heading": heading,
        "question": question,
        "first": i == 0,
        "actors": any(m.cls in ACTOR_CLASSES for m in inside),
        "dated": bool(find_dates(sentence.text, doc.document.date)),
        "law": any(m.cls == "Law" for m in inside),
    }


def _sentence_events(doc: Annotated, i: int, chosen: dict[str, list[Hit]]) -> None:
    """The events of one sentence from its accepted triggers, by class."""
    sentence = doc.sentences[i]
    parsed = doc.parses[i] if i < len(doc.parses) else None
    inside = doc.mentions_in(sentence)
    text = doc.document.text  # a dateline's agency files the story, it takes no part in it
    actors = [m for m in outermost(inside) if m.cls in ACTOR_CLASSES and not in_dateline(text, m)]
    actors = [m for m in actors if not state_of_a_place(m, sentence)]  # "in Tarsa, Zembla": where
    actors += [m for m in inside if speaking_mission(m, sentence, parsed)]
    places = [m for m in inside if m.cls == "Place" or located_state(m, sentence)]
    places = [m for m in places if not _in_a_body_s_name(m, inside)]
    laws = [m for m in outermost(inside) if m.cls == "Law"]
    # "charged under the Press Act of 2015": the year names the law, it dates no act
    dates = [
        d
        for d in find_dates(sentence.text, doc.document.date)
        if not _names_law(sentence.start + d.start, sentence.start + d.end, laws)
    ]
    found: dict[str, Hit] = {}
    said: list[Hit] = []
    again: list[tuple[str, Hit]] = []
    for cls in lexicon().classes:
        # one event per class and sentence: a second trigger of the same class in one
        # sentence is most often the same act retold ("said ... in a statement")
        triggers = chosen.get(cls, [])
        if cls == "Statement":  # "In its report, X recommended ...": the verb tells it
            triggers = told_by_the_verb(parsed, triggers)
        if triggers:
            found[cls] = triggers[0]
            when = date_of(dates, parsed, triggers[0])
            again += [  # but an act on another day is another act
                (cls, t)
                for t in triggers[1:]
                if cls != "Statement" and date_of(dates, parsed, t) not in (None, when)
            ]
        if cls == "Statement":
            # but each verb of saying is a statement: "found that ... and concluded"
            said = [t for t in triggers[1:] if another_saying(parsed, t, triggers[0])]
    for cls in _supports(found, parsed):
        del found[cls]
    if _occasion_of_saying(found, parsed):
        del found["Meeting"]
    spans: list[tuple[int, int]] = []
    # one word, one act, the reading that starts first: "asylum claims" is the request,
    # "called the executions" the statement, "defected to" the flight (the class first
    # listed); a verb read with its object is the act it names ("announced charges")
    for cls, trigger in sorted(found.items(), key=_reading_first):
        if any(a < trigger.end() and trigger.start() < b for a, b in spans):
            del found[cls]
        spans.append((trigger.start(), trigger.end()))
    first = len(doc.events)
    acts = [*found.items(), *again, *(("Statement", t) for t in said)]
    words = [trigger_token(parsed, t) for _, t in acts]
    for (cls, trigger), word in zip(acts, words, strict=True):
        if cls == "Protest" and _voiced_by_a_body(word, sentence, actors):
            cls = "Statement"
        own = [m for m in laws if not anothers_law(m, word, words, sentence)]
        _add(doc, cls, trigger, sentence, parsed, actors, places, own, dates)
    alone = len(doc.events) == first + 1
    for k in range(first, len(doc.events)):
        if alone or doc.events[k].cls == "Statement":
            event = _with_everyone(doc.events[k], sentence, parsed, actors)
            doc.events[k] = spoken_of(doc, event, sentence, parsed)


def _in_a_body_s_name(place: Mention, inside: list[Mention]) -> bool:
    """ "Radio Free Vellia", "Orun State University": a place in a body's name is no place
    of what the body does (but "the Vell Mission in Orun" is where it is)."""
    return any(
        body.cls == "Organization"
        and body.start <= place.start < place.end <= body.end
        and not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", body.text[: place.start - body.start])
        for body in inside
    )


def _names_law(start: int, end: int, laws: list[Mention]) -> bool:
    """Is the date at [start, end) part of a law's name ("the 1951 Convention", "the Press
    Act of 2015"), not of what the law's mention goes on to say ("an agreement signed in
    1986")?"""
    for m in laws:
        before = m.text[: start - m.start]
        if m.start <= start < m.end and (
            re.fullmatch(r"(?:[Tt]he\s+)?", before)
            or (end == m.end and re.search(r"\sof\s+\d{4}$", m.text))
        ):
            return True
    return False


def _with_everyone(
    event: EventMention, sentence: Sentence, parsed: Any, actors: list[Mention]
) -> EventMention:
    """A sentence that tells one act, or a statement among others: everyone it names takes
    part in it, as a plain actor ("the death of a student, Anna Rell, who had been detained
    by police"; "X condemned Zembla's arrest of Y": whom a statement speaks of), but those
    of another clause ("..., while X did Y"; "fled to Vellia, where she founded Y"), the
    source of the report ("according to X") and a state named as a place ("near Zembla",
    where the act happened)."""
    at = event.trigger_start - sentence.start
    span = parsed.char_span(at, at + 1, alignment_mode="expand") if parsed is not None else None
    if not span:
        return event
    apart = [  # another clause, or the source of the report ("according to X (XO)")
        (sentence.start + parsed[i].idx, sentence.start + parsed[i].idx + len(parsed[i]))
        for i in other_clauses(span[0])
    ]
    named = {m.canonical for m in (*event.agents, *event.affected, *event.others)}
    named |= {m.canonical for m in reacting(span[0], sentence, actors)}  # "X condemned it"
    if event.place is not None:
        named.add(event.place.canonical)
    more = []
    for m in actors:
        before = sentence.text[: m.start - sentence.start]
        if m.canonical in named or SOURCE.search(before) or PLACE_BEFORE.search(before):
            continue
        if not any(a <= m.start < b for a, b in apart):
            named.add(m.canonical)
            more.append(m)
    return replace(event, others=(*event.others, *more)) if more else event


def _voiced_by_a_body(token: Any, sentence: Sentence, actors: list[Mention]) -> bool:
    """ "drawing protests from the UN agency", "the protests of Thailand": a body or a state
    that protests says so; a protest in the street is done by people."""
    if token is None or token.pos_ != "NOUN":
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            start = sentence.start + prep.idx + len(prep)
            end = sentence.start + prep.right_edge.idx + len(prep.right_edge)
            named = [m for m in actors if start <= m.start < end]
            if named and named[0].cls in ("Organization", "Country"):
                return True
    return False


def _supports(found: dict[str, Hit], parsed: Any) -> list[str]:
    """Classes whose trigger only carries another class's act: "signed a petition", "a
    petition signed by 11 million" are one petition, not also a signing of a treaty."""
    tokens = {cls: trigger_token(parsed, t) for cls, t in found.items()}
    others = {t.i: cls for cls, t in tokens.items() if t is not None}
    light = []
    for cls, token in tokens.items():
        if token is None or token.pos_ != "VERB" or cls == "Statement":
            continue  # "announced its departure": saying so is an act of its own
        carried = [c for c in token.children if c.dep_ in ("dobj", "attr")]
        if token.dep_ == "acl":
            carried.append(token.head)
        named = [others[c.i] for c in carried if others.get(c.i, cls) != cls]
        if named and getattr(found[cls], "by_object", False):
            light += named  # "filed an appeal": the verb with that object is the act
        elif named:
            light.append(cls)
    return sorted(set(light))


def _occasion_of_saying(found: dict[str, Hit], parsed: Any) -> bool:
    """ "At a press conference on May 3, the minister said ...": the gathering is where the
    statement was made, not a meeting of its own."""
    if "Meeting" not in found or "Statement" not in found:
        return False
    meeting, saying = (
        trigger_token(parsed, found["Meeting"]),
        trigger_token(parsed, found["Statement"]),
    )
    if meeting is None or saying is None or meeting.dep_ != "pobj":
        return False
    return meeting.head.lower_ in ("at", "during") and meeting.head.head.i == saying.i


def _reading_first(item: tuple[str, Hit]) -> tuple[bool, int]:
    return not getattr(item[1], "by_object", 0), item[1].start()


def _add(
    doc: Annotated,
    cls: str,
    trigger: Hit,
    sentence: Sentence,
    parsed: Any,
    actors: list[Mention],
    places: list[Mention],
    laws: list[Mention],
    dates: list[DateMention],
) -> None:
    at = sentence.start + trigger.start()
    token = trigger_token(parsed, trigger)
    # "according to X, police detained ...": X is the source of the report, not the doer
    actors = [m for m in actors if not source_of_another(sentence, m, at)]
    passive = _passive(token)
    agents, affected, reacting = from_parse(
        token,
        passive,
        cls in _DONE_TO,
        sentence,
        actors,
        by_order(sentence, trigger, actors, passive, cls in _GIVEN_TO),
    )
    if token is not None and token.tag_ == "VBN" and token.dep_ == "acl":
        # "the refugees deported from X": those the participle describes were acted on
        head = sentence.start + token.head.idx
        affected = [m for m in actors if m.start <= head < m.end]
    elif (
        cls in _DONE_TO
        and not _acts_on_an_object(token)
        and (described := _described_by(sentence, trigger, actors))
    ):
        agents, affected = [], [described]  # the same, where the parse missed it
    by_pronoun = pronoun_roles(doc, sentence.start, token, owner_undergoes(token, cls in _DONE_TO))
    agents, affected = agents or by_pronoun[0], affected or by_pronoun[1]
    if cls in _DONE_TO:  # "the 40 held after deporting them": done to them, not by them
        agents = [m for m in agents if m not in affected]
    if (
        not agents
        and token is not None
        and token.pos_ == "VERB"
        and not any(c.dep_ == "nsubj" for c in token.children)
    ):  # "(2) calls on ...", not "(1) condemns the crackdown": the crackdown is not its
        agents = list_lead(doc.document.text, doc.mentions, sentence)
    said = _said(occasion(token) or token, sentence.start) if cls == "Statement" else []
    affected = [m for m in affected if not any(a <= m.start < b for a, b in said)]
    date = date_of(dates, parsed, trigger)
    if cls in _NEEDS_PARTICIPANT and not (agents or affected or date or someone(token)):
        return  # "the repatriation issue": a topic, not something done to someone
    date = date or date_told(doc, cls, sentence, token)
    named = {id(m) for m in (*agents, *affected)}
    others = [
        m
        for m in in_clause(actors, token, sentence)
        if id(m) not in named
        and m not in reacting
        and not outside_frame(m, token, sentence)
        and not (cls == "Aid" and located_state(m, sentence))  # given in Chad: not Chad's
    ]
    chamber = chamber_of_step(doc, sentence) if cls == "LegalAction" else None
    if chamber is not None and all(
        m.canonical != chamber.canonical for m in (*agents, *affected, *others)
    ):
        others.append(chamber)  # "Ms. Vell introduced the following bill": in the Senate
    # a place of the trigger's own clause, else the state that acts at home, else any but
    # where a relative clause or the speaker's title tells ("X, which opened an office in
    # Doha, said"; "said Ana Vell, Middle East director at Y")
    places = [m for m in places if not elsewhere(m, agents, token, sentence)]
    own = [m for m in in_clause(places, token, sentence) if not origin(m, token, sentence)]
    own = places if cls == "Flight" else own  # a flight's is where it goes, in any clause
    dated = [m for m in places if cls == "Statement" and in_dateline(doc.document.text, m)]
    own += [m for m in dated if m not in own]  # "BANGKOK - X said": filed there
    place = (
        place_of(own, at, doc.document.text, cls)
        or home_state(cls, agents, doc.mentions, doc.document.text)
        or place_of(places, at, doc.document.text, cls)
    )
    doer_named = token is not None and any(c.dep_ == "agent" for c in token.children)
    state = (
        None
        if doer_named
        else acting_state(cls, agents, place, doc.mentions, doc.document.text, at)
    )
    # "officials in Vellistan detained them", "the Vellistani police": for their state
    state = state or home_state(cls, agents, doc.mentions, doc.document.text)
    if (
        state is not None
        and state not in reacting
        and all(m.canonical != state.canonical for m in (*agents, *affected, *others))
    ):
        others.append(state)  # "she was detained in Vell": by Vellistan's authorities
    doc.events.append(
        EventMention(
            cls=cls,
            trigger=trigger.group(),
            trigger_start=at,
            sentence=sentence,
            source="events",
            agents=tuple(agents),
            affected=tuple(affected),
            place=place,
            date=date,
            laws=own_bill(doc, cls, sentence)
            or acts_laws(cls, laws, token, sentence)
            or law_referred_to(doc, cls, sentence)
            or law_of_the_topic(doc, token),
            others=tuple(others),
        )
    )


# Acts that "to" names whom they are given to ("sent aid to the refugees", "granted asylum
# to 40 activists"), where for the others it names where they went.
_GIVEN_TO = frozenset({"Aid", "AsylumRequest"})


# Acts always done to someone: "nine migrants forcibly returned from Freedonia" tells
# what was done to the refugees even when the parse reads the participle as their verb.
_DONE_TO = frozenset({"Arrest", "Repatriation", "Punishment"})
_REDUCED_BEFORE = re.compile(r"^\s+(?:[a-z]+ly\s+)?$")
_REDUCED_AFTER = re.compile(r"^\s+(?:from|to|back|across|in|at|by|after|into)\b")


def _acts_on_an_object(token: Any) -> bool:
    """Does the parse give the verb a subject and an object ("police arrested at least 40
    activists"), so that it is no participle describing the name before it (which takes
    no object: "seven refugees forcibly returned from Zembla")?"""
    words = {c.dep_ for c in token.children} if token is not None else set()
    return {"nsubj", "dobj"} <= words


def _described_by(sentence: Sentence, trigger: Hit, actors: list[Mention]) -> Mention | None:
    """The group a past participle right after it describes: "<group> [adverb] <-ed verb>
    <preposition>", with no object after the verb."""
    if not trigger.group().lower().endswith("ed"):
        return None
    at = sentence.start + trigger.start()
    after = sentence.text[trigger.end() :]
    for m in actors:
        if m.cls == "Group" and m.end <= at:
            between = sentence.text[m.end - sentence.start : trigger.start()]
            if _REDUCED_BEFORE.match(between) and _REDUCED_AFTER.match(after):
                return m
    return None


def _said(token: Any, offset: int) -> list[tuple[int, int]]:
    """Where the words a speaker says lie: "said [the group would be deported to Laos]" is
    what was said, and Laos is not who it was said to."""
    if token is None:
        return []
    return [
        (offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge))
        for c in token.children
        if c.dep_ == "ccomp"
    ]


# Acts whose mention without anyone doing or suffering them, and without a date, is a
# topic ("the repatriation issue", "fear of punishment") rather than an event.
_NEEDS_PARTICIPANT = frozenset({"Repatriation", "Aid", "Punishment", "Flight", "Resettlement"})


def _passive(token: Any) -> bool | None:
    """Is the trigger a passive verb ("were arrested"), by the parse; None without one.
    "are repatriating" is not: the progressive's subject acts."""
    if token is None:
        return None
    if token.tag_ == "VBN" and token.dep_ == "acl":
        return True  # "the nine migrants expelled from Zembla": the migrants were expelled
    if any(c.dep_ == "agent" for c in token.children):
        # "was re-arrested by the police", however the parse hangs "was" or tags the verb
        return True
    words = {c.dep_ for c in token.children}
    if token.tag_ == "VBN" and "nsubj" in words and not words & {"aux", "auxpass"}:
        return True  # "we saw people beaten": a bare participle's subject undergoes it
    if token.tag_ == "VBN" and token.dep_ == "conj" and token.head.tag_ == "VBN":
        return _passive(token.head)  # "was convicted of fraud and jailed"
    return token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)

"""Where people live and come from, which body a person works for or leads, whom a
legislator represents, who sponsors a bill.

Read from the parse, not from windows of characters: the preposition that hangs on a
group's head noun ("refugees in Freedonia", "migrants from Ruritania and Zembla") or on a
verb of living in a clause about them ("families who live in Zembla"), so that a third
name in between does not mislead. Bills list their sponsors in one shape ("Ms. Brandvold
(for herself, Mr. Okonjo and Mrs. Tal) introduced the following bill"): the first is the
sponsor of the document's bill, the others cosponsors.
"""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.coref import antecedent
from reportgraph.extract.gazetteer import country_code, demonyms
from reportgraph.extract.patterns import PEOPLE_KINDS, relate
from reportgraph.extract.posts import DEPUTIES, post_relation
from reportgraph.extract.roles import prep_objects
from reportgraph.model import Annotated, Mention, Sentence

_PEOPLE = ("Group", "Person")
_WHERE = ("Country", "Place")
# prepositions on a group's noun and what each says of the place it introduces
_PREPOSITIONS = {"in": "livesIn", "inside": "livesIn", "within": "livesIn", "from": "citizenOf"}
_LIVING = frozenset("live reside stay shelter settle remain hide".split())
_SPONSORS = re.compile(
    r"\((?:for\s+(?:himself|herself|themselves)\b)(?P<list>[^()]{0,1500})\)\s+"
    r"(?:introduced|submitted|offered)\s+the\s+following\b",
)
_BILL = re.compile(r"\b(?:H|S)\.?\s?(?:R|RES|J|CON)?\b", re.IGNORECASE)


@component("affiliations", requires=["sentences", "mentions"], assigns=["relations"])
def affiliations(doc: Annotated) -> None:
    for i, sentence in enumerate(doc.sentences):
        if i < len(doc.parses):
            _whereabouts(doc, sentence, doc.parses[i])
            _workplaces(doc, sentence, doc.parses[i])
            _pronoun_homes(doc, sentence, doc.parses[i])
    _representatives(doc)
    _sponsors(doc)
    _based(doc)


def _relate(doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence) -> None:
    relate(doc, s, predicate, o, sentence, "affiliations")


def _whereabouts(doc: Annotated, sentence: Sentence, parsed: Any) -> None:
    """A group "in" a place lives there; a group "from" a state, or "of" one, is of it."""
    inside = doc.mentions_in(sentence)
    places = [m for m in inside if m.cls in _WHERE and not m.metonym]
    for group in (m for m in inside if m.cls in _PEOPLE):
        head = _head(parsed, sentence, group)
        if head is None:
            continue
        hangers = [c for c in head.children if c.dep_ == "prep"]
        for clause in head.children:  # "families who live in X", "refugees living in X"
            if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in _LIVING:
                hangers += [c for c in clause.children if c.dep_ == "prep"]
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in _LIVING:
            hangers += [c for c in head.head.children if c.dep_ == "prep"]  # "X live in Y"
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            # "the Zembans are an ethnic minority in Vell": what they are, and where
            for attr in (c for c in head.head.children if c.dep_ == "attr"):
                if attr.lemma_.lower() in PEOPLE_KINDS:
                    hangers += [c for c in attr.children if c.dep_ == "prep" and c.lower_ != "of"]
        if head.conjuncts and head.conjuncts[-1].i > head.i:
            # "refugees and host families in Zembla": the place ends the whole list
            hangers += [
                c for c in head.conjuncts[-1].children if c.dep_ == "prep" and c.lower_ == "in"
            ]
        for prep in hangers:
            word = prep.lower_
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for target in (obj, *obj.conjuncts):
                    place = _covering(places, sentence.start + target.idx)
                    if place is None:
                        continue
                    if word == "of" and place.cls == "Country" and group.cls == "Group":
                        _relate(doc, group, "citizenOf", place, sentence)  # "nationals of X"
                    elif word in _PREPOSITIONS:
                        predicate = _PREPOSITIONS[word]
                        if predicate == "citizenOf" and place.cls != "Country":
                            predicate = "livesIn" if group.cls == "Group" else ""
                        if predicate == "citizenOf" and _of_another_state(group, place):
                            predicate = ""  # "the expulsion of Vellans from Zembla"
                        if predicate:
                            _relate(doc, group, predicate, place, sentence)


def _of_another_state(group: Mention, state: Mention) -> bool:
    """Does the group's own name say it is of a state other than ``state`` ("Vellans",
    "Zemban migrants")?"""
    codes = {demonyms().get(w.rstrip("s")) or demonyms().get(w) for w in group.text.split()}
    codes.discard(None)
    return bool(codes) and country_code(state.canonical) not in codes


def _pronoun_homes(doc: Annotated, sentence: Sentence, parsed: Any) -> None:
    """Where "he", "she" or "they" live, for the person or group named before ("Ana
    Vell fled in 2019. She now lives in Warsaw.")."""
    places = [m for m in doc.mentions_in(sentence) if m.cls in _WHERE and not m.metonym]
    for verb in (t for t in parsed if t.lemma_.lower() in _LIVING):
        doer = verb.head if verb.dep_ == "conj" and not _subject(verb) else verb
        pronouns = [
            c for c in _subject(doer) if c.lower_ in _PRONOUNS
        ]  # "She was ... and has lived"
        for pronoun in pronouns:
            cls = "Group" if pronoun.lower_ == "they" else "Person"
            who = antecedent(doc, sentence.start + pronoun.idx, cls, pronoun.lower_)
            for obj in prep_objects(verb, ("in",)) if who is not None else ():
                place = _covering(places, sentence.start + obj.idx)
                if place is not None:
                    _relate(doc, who, "livesIn", place, sentence)


_PRONOUNS = frozenset({"he", "she", "they"})


def _subject(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ == "nsubj"]


_A_BODY_FROM = re.compile(r"\s*,\s+(?:an?|the)\s+")


def _based(doc: Annotated) -> None:
    """A body and where it is based, said in apposition after its name ("the Committee,
    a Vellport-based press freedom group")."""
    text = doc.document.text
    places = {m.start: m for m in doc.mentions if m.cls in ("Place", "Country")}
    for body in (m for m in doc.mentions if m.cls in ("Organization", "Group")):
        after = _A_BODY_FROM.match(text, body.end)
        place = places.get(after.end()) if after else None
        if place is None or not text.startswith("-based", place.end):
            continue
        sentence = next((s for s in doc.sentences if s.start <= body.start < s.end), None)
        if sentence is not None:  # a name outside every sentence (a lone line) relates nothing
            _relate(doc, body, "basedIn", place, sentence)


_OF_A_BODY = frozenset("of at for with from".split())
_WORKING = frozenset("work serve volunteer".split())
_LEADING = frozenset("lead head chair direct found run".split())
_STATUS = {"citizen": "citizenOf", "national": "citizenOf", "resident": "livesIn"}


def _workplaces(doc: Annotated, sentence: Sentence, parsed: Any) -> None:
    """A person and the body they work for, read from the parse: "Ana Vell of the Zemban
    Council", "Ana Vell, a researcher at the Council" (its director leads it), "Ana Vell,
    who works for the Council", "Ana Vell heads (joined) the Council"."""
    inside = doc.mentions_in(sentence)
    bodies = [m for m in inside if m.cls == "Organization"]
    states = [m for m in inside if m.cls == "Country"]
    people = [(m, _head(parsed, sentence, m)) for m in inside if m.cls == "Person"]
    for word in parsed:  # "She is a member of the Council": the person named before
        if word.dep_ == "nsubj" and word.lower_ in ("he", "she"):
            who = antecedent(doc, sentence.start + word.idx, "Person", word.lower_)
            people += [(who, word)] if who is not None else []
    for person, head in people:
        if head is None:
            continue
        for role in _roles(head):  # "Ana Vell, a citizen of Zembla", "... is a resident of"
            predicate = _STATUS.get(role.lemma_.lower(), "")
            for obj in prep_objects(role, ("of",)) if predicate else ():
                state = _covering(states, sentence.start + obj.idx)
                if state is not None:
                    _relate(doc, person, predicate, state, sentence)
        for word, predicate in _bodies_of(head):
            for obj in word:
                body = _covering(bodies, sentence.start + obj.idx)
                if body is None or any(
                    (r.subject.canonical, r.object.canonical) == (person.canonical, body.canonical)
                    for r in doc.relations
                ):
                    continue  # "director of the Council": read by the relation rules already
                _relate(doc, person, predicate, body, sentence)


def _bodies_of(head: Any) -> list[tuple[list[Any], str]]:
    """(the words that may name a body, the relation to it) around a person's name."""
    found: list[tuple[list[Any], str]] = []
    found.append((prep_objects(head, ("of", "from")), "memberOf"))  # "Ana Vell of the Council"
    for role in _roles(head):
        # "deputy director", "deputy Asia director": a member, not the leader
        deputy = any(c.lower_ in DEPUTIES for c in role.subtree if c.i < role.i)
        predicate = post_relation(role.lemma_, deputy)  # "spokesman for": speaks for it
        objects = prep_objects(role, _OF_A_BODY)
        objects += [o for p in objects for o in prep_objects(p, ("at", "with", "for"))]
        # "a reporter for the newspaper Vell Daily": the name set beside the common noun
        objects += [c for o in objects for c in o.children if c.dep_ == "appos"]
        # "Vell Watch's deputy director": the body that owns the post
        objects += [c for c in role.children if c.dep_ == "poss"]
        found.append((objects, predicate))  # "a researcher at the Council", "an expert on Y at"
    verbs = [c for c in head.children if c.dep_ == "relcl"]  # "who works for the Council"
    subject = head.head if head.dep_ == "appos" else head  # "her brother, Ana Vell, heads"
    if subject.dep_ == "nsubj":
        verbs.append(subject.head)  # "Ana Vell heads the Council"
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in _WORKING:
            found.append((prep_objects(verb, ("for", "at", "with")), "memberOf"))
        elif lemma in _LEADING or lemma == "join":
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            found.append((objects, "leaderOf" if lemma in _LEADING else "memberOf"))
    return found


def _roles(head: Any) -> list[Any]:
    """What a person's name is said to be: in apposition ("Ana Vell, a journalist at", "a
    journalist at ..., Ana Vell") or after "is" ("Ana Vell is a journalist at", "her
    brother, Tomas Vell, is")."""
    roles = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        roles.append(head.head)  # "a spokesman for the Ministry, Ana Vell,"
    subject = head.head if head.dep_ == "appos" else head
    if subject.dep_ == "nsubj" and subject.head.lemma_ == "be":
        roles += [c for c in subject.head.children if c.dep_ == "attr"]
    return roles


def _head(parsed: Any, sentence: Sentence, m: Mention) -> Any:
    span = parsed.char_span(
        m.start - sentence.start, m.end - sentence.start, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None


def _covering(mentions: list[Mention], at: int) -> Mention | None:
    found = [m for m in mentions if m.start <= at < m.end]
    return min(found, key=lambda m: m.end - m.start) if found else None


def _representatives(doc: Annotated) -> None:
    """ "Mr. Okonjo of Zembla": a legislator named with the state that elected them."""
    text = doc.document.text
    for person in (m for m in doc.mentions if m.cls == "Person"):
        if not re.match(r"(?:Mr|Mrs|Ms|Dr)\.", person.text):
            continue
        after = re.match(r"\s+of\s+", text[person.end : person.end + 6])
        if after is None:
            continue
        at = person.end + after.end()
        place = next((m for m in doc.mentions if m.start == at and m.cls in _WHERE), None)
        sentence = next((s for s in doc.sentences if s.start <= person.start < s.end), None)
        if place is not None and sentence is not None:
            _relate(doc, person, "represents", place, sentence)


def _sponsors(doc: Annotated) -> None:
    """The person before "(for himself, A, B) introduced the following bill" sponsors the
    document's bill; A and B cosponsor it. The bill is the first numbered bill named."""
    text = doc.document.text
    bills = [m for m in doc.mentions if m.cls == "Law" and _BILL.match(m.text)]
    if not bills:
        return
    bill = bills[0]
    persons = [m for m in doc.mentions if m.cls == "Person"]
    for found in _SPONSORS.finditer(text):
        before = [p for p in persons if p.end <= found.start() and found.start() - p.end <= 30]
        listed = [p for p in persons if found.start("list") <= p.start < found.end("list")]
        sentence = next((s for s in doc.sentences if s.start <= found.start() < s.end), None)
        if sentence is None:
            continue
        if before:
            _relate(doc, before[-1], "sponsored", bill, sentence)
        for p in listed:
            _relate(doc, p, "cosponsored", bill, sentence)

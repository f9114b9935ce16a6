"""Who "he", "she", "they", "I" and "we" are: the person, or the group, named last before
them; the person a text's byline names.

Reports name a person once and go on with pronouns ("Ana Vell fled in May. She was
arrested in June."); an act told with a pronoun is still an act on that person. "They"
is taken for the last group named ("Forty refugees crossed. They were detained."), never
for a state or a body, which reports rarely call "they" in the same paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.patterns import add
from reportgraph.model import Annotated, EventMention, Mention, Sentence

_HE_SHE = frozenset({"he", "she", "him", "her"})
_PERSONAL_PRONOUNS = _HE_SHE | {"they", "them"}
_OWNERS = {"his": ("he", "Person"), "her": ("she", "Person")}
_FIRST_PERSON = frozenset({"i", "me", "we", "us"})
HEADER = 1000  # characters at the top of a text where its byline stands
REACH = 600  # characters back a pronoun may look for its person: about a paragraph


def pronoun_roles(
    doc: Annotated, offset: int, token: Any, done_to: bool = False
) -> tuple[list[Mention], list[Mention]]:
    """The people the trigger's pronoun subject and object stand for, as (agents,
    affected): "she was arrested" makes her affected, "he fled" an agent; and the owner
    of a noun ("her detention": affected when the act is ``done_to`` someone, "his
    statement": an agent). Not "their": which group it stands for is too often wrong."""
    agents: list[Mention] = []
    affected: list[Mention] = []
    if token is None:
        return agents, affected
    ordered = _ordered(token)  # "ordered her held": she is held, the order done to her
    for child in (*token.children, *_shared_subjects(token), *ordered):
        dep = "dobj" if child in ordered else child.dep_
        if dep == "poss" and token.pos_ == "NOUN" and child.lower_ in _OWNERS:
            pronoun, kind = _OWNERS[child.lower_]
            person = antecedent(doc, offset + child.idx, kind, pronoun=pronoun)
            if person is not None:
                (affected if done_to else agents).append(person)
            continue
        if dep not in ("nsubj", "nsubjpass", "dobj"):
            continue
        part = _part_of_them(child)  # "many of them were detained": some of that group
        if part is not None:
            person = antecedent(doc, offset + part.idx, "Group")
        elif child.lower_ in _HE_SHE:
            person = antecedent(doc, offset + child.idx, pronoun=child.lower_)
            person = _office_instead(doc, offset + child.idx, person)
            if dep == "nsubj":  # "his colleague, Ana Vell, fled to X, where she applied"
                person = _main_person(doc, offset, token, child.lower_) or person
        elif child.lower_ in _FIRST_PERSON:  # but inside a quotation, whoever is quoted
            person = None if quoted(doc.document.text, offset + child.idx) else speaker(doc)
        elif child.lower_ == "it":
            person = topic(doc)  # "Operation Vell is a ... It was launched in 2014"
            if person is None and dep == "nsubj" and child.i == 0:
                person = body_before(doc, offset)  # "The Court found ... It ordered"
        elif child.lower_ in ("they", "them"):
            person = antecedent(doc, offset + child.idx, "Group")
            if dep == "nsubj" and child.i == 0:
                # "The experts noted ... They called on ...": the last sentence's subject
                person = _subject_before(doc, offset, person)
            elif dep == "nsubj":
                # "families of the dead fled to Chad, where they applied": the main subject
                person = _main_subject(doc, offset, token) or person
        else:
            continue
        if dep == "dobj" and person is not None:
            person = _not_the_subject(doc, offset, token, child, person)
        if person is not None:
            (agents if dep == "nsubj" else affected).append(person)
    return agents, affected


_SOME = frozenset("many most some several all few none dozens hundreds thousands".split())


def _part_of_them(word: Any) -> Any | None:
    """The "them" of "many of them", "some of them", "two of them"; the word itself when
    it alone undergoes the act ("several were beaten": some of those named before)."""
    if word.lower_ not in _SOME and (word.pos_ != "NUM" or word.lower_ == "one"):
        return None
    if word.dep_ == "nsubjpass" and not list(word.children):
        return word
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found = [o for o in prep.children if o.dep_ == "pobj" and o.lower_ == "them"]
            if found:
                return found[0]
    return None


def _not_the_subject(
    doc: Annotated, offset: int, verb: Any, pronoun: Any, found: Mention
) -> Mention | None:
    """Whom an object pronoun stands for when the one found is its verb's subject: "the
    prosecutors accused them" are not the prosecutors (that would be "themselves"), but
    those named before the subject."""
    spans = [
        (offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge))
        for c in verb.children
        if c.dep_ == "nsubj"
    ]
    start = next((a for a, b in spans if a <= found.start < b), None)
    if start is None:
        return found
    if pronoun.lower_ in ("they", "them"):
        return antecedent(doc, start, "Group")
    return antecedent(doc, start, pronoun=pronoun.lower_)


def _office_instead(doc: Annotated, at: int, person: Mention | None) -> Mention | None:
    """An office named without its holder ("The Secretary-General condemns ... He calls
    on"), named after the person found, or with none found, is whom "he" or "she" means."""
    offices = [m for m in doc.mentions if m.source == "offices" and at - REACH <= m.start < at]
    office = max(offices, key=lambda m: m.start) if offices else None
    if office is not None and (person is None or person.start < office.start):
        return office
    return person


def _sentence_before(doc: Annotated, offset: int) -> tuple[Sentence, Any] | None:
    """The sentence before the one at ``offset``, with its parse; None for the first."""
    index = next((i for i, s in enumerate(doc.sentences) if s.start == offset), 0)
    if index == 0 or index > len(doc.parses):
        return None
    return doc.sentences[index - 1], doc.parses[index - 1]


def _subject_before(doc: Annotated, offset: int, found: Mention | None) -> Mention | None:
    """What "They" opening the sentence at ``offset`` stands for: the plural subject of
    the sentence before, when it has one: the group that names it, or no one when no
    group does ("The experts noted ..."); else ``found``."""
    previous = _sentence_before(doc, offset)
    if previous is None:
        return found
    before, parsed = previous
    subjects = [
        t for t in parsed if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.tag_ == "NNS"
    ]
    if not subjects:
        return found
    head = subjects[0]
    start = before.start + head.left_edge.idx
    end = before.start + head.idx + len(head.text)
    named = [m for m in doc.mentions if m.cls == "Group" and start <= m.start < end]
    return named[-1] if named else None


def body_before(doc: Annotated, offset: int) -> Mention | None:
    """What "It" opening the sentence at ``offset`` does for: the body or state that is
    the subject of the sentence before ("The Court found ... It ordered Zembla to pay")."""
    previous = _sentence_before(doc, offset)
    if previous is None:
        return None
    before, parsed = previous
    for t in parsed:
        if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
            at = before.start + t.idx
            named = [m for m in doc.mentions if m.start <= at < m.end]
            bodies = [m for m in named if m.cls in ("Organization", "Country")]
            return bodies[0] if bodies and len(named) == len(bodies) else None
    return None


def _main_subject(doc: Annotated, offset: int, verb: Any) -> Mention | None:
    """The group that is the subject of the sentence's main verb, when ``verb`` is in a
    clause under it."""
    root = verb.sent.root
    if root.i == verb.i:
        return None
    for subject in (c for c in root.children if c.dep_ == "nsubj" and c.tag_ == "NNS"):
        at = offset + subject.idx
        named = [m for m in doc.mentions if m.cls == "Group" and m.start <= at < m.end]
        if named:
            return named[0]
    return None


def _main_person(doc: Annotated, offset: int, verb: Any, pronoun: str) -> Mention | None:
    """The person the main verb's subject names (or its apposition: "his colleague, the
    reporter Ana Vell"), when ``verb`` is in a relative or adverbial clause under it."""
    root = verb.sent.root
    between = [a for a in verb.ancestors if a.i != root.i]
    if root.i == verb.i or any(a.dep_ == "ccomp" for a in (verb, *between)):
        return None  # "Ana Vell said he was held": reported speech, anyone
    other = "female" if pronoun == "he" else "male"
    for subject in (c for c in root.children if c.dep_ == "nsubj"):
        words = [subject, *(t for t in subject.subtree if t.dep_ == "appos")]
        for m in doc.mentions:
            inside = any(m.start <= offset + w.idx < m.end for w in words)
            if inside and m.cls == "Person" and _sex(doc.document.text, m) != other:
                return m
    return None


def speaker(doc: Annotated) -> Mention | None:
    """Who says "I" and "we" in a text: the person its header names on a line of their own
    ("Ana Vell" over a testimony, "8/20/2022  Ana Vell, Department Spokesperson"); not a
    byline's reporter ("By Ana Vell | Vell Wire")."""
    text = doc.document.text
    for m in sorted(doc.mentions, key=lambda m: m.start):
        if m.start > HEADER:
            break
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if m.cls == "Person" and len(line.split()) <= 12 and not line.rstrip().endswith("."):
            return None if re.match(r"\s*[Bb][Yy]\s", line) else m
    return None


def quoted(text: str, at: int) -> bool:
    """Is the offset inside a quotation of its paragraph?"""
    start = text.rfind("\n\n", 0, at) + 1
    before = text[start:at]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


# "Operation Vell (Chinese: ...) is a global operation of ...": an article's first line
_DEFINED = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:is|was)\s+(?:an?|the)\s")


def topic(doc: Annotated) -> Mention | None:
    """What an encyclopedia article is about, when it is a law, a campaign or a body: the
    name its first sentence opens with and defines ("X is a global operation of ...")."""
    text = doc.document.text
    for sentence in doc.sentences[:4]:
        opening = [m for m in doc.mentions if m.start == sentence.start]
        if opening and _DEFINED.match(text, opening[0].end):
            return opening[0] if opening[0].cls in ("Law", "Organization") else None
    return None


def _shared_subjects(token: Any) -> list[Any]:
    """The subject a verb shares with the verb it is joined to ("she was convicted of
    fraud and jailed"), when it has none of its own; the parse may hang it a few words
    away, so a few heads up are looked at."""
    if token.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return []
    head = token.head
    for _ in range(3):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
        if head.head.i == head.i:
            break
        head = head.head
    return []


def antecedent(doc: Annotated, at: int, cls: str = "Person", pronoun: str = "") -> Mention | None:
    """The person (or group) named last before ``at``, within ``REACH`` characters; for
    "he" or "she", not one the text calls by the other's title or kin ("his wife, Ana
    Vell": not "he"), nor a quotation's speaker or a byline's author; and the person the
    report keeps naming over one named once just before."""
    text = doc.document.text
    people = [
        m
        for m in doc.mentions
        if m.cls == cls and at - REACH <= m.start < at and not _BYLINE.match(_line(text, m.start))
    ]
    if pronoun and _quoted(text, at):  # who speaks a quotation says "I" in it, not "she"
        people = [m for m in people if not _speaks(text, m)]
    other = {"he": "female", "him": "female", "she": "male", "her": "male"}.get(pronoun)
    if other:
        people = [m for m in people if _sex(doc.document.text, m) != other]
    if not people:
        return None
    last = max(people, key=lambda m: m.start)
    if pronoun in (*_HE_SHE, "his") and cls == "Person":
        # "Ana Vell ... (five times) ... her lawyer, Tomas Rell, said he is held": a person
        # named once is less likely whom "he" speaks of than the one the report is about
        count = Counter(m.canonical for m in doc.mentions if m.cls == cls and m.start < at)
        # the person a report opens on (a profile's subject) needs to be named twice only,
        # and may be named further back than the others
        named = [
            m
            for m in doc.mentions
            if m.cls == cls and m.start < at and not _BYLINE.match(_line(text, m.start))
        ]
        first = min(named, key=lambda m: m.start)
        if other is None or _sex(text, first) != other:
            people = [*people, first]
        salient = max(people, key=lambda m: (count[m.canonical], m.start))
        enough = 2 if salient.canonical == first.canonical else 3
        if count[last.canonical] == 1 and count[salient.canonical] >= enough:
            return salient
    return last


_SAYS = r"(?:said|says|added|adds|told|stated|noted|explained|warned|wrote)"
_SAID_BEFORE = re.compile(rf"[\u201d\"]\s*,?\s*{_SAYS}\s+(?:the\s+)?$")
_SAYS_AFTER = re.compile(rf"\s*{_SAYS}\s*[,:]?\s*[\u201c\"]")


_BYLINE = re.compile(r"\s*(?:By|BY|by)\s")  # "By Ana Vell": who wrote it, not of whom


def _line(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1 : at]


def _quoted(text: str, at: int) -> bool:
    """Is ``at`` inside a quotation of its paragraph?"""
    start = max(text.rfind("\n\n", 0, at), at - REACH, 0)
    before = text[start:at]
    if before.rfind("\u201c") > before.rfind("\u201d"):
        return True
    return before.count('"') % 2 == 1


def _speaks(text: str, m: Mention) -> bool:
    """Is the name who speaks a quotation ('," said Ana Vell', 'Ana Vell said: "')?"""
    return bool(
        _SAID_BEFORE.search(text, max(0, m.start - 30), m.start) or _SAYS_AFTER.match(text, m.end)
    )


# Titles and kin that say whether the person they stand before is a man or a woman.
_FEMALE = frozenset(
    "ms ms. mrs mrs. miss madam wife mother daughter sister widow woman girl grandmother "
    "aunt niece queen".split()
)
_MALE = frozenset(
    "mr mr. husband father son brother widower man boy grandfather uncle nephew king".split()
)


def _sex(text: str, m: Mention) -> str:
    """'female' or 'male' by the word before the name ("Mrs. Vell", "his wife, the
    lawyer Ana Vell", "her son Tomas"), '' when no word says it."""
    before = text[max(0, m.start - 40) : m.start].lower().replace(",", " ").split()
    for word in reversed(before[-4:]):
        if word in _FEMALE:
            return "female"
        if word in _MALE:
            return "male"
    head = m.text.split()[0].lower() if m.text.split() else ""
    return "female" if head in _FEMALE else "male" if head in _MALE else ""


def spoken_of(doc: Annotated, event: EventMention, sentence: Sentence, parsed: Any) -> EventMention:
    """A person a sentence speaks of by "his" or "her" ("calling for his release") takes
    part in its act, as it would named."""
    if parsed is None:
        return event
    named = {m.canonical for m in (*event.agents, *event.affected, *event.others)}
    more: list[Mention] = []
    for token in parsed:
        if token.tag_ != "PRP$" or token.lower_ not in ("his", "her"):
            continue
        person = antecedent(doc, sentence.start + token.idx, "Person", token.lower_)
        if person is not None and person.canonical not in named:
            named.add(person.canonical)
            more.append(person)
    return replace(event, others=(*event.others, *more)) if more else event


_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")


@component("publisher", requires=["mentions"], assigns=["mentions"])
def publisher(doc: Annotated) -> None:
    """In a report whose publisher calls itself "we", "we" and "our" are the publisher
    (outside quotes, which carry other voices): "our shelters in Laos" are the publisher's."""
    name = doc.document.publisher
    text = doc.document.text
    if not name or not re.search(rf"\b[Ww]e,?\s+(?:at\s+)?(?:the\s+)?{re.escape(name)}", text):
        return  # only a publisher that names itself as "we" ("We at ...", "we, the ...")
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
    for m in _WE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted) or m.group() == "US":
            continue
        add(doc, m.start(), m.end(), "Organization", "publisher", name=name)


# nouns of legal acts that their owner undergoes: "her trial", "his conviction"
TRIED = frozenset("trial retrial conviction acquittal sentencing".split())


def owner_undergoes(token: Any, done_to: bool) -> bool:
    """Does the owner of the act's noun undergo it ("her detention", "his trial")?"""
    return done_to or (token is not None and token.lemma_.lower() in TRIED)


def owned_by_him_or_her(token: Any) -> bool:
    """Is the act's noun owned by "his" or "her", whom coreference reads apart?"""
    return (
        token is not None
        and token.pos_ == "NOUN"
        and any(c.dep_ == "poss" and c.lower_ in _OWNERS for c in token.children)
    )


def _ordered(token: Any) -> list[Any]:
    """The personal pronoun a verb orders into a state ("ordered her held", "wanted them
    deported"): the subject of its past participle, the one the order is done to."""
    return [
        g
        for c in token.children
        if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBN"
        for g in c.children
        if g.dep_ == "nsubj" and g.lower_ in _PERSONAL_PRONOUNS
    ]

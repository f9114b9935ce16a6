"""Groups of people read from the parse: a noun phrase whose head noun denotes people.

The regular expressions of ``actors.groups`` know nationalities and a few role nouns.
Reports speak of many more collectives ("asylum seekers", "local aid groups",
"political prisoners", "more than 40 migrants"): any noun phrase whose head is a people
noun in the plural, or a collective noun ("family", "tribe"), names a group. Which nouns
those are is data (``data/people_nouns.txt``); this module only reads the parse: the head
noun, its left modifiers, and each conjunct as its own group ("migrants and asylum
seekers" are two groups).

A mention's text is the whole phrase as written ("several human rights defenders"); its
name drops the words that only say how many or which of them ("several", "these",
"their", "other"), and keeps counts and qualifiers ("more than 40 migrants", "political
prisoners"), so that both forms name the group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.groups import population_name
from reportgraph.extract.groupstart import QUANTITY_NOUNS, phrase_start
from reportgraph.extract.qualifiers import body_after, place_after
from reportgraph.extract.triggers import lexicon
from reportgraph.model import Annotated, Mention

LEXICON = "people_nouns.txt"
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Leading words that say how many or which, not who: dropped from a group's name.
_QUANTIFIERS = frozenset(
    "the a an all some many several these those this that any each every both such other"
    " others various numerous most few certain no his her their its our my your whose"
    " further additional own so respective following relevant aforementioned".split()
)
# Modifiers that make a head a generic reference, not a delimited group ("the other people").
_EMPTY_MODIFIERS = _QUANTIFIERS | frozenset({"'s", "\u2019s", "-", "more", "fewer", "than"})


@dataclass(frozen=True)
class PeopleNoun:
    """One lexicon line: the head lemma, the modifier lemmas it needs before it, whether it
    names a group alone, and whether one of it is already a group."""

    head: str
    before: tuple[str, ...] = ()
    qualified: bool = False
    collective: bool = False
    cls: str = "Group"  # "=Organization" on the line: a body of the state, not a people


@cache
def _lexicon_lines() -> tuple[tuple[str, ...], ...]:
    text = files("reportgraph").joinpath("data", LEXICON).read_text(encoding="utf-8")
    lines = (tuple(line.split("#", 1)[0].split()) for line in text.splitlines())
    return tuple(words for words in lines if words)


_COUNT = re.compile(
    r"(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Dozens|Hundreds|Thousands)\s+"
)


def people_of(text: str) -> int:
    """How many characters of a count, or of a people noun and its "of", open a body's
    name ("Five Vell Union members", "Activists of the Vell Front": the body follows)."""
    count = _COUNT.match(text)
    if count:
        return count.end()
    found = re.match(r"([A-Z][a-z]+)\s+of\s+(?:the\s+)?", text)
    if not found:
        return 0
    word = found.group(1).lower()  # not "Members of": actors reads those (_MEMBERS_OF)
    plural = word.endswith("s") and word != "members"
    return found.end() if plural and word[:-1] in people_nouns() else 0


@cache
def not_groups() -> frozenset[tuple[str, ...]]:
    """Phrases (lemmas) whose head is a people noun but that name no group of people
    ("international community": the states of the world); lexicon lines starting "!"."""
    return frozenset(
        tuple(w.lower() for w in words[1:]) for words in _lexicon_lines() if words[0] == "!"
    )


@cache
def people_nouns() -> dict[str, tuple[PeopleNoun, ...]]:
    """The lexicon, by head lemma; read once from the package's data file."""
    out: dict[str, list[PeopleNoun]] = {}
    for words in _lexicon_lines():
        if words[0] == "!":
            continue
        flags = {w for w in words if w in ("+", "*") or w.startswith("=")}
        lemmas = [w.lower() for w in words if w not in flags]
        if not lemmas:
            continue
        cls = next((w[1:] for w in flags if w.startswith("=")), "Group")
        entry = PeopleNoun(lemmas[-1], tuple(lemmas[:-1]), "+" in flags, "*" in flags, cls)
        out.setdefault(entry.head, []).append(entry)
    # longer entries first: "security force" before a bare "force"
    return {h: tuple(sorted(es, key=lambda e: -len(e.before))) for h, es in out.items()}


def _lemma(token: Any) -> str:
    if token.lower_ in people_nouns():
        return str(token.lower_)  # "media", which the model reads as a plural of "medium"
    lemma = str(token.lemma_).lower()
    if token.tag_ in _PLURAL_TAGS and lemma == token.lower_ and lemma.endswith("s"):
        lemma = lemma[:-1]  # a proper-noun plural the model leaves as it is
    return lemma


def _entry(head: Any) -> PeopleNoun | None:
    """The lexicon line that ``head`` fits, with its modifiers, number and case."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ == "compound":
        return None  # "refugee camps": a people noun that only modifies another noun
    lemma = _lemma(head)
    for phrase in not_groups():
        if (
            phrase[-1] == lemma
            and tuple(_lemma(t) for t in head.doc[max(0, head.i - len(phrase) + 1) : head.i + 1])
            == phrase
        ):
            return None
    for entry in people_nouns().get(lemma, ()):
        if entry.before:
            lefts = [_lemma(t) for t in head.doc[max(0, head.i - len(entry.before)) : head.i]]
            if tuple(lefts) != entry.before:
                continue
        if head.tag_ in _PLURAL_TAGS or entry.collective:
            return entry
    return None


def _name_start(doc: Any, first: int, head: int) -> int:
    """Where the name begins: after the words that say how many or which of them."""
    i = first
    while i < head:
        word = doc[i].lower_
        if word in _QUANTIFIERS and not (word == "no" and doc[i + 1].like_num):
            i += 1
        elif (
            doc[i].pos_ == "ADV"
            and not doc[i + 1].like_num
            and doc[i + 1].dep_ != "quantmod"
            and doc[i + 1].lower_ not in ("least", "most")  # "at least 46": a count
        ):
            i += 1  # "especially women", "mostly Muslim": a manner of speaking, not a name
        elif doc[i].tag_ == "PRP$" or doc[i].dep_ == "case":
            i += 1
        elif word == "as" and i > first and doc[i - 1].lower_ in ("many", "much", "few"):
            i += 1  # "as many as 13,000 people": 13,000 people
        else:
            break
    return i


def _qualified(doc: Any, start: int, head: int) -> bool:
    """Does a word before the head say which people these are (a count, a quality, a
    nationality), beyond what only points or counts vaguely?"""
    return any(doc[i].lower_ not in _EMPTY_MODIFIERS for i in range(start, head))


def _counted_only(doc: Any, start: int, head: int) -> bool:
    """Do only a count and the words around it ("more than 60") say which people?"""
    words = [t for t in doc[start:head] if t.lower_ not in _EMPTY_MODIFIERS]
    return bool(words) and all(
        t.like_num or t.ent_type_ == "CARDINAL" or t.lower_ in QUANTITY_NOUNS or t.lower_ == "of"
        for t in words
    )


def _covered(doc: Annotated, start: int, end: int) -> bool:
    """Is the stretch inside, or across, a name read before ("Committee to Protect
    Journalists")? Then it is part of that name, not a group of its own."""
    return any(m.start < end and start < m.end for m in doc.mentions)


# Words that point at people already known: "the hostages", "their relatives".
_DEFINITE = frozenset("the these those both his her their its our my your".split())
_COUNTED = re.compile(
    r"^(?:\S+ ){0,2}?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|dozens|hundreds|thousands|millions|tens)\b)",
    re.I,
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class _Found:
    """A phrase found in one sentence, before the document's phrases are compared."""

    start: int
    end: int
    name: str
    head: str  # the head's lemma
    qualified: bool  # a word before the head says which people
    definite: bool  # "the", "these", a possessive: people the text spoke of
    subject: bool  # the subject of its verb
    cls: str = "Group"
    phrase_end: int = 0  # where the whole noun phrase ends, when after ``end``
    described: int = 0  # where the words after the head that name it end ("people affected by ...")
    coordination: str = ""  # the list it ends, as one name ("students and journalists")


def _in_brackets(parsed: Any, i: int) -> bool:
    """Is token ``i`` inside parentheses ("eleven children (six boys and five girls)")?
    What a bracket adds tells what a group consists of, not another group."""
    depth = 0
    for t in parsed[:i]:
        depth += t.text == "("
        depth -= t.text == ")" and depth > 0
    return depth > 0


def _a_people(head: Any) -> bool:
    """A people named by its own plural ("the Freedonians", "Zoroastrians") or counted
    ("some 9,000 Freedonian"): the model calls it a nationality, religion or people."""
    if head.ent_type_ != "NORP" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ in ("compound", "amod") or not head.text[:1].isupper():
        return False
    plural = head.text.endswith("s") and not head.text.endswith("ss")
    return plural or any(c.dep_ == "nummod" for c in head.lefts)


def _acting(head: Any) -> bool:
    """Is the noun who acts in its clause: its subject, or the agent of a passive
    ("exploited by smugglers")?"""
    if head.dep_ in _SUBJECTS:
        return True
    return head.dep_ == "pobj" and head.head.dep_ == "agent"


_PHRASE_BREAKS = frozenset(',;:()[]\u2013\u2014"\u201c\u201d')
_MAX_PHRASE = 12  # words after the head a phrase may run on


def _phrase_end(parsed: Any, head: Any, offset: int, end: int) -> int:
    """Where the head's whole noun phrase ends: what follows it and says which ones
    ("travelers to the border", "families who fled in May"), up to a comma or bracket;
    0 when nothing follows it or it runs on too long to be a name."""
    last = head.right_edge.i
    if last <= head.i or last - head.i > _MAX_PHRASE:
        return 0
    for t in parsed[head.i + 1 : last + 1]:
        if t.text in _PHRASE_BREAKS or t.dep_ == "cc":
            return 0  # "rebels and the civilian population": two groups, not one name
    stop = offset + parsed[last].idx + len(parsed[last].text)
    return stop if stop > end else 0


def _describes_them(head: Any) -> bool:
    """Does a clause or participle after the head say which people these are ("people
    affected by the fighting", "groups opposed to the decree"), naming no one else (not
    "parties that colluded with the gangs", "people who fled Zembla")?"""
    if not any(c.dep_ in ("acl", "relcl") and c.i > head.i for c in head.children):
        return False
    after = head.doc[head.i + 1 : head.right_edge.i + 1]
    return not any(_entry(t) is not None for t in after)


def _phrases(doc: Annotated) -> list[_Found]:
    found: list[_Found] = []
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for head in parsed:
            # "Refugees International", a heading's capitals: a name, not a people noun
            entry = None if head.text[:1].isupper() and head.i > 0 else _entry(head)
            if entry is None and _a_people(head):
                entry = PeopleNoun(_lemma(head))
            if entry is None:
                continue
            if _in_brackets(parsed, head.i) or head.dep_ in ("attr", "appos"):
                continue  # "they are refugees", "X, a minority": says what, not who
            first = phrase_start(head)
            begin = _name_start(parsed, first, head.i)
            qualified = _qualified(parsed, begin, head.i)
            place = place_after(head) or body_after(head)
            described = 0
            if entry.qualified and not qualified and place is None:
                # "people affected by the fighting", "groups opposed to the decree": what
                # follows says which ones, and names them
                described = _phrase_end(parsed, head, sentence.start, 0)
                if not described or not _describes_them(head):
                    continue  # "people", "the women": no word says which ones
            in_pp = head.dep_ == "pobj" and head.head.i < first  # not "tens of [farmers]"
            # "the arrest of over 40 people": those an act is done to
            of_an_act = in_pp and head.head.lower_ == "of" and _an_act(head.head.head)
            if _counted_only(parsed, begin, head.i) and in_pp and place is None and not of_an_act:
                continue  # "the return of thirteen people": a figure, not a group followed
            tally = entry.qualified and _counted_only(parsed, begin, head.i) and place is None
            # "abducted 276 girls", "40 women were arrested": those an act is done to
            acted_on = head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_ in lexicon().lemmas
            if tally and not acted_on and not any(t.ent_type_ == "DATE" for t in parsed):
                continue  # "six people were housed in each tent": a tally, no group
            start = sentence.start + parsed[first].idx
            core_end = sentence.start + head.idx + len(head.text)
            end = sentence.start + place.idx + len(place.text) if place is not None else core_end
            # "the people of Freedonia" is named with its place; "Freedonian refugees in
            # Ruritania" by its own words, the place kept in its text
            name_end = end if not qualified and place is not None else core_end
            name = " ".join(text[sentence.start + parsed[begin].idx : name_end].split())
            if described:  # named by the description, which stays out of the mention
                name = " ".join(text[sentence.start + parsed[begin].idx : described].split())
            name = population_name(name) or name
            definite = any(
                t.lower_ in _DEFINITE or t.tag_ == "PRP$" for t in parsed[first : head.i]
            )
            subject = _acting(head) or (head.dep_ == "conj" and _acting(head.head))
            found.append(
                _Found(
                    start,
                    end,
                    name,
                    _lemma(head),
                    qualified or place is not None or bool(described),
                    definite,
                    subject,
                    entry.cls,
                    _phrase_end(parsed, head, sentence.start, end),
                    described,
                    _coordination(parsed, head, text, sentence.start),
                )
            )
    return found


def _an_act(noun: Any) -> bool:
    """Does the noun name an act of the trigger list ("arrest", "deportation")?"""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in lexicon().lemmas


def _coordination(parsed: Any, head: Any, text: str, offset: int) -> str:
    """The whole list of people nouns the head ends ("students and journalists",
    "lawyers and their clients"), which reports also treat as one group; "" for a head
    that ends no such list."""
    if head.dep_ != "conj" or any(c.dep_ == "conj" for c in head.children):
        return ""
    first = head.head
    while first.dep_ == "conj":
        first = first.head
    members = [first, *first.conjuncts]
    if len(members) > 3 or any(t.pos_ != "NOUN" or _entry(t) is None for t in members):
        return ""
    begin = _name_start(parsed, phrase_start(first), first.i)
    return " ".join(text[offset + parsed[begin].idx : offset + head.idx + len(head.text)].split())


def _singular(word: str) -> str:
    """The singular of a plural word as an earlier rule wrote it ("families" -> "family")."""
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _antecedent(phrase: _Found, found: list[_Found], doc: Annotated) -> str:
    """The group a bare "the refugees" speaks of: the last group before it with the same
    head and a word that says which ("Freedonian refugees"), else the first one after it.
    A counted group ("40 refugees") is a part, not what the bare plural refers to."""
    named = [(f.start, f.end, f.name) for f in found if f.qualified and f.head == phrase.head]
    named += [
        (m.start, m.end, m.canonical)
        for m in doc.mentions
        if m.cls == "Group"
        and len(m.text.split()) >= 2
        and _singular(m.text.split()[-1]) == phrase.head
    ]
    named = [n for n in named if not _COUNTED.match(n[2])]
    before = [n for n in named if n[1] <= phrase.start]
    if before:
        return max(before)[2]
    return min(named)[2] if named else ""


def _name_the_group_inside(doc: Annotated, start: int, end: int, name: str) -> None:
    """A group read before inside this longer phrase ("human rights defenders" in "42
    human rights defenders") is also named by the phrase."""
    inside = [
        i
        for i, m in enumerate(doc.mentions)
        if start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
    ]
    if len(inside) != 1:
        return
    group = doc.mentions[inside[0]]
    if group.cls == "Group" and not group.phrase and len(name) > len(group.canonical):
        doc.mentions[inside[0]] = replace(group, phrase=name)


def _those_who(doc: Annotated) -> None:
    """ "those who fled the fighting", "those seeking asylum": people named only by what
    is said of them are a group, named by the whole phrase."""
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for head in parsed:
            if head.lower_ != "those" or not any(
                c.dep_ in ("acl", "relcl") and c.i > head.i for c in head.children
            ):
                continue
            start = sentence.start + head.idx
            end = _phrase_end(parsed, head, sentence.start, start)
            if end and not _covered(doc, start, end) and _describes_them(head):
                doc.add_mention(Mention(start, end, text[start:end], "Group", "people"))


@component("people", requires=["parses", "mentions"], assigns=["mentions"])
def people(doc: Annotated) -> None:
    text = doc.document.text
    found = _phrases(doc)
    for phrase in found:
        name = phrase.name
        whole = text[phrase.start : phrase.phrase_end] if phrase.phrase_end else ""
        whole = whole or phrase.coordination
        if not phrase.qualified:
            name = _antecedent(phrase, found, doc) or name
            if name == phrase.name and not (phrase.definite or phrase.subject):
                continue  # "refugees" in general, no group the text follows
            if name != phrase.name:
                whole = ""  # "the defectors who ...": the group named before, or a part of it
        if _covered(doc, phrase.start, phrase.end):
            # as the text writes it: "several human rights groups", "their fellow organizers"
            _name_the_group_inside(doc, phrase.start, phrase.end, text[phrase.start : phrase.end])
            continue
        surface = text[phrase.start : phrase.end]
        doc.add_mention(
            Mention(
                phrase.start,
                phrase.end,
                surface,
                phrase.cls,
                "people",
                name=name if name != surface else "",
                phrase=" ".join(whole.split()),
            )
        )
    _those_who(doc)

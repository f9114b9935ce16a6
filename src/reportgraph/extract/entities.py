"""Names the statistical model finds and the rules did not: which class a reader would
give each (a lone unknown name that is murdered is a person, one that carries out attacks
a body) and which stretch of text it covers, where the rules read nothing already."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.gazetteer import (
    countries,
    country_code,
    country_names,
    demonyms,
    places,
)
from reportgraph.extract.modelnames import good_name
from reportgraph.extract.nlp import (
    NOTE_MARK,
    POST_QUALIFIERS,
    english_words,
    ordinary_words,
    person_role_words,
    role_set,
)
from reportgraph.extract.patterns import heading_line, heads, names_a_part
from reportgraph.extract.shortnames import a_people_word, body_named_before, longer_name
from reportgraph.extract.triggers import lexicon
from reportgraph.model import Annotated, Mention

# The statistical labels we take, and the class each becomes.
NER_CLASSES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
               "FAC": "Place"}  # fmt: skip


def _free_a_state_name(doc: Annotated, start: int, end: int) -> None:
    """A body named after its state ("U.S. Immigration and Customs Enforcement"): the
    state the rules read at its start is part of the body's name, which the model reads
    whole; the state stays in the graph as what the body belongs to (see relations)."""
    text = doc.document.text
    inside = [m for m in doc.mentions if m.start < end and start < m.end]
    if not inside or any(m.cls != "Country" or m.start != start for m in inside):
        return
    rest = text[inside[0].end : end].split()
    if len(rest) >= 2 and all(w[:1].isupper() or w in ("and", "of", "for") for w in rest):
        for m in inside:
            doc.mentions.remove(m)


def _before_citation(text: str, start: int, end: int) -> int:
    """Where a name ends before a reference mark glued to it ("Ana Vell.[3][4]")."""
    cut = text.find("[", start, end)
    if cut < 0:
        return end
    return start + len(text[start:cut].rstrip(" .,;:"))


_OUTLINE_MARK = re.compile(r"[ \t]*(?:[A-Z]|[IVX]+|\d{1,2}|[a-z])[.)][ \t]")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _taken(doc: Annotated, m: Mention, start: int, end: int) -> bool:
    """Does ``m`` already cover [start, end)? The place inside a facility's name ("the
    Consulate in Lyon") is still free for the model to find."""
    if not (m.start < end and start < m.end):
        return False
    inside = m.start < start and end <= m.end
    lead = doc.document.text[m.start : start].rstrip()
    return not (inside and lead.endswith((" in", " at")))


@component("entities", requires=["parses", "mentions"], assigns=["mentions"])
def entities(doc: Annotated) -> None:
    """Names the statistical model finds and the rules did not."""
    people: set[str] = set()  # one-word names that act as people somewhere in the report
    lone: list[tuple[int, int]] = []  # one-word names the model takes for people
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for ent in parsed.ents:
            label = ent.label_
            while len(ent) > 1 and re.fullmatch(NOTE_MARK, ent[-1].text):
                ent = ent.doc[ent.start : ent.end - 1]  # "Ana Vell[3]": the name before it
                ent.label_ = label
            if len(ent) > 1 and ent[-1].tag_ == "POS":
                # "Ana Vell's detention": the name, not the mark of its owning
                ent = ent.doc[ent.start : ent.end - 1]
                ent.label_ = label
            while label == "PERSON" and ent.start > 0 and _given_name(ent.doc[ent.start - 1], ent):
                ent = ent.doc[ent.start - 1 : ent.end]  # "Aliya Nurlanova": the model had
                ent.label_ = label  # only "Nurlanova", one word, no person's name to us
            while (
                label == "PERSON" and ent.end < len(ent.doc) and _family_name(ent.doc[ent.end], ent)
            ):
                ent = ent.doc[ent.start : ent.end + 1]  # "Tunisia under Aziz Vellan": the
                ent.label_ = label  # model had only "Aziz", the name it joins left out
            cls = NER_CLASSES.get(ent.label_)
            if cls == "Person" and _lone_person(doc, ent, sentence.start):
                lone.append((sentence.start + ent.start_char, sentence.start + ent.end_char))
                continue
            if cls == "Person" and len(ent) == 1 and _destination(ent):
                cls = "Place"  # "the loss of life near Vellos": no one's one-word name
            if cls is None or not good_name(ent, cls):
                continue
            start = sentence.start + ent.start_char
            end = sentence.start + ent.end_char
            mark = _OUTLINE_MARK.match(doc.document.text, _line_start(doc.document.text, start))
            if mark and start < mark.end():
                continue  # "C. Food parcel aid": a heading's number, then its words
            if ent[0].text.lower() == "the":
                start += len(ent[0].text_with_ws)
            end = _before_citation(doc.document.text, start, end)
            if cls == "Organization" and doc.document.text[end - 2 : end] in ("'s", "\u2019s"):
                end -= 2  # "Vell Customs Enforcement's (VCE) agents": the body, not its own
            if end <= start:
                continue
            if cls == "Organization":
                _free_a_state_name(doc, start, end)
            if cls == "Place" and ent.text in demonyms():
                continue  # "extradites Zemban activist": what someone is, not where
            heading = heading_line(doc.document.text, start)
            if cls == "Place" and len(ent) == 1 and heading:
                continue  # "Migrants Still in Transit": a heading capitalises every word
            if (
                cls != "Person"  # a byline's "Ned Price": the model knows a person's name
                and heading
                and ordinary_words(ent.text)
                and not _a_body_word(ent.text)
            ):
                continue  # "Breaking News", "Privacy Policy": a page's menu, no name
            if cls == "Organization" and _a_post(ent):
                continue  # "Ana Vell, Special Rapporteur on ...": her post, no body
            if cls == "Organization" and heading and _headline_verb(ent):
                continue  # "Zembla Jails Opposition Leader": a headline, not a body
            if cls == "Organization" and names_a_part(doc.document.text, end):
                continue  # "the United Nations food agency" speaks of the agency
            kind_before = _BODY_BEFORE.search(doc.document.text, max(0, start - 60), start)
            if cls == "Place" and _BODY_AFTER.match(doc.document.text, end):
                cls = "Organization"  # "the Vell armed group", "the Zemba militia"
            elif cls in ("Place", "Person") and kind_before:
                cls = "Organization"  # "the armed group Vell Haram", "the outlet Zemba Media"
            elif cls == "Place" and _acting_body(ent):
                cls = "Organization"  # "carried out by Vellistan": a lone unknown name acts
            elif cls in ("Person", "Organization") and _destination(ent):
                cls = "Place"  # "relocated refugees to Vell Char": where they were taken
            elif cls == "Place" and _acts_as_person(ent):
                cls = "Person"  # "Vellberg chose to stay": a lone unknown name lives
                people.add(ent.text)
            elif cls in ("Place", "Organization") and _who_follows(doc.document.text, end, ent):
                cls = "Person"  # "a stone-faced Ana Vell, who is married to ...": someone
            if (
                cls != "Person"
                and not kind_before
                and (
                    _role_follows(doc.document.text, start, end, ent)
                    or (
                        len(ent) >= 2
                        and _role_word_before().search(doc.document.text, max(0, start - 60), start)
                    )
                )
            ):
                cls = "Person"  # "Ana Silva, director of ...", "the filmmaker Ana Silva"
            if (
                cls != "Person"
                and not kind_before
                and _joined_to_a_person(doc, sentence.start, ent)
            ):
                cls = "Person"  # "candidates Ana Silva and Tomas Vell": the second one too
            if cls == "Person" and len(ent) >= 3 and ent[0].lower_ in role_set():
                start += len(ent[0].text_with_ws)  # "Spokesperson Zhao Lijian said": a title
            if cls == "Person":
                _drop_lone_places(doc, start, end)
            if any(_taken(doc, m, start, end) for m in doc.mentions):
                continue  # the rules read this stretch already: the model only fills gaps
            text = doc.document.text[start:end]
            code = country_code(re.sub(r"(?:'s|\u2019s|'S|\u2019S)$", "", text))
            longer = longer_name(doc, text) if cls == "Person" else None
            if cls == "Organization" and " " not in text:
                if a_people_word(doc, text):
                    continue  # "the Vellians": a people, not a body
                longer = body_named_before(doc, start, text)  # "the Commission"
            if code:  # a state the country rules missed ("North Korea's")
                cls, name = "Country", countries()[code].name
            elif longer is not None:  # "Fox Chase" after "Operation Fox Chase"
                cls, name = longer.cls, longer.canonical
            else:
                name = ""
            doc.add_mention(Mention(start, end, text, cls, "entities", name))
    _add_lone_people(doc, lone)
    # a full name the report gives a person elsewhere is that person here too ("Ana
    # Vell has been detained" at a quote's start, taken by the model for a body)
    people |= full_names(doc.mentions)
    doc.mentions[:] = [  # and so is every other mention of that name in the report
        replace(m, cls="Person")
        if m.source == "entities" and m.cls in ("Place", "Organization") and m.text in people
        else m
        for m in doc.mentions
    ]


def full_names(mentions: list[Mention]) -> set[str]:
    """The names of people given in full, also without their middle names ("Ana Vell"
    of "Ana Lupu Vell"), which a page's title or a later line may use."""
    named = [m.canonical.split() for m in mentions if m.cls == "Person"]
    return {" ".join(words) for words in named if len(words) >= 2} | {
        f"{words[0]} {words[-1]}" for words in named if len(words) >= 3
    }


def _given_name(word: Any, ent: Any) -> bool:
    """Is the word a given name the model left out of the person's name after it: a
    capitalised proper noun joined to the name, no English word ("Minister Vell",
    "Operation Vell Hunt") nor a title?"""
    return (
        word.pos_ == "PROPN"
        and word.dep_ == "compound"
        and ent.start <= word.head.i < ent.end
        and word.text.istitle()
        and word.ent_type_ in ("", "PERSON")
        and not {word.lower_, word.lemma_.lower(), word.lower_[:-1]} & _common_words()
    )


def _family_name(word: Any, ent: Any) -> bool:
    """Is the word the rest of a person's name the model stopped before: a capitalised
    proper noun the name's last word is joined to, no English word nor a title?"""
    return (
        word.pos_ == "PROPN"
        and ent[-1].dep_ == "compound"
        and ent[-1].head.i == word.i
        and word.text.istitle()
        and word.ent_type_ == ""
        and not {word.lower_, word.lemma_.lower()} & _common_words()
    )


@cache
def _common_words() -> frozenset[str]:
    return role_set() | english_words()


@cache
def _role_word_before() -> re.Pattern[str]:
    """A person's role right before a name: "the filmmaker", "opposition activist"."""
    return re.compile(rf"\b(?-i:[a-z]+[ \t]+)?(?:{person_role_words()})[ \t]+$")


@cache
def _roles() -> re.Pattern[str]:
    return re.compile(
        r",[ \t]+(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?"
        rf"(?:{person_role_words()})\b"
    )


def _joined_to_a_person(doc: Annotated, offset: int, span: Any) -> bool:
    """Is a name in proper nouns, with no word of a body's or a place's name, joined by
    "and" to a person's name ("Ana Silva and Tomas Vell"), or listed before people?"""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.pos_ == "PROPN" for t in words):
        return False
    if _a_body_word(span.text):
        return False
    root = span.root
    if span.text in places():
        return False
    # "(L-R): Ana Vell, Tomas Berg, Ida Lund": the first of a list of people the model
    # reads as people
    listed = [c for c in root.children if c.dep_ in ("conj", "appos") and c.i > root.i]
    if listed and all(c.ent_type_ == "PERSON" for c in listed):
        return True
    if root.dep_ != "conj":
        return False
    at = offset + root.head.idx
    return any(m.cls == "Person" and m.start <= at < m.end for m in doc.mentions)


def _role_follows(text: str, start: int, end: int, span: Any) -> bool:
    """Is a two- to four-word name in proper nouns in apposition with a person's role,
    after it ("Ana Silva, director of ...", "Tomas Vell, an expert on ...") or before it
    ("the agency's representative in Zembla, Ana Silva, said")?"""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.pos_ == "PROPN" for t in words):
        return False
    # the role before is at most a role, a place and a comma: look no further back
    before = _role_before().search(text, max(0, start - 200), start)
    return bool(_roles().match(text, end)) or bool(before)


@cache
def _role_before() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?i:{person_role_words()})(?:\s+(?:in|of|for|to|at)\s+[^,;.\n]{{1,60}})?,[ \t]+$"
    )


def _drop_lone_places(doc: Annotated, start: int, end: int) -> None:
    """A gazetteer place of one word inside what the model reads as a person's name
    ("Pelton Ruiz", where Pelton is also a town) was part of the name, not a place."""
    for m in [m for m in doc.mentions if start <= m.start and m.end <= end]:
        if m.source == "places" and m.cls == "Place" and " " not in m.text:
            doc.mentions.remove(m)


@cache
def _person_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = (files("reportgraph") / "data" / "person_verbs.txt").read_text(encoding="utf-8")
    verbs, kin = rows.split("\n# kin\n", 1)

    def words(part: str) -> frozenset[str]:
        return frozenset(
            r.strip() for r in part.splitlines() if r.strip() and not r.startswith("#")
        )

    return words(verbs), words(kin)


def _acts_as_person(span: Any) -> bool:
    """Is a one-word name the model calls a place, and no gazetteer knows, the subject of
    what only people do ("Vellberg was murdered") or the owner of kin ("Vellberg's wife")?"""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].text in places() or country_code(words[0].text):
        return False
    word = words[0]
    verbs, kin = _person_words()
    if word.dep_ in ("nsubj", "nsubjpass") and word.head.lemma_.lower() in verbs:
        return True
    return word.dep_ == "poss" and word.head.lemma_.lower() in kin


def _destination(span: Any) -> bool:
    """Is the name where people are moved to ("relocated to", "transferred to"), where they
    are kept ("sheltered in Vell Char") or what a place is near ("near Vell Ulim")?"""
    head = span.root.head
    if span.root.dep_ != "pobj" or _a_body_word(span.text):
        return False
    verb = head.head.lemma_.lower()
    if head.lower_ == "near":
        return True
    if head.lower_ == "in":
        return verb in _KEEPING
    return head.lower_ in ("to", "into", "onto") and verb in _MOVING


_KEEPING = frozenset("shelter house host hold detain keep stay settle strand camp".split())
_MOVING = frozenset(
    "relocate transfer deport move evacuate expel banish exile repatriate resettle flee".split()
)


# a common noun after a name that says the name is a body's
_BODY_AFTER = re.compile(
    r"[ \t]+(?:(?:armed|rebel|militant|paramilitary|insurgent|opposition)[ \t]+)?"
    r"(?:group|militia|movement|faction|rebels|gang|cartel|party|coalition|alliance)\b"
)


# a body's kind, then its name: "the armed group ...", "a rights organization ..."
_BODY_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:group|militia|movement|faction|gang"
    r"|cartel|party|organi[sz]ation|coalition|alliance|network|NGO|charity|outlet|newspaper"
    r"|magazine|broadcaster|website|news[ \t]+agency|news[ \t]+site)[ \t]+$"
)


def _acting_body(span: Any) -> bool:
    """Is a one-word name the model calls a place, and no gazetteer knows, the doer of a
    passive ("attacks carried out by Vellistan")? Places do not act; bodies do."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or words[0].text in places() or words[0].text in country_names():
        return False
    word = words[0]
    return word.dep_ == "pobj" and word.head.lower_ == "by"


def _lone_person(doc: Annotated, ent: Any, offset: int) -> bool:
    """Is a one-word name the model calls a person a person named by the family name
    alone ("Talberg is helping the regime", "Talberg's decree"): a proper noun inside its
    sentence, no role, place, state or people, the subject, the object or the owner of
    something, and not read as a place or a body elsewhere in the report?"""
    if len(ent) != 1:
        return False
    word = ent[0]
    text = word.text
    return (
        word.pos_ == "PROPN"
        and len(text) >= 3
        and text[0].isupper()
        and not text.isupper()
        and word.dep_ in _NAMED_AS
        and not (word.dep_ == "pobj" and word.head.lower_ in _WHERE)  # "in western Vell"
        and not any(c.lower_ in _COMPASS for c in word.children)
        and not (word.dep_ == "poss" and word.head.lower_ in role_set())  # "Vellton's mayor"
        and (word.dep_ != "conj" or _a_pair_of_people(word))
        and not _named_otherwise(doc, text)
        and word.i > word.sent.start
        and text.lower() not in role_set()
        and text not in places()
        and text not in demonyms()
        and not country_code(text)
        and not heading_line(doc.document.text, offset + word.idx)
    )


# prepositions and words before a lone name that say it is a place
_WHERE = frozenset("in into across near throughout inside outside within".split())
_COMPASS = frozenset(
    "north south east west northern southern eastern western central northeastern"
    " northwestern southeastern southwestern".split()
)
# what a lone name is in its sentence when it names someone: who acts, who is acted on,
# whose something is
_NAMED_AS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "pobj", "appos", "conj"})


def _a_pair_of_people(word: Any) -> bool:
    """Is the word joined to one other name the model calls a person ("Talberg and
    Orsini met"), not one of a list of names ("in Vell, Orun, Mon and Zem")?"""
    others = word.conjuncts
    return len(others) == 1 and others[0].ent_type_ == "PERSON"


def _named_otherwise(doc: Annotated, text: str) -> bool:
    """Does the model read the word as a place, a body or a people elsewhere in the
    report ("in Vellton" before "Vellton's council")?"""
    return any(
        t.text == text and t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP")
        for p in doc.parses
        for t in p
    )


def _add_lone_people(doc: Annotated, lone: list[tuple[int, int]]) -> None:
    """One-word people, unless a longer name of the report holds the word (the family
    name of a person named in full is that person: see surnames) or the rules read it."""
    named = {w for m in doc.mentions if " " in m.text for w in m.text.split()}
    for start, end in lone:
        text = doc.document.text[start:end]
        if text in named or any(_taken(doc, m, start, end) for m in doc.mentions):
            continue
        doc.add_mention(Mention(start, end, text, "Person", "entities", ""))


def _a_body_word(name: str) -> bool:
    """Does a name hold a word that says it is a body's ("Council", "Media")?"""
    return re.search(rf"\b(?:{heads('Organization')})\b", name, re.IGNORECASE) is not None


def _who_follows(text: str, end: int, span: Any) -> bool:
    """Is a name of two or three words, with no word that says what kind of body or place
    it is, followed by ", who": a person, as "who" tells?"""
    return (
        2 <= len(span) <= 3
        and re.match(r",[ \t]+who\b", text[end : end + 8]) is not None
        and not _a_body_word(span.text)
    )


def _headline_verb(span: Any) -> bool:
    """Does a run of capitalised words hold, inside, a verb of an act in the present
    ("Zembla Jails Opposition Leader", "Court Expels Reporters"), as a headline writes?"""
    acts = lexicon().lemmas
    return any(
        t.lower_.endswith("s") and not {t.lower_[:-1], t.lower_[:-2]}.isdisjoint(acts)
        for t in list(span)[1:-1]
        if t.text[:1].isupper()
    )


def _a_post(span: Any) -> bool:
    """Is the name a person's post: a role, and words that say which ("Special
    Rapporteur", "Deputy Spokesperson", "Chair-Rapporteur")?"""
    words = [w for t in span if not t.is_punct for w in t.lower_.split("-")]
    return (
        bool(words)
        and words[-1] in role_set()
        and all(w in role_set() or w in POST_QUALIFIERS for w in words)
    )

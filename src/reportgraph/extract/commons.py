"""Laws and places named by common nouns: "sanctions", "an executive order", "visa
restrictions"; "refugee camps in Vell", "a safe house", "the detention centre". Reports name
measures and sites as often as they cite statutes and towns; the schema counts both. Which
head nouns make such a phrase is data (``data/law_nouns.txt``, ``data/place_nouns.txt``);
this module reads the parse: the head noun and the words before it that say which one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.qualifiers import place_after
from reportgraph.model import Annotated, Mention

# Words before the head that point or count, not say which one: not part of its name.
_POINTERS = frozenset(
    "the a an all some many several these those this that any each every both such other"
    " new his her their its our my your further additional".split()
)


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the modifier lemmas the head needs, and whether it needs any."""

    before: tuple[str, ...]
    qualified: bool
    clause: bool = False  # named only with the clause after it ("a decree ordering ...")


@cache
def _lines(name: str) -> tuple[tuple[str, ...], ...]:
    text = files("reportgraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = (tuple(line.split("#", 1)[0].lower().split()) for line in text.splitlines())
    return tuple(words for words in lines if words)


@cache
def entries(name: str) -> dict[str, tuple[Entry, ...]]:
    """Head lemma -> its lexicon lines, longer ones first."""
    out: dict[str, list[Entry]] = {}
    for words in _lines(name):
        if words[0] == "!":
            continue
        qualified, clause = words[-1] == "+", words[-1] == ">"
        lemmas = words[:-1] if qualified or clause else words
        out.setdefault(lemmas[-1], []).append(Entry(lemmas[:-1], qualified, clause))
    return {h: tuple(sorted(es, key=lambda e: -len(e.before))) for h, es in out.items()}


@cache
def refused(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(words[1:] for words in _lines(name) if words[0] == "!")


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _start(head: Any) -> int:
    """The first word that says which one: after determiners and punctuation."""
    first = head.left_edge.i
    for t in head.doc[first : head.i]:
        if t.is_punct and t.text not in ("-", "'", "\u2019"):
            first = t.i + 1
    while first < head.i and head.doc[first].lower_ in _POINTERS:
        first += 1
    return first


def _fits(head: Any, start: int, lexicon: str) -> Entry | None:
    """The lexicon line the head and the words before it fit, if any."""
    if head.pos_ != "NOUN" or head.dep_ == "compound":
        return None  # "sanctions regime": the head is the regime
    lemma = _lemma(head)
    before = tuple(_lemma(t) for t in head.doc[start : head.i])
    for phrase in refused(lexicon):
        if phrase[-1] == lemma and before[len(before) - len(phrase) + 1 :] == phrase[:-1]:
            return None
    for entry in entries(lexicon).get(lemma, ()):
        if entry.before and before[-len(entry.before) :] != entry.before:
            continue
        if entry.qualified and not _says_which(head.doc[start : head.i]):
            continue
        if entry.clause and _clause_after(head) is None:
            continue
        return entry
    return None


def _clause_after(head: Any) -> Any | None:
    """The last word of the clause right after the head that says which one it is ("a
    decree ordering the border closed"): a verb in -ing or a participle with what it
    acts on or asks for, not why or how ("..., as a step to peace")."""
    for child in head.rights:
        if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN") and child.i == head.i + 1:
            said = [
                t
                for t in child.rights
                if t.dep_ in _CLAUSE_WORDS and (t.dep_ != "prep" or t.lower_ in _ASKED)
            ]
            last = max((t.right_edge for t in said), key=lambda t: t.i, default=child)
            while last.i > child.i and (last.is_punct or last.dep_ in ("cc", "prep")):
                last = last.doc[last.i - 1]
            return last
    return None


# what a clause after a law's noun keeps: its objects and what they ask ("calling on X
# to release Y", "demanding that Z stop"), not its adverbials
_CLAUSE_WORDS = frozenset("dobj ccomp xcomp prt prep dative attr oprd acomp".split())
_ASKED = frozenset("for on to against between of from with into".split())


def _says_which(words: Any) -> bool:
    """Does a word before the head say which one: a noun ("refugee camps"), a name or a
    people's adjective ("Vellan prisons")? A quality ("the old camps") does not."""
    return any(t.pos_ in ("NOUN", "PROPN") or t.text[:1].isupper() for t in words)


def _find(doc: Annotated, lexicon: str, cls: str, source: str) -> None:
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        heads = entries(lexicon)
        for head in parsed:
            if _lemma(head) not in heads:
                continue  # most words: no need to walk their modifiers
            start = _start(head)
            entry = _fits(head, start, lexicon)
            if entry is None:
                continue
            begin = sentence.start + parsed[start].idx
            at = sentence.start + head.idx
            end = at + len(head.text)
            before = [m for m in doc.mentions if begin <= m.start and m.end <= at]
            if cls == "Place" and (guess := _guessed_name(before, text, at)):
                doc.mentions.remove(guess)  # "the Vell Kora prison": the name is the site's
                before = []
                begin = guess.start
            owned = _imposed_by(before, text, at) if cls == "Law" else None
            if owned is not None:  # "the Vell-imposed security law": named with its maker
                begin, before = owned.start, []
            if before:  # "Vell sanctions": the state is a name of its own, the rest follows
                cut = max(m.end for m in before)
                start = next(t.i for t in parsed if sentence.start + t.idx >= cut)
                entry = _fits(head, start, lexicon) if text[cut:at].startswith(" ") else None
                if entry is None:
                    continue  # "the Vell-Zembla agreement": the names were the qualifier
                begin = sentence.start + parsed[start].idx
            if any(m.start < end and begin < m.end and m is not owned for m in doc.mentions):
                continue  # inside or across a name read before ("the Sanctions Act")
            where = place_after(head)  # "refugee camps in Zembla" is how the text names them
            whole = text[begin : sentence.start + where.idx + len(where.text)] if where else ""
            name = ""
            if entry.clause and (clause := _clause_after(head)) is not None:
                # named with its clause, so that two resolutions are two laws
                name = text[begin : sentence.start + clause.idx + len(clause.text)]
            mention = Mention(begin, end, text[begin:end], cls, source, name, phrase=whole)
            doc.add_mention(mention)


def _imposed_by(before: list[Mention], text: str, at: int) -> Mention | None:
    """The one name a law's phrase opens with, joined by a hyphen to the participle that
    says what it did ("the Vell-imposed national security law", "a Zembla-backed decree"):
    part of how the text names the law."""
    if len(before) != 1:
        return None
    hyphened = re.match(r"-[a-z]+(?:ed|en)\s+(?:[a-z]+\s+){0,3}$", text[before[0].end : at])
    return before[0] if hyphened else None


def _guessed_name(before: list[Mention], text: str, at: int) -> Mention | None:
    """The model's guess of a body or a place right before a site's noun ("the Vell Kora
    detention centre", "Orla camp"): the site's own name."""
    if len(before) != 1 or before[0].source != "entities":
        return None
    if before[0].cls not in ("Organization", "Place"):
        return None
    between = text[before[0].end : at]
    return before[0] if between.strip() == "" or between.strip().islower() else None


@component("policies", requires=["parses", "mentions"], assigns=["mentions"])
def policies(doc: Annotated) -> None:
    _find(doc, "law_nouns.txt", "Law", "policies")


@component("sites", requires=["parses", "mentions"], assigns=["mentions"])
def sites(doc: Annotated) -> None:
    _find(doc, "place_nouns.txt", "Place", "sites")

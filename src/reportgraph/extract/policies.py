"""Laws named by common nouns: "sanctions", "an executive order", "visa restrictions",
"broad censorship laws". Reports name measures as often as they cite statutes; the schema
counts both as laws. Which head nouns make such a phrase is data
(``data/law_nouns.txt``); this module reads the parse: the head noun and the words before
it that say which measure it is."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.extract import component
from reportgraph.model import Annotated, Mention

LEXICON = "law_nouns.txt"
# Words before the head that point or count, not say which measure: not part of its name.
_POINTERS = frozenset(
    "the a an all some many several these those this that any each every both such other"
    " new his her their its our my your further additional".split()
)


@cache
def _lines() -> tuple[tuple[str, ...], ...]:
    text = files("reportgraph").joinpath("data", LEXICON).read_text(encoding="utf-8")
    lines = (tuple(line.split("#", 1)[0].lower().split()) for line in text.splitlines())
    return tuple(words for words in lines if words)


@cache
def _entries() -> dict[str, tuple[tuple[tuple[str, ...], bool], ...]]:
    """Head lemma -> (the modifier lemmas it needs, whether it needs any qualifier)."""
    out: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for words in _lines():
        if words[0] == "!":
            continue
        qualified = words[-1] == "+"
        lemmas = words[:-1] if qualified else words
        out.setdefault(lemmas[-1], []).append((lemmas[:-1], qualified))
    return {h: tuple(sorted(es, key=lambda e: -len(e[0]))) for h, es in out.items()}


@cache
def _refused() -> frozenset[tuple[str, ...]]:
    return frozenset(words[1:] for words in _lines() if words[0] == "!")


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _start(head: Any) -> int:
    """The first word that says which measure: after determiners and punctuation."""
    first = head.left_edge.i
    for t in head.doc[first : head.i]:
        if t.is_punct and t.text not in ("-", "'", "\u2019"):
            first = t.i + 1
    while first < head.i and head.doc[first].lower_ in _POINTERS:
        first += 1
    return first


def _fits(head: Any, start: int) -> bool:
    if head.pos_ != "NOUN" or head.dep_ == "compound":
        return False  # "sanctions regime": the head is the regime
    before = tuple(_lemma(t) for t in head.doc[start : head.i])
    for refused in _refused():
        if refused[-1] == _lemma(head) and before[-(len(refused) - 1) :] == refused[:-1]:
            return False
    for needed, qualified in _entries().get(_lemma(head), ()):
        if needed and before[-len(needed) :] != needed:
            continue
        if qualified and not before:
            continue
        return True
    return False


@component("policies", requires=["parses", "mentions"], assigns=["mentions"])
def policies(doc: Annotated) -> None:
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for head in parsed:
            start = _start(head)
            if not _fits(head, start):
                continue
            begin = sentence.start + parsed[start].idx
            end = sentence.start + head.idx + len(head.text)
            at = sentence.start + head.idx
            before = [m for m in doc.mentions if begin <= m.start and m.end <= at]
            if before:  # "Vell sanctions": the state is a name of its own, the law what follows
                begin = max(m.end for m in before)
                begin += len(doc.document.text[begin:at]) - len(
                    doc.document.text[begin:at].lstrip()
                )
            if any(m.start < end and begin < m.end for m in doc.mentions):
                continue  # inside or across a name read before ("the Sanctions Act")
            text = doc.document.text[begin:end]
            doc.add_mention(Mention(begin, end, text, "Law", "policies"))

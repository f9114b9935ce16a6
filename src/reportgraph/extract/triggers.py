"""Where a sentence names an act: the trigger words of ``data/event_triggers.tsv``.

The words are data, not code, so that a user teaches the extractor a word by adding a row.
Lemma rows are matched on the parse (every inflection of "detain"); regex rows on the
surface text, for wording whose shape matters. What is found here is only a candidate:
``events.py`` decides whether it reports an act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.model import EVENT_CLASSES

TRIGGER_FILE = "event_triggers.tsv"
_KINDS = ("lemma", "regex", "object")


@dataclass(frozen=True)
class Hit:
    """A trigger in a sentence, with offsets into the sentence's text (the interface of
    ``re.Match`` that the events extractor uses, so regex and lemma hits read alike)."""

    begin: int
    stop: int
    text: str
    by_object: bool = False  # a verb a row names with its object ("announced charges")

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.text


@dataclass(frozen=True)
class Word:
    """One element of a lemma row: a lemma, and the part of speech it must have, if any."""

    lemma: str
    pos: str | None

    def fits(self, token: Any) -> bool:
        if self.pos is not None and token.pos_ != self.pos:
            return False
        return self.lemma == token.lemma_.lower() or token.lower_ in forms(self.lemma)


@cache
def forms(lemma: str) -> frozenset[str]:
    """The regular inflections of a word, for where the model's lemma is wrong ("fined"
    read as a form of "fin"); irregular forms come through the lemma."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    double = lemma + lemma[-1] if re.search(r"[^aeiou][aeiou][bdgkmnprt]$", lemma) else lemma
    # "-es" only where English writes it ("searches", "vetoes"): not "aides" from "aid"
    plural = lemma + "es" if re.search(r"(?:s|x|z|ch|sh|o)$", lemma) else lemma + "s"
    out = {lemma, plural, stem + "ed", stem + "ing", double + "ed"}
    out |= {double + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return frozenset(out)


@dataclass(frozen=True)
class Lexicon:
    classes: tuple[str, ...]  # in the order of the file: the first class claims a word
    patterns: dict[str, str]  # class -> its regex rows as one alternation
    regexes: dict[str, re.Pattern[str]]
    # first lemma, and each of its regular forms -> the rows that start with it
    lemmas: dict[str, list[tuple[str, tuple[Word, ...]]]]
    # class -> (verbs, nouns): a verb of the first set acting on a noun of the second
    objects: dict[str, list[tuple[frozenset[str], frozenset[str]]]]


def parse_rows(text: str, source: str = TRIGGER_FILE) -> Lexicon:
    """Read trigger rows; a malformed row is an error naming the file and the line."""
    order: dict[str, None] = {}
    alternatives: dict[str, list[str]] = {}
    lemmas: dict[str, list[tuple[str, tuple[Word, ...]]]] = {}
    objects: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in EVENT_CLASSES or fields[1] not in _KINDS:
            raise ReportgraphError(
                f"{source}, line {number}: expected 'class<TAB>lemma|regex<TAB>pattern' "
                f"with a class of {', '.join(EVENT_CLASSES)}"
            )
        cls, kind, pattern = fields
        order[cls] = None
        if kind == "regex":
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ReportgraphError(f"{source}, line {number}: bad pattern: {exc}") from exc
            alternatives.setdefault(cls, []).append(pattern)
            continue
        if kind == "object":
            verbs, sep, nouns = pattern.partition(">")
            if not sep or not verbs.split() or not nouns.split():
                raise ReportgraphError(f"{source}, line {number}: expected 'verbs > nouns'")
            pair = (frozenset(verbs.lower().split()), frozenset(nouns.lower().split()))
            objects.setdefault(cls, []).append(pair)
            continue
        words = tuple(_word(w) for w in pattern.lower().split())
        for form in forms(words[0].lemma):  # the lemma, and its forms where the model errs
            lemmas.setdefault(form, []).append((cls, words))
    patterns = {cls: "|".join(alts) for cls, alts in alternatives.items()}
    regexes = {cls: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for cls, p in patterns.items()}
    return Lexicon(tuple(order), patterns, regexes, lemmas, objects)


def _word(text: str) -> Word:
    lemma, _, pos = text.partition("/")
    return Word(lemma, pos.upper() or None)


@cache
def lexicon() -> Lexicon:
    data = files("reportgraph") / "data" / TRIGGER_FILE
    return parse_rows(data.read_text(encoding="utf-8"))


def find_all(text: str, parsed: Any, lex: Lexicon | None = None) -> dict[str, list[Hit]]:
    """The triggers of every class in a sentence, each class's in text order, read in one
    pass over the parse; a lemma or object hit that overlaps a regex hit of its class is
    the same trigger."""
    lex = lex or lexicon()
    found = {
        cls: [Hit(m.start(), m.end(), m.group()) for m in _regex_hits(lex, cls, text)]
        for cls in lex.classes
    }
    if parsed is not None:
        for cls, hit in [*_lemma_hits(lex, parsed), *_object_hits(lex, parsed)]:
            hits = found.setdefault(cls, [])
            if not any(h.begin < hit.stop and hit.begin < h.stop for h in hits):
                hits.append(hit)
    return {cls: sorted(hits, key=lambda h: h.begin) for cls, hits in found.items()}


def find(text: str, parsed: Any, cls: str, lex: Lexicon | None = None) -> list[Hit]:
    """The triggers of ``cls`` in a sentence, in text order."""
    return find_all(text, parsed, lex).get(cls, [])


_AMOUNTS = frozenset(
    "total number group batch dozen dozens hundred hundreds thousand thousands".split()
)


def _object_hits(lex: Lexicon, parsed: Any) -> list[tuple[str, Hit]]:
    """A verb of a row acting on a noun of it: "introduced the Border Campaign", "extended
    the deadline", "the ban was lifted" (the noun may head a name)."""
    hits: list[tuple[str, Hit]] = []
    verbs_here = [(t, t.lemma_.lower()) for t in parsed if t.pos_ == "VERB"]
    for cls, rows in lex.objects.items():
        for verbs, nouns in rows:
            for token, lemma in verbs_here:
                if lemma not in verbs:
                    continue
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
                people = [  # "stripped 40 critics of their nationality": people, then what
                    o
                    for o in objects
                    if o.dep_ == "dobj" and (o.pos_ == "PROPN" or o.tag_ in ("NNS", "PRP"))
                ]
                # "stripped (them) of their citizenship", but not "taking care of them"
                if people or not any(o.dep_ == "dobj" for o in objects):
                    objects += [
                        c
                        for w in (token, *people)
                        for p in w.children
                        if p.lower_ == "of"
                        for c in p.children
                        if c.dep_ == "pobj"
                    ]
                objects += [c for o in objects for c in o.conjuncts]
                objects += [  # "a total of 800 nationals", "hundreds of refugees"
                    c
                    for o in objects
                    if o.lemma_.lower() in _AMOUNTS
                    for p in o.children
                    if p.lower_ == "of"
                    for c in p.children
                    if c.dep_ == "pobj"
                ]
                if any(o.lemma_.lower() in nouns or o.lower_ in nouns for o in objects):
                    hit = Hit(token.idx, token.idx + len(token), token.text, by_object=True)
                    hits.append((cls, hit))
    return hits


def _regex_hits(lex: Lexicon, cls: str, text: str) -> list[re.Match[str]]:
    pattern = lex.regexes.get(cls)
    return list(pattern.finditer(text)) if pattern is not None else []


def _lemma_hits(lex: Lexicon, parsed: Any) -> list[tuple[str, Hit]]:
    """(class, hit) for each token that starts a lemma row: one row a class and token."""
    hits: list[tuple[str, Hit]] = []
    for token in parsed:
        rows = lex.lemmas.get(token.lemma_.lower(), []) + lex.lemmas.get(token.lower_, [])
        matched: set[str] = set()
        for row_cls, words in dict.fromkeys(rows):
            if row_cls in matched or token.i + len(words) > len(parsed):
                continue
            span = parsed[token.i : token.i + len(words)]
            if all(w.fits(t) for w, t in zip(words, span, strict=True)):
                hits.append((row_cls, Hit(span.start_char, span.end_char, span.text)))
                matched.add(row_cls)
    return hits

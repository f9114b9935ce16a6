"""Which of the names the statistical model finds a reader would take for names: not
lower-case words, a verb inside ("Freedonia Face Expulsion"), a lone word that is not an
acronym, a list bullet, an address or a law the model calls a body."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract.gazetteer import country_names
from reportgraph.extract.nlp import english_words
from reportgraph.extract.patterns import (
    FORMAT_WORDS,
    HYPHEN_PARTICLES,
    NAME_PARTICLES,
    STATE_PARTY,
)
from reportgraph.extract.shortnames import one_body
from reportgraph.extract.triggers import lexicon

# Names the model tags ORG or GPE that belong to another kind: laws, facilities, meetings,
# groups of people.
_NOT_ORG_OR_PLACE = re.compile(
    r"\b(?:Convention|Covenant|Protocol|Treaty|Agreement|Charter|Declaration|Act|Code|Law"
    r"|Embassy|Consulate|Consulate General|Office|Prison|Camp|Conference|Meeting|Summit"
    r"|[Dd]efectors|[Rr]efugees|[Ee]scapees|[Mm]igrants|[Pp]eople|[Kk]oreans|[Ss]pouses)\b"
    r"|\b[A-Z][a-z]+(?:ans|ese|ish)\b$"
)
_GENERIC = frozenset("North South East West Central Western Eastern Northern Southern".split())


def good_name(span: Any, cls: str) -> bool:
    """Would a reader take the model's name for one of class ``cls``?"""
    words = [t for t in span if not t.is_punct and t.text.lower() != "the"]
    if not words or not all(
        t.text[:1].isupper() or t.is_stop or _joined(t) or _particle(t) for t in words
    ):
        return False
    if any(t.pos_ in ("VERB", "AUX", "PRON") for t in words) or len(words[0].text) == 1:
        return False
    if cls == "Person":  # not a headline's "Mass Deportations": an act's word names no one
        acts = lexicon().lemmas
        return len(words) >= 2 and all(
            (t.text[:1].isupper() and t.lower_.rstrip("s") not in acts)
            or _joined(t)
            or _particle(t)
            for t in words
        )
    if _NOT_ORG_OR_PLACE.search(span.text) or all(t.text in _GENERIC for t in words):
        return False
    if STATE_PARTY.fullmatch(" ".join(t.text for t in words)):
        return False
    if all(t.text in FORMAT_WORDS for t in words):
        return False  # "see the PDF", "<DOC>", "SEC. 2.": a page's format or section mark
    if len(words) == 1 and not (words[0].text.isupper() and len(words[0].text) >= 3):
        if cls == "Organization" and one_body(span, words[0], _GENERIC):
            return True  # "the Vellbani seized", "the Zemkrem said": a body's one-word name
        if cls == "Organization" and _speaks(words[0]):
            return True  # "a charge Vellters said was trumped up": a body that speaks
        return cls == "Place" and span.start > 0 and words[0].pos_ == "PROPN"
    if cls == "Place" and _COUNTRY_PREFIX(span.text):
        return False  # "North Korea Trafficking": a country, then a title's words
    if _STREET.search(span.text):
        return False  # "Vell Avenue": an address, not a place of the story
    if re.fullmatch(r"(?:[NSEW]\.){1,2}", span.text):
        return False  # "N.W.": a compass point of an address
    if cls != "Person" and span.start > 0 and span.doc[span.start - 1].pos_ == "PROPN":
        return False  # "Vice [Chair Vell]": the model cut a run of names in two
    return not all(t.is_stop for t in words)


def _speaks(word: Any) -> bool:
    """Is a one-word name no English word, the subject of a verb of saying?"""
    return (
        word.dep_ == "nsubj"
        and word.pos_ == "PROPN"
        and word.head.lemma_.lower() in ("say", "report", "tell", "announce", "state")
        and word.lower_ not in english_words()
    )


def _particle(token: Any) -> bool:
    """Is the word a particle inside a name ("al" of "Ana al-Vell", "bin" of "Tariq bin
    Vellan"), a capitalised part following it?"""
    doc, i = token.doc, token.i
    if token.lower_ in HYPHEN_PARTICLES:
        return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].text[:1].isupper()
    return token.lower_ in NAME_PARTICLES and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()


def _joined(token: Any) -> bool:
    """Is the word the second half of a hyphenated name ("Dae-jung", "al-Bashir")?"""
    i = token.i
    return i >= 2 and token.doc[i - 1].text == "-" and not token.doc[i - 2].whitespace_


_STREET = re.compile(r"\b(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive)$")


def _COUNTRY_PREFIX(text: str) -> bool:
    return any(text.startswith(f"{name} ") for name in country_names() if len(name) > 3)

"""Peoples named by a plural proper noun: "Vellans", "Zembites", "Orthodox Christians". The
people-noun lexicon knows roles ("refugees", "students"); a people or a faith is a name
the model tags as a plural proper noun, which no lexicon need list."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.gazetteer import country_code, demonyms, places
from reportgraph.extract.nlp import english_words, token_at
from reportgraph.extract.patterns import PEOPLE_KINDS, heading_line
from reportgraph.model import Annotated, Mention

# Plural proper nouns that end the names of bodies and places, not of peoples.
_NOT_PEOPLES = frozenset(
    "nations states forces affairs rights services islands emirates philippines netherlands"
    " olympics games americas relations resources operations communications studies"
    " sciences arts works times news".split()
)


def _people_word(token: Any, text: str) -> bool:
    """A plural the model calls a nationality or religion ("Zembites"), or a plural proper
    noun whose singular the same text uses as an adjective ("Vellans" beside "Vellan
    students")."""
    word = token.text
    if not word.endswith("s") or word[:-1].isupper() or token.dep_ == "compound":
        return False
    if token.lower_ in _NOT_PEOPLES or token.tag_ not in ("NNS", "NNPS", "NNP"):
        return False
    if token.ent_type_ == "NORP" or _defined_as_a_people(token):
        return True
    counted = any(
        c.dep_ == "nummod" and not re.fullmatch(r"(?:1[89]|20)\d\d", c.text) for c in token.children
    )
    if (
        counted
        and word[:1].isupper()  # a people's name is capitalised: not "23 pushbacks"
        and not {token.lower_, token.lower_[:-1], token.lemma_.lower()} & english_words()
    ):
        return True  # "some 30 Vellans", "one million Zembites": people counted
    if token.tag_ == "NNPS" and re.search(rf"\b{re.escape(word[:-1])} [a-z]", text):
        return True
    # "against Vellans in ...", where the text also says "Vellan" (in a name, a title): a
    # plural no English dictionary knows, whose singular the text writes as a name
    return (
        token.tag_ == "NNP"
        and token.lower_ not in english_words()
        and token.lower_[:-1] not in english_words()
        and re.search(rf"\b{re.escape(word[:-1])}\b", text) is not None
    )


def _defined_as_a_people(token: Any) -> bool:
    """ "Zembanis are a mostly Muslim ethnic group": the text says what they are."""
    verb = token.head
    return (
        token.dep_ == "nsubj"
        and token.text[:1].isupper()
        and verb.lemma_ == "be"
        and any(c.dep_ == "attr" and c.lemma_.lower() in PEOPLE_KINDS for c in verb.children)
    )


@component("peoples", requires=["parses", "mentions"], assigns=["mentions"])
def peoples(doc: Annotated) -> None:
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for head in parsed:
            if not _people_word(head, text):
                continue
            first = head.i
            while (
                first > 0
                and parsed[first - 1].dep_ in ("compound", "amod")
                and (parsed[first - 1].text[:1].isupper())
            ):
                first -= 1
            begin = sentence.start + parsed[first].idx
            end = sentence.start + head.idx + len(head.text)
            if heading_line(text, begin):
                continue  # a heading capitalises every word
            # "Zembanis": the model's guess of a place gives way, unless it is a known one
            _add_people(doc, begin, end, () if text[begin:end] in places() else ("Place",))
        for token in _listed_peoples(parsed):
            begin = sentence.start + token.left_edge.idx
            end = sentence.start + token.idx + len(token.text)
            if text[begin:end] in places() or country_code(text[begin:end]):
                continue  # "groups in many states, including Zembia": a state
            _add_people(doc, begin, end, ("Place", "Person"))
    _invariant_peoples(doc)
    _listed_before_a_kind(doc)


def _listed_before_a_kind(doc: Annotated) -> None:
    """Peoples listed by their names before what they are ("Orvash, Karsa and Zemi
    communities", "Vellan and Zemban Christians"): each name is a people of its own."""
    text = doc.document.text
    for m in _LIST_BEFORE_A_KIND.finditer(text):
        if heading_line(text, m.start()) or not _a_kind_of_people(token_at(doc, m.start("kind"))):
            continue
        for name in re.finditer(r"[A-Z][\w'\u2019-]+", m["list"]):
            if country_code(name.group()):
                continue  # "Vellia and Zembla communities": the states' own
            begin, end = m.start("list") + name.start(), m.start("list") + name.end()
            for state in [o for o in doc.mentions if (o.start, o.end) == (begin, end)]:
                if state.cls == "Country" and state.source == "adjectives":
                    doc.mentions.remove(state)  # "Armenian communities": a people's
            _add_people(doc, begin, end, ("Place", "Person", "Organization"))


# two or more capitalised names joined by commas and "and" or "or", then a plural
_LIST_BEFORE_A_KIND = re.compile(
    r"(?<![\w'\u2019-])(?P<list>[A-Z][\w'\u2019-]+(?:,[ \t]+[A-Z][\w'\u2019-]+)*,?[ \t]+"
    r"(?:and|or)[ \t]+[A-Z][\w'\u2019-]+)[ \t]+(?P<kind>[A-Za-z]+s)\b"
)


def _a_kind_of_people(word: Any) -> bool:
    """Is the plural a kind of people ("communities", "minorities") or one the model calls
    a religion or nationality ("Christians", "Muslims")?"""
    if word is None:
        return False
    return word.lemma_.lower() in PEOPLE_KINDS or (word.ent_type_ == "NORP" and word.tag_ == "NNPS")


def _invariant_peoples(doc: Annotated) -> None:
    """A people whose name the text writes before a people noun ("Orvash refugees",
    "Karsa families") is a people of its own where the text names it alone ("persecuted
    the Orvash", "many Karsa live in Vellport"): names that take no plural "s"."""
    names = {
        w
        for m in doc.mentions
        if m.cls == "Group" and m.source in ("people", "groups")
        for w in m.canonical.split()[:-1]
        if w[:1].isupper()
        and w[1:].islower()  # "Orvash", not the initials of a body
        and w.isalpha()
        and w not in demonyms()
        and not country_code(w)
        and w.lower() not in english_words()
    }
    if not names:
        return
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for token in parsed:
            if token.text not in names or token.dep_ not in _ARGUMENTS or token.ent_type_ == "ORG":
                continue  # "Vellters said": the model reads a body
            begin = sentence.start + token.idx
            _add_people(doc, begin, begin + len(token.text), ("Place", "Person", "Organization"))


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj"})


def _add_people(doc: Annotated, begin: int, end: int, guesses: tuple[str, ...]) -> None:
    """The people named at [begin, end), unless another mention covers it there; the
    model's guess of the very same span as one of the classes ``guesses`` gives way."""
    taken = [m for m in doc.mentions if m.start < end and begin < m.end]
    if len(taken) == 1:
        m = taken[0]
        if (m.start, m.end, m.source) == (begin, end, "entities") and m.cls in guesses:
            doc.mentions.remove(m)
            taken = []
    if not taken:
        doc.add_mention(Mention(begin, end, doc.document.text[begin:end], "Group", "peoples"))


# what opens a list of examples: "minorities, including A, B and C", "such as A and B"
_EXAMPLES = frozenset({"including", "as", "like"})


def _listed_peoples(parsed: Any) -> list[Any]:
    """The names a list gives as examples of peoples ("religious minorities, including
    the Zembi, Vellans and Orthodox Christians"): each one a people of its own."""
    found = []
    for prep in parsed:
        if prep.dep_ != "prep" or prep.lower_ not in _EXAMPLES:
            continue
        if prep.lower_ == "as" and not any(c.lower_ == "such" for c in prep.children):
            continue
        if prep.head.lemma_.lower() not in PEOPLE_KINDS:
            continue
        for first in (c for c in prep.children if c.dep_ == "pobj"):
            found += [
                t
                for t in (first, *first.conjuncts)
                if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper()
            ]
    return found

"""Peoples named by a plural proper noun: "Vellans", "Zembites", "Orthodox Christians". The
people-noun lexicon knows roles ("refugees", "students"); a people or a faith is a name
the model tags as a plural proper noun, which no lexicon need list."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.gazetteer import places
from reportgraph.extract.nlp import english_words
from reportgraph.extract.patterns import heading_line
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
    if token.ent_type_ == "NORP":
        return True
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
            taken = [m for m in doc.mentions if m.start < end and begin < m.end]
            if [(m.start, m.end, m.source, m.cls) for m in taken] == [
                (begin, end, "entities", "Place")
            ] and text[begin:end] not in places():
                doc.mentions.remove(taken[0])  # "Zembanis": the model's guess of a place
            elif taken:
                continue
            doc.add_mention(Mention(begin, end, text[begin:end], "Group", "peoples"))

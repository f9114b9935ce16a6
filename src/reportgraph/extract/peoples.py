"""Peoples named by a plural proper noun: "Vellans", "Zembites", "Orthodox Christians". The
people-noun lexicon knows roles ("refugees", "students"); a people or a faith is a name
the model tags as a plural proper noun, which no lexicon need list."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
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
    return token.tag_ == "NNPS" and re.search(rf"\b{re.escape(word[:-1])} [a-z]", text) is not None


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
            if any(m.start < end and begin < m.end for m in doc.mentions):
                continue
            doc.add_mention(Mention(begin, end, text[begin:end], "Group", "peoples"))

"""States named only by their adjective: "Zemban and Vellish firms were sanctioned", "in
Zemban labour camps". A report that speaks of a state's people, goods or bodies this way
speaks of the state; the rules that read groups ("Zemban refugees") and bodies ("the Zemban
police") take the words first, and what is left names the state itself."""

from __future__ import annotations

from typing import Any

from reportgraph.extract import component
from reportgraph.extract.gazetteer import countries, demonyms
from reportgraph.extract.people import people_nouns
from reportgraph.model import Annotated, Mention

# how the adjective stands in the parse: before its noun, or joined to one that does
_MODIFYING = frozenset({"amod", "compound", "conj", "nmod"})


@component("adjectives", requires=["parses", "mentions"], assigns=["mentions"])
def adjectives(doc: Annotated) -> None:
    text = doc.document.text
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for token in parsed:
            code = demonyms().get(token.text)
            if code is None or not _modifies(token):
                continue
            start = sentence.start + token.idx
            end = start + len(token.text)
            if any(m.start < end and start < m.end for m in doc.mentions):
                continue  # part of a name read before ("Zemban refugees", "the Zemban army")
            word = text[start:end]
            doc.add_mention(
                Mention(start, end, word, "Country", "adjectives", countries()[code].name, True)
            )


def _modifies(token: Any) -> bool:
    """Does the adjective stand before a noun ("Zemban entities"), or is it joined to one
    that does ("Zemban and Vellish entities")?"""
    if token.dep_ == "conj":
        return token.head.dep_ in _MODIFYING
    if token.head.tag_ == "NN" and token.head.lemma_.lower() in people_nouns():
        return False  # "a Zemban activist said": one person, who acts, not the state
    if token.head.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.head.children
    ):
        return False  # "a Zemban schoolteacher was abducted": one of its people or things
    return token.dep_ in _MODIFYING and token.head.pos_ == "NOUN"

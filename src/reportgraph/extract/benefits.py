"""Who helps whom: an act of aid with a giver and a receiver ("Vellistan sent food to the
refugees", "aid from the Council reached 40 families") relates the giver to the one it
helps (rg:aids), as a reader summing up the report would; so does support given to a
party ("Zembla stepped up its support for the Vell militias")."""

from __future__ import annotations

from typing import Any

from reportgraph.extract import component
from reportgraph.extract.patterns import relate
from reportgraph.model import Annotated, Mention, Sentence

_GIVERS = ("Country", "Organization", "Person")
_RECEIVERS = ("Group", "Country", "Person", "Organization")


@component("benefits", requires=["events", "parses"], assigns=["relations"])
def benefits(doc: Annotated) -> None:
    for event in doc.events:
        if event.cls != "Aid":
            continue
        for giver in (m for m in event.agents if m.cls in _GIVERS):
            for receiver in (m for m in event.affected if m.cls in _RECEIVERS):
                relate(doc, giver, "aids", receiver, event.sentence, "benefits")
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        for word in parsed:
            if word.lemma_.lower() == "support" and word.pos_ == "NOUN":
                _support(doc, sentence, word)


def _support(doc: Annotated, sentence: Sentence, noun: Any) -> None:
    """ "Zembla's support for the militias", "Zembla increased its support for them": who
    gives it (the noun's owner, else the subject of the verb it is the object of) aids
    whom it is for."""
    inside = doc.mentions_in(sentence)
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners or owners[0].tag_ == "PRP$":  # "its support": the subject says whose
        verb = noun.head if noun.dep_ == "dobj" else None
        owners = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    givers = [m for w in owners if (m := _named(inside, sentence, w, _GIVERS))]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "to")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            receiver = _named(inside, sentence, obj, _RECEIVERS)
            for giver in givers if receiver is not None else ():
                relate(doc, giver, "aids", receiver, sentence, "benefits")


def _named(inside: list[Mention], sentence: Sentence, word: Any, classes: tuple[str, ...]
           ) -> Mention | None:  # fmt: skip
    at = sentence.start + word.idx
    found = [m for m in inside if m.start <= at < m.end and m.cls in classes]
    return min(found, key=lambda m: m.end - m.start) if found else None

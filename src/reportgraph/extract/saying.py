"""Which verbs and nouns of saying in a sentence tell its statements: one act is often
named twice ("said in a statement"), and two verbs of saying may be two statements."""

from __future__ import annotations

from typing import Any

from reportgraph.extract.objections import trigger_token
from reportgraph.extract.triggers import Hit


def another_saying(parsed: Any, trigger: Hit, first: Hit) -> bool:
    """Is this verb of saying a statement besides the sentence's first one? Not when the
    first names the same act: "said in a communique", "said in his deposition"."""
    token, named = trigger_token(parsed, trigger), trigger_token(parsed, first)
    if token is None or named is None or token.pos_ != "VERB":
        return False
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp"):
        return False  # "announced on Monday, reiterating that ...": one statement goes on
    if token.dep_ == "acl" and named.i in (token.head.i, token.head.head.head.i):
        return False  # "a report published in May": the report (in which X said)
    if named.dep_ in ("nsubj", "nsubjpass") and named.head.i == token.i:
        return False  # "her report described the camps": what the report says
    return not (named.dep_ == "pobj" and named.head.head.i == token.i)


def told_by_the_verb(parsed: Any, triggers: list[Hit]) -> list[Hit]:
    """The sentence's triggers of saying with the verb first when the first is the noun of
    what it was said in ("In its annual report, the Commission recommended ..."): the
    verb says who spoke and what, the noun only where."""
    if len(triggers) < 2:
        return triggers
    named = trigger_token(parsed, triggers[0])
    if named is None or named.pos_ not in ("NOUN", "PROPN") or named.dep_ != "pobj":
        return triggers
    for trigger in triggers[1:]:
        token = trigger_token(parsed, trigger)
        if token is not None and token.pos_ == "VERB" and named.head.head.i == token.i:
            return [trigger, *(t for t in triggers if t is not trigger)]
    return triggers

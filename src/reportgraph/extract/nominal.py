"""Who did an act named by a noun, and to whom, read from the noun's parse.

A noun tells its roles by its own words: "the arrest of Ana Vell by the police" (the
object after "of", the agent after "by"), "Zembla's expulsion of the migrants" (the
owner acts when an object follows), "her detention" (else the owner undergoes a done-to
act). The verb that governs the noun says the rest: the subject of "carried out the
arrests" did them, the subject of "faces deportation" suffers it, and the subject of
"condemned the killing" did neither: it reacts to an act someone else did.
"""

from __future__ import annotations

from typing import Any

from reportgraph.model import Mention, Sentence

# Verbs whose subject does the act their object names ("the police carried out raids").
_DOING = frozenset(
    "carry conduct order impose launch begin start continue perform commit stage "
    "organize organise authorize authorise approve undertake enforce resume intensify "
    "escalate oversee lead step make mount unleash wage conclude complete hold host "
    "attend give deliver issue publish sign".split()
)
# Verbs whose subject judges, denies or looks into an act someone else did.
_REACTING = frozenset(
    "condemn criticize criticise denounce deplore decry deny dispute reject oppose protest "
    "investigate document welcome praise applaud lament mourn regret".split()
)
# Verbs whose subject undergoes the act their object names ("the migrants face deportation").
_UNDERGOING = frozenset("face fear risk escape survive endure suffer undergo avoid await".split())


def noun_roles(
    token: Any, cls_done_to: bool, sentence: Sentence, actors: list[Mention]
) -> tuple[list[Mention], list[Mention], list[Mention]] | None:
    """(agents, affected, reacting) for a trigger that is a noun, None for any other
    trigger. ``reacting`` are those the governing verb's subject names when that verb
    judges the act ("X condemned the killing"): not part of it."""
    if token is None or token.pos_ != "NOUN":
        return None

    def named(t: Any) -> list[Mention]:
        found = []
        for u in (t, *t.conjuncts):
            at = sentence.start + u.idx
            found += [m for m in actors if m.start <= at < m.end and m not in found]
        return found

    def objects(word: str) -> list[Any]:
        # "the imprisonment and abuse of activists": the last of a list of nouns holds
        # the words the whole list shares
        nouns = [token, *[c for c in token.conjuncts if c.i > token.i][-1:]]
        for noun in nouns:
            found = [
                o
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == word
                for o in p.children
                if o.dep_ == "pobj"
            ]
            if found:
                return found
        return []

    agents = [m for o in objects("by") for m in named(o)]
    affected = [m for o in objects("of") for m in named(o)]
    for owner in (c for c in token.children if c.dep_ == "poss"):
        if affected or (not agents and not cls_done_to):
            agents += named(owner)  # "Zembla's expulsion of the migrants", "Vell's statement"
        else:
            affected += named(owner)  # "her detention", "their arrest by the police"
    reacting: list[Mention] = []
    if token.dep_ in ("dobj", "nsubjpass"):
        verb = token.head
        subjects = [m for c in verb.children if c.dep_ == "nsubj" for m in named(c)]
        lemma = verb.lemma_.lower()
        if lemma in _DOING:
            agents += [m for m in subjects if m not in agents]
        elif lemma in _UNDERGOING:
            affected += [m for m in subjects if m not in affected]
        elif lemma in _REACTING:
            reacting = [m for m in subjects if m not in agents and m not in affected]
    return agents, affected, reacting

"""Who "he", "she" and "they" are: the person, or the group, named last before them.

Reports name a person once and go on with pronouns ("Ana Vell fled in May. She was
arrested in June."); an act told with a pronoun is still an act on that person. "They"
is taken for the last group named ("Forty refugees crossed. They were detained."), never
for a state or a body, which reports rarely call "they" in the same paragraph.
"""

from __future__ import annotations

from typing import Any

from reportgraph.model import Annotated, Mention

_HE_SHE = frozenset({"he", "she", "him", "her"})
REACH = 600  # characters back a pronoun may look for its person: about a paragraph


def pronoun_roles(doc: Annotated, offset: int, token: Any) -> tuple[list[Mention], list[Mention]]:
    """The people the trigger's pronoun subject and object stand for, as (agents,
    affected): "she was arrested" makes her affected, "he fled" an agent."""
    agents: list[Mention] = []
    affected: list[Mention] = []
    if token is None:
        return agents, affected
    for child in token.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if child.lower_ in _HE_SHE:
            person = antecedent(doc, offset + child.idx)
        elif child.lower_ in ("they", "them"):
            person = antecedent(doc, offset + child.idx, "Group")
        else:
            continue
        if person is not None:
            (agents if child.dep_ == "nsubj" else affected).append(person)
    return agents, affected


def antecedent(doc: Annotated, at: int, cls: str = "Person") -> Mention | None:
    """The person (or group) named last before ``at``, within ``REACH`` characters."""
    people = [m for m in doc.mentions if m.cls == cls and at - REACH <= m.start < at]
    return max(people, key=lambda m: m.start) if people else None

"""Who "he" and "she" are: the person named last before them.

Reports name a person once and go on with pronouns ("Ana Vell was detained in May. She
was released in June."); an act told with a pronoun is still an act on that person. Only
the singular personal pronouns are read: "they" may be a state, a body or a group.
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
        if child.lower_ not in _HE_SHE or child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        person = antecedent(doc, offset + child.idx)
        if person is not None:
            (agents if child.dep_ == "nsubj" else affected).append(person)
    return agents, affected


def antecedent(doc: Annotated, at: int) -> Mention | None:
    """The person named last before ``at``, within ``REACH`` characters."""
    people = [m for m in doc.mentions if m.cls == "Person" and at - REACH <= m.start < at]
    return max(people, key=lambda m: m.start) if people else None

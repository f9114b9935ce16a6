"""Acts done to or by people the text names with a plain noun or a personal pronoun
("the local person who helped them was fined", "he was convicted and jailed"): such an
act is told of someone even when no name takes part in it."""

from __future__ import annotations

from typing import Any

PERSONAL = frozenset("he she him her they them we us i me".split())
RELATIVE = frozenset("who that which".split())
_PEOPLE = frozenset(
    "person people man men woman women child children boy boys girl girls family families "
    "refugee refugees defector defectors migrant migrants prisoner prisoners worker workers "
    "resident residents citizen citizens national nationals missionary missionaries".split()
)


def someone(token: Any) -> bool:
    """Is the act done to or by people the text names with a plain noun or a personal
    pronoun ("the local person who helped them was fined", "he was convicted and
    jailed")?"""
    if token is None or token.pos_ != "VERB":
        return False
    verbs = [token]
    while verbs[-1].dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and len(verbs) < 5:
        verbs.append(verbs[-1].head)  # "Others were stopped while trying to flee": they did
    arguments = [c for v in verbs for c in v.children if c.dep_ in _ARGUMENTS]
    if token.dep_ == "relcl" and any(a.lower_ in RELATIVE for a in arguments):
        arguments.append(token.head)  # "women and children who fled": they did
    return any(
        a.lemma_.lower() in _PEOPLE
        or a.lower_ in _PEOPLE
        or a.lower_ in PERSONAL
        or any(c.dep_ == "nummod" for c in a.children)  # "more than 900,000 Orvash fled"
        or a.lower_ in _MULTITUDES  # "thousands of Orvash have fled"
        or a.lower_ in _SOME_OF_THEM  # "many fled", "most were returned": of those told before
        for a in arguments
    )


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_MULTITUDES = frozenset("dozens hundreds thousands millions scores".split())
_SOME_OF_THEM = frozenset("others many most some several".split())

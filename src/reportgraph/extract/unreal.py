"""Acts a sentence tells as only possible, required, conditional, planned, prevented or
asked for, not as done: "they may be detained", "if handed over", "to stop the
repatriation", "a hearing scheduled for May 3"."""

from __future__ import annotations

from typing import Any


def infinitive(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


# Modal auxiliaries that make a clause possible, required or hypothetical rather than
# reported as done ("will" is left out: a planned hearing or visit is news).
_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "shall", "can"})
# Subordinators of conditions and open questions: "if handed over", "whether they seek asylum".
_CONDITIONS = frozenset({"if", "whether", "unless"})
# Verbs that keep an act from happening: "stop the repatriation", "prevent them from fleeing".
_PREVENTING = frozenset(
    {"stop", "end", "halt", "cease", "prevent", "inhibit", "prohibit", "ban", "deter", "refrain"}
    | {"suspend", "freeze", "withhold", "cut", "block"}
)


def _modal(token: Any) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
            return True  # "they may be detained", "it must enforce"
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True  # "if handed over", "whether they seek asylum"
    return False


def _bare_passive(token: Any) -> bool:
    """ "demanding that they be granted asylum", "to allow them to be sent back": a passive
    wished for or permitted, not done ("are likely to be sent back" is a forecast, kept)."""
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if "be" not in auxes or auxes & {"will", "'ll"}:
        return False
    return "to" not in auxes or token.head.lemma_.lower() in _WISHING


_PLANNED = frozenset("schedule plan planned scheduled upcoming proposed expect set slate".split())
_WISHING = frozenset(
    "allow permit let want wish hope ask demand request seek urge call press".split()
)
_BIDDING = _WISHING | {"order", "instruct", "direct", "command"}
# "intends to punish", "vowed to release": meant, not done
_BIDDING |= {"intend", "aim", "plan", "propose", "promise", "pledge", "vow", "threaten"}


def unreal(token: Any) -> bool:
    """Is the act only possible, required, conditional or prevented, not reported as done?"""
    if _modal(token) or _bare_passive(token) or _asked_of_the_reader(token):
        return True
    if token.pos_ == "NOUN" and any(
        c.lemma_.lower() in _PLANNED for c in token.children if c.dep_ in ("acl", "amod")
    ):
        return True  # "a hearing scheduled for May 3", "the planned deportations"
    head = token.head
    if token.dep_ == "conj" and _modal(head):
        return True  # "they may be detained and expelled"
    if token.dep_ in ("xcomp", "advcl") and token.tag_ in ("VB", "VBG", "VBN") and _modal(head):
        return True  # "could be deemed assisting", "should not repatriate them, subjecting"
    bid = head if token.dep_ == "conj" else token
    if bid.dep_ == "xcomp" and infinitive(bid) and bid.head.lemma_.lower() in _BIDDING:
        return True  # "ordered each member to find and arrest them": an order, not yet done
    if token.dep_ == "dobj" and head.lemma_.lower() in _PREVENTING:
        return True  # "end its campaign"
    return (
        token.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in _PREVENTING
    )  # "inhibits that government from repatriating them"


def _asked_of_the_reader(token: Any) -> bool:
    """Is the act in a sentence that asks the reader to do something ("Write to the
    minister, urging him to free them", "Urge the authorities to release her"): a verb in
    its base form, with no subject, opening the sentence, or the clause it governs?"""
    verb = token
    while verb.dep_ in ("advcl", "xcomp", "conj", "dobj", "pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and verb.i == verb.sent.start
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)
    )

"""Which laws an act rests on or is said to break: every law of the sentence for a legal
act; for any other act, a law named after a cue ("in violation of the Charter", "under
Article 5"; the cues are data, ``data/law_cues.tsv``), unless the act is told in a clause
of its own ("accusing X of violating the Convention during a crackdown that forced
thousands to flee": the crackdown's, not the flight's)."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.extract.bystanders import in_relative_after, word_of
from reportgraph.extract.coref import topic
from reportgraph.model import Annotated, Mention, Sentence


def acts_laws(cls: str, laws: list[Mention], token: Any, sentence: Sentence) -> tuple[Mention, ...]:
    return tuple(
        m
        for m in laws
        if cls == "LegalAction"
        or (
            (_invoked(m, sentence) or _brought_about(m, token, sentence))
            and not in_relative_after(m, token, sentence)
            and not _told_apart(token, m, sentence)
        )
    )


def anothers_law(law: Mention, token: Any, triggers: list[Any], sentence: Sentence) -> bool:
    """Does the law hang from another act of the sentence than ``token``'s, the first act
    or verb above it in the parse ("designated officials under Order 14024 for the
    suppression of protests": the designation's law, not the protests')?"""
    word = word_of(law, token, sentence) if token is not None else None
    acts = {t.i for t in triggers if t is not None}
    for _ in range(6):
        if word is None or word.head.i == word.i:
            return False
        word = word.head
        if word.i in acts or word.pos_ in ("VERB", "AUX"):
            return word.i in acts and word.i != token.i
    return False


def law_of_the_topic(doc: Annotated, token: Any) -> tuple[Mention, ...]:
    """The law, campaign or operation a text is about, for an act it brings about, told
    with "it" or its kind ("Operation Vell Hunt is a campaign of ... It has led to the
    arrest of 40 people", "critics accused the operation of targeting dissidents")."""
    law = topic(doc)
    if law is None or law.cls != "Law" or token is None:
        return ()
    kind = law.text.split()[0 if law.text.split()[0] in _LEADING_KINDS else -1].lower()
    steps = [token]
    while len(steps) < 5 and steps[-1].dep_ != "conj" and steps[-1].head.i != steps[-1].i:
        steps.append(steps[-1].head)  # up to the verb the act hangs from, not across "and"
    for c in (c for step in steps for c in step.children):
        if (c.lower_ == "it" and c.dep_ == "nsubj") or (
            c.dep_ in ("nsubj", "dobj") and c.lower_ == kind and _the(c)
        ):
            return (law,)
    return ()


# the kinds of law whose word opens the name ("Operation Vell Hunt")
_LEADING_KINDS = frozenset({"Operation"})


def _the(word: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in word.children)


def _brought_about(law: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the law the subject of the verb the act hangs from ("the operation has led to the
    arrest of 40 people", "the law was used to detain them")?"""
    word = word_of(law, token, sentence) if token is not None else None
    if word is None or word.dep_ not in ("nsubj", "nsubjpass") or word.head.i == token.i:
        return False
    step = token
    for _ in range(3):  # up to the verb, not across "and" into another clause
        if step.dep_ == "conj" or step.head.i == step.i:
            return False
        step = step.head
        if step.i == word.head.i:
            return True
    return False


def _told_apart(token: Any, law: Mention, sentence: Sentence) -> bool:
    """Is the trigger in a relative clause the law is not in ("accusing X of violating
    the Convention during a crackdown that forced thousands to flee": not the flight's)?"""
    if token is None:
        return False
    at = law.start - sentence.start
    for above in (token, *token.ancestors):
        if above.dep_ == "relcl":
            return not (above.left_edge.idx <= at <= above.right_edge.idx)
    return False


def _invoked(law: Mention, sentence: Sentence) -> bool:
    """Is the law named as what an act breaks or rests on ("in violation of the Charter",
    "under Article 5")? The cue words are data: ``data/law_cues.tsv``."""
    return bool(law_cues().search(sentence.text[: law.start - sentence.start]))


@cache
def law_cues() -> re.Pattern[str]:
    """A cue right before the law, or a cue, then in the same clause what the law holds
    and a word that carries the cue on to the law."""
    rows = (files("reportgraph") / "data" / "law_cues.tsv").read_text(encoding="utf-8")
    cues, carried = rows.split("\n# carried\n", 1)
    # "under the colonial-era Secrets Act", "under its new, sweeping Security Law"
    quality = rf"(?:(?:[a-z]+-[a-z]+|{'|'.join(_QUALITIES)}),?\s+){{0,2}}"
    the = rf"\s+(?:(?:the|its|their|this|that|a)\s+{quality})?$"
    held = r"\s+[^.;:()\n]{1,100}?\b"  # "the principle of non-refoulement"
    return re.compile(
        rf"\b(?:{_alternatives(cues)})(?:{the}|{held}(?:{_alternatives(carried)}){the})", re.I
    )


# what a text says of a law between its article and its name
_QUALITIES = (
    "new", "controversial", "draconian", "repressive", "restrictive", "sweeping", "amended",
    "revised", "notorious", "infamous", "vague", "harsh", "existing", "old", "broad",
)  # fmt: skip


def _alternatives(rows: str) -> str:
    cues = [r.strip() for r in rows.splitlines() if r.strip() and not r.startswith("#")]
    return "|".join(r"\s+".join(map(re.escape, c.split())) for c in cues)

"""Whether the person or group named before a verb of holding is the one held ("Ana Vell
was held at the prison", "relatives held in Vardia"), read from the parse, not from the
words between them: "the police detained journalists in Vardia" holds the journalists, and
"X said relatives held at the prison ..." holds the relatives, not X."""

from __future__ import annotations

from typing import Any

from reportgraph.model import Annotated, Mention, Sentence

_HOLDING = frozenset("hold detain imprison jail keep send".split())
_RELATIVE = frozenset("who that which".split())


def held(doc: Annotated, sentence: Sentence, who: Mention, end: int) -> bool:
    """May ``who`` be what the first verb of holding after it, before ``end``, holds? Not
    when the parse says it holds someone else, or that ``who`` does the holding."""
    index = next((i for i, s in enumerate(doc.sentences) if s is sentence), None)
    if index is None or index >= len(doc.parses):
        return True
    parsed = doc.parses[index]
    verbs = [
        t
        for t in parsed
        if t.lemma_.lower() in _HOLDING
        and t.pos_ == "VERB"
        and who.end <= sentence.start + t.idx < end
    ]
    if not verbs:
        return True
    verb = verbs[0]
    if any(c.dep_ == "nsubj" and _covers(who, sentence.start + c.idx) for c in verb.children):
        return False  # "the militia detained journalists in Vardia": who holds them
    while verb.dep_ == "conj" and not _undergoers(verb):
        verb = verb.head  # "was beaten and held at ...": the first verb's subject
    words = _undergoers(verb)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        words.append(verb.head)  # "relatives held at the prison"
    # only where the parse names someone else held is it not them (parses err, and a
    # verb may take its subject from far away: "are likely to be imprisoned in")
    return not words or any(_covers(who, sentence.start + w.idx) for w in words)


def _undergoers(verb: Any) -> list[Any]:
    found = []
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            # "Ana Vell, who was held in ...": the one "who" stands for
            found.append(verb.head if c.lower_ in _RELATIVE else c)
    return found


def _covers(m: Mention, at: int) -> bool:
    return m.start <= at < m.end

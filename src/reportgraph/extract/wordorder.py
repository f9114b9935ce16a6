"""Who did an act and to whom by the order of words, where the parse says nothing better:
the last name before the trigger in its clause does it, the first names after it undergo
it (``roles.from_parse`` corrects these from the parse), and the names listed with the
object after a comma, which the order of words takes for another clause."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract.bystanders import word_of
from reportgraph.extract.patterns import AT_PLACE, PLACE_BEFORE, speaker_last
from reportgraph.model import Mention, Sentence

# Where a clause ends: an actor across one of these does not act in the other clause.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|who|which)\b|\b(?:said|says|that|because|although)\b"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def by_order(
    sentence: Sentence, trigger: Any, actors: list[Mention], passive: bool | None, given_to: bool
) -> tuple[list[Mention], list[Mention]]:
    """(agents, affected) by the order of words: the last name before the trigger in its
    clause does it, the first two after it (not where it was done, nor, unless the act is
    ``given_to`` someone, where it went) undergo it. ``trigger`` is its match in the
    sentence."""

    def start(m: Mention) -> int:  # where the list the name ends begins
        return _list_start(m, actors, sentence) - sentence.start

    at = sentence.start + trigger.start()
    breaks_before = [b.end() for b in _CLAUSE_BREAK.finditer(sentence.text, 0, trigger.start())]
    clause_start = sentence.start + (breaks_before[-1] if breaks_before else 0)
    next_break = _CLAUSE_BREAK.search(sentence.text, trigger.end())
    end = next_break.start() if next_break else len(sentence.text)
    speaking = speaker_last(sentence.text)  # "..., the Vell Council said": who says it
    if speaking is not None and trigger.end() <= speaking:
        end = min(end, speaking)
    clause_end = sentence.start + end
    before = [m for m in actors if clause_start <= m.start and m.end <= at]
    where = AT_PLACE if given_to else PLACE_BEFORE
    after = [
        m
        for m in actors
        if sentence.start + trigger.end() <= m.start < clause_end
        and not where.search(sentence.text[: start(m)])
    ]
    # "the Vell Front (VF)": the short form in brackets is the name before it again
    after = [m for i, m in enumerate(after) if m.canonical not in {a.canonical for a in after[:i]}]
    agents = before[-1:] if before else []
    if given_to:  # "delivered through the Vell Food Fund": who hands it on, not who gets it
        after = [m for m in after if not _THROUGH.search(sentence.text[: start(m)])]
    affected = after[:2]
    if passive is None:
        passive = bool(_PASSIVE.search(sentence.text[: trigger.start()]))
    if passive:
        # not the "by" of a verb joined after it: "adopted in 2022 and criticized by X"
        by = _BY.match(sentence.text[trigger.end() : trigger.end() + 40])
        agents_after = [
            m for m in after if by and m.start >= sentence.start + trigger.end() + by.end()
        ]
        return agents_after[:1], agents
    return agents, [m for m in affected if m not in agents]


_THROUGH = re.compile(r"\b(?:through|via)\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"(?:(?!\band\b|,).)*?\bby\s+", re.S)
_LIST_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")


def _list_start(mention: Mention, names: list[Mention], sentence: Sentence) -> int:
    """Where the list a name ends begins ("to Benin and Nigeria": at Benin), so that what
    stands before the list stands before each of its names."""
    start = mention.start
    while True:
        joined = [
            m
            for m in names
            if m.end <= start
            and _LIST_JOIN.fullmatch(sentence.text, m.end - sentence.start, start - sentence.start)
        ]
        if not joined:
            return start
        start = max(joined, key=lambda m: m.end).start


def listed_objects(token: Any, sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    """The names the parse lists with the verb's object, by "and" after a comma where the
    order of words ends the clause: "detained its editor, Ana Vell, and five reporters"."""
    found: list[Mention] = []
    for m in actors if token is not None else ():
        if not (sentence.start <= m.start and m.end <= sentence.end):
            continue
        word = word_of(m, token, sentence)
        if word is None or word.dep_ != "conj":
            continue
        for _ in range(8):
            if word.dep_ not in ("conj", "appos") or word.head.i == word.i:
                break
            word = word.head
        if word.dep_ == "dobj" and word.head.i == token.i:
            found.append(m)
    return found

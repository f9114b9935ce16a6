"""When an act happened: the date its clause writes, else the one nearest its trigger;
where the sentence dates nothing, the time the report tells of (its date for what it tells
as news of its day, its year for the rest)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reportgraph.dates import DateMention, find_dates
from reportgraph.extract.objections import trigger_token
from reportgraph.extract.triggers import Hit
from reportgraph.model import Annotated, Sentence


def date_of(dates: list[DateMention], parsed: Any, trigger: Hit) -> str | None:
    """The date the sentence writes for the act of ``trigger``, if any."""
    return _nearest(_own_dates(dates, parsed, trigger), trigger.start(), trigger.end())


def date_told(doc: Annotated, cls: str, sentence: Sentence, token: Any) -> str | None:
    """The date of an act its sentence does not date, from the report's own (or, when the
    report is not dated, the year of the latest date it writes)."""
    report = doc.document.date or latest_year(doc.document.text)
    if _said_now(token) if cls == "Statement" else _done_now(token):
        return report  # "the ministry says", "has condemned": as the report is dated
    if _THIS_TEXT.search(sentence.text):
        return report  # "introduced the following bill": the text it heads
    if _done_before(token):
        return None
    return _year_told(report, sentence)


def _said_now(token: Any) -> bool:
    """Is the verb of saying in the present or the present perfect ("urges", "has
    condemned")? Then it is said on the day the report is dated."""
    if token is None or token.pos_ != "VERB":
        return False
    if token.tag_ in ("VBZ", "VBP"):
        return True
    return token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have") for c in token.children
    )


def _done_now(token: Any) -> bool:
    """Is the act told in the present perfect or progressive ("has deported", "is
    imposing")? Then the report tells it as news of its own day."""
    if token is None or token.pos_ != "VERB" or token.tag_ not in ("VBN", "VBG"):
        return False
    aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & {"has", "have"}) if token.tag_ == "VBN" else bool(aux & {"is", "are"})


def _done_before(token: Any) -> bool:
    """Is the act told in the past perfect ("had fled")? Then it came before the time the
    report tells of."""
    return token is not None and any(
        c.lower_ == "had" for c in token.children if c.dep_ in ("aux", "auxpass")
    )


# The text that follows, whose act is the document's own and of its date.
_THIS_TEXT = re.compile(
    r"\bthe following (?:(?:joint |concurrent )?resolution|bill|amendment|statement|remarks)\b"
)


def _own_dates(dates: list[DateMention], parsed: Any, trigger: Hit) -> list[DateMention]:
    """The dates of the trigger's own clause, else of the clauses under it, else all: in
    "Last week, one of the nine expelled in March 2004 gave evidence", last week is
    when the testimony was; in "those who were detained when they tried to enter the embassy
    on April 29", April 29 is when they were detained."""
    token = trigger_token(parsed, trigger)
    if token is None or not dates:
        return dates
    verb = parsed[clause_of(token)]
    clauses = {d: _clause(parsed, d.start) for d in dates}
    # "the ILO, which opened an office in 2018, said": the relative clause's date is its own
    dates = [d for d in dates if not _relative_apart(parsed, clauses[d], token)]
    if len(dates) < 2:
        return dates
    own = [d for d in dates if clauses[d] == verb.i]
    below = {t.i for t in verb.subtree}
    return own or [d for d in dates if clauses[d] in below] or dates


def _relative_apart(parsed: Any, clause: int, token: Any) -> bool:
    """Is the clause a relative clause the trigger is not in, or a participle describing
    another noun ("convicted under the law imposed in 2020": 2020 is the law's)?"""
    verb = parsed[clause] if clause >= 0 else None
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "which it trained and equipped since 2017": the relative clause's
    if verb is None or token in verb.subtree:
        return False
    if verb.dep_ == "acl":  # but "at the conference held in April", "in a letter dated May",
        noun = verb.head  # "during the hunt carried out in August": the act's time
        framing = noun.dep_ == "pobj" and noun.head.lower_ in FRAMES
        told_of = token in noun.subtree  # "the children who were arrested, carried off in May"
        return not told_of and noun.lemma_.lower() not in _OCCASIONS and not framing
    return verb.dep_ == "relcl"


# Words that make a noun the time of an act ("during the protests"); what a text dates as
# the time of what is said or done at it.
FRAMES = frozenset("during amid after before since following throughout".split())
_OCCASIONS = frozenset(
    "address briefing conference hearing interview letter meeting message report session"
    " speech statement summit visit".split()
)


def _clause(parsed: Any, at: int) -> int:
    span = parsed.char_span(at, at + 1, alignment_mode="expand")
    return clause_of(span[0]) if span is not None and len(span) else -1


def clause_of(token: Any) -> int:
    """The verb whose clause the token belongs to (its index), or the root."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return int(token.i)


def _year_told(report: str | None, sentence: Sentence) -> str | None:
    """The year of an act its sentence does not date: the report's own. A report tells
    mostly of its own time ("police detained two more activists", in a report of 2031);
    the year alone, as the text gives no more. Not where the sentence writes a year of its
    own that is not a date ("after a 2019 arrest", "a 2020 study"): it tells of then."""
    if not report or _A_YEAR.search(sentence.text):
        return None
    return report[:4]


@lru_cache(maxsize=8)
def latest_year(text: str) -> str | None:
    """The year of the latest date a text writes with its month ("Oct. 26, 2022", "May
    2021"): about when an undated report was written, as reports tell of their own days."""
    years = [d.iso[:4] for d in find_dates(text) if len(d.iso) >= 7]
    return max(years) if years else None


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _nearest(dates: list[DateMention], start: int, end: int) -> str | None:
    """The date written closest to the trigger, by the gap between the two: in "Last month,
    one of the seven repatriated from China in January 2000 testified", January 2000."""
    if not dates:
        return None
    return min(dates, key=lambda d: max(d.start - end, start - d.end)).iso

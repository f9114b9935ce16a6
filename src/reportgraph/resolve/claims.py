"""Claims after resolution: sources, groups, places and events as keys, and conflicts.

Two claims conflict when they give figures that cannot both hold (ranges that do not
overlap) for one kind of count (the same counted lemma) of one group, where their places
do not differ and their periods agree, from different sources; or when one denies an event
that another asserts; or when two documents date one event (one node after ``events``
resolution) differently in year or month. Each side of a date conflict is the document's
claim about the event: a claim of that sentence, else one made for it (the document's
publisher asserts the event on that date). A claim's period is its own date, else its
report's: "there are 20,000 refugees here" in a report of 2012 speaks of 2012.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations

from reportgraph.model import Annotated, Claim, Event, Figure, Mention, Resolved
from reportgraph.numbers import figures
from reportgraph.resolve.events import dates_differ

MAX_BLOCK = 500  # claims compared per group or event (a corpus-wide group could hold more)


def build_claims(
    docs: list[Annotated],
    key_of: dict[tuple[str, int, int], str],
    resolved: Resolved,
    publishers: dict[str, str] | None = None,
) -> list[Claim]:
    """One ``Claim`` per claim mention, with stable keys (document and offset), then those
    made for the sides of date conflicts, all with their conflicts. ``publishers`` (a
    publisher's name -> the organization's key) defaults to those of ``resolved`` (see
    ``publishers_of``)."""
    if publishers is None:
        publishers = publishers_of(resolved)
    claims = doc_claims(docs, key_of, resolved.events, publishers)
    claims += _date_conflicts(docs, resolved.events, claims, publishers)
    mark_conflicts(claims)
    return claims


def doc_claims(
    docs: list[Annotated],
    key_of: dict[tuple[str, int, int], str],
    events: list[Event],
    publishers: dict[str, str],
) -> list[Claim]:
    """Each document's own claims, without conflicts (``events``: those of ``docs``, in
    order, with the keys coreference gave them)."""
    event_keys = _event_keys(docs, events)
    claims: list[Claim] = []
    for doc in docs:
        file_name = doc.document.file_name

        def key(m: Mention, file_name: str = file_name) -> str:
            return key_of.get((file_name, m.start, m.end), "")

        for cm in doc.claims:
            digest = hashlib.sha1(f"{file_name}\0{cm.start}".encode()).hexdigest()[:12]
            source = key(cm.source) if cm.source else ""
            if cm.own and doc.document.publisher:
                source = publishers.get(doc.document.publisher, "")
            groups = list(dict.fromkeys(k for k in map(key, cm.about) if k))
            # within one report, "1,500 families" and "nearly 4,000 families" are one
            # population counted twice, though resolution keeps them two groups
            groups += sorted({f"{file_name}\0{p}" for p in map(_phrase, cm.about) if p})
            events_here = [
                event_keys[(file_name, c, s)]
                for c, s in cm.events
                if (file_name, c, s) in event_keys
            ]
            claims.append(
                Claim(
                    key=f"claim/{digest}",
                    document=file_name,
                    stance=cm.stance,
                    cue=cm.cue,
                    evidence=" ".join(cm.sentence.text.split()),
                    start=cm.start,
                    end=cm.end,
                    source=source,
                    source_text="" if source or cm.own else (cm.source_text or "unnamed sources"),
                    about=list(
                        dict.fromkeys([*events_here, *(g for g in groups if "\0" not in g)])
                    ),
                    groups=groups,
                    places=sorted({k for k in map(key, cm.places) if k}),
                    figures=list(cm.figures),
                    date=cm.date,
                    document_date=doc.document.date,
                )
            )
    return claims


class Sides:
    """The claim that stands for a document's side of a date conflict: its own claim
    about the event on that date (``claims_of``: a document's claims, in order), else one
    made for it (``made``), asserted by its publisher's organization (``publisher_of``),
    of its date (``date_of``)."""

    def __init__(
        self,
        claims_of: Callable[[str], Iterable[Claim]],
        publisher_of: Callable[[str], str],
        date_of: Callable[[str], str | None],
    ) -> None:
        self.claims_of, self.publisher_of, self.date_of = claims_of, publisher_of, date_of
        self.made: dict[str, Claim] = {}

    def side(self, ev: Event) -> Claim:
        for c in self.claims_of(ev.document):
            if ev.key in c.about and c.date == ev.date:
                return c
        start, end = ev.start or 0, ev.end or 0
        digest = hashlib.sha1(f"{ev.document}\0date\0{ev.cls}\0{start}".encode()).hexdigest()
        key = f"claim/{digest[:12]}"
        if key not in self.made:
            self.made[key] = Claim(
                key=key,
                document=ev.document,
                stance="asserts",
                cue=ev.trigger,
                evidence=ev.evidence,
                start=start,
                end=end,
                source=self.publisher_of(ev.document),
                about=[ev.key],
                date=ev.date,
                document_date=self.date_of(ev.document),
            )
        return self.made[key]


def conflict_dates(told: list[Event], sides: Sides) -> None:
    """Mark the sides of the documents that date one event (``told``: its dated reports,
    in order) differently as conflicting."""
    for a, b in combinations(told, 2):
        if a.document != b.document and dates_differ(a.date, b.date):
            ca, cb = sides.side(a), sides.side(b)
            ca.conflicts.append(cb.key)
            cb.conflicts.append(ca.key)


def _date_conflicts(
    docs: list[Annotated], events: list[Event], claims: list[Claim], publishers: dict[str, str]
) -> list[Claim]:
    """Mark the claims of documents that date one event differently as conflicting; returns
    the claims made for the sides no claim of the document's own covered."""
    reports = {d.document.file_name: d.document for d in docs}
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.document].append(claim)
    sides = Sides(
        lambda doc: by_doc.get(doc, []),
        lambda doc: publishers.get(reports[doc].publisher or "", ""),
        lambda doc: reports[doc].date,
    )
    told: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        if ev.date:
            told[ev.key].append(ev)
    for key in sorted(told):
        conflict_dates(told[key], sides)
    return [sides.made[k] for k in sorted(sides.made)]


def _phrase(mention: Mention) -> str:
    """A counted group's words without its figure: "hundreds of thousands of migrants" and
    "more than 2,000 refugees" both count "refugees"."""
    text = mention.text
    for span in reversed(figures(text)):
        text = text[: span.start] + " " + text[span.end :]
    words = text.lower().split()
    while words and words[0] in ("of", "the", "a", "an", "some", "estimated", "other"):
        words = words[1:]
    return " ".join(words)


def _event_keys(docs: list[Annotated], events: list[Event]) -> dict[tuple[str, str, int], str]:
    """(document, class, trigger offset) -> event key: ``build_events`` makes one event per
    event mention, in order, and coreference may have given it another event's key."""
    out: dict[tuple[str, str, int], str] = {}
    it = iter(events)
    for doc in docs:
        for ev in doc.events:
            out[(doc.document.file_name, ev.cls, ev.trigger_start)] = next(it).key
    return out


def publishers_of(resolved: Resolved) -> dict[str, str]:
    """A publisher's name -> the organization it names, when one entity has that name."""
    out: dict[str, str] = {}
    for entity in sorted(resolved.entities.values(), key=lambda e: e.key):
        if entity.cls == "Organization":
            for name in (entity.label, *sorted(entity.alt_labels)):
                out.setdefault(name, entity.key)
    return out


def source_of(claim: Claim) -> tuple[str, str]:
    """Who claims it, for telling sources apart: an unnamed source is its document's."""
    if claim.source:
        return ("entity", claim.source)
    if claim.source_text:
        return ("text", f"{claim.document}\0{claim.source_text.lower()}")
    return ("document", claim.document)


def periods_agree(a: Claim, b: Claim) -> bool:
    """Two claims that say when count in the same year; otherwise an undated claim speaks
    of its report's time, and counts made less than a year apart are of one period (two
    reports of one season disagree; a count of 2001 and one of 2012 do not)."""
    if a.date and b.date:
        return a.date[:4] == b.date[:4]
    ta, tb = a.date or a.document_date, b.date or b.document_date
    return not ta or not tb or _months_apart(ta, tb) < 12


def _months_apart(a: str, b: str) -> int:
    """Months between two ISO dates at their own precision (a year spans its months)."""

    def span(iso: str) -> tuple[int, int]:
        year = int(iso[:4]) * 12
        if len(iso) >= 7:
            return year + int(iso[5:7]) - 1, year + int(iso[5:7]) - 1
        return year, year + 11

    (alo, ahi), (blo, bhi) = span(a), span(b)
    return max(0, blo - ahi, alo - bhi)


def _exact(f: Figure) -> bool:
    """A count as plain as "seven" or "1,470": a group of that size, not an estimate."""
    return f.value is not None and bool(re.fullmatch(r"[\d,.]+|[A-Za-z]+", f.text))


def _disjoint(a: Figure, b: Figure) -> bool:
    (alo, ahi), (blo, bhi) = a.bounds(), b.bounds()
    return ahi < blo or bhi < alo


def figures_conflict(a: Claim, b: Claim) -> tuple[Figure, Figure] | None:
    """The first pair of figures of ``a`` and ``b`` that cannot both hold, if any."""
    shared = set(a.groups) & set(b.groups)
    if not shared or not periods_agree(a, b):
        return None
    by_phrase = all("\0" in g for g in shared)
    if a.places and b.places and not set(a.places) & set(b.places):
        return None
    for fa in a.figures:
        for fb in b.figures:
            if by_phrase and _exact(fa) and _exact(fb):
                continue  # "seven Freedonians" and "1,470 Freedonians": two groups
            if fa.counted_lemma and fa.counted_lemma == fb.counted_lemma and _disjoint(fa, fb):
                return fa, fb
    return None


def _stances_conflict(a: Claim, b: Claim) -> bool:
    if {a.stance, b.stance} not in ({"asserts", "denies"}, {"alleges", "denies"}):
        return False
    events = {k for k in a.about if k.startswith("event/")}
    return bool(events & {k for k in b.about if k.startswith("event/")})


def claims_conflict(a: Claim, b: Claim) -> bool:
    """Do two claims of different sources give figures that cannot both hold, or does one
    deny an event the other asserts?"""
    if source_of(a) == source_of(b):
        return False
    return bool(figures_conflict(a, b)) or _stances_conflict(a, b)


def claim_blocks(claim: Claim) -> list[str]:
    """The blocks ``mark_conflicts`` compares a claim in: its groups and what it is about."""
    return sorted({*claim.about, *claim.groups})


def mark_conflicts(claims: list[Claim]) -> None:
    """Record each conflict on both claims (sorted keys, so the output is stable). Only
    claims that share a group or an event are compared: a block of one group, not all
    pairs of a corpus (the first ``MAX_BLOCK`` of a block, in order)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for key in claim_blocks(claim):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for i, j in combinations(members[:MAX_BLOCK], 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            a, b = claims[i], claims[j]
            if claims_conflict(a, b):
                a.conflicts.append(b.key)
                b.conflicts.append(a.key)
    for claim in claims:
        claim.conflicts = sorted(set(claim.conflicts))

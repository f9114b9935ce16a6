"""Events and claims as the snapshot keeps them: each event as its document told it (its
own key and label) with the event coreference gave it; each claim without its conflicts,
and its conflicts by where they come from, so that a later build redoes only those a
change touches. A claim conflicts with those it is compared with in a block (a group or
an event it is about: ``mark_conflicts``, within the first ``MAX_BLOCK`` of the block)
and with the claims of documents that date an event it is the side of otherwise
(``conflict_dates``); its conflicts are the union of both, sorted."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from reportgraph.codec import decode, encode
from reportgraph.incremental.snapshot import dumps
from reportgraph.model import Claim, Entity, Event, Resolved
from reportgraph.resolve import Trace
from reportgraph.resolve.claims import (
    MAX_BLOCK,
    Sides,
    claim_blocks,
    claims_conflict,
    conflict_dates,
    publishers_of,
)

Marks = dict[str, list[str]]  # block -> the claims compared there that conflict


def event_data(event: Event) -> str:
    return dumps(encode(event))


def event_of(data: str) -> Event:
    return decode(Event, json.loads(data))


def claim_data(claim: Claim) -> str:
    """A claim without its conflicts, as JSON."""
    return dumps(encode(dataclasses.replace(claim, conflicts=[])))


def claim_of(data: str) -> Claim:
    return decode(Claim, json.loads(data))


def record_events(db: sqlite3.Connection, resolved: Resolved, trace: Trace) -> bool:
    """Each event as its document told it and the event whose key coreference gave it;
    False when two events had one own key (which one a merged event is would be
    unknown)."""
    place: dict[str, tuple[str, int]] = {}
    index: list[tuple[str, int]] = []
    counter: dict[str, int] = {}
    for own, event in zip(trace.own_event_keys, resolved.events, strict=True):
        i = counter.get(event.document, 0)
        counter[event.document] = i + 1
        index.append((event.document, i))
        place.setdefault(own, (event.document, i))
    rows, blocks = [], []
    own_events: dict[str, list[Event]] = defaultdict(list)
    for (doc, i), own, label, event in zip(
        index, trace.own_event_keys, trace.own_event_labels, resolved.events, strict=True
    ):
        mine = dataclasses.replace(event, key=own, label=label)
        own_events[doc].append(mine)
        head = place[event.key]
        rows.append((doc, i, own, event.key, event.label, head[0], head[1], event_data(mine)))
    for doc, events in own_events.items():
        blocks += [(b, doc, i) for i, b in event_blocks(events, resolved.entities)]
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO eventblocks VALUES (?, ?, ?)", blocks)
    return len(place) == len(index)


def event_blocks(events: list[Event], entities: dict[str, Entity]) -> list[tuple[int, str]]:
    """(event, block) for one document's events (in order, with their own keys), for the
    blocks ``events.corefer`` compares them in: one class, one month and one participant
    or place not a whole country; and for ``_told_with_other_dates``, the only dated event
    of a class a document tells of a person."""
    found: list[tuple[int, str]] = []
    told: dict[tuple[str, str], list[int]] = {}
    for i, event in enumerate(events):
        if event.date and len(event.date) >= 7:
            keys = {*event.agents, *event.affected, *([event.place] if event.place else [])}
            for key in sorted(keys):
                if entities[key].cls != "Country":
                    found.append((i, f"{event.cls}\0{event.date[:7]}\0{key}"))
        for key in dict.fromkeys(event.agents + event.affected):
            if entities[key].cls == "Person":
                told.setdefault((event.cls, key), []).append(i)
    for (cls, key), at in sorted(told.items()):
        if len(at) == 1 and events[at[0]].date:
            found.append((at[0], f"told\0{cls}\0{key}"))
    return found


def record_claims(db: sqlite3.Connection, resolved: Resolved, trace: Trace) -> None:
    """Each claim with its conflicts by block and by event; refuses (ValueError) when they
    do not add up to the conflicts the build gave it."""
    claims = resolved.claims
    regular = [dataclasses.replace(c, conflicts=[]) for c in claims[: trace.regular_claims]]
    marks = block_marks(claims)
    reports = {d.file_name: d for d in resolved.documents}
    publishers = publishers_of(resolved)
    dates, made = date_marks(
        _groups(resolved.events),
        regular,
        lambda doc: publishers.get(reports[doc].publisher or "", ""),
        lambda doc: reports[doc].date,
    )
    if [c.key for c in made] != [c.key for c in claims[trace.regular_claims :]]:
        raise ValueError("the claims made for date conflicts are not those of the build")
    rows, blocks, groups = [], [], []
    counter: dict[str, int] = defaultdict(int)
    for n, claim in enumerate(claims):
        is_made = n >= trace.regular_claims
        i = -1 if is_made else counter[claim.document]
        counter[claim.document] += not is_made
        mine = dates.get(claim.key, {})
        if sorted(set(_union(marks[n], mine))) != claim.conflicts:
            raise ValueError(f"{claim.key}: its conflicts do not add up")
        rows.append((claim.key, claim.document, i, int(is_made), claim_data(claim),
                     dumps(marks[n]), dumps(mine), dumps(claim.conflicts)))  # fmt: skip
        blocks += [(b, claim.key) for b in claim_blocks(claim) if "\0" not in b]
        groups += [(g, claim.key) for g in mine]
    db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO claimblocks VALUES (?, ?)", blocks)
    db.executemany("INSERT INTO claimgroups VALUES (?, ?)", groups)


def _groups(events: Iterable[Event]) -> dict[str, list[Event]]:
    """The dated reports of each event (by its key after coreference), in order."""
    told: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.date:
            told[event.key].append(event)
    return told


def _union(*parts: dict[str, list[str]]) -> list[str]:
    return [key for part in parts for found in part.values() for key in found]


def block_marks(claims: list[Claim]) -> list[Marks]:
    """What ``mark_conflicts`` gives each claim of ``claims`` (all of them, in order), by
    block."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, claim in enumerate(claims):
        for key in claim_blocks(claim):
            blocks[key].append(n)
    marks: list[Marks] = [{} for _ in claims]
    for key, members in blocks.items():
        for n, partners in window_marks([claims[m] for m in members[:MAX_BLOCK]]).items():
            marks[members[n]][key] = partners
    return marks


def window_marks(window: list[Claim]) -> dict[int, list[str]]:
    """The conflicts among the claims compared in one block (its first ``MAX_BLOCK``)."""
    found: dict[int, list[str]] = {}
    for a in range(len(window)):
        for b in range(a + 1, len(window)):
            if claims_conflict(window[a], window[b]):
                found.setdefault(a, []).append(window[b].key)
                found.setdefault(b, []).append(window[a].key)
    return found


def date_marks(
    groups: dict[str, list[Event]],
    regular: list[Claim],
    publisher_of: Callable[[str], str],
    date_of: Callable[[str], str | None],
) -> tuple[dict[str, Marks], list[Claim]]:
    """What ``conflict_dates`` gives each claim, by event, for the events ``groups``
    (their dated reports); and the claims made for sides, by key."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in regular:
        by_doc[claim.document].append(claim)
    sides = _Recording(lambda doc: by_doc.get(doc, []), publisher_of, date_of)
    found: dict[str, Marks] = defaultdict(dict)
    for key in sorted(groups):
        conflict_dates(groups[key], sides)
        for claim in sides.touched.values():
            if claim.conflicts:
                found[claim.key][key] = claim.conflicts
                claim.conflicts = []
        sides.touched.clear()
    return found, [sides.made[k] for k in sorted(sides.made)]


class _Recording(Sides):
    """``Sides`` that remembers the sides it gave since last asked."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.touched: dict[str, Claim] = {}

    def side(self, ev: Event) -> Claim:
        claim = super().side(ev)
        self.touched[claim.key] = claim
        return claim

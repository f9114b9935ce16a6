"""Event coreference after a change: ``events.corefer`` run again on the events the
change can reach, and only those.

``corefer`` compares events only within blocks (one class, one month, one participant or
place not a whole country; or the one event of a class two documents each tell of a
person), in event order. The events a change reaches are those of the documents made
again and those that share a block with one reached, again and again: a block holds only
reached events or none, so running ``corefer`` on the reached ones, in order, joins them
as the whole run does.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from reportgraph.incremental.library import Library
from reportgraph.incremental.record import event_blocks
from reportgraph.incremental.rest import DocOrder
from reportgraph.model import Event
from reportgraph.resolve.events import corefer

MAX_REACH = 20_000  # events redone at most; beyond, the build resolves everything


def recorefer(
    db: sqlite3.Connection, order: DocOrder, library: Library, made: set[str], gone: set[str]
) -> set[str] | str:
    """Coreference redone for the events of the documents ``made`` again (their entities
    changed, or they are new) and of those ``gone``, and for every event they reach.
    Returns the documents of every event redone, or why the change reaches too far."""
    blocks: dict[str, list[tuple[str, int]]] = {}  # block -> its events, made again
    reached: dict[tuple[str, int], Event] = {}
    todo: list[str] = []
    for doc in sorted(made | gone):
        todo += [row[0] for row in db.execute("SELECT bkey FROM eventblocks WHERE doc = ?", (doc,))]
    for doc in sorted(made):
        events = library.events(doc)
        for i, event in enumerate(events):
            reached[(doc, i)] = event
        for i, block in event_blocks(events, library.entities(_keys(events))):
            blocks.setdefault(block, []).append((doc, i))
            todo.append(block)
    seen: set[str] = set()
    while todo:
        block = todo.pop()
        if block in seen:
            continue
        seen.add(block)
        rows = db.execute("SELECT doc, i FROM eventblocks WHERE bkey = ?", (block,)).fetchall()
        for doc, i in rows:
            if doc in made or doc in gone or (doc, i) in reached:
                continue
            reached[(doc, i)] = library.events(doc)[i]
            if len(reached) > MAX_REACH:
                return "the change reaches too many events"
            for (more,) in db.execute(
                "SELECT bkey FROM eventblocks WHERE doc = ? AND i = ?", (doc, i)
            ):
                todo.append(more)
    ordered = sorted(reached, key=lambda at: (order(at[0]), at[1]))
    events = [dataclasses.replace(reached[at]) for at in ordered]
    own = [event.key for event in events]
    keys = set().union(*(_keys([e]) for e in events)) if events else set()
    corefer(events, library.entities(keys))
    _store(db, made, gone, ordered, events, own, blocks)
    return {doc for doc, _ in ordered}


def _keys(events: list[Event]) -> set[str]:
    found: set[str] = set()
    for e in events:
        found |= {*e.agents, *e.affected, *e.others, *e.laws, *([e.place] if e.place else [])}
    return found


def _store(
    db: sqlite3.Connection,
    made: set[str],
    gone: set[str],
    ordered: list[tuple[str, int]],
    events: list[Event],
    own: list[str],
    blocks: dict[str, list[tuple[str, int]]],
) -> None:
    """Write the events redone into the snapshot."""
    head = {}
    for at, key in zip(ordered, own, strict=True):
        head.setdefault(key, at)
    for doc in sorted(made | gone):
        db.execute("DELETE FROM events WHERE doc = ?", (doc,))
        db.execute("DELETE FROM eventblocks WHERE doc = ?", (doc,))
    for (doc, i), event, key in zip(ordered, events, own, strict=True):
        at = head[event.key]
        db.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc, i, key, event.key, event.label, at[0], at[1]),
        )
    db.executemany(
        "INSERT INTO eventblocks VALUES (?, ?, ?)",
        [(block, doc, i) for block, found in sorted(blocks.items()) for doc, i in found],
    )

"""Event coreference after a change: ``events.corefer`` run again on the events the
change can reach, and only those.

``corefer`` compares events only within blocks (one class, one month, one participant or
place not a whole country; or the one event of a class two documents each tell of a
person), in event order. The events a change reaches are those of the documents made
again and those that share a block with one reached, again and again: a block holds only
reached events or none, so running ``corefer`` on the reached ones, in order, joins them
as the whole run does. The others are read from the snapshot, as their documents told
them; only the documents made again are read.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass, field

from reportgraph.incremental.library import Library
from reportgraph.incremental.rest import DocOrder
from reportgraph.incremental.stored import event_blocks, event_data, event_of
from reportgraph.model import Event
from reportgraph.resolve.events import corefer

MAX_REACH = 50_000  # events redone at most; beyond, the build resolves everything


@dataclass
class Recorefered:
    changed: set[str] = field(default_factory=set)  # documents whose events came out otherwise
    groups: set[str] = field(default_factory=set)  # events (keys) whose reports changed


def recorefer(
    db: sqlite3.Connection, order: DocOrder, library: Library, made: set[str], gone: set[str]
) -> Recorefered | str:
    """Coreference redone for the events of the documents ``made`` again (new, or whose
    entities changed) and of those ``gone``, and for every event they reach; or why the
    change reaches too far."""
    new_blocks: list[tuple[str, str, int]] = []
    reached: dict[tuple[str, int], Event] = {}
    todo: list[str] = []
    for doc in sorted(made | gone):
        todo += [r[0] for r in db.execute("SELECT bkey FROM eventblocks WHERE doc = ?", (doc,))]
    for doc in sorted(made):
        events = library.events(doc)
        for i, event in enumerate(events):
            reached[(doc, i)] = event
        for i, block in event_blocks(events, library.entities(_keys(events))):
            new_blocks.append((block, doc, i))
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
            row = db.execute("SELECT data FROM events WHERE doc = ? AND i = ?", (doc, i))
            reached[(doc, i)] = event_of(row.fetchone()[0])
            if len(reached) > MAX_REACH:
                return "the change reaches too many events"
            more = db.execute("SELECT bkey FROM eventblocks WHERE doc = ? AND i = ?", (doc, i))
            todo += [r[0] for r in more]
    ordered = sorted(reached, key=lambda at: (order(at[0]), at[1]))
    events = [dataclasses.replace(reached[at]) for at in ordered]
    keys = set().union(*(_keys([e]) for e in events)) if events else set()
    corefer(events, library.entities(keys))
    done = _store(db, made, gone, ordered, [reached[at] for at in ordered], events)
    db.executemany("INSERT INTO eventblocks VALUES (?, ?, ?)", new_blocks)
    return done


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
    own: list[Event],
    events: list[Event],
) -> Recorefered:
    """Write the events redone into the snapshot; what changed."""
    done = Recorefered()
    head = {}
    for at, event in zip(ordered, own, strict=True):
        head.setdefault(event.key, at)
    for doc in sorted(made | gone):
        done.groups |= {r[0] for r in db.execute("SELECT key FROM events WHERE doc = ?", (doc,))}
        db.execute("DELETE FROM events WHERE doc = ?", (doc,))
        db.execute("DELETE FROM eventblocks WHERE doc = ?", (doc,))
    for (doc, i), mine, event in zip(ordered, own, events, strict=True):
        row = db.execute("SELECT key, label FROM events WHERE doc = ? AND i = ?", (doc, i))
        before = row.fetchone()
        if doc in made:
            done.groups.add(event.key)
        elif tuple(before) != (event.key, event.label):
            done.changed.add(doc)
            done.groups |= {before[0], event.key}
        at = head[event.key]
        db.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc, i, mine.key, event.key, event.label, at[0], at[1], event_data(mine)),
        )
    return done

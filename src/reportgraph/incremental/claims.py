"""Claims after a change, from those the snapshot keeps (see ``stored``).

The claims of the documents made again (new, or whose entities, events or publisher's
organization changed) are built again; the others stay as they were, but for their
conflicts. A claim's conflicts come from the blocks it is compared in and from the
events it is a side of: those of the blocks that hold an old or a new claim, and of the
events whose reports or sides changed, are worked out again, from the first
``MAX_BLOCK`` claims of the block in the build's order (documents' own claims in order,
then those made for date conflicts, by key) as ``mark_conflicts`` takes them; the rest
stay.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import defaultdict

from reportgraph.incremental.library import Library
from reportgraph.incremental.rest import DocOrder
from reportgraph.incremental.snapshot import dumps
from reportgraph.incremental.stored import (
    Marks,
    claim_data,
    claim_of,
    date_marks,
    event_of,
    window_marks,
)
from reportgraph.model import Claim, Event
from reportgraph.resolve.claims import MAX_BLOCK, claim_blocks, doc_claims


class Claims:
    """The claims of the snapshot, with those of documents made again replaced."""

    def __init__(self, db: sqlite3.Connection, order: DocOrder) -> None:
        self.db, self.order = db, order
        self.new: dict[str, list[Claim]] = {}  # document -> its own claims, built again
        self.removed: set[str] = set()  # claims no longer there (their keys)
        self.added: dict[str, Claim] = {}  # claims made or built again, by key
        self._stored: dict[str, sqlite3.Row | None] = {}

    def row(self, key: str) -> sqlite3.Row | None:
        if key not in self._stored:
            self._stored[key] = self.db.execute(
                "SELECT * FROM claims WHERE key = ?", (key,)
            ).fetchone()
        return self._stored[key]

    def claim(self, key: str) -> Claim:
        if key in self.added:
            return self.added[key]
        row = self.row(key)
        assert row is not None
        return claim_of(row["data"])

    def regular(self, doc: str) -> list[Claim]:
        """A document's own claims, in order, as they are now."""
        if doc in self.new:
            return self.new[doc]
        rows = self.db.execute(
            "SELECT data FROM claims WHERE doc = ? AND made = 0 ORDER BY i", (doc,)
        )
        return [claim_of(r[0]) for r in rows]

    def place(self, key: str, *, old: bool = False) -> tuple[float, float, str]:
        """Where a claim comes in the build's list of claims (``old``: the last build's):
        documents' own claims in order, then those made for date conflicts, by key."""
        if not old and key in self.added:
            claim = self.added[key]
            if claim in self.new.get(claim.document, []):
                return (self.order(claim.document), self.new[claim.document].index(claim), "")
            return (float("inf"), 0.0, key)
        row = self.row(key)
        assert row is not None
        if row["made"]:
            return (float("inf"), 0.0, key)
        return (self.order(row["doc"]), float(row["i"]), "")

    def made(self, key: str) -> bool:
        """Is this claim (as it is now) one made for a date conflict?"""
        if key in self.added:
            claim = self.added[key]
            return claim not in self.new.get(claim.document, [])
        row = self.row(key)
        return bool(row is not None and row["made"])

    def index(self, key: str) -> int:
        """Its place among its document's own claims (-1: made for a date conflict)."""
        if self.made(key):
            return -1
        if key in self.added:
            claim = self.added[key]
            return self.new[claim.document].index(claim)
        row = self.row(key)
        assert row is not None
        return int(row["i"])


def reclaim(
    db: sqlite3.Connection,
    order: DocOrder,
    library: Library,
    rebuilt: set[str],
    gone: set[str],
    groups: set[str],
) -> dict[str, list[Claim]]:
    """The claims, with their conflicts, of every document whose claims changed, and of
    those ``rebuilt``; the snapshot is brought up to date. ``groups``: the events (keys)
    whose reports changed."""
    claims = Claims(db, order)
    present = sorted(rebuilt & library.present, key=order)
    old = [r[0] for doc in sorted(rebuilt | gone) for r in db.execute(
        "SELECT key FROM claims WHERE doc = ? AND made = 0", (doc,))]  # fmt: skip
    claims.removed |= set(old)
    for doc in present:
        claims.new[doc] = _built(library, doc)
        for claim in claims.new[doc]:
            claims.added[claim.key] = claim
        groups |= {event.key for event in library.final_events(doc) if event.date}
    for key in old:
        groups |= {r[0] for r in db.execute("SELECT grp FROM claimgroups WHERE key = ?", (key,))}
    dates, made = _dates(db, library, claims, groups)
    for grp in sorted(groups):
        for (key,) in db.execute(
            "SELECT g.key FROM claimgroups g JOIN claims c ON c.key = g.key "
            "WHERE g.grp = ? AND c.made = 1",
            (grp,),
        ):
            claims.removed.add(key)
    for claim in made:
        claims.added[claim.key] = claim
    marks = _marks(db, claims)
    return _store(db, claims, marks, dates, groups, present)


def _built(library: Library, doc: str) -> list[Claim]:
    annotated = library.annotated(doc)
    name = annotated.document.publisher
    publishers = {name: library.publisher(name)} if name and library.publisher(name) else {}
    return doc_claims([annotated], library.key_of(doc), library.final_events(doc), publishers)


def _dates(
    db: sqlite3.Connection, library: Library, claims: Claims, groups: set[str]
) -> tuple[dict[str, Marks], list[Claim]]:
    """``conflict_dates`` for the events ``groups``: each claim's conflicts by event, and
    the claims made for sides."""
    told: dict[str, list[Event]] = {}
    for grp in sorted(groups):
        rows = db.execute("SELECT doc, i, label, data FROM events WHERE key = ?", (grp,))
        events = []
        for doc, i, label, data in rows.fetchall():
            event = dataclasses.replace(event_of(data), key=grp, label=label)
            if event.date:
                events.append(((claims.order(doc), i), event))
        told[grp] = [event for _, event in sorted(events, key=lambda pair: pair[0])]
    docs = {e.document for found in told.values() for e in found}
    regular = [c for doc in sorted(docs) for c in claims.regular(doc)]
    regular = [dataclasses.replace(c, conflicts=[]) for c in regular]
    facts = {
        doc: db.execute("SELECT publisher, date FROM docs WHERE doc = ?", (doc,)).fetchone()
        for doc in docs
    }
    return date_marks(
        told,
        regular,
        lambda doc: library.publisher(facts[doc][0]),
        lambda doc: facts[doc][1],
    )


def _marks(db: sqlite3.Connection, claims: Claims) -> dict[str, Marks]:
    """For every claim compared in a block that holds an old or a new claim: its
    conflicts there (an empty list: compared no more, or with no conflict)."""
    blocks: set[str] = set()
    for key in claims.removed:
        blocks |= {r[0] for r in db.execute("SELECT bkey FROM claimblocks WHERE key = ?", (key,))}
    for claim in claims.added.values():
        blocks |= set(claim_blocks(claim))
    found: dict[str, Marks] = defaultdict(dict)
    for block in sorted(blocks):
        stored = [r[0] for r in db.execute("SELECT key FROM claimblocks WHERE bkey = ?", (block,))]
        before = sorted(stored, key=lambda k: claims.place(k, old=True))[:MAX_BLOCK]
        now = [k for k in stored if k not in claims.removed]
        now += [k for k, c in claims.added.items() if block in claim_blocks(c)]
        window = sorted(now, key=claims.place)[:MAX_BLOCK]
        for key in before:
            found[key][block] = []
        conflicts = window_marks([claims.claim(k) for k in window])
        for n, key in enumerate(window):
            found[key][block] = conflicts.get(n, [])
    return found


def _store(
    db: sqlite3.Connection,
    claims: Claims,
    marks: dict[str, Marks],
    dates: dict[str, Marks],
    groups: set[str],
    present: list[str],
) -> dict[str, list[Claim]]:
    """Write the claims that changed; return the claims of each document concerned."""
    touched = set(marks) | set(dates) | set(claims.added)
    for grp in sorted(groups):
        touched |= {r[0] for r in db.execute("SELECT key FROM claimgroups WHERE grp = ?", (grp,))}
    docs: set[str] = set(present)
    for key in sorted(claims.removed - set(claims.added)):
        row = claims.row(key)
        if row is not None:
            docs.add(row["doc"])
        for table in ("claims", "claimblocks", "claimgroups"):
            db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
    for key in sorted(touched - (claims.removed - set(claims.added))):
        row = None if key in claims.added else claims.row(key)  # all worked out again
        old_marks = json.loads(row["marks"]) if row is not None else {}
        old_dates = json.loads(row["dates"]) if row is not None else {}
        new_marks = {**old_marks, **marks.get(key, {})}
        new_marks = {b: found for b, found in sorted(new_marks.items()) if found}
        new_dates = {g: found for g, found in old_dates.items() if g not in groups}
        new_dates.update(dates.get(key, {}))
        new_dates = dict(sorted(new_dates.items()))
        conflicts = sorted({k for part in (new_marks, new_dates) for f in part.values() for k in f})
        claim, before = claims.claim(key), claims.row(key)
        if (
            before is None
            or before["data"] != claim_data(claim)
            or json.loads(before["conflicts"]) != conflicts
        ):
            docs.add(claim.document)
        db.execute("DELETE FROM claims WHERE key = ?", (key,))
        db.execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, claim.document, claims.index(key), int(claims.made(key)), claim_data(claim),
             dumps(new_marks), dumps(new_dates), dumps(conflicts)),
        )  # fmt: skip
        if key in claims.added:
            db.execute("DELETE FROM claimblocks WHERE key = ?", (key,))
            db.executemany(
                "INSERT INTO claimblocks VALUES (?, ?)",
                [(b, key) for b in claim_blocks(claim) if "\0" not in b],
            )
        db.execute("DELETE FROM claimgroups WHERE key = ?", (key,))
        db.executemany("INSERT INTO claimgroups VALUES (?, ?)", [(g, key) for g in new_dates])
    return {doc: _claims_of(db, doc) for doc in sorted(docs) if doc in claims.new or _has(db, doc)}


def _has(db: sqlite3.Connection, doc: str) -> bool:
    return db.execute("SELECT 1 FROM docs WHERE doc = ?", (doc,)).fetchone() is not None


def _claims_of(db: sqlite3.Connection, doc: str) -> list[Claim]:
    """A document's claims as the snapshot now holds them, with their conflicts."""
    rows = db.execute(
        "SELECT data, conflicts FROM claims WHERE doc = ? ORDER BY made, i, key", (doc,)
    )
    return [dataclasses.replace(claim_of(d), conflicts=json.loads(c)) for d, c in rows]

"""One changed document's share of resolution, swapped in the snapshot: its old nodes
out, its new ones in (each unit joined to its anchor, see ``checks``), counted groups
joined again where the change reaches (``groups``), and the touched clusters' entities
worked out again (``entities``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportgraph.incremental.alone import Alone
from reportgraph.incremental.checks import Checker
from reportgraph.incremental.entities import refresh
from reportgraph.incremental.groups import Group, Regroup
from reportgraph.incremental.record import Rows, alias_rows, counted_rows
from reportgraph.incremental.rest import DocOrder, Rest

TABLES = ("nodes", "postings", "initials", "definers", "aliases", "orgnames", "counted",
          "groupblocks", "joins")  # fmt: skip


@dataclass
class Swapped:
    dirty: set[str] = field(default_factory=set)  # documents whose graph is to be made again
    publishers: set[str] = field(default_factory=set)  # organization names that changed


def fresh_numbers(db: sqlite3.Connection) -> Iterator[int]:
    """Numbers no cluster of the snapshot uses yet (for ``p1``, ``acid`` and ``cid``)."""
    row = db.execute(
        "SELECT MAX(MAX(IFNULL((SELECT MAX(p1) FROM nodes), 0), "
        "IFNULL((SELECT MAX(acid) FROM nodes), 0)), "
        "IFNULL((SELECT MAX(cid) FROM clusters), 0))"
    ).fetchone()
    number = int(row[0]) + 1
    while True:
        yield number
        number += 1


def swap(
    db: sqlite3.Connection,
    order: DocOrder,
    doc: str,
    old: Alone | None,
    new: Alone | None,
    fresh: Iterator[int],
) -> Swapped | str:
    """Replace ``old`` (None: the document is new) by ``new`` (None: it is gone) in the
    snapshot; a string says why this cannot be done without a full resolution."""
    rest = Rest(db, doc, order)
    if old is not None:
        why = Checker(old, rest, old=True, fresh=fresh).run()
        if why:
            return f"{doc} as it was: {why}"
    checker = None
    if new is not None:
        checker = Checker(new, rest, old=False, fresh=fresh)
        why = checker.run()
        if why:
            return f"{doc}: {why}"
    regroup = Regroup(db, order)
    old_groups = regroup.groups_where("c.doc = ?", (doc,))
    before = db.execute("SELECT acid, cid FROM nodes WHERE doc = ?", (doc,)).fetchall()
    done = Swapped(publishers=_org_names(db, doc))
    touched = {row["cid"] for row in before}
    acids = {row["acid"] for row in before}
    for table in TABLES:
        db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
    if new is not None and checker is not None:
        rows = Rows()
        for node in new.nodes:
            ref, anchor = checker.refs[node.id], checker.anchors[new.units[node.id]]
            cid = next(iter(anchor[0].cid)) if anchor else ref.acid
            rows.add(node, node.id, new.units[node.id], ref.p1, ref.acid, cid,
                     new.guards[node.id])  # fmt: skip
            touched.add(cid)
            acids.add(ref.acid)
        rows.insert(db)
        db.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?)", alias_rows(new.stated))
        counted_rows(db, [(group, group.node.id) for group in new.counted.values()])
        done.dirty.add(doc)
        done.publishers |= _org_names(db, doc)
    regroup = Regroup(db, order)  # what it knows, now with the new nodes
    start: list[Group] = regroup.groups_where("c.doc = ?", (doc,))
    for group in old_groups:
        start += regroup.partners(group)
    for acid in sorted(acids):
        start += regroup.in_acid(acid)
    reached = regroup.reach(start)
    if reached is None:
        return f"{doc}: its counted groups reach too many others"
    for together in regroup.rejoin(reached):
        touched |= _settle(db, together, fresh, done)
    done.publishers |= _labels(db, touched)  # as they were
    refreshed = refresh(db, order, touched)
    if refreshed.clash:
        return f"{doc}: two clusters would have one key"
    done.dirty |= refreshed.docs
    for cid in refreshed.changed:
        done.publishers |= _cluster_org_names(db, cid)
    return done


def _settle(
    db: sqlite3.Connection, together: set[int], fresh: Iterator[int], done: Swapped
) -> set[int]:
    """Give the clusters (``acid``) that counted groups joined into one the one final
    cluster number: the one they had when they were one cluster already. Returns the
    final clusters touched."""
    marks = ", ".join("?" * len(together))
    rows = db.execute(f"SELECT doc, cid FROM nodes WHERE acid IN ({marks})", sorted(together))
    found = rows.fetchall()
    cids = {row["cid"] for row in found}
    if len(cids) == 1:
        (cid,) = cids
        held = db.execute("SELECT DISTINCT acid FROM nodes WHERE cid = ?", (cid,)).fetchall()
        if {row[0] for row in held} == together:
            return set()
    number = next(fresh)
    db.execute(f"UPDATE nodes SET cid = ? WHERE acid IN ({marks})", (number, *sorted(together)))
    done.dirty |= {row["doc"] for row in found}
    return cids | {number}


def _labels(db: sqlite3.Connection, cids: set[int]) -> set[str]:
    marks = ", ".join("?" * len(cids))
    sql = f"SELECT label FROM clusters WHERE cls = 'Organization' AND cid IN ({marks})"
    return {row[0] for row in db.execute(sql, sorted(cids))}


def _org_names(db: sqlite3.Connection, doc: str) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM orgnames WHERE doc = ?", (doc,))}


def _cluster_org_names(db: sqlite3.Connection, cid: int) -> set[str]:
    rows = db.execute(
        "SELECT o.name FROM orgnames o JOIN nodes n ON n.doc = o.doc AND n.idx = o.idx "
        "WHERE n.cid = ?",
        (cid,),
    )
    names = {row[0] for row in rows}
    label = db.execute(
        "SELECT label FROM clusters WHERE cid = ? AND cls = 'Organization'", (cid,)
    ).fetchone()
    return names | ({label[0]} if label else set())

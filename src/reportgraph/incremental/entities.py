"""The entities of the clusters a change touched, worked out again from their nodes as
``resolve._entities`` works them out for all: label, key (salted when an earlier
cluster's label gives the same key), Wikidata item, coordinates. A changed entity
changes the named graph of every document that names it."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from reportgraph.incremental.rest import DocOrder
from reportgraph.model import Entity
from reportgraph.resolve import entity_key, finish_entity, label_of, salted_key


@dataclass
class Refreshed:
    changed: set[int] = field(default_factory=set)  # clusters whose entity is not the same
    docs: set[str] = field(default_factory=set)  # documents naming a changed entity
    clash: bool = False  # two clusters came to one key: only a full resolution settles it


FIELDS = ("cls", "label", "base", "key", "same_as", "lat", "long", "min_doc", "min_idx", "salt")


def refresh(db: sqlite3.Connection, order: DocOrder, cids: set[int]) -> Refreshed:
    """Recompute the clusters ``cids`` (those gone are removed) and the keys of every
    cluster whose label shares a key with one of them."""
    done = Refreshed()
    before = {cid: _row(db, cid) for cid in cids}
    bases: set[str] = {row["base"] for row in before.values() if row is not None}
    for cid in sorted(cids):
        made = _entity(db, order, cid)
        if made is None:
            db.execute("DELETE FROM clusters WHERE cid = ?", (cid,))
            continue
        old = before[cid]
        values = {**made, "key": old["key"] if old is not None else made["base"]}
        db.execute(
            f"INSERT OR REPLACE INTO clusters (cid, {', '.join(FIELDS)}) "
            f"VALUES (?, {', '.join('?' * len(FIELDS))})",
            (cid, *(values[f] for f in FIELDS)),
        )
        bases.add(made["base"])
    moved: set[int] = set()
    for base in sorted(bases):
        moved |= _keys(db, order, base)
    for cid in sorted(cids):
        old, new = before[cid], _row(db, cid)
        if old is None or new is None or any(old[f] != new[f] for f in FIELDS[:7]):
            done.changed.add(cid)
    done.changed |= moved  # a salted key can move with a cluster not touched itself
    for cid in sorted(done.changed):
        row = _row(db, cid)
        if row is not None:
            same = db.execute("SELECT COUNT(*) FROM clusters WHERE key = ?", (row["key"],))
            done.clash = done.clash or same.fetchone()[0] > 1
        for (doc,) in db.execute("SELECT DISTINCT doc FROM nodes WHERE cid = ?", (cid,)):
            done.docs.add(doc)
    return done


def _row(db: sqlite3.Connection, cid: int) -> sqlite3.Row | None:
    db.row_factory = sqlite3.Row
    return db.execute("SELECT * FROM clusters WHERE cid = ?", (cid,)).fetchone()


def _entity(db: sqlite3.Connection, order: DocOrder, cid: int) -> dict[str, object] | None:
    nodes = db.execute("SELECT doc, idx, cls, first FROM nodes WHERE cid = ?", (cid,)).fetchall()
    if not nodes:
        return None
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    preferred: Counter[str] = Counter()
    names: set[str] = set()
    # nodes that name it alike are read once ("China" in a thousand documents)
    rows = db.execute(
        "SELECT canonicals, forms, preferred, GROUP_CONCAT(doc, char(0)) FROM nodes "
        "WHERE cid = ? GROUP BY canonicals, forms, preferred",
        (cid,),
    )
    for canonicals_text, forms_text, prefers, joined in rows:
        canonicals, where = json.loads(canonicals_text), joined.split("\0")
        for name, n in canonicals.items():
            counts[name] += n * len(where)
            docs.setdefault(name, set()).update(where)
        if prefers:
            preferred[prefers] += len(where)
        names |= set(canonicals) | set(json.loads(forms_text))
    first = min(nodes, key=lambda r: (order(r["doc"]), r["idx"]))
    cls = first["cls"]
    label = label_of(cls, counts, {name: len(found) for name, found in docs.items()}, preferred)
    entity = Entity(key="", cls=cls, label=label)
    finish_entity(entity, names)
    return {
        "cls": cls, "label": label, "base": entity_key(cls, label), "same_as": entity.same_as,
        "lat": entity.lat, "long": entity.long, "min_doc": first["doc"],
        "min_idx": first["idx"], "salt": first["first"],
    }  # fmt: skip


def _keys(db: sqlite3.Connection, order: DocOrder, base: str) -> set[int]:
    """The first cluster (by its first node) whose label gives ``base`` has it as its key;
    the others a salted one. Returns the clusters whose key this changed."""
    moved = set()
    rows = db.execute(
        "SELECT cid, key, min_doc, min_idx, salt FROM clusters WHERE base = ?", (base,)
    ).fetchall()
    rows.sort(key=lambda r: (order(r["min_doc"]), r["min_idx"]))
    for i, row in enumerate(rows):
        key = base if i == 0 else salted_key(base, row["min_doc"], row["salt"])
        if key != row["key"]:
            db.execute("UPDATE clusters SET key = ? WHERE cid = ?", (key, row["cid"]))
            moved.add(row["cid"])
    return moved

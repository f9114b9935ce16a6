"""The rest of the collection, as the snapshot holds it: every node of the documents that
did not change, found by the keys the rules block nodes by, and the order of documents
(node ids run document by document, and rules take the first node of a block)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reportgraph.resolve.clusters import Node

COLUMNS = (
    "doc, idx, cls, key, name, local, unit, p1, acid, cid, states, places, canonicals, forms, "
    "preferred, first, person, words, short, acronym, letters, spelling"
)


class DocOrder:
    """Where each document comes in the build's order: the new order for documents read
    now, and for a document gone, its place among the others in the old order."""

    def __init__(self, old: dict[str, int], new: list[str]) -> None:
        self.place: dict[str, float] = {name: float(i) for i, name in enumerate(new)}
        before = -0.5
        for name in sorted(old, key=old.__getitem__):
            if name in self.place:
                before = self.place[name]
            else:
                self.place[name] = before + 0.5

    def __call__(self, doc: str) -> float:
        return self.place[doc]


@dataclass(eq=False)
class Ref:
    """A node, of the rest (``row``) or of the changed document (``node``)."""

    doc: str
    idx: int
    cls: str
    key: str
    name: str
    p1: int
    acid: int
    order: tuple[float, int]
    row: sqlite3.Row | None = field(default=None, repr=False)
    node: Node | None = field(default=None, repr=False)

    @cached_property
    def names(self) -> frozenset[str]:
        if self.node is not None:
            return frozenset(set(self.node.canonicals) | self.node.forms | {self.node.name})
        assert self.row is not None
        return names_of(self.row["canonicals"], self.row["forms"], self.name)


@lru_cache(maxsize=1 << 16)
def names_of(canonicals: str, forms: str, name: str) -> frozenset[str]:
    """A stored node's names (many nodes share one set: it is read once)."""
    return frozenset(json.loads(canonicals)) | frozenset(json.loads(forms)) | {name}


@lru_cache(maxsize=1 << 12)
def stored_set(text: str) -> frozenset[str]:
    """A set stored as JSON (a node's states or known places)."""
    return frozenset(json.loads(text))


class Rest:
    """Queries on the snapshot that leave out the document ``doc`` (the one changing),
    each asked once while the snapshot holds the others as they were."""

    def __init__(self, db: sqlite3.Connection, doc: str, order: DocOrder) -> None:
        self.db, self.doc, self.order = db, doc, order
        self.db.row_factory = sqlite3.Row
        self._seen: dict[tuple[object, ...], list[Ref]] = {}  # the snapshot does not change

    def _refs(self, sql: str, args: Iterable[object]) -> list[Ref]:
        key = (sql, *args)
        if key not in self._seen:
            rows = self.db.execute(sql, (*args, self.doc)).fetchall()
            self._seen[key] = [self.ref(row) for row in rows]
        return self._seen[key]

    def ref(self, row: sqlite3.Row) -> Ref:
        return Ref(row["doc"], row["idx"], row["cls"], row["key"], row["name"], row["p1"],
                   row["acid"], (self.order(row["doc"]), row["idx"]), row=row)  # fmt: skip

    def open_by(self, column: str, cls: str, value: str) -> list[Ref]:
        """The open nodes of class ``cls`` whose ``column`` (a key of ``NodeKeys``) is
        ``value``."""
        assert column in ("key", "person", "words", "short", "acronym", "letters", "spelling")
        sql = (
            f"SELECT {COLUMNS} FROM nodes WHERE cls = ? AND {column} = ? AND local = 0 AND doc != ?"
        )
        return self._refs(sql, (cls, value))

    def open_by_shorts(self, cls: str, shorts: list[str]) -> list[Ref]:
        found: list[Ref] = []
        for start in range(0, len(shorts), 500):
            part = shorts[start : start + 500]
            sql = (
                f"SELECT {COLUMNS} FROM nodes WHERE cls = ? AND short IN "
                f"({', '.join('?' * len(part))}) AND local = 0 AND doc != ?"
            )
            found += self._refs(sql, (cls, *part))
        return found

    def unit(self, doc: str, unit: int) -> list[Ref]:
        sql = f"SELECT {COLUMNS} FROM nodes WHERE doc = ? AND unit = ? AND doc != ?"
        return self._refs(sql, (doc, unit))

    def _joined(self, table: str, where: str, args: tuple[object, ...]) -> list[Ref]:
        sql = (
            f"SELECT {', '.join('n.' + c.strip() for c in COLUMNS.split(','))} FROM {table} t "
            f"JOIN nodes n ON n.doc = t.doc AND n.idx = t.idx WHERE {where} AND t.doc != ?"
        )
        return self._refs(sql, args)

    def initials(self, cls: str, ini: str) -> list[Ref]:
        return self._joined("initials", "t.cls = ? AND t.ini = ?", (cls, ini))

    def definers(self, cls: str, dkey: str) -> list[Ref]:
        return self._joined("definers", "t.cls = ? AND t.dkey = ?", (cls, dkey))

    def joined(self, rule: str, p1: int) -> list[tuple[tuple[float, int], str, int]]:
        """The joins ``rule`` made from a node of the cluster ``p1`` (after the rule of one
        name): the order of that node, its name, and the cluster it joined."""
        sql = (
            "SELECT j.doc, j.idx, n.name, j.b_p1 FROM joins j JOIN nodes n "
            "ON n.doc = j.doc AND n.idx = j.idx WHERE j.rule = ? AND j.a_p1 = ? AND j.doc != ?"
        )
        rows = self.db.execute(sql, (rule, p1, self.doc)).fetchall()
        return [((self.order(r[0]), r[1]), r[2], r[3]) for r in rows]

    def alias_owner(self, akey: str) -> Ref | None:
        """The node the first document (in order) that states the alias ``akey`` gives
        it to (its first statement of it)."""
        sql = (
            f"SELECT t.seq, {', '.join('n.' + c.strip() for c in COLUMNS.split(','))} "
            "FROM aliases t JOIN nodes n ON n.doc = t.doc AND n.idx = t.idx "
            "WHERE t.akey = ? AND t.doc != ?"
        )
        rows = self.db.execute(sql, (akey, self.doc)).fetchall()
        if not rows:
            return None
        return self.ref(min(rows, key=lambda r: (self.order(r["doc"]), r["seq"])))

    def postings(self, cls: str, word: str) -> list[Ref]:
        return self._joined("postings", "t.cls = ? AND t.word = ?", (cls, word))

    def posting_count(self, cls: str, word: str) -> int:
        sql = "SELECT COUNT(*) FROM postings WHERE cls = ? AND word = ? AND doc != ?"
        return int(self.db.execute(sql, (cls, word, self.doc)).fetchone()[0])

    def posting_spread(self, cls: str, word: str) -> tuple[int, int]:
        """How many clusters hold a name with ``word``, at most (after the rule of one
        name) and at least (after all rules across documents)."""
        sql = (
            "SELECT COUNT(DISTINCT n.p1), COUNT(DISTINCT n.acid) FROM postings t JOIN nodes n "
            "ON n.doc = t.doc AND n.idx = t.idx WHERE t.cls = ? AND t.word = ? AND t.doc != ?"
        )
        most, least = self.db.execute(sql, (cls, word, self.doc)).fetchone()
        return int(most), int(least)

    def spellings_near(self, cls: str, spelling: str, *, reverse: bool, after: bool,
                       limit: int) -> list[str]:  # fmt: skip
        """The ``limit`` nearest folded names of open nodes of ``cls`` before (or
        ``after``) ``spelling`` in sorted order (of the names ``reverse``d when asked),
        nearest first: the neighbours ``_misspellings`` compares."""
        column = "gnilleps" if reverse else "spelling"
        value = spelling[::-1] if reverse else spelling
        sign, way = (">", "ASC") if after else ("<", "DESC")
        sql = (
            f"SELECT DISTINCT {column} FROM nodes WHERE cls = ? AND {column} {sign} ? "
            f"AND local = 0 AND doc != ? ORDER BY {column} {way} LIMIT ?"
        )
        rows = self.db.execute(sql, (cls, value, self.doc, limit)).fetchall()
        return [r[0][::-1] if reverse else r[0] for r in rows]

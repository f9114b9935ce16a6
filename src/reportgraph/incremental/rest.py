"""The rest of the collection, as the snapshot holds it: every node of the documents that
did not change, found by the keys the rules block nodes by, and the order of documents
(node ids run document by document, and rules take the first node of a block).

A block can hold a node of thousands of documents ("China"); what the checks need of one
is asked of SQLite as such (the first node, the clusters, the names), not read row by
row."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reportgraph.resolve.clusters import Node

COLUMNS = ("doc", "idx", "cls", "key", "name", "local", "unit", "p1", "acid", "cid", "states",
           "places", "canonicals", "forms", "preferred", "first", "person", "words", "short",
           "acronym", "letters", "spelling", "family")  # fmt: skip
SELECT = ", ".join(f"n.{c}" for c in COLUMNS)
BY = ("key", "person", "words", "short", "acronym", "letters", "spelling", "family")
"""The indexed columns."""


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


@dataclass
class Summary:
    """What the other documents' nodes of one block amount to."""

    first: Ref | None  # in the build's order
    p1: set[int]  # their clusters after the rule of one name
    acid: set[int]  # and after all the rules across documents
    cid: set[int]  # and at the end


@dataclass
class Block(Summary):
    """A block of one class and name, with what its nodes bring to their cluster."""

    states: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


class Rest:
    """Queries on the snapshot that leave out the document ``doc`` (the one changing),
    each asked once while the snapshot holds the others as they were. The snapshot's
    ``docs.pos`` holds the build's order (``DocOrder``) while the checks run."""

    def __init__(self, db: sqlite3.Connection, doc: str, order: DocOrder) -> None:
        self.db, self.doc, self.order = db, doc, order
        self.db.row_factory = sqlite3.Row
        self._seen: dict[tuple[object, ...], object] = {}

    def _ask(self, sql: str, args: Iterable[object]) -> list[sqlite3.Row]:
        key = (sql, *args)
        if key not in self._seen:
            self._seen[key] = self.db.execute(sql, (*args, self.doc)).fetchall()
        return self._seen[key]  # type: ignore[return-value]

    def ref(self, row: sqlite3.Row) -> Ref:
        return Ref(row["doc"], row["idx"], row["cls"], row["key"], row["name"], row["p1"],
                   row["acid"], (self.order(row["doc"]), row["idx"]), row=row)  # fmt: skip

    def _summary(self, where: str, args: tuple[object, ...], table: str = "") -> Summary:
        source = f"{table} t JOIN nodes n ON n.doc = t.doc AND n.idx = t.idx" if table else (
            "nodes n")  # fmt: skip
        first = self._ask(
            f"SELECT {SELECT} FROM {source} JOIN docs d ON d.doc = n.doc WHERE {where} "
            "AND n.doc != ? ORDER BY d.pos, n.idx LIMIT 1",
            args,
        )
        spread = self._ask(
            f"SELECT DISTINCT n.p1, n.acid, n.cid FROM {source} WHERE {where} AND n.doc != ?",
            args,
        )
        return Summary(
            self.ref(first[0]) if first else None,
            {r[0] for r in spread},
            {r[1] for r in spread},
            {r[2] for r in spread},
        )

    def first(self, column: str, cls: str, value: str) -> Summary:
        """The open nodes of class ``cls`` whose ``column`` (a key of ``NodeKeys``) is
        ``value``: the first, and their clusters."""
        assert column in BY
        return self._summary(f"n.cls = ? AND n.{column} = ? AND n.local = 0", (cls, value))

    def block(self, cls: str, key: str) -> Block:
        """The open nodes of one class and key (the rule of one name's block)."""
        found = self.first("key", cls, key)
        where = "cls = ? AND key = ? AND local = 0 AND doc != ?"
        guards = self._ask(f"SELECT DISTINCT states, places FROM nodes WHERE {where}", (cls, key))
        named = self._ask(
            f"SELECT DISTINCT canonicals, forms, name FROM nodes WHERE {where}", (cls, key)
        )
        return Block(
            found.first, found.p1, found.acid, found.cid,
            states=frozenset().union(*(stored_set(r[0]) for r in guards)),
            places=frozenset().union(*(stored_set(r[1]) for r in guards)),
            names=frozenset().union(*(names_of(r[0], r[1], r[2]) for r in named)),
        )  # fmt: skip

    def forms(self, cls: str, letters: str) -> dict[str, int]:
        """The acronyms of class ``cls`` spelt with ``letters``, and how many nodes each."""
        rows = self._ask(
            "SELECT acronym, COUNT(*) FROM nodes WHERE cls = ? AND letters = ? AND local = 0 "
            "AND doc != ? GROUP BY acronym",
            (cls, letters),
        )
        return {r[0]: r[1] for r in rows}

    def initials(self, cls: str, ini: str) -> Summary:
        """The nodes with a long name of these initials (``_acronyms``)."""
        return self._summary("t.cls = ? AND t.ini = ?", (cls, ini), "initials")

    def definers(self, cls: str, dkey: str) -> Summary:
        """The nodes whose forms define ``dkey`` (``_defined_elsewhere``)."""
        return self._summary("t.cls = ? AND t.dkey = ?", (cls, dkey), "definers")

    def shorts_outside(self, cls: str, shorts: list[str], p1: int) -> list[Ref]:
        """The open nodes of ``cls`` whose name's core words are one of ``shorts``, in
        another cluster than ``p1``."""
        found: list[Ref] = []
        for start in range(0, len(shorts), 500):
            part = shorts[start : start + 500]
            rows = self._ask(
                f"SELECT {SELECT} FROM nodes n WHERE n.cls = ? AND n.short IN "
                f"({', '.join('?' * len(part))}) AND n.local = 0 AND n.p1 != ? AND n.doc != ?",
                (cls, *part, p1),
            )
            found += [self.ref(r) for r in rows]
        return found

    def with_words(
        self, cls: str, words: list[str], p1: int
    ) -> list[tuple[frozenset[str], int, int]]:
        """The names, clusters after the rule of one name and after all the rules across
        documents of the open nodes of ``cls`` with every word of ``words`` in their
        names, in another cluster than ``p1`` (nodes alike once)."""
        both = " INTERSECT ".join(
            "SELECT doc, idx FROM postings WHERE cls = ? AND word = ?" for _ in words
        )
        rows = self._ask(
            f"SELECT DISTINCT n.canonicals, n.forms, n.name, n.p1, n.acid FROM ({both}) t "
            "JOIN nodes n ON n.doc = t.doc AND n.idx = t.idx WHERE n.p1 != ? AND n.doc != ?",
            (*(x for w in words for x in (cls, w)), p1),
        )
        return [(names_of(r[0], r[1], r[2]), r[3], r[4]) for r in rows]

    def unit(self, doc: str, unit: int) -> list[Ref]:
        rows = self._ask(
            f"SELECT {SELECT} FROM nodes n WHERE n.doc = ? AND n.unit = ? AND n.doc != ?",
            (doc, unit),
        )
        return [self.ref(r) for r in rows]

    def keyed(self, cls: str, key: str) -> list[Ref]:
        """Every open node of one class and key (read row by row: for rare walks)."""
        rows = self._ask(
            f"SELECT {SELECT} FROM nodes n WHERE n.cls = ? AND n.key = ? AND n.local = 0 "
            "AND n.doc != ?",
            (cls, key),
        )
        return [self.ref(r) for r in rows]

    def posting_spread(self, cls: str, word: str) -> tuple[int, int]:
        """How many clusters hold a name with ``word``, at most (after the rule of one
        name) and at least (after all rules across documents)."""
        sql = (
            "SELECT COUNT(DISTINCT n.p1), COUNT(DISTINCT n.acid) FROM postings t JOIN nodes n "
            "ON n.doc = t.doc AND n.idx = t.idx WHERE t.cls = ? AND t.word = ? AND t.doc != ?"
        )
        most, least = self._ask(sql, (cls, word))[0]
        return int(most), int(least)

    def joined(self, rule: str, p1: int) -> list[tuple[tuple[float, int], str, int]]:
        """The joins ``rule`` made from a node of the cluster ``p1`` (after the rule of one
        name): the order of that node, its name, and the cluster it joined."""
        rows = self._ask(
            "SELECT j.doc, j.idx, n.name, j.b_p1 FROM joins j JOIN nodes n "
            "ON n.doc = j.doc AND n.idx = j.idx WHERE j.rule = ? AND j.a_p1 = ? AND j.doc != ?",
            (rule, p1),
        )
        return [((self.order(r[0]), r[1]), r[2], r[3]) for r in rows]

    def titled(self, family: str) -> list[tuple[str, int, str]]:
        """The documents, clusters (after the rule of one name) and names of the nodes
        that name a person by a title and ``family`` alone (``_titled_surnames``)."""
        rows = self._ask(
            "SELECT doc, p1, MIN(name) FROM nodes WHERE titled = ? AND doc != ? GROUP BY doc, p1",
            (family,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def alias_owner(self, akey: str) -> Ref | None:
        """The node the first document (in order) that states the alias ``akey`` gives
        it to (its first statement of it)."""
        rows = self._ask(
            f"SELECT {SELECT} FROM aliases t JOIN nodes n ON n.doc = t.doc AND n.idx = t.idx "
            "JOIN docs d ON d.doc = t.doc WHERE t.akey = ? AND t.doc != ? "
            "ORDER BY d.pos, t.seq LIMIT 1",
            (akey,),
        )
        return self.ref(rows[0]) if rows else None

    def spellings_near(self, cls: str, spelling: str, *, reverse: bool, after: bool,
                       limit: int) -> list[str]:  # fmt: skip
        """The ``limit`` nearest folded names of open nodes of ``cls`` before (or
        ``after``) ``spelling`` in sorted order (of the names ``reverse``d when asked),
        nearest first: the neighbours ``_misspellings`` compares."""
        column = "gnilleps" if reverse else "spelling"
        value = spelling[::-1] if reverse else spelling
        sign, way = (">", "ASC") if after else ("<", "DESC")
        rows = self._ask(
            f"SELECT DISTINCT {column} FROM nodes WHERE cls = ? AND {column} {sign} ? "
            f"AND local = 0 AND doc != ? ORDER BY {column} {way} LIMIT {int(limit)}",
            (cls, value),
        )
        return [r[0][::-1] if reverse else r[0] for r in rows]

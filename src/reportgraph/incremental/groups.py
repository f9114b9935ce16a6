"""Counted groups after a change: ``join_counted`` run again on the groups the change can
reach, and only those.

``join_counted`` joins two counted groups by what fits them (one count, dated acts that
agree) and by the clusters they are in (one document's two groups never become one), in
the order of their nodes. The groups a change can reach are those of the changed
document, those that fitted or fit one of them, those in a cluster with one of its
nodes, and, again, what fits those or shares their clusters: no group outside ever
shares a candidate or a cluster with one inside, so running the rule on the inside alone,
in the same order, from the clusters as the rules across documents left them, decides
for them what the whole run decides.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportgraph.incremental.rest import DocOrder
from reportgraph.resolve.clusters import Clusters, Node, Root
from reportgraph.resolve.groups import Counted, fits, join_counted

MAX_REACH = 5_000  # counted groups redone at most; beyond, the build resolves everything


@dataclass
class Group:
    doc: str
    idx: int
    count: int
    exact: bool
    acts: dict[str, set[str]]
    name: str
    acid: int
    blocks: set[tuple[int, str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.blocks = {(self.count, c, d[:4]) for c, dates in self.acts.items() for d in dates}


class Regroup:
    """The counted groups of the snapshot (already holding the changed document's new
    nodes), and ``join_counted`` redone from some of them."""

    def __init__(self, db: sqlite3.Connection, order: DocOrder) -> None:
        self.db, self.order = db, order
        self._by_block: dict[tuple[int, str, str], list[Group]] = {}
        self._by_acid: dict[int, list[Group]] = {}

    def groups_where(self, where: str, args: tuple[object, ...]) -> list[Group]:
        sql = (
            "SELECT c.doc, c.idx, c.count, c.exact, c.acts, n.name, n.acid FROM counted c "
            f"JOIN nodes n ON n.doc = c.doc AND n.idx = c.idx WHERE {where}"
        )
        return [
            Group(r[0], r[1], r[2], bool(r[3]),
                  {k: set(v) for k, v in json.loads(r[4]).items()}, r[5], r[6])
            for r in self.db.execute(sql, args).fetchall()
        ]  # fmt: skip

    def in_block(self, block: tuple[int, str, str]) -> list[Group]:
        if block not in self._by_block:
            where = (
                "(c.doc, c.idx) IN (SELECT doc, idx FROM groupblocks "
                "WHERE count = ? AND cls = ? AND year = ?)"
            )
            self._by_block[block] = self.groups_where(where, block)
        return self._by_block[block]

    def in_acid(self, acid: int) -> list[Group]:
        if acid not in self._by_acid:
            self._by_acid[acid] = self.groups_where("n.acid = ?", (acid,))
        return self._by_acid[acid]

    def partners(self, group: Group) -> Iterator[Group]:
        """The groups of other documents that fit ``group`` (it need not be stored)."""
        for block in sorted(group.blocks):
            for other in self.in_block(block):
                if other.doc != group.doc and fits(_counted(group), _counted(other)):
                    yield other

    def reach(self, start: list[Group]) -> dict[tuple[str, int], Group] | None:
        """``start`` and every group that fits one reached or shares its cluster; None
        past ``MAX_REACH``."""
        reached: dict[tuple[str, int], Group] = {}
        todo = list(start)
        while todo:
            group = todo.pop()
            if (group.doc, group.idx) in reached:
                continue
            reached[(group.doc, group.idx)] = group
            if len(reached) > MAX_REACH:
                return None
            todo += self.partners(group)
            todo += self.in_acid(group.acid)
        return reached

    def rejoin(self, reached: dict[tuple[str, int], Group]) -> list[set[int]]:
        """``join_counted`` on the reached groups: the clusters (as sets of ``acid``) the
        rule leaves of theirs."""
        groups = sorted(reached.values(), key=lambda g: (self.order(g.doc), g.idx))
        nodes = [Node(i, g.doc, "Group", "", _name=g.name) for i, g in enumerate(groups)]
        clusters = Clusters(nodes, set())
        first: dict[int, int] = {}
        for node, group in zip(nodes, groups, strict=True):
            if group.acid in first:
                clusters.parent[node.id] = first[group.acid]
                del clusters.roots[node.id]
            else:
                first[group.acid] = node.id
                clusters.roots[node.id] = self._root(group.acid)
        counted = {
            node.id: _counted(group, node) for node, group in zip(nodes, groups, strict=True)
        }
        join_counted(counted, clusters)
        together: dict[int, set[int]] = defaultdict(set)
        for acid, node_id in first.items():
            together[clusters.find(node_id)].add(acid)
        return list(together.values())

    def _root(self, acid: int) -> Root:
        """A cluster as the rules across documents left it: what guards its joins."""
        root = Root(size=0)
        for doc, states, places in self.db.execute(
            "SELECT doc, states, places FROM nodes WHERE acid = ?", (acid,)
        ):
            root.docs.add(doc)
            root.states |= set(json.loads(states))
            root.places |= set(json.loads(places))
            root.size += 1
        return root


def _counted(group: Group, node: Node | None = None) -> Counted:
    acts: dict[str, set[str]] = defaultdict(set)
    for cls, dates in group.acts.items():
        acts[cls] |= dates
    stub = node if node is not None else Node(-1, group.doc, "Group", "", _name=group.name)
    return Counted(stub, group.count, group.exact, acts)

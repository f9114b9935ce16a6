"""Mentions grouped into nodes, nodes joined into clusters, every join logged.

A node is what one document says about one name: its mentions of one class under one
normalized name. Rules join nodes (within a document, then across documents) through
``Clusters.union``, which refuses a join that the evidence inside the names contradicts
(two different states, two different known places, different numbers) or that the user
forbade, and writes each join it makes into the log with its rule and score.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reportgraph.model import Mention
from reportgraph.resolve.names import is_year, known_place, normal, numbers, states


@dataclass
class Node:
    id: int
    doc: str
    cls: str
    key: str  # ``normal`` of the canonical name, within the document
    canonicals: Counter[str] = field(default_factory=Counter)  # label candidates
    forms: set[str] = field(default_factory=set)  # every surface form met
    mentions: list[Mention] = field(default_factory=list)
    # never joined to another document's node by its name alone ("Park", "the seven")
    local: bool = False
    preferred: str = ""  # a label a rule chose ("Ruritanian migrants")
    # how a surface form came to name this node, when a rule said so
    naming: dict[str, str] = field(default_factory=dict)

    _name: str = ""

    @property
    def name(self) -> str:
        """The node's own name: a rule's choice, else its most frequent canonical name
        (fixed once the document's mentions are all in, by ``settle``)."""
        return (
            self._name
            or self.preferred
            or max(self.canonicals, key=lambda n: (self.canonicals[n], n))
        )

    def settle(self) -> None:
        self._name = ""
        self._name = self.name


def numbers_conflict(a_name: str, b_name: str) -> str:
    """Why two names keep their nodes apart whatever their clusters hold (a guard of
    ``Clusters.conflict``), or ''."""
    na, nb = numbers(a_name), numbers(b_name)
    if na != nb:
        if na and nb:
            return "different numbers"
        if any(not is_year(n) for n in na | nb):
            return "a number on one side only"
    return ""


@dataclass(frozen=True)
class Link:
    """One join: node ``a`` (under the name ``a_name``) joined node ``b``."""

    a: int
    b: int
    rule: str
    detail: str
    score: float
    a_name: str
    b_name: str


@dataclass
class Root:
    states: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)  # names the user's config speaks of
    years: set[str] = field(default_factory=set)  # a law's years: "the Vell Act of 2019"
    docs: set[str] = field(default_factory=set)
    size: int = 1


class Clusters:
    """Union-find over nodes with the guards and the log."""

    def __init__(self, nodes: list[Node], forbidden: set[frozenset[str]] | None = None) -> None:
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.forbidden = forbidden or set()
        config_names = {n for pair in self.forbidden for n in pair}
        self.roots: dict[int, Root] = {}
        for node in nodes:
            root = Root(docs={node.doc})
            if config_names:
                root.flags = {normal(f) for f in (*node.forms, *node.canonicals)} & config_names
            for name in (node.name, *node.forms):
                root.states |= states(name)
            if node.cls == "Law":
                names = (node.name, *node.forms)
                root.years = {n for name in names for n in numbers(name) if is_year(n)}
            if node.cls == "Place":
                place = known_place(node.name)
                if place:
                    root.places.add(place)
            self.roots[node.id] = root
        self.log: list[Link] = []
        self.refused: list[Link] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def docs(self, i: int) -> set[str]:
        return self.roots[self.find(i)].docs

    def conflict(self, a: int, b: int, a_name: str, b_name: str) -> str:
        """Why these two must stay apart, or '' when nothing in their names says so."""
        ra, rb = self.roots[self.find(a)], self.roots[self.find(b)]
        if ra.states and rb.states and not (ra.states <= rb.states or rb.states <= ra.states):
            return f"different states ({', '.join(sorted(ra.states ^ rb.states))})"
        if ra.places and rb.places and not (ra.places & rb.places):
            return "different known places"
        if ra.years and rb.years and not (ra.years & rb.years):
            return "laws of different years"
        return numbers_conflict(a_name, b_name)

    def forbids(self, a: int, b: int) -> bool:
        fa, fb = self.roots[self.find(a)].flags, self.roots[self.find(b)].flags
        return any(frozenset((x, y)) in self.forbidden for x in fa for y in fb if x != y)

    def union(
        self,
        a: int,
        b: int,
        rule: str,
        detail: str,
        score: float = 1.0,
        guarded: bool = True,
        a_name: str = "",
        b_name: str = "",
        forced: bool = False,
    ) -> bool:
        """Join the clusters of nodes ``a`` and ``b`` unless a guard refuses; True if joined
        (or already one)."""
        ra_i, rb_i = self.find(a), self.find(b)
        if ra_i == rb_i:
            return True
        a_name = a_name or self.nodes[a].name
        b_name = b_name or self.nodes[b].name
        link = Link(a, b, rule, detail, round(score, 3), a_name, b_name)
        if not forced:
            why = "the merge config says different" if self.forbids(a, b) else ""
            if not why and guarded:
                why = self.conflict(a, b, a_name, b_name)
            if why:
                self.refused.append(Link(a, b, rule, f"refused: {why}", link.score, a_name, b_name))
                return False
        ra, rb = self.roots[ra_i], self.roots[rb_i]
        if ra.size < rb.size:
            ra_i, rb_i, ra, rb = rb_i, ra_i, rb, ra
        self.parent[rb_i] = ra_i
        ra.states |= rb.states
        ra.places |= rb.places
        ra.flags |= rb.flags
        ra.years |= rb.years
        ra.docs |= rb.docs
        ra.size += rb.size
        del self.roots[rb_i]
        self.log.append(link)
        return True

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for node in self.nodes:
            out.setdefault(self.find(node.id), []).append(node.id)
        return out

"""Triples as plain Python sets, and a read-only index over them.

A build holds its graph as one set of triples per named graph: building an rdflib store of
a million triples takes longer than extracting them. The index answers the few lookups a
view makes (the subset of rdflib's Graph API it uses) from dictionaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
NamedGraphs = dict[URIRef, set[Triple]]  # graph name -> its triples


class TripleIndex:
    """Triples by subject and predicate, and by predicate and object."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._triples = set(triples)
        self._sp: dict[tuple[Node, Node], list[Node]] = {}
        self._po: dict[tuple[Node, Node], list[Node]] = {}
        self._p: dict[Node, set[Node]] = {}
        for s, p, o in self._triples:
            self._sp.setdefault((s, p), []).append(o)
            self._po.setdefault((p, o), []).append(s)
            self._p.setdefault(p, set()).add(s)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._sp.get((subject, predicate), ()))

    def subjects(self, predicate: Node, obj: Node | None) -> Iterator[Node]:
        if obj is None:
            return iter(self._p.get(predicate, ()))
        return iter(self._po.get((predicate, obj), ()))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        found = self._sp.get((subject, predicate))
        return min(found) if found else None

    def transitive_objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """``subject`` and everything reached from it through ``predicate``."""
        seen, todo = {subject}, [subject]
        while todo:
            node = todo.pop()
            yield node
            for nxt in self._sp.get((node, predicate), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)


Readable = Graph | TripleIndex  # what a view reads a graph through

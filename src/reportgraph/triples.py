"""Triples as plain Python sets, and a read-only index over them.

A build holds its graph as one set of triples per named graph: building an rdflib store of
a million triples takes longer than extracting them. The index answers the few lookups a
view makes (the subset of rdflib's Graph API it uses) from dictionaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
NamedGraphs = dict[URIRef, set[Triple]]  # graph name -> its triples


class TripleIndex:
    """Triples by subject and predicate; by predicate and object only when first asked."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        # Only the index is kept, not the triples beside it: a view of 10,000 documents
        # holds 3.7M of them, and the set alone is 250 MB.
        self._sp: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        for s, p, o in triples if isinstance(triples, set) else set(triples):
            self._sp[s, p].append(o)
        self._len = sum(map(len, self._sp.values()))
        self._po: dict[Node, dict[Node, list[Node]]] = {}  # predicate -> object -> subjects

    def __iter__(self) -> Iterator[Triple]:
        return ((s, p, o) for (s, p), objects in self._sp.items() for o in objects)

    def __len__(self) -> int:
        return self._len

    def __contains__(self, triple: object) -> bool:
        """Looked up in the index: without this ``in`` would read every triple."""
        if not isinstance(triple, tuple) or len(triple) != 3:
            return False
        return triple[2] in self._sp.get((triple[0], triple[1]), ())

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._sp.get((subject, predicate), ()))

    def subjects(self, predicate: Node, obj: Node | None) -> Iterator[Node]:
        by_object = self._po.get(predicate)
        if by_object is None:
            by_object = self._po[predicate] = defaultdict(list)
            for (s, p), objects in self._sp.items():
                if p == predicate:
                    for o in objects:
                        by_object[o].append(s)
        if obj is None:
            return iter({s for subjects in by_object.values() for s in subjects})
        return iter(by_object.get(obj, ()))

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

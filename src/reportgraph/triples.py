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
        self._triples = triples if isinstance(triples, set) else set(triples)
        self._sp: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        for s, p, o in self._triples:
            self._sp[s, p].append(o)
        self._po: dict[Node, dict[Node, list[Node]]] = {}  # predicate -> object -> subjects

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        """Looked up in the set: without this ``in`` would read every triple."""
        return triple in self._triples

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(self._sp.get((subject, predicate), ()))

    def subjects(self, predicate: Node, obj: Node | None) -> Iterator[Node]:
        by_object = self._po.get(predicate)
        if by_object is None:
            by_object = self._po[predicate] = defaultdict(list)
            for s, p, o in self._triples:
                if p == predicate:
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

"""Turtle and TriG written by us: the same triples always give the same bytes, quickly.

rdflib's Turtle writer orders named graphs by hash and works out prefixes and nesting
triple by triple (two thirds of a 1,000-document build went there). Built graphs need none
of its generality: IRIs, literals and the odd blank node (from a user's update), written
subject by subject in sorted order with the project's prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from reportgraph.ontology import PREFIXES
from reportgraph.triples import Triple

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# A prefixed name's local part, kept simpler than Turtle's PN_LOCAL so that every one we
# write is valid; other IRIs are written in full.
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_NAMESPACES = {str(ns): prefix for prefix, ns in PREFIXES.items()}
# What Turtle's quoted strings and IRIs may not hold as is.
_STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_STRING_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in _STRING_ESCAPES})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
_IRI_ESCAPES = {ord(c): f"\\u{ord(c):04X}" for c in '<>"{}|^`\\ '}
_IRI_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20)})


class _Writer:
    """Renders terms, remembering each IRI's spelling and the prefixes it used."""

    def __init__(self) -> None:
        self.iris: dict[str, str] = {}
        self.prefix_of: dict[str, str] = {}  # IRI -> the prefix its spelling uses
        self.used: set[str] = set()
        self.used_here: set[str] = set()  # since ``statements`` last began

    def iri(self, value: str) -> str:
        found = self.iris.get(value)
        if found is None:
            found = self.iris[value] = self._spell(value)
            if not found.startswith("<"):
                self.prefix_of[value] = found.split(":", 1)[0]
                self.used.add(self.prefix_of[value])
        prefix = self.prefix_of.get(value)
        if prefix is not None:
            self.used_here.add(prefix)
        return found

    @staticmethod
    def _spell(value: str) -> str:
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = _NAMESPACES.get(value[:cut])
        if prefix is not None and _LOCAL.match(value[cut:]):
            return f"{prefix}:{value[cut:]}"
        return f"<{value.translate(_IRI_ESCAPES)}>"

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            text = str(node)
            if _NEEDS_ESCAPE.search(text):
                text = text.translate(_STRING_ESCAPES)
            text = f'"{text}"'
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype is not None:
                return f"{text}^^{self.iri(str(node.datatype))}"
            return text
        if isinstance(node, BNode):
            return f"_:{node}"
        raise ValueError(f"cannot write {node!r} in Turtle")

    def prefix_lines(self) -> list[str]:
        return prefix_lines(self.used)

    def statements(self, triples: Iterable[Triple], indent: str = "") -> str:
        """Subjects in order, each with ``a`` first, then predicates and objects sorted."""
        return "\n".join(self.subject_blocks(triples, indent))

    def subject_blocks(self, triples: Iterable[Triple], indent: str = "") -> Iterator[str]:
        """``statements`` one subject at a time. The triples are grouped as they are (no
        text is made before a subject's turn), so a graph of millions of triples is never
        in memory twice over as strings; a triple given twice is written once."""
        self.used_here = set()
        by_subject: dict[Node, list[Triple]] = {}
        for triple in triples:
            by_subject.setdefault(triple[0], []).append(triple)
        for subject in sorted(by_subject, key=lambda n: (isinstance(n, BNode), str(n))):
            predicates: dict[str, set[str]] = {}
            for _, p, o in by_subject[subject]:
                predicate = "a" if str(p) == _RDF_TYPE else self.iri(str(p))
                predicates.setdefault(predicate, set()).add(self.term(o))
            order = sorted(predicates, key=lambda p: (p != "a", p))
            lines = [f"{p} " + f",\n{indent}        ".join(sorted(predicates[p])) for p in order]
            body = f" ;\n{indent}    ".join(lines)
            yield f"{indent}{self.term(subject)} {body} .\n"


def turtle(triples: Iterable[Triple]) -> str:
    """One graph as Turtle."""
    chunks, head = turtle_parts(triples)
    body = "".join(chunks)
    return head() + body


def turtle_parts(triples: Iterable[Triple]) -> tuple[Iterator[str], Callable[[], str]]:
    """``turtle`` in pieces, for a file too big to make as one string: the body's chunks
    (subject blocks and the blank lines between them), and the head (the prefix lines),
    known once the body has been read to its end."""
    writer = _Writer()

    def body() -> Iterator[str]:
        for i, block in enumerate(writer.subject_blocks(triples)):
            yield f"\n{block}" if i else block

    return body(), lambda: "\n".join(writer.prefix_lines()) + "\n\n"


def trig(graphs: Mapping[URIRef, Iterable[Triple]]) -> str:
    """Named graphs as TriG, in IRI order; empty graphs are left out."""
    return join_trig(*trig_blocks(graphs))


def trig_blocks(graphs: Mapping[URIRef, Iterable[Triple]]) -> tuple[list[str], dict[str, str]]:
    """The prefix lines and each non-empty named graph's block of TriG, by graph IRI: the
    same triples always give the same block, so a block's hash tells a changed graph."""
    lines, blocks, _ = trig_blocks_used(graphs)
    return lines, blocks


def trig_blocks_used(
    graphs: Mapping[URIRef, Iterable[Triple]],
) -> tuple[list[str], dict[str, str], dict[str, set[str]]]:
    """``trig_blocks`` and, for each block, the prefixes it uses: the prefix lines of the
    whole file are those of the union (see ``prefix_lines``)."""
    blocks, used = {}, {}
    for name, block, prefixes in each_trig_block(graphs):
        blocks[name], used[name] = block, prefixes
    return prefix_lines(p for found in used.values() for p in found), blocks, used


def each_trig_block(
    graphs: Mapping[URIRef, Iterable[Triple]],
) -> Iterator[tuple[str, str, set[str]]]:
    """Each non-empty named graph's IRI, block of TriG and prefixes used, in IRI order,
    one at a time (a build writes them as they come, see ``writing``)."""
    writer = _Writer()
    for name in sorted(graphs, key=str):
        body = writer.statements(graphs[name], indent="    ")
        if body:
            head = writer.term(name)
            yield str(name), f"{head} {{\n{body}}}\n", set(writer.used_here)


def prefix_lines(used: Iterable[str]) -> list[str]:
    """The ``@prefix`` lines of a file whose blocks use the prefixes ``used``."""
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(set(used))]


def join_trig(prefix_lines: list[str], blocks: dict[str, str]) -> str:
    return "\n".join(prefix_lines) + "\n\n" + "\n".join(blocks.values())

"""What every store answers: the interface ``query``, ``view``, ``export`` and ``serve`` use.

A store holds a built graph (one named graph per document) and answers read-only SPARQL
over the union of those graphs. Answers keep RDF terms (``Answer``), so the SPARQL
endpoint can say which value is an IRI and which a literal; ``query`` flattens them to
text.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

Term = URIRef | Literal | BNode


@dataclass
class Answer:
    """A query's answer as RDF terms (rdflib's, or pyoxigraph's as Oxigraph gave them:
    converting costs more than the query); an unbound value is None."""

    kind: str  # "select" | "ask" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # more rows than the limit: only the first ``limit`` are kept


class Store(ABC):
    """One place a graph lives. ``spec`` is what ``--store`` said (``memory``,
    ``oxigraph:DIR``, ``sparql:URL``)."""

    spec: str
    # The store parses each query itself and can only read, so a query whose tokens show
    # it needs none of rdflib's checks is run without rdflib's parse (``stores.run``).
    parses_itself = False
    # A named query's "#+ page" line becomes the LIMIT of the rows read (``stores.run``).
    pages = True

    @abstractmethod
    def dataset(self) -> Dataset:
        """The whole graph as an rdflib Dataset (one named graph per document, default
        graph the union), for the views and the exports."""

    @abstractmethod
    def execute(
        self,
        text: str,
        bindings: dict[str, Identifier],
        *,
        timeout: float | None,
        limit: int | None,
        allow_network: bool,
    ) -> Answer:
        """Run a query that ``stores.run.answer`` has already parsed and allowed; the
        bindings are the parameters, as RDF terms."""

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def cut(rows: list[tuple[Any, ...]], limit: int | None) -> tuple[list, bool]:
    """The first ``limit`` rows (of ``limit + 1`` read) and whether there were more."""
    if limit and len(rows) > limit:
        return rows[:limit], True
    return rows, False

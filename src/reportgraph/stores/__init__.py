"""Where a built graph lives, chosen with ``--store``, behind one interface (``Store``):

- ``memory`` (the default): the build folder's ``graph.trig`` read into rdflib;
- ``oxigraph:DIR``: a persistent on-disk store (pyoxigraph), filled by ``load`` with its
  bulk loader, for graphs too big to read into memory at every command;
- ``sparql:URL``: any SPARQL 1.1 server; ``load`` replaces each document's named graph
  there by SPARQL Update.

``query``, ``view``, ``export`` and ``serve`` open a store with ``open_store`` and never
need to know which kind it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgraph.errors import GraphError
from reportgraph.stores.base import Answer, Store

__all__ = ["KINDS", "Answer", "LoadReport", "Store", "load_store", "open_store", "parse_spec"]

KINDS = ("memory", "oxigraph:DIR", "sparql:URL")


@dataclass(frozen=True)
class LoadReport:
    store: str
    graphs: int
    statements: int


def parse_spec(spec: str) -> tuple[str, str]:
    """``memory`` | ``oxigraph:DIR`` | ``sparql:URL`` -> (kind, where)."""
    kind, sep, where = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "memory" and not sep:
        return kind, ""
    if kind in ("oxigraph", "sparql") and sep and where:
        return kind, where
    raise GraphError(f"unknown store {spec!r}; use one of {', '.join(KINDS)}")


def open_store(spec: str, graph: Path) -> Store:
    """The store ``spec`` names; ``memory`` reads ``graph`` (a build folder or RDF file)."""
    kind, where = parse_spec(spec)
    if kind == "memory":
        from reportgraph.stores.memory import MemoryStore

        return MemoryStore(Path(graph))
    if kind == "oxigraph":
        from reportgraph.stores.oxigraph import OxigraphStore

        return OxigraphStore(Path(where))
    from reportgraph.stores.sparql import SparqlStore

    return SparqlStore(where)


def load_store(spec: str, graph: Path) -> LoadReport:
    """Load the graph a build wrote into ``graph`` into the store ``spec`` (replacing what
    that store held of it)."""
    from reportgraph.store import GRAPH_FILE, _graph_file

    kind, where = parse_spec(spec)
    source = _graph_file(Path(graph))
    if kind == "memory":
        raise GraphError(f"the memory store is {source} itself: nothing to load")
    if kind == "oxigraph":
        from reportgraph.stores.oxigraph import load_oxigraph

        if source.suffix.lower() != ".trig":
            raise GraphError(f"{source}: an oxigraph store is loaded from a {GRAPH_FILE}")
        graphs, count = load_oxigraph(Path(where), source)
        return LoadReport(spec, graphs, count)
    from reportgraph.store import load_graph
    from reportgraph.stores.sparql import SparqlStore

    graphs, statements = SparqlStore(where).load(load_graph(source))
    return LoadReport(spec, graphs, statements)


def open_queryable(spec: str, graph: Path) -> Any:
    """What ``run_query`` takes: the in-memory Dataset, or an on-disk or remote store."""
    if parse_spec(spec)[0] == "memory":
        from reportgraph.store import load_graph

        return load_graph(graph)
    return open_store(spec, graph)


def read_dataset(spec: str, graph: Path) -> Any:
    """The whole graph as an rdflib Dataset, from whichever store holds it."""
    store = open_queryable(spec, graph)
    if hasattr(store, "dataset"):
        with store:
            return store.dataset()
    return store

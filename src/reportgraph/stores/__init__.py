"""Where a built graph lives, chosen with ``--store``, behind one interface (``Store``):

- by default, the on-disk Oxigraph store ``build`` writes into its folder (``GRAPH/store``),
  so a command opens the graph instead of reading it all;
- ``memory``: the build folder's ``graph.trig`` read into rdflib;
- ``oxigraph:DIR``: a persistent on-disk store (pyoxigraph) elsewhere, filled by ``load``
  with its bulk loader;
- ``sparql:URL``: any SPARQL 1.1 server; ``load`` replaces each document's named graph
  there by SPARQL Update.

``query``, ``view``, ``export`` and ``serve`` open a store with ``open_store`` and never
need to know which kind it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgraph.errors import GraphError
from reportgraph.stores.base import Answer, Store

__all__ = ["KINDS", "Answer", "LoadReport", "Store", "load_store", "open_store", "parse_spec"]

KINDS = ("memory", "oxigraph:DIR", "sparql:URL")
STORE_DIR = "store"  # the folder inside a build folder that holds its Oxigraph store
Note = Callable[[str], None]


@dataclass(frozen=True)
class LoadReport:
    store: str
    graphs: int
    statements: int


def parse_spec(spec: str | None) -> tuple[str, str]:
    """``memory`` | ``oxigraph:DIR`` | ``sparql:URL`` -> (kind, where); None or "" is the
    build folder's own store (kind ``folder``)."""
    if not spec or not spec.strip():
        return "folder", ""
    kind, sep, where = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "memory" and not sep:
        return kind, ""
    if kind in ("oxigraph", "sparql") and sep and where:
        return kind, where
    raise GraphError(f"unknown store {spec!r}; use one of {', '.join(KINDS)}")


def open_store(spec: str | None, graph: Path, note: Note | None = None) -> Store:
    """The store ``spec`` names; ``memory`` reads ``graph`` (a build folder or RDF file),
    and no spec means the store inside the build folder ``graph`` (see ``folder_store``)."""
    kind, where = parse_spec(spec)
    if kind == "folder":
        return folder_store(Path(graph), note)
    if kind == "memory":
        from reportgraph.stores.memory import MemoryStore

        return MemoryStore(Path(graph))
    if kind == "oxigraph":
        from reportgraph.stores.oxigraph import OxigraphStore

        return OxigraphStore(Path(where))
    from reportgraph.stores.sparql import SparqlStore

    return SparqlStore(where)


def folder_store(graph: Path, note: Note | None = None) -> Store:
    """The Oxigraph store a build wrote into ``graph`` (``GRAPH/store``). A folder built
    by an older reportgraph has none, and one whose ``graph.trig`` was written since (by
    an older build) holds a stale one: it is made again from ``graph.trig`` first, and
    ``note`` hears so. A graph file given directly is read into memory."""
    from reportgraph.store import graph_file
    from reportgraph.stores.memory import MemoryStore
    from reportgraph.stores.oxigraph import FolderStore, is_fresh, load_oxigraph

    source = graph_file(graph)
    if source == graph:  # an RDF file, not a build folder
        return MemoryStore(source)
    folder = graph / STORE_DIR
    if not is_fresh(folder, source):
        why = "is older than its graph.trig" if folder.exists() else "has no store"
        try:
            load_oxigraph(folder, source)
        except OSError as exc:
            if is_fresh(folder, source):  # another command made it meanwhile
                return FolderStore(folder, source)
            raise GraphError(
                f"{graph} {why} and it cannot be made here ({exc.strerror or exc}): run "
                "`reportgraph build` into it again, or read it with --store memory"
            ) from exc
        if note is not None:
            note(f"{graph} {why} (built by an older reportgraph?); made {folder} from {source}")
    return FolderStore(folder, source)


def load_store(spec: str, graph: Path) -> LoadReport:
    """Load the graph a build wrote into ``graph`` into the store ``spec`` (replacing what
    that store held of it)."""
    from reportgraph.store import GRAPH_FILE, graph_file

    kind, where = parse_spec(spec)
    source = graph_file(Path(graph))
    if kind in ("memory", "folder"):
        raise GraphError(f"the {kind} store is made from {source}: nothing to load")
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


def read_dataset(spec: str | None, graph: Path, note: Note | None = None) -> Any:
    """The whole graph as an rdflib Dataset, from whichever store holds it."""
    with open_store(spec, graph, note) as store:
        return store.dataset()

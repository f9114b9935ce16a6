"""The Python API: the functions the CLI calls, usable on their own.

Imports of the heavier stages happen inside the functions so that ``import reportgraph``
stays cheap and ``reportgraph --help`` answers at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Dataset

    from reportgraph.build import BuildReport
    from reportgraph.query import QueryResult


def build(paths: Iterable[str | Path], *, follow_links: bool = False) -> Dataset:
    """Read documents (files or folders) and return the knowledge graph, one named graph
    each. Symbolic links in a folder that lead outside ``paths`` are skipped unless
    ``follow_links``: an untrusted folder must not publish files from elsewhere."""
    from reportgraph.build import build_dataset

    return build_dataset([Path(p) for p in paths], follow_links=follow_links).dataset


def build_to_folder(
    paths: Iterable[str | Path],
    out: str | Path,
    progress: Callable[[str], None] | None = None,
    *,
    follow_links: bool = False,
) -> BuildReport:
    """Build and write ``graph.ttl``, ``graph.trig`` and ``index.html`` into ``out``
    (``follow_links`` as in ``build``)."""
    from reportgraph.build import build_folder

    return build_folder(
        [Path(p) for p in paths], Path(out), progress=progress, follow_links=follow_links
    )


def load_graph(folder: str | Path) -> Dataset:
    """Open a graph folder written by ``build`` (its ``graph.trig``)."""
    from reportgraph.store import load_graph as _load

    return _load(Path(folder))


def run_query(dataset: Dataset, query: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run a SPARQL query (text, a ``.rq`` file or a named query) on a built graph."""
    from reportgraph.query import resolve_query
    from reportgraph.query import run_query as _run

    return _run(dataset, resolve_query(query), params or {})

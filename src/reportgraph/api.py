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


def build(
    paths: Iterable[str | Path],
    *,
    follow_links: bool = False,
    corrections: str | Path | None = None,
    executor: str | None = None,
) -> Dataset:
    """Read documents (files or folders) and return the knowledge graph, one named graph
    each. Symbolic links in a folder that lead outside ``paths`` are skipped unless
    ``follow_links``: an untrusted folder must not publish files from elsewhere.
    ``corrections`` is a corrections file (see ``reportgraph.corrections``). ``executor``
    ``dask://HOST:PORT`` extracts the documents on that Dask cluster (same graph)."""
    from reportgraph.build import build_dataset
    from reportgraph.corrections import load_corrections

    fixes = load_corrections(corrections) if corrections is not None else None
    return build_dataset(
        [Path(p) for p in paths], follow_links=follow_links, corrections=fixes, executor=executor
    ).dataset


def build_to_folder(
    paths: Iterable[str | Path],
    out: str | Path,
    progress: Callable[[str], None] | None = None,
    *,
    follow_links: bool = False,
    protect: bool = False,
    protect_key: str | Path | None = None,
    public_list: str | Path | None = None,
    corrections: str | Path | None = None,
    executor: str | None = None,
) -> BuildReport:
    """Build and write ``graph.ttl``, ``graph.trig`` and ``index.html`` into ``out``
    (``follow_links`` as in ``build``). With ``protect`` private people are pseudonymised
    in every output under the key ``protect_key`` (default
    ``~/.config/reportgraph/protect.key``, never inside ``out``); ``public_list`` is a
    ``public:`` / ``private:`` file of names overriding the rules (``report.decisions``
    says who was judged what, and why). ``corrections`` is a corrections file applied to
    the resolved data (``report.corrections`` says what changed, ``report.warnings`` which
    entries matched nothing). ``executor`` as in ``build``."""
    from reportgraph.build import build_folder
    from reportgraph.corrections import load_corrections
    from reportgraph.protect import Protection, load_key, load_public_list

    listed = load_public_list(public_list) if public_list is not None else None
    fixes = load_corrections(corrections) if corrections is not None else None
    protection = None
    if protect:
        secret = load_key(Path(protect_key) if protect_key is not None else None, Path(out))
        protection = Protection(secret, listed) if listed else Protection(secret)
    return build_folder(
        [Path(p) for p in paths],
        Path(out),
        progress=progress,
        follow_links=follow_links,
        protection=protection,
        public_list=listed,
        corrections=fixes,
        executor=executor,
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

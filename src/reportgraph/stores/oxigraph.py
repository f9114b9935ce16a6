"""``oxigraph:DIR``: a persistent on-disk store (pyoxigraph, RocksDB), loaded once with
the bulk loader and queried many times.

Besides each document's named graph, the store's default graph holds their union as a
set (the build's ``graph.ttl``), which is what a query without ``GRAPH`` sees, as in the
in-memory Dataset. Oxigraph's own union of named graphs is a bag: a label said by 300
documents would join 300 times, and a query over popular entities would multiply rows.

Parameters reach a query through pyoxigraph's own substitutions (SEP-0007), never by
editing its text. Under SEP-0007 a parameter must be a variable the query's SELECT
returns; the named queries are written so.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Identifier

from reportgraph.errors import GraphError, QueryError
from reportgraph.ontology import PREFIXES
from reportgraph.stores.base import Answer, Store, cut
from reportgraph.stores.terms import quads_to_dataset, to_oxigraph, triples_to_graph

UNION_FILE = "graph.ttl"  # what a build writes beside graph.trig: every fact, merged
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class OxigraphStore(Store):
    def __init__(self, folder: Path) -> None:
        self.spec = f"oxigraph:{folder}"
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise GraphError(
                f"no oxigraph store in {folder}: run `reportgraph load --store {self.spec}` first"
            )
        try:
            self._store: ox.Store | None = ox.Store.read_only(str(self.folder))
        except OSError as exc:
            raise GraphError(f"{folder}: cannot open the oxigraph store: {exc}") from exc

    def dataset(self) -> Dataset:
        named = (q for q in self._open() if not isinstance(q.graph_name, ox.DefaultGraph))
        return quads_to_dataset(named)

    def execute(
        self,
        text: str,
        bindings: dict[str, Identifier],
        *,
        timeout: float | None,
        limit: int | None,
        allow_network: bool,
    ) -> Answer:
        from reportgraph.sparql import guarded

        store = self._open()
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()}

        def work() -> Answer:
            try:
                result = store.query(
                    text,
                    prefixes=_PREFIXES,
                    use_default_graph_as_union=False,  # the default graph is the union
                    substitutions=substitutions or None,
                )
                return oxigraph_answer(result, limit)
            except (SyntaxError, RuntimeError, ValueError, OSError) as exc:
                raise QueryError(_message(str(exc), bindings)) from exc

        return guarded(work, timeout, allow_network)

    def _open(self) -> ox.Store:
        if self._store is None:
            raise GraphError(f"{self.spec}: the store is closed")
        return self._store

    def close(self) -> None:
        self._store = None  # pyoxigraph closes the database when the object goes


def oxigraph_answer(result: object, limit: int | None) -> Answer:
    """pyoxigraph's result (solutions, boolean or triples) as an ``Answer``."""
    if isinstance(result, ox.QueryBoolean):
        return Answer(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Answer(kind="graph", graph=triples_to_graph(result))
    assert isinstance(result, ox.QuerySolutions)
    columns = [variable.value for variable in result.variables]
    read = [
        tuple(solution[index] for index in range(len(columns)))
        for solution in itertools.islice(result, limit + 1 if limit else None)
    ]
    rows, truncated = cut(read, limit)
    return Answer(kind="select", columns=columns, rows=rows, truncated=truncated)


def _union_ntriples(graph_file: Path) -> bytes:
    from reportgraph.rdf import union
    from reportgraph.store import load_graph

    return union(load_graph(graph_file)).serialize(format="nt", encoding="utf-8")


def _message(problem: str, bindings: dict[str, Identifier]) -> str:
    text = " ".join(problem.split())
    if "SELECT projection" in text and bindings:
        return (
            f"on an oxigraph store a parameter must be a variable the query returns "
            f"(SELECT ... ?{' ?'.join(sorted(bindings))}): {text}"
        )
    return f"query failed: {text}"


def load_oxigraph(folder: Path, graph_file: Path) -> tuple[int, int]:
    """Bulk-load ``graph_file`` (TriG) into a fresh store at ``folder``, replacing what was
    there only once the new one is whole; returns the named graphs and quads loaded. The
    union of the named graphs goes into the default graph: the ``graph.ttl`` beside
    ``graph_file`` when there is one (a build writes both), else made here."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        store = ox.Store(str(staging))
        try:
            store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TRIG)
            merged = graph_file.with_name(UNION_FILE)
            if merged.is_file():
                store.bulk_load(path=str(merged), format=ox.RdfFormat.TURTLE,
                                to_graph=ox.DefaultGraph())  # fmt: skip
            else:
                store.bulk_load(_union_ntriples(graph_file), format=ox.RdfFormat.N_TRIPLES,
                                to_graph=ox.DefaultGraph())  # fmt: skip
            store.optimize()
            answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            count = int(next(iter(answer))[0].value)  # type: ignore[call-overload, index]
            graphs = sum(1 for _ in store.named_graphs())
        except (SyntaxError, OSError, ValueError) as exc:
            raise GraphError(f"{graph_file}: cannot load into oxigraph: {exc}") from exc
        finally:
            del store
        old = folder.with_name(f".{folder.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return graphs, count

"""The default store: a build folder's ``graph.trig`` read into an rdflib Dataset.

Right for a few thousand documents; above that, ``oxigraph:DIR`` answers the same queries
much faster (see ``make bench``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Identifier

from reportgraph.ontology import bind_prefixes
from reportgraph.stores.base import Answer, Store, cut


class MemoryStore(Store):
    def __init__(self, source: Path | Graph) -> None:
        self.spec = "memory"
        self._source = source
        self._dataset: Graph | None = source if isinstance(source, Graph) else None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from reportgraph.store import load_graph

            self._dataset = load_graph(Path(self._source))  # type: ignore[arg-type]
        return self._dataset  # type: ignore[return-value]

    def execute(
        self,
        text: str,
        bindings: dict[str, Identifier],
        *,
        timeout: float | None,
        limit: int | None,
        allow_network: bool,
    ) -> Answer:
        from reportgraph.sparql import guarded, parsed

        dataset = self.dataset()
        prepared = parsed(text)
        return guarded(
            lambda: rdflib_answer(dataset.query(prepared, initBindings=bindings), limit),
            timeout,
            allow_network,
        )


def rdflib_answer(result: Result, limit: int | None) -> Answer:
    """rdflib's result as an ``Answer`` (at most ``limit`` rows, and whether it was cut)."""
    if result.type == "ASK":
        return Answer(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        return Answer(kind="graph", graph=bind_prefixes(graph))
    columns = [str(var) for var in result.vars or []]
    read = [tuple(row) for row in itertools.islice(result, limit + 1 if limit else None)]
    rows, truncated = cut(read, limit)  # type: ignore[arg-type]
    return Answer(kind="select", columns=columns, rows=rows, truncated=truncated)

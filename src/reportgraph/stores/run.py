"""Running a query on any store with the checks ``reportgraph.query`` applies to the
in-memory graph: parsed first, updates refused, ``SERVICE`` and ``FROM`` refused unless
allowed, parameters declared and bound as RDF terms."""

from __future__ import annotations

from reportgraph.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT, QueryResult
from reportgraph.stores.base import Answer, Store


def answer(
    store: Store,
    text: str,
    params: dict[str, str],
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    allow_network: bool = False,
) -> Answer:
    """The store's answer to ``text`` as RDF terms (what a SPARQL endpoint sends)."""
    from reportgraph.query import _bindings, _prepare, _refuse_remote

    prepared = _prepare(text)
    if not allow_network:
        _refuse_remote(prepared)
    bindings = _bindings(text, prepared, params)
    return store.execute(text, bindings, timeout=timeout, limit=limit, allow_network=allow_network)


def run_on_store(
    store: Store,
    text: str,
    params: dict[str, str],
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    allow_network: bool = False,
) -> QueryResult:
    """``answer`` flattened to text, as ``reportgraph.query.run_query`` returns it."""
    got = answer(store, text, params, timeout=timeout, limit=limit, allow_network=allow_network)
    return to_query_result(got)


def to_query_result(got: Answer) -> QueryResult:
    return QueryResult(
        kind=got.kind,
        columns=list(got.columns),
        rows=[tuple("" if value is None else str(value) for value in row) for row in got.rows],
        boolean=got.boolean,
        graph=got.graph,
        truncated=got.truncated,
    )

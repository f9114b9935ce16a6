"""Running a query on any store with the checks ``reportgraph.query`` applies to the
in-memory graph: parsed first, updates refused, ``SERVICE`` and ``FROM`` refused unless
allowed, parameters declared and bound as RDF terms."""

from __future__ import annotations

from functools import lru_cache

from rdflib.plugins.sparql.sparql import Query

from reportgraph.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT, QueryResult
from reportgraph.stores.base import Answer, Store
from reportgraph.stores.terms import lexical


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
    from reportgraph.query import _bindings, _refuse_remote

    prepared = parsed(text)
    if not allow_network:
        _refuse_remote(prepared)
    bindings = _bindings(text, prepared, params)
    return store.execute(text, bindings, timeout=timeout, limit=limit, allow_network=allow_network)


@lru_cache(maxsize=256)
def parsed(text: str) -> Query:
    """rdflib's parse of a query, kept: parsing takes rdflib 20-50 ms, often more than
    Oxigraph takes to answer, and an endpoint or a benchmark asks the same text again."""
    from reportgraph.query import _prepare

    return _prepare(text)


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
        rows=[tuple(lexical(value) for value in row) for row in got.rows],
        boolean=got.boolean,
        graph=got.graph,
        truncated=got.truncated,
    )

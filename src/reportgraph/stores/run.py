"""Running a query on any store with the checks the in-memory graph gets
(``reportgraph.sparql``): parsed first, updates refused, ``SERVICE`` and ``FROM`` refused
unless allowed, parameters declared and bound as RDF terms."""

from __future__ import annotations

from reportgraph.sparql import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    bind_params,
    parsed,
    refuse_remote,
)
from reportgraph.stores.base import Answer, Store

# Looked up when a query runs, so a test can switch the check off to reach the guard behind.
_refuse_remote = refuse_remote


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
    prepared = parsed(text)
    if not allow_network:
        _refuse_remote(prepared)
    bindings = bind_params(text, prepared, params)
    return store.execute(text, bindings, timeout=timeout, limit=limit, allow_network=allow_network)

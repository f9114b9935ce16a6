"""Running a query on any store with the checks the in-memory graph gets
(``reportgraph.sparql``): parsed first, updates refused, ``SERVICE`` and ``FROM`` refused
unless allowed, parameters declared and bound as RDF terms. A store that parses queries
itself and can only read (``Store.parses_itself``) is spared rdflib's parse when a token
scan shows the query needs none of those checks (``sparqltext.plainly_local``)."""

from __future__ import annotations

from reportgraph.errors import QuerySyntaxError
from reportgraph.sparql import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    bind_params,
    parsed,
    query_variables,
    refuse_remote,
)
from reportgraph.stores.base import Answer, Store
from reportgraph.stores.sparqltext import plainly_local, with_page

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
    """The store's answer to ``text`` as RDF terms (what a SPARQL endpoint sends). A
    query's ``#+ page`` line becomes the LIMIT of the rows read: ``limit`` and one more,
    which says whether there were more (``stores.base.cut``), unless the store says not."""
    text = with_page(text, limit + 1 if limit and store.pages else None)
    variables = plainly_local(text) if store.parses_itself and not allow_network else None
    if variables is not None:
        bindings = bind_params(text, variables, params)
        try:
            return store.execute(text, bindings, timeout=timeout, limit=limit, allow_network=False)
        except QuerySyntaxError:
            parsed(text)  # rdflib's message when it cannot read it either (an update, a typo)
            raise
    prepared = parsed(text)
    if not allow_network:
        _refuse_remote(prepared)
    bindings = bind_params(text, query_variables(prepared), params)
    return store.execute(text, bindings, timeout=timeout, limit=limit, allow_network=allow_network)

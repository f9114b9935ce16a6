"""A SPARQL query checked before and while it runs, for every store: parsed (with the
stack rdflib's parser needs), refused when it would reach the network, its parameters
bound as RDF terms (never pasted into its text), and run offline within a time limit.
``reportgraph.query`` and ``reportgraph.stores`` both go through here, so a query is
held to the same rules whichever store answers it.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery, prepareUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query, Update

from reportgraph.errors import QueryError, QueryStopped
from reportgraph.guard import Blocked, TimedOut, offline, time_limit
from reportgraph.keys import name_key
from reportgraph.ontology import PREFIXES

DEFAULT_TIMEOUT = 30.0  # seconds a query may run (every named query takes well under one)
DEFAULT_LIMIT = 10_000  # rows a SELECT returns before the rest is cut
PARSE_DEPTH = 20_000  # Python frames rdflib's parser may use: ~10 per triple pattern or brace

_HEADER_LINE = re.compile(r"^#\+\s*([A-Za-z_]\w*)\s*:\s*(.*?)\s*$")
_PARAM_SPEC = re.compile(r"^[?$]?([A-Za-z_]\w*)\s*(?:\((.*)\))?$")
_PREFIXED_NAME = re.compile(r"^([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]*)$")
_BARE_IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")

T = TypeVar("T")


def parse_header(text: str, source: str = "query") -> tuple[str, tuple[tuple[str, str], ...]]:
    """The ``#+ summary:`` and ``#+ params:`` lines of a query (``source`` names it in errors)."""
    summary = ""
    params: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _HEADER_LINE.match(line.strip())
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "summary":
            summary = value
        elif key == "params":
            spec = _PARAM_SPEC.match(value)
            if not spec:
                raise QueryError(f"{source}: cannot read parameter line {line.strip()!r}")
            params.append((spec.group(1), (spec.group(2) or "").strip()))
    return summary, tuple(params)


# --- parsing ------------------------------------------------------------------------------


def prepare(text: str) -> Query:
    try:
        with deep_enough():
            return prepareQuery(text, initNs=PREFIXES)
    except RecursionError:
        raise QueryError(
            "query too deeply nested for the SPARQL parser (rdflib): more than about "
            "1,000 nested braces or parentheses"
        ) from None
    except Exception as exc:  # pyparsing's ParseException, or rdflib's for unknown prefixes
        if is_update(text):
            raise QueryError(
                "queries are read-only: this text is a SPARQL update (INSERT, DELETE, LOAD, "
                "CLEAR, DROP...); --allow-update runs it and saves the changed graph"
            ) from exc
        raise QueryError(syntax_message(exc)) from exc


def syntax_message(exc: Exception) -> str:
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    where = f" at line {line}, column {column}" if line is not None and column is not None else ""
    return f"SPARQL syntax error{where}: {' '.join(str(message).split())}"


@lru_cache(maxsize=256)
def parsed(text: str) -> Query:
    """rdflib's parse of a query, kept: parsing takes rdflib 20-50 ms, often more than
    Oxigraph takes to answer, and an endpoint or a benchmark asks the same text again."""
    return prepare(text)


def prepare_update(text: str) -> Update:
    try:
        with deep_enough():
            return prepareUpdate(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing's ParseException, or rdflib's for unknown prefixes
        raise QueryError(syntax_message(exc)) from exc


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL update rather than a query."""
    try:
        parseUpdate(text)
    except Exception:  # not an update either: the query's own syntax error is the one to show
        return False
    return True


@contextmanager
def deep_enough() -> Iterator[None]:
    """pyparsing recurses about ten frames per triple pattern, so Python's default limit of
    1,000 frames called a valid query of 100 patterns a syntax error (F36)."""
    global _DEEP_USERS, _DEPTH_BEFORE
    with _DEPTH_LOCK:  # threads parse at once in a server: the last one out restores it
        if _DEEP_USERS == 0:
            _DEPTH_BEFORE = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_DEPTH_BEFORE, PARSE_DEPTH))
        _DEEP_USERS += 1
    try:
        yield
    finally:
        with _DEPTH_LOCK:
            _DEEP_USERS -= 1
            if _DEEP_USERS == 0:
                sys.setrecursionlimit(_DEPTH_BEFORE)


_DEPTH_LOCK = threading.Lock()
_DEEP_USERS = 0
_DEPTH_BEFORE = 1000


# --- refusing -----------------------------------------------------------------------------

_OFFLINE_HINT = "queries run offline on the loaded graph (--allow-network to permit it)"


def refuse_remote(prepared: Query) -> None:
    """rdflib would go to the network for SERVICE and FROM; a local graph never needs them."""
    if prepared.algebra.get("datasetClause"):
        raise QueryError(f"FROM / FROM NAMED are not allowed: {_OFFLINE_HINT}")
    _refuse_service(prepared.algebra)


def _refuse_service(algebra: Any) -> None:
    for node in _walk(algebra):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise QueryError(f"SERVICE is not allowed: {_OFFLINE_HINT}")


def refuse_remote_update(prepared: Update) -> None:
    """LOAD fetches a document and USING names graphs to fetch, as FROM does."""
    for request in prepared.algebra:
        if request.name == "Load":
            raise QueryError(f"LOAD is not allowed: {_OFFLINE_HINT}")
        if dict.get(request, "using"):
            raise QueryError(f"USING / USING NAMED are not allowed: {_OFFLINE_HINT}")
    _refuse_service(prepared.algebra)


def _walk(root: Any) -> Iterator[Any]:
    """Every node of a parsed query's algebra: CompValues, lists, variables, terms."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # CompValue is a dict; its __getitem__ evaluates, so bypass
            stack.extend(dict.values(node))
        elif isinstance(node, list | tuple | set | frozenset):
            stack.extend(node)


# --- binding ------------------------------------------------------------------------------


def query_variables(prepared: Query) -> set[str]:
    """The names of the variables of a parsed query."""
    return {str(node) for node in _walk(prepared.algebra) if isinstance(node, Variable)}


def bind_params(
    text: str, variables: set[str], params: dict[str, str]
) -> dict[str, URIRef | Literal]:
    """Each parameter as an RDF term (``variables``: the names the query uses); a
    parameter ``entity`` of a query that also uses ``?entityKey`` binds that to the
    value's look-up key (``keys.name_key``) too."""
    _summary, declared = parse_header(text)
    given = {name.lstrip("?$"): value for name, value in params.items()}
    known = {name for name, _ in declared} | variables
    unknown = sorted(set(given) - known)
    if unknown:
        allowed = ", ".join(name for name, _ in declared) or "none declared"
        raise QueryError(f"unknown parameter {', '.join(unknown)} (parameters: {allowed})")
    missing = [(name, doc) for name, doc in declared if name not in given]
    if missing:
        wanted = "; ".join(f"{name} ({doc})" if doc else name for name, doc in missing)
        raise QueryError(f"missing parameter: {wanted}")
    bound = {name: param_term(value) for name, value in given.items()}
    for name, value in given.items():  # ?entity's key, for the rg:key index, as ?entityKey
        if f"{name}Key" in variables and f"{name}Key" not in given:
            bound[f"{name}Key"] = Literal(name_key(value))
    return bound


def param_term(value: str) -> URIRef | Literal:
    """``<iri>``, ``prefix:name`` with a known prefix, or ``http(s)://...`` -> an IRI; else text."""
    stripped = value.strip()
    if len(stripped) > 2 and stripped[0] == "<" and stripped[-1] == ">":
        return URIRef(stripped[1:-1])
    match = _PREFIXED_NAME.match(stripped)
    if match and match.group(1) in PREFIXES:
        return URIRef(PREFIXES[match.group(1)] + match.group(2))
    if _BARE_IRI.match(stripped):
        return URIRef(stripped)
    return Literal(value)


# --- running ------------------------------------------------------------------------------


def guarded(work: Callable[[], T], timeout: float | None, allow_network: bool) -> T:
    """Run ``work`` within the time limit and, unless allowed, offline; every failure
    becomes a QueryError."""
    attempts: list[str] = []
    try:
        with time_limit(timeout):
            if allow_network:
                return work()
            with offline() as attempts:
                result = work()
    except TimedOut:
        if not timeout:  # a caller's own time limit (serve's worker): not ours to report
            raise
        raise QueryStopped(
            f"query stopped after {timeout:g} s (the time limit; --timeout to change it)"
        ) from None
    except MemoryError:
        raise QueryStopped("query stopped: it ran out of memory", memory=True) from None
    except Blocked as exc:
        raise QueryError(_blocked_message(str(exc))) from None
    except QueryError:
        raise
    except Exception as exc:  # rdflib's evaluator raises assorted types on bad data/functions
        if attempts:  # the network error that SERVICE SILENT would have swallowed
            raise QueryError(_blocked_message(attempts[0])) from exc
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from exc
    if attempts:
        raise QueryError(_blocked_message(attempts[0]))
    return result


def _blocked_message(attempt: str) -> str:
    return (
        f"query stopped: it tried to reach the network or run a program ({attempt}); "
        "queries run offline (--allow-network to permit it)"
    )

"""The named query library (``queries/*.rq``) and running read-only SPARQL on a built graph.

A named query is a ``.rq`` file with a grlc-style header::

    #+ summary: one line saying what it answers
    #+ params: actor (label of an actor, e.g. China)

Parameters reach the query through ``initBindings`` only, never by editing its text, so a
value can never change what the query does. Queries run offline and read-only: updates,
``SERVICE``, ``FROM`` and ``LOAD`` (which would make rdflib fetch graphs) are refused from
the parsed query before anything runs, unless the caller allows them; while a query runs,
``guard.offline()`` stops any connection the check missed, and ``guard.time_limit()`` and
a row limit bound how long it runs and how much it returns.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery, prepareUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query, Update
from rdflib.query import Result

from reportgraph.errors import QueryError, QueryStopped
from reportgraph.guard import Blocked, TimedOut, offline, time_limit
from reportgraph.ontology import PREFIXES, bind_prefixes
from reportgraph.terminal import terminal_line

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
MAX_CELL = 60  # characters a table cell shows before it is cut with an ellipsis
DEFAULT_TIMEOUT = 30.0  # seconds a query may run (every named query takes well under one)
DEFAULT_LIMIT = 10_000  # rows a SELECT returns before the rest is cut
PARSE_DEPTH = 20_000  # Python frames rdflib's parser may use: ~10 per triple pattern or brace

_HEADER_LINE = re.compile(r"^#\+\s*([A-Za-z_]\w*)\s*:\s*(.*?)\s*$")
_PARAM_SPEC = re.compile(r"^[?$]?([A-Za-z_]\w*)\s*(?:\((.*)\))?$")
_SPARQL_START = re.compile(
    r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|PREFIX|BASE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b\s+\S",
    re.IGNORECASE,
)
_PREFIXED_NAME = re.compile(r"^([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]*)$")
_BARE_IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")

T = TypeVar("T")


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the library, with what its header says about it."""

    name: str
    summary: str
    params: tuple[tuple[str, str], ...]
    text: str
    path: str


@dataclass
class QueryResult:
    """What a query answered, as plain strings so every output format can share it.

    ``rows`` keep full IRIs; only the ``table`` format shortens them. An unbound value is "".
    """

    kind: str  # "select" | "ask" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # more rows than the limit: only the first ``limit`` are kept


# --- the library -------------------------------------------------------------------------


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


@cache
def _library() -> tuple[NamedQuery, ...]:
    """Read once: the files are package data and do not change while we run."""
    found = []
    for entry in (files("reportgraph") / "queries").iterdir():
        if not entry.name.endswith(".rq") or not entry.is_file():
            continue
        text = entry.read_text(encoding="utf-8")
        summary, params = parse_header(text, entry.name)
        found.append(NamedQuery(entry.name[: -len(".rq")], summary, params, text, str(entry)))
    return tuple(sorted(found, key=lambda q: q.name))


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return list(_library())


def get_query(name: str) -> NamedQuery | None:
    """The named query ``name``, or None so callers can fall back to paths and inline text."""
    for named in _library():
        if named.name == name:
            return named
    return None


def resolve_query(arg: str) -> str:
    """A query's text from a named query, a file path, or SPARQL given inline."""
    named = get_query(arg) or get_query(arg.removesuffix(".rq"))
    if named:
        return named.text
    if _is_file(arg):
        try:
            return Path(arg).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{arg}: cannot read query file: {exc}") from exc
    if _SPARQL_START.search(arg) or any(ch in arg for ch in " \t\n{"):
        return arg  # SPARQL, or meant to be: its syntax error says where it goes wrong
    names = [q.name for q in _library()]
    close = difflib.get_close_matches(arg, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"named queries: {', '.join(names)}"
    raise QueryError(f"no named query, query file or SPARQL text {arg!r}; {hint}")


def _is_file(arg: str) -> bool:
    try:
        return Path(arg).is_file()
    except (OSError, ValueError):  # a long SPARQL string is not a valid file name
        return False


# --- running -----------------------------------------------------------------------------


def run_query(
    dataset: Graph,
    text: str,
    params: dict[str, str],
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    allow_network: bool = False,
) -> QueryResult:
    """Run one read-only query; ``params`` bind query variables to strings or IRIs.

    ``timeout`` (seconds) and ``limit`` (SELECT rows) bound the work; None or 0 lifts
    them. ``allow_network`` lets ``SERVICE`` and ``FROM`` through and lifts the guard.
    ``dataset`` may also be a ``reportgraph.stores.Store`` (on disk or on a server).
    """
    if not isinstance(dataset, Graph):
        from reportgraph.stores.run import run_on_store

        return run_on_store(dataset, text, params, timeout=timeout, limit=limit,
                            allow_network=allow_network)  # fmt: skip
    prepared = _prepare(text)
    if not allow_network:
        _refuse_remote(prepared)
    bindings = _bindings(text, prepared, params)
    return _guarded(
        lambda: _to_result(dataset.query(prepared, initBindings=bindings), limit),
        timeout,
        allow_network,
    )


def run_update(
    dataset: Graph,
    text: str,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_network: bool = False,
) -> int:
    """Apply a SPARQL update to ``dataset`` in memory (the caller saves it); returns how
    many statements it added (negative: removed). ``LOAD``, ``SERVICE`` and ``USING`` need
    ``allow_network``."""
    try:
        with _deep_enough():
            prepared = prepareUpdate(text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing's ParseException, or rdflib's for unknown prefixes
        raise QueryError(_syntax_message(exc)) from exc
    if not allow_network:
        _refuse_remote_update(prepared)
    before = _count(dataset)
    try:
        _guarded(lambda: dataset.update(prepared), timeout, allow_network)
    except QueryError as exc:
        if "not enough values to unpack" in str(exc):  # rdflib's Dataset on default triples
            raise QueryError(
                "an update must name the graph it changes: put the triples inside "
                "GRAPH <...> { ... } (each document is a named graph; the default graph "
                "is their union and cannot be changed directly)"
            ) from exc
        raise
    return _count(dataset) - before


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL update rather than a query."""
    try:
        parseUpdate(text)
    except Exception:  # not an update either: the query's own syntax error is the one to show
        return False
    return True


def _count(dataset: Graph) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))  # type: ignore[attr-defined]


def _guarded(work: Callable[[], T], timeout: float | None, allow_network: bool) -> T:
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


@contextmanager
def _deep_enough() -> Iterator[None]:
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


def _prepare(text: str) -> Query:
    try:
        with _deep_enough():
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
        raise QueryError(_syntax_message(exc)) from exc


def _syntax_message(exc: Exception) -> str:
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    where = f" at line {line}, column {column}" if line is not None and column is not None else ""
    return f"SPARQL syntax error{where}: {' '.join(str(message).split())}"


_OFFLINE_HINT = "queries run offline on the loaded graph (--allow-network to permit it)"


def _refuse_remote(prepared: Query) -> None:
    """rdflib would go to the network for SERVICE and FROM; a local graph never needs them."""
    if prepared.algebra.get("datasetClause"):
        raise QueryError(f"FROM / FROM NAMED are not allowed: {_OFFLINE_HINT}")
    _refuse_service(prepared.algebra)


def _refuse_service(algebra: Any) -> None:
    for node in _walk(algebra):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise QueryError(f"SERVICE is not allowed: {_OFFLINE_HINT}")


def _refuse_remote_update(prepared: Update) -> None:
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


def _bindings(text: str, prepared: Query, params: dict[str, str]) -> dict[str, URIRef | Literal]:
    _summary, declared = parse_header(text)
    variables = {str(node) for node in _walk(prepared.algebra) if isinstance(node, Variable)}
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
    return {name: param_term(value) for name, value in given.items()}


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


def _to_result(result: Result, limit: int | None = None) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph if result.graph is not None else Graph()
        return QueryResult(kind="graph", graph=bind_prefixes(graph))
    columns = [str(var) for var in result.vars or []]
    rows = [
        tuple("" if value is None else str(value) for value in row)
        for row in itertools.islice(result, limit + 1 if limit else None)
    ]
    truncated = bool(limit) and len(rows) > limit  # type: ignore[operator]
    return QueryResult(
        kind="select",
        columns=columns,
        rows=rows[:limit] if truncated else rows,
        truncated=truncated,
    )


# --- output ------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table``, ``csv``, ``tsv`` or ``json``; always ends in a newline.

    Graph results (CONSTRUCT, DESCRIBE) are Turtle, or JSON-LD when ``json`` is asked.
    """
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(
            f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}"
        )
    if result.kind == "graph":
        return _format_graph(result.graph if result.graph is not None else Graph(), fmt)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"boolean": bool(result.boolean)}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    render = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt]
    return render(result.columns, result.rows)


def _format_graph(graph: Graph, fmt: str) -> str:
    if fmt == "json":
        text = graph.serialize(
            format="json-ld", context={p: str(ns) for p, ns in PREFIXES.items()}, indent=2
        )
    else:
        text = graph.serialize(format="turtle")
    return text.rstrip("\n") + "\n"


def shorten(value: str) -> str:
    """``https://w3id.org/reportgraph/id/country/x`` -> ``id:country/x`` (longest namespace)."""
    matches = [
        (len(ns), prefix)
        for prefix, ns in PREFIXES.items()
        if value.startswith(ns) and len(value) > len(ns)
    ]
    if not matches:
        return value
    length, prefix = max(matches)
    return f"{prefix}:{value[length:]}"


def _cell(value: str) -> str:
    text = terminal_line(" ".join(shorten(value).split()))  # F29: no escape sequences
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(columns: list[str], rows: list[tuple[str, ...]]) -> str:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(columns, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    for row in cells:
        lines.append(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
        )
    return "\n".join(line.rstrip() for line in lines) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def defuse_formula(value: str) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(...)`` in a report's
    title or file name) gets a leading ``'``, as OWASP advises for CSV; a plain number
    such as ``-3`` is left as it is."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([defuse_formula(value) for value in row] for row in rows)
    return buffer.getvalue()


def _tsv_escape(value: str) -> str:
    value = defuse_formula(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _tsv(columns: list[str], rows: list[tuple[str, ...]]) -> str:
    lines = ["\t".join(columns)] + ["\t".join(_tsv_escape(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _json(columns: list[str], rows: list[tuple[str, ...]]) -> str:
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"

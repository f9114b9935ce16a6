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
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, URIRef

from reportgraph.errors import QueryError
from reportgraph.ontology import PREFIXES
from reportgraph.sparql import (
    DEFAULT_LIMIT,
    DEFAULT_TIMEOUT,
    guarded,
    is_update,
    param_term,
    parse_header,
    prepare_update,
    refuse_remote_update,
)
from reportgraph.stores.base import Answer, Store
from reportgraph.stores.memory import MemoryStore
from reportgraph.stores.run import answer
from reportgraph.stores.terms import to_rdflib
from reportgraph.terminal import terminal_line

__all__ = [  # what callers import from here; parsing, refusal and binding live in sparql
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "IRI",
    "OUTPUT_FORMATS",
    "NamedQuery",
    "QueryResult",
    "format_result",
    "get_query",
    "is_update",
    "list_queries",
    "param_term",
    "parse_header",
    "pasteable",
    "resolve_query",
    "run_query",
    "run_update",
]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
MAX_CELL = 60  # characters a table cell shows before it is cut with an ellipsis

_SPARQL_START = re.compile(
    r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|PREFIX|BASE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE)\b\s+\S",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file of the library, with what its header says about it."""

    name: str
    summary: str
    params: tuple[tuple[str, str], ...]
    text: str
    path: str


class IRI(str):
    """A value that is an IRI, not text: it equals its plain string, but the ``table``
    format knows to print it in a form that pastes back into a query."""

    __slots__ = ()


@dataclass
class QueryResult:
    """What a query answered, as strings so every output format can share it.

    ``rows`` keep full IRIs (as ``IRI``); an unbound value is None, so JSON can say null.
    """

    kind: str  # "select" | "ask" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # more rows than the limit: only the first ``limit`` are kept


# --- the library -------------------------------------------------------------------------


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
    """A query's text from a named query, a file path, or SPARQL given inline.

    A bare name (``laws``) is the packaged query; a name with a suffix (``laws.rq``) is
    the user's file when one exists, else the packaged query of that name.
    """
    named = get_query(arg)
    if named:
        return named.text
    if _is_file(arg):
        try:
            return Path(arg).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{arg}: cannot read query file: {exc}") from exc
    named = get_query(arg.removesuffix(".rq"))
    if named:
        return named.text
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
    target: Graph | Store,
    text: str,
    params: dict[str, str],
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    allow_network: bool = False,
) -> QueryResult:
    """Run one read-only query on ``target`` (an rdflib Dataset or Graph, or a store on
    disk or on a server); ``params`` bind query variables to strings or IRIs.

    ``timeout`` (seconds) and ``limit`` (SELECT rows) bound the work; None or 0 lifts
    them. ``allow_network`` lets ``SERVICE`` and ``FROM`` through and lifts the guard.
    The time limit stops pure-Python work in this thread; ``reportgraph query`` runs the
    query in a worker process instead (``servepool.run_once``), which is killed at it.
    """
    store = target if isinstance(target, Store) else MemoryStore(target)
    got = answer(store, text, params, timeout=timeout, limit=limit, allow_network=allow_network)
    return to_query_result(got)


# Looked up when an update runs, so a test can switch the check off to reach the guard behind.
_refuse_remote_update = refuse_remote_update


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
    prepared = prepare_update(text)
    if not allow_network:
        _refuse_remote_update(prepared)
    before = _count(dataset)
    try:
        guarded(lambda: dataset.update(prepared), timeout, allow_network)
    except QueryError as exc:
        if "not enough values to unpack" in str(exc):  # rdflib's Dataset on default triples
            raise QueryError(
                "an update must name the graph it changes: put the triples inside "
                "GRAPH <...> { ... } (each document is a named graph; the default graph "
                "is their union and cannot be changed directly)"
            ) from exc
        raise
    return _count(dataset) - before


def _count(dataset: Graph) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))  # type: ignore[attr-defined]


def to_query_result(got: Answer) -> QueryResult:
    """A store's answer (RDF terms) as text: IRIs marked as such, None for unbound."""
    return QueryResult(
        kind=got.kind,
        columns=list(got.columns),
        rows=[tuple(_text(to_rdflib(value)) for value in row) for row in got.rows],
        boolean=got.boolean,
        graph=got.graph,
        truncated=got.truncated,
    )


def _text(term: object) -> str | None:
    if term is None:
        return None
    return IRI(term) if isinstance(term, URIRef) else str(term)


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


# A local name every SPARQL parser reads (rdflib reads no backslash escapes: ``id:event\/x``)
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def pasteable(iri: str) -> str:
    """An IRI as a query can take it back: ``rg:Arrest`` or ``wd:Q148`` when a known prefix
    and a plain local name fit (longest namespace first), else ``<https://...>``; so
    ``id:event/x``, which no parser reads, prints as its full ``<IRI>``."""
    for length, prefix in sorted(
        ((len(ns), prefix) for prefix, ns in PREFIXES.items() if iri.startswith(ns)), reverse=True
    ):
        if _PLAIN_LOCAL.fullmatch(iri[length:]):
            return f"{prefix}:{iri[length:]}"
    return f"<{iri}>"


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, IRI):  # never cut: a cut IRI cannot be pasted back
        return terminal_line(pasteable(value))
    text = terminal_line(" ".join(value.split()))  # F29: no escape sequences
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(columns: list[str], rows: list[tuple[str | None, ...]]) -> str:
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


def defuse_formula(value: str | None) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(...)`` in a report's
    title or file name) gets a leading ``'``, as OWASP advises for CSV; a plain number
    such as ``-3`` is left as it is. Unbound is an empty cell."""
    if value is None:
        return ""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[tuple[str | None, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([defuse_formula(value) for value in row] for row in rows)
    return buffer.getvalue()


def _tsv_escape(value: str | None) -> str:
    value = defuse_formula(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _tsv(columns: list[str], rows: list[tuple[str | None, ...]]) -> str:
    lines = ["\t".join(columns)] + ["\t".join(_tsv_escape(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _json(columns: list[str], rows: list[tuple[str | None, ...]]) -> str:
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"

"""What the commands share: the options that name a graph, a store and query limits, the
number type they use, and one line for every error."""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgraph.errors import ReportgraphError
from reportgraph.guard import MAX_SECONDS
from reportgraph.terminal import terminal_line, terminal_text

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_GRAPH = Path("graph")


def user_errors(func: F) -> F:
    """Turn the library's own errors into one clear line and exit status 1; anything else
    is a bug, said as such in one line (REPORTGRAPH_DEBUG=1 shows the traceback)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReportgraphError as exc:
            raise click.ClickException(terminal_text(str(exc))) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("REPORTGRAPH_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); this is a bug in reportgraph, "
                "rerun with REPORTGRAPH_DEBUG=1 for the traceback and report it"
            ) from exc

    return wrapper  # type: ignore[return-value]


def graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph_dir",
        type=click.Path(path_type=Path),
        default=DEFAULT_GRAPH,
        show_default=True,
        help="Folder written by `reportgraph build` (or a .trig/.ttl file).",
    )(func)


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_spec",
        default=None,
        envvar="REPORTGRAPH_STORE",
        metavar="memory|oxigraph:DIR|sparql:URL",
        help="Where the graph is read [default: GRAPH/store, the on-disk store build "
        "writes]: GRAPH/graph.trig in memory, another oxigraph store or a SPARQL server "
        "(filled by `reportgraph load`). Env: REPORTGRAPH_STORE.",
    )(func)


def note(text: str) -> None:
    """A line for the user on standard error (a store made on first use, say)."""
    click.echo(f"note: {terminal_line(text)}", err=True)


class Finite(click.FloatRange):
    """A FloatRange that refuses ``nan`` and ``inf``: NaN passes every comparison a range
    makes, and both end in errors far from the option that gave them."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def query_limits_options(verb: str, rows: int) -> Callable[[F], F]:
    """``--timeout`` and ``--limit``, shared by ``query`` and ``serve``; ``rows`` is the
    default limit (a page for a person, more for a program)."""

    def decorate(func: F) -> F:
        func = click.option(
            "--limit",
            type=click.IntRange(min=0),
            default=rows,
            show_default=True,
            metavar="ROWS",
            help=f"{verb} at most this many rows of a SELECT (0: all).",
        )(func)
        return click.option(
            "--timeout",
            type=Finite(min=0, max=MAX_SECONDS),
            default=30.0,
            show_default=True,
            metavar="SECONDS",
            help="Stop a query that runs longer (0: no limit).",
        )(func)

    return decorate

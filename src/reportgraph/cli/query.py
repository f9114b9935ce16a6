"""``reportgraph query``, ``load`` and ``serve``: the graph read through a store."""

from __future__ import annotations

from pathlib import Path

import click

from reportgraph.cli.options import (
    graph_option,
    note,
    query_limits_options,
    store_option,
    user_errors,
)
from reportgraph.output import loaded_line, named_query_lines
from reportgraph.sparql import DEFAULT_LIMIT, PAGE_LIMIT
from reportgraph.stores import open_store


@click.command()
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
@query_limits_options("Print", PAGE_LIMIT)
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
    store_spec: str | None,
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
    from reportgraph.errors import QueryError
    from reportgraph.query import is_update, list_queries, resolve_query

    if list_:
        click.echo("\n".join(named_query_lines(list_queries())))
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

        if store_spec not in (None, "", "memory"):
            raise click.UsageError(
                "--allow-update changes a build folder (its graph.trig and store): leave out "
                "--store, or use --store memory"
            )
        changed, outputs = update_folder(
            graph_dir, text, timeout=timeout, allow_network=allow_network
        )
        click.echo(f"{changed:+d} statements; wrote " + ", ".join(str(p) for p in outputs))
        if changed:
            click.echo(
                "note: the next 'reportgraph build' into this folder replaces these changes; "
                "to keep a correction, write it in a file for 'build --corrections FILE'",
                err=True,
            )
        return
    from reportgraph.errors import QueryStopped
    from reportgraph.servepool import CLI, Job, run_once

    store = open_store(store_spec, graph_dir, note)
    reply = run_once(
        store, Job(text, CLI + fmt, timeout or None, limit or None, tuple(bindings.items()),
                   allow_network),
    )  # fmt: skip
    text = reply.body.decode("utf-8")
    if reply.status == 503:
        raise QueryStopped(text.rstrip("\n"))
    if reply.status != 200:
        raise QueryError(text.rstrip("\n"))
    click.echo(text, nl=False)
    if "X-Reportgraph-Truncated" in reply.headers:
        click.echo(f"note: only the first {limit:,} rows are shown (--limit 0 for all)", err=True)


@click.command()
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
    click.echo(loaded_line(report))


@click.command()
@graph_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@query_limits_options("Send", DEFAULT_LIMIT)
@click.option(
    "--cors",
    metavar="ORIGIN",
    default=None,
    help="Let web pages from ORIGIN (e.g. http://localhost:8080) query the endpoint.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Queries answered at once, each in its own process [default: 8; 4 with --store "
    "memory, where each holds a copy of the graph].",
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
    store_spec: str | None,
    host: str,
    port: int,
    timeout: float,
    limit: int,
    cors: str | None,
    workers: int | None,
    memory_mb: int,
) -> None:
    """Answer SPARQL 1.1 protocol queries at http://HOST:PORT/sparql, read-only (no update,
    LOAD, SERVICE or FROM), for YASGUI, Protégé and other clients; a page at / runs the
    named queries in a browser. Ctrl-C stops it."""
    from reportgraph.serve import PATH, is_loopback, make_server

    store = open_store(store_spec, graph_dir, note)
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
        view=graph_dir / "index.html" if (graph_dir / "index.html").is_file() else None,
    )
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines can query the graph", err=True)
    bound_host, bound_port = server.server_address[:2]
    click.echo(
        f"serving {store.spec} read-only at http://{bound_host}:{bound_port}{PATH} "
        f"(queries page: http://{bound_host}:{bound_port}/; Ctrl-C to stop)",
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()
        store.close()

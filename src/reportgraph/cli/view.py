"""``reportgraph view`` and ``export``: the graph as a page or in another format."""

from __future__ import annotations

from pathlib import Path

import click

from reportgraph.cli.options import graph_option, note, store_option, user_errors
from reportgraph.stores import read_dataset


@click.command()
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
    store_spec: str | None,
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
    from reportgraph.views import MAX_EVENTS, MAX_NODES, render_timeline, render_view

    folder = graph_dir if graph_dir.is_dir() else graph_dir.parent
    if out is None:
        name = "timeline" if timeline else "focus" if focus else "query" if query_arg else "index"
        out = folder / f"{name}.html"
    text = None
    if query_arg is not None:
        from reportgraph.query import resolve_query

        text = resolve_query(query_arg)
    dataset = read_dataset(store_spec, graph_dir, note)
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
        if made.capped:
            click.echo(
                f"note: the graph has {made.total_events} events, more than the cap of "
                f"{MAX_EVENTS}: the page lists those the most documents report; narrow it "
                "with --focus NAME or --query FILE.rq",
                err=True,
            )
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
        timeline=folder / "timeline.html" if (folder / "timeline.html").is_file() else None,
    )
    click.echo(f"wrote {stats.path} ({stats.nodes} nodes, {stats.edges} edges)")
    if stats.capped:
        click.echo(
            f"note: the graph has {stats.total_nodes} nodes, more than the cap of "
            f"{max_nodes or MAX_NODES}: the page shows its largest connected neighbourhoods; "
            "use --focus NAME or --query to see the rest",
            err=True,
        )


@click.command()
@graph_option
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "trig", "nt", "nquads", "jsonld", "graphml", "csv"]),
    required=True,
    help="turtle/nt merge the documents' graphs; trig/nquads keep them; graphml is for Gephi; "
    "csv writes nodes.csv and edges.csv into the folder --out (Gephi, Kumu, spreadsheets).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (for csv, a folder).",
)
@click.option(
    "--documents",
    is_flag=True,
    help="graphml/csv: the documents as nodes too, linked to what they mention.",
)
@user_errors
def export(graph_dir: Path, store_spec: str | None, fmt: str, out: Path, documents: bool) -> None:
    """Export the graph in another RDF format, as GraphML, or as CSV tables of nodes and edges."""
    from reportgraph.export import GRAPH_FORMATS, TABLES
    from reportgraph.export import export as write

    count = write(read_dataset(store_spec, graph_dir, note), fmt, out, documents=documents)
    written = ", ".join(str(out / name) for name in TABLES) if fmt == "csv" else str(out)
    click.echo(f"wrote {written} ({count} {'edges' if fmt in GRAPH_FORMATS else 'statements'})")

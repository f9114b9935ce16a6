"""Views of a built graph: the interactive graph page and the timeline page.

Both are one self-contained HTML file each, that opens from a USB stick with no network
and stays inert whatever the documents say (see ``safety``). The steps are plain
functions over networkx graphs:

    RDF --project--> event-centric graph --collapse?--> --focus?--> --cap--> page
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph

from reportgraph.errors import QueryError
from reportgraph.files import write_output
from reportgraph.triples import Readable
from reportgraph.views.collapse import collapse_events
from reportgraph.views.page import LAYOUT_THRESHOLD, render_html
from reportgraph.views.project import project_construct, project_graph
from reportgraph.views.reader import Links
from reportgraph.views.safety import external_refs
from reportgraph.views.subgraph import cap_graph, find_nodes, focus_graph
from reportgraph.views.timeline import render_timeline_html, timeline_events

# Above this many nodes a page shows the largest connected neighbourhoods and says so.
MAX_NODES = 10_000
# Above this many events the timeline lists the most reported ones and says so.
MAX_EVENTS = 5_000

__all__ = [
    "LAYOUT_THRESHOLD",
    "MAX_EVENTS",
    "MAX_NODES",
    "TimelineStats",
    "ViewStats",
    "cap_graph",
    "collapse_events",
    "external_refs",
    "find_nodes",
    "focus_graph",
    "project_construct",
    "project_graph",
    "render_html",
    "render_timeline",
    "render_view",
    "select_graph",
]


@dataclass(frozen=True)
class ViewStats:
    nodes: int
    edges: int
    path: Path
    total_nodes: int  # before the cap
    total_edges: int

    @property
    def capped(self) -> bool:
        return self.nodes < self.total_nodes


@dataclass(frozen=True)
class TimelineStats:
    events: int
    dated: int
    path: Path
    total_events: int  # before the cap

    @property
    def capped(self) -> bool:
        return self.events < self.total_events


def select_graph(
    dataset: Dataset | Readable,
    focus: str | None = None,
    depth: int = 1,
    collapse: bool = False,
    query: str | None = None,
) -> tuple[nx.MultiDiGraph, str]:
    """The graph a page draws and a line saying what it is: the whole graph or the result of
    a CONSTRUCT ``query``, with events folded into edges if ``collapse``, then the part
    within ``depth`` steps of ``focus``."""
    if query is None:
        graph = project_graph(dataset)
        what = ""
    else:
        graph = project_construct(construct(dataset, query), dataset)
        what = ", the result of a query"
    if collapse:
        graph = collapse_events(graph)
        graph.graph["collapsed"] = True
        what += ", events drawn as edges"
    if focus is not None:
        graph = focus_graph(graph, focus, depth)
        what += f", within {depth} step{'s' if depth != 1 else ''} of {focus}"
    return graph, what


def construct(dataset: Dataset | Graph, query: str) -> Graph:
    """The graph a CONSTRUCT or DESCRIBE query answers (read-only, offline, as ``query``)."""
    from reportgraph.query import run_query

    result = run_query(dataset, query, {})
    if result.kind != "graph" or result.graph is None:
        raise QueryError(
            f"a view needs a CONSTRUCT or DESCRIBE query; this one is {result.kind.upper()}"
        )
    return result.graph


def render_view(
    dataset: Dataset | Readable,
    out: Path,
    focus: str | None = None,
    depth: int = 1,
    title: str = "reportgraph",
    collapse: bool = False,
    query: str | None = None,
    max_nodes: int = MAX_NODES,
    layout_threshold: int = LAYOUT_THRESHOLD,
    readers: Links | None = None,
    timeline: Path | None = None,
) -> ViewStats:
    """Write the interactive graph page to ``out``; see ``select_graph`` for what it shows.
    ``readers`` links evidence to the reader pages in ``documents/`` beside ``out``;
    ``timeline`` is the timeline page its events and actors link to."""
    graph, what = select_graph(dataset, focus, depth, collapse, query)
    capped = cap_graph(graph, max_nodes)
    graph = capped.graph
    summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges{what}"
    notice = ""
    if capped.capped:
        notice = (
            f"This graph has {capped.total_nodes:,} nodes and {capped.total_edges:,} edges, "
            f"more than one page draws smoothly (the cap is {max_nodes:,}). Shown: its largest "
            f"connected neighbourhoods, {graph.number_of_nodes():,} nodes. To see the rest, "
            "write a view with --focus NAME or --query FILE.rq."
        )
    page = render_html(
        graph,
        title=title,
        summary=summary,
        notice=notice,
        layout_threshold=layout_threshold,
        readers=readers,
        timeline="" if timeline is None else Path(_relative(timeline, Path(out).parent)).as_posix(),
    )
    path = Path(out)
    write_output(path, page)
    return ViewStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        path=path,
        total_nodes=capped.total_nodes,
        total_edges=capped.total_edges,
    )


def render_timeline(
    dataset: Dataset | Readable,
    out: Path,
    focus: str | None = None,
    depth: int = 1,
    query: str | None = None,
    title: str = "reportgraph timeline",
    graph_page: Path | None = None,
    max_events: int = MAX_EVENTS,
) -> TimelineStats:
    """Write the timeline page: every event in date order (past ``max_events``, the most
    reported ones, with a notice), linking to the graph page ``graph_page`` (by default
    ``index.html`` beside ``out``)."""
    graph, what = select_graph(dataset, focus, depth, False, query)
    path = Path(out)
    target = Path(graph_page) if graph_page is not None else path.parent / "index.html"
    href = Path(_relative(target, path.parent)).as_posix()
    events, total = timeline_events(graph, max_events)
    notice = ""
    if len(events) < total:
        notice = (
            f"This graph has {total:,} events, more than one page lists smoothly (the cap "
            f"is {max_events:,}). Shown: the {len(events):,} that the most documents report. "
            "To see the others, write a timeline with --focus NAME or --query FILE.rq."
        )
    page = render_timeline_html(
        events, graph, title=title, what=what, graph_href=href, notice=notice
    )
    write_output(path, page)
    return TimelineStats(
        events=len(events),
        dated=sum(1 for e in events if e.start),
        path=path,
        total_events=total,
    )


def _relative(target: Path, start: Path) -> str:
    return os.path.relpath(target.resolve(), start.resolve())

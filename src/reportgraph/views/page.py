"""networkx -> the graph page: pyvis builds the node and edge lists, our template draws them.

pyvis renders through our own template (``assets/graph.html``, derived from pyvis 0.3.2's)
with Jinja autoescaping on: vis-network is inlined, there is no Bootstrap/tom-select and
no CDN link, and no ``innerHTML`` popup (pyvis switches to one when a tooltip contains
"href"). Tooltips are plain text (vis-network 9 shows a string title with ``innerText``);
node and edge data reach the page only through ``tojson``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx
from jinja2 import DictLoader, Environment
from pyvis.network import Network

from reportgraph.views.layout import layout, sizes
from reportgraph.views.reader import Links
from reportgraph.views.safety import CSP_PLACEHOLDER, asset, inline, seal, vis_assets
from reportgraph.views.style import EVENT_STYLE, FAMILY, LEGEND_ORDER, OTHER, STYLE, kind_of

# Above this many nodes the browser's physics is too slow: lay out ahead, physics off.
LAYOUT_THRESHOLD = 500
TOOLTIP_TEXT_MAX = 300
TOOLTIP_LIST_MAX = 10
TEMPLATE_NAME = "graph.html"


def render_html(
    graph: nx.MultiDiGraph,
    title: str = "reportgraph",
    summary: str = "",
    notice: str = "",
    layout_threshold: int = LAYOUT_THRESHOLD,
    readers: Links | None = None,
    timeline: str = "",
) -> str:
    """The page as a string; fails rather than return a page that would load anything remote.
    With ``readers`` each evidence sentence links to it in its document's reader page; with
    ``timeline`` (its address from this page) events and actors link to the timeline page."""
    big = graph.number_of_nodes() > layout_threshold
    documents = list(graph.graph.get("documents", ()))
    readers = readers or Links({}, {})
    net = _network(graph, big, {d["file"]: i for i, d in enumerate(documents)}, readers)
    net.heading = title
    starts = [d for _, d in graph.nodes(data="start") if d]
    ends = [d for _, d in graph.nodes(data="end") if d]
    for _, _, data in graph.edges(data=True):
        if data.get("start"):
            starts.append(data["start"])
            ends.append(data["end"])
    net.templateEnv = _template_env(
        csp=CSP_PLACEHOLDER,
        summary=summary,
        notice=notice,
        documents=documents,
        groups=_legend(graph),
        isolated=sum(1 for n in graph if graph.degree(n) == 0),
        timeline=timeline,
        legend_note="size: degree centrality; labels: the most connected first, more as you zoom"
        + ("; events drawn as labelled edges" if graph.graph.get("collapsed") else ""),
        first_date=min(starts, default=""),
        last_date=max(ends, default=""),
        scripts=vis_assets(),
        css=inline("style", asset("graph.css"), "graph.css"),
        app=inline("script", asset("graph.js"), "graph.js"),
        page={
            "documents": documents,
            "big": big,
            "collapsed": bool(graph.graph.get("collapsed")),
            "timeline": timeline,
            "claims": claim_records(graph, readers),
            "most_sources": max(_sources(graph), default=0),
        },
    )
    net.path = TEMPLATE_NAME
    return seal(net.generate_html())


def _template_env(**page_globals: Any) -> Environment:
    """Stands in for pyvis's template folder: ``generate_html`` renders our template with it."""
    env = Environment(loader=DictLoader({TEMPLATE_NAME: asset(TEMPLATE_NAME)}), autoescape=True)
    env.globals.update(page_globals)
    return env


def _network(
    graph: nx.MultiDiGraph, big: bool, doc_index: dict[str, int], readers: Links
) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    positions = layout(graph) if big else {}
    size = sizes(graph)
    # pyvis checks membership in plain lists, quadratic on thousands of nodes: we add the
    # dicts pyvis would build (Node/Edge options) in one go, in the same shape.
    isolated = {n for n in graph if graph.degree(n) == 0}
    for node, data in sorted(graph.nodes(data=True)):
        colour, shape, _ = STYLE[data["cls"]]
        options: dict[str, Any] = {
            "id": node,
            "label": data["label"],
            # drawn by graph.js: its shapes and level-of-detail labels, not vis-network's
            "shape": "custom",
            "glyph": shape,
            "color": colour,
            "size": size[node][0],
            "c": size[node][1],
            "rank": size[node][2],
            "title": tooltip(data),
            "cls": data["cls"],
            "kind": data["kind"],
            "names": list(data["names"]),
            "docs": [doc_index[d] for d in data["documents"] if d in doc_index],
            "dates": list(data["dates"]),
            "start": data["start"],
            "end": data["end"],
            "ev": list(data["evidence"]),
            "src": readers.of(node, data["evidence"]),
            "cl": list(data.get("claims", ())),
        }
        if data["kind"] == "event":
            options["n"] = data.get("sources", 0)
        if data.get("same_as"):
            options["wd"] = data["same_as"]
        if data.get("corrections"):
            options["fix"] = list(data["corrections"])
        if data.get("lone_events"):
            options["lone"] = [_event_summary(e, readers) for e in data["lone_events"]]
        if node in isolated:  # hidden until the "isolated" box is ticked; left out of the layout
            options.update(iso=True, hidden=True, physics=False)
        if positions:
            options["x"], options["y"] = positions[node]
        net.nodes.append(options)
        net.node_ids.append(node)
        net.node_map[node] = options
    labels = dict(graph.nodes(data="label"))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (source, target, _key, data) in enumerate(edges):
        hint = f"{labels[source]} \u2192 {data['label']} \u2192 {labels[target]}"
        options = {"id": f"e{i}", "from": source, "to": target, "arrows": "to"}
        options["label"] = data["label"]
        if data.get("event"):
            options.update(_folded_edge(data, doc_index, readers))
            hint += _tooltip_tail(data)
        options["title"] = hint
        net.edges.append(options)
    net.options = _options(physics=not big, big=big, small=graph.number_of_nodes() <= 100)
    return net


def _folded_edge(data: dict[str, Any], doc_index: dict[str, int], readers: Links) -> dict[str, Any]:
    return {
        "event": data["event"],
        "event_label": data["event_label"],
        "cls": data["cls"],
        "color": {"color": EVENT_STYLE.get(data["cls"], STYLE["Event"])[0]},
        "dates": list(data["dates"]),
        "start": data["start"],
        "end": data["end"],
        "docs": [doc_index[d] for d in data["documents"] if d in doc_index],
        "ev": list(data["evidence"]),
        "src": readers.of(data["event"], data["evidence"]),
        "fix": list(data.get("corrections", ())),
        "cl": list(data.get("claims", ())),
        "n": data.get("sources", 0),
    }


def claim_records(graph: nx.MultiDiGraph, readers: Links) -> dict[str, dict[str, Any]]:
    """The claims the page's nodes and folded edges are about, and the claims those conflict
    with, each with its sentence's link into its reader page: the panel shows them."""
    table = graph.graph.get("claims", {})
    wanted = {c for _, cl in graph.nodes(data="claims") for c in cl or ()}
    wanted |= {c for _, _, cl in graph.edges(data="claims") for c in cl or ()}
    wanted |= {other for c in wanted for other in table[c]["vs"] if other in table}
    return {
        iri: {
            "by": c["by"],
            "stance": c["stance"],
            "figures": c["figures"],
            "date": c["date"],
            "sentence": c["sentence"],
            "file": c["file"],
            "src": readers.in_document(c["file"], c["sentence"]),
            "vs": [other for other in c["vs"] if other in table],
        }
        for iri, c in sorted(table.items())
        if iri in wanted
    }


def _sources(graph: nx.MultiDiGraph) -> Iterable[int]:
    """How many independent sources each event (node or folded edge) has."""
    yield from (d.get("sources", 0) for _, d in graph.nodes(data=True) if d["kind"] == "event")
    yield from (d.get("sources", 0) for _, _, d in graph.edges(data=True) if d.get("event"))


def _event_summary(event: dict[str, Any], readers: Links) -> dict[str, Any]:
    return {
        "event_label": event["event_label"],
        "dates": list(event["dates"]),
        "evidence": list(event["evidence"]),
        "src": readers.of(event["event"], event["evidence"]),
    }


def _legend(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The classes present, in groups (entities, then each event family) that one box shows
    or hides at once, with how many nodes (or folded edges) each class has."""
    counts = Counter(cls for _, cls in graph.nodes(data="cls"))
    counts.update(d["cls"] for _, _, d in graph.edges(data=True) if d.get("event"))
    groups: dict[str, dict[str, Any]] = {}
    for cls in LEGEND_ORDER:
        if not counts[cls]:
            continue
        kind = kind_of(cls)
        name = FAMILY[cls] if kind == "event" else ("Entities" if kind == "entity" else OTHER)
        group = groups.setdefault(name, {"name": name, "kind": kind, "classes": []})
        colour, _, symbol = STYLE[cls]
        group["classes"].append(
            {"name": cls, "color": colour, "symbol": symbol, "count": counts[cls]}
        )
    return list(groups.values())


def tooltip(data: dict[str, Any]) -> str:
    """Plain text (never HTML): vis-network 9 shows a string title as text."""
    lines = [data["label"], f"{data['cls']} ({data['kind']})"]
    if data["alt_labels"]:
        lines.append("Also: " + _short_list(data["alt_labels"]))
    return "\n".join(lines) + _tooltip_tail(data) + "\n(click for details)"


def _tooltip_tail(data: dict[str, Any]) -> str:
    lines = [""]
    if data["dates"]:
        lines.append("Date: " + ", ".join(data["dates"]))
    for evidence in data["evidence"][:2]:
        lines.append("Evidence: " + _truncate(" ".join(evidence.split())))
    if data["documents"]:
        lines.append("Documents: " + _short_list(data["documents"]))
    return "\n".join(lines) if len(lines) > 1 else ""


def _short_list(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:TOOLTIP_LIST_MAX])
    more = len(items) - TOOLTIP_LIST_MAX
    return _truncate(shown + (f" (+{more} more)" if more > 0 else ""))


def _truncate(text: str, limit: int = TOOLTIP_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _options(physics: bool, big: bool, small: bool) -> dict[str, Any]:
    """vis-network's options; its "improved layout" only copes with small graphs. The page
    frames the graph itself (with room for the labels), so vis-network never fits it."""
    options: dict[str, Any] = {
        "nodes": {"borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            # edge labels only once zoomed in far enough to read them (10 px at scale 0.9)
            "scaling": {"label": {"drawThreshold": 9}},
            "smooth": physics,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "layout": {"improvedLayout": small, "randomSeed": 7},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 400, "fit": False},
        }
    else:
        options["physics"] = {"enabled": False}
    return options

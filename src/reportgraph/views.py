"""Graph -> networkx projection -> one self-contained, offline HTML page (pyvis + vis-network).

The page must open from a USB stick with no network and must stay safe whatever the
documents say, so:

* pyvis renders through our own template (derived from pyvis 0.3.2's): vis-network is
  inlined, there is no Bootstrap/tom-select and no CDN link, and there is no ``innerHTML``
  popup (pyvis switches to one when a tooltip contains "href").
* tooltips are plain text (vis-network 9 shows a string title with ``innerText``);
  node and edge data reach the page only through Jinja's ``tojson``, which escapes
  ``< > & '``; everything else from the graph (title, focus) goes through ``html.escape``.
* the same graph gives the same bytes: nodes and edges are sorted, the layout is seeded.
"""

from __future__ import annotations

import difflib
import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import DictLoader, Environment
from pyvis.network import Network
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from reportgraph.errors import ReportgraphError
from reportgraph.files import write_atomic
from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES
from reportgraph.ontology import RG, RG_IRI
from reportgraph.rdf import union as rdf_union

# Above this many nodes the browser's physics is too slow: lay out ahead, physics off.
LAYOUT_THRESHOLD = 500
TOOLTIP_TEXT_MAX = 300
TOOLTIP_LIST_MAX = 10

# class -> (colour, vis-network shape, legend symbol)
ENTITY_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Organization": ("#f28e2b", "square", "\u25a0"),
    "Group": ("#59a14f", "triangle", "\u25b2"),
    "Country": ("#e15759", "diamond", "\u25c6"),
    "Place": ("#17becf", "triangleDown", "\u25bc"),
    "Law": ("#b07aa1", "star", "\u2605"),
}
EVENT_COLOURS = (
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#8cd17d",
    "#a0cbe8",
    "#ffbe7d",
    "#d4a6c8",
    "#86bcb6",
    "#f1ce63",
    "#d37295",
    "#bcbd22",
    "#79706e",
)
EVENT_SHAPE, EVENT_SYMBOL = "hexagon", "\u2b22"
GENERIC_EVENT = "Event"
# Colours cycle, so a new event class in model.EVENT_CLASSES still gets one.
EVENT_STYLE: dict[str, tuple[str, str, str]] = {
    cls: (EVENT_COLOURS[i % len(EVENT_COLOURS)], EVENT_SHAPE, EVENT_SYMBOL)
    for i, cls in enumerate(EVENT_CLASSES)
}
EVENT_STYLE[GENERIC_EVENT] = ("#bab0ac", EVENT_SHAPE, EVENT_SYMBOL)
STYLE = {**ENTITY_STYLE, **EVENT_STYLE}
# Most specific first, so a node typed both rg:Country and rg:Place is drawn as a Country.
CLASS_PRIORITY = (*EVENT_CLASSES, GENERIC_EVENT, *ENTITY_CLASSES)

PARTICIPANTS = (("agent", RG.agent), ("affected", RG.affected), ("actor", RG.actor))
CSS_REMOTE = re.compile(
    r"""(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//[^)"']*|@import[^;]*)""", re.IGNORECASE
)
PYVIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib"
TEMPLATE_NAME = "reportgraph.html"


@dataclass(frozen=True)
class ViewStats:
    nodes: int
    edges: int
    path: Path


def render_view(
    dataset: Dataset,
    out: Path,
    focus: str | None = None,
    depth: int = 1,
    title: str = "reportgraph",
) -> ViewStats:
    """Write the interactive view of ``dataset`` (or of the part around ``focus``) to ``out``."""
    graph = project_graph(dataset)
    summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if focus is not None:
        graph = focus_graph(graph, focus, depth)
        summary = (
            f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
            f"within {depth} step{'s' if depth != 1 else ''} of {focus}"
        )
    page = render_html(graph, title=title, summary=summary)
    path = Path(out)
    write_atomic(path, page)
    return ViewStats(nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), path=path)


# ---------------------------------------------------------------------------- projection


def project_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Entities and events as nodes, participation/place/relations as labelled edges.

    Reads every named graph (not only the default one), so it works whether or not the
    dataset was opened with ``default_union``.
    """
    union = rdf_union(dataset)
    classes = _node_classes(union)
    graph = nx.MultiDiGraph()
    for node in sorted(classes, key=str):
        graph.add_node(str(node), **_node_data(union, node, classes[node]))
    for source, target, label in _edges(union, classes):
        graph.add_edge(source, target, key=label, label=label)
    return graph


def _node_classes(union: Graph) -> dict[URIRef, str]:
    """The class each entity or event is drawn as; documents and the rest are left out."""
    known = {cls: rank for rank, cls in enumerate(CLASS_PRIORITY)}
    classes: dict[URIRef, str] = {}
    for subject in set(union.subjects(RDF.type, None)):
        if not isinstance(subject, URIRef):
            continue
        found = {c for t in union.objects(subject, RDF.type) for c in _class_names(union, t)}
        found &= known.keys()
        if found:
            classes[subject] = min(found, key=known.__getitem__)
    return classes


def _class_names(union: Graph, rdf_type: Node) -> Iterable[str]:
    """Local names of ``rdf_type`` and its rg: superclasses, so finer subclasses still draw."""
    for cls in union.transitive_objects(rdf_type, RDFS.subClassOf):
        if isinstance(cls, URIRef) and str(cls).startswith(RG_IRI):
            yield str(cls)[len(RG_IRI) :]


def _node_data(union: Graph, node: URIRef, cls: str) -> dict[str, Any]:
    labels = list(union.objects(node, RDFS.label))
    label = _pick_label(labels) or _local_name(node)
    alt = sorted({str(a) for a in union.objects(node, SKOS.altLabel)} - {label})
    documents = sorted(
        {_file_name(union, doc) for doc in union.objects(node, RG.mentionedIn)}, key=str.lower
    )
    return {
        "iri": str(node),
        "cls": cls,
        "kind": "event" if cls in EVENT_STYLE else "entity",
        "label": label,
        "names": tuple(sorted({label, *(str(x) for x in labels), *alt})),
        "alt_labels": tuple(alt),
        "documents": tuple(documents),
        "dates": tuple(sorted({str(d) for d in union.objects(node, RG.date)})),
        "evidence": tuple(sorted({str(e) for e in union.objects(node, RG.evidence)})),
    }


def _pick_label(labels: list[Node]) -> str:
    """One label, the same every run: English first, then untagged, then any other."""

    def rank(value: Node) -> tuple[int, str]:
        lang = value.language if isinstance(value, Literal) else None
        return (0 if lang == "en" else 1 if lang is None else 2, str(value))

    return str(min(labels, key=rank)) if labels else ""


def _local_name(node: URIRef) -> str:
    return re.split(r"[/#]", str(node).rstrip("/#"))[-1] or str(node)


def _file_name(union: Graph, document: Node) -> str:
    name = union.value(document, RG.fileName)
    if name is not None:
        return str(name)
    return _local_name(document) if isinstance(document, URIRef) else str(document)


def _edges(union: Graph, classes: dict[URIRef, str]) -> list[tuple[str, str, str]]:
    edges: set[tuple[str, str, str]] = set()
    events = sorted((n for n, c in classes.items() if c in EVENT_STYLE), key=str)
    for event in events:
        edges.update(_participant_edges(union, event, classes))
        edges.update(
            (str(event), str(place), "place")
            for place in union.objects(event, RG.place)
            if place in classes
        )
    for s, p, o in union:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef) and str(p).startswith(RG_IRI)):
            continue
        if classes.get(s) in ENTITY_STYLE and classes.get(o) in ENTITY_STYLE:
            edges.add((str(s), str(o), str(p)[len(RG_IRI) :]))
    return sorted(edges)


def _participant_edges(
    union: Graph, event: URIRef, classes: dict[URIRef, str]
) -> set[tuple[str, str, str]]:
    """agent/affected edges, and actor only where neither finer property names the pair."""
    edges: set[tuple[str, str, str]] = set()
    finer: set[Node] = set()
    for label, predicate in PARTICIPANTS:
        for who in union.objects(event, predicate):
            if who not in classes or (label == "actor" and who in finer):
                continue
            if label != "actor":
                finer.add(who)
            edges.add((str(event), str(who), label))
    return edges


# ------------------------------------------------------------------------------- focus


def focus_graph(graph: nx.MultiDiGraph, focus: str, depth: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps (either direction) of every node named ``focus``."""
    if depth < 0:
        raise ReportgraphError(f"focus depth must be 0 or more, not {depth}")
    centres = find_nodes(graph, focus)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.ego_graph(graph, centre, radius=depth, undirected=True))
    return graph.subgraph(sorted(keep)).copy()


def find_nodes(graph: nx.MultiDiGraph, focus: str) -> list[str]:
    """Nodes whose IRI is ``focus`` or whose label/alt label matches it, ignoring case."""
    wanted = focus.strip()
    iri = wanted[1:-1] if wanted.startswith("<") and wanted.endswith(">") else wanted
    if iri in graph:
        return [iri]
    key = wanted.casefold()
    hits = [n for n, names in graph.nodes(data="names") if key in {x.casefold() for x in names}]
    if hits:
        return sorted(hits)
    raise ReportgraphError(_unknown_focus(graph, focus))


def _unknown_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    by_key: dict[str, str] = {}
    for _, names in sorted(graph.nodes(data="names")):
        for name in names:
            by_key.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(focus.strip().casefold(), sorted(by_key), n=5)
    message = f"no entity named {focus!r}"
    if close:
        message += "; did you mean: " + ", ".join(by_key[c] for c in close) + "?"
    return message


# ------------------------------------------------------------------------------ render


def render_html(graph: nx.MultiDiGraph, title: str = "reportgraph", summary: str = "") -> str:
    """The page as a string; fails rather than return a page that would load anything remote."""
    net = _network(graph)
    net.heading = html.escape(title)
    net.templateEnv = _template_env(
        legend=_legend_html(graph), summary=html.escape(summary), scripts=_inline_scripts()
    )
    net.path = TEMPLATE_NAME
    page = net.generate_html()
    remote = external_refs(page)
    if remote:
        raise ReportgraphError(f"the view would load {remote[0]!r}; refusing to write it")
    return page


def external_refs(page: str) -> list[str]:
    """Every src/href attribute and CSS url()/@import in ``page`` that points off the machine.

    Parsed, not grepped: the graph's own text (inside the script's JSON) may well say
    "href=http://..." without that being a link.
    """
    finder = _ExternalRefs()
    finder.feed(page)
    finder.close()
    return finder.found


class _ExternalRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in {"src", "href", "srcset", "action", "data"} and _is_remote(value or ""):
                self.found.append(value or "")
            elif name == "style":
                self.found.extend(CSS_REMOTE.findall(value or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(CSS_REMOTE.findall(data))


def _is_remote(url: str) -> bool:
    return re.match(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE) is not None


def _network(graph: nx.MultiDiGraph) -> Network:
    net = Network(height="80vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    positions = _layout(graph) if graph.number_of_nodes() > LAYOUT_THRESHOLD else {}
    sizes = _sizes(graph)
    for node, data in sorted(graph.nodes(data=True)):
        colour, shape, _ = STYLE[data["cls"]]
        extra = {"x": positions[node][0], "y": positions[node][1]} if positions else {}
        net.add_node(
            node,
            label=data["label"],
            shape=shape,
            color=colour,
            title=tooltip(data),
            size=sizes[node],
            **extra,
        )
    labels = dict(graph.nodes(data="label"))
    for source, target, label in sorted(graph.edges(keys=True)):
        hint = f"{labels[source]} \u2192 {label} \u2192 {labels[target]}"
        net.add_edge(source, target, label=label, title=hint)
    net.options = _options(physics=not positions)
    return net


def _sizes(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Node size from degree centrality over distinct neighbours (parallel edges count once)."""
    centrality = nx.degree_centrality(nx.Graph(graph.to_undirected(as_view=True)))
    return {n: round(12 + 28 * c, 2) for n, c in centrality.items()}


def tooltip(data: dict[str, Any]) -> str:
    """Plain text (never HTML): vis-network 9 shows a string title as text."""
    lines = [data["label"], f"{data['cls']} ({data['kind']})"]
    if data["alt_labels"]:
        lines.append("Also: " + _short_list(data["alt_labels"]))
    if data["dates"]:
        lines.append("Date: " + ", ".join(data["dates"]))
    for evidence in data["evidence"][:3]:
        lines.append("Evidence: " + _truncate(" ".join(evidence.split())))
    if data["documents"]:
        lines.append("Documents: " + _short_list(data["documents"]))
    lines.append(data["iri"])
    return "\n".join(lines)


def _short_list(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:TOOLTIP_LIST_MAX])
    more = len(items) - TOOLTIP_LIST_MAX
    return _truncate(shown + (f" (+{more} more)" if more > 0 else ""))


def _truncate(text: str, limit: int = TOOLTIP_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _options(physics: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "nodes": {"borderWidth": 1, "font": {"size": 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9a9a9a", "highlight": "#333333", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#555555"},
            "smooth": physics,
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 400},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


# ------------------------------------------------------------------------------ layout


def _layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for a graph too big for live physics, the same every run."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges()))
    raw = _radial_layout(simple, spacing=90.0)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in raw.items()}


def _radial_layout(graph: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """Each component in rings around its best-connected node,
    components packed in rows, biggest first."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
    )
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = spacing * 4 * math.sqrt(graph.number_of_nodes())
    for nodes in components:
        local, radius = _rings(graph.subgraph(nodes), spacing)
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height + spacing, 0.0
        for node, (dx, dy) in local.items():
            pos[node] = (x + radius + dx, y + radius + dy)
        x += 2 * radius + spacing
        row_height = max(row_height, 2 * radius)
    return pos


def _rings(component: nx.Graph, spacing: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Breadth-first rings; children sorted by their parent's angle stay near their parent."""
    centre = min(component, key=lambda n: (-component.degree(n), n))
    angle = {centre: 0.0}
    pos = {centre: (0.0, 0.0)}
    seen = {centre}
    ring = [centre]
    radius = 0.0
    while ring:
        children: list[tuple[float, str]] = []
        for parent in ring:
            for child in sorted(component[parent]):
                if child not in seen:
                    seen.add(child)
                    children.append((angle[parent], child))
        if not children:
            break
        # a ring wide enough that its nodes sit about spacing/2 apart
        radius = max(radius + spacing, len(children) * spacing / (4 * math.pi))
        children.sort()
        for i, (_, child) in enumerate(children):
            angle[child] = 2 * math.pi * i / len(children)
            pos[child] = (radius * math.cos(angle[child]), radius * math.sin(angle[child]))
        ring = [child for _, child in children]
    return pos, radius + spacing / 2


# ---------------------------------------------------------------------------- template


def _legend_html(graph: nx.MultiDiGraph) -> str:
    present = {cls for _, cls in graph.nodes(data="cls")}
    items = []
    for cls in (*ENTITY_CLASSES, *EVENT_CLASSES, GENERIC_EVENT):
        if cls in present:
            colour, _, symbol = STYLE[cls]
            items.append(
                f'<li><span class="sym" style="color:{html.escape(colour)}">{symbol}</span>'
                f"{html.escape(cls)}</li>"
            )
    return "<ul>" + "".join(items) + "</ul>"


@cache
def _inline_scripts() -> str:
    """vis-network and pyvis's highlight helpers, read from pyvis's own package files."""
    parts = []
    for name, tag in (
        ("vis-9.1.2/vis-network.css", "style"),
        ("vis-9.1.2/vis-network.min.js", "script"),
        ("bindings/utils.js", "script"),
    ):
        try:
            text = (PYVIS_LIB / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReportgraphError(f"{PYVIS_LIB / name}: cannot read pyvis asset: {exc}") from exc
        if re.search(rf"</{tag}", text, re.IGNORECASE):
            raise ReportgraphError(f"{PYVIS_LIB / name}: cannot be inlined safely")
        parts.append(f"<{tag}>{text}</{tag}>")
    return "\n".join(parts)


def _template_env(**page_globals: str) -> Environment:
    """Stands in for pyvis's template folder: ``generate_html`` renders ``TEMPLATE`` with it."""
    env = Environment(loader=DictLoader({TEMPLATE_NAME: TEMPLATE}), autoescape=False)
    env.globals.update(page_globals)
    return env


# Derived from pyvis 0.3.2's template.html: no CDN, no Bootstrap/tom-select menus, no
# innerHTML popup. ``heading``, ``legend`` and ``summary`` arrive already escaped;
# ``nodes``/``edges`` only ever pass through ``tojson``.
TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }}</title>
{{ scripts }}
<style>
body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fff; }
header { padding: 0.5em 1em; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.3em; margin: 0; }
header p { margin: 0.2em 0 0; color: #666; font-size: 0.9em; }
#legend ul { list-style: none; margin: 0; padding: 0.4em 1em; display: flex; flex-wrap: wrap;
  gap: 0.3em 1.2em; font-size: 0.9em; }
#legend .sym { margin-right: 0.3em; }
#mynetwork { width: {{ width }}; height: {{ height }}; background-color: {{ bgcolor }};
  border-top: 1px solid #ddd; position: relative; }
div.vis-tooltip { white-space: pre-wrap; max-width: 32em; font-family: system-ui, sans-serif;
  font-size: 13px; }
{% if nodes|length > 100 and physics_enabled %}
#loadingBar { position: absolute; top: 0; left: 0; width: 100%; height: 100%;
  background-color: rgba(200,200,200,0.8); transition: all 0.5s ease; opacity: 1; }
#loadingBar .outer { position: relative; top: 40%; width: 520px; margin: auto;
  border: 1px solid #999; border-radius: 4px; background: #fcfcfc; padding: 8px; }
#bar { width: 20px; height: 16px; background: #4e79a7; border-radius: 3px; }
#text { margin-top: 4px; text-align: center; }
{% endif %}
</style>
</head>
<body>
<header>
<h1>{{ heading }}</h1>
<p>{{ summary }}</p>
</header>
<div id="legend">{{ legend }}</div>
<div id="mynetwork"></div>
{% if nodes|length > 100 and physics_enabled %}
<div id="loadingBar"><div class="outer"><div id="bar"></div><div id="text">0%</div></div></div>
{% endif %}
<script>
var edges;
var nodes;
var allNodes;
var allEdges;
var nodeColors;
var network;
var highlightActive = false;
var filterActive = false;

function drawGraph() {
  var container = document.getElementById("mynetwork");
  nodes = new vis.DataSet({{ nodes|tojson }});
  edges = new vis.DataSet({{ edges|tojson }});
  nodeColors = {};
  allNodes = nodes.get({ returnType: "Object" });
  for (var nodeId in allNodes) {
    nodeColors[nodeId] = allNodes[nodeId].color;
  }
  allEdges = edges.get({ returnType: "Object" });
  var data = { nodes: nodes, edges: edges };
  var options = {{ options }};
  network = new vis.Network(container, data, options);
  network.on("click", neighbourhoodHighlight);
{% if nodes|length > 100 and physics_enabled %}
  network.on("stabilizationProgress", function (params) {
    var share = params.iterations / params.total;
    document.getElementById("bar").style.width = Math.max(20, 500 * share) + "px";
    document.getElementById("text").textContent = Math.round(share * 100) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    var bar = document.getElementById("loadingBar");
    bar.style.opacity = 0;
    setTimeout(function () { bar.style.display = "none"; }, 500);
  });
{% endif %}
  return network;
}
drawGraph();
</script>
</body>
</html>
"""

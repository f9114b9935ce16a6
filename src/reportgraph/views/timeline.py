"""The timeline page: events in date order with who took part, where, and the sentence each
was read from; every event and actor links to its node in the graph page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import networkx as nx
from jinja2 import Environment

from reportgraph.views.safety import CSP_PLACEHOLDER, asset, inline, seal
from reportgraph.views.style import STYLE

ROLE_ORDER = ("agent", "affected", "actor", "place")
UNDATED = "undated"


@dataclass(frozen=True)
class Participant:
    role: str
    iri: str
    label: str
    cls: str


@dataclass(frozen=True)
class TimelineEvent:
    iri: str
    label: str
    cls: str
    dates: tuple[str, ...]
    start: str
    end: str
    participants: tuple[Participant, ...]
    evidence: tuple[str, ...]
    documents: tuple[str, ...]

    @property
    def year(self) -> str:
        return self.start[:4] if self.start else UNDATED


def timeline_events(graph: nx.MultiDiGraph) -> list[TimelineEvent]:
    """The event nodes of an event-centric graph, dated first (by first day, then last day),
    undated last, each group by label."""
    events = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "event":
            continue
        people = {
            Participant(label, target, graph.nodes[target]["label"], graph.nodes[target]["cls"])
            for _, target, label in graph.out_edges(node, keys=True)
            if label in ROLE_ORDER
        }
        events.append(
            TimelineEvent(
                iri=node,
                label=data["label"],
                cls=data["cls"],
                dates=data["dates"],
                start=data["start"],
                end=data["end"],
                participants=tuple(
                    sorted(people, key=lambda p: (ROLE_ORDER.index(p.role), p.label, p.iri))
                ),
                evidence=data["evidence"],
                documents=data["documents"],
            )
        )
    return sorted(events, key=lambda e: (not e.start, e.start, e.end, e.label, e.iri))


def render_timeline_html(
    events: list[TimelineEvent],
    graph: nx.MultiDiGraph,
    title: str,
    what: str,
    graph_href: str,
) -> str:
    years = Counter(e.year for e in events)
    dated = sorted(y for y in years if y != UNDATED)
    groups: dict[str, list[TimelineEvent]] = {}
    for event in events:
        groups.setdefault(event.year, []).append(event)
    titles = {d["file"]: d for d in graph.graph.get("documents", ())}
    span = (
        f", {dated[0]}\u2013{dated[-1]}" if len(dated) > 1 else (f", {dated[0]}" if dated else "")
    )
    summary = f"{len(events)} events, {sum(1 for e in events if e.start)} dated{span}{what}"
    env = Environment(autoescape=True)
    template = env.from_string(asset("timeline.html"))
    page = template.render(
        csp=CSP_PLACEHOLDER,
        heading=title,
        summary=summary,
        graph_href=graph_href,
        groups=list(groups.items()),
        bars=_bars(years, dated),
        classes=sorted({e.cls for e in events}, key=lambda c: list(STYLE).index(c)),
        style=STYLE,
        documents=titles,
        link=lambda iri: f"{graph_href}#node={quote(iri, safe='')}",
        css=inline("style", asset("timeline.css"), "timeline.css"),
        app=inline("script", asset("timeline.js"), "timeline.js"),
        search_text=_search_text,
    )
    return seal(page)


def _search_text(event: TimelineEvent) -> str:
    parts = [event.label, event.cls, *event.dates, *(p.label for p in event.participants)]
    parts += [*event.evidence, *event.documents]
    return " ".join(" ".join(parts).split()).casefold()


def _bars(years: Counter[str], dated: list[str]) -> dict[str, Any]:
    """An SVG histogram of events per year, every year in the span (gaps show as gaps)."""
    if not dated:
        return {"width": 0, "height": 0, "items": []}
    first, last = int(dated[0]), int(dated[-1])
    span = list(range(first, last + 1))
    if len(span) > 200:  # a stray date far away: show the years that have events only
        span = [int(y) for y in dated]
    peak = max(years[str(y)] for y in span)
    width, gap, height = 22, 4, 80
    items = []
    for i, year in enumerate(span):
        count = years[str(year)]
        bar = round(height * count / peak) if count else 0
        items.append(
            {
                "year": str(year),
                "count": count,
                "x": i * (width + gap),
                "y": height - bar,
                "w": width,
                "h": bar,
                "label": str(year)[2:] if len(span) > 12 else str(year),
            }
        )
    return {"width": len(span) * (width + gap), "height": height + 16, "items": items}

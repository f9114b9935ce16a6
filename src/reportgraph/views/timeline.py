"""The timeline page: events in date order with who took part, where, and the sentence each
was read from; every event and actor links to its node in the graph page, and the graph
page links back (``#event=IRI`` shows one event, ``#actor=IRI`` the events of one actor).

Events are grouped by year, or by month when the dated ones span three years or less; a
bar chart counts them per group and follows the page's filter."""

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
MONTHS_UP_TO = 3  # years: a shorter span is shown month by month


@dataclass(frozen=True)
class Participant:
    role: str
    iri: str
    label: str
    cls: str


@dataclass(frozen=True)
class ClaimLine:
    """Who claims an event, beside what they say; ``disputed`` when another claim conflicts."""

    by: str
    stance: str
    figures: str
    date: str
    file: str
    disputed: bool


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
    claims: tuple[ClaimLine, ...] = ()
    sources: int = 0

    @property
    def conflict(self) -> bool:
        return any(c.disputed for c in self.claims)

    @property
    def by_month(self) -> bool:
        """Is it dated to the month or the day (not only to a year)?"""
        return bool(self.dates) and all(len(d) >= 7 for d in self.dates)

    def bucket(self, monthly: bool) -> str:
        """The group the event is listed under: its year or its month (``2001-07``); month
        by month, one dated by its year alone is listed under the year, before its months,
        not in January."""
        if not self.start:
            return UNDATED
        return self.start[:7] if monthly and self.by_month else self.start[:4]


def timeline_events(
    graph: nx.MultiDiGraph, limit: int | None = None
) -> tuple[list[TimelineEvent], int]:
    """The event nodes of an event-centric graph, dated first (by first day, then last day),
    undated last, each group by label; and how many there are. Past ``limit``, only the
    events told by the most documents (then sources; ties in date order), in that order:
    what a page of a big archive lists (at 10,000 documents a page of every event is
    200 MB, which no browser opens). Only those are made into events for the page."""
    nodes = [(node, data) for node, data in graph.nodes(data=True) if data["kind"] == "event"]
    nodes.sort(key=lambda n: (not n[1]["start"], n[1]["start"], n[1]["end"], n[1]["label"], n[0]))
    total = len(nodes)
    if limit is not None and total > limit:
        ranked = sorted(
            range(total),
            key=lambda i: (-len(nodes[i][1]["documents"]), -nodes[i][1].get("sources", 0), i),
        )
        nodes = [nodes[i] for i in sorted(ranked[:limit])]
    table = graph.graph.get("claims", {})
    return [_timeline_event(graph, table, node, data) for node, data in nodes], total


def _timeline_event(
    graph: nx.MultiDiGraph, table: dict[str, Any], node: str, data: dict[str, Any]
) -> TimelineEvent:
    people = {
        Participant(label, target, graph.nodes[target]["label"], graph.nodes[target]["cls"])
        for _, target, label in graph.out_edges(node, keys=True)
        if label in ROLE_ORDER
    }
    return TimelineEvent(
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
        claims=tuple(_claim_line(table[c]) for c in data.get("claims", ()) if c in table),
        sources=data.get("sources", 0),
    )


def _claim_line(claim: dict[str, Any]) -> ClaimLine:
    return ClaimLine(
        by=claim["by"],
        stance=claim["stance"],
        figures=claim["figures"],
        date=claim["date"],
        file=claim["file"],
        disputed=bool(claim["vs"]),
    )


def render_timeline_html(
    events: list[TimelineEvent],
    graph: nx.MultiDiGraph,
    title: str,
    what: str,
    graph_href: str,
    notice: str = "",
) -> str:
    years = sorted({e.start[:4] for e in events if e.start})
    monthly = (
        bool(years)
        and int(years[-1]) - int(years[0]) < MONTHS_UP_TO
        and any(e.start and e.by_month for e in events)
    )
    counts = Counter(e.bucket(monthly) for e in events)
    groups: dict[str, list[TimelineEvent]] = {}
    for event in events:
        groups.setdefault(event.bucket(monthly), []).append(event)
    groups = dict(sorted(groups.items(), key=lambda g: (g[0] == UNDATED, g[0])))  # "2002" first
    titles = {d["file"]: d for d in graph.graph.get("documents", ())}
    span = (
        f", {years[0]}\u2013{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    )
    summary = f"{len(events)} events, {sum(1 for e in events if e.start)} dated{span}{what}"
    env = Environment(autoescape=True)
    template = env.from_string(asset("timeline.html"))
    page = template.render(
        csp=CSP_PLACEHOLDER,
        heading=title,
        summary=summary,
        notice=notice,
        graph_href=graph_href,
        groups=list(groups.items()),
        bars=_bars(counts, monthly),
        monthly=monthly,
        most_sources=max((e.sources for e in events), default=0),
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
    parts += [*event.evidence, *event.documents, *(c.by for c in event.claims)]
    return " ".join(" ".join(parts).split()).casefold()


def _bars(counts: Counter[str], monthly: bool) -> dict[str, Any]:
    """An SVG histogram of events per year (or month), every one in the span (gaps show as
    gaps); the page's script shortens the bars to what its filter shows."""
    dated = sorted(b for b in counts if b != UNDATED and (not monthly or len(b) == 7))
    if not dated:
        return {"width": 0, "height": 0, "items": []}
    span = _months(dated[0], dated[-1]) if monthly else _years(dated[0], dated[-1])
    if len(span) > 200:  # a stray date far away: show the years that have events only
        span = dated
    peak = max(counts[b] for b in span)
    width, gap, height = (14, 3, 80) if monthly else (22, 4, 80)
    items = []
    for i, key in enumerate(span):
        count = counts[key]
        bar = round(height * count / peak) if count else 0
        if monthly:  # "Jan" under each month, the year under January and the first bar
            label = _MONTH_LETTERS[int(key[5:]) - 1]
            label = key[:4] if i == 0 or key.endswith("-01") else label
        else:
            label = key[2:] if len(span) > 12 else key
        items.append(
            {
                "key": key,
                "count": count,
                "x": i * (width + gap),
                "y": height - bar,
                "w": width,
                "h": bar,
                "label": label,
            }
        )
    return {"width": len(span) * (width + gap) + 20, "height": height + 16, "items": items}


_MONTH_LETTERS = "JFMAMJJASOND"


def _years(first: str, last: str) -> list[str]:
    return [str(y) for y in range(int(first), int(last) + 1)]


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out

"""Events folded into labelled edges between actors (``view --collapse-events``).

"China -repatriated (2000-01)-> the seven refugees" reads faster than a hexagon with two
spokes; each folded edge keeps the event's class, dates, documents and evidence, so the
page can still show where it was read.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from reportgraph.views.style import verb

ROLES = ("agent", "affected", "actor", "place")


def collapse_events(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A graph of entities only: each event becomes edges between its participants.

    Who points at whom: agents -> affected; with one side only, that side <-> the other
    participants, then the places; with plain actors only, every pair. An event with a
    single participant and no place leaves no edge; it is listed on that node instead.
    """
    out = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        if data["kind"] != "event":
            out.add_node(node, **data, lone_events=())
    lone: dict[str, list[dict[str, Any]]] = {}
    for event, data in sorted(graph.nodes(data=True)):
        if data["kind"] != "event":
            continue
        roles = _roles(graph, event)
        pairs = _pairs(roles)
        summary = _summary(event, data)
        if not pairs:
            for who in sorted({w for ws in roles.values() for w in ws}):
                lone.setdefault(who, []).append(summary)
            continue
        label = verb(data["cls"]) + (f" ({data['dates'][0]})" if data["dates"] else "")
        for i, (source, target) in enumerate(pairs):
            out.add_edge(source, target, key=f"{event}#{i}", label=label, **summary)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if source in out and target in out:
            out.add_edge(source, target, key=key, **data)
    for who, events in lone.items():
        if who in out:
            out.nodes[who]["lone_events"] = tuple(events)
    return out


def _roles(graph: nx.MultiDiGraph, event: str) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {role: [] for role in ROLES}
    for _, target, label in graph.out_edges(event, keys=True):
        if label in roles and graph.nodes[target]["kind"] != "event":
            roles[label].append(target)
    return {role: sorted(set(who)) for role, who in roles.items()}


def _pairs(roles: dict[str, list[str]]) -> list[tuple[str, str]]:
    agents, affected, actors, places = (roles[r] for r in ROLES)
    if agents and affected:
        pairs = [(a, b) for a in agents for b in affected]
    elif agents:
        pairs = [(a, b) for a in agents for b in actors or places]
    elif affected:
        pairs = [(a, b) for a in actors for b in affected] or [
            (b, p) for b in affected for p in places
        ]
    elif len(actors) > 1:
        pairs = list(combinations(actors, 2))
    else:
        pairs = [(a, p) for a in actors for p in places]
    return [(a, b) for a, b in pairs if a != b]


def _summary(event: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": event,
        "event_label": data["label"],
        "cls": data["cls"],
        "dates": data["dates"],
        "start": data["start"],
        "end": data["end"],
        "documents": data["documents"],
        "evidence": data["evidence"],
        "corrections": data.get("corrections", ()),
        "claims": data.get("claims", ()),
        "sources": data.get("sources", 0),
    }

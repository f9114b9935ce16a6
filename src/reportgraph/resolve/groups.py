"""Counted groups across documents: one group when the same number of people went through
the same kind of act in the same month.

Reports rarely name a group the same way twice ("nine men and women" here, "Nine
Laotians" and "the family of seven" there), and a counted group is never joined by its
words alone (see ``within._is_local``). What ties two such groups together is what
happened to them: a group of one stated size that is the one acted on (or that itself
fled or asked for asylum) in an act of one class and one month, in each of two documents,
is one group, when nothing says otherwise and no other group of either document fits as
well. The events then share a participant, so ``events.corefer`` makes them one too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from reportgraph.model import Annotated
from reportgraph.numbers import people_count
from reportgraph.resolve.clusters import Clusters, Node

# Acts that happen to people, or that people do themselves, and that a report dates.
# Statements are left out: what a group said, and when, is retold at many dates.
ACTS = ("Flight", "AsylumRequest", "Arrest", "Repatriation", "Punishment", "Resettlement")
# A group acts itself only when it flees or asks for asylum; in the other acts it is the
# one acted on (a group that arrests or repatriates is police or guards, not the victims).
OWN_ACTS = ("Flight", "AsylumRequest")
_APPROX = re.compile(
    r"\b(?:some|about|around|nearly|almost|over|more than|up to|at least|approximately"
    r"|an estimated|dozens|hundreds|thousands)\b",
    re.IGNORECASE,
)


@dataclass
class Counted:
    node: Node
    count: int
    exact: bool  # "seven", not "some 25": only an exact count meets a year-only date
    acts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # class->dates


def join_groups(
    docs: list[Annotated],
    nodes: list[Node],
    where: dict[tuple[str, int, int], int],
    clusters: Clusters,
) -> None:
    """Join counted groups of different documents by the dated acts they went through."""
    join_counted(counted_groups(docs, nodes, where), clusters)


def join_counted(counted: dict[int, Counted], clusters: Clusters) -> None:
    """Join the ``counted`` groups (node id -> its count and acts) that fit each other
    only; the node ids order the work (a later build redoes a part of it in the same
    order, see ``incremental.groups``)."""
    # blocks: one count, one class of act, one year; the work grows with the groups
    blocks: dict[tuple[int, str, str], list[Counted]] = defaultdict(list)
    for group in counted.values():
        for cls, dates in group.acts.items():
            for year in {d[:4] for d in dates}:
                blocks[(group.count, cls, year)].append(group)
    candidates: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for block in blocks.values():
        for a in block:
            for b in block:
                if a.node.doc != b.node.doc and fits(a, b):
                    candidates[a.node.id][b.node.doc].add(b.node.id)
    for a_id in sorted(candidates):
        for doc in sorted(candidates[a_id]):
            a, b = _only_fit(a_id, doc, candidates, counted, clusters)
            if a is None or b is None or clusters.same(a.node.id, b.node.id):
                continue
            if clusters.docs(a.node.id) & clusters.docs(b.node.id):
                continue  # one document's two groups would become one
            clusters.union(
                a.node.id,
                b.node.id,
                "same group",
                _why(a, b),
                a_name=a.node.name,
                b_name=b.node.name,
            )


def counted_groups(
    docs: list[Annotated], nodes: list[Node], where: dict[tuple[str, int, int], int]
) -> dict[int, Counted]:
    """The groups whose name states a number, with the dated acts each went through."""
    counted: dict[int, Counted] = {}
    for doc in docs:
        file_name = doc.document.file_name
        for ev in doc.events:
            if ev.cls not in ACTS or not ev.date:
                continue
            roles = [*ev.affected, *(ev.agents if ev.cls in OWN_ACTS else ())]
            for m in roles:
                node = nodes[where[(file_name, m.start, m.end)]]
                if node.cls != "Group":
                    continue
                group = counted.get(node.id) or _count(node)
                if group is None:
                    continue
                counted[node.id] = group
                group.acts[ev.cls].add(ev.date)
    return counted


def _count(node: Node) -> Counted | None:
    """The one number the node's names state, or None when they state none or several."""
    names = {node.name, *node.canonicals, *node.forms}
    counts = {people_count(n) for n in names} - {None}
    if len(counts) != 1:
        return None
    exact = not any(_APPROX.search(n) for n in names)
    return Counted(node, next(iter(counts)) or 0, exact)


def _dates_agree(a: str, b: str, exact: bool) -> bool:
    """The same month; a year alone meets a month of that year only for exact counts."""
    if len(a) >= 7 and len(b) >= 7:
        return a[:7] == b[:7]
    return exact and (a.startswith(b) or b.startswith(a))


def fits(a: Counted, b: Counted) -> bool:
    """One size, an act of one class in agreeing dates, and no act of one class at dates
    that disagree."""
    if a.count != b.count or a.count < 2:
        return False
    exact = a.exact and b.exact
    agree = False
    for cls in set(a.acts) & set(b.acts):
        for da in a.acts[cls]:
            for db in b.acts[cls]:
                if _dates_agree(da, db, exact):
                    agree = True
                elif (len(da) >= 7 and len(db) >= 7) or da[:4] != db[:4]:
                    return False  # the same kind of act, another month: another group
    return agree


def _only_fit(
    a_id: int,
    doc: str,
    candidates: dict[int, dict[str, set[int]]],
    counted: dict[int, Counted],
    clusters: Clusters,
) -> tuple[Counted | None, Counted | None]:
    """The pair when ``a`` fits one group of ``doc`` only, and that group fits only ``a``'s
    group in ``a``'s document; else (None, None): with two that fit, which one is meant is
    unknown."""
    found = {clusters.find(b) for b in candidates[a_id][doc]}
    if len(found) != 1:
        return None, None
    b_id = min(candidates[a_id][doc])
    a_doc = clusters.nodes[a_id].doc
    back = {clusters.find(x) for x in candidates.get(b_id, {}).get(a_doc, set())}
    if back != {clusters.find(a_id)}:
        return None, None
    return counted[a_id], counted[b_id]


def _why(a: Counted, b: Counted) -> str:
    acts = sorted(set(a.acts) & set(b.acts))
    said = "; ".join(
        f"{cls} in {'/'.join(sorted(a.acts[cls]))} and {'/'.join(sorted(b.acts[cls]))}"
        for cls in acts
    )
    return (
        f"'{a.node.name}' ({a.node.doc}) and '{b.node.name}' ({b.node.doc}) are {a.count} "
        f"people each, in the same acts ({said}), and no other group of either document fits"
    )

"""Events: one per trigger in a document, then one node for the reports of one event.

Two documents report the same event when the events are of one class, their dates agree
(one is the other at a coarser precision, and both name at least the month), their places
do not differ, and they share a participant or a place that is not a whole country. The
merged event keeps one IRI; each document's named graph keeps what that document says
(its evidence, its participants, its date), so the node is ``rg:mentionedIn`` each of them.

Reports also disagree on when: two documents that each tell one event of a class about
one person (the only Arrest of X each tells), at places that do not differ, tell one event
even when their dates differ in year or month. It becomes one node too, each document
keeping its date, and ``claims`` records the disagreement as a conflict.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from reportgraph.model import Annotated, Entity, Event, EventMention, Mention, Merge

MAX_BLOCK = 200


def build_events(
    docs: list[Annotated], key_of: dict[tuple[str, int, int], str], entities: dict[str, Entity]
) -> list[Event]:
    events: list[Event] = []
    for doc in docs:
        file_name = doc.document.file_name

        def key(m: Mention, file_name: str = file_name) -> str:
            return key_of[(file_name, m.start, m.end)]

        for ev in doc.events:
            agents = list(dict.fromkeys(key(m) for m in ev.agents))
            affected = [k for k in dict.fromkeys(key(m) for m in ev.affected) if k not in agents]
            digest = hashlib.sha1(
                f"{file_name}\0{ev.cls}\0{ev.trigger_start}".encode()
            ).hexdigest()[:12]
            events.append(
                Event(
                    key=f"event/{digest}",
                    cls=ev.cls,
                    label=_label(ev, agents, affected, entities),
                    document=file_name,
                    evidence=" ".join(ev.sentence.text.split()),
                    trigger=ev.trigger,
                    date=ev.date,
                    agents=agents,
                    affected=affected,
                    laws=list(dict.fromkeys(key(m) for m in ev.laws)),
                    others=[
                        k
                        for k in dict.fromkeys(key(m) for m in ev.others)
                        if k not in agents and k not in affected
                    ],
                    place=key(ev.place) if ev.place else None,
                    start=ev.sentence.start,
                    end=ev.sentence.end,
                )
            )
    return events


def _label(
    ev: EventMention, agents: list[str], affected: list[str], entities: dict[str, Entity]
) -> str:
    who = " and ".join(entities[k].label for k in agents)
    whom = " and ".join(entities[k].label for k in affected)
    trigger = " ".join(ev.trigger.split()).lower()
    if who or whom:
        return " ".join(p for p in (who, trigger, whom) if p)
    words = ev.sentence.text.split()
    snippet = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return f"{trigger}: {snippet}"


def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b or min(len(a), len(b)) < 7:
        return False
    return a.startswith(b) or b.startswith(a)


def dates_differ(a: str | None, b: str | None) -> bool:
    """Do two dates disagree at the precision both give, in year or month? ("2009" and
    "2009-05-03" do not; "2009-05-03" and "2009-05-10" are left to the rules of one day.)"""
    if not a or not b:
        return False
    if a[:4] != b[:4]:
        return True
    return len(a) >= 7 and len(b) >= 7 and a[:7] != b[:7]


def _specific(key: str, entities: dict[str, Entity]) -> bool:
    return entities[key].cls != "Country"


def corefer(events: list[Event], entities: dict[str, Entity]) -> list[Merge]:
    """Give the events that report one event one key, label and date; returns the log."""
    # blocks: one class, one month, one participant or place that is not a whole country
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        if ev.date and len(ev.date) >= 7:
            # sorted: the order blocks are made in is the order they are compared in, and
            # a set's order of strings changes from one process to the next
            for key in sorted({*ev.agents, *ev.affected, *([ev.place] if ev.place else [])}):
                if _specific(key, entities):
                    blocks[(ev.cls, ev.date[:7], key)].append(i)
    parent = list(range(len(events)))
    docs_of: dict[int, set[str]] = {i: {ev.document} for i, ev in enumerate(events)}
    place_of: dict[int, str | None] = {i: ev.place for i, ev in enumerate(events)}
    pending: list[tuple[int, int, str]] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for block in blocks.values():
        for x, i in enumerate(block[:MAX_BLOCK]):
            for j in block[x + 1 : MAX_BLOCK]:
                ri, rj = find(i), find(j)
                if ri == rj or docs_of[ri] & docs_of[rj]:
                    continue
                why = _same_event(events[i], events[j], place_of[ri], place_of[rj], entities)
                if why:
                    parent[rj] = ri
                    docs_of[ri] |= docs_of.pop(rj)
                    place_of[ri] = place_of[ri] or place_of[rj]
                    pending.append((i, j, why))
    for i, j in _told_with_other_dates(events, entities):
        ri, rj = find(i), find(j)
        if ri == rj or docs_of[ri] & docs_of[rj]:
            continue
        if place_of[ri] and place_of[rj] and place_of[ri] != place_of[rj]:
            continue
        parent[rj] = ri
        docs_of[ri] |= docs_of.pop(rj)
        place_of[ri] = place_of[ri] or place_of[rj]
        a, b = events[i], events[j]
        who = sorted(
            entities[k].label
            for k in set(a.agents + a.affected) & set(b.agents + b.affected)
            if entities[k].cls == "Person"
        )
        pending.append(
            (
                i,
                j,
                f"same event told with other dates: {a.cls} on {a.date} and {b.date}, both "
                f"with {', '.join(who)}, the only {a.cls} of them each report tells",
            )
        )
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    for members in groups.values():
        head = events[min(members)]
        for i in members[1:]:
            events[i].key, events[i].label = head.key, head.label
    return [
        Merge(
            entity=events[i].key,
            surface=events[j].evidence,
            document=events[j].document,
            rule=why,
            target=events[i].evidence,
            target_document=events[i].document,
        )
        for i, j, why in pending
    ]


def _told_with_other_dates(
    events: list[Event], entities: dict[str, Entity]
) -> list[tuple[int, int]]:
    """Pairs of dated events of two documents, of one class, with one person taking part,
    whose dates differ, where each document tells no other event of that class of them."""
    told: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        for key in dict.fromkeys(ev.agents + ev.affected):
            if entities[key].cls == "Person":
                told[(ev.cls, key, ev.document)].append(i)
    once: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (cls, key, _doc), found in sorted(told.items()):
        if len(found) == 1 and events[found[0]].date:
            once[(cls, key)].append(found[0])
    pairs: set[tuple[int, int]] = set()
    for found in once.values():
        for x, i in enumerate(found[:MAX_BLOCK]):
            for j in found[x + 1 : MAX_BLOCK]:
                if dates_differ(events[i].date, events[j].date):
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _same_event(
    a: Event, b: Event, pa: str | None, pb: str | None, entities: dict[str, Entity]
) -> str:
    """Why two events of two documents are one, or ''."""
    if not _dates_agree(a.date, b.date) or (pa and pb and pa != pb):
        return ""
    shared = set(a.agents + a.affected) & set(b.agents + b.affected)
    specific = sorted(entities[k].label for k in shared if _specific(k, entities))
    if pa and pa == pb and _specific(pa, entities):
        specific.append(f"place {entities[pa].label}")
    if not specific:
        return ""
    return f"same event: {a.cls} on {a.date} and {b.date}, both with " + ", ".join(specific)

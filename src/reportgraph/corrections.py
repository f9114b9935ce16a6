"""A researcher's corrections, applied to the resolved data at every build.

An edit made with ``query --allow-update`` is gone at the next build; a corrections file
(``build --corrections FILE``, YAML or TOML) is read again by every build and rewrites
the resolved data before any RDF is made, the way ``protect`` does:

    drop_events: [event/1579c0b7f10e]           # not an event
    roles:                                       # who acted, who was acted on
      - {event: event/1579c0b7f10e, agent: [China], affected: [North Korean refugees]}
    classes:                                     # an event's class, or an entity's
      - {event: event/1579c0b7f10e, class: Repatriation}
      - {entity: Marta Quell, class: Person}
    dates: [{event: event/1579c0b7f10e, date: 2003-05}]   # null: the text gives none
    names: [{entity: Hunchun, label: Hunchun City}]       # the old label stays an alias
    links: [[UNHCR, partOf, United Nations]]     # a missing relation
    drop_links: [[China, relatedTo, North Korea]]

Entities are named by any label or altLabel, or by key (``country/china``, ``id:...``).
Keys (and so IRIs) never change: a renamed or reclassified entity keeps its links.
An entry that matches nothing is a warning, never the end of the build: the text it
corrected may have changed. Every change is logged (``resolution.json``, ``explain``) and
marked on the node it touched (``rg:correction``, shown in the view's panel).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.model import (
    ENTITY_CLASSES,
    EVENT_CLASSES,
    RELATION_PREDICATES,
    SUB_RELATIONS,
    Entity,
    Event,
    Relation,
    Resolved,
)
from reportgraph.ontology import ID
from reportgraph.resolve.config import MergeConfigError, _short, read_config
from reportgraph.resolve.names import fold, normal

# applied in this order: names first, so later entries may use the new name or the old
KINDS = ("names", "drop_events", "roles", "classes", "dates", "links", "drop_links")
LINK_PREDICATES = frozenset((*RELATION_PREDICATES, *SUB_RELATIONS, "relatedTo"))
MAX_ENTRIES = 10_000
ROLES = {"agent": "agents", "affected": "affected"}


class CorrectionsError(ReportgraphError):
    """A corrections file that cannot be read; names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    """One correction: ``where`` says which ("corrections.yaml: roles[0]")."""

    kind: str
    where: str
    event: str = ""  # an event's key (drop_events, roles, classes, dates)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> names
    cls: str = ""
    entity: str = ""  # an entity's name or key (classes, names)
    date: str | None = None  # ISO 8601 at the text's precision; None: undated
    label: str = ""  # an entity's new name
    link: tuple[str, str, str] = ("", "", "")  # subject name, predicate, object name
    note: str = ""


@dataclass(frozen=True)
class Corrections:
    path: Path
    entries: tuple[Entry, ...] = ()


@dataclass
class Outcome:
    """What the corrections did: one record per change (for the log) and one warning
    per entry that matched nothing."""

    applied: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# -- the file ---------------------------------------------------------------------------


def load_corrections(path: Path | str) -> Corrections:
    """Read a corrections file; whatever is wrong is a ``CorrectionsError`` naming it."""
    path = Path(path)
    try:
        data = read_config(path, "a corrections file")
    except MergeConfigError as exc:
        raise CorrectionsError(str(exc)) from exc
    if data is None:
        return Corrections(path)
    if not isinstance(data, dict):
        raise CorrectionsError(f"{path}: expected lists under {', '.join(KINDS)}")
    unknown = sorted(str(k) for k in set(data) - set(KINDS))
    if unknown:
        raise CorrectionsError(f"{path}: unknown key {unknown[0]!r} (expected {', '.join(KINDS)})")
    entries: list[Entry] = []
    for kind in KINDS:
        items = data.get(kind) or []
        if not isinstance(items, list):
            raise CorrectionsError(f"{path}: '{kind}' must be a list")
        if len(items) > MAX_ENTRIES:
            raise CorrectionsError(
                f"{path}: '{kind}' has {len(items):,} entries (at most {MAX_ENTRIES:,})"
            )
        for i, item in enumerate(items):
            where = f"{path.name}: {kind}[{i}]"
            try:
                entries.append(_entry(kind, where, item))
            except ValueError as exc:
                raise CorrectionsError(f"{path}: {kind}[{i}]: {exc}") from None
    return Corrections(path, tuple(entries))


def _entry(kind: str, where: str, item: Any) -> Entry:
    if kind in ("links", "drop_links"):
        note = ""
        if isinstance(item, dict):  # the long form, which can carry a note
            note = item.get("note", "") if isinstance(item.get("note", ""), str) else ""
            item = [item.get("subject"), item.get("predicate"), item.get("object")]
        if not (isinstance(item, list) and len(item) == 3 and all(_text(x) for x in item)):
            raise ValueError(f"expected [subject, predicate, object], got {_short(item)}")
        s, p, o = (x.strip() for x in item)
        if p.removeprefix("rg:") not in LINK_PREDICATES:
            raise ValueError(f"{p!r} is not a relation the ontology declares")
        return Entry(kind, where, link=(s, p.removeprefix("rg:"), o), note=note.strip())
    if kind == "drop_events" and _text(item):
        return Entry(kind, where, event=_event_key(item))
    target = "entity" if kind == "names" or (kind == "classes" and "entity" in item) else "event"
    if not isinstance(item, dict) or not _text(item.get(target)):
        raise ValueError(f"expected a mapping with '{target}:', got {_short(item)}")
    note = item.get("note", "")
    if not isinstance(note, str):
        raise ValueError("'note' must be text")
    allowed = {
        "drop_events": {"event"},
        "roles": {"event", *ROLES},
        "classes": {target, "class"},
        "dates": {"event", "date"},
        "names": {"entity", "label"},
    }
    extra = sorted(str(k) for k in set(item) - allowed[kind] - {"note"})
    if extra:
        raise ValueError(f"unknown key {extra[0]!r}")
    note = note.strip()
    if target == "entity":
        entity = item["entity"].strip()
        if kind == "names":
            if not _text(item.get("label")):
                raise ValueError(f"'label' must be the new name, got {_short(item.get('label'))}")
            return Entry(
                kind, where, entity=entity, label=" ".join(item["label"].split()), note=note
            )
        cls = item.get("class")
        if cls not in ENTITY_CLASSES:
            raise ValueError(
                f"an entity's 'class' must be one of {', '.join(ENTITY_CLASSES)}, got {_short(cls)}"
            )
        return Entry(kind, where, entity=entity, cls=cls, note=note)
    event = _event_key(item["event"])
    if kind == "classes":
        cls = item.get("class")
        if cls not in EVENT_CLASSES:
            raise ValueError(
                f"'class' must be one of {', '.join(EVENT_CLASSES)}, got {_short(cls)}"
            )
        return Entry(kind, where, event=event, cls=cls, note=note)
    if kind == "dates":
        if "date" not in item:
            raise ValueError("give 'date:' (YYYY, YYYY-MM or YYYY-MM-DD; null: undated)")
        return Entry(kind, where, event=event, date=_date(item["date"]), note=note)
    names: dict[str, tuple[str, ...]] = {}
    for role in ROLES:
        if role in item:
            value = item[role]
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(_text(n) for n in value):
                raise ValueError(f"'{role}' must be a list of entity names or keys")
            names[role] = tuple(n.strip() for n in value)
    if kind == "roles" and not names:
        raise ValueError("give 'agent:' and/or 'affected:'")
    return Entry(kind, where, event=event, names=names, note=note)


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _date(value: Any) -> str | None:
    """A date as the graph writes it ("2003", "2003-05", "2003-05-03"), or None (null or
    empty: undated). YAML and TOML read an unquoted 2003-05-03 as a date, 2003 as a number."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = (
        str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    )
    match = _ISO.fullmatch(text)
    try:
        if match and match.group(3):
            datetime.date.fromisoformat(text)
        elif match and match.group(2) and not 1 <= int(match.group(2)) <= 12:
            match = None
    except ValueError:
        match = None
    if not match:
        raise ValueError(f"'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got {_short(value)}")
    return text


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _event_key(value: str) -> str:
    """'event/abc', 'id:event/abc', '<https://.../id/event/abc>' -> 'event/abc'."""
    text = value.strip().strip("<>")
    return text.removeprefix(str(ID)).removeprefix("id:")


# -- applying them ----------------------------------------------------------------------


def correct(resolved: Resolved, corrections: Corrections) -> tuple[Resolved, Outcome]:
    """``resolved`` with every correction applied (a new object: the input is untouched),
    and what was done."""
    entities = dict(resolved.entities)
    surface_forms = dict(resolved.surface_forms)
    events = [dataclasses.replace(e) for e in resolved.events]
    relations = list(resolved.relations)
    claims = [dataclasses.replace(c, about=list(c.about)) for c in resolved.claims]
    names = _Names(resolved)
    outcome = Outcome()
    marks: dict[str, list[str]] = {k: list(v) for k, v in resolved.corrected.items()}

    def unmatched(entry: Entry, why: str) -> None:
        outcome.warnings.append(f"{entry.where} matches nothing: {why}")

    def record(entry: Entry, change: str, touched: set[str], marked: tuple[str, ...]) -> None:
        outcome.applied.append(
            {"entry": entry.where, "kind": entry.kind, "change": change,
             "entities": sorted(touched), "note": entry.note}
        )  # fmt: skip
        for key in marked:  # what the view shows beside the fact: the note, else the change
            marks.setdefault(key, []).append(entry.note or change)

    for entry in corrections.entries:
        if entry.entity:
            found = names.find(entry.entity)
            if isinstance(found, str):
                unmatched(entry, found)
                continue
            key = min(found)
            old = entities[key]
            if entry.kind == "classes":
                if old.cls == entry.cls:
                    unmatched(entry, f"{key} is a {entry.cls} already")
                    continue
                entities[key] = dataclasses.replace(old, cls=entry.cls)
                record(entry, f"{key}: class {old.cls} -> {entry.cls}", {key}, (key,))
                continue
            if old.label == entry.label:
                unmatched(entry, f"{key} is named {entry.label!r} already")
                continue
            entities[key] = dataclasses.replace(
                old, label=entry.label, alt_labels=(old.alt_labels | {old.label}) - {entry.label}
            )
            for doc in old.documents:  # the old name stays an altLabel, found by search
                surface_forms[(key, doc)] = surface_forms.get((key, doc), set()) | {old.label}
            names.add(entry.label, key)
            was = re.compile(rf"(?<!\w){re.escape(old.label)}(?!\w)")
            for e in events:
                if key in e.agents or key in e.affected:
                    e.label = was.sub(lambda _m, new=entry.label: new, e.label)
            record(entry, f"{key}: name {old.label!r} -> {entry.label!r}", {key}, (key,))
            continue
        if entry.kind in ("links", "drop_links"):
            found = [names.find(entry.link[0]), names.find(entry.link[2])]
            missing = [f for f in found if isinstance(f, str)]
            if missing:
                unmatched(entry, missing[0])
                continue
            subject, obj = (min(f) for f in found)
            pred = entry.link[1]
            same = [
                r for r in relations if (r.subject, r.predicate, r.object) == (subject, pred, obj)
            ]
            triple = f"{subject} {pred} {obj}"
            if entry.kind == "drop_links":
                if not same:
                    unmatched(entry, f"no link {triple}")
                    continue
                relations = [r for r in relations if r not in same]
                record(entry, f"removed link {triple}", {subject, obj}, (subject, obj))
            else:
                if same:
                    unmatched(entry, f"the link {triple} is already there")
                    continue
                relations.append(
                    Relation(subject, pred, obj, _home(resolved, subject, obj), entry.where)
                )
                record(entry, f"added link {triple}", {subject, obj}, (subject, obj))
            continue
        mine = [e for e in events if e.key == entry.event]
        if not mine:
            unmatched(entry, f"no event {entry.event}")
            continue
        before = {k for e in mine for k in _participants(e)}
        if entry.kind == "drop_events":
            events = [e for e in events if e.key != entry.event]
            for c in claims:
                c.about = [k for k in c.about if k != entry.event]
            change = f"dropped {entry.event} ({mine[0].cls} {mine[0].label!r})"
            record(entry, change, before, ())
        elif entry.kind == "classes":
            old_cls = mine[0].cls
            for e in mine:
                e.cls = entry.cls
            record(entry, f"{entry.event}: class {old_cls} -> {entry.cls}", before, (entry.event,))
        elif entry.kind == "dates":
            old_date = mine[0].date
            for e in mine:
                e.date = entry.date
            change = f"{entry.event}: date {old_date or '(none)'} -> {entry.date or '(none)'}"
            record(entry, change, before, (entry.event,))
        else:
            found = {role: [names.find(n) for n in listed] for role, listed in entry.names.items()}
            missing = [f for fs in found.values() for f in fs if isinstance(f, str)]
            if missing:
                unmatched(entry, missing[0])
                continue
            keys = {role: sorted({min(f) for f in fs}) for role, fs in found.items()}
            for e in mine:
                for role, chosen in keys.items():
                    setattr(e, ROLES[role], chosen)
                e.label = _label(e, entities)
            said = "; ".join(f"{role} = {', '.join(k) or '(none)'}" for role, k in keys.items())
            touched = before | {k for v in keys.values() for k in v}
            record(entry, f"{entry.event}: {said}", touched, (entry.event,))
    fixed = dataclasses.replace(
        resolved,
        entities=entities,
        surface_forms=surface_forms,
        events=events,
        relations=relations,
        claims=claims,
        corrected=marks,
    )
    return fixed, outcome


class _Names:
    """Entity names (labels, altLabels, surface forms, folded) and keys -> entity keys."""

    def __init__(self, resolved: Resolved) -> None:
        self.keys: dict[str, set[str]] = {}
        self.entities = resolved.entities
        for key, e in resolved.entities.items():
            for name in {e.label, *e.alt_labels}:
                for form in {fold(name), normal(name)}:
                    self.keys.setdefault(form, set()).add(key)
        for (key, _doc), forms in resolved.surface_forms.items():
            for name in forms:
                self.keys.setdefault(fold(name), set()).add(key)

    def add(self, name: str, key: str) -> None:
        for form in {fold(name), normal(name)}:
            self.keys.setdefault(form, set()).add(key)

    def find(self, name: str) -> set[str] | str:
        """The one entity ``name`` names (as a set), or why none (a string)."""
        key = name.removeprefix(str(ID)).removeprefix("id:").strip("<>")
        if key in self.entities:
            return {key}
        found = self.keys.get(fold(name)) or self.keys.get(normal(name)) or set()
        if not found:
            return f"no entity named {name!r}"
        if len(found) > 1:
            return f"{name!r} names {len(found)} entities ({', '.join(sorted(found))}): give a key"
        return found


def _participants(e: Event) -> list[str]:
    return [*e.agents, *e.affected, *e.laws, *e.others, *([e.place] if e.place else [])]


def _label(e: Event, entities: dict[str, Entity]) -> str:
    """The label ``resolve`` would give the event with its corrected roles."""
    who = " and ".join(entities[k].label for k in e.agents)
    whom = " and ".join(entities[k].label for k in e.affected)
    if not (who or whom):
        words = e.evidence.split()
        snippet = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        return f"{' '.join(e.trigger.split()).lower()}: {snippet}"
    return " ".join(p for p in (who, " ".join(e.trigger.split()).lower(), whom) if p)


def _home(resolved: Resolved, subject: str, obj: str) -> str:
    """The document whose named graph holds an added link: the first both are named in,
    else the subject's first."""
    s_docs = resolved.entities[subject].documents
    both = s_docs & resolved.entities[obj].documents
    return min(both or s_docs or {d.file_name for d in resolved.documents})

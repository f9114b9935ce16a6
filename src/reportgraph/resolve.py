"""Mentions across documents -> one entity per real-world thing, with a merge log.

Rule-based and explainable: a mention stands for the name it carries (an acronym for its
definition, a surname for the full name, "the Chinese government" for the country) or
else its own text; names are folded (case, articles, possessives, spacing) into a key
within their class; a bare form that another document defined as an alias of a longer
name joins that name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.model import (
    Annotated,
    Entity,
    Event,
    EventMention,
    Mention,
    Merge,
    Relation,
    Resolved,
)


def fold(name: str) -> str:
    """The comparison form of a name: 'The  Chinese government's' -> 'chinese government'."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    if not text:
        text = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return text[:80]


def surface(mention: Mention) -> str:
    """The surface form as a label: spacing folded, a leading article dropped."""
    text = " ".join(mention.text.split())
    return re.sub(r"^(?:the|The|a|A|an|An)\s+", "", text)


def entity_key(cls: str, name: str) -> str:
    return f"{cls.lower()}/{slug(name)}"


def resolve(docs: list[Annotated]) -> Resolved:
    resolved = Resolved(documents=[d.document for d in docs])
    aliases = _aliases(docs)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    mention_keys: dict[tuple[str, int, int], str] = {}
    for doc in docs:
        file_name = doc.document.file_name
        for m in doc.mentions:
            key, rule = _key_of(m, aliases)
            mention_keys[(file_name, m.start, m.end)] = key
            names[key][m.canonical] += 1
            entity = resolved.entities.get(key)
            if entity is None:
                entity = resolved.entities[key] = Entity(key=key, cls=m.cls, label=m.canonical)
            entity.documents.add(file_name)
            resolved.surface_forms.setdefault((key, file_name), set()).add(surface(m))
            if rule:
                resolved.merges.append(Merge(key, m.text, file_name, rule))
    for key, entity in resolved.entities.items():
        entity.label = _best_label(names[key])
        forms: set[str] = set()
        for (k, _), found in resolved.surface_forms.items():
            if k == key:
                forms |= found
        entity.alt_labels = {f for f in forms if f != entity.label}
        _locate(entity)
    for doc in docs:
        for ev in doc.events:
            resolved.events.append(_event(doc, ev, mention_keys, resolved))
        seen: set[tuple[str, str, str]] = set()
        for rel in doc.relations:
            file_name = doc.document.file_name
            s = mention_keys[(file_name, rel.subject.start, rel.subject.end)]
            o = mention_keys[(file_name, rel.object.start, rel.object.end)]
            if s != o and (s, rel.predicate, o) not in seen:
                seen.add((s, rel.predicate, o))
                resolved.relations.append(
                    Relation(s, rel.predicate, o, file_name, rel.sentence.text)
                )
    return resolved


def _aliases(docs: list[Annotated]) -> dict[tuple[str, str], str]:
    """(class, folded alias) -> the name it was defined for, from every document."""
    out: dict[tuple[str, str], str] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.name and fold(m.text) != fold(m.name):
                out.setdefault((m.cls, fold(m.text)), m.name)
    return out


def _key_of(m: Mention, aliases: dict[tuple[str, str], str]) -> tuple[str, str]:
    if m.name:
        rule = f"{m.source}: '{m.text}' names '{m.name}'" if fold(m.name) != fold(m.text) else ""
        return entity_key(m.cls, m.name), rule
    defined = aliases.get((m.cls, fold(m.text)))
    if defined and m.cls in ("Organization", "Law", "Place"):
        return entity_key(m.cls, defined), f"alias: '{m.text}' is defined as '{defined}' elsewhere"
    return entity_key(m.cls, m.text), ""


def _best_label(counter: Counter[str]) -> str:
    """The fullest proper form: the longest name that is not all lower case, most frequent first."""

    def score(name: str) -> tuple[int, int, int, str]:
        proper = any(c.isupper() for c in name)
        return (proper, len(fold(name).split()), counter[name], name)

    best = max(counter, key=score)
    return re.sub(r"^(?:the|The|a|A|an|An)\s+", "", " ".join(best.split()))


def _locate(entity: Entity) -> None:
    if entity.cls != "Place":
        return
    place = gazetteer().get(entity.label)
    if place is not None and place.lat is not None:
        entity.lat, entity.long = place.lat, place.long


def _event(
    doc: Annotated, ev: EventMention, keys: dict[tuple[str, int, int], str], resolved: Resolved
) -> Event:
    file_name = doc.document.file_name

    def key(m: Mention) -> str:
        return keys[(file_name, m.start, m.end)]

    agents = list(dict.fromkeys(key(m) for m in ev.agents))
    affected = [k for k in dict.fromkeys(key(m) for m in ev.affected) if k not in agents]
    digest = hashlib.sha1(f"{file_name}\0{ev.cls}\0{ev.trigger_start}".encode()).hexdigest()[:12]
    label = _event_label(ev, agents, affected, resolved)
    return Event(
        key=f"event/{digest}",
        cls=ev.cls,
        label=label,
        document=file_name,
        evidence=" ".join(ev.sentence.text.split()),
        trigger=ev.trigger,
        date=ev.date,
        agents=agents,
        affected=affected,
        place=key(ev.place) if ev.place else None,
    )


def _event_label(
    ev: EventMention, agents: list[str], affected: list[str], resolved: Resolved
) -> str:
    who = " and ".join(resolved.entities[k].label for k in agents)
    whom = " and ".join(resolved.entities[k].label for k in affected)
    trigger = " ".join(ev.trigger.split()).lower()
    if who or whom:
        return " ".join(p for p in (who, trigger, whom) if p)
    words = ev.sentence.text.split()
    snippet = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return f"{trigger}: {snippet}"

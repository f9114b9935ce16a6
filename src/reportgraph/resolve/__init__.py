"""Mentions across documents -> one entity per real-world thing, with a merge log.

Rule-based and explainable, in four steps:

1. ``within.build_nodes``: each mention stands for the name the extractor gave it or its
   own text; a document's mentions of one class under one normalized name are one node.
2. ``within.join_within``: a document's own evidence joins its nodes (a stated alias or
   pseudonym, a surname, a short form, the people who fled a state however worded).
3. ``across.join_across``: blocking keys and similarity join nodes of different
   documents, guarded by class and by conflicting evidence inside the names;
   ``groups.join_groups`` joins counted groups by the dated acts they went through.
4. The user's ``same:`` list forces merges; the ``different:`` list vetoes any rule.

Each cluster becomes an ``Entity`` labelled with its fullest proper name; every join is
a ``Merge`` in ``Resolved.merges``; ``events.corefer`` gives one node to the reports of
one event in several documents; ``linking`` adds owl:sameAs to Wikidata.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.model import Annotated, Entity, Merge, Relation, Resolved
from reportgraph.resolve.across import join_across
from reportgraph.resolve.claims import build_claims
from reportgraph.resolve.clusters import Clusters, Link, Node
from reportgraph.resolve.config import MergeConfig, MergeConfigError, load_merges
from reportgraph.resolve.events import build_events, corefer
from reportgraph.resolve.groups import Counted, counted_groups, join_counted
from reportgraph.resolve.linking import link
from reportgraph.resolve.names import (
    TITLES,
    acronym,
    entity_key,
    fold,
    known_place,
    normal,
    slug,
    surface,
)
from reportgraph.resolve.within import build_nodes, join_within

__all__ = [
    "MergeConfig",
    "MergeConfigError",
    "Trace",
    "entity_key",
    "finish_entity",
    "fold",
    "label_of",
    "load_merges",
    "resolve",
    "salted_key",
    "slug",
    "surface",
]


@dataclass
class Trace:
    """What a resolution leaves besides its result, for a later build that redoes one
    document's share of it (see ``incremental``): the nodes, each node's cluster (a node
    id) after the rules within documents (``units``), after those across documents
    (``across``) and at the end (``clusters``), what each node's cluster started with (the
    states and known places its names name, which guard joins), the counted groups, the
    joins the rules across documents made, each event's own key and label before
    ``events.corefer`` gave it another's, and how many claims documents made (those made
    for date conflicts come after)."""

    nodes: list[Node]
    where: dict[tuple[str, int, int], int]
    units: list[int]
    across: list[int]
    guards: list[tuple[frozenset[str], frozenset[str]]]
    clusters: Clusters
    counted: dict[int, Counted]
    stated: list[tuple[str, Node]]  # every alias a text states: (folded alias, its node)
    joins: list[Link]  # the joins the rules across documents made, in order
    key_of_node: dict[int, str]
    own_event_keys: list[str]
    own_event_labels: list[str]
    regular_claims: int  # the claims of documents' own, before those made for date conflicts


def resolve(docs: list[Annotated], merges: MergeConfig | None = None) -> Resolved:
    return resolve_traced(docs, merges)[0]


def resolve_traced(
    docs: list[Annotated], merges: MergeConfig | None = None
) -> tuple[Resolved, Trace]:
    config = merges or MergeConfig()
    forbidden = config.forbidden()
    nodes, where = build_nodes(docs, forbidden)
    clusters = Clusters(nodes, forbidden)
    guards = [(frozenset(r.states), frozenset(r.places)) for r in clusters.roots.values()]
    stated: list[tuple[str, Node]] = []
    aliases = join_within(docs, nodes, clusters, stated)
    units = [clusters.find(n.id) for n in nodes]
    first_across = len(clusters.log)
    join_across(nodes, clusters, aliases)
    across = [clusters.find(n.id) for n in nodes]
    joins = clusters.log[first_across:]
    counted = counted_groups(docs, nodes, where)
    join_counted(counted, clusters)
    _force_same(config, nodes, clusters)
    resolved = Resolved(documents=[d.document for d in docs])
    key_of_node = _entities(nodes, clusters, resolved)
    key_of = {span: key_of_node[node_id] for span, node_id in where.items()}
    _log(nodes, clusters, key_of_node, resolved)
    resolved.relations = relations_of(docs, key_of)
    resolved.events = build_events(docs, key_of, resolved.entities)
    own_event_keys = [e.key for e in resolved.events]
    own_event_labels = [e.label for e in resolved.events]
    resolved.merges.extend(corefer(resolved.events, resolved.entities))
    resolved.claims = build_claims(docs, key_of, resolved)
    regular_claims = sum(len(doc.claims) for doc in docs)
    trace = Trace(
        nodes,
        where,
        units,
        across,
        guards,
        clusters,
        counted,
        stated,
        joins,
        key_of_node,
        own_event_keys,
        own_event_labels,
        regular_claims,
    )
    return resolved, trace


def relations_of(docs: list[Annotated], key_of: dict[tuple[str, int, int], str]) -> list[Relation]:
    """Each document's relations between entities (by key), once per document."""
    relations = []
    for doc in docs:
        file_name = doc.document.file_name
        seen: set[tuple[str, str, str]] = set()
        for rel in doc.relations:
            s = key_of[(file_name, rel.subject.start, rel.subject.end)]
            o = key_of[(file_name, rel.object.start, rel.object.end)]
            if s != o and (s, rel.predicate, o) not in seen:
                seen.add((s, rel.predicate, o))
                relations.append(Relation(s, rel.predicate, o, file_name, rel.sentence.text))
    return relations


def _force_same(config: MergeConfig, nodes: list[Node], clusters: Clusters) -> None:
    """The user's ``same:`` lists: every node carrying one of the names, class by class."""
    if not config.same:
        return
    by_name: dict[str, list[Node]] = {}
    for node in nodes:
        for name in {normal(f) for f in (*node.forms, *node.canonicals)}:
            by_name.setdefault(name, []).append(node)
    for names in config.same:
        found = [n for name in names for n in by_name.get(normal(name), [])]
        for cls in sorted({n.cls for n in found}):
            group = [n for n in found if n.cls == cls]
            for other in group[1:]:
                clusters.union(
                    other.id,
                    group[0].id,
                    "merge config",
                    "the merge config says same: " + ", ".join(names),
                    forced=True,
                )


def _label(members: list[Node]) -> str:
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    preferred: Counter[str] = Counter()
    for node in members:
        for name, n in node.canonicals.items():
            counts[name] += n
            docs.setdefault(name, set()).add(node.doc)
        if node.preferred:
            preferred[node.preferred] += 1
    return label_of(members[0].cls, counts, {n: len(d) for n, d in docs.items()}, preferred)


def label_of(cls: str, counts: Counter[str], docs: dict[str, int], preferred: Counter[str]) -> str:
    """The fullest proper form: a rule's choice first (``preferred``: how many nodes
    prefer each), then a gazetteer's name, then the longest name that is not all lower
    case nor an acronym, the most frequent (``counts``: mentions, ``docs``: documents
    naming it so) first."""
    if preferred:
        return max(preferred, key=lambda n: (preferred[n], n))

    def score(name: str) -> tuple[bool, bool, bool, bool, int, int, int, str]:
        proper = any(c.isupper() for c in name) and not name.islower()
        known = cls == "Place" and known_place(name) == name
        words = name.split()
        # "Mira Vell" over "Ms. Mira Vell", "President Ana Vell": the name itself
        titled = cls == "Person" and len(words) >= 3 and words[0].lower().strip(".") in TITLES
        return (
            known,
            proper,
            not titled,
            not acronym(name),
            len(fold(name).split()),
            docs[name],
            counts[name],
            name,
        )

    return max(counts, key=score)


def _entities(nodes: list[Node], clusters: Clusters, resolved: Resolved) -> dict[int, str]:
    key_of_node: dict[int, str] = {}
    groups = sorted(clusters.groups().values(), key=min)
    for ids in groups:
        members = [nodes[i] for i in ids]
        cls = members[0].cls
        label = _label(members)
        key = entity_key(cls, label)
        if key in resolved.entities:
            key = salted_key(key, members[0].doc, members[0].mentions[0].start)
        entity = Entity(key=key, cls=cls, label=label)
        names: set[str] = set()
        for node in members:
            entity.documents.add(node.doc)
            # the names this document gives: what it says, and the names rules read from it
            names_here = node.forms | set(node.canonicals)
            resolved.surface_forms.setdefault((key, node.doc), set()).update(names_here)
            resolved.mentions.setdefault(key, []).extend((node.doc, m) for m in node.mentions)
            names |= names_here
            key_of_node[node.id] = key
        linked = finish_entity(entity, names)
        if linked:
            resolved.merges.append(
                Merge(key, label, "", f"link: wd:{linked[0]} ({linked[1]})", target=linked[0])
            )
        resolved.mentions[key].sort(key=lambda dm: (dm[0], dm[1].start))
        resolved.entities[key] = entity
    return key_of_node


def salted_key(key: str, doc: str, start: int) -> str:
    """The key of a cluster whose label's key an earlier cluster has: salted with where
    its first node's first mention is."""
    salt = f"{doc}\0{start}".encode()
    return f"{key}-{hashlib.sha1(salt).hexdigest()[:6]}"


def finish_entity(entity: Entity, names: set[str]) -> tuple[str, str] | None:
    """An entity's other names, Wikidata item and coordinates, from all its ``names``;
    returns the link to Wikidata (the item and why), if any."""
    entity.alt_labels = names - {entity.label}
    linked = link(entity, names)
    if linked:
        entity.same_as = linked[0]
    if entity.cls == "Place":
        place = gazetteer().get(entity.label)
        if place is not None and place.lat is not None:
            entity.lat, entity.long = place.lat, place.long
    return linked


def _log(
    nodes: list[Node], clusters: Clusters, key_of_node: dict[int, str], resolved: Resolved
) -> None:
    for node in nodes:
        for form, rule in sorted(node.naming.items()):
            resolved.merges.append(
                Merge(key_of_node[node.id], form, node.doc, rule, node.name, node.doc)
            )
    for link_ in clusters.log:
        a, b = nodes[link_.a], nodes[link_.b]
        resolved.merges.append(
            Merge(
                key_of_node[a.id],
                link_.a_name,
                a.doc,
                f"{link_.rule}: {link_.detail}",
                link_.b_name,
                b.doc,
                link_.score,
            )
        )
    for link_ in clusters.refused:
        a, b = nodes[link_.a], nodes[link_.b]
        for key in dict.fromkeys((key_of_node[a.id], key_of_node[b.id])):
            resolved.merges.append(
                Merge(
                    key,
                    link_.a_name,
                    a.doc,
                    f"{link_.rule} {link_.detail}",
                    link_.b_name,
                    b.doc,
                    link_.score,
                )
            )

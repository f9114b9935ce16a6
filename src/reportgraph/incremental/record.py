"""Writing a full build's snapshot (see ``snapshot``): every node of resolution with the
keys the rules block it by, the clusters and entities, the counted groups, the events and
the blocks coreference and claims compare in, and each named graph's TriG block."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reportgraph.extractcache import ExtractionCache
from reportgraph.incremental.nodekeys import node_keys
from reportgraph.incremental.snapshot import (
    FORMAT,
    GraphBlock,
    Snapshot,
    code_fingerprint,
    dumps,
)
from reportgraph.incremental.stored import record_claims, record_events
from reportgraph.model import Document, Resolved
from reportgraph.resolve import Trace
from reportgraph.resolve.clusters import Node
from reportgraph.resolve.groups import Counted
from reportgraph.resolve.names import entity_key


def begin_snapshot(
    cache: ExtractionCache,
    resolved: Resolved,
    trace: Trace,
    entries: dict[str, str],
    warnings: list[str],
) -> Path | None:
    """Write the first part of a build's snapshot beside its outputs (a file the next build
    removes if this one is killed, see ``build.BuildLock``) and return where, or None when
    a later build could not use one: no usable cache, a document without a cache entry,
    or what it would hold does not describe the build (said in ``warnings``)."""
    if cache.refused or any(d.file_name not in entries for d in resolved.documents):
        return None
    path = cache.out / f".snapshot-{secrets.token_hex(8)}.tmp"
    try:
        record_resolution(path, resolved.documents, entries, resolved, trace)
    except ValueError as exc:
        path.unlink(missing_ok=True)
        warnings.append(f"no snapshot for a later --lean build: {exc}")
        return None
    return path


def record_resolution(
    path: Path, documents: list[Document], entries: dict[str, str], resolved: Resolved, trace: Trace
) -> None:
    """The first part of a new snapshot at ``path``: a build of ``documents`` (in order;
    ``entries``: each one's cache key) that resolved into ``resolved``, ``trace`` saying
    how. Written as soon as resolution is done, so that the trace (as big as the graph) is
    let go before the graph is made; ``finish_snapshot`` adds what the outputs are.
    ValueError when the snapshot would not describe the build (then none is kept)."""
    snapshot = Snapshot(path, create=True)
    db = snapshot.db
    try:
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
            [
                (d.file_name, i, entries[d.file_name], d.publisher, d.date)
                for i, d in enumerate(documents)
            ],
        )
        at = _local_indexes(trace.nodes)
        cids = _cluster_ids(trace, at)
        _nodes(db, trace, at, cids)
        _clusters(db, trace, at, cids, resolved)
        _counted(db, trace, at)
        unique = record_events(db, resolved, trace)
        record_claims(db, resolved, trace)
        snapshot.set_meta("events", "unique" if unique else "ambiguous")
        db.execute("COMMIT")
    finally:
        snapshot.close()


def finish_snapshot(
    path: Path,
    documents: list[Document],
    graphs: dict[str, GraphBlock],
    *,
    stats: dict[str, object],
    pipeline: str,
    token: str,
) -> None:
    """Complete the snapshot ``record_resolution`` began at ``path``: the named graphs the
    build wrote (by graph IRI), and what makes it one build's (format, code, pipeline,
    ``token``); a snapshot without them is never used."""
    snapshot = Snapshot(path)
    db = snapshot.db
    try:
        db.execute("BEGIN")
        position = {d.file_name: i for i, d in enumerate(documents)}
        db.executemany(
            "INSERT INTO graphs VALUES (?, ?, ?, ?, ?)",
            [
                (doc, iri, block.hash, block.length, dumps(sorted(block.prefixes)))
                for doc, iri, block in _graph_rows(graphs, position)
            ],
        )
        for name, value in (("format", FORMAT), ("code", code_fingerprint()),
                            ("pipeline", pipeline), ("token", token),
                            ("stats", dumps(stats))):  # fmt: skip
            snapshot.set_meta(name, value)
        db.execute("COMMIT")
    finally:
        snapshot.close()


def _graph_rows(
    graphs: dict[str, GraphBlock], position: dict[str, int]
) -> Iterator[tuple[str, str, GraphBlock]]:
    from reportgraph.rdf import file_of_graph

    for iri, block in graphs.items():
        doc = file_of_graph(iri)
        if doc is None or doc not in position:
            raise ValueError(f"a named graph of no document read: {iri}")
        yield doc, iri, block


def _local_indexes(nodes: list[Node]) -> list[int]:
    """Each node's place among its document's nodes (node ids run document by document)."""
    at, first = [], {}
    for node in nodes:
        first.setdefault(node.doc, node.id)
        at.append(node.id - first[node.doc])
    return at


def _cluster_ids(trace: Trace, at: list[int]) -> list[int]:
    """Each node's final cluster as a number, in the order ``_entities`` visits them."""
    groups = sorted(trace.clusters.groups().values(), key=min)
    cid = [0] * len(trace.nodes)
    for number, ids in enumerate(groups):
        for i in ids:
            cid[i] = number
    return cid


def _components(trace: Trace) -> list[int]:
    """Each node's cluster after the rule of one name (``p1``): its document's cluster
    joined to every node of another document that has its class and key."""
    parent = list(range(len(trace.nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for node in trace.nodes:
        parent[find(node.id)] = find(trace.units[node.id])
    first: dict[tuple[str, str], int] = {}
    for node in trace.nodes:
        if not node.local:
            other = first.setdefault((node.cls, node.key), node.id)
            parent[find(node.id)] = find(other)
    return [find(i) for i in range(len(trace.nodes))]


def _nodes(db: sqlite3.Connection, trace: Trace, at: list[int], cids: list[int]) -> None:
    p1 = _components(trace)
    unit_min: dict[int, int] = {}
    for node in trace.nodes:
        root = trace.units[node.id]
        unit_min[root] = min(unit_min.get(root, at[node.id]), at[node.id])
    rows = Rows()
    for node in trace.nodes:
        rows.add(node, at[node.id], unit_min[trace.units[node.id]], p1[node.id],
                 trace.across[node.id], cids[node.id], trace.guards[node.id])  # fmt: skip
        if len(rows.nodes) >= 10_000:  # a few rows at a time: a big build holds enough
            rows.insert(db)
    rows.insert(db)
    db.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?)", alias_rows(trace.stated, at))
    nodes = trace.nodes
    db.executemany(
        "INSERT INTO joins VALUES (?, ?, ?, ?, ?)",
        [
            (link.rule, nodes[link.a].doc, at[link.a], p1[link.a], p1[link.b])
            for link in trace.joins
            if link.rule != "same name"
        ],
    )


class Rows:
    """The rows of the snapshot's tables of nodes, gathered then inserted a batch at a
    time."""

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self.nodes: list[tuple[object, ...]] = []
        self.postings: list[tuple[str, str, str, int]] = []
        self.initials: list[tuple[str, str, str, int]] = []
        self.definers: list[tuple[str, str, str, int]] = []
        self.orgnames: list[tuple[str, str, int]] = []

    def add(self, node: Node, i: int, unit: int, p1: int, acid: int, cid: int,
            guards: tuple[frozenset[str], frozenset[str]]) -> None:  # fmt: skip
        """A node, the ``i``-th of its document, and its clusters."""
        doc, keys = node.doc, node_keys(node)
        states, places = guards
        self.nodes.append(
            (doc, i, node.cls, node.key, node.name, int(node.local), unit, p1, acid, cid,
             dumps(sorted(states)), dumps(sorted(places)), dumps(dict(node.canonicals)),
             dumps(sorted(node.forms)), node.preferred, node.mentions[0].start, keys.person,
             keys.words, keys.short, keys.acronym, keys.letters, keys.spelling,
             keys.spelling[::-1] if keys.spelling else None, keys.family, keys.titled)
        )  # fmt: skip
        self.postings += [(node.cls, w, doc, i) for w in sorted(keys.postings)]
        self.initials += [(node.cls, ini, doc, i) for ini in sorted(keys.initials)]
        self.definers += [(node.cls, key, doc, i) for key in sorted(keys.definers)]
        if node.cls == "Organization":
            names = sorted(set(node.canonicals) | node.forms)
            self.orgnames += [(name, doc, i) for name in names]

    def insert(self, db: sqlite3.Connection) -> None:
        db.executemany(f"INSERT INTO nodes VALUES ({', '.join('?' * 25)})", self.nodes)
        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", self.postings)
        db.executemany("INSERT INTO initials VALUES (?, ?, ?, ?)", self.initials)
        db.executemany("INSERT INTO definers VALUES (?, ?, ?, ?)", self.definers)
        db.executemany("INSERT INTO orgnames VALUES (?, ?, ?)", self.orgnames)
        self._clear()


def alias_rows(
    stated: list[tuple[str, Node]], at: list[int] | None = None
) -> list[tuple[str, str, int, int]]:
    """(alias, document, node, which statement of the document it is) for each alias
    stated (``at``: node ids to places in their documents, when not already so)."""
    rows, seen = [], {}
    for akey, node in stated:
        seq = seen[node.doc] = seen.get(node.doc, -1) + 1
        rows.append((akey, node.doc, at[node.id] if at is not None else node.id, seq))
    return rows


def _clusters(
    db: sqlite3.Connection, trace: Trace, at: list[int], cids: list[int], resolved: Resolved
) -> None:
    rows: dict[int, tuple[object, ...]] = {}
    for node in trace.nodes:
        cid = cids[node.id]
        if cid in rows:
            continue
        entity = resolved.entities[trace.key_of_node[node.id]]  # the first node: the min
        rows[cid] = (
            cid, entity.cls, entity.label, entity_key(entity.cls, entity.label), entity.key,
            entity.same_as, entity.lat, entity.long, node.doc, at[node.id],
            node.mentions[0].start,
        )  # fmt: skip
    db.executemany(
        "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(rows.values())
    )


def _counted(db: sqlite3.Connection, trace: Trace, at: list[int]) -> None:
    counted_rows(db, [(group, at[group.node.id]) for group in trace.counted.values()])


def counted_rows(db: sqlite3.Connection, groups: list[tuple[Counted, int]]) -> None:
    """Insert counted groups (each with its node's place in its document) and the blocks
    ``join_counted`` compares them in."""
    rows, blocks = [], []
    for group, i in groups:
        doc = group.node.doc
        acts = {cls: sorted(dates) for cls, dates in sorted(group.acts.items())}
        rows.append((doc, i, group.count, int(group.exact), dumps(acts)))
        for cls, dates in acts.items():
            for year in sorted({d[:4] for d in dates}):
                blocks.append((group.count, cls, year, doc, i))
    db.executemany("INSERT INTO counted VALUES (?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO groupblocks VALUES (?, ?, ?, ?, ?)", blocks)

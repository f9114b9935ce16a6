"""A build after a few documents changed, added or removed, done as those documents'
share of the work (see the package's documentation); or, when that cannot be shown to
give what a full build gives, the reason, and the caller resolves everything."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgraph.batch import extract_all
from reportgraph.extract import Component, extract
from reportgraph.extractcache import CACHE_DIR, ExtractionCache
from reportgraph.incremental.alone import Alone, resolve_alone
from reportgraph.incremental.claims import reclaim
from reportgraph.incremental.counts import counted_stats
from reportgraph.incremental.docgraph import doc_graph
from reportgraph.incremental.events import recorefer
from reportgraph.incremental.library import Library
from reportgraph.incremental.outputs import StaleOutputs, write_changes
from reportgraph.incremental.rest import DocOrder
from reportgraph.incremental.snapshot import (
    SNAPSHOT_FILE,
    Snapshot,
    dumps,
    new_token,
    read_token,
)
from reportgraph.incremental.swap import Swapped, fresh_numbers, swap
from reportgraph.model import Annotated, Document
from reportgraph.rdf import graph_iri
from reportgraph.stats import GraphStats
from reportgraph.stores import STORE_DIR
from reportgraph.triples import NamedGraphs

MAX_CHANGED = 50  # documents changed, added or removed that are redone one by one


@dataclass
class Rebuilt:
    outputs: list[Path]
    stats: GraphStats
    changed: list[str]  # the documents changed, added or removed
    graphs: NamedGraphs  # the named graphs written again
    documents: list[Document]  # their documents
    reused: int
    warnings: list[str] = field(default_factory=list)


def rebuild(
    files: list[Path],
    out: Path,
    cache: ExtractionCache,
    pipeline: list[Component],
    *,
    max_bytes: int | None,
    budget: float | None,
    jobs: int,
    progress: Callable[[str], None] | None = None,
) -> Rebuilt | str:
    """Redo the share of ``files`` that changed since the build in ``out``; a string says
    why that cannot be done (the snapshot missing or stale, a change too wide)."""
    path = out / CACHE_DIR / SNAPSHOT_FILE
    if cache.refused:
        return "the extraction cache cannot be used"
    try:
        snapshot = Snapshot(path)
    except (OSError, sqlite3.DatabaseError):
        return "there is no snapshot of an earlier build"
    try:
        why = snapshot.matches(cache.folder.name, read_token(out / STORE_DIR))
        if why is None and snapshot.meta("events") != "unique":
            why = "two events of one document had one key"
        return why or _rebuild(snapshot, files, out, cache, pipeline, max_bytes, budget,
                               jobs, progress)  # fmt: skip
    finally:
        snapshot.close()


def _rebuild(
    snapshot: Snapshot,
    files: list[Path],
    out: Path,
    cache: ExtractionCache,
    pipeline: list[Component],
    max_bytes: int | None,
    budget: float | None,
    jobs: int,
    progress: Callable[[str], None] | None,
) -> Rebuilt | str:
    db = snapshot.db
    db.row_factory = sqlite3.Row
    stored = {
        r["doc"]: (r["pos"], r["entry"]) for r in db.execute("SELECT doc, pos, entry FROM docs")
    }
    names = [p.name for p in files]
    if len(set(names)) != len(names):
        return "two files have one name"
    keys = {p.name: cache.key(p, max_bytes) for p in files}
    changed = [n for n in names if n not in stored or keys[n] is None or keys[n] != stored[n][1]]
    gone = sorted(set(stored) - set(names), key=lambda n: stored[n][0])
    same = [n for n in names if n not in changed and n in stored]
    if same != sorted(same, key=lambda n: stored[n][0]):
        return "the documents come in another order"
    if len(changed) + len(gone) > MAX_CHANGED:
        return f"more than {MAX_CHANGED} documents changed"
    path_of = {p.name: p for p in files}
    done = extract_all([path_of[n] for n in changed], pipeline, max_bytes=max_bytes,
                       jobs=jobs, cache=cache, extractor=extract, budget=budget)  # fmt: skip
    if done.problems:
        return "a changed document could not be read"
    if progress:
        for name in names:
            progress(name)
    order = DocOrder({d: pos for d, (pos, _) in stored.items()}, names)

    def read(doc: str) -> Annotated | None:
        """A document as the snapshot knows it (a changed one: as it was)."""
        entry = stored[doc][1] if doc in stored else None
        return cache.get(entry, path_of.get(doc, Path(doc))) if entry else None

    library = Library(db, read, set(names))
    fresh = {a.document.file_name: a for a in done.annotated}
    db.execute("BEGIN IMMEDIATE")
    try:
        result = _apply(db, order, library, fresh, stored, changed, gone, names, keys)
        if isinstance(result, str):
            db.execute("ROLLBACK")
            return result
        graphs, documents = result
        token = new_token()
        try:
            written = write_changes(db, out, graphs, documents, token)
        except StaleOutputs as exc:
            db.execute("ROLLBACK")
            return str(exc)
        before = json.loads(snapshot.meta("stats") or "{}")
        stats = counted_stats(before, written.delta, written.named_graphs)
        snapshot.set_meta("stats", dumps(stats.as_dict()))
        snapshot.set_meta("token", token)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    cache.used = {k for k in keys.values() if k is not None}
    return Rebuilt(written.outputs, stats, sorted(changed + gone), graphs, documents,
                   reused=len(same))  # fmt: skip


def _apply(
    db: sqlite3.Connection,
    order: DocOrder,
    library: Library,
    fresh: dict[str, Annotated],
    stored: dict[str, tuple[int, str]],
    changed: list[str],
    gone: list[str],
    names: list[str],
    keys: dict[str, str | None],
) -> tuple[NamedGraphs, list[Document]] | str:
    """Swap each changed document, then redo coreference and claims where they reach and
    make the graphs that changed; a string says why not."""
    numbers = fresh_numbers(db)
    # the build's order, which the checks read from the snapshot (documents gone between)
    db.executemany("UPDATE docs SET pos = ? WHERE doc = ?", [(order(d), d) for d in stored])
    dirty: set[str] = set()
    publishers: set[str] = set()
    for doc in sorted(set(changed) | set(gone), key=order):
        try:
            old = resolve_alone(library.annotated(doc)) if doc in stored else None
        except LookupError:
            return f"the extraction of {doc} as it was is no longer in the cache"
        new: Alone | None = None
        if doc in fresh:
            library.put(fresh[doc])
            new = resolve_alone(fresh[doc])
        swapped = swap(db, order, doc, old, new, numbers)
        if isinstance(swapped, str):
            return swapped
        assert isinstance(swapped, Swapped)
        dirty |= swapped.dirty
        publishers |= swapped.publishers
        library.forget(doc)
        db.execute("DELETE FROM docs WHERE doc = ?", (doc,))
        if new is not None:
            document = new.annotated.document
            db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                       (doc, order(doc), keys[doc], document.publisher, document.date))  # fmt: skip
    db.executemany("UPDATE docs SET pos = ? WHERE doc = ?", [(i, n) for i, n in enumerate(names)])
    made = dirty & set(names)
    gone_set = set(gone)
    for doc in made:
        library.forget(doc)
    reached = recorefer(db, order, library, made, gone_set)
    if isinstance(reached, str):
        return reached
    rebuilt = made | reached.changed | (_publishing(db, publishers) & set(names))
    claims = reclaim(db, order, library, rebuilt, gone_set, reached.groups)
    graphs: NamedGraphs = {graph_iri(doc): set() for doc in gone}
    documents = []
    for doc in sorted(claims, key=order):
        graphs[graph_iri(doc)] = doc_graph(db, library, doc, claims[doc])
        documents.append(library.annotated(doc).document)
    return graphs, documents


def _publishing(db: sqlite3.Connection, names: set[str]) -> set[str]:
    """The documents whose publisher is one of ``names``."""
    found: set[str] = set()
    for name in sorted(names):
        found |= {r[0] for r in db.execute("SELECT doc FROM docs WHERE publisher = ?", (name,))}
    return found

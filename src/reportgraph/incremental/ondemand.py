"""``resolution.json`` made on demand: a one-document build (``rebuild``) does not write
the merge log of every entity; ``explain`` asks for it, and it is made then, by a full
resolution of the documents the snapshot lists, read from the extraction cache (no
document is extracted again). It is the log a full build writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reportgraph.build import BuildLock
from reportgraph.extractcache import CACHE_DIR, load_entry
from reportgraph.files import write_atomic
from reportgraph.incremental.snapshot import SNAPSHOT_FILE, Snapshot, read_token
from reportgraph.model import Annotated
from reportgraph.protect import judge
from reportgraph.resolve import resolve
from reportgraph.resolve.log import LOG_FILE, resolution_json
from reportgraph.stores import STORE_DIR


def ensure_log(graph: Path, note: Callable[[str], None] | None = None) -> bool:
    """Write the ``resolution.json`` that a one-document build left to be made on demand
    in the build folder ``graph``; False when there is nothing to make it from (no
    snapshot of these outputs, an entry gone from the cache): the caller says the log
    is missing."""
    folder = graph if graph.is_dir() else graph.parent
    log = folder / LOG_FILE
    if os.path.lexists(log) or not (folder / CACHE_DIR / SNAPSHOT_FILE).is_file():
        return os.path.lexists(log)
    with BuildLock(folder):
        if os.path.lexists(log):
            return True
        docs = _documents(folder)
        if docs is None:
            return False
        if note is not None:
            note(f"making {log} from the {len(docs)} documents in the extraction cache")
        resolved = resolve(docs)
        write_atomic(log, resolution_json(resolved, judge(resolved, None), []))
    return True


def _documents(folder: Path) -> list[Annotated] | None:
    """The documents of the build in ``folder``, in order, from the extraction cache."""
    snapshot = Snapshot(folder / CACHE_DIR / SNAPSHOT_FILE)
    try:
        pipeline = snapshot.meta("pipeline") or ""
        if snapshot.matches(pipeline, read_token(folder / STORE_DIR)) is not None:
            return None
        rows = snapshot.db.execute("SELECT doc, entry FROM docs ORDER BY pos").fetchall()
    finally:
        snapshot.close()
    entries = folder / CACHE_DIR / "extract" / pipeline
    docs = []
    for doc, entry in rows:
        try:
            found = load_entry(entries / f"{entry}.json")
        except (OSError, ValueError):
            return None
        if found.document.file_name != doc:
            return None
        docs.append(found)
    return docs

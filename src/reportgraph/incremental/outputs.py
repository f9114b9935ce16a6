"""A one-document build's outputs: only the named graphs that changed are written.

``graph.trig`` is the previous file with the changed graphs' blocks replaced (the others'
bytes copied where they were, found from each block's length in the snapshot), the store
the previous one with those graphs replaced (``writing.make_store``), the reader pages of
their documents rendered and the others linked. ``graph.ttl``, the views and
``resolution.json`` are left to be made on demand (``--lean``); everything is staged and
renamed into place together, as a full build does (``writing``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef

from reportgraph.errors import ReportgraphError
from reportgraph.files import write_atomic
from reportgraph.model import Document
from reportgraph.rdf import file_of_graph
from reportgraph.resolve.log import LOG_FILE
from reportgraph.store import GRAPH_FILE
from reportgraph.stores import STORE_DIR
from reportgraph.stores.oxigraph import StoreDelta, graph_hashes
from reportgraph.triples import NamedGraphs
from reportgraph.turtle import prefix_lines, trig_blocks_used
from reportgraph.writing import (
    DEFERRED,
    PAGES_KEY,
    STAGING_PREFIX,
    keep_pages,
    make_store,
    pages_fingerprint,
    previous_hashes,
    real_file,
    signals_held,
)

CHUNK = 1 << 20


class StaleOutputs(ReportgraphError):
    """The folder's outputs are not what the snapshot says: the build writes them all."""


@dataclass
class Written:
    outputs: list[Path]
    delta: StoreDelta  # what the union of the graphs gained and lost
    named_graphs: int


def write_changes(
    db: sqlite3.Connection,
    out: Path,
    graphs: NamedGraphs,
    documents: list[Document],
    token: str,
) -> Written:
    """Replace the named graphs ``graphs`` (an empty set: the graph is gone) in the
    outputs of ``out``, whose snapshot ``db`` describes them (its table of graphs is
    brought up to date)."""
    from reportgraph.views.reader import FOLDER

    previous = previous_hashes(out)
    fingerprint = pages_fingerprint(False)
    if not previous or previous.get(PAGES_KEY) != fingerprint:
        raise StaleOutputs("the store or the reader pages are not those of the snapshot")
    old = _graph_rows(db)
    made = {URIRef(name): triples for name, triples in graphs.items() if triples}
    redone = {str(name) for name in graphs}  # rdflib hashes an IRI unlike its string
    _, blocks, used = trig_blocks_used(made)
    hashes = graph_hashes(blocks)
    new = {name: row for name, row in old.items() if name not in redone}
    for name, block in blocks.items():
        new[name] = (hashes[name], len(block.encode("utf-8")), sorted(used[name]))
    staging = Path(tempfile.mkdtemp(dir=out, prefix=STAGING_PREFIX))
    try:
        sha256 = _splice(out / GRAPH_FILE, staging / GRAPH_FILE, old, new, blocks)
        held = {name: row[0] for name, row in new.items()}
        held[PAGES_KEY] = fingerprint
        delta = make_store(out / STORE_DIR, staging, made, held, previous, token, sha256)
        if delta is None:
            raise StaleOutputs("the store could not be updated in place")
        pages = staging / FOLDER
        pages.mkdir()
        _pages(out / FOLDER, pages, new, made, redone & set(held), documents)
        _graphs_table(db, redone, new)
        with signals_held():
            os.replace(staging / GRAPH_FILE, out / GRAPH_FILE)
            for name in (*DEFERRED, LOG_FILE):
                (out / name).unlink(missing_ok=True)
            for name in (STORE_DIR, FOLDER):
                if os.path.lexists(out / name):
                    os.replace(out / name, staging / f"{name}.old")
                os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Written([out / GRAPH_FILE, out / STORE_DIR, out / FOLDER], delta, len(new))


Row = tuple[str, int, list[str]]  # a graph's block: hash, bytes, prefixes


def _graph_rows(db: sqlite3.Connection) -> dict[str, Row]:
    rows = db.execute("SELECT iri, hash, length, prefixes FROM graphs").fetchall()
    return {r[0]: (r[1], r[2], json.loads(r[3])) for r in rows}


def _header(rows: dict[str, Row]) -> bytes:
    used = {p for row in rows.values() for p in row[2]}
    return ("\n".join(prefix_lines(used)) + "\n\n").encode("utf-8")


def _splice(
    source: Path, target: Path, old: dict[str, Row], new: dict[str, Row], blocks: dict[str, str]
) -> str:
    """Write ``graph.trig`` for the graphs ``new`` at ``target``: the blocks in ``blocks``
    as given, the others copied from ``source`` (whose graphs are ``old``); returns its
    SHA-256."""
    offsets, at = {}, len(_header(old))
    for name in sorted(old):
        offsets[name] = at
        at += old[name][1] + 1
    expected = at - 1 if old else at
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise StaleOutputs(f"{source}: {exc.strerror or exc}") from exc
    if size != expected:
        raise StaleOutputs(f"{source} is not the file the snapshot describes")
    digest = hashlib.sha256()
    with source.open("rb") as reading, target.open("wb") as writing:

        def put(data: bytes) -> None:
            digest.update(data)
            writing.write(data)

        put(_header(new))
        for n, name in enumerate(sorted(new)):
            if n:
                put(b"\n")
            if name in blocks:
                put(blocks[name].encode("utf-8"))
            else:
                _copy(reading, offsets[name], old[name][1], put)
    return digest.hexdigest()


def _copy(reading: BinaryIO, start: int, length: int, put: object) -> None:
    reading.seek(start)
    while length > 0:
        data = reading.read(min(CHUNK, length))
        if not data:
            raise StaleOutputs("graph.trig is shorter than the snapshot says")
        put(data)  # type: ignore[operator]
        length -= len(data)


def _pages(
    old: Path,
    pages: Path,
    rows: dict[str, Row],
    graphs: NamedGraphs,
    todo: set[str],
    documents: list[Document],
) -> None:
    """Reader pages: those of the graphs in ``todo`` rendered, the others linked."""
    from reportgraph.views.reader import reader_pages, slugs

    files = {name: file_of_graph(name) for name in rows}
    every = slugs(f for f in files.values() if f is not None)
    for name, file_name in files.items():
        if file_name is None or name in todo:
            continue
        page = old / f"{every[file_name]}.html"
        if not real_file(page):
            raise StaleOutputs(f"{page}: the reader page of an unchanged graph is missing")
        os.link(page, pages / page.name)
    made = {URIRef(name): graphs[URIRef(name)] for name in todo if URIRef(name) in graphs}
    for result in reader_pages(documents, made, protected=False, names=every):
        write_atomic(pages / f"{result.slug}.html", result.page)
    keep_pages(old, pages, every)


def _graphs_table(db: sqlite3.Connection, redone: set[str], new: dict[str, Row]) -> None:
    for name in sorted(redone):
        doc = file_of_graph(name)
        db.execute("DELETE FROM graphs WHERE iri = ?", (name,))
        if name in new and doc is not None:
            digest, length, prefixes = new[name]
            db.execute(
                "INSERT INTO graphs VALUES (?, ?, ?, ?, ?)",
                (doc, name, digest, length, json.dumps(prefixes, separators=(",", ":"))),
            )

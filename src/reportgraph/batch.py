"""Extracting many documents: each one's result taken from the extraction cache
(``extractcache``) when it holds it, the rest extracted in parallel processes or on a
Dask cluster (``cluster``), each document within a time limit (``extractone``).

Extraction is the slow step (the statistical parse) and depends only on one document's
bytes and name and on the pipeline's code, so a rebuild after one report changed re-reads
that report alone; everything after (resolution across documents, RDF, the files) is
redone in full, so an incremental build writes the same bytes as a full one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgraph.cluster import parse_executor, run_on_dask
from reportgraph.errors import IngestError, ReportgraphError
from reportgraph.extract import Component, extract
from reportgraph.extractcache import CACHE_DIR as CACHE_DIR  # where callers found them
from reportgraph.extractcache import CACHE_FORMAT as CACHE_FORMAT
from reportgraph.extractcache import CACHE_FORMAT_VERSION as CACHE_FORMAT_VERSION
from reportgraph.extractcache import ExtractionCache
from reportgraph.extractcache import pipeline_version as pipeline_version
from reportgraph.extractone import (
    DIED,
    Extractor,
    Outcome,
    Work,
    extract_one,
    names_of,
    pipeline_of,
)
from reportgraph.ingest import MAX_BYTES
from reportgraph.model import Annotated

Progress = Callable[[str], None]

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
    entries: dict[str, str] = field(default_factory=dict)  # file name -> its cache key


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
    executor: str | None = None,
) -> Extracted:
    """Read and extract every file with ``extractor``, in up to ``jobs`` processes (one
    per ``MIN_PER_JOB`` documents to extract at most) or, with ``executor``
    (``dask://HOST:PORT``, see ``cluster``), on a Dask cluster, taking unchanged documents
    from ``cache``. A file that cannot be read or extracted, or takes more than ``budget``
    seconds (None: no limit), becomes a problem; so does one whose worker process dies.
    A second file with a name already seen is refused (document IRIs are made from it)."""
    address = parse_executor(executor)
    outcomes: list[Outcome | None] = [None] * len(paths)
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
    if address is not None and work:
        outcomes_now = run_on_dask(address, work, names_of(pipeline), extractor)
    else:
        outcomes_now = _run(work, pipeline, jobs, extractor)
    for index, outcome in zip(todo, outcomes_now, strict=True):
        outcomes[index] = outcome
        key = keys[index]
        if cache and key and isinstance(outcome, Annotated):
            cache.put(key, outcome)
        if progress:
            progress(paths[index].name)
    result = Extracted(reused=reused, extracted=len(todo))
    seen: dict[str, Path] = {}
    for path, outcome, key in zip(paths, outcomes, keys, strict=True):
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
            if key is not None:
                result.entries[name] = key
    return result


def _run(
    work: list[Work],
    pipeline: list[Component],
    jobs: int,
    extractor: Extractor,
) -> Iterator[Outcome]:
    """Each item's outcome, in order: in this process, or in worker processes (forked,
    so that they know the components registered here). When a worker dies (killed,
    out of memory, a crash in a C library) the documents not yet done are extracted one
    at a time in a fresh worker, so the one that kills it is found and skipped."""
    jobs = max(1, min(jobs, -(-len(work) // MIN_PER_JOB)))
    if jobs == 1:
        for item in work:
            yield extract_one(item, pipeline, extractor)
        return
    names = names_of(pipeline)
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


def _pool(jobs: int, names: tuple[str, ...], extractor: Extractor) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(names, extractor)
    )


def _one_at_a_time(
    work: list[Work], names: tuple[str, ...], extractor: Extractor
) -> Iterator[Outcome]:
    """Each item in a worker of its own pool, a new pool after each death."""
    pool: ProcessPoolExecutor | None = None
    try:
        for item in work:
            pool = pool or _pool(1, names, extractor)
            outcome: Outcome
            try:
                outcome = pool.submit(_extract_in_worker, item).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = None
                outcome = IngestError(item[0], DIED)
            yield outcome
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict[str, Any] = {}


def _start_worker(names: tuple[str, ...], extractor: Extractor) -> None:
    _WORKER["pipeline"], _WORKER["extractor"] = pipeline_of(names), extractor


def _extract_in_worker(item: Work) -> Outcome:
    return extract_one(item, _WORKER["pipeline"], _WORKER["extractor"])


def default_jobs() -> int:
    """One process per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1

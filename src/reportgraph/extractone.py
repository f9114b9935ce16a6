"""One document's work, wherever it runs (this process, a local worker process, a Dask
worker thread): read it, extract it within its time budget, and turn whatever goes wrong
into a problem naming the file. Every executor calls ``extract_one``, so a document gives
the same outcome, and the same error, on each."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from reportgraph.errors import ExtractionError, IngestError, ReportgraphError
from reportgraph.extract import Component
from reportgraph.guard import TimedOut, time_limit
from reportgraph.ingest import document_of, read_document
from reportgraph.model import Annotated, Document

Extractor = Callable[[Document, list[Component]], Annotated]
Outcome = Annotated | ReportgraphError
Work = tuple[Path, int | None, float | None]  # a file, its size limit, its time budget
# The problem of a document whose worker process died while it was being extracted.
DIED = "its worker process died while reading it (killed, out of memory?)"


def extract_one(
    item: Work, pipeline: list[Component], extractor: Extractor, data: bytes | None = None
) -> Outcome:
    """Read and extract one file (from ``data``, its bytes, when they were read elsewhere);
    the statistical parses are dropped, since nothing after extraction reads them (and they
    are big). Whatever goes wrong in one document (a library's own exception, a recursion
    or memory error, its time budget spent) is a problem naming the file, never the end of
    the build."""
    path, max_bytes, budget = item
    try:
        with _deadline(budget):
            document = read_document(path, max_bytes) if data is None else document_of(path, data)
            annotated = extractor(document, pipeline)
    except (IngestError, ExtractionError) as exc:
        return exc
    except TimedOut:
        return IngestError(path, f"took longer than {budget:g} s (see build --doc-timeout)")
    except Exception as exc:  # a bug or a library's error on this one document
        return IngestError(path, f"could not be read ({type(exc).__name__}: {_short(exc)})")
    annotated.parses = []
    return annotated


@cache
def pipeline_of(names: tuple[str, ...]) -> list[Component]:
    """The components named, looked up once per worker process."""
    from reportgraph.extract import get_pipeline

    return get_pipeline(names)


def names_of(pipeline: Iterable[Component]) -> tuple[str, ...]:
    """What a worker needs to rebuild ``pipeline``: functions travel as names."""
    return tuple(component.name for component in pipeline)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:199] + "…"


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``TimedOut`` in this thread after ``seconds``: by SIGALRM in a process's main
    thread, by an asynchronous exception in any other (a Dask worker runs tasks in
    threads, where signals cannot go). Pure-Python work (pypdf, the HTML walk, the
    extractors) is stopped at once; one long call into C is stopped when it returns."""
    if not seconds:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with time_limit(seconds):  # a Dask worker's thread: no signals there
            yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def overtime(_signum: int, _frame: object) -> None:
        raise TimedOut

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

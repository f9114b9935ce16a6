"""Extraction on a Dask cluster (``build --executor dask://HOST:PORT``).

Only extraction leaves this machine: it is the slow step and needs one document at a
time. Each file is read here and its bytes sent to a worker (the workers need reportgraph
and the model, not the corpus), where ``extract_one`` does what a local process does; the
outcomes come back in the files' order, so resolution, RDF and the store, all on this
machine, write the same bytes as a local build. ``dask`` and ``distributed`` are an
optional extra, imported only here and only when a cluster is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reportgraph.errors import IngestError, ReportgraphError
from reportgraph.extractcache import pipeline_version
from reportgraph.extractone import (
    DIED,
    Extractor,
    Outcome,
    Work,
    extract_one,
    pipeline_of,
)
from reportgraph.ingest import read_bytes

if TYPE_CHECKING:
    from distributed import Client

SCHEMES = ("local", "dask://HOST:PORT")
DEFAULT_PORT = 8786  # dask scheduler's
EXTRA = "pip install 'reportgraph[dask]'"
# Seconds to reach the scheduler, and then to see a worker, before giving up.
CONNECT_TIMEOUT = 10.0
# Documents sent ahead per worker thread: enough to keep workers busy while results
# travel, few enough that a big corpus's bytes are not all in memory at once.
AHEAD_PER_THREAD = 2
# A document whose worker died (after Dask's own ``distributed.scheduler.allowed-failures``
# retries) may only have been queued beside the one that kills: it is tried again alone,
# with nothing else in flight, and blamed only if its worker dies then too.


class WorkerMismatch(ReportgraphError):
    """A worker whose extraction differs from this machine's (another reportgraph, model
    or Python): its results would not be those of a local build."""


def parse_executor(spec: str | None) -> str | None:
    """The scheduler address of ``dask://HOST[:PORT]`` (``tcp://HOST:PORT``), or None
    for ``local`` (and None): where extraction runs."""
    if spec is None or spec == "local":
        return None
    parts = urlsplit(spec)
    if parts.scheme != "dask" or not parts.netloc:
        raise ReportgraphError(
            f"unknown executor {spec!r}: use {' or '.join(SCHEMES)} (a Dask scheduler)"
        )
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise ReportgraphError(f"executor {spec!r}: the port is not a number") from None
    if not parts.hostname or parts.path.strip("/") or parts.query:
        raise ReportgraphError(f"executor {spec!r}: expected dask://HOST:PORT")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"tcp://{host}:{port}"


def check_executor(spec: str | None) -> None:
    """Fail now, before any file is read, on a spec that cannot work: unknown, without
    the packages, or a scheduler out of reach or without workers."""
    address = parse_executor(spec)
    if address is not None:
        connect(address).close()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ReportgraphError(
            f"--executor dask:// needs the packages dask and distributed: {EXTRA}"
        ) from None
    return distributed


def connect(address: str) -> Client:
    """A client of the scheduler at ``address`` that has at least one worker."""
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ReportgraphError(
            f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT:g} s; "
            "is `dask scheduler` running there?"
        ) from exc
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        client.close()
        raise ReportgraphError(
            f"the Dask scheduler at {address} has no workers; start some with "
            f"`dask worker {address}`"
        ) from None
    return client


def run_on_dask(
    address: str, work: list[Work], names: tuple[str, ...], extractor: Extractor
) -> Iterator[Outcome]:
    """Each item's outcome, in order, extracted on the cluster at ``address``."""
    client = connect(address)
    try:
        yield from _outcomes(client, work, names, extractor)
    finally:
        client.close()


def _outcomes(
    client: Client, work: list[Work], names: tuple[str, ...], extractor: Extractor
) -> Iterator[Outcome]:
    distributed = _distributed()
    expected = pipeline_version(names)
    threads = sum(client.nthreads().values()) or 1
    ahead = max(2, AHEAD_PER_THREAD * threads)
    done = distributed.as_completed(loop=client.loop)
    index_of: dict[Any, int] = {}
    ready: dict[int, Outcome] = {}
    suspects: list[int] = []  # their worker died: each is tried again alone
    alone: set[int] = set()

    def send(index: int) -> None:
        path = work[index][0]
        try:
            data = read_bytes(path, work[index][1])
        except IngestError as exc:
            ready[index] = exc
            return
        future = client.submit(
            _task, work[index], data, names, extractor, expected, pure=False, priority=-index
        )
        index_of[future] = index
        done.add(future)

    sent = given = 0
    while given < len(work):
        if suspects and not index_of:
            alone.add(suspects[0])
            send(suspects.pop(0))
        while not suspects and sent < len(work) and len(index_of) < ahead:
            send(sent)
            sent += 1
        if given in ready:
            yield ready.pop(given)
            given += 1
            continue
        future = next(done)
        index = index_of.pop(future)
        try:
            ready[index] = future.result()
        except distributed.KilledWorker:
            if index in alone:
                ready[index] = IngestError(work[index][0], DIED)
            else:
                suspects.append(index)
        except ReportgraphError:
            raise
        except Exception as exc:
            raise ReportgraphError(
                f"the Dask cluster failed while extracting {work[index][0]} "
                f"({type(exc).__name__}: {exc}); do its workers have reportgraph and the "
                "model installed?"
            ) from None
        finally:
            future.release()


def _task(
    item: Work, data: bytes, names: tuple[str, ...], extractor: Extractor, expected: str
) -> Outcome:
    """One document on a worker: refused if the worker would extract it differently."""
    found = _worker_version(names)
    if found != expected:
        raise WorkerMismatch(
            f"a Dask worker extracts differently from this machine (pipeline {found}, here "
            f"{expected}): install the same reportgraph, model and Python on every worker"
        )
    return extract_one(item, pipeline_of(names), extractor, data)


@cache
def _worker_version(names: tuple[str, ...]) -> str:
    return pipeline_version(names)

"""The worker processes that run ``reportgraph serve``'s queries, where they can be stopped.

A query can spend minutes in one call into C (a backtracking regular expression, a
``REPLACE`` that builds gigabytes) or in rdflib's parser, and the in-thread time limit
cannot reach either; a process can always be killed. Each worker opens the store once
(reading a graph into memory costs far more than most queries), caps its own address
space, and answers one query at a time; several workers answer at once, so a quick query
does not wait behind slow ones. The pool kills a worker that overruns its deadline, or
that ran out of memory, and starts another in its place. ``reportgraph query`` runs its
query in a pool of one (``run_once``), so that its ``--timeout`` holds on every store too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reportgraph.errors import GraphError, QueryError, QueryStopped
from reportgraph.stores.base import Store

WORKERS = 8  # queries answered at once on an on-disk store (workers share its files)
MEMORY_WORKERS = 4  # in memory, where each worker holds a copy of the graph
MEMORY_MB = 1024  # address space a worker may add to what the loaded graph takes
GRACE = 0.5  # seconds a worker's own time limit has to answer before the pool kills it
CLI = "cli/"  # an Accept of "cli/table", "cli/csv"...: the command line's own formats
START_TIMEOUT = 300.0  # seconds a worker may take to open the store (read the graph)
# Seconds after which a query's worker gives the processor to quicker ones (a lower
# priority) while other queries run, so that an ASK is answered while slow queries hold
# every core.
SLOW = 0.5
NICE = 10
# A query that has run this long when another arrives yields to it at once, rather than
# at its next look (up to SLOW later): an ASK need not share the processors with five
# slow queries for their first half second.
YIELD_TO_NEW = 0.1
QUEUE_WAIT = 10.0  # seconds a request waits for a free worker before 503
BUSY_RETRY = 5  # the Retry-After of a 503, in seconds

Recipe = tuple[str, Any]  # how a worker opens the store: ("memory", path), ("spec", spec)...
# Read by each new worker before it says it is ready: a query with a token of each kind,
# since pyparsing compiles its patterns the first time each is used (some 10 ms of a
# worker's first real query, far more while slow queries hold the processors), and the
# answer written out once as JSON.
WARM_UP = (
    'ASK { ?s <urn:x:p> "a"@en, \'b\', """c""", 1, 2.5, 1e0, true, "d"^^<urn:x:t> ; '
    "rdfs:label ?o ; rg:actor/rdfs:label* _:b . OPTIONAL { ?s ?p [] } "
    'FILTER (REGEX(STR(?o), "x", "i") && ?o != $v) }'
)


@dataclass(frozen=True)
class Job:
    """One query for a worker: its text, the format asked (a media type, or ``cli/FMT``),
    limits, and the parameters and network permission ``reportgraph query`` can give."""

    text: str
    accept: str
    timeout: float | None
    limit: int | None
    params: tuple[tuple[str, str], ...] = ()
    allow_network: bool = False

    @property
    def cli(self) -> bool:
        return self.accept.startswith(CLI)


@dataclass
class Reply:
    """What the endpoint sends back: status, media type, body and extra headers."""

    status: int
    media: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    restart: bool = False  # the worker should not answer again (it ran out of memory)


def text_reply(status: int, message: str, **headers: str) -> Reply:
    return Reply(status, "text/plain", (message.rstrip("\n") + "\n").encode("utf-8"), headers)


def default_workers(store: Store) -> int:
    from reportgraph.stores.memory import MemoryStore

    return MEMORY_WORKERS if isinstance(store, MemoryStore) else WORKERS


def recipe_for(store: Store) -> Recipe:
    """What a worker needs to open the same store in its own process."""
    from reportgraph.stores.memory import MemoryStore

    if isinstance(store, MemoryStore):
        source = store._source  # the path it reads, or a Dataset it was given
        if isinstance(source, Path | str):
            return ("memory", str(source))
        data = store.dataset().serialize(format="nquads", encoding="utf-8")
        return ("nquads", data)
    return ("spec", store.spec)


def _open(recipe: Recipe) -> Store:
    kind, where = recipe
    if kind == "memory":
        from reportgraph.stores.memory import MemoryStore

        store: Store = MemoryStore(Path(where))
        store.dataset()  # read the graph now, once
        return store
    if kind == "nquads":
        from rdflib import Dataset

        from reportgraph.ontology import bind_prefixes
        from reportgraph.stores.memory import MemoryStore

        dataset = Dataset(default_union=True)
        dataset.parse(data=where, format="nquads")
        return MemoryStore(bind_prefixes(dataset))
    from reportgraph.stores import open_store

    return open_store(where, Path("."))


def _cap_memory(memory_mb: int) -> None:
    """Cap the address space at what the worker holds now plus ``memory_mb``: a query
    over it gets MemoryError (or the worker dies) instead of the machine swapping."""
    if memory_mb <= 0 or not sys.platform.startswith("linux"):
        return
    import resource

    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    size = pages * resource.getpagesize() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def worker_main(conn: Connection, recipe: Recipe, memory_mb: int, server: int = 0) -> None:
    """A worker's life: open the store, cap memory, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which ends us
    if server:
        threading.Thread(target=_end_with, args=(server,), daemon=True).start()
    try:
        store = _open(recipe)
        _warm_up(store)
        _cap_memory(memory_mb)
    except Exception as exc:  # a store that cannot be opened: say why, in one line
        conn.send(("failed", " ".join(str(exc).split()) or type(exc).__name__))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        if job is None:
            return
        reply = run_job(store, job, memory_mb=memory_mb)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(text_reply(503, "the answer is too large for the memory cap (--memory)"))
            return
        if reply.restart:
            return


def _warm_up(store: Store) -> None:
    """Parse ``WARM_UP`` with rdflib (which a store that parses queries itself skips) and
    run it on the store, so that the worker's first query pays for neither."""
    from reportgraph.sparql import parsed

    parsed(WARM_UP)
    run_job(store, Job(WARM_UP, "application/sparql-results+json", None, 1))


def _end_with(server: int) -> None:
    """End this worker once the server that started it is gone: a server killed with no
    chance to stop its workers (SIGTERM, SIGKILL) must not leave a query running on, which
    no time limit reaches inside one call into C (Oxigraph lets this thread run then)."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass  # alive, another user's: a reused process number, not ours to judge


def run_job(store: Store, job: Job, *, memory_mb: int = 0) -> Reply:
    """One query, parsed, run and written out under the time limit (parsing included: a
    long query text takes rdflib's parser quadratic time)."""
    from reportgraph.guard import TimedOut, time_limit
    from reportgraph.query import format_result, to_query_result
    from reportgraph.resultformats import NotAcceptable, render
    from reportgraph.stores.run import answer

    try:
        with time_limit(job.timeout):
            try:
                got = answer(
                    store, job.text, dict(job.params), timeout=None, limit=job.limit,
                    allow_network=job.allow_network,
                )  # fmt: skip
                if job.cli:
                    media = "text/plain"
                    data = format_result(to_query_result(got), job.accept[len(CLI) :]).encode()
                else:
                    media, data = render(got, job.accept)
            except MemoryError:
                raise QueryStopped("", memory=True) from None
    except TimedOut:
        return text_reply(503, stopped_message(job))
    except QueryStopped as exc:
        reply = text_reply(503, _memory_message(memory_mb) if exc.memory else str(exc))
        reply.restart = exc.memory
        return reply
    except NotAcceptable as exc:
        return text_reply(406, str(exc))
    except QueryError as exc:
        return text_reply(400, str(exc))
    except GraphError as exc:
        return text_reply(503, str(exc))
    except Exception as exc:  # a serializer that cannot write these terms (rdf+xml), say
        return text_reply(500, f"cannot write the answer: {' '.join(str(exc).split())}")
    truncated = {"X-Reportgraph-Truncated": f"only the first {job.limit} rows"}
    return Reply(200, media, data, truncated if got.truncated else {})


def stopped_message(job: Job) -> str:
    if job.cli:
        return f"query stopped after {job.timeout:g} s (the time limit; --timeout to change it)"
    return f"query stopped after {job.timeout:g} s (the server's time limit, --timeout)"


def _memory_message(memory_mb: int) -> str:
    return f"query stopped: it needed more memory than a query may use ({memory_mb} MB, --memory)"


class _Worker:
    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.niced = False

    def yield_processor(self) -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, NICE)
            self.niced = True
        except (OSError, AttributeError):  # no such process any more, or no setpriority
            pass

    def restore_priority(self) -> bool:
        """Back to normal priority (False when only a privileged process may raise it)."""
        if not self.niced:
            return True
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid, 0)
        except OSError:
            return False
        self.niced = False
        return True

    def stop(self, *, kill: bool) -> None:
        if not kill:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(OSError):  # closed already by a thread stopping it too
            self.conn.close()


class WorkerPool:
    """``size`` worker processes answering jobs; a request waits at most ``queue_wait``
    seconds for one, and no more than ``max_waiting`` requests wait at once."""

    def __init__(
        self,
        store: Store,
        size: int = WORKERS,
        *,
        memory_mb: int = MEMORY_MB,
        queue_wait: float = QUEUE_WAIT,
        log: Callable[[str], None] | None = None,
        fork: bool = False,
        start_timeout: float = START_TIMEOUT,
    ) -> None:
        self.size = max(1, size)
        self.start_timeout = start_timeout
        self.memory_mb = memory_mb
        self.queue_wait = queue_wait
        self.max_waiting = 4 * self.size
        self._recipe = recipe_for(store)
        self._log = log
        self._context = _context(fork)
        # the worker that answered last answers next: its caches are warm, and a worker
        # that sat idle since it started is not the one a quick query waits on
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._waiting = 0
        self._running = 0  # queries being answered now
        self._began: dict[_Worker, float] = {}  # when each busy worker's query began
        self._closed = False
        self._stopped_note = "" if fork else "; its worker was stopped"
        self._respawn = not fork  # the command line's pool of one answers once
        self._problem = ""

    def start(self) -> None:
        """Start every worker and wait until they have opened the store; the first that
        cannot is a GraphError (the server should not listen then)."""
        starters = [threading.Thread(target=self._add, daemon=True) for _ in range(self.size)]
        for thread in starters:
            thread.start()
        for thread in starters:
            thread.join()
        if self._idle.qsize() == 0:
            raise GraphError(f"cannot start a query worker: {self._problem or 'no reason given'}")

    def _add(self) -> None:
        """Start one worker; once it has opened the store it joins the idle ones."""
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker_main,
            args=(child, self._recipe, self.memory_mb, os.getpid()),
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        message: tuple[str, Any] = ("failed", "it did not start in time")
        try:
            if parent.poll(self.start_timeout):
                message = parent.recv()
        except (EOFError, OSError):
            message = ("failed", "it ended while opening the store")
        with self._lock:
            if message[0] == "ready" and not self._closed:
                self._idle.put(worker)
                return
            self._all.discard(worker)
            self._problem = str(message[1])
        worker.stop(kill=True)
        if message[0] != "ready" and self._log is not None:
            self._log(f"query worker: {self._problem}")

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        """End a worker and start another in the background (reading the graph again)."""
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        worker.stop(kill=kill)
        if not closed and self._respawn:
            threading.Thread(target=self._add, daemon=True).start()

    def run(self, job: Job, spent: float = 0.0) -> Reply:
        """The reply to one query: from a worker, or 503 when it overran, died or none
        was free; ``spent`` seconds of its time limit are gone already."""
        with self._lock:
            if self._waiting >= self.max_waiting:
                return self._busy()
            self._waiting += 1
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            return self._busy()
        finally:
            with self._lock:
                self._waiting -= 1
        end = time.monotonic() + job.timeout + GRACE - spent if job.timeout else None
        with self._lock:
            self._running += 1
            self._yield_to_new(time.monotonic())
            self._began[worker] = time.monotonic()
        try:
            worker.conn.send(job)
            while not worker.conn.poll(_wait(end)):
                if end is not None and time.monotonic() >= end:
                    self._replace(worker, kill=True)
                    return text_reply(503, stopped_message(job) + self._stopped_note)
                with self._lock:  # (another query's thread may lower it too)
                    if not worker.niced and self._running > 1:
                        worker.yield_processor()  # slow, and others wait on the processor
            reply: Reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker, kill=True)
            return text_reply(503, "query stopped: " + self._died())
        finally:
            with self._lock:  # from here no other thread lowers its priority
                self._running -= 1
                self._began.pop(worker, None)
        if reply.restart or not worker.restore_priority():
            self._replace(worker, kill=False)
        else:
            self._idle.put(worker)
        return reply

    def _yield_to_new(self, now: float) -> None:
        """A query arrives: those running for ``YIELD_TO_NEW`` seconds already give it the
        processor now (the caller holds the lock)."""
        for busy, began in self._began.items():
            if not busy.niced and now - began >= YIELD_TO_NEW:
                busy.yield_processor()

    def _died(self) -> str:
        cap = f" ({self.memory_mb} MB, --memory)" if self.memory_mb > 0 else ""
        return f"its worker process ended, most likely over the memory a query may use{cap}"

    def _busy(self) -> Reply:
        return text_reply(
            503,
            f"all {self.size} query workers are busy; try again shortly",
            **{"Retry-After": str(BUSY_RETRY)},
        )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop(kill=False)


_WORKER_MODULES = ["reportgraph.resultformats", "reportgraph.query", "reportgraph.stores.run"]


def _context(fork: bool) -> Any:
    """forkserver: a worker starts from a clean process that has imported rdflib once, and
    never from a copy of the threaded server (fork would copy its held locks). ``fork``
    (the command line's one query) forks at once when this process runs one thread only,
    so a query does not wait for a new interpreter to import everything."""
    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reportgraph.servepool", *_WORKER_MODULES])
        return context
    return multiprocessing.get_context("spawn")


def _wait(end: float | None) -> float:
    """How long to wait for a worker's answer before looking again (at most ``SLOW``)."""
    return SLOW if end is None else max(0.0, min(SLOW, end - time.monotonic()))


def run_once(store: Store, job: Job) -> Reply:
    """One query in a worker process of its own, killed at the deadline: what
    ``reportgraph query`` runs, so that ``--timeout`` stops a query on any store, one
    long call into C (Oxigraph's evaluator, a regular expression) included."""
    began = time.monotonic()
    limit = job.timeout + GRACE if job.timeout else START_TIMEOUT
    pool = WorkerPool(store, 1, memory_mb=0, queue_wait=0, fork=True, start_timeout=limit)
    store.close()  # the worker opens its own; a fork must not share this one's files
    try:
        try:
            pool.start()  # the time limit covers reading the graph too (--store memory)
        except GraphError:
            if job.timeout and time.monotonic() - began >= job.timeout:
                return text_reply(503, stopped_message(job))
            raise
        return pool.run(job, spent=time.monotonic() - began)
    finally:
        pool.close()


def wait_idle(pool: WorkerPool, count: int, seconds: float) -> bool:
    """Whether ``count`` workers are idle within ``seconds`` (tests: after a restart)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pool._idle.qsize() >= count:
            return True
        time.sleep(0.05)
    return False

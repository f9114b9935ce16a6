"""Guards around running a user's SPARQL: no network and no programs while it runs, and
a time limit.

The query text is checked before it runs (``sparql.py`` refuses ``SERVICE``, ``FROM`` and
``LOAD`` from the parsed algebra); these guards are the second line, for whatever the
check misses. ``offline()`` uses an audit hook (PEP 578): once installed it stays for the
life of the process, so it only acts inside ``offline()`` blocks of the same context.
``time_limit()`` raises into the running thread when time is up, so it stops pure-Python
work such as rdflib's evaluator; a single long call into C is stopped when it returns.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# At most about eleven days: a longer wait overflows the clocks a time limit uses.
MAX_SECONDS = 1_000_000.0

# Audit events that reach the network or start another program.
BLOCKED_EVENTS = frozenset(
    {
        "socket.bind",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyaddr",
        "socket.gethostbyname",
        "socket.sendmsg",
        "socket.sendto",
        "urllib.Request",
        "ftplib.connect",
        "http.client.connect",
        "smtplib.connect",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.system",
        "subprocess.Popen",
        "webbrowser.open",
    }
)


class Blocked(BaseException):
    """Raised by the audit hook inside ``offline()``. A BaseException, so that code which
    swallows errors (rdflib's ``SERVICE SILENT``) cannot swallow it."""


class TimedOut(BaseException):
    """Raised into the thread that overran its ``time_limit()``; a BaseException so that no
    ``except Exception`` in the evaluator can swallow it."""


_ATTEMPTS: ContextVar[list[str] | None] = ContextVar("reportgraph_offline", default=None)
_INSTALLED = False
_INSTALL_LOCK = threading.Lock()


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event in BLOCKED_EVENTS:
        attempts = _ATTEMPTS.get()
        if attempts is not None:
            attempts.append(f"{event} {_describe(args)}".strip())
            raise Blocked(attempts[-1])


def _describe(args: tuple[object, ...]) -> str:
    shown = [arg for arg in args if isinstance(arg, str | bytes | tuple)][:2]
    text = " ".join(repr(arg) if not isinstance(arg, str) else arg for arg in shown)
    return text[:120]


def _install() -> None:
    global _INSTALLED
    with _INSTALL_LOCK:
        if not _INSTALLED:
            sys.addaudithook(_audit)
            _INSTALLED = True


@contextmanager
def offline() -> Iterator[list[str]]:
    """Inside the block, connecting, resolving a host name or starting a program raises
    ``Blocked``; the list yielded collects each attempt, even one that was swallowed."""
    _install()
    attempts: list[str] = []
    token = _ATTEMPTS.set(attempts)
    try:
        yield attempts
    finally:
        _ATTEMPTS.reset(token)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimedOut`` in this thread if the block runs longer than ``seconds`` (None or
    0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"open": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["open"]:
                state["fired"] = True
                _raise_in(target, TimedOut)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["open"] = False
            if state["fired"]:
                _raise_in(target, None)  # withdraw one not delivered yet


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    """CPython's PyThreadState_SetAsyncExc; None withdraws a pending exception."""
    exc = ctypes.py_object(exc_type) if exc_type is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exc)

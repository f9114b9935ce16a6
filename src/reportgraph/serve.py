"""``reportgraph serve``: a read-only SPARQL 1.1 protocol endpoint over any store, so that
YASGUI, Protégé and other SPARQL clients can query the graph.

It binds 127.0.0.1 unless told otherwise, sends no CORS header unless an origin is named
(a web page elsewhere could otherwise read the reports), and runs each query through the
same checks as ``reportgraph query``: updates, ``SERVICE``, ``FROM``, ``LOAD`` and the
protocol's own ``default-graph-uri`` / ``named-graph-uri`` are refused, and every query has
a time limit and a row limit.

A person with a browser gets the query page at ``/`` and the graph view at ``/view``; a
client that asks the endpoint for nothing gets its service description (``servepage``).
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from reportgraph.errors import GraphError
from reportgraph.resultformats import MEDIA_TYPES, NotAcceptable, render_graph
from reportgraph.servepage import (
    PAGE_CSP,
    PARAM,
    VIEW,
    query_page,
    service_description,
    view_csp,
    wants_page,
)  # fmt: skip
from reportgraph.servepool import MEMORY_MB, TRUNCATED, Job, WorkerPool, default_workers
from reportgraph.sparql import DEFAULT_LIMIT, DEFAULT_TIMEOUT, PAGE_LIMIT
from reportgraph.stores.base import Store

PATH = "/sparql"
MAX_BODY = 1 << 20  # bytes of a POSTed query
LOOPBACK = ("127.0.0.1", "localhost", "::1")
REQUEST_TIMEOUT = 10.0  # seconds a client has to send a whole request (F19)
MAX_CONNECTIONS = 64  # connections served at once; more get 503 (F19)
SECURITY_HEADERS = {  # F37: on every response
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "X-Frame-Options": "DENY",
}


class Refused(Exception):
    """A request the endpoint will not run, with the HTTP status to say so."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = DEFAULT_LIMIT,
    cors: str | None = None,
    log: Callable[[str], None] | None = None,
    workers: int | None = None,
    memory_mb: int = MEMORY_MB,
    request_timeout: float = REQUEST_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    view: Path | None = None,
) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL at ``/sparql`` (call ``serve_forever``); port 0
    picks a free one (``server.server_address``). Its ``workers`` query processes have
    opened the store when this returns (by default 8 on an on-disk store, 4 in memory, where
    each holds a copy of the graph); ``server_close`` ends them. ``view`` is a page
    ``reportgraph view`` wrote, sent at ``/view`` for the query page to link to."""
    pool = WorkerPool(store, workers or default_workers(store), memory_mb=memory_mb, log=log)
    pool.start()

    class Handler(_Handler):
        pass

    allowed = {name.lower() for name in (*LOOPBACK, host.strip("[]"))}
    Handler.settings = {"timeout": timeout, "limit": limit, "cors": cors, "log": log,
                        "pool": pool, "hosts": allowed,
                        "request_timeout": request_timeout, "view": view}  # fmt: skip
    try:
        server = _Server((host, port), Handler, pool, max_connections, log)
    except OSError as exc:
        pool.close()
        raise GraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    Handler.settings["port"] = server.server_address[1]
    return server


class _Server(ThreadingHTTPServer):
    """A thread per connection, at most ``max_connections`` of them; errors are one line."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        pool: WorkerPool,
        max_connections: int,
        log: Callable[[str], None] | None,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.pool = pool
        self._slots = threading.BoundedSemaphore(max_connections)
        self._log = log

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):  # F19: no thread for every connection
            with contextlib.suppress(OSError):
                request.sendall(_TOO_MANY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, never a traceback on the server's stderr (F21)."""
        exc = sys.exc_info()[1]
        if self._log is not None:
            self._log(f"{client_address[0]} error: {type(exc).__name__}: {exc}")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


_TOO_MANY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 21\r\nRetry-After: 5\r\nX-Content-Type-Options: nosniff\r\n"
    b"Connection: close\r\n\r\ntoo many connections\n"
)


class _DeadlineReader:
    """The request's input, with one deadline for the whole request line, headers and
    body: a client that sends a byte now and then (slowloris) is dropped when it passes."""

    def __init__(self, raw: Any, sock: socket.socket, seconds: float) -> None:
        self._raw = raw
        self._sock = sock
        self._seconds = seconds
        self._deadline = time.monotonic() + seconds

    def restart(self) -> None:
        self._deadline = time.monotonic() + self._seconds

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self._sock.settimeout(left)

    def readline(self, size: int = -1) -> bytes:
        self._arm()
        try:
            return self._raw.readline(size)
        finally:
            self._sock.settimeout(self._seconds)  # for writing the answer

    def read(self, size: int = -1) -> bytes:
        self._arm()
        try:
            return self._raw.read(size)
        finally:
            self._sock.settimeout(self._seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _Handler(BaseHTTPRequestHandler):
    settings: dict[str, Any]
    server_version = "reportgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.0"  # F21: a garbled request line still gets a status line
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"

    def setup(self) -> None:
        self.timeout = self.settings["request_timeout"]
        super().setup()
        self.rfile = _DeadlineReader(self.rfile, self.connection, self.timeout)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        self.rfile.restart()  # type: ignore[attr-defined]
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # F21: a bug here is one line in the log, and a 500
            self.log_error("error: %s: %s", type(exc).__name__, exc)
            self.close_connection = True
            with contextlib.suppress(OSError):
                self._reply_text(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error\n")

    def version_string(self) -> str:
        return self.server_version  # F37: no Python version for anyone probing

    csp: str | None = None  # a page's own policy, for the response being written

    def end_headers(self) -> None:
        """F37: every response, errors included, carries the same hardening headers (a
        page sets its own Content-Security-Policy, as strict: no script but by hash)."""
        for name, value in SECURITY_HEADERS.items():
            if name == "Content-Security-Policy" and self.csp:
                value = self.csp
            self.send_header(name, value)
        self.csp = None
        super().end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if not self._allowed():
            return
        form = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self._page(form)
        elif url.path == VIEW and self.settings["view"] is not None:
            self._view(self.settings["view"])
        elif url.path == PATH and not form:
            self._describe()
        elif self._at_endpoint(url.path):
            self._handle(form, None)

    def _page(self, form: dict[str, list[str]]) -> None:
        """The query page; with ``name=`` (and ``p.PARAM=`` values) a named query's answer."""
        from reportgraph.query import get_query, list_queries

        settings = self.settings
        name = (form.get("name") or [""])[0]
        chosen = get_query(name) if name else None
        values = {key[len(PARAM) :]: v[0] for key, v in form.items() if key.startswith(PARAM)}
        answer, error, cut = None, None, None
        rows = min(settings["limit"] or PAGE_LIMIT, PAGE_LIMIT)  # a page, as `query` prints
        if name and chosen is None:
            error = f"no named query {name!r}"
        elif chosen is not None:
            reply = settings["pool"].run(
                Job(chosen.text, "application/sparql-results+json", settings["timeout"],
                    rows, tuple(sorted(values.items())))
            )  # fmt: skip
            if reply.status == 200:
                answer = json.loads(reply.body)
                cut = rows if TRUNCATED in reply.headers else None
            else:
                error = reply.body.decode("utf-8", errors="replace").strip()
        page = query_page(
            list_queries(), chosen=chosen, values=values, answer=answer, error=error,
            view=settings["view"] is not None, cut=cut,
        )  # fmt: skip
        status = HTTPStatus.NOT_FOUND if name and chosen is None else HTTPStatus.OK
        self._reply(status, "text/html", page, csp=PAGE_CSP)

    def _view(self, path: Path) -> None:
        """The view page under the policy its own <meta> declares (scripts by hash)."""
        try:
            page = path.read_bytes()
        except OSError:
            self._reply_text(HTTPStatus.NOT_FOUND, "no view page: run `reportgraph view`\n")
            return
        self._reply(HTTPStatus.OK, "text/html", page, csp=view_csp(page))

    def _describe(self) -> None:
        """The endpoint without a query: its service description (a browser is sent to
        the query page)."""
        accept = self.headers.get("Accept", "")
        if wants_page(accept):
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        host = self.headers.get("Host", "127.0.0.1")
        graph = service_description(f"http://{host}{PATH}", MEDIA_TYPES)
        try:
            kind, data = render_graph(graph, accept)
        except NotAcceptable as exc:
            self._refuse(HTTPStatus.NOT_ACCEPTABLE, str(exc))
            return
        self._reply(HTTPStatus.OK, kind, data)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if not self._allowed() or not self._at_endpoint(url.path):
            self.close_connection = True  # the body was not read
            return
        body = self._body()
        if body is None:
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/x-www-form-urlencoded":
            form.update(parse_qs(body, keep_blank_values=True))
            self._handle(form, None)
        elif kind == "application/sparql-query":
            self._handle(form, body)
        elif kind == "application/sparql-update":
            self._refuse(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no updates")
        else:
            self._refuse(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query or a form with query=",
            )

    def do_OPTIONS(self) -> None:
        if not self._allowed():
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _at_endpoint(self, path: str) -> bool:
        if path != PATH:
            self._reply_text(HTTPStatus.NOT_FOUND, f"the SPARQL endpoint is {PATH}\n")
        return path == PATH

    def _body(self) -> str | None:
        """The POSTed body, or None once the request is refused (F17: a length that is
        missing, negative or not a number is never read to the end of the stream)."""
        self.close_connection = True  # until the body is read whole
        if self.headers.get("Transfer-Encoding"):
            self._refuse(HTTPStatus.LENGTH_REQUIRED, "send the query with a Content-Length")
            return None
        given = self.headers.get_all("Content-Length") or []
        if not given:
            self._refuse(HTTPStatus.LENGTH_REQUIRED, "send the query with a Content-Length")
            return None
        text = given[0].strip()
        if len(set(given)) != 1 or not text.isdigit() or not text.isascii():
            self._refuse(HTTPStatus.BAD_REQUEST, "Content-Length is not a number of bytes")
            return None
        length = int(text)
        if length > MAX_BODY:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                         f"query too long (at most {MAX_BODY:,} bytes)")  # fmt: skip
            return None
        data = self.rfile.read(length)
        if len(data) < length:
            self._refuse(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
            return None
        self.close_connection = False
        return data.decode("utf-8", errors="replace")

    def _allowed(self) -> bool:
        """F20: a Host of our own (no DNS rebinding) and no web page of another origin
        (no cross-site requests) unless ``--cors`` names it."""
        problem = self._host_problem() or self._origin_problem()
        if problem is None:
            return True
        self.close_connection = True
        status, message = problem
        self._refuse(status, message)
        return False

    def _host_problem(self) -> tuple[HTTPStatus, str] | None:
        host = self.headers.get("Host")
        if host is None:
            return HTTPStatus.BAD_REQUEST, "a Host header is required"
        name = _host_name(host)
        if name is None:
            return HTTPStatus.BAD_REQUEST, "the Host header is not a host name"
        if name not in self.settings["hosts"]:
            return HTTPStatus.FORBIDDEN, (
                f"Host {_printable(host)} is not this server's name (use 127.0.0.1, localhost "
                "or the --host address)"
            )
        return None

    def _origin_problem(self) -> tuple[HTTPStatus, str] | None:
        cors = self.settings["cors"]
        origin = self.headers.get("Origin")
        if origin is not None:
            if cors == "*" or origin == cors or self._own_origin(origin):
                return None
            return HTTPStatus.FORBIDDEN, (
                f"requests from web pages at {_printable(origin)} are refused "
                "(--cors names the one origin allowed)"
            )
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site in ("cross-site", "same-site") and cors != "*":
            return HTTPStatus.FORBIDDEN, "requests from other web sites are refused (see --cors)"
        return None

    def _own_origin(self, origin: str) -> bool:
        url = urlsplit(origin)
        try:
            port = url.port or 80
        except ValueError:
            return False
        hostname = (url.hostname or "").lower()
        return (
            url.scheme == "http"
            and hostname in self.settings["hosts"]
            and (port == self.settings["port"])
        )

    def _handle(self, form: dict[str, list[str]], body: str | None) -> None:
        settings = self.settings
        try:
            if "update" in form:
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no updates")
            if "default-graph-uri" in form or "named-graph-uri" in form:
                raise Refused(
                    HTTPStatus.BAD_REQUEST,
                    "default-graph-uri and named-graph-uri are not allowed: queries run on "
                    "the loaded graph (use GRAPH in the query)",
                )
            texts = [body] if body is not None else form.get("query", [])
            if len(texts) != 1 or not texts[0].strip():
                raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
        except Refused as exc:
            self._refuse(exc.status, str(exc))
            return
        pool: WorkerPool = settings["pool"]
        reply = pool.run(
            Job(texts[0], self.headers.get("Accept", ""), settings["timeout"], settings["limit"])
        )
        self._reply(HTTPStatus(reply.status), reply.media, reply.body, headers=reply.headers)

    def _reply(
        self, status: HTTPStatus, media: str, body: bytes, *, csp: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.send_response(status)
        self._cors_headers()
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.csp = csp
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._reply_text(status, message.rstrip("\n") + "\n")

    def _reply_text(self, status: HTTPStatus, text: str) -> None:
        close = {"Connection": "close"} if self.close_connection else {}
        self._reply(status, "text/plain", text.encode("utf-8"), headers=close)

    def _cors_headers(self) -> None:
        if self.settings["cors"]:
            self.send_header("Access-Control-Allow-Origin", self.settings["cors"])

    def log_message(self, format: str, *args: Any) -> None:
        log = self.settings["log"]
        if log is not None:
            log(_printable(f"{self.address_string()} {format % args}"))


def _host_name(host: str) -> str | None:
    """The name in a Host header (``[::1]:7878`` -> ``::1``), or None if it is not one."""
    try:
        url = urlsplit("//" + host.strip())
        _ = url.port
    except ValueError:
        return None
    if url.hostname is None or url.username is not None or url.path or url.query:
        return None
    return url.hostname.lower()


def _printable(text: str) -> str:
    """A header's text with control characters escaped, for messages and the log."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:200])


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")

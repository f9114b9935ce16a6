"""Real SPARQL servers for the store tests, started on loopback ports in a temporary folder
and stopped by their process id: the Oxigraph server (PyPI ``oxigraph``) and Debian's
Virtuoso (``make test`` installs it with apt when run as root). A test that cannot get a
server skips and says why."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_SECONDS = 60.0  # the longest a server may take to answer its first query


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Ask ``ASK {}`` until the server answers (at most START_SECONDS, every 0.2 s)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.skip(f"the server stopped at start (exit {process.returncode}): {_tail(log)}")
        try:
            with opener.open(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.skip(f"the server did not answer within {START_SECONDS:g} s: {_tail(log)}")


def _tail(log: Path) -> str:
    try:
        lines = log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(lines[-3:]) or "(empty log)"


@contextmanager
def running(command: list[str], url: str, log: Path) -> Iterator[str]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """Yields the base URL (``/query``, ``/update``, ``/store`` under it)."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no Oxigraph server: pip install oxigraph (the test extra pins it)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--location", str(folder / "db"), "--bind",
               f"127.0.0.1:{port}", "--union-default-graph"]  # fmt: skip
    with running(command, base + "/query", folder / "oxigraph.log"):
        yield base


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Yields the SPARQL endpoint URL of a fresh Virtuoso whose anonymous SPARQL user may
    update (``GRANT SPARQL_UPDATE``)."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        pytest.skip(
            "no Virtuoso: `make test` installs Debian's virtuoso-opensource with apt when run "
            "as root (apt-get install virtuoso-opensource)"
        )
    db = folder / "virtuoso"
    db.mkdir()
    sql_port, http_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port))
    url = f"http://127.0.0.1:{http_port}/sparql"
    with running([server, "-c", str(ini), "+foreground"], url, db / "console.log"):
        granted = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba",
             'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        if granted.returncode != 0:
            pytest.skip(f"isql-vt could not grant SPARQL_UPDATE: {granted.stderr.strip()}")
        yield url

"""Writing outputs so that a reader, or an interrupted build, never sees half a file."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from reportgraph.errors import ReportgraphError

Chunks = str | bytes | Iterable[str] | Iterable[bytes]  # a file's content, whole or in parts


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: Chunks, head: Callable[[], str] | None = None) -> None:
    """Write beside ``path`` then rename over it: readers see the old file or the new one.
    ``data`` may come in chunks, so that a big file is never one string in memory; with
    ``head``, what it returns once every chunk is made goes before them (the prefix lines
    of a Turtle file are known only at its end)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ReportgraphError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if head is None:
                _write(handle, data)
            else:
                with tempfile.TemporaryFile(dir=path.parent) as body:
                    _write(body, data)
                    handle.write(head().encode("utf-8"))
                    body.seek(0)
                    shutil.copyfileobj(body, handle, 1 << 20)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp's 0600 would make shared outputs private
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReportgraphError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _write(handle: BinaryIO, data: Chunks) -> None:
    for chunk in (data,) if isinstance(data, (str, bytes)) else data:
        handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def write_output(path: Path, data: str | bytes) -> None:
    """Write a file the user named with ``--out``. A symbolic link is written through (its
    target is replaced atomically, the link stays); a device, FIFO or ``/dev/stdout`` is
    written into directly. Replacing the name itself, as ``write_atomic`` does, would put
    a regular file where ``/dev/stdout`` was. (Build outputs and the cache keep
    ``write_atomic``: there a planted link must never lead a write elsewhere.)"""
    path = Path(path)
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ReportgraphError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ReportgraphError(f"{path}: cannot write: is a folder, not a file")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(path, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as exc:
            raise ReportgraphError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    write_atomic(path, data)

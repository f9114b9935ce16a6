"""PDF -> text of every page, and the info dictionary's title; damage pypdf only logs is
kept to explain a PDF without text."""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib
from pathlib import Path

from reportgraph.errors import IngestError
from reportgraph.ingest.metadata import Hints, fold


def pdf_text(data: bytes, path: Path) -> tuple[str, Hints]:
    """Text of every page, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    if not data.strip():
        raise IngestError(path, "empty document")
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (no %%EOF marker at the end)")
    broken = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)
    complaints = _Complaints()
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(complaints)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = reader.metadata.title if reader.metadata else None
    except IngestError:
        raise
    except DependencyError as exc:  # AES needs the cryptography package, not installed
        raise IngestError(
            path, "encrypted PDF (AES; reading it needs the cryptography package)"
        ) from exc
    except (*broken, OSError, RecursionError, struct.error, zlib.error) as exc:
        raise IngestError(path, f"corrupt PDF: {exc}") from exc
    finally:
        pypdf_log.removeHandler(complaints)
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip() and complaints.messages:
        raise IngestError(path, f"corrupt PDF: {complaints.messages[0]}")
    if not text.strip():
        raise IngestError(path, "no text (a scanned PDF without a text layer?)")
    return text, Hints(title=_pdf_title(info_title))


class _Complaints(logging.Handler):
    """pypdf repairs what it can and only logs the damage; keep it to explain no text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[:200])


def _pdf_title(value: object) -> str | None:
    """The info-dictionary title, unless it is an authoring tool's file name."""
    title = fold(str(value)) if value else ""
    if not title or re.search(r"\.(docx?|pdf|odt|rtf|tex|indd)$|^Microsoft ", title, re.I):
        return None
    return title

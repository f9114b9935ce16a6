"""Paths -> Documents: find the files, decode them, drop page furniture, read what the
text says about its own title, date and publisher.

One module per job: ``find`` (which files), ``decode`` (bytes to clean text),
``html_text`` and ``pdf_text`` (formats), ``furniture`` (menus), ``metadata`` (title,
date, publisher) and ``read`` (one file to one Document). Everything is rule-based and
general: no rule names a site, an organisation or a line of any particular document.
Lines that are kept are kept verbatim, so sentences quoted from ``Document.text`` stay
exact substrings of the original file (modulo line endings).
"""

from reportgraph.dates import DateMatch, dateline
from reportgraph.dates import explicit_dates as find_dates
from reportgraph.ingest.decode import declared_charset as _declared_charset
from reportgraph.ingest.decode import (
    decode_bytes,
    normalise_newlines,
    repair_mojibake,
    strip_invisible,
)
from reportgraph.ingest.find import CORPUS_NOTES, MEDIA_TYPES, SUPPORTED_SUFFIXES, collect_paths
from reportgraph.ingest.furniture import TOP_LINES, is_menu_line, strip_boilerplate
from reportgraph.ingest.metadata import find_date, find_publisher, find_title, markdown_title
from reportgraph.ingest.read import (
    MAX_BYTES,
    MAX_LINE,
    document_of,
    read_bounded,
    read_bytes,
    read_document,
)
from reportgraph.prose import is_prose

__all__ = [
    "CORPUS_NOTES",
    "MAX_BYTES",
    "MAX_LINE",
    "MEDIA_TYPES",
    "SUPPORTED_SUFFIXES",
    "TOP_LINES",
    "DateMatch",
    "_declared_charset",
    "collect_paths",
    "dateline",
    "decode_bytes",
    "document_of",
    "find_date",
    "find_dates",
    "find_publisher",
    "find_title",
    "is_menu_line",
    "is_prose",
    "markdown_title",
    "normalise_newlines",
    "read_bounded",
    "read_bytes",
    "read_document",
    "repair_mojibake",
    "strip_boilerplate",
    "strip_invisible",
]

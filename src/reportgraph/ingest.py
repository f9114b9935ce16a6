"""Paths -> Documents: find the files, decode them, drop page furniture, read what the
text says about its own title, date and publisher.

Everything here is rule-based and general: no rule names a site, an organisation or a
line of any particular document. A rule that is unsure returns ``None`` rather than guess.
Lines that are kept are kept verbatim, so sentences quoted from ``Document.text`` stay
exact substrings of the original file (modulo line endings).
"""

from __future__ import annotations

import bisect
import codecs
import errno
import functools
import hashlib
import io
import logging
import os
import re
import stat
import struct
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path

from reportgraph.errors import IngestError
from reportgraph.model import Document

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}

# Files that describe a corpus rather than report on anything; skipped when walking folders.
CORPUS_NOTES = frozenset({"sources.md", "readme.md"})

# How far from the top a title or dateline may be (non-blank lines, after boilerplate).
TOP_LINES = 40

# Bigger files are refused before they are read (``build --max-size`` raises the limit).
MAX_BYTES = 50 * 2**20
# A line this long is not running text (a dump, a minified page): the extractors would
# spend minutes on it, and the model takes at most a million characters at once.
MAX_LINE = 100_000


# --------------------------------------------------------------------------------------
# Collecting paths
# --------------------------------------------------------------------------------------


def collect_paths(
    paths: Iterable[Path | str],
    *,
    follow_links: bool = False,
    skip: Iterable[Path | str] = (),
) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into the list of documents to read, plus what went wrong.

    A file named directly is taken if its suffix is supported (``SUPPORTED_SUFFIXES``,
    any case), hidden or not; otherwise it is a problem. A folder is walked recursively
    in sorted name order (folders are entered where their name falls), skipping hidden
    entries (names starting with ``.``), files of unsupported types, and files named
    ``SOURCES.md`` or ``README.md`` at any level: those describe a corpus, they are not
    reports. A symbolic link met in a folder is followed only when it leads inside one of
    the paths named (or with ``follow_links``): an untrusted corpus must not publish
    ``~/notes.md`` through a link named ``report.txt``; one that leads outside is a
    problem. A file reached twice (named twice, or through a symbolic link) is taken
    once. Missing paths, unreadable folders, broken links and symbolic-link loops become
    ``IngestError`` entries in the problems list; the other paths are still collected.
    A folder met in a walk that is one of ``skip`` (the build's output folder) or holds
    a build's cache (``.cache/extract``) is passed over: ``build .`` must not read its
    own pages back as reports.
    """
    named = [Path(raw) for raw in paths]
    walk = _Walk(follow_links=follow_links, inside=_real_paths(named), skip=_identities(skip))
    for path in named:
        try:
            st = path.stat()
        except OSError as exc:
            walk.problems.append(IngestError(path, _stat_problem(path, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.folder(path, st, frozenset())
        elif not stat.S_ISREG(st.st_mode):
            walk.problems.append(IngestError(path, "not a regular file or folder"))
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            walk.problems.append(IngestError(path, _unsupported(path)))
        else:
            walk.take(path, st)
    return walk.found, walk.problems


def _identities(paths: Iterable[Path | str]) -> set[tuple[int, int]]:
    found = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return found


# What marks a folder as a build's output folder (``batch.CACHE_DIR``/extract).
_OUTPUT_MARK = Path(".cache") / "extract"


def _is_output(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(folder / _OUTPUT_MARK).st_mode)
    except OSError:  # none, or not ours to look into
        return False


def _real_paths(paths: list[Path]) -> list[str]:
    """The paths named, links resolved: where a link met in a folder may lead."""
    real = []
    for path in paths:
        try:
            real.append(os.path.realpath(path, strict=True))
        except (OSError, RuntimeError):  # missing, or a loop: reported when walked
            continue
    return real


@dataclass
class _Walk:
    """What a folder walk found so far, and where links may lead (see ``collect_paths``)."""

    follow_links: bool
    inside: list[str]
    skip: set[tuple[int, int]] = field(default_factory=set)  # output folders
    found: list[Path] = field(default_factory=list)
    problems: list[IngestError] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def take(self, path: Path, st: os.stat_result) -> None:
        if (st.st_dev, st.st_ino) not in self.seen:
            self.seen.add((st.st_dev, st.st_ino))
            self.found.append(path)

    def folder(
        self, folder: Path, st: os.stat_result, ancestors: frozenset[tuple[int, int]]
    ) -> None:
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            self.problems.append(
                IngestError(folder, "symbolic link loop: leads back to a folder above")
            )
            return
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            self.problems.append(IngestError(folder, f"cannot read folder: {_reason(exc)}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = folder / entry.name
            try:
                child_st = child.stat()
            except OSError as exc:
                self.problems.append(IngestError(child, _stat_problem(child, exc)))
                continue
            is_folder = stat.S_ISDIR(child_st.st_mode)
            if not is_folder and not _wanted_in_folder(child, child_st):
                continue
            if entry.is_symlink() and not self._leads_inside(child):
                what = "folder" if is_folder else "file"
                self.problems.append(
                    IngestError(
                        child,
                        f"symbolic link to a {what} outside the input folders "
                        "(use --follow-links to read it)",
                    )
                )
            elif is_folder:
                if (child_st.st_dev, child_st.st_ino) in self.skip or _is_output(child):
                    continue  # a build's output folder, not reports
                self.folder(child, child_st, ancestors | {key})
            else:
                self.take(child, child_st)

    def _leads_inside(self, link: Path) -> bool:
        """Does ``link`` resolve inside one of the paths named (always, with
        ``follow_links``)?"""
        if self.follow_links:
            return True
        try:
            target = os.path.realpath(link, strict=True)
        except (OSError, RuntimeError):
            return False
        return any(
            target == root or target.startswith(root.rstrip(os.sep) + os.sep)
            for root in self.inside
        )


def _wanted_in_folder(path: Path, st: os.stat_result) -> bool:
    return (
        stat.S_ISREG(st.st_mode)
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.name.casefold() not in CORPUS_NOTES
    )


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return _reason(exc)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _unsupported(path: Path) -> str:
    kind = repr(path.suffix) if path.suffix else "no suffix"
    return f"unsupported file type ({kind}); supported: {', '.join(SUPPORTED_SUFFIXES)}"


# --------------------------------------------------------------------------------------
# Reading one document
# --------------------------------------------------------------------------------------


def read_document(path: Path | str, max_bytes: int | None = MAX_BYTES) -> Document:
    """Read one file into a Document; raise IngestError naming the file and the problem.

    Files over ``max_bytes`` (None: no limit) are refused before they are read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise IngestError(path, _unsupported(path))
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        # The name becomes the document's IRI and rg:fileName, which must be Unicode.
        raise IngestError(path, "file name is not valid UTF-8 (rename the file)") from None
    data = read_bounded(path, max_bytes)
    hints = _Hints()
    if suffix == ".pdf":
        raw_text, hints = _pdf_text(data, path)
    elif suffix in (".html", ".htm"):
        raw_text, hints = _html_text(decode_bytes(data, path, _declared_charset(data)), path)
    else:
        raw_text = decode_bytes(data, path)
    raw_text = normalise_newlines(raw_text)
    _check_line_lengths(raw_text, path)
    # after the repair: mojibake is made of C1 controls and soft hyphens ("Ã\xad" is "í")
    text = strip_boilerplate(strip_invisible(repair_mojibake(raw_text)))
    if not text.strip():
        raise IngestError(path, "empty document (nothing but navigation lines)")
    if hints.title or hints.publisher:
        hints = _Hints(
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


def read_bounded(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, at most ``max_bytes`` of them: a file over the limit is refused
    unread when its size says so, and after ``max_bytes + 1`` bytes when it lies (a
    never-ending ``/proc`` file reports size 0). The opened descriptor is checked, not
    the path, and it is opened without blocking, so a FIFO or device swapped in after
    the folder walk is refused rather than waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {_reason(exc)}") from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(path, "not a regular file")
            if max_bytes is not None and st.st_size > max_bytes:
                raise IngestError(path, _too_large(st.st_size, max_bytes))
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as exc:
            raise IngestError(path, f"cannot read file: {_reason(exc)}") from exc
    if max_bytes is not None and len(data) > max_bytes:
        raise IngestError(
            path,
            f"larger than the limit of {max_bytes / 2**20:,.1f} MB "
            "(its size said less; see build --max-size)",
        )
    return data


@functools.cache
def _invisible() -> re.Pattern[str]:
    """Control characters but tab and newline, format characters (bidi controls,
    zero-width spaces and joiners, soft hyphens, tags) and noncharacters, from the
    running Python's Unicode tables (planes 0, 1 and 14 hold every format character)."""
    codes = [
        code
        for plane in (range(0x20000), range(0xE0000, 0xE1000))
        for code in plane
        if unicodedata.category(chr(code)) in ("Cc", "Cf")
    ]
    codes = [c for c in codes if c not in (0x09, 0x0A)]
    codes += [
        *range(0xFDD0, 0xFDF0),
        *(p * 0x10000 + low for p in range(17) for low in (0xFFFE, 0xFFFF)),
    ]
    codes.sort()
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    body = "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return re.compile(f"[{body}]+")


def strip_invisible(text: str) -> str:
    """Drop what a reader cannot see but a program treats as text: NUL, escape sequences,
    bidi overrides (U+202E turns what follows around), zero-width characters and
    noncharacters (U+FFFE). Left in, they split one name into two that look alike, take
    over a name's label, and break XML exports. Form feeds and vertical tabs become line
    ends; tab and newline stay. Done before anything quotes the text, so evidence stays
    an exact quote of it."""
    text = text.replace("\f", "\n").replace("\v", "\n")
    return _invisible().sub("", text)


@dataclass(frozen=True)
class _Hints:
    """What a format's own metadata says (HTML <title> and <meta>, PDF info)."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def repair_mojibake(text: str) -> str:
    """Undo text that was decoded with the wrong codec before it reached us ("â€œ" for
    "\u201c", "Ã©" for "\u00e9"), line by line with ftfy's encoding fixes only: quotes,
    character widths and normal forms are left alone, so evidence stays an exact quote."""
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text
    return "\n".join(fix_encoding(line) if is_bad(line) else line for line in text.split("\n"))


# --- decoding --------------------------------------------------------------------------

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control bytes that never occur in text (tab, newlines, form feed and escape may).
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_BINARY = "looks like a binary file, not text"


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Bytes -> str: byte-order mark, then strict UTF-8, then a declared charset, then
    charset-normalizer's best guess. Binary and empty content are refused."""
    if not data.strip():
        raise IngestError(path, "empty document")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"not valid {codec} despite its byte-order mark") from exc
            return _checked_text(text, path)
    if _looks_binary(data):
        raise IngestError(path, _BINARY)
    try:
        return _checked_text(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _checked_text(data.decode(declared), path)
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _best_guess(data)
    if guess is None:
        raise IngestError(path, _BINARY)
    return _checked_text(guess, path)


def _best_guess(data: bytes) -> str | None:
    """charset-normalizer's pick, with two tie-breaks for short texts. Windows-1252 wins a
    tie: Central European code pages score the same and turn "à" into "ŕ". Among East
    Asian codecs scoring about the same, the reading with the fewest rare characters wins:
    a line of Shift-JIS read as CP949 is all Hangul syllables that Korean never writes."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    if _rare_characters(str(best)):
        close = [m for m in results if m.chaos <= best.chaos + _CHAOS_TIE]
        return str(min(close, key=lambda match: _rare_characters(str(match))))
    for match in results:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01
        if tied and "cp1252" in match.could_be_from_charset:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(best)


_CHAOS_TIE = 0.05
# Lone Hangul letters, halfwidth katakana and private-use characters: what a wrong East
# Asian codec produces.
_RARE_RANGES = ((0x3131, 0x318E), (0xFF61, 0xFF9F), (0xE000, 0xF8FF))


def _rare_characters(text: str) -> int:
    """How many characters of the sample a real text would hardly contain: lone Hangul
    letters, halfwidth katakana, private use, and Hangul syllables outside the 2,350 of
    KS X 1001 (EUC-KR)."""
    rare = 0
    for ch in text[:4096]:
        code = ord(ch)
        if code < 0x3000:
            continue
        if 0xAC00 <= code <= 0xD7A3:
            rare += not _common_hangul(ch)
        else:
            rare += any(low <= code <= high for low, high in _RARE_RANGES)
    return rare


@functools.cache
def _common_hangul(ch: str) -> bool:
    """One of KS X 1001's syllables: two bytes in EUC-KR (the codec spells the others
    out as eight-byte jamo sequences)."""
    try:
        return len(ch.encode("euc-kr")) == 2
    except UnicodeEncodeError:
        return False


def _looks_binary(data: bytes) -> bool:
    """A NUL byte, or more than 5% of control bytes that text never contains."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def _checked_text(text: str, path: Path) -> str:
    """Refuse empty and binary-looking text. Mojibake of Asian scripts is full of C1 control
    characters (UTF-8 read as Latin-1), so text is judged after repair."""
    if not text.strip():
        raise IngestError(path, "empty document")
    if "\x00" in text:
        raise IngestError(path, _BINARY)
    if _SURROGATE.search(text):
        raise IngestError(path, "text with lone surrogates (not Unicode text)")
    if _too_many_controls(text) and _too_many_controls(repair_mojibake(text[:65536])):
        raise IngestError(path, _BINARY)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _too_many_controls(text: str) -> bool:
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v\x1b"
    )
    return controls > 0.05 * len(sample)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# What browsers do: a page that says Latin-1 or ASCII is decoded as Windows-1252.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252"}
_CHARSET_ALIASES |= {"us-ascii": "cp1252", "ascii": "cp1252"}


# The encodings of the WHATWG Encoding Standard (what a browser reads), by Python's name
# for them. A page may name only these: any other Python codec (``unicode_escape``,
# ``utf-7``, ``punycode``, ``rot13``) would let the page choose how its bytes become
# text (lone surrogates, made-up characters). UTF-16 is read only from a byte-order
# mark, as browsers do.
_WHATWG_CODECS = frozenset(
    {"utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "cp874", "mac-cyrillic", "gbk"}
    | {f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)}
    | {f"cp{n}" for n in range(1250, 1259)}
    | {"gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932"}
    | {"euc_kr", "cp949"}
)


def _declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` names, if it is a WHATWG encoding."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return name if codec in _WHATWG_CODECS else None


# --- HTML ------------------------------------------------------------------------------

_DROPPED_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "form",
    "template",
)
_BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "caption", "dd", "div", "dl", "dt"}
    | {"figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main"}
    | {"ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_META_DATE = (
    "article:published_time",
    "citation_publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "pubdate",
    "publish-date",
)
_META_PUBLISHER = ("dc.publisher", "dcterms.publisher", "citation_publisher", "og:site_name")
_META_PUBLISHER += ("publisher",)


def _html_text(markup: str, path: Path) -> tuple[str, _Hints]:
    """Visible text with one block element per paragraph, and what the page says of itself."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = _fold(soup.title.get_text()) if soup.title else ""
    if not title and (h1 := soup.find("h1")):
        title = _fold(h1.get_text())
    hints = _Hints(
        title=title or None,
        date=_html_meta_date(soup),
        publisher=_html_meta(soup, _META_PUBLISHER),
    )
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    body = soup.body or soup
    pieces: list[str] = []
    _html_pieces(body, pieces, in_pre=False)
    text = _tidy_blocks("".join(pieces))
    if not text.strip():
        raise IngestError(path, "no text (nothing left after removing scripts and navigation)")
    return text, hints


def _html_pieces(root: object, pieces: list[str], in_pre: bool) -> None:
    """The text of ``root`` in document order, a blank line around each block element.
    A loop with its own stack, not recursion: a page nested a thousand tags deep must
    not reach Python's recursion limit."""
    from bs4 import Comment, NavigableString, Tag

    # Either a node to visit (with whether it is inside <pre>) or a string to emit.
    stack: list[tuple[object, bool] | str] = [(root, in_pre)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        node, pre = item
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            pieces.append(str(node) if pre else re.sub(r"\s+", " ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in ("head", "title"):
            continue
        if node.name == "br":
            pieces.append("\n")
            continue
        block = node.name in _BLOCK_TAGS
        if block:
            pieces.append("\n\n")
            stack.append("\n\n")
        inner = pre or node.name == "pre"
        stack.extend((child, inner) for child in reversed(list(node.children)))


def _tidy_blocks(text: str) -> str:
    lines = [line.strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _html_meta(soup: object, names: tuple[str, ...]) -> str | None:
    for meta in soup.find_all("meta"):  # type: ignore[attr-defined]
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = _fold(meta.get("content") or "")
        if key in names and content and not content.startswith(("http://", "https://")):
            return content
    return None


def _html_meta_date(soup: object) -> str | None:
    content = _html_meta(soup, _META_DATE)
    if not content:
        return None
    found = find_dates(content)
    return found[0].iso if found else None


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- PDF -------------------------------------------------------------------------------


def _pdf_text(data: bytes, path: Path) -> tuple[str, _Hints]:
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
    return text, _Hints(title=_pdf_title(info_title))


class _Complaints(logging.Handler):
    """pypdf repairs what it can and only logs the damage; keep it to explain no text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[:200])


def _pdf_title(value: object) -> str | None:
    """The info-dictionary title, unless it is an authoring tool's file name."""
    title = _fold(str(value)) if value else ""
    if not title or re.search(r"\.(docx?|pdf|odt|rtf|tex|indd)$|^Microsoft ", title, re.I):
        return None
    return title


# --------------------------------------------------------------------------------------
# Boilerplate: site navigation at the top of a page
# --------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_MENU_SEPARATORS = re.compile(r"\s+[|\u00b7\u2022]\s+")
_OPENERS = "\"'\u201c\u2018(\u00ab["


def strip_boilerplate(text: str) -> str:
    """Drop navigation menus from the head of the text and the blank lines before it.

    The head is everything before the first prose line (see ``is_prose``), at most
    ``TOP_LINES`` lines. In the head, blocks of consecutive non-blank lines are grouped;
    a run of adjacent blocks made only of menu-like lines (``is_menu_line``: one to four
    capitalised words, no digits, no closing punctuation) that holds at least three lines
    in all is navigation and is removed, blank lines between its blocks included. The
    block right before the first prose line is never removed: that is where a heading
    sits. A title glued to its dateline ("Recent Events" over "Background - May 2002")
    makes a block that is not all menu-like, so it stays. Kept lines are not altered.
    """
    lines = text.split("\n")
    head_end, prose_found = _head_end(lines)
    blocks = _blocks(lines, head_end)
    if prose_found and blocks:
        blocks = blocks[:-1]
    drop: set[int] = set()
    run: list[tuple[int, int]] = []
    for block in [*blocks, None]:
        if block is not None and all(is_menu_line(lines[i]) for i in range(*block)):
            if run and run[-1][1] < block[0] and _gap_has_text(lines, run[-1][1], block[0]):
                run = []
            run.append(block)
            continue
        if sum(_menu_weight(lines, b) for b in run) >= 3:
            drop.update(range(run[0][0], run[-1][1]))
        run = []
    kept = [line for i, line in enumerate(lines) if i not in drop]
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)


def _gap_has_text(lines: list[str], start: int, end: int) -> bool:
    return any(lines[i].strip() for i in range(start, end))


def _head_end(lines: list[str]) -> tuple[int, bool]:
    """Index of the first prose line (and True), or the end of the searched top."""
    nonblank = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if is_prose(line):
            return i, True
        nonblank += 1
        if nonblank > TOP_LINES:
            return i, False
    return len(lines), False


def _blocks(lines: list[str], end: int) -> list[tuple[int, int]]:
    """(start, stop) line ranges of consecutive non-blank lines before ``end``."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for i in range(end):
        if lines[i].strip():
            start = i if start is None else start
        elif start is not None:
            blocks.append((start, i))
            start = None
    if start is not None:
        blocks.append((start, end))
    return blocks


def _menu_weight(lines: list[str], block: tuple[int, int]) -> int:
    """A line of items separated by | or a bullet counts as that many menu lines."""
    return sum(len(_MENU_SEPARATORS.split(lines[i].strip())) for i in range(*block))


def is_prose(line: str) -> bool:
    """A sentence of running text: eight words or more ending in sentence punctuation,
    or twenty-five words whatever its end."""
    stripped = line.strip()
    words = len(stripped.split())
    return (words >= 8 and bool(_SENTENCE_END.search(stripped))) or words >= 25


def is_menu_line(line: str) -> bool:
    """A navigation label: every item one to four capitalised words, no digits, no
    closing punctuation. "Contact Us" is one; "Congress of the United States" is not."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or any(ch.isdigit() for ch in stripped):
        return False
    return all(_is_menu_item(item) for item in _MENU_SEPARATORS.split(stripped))


def _is_menu_item(item: str) -> bool:
    if len(item) > 40 or item[-1] in ".!?:;,":
        return False
    words = [w for w in item.split() if any(ch.isalpha() for ch in w)]
    return 1 <= len(words) <= 4 and all(w.lstrip(_OPENERS)[:1].isupper() for w in words)


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTHS |= {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)\b"
# Most precise first: a full date is never also read as a month and year.
_DATE_PATTERNS = (
    re.compile(r"(?<![\d/-])(?P<year>\d{4})([-/])(?P<month>\d\d)\2(?P<day>\d\d)(?![\d/-])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"(?<![\d/])(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<y>\d\d(?:\d\d)?)(?![\d/])"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"(?<![\d/-])(?P<year>\d{4})-(?P<month>\d\d)(?![\d/-])"),
)
_LABEL_DASH = re.compile(r"\s*[)\],]?\s*(?:--|\u2014|\u2013|-|:)\s")
_TRAILING_PUNCT = re.compile(r"[\s\W]*")
_PRESENT_MONTH = re.compile(
    rf"\b(?:this month|as of|as at)\b[^.\n]{{0,30}}?\b{_MONTH},?\s+{_YEAR}", re.I
)
_DATELINE_HEAD = 200  # characters of a long line searched for its opening date
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


def find_dates(text: str) -> list[DateMatch]:
    """Every explicit date in ``text``, in order, as ISO 8601 at the precision written.

    Numeric ``a/b/yy`` dates are read only when one order is impossible (``06/14/10`` is
    June 14, 2010); two-digit years follow POSIX ``%y`` (69-99 -> 19xx, 00-68 -> 20xx).
    """
    found: list[DateMatch] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            at = bisect.bisect_left(starts, match.start())
            before, after = found[at - 1] if at else None, found[at] if at < len(found) else None
            if (before and before.end > match.start()) or (after and after.start < match.end()):
                continue
            iso = _iso(match)
            if iso:
                found.insert(at, DateMatch(match.start(), match.end(), iso))
                starts.insert(at, match.start())
    return found


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("a"):
        return _numeric_iso(groups["a"], groups["b"], groups["y"])
    if groups.get("mon"):
        if groups["mon"].islower():  # "may" the verb, not the month
            return None
        month = _MONTHS[groups["mon"].lower()]
    else:
        month = int(groups["month"])
    return _valid_iso(int(groups["year"]), month, int(groups["day"]) if groups.get("day") else None)


def _numeric_iso(a: str, b: str, y: str) -> str | None:
    first, second = int(a), int(b)
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first or first == second:
        month, day = first, second
    else:
        return None
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 69 else 1900 + int(y))
    return _valid_iso(year, month, day)


def _valid_iso(year: int, month: int, day: int | None) -> str | None:
    try:
        _date(year, month, 1 if day is None else day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def dateline(line: str) -> DateMatch | None:
    """The date of a dateline: a short non-prose line (twelve words at most) that begins or
    ends with a date ("Background - May 2002", "Monitor July 9, 2001", "06/14/10 - Title"),
    or a date near the start of a line followed by a dash ("CITY, May 9, 2002 -- ...")."""
    stripped = line.strip()
    short = not is_prose(stripped) and len(stripped.split()) <= 12
    # A long line can only open with a dateline: its head is all there is to search.
    dates = find_dates(stripped if short else stripped[:_DATELINE_HEAD])
    if not dates:
        return None
    if short:
        first, last = dates[0], dates[-1]
        if not stripped[: first.start].strip(_OPENERS + " "):
            return first
        if _TRAILING_PUNCT.fullmatch(stripped[last.end :]):
            return last
    first = dates[0]
    if first.start <= 40 and _LABEL_DASH.match(stripped, first.end):
        return first
    return None


def find_date(text: str, title: str | None = None) -> str | None:
    """The document's own date, or None. In order of trust:

    1. the first dateline (see ``dateline``) among the top ``TOP_LINES`` non-blank lines;
    2. else the last dateline-shaped credit line further down (a footer such as
       "<Publication> <Month> <day>, <year>"), full dates only;
    3. else a month the text anchors to the present ("this month alone, Feb 2012",
       "as of March 2010");
    4. else the last year written in the title ("Report on ... FY2000-2001"), at year
       precision.

    Dates inside running text are never taken: the latest date a report mentions is
    not the date it was written.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    for line in lines[:TOP_LINES]:
        if found := dateline(line):
            return found.iso
    footers = [
        found.iso
        for line in lines[TOP_LINES:]
        if not is_prose(line) and (found := dateline(line)) and len(found.iso) == 10
    ]
    if footers:
        return footers[-1]
    if present := _PRESENT_MONTH.search(text):
        iso = _iso(present)
        if iso:
            return iso
    years = _YEAR_IN_TEXT.findall(title or "")
    return years[-1] if years else None


# --------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------

_NOT_TITLE = re.compile(
    r"^(?:by\b|welcome to\b|contact\b|posted\b|updated\b|published\b)|copyright|"
    r"all rights reserved|\u00a9",
    re.I,
)
_MD_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")


def markdown_title(text: str) -> str | None:
    """The first ``# Heading`` (or ``Title`` over ``=====``) before the first prose line."""
    lines = text.split("\n")
    lines = lines[: _head_end(lines)[0] + 1]
    for i, line in enumerate(lines):
        if match := _MD_HEADING.match(line.strip()):
            return match.group("title")
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() and re.fullmatch(r"=+", nxt):
            return line.strip()
    return None


def find_title(text: str) -> str | None:
    """The first heading-like line before the first prose line, or None.

    A heading stands on its own: a blank line (or the start) above it, and a blank line,
    the end, or a dateline below it. It has at most twenty words, does not end in
    ``. , : ;``, is not itself a dateline, and is not a byline, a greeting ("Welcome
    to ..."), a copyright notice or a contact line. One- and two-word lines ("Home",
    "Site Issues") are taken only when nothing longer qualifies.
    """
    lines = text.split("\n")
    head_end, _ = _head_end(lines)
    short: str | None = None
    for i in range(head_end):
        candidate = _fold(lines[i])
        if not _title_shaped(candidate) or not _stands_alone(lines, i):
            continue
        if len(candidate.split()) >= 3:
            return candidate
        short = short or candidate
    return short


def _title_shaped(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 20 or len(line) > 200 or line[-1] in ".,:;":
        return False
    if not any(ch.isalpha() for ch in line) or _NOT_TITLE.search(line):
        return False
    found = dateline(line)
    if found is None:
        return True
    rest = line[: found.start] + line[found.end :]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) >= 3


def _stands_alone(lines: list[str], i: int) -> bool:
    above = i == 0 or not lines[i - 1].strip()
    below = i + 1 >= len(lines) or not lines[i + 1].strip() or dateline(lines[i + 1]) is not None
    return above and below


# --------------------------------------------------------------------------------------
# Publisher
# --------------------------------------------------------------------------------------

_CAPWORD = r"(?:[A-Z]\.){2,}|[A-Z][\w'\u2019&-]*"
_JOINER = r"(?:of|for|the|and|on|in|de|du|des|la|le|&)"
_NAME = rf"(?:{_CAPWORD})(?:[ \t]+(?:{_JOINER}[ \t]+)*(?:{_CAPWORD})){{0,8}}"
_COPYRIGHT = re.compile(
    rf"(?:\b(?i:copyright)\b|\u00a9|\((?i:c)\))(?:\s*(?:\u00a9|\((?i:c)\)))?"
    rf"\s*(?:(?:19|20)\d\d(?:\s*[-\u2013]\s*\d{{2,4}})?\s*,?\s*)?(?:(?i:by)\s+)?(?:the\s+)?"
    rf"(?P<name>{_NAME})"
)
_WE_AT = re.compile(rf"(?<![\"'\u201c\u2018])\b[Ww]e at (?:the )?(?P<name>{_NAME})")
_WE_THE = re.compile(
    r"\b(?:[Ww]e,\s+the\s+|[Oo]ur (?:organi[sz]ation|group|agency|association),\s+(?:the\s+)?)"
    rf"(?P<name>{_NAME})\s*(?:\([A-Z]{{2,10}}\)\s*)?,"
)
_WELCOME = re.compile(rf"^\s*Welcome to (?:the )?(?P<name>{_NAME})", re.M)
# Words that open a label or a weekday, never a publisher's name.
_NOT_PUBLISHER = frozenset(
    {"all", "updated", "posted", "published", "released", "revised", "modified", "dated"}
    | {"date", "last", "issued", "monday", "tuesday", "wednesday", "thursday", "friday"}
    | {"saturday", "sunday"}
)


def find_publisher(text: str) -> str | None:
    """Who the text says published it, or None. In order of trust: a copyright line
    ("Copyright 2001 Name"); a credit line "<Name> <Month> <day>, <year>"; the authors
    naming themselves ("We at Name (ABBR)", "we, the Name, have", "Our organization,
    Name, has"); a site greeting near the top ("Welcome to the Name"). Wire-service tags
    such as "(AP)" are sources, not publishers, and are not read."""
    for finder in (_copyright_holder, _credit_line, _self_named, _site_greeting):
        if name := finder(text):
            return name
    return None


def _copyright_holder(text: str) -> str | None:
    return _first_name(match.group("name") for match in _COPYRIGHT.finditer(text))


def _credit_line(text: str) -> str | None:
    names: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        found = dateline(stripped)
        if found is None or len(found.iso) != 10 or is_prose(stripped):
            continue
        prefix = stripped[: found.start].strip()
        if re.fullmatch(_NAME, prefix) and not prefix.isupper():
            names.append(prefix)
    return _first_name(names)


def _self_named(text: str) -> str | None:
    names = [m.group("name") for m in _WE_AT.finditer(text)]
    names += [m.group("name") for m in _WE_THE.finditer(text)]
    longer = [name for name in names if len(name.split()) > 1]
    return _first_name(longer) or _first_name(names)


def _site_greeting(text: str) -> str | None:
    top = "\n".join(text.split("\n")[:TOP_LINES])
    return _first_name(match.group("name") for match in _WELCOME.finditer(top))


def _first_name(names: Iterable[str]) -> str | None:
    for name in names:
        if name.split()[0].lower() not in _NOT_PUBLISHER and name.lower() not in _MONTHS:
            return name
    return None

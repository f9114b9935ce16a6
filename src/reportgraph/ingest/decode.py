"""Bytes -> clean text: charset detection, mojibake repair, and the control and format
characters a reader cannot see but a program would treat as text."""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from pathlib import Path

from reportgraph.errors import IngestError


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def declared_charset(data: bytes) -> str | None:
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

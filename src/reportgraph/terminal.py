"""Text from documents and graphs made safe to print on a terminal (F29).

A file name, a label or a literal can hold escape sequences: CSI sequences recolour or
move the cursor, OSC ones set the window title or write to the clipboard, and bidi
controls reorder what is shown. Printed as they are, they let a document change what the
user sees. Here each control character becomes a visible ``\\xNN`` (or ``\\uNNNN``), so
the text still says what is there; line breaks and tabs are kept where layout needs them.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape."""
    return _CONTROL.sub(_escape, text)


def terminal_line(text: str) -> str:
    """One line of ``text``: newlines and tabs escaped as well."""
    return _CONTROL_ALL.sub(_escape, text)

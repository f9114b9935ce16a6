"""Text as XML 1.0 can hold it: the characters it forbids outright (C0 controls but tab
and line breaks, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, so a document that
carries them is still well-formed (GraphML exports, SPARQL XML results)."""

from __future__ import annotations

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)

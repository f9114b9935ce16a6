"""Which sentences are headings (titles and sub-headings report no event) and which
headings title the act the page is ("Statement by Ana Vell", a resolution's "In the House
of Representatives, U. S.,")."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract.sentences import REFERENCE_MARK
from reportgraph.model import Sentence

# What a sentence of running text ends with: a stop, a colon, a closing quote or bracket.
_CLOSERS = tuple(".!?:;,\"')\u201d\u2019")


_REFERENCE_MARKS = re.compile(rf"(?:{REFERENCE_MARK})+$")


def is_heading(sentence: Sentence, parsed: Any = None) -> bool:
    """Is the sentence a title or a sub-heading: few words on a line of their own with no
    full stop, or mostly capitalised words? Headings report no event."""
    words = re.findall(r"[A-Za-z][\w'-]*", sentence.text)
    if len(words) < 6:
        return not _short_sentence(sentence, parsed)
    text = _REFERENCE_MARKS.sub("", sentence.text.strip())  # "... foreign governments.[13]"
    text = re.sub(r";\s+(?:and|or)$", ";", text)  # "(2) calls on Zembla to ...; and"
    if "\n" not in text and len(words) < 20 and not text.endswith(_CLOSERS):
        return True  # a line of its own with no full stop: a title or a sub-heading
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised / len(words) > 0.6 and not text.endswith((".", '"'))


# what opens a title that says what the page is: "Statement by Ana Vell", "Testimony
# Before the Vell Commission", "Remarks at the ..."; a body named in it is not the title's
STATEMENT_LEAD = (
    r"(?:(?:Joint|Press|Written)\s+)?(?:Statement|Testimony|Remarks)\s+"
    r"(?:[Bb]y|[Oo]f|[Bb]efore|[Tt]o|[Aa]t)\s+(?:the\s+)?"
)
_STATEMENT_TITLE = re.compile(rf"^{STATEMENT_LEAD}[A-Z]")


# the line a chamber's printed text of a measure it agreed to opens with, before its date
_AGREED_IN = re.compile(
    r"^In\s+the\s+(?:House\s+of\s+Representatives|Senate\s+of\s+the\s+United\s+States),?"
    r"\s+U\.\s?S\.,?$"
)


def titled_act(sentence: Sentence, cls: str) -> bool:
    """Is the heading the title of the act the page is: a statement ("Statement by the
    Administrator Ana Vell", "Testimony Before the Vell Commission"), or a resolution a
    chamber agreed to ("H. Res. 12 / In the House of Representatives, U. S., / May 3")?"""
    text = sentence.text.strip()
    if cls == "Statement":
        return bool(_STATEMENT_TITLE.match(text))
    return cls == "LegalAction" and agreed_in_chamber(sentence)


def agreed_in_chamber(sentence: Sentence) -> bool:
    """Is the line the one a chamber's printed text of a measure it agreed to opens with?"""
    return bool(_AGREED_IN.match(sentence.text.strip()))


def _short_sentence(sentence: Sentence, parsed: Any) -> bool:
    """ "Both men were arrested.": a short line that ends with a full stop and whose root
    is a verb is a sentence, not a heading."""
    text = sentence.text.strip()
    if parsed is None or "\n" in text or not text.endswith((".", "!")):
        return False
    roots = [t for t in parsed if t.dep_ == "ROOT"]
    return len(roots) == 1 and roots[0].pos_ in ("VERB", "AUX")

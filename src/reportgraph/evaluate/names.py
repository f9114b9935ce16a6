"""Name normalisation shared by the gold side, the graph side and the evidence matching: both
sides must spell a name the same way before they are compared."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def normalise(text: str) -> str:
    """One spelling per name: case, possessives, punctuation and a leading article do not
    count, so "The Ruritanian Police's" and "ruritanian police" are one name."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("\u2019", "'")
    text = re.sub(r"'s$", "", text.replace("'s ", " "))
    text = re.sub(r"[^\w\s]", " ", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    return " ".join(text.split())


def word_set(text: str) -> set[str]:
    return set(normalise(text).split())


def name_set(texts: Iterable[str]) -> frozenset[str]:
    """Normalised names, the empty one left out (a name of punctuation only names nothing)."""
    return frozenset(normalise(t) for t in texts) - {""}

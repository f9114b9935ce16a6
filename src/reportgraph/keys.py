"""The look-up key of a name (``rg:key``): how a name given by a user finds an entity.

Every label and other name of an entity is written with its key, and a query parameter
that names an entity is turned into the same key, so a query finds ``Łódź`` from
``lodz`` or ``UNHCR`` from ``unhcr`` by one indexed equality instead of comparing every
label case-insensitively.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not split into a base letter and a mark, and curled apostrophes.
_FOLDED = str.maketrans(
    {
        "\u0142": "l",  # ł
        "\u00f8": "o",  # ø
        "\u0111": "d",  # đ
        "\u0127": "h",  # ħ
        "\u0131": "i",  # dotless i
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u00fe": "th",
        "\u00f0": "d",
        "\u2019": "'",
        "\u2018": "'",
    }
)


def name_key(name: str) -> str:
    """Lower case, accents and marks dropped, runs of white space made one space."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_FOLDED).split())

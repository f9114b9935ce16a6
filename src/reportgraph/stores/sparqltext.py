"""Binding parameters for a server that only takes query text (the SPARQL 1.1 protocol has
no parameters): a ``VALUES`` block at the top of the query's WHERE clause; the page
marker of a named query (``with_page``); and the token scan that lets a store which parses
queries itself run one without rdflib's parse (``plainly_local``).

The values are RDF terms written by rdflib (literals escaped by its N-Triples writer, IRIs
checked against SPARQL's IRIREF characters), never pasted user text; the place is found
by reading the query's tokens (strings, IRIs and comments skipped), and the result is
parsed again and checked with the same refusals before it is sent. The semantics are the
ones pyoxigraph's SEP-0007 substitutions give: the parameter is bound in the query's
outer group pattern (not inside its sub-SELECTs).
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from reportgraph.errors import QueryError
from reportgraph.ontology import PREFIXES

# A word that may be SERVICE or FROM, where a token can start (not a variable's name)
_REMOTE_WORD = re.compile(r"(?<![?$])(?:service|from)", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([\w\u00b7\u0300-\u036f\u203f\u2040]+)")
PLAIN_DEPTH = 100  # braces, brackets and parentheses a query may nest for the token scan
_PAGE_MARK = re.compile(r"^[ \t]*(#\+[ \t]*page)[ \t]*$", re.MULTILINE)
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRIREF = re.compile(r'<[^\x00-\x20<>"{}|^`\\]*>')
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)


def term_text(term: Identifier) -> str:
    """A term in SPARQL syntax; an IRI that SPARQL cannot write is refused."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"not a usable IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a parameter")
    raise QueryError(f"not an RDF term: {term!r}")


def with_prefixes(text: str) -> str:
    """The project's prefixes declared before the query (its own declarations, later,
    win), since ``query`` lets every query use them undeclared."""
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in sorted(PREFIXES.items())]
    return "\n".join(lines) + "\n" + text


def with_page(text: str, rows: int | None) -> str:
    """``text`` with each ``#+ page`` comment line (outside strings) made ``LIMIT rows``.

    A named query that ranks many rows and computes costly columns for each picks the
    rows of the page first, in a sub-SELECT ordered as the whole query is, and marks
    where its LIMIT goes; the columns are then computed for those rows only. The number
    is the caller's own row limit (an int, never a user's text); without one (``rows``
    None or 0) the line stays a comment and the query gives its whole answer, as any
    SPARQL client that runs the file does."""
    if not rows or "#+" not in text:
        return text
    blank = _blank_out(text, comments=False)
    for match in reversed(list(_PAGE_MARK.finditer(blank))):
        text = f"{text[: match.start(1)]}LIMIT {int(rows)}{text[match.end(1) :]}"
    return text


def plainly_local(text: str) -> set[str] | None:
    """The names of the variables of a query that needs none of rdflib's checks, or None.

    rdflib's parse (2-50 ms for a short query, some 100 ms for a long one, more the first
    time in a process) is there to refuse updates, ``SERVICE`` and ``FROM``; a store that
    parses the query itself and can only read (Oxigraph's ``query``) refuses updates on
    its own. So a query in which no word outside strings, IRIs and comments could be
    ``SERVICE`` or ``FROM`` (any word containing either counts), with no backslash (an
    escape could spell one) and no deep nesting (which rdflib reports and Oxigraph's
    parser does not survive), can go to such a store unparsed; any other goes through
    rdflib as before."""
    try:
        blank = _blank_out(text)
    except QueryError:  # a string not closed: rdflib's parse says where
        return None
    if "\\" in blank or _REMOTE_WORD.search(blank) or _depth(blank) > PLAIN_DEPTH:
        return None
    return {match.group(1) for match in _VARIABLE.finditer(blank)}


def _depth(blank: str) -> int:
    depth = deepest = 0
    for char in blank:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    return deepest


def with_values(text: str, bindings: dict[str, Identifier]) -> str:
    """``text`` with ``VALUES (?a ?b) { (x y) }`` first in its WHERE clause and in every
    group inside it that names one of the variables: the variable is then bound wherever
    it is used (sub-SELECTs too), as rdflib's ``initBindings`` binds it."""
    if not bindings:
        return text
    blank = _blank_out(text)
    groups = _groups(text, blank)
    if not groups:
        raise QueryError("a parameter needs a WHERE clause to be bound in")
    inserts = []
    for number, (start, end) in enumerate(groups):
        inside = blank[start:end]
        names = [name for name in sorted(bindings) if number == 0 or _mentions(inside, name)]
        if names:
            inserts.append((start + 1, _values_block(names, bindings)))
    for at, block in sorted(inserts, reverse=True):
        text = text[:at] + " " + block + text[at:]
    return text


def _mentions(text: str, name: str) -> bool:
    return re.search(r"[?$]" + re.escape(name) + r"(?![\w\u00b7-])", text) is not None


def _values_block(names: list[str], bindings: dict[str, Identifier]) -> str:
    variables = " ".join(f"?{name}" for name in names)
    values = " ".join(term_text(bindings[name]) for name in names)
    return f"VALUES ({variables}) {{ ({values}) }} "


_VALUES_BEFORE = re.compile(
    r"\bVALUES\s*(?:\((?:\s*[?$][\w\u00b7]+)*\s*\)|[?$][\w\u00b7]+)\s*$", re.IGNORECASE
)
_SELECT_AFTER = re.compile(r"\s*SELECT\b", re.IGNORECASE)


def _groups(text: str, blank: str) -> list[tuple[int, int]]:
    """(open, close) positions of the query's group graph patterns, its WHERE clause
    first: not a CONSTRUCT template, a VALUES block nor the braces around a sub-SELECT."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for index, char in enumerate(blank):
        if char == "{":
            stack.append(index)
        elif char == "}" and stack:
            pairs.append((stack.pop(), index))
    pairs.sort()
    form = _FORM.search(blank)
    template: tuple[int, int] | None = None
    if form and form.group(1).upper() == "CONSTRUCT" and pairs:
        if "WHERE" in blank[form.end() : pairs[0][0]].upper():
            raise QueryError("CONSTRUCT WHERE { ... } takes no parameters on this store")
        template = pairs[0]
    groups = []
    for start, end in pairs:
        if template and template[0] <= start <= template[1]:
            continue
        if _VALUES_BEFORE.search(blank, 0, start) or _SELECT_AFTER.match(blank, start + 1):
            continue
        groups.append((start, end))
    return groups


def _blank_out(text: str, *, comments: bool = True) -> str:
    """``text`` with strings, IRIs and (unless ``comments`` is False) comments turned
    into spaces (same length)."""
    out = list(text)
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            end = length if end < 0 else end
            if not comments:
                index = end
                continue
        elif char == "<" and (match := _IRIREF.match(text, index)):
            end = match.end()
        elif char in "\"'":
            end = _string_end(text, index)
        else:
            index += 1
            continue
        for position in range(index, end):
            if out[position] != "\n":
                out[position] = " "
        index = end
    return "".join(out)


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    long = text.startswith(quote * 3, start)
    closing = quote * 3 if long else quote
    index = start + len(closing)
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(closing, index):
            return index + len(closing)
        if not long and text[index] == "\n":
            break
        index += 1
    raise QueryError("SPARQL syntax error: a string is not closed")

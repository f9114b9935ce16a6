"""HTML -> visible text, one paragraph per block element, and what the page's <title>
and <meta> say of it."""

from __future__ import annotations

import re
from pathlib import Path

from reportgraph.dates import explicit_dates
from reportgraph.errors import IngestError
from reportgraph.ingest.metadata import Hints, fold

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


def html_text(markup: str, path: Path) -> tuple[str, Hints]:
    """Visible text with one block element per paragraph, and what the page says of itself."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = fold(soup.title.get_text()) if soup.title else ""
    if not title and (h1 := soup.find("h1")):
        title = fold(h1.get_text())
    hints = Hints(
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
        content = fold(meta.get("content") or "")
        if key in names and content and not content.startswith(("http://", "https://")):
            return content
    return None


def _html_meta_date(soup: object) -> str | None:
    content = _html_meta(soup, _META_DATE)
    if not content:
        return None
    found = explicit_dates(content)
    return found[0].iso if found else None

"""What keeps a page offline and inert whatever the documents say.

* every script and style is inlined; a page that would still point off the machine is
  refused (``external_refs``), parsed rather than grepped, because the graph's own text
  may well say "href=http://...".
* a Content-Security-Policy allows only the page's own scripts, by hash: an ``onerror``
  or ``<script>`` smuggled into the markup would not run, and no request can leave.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pyvis
from markupsafe import Markup

from reportgraph.errors import ReportgraphError

PYVIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib"
VIS_ASSETS = (("vis-9.1.2/vis-network.css", "style"), ("vis-9.1.2/vis-network.min.js", "script"))
CSP_PLACEHOLDER = "__REPORTGRAPH_CSP__"
NONE = "'none'"
CSS_REMOTE = re.compile(
    r"""(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//[^)"']*|@import[^;]*)""", re.IGNORECASE
)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def asset(name: str) -> str:
    """One of our own files under ``views/assets``."""
    return files("reportgraph.views").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def vis_assets() -> Markup:
    """vis-network's script and style, read from pyvis's package files (pinned with it)."""
    parts = []
    for name, tag in VIS_ASSETS:
        try:
            text = (PYVIS_LIB / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReportgraphError(f"{PYVIS_LIB / name}: cannot read pyvis asset: {exc}") from exc
        parts.append(inline(tag, text, str(PYVIS_LIB / name)))
    return Markup("\n".join(parts))


def inline(tag: str, text: str, source: str) -> Markup:
    """``text`` inside ``<tag>``, refused if it could close the element early."""
    if re.search(rf"</{tag}", text, re.IGNORECASE):
        raise ReportgraphError(f"{source}: cannot be inlined safely")
    return Markup(f"<{tag}>{text}</{tag}>")


def seal(page: str) -> str:
    """Fill in the CSP (hashes of the page's own scripts) and refuse a page that would
    load anything from off the machine."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in _SCRIPT.findall(page)
    )
    policy = (
        f"default-src 'none'; script-src {hashes or NONE}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    if page.count(CSP_PLACEHOLDER) < 1:
        raise ReportgraphError("page template has no Content-Security-Policy")
    page = page.replace(CSP_PLACEHOLDER, policy, 1)
    remote = external_refs(page)
    if remote:
        raise ReportgraphError(f"the view would load {remote[0]!r}; refusing to write it")
    return page


def external_refs(page: str) -> list[str]:
    """Every src/href attribute and CSS url()/@import in ``page`` that points off the machine."""
    finder = _ExternalRefs()
    finder.feed(page)
    finder.close()
    return finder.found


class _ExternalRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in {"src", "href", "srcset", "action", "data"} and _is_remote(value or ""):
                self.found.append(value or "")
            elif name == "style":
                self.found.extend(CSS_REMOTE.findall(value or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(CSS_REMOTE.findall(data))


def _is_remote(url: str) -> bool:
    return re.match(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE) is not None

"""Every string from a document that lands in an HTML page is text, never markup or code.

Pages are written through the public ``render_view`` / ``render_timeline`` API and parsed
with html5lib, which builds the tree a browser builds (script text runs to its own
``</script``). A page drawn from hostile strings must have exactly the elements, attribute
names and scripts of the same page drawn from harmless strings, and no ``javascript:``
URL. Where Debian's chromium and Playwright are installed, the pages are also opened with
the Content-Security-Policy bypassed (so escaping alone is tested) and every payload's
``alert`` is counted; a deliberately unescaped control page shows that count would see one.
"""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import html5lib
import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from reportgraph.build import build_folder
from reportgraph.ontology import ID, RG
from reportgraph.views import render_timeline, render_view

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
CHROMIUM = Path("/usr/bin/chromium")

PAYLOADS = [
    "<script>alert(101)</script>",
    "</script><script>alert(102)</script>",
    "</SCRIPT ><script>alert(103)</script >",
    "<img src=x onerror=alert(104)>",
    '"><svg onload=alert(105)>',
    "' onmouseover='alert(106)' x='",
    '" onfocus="alert(107)" autofocus="',
    "javascript:alert(108)",
    '<a href="javascript:alert(109)">click</a>',
    "<!--<script>alert(110)//-->",
    "<iframe srcdoc='<script>alert(111)</script>'></iframe>",
    "<style>*{background:url(javascript:alert(112))}</style>",
    "]]><script>alert(113)</script>",
    "\u2028\u2029<script>alert(114)</script>",
    "${alert(115)}{{constructor.constructor('alert(116)')()}}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(117)>",
    "&lt;script&gt;alert(118)&lt;/script&gt;",
    '\\"};alert(119);//',
]


def _dataset(strings: list[str]) -> Dataset:
    """The mini graph plus, for each string: a person named by it (and alt-named), an
    event whose evidence and label hold it, and a document titled, published and named by
    it. Harmless and hostile strings give graphs of the same shape."""
    dataset = Dataset(default_union=True).parse(MINI, format="trig")
    for i, text in enumerate(strings):
        graph = dataset.graph(ID[f"graph/h{i}"])
        doc, person, event = ID[f"doc/h{i}"], ID[f"person/h{i}"], ID[f"event/h{i}"]
        graph.add((doc, RDF.type, RG.Document))
        graph.add((doc, RG.fileName, Literal(f"{text}.txt")))
        graph.add((doc, DCTERMS.title, Literal(text, lang="en")))
        graph.add((doc, DCTERMS.publisher, Literal(text)))
        graph.add((doc, DCTERMS.date, Literal("2002-05-09")))
        graph.add((person, RDF.type, RG.Person))
        graph.add((person, RDFS.label, Literal(text, lang="en")))
        graph.add((person, SKOS.altLabel, Literal(f"alt {text}", lang="en")))
        graph.add((person, RG.mentionedIn, doc))
        graph.add((event, RDF.type, RG.Protest))
        graph.add((event, RDFS.label, Literal(f"Protest {text}", lang="en")))
        graph.add((event, RG.agent, person))
        graph.add((event, RG.actor, person))
        graph.add((event, RG.affected, ID["country/ruritania"]))
        graph.add((event, RG.evidence, Literal(f"They said {text} and left.")))
        graph.add((event, RG.date, Literal("2002-05-09")))
        graph.add((event, RG.mentionedIn, doc))
        graph.add((person, RG.memberOf, ID["organization/refugee-watch"]))
    return dataset


HARMLESS = [f"Harmless name {i}" for i in range(len(PAYLOADS))]

PAGES = {
    "graph": lambda ds, out: render_view(ds, out, title="t"),
    "graph, collapsed": lambda ds, out: render_view(ds, out, collapse=True),
    "graph, laid out ahead": lambda ds, out: render_view(ds, out, layout_threshold=3),
    "timeline": lambda ds, out: render_timeline(ds, out),
}


def _elements(page: str) -> list[Any]:
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    return list(tree.iter())


def _shape(page: str) -> Counter[tuple[str, tuple[str, ...]]]:
    """Every element with its attribute names: what markup a browser would build."""
    return Counter((str(e.tag), tuple(sorted(e.attrib))) for e in _elements(page))


def _script_urls(page: str) -> list[str]:
    found = []
    for element in _elements(page):
        for name, value in element.attrib.items():
            cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
            if cleaned.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{element.tag} {name}={value[:40]}")
    return found


def _render(tmp_path: Path, page: str, strings: list[str]) -> str:
    out = tmp_path / f"{page.replace(' ', '_').replace(',', '')}-{strings is PAYLOADS}.html"
    PAGES[page](_dataset(strings), out)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", sorted(PAGES))
def test_hostile_strings_build_no_markup(tmp_path: Path, page: str) -> None:
    harmless = _render(tmp_path, page, HARMLESS)
    hostile = _render(tmp_path, page, PAYLOADS)
    assert _shape(hostile) == _shape(harmless), "a payload added or removed markup"
    assert _script_urls(hostile) == _script_urls(harmless) == []
    assert len(re.findall(r"<script", hostile, re.IGNORECASE)) == len(
        re.findall(r"<script", harmless, re.IGNORECASE)
    )
    for payload in PAYLOADS:
        assert payload not in hostile or "<" not in payload, f"raw: {payload}"


def test_hostile_strings_survive_as_text(tmp_path: Path) -> None:
    """Escaped, not dropped: each payload is on the page in an escaped form."""
    page = _render(tmp_path, "graph", PAYLOADS)
    scripts = " ".join(
        (e.text or "") for e in _elements(page) if e.tag == "script" and not e.attrib.get("src")
    )
    text = html.unescape(page)
    for payload in PAYLOADS:
        as_json = payload.replace("\\", "\\\\").replace('"', '\\"')
        assert payload in text or _json_unescaped(as_json) in _json_unescaped(scripts), payload


def _json_unescaped(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def test_hostile_documents_through_a_whole_build(tmp_path: Path) -> None:
    """Payloads in a file name, an HTML <title>, a Markdown heading and the text itself."""
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(GOLDEN, src / "report.txt")
    (src / "<img src=x onerror=alert(201)>.txt").write_text(
        "Canada ratified the Convention Against Torture in 1987.\n", encoding="utf-8"
    )
    (src / "page.html").write_text(
        "<html><head><title>&lt;/script&gt;&lt;script&gt;alert(202)&lt;/script&gt;</title>"
        '<meta name="dc.publisher" content="&quot;&gt;&lt;svg onload=alert(203)&gt;">'
        "</head><body><p>The police of Norway arrested &lt;b onmouseover=alert(204)&gt;Ole "
        "Hansen&lt;/b&gt; in Oslo on May 9, 2002.</p></body></html>",
        encoding="utf-8",
    )
    (src / "notes.md").write_text(
        "# <script>alert(205)</script> Report\n\nNorway signed the Convention Against "
        "Torture in 1985, said <a href=javascript:alert(206)>the ministry</a>.\n",
        encoding="utf-8",
    )
    report = build_folder([src], tmp_path / "out")
    assert report.documents == 4, report.skipped
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    plain = tmp_path / "plain.html"
    # a plain page with all a build's page can have: an isolated node, a timeline link
    dataset = Dataset(default_union=True).parse(MINI, format="trig")
    dataset.add((ID["person/alone"], RDFS.label, Literal("Alone")))
    dataset.add((ID["person/alone"], RDF.type, RG.Person))
    render_view(dataset, plain, timeline=tmp_path / "timeline.html")
    allowed = {(tag, attrs) for tag, attrs in _shape(plain.read_text(encoding="utf-8"))}
    assert set(_shape(page)) <= allowed, "markup no plain page has"
    assert _script_urls(page) == []
    trig = (tmp_path / "out" / "graph.trig").read_text(encoding="utf-8")
    assert "alert(202)" in trig and "alert(205)" in trig, "the strings did reach the graph"


# --- in a browser -----------------------------------------------------------------------

sync_api = pytest.importorskip("playwright.sync_api") if CHROMIUM.exists() else None
needs_browser = pytest.mark.skipif(sync_api is None, reason="no chromium/playwright here")

CONTROL = "<!doctype html><title>control</title><p>{}</p>"


@needs_browser
def test_no_payload_runs_in_a_browser_even_without_csp(tmp_path: Path) -> None:
    pages = []
    for page in sorted(PAGES):
        out = tmp_path / f"{len(pages)}.html"
        PAGES[page](_dataset(PAYLOADS), out)
        pages.append(out)
    control = tmp_path / "control.html"
    control.write_text(CONTROL.format(PAYLOADS[3]), encoding="utf-8")  # not escaped
    dialogs = _dialogs_in_browser([*pages, control])
    assert dialogs[control] == ["104"], "the harness sees a payload that runs"
    executed = {str(path.name): found for path, found in dialogs.items() if path != control}
    assert executed == {path.name: [] for path in pages}


def _dialogs_in_browser(paths: list[Path]) -> dict[Path, list[str]]:
    found: dict[Path, list[str]] = {}
    assert sync_api is not None
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        try:
            for path in paths:
                context = browser.new_context(bypass_csp=True)
                context.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                page = context.new_page()
                messages: list[str] = []

                def on_dialog(dialog: Any, messages: list[str] = messages) -> None:
                    messages.append(dialog.message)
                    dialog.dismiss()

                page.on("dialog", on_dialog)
                page.goto(path.as_uri())
                page.wait_for_timeout(300)
                page.mouse.move(300, 300)  # hover handlers, had any been injected
                page.keyboard.press("Tab")  # focus handlers
                page.wait_for_timeout(100)
                found[path] = messages
                context.close()
        finally:
            browser.close()
    return found

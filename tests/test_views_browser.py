"""The pages in a real browser: Debian's chromium driven by Playwright, network blocked.

`make install-test` installs chromium with apt-get when it is missing and the user is root;
where it cannot, these tests skip and say so. Playwright only drives the system browser
(``executable_path``): `playwright install` is never run.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from test_views import (
    ANNA,
    ARREST,
    LAW,
    RURITANIA,
    STATEMENT,
    STRELSAU,
    WATCH,
    add_person,
    mini,
)

from reportgraph.ontology import ID, RG
from reportgraph.views import render_timeline, render_view

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
XSS = '<img src=x onerror="window.__xss=1;alert(1)">'
CLOSE = "</script><script>window.__xss=2;alert(2)</script>"
HOSTILE = f"Anna {XSS} Berg {CLOSE}"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (make install-test installs it)"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"Debian chromium not found at {CHROMIUM}: `make install-test` installs it with "
        "apt-get when run as root (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )


@dataclass
class Opened:
    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    render_view(mini(), folder / "index.html", timeline=folder / "timeline.html")
    render_view(mini(), folder / "actors.html", collapse=True)
    render_timeline(mini(), folder / "timeline.html")
    render_timeline(mini(), folder / "timeline-actors.html", graph_page=folder / "actors.html")
    hostile = hostile_dataset()
    render_view(hostile, folder / "hostile.html", title=HOSTILE)
    render_view(hostile, folder / "hostile-actors.html", title=HOSTILE, collapse=True)
    render_view(hostile, folder / "hostile-big.html", title=HOSTILE, layout_threshold=3)
    render_timeline(hostile, folder / "hostile-timeline.html", title=HOSTILE)
    render_view(hub_dataset(1000, 40), folder / "big.html")
    return folder


def hub_dataset(people: int, hubs: int) -> Dataset:
    """People who are members of one or two of a few organisations: past the layout
    threshold, shaped like a real graph (hubs, short paths) rather than a chain."""
    dataset = Dataset(default_union=True)
    graph = dataset.graph(ID["graph/hubs"])
    for h in range(hubs):
        graph.add((ID[f"organization/o{h}"], RDF.type, RG.Organization))
        graph.add((ID[f"organization/o{h}"], RDFS.label, Literal(f"Organisation {h}")))
    for i in range(people):
        person = ID[f"person/p{i}"]
        graph.add((person, RDF.type, RG.Person))
        graph.add((person, RDFS.label, Literal(f"Person {i}")))
        graph.add((person, RG.memberOf, ID[f"organization/o{i % hubs}"]))
        if i % 7 == 0:
            graph.add((person, RG.memberOf, ID[f"organization/o{(i * 3 + 1) % hubs}"]))
    return dataset


def hostile_dataset() -> Dataset:
    dataset = mini()
    add_person(dataset, "hostile", HOSTILE, alt=XSS)
    graph = dataset.graph(ID["graph/a"])
    graph.add((ID["event/a-1"], RG.evidence, Literal(f"They said {XSS} and {CLOSE}.")))
    graph.set((ID["doc/a"], DCTERMS.title, Literal(HOSTILE)))
    graph.add((ID["event/x"], RDF.type, RG.Protest))
    graph.add((ID["event/x"], RDFS.label, Literal(f"Protest {HOSTILE}", lang="en")))
    graph.add((ID["event/x"], RG.agent, ID["person/hostile"]))
    graph.add((ID["event/x"], RG.affected, ID["country/ruritania"]))
    graph.add((ID["event/x"], RG.evidence, Literal(CLOSE)))
    return dataset


def open_page(
    browser: Any,
    path: Path,
    bypass_csp: bool = False,
    wait: bool = True,
    viewport: tuple[int, int] = (1200, 800),
    init_script: str = "",
) -> Opened:
    """Open ``path`` from file:// with every other request aborted and recorded;
    ``init_script`` (a function's source) runs before the page's own scripts."""
    size = {"width": viewport[0], "height": viewport[1]}
    context = browser.new_context(viewport=size, bypass_csp=bypass_csp)
    if init_script:
        context.add_init_script(f"({init_script})()")
    page = context.new_page()
    opened = Opened(page)
    page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            opened.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.goto(path.as_uri())
    if wait:
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    return opened


def close(opened: Opened) -> None:
    opened.page.context.close()


def offline_and_clean(opened: Opened) -> None:
    assert opened.blocked == [], "no request may leave file://"
    assert all(u.startswith(("file://", "data:")) for u in opened.requests), opened.requests
    assert opened.errors == [], "no console error"
    assert opened.dialogs == [], "nothing calls alert()"


def drawn_colours(context: Any, png: bytes) -> tuple[int, int]:
    """How many pixels of a screenshot are not white, and how many distinct colours it has,
    counted by the browser itself on a blank page (no image library needed)."""
    page = context.new_page()
    try:
        return tuple(
            page.evaluate(
                """async (b64) => {
                const img = new Image();
                img.src = "data:image/png;base64," + b64;
                await img.decode();
                const canvas = document.createElement("canvas");
                canvas.width = img.width;
                canvas.height = img.height;
                const ctx = canvas.getContext("2d");
                ctx.drawImage(img, 0, 0);
                const data = ctx.getImageData(0, 0, img.width, img.height).data;
                let coloured = 0;
                const colours = new Set();
                for (let i = 0; i < data.length; i += 4) {
                    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                    if (key !== 0xffffff) coloured += 1;
                    colours.add(key);
                }
                return [coloured, colours.size];
            }""",
                base64.b64encode(png).decode(),
            )
        )
    finally:
        page.close()


# ------------------------------------------------------------------------------ tests


def test_graph_page_draws_offline_with_no_console_errors(browser: Any, pages: Path) -> None:
    for name in ("index.html", "actors.html", "big.html"):
        opened = open_page(browser, pages / name)
        page = opened.page
        page.wait_for_timeout(300)
        shot = page.locator("#mynetwork").screenshot()
        coloured, colours = drawn_colours(browser.new_context(), shot)
        assert coloured > 2000 and colours > 10, f"{name}: the canvas is blank"
        drawn = page.evaluate("window.reportgraph.nodes.length")
        assert drawn == {"index.html": 9, "actors.html": 6, "big.html": 1040}[name]
        offline_and_clean(opened)
        close(opened)


def test_big_graph_has_positions_and_no_physics(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "big.html")
    physics = opened.page.evaluate("window.reportgraph.network.physics.physicsEnabled")
    assert physics is False
    box = opened.page.evaluate(
        "(() => { const p = window.reportgraph.network.getPositions();"
        " const xs = Object.values(p).map(v => v.x);"
        " return [xs.length, Math.min(...xs) < Math.max(...xs)]; })()"
    )
    assert box == [1040, True]
    offline_and_clean(opened)
    close(opened)


def test_search_box_finds_a_node_and_the_panel_shows_it(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "index.html")
    page = opened.page
    page.fill("#search", "berg")
    page.wait_for_selector("#results li.active")
    assert page.locator("#results li").first.text_content() == "Anna Berg \u00b7 Person"
    page.press("#search", "Enter")
    assert page.evaluate("window.reportgraph.network.getSelectedNodes()") == [ANNA]
    assert page.locator("#panel h2").text_content() == "Anna Berg"
    panel = page.locator("#panel").text_content()
    assert "b.html · Aid workers speak out (2003)" in panel
    assert "Anna Berg condemns Ruritania" in panel, "connections are listed"
    page.locator("#panel button.link", has_text="Anna Berg condemns Ruritania").click()
    assert page.evaluate("window.reportgraph.network.getSelectedNodes()") == [STATEMENT]
    assert "Anna Berg of Refugee Watch condemned Ruritania on January 5." in (
        page.locator("#panel blockquote").first.text_content()
    )
    page.fill("#search", "atlantis")
    page.wait_for_selector("#results li.none")
    assert page.locator("#results li.none").text_content() == "no visible node matches"
    page.press("#search", "Escape")
    assert page.locator("#results").is_hidden()
    offline_and_clean(opened)
    close(opened)


def hidden(page: Any) -> set[str]:
    return set(page.evaluate("Object.keys(window.reportgraph.state.hidden)"))


def test_filters_by_class_document_and_date(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "index.html")
    page = opened.page
    page.uncheck("#legend input[data-cls='Arrest']")
    assert hidden(page) == {ARREST}
    page.check("#legend input[data-cls='Arrest']")
    page.select_option("#document", "1")  # b.html: Anna Berg, Refugee Watch, Ruritania, b-1
    assert ANNA not in hidden(page) and RURITANIA not in hidden(page)
    assert ARREST in hidden(page)
    assert page.locator("#status").text_content() == "showing 4 of 9 nodes"
    page.select_option("#document", "")
    page.fill("#date-from", "2002-04")
    page.fill("#date-to", "2002")
    page.press("#date-to", "Enter")
    page.locator("#date-to").blur()
    # Only what an event in the range links stays: not Anna Berg and her organisation (a
    # relation has no date), nor the place and the law of the events out of range.
    assert hidden(page) == {ARREST, STATEMENT, ANNA, WATCH, STRELSAU, LAW}
    page.fill("#date-to", "not a date")
    page.locator("#date-to").blur()
    assert "invalid" in (page.locator("#date-to").get_attribute("class") or "")
    page.click("#reset")
    assert hidden(page) == set() and page.locator("#status").text_content() == ""
    offline_and_clean(opened)
    close(opened)


def test_hover_shows_a_plain_text_tooltip(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "hostile.html")
    page = opened.page
    page.evaluate(f"window.reportgraph.network.focus({ARREST!r}, {{scale: 1.5, animation: false}})")
    page.wait_for_timeout(200)
    box = page.locator("#mynetwork").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Ruritania arrests Borduvian refugees" in tooltip.inner_text()
    assert XSS in tooltip.inner_text(), "the sentence is shown literally"
    # innerText turns each newline into a <br>; nothing else may become an element
    tags = tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)")
    assert tags and set(tags) == {"BR"}, "text, not markup"
    offline_and_clean(opened)
    close(opened)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_xss_documents_run_nothing(browser: Any, pages: Path, bypass_csp: bool) -> None:
    """Names, titles and sentences carrying markup show it literally and run nothing, even
    with the Content-Security-Policy switched off (escaping alone must hold)."""
    hostile_iri = str(ID["person/hostile"])
    for name in ("hostile.html", "hostile-actors.html", "hostile-big.html"):
        opened = open_page(browser, pages / name, bypass_csp=bypass_csp)
        page = opened.page
        assert page.locator("h1").text_content() == HOSTILE
        assert page.title() == HOSTILE
        page.fill("#search", "anna <img")
        page.press("#search", "Enter")
        assert page.evaluate("window.reportgraph.network.getSelectedNodes()") == [hostile_iri]
        assert page.locator("#panel h2").text_content() == HOSTILE
        assert XSS in page.locator("#panel").text_content()
        if name != "hostile-actors.html":
            page.evaluate(f"window.reportgraph.selectNode({str(ID['event/x'])!r})")
            assert page.locator("#panel h2").text_content() == f"Protest {HOSTILE}"
            assert CLOSE in page.locator("#panel blockquote").first.text_content()
        options = page.locator("#document option").all_text_contents()
        assert any(HOSTILE in text for text in options), "the title shows as text"
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        offline_and_clean(opened)
        close(opened)
    opened = open_page(browser, pages / "hostile-timeline.html", bypass_csp=bypass_csp, wait=False)
    page = opened.page
    page.wait_for_load_state("load")
    assert page.locator("h1").text_content() == HOSTILE
    assert CLOSE in page.locator("main").text_content()
    page.fill("#filter", "img")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    offline_and_clean(opened)
    close(opened)


def test_timeline_links_open_the_node_in_the_graph_view(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "timeline.html", wait=False)
    page = opened.page
    page.wait_for_load_state("load")
    rows = page.locator("li.event")
    assert rows.count() == 3
    # a span under three years: month by month
    assert page.locator("section.year h2").all_text_contents() == [
        "2002-03 1",
        "2002-04 1",
        "2003-01 1",
    ]
    page.fill("#filter", "anna")
    assert page.locator("li.event:not([hidden])").count() == 1
    visible = [row.is_visible() for row in rows.all()]
    assert visible == [False, False, True], "filtered rows are hidden on screen too"
    assert page.locator("section.year").first.is_hidden(), "a month left empty is hidden"
    assert page.locator("#status").text_content() == "1 of 3 events"
    assert bar_heights(page) == {"2002-03": (0, 80), "2002-04": (0, 80), "2003-01": (80, 80)}
    page.fill("#filter", "")
    page.locator("a.event-link").first.click()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.url.startswith((pages / "index.html").as_uri())
    page.wait_for_timeout(200)
    assert page.evaluate("window.reportgraph.network.getSelectedNodes()") == [ARREST]
    assert page.locator("#panel h2").text_content() == "Ruritania arrests Borduvian refugees"
    offline_and_clean(opened)
    close(opened)


def bar_heights(page: Any) -> dict[str, tuple[int, int]]:
    """Each month's bar with events: (the height of what the filter shows, of all)."""
    return {
        bar.get_attribute("data-bucket"): (
            int(bar.locator("rect.shown").get_attribute("height")),
            int(bar.locator("rect.all").get_attribute("height")),
        )
        for bar in page.locator("#years a[data-bucket]").all()
        if bar.get_attribute("data-count") != "0"
    }


def test_graph_links_to_the_timeline_and_back(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "index.html")
    page = opened.page
    assert page.locator("#timeline-link").get_attribute("href") == "timeline.html"
    page.evaluate(f"window.reportgraph.selectNode({ARREST!r})")
    page.locator("#panel p.timeline a", has_text="show on the timeline").click()
    page.wait_for_load_state("load")
    assert page.url.startswith((pages / "timeline.html").as_uri() + "#event=")
    target = page.locator("li.event.target")
    assert target.count() == 1 and target.get_attribute("data-iri") == ARREST
    assert target.is_visible()
    page.go_back()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    page.evaluate(f"window.reportgraph.selectNode({ANNA!r})")
    page.locator("#panel p.timeline a", has_text="its events on the timeline").click()
    page.wait_for_load_state("load")
    page.wait_for_selector("#show-all:not([hidden])")
    assert page.locator("#status").text_content() == "events of Anna Berg: 1 of 3 events"
    assert page.locator("li.event:not([hidden]) a.event-link").all_text_contents() == [
        "Anna Berg condemns Ruritania"
    ]
    assert bar_heights(page)["2002-03"] == (0, 80), "the bars follow the filter"
    page.click("#show-all")
    assert page.locator("li.event:not([hidden])").count() == 3
    offline_and_clean(opened)
    close(opened)


def test_group_toggles_and_isolated_nodes(browser: Any, tmp_path: Path) -> None:
    dataset = mini()
    graph = dataset.graph(ID["graph/a"])
    graph.add((ID["person/alone"], RDF.type, RG.Person))
    graph.add((ID["person/alone"], RDFS.label, Literal("Alone")))
    render_view(dataset, tmp_path / "index.html")
    alone = str(ID["person/alone"])
    opened = open_page(browser, tmp_path / "index.html")
    page = opened.page
    assert hidden(page) == {alone}, "isolated nodes start hidden"
    assert page.locator("#status").text_content() == ""
    page.uncheck("#legend input[data-all='event']")
    events = {ARREST, STATEMENT, str(ID["event/a-2"])}
    assert hidden(page) == events | {alone}
    assert page.locator("#legend input[data-cls='Arrest']").is_checked() is False
    page.check("#legend input[data-cls='Arrest']")
    assert page.evaluate(
        "document.querySelector(\"#legend input[data-all='event']\").indeterminate"
    )
    page.check("#legend input[data-all='event']")
    page.uncheck("#legend input[data-group='Entities']")
    assert ANNA in hidden(page) and RURITANIA in hidden(page) and ARREST not in hidden(page)
    page.click("#reset")
    assert hidden(page) == {alone}
    page.check("#isolated")
    assert hidden(page) == set()
    page.uncheck("#isolated")
    page.fill("#search", "alone")
    page.press("#search", "Enter")
    assert page.evaluate("window.reportgraph.network.getSelectedNodes()") == [alone]
    assert page.locator("#isolated").is_checked(), "choosing a hidden isolated node shows it"
    offline_and_clean(opened)
    close(opened)


def test_timeline_link_to_a_folded_event_selects_its_edge(browser: Any, pages: Path) -> None:
    opened = open_page(browser, pages / "timeline-actors.html", wait=False)
    page = opened.page
    page.locator("a.event-link").first.click()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    page.wait_for_timeout(200)
    edges = page.evaluate("window.reportgraph.network.getSelectedEdges()")
    assert len(edges) == 1
    assert page.evaluate(f"window.reportgraph.edges.get({edges[0]!r}).event") == ARREST
    assert "arrested (2002-03-12)" in page.locator("#panel h2").text_content()
    offline_and_clean(opened)
    close(opened)


def test_the_panel_marks_a_corrected_fact_as_text(browser: Any, tmp_path: Path) -> None:
    """A node a corrections file changed (rg:correction) says so in its panel, the note
    shown as text: a note is the user's, but the page treats it as any other string."""
    dataset = mini()
    graph = next(g for g in dataset.graphs() if (URIRef(ARREST), None, None) in g)
    graph.add((URIRef(ARREST), RG.correction, Literal(f"the police act for the state {XSS}")))
    render_view(dataset, tmp_path / "index.html")
    opened = open_page(browser, tmp_path / "index.html")
    page = opened.page
    page.evaluate(f"window.reportgraph.selectNode({ARREST!r})")
    assert page.locator("#panel p.fix").all_text_contents() == [
        f"corrected: the police act for the state {XSS}"
    ]
    page.evaluate(f"window.reportgraph.selectNode({ANNA!r})")
    assert page.locator("#panel p.fix").count() == 0
    assert page.evaluate("window.__xss") is None
    offline_and_clean(opened)
    close(opened)

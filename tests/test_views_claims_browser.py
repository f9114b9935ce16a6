"""Claims in chromium: the panel of an event with conflicting claims shows both sides, the
"Sources >=" box hides the events told by fewer sources (and the nodes only they linked),
and hostile text in a claim shows as text (issue 16). The data is test_views_claims's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from test_views import ARREST
from test_views_browser import browser, close, offline_and_clean, open_page  # noqa: F401
from test_views_claims import LENA, XSS, claims_dataset

from reportgraph.views import render_timeline, render_view


def test_panel_shows_both_sides_and_the_filter_hides_events(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    render_view(claims_dataset(), tmp_path / "index.html")
    opened = open_page(browser, tmp_path / "index.html")
    page = opened.page
    page.evaluate(f"window.reportgraph.selectNode({ARREST!r})")
    conflict = page.locator("#panel .conflict")
    assert conflict.count() == 1
    assert "conflict: figures that cannot both hold" in conflict.locator(".kind").text_content()
    sides = conflict.locator(".sides > div").all_text_contents()
    assert len(sides) == 2
    assert "Anna Berg asserts · 40 refugees · 2002-04" in sides[0] and XSS in sides[0]
    assert "the document a.txt asserts · 25 refugees" in sides[1] and "in a.txt" in sides[1]
    assert page.locator("#panel p.sources").text_content() == "told by 2 independent sources"
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    events = "window.reportgraph.nodes.get().filter(n => n.kind === 'event' && !n.hidden).length"
    assert page.evaluate(events) == 3
    page.fill("#min-sources", "2")
    assert page.evaluate(events) == 1, "only the arrest is told by two sources"
    hidden = set(page.evaluate("Object.keys(window.reportgraph.state.hidden)"))
    assert LENA in hidden, "linked by the statement alone, she is isolated now"
    page.check("#isolated")
    assert LENA not in set(page.evaluate("Object.keys(window.reportgraph.state.hidden)"))
    page.click("#reset")
    assert page.evaluate(events) == 3 and page.input_value("#min-sources") == "1"
    offline_and_clean(opened)
    close(opened)


def test_timeline_marks_conflicts_and_filters_by_sources(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    render_timeline(claims_dataset(), tmp_path / "timeline.html")
    opened = open_page(browser, tmp_path / "timeline.html", wait=False)
    page = opened.page
    page.wait_for_load_state("load")
    assert page.locator("li.event .conflict").count() == 1
    assert page.locator(f"li.event[data-iri='{ARREST}'] .claims").text_content() == (
        "claimed by \u26a0 Anna Berg (asserts: 40 refugees, 2002-04, in b.html); "
        "\u26a0 the document a.txt (asserts: 25 refugees, in a.txt)"
    )
    page.fill("#min-sources", "2")
    assert page.locator("li.event:not([hidden])").count() == 1
    assert page.locator("#status").text_content() == "1 of 3 events"
    assert page.evaluate("typeof window.__xss") == "undefined"
    offline_and_clean(opened)
    close(opened)

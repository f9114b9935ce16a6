"""The endpoint's query page in Debian's chromium (Playwright, network blocked): a named
query run from its form shows its answer as a table, hostile text stays text, the page
breaks no rule of its Content-Security-Policy, and an IRI opens its node in the view."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from stores_compare import CORPUS_GRAPH
from test_views_browser import ARGS, CHROMIUM

from reportgraph.serve import make_server
from reportgraph.store import load_graph
from reportgraph.stores import open_store
from reportgraph.views import render_view

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
# every host but the server's own address resolves to nothing
LOCAL_ONLY = [a for a in ARGS if not a.startswith("--host-resolver-rules")] + [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    view = tmp_path_factory.mktemp("served") / "index.html"
    render_view(load_graph(CORPUS_GRAPH), view)
    store = open_store("memory", CORPUS_GRAPH)
    server = make_server(store, "127.0.0.1", 0, timeout=10, workers=1, view=view)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LOCAL_ONLY)
        yield launched
        launched.close()


def test_a_named_query_from_its_form_to_the_view(site: str, browser: Any) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("dialog", lambda dialog: (problems.append("dialog"), dialog.dismiss()))
    try:
        page.goto(site + "/")
        form = page.locator("#q-documents-mentioning form")
        form.locator('input[name="p.entity"]').fill("UNHCR")
        form.locator("button").click()
        page.wait_for_selector("#answer table")

        assert page.locator("#answer tbody tr").count() == 4
        assert page.locator("#answer th").all_inner_texts()[:2] == ["file", "title"]
        assert page.locator('#q-documents-mentioning input[name="p.entity"]').input_value() == (
            "UNHCR"
        )
        hostile = "Kim <img src=x onerror=alert(1)>"
        form = page.locator("#q-documents-mentioning form")
        form.locator('input[name="p.entity"]').fill(hostile)
        form.locator("button").click()
        page.wait_for_selector("#answer")
        assert page.locator("#answer img").count() == 0 and page.locator("img").count() == 0

        form = page.locator("#q-documents-mentioning form")
        form.locator('input[name="p.entity"]').fill("UNHCR")
        form.locator("button").click()
        link = page.locator("#answer tbody a").first
        iri = link.inner_text()
        assert iri.startswith("<https://w3id.org/reportgraph/id/doc/")
        link.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(site + "/view#node=")
        page.wait_for_function("document.querySelector('canvas') !== null", timeout=15_000)
        assert not problems, problems
    finally:
        page.close()

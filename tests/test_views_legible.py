"""Can a person read the graph page? Synthetic graphs of 300 and 3,000 nodes (bench_views's
generator) in Debian's chromium at 1280x720 and 1920x1080: what the canvas really draws is
recorded (every fillText, its font and transform), so the sizes are screen pixels.

Screenshots are kept as test artefacts: in pytest's temporary folder (the last runs are
kept), or in the folder ``REPORTGRAPH_SCREENSHOTS`` names (``graph/screenshots`` is ignored
by git).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest
from test_views_browser import browser, offline_and_clean, open_page  # noqa: F401

from reportgraph.views import render_view

BENCH = Path(__file__).parents[1] / "bench" / "bench_views.py"
SIZES = (300, 3000)
VIEWPORTS = ((1280, 720), (1920, 1080))
LEGIBLE_PX = 10
# Every label the canvas draws: its text, its size in screen pixels and its box on screen.
RECORD_TEXT = """() => {
  window.__texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
    const t = this.getTransform();
    const ratio = window.devicePixelRatio || 1;
    const px = parseFloat(/(\\d+(?:\\.\\d+)?)px/.exec(this.font)[1]) * t.a / ratio;
    const width = this.measureText(text).width * t.a / ratio;
    const sx = (t.a * x + t.e) / ratio, sy = (t.d * y + t.f) / ratio;
    const left = this.textAlign === "center" ? sx - width / 2 : sx;
    window.__texts.push({ text: String(text), px: px, x: left, y: sy, w: width });
    return fill.apply(this, arguments);
  };
}"""


def synthetic(nodes: int) -> Any:
    spec = importlib.util.spec_from_file_location("bench_views", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic(nodes)


@pytest.fixture(scope="module")
def sized(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("legible")
    pages = {}
    for size in SIZES:
        pages[size] = folder / f"graph-{size}.html"
        render_view(synthetic(size), pages[size])
    return pages


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    named = os.environ.get("REPORTGRAPH_SCREENSHOTS")
    if named:
        Path(named).mkdir(parents=True, exist_ok=True)
        return Path(named)
    return tmp_path_factory.mktemp("screenshots")


def drawn_labels(page: Any) -> list[dict[str, Any]]:
    """The texts of one fresh frame of the canvas, as the browser drew them."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const network = window.reportgraph.network;
            window.__texts = [];
            network.once("afterDrawing", () => resolve(window.__texts.slice()));
            network.redraw();
        })"""
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def test_labels_are_legible_at_the_default_zoom(
    browser: Any,  # noqa: F811
    sized: dict[int, Path],
    shots: Path,
    size: int,
    viewport: tuple[int, int],
) -> None:
    width, height = viewport
    opened = open_page(browser, sized[size], viewport=viewport, init_script=RECORD_TEXT)
    page = opened.page
    ready_ms = page.evaluate("window.reportgraph.state.readyAt")
    texts = drawn_labels(page)
    page.screenshot(path=str(shots / f"graph-{size}-{width}x{height}.png"))
    box = page.locator("#mynetwork").bounding_box()
    # the 20 best-connected nodes on show, by the rank the page labels them in
    top = page.evaluate(
        """() => { const rg = window.reportgraph;
        return rg.nodes.get({ filter: n => !rg.state.hidden[n.id] })
          .sort((a, b) => a.rank - b.rank).slice(0, 20).map(n => n.label); }"""
    )
    by_text = {t["text"]: t for t in texts}
    sizes = {label: by_text[label]["px"] if label in by_text else 0.0 for label in top}
    assert min(sizes.values()) >= LEGIBLE_PX, f"top-20 labels in screen px: {sizes}"
    legible = [t for t in texts if t["px"] >= LEGIBLE_PX]
    for t in legible:  # framed: no label runs off the canvas (canvas coordinates)
        assert t["x"] >= -1 and t["x"] + t["w"] <= box["width"] + 1, t
        assert t["y"] >= -1 and t["y"] + t["px"] <= box["height"] + 1, t
    assert not overlapping(legible), "no label is drawn over another"
    assert len(legible) >= 20
    # level of detail: zoomed in twice, more labels (and none smaller)
    page.evaluate(
        "window.reportgraph.network.moveTo({scale: window.reportgraph.network.getScale() * 2})"
    )
    zoomed = [t for t in drawn_labels(page) if t["px"] >= LEGIBLE_PX]
    assert len(zoomed) > len(legible)
    print(
        f"\n{size} nodes at {width}x{height}: {len(legible)} legible labels "
        f"(top-20 {min(sizes.values()):.0f}-{max(sizes.values()):.0f} px), {len(zoomed)} "
        f"zoomed in x2; ready {ready_ms:.0f} ms"
    )
    offline_and_clean(opened)
    opened.page.context.close()


def overlapping(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes (text width by font size) overlap."""
    boxes = [(t["x"], t["y"], t["x"] + t["w"], t["y"] + t["px"], t) for t in texts]
    return [
        (a[4]["text"], b[4]["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]

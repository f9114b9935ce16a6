"""How long a big graph view takes to become usable, in Python and in a real browser.

A synthetic graph shaped like a built one (entities of every class, events with agents,
affected, places, dates, evidence and documents; a few hubs, as real reports have) is
drawn at several sizes. For each page it reports the Python side (projection and render)
and, in Debian's chromium with the network blocked, the time from navigation to the first
drawn frame ("ready": the canvas shows the graph and takes input), then what a user does
next: a search that selects and centres a node, and a zoom frame. Best of N page loads.
It reports and never fails: a benchmark, not a timed test.

Run: ``.venv/bin/python bench/bench_views.py [--sizes 5000,10000,20000] [--runs N] [--json]``
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS, XSD

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES
from reportgraph.ontology import ID, RG
from reportgraph.views import LAYOUT_THRESHOLD, MAX_NODES, render_view

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
EVENT_SHARE = 0.55  # a built corpus has a little more events than entities
DOCUMENTS = 60


def synthetic(nodes: int, seed: int = 7) -> Dataset:
    """About ``nodes`` entities and events in ``DOCUMENTS`` named graphs, the same every run."""
    rng = random.Random(seed)
    dataset = Dataset(default_union=True)
    events = int(nodes * EVENT_SHARE)
    entities = nodes - events
    names = [ID[f"entity/e{i}"] for i in range(entities)]
    # a few hubs: participants drawn with a heavy tail, as countries and agencies are
    weights = [1 / (i + 1) ** 0.9 for i in range(entities)]
    graphs = [dataset.graph(ID[f"graph/d{d}"]) for d in range(DOCUMENTS)]
    for d, graph in enumerate(graphs):
        doc = ID[f"doc/d{d}"]
        graph.add((doc, RDF.type, RG.Document))
        graph.add((doc, RG.fileName, Literal(f"report-{d:03d}.txt")))
        graph.add((doc, RDFS.label, Literal(f"Report {d}")))
    for i, node in enumerate(names):
        graph = graphs[i % DOCUMENTS]
        graph.add((node, RDF.type, RG[ENTITY_CLASSES[i % len(ENTITY_CLASSES)]]))
        graph.add((node, RDFS.label, Literal(f"Entity {i}", lang="en")))
        graph.add((node, RG.mentionedIn, ID[f"doc/d{i % DOCUMENTS}"]))
    for i in range(events):
        graph = graphs[rng.randrange(DOCUMENTS)]
        event = ID[f"event/v{i}"]
        cls = EVENT_CLASSES[i % len(EVENT_CLASSES)]
        agent, affected, place = rng.choices(names, weights=weights, k=3)
        graph.add((event, RDF.type, RG[cls]))
        graph.add((event, RDFS.label, Literal(f"{cls} {i}", lang="en")))
        graph.add((event, RG.agent, agent))
        graph.add((event, RG.affected, affected))
        if i % 3 == 0:
            graph.add((event, RG.place, place))
        year, month = 1990 + rng.randrange(25), 1 + rng.randrange(12)
        graph.add((event, RG.date, Literal(f"{year}-{month:02d}", datatype=XSD.gYearMonth)))
        graph.add((event, RG.evidence, Literal(f"Sentence {i} says who did what to whom.")))
        graph.add((event, RG.mentionedIn, ID[f"doc/d{i % DOCUMENTS}"]))
    return dataset


def render(dataset: Dataset, out: Path, **kwargs: Any) -> dict[str, Any]:
    start = time.perf_counter()
    stats = render_view(dataset, out, **kwargs)
    return {
        "render_s": time.perf_counter() - start,
        "nodes": stats.nodes,
        "edges": stats.edges,
        "total_nodes": stats.total_nodes,
        "capped": stats.capped,
        "mb": out.stat().st_size / 1e6,
    }


def browser_times(browser: Any, path: Path, runs: int) -> dict[str, Any]:
    """Best of ``runs`` loads: ready (ms since navigation), search+select and a zoom frame."""
    best: dict[str, float] = {}
    blocked: list[str] = []
    errors: list[str] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
        ready = page.evaluate("window.reportgraph.state.readyAt")
        interaction = page.evaluate(
            """() => new Promise((resolve) => {
                const rg = window.reportgraph;
                const t0 = performance.now();
                const hits = rg.search("entity 1");
                rg.selectNode(hits[0]);
                rg.network.once("afterDrawing", () => {
                    const search = performance.now() - t0;
                    const t1 = performance.now();
                    rg.network.moveTo({ scale: rg.network.getScale() * 0.5 });
                    rg.network.once("afterDrawing", () => {
                        resolve({ search: search, frame: performance.now() - t1 });
                    });
                });
                rg.network.redraw();
            })"""
        )
        for key, value in (("ready_ms", ready), ("search_ms", interaction["search"])):
            best[key] = min(best.get(key, value), value)
        best["frame_ms"] = min(best.get("frame_ms", interaction["frame"]), interaction["frame"])
        context.close()
    return {**best, "blocked": blocked, "errors": errors[:3]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000", help="node counts to draw")
    parser.add_argument("--runs", type=int, default=3, help="page loads per view (best kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            start = time.perf_counter()
            dataset = synthetic(size)
            made = time.perf_counter() - start
            for collapse in (False, True):
                out = Path(tmp) / f"view-{size}-{'c' if collapse else 'e'}.html"
                row = {"size": size, "collapse": collapse, "dataset_s": made}
                row.update(render(dataset, out, collapse=collapse))
                row["path"] = out
                rows.append(row)
        note = browse(rows, args.runs)
        for row in rows:
            row.pop("path")
    if args.json:
        print(json.dumps({"rows": rows, "note": note}, indent=2))
        return 0
    print(f"machine  {platform.machine()}, python {platform.python_version()}")
    print(
        f"views    layout ahead and physics off above {LAYOUT_THRESHOLD} nodes; "
        f"cap {MAX_NODES} nodes"
    )
    print(f"browser  {note}\n")
    print(
        f"{'graph':>7} {'view':9}{'nodes':>7}{'edges':>7}{'MB':>6}{'render s':>10}"
        f"{'ready s':>9}{'search ms':>11}{'frame ms':>10}"
    )
    for row in rows:
        ready = f"{row['ready_ms'] / 1000:.2f}" if "ready_ms" in row else "-"
        search = f"{row['search_ms']:.0f}" if "search_ms" in row else "-"
        frame = f"{row['frame_ms']:.0f}" if "frame_ms" in row else "-"
        shown = f"{row['nodes']}" + ("*" if row["capped"] else "")
        print(
            f"{row['size']:>7} {'collapsed' if row['collapse'] else 'events':9}{shown:>7}"
            f"{row['edges']:>7}{row['mb']:>6.1f}{row['render_s']:>10.2f}"
            f"{ready:>9}{search:>11}{frame:>10}"
        )
        if row.get("errors") or row.get("blocked"):
            print(f"        problems: {row.get('errors')} blocked {row.get('blocked')}")
    if any(r["capped"] for r in rows):
        print("* capped: the page shows the largest connected neighbourhoods and says so")
    print(
        "\nready: navigation to the first drawn frame, when the graph is on screen and takes "
        "input;\nsearch: search + select + centre + redraw; frame: one zoom redraw. "
        "Best of the runs."
    )
    return 0


def browse(rows: list[dict[str, Any]], runs: int) -> str:
    """Fill in the browser figures; a line saying which browser, or why none."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: playwright is not installed (make install-test)"
    if not CHROMIUM.exists():
        return f"skipped: no {CHROMIUM} (make install-test installs it with apt-get as root)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        version = browser.version
        for row in rows:
            row.update(browser_times(browser, row["path"], runs))
        browser.close()
    return f"chromium {version}, headless, network blocked, best of {runs} loads"


if __name__ == "__main__":
    sys.exit(main())

"""The store a build writes into its folder (``GRAPH/store``, Oxigraph on disk) is what
every command reads by default: it answers as ``--store memory`` does, it follows
incremental builds, an older folder without one gets one, and ``--timeout`` stops a query
on it (the query runs in a worker process that is killed at the deadline)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from stores_compare import CORPUS_GRAPH, answers, differences
from test_hostile_serve import Server

from reportgraph.build import build_folder
from reportgraph.cli import cli
from reportgraph.query import run_query
from reportgraph.serve import make_server
from reportgraph.store import load_graph
from reportgraph.stores import STORE_DIR, open_store, read_dataset
from reportgraph.stores.oxigraph import OxigraphStore

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
MINI = Path(__file__).parent / "fixtures" / "mini.trig"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    """A folder as an older reportgraph left it: graph.trig and no store."""
    folder = tmp_path / "graph"
    folder.mkdir()
    shutil.copy(CORPUS_GRAPH / "graph.trig", folder / "graph.trig")
    return folder


def _quads(dataset: object) -> set[tuple[object, ...]]:
    return set(dataset.quads((None, None, None, None)))  # type: ignore[attr-defined]


def test_every_named_query_answers_on_the_folder_store_as_in_memory(old_folder: Path) -> None:
    expected = answers(load_graph(old_folder))
    with open_store(None, old_folder) as store:
        assert isinstance(store, OxigraphStore)
        assert differences(expected, answers(store)) == []
        assert [name for name, (_columns, rows) in expected.items() if not rows] == ["conflicts"]


def test_an_older_folder_gets_its_store_made_once_with_a_note(old_folder: Path) -> None:
    runner = CliRunner()
    args = ["query", "SELECT ?f WHERE { ?d rg:fileName ?f } ORDER BY ?f", "--graph"]
    first = runner.invoke(cli, [*args, str(old_folder)])
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith(f"note: {old_folder} has no store (built by an older")
    assert (old_folder / STORE_DIR).is_dir()
    again = runner.invoke(cli, [*args, str(old_folder)])
    assert (again.exit_code, again.stderr, again.stdout) == (0, "", first.stdout)


def test_a_graph_trig_written_since_makes_the_store_again(old_folder: Path) -> None:
    open_store(None, old_folder).close()
    shutil.copy(MINI, old_folder / "graph.trig")  # what an older build would do
    notes: list[str] = []
    dataset = read_dataset(None, old_folder, notes.append)
    assert _quads(dataset) == _quads(load_graph(MINI))
    assert notes and "is older than its graph.trig" in notes[0]


def test_a_copied_folder_keeps_its_store(old_folder: Path, tmp_path: Path) -> None:
    open_store(None, old_folder).close()
    copy = tmp_path / "copy"
    shutil.copytree(old_folder, copy, copy_function=shutil.copy)  # new times, same bytes
    notes: list[str] = []
    open_store(None, copy, notes.append).close()
    assert notes == []


def test_build_writes_the_store_and_an_incremental_build_updates_it(tmp_path: Path) -> None:
    src, out = tmp_path / "docs", tmp_path / "graph"
    src.mkdir()
    shutil.copy(GOLDEN, src / "a.txt")
    build_folder([src], out)
    assert (out / STORE_DIR).is_dir()
    (src / "b.txt").write_text("Norway signed the Convention Against Torture in 1985.\n")
    report = build_folder([src], out)  # incremental: a.txt's extraction is reused
    assert report.reused == 1
    notes: list[str] = []
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with open_store(None, out, notes.append) as store:
        assert run_query(store, count, {}).rows == [(str(len(_quads(load_graph(out)))),)]
    assert notes == [], "the build's own store is fresh"
    listed = CliRunner().invoke(
        cli, ["query", "SELECT ?f WHERE { ?d rg:fileName ?f } ORDER BY ?f", "--graph", str(out)]
    )
    assert listed.stdout.split()[2:] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("store", [None, "memory"])
def test_timeout_stops_a_cartesian_count_within_a_second(old_folder: Path, store: str) -> None:
    args = ["query", CARTESIAN, "--graph", str(old_folder), "--timeout", "1"]
    open_store(None, old_folder).close()
    start = time.monotonic()
    result = CliRunner().invoke(cli, [*args, *(["--store", store] if store else [])])
    elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: query stopped after 1 s (the time limit; --timeout to change it)\n"
    )
    assert elapsed < 2.0 + 1.0  # the limit, the second it may take, and the worker's start


@pytest.fixture
def served_store(old_folder: Path) -> Iterator[Server]:
    store = open_store(None, old_folder)
    server = make_server(store, "127.0.0.1", 0, timeout=4, limit=50)  # 8 workers by default
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(server, store)
    finally:
        server.shutdown()
        server.server_close()
        store.close()
        thread.join(timeout=10)


def test_serve_answers_ask_while_five_slow_queries_run_on_the_store(
    served_store: Server,
) -> None:
    slow: list[tuple[int, dict[str, str], str]] = []
    threads = [
        threading.Thread(target=lambda: slow.append(served_store.request(CARTESIAN, wait=60)))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # all five are running
    took = []
    for _ in range(5):
        start = time.monotonic()
        status, _headers, body = served_store.request("ASK { ?s ?p ?o }")
        took.append(time.monotonic() - start)
        assert (status, '"boolean": true' in body) == (200, True)
    print("ASK latencies, s:", [round(t, 3) for t in took])
    assert sorted(took)[2] < 0.2 and max(took) < 0.5, took
    for thread in threads:
        thread.join(timeout=30)
    assert [status for status, _h, _b in slow] == [503] * 5
    assert all(body.startswith("query stopped after 4 s (the server's") for _s, _h, body in slow)


def test_the_store_is_loaded_in_slices_with_the_same_quads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk loader's memory grows with the text it is given, so a build's files go to
    it a slice at a time; the store holds what loading each file whole gives, and a blank
    node named in two slices stays one node."""
    import pyoxigraph as ox

    from reportgraph.stores import oxigraph

    def quads(folder: Path) -> list[str]:
        return sorted(str(q) for q in ox.Store.read_only(str(folder)))

    from rdflib import Dataset

    from reportgraph.turtle import turtle

    shutil.copy(CORPUS_GRAPH / "graph.trig", tmp_path / "graph.trig")
    union = {(s, p, o) for s, p, o, _ in Dataset().parse(CORPUS_GRAPH / "graph.trig").quads()}
    (tmp_path / "graph.ttl").write_text(turtle(union), encoding="utf-8")  # sliced as well
    oxigraph.make_oxigraph(tmp_path / "whole", tmp_path / "graph.trig")
    monkeypatch.setattr(oxigraph, "SLICE_BYTES", 2_000)
    calls: list[int] = []
    real = ox.Store.bulk_load
    monkeypatch.setattr(
        ox.Store, "bulk_load", lambda self, *a, **k: calls.append(1) or real(self, *a, **k)
    )
    oxigraph.make_oxigraph(tmp_path / "sliced", tmp_path / "graph.trig")
    assert len(calls) > 10
    assert quads(tmp_path / "sliced") == quads(tmp_path / "whole")

    blank = "@prefix ex: <http://example.org/> .\n\n" + "".join(
        f"ex:g{i} {{\n    _:b ex:p ex:o{i} .\n}}\n\n" for i in range(50)
    )
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "graph.trig").write_text(blank, encoding="utf-8")
    oxigraph.make_oxigraph(tmp_path / "blank", tmp_path / "alone" / "graph.trig")
    subjects = {q.subject for q in ox.Store.read_only(str(tmp_path / "blank"))}
    assert len(subjects) == 1, "one blank node in every graph, as the file says"

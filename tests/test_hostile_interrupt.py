"""Nothing lost: a build killed at any point, or crashing, leaves the previous outputs whole
and readable; two builds into one folder never interleave.

The builds run as real subprocesses of the CLI, paused at a chosen point (while reading
the documents, or with every new output written but none renamed into place) until the
test has sent its signal. They run on rules alone (``REPORTGRAPH_MODEL=none``): what is
tested is the writing, not the extraction, and they start faster.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from reportgraph.build import LOCK_FILE, STAGING_PREFIX, build_folder
from reportgraph.cli import cli
from reportgraph.extract import DEFAULT_PIPELINE, component, get_pipeline
from reportgraph.model import Annotated
from reportgraph.rdf import graph_iri
from reportgraph.store import load_graph
from reportgraph.stores import STORE_DIR
from reportgraph.stores.oxigraph import STAMP_FILE

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
OUTPUTS = ("graph.ttl", "graph.trig", "index.html")

# Runs the CLI, pausing once at ``where`` (touching ``marker``) until ``go`` exists.
PAUSED_BUILD = """
import sys, time
from pathlib import Path
import reportgraph.build as build
import reportgraph.views as views

where, marker, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

def pause():
    marker.touch()
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.02)

if where == "extract":
    original_extract, seen = build.extract, []
    def extract(document, pipeline=None):
        seen.append(document)
        if len(seen) == 2:
            pause()
        return original_extract(document, pipeline)
    build.extract = extract
elif where == "write":  # the store is made last, after the files and the view
    import reportgraph.writing as writing
    original_store = writing.make_store
    def make_store(*args, **kwargs):
        made = original_store(*args, **kwargs)
        pause()
        return made
    writing.make_store = make_store

from reportgraph.cli import cli
cli.main(sys.argv[4:], prog_name="reportgraph")
"""


def _sources(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(GOLDEN, folder / "a.txt")
    (folder / "b.txt").write_text("Canada ratified the Convention Against Torture in 1987.\n")
    (folder / "c.txt").write_text("Norway signed the Convention Against Torture in 1985.\n")
    return folder


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph folder from an earlier build of one document: what must survive."""
    out = tmp_path_factory.mktemp("previous") / "graph"
    build_folder([GOLDEN], out)
    return out


@pytest.fixture
def graph(previous: Path, tmp_path: Path) -> Path:
    out = tmp_path / "graph"
    shutil.copytree(previous, out)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    """The output files, and what the store holds and which graph.trig it says it holds."""
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    store = ox.Store.read_only(str(out / STORE_DIR))
    files["store"] = b"".join(sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines()))
    files[STAMP_FILE] = (out / STORE_DIR / STAMP_FILE).read_bytes()
    return files


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX) or p.suffix == ".tmp"
    )


class Paused:
    """A CLI build in a subprocess, waiting at its pause point."""

    def __init__(self, tmp_path: Path, where: str, args: list[str]) -> None:
        self.marker = tmp_path / f"paused-{where}"
        self.go = tmp_path / f"go-{where}"
        env = {**os.environ, "REPORTGRAPH_MODEL": "none"}
        command = [sys.executable, "-c", PAUSED_BUILD, where, str(self.marker), str(self.go)]
        self.process = subprocess.Popen(
            [*command, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while not self.marker.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                _, err = self.process.communicate(timeout=5)
                pytest.fail(f"the build never reached its pause point: {err}")
            time.sleep(0.02)

    def finish(self, sig: signal.Signals | None = None) -> tuple[int, str]:
        if sig is None:
            self.go.touch()
        else:
            self.process.send_signal(sig)
        _, err = self.process.communicate(timeout=60)
        return self.process.returncode, err


@pytest.mark.parametrize("where", ["extract", "write"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_build_keeps_the_previous_outputs_and_cleans_up(
    graph: Path, tmp_path: Path, where: str, sig: signal.Signals
) -> None:
    before = _snapshot(graph)
    src = _sources(tmp_path / "docs")
    build = Paused(tmp_path, where, ["build", str(src), "--out", str(graph), "--quiet"])
    if where == "write":
        staged = [p for p in graph.iterdir() if p.name.startswith(STAGING_PREFIX)]
        assert len(staged) == 1 and (staged[0] / "graph.trig").is_file(), "new outputs are ready"
        assert (staged[0] / STORE_DIR / STAMP_FILE).is_file(), "and the new store"
    code, err = build.finish(sig)
    assert code == 130, err
    assert f"interrupted: the outputs in {graph} are whole" in err
    assert "Traceback" not in err
    assert _snapshot(graph) == before
    assert len(load_graph(graph)) > 0, "still readable"
    assert _leftovers(graph) == [] and not (graph / LOCK_FILE).exists()


@pytest.mark.parametrize("where", ["extract", "write"])
def test_killed_build_keeps_the_previous_outputs_and_the_next_build_tidies_up(
    graph: Path, tmp_path: Path, where: str
) -> None:
    before = _snapshot(graph)
    src = _sources(tmp_path / "docs")
    build = Paused(tmp_path, where, ["build", str(src), "--out", str(graph), "--quiet"])
    code, _ = build.finish(signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert _snapshot(graph) == before
    assert len(load_graph(graph)) > 0
    assert (graph / LOCK_FILE).exists(), "a killed build cannot remove its lock"
    if where == "write":
        assert _leftovers(graph), "the staging folder a killed build leaves"
    report = build_folder([src], graph)  # the dead build's lock is stale: taken over
    assert report.documents == 3
    assert _leftovers(graph) == [] and not (graph / LOCK_FILE).exists()
    assert _snapshot(graph) != before


def test_a_second_build_refuses_while_the_first_runs_and_never_interleaves(
    graph: Path, tmp_path: Path
) -> None:
    src = _sources(tmp_path / "docs")
    first = Paused(tmp_path, "extract", ["build", str(src), "--out", str(graph), "--quiet"])
    second = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(graph), "--quiet"])
    assert second.exit_code == 1
    assert second.stderr.startswith(f"Error: another build is writing to {graph} (lock file ")
    assert second.stderr.count("\n") == 1
    code, err = first.finish()
    assert code == 0, err
    names = {str(g.identifier) for g in load_graph(graph).graphs() if len(g)}
    assert names == {str(graph_iri(name)) for name in ("a.txt", "b.txt", "c.txt")}, "first's"
    assert not (graph / LOCK_FILE).exists()


def test_two_builds_started_together_never_both_write(tmp_path: Path) -> None:
    src = _sources(tmp_path / "docs")
    out = tmp_path / "graph"
    env = {**os.environ, "REPORTGRAPH_MODEL": "none"}
    main = "from reportgraph.cli import cli; cli.main(prog_name='reportgraph')"
    command = [sys.executable, "-c", main, "build", str(src), "--out", str(out)]
    processes = [
        subprocess.Popen(
            [*command, "--quiet"], env=env, stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    codes = sorted(code for code, _ in results)
    refused = [err for code, err in results if code == 1]
    assert codes in ([0, 0], [0, 1]), results  # one after the other, or one refused
    assert all("another build is writing to" in err for err in refused)
    assert len(load_graph(out)) > 0 and _leftovers(out) == []


# --- crashes ---------------------------------------------------------------------------------


@component("explodes_on_b", requires=["sentences"])
def _explodes_on_b(doc: Annotated) -> None:
    if doc.document.file_name == "b.txt":
        raise RuntimeError("boom")


def test_an_extractor_crash_skips_the_document_and_keeps_its_last_good_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _sources(tmp_path / "docs")
    out = tmp_path / "graph"
    build_folder([src], out)
    old_b = set(load_graph(out).graph(graph_iri("b.txt")))
    assert old_b

    import reportgraph.build as build

    crashing = get_pipeline([*DEFAULT_PIPELINE, "explodes_on_b"])
    monkeypatch.setattr(build, "get_pipeline", lambda: crashing)
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "skipped: b.txt: extractor 'explodes_on_b' failed: RuntimeError('boom')" in (
        result.stderr
    )
    assert "kept: b.txt: the previous build's graph of it (extraction failed)" in result.stderr
    dataset = load_graph(out)
    assert set(dataset.graph(graph_iri("b.txt"))) == old_b
    assert len(dataset.graph(graph_iri("a.txt"))) > 0


@pytest.mark.parametrize("crash", [RuntimeError("disk on fire"), MemoryError()])
def test_a_crash_while_writing_leaves_the_previous_outputs(
    graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException
) -> None:
    import reportgraph.views as views

    before = _snapshot(graph)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise crash

    monkeypatch.setattr(views, "render_view", broken)
    with pytest.raises(type(crash)):
        build_folder([_sources(tmp_path / "docs")], graph)
    assert _snapshot(graph) == before
    assert _leftovers(graph) == [] and not (graph / LOCK_FILE).exists()

"""One changed document of 200 is one document's work, with the graph of a full build:
the next build replaces in a copy of the previous store only the named graphs that changed
(and the union's facts they alone stated) and renders only their reader pages; its store
holds exactly the quads of a store made from scratch, and every file is the same bytes."""

from __future__ import annotations

import random
from pathlib import Path

import changes
import pytest
from click.testing import CliRunner

from reportgraph import writing
from reportgraph.build import build_folder
from reportgraph.cli import cli
from reportgraph.writing import DEFERRED

COUNTRIES = ["China", "North Korea", "South Korea", "Thailand", "Laos", "Burma", "Vietnam"]
CITIES = ["Yanji", "Beijing", "Seoul", "Bangkok", "Shenyang", "Dandong"]
ORGS = ["UNHCR", "Human Rights Watch", "Amnesty International", "the Red Cross"]
PEOPLE = ["Kim Young-il", "Lee Sun-ho", "Park Sun-hee", "Choi Jae-won", "Han Mi-rae"]
FILES = ("graph.trig", "graph.ttl", "resolution.json", "index.html", "timeline.html")


def _text(rng: random.Random) -> str:
    sentences = [
        f"Police in {rng.choice(CITIES)} arrested {rng.randint(2, 40)} North Korean refugees "
        f"on {rng.randint(1, 28)} March {rng.randint(1998, 2008)}.",
        f"{rng.choice(PEOPLE)}, a member of {rng.choice(ORGS)}, visited {rng.choice(CITIES)}.",
        f"{rng.choice(COUNTRIES)} repatriated them to {rng.choice(COUNTRIES)} in "
        f"{rng.randint(1998, 2008)}.",
    ]
    return " ".join(rng.sample(sentences, 2)) + "\n"


def _corpus(folder: Path, count: int) -> Path:
    rng = random.Random(14)
    folder.mkdir()
    for index in range(count):
        (folder / f"r{index:03d}.txt").write_text(_text(rng), encoding="utf-8")
    return folder


@pytest.fixture
def updates(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What each store update in place returned (None: it fell back to a bulk load)."""
    seen: list[object] = []
    original = writing.update_oxigraph

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(original(*args, **kwargs))  # type: ignore[arg-type]
        return seen[-1]

    monkeypatch.setattr(writing, "update_oxigraph", spy)
    return seen


CHANGES = [
    # a new fact about known people and places: other documents' nodes merge with it
    ("change", "r100.txt", "Kim Young-il, also known as Kim Il, fled Yanji in 2004.\n"),
    ("add", "r200.txt", "Thailand deported 40 refugees to Laos in 2005. Kim Il spoke.\n"),
    ("remove", "r050.txt", None),
]


def _apply(docs: Path, what: str, name: str, text: str | None) -> None:
    if what == "remove":
        (docs / name).unlink()
    elif what == "change":
        with (docs / name).open("a", encoding="utf-8") as stream:
            stream.write(text or "")
    else:
        (docs / name).write_text(text or "", encoding="utf-8")


def test_one_changed_document_of_200_gives_the_graph_of_a_full_build(
    tmp_path: Path, updates: list[object]
) -> None:
    docs = _corpus(tmp_path / "docs", 200)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1)
    assert updates == []  # the first build loads its store
    for step, (what, name, text) in enumerate(CHANGES):
        _apply(docs, what, name, text)
        build_folder([docs], out, jobs=1)
        assert updates[-1] is not None, what  # updated in place, not loaded again
        full = tmp_path / f"full{step}"
        build_folder([docs], full, jobs=1, incremental=False)
        assert changes.quads(out) == changes.quads(full), what
        for file in FILES:
            assert (out / file).read_bytes() == (full / file).read_bytes(), (what, file)
        assert changes.pages(out) == changes.pages(full), what
        assert (name in (out / "graph.trig").read_text()) == (what != "remove")


def test_one_changed_document_of_200_is_that_documents_share_of_the_work_when_lean(
    tmp_path: Path, updates: list[object]
) -> None:
    """--lean: resolution redone for the changed document alone, only the named graphs
    that change written, the store updated in place; the quads those of a full build."""
    docs = _corpus(tmp_path / "docs", 200)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    for step, (what, name, text) in enumerate(CHANGES):
        _apply(docs, what, name, text)
        report = build_folder([docs], out, jobs=1, lean=True)
        assert report.mode.startswith(f"redid only the share of 1 changed document(s) ({name})")
        assert updates[-1] is not None, what
        assert len(report.graphs) < 50  # the changed one and those its entities touch
        full = tmp_path / f"full{step}"
        build_folder([docs], full, jobs=1, lean=True, incremental=False)
        assert changes.quads(out) == changes.quads(full), what
        assert (out / "graph.trig").read_bytes() == (full / "graph.trig").read_bytes(), what
        assert changes.pages(out) == changes.pages(full), what


def test_a_lean_build_leaves_nothing_stale_and_the_commands_work(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs", 3)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1)
    assert all((out / name).is_file() for name in DEFERRED)
    (docs / "r001.txt").write_text("Laos deported 9 refugees in 2006.\n", encoding="utf-8")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert not any((out / name).exists() for name in DEFERRED)
    assert not set(report.outputs) & {out / name for name in DEFERRED}
    assert "Laos" in (out / "graph.trig").read_text()
    full = tmp_path / "full"
    build_folder([docs], full, jobs=1, incremental=False)
    assert changes.quads(out) == changes.quads(full)
    runner = CliRunner()
    query = ["query", "SELECT ?s WHERE { ?s ?p 'Laos'@en }", "--graph", str(out)]
    assert "country/laos" in runner.invoke(cli, query).output
    ttl = ["export", "--graph", str(out), "--format", "turtle", "--out", str(out / "graph.ttl")]
    assert runner.invoke(cli, ttl).exit_code == 0
    assert (out / "graph.ttl").read_bytes() == (full / "graph.ttl").read_bytes()
    assert runner.invoke(cli, ["view", "--graph", str(out)]).exit_code == 0
    assert (out / "index.html").is_file()

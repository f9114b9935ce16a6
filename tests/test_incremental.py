"""Incremental and parallel builds give the same bytes as a full build in one process:
unchanged documents reuse their extraction (kept by content hash in OUT/.cache), removed
ones leave the graph, and --jobs N extracts in N processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph import batch
from reportgraph.batch import CACHE_DIR, ExtractionCache, extract_all
from reportgraph.build import build_folder
from reportgraph.cli import cli
from reportgraph.errors import IngestError
from reportgraph.extract import DEFAULT_PIPELINE, extract, get_pipeline

OUTPUTS = ("graph.trig", "graph.ttl", "resolution.json", "index.html")
TEXTS = {
    "a.txt": "Police in Yanji arrested 12 North Korean refugees on 3 March 2002. "
    "China repatriated them to North Korea in April 2002.",
    "b.txt": "The UNHCR said on 5 May 2002 that China violates the Refugee Convention. "
    "Kim Young-il, a member of the UNHCR, visited Beijing.",
    "c.md": "# Aid\n\nSouth Korea gave food aid to North Korean refugees in Seoul in 2003.",
}


def _corpus(folder: Path, texts: dict[str, str] = TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_an_incremental_build_writes_what_a_full_build_writes(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    first = build_folder([docs], out)
    assert (first.reused, first.documents) == (0, 3)

    again = build_folder([docs], out)
    assert again.reused == 3  # nothing changed: nothing extracted

    (docs / "a.txt").write_text(TEXTS["a.txt"] + " Burma arrested 3 monks in 2004.", "utf-8")
    (docs / "b.txt").unlink()
    (docs / "d.txt").write_text("Thailand deported 40 refugees to Laos in 2005.", "utf-8")
    incremental = build_folder([docs], out)
    assert incremental.reused == 1  # c.md; a.txt changed, d.txt is new, b.txt is gone

    full = build_folder([docs], tmp_path / "full", incremental=False)
    assert full.reused == 0
    assert _bytes(out) == _bytes(tmp_path / "full")
    assert b"b.txt" not in (out / "graph.trig").read_bytes()
    cached = list((out / CACHE_DIR / "extract").glob("*/*.json"))
    assert len(cached) == 3  # b.txt's entry was pruned


def test_parallel_extraction_writes_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MIN_PER_JOB", 1)  # a process even for one document
    docs = _corpus(tmp_path / "docs")
    runner = CliRunner()
    for jobs, out in (("1", "one"), ("3", "three")):
        result = runner.invoke(
            cli, ["build", str(docs), "--out", str(tmp_path / out), "--jobs", jobs, "--full"]
        )
        assert result.exit_code == 0, result.output
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "three")


def test_the_cli_says_what_it_reused(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(docs), "--out", str(out), "-j", "1"]).exit_code == 0
    again = runner.invoke(cli, ["build", str(docs), "--out", str(out), "-j", "1"])
    assert "reused   the extraction of 3 unchanged documents" in again.stdout
    full = runner.invoke(cli, ["build", str(docs), "--out", str(out), "-j", "1", "--full"])
    assert "reused" not in full.stdout


def test_few_documents_are_extracted_in_this_process(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    seen: list[str] = []

    def spy(document, pipeline):  # type: ignore[no-untyped-def]
        seen.append(document.file_name)  # only this process's list grows
        return extract(document, pipeline)

    extract_all(sorted(docs.iterdir()), get_pipeline(), jobs=4, extractor=spy)
    assert sorted(seen) == sorted(TEXTS)  # 3 documents < MIN_PER_JOB: no worker started


def test_problems_come_back_from_worker_processes_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MIN_PER_JOB", 1)
    docs = _corpus(tmp_path / "docs")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "sub").mkdir()
    shutil.copy(docs / "a.txt", docs / "sub" / "a.txt")  # a second a.txt
    paths = sorted(p for p in docs.rglob("*") if p.is_file())
    pipeline = get_pipeline()

    one = extract_all(paths, pipeline, jobs=1)
    two = extract_all(paths, pipeline, jobs=2)

    assert [str(p) for p in one.problems] == [str(p) for p in two.problems]
    assert len(one.problems) == 2 and all(isinstance(p, IngestError) for p in two.problems)
    assert [a.document.file_name for a in one.annotated] == [
        a.document.file_name for a in two.annotated
    ]


def test_a_changed_pipeline_or_a_broken_entry_means_extracting_again(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    paths = sorted(docs.iterdir())
    pipeline = get_pipeline()
    cache = ExtractionCache(tmp_path, pipeline)
    assert extract_all(paths, pipeline, cache=cache).extracted == 3
    assert extract_all(paths, pipeline, cache=ExtractionCache(tmp_path, pipeline)).reused == 3

    shorter = get_pipeline([name for name in DEFAULT_PIPELINE if name != "relations"])
    assert extract_all(paths, shorter, cache=ExtractionCache(tmp_path, shorter)).reused == 0

    for entry in cache.folder.glob("*.json"):
        entry.write_bytes(b"not JSON")
    redone = extract_all(paths, pipeline, cache=ExtractionCache(tmp_path, pipeline))
    assert (redone.reused, redone.extracted, redone.problems) == (0, 3, [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_every_file(
    tmp_path: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MIN_PER_JOB", 1)
    docs = _corpus(tmp_path / "docs")
    heard: list[str] = []
    extract_all(sorted(docs.iterdir()), get_pipeline(), jobs=jobs, progress=heard.append)
    assert sorted(heard) == sorted(TEXTS)


def test_a_city_whose_country_has_no_iso_code_does_not_crash_extraction(tmp_path: Path) -> None:
    """Found by bench_scale's synthetic corpus: Pristina's country (Kosovo, XK) is not in
    ISO 3166, and the relations extractor failed on every document naming it."""
    docs = _corpus(tmp_path / "docs", {"k.txt": "Police in Pristina arrested 12 students."})
    done = extract_all(sorted(docs.iterdir()), get_pipeline())
    assert done.problems == [] and len(done.annotated) == 1

"""The whole build on small inputs: golden graph, determinism, bad documents, the lock."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from reportgraph.build import LOCK_FILE, build_dataset, build_folder
from reportgraph.errors import ReportgraphError
from reportgraph.keys import name_key
from reportgraph.ontology import RG
from reportgraph.rdf import union

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def _dump(g: Graph) -> str:
    return "\n".join(sorted(line for line in g.serialize(format="nt").splitlines() if line))


def test_golden_fixture_graph() -> None:
    built = union(build_dataset([GOLDEN / "report.txt"]).dataset)
    keys = set(built.triples((None, RG.key, None)))  # derived from the names: checked below
    assert keys == {
        (entity, RG.key, Literal(name_key(str(name))))
        for entity, predicate, name in built
        if predicate in (RDFS.label, SKOS.altLabel)
        and (entity, RG.mentionedIn, None) in built
        and (entity, RDF.type, None) in built
        and not set(built.objects(entity, RG.evidence))
    }
    assert {str(o) for _s, _p, o in keys} >= {"thailand", "laos"}
    for triple in keys:
        built.remove(triple)
    expected = Graph().parse(GOLDEN / "expected.ttl", format="turtle")
    if not isomorphic(built, expected):
        _, only_built, only_expected = graph_diff(to_isomorphic(built), to_isomorphic(expected))
        pytest.fail(
            f"built graph differs from expected.ttl\n--- only built:\n{_dump(only_built)}"
            f"\n--- only expected:\n{_dump(only_expected)}"
        )


def _build_in_subprocess(src: Path, out: Path, seed: str) -> None:
    code = "import sys; from pathlib import Path; from reportgraph.build import build_folder; "
    code += "build_folder([Path(sys.argv[1])], Path(sys.argv[2]))"
    env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code, str(src), str(out)], check=True, env=env)


def test_same_input_gives_byte_identical_outputs(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(GOLDEN / "report.txt", src / "a.txt")
    (src / "b.md").write_text("# Second\n\nCanada ratified the Convention Against Torture.\n")
    _build_in_subprocess(src, tmp_path / "one", "1")
    _build_in_subprocess(src, tmp_path / "two", "2")
    for name in ("graph.ttl", "graph.trig", "index.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_trig_keeps_one_named_graph_per_document(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("Canada ratified the Convention Against Torture in 1987.\n")
    (src / "b.txt").write_text("Canada signed the Convention Against Torture in 1985.\n")
    report = build_folder([src], tmp_path / "out")
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    names = sorted(str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g))
    assert names == ["a.txt", "b.txt"]
    assert report.documents == 2


def test_a_bad_document_is_skipped_and_named(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    (src / "good.txt").write_text("Canada ratified the Convention Against Torture in 1987.\n")
    (src / "empty.txt").write_text("   \n")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    report = build_folder([src], tmp_path / "out")
    assert report.documents == 1
    skipped = sorted(str(p) for p in report.skipped)
    assert len(skipped) == 2
    assert any("empty.txt" in s for s in skipped) and any("binary.txt" in s for s in skipped)


def test_nothing_readable_writes_nothing_and_keeps_old_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_folder([GOLDEN / "report.txt"], out)
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ReportgraphError, match="no document could be read"):
        build_folder([empty], out)
    assert (out / "graph.ttl").read_bytes() == before


def test_a_second_build_into_the_same_folder_refuses(tmp_path: Path) -> None:
    import fcntl
    import os

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK_FILE, os.O_CREAT | os.O_WRONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a live build holds the lock
    try:
        with pytest.raises(ReportgraphError, match="another build is writing"):
            build_folder([GOLDEN / "report.txt"], out)
    finally:
        os.close(fd)
    assert not (out / "graph.ttl").exists()


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text("999999999")
    build_folder([GOLDEN / "report.txt"], out)
    assert (out / "graph.ttl").exists() and not (out / LOCK_FILE).exists()


def test_event_offsets_point_at_the_evidence() -> None:
    from reportgraph.ingest import read_document

    report = build_dataset([GOLDEN / "report.txt"])
    text = read_document(GOLDEN / "report.txt").text
    assert report.resolved.events
    for event in report.resolved.events:
        assert event.start is not None and event.end is not None
        assert " ".join(text[event.start : event.end].split()) == event.evidence


def test_the_resolved_data_is_let_go_once_the_files_that_read_it_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big build holds its resolved entities only while graph.trig, resolution.json and
    the snapshot are made; graph.ttl, the pages, the store and the views come after, in
    the memory they freed. The report keeps the documents (and the graph's figures)."""
    import reportgraph.build as build

    seen: list[tuple[str, ...]] = []
    write_outputs = build.write_outputs

    def watched(*args: object, written: Callable[[], None], **kwargs: object) -> list[Path]:
        def spy() -> None:
            staging = next((tmp_path / "out").glob(".build-*"))
            seen.append(tuple(sorted(p.name for p in staging.iterdir())))
            written()

        return write_outputs(*args, written=spy, **kwargs)

    monkeypatch.setattr(build, "write_outputs", watched)
    report = build_folder([GOLDEN / "report.txt"], tmp_path / "out")
    assert seen == [("graph.trig", "resolution.json", "snapshot.sqlite")]
    assert report.resolved.documents and not report.resolved.entities
    assert not report.resolved.events and report.stats is not None and report.stats.events
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_the_snapshot_begun_after_resolution_is_finished_or_removed(tmp_path: Path) -> None:
    """The snapshot's first part is written as soon as resolution is done (the trace it
    records is then let go); a build completes it into .cache, or removes it."""
    out = tmp_path / "out"
    build_folder([GOLDEN / "report.txt"], out)
    assert (out / ".cache" / "snapshot.sqlite").is_file()
    assert not list(out.glob(".snapshot-*"))
    kept = (out / "graph.trig").read_bytes()
    (tmp_path / "other.txt").write_text("Police in Vellia arrested Ana Vell on 3 May 2004.\n")
    build_folder([GOLDEN / "report.txt", tmp_path / "other.txt"], out, lean=True)
    assert not list(out.glob(".snapshot-*")) and (out / "graph.trig").read_bytes() != kept
    # a build that reads nothing leaves no part behind either
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(ReportgraphError, match="no document could be read"):
        build_folder([tmp_path / "empty.txt"], out)
    assert not list(out.glob(".snapshot-*"))

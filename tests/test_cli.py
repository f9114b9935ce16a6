"""Every command through click's CliRunner, on a graph built from the golden fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph.cli import cli

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    result = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_build_reports_what_it_read_and_wrote(built: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(built / "again")])
    assert result.exit_code == 0
    assert "read 1 documents (with en_core_web_md 3.8.0 and rules), skipped 0" in result.stdout
    assert "entities" in result.stdout and "events" in result.stdout
    assert "triples" in result.stdout
    for name in ("graph.ttl", "graph.trig", "index.html"):
        assert (built / "again" / name).is_file()


def test_build_without_a_model_warns_and_uses_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgraph.extract import nlp

    monkeypatch.setenv(nlp.MODEL_ENV, "none")
    nlp.load_model.cache_clear()
    try:
        result = run("build", str(GOLDEN), "--out", str(tmp_path / "o"))
    finally:
        nlp.load_model.cache_clear()
    assert result.exit_code == 0, result.output
    assert "warning: no statistical model" in result.stderr
    assert "with rules alone" in result.stdout
    assert "Human Rights Watch" in (tmp_path / "o" / "graph.ttl").read_text(encoding="utf-8")


def test_build_strict_fails_on_a_skipped_document(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = run(
        "build", str(GOLDEN), str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o"), "--strict"
    )
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "--strict" in result.output


def test_build_missing_path_is_reported_not_a_traceback(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "nowhere" in result.output and "Traceback" not in result.output


def test_query_list_shows_each_named_query() -> None:
    result = run("query", "--list")
    assert result.exit_code == 0
    for name in ("events-of-actor", "actors-in-event-class", "documents-mentioning", "laws"):
        assert name in result.stdout


def test_query_named_with_param(built: Path) -> None:
    result = run(
        "query",
        "events-of-actor",
        "--graph",
        str(built),
        "--param",
        "actor=Thai police",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert "Arrest" in result.stdout


def test_query_sparql_text_as_json(built: Path) -> None:
    text = "PREFIX rg: <https://w3id.org/reportgraph/ns#> SELECT ?f WHERE { ?d rg:fileName ?f }"
    result = run("query", text, "--graph", str(built), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"f": "report.txt"}]


def test_query_bad_param_and_bad_syntax(built: Path) -> None:
    bad = run("query", "laws", "--graph", str(built), "--param", "novalue")
    assert bad.exit_code == 2 and "NAME=VALUE" in bad.output
    syntax = run("query", "SELECT ?x WHERE { ?x ", "--graph", str(built))
    assert syntax.exit_code == 1 and "Traceback" not in syntax.output


def test_query_unknown_name_suggests(built: Path) -> None:
    result = run("query", "event-of-actor", "--graph", str(built))
    assert result.exit_code == 1
    assert "events-of-actor" in result.output


def test_query_refuses_updates(built: Path) -> None:
    result = run("query", "DELETE WHERE { ?s ?p ?o }", "--graph", str(built))
    assert result.exit_code == 1
    assert "read-only" in result.output


def test_query_on_missing_graph(tmp_path: Path) -> None:
    result = run("query", "laws", "--graph", str(tmp_path / "none"))
    assert result.exit_code == 1 and "reportgraph build" in result.output


def test_view_whole_and_focus(built: Path, tmp_path: Path) -> None:
    whole = run("view", "--graph", str(built), "--out", str(tmp_path / "all.html"))
    assert whole.exit_code == 0, whole.output
    focus = run(
        "view",
        "--graph",
        str(built),
        "--focus",
        "Thailand",
        "--depth",
        "1",
        "--out",
        str(tmp_path / "focus.html"),
    )
    assert focus.exit_code == 0, focus.output
    assert "Thailand" in (tmp_path / "focus.html").read_text(encoding="utf-8")
    unknown = run("view", "--graph", str(built), "--focus", "Atlantis")
    assert unknown.exit_code == 1 and "Atlantis" in unknown.output


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nquads", "jsonld", "graphml"])
def test_export_each_format(built: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--graph", str(built), "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_stats_text_and_json(built: Path) -> None:
    text = run("stats", "--graph", str(built))
    assert text.exit_code == 0 and "documents  1" in text.stdout
    data = json.loads(run("stats", "--graph", str(built), "--json").stdout)
    assert data["documents"] == 1 and data["entities"]["Country"] >= 1


def test_validate_conforms(built: Path) -> None:
    result = run("validate", "--graph", str(built))
    assert result.exit_code == 0, result.output


def test_validate_fails_on_a_broken_graph(tmp_path: Path) -> None:
    bad = tmp_path / "graph.trig"
    bad.write_text(
        "@prefix rg: <https://w3id.org/reportgraph/ns#> .\n<urn:g> { <urn:e> a rg:Arrest . }\n"
    )
    result = run("validate", "--graph", str(tmp_path))
    assert result.exit_code == 1
    assert "urn:e" in result.output

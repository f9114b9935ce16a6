"""Every command has help text and appears in the README; the README's examples hold."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery
from readmetool import readme_tool

from reportgraph.cli import cli
from reportgraph.query import resolve_query

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks(text: str) -> list[str]:
    """The README's fenced blocks with no language (what a terminal shows)."""
    blocks: list[str] = []
    lines: list[str] | None = None
    language = ""
    for line in text.splitlines(keepends=True):
        if line.startswith("```") and lines is None:
            lines, language = [], line[3:].strip()
        elif line.startswith("```") and lines is not None:
            if not language:
                blocks.append("".join(lines))
            lines = None
        elif lines is not None:
            lines.append(line)
    return blocks


BLOCKS = _code_blocks(README)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_and_is_in_readme(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help) > 20
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert f"reportgraph {name}" in README


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make graph" in head and "make test" in head


def _invocations() -> list[tuple[str, list[str]]]:
    """Each `reportgraph CMD ...` the README shows: in a heading or after a `$` prompt."""
    found: list[tuple[str, list[str]]] = []
    lines = re.findall(r"^### `(reportgraph [^`]*)`", README, flags=re.M)
    for block in BLOCKS:
        lines += [
            line[2:]
            for line in block.splitlines()
            if re.match(r"\$ (?:[A-Z_]+=\S+ )*reportgraph ", line)
        ]
    for line in lines:
        for part in line.split("&&"):
            words = shlex.split(re.sub(r"[][|]", " ", part), comments=True)
            if ">" in words:
                words = words[: words.index(">")]
            words = [w for w in words if "=" not in w or w.startswith("-")]  # VAR=value
            if words[:1] == ["reportgraph"] and len(words) > 1:
                found.append((words[1], words[2:]))
    return found


def test_every_option_the_readme_shows_exists() -> None:
    invocations = _invocations()
    assert len(invocations) > 40
    for name, args in invocations:
        if name.startswith("-"):
            continue  # reportgraph --help
        assert name in cli.commands, f"README shows an unknown command: reportgraph {name}"
        command = cli.commands[name]
        known = {
            opt for param in command.params if isinstance(param, click.Option)
            for opt in (*param.opts, *param.secondary_opts)
        } | {"--help", "-h"}  # fmt: skip
        for word in args:
            if re.fullmatch(r"--?[a-z][a-z-]*(=.*)?", word):
                assert word.split("=")[0] in known, f"reportgraph {name}: no option {word}"


def test_query_list_in_readme_is_what_the_command_prints() -> None:
    printed = CliRunner().invoke(cli, ["query", "--list"]).stdout
    assert "$ reportgraph query --list\n" + printed in README


def test_make_graph_and_stats_examples_show_the_same_build() -> None:
    """The counts of `make graph` and of `stats` come from one build of the corpus."""

    def counts(block: str) -> list[str]:
        return re.findall(r"^(?:entities|events|relations|triples) .*$", block, flags=re.M)

    graph = next(b for b in BLOCKS if b.startswith("$ reportgraph build corpus --out graph\n"))
    stats = next(b for b in BLOCKS if b.startswith("$ reportgraph stats\n"))
    assert counts(graph) and counts(graph) == counts(stats)


def test_the_annotations_and_their_format_ship_with_the_project() -> None:
    gold = ROOT / "training" / "corpus"
    texts = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    assert sorted(p.with_suffix(".txt").name for p in gold.glob("*.json")) == texts
    assert (ROOT / "training" / "SCHEMA.md").is_file()
    assert "training/SCHEMA.md" in README
    assert "$ reportgraph evaluate --gold training/corpus" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "GOLD := training/corpus" in makefile


def test_the_construct_query_the_readme_draws_is_one() -> None:
    text = next(b.text for b in readme_tool().blocks(README) if b.argument == "laws-graph.rq")
    query = prepareQuery(resolve_query(text), initNs={"rg": "https://w3id.org/reportgraph/ns#"})
    assert query.algebra.name == "ConstructQuery"


def test_every_marked_example_is_what_its_commands_print(
    corpus_workspace: Any, tmp_path: Path
) -> None:
    """The README's marked blocks, run again in copies of the session's corpus build
    (tools/readme.py --check); `make readme` rewrites them when the output has changed."""
    tool = readme_tool()
    assert sum(b.kind == "run" for b in tool.blocks(README)) >= 19
    diff = tool.differences(README, tool.regenerate(README, corpus_workspace, tmp_path))
    assert not diff, "README examples differ from their commands' output (make readme):\n" + diff


def test_the_readme_check_fails_on_a_drifted_count(corpus_workspace: Any, tmp_path: Path) -> None:
    tool = readme_tool()
    block = "<!-- run: reportgraph stats -->\n```\n$ reportgraph stats\ndocuments  4\n```\n"
    diff = tool.differences(block, tool.regenerate(block, corpus_workspace, tmp_path))
    assert "-documents  4\n" in diff and "+documents  5\n" in diff

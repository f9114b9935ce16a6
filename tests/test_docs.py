"""Every command has help text and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


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

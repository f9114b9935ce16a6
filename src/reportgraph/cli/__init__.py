"""The ``reportgraph`` command: click commands only; the library does the work. One
module per group of commands, all sharing ``options``."""

from __future__ import annotations

import click

from reportgraph.cli import build, check, query, view


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportgraph")
def cli() -> None:
    """Build a knowledge graph of actors, places, laws and events from reports, then
    query, view and export it. Everything runs offline."""


for _command in (
    build.build,
    query.query,
    view.view,
    view.export,
    check.stats,
    check.validate,
    check.evaluate,
    check.explain,
    query.load,
    query.serve,
):
    cli.add_command(_command)

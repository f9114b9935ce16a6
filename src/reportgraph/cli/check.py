"""``reportgraph stats``, ``validate``, ``evaluate`` and ``explain``: what is in the graph,
whether it holds together and how it scores, and why a node is what it is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reportgraph.cli.options import graph_option, note, store_option, user_errors
from reportgraph.stores import read_dataset
from reportgraph.terminal import terminal_text


@click.command()
@graph_option
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@user_errors
def stats(graph_dir: Path, store_spec: str | None, as_json: bool) -> None:
    """Count documents, entities and events by class, relations and triples."""
    from reportgraph.stats import graph_stats

    counts = graph_stats(read_dataset(store_spec, graph_dir, note))
    if as_json:
        click.echo(json.dumps(counts.as_dict(), indent=2))
    else:
        click.echo("\n".join(counts.lines()))


@click.command()
@graph_option
@store_option
@user_errors
def validate(graph_dir: Path, store_spec: str | None) -> None:
    """Check the graph against the SHACL shapes; exit status 1 on any violation."""
    from reportgraph.validate import validate as check

    report = check(read_dataset(store_spec, graph_dir, note))
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of gold annotations: one JSON file per document (see gold/SCHEMA.md).",
)
@graph_option
@store_option
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the documents' texts, to check each event's evidence is in its document "
    "[default: GOLD when it holds the texts next to the JSON files; otherwise give it, or "
    "evidence is reported as not measured].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table per document with the totals under it, or JSON.",
)
@user_errors
def evaluate(
    gold_dir: Path, graph_dir: Path, store_spec: str | None, corpus_dir: Path | None, fmt: str
) -> None:
    """Score the graph against gold annotations: precision, recall and F1 of entities, events
    and relations, cross-document identity, false merges and evidence found in the text, per
    document and in total."""
    from reportgraph.evaluate import evaluate as score
    from reportgraph.evaluate import format_evaluation

    evaluation = score(read_dataset(store_spec, graph_dir, note), gold_dir, corpus_dir)
    click.echo(format_evaluation(evaluation, fmt), nl=False)


@click.command()
@click.argument("name")
@graph_option
@user_errors
def explain(name: str, graph_dir: Path) -> None:
    """Say why the entity NAME is what it is: its names, its mentions (document and
    offsets), the merges that made it one node and the rules behind them."""
    from reportgraph.incremental.ondemand import ensure_log
    from reportgraph.resolve.log import explain as explain_entity
    from reportgraph.resolve.log import load_log

    ensure_log(graph_dir, note=lambda line: click.echo(terminal_text(line), err=True))
    click.echo(terminal_text(explain_entity(load_log(graph_dir), name)), nl=False)  # F29

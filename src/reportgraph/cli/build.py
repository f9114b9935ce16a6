"""``reportgraph build``: read documents and write the graph, saying what was skipped."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reportgraph.cli.options import DEFAULT_GRAPH, Finite, user_errors
from reportgraph.guard import MAX_SECONDS
from reportgraph.output import NO_MODEL, build_problems, build_summary, loaded_line
from reportgraph.terminal import terminal_line, terminal_text


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="Folder for graph.ttl, graph.trig and index.html.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document was skipped.")
@click.option(
    "--max-size",
    type=Finite(min=0, min_open=True, max=2**20),
    default=50,
    show_default=True,
    metavar="MB",
    help="Skip files bigger than this, unread.",
)
@click.option(
    "--merges",
    "merges_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="YAML or TOML file of `same:` / `different:` lists of names to merge or keep apart.",
)
@click.option(
    "--corrections",
    "corrections_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="YAML or TOML file of corrections applied at every build (names, drop_events, "
    "roles, classes, dates, links, drop_links). See README, 'Corrections'.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Documents extracted at once, in separate processes [default: the number of cores].",
)
@click.option(
    "--executor",
    default="local",
    show_default=True,
    metavar="local|dask://HOST:PORT",
    help="Where documents are extracted: local processes, or the workers of a Dask "
    "scheduler (pip install 'reportgraph[dask]'); resolution and the outputs stay here.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Extract every document again, not only new and changed ones (OUT/.cache), "
    "and make the store and reader pages anew.",
)
@click.option(
    "--lean",
    is_flag=True,
    help="Write only what the commands read (the store, graph.trig, resolution.json, the "
    "reader pages); graph.ttl, index.html and timeline.html are left out and an earlier "
    "build's removed ('export --format turtle' and 'view' write them on demand). After a "
    "few documents changed, redo only their share of the work when that gives the graph "
    "a full build gives (the summary says so, or why not); resolution.json is then made "
    "when 'explain' needs it.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symbolic links in the folders that lead outside the paths given "
    "(skipped by default: an untrusted folder could link to your own files).",
)
@click.option(
    "--doc-timeout",
    type=Finite(min=0, max=MAX_SECONDS),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="Skip a document that takes longer to read and extract (0: no limit).",
)
@click.option(
    "--store",
    "store_spec",
    default=None,
    metavar="oxigraph:DIR|sparql:URL",
    help="Also load the graph into this store (as `reportgraph load` does).",
)
@click.option(
    "--protect",
    is_flag=True,
    help="Replace private individuals by stable pseudonyms in every output (public "
    "figures stay named); writes no extraction cache. See README, 'Protected builds'.",
)
@click.option(
    "--protect-key",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Secret key of the pseudonyms, made on first use; never inside OUT "
    "[default: ~/.config/reportgraph/protect.key].",
)
@click.option(
    "--public-list",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="YAML or TOML file of `public:` / `private:` lists of names, overriding the rules.",
)
@click.option(
    "--redaction-report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Write who was judged public or private, and why, here (never inside OUT) "
    "[default: standard error].",
)
@user_errors
def build(
    paths: tuple[Path, ...],
    out: Path,
    quiet: bool,
    strict: bool,
    max_size: float,
    merges_file: Path | None,
    corrections_file: Path | None,
    jobs: int | None,
    executor: str,
    full: bool,
    lean: bool,
    follow_links: bool,
    doc_timeout: float,
    store_spec: str | None,
    protect: bool,
    protect_key: Path | None,
    public_list: Path | None,
    redaction_report: Path | None,
) -> None:
    """Read documents (files or folders: .txt .md .html .pdf) and build the graph in OUT."""
    from reportgraph.batch import default_jobs
    from reportgraph.build import build_folder
    from reportgraph.cluster import check_executor, parse_executor
    from reportgraph.corrections import load_corrections
    from reportgraph.protect import (
        ProtectError,
        Protection,
        inside,
        load_key,
        load_public_list,
    )
    from reportgraph.protect import (
        redaction_report as report_text,
    )
    from reportgraph.resolve import load_merges

    if jobs is not None and parse_executor(executor) is not None:
        raise click.UsageError("--jobs counts local processes; a Dask cluster has its workers")
    check_executor(executor)  # before any file is read
    merges = load_merges(merges_file) if merges_file else None
    corrections = load_corrections(corrections_file) if corrections_file else None
    if not protect and (protect_key or redaction_report):
        raise click.UsageError("--protect-key and --redaction-report need --protect")
    listed = load_public_list(public_list) if public_list else None
    protection = None
    if protect:
        if redaction_report is not None and inside(redaction_report, out):
            raise ProtectError(
                f"{redaction_report}: the redaction report names the people it protects; "
                f"write it outside the output folder {out}"
            )
        secret = load_key(protect_key, out)
        protection = Protection(secret, listed) if listed else Protection(secret)

    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        if not quiet:
            bar = click.progressbar(length=total, label="reading", file=sys.stderr, width=30)
            bar.__enter__()

    def advance(name: str) -> None:
        if bar is not None:
            bar.update(1, terminal_line(name))

    try:
        report = build_folder(
            list(paths),
            out,
            progress=advance,
            on_total=start,
            merges=merges,
            max_bytes=int(max_size * 2**20),
            jobs=jobs or default_jobs(),
            incremental=not full,
            follow_links=follow_links,
            budget=doc_timeout or None,
            protection=protection,
            public_list=listed,
            corrections=corrections,
            executor=executor,
            lean=lean,
        )
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: the outputs in {out} are whole, none half-written", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if report.model is None:
        click.echo(f"warning: {NO_MODEL}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {terminal_line(warning)}", err=True)
    if not quiet:
        click.echo("\n".join(build_summary(report)))
    if store_spec:
        from reportgraph.stores import load_store

        loaded = load_store(store_spec, out)
        if not quiet:
            click.echo(loaded_line(loaded))
    if protect:
        text = report_text(report.decisions)
        if redaction_report is not None:
            from reportgraph.files import write_output

            write_output(redaction_report, text)
            if redaction_report.is_file():  # it names the people: for its owner only
                redaction_report.chmod(0o600)
            if not quiet:
                click.echo(f"redaction report: {redaction_report}", err=True)
        elif not quiet:
            click.echo(terminal_text(text), err=True, nl=False)
    for line in build_problems(report):  # last, so that a long build ends with what it skipped
        click.echo(line, err=True)
    if strict and report.skipped:
        raise click.ClickException(f"{len(report.skipped)} document(s) skipped (--strict)")

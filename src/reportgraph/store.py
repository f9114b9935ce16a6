"""Where a built graph lives: the ``graph.trig`` of a build folder, read back into memory.

Queries and exports work on one ``Dataset`` whose default graph is the union of the
documents' named graphs, so a query without ``GRAPH`` sees every fact while a query with
it can still ask which document said what.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset
from rdflib.plugins.parsers.notation3 import BadSyntax

from reportgraph.errors import GraphError
from reportgraph.ontology import bind_prefixes

GRAPH_FILE = "graph.trig"

# Suffix -> rdflib parser: only formats whose parsers never dereference anything.
FILE_FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt"}


def load_graph(folder: Path) -> Dataset:
    """Read a build folder's ``graph.trig`` (or an RDF file given directly) into a Dataset."""
    path = graph_file(Path(folder))
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(source=path, format=FILE_FORMATS[path.suffix.lower()])
    except BadSyntax as exc:
        raise GraphError(f"{path}: {_bad_syntax_message(exc, path)}") from exc
    except Exception as exc:  # rdflib parsers raise many types; all mean "cannot read this"
        raise GraphError(f"{path}: cannot parse: {_one_line(str(exc))}") from exc
    bind_prefixes(dataset)
    return dataset


def graph_file(path: Path) -> Path:
    """A folder means its graph.trig; a file with a known RDF suffix is taken as is."""
    if path.is_file():
        if path.suffix.lower() not in FILE_FORMATS:
            known = ", ".join(sorted(FILE_FORMATS))
            raise GraphError(f"{path}: not a graph file (expected one of {known})")
        return path
    candidate = path / GRAPH_FILE
    if not candidate.is_file():
        raise GraphError(f"no built graph in {path}: run `reportgraph build` first")
    return candidate


def _bad_syntax_message(exc: BadSyntax, path: Path) -> str:
    """The Turtle/TriG parser's own message embeds a bytes repr; say it plainly instead."""
    line_no = getattr(exc, "lines", None)
    text, offset = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(text, bytes) and isinstance(offset, int):  # ``lines`` is off in TriG
        line_no = text[:offset].count(b"\n")
    why = getattr(exc, "_why", None) or _one_line(str(exc))
    if line_no is None:
        return f"syntax error: {why}"
    line = _line_of(path, line_no)
    shown = f": {line!r}" if line else ""
    return f"line {line_no + 1}: syntax error ({why}){shown}"


def _line_of(path: Path, index: int) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    text = lines[index].strip() if 0 <= index < len(lines) else ""
    return text if len(text) <= 80 else text[:79] + "…"


def _one_line(message: str) -> str:
    return " ".join(message.split())

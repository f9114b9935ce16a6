"""The build: documents -> mentions -> resolved entities and events -> RDF -> files.

One bad document is reported and skipped, never the end of the build; outputs are written
to temporary files and renamed into place only when everything is ready, so an interrupted
build leaves the previous graph intact.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from reportgraph.errors import ExtractionError, IngestError, ReportgraphError
from reportgraph.extract import extract, get_pipeline
from reportgraph.extract.nlp import model_name
from reportgraph.files import write_atomic
from reportgraph.ingest import collect_paths, read_document
from reportgraph.model import Annotated, Resolved
from reportgraph.rdf import serialize_trig, to_dataset, union
from reportgraph.resolve import resolve

LOCK_FILE = ".build.lock"

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    dataset: Dataset
    resolved: Resolved
    skipped: list[ReportgraphError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    model: str | None = None  # the statistical model used, None when on rules alone

    @property
    def documents(self) -> int:
        return len(self.resolved.documents)

    def entity_counts(self) -> Counter[str]:
        return Counter(e.cls for e in self.resolved.entities.values())

    def event_counts(self) -> Counter[str]:
        return Counter(e.cls for e in self.resolved.events)

    @property
    def triples(self) -> int:
        return len(union(self.dataset))


def build_dataset(
    paths: list[Path],
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> BuildReport:
    """Read, extract, resolve and convert; ``progress`` hears each file name as it is done."""
    files, skipped = collect_paths(paths)
    problems: list[ReportgraphError] = list(skipped)
    if on_total:
        on_total(len(files))
    pipeline = get_pipeline()
    annotated: list[Annotated] = []
    seen_names: dict[str, Path] = {}
    for path in files:
        try:
            document = read_document(path)
            if document.file_name in seen_names:
                raise IngestError(
                    path, f"same file name as {seen_names[document.file_name]}; rename one"
                )
            seen_names[document.file_name] = path
            annotated.append(extract(document, pipeline))
        except (IngestError, ExtractionError) as exc:
            problems.append(exc)
        if progress:
            progress(path.name)
    resolved = resolve(annotated)
    return BuildReport(
        dataset=to_dataset(resolved), resolved=resolved, skipped=problems, model=model_name()
    )


def build_folder(
    paths: list[Path],
    out: Path,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build and write graph.ttl, graph.trig and index.html into ``out``."""
    from reportgraph.views import render_view

    out.mkdir(parents=True, exist_ok=True)
    with _BuildLock(out):
        report = build_dataset(paths, progress, on_total)
        if not report.resolved.documents:
            raise ReportgraphError(
                "no document could be read; nothing written"
                + "".join(f"\n  {p}" for p in report.skipped)
            )
        ttl = union(report.dataset).serialize(format="turtle")
        trig = serialize_trig(report.dataset)
        for name, data in (("graph.ttl", ttl), ("graph.trig", trig)):
            write_atomic(out / name, data)
            report.outputs.append(out / name)
        report.outputs.append(render_view(report.dataset, out / "index.html").path)
    return report


class _BuildLock:
    """A lock file in the output folder: a second build into it refuses instead of mixing."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_FILE

    def __enter__(self) -> _BuildLock:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if self._stale():
                self.path.unlink(missing_ok=True)
                return self.__enter__()
            raise ReportgraphError(
                f"another build is writing to {self.path.parent} (lock file {self.path}); "
                "wait for it, or remove the lock file if no build is running"
            ) from None
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)

    def _stale(self) -> bool:
        try:
            pid = int(self.path.read_text().strip() or 0)
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError):
            return True
        except (OSError, PermissionError):
            return False
        return False

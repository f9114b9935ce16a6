"""The project's own error types: the CLI turns each into one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class ReportgraphError(Exception):
    """Base class of every error reportgraph raises on purpose."""


class IngestError(ReportgraphError):
    """A document that cannot be read; names the file so a build can report and go on."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[Path, str]]:  # back from a build's worker process
        return (type(self), (self.path, self.problem))


class ExtractionError(ReportgraphError):
    """An extractor component failed on a document; names both."""

    def __init__(self, component: str, document: str, problem: str) -> None:
        self.component = component
        self.document = document
        self.problem = problem
        super().__init__(f"{document}: extractor {component!r} failed: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return (type(self), (self.component, self.document, self.problem))


class GraphError(ReportgraphError):
    """A built graph folder that is missing or cannot be parsed."""


class QueryError(ReportgraphError):
    """A SPARQL query that cannot be parsed, is refused, or names an unknown query."""


class QuerySyntaxError(QueryError):
    """A query the store's own parser could not read: the caller may ask rdflib's parser
    what is wrong with it, whose message says where (or that it is an update)."""


class QueryStopped(QueryError):
    """A query stopped by a limit (time or memory) rather than refused for what it says;
    the endpoint answers 503 for it, and ``memory`` says its process should start afresh."""

    def __init__(self, message: str, *, memory: bool = False) -> None:
        super().__init__(message)
        self.memory = memory


class ProtectError(ReportgraphError):
    """A key file, public list or report path that a protected build cannot use."""

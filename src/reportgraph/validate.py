"""Check a built graph against the packaged SHACL shapes (``ontology/shapes.ttl``).

The shapes read the contract closed-world: every event has evidence and a document, every
date has one of the three ISO datatypes, every entity one English label. Validation runs on
the union of the named graphs, since a document's graph alone need not hold every type it
refers to, with the ontology mixed in so that class targets follow ``rdfs:subClassOf``.
No RDFS inference: it is slow and would turn domains and ranges into types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from reportgraph.errors import GraphError
from reportgraph.ontology import SH, bind_prefixes, load_ontology, load_shapes
from reportgraph.rdf import union

RGSH = Namespace("https://w3id.org/reportgraph/shapes#")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, flattened to strings so it can be printed, sorted and compared."""

    focus: str
    path: str
    message: str
    severity: str
    value: str = ""

    def line(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" [value: {self.value}]" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is False only for violations; warnings are listed but do not fail."""

    conforms: bool
    violations: list[Violation]

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    def text(self) -> str:
        if not self.violations:
            return "Conforms: the graph meets every shape."
        head = "Conforms" if self.conforms else "Does not conform"
        counts = _counts(self.violations)
        lines = [f"{head}: {counts}."]
        lines += [f"  {v.line()}" for v in self.violations]
        return "\n".join(lines)


def validate(dataset: Dataset | Graph) -> ValidationReport:
    """Validate a built graph (all named graphs together) against the packaged shapes."""
    data = union(dataset)
    schema = _schema()
    try:
        conforms, results, _ = shacl_validate(
            data,
            shacl_graph=schema.shapes,
            ont_graph=schema.ontology,
            inference="none",
            allow_warnings=True,
            inplace=True,  # data is our own copy; pyshacl mixes the ontology into it
        )
    except ReportableRuntimeError as exc:
        raise GraphError(f"SHACL validation could not run: {exc}") from exc
    if not isinstance(results, Graph):  # pyshacl reports a broken shapes graph this way
        raise GraphError(f"SHACL validation could not run: {results}")
    found = _violations(results) + [v for check in schema.checks for v in check.run(data)]
    failed = any(v.severity == "Violation" for v in found)
    return ValidationReport(conforms=bool(conforms) and not failed, violations=sorted(set(found)))


@dataclass(frozen=True)
class _GraphCheck:
    """A SPARQL constraint marked ``rgsh:runOnce``: one query over the whole graph.

    pyshacl would parse the query again for every focus node, some 20 ms each; run once with
    ``$this`` unbound, the query yields the same (focus, path, value) rows in one go.
    """

    query: Query
    message: str
    severity: str

    def run(self, data: Graph) -> list[Violation]:
        return [
            Violation(
                focus=_term(data, row["this"]),
                path=_path(data, row.get("path")),
                message=self.message,
                severity=self.severity,
                value=_term(data, row.get("value")),
            )
            for row in (r.asdict() for r in data.query(self.query))
        ]


@dataclass(frozen=True)
class _Schema:
    ontology: Graph
    shapes: Graph
    checks: tuple[_GraphCheck, ...]


@cache
def _schema() -> _Schema:
    """Parse the ontology and shapes once per process; pyshacl only reads them."""
    try:
        ontology, shapes = load_ontology(), load_shapes()
        return _Schema(ontology, shapes, tuple(_graph_checks(shapes)))
    except Exception as exc:  # a broken packaged file is a bug worth one clear line
        raise GraphError(f"the packaged ontology or shapes are broken: {exc}") from exc


def _graph_checks(shapes: Graph) -> list[_GraphCheck]:
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if not shapes.value(constraint, RGSH.runOnce, default=Literal(False)).toPython():
            continue
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        severity = shapes.value(shape, SH.severity, default=SH.Violation)
        query = prepareQuery(
            str(shapes.value(constraint, SH.select)),
            initNs=_declared_prefixes(shapes, shapes.value(constraint, SH.prefixes)),
        )
        checks.append(_GraphCheck(query, str(message), SEVERITIES.get(severity, str(severity))))
    return checks


def _declared_prefixes(shapes: Graph, holder: Node | None) -> dict[str, str]:
    """The ``sh:declare`` prefixes a SPARQL constraint names with ``sh:prefixes``."""
    found: dict[str, str] = {}
    for declaration in shapes.objects(holder, SH.declare) if holder is not None else ():
        found[str(shapes.value(declaration, SH.prefix))] = str(
            shapes.value(declaration, SH.namespace)
        )
    return found


def _violations(results: Graph) -> list[Violation]:
    bind_prefixes(results)
    # only the report's own results: nested sh:detail results repeat them in other words
    return [_violation(results, r) for r in results.objects(None, SH.result)]


def _violation(results: Graph, result: Node) -> Violation:
    def one(prop: URIRef) -> Node | None:
        return results.value(result, prop)

    message = one(SH.resultMessage)
    severity = one(SH.resultSeverity)
    value = one(SH.value)
    focus = one(SH.focusNode)
    path = one(SH.resultPath)
    if path is None and value == focus:  # node-level results repeat the focus as the value
        value = None
    return Violation(
        focus=_term(results, focus),
        path=_path(results, path),
        message=str(message) if message is not None else _fallback_message(results, result),
        severity=SEVERITIES.get(severity, _term(results, severity)),
        value=_term(results, value) if value is not None else "",
    )


def _fallback_message(results: Graph, result: Node) -> str:
    component = results.value(result, SH.sourceConstraintComponent)
    return f"fails {_term(results, component)}"


def _term(graph: Graph, node: Node | None) -> str:
    """IRIs in full (so a caller can match them), literals as written, blank nodes opaque."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        return node.n3(graph.namespace_manager)
    return "[]"


def _path(graph: Graph, path: Node | None) -> str:
    """A SHACL property path in SPARQL syntax, prefixed: ``rg:evidence``, ``^rg:fileName``."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return path.n3(graph.namespace_manager)
    if not isinstance(path, BNode):
        return str(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(graph, step) for step in Collection(graph, path))
    for prop, template in _PATH_FORMS:
        inner = graph.value(path, prop)
        if inner is not None:
            return template.format(_path(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(graph, a) for a in Collection(graph, alternatives)) + ")"
    return "[]"


_PATH_FORMS = (
    (SH.inversePath, "^{}"),
    (SH.oneOrMorePath, "{}+"),
    (SH.zeroOrMorePath, "{}*"),
    (SH.zeroOrOnePath, "{}?"),
)


def _counts(violations: Iterable[Violation]) -> str:
    tally: dict[str, int] = {}
    for v in violations:
        tally[v.severity] = tally.get(v.severity, 0) + 1
    return ", ".join(
        f"{n} {severity.lower()}{'s' if n != 1 else ''}" for severity, n in sorted(tally.items())
    )

"""The evaluation as text: a table for people, the reference scorer's JSON for programs."""

from __future__ import annotations

import json

from reportgraph.errors import ReportgraphError
from reportgraph.evaluate.figures import DocumentEvaluation, Evaluation, Ratio, Score

FORMATS = ("table", "json")

# relation precision is counted over the whole graph, so per document only recall is shown
TABLE_NOTE = "rel strict, rel loose: gold relations of the document found in the graph"


def format_evaluation(ev: Evaluation, fmt: str) -> str:
    """``table``: one row per document, then the totals; ``json``: the reference scorer's
    keys. Always ends in a newline."""
    if fmt == "json":
        return json.dumps(ev.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "table":
        return "\n".join([_documents_table(ev) + TABLE_NOTE, "", *_total_lines(ev)]) + "\n"
    raise ReportgraphError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _documents_table(ev: Evaluation) -> str:
    from reportgraph.query import QueryResult, format_result

    columns = ["document", "ent P", "ent R", "ent F1", "ev P", "ev R", "ev F1"]
    columns += ["rel strict", "rel loose", "evidence"]
    rows = [_document_row(d) for d in ev.documents]
    return format_result(QueryResult(kind="select", columns=columns, rows=rows), "table")


def _document_row(d: DocumentEvaluation) -> tuple[str, ...]:
    name = d.document if d.in_graph else f"{d.document} (not in graph)"
    return (
        name,
        *_prf(d.entities),
        *_prf(d.events),
        f"{d.relations_strict.part}/{d.relations_strict.whole}",
        f"{d.relations_loose.part}/{d.relations_loose.whole}",
        _share(d.evidence),
    )


def _prf(score: Score) -> tuple[str, str, str]:
    return f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"


def _share(ratio: Ratio | None) -> str:
    if ratio is None or ratio.share is None:
        return "-"
    return f"{ratio.share:.3f}"


def _total_lines(ev: Evaluation) -> list[str]:
    lines = []
    for label, score in (
        ("entities", ev.entities),
        ("events", ev.events),
        ("relations strict", ev.relations_strict),
        ("relations loose", ev.relations_loose),
    ):
        p, r, f = _prf(score)
        lines.append(
            f"{label:17} P {p}  R {r}  F1 {f}  ({score.predicted} found, {score.gold} gold)"
        )
    p, r, f = _prf(ev.paired.participants)
    lines.append(
        f"{'participants':17} P {p}  R {r}  F1 {f}  ({ev.paired.participants.predicted} found, "
        f"{ev.paired.participants.gold} gold, over paired events)"
    )
    for key, detail in ev.paired.details().items():
        share = "" if detail["share"] is None else f"  ({detail['share']:.3f})"
        lines.append(f"{key.replace('_', ' '):17} {detail['found']}/{detail['of']}{share}")
    lines.append(
        f"{'identity':17} {ev.identity.part}/{ev.identity.whole} multi-document entities "
        "are one node"
    )
    lines.append(f"{'false merges':17} {ev.false_merges}")
    lines.append(f"{'evidence in text':17} {_evidence_line(ev.evidence)}")
    return lines


def _evidence_line(evidence: Ratio | None) -> str:
    if evidence is None:
        return "not measured (no folder of document texts)"
    if evidence.share is None:
        return "no evidence sentences to check"
    return f"{evidence.share:.3f} ({evidence.part}/{evidence.whole} evidence sentences)"

"""The merge log as a file beside the graph (``resolution.json``) and ``explain``: why an
entity is what it is, with its mentions, the merges that made it and their rules."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rapidfuzz import process

from reportgraph.errors import GraphError, ReportgraphError
from reportgraph.model import Merge, Resolved
from reportgraph.publicfigures import Decision, decision_json
from reportgraph.resolve.names import fold, normal

LOG_FILE = "resolution.json"


def resolution_json(
    resolved: Resolved,
    decisions: dict[str, Decision] | None = None,
    corrections: list[dict[str, Any]] | None = None,
    *,
    protected: bool = False,
) -> Iterator[str]:
    """The merge log as JSON, in chunks made as they are written (at 10,000 documents
    the text is hundreds of MB, and the entities as dicts 200 MB: each is made, written
    and let go in turn): every entity with its names, mentions (document and offsets) and
    merges, and for a person whether it was judged public or private and why
    (``decisions``); then the events that several documents report, and what the user's
    ``corrections`` changed (in a protected build only which entries applied: the rest
    names people). Sorted, so one input gives the same bytes; the same bytes as
    ``json.dumps(log, indent=1, ensure_ascii=False)``."""
    merges: dict[str, list[Merge]] = defaultdict(list)
    for m in resolved.merges:
        merges[m.entity].append(m)
    documents: dict[str, set[str]] = defaultdict(set)  # of each event merged across them
    for e in resolved.events:
        if e.key in merges:
            documents[e.key].add(e.document)

    def entities() -> Iterator[dict[str, Any]]:
        for key in sorted(resolved.entities):
            e = resolved.entities[key]
            entity = {
                "key": key,
                "class": e.cls,
                "label": e.label,
                "alt_labels": sorted(e.alt_labels),
                "same_as": e.same_as,
                "documents": sorted(e.documents),
                "mentions": [
                    [doc, m.start, m.end, m.text, m.source, m.name]
                    for doc, m in resolved.mentions.get(key, [])
                ],
                "merges": [_merge_json(m) for m in merges.get(key, [])],
            }
            if decisions and key in decisions:
                entity["protection"] = decision_json(decisions[key])
            yield entity

    events = (
        {"key": key, "documents": sorted(documents[key]),
         "merges": [_merge_json(m) for m in merges[key]]}
        for key in sorted(documents)
    )  # fmt: skip
    parts: list[tuple[str, Iterable[Any]]] = [("entities", entities()), ("events", events)]
    if corrections:
        kept = (
            [{"entry": c["entry"], "kind": c["kind"]} for c in corrections]
            if protected
            else corrections
        )
        parts.append(("corrections", kept))
    yield "{"
    for i, (name, items) in enumerate(parts):
        yield f"{',' if i else ''}\n {json.dumps(name)}: "
        yield from _json_list(items)
    yield "\n}"


def _merge_json(m: Merge) -> dict[str, Any]:
    return {
        "rule": m.rule,
        "form": m.surface,
        "document": m.document,
        "joined": m.target,
        "joined_document": m.target_document,
        "score": m.score,
    }


def _json_list(items: Iterable[Any]) -> Iterator[str]:
    """A list one level into the log, item by item, as ``json.dumps(indent=1)`` writes it
    there (a string's own line breaks are escaped: every one in an item's text is the
    layout's, pushed two spaces in)."""
    empty = True
    for item in items:
        text = json.dumps(item, indent=1, ensure_ascii=False).replace("\n", "\n  ")
        yield ("[\n  " if empty else ",\n  ") + text
        empty = False
    yield "[]" if empty else "\n ]"


def load_log(graph_dir: Path) -> dict[str, Any]:
    path = (graph_dir if graph_dir.is_dir() else graph_dir.parent) / LOG_FILE
    if not path.exists():
        raise GraphError(
            f"{path} not found: build the graph with this version of reportgraph "
            "(`reportgraph build ... --out DIR`) to get the merge log"
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GraphError(f"{path}: cannot read the merge log: {exc}") from exc


def find_entities(log: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Entities whose label, other name or key is ``name`` (case and spelling folded)."""
    wanted = {fold(name), normal(name)}
    found = []
    for e in log["entities"]:
        names = {e["label"], *e["alt_labels"]}
        keys = {fold(n) for n in names} | {normal(n) for n in names}
        if wanted & keys or name in (e["key"], f"id:{e['key']}"):
            found.append(e)
    if not found:
        labels = sorted({e["label"] for e in log["entities"]})
        close = [m[0] for m in process.extract(name, labels, limit=5, score_cutoff=60)]
        hint = f"; close names: {', '.join(close)}" if close else ""
        raise ReportgraphError(f"no entity named {name!r} in the merge log{hint}")
    return found


def explain(log: dict[str, Any], name: str) -> str:
    """What ``explain NAME`` prints: each entity of that name, and the corrections that
    touched it (a researcher must see that a fact is theirs, not the machine's)."""
    corrections = log.get("corrections", [])
    out = []
    for e in find_entities(log, name):
        text = _explain_one(e)
        mine = [c for c in corrections if e["key"] in c.get("entities", ())]
        if mine:
            text += f"  corrections ({len(mine)}):\n"
            for c in mine:
                note = f"  ({' '.join(c['note'].split())})" if c.get("note") else ""
                text += f"    {c['change']}  <- {c['entry']}{note}\n"
        out.append(text)
    return "\n".join(out)


def _explain_one(e: dict[str, Any]) -> str:
    lines = [f"{e['label']}  ({e['class']}, id:{e['key']})"]
    if e["alt_labels"]:
        lines.append("  also:     " + "; ".join(e["alt_labels"]))
    lines.append(f"  in {len(e['documents'])} document(s): " + ", ".join(e["documents"]))
    if "protection" in e:  # one line: why a protected build names or pseudonymises them
        p = e["protection"]
        lines.append(f"  judged:   {p['judged']} ({p['reason']})")
    lines.append(f"  mentions ({len(e['mentions'])}):")
    for doc, start, end, text, source, named in e["mentions"]:
        shown = " ".join(text.split())
        extra = f" -> {named}" if named and fold(named) != fold(text) else ""
        lines.append(f"    {doc}  {start}-{end}  {shown!r}  [{source}{extra}]")
    merges = [m for m in e["merges"] if not m["rule"].startswith("link:")]
    joined = [m for m in merges if " refused: " not in m["rule"]]
    refused = [m for m in merges if " refused: " in m["rule"]]
    lines.append(f"  merges ({len(joined)}):")
    for m in joined:
        lines.append("    " + _merge_line(m))
    if refused:
        lines.append(f"  kept apart ({len(refused)}):")
        for m in refused:
            lines.append("    " + _merge_line(m))
    links = [m for m in e["merges"] if m["rule"].startswith("link:")]
    for m in links:
        lines.append(f"  sameAs:   {m['rule'][len('link: ') :]}")
    return "\n".join(lines) + "\n"


def _merge_line(m: dict[str, Any]) -> str:
    where = f" ({m['document']})" if m["document"] else ""
    there = f" ({m['joined_document']})" if m["joined_document"] else ""
    score = f" score {m['score']:.2f}" if m["score"] != 1.0 else ""
    return f"{m['form']!r}{where} + {m['joined']!r}{there}{score}  <- {m['rule']}"

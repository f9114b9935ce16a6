"""Reading and checking gold annotation files (one JSON file per document, gold/SCHEMA.md):
a malformed file stops the scoring with its path and the place of the fault, rather than
giving figures that silently leave part of it out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.evaluate.names import name_set
from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES


@dataclass(frozen=True)
class GoldEntity:
    id: str
    cls: str
    names: frozenset[str]  # label and aliases, normalised


@dataclass(frozen=True)
class GoldEvent:
    cls: str
    evidence: str
    date: str | None
    actors: frozenset[str] = frozenset()  # gold entity ids
    place: str | None = None  # a gold entity id


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str  # casefolded: the scorer ignores the case of predicate names
    object: str


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    document: str
    entities: dict[str, GoldEntity]
    events: tuple[GoldEvent, ...]
    relations: tuple[GoldRelation, ...]


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``*.json`` of the folder, in name order; two files for one document is an error
    because their figures could not be told apart."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise ReportgraphError(f"{gold_dir}: gold folder not found")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise ReportgraphError(f"{gold_dir}: no gold annotation files (*.json) in this folder")
    documents: list[GoldDocument] = []
    seen: dict[str, Path] = {}
    for path in paths:
        gold = read_gold_file(path)
        if gold.document in seen:
            raise ReportgraphError(
                f"{path}: document {gold.document!r} is already annotated in {seen[gold.document]}"
            )
        seen[gold.document] = path
        documents.append(gold)
    return documents


def read_gold_file(path: Path) -> GoldDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ReportgraphError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportgraphError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ReportgraphError(f"{path}: expected a JSON object with document, entities, ...")
    entities = [
        _gold_entity(e, f"{path}: entities[{i}]")
        for i, e in enumerate(_list(data, "entities", path))
    ]
    return GoldDocument(
        path=path,
        document=_text(data, "document", str(path)),
        entities={e.id: e for e in entities},
        events=tuple(
            _gold_event(e, f"{path}: events[{i}]")
            for i, e in enumerate(_list(data, "events", path))
        ),
        relations=tuple(
            _gold_relation(r, f"{path}: relations[{i}]")
            for i, r in enumerate(_list(data, "relations", path))
        ),
    )


def _gold_entity(record: Any, where: str) -> GoldEntity:
    _require_object(record, where)
    aliases = record.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ReportgraphError(f"{where}: 'aliases' must be a list of strings")
    return GoldEntity(
        id=_text(record, "id", where),
        cls=_class(record, ENTITY_CLASSES, where),
        names=name_set([_text(record, "label", where), *aliases]),
    )


def _gold_event(record: Any, where: str) -> GoldEvent:
    _require_object(record, where)
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise ReportgraphError(f"{where}: 'date' must be a string such as \"2002-03\"")
    actors = record.get("actors") or []
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise ReportgraphError(f"{where}: 'actors' must be a list of entity ids")
    place = record.get("place")
    if place is not None and not isinstance(place, str):
        raise ReportgraphError(f"{where}: 'place' must be an entity id")
    return GoldEvent(
        cls=_class(record, EVENT_CLASSES, where),
        evidence=_text(record, "evidence", where),
        date=date or None,
        actors=frozenset(actors),
        place=place or None,
    )


def _gold_relation(record: Any, where: str) -> GoldRelation:
    _require_object(record, where)
    return GoldRelation(
        subject=_text(record, "subject", where),
        predicate=_text(record, "predicate", where).casefold(),
        object=_text(record, "object", where),
    )


def _require_object(record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise ReportgraphError(f"{where}: expected a JSON object")


def _list(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    if key not in data:
        raise ReportgraphError(f"{path}: missing key {key!r}")
    if not isinstance(data[key], list):
        raise ReportgraphError(f"{path}: {key!r} must be a list")
    return data[key]


def _text(record: dict[str, Any], key: str, where: str) -> str:
    if key not in record:
        raise ReportgraphError(f"{where}: missing key {key!r}")
    if not isinstance(record[key], str):
        raise ReportgraphError(f"{where}: {key!r} must be a string")
    return record[key]


def _class(record: dict[str, Any], allowed: tuple[str, ...], where: str) -> str:
    cls = _text(record, "class", where)
    if cls not in allowed:
        raise ReportgraphError(f"{where}: class {cls!r} is not one of {', '.join(allowed)}")
    return cls

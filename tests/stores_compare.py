"""Shared by the store tests: the parameters each named query is asked with on the corpus
graph, and answers compared across stores."""

from __future__ import annotations

from pathlib import Path

from reportgraph.query import QueryResult, list_queries, run_query

CORPUS_GRAPH = Path(__file__).parent / "fixtures" / "corpus-graph"

# A value for every parameter of every named query, chosen so that each answer is not empty.
PARAMS: dict[str, dict[str, str]] = {
    "actors-in-event-class": {"class": "Repatriation"},
    "documents-mentioning": {"entity": "UNHCR"},
    "documents-mentioning-both": {"first": "China", "second": "id:organization/nbc"},
    "events-between": {"class": "Arrest", "from": "2001-06", "to": "2002-01"},
    "events-of-actor": {"actor": "china"},
}


def comparable(result: QueryResult) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """Columns and rows, with each GROUP_CONCAT list sorted: SPARQL leaves the order of
    its items to the store."""
    rows = [
        tuple(cell if cell is None else "; ".join(sorted(cell.split("; "))) for cell in row)
        for row in result.rows
    ]
    return result.columns, rows


def answers(target: object) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    """Every named query's answer from ``target`` (a Dataset or a store)."""
    return {
        named.name: comparable(run_query(target, named.text, PARAMS.get(named.name, {})))  # type: ignore[arg-type]
        for named in list_queries()
    }


def differences(expected: dict, got: dict) -> list[str]:
    out = []
    for name, (columns, rows) in expected.items():
        other_columns, other_rows = got[name]
        if columns != other_columns:
            out.append(f"{name}: columns {other_columns} != {columns}")
        elif rows != other_rows:
            missing = [row for row in rows if row not in other_rows][:3]
            extra = [row for row in other_rows if row not in rows][:3]
            out.append(
                f"{name}: {len(other_rows)} rows, expected {len(rows)}; "
                f"missing {missing}; extra {extra}; same rows in another order: "
                f"{sorted(rows, key=_key) == sorted(other_rows, key=_key)}"
            )
    return out


def _key(row: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple("" if cell is None else cell for cell in row)  # unbound sorts first

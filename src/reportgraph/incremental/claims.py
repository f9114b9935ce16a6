"""Claims after a change: ``claims.build_claims`` run again on the documents the change
can reach, and only those.

A document's claims depend on its own text, its entities' and events' keys and its
publisher's organization; their conflicts on the claims they share a block with (a
group, an event: ``mark_conflicts``) and on the documents that date one event otherwise
(``_date_conflicts``). The documents reached are those made again, those whose events
coreference redid, those whose publisher names an organization that changed, and those
sharing a block or a merged event with one reached, again and again: no claim outside
shares a block or an event with one inside, so building the claims of the inside alone,
in order, gives them what the whole build gives them.
"""

from __future__ import annotations

import dataclasses
import sqlite3

from reportgraph.incremental.library import Library
from reportgraph.incremental.rest import DocOrder
from reportgraph.model import Claim, Event, Resolved
from reportgraph.resolve.claims import build_claims

MAX_REACH = 3_000  # documents whose claims are redone at most


def reclaim(
    db: sqlite3.Connection, order: DocOrder, library: Library, start: set[str], gone: set[str]
) -> dict[str, list[Claim]] | str:
    """The claims of every document ``start`` (or the blocks of those ``gone``) reaches,
    by document; or why the change reaches too far."""
    present = set(library.present)
    todo = sorted(start | gone)
    reach: set[str] = set()
    seen: set[str] = set()
    while todo:
        doc = todo.pop()
        if doc in reach:
            continue
        reach.add(doc)
        if len(reach) > MAX_REACH:
            return "the change reaches the claims of too many documents"
        blocks = {r[0] for r in db.execute("SELECT bkey FROM claimblocks WHERE doc = ?", (doc,))}
        if doc in present:
            blocks |= _blocks(build_claims(*_inputs(db, library, [doc])))
        for block in sorted(blocks - seen):
            seen.add(block)
            todo += [r[0] for r in db.execute(
                "SELECT doc FROM claimblocks WHERE bkey = ?", (block,))]  # fmt: skip
        todo += _merged_with(db, doc)
    docs = sorted(reach & present, key=order)
    claims = build_claims(*_inputs(db, library, docs)) if docs else []
    by_doc: dict[str, list[Claim]] = {doc: [] for doc in docs}
    for claim in claims:
        by_doc[claim.document].append(claim)
    for doc in sorted(reach):
        db.execute("DELETE FROM claimblocks WHERE doc = ?", (doc,))
    db.executemany(
        "INSERT INTO claimblocks VALUES (?, ?)",
        sorted({(b, c.document) for c in claims for b in _claim_blocks(c)}),
    )
    return by_doc


def _merged_with(db: sqlite3.Connection, doc: str) -> list[str]:
    """The documents with an event coreference made one with an event of ``doc``."""
    rows = db.execute(
        "SELECT DISTINCT o.doc FROM events e JOIN events o "
        "ON o.head_doc = e.head_doc AND o.head_i = e.head_i WHERE e.doc = ?",
        (doc,),
    )
    return [r[0] for r in rows]


def final_events(db: sqlite3.Connection, library: Library, doc: str) -> list[Event]:
    """The document's events with the keys and labels coreference gave them."""
    rows = dict(
        ((i), (key, label))
        for i, key, label in db.execute("SELECT i, key, label FROM events WHERE doc = ?", (doc,))
    )
    out = []
    for i, event in enumerate(library.events(doc)):
        key, label = rows[i]
        out.append(dataclasses.replace(event, key=key, label=label))
    return out


def _inputs(
    db: sqlite3.Connection, library: Library, docs: list[str]
) -> tuple[list, dict[tuple[str, int, int], str], Resolved, dict[str, str]]:
    annotated = [library.annotated(doc) for doc in docs]
    key_of: dict[tuple[str, int, int], str] = {}
    events: list[Event] = []
    for doc in docs:
        key_of.update(library.key_of(doc))
        events += final_events(db, library, doc)
    resolved = Resolved(documents=[a.document for a in annotated], events=events)
    names = {a.document.publisher for a in annotated if a.document.publisher}
    return annotated, key_of, resolved, {n: k for n in sorted(names) if (k := publisher(db, n))}


def publisher(db: sqlite3.Connection, name: str) -> str | None:
    """The organization a publisher's name names (``claims.publishers_of``): of those
    labelled or also called so, the first by key."""
    row = db.execute(
        "SELECT MIN(key) FROM clusters WHERE cls = 'Organization' AND (label = ? OR cid IN "
        "(SELECT n.cid FROM orgnames o JOIN nodes n ON n.doc = o.doc AND n.idx = o.idx "
        "WHERE o.name = ?))",
        (name, name),
    ).fetchone()
    return row[0] if row else None


def _claim_blocks(claim: Claim) -> set[str]:
    return {key for key in (*claim.about, *claim.groups) if "\0" not in key}


def _blocks(claims: list[Claim]) -> set[str]:
    return set().union(*(_claim_blocks(c) for c in claims)) if claims else set()

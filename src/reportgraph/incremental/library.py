"""The documents a rebuild reads again, each at most once: its extraction (from the
cache, by the key the snapshot keeps, or just extracted), resolved alone, its mentions'
entity keys and its events as the snapshot now resolves them."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable

from reportgraph.incremental.alone import Alone, resolve_alone
from reportgraph.model import Annotated, Entity, Event
from reportgraph.resolve.events import build_events


class Library:
    def __init__(
        self,
        db: sqlite3.Connection,
        read: Callable[[str], Annotated | None],
        present: set[str],
    ) -> None:
        """``read`` gives a document's extraction by its file name (None: unreadable);
        ``present`` are the documents of this build."""
        self.db, self._read, self.present = db, read, present
        self._annotated: dict[str, Annotated] = {}
        self._alone: dict[str, Alone] = {}
        self._events: dict[str, list[Event]] = {}
        self._publishers: dict[str, str] = {}

    def annotated(self, doc: str) -> Annotated:
        if doc not in self._annotated:
            found = self._read(doc)
            if found is None:
                raise LookupError(doc)
            self._annotated[doc] = found
        return self._annotated[doc]

    def put(self, annotated: Annotated) -> None:
        """The document as it is now (it replaces the version read before)."""
        doc = annotated.document.file_name
        self._annotated[doc] = annotated
        self._alone.pop(doc, None)
        self._events.pop(doc, None)

    def alone(self, doc: str) -> Alone:
        if doc not in self._alone:
            self._alone[doc] = resolve_alone(self.annotated(doc))
        return self._alone[doc]

    def key_of(self, doc: str) -> dict[tuple[str, int, int], str]:
        """Each mention span of ``doc`` -> the key of its entity, now."""
        keys = dict(
            self.db.execute(
                "SELECT n.idx, c.key FROM nodes n JOIN clusters c ON c.cid = n.cid WHERE n.doc = ?",
                (doc,),
            ).fetchall()
        )
        return {span: keys[i] for span, i in self.alone(doc).where.items()}

    def entities(self, keys: set[str]) -> dict[str, Entity]:
        """The entities with these keys, as the snapshot holds them (no documents)."""
        found = {}
        wanted = sorted(keys)
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rows = self.db.execute(
                "SELECT key, cls, label, same_as, lat, long FROM clusters WHERE key IN "
                f"({', '.join('?' * len(part))})",
                part,
            )
            for key, cls, label, same_as, lat, long in rows:
                found[key] = Entity(key, cls, label, same_as=same_as, lat=lat, long=long)
        return found

    def events(self, doc: str) -> list[Event]:
        """The document's events with their own keys and labels (before coreference)."""
        if doc not in self._events:
            key_of = self.key_of(doc)
            entities = self.entities(set(key_of.values()))
            self._events[doc] = build_events([self.annotated(doc)], key_of, entities)
        return self._events[doc]

    def final_events(self, doc: str) -> list[Event]:
        """The document's events with the keys and labels coreference gave them."""
        rows = dict(
            (i, (key, label))
            for i, key, label in self.db.execute(
                "SELECT i, key, label FROM events WHERE doc = ?", (doc,)
            )
        )
        return [
            dataclasses.replace(event, key=rows[i][0], label=rows[i][1])
            for i, event in enumerate(self.events(doc))
        ]

    def publisher(self, name: str | None) -> str:
        """The organization a publisher's name names (``claims.publishers_of``): of those
        labelled or also called so, the first by key; "" for none."""
        if not name:
            return ""
        if name not in self._publishers:
            row = self.db.execute(
                "SELECT MIN(key) FROM clusters WHERE cls = 'Organization' AND (label = ? OR "
                "cid IN (SELECT n.cid FROM orgnames o JOIN nodes n ON n.doc = o.doc AND "
                "n.idx = o.idx WHERE o.name = ?))",
                (name, name),
            ).fetchone()
            self._publishers[name] = (row[0] if row else None) or ""
        return self._publishers[name]

    def forget(self, doc: str) -> None:
        """Drop what was worked out from the snapshot for ``doc`` (its entities changed)."""
        self._events.pop(doc, None)

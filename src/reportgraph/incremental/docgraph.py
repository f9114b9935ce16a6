"""One document's named graph made again from the snapshot: its entities, relations,
events and claims as they now stand, through ``rdf.to_graphs`` as a full build makes
every graph (a document's graph holds what that document says, and its entities'
labels, keys and links, which are the same in every graph)."""

from __future__ import annotations

import sqlite3

from reportgraph.incremental.library import Library
from reportgraph.model import Claim, Entity, Resolved
from reportgraph.rdf import graph_iri, to_graphs
from reportgraph.resolve import relations_of
from reportgraph.triples import Triple


def doc_graph(
    db: sqlite3.Connection, library: Library, doc: str, claims: list[Claim]
) -> set[Triple]:
    annotated, alone = library.annotated(doc), library.alone(doc)
    resolved = Resolved(documents=[annotated.document])
    rows = db.execute(
        "SELECT n.idx, c.key, c.cls, c.label, c.same_as, c.lat, c.long FROM nodes n "
        "JOIN clusters c ON c.cid = n.cid WHERE n.doc = ?",
        (doc,),
    ).fetchall()
    entity_of = {row[0]: row[1:] for row in rows}
    for node in alone.nodes:
        key, cls, label, same_as, lat, long = entity_of[node.id]
        entity = resolved.entities.setdefault(
            key, Entity(key, cls, label, same_as=same_as, lat=lat, long=long)
        )
        entity.documents.add(doc)
        names = node.forms | set(node.canonicals)
        resolved.surface_forms.setdefault((key, doc), set()).update(names)
    resolved.relations = relations_of([annotated], library.key_of(doc))
    resolved.events = library.final_events(doc)
    resolved.claims = claims
    return to_graphs(resolved).get(graph_iri(doc), set())

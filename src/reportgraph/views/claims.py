"""Claims for the pages: who claims what about each node, which claims conflict, and how
many independent sources stand behind each event.

The graph page and the timeline show a fact beside its sources, so both read the same
records from here: one per ``rg:Claim`` (source, stance, figures, date, sentence, file,
the claims it conflicts with), and per event the number of distinct sources that tell it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from reportgraph.ontology import RG
from reportgraph.triples import Readable

# A denial is a source against the fact, not behind it.
NOT_BEHIND = frozenset({"denies"})


def local_name(node: Node) -> str:
    return re.split(r"[/#]", str(node).rstrip("/#"))[-1] or str(node)


def file_name(union: Readable, document: Node) -> str:
    name = union.value(document, RG.fileName)
    if name is not None:
        return str(name)
    return local_name(document) if isinstance(document, URIRef) else str(document)


def claim_table(union: Readable) -> dict[str, dict[str, Any]]:
    """Every claim by IRI: ``by`` (its source as the page names it), ``stance``,
    ``figures`` (one line), ``date``, ``sentence``, ``file``, ``about`` and ``vs`` (the
    IRIs of the claims it conflicts with), ready for the pages as plain data."""
    table = {}
    for claim in sorted(set(union.subjects(RDF.type, RG.Claim)), key=str):
        document = union.value(claim, RG.mentionedIn)
        date = union.value(claim, RG.date)
        table[str(claim)] = {
            "by": source_name(union, union.value(claim, RG.claimedBy)),
            "stance": str(union.value(claim, RG.stance) or ""),
            "figures": figures(union, claim),
            "date": "" if date is None else str(date),
            "sentence": str(union.value(claim, RG.evidence) or ""),
            "file": "" if document is None else file_name(union, document),
            "about": tuple(sorted(str(a) for a in union.objects(claim, RG.about))),
            "vs": tuple(sorted(str(o) for o in union.objects(claim, RG.conflictsWith))),
        }
    return table


def source_name(union: Readable, by: Node | None) -> str:
    """An entity by its label, a wording as written, a document as "the document FILE"."""
    if by is None:
        return "unknown source"
    if isinstance(by, Literal):
        return str(by)
    label = union.value(by, RDFS.label)
    if label is not None:
        return str(label)
    if union.value(by, RG.fileName) is not None:
        return f"the document {file_name(union, by)}"
    return local_name(by)


def figures(union: Readable, claim: Node) -> str:
    """The figures a claim states, each with what it counts: "30,000 to 50,000 refugees"."""
    found = []
    for figure in union.objects(claim, RG.figure):
        parts = (union.value(figure, RDFS.label), union.value(figure, RG.counted))
        found.append(" ".join(str(x) for x in parts if x))
    return "; ".join(sorted(found))


def claims_of(table: dict[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Node IRI -> the claims about it, earliest dated first, then by source."""
    about: dict[str, list[str]] = {}
    for iri, claim in table.items():
        for node in claim["about"]:
            about.setdefault(node, []).append(iri)
    return {
        node: tuple(sorted(iris, key=lambda i: (not table[i]["date"], table[i]["date"], i)))
        for node, iris in about.items()
    }


def source_count(
    union: Readable, node: URIRef, claims: Iterable[str], table: dict[str, dict[str, Any]]
) -> int:
    """How many independent sources tell ``node``. Per document that tells it (rg:mentionedIn):
    the sources of the claims about it there that do not deny it, or, with no claim about it
    there, the document's publisher (else the document itself); a document whose only
    claims about it are denials adds none. Sources are told apart by name, case aside (one
    publisher's two reports count once, and so do a publisher and the organization of its
    name), except a source no entity names ("officials"), which counts once per document."""
    claims = tuple(claims)
    told_through = {table[iri]["file"] for iri in claims}
    keys = {
        _publisher_key(union, document)
        for document in union.objects(node, RG.mentionedIn)
        if file_name(union, document) not in told_through
    }
    for iri in claims:
        if table[iri]["stance"] not in NOT_BEHIND:
            keys.add(_source_key(union, URIRef(iri), table[iri]))
    return len(keys)


def _publisher_key(union: Readable, document: Node) -> str:
    publisher = union.value(document, DCTERMS.publisher)
    if publisher is not None:
        return "name:" + str(publisher).casefold()
    return f"document:{document}"


def _source_key(union: Readable, claim: URIRef, record: dict[str, Any]) -> str:
    by = union.value(claim, RG.claimedBy)
    if isinstance(by, Literal):
        return f"wording:{str(by).casefold()} in {record['file']}"
    if by is not None and (by, RDF.type, RG.Document) in union:
        return _publisher_key(union, by)
    return "name:" + record["by"].casefold()

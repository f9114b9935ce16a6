"""Reader pages: one offline page per document, its text with every evidence sentence marked.

A fact in the graph view links to ``documents/<slug>.html#s-<start>-<end>``, so a researcher
can check the sentence in its context. The marks come from the offsets the graph stores
(rg:startOffset / rg:endOffset in the document's named graph), the text from the document
as ingested; everything is HTML-escaped and the page is sealed like the graph view (no
script, nothing remote). A protected build has no text to show (it would hold the names):
its pages list the pseudonymised evidence sentences only.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from rdflib import Literal
from rdflib.namespace import RDF

from reportgraph.model import Document
from reportgraph.ontology import RG
from reportgraph.triples import NamedGraphs
from reportgraph.views.safety import CSP_PLACEHOLDER, seal

FOLDER = "documents"
Span = tuple[int, int, str]  # start, end, the evidence sentence


def slugs(file_names: Iterable[str]) -> dict[str, str]:
    """A page name for each file name: lowercase words joined by "-"; names that would
    share one (``a b.txt``, ``A-B.txt``) each get a short hash of the file name too, so
    the name depends on the file name and never on build order."""
    names = sorted(set(file_names))
    plain = {
        name: re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "document" for name in names
    }
    taken = Counter(plain.values())
    return {
        name: slug
        if taken[slug] == 1
        else f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        for name, slug in plain.items()
    }


def href(slug: str, start: int, end: int) -> str:
    """The link from index.html to one sentence of a reader page."""
    return f"{FOLDER}/{slug}.html#{anchor(start, end)}"


def anchor(start: int, end: int) -> str:
    return f"s-{start}-{end}"


def spans_by_document(graphs: NamedGraphs) -> dict[str, list[Span]]:
    """Each document's evidence spans, read from its own named graph."""
    return {
        name: sorted({(start, end, sentence) for _, start, end, sentence in found})
        for name, found in _node_spans(graphs).items()
    }


def _node_spans(graphs: NamedGraphs) -> dict[str, list[tuple[str, int, int, str]]]:
    """Per document, (node IRI, start, end, sentence) of each event that has offsets there
    (an event stated alike in two documents is one node with a span in each graph)."""
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    for triples in graphs.values():
        name = next(
            (str(o) for s, p, o in triples if p == RG.fileName and isinstance(o, Literal)), None
        )
        if name is None or not any(p == RDF.type and o == RG.Document for _, p, o in triples):
            continue
        claims = {s for s, p, o in triples if p == RDF.type and o == RG.Claim}
        by_subject: dict[object, dict[object, list[str]]] = {}
        for s, p, o in triples:  # a claim's offsets are its cue's, not its sentence's
            if p in (RG.startOffset, RG.endOffset, RG.evidence) and s not in claims:
                by_subject.setdefault(s, {}).setdefault(p, []).append(str(o))
        spans = set()
        for subject, values in by_subject.items():
            starts, ends = values.get(RG.startOffset, []), values.get(RG.endOffset, [])
            evidence = values.get(RG.evidence, [])
            if len(starts) == len(ends) == len(evidence) == 1:
                start, end = _offset(starts[0]), _offset(ends[0])
                if 0 <= start < end:
                    spans.add((str(subject), start, end, evidence[0]))
        found[name] = sorted(spans)
    return found


@dataclass(frozen=True)
class Links:
    """What index.html needs to link evidence to reader pages: each file's page name,
    and where each node's sentences sit (one entry per document that states it)."""

    slugs: dict[str, str]
    spans: dict[str, list[tuple[str, str, int, int]]]  # node IRI -> (sentence, file, start, end)

    def of(self, node: str, evidence: Iterable[str]) -> list[list[list[str]]]:
        """For each sentence, ``[href, file name]`` of each reader page showing it."""
        where = self.spans.get(node, [])
        return [
            [
                [href(self.slugs[f], start, end), f]
                for sentence, f, start, end in where
                if sentence == wanted and f in self.slugs
            ]
            for wanted in evidence
        ]

    def in_document(self, file: str, sentence: str) -> list[list[str]]:
        """``[href, file]`` of ``sentence`` in ``file``'s reader page when a node's evidence
        marks it there (a claim's own offsets are its cue's: its sentence is found so)."""
        where = self._marked.get((file, sentence))
        if where is None or file not in self.slugs:
            return []
        return [[href(self.slugs[file], *where), file]]

    @cached_property
    def _marked(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(file, sentence) -> the first span marking it on the file's reader page."""
        found: dict[tuple[str, str], tuple[int, int]] = {}
        for spans in self.spans.values():
            for sentence, f, start, end in spans:
                key = (f, sentence)
                found[key] = min(found.get(key, (start, end)), (start, end))
        return found


def links(graphs: NamedGraphs, written: Callable[[str], bool]) -> Links:
    """The links for the reader pages that are there: ``written`` tells, by page name."""
    spans: dict[str, list[tuple[str, str, int, int]]] = {}
    by_document = _node_spans(graphs)
    for name, found in by_document.items():
        for node, start, end, sentence in found:
            spans.setdefault(node, []).append((sentence, name, start, end))
    every = slugs(by_document)
    return Links(
        {f: s for f, s in every.items() if written(s)}, {k: sorted(v) for k, v in spans.items()}
    )


def _offset(text: str) -> int:
    return int(text) if text.isdigit() else -1


@dataclass(frozen=True)
class ReaderPage:
    file_name: str
    slug: str
    page: str


def reader_pages(
    documents: Iterable[Document],
    graphs: NamedGraphs,
    *,
    protected: bool = False,
    names: dict[str, str] | None = None,
) -> list[ReaderPage]:
    """One page per document that ``graphs`` holds; ``protected`` leaves the text out.
    ``names``: every document's page name, when ``graphs`` holds only some documents."""
    spans = spans_by_document(graphs)
    docs = {d.file_name: d for d in documents if d.file_name in spans}
    names = names if names is not None else slugs(spans)
    return [
        ReaderPage(name, names[name], render_reader(docs[name], spans[name], protected=protected))
        for name in sorted(docs)
    ]


def render_reader(document: Document, spans: list[Span], *, protected: bool = False) -> str:
    """The page as a string, sealed (a CSP with no script, and nothing remote)."""
    esc = html.escape
    facts = [
        ("File", document.file_name),
        ("Date", document.date or ""),
        ("Publisher", document.publisher or ""),
    ]
    head = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in facts if v)
    if protected:
        body = (
            '<p class="note">A protected build: the full text is not included (it names '
            "private people). These are the sentences the graph was read from, with names "
            "replaced.</p><ol>"
            + "".join(
                f'<li><mark id="{anchor(s, e)}">{esc(sentence)}</mark></li>'
                for s, e, sentence in spans
            )
            + "</ol>"
        )
    else:
        text = document.text
        spans = [s for s in spans if " ".join(text[s[0] : s[1]].split()) == " ".join(s[2].split())]
        body = f'<div class="text">{marked_text(text, spans)}</div>'
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(document.title or document.file_name)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        '<p class="back"><a href="../index.html">back to the graph</a></p>\n'
        f"<h1>{esc(document.title or document.file_name)}</h1>\n<dl>{head}</dl>\n"
        f"{body}\n</body>\n</html>\n"
    )
    return seal(page)


def marked_text(text: str, spans: list[Span]) -> str:
    """``text`` escaped, each span inside ``<mark id="s-START-END">``. Nested spans nest;
    a span that crosses another is closed and reopened (without its id) around it."""
    opening: dict[int, list[tuple[int, int]]] = {}
    closing: dict[int, list[tuple[int, int]]] = {}
    for start, end, _ in spans:
        end = min(end, len(text))
        if 0 <= start < end:
            opening.setdefault(start, []).append((start, end))
            closing.setdefault(end, []).append((start, end))
    points = sorted({0, len(text), *opening, *closing})
    out: list[str] = []
    stack: list[tuple[int, int]] = []
    for i, point in enumerate(points):
        ending = [stack.index(span) for span in closing.get(point, []) if span in stack]
        if ending:
            lowest = min(ending)
            out.append("</mark>" * (len(stack) - lowest))
            reopened = [span for span in stack[lowest:] if span[1] != point]
            stack = stack[:lowest] + reopened
            out.extend('<mark class="more">' for _ in reopened)
        for span in sorted(set(opening.get(point, [])), key=lambda s: -s[1]):
            out.append(f'<mark id="{anchor(*span)}">')
            stack.append(span)
        if i + 1 < len(points):
            out.append(html.escape(text[point : points[i + 1]]))
    return "".join(out)


_CSS = (
    "body{font:16px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}"
    "h1{font-size:1.5em;line-height:1.3}dl{display:grid;grid-template-columns:auto 1fr;"
    "gap:.2em 1em;font:14px sans-serif;color:#555}dd{margin:0}"
    ".text{white-space:pre-wrap;overflow-wrap:anywhere}"
    "mark{background:#fff1a8}mark:target{background:#ffc94d;outline:2px solid #c77c00}"
    ".back,.note{font:14px sans-serif}"
)

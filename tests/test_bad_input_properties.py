"""Property-based: arbitrary bytes into ingest, arbitrary text into extraction. Only the
project's own errors (ReportgraphError) may come out, and whatever is read can be written
as TriG and read back."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from reportgraph.errors import IngestError, ReportgraphError
from reportgraph.extract import extract, get_pipeline
from reportgraph.ingest import SUPPORTED_SUFFIXES, read_document
from reportgraph.model import Document
from reportgraph.rdf import named_graphs, serialize_trig, to_graphs
from reportgraph.resolve import resolve

WORDS = (
    "The police arrested refugees near the border China North Korea UN UNHCR Seoul "
    "repatriated fled asylum embassy Convention ratified signed said May 9, 2002 on in of "
    "Mr. Kim Dr. Lee Human Rights Watch ( ) \" ' , . ; : - -- ? ! \n \n\n \t 2001 12/31/99"
).split(" ")
ODD = ["\u00e9", "\u201c", "\u2019", "\ud0c8", "\u5317", "\u0000", "\x1b", "\u200b", "\ufeff"]
ODD += ["\u202e", "\U0001f600", "<script>", "</p>", "&amp;", "\r", "\x0c", "\u2028", "%PDF-"]

report_like = st.lists(st.sampled_from(WORDS + ODD), max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), report_like)

BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]
CODECS = ["utf-8", "utf-16-le", "cp1252", "euc-kr", "shift_jis", "latin-1"]


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(any_text)
    codec = draw(st.sampled_from(CODECS))
    return draw(st.sampled_from(BOMS)) + text.encode(codec, "replace")


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    body = draw(any_text)
    tag = draw(st.sampled_from(["p", "script", "nav", "pre", "div", "title", "meta", "h1", "br"]))
    charset = draw(st.sampled_from(["", '<meta charset="euc-kr">', "<meta charset=bogus-9>"]))
    return f"<html><head>{charset}</head><body><{tag}>{body}</{tag}>{body}</body>".encode()


@st.composite
def pdf_bytes(draw: st.DrawFn) -> bytes:
    middle = draw(st.binary(max_size=300))
    tail = draw(st.sampled_from([b"%%EOF\n", b"", b"startxref\n0\n%%EOF"]))
    return b"%PDF-1." + draw(st.sampled_from([b"4", b"7", b"x"])) + b"\n" + middle + tail


any_bytes = st.one_of(st.binary(max_size=600), encoded_text(), html_bytes(), pdf_bytes())


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=any_bytes, suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_ingest_of_any_bytes_reads_or_raises_ingest_error(
    folder: Path, data: bytes, suffix: str
) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except IngestError as exc:
        assert exc.path == path and "\n" not in str(exc)
        return
    assert document.text.strip()
    assert "\x00" not in document.text


def _document(text: str) -> Document:
    return Document(
        path=Path("prop.txt"), file_name="prop.txt", text=text, sha256="0" * 64,
        media_type="text/plain",
    )  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_extraction_of_any_text_raises_nothing_but_our_errors(text: str) -> None:
    try:
        annotated = extract(_document(text), get_pipeline())
    except ReportgraphError:
        return
    for mention in annotated.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
    graphs = to_graphs(resolve([annotated]))
    again = Dataset()
    again.parse(data=serialize_trig(graphs), format="trig")
    assert named_graphs(again) == graphs

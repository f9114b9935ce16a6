"""Hard-wrapped text reads like the unwrapped text, offsets kept."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from reportgraph.build import build_dataset
from reportgraph.extract.reflow import reflow_text
from reportgraph.ontology import RG
from reportgraph.rdf import union

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
PARAGRAPH = (
    "On 3 May 2021 the police of the Democratic People's Republic of Freedonia arrested "
    "forty students who had gathered outside the Ministry of Interior, the Freedonia "
    "Human Rights Watch said in a statement on Tuesday. The students were released later."
)


def wrapped(text: str, width: int) -> str:
    """Each line of the text wrapped at ``width``, as a mail client or a PDF would."""
    return "\n".join("\n".join(textwrap.wrap(line, width)) for line in text.split("\n"))


@pytest.mark.parametrize("width", [40, 70, 90])
def test_a_wrapped_paragraph_flows_again_with_the_same_offsets(width: int) -> None:
    text = wrapped(PARAGRAPH + "\n\n" + PARAGRAPH, width)
    flowed = reflow_text(text)
    assert len(flowed) == len(text)
    assert [i for i, c in enumerate(text) if c != flowed[i]] == [
        i
        for i, c in enumerate(text)
        if c == "\n" and text[i - 1] not in ".\n" and text[i + 1] != "\n"
    ]  # every break but those after a full stop and around blank lines is a space


def test_short_lines_and_lists_keep_their_breaks() -> None:
    text = "Title of the Report\nBy A. Writer\n\n- first point\n- second point\n"
    assert reflow_text(text) == text
    menu = "\n".join(["Home", "About us", "News", "Contact", "Donate"]) + "\n\n" + PARAGRAPH
    assert reflow_text(menu) == menu


def test_a_line_that_ends_a_sentence_keeps_its_break() -> None:
    text = wrapped(PARAGRAPH, 60) + "\nA new line starts here and runs on for quite a while.\n"
    flowed = reflow_text(text)
    assert "released later.\nA new line" in flowed


def _facts(path: Path) -> Graph:
    g = union(build_dataset([path]).dataset)
    for triple in list(g.triples((None, RG.contentHash, None))):
        g.remove(triple)
    return g


@pytest.mark.parametrize("width", [70, 90])
def test_the_golden_report_rewrapped_gives_the_same_graph(tmp_path: Path, width: int) -> None:
    original = GOLDEN.read_text(encoding="utf-8")
    copy = tmp_path / GOLDEN.name
    copy.write_text(wrapped(original, width) + "\n", encoding="utf-8")
    assert isomorphic(_facts(GOLDEN), _facts(copy))

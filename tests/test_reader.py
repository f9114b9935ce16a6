"""Reader pages: the document a fact was read from, with its sentences marked and linked."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from reportgraph.build import build_folder
from reportgraph.ontology import RG
from reportgraph.views import external_refs
from reportgraph.views.reader import marked_text, slugs

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"
HOSTILE = (
    'Title: "Quotes" & <b>tags</b>\n\n'
    "On March 3, 2004, Thai police arrested 12 Laotian refugees near Bangkok.\n"
    "<script>alert(1)</script> and 'single' \"double\" quotes & <img src=x onerror=alert(2)>\n\n"
    "Human Rights Watch said the refugees were held in Klong Prem Prison.\n"
)


class Marks(HTMLParser):
    """The text inside each ``<mark id>``, nested marks included; and every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: set[str] = set()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        ident = dict(attrs).get("id")
        if ident:
            self.ids.add(ident)
        if tag == "mark":
            self.open.append(ident)
            if ident:
                self.text[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self.open:
            if ident:
                self.text[ident] += data


def marks(path: Path) -> Marks:
    parser = Marks()
    parser.feed(path.read_text("utf-8"))
    return parser


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    src = root / "src"
    src.mkdir()
    (src / "report.txt").write_bytes(GOLDEN.read_bytes())
    (src / "Hostile <x> 'doc'.txt").write_text(HOSTILE, encoding="utf-8")
    build_folder([src], root / "out", jobs=1)
    return root / "out"


def test_a_reader_page_per_document(built: Path) -> None:
    pages = sorted(p.name for p in (built / "documents").iterdir())
    assert pages == ["hostile-x-doc-txt.html", "report-txt.html"]
    page = (built / "documents" / "report-txt.html").read_text("utf-8")
    assert "<h1>Border Watch Bulletin</h1>" in page and "2004-03" in page
    assert "Refugees Detained at the Border\n\n<mark" in page, "paragraphs kept"


def test_hostile_text_is_escaped_and_the_page_is_inert(built: Path) -> None:
    page = (built / "documents" / "hostile-x-doc-txt.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&#x27;single&#x27; &quot;double&quot;" in page
    parser = marks(built / "documents" / "hostile-x-doc-txt.html")
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert "script-src 'none'" in page and "default-src 'none'" in page
    assert external_refs(page) == []


def test_every_event_sentence_is_marked_at_its_offsets(built: Path) -> None:
    """Each document's named graph: its events' offsets mark their sentence in its page."""
    dataset = Dataset()
    dataset.parse(built / "graph.trig", format="trig")
    seen = 0
    for graph in dataset.graphs():
        doc = next(graph.subjects(RDF.type, RG.Document), None)
        if doc is None:
            continue
        name = str(graph.value(doc, RG.fileName))
        found = marks(built / "documents" / f"{slugs([name])[name]}.html").text
        for event, _, start in graph.triples((None, RG.startOffset, None)):
            if (event, RDF.type, RG.Claim) in graph:
                continue
            end = graph.value(event, RG.endOffset)
            assert fold(found[f"s-{start}-{end}"]) == fold(str(graph.value(event, RG.evidence)))
            seen += 1
    assert seen >= 8


def panel_links(index: Path) -> list[str]:
    page = index.read_text("utf-8")
    nodes = json.loads(re.search(r"^\s*var RG_NODES = (.*);$", page, re.M).group(1))
    return [link[0] for node in nodes for links in node["src"] for link in links]


def test_panel_links_target_an_existing_mark(built: Path) -> None:
    links = panel_links(built / "index.html")
    assert len(links) >= 8
    assert any("hostile" in link for link in links) and any("report-txt" in link for link in links)
    for link in links:
        page, ident = link.split("#")
        assert page.startswith("documents/") and ident in marks(built / page).ids


def test_an_entity_carries_its_wikidata_item(built: Path) -> None:
    page = (built / "index.html").read_text("utf-8")
    nodes = json.loads(re.search(r"^\s*var RG_NODES = (.*);$", page, re.M).group(1))
    thailand = next(n for n in nodes if n["label"] == "Thailand")
    assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q\d+", thailand["wd"])
    assert external_refs(page) == [], "the link is made by the panel, never in the markup"


def test_same_input_same_bytes_and_stale_pages_go(built: Path, tmp_path: Path) -> None:
    src = built.parent / "src"
    again = tmp_path / "again"
    build_folder([src], again, jobs=1)
    for page in (built / "documents").iterdir():
        assert (again / "documents" / page.name).read_bytes() == page.read_bytes()
    build_folder([src / "report.txt"], again, jobs=1)
    assert [p.name for p in (again / "documents").iterdir()] == ["report-txt.html"]
    assert not list(again.glob(".build-*"))


def test_nested_and_crossing_spans() -> None:
    text = "<a> bc de"
    spans = [(0, 6, ""), (4, 6, ""), (5, 9, "")]
    assert marked_text(text, spans) == (
        '<mark id="s-0-6">&lt;a&gt; <mark id="s-4-6">b<mark id="s-5-9">c</mark></mark>'
        '</mark><mark class="more"> de</mark>'
    )


def test_slugs_are_distinct_and_readable() -> None:
    found = slugs(["Report 1.txt", "report-1.txt", "b.html", "!!!"])
    assert found["b.html"] == "b-html" and found["!!!"] == "document"
    assert found["Report 1.txt"] != found["report-1.txt"]
    assert all(s.startswith("report-1-txt-") for n, s in found.items() if "1" in n)

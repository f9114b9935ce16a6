"""The HTML view: offline, escaped, focused and byte-for-byte repeatable."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from reportgraph import views
from reportgraph.errors import ReportgraphError
from reportgraph.ontology import ID, RG, RG_IRI
from reportgraph.views import ViewStats, external_refs, render_view

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
HOSTILE = "</script><img src=x onerror=alert(1)>"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)

ANNA = str(ID["person/anna-berg"])
WATCH = str(ID["organization/refugee-watch"])
STATEMENT = str(ID["event/b-1"])
RURITANIA = str(ID["country/ruritania"])


def mini() -> Dataset:
    return Dataset(default_union=True).parse(MINI, format="trig")


def render(tmp_path: Path, dataset: Dataset | None = None, **kwargs: Any) -> tuple[ViewStats, str]:
    out = tmp_path / "index.html"
    stats = render_view(mini() if dataset is None else dataset, out, **kwargs)
    return stats, out.read_bytes().decode("utf-8")


def page_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the page hands to vis-network, decoded as the browser would."""
    found = re.findall(r"new vis\.DataSet\((\[.*?\])\);\n", page)
    assert len(found) == 2, "expected one nodes and one edges DataSet"
    return json.loads(found[0]), json.loads(found[1])


def start_tags(page: str) -> list[str]:
    """The elements a browser would build: script text is opaque up to its own </script>."""
    tags: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append(tag)

    Tags().feed(page)
    return tags


def add_person(dataset: Dataset, key: str, label: str, **extra: str) -> URIRef:
    graph = dataset.graph(ID["graph/a"])
    node = ID[f"person/{key}"]
    graph.add((node, RDF.type, RG.Person))
    graph.add((node, RDFS.label, Literal(label, lang="en")))
    graph.add((node, RG.mentionedIn, ID["doc/a"]))
    if "alt" in extra:
        graph.add((node, SKOS.altLabel, Literal(extra["alt"], lang="en")))
    graph.add((ID["event/a-1"], RG.actor, node))
    return node


def labels_in_fixture() -> set[str]:
    dataset = mini()
    documents = set(dataset.subjects(RDF.type, RG.Document))
    return {
        str(label)
        for subject, label in dataset.subject_objects(RDFS.label)
        if subject not in documents
    }


def test_page_is_written_with_every_entity_and_event(tmp_path: Path) -> None:
    stats, page = render(tmp_path)
    assert stats == ViewStats(nodes=9, edges=11, path=tmp_path / "index.html")
    nodes, edges = page_data(page)
    assert {n["label"] for n in nodes} == labels_in_fixture()
    for label in labels_in_fixture():
        assert label in page
    assert len(edges) == 11
    assert not any("/doc/" in n["id"] for n in nodes), "documents are not nodes"
    assert list(tmp_path.iterdir()) == [tmp_path / "index.html"], "no temp file left behind"


def test_edges_are_labelled_and_actor_is_not_repeated(tmp_path: Path) -> None:
    dataset = mini()
    extra = add_person(dataset, "only-actor", "Only Actor")
    _, page = render(tmp_path, dataset)
    _, edges = page_data(page)
    triples = {(e["from"], e["label"], e["to"]) for e in edges}
    arrest = str(ID["event/a-1"])
    assert (arrest, "agent", RURITANIA) in triples
    assert (arrest, "affected", str(ID["group/refugees"])) in triples
    assert (arrest, "place", str(ID["place/strelsau"])) in triples
    assert (arrest, "actor", str(extra)) in triples
    assert (arrest, "actor", RURITANIA) not in triples, "agent already links this pair"
    assert (RURITANIA, "ratified", str(ID["law/refugee-convention"])) in triples
    assert (RURITANIA, "violates", str(ID["law/refugee-convention"])) in triples
    assert (ANNA, "spokespersonOf", WATCH) in triples


def test_nodes_are_styled_by_class_and_sized_by_degree(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    nodes, _ = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    assert by_id[ANNA]["shape"] != by_id[WATCH]["shape"]
    assert by_id[ANNA]["color"] != by_id[WATCH]["color"]
    assert by_id[STATEMENT]["shape"] == by_id[str(ID["event/a-1"])]["shape"]
    # Ruritania takes part in everything; the law has one neighbour.
    assert by_id[RURITANIA]["size"] > by_id[str(ID["law/refugee-convention"])]["size"]
    legend = re.search(r'<div id="legend">(.*?)</div>', page, re.S)
    assert legend is not None
    for cls in ("Person", "Organization", "Group", "Country", "Place", "Law", "Arrest"):
        assert f"{cls}</li>" in legend.group(1)
    assert "Protest" not in legend.group(1), "only classes present are listed"


def test_tooltip_is_plain_text_with_provenance(tmp_path: Path) -> None:
    dataset = mini()
    long_evidence = "word " * 200
    dataset.graph(ID["graph/a"]).add((ID["event/a-2"], RG.evidence, Literal(long_evidence)))
    _, page = render(tmp_path, dataset)
    nodes, _ = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    country = by_id[RURITANIA]["title"]
    assert "Country" in country and "Ruritania" in country
    assert "Ruritanian authorities" in country
    assert "a.txt" in country and "b.html" in country
    arrest = by_id[str(ID["event/a-1"])]["title"]
    assert "Arrest" in arrest and "2002-03-12" in arrest
    assert "Ruritanian police arrested 25 Borduvian refugees" in arrest
    assert "<" not in arrest and ">" not in arrest
    longest = max(by_id[str(ID["event/a-2"])]["title"].splitlines(), key=len)
    assert len(longest) <= 320 and longest.endswith("\u2026")


def test_no_external_urls(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    assert EXTERNAL.search(page) is None
    assert external_refs(page) == []
    for name in ("bootstrap", "tom-select", "cdnjs", "jsdelivr"):
        assert name not in page.lower()
    assert "vis.Network" in page and "<script src" not in page


def test_external_ref_checker_finds_links_but_not_text_in_data() -> None:
    assert external_refs('<link href="https://cdn.example/x.css">') == ["https://cdn.example/x.css"]
    assert external_refs("<script src=//cdn.example/x.js></script>") == ["//cdn.example/x.js"]
    assert external_refs("<style>a { background: url(http://x.example/i.png) }</style>")
    assert external_refs('<script>var t = "href=http://x.example";</script>') == []


def test_hostile_label_is_escaped_everywhere(tmp_path: Path) -> None:
    dataset = mini()
    add_person(dataset, "hostile", HOSTILE, alt=HOSTILE)
    dataset.graph(ID["graph/a"]).add((ID["event/a-1"], RG.evidence, Literal(HOSTILE)))
    _, page = render(tmp_path, dataset, title=HOSTILE, focus=HOSTILE, depth=2)
    assert "<img src=x onerror" not in page
    # vis-network itself holds '"<script>"+t+"</"+"script>"', so count closings and real tags.
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    tags = start_tags(page)
    assert tags.count("script") == 3 and "img" not in tags
    assert f"<h1>{html.escape(HOSTILE)}</h1>" in page
    assert f"<title>{html.escape(HOSTILE)}</title>" in page
    nodes, _ = page_data(page)
    assert HOSTILE in {n["label"] for n in nodes}, "the label survives, as text"
    assert EXTERNAL.search(page) is None


def test_href_in_a_tooltip_does_not_switch_to_an_html_popup(tmp_path: Path) -> None:
    dataset = mini()
    link = '<a href="http://evil.example/">click</a> href=http://evil.example/'
    add_person(dataset, "linky", link)
    _, page = render(tmp_path, dataset)
    nodes, _ = page_data(page)
    assert any("href" in n["title"] for n in nodes), "the text is kept, as text"
    library = sum(
        (views.PYVIS_LIB / name).read_text(encoding="utf-8").count("innerHTML")
        for name in ("vis-9.1.2/vis-network.min.js", "bindings/utils.js")
    )
    assert page.count("innerHTML") == library, "no innerHTML beyond vis-network's own"
    assert "popup.innerHTML" not in page and "showPopup(" not in page
    assert external_refs(page) == []
    assert "<a href" not in page


def test_focus_depth_one_keeps_the_neighbourhood_only(tmp_path: Path) -> None:
    stats, page = render(tmp_path, focus="anna berg", depth=1)
    nodes, edges = page_data(page)
    assert {n["id"] for n in nodes} == {ANNA, WATCH, STATEMENT}
    assert stats.nodes == 3 and stats.edges == 2 == len(edges)


def test_focus_by_alt_label_iri_and_depth(tmp_path: Path) -> None:
    by_alt = views.focus_graph(views.project_graph(mini()), "BERG", depth=1)
    assert set(by_alt) == {ANNA, WATCH, STATEMENT}
    by_iri = views.focus_graph(views.project_graph(mini()), f"<{ANNA}>", depth=0)
    assert set(by_iri) == {ANNA}
    wider = views.focus_graph(views.project_graph(mini()), "Anna Berg", depth=2)
    assert RURITANIA in wider and str(ID["event/a-1"]) not in wider


def test_unknown_focus_suggests_close_labels(tmp_path: Path) -> None:
    with pytest.raises(ReportgraphError, match="no entity named 'Ruritanai'") as info:
        render(tmp_path, focus="Ruritanai")
    assert "Ruritania" in str(info.value)
    assert not (tmp_path / "index.html").exists()
    with pytest.raises(ReportgraphError, match="0 or more"):
        render(tmp_path, focus="Ruritania", depth=-1)


def test_same_graph_gives_same_bytes(tmp_path: Path) -> None:
    first = render_view(mini(), tmp_path / "one.html")
    second = render_view(mini(), tmp_path / "two.html")
    assert first.path.read_bytes() == second.path.read_bytes()


def test_finer_event_subclass_is_drawn_as_its_parent(tmp_path: Path) -> None:
    dataset = mini()
    finer = URIRef(RG_IRI + "MassArrest")
    graph = dataset.graph(ID["graph/a"])
    graph.add((finer, RDFS.subClassOf, RG.Arrest))
    graph.add((ID["event/a-3"], RDF.type, finer))
    graph.add((ID["event/a-3"], RDFS.label, Literal("Mass arrest", lang="en")))
    projected = views.project_graph(dataset)
    assert projected.nodes[str(ID["event/a-3"])]["cls"] == "Arrest"


def test_big_graph_is_laid_out_ahead_without_physics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "LAYOUT_THRESHOLD", 3)
    stats, page = render(tmp_path)
    nodes, _ = page_data(page)
    assert all("x" in n and "y" in n for n in nodes)
    assert '"physics": {"enabled": false}' in page
    assert render(tmp_path)[1] == page, "the layout is seeded"
    assert stats.nodes == 9


def test_fallback_layout_without_numpy_gives_distinct_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_numpy(*args: object, **kwargs: object) -> None:
        raise ImportError("numpy")

    monkeypatch.setattr(views, "LAYOUT_THRESHOLD", 3)
    monkeypatch.setattr(views.nx, "spring_layout", no_numpy)
    dataset = mini()
    add_person(dataset, "loner", "Loner")  # joined through a-1
    dataset.graph(ID["graph/b"]).add((ID["person/island"], RDF.type, RG.Person))
    _, page = render(tmp_path, dataset)
    nodes, _ = page_data(page)
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes) == 11


def test_small_graph_keeps_physics_and_an_empty_graph_renders(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    assert '"physics": {"enabled": true' in page
    stats, empty = render(tmp_path, Dataset(default_union=True))
    assert stats.nodes == 0 and page_data(empty) == ([], [])


def test_unwritable_target_raises_reportgraph_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").mkdir()
    with pytest.raises(ReportgraphError, match=r"index\.html: cannot write"):
        render_view(mini(), tmp_path / "index.html")
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_scripts_parse_as_javascript(tmp_path: Path) -> None:
    _, page = render(tmp_path, focus="Ruritania")
    for i, script in enumerate(re.findall(r"<script>(.*?)</script>", page, re.S)):
        path = tmp_path / f"script{i}.js"
        path.write_text(script, encoding="utf-8")
        checked = subprocess.run(
            ["node", "--check", str(path)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr

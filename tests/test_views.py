"""The HTML views: offline, escaped, focused, collapsed, capped and byte-for-byte repeatable.

What a browser does with the pages is in test_views_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from reportgraph import views
from reportgraph.cli import cli
from reportgraph.errors import QueryError, ReportgraphError
from reportgraph.ontology import ID, RG, RG_IRI
from reportgraph.views import ViewStats, external_refs, render_timeline, render_view
from reportgraph.views.project import date_span
from reportgraph.views.safety import PYVIS_LIB

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
HOSTILE = "</script><img src=x onerror=alert(1)>"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)

ANNA = str(ID["person/anna-berg"])
WATCH = str(ID["organization/refugee-watch"])
STATEMENT = str(ID["event/b-1"])
ARREST = str(ID["event/a-1"])
RURITANIA = str(ID["country/ruritania"])
REFUGEES = str(ID["group/refugees"])
LAW = str(ID["law/refugee-convention"])
STRELSAU = str(ID["place/strelsau"])


def mini() -> Dataset:
    return Dataset(default_union=True).parse(MINI, format="trig")


def render(tmp_path: Path, dataset: Dataset | None = None, **kwargs: Any) -> tuple[ViewStats, str]:
    out = tmp_path / "index.html"
    stats = render_view(mini() if dataset is None else dataset, out, **kwargs)
    return stats, out.read_bytes().decode("utf-8")


def page_data(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the page hands to vis-network, decoded as the browser would."""
    nodes = re.findall(r"^var RG_NODES = (.*);$", page, re.M)
    edges = re.findall(r"^var RG_EDGES = (.*);$", page, re.M)
    assert len(nodes) == len(edges) == 1, "expected one nodes and one edges list"
    return json.loads(nodes[0]), json.loads(edges[0])


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


def hostile_dataset() -> Dataset:
    """Hostile text in a name, an alt name, a document title and an evidence sentence."""
    dataset = mini()
    add_person(dataset, "hostile", HOSTILE, alt=HOSTILE)
    graph = dataset.graph(ID["graph/a"])
    graph.add((ID["event/a-1"], RG.evidence, Literal(HOSTILE)))
    graph.set((ID["doc/a"], DCTERMS.title, Literal(HOSTILE)))
    return dataset


def labels_in_fixture() -> set[str]:
    dataset = mini()
    documents = set(dataset.subjects(RDF.type, RG.Document))
    return {
        str(label)
        for subject, label in dataset.subject_objects(RDFS.label)
        if subject not in documents
    }


def big_dataset(components: list[int]) -> Dataset:
    """Chains of people, one chain per size given: connected components of known sizes."""
    dataset = Dataset(default_union=True)
    graph = dataset.graph(ID["graph/big"])
    for c, size in enumerate(components):
        for i in range(size):
            node = ID[f"person/c{c}-{i}"]
            graph.add((node, RDF.type, RG.Person))
            graph.add((node, RDFS.label, Literal(f"Person {c}-{i}", lang="en")))
            if i:
                graph.add((ID[f"person/c{c}-{i - 1}"], RG.memberOf, node))
    return dataset


# ------------------------------------------------------------------------ the graph page


def test_page_is_written_with_every_entity_and_event(tmp_path: Path) -> None:
    stats, page = render(tmp_path)
    assert stats == ViewStats(
        nodes=9, edges=11, path=tmp_path / "index.html", total_nodes=9, total_edges=11
    )
    assert not stats.capped
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
    assert (ARREST, "agent", RURITANIA) in triples
    assert (ARREST, "affected", REFUGEES) in triples
    assert (ARREST, "place", STRELSAU) in triples
    assert (ARREST, "actor", str(extra)) in triples
    assert (ARREST, "actor", RURITANIA) not in triples, "agent already links this pair"
    assert (RURITANIA, "ratified", LAW) in triples
    assert (RURITANIA, "violates", LAW) in triples
    assert (ANNA, "spokespersonOf", WATCH) in triples
    assert len({e["id"] for e in edges}) == len(edges), "every edge has its own id"


def test_nodes_are_styled_by_class_and_sized_by_centrality(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    nodes, _ = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    assert {n["shape"] for n in nodes} == {"custom"}, "graph.js draws every node"
    assert by_id[ANNA]["glyph"] != by_id[WATCH]["glyph"]
    assert by_id[ANNA]["color"] != by_id[WATCH]["color"]
    # events of different families differ in shape, not only in colour
    assert (by_id[STATEMENT]["glyph"], by_id[ARREST]["glyph"]) == ("pentagon", "cross")
    # Ruritania takes part in everything; the law has one neighbour.
    assert by_id[RURITANIA]["size"] > by_id[LAW]["size"]
    assert by_id[RURITANIA]["c"] == 1.0 > by_id[LAW]["c"]
    assert by_id[RURITANIA]["rank"] == 0, "labelled first"
    assert sorted(n["rank"] for n in nodes) == list(range(len(nodes)))
    legend = re.search(r'<div id="legend">(.*?)<span class="note">(.*?)</span>', page, re.S)
    assert legend is not None
    for cls in ("Person", "Organization", "Group", "Country", "Place", "Law", "Arrest"):
        assert f'data-cls="{cls}"' in legend.group(1)
    assert 'data-group="Entities"' in legend.group(1)
    assert 'data-group="Coercion"' in legend.group(1) and 'data-all="event"' in legend.group(1)
    assert "Protest" not in legend.group(1), "only classes present are listed"
    assert "degree centrality" in legend.group(2)


def test_event_families_have_shapes_and_colours_apart() -> None:
    """The issue's look-alikes (Flight/LegalAction, Arrest/Resettlement) differ in shape;
    within a family no two classes share a colour; entities use shapes of their own."""
    from reportgraph.model import EVENT_CLASSES
    from reportgraph.views.style import ENTITY_STYLE, EVENT_FAMILIES, EVENT_STYLE, FAMILY

    assert all(FAMILY[cls] in EVENT_FAMILIES for cls in EVENT_CLASSES)
    assert EVENT_STYLE["Flight"][1] != EVENT_STYLE["LegalAction"][1]
    assert EVENT_STYLE["Arrest"][1] != EVENT_STYLE["Resettlement"][1]
    for _, _, members in EVENT_FAMILIES.values():
        assert len({EVENT_STYLE[cls][0] for cls in members}) == len(members)
    assert not {s for _, s, _ in ENTITY_STYLE.values()} & {s for s, _, _ in EVENT_FAMILIES.values()}


def test_isolated_nodes_start_hidden_and_out_of_the_layout(tmp_path: Path) -> None:
    dataset = mini()
    graph = dataset.graph(ID["graph/a"])
    graph.add((ID["person/alone"], RDF.type, RG.Person))
    graph.add((ID["person/alone"], RDFS.label, Literal("Alone")))
    _, page = render(tmp_path, dataset)
    nodes, _ = page_data(page)
    alone = [n for n in nodes if n["label"] == "Alone"]
    assert alone and alone[0]["iso"] and alone[0]["hidden"] and not alone[0]["physics"]
    assert sum(1 for n in nodes if n.get("iso")) == 1
    assert (
        '<input type="checkbox" id="isolated">isolated nodes <span class="count">1</span>' in page
    )


def test_nodes_carry_what_the_panel_shows(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    nodes, _ = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    documents = json.loads(re.search(r"^var RG_PAGE = (.*);$", page, re.M).group(1))["documents"]
    assert [d["file"] for d in documents] == ["a.txt", "b.html"]
    assert documents[0]["title"] == "Crackdown at the border"
    country = by_id[RURITANIA]
    assert country["cls"] == "Country" and country["kind"] == "entity"
    assert "Ruritanian authorities" in country["names"]
    assert [documents[i]["file"] for i in country["docs"]] == ["a.txt", "b.html"]
    arrest = by_id[ARREST]
    assert arrest["dates"] == ["2002-03-12"]
    assert (arrest["start"], arrest["end"]) == ("2002-03-12", "2002-03-12")
    assert arrest["ev"] == [
        "Ruritanian police arrested 25 Borduvian refugees in Strelsau on March 12."
    ]
    assert (by_id[str(ID["event/a-2"])]["start"], by_id[str(ID["event/a-2"])]["end"]) == (
        "2002-04-01",
        "2002-04-30",
    )
    date_inputs = re.findall(r'id="date-(?:from|to)"[^>]*placeholder="([^"]*)"', page)
    assert date_inputs == ["2002-03-12", "2003-01-05"], "placeholders show the span"


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
    arrest = by_id[ARREST]["title"]
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


def csp_of(page: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert found is not None, "the page sets a Content-Security-Policy"
    return html.unescape(found.group(1))


def test_csp_allows_exactly_the_pages_own_scripts_and_nothing_remote(tmp_path: Path) -> None:
    for page in (render(tmp_path)[1], timeline_page(tmp_path)):
        policy = csp_of(page)
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split(";")[1]
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        wanted = {
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in scripts
        }
        allowed = set(re.search(r"script-src ([^;]*)", policy).group(1).split())
        assert allowed == wanted and scripts


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    _, page = render(tmp_path, hostile_dataset(), title=HOSTILE, focus=HOSTILE, depth=2)
    assert "<img src=x onerror" not in page
    # vis-network itself holds '"<script>"+t+"</"+"script>"', so count closings and real tags.
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    tags = start_tags(page)
    assert tags.count("script") == 3 and "img" not in tags
    assert f"<h1>{html.escape(HOSTILE)}</h1>" in page
    assert f"<title>{html.escape(HOSTILE)}</title>" in page
    assert f"{html.escape(HOSTILE)} (2002-05)</option>" in page, "document titles too"
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
    library = (PYVIS_LIB / "vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    assert page.count("innerHTML") == library.count("innerHTML"), "none beyond vis-network's"
    assert "popup.innerHTML" not in page and "showPopup(" not in page
    assert external_refs(page) == []
    assert "<a href" not in page


def test_focus_depth_one_keeps_the_neighbourhood_only(tmp_path: Path) -> None:
    stats, page = render(tmp_path, focus="anna berg", depth=1)
    nodes, edges = page_data(page)
    assert {n["id"] for n in nodes} == {ANNA, WATCH, STATEMENT}
    assert stats.nodes == 3 and stats.edges == 2 == len(edges)
    assert "within 1 step of anna berg" in page


def test_focus_by_alt_label_iri_and_depth() -> None:
    by_alt = views.focus_graph(views.project_graph(mini()), "BERG", depth=1)
    assert set(by_alt) == {ANNA, WATCH, STATEMENT}
    by_iri = views.focus_graph(views.project_graph(mini()), f"<{ANNA}>", depth=0)
    assert set(by_iri) == {ANNA}
    wider = views.focus_graph(views.project_graph(mini()), "Anna Berg", depth=2)
    assert RURITANIA in wider and ARREST not in wider


def test_unknown_focus_suggests_close_labels(tmp_path: Path) -> None:
    with pytest.raises(ReportgraphError, match="no entity named 'Ruritanai'") as info:
        render(tmp_path, focus="Ruritanai")
    assert "Ruritania" in str(info.value)
    assert not (tmp_path / "index.html").exists()
    with pytest.raises(ReportgraphError, match="0 or more"):
        render(tmp_path, focus="Ruritania", depth=-1)


def test_same_graph_gives_same_bytes(tmp_path: Path) -> None:
    for kwargs in ({}, {"collapse": True}, {"layout_threshold": 3}):
        first = render_view(mini(), tmp_path / "one.html", **kwargs)
        second = render_view(mini(), tmp_path / "two.html", **kwargs)
        assert first.path.read_bytes() == second.path.read_bytes()


def test_finer_event_subclass_is_drawn_as_its_parent() -> None:
    dataset = mini()
    finer = URIRef(RG_IRI + "MassArrest")
    graph = dataset.graph(ID["graph/a"])
    graph.add((finer, RDFS.subClassOf, RG.Arrest))
    graph.add((ID["event/a-3"], RDF.type, finer))
    graph.add((ID["event/a-3"], RDFS.label, Literal("Mass arrest", lang="en")))
    projected = views.project_graph(dataset)
    assert projected.nodes[str(ID["event/a-3"])]["cls"] == "Arrest"


def test_date_span_covers_the_precision_given() -> None:
    assert date_span(["2002"]) == ("2002-01-01", "2002-12-31")
    assert date_span(["2004-02"]) == ("2004-02-01", "2004-02-29")
    assert date_span(["2002-03-12", "2001-07"]) == ("2001-07-01", "2002-03-12")
    assert date_span(["soon", ""]) == ("", "")


# --------------------------------------------------------------------- collapsed events


def test_collapse_folds_events_into_labelled_edges_between_actors(tmp_path: Path) -> None:
    stats, page = render(tmp_path, collapse=True)
    nodes, edges = page_data(page)
    assert all(n["kind"] != "event" for n in nodes), "no event is a node"
    assert stats.nodes == 6
    folded = {(e["from"], e["label"], e["to"]): e for e in edges if "event" in e}
    arrest = folded[(RURITANIA, "arrested (2002-03-12)", REFUGEES)]
    assert arrest["event"] == ARREST and arrest["cls"] == "Arrest"
    assert arrest["ev"] == [
        "Ruritanian police arrested 25 Borduvian refugees in Strelsau on March 12."
    ]
    assert arrest["start"] == "2002-03-12" and arrest["docs"] == [0]
    assert (RURITANIA, "repatriated (2002-04)", REFUGEES) in folded
    assert (ANNA, "made a statement (2003-01-05)", RURITANIA) in folded
    relations = {(e["from"], e["label"], e["to"]) for e in edges if "event" not in e}
    assert (RURITANIA, "ratified", LAW) in relations, "relations between entities stay"
    assert "events drawn as edges" in page


def test_collapse_without_two_sides() -> None:
    graph = nx.MultiDiGraph(documents=())
    entity = {"kind": "entity", "cls": "Person", "label": "x", "names": ("x",)}
    event = {
        "kind": "event",
        "cls": "Meeting",
        "label": "met",
        "dates": (),
        "start": "",
        "end": "",
        "documents": (),
        "evidence": ("They met.",),
    }
    for name in ("a", "b", "c", "alone", "p"):
        graph.add_node(name, **entity)
    graph.add_node("meeting", **event)
    for who in ("a", "b", "c"):
        graph.add_edge("meeting", who, key="actor", label="actor")
    graph.add_node("solo", **{**event, "cls": "Flight", "label": "fled"})
    graph.add_edge("solo", "alone", key="agent", label="agent")
    graph.add_node("flight", **{**event, "cls": "Flight"})
    graph.add_edge("flight", "a", key="agent", label="agent")
    graph.add_edge("flight", "p", key="place", label="place")
    folded = views.collapse_events(graph)
    pairs = sorted((u, v, d["label"]) for u, v, d in folded.edges(data=True))
    assert pairs == [("a", "b", "met"), ("a", "c", "met"), ("a", "p", "fled"), ("b", "c", "met")]
    assert [e["event_label"] for e in folded.nodes["alone"]["lone_events"]] == ["fled"]


# ------------------------------------------------------------------------ CONSTRUCT query


CONSTRUCT = """
CONSTRUCT { ?state rg:ratified ?law . ?event rg:agent ?state }
WHERE { ?state rg:ratified ?law . OPTIONAL { ?event rg:agent ?state ; a rg:Arrest } }
"""


def test_query_draws_a_construct_result_with_what_the_graph_knows(tmp_path: Path) -> None:
    stats, page = render(tmp_path, query=CONSTRUCT)
    nodes, edges = page_data(page)
    by_id = {n["id"]: n for n in nodes}
    assert set(by_id) == {RURITANIA, LAW, ARREST}
    assert by_id[LAW]["cls"] == "Law" and "1951 Convention" in by_id[LAW]["names"]
    assert by_id[ARREST]["ev"], "evidence comes from the full graph"
    assert {(e["from"], e["label"], e["to"]) for e in edges} == {
        (RURITANIA, "ratified", LAW),
        (ARREST, "agent", RURITANIA),
    }
    assert stats.nodes == 3 and "the result of a query" in page


def test_query_with_unknown_nodes_and_foreign_predicates(tmp_path: Path) -> None:
    text = (
        "CONSTRUCT { <urn:x:a> <http://example.org/knows> ?s }"
        ' WHERE { ?s rdfs:label "Anna Berg"@en }'
    )
    _, page = render(tmp_path, query=text)
    nodes, edges = page_data(page)
    assert {n["id"]: n["cls"] for n in nodes} == {"urn:x:a": "Other", ANNA: "Person"}
    assert [e["label"] for e in edges] == ["knows"]


def test_query_must_construct_a_graph(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="CONSTRUCT or DESCRIBE query; this one is SELECT"):
        render(tmp_path, query="SELECT ?s WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="read-only"):
        render(tmp_path, query="INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert not (tmp_path / "index.html").exists()


# -------------------------------------------------------------------------- big graphs


def test_big_graph_is_laid_out_ahead_without_physics(tmp_path: Path) -> None:
    stats, page = render(tmp_path, layout_threshold=3)
    nodes, _ = page_data(page)
    assert all("x" in n and "y" in n for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes), "no two nodes on one spot"
    assert '"physics": {"enabled": false}' in page
    assert '"hideEdgesOnDrag": true' in page
    assert re.search(r"^var RG_PAGE = .*\"big\": true", page, re.M)
    assert stats.nodes == 9


def test_small_graph_keeps_physics_and_an_empty_graph_renders(tmp_path: Path) -> None:
    _, page = render(tmp_path)
    assert '"physics": {"enabled": true' in page
    stats, empty = render(tmp_path, Dataset(default_union=True))
    assert stats.nodes == 0 and page_data(empty) == ([], [])


def test_cap_keeps_the_largest_components_whole() -> None:
    graph = views.project_graph(big_dataset([6, 4, 3, 1]))
    capped = views.cap_graph(graph, 10)
    assert capped.capped and capped.total_nodes == 14
    sizes = sorted(len(c) for c in nx.weakly_connected_components(capped.graph))
    assert sizes == [4, 6]
    assert views.cap_graph(graph, 14).graph is graph


def test_cap_cuts_a_component_too_big_around_its_hub() -> None:
    graph = views.project_graph(big_dataset([9, 2]))
    capped = views.cap_graph(graph, 5)
    assert capped.graph.number_of_nodes() == 5
    assert nx.is_weakly_connected(capped.graph), "what is shown stays connected"
    with pytest.raises(ReportgraphError, match="1 or more"):
        views.cap_graph(graph, 0)


def test_capped_view_says_so_on_the_page(tmp_path: Path) -> None:
    stats, page = render(tmp_path, big_dataset([6, 4, 3]), max_nodes=8)
    assert stats.capped and (stats.nodes, stats.total_nodes) == (6, 13)
    notice = re.search(r'<p id="notice" role="alert">(.*?)</p>', page, re.S)
    assert notice is not None
    assert "13 nodes" in notice.group(1) and "the cap is 8" in notice.group(1)
    assert "largest connected neighbourhoods, 6 nodes" in notice.group(1)
    _, uncapped = render(tmp_path)
    assert 'id="notice"' not in uncapped


def test_unwritable_target_raises_reportgraph_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").mkdir()
    with pytest.raises(ReportgraphError, match=r"index\.html: cannot write"):
        render_view(mini(), tmp_path / "index.html")
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


# ---------------------------------------------------------------------------- timeline


def timeline_page(tmp_path: Path, dataset: Dataset | None = None, **kwargs: Any) -> str:
    out = tmp_path / "timeline.html"
    render_timeline(mini() if dataset is None else dataset, out, **kwargs)
    return out.read_text(encoding="utf-8")


def test_timeline_lists_events_in_date_order_linked_to_the_graph(tmp_path: Path) -> None:
    dataset = mini()
    undated = ID["event/b-2"]
    dataset.graph(ID["graph/b"]).add((undated, RDF.type, RG.Petition))
    dataset.graph(ID["graph/b"]).add((undated, RDFS.label, Literal("A petition", lang="en")))
    stats = render_timeline(dataset, tmp_path / "timeline.html")
    assert (stats.events, stats.dated) == (4, 3)
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    order = [
        page.index(label)
        for label in (
            "Ruritania arrests Borduvian refugees",
            "Ruritania repatriates Borduvian refugees",
            "Anna Berg condemns Ruritania",
            "A petition",
        )
    ]
    assert order == sorted(order)
    # under three years apart: month by month, with a bar for every month in the span
    sections = re.findall(r'<section class="year" id="t([\w-]+)"', page)
    assert sections == ["2002-03", "2002-04", "2003-01", "undated"]
    bars = re.findall(r'<a href="#t([\w-]+)" data-bucket="[\w-]+" data-count="(\d+)">', page)
    assert len(bars) == 11 and bars[0] == ("2002-03", "1") and bars[-1] == ("2003-01", "1")
    assert f'data-iri="{ARREST}"' in page, "the graph page links to an event's row"
    quoted = ARREST.replace(":", "%3A").replace("/", "%2F")
    assert f'href="index.html#node={quoted}"' in page
    assert '<span class="role">agent</span> <a' in page
    assert "Ruritanian police arrested 25 Borduvian refugees in Strelsau on March 12." in page
    assert "a.txt · Crackdown at the border" in page
    assert external_refs(page) == []


def test_a_timeline_past_its_cap_lists_the_most_reported_events_and_says_so(
    tmp_path: Path,
) -> None:
    """A page of every event of a big archive would not open (200 MB at 10,000 documents):
    past the cap it keeps those the most documents report, still in date order."""
    dataset = mini()
    dataset.graph(ID["graph/b"]).add((URIRef(STATEMENT), RG.mentionedIn, ID["doc/b"]))
    dataset.graph(ID["graph/b"]).add((URIRef(STATEMENT), RG.mentionedIn, ID["doc/a"]))
    stats = render_timeline(dataset, tmp_path / "timeline.html", max_events=1)
    assert (stats.events, stats.total_events, stats.capped) == (1, 3, True)
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert f'data-iri="{STATEMENT}"' in page and f'data-iri="{ARREST}"' not in page
    assert "This graph has 3 events" in page and "the cap is 1" in page
    full = render_timeline(mini(), tmp_path / "all.html")
    assert not full.capped and "the cap is" not in (tmp_path / "all.html").read_text("utf-8")


def _with_flight(label: str, year: str) -> Dataset:
    """The mini graph and a flight dated by its year alone."""
    dataset = mini()
    graph = dataset.graph(ID["graph/b"])
    graph.add((ID["event/b-0"], RDF.type, RG.Flight))
    graph.add((ID["event/b-0"], RDFS.label, Literal(label, lang="en")))
    graph.add((ID["event/b-0"], RG.date, Literal(year, datatype=XSD.gYear)))
    return dataset


def test_month_by_month_an_event_dated_by_its_year_alone_is_listed_under_the_year(
    tmp_path: Path,
) -> None:
    page = timeline_page(tmp_path, _with_flight("A flight that year", "2002"))
    sections = re.findall(r'<section class="year" id="t([\w-]+)"', page)
    assert sections == ["2002", "2002-03", "2002-04", "2003-01"]  # not in January
    assert page.index("A flight that year") < page.index("Ruritania arrests Borduvian refugees")
    bars = re.findall(r'<a href="#t([\w-]+)" data-bucket', page)
    assert len(bars) == 11 and bars[0] == "2002-03"  # the bars are months


def test_timeline_by_year_when_the_span_is_long(tmp_path: Path) -> None:
    dataset = _with_flight("An early flight", "1995")
    dataset.graph(ID["graph/b"]).add((ID["event/b-0"], RG.agent, URIRef(ANNA)))
    page = timeline_page(tmp_path, dataset)
    assert re.findall(r'<section class="year" id="t([\w-]+)"', page) == ["1995", "2002", "2003"]
    assert len(re.findall(r'<a href="#t(\d{4})" data-bucket', page)) == 9
    assert f'data-who="{ANNA}"' in page


def test_timeline_links_to_the_graph_page_wherever_it_is(tmp_path: Path) -> None:
    render_timeline(mini(), tmp_path / "pages" / "t.html", graph_page=tmp_path / "g" / "all.html")
    page = (tmp_path / "pages" / "t.html").read_text(encoding="utf-8")
    assert 'id="graph-link" href="../g/all.html"' in page


def test_timeline_focus_keeps_the_events_of_one_actor(tmp_path: Path) -> None:
    page = timeline_page(tmp_path, focus="Anna Berg")
    assert "Anna Berg condemns Ruritania" in page
    assert "Ruritania arrests" not in page
    assert "1 events, 1 dated, 2003, within 1 step of Anna Berg" in page


def test_timeline_escapes_hostile_text(tmp_path: Path) -> None:
    page = timeline_page(tmp_path, hostile_dataset(), title=HOSTILE)
    assert "<img src=x onerror" not in page
    assert page.count(html.escape(HOSTILE)) >= 4, "title, heading, name, sentence, document"
    tags = start_tags(page)
    assert tags.count("script") == 1 and "img" not in tags


def test_same_timeline_gives_same_bytes(tmp_path: Path) -> None:
    assert timeline_page(tmp_path) == timeline_page(tmp_path)


# --------------------------------------------------------------------------------- CLI


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    graph = tmp_path / "graph"
    graph.mkdir()
    shutil.copy(MINI, graph / "graph.trig")
    return graph


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_cli_view_collapse_timeline_and_query(folder: Path, tmp_path: Path) -> None:
    whole = invoke("view", "--graph", str(folder))
    assert whole.exit_code == 0, whole.output
    assert whole.stdout == f"wrote {folder / 'index.html'} (9 nodes, 11 edges)\n"
    actors = invoke(
        "view", "--graph", str(folder), "--collapse-events", "--out", str(tmp_path / "a.html")
    )
    assert actors.exit_code == 0 and "(6 nodes," in actors.stdout
    timeline = invoke("view", "--graph", str(folder), "--timeline")
    assert timeline.stdout == f"wrote {folder / 'timeline.html'} (3 events, 3 dated)\n"
    rq = tmp_path / "laws.rq"
    rq.write_text(CONSTRUCT, encoding="utf-8")
    drawn = invoke("view", "--graph", str(folder), "--query", str(rq))
    assert drawn.stdout == f"wrote {folder / 'query.html'} (3 nodes, 2 edges)\n"


def test_cli_view_cap_note_and_errors(folder: Path, tmp_path: Path) -> None:
    capped = invoke("view", "--graph", str(folder), "--max-nodes", "4")
    assert capped.exit_code == 0
    assert "note: the graph has 9 nodes, more than the cap of 4" in capped.stderr
    select = invoke("view", "--graph", str(folder), "--query", "SELECT * WHERE { ?s ?p ?o }")
    assert select.exit_code == 1
    assert "CONSTRUCT or DESCRIBE" in select.output and "Traceback" not in select.output
    both = invoke("view", "--graph", str(folder), "--timeline", "--collapse-events")
    assert both.exit_code == 2 and "cannot --collapse-events" in both.output


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_scripts_parse_as_javascript(tmp_path: Path) -> None:
    pages = [render(tmp_path, focus="Ruritania")[1], timeline_page(tmp_path)]
    for n, page in enumerate(pages):
        for i, script in enumerate(re.findall(r"<script>(.*?)</script>", page, re.S)):
            path = tmp_path / f"script{n}-{i}.js"
            path.write_text(script, encoding="utf-8")
            checked = subprocess.run(
                ["node", "--check", str(path)], capture_output=True, text=True, check=False
            )
            assert checked.returncode == 0, checked.stderr


def test_literal_dates_are_typed_as_written(tmp_path: Path) -> None:
    dataset = mini()
    dataset.graph(ID["graph/b"]).set(
        (ID["event/b-1"], RG.date, Literal("2003", datatype=XSD.gYear))
    )
    nodes, _ = page_data(render(tmp_path, dataset)[1])
    statement = next(n for n in nodes if n["id"] == STATEMENT)
    assert (statement["start"], statement["end"]) == ("2003-01-01", "2003-12-31")


def test_big_layout_keeps_the_hubs_apart() -> None:
    """Past the layout threshold: the hubs labelled first stand apart on the map (their
    labels would pile up otherwise), and the layout is the same every run."""
    import math

    from reportgraph.views.layout import HUB_GAP, HUBS, SPACING, layout

    graph = nx.MultiDiGraph()
    for i in range(1200):  # leaves of 60 hubs, each leaf linking two hubs as events do
        graph.add_edge(f"leaf{i:04d}", f"hub{i % 60:02d}")
        graph.add_edge(f"leaf{i:04d}", f"hub{(i // 60 + i) % 60:02d}")
    assert nx.is_weakly_connected(graph)
    pos = layout(graph)
    assert pos == layout(graph)
    hubs = sorted(graph, key=lambda n: (-graph.degree(n), n))[:HUBS]
    gap = SPACING * math.sqrt(len(graph)) * 1.2 * HUB_GAP
    nearest = min(math.dist(pos[u], pos[v]) for u in hubs for v in hubs if u < v)
    assert nearest >= gap * 0.95

"""Claims in the pages: each node's claims with their sources, conflicting claims side by
side, and the count of independent sources the "Sources >=" filter reads (issue 16).

The data the pages embed is checked here, on an invented two-report graph, on the dates
fixture built for real and on the sample corpus; what chromium shows is at the end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS, XSD
from test_views import ANNA, ARREST, STATEMENT, mini, page_data, start_tags

from reportgraph.build import build_dataset
from reportgraph.ontology import ID, RG
from reportgraph.views import render_timeline, render_view

REPATRIATION = str(ID["event/a-2"])
C_WATCH, C_ANNA, C_DENIAL, C_ORG = (str(ID[f"claim/{k}"]) for k in ("w", "anna", "deny", "org"))
XSS = "<script>window.__xss=1</script><img src=x onerror=alert(1)>"
ANNA_SAYS = f"Anna Berg said that 40 refugees were arrested in April {XSS}."
LENA = str(ID["person/lena-ostrova"])
DATES = Path(__file__).parent / "fixtures" / "dates"


def claims_dataset() -> Dataset:
    """mini.trig with claims: a.txt (published by Refugee Watch) says 25 refugees were
    arrested; b.html tells the same arrest through Anna Berg, 40 refugees, in April (the two
    conflict); Ruritanian officials deny the repatriation; Refugee Watch, an organization
    of b.html and a.txt's publisher, asserts Anna Berg's statement, which a.txt mentions
    and Lena Ostrova, linked to nothing else, attended."""
    dataset = mini()
    a, b = dataset.graph(ID["graph/a"]), dataset.graph(ID["graph/b"])
    b.add((ID["event/a-1"], RG.mentionedIn, ID["doc/b"]))
    a.add((ID["event/b-1"], RG.mentionedIn, ID["doc/a"]))
    b.add((ID["person/lena-ostrova"], RDF.type, RG.Person))
    b.add((ID["person/lena-ostrova"], RDFS.label, Literal("Lena Ostrova", lang="en")))
    b.add((ID["event/b-1"], RG.actor, ID["person/lena-ostrova"]))

    def claim(graph: Any, key: str, by: Any, stance: str, about: str, doc: str, **more: str) -> Any:
        node = ID[f"claim/{key}"]
        graph.add((node, RDF.type, RG.Claim))
        graph.add((node, RG.claimedBy, by))
        graph.add((node, RG.stance, Literal(stance)))
        graph.add((node, RG.about, ID[about]))
        graph.add((node, RG.mentionedIn, ID[doc]))
        graph.add((node, RG.evidence, Literal(more["sentence"])))
        if "date" in more:
            graph.add((node, RG.date, Literal(more["date"], datatype=XSD.gYearMonth)))
        if "figure" in more:
            figure = ID[f"claim/{key}/figure/1"]
            graph.add((node, RG.figure, figure))
            graph.add((figure, RDFS.label, Literal(more["figure"])))
            graph.add((figure, RG.counted, Literal("refugees")))
        return node

    said = "Ruritanian police arrested 25 Borduvian refugees in Strelsau on March 12."
    w = claim(a, "w", ID["doc/a"], "asserts", "event/a-1", "doc/a", sentence=said, figure="25")
    anna = claim(
        b, "anna", ID["person/anna-berg"], "asserts", "event/a-1", "doc/b",
        sentence=ANNA_SAYS, figure="40", date="2002-04",
    )  # fmt: skip
    a.add((w, RG.conflictsWith, anna))
    b.add((anna, RG.conflictsWith, w))
    claim(
        a, "deny", Literal("Ruritanian officials"), "denies", "event/a-2", "doc/a",
        sentence="Ruritanian officials denied that anyone was sent back.",
    )  # fmt: skip
    claim(
        b, "org", ID["organization/refugee-watch"], "asserts", "event/b-1", "doc/b",
        sentence="Anna Berg of Refugee Watch condemned Ruritania on January 5.",
    )  # fmt: skip
    return dataset


def page_claims(page: str) -> dict[str, Any]:
    return json.loads(re.findall(r"^var RG_PAGE = (.*);$", page, re.M)[0])["claims"]


def test_nodes_carry_their_claims_and_the_page_the_records(tmp_path: Path) -> None:
    render_view(claims_dataset(), tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text()
    nodes = {n["id"]: n for n in page_data(page)[0]}
    claims = page_claims(page)
    assert nodes[ARREST]["cl"] == [C_ANNA, C_WATCH], "dated claims first"
    assert nodes[REPATRIATION]["cl"] == [C_DENIAL]
    assert nodes[ANNA]["cl"] == [] and "n" not in nodes[ANNA], "entities have no count"
    assert claims[C_ANNA] == {
        "by": "Anna Berg",
        "stance": "asserts",
        "figures": "40 refugees",
        "date": "2002-04",
        "sentence": ANNA_SAYS,
        "file": "b.html",
        "src": [],  # a view outside a build has no reader pages
        "vs": [C_WATCH],
    }
    assert claims[C_WATCH]["by"] == "the document a.txt" and claims[C_WATCH]["vs"] == [C_ANNA]
    assert claims[C_DENIAL]["by"] == "Ruritanian officials"
    assert set(claims) == {C_WATCH, C_ANNA, C_DENIAL, C_ORG}


def test_independent_sources_per_event(tmp_path: Path) -> None:
    """The arrest: a.txt's publisher and Anna Berg (b.html tells it through her): 2. The
    repatriation: only denied, 0. The statement: Refugee Watch claims it in b.html and
    publishes a.txt, which mentions it without a claim: one source, counted once."""
    render_view(claims_dataset(), tmp_path / "index.html")
    nodes = {n["id"]: n for n in page_data((tmp_path / "index.html").read_text())[0]}
    assert (nodes[ARREST]["n"], nodes[REPATRIATION]["n"], nodes[STATEMENT]["n"]) == (2, 0, 1)
    plain = {n["id"]: n for n in page_data(render_mini(tmp_path))[0]}
    assert {n["n"] for n in plain.values() if n["kind"] == "event"} == {1}


def render_mini(tmp_path: Path) -> str:
    render_view(mini(), tmp_path / "mini.html")
    return (tmp_path / "mini.html").read_text()


def test_folded_events_keep_their_claims(tmp_path: Path) -> None:
    render_view(claims_dataset(), tmp_path / "actors.html", collapse=True)
    page = (tmp_path / "actors.html").read_text()
    folded = [e for e in page_data(page)[1] if e.get("event") == ARREST]
    assert folded and all(e["cl"] == [C_ANNA, C_WATCH] and e["n"] == 2 for e in folded)
    assert set(page_claims(page)) >= {C_ANNA, C_WATCH}


def test_hostile_claim_text_stays_data_and_pages_repeat(tmp_path: Path) -> None:
    for name in ("one.html", "two.html"):
        render_view(claims_dataset(), tmp_path / name)
    page = (tmp_path / "one.html").read_text()
    assert page == (tmp_path / "two.html").read_text()
    assert "<script>window.__xss" not in page and "<img" not in page
    assert start_tags(page).count("script") == start_tags(render_mini(tmp_path)).count("script")
    for name in ("t1.html", "t2.html"):
        render_timeline(claims_dataset(), tmp_path / name)
    timeline = (tmp_path / "t1.html").read_text()
    assert timeline == (tmp_path / "t2.html").read_text()
    assert "<script>window.__xss" not in timeline and "<img" not in timeline


def test_timeline_rows_say_who_claims_and_mark_conflicts(tmp_path: Path) -> None:
    render_timeline(claims_dataset(), tmp_path / "timeline.html")
    page = (tmp_path / "timeline.html").read_text()
    rows = dict(re.findall(r'<li class="event" data-iri="([^"]+)"(.*?)</li>', page, re.S))
    arrest = rows[ARREST]
    assert 'data-sources="2" data-conflict="1"' in arrest
    assert "&#x26a0; conflicting claims" in arrest
    assert "<b>Anna Berg</b> (asserts: 40 refugees, 2002-04, in b.html)" in arrest
    assert "<b>the document a.txt</b> (asserts: 25 refugees, in a.txt)" in arrest
    assert 'data-sources="0"' in rows[REPATRIATION] and "data-conflict" not in rows[REPATRIATION]
    assert "<b>Ruritanian officials</b> (denies, in a.txt)" in rows[REPATRIATION]
    assert 'id="min-sources"' in page and 'max="2"' in page


def test_two_reports_dating_one_arrest_differently(tmp_path: Path) -> None:
    """The dates fixture built for real: one arrest, told by two reports whose dates
    conflict; each report's claim is shown beside the other, and the arrest has 2 sources."""
    built = build_dataset(sorted(DATES.glob("*.txt")))
    render_view(built.dataset, tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text()
    claims = page_claims(page)
    (arrest,) = [n for n in page_data(page)[0] if n["cls"] == "Arrest" and len(n["cl"]) == 2]
    assert arrest["n"] == 2
    first, second = (claims[c] for c in arrest["cl"])
    assert (first["date"], second["date"]) == ("2016-03-03", "2016-04")
    assert first["vs"] == [arrest["cl"][1]] and second["vs"] == [arrest["cl"][0]]
    assert {first["file"], second["file"]} == {"brenna-watch.txt", "coastal-monitor.txt"}


def test_the_corpus_refugee_estimates_conflict_in_the_panel_data(corpus_workspace: Any) -> None:
    page = (corpus_workspace.path / "graph" / "index.html").read_text()
    claims = page_claims(page)
    (group,) = [n for n in page_data(page)[0] if n["label"] == "North Korean refugees"]
    pairs = {
        tuple(sorted((claims[a]["by"], claims[b]["by"])))
        for a in group["cl"]
        for b in claims[a]["vs"]
    }
    assert ("International aid groups", "unnamed sources") in pairs
    linked = [c for c in claims.values() if c["src"]]
    assert linked and all(c["src"][0][0].startswith("documents/") for c in linked)

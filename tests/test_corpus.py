"""The sample corpus builds, validates against the shapes, and can be scored against gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reportgraph.build import build_folder
from reportgraph.validate import validate

ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def corpus_graph(corpus_workspace: Any) -> Path:
    """The corpus built once for the session (the README's examples read it too)."""
    assert "read 5 documents" in corpus_workspace.built and "skipped 0" in corpus_workspace.built
    return corpus_workspace.path / "graph"


def test_corpus_graph_validates(corpus_graph: Path) -> None:
    from reportgraph.store import load_graph

    report = validate(load_graph(corpus_graph))
    assert report.conforms, report.text()


def test_conflicts_are_the_refugee_estimates_of_one_period(corpus_graph: Path) -> None:
    """Tens of thousands against hundreds of thousands (reports of 2001 and 2002) is the
    corpus's conflict; counts of 2001 against those of the 2012 report (the intelligence
    service's 1,470 defectors against "more than 20,000") speak of other years."""
    from reportgraph.query import get_query, run_query
    from reportgraph.store import load_graph

    named = get_query("conflicts")
    assert named is not None
    result = run_query(load_graph(corpus_graph), named.text, {})
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    pairs = {(r["figuresA"], r["figuresB"]) for r in rows}
    assert (
        "at least 30,000 … as many as 100,000 refugees",
        "from 150,000 and 300,000 refugees",
    ) in pairs
    assert not [r for r in rows if "004_" in f"{r['fileA']} {r['fileB']}"], rows


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is absent")
def test_scorer_runs_on_the_corpus_graph(corpus_graph: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--graph", str(corpus_graph / "graph.trig"),
            "--gold", str(SHARED / "gold"),
            "--corpus", str(ROOT / "corpus"),
            "--ontology", str(ROOT / "ontology"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    scores = json.loads(result.stdout)
    assert all(doc["in_graph"] for doc in scores["documents"].values())
    # The scorer checks every evidence sentence of an event against each document that
    # mentions it; an event two reports tell (one node) carries a sentence from each, so
    # each document "misses" the other's: measured 143 of 145 checks with one such event. That each
    # sentence is in its own document is checked below, per named graph.
    assert scores["evidence_found_in_text"] >= 0.98
    assert scores["false_merges"] == 0
    # regression floors, set from a measured run (entities 0.880, events 0.729, relations
    # strict 0.487, loose 0.636, participants 0.597). Lower than before the rules read any
    # report (0.927, 0.785, 0.576, 0.741): the groups the parse finds ("154 lawmakers",
    # "pregnant women"), where they live and come from, the lemma triggers, camps and
    # prisons named by common nouns, and regions part of their state ("northeast China")
    # are right on the wider annotated sets, which annotate them, and not in this gold.
    # With en_core_web_md for en_core_web_sm (measured: entities 0.860, events 0.724,
    # strict 0.462, loose 0.616, participants 0.588): the rules were written against the
    # small model's parses here, and the blind set rose (events 0.535 -> 0.556).
    # Infinitives of acts done ("went on to criticize") reported: events 0.721 -> 0.719
    # (one act more here; devwide 0.696 -> 0.700).
    assert scores["entities"]["f1"] >= 0.85
    assert scores["events"]["f1"] >= 0.71
    assert scores["relations_strict"]["f1"] >= 0.45
    assert scores["relations_loose"]["f1"] >= 0.61
    assert scores["participants"]["f1"] >= 0.58
    assert scores["event_details"]["laws_linked"]["found"] >= 4  # measured 4/6
    assert scores["identity"]["one_node"] >= 32  # measured 32/32


def test_every_evidence_sentence_is_in_the_document_of_its_graph(corpus_graph: Path) -> None:
    from rdflib import Dataset

    from reportgraph.ontology import RG

    dataset = Dataset()
    dataset.parse(corpus_graph / "graph.trig", format="trig")
    checked = 0
    for graph in dataset.graphs():
        [file_name] = list(graph.objects(None, RG.fileName)) or [None]
        if file_name is None:
            continue
        text = " ".join((ROOT / "corpus" / str(file_name)).read_text(encoding="utf-8").split())
        for sentence in graph.objects(None, RG.evidence):
            assert " ".join(str(sentence).split()) in text, (file_name, str(sentence)[:80])
            checked += 1
    assert checked >= 140


def test_corpus_dataset_validates_before_any_round_trip() -> None:
    """Literals as the builder makes them (not as a parser reads them back) meet the shapes."""
    from reportgraph.build import build_dataset

    report = validate(build_dataset([ROOT / "corpus"]).dataset)
    assert report.conforms, report.text()


@pytest.mark.skipif(not (SHARED / "devextra").is_dir(), reason="../shared is absent")
def test_second_development_set_floors(tmp_path: Path) -> None:
    """The six devextra reports, a second development set: every rule is checked on them
    as on the corpus (their error lists have been read too, so they are not unseen; the
    real test of reading is the reports the project is judged on)."""
    from reportgraph.evaluate import evaluate

    report = build_folder([SHARED / "devextra"], tmp_path)
    assert report.documents == 6
    result = evaluate(report.dataset, SHARED / "devextra", SHARED / "devextra")
    # measured (en_core_web_md): entities F1 0.890, events F1 0.852, relations loose F1
    # 0.690 (0.709 before note marks were split off words: a relation the old parse of
    # "the DPRK.[1]" gave by luck is gone), participants 0.701
    assert result.entities.f1 >= 0.88
    assert result.events.f1 >= 0.83
    assert result.relations_loose.f1 >= 0.68
    assert result.paired.participants.f1 >= 0.58
    assert result.false_merges == 0


@pytest.mark.skipif(not (SHARED / "devwide").is_dir(), reason="../shared is absent")
def test_wide_development_set_floors(tmp_path: Path) -> None:
    """The 36 devwide reports on 18 other subjects: read while writing rules too, so not
    unseen, but the widest view of what the rules do with new wording."""
    from reportgraph.evaluate import evaluate

    report = build_folder([SHARED / "devwide"], tmp_path)
    assert report.documents == 36
    result = evaluate(report.dataset, SHARED / "devwide", SHARED / "devwide")
    # measured: entities F1 0.723, events 0.633, relations loose 0.303, participants 0.495
    assert result.entities.f1 >= 0.70
    assert result.events.f1 >= 0.61
    assert result.relations_loose.f1 >= 0.29
    assert result.paired.participants.f1 >= 0.48

"""The learned pair decision: off by default, on with a model file, trained from annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgraph.extract import extract, get_pipeline
from reportgraph.extract import pairs as pairs_module
from reportgraph.extract.decide import Model
from reportgraph.extract.nlp import load_model
from reportgraph.extract.pairs import PairModel, candidates, pair_model
from reportgraph.model import Annotated, Document

pytestmark = pytest.mark.skipif(load_model() is None, reason="the statistical model is missing")
TEXT = "Anna Brandvold met a lawyer of the Zembla Press Union on 3 May 2021 and left."
ROOT = Path(__file__).parent.parent


def document() -> Document:
    return Document(Path("t.txt"), "t.txt", TEXT, "0" * 64, "text/plain", date="2021")


def test_every_pair_of_names_is_a_candidate_with_general_features() -> None:
    doc = Annotated(document())
    for comp in get_pipeline():
        comp.func(doc)
    found = candidates(doc)
    assert any({p.a.cls, p.b.cls} == {"Person", "Organization"} for p in found)
    features = next(p.features for p in found if p.a.cls == "Person")
    assert "pair=Person>Organization" in features
    assert not any("Brandvold" in f or "Zembla" in f for f in features)  # no names


def test_off_without_a_model_and_on_with_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(pairs_module.MODEL_ENV, raising=False)
    pair_model.cache_clear()
    assert not [r for r in extract(document()).relations if r.source == "pairs"]
    model = PairModel(
        Model({"pair=Person>Organization": 5.0}, -2.0, 0.5),
        {"Person>Organization|": "memberOf"},
    )
    path = tmp_path / "pairs.json"
    path.write_text(model.to_json(), encoding="utf-8")
    monkeypatch.setenv(pairs_module.MODEL_ENV, str(path))
    pair_model.cache_clear()
    try:
        found = [r for r in extract(document()).relations if r.source == "pairs"]
    finally:
        pair_model.cache_clear()
    assert [(r.subject.cls, r.predicate, r.object.cls) for r in found] == [
        ("Person", "memberOf", "Organization")
    ]


def test_training_writes_a_model_the_component_reads(tmp_path: Path) -> None:
    from reportgraph.train_pairs import main

    out = tmp_path / "pairs.json"
    assert main([str(ROOT / "training" / "devextra"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert '"format": "reportgraph-relation-model/1"' in out.read_text(encoding="utf-8")

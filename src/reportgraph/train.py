"""Learn the event model from annotated reports (``make model``), and cross-validate it.

    python -m reportgraph.train training --out src/reportgraph/data/event_model.json
    python -m reportgraph.train training --folds 5 --predict-into DIR

An annotated set is a folder of ``NAME.txt`` documents with ``NAME.json`` annotations (the
format of ``training/SCHEMA.md``). Each trigger candidate of each document
(``extract.events.candidates``) is labelled by the annotations: it reports an event when an
annotated event of its class has evidence that covers the trigger, or, where the evidence
cannot be found as written, the trigger's whole sentence. A logistic model is fitted to
the candidates' features, with the same result on every run (no randomness, a fixed
number of full-batch steps). ``--folds`` writes one model per fold of subjects, each
trained without that fold's documents, so that figures on them are honest; the subject of
a document is the folder's ``SUBJECTS`` file (``name subject`` lines), else its folder.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reportgraph.extract import get_pipeline
from reportgraph.extract.decide import Candidate, Model
from reportgraph.extract.events import candidates
from reportgraph.ingest import read_document
from reportgraph.model import Annotated

L2 = 1.0  # the weight of the penalty on large weights, against over-fitting
STEPS = 400
RATE = 0.5
THRESHOLD = 0.5
MIN_COUNT = 2  # a feature seen fewer times than this in training is left out


@dataclass(frozen=True)
class Example:
    document: str
    subject: str
    features: tuple[str, ...]
    label: bool


def examples(folders: Iterable[Path], progress: bool = True) -> list[Example]:
    """Every candidate of every annotated document of the folders, labelled."""
    pipeline = [c for c in get_pipeline() if c.name not in ("events", "relations")]
    out: list[Example] = []
    for folder in folders:
        subjects = _subjects(folder)
        docs = sorted(folder.glob("*.json"))
        for n, gold_path in enumerate(docs, 1):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text_path = folder / gold["document"]
            if not text_path.exists():
                text_path = folder / gold_path.with_suffix(".txt").name
            if progress:
                print(f"\r{folder.name}: {n}/{len(docs)}", end="", file=sys.stderr)
            doc = Annotated(read_document(text_path))
            for comp in pipeline:
                comp.func(doc)
            spans = _gold_spans(doc, gold)
            subject = subjects.get(text_path.name, folder.name)
            for c in candidates(doc, read_features=True):
                out.append(Example(text_path.name, subject, c.features, _label(doc, c, spans)))
        if progress:
            print(file=sys.stderr)
    return out


def _subjects(folder: Path) -> dict[str, str]:
    listing = folder / "SUBJECTS"
    if not listing.exists():
        return {}
    pairs = (line.split(None, 1) for line in listing.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1].strip() for p in pairs if len(p) == 2 and not p[0].startswith("#")}


def _gold_spans(doc: Annotated, gold: dict) -> list[tuple[str, int, int]]:
    """(class, start, end) of each annotated event's evidence in the text; where the
    evidence is not found as written, the sentences it shares most words with."""
    text = doc.document.text
    spans = []
    for ev in gold.get("events", []):
        evidence = ev.get("evidence", "")
        found = _find(text, evidence)
        if found is not None:
            spans.append((ev["class"], *found))
            continue
        want = set(re.findall(r"\w+", evidence.lower()))
        for s in doc.sentences:
            have = set(re.findall(r"\w+", s.text.lower()))
            if want and len(want & have) / len(want) >= 0.6:
                spans.append((ev["class"], s.start, s.end))
    return spans


def _find(text: str, evidence: str) -> tuple[int, int] | None:
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    words = [re.escape(w) for w in evidence.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), text)
    return (m.start(), m.end()) if m else None


def _label(doc: Annotated, c: Candidate, spans: list[tuple[str, int, int]]) -> bool:
    at = doc.sentences[c.index].start + c.hit.start()
    return any(cls == c.cls and start <= at < end for cls, start, end in spans)


def fit(train: list[Example], l2: float = L2, threshold: float = THRESHOLD) -> Model:
    """Logistic regression by full-batch gradient descent with an L2 penalty."""
    counts: dict[str, int] = {}
    for ex in train:
        for f in set(ex.features):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, ex in enumerate(train):
        for f in sorted({index[f] for f in ex.features if f in index}):
            rows.append(r)
            cols.append(f)
    rows_a, cols_a = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    y = np.array([ex.label for ex in train], dtype=np.float64)
    w, b = np.zeros(len(names)), 0.0
    n = max(len(train), 1)
    for _ in range(STEPS):
        z = np.zeros(len(train))
        np.add.at(z, rows_a, w[cols_a])
        p = 1.0 / (1.0 + np.exp(-np.clip(z + b, -30, 30)))
        err = p - y
        grad = np.zeros(len(names))
        np.add.at(grad, cols_a, err[rows_a])
        w -= RATE * (grad / n + l2 * w / n)
        b -= RATE * float(err.mean())
    return Model(dict(zip(names, w.tolist(), strict=True)), b, threshold)


def folds(subjects: list[str], k: int) -> list[set[str]]:
    """Subjects dealt round-robin into k folds, in sorted order (the same every run)."""
    out: list[set[str]] = [set() for _ in range(k)]
    for i, s in enumerate(sorted(set(subjects))):
        out[i % k].add(s)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="annotated sets (NAME.txt + NAME.json)")
    ap.add_argument("--out", type=Path, help="where to write the model (JSON)")
    ap.add_argument("--folds", type=int, default=0, help="cross-validate over K subject folds")
    ap.add_argument("--predict-into", type=Path, help="with --folds: DIR/fold-N/ per fold")
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="the least probability")
    ap.add_argument("--l2", type=float, default=L2, help="the penalty on large weights")
    a = ap.parse_args(argv)
    data = examples(a.folders)
    positives = sum(ex.label for ex in data)
    print(f"{len(data)} candidates, {positives} report an event", file=sys.stderr)
    if a.out:
        a.out.write_text(fit(data, a.l2, a.threshold).to_json(), encoding="utf-8")
        print(f"wrote {a.out}", file=sys.stderr)
    if a.folds:
        _cross_validate(data, a.folds, a.predict_into, a.l2, a.threshold)
    return 0


def _cross_validate(
    data: list[Example], k: int, into: Path | None, l2: float, threshold: float
) -> None:
    """Per fold: train on the other subjects, then the held-out candidates' figures; with
    ``into``, the fold's model and its held-out document names, for a build to score."""
    tp = fp = fn = 0
    rules = [0, 0, 0]  # the same counts for the rules alone: no objection, an event
    for n, held in enumerate(folds([ex.subject for ex in data], k)):
        model = fit([ex for ex in data if ex.subject not in held], l2, threshold)
        test = [ex for ex in data if ex.subject in held]
        for ex in test:
            said = model.probability(ex.features) >= model.threshold
            tp += said and ex.label
            fp += said and not ex.label
            fn += ex.label and not said
            plain = "veto=None" in ex.features
            rules[0] += plain and ex.label
            rules[1] += plain and not ex.label
            rules[2] += ex.label and not plain
        if into:
            fold = into / f"fold-{n}"
            fold.mkdir(parents=True, exist_ok=True)
            (fold / "model.json").write_text(model.to_json(), encoding="utf-8")
            names = sorted({ex.document for ex in test})
            (fold / "documents").write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"candidates held out, model: {_prf(tp, fp, fn)}", file=sys.stderr)
    print(f"candidates held out, rules: {_prf(*rules)}", file=sys.stderr)


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


if __name__ == "__main__":
    sys.exit(main())

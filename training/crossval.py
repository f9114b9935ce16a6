"""Cross-validated figures of the whole extractor: no document is scored by a model that
was trained on it.

    python training/crossval.py [--folds 5] [--out graph/crossval] [--scorer PATH]

The annotated sets of ``training/`` are dealt into folds by subject (``SUBJECTS`` files).
For each fold a model is trained on the other folds and the fold's documents are built with
it (``reportgraph build``, ``REPORTGRAPH_EVENT_MODEL`` naming the fold's model); the
graphs of all folds are then scored together with the referee, ``score.py`` (by default
``../shared/eval/score.py`` beside the project), once per annotated set. ``--rules``
builds with no model at all (the rules alone decide), for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("corpus", "devextra", "devwide")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "graph" / "crossval")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--rules", action="store_true", help="no event model: the rules decide")
    ap.add_argument("--pairs", action="store_true", help="also learn the relation-pair model")
    ap.add_argument("--threshold", default="0.5", help="passed to reportgraph.train")
    ap.add_argument("--l2", default="1.0", help="passed to reportgraph.train")
    ap.add_argument("--pairs-threshold", default="0.2", help="passed to reportgraph.train_pairs")
    ap.add_argument("--pairs-l2", default="1.0", help="passed to reportgraph.train_pairs")
    a = ap.parse_args()
    bin_ = Path(sys.executable).parent
    sets = [ROOT / "training" / s for s in SETS]
    shutil.rmtree(a.out, ignore_errors=True)
    a.out.mkdir(parents=True)
    train = [str(bin_ / "python"), "-m", "reportgraph.train", *map(str, sets)]
    train += ["--threshold", a.threshold, "--l2", a.l2]
    subprocess.run([*train, "--folds", str(a.folds), "--predict-into", str(a.out)], check=True)
    if a.pairs:
        pairs = [str(bin_ / "python"), "-m", "reportgraph.train_pairs", *map(str, sets)]
        pairs += ["--threshold", a.pairs_threshold, "--l2", a.pairs_l2, "--folds", str(a.folds)]
        subprocess.run([*pairs, "--predict-into", str(a.out)], check=True)
    texts = {p.name: p for s in sets for p in s.glob("*.txt")}
    graphs = []
    for fold in sorted(a.out.glob("fold-*")):
        docs = fold / "documents"
        names = docs.read_text(encoding="utf-8").split()
        inputs = fold / "in"
        inputs.mkdir()
        for name in names:
            shutil.copy(texts[name], inputs / name)
        model = "none" if a.rules else str(fold / "model.json")
        env = dict(os.environ, REPORTGRAPH_EVENT_MODEL=model)
        if a.pairs:
            env["REPORTGRAPH_RELATION_MODEL"] = str(fold / "pairs.json")
        cmd = [str(bin_ / "reportgraph"), "build", str(inputs), "--out", str(fold / "g"), "-q"]
        subprocess.run([*cmd, "--full"], check=True, env=env, stdout=subprocess.DEVNULL)
        graphs.append(str(fold / "g" / "graph.trig"))
    if not a.scorer.exists():
        print(f"built {len(graphs)} folds; no scorer at {a.scorer}", file=sys.stderr)
        return 0
    for s in sets:
        what = "rules for events" if a.rules else "event model"
        what += ", pair model" if a.pairs else ""
        print(f"== {s.name} (held out: {what})")
        score = [str(bin_ / "python"), str(a.scorer), "--graph", *graphs, "--gold", str(s)]
        score += ["--corpus", str(s), "--ontology", str(ROOT / "ontology")]
        subprocess.run(score, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

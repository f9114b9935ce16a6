"""Learn the relation-pair model from annotated reports, and cross-validate it.

    python -m reportgraph.train_pairs training/corpus training/devextra training/devwide \
        --out relation_model.json [--folds 5 --predict-into DIR]

Each pair of names in a sentence (``extract.pairs.candidates``) is labelled by the
annotations: it is related when the annotated entities the two names match (by the
referee's rule: one of the names equals one of the entity's, and the class fits) have a
relation, either way round. The predicate table keeps, for each pair of classes and the
word joining them, the relation most often annotated (``^`` before it: the second name
is its subject).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from reportgraph.evaluate import normalise
from reportgraph.extract import get_pipeline
from reportgraph.extract.pairs import PairModel, candidates
from reportgraph.ingest import read_document
from reportgraph.model import Annotated, Mention
from reportgraph.train import Example, _prf, _subjects, fit, folds

L2 = 20.0
THRESHOLD = 0.5


@dataclass(frozen=True)
class Labelled:
    example: Example
    key: str  # "Person>Organization|of"
    predicate: str  # the annotated relation, "^" before it when reversed; "" when none


def examples(folders: list[Path]) -> list[Labelled]:
    pipeline = [c for c in get_pipeline() if c.name != "pairs"]
    out: list[Labelled] = []
    for folder in folders:
        subjects = _subjects(folder)
        for gold_path in sorted(folder.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text_path = folder / gold["document"]
            doc = Annotated(read_document(text_path))
            for comp in pipeline:
                comp.func(doc)
            names = {
                e["id"]: (
                    {normalise(e["label"]), *map(normalise, e.get("aliases", []))},
                    e["class"],
                )
                for e in gold["entities"]
            }
            related = {(r["subject"], r["object"]): r["predicate"] for r in gold["relations"]}
            subject = subjects.get(text_path.name, folder.name)
            for p in candidates(doc):
                ids_a, ids_b = _ids(p.a, names), _ids(p.b, names)
                predicate = next(
                    (related[(x, y)] for x in ids_a for y in ids_b if (x, y) in related), ""
                ) or next(
                    ("^" + related[(y, x)] for x in ids_a for y in ids_b if (y, x) in related), ""
                )
                key = f"{p.a.cls}>{p.b.cls}|{p.word}"
                out.append(
                    Labelled(
                        Example(text_path.name, subject, p.features, bool(predicate)),
                        key,
                        predicate,
                    )
                )
    return out


def _names(entity: dict) -> set[str]:
    return {normalise(entity["label"]), *map(normalise, entity.get("aliases", []))}


def _ids(m: Mention, names: dict[str, tuple[set[str], str]]) -> list[str]:
    mine = {normalise(m.canonical), normalise(m.text)}
    return [
        gid
        for gid, (gold_names, cls) in names.items()
        if mine & gold_names and (m.cls == cls or (m.cls, cls) == ("Country", "Place"))
    ]


def train(data: list[Labelled], l2: float = L2, threshold: float = THRESHOLD) -> PairModel:
    model = fit([d.example for d in data], l2, threshold)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for d in data:
        if d.predicate:
            counts[d.key][d.predicate] += 1
            counts[d.key.split("|")[0] + "|"][d.predicate] += 1
    predicates = {k: c.most_common(1)[0][0] for k, c in counts.items() if sum(c.values()) >= 2}
    return PairModel(model, predicates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--predict-into", type=Path)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--l2", type=float, default=L2)
    a = ap.parse_args(argv)
    data = examples(a.folders)
    print(f"{len(data)} pairs, {sum(d.example.label for d in data)} related", file=sys.stderr)
    if a.out:
        a.out.write_text(train(data, a.l2, a.threshold).to_json(), encoding="utf-8")
    if a.folds:
        tp = fp = fn = 0
        for n, held in enumerate(folds([d.example.subject for d in data], a.folds)):
            model = train([d for d in data if d.example.subject not in held], a.l2, a.threshold)
            test = [d for d in data if d.example.subject in held]
            for d in test:
                said = model.model.probability(d.example.features) >= model.model.threshold
                tp += said and d.example.label
                fp += said and not d.example.label
                fn += d.example.label and not said
            if a.predict_into:
                fold = a.predict_into / f"fold-{n}"
                fold.mkdir(parents=True, exist_ok=True)
                (fold / "pairs.json").write_text(model.to_json(), encoding="utf-8")
        print(f"pairs held out: {_prf(tp, fp, fn)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction throughput as ratios, not seconds: the bare statistical model is the floor.

Issue 3's target is that the whole path (our per-sentence model run, the rule components,
resolution and RDF) keeps at least 0.8x the words per second of the bare model over the
same text in the same run. Absolute speed depends on the machine; the ratio does not, so
this reports both and never fails: it is a benchmark, not a timed test.

Run: ``.venv/bin/python bench/bench_extract.py [--json] [--runs N] [--min-words N]``
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportgraph.extract import Component, extract, get_pipeline
from reportgraph.extract.nlp import load_model, model_name
from reportgraph.ingest import collect_paths, read_document
from reportgraph.model import Annotated, Document
from reportgraph.rdf import to_graphs
from reportgraph.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEVEXTRA = ROOT.parent / "shared" / "devextra"  # the Makefile's $(SHARED), if present
TARGET = 0.8
T2V_NER = ("tok2vec", "ner")


def words(text: str) -> int:
    """Whitespace-separated words, as ``wc -w`` counts them."""
    return len(text.split())


def load_texts(min_words: int, extra: Path | None) -> tuple[list[Document], dict[str, Any]]:
    """The corpus (and the extra set, if present), repeated until ``min_words``.

    Each copy gets its own file name so resolution sees distinct documents, as a build of
    that many files would.
    """
    folders = [CORPUS] + ([extra] if extra is not None and extra.is_dir() else [])
    paths, skipped = collect_paths(folders)
    base = [read_document(p) for p in paths]
    base_words = sum(words(d.text) for d in base)
    if not base_words:
        raise SystemExit(f"no text to benchmark in {', '.join(map(str, folders))}")
    copies = max(1, -(-min_words // base_words))
    docs = [
        dataclasses.replace(d, file_name=f"c{k}_{d.file_name}") for k in range(copies) for d in base
    ]
    info = {
        "folders": [str(f) for f in folders],
        "base_documents": len(base),
        "base_words": base_words,
        "copies": copies,
        "documents": len(docs),
        "words": base_words * copies,
        "skipped": [str(s) for s in skipped],
    }
    return docs, info


class ComponentClock:
    """Seconds spent in each pipeline component, summed over a run."""

    def __init__(self, pipeline: list[Component]) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.pipeline = [dataclasses.replace(c, func=self._timed(c)) for c in pipeline]

    def _timed(self, comp: Component) -> Callable[[Annotated], None]:
        func, name, seconds = comp.func, comp.name, self.seconds

        def timed(doc: Annotated) -> None:
            start = time.perf_counter()
            try:
                func(doc)
            finally:
                seconds[name] += time.perf_counter() - start

        return timed

    def reset(self) -> None:
        self.seconds.clear()


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Collect before a timed run and not during it, so one run does not pay for another."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def time_bare(nlp: Any, texts: list[str], enable: tuple[str, ...] | None = None) -> float:
    with quiet_gc():
        if enable is None:
            start = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            return time.perf_counter() - start
        with nlp.select_pipes(enable=list(enable)):
            start = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            return time.perf_counter() - start


def time_whole(
    docs: list[Document], clock: ComponentClock
) -> tuple[dict[str, float], list[Annotated]]:
    """Extract every document, resolve across them, build the dataset: what a build does
    between reading the files and writing the outputs."""
    clock.reset()
    with quiet_gc():
        t0 = time.perf_counter()
        annotated = [extract(d, clock.pipeline) for d in docs]
        t1 = time.perf_counter()
        resolved = resolve(annotated)
        t2 = time.perf_counter()
        to_graphs(resolved)
        t3 = time.perf_counter()
    phases = {"extract": t1 - t0, "resolve": t2 - t1, "rdf": t3 - t2, "total": t3 - t0}
    return phases, annotated


def warm_up(nlp: Any, docs: list[Document], pipeline: list[Component]) -> None:
    """Load the model, gazetteers and compiled patterns before any clock starts."""
    if nlp is not None:
        list(nlp.pipe([docs[0].text]))
    to_graphs(resolve([extract(docs[0], pipeline)]))


def measure(docs: list[Document], runs: int) -> dict[str, Any]:
    """Best of ``runs`` for each measure, the runs interleaved so drift hits all alike."""
    nlp = load_model()
    texts = [d.text for d in docs]
    clock = ComponentClock(get_pipeline())
    warm_up(nlp, docs, clock.pipeline)
    best: dict[str, float] = {}
    best_whole: dict[str, float] = {}
    best_components: dict[str, float] = {}
    t2v_ner = tuple(p for p in T2V_NER if nlp is not None and p in nlp.pipe_names)
    for _ in range(runs):
        if nlp is not None:
            _keep_best(best, "model", time_bare(nlp, texts))
            if t2v_ner:
                _keep_best(best, "tok2vec+ner", time_bare(nlp, texts, t2v_ner))
        whole, annotated = time_whole(docs, clock)
        if _keep_best(best, "pipeline", whole["total"]):
            best_whole, best_components = whole, dict(clock.seconds)
    # The model sees our sentences, not the whole text: how much of the text that is.
    sentence_words = sum(words(s.text) for a in annotated for s in a.sentences)
    return {
        "best": best,
        "phases": best_whole,
        "components": best_components,
        "sentence_words": sentence_words,
    }


def _keep_best(best: dict[str, float], key: str, seconds: float) -> bool:
    if key in best and best[key] <= seconds:
        return False
    best[key] = seconds
    return True


def report(info: dict[str, Any], measured: dict[str, Any], runs: int) -> dict[str, Any]:
    """The figures as one plain structure: what ``--json`` prints and the table shows."""
    n = info["words"]
    best = measured["best"]
    rows = {
        key: {"words": n, "seconds": s, "words_per_s": n / s if s else None}
        for key, s in best.items()
    }
    pipeline_s = best["pipeline"]
    ratios = {
        f"pipeline/{key}": s / pipeline_s
        for key, s in best.items()
        if key != "pipeline" and pipeline_s
    }
    comps = measured["components"]
    phases = measured["phases"]
    shares = sorted(comps.items(), key=lambda kv: -kv[1])
    components = [
        {"name": k, "seconds": s, "share": s / pipeline_s if pipeline_s else 0.0} for k, s in shares
    ]
    ratio = ratios.get("pipeline/model")
    info = {**info, "sentence_words": measured["sentence_words"]}
    return {
        "model": model_name(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "runs": runs,
        "texts": info,
        "throughput": rows,
        "ratios": ratios,
        "target": TARGET,
        "below_target": ratio is not None and ratio < TARGET,
        "phases": {k: {"seconds": s, "share": s / pipeline_s} for k, s in phases.items()},
        "components": components,
    }


def print_table(result: dict[str, Any], top: int) -> None:
    texts = result["texts"]
    print(f"model    {result['model'] or 'none (rules alone)'}")
    print(
        f"texts    {texts['words']} words in {texts['documents']} documents "
        f"({texts['base_documents']} documents, {texts['base_words']} words, "
        f"x{texts['copies']}) from {', '.join(texts['folders'])}"
    )
    print(f"         {texts['sentence_words']} of them inside the sentences the pipeline parses")
    print(f"timing   best of {result['runs']} runs, model loaded and warmed up first\n")
    labels = {
        "model": "bare model (nlp.pipe, whole texts)",
        "tok2vec+ner": "bare model, tok2vec+ner only",
        "pipeline": "whole pipeline (extract+resolve+rdf)",
    }
    print(f"{'':38}{'words':>8}{'seconds':>10}{'words/s':>10}")
    for key, row in result["throughput"].items():
        print(
            f"{labels[key]:38}{row['words']:>8}{row['seconds']:>10.3f}{row['words_per_s']:>10.0f}"
        )
    print()
    for key, value in result["ratios"].items():
        print(f"ratio {key:32}{value:>6.2f}x")
    print("\nwhole pipeline, time share (best run)")
    for name, row in result["phases"].items():
        if name != "total":
            print(f"  {name:16}{row['seconds']:>8.3f}s {row['share']:>6.1%}")
    print(f"top components (of {len(result['components'])})")
    for row in result["components"][:top]:
        print(f"  {row['name']:16}{row['seconds']:>8.3f}s {row['share']:>6.1%}")
    if result["model"] is None:
        print("\nno statistical model installed: nothing to compare the pipeline against")
    elif result["below_target"]:
        ratio = result["ratios"]["pipeline/model"]
        print(f"\nratio below the {TARGET} target ({ratio:.2f}x the bare model's words/s)")
    else:
        print(f"\nratio meets the {TARGET} target")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; best is kept")
    parser.add_argument("--min-words", type=int, default=30_000, help="repeat texts to this")
    parser.add_argument("--top", type=int, default=8, help="components to list")
    parser.add_argument("--extra", type=Path, default=DEVEXTRA, help="more texts, if present")
    parser.add_argument("--no-extra", action="store_true", help="leave out the extra texts")
    args = parser.parse_args(argv)
    docs, info = load_texts(args.min_words, None if args.no_extra else args.extra)
    result = report(info, measure(docs, max(1, args.runs)), max(1, args.runs))
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

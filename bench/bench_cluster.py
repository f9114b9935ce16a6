"""Extraction throughput on a Dask LocalCluster of 1 and 2 workers against local processes.

What ``build --executor dask://HOST:PORT`` changes is where documents are extracted, so
this times ``extract_all`` alone (reading the files, the pipeline, the results back in
order) over the sample reports repeated to ``--min-words``: in this process
(``--jobs 1``), in two local processes (``--jobs 2``), and on a LocalCluster on 127.0.0.1
with one and with two single-threaded worker processes (the first run on a new cluster,
whose workers load the model, apart; then the best of ``--runs``). It reports words per
second and ratios, checks that every way gives the same extraction, and never fails on
time: it is a benchmark, not a test.

Run: ``.venv/bin/python bench/bench_cluster.py [--json] [--min-words N] [--runs N]``
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportgraph.batch import Extracted, extract_all
from reportgraph.extract import get_pipeline
from reportgraph.extract.nlp import model_name

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def make_corpus(folder: Path, min_words: int) -> int:
    """The sample reports copied under new names until ``min_words``; their word count."""
    texts = sorted(p for p in CORPUS.glob("*.txt"))
    base = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
    copies = max(1, -(-min_words // base))
    for k in range(copies):
        for path in texts:
            (folder / f"c{k}_{path.name}").write_bytes(path.read_bytes())
    return base * copies


def timed(run: Callable[[], Extracted], runs: int = 1) -> tuple[float, Extracted]:
    """The best of ``runs``, and what the last one extracted."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = run()
        best = min(best, time.perf_counter() - start)
    return best, done


def measure(folder: Path, words: int, runs: int) -> dict[str, Any]:
    """Seconds and words/s of each way, and whether each extracted what one process did."""
    from distributed import LocalCluster

    paths = sorted(folder.iterdir())
    pipeline = get_pipeline()
    extract_all(paths[:1], pipeline, jobs=1)  # the model loaded before any clock starts
    rows: dict[str, dict[str, Any]] = {}
    reference: Extracted | None = None

    def record(name: str, seconds: float, done: Extracted) -> None:
        nonlocal reference
        reference = reference or done
        rows[name] = {
            "seconds": seconds,
            "words_per_s": words / seconds,
            "same_extraction": done.annotated == reference.annotated and not done.problems,
        }

    for jobs in (1, 2):
        local = timed(lambda j=jobs: extract_all(paths, pipeline, jobs=j), runs)
        record(f"local --jobs {jobs}", *local)
    for workers in (1, 2):
        started = time.perf_counter()
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            rows[f"cluster {workers} up"] = {"seconds": time.perf_counter() - started}
            spec = cluster.scheduler_address.replace("tcp://", "dask://")
            for label, times in (("first run", 1), (f"best of {runs} more runs", runs)):
                run = lambda s=spec: extract_all(paths, pipeline, executor=s)  # noqa: E731
                seconds, done = timed(run, times)
                record(f"LocalCluster {workers} worker(s), {label}", seconds, done)
    return rows


def report(
    rows: dict[str, dict[str, Any]], words: int, documents: int, runs: int
) -> dict[str, Any]:
    local = rows["local --jobs 1"]["words_per_s"]
    pair = rows["local --jobs 2"]["words_per_s"]
    ratios = {
        name: {"vs_jobs_1": row["words_per_s"] / local, "vs_jobs_2": row["words_per_s"] / pair}
        for name, row in rows.items()
        if "words_per_s" in row
    }
    return {
        "model": model_name(),
        "cpus": os.cpu_count(),
        "documents": documents,
        "runs": runs,
        "words": words,
        "rows": rows,
        "ratios": ratios,
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"model    {result['model'] or 'none (rules alone)'}, {result['cpus']} cpus")
    print(f"texts    {result['words']} words in {result['documents']} documents (corpus/ repeated)")
    print(f"timing   best of {result['runs']} runs\n")
    print(f"{'extraction':38}{'seconds':>9}{'words/s':>9}{'/ -j 1':>8}{'/ -j 2':>8}  same")
    for name, row in result["rows"].items():
        if "words_per_s" not in row:
            print(f"{name:38}{row['seconds']:>9.2f}   (starting the cluster)")
            continue
        ratio = result["ratios"][name]
        print(
            f"{name:38}{row['seconds']:>9.2f}{row['words_per_s']:>9.0f}"
            f"{ratio['vs_jobs_1']:>8.2f}{ratio['vs_jobs_2']:>8.2f}  "
            f"{'yes' if row['same_extraction'] else 'NO'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--min-words", type=int, default=20_000, help="repeat texts to this")
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each; best is kept")
    args = parser.parse_args(argv)
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("bench_cluster: dask and distributed are not installed (pip install -e '.[dask]')")
        return 0
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        folder = Path(tmp)
        words = make_corpus(folder, args.min_words)
        rows = measure(folder, words, max(1, args.runs))
        result = report(rows, words, len(list(folder.iterdir())), max(1, args.runs))
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print_table(result)
    return 0


if __name__ == "__main__":  # the cluster's worker processes import this file again
    sys.exit(main())

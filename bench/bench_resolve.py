"""Entity resolution stays near-linear: resolve the mentions of 1,000 to 10,000 documents.

Synthetic documents (invented names, a fixed seed): each mentions about 40 entities drawn
from a Zipf-like vocabulary of people, organizations (with acronyms defined in some
documents and used bare in others), places (with misspellings), groups and laws, in the
spellings that resolution has to join (romanizations, acronyms, one-letter slips), plus
three events. Prints the time per size, the time per document, and the growth from the
smallest to the largest size against linear growth. A benchmark: it reports, never fails.

    python bench/bench_resolve.py [--sizes 1000,2000,5000,10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from reportgraph.model import Annotated, Document, EventMention, Mention, Sentence
from reportgraph.resolve import names, resolve

SEED = 7
VOCABULARY = 20_000
MENTIONS_PER_DOC = 40
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "to",
    "vel",
    "dar",
    "po",
    "qui",
    "zen",
    "bri",
    "nor",
    "hal",
    "fe",
    "gu",
    "jo",
    "yu",
    "wan",
    "sel",
]
KOREAN_FAMILY = ["Park", "Kim", "Lee", "Choi", "Jung", "Kang"]
ORG_HEADS = ["Foundation", "Alliance", "Committee", "Institute", "Network", "Council"]
GROUP_NOUNS = ["workers", "students", "farmers", "monks", "miners"]


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _vocabulary(rng: random.Random) -> list[tuple[str, str, list[str]]]:
    """(class, canonical name, other spellings) for each invented thing."""
    things: list[tuple[str, str, list[str]]] = []
    for i in range(VOCABULARY):
        kind = i % 5
        if kind == 0:
            family = rng.choice(KOREAN_FAMILY)
            a, b = rng.choice(SYLLABLES), rng.choice(SYLLABLES)
            name = f"{family} {a.capitalize()}-{b}"
            variant = f"{family} {a.capitalize().replace('o', 'oo')}-{b}"
            things.append(
                ("Person", name, [variant, f"{family} {a.capitalize()} {b.capitalize()}"])
            )
        elif kind == 1:
            words = [_word(rng), _word(rng), rng.choice(ORG_HEADS)]
            name = " ".join(words)
            things.append(("Organization", name, ["".join(w[0] for w in words).upper() + "X"]))
        elif kind == 2:
            name = _word(rng, 3)
            things.append(("Place", name, [name[:-1] + "g" + name[-1]]))
        elif kind == 3:
            name = f"{_word(rng)} {rng.choice(GROUP_NOUNS)}"
            things.append(("Group", name, []))
        else:
            name = f"{_word(rng)} {_word(rng)} Accord"
            things.append(("Law", name, [f"{1950 + i % 60} {name}"]))
    return things


def _documents(n: int, vocabulary: list[tuple[str, str, list[str]]]) -> list[Annotated]:
    rng = random.Random(SEED)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    docs = []
    for d in range(n):
        name = f"doc{d:05}.txt"
        picks = rng.choices(range(len(vocabulary)), weights=weights, k=MENTIONS_PER_DOC)
        parts, mentions, offset = [], [], 0
        for index in picks:
            cls, canonical, others = vocabulary[index]
            surface = rng.choice([canonical, canonical, *others]) if others else canonical
            named = canonical if surface.isupper() and rng.random() < 0.5 else ""
            mentions.append(Mention(offset, offset + len(surface), surface, cls, "bench", named))
            parts.append(surface)
            offset += len(surface) + 2
        text = ". ".join(parts) + "."
        doc = Annotated(Document(Path(name), name, text, "0" * 64, "text/plain", "2002-05"))
        doc.mentions = mentions
        sentence = Sentence(0, len(text), text)
        for e in range(3):
            who = mentions[e * 3]
            doc.events.append(
                EventMention(
                    "Arrest",
                    "arrested",
                    e,
                    sentence,
                    "bench",
                    affected=(who,),
                    date=f"2002-{1 + e:02}",
                )
            )
        docs.append(doc)
    return docs


def _cold_name_caches() -> None:
    """Each run starts with the name caches empty (the gazetteers stay loaded)."""
    for value in vars(names).values():
        if hasattr(value, "cache_info") and value.cache_info().maxsize:
            value.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    vocabulary = _vocabulary(random.Random(SEED))
    resolve(_documents(20, vocabulary))  # load the gazetteers and the Wikidata tables once
    print(f"resolution of synthetic documents ({MENTIONS_PER_DOC} mentions each), best of 3")
    print(f"{'documents':>10} {'mentions':>9} {'entities':>9} {'seconds':>8} {'ms/doc':>7}")
    timings = []
    for n in sizes:
        docs = _documents(n, vocabulary)
        best = float("inf")
        for _ in range(3):
            _cold_name_caches()
            start = time.perf_counter()
            resolved = resolve(docs)
            best = min(best, time.perf_counter() - start)
        mentions = sum(len(d.mentions) for d in docs)
        timings.append((n, best))
        print(
            f"{n:>10} {mentions:>9} {len(resolved.entities):>9} {best:>8.2f} "
            f"{1000 * best / n:>7.2f}"
        )
    (n0, t0), (n1, t1) = timings[0], timings[-1]
    growth = (t1 / t0) / (n1 / n0)
    print(
        f"growth from {n0} to {n1} documents: time x{t1 / t0:.1f} for documents x{n1 / n0:.0f}"
        f" ({growth:.2f} of linear; all-pairs comparison would be x{(n1 / n0) ** 2:.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

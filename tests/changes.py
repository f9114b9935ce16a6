"""Small corpora whose documents share names the resolution rules work on (romanizations,
acronyms, misspellings, aliases, short forms, counted groups, dated events, claims with
figures), and random changes to them: what the tests of one-document builds compare with
full builds."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox

from reportgraph.stores import STORE_DIR

PEOPLE = ["Ryu Choong-il", "Ryu Chong-il", "Kim Young-il", "Lee Sun-ho", "Yi Sun-ho",
          "Choi Jae-won", "Han Mi-rae"]  # fmt: skip
PLACES = ["Shenyang", "Shenyeng", "Yanji", "Seoul", "Bangkok", "Bankgok", "Dandong", "Laos",
          "Vientiane"]  # fmt: skip
ORGS = ["UNHCR", "UNCHR", "Human Rights Watch", "the Refugee Support Network",
        "the Seoul Refugee Council", "the Refugee Council", "Amnesty International"]  # fmt: skip
STATES = ["China", "North Korea", "South Korea", "Thailand", "Laos", "Vietnam"]
GROUPS = ["North Korean refugees", "defectors", "asylum seekers", "students"]
MONTHS = ["March", "May", "June"]


def sentence(rng: random.Random) -> str:
    person, other = rng.choice(PEOPLE), rng.choice(PEOPLE)
    place, org = rng.choice(PLACES), rng.choice(ORGS)
    state, state2 = rng.choice(STATES), rng.choice(STATES)
    group, n = rng.choice(GROUPS), rng.choice([3, 7, 12, 40, 300])
    year, day, month = rng.randint(2001, 2004), rng.randint(1, 28), rng.choice(MONTHS)
    when = rng.choice([f"{day} {month} {year}", f"{month} {year}", f"{year}"])
    templates = [
        f"Police in {place} arrested {n} {group} on {when}.",
        f"{person} was arrested in {place} in {when}.",
        f"{person}, also known as {other.split()[0]} {rng.choice(['Il', 'Ho'])}, fled {place} in "
        f"{year}.",
        f"The Refugee Support Network (RSN) opened an office in {place}.",
        f"RSN said {n} {group} crossed the border in {year}.",
        f"{org} said that {n} {group} were held in {place} in {when}.",
        f"The authorities of {state} repatriated {n} {group} to {state2} in {when}.",
        f"{person}, a member of {org}, visited {place} on {when}.",
        f"{org} said on {when} that {state} violates the 1951 Convention relating to the "
        "Status of Refugees.",
        f"{state} ratified the 1951 Convention in {year}.",
        f"The Chinese authorities returned {n} {group} to North Korea in {when}.",
        f"Officials said that {n * 10} {group} had fled {state} by {year}.",
    ]
    return rng.choice(templates)


def text(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5))) + "\n"


def corpus(folder: Path, count: int, seed: int) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"d{index:03d}.txt").write_text(text(rng), encoding="utf-8")
    return folder


def change(folder: Path, rng: random.Random) -> tuple[str, str]:
    """One random change to the corpus in ``folder``: (what, which file)."""
    files = sorted(folder.glob("*.txt"))
    what = rng.choice(["append", "append", "add", "remove", "rewrite"])
    if what == "add" or not files:
        name = f"d{rng.randint(0, 999):03d}{rng.choice(['', 'b', 'z'])}.txt"
        (folder / name).write_text(text(rng), encoding="utf-8")
        return "add", name
    path = rng.choice(files)
    if what == "remove" and len(files) > 3:
        path.unlink()
    elif what == "rewrite":
        path.write_text(text(rng), encoding="utf-8")
    else:
        what = "append"
        with path.open("a", encoding="utf-8") as stream:
            stream.write(sentence(rng) + "\n")
    return what, path.name


def quads(out: Path) -> set[ox.Quad]:
    """The quads of a build's store, read without holding it open."""
    store = ox.Store.read_only(str(out / STORE_DIR))
    try:
        return set(store)
    finally:
        del store


def pages(out: Path) -> dict[str, bytes]:
    """A build's reader pages, by file name."""
    return {p.name: p.read_bytes() for p in sorted((out / "documents").iterdir())}

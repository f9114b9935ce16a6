"""What is on disk around a build cannot turn it against its user: a symbolic link in
OUT/.cache never makes pruning delete (or a build write) outside OUT, a planted cache
entry never runs code, and a link in an input folder never publishes a file from
outside the folders named (red-team findings F1, F2 and F3 of issue 13)."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
import os
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph import api
from reportgraph.batch import (
    CACHE_DIR,
    CACHE_FORMAT,
    CACHE_FORMAT_VERSION,
    ExtractionCache,
    extract_all,
    pipeline_version,
)
from reportgraph.cli import cli
from reportgraph.codec import CodecError, decode, encode
from reportgraph.extract import get_pipeline
from reportgraph.ingest import collect_paths
from reportgraph.model import Annotated

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")

OUTPUTS = ("graph.trig", "graph.ttl", "resolution.json", "index.html")
TEXTS = {
    "a.txt": "Police in Yanji arrested 12 North Korean refugees on 3 March 2002. "
    "China repatriated them to North Korea in April 2002.",
    "b.md": "# Aid\n\nSouth Korea gave food aid to North Korean refugees in Seoul in 2003.",
}
SECRET = (
    "db password hunter2 for admin\n\nPolice in China arrested Kim Chul-su in Yanji on "
    "5 May 2004 while the vault code 4471-9920 was read aloud.\n"
)


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", *map(str, args), "--quiet", "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every name under ``folder`` (not following links) with a file's bytes."""
    found: dict[str, bytes | None] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            found[str(path.relative_to(folder))] = path.read_bytes() if name in files else None
    return found


def _version() -> str:
    return pipeline_version(tuple(c.name for c in get_pipeline()))


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


# --- F1: a linked cache folder ----------------------------------------------------------


def _victim(folder: Path) -> Path:
    """A folder of someone's own files, with names the old pruning deleted: folders (as
    other versions' caches were) and ``.pickle`` files (as unused entries were)."""
    for sub in ("Photos2019", "Taxes", "extract/Thesis", "0123456789abcdef0123"):
        (folder / sub).mkdir(parents=True)
    (folder / "extract" / "Thesis" / "chapter1.tex").write_text("important\n")
    (folder / "notes.pickle").write_bytes(b"not the cache's")
    (folder / "extract" / f"{'a' * 64}.pickle").write_bytes(b"not the cache's either")
    return folder


@pytest.mark.parametrize("level", [".cache", ".cache/extract", ".cache/extract/VERSION"])
def test_a_linked_cache_folder_is_refused_and_what_it_points_to_is_untouched(
    tmp_path: Path, level: str
) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    victim = _victim(tmp_path / "victim")
    before = _snapshot(victim)
    link = out / level.replace("VERSION", _version())
    link.parent.mkdir(parents=True)
    link.symlink_to(victim, target_is_directory=True)

    code, _, stderr = _build(docs, "--out", out)
    assert code == 0
    assert _snapshot(victim) == before  # nothing deleted, nothing written there
    assert link.is_symlink()  # left as the user made it
    assert _warnings(stderr) == [
        f"warning: {link}: is a symbolic link (the cache must be a real folder in OUT); "
        "built without the extraction cache"
    ]
    assert "Traceback" not in stderr
    again = _build(docs, "--out", out)  # and so on every build, with the same outputs
    assert again[0] == 0 and _snapshot(victim) == before


def test_pruning_deletes_only_names_the_cache_writes(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    pipeline = get_pipeline()
    paths = sorted(docs.iterdir())
    cache = ExtractionCache(out, pipeline)
    extract_all(paths, pipeline, cache=cache)
    root, folder = cache.root, cache.folder
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    victim = _victim(tmp_path / "victim")
    before = _snapshot(victim)

    old = root / "0123456789abcdef0123"  # another version's cache, with a foreign file
    old.mkdir(parents=True)
    (old / f"{'b' * 64}.json").write_text("{}")
    (old / f"{'c' * 64}.pickle").write_bytes(b"x")
    (old / "mine.txt").write_text("someone else's\n")
    (root / "fedcba9876543210fedc").symlink_to(victim, target_is_directory=True)
    (root / "gone-version").mkdir()  # not a version's name: not the cache's
    (root / "gone-version" / "x.json").write_text("{}")
    unused = folder / f"{'d' * 64}.json"
    unused.symlink_to(outside)  # an unused entry that is a link: the link goes
    (folder / f"{'e' * 64}.pickle").write_bytes(b"the format before JSON")
    (folder / f".{'f' * 64}.json.abc123.tmp").write_bytes(b"half written")
    (folder / "README").write_text("someone else's\n")

    cache.prune()

    assert sorted(p.name for p in old.iterdir()) == ["mine.txt"]
    assert (root / "fedcba9876543210fedc").is_symlink() and _snapshot(victim) == before
    assert (root / "gone-version" / "x.json").exists()
    assert outside.read_text() == "keep me\n" and not unused.is_symlink()
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted([f"{k}.json" for k in cache.used] + ["README"])
    assert len(cache.used) == 2


# --- F2: a planted cache entry ----------------------------------------------------------


class _Payload:
    """What an attacker pickles: loading it creates a file (no shell needed)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def _entries(out: Path, docs: Path) -> list[Path]:
    """Where the cache keeps each document of ``docs`` (without the suffix): the key is
    public, a hash of the document's name and bytes."""
    folder = out / CACHE_DIR / "extract" / _version()
    keys = [
        hashlib.sha256(path.name.encode() + b"\0" + path.read_bytes()).hexdigest()
        for path in sorted(docs.iterdir())
    ]
    return [folder / key for key in keys]


def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    assert _build(docs, "--out", out)[0] == 0
    first = {name: (out / name).read_bytes() for name in OUTPUTS}
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker), protocol=5)
    for entry in _entries(out, docs):  # under the old name and the new one
        entry.with_suffix(".pickle").write_bytes(payload)
        entry.with_suffix(".json").write_bytes(payload)

    code, _, stderr = _build(docs, "--out", out)
    assert code == 0
    assert not marker.exists()
    warnings = _warnings(stderr)
    assert len(warnings) == 1 and "ignored 2 cache entries" in warnings[0]
    assert "not JSON" in warnings[0] and "extracted again" in warnings[0]
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == first
    assert not list(out.joinpath(CACHE_DIR).rglob("*.pickle"))  # pruned
    assert _warnings(_build(docs, "--out", out)[2]) == []  # rewritten whole


def _annotated_json(out: Path, docs: Path) -> dict[str, object]:
    return json.loads(_entries(out, docs)[0].with_suffix(".json").read_text())


BAD_ENTRIES = {
    "empty": lambda good: b"",
    "not JSON": lambda good: b"\x80\x04\x95 not json",
    "deeply nested": lambda good: b"[" * 200_000 + b"]" * 200_000,
    "a list": lambda good: b"[1, 2, 3]",
    "another format": lambda good: _dump({**good, "format": "something else"}),
    "a later version": lambda good: _dump({**good, "version": CACHE_FORMAT_VERSION + 1}),
    "no version": lambda good: _dump({k: v for k, v in good.items() if k != "version"}),
    "an unknown field": lambda good: _dump(_edit(good, lambda a: a.update(evil=1))),
    "a missing field": lambda good: _dump(_edit(good, lambda a: a.pop("events"))),
    "a wrong type": lambda good: _dump(_edit(good, lambda a: a.update(sentences="x"))),
    "a bool for an int": lambda good: _dump(
        _edit(good, lambda a: a["sentences"][0].update(start=True))
    ),
    "a class name": lambda good: _dump(
        _edit(good, lambda a: a.update(parses=[{"__class__": "os.system", "args": ["id"]}]))
    ),
}


def _dump(value: object) -> bytes:
    return json.dumps(value).encode()


def _edit(good: dict[str, object], change: object) -> dict[str, object]:
    copy = json.loads(json.dumps(good))
    change(copy["annotated"])  # type: ignore[operator]
    return copy


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_a_damaged_or_foreign_entry_is_extracted_again_with_one_warning(
    tmp_path: Path, case: str
) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    pipeline = get_pipeline()
    paths = sorted(docs.iterdir())
    fresh = extract_all(paths, pipeline, cache=ExtractionCache(out, pipeline))
    good = _annotated_json(out, docs)
    assert good["format"] == CACHE_FORMAT
    _entries(out, docs)[0].with_suffix(".json").write_bytes(BAD_ENTRIES[case](good))

    cache = ExtractionCache(out, pipeline)
    again = extract_all(paths, pipeline, cache=cache)
    assert (again.reused, again.extracted, again.problems) == (1, 1, [])
    assert again.annotated == fresh.annotated
    assert len(cache.warnings) == 1 and cache.warnings[0].startswith("ignored 1 cache entry")


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_an_entry_that_is_a_link_or_a_fifo_is_not_read(tmp_path: Path, kind: str) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / "graph"
    pipeline = get_pipeline()
    paths = sorted(docs.iterdir())
    extract_all(paths, pipeline, cache=ExtractionCache(out, pipeline))
    entry = _entries(out, docs)[0].with_suffix(".json")
    copy = tmp_path / "elsewhere.json"
    entry.rename(copy)
    if kind == "link":  # a good entry, but reached through a link out of OUT
        entry.symlink_to(copy)
    else:  # opening it for reading would wait for a writer for ever
        os.mkfifo(entry)
    cache = ExtractionCache(out, pipeline)
    assert extract_all(paths, pipeline, cache=cache).reused == 1
    why = "a symbolic link" if kind == "link" else "not a regular file"
    assert len(cache.warnings) == 1 and why in cache.warnings[0]


def test_the_cache_gives_back_exactly_what_extraction_gave(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    pipeline = get_pipeline()
    paths = sorted(docs.iterdir())
    fresh = extract_all(paths, pipeline, cache=ExtractionCache(tmp_path, pipeline))
    cached = extract_all(paths, pipeline, cache=ExtractionCache(tmp_path, pipeline))
    assert cached.reused == 2 and cached.annotated == fresh.annotated
    events = [e for a in cached.annotated for e in a.events]
    assert events and all(isinstance(e.agents, tuple) for e in events)
    assert all(isinstance(a, Annotated) for a in cached.annotated)


def test_nothing_in_reportgraph_imports_pickle() -> None:
    source = Path(__file__).parent.parent / "src" / "reportgraph"
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(c?pickle|marshal|shelve)\b", text, re.M), path


class _Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass(frozen=True)
class _Inner:
    n: int
    ratio: float = 0.5


@dataclasses.dataclass
class _Outer:
    path: Path
    inners: tuple[_Inner, ...]
    pair: tuple[str, int]
    maybe: _Inner | None
    names: set[str]
    by_pair: dict[tuple[str, str], list[_Inner]]
    by_name: dict[str, frozenset[int]]
    colour: _Colour
    day: datetime.date
    text: str = "\udc80 a lone surrogate, \u2028 and NUL \x00"


def test_the_codec_round_trips_every_kind_of_field() -> None:
    value = _Outer(
        path=Path("/a/b.txt"),
        inners=(_Inner(1), _Inner(2, 1.25)),
        pair=("x", 3),
        maybe=None,
        names={"b", "a"},
        by_pair={("a", "b"): [_Inner(3)]},
        by_name={"k": frozenset({2, 1})},
        colour=_Colour.RED,
        day=datetime.date(2004, 5, 5),
    )
    text = json.dumps(encode(value))
    assert decode(_Outer, json.loads(text)) == value
    assert json.loads(text)["names"] == ["a", "b"]  # sets sorted: the same JSON each time


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (_Inner, {"n": True, "ratio": 1.0}),  # a bool is not an int
        (_Inner, {"n": 1}),  # a missing field
        (_Inner, {"n": 1, "ratio": 1.0, "extra": 0}),
        (_Inner, [1, 1.0]),
        (tuple[int, int], [1]),
        (_Colour, "blue"),
        (datetime.date, "not a date"),
        (Path, 7),
    ],
)
def test_the_codec_refuses_what_does_not_fit(kind: type, data: object) -> None:
    with pytest.raises(CodecError):
        decode(kind, data)


def test_the_codec_refuses_to_encode_what_json_cannot_hold() -> None:
    with pytest.raises(CodecError):
        encode(_Payload(Path("x")))


# --- F3: links out of the input folders -------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """An input folder with one report and a link, named like one, to a file outside."""
    docs = _corpus(tmp_path / "docs")
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    (docs / "outside.txt").symlink_to(secret)
    return docs, secret


def _published(out: Path) -> bytes:
    return b"".join((out / name).read_bytes() for name in OUTPUTS)


def test_a_link_out_of_the_input_folders_is_skipped_and_not_published(
    tmp_path: Path, linked: tuple[Path, Path]
) -> None:
    docs, _ = linked
    out = tmp_path / "graph"
    code, _, stderr = _build(docs, "--out", out, "--strict")
    assert code == 1  # --strict: a skipped document
    assert [line for line in stderr.splitlines() if line.startswith("skipped:")] == [
        f"skipped: {docs / 'outside.txt'}: symbolic link to a file outside the input "
        "folders (use --follow-links to read it)"
    ]
    published = _published(out)
    assert b"hunter2" not in published and b"4471" not in published
    assert b"Yanji" in published  # the rest was built
    assert len(list(out.joinpath(CACHE_DIR).rglob("*.json"))) == 2  # none for the link


def test_follow_links_reads_it(tmp_path: Path, linked: tuple[Path, Path]) -> None:
    docs, _ = linked
    out = tmp_path / "graph"
    code, _, stderr = _build(docs, "--out", out, "--follow-links", "--strict")
    assert code == 0 and "skipped" not in stderr
    assert b"hunter2" in _published(out)
    assert "hunter2" in api.build([docs], follow_links=True).serialize(format="trig")
    assert "hunter2" not in api.build([docs]).serialize(format="trig")


def test_a_link_named_on_the_command_line_or_into_a_named_path_is_read(
    tmp_path: Path, linked: tuple[Path, Path]
) -> None:
    docs, secret = linked
    found, problems = collect_paths([docs / "outside.txt"])  # the user named the link
    assert (found, problems) == ([docs / "outside.txt"], [])
    found, problems = collect_paths([docs, secret])  # and its target: read once
    assert problems == [] and len(found) == 3
    assert sum(path.resolve() == secret for path in found) == 1


def test_links_inside_the_input_folders_are_read_once(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    (docs / "sub").mkdir()
    (docs / "sub" / "c.txt").write_text("Thailand deported 40 refugees to Laos in 2005.")
    (docs / "again").symlink_to("sub", target_is_directory=True)  # relative, inside
    (docs / "z.txt").symlink_to(docs / "a.txt")
    (docs / ".drafts").mkdir()
    (docs / ".drafts" / "d.txt").write_text("A draft.")
    (docs / "d.txt").symlink_to(docs / ".drafts" / "d.txt")  # a hidden file, linked
    named = tmp_path / "named"
    named.symlink_to(docs, target_is_directory=True)  # the folder named is a link
    found, problems = collect_paths([named])
    assert problems == []
    assert [p.relative_to(named).as_posix() for p in found] == [
        "a.txt",
        "again/c.txt",
        "b.md",
        "d.txt",
    ]


def test_a_link_to_a_folder_outside_is_skipped_unless_followed(tmp_path: Path) -> None:
    docs = _corpus(tmp_path / "docs")
    home = tmp_path / "home"
    home.mkdir()
    (home / "diary.txt").write_text(SECRET)
    (docs / "more").symlink_to(home, target_is_directory=True)
    (docs / "up").symlink_to("../home/diary.txt")  # no suffix: passed over, as before
    (docs / "chain.txt").symlink_to(docs / "hop.txt")  # inside, but leads on outside
    (docs / "hop.txt").symlink_to(home / "diary.txt")
    found, problems = collect_paths([docs])
    assert [p.name for p in found] == ["a.txt", "b.md"]
    assert sorted((p.path.name, p.problem) for p in problems) == [
        (
            name,
            f"symbolic link to a {what} outside the input folders (use --follow-links to read it)",
        )
        for name, what in [("chain.txt", "file"), ("hop.txt", "file"), ("more", "folder")]
    ]
    found, problems = collect_paths([docs], follow_links=True)
    assert problems == []
    assert [p.name for p in found] == ["a.txt", "b.md", "chain.txt"]  # diary.txt once

"""A --lean build after a few documents changed redoes only their share of the work (see
``reportgraph.incremental``) when it can show that gives what a full build gives, and
says why not when it cannot: either way its outputs are a full build's, byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import changes
from click.testing import CliRunner

from reportgraph.build import BuildReport, build_folder
from reportgraph.cli import cli
from reportgraph.incremental.snapshot import SNAPSHOT_FILE, TOKEN_FILE
from reportgraph.protect import Protection
from reportgraph.stores import STORE_DIR

DONE = "redid only the share of"  # how the summary says a build went the short way


def _same_as_full(docs: Path, out: Path, full: Path, report: BuildReport) -> None:
    reference = build_folder([docs], full, jobs=1, lean=True, incremental=False)
    assert (out / "graph.trig").read_bytes() == (full / "graph.trig").read_bytes()
    assert changes.quads(out) == changes.quads(full)
    assert changes.pages(out) == changes.pages(full)
    assert report.stats == reference.stats


def test_random_changes_give_the_outputs_of_a_full_build(tmp_path: Path) -> None:
    docs = changes.corpus(tmp_path / "docs", 24, seed=1)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    rng = random.Random(11)
    modes = []
    for step in range(8):
        what, name = changes.change(docs, rng)
        report = build_folder([docs], out, jobs=1, lean=True)
        modes.append(report.mode)
        _same_as_full(docs, out, tmp_path / f"full{step}", report)
        assert (what == "remove") == (name not in (out / "graph.trig").read_text())
    # the documents share many names on purpose: some changes are done the short way,
    # others are not (the summary says why)
    assert sum(m.startswith(DONE) for m in modes) >= 3, modes
    assert any(m.startswith("resolved every document: ")
               for m in modes), modes  # fmt: skip


def test_two_documents_changed_and_one_removed_at_once(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (place, n) in enumerate([("Seoul", 3), ("Yanji", 9), ("Bangkok", 4)] * 4):
        text = f"Police in {place} arrested {n + i} students in {2001 + i % 3}. UNHCR spoke.\n"
        (docs / f"d{i:03d}.txt").write_text(text)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    (docs / "d003.txt").write_text("Police in Yanji arrested 9 students in 2002.\n")
    (docs / "d999.txt").write_text("Han Mi-rae visited Dandong on 4 May 2003.\n")
    (docs / "d007.txt").unlink()
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.startswith(f"{DONE} 3 changed document(s)"), report.mode
    _same_as_full(docs, out, tmp_path / "full", report)


def test_an_alias_of_a_name_others_use_is_resolved_in_full_and_the_build_says_so(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Kim Young-il fled Yanji in 2004.\n")
    (docs / "b.txt").write_text("Police in Seoul arrested Park Sun-hee in 2003.\n")
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    (docs / "c.txt").write_text("Park Sun-hee, also known as Kim Young-il, spoke.\n")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode == (
        "resolved every document: c.txt: it joins names that other documents keep apart"
    )
    _same_as_full(docs, out, tmp_path / "full", report)


def test_explain_makes_the_log_a_full_build_writes(tmp_path: Path) -> None:
    docs = changes.corpus(tmp_path / "docs", 8, seed=2)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    (docs / "d100.txt").write_text("Han Mi-rae, a member of UNHCR, visited Bangkok.\n")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.startswith(DONE)
    assert not (out / "resolution.json").exists()  # made on demand
    result = CliRunner().invoke(cli, ["explain", "Han Mi-rae", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert "Han Mi-rae" in result.output
    full = tmp_path / "full"
    build_folder([docs], full, jobs=1, lean=True, incremental=False)
    assert (out / "resolution.json").read_bytes() == (full / "resolution.json").read_bytes()


def test_a_snapshot_that_does_not_describe_the_outputs_is_not_used(tmp_path: Path) -> None:
    docs = changes.corpus(tmp_path / "docs", 8, seed=4)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    (out / STORE_DIR / TOKEN_FILE).write_text("another build's\n")
    (docs / "d100.txt").write_text("Han Mi-rae visited Seoul.\n")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.endswith("it does not describe the outputs in the folder"), report.mode
    _same_as_full(docs, out, tmp_path / "full", report)
    (docs / "d101.txt").write_text("Han Mi-rae visited Yanji.\n")  # the new one is used
    assert build_folder([docs], out, jobs=1, lean=True).mode.startswith(DONE)


def test_a_protected_build_keeps_no_snapshot(tmp_path: Path) -> None:
    """The snapshot holds every name: a protected build removes it with the cache."""
    docs = changes.corpus(tmp_path / "docs", 4, seed=6)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    snapshot = out / ".cache" / SNAPSHOT_FILE
    assert snapshot.is_file()
    build_folder([docs], out, jobs=1, lean=True, protection=Protection(b"k" * 32))
    assert not snapshot.exists()


def test_a_titled_family_name_gives_a_full_build_s_people(tmp_path: Path) -> None:
    """'Mr. Quorrel' joins the one Quorrel another report gives in full (``_titled_surnames``
    in resolve/across.py): adding or removing either side, or a second full Quorrel,
    changes another document's person, which a one-document build cannot do alone."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Tavin Quorrel was arrested in Lyon in May 2003.\n")
    (docs / "b.txt").write_text("Police in Porto arrested 9 students in 2002.\n")
    (docs / "e.txt").write_text("Lisen Dorvath and Emil Dorvath fled Porto in 2004.\n")
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    steps = [
        ("c.txt", "Mr. Quorrel said the police in Lyon beat him.\n"),  # joins a.txt's
        ("d.txt", "Mira Quorrel visited Graz in June 2003.\n"),  # a second Quorrel
        ("d.txt", None),  # gone again: Mr. Quorrel is Tavin Quorrel again
        ("a.txt", None),  # no Quorrel in full
        ("f.txt", "Mr. Dorvath spoke in Graz in 2004.\n"),  # two Dorvaths: alone
        ("a.txt", "Tavin Quorrel was arrested in Lyon in May 2003.\n"),  # back
        ("g.txt", "Tavin Quorrel fled Porto in 2004. Mr. Quorrel reached Graz in May.\n"),
        ("a0.txt", "Tavin Quorrel spoke in Lyon in 2005.\n"),  # the first Quorrel now
    ]
    modes = []
    for step, (name, text) in enumerate(steps):
        if text is None:
            (docs / name).unlink()
        else:
            (docs / name).write_text(text)
        report = build_folder([docs], out, jobs=1, lean=True)
        modes.append(report.mode)
        _same_as_full(docs, out, tmp_path / f"full{step}", report)
    short = [i for i, mode in enumerate(modes) if mode.startswith(DONE)]
    assert short == [4, 6, 7], modes  # none of them changes whom a title names
    assert all("Quorrel" in modes[i] for i in (0, 1, 2, 3, 5)), modes


# invented people, some sharing a family name, and titled mentions of them
TITLED = ["Mr. Quorrel", "Dr. Halvik", "Ms. Dorvath", "President Quorrel"]
FULL = ["Tavin Quorrel", "Mira Quorrel", "Oren Halvik", "Lisen Dorvath"]


def _titled_text(rng: random.Random) -> str:
    people = rng.sample(TITLED + FULL, rng.randint(1, 3))
    return " ".join(f"{p} spoke in {rng.choice(['Lyon', 'Porto'])} in 2003." for p in people)


def test_random_titles_and_family_names_give_the_outputs_of_a_full_build(
    tmp_path: Path,
) -> None:
    """Random changes to reports naming people by a title and a family name or in full."""
    docs = tmp_path / "docs"
    docs.mkdir()
    rng = random.Random(5)
    for i in range(8):
        (docs / f"t{i:02d}.txt").write_text(_titled_text(rng) + "\n")
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    modes = []
    for step in range(8):
        files = sorted(docs.glob("*.txt"))
        what = rng.choice(["add", "rewrite", "remove"])
        if what == "remove" and len(files) > 3:
            rng.choice(files).unlink()
        else:
            path = (
                rng.choice(files) if what == "rewrite" else docs / f"t{rng.randint(0, 99):02d}.txt"
            )
            path.write_text(_titled_text(rng) + "\n")
        report = build_folder([docs], out, jobs=1, lean=True)
        modes.append(report.mode)
        _same_as_full(docs, out, tmp_path / f"full{step}", report)
    # some changes leave every title as it was, some do not (the summary says which)
    assert any(m.startswith(DONE) for m in modes), modes
    assert any(m.startswith("resolved every document: ") for m in modes), modes


def test_a_name_defined_elsewhere_by_a_name_with_a_number_is_done_the_short_way(
    tmp_path: Path,
) -> None:
    """'migrants' is defined in a.txt by a group whose name has a number ('... arrested
    179 migrants'): ``_defined_elsewhere`` would join b.txt's 'migrants' to it, but the
    guard refuses a number on one side only whatever the clusters hold, so changing b.txt
    changes nothing for a.txt (seen at 10,000 synthetic documents)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Police in Thuận An arrested 179 migrants on June 2000. Officials asked Vanuatu to "
        "stop the forced return of migrants to Bahamas.\n"
    )
    text = "The Lyon Relief Fund provided food and medicine to migrants in Porto in {}.\n"
    (docs / "b.txt").write_text(text.format("February 2004"))
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    (docs / "b.txt").write_text(text.format("March 2005"))
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.startswith(DONE), report.mode
    _same_as_full(docs, out, tmp_path / "full", report)


def test_two_new_names_side_by_side_are_done_the_short_way_unless_one_is_misspelt(
    tmp_path: Path,
) -> None:
    docs = changes.corpus(tmp_path / "docs", 6, seed=9)
    out = tmp_path / "graph"
    build_folder([docs], out, jobs=1, lean=True)
    # two bodies no other document names, next to each other in sorted order
    (docs / "d100.txt").write_text("The Zorvan Aid Office and the Zorvan Care Office spoke.\n")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.startswith(DONE), report.mode
    _same_as_full(docs, out, tmp_path / "full", report)
    # a name a letter away from one of them: the comparison may join them
    (docs / "d101.txt").write_text("The Zorvan Kare Office spoke.\n")
    report = build_folder([docs], out, jobs=1, lean=True)
    assert report.mode.startswith("resolved every document: d101.txt: "), report.mode
    assert "misspelling" in report.mode, report.mode
    _same_as_full(docs, out, tmp_path / "full2", report)

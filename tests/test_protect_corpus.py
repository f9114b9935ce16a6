"""A protected build of the sample corpus holds none of the names the unprotected build
judged private: in any file it writes, in any file's name, or in the text chromium shows
of its reader pages; public figures stay named and pseudonyms do not change between builds.

The names checked are the corpus's own, read from the unprotected build's decisions (no
name of a report is written here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reportgraph.build import build_folder
from reportgraph.protect import Protection, load_key, pseudonym

ROOT = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")


class Builds:
    """The unprotected build, the protected one, the key and the decisions."""

    def __init__(self, root: Path) -> None:
        self.open, self.protected = root / "open", root / "protected"
        build_folder([ROOT / "corpus"], self.open, incremental=False)
        self.secret = load_key(root / "keys" / "protect.key", self.protected)
        build_folder([ROOT / "corpus"], self.protected, protection=Protection(self.secret))
        log = json.loads((self.open / "resolution.json").read_text("utf-8"))
        self.judged = {e["key"]: e for e in log["entities"] if "protection" in e}
        self.private = {k: e for k, e in self.judged.items() if _is(e, "private")}
        public = [e for e in self.judged.values() if _is(e, "public")]
        self.public_words = {w.casefold() for e in public for n in _names(e) for w in n.split()}

    def private_names(self) -> tuple[set[str], set[str]]:
        """Full names (any case) and the lone words no public person's name shares (as
        written: a protected build leaves "park" alone, and "Kim" names a public figure)."""
        names = {n for e in self.private.values() for n in _names(e)}
        full = {n for n in names if " " in n}
        words = {w for n in names for w in n.split() if w.casefold() not in self.public_words}
        return full, words


def _is(entity: dict[str, object], judged: str) -> bool:
    return entity["protection"]["judged"] == judged  # type: ignore[index]


def _names(entity: dict[str, object]) -> list[str]:
    return [str(entity["label"]), *entity["alt_labels"]]  # type: ignore[misc]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("protect-corpus"))


def _leaks(text: str, full: set[str], words: set[str]) -> list[str]:
    found = [n for n in full if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.IGNORECASE)]
    return found + [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def test_the_corpus_names_private_people(builds: Builds) -> None:
    assert len(builds.private) >= 3, sorted(builds.judged)
    assert any(_is(e, "public") for e in builds.judged.values())
    full, words = builds.private_names()
    opened = (builds.open / "graph.ttl").read_text("utf-8")
    assert set(_leaks(opened, full, words)) == full | words  # what the grep must not find


def test_no_private_name_in_any_file_of_a_protected_build(builds: Builds) -> None:
    full, words = builds.private_names()
    files = sorted(p for p in builds.protected.rglob("*") if p.is_file())
    assert {"graph.ttl", "graph.trig", "resolution.json", "index.html"} <= {p.name for p in files}
    assert len(list((builds.protected / "documents").glob("*.html"))) == 5
    for path in files:
        text = f"{path.relative_to(builds.protected)}\n" + path.read_text("utf-8", "replace")
        assert not _leaks(text, full, words), f"{path.name} holds {_leaks(text, full, words)}"


def test_public_figures_named_and_pseudonyms_stable(builds: Builds) -> None:
    """The pseudonym of each private person is the keyed hash of the key the unprotected
    build (another build) gave them: the same under this key in every build."""
    ttl = (builds.protected / "graph.ttl").read_text("utf-8")
    for entity in builds.judged.values():
        if _is(entity, "public"):
            assert str(entity["label"]) in ttl
    for key in builds.private:
        assert f'"{pseudonym(builds.secret, key)}"@en' in ttl, key
    again = json.loads((builds.protected / "resolution.json").read_text("utf-8"))
    codes = {e["label"] for e in again["entities"] if e.get("protection", {}).get("judged")}
    assert {pseudonym(builds.secret, k) for k in builds.private} <= codes


def test_reader_pages_in_chromium_show_no_private_name(builds: Builds) -> None:
    """What a reader sees: the text chromium renders of every protected reader page."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium not found at {CHROMIUM}")
    full, words = builds.private_names()
    pages = sorted((builds.protected / "documents").glob("*.html"))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND"],
        )
        try:
            page = browser.new_page()
            for path in pages:
                page.goto(path.as_uri())
                shown = page.inner_text("body")
                assert "Person " in shown or "protected" in shown, path.name
                assert not _leaks(shown, full, words), f"{path.name}: {_leaks(shown, full, words)}"
                assert not _leaks(page.title(), full, words), path.name
        finally:
            browser.close()

"""Protected builds: no private name in any file a protected build writes, public figures
named, pseudonyms stable across documents and builds, the key kept out of the output.

Every name in the fixtures is invented.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph.cli import cli
from reportgraph.protect import ProtectError, load_key, load_public_list, pseudonym

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden" / "report.txt"
PROTECT = FIXTURES / "protect"
# victims, relatives and a witness of the invented reports: none may be written anywhere
PRIVATE = ["Dara Velko", "Tomas Velko", "Hana Velko", "Mirela Ostran"]
PRIVATE_WORDS = sorted({w for name in PRIVATE for w in name.split()})  # surnames too
PUBLIC = ["Anton Grell", "Lidia Marsh", "Paul Dorrit", "Somchai Wongsa"]


def _build(out: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        cli, ["build", str(PROTECT), str(GOLDEN), "--out", str(out), "-j", "1", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _every_file(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def protected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Two protected builds under one key; the first into a folder an unprotected build
    had filled (its cache held the names), then viewed and exported into that folder."""
    root = tmp_path_factory.mktemp("protect")
    key = root / "keys" / "protect.key"
    first, second = root / "first", root / "second"
    _build(first)  # unprotected: a cache with the names in first/.cache
    assert any("Velko" in p.read_text("utf-8", "replace") for p in _every_file(first / ".cache"))
    _build(first, "--protect", "--protect-key", str(key))
    _build(second, "--protect", "--protect-key", str(key))
    runner = CliRunner()
    for fmt in ("turtle", "trig", "nt", "nquads", "jsonld", "graphml"):
        out = first / f"export.{fmt}"
        result = runner.invoke(cli, ["export", "--graph", str(first), "--format", fmt,
                                     "--out", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["view", "--graph", str(first), "--timeline"])
    assert result.exit_code == 0, result.output
    return first, second, key


def test_no_private_name_in_any_output_file(protected: tuple[Path, Path, Path]) -> None:
    first, second, _ = protected
    files = _every_file(first) + _every_file(second)
    names = {p.name for p in files}
    assert {"graph.ttl", "graph.trig", "resolution.json", "index.html", "timeline.html"} <= names
    assert "export.graphml" in names and "export.jsonld" in names
    pages = sorted((first / "documents").glob("*.html"))  # reader pages: in the grep below
    assert pages and all('<mark id="s-' in p.read_text("utf-8") for p in pages)
    assert all("full text is not included" in p.read_text("utf-8") for p in pages)
    assert not (first / ".cache").exists() and not (second / ".cache").exists()
    for path in files:
        text = path.read_text("utf-8", "replace")
        for word in PRIVATE + PRIVATE_WORDS:
            found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
            assert found is None, f"{path.name} holds {word!r}"


def test_public_figures_stay_named(protected: tuple[Path, Path, Path]) -> None:
    first, _, _ = protected
    for name in ("graph.ttl", "graph.trig", "index.html", "export.graphml"):
        text = (first / name).read_text("utf-8")
        for person in PUBLIC:
            assert person in text, f"{person} missing from {name}"
    assert "id/person/anton-grell>" in (first / "graph.ttl").read_text("utf-8")


def _pseudonyms(out: Path) -> dict[str, set[str]]:
    """Each pseudonym -> the named graphs (documents) whose evidence or labels hold it."""
    found: dict[str, set[str]] = {}
    graph = None
    for line in (out / "graph.trig").read_text("utf-8").splitlines():
        if m := re.match(r"<[^>]*/graph/([^>]+)> \{", line):
            graph = m.group(1)
        for code in re.findall(r"Person [A-Z2-7]{6}\b", line):
            found.setdefault(code, set()).add(graph or "")
    return found


def test_pseudonyms_stable_across_builds_and_documents(
    protected: tuple[Path, Path, Path],
) -> None:
    first, second, key = protected
    assert (first / "graph.trig").read_bytes() == (second / "graph.trig").read_bytes()
    codes = _pseudonyms(first)
    assert len(codes) == 4  # four private people, one pseudonym each
    secret = key.read_bytes().strip()
    dara = pseudonym(secret, "person/dara-velko")
    assert codes[dara] == {"testimony-a.txt", "testimony-b.txt"}
    ttl = (first / "graph.ttl").read_text("utf-8")
    assert f"id/person/{dara.lower().replace(' ', '-')}>" in ttl  # the IRI is the pseudonym


def test_evidence_is_the_pseudonymised_sentence(protected: tuple[Path, Path, Path]) -> None:
    first, _, key = protected
    secret = key.read_bytes().strip()
    dara, tomas = (pseudonym(secret, f"person/{n}") for n in ("dara-velko", "tomas-velko"))
    sentence = f"On June 4, 2011, police arrested {dara} and her brother {tomas} in Port Alder."
    assert f'rg:evidence "{sentence}"' in (first / "graph.ttl").read_text("utf-8")
    log = json.loads((first / "resolution.json").read_text("utf-8"))
    judged = {e["label"]: e["protection"]["judged"] for e in log["entities"] if "protection" in e}
    assert judged[dara] == "private" and judged["Anton Grell"] == "public"


def test_key_made_private_outside_out_and_refused_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    secret = load_key(None, tmp_path / "out")
    made = tmp_path / "home" / ".config" / "reportgraph" / "protect.key"
    assert made.is_file() and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert load_key(None, tmp_path / "out") == secret  # the same key next time
    assert pseudonym(secret, "person/x") != pseudonym(b"another key of 32 bytes!", "person/x")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(GOLDEN), "--out", str(out), "--protect",
              "--protect-key", str(out / "k.key")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "inside the output folder" in result.output
    assert not (out / "k.key").exists() and not (out / "graph.ttl").exists()
    with pytest.raises(ProtectError, match="inside the output folder"):
        load_key(out / "sub" / "k.key", out)


def test_public_list_overrides_the_rules(tmp_path: Path) -> None:
    listed = tmp_path / "people.yaml"
    listed.write_text("public:\n  - Mirela Ostran\nprivate:\n  - Anton Grell\n", "utf-8")
    out = tmp_path / "out"
    report = tmp_path / "redactions.txt"
    _build(out, "--protect", "--protect-key", str(tmp_path / "k"), "--public-list", str(listed),
           "--redaction-report", str(report))  # fmt: skip
    ttl = (out / "graph.ttl").read_text("utf-8")
    assert "Mirela Ostran" in ttl and "Anton Grell" not in ttl and "Grell" not in ttl
    text = report.read_text("utf-8")
    assert "private  Anton Grell -> Person " in text and "listed private in people.yaml" in text
    assert re.search(r"9 person\(s\), 5 public \(named\), 4 private", text)


def test_bad_public_list_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('public = "Anton Grell"\n', "utf-8")
    with pytest.raises(ProtectError, match=r"bad\.toml: 'public' must be a list of names"):
        load_public_list(bad)
    result = CliRunner().invoke(
        cli, ["build", str(GOLDEN), "--out", str(tmp_path / "o"), "--public-list", str(bad)]
    )
    assert result.exit_code == 1 and "bad.toml" in result.output


def test_redaction_report_never_inside_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(GOLDEN), "--out", str(out), "--protect", "--protect-key",
              str(tmp_path / "k"), "--redaction-report", str(out / "r.txt")],
    )  # fmt: skip
    assert result.exit_code == 1 and "outside the output folder" in result.output


def test_explain_says_why_on_an_unprotected_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(out)
    runner = CliRunner()
    private = runner.invoke(cli, ["explain", "Dara Velko", "--graph", str(out)])
    assert "  judged:   private (no public title, office or role)" in private.output
    public = runner.invoke(cli, ["explain", "Anton Grell", "--graph", str(out)])
    assert "  judged:   public (title 'Minister' beside it in testimony-a.txt)" in public.output

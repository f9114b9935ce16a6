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
from reportgraph.model import Document, Entity, Mention, Resolved
from reportgraph.protect import (
    ProtectError,
    PublicList,
    judge,
    load_key,
    load_public_list,
    pseudonym,
)
from reportgraph.resolve.names import person_key

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
    # Marta Quell, a spokeswoman, is the fifth public person
    assert re.search(r"9 person\(s\), 5 public \(named\), 4 private", text)
    assert "public   Marta Quell  (spokespersonOf" in text


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


# --- people the extractor typed as something else, and file names --------------------------


def _resolved_with(text: str, entities: list[tuple[str, str, str]]) -> Resolved:
    """One invented document and its entities (class, key, name), each name's every
    occurrence a mention."""
    doc = Document(Path("r.txt"), "r.txt", text, "0" * 64, "text/plain")
    resolved = Resolved(documents=[doc])
    for cls, key, name in entities:
        resolved.entities[key] = Entity(key, cls, name, documents={"r.txt"})
        resolved.mentions[key] = [
            ("r.txt", Mention(m.start(), m.end(), name, cls, "test"))
            for m in re.finditer(re.escape(name), text)
        ]
    return resolved


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        ("Police arrested Ilse Brandvik and Oren Talvi in Kelmar.", "private"),
        ("Ilse Brandvik's brother, Oren Talvi, was held in Kelmar.", "private"),
        ("A witness, Oren Talvi, saw the arrest in Kelmar.", "private"),
        ("Oren Talvi, 34, was held in Kelmar.", "private"),
        ("Ms. Oren Talvi was held in Kelmar.", "private"),
        ("Police raided Oren Talvi in Kelmar.", None),  # nothing says a person
    ],
)
def test_a_person_typed_as_a_place_is_judged(text: str, judged: str | None) -> None:
    resolved = _resolved_with(
        text,
        [("Person", "person/ilse-brandvik", "Ilse Brandvik"), ("Place", "place/oren-talvi",
         "Oren Talvi"), ("Place", "place/kelmar", "Kelmar")],
    )  # fmt: skip
    decisions = judge(resolved)
    got = decisions.get("place/oren-talvi")
    assert (got.judged if got else None) == judged, got
    assert "place/kelmar" not in decisions  # a town is no person
    if got:
        assert "typed Place" in got.reason


def test_a_mistyped_name_follows_the_users_list_and_organizations_stay() -> None:
    resolved = _resolved_with(
        "Oren Talvi and the Kelmar Refugee Council met Ilse Brandvik and Vessa Holm.",
        [("Organization", "organization/oren-talvi", "Oren Talvi"),
         ("Organization", "organization/kelmar-refugee-council", "Kelmar Refugee Council"),
         ("Person", "person/ilse-brandvik", "Ilse Brandvik"),
         ("Organization", "organization/vessa-holm", "Vessa Holm")],
    )  # fmt: skip
    listed = PublicList(public=frozenset({person_key("Oren Talvi")}))
    decisions = judge(resolved, listed)
    assert decisions["organization/oren-talvi"].judged == "public"
    assert decisions["organization/vessa-holm"].judged == "private"  # joined to a person
    assert "organization/kelmar-refugee-council" not in decisions  # a council is no person


def test_a_mistyped_person_is_pseudonymised_in_a_protected_build(tmp_path: Path) -> None:
    """Whatever class the extractor gives the second name, the build holds neither name."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(
        "Harbour Watch\nField Report - March 2014\n\nArrests in Kelmar\n\nOn March 3, 2014, "
        "police arrested Ilse Brandvik and Oren Talvi in Kelmar. Police Chief Viktor Sand "
        "denied the arrests.\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "in"), "--out", str(out), "-q", "--protect",
              "--protect-key", str(tmp_path / "k.key")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for path in _every_file(out):
        text = path.read_text("utf-8", "replace")
        for word in ("Ilse", "Brandvik", "Oren", "Talvi"):
            assert word not in text, f"{path.name} holds {word!r}"
    assert "Viktor Sand" in (out / "graph.ttl").read_text("utf-8")


def test_file_names_hold_no_private_name(tmp_path: Path) -> None:
    """Reader pages, document IRIs and reasons are named from file names: in a protected
    build a private name in a file name is its pseudonym there too."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "dara-velko_statement.txt").write_bytes((PROTECT / "testimony-a.txt").read_bytes())
    (inputs / "Mirela Ostran.txt").write_bytes((PROTECT / "testimony-b.txt").read_bytes())
    key = tmp_path / "k.key"
    result = CliRunner().invoke(
        cli, ["build", str(inputs), "--out", str(tmp_path / "out"), "-q", "--protect",
              "--protect-key", str(key)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = _every_file(tmp_path / "out")
    secret = key.read_bytes().strip()
    dara = pseudonym(secret, "person/dara-velko").lower().replace(" ", "-")
    mirela = pseudonym(secret, "person/mirela-ostran").lower().replace(" ", "-")
    pages = {p.name for p in files if p.parent.name == "documents"}
    assert pages == {f"{dara}-statement-txt.html", f"{mirela}-txt.html"}
    for path in files:
        text = f"{path.relative_to(tmp_path)}\n" + path.read_text("utf-8", "replace")
        for word in PRIVATE + PRIVATE_WORDS:
            found = re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.IGNORECASE)
            assert found is None, f"{path.name} holds {word!r}"
    assert f"{dara}-statement.txt" in (tmp_path / "out" / "graph.ttl").read_text("utf-8")

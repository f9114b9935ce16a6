"""Bad input: every file of the README's table, read right or refused in one line that names
it, and a build over all of them that reads the good ones and says what it skipped."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import ftfy  # noqa: F401 - registers the sloppy-windows-1252 codec of real mojibake
import pytest
from click.testing import CliRunner

from reportgraph.cli import cli
from reportgraph.errors import IngestError
from reportgraph.ingest import MAX_BYTES, MAX_LINE, collect_paths, read_document

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.txt"

ENGLISH = "Refugees \u201cfled\u201d to the border \u2013 officials said.\nThe caf\u00e9 closed.\n"
FRENCH = "Le r\u00e9fugi\u00e9 est arriv\u00e9 \u00e0 S\u00e9oul apr\u00e8s un long p\u00e9riple.\n"
KOREAN = (
    "\ud0c8\ubd81\uc790\ub4e4\uc740 \uc911\uad6d \uacf5\uc548\uc5d0 \uccb4\ud3ec\ub418\uc5b4 "
    "\ubd81\ud55c\uc73c\ub85c \uac15\uc81c \uc1a1\ud658\ub418\uc5c8\ub2e4.\n"
)
# U+B620 is one of the syllables CP949 adds to EUC-KR.
KOREAN_CP949 = KOREAN + "\ub620\ubc29\uac01\ud558 \uc778\uad8c \ub2e8\uccb4.\n"
JAPANESE = (
    "\u8131\u5317\u8005\u305f\u3061\u306f\u4e2d\u56fd\u306e\u516c\u5b89\u306b\u902e\u6355"
    "\u3055\u308c\u3001\u5317\u671d\u9bae\u3078\u5f37\u5236\u9001\u9084\u3055\u308c\u305f\u3002\n"
)
JAPANESE_SHORT = "\u5317\u671d\u9bae\u3078\u9001\u9084\u3055\u308c\u305f\u3002\n"

# name -> (file name, bytes, the text it must read as)
READ: dict[str, tuple[str, bytes, str]] = {
    "utf-8": ("utf8.txt", ENGLISH.encode("utf-8"), ENGLISH),
    "utf-8 with BOM": ("utf8bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH),
    "utf-16 LE with BOM": ("u16le.txt", b"\xff\xfe" + ENGLISH.encode("utf-16-le"), ENGLISH),
    "utf-16 BE with BOM": ("u16be.txt", b"\xfe\xff" + ENGLISH.encode("utf-16-be"), ENGLISH),
    "latin-1": ("latin1.txt", FRENCH.encode("latin-1"), FRENCH),
    "cp1252": ("cp1252.txt", ENGLISH.encode("cp1252"), ENGLISH),
    "euc-kr": ("euckr.txt", KOREAN.encode("euc-kr"), KOREAN),
    "cp949": ("cp949.txt", KOREAN_CP949.encode("cp949"), KOREAN_CP949),
    "shift-jis": ("sjis.txt", JAPANESE.encode("shift_jis"), JAPANESE),
    "shift-jis, one short line": ("sjis2.txt", JAPANESE_SHORT.encode("shift_jis"), JAPANESE_SHORT),
    "euc-jp": ("eucjp.txt", JAPANESE.encode("euc-jp"), JAPANESE),
    "mixed line endings": (
        "mixed.txt",
        b"First line.\r\nSecond line.\nThird line.\rFourth line.\n",
        "First line.\nSecond line.\nThird line.\nFourth line.\n",
    ),
    "mojibake (utf-8 read as cp1252)": (
        "mojibake.txt",
        ENGLISH.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),
        ENGLISH,
    ),
    "mojibake twice over": (
        "mojibake2.txt",
        ENGLISH.encode()
        .decode("sloppy-windows-1252")
        .encode()
        .decode("sloppy-windows-1252")
        .encode(),
        ENGLISH,
    ),
    "mojibake of Korean": (
        "mojibake-ko.txt",
        KOREAN.encode("utf-8").decode("latin-1").encode("utf-8"),
        KOREAN,
    ),
}


def _pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that starts as text and takes no disk space."""
    with path.open("wb") as handle:
        handle.write(b"The police arrested eleven refugees near the border.\n")
        handle.truncate(size)
    return path


def _long_line(path: Path, size: int) -> Path:
    sentence = b"The police arrested eleven refugees near the border on May 9, 2002. "
    path.write_bytes((sentence * (size // len(sentence) + 1))[:size])
    return path


Maker = Callable[[Path], Path]


def _file(name: str, data: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


# name -> (how to make it in a folder, what the one-line problem says)
REFUSED: dict[str, tuple[Maker, str]] = {
    "empty file": (_file("empty.txt", b""), "empty document"),
    "whitespace only": (_file("blank.md", b" \n\t\r\n   \n"), "empty document"),
    "UTF-16 BOM and only spaces": (
        _file("blank16.txt", b"\xff\xfe" + " \n".encode("utf-16-le")),
        "empty document",
    ),
    "binary file named .txt (PNG)": (
        _file("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "looks like a binary file",
    ),
    "binary file named .html (ZIP)": (
        _file("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4),
        "looks like a binary file",
    ),
    "truncated PDF": (_file("cut.pdf", _pdf("Refugees were arrested.")[:300]), "truncated PDF"),
    "text named .pdf": (_file("notes.pdf", b"just some words\n"), "not a PDF"),
    "HTML that is all script": (
        _file(
            "script.html",
            b"<html><head><script>var a = 1;</script></head><body><script>"
            b"document.write('<p>Refugees fled.</p>')</script><noscript>x</noscript></body></html>",
        ),
        "no text",
    ),
    "100 MB file": (lambda d: _sparse(d / "huge.txt", 100 * 2**20), "too large (100.0 MB"),
    "a single 10 MB line": (
        lambda d: _long_line(d / "oneline.txt", 10 * 2**20),
        "line 1 is 10,485,760 characters long",
    ),
    "unsupported type named directly": (_file("report.docx", b"PK\x03\x04"), "unsupported"),
}


@pytest.mark.parametrize("case", sorted(READ))
def test_encoding_is_read(tmp_path: Path, case: str) -> None:
    name, data, expected = READ[case]
    path = tmp_path / name
    path.write_bytes(data)
    text = read_document(path).text
    assert text == expected


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_file_is_refused_in_one_line_naming_it(tmp_path: Path, case: str) -> None:
    make, problem = REFUSED[case]
    path = make(tmp_path)
    with pytest.raises(IngestError) as info:
        read_document(path)
    message = str(info.value)
    assert problem in message
    assert message.startswith(f"{path}: ")
    assert "\n" not in message and len(message) < 300


def test_html_charset_that_names_no_codec_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bogus.html"
    path.write_bytes(
        b'<html><head><meta charset="bogus-9"></head><body><p>' + FRENCH.encode("latin-1")
        + b"</p></body></html>"
    )  # fmt: skip
    assert read_document(path).text == FRENCH


def test_two_files_with_one_name_the_second_is_skipped(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(GOLDEN, tmp_path / folder / "report.txt")
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "one"), str(tmp_path / "two"), "--out", str(tmp_path / "g")]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"skipped: {tmp_path / 'two' / 'report.txt'}: same file name as "
        f"{tmp_path / 'one' / 'report.txt'}; rename one"
    ) in result.stderr


def test_a_long_line_is_refused_before_anything_slow(tmp_path: Path) -> None:
    path = _long_line(tmp_path / "edge.txt", MAX_LINE)
    assert read_document(path).text  # at the limit: read
    path = _long_line(tmp_path / "over.txt", MAX_LINE + 1)
    with pytest.raises(IngestError, match="line 1 is 100,001 characters long"):
        read_document(path)
    two = tmp_path / "second.txt"
    two.write_bytes(b"A short first line.\n" + b"x" * (MAX_LINE + 5) + b"\n")
    with pytest.raises(IngestError, match="line 2 is"):
        read_document(two)


def test_the_size_limit_can_be_changed(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "big.txt", 3 * 2**20)
    with pytest.raises(IngestError, match=r"too large \(3.0 MB; the limit is 2.0 MB"):
        read_document(path, max_bytes=2 * 2**20)
    assert MAX_BYTES > 3 * 2**20
    with pytest.raises(IngestError, match="binary"):  # under the limit it is read, and refused
        read_document(path)


def test_missing_path_loop_and_broken_link_are_collected_problems(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A report.\n")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found, problems = collect_paths(
        [tmp_path / "docs", tmp_path / "missing.txt", tmp_path / "self.txt", tmp_path / "gone.txt"]
    )
    assert found == [tmp_path / "docs" / "a.txt"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'docs' / 'loop'}: symbolic link loop: leads back to a folder above",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{tmp_path / 'self.txt'}: symbolic link loop",
        f"{tmp_path / 'gone.txt'}: broken symbolic link",
    ]


def _collect_as_nobody(root: Path) -> list[str]:
    """collect_paths in a forked child that, when we are root, first becomes 'nobody'
    (root reads any folder); the child needs no interpreter of its own to start."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            found, problems = collect_paths([root])
            lines = [f"found {p}" for p in found] + [f"problem {p}" for p in problems]
            os.write(write_end, "\n".join(lines).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return output.splitlines()


def test_folder_without_permission_is_a_problem_not_an_exception() -> None:
    root = Path(tempfile.mkdtemp())  # not under pytest's 0700 tmp folder: nobody must enter
    try:
        root.chmod(0o755)
        (root / "ok").mkdir(mode=0o755)
        (root / "ok" / "a.txt").write_text("A report.\n")
        (root / "locked").mkdir()
        (root / "locked" / "b.txt").write_text("Hidden.\n")
        (root / "locked").chmod(0)
        lines = _collect_as_nobody(root)
    finally:
        (root / "locked").chmod(0o755)
        shutil.rmtree(root)
    assert lines == [
        f"found {root / 'ok' / 'a.txt'}",
        f"problem {root / 'locked'}: cannot read folder: permission denied",
    ]


# --- one build over all of them ---------------------------------------------------------


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "docs"
    folder.mkdir()
    shutil.copy(GOLDEN, folder / "good.txt")
    for name, data, _expected in READ.values():
        (folder / name).write_bytes(data)
    for case, (make, _problem) in REFUSED.items():
        if case != "unsupported type named directly":  # a folder walk skips unknown types
            make(folder)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return folder


def test_build_reads_the_rest_and_ends_with_what_it_skipped(
    bad_folder: Path, tmp_path: Path
) -> None:
    missing = bad_folder.parent / "missing.txt"
    result = CliRunner().invoke(
        cli, ["build", str(bad_folder), str(missing), "--out", str(tmp_path / "g"), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    problems = {
        case: problem
        for case, (_make, problem) in REFUSED.items()
        if case != "unsupported type named directly"
    }
    assert len(skipped) == len(problems) + 2  # and the link loop and the missing path
    for problem in problems.values():
        assert sum(problem in line for line in skipped) >= 1, problem
    assert any("loop: symbolic link loop" in line for line in skipped)
    assert any(f"{missing}: no such file or folder" in line for line in skipped)
    assert result.stderr.rstrip().splitlines()[-len(skipped) :] == skipped, "skips come last"
    assert "Traceback" not in result.output
    trig = (tmp_path / "g" / "graph.trig").read_text(encoding="utf-8")
    for name, _data, _expected in READ.values():
        assert f"graph/{name}>" in trig, f"{name} was not built"


def test_build_strict_exits_1_after_building(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "g"
    result = CliRunner().invoke(cli, ["build", str(bad_folder), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith("document(s) skipped (--strict)")
    assert (out / "graph.trig").is_file()


def test_build_max_size_option(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(GOLDEN, src / "good.txt")
    _long_line(src / "big.txt", 2 * 2**20)
    result = CliRunner().invoke(
        cli, ["build", str(src), "--out", str(tmp_path / "g"), "--max-size", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert f"skipped: {src / 'big.txt'}: too large (2.0 MB; the limit is 1.0 MB" in result.stderr


# --- a broken graph, a broken query ------------------------------------------------------


@pytest.fixture(scope="module")
def corrupt_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corrupt")
    (folder / "graph.trig").write_text(
        "@prefix rg: <https://w3id.org/reportgraph/ns#> .\n\n<urn:g> {\n  <urn:a> rg:x \n}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["query", "timeline"],
        ["view"],
        ["view", "--out", "{tmp}/v.html"],
        ["export", "--format", "graphml", "--out", "{tmp}/g.graphml"],
        ["export", "--format", "nt", "--out", "{tmp}/g.nt"],
        ["stats"],
    ],
)
def test_corrupt_graph_is_one_line_naming_file_and_line(
    corrupt_graph: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = CliRunner().invoke(cli, [*args, "--graph", str(corrupt_graph)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    # the store's loader (Oxigraph) or rdflib (--store memory) says where, in one line
    assert result.stderr.startswith(f"Error: {corrupt_graph / 'graph.trig'}: ")
    assert re.search(r"line [45]\b", result.stderr), result.stderr
    assert not list(tmp_path.iterdir()), "nothing written"


def test_binary_graph_file(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_bytes(bytes(range(256)) * 10)
    result = CliRunner().invoke(cli, ["query", "timeline", "--graph", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 'graph.trig'}: ")
    assert result.stderr.count("\n") == 1


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    result = CliRunner().invoke(cli, ["build", str(GOLDEN), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_sparql_syntax_error_shows_line_and_column(built: Path) -> None:
    text = "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}"
    result = CliRunner().invoke(cli, ["query", text, "--graph", str(built)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error at line 4, column ")
    assert result.stderr.count("\n") == 1


def test_misspelt_keyword_is_a_syntax_error_not_an_unknown_name(built: Path) -> None:
    result = CliRunner().invoke(
        cli, ["query", "SELCT ?s WHERE { ?s ?p ?o }", "--graph", str(built)]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error at line 1, column 1: ")


@pytest.mark.parametrize("param", ["actor", "=China", "", " =x"])
def test_param_that_is_not_name_value(built: Path, param: str) -> None:
    result = CliRunner().invoke(
        cli, ["query", "events-of-actor", "--param", param, "--graph", str(built)]
    )
    assert result.exit_code == 2
    assert "is not NAME=VALUE" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("timelien", "timeline"),
        ("events-of-actors", "events-of-actor"),
        ("document-mentioning", "documents-mentioning"),
        ("law", "laws"),
    ],
)
def test_unknown_named_query_lists_close_matches(built: Path, name: str, suggested: str) -> None:
    result = CliRunner().invoke(cli, ["query", name, "--graph", str(built)])
    assert result.exit_code == 1
    assert f"no named query, query file or SPARQL text {name!r}; did you mean" in result.stderr
    assert suggested in result.stderr.split("did you mean", 1)[1]

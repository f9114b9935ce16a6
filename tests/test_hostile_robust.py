"""One document cannot stop or stall a build, and the build's own files cannot wedge or
mislead the next one (red-team findings F4-F10, F12, F24-F28, F30, F32-F35 of issue 13).
Each test is the attack of the report, made small."""

from __future__ import annotations

import fcntl
import hashlib
import os
import struct
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgraph.batch import ExtractionCache, extract_all
from reportgraph.build import LOCK_FILE, BuildLock, build_dataset, build_folder
from reportgraph.cli import cli
from reportgraph.errors import IngestError, ReportgraphError
from reportgraph.files import write_output
from reportgraph.ingest import (
    _declared_charset,
    collect_paths,
    read_bounded,
    read_document,
    strip_invisible,
)
from reportgraph.model import Annotated, Document
from reportgraph.query import QueryResult, format_result
from reportgraph.resolve.config import MergeConfigError, load_merges

SENTENCE = "Police in China arrested five North Korean refugees in Yanji on 3 March 2003."


def _fake_extract(document: Document, _pipeline: list) -> Annotated:
    """An extractor with no model, fast; some file names make it misbehave."""
    if document.file_name.startswith("boom"):
        raise KeyError("a library's own error")
    if document.file_name.startswith("dies"):
        os._exit(9)  # a worker killed by the OOM killer, or a segfault in C
    if document.file_name.startswith("slow"):
        while True:
            pass
    return Annotated(document=document)


def _docs(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_text(SENTENCE + "\n", encoding="utf-8")
        paths.append(folder / name)
    return paths


def _problems(done: object) -> dict[str, str]:
    return {p.path.name: p.problem for p in done.problems}  # type: ignore[attr-defined]


# --- F4: a file name that is not UTF-8 -----------------------------------------------------


def test_f4_a_file_name_that_is_not_utf8_is_skipped_and_the_rest_is_built(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    _docs(src, ["ok.txt"])
    bad = src / os.fsdecode(b"bad\xff\xfename.txt")
    bad.write_text(SENTENCE, encoding="utf-8")
    assert ExtractionCache(tmp_path / "out", []).key(bad, None)  # no UnicodeEncodeError
    report = build_folder([src], tmp_path / "out", jobs=1)
    assert report.documents == 1
    assert [p.problem for p in report.skipped] == ["file name is not valid UTF-8 (rename the file)"]


# --- F5, F6, F7: documents that used to end the build ------------------------------------


@pytest.mark.parametrize("depth", [1000, 20_000])
def test_f5_html_nested_deep_is_read(tmp_path: Path, depth: int) -> None:
    page = tmp_path / "nest.html"
    page.write_text(f"<html><body>{'<div>' * depth}<p>{SENTENCE}</p>{'</div>' * depth}</body>")
    assert SENTENCE in read_document(page).text


def _aes_pdf() -> bytes:
    """A PDF encrypted with AES-128 (/V 4, /AESV2) and an empty user password, as Acrobat's
    "restrict editing" writes; its stream is random bytes (pypdf needs `cryptography`
    before it can tell)."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")

    def rc4(key: bytes, data: bytes) -> bytes:
        s, j = list(range(256)), 0
        for i in range(256):
            j = (j + s[i] + key[i % len(key)]) % 256
            s[i], s[j] = s[j], s[i]
        out, i, j = bytearray(), 0, 0
        for byte in data:
            i = (i + 1) % 256
            j = (j + s[i]) % 256
            s[i], s[j] = s[j], s[i]
            out.append(byte ^ s[(s[i] + s[j]) % 256])
        return bytes(out)

    ident, perms = b"0123456789abcdef", -4
    k = hashlib.md5(pad).digest()
    for _ in range(50):
        k = hashlib.md5(k).digest()
    owner = rc4(k, pad)
    for i in range(1, 20):
        owner = rc4(bytes(b ^ i for b in k), owner)
    h = hashlib.md5(pad + owner + struct.pack("<i", perms) + ident).digest()
    for _ in range(50):
        h = hashlib.md5(h[:16]).digest()
    key = h[:16]
    user = rc4(key, hashlib.md5(pad + ident).digest())
    for i in range(1, 20):
        user = rc4(bytes(b ^ i for b in key), user)
    user += b"\0" * 16
    stream = os.urandom(48)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /AuthEvent /DocOpen "
        b"/CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <%s> /U <%s> /P %d >>"
        % (owner.hex().encode(), user.hex().encode(), perms),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.6\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s><%s>] >>\n" % (
        len(objects) + 1,
        ident.hex().encode(),
        ident.hex().encode(),
    )
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


def test_f6_an_aes_encrypted_pdf_is_skipped_as_encrypted(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    try:
        import cryptography  # noqa: F401

        pytest.skip("cryptography is installed: pypdf decrypts AES itself")
    except ImportError:
        pass
    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(_aes_pdf())
    with pytest.raises(IngestError, match=r"locked\.pdf: encrypted PDF \(AES"):
        read_document(pdf)


def test_f7_only_whatwg_charsets_are_taken_from_a_page(tmp_path: Path) -> None:
    def meta(name: str) -> bytes:
        return f'<html><head><meta charset="{name}"></head>'.encode()

    for refused in ("unicode_escape", "raw_unicode_escape", "utf-7", "punycode", "rot13"):
        assert _declared_charset(meta(refused)) is None, refused
    for taken in ("windows-1251", "shift_jis", "euc-kr", "iso-8859-2", "koi8-r", "gb18030"):
        assert _declared_charset(meta(taken)) is not None, taken
    page = tmp_path / "surrogate.html"
    page.write_bytes(
        meta("unicode_escape")
        + b"<body><p>Police in China arrested Kim \\ud800Chul-su in Yanji on 3 March 2003. "
        + b"\xff</p></body></html>"
    )
    text = read_document(page).text
    assert "Kim \\ud800Chul-su" in text  # read as bytes, not as escapes
    text.encode("utf-8")  # no lone surrogates


# --- F12, F8: any error, a dead worker, a document that never ends ------------------------


def test_f12_any_exception_in_one_document_is_a_skipped_line(tmp_path: Path) -> None:
    paths = _docs(tmp_path, ["a.txt", "boom.txt", "c.txt"])
    done = extract_all(paths, [], jobs=1, extractor=_fake_extract)
    assert [a.document.file_name for a in done.annotated] == ["a.txt", "c.txt"]
    assert _problems(done) == {"boom.txt": 'could not be read (KeyError: "a library\'s own error")'}


def test_f12_a_dead_worker_names_its_document_and_the_rest_are_built(tmp_path: Path) -> None:
    names = [f"d{i:02}.txt" for i in range(15)] + ["dies.txt"]
    paths = _docs(tmp_path, sorted(names))
    done = extract_all(paths, [], jobs=2, extractor=_fake_extract)
    assert len(done.annotated) == 15
    assert _problems(done) == {
        "dies.txt": "its worker process died while reading it (killed, out of memory?)"
    }


def test_f8_a_document_over_its_time_budget_is_skipped(tmp_path: Path) -> None:
    paths = _docs(tmp_path, ["a.txt", "slow.pdf.txt"])
    started = time.monotonic()
    done = extract_all(paths, [], jobs=1, extractor=_fake_extract, budget=0.3)
    assert time.monotonic() - started < 5
    assert _problems(done) == {"slow.pdf.txt": "took longer than 0.3 s (see build --doc-timeout)"}
    assert [a.document.file_name for a in done.annotated] == ["a.txt"]


# --- F9: reads are bounded -----------------------------------------------------------------


def _in_thread(work: object, seconds: float = 10) -> object:
    """``work()``'s result or exception, or fail if it is still running (a hang)."""
    box: list[object] = []

    def run() -> None:
        try:
            box.append(work())  # type: ignore[operator]
        except Exception as exc:
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, "still reading: hung"
    return box[0]


def test_f9_a_fifo_or_device_named_directly_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        got = _in_thread(lambda path=path: read_document(path))
        assert isinstance(got, IngestError) and got.problem == "not a regular file", got
        assert (
            _in_thread(lambda path=path: ExtractionCache(tmp_path / "o", []).key(path, 10)) is None
        )


def test_f9_a_file_whose_size_lies_is_read_only_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    endless = tmp_path / "kmsg.txt"
    endless.write_bytes(b"x" * 1000)
    real_fstat = os.fstat

    def says_empty(fd: int) -> os.stat_result:  # as /proc files do
        st = list(real_fstat(fd))
        st[6] = 0
        return os.stat_result(st)

    monkeypatch.setattr(os, "fstat", says_empty)
    with pytest.raises(IngestError, match="larger than the limit"):
        read_bounded(endless, 100)
    assert read_bounded(endless, 1000) == b"x" * 1000


# --- F10, F24, F25: the build lock ---------------------------------------------------------


@pytest.mark.parametrize("left", ["", "0", "-1", "1", str(os.getpid())])
def test_f10_a_left_lock_file_never_wedges_a_later_build(tmp_path: Path, left: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text(left)  # empty (a full disk), init, a live unrelated process
    with BuildLock(out):
        assert (out / LOCK_FILE).read_text().strip() == str(os.getpid())
    assert not (out / LOCK_FILE).exists()


def test_f10_a_held_lock_refuses_with_the_usual_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK_FILE, os.O_CREAT | os.O_WRONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a live build
    try:
        with pytest.raises(ReportgraphError, match="another build is writing to"):
            BuildLock(out).__enter__()
    finally:
        os.close(fd)
    with BuildLock(out):
        pass


def test_f24_racers_taking_over_a_dead_lock_never_both_hold_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for _trial in range(20):
        (out / LOCK_FILE).write_text("4000000")  # a dead build's lock
        assert _race(out, []) == 1


def _race(out: Path, holders: list[int], racers: int = 4) -> int:
    """Start ``racers`` threads taking the lock at once; the most that held it together."""
    guard, start = threading.Lock(), threading.Barrier(racers)
    most = [0]

    def race() -> None:
        start.wait()
        try:
            with BuildLock(out):
                with guard:
                    holders.append(1)
                    most[0] = max(most[0], len(holders))
                time.sleep(0.01)
                with guard:
                    holders.pop()
        except ReportgraphError:
            pass

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return most[0]


# --- F26: build . ---------------------------------------------------------------------------


def test_f26_the_output_folder_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    src = tmp_path / "reports"
    _docs(src, ["a.txt", "b.txt"])
    (src / "graph").mkdir()
    (src / "graph" / "index.html").write_text(f"<p>{SENTENCE}</p>")
    other = src / "old-graph"  # another build's output folder
    (other / ".cache" / "extract").mkdir(parents=True)
    (other / "timeline.html").write_text(f"<p>{SENTENCE}</p>")
    files, problems = collect_paths([src], skip=[src / "graph"])
    assert [p.name for p in files] == ["a.txt", "b.txt"] and problems == []


# --- F27, F28: invisible characters --------------------------------------------------------


def test_f27_f28_invisible_and_control_characters_never_reach_names_or_evidence(
    tmp_path: Path,
) -> None:
    assert strip_invisible("a\u2060-\u200bb\u202e\ufeff\ufffe\U0010ffff\x1b]0;T\x07\x00c\td\n") == (
        "a-b]0;Tc\td\n"
    )
    src = tmp_path / "sp"
    src.mkdir()
    (src / "a.txt").write_text("Police in China arrested Kim Dae-jung in Yanji on 3 March 2003.\n")
    (src / "b.txt").write_text(
        "Police in Thailand arrested Kim Dae\u2060-\u2060jung\u202e in Bangkok on 4 April "
        "2004.\x1b]0;PWNED\x07\n"
    )
    late = "Refugees waited at the border for many weeks in the cold. " * 1200
    (src / "nul.txt").write_text(late + "Police arrested Kim Chul\x00su in Yanji.\n")
    report = build_dataset([src])
    assert [p.problem for p in report.skipped] == ["looks like a binary file, not text"]
    texts = {d.file_name: d.text for d in report.resolved.documents}
    invisible = ("\u2060", "\u202e", "\x1b", "\x07", "\x00")
    for text in texts.values():
        assert not any(ch in text for ch in invisible)
    entities = report.resolved.entities.values()
    names = [e.label for e in entities] + [a for e in entities for a in e.alt_labels]
    assert "Kim Dae-jung" in names
    for name in names:
        assert not any(ch in name for ch in invisible), name
    assert report.resolved.events
    for event in report.resolved.events:
        assert not any(ch in event.evidence for ch in invisible)
        assert texts[event.document][event.start : event.end] == event.evidence


# --- F30: CSV formulas ---------------------------------------------------------------------


def test_f30_csv_and_tsv_cells_that_start_a_formula_are_defused() -> None:
    rows = [('=HYPERLINK("http://evil.example","x")', "-3"), ("+cmd|'/c calc'!A1", "@SUM(A1)")]
    result = QueryResult(kind="select", columns=["a", "b"], rows=rows)
    csv = format_result(result, "csv").splitlines()
    assert csv[1] == '"\'=HYPERLINK(""http://evil.example"",""x"")",-3'
    assert csv[2] == "'+cmd|'/c calc'!A1,'@SUM(A1)"
    assert format_result(result, "tsv").splitlines()[2] == "'+cmd|'/c calc'!A1\t'@SUM(A1)"


# --- F32: --out is a link or a device ------------------------------------------------------


def test_f32_out_writes_through_a_link_and_into_a_fifo(tmp_path: Path) -> None:
    target = tmp_path / "real.nt"
    target.write_text("old")
    link = tmp_path / "link.nt"
    link.symlink_to(target)
    write_output(link, "new\n")
    assert link.is_symlink() and target.read_text() == "new\n"
    fifo = tmp_path / "stdout"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_output(fifo, "streamed\n")
    reader.join(5)
    assert got == [b"streamed\n"] and fifo.is_fifo()


# --- F33, F34: merges files ----------------------------------------------------------------


def test_f33_f34_every_bad_merges_file_is_one_line_naming_it(tmp_path: Path) -> None:
    laughs = "same:\n  - [&a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol],\n"
    laughs += "".join(
        f"     &{b} [{', '.join(['*' + a] * 10)}],\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    laughs += "     *i]\n"
    bad = {
        "laughs.yaml": (laughs, "aliases"),
        "binary.yaml": (b"\xff\xfe", "not UTF-8"),
        "deep.yaml": ("[" * 100_000, "nested too deep"),
        "deep.toml": ("a = " + "[" * 100_000, "nested too deep"),
        "big.yaml": ("same:\n  - [" + ", ".join(f"n{i}" for i in range(2000)) + "]\n", "names"),
        "huge.yaml": ("#" * (2**20 + 1), "larger"),
        "one.yaml": ("same:\n  - [" + "x" * 5000 + "]\n", "two or more names, got \\['xxx"),
    }
    for name, (content, says) in bad.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        started = time.monotonic()
        with pytest.raises(MergeConfigError, match=says) as caught:
            load_merges(path)
        assert str(caught.value).startswith(f"{path}: "), name
        assert len(str(caught.value)) < len(str(path)) + 300, name  # entries quoted shortened
        assert time.monotonic() - started < 5, name
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path), "--merges", str(tmp_path / "deep.yaml")]
    )
    assert result.exit_code == 1 and "internal error" not in result.output
    assert result.stderr.startswith(f"Error: {tmp_path / 'deep.yaml'}: ")


def test_f33_same_and_different_still_clash(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "same:\n  - [A Lee, B Lee]\n  - [B Lee, C Lee]\ndifferent:\n  - [C Lee, B Lee]\n"
    )
    with pytest.raises(MergeConfigError, match="both as same and as different"):
        load_merges(path)
    path.write_text("same:\n  - [A Lee, B Lee]\ndifferent:\n  - [A Lee, C Lee]\n")
    assert load_merges(path).different == (("A Lee", "C Lee"),)


# --- F35: nan and inf ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["build", ".", "--max-size", "nan"],
        ["build", ".", "--max-size", "inf"],
        ["build", ".", "--doc-timeout", "nan"],
        ["query", "ASK {}", "--timeout", "nan"],
        ["query", "ASK {}", "--timeout", "inf"],
        ["query", "ASK {}", "--timeout", "1e300"],
    ],
)
def test_f35_nan_and_inf_are_refused_as_option_values(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Invalid value for" in result.stderr and "internal error" not in result.stderr

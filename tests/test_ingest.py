"""Ingest: paths -> Documents (encodings, formats, boilerplate, title/date/publisher)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgraph.errors import IngestError
from reportgraph.ingest import (
    collect_paths,
    dateline,
    find_date,
    find_dates,
    find_publisher,
    find_title,
    is_menu_line,
    read_document,
    strip_boilerplate,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path("/work/shared")
DEVEXTRA = SHARED / "devextra"
needs_devextra = pytest.mark.skipif(not DEVEXTRA.is_dir(), reason="no /work/shared/devextra")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _is_subsequence(kept: list[str], original: list[str]) -> bool:
    it = iter(original)
    return all(line in it for line in kept)


# --- the sample corpus: what the text itself says ----------------------------------------

CORPUS_EXPECTED = {
    "000_6dd449ae862c0582.txt": ("Recent Crackdown in China", "2002-05", None),
    "001_fbab194a4f59ab32.txt": (
        "Report on Our Activities in FY2000-2001",
        "2001",
        "Life Funds for North Korean Refugees",
    ),
    "002_93a961486a3437d1.txt": (
        "China's Two-Faced Policy",
        "2002-07",
        "Life Funds for North Korean Refugees",
    ),
    "003_8db953de5386fd00.txt": (
        "Desperate N Koreans Seek Asylum In China",
        "2001-07-09",
        "Albion Monitor",
    ),
    "004_5d02e6d4a97f5770.txt": (
        "North Korean Defectors in China are facing repatriation to North Korea",
        "2012-02",
        None,
    ),
}

DEVEXTRA_EXPECTED = {
    "d01.txt": (
        "Text: Congressmen Petition Chinese Government on North Koreans",
        "2002-05-09",
        "U.S. Embassy in Tokyo",
    ),
    "d02.txt": (
        "High Commissioner for Refugees Visits China, Objects to North Korean Repatriation",
        "2006-12-15",
        None,
    ),
    "d03.txt": (
        "06/14/10 \u2013 North Korea\u2019s Trafficking in Persons Report (2009)",
        "2010-06-14",
        None,
    ),
    "d04.txt": (
        'EVENT ADVISORY: USCIRF Commissioners to Speak on North Korea Report, "A Prison '
        'Without Bars," at Congressional Press Conference',
        "2008-04-29",
        "USCIRF",
    ),
    "d05.txt": (
        "UN Report Criticizes China for Treatment of North Korean Refugees Amid Worsening "
        "Situation",
        "2014-03-19",
        None,
    ),
    # A bill's XML text: no line stands alone as a heading, and nobody signs it.
    "d06.txt": (None, "2012-03-20", None),
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_metadata(name: str) -> None:
    doc = read_document(CORPUS / name)
    assert (doc.title, doc.date, doc.publisher) == CORPUS_EXPECTED[name]
    assert doc.file_name == name
    assert doc.media_type == "text/plain"
    assert doc.sha256 == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()


@needs_devextra
@pytest.mark.parametrize("name", sorted(DEVEXTRA_EXPECTED))
def test_devextra_metadata(name: str) -> None:
    doc = read_document(DEVEXTRA / name)
    assert (doc.title, doc.date, doc.publisher) == DEVEXTRA_EXPECTED[name]


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED)[:3])
def test_site_menu_is_dropped_title_and_first_prose_kept(name: str) -> None:
    original = (CORPUS / name).read_text(encoding="utf-8")
    doc = read_document(CORPUS / name)
    for menu in ("Search Website", "About Our Group", "Frequently Asked Questions", "Contact Us"):
        assert menu in original
        assert menu not in doc.text
    assert doc.text.startswith(CORPUS_EXPECTED[name][0] + "\n")
    first_prose = next(line for line in original.split("\n") if len(line.split()) >= 8)
    assert first_prose in doc.text
    assert _is_subsequence(doc.text.split("\n"), original.split("\n"))


def test_documents_without_a_menu_keep_every_line() -> None:
    for name in ("003_8db953de5386fd00.txt", "004_5d02e6d4a97f5770.txt"):
        original = (CORPUS / name).read_text(encoding="utf-8")
        assert read_document(CORPUS / name).text == original.lstrip("\n")


@needs_devextra
def test_embassy_navigation_dropped_letterhead_kept() -> None:
    original = (DEVEXTRA / "d01.txt").read_text(encoding="utf-8")
    doc = read_document(DEVEXTRA / "d01.txt")
    lines = doc.text.split("\n")
    for menu in ("Consulates", "Osaka", "American Centers", "Kansai", "Sapporo"):
        assert menu in original.split("\n")
        assert menu not in lines
    for kept in (
        "Welcome to the U.S. Embassy in Tokyo.",
        "Tokyo, Japan",
        "Committee on International Relations\nHouse of Representatives",
        "His Excellency Yang Jiechi\nAmbassador Extraordinary & Plenipotentiary",
        "May 9, 2002",
    ):
        assert kept in doc.text
    assert _is_subsequence(lines, original.split("\n"))


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="no gold annotations")
def test_every_gold_evidence_survives_ingest() -> None:
    pairs = [(SHARED / "gold", CORPUS), (DEVEXTRA, DEVEXTRA)]
    checked = 0
    for gold_dir, text_dir in pairs:
        for gold_file in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            text = read_document(text_dir / gold["document"]).text
            for item in gold["events"] + gold["relations"]:
                assert item["evidence"] in text, (gold["document"], item["evidence"])
                checked += 1
    assert checked > 100


# --- boilerplate on invented text ---------------------------------------------------------


def test_fixture_navigation_page() -> None:
    doc = read_document(FIXTURES / "navigation.txt")
    assert doc.text.startswith(
        "Flooding Displaces Thousands in the Delta\nField Report - March 2019\n"
    )
    assert "Donate Now" not in doc.text and "Who We Are" not in doc.text
    assert doc.title == "Flooding Displaces Thousands in the Delta"
    assert doc.date == "2019-03"
    assert doc.publisher == "Riverside Relief Network"


def test_two_menu_lines_are_not_a_menu_and_heading_before_prose_stays() -> None:
    text = "Home\n\nAbout\n\nThe report describes how the river flooded the lower town again.\n"
    assert strip_boilerplate(text) == text
    text = "Alpha\n\nBeta Gamma\n\nDelta Epsilon\n\nThe Harbour Strike\n\n" + (
        "Dock workers walked out on Monday over unpaid wages and unsafe cranes.\n"
    )
    assert strip_boilerplate(text).startswith("The Harbour Strike\n")


def test_pipe_separated_menu_line_counts_as_several() -> None:
    text = (
        "Home | News | Contact\n\nRiver Report\n\nThe river rose by two metres, officials said.\n"
    )
    assert strip_boilerplate(text).startswith("River Report\n")


def test_menu_line_shape() -> None:
    assert is_menu_line("Frequently Asked Questions")
    assert is_menu_line("  Tokyo, Japan ")
    assert not is_menu_line("Congress of the United States")
    assert not is_menu_line("Washington, DC 20515")
    assert not is_menu_line("Dear Mr. Ambassador:")
    assert not is_menu_line("")


# --- formats ------------------------------------------------------------------------------


def test_html_drops_scripts_and_navigation() -> None:
    doc = read_document(FIXTURES / "page.html")
    assert doc.media_type == "text/html"
    assert doc.title == "Border Closures Strand Travellers"
    assert doc.date == "2015-04-02"
    assert doc.publisher == "The Valley Courier"
    assert (
        "Hundreds of travellers were stranded on Tuesday after the authorities closed the "
        "northern crossing without notice."
    ) in doc.text.split("\n")
    assert "Officials said the crossing would reopen \u201cwhen conditions allow\u201d." in doc.text
    gone_words = (
        "tracking",
        "injected",
        "Sport",
        "Related",
        "Copyright",
        "JavaScript",
        "Subscribe",
    )
    for gone in gone_words:
        assert gone not in doc.text
    assert "color" not in doc.text


def test_html_title_from_h1_and_date_from_text(tmp_path: Path) -> None:
    markup = (
        "<html><body><h1>Harbour Strike Ends</h1><p>Current Report - June 2020</p>"
        "<p>Dock workers returned to work on Friday after a <b>two-week</b> strike.</p>"
        "</body></html>"
    )
    doc = read_document(_write(tmp_path, "strike.htm", markup))
    assert doc.title == "Harbour Strike Ends"
    assert doc.date == "2020-06"
    assert doc.publisher is None
    assert "after a two-week strike." in doc.text


def test_html_latin1_declared_charset(tmp_path: Path) -> None:
    markup = (
        '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 \u201cferm\xe9\u201d.</p>'
    )
    doc = read_document(_write(tmp_path, "cafe.html", markup.encode("cp1252")))
    assert "Caf\xe9 \u201cferm\xe9\u201d." in doc.text


def test_html_with_nothing_but_scripts() -> None:
    with pytest.raises(IngestError, match="no text"):
        read_document(FIXTURES / "scripts_only.html")


def test_markdown_heading_is_the_title() -> None:
    doc = read_document(FIXTURES / "notes.md")
    assert doc.media_type == "text/markdown"
    assert doc.title == "Field Notes on Shelter Conditions"
    assert doc.date == "2018-06-12"
    assert doc.text.startswith("# Field Notes on Shelter Conditions\n")


def _pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF, one text line per string, with an optional info title."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
        stream = f"BT /F1 12 Tf 72 720 Td {ops} ET".encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info = ""
    if title:
        objects.append(f"<< /Title ({title}) >>".encode())
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info.encode())
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_pages_joined_by_blank_line(tmp_path: Path) -> None:
    data = _pdf(
        [["Harvest Report", "The harvest failed in three districts."], ["Aid arrived in May."]],
        title="Harvest Report 2011",
    )
    doc = read_document(_write(tmp_path, "harvest.pdf", data))
    assert doc.media_type == "application/pdf"
    assert "The harvest failed in three districts.\n\nAid arrived in May." in doc.text
    assert doc.title == "Harvest Report 2011"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf([["Some text on the only page."]])
    path = _write(tmp_path, "cut.pdf", data[: len(data) // 2])
    with pytest.raises(IngestError, match="truncated PDF") as info:
        read_document(path)
    assert info.value.path == path


def test_corrupt_pdf_and_text_named_pdf(tmp_path: Path) -> None:
    data = _pdf([["Some text on the only page."]])
    broken = data[:200] + b"\x00\xff" * 50 + data[300:]
    with pytest.raises(IngestError, match="corrupt PDF"):
        read_document(_write(tmp_path, "broken.pdf", broken))
    with pytest.raises(IngestError, match="not a PDF"):
        read_document(_write(tmp_path, "notes.pdf", "just some words\n"))


# --- encodings ----------------------------------------------------------------------------

TEXT = "Refugees \u201cfled\u201d to the border \u2013 officials said.\r\nSecond line.\r\n"
EXPECTED = "Refugees \u201cfled\u201d to the border \u2013 officials said.\nSecond line.\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
    ],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str) -> None:
    doc = read_document(_write(tmp_path, "bom.txt", bom + TEXT.encode(codec)))
    assert doc.text == EXPECTED


def test_latin1(tmp_path: Path) -> None:
    text = (
        "Le r\xe9fugi\xe9 a d\xe9clar\xe9 \xe0 la presse qu'il \xe9tait arriv\xe9 \xe0 S\xe9oul "
        "apr\xe8s un long p\xe9riple.\n\xc0 P\xe9kin, la police a arr\xeat\xe9 trois personnes "
        "pr\xe8s de l'ambassade.\n"
    )
    doc = read_document(_write(tmp_path, "fr.txt", text.encode("latin-1")))
    assert doc.text == text


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    text = (
        "The ministry said the refugees were \u201cillegal migrants\u201d and that it\u2019s "
        "policy \u2013 not law \u2013 that decides.\nHe called it \u201ca disgrace\u201d.\n"
    )
    data = text.encode("cp1252")
    assert b"\x93" in data
    assert read_document(_write(tmp_path, "quotes.txt", data)).text == text


def test_euc_kr(tmp_path: Path) -> None:
    text = (
        "\ud0c8\ubd81\uc790\ub4e4\uc740 \uc911\uad6d \uacf5\uc548\uc5d0 \uccb4\ud3ec\ub418\uc5b4 "
        "\ubd81\ud55c\uc73c\ub85c \uac15\uc81c \uc1a1\ud658\ub418\uc5c8\ub2e4.\n"
        "\uc778\uad8c \ub2e8\uccb4\ub4e4\uc740 \uc911\uad6d \uc815\ubd80\uc5d0 \ub09c\ubbfc "
        "\uc9c0\uc704\ub97c \uc778\uc815\ud558\ub77c\uace0 \ucd09\uad6c\ud588\ub2e4.\n"
    )
    doc = read_document(_write(tmp_path, "ko.txt", text.encode("euc-kr")))
    assert doc.text == text


def test_old_mac_line_endings(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "mac.txt", b"First line.\rSecond line.\r"))
    assert doc.text == "First line.\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty document"),
        (b" \n\t\r\n  \n", "empty document"),
        (b"\xff\xfe" + " \n ".encode("utf-16-le"), "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "looks like a binary file"),
        (bytes(range(1, 32)) * 20 + b"text", "looks like a binary file"),
    ],
)
def test_refused_content(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(IngestError, match=problem) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="unsupported file type"):
        read_document(_write(tmp_path, "report.docx", b"PK\x03\x04"))
    with pytest.raises(IngestError, match="cannot read file"):
        read_document(tmp_path / "missing.txt")


# --- collecting paths ---------------------------------------------------------------------


def _tree(root: Path) -> None:
    for name in (
        "b.txt",
        "a.md",
        "sub/z.html",
        "sub/deeper/c.pdf",
        "sub/README.md",
        "SOURCES.md",
        ".hidden.txt",
        ".git/x.txt",
        "notes.docx",
        "c.TXT",
    ):
        _write(root, name, "x")


def test_folder_walk_is_recursive_sorted_and_skips_notes(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, problems = collect_paths([tmp_path])
    assert problems == []
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "c.TXT",
        "sub/deeper/c.pdf",
        "sub/z.html",
    ]


def test_direct_files_missing_paths_and_duplicates(tmp_path: Path) -> None:
    _tree(tmp_path)
    paths = [
        tmp_path / "missing.txt",
        tmp_path / "SOURCES.md",  # named directly: taken
        tmp_path / "notes.docx",
        tmp_path / "sub",
        tmp_path / "sub" / "z.html",  # already found through the folder
        str(tmp_path / "b.txt"),
    ]
    found, problems = collect_paths(paths)
    assert found == [
        tmp_path / "SOURCES.md",
        tmp_path / "sub" / "deeper" / "c.pdf",
        tmp_path / "sub" / "z.html",
        tmp_path / "b.txt",
    ]
    assert [(p.path.name, p.problem) for p in problems] == [
        ("missing.txt", "no such file or folder"),
        ("notes.docx", "unsupported file type ('.docx'); supported: .txt, .md, .html, .htm, .pdf"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    _write(tmp_path, "docs/a.txt", "x")
    (tmp_path / "docs" / "up").symlink_to(tmp_path / "docs", target_is_directory=True)
    (tmp_path / "docs" / "self").symlink_to(tmp_path / "docs" / "self")
    (tmp_path / "docs" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found, problems = collect_paths([tmp_path / "docs", tmp_path / "docs" / "self"])
    assert found == [tmp_path / "docs" / "a.txt"]
    assert sorted((p.path.name, p.problem.split(":")[0]) for p in problems) == [
        ("gone.txt", "broken symbolic link"),
        ("self", "symbolic link loop"),
        ("self", "symbolic link loop"),
        ("up", "symbolic link loop"),
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    _write(tmp_path, "ok/a.txt", "x")
    locked = tmp_path / "locked"
    _write(locked, "b.txt", "x")
    locked.chmod(0)
    try:
        found, problems = collect_paths([tmp_path])
    finally:
        locked.chmod(0o755)
    assert found == [tmp_path / "ok" / "a.txt"]
    assert len(problems) == 1
    assert problems[0].path == locked
    assert "cannot read folder" in problems[0].problem


# --- metadata rules -----------------------------------------------------------------------


def test_date_forms() -> None:
    text = (
        "2002-05-09; May 9, 2002; 9 May 2002; 28 Feb, 2012; Sept. 3rd, 2004; Feb 2012; "
        "06/14/10; 14/06/2010; 2002-05; 31 February 2002; 05/06/10; the FY2000-2001 report"
    )
    assert [d.iso for d in find_dates(text)] == [
        "2002-05-09",
        "2002-05-09",
        "2002-05-09",
        "2012-02-28",
        "2004-09-03",
        "2012-02",
        "2010-06-14",
        "2010-06-14",
        "2002-05",
        "2002-02",  # "31 February" is not a day; the month and year still are
    ]
    assert find_dates("we may 2002 have") == []


def test_dateline_shapes() -> None:
    assert dateline("Current Background - May 2002").iso == "2002-05"  # type: ignore[union-attr]
    assert dateline("Weekly Gazette July 9, 2001 (").iso == "2001-07-09"  # type: ignore[union-attr]
    assert dateline("BERLIN, March 3, 2004 -- Police said on Monday that ...").iso == "2004-03-03"  # type: ignore[union-attr]
    assert dateline("Report on the May 2002 arrests") is None
    assert dateline("In May 2002 the police arrested eleven people near the station.") is None
    story = "(Dec. 6, 2017) On November 16, 2017, the court dissolved the party, it said."
    assert dateline(story).iso == "2017-12-06"  # type: ignore[union-attr]
    stamp = "This is an old revision of this page, as edited by Ana at 00:48, 4 February 2024"
    assert dateline(stamp).iso == "2024-02-04"  # type: ignore[union-attr]
    assert dateline("The talks began at 10:30 on Monday and ended on 4 February 2024.") is None


def test_find_date_fallbacks() -> None:
    prose = "The police arrested eleven people on May 9, 2002, near the station.\n"
    assert find_date("Station Arrests\n\n" + prose) is None
    assert find_date(prose + "\nThis month alone, Feb 2012, forty more were held.\n") == "2012-02"
    assert find_date(prose, title="Annual Review 2003-2004") == "2004"
    footer = "\n".join(["A long line of prose that goes on and on about events."] * 50)
    assert find_date(footer + "\n\nWeekly Gazette July 9, 2001 (\n") == "2001-07-09"


def test_title_rules() -> None:
    byline = "By Jane Doe\n\nFloods Return\n\nThe river rose again today, officials said."
    assert find_title(byline) == "Floods Return"
    assert find_title("Archive:\nCopyrighted material\n\nA Night at the Border Post\n\nprose") == (
        "A Night at the Border Post"
    )
    assert find_title("The river rose again and the town was flooded, officials said.") is None


def test_publisher_rules() -> None:
    assert find_publisher("Text.\n\nCopyright 2003 Weekly Gazette. All Rights Reserved.\n") == (
        "Weekly Gazette"
    )
    assert find_publisher("(AFP) PARIS -- Officials said the talks had failed.") is None
    assert find_publisher('He said: "We at Harbour Watch (HW) are worried," and left.') is None
    assert find_publisher("Since 2001, we, the Harbour Watch Society, have run shelters.") == (
        "Harbour Watch Society"
    )
    assert find_publisher("Copyrighted material\n\nAll Rights Reserved.") is None


def test_our_organization_names_the_publisher() -> None:
    text = "Our organization, Harbour Watch Society, has worked on the case since May."
    assert find_publisher(text) == "Harbour Watch Society"


def test_html_line_breaks_stay_inside_one_block(tmp_path: Path) -> None:
    markup = "<html><body><p>Harbour Office<br>12 Quay Street</p><p>Next.</p></body></html>"
    doc = read_document(_write(tmp_path, "addr.html", markup))
    assert "Harbour Office\n12 Quay Street\n\nNext." in doc.text


_LINE = st.sampled_from(
    [
        *("", "  ", "Home", "Contact Us", "About Our Group", "Tokyo, Japan", "News | Sport"),
        *("Report - May 2002", "A Quiet Title", "Dear Sir:", "(202) 555-0100"),
        "The council met on Monday and agreed to open the shelter again.",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=30))
def test_boilerplate_only_removes_whole_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    kept = strip_boilerplate(text).split("\n")
    assert _is_subsequence(kept, lines) or kept == [""]
    prose = [line for line in lines if len(line.split()) >= 8]
    assert [line for line in kept if line in prose] == prose

"""Which files are reports: walking folders, following links only where they may lead,
and the files and folders a walk passes over."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportgraph.errors import IngestError

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}

# Files that describe a corpus rather than report on anything; skipped when walking folders.
CORPUS_NOTES = frozenset({"sources.md", "readme.md"})


def collect_paths(
    paths: Iterable[Path | str],
    *,
    follow_links: bool = False,
    skip: Iterable[Path | str] = (),
) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into the list of documents to read, plus what went wrong.

    A file named directly is taken if its suffix is supported (``SUPPORTED_SUFFIXES``,
    any case), hidden or not; otherwise it is a problem. A folder is walked recursively
    in sorted name order (folders are entered where their name falls), skipping hidden
    entries (names starting with ``.``), files of unsupported types, and files named
    ``SOURCES.md`` or ``README.md`` at any level: those describe a corpus, they are not
    reports. A symbolic link met in a folder is followed only when it leads inside one of
    the paths named (or with ``follow_links``): an untrusted corpus must not publish
    ``~/notes.md`` through a link named ``report.txt``; one that leads outside is a
    problem. A file reached twice (named twice, or through a symbolic link) is taken
    once. Missing paths, unreadable folders, broken links and symbolic-link loops become
    ``IngestError`` entries in the problems list; the other paths are still collected.
    A folder met in a walk that is one of ``skip`` (the build's output folder) or holds
    a build's cache (``.cache/extract``) is passed over: ``build .`` must not read its
    own pages back as reports.
    """
    named = [Path(raw) for raw in paths]
    walk = _Walk(follow_links=follow_links, inside=_real_paths(named), skip=_identities(skip))
    for path in named:
        try:
            st = path.stat()
        except OSError as exc:
            walk.problems.append(IngestError(path, _stat_problem(path, exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            walk.folder(path, st, frozenset())
        elif not stat.S_ISREG(st.st_mode):
            walk.problems.append(IngestError(path, "not a regular file or folder"))
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            walk.problems.append(IngestError(path, unsupported(path)))
        else:
            walk.take(path, st)
    return walk.found, walk.problems


def _identities(paths: Iterable[Path | str]) -> set[tuple[int, int]]:
    found = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        found.add((st.st_dev, st.st_ino))
    return found


# What marks a folder as a build's output folder (``extractcache.CACHE_DIR``/extract).
_OUTPUT_MARK = Path(".cache") / "extract"


def _is_output(folder: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(folder / _OUTPUT_MARK).st_mode)
    except OSError:  # none, or not ours to look into
        return False


def _real_paths(paths: list[Path]) -> list[str]:
    """The paths named, links resolved: where a link met in a folder may lead."""
    real = []
    for path in paths:
        try:
            real.append(os.path.realpath(path, strict=True))
        except (OSError, RuntimeError):  # missing, or a loop: reported when walked
            continue
    return real


@dataclass
class _Walk:
    """What a folder walk found so far, and where links may lead (see ``collect_paths``)."""

    follow_links: bool
    inside: list[str]
    skip: set[tuple[int, int]] = field(default_factory=set)  # output folders
    found: list[Path] = field(default_factory=list)
    problems: list[IngestError] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def take(self, path: Path, st: os.stat_result) -> None:
        if (st.st_dev, st.st_ino) not in self.seen:
            self.seen.add((st.st_dev, st.st_ino))
            self.found.append(path)

    def folder(
        self, folder: Path, st: os.stat_result, ancestors: frozenset[tuple[int, int]]
    ) -> None:
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            self.problems.append(
                IngestError(folder, "symbolic link loop: leads back to a folder above")
            )
            return
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            self.problems.append(IngestError(folder, f"cannot read folder: {reason(exc)}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = folder / entry.name
            try:
                child_st = child.stat()
            except OSError as exc:
                self.problems.append(IngestError(child, _stat_problem(child, exc)))
                continue
            is_folder = stat.S_ISDIR(child_st.st_mode)
            if not is_folder and not _wanted_in_folder(child, child_st):
                continue
            if entry.is_symlink() and not self._leads_inside(child):
                what = "folder" if is_folder else "file"
                self.problems.append(
                    IngestError(
                        child,
                        f"symbolic link to a {what} outside the input folders "
                        "(use --follow-links to read it)",
                    )
                )
            elif is_folder:
                if (child_st.st_dev, child_st.st_ino) in self.skip or _is_output(child):
                    continue  # a build's output folder, not reports
                self.folder(child, child_st, ancestors | {key})
            else:
                self.take(child, child_st)

    def _leads_inside(self, link: Path) -> bool:
        """Does ``link`` resolve inside one of the paths named (always, with
        ``follow_links``)?"""
        if self.follow_links:
            return True
        try:
            target = os.path.realpath(link, strict=True)
        except (OSError, RuntimeError):
            return False
        return any(
            target == root or target.startswith(root.rstrip(os.sep) + os.sep)
            for root in self.inside
        )


def _wanted_in_folder(path: Path, st: os.stat_result) -> bool:
    return (
        stat.S_ISREG(st.st_mode)
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.name.casefold() not in CORPUS_NOTES
    )


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return reason(exc)


def reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def unsupported(path: Path) -> str:
    kind = repr(path.suffix) if path.suffix else "no suffix"
    return f"unsupported file type ({kind}); supported: {', '.join(SUPPORTED_SUFFIXES)}"

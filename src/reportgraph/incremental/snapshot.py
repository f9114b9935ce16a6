"""The snapshot: what a build knew of its documents, their resolution and their named
graphs, kept in ``OUT/.cache/snapshot.sqlite`` so that the next build can redo one
document's share of the work instead of all of it.

It holds plain values only (SQLite rows, JSON text), never pickles: a planted file can
mislead a build into a wrong graph no more than a planted cache entry can, and can run
no code. It says which code wrote it (``code_fingerprint``: every source and data file of
the package), which extraction pipeline and which outputs it describes (a random token
that the store folder written with it carries too); a snapshot that does not match all
three is not used, and the build resolves everything.

A full build writes a new snapshot beside its other outputs and renames it into place
with them. A one-document build changes the snapshot in place inside one transaction,
committed once its outputs are in place: a build stopped before leaves the snapshot as
it was, and one stopped between the two leaves outputs whose token the snapshot does not
know, so the next build resolves everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

SNAPSHOT_FILE = "snapshot.sqlite"  # in the build folder's ``.cache``
TOKEN_FILE = "reportgraph-snapshot"  # in the store's folder: the snapshot it goes with
FORMAT = "reportgraph snapshot 3"

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (doc TEXT PRIMARY KEY, pos INTEGER NOT NULL, entry TEXT NOT NULL,
    publisher TEXT, date TEXT);
CREATE TABLE nodes (doc TEXT NOT NULL, idx INTEGER NOT NULL, cls TEXT NOT NULL,
    key TEXT NOT NULL, name TEXT NOT NULL, local INTEGER NOT NULL, unit INTEGER NOT NULL,
    p1 INTEGER NOT NULL, acid INTEGER NOT NULL, cid INTEGER NOT NULL, states TEXT NOT NULL,
    places TEXT NOT NULL, canonicals TEXT NOT NULL, forms TEXT NOT NULL,
    preferred TEXT NOT NULL, first INTEGER NOT NULL, person TEXT, words TEXT, short TEXT,
    acronym TEXT, letters TEXT, spelling TEXT, gnilleps TEXT, family TEXT, titled TEXT,
    PRIMARY KEY (doc, idx));
CREATE INDEX nodes_key ON nodes (cls, key);
CREATE INDEX nodes_person ON nodes (person) WHERE person IS NOT NULL;
CREATE INDEX nodes_words ON nodes (cls, words) WHERE words IS NOT NULL;
CREATE INDEX nodes_short ON nodes (cls, short) WHERE short IS NOT NULL;
CREATE INDEX nodes_acronym ON nodes (cls, acronym) WHERE acronym IS NOT NULL;
CREATE INDEX nodes_letters ON nodes (cls, letters) WHERE letters IS NOT NULL;
CREATE INDEX nodes_spelling ON nodes (cls, spelling) WHERE spelling IS NOT NULL;
CREATE INDEX nodes_gnilleps ON nodes (cls, gnilleps) WHERE gnilleps IS NOT NULL;
CREATE INDEX nodes_family ON nodes (cls, family) WHERE family IS NOT NULL;
CREATE INDEX nodes_titled ON nodes (titled) WHERE titled IS NOT NULL;
CREATE INDEX nodes_unit ON nodes (doc, unit);
CREATE INDEX nodes_acid ON nodes (acid);
CREATE INDEX nodes_cid ON nodes (cid);
CREATE TABLE postings (cls TEXT NOT NULL, word TEXT NOT NULL, doc TEXT NOT NULL,
    idx INTEGER NOT NULL);
CREATE INDEX postings_word ON postings (cls, word);
CREATE INDEX postings_doc ON postings (doc);
CREATE TABLE initials (cls TEXT NOT NULL, ini TEXT NOT NULL, doc TEXT NOT NULL,
    idx INTEGER NOT NULL);
CREATE INDEX initials_ini ON initials (cls, ini);
CREATE INDEX initials_doc ON initials (doc);
CREATE TABLE definers (cls TEXT NOT NULL, dkey TEXT NOT NULL, doc TEXT NOT NULL,
    idx INTEGER NOT NULL);
CREATE INDEX definers_dkey ON definers (cls, dkey);
CREATE INDEX definers_doc ON definers (doc);
CREATE TABLE aliases (akey TEXT NOT NULL, doc TEXT NOT NULL, idx INTEGER NOT NULL,
    seq INTEGER NOT NULL);
CREATE INDEX aliases_akey ON aliases (akey);
CREATE INDEX aliases_doc ON aliases (doc);
CREATE TABLE joins (rule TEXT NOT NULL, doc TEXT NOT NULL, idx INTEGER NOT NULL,
    a_p1 INTEGER NOT NULL, b_p1 INTEGER NOT NULL);
CREATE INDEX joins_a ON joins (rule, a_p1);
CREATE INDEX joins_doc ON joins (doc);
CREATE TABLE orgnames (name TEXT NOT NULL, doc TEXT NOT NULL, idx INTEGER NOT NULL);
CREATE INDEX orgnames_name ON orgnames (name);
CREATE INDEX orgnames_doc ON orgnames (doc);
CREATE TABLE counted (doc TEXT NOT NULL, idx INTEGER NOT NULL, count INTEGER NOT NULL,
    exact INTEGER NOT NULL, acts TEXT NOT NULL, PRIMARY KEY (doc, idx));
CREATE TABLE groupblocks (count INTEGER NOT NULL, cls TEXT NOT NULL, year TEXT NOT NULL,
    doc TEXT NOT NULL, idx INTEGER NOT NULL);
CREATE INDEX groupblocks_block ON groupblocks (count, cls, year);
CREATE INDEX groupblocks_doc ON groupblocks (doc);
CREATE TABLE clusters (cid INTEGER PRIMARY KEY, cls TEXT NOT NULL, label TEXT NOT NULL,
    base TEXT NOT NULL, key TEXT NOT NULL, same_as TEXT, lat REAL, long REAL,
    min_doc TEXT NOT NULL, min_idx INTEGER NOT NULL, salt INTEGER NOT NULL);
CREATE INDEX clusters_base ON clusters (base);
CREATE INDEX clusters_key ON clusters (key);
CREATE TABLE events (doc TEXT NOT NULL, i INTEGER NOT NULL, own TEXT NOT NULL,
    key TEXT NOT NULL, label TEXT NOT NULL, head_doc TEXT NOT NULL, head_i INTEGER NOT NULL,
    data TEXT NOT NULL, PRIMARY KEY (doc, i));
CREATE INDEX events_key ON events (key);
CREATE TABLE eventblocks (bkey TEXT NOT NULL, doc TEXT NOT NULL, i INTEGER NOT NULL);
CREATE INDEX eventblocks_bkey ON eventblocks (bkey);
CREATE INDEX eventblocks_doc ON eventblocks (doc);
CREATE TABLE claims (key TEXT PRIMARY KEY, doc TEXT NOT NULL, i INTEGER NOT NULL,
    made INTEGER NOT NULL, data TEXT NOT NULL, marks TEXT NOT NULL, dates TEXT NOT NULL,
    conflicts TEXT NOT NULL);
CREATE INDEX claims_doc ON claims (doc);
CREATE TABLE claimblocks (bkey TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX claimblocks_bkey ON claimblocks (bkey);
CREATE INDEX claimblocks_key ON claimblocks (key);
CREATE TABLE claimgroups (grp TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX claimgroups_grp ON claimgroups (grp);
CREATE INDEX claimgroups_key ON claimgroups (key);
CREATE TABLE graphs (doc TEXT PRIMARY KEY, iri TEXT NOT NULL, hash TEXT NOT NULL,
    length INTEGER NOT NULL, prefixes TEXT NOT NULL);
"""


@dataclass(frozen=True)
class GraphBlock:
    """A named graph as ``graph.trig`` holds it: its block's hash, bytes and prefixes."""

    hash: str
    length: int
    prefixes: frozenset[str]


@cache
def code_fingerprint() -> str:
    """A hash of every file of the installed package that a build runs or reads."""
    root = Path(str(files("reportgraph")))
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".txt", ".json", ".md", ".rq"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def new_token() -> str:
    return os.urandom(16).hex()


def dumps(value: Any) -> str:
    """JSON as the snapshot stores it: compact, keys sorted (one value, one text)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class Snapshot:
    """An open snapshot; ``create`` makes a new one (the file must not exist)."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if not create:
            info = os.lstat(self.path)  # FileNotFoundError when there is none
            if not stat.S_ISREG(info.st_mode):
                raise sqlite3.DatabaseError(f"{self.path}: not a regular file")
        elif self.path.exists():
            raise FileExistsError(self.path)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA foreign_keys = OFF")
        if create:
            self.db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed in when whole
            self.db.execute("PRAGMA synchronous = OFF")
            self.db.executescript(SCHEMA)
        else:
            self.db.execute("PRAGMA journal_mode = DELETE")

    def meta(self, name: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else default

    def set_meta(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def matches(self, pipeline: str, token: str | None) -> str | None:
        """Why this snapshot cannot be used with these outputs, or None when it can."""
        try:
            if self.meta("format") != FORMAT:
                return "it is of another format"
            if self.meta("code") != code_fingerprint():
                return "reportgraph's code changed since it was written"
            if self.meta("pipeline") != pipeline:
                return "the extraction pipeline changed since it was written"
            if token is None or self.meta("token") != token:
                return "it does not describe the outputs in the folder"
        except sqlite3.DatabaseError as exc:
            return f"it cannot be read ({exc})"
        return None

    def close(self) -> None:
        self.db.close()


def read_token(store_folder: Path) -> str | None:
    """The snapshot token the store folder of a build was written with."""
    path = store_folder / TOKEN_FILE
    try:
        if path.is_symlink():
            return None
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None

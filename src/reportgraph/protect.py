"""Protected builds: private individuals replaced by stable pseudonyms before any RDF is made.

Reports name victims, witnesses and relatives; a graph that is shared or seized must not
expose them. ``judge`` (in ``publicfigures``) decides, by rules a user can read
(``RULES``) and override (a ``public:`` / ``private:`` list), which people are public
figures; ``protect`` rewrites
the resolved data so that every private person is a pseudonym in every label, altLabel,
evidence sentence, claim, merge-log line and entity IRI, and in the documents' file names
(which name the document IRIs and the reader pages). Every output is made from the
rewritten data, so every output is protected by construction.

A pseudonym is an HMAC-SHA256 of the person's entity key under a secret key kept outside
the output folder: the same person gets the same pseudonym across documents and rebuilds,
and nobody holding the graph alone can test a guessed name against it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import os
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgraph.errors import ProtectError
from reportgraph.model import Claim, Document, Entity, Relation, Resolved
from reportgraph.publicfigures import (
    RULES,
    Decision,
    PublicList,
    decision_json,
    judge,
    load_public_list,
)
from reportgraph.resolve.names import TITLES, entity_key, fold

DEFAULT_KEY = Path("~/.config/reportgraph/protect.key")
PSEUDONYM_PREFIX = "Person"


@dataclass(frozen=True)
class Protection:
    """What a protected build needs: the secret key and the user's public list."""

    secret: bytes
    public_list: PublicList = field(default_factory=PublicList)


# -- the key ----------------------------------------------------------------------------


def load_key(path: Path | None, out: Path) -> bytes:
    """The secret key, made (mode 0600) on first use. A key inside ``out`` is refused:
    whoever gets the folder could then test guessed names against the pseudonyms."""
    path = (path or DEFAULT_KEY).expanduser()
    if inside(path, out):
        raise ProtectError(
            f"{path}: the protection key is inside the output folder {out}; keep it "
            "outside (whoever is given the folder could test names against the pseudonyms)"
        )
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another build made it meanwhile: read theirs
        except OSError as exc:
            raise ProtectError(f"{path}: cannot make the key: {exc.strerror or exc}") from exc
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    try:
        secret = path.read_bytes().strip()
    except OSError as exc:
        raise ProtectError(f"{path}: cannot read the key: {exc.strerror or exc}") from exc
    if len(secret) < 16:
        raise ProtectError(f"{path}: the key is {len(secret)} bytes; at least 16 are needed")
    return secret


def inside(path: Path, folder: Path) -> bool:
    """Is ``path`` (links followed) ``folder`` or anywhere under it?"""
    where = path.expanduser().resolve()
    top = folder.expanduser().resolve()
    return where == top or top in where.parents


def pseudonym(secret: bytes, key: str, length: int = 6) -> str:
    """'Person K7QX2M': from the person's entity key, stable under one secret."""
    digest = hmac.new(secret, key.encode("utf-8"), hashlib.sha256).digest()
    code = base64.b32encode(digest).decode("ascii")[:length]
    return f"{PSEUDONYM_PREFIX} {code}"


# -- the rewrite ------------------------------------------------------------------------


class _Replacer:
    """Every name of every private person, as whole words, -> that person's pseudonym.
    Full names come first; a lone surname or given name ("Velko said") is replaced too,
    by the pseudonym of the one private person it belongs to (or "[name withheld]" when
    several share it), unless a public person's name has it too."""

    WITHHELD = "[name withheld]"

    def __init__(self, resolved: Resolved, private: dict[str, str], public: set[str]) -> None:
        forms: dict[str, set[str]] = {}

        def add(form: str, key: str) -> None:
            form = " ".join(form.split())
            if len(form) >= 2 and any(c.isalpha() for c in form):
                forms.setdefault(form, set()).add(key)

        for key in private:
            e = resolved.entities[key]
            for name in (e.label, *e.alt_labels):
                add(name, key)
            for (k, _doc), names in resolved.surface_forms.items():
                if k == key:
                    for name in names:
                        add(name, key)
            for _doc, m in resolved.mentions.get(key, []):
                if m.text[:1].isupper():
                    add(m.text, key)
                if m.name:
                    add(m.name, key)
        public_words = {
            w.casefold()
            for key in public
            for n in (resolved.entities[key].label, *resolved.entities[key].alt_labels)
            for w in re.findall(r"[\w'-]+", n)
        }
        words: dict[str, set[str]] = {}
        for form, keys in forms.items():
            for word in re.findall(r"[\w'-]+", form):
                word = re.sub(r"'s$", "", word)
                if (
                    len(word) > 1
                    and word[:1].isupper()
                    and word.lower().strip(".") not in TITLES
                    and word.casefold() not in public_words
                ):
                    words.setdefault(word, set()).update(keys)
        # full names in any case ("DARA VELKO"); lone words as written or in capitals only,
        # so that a given name that is also a word ("Hope") leaves "hope" alone
        self.forms = {
            fold_space(f).casefold(): self._one(keys, private) for f, keys in forms.items()
        }
        self.words = {w: self._one(keys, private) for w, keys in words.items()}
        self.words.update({w.upper(): v for w, v in list(self.words.items())})
        self.form_pattern = _alternation(self.forms, re.IGNORECASE)
        self.word_pattern = _alternation(self.words, 0)
        self.count = 0

    def _one(self, keys: set[str], private: dict[str, str]) -> str:
        return private[next(iter(keys))] if len(keys) == 1 else self.WITHHELD

    def __call__(self, text: str) -> str:
        if not text:
            return text

        def form(match: re.Match[str]) -> str:
            self.count += 1
            return self.forms[fold_space(match.group()).casefold()]

        def word(match: re.Match[str]) -> str:
            self.count += 1
            return self.words[match.group()]

        if self.form_pattern is not None:
            text = self.form_pattern.sub(form, text)
        if self.word_pattern is not None:
            text = self.word_pattern.sub(word, text)
        return text


def _alternation(names: dict[str, str], flags: int) -> re.Pattern[str] | None:
    """One pattern for all ``names``, longest first, matching whole words only."""
    if not names:
        return None
    ordered = sorted(names, key=lambda s: (-len(s), s))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(_flexible, ordered)) + r")(?!\w)", flags)


def fold_space(text: str) -> str:
    return " ".join(text.split())


def _flexible(form: str) -> str:
    """A name as a pattern that allows any run of white space where it has one."""
    return r"\s+".join(re.escape(w) for w in form.split())


def protect(
    resolved: Resolved, decisions: dict[str, Decision], secret: bytes
) -> tuple[Resolved, dict[str, Decision]]:
    """The resolved data with every private person pseudonymised everywhere it is written,
    and the decisions with their pseudonyms."""
    private: dict[str, str] = {}
    taken: set[str] = set()
    for key, d in sorted(decisions.items()):
        if d.public:
            continue
        length = 6
        name = pseudonym(secret, key, length)
        while name in taken:  # two people, one code: lengthen until they differ
            length += 2
            name = pseudonym(secret, key, length)
        taken.add(name)
        private[key] = name
    public = {k for k, d in decisions.items() if d.public}
    by_name = _Replacer(resolved, private, public)
    files: dict[str, str] = {}
    for name in sorted(d.file_name for d in resolved.documents):
        new, n = _file_name(name, by_name), 1
        while new != name and new in {*files.values(), *files}:  # two files, one pseudonym
            n += 1
            stem, dot, ext = _file_name(name, by_name).rpartition(".")
            new = f"{stem}-{n}.{ext}" if dot else f"{ext}-{n}"
        files[name] = new

    def swap(text: str) -> str:
        """File names ("beside it in dara-velko.txt"), then names."""
        for old, new in files.items():
            if old != new:
                text = text.replace(old, new)
        return by_name(text)

    def f(file_name: str) -> str:
        return files.get(file_name, file_name)

    entities: dict[str, Entity] = {}
    renamed: dict[str, str] = {}
    for key, e in resolved.entities.items():
        if key in private:
            new = Entity(
                key=entity_key("Person", private[key]),
                cls=e.cls,
                label=private[key],
                documents={f(d) for d in e.documents},
            )
        else:
            label = swap(e.label)
            new = dataclasses.replace(
                e,
                label=label,
                alt_labels={swap(a) for a in e.alt_labels} - {label},
                documents={f(d) for d in e.documents},
            )
            if label != e.label:  # "relatives of <name>": its IRI would say the name
                new.key = entity_key(e.cls, label)
        while new.key in entities:
            new.key = f"{new.key}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
        entities[new.key] = new
        renamed[key] = new.key

    def k(key: str) -> str:
        return renamed.get(key, key)

    def ks(keys: list[str]) -> list[str]:
        return [k(x) for x in keys]

    events = [
        dataclasses.replace(
            ev,
            document=f(ev.document),
            label=swap(ev.label),
            evidence=swap(ev.evidence),
            trigger=swap(ev.trigger),
            agents=ks(ev.agents),
            affected=ks(ev.affected),
            laws=ks(ev.laws),
            others=ks(ev.others),
            place=k(ev.place) if ev.place else None,
        )
        for ev in resolved.events
    ]
    relations = [
        Relation(k(r.subject), r.predicate, k(r.object), f(r.document), swap(r.evidence))
        for r in resolved.relations
    ]
    claims = [
        dataclasses.replace(_claim(c, swap, k), document=f(c.document)) for c in resolved.claims
    ]
    surface_forms: dict[tuple[str, str], set[str]] = {}
    for (key, doc), names in resolved.surface_forms.items():
        if key in private:
            continue  # a pseudonym has no other names
        surface_forms.setdefault((k(key), f(doc)), set()).update(swap(n) for n in names)
    merges = [
        dataclasses.replace(
            m,
            entity=k(m.entity),
            document=f(m.document),
            target_document=f(m.target_document),
            surface=swap(m.surface),
            target=swap(m.target),
            rule=swap(m.rule),
        )
        for m in resolved.merges
    ]
    mentions = {
        k(key): [
            (f(doc), dataclasses.replace(m, text=swap(m.text), name=swap(m.name)))
            for doc, m in found
        ]
        for key, found in resolved.mentions.items()
    }
    documents = [
        dataclasses.replace(_document(d, swap), file_name=f(d.file_name))
        for d in resolved.documents
    ]
    protected = Resolved(
        documents=documents,
        entities=entities,
        events=events,
        relations=relations,
        surface_forms=surface_forms,
        merges=merges,
        mentions=mentions,
        claims=claims,
    )
    named = {
        renamed[key]: dataclasses.replace(
            d, key=renamed[key], reason=swap(d.reason), pseudonym=private.get(key, "")
        )
        for key, d in decisions.items()
    }
    return protected, named


def _file_name(name: str, swap: _Replacer) -> str:
    """A file name with every private name in it as its pseudonym, in the file name's own
    lower-case style ("dara-velko_statement.txt" -> "person-pcdp2z-statement.txt"). Words
    are compared as names whatever their case: file names are rarely capitalised."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    parts = re.split(r"([^A-Za-z0-9\u00c0-\uffff]+)", stem)
    spaced = " ".join(p.capitalize() for p in parts[::2])
    swapped = swap(spaced)
    if swapped == spaced:
        return name
    words = re.split(r"\s+", swapped.strip())
    joiner = next((p for p in parts[1::2] if p.strip()), "-")
    return joiner.join(re.sub(r"[^\w]+", "-", w).strip("-").lower() for w in words) + dot + ext


def _claim(c: Claim, swap: Any, k: Any) -> Claim:
    return dataclasses.replace(
        c,
        cue=swap(c.cue),
        evidence=swap(c.evidence),
        source=k(c.source) if c.source else "",
        source_text=swap(c.source_text),
        about=[k(x) for x in c.about],
        groups=[swap(k(x)) for x in c.groups],
        places=[k(x) for x in c.places],
        figures=[dataclasses.replace(f, text=swap(f.text), counted=swap(f.counted))
                 for f in c.figures],
    )  # fmt: skip


def _document(d: Document, swap: _Replacer) -> Document:
    """Title and publisher pseudonymised; the text stays, never written to an output
    (the offsets in the graph are into it)."""
    return dataclasses.replace(
        d,
        title=swap(d.title) if d.title else d.title,
        publisher=swap(d.publisher) if d.publisher else d.publisher,
    )


# -- what the user is told --------------------------------------------------------------


def redaction_report(decisions: dict[str, Decision], protected: bool = True) -> str:
    """Counts per class and every decision, for the user only (it names the people)."""
    counts = Counter(d.judged for d in decisions.values())
    lines = [
        f"redaction report: {len(decisions)} person(s), {counts['public']} public (named), "
        f"{counts['private']} private ({'pseudonymised' if protected else 'not protected'})"
    ]
    for d in sorted(decisions.values(), key=lambda d: (d.public, fold(d.label))):
        shown = f"{d.label} -> {d.pseudonym}" if d.pseudonym else d.label
        lines.append(f"  {d.judged:<8} {shown}  ({d.reason})")
    return "\n".join(lines) + "\n"


__all__ = [
    "DEFAULT_KEY",
    "RULES",
    "Decision",
    "ProtectError",
    "Protection",
    "PublicList",
    "decision_json",
    "judge",
    "load_key",
    "load_public_list",
    "protect",
    "pseudonym",
    "redaction_report",
]

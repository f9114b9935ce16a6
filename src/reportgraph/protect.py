"""Protected builds: private individuals replaced by stable pseudonyms before any RDF is made.

Reports name victims, witnesses and relatives; a graph that is shared or seized must not
expose them. ``judge`` decides, by rules a user can read (``RULES``) and override (a
``public:`` / ``private:`` list), which people are public figures; ``protect`` rewrites
the resolved data so that every private person is a pseudonym in every label, altLabel,
evidence sentence, claim, merge-log line and entity IRI. Every output is made from the
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.model import Claim, Document, Entity, Mention, Relation, Resolved
from reportgraph.resolve.names import TITLES, entity_key, fold, person_key

DEFAULT_KEY = Path("~/.config/reportgraph/protect.key")
MAX_LIST_BYTES = 1 * 2**20
PSEUDONYM_PREFIX = "Person"

# The rules, in the order they are tried; shown in the README and by ``explain``.
RULES = (
    "listed under 'public:' or 'private:' in the user's list (--public-list) wins",
    "speaks for, leads, represents or is a member of an Organization or Country "
    "(spokespersonOf, leaderOf, presidentOf, primeMinisterOf, represents, memberOf)",
    "sponsored or cosponsored a bill (a legislator)",
    "a public title right before a mention (Interior Minister X, President X, Sen. X, "
    "spokesman X) or after it (X, a spokeswoman for ...)",
    "Mr./Mrs./Ms. X of <State> (a legislator among a bill's sponsors)",
    "otherwise private: pseudonymised in a protected build",
)

_SPEAKS_FOR = frozenset(
    {"spokespersonOf", "leaderOf", "presidentOf", "primeMinisterOf", "represents", "memberOf"}
)
_SPONSORS = frozenset({"sponsored", "cosponsored"})
_TITLE_WORDS = (
    r"(?:Vice[- ])?President|(?:Deputy |Vice[- ])?Prime Minister|(?:Deputy )?Minister|"
    r"Premier|Chancellor|King|Queen|Prince|Emperor|Sultan|Emir|Governor|Mayor|"
    r"Ambassador|Consul(?:[- ]General)?|Senator|Sen\.|Rep\.|Representative|"
    r"Congress(?:man|woman)|MP|Member of Parliament|Speaker|Chair(?:man|woman|person)?|"
    r"(?:Under[- ])?Secretary(?:[- ]General)?|(?:High )?Commissioner|Director(?:[- ]General)?|"
    r"spokes(?:man|woman|person)|Gen\.|General|Col\.|Colonel|Admiral|Lt\. Gen\.|"
    r"(?:Chief )?Justice|Judge|Prosecutor(?:[- ]General)?|Attorney[- ]General|"
    r"(?:Special )?Rapporteur|(?:Special )?Envoy|Head of State|Police Chief|police chief"
)
# "Interior Minister ", "spokesman ", "the president, ": a title ending just before the name
_TITLE_BEFORE = re.compile(rf"\b(?P<title>{_TITLE_WORDS})\s*,?\s*$", re.IGNORECASE)
# "X, a spokeswoman for", "X, the interior minister,": a title in an apposition after it
_TITLE_AFTER = re.compile(
    rf"^\s*,\s+(?:the|a|an|then)\s+(?:[\w'-]+\s+){{0,4}}?(?P<title>{_TITLE_WORDS})\b",
    re.IGNORECASE,
)
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    "Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms)\.?\s+$")
_OF_STATE_AFTER = re.compile(rf"^\s+of\s+(?:{_US_STATES})\b")
_WINDOW = 60  # characters looked at either side of a mention


class ProtectError(ReportgraphError):
    """A key file, public list or report path that a protected build cannot use."""


@dataclass(frozen=True)
class PublicList:
    """The user's word on who is public: names (compared as ``person_key``) per list."""

    public: frozenset[str] = frozenset()
    private: frozenset[str] = frozenset()
    path: Path | None = None


@dataclass(frozen=True)
class Decision:
    """Why one person is public or private; ``pseudonym`` is set in a protected build."""

    key: str
    label: str
    public: bool
    reason: str
    pseudonym: str = ""

    @property
    def judged(self) -> str:
        return "public" if self.public else "private"


@dataclass(frozen=True)
class Protection:
    """What a protected build needs: the secret key and the user's public list."""

    secret: bytes
    public_list: PublicList = PublicList()


# -- the user's list --------------------------------------------------------------------


def load_public_list(path: Path | str) -> PublicList:
    """Read a ``public:`` / ``private:`` list (YAML or TOML); any problem is an error
    naming the file."""
    from reportgraph.resolve.config import MergeConfigError, _parse

    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise ProtectError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_LIST_BYTES:
        raise ProtectError(f"{path}: larger than 1 MB: not a public list")
    try:
        data = _parse(path, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ProtectError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except MergeConfigError as exc:
        raise ProtectError(str(exc)) from exc
    except Exception as exc:  # a parser's own error (nesting, ...): never "internal error"
        raise ProtectError(f"{path}: cannot read ({type(exc).__name__})") from exc
    if data is None:
        return PublicList(path=path)
    if not isinstance(data, dict):
        raise ProtectError(f"{path}: expected 'public:' and/or 'private:' lists of names")
    unknown = sorted(set(data) - {"public", "private"})
    if unknown:
        raise ProtectError(f"{path}: unknown key {unknown[0]!r} (expected 'public' or 'private')")
    lists = {name: _names(path, name, data.get(name)) for name in ("public", "private")}
    both = lists["public"] & lists["private"]
    if both:
        raise ProtectError(f"{path}: {sorted(both)[0]!r} is listed both as public and as private")
    return PublicList(public=lists["public"], private=lists["private"], path=path)


def _names(path: Path, key: str, value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(n, str) and n.strip() for n in value):
        raise ProtectError(f"{path}: '{key}' must be a list of names")
    return frozenset(person_key(n.strip()) for n in value)


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


# -- the judgement ----------------------------------------------------------------------


def judge(resolved: Resolved, public_list: PublicList | None = None) -> dict[str, Decision]:
    """Each person entity's key -> public or private, with the rule that decided."""
    listed = public_list or PublicList()
    classes = {k: e.cls for k, e in resolved.entities.items()}
    texts = {d.file_name: d.text for d in resolved.documents}
    roles: dict[str, str] = {}
    for rel in resolved.relations:
        if rel.subject in roles:
            continue
        if rel.predicate in _SPEAKS_FOR and classes.get(rel.object) in ("Organization", "Country"):
            obj = resolved.entities[rel.object].label
            roles[rel.subject] = f"{rel.predicate} {obj} ({rel.document})"
        elif rel.predicate in _SPONSORS:
            roles[rel.subject] = f"{rel.predicate} a bill ({rel.document})"
    decisions = {}
    for key in sorted(resolved.entities):
        e = resolved.entities[key]
        if e.cls != "Person":
            continue
        names = {person_key(n) for n in (e.label, *e.alt_labels)}
        where = listed.path.name if listed.path else "the public list"
        if names & listed.private:
            public, reason = False, f"listed private in {where}"
        elif names & listed.public:
            public, reason = True, f"listed public in {where}"
        elif key in roles:
            public, reason = True, roles[key]
        else:
            found = _title(resolved.mentions.get(key, []), texts)
            public, reason = (True, found) if found else (False, "no public title, office or role")
        decisions[key] = Decision(key, e.label, public, reason)
    return decisions


def _title(mentions: list[tuple[str, Mention]], texts: dict[str, str]) -> str:
    """The first public title written beside one of the mentions, as a reason."""
    for file_name, m in sorted(mentions, key=lambda dm: (dm[0], dm[1].start)):
        text = texts.get(file_name, "")
        before = text[max(0, m.start - _WINDOW) : m.start].split("\n")[-1]
        after = text[m.end : m.end + _WINDOW].split("\n")[0]
        inner = _TITLE_BEFORE.search(m.text.split()[0] + " ") if m.text.split() else None
        for match in (_TITLE_BEFORE.search(before), _TITLE_AFTER.search(after), inner):
            if match:
                return f"title '{' '.join(match['title'].split())}' beside it in {file_name}"
        if _HONORIFIC_BEFORE.search(before) and (state := _OF_STATE_AFTER.search(after)):
            return f"'{' '.join(state.group().split())}' after it: a legislator in {file_name}"
    return ""


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
    swap = _Replacer(resolved, private, public)

    entities: dict[str, Entity] = {}
    renamed: dict[str, str] = {}
    for key, e in resolved.entities.items():
        if key in private:
            new = Entity(
                key=entity_key("Person", private[key]),
                cls=e.cls,
                label=private[key],
                documents=set(e.documents),
            )
        else:
            label = swap(e.label)
            new = dataclasses.replace(
                e,
                label=label,
                alt_labels={swap(a) for a in e.alt_labels} - {label},
                documents=set(e.documents),
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
        Relation(k(r.subject), r.predicate, k(r.object), r.document, swap(r.evidence))
        for r in resolved.relations
    ]
    claims = [_claim(c, swap, k) for c in resolved.claims]
    surface_forms: dict[tuple[str, str], set[str]] = {}
    for (key, doc), names in resolved.surface_forms.items():
        if key in private:
            continue  # a pseudonym has no other names
        surface_forms.setdefault((k(key), doc), set()).update(swap(n) for n in names)
    merges = [
        dataclasses.replace(
            m,
            entity=k(m.entity),
            surface=swap(m.surface),
            target=swap(m.target),
            rule=swap(m.rule),
        )
        for m in resolved.merges
    ]
    mentions = {
        k(key): [
            (doc, dataclasses.replace(m, text=swap(m.text), name=swap(m.name))) for doc, m in found
        ]
        for key, found in resolved.mentions.items()
    }
    documents = [_document(d, swap) for d in resolved.documents]
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


def _claim(c: Claim, swap: _Replacer, k: Any) -> Claim:
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


def decision_json(d: Decision) -> dict[str, str]:
    return {"judged": d.judged, "reason": d.reason}


__all__ = [
    "DEFAULT_KEY",
    "RULES",
    "Decision",
    "ProtectError",
    "Protection",
    "PublicList",
    "judge",
    "load_key",
    "load_public_list",
    "protect",
    "pseudonym",
    "redaction_report",
]

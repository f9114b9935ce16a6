"""Who is a public figure: the rules a protected build applies to each person, in an order
a user can read (``RULES``) and override with a ``public:`` / ``private:`` list.

Public figures (officials named with a public title, heads of state, legislators, people
who speak for an organization) stay named in a protected build; everyone else is private.
The decision and its reason are recorded for every build, so that ``explain`` shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportgraph.errors import ProtectError
from reportgraph.extract.patterns import heads
from reportgraph.model import Entity, Mention, Resolved
from reportgraph.resolve.names import known_place, person_key

MAX_LIST_BYTES = 1 * 2**20

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
# A name the extractor typed Organization or Place is judged by the same rules when the
# text treats it as a person's: listed in the user's list, or a mention beside a person's
# word ("her brother X", "a witness, X", "Ms. X", "X's mother", "X, 34,") or joined to a
# person's name ("Dara Velko and X").
PERSON_EVIDENCE = (
    "a name typed Organization or Place is a person's when the user's list names it, "
    "or a mention stands beside a person's word (her brother X, a witness, X, Ms. X, "
    "X's mother, X, 34,) or beside a person's name (Ana Ruiz and X)"
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
_KIN = (
    r"mother|father|brother|sister|son|daughter|wife|husband|uncle|aunt|cousin|nephew|"
    r"niece|grandmother|grandfather|grandson|granddaughter|fianc[eé]e?|widow|widower|"
    r"child|parent|relative|friend|neighbou?r|colleague|lawyer|witness|victim|detainee"
)
_PERSON_BEFORE = re.compile(
    rf"(?:\b(?:Mr|Mrs|Ms|Miss|Dr)\.?|\b(?:his|her|their|whose|[\w-]+'s)\s+(?:{_KIN})\s*,?|"
    rf"\b(?:a|an|the|one)\s+(?:{_KIN}),)\s*$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(
    rf"^(?:'s\s+(?:{_KIN})\b|,\s+(?:a|an|the|her|his|their)\s+(?:{_KIN})\b|,\s+\d{{1,3}},)",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_NAME_WORD = re.compile(r"[A-Z][\w'\u2019-]*")


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
    people = _people_spans(resolved)
    for key in sorted(resolved.entities):
        e = resolved.entities[key]
        names = {person_key(n) for n in (e.label, *e.alt_labels)}
        mistyped = ""
        if e.cls != "Person":
            mistyped = _mistyped_person(e, names, listed, resolved, texts, people)
            if not mistyped:
                continue
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
        decisions[key] = Decision(key, e.label, public, reason + mistyped)
    return decisions


def _people_spans(resolved: Resolved) -> dict[str, list[tuple[int, int]]]:
    """Each document's spans of mentions of people (``Person`` entities)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for key, found in resolved.mentions.items():
        if resolved.entities[key].cls == "Person":
            for file_name, m in found:
                spans.setdefault(file_name, []).append((m.start, m.end))
    return spans


def _mistyped_person(
    e: Entity,
    names: set[str],
    listed: PublicList,
    resolved: Resolved,
    texts: dict[str, str],
    people: dict[str, list[tuple[int, int]]],
) -> str:
    """Why a name the extractor typed Organization or Place is a person's (see
    ``PERSON_EVIDENCE``), as words to add to the reason, or "" when nothing says so."""
    if e.cls not in ("Organization", "Place"):
        return ""
    if names & (listed.private | listed.public):
        return f"; typed {e.cls}"
    words = e.label.split()
    if e.same_as or known_place(e.label) or not 2 <= len(words) <= 4:
        return ""
    if not all(_NAME_WORD.fullmatch(w) for w in words) or _heads().search(e.label):
        return ""
    for file_name, m in sorted(resolved.mentions.get(e.key, []), key=lambda x: (x[0], x[1].start)):
        text = texts.get(file_name, "")
        before = text[max(0, m.start - _WINDOW) : m.start].split("\n")[-1]
        after = text[m.end : m.end + _WINDOW].split("\n")[0]
        if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(after):
            return f"; typed {e.cls}, but a person's word is beside it in {file_name}"
        for start, end in people.get(file_name, []):
            between = text[end : m.start] if end <= m.start else text[m.end : start]
            if (end <= m.start or m.end <= start) and _JOINED.fullmatch(between):
                return f"; typed {e.cls}, but joined to a person's name in {file_name}"
    return ""


@cache
def _heads() -> re.Pattern[str]:
    """Words that end an organization's or a law's name ("Council", "Ministry", "Act")."""
    alternation = "|".join(heads(c, w) for c in ("Organization", "Law") for w in ("", "plain"))
    return re.compile(rf"\b(?:{alternation})\b")


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


def decision_json(d: Decision) -> dict[str, str]:
    return {"judged": d.judged, "reason": d.reason}

"""Who is a public figure: the rules a protected build applies to each person, in an order
a user can read (``RULES``) and override with a ``public:`` / ``private:`` list.

Public figures (officials named with a public title, heads of state, legislators, people
who speak for an organization) stay named in a protected build; everyone else is private.
The decision and its reason are recorded for every build, so that ``explain`` shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgraph.errors import ProtectError
from reportgraph.model import Mention, Resolved
from reportgraph.resolve.names import person_key

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


def decision_json(d: Decision) -> dict[str, str]:
    return {"judged": d.judged, "reason": d.reason}

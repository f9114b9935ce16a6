"""Posts named by a title: "Rep. Ana Silva" is a member of the document's Congress,
"Commission Chair X" leads its commission, "UN High Commissioner for Refugees X" leads
that body."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from reportgraph.extract import component
from reportgraph.extract.coref import body_before
from reportgraph.extract.patterns import relate
from reportgraph.model import Annotated, Mention, Sentence


@component("posts", requires=["sentences", "mentions"], assigns=["relations"])
def posts(doc: Annotated) -> None:
    _legislators(doc)
    _posts(doc)
    _staff(doc)
    _led_by(doc)
    _heads_of_state(doc)


def _relate(doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence) -> None:
    relate(doc, s, predicate, o, sentence, "relations")


_CHAMBERS = (
    (
        re.compile(r"(?:\bRep\.|\bRepresentative|\bCongress(?:man|woman))\s+$"),
        re.compile(r"\bCongress\b|\bHouse\s+of\s+Representatives\b"),
    ),
    (re.compile(r"(?:\bSen\.|\bSenator)\s+$"), re.compile(r"\bSenate\b")),
    (
        re.compile(r"(?:\bMP|\bMember\s+of\s+Parliament)\s+$"),
        re.compile(r"\bParliament\b"),
    ),
    # "Commissioner Ana Silva" sits on the document's commission
    (re.compile(r"(?<!High )\bCommissioner\s+$"), re.compile(r"\bCommission\b")),
)
# "Commission Chair Ana Silva", "Committee Chairman ..." leads the document's body of that kind
_CHAIRS = re.compile(
    r"\b(?P<body>Commission|Committee|Council|Board)\s+(?:Chair(?:man|woman|person)?|President)\s+$"
)


# "then UN High Commissioner for Refugees Jane Doe": a post's name before a person
_POST = re.compile(r"(?:Commissioner|Secretary[- ]General|Director[- ]General|Rapporteur)\b")


def _posts(doc: Annotated) -> None:
    text = doc.document.text
    people = {m.start: m for m in doc.mentions if m.cls == "Person"}
    for body in (m for m in doc.mentions if m.cls == "Organization"):
        if not _POST.search(body.text):
            continue
        gap = re.match(r",?[ \t]+", text[body.end : body.end + 3])  # "Rapporteur, Ana Vell"
        person = people.get(body.end + gap.end()) if gap else None
        if person is None and gap is not None:  # a name the model read into the post's
            person = _named_after(doc, body.end + gap.end())
        sentence = next((s for s in doc.sentences if s.start <= body.start < s.end), None)
        if person is not None and sentence is not None:
            _relate(doc, person, "leaderOf", body, sentence)


# two or three capitalised words and no more: a person's name after a post's
_NAME_AFTER_POST = re.compile(
    r"[A-Z][a-z][\w'\u2019-]*(?:[ \t]+[A-Z][a-z][\w'\u2019-]*){1,2}"
    r"(?![\w'\u2019-]|[ \t]+[A-Z])"
)


def _named_after(doc: Annotated, at: int) -> Mention | None:
    """ "UN High Commissioner for Refugees Ana Vell praised ...": the person a post names,
    when the model read the name into the post's."""
    found = _NAME_AFTER_POST.match(doc.document.text, at)
    if found is None or any(m.start < found.end() and at < m.end for m in doc.mentions):
        return None
    person = Mention(at, found.end(), found.group(), "Person", "posts")
    return person if doc.add_mention(person) else None


# "the Vell Front, an armed group led by General Ana Vell": who leads the body
_LED_BY = re.compile(
    r",?[ \t]+(?:(?:an?|the)[ \t]+[^,;.()]{0,60}?[ \t]+)?(?:led|headed|commanded|chaired)"
    r"[ \t]+by[ \t]+(?P<title>[A-Z][a-z]+\.?[ \t]+)?"
)


def _led_by(doc: Annotated) -> None:
    text = doc.document.text
    people = {m.start: m for m in doc.mentions if m.cls == "Person"}
    for body in (m for m in doc.mentions if m.cls in ("Organization", "Group")):
        found = _LED_BY.match(text, body.end)
        if found is None:
            continue
        # "General Ana Vell", "former police officer Ana Vell": up to four words before her
        at = found.start("title") if found.group("title") else found.end()
        window = re.split(r"[,;()]", text[at : at + 60])[0]  # not "led by the army, X said"
        starts = [at + w.start() for w in re.finditer(r"[\w.'-]+", window)][:5]
        person = next((people[at] for at in starts if at in people), None)
        sentence = next((s for s in doc.sentences if s.start <= body.start < s.end), None)
        if person is not None and sentence is not None:
            _relate(doc, person, "leaderOf", body, sentence)


# "President Ana Vell", "then-Prime Minister Ana Vell": a head's title, no state named on it
_HEAD_OF_STATE = re.compile(
    r"(?<![\w-])(?:(?:then|former|[Cc]urrent)[- ])?"
    r"(?P<title>President|Prime\s+Minister|Premier)\s+$"
)


# the titles of heads of states and what each states
LEADER_TITLES = r"[Pp]resident|Prime\s+Minister|Premier|Chancellor|[Ll]eader|dictator|King|Queen"
_TITLE_RELATIONS = (
    ("president", "presidentOf"),
    (r"prime\s+minister|premier", "primeMinisterOf"),
    ("leader|dictator|king|queen|chancellor", "leaderOf"),
)


def title_relation(title: str, other: str = "citizenOf") -> str:
    """The relation a head's title states ("President" -> presidentOf), else ``other``."""
    return next((p for t, p in _TITLE_RELATIONS if re.fullmatch(t, title.lower())), other)


def _heads_of_state(doc: Annotated) -> None:
    """A head of state or government titled with no state on the title heads the one state
    their sentence names ("migrants left Zembla after President Ana Vell announced ...");
    with two states named, which one is theirs the title does not say."""
    text = doc.document.text
    for person in (m for m in doc.mentions if m.cls == "Person"):
        sentence = next((s for s in doc.sentences if s.start <= person.start < s.end), None)
        title = _HEAD_OF_STATE.search(text[max(0, person.start - 30) : person.start])
        if sentence is None or title is None:
            continue
        inside = doc.mentions_in(sentence)
        if any(r.subject == person and r.object.cls == "Country" for r in doc.relations):
            continue  # "Zemban President Ana Vell": read with the state's word
        states = [m for m in inside if m.cls == "Country"] or _main_state(doc)
        if len({m.canonical for m in states}) == 1:
            _relate(doc, person, title_relation(title["title"]), states[0], sentence)


def _main_state(doc: Annotated) -> list[Mention]:
    """The state a report is about, when its sentence names none: the one it names at
    least twice as often as any other (its first mention), else none."""
    counts: dict[str, list[Mention]] = {}
    for m in doc.mentions:
        if m.cls == "Country":
            counts.setdefault(m.canonical, []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or (len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1])):
        return []
    return [min(ranked[0], key=lambda m: m.start)]


def _legislators(doc: Annotated) -> None:
    """ "Rep. Ana Silva" is a member of the document's Congress or House, "Sen. ..." of its
    Senate, "MP ..." of its Parliament: the nearest body of that kind the document names."""
    text = doc.document.text
    bodies = [m for m in doc.mentions if m.cls == "Organization"]
    for person in (m for m in doc.mentions if m.cls == "Person"):
        before = text[max(0, person.start - 25) : person.start]
        sentence = next((s for s in doc.sentences if s.start <= person.start < s.end), None)
        chair = _CHAIRS.search(before)
        if chair and sentence is not None:
            found = [b for b in bodies if re.search(rf"\b{chair['body']}\b", b.canonical)]
            if found:
                body = min(found, key=lambda b: abs(b.start - person.start))
                _relate(doc, person, "leaderOf", body, sentence)
            continue
        for title, chamber in _CHAMBERS:
            if not title.search(before):
                continue
            found = [b for b in bodies if chamber.search(b.canonical)]
            if found and sentence is not None:
                body = min(found, key=lambda b: abs(b.start - person.start))
                _relate(doc, person, "memberOf", body, sentence)
            break


@cache
def post_roles() -> dict[str, str]:
    """Post noun -> the relation it states (data/post_roles.tsv), read once; keys in lower
    case with hyphens read as spaces ("secretary general")."""
    rows = files("reportgraph").joinpath("data", "post_roles.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for row in rows.splitlines():
        if row.strip() and not row.startswith("#"):
            noun, relation = row.split("\t")
            out[_key(noun)] = relation.strip()
    return out


def _key(noun: str) -> str:
    return " ".join(noun.lower().replace("-", " ").split())


@cache
def role_words(relation: str = "") -> str:
    """The post nouns as a regular expression's alternatives, longest first; only those
    stating ``relation`` when one is given."""
    nouns = sorted((n for n, r in post_roles().items() if r == relation or not relation),
                   key=len, reverse=True)  # fmt: skip
    return "|".join(r"[-\s]+".join(map(re.escape, n.split())) for n in nouns)


_QUALITIES = r"(?:(?:former|then|senior|acting|deputy|top|local|regional|chief|lead)\s+)*"


@cache
def _role_after() -> re.Pattern[str]:
    """ "the Refugee Council's director, Ana Silva", "Vell Watch researcher Ana Silva",
    "UN Children's Fund (UNICEF) official Ana Silva": a post between a body and a person."""
    return re.compile(
        # "the Union's foreign policy chief, Ana Vell": a body's own words before its post
        r"^\)?\s*(?:\([A-Z][\w.]*\)\s*)?(?:['\u2019]s\s+(?:(?-i:[a-z]+)\s+){0,2}?)?"
        + _QUALITIES
        + rf"(?P<role>{role_words()})s?"
        # "the group's director for the Vell Islands and South Zembla, Ana Vell"
        + r"(?:\s+for\s+(?:the\s+)?[A-Z][\w'\u2019-]*"
        + r"(?:\s+(?:and|of|the|[A-Z][\w'\u2019-]*)){0,6})?"
        + r"\s*,?\s+$",
        re.IGNORECASE,
    )


@cache
def _role_next() -> re.Pattern[str]:
    """A post right after a body's name, inside a person's apposition ("Ana Silva, a
    Zemban journalist and Daily Vell columnist,")."""
    return re.compile(rf"\s+(?P<role>{role_words()})\b", re.IGNORECASE)


@cache
def _own_post() -> re.Pattern[str]:
    """A body's post right after its name, past the regions or subjects it covers: "'s
    Europe and Central Asia director", "'s senior researcher"; then a comma or the end."""
    return re.compile(
        r"['\u2019]s\s+(?P<part>(?:(?:(?-i:[A-Z])[\w'\u2019-]*|and|of|for|the)\s+){0,6}?)"
        + _QUALITIES
        + rf"(?P<role>{role_words()})\b(?=\s*[,.;)\n])",
        re.IGNORECASE,
    )


@cache
def _title_of() -> re.Pattern[str]:
    """ "the Secretary-General of the Vell Union Ana Silva": a head's title, then the body."""
    return re.compile(rf"\b(?:{role_words('leaderOf')})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


# words that make a post a second one ("its deputy director"): a member, not the leader
DEPUTIES = frozenset("deputy vice assistant associate".split())
_DEPUTY = re.compile(rf"\b(?:{'|'.join(sorted(DEPUTIES))})\b", re.IGNORECASE)
# "Ana Silva is with the Refugee Council": works there
_IS_WITH = re.compile(r"^\s+(?:is|was)\s+(?:now\s+)?with\s+(?:the\s+)?$")
# a person's apposition up to a body's name: ", a Zemban journalist and "
_APPOSITION = re.compile(r"^,\s+(?:an?|the|former)\s+[^,;()\n]{0,60}$")


def post_relation(word: str, deputy: bool = False) -> str:
    """The relation a post states (data/post_roles.tsv); the deputy of a head ("its
    deputy director") is a member, not the leader."""
    relation = post_roles().get(_key(word), "memberOf")
    return "memberOf" if deputy and relation == "leaderOf" else relation


def _staff(doc: Annotated) -> None:
    """A body named right before a person with a post between them: the person works
    there, or leads it when the post is a head's ("Vell Watch director Ana Silva")."""
    text = doc.document.text
    bodies = [m for m in doc.mentions if m.cls in ("Organization", "Country", "Place")]
    for person in (m for m in doc.mentions if m.cls == "Person"):
        sentence = next((s for s in doc.sentences if s.start <= person.start < s.end), None)
        if sentence is None:
            continue
        _posts_after(doc, person, bodies, sentence)
        near = [b for b in bodies if sentence.start <= b.start and 0 <= person.start - b.end <= 45]
        near = [b for b in near if not _related(doc, person, b)]  # "President X": presidentOf
        its = _its_post().match(text[sentence.start : person.start])
        if not near and its and (body := body_before(doc, sentence.start)) is not None:
            # "Vell Watch has ... Its director, Ana Vell, said": the body before's post
            relation = post_relation(its["role"], bool(_DEPUTY.search(its.group())))
            _relate(doc, person, relation, body, sentence)
        if not near:
            continue
        body = max(near, key=lambda b: b.end)  # the body named last before the person
        between = text[body.end : person.start]
        role = _role_after().match(between)
        # "the group's director for the Vell Islands, Ana Vell": past the region's name
        farther = [
            b
            for b in bodies
            if b.cls == "Organization"
            and sentence.start <= b.start
            and 45 < person.start - b.end <= 100
        ]
        if role is None and farther:
            farther_body = max(farther, key=lambda b: b.end)
            if role := _role_after().match(text[farther_body.end : person.start]):
                body, between = farther_body, text[farther_body.end : person.start]
        if role is None:
            before = text[max(sentence.start, body.start - 30) : body.start]
            if between.strip() in ("", ",") and _title_of().search(before):
                # "the Director of the Vell Institute(,) Ana Vell"
                _relate(doc, person, "leaderOf", body, sentence)
            continue
        relation = post_relation(role.group("role"), bool(_DEPUTY.search(between)))
        if relation == "leaderOf" or body.cls == "Organization":
            _relate(doc, person, relation, body, sentence)


@cache
def _its_post() -> re.Pattern[str]:
    return re.compile(rf"\s*Its\s+{_QUALITIES}(?P<role>{role_words()}),?\s+$", re.IGNORECASE)


def _posts_after(
    doc: Annotated, person: Mention, bodies: list[Mention], sentence: Sentence
) -> None:
    """A body named after the person: "Ana Silva is with the Refugee Council", "Ana
    Silva, a Zemban journalist and Daily Vell columnist"."""
    text = doc.document.text
    for body in bodies:
        if body.cls != "Organization" or not person.end <= body.start < sentence.end:
            continue
        between = text[person.end : body.start]
        if _IS_WITH.match(between):
            _relate(doc, person, "memberOf", body, sentence)
        elif re.fullmatch(r",[ \t]+", between) and (own := _own_post().match(text, body.end)):
            # "Ana Vell, Vell Watch's senior researcher,"; its "Europe and Central Asia
            # director" heads a part of it: a member, as a deputy is
            deputy = bool(_DEPUTY.search(own.group()) or own.group("part"))
            _relate(doc, person, post_relation(own.group("role"), deputy), body, sentence)
        elif _APPOSITION.match(between) and (role := _role_next().match(text, body.end)):
            after = re.match(r"[ \t]+", text[role.end() : role.end() + 3])
            at = role.end() + (after.end() if after else 0)
            if any(p.cls == "Person" and p.start == at for p in doc.mentions):
                continue  # "X, the brother of RSF leader Y": the post is Y's
            _relate(doc, person, post_relation(role.group("role")), body, sentence)


def _related(doc: Annotated, a: Mention, b: Mention) -> bool:
    return any({r.subject, r.object} == {a, b} for r in doc.relations)

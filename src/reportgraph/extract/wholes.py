"""Parts and wholes read from how names are built: a committee named with its chamber, a
bureau with its department's possessive, a region with its state, a body with "of" and its
state after it. The words of the name state the fact, so no verb is needed."""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.extract.gazetteer import countries, country_names, places
from reportgraph.extract.patterns import OF_A_STATE, SOURCE, relate
from reportgraph.model import Annotated, Mention, Sentence

# The head words of a body that sits inside another: "the Senate Committee on ...".
_SUB_BODY = re.compile(
    r"\b(?:Committee|Subcommittee|Commission|Bureau|Office|Department|Division|Council"
    r"|Agency|Service|Directorate|Unit|Library|Secretariat|Mission|Delegation)\b"
)
# The head words of a body that sits in a town or region named before them: "the Vellton
# High Court" (where it sits), "the Vell police" (where it works).
_COURT = re.compile(r"\b(?:[Cc]ourt|[Tt]ribunal)\b")
_TOWN_BODY = re.compile(r"\b(?:[Cc]ourt|[Tt]ribunal|[Pp]olice|[Pp]rosecutor'?s?)\b")
# "northern Iraq", "Eastern Chad", "central Mali": a part of the state named after it.
_REGION = re.compile(
    r"^(?:(?:[Nn]orth|[Ss]outh)(?:[- ]?(?:[Ee]ast|[Ww]est))?(?:ern)?|[Ee]ast(?:ern)?"
    r"|[Ww]est(?:ern)?|[Cc]entral)\s+(?P<state>.+)$"
)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s)\s+$")
_LEADING = re.compile(r"^(?:[Tt]he\s+|U\.\s?S\.\s+|US\s+)+")


@component("wholes", requires=["mentions"], assigns=["relations"])
def wholes(doc: Annotated) -> None:
    for sentence in doc.sentences:
        inside = doc.mentions_in(sentence)
        for m in inside:
            if m.cls == "Place":
                _region(doc, m, sentence)
            if m.cls in ("Place", "Organization"):
                _possessed(doc, m, inside, sentence)
            if m.cls == "Organization":
                _named_after(doc, m, sentence)
                _of_state(doc, m, inside, sentence)
            if m.cls == "Group":
                _listed_members(doc, m, inside, sentence)
                _named_members(doc, m, inside, sentence)
                _named_with_a_place(doc, m, inside, sentence)


def _state_mention(doc: Annotated, start: int, text: str) -> Mention | None:
    """The country mention at ``start`` (made when the rules left it inside a longer name)."""
    code = country_names().get(text)
    if code is None:
        return None
    end = start + len(text)
    found = next(
        (c for c in doc.mentions if (c.start, c.end) == (start, end) and c.cls == "Country"), None
    )
    if found is not None:
        return found
    made = Mention(start, end, text, "Country", "wholes", countries()[code].name, True)
    return made if doc.add_mention(made) else None


def _region(doc: Annotated, m: Mention, sentence: Sentence) -> None:
    found = _REGION.match(m.text)
    if found is None:
        return
    state = _state_mention(doc, m.start + found.start("state"), found.group("state"))
    if state is not None:
        relate(doc, m, "partOf", state, sentence, "wholes")


def _possessed(doc: Annotated, m: Mention, inside: list[Mention], sentence: Sentence) -> None:
    """ "the Ministry's Bureau of ..." is part of the ministry; "Ruritania's Vell Province"
    lies in Ruritania. Only a named owner right before the possessive counts."""
    before = doc.document.text[max(sentence.start, m.start - 4) : m.start]
    mark = _POSSESSIVE.search(before)
    if mark is None:
        return
    end = m.start - len(before) + mark.start()
    owner = next((o for o in inside if o.end == end and o is not m), None)
    if owner is None:
        return
    if m.cls == "Organization" and owner.cls in ("Organization", "Country"):
        relate(doc, m, "partOf", owner, sentence, "wholes")
    elif m.cls == "Place" and owner.cls in ("Country", "Place"):
        relate(doc, m, "locatedIn", owner, sentence, "wholes")


def _named_after(doc: Annotated, m: Mention, sentence: Sentence) -> None:
    """ "the Senate Committee on Appeals" is part of the Senate the document names; "the
    Vell Department of Public Safety" and "the Vellton police" work in the province or town
    of that name, "the Vellton High Court" sits in it."""
    lead = _LEADING.match(m.text)
    offset = lead.end() if lead else 0
    text = m.text[offset:]
    for o in doc.mentions:
        if o.cls not in ("Organization", "Place") or o.start == m.start + offset:
            continue
        name = _LEADING.sub("", o.text)
        if len(name) < 4 or not text.startswith(name + " "):
            continue
        rest = text[len(name) :]
        predicate = _named_after_predicate(o, name, rest)
        if predicate is None:
            continue
        relate(doc, m, predicate, o, sentence, "wholes")
        if predicate == "locatedIn":
            _court_of_state(doc, m, o.text, sentence)
        return


def _named_after_predicate(named: Mention, name: str, rest: str) -> str | None:
    """How a body whose name opens with ``name`` (then ``rest``) belongs to ``named``: a
    court sits in the town, police and prosecutors work in it, a committee is part of its
    chamber, a department works in its province."""
    if named.cls == "Place" and _TOWN_BODY.search(rest):
        return "locatedIn" if _COURT.search(rest) else "operatesIn"
    if not _SUB_BODY.search(rest) or _SUB_BODY.fullmatch(name):
        return None
    return "partOf" if named.cls == "Organization" else "operatesIn"


def _court_of_state(doc: Annotated, court: Mention, town: str, sentence: Sentence) -> None:
    """A court named after a town is part of the state the town lies in, when the report
    names that state: "the Vellton High Court" of Zembla."""
    place = places().get(town)
    state = countries().get(place.country) if place is not None else None
    found = next(
        (c for c in doc.mentions if c.cls == "Country" and state and c.canonical == state.name),
        None,
    )
    if found is not None:
        relate(doc, court, "partOf", found, sentence, "wholes")


def _of_state(doc: Annotated, m: Mention, inside: list[Mention], sentence: Sentence) -> None:
    """ "the Border Brigade (BB) of Ruritania" belongs to Ruritania."""
    after = OF_A_STATE.match(doc.document.text[m.end : m.end + 20])
    if after is None:
        return
    state = next((c for c in inside if c.start == m.end + after.end()), None)
    if state is not None and state.cls == "Country":
        relate(doc, m, "partOf", state, sentence, "wholes")


_MEMBERS = ("Person", "Group", "Organization")
# "minorities and indigenous peoples in Zembla, including ...": what else the group's
# phrase says before the list, in a few words
_INCLUDING = re.compile(
    r"(?:\s+(?:and|in|from|of)\s+[^,;.()\n]{1,40}?)?"
    r"\s*[,(]?\s*(?:including|such\s+as|among\s+them|notably)\s+"  # "(including A, B)"
)
# "three activists, writer X, lawyer Y": people apposed to the group, a role before each
_APPOSED = re.compile(r"\s*,\s*(?:[a-z][\w-]+\s+)?(?=[A-Z])")
# between two listed names; a lower-case role word may stand before each ("lawyer Y")
_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:[a-z][\w-]+\s+(?=[A-Z]))?")
_AND = r"\s*(?:,\s*)?\b(?:and|or)\s+(?:the\s+)?"
_AND_OTHER = re.compile(_AND + r"(?:other|fellow)\s+$")
_AND_ONLY = re.compile(_AND + "$")
_BEFORE = re.compile(r"(?:\s*,\s*|\s+and\s+)$")


def _listed_members(doc: Annotated, group: Mention, inside: list[Mention], sentence: Sentence
                    ) -> None:  # fmt: skip
    """ "religious minorities, including Vells and Zembs": each listed name is a member of
    the group; "A, B and other activists": so are the names listed before it."""
    text = doc.document.text
    starts = {m.start: m for m in inside if m.cls in _MEMBERS and m is not group}
    ends = {m.end: m for m in inside if m.cls in _MEMBERS and m is not group}
    members: list[Mention] = []
    found = _INCLUDING.match(text, group.end)
    at = found.end() if found else -1
    # "according to the family, Ana Vell was ...": the source, and the one it speaks of
    source = SOURCE.search(text, max(sentence.start, group.start - 60), group.start)
    apposed = None if found or source else _APPOSED.match(text, group.end)
    if apposed and apposed.end() in starts and starts[apposed.end()].cls == "Person":
        at = apposed.end()
    while at in starts:  # forwards from "including"
        members.append(starts[at])
        step = _NEXT.match(text, starts[at].end)
        at = step.end() if step else -1
    head = text[sentence.start : group.start]
    other = group.text.lower().startswith(("other ", "fellow "))
    lead = (_AND_ONLY if other else _AND_OTHER).search(head)
    at = sentence.start + lead.start() if lead else -1
    while at in ends:  # backwards from "and other"
        members.append(ends[at])
        step = _BEFORE.search(text, sentence.start, ends[at].start)
        at = step.start() if step else -1
    states = [r.object for r in doc.relations if r.subject is group and r.predicate == "citizenOf"]
    for m in members:
        relate(doc, m, "memberOf", group, sentence, "wholes")
        for state in states if m.cls == "Person" else ():
            relate(doc, m, "citizenOf", state, sentence, "wholes")  # "citizens of X, including A"


def _named_members(doc: Annotated, group: Mention, inside: list[Mention], sentence: Sentence
                   ) -> None:  # fmt: skip
    """ "34 Vell Police officers", "118 Union Party members": a group named with a body
    are members of that body."""
    for body in inside:
        if body.cls == "Organization" and group.start <= body.start and body.end < group.end:
            relate(doc, group, "memberOf", body, sentence, "wholes")


# "the", "some 300", "many": what may open a group's phrase before the place
_QUANTITY = re.compile(r"(?:(?:[Tt]he|[Ss]ome|[Mm]any|[Aa]bout|[Oo]ver|[\d,]+)\s+)*")
# people who live where they are named from, not only work there
_DWELLERS = re.compile(r"\b(?:residents|inhabitants|villagers|families|people|locals)$", re.I)


def _named_with_a_place(doc: Annotated, group: Mention, inside: list[Mention],
                        sentence: Sentence) -> None:  # fmt: skip
    """ "Vellton investigators", "Vellton embassy personnel" are based in Vellton; "Vellton
    residents" live there: a group whose phrase opens with a place's name."""
    lead = _QUANTITY.match(group.text).end()
    for place in inside:
        if place.cls == "Place" and place.start == group.start + lead and place.end < group.end:
            predicate = "livesIn" if _DWELLERS.search(group.text) else "basedIn"
            relate(doc, group, predicate, place, sentence, "wholes")

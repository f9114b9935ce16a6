"""Organizations, by the shape of their names and the words around them: capitalised
names with an organization head word ("Committee", "Ministry", "Agency"), a state's own
bodies ("South Korea's parliament"), legislatures, wire credits and named bands. People
are ``persons.py``'s, acronyms ``acronyms.py``'s, groups of people ``groups.py``'s.
"""

from __future__ import annotations

import re
from itertools import pairwise

from reportgraph.dates import DATE_WORD
from reportgraph.extract import component
from reportgraph.extract.gazetteer import (
    country_code,
    country_pattern,
    demonym_pattern,
    demonyms,
    owner_state,
)
from reportgraph.extract.headings import STATEMENT_LEAD
from reportgraph.extract.nlp import load_model, proper_name
from reportgraph.extract.patterns import (
    FUNCTION_WORDS,
    ROLE_NOUNS,
    SP,
    STATE_PARTY,
    WORD,
    add,
    heading_line,
    heads,
    names_a_part,
    part_named,
    skip_function_words,
)
from reportgraph.extract.people import people_of
from reportgraph.extract.persons import NOT_NAME_WORDS, TITLE_RUN
from reportgraph.model import Annotated

# The words that end an organization's name, from data/name_heads.tsv: "Ministry",
# "Bureau", "Forces", ...
_ORG_HEADS = heads("Organization")
_ORG_TAIL_RUN = rf"(?:{WORD}{SP}(?:(?:and|of|for|the){SP})*){{0,5}}{WORD}"
# "passed by the Senate on June 4": a date after the body, not what the body is for
_NO_DATE = rf"(?!{DATE_WORD})"
_LEAD_ORG = re.compile(rf"\b(?:{heads('Organization', 'lead')})(?:{SP}{WORD}){{1,3}}\b")
_ORG = re.compile(
    rf"\b(?:{WORD}{SP}(?:(?:of|for|on|and|the|in|to){SP})*){{0,7}}(?:{_ORG_HEADS})\b"
    # "Committee Against Torture", "Committee to Protect Journalists" (not "Council to Act")
    rf"(?:(?:{SP}(?:(?:of|for|on|[Aa]gainst){SP}(?:the{SP})?|to{SP}{WORD}{SP})"
    rf"|(?<=Mission){SP}in{SP}(?:the{SP})?){_NO_DATE}{_ORG_TAIL_RUN}"  # "Mission in Zembla"
    # what a bureau is for, listed: "Bureau of Roads, Bridges(,) and Tunnels"
    rf"(?:(?:,{SP}{_ORG_TAIL_RUN})+,?{SP}and{SP}{_ORG_TAIL_RUN})?)?"
)
# "... Department and the Freedonia Police Department": two bodies named in one breath
_AND = re.compile(rf"{SP}and{SP}(?:the{SP})?")
# "the Ruritanian Army's Signal Corps": a possessive body, then its own part
_POSSESSIVE = re.compile(rf"(?:'s|\u2019s){SP}")
# "Okonjo of the Freedonia Police Department": a person's name, then the body
_PERSON_OF = re.compile(rf"(?P<word>{WORD}(?:{SP}{WORD}){{0,2}}){SP}of{SP}(?:the{SP})?")
# "Britain's BBC news organization", "the Kyodo news agency"
_LOWER_ORG = re.compile(
    rf"\b({WORD}(?:{SP}{WORD}){{0,3}}){SP}(?:news{SP})?(?:organization|agency)\b"
)
# "the Sinaloa cartel", "the Tiger gang": a body named by a name and a common noun
_NAMED_BAND = re.compile(
    rf"\b({WORD}(?:{SP}{WORD}){{0,2}}){SP}(?:drug{SP})?(?:cartel|gang|militia|crime{SP}syndicate"
    r"|party|movement|administration)\b"  # "the Alga Vellia party", "the Vell administration"
)
_TITLE_OF = re.compile(
    r"(?:Vice[- ])?(?:Chair(?:man|woman|person)?|President|Director(?:[- ]General)?|Head|Leader"
    r"|Secretary(?:[- ]General)?|Commissioner|Spokes(?:man|woman|person))"
    r"\s+of\s+(?:the\s+)?"
)
# a title of what was said before a body: "Testimony Before the Vell Commission"
_SAID_BEFORE = re.compile(STATEMENT_LEAD)
# Lower-case heads of a state's bodies ("South Korea's parliament") and the one-word names
# of legislatures, which name a body on their own ("the Senate voted").
_STATE_BODIES = (
    r"agency|ministry|parliament|legislature|police|army|navy|military|bureau|service"
    r"|council|court|cabinet|congress|senate|assembly"
)
_LEGISLATURES = r"Senate|Congress|Parliament"
_ORDINAL_LEGISLATURE = re.compile(
    rf"(?<!\d)[1-9]\d{{0,2}}(?:st|nd|rd|th){SP}(?:{_LEGISLATURES}|{_LEGISLATURES.upper()})(?![A-Za-z])"
)
# A wiki page's header names the wiki that publishes it.
_ENCYCLOPEDIA = re.compile(r"^From ([A-Z][\w-]+(?: [A-Z][\w-]+)*), the free encyclopedia", re.M)
_THE_HOUSE = rf"(?<=\b[Tt]he )House\b(?!{SP}(?:[A-Z]|of\b))"
_MEMBERS_OF = re.compile(r"[Mm]embers?\s+of\s+(?:the\s+)?(?=[A-Z])")
_WIRE_CREDIT = re.compile(
    r"(?m)^[\"\u201c(]?[A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+){0,2},?\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+)?"
    r"\((?P<agency>[A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+)?)\)\s*[-\u2013\u2014]"
)
_WEBSITE = re.compile(
    rf"\b(?:web{SP}?)?sites?(?:{SP}(?:called|named|of))?{SP}"
    r"(?P<site>(?:www\.)?[A-Za-z0-9-]+\.(?:org|com|net))\b"
)
_HIGH_COMMISSIONER = re.compile(
    rf"(?:\bUnited{SP}Nations{SP}|\bUN{SP}|\bU\.N\.{SP})?"
    rf"\bHigh{SP}Commissioner{SP}for{SP}(?:Human{SP}Rights|{WORD})"
)


@component("organizations", requires=["sentences"], assigns=["mentions"])
def organizations(doc: Annotated) -> None:
    text = doc.document.text
    for m in _HIGH_COMMISSIONER.finditer(text):
        add(doc, m.start(), m.end(), "Organization", "organizations")
    for m in _ORG.finditer(text):
        start = m.start() + skip_function_words(m.group())
        start += people_of(text[start : m.end()])  # "Activists of the Vell Front"
        title = _TITLE_OF.match(text, start, m.end()) or _SAID_BEFORE.match(text, start, m.end())
        if title:  # "Chair of the Refugee Council": the council, not its chair
            start = title.end()
        for part_start, part_end in _org_parts(doc, start, m.end()):
            for body_start, body_end in _headline_bodies(doc, part_start, part_end):
                _add_org(doc, body_start, body_end)
    # "South Korea's parliament", "Laos's state security agency": a state's own body
    owned = re.compile(
        rf"\b(?:{country_pattern()})(?:'s|\u2019s){SP}(?:[a-z]+{SP}){{0,2}}(?:{_STATE_BODIES})\b"
    )
    for m in owned.finditer(text):
        add(doc, m.start(), m.end(), "Organization", "organizations")
    # "the 118th Congress", "113th CONGRESS" (a bill's header, glued to what comes before)
    for m in _ORDINAL_LEGISLATURE.finditer(text):
        # the United States Congress counts its two-year terms: each is that Congress
        congress = m.group().lower().endswith(" congress") and not text.startswith(" of", m.end())
        name = "United States Congress" if congress else ""
        add(doc, m.start(), m.end(), "Organization", "organizations", name=name)
    # "the Senate", "Parliament" alone: a legislature; "the House" (not "the House of ...")
    chambers = "House of Representatives" if "Senate" in text else ""  # "the House"
    for m in re.finditer(rf"\b(?:{_LEGISLATURES})\b(?!\w|-\w)|{_THE_HOUSE}", text):
        if not all_caps_line(text, m.start()):
            name = chambers if m.group() == "House" else ""
            add(doc, m.start(), m.end(), "Organization", "organizations", name=name)
    dem = demonym_pattern()
    forces = re.compile(
        rf"\b(?:{dem}){SP}(?:police|army|military|navy|border{SP}police|(?:security{SP}|armed{SP})?forces"
        rf"|secret{SP}police|coast{SP}guard|foreign{SP}ministry|intelligence{SP}service"
        rf"|(?:[Pp]ublic{SP}|[Ss]tate{SP}|[Nn]ational{SP})?[Ss]ecurity"
        rf"(?:{SP}(?:authorities|[Bb]ureau|[Ss]ervice|[Pp]olice|[Oo]ffice))?)\b"
        rf"(?!{SP}(?:{ROLE_NOUNS}))"  # "Ruritanian border agents" are people
    )
    for m in forces.finditer(text):
        add(doc, m.start(), m.end(), "Organization", "organizations")
    for m in _LEAD_ORG.finditer(text):  # "Radio Free Vellia": the head opens the name
        if not heading_line(text, m.start()):
            add(doc, m.start(), m.end(), "Organization", "organizations")
    for m in _WEBSITE.finditer(text):  # "a website called www.example.org": its company
        add(doc, m.start("site"), m.end("site"), "Organization", "organizations")
    for m in _ENCYCLOPEDIA.finditer(text):  # "From Vellopedia, the free encyclopedia"
        add(doc, m.start(1), m.end(1), "Organization", "organizations")
    for m in _WIRE_CREDIT.finditer(text):  # "Vardia, May 11 (Zembla Wire) -": a news agency
        add(doc, m.start("agency"), m.end("agency"), "Organization", "organizations")
    _named_bands(doc)
    for m in _LOWER_ORG.finditer(text):
        start = m.start(1) + skip_function_words(m.group(1))
        owner = re.match(r"\S+(?:'s|\u2019s)\s+", text[start : m.end(1)])  # "America's NBC"
        if owner:
            start += owner.end()
        name = text[start : m.end(1)]
        if name and name not in FUNCTION_WORDS and owner_state(name) is None:
            # the whole span is a name of the body ("Kyodo news agency"), which is "Kyodo";
            # not "the Zemban organization": a state's word says whose, not which
            add(doc, start, m.end(), "Organization", "organizations", name=name)
    _slashed(doc)
    for m in _BRANCHES.finditer(text):  # "the Head of the Judiciary": a branch of a state
        add(doc, m.start(), m.end(), "Organization", "organizations")


# branches of a state named alone, after every longer name ("the Senate Judiciary
# Committee" is read first)
_BRANCHES = re.compile(r"(?<=\b[Tt]he )Judiciary\b")


def _slashed(doc: Annotated) -> None:
    """Two bodies' names joined by a slash are the one body that bears both ("Radio Free
    Vellia/Radio Orun", a broadcaster and its sister service)."""
    bodies = sorted((m for m in doc.mentions if m.cls == "Organization"), key=lambda m: m.start)
    for a, b in pairwise(bodies):
        if doc.document.text[a.end : b.start] == "/" and a in doc.mentions:
            doc.mentions.remove(a)
            doc.mentions.remove(b)
            add(doc, a.start, b.end, "Organization", "organizations")


def _named_bands(doc: Annotated) -> None:
    text = doc.document.text
    for m in _NAMED_BAND.finditer(text):
        start = m.start(1) + skip_function_words(m.group(1) + " ")
        name = text[start : m.end(1)]
        state_party = STATE_PARTY.fullmatch(text, start, m.end())  # "a State party"
        if country_code(name) is not None or name in demonyms():
            continue  # "the Thai administration": the state, read as one already
        if name and name not in FUNCTION_WORDS and not (heading_line(text, start) or state_party):
            add(doc, start, m.end(), "Organization", "organizations")


def _headline_bodies(doc: Annotated, start: int, end: int) -> list[tuple[int, int]]:
    """A headline capitalises every word, so a run of them ending in a body's head word
    may be a sentence ("Supreme Court Dissolves Opposition Party"): read in lower case by
    the model, it is cut at its verbs, and the parts that still end in a head word are the
    bodies it names; so is a title cited in a sentence, when long enough to be one."""
    text = doc.document.text
    nlp = load_model()
    words = len(text[start:end].split())
    if nlp is None or words < 3 or (words < 6 and not heading_line(text, start)):
        return [(start, end)]
    run = text[start:end]
    # a "verb" that ends the run ends a name: "Human Rights Watch"
    verbs = [t for t in nlp(run.lower()) if t.tag_ in _FINITE and t.i < len(t.doc) - 1]
    if not verbs:
        return [(start, end)]
    cuts = [0, *(i for v in verbs for i in (v.idx, v.idx + len(v.text))), len(run)]
    bodies = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        a += _LEADING.match(run, a, b).end() - a
        part = run[a:b].rstrip()
        if len(part.split()) >= 2 and _ENDS_IN_HEAD.search(part):
            bodies.append((start + a, start + a + len(part)))
    return bodies


_FINITE = ("VBZ", "VBD", "VBP")  # the finite verbs a headline is cut at
_LEADING = re.compile(r"\s*(?:(?:for|of|on|in|to|the|a|an|at|by)\s+)*")
_ENDS_IN_HEAD = re.compile(rf"\b(?:{_ORG_HEADS})$")


def _org_parts(doc: Annotated, start: int, end: int) -> list[tuple[int, int]]:
    """The bodies one run of capitalised words names: two joined by "and" ("the Freedonia
    Police Department and the Ruritanian Border Agency"), a body and its part ("the
    Ruritanian Army's Signal Corps"), each without a person's name before it ("Smith of
    the Freedonia Police Department")."""
    text = doc.document.text
    span = text[start:end]
    for j in _AND.finditer(span):
        left, right = span[: j.start()], span[j.end() :]
        if _ORG.fullmatch(left) and _ORG.search(right):
            return _org_parts(doc, start, start + j.start()) + _org_parts(doc, start + j.end(), end)
        if _ORG.search(right) and re.fullmatch(rf"(?:the\s+)?(?:{country_pattern()})", left):
            return _org_parts(doc, start + j.end(), end)  # "Vellia and the Zemban Union": a state
        title = TITLE_RUN.match(left)
        if (  # "President Ana Vell and the National Assembly": a person, then the body
            title
            and _ORG.search(right)
            and not _ORG.search(left)
            and re.fullmatch(r"(?:[A-Z][\w'-]*\s*){1,3}", left[title.end() :])
        ):
            return _org_parts(doc, start + j.end(), end)
        if _ORG.fullmatch(right) and _model_body(doc, start, start + j.start()):
            # "Freedom Now International and Vell Watch": the model knows the first name whole
            return [(start, start + j.start()), *_org_parts(doc, start + j.end(), end)]
        if j.group().rstrip().endswith("the") and _ORG.fullmatch(right) and len(left.split()) > 1:
            # "Medecins Sans Frontieres and the Red Cross": two names, the first one its own
            return [(start, start + j.start()), *_org_parts(doc, start + j.end(), end)]
    possessives = list(_POSSESSIVE.finditer(span))
    if possessives:
        p = possessives[-1]
        owner, rest = span[: p.start()], span[p.end() :]
        # but "the Zemba People's Defence Force" is one name
        if _ORG.fullmatch(owner) and len(rest.split()) >= 2 and not owner.endswith("People"):
            return _org_parts(doc, start, start + p.start()) + _org_parts(doc, start + p.end(), end)
    # "Okonjo of the ...", "Assistant Attorney General Ana Okonjo of the ...": a person
    # (after the words of a title), then the body
    title = TITLE_RUN.match(span)
    person = _PERSON_OF.match(span, title.end() if title else 0)
    if person and _ORG.match(span, person.end()) and _person_word(doc, start, person):
        return _org_parts(doc, start + person.end(), end)
    return [(start, end)]


def _model_body(doc: Annotated, start: int, end: int) -> bool:
    """Does the model read exactly this stretch as an organization's name?"""
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        if sentence.start <= start < sentence.end:
            return any(
                e.label_ == "ORG"
                and sentence.start + e.start_char == start
                and sentence.start + e.end_char == end
                for e in parsed.ents
            )
    return False


def _person_word(doc: Annotated, start: int, found: re.Match[str]) -> bool:
    """Does the parse read the words before "of" as a person's name ("Okonjo of the ...",
    "Ana Okonjo of the ...")?"""
    word = found["word"]
    if any(w in NOT_NAME_WORDS for w in word.split()) or not doc.parses:
        return False
    last = word.split()[-1]
    if any(e.label_ == "PERSON" and e[-1].text == last for p in doc.parses for e in p.ents):
        return True  # "Halloway of ..." after "John Halloway"
    return proper_name(doc, start + found.start("word"), start + found.end("word"))


# a right named as a heading names it: "Freedom of Movement"
_A_RIGHT = re.compile(
    r"(?:Freedom|Right|Rights)\s+(?:of|to|from)\s+(?:the\s+)?(?:Peaceful\s+)?(?:Movement|Assembly"
    r"|Association|Expression|Religion|Speech|Press|Information|Belief|Conscience|Asylum)"
)
# the stages a bill's printed version names in its header, as the Congress prints them
_BILL_STAGE = re.compile(
    r"(?:Introduced|Engrossed|Enrolled|Reported|Referred|Received|Placed|Passed|Considered)$"
)


def _add_org(doc: Annotated, start: int, end: int) -> None:
    text = doc.document.text
    words = text[start:end].split()
    if len(words) < 2:
        return  # "Police", "Office" alone name nothing
    if country_code(text[start:end]):
        return  # "the Soviet Union", "the United Arab Emirates": a state
    if _BILL_STAGE.match(words[0]):
        return  # "[S. 12 Introduced in Senate (IS)]": where a bill stands, no body
    if STATE_PARTY.fullmatch(text, start, end):
        return  # "to which Zembla is a State Party": a state bound by a treaty, no body
    if _A_RIGHT.fullmatch(text, start, end):
        return  # "Freedom of Movement", "Right to Peaceful Assembly": a right, no body
    if _branch_of_facility(doc, start, end):
        return  # "the UNHCR Office in Vardia" is a place, named whole already
    part = part_named(text, end)
    if part is not None:  # "the United Nations refugee agency": the agency, named so
        add(doc, start, part, "Organization", "organizations")
        return
    if _names_another(doc, start, end):
        return  # "the United Nations Charter", "a United Nations depot"
    # "Members of Parliament" is how the text names the body: the name is the body's
    members = _MEMBERS_OF.match(text, start, end)
    name = text[members.end() : end] if members else ""
    # "Ruritania's State Council" is the State Council, of Ruritania
    owner = re.search(rf"(?:{country_pattern()})(?:'s|\u2019s){SP}", text[start:end])
    if owner and len(text[start + owner.end() : end].split()) >= 2:
        start += owner.start()  # "the NLD and Freedonia's Election Commission"
        name = text[start + owner.end() - owner.start() : end]
    add(doc, start, end, "Organization", "organizations", name=name)


def _branch_of_facility(doc: Annotated, start: int, end: int) -> bool:
    """An office or mission whose name begins a facility's name ("UNHCR Office" in "the
    UNHCR Office in Beijing") is that building, not a second body."""
    if not re.search(r"(?:Office|Mission)$", doc.document.text[start:end]):
        return False
    return any(m.cls == "Place" and m.start <= start and end < m.end for m in doc.mentions)


def _names_another(doc: Annotated, start: int, end: int) -> bool:
    """A body named only to name something of its own, a law ("the United Nations
    Convention ...") or a part ("a United Nations depot", "the United Nations refugee
    agency"), is not itself what the sentence speaks of."""
    if names_a_part(doc.document.text, end):
        return True
    return any(m.cls == "Law" and m.start <= start and end <= m.end for m in doc.mentions)


def all_caps_line(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8

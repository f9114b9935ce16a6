"""What legislatures do with bills: a bill referred to a committee, a law passed by a
chamber. Bills say where they were sent in one shape ("which was referred to the Committee
on Appeals, and in addition to the Committee on Budgets"); passing is read from the parse,
so the chamber is found as subject, passive agent or object ("the Senate passed the Act",
"the Act was passed by the Senate", "the Act passed the Senate"); a measure a state imposes
or launches is that state's ("Vell imposed sanctions"), and it targets whom it is put on
("sanctions on Zemban officials")."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract import component
from reportgraph.extract.headings import agreed_in_chamber
from reportgraph.extract.laws import BILL
from reportgraph.extract.patterns import outermost, relate
from reportgraph.model import Annotated, Mention, Sentence

_REFERRED = re.compile(
    r"\breferred\s+to\s+(?:the\s+)?|\bin\s+addition\s+to\s+(?:the\s+)?(?=(?:[A-Z]\w*\s+)*Committee)"
)
_BILL = re.compile(r"\b(?:H|S)\.?\s?(?:R|RES|J|CON)?\b", re.IGNORECASE)
_PASSING = frozenset("pass approve adopt enact".split())
# verbs by which a state or body makes a measure its own: "Vell imposed sanctions"
_IMPOSING = frozenset("impose implement place introduce launch enforce".split())
_BODIES = ("Organization", "Country")


@component("legislation", requires=["sentences", "mentions"], assigns=["relations"])
def legislation(doc: Annotated) -> None:
    _referrals(doc)
    for sentence, parsed in zip(doc.sentences, doc.parses, strict=False):
        _passing(doc, sentence, parsed)
        chamber = chamber_of_step(doc, sentence) if agreed_in_chamber(sentence) else None
        for bill in law_referred_to(doc, "LegalAction", sentence) if chamber else ():
            relate(doc, chamber, "passed", bill, sentence, "legislation")
    for sentence in doc.sentences:
        _targets(doc, sentence)


# a measure named by what it does to someone: "sanctions on X", "a ban against X"
_MEASURE = re.compile(r"\b(?:sanctions?|restrictions?|embargo(?:es)?|bans?|penalties)\b", re.I)
_ON = re.compile(r"[ \t]+(?:on|against|targeting)[ \t]+(?:the[ \t]+)?$")
# "the Act ... to sanction X", "a bill to punish X"
_TO_PUNISH = re.compile(
    r"\bto[ \t]+(?:\w+ly[ \t]+)?(?:sanction|punish|target)[ \t]+(?:the[ \t]+)?$"
)
_TARGETS = ("Country", "Organization", "Group", "Person")


def _targets(doc: Annotated, sentence: Sentence) -> None:
    """Whom a law or measure is aimed at: "imposed sanctions on Zemban officials", "the
    Vell Act ... to sanction the Zemban government"."""
    inside = doc.mentions_in(sentence)
    text = doc.document.text
    laws = [m for m in inside if m.cls == "Law"]
    for m in outermost(inside):
        if m.cls not in _TARGETS:
            continue
        before = text[sentence.start : m.start]
        law = None
        if _ON.search(before):
            law = next((w for w in laws if w.end == m.start - len(_ON.search(before)[0])), None)
            law = law if law is not None and _MEASURE.search(law.text) else None
        elif _TO_PUNISH.search(before):
            earlier = [w for w in laws if w.end <= m.start]
            law = earlier[-1] if earlier else None
        if law is not None:
            relate(doc, law, "targets", m, sentence, "legislation")


def _referrals(doc: Annotated) -> None:
    """The document's bill (the first numbered bill it names) goes to each committee named
    right after "referred to" in the bill's own heading."""
    bill = next((m for m in doc.mentions if m.cls == "Law" and _BILL.match(m.text)), None)
    if bill is None:
        return
    for found in _REFERRED.finditer(doc.document.text):
        body = next(
            (m for m in doc.mentions if m.start == found.end() and m.cls == "Organization"), None
        )
        sentence = next((s for s in doc.sentences if s.start <= found.start() < s.end), None)
        if body is not None and sentence is not None:
            relate(doc, bill, "referredTo", body, sentence, "legislation")


def _passing(doc: Annotated, sentence: Sentence, parsed: Any) -> None:
    inside = doc.mentions_in(sentence)
    for verb in parsed:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in _PASSING | _IMPOSING:
            continue
        bodies: list[Mention] = []
        laws: list[Mention] = []
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                heads = [child]
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "in"):
                heads = [c for c in child.children if c.dep_ == "pobj"]
            else:
                continue
            for head in heads:
                for word in (head, *head.conjuncts):
                    m = _covering(inside, sentence.start + word.idx)
                    if m is not None and m.cls == "Law":
                        laws.append(m)
                    elif m is not None and m.cls in _BODIES and child.dep_ != "prep":
                        bodies.append(m)
                    elif m is not None and m.cls == "Organization":
                        bodies.append(m)  # "was passed in the Senate"
        for body in bodies:
            for law in laws:
                if lemma in _PASSING:
                    relate(doc, body, "passed", law, sentence, "legislation")
                else:
                    relate(doc, law, "lawOf", body, sentence, "legislation")


def _covering(mentions: list[Mention], at: int) -> Mention | None:
    found = [m for m in mentions if m.start <= at < m.end]
    return min(found, key=lambda m: m.end - m.start) if found else None


# "the bill", "this Act", "the following resolution": a law named before, by its kind.
_THE_LAW = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ss]uch)\s+(?P<following>following\s+)?(?:(?:[a-z]+|\d{4})\s+){0,2}"
    r"(?:bill|[Aa]ct|resolution|law|legislation|measure|amendment"
    # a kind only some laws are: the last one named of that kind ("the operation")
    r"|(?P<kind>operation|campaign|policy|ban|treaty|convention|agreement|decree|order))\b"
)


# how a resolution's title says what it does: "Calling on ...", "Condemning ..."
_TITLE = re.compile(
    r"\s*(?:Calling|Urging|Condemning|Expressing|Recognizing|Supporting|Reaffirming|Commending"
    r"|Affirming|Encouraging|Demanding)\b"
)
_INVOKING = re.compile(r"\b(?:under|violat\w+|breach\w*|pursuant\s+to|as\s+part\s+of)\s+$")


def own_bill(doc: Annotated, cls: str, sentence: Sentence) -> tuple[Mention, ...]:
    """The bill a bill's text records introducing ("Ms. Vell introduced the following bill;
    which was referred to ..."): the text's own, before any law its title glued to the
    sentence names ("A BILL To end the Vell Protocols")."""
    if cls != "LegalAction" or not _INTRODUCED.search(sentence.text):
        return ()
    found = law_referred_to(doc, cls, sentence)
    return found if found and BILL.match(found[0].text) else ()


_INTRODUCED = re.compile(r"\b(?:introduced|submitted)\s+the\s+following\b")


def law_referred_to(doc: Annotated, cls: str, sentence: Sentence) -> tuple[Mention, ...]:
    """The law a legal act names only by its kind ("the amended bill was referred to the
    committee"): the one named last before the sentence; "the following bill" is the
    text's own: the numbered bill it names first, else the first law it names."""
    found = _THE_LAW.search(sentence.text)
    if found and cls != "LegalAction" and not _INVOKING.search(sentence.text, 0, found.start()):
        found = None  # only an act done under the law, or against it, is linked to it
    laws = [m for m in doc.mentions if m.cls == "Law"]
    # the bill the text itself is: the numbered bill it names first (a page's header may
    # cite another law before it: "Pursuant to Title 17 ...")
    own = min((m for m in laws if BILL.match(m.text)), key=lambda m: m.start, default=None)
    if cls == "Statement" and own is not None and _TITLE.match(sentence.text):
        return (own,)  # "Calling on Zembla to release ...": the resolution's own title
    if cls == "LegalAction" and own is not None and agreed_in_chamber(sentence):
        return (own,)  # "H. Res. 12 / In the House of Representatives, U. S.,": agreed to
    if found is None:
        return ()
    if found["following"]:
        own = own or min(laws, key=lambda m: m.start, default=None)
        return (own,) if own is not None else ()
    # named before, or referred to so by an act told before ("the amended bill")
    before = [(m.start, m) for m in laws if m.end <= sentence.start]
    before += [(e.trigger_start, m) for e in doc.events if e.trigger_start < sentence.start
               for m in e.laws]  # fmt: skip
    if found["kind"]:
        before = [(at, m) for at, m in before if found["kind"] in m.canonical.lower().split()]
    year = re.search(r"\b\d{4}\b", found.group())  # "the current 2020 bill"
    if year and any(year.group() in m.text for _, m in before):
        before = [(at, m) for at, m in before if year.group() in m.text]
    return (max(before, key=lambda b: b[0])[1],) if before else ()


# A bill's own record of its passage: "introduced the following bill", "which was
# referred to", "Reported by Mr. Vell", "Considered and agreed to".
_STEP = re.compile(
    r"\b(?:(?:introduced|submitted)\s+the\s+following|referred\s+to|[Rr]eported\s+by"
    r"|[Cc]onsidered\s+and\s+agreed\s+to)\b"
)
# The chamber a bill's text is laid before: "IN THE SENATE OF THE UNITED STATES".
_CHAMBER = re.compile(r"\bIN\s+THE\s+(SENATE|HOUSE\s+OF\s+REPRESENTATIVES)\b")


def chamber_of_step(doc: Annotated, sentence: Sentence) -> Mention | None:
    """The chamber of a bill's text, for the steps the text records of it: the body its
    "IN THE SENATE ..." heading names, as the text names it elsewhere ("the Senate")."""
    if agreed_in_chamber(sentence):  # "In the House of Representatives, U. S.,"
        return next((m for m in doc.mentions_in(sentence) if m.cls == "Organization"), None)
    if not _STEP.search(sentence.text):
        return None
    heading = _CHAMBER.search(doc.document.text, 0, 5000)
    if heading is None:
        return None
    word = heading.group(1).split()[0].lower()  # "senate", "house"
    named = re.compile(rf"(?:the\s+)?(?:united\s+states\s+|u\.\s?s\.\s+)?{word}\b")
    bodies = sorted((m for m in doc.mentions if m.cls == "Organization"), key=lambda m: m.start)
    return next(
        (
            m
            for m in bodies
            if named.match(m.canonical.lower()) and "committee" not in m.canonical.lower()
        ),
        None,
    )


_ITEM = re.compile(r"\(\w{1,4}\)\s")
_LEAD_END = re.compile(r"(?:--|\u2014|:)[ \t]*$")
_LEAD_CLASSES = frozenset({"Person", "Organization", "Country"})


def list_lead(text: str, mentions: list[Mention], sentence: Sentence) -> list[Mention]:
    """Who does what a numbered item of a list says when the item names no one ("(2) calls
    on Zembla to ..."): the one its lead line names ("Resolved, That the Senate--")."""
    if not _ITEM.match(sentence.text):
        return []
    line_end = text.rfind("\n", 0, sentence.start)
    for _ in range(40):  # lines back: the items before, and their wrapped lines
        if line_end < 0:
            return []
        line_start = text.rfind("\n", 0, line_end) + 1
        if _LEAD_END.search(text, line_start, line_end):
            named = [
                m for m in mentions if line_start <= m.start < line_end and m.cls in _LEAD_CLASSES
            ]
            return sorted(named, key=lambda m: m.start)[-1:]
        line_end = line_start - 1
    return []

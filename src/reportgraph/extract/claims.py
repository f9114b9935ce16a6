"""Claims: who says what, with which stance, and the figures they give.

Reports rarely speak on their own authority: "according to the Tarvel Aid Council, 43
people were detained"; "the ministry denied that anyone was deported"; "an estimated
30,000 to 50,000 refugees live in the province, though officials put the figure at
5,000". Each attributed statement is a claim with its source (the subject of a verb of
saying, the object of "according to", or "unnamed sources" when a passive names none),
a stance read from the verb (data/claim_cues.tsv), the figures of its clause and what
they count. A figure outside any attributed clause is the document's own claim.

The parse decides which clause a figure belongs to: the innermost cue whose subtree
holds it. Without a statistical parse no claim is read (the clauses cannot be told).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from reportgraph.dates import find_dates
from reportgraph.errors import ReportgraphError
from reportgraph.extract import component
from reportgraph.extract.people import _lemma, people_nouns
from reportgraph.model import (
    STANCES,
    Annotated,
    ClaimMention,
    EventMention,
    Figure,
    Mention,
    Sentence,
)
from reportgraph.numbers import Span, figures

CUE_FILE = "claim_cues.tsv"
UNNAMED = "unnamed sources"
_PRONOUNS = frozenset("it they he she i you this that these those who which one".split())
_MAGNITUDES = frozenset("hundred thousand million billion ten dozen score".split())
# a figure under one of these is not stated as fact: "the prospect of hundreds of thousands"
_UNREAL = frozenset("possibility risk fear threat prospect danger plan target goal".split())
_OWN_STANCES = {"estimated": "estimates", "an estimated": "estimates"}


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, tuple[str, frozenset[str]]]  # lemma -> (stance, objects it needs)
    nouns: dict[str, str]
    counted: frozenset[str]
    nonsources: frozenset[str]


def parse_cues(text: str, source: str = CUE_FILE) -> Cues:
    verbs: dict[str, tuple[str, frozenset[str]]] = {}
    nouns: dict[str, str] = {}
    counted: set[str] = set()
    nonsources: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        kind, lemma = cols[0], cols[1] if len(cols) > 1 else ""
        stance = cols[2] if len(cols) > 2 else ""
        if kind == "count" and lemma:
            counted.add(lemma)
        elif kind == "nonsource" and lemma:
            nonsources.add(lemma)
        elif kind in ("verb", "noun") and lemma and stance in STANCES:
            if kind == "verb":
                objects = (
                    frozenset(filter(None, cols[3].split("|"))) if len(cols) > 3 else frozenset()
                )
                verbs[lemma] = (stance, objects)
            else:
                nouns[lemma] = stance
        else:
            raise ReportgraphError(f"{source} line {number}: not a claim cue row: {line!r}")
    return Cues(verbs, nouns, frozenset(counted), frozenset(nonsources))


@cache
def cues() -> Cues:
    """The cue table, read once from the package's data file."""
    return parse_cues((files("reportgraph") / "data" / CUE_FILE).read_text(encoding="utf-8"))


@dataclass
class _Cue:
    token: Any
    stance: str
    scope: set[int]  # token indexes of the clause the cue attributes
    source: Mention | None
    source_text: str
    figures: list[tuple[Span, Any]]  # each with the token it counts, or None


@component("claims", requires=["sentences", "mentions", "events"], assigns=["claims"])
def claims(doc: Annotated) -> None:
    by_sentence: dict[int, list[EventMention]] = {}
    for ev in doc.events:
        by_sentence.setdefault(ev.sentence.start, []).append(ev)
    for i, sentence in enumerate(doc.sentences):
        parsed = doc.parses[i] if i < len(doc.parses) else None
        if parsed is not None:
            events = by_sentence.get(sentence.start, [])
            doc.claims.extend(_sentence(doc, sentence, parsed, events))


def _sentence(
    doc: Annotated, sentence: Sentence, parsed: Any, events: list[EventMention]
) -> Iterator[ClaimMention]:
    inside = doc.mentions_in(sentence)
    found = [_cue(token, sentence, inside, doc.mentions) for token in parsed]
    cue_list = [c for c in found if c is not None]
    own: list[tuple[Span, Any]] = []
    last_counted: Any = None
    for span in figures(sentence.text):
        chars = parsed.char_span(span.start, span.end, alignment_mode="expand")
        if chars is None or not len(chars):
            continue
        token = chars[-1]
        if any(a.lemma_.lower() in _UNREAL for a in token.ancestors):
            continue
        head = _counted(token)
        if head is not None and not _countable(head, sentence, inside):
            continue
        head = head if head is not None else last_counted
        holders = [c for c in cue_list if token.i in c.scope]
        if head is None and not any(
            cues().verbs[c.token.lemma_.lower()][1]
            for c in holders
            if c.token.lemma_.lower() in cues().verbs
        ):
            continue  # a bare number, unless a source "puts the figure at" it
        last_counted = head if head is not None else last_counted
        if holders:
            min(holders, key=lambda c: len(c.scope)).figures.append((span, head))
        else:
            own.append((span, head))
    for c in cue_list:
        if c.source is not None and any(
            c.source.start == sentence.start + span.start for span, _ in c.figures
        ):
            c.source, c.source_text = None, UNNAMED  # "Up to 300,000 believed in hiding"
        if not c.figures and not _says_something(c.token):
            continue
        yield _claim(doc, sentence, parsed, c, events, inside)
    if own:
        first = own[0][0]
        lead = first.text.lower().split()
        stance = (
            "estimates"
            if lead[:2] == ["an", "estimated"] or lead[:1] == ["estimated"]
            else "asserts"
        )
        scope = set(range(len(parsed)))
        for c in cue_list:
            scope -= c.scope
        cue = _Cue(parsed[0], stance, scope, None, "", own)
        yield _claim(doc, sentence, parsed, cue, events, inside, start=first.start, text=first.text)


def _claim(
    doc: Annotated,
    sentence: Sentence,
    parsed: Any,
    cue: _Cue,
    events: list[EventMention],
    inside: list[Mention],
    start: int | None = None,
    text: str = "",
) -> ClaimMention:
    if start is None:
        start, text = cue.token.idx, cue.token.text
        if cue.token.lower_ == "according":
            text = "according to"
    figs = _merge([_figure(span, head) for span, head in cue.figures])
    groups: dict[tuple[int, int], Mention] = {}
    for _, head in cue.figures:
        if head is None:
            continue
        at = sentence.start + head.idx
        for m in inside:
            if m.start <= at < m.end and m.cls in ("Group", "Person"):
                groups.setdefault((m.start, m.end), m)
    chars = {parsed[i].idx for i in cue.scope}
    about = tuple(
        (e.cls, e.trigger_start)
        for e in events
        if e.trigger_start - sentence.start in chars
        and e.trigger_start - sentence.start != cue.token.idx
    )
    first = min(cue.scope, default=0)
    last = max(cue.scope, default=len(parsed) - 1)
    lo, hi = parsed[first].idx, parsed[last].idx + len(parsed[last])
    dates = [d.iso for d in find_dates(sentence.text, doc.document.date) if lo <= d.start < hi]
    return ClaimMention(
        start=sentence.start + start,
        end=sentence.start + start + len(text),
        cue=text,
        stance=cue.stance,
        sentence=sentence,
        source=cue.source,
        source_text=cue.source_text,
        figures=tuple(figs),
        about=tuple(groups.values()),
        events=about,
        places=_places(inside, sentence, chars, cue, groups),
        date=dates[0] if dates else None,
    )


def _places(
    inside: list[Mention],
    sentence: Sentence,
    chars: set[int],
    cue: _Cue,
    groups: dict[tuple[int, int], Mention],
) -> tuple[Mention, ...]:
    """The places the clause names, outside its source and its counted groups ("refugees
    from Freedonia" names whose they are, not where they are counted)."""
    taken = [*groups.values(), *([cue.source] if cue.source else [])]
    words = {sentence.start + c for c in chars}
    return tuple(
        m
        for m in inside
        if m.cls in ("Place", "Country")
        and m.start in words
        and not any(t.start <= m.start and m.end <= t.end for t in taken)
    )


def _figure(span: Span, head: Any) -> Figure:
    if head is None:
        return Figure(" ".join(span.text.split()), span.value, span.low, span.high)
    return Figure(
        text=" ".join(span.text.split()),
        value=span.value,
        low=span.low,
        high=span.high,
        counted=head.text.lower() if head.pos_ != "PROPN" else head.text,
        counted_lemma=_lemma(head),
    )


def _merge(figs: list[Figure]) -> list[Figure]:
    """ "at least 30,000 refugees, and there may be as many as 100,000": a lower bound and
    an upper bound of one count in one claim are one range."""
    out: list[Figure] = []
    for f in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.counted_lemma == f.counted_lemma
            and prev.value is None
            and f.value is None
            and prev.high is None
            and f.low is None
            and prev.low is not None
            and f.high is not None
            and prev.low < f.high
        ):
            out[-1] = Figure(
                f"{prev.text} \u2026 {f.text}",
                None,
                prev.low,
                f.high,
                prev.counted,
                prev.counted_lemma,
            )
        else:
            out.append(f)
    return out


def _counted(token: Any) -> Any:
    """The noun a figure counts: "40,000 migrants", "tens of thousands of Freedonians",
    "150,000 and 300,000 refugees"; None when it counts nothing said ("put it at 5,000")."""
    t = token
    if (
        t.pos_ == "NUM"
        and t.dep_ == "pobj"
        and t.head.lower_ == "of"
        and t.head.head.pos_ == "NOUN"
    ):
        return t.head.head  # "a family of seven"
    for _ in range(6):
        lemma = t.lemma_.lower()
        if t.pos_ in ("NOUN", "PROPN") and lemma not in _MAGNITUDES and t.dep_ != "quantmod":
            return t
        of = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [o for p in of for o in p.children if o.dep_ == "pobj"]
        if objects:
            t = objects[0]
            continue
        if t.dep_ in ("nummod", "quantmod", "conj", "compound", "advmod", "amod", "nmod"):
            t = t.head
            continue
        return None
    return None


def _countable(head: Any, sentence: Sentence, inside: list[Mention]) -> bool:
    """People (a people noun, or a group or person named) or a counted act ("deaths")."""
    lemma = _lemma(head)
    if lemma in people_nouns() or lemma in cues().counted:
        return True
    at = sentence.start + head.idx
    return any(m.start <= at < m.end and m.cls in ("Group", "Person") for m in inside)


def _says_something(token: Any) -> bool:
    """A cue without figures still claims something when it governs a clause or an
    object: "denied that anyone was deported", "alleged torture"."""
    if token.lower_ == "according":
        return True
    if any(c.dep_ == "ccomp" for c in token.children):
        return True
    stance = cues().verbs.get(token.lemma_.lower(), ("", frozenset()))[0]
    return stance in ("denies", "alleges") and any(c.dep_ == "dobj" for c in token.children)


def _names_source(token: Any, sentence: Sentence, inside: list[Mention]) -> bool:
    """ "according to the ministry", not "according to its own rules"."""
    at = sentence.start + token.idx
    if any(m.start <= at < m.end and m.cls == "Law" for m in inside):
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return False
    return token.lemma_.lower() not in cues().nonsources


def _cue(
    token: Any, sentence: Sentence, inside: list[Mention], mentions: list[Mention]
) -> _Cue | None:
    table = cues()
    lemma = token.lemma_.lower()
    if lemma == "accord" and any(c.lower_ == "to" for c in token.children):
        to = next(c for c in token.children if c.lower_ == "to")
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects or not _names_source(objects[0], sentence, inside):
            return None
        source, text = _source(objects[0], sentence, inside)
        head = token.head if token.head.i != token.i else token
        scope = {t.i for t in head.subtree} - {t.i for t in token.subtree}
        return _Cue(token, "asserts", scope, source, text, [])
    if token.pos_ in ("VERB", "AUX") and lemma in table.verbs:
        stance, objects_needed = table.verbs[lemma]
        if objects_needed and not any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in objects_needed
            for c in token.children
        ):
            return None
        if any(c.dep_ == "neg" for c in token.children):
            return None  # "did not say": no claim either way
        if token.dep_ in ("amod", "acl") and not any(c.dep_ == "agent" for c in token.children):
            return None  # "the said document", "an estimated 30,000" (the document's own)
        source, text = _subject(token, sentence, inside, mentions)
        return _Cue(token, stance, {t.i for t in token.subtree}, source, text, [])
    if token.pos_ == "NOUN" and lemma in table.nouns and token.tag_ in ("NNS", "NN"):
        if token.dep_ not in ("nsubj", "nsubjpass", "attr"):
            return None
        by = [o for c in token.children if c.lower_ == "by" for o in c.children if o.dep_ == "pobj"]
        source, text = _source(by[0], sentence, inside) if by else (None, UNNAMED)
        head = token.head
        return _Cue(token, table.nouns[lemma], {t.i for t in head.subtree}, source, text, [])
    return None


def _subject(
    verb: Any, sentence: Sentence, inside: list[Mention], mentions: list[Mention]
) -> tuple[Mention | None, str]:
    """Who says it: the subject; the agent of a passive ("it is believed" names none)."""
    v = verb
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        agent = [o for c in v.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if agent:
            return _source(agent[0], sentence, inside)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return None, UNNAMED
        active = [s for s in subjects if s.dep_ == "nsubj"]
        if active:
            subject = active[0]
            if subject.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                subject = v.head
            if subject.lower_ in ("he", "she"):
                return _antecedent(sentence.start + subject.idx, mentions), UNNAMED
            return _source(subject, sentence, inside)
        if v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
            v = v.head  # "X arrived and said ...", "X refused to deny ..."
            continue
        break
    at = sentence.start + verb.idx
    before = [
        m
        for m in inside
        if m.end <= at and not sentence.text[m.end - sentence.start : verb.idx].strip(" ,")
    ]
    if before and before[-1].cls in ("Person", "Organization", "Country", "Group"):
        return before[-1], ""  # a misparsed subject right before its verb
    return None, UNNAMED


def _antecedent(at: int, mentions: list[Mention]) -> Mention | None:
    """ "He said ...": the person named last before, within a few sentences."""
    before = [m for m in mentions if m.cls == "Person" and at - 400 <= m.start < at]
    return max(before, key=lambda m: m.start) if before else None


def _source(token: Any, sentence: Sentence, inside: list[Mention]) -> tuple[Mention | None, str]:
    """The mention a source phrase names, or its own words when no mention covers it."""
    named = [t for t in token.subtree if t.dep_ == "appos"]
    for appos in named:  # "the police chief, Marek Duval, denied": the one named
        at = sentence.start + appos.idx
        for m in inside:
            if m.start <= at < m.end and m.cls in ("Person", "Organization"):
                return m, ""
    at = sentence.start + token.idx
    covering = [m for m in inside if m.start <= at < m.end]
    if covering:
        return max(covering, key=lambda m: m.end - m.start), ""
    if token.lower_ in _PRONOUNS:
        return None, UNNAMED
    by = [o for c in token.children if c.lower_ == "by" for o in c.children if o.dep_ == "pobj"]
    if by:
        return _source(by[0], sentence, inside)  # "a study by aid organizations reported"
    words = [t for t in token.subtree if t.i <= token.i]
    while words and words[0].pos_ in ("DET", "PUNCT", "NUM"):
        words = words[1:]
    if not words:
        return None, UNNAMED
    text = sentence.text[words[0].idx : token.idx + len(token)]
    return None, " ".join(text.split())

"""Plain data passed between the stages: documents -> mentions -> resolved facts.

Nothing here imports rdflib; the RDF layer (``rdf.py``) is the only place that does.
Offsets are character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENTITY_CLASSES = ("Person", "Organization", "Group", "Country", "Place", "Law")
EVENT_CLASSES = (
    "Flight",
    "AsylumRequest",
    "Arrest",
    "Repatriation",
    "Punishment",
    "Protest",
    "Petition",
    "Statement",
    "LegalAction",
    "Meeting",
    "Aid",
    "Resettlement",
)
RELATION_PREDICATES = (
    "ratified",
    "violates",
    "locatedIn",
    "memberOf",
    "leaderOf",
    "spokespersonOf",
    "heldIn",
    "operatesIn",
    "foundedIn",
    "signatoryOf",
    "partyTo",
    "partOf",
    "missionOf",
    "citizenOf",
    "basedIn",
    "lawOf",
    "issuedBy",
    "operatedBy",
    "represents",
    "sponsored",
    "referredTo",
    "passed",
    "aids",
    "targets",
    "relativeOf",
    "bornIn",
)
# Finer relations and the relation each refines (so a query for leaders finds presidents).
SUB_RELATIONS = {
    "presidentOf": "leaderOf",
    "primeMinisterOf": "leaderOf",
    "livesIn": "locatedIn",
    "cosponsored": "sponsored",
    "spouseOf": "relativeOf",
    "childOf": "relativeOf",
    "siblingOf": "relativeOf",
}


@dataclass(frozen=True, slots=True)
class Document:
    """One input file as text, with what the text says about itself."""

    path: Path
    file_name: str
    text: str
    sha256: str
    media_type: str
    title: str | None = None
    date: str | None = None  # ISO 8601 at the precision the text gives: 2002, 2002-05, 2002-05-09
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span naming an entity. ``name`` is the name it stands for when that differs
    from the surface text (``Chinese authorities`` stands for ``China``). A ``metonym``
    refers to the entity by something else ("Bangkok insists" for Thailand, "Thai" in
    "Thai police"): its text is not one of the entity's names."""

    start: int
    end: int
    text: str
    cls: str
    source: str
    name: str = ""
    metonym: bool = False
    # the whole phrase the text names it with, when longer than ``text``: "travelers to
    # the border" for the group "travelers" (another name for it, not another mention)
    phrase: str = ""

    @property
    def canonical(self) -> str:
        return self.name or self.text


@dataclass(frozen=True, slots=True)
class EventMention:
    cls: str
    trigger: str
    trigger_start: int
    sentence: Sentence
    source: str
    agents: tuple[Mention, ...] = ()
    affected: tuple[Mention, ...] = ()
    place: Mention | None = None
    date: str | None = None
    # the laws it is said to break or rest on, or that a legal action adopts
    laws: tuple[Mention, ...] = ()
    # who else the clause names as taking part, in no role the rules can tell
    others: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class RelationMention:
    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    source: str


STANCES = ("asserts", "denies", "estimates", "alleges")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a claim states, as a point (``value``) or a range or bound (``low``,
    ``high``), and what it counts ("refugees", lemma "refugee")."""

    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    counted: str = ""
    counted_lemma: str = ""

    def bounds(self) -> tuple[float, float]:
        """The interval the figure allows: an unstated bound is open."""
        if self.value is not None:
            return self.value, self.value
        low = self.low if self.low is not None else 0.0
        high = self.high if self.high is not None else float("inf")
        return low, high


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """An attributed statement: who says it (a mention, or the wording of a source no
    mention names: "officials", "unnamed sources"; neither: the document's own voice),
    with which stance, the figures it gives and what it is about."""

    start: int  # the cue ("said", "according to") or the figure that makes the claim
    end: int
    cue: str
    stance: str
    sentence: Sentence
    source: Mention | None = None
    source_text: str = ""
    figures: tuple[Figure, ...] = ()
    # the groups the figures count, and the events of the clause: (class, trigger start)
    about: tuple[Mention, ...] = ()
    events: tuple[tuple[str, int], ...] = ()
    places: tuple[Mention, ...] = ()  # where what it counts is, when the clause says
    date: str | None = None

    @property
    def own(self) -> bool:
        """Told on the document's own authority (its publisher's, else the document's)."""
        return self.source is None and not self.source_text


@dataclass(slots=True)
class Annotated:
    """A document as the extraction pipeline fills it in, component by component."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    # one statistical parse (a spaCy Doc) per sentence, when a model is installed
    parses: list[Any] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    claims: list[ClaimMention] = field(default_factory=list)
    # lines of a web page's furniture (menus, footers): no name is read in them
    furniture: list[tuple[int, int]] = field(default_factory=list)

    def add_mention(self, mention: Mention) -> bool:
        """Keep a mention unless it crosses an earlier one or stands in the page's
        furniture. A name may sit inside a longer name of another class (the city inside
        "the French Consulate in Lyon")."""
        if any(a <= mention.start < b for a, b in self.furniture):
            return False
        for m in self.mentions:
            if not (m.start < mention.end and mention.start < m.end):
                continue
            inside = m.start <= mention.start and mention.end <= m.end
            around = mention.start <= m.start and m.end <= mention.end
            if (m.start, m.end) == (mention.start, mention.end) or not (inside or around):
                return False
            if inside and (m.cls == "Person" or mention.cls in _NEVER_INSIDE.get(m.cls, ())):
                return False
            if inside and mention.text == m.canonical:
                return False  # "the Vell Detention Centre in Ardan": the site, not a body too
            if inside and _in_a_brand(m, mention):
                return False  # "Radio Free Europe": no place of the story, a brand
            if m.cls == mention.cls and not _located(m, mention) and not _located(mention, m):
                return False
        self.mentions.append(mention)
        return True

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        inside = [m for m in self.mentions if sentence.start <= m.start < sentence.end]
        return sorted(inside, key=lambda m: m.start)


# What a name of a class never holds inside it (a person's name holds nothing): "Mr.
# Nelson" no city, "El Salvador" no city, "the Geneva Conventions" no place, "the Vell
# Regional High Court" no person
_NEVER_INSIDE: dict[str, frozenset[str]] = {
    "Country": frozenset({"Place"}),
    "Law": frozenset({"Place", "Person"}),
    "Organization": frozenset({"Person"}),
}


def _in_a_brand(outer: Mention, inner: Mention) -> bool:
    """Is a place inside a body's name after its first word, not where the body is ("Radio
    Free Europe"; but "the Orun Security Office", "the Embassy in Orun")?"""
    return (
        outer.cls == "Organization"
        and inner.cls == "Place"
        and outer.start < inner.start
        and not _located(outer, inner)
    )


def _located(outer: Mention, inner: Mention) -> bool:
    """Is ``inner`` where or whose ``outer`` is ("the Embassy in Bangkok", "the Food and
    Agriculture Organization of the United Nations")?"""
    if not (outer.start < inner.start and inner.end <= outer.end):
        return False
    lead = outer.text[: inner.start - outer.start].rstrip()
    lead = lead.removesuffix(" the").rstrip()
    return lead.endswith((" in", " at", " of"))


@dataclass(slots=True)
class Entity:
    """One real-world thing after resolution, with every surface form it was met under."""

    key: str
    cls: str
    label: str
    alt_labels: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    same_as: str | None = None
    lat: float | None = None
    long: float | None = None


@dataclass(slots=True)
class Event:
    key: str
    cls: str
    label: str
    document: str
    evidence: str
    trigger: str
    date: str | None = None
    agents: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    place: str | None = None
    # where the evidence sentence stands in the document's text
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    document: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: why a surface form (of ``document``) joined ``target``
    (of ``target_document``) in one entity or event, by which rule and with which score."""

    entity: str
    surface: str
    document: str
    rule: str
    target: str = ""
    target_document: str = ""
    score: float = 1.0


@dataclass(slots=True)
class Claim:
    """A claim after resolution: its source and what it is about as entity and event
    keys. ``source`` is an entity key, or "" with ``source_text`` the wording of an
    unnamed source; with neither the document itself claims it (no publisher is known
    as an entity)."""

    key: str
    document: str
    stance: str
    cue: str
    evidence: str
    start: int
    end: int
    source: str = ""
    source_text: str = ""
    about: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # the groups the figures count
    places: list[str] = field(default_factory=list)  # where, when the clause says
    figures: list[Figure] = field(default_factory=list)
    date: str | None = None
    # the date of the report that tells it: the time an undated claim speaks of
    document_date: str | None = None
    conflicts: list[str] = field(default_factory=list)  # keys of claims it disagrees with


@dataclass(slots=True)
class Resolved:
    documents: list[Document]
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # (entity key, document file name) -> the names met there: surface forms, and the names
    # rules read from that text ("Laos-Thailand treaty" -> "Laos\u2013Thailand treaty")
    surface_forms: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    # entity key -> (document file name, mention) for every mention resolved to it
    mentions: dict[str, list[tuple[str, Mention]]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    # node key -> what the user's corrections changed there, shown beside the fact
    corrected: dict[str, list[str]] = field(default_factory=dict)

"""Relations stated between two entities of one sentence, by the words between them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgraph.extract import component
from reportgraph.extract.gazetteer import countries, owner_pattern, owner_state
from reportgraph.extract.gazetteer import places as gazetteer
from reportgraph.extract.laws import law_name
from reportgraph.extract.patterns import nested, relate
from reportgraph.extract.posts import LEADER_TITLES, role_words, title_relation
from reportgraph.extract.relationcues import BEFORE, BETWEEN, PEOPLE
from reportgraph.model import Annotated, Mention, Sentence

# a verb of holding right after its subject, in the active voice
_HOLDS = re.compile(r"\s*(?:\w+ly\s+)?(?:held|detained|imprisoned|jailed|kept|sent)\s")
_WHOLE_LAWS = ("ratified", "signatoryOf", "partyTo")
_FACILITY_WORD = re.compile(
    r"\b(?:prison|jail|camp|cent(?:er|re)|office|embassy|consulate|shelter|school|hospital)s?\b",
    re.IGNORECASE,
)


def _inside_another(m: Mention, inside: list[Mention], classes: tuple[str, ...]) -> bool:
    """Is ``m`` part of a longer name of a class that fits too ("Chongjin" in "the prison in
    Chongjin", "North Korea" in "North Korea's state security agency")?"""
    return any(
        o is not m
        and o.cls in classes
        and o.start <= m.start
        and m.end <= o.end
        and o.end - o.start > m.end - m.start
        for o in inside
    )


# after "of which <state>": what the state is to the law (used with .match(text, end))
def _whole_law(article: Mention, inside: list[Mention]) -> Mention | None:
    """The law an article belongs to, named inside the article's own name."""
    wholes = [
        o
        for o in inside
        if o.cls == "Law"
        and article.start < o.start
        and o.end <= article.end
        and not _ARTICLE_OF.match(o.text)
    ]
    return wholes[-1] if wholes else None


_SIGNATORY_AFTER = re.compile(
    r"\s+(?:(?:is|was|are|were|has\s+been)\s+(?:a\s+)?(?P<signatory>signator(?:y|ies))"
    r"|(?:is|was|are|were|has\s+been)\s+(?:a\s+)?part(?:y|ies)|(?:has\s+|had\s+)?acceded\s+to)\b"
)


_DENIED = re.compile(r"\b(?:not|never|n't|den(?:y|ies|ied)|refus(?:e|es|ed)\s+to)\b")
# A clause of what someone says or finds, whose subject is another than the name before it
_TOLD = re.compile(
    r"\b(?:said|says|ruled|rules|found|finds|concluded|argued|argues|claimed|claims|stated"
    r"|reported|reports|alleged|alleges|determined)\s+(?:on\s+\w+\s+)?that\s+"
    r"(?!(?:it|they|he|she)\b)"
    r"|\baccus(?:e|es|ed|ing)\b"  # "the ministry accused the group of violating": not it
    # "X has documented the use of torture, in violation of ...": what X reports, not does
    r"|\b(?:documented|documents|recorded|records|reported|reports|denounced|condemned"
    r"|condemns|criticized|criticised|highlighted|exposed|investigated)\s+(?:the|an?)\s+"
    r"|\bthat\s+(?:the|an?|this|these|those|its|their|his|her)\s+"  # "that the law breached"
)


def _pairs(mentions: list[Mention]) -> Iterable[tuple[Mention, Mention]]:
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if b.start >= a.end:
                yield a, b


@component("relations", requires=["sentences", "mentions"], assigns=["relations"])
def relations(doc: Annotated) -> None:
    text = doc.document.text
    for sentence in doc.sentences:
        inside = doc.mentions_in(sentence)
        for a, b in _pairs(inside):
            between = text[a.end : b.start]
            if len(between) > 120:
                continue
            clause = re.split(r"[,;:]", text[sentence.start : a.start])[-1]
            if _DENIED.search(between) or _DENIED.search(clause):
                continue  # "denied that it had violated", "has never ratified"
            if _TOLD.search(between):
                continue  # "the court ruled that her detention breached ...": she did not
            for predicate, subj, obj, pattern in BETWEEN:
                if a.cls in subj and b.cls in obj and pattern.search(between):
                    if predicate in _WHOLE_LAWS and _ARTICLE_OF.match(b.text):
                        continue  # a state signs a treaty, not its Article 3
                    wholes = [o for o in inside if not _ARTICLE_OF.match(o.text)]
                    if _inside_another(b, wholes if predicate in _WHOLE_LAWS else inside, obj):
                        continue  # held in "the prison in Pelton", not in Pelton
                    if predicate == "violates" and (
                        _ACT_OF.search(text[: a.start][-40:]) or _acted_on(doc, a, sentence)
                    ):
                        continue  # "the detention of X violated ...": done to X, not by X
                    if predicate == "operatedBy" and not _FACILITY_WORD.search(a.text):
                        continue  # a city is not run by anyone
                    nearer = {m.cls for m in inside if a.end <= m.start and m.end <= b.start}
                    if predicate == "heldIn" and _HOLDS.match(between) and nearer & set(PEOPLE):
                        continue  # "police detained 40 migrants at a checkpoint": not police
                    if predicate == "basedIn" and nearer & set(subj):
                        continue  # "X said they belong to Y, a group based in Z": Y's seat
                    if predicate == "leaderOf" and re.search(
                        r"President\s+$", text[max(0, a.start - 20) : a.start]
                    ):
                        predicate = "presidentOf"  # "President Ana Vell has ruled Zembla"
                    if predicate == "issuedBy":  # "the Senate passed the Act": issued by it
                        verb = a.end + pattern.search(between).end()
                        # not "..., and X imposed", "After X seized power, Y issued"
                        if not any(
                            (verb <= m.start or "," in text[a.end : m.start])
                            and a.end <= m.start
                            and m.end <= b.start
                            for m in inside
                            if m.cls in subj
                        ):
                            _relate(doc, b, predicate, a, sentence)
                    else:
                        _relate(doc, a, predicate, b, sentence)
            for predicate, subj, obj, pattern in BEFORE:
                if b.cls in subj and a.cls in obj and pattern.search(between):
                    if predicate == "signatoryOf":
                        after = _SIGNATORY_AFTER.match(text, b.end)
                        if not after:
                            continue
                        predicate = "signatoryOf" if after["signatory"] else "partyTo"
                    if predicate in _WHOLE_LAWS and _ARTICLE_OF.match(a.text):
                        a = _whole_law(a, inside)  # "Article 33 of the Convention, which"
                        if a is None:
                            continue
                    _relate(doc, b, predicate, a, sentence)
        _owners(doc, inside, sentence)
        _parts(doc, inside, sentence)
        _nested_places(doc, inside, sentence)
    _gazetteer_places(doc)


def _acted_on(doc: Annotated, m: Mention, sentence: Sentence) -> bool:
    """Is the name one an act of the sentence is done to ("police detained Ana Vell in
    breach of the Covenant": the police break it, not she)?"""
    return any(e.sentence == sentence and m in e.affected for e in doc.events)


_ACT_OF = re.compile(
    r"\b(?:detention|arrest|imprisonment|treatment|expulsion|deportation|execution|trial"
    r"|conviction|abduction|disappearance|torture|killing|prosecution)\s+of\s+(?:the\s+)?$"
)
_FACILITY = re.compile(
    r"\b(?:Embassy|Consulate|Consulate[- ]General|Mission|mission|office|Office)\b"
)
_CITIZEN_ROLES = (
    r"missionary|reporter|journalist|activist|national|citizen|pastor|diplomat|lawmaker"
    r"|student|worker|businessman|businesswoman|writer|scholar|photographer|priest"
    r"|woman|man|girl|boy|teenager|dissident|blogger|lawyer|doctor|engineer|academic"
    r"|refugee|migrant|asylum[- ]seeker|defender|supporter|politician"
)
# what makes a "leader" one of a state's people, not its leader: "the Zemban opposition leader"
_NOT_THE_STATE_S = r"opposition|rebel|party|community|religious|student|protest|union|tribal"


def _owner_of(doc: Annotated, m: Mention, sentence: Sentence) -> tuple[str, int, str] | None:
    """(predicate, offset, state word) for the state named on ``m``, if any."""
    text, owner = doc.document.text, owner_pattern()
    window = max(sentence.start, m.start - 60)
    if m.cls == "Person":
        role = re.search(
            rf"(?<![\w-])(?P<own>{owner})(?:'s|\u2019s)?\s+(?:(?:new|former|then)\s+)?"
            rf"(?:(?P<kind>{_NOT_THE_STATE_S})\s+)?(?P<role>{LEADER_TITLES}|{_CITIZEN_ROLES})\s+$",
            text[window : m.start],
        )
        if role is not None and role["kind"]:  # "Vellan opposition leader Ana Vell"
            return "citizenOf", window + role.start("own"), role.group("own")
        if role is None:  # "Ruritanian President Ana Lupu and Prime Minister Tomas Vell"
            role = re.search(
                rf"(?<![\w-])(?P<own>{owner})(?:'s|\u2019s)?\s+(?:(?:new|former|then)\s+)?"
                rf"(?:{LEADER_TITLES})\s+(?:[A-Z][\w'\u2019-]*\s+){{1,3}}and\s+"
                rf"(?P<role>{LEADER_TITLES})\s+$",
                text[max(sentence.start, m.start - 90) : m.start],
            )
            window = max(sentence.start, m.start - 90)
        if role is None:  # "the Kenyan journalist covering the trial, 34-year-old Ann Wairimu"
            role = re.search(
                rf"\b(?:the|a|an)\s+(?P<own>{owner})\s+(?:[A-Z][a-z]+\s+)?(?P<role>{_CITIZEN_ROLES})\b"
                rf"[^,.;]{{0,60}},"
                rf"\s+(?:\d+-year-old\s+)?$",
                text[max(sentence.start, m.start - 120) : m.start],
            )
            window = max(sentence.start, m.start - 120)
        if role is None:  # "President Ana Vell of Zembla"
            titled = re.search(rf"\b(?P<role>{LEADER_TITLES})\s+$", text[window : m.start])
            of = re.match(rf"\s+of\s+(?:the\s+)?(?P<own>{owner})\b", text[m.end : m.end + 60])
            if titled and of:
                return title_relation(titled["role"]), m.end + of.start("own"), of["own"]
        if role is None:
            after = re.match(  # "Ana Vell, a Zemban-born human rights lawyer"
                # "Ana Vell (born 1 May 1980) is a Zemban ...": an encyclopedia's first line
                rf"(?:\s*\([^()]{{0,120}}\))?(?:,\s+|\s+(?:is|was)\s+)(?:an?|the)\s+(?:former\s+|then\s+)?"
                rf"(?:(?:[A-Z]+-[a-z]+|Christian|Muslim|Catholic|Buddhist|Hindu|Jewish|young)\s+)?"
                rf"(?P<own>{owner})(?:-(?:{owner}|born))?\s+(?:[a-z-]+\s+){{0,2}}?"
                rf"(?P<role>{_CITIZEN_ROLES}|{role_words()}|developer|politician|leader)\b",
                text[m.end : m.end + 90],
            )
            if after is None:
                return None
            return "citizenOf", m.end + after.start("own"), after.group("own")
        title = role.group("role").lower()
        predicate = title_relation(title)
        return predicate, window + role.start("own"), role.group("own")
    if m.cls == "Place" and not _FACILITY.search(m.text):
        return _place_of(text, m, window, owner)
    predicate = {"Place": "missionOf", "Organization": "partOf", "Law": "lawOf",
                 "Group": "citizenOf"}[m.cls]  # fmt: skip
    kind = _KIND_BEFORE.search(text[window : m.start]) if m.cls == "Organization" else None
    if kind and re.fullmatch(owner, kind["own"]):  # "the Zemban rights group Vell Watch"
        return "basedIn", window + kind.start("own"), kind["own"]
    # a group may be counted first: "the 40 Malian students", "some 300 Malians"
    count = r"(?:(?:[a-z]+|[\d,.]+)\s+){0,3}" if m.cls == "Group" else ""
    lead = re.match(rf"(?:(?:[Tt]he|an?|An?)\s+)?{count}(?P<own>{owner})(?:'s|\u2019s)?\s+", m.text)
    if lead:
        return predicate, m.start + lead.start("own"), lead.group("own")
    # "Japan's Consulate", and "Japan's Public Security Intelligence Agency (PSIA)"
    possessive = re.search(
        rf"(?<![\w-])(?P<own>{owner})(?:'s|\u2019s)\s+(?:(?:[\w-]+\s+){{1,6}}\()?$",
        text[window : m.start],
    )
    if possessive:
        return predicate, window + possessive.start("own"), possessive.group("own")
    inner = re.search(rf"\bof\s+the\s+(?P<own>{owner})\s+\w+(?:\s+\w+)?$", m.text)
    if inner and m.cls == "Law":  # "Article 12 of the Thai penal code"
        return predicate, m.start + inner.start("own"), inner.group("own")
    # "the Embassy of the Republic of Chile", "the Ministry of Health of Peru"
    tail = re.search(rf"\bof\s+(?:the\s+)?(?P<own>{owner})$", m.text)
    if tail and m.cls in ("Place", "Organization") and tail.start() > 0:
        return predicate, m.start + tail.start("own"), tail.group("own")
    return None


# a state's word, then the kind of body named after it: "the Zemban rights group ..."
_KIND_BEFORE = re.compile(
    r"(?<![\w-])(?P<own>[A-Z][\w-]+)\s+(?:(?:human\s+)?rights\s+|aid\s+|advocacy\s+|news\s+)?"
    r"(?:organi[sz]ation|group|NGO|charity|watchdog|outlet|newspaper|agency|broadcaster)\s+$"
)
_COMPASS = r"(?:(?:north|south|east|west|central)(?:ern|east|west|eastern|western)?\s+)?"
_TOWN = r"city|town|village|port|capital"
_DIVISION = r"province|provinces|region|state|district|governorate"


def _place_of(text: str, m: Mention, window: int, owner: str) -> tuple[str, int, str] | None:
    """A place named with its state: "the southern Zemban city of Vellport", "the Zemban
    border town of Vellport", "Zembla's northern Vell region"."""
    before = text[window : m.start]
    kind = re.search(
        rf"(?<![\w-]){_COMPASS}(?P<own>{owner})\s+(?:[\w-]+\s+)?(?P<kind>{_TOWN}|{_DIVISION})\s+of\s+$",
        before,
        re.IGNORECASE,
    ) or re.search(rf"(?<![\w-])(?P<own>{owner})(?:'s|\u2019s)\s+{_COMPASS}$", before)
    if kind is None or not kind.group("own")[0].isupper():
        return None
    after = re.match(rf"\s+(?:{_DIVISION})\b", text[m.end : m.end + 20]) or re.search(
        rf"\s(?:{_DIVISION})$", m.text, re.IGNORECASE
    )
    divided = after or (kind.groupdict().get("kind") or "").lower() in _DIVISION.split("|")
    return ("partOf" if divided else "locatedIn"), window + kind.start("own"), kind.group("own")


_PART_OF = re.compile(
    r"^(?P<whole_first>United\s+Nations|UN)\s+[A-Z]|\sof\s+(?:the\s+)?(?P<whole>United\s+Nations|[A-Z]{2,})$"
)
# "Article 33 of the 1951 Convention" is part of the convention
_ARTICLE_OF = re.compile(
    r"^(?:[Aa]rticles?|(?:[Ss]ub)?[Ss]ections?|[Tt]itles?|[Cc]hapters?|[Pp]aragraphs?)"
    r"\s+[^,;]{1,40}?\s+of\s+(?:the\s+)?(?P<whole>.+)$",
    re.S,
)


def _parts(doc: Annotated, inside: list[Mention], sentence: Sentence) -> None:
    """ "the Food and Agriculture Organization of the United Nations", "the Bangkok office
    of the UNHCR", "the United Nations Human Rights Commission" are parts of the whole."""
    for m in inside:
        if m.cls == "Law":
            _article_of(doc, m, sentence)
            _made_by(doc, m, sentence)
            continue
        if m.cls not in ("Organization", "Place"):
            continue
        found = _PART_OF.search(m.text)
        if found is None:
            continue
        group = "whole" if found.group("whole") else "whole_first"
        whole_name = " ".join(found.group(group).split())
        start = m.start + found.start(group)
        whole = next(
            (
                o
                for o in doc.mentions
                if o.cls == "Organization" and o is not m
                and whole_name in (o.text, o.canonical)
            ),
            None,
        )  # fmt: skip
        if whole is None:
            whole = Mention(start, start + len(found.group(group)), found.group(group),
                            "Organization", "relations")  # fmt: skip
            if not doc.add_mention(whole):
                if any((o.start, o.end) == (whole.start, whole.end) for o in doc.mentions):
                    continue
                # the whole is named only inside the part's own name: a mention still
                doc.mentions.append(whole)
        _relate(doc, m, "partOf", whole, sentence)


_NAMED_LAW = re.compile(
    r"\b(?:Convention|Covenant|Protocol|Treaty|Charter|Act|Code|Constitution)\b"
)


# "the Council of Europe Convention on ...": a law named after the body that made it
_BODY_LAW = re.compile(
    r"^(?:the\s+)?(?P<body>(?:Council|Organi[sz]ation|League|Union|Assembly|Parliament)\s+of"
    r"\s+(?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+(?:Convention|Charter|Treaty|Protocol"
    r"|Declaration|Resolution|Directive|Regulation)\b"
)


def _made_by(doc: Annotated, m: Mention, sentence: Sentence) -> None:
    found = _BODY_LAW.match(m.text)
    if found is None:
        return
    start = m.start + found.start("body")
    body = Mention(start, start + len(found["body"]), found["body"], "Organization", "relations")
    if doc.add_mention(body):
        _relate(doc, m, "issuedBy", body, sentence)


def _article_of(doc: Annotated, m: Mention, sentence: Sentence) -> None:
    found = _ARTICLE_OF.match(m.text)
    if found is None or not _NAMED_LAW.search(found.group("whole")):
        return  # "Article 12 of the penal code": no named law to be part of
    start = m.start + found.start("whole")
    text = found.group("whole")
    whole = next((o for o in doc.mentions if (o.start, o.end) == (start, start + len(text))), None)
    if whole is None:
        whole = Mention(start, start + len(text), text, "Law", "relations", law_name(text))
        if not doc.add_mention(whole):
            return
    _relate(doc, m, "partOf", whole, sentence)


def _owners(doc: Annotated, inside: list[Mention], sentence: Sentence) -> None:
    """Whose a thing is, from the state named on it: "Zembla's Consulate General" is a
    mission of Japan, "the Thai foreign ministry" part of Thailand, "the Thai penal code" a
    law of Thailand, "the Kenyan reporter Ann Wairimu" a citizen of Kenya."""
    for m in inside:
        if m.cls not in ("Place", "Organization", "Law", "Person", "Group"):
            continue
        found = _owner_of(doc, m, sentence)
        state = owner_state(found[2]) if found else None
        if found is None or state is None:
            _unowned_ministry(doc, m, inside, sentence)
            continue
        predicate, at, own = found
        # "an Egyptian-Chilean writer": of both states
        both = re.match(rf"-({owner_pattern()})\b", doc.document.text[at + len(own) :])
        for start, word in [(at, own)] + ([(at + 1 + len(own), both[1])] if both else []):
            state = owner_state(word)
            target = next((c for c in inside if c.cls == "Country" and c.canonical == state), None)
            if target is None:  # the state named only as an adjective: still the country
                target = next(
                    (
                        c
                        for c in doc.mentions
                        if (c.start, c.end, c.cls) == (start, start + len(word), "Country")
                    ),
                    None,
                ) or Mention(start, start + len(word), word, "Country", "relations", state, True)
                if target not in doc.mentions and not doc.add_mention(target):
                    continue
            _relate(doc, m, predicate, target, sentence)


# (a "Department of ..." alone is most often the reporting state's own: "the Department of
# Justice charged agents of Zembla" is not Zembla's)
_MINISTRY = re.compile(r"^(?:the\s+)?Ministry\s+of\b")


def _unowned_ministry(
    doc: Annotated, m: Mention, inside: list[Mention], sentence: Sentence
) -> None:
    """ "Ministry of Foreign Affairs spokesperson Qin Gang reiterated the Chinese
    government's position": a ministry that names no state belongs to the one state its
    sentence names, when it names exactly one."""
    if m.cls != "Organization" or not _MINISTRY.match(m.text) or states_in(m.text):
        return
    named = {c.canonical: c for c in inside if c.cls == "Country" and not nested(c, m)}
    if len(named) == 1:
        _relate(doc, m, "partOf", next(iter(named.values())), sentence)


def states_in(text: str) -> bool:
    return bool(re.search(rf"(?<![\w-])(?:{owner_pattern()})(?![\w-])", text))


def _relate(doc: Annotated, s: Mention, predicate: str, o: Mention, sentence: Sentence) -> None:
    relate(doc, s, predicate, o, sentence, "relations")


def _nested_places(doc: Annotated, inside: list[Mention], sentence: Sentence) -> None:
    """A facility named with its city ("the Spanish Embassy in Lima") lies in that city."""
    for outer in inside:
        if outer.cls != "Place":
            continue
        for inner in inside:
            nested = outer.start < inner.start and inner.end <= outer.end
            if (
                nested
                and inner.cls in ("Place", "Country")
                and re.search(r"\b(?:in|at)\s+$", doc.document.text[outer.start : inner.start])
            ):
                _relate(doc, outer, "locatedIn", inner, sentence)


def _gazetteer_places(doc: Annotated) -> None:
    """A city or province lies in its country when one sentence names both ("refugees in
    Yanji and elsewhere in China"): the text puts them together, the gazetteer says how.
    A country named only elsewhere in the document is no evidence of the fact."""
    known = gazetteer()
    seen: set[str] = set()
    for sentence in doc.sentences:
        inside = doc.mentions_in(sentence)
        for m in inside:
            place = known.get(m.text) if m.cls == "Place" else None
            state = countries().get(place.country) if place is not None else None
            if state is None or m.text in seen:
                continue  # Kosovo (XK) has no ISO 3166 entry
            country = next(
                (c for c in inside if c.cls == "Country" and c.canonical == state.name), None
            )
            if country is not None:
                seen.add(m.text)
                _relate(doc, m, "locatedIn", country, sentence)


# --- who does what to whom, from the parse ------------------------------------------------

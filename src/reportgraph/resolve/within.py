"""Within one document: mentions -> nodes, and the rules that join a document's nodes.

A mention stands for the name the extractor gave it (an acronym for its definition, a
surname for the full name, "the Freedonian government" for the country) or else its own
text. Then, reading the document alone: a short name that only one person or body in the
document carries is that one; a stated alias or pseudonym is the same person; the people
who fled a state, however the document words it ("Laotian defectors", "refugees
from Laos"), are one group.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from reportgraph.extract.gazetteer import countries, country_names, demonyms
from reportgraph.model import Annotated, Mention
from reportgraph.numbers import people_count
from reportgraph.resolve.clusters import Clusters, Node
from reportgraph.resolve.names import (
    ABBREVIATIONS,
    BODY_WORDS,
    PART_WORDS,
    core_tokens,
    fold,
    is_year,
    known_place,
    label_form,
    normal,
    numbers,
    person_key,
    person_tokens,
    states,
)

# Who fled a state: these nouns name the same collective ("defectors", "escapees").
DISPLACED = r"refugees?|defectors?|escapees?|asylum[ -]seekers?"
_STATE_PHRASE = r"government|authorities|regime|administration|leadership"
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred"
    " dozens hundreds thousands some several many few all both"
)
_COUNTED = re.compile(
    rf"^(?:(?:these|those|the)\s+)?(?:\d[\d,]*|{_NUMBER_WORDS.replace(' ', '|')})\b"
)
_ANAPHORIC_GROUP = re.compile(r"^(?:the\s+)?(?:family|group|two|couple)\b|^family of\b")
# "X, who previously used the pseudonym Y", "X (also known as Y)", "X, alias Y"
_NAME = r"[\"\u201c']?((?:[A-Z][\w'\u2019.-]*)(?:[ \t]+[A-Z][\w'\u2019.-]*){0,4})[\"\u201d']?"
_ALIAS_AFTER = re.compile(
    r"^,?\s*\(?\s*(?:who\s+)?(?:(?:had|has)\s+)?(?:previously|formerly|earlier|once|also|later)?\s*"
    r"(?:(?:used|uses|went\s+by|goes\s+by|was\s+known\s+by|is\s+known\s+by|wrote\s+under)\s+"
    r"the\s+(?:pseudonym|alias|name|nickname|pen\s+name|nom\s+de\s+guerre)"
    r"|(?:also\s+)?known\s+as|a\.k\.a\.?|aka|alias|under\s+the\s+(?:pseudonym|alias|name))"
    rf"\s+{_NAME}"
)


@cache
def _demonym_codes() -> dict[str, str]:
    return {fold(d): code for d, code in demonyms().items()}


@cache
def _state_codes() -> dict[str, str]:
    out = {fold(n): code for n, code in country_names().items()}
    out.update(_demonym_codes())
    return out


@cache
def _displaced_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    dem = "|".join(re.escape(d) for d in sorted(_demonym_codes(), key=len, reverse=True))
    state = "|".join(re.escape(s) for s in sorted(_state_codes(), key=len, reverse=True))
    return (
        re.compile(rf"^(?P<s>{dem})\s+(?:{DISPLACED})$"),
        re.compile(rf"^(?:{DISPLACED})\s+from\s+(?P<s>{state})$"),
        re.compile(rf"^(?P<s>{dem})s$"),
    )


def displaced_state(name: str) -> tuple[str, bool] | None:
    """(ISO code, True) for the people who fled a state ("Laotian defectors",
    "escapees from Laos"); (code, False) for a bare plural demonym ("North Koreans")."""
    text = fold(name)
    named, from_state, plural = _displaced_patterns()
    for pattern in (named, from_state):
        m = pattern.match(text)
        if m:
            return _state_codes()[m.group("s")], True
    m = plural.match(text)
    if m:
        return _demonym_codes()[m.group("s")], False
    return None


_ETHNIC_IN = re.compile(r"^ethnic (?P<people>[a-z]+?)s (?:living |residing )?in (?P<state>.+)$")
_HYPHENATED_PEOPLE = re.compile(r"^(?P<people>[a-z]+)-(?P<state>[a-z ]+)$")


def ethnic_key(name: str) -> str | None:
    """One key for a people living in a state however worded: 'ethnic Koreans living in
    China' and 'Korean-Chinese' -> 'ethnic korean in CN'."""
    text = fold(name)
    m = _ETHNIC_IN.match(text)
    code = _state_codes().get(m.group("state")) if m else None
    if m is None:
        m = _HYPHENATED_PEOPLE.match(text)
        code = _demonym_codes().get(m.group("state")) if m else None
    if m is None or code is None:
        return None
    return f"ethnic {m.group('people')} in {code}"


def refugees_label(code: str) -> str:
    for dem, c in demonyms().items():
        if c == code and not dem.isupper() and "." not in dem:
            return f"{dem} refugees"
    return f"refugees from {countries()[code].name}"


_STATE_MENTION = re.compile(rf"^(?P<s>.+?)(?:'s)?\s+(?:{_STATE_PHRASE})$")


def _state_of_phrase(text: str) -> str | None:
    """'the Chinese authorities' -> 'China' when the extractor left it unnamed."""
    m = _STATE_MENTION.match(fold(text))
    code = _state_codes().get(m.group("s")) if m else None
    return countries()[code].name if code else None


def _is_local(cls: str, name: str) -> bool:
    """Names that mean something only inside their document: a lone surname or given
    name, a counted or anaphoric group ("the seven", "the family"), a common noun."""
    if cls == "Person":
        return len(person_tokens(name)) < 2
    if cls == "Group":
        text = fold(name)
        return bool(_COUNTED.match(text) or _ANAPHORIC_GROUP.match(text))
    if cls in ("Law", "Place", "Organization"):
        return name == name.lower()  # "sanctions", "the camp", "the court": only the report says
    return False


def build_nodes(
    docs: list[Annotated], forbidden: set[frozenset[str]]
) -> tuple[list[Node], dict[tuple[str, int, int], int]]:
    """One node per (document, class, normalized canonical name); mention span -> node."""
    nodes: list[Node] = []
    by_key: dict[tuple[str, str, str], Node] = {}
    where: dict[tuple[str, int, int], int] = {}
    for doc in docs:
        file_name = doc.document.file_name
        for m in doc.mentions:
            cls, canonical, rule = _canonical(m, forbidden)
            shown = label_form(canonical)
            displaced = displaced_state(shown) if cls == "Group" else None
            key = normal(shown, cls)
            preferred = ""
            if displaced and displaced[1]:
                preferred = refugees_label(displaced[0])
                key = f"refugees from {displaced[0].lower()}"
                if fold(m.text) != fold(preferred):
                    rule = (
                        f"group: '{label_form(m.text)}' names the people who fled "
                        f"{countries()[displaced[0]].name}"
                    )
            ethnic = ethnic_key(shown) if cls == "Group" else None
            if ethnic:
                key = ethnic
                people, _, code = ethnic.removeprefix("ethnic ").rpartition(" in ")
                rule = rule or (
                    f"group: '{label_form(m.text)}' names the {people.capitalize()} people "
                    f"living in {countries()[code].name}"
                )
            node = by_key.get((file_name, cls, key))
            if node is None:
                node = Node(len(nodes), file_name, cls, key, local=_is_local(cls, shown))
                node.preferred = preferred
                nodes.append(node)
                by_key[(file_name, cls, key)] = node
            node.canonicals[shown] += 1
            if not m.metonym:
                node.forms.add(label_form(m.text))
            if m.phrase:
                node.forms.add(label_form(m.phrase))
            node.mentions.append(m)
            if rule:
                node.naming.setdefault(label_form(m.text), rule)
            where[(file_name, m.start, m.end)] = node.id
    for node in nodes:
        node.settle()
    return nodes, where


def _canonical(m: Mention, forbidden: set[frozenset[str]]) -> tuple[str, str, str]:
    """(class, canonical name, rule) of a mention."""
    if m.name and fold(m.name) != fold(m.text):
        if frozenset((normal(m.text), normal(m.name))) in forbidden:
            return m.cls, m.text, ""
        return m.cls, m.name, f"{m.source}: '{label_form(m.text)}' names '{m.name}'"
    if m.cls in ("Organization", "Group", "Country") and not m.name:
        state = _state_of_phrase(m.text)
        if state:
            return "Country", state, f"state: '{label_form(m.text)}' is {state} acting as a state"
    return m.cls, m.canonical, ""


def join_within(
    docs: list[Annotated],
    nodes: list[Node],
    clusters: Clusters,
    stated: list[tuple[str, Node]] | None = None,
) -> dict[str, Node]:
    """Apply the within-document rules; returns aliases stated in the texts (folded alias
    -> the node it names, the first document's) for the rules across documents; every
    statement of one, in order, goes into ``stated`` when given."""
    by_doc: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        by_doc[node.doc].append(node)
    aliases: dict[str, Node] = {}
    for doc in docs:
        mine = by_doc.get(doc.document.file_name, [])
        _pseudonyms(doc, mine, clusters, aliases, stated)
        _short_person_names(mine, clusters)
        _plural_demonyms(mine, clusters)
        _short_forms(mine, clusters)
        _bare_counts(mine, clusters)
    return aliases


def _pseudonyms(
    doc: Annotated,
    mine: list[Node],
    clusters: Clusters,
    aliases: dict[str, Node],
    stated: list[tuple[str, Node]] | None,
) -> None:
    text = doc.document.text
    node_of = {(m.start, m.end): n for n in mine for m in n.mentions}
    by_key = {(n.cls, n.key): n for n in mine}
    for (_, end), node in sorted(node_of.items()):
        if node.cls not in ("Person", "Organization", "Group"):
            continue
        m = _ALIAS_AFTER.match(text[end : end + 160])
        if not m:
            continue
        alias = label_form(m.group(1).rstrip(".,"))
        if fold(alias) == fold(node.name):
            continue
        phrase = " ".join(m.group(0).split()).lstrip(", (")
        rule = f"the text says '{node.name}, {phrase}'"
        other = by_key.get((node.cls, normal(alias, node.cls)))
        if other is None and node.cls == "Person":
            wanted = person_key(alias)
            other = next(
                (n for n in mine if n.cls == "Person" and person_key(n.name) == wanted), None
            )
        if other is not None and other is not node:
            clusters.union(node.id, other.id, "alias", rule, a_name=node.name, b_name=alias)
        else:
            node.forms.add(alias)
            node.naming.setdefault(alias, rule)
        aliases.setdefault(f"{node.cls}\0{normal(alias, node.cls)}", node)
        if stated is not None:
            stated.append((f"{node.cls}\0{normal(alias, node.cls)}", node))


def _short_person_names(mine: list[Node], clusters: Clusters) -> None:
    """'Park' alone is the document's only person whose first or last name is Park."""
    people = [n for n in mine if n.cls == "Person" and not n.local]
    for node in mine:
        if node.cls != "Person" or not node.local:
            continue
        word = person_key(node.name)
        owners = {
            clusters.find(p.id)
            for p in people
            if word in (person_key(person_tokens(p.name)[0]), person_key(person_tokens(p.name)[-1]))
        }
        if len(owners) == 1:
            owner = next(p for p in people if clusters.find(p.id) in owners)
            clusters.union(
                node.id,
                owner.id,
                "short name",
                f"'{node.name}' is the only person of that name in the document: {owner.name}",
            )


# "the seven", "the group of nine": a number and nothing else says who
_COUNT_ONLY = re.compile(r"^(?:the\s+)?(?:(?:group|band|party)\s+of\s+)?(?P<n>\w+)$", re.I)


def _bare_counts(mine: list[Node], clusters: Clusters) -> None:
    """'The seven' are the group of seven named last before them in the document."""
    groups = [(m.start, n) for n in mine if n.cls == "Group" for m in n.mentions]
    for node in mine:
        if node.cls != "Group" or not all(_COUNT_ONLY.match(f) for f in node.forms):
            continue
        first = min(m.start for m in node.mentions)
        bare = _COUNT_ONLY.match(node.name)
        count = people_count(bare["n"]) if bare else None
        before = [
            (at, other)
            for at, other in groups
            if at < first and other is not node and people_count(other.name) == count
        ]
        if count is None or not before:
            continue
        _, antecedent = max(before, key=lambda pair: pair[0])
        clusters.union(
            node.id,
            antecedent.id,
            "counted anaphor",
            f"'{node.name}' are the last group of {count} named before: {antecedent.name}",
        )


def _plural_demonyms(mine: list[Node], clusters: Clusters) -> None:
    """In a document about North Korean refugees, 'North Koreans' are they."""
    fled = {n.key: n for n in mine if n.cls == "Group" and n.key.startswith("refugees from ")}
    for node in mine:
        if node.cls != "Group" or node.local:
            continue
        found = displaced_state(node.name)
        if found and not found[1]:
            target = fled.get(f"refugees from {found[0].lower()}")
            if target is not None:
                clusters.union(
                    node.id,
                    target.id,
                    "group",
                    f"the document speaks of {target.name}: '{node.name}' are they",
                )


def _splits_an_abbreviation(short_words: frozenset[str], long: str, cls: str) -> bool:
    """Does the short name take only part of what an abbreviation of the long one stands
    for? "Department of State" is no short form of "U.S. Department of Justice": its
    "State" is only inside "U.S."."""
    joined = _joined(long)
    literal = core_tokens(" ".join(w for w in joined.split() if w not in ABBREVIATIONS), cls)
    for abbreviation, expansion in ABBREVIATIONS.items():
        spelled = core_tokens(expansion, cls)
        if len(spelled) < 2 or not re.search(rf"\b{re.escape(abbreviation)}\b", joined):
            continue
        if (spelled & short_words) - literal and not spelled <= short_words:
            return True
    return False


def _joined(name: str) -> str:
    """The folded name with initials joined ("U.S." -> "us"), before expansion."""
    text = fold(name).replace("-", " ")
    return re.sub(r"\b(\w)\s(?=\w\b)", r"\1", text)


def short_form_of(short: str, long: str, cls: str) -> bool:
    """Is ``short`` a shorter way of naming what ``long`` names? Its words are among the
    long name's, and what the long name adds does not make it a part or a sub-body."""
    a, b = core_tokens(short, cls), core_tokens(long, cls)
    if not a or not a < b or _splits_an_abbreviation(a, long, cls):
        return False
    if known_place(short) or re.search(
        rf"\b(?:in|at|near) {re.escape(normal(short))}\b", normal(long)
    ):
        return False  # "Tibet" is where "Drapchi Prison in Tibet" is
    extra = b - a
    na, nb = numbers(short), numbers(long)
    if na and na != nb:
        return False
    # "Criminal Code No. 12" is "Article 12 of the criminal code": the same provision number
    provision = bool(na) and not any(is_year(n) for n in na)
    if extra & BODY_WORDS or (extra & PART_WORDS and not provision):
        return False
    owner = re.search(r"\b(?:of|for|under) (.+)$", normal(long))
    if owner and owner.start() > 0 and a <= core_tokens(owner.group(1), cls) and not provision:
        return False  # "United Nations" owns "Food and Agriculture Organization of the UN"
    if len(a) >= 2:
        return True
    # "Congress" is "Congress of the United States": a body's head word and its state
    if (
        cls == "Organization"
        and owner
        and a & BODY_WORDS
        and normal(long)[: owner.start()].strip() == normal(short)
        and states(owner.group(1))
        and core_tokens(owner.group(1), cls) == extra
    ):
        return True
    # "Senate" is "United States Senate": a body's head word after its state's name
    lead = normal(long)[: -len(normal(short))].strip()
    if (
        cls == "Organization"
        and a & BODY_WORDS
        and normal(long).endswith(" " + normal(short))
        and states(lead)
        and core_tokens(lead, cls) == extra
    ):
        return True
    # "1951 Convention", "1967 Protocol": a head word and a year
    return cls == "Law" and bool(na) and na == nb


def _short_forms(mine: list[Node], clusters: Clusters) -> None:
    """'Refugee Fund' and 'Refugee Fund for Burmese' are the document's 'Refugee Fund for
    Refugees' when no other name of the document also contains them."""
    for cls in ("Organization", "Law", "Place", "Group"):
        named = [n for n in mine if n.cls == cls and not n.local]
        # the longest short forms first: "Refugee Fund for Burmese" joins its host
        # before "Life Funds" looks for one
        for node in sorted(named, key=lambda n: (-len(core_tokens(n.name, cls)), n.id)):
            hosts = {
                clusters.find(o.id)
                for o in named
                if o is not node and any(short_form_of(node.name, f, cls) for f in _names(o))
            }
            if len(hosts) == 1:
                host = next(o for o in named if clusters.find(o.id) in hosts)
                clusters.union(
                    node.id,
                    host.id,
                    "short form",
                    f"'{node.name}' is a short form of '{host.name}', the only longer name "
                    "of the document that contains it",
                )


def _names(node: Node) -> set[str]:
    return set(node.canonicals) | node.forms | {node.name}

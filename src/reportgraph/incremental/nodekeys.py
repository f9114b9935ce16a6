"""What the rules across documents (``resolve.across``) read of a node, as the keys a
snapshot indexes it by: each key is the block a rule puts the node in, computed by the
same functions the rule calls, so that a later build can find a node's block-mates
without running the rule."""

from __future__ import annotations

from dataclasses import dataclass

from reportgraph.extract.laws import bilateral, bilateral_of_name
from reportgraph.resolve.across import NAMED_CLASSES, security_kind, surnames
from reportgraph.resolve.clusters import Node
from reportgraph.resolve.names import (
    acronym,
    core_tokens,
    initials,
    normal,
    person_key,
    person_tokens,
    states,
)

ACRONYM_CLASSES = ("Organization", "Law", "Place")


@dataclass(frozen=True)
class NodeKeys:
    person: str | None  # ``_romanized_people``: its block
    words: str | None  # ``_same_words``: its block (two words or more)
    short: str | None  # ``_short_forms``: the name's core words, sorted ("" for none)
    acronym: str | None  # ``_acronyms``: the name when it is an acronym
    letters: str | None  # ``_acronyms``: its letters, sorted
    spelling: str | None  # ``_misspellings``: the folded name
    initials: frozenset[str]  # ``_acronyms``: the initials of its long names
    postings: frozenset[str]  # ``_short_forms``: the core words of all its names
    definers: frozenset[str]  # ``_defined_elsewhere``: the names its forms define
    special: bool  # a rule of one state's security bodies or of bilateral treaties reads it
    family: str | None = None  # ``_titled_surnames``: a person's in full
    titled: str | None = None  # ``_titled_surnames``: a title and this family name alone


def words_key(words: frozenset[str]) -> str:
    return " ".join(sorted(words))


def node_names(node: Node) -> set[str]:
    """Every name of a node, as ``_short_forms`` and the entity's labels see them."""
    return set(node.canonicals) | node.forms | {node.name}


def node_keys(node: Node) -> NodeKeys:
    """The keys of an open node (one that rules across documents see); a local node has
    none but a title and a family name."""
    cls, name = node.cls, node.name
    family, titled = surnames(node)
    if node.local:  # only "Mr. Vell" is read, by ``_titled_surnames``
        return NodeKeys(None, None, None, None, None, None, frozenset(), frozenset(),
                        frozenset(), False, titled=titled)  # fmt: skip
    person = person_key(name) if cls == "Person" and len(person_tokens(name)) >= 2 else None
    words = None
    short = None
    postings: set[str] = set()
    if cls in NAMED_CLASSES:
        own = core_tokens(name, cls)
        words = words_key(own) if len(own) >= 2 else None
        short = words_key(own)
        for each in node_names(node):
            postings |= core_tokens(each, cls)
    short_name = acronym(name) if cls in ACRONYM_CLASSES else None
    letters = "".join(sorted(short_name)) if short_name else None
    found: set[str] = set()
    if cls in ACRONYM_CLASSES and not short_name:
        for each in set(node.canonicals) | {name}:
            if len(each.split()) >= 2 and len(initials(each)) >= 3:
                found.add(initials(each))
    spelling = normal(name, cls) if cls in NAMED_CLASSES and not acronym(name) else None
    definers = {
        normal(form, cls)
        for form in node.forms
        if normal(form, cls) != node.key and form in node.naming
    }
    return NodeKeys(
        person=person,
        words=words,
        short=short,
        acronym=short_name,
        letters=letters,
        spelling=spelling,
        initials=frozenset(found),
        postings=frozenset(postings),
        definers=frozenset(definers),
        special=_special(node),
        family=family,
        titled=titled,
    )


def _special(node: Node) -> bool:
    """Read by ``_security_authorities`` or ``_bilateral_laws``: a later build does not
    redo those rules, it falls back to a full resolution."""
    if node.cls == "Organization":
        return bool(security_kind(node.name)) and len(states(node.name)) == 1
    if node.cls == "Law":
        named = bilateral_of_name(node.name)
        if named is not None:
            return True
        return any(
            (found := bilateral(form)) is not None and found.parties
            for form in {node.name, *node.forms}
        )
    return False

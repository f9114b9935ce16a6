"""Across documents: one cluster per real-world thing.

Candidates come only from blocking keys (the same normalized name, the same words, the
same romanization key, the same initials, the same letters, neighbours in sorted order,
a shared rare word, one state's security bodies), so the work grows with the number of
names, not with its square.
Each candidate pair is then checked by a rule and by the guards in ``Clusters.union``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from reportgraph.extract.gazetteer import countries
from reportgraph.extract.laws import bilateral, bilateral_of_name
from reportgraph.resolve.clusters import Clusters, Link, Node
from reportgraph.resolve.names import (
    acronym,
    core_tokens,
    initials,
    normal,
    person_key,
    person_tokens,
    places_in,
    states,
)
from reportgraph.resolve.within import short_form_of

NAMED_CLASSES = ("Organization", "Law", "Place", "Group")
# Sorted-neighbourhood window for misspellings, and the largest block compared.
WINDOW = 4
MAX_BLOCK = 2000


def join_across(nodes: list[Node], clusters: Clusters, aliases: dict[str, Node]) -> None:
    open_nodes = [n for n in nodes if not n.local]
    _same_name(open_nodes, clusters)
    _stated_aliases(open_nodes, clusters, aliases)
    _defined_elsewhere(open_nodes, clusters)
    _romanized_people(open_nodes, clusters)
    _titled_surnames(nodes, clusters)  # "Mr. Vell" is local to its report, but titled
    _same_words(open_nodes, clusters)
    _acronyms(open_nodes, clusters)
    _misspellings(open_nodes, clusters)
    _short_forms(open_nodes, clusters)
    _security_authorities(open_nodes, clusters)
    _bilateral_laws(open_nodes, clusters)


def _chain(group: list[Node], clusters: Clusters, rule: str, detail: str, guarded: bool) -> None:
    first = group[0]
    for other in group[1:]:
        clusters.union(other.id, first.id, rule, detail.format(a=other, b=first), guarded=guarded)


def _same_name(nodes: list[Node], clusters: Clusters) -> None:
    blocks: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for n in nodes:
        blocks[(n.cls, n.key)].append(n)
    for group in blocks.values():
        if len(group) > 1:
            _chain(
                group, clusters, "same name", "'{a.name}' in {a.doc} = '{b.name}' in {b.doc}", False
            )


def _stated_aliases(nodes: list[Node], clusters: Clusters, aliases: dict[str, Node]) -> None:
    for n in nodes:
        owner = aliases.get(f"{n.cls}\0{n.key}")
        if owner is not None and owner.doc != n.doc:
            clusters.union(
                n.id,
                owner.id,
                "alias",
                f"{owner.doc} says '{n.name}' is an alias of {owner.name}",
                a_name=n.name,
                b_name=owner.name,
            )


def _defined_elsewhere(nodes: list[Node], clusters: Clusters) -> None:
    """A bare 'UNHCR' joins the body another document defined it as, if only one; a
    common noun ("the court") names what its own report says it does."""
    definers: dict[tuple[str, str], set[int]] = defaultdict(set)
    first: dict[tuple[str, str], Node] = {}
    for n in nodes:
        for form in n.forms:
            key = (n.cls, normal(form, n.cls))
            if key[1] != n.key and form in n.naming:
                definers[key].add(clusters.find(n.id))
                first.setdefault(key, n)
    for n in nodes:
        roots = definers.get((n.cls, n.key))
        if not roots or n.name == n.name.lower():
            continue  # "the court", "the students": a common noun is each report's own
        roots = {clusters.find(r) for r in roots}
        if len(roots) == 1 and clusters.find(n.id) not in roots:
            owner = first[(n.cls, n.key)]
            clusters.union(
                n.id,
                owner.id,
                "defined elsewhere",
                f"{owner.doc} says '{n.name}' names {owner.name}",
                a_name=n.name,
                b_name=owner.name,
            )


def _romanized_people(nodes: list[Node], clusters: Clusters) -> None:
    blocks: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.cls == "Person" and len(person_tokens(n.name)) >= 2:
            blocks[person_key(n.name)].append(n)
    for key, group in blocks.items():
        if len(group) > 1:
            names = sorted({n.name for n in group})
            if len(names) > 1:
                detail = "one name in another romanization: " + " = ".join(names) + f" ({key})"
            else:
                detail = f"same name: {names[0]}"
            _chain(group, clusters, "romanization", detail, True)


def _titled_surnames(nodes: list[Node], clusters: Clusters) -> None:
    """ "Mr. Vell" in one report is the "Tomas Vell" of another when the reports name one
    person of that family name only (a second Vell leaves him alone)."""
    full: dict[str, set[int]] = defaultdict(set)
    first: dict[str, Node] = {}
    titled: list[tuple[str, Node]] = []
    for n in nodes:
        family, titled_family = surnames(n)
        if family is not None:
            full[family].add(clusters.find(n.id))
            first.setdefault(family, n)
        elif titled_family is not None:
            titled.append((titled_family, n))
    for family, n in titled:
        roots = {clusters.find(r) for r in full.get(family, ())}
        owner = first.get(family)
        if len(roots) == 1 and owner is not None and owner.doc != n.doc:
            clusters.union(
                n.id,
                owner.id,
                "titled surname",
                f"'{n.name}' in {n.doc} is '{owner.name}' of {owner.doc}, the only person "
                "of that family name the reports give in full",
                guarded=True,
            )


def surnames(n: Node) -> tuple[str | None, str | None]:
    """What ``_titled_surnames`` reads of a node (a one-document build checks it too):
    the family name of a person it names in full (an open node), or that of a title and
    a family name alone ("Mr. Vell", local or not)."""
    if n.cls != "Person":
        return None, None
    words = person_tokens(n.name)
    if len(words) >= 2 and not n.local:
        return words[-1].lower(), None
    if len(words) == 1 and len(n.name.split()) >= 2:
        return None, words[0].lower()
    return None, None


def _same_words(nodes: list[Node], clusters: Clusters) -> None:
    """'Convention on the Status of Refugees' = 'Convention Relating to the Status of Refugees'."""
    blocks: dict[tuple[str, frozenset[str]], list[Node]] = defaultdict(list)
    for n in nodes:
        if n.cls in NAMED_CLASSES:
            words = core_tokens(n.name, n.cls)
            if len(words) >= 2:
                blocks[(n.cls, words)].append(n)
    for group in blocks.values():
        if len(group) > 1:
            _chain(
                group, clusters, "same words", "'{a.name}' and '{b.name}' use the same words", True
            )


def _acronyms(nodes: list[Node], clusters: Clusters) -> None:
    """'WFP' is the only 'World Food Programme'; 'UNCHR' is 'UNHCR' with two letters
    swapped when no other body of that class has those letters."""
    full: dict[tuple[str, str], set[int]] = defaultdict(set)
    sample: dict[int, Node] = {}
    acronyms: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for n in nodes:
        if n.cls not in ("Organization", "Law", "Place"):
            continue
        short = acronym(n.name)
        if short:
            acronyms[(n.cls, "".join(sorted(short)))].append(n)
            continue
        for name in set(n.canonicals) | {n.name}:
            if len(name.split()) >= 2 and len(initials(name)) >= 3:
                full[(n.cls, initials(name))].add(n.id)
    for n in (n for group in acronyms.values() for n in group):
        ids = full.get((n.cls, acronym(n.name) or ""), set())
        roots = {clusters.find(i) for i in ids}
        if len(roots) == 1 and not clusters.same(n.id, next(iter(ids))):
            host = next(iter(sorted(ids)))
            sample[host] = clusters.nodes[host]
            clusters.union(
                n.id,
                host,
                "acronym",
                f"'{n.name}' is the initials of '{clusters.nodes[host].name}', the only such name",
                score=1.0,
            )
    for group in acronyms.values():
        forms = sorted({acronym(n.name) or "" for n in group})
        if len(forms) < 2 or len(group) > MAX_BLOCK:
            continue
        by_form = {f: [n for n in group if acronym(n.name) == f] for f in forms}
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                if acronym_typo(a, b):
                    small, big = sorted((a, b), key=lambda f: (len(by_form[f]), f))
                    clusters.union(
                        by_form[small][0].id,
                        by_form[big][0].id,
                        "misspelling",
                        f"'{small}' is '{big}' with two letters swapped",
                        score=1 - 1 / len(a),
                    )


def _misspellings(nodes: list[Node], clusters: Clusters) -> None:
    """Neighbours in sorted order (of the name, and of the name reversed) that differ by
    one or two letters: 'Bankgok' / 'Bangkok', 'World Food Program' / 'Programme'."""
    for cls in NAMED_CLASSES:
        names: dict[str, Node] = {}
        for n in nodes:
            if n.cls == cls and not acronym(n.name):
                names.setdefault(normal(n.name, cls), n)
        keys = sorted(names)
        for order in (keys, sorted(keys, key=lambda k: k[::-1])):
            for i, a in enumerate(order):
                for b in order[i + 1 : i + 1 + WINDOW]:
                    _maybe_typo(names[a], names[b], a, b, clusters)


def _maybe_typo(x: Node, y: Node, a: str, b: str, clusters: Clusters) -> None:
    if clusters.same(x.id, y.id):
        return
    distance = typo(a, b)
    if distance is None:
        return
    score = 1 - distance / max(len(a), len(b))
    clusters.union(
        x.id,
        y.id,
        "misspelling",
        f"'{x.name}' and '{y.name}' differ by {distance} letter{'s' if distance > 1 else ''}",
        score=score,
    )


def typo(a: str, b: str) -> int | None:
    """The letters two folded names differ by when ``_misspellings`` tries to join them
    (one or two, the first letter the same, no number and no two known places apart),
    else None."""
    if min(len(a), len(b)) < 5:
        return None
    distance = Levenshtein.distance(a, b)
    allowed = 1 if min(len(a), len(b)) < 12 else 2
    if distance > allowed or a.split()[0][:1] != b.split()[0][:1]:
        return None
    if set(a.split()) ^ set(b.split()) and _differ_by_number(a, b):
        return None
    here, there = places_in(a), places_in(b)
    if here and there and here != there:  # "police in Luzhou" and "police in Zhuzhou"
        return None
    return distance


def acronym_typo(a: str, b: str) -> bool:
    """Two acronyms, ``a`` sorting first, that ``_acronyms`` takes for one misspelt."""
    return len(a) >= 4 and DamerauLevenshtein.distance(a, b) == 1


def _differ_by_number(a: str, b: str) -> bool:
    return any(w.isdigit() for w in set(a.split()) ^ set(b.split()))


def _short_forms(nodes: list[Node], clusters: Clusters) -> None:
    """'Refugees Convention' or '1951 Convention' in one document is the longer name of
    another when exactly one thing of that class in the collection carries it."""
    names_of: dict[int, set[str]] = defaultdict(set)
    postings: dict[tuple[str, str], set[int]] = defaultdict(set)
    for n in nodes:
        if n.cls not in NAMED_CLASSES:
            continue
        root = clusters.find(n.id)
        names = set(n.canonicals) | n.forms | {n.name}
        names_of[root] |= names
        for name in names:
            for word in core_tokens(name, n.cls):
                postings[(n.cls, word)].add(root)
    for n in sorted(nodes, key=lambda n: (-len(core_tokens(n.name, n.cls)), n.id)):
        if n.cls not in NAMED_CLASSES:
            continue
        words = core_tokens(n.name, n.cls)
        if not words or n.name.islower():
            continue  # "the court" of one report is no court another report names
        lists = [postings.get((n.cls, w), set()) for w in sorted(words)]  # one process's order
        smallest = min(lists, key=len)
        if len(smallest) > MAX_BLOCK:
            continue
        mine = clusters.find(n.id)
        hosts = {
            clusters.find(r)
            for r in smallest
            if clusters.find(r) != mine and _hosts(n, names_of.get(r, set()))
        }
        if len(hosts) == 1:
            host_root = next(iter(hosts))
            host = next(
                r for r in smallest if clusters.find(r) == host_root and _hosts(n, names_of[r])
            )
            long = next(f for f in sorted(names_of[host]) if short_form_of(n.name, f, n.cls))
            clusters.union(
                n.id,
                host,
                "short form",
                f"'{n.name}' is a short form of '{long}', the only name of its class that "
                "contains it",
                b_name=long,
            )


def _hosts(n: Node, names: Iterable[str]) -> bool:
    return any(short_form_of(n.name, f, n.cls) for f in names)


# A state's police and its intelligence service are two bodies ("public security" and
# "state security" in Chinese usage); its "security authorities" may be either.
_STATE_SECURITY = re.compile(r"\b(?:state|national) security\b")
_PUBLIC_SECURITY = re.compile(r"\bpublic security\b")
_GENERIC_SECURITY = re.compile(
    r"\bsecurity (?:authorit(?:y|ies)|organs?|agenc(?:y|ies)|services?|apparatus)$"
)


def security_kind(name: str) -> str:
    """'public', 'state' or 'generic' for a body named for a state's security, else ''."""
    text = normal(name, "Organization")
    if _STATE_SECURITY.search(text):
        return "state"
    if _PUBLIC_SECURITY.search(text):
        return "public"
    return "generic" if _GENERIC_SECURITY.search(text) else ""


def _security_authorities(nodes: list[Node], clusters: Clusters) -> None:
    """'the Chinese security authorities' are the one public-security body of China the
    collection names ('Chinese Public Security'), when it names no state security of
    China: with both named, which one the phrase means is unknown."""
    kinds: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for n in nodes:
        if n.cls != "Organization":
            continue
        kind = security_kind(n.name)
        codes = states(n.name)
        if kind and len(codes) == 1:
            kinds[(next(iter(codes)), kind)].append(n)
    for (code, kind), generic in sorted(kinds.items()):
        if kind != "generic" or kinds.get((code, "state")):
            continue
        public = kinds.get((code, "public"), [])
        roots = {clusters.find(p.id) for p in public}
        if len(roots) != 1:
            continue
        host, state = public[0], countries()[code].name
        host.preferred = host.preferred or host.name  # the body's own name is the label
        for n in generic:
            clusters.union(
                n.id,
                host.id,
                "security authorities",
                f"'{n.name}' are the security authorities of {state}; '{host.name}' is the "
                f"only public-security body of {state} named, and no state security of {state}",
            )


def _bilateral_laws(nodes: list[Node], clusters: Clusters) -> None:
    """'China\u2013North Korea treaty' in one document and 'China\u2013North Korea agreement
    on border control (1986)' in another are one law when each document names only one
    agreement between those two states (titles such as '... Treaty of Lima' count too) and
    none gives another year, nor a topic with no word in common; else all stay apart."""
    by_pair: dict[tuple[str, ...], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    candidates: dict[tuple[str, ...], dict[str, list[Node]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for n in nodes:
        if n.cls != "Law":
            continue
        named = bilateral_of_name(n.name)
        if named is not None:
            candidates[named.parties][n.doc].append(n)
        for form in {n.name, *n.forms}:
            found = named or bilateral(form)
            if found is not None and found.parties:
                by_pair[found.parties][n.doc].add(clusters.find(n.id))
    for parties, by_doc in sorted(candidates.items()):
        ones = [
            found[0] for doc, found in sorted(by_doc.items()) if len(by_pair[parties][doc]) == 1
        ]
        if len(ones) < 2:
            continue
        read = [bilateral_of_name(n.name) for n in ones]
        years = sorted({b.year for b in read if b is not None and b.year})
        topics = [set(b.topic.split()) - {"the", "of", "and"} for b in read if b and b.topic]
        clash = f"different years ({', '.join(years)})" if len(years) > 1 else ""
        if not clash and any(not (x & y) for i, x in enumerate(topics) for y in topics[i + 1 :]):
            clash = "different topics"
        between = " and ".join(parties)
        first = ones[0]
        for n in ones[1:]:
            if clash:
                why = f"refused: {clash} for the agreement between {between}"
                clusters.refused.append(
                    Link(n.id, first.id, "bilateral law", why, 1.0, n.name, first.name)
                )
                continue
            clusters.union(
                n.id,
                first.id,
                "bilateral law",
                f"'{n.name}' ({n.doc}) and '{first.name}' ({first.doc}): the only agreement "
                f"between {between} each document names, with no other year nor topic",
            )

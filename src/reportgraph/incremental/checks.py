"""Whether one document can be taken out of, or put into, the resolution of the others
without a full resolution: the proof, rule by rule, that it changes nothing the rules
across documents decide about the other documents' nodes.

The model: after the rule of one name (``_same_name``, which no guard stops) each of the
document's clusters (its nodes joined by the rules within it, a *unit*) belongs to the
cluster of the other documents' nodes of the same class and name (its *anchor*), or,
naming nothing the others name, stands alone. The document then changes nothing for the
others when, in every later rule, what it adds (a node in a block, a name, a root) is
already there through its anchor or is read by no rule, and when each of its own nodes'
turns is a join with its own cluster or no join. The checks below ask exactly that, from
bounds that hold whatever the order of the joins: two nodes in one cluster after the
rule of one name (``p1``) stay together; two clusters apart after all the rules across
documents (``acid``) were apart all along. Where a check cannot prove it, it says why,
and the build resolves every document.

The same checks serve both ways: the old version of a changed document against the
others (its removal) and the new version against the others (its addition).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from reportgraph.incremental.alone import Alone
from reportgraph.incremental.nodekeys import words_key
from reportgraph.incremental.rest import Block, Ref, Rest
from reportgraph.resolve.across import MAX_BLOCK, NAMED_CLASSES, WINDOW, acronym_typo, typo
from reportgraph.resolve.clusters import numbers_conflict
from reportgraph.resolve.names import core_tokens, numbers
from reportgraph.resolve.within import short_form_of

MAX_SUBSET_WORDS = 12  # a name of more core words is not searched for the short forms in it
MAX_WALK = 20_000  # nodes visited to find whether two names are one cluster without a unit


class Checker:
    """The checks for one version of a document (``old``: the one being taken out)."""

    def __init__(self, alone: Alone, rest: Rest, *, old: bool, fresh: Iterator[int]) -> None:
        self.alone, self.rest, self.old, self.fresh = alone, rest, old, fresh
        self.refs: list[Ref] = []
        self.anchors: dict[int, list[Block]] = {}  # unit -> the other documents' blocks it joins
        self.open = [n for n in alone.nodes if not n.local]

    def run(self) -> str | None:
        """Why this version cannot be taken out or put in alone, or None when it can."""
        steps = (self._special, self._anchor, self._aliases, self._definers, self._romanized,
                 self._titled, self._same_words, self._acronyms, self._acronym_groups,
                 self._misspellings, self._short_forms)  # fmt: skip
        for step in steps:
            why = step()
            if why:
                return why
        return None

    def _ref(self, node_id: int) -> Ref:
        return self.refs[node_id]

    def _mine(self, refs: list[Ref]) -> list[Ref]:
        return [r for r in refs if r.node is not None]

    # -- the rule of one name, and what a unit brings to its anchor -------------------------

    def _special(self) -> str | None:
        if any(self.alone.keys[n.id].special for n in self.open):
            return "it names a state's security body or a bilateral treaty"
        return None

    def _anchor(self) -> str | None:
        doc, place = self.alone.doc, self.rest.order(self.alone.doc)
        self.refs = [None] * len(self.alone.nodes)  # type: ignore[list-item]
        for unit, members in sorted(self.alone.unit_nodes().items()):
            blocks: dict[tuple[str, str], Block] = {}
            for node in members:
                if not node.local:
                    found = self.rest.block(node.cls, node.key)
                    if found.first is not None:
                        blocks[(node.cls, node.key)] = found
            if blocks:
                p1s = set().union(*(b.p1 for b in blocks.values()))
                if len(p1s) > 1:
                    return "it joins names that other documents keep apart"
                if self.old and len(blocks) > 1 and not self._joined_elsewhere(list(blocks)):
                    return "it alone joined names of other documents"
                states = frozenset().union(*(b.states for b in blocks.values()))
                places = frozenset().union(*(b.places for b in blocks.values()))
                for node in members:
                    mine_states, mine_places = self.alone.guards[node.id]
                    if not mine_states <= states or not mine_places <= places:
                        return "its names name a state or place the same names elsewhere do not"
                p1 = next(iter(p1s))
                acid = next(iter(next(iter(blocks.values())).acid))
            else:
                p1 = acid = next(self.fresh)
            self.anchors[unit] = list(blocks.values())
            for node in members:
                self.refs[node.id] = Ref(doc, node.id, node.cls, node.key, node.name, p1, acid,
                                         (place, node.id), node=node)  # fmt: skip
        return None

    def _joined_elsewhere(self, blocks: list[tuple[str, str]]) -> bool:
        """Are these blocks one cluster through the other documents' units alone?"""
        seen, todo, visited = {blocks[0]}, [blocks[0]], 0
        while todo:
            cls, key = todo.pop()
            for ref in self.rest.keyed(cls, key):
                visited += 1
                if visited > MAX_WALK:
                    return False
                for member in self.rest.unit(ref.doc, ref.row["unit"]):  # type: ignore[index]
                    block = (member.cls, member.key)
                    if not member.row["local"] and block not in seen:  # type: ignore[index]
                        seen.add(block)
                        todo.append(block)
            if set(blocks) <= seen:
                return True
        return False

    # -- the rules across documents, one by one ---------------------------------------------

    def _aliases(self) -> str | None:
        """``_stated_aliases``: an alias it states names no node of another document, and
        an alias another document states of its nodes' name leads to their cluster."""
        for akey, _node in self.alone.stated:
            cls, key = akey.split("\0", 1)
            if self.rest.first("key", cls, key).first is not None:
                return "it states an alias of a name other documents use"
        for node in self.open:
            owner = self.rest.alias_owner(f"{node.cls}\0{node.key}")
            if owner is None:
                continue
            mine = [n for akey, n in self.alone.stated if akey == f"{node.cls}\0{node.key}"]
            if mine and self._ref(mine[0].id).order < owner.order:
                continue  # its own statement comes first: the rule skips its own nodes
            if owner.p1 != self._ref(node.id).p1:
                return "another document states its name is an alias of another name"
        return None

    def _definers(self) -> str | None:
        """``_defined_elsewhere``: what its forms define is defined so already in its own
        cluster (an earlier definer with another number in its name would change what the
        others join), or read by no node; and what its own names are defined as is its
        own cluster, or two clusters or more."""
        names = {(n.cls, n.key) for n in self.open}
        mine: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        for node in self.open:
            for dkey in self.alone.keys[node.id].definers:
                mine[(node.cls, dkey)].append(self._ref(node.id))
        for (cls, dkey), defining in mine.items():
            if (cls, dkey) not in names and self.rest.first("key", cls, dkey).first is None:
                continue  # no node reads it
            theirs = self.rest.definers(cls, dkey)
            if theirs.first is None or any(me.p1 not in theirs.p1 for me in defining):
                return f"it defines '{dkey}' as another cluster than the other documents do"
            first = min([theirs.first, *defining], key=lambda r: r.order)
            if first.node is not None and numbers(first.name) != numbers(theirs.first.name):
                return f"it would be the first to define '{dkey}'"
        for node in self.open:
            me = self._ref(node.id)
            theirs = self.rest.definers(node.cls, node.key)
            own = mine.get((node.cls, node.key), [])
            p1s, acids = theirs.p1 | {r.p1 for r in own}, theirs.acid | {r.acid for r in own}
            open_question = bool(p1s - {me.p1}) and len(acids) < 2
            if open_question and not self._joined("defined elsewhere", me, p1s):
                owner = min([*([theirs.first] if theirs.first else []), *own],
                            key=lambda r: r.order)  # fmt: skip
                if numbers_conflict(me.name, owner.name):
                    continue  # the guard refuses the join whatever the clusters hold
                return "another document defines its name as another cluster"
        return None

    def _chains(self, column: str, classes: tuple[str, ...] | None) -> str | None:
        """A rule that joins every node of a block to the block's first node."""
        blocks: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        for node in self.open:
            value = getattr(self.alone.keys[node.id], column)
            if value is not None and (classes is None or node.cls in classes):
                blocks[(node.cls, value)].append(self._ref(node.id))
        for (cls, value), mine in blocks.items():
            theirs = self.rest.first(column, cls, value).first
            first = min([*([theirs] if theirs else []), *mine], key=lambda r: r.order)
            heads = first.node is not None and theirs is not None
            if heads and (first.p1 != theirs.p1 or numbers(first.name) != numbers(theirs.name)):
                return f"it would head the block of '{first.name}' ({column})"
            rule = "romanization" if column == "person" else "same words"
            for me in mine:
                if me.p1 != first.p1 and not self._joined(rule, me, {first.p1}):
                    return f"'{me.name}' is in a block ({column}) with names of another cluster"
        return None

    def _joined(self, rule: str, me: Ref, to: set[int], *, name: bool = False) -> bool:
        """Did ``rule`` join a node of ``me``'s cluster (of ``me``'s name, when asked),
        coming before it, to one of the clusters ``to``? Then ``me``'s turn finds the two
        joined already."""
        return any(
            at < me.order and joined in to and (not name or said == me.name)
            for at, said, joined in self.rest.joined(rule, me.p1)
        )

    def _romanized(self) -> str | None:
        return self._chains("person", ("Person",))

    def _same_words(self) -> str | None:
        return self._chains("words", NAMED_CLASSES)

    def _titled(self) -> str | None:
        """``_titled_surnames``: for each family name it gives a person in full or after a
        title, whether the others' full names of it are one person, none or several stays
        so with it, or changes nothing for their titled ones; and its own titled ones join
        no one or their own cluster."""
        full: dict[str, list[Ref]] = defaultdict(list)
        titled: dict[str, list[Ref]] = defaultdict(list)
        for node in self.alone.nodes:
            keys = self.alone.keys[node.id]
            if keys.family is not None:
                full[keys.family].append(self._ref(node.id))
            if keys.titled is not None:
                titled[keys.titled].append(self._ref(node.id))
        for family in sorted(full.keys() | titled.keys()):
            why = self._family(family, full.get(family, []), titled.get(family, []))
            if why:
                return why
        return None

    def _family(self, family: str, full: list[Ref], titled: list[Ref]) -> str | None:
        """One family name; ``full`` and ``titled`` are its nodes of this document."""
        theirs = self.rest.first("family", "Person", family)
        ones = theirs.p1 | {r.p1 for r in full}
        without = _persons(theirs.p1, theirs.acid)
        with_it = _persons(ones, theirs.acid | {r.acid for r in full})
        if "unsure" in (without, with_it):
            return f"whether the reports give one person of the family name '{family}' is unsure"
        firsts = [theirs.first] if theirs.first is not None else []
        owner = min([*firsts, *full], key=lambda r: r.order) if firsts or full else None
        if ONE in (without, with_it):
            for doc, p1, name in self.rest.titled(family):
                before = without == ONE and _joins(doc, p1, theirs.first, theirs.p1)
                after = with_it == ONE and _joins(doc, p1, owner, ones)
                if before != after:
                    return f"it changes who '{name}' in {doc} is"
        if with_it == ONE and owner is not None and owner.node is None:
            for me in titled:
                if _joins(me.doc, me.p1, owner, ones):
                    return f"'{me.name}' is the one '{owner.name}' of {owner.doc}"
        return None

    def _acronyms(self) -> str | None:
        """``_acronyms``, the initials: a long name of it adds no cluster (nor an earlier
        host) to the initials an acronym looks up, and its acronyms join their own
        cluster, or none."""
        full: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        short: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        for node in self.open:
            keys = self.alone.keys[node.id]
            for ini in keys.initials:
                full[(node.cls, ini)].append(self._ref(node.id))
            if keys.acronym:
                short[(node.cls, keys.acronym)].append(self._ref(node.id))
        for (cls, ini), mine in full.items():
            if not short.get((cls, ini)) and self.rest.first("acronym", cls, ini).first is None:
                continue
            theirs = self.rest.initials(cls, ini)
            if theirs.first is None:
                return f"it gives the acronym {ini} its only long name"
            for me in mine:
                if me.p1 not in theirs.p1:
                    return f"it gives the acronym {ini} another long name"
                if me.order < theirs.first.order and numbers(me.name) != numbers(theirs.first.name):
                    return f"it would be the first long name of the acronym {ini}"
        for (cls, acr), mine in short.items():
            theirs = self.rest.initials(cls, acr)
            ids = full.get((cls, acr), [])
            p1s, acids = theirs.p1 | {x.p1 for x in ids}, theirs.acid | {x.acid for x in ids}
            for me in mine:
                may = bool(p1s - {me.p1}) and len(acids) < 2
                if may and not self._joined("acronym", me, p1s, name=True):
                    return f"the acronym {acr} may join a long name"
        return None

    def _acronym_groups(self) -> str | None:
        """``_acronyms``, the misspelt acronyms (two letters swapped)."""
        groups: dict[tuple[str, str], list[Ref]] = defaultdict(list)
        for node in self.open:
            keys = self.alone.keys[node.id]
            if keys.letters:
                groups[(node.cls, keys.letters)].append(self._ref(node.id))
        for (cls, letters), mine in groups.items():
            counts = self.rest.forms(cls, letters)
            held = sum(counts.values())
            if (held > MAX_BLOCK) != (held + len(mine) > MAX_BLOCK):
                return "it changes whether a block of acronyms is compared"
            if held + len(mine) > MAX_BLOCK:
                continue
            theirs_first = {f: self.rest.first("acronym", cls, f).first for f in counts}
            firsts: dict[str, Ref] = {}
            for ref in sorted([*(r for r in theirs_first.values() if r), *mine],
                              key=lambda r: r.order):  # fmt: skip
                firsts.setdefault(self._acronym_of(ref), ref)
            for me in mine:
                form = self._acronym_of(me)
                first_theirs = theirs_first.get(form)
                if first_theirs is not None:
                    if firsts[form].p1 != first_theirs.p1:
                        return f"it would be the first '{form}'"
                    continue
                for other, ref in firsts.items():
                    a, b = sorted((form, other))
                    if other != form and acronym_typo(a, b) and ref.p1 != me.p1:
                        return f"the acronym {form} may be a misspelling of {other}"
        return None

    def _acronym_of(self, ref: Ref) -> str:
        if ref.node is not None:
            return self.alone.keys[ref.node.id].acronym or ""
        return str(ref.row["acronym"])  # type: ignore[index]

    def _misspellings(self) -> str | None:
        """``_misspellings``: a folded name others have keeps its first node's cluster; a
        new one makes or breaks no comparison that could join two clusters."""
        for cls in NAMED_CLASSES:
            spellings: dict[str, list[Ref]] = defaultdict(list)
            for node in self.open:
                keys = self.alone.keys[node.id]
                if node.cls == cls and keys.spelling is not None:
                    spellings[keys.spelling].append(self._ref(node.id))
            new: dict[str, Ref] = {}
            for spelling, mine in spellings.items():
                rep = self.rest.first("spelling", cls, spelling).first
                first = min([*([rep] if rep else []), *mine], key=lambda r: r.order)
                if rep is None:
                    new[spelling] = first
                    continue
                if first.node is not None and (
                    first.p1 != rep.p1 or numbers(first.name) != numbers(rep.name)
                ):
                    return f"it would be the first '{spelling}' to compare"
            for reverse in (False, True):
                why = self._windows(cls, new, reverse)
                if why:
                    return why
        return None

    def _windows(self, cls: str, new: dict[str, Ref], reverse: bool) -> str | None:
        """The pairs ``_misspellings`` compares near its new names, without them and with
        them: a pair compared in one and not the other, that may be one name misspelt,
        must be one cluster already. Its new names put in the sorted order only push the
        others apart, so every pair that changes lies within ``WINDOW`` of one of them."""
        near: set[str] = set()
        for spelling in new:
            for after in (False, True):
                near.update(self.rest.spellings_near(cls, spelling, reverse=reverse,
                                                     after=after, limit=WINDOW))  # fmt: skip
        without, with_them = _compared(near, reverse), _compared(near | new.keys(), reverse)
        for x, y in sorted(without - with_them):
            if typo(x, y) is not None and self._rep(cls, x).p1 != self._rep(cls, y).p1:
                return f"it parts '{x}' and '{y}' in the comparison of names"
        for x, y in sorted(with_them - without):
            if typo(x, y) is not None and self._rep(cls, x).p1 != self._rep(cls, y).p1:
                return f"'{x}' may be a misspelling of '{y}'"
        return None

    def _rep(self, cls: str, spelling: str) -> Ref:
        theirs = self.rest.first("spelling", cls, spelling).first
        mine = [self._ref(n.id) for n in self.open
                if n.cls == cls and self.alone.keys[n.id].spelling == spelling]  # fmt: skip
        return min([*([theirs] if theirs else []), *mine], key=lambda r: r.order)

    def _short_forms(self) -> str | None:
        """``_short_forms``: its names host no short form of a cluster other than its own,
        add no cluster to a posting list that could cross ``MAX_BLOCK``, and its own names
        are short forms of no other cluster, or of two or more."""
        for node in self.open:
            if node.cls not in NAMED_CLASSES:
                continue
            me = self._ref(node.id)
            unit = self.alone.units[node.id]
            known = frozenset().union(*(b.names for b in self.anchors[unit]))
            words_known = {w for name in known for w in core_tokens(name, node.cls)}
            for name in me.names - known:
                if self._hosted(node.cls, name, me):
                    return f"'{name}' is the longer name of a short form elsewhere"
            for word in self.alone.keys[node.id].postings - words_known:
                most, least = self.rest.posting_spread(node.cls, word)
                if most + len(self.open) > MAX_BLOCK and least <= MAX_BLOCK:
                    return f"the names with '{word}' are about as many as are compared"
            why = self._hosts(node.cls, me)
            if why:
                return why
        return None

    def _hosted(self, cls: str, name: str, me: Ref) -> bool:
        """Is some node of another cluster a short form of ``name``?"""
        words = sorted(core_tokens(name, cls))
        if len(words) > MAX_SUBSET_WORDS:
            return True
        subsets = [words_key(frozenset(c)) for k in range(1, len(words))
                   for c in combinations(words, k)]  # fmt: skip
        theirs = self.rest.shorts_outside(cls, subsets, me.p1) if subsets else []
        mine = [self._ref(n.id) for n in self.open if n.cls == cls]
        return any(
            other.p1 != me.p1 and short_form_of(other.name, name, cls) for other in theirs + mine
        )

    def _hosts(self, cls: str, me: Ref) -> str | None:
        words = core_tokens(me.name, cls)
        if not words:
            return None
        mine = [(r.names, r.p1, r.acid) for n in self.open if n.cls == cls
                for r in [self._ref(n.id)]]  # fmt: skip
        hosting: dict[frozenset[str], bool] = {}
        hosts = []
        for names, p1, acid in self.rest.with_words(cls, sorted(words), me.p1) + mine:
            if names not in hosting:
                hosting[names] = any(short_form_of(me.name, f, cls) for f in names)
            if p1 != me.p1 and hosting[names]:
                hosts.append((p1, acid))
        may = bool(hosts) and len({acid for _, acid in hosts} - {me.acid}) < 2
        if may and not self._joined("short form", me, {p1 for p1, _ in hosts}, name=True):
            return f"'{me.name}' may be the short form of another name"
        return None


ONE = "one"  # ``_persons``: the full names of a family are one cluster


def _persons(p1s: set[int], acids: set[int]) -> str:
    """How many clusters the full names of a family are in when ``_titled_surnames`` reads
    them, from the bounds: none, ``ONE``, "several", or "unsure"."""
    if not p1s:
        return "none"
    if len(p1s) == 1:
        return ONE
    return "several" if len(acids) > 1 else "unsure"


def _joins(doc: str, p1: int, owner: Ref | None, ones: set[int]) -> bool:
    """Does ``_titled_surnames`` join a titled node of ``doc`` (in the cluster ``p1``) to
    the one cluster ``ones`` of the full names, of which ``owner`` is the first? Not in
    the owner's document, nor when it is in that cluster already."""
    return owner is not None and doc != owner.doc and p1 not in ones


def _compared(spellings: set[str], reverse: bool) -> set[tuple[str, str]]:
    """The pairs ``_misspellings`` compares among these names: each with the ``WINDOW``
    after it in sorted order (of the names reversed, when asked). Where these are only
    some of the names, a pair with names left out between them is counted too: it may
    make a check refuse, never pass."""
    order = sorted(spellings, key=(lambda k: k[::-1]) if reverse else None)
    return {(a, b) for i, a in enumerate(order) for b in order[i + 1 : i + 1 + WINDOW]}

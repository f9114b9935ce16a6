"""Who did an act and to whom, read from the parse rather than from the order of words.

A noun tells its roles by its own words: "the arrest of Ana Vell by the police" (the
object after "of", the agent after "by"), "Zembla's expulsion of the migrants" (the
owner acts when an object follows), "her detention" (else the owner undergoes a done-to
act). The verb that governs the noun says the rest: the subject of "carried out the
arrests" did them, the subject of "faces deportation" suffers it, and the subject of
"condemned the killing" did neither: it reacts to an act someone else did. A verb in the
active voice is done by its subject, wherever other names stand ("..., said Ambassador
Vell"; "Zembla, along with Vellia, deported them").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from reportgraph.extract.bystanders import (
    SAYING,
    acted_on_before,
    describes_one_of,
    doer_of_a_noun,
    does_next_verb,
    in_charge,
    in_phrase,
    in_relative_after,
    in_relative_before,
    in_verb_after,
    modifies_a_thing,
    outside_frame,
    said_elsewhere,
    set_off,
    source_of_claim,
    speaker,
    word_of,
)
from reportgraph.extract.coref import TRIED, owned_by_him_or_her, owner_undergoes
from reportgraph.extract.someone import PERSONAL, RELATIVE
from reportgraph.extract.when import FRAMES
from reportgraph.extract.wordorder import listed_objects
from reportgraph.model import Mention, Sentence

# Verbs whose subject does the act their object names ("the police carried out raids").
_DOING = frozenset(
    "carry conduct order impose launch begin start continue perform commit stage "
    "organize organise authorize authorise approve undertake enforce resume intensify "
    "escalate oversee lead step make mount unleash wage conclude complete hold host "
    "attend give deliver issue publish sign direct coordinate supervise mastermind".split()
)
# Verbs whose subject judges, denies or looks into an act someone else did.
_REACTING = frozenset(
    "condemn criticize criticise denounce deplore decry deny dispute reject oppose protest "
    "defend justify "
    "investigate document report welcome praise applaud lament mourn regret "
    "call describe term label brand dub".split()  # "called the executions a brutal act"
)
# Verbs whose subject undergoes the act their object names ("the migrants face deportation").
_UNDERGOING = frozenset(
    "face fear risk escape survive endure suffer undergo avoid await serve".split()
)  # "was serving a 19-year sentence"


def from_parse(
    token: Any,
    passive: bool | None,
    done_to: bool,
    sentence: Sentence,
    actors: list[Mention],
    by_order: tuple[list[Mention], list[Mention]],
) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """(agents, affected, reacting): the roles the order of words gave (``by_order``),
    corrected where the parse says more; ``reacting`` take no part in the act."""
    agents, affected = by_order
    if not passive:  # "detained its editor, Ana Vell, and five reporters": all three
        affected += [m for m in listed_objects(token, sentence, actors) if m not in affected]
    subject = None if passive else verb_subjects(token, sentence, actors, "nsubj")
    if subject or (subject is not None and (_relative(token) or _unnamed(token, sentence, actors))):
        agents, own = subject, _subjects(token, "nsubj")  # "said the Secretary of the Treasury X"
        affected = [m for m in affected if m not in agents]
        affected = [m for m in affected if not any(in_phrase(m, c, sentence) for c in own)]
    undergoing = verb_subjects(token, sentence, actors, "nsubjpass") if passive else None
    if undergoing:
        affected = undergoing  # "Ana Vell, a member of the Union, was arrested": not the union
        agents = [m for m in agents if m not in affected]
    elif undergoing is not None and (_relative(token) or _personal(token, "nsubjpass")):
        affected = []  # "that Zembla violated the rights of a judge who was detained": him
    # "... detained 11 journalists, the Media Union said": who says it is not acted on
    affected = [m for m in affected if not said_elsewhere(m, token, sentence)]
    # "fled to Chad and was granted asylum by the UNHCR": another verb's, not this one's
    affected = [m for m in affected if not does_next_verb(m, token, sentence)]
    affected = [m for m in affected if not in_relative_after(m, token, sentence)]
    affected = [m for m in affected if not describes_one_of(m, agents, token, sentence)]
    persons = [m for m in affected if m.cls == "Person"]  # "X, editor of the Vell Daily": hers
    affected = [
        m for m in affected if m in persons or not describes_one_of(m, persons, token, sentence)
    ]
    affected = [m for m in affected if not modifies_a_thing(m, token, sentence)]
    # "deported them, a move condemned by the UNHCR": who judges the act
    affected = [m for m in affected if not _judged_by(m, token, sentence)]
    affected = [m for m in affected if not doer_of_a_noun(m, token, sentence)]
    # "sentenced X for spreading false news about the army": what X did, not whom to
    affected = [m for m in affected if not in_charge(m, token, sentence)]
    # "400,000 fled the camp, according to the IOM": where the claim comes from
    agents = [m for m in agents if not source_of_claim(m, sentence)]
    agents = [m for m in agents if not in_relative_before(m, token, sentence)]
    agents = [m for m in agents if not acted_on_before(m, token, sentence)]
    affected = [m for m in affected if not source_of_claim(m, sentence)]
    nominal = noun_roles(token, done_to, sentence, actors)
    if nominal is None:
        return agents, affected, []
    if token.dep_ == "pobj" and token.head.lower_ in FRAMES:
        agents = []  # "Vell detained her during the protests": the protests are not Vell's
        affected = [m for m in affected if not outside_frame(m, token, sentence)]  # nor hers
    elif token.dep_ == "pobj" and token.head.head.lemma_.lower() in _SUPPRESSING:
        agents = []  # "their roles in the suppression of protests": the protests are not theirs
    noun_agents, noun_affected, reacting = nominal
    # "the Vell Council (VC) condemned the arrest": its short form, the same body, reacts too
    reacting += [m for m in actors if m.canonical in {r.canonical for r in reacting}]
    # the noun's own words decide each role they fill; the order of words the rest
    agents = noun_agents or [m for m in agents if m not in noun_affected]
    if not noun_agents and _reported(token):
        agents = []  # "concerned by reports of mass detention": those concerned hold no one
    # "her trial before the court": she is tried (read apart, by coref), not the court
    undergone = owned_by_him_or_her(token) and owner_undergoes(token, done_to)
    affected = noun_affected or [
        m for m in affected if not undergone and not in_verb_after(m, token, sentence)
    ]
    agents = [m for m in agents if m not in reacting]
    affected = [m for m in affected if m not in reacting and m not in agents]
    return agents, affected, reacting


def _judged_by(m: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name the doer of a judging participle ("a move condemned by X")?"""
    word = word_of(m, token, sentence)
    if word is None or word.dep_ != "pobj" or word.head.dep_ != "agent":
        return False
    verb = word.head.head
    return verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.lemma_.lower() in _REACTING


_REPORTS = frozenset("report allegation account evidence news claim rumour rumor".split())


def _reported(noun: Any) -> bool:
    """Is the act named only as what reports tell of ("reports of mass detention")?"""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _REPORTS


def noun_roles(
    token: Any, cls_done_to: bool, sentence: Sentence, actors: list[Mention]
) -> tuple[list[Mention], list[Mention], list[Mention]] | None:
    """(agents, affected, reacting) for a trigger that is a noun, None for any other
    trigger. ``reacting`` are those the governing verb's subject names when that verb
    judges the act ("X condemned the killing"): not part of it."""
    if token is None or token.pos_ != "NOUN":
        return None

    def named(t: Any) -> list[Mention]:
        return _named(t, sentence, actors)

    def objects(word: str) -> list[Any]:
        # "the imprisonment and abuse of activists": the last of a list of nouns holds
        # the words the whole list shares
        nouns = [token, *[c for c in token.conjuncts if c.i > token.i][-1:]]
        return next((found for n in nouns if (found := prep_objects(n, (word,)))), [])

    def doers(t: Any) -> list[Mention]:
        # "by the Government of Zembla", "by members of the Vell Front": whose they are
        return named(t) or [m for o in prep_objects(t, ("of",)) for m in named(o)]

    # "a report released by the Vell Institute": the doer of the participle that tells it
    issued = [
        o
        for acl in token.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN"
        for by in acl.children
        if by.dep_ == "agent"
        for o in by.children
        if o.dep_ == "pobj"
    ]
    agents = [m for o in (*objects("by"), *issued) for m in doers(o)]
    affected = [m for o in objects("of") for m in named(o)]
    held = any(c.dep_ == "det" for c in token.children)  # not "death in custody of X"
    if token.lemma_.lower() in _HELD_BY and held:  # "in the custody of the police": who holds
        agents, affected = agents + affected, []
    tried = token.lemma_.lower() in TRIED and not affected  # "her trial": she is tried
    for owner in (c for c in token.children if c.dep_ == "poss"):
        if not tried and (affected or (not agents and not cls_done_to)):
            agents += named(owner)  # "Zembla's expulsion of the migrants", "Vell's statement"
        else:
            affected += named(owner)  # "her detention", "their arrest by the police"
    lemma = token.head.lemma_.lower() if token.dep_ in _GOVERNED else ""
    subjects = [m for c in token.head.children if c.dep_ == "nsubj" for m in named(c)]
    if (speaking := occasion(token)) is not None:
        # "in a statement, the minister said": the one who speaks makes the statement
        agents += [m for c in speaking.children if c.dep_ == "nsubj" for m in named(c)]
    elif lemma in _DRAWING:  # "the ban drew condemnation from the UN": the UN condemns
        froms = objects("from")
        agents += [m for m in actors if any(in_phrase(m, o, sentence) for o in froms)]
    elif lemma in _DOING:
        agents += [m for m in subjects if m not in agents]
    elif lemma in _UNDERGOING:  # "minorities, including X and Y, face arrest": all of them
        kinds = [
            w
            for c in _subjects(token.head, "nsubj")
            for p in c.children
            if p.lower_ == "including"
            for w in p.children
        ]
        affected += [
            m for m in (*subjects, *_named_all(kinds, sentence, actors)) if m not in affected
        ]
    judging = [m for m in reacting(token, sentence, actors) if m not in (*agents, *affected)]
    return agents, affected, judging


_GOVERNED = ("dobj", "nsubjpass")
# verbs whose object, a reaction, comes "from" someone: "drew condemnation from the UN"
# nouns of putting down what their "of" names: its doers are not theirs
_SUPPRESSING = frozenset("suppression repression dispersal crushing breakup ban".split())
_DRAWING = frozenset("draw attract receive prompt spark trigger provoke earn".split())
_HELD_BY = frozenset({"custody"})


def occasion(token: Any) -> Any | None:
    """The verb of saying a noun is the occasion of ("in a statement, X said", "told
    reporters in an interview"), or None."""
    if token is None:
        return None
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in SAYING else None


def reacting(token: Any, sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    """Those who only judge the act a noun names: the subject of the verb that governs it
    ("X condemned the killing", "the minister defended the arrests")."""
    if token is None or token.pos_ != "NOUN":
        return []
    while token.dep_ == "conj" and token.head.pos_ == "NOUN":
        token = token.head  # "condemned the arrest and torture of X": both judged
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        if token.head.head.lemma_.lower() not in _INSTANCES:
            break
        token = token.head.head  # "reported 25 cases of enforced disappearance"
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lemma_.lower() == "refer":
        # "the persecution of X refers to the arrest of ...": all of the topic is not in it
        topic = [c for c in verb.head.children if c.dep_ == "nsubj"]
        return [m for c in topic for m in actors if in_phrase(m, c, sentence)]
    if token.dep_ == "pobj" and verb.lower_ == "by" and verb.head.lower_ in _FELT:
        # "Zembla is deeply concerned by the sentencing of X": who is concerned judges it
        felt = verb.head.head if verb.head.dep_ == "acomp" else verb.head
        subjects = [c for c in felt.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [m for c in subjects for m in _named(c, sentence, actors)]
    if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _ABOUT:
        # "expressed alarm at the detention", "voiced concern over the arrests"
        at = verb.lower_ == "at"  # "denounced the coup at a rally": where, not what
        verb = verb.head
        if verb.pos_ == "NOUN" and verb.lemma_.lower() in _FEELINGS and verb.dep_ in _GOVERNED:
            verb = verb.head
        elif at and verb.lemma_.lower() not in _VOICING:
            return []
        if verb.lemma_.lower() not in _REACTING | _VOICING:
            return []
    elif token.dep_ not in _GOVERNED or verb.lemma_.lower() not in _REACTING:
        return []
    subjects = _judge(verb)
    subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]  # "its head, X,"
    return [m for c in subjects for m in _named(c, sentence, actors)]


def _judge(verb: Any) -> list[Any]:
    """The subject of a judging verb, or, when it has none, of the clause it hangs from:
    "X passed a resolution condemning the crackdown", "X voted to condemn the raids"."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects or verb.dep_ not in ("acl", "xcomp", "advcl"):
            return subjects
        verb = verb.head  # the participle's noun, or the verb it completes
        if verb.pos_ == "NOUN" and verb.dep_ in _GOVERNED:
            verb = verb.head  # "passed [a resolution] condemning": who passed it
    return []


# what counts or tells acts: "cases of enforced disappearance", "reports of torture"
_INSTANCES = frozenset("case instance incident report allegation account example".split())
_FELT = frozenset(
    "concerned alarmed troubled disturbed dismayed saddened outraged shocked appalled "
    "worried".split()
)
_ABOUT = frozenset("at over about against on regarding".split())
_VOICING = frozenset("express voice raise".split())
# what one voices about an act, not part of it: "expressed alarm at", "raised concerns over"
_FEELINGS = frozenset("alarm concern concerns outrage dismay regret shock anger".split())


def prep_objects(token: Any, words: Iterable[str]) -> list[Any]:
    """The objects of the word's prepositions of ``words`` ("the arrest [of] Ana Vell")."""
    return [
        o
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in words
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _covering(t: Any, sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    at = sentence.start + t.idx
    return [m for m in actors if m.start <= at < m.end]


def _named(t: Any, sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    """The names covering a word and the words joined to it ("Vellia and Zembla")."""
    found: list[Mention] = []
    for u in (t, *t.conjuncts):
        found += [m for m in _covering(u, sentence, actors) if m not in found]
    return found


# nouns of people who stand to others: "the relatives of X" are not X
_RELATIONAL = frozenset(
    "family relative parent child mother father wife husband widow son daughter brother "
    "sister friend colleague supporter lawyer victim".split()
)


def verb_subjects(
    token: Any, sentence: Sentence, actors: list[Mention], dep: str
) -> list[Mention] | None:
    """The names a verb's subject gives (``dep``: "nsubj" of the active voice, who does
    the act; "nsubjpass" of the passive, who undergoes it): its head's, else the one after
    its "of" too ("the government of Zembla denied", "five members of the Vell family were
    detained"); an empty list when it names no one we know, None when the parse gives the
    verb no such subject."""
    if token is None or token.pos_ != "VERB":
        return None
    verb = token
    told = [c for c in token.head.children if c.dep_ == "dobj"] if token.dep_ == "xcomp" else []
    if dep == "nsubj" and not _subjects(verb, dep) and told:
        # "forcing thousands of residents to flee", "urged Vellia to free them": the object
        return _named_all(told, sentence, actors)
    while not _subjects(verb, dep) and verb.head.i != verb.i and _shares_subject(verb):
        # "detained and beat them", "agreed to return them", "joined them in calling for"
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if dep == "nsubj" and verb.dep_ in ("conj", "pcomp") and _subjects(head, "nsubjpass"):
            # "Ana Vell was recognised as a refugee and lived in Chad", "they were held
            # after crossing the river": the one the passive speaks of does the active verb
            return _named_all(_subjects(head, "nsubjpass"), sentence, actors)
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
    subjects = _subjects(verb, dep)
    if not subjects:
        return None
    found: list[Mention] = []
    for subject in subjects:
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            subject = verb.head  # "the police, who detained them"
            while subject.dep_ == "appos" and subject.head.i != subject.i:
                subject = subject.head  # "Ana Vell, a member of the Union, who was held"
        # "the envoy, Ana Vell,"
        words = [c for c in subject.children if c.dep_ == "appos" and not speaker(c) and set_off(c)]
        words += [c for w in words for c in w.children if c.dep_ == "appos"]  # ", the reporter X,"
        named = _covering(subject, sentence, actors)
        words += [  # "the Envoy for Vellia, Ana Vell,": the parse hangs her on the name's end
            t
            for t in subject.subtree
            if t.dep_ == "appos" and t.head.i != subject.i and _covering(t.head, sentence, named)
        ]
        for t in (subject, *subject.conjuncts):
            # "the government of Zembla denied", "five members of the Vell family"; not
            # "the families of those killed fled": kin and friends of others are others
            relational = t.lemma_.lower() in _RELATIONAL
            words += [t, *([] if relational else prep_objects(t, ("of",)))]
        for t in words:
            found += [m for m in _covering(t, sentence, actors) if m not in found]
        found += [m for m in _listed_before(subject, sentence, actors, named) if m not in found]
    return found


_LISTED = re.compile(r"\s*(?:,|,?\s+and)\s+(?:the\s+)?")


def _listed_before(
    subject: Any, sentence: Sentence, actors: list[Mention], named: list[Mention]
) -> list[Mention]:
    """Names listed before the subject's own inside its phrase, where the parse reads the
    list as one name ("Freedom Now International and Vell Watch condemned": one subject)."""
    if not named:
        return []
    first = min(m.start for m in named)
    left = sentence.start + subject.left_edge.idx
    listed: list[Mention] = []
    for m in sorted(actors, key=lambda m: -m.start):
        if (
            left <= m.start
            and m.end <= first
            and _LISTED.fullmatch(sentence.text[m.end - sentence.start : first - sentence.start])
        ):
            listed.append(m)
            first = m.start
    return listed


# prepositions before a participle whose doer is the clause's subject ("by sending")
_DOING_TOO = frozenset("in by while when through since after before upon".split())


def _shares_subject(verb: Any) -> bool:
    """Does the verb do what its head's subject does: a conjunct, an infinitive it takes,
    a participle that goes on telling ("shelled the town, killing nine")?"""
    if verb.dep_ in ("conj", "xcomp"):
        return True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _DOING_TOO:
        return verb.head.head.pos_ in ("VERB", "AUX")  # "joined them in calling for"
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in verb.children)
    )


def _unnamed(token: Any, sentence: Sentence, actors: list[Mention]) -> bool:
    """Does the verb's subject name someone no name covers ("his lawyer said", "a witness
    told")? Then that one did it, not a name the order of words puts before the verb."""
    verb = token
    while not _subjects(verb, "nsubj") and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "she fled to Chad and applied for asylum there"
    subjects = _subjects(verb, "nsubj")
    if subjects and all(c.lower_ in PERSONAL for c in subjects):
        return True  # "they published": whom "they" stands for is read apart (coref)
    if subjects and all(c.lower_ in _SOME for c in subjects):
        return True  # "Zembla, where many have applied for asylum": not the place
    if not subjects or any(c.pos_ != "NOUN" for c in subjects):
        return False
    if all(c.lemma_.lower() in _RELATIONAL for c in subjects):
        # "Relatives of X marched": not X; "the wife of X, Ana Vell, fled": she is named
        apposed = [t for c in subjects for t in c.subtree if t.dep_ == "appos" and set_off(t)]
        return not any(_covering(t, sentence, actors) for t in (*subjects, *apposed))
    return not any(in_phrase(m, c, sentence) for m in actors for c in subjects)


def _personal(token: Any, dep: str) -> bool:
    """Is the verb's subject a personal pronoun ("he is detained"), read apart (coref)?"""
    return any(c.dep_ == dep and c.lower_ in PERSONAL for c in token.children)


def _relative(token: Any) -> bool:
    """Is the verb a relative clause's whose subject is "who", "that" or "which", so that
    its doer is the noun before it, named or not?"""
    return token.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE for c in token.children
    )


def _named_all(words: list[Any], sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    for word in words:
        found += [m for m in _named(word, sentence, actors) if m not in found]
    return found


def _subjects(verb: Any, dep: str) -> list[Any]:
    return [c for c in verb.children if c.dep_ == dep]


# Words that stand for some of the people told of, never for the name before them.
_SOME = frozenset("many some most several others few all both none each".split())

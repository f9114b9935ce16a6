"""Does a trigger report an act, or only name, negate, wish or describe one?

Each objection has a name ("negated", "unreal", "who-they-are", ...): without a learned
model a trigger with an objection is no event; the event model weighs them as features
(``decide.py``). The parse decides, never a list of what some report says.
"""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract.people import people_nouns
from reportgraph.extract.triggers import Hit
from reportgraph.extract.unreal import infinitive, unreal
from reportgraph.model import Mention, Sentence

_NEGATED = re.compile(r"\b(?:not|never|n't|no\s+longer|refused\s+to|refuses\s+to)\s+(?:\w+\s+)?$")


def in_trigger(token: Any, trigger: Hit) -> bool:
    """Is the token one of the trigger's words ("strike" of "hunger strike")?"""
    return trigger.start() <= token.idx < trigger.end()


def trigger_token(parsed: Any, trigger: Hit) -> Any:
    """The trigger's first token in the parse (the verb, not its auxiliary), or None."""
    if parsed is None:
        return None
    span = parsed.char_span(trigger.start(), trigger.end(), alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    return token.head if token.dep_ in ("aux", "auxpass") else token


_MODIFIERS = ("amod", "compound")


def veto(
    trigger: Hit, sentence: Sentence, inside: list[Mention], parsed: Any, cls: str
) -> str | None:
    """Why this trigger may name, negate or describe an event rather than report one (a
    feature the event model weighs; the decision itself without a model), or None."""
    at = sentence.start + trigger.start()
    token = trigger_token(parsed, trigger)
    while (
        token is not None and token.dep_ in ("amod", "compound") and in_trigger(token.head, trigger)
    ):
        token = token.head  # "a sit-in protest": what is said of "protest" counts
    named = [m for m in inside if m.start <= at < m.end]
    if named and not _told_in_a_law(named, token):
        return "in-name"  # a trigger word inside a name ("Refugee Watch Report") is not one
    if _in_title(sentence.text, trigger.start()):
        return "title"  # 'the report, "Pushed Back", documents ...': a title, no act
    if _NEGATED.search(sentence.text[: trigger.start()]):
        return "negated"  # "has never ratified" reports no ratification
    if re.search(r"\bnon-$", sentence.text[: trigger.start()], re.I):
        return "negated"  # "the principle of non-refoulement": no one is returned
    if token is None:
        return None
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without":
        return "negated"  # "held without trial", "fired without warning": it did not happen
    if cls == "Statement" and _idiom(token, sentence, trigger):
        return "idiom"  # "That said, ...", "denies citizens their rights": no one speaks
    if cls == "Statement" and _self_report(token):
        return "self-report"  # "he said he was beaten": a witness retelling, the act is the news
    if cls == "Statement" and _speakerless(token):
        return (
            "speakerless"  # "it is considered", "reports say", "guards are said to": nobody speaks
        )
    if token.dep_ in ("amod", "compound"):
        return "modifier"  # "the departing family": a description
    top = _through_xcomp(token)  # "anyone seen trying to cross": as "anyone seen"
    if (
        top.dep_ == "acl"
        and top.tag_ in ("VBN", "VBG")
        and not _dated(top)
        and top.head.dep_ != "ROOT"  # "Ten refugees resettled in Vell.": the only verb tells
    ):
        return "description"  # "refugees arrested near the border", "refugees escaping from X": who
        # they are, not news (but "the nine expelled in March 2004" tells when)
    if token.dep_ == "pcomp" and token.head.head.lemma_.lower() in _TOPICS:
        return "topic"  # "the issue of repatriating them": a topic
    if _a_right(token):
        return "right"  # "the right to a fair trial", "freedom from arbitrary detention"
    if _mandate(token):
        return "mandate"  # "Special Rapporteur on summary executions": a post's field, no act
    if token.dep_ == "pcomp" and _accused_of(token.head.head):
        return "charge"  # "on charges of calling for riots": what they are accused of
    if token.lower_ in ("crossing", "crossings") and _a_site(token):
        return "site"  # "at the Kora crossing", "through the border crossing": a place
    if _charged_with(token):
        return "charge"  # "convicted of illegal border crossing", "charged with desertion"
    if unreal(token):
        return "unreal"  # "they may be detained", "if handed over", "to stop the repatriation"
    if token.lemma_ == "hold" and _holds_a_gathering(token):
        return "gathering"  # "the conference held in Beijing" detains nobody
    if token.lemma_.lower() in _PROTESTERS and token.dep_ in ("dobj", "pobj", "nsubjpass"):
        return "protesters"  # "soldiers beat protesters": people acted on, no protest told
    if cls == "LegalAction" and token.lemma_ == "pass" and _passed_no_law(token):
        return "no-law"  # "after passing the bar exam", "passed away": nothing enacted
    if cls == "Arrest" and any(_a_thing(c, token, inside, sentence) for c in token.children):
        return "a-thing"  # "the military seized power", "seized his computers": no one taken
    if cls != "Statement" and _concessive(token):
        return "concessive"  # "although China has ratified ...": background, not the news
        # (but what someone said is news even so: "although the UN praised China, ...")
    if _whenever(token):
        return "habit"  # "even when defectors are repatriated, they try again": a habit
    if _describes(token):
        return "who-they-are"  # "people who flee to China", "those who have crossed": who they are
    if cls == "Statement" and token.lemma_.lower() == "contact" and token.pos_ != "VERB":
        return "contact"  # "Contact: A. Lupu": a name to call, nobody spoke
    if cls != "Statement" and _bare_noun(token):
        return "bare-noun"  # "the campaign is spreading", "at the hearing": told before, or a topic
        # (a statement is kept: "the study concluded" names who speaks)
    if cls == "Meeting" and any(c.lower_ in ("family", "conjugal") for c in token.children):
        return "visiting"  # "demanding family visits": a prisoner's right, no meeting told
    if cls == "Meeting" and token.pos_ == "VERB" and not _meets_someone(token, sentence, inside):
        return "trip"  # "when we toured the camps": a trip, not a meeting
    if token.dep_ == "acomp" and not _passive_after_all(token):
        return "state"  # "to become widely accepted": a state, not an act
    if _done_all_the_same(token):
        return None  # "went on to criticize", "the first head of state to condemn"
    if token.tag_ == "VB" and token.dep_ not in ("xcomp", "ROOT") and infinitive(token):
        return (
            "infinitive"  # "to help them", "no choice but to escape", "no one to escape": not done
        )
    if (
        token.tag_ == "VB"
        and token.dep_ in ("acl", "advcl", "xcomp")
        and token.head.pos_ in ("NOUN", "ADJ")
    ):
        return "purpose"  # "the chance to escape", "free to leave"
    return None


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,80})[\"\u201d]")
_SMALL_WORDS = frozenset("a an the of and or in on to for at by from with".split())


def _in_title(text: str, at: int) -> bool:
    """Is ``at`` inside a quoted title ("Pushed Back", "Nowhere to Run"): every word of
    the quotation capitalised but the small ones?"""
    for m in _QUOTED.finditer(text):
        if m.start(1) <= at < m.end(1):
            words = re.findall(r"[A-Za-z][\w'-]*", m.group(1))
            return len(words) >= 2 and all(
                w[0].isupper() or w.lower() in _SMALL_WORDS for w in words
            )
    return False


_TOPICS = frozenset("issue question problem matter topic subject debate".split())
# Posts named for a field ("the Special Rapporteur on torture", "an envoy for refugees").
_MANDATES = frozenset("rapporteur representative envoy commissioner coordinator expert".split())


_RIGHTS = frozenset("right freedom protection guarantee safeguard".split())


def _a_right(token: Any) -> bool:
    """An act named as what a right protects or shields from: no act is told."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("to", "from", "against"):
        return False
    before = token.doc[token.head.i - 1] if token.head.i else token.head
    return token.head.head.lemma_.lower() in _RIGHTS or before.lemma_.lower() in _RIGHTS


def _mandate(token: Any) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "on torture and other cruel ... punishment"
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("on", "for") and prep.head.lower_ in _MANDATES


# Words whose "of" names what someone is accused of, not an act the report tells.
_CHARGES = frozenset("charge accusation allegation accuse suspect convict indict".split())


def _a_site(token: Any) -> bool:
    """Is the noun where something is ("returned across the border at the Kora crossing",
    "a visit to the Adra border crossing")?"""
    where = token.dep_ == "pobj" and token.head.lower_ in ("at", "through", "near", "via", "to")
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
    return token.pos_ == "NOUN" and (where or named)


def _charged_with(token: Any) -> bool:
    """Is the noun what someone is convicted of or charged with, a list's later item too
    ("convicted him of incitement and illegal border crossing")?"""
    if token.pos_ != "NOUN" or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False  # "accused of the killing of two protesters": the killing is told
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in ("of", "with"):
        return False
    above = token.head.head  # the verb or noun the "of" hangs from, past a date between
    while above.pos_ in ("PROPN", "NUM", "ADP") and above.head.i != above.i:
        above = above.head
    return above.lemma_.lower() in _CHARGES


def _accused_of(word: Any) -> bool:
    """Is the word that "of" hangs from a charge, or whom one accuses ("accused the
    police of torturing detainees", where the parse hangs "of" on the police)?"""
    if word.dep_ == "dobj" and word.head.lemma_.lower() in _CHARGES:
        return True
    return word.lemma_.lower() in _CHARGES


def _through_xcomp(token: Any) -> Any:
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = token.head
    return token


def _whenever(token: Any) -> bool:
    """A present-tense clause of "when", "whenever" or "each time": what happens each time."""
    marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
    if not marks & {"when", "whenever"} or token.dep_ != "advcl":
        return False
    tenses = {token.tag_} | {c.tag_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return bool(tenses & {"VBP", "VBZ"})


def _describes(token: Any) -> bool:
    """A relative clause in the present or present perfect, with no date, says who people
    are ("refugees who flee", "those who have managed to find shelter"), not what happened."""
    clause = token.head if token.dep_ in ("xcomp", "conj") else token
    if clause.dep_ != "relcl" or _dated(clause):
        return False
    if any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in clause.children):
        return False  # "the refugees we have helped to escape": we acted; that is news
    if clause.tag_ in ("VBP", "VBZ"):
        return True
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & {"have", "has"}) and not auxes & {"been", "being"}


def _told_in_a_law(named: list[Mention], token: Any) -> bool:
    """A law named by what was done ("an agreement signed between the two countries in
    1986") tells that act too: a verb inside a law's description is an event."""
    return token is not None and token.pos_ == "VERB" and all(m.cls == "Law" for m in named)


def _dated(token: Any) -> bool:
    """Does a date hang on the token ("signed in 1986", "deported last January")?"""
    return any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree)


def _bare_noun(token: Any) -> bool:
    """A noun with nothing said of it but "the": no one's, of no one, nowhere."""
    if token.pos_ != "NOUN" or token.ent_type_ == "DATE":
        return False
    if token.dep_ == "dobj" or (token.dep_ == "nsubjpass" and _has_agent(token.head)):
        return False  # "they held protests", "aid provided by the agency": a verb says who
    if token.dep_ == "pobj" and token.head.lower_ == "into" and token.head.head.pos_ == "VERB":
        return False  # "was forced into exile", "went into exile": the verb's subject went
    # nouns joined by "and" share what is said of them: "the arrest and deportation of X"
    said = [
        c
        for t in (token, *token.conjuncts)
        if t.pos_ == "NOUN"
        for c in t.children
        if c.dep_ not in ("cc", "conj", "punct")
    ]
    return all(c.dep_ == "det" and c.lower_ == "the" for c in said)


def _has_agent(verb: Any) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def _meets_someone(token: Any, sentence: Sentence, inside: list[Mention]) -> bool:
    """Is what is visited or met named (a state, a body, a person, a place)?"""
    objects = [c for c in token.children if c.dep_ in ("dobj", "prep")]
    if not objects:
        return True
    spans = [
        (sentence.start + o.left_edge.idx, sentence.start + o.right_edge.idx + len(o.right_edge))
        for o in objects
    ]
    return any(a <= m.start < b for m in inside for a, b in spans)


# Verbs after which "to" tells an act that was done: "went on to criticize", "began to".
_GOING_ON = frozenset("go begin start continue proceed manage resume".split())
# "the first (state) to condemn", "the only one to testify": done, and first
_RANKS = frozenset("first last only second".split())


def _done_all_the_same(token: Any) -> bool:
    """An infinitive that tells what was done: after a verb of going on or beginning,
    ranking who did it ("the first head of state to condemn"), or the chance a speaker
    thanks for ("thank you for the opportunity to testify")."""
    if token.tag_ != "VB" or not infinitive(token):
        return False
    head = token.head
    if head.pos_ == "VERB" and head.lemma_.lower() in _GOING_ON and head.tag_ != "VB":
        return True
    if head.lower_ == "opportunity" and head.head.lower_ == "for" and _thanked(head.head.head):
        return True  # "thank you for the opportunity to testify": the testimony is given
    return head.lower_ in _RANKS or any(c.lower_ in _RANKS for c in head.children)


def _thanked(word: Any) -> bool:
    """ "thank you for", "thanks for", "grateful for": a speaker thanking for a chance."""
    return word.lemma_.lower() in ("thank", "thanks", "grateful")


_PROTESTERS = frozenset({"protester", "protestor", "demonstrator"})


def _passed_no_law(token: Any) -> bool:
    """Is what was passed no law: an exam, a checkpoint, a time ("passed away": died)?"""
    return any(
        (c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _PASSED_NO_LAW)
        or c.lower_ == "away"
        for c in token.children
    )


_PASSED_NO_LAW = frozenset(
    "exam examination test bar border checkpoint point stage mark milestone threshold "
    "time day night year village town city camp".split()
)


def _a_thing(taken: Any, verb: Any, inside: list[Mention], sentence: Sentence) -> bool:
    """Is what the verb takes a thing, not a person: a word of the list, or, after
    "seize" and "capture", any common noun that names no people ("seized her laptop")?"""
    if taken.dep_ not in ("dobj", "nsubjpass"):
        return False
    if taken.lemma_.lower() in _THINGS:
        return True
    if verb.lemma_.lower() not in ("seize", "capture") or taken.pos_ != "NOUN":
        return False
    at = sentence.start + taken.idx
    named = any(m.start <= at < m.end for m in inside)
    return not named and taken.lemma_.lower() not in people_nouns()


# What is seized or captured that is no one taken: "seized power", "captured the town".
_THINGS = frozenset(
    "power control territory town city village area region capital base property asset "
    "land weapon computer phone passport document equipment vehicle building office "
    "airport border crossing government parliament".split()
)


_GATHERINGS = frozenset(
    "conference meeting summit talks session hearing election rally event ceremony forum "
    "workshop seminar vote referendum briefing".split()
)


def _holds_a_gathering(token: Any) -> bool:
    """Is what is "held" a meeting: "the conference held in X", "talks were held"?"""
    held = [token.head] if token.dep_ == "acl" else []
    held += [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
    return any(t.lemma_.lower() in _GATHERINGS for t in held)


_PRONOUNS = frozenset("he she i we they".split())


def _self_report(token: Any) -> bool:
    """ "He said he was beaten": a witness telling what was done to them; the act told is
    the event, not the telling."""
    if token.lemma_.lower() not in ("say", "tell"):
        return False
    speakers = {c.lower_ for c in token.children if c.dep_ == "nsubj"} & _PRONOUNS
    told = [c for c in token.children if c.dep_ == "ccomp"]
    return any(
        g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in speakers
        for clause in told
        for g in clause.children
    )


def _speakerless(token: Any) -> bool:
    """A statement no one makes: a plural noun ("estimates", "reports") or a passive verb
    with no agent ("it is believed that", "they are said to")."""
    if token.tag_ == "NNS":
        return True
    passive = token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)
    if passive and token.lemma_.lower() in _JUDGED and _a_thing_judged(token):
        return False  # "the law has been widely criticized": what was judged is the news
    return passive and not any(c.dep_ == "agent" for c in token.children)


# verbs of judging something: said of a thing, in the passive, the judgement is reported
_JUDGED = frozenset({"criticize", "criticise", "condemn", "denounce", "decry"})


def _a_thing_judged(token: Any) -> bool:
    """Is the passive subject a thing named by a noun, not "it" ("it is condemned that")?"""
    return any(c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN") for c in token.children)


_CONCESSIVE = frozenset({"although", "though", "whereas"})


def _concessive(token: Any) -> bool:
    """Is the token's clause introduced by "although", "even though" or "whereas"?"""
    for node in (token, *token.ancestors):
        if node.dep_ == "ROOT":
            return False  # "Whereas China became a party ...;": a recital, no main clause
        if any(
            c.dep_ == "mark" and c.lower_ in _CONCESSIVE and not _recital(c) for c in node.children
        ):
            return True
        if node.dep_ == "ccomp":
            return False
    return False


def _recital(mark: Any) -> bool:
    """Is it the "Whereas" that opens a resolution's recital (a fact it rests on), however
    the sentence runs on ("...: Now, therefore, be it")?"""
    return mark.text == "Whereas" and mark.i == mark.sent.start


def _idiom(token: Any, sentence: Sentence, trigger: Hit) -> bool:
    """A verb of saying in a sense that reports no statement: "That said," opening a
    sentence, "deny" with two objects (to refuse someone something)."""
    before = sentence.text[: trigger.start()].strip().lower()
    if token.lemma_.lower() == "say" and before in ("that", "having", "needless to"):
        return True
    objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    return token.lemma_.lower() == "deny" and len(objects) >= 2


def _passive_after_all(token: Any) -> bool:
    """A participle the parse calls a complement that is a passive all the same: it has
    its agent ("was re-arrested by the police"), or a prefix the tokenizer cut off ("re-")."""
    if token.tag_ != "VBN":
        return False
    if any(c.dep_ == "agent" for c in token.children):
        return True
    before = token.doc[max(0, token.i - 2) : token.i]
    return len(before) == 2 and before[1].text == "-" and before[0].lower_ in ("re", "co")

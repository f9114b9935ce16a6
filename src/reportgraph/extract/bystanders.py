"""Names in a trigger's sentence that take no part in its act: who says the sentence
("..., the Council said"), who does another verb joined after it ("fled to Chad and
was granted asylum by X", "to investigate the abduction and to stop working with X"),
who is named in another clause or in what is said of the speaker, and the source of a
claim ("according to X")."""

from __future__ import annotations

import re
from typing import Any

from reportgraph.extract.patterns import SOURCE
from reportgraph.extract.when import FRAMES, clause_of
from reportgraph.model import Mention, Sentence

# Verbs of saying whose subject makes the statement a noun names as their occasion.
SAYING = frozenset(
    "say tell state announce declare add note stress claim insist write argue explain "
    "warn urge accuse call deny".split()
)


def word_of(mention: Mention, token: Any, sentence: Sentence) -> Any | None:
    """The head word of the name in the trigger's parse, or None."""
    if token is None:
        return None
    span = token.doc.char_span(
        mention.start - sentence.start, mention.end - sentence.start, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None


def does_next_verb(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name who does the act of a verb joined to the trigger after it (its
    subject, or the agent of its passive: "fled to Chad and was granted asylum by X"), or
    of a clause after it ("deported them after the UN agency urged Zembla not to")?"""
    word = word_of(mention, token, sentence)
    while word is not None and word.dep_ == "compound":
        word = word.head  # "the UN refugee agency": the agency
    if word is None:
        return False
    verb = word.head.head if word.dep_ == "pobj" and word.head.dep_ == "agent" else word.head
    doer = word.dep_ in ("nsubj", "pobj") and (word.dep_ == "nsubj" or verb.i != word.head.i)
    # "... as Zembans struggle": whom the act is for, in the state it finds them
    joined = verb.dep_ == "conj" or (verb.dep_ == "advcl" and not _marked(verb, ("as", "while")))
    return doer and joined and verb.head.i == token.i and verb.i > token.i


def _marked(verb: Any, marks: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def relative_after(clause: Any, token: Any) -> bool:
    """A relative clause after the trigger on another word tells another act ("fled to
    Vellia, where she founded the Council"); one on the trigger tells of this one ("the
    shelters where we care for them")."""
    return clause.dep_ == "relcl" and clause.i > token.i and clause.head.i != token.i


def there_after(clause: Any, token: Any) -> bool:
    """A clause of "where" or "when" after the trigger tells what happened there or then;
    one of "who" says who someone is ("the death of X, who had been held by police")."""
    return relative_after(clause, token) and any(
        c.lower_ in ("where", "when") for c in clause.children if c.dep_ == "advmod"
    )


OTHER_CLAUSES = frozenset({"advcl", "conj", "parataxis"})


def other_clauses(token: Any) -> set[int]:
    """The words of the trigger's sentence in another clause: "..., while X did Y", "fled
    to Vellia, where she founded Y", "X called for ..., and Y declared ..." (for the
    declaring), and the source of the report ("according to X")."""
    apart = {
        u.i
        for c in token.doc
        if (c.dep_ in OTHER_CLAUSES or c.lower_ == "according" or there_after(c, token))
        and token.i not in {u.i for u in c.subtree}
        for u in c.subtree
    }
    return apart | clause_before(token)


def clause_before(token: Any) -> set[int]:
    """The words of the clause before the trigger's, when the trigger's is joined to it
    with a subject of its own ("X summoned the envoy in Berlin, and Y said ...")."""
    verb = token.doc[clause_of(token)]
    if verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in verb.children):
        return {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
    return set()


def clause_after(token: Any) -> set[int]:
    """The words of a clause joined after the trigger's with a subject of its own."""
    verb = token.doc[clause_of(token)]
    return {
        t.i
        for c in verb.children
        if c.dep_ == "conj"
        and c.i > token.i
        and any(s.dep_.startswith("nsubj") for s in c.children)
        for t in c.subtree
    }


def _above(mention: Mention, token: Any, sentence: Sentence, test: Any) -> Any | None:
    """The first word above the name in the parse that passes ``test``, below the trigger
    (None once the walk up reaches the trigger: the name is in its phrase)."""
    word = word_of(mention, token, sentence)
    for above in word.ancestors if word is not None else ():
        if above.i == token.i:
            return None
        if test(above):
            return above
    return None


def in_relative_after(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name in a relative clause after the trigger, on another word?"""
    return _above(mention, token, sentence, lambda a: relative_after(a, token)) is not None


def in_relative_before(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name in a relative clause before the trigger that the trigger is not in
    ("Ana Vell, who founded the Council in 2004, criticized the handling of protests":
    the protests are not the council's)?"""

    def before(clause: Any) -> bool:
        outside = not clause.left_edge.i <= token.i <= clause.right_edge.i
        return clause.dep_ == "relcl" and clause.i < token.i and outside

    return _above(mention, token, sentence, before) is not None


def modifies_a_thing(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the state or place a word before a common noun ("aid for the Vell crisis
    response", "the Zembla border"): it names what the thing is about, not who gets it?"""
    word = word_of(mention, token, sentence)
    if word is None or mention.cls not in ("Country", "Place"):
        return False
    return word.dep_ == "compound" and word.head.pos_ == "NOUN" and word.head.i != token.i


def acted_on_before(m: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name what the verb the trigger is joined to acts on ("Condemning the
    detention of X and calling for their release": X does not call)?"""
    if token is None or token.dep_ != "conj" or token.head.pos_ != "VERB":
        return False
    word = word_of(m, token, sentence)
    above = {a.i for a in word.ancestors} if word is not None else set()
    return token.head.idx < m.start - sentence.start < token.idx and token.i not in above


def describes_one_of(
    mention: Mention, doers: list[Mention], token: Any, sentence: Sentence
) -> bool:
    """Is the name in what an apposition says of one of ``doers`` ("said Ana Vell, a
    lawyer with the Vell League": the league is hers, not spoken of)?"""
    appos = _above(mention, token, sentence, lambda a: a.dep_ == "appos")
    at = sentence.start + appos.head.idx if appos is not None else -1
    return any(d.start <= at < d.end for d in doers)


def doer_of_a_noun(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name who does what a noun under the trigger names ("fled attacks by armed
    militias", "escaped a crackdown by the police")? That is another act's doer."""
    word = word_of(mention, token, sentence)
    if word is None or word.dep_ != "pobj" or word.head.lower_ != "by":
        return False
    noun = word.head.head
    return noun.i != token.i and noun.pos_ == "NOUN" and token in noun.ancestors


def in_phrase(m: Mention, phrase: Any, sentence: Sentence) -> bool:
    """Is the name inside the phrase the word heads?"""
    start = sentence.start + phrase.left_edge.idx
    return start <= m.start < sentence.start + phrase.right_edge.idx + len(phrase.right_edge)


def elsewhere(place: Mention, doers: list[Mention], token: Any, sentence: Sentence) -> bool:
    """Is the place named in a relative clause the trigger is not in ("the agency, which
    opened an office in Doha, said"), in another clause, or in what an apposition says of
    a doer?"""
    word = word_of(place, token, sentence)
    if word is None:
        return False
    if describes_one_of(place, doers, token, sentence) or word.i in clause_before(token):
        return True  # "X summoned the envoy in Berlin, and Y said ...": not Y's
    if word.i in clause_after(token):
        return True  # "300 were killed and thousands fled to Chad": not killed there
    return any(a.dep_ == "relcl" and token not in a.subtree for a in word.ancestors)


def in_verb_after(mention: Mention, noun: Any, sentence: Sentence) -> bool:
    """Is the name in the clause of a verb joined, after the noun, to the verb that governs
    it ("to investigate the abduction and to stop working with X")?"""
    verb = noun.head
    at = mention.start - sentence.start
    for other in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        if noun.i < other.i and other.left_edge.idx <= at:
            return at < other.right_edge.idx + len(other.right_edge.text)
    return False


def said_elsewhere(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name the subject or the hearer of a verb of saying other than the trigger
    ("..., the Vell Council said", "..., survivors told Vell Watch")?"""
    word = word_of(mention, token, sentence)
    if word is None:
        return False
    if word.dep_ == "appos" and speaker(word):
        return True  # "..., who was held in May, the Council said": parsed as apposed
    verb = word.head
    told = word.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell"
    if not (word.dep_ == "nsubj" or told) or verb.lemma_.lower() not in SAYING:
        return False
    return verb.i != token.i and verb not in token.conjuncts


def set_off(appos: Any) -> bool:
    """Is an apposition set off by a comma, a dash or a bracket ("the envoy, Ana Vell,"), as
    one is, and not a name the parse hangs there ("who founded the website Vell Today")?"""
    before = appos.left_edge.i - 1
    return before >= 0 and appos.doc[before].text in (",", "(", "-", "\u2013", "\u2014", ":")


def speaker(appos: Any) -> bool:
    """Is a name the parse hangs on another as an apposition the subject of the verb of
    saying right after it ("... who was held in May, the Council said")?"""
    after = appos.right_edge.i + 1
    if after >= len(appos.doc):
        return False
    verb = appos.doc[after]
    subjects = ("nsubj", "nsubjpass")
    return verb.lemma_ in SAYING and not any(c.dep_ in subjects for c in verb.children)


def in_charge(mention: Mention, token: Any, sentence: Sentence) -> bool:
    """Is the name inside what someone is punished or charged for ("sentenced X for
    spreading false news about the army", "on charges of insulting the president")?"""
    if token is None:
        return False
    at = mention.start - sentence.start
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "on"):
            continue
        heads = [c for c in prep.children if c.dep_ in ("pcomp", "pobj")]
        if not any(h.tag_ == "VBG" or h.lemma_ in _GROUNDS for h in heads):
            continue
        if prep.idx <= at < prep.right_edge.idx + len(prep.right_edge.text):
            return True
    return False


# what someone is punished for, charged with or sanctioned for ("for their role in ...")
_GROUNDS = frozenset(
    "charge accusation allegation role involvement participation complicity".split()
)


# "according to the Vell Council (VC)": the name, or its short form in brackets after it
_ACCORDING = re.compile(
    r"\b(?:according\s+to|as\s+reported\s+by|citing)\s+(?:the\s+)?(?:[^,;.()]{1,80}\(\s*)?$",
    re.I,
)


def source_of_claim(mention: Mention, sentence: Sentence) -> bool:
    """Is the name where the sentence's claim comes from ("according to the IOM")?"""
    at = mention.start - sentence.start
    before = sentence.text[max(0, at - 120) : at]
    return bool(_ACCORDING.search(before))


def source_of_another(sentence: Sentence, mention: Mention, trigger_at: int) -> bool:
    """Is the mention the source of a report ("according to X") of an act other than the
    one at ``trigger_at``? "According to a report by X" is X's own report."""
    source = SOURCE.search(sentence.text[: mention.start - sentence.start])
    return source is not None and not (
        sentence.start + source.start() <= trigger_at < mention.start
    )


def outside_frame(mention: Mention, noun: Any, sentence: Sentence) -> bool:
    """Is the noun an act that only times another ("since the protests of April, Vell
    closed 30 groups") and the name outside its phrase? Then the name is the other act's."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ not in FRAMES:
        return False
    start = sentence.start + noun.left_edge.idx
    end = sentence.start + noun.right_edge.idx + len(noun.right_edge.text)
    return not (start <= mention.start and mention.end <= end)


_MISSION = re.compile(r"\b(?:Embassy|Consulate|Mission|Office)\b")


def speaking_mission(m: Mention, sentence: Sentence, parsed: Any) -> bool:
    """Is the place an embassy, consulate or office that acts as its state's body ("the
    Zemban Embassy said"): the subject of a verb?"""
    if m.cls != "Place" or parsed is None or not _MISSION.search(m.text):
        return False
    span = parsed.char_span(
        m.start - sentence.start, m.end - sentence.start, alignment_mode="expand"
    )
    return span is not None and len(span) > 0 and span.root.dep_ == "nsubj"


def in_clause(actors: list[Mention], token: Any, sentence: Sentence) -> list[Mention]:
    """The actors named in the trigger's clause: its verb's words, subject included ("Ms.
    A (for herself, Mr. B and Mr. C) introduced the bill": all three took part)."""
    if token is None:
        return []
    verb = token.doc[clause_of(token)]
    words = {t.i for t in verb.subtree}
    relative = next((a for a in (token, *token.ancestors) if _of_which(a)), None)
    if relative is not None:  # "the government, which announced its withdrawal": its act
        head = relative.head
        words = {t.i for t in relative.subtree} | set(range(head.left_edge.i, head.i + 1))
    for child in verb.children:  # "..., while X did Y": another clause, another act
        if child.dep_ in OTHER_CLAUSES and token.i not in {t.i for t in child.subtree}:
            words -= {t.i for t in child.subtree}
    for t in verb.subtree:  # "according to X, police detained ...": X is the source
        if (t.lower_ == "according" or relative_after(t, token)) and token.i not in {
            u.i for u in t.subtree
        }:
            words -= {u.i for u in t.subtree}
    doc = verb.doc
    spans = [
        (sentence.start + doc[i].idx, sentence.start + doc[i].idx + len(doc[i])) for i in words
    ]
    return [m for m in actors if any(a <= m.start < b for a, b in spans)]


def _of_which(word: Any) -> bool:
    """Is the word the verb of a relative clause whose subject is "which" or "that"?"""
    return word.dep_ == "relcl" and any(
        c.dep_.startswith("nsubj") and c.lower_ in ("which", "that") for c in word.children
    )

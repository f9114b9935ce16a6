"""The two states of a bilateral agreement are its signatories: "the Freedonia-Ruritania
treaty", "an agreement signed between the two countries in 1986"."""

from __future__ import annotations

from dataclasses import replace

from reportgraph.extract import component
from reportgraph.extract.gazetteer import country_names
from reportgraph.extract.laws import bilateral, state_of
from reportgraph.extract.patterns import nested, relate
from reportgraph.model import Annotated, Mention


@component("signatories", requires=["sentences", "mentions"], assigns=["relations"])
def signatories(doc: Annotated) -> None:
    """ "the Laos-Thailand treaty", "an agreement signed between the two countries in
    1986": each of the two states is a signatory of the agreement between them. "The two
    countries" are the two states its sentence names, or with the sentence before, when
    exactly two; the agreement is then named for them as the laws component names one
    whose states it reads ("China\u2013North Korea agreement on border control (1986)")."""
    for i, law in enumerate(doc.mentions):
        found = bilateral(law.text) if law.cls == "Law" else None
        at = _sentence_at(doc, law.start)
        if found is None or at is None:
            continue
        sentence = doc.sentences[at]
        if found.named:
            states = [
                _state_mention(doc, law.start + s, law.start + e, w) for s, e, w in found.named
            ]
        else:
            states = _two_states(doc, at, law)
            if not states:
                continue
            if not law.name:
                parties = tuple(sorted(m.canonical for m in states))
                within = min(m.start for m in states) >= sentence.start
                where = "in its sentence" if within else "in its sentence and the one before"
                why = f"relations: 'the two countries' are the only two states named {where}"
                name = replace(found, parties=parties).name
                law = doc.mentions[i] = replace(law, name=name, source=why)
        for state in states:
            if state is not None:
                relate(doc, state, "signatoryOf", law, sentence, "relations")


def _sentence_at(doc: Annotated, offset: int) -> int | None:
    return next((i for i, s in enumerate(doc.sentences) if s.start <= offset < s.end), None)


def _two_states(doc: Annotated, at: int, law: Mention) -> list[Mention]:
    """The first mention of each of the two states named in sentence ``at`` (or, when it
    names fewer, in it and the sentence before); [] unless exactly two."""
    firsts: dict[str, Mention] = {}
    for j in (at, at - 1):
        if j < 0:
            break
        inside = doc.mentions_in(doc.sentences[j])
        for m in inside:
            if m.cls == "Country" and not nested(m, law):
                firsts.setdefault(m.canonical, m)
        if len(firsts) >= 2:
            break
    return list(firsts.values()) if len(firsts) == 2 else []


def _state_mention(doc: Annotated, start: int, end: int, word: str) -> Mention | None:
    """The country named at [start, end) of a law's name: the mention found there, or a
    new one ("Laos" in "Laos-Thailand treaty", left to the law by the rules)."""
    found = next(
        (m for m in doc.mentions if (m.start, m.end, m.cls) == (start, end, "Country")), None
    )
    if found is not None:
        return found
    name = state_of(word)
    if name is None:
        return None
    # a demonym ("Thai" in "Thai-Lao agreement") is not the state's name: a metonym
    state = Mention(start, end, word, "Country", "relations", name, word not in country_names())
    return state if doc.add_mention(state) else None

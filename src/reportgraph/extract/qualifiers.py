"""What follows a noun of people or of a site and says which ones it names: a place
("refugees in Zembla", "refugee camps in Vellia") or a body of a state ("officers of the
Zemban government"). Read from the parse by the people and sites rules alike."""

from __future__ import annotations

from typing import Any


def place_after(head: Any) -> Any | None:
    """A place or people said right after the head ("people of Freedonia", "refugees in
    Ruritania", "citizens of Freedonian descent"): the last token of that phrase."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS or prep.i != head.i + 1:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return None
        obj = objects[0]
        last = obj.i  # a name goes on ("Republic of Ruritania"), a list does not ("and ...")
        for t in head.doc[obj.i + 1 : obj.right_edge.i + 1]:
            if t.pos_ != "PROPN" and t.lower_ not in ("of", "the"):
                break
            if t.pos_ == "PROPN":
                last = t.i
        span = head.doc[prep.i + 1 : last + 1]
        proper = obj.pos_ == "PROPN" or obj.ent_type_ in ("GPE", "NORP", "LOC")
        if obj.lower_ == "descent":
            proper = True
        if proper and len(span) <= 5 and not any(t.is_punct and t.text != "." for t in span):
            return span[-1]
    return None


_PLACE_PREPS = frozenset({"of", "in", "from", "within"})
# what people may be "of": a state's bodies, named by a common noun
_BODY_NOUNS = frozenset(
    "government regime ministry army military police party state authorities forces "
    "service agency council administration junta".split()
)


def body_after(head: Any) -> Any | None:
    """A body of a state said right after the head ("officers of the Zemban government",
    "members of the ruling party"): the last token of that phrase."""
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if after is None or after.lower_ != "of" or after.dep_ != "prep":
        return None
    body = next((c for c in after.children if c.dep_ == "pobj"), None)
    if body is None or body.lemma_.lower() not in _BODY_NOUNS or body.right_edge.i != body.i:
        return None
    words = head.doc[after.i + 1 : body.i + 1]
    return body if len(words) <= 5 and not any(t.is_punct for t in words) else None

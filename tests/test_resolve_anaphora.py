"""'The seven': a bare count names the group of that size told last before it."""

from __future__ import annotations

from pathlib import Path

from reportgraph.extract import extract
from reportgraph.model import Document
from reportgraph.resolve import resolve


def groups_of(text: str) -> list[set[str]]:
    document = Document(Path("t.txt"), "t.txt", text, "0" * 64, "text/plain", date="2004-03")
    resolved = resolve([extract(document)])
    return [{e.label, *e.alt_labels} for e in resolved.entities.values() if e.cls == "Group"]


def test_the_seven_are_the_last_group_of_seven_named() -> None:
    text = (
        "In May 2003, seven Laotian families entered the Thai Embassy in Vientiane. "
        "In June 2003, seven Laotian refugees were deported from Thailand. "
        "A witness said the seven were sent to a prison in Vientiane. "
        "The deportation of the group of seven angered Bangkok."
    )
    groups = groups_of(text)
    [refugees] = [g for g in groups if "seven Laotian refugees" in g]
    assert {"seven", "group of seven"} <= refugees
    [families] = [g for g in groups if "seven Laotian families" in g]
    assert not {"seven", "group of seven"} & families

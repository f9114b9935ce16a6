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


def test_each_document_keeps_the_names_it_gives_a_merged_thing() -> None:
    """Not only the words met ("Laos-Thailand treaty") but the name a rule read from them
    (with an en dash), so the document's graph still answers to it."""
    from rdflib import SKOS

    from reportgraph.rdf import to_graphs

    texts = {
        "a.txt": "Thailand returns Laotian refugees under the Laos-Thailand treaty, said a UN "
        "official in May 2003.",
        "b.txt": "Thailand and Laos agreed again. Laotian refugees are returned under an "
        "agreement on border control signed between the two countries in 1996.",
    }
    docs = [
        extract(Document(Path(name), name, text, "0" * 64, "text/plain", date="2004-03"))
        for name, text in texts.items()
    ]
    graphs = to_graphs(resolve(docs))
    [graph_a] = [g for g in graphs if str(g).endswith("a.txt")]
    alt_a = {str(o) for _, p, o in graphs[graph_a] if p == SKOS.altLabel}
    assert "Laos\u2013Thailand treaty" in alt_a


def test_her_act_is_done_to_the_woman_named_before() -> None:
    doc = extract(
        Document(
            Path("t.txt"),
            "t.txt",
            "Ana Vell was arrested in May 2014. A court found that her detention was unlawful.",
            "0" * 64,
            "text/plain",
            date="2022",
        )
    )
    detention = next(e for e in doc.events if e.trigger == "detention")
    assert [m.canonical for m in detention.affected] == ["Ana Vell"]

"""Who helps whom: an act of aid with a giver and a receiver ("Vellistan sent food to the
refugees", "aid from the Council reached 40 families") relates the giver to the one it
helps (rg:aids), as a reader summing up the report would."""

from __future__ import annotations

from reportgraph.extract import component
from reportgraph.extract.patterns import relate
from reportgraph.model import Annotated

_GIVERS = ("Country", "Organization", "Person")
_RECEIVERS = ("Group", "Country", "Person", "Organization")


@component("benefits", requires=["events"], assigns=["relations"])
def benefits(doc: Annotated) -> None:
    for event in doc.events:
        if event.cls != "Aid":
            continue
        for giver in (m for m in event.agents if m.cls in _GIVERS):
            for receiver in (m for m in event.affected if m.cls in _RECEIVERS):
                relate(doc, giver, "aids", receiver, event.sentence, "benefits")

"""Places the text says are places: "the border town of Adara", "the village of Kfar
Vell", "the northern province of Vellia". Gazetteers miss most small towns and the model
often takes their names for bodies; the kind of place before "of" says what they are."""

from __future__ import annotations

import re

from reportgraph.extract import component
from reportgraph.extract.patterns import SP, WORD, add
from reportgraph.model import Annotated

_KINDS = (
    r"(?:town|city|village|hamlet|district|province|region|county|municipality|township"
    r"|governorate|port|island|neighbou?rhood|suburb|camp)"
)
# small words inside a place's name: "Playa de la Vela", "San Vell de los Rios"
_JOIN = r"(?:de|del|de[ \t]+la|de[ \t]+los|da|do|dos|das|du|des|la|el)"
# "the (remote|border|northern) village of Kfar Vell", "al-" and "el-" before a name
_TOWN_OF = re.compile(
    rf"\b[Tt]he{SP}(?:[a-z-]+{SP}){{0,2}}?{_KINDS}{SP}of{SP}"
    rf"(?P<name>(?:(?:al|el|an|ad|as|ar)-)?{WORD}(?:{SP}(?:{_JOIN}{SP})?{WORD}){{0,3}})"
)


@component("towns", requires=["sentences"], assigns=["mentions"])
def towns(doc: Annotated) -> None:
    for found in _TOWN_OF.finditer(doc.document.text):
        add(doc, found.start("name"), found.end("name"), "Place", "towns")

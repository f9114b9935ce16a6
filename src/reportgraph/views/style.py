"""How each class is drawn: colour, shape and the symbol the legend shows.

Shapes differ by kind and, for events, by family (movement, coercion, voice, legal,
help), so the view still reads in greyscale; colours come from palettes made to stay
apart for colour-blind readers (Okabe-Ito for entities, Paul Tol's "muted" for events).
The shapes are drawn by the page's own script (``assets/graph.js``), not vis-network's.
"""

from __future__ import annotations

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES

# class -> (colour, shape drawn by graph.js, legend symbol)
ENTITY_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#0072b2", "dot", "\u25cf"),
    "Organization": ("#e69f00", "square", "\u25a0"),
    "Group": ("#009e73", "triangle", "\u25b2"),
    "Country": ("#d55e00", "diamond", "\u25c6"),
    "Place": ("#56b4e9", "triangleDown", "\u25bc"),
    "Law": ("#cc79a7", "star", "\u2605"),
}
# family -> (shape, legend symbol, classes); within a family the colours differ in
# lightness as well as hue.
EVENT_FAMILIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Movement": ("arrow", "\u25b6", ("Flight", "AsylumRequest", "Repatriation", "Resettlement")),
    "Coercion": ("cross", "\u2716", ("Arrest", "Punishment")),
    "Voice": ("pentagon", "\u2b1f", ("Statement", "Protest", "Petition")),
    "Legal": ("hexagon", "\u2b22", ("LegalAction",)),
    "Help": ("plus", "\u271a", ("Aid", "Meeting")),
}
TOL_MUTED = ("#332288", "#88ccee", "#cc6677", "#117733", "#882255", "#ddcc77", "#44aa99")
EVENT_COLOURS: dict[str, str] = {
    "Flight": "#332288",
    "AsylumRequest": "#88ccee",
    "Repatriation": "#cc6677",
    "Resettlement": "#117733",
    "Arrest": "#882255",
    "Punishment": "#ddcc77",
    "Statement": "#44aa99",
    "Protest": "#aa4499",
    "Petition": "#999933",
    "LegalAction": "#332288",
    "Aid": "#117733",
    "Meeting": "#cc6677",
}
GENERIC_EVENT = "Event"
OTHER_FAMILY = "Other events"
# A node of a CONSTRUCT result that is neither an entity nor an event of the graph.
OTHER = "Other"
FAMILY: dict[str, str] = {
    cls: family for family, (_, _, members) in EVENT_FAMILIES.items() for cls in members
}
# A class model.EVENT_CLASSES gains later is still drawn: a grey-bordered hexagon, its
# colour taken from the palette in turn.
EVENT_STYLE: dict[str, tuple[str, str, str]] = {}
for _i, _cls in enumerate(EVENT_CLASSES):
    _family = FAMILY.get(_cls)
    _shape, _symbol = EVENT_FAMILIES[_family][:2] if _family else ("hexagon", "\u2b22")
    EVENT_STYLE[_cls] = (EVENT_COLOURS.get(_cls, TOL_MUTED[_i % len(TOL_MUTED)]), _shape, _symbol)
    FAMILY.setdefault(_cls, OTHER_FAMILY)
EVENT_STYLE[GENERIC_EVENT] = ("#bbbbbb", "hexagon", "\u2b22")
FAMILY[GENERIC_EVENT] = OTHER_FAMILY
STYLE = {**ENTITY_STYLE, **EVENT_STYLE, OTHER: ("#dddddd", "ring", "\u25cb")}
# Most specific first, so a node typed both rg:Country and rg:Place is drawn as a Country.
CLASS_PRIORITY = (*EVENT_CLASSES, GENERIC_EVENT, *ENTITY_CLASSES)
# The legend: entities, then events family by family.
LEGEND_ORDER = (
    *ENTITY_CLASSES,
    *(cls for _, _, members in EVENT_FAMILIES.values() for cls in members),
    *(cls for cls in EVENT_STYLE if FAMILY[cls] == OTHER_FAMILY),
    OTHER,
)

# What an edge says when an event is folded into it (--collapse-events): "A -arrested-> B".
EVENT_VERBS: dict[str, str] = {
    "Flight": "fled",
    "AsylumRequest": "sought asylum",
    "Arrest": "arrested",
    "Repatriation": "repatriated",
    "Punishment": "punished",
    "Protest": "protested",
    "Petition": "petitioned",
    "Statement": "made a statement",
    "LegalAction": "took legal action",
    "Meeting": "met",
    "Aid": "aided",
    "Resettlement": "resettled",
    GENERIC_EVENT: "took part in an event",
}


def kind_of(cls: str) -> str:
    """ "event", "entity" or "other": what the page's filters and panel treat the node as."""
    if cls in EVENT_STYLE:
        return "event"
    return "entity" if cls in ENTITY_STYLE else "other"


def verb(cls: str) -> str:
    return EVENT_VERBS.get(cls, cls[:1].lower() + cls[1:])

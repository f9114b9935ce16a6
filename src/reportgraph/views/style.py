"""How each class is drawn: colour, vis-network shape and the symbol the legend shows.

Shapes differ by kind as well as colour, so the view still reads in greyscale or for a
reader who cannot tell the colours apart.
"""

from __future__ import annotations

from reportgraph.model import ENTITY_CLASSES, EVENT_CLASSES

# class -> (colour, vis-network shape, legend symbol)
ENTITY_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "\u25cf"),
    "Organization": ("#f28e2b", "square", "\u25a0"),
    "Group": ("#59a14f", "triangle", "\u25b2"),
    "Country": ("#e15759", "diamond", "\u25c6"),
    "Place": ("#17becf", "triangleDown", "\u25bc"),
    "Law": ("#b07aa1", "star", "\u2605"),
}
EVENT_COLOURS = (
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#8cd17d",
    "#a0cbe8",
    "#ffbe7d",
    "#d4a6c8",
    "#86bcb6",
    "#f1ce63",
    "#d37295",
    "#bcbd22",
    "#79706e",
)
EVENT_SHAPE, EVENT_SYMBOL = "hexagon", "\u2b22"
GENERIC_EVENT = "Event"
# A node of a CONSTRUCT result that is neither an entity nor an event of the graph.
OTHER = "Other"
# Colours cycle, so a new event class in model.EVENT_CLASSES still gets one.
EVENT_STYLE: dict[str, tuple[str, str, str]] = {
    cls: (EVENT_COLOURS[i % len(EVENT_COLOURS)], EVENT_SHAPE, EVENT_SYMBOL)
    for i, cls in enumerate(EVENT_CLASSES)
}
EVENT_STYLE[GENERIC_EVENT] = ("#bab0ac", EVENT_SHAPE, EVENT_SYMBOL)
STYLE = {**ENTITY_STYLE, **EVENT_STYLE, OTHER: ("#c7c7c7", "ellipse", "\u2b2d")}
# Most specific first, so a node typed both rg:Country and rg:Place is drawn as a Country.
CLASS_PRIORITY = (*EVENT_CLASSES, GENERIC_EVENT, *ENTITY_CLASSES)
LEGEND_ORDER = (*ENTITY_CLASSES, *EVENT_CLASSES, GENERIC_EVENT, OTHER)

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

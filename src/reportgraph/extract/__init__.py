"""The extraction pipeline: small components, each registered by name with what it needs
and what it adds, run in order over one document.

A component is a function ``(Annotated) -> None`` that appends to the document's
sentences, mentions, events or relations. New extractors plug in with ``@component`` (or
the ``reportgraph.extractors`` entry-point group) without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points

from reportgraph.errors import ExtractionError, ReportgraphError
from reportgraph.model import Annotated, Document

Func = Callable[[Annotated], None]


@dataclass(frozen=True)
class Component:
    name: str
    func: Func
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, Component] = {}

# Order matters: longer, more specific names are claimed first, so that a law naming a
# country ("the 1951 UN Convention") is one law, not a country inside a law.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "reflow",
    "sentences",
    "furniture",
    "parse",
    "laws",
    "borders",
    "facilities",
    "organizations",
    "described",
    "persons",
    "groups",
    "people",
    "countries",
    "places",
    "towns",
    "seats",
    "entities",
    "offices",
    "policies",
    "lawnames",
    "sites",
    "peoples",
    "acronyms",
    "surnames",
    "adjectives",
    "publisher",
    "bodies",
    "events",
    "claims",
    "signatories",
    "relations",
    "wholes",
    "legislation",
    "doers",
    "posts",
    "affiliations",
    "kin",
    "benefits",
    "pairs",
)

_BUILTIN_MODULES = (
    "adjectives",
    "seats",
    "towns",
    "coref",
    "reflow",
    "sentences",
    "furniture",
    "nlp",
    "entities",
    "laws",
    "places",
    "actors",
    "persons",
    "surnames",
    "offices",
    "described",
    "shortnames",
    "acronyms",
    "bodies",
    "groups",
    "people",
    "commons",
    "peoples",
    "events",
    "claims",
    "signatories",
    "relations",
    "wholes",
    "legislation",
    "doers",
    "posts",
    "affiliations",
    "kin",
    "benefits",
    "pairs",
)


def component(
    name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Func], Func]:
    """Register ``func`` as pipeline component ``name``."""

    def register(func: Func) -> Func:
        REGISTRY[name] = Component(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def _load_components() -> None:
    for module in _BUILTIN_MODULES:
        import_module(f"reportgraph.extract.{module}")
    for ep in entry_points(group="reportgraph.extractors"):
        ep.load()


def get_pipeline(names: Iterable[str] = DEFAULT_PIPELINE) -> list[Component]:
    """The components in order, checked so that each one's requirements come earlier."""
    _load_components()
    pipeline: list[Component] = []
    provided: set[str] = set()
    for name in names:
        if name not in REGISTRY:
            known = ", ".join(sorted(REGISTRY))
            raise ReportgraphError(f"unknown extractor {name!r} (known: {known})")
        comp = REGISTRY[name]
        missing = [r for r in comp.requires if r not in provided]
        if missing:
            raise ReportgraphError(
                f"extractor {name!r} needs {', '.join(missing)}, which no earlier one assigns"
            )
        provided.update(comp.assigns)
        pipeline.append(comp)
    return pipeline


def extract(document: Document, pipeline: list[Component] | None = None) -> Annotated:
    """Run every component over ``document``; a failure names the component and the file."""
    doc = Annotated(document)
    for comp in pipeline if pipeline is not None else get_pipeline():
        try:
            comp.func(doc)
        except ReportgraphError:
            raise
        except Exception as exc:  # an extractor bug must not stop a build of a thousand files
            raise ExtractionError(comp.name, document.file_name, repr(exc)) from exc
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    return doc

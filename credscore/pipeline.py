"""The feature components, registered in one place, in the order data flows through them.

Each component is a callable over :class:`~credscore.document.Document` that declares what it
``requires`` (names of components that must have run) and what it ``assigns``. The segmenter
runs before these, batched over many documents.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from credscore.document import Document
from credscore.features.attribution import AttributionTagger
from credscore.features.claims import ClaimTagger
from credscore.features.entities import EntityResolver
from credscore.features.markers import MarkerTagger


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


#: name → factory, in pipeline order.
COMPONENTS: dict[str, Callable[[], Component]] = {
    "markers": MarkerTagger,
    "attribution": AttributionTagger,
    "entities": EntityResolver,
    "claims": ClaimTagger,
}


def build_components(names: tuple[str, ...] = tuple(COMPONENTS)) -> list[Component]:
    """Instantiate components in order, checking that each one's requirements run before it."""
    available = {"segmenter", "sentences", "boilerplate"}
    built: list[Component] = []
    for name in names:
        if name not in COMPONENTS:
            raise ValueError(f"unknown component {name!r}; known: {', '.join(COMPONENTS)}")
        component = COMPONENTS[name]()
        missing = [r for r in component.requires if r not in available]
        if missing:
            raise ValueError(f"component {name!r} requires {missing} to run before it")
        available.add(name)
        built.append(component)
    return built

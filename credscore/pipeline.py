"""The pipeline's components, registered in one place, in the order data flows through them.

Each component is a callable over :class:`~credscore.document.Document` that declares what it
``requires`` (names of components that must have run) and what it ``assigns`` (typed fields of
the document and its sentences). The segmenter runs before these, batched over many documents;
a component with a ``pipe`` method (the model's encoder) is run over the whole batch at once.
With a model, its heads run after the attribution tagger, so that the entity resolver reads the
attributions the model decided, and its readings are fused after the claim tagger's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

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


#: Where the model's components go: each after the feature component named here.
MODEL_AFTER = {"model": "attribution", "model_readings": "claims"}


def build_components(names: tuple[str, ...] = tuple(COMPONENTS), *, model: Any = None) -> list[Component]:
    """Instantiate components in order, checking that each one's requirements run before it.

    ``model``: a loaded :class:`~credscore.model.heads.ModelHeads` (None: the feature-only pipeline);
    it and its :class:`~credscore.model.heads.ModelReadings` are placed by :data:`MODEL_AFTER`."""
    unknown = [n for n in names if n not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown component {unknown[0]!r}; known: {', '.join(COMPONENTS)}")
    components: list[Component] = [COMPONENTS[name]() for name in names]
    if model is not None:
        from credscore.model.heads import ModelReadings  # imports the model code only when a model is loaded

        for component in (model, ModelReadings(model)):
            after = next((i for i, c in enumerate(components) if c.name == MODEL_AFTER[component.name]), None)
            if after is None:
                raise ValueError(f"component {component.name!r} runs after {MODEL_AFTER[component.name]!r}, which is not in {names}")
            components.insert(after + 1, component)
    available = {"segmenter", "sentences", "boilerplate"}
    for component in components:
        missing = [r for r in component.requires if r not in available]
        if missing:
            raise ValueError(f"component {component.name!r} requires {missing} to run before it")
        available.add(component.name)
    return components


def run_components(components: Sequence[Component], docs: list[Document]) -> list[Document]:
    """Each component over every document in turn: a batch component (``pipe``) over all of them at once."""
    for component in components:
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs)) if pipe is not None else [component(doc) for doc in docs]
    return docs

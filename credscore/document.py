"""The shared document every pipeline component reads and annotates.

Offsets are Python ``str`` indices into :attr:`Document.text`, half-open, so
``doc.text[span.start:span.end] == span.text`` holds for every span, at every level.
Span types here are frozen; :class:`Sentence` and :class:`Document` are the mutable
annotation carriers that components write to, as spaCy's ``Doc``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # spaCy is imported lazily by the segmenter
    from spacy.tokens import Span as SpacySpan

SourceKind = Literal[
    "named_person",
    "named_organization",
    "document",
    "media",
    "anonymous_specific",
    "anonymous_vague",
    "unattributed",
]
SOURCE_KINDS: tuple[SourceKind, ...] = (
    "named_person",
    "named_organization",
    "document",
    "media",
    "anonymous_specific",
    "anonymous_vague",
    "unattributed",
)
HedgeType = Literal["modal", "adverb", "evidential", "approximator", "distancing"]
HEDGE_TYPES: tuple[HedgeType, ...] = ("modal", "adverb", "evidential", "approximator", "distancing")
Polarity = Literal["negative", "positive"]


@dataclass(frozen=True)
class TextSpan:
    """A half-open character span with the text it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextSpan:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Provenance:
    """Where the whole article comes from (SPEC §2): its dateline place and wire ("PARIS (AP) —")
    and a syndication credit ("This article originally appeared on …"). Never a claim's source.

    >>> Provenance(TextSpan(0, 5, "PARIS"), TextSpan(7, 9, "AP")).to_dict()["wire"]
    {'start': 7, 'end': 9, 'text': 'AP'}
    """

    dateline_place: TextSpan | None = None
    wire: TextSpan | None = None
    credit: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        def span(s: TextSpan | None) -> dict[str, Any] | None:
            return None if s is None else {"start": s.start, "end": s.end, "text": s.text}

        return {"dateline_place": span(self.dateline_place), "wire": span(self.wire), "credit": span(self.credit)}


@dataclass(frozen=True)
class Offsets:
    """A half-open character span without its text (for long spans such as content)."""

    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Boilerplate:
    """Page furniture that is reported but never scored, with the rule that caught it."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    text: str
    type: HedgeType
    lexicon_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type}


@dataclass(frozen=True)
class VerificationMarker:
    start: int
    end: int
    text: str
    polarity: Polarity
    lexicon_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "polarity": self.polarity}


@dataclass(frozen=True)
class RelayLink:
    """One intermediary a claim passed through on its way to the article (outermost first)."""

    source: TextSpan
    kind: SourceKind
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict(), "kind": self.kind, "entity_id": self.entity_id}


@dataclass(frozen=True)
class Attribution:
    """Who a claim's information is credited to (SPEC §1): source, cue and content spans."""

    kind: SourceKind
    source: TextSpan | None
    cue: TextSpan | None
    content: Offsets
    anonymity_reason: TextSpan | None = None
    relay: tuple[RelayLink, ...] = ()
    entity_id: str | None = None
    # The mention whose entity this source resolved to (a pronoun's antecedent), for explanations.
    resolved_from: TextSpan | None = None
    #: The kind typer's probability of ``kind`` (4 places); None where the typer did not read it (no
    #: source phrase, an agentless cue, a kind set by a rule after typing, or no typer weights shipped).
    kind_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "kind_confidence": self.kind_confidence,
            "entity_id": self.entity_id,
            "anonymity_reason": self.anonymity_reason.to_dict() if self.anonymity_reason else None,
            "relay": [link.to_dict() for link in self.relay],
        }


@dataclass(frozen=True)
class LinkedAttribution:
    """An attribution as the span model linked it: read as a sentence's would be, with its content
    whole (``content``: the fragments around its cue, across sentences)."""

    attribution: Attribution
    content: tuple[Offsets, ...]


@dataclass
class Sentence:
    """A sentence of the article and the annotations components write onto it."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    span: SpacySpan | None = None  # the parsed spaCy span; None for bare text without a parse
    offset: int = 0  # add to a spaCy char offset to get a document offset
    in_quote_of: int | None = None  # index of the sentence whose cue introduced the quote we are in
    hedges: list[Hedge] = field(default_factory=list)
    verification: list[VerificationMarker] = field(default_factory=list)
    attribution: Attribution | None = None
    checkworthiness: float = 0.0
    hedge_score: float = 0.0
    weasel_score: float = 0.0
    is_claim: bool = False
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    """One article as it moves through the pipeline."""

    text: str
    id: str | None = None
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    own_outlets: set[str] = field(default_factory=set)  # lower-cased names the article speaks as
    entities: list[Any] = field(default_factory=list)  # filled by the entity resolver
    #: Attributions the article makes that are no sentence's own: the outer one of a nested pair (also
    #: the claim's relay), a second one in a sentence. Written by the model's span reader; text order.
    other_attributions: list[LinkedAttribution] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # names of the components that have run
    notes: dict[str, Any] = field(default_factory=dict)  # component scratch space, keyed by component


@dataclass(frozen=True)
class SourceEntity:
    """One source after merging its mentions in the article (SPEC §1 "source entity")."""

    entity_id: str
    name: str
    kind: SourceKind
    mentions: tuple[Offsets, ...]
    sentences: tuple[int, ...]  # indices of the sentences it is the source of

"""The shared document every pipeline component reads and annotates.

Offsets are Python ``str`` indices into :attr:`Document.text`, half-open, so
``doc.text[span.start:span.end] == span.text`` holds for every span, at every level.
Span types here are frozen; :class:`Sentence` and :class:`Document` are the mutable
annotation carriers that components write to, as spaCy's ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

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
    #: where the dateline ends, its dash included ("NEW DELHI, March 27 - "); 0 without one. Not output:
    #: it only keeps the dateline out of every claim's source
    dateline_end: int = 0

    def clear_of_dateline(self, text: str, span: TextSpan | None) -> TextSpan | None:
        """The part of a source span after the dateline ("March 27 - Indian officials" → "Indian
        officials"); ``None`` when all of it is the dateline ("NEW DELHI")."""
        if span is None or self.dateline_place is None or not (
                self.dateline_place.start < span.end and span.start < self.dateline_end):
            return span
        start = max(span.start, self.dateline_end)
        while start < span.end and text[start].isspace():
            start += 1
        return TextSpan.of(text, start, span.end) if start < span.end else None

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
    sourcing: bool = True  # its cue reports information; False: a stance, belief or act (see AttributionResult)


@dataclass
class SourcePhrase:
    """What source typing read of one source phrase on the parse, for the entity resolver: its name,
    head and determiner, its capitalised name words, its words (so "the judge" finds "Judge Michael
    Markman"), whether its head is a person's role, and an "it"'s antecedent body. A phrase no
    parse typed (a span only the model read) is ``SourcePhrase()``: nothing known."""

    name: str | None = None
    head: str | None = None
    name_words: tuple[str, ...] = ()
    determiner: str = ""
    ent_type: str = ""
    plural: bool = False
    role: bool = False
    words: tuple[str, ...] = ()
    antecedent: TextSpan | None = None


@dataclass
class KindReading:
    """How one source phrase was typed: the typer's features, the rules' kind, the kind given, the
    typer's probability of it (None without a typer), and whether a rule for the phrase's pattern
    settled the rules' kind (the typer decides only where none did)."""

    features: tuple[str, ...]
    rules: SourceKind
    kind: SourceKind
    confidence: float | None
    settled: bool = False


@dataclass(frozen=True)
class SentenceCorroboration:
    """The independent sources that say what a sentence says (its own first), and the sentences where
    each other one says it (SPEC §3)."""

    entity_ids: tuple[str, ...] = ()
    sentences: tuple[int, ...] = ()


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
    #: Share of the sentence's characters inside quotation marks (attribution).
    quoted_share: float = 0.0
    #: The outer speaker, where the attribution is a third party that speaker cites (attribution).
    speaker: Attribution | None = None
    #: The span model's content fragments where it decided this sentence's attribution, across
    #: sentences; None where the rules' reading stands (model).
    span_content: tuple[Offsets, ...] | None = None
    #: The model heads' logits per reading task, fused with the rules' readings after them (model).
    model_logits: dict[str, float] | None = None
    corroboration: SentenceCorroboration = field(default_factory=SentenceCorroboration)  # entities


class _Spanned(Protocol):
    start: int
    end: int


SpanT = TypeVar("SpanT", bound=_Spanned)


def overlapping(start: int, end: int, spans: Sequence[SpanT]) -> list[SpanT]:
    """The spans that overlap ``[start, end)``, in order; ``spans`` in text order and not overlapping
    each other (sentences, quotes), so their ends are sorted too: only those reaching past ``start``
    are visited, found by bisection."""
    found = []
    for i in range(bisect_right(spans, start, key=_end), len(spans)):
        if spans[i].start >= end:
            break
        found.append(spans[i])
    return found


def _end(span: _Spanned) -> int:
    return span.end


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
    #: the claim's relay), a second one in a sentence. Written by the attribution tagger (a report
    #: coordinated with the sentence's own) and the model's span reader; text order.
    other_attributions: list[LinkedAttribution] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # names of the components that have run
    #: What the attribution tagger read for the components after it: the article's provenance, the
    #: lower-cased words of its PERSON names, every PERSON name, and those that are subjects (the
    #: antecedents a later "he" most likely means).
    provenance: Provenance = field(default_factory=Provenance)
    person_words: frozenset[str] = frozenset()
    person_mentions: list[TextSpan] = field(default_factory=list)
    person_subjects: list[TextSpan] = field(default_factory=list)
    #: Each typed source phrase, by its (start, end): what the resolver needs, and how it was typed.
    source_phrases: dict[tuple[int, int], SourcePhrase] = field(default_factory=dict)
    kind_readings: dict[tuple[int, int], KindReading] = field(default_factory=dict)
    #: How the model decided the sentences' attributions: "model", "rules", "none" (span model);
    #: "added", "vetoed" (tagging head over the rules).
    model_decisions: dict[str, int] = field(default_factory=dict)

    def paragraphs(self) -> dict[int, list[Sentence]]:
        """The sentences of each paragraph, by paragraph index, in text order."""
        out: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.paragraph, []).append(s)
        return out


@dataclass(frozen=True)
class SourceEntity:
    """One source after merging its mentions in the article (SPEC §1 "source entity")."""

    entity_id: str
    name: str
    kind: SourceKind
    mentions: tuple[Offsets, ...]
    sentences: tuple[int, ...]  # indices of the sentences it is the source of

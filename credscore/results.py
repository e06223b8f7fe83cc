"""What credscore returns: frozen, typed results with ``to_dict()`` matching the JSON schema.

The JSON Schema for :meth:`ArticleResult.to_dict` ships as ``credscore/schema/article.schema.json``
(``SCHEMA_VERSION``); every field here is in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from credscore.document import (
    Attribution,
    Boilerplate,
    Document,
    Hedge,
    Offsets,
    Sentence,
    Provenance,
    SourceEntity,
    TextSpan,
    VerificationMarker,
    overlapping,
)
from credscore.features.kind_typer import kind_confidence
from credscore.scoring import ArticleScore, Band, ClaimScore, Explanation

SCHEMA_VERSION = "6"


@dataclass(frozen=True)
class Corroboration:
    independent_sources: int
    entity_ids: tuple[str, ...]
    supporting_claims: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "independent_sources": self.independent_sources,
            "entity_ids": list(self.entity_ids),
            "supporting_claims": list(self.supporting_claims),
        }


@dataclass(frozen=True)
class ClaimResult:
    """One claim: its span, signals, attribution and sourcing score, with the reasons."""

    start: int
    end: int
    text: str
    checkworthiness: float
    hedge_score: float
    weasel_score: float
    score: float
    attribution: Attribution
    hedges: tuple[Hedge, ...]
    verification: tuple[VerificationMarker, ...]
    corroboration: Corroboration
    explanation: tuple[Explanation, ...]

    @property
    def kind(self) -> str:
        return self.attribution.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "checkworthiness": self.checkworthiness,
            "hedge_score": self.hedge_score,
            "weasel_score": self.weasel_score,
            "score": self.score,
            "attribution": self.attribution.to_dict(),
            "hedges": [h.to_dict() for h in self.hedges],
            "verification": [v.to_dict() for v in self.verification],
            "corroboration": self.corroboration.to_dict(),
            "explanation": [e.to_dict() for e in self.explanation],
        }


@dataclass(frozen=True)
class SourceResult:
    """A source entity with its mentions and the claims (indices into ``claims``) it backs."""

    entity_id: str
    name: str
    kind: str
    mentions: tuple[Offsets, ...]
    claims: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "kind": self.kind,
            "mentions": [m.to_dict() for m in self.mentions],
            "claims": list(self.claims),
        }


@dataclass(frozen=True)
class AttributionResult:
    """One attribution the article makes (SPEC §1), whichever claim it serves: one per cue.

    A quote of several sentences is one attribution whose content is their fragments; the outer
    speaker of a nested pair ("X said officials told him …") and a second speaker in one sentence
    are attributions here too, though a claim names only the innermost as its own.

    ``sourcing`` is false for a stance, belief or act that PolNeAR and PARC also annotate as an
    attribution ("called for", "attacked", "wants", "has been endorsed by"): it says what someone
    did or holds, not where the article's information came from, so no claim takes it and it
    enters no score.
    """

    source: TextSpan | None
    cue: TextSpan
    content: tuple[Offsets, ...]
    kind: str
    entity_id: str | None
    claims: tuple[int, ...]  # indices into ``claims`` of the claims it is the attribution of
    sourcing: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": [c.to_dict() for c in self.content],
            "kind": self.kind,
            "entity_id": self.entity_id,
            "claims": list(self.claims),
            "sourcing": self.sourcing,
        }


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str
    device: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "device": self.device}


@dataclass(frozen=True)
class ArticleResult:
    """The sourcing assessment of one article (SPEC §5)."""

    id: str | None
    score: float | None
    band: Band | None
    components: dict[str, Any]
    explanation: tuple[Explanation, ...]
    claims: tuple[ClaimResult, ...]
    sources: tuple[SourceResult, ...]
    boilerplate: tuple[Boilerplate, ...]
    warnings: tuple[str, ...]
    model: ModelInfo
    title: str | None = None
    extracted_text: str | None = None  # the text offsets refer to, when it is not the input (HTML)
    confidence: float = 0.0  # how far the score can be trusted: low when it rests on few claims
    rests_on: tuple[tuple[int, float], ...] = ()  # (claim index, share of the claim weight), heaviest first
    provenance: Provenance = Provenance()  # the article's dateline and syndication credit
    schema_version: str = SCHEMA_VERSION
    # The article read against a corpus (credscore.corpus.ArticleCorpus); only from score_corpus.
    corpus: Any = None
    attributions: tuple[AttributionResult, ...] = ()  # every attribution in the article, in text order

    def to_dict(self) -> dict[str, Any]:
        out = {
            "schema_version": self.schema_version,
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "band": self.band,
            "confidence": self.confidence,
            "rests_on": [{"claim": i, "weight": w} for i, w in self.rests_on],
            "components": self.components,
            "explanation": [e.to_dict() for e in self.explanation],
            "claims": [c.to_dict() for c in self.claims],
            "sources": [s.to_dict() for s in self.sources],
            "attributions": [a.to_dict() for a in self.attributions],
            "boilerplate": [b.to_dict() for b in self.boilerplate],
            "provenance": self.provenance.to_dict(),
            "warnings": list(self.warnings),
            "model": self.model.to_dict(),
            "extracted_text": self.extracted_text,
        }
        if self.corpus is not None:
            out["corpus"] = self.corpus.to_dict()
        return out

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


@dataclass(frozen=True)
class ErrorResult:
    """An input that could not be scored: a batch reports it in place and moves on."""

    id: str | None
    input: str
    error: str
    error_type: str = "InputError"

    @classmethod
    def from_exception(cls, exc: BaseException, *, input: str, id: str | None = None) -> ErrorResult:
        """The error record of an input whose scoring raised ``exc``, whatever it was.

        An :class:`~credscore.errors.InputError` says what is wrong with the input; anything
        else is an unexpected failure, reported with its type and message so it can be traced.
        """
        from credscore.errors import InputError

        if isinstance(exc, InputError):
            return cls(id=id, input=exc.input_name or input, error=exc.problem)
        name = type(exc).__name__
        message = str(exc).strip() or "(no message)"
        return cls(id=id, input=input, error=f"unexpected {name} while scoring: {message}", error_type=name)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "id": self.id, "input": self.input, "error": self.error,
                "error_type": self.error_type}


def load_schema() -> dict[str, Any]:
    """The published JSON Schema of an article result."""
    text = resources.files("credscore.schema").joinpath("article.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def build_result(
    doc: Document,
    claims: list[Sentence],
    claim_scores: list[ClaimScore],
    article: ArticleScore,
    model: ModelInfo,
    *,
    extracted_text: str | None = None,
) -> ArticleResult:
    """Assemble the frozen result from the annotated document and its scores."""
    claim_index = {s.index: i for i, s in enumerate(claims)}
    confidences: dict[tuple[TextSpan | None, str], float | None] = {}
    results = []
    for s, cs in zip(claims, claim_scores):
        attribution = s.attribution or Attribution(
            kind="unattributed", source=None, cue=None, content=Offsets(s.start, s.end)
        )
        if attribution.kind_confidence is None:
            key = (attribution.resolved_from or attribution.source, attribution.kind)
            if key not in confidences:  # a quote chain's claims share their speaker's
                confidences[key] = kind_confidence(doc, attribution)
            if confidences[key] is not None:
                attribution = replace(attribution, kind_confidence=confidences[key])
        ids, supporting = s.corroboration.entity_ids, s.corroboration.sentences
        results.append(
            ClaimResult(
                start=s.start,
                end=s.end,
                text=s.text,
                checkworthiness=s.checkworthiness,
                hedge_score=s.hedge_score,
                weasel_score=s.weasel_score,
                score=cs.score,
                attribution=attribution,
                hedges=tuple(s.hedges),
                verification=tuple(s.verification),
                corroboration=Corroboration(
                    len(ids), tuple(ids), tuple(claim_index[i] for i in supporting if i in claim_index)
                ),
                explanation=tuple(_remap(e, claim_index) for e in cs.explanation),
            )
        )
    sources = tuple(_source(e, claim_index) for e in doc.entities)
    return ArticleResult(
        id=doc.id,
        title=doc.title,
        score=article.score,
        band=article.band,
        components=article.components,
        explanation=article.explanation,
        claims=tuple(results),
        sources=sources,
        boilerplate=tuple(doc.boilerplate),
        warnings=tuple(dict.fromkeys(doc.warnings)),
        model=model,
        extracted_text=extracted_text,
        confidence=article.confidence,
        rests_on=article.rests_on,
        provenance=doc.provenance,
        attributions=article_attributions(doc, claim_index),
    )


def article_attributions(doc: Document, claim_index: dict[int, int]) -> tuple[AttributionResult, ...]:
    """Every attribution in ``doc``, one per cue: the sentences' own (the sentences of one quote share
    their cue, so their contents join) and the others the model found (``doc.other_attributions``).

    An other attribution's entity (and so its kind) is the one with a mention inside its source span
    (the outer speaker of a nested pair is its inner claim's relay); none where the resolver met none.
    """
    by_cue: dict[tuple[int, int], list[Sentence]] = {}
    for s in doc.sentences:
        if s.attribution is not None and s.attribution.cue is not None:
            by_cue.setdefault((s.attribution.cue.start, s.attribution.cue.end), []).append(s)
    out = []
    for sentences in by_cue.values():
        first = sentences[0].attribution
        assert first is not None and first.cue is not None
        # the content the span model linked to the cue where a sentence took its reading, without the
        # cue ("The bridge, he said, is safe") and kept to the sentences that took it; the sentence's
        # own content otherwise
        contents = sorted({_widened(doc.text, c.start, c.end, max(c.start, t.start), min(c.end, t.end))
                           for s in sentences
                           for c in (s.span_content or ((s.attribution.content,) if s.attribution else ()))
                           if c.start < c.end
                           for t in overlapping(c.start, c.end, sentences)})
        out.append(AttributionResult(
            source=first.source, cue=first.cue,
            content=tuple(Offsets(a, b) for a, b in _joined([_quoted(doc.text, a, b) for a, b in contents])),
            kind=first.kind, entity_id=first.entity_id,
            claims=tuple(claim_index[s.index] for s in sentences if s.index in claim_index),
        ))
    mentions = [(m, e) for e in doc.entities for m in e.mentions]
    for linked in doc.other_attributions:
        other, source = linked.attribution, linked.attribution.source
        if other.cue is None or any(other.cue.start < b and a < other.cue.end for a, b in by_cue):
            continue  # a sentence took that cue after the model read it (the tagging head's additions)
        entity = next((e for m, e in mentions if source is not None and source.start <= m.start and m.end <= source.end), None)
        content = tuple(Offsets(*_quoted(doc.text, c.start, c.end)) for c in linked.content)
        out.append(AttributionResult(source=source, cue=other.cue, content=content,
                                     kind=entity.kind if entity else other.kind,
                                     entity_id=entity.entity_id if entity else None, claims=(),
                                     sourcing=linked.sourcing))
    return tuple(sorted(out, key=lambda a: (a.cue.start, a.cue.end)))


def _widened(text: str, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
    """``(a, b)``, a piece of the span ``(lo, hi)`` cut at sentence edges, widened within the span over
    the marks the sentence left out: its quotation marks and closing punctuation ('“It is safe,”' not
    'It is safe'), so the pieces of one quote join again. Never onto the whitespace at its edges."""
    while a > lo and not text[a - 1].isalnum():
        a -= 1
    while b < hi and not text[b].isalnum():
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_QUOTE_CHARACTERS = frozenset("\"'“”‘’«»")


def _quoted(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` widened to the quotation marks that enclose it, through the punctuation between
    ('“It is safe,”' where the sentence gave 'It is safe'), as PolNeAR and PARC mark a content."""
    lo = a
    while lo > 0 and not text[lo - 1].isalnum() and not text[lo - 1].isspace():
        lo -= 1
    if lo == 0 or text[lo - 1].isspace():  # not an apostrophe inside a word
        a = next((i for i in range(lo, a) if text[i] in _QUOTE_CHARACTERS), a)
    hi = b
    while hi < len(text) and not text[hi].isalnum() and not text[hi].isspace():
        hi += 1
    if hi == len(text) or text[hi].isspace():
        b = next((i + 1 for i in range(hi - 1, b - 1, -1) if text[i] in _QUOTE_CHARACTERS), b)
    return a, b


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap or touch joined."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _remap(e: Explanation, claim_index: dict[int, int]) -> Explanation:
    """Claim-level explanations cite sentence indices; the output cites claim indices."""
    if not e.claims:
        return e
    return Explanation(e.factor, e.effect, e.detail, e.spans, tuple(claim_index[i] for i in e.claims if i in claim_index))


def _source(e: SourceEntity, claim_index: dict[int, int]) -> SourceResult:
    return SourceResult(
        e.entity_id, e.name, e.kind, e.mentions, tuple(claim_index[i] for i in e.sentences if i in claim_index)
    )

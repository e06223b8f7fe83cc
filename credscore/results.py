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
)
from credscore.features.kind_typer import kind_confidence
from credscore.scoring import ArticleScore, Band, ClaimScore, Explanation

SCHEMA_VERSION = "4"


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
        ids, supporting = s.notes.get("corroboration", ((), ()))
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
        provenance=doc.notes.get("provenance", Provenance()),
    )


def _remap(e: Explanation, claim_index: dict[int, int]) -> Explanation:
    """Claim-level explanations cite sentence indices; the output cites claim indices."""
    if not e.claims:
        return e
    return Explanation(e.factor, e.effect, e.detail, e.spans, tuple(claim_index[i] for i in e.claims if i in claim_index))


def _source(e: SourceEntity, claim_index: dict[int, int]) -> SourceResult:
    return SourceResult(
        e.entity_id, e.name, e.kind, e.mentions, tuple(claim_index[i] for i in e.sentences if i in claim_index)
    )

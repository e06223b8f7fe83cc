"""The sourcing scores (SPEC §4): one documented formula for claims, one for the article.

Claim score. Start from the prior of the claim's source kind, then add, in log-odds, one
term per piece of evidence; the score is the logistic of the sum, so it stays in (0, 1) and
every term moves it the same way whatever the others are (monotone by construction):

===========================  ===================================================
source kind prior            named_person .82 > named_organization = document .75
                             > anonymous_specific .58 > media .45
                             > anonymous_vague .30 > unattributed .18
each hedge (at most 4)       −0.30
negative verification        −0.70 each (at most 2)
positive verification        +0.50 each (at most 2)
single source                −0.20 (one attributed entity, nothing corroborating)
corroboration                +0.45 × log2(independent sources), from 2 sources on
relay hop                    −0.25 per outlet relay, −0.10 per person relay
anonymity reason given       +0.30 (anonymous kinds only)
===========================  ===================================================

Article score. Each claim weighs its check-worthiness, more in the lead (the first paragraphs
with claims). Over those weights the article's evidence becomes four terms (:data:`ARTICLE_TERMS`):
the claims' mean score in log-odds, source diversity (log2 of 1 + independent sources),
concentration (the share resting on the most-relied-on source) and the share relayed by other
media. The score is ``logistic(intercept + Σ weight × term)``: the weights are fitted on
independent article labels by ``training/article_score.py``, starting from the editor's prior
(:data:`ARTICLE_PRIOR`) under the signs SPEC §4 implies (:data:`TERM_SIGNS`), and ship in
``credscore/article_model.json``; the intercept is the editor's level (:data:`ARTICLE_INTERCEPT`).
The explanation starts from the claims and adds one entry per other term. ``confidence`` is
n / (n + 4) for the effective number n of weighted claims, times the weighted mean of the kind
typer's probability of each claim's kind (how sure the typing is of what the score rests on).
Bands: ``strong`` ≥ 0.70, ``adequate`` ≥ 0.55, ``weak`` ≥ 0.40, ``poor`` below.

The claim constants are hand-set priors; the article weights are fitted (the model card and
training/EXPERIMENTS.md have the figures).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from credscore.document import Document, Hedge, Sentence, SourceKind, TextSpan
from credscore.features.claims import CHECKWORTHY_THRESHOLD
from credscore.features.entities import COUNTS_AS_INDEPENDENT
from credscore.features.kind_typer import kind_confidence

Band = Literal["strong", "adequate", "weak", "poor"]

KIND_PRIOR: dict[SourceKind, float] = {
    "named_person": 0.82,
    "named_organization": 0.75,
    "document": 0.75,
    "anonymous_specific": 0.58,
    "media": 0.45,
    "anonymous_vague": 0.30,
    "unattributed": 0.18,
}
HEDGE_PENALTY = -0.30
MAX_HEDGES = 4
NEGATIVE_VERIFICATION = -0.70
POSITIVE_VERIFICATION = 0.50
MAX_VERIFICATION = 2
SINGLE_SOURCE = -0.20
CORROBORATION_PER_DOUBLING = 0.45
MEDIA_RELAY = -0.25
PERSON_RELAY = -0.10
ANONYMITY_REASON = 0.30

#: The article score's terms (see :func:`article_terms`), in the order the explanation lists them.
ARTICLE_TERMS: tuple[str, ...] = ("claims", "source_diversity", "concentration", "media_relay")
#: The sign SPEC §4 implies for each term's weight (+1: never lowers the score, −1: never raises it).
TERM_SIGNS: dict[str, int] = {"claims": 1, "source_diversity": 1, "concentration": -1, "media_relay": -1}
TERM_DETAILS: dict[str, str] = {
    "claims": "weighted mean of the claim scores, {:+.2f} in log-odds",
    "source_diversity": "log2(1 + independent sources) = {:.2f}",
    "concentration": "{:.0%} of the claim weight rests on the most-relied-on source",
    "media_relay": "{:.0%} of the claim weight reaches the article through other media",
}
#: The editor's prior for the article weights, in log-odds per unit of each term: the article is
#: its claims' mean log-odds, +0.2 per doubling of independent sources, −0.6 for all weight on one
#: source, −0.8 for all of it relayed by other media (the hand-set formula this fit replaced, in
#: log-odds). The fit starts here and moves a weight only as far as the article labels pull it.
ARTICLE_PRIOR: dict[str, float] = {"claims": 1.0, "source_diversity": 0.2, "concentration": -0.6, "media_relay": -0.8}
#: The level of the score is the editor's: the labels rank articles, but their base rate is the
#: mix of publishers a data set happened to sample, which says nothing about sourcing.
ARTICLE_INTERCEPT = 0.0
LEAD_PARAGRAPHS = 2
LEAD_WEIGHT = 2.0
RESTS_ON = 3
CONFIDENCE_HALF = 4.0  # the effective number of claims at which confidence is one half
ARTICLE_MODEL_FILE = "article_model.json"
BANDS: tuple[tuple[float, Band], ...] = ((0.70, "strong"), (0.55, "adequate"), (0.40, "weak"), (0.0, "poor"))


@dataclass(frozen=True)
class Explanation:
    """One term of a score: what it is, how much it moved the score, and the spans behind it."""

    factor: str
    effect: float
    detail: str
    spans: tuple[TextSpan, ...] = ()
    claims: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "effect": round(self.effect, 4),
            "detail": self.detail,
            "spans": [s.to_dict() for s in self.spans],
            "claims": list(self.claims),
        }


@dataclass(frozen=True)
class ClaimScore:
    score: float
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class ArticleScore:
    score: float | None
    band: Band | None
    components: dict[str, Any]
    explanation: tuple[Explanation, ...]
    confidence: float = 0.0
    rests_on: tuple[tuple[int, float], ...] = ()  # (claim index, share of the article's claim weight)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def band_of(score: float) -> Band:
    return next(band for threshold, band in BANDS if score >= threshold)


def kind_of(s: Sentence) -> SourceKind:
    return s.attribution.kind if s.attribution is not None else "unattributed"


def counted_hedges(s: Sentence) -> list[Hedge]:
    """The hedges a score counts: not one that is itself the cue of a sourceless attribution.

    "It is believed that …" is an agentless source (``anonymous_vague``, priced by the kind's
    prior) and a hedge; counting it twice would punish the claim twice for one phrase.
    """
    a = s.attribution
    if a is None or a.source is not None or a.cue is None:
        return list(s.hedges)
    cue = a.cue
    return [h for h in s.hedges if h.end <= cue.start or h.start >= cue.end]


def score_claim(doc: Document, s: Sentence) -> ClaimScore:
    """Sourcing score of one sentence, with one explanation per term that moved it."""
    kind = kind_of(s)
    a = s.attribution
    logit = _logit(KIND_PRIOR[kind])
    explanation: list[Explanation] = []
    spans = tuple(x for x in ((a.source or a.cue) if a else None,) if x is not None)
    explanation.append(Explanation("source_kind", KIND_PRIOR[kind] - 0.5, f"source kind {kind}", spans))

    def term(factor: str, delta: float, detail: str, evidence: tuple[TextSpan, ...] = (), claims: tuple[int, ...] = ()) -> None:
        nonlocal logit
        before = _sigmoid(logit)
        logit += delta
        explanation.append(Explanation(factor, _sigmoid(logit) - before, detail, evidence, claims))

    hedges = counted_hedges(s)[:MAX_HEDGES]
    if hedges:
        term("hedges", HEDGE_PENALTY * len(hedges), f"{len(hedges)} hedge(s)",
             tuple(TextSpan(h.start, h.end, h.text) for h in hedges))
    for polarity, weight in (("negative", NEGATIVE_VERIFICATION), ("positive", POSITIVE_VERIFICATION)):
        marks = [v for v in s.verification if v.polarity == polarity][:MAX_VERIFICATION]
        if marks:
            term(f"{polarity}_verification", weight * len(marks), f"{len(marks)} {polarity} verification marker(s)",
                 tuple(TextSpan(v.start, v.end, v.text) for v in marks))
    ids, evidence = s.corroboration.entity_ids, s.corroboration.sentences
    if a is not None and kind in COUNTS_AS_INDEPENDENT:
        if len(ids) <= 1:
            term("single_source", SINGLE_SOURCE, "one source, nothing in the article corroborates it", spans)
        else:
            term("corroboration", CORROBORATION_PER_DOUBLING * math.log2(len(ids)),
                 f"{len(ids)} independent sources support it", claims=tuple(evidence))
    if a is not None and a.relay:
        for link in a.relay:
            weight = MEDIA_RELAY if link.kind == "media" else PERSON_RELAY
            term("relay", weight, f"second-hand through {link.source.text} ({link.kind})", (link.source,))
    if a is not None and a.anonymity_reason is not None and kind.startswith("anonymous"):
        term("anonymity_reason", ANONYMITY_REASON, "the reason for anonymity is given", (a.anonymity_reason,))
    return ClaimScore(round(_sigmoid(logit), 4), tuple(explanation))


@dataclass(frozen=True)
class ClaimEvidence:
    """What the article score reads of one claim: plain values, so a fit can re-weigh them offline."""

    kind: SourceKind
    checkworthiness: float
    paragraph: int
    score: float  # the claim's sourcing score (score_claim)
    media_relay: bool
    source: str | None  # the entity id, where the kind counts as independent

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def claim_evidence(doc: Document, claims: list[Sentence], scores: list[ClaimScore] | None = None) -> list[ClaimEvidence]:
    independent = {e.entity_id for e in doc.entities if e.kind in COUNTS_AS_INDEPENDENT}
    scores = scores if scores is not None else [score_claim(doc, s) for s in claims]
    return [
        ClaimEvidence(
            kind=kind_of(s), checkworthiness=s.checkworthiness, paragraph=s.paragraph, score=claim_score.score,
            media_relay=s.attribution is not None and any(l.kind == "media" for l in s.attribution.relay),
            source=s.attribution.entity_id if s.attribution is not None and s.attribution.entity_id in independent else None,
        )
        for s, claim_score in zip(claims, scores)
    ]


def claim_weights(evidence: list[ClaimEvidence], lead_paragraphs: int = LEAD_PARAGRAPHS,
                  lead_weight: float = LEAD_WEIGHT) -> list[float]:
    """How much each claim counts in the article: its check-worthiness, more in the lead.

    The lead (the first ``lead_paragraphs`` paragraphs that hold claims) is what a reader takes
    away and what the headline rests on; background that is not check-worthy weighs little
    because check-worthiness itself is small there.
    """
    lead = sorted({e.paragraph for e in evidence})[:lead_paragraphs]
    return [e.checkworthiness * (lead_weight if e.paragraph in lead else 1.0) for e in evidence]


def article_terms(evidence: list[ClaimEvidence], weights: list[float]) -> dict[str, float]:
    """The evidence the article score weighs, one number per term of :data:`ARTICLE_TERMS`.

    ``claims`` is the weighted mean of the claim scores in log-odds: each claim's kind, hedges,
    verification, corroboration, relays and anonymity reason, as :func:`score_claim` read them.
    The other terms say what no single claim shows: how many independent sources the article
    has, how much rests on one of them, and how much came through other media.
    """
    total = sum(weights)
    if total <= 0:
        return {term: 0.0 for term in ARTICLE_TERMS}
    pairs = list(zip(evidence, weights))
    per_source: dict[str, float] = {}
    for e, w in pairs:
        if e.source is not None:
            per_source[e.source] = per_source.get(e.source, 0.0) + w
    terms = {
        "claims": sum(_logit(min(max(e.score, 1e-4), 1 - 1e-4)) * w for e, w in pairs) / total,
        "source_diversity": math.log2(1 + len(per_source)),
        "concentration": max(per_source.values()) / total if per_source else 0.0,
        "media_relay": sum(w for e, w in pairs if e.media_relay) / total,
    }
    return {term: round(terms[term], 6) for term in ARTICLE_TERMS}


def score_article(doc: Document, claims: list[Sentence], scores: list[ClaimScore]) -> ArticleScore:
    """Article score and components from its claims (indices in the explanation are claim indices).

    ``score = logistic(intercept + Σ weight × term)`` with the weights fitted on article labels
    (:func:`article_model`); the explanation starts from the weighted claim scores and adds one
    entry per other term, so the effects add up to the score.
    """
    checkworthy = [i for i, s in enumerate(claims) if s.checkworthiness >= CHECKWORTHY_THRESHOLD]
    components = components_of(doc, claims, checkworthy)
    evidence = claim_evidence(doc, claims, scores)
    model = article_model()
    weights = claim_weights(evidence, model.lead_paragraphs, model.lead_weight)
    total = sum(weights)
    if not claims or total <= 0:
        components["terms"] = {term: 0.0 for term in ARTICLE_TERMS}
        return ArticleScore(None, None, components, (), 0.0, ())
    terms = article_terms(evidence, weights)
    components["terms"] = terms
    logit = model.intercept + model.weights["claims"] * terms["claims"]
    explanation = [Explanation("claims", _sigmoid(logit), TERM_DETAILS["claims"].format(terms["claims"]),
                               claims=tuple(range(len(claims))))]
    for term in ARTICLE_TERMS[1:]:
        delta = model.weights[term] * terms[term]
        if delta == 0.0:
            continue
        before = _sigmoid(logit)
        logit += delta
        explanation.append(Explanation(term, _sigmoid(logit) - before, TERM_DETAILS[term].format(terms[term]),
                                       claims=_claims_behind(term, components)))
    score = round(_sigmoid(logit), 4)
    ranked = sorted(range(len(claims)), key=lambda i: -weights[i])[:RESTS_ON]
    rests_on = tuple((i, round(weights[i] / total, 4)) for i in ranked if weights[i] > 0)
    effective = total * total / sum(w * w for w in weights)  # effective number of claims
    certainty = sum(w * typed for w, typed in zip(weights, typing_certainty(doc, claims))) / total
    confidence = round(certainty * effective / (effective + CONFIDENCE_HALF), 4)
    return ArticleScore(score, band_of(score), components, tuple(explanation), confidence, rests_on)


def typing_certainty(doc: Document, claims: list[Sentence]) -> list[float]:
    """How sure the source typing is of each claim's kind: the kind typer's probability of it, where
    it gave one (a claim with no source, or typed without the typer, counts as sure)."""
    sure = [None if s.attribution is None else kind_confidence(doc, s.attribution) for s in claims]
    return [1.0 if p is None else p for p in sure]


def _claims_behind(term: str, components: dict[str, Any]) -> tuple[int, ...]:
    """The claims that a term counts, for the explanation."""
    evidence = components["evidence"]
    return tuple({"concentration": evidence["top_source"], "media_relay": evidence["media_relay"]}.get(term, ()))


@dataclass(frozen=True)
class ArticleModel:
    """The fitted article aggregation: the intercept (the editor's level) and one weight per term."""

    intercept: float
    weights: dict[str, float]
    fitted_on: str
    lead_paragraphs: int = LEAD_PARAGRAPHS
    lead_weight: float = LEAD_WEIGHT

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleModel:
        missing = [t for t in ARTICLE_TERMS if t not in data["weights"]]
        if missing:
            raise ValueError(f"article model lacks terms {missing}")
        return cls(float(data["intercept"]), {t: float(data["weights"][t]) for t in ARTICLE_TERMS},
                   str(data.get("fitted_on", "")), int(data.get("lead_paragraphs", LEAD_PARAGRAPHS)),
                   float(data.get("lead_weight", LEAD_WEIGHT)))


@lru_cache(maxsize=1)
def article_model() -> ArticleModel:
    """The shipped fit (``credscore/article_model.json``, written by ``training.article_score``)."""
    text = resources.files("credscore").joinpath(ARTICLE_MODEL_FILE).read_text(encoding="utf-8")
    return ArticleModel.from_dict(json.loads(text))


def components_of(doc: Document, claims: list[Sentence], checkworthy: list[int]) -> dict[str, Any]:
    """The article components of SPEC §4, each computed over the check-worthy claims."""
    n = len(checkworthy)
    kinds = [kind_of(claims[i]) for i in checkworthy]
    share = (lambda count: round(count / n, 4)) if n else (lambda count: 0.0)
    independent = {e.entity_id for e in doc.entities if e.kind in COUNTS_AS_INDEPENDENT}
    per_source: dict[str, int] = {}
    for i in checkworthy:
        a = claims[i].attribution
        if a is not None and a.entity_id is not None:
            per_source[a.entity_id] = per_source.get(a.entity_id, 0) + 1
    top = max(per_source, key=lambda k: per_source[k], default=None)
    uncorroborated = [i for i in checkworthy if len(claims[i].corroboration.entity_ids) <= 1]
    relayed = [i for i in checkworthy if kind_of(claims[i]) == "media"
               or any(l.kind == "media" for l in (claims[i].attribution.relay if claims[i].attribution else ()))]
    anonymous = [i for i in checkworthy if kind_of(claims[i]).startswith("anonymous")]
    hedges = sum(len(s.hedges) for s in claims)
    return {
        "checkworthy_claims": n,
        "kind_shares": {k: share(kinds.count(k)) for k in KIND_PRIOR},
        "hedge_density": round(100.0 * hedges / len(claims), 2) if claims else 0.0,
        "uncorroborated_share": share(len(uncorroborated)),
        "distinct_sources": len({claims[i].attribution.entity_id for i in checkworthy  # type: ignore[union-attr]
                                 if claims[i].attribution and claims[i].attribution.entity_id in independent}),
        "media_relay_share": share(len(relayed)),
        "anonymous_share": share(len(anonymous)),
        "top_source": top,
        "top_source_share": share(per_source[top]) if top else 0.0,
        "evidence": {
            "checkworthy": checkworthy,
            "uncorroborated": uncorroborated,
            "media_relay": relayed,
            "anonymous": anonymous,
            "top_source": [i for i in checkworthy if claims[i].attribution and claims[i].attribution.entity_id == top] if top else [],
        },
    }

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

Article score. Each claim weighs its check-worthiness, doubled in the lead (the first two
paragraphs with claims). Over those weights the article's evidence becomes twelve terms
(:data:`ARTICLE_TERMS`): the shares resting on each source kind (unattributed is the reference),
hedges per claim, the uncorroborated, media-relayed, unverified and verified shares, source
diversity (log2 of 1 + independent sources) and concentration (the top source's share). The score
is ``logistic(intercept + Σ weight × term)``; the weights are fitted on independent article labels
by ``training/article_score.py`` under the signs SPEC §4 implies (:data:`TERM_SIGNS`: more named
sourcing never lowers the score) and ship in ``credscore/article_model.json``. The explanation
starts from the fit data's typical article and adds one entry per term. ``confidence`` is
n / (n + 4) for the effective number n of weighted claims. Bands: ``strong`` ≥ 0.70,
``adequate`` ≥ 0.55, ``weak`` ≥ 0.40, ``poor`` below.

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
KIND_TERMS: dict[str, tuple[SourceKind, ...]] = {
    "named_person": ("named_person",),
    "named_organization_or_document": ("named_organization", "document"),
    "anonymous_specific": ("anonymous_specific",),
    "media": ("media",),
    "anonymous_vague": ("anonymous_vague",),
}
ARTICLE_TERMS: tuple[str, ...] = (*KIND_TERMS, "hedges", "uncorroborated", "media_relay", "negative_verification",
                                  "positive_verification", "source_diversity", "concentration")
#: The sign SPEC §4 implies for each term's weight (+1: never lowers the score, −1: never raises it).
#: Kind weights are also ordered: named person ≥ organisation/document ≥ anonymous specific ≥ media
#: ≥ anonymous vague ≥ unattributed (0).
TERM_SIGNS: dict[str, int] = {**{t: 1 for t in KIND_TERMS}, "hedges": -1, "uncorroborated": -1, "media_relay": -1,
                              "negative_verification": -1, "positive_verification": 1, "source_diversity": 1,
                              "concentration": -1}
TERM_DETAILS: dict[str, str] = {
    "named_person": "{:.0%} of the claim weight rests on named people",
    "named_organization_or_document": "{:.0%} rests on named organisations or documents",
    "anonymous_specific": "{:.0%} rests on anonymous sources with a vantage point",
    "media": "{:.0%} rests on other media",
    "anonymous_vague": "{:.0%} rests on vague or agentless sources",
    "hedges": "{:.2f} hedges per claim (weighted)",
    "uncorroborated": "{:.0%} rests on a single uncorroborated source",
    "media_relay": "{:.0%} reaches the article through other media",
    "negative_verification": "{:.0%} is marked unverified",
    "positive_verification": "{:.0%} is marked verified",
    "source_diversity": "log2(1 + independent sources) = {:.2f}",
    "concentration": "{:.0%} rests on the most-relied-on source",
}
#: The editor's prior for the article weights, in log-odds per unit of each term: the claim
#: constants above carried to the article (kind priors as log-odds over unattributed, a hedge
#: −0.30, a single source −0.20, a media relay −0.25, verification −0.70/+0.50). The fit starts
#: here and moves each weight only as far as the article labels pull it.
ARTICLE_PRIOR: dict[str, float] = {
    "named_person": 3.04, "named_organization_or_document": 2.62, "anonymous_specific": 1.84, "media": 1.32,
    "anonymous_vague": 0.67, "hedges": -0.30, "uncorroborated": -0.20, "media_relay": -0.25,
    "negative_verification": -0.70, "positive_verification": 0.50, "source_diversity": 0.20, "concentration": -0.60,
}
ARTICLE_PRIOR_INTERCEPT = -1.52  # log-odds of .18, an article whose claims are all unattributed
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
    ids, evidence = s.notes.get("corroboration", ((), ()))
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
    hedges: int  # counted hedges (:func:`counted_hedges`), at most MAX_HEDGES
    uncorroborated: bool  # an independent kind with no other source in the article behind it
    media_relay: bool
    negative: bool
    positive: bool
    source: str | None  # the entity id, where the kind counts as independent

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def claim_evidence(doc: Document, claims: list[Sentence]) -> list[ClaimEvidence]:
    independent = {e.entity_id for e in doc.entities if e.kind in COUNTS_AS_INDEPENDENT}
    evidence = []
    for s in claims:
        a = s.attribution
        evidence.append(ClaimEvidence(
            kind=kind_of(s), checkworthiness=s.checkworthiness, paragraph=s.paragraph,
            hedges=min(len(counted_hedges(s)), MAX_HEDGES),
            uncorroborated=kind_of(s) in COUNTS_AS_INDEPENDENT and len(s.notes.get("corroboration", ((), ()))[0]) <= 1,
            media_relay=a is not None and any(l.kind == "media" for l in a.relay),
            negative=any(v.polarity == "negative" for v in s.verification),
            positive=any(v.polarity == "positive" for v in s.verification),
            source=a.entity_id if a is not None and a.entity_id in independent else None,
        ))
    return evidence


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

    Shares are weighted by :func:`claim_weights`; the kind shares leave out ``unattributed``,
    which is the reference the other kinds are measured against.
    """
    total = sum(weights)
    if total <= 0:
        return {term: 0.0 for term in ARTICLE_TERMS}
    pairs = list(zip(evidence, weights))

    def share(pick: Any) -> float:
        return sum(w for e, w in pairs if pick(e)) / total

    terms = {term: share(lambda e, kinds=kinds: e.kind in kinds) for term, kinds in KIND_TERMS.items()}
    terms["hedges"] = sum(e.hedges * w for e, w in pairs) / total
    terms["uncorroborated"] = share(lambda e: e.uncorroborated)
    terms["media_relay"] = share(lambda e: e.media_relay)
    terms["negative_verification"] = share(lambda e: e.negative)
    terms["positive_verification"] = share(lambda e: e.positive)
    per_source: dict[str, float] = {}
    for e, w in pairs:
        if e.source is not None:
            per_source[e.source] = per_source.get(e.source, 0.0) + w
    terms["source_diversity"] = math.log2(1 + len(per_source))
    terms["concentration"] = max(per_source.values()) / total if per_source else 0.0
    return {term: round(terms[term], 6) for term in ARTICLE_TERMS}


def score_article(doc: Document, claims: list[Sentence], scores: list[ClaimScore]) -> ArticleScore:
    """Article score and components from its claims (indices in the explanation are claim indices).

    ``score = logistic(intercept + Σ weight × term)`` with the weights fitted on article labels
    (:func:`article_model`); the explanation starts from the fit data's typical article and
    adds one entry per term, so the effects add up to the score.
    """
    checkworthy = [i for i, s in enumerate(claims) if s.checkworthiness >= CHECKWORTHY_THRESHOLD]
    components = components_of(doc, claims, checkworthy)
    evidence = claim_evidence(doc, claims)
    model = article_model()
    weights = claim_weights(evidence, model.lead_paragraphs, model.lead_weight)
    total = sum(weights)
    if not claims or total <= 0:
        components["terms"] = {term: 0.0 for term in ARTICLE_TERMS}
        return ArticleScore(None, None, components, (), 0.0, ())
    terms = article_terms(evidence, weights)
    components["terms"] = terms
    logit = model.intercept + sum(model.weights[t] * model.reference[t] for t in ARTICLE_TERMS)
    explanation = [Explanation("typical_article", _sigmoid(logit),
                               "the score of the fit data's average article, before this article's evidence")]
    for term in ARTICLE_TERMS:
        delta = model.weights[term] * (terms[term] - model.reference[term])
        if delta == 0.0:
            continue
        before = _sigmoid(logit)
        logit += delta
        explanation.append(Explanation(term, _sigmoid(logit) - before, TERM_DETAILS[term].format(terms[term]),
                                       claims=_claims_behind(term, claims, checkworthy, components)))
    score = round(_sigmoid(logit), 4)
    ranked = sorted(range(len(claims)), key=lambda i: -weights[i])[:RESTS_ON]
    rests_on = tuple((i, round(weights[i] / total, 4)) for i in ranked if weights[i] > 0)
    effective = total * total / sum(w * w for w in weights)  # effective number of claims
    confidence = round(effective / (effective + CONFIDENCE_HALF), 4)
    return ArticleScore(score, band_of(score), components, tuple(explanation), confidence, rests_on)


def _claims_behind(term: str, claims: list[Sentence], checkworthy: list[int], components: dict[str, Any]) -> tuple[int, ...]:
    """The claims that a term counts, for the explanation."""
    if term in KIND_TERMS:
        return tuple(i for i in checkworthy if kind_of(claims[i]) in KIND_TERMS[term])
    evidence = components["evidence"]
    picked = {"uncorroborated": evidence["uncorroborated"], "media_relay": evidence["media_relay"],
              "concentration": evidence["top_source"],
              "hedges": [i for i in checkworthy if claims[i].hedges],
              "negative_verification": [i for i in checkworthy if any(v.polarity == "negative" for v in claims[i].verification)],
              "positive_verification": [i for i in checkworthy if any(v.polarity == "positive" for v in claims[i].verification)]}
    return tuple(picked.get(term, ()))


@dataclass(frozen=True)
class ArticleModel:
    """The fitted article aggregation: intercept, one weight per term, and the fit data's mean terms."""

    intercept: float
    weights: dict[str, float]
    reference: dict[str, float]
    fitted_on: str
    lead_paragraphs: int = LEAD_PARAGRAPHS
    lead_weight: float = LEAD_WEIGHT

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleModel:
        missing = [t for t in ARTICLE_TERMS if t not in data["weights"] or t not in data["reference"]]
        if missing:
            raise ValueError(f"article model lacks terms {missing}")
        return cls(float(data["intercept"]), {t: float(data["weights"][t]) for t in ARTICLE_TERMS},
                   {t: float(data["reference"][t]) for t in ARTICLE_TERMS}, str(data.get("fitted_on", "")),
                   int(data.get("lead_paragraphs", LEAD_PARAGRAPHS)), float(data.get("lead_weight", LEAD_WEIGHT)))


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
    uncorroborated = [i for i in checkworthy if len(claims[i].notes.get("corroboration", ((), ()))[0]) <= 1]
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

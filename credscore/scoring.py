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

Article score. The check-worthiness-weighted mean of claim scores, plus a diversity bonus
(+0.03 per distinct independent source beyond the first, at most +0.15) and a concentration
penalty (−0.30 × how far the most-relied-on source's share exceeds one half) and a
second-hand penalty (−0.20 × the share of check-worthy claims relayed from other media). Bands:
``strong`` ≥ 0.70, ``adequate`` ≥ 0.55, ``weak`` ≥ 0.40, ``poor`` below.

The constants are hand-set priors for the feature-only path; the classifier issue fits the
fusion and calibration on dev data and replaces them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from credscore.document import Document, Sentence, SourceKind, TextSpan
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
DIVERSITY_PER_SOURCE = 0.03
MAX_DIVERSITY = 0.15
CONCENTRATION = -0.30
MEDIA_RELAY_SHARE = -0.20
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


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def band_of(score: float) -> Band:
    return next(band for threshold, band in BANDS if score >= threshold)


def kind_of(s: Sentence) -> SourceKind:
    return s.attribution.kind if s.attribution is not None else "unattributed"


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

    hedges = s.hedges[:MAX_HEDGES]
    if hedges:
        term("hedges", HEDGE_PENALTY * len(hedges), f"{len(s.hedges)} hedge(s)",
             tuple(TextSpan(h.start, h.end, h.text) for h in s.hedges))
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


def score_article(doc: Document, claims: list[Sentence], scores: list[ClaimScore]) -> ArticleScore:
    """Article score and components from its claims (indices in the explanation are claim indices)."""
    checkworthy = [i for i, s in enumerate(claims) if s.checkworthiness >= CHECKWORTHY_THRESHOLD]
    components = components_of(doc, claims, checkworthy)
    weight = sum(s.checkworthiness for s in claims)
    if not claims or weight <= 0:
        return ArticleScore(None, None, components, ())
    mean = sum(s.checkworthiness * c.score for s, c in zip(claims, scores)) / weight
    explanation = [
        Explanation("claims", mean, f"check-worthiness-weighted mean of {len(claims)} claim scores",
                    claims=tuple(range(len(claims))))
    ]
    score = mean
    distinct = components["distinct_sources"]
    if distinct > 1:
        bonus = min(MAX_DIVERSITY, DIVERSITY_PER_SOURCE * (distinct - 1))
        score += bonus
        explanation.append(Explanation("source_diversity", bonus, f"{distinct} distinct independent sources"))
    top_share = components["top_source_share"]
    if top_share > 0.5:
        penalty = CONCENTRATION * (top_share - 0.5)
        score += penalty
        top = components["top_source"]
        explanation.append(Explanation(
            "source_concentration", penalty, f"{top_share:.0%} of check-worthy claims rest on {top}",
            claims=tuple(i for i in checkworthy if claims[i].attribution and claims[i].attribution.entity_id == top),
        ))
    relayed = components["media_relay_share"]
    if relayed > 0:
        penalty = MEDIA_RELAY_SHARE * relayed
        score += penalty
        explanation.append(Explanation(
            "second_hand", penalty, f"{relayed:.0%} of check-worthy claims reach the article through other media",
            claims=tuple(components["evidence"]["media_relay"]),
        ))
    score = round(min(1.0, max(0.0, score)), 4)
    return ArticleScore(score, band_of(score), components, tuple(explanation))


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

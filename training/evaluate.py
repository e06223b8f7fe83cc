"""Dev-set evaluation: the metrics the anchors publish, each with a bootstrap 95% interval.

Every model, and the feature-only scorer (the baseline), is judged by :func:`evaluate`, which
takes a *predictor* (:class:`Predictor`), so the same code scores both::

    python -m training.evaluate --no-model --out baseline.json      # FeaturePredictor(Scorer(model=None))
    python -m training.evaluate --model credscore/models/credscore-minilm     # the model (hook: model_predictor)
    python -m training.evaluate --no-model --compare baseline.json  # side by side, with deltas

What is measured (all on dev splits; the official test splits are kept back):

* **PolNeAR dev** (422 rows of whole paragraphs, 84 articles, 2,193 attributions):
  precision / recall / F1 of cue, source and content spans and of whole attributions, with
  exact character offsets, following BBC Citron's ``citron/metrics.py`` (``citron_evaluate.py``;
  github.com/bbc/citron): the unit is an attribution (Citron's quote). A predicted attribution
  is correct for **cue** when its cue equals some gold cue; for **source** (and **content**)
  when some gold attribution has an overlapping cue and an equal source (content) span list;
  **whole** when cue, source and content are all equal. Precision = correct predicted /
  predicted, recall = gold with a correct prediction / gold. Deviations, all small: spans are
  character offsets, not spaCy token indices; a role's span list is compared as a *set of
  fragments* (Citron compares ordered lists; PolNeAR spans are discontiguous), after joining
  fragments that overlap, touch, or are separated only by whitespace (on both sides: 28 gold
  fragments in dev are split at a space); two empty source lists are equal, as in Citron (an
  attribution without a source can be right about its source); "overlapping cue" is proper
  half-open overlap (Citron's ``start <= other.end`` also accepts token-adjacent spans);
  recall counts gold attributions matched (Citron divides the *predicted* matches by
  predicted matches + unmatched gold, which differs only when several predictions match one
  gold attribution). Also reported, as Citron does: a token **overlap** P/R/F1 per role (word
  tokens of the row covered by predicted vs gold spans, counted once each; Citron sums the
  overlaps of all quote pairs). Reference, Citron on PARC 3.0 test (exact F1): cue 82.3,
  source 82.0, content 59.3, whole 56.7 (different corpus and annotation conventions).
* **CheckThat! 2024 dev and dev-test**: P/R/F1 of the positive (check-worthy) class from
  ``checkworthiness``; also on the ``held-out half`` of dev-test, the half the shipped fusion was
  not fitted on (:mod:`training.operating_points`; likewise for CoNLL dev and Szeged dev documents):
  dev is the in-distribution figure, the held-out half the shifted one. Reference: top 2024 system about 0.80 F1 on the test set; the n-gram
  baseline 0.599 on dev-test.
* **CoNLL-2010 Wikipedia** (our carved dev, 731 sentences): P/R/F1 of the uncertain class from
  ``weasel_score``. Reference: best 2010 system 60.2 F1 on the official test.
* **Szeged FactBank (news) dev** (172 sentences, 16 documents): sentence-level hedge P/R/F1
  from ``hedge_score``; cue spans, exact offsets and token overlap ("partial").
* **SCU sourcing benchmark** (22 articles): the official metric ported in :mod:`training.scu`
  (macro over articles, articles the official scorer crashes on left out): statement match rate,
  precision, type accuracy, name accuracy; intervals resample articles. Needs a predictor with
  ``score_articles`` (article results); it is skipped otherwise.

**Thresholds.** A sentence is positive when its score is ``>= threshold``. The threshold is
tuned (F1 of the positive class, ties to the higher threshold) on a seeded sample of the
*train* split (:data:`TUNE_ROWS` rows, ``random.Random(13)``; all 2,198 Szeged FactBank train
sentences are 2,000 of them), never on dev, so the dev figures stay honest. The fixed 0.5
threshold is reported beside it (``at_0.5``).

**Intervals.** Percentile bootstrap, 1,000 resamples (``numpy.random.default_rng(0)``), of
*documents*: PolNeAR articles and Szeged documents (rows of one document are not independent),
CheckThat! and CoNLL sentences, SCU articles. Micro P/R/F1 are recomputed on each resample.

Baseline figures (feature-only scorer, ``credscore-features 0.1.0``; P, R, F1 in %, 95%
interval of F1), measured with ``OMP_NUM_THREADS=1 python -m training.evaluate --no-model --out
/tmp/baseline.json`` on one CPU core: 61 s wall in all (PolNeAR 15.5 s, CheckThat! 10.7 s,
CoNLL 14.2 s, Szeged 8.9 s, SCU 10.0 s; each includes loading its data and tuning)::

    set (dev)                  metric             P      R     F1 [95% CI]        reference
    PolNeAR (1,063 predicted,  cue            73.7   35.7   48.1 [44.0, 51.9]   82.3 Citron, PARC 3.0 test
      2,193 gold), exact       source         77.3   37.5   50.5 [46.3, 54.8]   82.0
                               content        25.4   12.3   16.6 [13.8, 19.6]   59.3
                               attribution    19.5    9.4   12.7 [10.1, 15.4]   56.7
    PolNeAR, token overlap     cue            74.8   26.2   38.8 [35.0, 42.9]
                               source         85.0   50.3   63.1 [59.0, 67.0]
                               content        88.8   52.2   65.8 [61.3, 69.5]
    CheckThat! dev             t = 0.5        54.1   93.3   68.5 [64.3, 72.5]
    CheckThat! dev-test        t = 0.5        60.4   62.0   61.2 [53.0, 68.4]   59.9 n-gram baseline
    CoNLL-2010 wiki            t = 0.302      45.8   51.9   48.7 [43.0, 54.2]   60.2 best 2010 (test)
                               t = 0.5        55.9   17.9   27.1 [20.2, 33.5]
    Szeged FactBank            sentence       81.8   58.1   67.9 [50.0, 82.1]   (t = 0.513 and 0.5)
                               cues exact     44.0   29.7   35.5 [17.0, 52.4]
                               cues by token  50.0   43.2   46.4 [28.6, 58.5]
    SCU, 22 articles (macro)   statement match 76.2 [68.5, 83.1] (best LLM 83.7), precision
                               87.5 [81.6, 92.6], type accuracy 78.2 [71.4, 84.4] (LLMs 88-93),
                               name accuracy 37.4 [27.2, 47.6]; no article dropped

The tuned thresholds (train sample) came out at 0.5 for check-worthiness and hedge_score
(0.513, the first value the rule score takes above 0), so only CoNLL differs from ``at_0.5``.
Of the 2,193 PolNeAR dev attributions, 783 have their cue found exactly, 163 overlapped by a
predicted cue of other extent (mostly "told" where the rules report "told Breitbart News Daily
host Alex Marlow"), and 1,247 no predicted cue at all: PolNeAR also annotates stances and
intentions ("called for", "wants", "plans", "support"), dashes and colons, which the sourcing
rules do not look for. PolNeAR content keeps the quotation marks the rules leave out, which
caps exact content matches.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from credscore.errors import InputError, ModelLoadError
from credscore.model.checkpoint import RUNTIMES

logger = logging.getLogger("credscore.training")

Span = tuple[int, int]
Fragments = tuple[Span, ...]
ROLES = ("source", "cue", "content")
SENTENCE_TASKS = ("checkworthiness", "hedge_score", "weasel_score")
TASKS = ("polnear", "checkthat", "conll_weasel", "szeged_factbank", "scu")
N_BOOT = 1000
SEED = 0
TUNE_ROWS = 2000
TUNE_SEED = 13
FIXED_THRESHOLD = 0.5
#: The split name of the half each sentence reading's fusion never saw (training.operating_points):
#: the shifted figure, printed beside the in-distribution dev figure.
HELD_OUT = "held-out half"


def report_half(ds: Any, key: str) -> Any:
    """The rows of ``ds`` in the ``report`` half (by ``key``), which the shipped fusions were not fitted on."""
    from training.operating_points import half

    return ds.filter(lambda row: half(str(row[key])) == "report")

#: Published figures to read ours against: (metric path, value, what it is).
REFERENCES: dict[tuple[str, ...], tuple[float, str]] = {
    ("polnear", "exact", "cue", "f1"): (0.823, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "source", "f1"): (0.820, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "content", "f1"): (0.593, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "attribution", "f1"): (0.567, "Citron, PARC 3.0 test"),
    ("checkthat", "dev-test", "tuned", "f1"): (0.599, "CT24 n-gram baseline, dev-test; top system ~0.80 on test"),
    ("conll_weasel", "dev", "tuned", "f1"): (0.602, "best CoNLL-2010 system, official test"),
    ("scu", "macro", "statement_match_rate"): (0.8366, "best LLM (Gemini 2.5 Pro)"),
    ("scu", "macro", "type_accuracy"): (0.88, "LLMs: 0.88-0.93"),
}


# ---------------------------------------------------------------- the predictor protocol


@runtime_checkable
class Predictor(Protocol):
    """What :func:`evaluate` needs from a system: the baseline and every model implement it.

    ``sentence_scores`` gives, per text, ``checkworthiness``, ``hedge_score`` and
    ``weasel_score`` in [0, 1]; ``attribution_spans`` gives, per text, a list of attributions
    ``{"source": [[s, e], ...], "cue": [[s, e], ...], "content": [[s, e], ...]}`` (character
    offsets into that text, half-open); ``hedge_cues`` gives, per text, the hedge cue spans.
    Optionally, ``score_articles(texts, ids)`` returns article results (what
    ``Scorer.score`` returns) for the SCU benchmark.
    """

    name: str

    def sentence_scores(self, texts: list[str]) -> dict[str, list[float]]: ...

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]: ...

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]: ...


class FeaturePredictor:
    """The feature-only scorer (the baseline) as a :class:`Predictor`.

    Sentence scores and hedge cues come from ``scorer.score_sentences``; attributions from
    ``scorer.score`` of each text as an article: every claim with a cue gives its source, cue
    and content, and claims that share a cue span (the sentences of one quote inherit its
    source and cue) are one attribution whose content is the union of theirs.

    >>> from credscore import Scorer
    >>> FeaturePredictor(Scorer(model=None)).sentence_scores(["NATO said 7,000 soldiers died."])["checkworthiness"]  # doctest: +SKIP
    [0.85]
    """

    def __init__(self, scorer: Any = None) -> None:
        if scorer is None:
            from credscore import Scorer

            scorer = Scorer(model=None)
        self.scorer = scorer
        self._last: tuple[tuple[str, ...], list[Any]] | None = None

    @property
    def name(self) -> str:
        info = self.scorer.model_info
        runtime = f" ({info.device})" if "/" in info.device else ""  # e.g. "cpu/onnx-int8"
        return f"{info.name} {info.version}{runtime}"

    def _claims(self, texts: Sequence[str]) -> list[Any]:
        """One ``ClaimResult`` (or ``None`` for a text the scorer refuses) per text; the last call is cached."""
        key = tuple(texts)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        from credscore.segment import MAX_PARSE_CHARS

        ok = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip() and len(t) <= MAX_PARSE_CHARS]
        if len(ok) < len(texts):
            logger.warning("%d text(s) empty or over %d characters: scored 0 with no cues",
                           len(texts) - len(ok), MAX_PARSE_CHARS)
        scored = self.scorer.score_sentences([texts[i] for i in ok])
        claims: list[Any] = [None] * len(texts)
        for i, claim in zip(ok, scored):
            claims[i] = claim
        self._last = (key, claims)
        return claims

    def sentence_scores(self, texts: list[str]) -> dict[str, list[float]]:
        claims = self._claims(texts)
        return {task: [float(getattr(c, task)) if c is not None else 0.0 for c in claims] for task in SENTENCE_TASKS}

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [[(h.start, h.end) for h in c.hedges] if c is not None else [] for c in self._claims(texts)]

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]:
        from credscore.intake import article_from_text

        items: list[Any] = []
        for i, text in enumerate(texts):
            try:
                items.append(article_from_text(text, format="text", name=f"text {i}"))
            except InputError as exc:
                items.append({"text": None, "id": str(i)})  # scored as an error in place
                logger.warning("text %d not scored: %s", i, exc)
        out = []
        for text, result in zip(texts, self.scorer.score_many(items)):
            claims = getattr(result, "claims", None)
            if claims is None:
                logger.warning("no attributions for a text the scorer refused: %s", getattr(result, "error", result))
                out.append([])
                continue
            out.append(attributions_from_claims(claims, text))
        return out

    def score_articles(self, texts: list[str], ids: list[str] | None = None) -> list[Any]:
        """Article results, as ``Scorer.score(text, id=id)`` gives them (used for the SCU benchmark)."""
        ids = ids if ids is not None else [str(i) for i in range(len(texts))]
        return list(self.scorer.score_many([{"text": t, "id": i} for t, i in zip(texts, ids)]))


def attributions_from_claims(claims: Iterable[Any], text: str | None = None) -> list[dict[str, list[list[int]]]]:
    """One attribution per distinct cue span of ``claims`` (``ClaimResult``-like objects).

    Source: the first claim's; content: the union of the claims' content spans (fragments
    joined as in :func:`fragments`). Claims without a cue (unattributed) give nothing.
    """
    by_cue: dict[Span, dict[str, list[Span]]] = {}
    for claim in sorted(claims, key=lambda c: c.start):
        att = claim.attribution
        if att is None or att.cue is None:
            continue
        cue = (att.cue.start, att.cue.end)
        source = [(att.source.start, att.source.end)] if att.source is not None else []
        entry = by_cue.setdefault(cue, {"source": source, "cue": [cue], "content": []})
        if att.content is not None and att.content.end > att.content.start:
            entry["content"].append((att.content.start, att.content.end))
    return [
        {role: [list(f) for f in fragments(entry[role], text)] for role in ROLES}
        for _, entry in sorted(by_cue.items())
    ]


class ModelPredictor(FeaturePredictor):
    """The fine-tuned model as a :class:`Predictor`.

    Everything comes from ``Scorer(model=path)`` as a user gets it: fused sentence readings, and
    attributions from the rules plus those the model's tagging heads add where the rules found
    none. Hedge cues come from the hedge-cue head.
    """

    def __init__(self, path: str | Path | None = None, *, runtime: str = "auto") -> None:
        from credscore import Scorer
        from credscore.scorer import resolve_model_dir

        directory = resolve_model_dir(path or "default")
        super().__init__(Scorer(model=directory, device="cpu", runtime=runtime).load())
        self.heads = self.scorer.model_heads  # the scorer's own heads: the model is loaded once

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [list(p.hedge_cues) for p in self.heads.predict(texts)]


class SpanDecoderPredictor(ModelPredictor):
    """The span model's decoded attributions straight from its heads, before the scorer's pipeline
    (entity resolution, quote chains) touches them: what the span model alone finds."""

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]:
        return [
            [{role: [list(f) for f in fragments(getattr(a, role), text)] for role in ROLES} for a in found]
            for text, found in zip(texts, self.heads.attributions(texts))
        ]


def model_predictor(path: str | Path | None = None, *, runtime: str = "auto") -> Predictor:
    """The fine-tuned model (default: the shipped one) as a :class:`Predictor`."""
    return ModelPredictor(path, runtime=runtime)


# ---------------------------------------------------------------- spans


def fragments(spans: Iterable[Sequence[int]], text: str | None = None) -> Fragments:
    """Sorted fragments with overlapping or touching ones joined (and, given ``text``, those
    separated by whitespace only), so that one span cut differently compares equal.

    >>> fragments([[5, 9], [0, 4], [3, 5]])
    ((0, 9),)
    >>> fragments([(0, 2), (3, 5)], "ab cd"), fragments([(0, 2), (3, 5)])
    (((0, 5),), ((0, 2), (3, 5)))
    """
    out: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if end <= start:
            continue
        if out and (start <= out[-1][1] or (text is not None and not text[out[-1][1]:start].strip())):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def _as_unit(span: Any) -> Fragments:
    """A span given as ``(start, end)`` or as a list of ``(start, end)`` fragments."""
    if len(span) == 2 and all(isinstance(x, (int, np.integer)) for x in span):
        return ((int(span[0]), int(span[1])),)
    return fragments(span)


def _overlap(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


# ---------------------------------------------------------------- estimates and the bootstrap


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its bootstrap 95% interval."""

    value: float
    lo: float
    hi: float

    def to_dict(self) -> dict[str, float]:
        return {"value": self.value, "lo": self.lo, "hi": self.hi}


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def prf(counts: np.ndarray) -> dict[str, np.ndarray]:
    """P/R/F1 from ``[..., 4]`` counts ``(matched predictions, predictions, matched gold, gold)``;
    0 where undefined (Citron's convention)."""
    counts = np.asarray(counts, dtype=float)
    p = _ratio(counts[..., 0], counts[..., 1])
    r = _ratio(counts[..., 2], counts[..., 3])
    return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r)}


def bootstrap(
    counts: np.ndarray,
    statistic: Callable[[np.ndarray], Mapping[str, np.ndarray]] = prf,
    *,
    groups: Sequence[Any] | None = None,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> dict[str, Estimate]:
    """Point estimates and percentile 95% intervals of ``statistic`` over summed per-row counts.

    ``counts`` is ``(rows, k)``; rows of one group (document) are summed first and groups are
    resampled with replacement ``n_boot`` times (``numpy.random.default_rng(seed)``).

    >>> est = bootstrap(np.array([[1, 1, 1, 1], [0, 1, 0, 1]]), n_boot=200)
    >>> est["f1"].value, 0.0 <= est["f1"].lo <= est["f1"].hi <= 1.0
    (0.5, True)
    """
    counts = np.asarray(counts, dtype=float).reshape(len(counts), -1)
    if groups is not None:
        keys = {g: i for i, g in enumerate(dict.fromkeys(groups))}
        grouped = np.zeros((len(keys), counts.shape[1]))
        np.add.at(grouped, [keys[g] for g in groups], counts)
        counts = grouped
    point = statistic(counts.sum(axis=0))
    if len(counts) == 0:
        return {k: Estimate(float(v), float("nan"), float("nan")) for k, v in point.items()}
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    sums = np.stack([np.bincount(row, minlength=len(counts)) for row in idx]) @ counts
    boot = statistic(sums)
    return {
        k: Estimate(float(point[k]), float(np.quantile(boot[k], 0.025)), float(np.quantile(boot[k], 0.975)))
        for k in point
    }


def bootstrap_mean(values: Sequence[float | None], *, n_boot: int = N_BOOT, seed: int = SEED) -> Estimate:
    """Mean of the defined values (``None``/NaN skipped, as pandas' mean) with a percentile interval."""
    arr = np.array([np.nan if v is None else v for v in values], dtype=float)
    if not np.isfinite(arr).any():
        return Estimate(float("nan"), float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    boot = arr[rng.integers(0, len(arr), size=(n_boot, len(arr)))]
    defined = np.isfinite(boot).sum(axis=1)
    means = np.where(defined > 0, np.nansum(boot, axis=1) / np.maximum(defined, 1), np.nan)
    means = means[np.isfinite(means)]
    return Estimate(float(np.nanmean(arr)), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975)))


# ---------------------------------------------------------------- metrics


def _estimates(est: Mapping[str, Estimate]) -> dict[str, dict[str, float]]:
    return {k: v.to_dict() for k, v in est.items()}


def binary_prf(
    gold: Sequence[int], predicted: Sequence[int], *, groups: Sequence[Any] | None = None,
    n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Estimate]:
    """Precision, recall and F1 of the positive class (label 1).

    >>> binary_prf([1, 1, 0, 0], [1, 0, 1, 0])["f1"].value
    0.5
    """
    y, p = np.asarray(gold, dtype=bool), np.asarray(predicted, dtype=bool)
    if y.shape != p.shape:
        raise ValueError(f"{len(y)} gold labels but {len(p)} predictions")
    counts = np.stack([y & p, p, y & p, y], axis=1)
    return bootstrap(counts, groups=groups, n_boot=n_boot, seed=seed)


def tune_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold ``t`` (positive iff ``score >= t``) that maximises positive-class F1;
    candidates are the scores themselves, ties go to the higher threshold.

    >>> tune_threshold([0.1, 0.4, 0.35, 0.8], [0, 1, 0, 1])
    0.4
    """
    s, y = np.asarray(scores, dtype=float), np.asarray(labels, dtype=bool)
    if len(s) == 0:
        return FIXED_THRESHOLD
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    tp = np.cumsum(y)
    last = np.r_[s[1:] != s[:-1], True]  # the last row of each distinct score: all >= it are in
    thresholds, tp, n_pred = s[last], tp[last], np.flatnonzero(last) + 1
    f1 = _ratio(2 * tp, y.sum() + n_pred)
    return float(thresholds[int(np.flatnonzero(f1 == f1.max())[0])])


def span_prf(
    gold: Sequence[Sequence[Any]], predicted: Sequence[Sequence[Any]], *, groups: Sequence[Any] | None = None,
    n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Estimate]:
    """Exact-offset P/R/F1 of spans; per row, a span is ``(start, end)`` or a list of fragments
    (a discontiguous span, compared as its set of fragments).

    >>> span_prf([[(0, 3), (5, 8)]], [[(0, 3), (5, 9)]])["f1"].value
    0.5
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predicted rows")
    rows = []
    for g_row, p_row in zip(gold, predicted):
        g, p = {_as_unit(x) for x in g_row}, {_as_unit(x) for x in p_row}
        rows.append((len(p & g), len(p), len(g & p), len(g)))
    return bootstrap(np.array(rows).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)


def token_overlap_prf(
    gold: Sequence[Sequence[Any]], predicted: Sequence[Sequence[Any]], token_offsets: Sequence[Sequence[Sequence[int]]],
    *, groups: Sequence[Any] | None = None, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Estimate]:
    """Token-overlap ("partial") P/R/F1: word tokens covered by predicted vs gold spans.

    A token is covered when it overlaps a span; each token counts once per row.

    >>> token_overlap_prf([[(0, 7)]], [[(4, 7)]], [[[0, 3], [4, 7]]])["precision"].value
    1.0
    """
    rows = []
    for g_row, p_row, offsets in zip(gold, predicted, token_offsets, strict=True):
        g_frags = [f for x in g_row for f in _as_unit(x)]
        p_frags = [f for x in p_row for f in _as_unit(x)]
        g = {i for i, (a, b) in enumerate(offsets) if any(a < e and s < b for s, e in g_frags)}
        p = {i for i, (a, b) in enumerate(offsets) if any(a < e and s < b for s, e in p_frags)}
        rows.append((len(p & g), len(p), len(g & p), len(g)))
    return bootstrap(np.array(rows).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)


def _attribution(att: Mapping[str, Any], text: str | None) -> dict[str, Fragments]:
    return {role: fragments(att.get(role) or (), text) for role in ROLES}


def attribution_counts(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]], text: str | None = None
) -> dict[str, tuple[int, int, int, int]]:
    """Citron's exact-match counts for one row: per part (cue, source, content, attribution),
    ``(matched predictions, predictions, matched gold, gold)``. See the module docstring."""
    g = [_attribution(a, text) for a in gold]
    p = [_attribution(a, text) for a in predicted]

    def cue(x: dict[str, Fragments], y: dict[str, Fragments]) -> bool:
        return x["cue"] == y["cue"]

    def role(name: str) -> Callable[[dict[str, Fragments], dict[str, Fragments]], bool]:
        return lambda x, y: _overlap(x["cue"], y["cue"]) and x[name] == y[name]

    def whole(x: dict[str, Fragments], y: dict[str, Fragments]) -> bool:
        return all(x[r] == y[r] for r in ROLES)

    out = {}
    for part, match in (("cue", cue), ("source", role("source")), ("content", role("content")), ("attribution", whole)):
        matched_p = sum(any(match(a, b) for b in g) for a in p)
        matched_g = sum(any(match(a, b) for a in p) for b in g)
        out[part] = (matched_p, len(p), matched_g, len(g))
    return out


def attribution_prf(
    gold: Sequence[Sequence[Mapping[str, Any]]], predicted: Sequence[Sequence[Mapping[str, Any]]], *,
    texts: Sequence[str] | None = None, groups: Sequence[Any] | None = None, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, dict[str, Estimate]]:
    """Exact-offset P/R/F1 of cue, source, content and whole attributions, as BBC Citron.

    Each row holds attributions ``{"source": [[s, e], ...], "cue": [...], "content": [...]}``;
    given ``texts``, fragments separated by whitespace only are joined on both sides.

    >>> g = [[{"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 20]]}]]
    >>> p = [[{"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 19]]}]]
    >>> {k: v["f1"].value for k, v in attribution_prf(g, p).items()}
    {'cue': 1.0, 'source': 1.0, 'content': 0.0, 'attribution': 0.0}
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predicted rows")
    texts_: Sequence[str | None] = texts if texts is not None else [None] * len(gold)
    per_row = [attribution_counts(g, p, t) for g, p, t in zip(gold, predicted, texts_)]
    parts = ("cue", "source", "content", "attribution")
    return {
        part: bootstrap(np.array([r[part] for r in per_row]).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)
        for part in parts
    }


# ---------------------------------------------------------------- the data sets


def _subset(n: int, k: int | None, seed: int = TUNE_SEED) -> list[int]:
    """A sorted, seeded sample of ``k`` of ``range(n)`` (all of them when ``k`` is None or >= n)."""
    if k is None or k >= n:
        return list(range(n))
    return sorted(random.Random(seed).sample(range(n), k))


def _classify(
    predictor: Predictor, task: str, train: Any, devs: Mapping[str, Any], *, limit: int | None,
    groups_col: str | None = None, tune_rows: int = TUNE_ROWS, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Any]:
    """Tune the threshold of one sentence score on a train sample, then P/R/F1 on each dev split."""
    rows = _subset(train.num_rows, min(tune_rows, limit) if limit else tune_rows)
    sample = train.select(rows)
    threshold = tune_threshold(predictor.sentence_scores(list(sample["text"]))[task], list(sample["label"]))
    out: dict[str, Any] = {
        "score": task, "threshold": threshold, "tuned_on": f"train, {len(rows):,} rows (seed {TUNE_SEED})"
    }
    for split, ds in devs.items():
        ds = ds.select(range(min(limit, ds.num_rows))) if limit else ds
        scores = np.asarray(predictor.sentence_scores(list(ds["text"]))[task], dtype=float)
        labels = list(ds["label"])
        groups = list(ds[groups_col]) if groups_col else None
        out[split] = {
            "rows": ds.num_rows,
            "positive": int(sum(labels)),
            "tuned": _estimates(binary_prf(labels, scores >= threshold, groups=groups, n_boot=n_boot, seed=seed)),
            "at_0.5": _estimates(binary_prf(labels, scores >= FIXED_THRESHOLD, groups=groups, n_boot=n_boot, seed=seed)),
        }
    return out


def evaluate_polnear(predictor: Predictor, data_dir: str | Path | None = None, *, limit: int | None = None,
                     n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Any]:
    """PolNeAR dev: Citron's exact P/R/F1 per part and token overlap per role (intervals over articles)."""
    from training.data import load_polnear

    ds = load_polnear(data_dir, "dev", limit=limit)  # limit articles first: cheaper to chunk
    if limit:
        ds = ds.select(range(min(limit, ds.num_rows)))
    texts = list(ds["text"])
    gold = list(ds["attributions"])
    groups = list(ds["article_id"])
    predicted = predictor.attribution_spans(texts)
    if len(predicted) != len(texts):
        raise ValueError(f"{predictor.name}: attribution_spans gave {len(predicted)} rows for {len(texts)} texts")
    exact = attribution_prf(gold, predicted, texts=texts, groups=groups, n_boot=n_boot, seed=seed)
    offsets = list(ds["token_offsets"])
    overlap = {
        role: token_overlap_prf([[a[role] for a in g] for g in gold], [[a.get(role) or [] for a in p] for p in predicted],
                                offsets, groups=groups, n_boot=n_boot, seed=seed)
        for role in ("cue", "source", "content")
    }
    return {
        "split": "dev",
        "rows": len(texts),
        "articles": len(set(groups)),
        "gold": sum(map(len, gold)),
        "predicted": sum(map(len, predicted)),
        "exact": {k: _estimates(v) for k, v in exact.items()},
        "overlap": {k: _estimates(v) for k, v in overlap.items()},
    }


def evaluate_szeged(predictor: Predictor, data_dir: str | Path | None = None, *, limit: int | None = None,
                    tune_rows: int = TUNE_ROWS, n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Any]:
    """Szeged FactBank dev: sentence hedge P/R/F1 from ``hedge_score``, cue spans exact and by token."""
    from training.data import load_szeged

    sets = load_szeged(data_dir, "factbank")
    out = _classify(predictor, "hedge_score", sets["train"], {"dev": sets["dev"], HELD_OUT: report_half(sets["dev"], "doc_id")},
                    limit=limit, groups_col="doc_id", tune_rows=tune_rows, n_boot=n_boot, seed=seed)
    dev = sets["dev"].select(range(min(limit, sets["dev"].num_rows))) if limit else sets["dev"]
    gold = [[(c["start"], c["end"]) for c in cues] for cues in dev["cues"]]
    predicted = predictor.hedge_cues(list(dev["text"]))
    groups = list(dev["doc_id"])
    out["dev"]["documents"] = len(set(groups))
    out["dev"]["cues"] = sum(map(len, gold))
    out["dev"]["cue_exact"] = _estimates(span_prf(gold, predicted, groups=groups, n_boot=n_boot, seed=seed))
    out["dev"]["cue_token"] = _estimates(
        token_overlap_prf(gold, predicted, list(dev["token_offsets"]), groups=groups, n_boot=n_boot, seed=seed)
    )
    return out


def _scu_ids(ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=lambda s: (int(s) if s.isdigit() else math.inf, s))


def evaluate_scu(predictor: Predictor, data_dir: str | Path | None = None, *, limit: int | None = None,
                 n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Any]:
    """The SCU benchmark's official metric (macro over articles) with intervals over articles."""
    from training import scu
    from training.data import DEFAULT_DATA_DIR

    score_articles = getattr(predictor, "score_articles", None)
    if score_articles is None:
        return {"skipped": f"{predictor.name} has no score_articles(texts, ids)"}
    folder = Path(data_dir if data_dir is not None else DEFAULT_DATA_DIR) / "scu_sourcing"
    if not (folder / "ground_truth").is_dir():
        raise InputError(str(folder), "SCU benchmark folder not found", "pass the shared/data folder as data_dir/--data")
    gold, articles = scu.load_gold(folder), scu.load_articles(folder)
    ids = _scu_ids(gold)
    if limit:  # limit counts gold statements (rows): the first articles holding that many, at least one
        total, kept_ids = 0, []
        for i in ids:
            if kept_ids and total + len(gold[i]) > limit:
                break
            kept_ids.append(i)
            total += len(gold[i])
        ids = kept_ids
    missing = [i for i in ids if i not in articles]
    if missing:
        raise InputError(str(folder / "articles"), f"no article text for {missing}")
    results = score_articles([articles[i] for i in ids], ids)
    predicted = {i: scu.predictions_from_result(r) for i, r in zip(ids, results)}
    metrics = scu.score_corpus({i: gold[i] for i in ids}, predicted)
    kept = [a.official for a in metrics.articles.values() if not a.official_errors]
    names = {"statement_match_rate": "Statement_Match_Rate", "match_precision": "LLMStatement_Match_Precison",
             "type_accuracy": "Type_Match_Rate", "name_accuracy": "Name_Match_Rate"}
    return {
        "articles": len(ids),
        "scored_articles": len(kept),
        "dropped_articles": list(metrics.dropped_articles),
        "macro": {k: bootstrap_mean([o[v] for o in kept], n_boot=n_boot, seed=seed).to_dict() for k, v in names.items()},
        "micro": {"statement_match_rate": metrics.statement_match_rate, "match_precision": metrics.precision,
                  "type_accuracy": metrics.type_accuracy, "name_accuracy": metrics.name_accuracy,
                  "gold": metrics.gold, "predicted": metrics.predicted},
    }


def evaluate(
    predictor: Predictor, data_dir: str | Path | None = None, *, limit: int | None = None,
    tasks: Collection[str] = TASKS, tune_rows: int = TUNE_ROWS, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Any]:
    """Every dev metric of ``predictor`` as a nested JSON-able dict (see the module docstring).

    ``limit`` caps the rows of every dev set and of the threshold-tuning samples (for SCU, the
    gold statements: the first articles holding that many), for a quick look. Estimates are
    ``{"value", "lo", "hi"}``; ``seconds`` times each task.

    >>> results = evaluate(FeaturePredictor(), limit=20)  # doctest: +SKIP
    >>> results["checkthat"]["dev-test"]["tuned"]["f1"]  # doctest: +SKIP
    {'value': 0.57, 'lo': 0.3, 'hi': 0.78}
    """
    unknown = set(tasks) - set(TASKS)
    if unknown:
        raise ValueError(f"unknown task(s) {sorted(unknown)}; use some of {list(TASKS)}")
    from training.data import load_checkthat, load_conll_weasel

    results: dict[str, Any] = {
        "predictor": predictor.name,
        "config": {"data_dir": str(data_dir) if data_dir is not None else None, "limit": limit, "n_boot": n_boot,
                   "seed": seed, "tune_rows": tune_rows, "tune_seed": TUNE_SEED},
        "seconds": {},
    }
    kw = {"n_boot": n_boot, "seed": seed}
    def _conll() -> dict[str, Any]:
        sets = load_conll_weasel(data_dir)
        return _classify(predictor, "weasel_score", sets["train"], {"dev": sets["dev"], HELD_OUT: report_half(sets["dev"], "id")},
                         limit=limit, tune_rows=tune_rows, **kw)

    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "polnear": lambda: evaluate_polnear(predictor, data_dir, limit=limit, **kw),
        "checkthat": lambda: _classify(
            predictor, "checkworthiness", load_checkthat(data_dir, "train"),
            {**{s: load_checkthat(data_dir, s) for s in ("dev", "dev-test")},
             HELD_OUT: report_half(load_checkthat(data_dir, "dev-test"), "id")}, limit=limit, tune_rows=tune_rows, **kw),
        "conll_weasel": lambda: _conll(),
        "szeged_factbank": lambda: evaluate_szeged(predictor, data_dir, limit=limit, tune_rows=tune_rows, **kw),
        "scu": lambda: evaluate_scu(predictor, data_dir, limit=limit, **kw),
    }
    for task in TASKS:
        if task not in tasks:
            continue
        start = time.perf_counter()
        logger.info("evaluating %s on %s", predictor.name, task)
        results[task] = runs[task]()
        results["seconds"][task] = round(time.perf_counter() - start, 1)
    return results


# ---------------------------------------------------------------- tables


def _is_estimate(x: Any) -> bool:
    return isinstance(x, Mapping) and set(x) == {"value", "lo", "hi"}


def estimates(results: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], dict[str, float]]:
    """Every estimate in ``results`` by its key path, in order."""
    out: dict[tuple[str, ...], dict[str, float]] = {}
    for key, value in results.items():
        if _is_estimate(value):
            out[prefix + (key,)] = value
        elif isinstance(value, Mapping):
            out.update(estimates(value, prefix + (key,)))
    return out


def _pct(x: float | None) -> str:
    return "   -" if x is None or not math.isfinite(x) else f"{100 * x:5.1f}"


def _cell(e: Mapping[str, float] | None) -> str:
    if e is None:
        return ""
    return f"{_pct(e['value'])} [{_pct(e['lo']).strip()}, {_pct(e['hi']).strip()}]"


_PRF = ("precision", "recall", "f1")


def format_report(results: Mapping[str, Any]) -> str:
    """A fixed-width table of every estimate (percent, with its 95% interval), P/R/F1 side by side."""
    rows: dict[tuple[str, ...], dict[str, Mapping[str, float]]] = {}
    for path, est in estimates({k: v for k, v in results.items() if k not in ("config", "seconds")}).items():
        head, last = (path[:-1], path[-1]) if path[-1] in _PRF else (path, "value")
        rows.setdefault(head, {})[last] = est
    width = max([len(" ".join(h)) for h in rows] + [24])
    cols = ("precision", "recall", "f1 / value")
    lines = [f"{results.get('predictor', '?')}: dev metrics, % with bootstrap 95% intervals",
             f"{'metric':<{width}}  " + "  ".join(f"{c:<19}" for c in cols) + "  reference"]
    lines.append("-" * len(lines[-1]))
    for head, cells in rows.items():
        main_cell = cells.get("f1") or cells.get("value")
        ref_key = head + ("f1",) if "f1" in cells else head
        ref = REFERENCES.get(ref_key)
        line = f"{' '.join(head):<{width}}  " + "  ".join(
            f"{_cell(c):<19}" for c in (cells.get("precision"), cells.get("recall"), main_cell)
        )
        lines.append((line + (f"  {100 * ref[0]:.1f} {ref[1]}" if ref else "")).rstrip())
    notes = []
    for task in TASKS:
        part = results.get(task)
        if isinstance(part, Mapping) and "skipped" in part:
            notes.append(f"{task}: skipped ({part['skipped']})")
        elif isinstance(part, Mapping) and "threshold" in part:
            notes.append(f"{task}: threshold {part['threshold']:.4g} on {part['score']}, tuned on {part['tuned_on']}")
    scu_part = results.get("scu")
    if isinstance(scu_part, Mapping) and scu_part.get("dropped_articles"):
        dropped = ", ".join(scu_part["dropped_articles"])
        notes.append(f"scu: articles left out as upstream (the official scorer crashes on them): {dropped}")
    if results.get("seconds"):
        notes.append("seconds: " + ", ".join(f"{k} {v}" for k, v in results["seconds"].items()))
    return "\n".join(lines + [""] + notes)


def compare(baseline: Mapping[str, Any], candidate: Mapping[str, Any]) -> str:
    """Side-by-side table of the estimates both results have, with the candidate's delta.

    ``<=`` marks a metric where the candidate is not better; ``~`` one where it is better but
    inside the baseline's 95% interval.
    """
    a, b = estimates(baseline), estimates(candidate)
    paths = [p for p in a if p in b]
    width = max([len(" ".join(p)) for p in paths] + [24])
    lines = [f"{'metric':<{width}}  {'baseline':<19}  {'candidate':<19}  {'delta':>6}",
             f"{'':<{width}}  {str(baseline.get('predictor', '')):<19.19}  {str(candidate.get('predictor', '')):<19.19}"]
    lines.append("-" * max(map(len, lines)))
    worse = 0
    for p in paths:
        x, y = a[p], b[p]
        delta = y["value"] - x["value"]
        if not math.isfinite(delta) or delta <= 0:
            mark, worse = "<=", worse + 1
        elif x["lo"] <= y["value"] <= x["hi"]:
            mark = "~"
        else:
            mark = ""
        lines.append(f"{' '.join(p):<{width}}  {_cell(x):<19}  {_cell(y):<19}  {100 * delta:+6.1f} {mark}".rstrip())
    lines += ["", f"{worse} of {len(paths)} metrics not better (<=); ~ better but inside the baseline's interval"]
    return "\n".join(lines)


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m training.evaluate``: dev metrics with bootstrap intervals, as a table (and JSON)."""
    ap = argparse.ArgumentParser(prog="python -m training.evaluate", description=main.__doc__)
    ap.add_argument("--data", type=Path, default=None, help="the shared/data folder (default ../shared/data)")
    ap.add_argument("--limit", type=int, default=None, help="rows per dev set (and tuning sample), for a quick look")
    ap.add_argument("--out", type=Path, default=None, help="write the full results as JSON here")
    ap.add_argument("--no-model", action="store_true", help="evaluate the feature-only scorer (the baseline)")
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--compare", type=Path, default=None, help="a results JSON to compare against (the baseline)")
    ap.add_argument("--tasks", default=",".join(TASKS), help=f"comma-separated subset of {','.join(TASKS)}")
    ap.add_argument("--raw-spans", action="store_true",
                    help="PolNeAR attributions straight from the span model's decoder, not through the scorer")
    ap.add_argument("--runtime", choices=RUNTIMES, default="auto",
                    help="how the model runs (credscore.model.heads.resolve_runtime); compare runtimes with --compare")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error(f"--limit must be a positive number of rows, got {args.limit}")
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    if set(tasks) - set(TASKS):
        ap.error(f"--tasks: unknown {sorted(set(tasks) - set(TASKS))}; use some of {','.join(TASKS)}")
    if args.no_model and args.model is not None:
        ap.error("--no-model and --model exclude each other")
    baseline = None
    if args.compare is not None:
        try:
            baseline = json.loads(args.compare.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: cannot read --compare {args.compare}: {exc}", file=sys.stderr)
            return 2
    if args.no_model:
        predictor: Predictor = FeaturePredictor()
    else:
        try:
            predictor = (SpanDecoderPredictor(args.model, runtime=args.runtime) if args.raw_spans
                         else model_predictor(args.model, runtime=args.runtime))
        except ImportError as exc:
            print(f"error: the model predictor cannot be imported ({exc}); install credscore[train], "
                  "or evaluate the baseline with --no-model", file=sys.stderr)
            return 2
        except NotImplementedError as exc:
            print(f"error: model evaluation is not available yet: {exc}; use --no-model for the baseline",
                  file=sys.stderr)
            return 2
        except ModelLoadError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    started = time.perf_counter()
    try:
        results = evaluate(predictor, args.data, limit=args.limit, tasks=tasks)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results["seconds"]["total"] = round(time.perf_counter() - started, 1)
    print(format_report(results))
    if baseline is not None:
        print()
        print(compare(baseline, results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

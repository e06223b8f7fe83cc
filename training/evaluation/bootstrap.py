"""Point estimates with percentile bootstrap 95% intervals, resampling documents, not rows.

Rows of one group (a document) are summed before resampling, since they are not independent;
micro P/R/F1 are recomputed on each resample (``numpy.random.default_rng(seed)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

N_BOOT = 1000
SEED = 0


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its bootstrap 95% interval."""

    value: float
    lo: float
    hi: float

    def to_dict(self) -> dict[str, float]:
        return {"value": self.value, "lo": self.lo, "hi": self.hi}


def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` elementwise, 0 where ``den`` is 0."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def prf(counts: np.ndarray) -> dict[str, np.ndarray]:
    """P/R/F1 from ``[..., 4]`` counts ``(matched predictions, predictions, matched gold, gold)``;
    0 where undefined (Citron's convention)."""
    counts = np.asarray(counts, dtype=float)
    p = ratio(counts[..., 0], counts[..., 1])
    r = ratio(counts[..., 2], counts[..., 3])
    return {"precision": p, "recall": r, "f1": ratio(2 * p * r, p + r)}


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


def as_dicts(est: Mapping[str, Estimate]) -> dict[str, dict[str, float]]:
    """``{name: {"value", "lo", "hi"}}``: estimates as the JSON results hold them."""
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

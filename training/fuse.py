"""Fit the feature/model fusion on dev and write it into the model's config.

For each sentence reading (check-worthiness, hedge, weasel): a logistic regression on
[model logit, rule score], then isotonic calibration of its output, both scikit-learn, both
fitted on the dev split of that task (CheckThat! dev, Szeged dev, our CoNLL dev). The fitted
numbers are stored as plain JSON (coefficients and isotonic knots): no pickles. The calibration
table (predicted vs observed, 10 bins) is stored beside them for the notebook.

``python -m training.fuse MODEL_DIR [--data DIR]``
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from credscore.model.heads import READINGS

logger = logging.getLogger("credscore.training")



def first_of_each_class(labels: Sequence[int], limit: int | None) -> list[int]:
    """Indices of the first ``limit`` rows of each label, in their order (all rows without a limit).

    A fusion is a logistic regression: a quick look cut to the first rows could hold one class only.

    >>> first_of_each_class([0, 0, 0, 1, 0, 1], 2)
    [0, 1, 3, 5]
    """
    if limit is None:
        return list(range(len(labels)))
    seen: dict[int, int] = {}
    kept = []
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] <= limit:
            kept.append(i)
    return kept


def dev_sentences(data_dir: str | Path | None, limit: int | None = None) -> dict[str, tuple[list[str], list[int]]]:
    """Dev texts and labels per sentence task (the same splits ``training.train`` stops on);
    ``limit``: at most that many rows of each class per split."""
    from training import data as d

    def take(ds: Any) -> tuple[list[str], list[int]]:
        texts, labels = list(ds["text"]), [int(v) for v in ds["label"]]
        kept = first_of_each_class(labels, limit)
        return [texts[i] for i in kept], [labels[i] for i in kept]

    szeged = [d.load_szeged(data_dir, part)["dev"] for part in ("factbank", "wiki")]
    hedge_texts, hedge_labels = take(szeged[0])
    wiki_texts, wiki_labels = take(szeged[1])
    return {
        "checkworthy": take(d.load_checkthat(data_dir, "dev")),
        "hedge": (hedge_texts + wiki_texts, hedge_labels + wiki_labels),
        "weasel": take(d.load_conll_weasel(data_dir)["dev"]),
    }


def calibration_table(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    edges = np.linspace(0, 1, bins + 1)
    table = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if inside.any():
            table.append({"lo": float(lo), "hi": float(hi), "n": int(inside.sum()),
                          "predicted": float(p[inside].mean()), "observed": float(y[inside].mean())})
    return table


def fit_fusion(model_dir: str | Path, data_dir: str | Path | None = None, *, limit: int | None = None,
               runtime: str = "auto") -> dict[str, Any]:
    """Fit and store the fusion; returns it (also written into the model's config).

    ``limit``: at most that many dev rows of each class per task (a quick look); ``runtime``: how the
    model runs (:data:`credscore.model.checkpoint.RUNTIMES`).
    """
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    from credscore import Scorer
    from credscore.model.checkpoint import CONFIG_FILE, read_config
    from credscore.model.heads import ModelHeads

    heads = ModelHeads(model_dir, device="cpu", runtime=runtime)
    rules = Scorer(model=None).load()
    fusion: dict[str, Any] = {}
    report: dict[str, Any] = {}
    for task, (texts, labels) in dev_sentences(data_dir, limit).items():
        y = np.array(labels)
        logits = np.array([p.logits[task] for p in heads.predict(texts)])
        rule = np.array([getattr(c, READINGS[task]) for c in rules.score_sentences(texts)])
        x = np.column_stack([logits, rule])
        lr = LogisticRegression().fit(x, y)
        raw = lr.predict_proba(x)[:, 1]
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y)
        fusion[task] = {
            "coef": [float(c) for c in lr.coef_[0]],
            "intercept": float(lr.intercept_[0]),
            "iso_x": [float(v) for v in iso.X_thresholds_],
            "iso_y": [float(v) for v in iso.y_thresholds_],
            "fitted_on": {"rows": int(len(y)), "positive": float(y.mean())},
        }
        calibrated = iso.predict(raw)
        report[task] = {
            "calibration_model_only": calibration_table(1 / (1 + np.exp(-logits)), y),
            "calibration_fused": calibration_table(calibrated, y),
        }
        logger.info("fusion %s: coef %s intercept %.3f", task, fusion[task]["coef"], fusion[task]["intercept"])
    config = read_config(model_dir)
    config.fusion = fusion
    config.metrics["calibration"] = report
    Path(model_dir, CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    return fusion


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.fuse", description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None, help="at most this many dev rows of each class, for a quick look")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    fit_fusion(args.model_dir, args.data, limit=args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Operating points and calibration of the sentence readings, chosen off-distribution.

    python -m training.operating_points                  # compare the fusions on the held-out halves
    python -m training.operating_points --write          # store the winner in the model's config

Each reading's shipped probability is a fusion of the model's logit and the rules' score
(:mod:`training.fuse`), read at 0.5. Fitted on the dev split of its own training data, it is
confident only on text like that data, and recall collapses elsewhere. Here each fusion is
fitted on data unlike the training set and judged on data held out from that fit:

- check-worthiness: CheckThat! dev-test (a later, different debate), split in two halves by
  sentence id: the fusion is fitted on the ``fit`` half and read on the ``report`` half;
- hedge: Szeged dev documents (FactBank news and Wikipedia), halves by document;
- weasel: CoNLL-2010 dev sentences (whole documents held out from training), halves by sentence.

Hedge and weasel logits are read with each sentence inside its Szeged document, as the scorer reads
an article's sentences (this matters for a model that reads its sentence heads out of the window pass).

Variants compared at the 0.5 operating point on the report halves, beside the in-distribution
split (CheckThat! dev; for hedge and weasel the fit half itself): a fusion refitted on the fit
half, and the same with balanced class weights (0.5 then sits where the two classes weigh the
same, instead of at the fit data's prior), with and without isotonic calibration after it. What
wins on the report halves ships, so the report halves stay held out for ``credscore evaluate``.
The shipped fusion is shown for reference (for hedge and weasel it saw the report half).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from credscore.model.heads import READINGS
from training.fuse import calibration_table, first_of_each_class

TASKS = ("checkworthy", "hedge", "weasel")


def half(key: str) -> str:
    """``fit`` or ``report``: a fixed half of a split, by a hash of the row's key (id or document)."""
    return "fit" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "report"


def shifted_sets(data_dir: str | Path | None = None, *, limit: int | None = None
                 ) -> dict[str, dict[str, tuple[list[str], list[int]]]]:
    """Per task: ``in_distribution``, ``fit`` and ``report`` texts and labels (see the module docstring).

    ``limit`` keeps the first rows of each class of each split read, before the halves are cut (a quick look).
    """
    from training import data as d

    def rows(ds: Any, key: str) -> list[tuple[str, int, str]]:
        texts, labels, keys = list(ds["text"]), [int(v) for v in ds["label"]], [str(v) for v in ds[key]]
        return [(texts[i], labels[i], keys[i]) for i in first_of_each_class(labels, limit)]

    def split(items: list[tuple[str, int, str]]) -> dict[str, tuple[list[str], list[int]]]:
        out: dict[str, tuple[list[str], list[int]]] = {"fit": ([], []), "report": ([], [])}
        for text, label, key in items:
            out[half(key)][0].append(text)
            out[half(key)][1].append(label)
        return out

    dev = d.load_checkthat(data_dir, "dev")
    in_distribution = rows(dev, "id")
    sets = {"checkworthy": {"in_distribution": ([t for t, _, _ in in_distribution], [y for _, y, _ in in_distribution]),
                            **split(rows(d.load_checkthat(data_dir, "dev-test"), "id"))}}
    szeged = rows(d.load_szeged(data_dir, "factbank")["dev"], "doc_id") + rows(d.load_szeged(data_dir, "wiki")["dev"], "doc_id")
    sets["hedge"] = split(szeged)
    sets["weasel"] = split(rows(d.load_conll_weasel(data_dir)["dev"], "id"))
    for task in ("hedge", "weasel"):
        sets[task]["in_distribution"] = sets[task]["fit"]
    return sets


def fit_variant(x: np.ndarray, y: np.ndarray, *, balanced: bool, isotonic: bool) -> dict[str, Any]:
    """Logistic regression on [model logit, rule score], optionally balanced, optionally isotonic after."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(class_weight="balanced" if balanced else None).fit(x, y)
    fusion: dict[str, Any] = {"coef": [float(c) for c in lr.coef_[0]], "intercept": float(lr.intercept_[0])}
    if isotonic:
        raw = lr.predict_proba(x)[:, 1]
        weights = None
        if balanced:
            share = y.mean()
            weights = np.where(y == 1, 0.5 / share, 0.5 / (1 - share))
        iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y, sample_weight=weights)
        fusion.update(iso_x=[float(v) for v in iso.X_thresholds_], iso_y=[float(v) for v in iso.y_thresholds_])
    return fusion


def apply(fusion: dict[str, Any] | None, x: np.ndarray) -> np.ndarray:
    """What :meth:`credscore.model.heads.ModelHeads.fused` computes, vectorised."""
    if not fusion:
        return 1 / (1 + np.exp(-x[:, 0]))
    p = 1 / (1 + np.exp(-(x @ np.array(fusion["coef"]) + fusion["intercept"])))
    if fusion.get("iso_x"):
        p = np.interp(p, fusion["iso_x"], fusion["iso_y"])
    return p


def prf(y: np.ndarray, p: np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    precision = tp / max(1.0, float(pred.sum()))
    recall = tp / max(1.0, float((y == 1).sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1}


def in_context_logits(heads: Any, task: str, documents: Sequence[Sequence[str]]) -> dict[str, float]:
    """``task``'s logit of each sentence of ``documents`` read there, beside its neighbours, as the
    scorer reads an article's sentences; keyed by :func:`training.data._norm` of the sentence."""
    from credscore.segment import one_line
    from training.data import _norm

    where: dict[str, float] = {}
    for document, predictions in zip(documents, heads.predict_together([[one_line(t) for t in d] for d in documents])):
        for sentence, prediction in zip(document, predictions):
            where.setdefault(_norm(sentence), prediction.logits[task])
    return where


def features(heads: Any, rules: Any, task: str, texts: list[str], read_in: dict[str, float] | None = None) -> np.ndarray:
    """[model logit, rule score] per text; a text found in ``read_in`` (:func:`in_context_logits`)
    takes the logit it has there, the others are read alone (the rules read each alone)."""
    from training.data import _norm

    read_in = read_in or {}
    alone = [t for t in texts if _norm(t) not in read_in]
    read = iter(heads.predict(alone)) if alone else iter(())
    logits = np.array([read_in[_norm(t)] if _norm(t) in read_in else next(read).logits[task] for t in texts])
    rule = np.array([getattr(c, READINGS[task]) for c in rules.score_sentences(texts)])
    return np.column_stack([logits, rule])



VARIANTS = {
    "shipped (dev-fitted)": None,
    "refit on the fit half": {"balanced": False, "isotonic": True},
    "refit, balanced + isotonic": {"balanced": True, "isotonic": True},
    "refit, balanced, no isotonic": {"balanced": True, "isotonic": False},
}


def compare(model_dir: str | Path, data_dir: str | Path | None = None, *, limit: int | None = None
            ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The figures of every variant per task and split, and each variant's fitted fusion."""
    from credscore import Scorer
    from credscore.model.checkpoint import read_config
    from credscore.model.heads import ModelHeads

    heads = ModelHeads(model_dir, device="cpu", runtime="torch")
    rules = Scorer(model=None).load()
    shipped = read_config(model_dir).fusion
    sets = shifted_sets(data_dir, limit=limit)
    figures: dict[str, Any] = {}
    fitted: dict[str, dict[str, Any]] = {}
    from training.evaluation.dev_sets import szeged_documents

    documents = {"checkworthy": [], "hedge": szeged_documents(data_dir, "factbank") + szeged_documents(data_dir, "wiki"),
                 "weasel": szeged_documents(data_dir, "wiki")}  # CheckThat!'s dev sentences are not consecutive
    for task in TASKS:
        read_in = in_context_logits(heads, task, documents[task])
        xs = {name: features(heads, rules, task, texts, read_in) for name, (texts, _) in sets[task].items()}
        ys = {name: np.array(labels) for name, (_, labels) in sets[task].items()}
        fitted[task] = {}
        figures[task] = {}
        for variant, options in VARIANTS.items():
            fusion = shipped.get(task) if options is None else fit_variant(xs["fit"], ys["fit"], **options)
            fitted[task][variant] = fusion
            figures[task][variant] = {split: prf(ys[split], apply(fusion, xs[split]))
                                      for split in ("in_distribution", "fit", "report")}
        figures[task]["rows"] = {split: [int(len(y)), int(y.sum())] for split, y in ys.items()}
        # the shipped fusion is a reference only: for hedge and weasel it was fitted on the whole dev
        # split, report half included, so its report figure is not held out
        best = max((v for v in VARIANTS if VARIANTS[v] is not None), key=lambda v: figures[task][v]["report"]["f1"])
        figures[task]["chosen"] = best
        figures[task]["calibration_report_half"] = calibration_table(apply(fitted[task][best], xs["report"]), ys["report"])
    return figures, fitted


def format_figures(figures: dict[str, Any]) -> str:
    lines = []
    for task in TASKS:
        rows = figures[task]["rows"]
        lines.append(f"{task} (rows, positives: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in rows.items()) + ")")
        for variant in VARIANTS:
            cells = "   ".join(f"{split} P {f['p']:.3f} R {f['r']:.3f} F1 {f['f1']:.3f}"
                               for split, f in figures[task][variant].items())
            mark = " ← chosen" if figures[task]["chosen"] == variant else ""
            lines.append(f"  {variant:<30} {cells}{mark}")
    return "\n".join(lines)


def choose_operating_points(model_dir: str | Path | None = None, data_dir: str | Path | None = None, *,
                            limit: int | None = None, write: bool = False, out: str | Path | None = None
                            ) -> dict[str, Any]:
    """Compare the fusions (see the module docstring) and return the figures (:func:`format_figures` shows them).

    ``model_dir`` defaults to the shipped model. ``write=True`` stores the chosen fusion per task
    (and the figures, as ``metrics.operating_points``) in the model's ``credscore_model.json``;
    ``out`` also writes the figures as JSON; ``limit`` caps the rows of each class per split read.
    """
    from credscore.model.checkpoint import CONFIG_FILE, read_config
    from credscore.model.locate import resolve_model_dir

    model_dir = resolve_model_dir(model_dir or "default")
    figures, fitted = compare(model_dir, data_dir, limit=limit)
    if out:
        Path(out).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if write:
        config = read_config(model_dir)
        for task in TASKS:
            chosen = figures[task]["chosen"]
            fusion = dict(fitted[task][chosen] or config.fusion.get(task, {}))
            if VARIANTS[chosen] is not None:
                where = {"checkworthy": "CheckThat! dev-test, fit half", "hedge": "Szeged dev documents, fit half",
                         "weasel": "CoNLL-2010 dev, fit half"}[task]
                fusion["fitted_on"] = {"split": where, "variant": chosen, "operating_point": 0.5,
                                       "rows": figures[task]["rows"]["fit"][0]}
            config.fusion[task] = fusion
        config.metrics["operating_points"] = figures
        Path(model_dir, CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.operating_points", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="model directory (default: the shipped model)")
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None, help="at most this many rows of each class per split, for a quick look")
    parser.add_argument("--write", action="store_true", help="store the chosen fusion per task in the model's config")
    parser.add_argument("--out", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = choose_operating_points(args.model, args.data, limit=args.limit, write=args.write, out=args.out)
    print(format_figures(figures))
    if args.write:
        from credscore.model.checkpoint import CONFIG_FILE
        from credscore.model.locate import resolve_model_dir

        print(f"wrote the chosen fusions into {resolve_model_dir(args.model or 'default') / CONFIG_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

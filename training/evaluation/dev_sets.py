"""Each dev set's evaluation and :func:`evaluate` over all of them (see ``training.evaluate``).

Thresholds are tuned on a seeded sample of the train split, never on dev, so the dev figures stay
honest; the fixed 0.5 threshold is reported beside the tuned one.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from credscore.errors import InputError
from training.evaluation.bootstrap import N_BOOT, SEED, as_dicts, binary_prf, bootstrap_mean, ratio
from training.evaluation.predictors import Predictor
from training.evaluation.spans import attribution_prf, span_prf, token_overlap_prf

logger = logging.getLogger("credscore.training")

TASKS = ("polnear", "checkthat", "conll_weasel", "szeged_factbank", "scu")
TUNE_ROWS = 2000
TUNE_SEED = 13
FIXED_THRESHOLD = 0.5
#: The split name of the half each sentence reading's fusion never saw (training.operating_points):
#: the shifted figure, printed beside the in-distribution dev figure.
HELD_OUT = "held-out half"
#: Appended to a split's name where its sentences were read inside their documents, as an article's
#: are (a model that reads sentences out of its window pass reads them differently alone).
IN_CONTEXT = ", in context"


def report_half(ds: Any, key: str) -> Any:
    """The rows of ``ds`` in the ``report`` half (by ``key``), which the shipped fusions were not fitted on."""
    from training.operating_points import half

    return ds.filter(lambda row: half(str(row[key])) == "report")


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
    f1 = ratio(2 * tp, y.sum() + n_pred)
    return float(thresholds[int(np.flatnonzero(f1 == f1.max())[0])])


def _subset(n: int, k: int | None, seed: int = TUNE_SEED) -> list[int]:
    """A sorted, seeded sample of ``k`` of ``range(n)`` (all of them when ``k`` is None or >= n)."""
    if k is None or k >= n:
        return list(range(n))
    return sorted(random.Random(seed).sample(range(n), k))


def in_context_scores(predictor: Predictor, task: str, texts: Sequence[str], documents: Sequence[Sequence[str]]) -> np.ndarray:
    """``task``'s score of each of ``texts`` read inside the first of ``documents`` (each a list of
    its sentences, in order) that holds it, or alone where none does; sentences match by
    :func:`training.data._norm`, which also matches CoNLL's PTB tokens to Szeged's text."""
    from training.data import _norm

    wanted = {_norm(t) for t in texts}
    documents = [d for d in documents if any(_norm(s) in wanted for s in d)]
    where: dict[str, float] = {}
    read = predictor.passage_scores([list(d) for d in documents])[task]
    for document, scores in zip(documents, read):
        for sentence, score in zip(document, scores):
            where.setdefault(_norm(sentence), score)
    alone = [i for i, t in enumerate(texts) if _norm(t) not in where]
    scores = np.array([where.get(_norm(t), 0.0) for t in texts], dtype=float)
    if alone:
        scores[alone] = predictor.sentence_scores([texts[i] for i in alone])[task]
    return scores


def _classify(
    predictor: Predictor, task: str, train: Any, devs: Mapping[str, Any], *, limit: int | None,
    groups_col: str | None = None, tune_rows: int = TUNE_ROWS, n_boot: int = N_BOOT, seed: int = SEED,
    documents: Sequence[Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Tune the threshold of one sentence score on a train sample, then P/R/F1 on each dev split;
    with ``documents``, also on each split read inside them (``<split>, in context``)."""
    rows = _subset(train.num_rows, min(tune_rows, limit) if limit else tune_rows)
    sample = train.select(rows)
    threshold = tune_threshold(predictor.sentence_scores(list(sample["text"]))[task], list(sample["label"]))
    out: dict[str, Any] = {
        "score": task, "threshold": threshold, "tuned_on": f"train, {len(rows):,} rows (seed {TUNE_SEED})"
    }
    readings = {"": lambda texts: np.asarray(predictor.sentence_scores(texts)[task], dtype=float)}
    if documents is not None:
        readings[IN_CONTEXT] = lambda texts: in_context_scores(predictor, task, texts, documents)
    for split, ds in devs.items():
        ds = ds.select(range(min(limit, ds.num_rows))) if limit else ds
        labels = list(ds["label"])
        groups = list(ds[groups_col]) if groups_col else None
        for suffix, reading in readings.items():
            scores = reading(list(ds["text"]))
            out[split + suffix] = {
                "rows": ds.num_rows,
                "positive": int(sum(labels)),
                "tuned": as_dicts(binary_prf(labels, scores >= threshold, groups=groups, n_boot=n_boot, seed=seed)),
                "at_0.5": as_dicts(binary_prf(labels, scores >= FIXED_THRESHOLD, groups=groups, n_boot=n_boot, seed=seed)),
            }
    return out


def szeged_documents(data_dir: str | Path | None, part: str, split: str = "dev") -> list[list[str]]:
    """The sentences of each Szeged document of one split, in order (their dev carve: :func:`training.data.load_szeged`)."""
    from training.data import load_szeged

    ds = load_szeged(data_dir, part)[split]  # type: ignore[arg-type]
    documents: dict[str, list[str]] = {}
    for doc_id, text in zip(ds["doc_id"], ds["text"]):
        documents.setdefault(doc_id, []).append(text)
    return list(documents.values())


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
        "exact": {k: as_dicts(v) for k, v in exact.items()},
        "overlap": {k: as_dicts(v) for k, v in overlap.items()},
    }


def evaluate_szeged(predictor: Predictor, data_dir: str | Path | None = None, *, limit: int | None = None,
                    tune_rows: int = TUNE_ROWS, n_boot: int = N_BOOT, seed: int = SEED) -> dict[str, Any]:
    """Szeged FactBank dev: sentence hedge P/R/F1 from ``hedge_score``, cue spans exact and by token."""
    from training.data import load_szeged

    sets = load_szeged(data_dir, "factbank")
    out = _classify(predictor, "hedge_score", sets["train"], {"dev": sets["dev"], HELD_OUT: report_half(sets["dev"], "doc_id")},
                    limit=limit, groups_col="doc_id", tune_rows=tune_rows, n_boot=n_boot, seed=seed,
                    documents=szeged_documents(data_dir, "factbank"))
    dev = sets["dev"].select(range(min(limit, sets["dev"].num_rows))) if limit else sets["dev"]
    gold = [[(c["start"], c["end"]) for c in cues] for cues in dev["cues"]]
    predicted = predictor.hedge_cues(list(dev["text"]))
    groups = list(dev["doc_id"])
    out["dev"]["documents"] = len(set(groups))
    out["dev"]["cues"] = sum(map(len, gold))
    out["dev"]["cue_exact"] = as_dicts(span_prf(gold, predicted, groups=groups, n_boot=n_boot, seed=seed))
    out["dev"]["cue_token"] = as_dicts(
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
    """Every dev metric of ``predictor`` as a nested JSON-able dict (see ``training.evaluate``).

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
                         limit=limit, tune_rows=tune_rows, documents=szeged_documents(data_dir, "wiki"), **kw)

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

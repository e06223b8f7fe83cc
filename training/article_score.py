"""Fit and validate the article score on independent judgements of whole articles.

    python -m training.article_score terms --out runs/article_terms.jsonl   # score the labelled articles
    python -m training.article_score fit runs/article_terms.jsonl --write   # fit, validate, ship the weights

``terms`` scores every article of ``../shared/data/article_labels`` with a scorer and keeps
each article's evidence terms (``components["terms"]``) beside its labels and the two trivial
references (share of sentences with a said-type verb, length in words). ``fit`` fits a logistic
model over the terms with the signs and the kind order SPEC §4 implies (more named sourcing never
lowers the score), then reports, for the fit and for both references in the same run:

- leave-one-publisher-out ROC AUC on BuzzFeed-Webis (each publisher scored by a fit without it):
  mainstream > hyperpartisan, and mostly true > mostly false within the hyperpartisan publishers;
- ROC AUC on Horne & Adali (real > fake) from a fit on BuzzFeed-Webis alone;
- 95% bootstrap intervals over articles.

The shipped weights are fitted on BuzzFeed-Webis alone; Horne & Adali is kept for an outside
check, because its fake stories quote named people as often as its real ones do, which pulls
every kind weight to zero when it is fitted on (training/EXPERIMENTS.md has the figures).
Targets are ordinal and soft: mainstream / real 1, hyperpartisan "mostly true" 0.5, "mixture"
0.25, "mostly false" / fake 0; "no factual content" is left out. The labels rate veracity and
outlet type, not sourcing: they are proxies, used only through claim-level evidence (no words,
no outlet identity, no length term).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from credscore.scoring import (
    ARTICLE_INTERCEPT,
    ARTICLE_PRIOR,
    ARTICLE_TERMS,
    LEAD_PARAGRAPHS,
    LEAD_WEIGHT,
    TERM_SIGNS,
    ClaimEvidence,
    article_terms,
    claim_weights,
)

SAID = re.compile(r"\b(?:said|says|say|told|tells|according to)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+|\n+")
TARGETS = {"mainstream": 1.0, "mostly true": 0.5, "mixture of true and false": 0.25, "mostly false": 0.0,
           "real": 1.0, "fake": 0.0}
PRIOR_STRENGTH = 0.003  # chosen on the per-fold figures (training/EXPERIMENTS.md)
BOOTSTRAP = 1000


def said_share(text: str) -> float:
    """The regex reference: the share of sentences with a said-type verb."""
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    return sum(bool(SAID.search(s)) for s in sentences) / max(1, len(sentences))


def target(row: dict[str, Any]) -> float | None:
    if row["set"] == "webis":
        return 1.0 if row["orientation"] == "mainstream" and row["veracity"] != "no factual content" else TARGETS.get(row["veracity"])
    return TARGETS.get(row["label"])


# -- scoring the labelled articles --------------------------------------------------------------


def evidence_rows(records: Sequence[dict[str, Any]], scorer: Any, batch: int = 16) -> Iterator[dict[str, Any]]:
    """Each labelled article annotated by ``scorer``: its claim evidence beside its labels and the references."""
    from credscore.scoring import claim_evidence

    for start in range(0, len(records), batch):
        chunk = records[start:start + batch]
        docs = scorer.annotate({"id": r["id"], "text": r["text"], "title": r["title"]} for r in chunk)
        for record, doc in zip(chunk, docs):
            claims = [s for s in doc.sentences if s.is_claim]
            row = {k: record[k] for k in ("id", "set", "publisher", "orientation", "veracity", "label")}
            row.update(evidence=[e.to_dict() for e in claim_evidence(doc, claims)], said_share=said_share(record["text"]),
                       words=len(record["text"].split()), model=scorer.model_info.name)
            yield row


def score_terms(out: Path, *, model: str | None, data_dir: str | None = None) -> int:
    """Annotate every labelled article and write its evidence row (:func:`evidence_rows`) to ``out``."""
    from credscore import Scorer
    from training.article_labels import all_records

    records = all_records(data_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for row in evidence_rows(records, Scorer(model=model).load()):
            handle.write(json.dumps(row) + "\n")
    return len(records)


def shipped_scores(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Each row's article score under the shipped article model (its lead setting, weights and level)."""
    from credscore.scoring import article_model

    model = article_model()
    scored = with_terms(rows, model.lead_paragraphs, model.lead_weight)
    X = np.array([[r["terms"][t] for t in ARTICLE_TERMS] for r in scored])
    return dict(zip((r["id"] for r in scored), predict(X, model.intercept, model.weights)))


def with_terms(rows: list[dict[str, Any]], lead_paragraphs: int = LEAD_PARAGRAPHS,
               lead_weight: float = LEAD_WEIGHT) -> list[dict[str, Any]]:
    """The rows with their ``terms`` computed from their claim evidence under one lead setting."""
    fields = set(ClaimEvidence.__dataclass_fields__)
    out = []
    for row in rows:
        evidence = [ClaimEvidence(**{k: v for k, v in e.items() if k in fields}) for e in row["evidence"]]
        out.append(dict(row, terms=article_terms(evidence, claim_weights(evidence, lead_paragraphs, lead_weight))))
    return out


# -- the monotone logistic fit ------------------------------------------------------------------


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, strength: float | None = None) -> tuple[float, dict[str, float]]:
    """Weighted soft-label logistic regression with the SPEC §4 signs as bounds (L-BFGS-B).

    The penalty pulls the weights towards the editor's prior (``ARTICLE_PRIOR``), not towards
    zero: where the labels are silent or pull both ways, the prior stands. The intercept is
    fitted alongside (the labels' base rate) and returned, but the shipped score keeps the
    editor's level (``ARTICLE_INTERCEPT``): see :func:`model_file`.
    """
    from scipy.optimize import minimize

    strength = PRIOR_STRENGTH if strength is None else strength
    Z = np.hstack([np.ones((len(X), 1)), X])
    bounds = [(None, None)] + [(0.0, None) if TERM_SIGNS[t] > 0 else (None, 0.0) for t in ARTICLE_TERMS]
    prior = np.concatenate([[ARTICLE_INTERCEPT], [ARTICLE_PRIOR[t] for t in ARTICLE_TERMS]])
    w = w / w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(Z @ theta)))
        eps = 1e-9
        gap = theta[1:] - prior[1:]
        value = -np.sum(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))) + strength * np.sum(gap ** 2)
        grad = Z.T @ (w * (p - y)) + np.concatenate([[0.0], 2 * strength * gap])
        return float(value), grad

    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B", bounds=bounds)
    return float(result.x[0]), {t: float(v) for t, v in zip(ARTICLE_TERMS, result.x[1:])}


def predict(X: np.ndarray, intercept: float, weights: dict[str, float]) -> np.ndarray:
    z = intercept + X @ np.array([weights[t] for t in ARTICLE_TERMS])
    return 1.0 / (1.0 + np.exp(-z))


def _balance(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """Each data set weighs the same in a fit, whatever its size."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["set"]] = counts.get(r["set"], 0) + 1
    return np.array([1.0 / counts[r["set"]] for r in rows])


def fit_rows(rows: Sequence[dict[str, Any]], strength: float | None = None) -> tuple[float, dict[str, float]]:
    X = np.array([[r["terms"][t] for t in ARTICLE_TERMS] for r in rows])
    y = np.array([target(r) for r in rows])
    return fit(X, y, _balance(rows), strength)


# -- validation ---------------------------------------------------------------------------------


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """ROC AUC as the probability that a positive outranks a negative (ties count one half)."""
    p, n = np.asarray(pos, float), np.asarray(neg, float)
    if not len(p) or not len(n):
        return float("nan")
    greater = (p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum()
    return float(greater / (len(p) * len(n)))


def auc_interval(pos: Sequence[float], neg: Sequence[float], seed: int = 0) -> tuple[float, float, float]:
    rng = np.random.default_rng(seed)
    p, n = np.asarray(pos, float), np.asarray(neg, float)
    draws = [auc(rng.choice(p, len(p)), rng.choice(n, len(n))) for _ in range(BOOTSTRAP)]
    return auc(p, n), float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5))


SPLITS = {
    "mainstream > hyperpartisan (Webis, leave one publisher out)":
        (lambda r: r["set"] == "webis" and r["veracity"] != "no factual content",
         lambda r: r["orientation"] == "mainstream"),
    "mostly true > mostly false within hyperpartisan (Webis, leave one publisher out)":
        (lambda r: r["set"] == "webis" and r["orientation"] != "mainstream" and r["veracity"] in ("mostly true", "mostly false"),
         lambda r: r["veracity"] == "mostly true"),
    "real > fake (Horne, fit on Webis only)":
        (lambda r: r["set"] == "horne", lambda r: r["label"] == "real"),
}


def held_out_scores(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Each article's score from a fit that never saw its publisher (Webis) or its data set (Horne)."""
    usable = [r for r in rows if target(r) is not None]
    scores: dict[str, float] = {}
    groups = {("webis", p) for r in usable if r["set"] == "webis" for p in [r["publisher"]]} | {("horne", "")}
    for dataset, publisher in sorted(groups):
        if dataset == "horne":
            train = [r for r in usable if r["set"] == "webis"]
            test = [r for r in rows if r["set"] == "horne"]
        else:
            train = [r for r in usable if r["set"] == "webis" and r["publisher"] != publisher]
            test = [r for r in rows if r["set"] == "webis" and r["publisher"] == publisher]
        if not test or not train:
            continue
        intercept, weights = fit_rows(train)
        X = np.array([[r["terms"][t] for t in ARTICLE_TERMS] for r in test])
        scores.update(zip((r["id"] for r in test), predict(X, ARTICLE_INTERCEPT, weights)))
    return scores


def prior_score(row: dict[str, Any]) -> float:
    """The score the editor's prior gives an article (``ARTICLE_PRIOR``), a reference no label touched."""
    x = np.array([row["terms"][t] for t in ARTICLE_TERMS])[None, :]
    return float(predict(x, ARTICLE_INTERCEPT, ARTICLE_PRIOR)[0])


def per_fold(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The same two Webis splits with each publisher's fold model scoring both sides.

    Pooling held-out scores (:func:`validate`) compares scores of different fits: the fit
    without abc never sees a mainstream article and scores everything low. Here each fold ranks
    its held-out publisher against the others with one fit (mean over folds), and mostly true >
    mostly false is counted inside each held-out hyperpartisan publisher alone.
    """
    usable = [r for r in rows if target(r) is not None and r["set"] == "webis"]
    webis = [r for r in rows if r["set"] == "webis" and r["veracity"] != "no factual content"]
    orientation, veracity = [], []
    for publisher in sorted({r["publisher"] for r in usable}):
        intercept, weights = fit_rows([r for r in usable if r["publisher"] != publisher])
        X = np.array([[r["terms"][t] for t in ARTICLE_TERMS] for r in webis])
        score = dict(zip((r["id"] for r in webis), predict(X, ARTICLE_INTERCEPT, weights)))
        main = [score[r["id"]] for r in webis if r["orientation"] == "mainstream"]
        hyper = [score[r["id"]] for r in webis if r["orientation"] != "mainstream"]
        orientation.append(auc(main, hyper))
        held = [r for r in webis if r["publisher"] == publisher and r["orientation"] != "mainstream"]
        true = [score[r["id"]] for r in held if r["veracity"] == "mostly true"]
        false = [score[r["id"]] for r in held if r["veracity"] == "mostly false"]
        if true and false:
            veracity.append(auc(true, false))
    return {"mainstream > hyperpartisan, mean over folds": float(np.mean(orientation)),
            "mostly true > mostly false inside each held-out hyperpartisan publisher": float(np.mean(veracity))}


STRENGTHS = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
ORIENTATION = "mainstream > hyperpartisan, mean over folds"


LEAD_GRID = tuple((paragraphs, weight) for paragraphs in (1, 2, 3) for weight in (1.0, 2.0, 4.0, 8.0))


def choose_lead(raw: list[dict[str, Any]], grid: Sequence[tuple[int, float]] = LEAD_GRID
                ) -> tuple[tuple[int, float], dict[tuple[int, float], dict[str, float]]]:
    """The lead setting with the best mean of the two per-fold Webis figures (at ``PRIOR_STRENGTH``)."""
    figures = {setting: per_fold(with_terms(raw, *setting)) for setting in grid}
    best = max(grid, key=lambda g: float(np.mean(list(figures[g].values()))))
    return best, figures


def choose_strength(rows: list[dict[str, Any]], grid: Sequence[float] = STRENGTHS, draws: int = 100,
                    seed: int = 0) -> tuple[float, dict[float, dict[str, float]], float]:
    """The prior strength by the one-standard-error rule on the per-fold figures.

    Each strength is scored by :func:`per_fold`; the standard error of the best one comes from
    ``draws`` bootstrap resamples of the articles; the chosen strength is the strongest whose
    mainstream > hyperpartisan figure is within one standard error of the best. The labels are
    proxies, so a weight leaves the editor's prior only where they clearly ask it to.
    """
    global PRIOR_STRENGTH
    kept = PRIOR_STRENGTH
    try:
        figures = {}
        for strength in grid:
            PRIOR_STRENGTH = strength
            figures[strength] = per_fold(rows)
        best = max(grid, key=lambda g: figures[g][ORIENTATION])
        PRIOR_STRENGTH = best
        rng = np.random.default_rng(seed)
        webis = [r for r in rows if r["set"] == "webis"]
        samples = []
        for _ in range(draws):
            picked = [dict(webis[i], id=f"{webis[i]['id']}#{k}") for k, i in enumerate(rng.integers(0, len(webis), len(webis)))]
            samples.append(per_fold(picked)[ORIENTATION])
        error = float(np.std(samples))
    finally:
        PRIOR_STRENGTH = kept
    chosen = max(g for g in grid if figures[g][ORIENTATION] >= figures[best][ORIENTATION] - error)
    return chosen, figures, error


def validate(rows: list[dict[str, Any]], fitted: dict[str, float]) -> dict[str, dict[str, tuple[float, float, float]]]:
    """AUC with intervals per split, for the held-out fitted scores (:func:`held_out_scores`) and the references."""
    readings = {
        "fitted article score": lambda r: fitted[r["id"]],
        "editor's prior, never fitted": lambda r: prior_score(r),
        "said-share (regex reference)": lambda r: r["said_share"],
        "length in words (reference)": lambda r: r["words"],
    }
    table: dict[str, dict[str, tuple[float, float, float]]] = {}
    for split, (member, positive) in SPLITS.items():
        chosen = [r for r in rows if member(r)]
        table[split] = {
            name: auc_interval([read(r) for r in chosen if positive(r)], [read(r) for r in chosen if not positive(r)])
            for name, read in readings.items()
        }
    return table


def reliability(rows: list[dict[str, Any]], scores: dict[str, float], bins: int = 5) -> list[tuple[float, float, float, int]]:
    """(bin low, mean score, mean target, count) of the held-out scores against the ordinal targets."""
    pairs = [(scores[r["id"]], target(r)) for r in rows if target(r) is not None and r["id"] in scores]
    out = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(s, t) for s, t in pairs if low <= s < high or (b == bins - 1 and s == 1.0)]
        if inside:
            out.append((low, float(np.mean([s for s, _ in inside])), float(np.mean([t for _, t in inside])), len(inside)))
    return out


def format_table(table: dict[str, dict[str, tuple[float, float, float]]]) -> str:
    lines = []
    for split, readings in table.items():
        lines.append(f"{split}")
        for name, (value, low, high) in readings.items():
            lines.append(f"  {name:<32} {value:.3f}  [{low:.3f}, {high:.3f}]")
    return "\n".join(lines)


def model_file(rows: list[dict[str, Any]], intercept: float, weights: dict[str, float], source: str) -> dict[str, Any]:
    """The shipped article model: the fitted weights at the editor's level (the fitted intercept is kept for the record)."""
    usable = [r for r in rows if target(r) is not None and r["set"] == "webis"]
    return {
        "intercept": ARTICLE_INTERCEPT,
        "fitted_intercept": round(intercept, 6),
        "prior_strength": PRIOR_STRENGTH,
        "weights": {t: round(weights[t], 6) for t in ARTICLE_TERMS},
        "fitted_on": f"{len(usable)} articles of ../shared/data/article_labels/buzzfeed_webis2016_dev (abc, "
                     f"occupy-democrats, freedom-daily), claim evidence from {source}; training/article_score.py",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.article_score", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    terms = sub.add_parser("terms", help="score the labelled articles and keep their terms")
    terms.add_argument("--out", type=Path, default=Path("runs/article_terms.jsonl"))
    terms.add_argument("--no-model", action="store_true", help="the feature-only scorer")
    terms.add_argument("--data-dir", default=None)
    fitting = sub.add_parser("fit", help="fit the weights, validate them, and (with --write) ship them")
    fitting.add_argument("terms_file", type=Path)
    fitting.add_argument("--write", action="store_true", help="write credscore/article_model.json")
    fitting.add_argument("--choose-lead", action="store_true",
                         help="choose how many lead paragraphs weigh more, and how much, on the per-fold figures")
    fitting.add_argument("--choose-strength", action="store_true",
                         help="choose the prior strength by the one-standard-error rule (else PRIOR_STRENGTH)")
    fitting.add_argument("--report", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.command == "terms":
        count = score_terms(args.out, model=None if args.no_model else "default", data_dir=args.data_dir)
        print(f"scored {count} articles → {args.out}")
        return 0
    raw = [json.loads(line) for line in args.terms_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    lead = (LEAD_PARAGRAPHS, LEAD_WEIGHT)
    if args.choose_lead:
        lead, figures = choose_lead(raw)
        for setting, figure in figures.items():
            print(f"lead paragraphs {setting[0]}, weight {setting[1]:<4} " + "  ".join(f"{k}: {v:.3f}" for k, v in figure.items()))
        print(f"→ lead paragraphs {lead[0]}, weight {lead[1]}")
    rows = with_terms(raw, *lead)
    global PRIOR_STRENGTH
    if args.choose_strength:
        chosen, figures, error = choose_strength(rows)
        for strength, figure in figures.items():
            print(f"prior strength {strength:<7} " + "  ".join(f"{k}: {v:.3f}" for k, v in figure.items()))
        print(f"one standard error {error:.3f} → prior strength {chosen}")
        PRIOR_STRENGTH = chosen
    held = held_out_scores(rows)
    table = validate(rows, held)
    print(format_table(table))
    folds = per_fold(rows)
    for name, value in folds.items():
        print(f"per fold: {name}: {value:.3f}")
    intercept, weights = fit_rows([r for r in rows if target(r) is not None and r["set"] == "webis"])
    print("weights fitted on all of BuzzFeed-Webis: intercept %.3f; %s" % (intercept, ", ".join(f"{t} {w:+.3f}" for t, w in weights.items())))
    curve = reliability(rows, held)
    print("reliability of held-out scores (bin, mean score, mean target, n):")
    for low, mean_score, mean_target, n in curve:
        print(f"  {low:.1f}  {mean_score:.3f}  {mean_target:.3f}  {n}")
    if args.report:
        args.report.write_text(json.dumps({"auc": table, "per_fold": folds, "intercept": intercept, "weights": weights,
                                           "reliability": curve}, indent=1) + "\n", encoding="utf-8")
    if args.write:
        path = Path(__file__).resolve().parents[1] / "credscore" / "article_model.json"
        source = rows[0].get("model", "?")
        path.write_text(json.dumps(dict(model_file(rows, intercept, weights, source), lead_paragraphs=lead[0],
                                        lead_weight=lead[1]), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

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
  overlaps of all quote pairs). The published references printed beside our figures (Citron on
  PARC 3.0 test: a different corpus and annotation conventions) are in
  :data:`training.evaluation.tables.REFERENCES`, as are those of the other sets.
* **CheckThat! 2024 dev and dev-test**: P/R/F1 of the positive (check-worthy) class from
  ``checkworthiness``; also on the ``held-out half`` of dev-test, the half the shipped fusion was
  not fitted on (:mod:`training.operating_points`; likewise for CoNLL dev and Szeged dev documents):
  dev is the in-distribution figure, the held-out half the shifted one.
* **CoNLL-2010 Wikipedia** (our carved dev, 731 sentences): P/R/F1 of the uncertain class from
  ``weasel_score``.
* **Szeged FactBank (news) dev** (172 sentences, 16 documents): sentence-level hedge P/R/F1
  from ``hedge_score``; cue spans, exact offsets and token overlap ("partial").
* **SCU sourcing benchmark** (22 articles): the official metric ported in :mod:`training.scu`
  (macro over articles, articles the official scorer crashes on left out): statement match rate,
  precision, type accuracy, name accuracy; intervals resample articles. Needs a predictor with
  ``score_articles`` (article results); it is skipped otherwise.

**Thresholds.** A sentence is positive when its score is ``>= threshold``. The threshold is
tuned (F1 of the positive class, ties to the higher threshold) on a seeded sample of the
*train* split (:data:`TUNE_ROWS` rows, ``random.Random(TUNE_SEED)``; all 2,198 Szeged FactBank train
sentences are 2,000 of them), never on dev, so the dev figures stay honest. The fixed 0.5
threshold is reported beside it (``at_0.5``).

**Intervals.** Percentile bootstrap, :data:`N_BOOT` resamples (``numpy.random.default_rng(SEED)``), of
*documents*: PolNeAR articles and Szeged documents (rows of one document are not independent),
CheckThat! and CoNLL sentences, SCU articles. Micro P/R/F1 are recomputed on each resample.

Figures (the feature-only baseline and every model, each with its command) are in
training/EXPERIMENTS.md and the model card; the shipped model's are in
``credscore/models/credscore-minilm/dev_metrics*.json``.

The code is in :mod:`training.evaluation`: predictors, spans, bootstrap, dev sets and tables, one
module each; this module is the command line and re-exports their names.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from credscore.errors import InputError, ModelLoadError
from credscore.model.checkpoint import RUNTIMES
from training.evaluation.bootstrap import N_BOOT, SEED, Estimate, binary_prf, bootstrap, bootstrap_mean, prf
from training.evaluation.dev_sets import (
    FIXED_THRESHOLD,
    HELD_OUT,
    TASKS,
    TUNE_ROWS,
    TUNE_SEED,
    evaluate,
    evaluate_polnear,
    evaluate_scu,
    evaluate_szeged,
    report_half,
    tune_threshold,
)
from training.evaluation.predictors import (
    SENTENCE_TASKS,
    FeaturePredictor,
    ModelPredictor,
    Predictor,
    SpanDecoderPredictor,
    attributions_from_result,
    model_predictor,
)
from training.evaluation.spans import (
    ROLES,
    Fragments,
    Span,
    attribution_counts,
    attribution_prf,
    fragments,
    span_prf,
    token_overlap_prf,
)
from training.evaluation.tables import REFERENCES, compare, estimates, format_report


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


__all__ = [
    "Estimate",
    "FIXED_THRESHOLD",
    "FeaturePredictor",
    "Fragments",
    "HELD_OUT",
    "ModelPredictor",
    "N_BOOT",
    "Predictor",
    "REFERENCES",
    "ROLES",
    "SEED",
    "SENTENCE_TASKS",
    "Span",
    "SpanDecoderPredictor",
    "TASKS",
    "TUNE_ROWS",
    "TUNE_SEED",
    "attribution_counts",
    "attribution_prf",
    "attributions_from_result",
    "binary_prf",
    "bootstrap",
    "bootstrap_mean",
    "compare",
    "estimates",
    "evaluate",
    "evaluate_polnear",
    "evaluate_scu",
    "evaluate_szeged",
    "format_report",
    "fragments",
    "model_predictor",
    "prf",
    "report_half",
    "span_prf",
    "token_overlap_prf",
    "tune_threshold",
]


if __name__ == "__main__":
    sys.exit(main())

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
    attributions_from_claims,
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
    "attributions_from_claims",
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

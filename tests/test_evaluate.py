"""The dev-set evaluator (training/evaluate.py and training/evaluation/): metrics, bootstrap, threshold tuning, smoke run."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from training import evaluate as ev
from training.data import DEFAULT_DATA_DIR

needs_data = pytest.mark.skipif(
    not DEFAULT_DATA_DIR.is_dir(),
    reason=f"research data not found at {DEFAULT_DATA_DIR} (shared/data beside the project)",
)


def values(est: dict) -> dict[str, float]:
    return {k: round(v.value, 6) for k, v in est.items()}


# ---------------------------------------------------------------- spans


def test_fragments_join_overlapping_touching_and_whitespace_separated():
    assert ev.fragments([[5, 9], [0, 4], [3, 5]]) == ((0, 9),)
    assert ev.fragments([(0, 2), (3, 5)]) == ((0, 2), (3, 5))
    assert ev.fragments([(0, 2), (3, 5)], "ab cd") == ((0, 5),)
    assert ev.fragments([(0, 2), (3, 5)], "ab,cd") == ((0, 2), (3, 5))
    assert ev.fragments([(4, 4)]) == ()


def test_span_prf_exact_match_is_perfect():
    gold = [[(0, 3), (5, 8)], [(2, 4)]]
    assert values(ev.span_prf(gold, gold, n_boot=50)) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_span_prf_one_missed_span_and_one_off_by_one():
    gold = [[(0, 3), (5, 8)]]
    assert values(ev.span_prf(gold, [[(0, 3)]], n_boot=50)) == {"precision": 1.0, "recall": 0.5, "f1": round(2 / 3, 6)}
    # an offset one character off is wrong both ways: exact offsets only
    assert values(ev.span_prf(gold, [[(0, 3), (5, 9)]], n_boot=50)) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_span_prf_compares_discontiguous_spans_as_sets_of_fragments():
    gold = [[[(10, 12), (0, 3)]]]  # one span in two fragments, listed out of order
    assert values(ev.span_prf(gold, [[[(0, 3), (10, 12)]]], n_boot=50))["f1"] == 1.0
    assert values(ev.span_prf(gold, [[[(0, 3)]]], n_boot=50))["f1"] == 0.0  # one fragment short
    assert values(ev.span_prf(gold, [[(0, 3), (10, 12)]], n_boot=50))["f1"] == 0.0  # two spans, not one


def test_span_prf_counts_no_predictions_as_zero_precision_not_an_error():
    assert values(ev.span_prf([[(0, 3)]], [[]], n_boot=50)) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_token_overlap_gives_partial_credit():
    offsets = [[[0, 3], [4, 7], [8, 12]]]  # "may not have"
    est = ev.token_overlap_prf([[(0, 7)]], [[(4, 12)]], offsets, n_boot=50)
    assert values(est) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


# ---------------------------------------------------------------- whole attributions (Citron)


def att(source, cue, content):
    return {"source": source, "cue": cue, "content": content}


GOLD_ROW = [att([[0, 5]], [[6, 10]], [[11, 30]]), att([], [[40, 44]], [[45, 60]])]


def test_attribution_all_parts_right():
    counts = ev.attribution_counts(GOLD_ROW, GOLD_ROW)
    assert counts == {part: (2, 2, 2, 2) for part in ("cue", "source", "content", "attribution")}


def test_attribution_is_whole_only_when_cue_source_and_content_all_match():
    pred = [att([[0, 5]], [[6, 10]], [[11, 29]]), att([], [[40, 44]], [[45, 60]])]  # first content one char short
    counts = ev.attribution_counts(GOLD_ROW, pred)
    assert counts["cue"] == (2, 2, 2, 2)
    assert counts["source"] == (2, 2, 2, 2)  # Citron: two empty source lists match
    assert counts["content"] == (1, 2, 1, 2)
    assert counts["attribution"] == (1, 2, 1, 2)


def test_source_and_content_need_only_an_overlapping_cue_but_whole_needs_the_exact_cue():
    pred = [att([[0, 5]], [[6, 12]], [[11, 30]])]  # cue too long, overlapping the gold cue
    counts = ev.attribution_counts(GOLD_ROW, pred)
    assert counts["cue"] == (0, 1, 0, 2)
    assert counts["source"] == (1, 1, 1, 2)
    assert counts["content"] == (1, 1, 1, 2)
    assert counts["attribution"] == (0, 1, 0, 2)
    elsewhere = [att([[0, 5]], [[20, 24]], [[11, 30]])]  # right source and content, cue not overlapping
    assert ev.attribution_counts(GOLD_ROW, elsewhere)["source"] == (0, 1, 0, 2)
    assert ev.attribution_counts(GOLD_ROW, elsewhere)["content"] == (0, 1, 0, 2)


def test_attribution_content_split_at_whitespace_matches_given_the_text():
    text = "Jones said: 'one.' 'two.'"
    gold = [att([[0, 5]], [[6, 10]], [[12, 18], [19, 25]])]
    pred = [att([[0, 5]], [[6, 10]], [[12, 25]])]
    assert ev.attribution_counts(gold, pred, text)["attribution"] == (1, 1, 1, 1)
    assert ev.attribution_counts(gold, pred)["attribution"] == (0, 1, 0, 1)


def test_attribution_prf_micro_averages_over_rows():
    gold = [GOLD_ROW, [att([[0, 3]], [[4, 8]], [[9, 20]])]]
    pred = [GOLD_ROW, []]
    est = ev.attribution_prf(gold, pred, n_boot=50)
    assert values(est["attribution"]) == {"precision": 1.0, "recall": round(2 / 3, 6), "f1": 0.8}


def test_attributions_from_result_reads_each_listed_attribution_with_its_content_fragments():
    text = "Smith said: 'Prices rose. Wages fell.' Jones said it rained."
    span = lambda s, e: SimpleNamespace(start=s, end=e, text=text[s:e])  # noqa: E731
    quote = SimpleNamespace(source=span(0, 5), cue=span(6, 10), content=(span(13, 25), span(26, 37)))
    rain = SimpleNamespace(source=span(39, 44), cue=span(45, 49), content=(span(50, 60),))
    out = ev.attributions_from_result(SimpleNamespace(attributions=(quote, rain)), text)
    assert out == [{"source": [[0, 5]], "cue": [[6, 10]], "content": [[13, 37]]},  # joined over the space
                   {"source": [[39, 44]], "cue": [[45, 49]], "content": [[50, 60]]}]


# ---------------------------------------------------------------- bootstrap, binary F1, thresholds


def test_bootstrap_interval_contains_the_point_estimate_and_is_deterministic_for_a_seed():
    rng = np.random.default_rng(5)
    gold = rng.integers(0, 2, 300)
    pred = np.where(rng.random(300) < 0.7, gold, 1 - gold)
    a = ev.binary_prf(gold, pred, seed=1)
    b = ev.binary_prf(gold, pred, seed=1)
    c = ev.binary_prf(gold, pred, seed=2)
    assert a == b
    assert a["f1"] != c["f1"] and a["f1"].value == c["f1"].value  # same point, other resamples
    for est in a.values():
        assert est.lo <= est.value <= est.hi
        assert 0 < est.hi - est.lo < 0.2


def test_bootstrap_resamples_whole_groups():
    counts = np.array([[1, 1, 1, 1], [0, 1, 0, 1], [1, 1, 1, 1], [0, 1, 0, 1]])
    grouped = ev.bootstrap(counts, groups=["a", "a", "b", "b"], n_boot=200)
    summed = ev.bootstrap(np.array([[1, 2, 1, 2], [1, 2, 1, 2]]), n_boot=200)
    assert grouped == summed  # each document is half right: every resample gives 0.5
    assert grouped["f1"] == ev.Estimate(0.5, 0.5, 0.5)


def test_bootstrap_mean_skips_undefined_values():
    est = ev.bootstrap_mean([1.0, None, 0.0, float("nan")], n_boot=200)
    assert est.value == 0.5 and 0.0 <= est.lo <= est.value <= est.hi <= 1.0


def test_binary_prf_positive_class_on_a_handmade_case():
    gold = [1, 1, 1, 0, 0, 0]
    pred = [1, 1, 0, 1, 0, 0]  # tp 2, fp 1, fn 1
    assert values(ev.binary_prf(gold, pred, n_boot=50)) == {k: round(2 / 3, 6) for k in ("precision", "recall", "f1")}
    # F1 is of the positive class only: all-negative predictions score 0, not the 50% accuracy
    assert ev.binary_prf(gold, [0] * 6, n_boot=50)["f1"].value == 0.0


def test_tune_threshold_picks_the_f1_maximising_threshold():
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]
    labels = [1, 0, 1, 1, 0, 0, 1, 0]
    best = ev.tune_threshold(scores, labels)
    f1 = lambda t: ev.binary_prf(labels, [s >= t for s in scores], n_boot=1)["f1"].value  # noqa: E731
    assert best == 0.6
    assert all(f1(best) >= f1(t) for t in scores + [0.0, 0.55, 1.0])


def test_tune_threshold_breaks_ties_towards_the_higher_threshold():
    assert ev.tune_threshold([0.9, 0.5, 0.5, 0.1], [1, 0, 0, 0]) == 0.9
    assert ev.tune_threshold([0.4, 0.4, 0.4], [1, 1, 0]) == 0.4


# ---------------------------------------------------------------- tables and the command line

BASE = {"predictor": "base", "t": {"dev": {"f1": {"value": 0.5, "lo": 0.4, "hi": 0.6},
                                           "precision": {"value": 0.7, "lo": 0.6, "hi": 0.8}}},
        "seconds": {"t": 1.0}}
CAND = {"predictor": "cand", "t": {"dev": {"f1": {"value": 0.65, "lo": 0.55, "hi": 0.75},
                                           "precision": {"value": 0.6, "lo": 0.5, "hi": 0.7}}}}


def test_format_report_lists_every_estimate_with_its_interval():
    report = ev.format_report(BASE)
    row = next(line for line in report.splitlines() if line.startswith("t dev"))
    assert "70.0 [60.0, 80.0]" in row and "50.0 [40.0, 60.0]" in row


def test_compare_marks_metrics_where_the_candidate_is_not_better():
    table = ev.compare(BASE, CAND)
    f1_row = next(line for line in table.splitlines() if line.startswith("t dev f1"))
    p_row = next(line for line in table.splitlines() if line.startswith("t dev precision"))
    assert "+15.0" in f1_row and not f1_row.endswith("<=")
    assert "-10.0" in p_row and p_row.endswith("<=")
    assert "1 of 2 metrics not better" in table


def test_main_without_a_model_predictor_exits_2_with_a_message(monkeypatch, capsys):
    def hook(path, runtime="torch"):
        raise NotImplementedError("not wired")

    monkeypatch.setattr(ev, "model_predictor", hook)
    assert ev.main(["--limit", "1"]) == 2
    assert "--no-model" in capsys.readouterr().err


def test_main_refuses_a_bad_limit():
    with pytest.raises(SystemExit) as exc:
        ev.main(["--no-model", "--limit", "0"])
    assert exc.value.code == 2


class ConstantPredictor:
    """Scores every sentence by its length; records which texts it was asked about."""

    name = "constant"

    def __init__(self):
        self.calls: list[list[str]] = []

    def sentence_scores(self, texts):
        self.calls.append(list(texts))
        return {task: [min(1.0, len(t) / 200) for t in texts] for task in ev.SENTENCE_TASKS}

    def attribution_spans(self, texts):
        return [[] for _ in texts]

    def hedge_cues(self, texts):
        return [[] for _ in texts]

    def passage_scores(self, passages):
        self.calls.append([t for p in passages for t in p])
        return {task: [[(i + 1) / 10 for i, _ in enumerate(p)] for p in passages] for task in ev.SENTENCE_TASKS}


def test_in_context_scores_read_each_text_inside_its_document_and_the_rest_alone():
    from training.evaluation.dev_sets import in_context_scores

    predictor = ConstantPredictor()
    documents = [["First sentence.", "Second -LRB-x-RRB- one."], ["Unrelated document."]]
    texts = ["Second (x) one.", "Not in any document.", "First sentence."]
    scores = in_context_scores(predictor, "hedge_score", texts, documents)
    assert scores.tolist() == [0.2, len(texts[1]) / 200, 0.1]  # CoNLL's PTB brackets match Szeged's text
    assert predictor.calls == [["First sentence.", "Second -LRB-x-RRB- one."], ["Not in any document."]]  # only documents that hold a text


@needs_data
def test_thresholds_are_tuned_on_train_rows_never_dev():
    from training.data import load_checkthat

    predictor = ConstantPredictor()
    results = ev.evaluate(predictor, tasks=["checkthat", "scu"], limit=30, n_boot=20)
    train = set(load_checkthat(None, "train")["text"])
    dev = set(load_checkthat(None, "dev")["text"]) | set(load_checkthat(None, "dev-test")["text"])
    tuning = predictor.calls[0]
    assert len(tuning) == 30 and set(tuning) <= train and not set(tuning) & dev
    assert set(predictor.calls[1]) <= dev
    assert "skipped" in results["scu"]  # no score_articles: no SCU figures rather than wrong ones


@needs_data
def test_smoke_feature_predictor_on_20_rows_of_every_set(scorer):
    results = ev.evaluate(ev.FeaturePredictor(scorer), limit=20)
    found = ev.estimates(results)
    for task in ev.TASKS:
        assert any(path[0] == task for path in found), f"no metric for {task}"
    assert results["polnear"]["rows"] == 20 and results["polnear"]["gold"] > 0
    for path, est in found.items():
        for key in ("value", "lo", "hi"):
            assert 0.0 <= est[key] <= 1.0, (path, est)
        assert est["lo"] <= est["hi"], (path, est)
    for part in (results["checkthat"], results["conll_weasel"], results["szeged_factbank"]):
        assert 0.0 <= part["threshold"] <= 1.0 and part["tuned_on"].startswith("train, 20 rows")
    assert not math.isnan(results["scu"]["macro"]["statement_match_rate"]["value"])


@needs_data
@pytest.mark.slow
def test_policy_sweep_scores_each_setting_of_the_attribution_policy(shipped_model_dir):
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    from training import policy_sweep

    table = policy_sweep.sweep("add", ["clausal", "none"], model=str(shipped_model_dir), limit=40)
    assert set(table) == {'"clausal"', '"none"'}
    clausal, none = table['"clausal"'], table['"none"']
    assert set(clausal) == {label for label, _ in policy_sweep.FIGURES}
    # adding the head's cues finds more of the gold attributions than adding none
    assert clausal["polnear cue recall"] >= none["polnear cue recall"]
    assert clausal["scu statement_match_rate"] >= none["scu statement_match_rate"]
    assert clausal != none
    assert "| polnear cue f1 |" in policy_sweep.format_table("add", table)

"""Same answers? Claim scores of two scorer settings on the dev sets, side by side.

    python benchmarks/parity.py --a cpu --b cuda [--model default|PATH] [--limit N] [--out FILE.json]

A setting is ``DEVICE`` or ``DEVICE/RUNTIME``: ``cpu`` (torch fp32: bf16 autocast is switched
off for it even on an AMX CPU), ``cpu-bf16`` (torch with CPU bf16 autocast), ``cuda[:N]`` (torch,
bf16 autocast), ``cpu/onnx-int8``. Inputs: the PolNeAR dev articles, scored end to end, and the
CheckThat! dev, CoNLL-2010 dev and Szeged FactBank dev sentences, scored as bare sentences.

Compared, claim by claim (claims paired by their character span): the sourcing score and the
three model probabilities (check-worthiness, hedge, weasel); per article: the article score.
Reported: max and p99 absolute difference, the share within ``--tolerance`` (0.02, issue 4), the
claims found by one setting only and the attributions whose kind differs. Exit status 1 when a
difference is over the tolerance. The data are research-only (see ``../shared/data``); this is a
measurement, not a test: it runs where a GPU is, and CI has none.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credscore import Scorer  # noqa: E402
from credscore.model.heads import CPU_BF16_ENV  # noqa: E402

FIELDS = ("score", "checkworthiness", "hedge_score", "weasel_score")


def build_scorer(setting: str, model: str) -> Scorer:
    """A loaded scorer for ``DEVICE[/RUNTIME]``; ``cpu`` means fp32, ``cpu-bf16`` bf16 autocast."""
    device, _, runtime = setting.partition("/")
    if device in ("cpu", "cpu-bf16"):
        os.environ[CPU_BF16_ENV] = "1" if device == "cpu-bf16" else "0"  # read when the heads load
        device = "cpu"
    return Scorer(model=model, device=device, runtime=runtime or "torch").load()


def dev_inputs(data_dir: str | None, limit: int | None) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """PolNeAR dev articles as records, and the sentence dev sets as lists of text."""
    from training import data as d

    articles = [{"id": a.article_id, "text": a.text} for a in d.polnear_articles(data_dir, "dev", limit=limit)]
    sentence_sets = {
        "checkthat_dev": d.load_checkthat(data_dir, "dev")["text"],
        "conll_weasel_dev": d.load_conll_weasel(data_dir)["dev"]["text"],
        "szeged_factbank_dev": d.load_szeged(data_dir, "factbank")["dev"]["text"],
    }
    if limit is not None:
        sentence_sets = {name: texts[:limit] for name, texts in sentence_sets.items()}
    return articles, sentence_sets


def run_setting(scorer: Scorer, articles: list[dict[str, str]], sentence_sets: dict[str, list[str]]) -> dict[str, Any]:
    """Every claim's figures, keyed by (input set, item, claim span); and each article's score."""
    claims: dict[tuple[str, str, int, int], dict[str, Any]] = {}
    article_scores: dict[str, float | None] = {}
    tic = time.perf_counter()
    for record, result in zip(articles, scorer.score_many(articles)):
        if not hasattr(result, "claims"):
            raise RuntimeError(f"PolNeAR dev article {record['id']} failed: {result}")
        article_scores[record["id"]] = result.score
        for claim in result.claims:
            claims[("polnear_dev", record["id"], claim.start, claim.end)] = _figures(claim)
    for name, texts in sentence_sets.items():
        for i, claim in enumerate(scorer.score_sentences(list(texts))):
            claims[(name, str(i), claim.start, claim.end)] = _figures(claim)
    return {"claims": claims, "articles": article_scores, "seconds": time.perf_counter() - tic}


def _figures(claim: Any) -> dict[str, Any]:
    return {**{f: float(getattr(claim, f)) for f in FIELDS}, "kind": claim.attribution.kind}


def compare(a: dict[str, Any], b: dict[str, Any], tolerance: float) -> dict[str, Any]:
    """Differences between two runs of :func:`run_setting`."""
    shared = sorted(set(a["claims"]) & set(b["claims"]))
    report: dict[str, Any] = {
        "claims_compared": len(shared),
        "claims_only_a": len(set(a["claims"]) - set(b["claims"])),
        "claims_only_b": len(set(b["claims"]) - set(a["claims"])),
        "kind_differs": sum(a["claims"][k]["kind"] != b["claims"][k]["kind"] for k in shared),
        "tolerance": tolerance,
        "fields": {},
    }
    worst_over = 0.0
    for field in FIELDS:
        diff = np.array([abs(a["claims"][k][field] - b["claims"][k][field]) for k in shared]) if shared else np.zeros(1)
        worst = int(diff.argmax())
        report["fields"][field] = {
            "max": round(float(diff.max()), 5), "p99": round(float(np.quantile(diff, 0.99)), 5),
            "mean": round(float(diff.mean()), 6), "within_tolerance": round(float((diff <= tolerance).mean()), 5),
            "worst_claim": list(shared[worst]) if shared else None,
        }
        worst_over = max(worst_over, float(diff.max()))
    both = [k for k in a["articles"] if a["articles"][k] is not None and b["articles"].get(k) is not None]
    article_diff = np.array([abs(a["articles"][k] - b["articles"][k]) for k in both]) if both else np.zeros(1)
    report["article_score"] = {"articles": len(both), "max": round(float(article_diff.max()), 5),
                               "mean": round(float(article_diff.mean()), 6)}
    report["passes"] = worst_over <= tolerance and not report["claims_only_a"] and not report["claims_only_b"]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", default="cpu", help="reference setting (default: cpu, i.e. torch fp32)")
    parser.add_argument("--b", default="cuda", help="setting compared with it (default: cuda, bf16)")
    parser.add_argument("--model", default="default")
    parser.add_argument("--data-dir", default=None, help="../shared/data by default")
    parser.add_argument("--limit", type=int, default=None, help="at most N articles and N sentences per set")
    parser.add_argument("--tolerance", type=float, default=0.02)
    parser.add_argument("--out", default=None, help="write the report as JSON here")
    args = parser.parse_args(argv)

    articles, sentence_sets = dev_inputs(args.data_dir, args.limit)
    runs = {}
    for label, setting in (("a", args.a), ("b", args.b)):
        runs[label] = run_setting(build_scorer(setting, args.model), articles, sentence_sets)
    report = {"a": args.a, "b": args.b, "model": args.model, "articles": len(articles),
              "sentences": {k: len(v) for k, v in sentence_sets.items()},
              "seconds": {label: round(run["seconds"], 1) for label, run in runs.items()},
              **compare(runs["a"], runs["b"], args.tolerance)}
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0 if report["passes"] else 1


if __name__ == "__main__":
    sys.exit(main())

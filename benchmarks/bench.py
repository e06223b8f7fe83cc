"""Throughput and latency of credscore against two baselines on the same model, in one run.

    python benchmarks/bench.py [--articles 200] [--device cpu] [--model default|PATH] [--out FILE.json]

Inputs: the first N BBC News articles from ``../shared/data/bbc_news`` (sorted paths) plus the five
seeds. Measured, on the same inputs and the same encoder:

- ``pipeline_b1``: a transformers ``pipeline("text-classification")`` over the base encoder with a
  fresh (random) head, called once per sentence, fp32: the naive baseline;
- ``pipeline_b32``: the same pipeline given every sentence at once with ``batch_size=32``;
- ``credscore_model``: credscore's model stage alone (``ModelHeads.predict``, torch) on the same sentences;
- ``credscore_e2e``: ``Scorer(model=..., runtime="torch").score_many`` end to end (intake, parse,
  features, model, scores);
- on a CPU run, with onnxruntime installed: the same two rows for ``runtime="onnx"`` (ONNX Runtime
  fp32, the default CPU runtime: suffix ``_onnx``) and ``runtime="onnx-int8"`` (suffix ``_int8``),
  their files built into a temporary cache first, not timed;
- ``credscore_features``: ``Scorer(model=None).score_many``, the feature-only path;
- with ``--workers N`` (N > 1): ``credscore_e2e{,_onnx,_int8}_wN`` (``Scorer(workers=N)``: whole
  batches in N processes, the cores split between them; their start-up is not timed).

Sentences for the baselines and the model stage are credscore's own (spaCy) sentences, so every
row sees the same text. Reported: tokens/s (wordpieces of those sentences), articles/s, p50/p95
latency per article (per-article calls for the end-to-end rows), peak RSS, and each row's ratio to
``pipeline_b32``. Timings are wall clock on whatever machine runs this; compare rows, not machines.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
#: row-name suffix of each runtime (torch rows keep the plain names of earlier runs)
SUFFIX = {"torch": "", "onnx": "_onnx", "onnx-int8": "_int8"}
DATA = ROOT.parent / "shared"


def load_articles(n: int) -> list[tuple[str, str]]:
    paths = sorted(glob.glob(str(DATA / "data" / "bbc_news" / "*" / "*.txt")))[:n]
    seeds = sorted(glob.glob(str(DATA / "seeds" / "*.txt")))
    out = []
    for p in paths + seeds:
        raw = Path(p).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        out.append((Path(p).stem, text))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model", default="default")
    parser.add_argument("--latency-sample", type=int, default=40, help="articles timed one by one for p50/p95")
    parser.add_argument("--skip-b1", action="store_true", help="skip the slow batch-1 pipeline baseline")
    parser.add_argument("--workers", type=int, default=1, help="also time the end-to-end rows in this many processes")
    parser.add_argument("--no-onnx", action="store_true", help="skip the ONNX Runtime rows (fp32 and int8)")
    parser.add_argument("--out")
    args = parser.parse_args(argv)

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

    from credscore import Scorer
    from credscore.model.base import check_base_model
    from credscore.model.heads import ModelHeads
    from credscore.model.locate import resolve_model_dir

    articles = load_articles(args.articles)
    texts = [t for _, t in articles]
    features = Scorer(model=None).load()
    sentences_by_article = [[c.text for c in r.claims] for r in features.score_many(texts)]  # warm-up too
    sentences = [s for group in sentences_by_article for s in group]
    base = str(check_base_model())
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    n_tokens = sum(len(ids) for ids in tokenizer(sentences, truncation=True, max_length=128)["input_ids"])
    rows: dict[str, dict[str, float]] = {}

    def record(name: str, seconds: float, latencies: list[float] | None = None) -> None:
        rows[name] = {
            "seconds": round(seconds, 3),
            "tokens_per_s": round(n_tokens / seconds, 1),
            "articles_per_s": round(len(texts) / seconds, 2),
            "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(1000 * statistics.quantiles(latencies, n=20)[18], 1) if latencies and len(latencies) >= 20 else None,
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        print(f"{name:20s} {rows[name]}", file=sys.stderr)

    classifier = AutoModelForSequenceClassification.from_pretrained(base, local_files_only=True, num_labels=2)
    device = 0 if args.device.startswith("cuda") else -1
    pipe = pipeline("text-classification", model=classifier, tokenizer=tokenizer, device=device)
    pipe(sentences[:8])
    if not args.skip_b1:
        _, seconds = timed(lambda: [pipe(s) for s in sentences])
        record("pipeline_b1", seconds)
    _, seconds = timed(lambda: pipe(sentences, batch_size=32))
    record("pipeline_b32", seconds)

    runtimes = ["torch"]
    if args.device == "cpu" and not args.no_onnx and importlib.util.find_spec("onnxruntime") is not None:
        import tempfile

        os.environ["CREDSCORE_CACHE"] = tempfile.mkdtemp(prefix="credscore-bench-")  # files built untimed below
        runtimes += ["onnx", "onnx-int8"]
    for runtime in runtimes:
        suffix = SUFFIX[runtime]
        heads = ModelHeads(resolve_model_dir(args.model), device=args.device, runtime=runtime)  # builds ONNX files
        heads.predict(sentences[:64])
        _, seconds = timed(heads.predict, sentences)
        record(f"credscore_model{suffix}", seconds)
        scorer = Scorer(model=args.model, device=args.device, runtime=runtime).load()
        list(scorer.score_many(texts[:8]))
        _, seconds = timed(lambda: list(scorer.score_many(texts)))
        latencies = [timed(scorer.score, t)[1] for t in texts[: args.latency_sample]]
        record(f"credscore_e2e{suffix}", seconds, latencies)

    _, seconds = timed(lambda: list(features.score_many(texts)))
    latencies = [timed(features.score, t)[1] for t in texts[: args.latency_sample]]
    record("credscore_features", seconds, latencies)

    if args.workers > 1:
        for runtime in runtimes:
            pooled = Scorer(model=args.model, device=args.device, runtime=runtime, workers=args.workers, batch_size=16)
            stream = pooled.score_many(texts + texts[:2 * 16 * args.workers])  # warm-up batches first
            for _ in range(2 * 16 * args.workers):
                next(stream)
            started = time.perf_counter()
            rest = list(stream)
            seconds = time.perf_counter() - started
            assert len(rest) == len(texts)
            record(f"credscore_e2e{SUFFIX[runtime]}_w{args.workers}", seconds)

    reference = rows["pipeline_b32"]["articles_per_s"]
    for row in rows.values():
        row["ratio_vs_pipeline_b32"] = round(row["articles_per_s"] / reference, 2)
    report = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "torch": torch.__version__,
                    "threads": torch.get_num_threads(), "device": args.device,
                    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None},
        "inputs": {"articles": len(texts), "sentences": len(sentences), "wordpieces": n_tokens},
        "rows": rows,
    }
    print(f"\n{'row':20s} {'tokens/s':>10s} {'articles/s':>10s} {'p50 ms':>8s} {'p95 ms':>8s} {'RSS MB':>8s} {'x b32':>6s}")
    for name, r in rows.items():
        print(f"{name:20s} {r['tokens_per_s']:10.0f} {r['articles_per_s']:10.2f} {str(r['p50_ms']):>8s} "
              f"{str(r['p95_ms']):>8s} {r['peak_rss_mb']:8.0f} {r['ratio_vs_pipeline_b32']:6.2f}")
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

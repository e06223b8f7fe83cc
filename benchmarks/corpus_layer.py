"""The corpus layer alone on already-scored articles: articles/s, peak memory, growth with size.

The five seeds are scored once (feature-only); the corpus is then built of perturbed copies of
them: every copy has a share of its words swapped for others of the same length (offsets hold),
its own id, outlet and a date spread over a year, so stories form inside the time window as in a
real feed. Only signatures and the corpus layer are timed, not the scoring, in CPU seconds of this
process (time.process_time), so a busy shared machine does not count against it; the peak memory
comes from a second, untimed build under tracemalloc::

    OMP_NUM_THREADS=1 python benchmarks/corpus_layer.py --sizes 10000,30000,100000
    OMP_NUM_THREADS=1 python benchmarks/corpus_layer.py --scale 0.05     # the same sizes, scaled down
"""

from __future__ import annotations

import argparse
import random
import re
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from credscore import Scorer
from credscore.corpus import build_layer
from credscore.corpus.signatures import signature
from credscore.corpus.stories import candidate_pairs

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
OUTLETS = ("The Mirror", "Daily Express", "MailOnline", "The Sun", "Yahoo News UK", "The Times", "Reuters")


def perturb(text: str, rng: random.Random, share: float) -> str:
    """Swap ``share`` of the words for other words of the same length from the text (offsets unchanged)."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    return re.sub(r"[A-Za-z]{3,}", lambda m: rng.choice(by_len[len(m.group())]) if rng.random() < share else m.group(), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this (e.g. 0.05 for a quick run)")
    parser.add_argument("--days", type=int, default=365, help="dates are spread over this many days")
    parser.add_argument("--per-day", type=float, default=0.0,
                        help="instead of --days: this many articles a day (a feed of constant density, days grow with size)")
    parser.add_argument("--perturb", type=float, default=0.15, help="share of words swapped in each copy")
    args = parser.parse_args()
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))}
    scored = {k: r for k, r in zip(texts, Scorer(model=None).score_many([{"id": k, "text": t} for k, t in texts.items()]))}
    print("| articles | signatures s | layer s | layer articles/s | all articles/s | layer peak MiB (tracemalloc) | stories | pairs compared |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    sizes, times = [], []
    for size in (max(10, int(int(s) * args.scale)) for s in args.sizes.split(",")):
        rng = random.Random(size)
        days = max(1, round(size / args.per_day)) if args.per_day else args.days
        t0 = time.process_time()
        sigs = []
        start = date(2023, 1, 1)
        for i in range(size):
            base = rng.choice(list(texts))
            sigs.append(signature(scored[base], perturb(texts[base], rng, args.perturb), position=i,
                                  outlet=rng.choice(OUTLETS), published=(start + timedelta(days=rng.randrange(days))).isoformat()))
            sigs[-1] = sigs[-1].__class__(**{**sigs[-1].__dict__, "id": f"{base}-{i}"})
        t1 = time.process_time()
        layer = build_layer(sigs)
        t2 = time.process_time()
        pairs = sum(1 for _ in candidate_pairs(sigs))
        tracemalloc.start()  # a second, untimed build: tracemalloc slows Python down several times
        build_layer(sigs)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        sizes.append(size)
        times.append(t2 - t1)
        print(f"| {size:,} | {t1 - t0:.1f} | {t2 - t1:.2f} | {size / (t2 - t1):,.0f} | {size / (t2 - t0):,.0f} | {peak:.0f} "
              f"| {len(layer.stories):,} | {pairs:,} |", flush=True)
    if len(sizes) > 1:
        import numpy as np

        slope = np.polyfit(np.log(sizes), np.log(times), 1)[0]
        print(f"\ngrowth exponent of the layer's time (least-squares slope of log time on log size): {slope:.2f}")

if __name__ == "__main__":
    main()

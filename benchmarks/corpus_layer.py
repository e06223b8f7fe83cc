"""The corpus layer alone on already-scored articles: articles/s, peak memory, growth with size.

The articles are real news: BBC News (``../shared/data/bbc_news``, sorted paths) and then
Reuters-21578 wires (``../shared/data/reuters21578``), up to ``--pool`` of them, scored once
(feature-only, two processes) and cached in ``--cache``. A corpus of n articles takes the first
min(n, pool) of them as they are and fills the rest with perturbed repeats of random pool articles:
a share of each repeat's words swapped for other words of the same length (offsets hold), so a
repeat is a near-copy of its original, as a syndicated or rewritten story is. Every article gets its
own id, an outlet and a date: a feed of ``--per-day`` articles a day, so the days grow with the corpus
as in a real feed and the 7-day window holds about the same number of articles at every size.

Timed, in CPU seconds of this process (``time.process_time``, so a busy machine does not count
against it): the signatures (the perturbing is done first and not timed), the corpus layer, and a
reference measured in the same run on the same sketches: datasketch's ``MinHashLSH`` inserting and
querying them with the layer's own band settings, the bare candidate search a user would otherwise
run. The layer's time is reported as a ratio to it. Peak memory is tracemalloc's over a second,
untimed build of the layer (tracemalloc slows Python down several times). With ``--ray-workers N``
the layer is also built as Ray Data maps (:mod:`credscore.corpus.distributed`, a local Ray cluster),
timed by the wall clock beside the local build's wall clock, and its stories checked equal::

    OMP_NUM_THREADS=1 python benchmarks/corpus_layer.py --sizes 10000,30000,100000 --out benchmarks/results/corpus-layer.json
    OMP_NUM_THREADS=1 python benchmarks/corpus_layer.py --sizes 500,1000 --pool 300     # a quick run
    OMP_NUM_THREADS=1 python benchmarks/corpus_layer.py --sizes 10000 --ray-workers 2 --no-memory   # and on Ray
"""

from __future__ import annotations

import argparse
import json
import pickle
import platform
import random
import re
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credscore.corpus import build_layer  # noqa: E402
from credscore.corpus.signatures import signature  # noqa: E402
from credscore.corpus.stories import KEYS_LSH, TEXT_LSH, candidate_pairs  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "bbc_news"
OUTLETS = ("BBC News", "The Mirror", "Daily Express", "MailOnline", "The Sun", "Yahoo News UK", "The Times", "Reuters")


def perturb(text: str, rng: random.Random, share: float) -> str:
    """Swap ``share`` of the words for other words of the same length from the text (offsets unchanged)."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    return re.sub(r"[A-Za-z]{3,}", lambda m: rng.choice(by_len[len(m.group())]) if rng.random() < share else m.group(), text)


def pool_items(size: int) -> list[dict[str, str]]:
    """The first ``size`` articles: BBC News in sorted path order, then Reuters-21578 wires."""
    from training.reuters import read_wires

    items = [{"id": f"bbc/{p.relative_to(BBC)}", "text": p.read_text(encoding="latin-1")}
             for p in sorted(BBC.glob("*/*.txt"))[:size]]
    if len(items) < size:
        wires = read_wires(files=22)
        items += [{"id": f"reuters/{w.newid}", "text": w.text} for w in list(wires.values())[: size - len(items)]]
    return items


def scored_pool(size: int, cache: Path) -> list[tuple[str, object]]:
    """(text its offsets index, feature-only result) for each pool article, cached between runs."""
    from credscore import Scorer
    from credscore.results import ArticleResult

    path = cache / f"corpus-pool-{size}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())  # our own cache, written below
    items = pool_items(size)
    print(f"scoring a pool of {len(items):,} articles once (feature-only) into {path} ...", file=sys.stderr, flush=True)
    pool = [((r.extracted_text or it["text"]), r)
            for r, it in Scorer(model=None, workers=2).score_many(((it, it) for it in items), as_tuples=True)
            if isinstance(r, ArticleResult)]
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(pool, protocol=pickle.HIGHEST_PROTOCOL))
    return pool


def lsh_reference(sigs: list) -> float:
    """CPU seconds for datasketch's MinHashLSH to insert and query every sketch (text and names), once."""
    from datasketch import MinHashLSH

    from credscore.corpus.signatures import NUM_PERM

    t0 = time.process_time()
    text, keys = MinHashLSH(num_perm=NUM_PERM, params=TEXT_LSH), MinHashLSH(num_perm=NUM_PERM, params=KEYS_LSH)
    for s in sigs:
        text.query(s.text_hash)
        keys.query(s.key_hash)
        text.insert(s.id, s.text_hash, check_duplication=False)
        keys.insert(s.id, s.key_hash, check_duplication=False)
    return time.process_time() - t0


def run_size(size: int, pool: list, args: argparse.Namespace) -> dict:
    rng = random.Random(size)
    days = max(1, round(size / args.per_day))
    start = date(2023, 1, 1)
    sigs, sig_time = [], 0.0
    for i in range(size):
        original = i < len(pool)
        text, result = pool[i if original else rng.randrange(len(pool))]
        if not original:
            text = perturb(text, rng, args.perturb)
        published = (start + timedelta(days=rng.randrange(days))).isoformat()
        t0 = time.process_time()
        s = signature(result, text, position=i, outlet=rng.choice(OUTLETS), published=published)
        sig_time += time.process_time() - t0
        sigs.append(s.__class__(**{**s.__dict__, "id": str(i)}))
    t1, wall = time.process_time(), time.perf_counter()
    layer = build_layer(sigs)
    layer_time, layer_wall = time.process_time() - t1, time.perf_counter() - wall
    ray_wall = None
    if args.ray_workers:
        from credscore.corpus.distributed import build_layer_on_ray

        wall = time.perf_counter()
        on_ray = build_layer_on_ray(sigs, workers=args.ray_workers)
        ray_wall = time.perf_counter() - wall
        if [s.to_dict() for s in on_ray.stories] != [s.to_dict() for s in layer.stories]:
            raise SystemExit(f"{size}: the layer on Ray differs from the local one")
    reference = lsh_reference(sigs)
    pairs = sum(1 for _ in candidate_pairs(sigs))
    peak = None
    if not args.no_memory:
        tracemalloc.start()
        build_layer(sigs)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    shared = [s for s in layer.stories if len(s.articles) > 1]
    return {"articles": size, "originals": min(size, len(pool)), "days": days, "signatures_s": sig_time,
            "layer_s": layer_time, "layer_wall_s": layer_wall, "ray_layer_wall_s": ray_wall,
            "layer_articles_per_s": size / layer_time,
            "all_articles_per_s": size / (layer_time + sig_time), "lsh_reference_s": reference,
            "layer_over_reference": layer_time / reference, "layer_peak_mib": peak, "stories": len(layer.stories),
            "stories_of_two_or_more": len(shared), "articles_in_them": sum(len(s.articles) for s in shared),
            "claim_groups": sum(len(s.claims) for s in layer.stories), "pairs_compared": pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--pool", type=int, default=10000, help="real articles scored (BBC first, then Reuters)")
    parser.add_argument("--per-day", type=float, default=300.0, help="articles a day in the feed (days grow with size)")
    parser.add_argument("--perturb", type=float, default=0.15, help="share of words swapped in each repeat")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "credscore-bench")
    parser.add_argument("--no-memory", action="store_true", help="skip the second, tracemalloc build")
    parser.add_argument("--ray-workers", type=int, default=0,
                        help="also build the layer on Ray (credscore.corpus.distributed) with this many workers: wall "
                             "clock beside the local build's, and the stories checked equal")
    parser.add_argument("--out", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    pool = scored_pool(args.pool, args.cache)
    print("| articles | signatures s | layer s | layer articles/s | signatures + layer articles/s | layer ÷ LSH reference "
          "| layer peak MiB | stories (≥ 2 articles) | pairs compared |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        r = run_size(size, pool, args)
        rows.append(r)
        peak = "–" if r["layer_peak_mib"] is None else f"{r['layer_peak_mib']:.0f}"
        print(f"| {size:,} | {r['signatures_s']:.1f} | {r['layer_s']:.1f} | {r['layer_articles_per_s']:,.0f} "
              f"| {r['all_articles_per_s']:,.0f} | {r['layer_over_reference']:.2f} | {peak} "
              f"| {r['stories']:,} ({r['stories_of_two_or_more']:,}) | {r['pairs_compared']:,} |", flush=True)
        if r["ray_layer_wall_s"] is not None:
            print(f"|   on Ray, {args.ray_workers} workers: wall {r['ray_layer_wall_s']:.1f} s against {r['layer_wall_s']:.1f} s "
                  f"in one process ({r['ray_layer_wall_s'] / r['layer_wall_s']:.2f}×), same stories |", flush=True)
    result = {"machine": {"python": platform.python_version(), "processor": platform.processor() or platform.machine()},
              "pool": len(pool), "per_day": args.per_day, "perturb": args.perturb, "rows": rows}
    if len(rows) > 1:
        import numpy as np

        sizes = [r["articles"] for r in rows]
        result["growth_exponent"] = float(np.polyfit(np.log(sizes), np.log([r["layer_s"] for r in rows]), 1)[0])
        print(f"\ngrowth exponent of the layer's time (least-squares slope of log time on log size): {result['growth_exponent']:.2f}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

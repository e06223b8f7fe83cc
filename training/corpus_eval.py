"""Precision, recall and F1 (bootstrap 95 % intervals) of the corpus layer's decisions on the
hand-labelled pairs in ``training/gold/`` (see its DATA_CARD.md):

- same story: ``copy`` or ``same_story`` vs ``unrelated`` (article_pairs.jsonl);
- copy or rewrite: ``copy`` vs the rest (article_pairs.jsonl);
- claim match: ``same`` vs ``different`` (claim_pairs.jsonl; the claims' own text, no scoring).

Articles are read from ../shared/data (Reuters-21578 by NEWID, BBC News by ``bbc/<folder>/<file>``)
and scored feature-only, so the run needs no model. ``--split`` picks the fixed dev or test part
(by story: see the data card); thresholds were set by hand, not fitted, so ``all`` is reported::

    OMP_NUM_THREADS=1 python -m training.corpus_eval [--split all|dev|test] [--cache /tmp/corpus_eval.pkl] [--no-embeddings]
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from pathlib import Path

from credscore.corpus.claims_match import claims_match
from credscore.corpus.signatures import assertions, signature
from credscore.corpus.stories import is_copy, pair_features, same_story
from training.reuters import read_wires

GOLD = Path(__file__).resolve().parent / "gold"
BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc_news"


def article_texts(ids: set[str]) -> dict[str, tuple[str, str | None]]:
    """``id -> (text, published)`` for Reuters NEWIDs and ``bbc/<folder>/<file>`` ids."""
    out: dict[str, tuple[str, str | None]] = {}
    reuters = {i for i in ids if not i.startswith("bbc/")}
    if reuters:
        wires = read_wires(3)
        out.update({i: (wires[i].text, wires[i].date) for i in reuters})
    for i in ids - reuters:
        out[i] = ((BBC / i[len("bbc/"):]).read_text(encoding="latin-1"), None)
    return out


def prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn, "n": len(gold)}


def bootstrap(pred: list[bool], gold: list[bool], *, rounds: int = 2000, seed: int = 0) -> dict[str, object]:
    """The point figures and 95 % percentile intervals over pairs resampled with replacement."""
    rng = random.Random(seed)
    point = prf(pred, gold)
    draws: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    n = len(gold)
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        m = prf([pred[i] for i in idx], [gold[i] for i in idx])
        for k in draws:
            if m[k] == m[k]:  # not NaN
                draws[k].append(m[k])
    out: dict[str, object] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in point.items()}
    for k, vals in draws.items():
        vals.sort()
        out[f"{k}_ci"] = [round(vals[int(0.025 * len(vals))], 3), round(vals[int(0.975 * len(vals)) - 1], 3)] if vals else None
    return out


def in_split(row: dict, split: str) -> bool:
    return split == "all" or row.get("split", "test") == split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD / "article_pairs.jsonl")
    parser.add_argument("--claims", type=Path, default=GOLD / "claim_pairs.jsonl")
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--cache", type=Path, help="keep the scored articles here between runs (a pickle; ours)")
    parser.add_argument("--wrong", action="store_true", help="list the pairs decided wrongly")
    parser.add_argument("--no-names", action="store_true", help="decide without the names rule (the figures before it)")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="decide without the openings' embeddings (as a feature-only corpus run does)")
    args = parser.parse_args()
    if args.no_names:
        import credscore.corpus.stories as stories

        stories.REQUIRE_NAMES = False
    rows = [r for r in (json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()) if in_split(r, args.split)]
    ids = {r[k] for r in rows for k in ("a", "b")}
    texts = article_texts(ids)
    results = pickle.loads(args.cache.read_bytes()) if args.cache and args.cache.exists() else {}
    todo = sorted(ids - set(results))
    if todo:
        from credscore import Scorer

        scorer = Scorer(model=None, allow_non_english=True)  # wire tables of figures can look non-English
        results.update(zip(todo, scorer.score_many([{"id": i, "text": texts[i][0]} for i in todo])))
        if args.cache:
            args.cache.write_bytes(pickle.dumps(results))
    failed = [i for i in ids if not hasattr(results[i], "claims")]
    if failed:
        raise SystemExit(f"could not score {failed}: {[results[i] for i in failed]}")
    sigs = {i: signature(results[i], texts[i][0], published=texts[i][1]) for i in ids}
    if not args.no_embeddings:  # as a corpus run with a model does: the base encoder embeds each opening
        from dataclasses import replace

        from credscore.corpus.embeddings import ArticleEmbedder

        order = sorted(ids)
        vectors = ArticleEmbedder().embed([texts[i][0] for i in order])
        sigs = {i: replace(sigs[i], embedding=v) for i, v in zip(order, vectors)}
    story_pred, story_gold, copy_pred, copy_gold, wrong = [], [], [], [], []
    for r in rows:
        f = pair_features(sigs[r["a"]], sigs[r["b"]])
        story_pred.append(same_story(f))
        story_gold.append(r["label"] != "unrelated")
        copy_pred.append(is_copy(f) and same_story(f))
        copy_gold.append(r["label"] == "copy")
        if story_pred[-1] != story_gold[-1] or copy_pred[-1] != copy_gold[-1]:
            wrong.append((r["pair"], r["a"], r["b"], r["label"], round(f.text_containment, 2), round(f.keys_jaccard, 2),
                          f.names_shared, f.claim_matches))
    report = {"split": args.split, "names_rule": not args.no_names, "embeddings": not args.no_embeddings, "same_story": bootstrap(story_pred, story_gold), "copy_or_rewrite": bootstrap(copy_pred, copy_gold)}
    if args.claims.exists():
        crows = [r for r in (json.loads(line) for line in args.claims.read_text().splitlines() if line.strip())
                 if in_split(r, args.split)]
        cpred = [claims_match(assertions(r["claim_a"]), assertions(r["claim_b"]))[0] for r in crows]
        report["claim_match"] = bootstrap(cpred, [r["label"] == "same" for r in crows])
        wrong += [("claim", r["pair"], r["label"], r["claim_a"][:90], r["claim_b"][:90]) for r, p in zip(crows, cpred)
                  if p != (r["label"] == "same")]
    print(json.dumps(report, indent=1))
    if args.wrong:
        for w in wrong:
            print("wrong:", *w)


if __name__ == "__main__":
    main()

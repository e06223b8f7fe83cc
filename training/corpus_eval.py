"""Precision and recall of the corpus layer's pair decisions on the hand-labelled pairs in
``training/gold/`` (see its DATA_CARD.md): same story (copy or same story vs unrelated) and
copy-or-rewrite (copy vs the rest). The articles are read from ../shared/data/reuters21578 and
scored feature-only, so the run needs no model::

    OMP_NUM_THREADS=1 python -m training.corpus_eval
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from credscore import Scorer
from credscore.corpus.signatures import signature
from credscore.corpus.stories import is_copy, pair_features, same_story
from training.reuters import read_wires

GOLD = Path(__file__).resolve().parent / "gold"


def prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
            "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"), "tp": tp, "fp": fp, "fn": fn,
            "n": len(gold)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD / "article_pairs.jsonl")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()]
    wires = read_wires(3)
    ids = sorted({r[k] for r in rows for k in ("a", "b")}, key=int)
    scorer = Scorer(model=None, allow_non_english=True)  # wire tables of figures can look non-English
    results = dict(zip(ids, scorer.score_many([{"id": i, "text": wires[i].text} for i in ids])))
    failed = [i for i, r in results.items() if not hasattr(r, "claims")]
    if failed:
        raise SystemExit(f"could not score {failed}: {[results[i] for i in failed]}")
    sigs = {i: signature(results[i], wires[i].text, published=wires[i].date) for i in ids}
    story_pred, story_gold, copy_pred, copy_gold, wrong = [], [], [], [], []
    for r in rows:
        f = pair_features(sigs[r["a"]], sigs[r["b"]])
        story_pred.append(same_story(f))
        story_gold.append(r["label"] != "unrelated")
        copy_pred.append(is_copy(f) and same_story(f))
        copy_gold.append(r["label"] == "copy")
        if story_pred[-1] != story_gold[-1] or copy_pred[-1] != copy_gold[-1]:
            wrong.append((r["pair"], r["label"], round(f.text_containment, 2), round(f.keys_jaccard, 2), f.claim_matches))
    print(json.dumps({"same_story": prf(story_pred, story_gold), "copy_or_rewrite": prf(copy_pred, copy_gold)}, indent=1))
    for w in wrong:
        print("wrong: pair %s gold %s containment %s keys %s claim matches %s" % w)


if __name__ == "__main__":
    main()

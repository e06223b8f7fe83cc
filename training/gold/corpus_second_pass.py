"""The second, independent labelling pass over the corpus-layer gold pairs (DATA_CARD.md).

``show`` samples a fixed fifth of each set (seed 41) and prints only the texts, never the first
labels, so the second pass is made blind; ``agree`` reads the second labels
(corpus_second_pass.jsonl: ``{"set", "pair", "label"}``) and prints raw agreement and Cohen's
kappa per set::

    python -m training.gold.corpus_second_pass show article|claim
    python -m training.gold.corpus_second_pass agree
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent
SETS = {"article": GOLD / "article_pairs.jsonl", "claim": GOLD / "claim_pairs.jsonl"}


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in SETS[name].read_text().splitlines() if line.strip()]


def sample(name: str) -> list[int]:
    pairs = [r["pair"] for r in rows(name)]
    return sorted(random.Random(41).sample(pairs, len(pairs) // 5))


def kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / n / n
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def show(name: str) -> None:
    from training.corpus_eval import article_texts
    from training.reuters import read_wires

    ids = set(sample(name))
    todo = [r for r in rows(name) if r["pair"] in ids]
    if name == "claim":
        for r in todo:
            print(f"[{r['pair']}] A: {r['claim_a']}\n     B: {r['claim_b']}")
        return
    texts = article_texts({r[k] for r in todo for k in ("a", "b")})
    wires = read_wires(3)

    def head(i: str) -> str:
        t = texts[i][0]
        title, body = (t.strip().partition("\n")[::2]) if i.startswith("bbc/") else (wires[i].title, t)
        return title.strip()[:80] + " || " + re.sub(r"\s+", " ", body.strip())[:260]

    for r in todo:
        print(f"[{r['pair']}] A: {head(r['a'])}\n     B: {head(r['b'])}")


def agree() -> None:
    second = [json.loads(line) for line in (GOLD / "corpus_second_pass.jsonl").read_text().splitlines() if line.strip()]
    for name in SETS:
        first = {r["pair"]: r["label"] for r in rows(name)}
        got = [(first[s["pair"]], s["label"]) for s in second if s["set"] == name]
        if not got:
            continue
        a, b = [x for x, _ in got], [y for _, y in got]
        po = sum(x == y for x, y in got) / len(got)
        print(json.dumps({"set": name, "n": len(got), "agreement": round(po, 3), "kappa": round(kappa(a, b), 3),
                          "disagreements": [(s["pair"], first[s["pair"]], s["label"]) for s in second
                                            if s["set"] == name and first[s["pair"]] != s["label"]]}))


if __name__ == "__main__":
    {"show": lambda: show(sys.argv[2]), "agree": agree}[sys.argv[1]]()

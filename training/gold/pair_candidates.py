"""Candidate article pairs for labelling (training/gold/DATA_CARD.md says how they were used).

BBC News: pairs of articles in one folder that share at least two rare names (names in 2-8
articles of the 2,225), ranked by word-set Jaccard and drawn from three bands; Reuters-21578:
same-day pairs from the first three files not yet in article_pairs.jsonl, drawn from Jaccard
bands. Seed 23. Prints one JSON line per candidate (ids only; the texts stay in ../shared)::

    python -m training.gold.pair_candidates > /tmp/candidates.jsonl
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from credscore.corpus.signatures import salient_names
from training.corpus_eval import BBC
from training.reuters import read_wires

GOLD = Path(__file__).resolve().parent


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def bbc_candidates(rng: random.Random) -> list[dict]:
    docs = {f"bbc/{p.parent.name}/{p.name}": p.read_text(encoding="latin-1") for p in sorted(BBC.glob("*/*.txt"))}
    names = {i: salient_names(t) for i, t in docs.items()}
    df = Counter(n for ns in names.values() for n in ns)
    by_name = defaultdict(list)
    for i, ns in names.items():
        for n in ns:
            if 2 <= df[n] <= 8:
                by_name[n].append(i)
    shared = Counter()
    for ids in by_name.values():
        for a, b in combinations(sorted(ids), 2):
            if a.split("/")[1] == b.split("/")[1]:
                shared[(a, b)] += 1
    scored = []
    for (a, b), k in shared.items():
        if k >= 2:
            wa, wb = words(docs[a]), words(docs[b])
            scored.append((len(wa & wb) / len(wa | wb), a, b))
    bands = [(0.5, 1.01, 25), (0.2, 0.5, 45), (0.0, 0.2, 30)]
    out = []
    for lo, hi, k in bands:
        pool = [s for s in scored if lo <= s[0] < hi]
        for j, a, b in rng.sample(sorted(pool), min(k, len(pool))):
            out.append({"a": a, "b": b, "jaccard": round(j, 3)})
    return out


def reuters_candidates(rng: random.Random, taken: set[frozenset[str]]) -> list[dict]:
    wires = read_wires(3)
    by_day = defaultdict(list)
    for w in wires.values():
        by_day[w.date].append(w)
    scored = []
    for ws in by_day.values():
        ws_words = [(w, words(w.title + " " + w.text)) for w in ws]
        for (x, wx), (y, wy) in combinations(ws_words, 2):
            if frozenset((x.newid, y.newid)) not in taken:
                j = len(wx & wy) / len(wx | wy)
                if j >= 0.2:
                    scored.append((j, x.newid, y.newid))
    out = []
    for lo, hi, k in [(0.35, 1.01, 50), (0.2, 0.35, 30)]:
        pool = [s for s in scored if lo <= s[0] < hi]
        for j, a, b in rng.sample(sorted(pool), min(k, len(pool))):
            out.append({"a": a, "b": b, "jaccard": round(j, 3)})
    return out


def main() -> None:
    rng = random.Random(23)
    rows = [json.loads(line) for line in (GOLD / "article_pairs.jsonl").read_text().splitlines() if line.strip()]
    taken = {frozenset((r["a"], r["b"])) for r in rows}
    for c in bbc_candidates(rng) + reuters_candidates(rng, taken):
        print(json.dumps(c))


if __name__ == "__main__":
    main()

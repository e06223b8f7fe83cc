"""Agreement between the first labels and the independent second pass of source mentions.

    python training/gold/agreement.py [FIRST.jsonl] [SECOND.jsonl]

Defaults: ``source_mentions.jsonl`` (or its ``.standoff`` form) and ``source_mentions_second_pass.jsonl``
(or ``.standoff``) beside this file. Only ``id`` and ``kind`` are read. Prints rows compared, raw
agreement, Cohen's kappa and the confusion pairs (first -> second). Stdlib only.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _kinds(path: Path) -> dict[str, str]:
    if not path.exists() and path.with_suffix(".standoff.jsonl").exists():
        path = path.with_suffix(".standoff.jsonl")
    return {r["id"]: r["kind"] for r in map(json.loads, path.open(encoding="utf-8")) if r.get("kind")}


def cohen_kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    if n == 0:
        return float("nan")
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def agreement(first: dict[str, str], second: dict[str, str]) -> dict:
    ids = sorted(set(first) & set(second))
    a, b = [first[i] for i in ids], [second[i] for i in ids]
    return {"n": len(ids), "only_second": len(set(second) - set(first)),
            "raw": sum(x == y for x, y in zip(a, b)) / len(ids) if ids else float("nan"),
            "kappa": cohen_kappa(a, b),
            "confusions": Counter((x, y) for x, y in zip(a, b) if x != y).most_common()}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    first = Path(argv[0]) if argv else HERE / "source_mentions.jsonl"
    second = Path(argv[1]) if len(argv) > 1 else HERE / "source_mentions_second_pass.jsonl"
    r = agreement(_kinds(first), _kinds(second))
    print(f"rows compared {r['n']} (second-pass rows not in the first file: {r['only_second']})")
    print(f"raw agreement {r['raw']:.3f}  Cohen's kappa {r['kappa']:.3f}")
    for (x, y), c in r["confusions"]:
        print(f"  {c:4d}  {x} -> {y}")


if __name__ == "__main__":
    main()

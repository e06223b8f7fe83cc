"""Where the end-to-end CPU time goes: run under py-spy, then fold its stacks into pipeline stages.

    py-spy record --format raw --rate 100 -o stacks.txt -- python benchmarks/profile_e2e.py run [--articles 100] [--runtime torch]
    python benchmarks/profile_e2e.py fold stacks.txt

``fold`` charges each sampled stack to the first stage (in the order below) whose marker appears
in it, so nested calls are counted once; idle threads' samples are left out.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: stage → substrings of py-spy frames ("Class.function (file:line)") that mark it, in this order
STAGES = {
    "loading (imports, spaCy, model)": ("Scorer.load (", "_find_and_load ("),
    "encoder forward (torch / onnxruntime)": ("ModelHeads._forward (",),
    "tokenizer, batching": ("ModelHeads.predict (",),
    "model heads: spans, fusion, added attributions": ("ModelHeads.pipe (",),
    "spaCy parse (tok2vec, tagger, parser, ner)": ("Segmenter.pipe (", "Segmenter._segment ("),
    "attribution rules": ("AttributionTagger.",),
    "markers, quotes, entities, claims": ("run_components (",),
    "intake, boilerplate": ("Scorer._to_article (", "Scorer._document ("),
    "scoring, results": ("Scorer._result (",),
}
IDLE = ("wait (threading.py", "select (", "_worker (concurrent", "poll (")


def run(articles: int, runtime: str) -> None:
    from bench import load_articles

    from credscore import Scorer

    texts = [t for _, t in load_articles(articles)]
    scorer = Scorer(runtime=runtime, device="cpu").load()
    for _ in scorer.score_many(texts):
        pass


def fold(path: str) -> None:
    totals: Counter[str] = Counter()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or any(marker in stack for marker in IDLE):
            continue
        stage = next((name for name, marks in STAGES.items() if any(m in stack for m in marks)), "other")
        totals[stage] += int(count)
    whole = sum(totals.values())
    for stage, n in totals.most_common():
        print(f"{100 * n / whole:5.1f}%  {stage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--articles", type=int, default=100)
    r.add_argument("--runtime", default="torch")
    f = sub.add_parser("fold")
    f.add_argument("stacks")
    args = parser.parse_args()
    if args.command == "run":
        run(args.articles, args.runtime)
    else:
        fold(args.stacks)


if __name__ == "__main__":
    main()

"""Silver source-kind labels on PolNeAR's gold source spans, and their check against a gold sample.

PolNeAR marks sources but not their kind (SPEC §2). The feature module's classifier labels each
gold source span (silver); ``training/gold/source_kinds.csv`` holds a hand-reviewed sample,
labelled against ``training/SOURCE_KIND_GUIDELINES.md``. The file stores ids and offsets only:
the text stays in ``../shared/data``.

``python -m training.silver [--split dev] [--sample 60]`` prints silver/gold agreement, or with
``--draw`` writes a fresh sample to label.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

GOLD_FILE = Path(__file__).parent / "gold" / "source_kinds.csv"


def silver_sources(data_dir: str | None = None, split: str = "dev", limit: int | None = None) -> list[dict[str, Any]]:
    """Every gold PolNeAR source span of ``split`` with the feature module's kind for it."""
    from credscore.document import Document, TextSpan
    from credscore.features.attribution import AttributionTagger
    from credscore.features.source_kinds import person_words
    from credscore.segment import Segmenter
    from training import data as d

    rows = d.load_polnear(data_dir, split, limit=limit)
    segmenter = Segmenter().load()
    tagger = AttributionTagger()
    found = []
    for row in rows:
        doc = segmenter(Document(text=row["text"]))
        doc.person_words = person_words(doc)
        for k, attribution in enumerate(row["attributions"]):
            if not attribution["source"]:
                continue
            start, end = attribution["source"][0]
            sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
            if sentence is None or sentence.span is None:
                continue
            span = sentence.span.doc.char_span(start - sentence.offset, min(end, sentence.end) - sentence.offset, alignment_mode="expand")
            if span is None:
                continue
            kind = tagger.classify(doc, sentence, span.root, TextSpan.of(doc.text, start, end))
            found.append({"id": f"{row['id']}#{k}", "start": start, "end": end, "source": row["text"][start:end],
                          "sentence": sentence.text, "silver": kind})
    return found


def read_gold(path: Path = GOLD_FILE) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {r["id"]: r["gold"] for r in csv.DictReader(handle) if r.get("gold")}


def agreement(silver: list[dict[str, Any]], gold: dict[str, str]) -> dict[str, Any]:
    pairs = [(s["silver"], gold[s["id"]]) for s in silver if s["id"] in gold]
    agree = sum(a == b for a, b in pairs)
    return {"n": len(pairs), "agreement": agree / len(pairs) if pairs else None,
            "confusion": Counter(f"{a} -> {b}" for a, b in pairs if a != b).most_common()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.silver", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--draw", action="store_true", help="write a new sample (ids, offsets, silver) to label by hand")
    args = parser.parse_args(argv)
    silver = silver_sources(args.data, args.split)
    print(f"{len(silver)} sources; silver kinds: {dict(Counter(s['silver'] for s in silver).most_common())}")
    if args.draw:
        sample = random.Random(13).sample(silver, min(args.sample, len(silver)))
        GOLD_FILE.parent.mkdir(exist_ok=True)
        with open(GOLD_FILE, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["id", "start", "end", "silver", "gold"])
            writer.writeheader()
            for s in sample:
                writer.writerow({k: s[k] for k in ("id", "start", "end", "silver")} | {"gold": ""})
        for s in sample:
            print(f"{s['id']}\t{s['silver']}\t{s['source']!r}\t|| {s['sentence'][:160]!r}")
        return 0
    result = agreement(silver, read_gold())
    print(f"gold sample: {result['n']} sources; silver agrees on {result['agreement']:.1%}")
    for pair, count in result["confusion"]:
        print(f"  {count:3d}  {pair}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

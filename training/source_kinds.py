"""Source-kind accuracy on the hand-labelled source mentions (``training/gold/SOURCE_MENTIONS.md``).

    python -m training.source_mentions hydrate            # rebuild the rows' text from ../shared/data
    python -m training.source_kinds --split dev           # the shipped scorer's kinds against the gold kinds
    python -m training.source_kinds --split dev --no-model
    python -m training.source_kinds --gold training/gold/kind_challenge.jsonl --split all   # SPEC's borderline patterns

Each row's passage is annotated as an article; the predicted kind is that of the sentence
attribution that has the gold source (or, without one, the gold cue); a row with neither is
read off its longest sentence. The attributions no sentence takes (the outer speaker of a nested
pair, a second speaker in a sentence: ``Document.other_attributions``) count after the sentences'.
A gold source the scorer attributes nothing to counts as
``unattributed``. Prints accuracy, macro-F1 with a bootstrap interval, the confusion matrix,
and the accuracy per error class of issue 12.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

KINDS = ("named_person", "named_organization", "document", "media", "anonymous_specific", "anonymous_vague", "unattributed")
GOLD = Path(__file__).resolve().parent / "gold" / "source_mentions.jsonl"


def load_rows(path: Path = GOLD, split: str | None = None) -> list[dict[str, Any]]:
    if not path.exists():
        raise SystemExit(f"{path} is missing: run `python -m training.source_mentions hydrate` first")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split in (None, "all") or r["split"] == split]


def _overlaps(span: Any, gold: dict[str, int] | None) -> bool:
    return span is not None and gold is not None and span.start < gold["end"] and gold["start"] < span.end


def matched_attribution(doc: Any, row: dict[str, Any]) -> Any:
    """The scorer's attribution that answers for the row (see the module docstring), or ``None``.

    Every sentence of the annotated document counts, claim or not, and then the attributions no
    sentence took: this measures typing, not the claim filter.
    """
    attributed = [(s, s.attribution) for s in doc.sentences if s.attribution is not None]
    attributed += [(None, o.attribution) for o in doc.other_attributions]  # the article's others, after the claims'
    for key in ("source", "cue"):
        if row.get(key) is not None:
            hit = next((a for _, a in attributed if _overlaps(getattr(a, key), row[key])), None)
            if hit is None and key == "source":  # a pronoun's attribution may carry its antecedent's span
                hit = next((a for _, a in attributed if _overlaps(a.cue, row.get("cue"))), None)
            if hit is not None:
                return hit
    if row.get("source") is None and row.get("cue") is None and doc.sentences:
        return max(doc.sentences, key=lambda s: s.end - s.start).attribution
    return None


def predicted_kind(doc: Any, row: dict[str, Any]) -> str:
    """The kind the scorer gives the row's attribution; ``unattributed`` where it has none."""
    hit = matched_attribution(doc, row)
    return hit.kind if hit is not None else "unattributed"


def predict(rows: Sequence[dict[str, Any]], scorer: Any, batch: int = 32) -> list[str]:
    out: list[str] = []
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        docs = scorer.annotate({"id": r["id"], "text": r["text"]} for r in chunk)
        out.extend(predicted_kind(doc, row) for doc, row in zip(docs, chunk))
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    scores = []
    for kind in KINDS:
        tp = sum(g == p == kind for g, p in zip(gold, pred))
        fp = sum(p == kind != g for g, p in zip(gold, pred))
        fn = sum(g == kind != p for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores))


def report(rows: Sequence[dict[str, Any]], pred: Sequence[str], draws: int = 1000, seed: int = 0) -> dict[str, Any]:
    gold = [r["kind"] for r in rows]
    accuracy = float(np.mean([g == p for g, p in zip(gold, pred)]))
    rng = np.random.default_rng(seed)
    samples = [rng.integers(0, len(gold), len(gold)) for _ in range(draws)]
    acc_draws = [np.mean([gold[i] == pred[i] for i in s]) for s in samples]
    f1_draws = [macro_f1([gold[i] for i in s], [pred[i] for i in s]) for s in samples]
    by_class: dict[str, list[bool]] = {}
    for r, p in zip(rows, pred):
        by_class.setdefault(r.get("error_class") or "none", []).append(r["kind"] == p)
    return {
        "rows": len(gold),
        "accuracy": [accuracy, float(np.percentile(acc_draws, 2.5)), float(np.percentile(acc_draws, 97.5))],
        "macro_f1": [macro_f1(gold, pred), float(np.percentile(f1_draws, 2.5)), float(np.percentile(f1_draws, 97.5))],
        "confusion": {g: dict(Counter(p for gg, p in zip(gold, pred) if gg == g)) for g in KINDS},
        "by_error_class": {k: [float(np.mean(v)), len(v)] for k, v in sorted(by_class.items())},
    }


def format_report(figures: dict[str, Any]) -> str:
    acc, f1 = figures["accuracy"], figures["macro_f1"]
    lines = [f"rows {figures['rows']}: accuracy {acc[0]:.3f} [{acc[1]:.3f}, {acc[2]:.3f}], "
             f"macro-F1 {f1[0]:.3f} [{f1[1]:.3f}, {f1[2]:.3f}]",
             "confusion (gold → predicted):"]
    short = {k: k.replace("anonymous_", "anon_").replace("named_", "")[:12] for k in KINDS}
    lines.append(" " * 20 + "".join(f"{short[k]:>13}" for k in KINDS))
    for g in KINDS:
        lines.append(f"{short[g]:<20}" + "".join(f"{figures['confusion'][g].get(p, 0):>13}" for p in KINDS))
    lines.append("accuracy per error class: " + ", ".join(f"{k} {v[0]:.2f} (n={v[1]})" for k, v in figures["by_error_class"].items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.source_kinds", description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="rows to read (default: the source mentions)")
    parser.add_argument("--split", default="dev", choices=("dev", "train", "all", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                        help="a split of the rows (a, b: the challenge set's two parts; a–i: the US news parts)")
    parser.add_argument("--no-model", action="store_true")
    parser.add_argument("--model", default="default")
    parser.add_argument("--out", type=Path, default=None, help="also write the figures and predictions as JSON")
    args = parser.parse_args(argv)
    from credscore import Scorer

    rows = load_rows(args.gold, split=args.split)
    scorer = Scorer(model=None if args.no_model else args.model).load()
    pred = predict(rows, scorer)
    figures = report(rows, pred)
    print(f"{scorer.model_info.name} on the {args.split} split of {args.gold.name}")
    print(format_report(figures))
    if args.out:
        args.out.write_text(json.dumps({**figures, "predictions": dict(zip((r["id"] for r in rows), pred))}, indent=1) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

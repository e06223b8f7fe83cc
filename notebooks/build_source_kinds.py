"""Writes notebooks/source_kinds.ipynb from the cells below (so the notebook's source diffs as code).

    python notebooks/build_source_kinds.py
"""

from pathlib import Path

from notebook_cells import write

CELLS = [
    ("md", """# credscore: source kinds, error analysis on the hand-labelled source mentions

The dev split of `training/gold/source_mentions` (rebuilt from `../shared/data`), typed by the scorer now, against
the kinds the same scorer gave before the issue-12 typing changes (`training/gold/source_kinds_before.json`):
the confusion matrix before and after, the accuracy per error class, and the rows still wrong. `NOTEBOOK_LIMIT`
caps the rows (the test that executes this notebook sets it); `NOTEBOOK_MODEL=default` uses the shipped model."""),
    ("code", """import json, os
from collections import Counter
from pathlib import Path
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

from credscore import Scorer
from training import source_kinds as K
from training import source_mentions as M

LIMIT = int(os.environ["NOTEBOOK_LIMIT"]) if os.environ.get("NOTEBOOK_LIMIT") else None
MODEL = os.environ.get("NOTEBOOK_MODEL") or None
standoff = [json.loads(line) for line in (M.GOLD / "source_mentions.standoff.jsonl").read_text(encoding="utf-8").splitlines()]
rows = [M.hydrate_row(r, M.DEFAULT_DATA) for r in standoff if r["split"] == "dev"][:LIMIT]
scorer = Scorer(model=MODEL).load()
after = K.predict(rows, scorer)
before_all = json.loads((M.GOLD / "source_kinds_before.json").read_text(encoding="utf-8"))[scorer.model_info.name]
before = [before_all[r["id"]] for r in rows]
print(f"{len(rows)} dev rows, {scorer.model_info.name}")"""),
    ("md", "## Accuracy and macro-F1, before and after"),
    ("code", """for name, pred in (("before", before), ("after", after)):
    figures = K.report(rows, pred, draws=200)
    print(name)
    print(K.format_report(figures))
    print()"""),
    ("md", "## Confusion matrices (rows: gold kind, columns: predicted)"),
    ("code", """short = [k.replace("anonymous_", "anon_").replace("named_", "") for k in K.KINDS]
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
for ax, (name, pred) in zip(axes, (("before", before), ("after", after))):
    m = np.array([[sum(1 for r, p in zip(rows, pred) if r["kind"] == g and p == q) for q in K.KINDS] for g in K.KINDS])
    ax.imshow(m, cmap="Blues")
    for i in range(len(K.KINDS)):
        for j in range(len(K.KINDS)):
            ax.text(j, i, m[i, j], ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(K.KINDS)), short, rotation=45, ha="right")
    ax.set_yticks(range(len(K.KINDS)), short)
    ax.set_title(name)
fig.tight_layout()"""),
    ("md", "## What is still wrong: the commonest confusions, with examples"),
    ("code", """pairs = Counter((r["kind"], p) for r, p in zip(rows, after) if r["kind"] != p)
for (gold, pred), n in pairs.most_common(5):
    print(f"{gold} → {pred}: {n}")
    for r, p in zip(rows, after):
        if (r["kind"], p) == (gold, pred):
            source = r["source"]["text"] if r["source"] else None
            print(f"    source {source!r}: {r['text'][:110]!r}")
            break"""),
]


if __name__ == "__main__":
    write(CELLS, Path(__file__).with_name("source_kinds.ipynb"))

"""Writes notebooks/article_score.ipynb from the cells below (so the notebook's source diffs as code).

    python notebooks/build_article_score.py
"""

from pathlib import Path

from notebook_cells import write

CELLS = [
    ("md", """# credscore: the article score against independent judgements of whole articles

Scores the labelled articles of `../shared/data/article_labels` (or `$CREDSCORE_DATA/article_labels`), shows the
score's distribution per label, the AUCs beside the two trivial references (share of sentences with a said-type
verb, length), and the reliability of the held-out scores. `NOTEBOOK_LIMIT` caps the articles per label (the test
that executes this notebook sets it); `NOTEBOOK_MODEL=default` scores with the shipped model instead of the
feature-only scorer. Figures for the whole set and the shipped model are in `training/EXPERIMENTS.md`."""),
    ("code", """import os
from collections import defaultdict
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

from credscore import Scorer
from training import article_score as A
from training.article_labels import all_records

LIMIT = int(os.environ["NOTEBOOK_LIMIT"]) if os.environ.get("NOTEBOOK_LIMIT") else None
DATA = os.environ.get("CREDSCORE_DATA")
MODEL = os.environ.get("NOTEBOOK_MODEL") or None
records, per_label = [], defaultdict(int)
for r in all_records(DATA):
    key = (r["set"], r["orientation"], r["label"])
    if LIMIT is None or per_label[key] < LIMIT:
        per_label[key] += 1
        records.append(r)
scorer = Scorer(model=MODEL).load()
rows = list(A.evidence_rows(records, scorer))
print(f"{len(rows)} articles scored with {scorer.model_info.name}")"""),
    ("md", "## The shipped score per label"),
    ("code", """scores = A.shipped_scores(rows)
groups = defaultdict(list)
for r in rows:
    name = f"Webis {r['orientation']} / {r['veracity']}" if r["set"] == "webis" else f"Horne {r['label']}"
    groups[name].append(scores[r["id"]])
fig, ax = plt.subplots(figsize=(8, 4))
names = sorted(groups)
ax.boxplot([groups[n] for n in names], vert=False)
ax.set_yticks(range(1, len(names) + 1), names)
ax.set_xlabel("article score")
fig.tight_layout()
for n in names:
    print(f"{n:<45} n={len(groups[n]):>3}  median {np.median(groups[n]):.2f}")"""),
    ("md", "## AUC beside the references (same articles, same run), and the reliability of held-out scores"),
    ("code", """from credscore.scoring import article_model

shipped = article_model()
terms = A.with_terms(rows, shipped.lead_paragraphs, shipped.lead_weight)
held = A.held_out_scores(terms)
table = A.validate(terms, held)
print(A.format_table(table))
curve = A.reliability(terms, held)
print("reliability (bin, mean score, mean target, n):")
for low, mean_score, mean_target, n in curve:
    print(f"  {low:.1f}  {mean_score:.3f}  {mean_target:.3f}  {n}")
fig, ax = plt.subplots(figsize=(4, 4))
ax.plot([0, 1], [0, 1], ls="--", c="grey")
ax.plot([c[1] for c in curve], [c[2] for c in curve], marker="o")
ax.set_xlabel("held-out score"); ax.set_ylabel("mean ordinal target"); ax.set_title("reliability")
fig.tight_layout()"""),
]


if __name__ == "__main__":
    write(CELLS, Path(__file__).with_name("article_score.ipynb"))

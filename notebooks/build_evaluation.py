"""Writes notebooks/evaluation.ipynb from the cells below (so the notebook's source diffs as code).

    python notebooks/build_evaluation.py
"""

from pathlib import Path

from notebook_cells import write

CELLS = [
    ("md", """# credscore: evaluation and error analysis of the shipped model

Runs top to bottom on the model in `credscore/models/credscore-minilm` (or `$CREDSCORE_MODEL`) and the dev splits
in `../shared/data` (or `$CREDSCORE_DATA`). `NOTEBOOK_LIMIT` caps rows per set for a quick run
(the test that executes this notebook sets it)."""),
    ("code", """import os, json
from pathlib import Path
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from credscore import Scorer
from credscore.model.heads import ModelHeads
from credscore.model.locate import resolve_model_dir
from training import data as d

LIMIT = int(os.environ["NOTEBOOK_LIMIT"]) if os.environ.get("NOTEBOOK_LIMIT") else None
DATA = os.environ.get("CREDSCORE_DATA")
MODEL_DIR = resolve_model_dir(os.environ.get("CREDSCORE_MODEL", "default"))
heads = ModelHeads(MODEL_DIR, device="cpu")
rules = Scorer(model=None).load()
print("model:", MODEL_DIR, heads.config.name, heads.config.version)"""),
    ("md", "## Sentence heads on dev: model, rules, and the fused reading"),
    ("code", """def take(ds):
    n = len(ds) if LIMIT is None else min(LIMIT, len(ds))
    return [ds[i]["text"] for i in range(n)], np.array([int(ds[i]["label"]) for i in range(n)])

szeged = [d.load_szeged(DATA, p)["dev"] for p in ("factbank", "wiki")]
sets = {
    "checkworthy": take(d.load_checkthat(DATA, "dev")),
    "hedge (Szeged FactBank news)": take(szeged[0]),
    "weasel": take(d.load_conll_weasel(DATA)["dev"]),
}
task_of = {"checkworthy": "checkworthy", "hedge (Szeged FactBank news)": "hedge", "weasel": "weasel"}
rule_of = {"checkworthy": "checkworthiness", "hedge": "hedge_score", "weasel": "weasel_score"}
rows, outputs = [], {}
for name, (texts, y) in sets.items():
    task = task_of[name]
    preds = heads.predict(texts)
    rule = np.array([getattr(c, rule_of[task]) for c in rules.score_sentences(texts)])
    model_p = np.array([1 / (1 + np.exp(-p.logits[task])) for p in preds])
    fused = np.array([heads.fused(task, p.logits[task], r) for p, r in zip(preds, rule)])
    outputs[name] = (texts, y, rule, model_p, fused)
    for label, p in (("rules", rule), ("model", model_p), ("fused", fused)):
        rows.append((name, label, len(y), f1_score(y, p >= 0.5, zero_division=0)))
print(f"{'set':32} {'reader':6} {'n':>5} {'F1@0.5':>7}")
for r in rows:
    print(f"{r[0]:32} {r[1]:6} {r[2]:5d} {r[3]:7.3f}")"""),
    ("md", "## Confusion matrices (fused reading, threshold 0.5)"),
    ("code", """fig, axes = plt.subplots(1, len(outputs), figsize=(4 * len(outputs), 3.5))
for ax, (name, (texts, y, rule, model_p, fused)) in zip(np.atleast_1d(axes), outputs.items()):
    cm = confusion_matrix(y, fused >= 0.5, labels=[0, 1])
    ax.imshow(cm, cmap="Blues")
    for (i, j), v in np.ndenumerate(cm):
        ax.text(j, i, str(v), ha="center", va="center")
    ax.set_title(name, fontsize=9); ax.set_xlabel("predicted"); ax.set_ylabel("gold")
    ax.set_xticks([0, 1]); ax.set_yticks([0, 1])
    print(name, cm.tolist())
plt.tight_layout(); plt.show()"""),
    ("md", "## Calibration: predicted probability against observed rate (10 bins)"),
    ("code", """def curve(p, y, bins=10):
    edges = np.linspace(0, 1, bins + 1); xs, ys = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & (p <= hi if hi == 1 else p < hi)
        if m.any():
            xs.append(p[m].mean()); ys.append(y[m].mean())
    return xs, ys

fig, axes = plt.subplots(1, len(outputs), figsize=(4 * len(outputs), 3.5))
for ax, (name, (texts, y, rule, model_p, fused)) in zip(np.atleast_1d(axes), outputs.items()):
    ax.plot([0, 1], [0, 1], "k:", lw=1)
    for label, p in (("rules", rule), ("model", model_p), ("fused", fused)):
        ax.plot(*curve(p, y), marker="o", label=label)
        print(name, label, "Brier", round(float(np.mean((p - y) ** 2)), 4))
    ax.set_title(name, fontsize=9); ax.legend(fontsize=7)
plt.tight_layout(); plt.show()"""),
    ("md", "## Attribution tags on PolNeAR dev: token-level confusion"),
    ("code", """import bisect
pol = d.load_polnear(DATA, "dev", limit=LIMIT if LIMIT else None)
labels = ["O", "SOURCE", "CUE", "CONTENT"]
gold_tags, pred_tags = [], []
for row in pol:
    pred = heads.predict([row["text"]])[0].attribution  # truncated at max_length wordpieces
    starts = [a for a, _ in row["token_offsets"]]
    predicted = ["O"] * len(starts)
    for label, spans in pred.items():
        for a, b in spans:
            for k in range(bisect.bisect_left(starts, a), len(starts)):
                if starts[k] >= b: break
                predicted[k] = label
    covered = max((b for spans in pred.values() for _, b in spans), default=0)
    for (a, _), tag, p in zip(row["token_offsets"], row["tags"], predicted):
        if a <= covered:
            gold_tags.append(tag[2:] if tag != "O" else "O"); pred_tags.append(p)
cm = confusion_matrix(gold_tags, pred_tags, labels=labels)
print("rows: gold, columns: predicted", labels)
print(cm)
p, r, f, _ = precision_recall_fscore_support(gold_tags, pred_tags, labels=labels[1:], zero_division=0)
for lab, pp, rr, ff in zip(labels[1:], p, r, f):
    print(f"{lab:8} P {pp:.3f} R {rr:.3f} F1 {ff:.3f}")"""),
    ("md", "## The worst errors, with their text"),
    ("code", """for name, (texts, y, rule, model_p, fused) in outputs.items():
    order = np.argsort(-np.abs(fused - y))[:5]
    print(f"--- {name}: most confident mistakes (gold, fused, rule)")
    for i in order:
        print(f"  gold={y[i]} fused={fused[i]:.2f} rule={rule[i]:.2f}  {texts[i][:150]!r}")"""),
    ("md", """## Reading these numbers

Dev is also where the fusion was fitted (3 parameters and an isotonic map per reading), so fused
dev figures are slightly optimistic; CheckThat! dev-test and the SCU benchmark are not used for
fitting anything. `python -m training.evaluate` gives every metric with bootstrap intervals."""),
]


if __name__ == "__main__":
    write(CELLS, Path(__file__).with_name("evaluation.ipynb"))

"""The evaluator's printed tables: every estimate in percent with its interval, beside the
published reference figures, and a side-by-side comparison of two results with deltas.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from training.evaluation.dev_sets import TASKS

#: Published figures to read ours against: (metric path, value, what it is).
REFERENCES: dict[tuple[str, ...], tuple[float, str]] = {
    ("polnear", "exact", "cue", "f1"): (0.823, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "source", "f1"): (0.820, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "content", "f1"): (0.593, "Citron, PARC 3.0 test"),
    ("polnear", "exact", "attribution", "f1"): (0.567, "Citron, PARC 3.0 test"),
    ("checkthat", "dev-test", "tuned", "f1"): (0.599, "CT24 n-gram baseline, dev-test; top system ~0.80 on test"),
    ("conll_weasel", "dev", "tuned", "f1"): (0.602, "best CoNLL-2010 system, official test"),
    ("scu", "macro", "statement_match_rate"): (0.8366, "best LLM (Gemini 2.5 Pro)"),
    ("scu", "macro", "type_accuracy"): (0.88, "LLMs: 0.88-0.93"),
}


def _is_estimate(x: Any) -> bool:
    return isinstance(x, Mapping) and set(x) == {"value", "lo", "hi"}


def estimates(results: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], dict[str, float]]:
    """Every estimate in ``results`` by its key path, in order."""
    out: dict[tuple[str, ...], dict[str, float]] = {}
    for key, value in results.items():
        if _is_estimate(value):
            out[prefix + (key,)] = value
        elif isinstance(value, Mapping):
            out.update(estimates(value, prefix + (key,)))
    return out


def _pct(x: float | None) -> str:
    return "   -" if x is None or not math.isfinite(x) else f"{100 * x:5.1f}"


def _cell(e: Mapping[str, float] | None) -> str:
    if e is None:
        return ""
    return f"{_pct(e['value'])} [{_pct(e['lo']).strip()}, {_pct(e['hi']).strip()}]"


_PRF = ("precision", "recall", "f1")


def format_report(results: Mapping[str, Any]) -> str:
    """A fixed-width table of every estimate (percent, with its 95% interval), P/R/F1 side by side."""
    rows: dict[tuple[str, ...], dict[str, Mapping[str, float]]] = {}
    for path, est in estimates({k: v for k, v in results.items() if k not in ("config", "seconds")}).items():
        head, last = (path[:-1], path[-1]) if path[-1] in _PRF else (path, "value")
        rows.setdefault(head, {})[last] = est
    width = max([len(" ".join(h)) for h in rows] + [24])
    cols = ("precision", "recall", "f1 / value")
    lines = [f"{results.get('predictor', '?')}: dev metrics, % with bootstrap 95% intervals",
             f"{'metric':<{width}}  " + "  ".join(f"{c:<19}" for c in cols) + "  reference"]
    lines.append("-" * len(lines[-1]))
    for head, cells in rows.items():
        main_cell = cells.get("f1") or cells.get("value")
        ref_key = head + ("f1",) if "f1" in cells else head
        ref = REFERENCES.get(ref_key)
        line = f"{' '.join(head):<{width}}  " + "  ".join(
            f"{_cell(c):<19}" for c in (cells.get("precision"), cells.get("recall"), main_cell)
        )
        lines.append((line + (f"  {100 * ref[0]:.1f} {ref[1]}" if ref else "")).rstrip())
    notes = []
    for task in TASKS:
        part = results.get(task)
        if isinstance(part, Mapping) and "skipped" in part:
            notes.append(f"{task}: skipped ({part['skipped']})")
        elif isinstance(part, Mapping) and "threshold" in part:
            notes.append(f"{task}: threshold {part['threshold']:.4g} on {part['score']}, tuned on {part['tuned_on']}")
    scu_part = results.get("scu")
    if isinstance(scu_part, Mapping) and scu_part.get("dropped_articles"):
        dropped = ", ".join(scu_part["dropped_articles"])
        notes.append(f"scu: articles left out as upstream (the official scorer crashes on them): {dropped}")
    if results.get("seconds"):
        notes.append("seconds: " + ", ".join(f"{k} {v}" for k, v in results["seconds"].items()))
    return "\n".join(lines + [""] + notes)


def compare(baseline: Mapping[str, Any], candidate: Mapping[str, Any]) -> str:
    """Side-by-side table of the estimates both results have, with the candidate's delta.

    ``<=`` marks a metric where the candidate is not better; ``~`` one where it is better but
    inside the baseline's 95% interval.
    """
    a, b = estimates(baseline), estimates(candidate)
    paths = [p for p in a if p in b]
    width = max([len(" ".join(p)) for p in paths] + [24])
    lines = [f"{'metric':<{width}}  {'baseline':<19}  {'candidate':<19}  {'delta':>6}",
             f"{'':<{width}}  {str(baseline.get('predictor', '')):<19.19}  {str(candidate.get('predictor', '')):<19.19}"]
    lines.append("-" * max(map(len, lines)))
    worse = 0
    for p in paths:
        x, y = a[p], b[p]
        delta = y["value"] - x["value"]
        if not math.isfinite(delta) or delta <= 0:
            mark, worse = "<=", worse + 1
        elif x["lo"] <= y["value"] <= x["hi"]:
            mark = "~"
        else:
            mark = ""
        lines.append(f"{' '.join(p):<{width}}  {_cell(x):<19}  {_cell(y):<19}  {100 * delta:+6.1f} {mark}".rstrip())
    lines += ["", f"{worse} of {len(paths)} metrics not better (<=); ~ better but inside the baseline's interval"]
    return "\n".join(lines)

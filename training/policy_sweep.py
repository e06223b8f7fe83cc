"""Sweep the tagging head's attribution policy on dev: how each setting moves PolNeAR and SCU.

The policy (``credscore_model.json``, ``attribution``) decides which tagged cues the rules
missed become attributions (``add``, ``add_above``) and which rule cues the head overrules
(``veto``, ``veto_below``). This loads the model once and re-scores PolNeAR dev and the SCU
articles for every setting of one field, printing the point figures the choice is made on
(the intervals come from ``training.evaluate`` on the setting that is kept).

``python -m training.policy_sweep --field add_above --values 0,0.5,0.7,0.9 [--model DIR]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from training.evaluate import estimates, evaluate_polnear, evaluate_scu, model_predictor

#: the figures a policy moves (PolNeAR exact, SCU macro), as (label, path into the results)
FIGURES = (
    *((f"polnear {part} {m}", ("polnear", "exact", part, m))
      for part in ("cue", "source", "content", "attribution") for m in ("precision", "recall", "f1")),
    *((f"polnear overlap {role} {m}", ("polnear", "overlap", role, m))
      for role in ("cue", "source", "content") for m in ("precision", "recall", "f1")),
    *((f"scu {m}", ("scu", "macro", m)) for m in ("statement_match_rate", "match_precision", "type_accuracy",
                                                   "name_accuracy")),
)


def _value(value: str) -> Any:
    """``"0.5"`` → 0.5, ``"true"`` → True, anything else stays a string (``"clausal"``)."""
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def figures(results: dict[str, Any]) -> dict[str, float]:
    """The point value of each of FIGURES in an evaluation result."""
    found = estimates(results)
    return {label: float(found[path]["value"]) for label, path in FIGURES}


def sweep(field: str, values: Sequence[Any], *, model: str | None = None, data_dir: str | None = None,
          limit: int | None = None) -> dict[str, dict[str, float]]:
    """Figures per value of ``field`` (the rest of the model's policy unchanged)."""
    predictor = model_predictor(model)
    policy = predictor.heads.config.attribution
    original = dict(policy)
    out = {}
    try:
        for value in values:
            policy.clear()
            policy.update({**original, field: value})
            results = {"polnear": evaluate_polnear(predictor, data_dir, limit=limit, n_boot=1),
                       "scu": evaluate_scu(predictor, data_dir, limit=limit, n_boot=1)}
            out[json.dumps(value)] = figures(results)
            print(f"{field}={json.dumps(value)} done", file=sys.stderr, flush=True)
    finally:
        policy.clear()
        policy.update(original)
    return out


def format_table(field: str, table: dict[str, dict[str, float]]) -> str:
    values = list(table)
    lines = [f"| figure | {' | '.join(f'{field}={v}' for v in values)} |", "|---" * (len(values) + 1) + "|"]
    for label, _ in FIGURES:
        lines.append(f"| {label} | {' | '.join(f'{100 * table[v][label]:.1f}' for v in values)} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.policy_sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--field", required=True, help="the policy field: add, add_above, veto, veto_below")
    parser.add_argument("--values", required=True, help="comma-separated values (JSON: 0.5, true, \"clausal\")")
    parser.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    parser.add_argument("--data", default=None, help="the shared/data folder (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="PolNeAR rows and SCU statements, for a quick look")
    parser.add_argument("--out", default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    table = sweep(args.field, [_value(v) for v in args.values.split(",")], model=args.model, data_dir=args.data,
                  limit=args.limit)
    print(format_table(args.field, table))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump({"field": args.field, "figures": table}, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sentence heads refitted on a span model's frozen encoder, so one window pass serves every head.

    python -m training.sentence_heads --model runs/span-3000 --policy-from credscore/models/credscore-minilm \\
        --out runs/onepass
    python -m training.operating_points --model runs/onepass --write   # then the fusions

The span model's encoder was trained for attributions on article windows; its own sentence heads,
trained beside that, read hedges and weasel words less well than a model trained for them. Here
each sentence reading (check-worthiness, hedge, weasel) is a logistic regression on the encoder's
frozen states, mean-pooled over the sentence's own wordpieces (no [CLS] or [SEP]): what the
scorer pools for each sentence out of the window pass. The regression's strength is chosen on each
task's dev split (F1 at its best threshold: the fusion sets the operating point afterwards). The
weights replace the network's ``sentence`` head in the delta, and the config says
``"sentence_pass": "window"``, so :class:`credscore.model.heads.ModelHeads` reads the sentence heads
from the window pass instead of running a second pass per sentence.

Not shipped: heads fitted on sentences read alone read very differently inside an article's
window (hedge F1 on FactBank documents 0.906 alone, 0.495 in context: training/EXPERIMENTS.md,
"One window pass for every head"). Judge a window model on sentences in their documents.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from credscore.model.tags import SENTENCE_TASKS

STRENGTHS = (0.1, 1.0)  # inverse L2 strength C of the logistic regressions, chosen per task on dev


def task_sentences(data_dir: str | Path | None, limit: int | None = None) -> dict[str, list[tuple[str, int]]]:
    """``{task_split: [(text, label)]}``: the sentence heads' training data, as ``training.train`` reads it."""
    from training import data as d

    szeged = {part: d.load_szeged(data_dir, part) for part in ("factbank", "wiki")}
    checkthat = {split: d.load_checkthat(data_dir, split) for split in ("train", "dev")}  # type: ignore[arg-type]
    conll = d.load_conll_weasel(data_dir)
    sets = {
        "hedge_train": [(r["text"], r["label"]) for p in szeged for r in szeged[p]["train"]],
        "hedge_dev": [(r["text"], r["label"]) for p in szeged for r in szeged[p]["dev"]],
        "checkworthy_train": [(r["text"], r["label"]) for r in checkthat["train"]],
        "checkworthy_dev": [(r["text"], r["label"]) for r in checkthat["dev"]],
        "weasel_train": [(r["text"], r["label"]) for r in conll["train"]],
        "weasel_dev": [(r["text"], r["label"]) for r in conll["dev"]],
    }
    return {name: rows[:limit] if limit else rows for name, rows in sets.items()}


def pooled_states(net: Any, tokenizer: Any, texts: Sequence[str], *, max_length: int, batch_size: int = 64) -> np.ndarray:
    """Each text's encoder states, mean-pooled over its own wordpieces ([CLS] and [SEP] left out)."""
    import torch

    pooled = np.zeros((len(texts), net.encoder.config.hidden_size), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode():
        for k in range(0, len(order), batch_size):
            rows = order[k : k + batch_size]
            enc = tokenizer([texts[i] for i in rows], truncation=True, max_length=max_length, padding=True, return_tensors="pt")
            states = net.encoder(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            inner = enc["attention_mask"].clone()
            inner[:, 0] = 0
            inner[torch.arange(len(rows)), enc["attention_mask"].sum(1) - 1] = 0
            weights = inner.unsqueeze(-1).to(states.dtype)
            pooled[rows] = ((states * weights).sum(1) / weights.sum(1).clamp(min=1.0)).numpy()
    return pooled


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    """Positive-class F1 at the best of 91 thresholds: what a fusion fitted afterwards can reach."""
    from training.operating_points import prf

    return max(prf(y, p, t)["f1"] for t in np.linspace(0.05, 0.95, 91))


def fit_heads(features: dict[str, tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """One logistic regression per task on ``features[task_split] = (X, y)`` → (weight, bias, report)."""
    from sklearn.linear_model import LogisticRegression

    hidden = next(iter(features.values()))[0].shape[1]
    weight = np.zeros((len(SENTENCE_TASKS), hidden), dtype=np.float32)
    bias = np.zeros(len(SENTENCE_TASKS), dtype=np.float32)
    report: dict[str, Any] = {}
    for k, task in enumerate(SENTENCE_TASKS):
        (x, y), (dev_x, dev_y) = features[f"{task}_train"], features[f"{task}_dev"]
        tried = []
        for strength in STRENGTHS:
            model = LogisticRegression(C=strength, max_iter=3000).fit(x, y)
            tried.append((best_f1(dev_y, model.predict_proba(dev_x)[:, 1]), strength, model))
        f1, strength, model = max(tried, key=lambda t: t[0])
        weight[k], bias[k] = model.coef_[0], model.intercept_[0]
        report[task] = {"C": strength, "dev_best_f1": round(f1, 4), "train_rows": int(len(y)), "dev_rows": int(len(dev_y)),
                        "tried": {str(c): round(f, 4) for f, c, _ in tried}}
    return weight, bias, report


def write_model(source: Path, out: Path, weight: np.ndarray, bias: np.ndarray, report: dict[str, Any],
                policy_from: Path | None = None) -> Path:
    """``source`` copied to ``out`` with the sentence head replaced and ``sentence_pass`` = "window"."""
    from safetensors.numpy import load_file, save_file

    from credscore.model.base import file_sha256
    from credscore.model.checkpoint import CONFIG_FILE, FORMAT_VERSION, WEIGHTS_FILE, read_config

    if out.resolve() != source.resolve():
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(source, out)
    state = load_file(str(out / WEIGHTS_FILE))
    state["sentence.weight"] = weight.astype(np.float16)
    state["sentence.bias"] = bias.astype(np.float16)
    save_file(state, str(out / WEIGHTS_FILE), metadata={"format": "credscore-delta", "version": str(FORMAT_VERSION)})
    config = read_config(out)
    config.delta_sha256 = file_sha256(out / WEIGHTS_FILE)
    config.sentence_pass = "window"
    config.fusion = {}  # fitted on the old head's logits: refit with training.operating_points
    if policy_from is not None:  # the veto/add policy chosen for the primary model, the decoder's own settings kept
        primary = read_config(policy_from).attribution
        config.attribution = {**config.attribution, **{k: v for k, v in primary.items() if k in ("mode", "add", "add_above", "veto", "veto_below", "fallback")}}
    config.training = {**config.training, "sentence_heads": report}
    (out / CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    return out


def refit(model: Path, out: Path | None = None, data_dir: str | Path | None = None, *, limit: int | None = None,
          cache: Path | None = None, policy_from: Path | None = None) -> dict[str, Any]:
    """Fit the sentence heads on ``model``'s frozen encoder and write the model to ``out`` (default:
    in place); the report per task (strength chosen, dev F1 at the best threshold, rows)."""
    from credscore.errors import ModelLoadError
    from credscore.model.checkpoint import load_model, read_config

    if not read_config(model).link_tags:
        raise ModelLoadError(f"{model} has no linker head: the window pass that would serve the sentence heads needs one")
    net, tokenizer, config = load_model(model)
    features: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name, rows in task_sentences(data_dir, limit).items():
        cached = cache / f"{name}.npz" if cache else None
        if cached is not None and cached.is_file():
            stored = np.load(cached)
            features[name] = (stored["inner"], stored["y"])
            continue
        x = pooled_states(net, tokenizer, [t for t, _ in rows], max_length=config.max_length)
        y = np.array([label for _, label in rows])
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cached, inner=x, y=y)
        features[name] = (x, y)
    weight, bias, report = fit_heads(features)
    write_model(model, out or model, weight, bias, report, policy_from)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.sentence_heads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="a model with a linker head (its encoder stays frozen)")
    parser.add_argument("--out", type=Path, default=None, help="where the model with refitted heads is written (default: in place)")
    parser.add_argument("--policy-from", type=Path, default=None, help="take the attribution veto/add policy of this model")
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None, help="at most this many rows per split, for a quick look")
    parser.add_argument("--cache", type=Path, default=None, help="keep the pooled states here (npz per split) and reuse them")
    args = parser.parse_args(argv)
    report = refit(args.model, args.out, args.data, limit=args.limit, cache=args.cache, policy_from=args.policy_from)
    print(json.dumps(report, indent=1))
    out = args.out or args.model
    print(f"wrote {out}; now refit its fusions: python -m training.operating_points --model {out} --write")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fine-tune the multi-task MiniLM: ``python -m training.train --config FILE [key=value ...]``.

Tasks and data (``training/data.py``): attribution tags (PolNeAR train), hedge-cue tags and the
sentence hedge label (Szeged wiki + FactBank train), check-worthiness (CheckThat! 2024 train),
weasel (CoNLL-2010 train minus our carved dev). Each step draws one task with probability
proportional to ``weight × sqrt(size)`` (temperature sampling: small sets are seen often enough,
large ones do not drown them) and takes a batch of it. Only the heads and the top
``trained_layers`` encoder layers train; that delta is what ships. Early stopping watches the
mean dev score of all heads; dev is never used for anything else but the fusion fit after.
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from credscore.model.base import check_base_model
from credscore.model.checkpoint import ModelConfig, save_model
from credscore.model.network import ATTRIBUTION_TAGS, HEDGE_TAGS, SENTENCE_TASKS, MultiTaskNet, freeze_below
from training.config import TrainConfig

logger = logging.getLogger("credscore.training")
IGNORE = -100


@dataclass
class Example:
    input_ids: list[int]
    labels: list[int] | int  # per wordpiece for tagging tasks, one int for sentence tasks


def align_tags(tokenizer: Any, text: str, word_offsets: Sequence[Sequence[int]], word_tags: Sequence[str],
               tagset: Sequence[str], max_length: int) -> Example:
    """Word-level BIO tags → wordpiece labels (continuation pieces of a B- word become I-)."""
    enc = tokenizer(text, truncation=True, max_length=max_length, return_offsets_mapping=True)
    starts = [o[0] for o in word_offsets]
    index = {t: i for i, t in enumerate(tagset)}
    labels: list[int] = []
    previous_word = -1
    for start, end in enc["offset_mapping"]:
        if start == end:
            labels.append(IGNORE)  # [CLS], [SEP]
            continue
        word = bisect.bisect_right(starts, start) - 1
        tag = word_tags[word] if 0 <= word < len(word_tags) else "O"
        if tag.startswith("B-") and word == previous_word:
            tag = "I-" + tag[2:]
        labels.append(index.get(tag, 0))
        previous_word = word
    return Example(enc["input_ids"], labels)


def _hedge_tag(tag: str) -> str:
    return "O" if tag == "O" else tag[:2] + "CUE"


def build_tasks(cfg: TrainConfig, tokenizer: Any) -> tuple[dict[str, list[Example]], dict[str, list[Example]]]:
    """Encoded train and dev examples per task."""
    from training import data as d

    def rows(dataset: Any) -> list[dict[str, Any]]:
        n = len(dataset) if cfg.limit is None else min(cfg.limit, len(dataset))
        return [dataset[i] for i in range(n)]

    train: dict[str, list[Example]] = {}
    dev: dict[str, list[Example]] = {}
    polnear = {split: d.load_polnear(cfg.data_dir, split, limit=cfg.limit) for split in ("train", "dev")}
    for split, target in (("train", train), ("dev", dev)):
        attribution_rows = rows(polnear[split])
        if cfg.attribution_unit == "sentences":
            attribution_rows = d.polnear_sentence_rows(attribution_rows)
        target["attribution"] = [
            align_tags(tokenizer, r["text"], r["token_offsets"], r["tags"], ATTRIBUTION_TAGS, cfg.attribution_max_length)
            for r in attribution_rows
        ]
    szeged = {part: d.load_szeged(cfg.data_dir, part) for part in ("wiki", "factbank")}
    for split, target in (("train", train), ("dev", dev)):
        sentences = rows(szeged["factbank"][split]) + rows(szeged["wiki"][split])
        target["hedge_cues"] = [
            align_tags(tokenizer, r["text"], r["token_offsets"], [_hedge_tag(t) for t in r["tags"]], HEDGE_TAGS, cfg.max_length)
            for r in sentences
        ]
        target["hedge"] = [_sentence(tokenizer, r["text"], r["label"], cfg) for r in sentences]
    checkthat = {"train": d.load_checkthat(cfg.data_dir, "train"), "dev": d.load_checkthat(cfg.data_dir, "dev")}
    conll = d.load_conll_weasel(cfg.data_dir)
    for split, target in (("train", train), ("dev", dev)):
        target["checkworthy"] = [_sentence(tokenizer, r["text"], r["label"], cfg) for r in rows(checkthat[split])]
        target["weasel"] = [_sentence(tokenizer, r["text"], r["label"], cfg) for r in rows(conll[split])]
    if cfg.user_data:
        from training.user_data import read_user_data

        for task, text, label in read_user_data(cfg.user_data):
            train.setdefault(task, []).append(_sentence(tokenizer, text, label, cfg))
    return train, dev


def _sentence(tokenizer: Any, text: str, label: int, cfg: TrainConfig) -> Example:
    return Example(tokenizer(text, truncation=True, max_length=cfg.max_length)["input_ids"], int(label))


def collate(examples: list[Example], device: torch.device) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Dynamic padding to the longest example in the batch."""
    width = max(len(e.input_ids) for e in examples)
    ids = torch.zeros(len(examples), width, dtype=torch.long)
    mask = torch.zeros(len(examples), width, dtype=torch.long)
    token_labels = isinstance(examples[0].labels, list)
    labels = torch.full((len(examples), width), IGNORE, dtype=torch.long) if token_labels else torch.zeros(len(examples))
    for i, e in enumerate(examples):
        n = len(e.input_ids)
        ids[i, :n] = torch.tensor(e.input_ids)
        mask[i, :n] = 1
        if token_labels:
            labels[i, :n] = torch.tensor(e.labels)
        else:
            labels[i] = float(e.labels)  # type: ignore[arg-type]
    return ids.to(device), mask.to(device), labels.to(device)


def task_loss(net: MultiTaskNet, task: str, ids: torch.Tensor, mask: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    out = net(ids, mask)
    if task in ("attribution", "hedge_cues"):
        logits = out[task]
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), labels.reshape(-1), ignore_index=IGNORE)
    column = SENTENCE_TASKS.index(task)
    return nn.functional.binary_cross_entropy_with_logits(out["sentence"][:, column].float(), labels.float())


@torch.no_grad()
def evaluate_dev(net: MultiTaskNet, dev: dict[str, list[Example]], device: torch.device, batch_size: int = 64) -> dict[str, float]:
    """Quick dev scores for early stopping: F1 of the positive class (sentences) or of non-O wordpieces."""
    net.eval()
    scores: dict[str, float] = {}
    for task, examples in dev.items():
        if not examples:
            continue
        tp = fp = fn = 0
        for i in range(0, len(examples), batch_size):
            ids, mask, labels = collate(examples[i : i + batch_size], device)
            out = net(ids, mask)
            if task in ("attribution", "hedge_cues"):
                pred = out[task].argmax(-1)
                valid = labels != IGNORE
                tp += int(((pred == labels) & (labels > 0) & valid).sum())
                fp += int(((pred != labels) & (pred > 0) & valid).sum())
                fn += int(((pred != labels) & (labels > 0) & valid).sum())
            else:
                pred = out["sentence"][:, SENTENCE_TASKS.index(task)] > 0
                gold = labels > 0.5
                tp += int((pred & gold).sum())
                fp += int((pred & ~gold).sum())
                fn += int((~pred & gold).sum())
        scores[task] = 2 * tp / max(1, 2 * tp + fp + fn)
    net.train()
    return scores


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def train(cfg: TrainConfig) -> Path:
    """Run one training; returns the model directory. Deterministic for a seed on one device."""
    from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    device = pick_device(cfg.device)
    base = check_base_model()
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    encoder = AutoModel.from_pretrained(str(base), local_files_only=True)
    net = MultiTaskNet(encoder, pooling=cfg.pooling).to(device)  # type: ignore[arg-type]
    freeze_below(net, cfg.trained_layers)

    started = time.time()
    train_sets, dev_sets = build_tasks(cfg, tokenizer)
    logger.info("data: %s (%.0fs)", {t: len(v) for t, v in train_sets.items()}, time.time() - started)
    tasks = [t for t in train_sets if train_sets[t] and cfg.task_weights.get(t, 1.0) > 0]
    weights = np.array([cfg.task_weights.get(t, 1.0) * math.sqrt(len(train_sets[t])) for t in tasks])
    weights /= weights.sum()
    rng = random.Random(cfg.seed)
    order = {t: rng.sample(range(len(train_sets[t])), len(train_sets[t])) for t in tasks}
    cursor = dict.fromkeys(tasks, 0)

    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    encoder_params = [p for n, p in net.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    optimizer = torch.optim.AdamW([{"params": head_params, "lr": cfg.head_lr}, {"params": encoder_params, "lr": cfg.lr}], weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(cfg.warmup * cfg.steps), cfg.steps)
    use_bf16 = device.type == "cuda"

    best, best_state, stale, history = -1.0, None, 0, []
    net.train()
    tic, seen_tokens = time.time(), 0
    for step in range(1, cfg.steps + 1):
        task = tasks[int(np.searchsorted(np.cumsum(weights), rng.random()))]
        idx = order[task]
        batch = [train_sets[task][idx[(cursor[task] + i) % len(idx)]] for i in range(cfg.batch_size)]
        cursor[task] += cfg.batch_size
        ids, mask, labels = collate(batch, device)
        seen_tokens += int(mask.sum())
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=use_bf16):
            loss = task_loss(net, task, ids, mask, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 50 == 0 or cfg.smoke:
            rate = seen_tokens / max(1e-9, time.time() - tic)
            logger.info("step %d/%d task=%s loss=%.4f %.0f tokens/s", step, cfg.steps, task, loss.item(), rate)
        if step % cfg.eval_every == 0 or step == cfg.steps:
            scores = evaluate_dev(net, dev_sets, device)
            mean = float(np.mean(list(scores.values())))
            history.append({"step": step, "mean": mean, **scores})
            logger.info("dev step %d: mean %.4f %s", step, mean, {k: round(v, 4) for k, v in scores.items()})
            if mean > best:
                best, stale = mean, 0
                best_state = {k: v.detach().clone() for k, v in net.trainable_state(cfg.trained_layers).items()}
            else:
                stale += 1
                if stale >= cfg.patience:
                    logger.info("early stop at step %d (best dev mean %.4f)", step, best)
                    break
    if best_state is not None:
        net.load_state_dict(best_state, strict=False)
    wall = time.time() - started
    config = ModelConfig(
        pooling=cfg.pooling,
        trained_layers=cfg.trained_layers,
        max_length=cfg.max_length,
        attribution_tags=list(ATTRIBUTION_TAGS),
        hedge_tags=list(HEDGE_TAGS),
        sentence_tasks=list(SENTENCE_TASKS),
        metrics={"dev_history": history, "best_dev_mean": best},
        training={**cfg.to_dict(), "device": str(device), "wall_seconds": round(wall, 1), "torch": torch.__version__},
    )
    out = save_model(net, config, cfg.out)
    (Path(cfg.out) / "train_config.json").write_text(json.dumps(cfg.to_dict(), indent=1) + "\n", encoding="utf-8")
    logger.info("saved %s in %.0fs", out, wall)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="a JSON config (training/configs/*.json)")
    parser.add_argument("--smoke", action="store_true", help="a few steps on a few rows: checks the whole path")
    parser.add_argument("overrides", nargs="*", help="dotted KEY=VALUE overrides, e.g. steps=200 task_weights.weasel=2")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    config_file = args.config or (Path(__file__).parent / "configs" / ("smoke.json" if args.smoke else "default.json"))
    overrides = list(args.overrides) + (["smoke=true"] if args.smoke else [])
    cfg = TrainConfig.from_file(config_file, overrides)
    train(cfg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

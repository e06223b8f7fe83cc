"""Fine-tune the multi-task MiniLM: ``python -m training.train --config FILE [key=value ...]``.

Tasks and data (``training/data.py``): attribution tags (PolNeAR train), hedge-cue tags and the
sentence hedge label (Szeged wiki + FactBank train), check-worthiness (CheckThat! 2024 train),
weasel (CoNLL-2010 train minus our carved dev). Each step draws one task with probability
proportional to ``weight × sqrt(size)`` (temperature sampling: small sets are seen often enough,
large ones do not drown them) and takes a batch of it. Only the heads and the top
``trained_layers`` encoder layers train; that delta is what ships. Early stopping watches the
mean dev score of the heads the run trains (a task weighted 0 is left out); dev is never used for anything else but the fusion fit after.
With ``sentence_unit: documents`` the sentence tasks and the hedge-cue tags are read as windows
of their documents instead (:func:`document_tasks`), and the run is a window model: one encoder
pass per window serves every head.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from credscore.model.base import check_base_model
from credscore.model.checkpoint import ModelConfig, save_model
from credscore.model.network import ATTRIBUTION_TAGS, HEDGE_TAGS, LINK_TAGS, SENTENCE_TASKS, MultiTaskNet, freeze_below
from training.config import TrainConfig

logger = logging.getLogger("credscore.training")
IGNORE = -100


@dataclass
class Example:
    input_ids: list[int]
    labels: list[int] | int  # per wordpiece for tagging tasks, one int for sentence tasks
    #: attribution windows, for the linker: per gold cue in the window, (its wordpieces, LINK_TAGS label per wordpiece)
    links: list[tuple[list[int], list[int]]] = field(default_factory=list)
    #: a window of a document (``sentence_unit: documents``): per labelled sentence of the task, its
    #: wordpieces ``[first, end)`` in the window and its label
    sentences: list[tuple[int, int, int]] = field(default_factory=list)


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


def link_targets(offsets: Sequence[Sequence[int]], attributions: Sequence[dict[str, Any]],
                 max_cues: int = 16) -> list[tuple[list[int], list[int]]]:
    """Per attribution whose cue lies in the window: its cue's wordpieces and the linker's labels.

    ``offsets`` are the window's wordpiece character offsets (``(0, 0)`` for specials, labelled
    IGNORE); a wordpiece belongs to a role when it overlaps one of the role's fragments. Cues cut
    by the window's edge are left out: their attribution is seen whole in its own window.
    """
    index = {t: i for i, t in enumerate(LINK_TAGS)}
    out: list[tuple[list[int], list[int]]] = []
    for attribution in attributions:
        if attribution.get("partial") or not attribution.get("cue"):
            continue
        cue = [k for k, (a, b) in enumerate(offsets) if b > a and any(a < e and b > s for s, e in attribution["cue"])]
        if not cue:
            continue
        labels: list[int] = []
        previous = ""
        for a, b in offsets:
            if b <= a:
                labels.append(IGNORE)
                previous = ""
                continue
            role = next((r for r in ("source", "content") if any(a < e and b > s for s, e in attribution[r])), "")
            if not role:
                labels.append(index["O"])
            else:
                labels.append(index[("I-" if previous == role else "B-") + role.upper()])
            previous = role
        out.append((cue, labels))
    return out[:max_cues]


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
        examples = []
        for r in attribution_rows:
            example = align_tags(tokenizer, r["text"], r["token_offsets"], r["tags"], ATTRIBUTION_TAGS, cfg.attribution_max_length)
            if cfg.link and r.get("attributions"):
                enc = tokenizer(r["text"], truncation=True, max_length=cfg.attribution_max_length, return_offsets_mapping=True)
                example.links = link_targets(enc["offset_mapping"], r["attributions"])
            examples.append(example)
        target["attribution"] = examples
    if cfg.sentence_unit == "documents":
        for split, target in (("train", train), ("dev", dev)):
            target.update(document_tasks(cfg, tokenizer, split))
        _add_user_data(cfg, tokenizer, train)
        return train, dev
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
    _add_user_data(cfg, tokenizer, train)
    return train, dev


def _add_user_data(cfg: TrainConfig, tokenizer: Any, train: dict[str, list[Example]]) -> None:
    """A user's labelled sentences (``user_data``), each its own example: a one-sentence document when
    the run reads sentences inside their documents."""
    if not cfg.user_data:
        return
    from training.user_data import read_user_data

    for task, text, label in read_user_data(cfg.user_data):
        example = _sentence(tokenizer, text, label, cfg)
        if cfg.sentence_unit == "documents":
            example = Example(example.input_ids, 0, sentences=[(1, len(example.input_ids) - 1, int(label))])
        train.setdefault(task, []).append(example)


def document_tasks(cfg: TrainConfig, tokenizer: Any, split: str) -> dict[str, list[Example]]:
    """The sentence tasks and the hedge-cue tags as windows of their documents (``sentence_unit:
    documents``), from the passages :func:`training.sentence_heads.passages` reads: each passage's
    sentences one per line, as ``Scorer.score_sentences(..., together=True)`` and an article's window
    pass read them. Passages longer than a window are cut as the scorer cuts an article
    (:func:`credscore.model.spans.windows`); a sentence is labelled in the first window that holds it whole. A train passage of a corpus in
    ``cfg.corpus_repeats`` is taken that many times."""
    from credscore.model.spans import windows
    from training.sentence_heads import UNLABELLED, passages

    budget = cfg.attribution_max_length - 2
    items = [p for p in passages(cfg.data_dir) if p.split == split]
    if cfg.limit is not None:
        items = items[: cfg.limit]
    out: dict[str, list[Example]] = {task: [] for task in ("hedge_cues", *SENTENCE_TASKS)}
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    cue_index = {t: i for i, t in enumerate(HEDGE_TAGS)}
    for passage in items:
        repeats = cfg.corpus_repeats.get(passage.corpus, 1) if split == "train" else 1
        text = passage.text
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        ids, offsets = enc["input_ids"], [tuple(o) for o in enc["offset_mapping"]]
        if not ids:
            continue
        spans = passage.spans()
        cue_spans = ([(start + a, start + b) for (start, _), cues in zip(spans, passage.cues) for a, b in cues]
                     if passage.cues is not None else None)
        placed: set[int] = set()
        for a, b in windows(text, offsets, budget):
            window_ids = [cls_id, *ids[a:b], sep_id]
            lo, hi = offsets[a][0], offsets[b - 1][1]
            ranges: dict[int, tuple[int, int]] = {}
            for n, (start, end) in enumerate(spans):
                if n in placed or start < lo or end > hi:
                    continue
                inside = [k for k in range(a, b) if offsets[k][1] > offsets[k][0] and start <= offsets[k][0] and offsets[k][1] <= end]
                if inside:
                    ranges[n] = (inside[0] - a + 1, inside[-1] - a + 2)  # +1: [CLS]
            placed.update(ranges)
            for task in SENTENCE_TASKS:
                labelled = [(first, end, passage.labels[task][n]) for n, (first, end) in ranges.items()
                            if task in passage.labels and passage.labels[task][n] != UNLABELLED]
                if labelled:
                    out[task].extend([Example(window_ids, 0, sentences=labelled)] * repeats)
            if cue_spans is not None:
                labels, previous = [IGNORE], False
                for k in range(a, b):
                    x, y = offsets[k]
                    on = any(x < e and y > s for s, e in cue_spans)
                    labels.append(cue_index["I-CUE" if on and previous else "B-CUE" if on else "O"])
                    previous = on
                out["hedge_cues"].extend([Example(window_ids, [*labels, IGNORE])] * repeats)
    return out


def _sentence(tokenizer: Any, text: str, label: int, cfg: TrainConfig) -> Example:
    return Example(tokenizer(text, truncation=True, max_length=cfg.max_length)["input_ids"], int(label))


@dataclass
class Batch:
    ids: torch.Tensor
    mask: torch.Tensor
    labels: torch.Tensor
    cue_mask: torch.Tensor | None = None  # [B, K, T]: the linker's cues (attribution windows)
    link_labels: torch.Tensor | None = None  # [B, K, T]: LINK_TAGS per wordpiece, IGNORE where padded
    sentence_mask: torch.Tensor | None = None  # [B, S, T]: each labelled sentence's wordpieces (document windows)
    sentence_labels: torch.Tensor | None = None  # [B, S]: their labels, IGNORE where padded


def collate(examples: list[Example], device: torch.device) -> Batch:
    """Dynamic padding to the longest example in the batch (and to the most cues, for the linker)."""
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
    batch = Batch(ids.to(device), mask.to(device), labels.to(device))
    cues = max(len(e.links) for e in examples)
    if cues:
        cue_mask = torch.zeros(len(examples), cues, width)
        link_labels = torch.full((len(examples), cues, width), IGNORE, dtype=torch.long)
        for i, e in enumerate(examples):
            for k, (cue, tags) in enumerate(e.links):
                cue_mask[i, k, cue] = 1.0
                link_labels[i, k, : len(tags)] = torch.tensor(tags)
        batch.cue_mask, batch.link_labels = cue_mask.to(device), link_labels.to(device)
    rows = max(len(e.sentences) for e in examples)
    if rows:
        sentence_mask = torch.zeros(len(examples), rows, width, dtype=torch.long)
        sentence_labels = torch.full((len(examples), rows), IGNORE, dtype=torch.long)
        for i, e in enumerate(examples):
            for k, (first, end, label) in enumerate(e.sentences):
                sentence_mask[i, k, first:end] = 1
                sentence_labels[i, k] = label
        batch.sentence_mask, batch.sentence_labels = sentence_mask.to(device), sentence_labels.to(device)
    return batch


def sentence_logits(net: MultiTaskNet, out: dict[str, torch.Tensor], sentence_mask: torch.Tensor) -> torch.Tensor:
    """The sentence head over each sentence of a window: ``sentence_mask [B, S, T]`` → ``[B, S, tasks]``,
    each sentence pooled over its own wordpieces of the window's states, as a window model's scorer pools them."""
    from credscore.model.network import sentence_features

    b, rows, width = sentence_mask.shape

    def spread(x: torch.Tensor) -> torch.Tensor:  # [B, T, …] → [B·S, T, …], each window once per sentence row
        return x.unsqueeze(1).expand(b, rows, *x.shape[1:]).reshape(b * rows, *x.shape[1:])

    mask = sentence_mask.reshape(b * rows, width)
    if net.pooling == "mean_max_tags":
        pooled = sentence_features(spread(out["states"]), mask, spread(out["hedge_cues"]), spread(out["attribution"]))
    else:
        pooled = net.pool(spread(out["states"]), mask)
    return net.sentence(pooled).reshape(b, rows, -1)


def task_loss(net: MultiTaskNet, task: str, batch: Batch) -> torch.Tensor:
    out = net(batch.ids, batch.mask)
    if task in ("attribution", "hedge_cues"):
        logits = out[task]
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), batch.labels.reshape(-1), ignore_index=IGNORE)
        if task == "attribution" and net.has_link and batch.cue_mask is not None:
            link = net.link_logits(out["states"], batch.cue_mask)
            assert batch.link_labels is not None
            loss = loss + nn.functional.cross_entropy(
                link.reshape(-1, link.shape[-1]).float(), batch.link_labels.reshape(-1), ignore_index=IGNORE
            )
        return loss
    column = SENTENCE_TASKS.index(task)
    if batch.sentence_mask is not None:  # sentences inside a window of their document
        assert batch.sentence_labels is not None
        logits = sentence_logits(net, out, batch.sentence_mask)[..., column]
        valid = batch.sentence_labels != IGNORE
        return nn.functional.binary_cross_entropy_with_logits(logits[valid].float(), batch.sentence_labels[valid].float())
    return nn.functional.binary_cross_entropy_with_logits(out["sentence"][:, column].float(), batch.labels.float())


def _count(tp_fp_fn: list[int], pred: torch.Tensor, gold: torch.Tensor, valid: torch.Tensor) -> None:
    """Add the non-O (label > 0) matches of ``pred`` vs ``gold`` where ``valid`` to ``[tp, fp, fn]``."""
    tp_fp_fn[0] += int(((pred == gold) & (gold > 0) & valid).sum())
    tp_fp_fn[1] += int(((pred != gold) & (pred > 0) & valid).sum())
    tp_fp_fn[2] += int(((pred != gold) & (gold > 0) & valid).sum())


@torch.no_grad()
def evaluate_dev(net: MultiTaskNet, dev: dict[str, list[Example]], device: torch.device, batch_size: int = 32) -> dict[str, float]:
    """Quick dev scores for early stopping: F1 of the positive class (sentences) or of non-O
    wordpieces (tagging; ``link``: the linker's source and content tags given the gold cues)."""
    net.eval()
    counts: dict[str, list[int]] = {}
    for task, examples in dev.items():
        if not examples:
            continue
        for i in range(0, len(examples), batch_size):
            batch = collate(examples[i : i + batch_size], device)
            out = net(batch.ids, batch.mask)
            if task in ("attribution", "hedge_cues"):
                _count(counts.setdefault(task, [0, 0, 0]), out[task].argmax(-1), batch.labels, batch.labels != IGNORE)
                if task == "attribution" and net.has_link and batch.cue_mask is not None:
                    assert batch.link_labels is not None
                    pred = net.link_logits(out["states"], batch.cue_mask).argmax(-1)
                    _count(counts.setdefault("link", [0, 0, 0]), pred, batch.link_labels, batch.link_labels != IGNORE)
            elif batch.sentence_mask is not None:
                assert batch.sentence_labels is not None
                pred = (sentence_logits(net, out, batch.sentence_mask)[..., SENTENCE_TASKS.index(task)] > 0).long()
                _count(counts.setdefault(task, [0, 0, 0]), pred, batch.sentence_labels, batch.sentence_labels != IGNORE)
            else:
                pred = (out["sentence"][:, SENTENCE_TASKS.index(task)] > 0).long()
                gold = (batch.labels > 0.5).long()
                _count(counts.setdefault(task, [0, 0, 0]), pred, gold, torch.ones_like(gold, dtype=torch.bool))
    net.train()
    return {task: 2 * tp / max(1, 2 * tp + fp + fn) for task, (tp, fp, fn) in counts.items()}


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def checkpoint_path(cfg: TrainConfig) -> Path:
    """Where a run keeps its resumable state (never inside the shipped model folder)."""
    return Path(cfg.checkpoint or f"runs/checkpoints/{Path(cfg.out).name}-seed{cfg.seed}.pt")


def _save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    """Write atomically: a kill during the write leaves the previous checkpoint whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(path.name + ".partial")
    torch.save(state, staged)
    staged.replace(path)


def start_from(net: Any, directory: str | Path) -> None:
    """Load a trained model's weights (its delta over the base encoder) into ``net`` to continue
    training it, e.g. with other task weights; the heads must be the same."""
    from safetensors.torch import load_file

    from credscore.model.checkpoint import WEIGHTS_FILE, read_config

    config = read_config(directory)
    delta = load_file(str(Path(directory) / WEIGHTS_FILE))
    own = net.state_dict()
    unknown = sorted(set(delta) - set(own))
    if unknown or bool(config.link_tags) != bool(net.has_link):
        raise ValueError(f"{directory} does not fit this network (unexpected weights {unknown[:5]}, "
                         f"linker {bool(config.link_tags)}): train with the config that made it")
    # another pooling reads a vector of another width: that head alone starts afresh
    fresh = sorted(k for k, v in delta.items() if k.startswith("sentence.") and v.shape != own[k].shape)
    if fresh:
        logger.info("the sentence head starts afresh: %s pooled its input as %s", directory, config.pooling)
    net.load_state_dict({k: v.float() for k, v in delta.items() if k not in fresh}, strict=False)
    logger.info("started from the weights of %s", directory)


def train(cfg: TrainConfig, *, resume: bool = False, command: str | None = None) -> Path:
    """Run one training; returns the model directory. Deterministic for a seed on one device.

    Every ``checkpoint_every`` steps the whole state (weights, optimiser, schedule, sampler, RNGs,
    dev history) goes to :func:`checkpoint_path`; ``resume=True`` continues from it, and a run
    killed and resumed ends with the weights of a run never interrupted.
    """
    from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    device = pick_device(cfg.device)
    base = check_base_model()
    tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    encoder = AutoModel.from_pretrained(str(base), local_files_only=True)
    net = MultiTaskNet(encoder, pooling=cfg.pooling, link=cfg.link).to(device)  # type: ignore[arg-type]
    provenance = run_provenance(cfg, command)
    if cfg.init_from:
        start_from(net, cfg.init_from)
    freeze_below(net, cfg.trained_layers)

    started = time.time()
    train_sets, dev_sets = build_tasks(cfg, tokenizer)
    logger.info("data: %s (%.0fs)", {t: len(v) for t, v in train_sets.items()}, time.time() - started)
    tasks = [t for t in train_sets if train_sets[t] and cfg.task_weights.get(t, 1.0) > 0]
    weights = np.array([cfg.task_weights.get(t, 1.0) * math.sqrt(len(train_sets[t])) for t in tasks])
    weights /= weights.sum()
    # early stopping reads the heads this run trains: a task weighted 0 keeps its dev score in the
    # history, but a continued run that trains only the attribution heads is not stopped by the others
    watched = set(tasks) | ({"link"} if "attribution" in tasks and cfg.link else set())
    rng = random.Random(cfg.seed)
    order = {t: rng.sample(range(len(train_sets[t])), len(train_sets[t])) for t in tasks}
    cursor = dict.fromkeys(tasks, 0)

    head_params = [p for n, p in net.named_parameters() if not n.startswith("encoder.")]
    encoder_params = [p for n, p in net.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    optimizer = torch.optim.AdamW([{"params": head_params, "lr": cfg.head_lr}, {"params": encoder_params, "lr": cfg.lr}], weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(cfg.warmup * cfg.steps), cfg.steps)
    use_bf16 = device.type == "cuda" or (device.type == "cpu" and cfg.cpu_bf16)

    best, best_state, stale, history, first_step, trained_seconds = -1.0, None, 0, [], 1, 0.0
    where = checkpoint_path(cfg)
    if resume and where.is_file():
        saved = torch.load(where, map_location=device, weights_only=False)  # our own file, written by this function
        defaults = TrainConfig().to_dict()  # a setting added since the checkpoint was written has its default
        changed = sorted(k for k, v in cfg.to_dict().items() if saved["config"].get(k, defaults.get(k)) != v)
        if changed:
            raise ValueError(f"{where} was written by a run with other settings ({', '.join(changed)}); "
                             "resume with the same config, or delete the checkpoint to start over")
        net.load_state_dict(saved["net"])
        optimizer.load_state_dict(saved["optimizer"])
        schedule.load_state_dict(saved["schedule"])
        rng.setstate(saved["rng"])
        cursor = saved["cursor"]
        random.setstate(saved["python_random"])
        np.random.set_state(saved["numpy_random"])
        torch.set_rng_state(saved["torch_random"])
        best, best_state, stale, history = saved["best"], saved["best_state"], saved["stale"], saved["history"]
        first_step, trained_seconds = saved["step"] + 1, saved["trained_seconds"]
        # the weights it started from, as they were then (the folder may hold a newer model since)
        provenance["init_from_sha256"] = saved.get("init_from_sha256", provenance.get("init_from_sha256"))
        logger.info("resumed from %s at step %d", where, saved["step"])
    elif resume:
        logger.info("no checkpoint at %s: starting from step 1", where)

    net.train()
    tic, seen_tokens, stopped = time.time(), 0, False
    for step in range(first_step, cfg.steps + 1):
        if stopped:
            break
        task = tasks[int(np.searchsorted(np.cumsum(weights), rng.random()))]
        size = cfg.attribution_batch_size if task == "attribution" and cfg.attribution_batch_size else cfg.batch_size
        idx = order[task]
        examples = [train_sets[task][idx[(cursor[task] + i) % len(idx)]] for i in range(size)]
        cursor[task] += size
        batch = collate(examples, device)
        seen_tokens += int(batch.mask.sum())
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=use_bf16):
            loss = task_loss(net, task, batch)
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
            mean = float(np.mean([v for k, v in scores.items() if k in watched]))
            history.append({"step": step, "mean": mean, **scores})
            logger.info("dev step %d: mean %.4f %s", step, mean, {k: round(v, 4) for k, v in scores.items()})
            if mean > best:
                best, stale = mean, 0
                best_state = {k: v.detach().clone() for k, v in net.trainable_state(cfg.trained_layers).items()}
            else:
                stale += 1
                if stale >= cfg.patience:
                    logger.info("early stop at step %d (best dev mean %.4f)", step, best)
                    stopped = True
        if step % cfg.checkpoint_every == 0 or stopped or step == cfg.steps:
            _save_checkpoint(where, {
                "config": cfg.to_dict(), "step": cfg.steps if stopped else step, "net": net.state_dict(),
                "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(), "rng": rng.getstate(),
                "cursor": cursor, "python_random": random.getstate(), "numpy_random": np.random.get_state(),
                "torch_random": torch.get_rng_state(), "best": best, "best_state": best_state, "stale": stale,
                "history": history, "trained_seconds": trained_seconds + time.time() - tic,
                "init_from_sha256": provenance.get("init_from_sha256"),
            })
    if best_state is not None:
        net.load_state_dict(best_state, strict=False)
    return _save(cfg, net, history, best, trained_seconds + time.time() - tic, device, provenance=provenance)


def run_provenance(cfg: TrainConfig, command: str | None = None) -> dict[str, Any]:
    """What the model card needs to say how a run was made: the command (by default the process's
    own), and the sha256 of the delta it continued from (read now: the ``init_from`` folder may later
    hold the model this run makes)."""
    from credscore.model.checkpoint import read_config

    found: dict[str, Any] = {"command": command or " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])}
    if cfg.init_from:
        found["init_from_sha256"] = read_config(cfg.init_from).delta_sha256 or None
    return found


def _save(cfg: TrainConfig, net: MultiTaskNet, history: list[dict[str, Any]], best: float, wall: float,
          device: torch.device, *, stopped_at: int | None = None, provenance: dict[str, Any] | None = None) -> Path:
    config = ModelConfig(
        pooling=cfg.pooling,
        trained_layers=cfg.trained_layers,
        max_length=cfg.max_length,
        attribution_tags=list(ATTRIBUTION_TAGS),
        hedge_tags=list(HEDGE_TAGS),
        sentence_tasks=list(SENTENCE_TASKS),
        link_tags=list(LINK_TAGS) if cfg.link else [],
        # trained on sentences inside windows of their documents: its scorer reads them from the window pass
        sentence_pass="window" if cfg.sentence_unit == "documents" else "sentence",
        metrics={"dev_history": history, "best_dev_mean": best},
        training={**cfg.to_dict(), "device": str(device), "wall_seconds": round(wall, 1), "torch": torch.__version__,
                  **{k: v for k, v in (provenance or {}).items() if v is not None},
                  **({"exported_at_step": stopped_at} if stopped_at is not None else {})},
    )
    out = save_model(net, config, cfg.out)
    (Path(cfg.out) / "train_config.json").write_text(json.dumps(cfg.to_dict(), indent=1) + "\n", encoding="utf-8")
    logger.info("saved %s (%.0fs of training)", out, wall)
    return out


def export_best(cfg: TrainConfig, command: str | None = None) -> Path:
    """Save the best dev state a run's checkpoint holds as a model, without training further
    (a run cut short by the clock still yields the model its early stopping would pick so far)."""
    from transformers import AutoModel

    where = checkpoint_path(cfg)
    if not where.is_file():
        raise FileNotFoundError(f"no checkpoint at {where}")
    saved = torch.load(where, map_location="cpu", weights_only=False)  # our own file, written by train()
    encoder = AutoModel.from_pretrained(str(check_base_model()), local_files_only=True)
    net = MultiTaskNet(encoder, pooling=cfg.pooling, link=cfg.link)  # type: ignore[arg-type]
    net.load_state_dict(saved["net"])
    if saved["best_state"] is not None:
        net.load_state_dict(saved["best_state"], strict=False)
    provenance = {**run_provenance(cfg, command), "init_from_sha256": saved.get("init_from_sha256")}
    return _save(cfg, net, saved["history"], saved["best"], saved["trained_seconds"], torch.device("cpu"),
                 stopped_at=saved["step"], provenance=provenance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="a JSON config (training/configs/*.json)")
    parser.add_argument("--smoke", action="store_true", help="a few steps on a few rows: checks the whole path")
    parser.add_argument("--resume", action="store_true", help="continue from the run's checkpoint (same config) if there is one")
    parser.add_argument("--export-best", action="store_true",
                        help="save the best dev state of the run's checkpoint as a model, without training")
    parser.add_argument("overrides", nargs="*", help="dotted KEY=VALUE overrides, e.g. steps=200 task_weights.weasel=2")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    config_file = args.config or (Path(__file__).parent / "configs" / ("smoke.json" if args.smoke else "default.json"))
    overrides = list(args.overrides) + (["smoke=true"] if args.smoke else [])
    cfg = TrainConfig.from_file(config_file, overrides)
    command = " ".join(["python -m training.train", *(sys.argv[1:] if argv is None else argv)])
    if args.export_best:
        export_best(cfg, command)
    else:
        train(cfg, resume=args.resume, command=command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Typed training configuration: one JSON file per experiment, dotted overrides on the command line.

>>> cfg = TrainConfig.from_file("training/configs/smoke.json", ["steps=3"])
>>> cfg.steps
3
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from credscore.model.tags import POOLINGS

TASKS = ("attribution", "hedge_cues", "checkworthy", "hedge", "weasel")


@dataclass
class TrainConfig:
    """What one training run does. Checked on construction; saved beside the weights."""

    out: str = "runs/model"
    data_dir: str | None = None
    seed: int = 13
    device: str = "auto"  # auto | cpu | cuda[:N]
    pooling: str = "mean"  # mean | cls | mean_max_tags (credscore.model.tags.POOLINGS)
    trained_layers: int = 2
    steps: int = 3000
    batch_size: int = 16
    lr: float = 1e-4
    head_lr: float = 1e-3
    warmup: float = 0.06
    max_length: int = 128
    attribution_max_length: int = 256
    attribution_unit: str = "paragraphs"  # paragraphs (256-wordpiece windows) | sentences (as the scorer encodes)
    eval_every: int = 500
    patience: int = 3
    limit: int | None = None  # rows per task and split: small for smoke runs
    task_weights: dict[str, float] = field(default_factory=lambda: {t: 1.0 for t in TASKS})
    user_data: str | None = None  # a user's labelled CSV/JSONL (see training/user_data.py)
    smoke: bool = False
    #: the cue-anchored linker head (source and content of each cue, over the window)
    link: bool = False
    #: attribution windows are 2x the sentence length: a smaller batch keeps a step's cost even
    attribution_batch_size: int | None = None
    checkpoint_every: int = 200
    checkpoint: str | None = None  # default: runs/checkpoints/<out name>-seed<seed>.pt
    init_from: str | None = None  # a model directory whose trained weights this run starts from (continued training)
    #: how the sentence tasks (and the hedge-cue tags) are read: each sentence alone (``sentences``), or
    #: inside its document as a window of it (``documents``: Szeged documents, CheckThat! debate runs; a
    #: sentence's logit pools its own wordpieces of the window's states), as a window model's scorer reads them
    sentence_unit: str = "sentences"
    #: documents runs: each train passage of a corpus (factbank | wiki | conll | checkthat) taken this many
    #: times, so a corpus the readings are judged on but that has few documents (FactBank's news) is not
    #: outweighed by a larger one of another domain (Szeged's Wikipedia) within the same task
    corpus_repeats: dict[str, int] = field(default_factory=dict)
    #: train under bf16 autocast on the CPU (about 2x faster on a CPU with AMX tiles, slower without).
    #: Off by default so that a run's weights reproduce on any CPU; a GPU always trains under bf16
    cpu_bf16: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.pooling not in POOLINGS:
            problems.append(f"pooling must be one of {', '.join(POOLINGS)}, not {self.pooling!r}")
        if self.attribution_unit not in ("paragraphs", "sentences"):
            problems.append(f"attribution_unit must be paragraphs or sentences, not {self.attribution_unit!r}")
        if self.sentence_unit not in ("sentences", "documents"):
            problems.append(f"sentence_unit must be sentences or documents, not {self.sentence_unit!r}")
        if self.sentence_unit == "documents" and not self.link:
            problems.append("sentence_unit documents trains a window model, which needs the linker (link: true)")
        if not 0 <= self.trained_layers <= 6:
            problems.append(f"trained_layers must be 0..6 (MiniLM has 6), not {self.trained_layers}")
        if self.steps < 1 or self.batch_size < 1 or self.eval_every < 1 or self.checkpoint_every < 1:
            problems.append("steps, batch_size, eval_every and checkpoint_every must be positive")
        if not (self.device in ("auto", "cpu") or self.device.startswith("cuda")):
            problems.append(f"device must be auto, cpu or cuda[:N], not {self.device!r}")
        unknown = set(self.task_weights) - set(TASKS)
        if unknown:
            problems.append(f"unknown tasks in task_weights: {sorted(unknown)}; known: {list(TASKS)}")
        corpora = ("factbank", "wiki", "conll", "checkthat")
        if set(self.corpus_repeats) - set(corpora) or any(not isinstance(n, int) or n < 1 for n in self.corpus_repeats.values()):
            problems.append(f"corpus_repeats maps corpora ({', '.join(corpora)}) to whole numbers >= 1, not {self.corpus_repeats!r}")
        if self.corpus_repeats and self.sentence_unit != "documents":
            problems.append("corpus_repeats applies to documents runs (sentence_unit: documents)")
        if problems:
            raise ValueError("invalid training config: " + "; ".join(problems))

    @classmethod
    def from_file(cls, path: str | Path | None, overrides: list[str] | None = None) -> TrainConfig:
        raw: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
        for item in overrides or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise ValueError(f"override {item!r} is not KEY=VALUE")
            target = raw
            *parents, leaf = key.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            try:
                target[leaf] = json.loads(value)
            except json.JSONDecodeError:
                target[leaf] = value
        known = {f.name for f in fields(cls)}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"unknown config keys {sorted(unknown)}; known: {sorted(known)}")
        return cls(**raw)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

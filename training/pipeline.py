"""``credscore train``: the whole chain from a training config to a model directory ready to ship.

Each stage is a function call on the model directory ``cfg.out``, in this order:

- ``train``: :func:`training.train.train` writes ``delta.safetensors``, ``credscore_model.json`` and
  ``train_config.json`` (its resumable checkpoint: :func:`training.train.checkpoint_path`);
- ``spans``, only for configs with the linker head (``"link": true``):
  :func:`training.span_decoding.choose_decoding` stores the span decoder's settings chosen on
  PolNeAR dev in the model's ``attribution`` policy;
- ``fuse``: :func:`training.fuse.fit_fusion` (dev-fitted fusion and calibration tables), then
  :func:`training.operating_points.choose_operating_points`, whose off-distribution fusion ships;
- ``card``: :func:`training.evaluate.evaluate` of the model and of the feature-only baseline
  (``dev_metrics.json``, ``dev_metrics_feature_baseline.json``), then
  :func:`training.model_card.write_card` (``MODEL_CARD.md``).

>>> from training.config import TrainConfig
>>> results = run_pipeline(TrainConfig.from_file("training/configs/smoke.json"), stages=("train",))  # doctest: +SKIP
>>> [r.stage for r in results if r.ran]  # doctest: +SKIP
['train']
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from training.config import TrainConfig

logger = logging.getLogger("credscore.training")

Stage = Literal["train", "spans", "fuse", "card"]
STAGES: tuple[Stage, ...] = ("train", "spans", "fuse", "card")
METRICS_FILE = "dev_metrics.json"
BASELINE_FILE = "dev_metrics_feature_baseline.json"


@dataclass(frozen=True)
class StageResult:
    """What one stage did: whether it ran, the files it wrote (or rewrote), why it was skipped."""

    stage: Stage
    ran: bool
    wrote: tuple[Path, ...] = ()
    skipped_because: str = ""
    seconds: float = 0.0


def check_stages(stages: Collection[str]) -> tuple[Stage, ...]:
    """The chosen stages in chain order; an unknown name is an error listing the known ones."""
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; the stages are {list(STAGES)}")
    return tuple(s for s in STAGES if s in stages)


def run_pipeline(cfg: TrainConfig, *, stages: Collection[str] = STAGES, resume: bool = False,
                 limit: int | None = None, runtime: str = "auto") -> list[StageResult]:
    """Run the chosen stages (see the module docstring) on ``cfg.out``; one result per stage.

    ``resume`` goes to :func:`training.train.train`. ``limit`` caps the rows the stages after
    training read (each stage's own ``--limit``); by default ``cfg.limit`` (small in the smoke
    config, none in the real ones). ``runtime`` is how the fusion and the evaluation run the model.
    Without the ``train`` stage, ``cfg.out`` must already hold a model.
    """
    from credscore.errors import ModelLoadError
    from credscore.model.checkpoint import CONFIG_FILE

    chosen = check_stages(stages)
    model_dir = Path(cfg.out)
    rows = limit if limit is not None else cfg.limit
    config_file = model_dir / CONFIG_FILE
    if "train" not in chosen and chosen and not config_file.is_file():
        raise ModelLoadError(f"{model_dir} holds no model ({CONFIG_FILE} is missing): run the train stage first, "
                             "or set out= to a trained model directory")
    results: list[StageResult] = []
    for stage in STAGES:
        if stage not in chosen:
            results.append(StageResult(stage, False, skipped_because="not chosen"))
            continue
        if stage == "spans" and not cfg.link:
            results.append(StageResult(stage, False, skipped_because="no linker head (link is false)"))
            continue
        logger.info("stage %s: %s", stage, model_dir)
        started = time.perf_counter()
        if stage == "train":
            from training.train import checkpoint_path, train

            train(cfg, resume=resume)
            wrote = (model_dir / "delta.safetensors", config_file, model_dir / "train_config.json", checkpoint_path(cfg))
        elif stage == "spans":
            from training.span_decoding import choose_decoding

            choose_decoding(model_dir, cfg.data_dir, limit=rows, write=True)
            wrote = (config_file,)
        elif stage == "fuse":
            from training.fuse import fit_fusion
            from training.operating_points import choose_operating_points, format_figures

            fit_fusion(model_dir, cfg.data_dir, limit=rows, runtime=runtime)
            figures = choose_operating_points(model_dir, cfg.data_dir, limit=rows, write=True)
            logger.info("operating points:\n%s", format_figures(figures))
            wrote = (config_file,)
        else:
            wrote = _card(model_dir, cfg.data_dir, limit=rows, runtime=runtime)
        seconds = time.perf_counter() - started
        logger.info("stage %s done in %.0fs", stage, seconds)
        results.append(StageResult(stage, True, wrote, seconds=round(seconds, 1)))
    return results


def _card(model_dir: Path, data_dir: str | None, *, limit: int | None, runtime: str) -> tuple[Path, ...]:
    """Dev metrics of the model and of the feature-only baseline, then the model card from them."""
    from training.evaluate import FeaturePredictor, evaluate, format_report, model_predictor
    from training.model_card import write_card

    report = evaluate(model_predictor(model_dir, runtime=runtime), data_dir, limit=limit)
    logger.info("dev metrics:\n%s", format_report(report))
    baseline = evaluate(FeaturePredictor(), data_dir, limit=limit)
    written = []
    for name, results in ((METRICS_FILE, report), (BASELINE_FILE, baseline)):
        path = model_dir / name
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return (*written, write_card(model_dir, report, baseline))


def format_results(results: list[StageResult]) -> str:
    """One line per stage: the files it wrote, or why it did not run."""
    lines = []
    for r in results:
        if r.ran:
            lines.append(f"{r.stage}: {r.seconds:.0f}s, wrote " + ", ".join(str(p) for p in r.wrote))
        else:
            lines.append(f"{r.stage}: skipped ({r.skipped_because})")
    return "\n".join(lines)

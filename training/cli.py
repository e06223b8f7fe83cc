"""``credscore train`` and ``credscore evaluate``: the training package's commands.

They reach the ``credscore`` CLI through the ``credscore.commands`` entry-point group, so the
inference package never imports ``training`` (its commands appear when it is installed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from credscore.cli import FLAG


def train(
    config: Annotated[Optional[Path], typer.Option(help="A JSON training config (training/configs/*.json).")] = None,
    overrides: Annotated[Optional[list[str]], typer.Argument(help="Dotted KEY=VALUE overrides, e.g. steps=200.")] = None,
    smoke: Annotated[bool, typer.Option("--smoke", metavar=FLAG, help="A few steps on a few rows (training/configs/smoke.json unless --config), to check the whole chain.")] = False,
    resume: Annotated[bool, typer.Option("--resume", metavar=FLAG, help="Continue training from the run's checkpoint (same config) if there is one.")] = False,
    only: Annotated[Optional[list[str]], typer.Option("--only", help="Run only this stage (repeatable): train, spans, fuse, card.")] = None,
    no_spans: Annotated[bool, typer.Option("--no-spans", metavar=FLAG, help="Skip choosing the span decoder's settings (linker configs).")] = False,
    no_fuse: Annotated[bool, typer.Option("--no-fuse", metavar=FLAG, help="Skip the fusion and operating points.")] = False,
    no_card: Annotated[bool, typer.Option("--no-card", metavar=FLAG, help="Skip the dev evaluation and MODEL_CARD.md.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Rows the stages after training read (default: the config's limit).")] = None,
    runtime: Annotated[str, typer.Option(help="How the fusion and evaluation run the model: auto, torch, onnx, onnx-int8.")] = "auto",
) -> None:
    """Train, then fit the span decoder (linker configs), the fusion and operating points, and write the model card.

    Every stage works on the config's ``out`` folder; the lines on stdout say what each stage wrote.
    """
    import logging
    import sys

    from credscore.errors import ModelLoadError
    from credscore.model.checkpoint import RUNTIMES
    from training.config import TrainConfig
    from training.pipeline import STAGES, check_stages, format_results, run_pipeline

    if runtime not in RUNTIMES:
        raise typer.BadParameter(f"--runtime must be one of {', '.join(RUNTIMES)}, not {runtime!r}")
    if limit is not None and limit < 1:
        raise typer.BadParameter(f"--limit must be a positive number of rows, not {limit}")
    skipped = {"spans": no_spans, "fuse": no_fuse, "card": no_card}
    try:
        stages = check_stages(only) if only else STAGES
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--only") from None
    stages = tuple(s for s in stages if not skipped.get(s, False))
    config_file = config or (Path(__file__).parent / "configs" / ("smoke.json" if smoke else "default.json"))
    try:
        cfg = TrainConfig.from_file(config_file, list(overrides or []) + (["smoke=true"] if smoke else []))
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--config / overrides") from None
    if not logging.getLogger().handlers:  # called outside the credscore app, whose callback installs one
        logging.basicConfig(stream=sys.stderr, format="%(asctime)s %(message)s")
    logging.getLogger("credscore.training").setLevel(logging.INFO)  # a long run shows its progress without -v
    try:
        results = run_pipeline(cfg, stages=stages, resume=resume, limit=limit, runtime=runtime)
    except ModelLoadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(format_results(results))


def evaluate(
    model: Annotated[Optional[Path], typer.Option(help="Model directory to evaluate (default: the shipped model).")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", metavar=FLAG, help="Evaluate the feature-only scorer (the baseline).")] = False,
    data: Annotated[Optional[Path], typer.Option(help="The data folder (default ../shared/data).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Rows per dev set, for a quick look.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Write the full results as JSON here.")] = None,
) -> None:
    """Dev-set metrics with bootstrap 95% intervals (PolNeAR, CheckThat!, CoNLL-2010, Szeged, SCU)."""
    from training.evaluate import main

    argv = (["--no-model"] if no_model else []) + ([f"--model={model}"] if model else [])
    argv += ([f"--data={data}"] if data else []) + ([f"--limit={limit}"] if limit else []) + ([f"--out={out}"] if out else [])
    raise typer.Exit(main(argv))

"""``credscore train`` and ``credscore evaluate``: the training package's commands.

They reach the ``credscore`` CLI through the ``credscore.commands`` entry-point group, so the
inference package never imports ``training`` (its commands appear when it is installed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def train(
    config: Annotated[Optional[Path], typer.Option(help="A JSON training config (training/configs/*.json).")] = None,
    smoke: Annotated[bool, typer.Option(help="A few steps on a few rows, to check the whole path.")] = False,
    overrides: Annotated[Optional[list[str]], typer.Argument(help="Dotted KEY=VALUE overrides, e.g. steps=200.")] = None,
) -> None:
    """Fine-tune the multi-task classifier and write a loadable model directory."""
    from training.train import main

    argv = ([f"--config={config}"] if config else []) + (["--smoke"] if smoke else []) + list(overrides or [])
    raise typer.Exit(main(argv))


def evaluate(
    model: Annotated[Optional[Path], typer.Option(help="Model directory to evaluate (default: the shipped model).")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Evaluate the feature-only scorer (the baseline).")] = False,
    data: Annotated[Optional[Path], typer.Option(help="The data folder (default ../shared/data).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Rows per dev set, for a quick look.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Write the full results as JSON here.")] = None,
) -> None:
    """Dev-set metrics with bootstrap 95% intervals (PolNeAR, CheckThat!, CoNLL-2010, Szeged, SCU)."""
    from training.evaluate import main

    argv = (["--no-model"] if no_model else []) + ([f"--model={model}"] if model else [])
    argv += ([f"--data={data}"] if data else []) + ([f"--limit={limit}"] if limit else []) + ([f"--out={out}"] if out else [])
    raise typer.Exit(main(argv))

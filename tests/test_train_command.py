"""``credscore train``: one command runs training, the span decoder grid (linker configs), the fusion
and operating points, and the dev evaluation with the model card, each stage writing into ``out``.

The end-to-end runs are a smoke config in a subprocess through the real entry point, so slow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO, SHARED

ENV = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
SMOKE = ["--smoke", "--runtime", "torch", "limit=12"]


def _credscore_train(tmp: Path, log: str, *args: str) -> str:
    """Run ``credscore train`` on the smoke config into ``tmp/model``; its stdout (logs go to ``tmp/log``)."""
    with (tmp / log).open("w") as err:
        done = subprocess.run(
            [sys.executable, "-m", "credscore.cli", "train", *SMOKE, f"out={tmp / 'model'}",
             f"checkpoint={tmp / 'model.pt'}", *args],
            cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=err, text=True, timeout=3000,
        )
    assert done.returncode == 0, (tmp / log).read_text()[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """``--only train``, then the whole chain with ``--resume`` (the finished checkpoint: no step again)."""
    pytest.importorskip("torch", reason="the model extra (torch) is not installed")
    if not (SHARED / "data" / "polnear").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    tmp = tmp_path_factory.mktemp("train-command")
    model = tmp / "model"
    only_train = _credscore_train(tmp, "only_train.log", "--only", "train")
    after_train = {
        "files": {p.name for p in model.iterdir()},
        "config": json.loads((model / "credscore_model.json").read_text()),
        "stdout": only_train,
    }
    whole = _credscore_train(tmp, "whole.log", "--resume")
    return {"tmp": tmp, "model": model, "after_train": after_train, "stdout": whole}


@pytest.mark.slow
def test_only_train_writes_the_weights_and_skips_every_other_stage(runs):
    after = runs["after_train"]
    assert after["files"] == {"credscore_model.json", "delta.safetensors", "train_config.json"}
    assert after["config"]["fusion"] == {}
    assert "operating_points" not in after["config"]["metrics"]
    lines = after["stdout"].splitlines()
    assert lines[0].startswith("train: ") and "delta.safetensors" in lines[0]
    assert lines[1:] == ["spans: skipped (not chosen)", "fuse: skipped (not chosen)", "card: skipped (not chosen)"]


@pytest.mark.slow
def test_the_whole_chain_writes_every_stage_output_into_the_model_directory(runs):
    model = runs["model"]
    assert {"credscore_model.json", "delta.safetensors", "train_config.json", "MODEL_CARD.md", "dev_metrics.json",
            "dev_metrics_feature_baseline.json"} <= {p.name for p in model.iterdir()}
    config = json.loads((model / "credscore_model.json").read_text())
    assert set(config["fusion"]) == {"checkworthy", "hedge", "weasel"}
    for fusion in config["fusion"].values():  # the operating points' refit is what ships, not the dev fit
        assert fusion["fitted_on"]["operating_point"] == 0.5 and "fit half" in fusion["fitted_on"]["split"]
    assert {"calibration", "operating_points"} <= set(config["metrics"])
    metrics = json.loads((model / "dev_metrics.json").read_text())
    assert metrics["config"]["limit"] == 12 and "polnear" in metrics
    card = (model / "MODEL_CARD.md").read_text()
    assert "## Dev metrics" in card and "Quick look only" in card
    stdout = runs["stdout"]
    assert "spans: skipped (no linker head (link is false))" in stdout
    for stage in ("train", "fuse", "card"):
        assert any(line.startswith(f"{stage}: ") and "wrote" in line for line in stdout.splitlines()), stdout


@pytest.mark.slow
def test_resume_reaches_training_and_a_finished_run_trains_no_step_again(runs):
    log = (runs["tmp"] / "whole.log").read_text()
    assert "resumed from" in log
    assert "step 1/" not in log


# -- fast: the stage choice, without training ------------------------------------------------


@pytest.fixture
def fake_model(tmp_path):
    (tmp_path / "credscore_model.json").write_text("{}")
    return tmp_path


def _record_stages(monkeypatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr("training.span_decoding.choose_decoding", lambda *a, **k: calls.append("spans"))
    monkeypatch.setattr("training.fuse.fit_fusion", lambda *a, **k: calls.append("fuse"))
    monkeypatch.setattr("training.operating_points.choose_operating_points", lambda *a, **k: calls.append("points") or {})
    monkeypatch.setattr("training.operating_points.format_figures", lambda figures: "")
    monkeypatch.setattr("training.pipeline._card", lambda *a, **k: calls.append("card") or ())
    return calls


@pytest.mark.parametrize(("link", "expected"), [(True, ["spans", "fuse", "points", "card"]), (False, ["fuse", "points", "card"])])
def test_the_span_decoder_grid_runs_only_for_configs_with_the_linker_head(monkeypatch, fake_model, link, expected):
    from training.config import TrainConfig
    from training.pipeline import run_pipeline

    calls = _record_stages(monkeypatch)
    results = run_pipeline(TrainConfig(out=str(fake_model), link=link), stages=("spans", "fuse", "card"))
    assert calls == expected
    assert [r.stage for r in results if r.ran] == [s for s in ("spans", "fuse", "card") if link or s != "spans"]


def test_stages_after_training_need_a_model_in_out(tmp_path):
    from credscore.errors import ModelLoadError
    from training.config import TrainConfig
    from training.pipeline import run_pipeline

    with pytest.raises(ModelLoadError, match="run the train stage first"):
        run_pipeline(TrainConfig(out=str(tmp_path / "none")), stages=("fuse",))


@pytest.fixture
def train_app():
    from training.cli import train

    app = typer.Typer()
    app.command()(train)
    return app


def test_an_unknown_stage_is_a_usage_error_listing_the_stages(train_app):
    result = CliRunner().invoke(train_app, ["--smoke", "--only", "bogus"])
    assert result.exit_code == 2
    assert "train" in result.output and "card" in result.output and "bogus" in result.output


def test_no_flags_skip_their_stage(monkeypatch, train_app, fake_model):
    calls = _record_stages(monkeypatch)
    result = CliRunner().invoke(train_app, ["--smoke", "--only", "fuse", "--only", "card", "--no-card", f"out={fake_model}"])
    assert result.exit_code == 0, result.output
    assert calls == ["fuse", "points"]
    assert "card: skipped (not chosen)" in result.output

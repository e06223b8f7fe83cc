"""Training is resumable: a run killed mid-way and continued with ``--resume`` ends where an
uninterrupted run ends, and the linker head learns from PolNeAR's linked attributions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SHARED

torch = pytest.importorskip("torch", reason="the model extra (torch) is not installed")
pytestmark = pytest.mark.skipif(not (SHARED / "data" / "polnear").is_dir(), reason="needs ../shared/data")

SETTINGS = ["steps=6", "eval_every=3", "checkpoint_every=1", "limit=8", "link=true", "trained_layers=6",
            "attribution_batch_size=2", "task_weights.attribution=4"]


def _args(tmp: Path, name: str) -> list[str]:
    return ["--config", str(REPO / "training" / "configs" / "smoke.json"), *SETTINGS,
            f"out={tmp / name}", f"checkpoint={tmp / (name + '.pt')}", "smoke=false"]


def _weights(directory: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(directory / "delta.safetensors"))


#: every run in one thread: float sums in another thread count differ in the last bits
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}


def _train(log: Path, *args: str) -> subprocess.Popen:
    with log.open("w") as out:  # a file, not a pipe: a pipe nobody reads can fill and block the run
        return subprocess.Popen([sys.executable, "-m", "training.train", *args], cwd=REPO, env=ENV, stdout=out, stderr=out)


def _finish(proc: subprocess.Popen, log: Path) -> None:
    assert proc.wait(timeout=300) == 0, log.read_text()[-2000:]


def test_a_run_killed_mid_way_and_resumed_ends_like_an_uninterrupted_one(tmp_path):
    _finish(_train(tmp_path / "whole.log", *_args(tmp_path, "whole")), tmp_path / "whole.log")
    proc = _train(tmp_path / "killed.log", *_args(tmp_path, "killed"))
    checkpoint = tmp_path / "killed.pt"
    deadline = time.time() + 240
    try:
        while time.time() < deadline:  # kill it once it has checkpointed step 3 and before it ends
            if checkpoint.is_file() and torch.load(checkpoint, weights_only=False)["step"] >= 3:
                break
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.2)
        else:
            pytest.fail("no checkpoint at step 3 within 240 s")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert not (tmp_path / "killed" / "delta.safetensors").exists()
    killed_at = torch.load(checkpoint, weights_only=False)["step"]
    assert 3 <= killed_at < 6

    _finish(_train(tmp_path / "resumed.log", *_args(tmp_path, "killed"), "--resume"), tmp_path / "resumed.log")
    whole, resumed = _weights(tmp_path / "whole"), _weights(tmp_path / "killed")
    assert set(whole) == set(resumed)
    assert any(k.startswith("link_") for k in whole), "the linker head is saved"
    assert any(k.startswith("encoder.encoder.layer.0.") for k in whole), "every encoder layer trains"
    for key in whole:
        assert torch.equal(whole[key], resumed[key]), key


def test_resuming_with_other_settings_is_refused_naming_them(tmp_path):
    from training.train import main

    assert main(_args(tmp_path, "run")) == 0
    with pytest.raises(ValueError, match="lr"):
        main([*_args(tmp_path, "run"), "lr=0.5", "--resume"])


def test_link_targets_tag_the_source_and_content_of_each_cue_only():
    from credscore.model.tags import LINK_TAGS
    from training.train import IGNORE, link_targets

    text = "Smith said taxes rose, but Jones told reporters they fell."
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"\w+|[^\w\s]", text)]
    offsets = [(0, 0), *words, (0, 0)]
    span = lambda phrase: [[text.index(phrase), text.index(phrase) + len(phrase)]]  # noqa: E731
    attributions = [
        {"source": span("Smith"), "cue": span("said"), "content": span("taxes rose"), "partial": False},
        {"source": span("Jones"), "cue": span("told"), "content": span("they fell"), "partial": False},
        {"source": [], "cue": [], "content": span("they fell"), "partial": True},
    ]
    links = link_targets(offsets, attributions)
    assert len(links) == 2  # the clipped attribution without its cue gives no target
    tags = [[LINK_TAGS[t] if t != IGNORE else None for t in labels] for _, labels in links]
    words_of = lambda k, tag: [text[a:b] for (a, b), t in zip(offsets, tags[k]) if t and t.endswith(tag)]  # noqa: E731
    assert words_of(0, "SOURCE") == ["Smith"] and words_of(0, "CONTENT") == ["taxes", "rose"]
    assert words_of(1, "SOURCE") == ["Jones"] and words_of(1, "CONTENT") == ["they", "fell"]
    assert tags[0][0] is None and tags[0][-1] is None  # specials are ignored
    assert [text[offsets[k][0]:offsets[k][1]] for k in links[1][0]] == ["told"]


def test_early_stopping_reads_only_the_heads_a_run_trains(tmp_path):
    """A continued run that trains the attribution heads alone is judged by them (tags and linker), not
    by the sentence heads it leaves as they are, whose dev scores are still recorded."""
    import json

    from training.train import main

    args = _args(tmp_path, "attribution-only")
    args += [f"task_weights.{task}=0" for task in ("hedge_cues", "checkworthy", "hedge", "weasel")]
    assert main(args) == 0
    history = json.loads((tmp_path / "attribution-only" / "credscore_model.json").read_text())["metrics"]["dev_history"]
    assert history
    for entry in history:
        assert {"attribution", "link", "hedge", "checkworthy"} <= set(entry)
        assert entry["mean"] == pytest.approx((entry["attribution"] + entry["link"]) / 2)


def test_a_continued_run_records_the_delta_it_started_from_and_its_command(tmp_path):
    """The model card says what a continued run started from: the sha256 of the delta as it was when the
    run began (the folder may hold a newer model by the time the card is written), and the command."""
    import json

    from training.train import main

    assert main(_args(tmp_path, "first")) == 0
    first = json.loads((tmp_path / "first" / "credscore_model.json").read_text())
    assert main(_args(tmp_path, "second") + [f"init_from={tmp_path / 'first'}", "steps=3"]) == 0
    training = json.loads((tmp_path / "second" / "credscore_model.json").read_text())["training"]
    assert training["init_from_sha256"] == first["delta_sha256"] != ""
    assert training["command"].startswith("python -m training.train --config ") and "steps=3" in training["command"]

"""The opt-in ONNX Runtime int8 path: built once into the cache, same call shape, close answers.

How close is measured on the dev sets (BENCHMARKS.md); here, on the seed articles' sentences,
that it tracks fp32 and that the scorer's output keeps its contract.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import seed_path

pytest.importorskip("torch", reason="the model extra (torch) is not installed")
pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CREDSCORE_CACHE", str(path))
        yield path


@pytest.fixture(scope="module")
def heads(cache, shipped_model_dir):
    from credscore.model.heads import ModelHeads

    return ModelHeads(shipped_model_dir, runtime="onnx-int8"), ModelHeads(shipped_model_dir, device="cpu")


def _sentences() -> list[str]:
    text = seed_path("000").read_text(encoding="utf-8") + seed_path("002").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.split()) >= 6][:80]


def test_the_int8_file_is_built_once_into_the_cache(heads, cache, shipped_model_dir):
    from credscore.model.int8 import int8_path, load_int8

    path = int8_path(shipped_model_dir)
    assert path.parent == cache and path.is_file()
    built = path.stat().st_mtime_ns
    load_int8(shipped_model_dir)
    assert path.stat().st_mtime_ns == built  # a second load reads the cache, no re-export
    fp32_weights = sum(p.numel() for p in heads[1].net.parameters()) * 4
    assert path.stat().st_size < fp32_weights / 2.5  # int8 encoder, fp32 heads


def test_int8_tracks_fp32_on_real_sentences(heads):
    int8, fp32 = heads
    texts = _sentences()
    a, b = int8.predict(texts), fp32.predict(texts)
    probs = lambda preds: np.array([[1 / (1 + np.exp(-p.logits[t])) for t in sorted(p.logits)] for p in preds])  # noqa: E731
    diff = np.abs(probs(a) - probs(b))
    assert diff.mean() < 0.03, diff.mean()
    same_cues = sum(x.attribution.get("CUE", []) == y.attribution.get("CUE", []) for x, y in zip(a, b)) / len(texts)
    assert same_cues >= 0.85, same_cues


def test_scorer_with_int8_keeps_the_output_contract(cache, shipped_model_dir, validate):
    from credscore import Scorer

    result = Scorer(model=shipped_model_dir, runtime="onnx-int8").score(seed_path("004").read_text(encoding="utf-8"))
    validate(result.to_dict())
    assert result.model.device == "cpu/onnx-int8" and result.claims


def test_int8_refuses_a_gpu_and_unknown_runtimes(shipped_model_dir):
    from credscore.model.heads import ModelHeads

    with pytest.raises(ValueError, match="runs on the CPU"):
        ModelHeads(shipped_model_dir, device="cuda", runtime="onnx-int8")
    with pytest.raises(ValueError, match="unknown runtime 'tensorrt'"):
        ModelHeads(shipped_model_dir, runtime="tensorrt")


def test_the_tokenizer_gives_transformers_ids_and_offsets():
    from transformers import AutoTokenizer

    from credscore.model.base import base_model_path, load_fast_tokenizer

    texts = _sentences() + ["x " * 300, "Ünïcödé  café — “reportedly”"]
    fast = load_fast_tokenizer()
    fast.enable_truncation(128)
    ours = fast.encode_batch(texts)
    theirs = AutoTokenizer.from_pretrained(str(base_model_path()), local_files_only=True)(
        texts, truncation=True, max_length=128, return_offsets_mapping=True)
    assert [e.ids for e in ours] == theirs["input_ids"]
    assert [[tuple(o) for o in e.offsets] for e in ours] == [[tuple(o) for o in row] for row in theirs["offset_mapping"]]


def test_a_cached_int8_model_scores_without_importing_torch(heads, cache):
    import os
    import subprocess
    import sys

    code = ("import sys; from credscore import Scorer; "
            "r = Scorer(runtime='onnx-int8').score('NATO estimated that 7,000 soldiers have been killed.'); "
            "assert r.claims and 'torch' not in sys.modules, sorted(m for m in sys.modules if 'torch' in m)[:3]")
    env = {**os.environ, "CREDSCORE_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]

"""The ONNX Runtime paths: built once into the cache, same call shape; fp32 gives torch's answers,
int8 close ones.

How close int8 is, is measured on the dev sets (BENCHMARKS.md; ``benchmarks/parity.py``); here, on
the seed articles' sentences, that fp32 matches torch, int8 tracks it, and the output keeps its contract.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import seed_path

pytest.importorskip("torch", reason="the model extra (torch) is not installed")
pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def heads(onnx_cache, shipped_model_dir):
    from credscore.model.heads import ModelHeads

    return {runtime: ModelHeads(shipped_model_dir, device="cpu", runtime=runtime)
            for runtime in ("torch", "onnx", "onnx-int8")}


def _sentences() -> list[str]:
    text = seed_path("000").read_text(encoding="utf-8") + seed_path("002").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.split()) >= 6][:80]


def _probabilities(predictions) -> np.ndarray:
    return np.array([[1 / (1 + np.exp(-p.logits[t])) for t in sorted(p.logits)] for p in predictions])


def test_the_onnx_files_are_built_once_into_the_cache(heads, onnx_cache, shipped_model_dir):
    from credscore.model.onnx_runtime import load_onnx, onnx_path

    fp32, int8 = onnx_path(shipped_model_dir, int8=False), onnx_path(shipped_model_dir, int8=True)
    assert fp32.parent == int8.parent == onnx_cache and fp32.is_file() and int8.is_file()
    built = fp32.stat().st_mtime_ns, int8.stat().st_mtime_ns
    load_onnx(shipped_model_dir, int8=False)
    load_onnx(shipped_model_dir, int8=True)
    assert (fp32.stat().st_mtime_ns, int8.stat().st_mtime_ns) == built  # read from the cache, no re-export
    torch_weights = sum(p.numel() for p in heads["torch"].net.parameters()) * 4
    assert fp32.stat().st_size > torch_weights * 0.95  # the whole fp32 network
    assert int8.stat().st_size < torch_weights / 2.5  # int8 encoder, fp32 heads


def test_onnx_fp32_gives_torch_answers_on_real_sentences(heads):
    texts = _sentences()
    ours, theirs = heads["onnx"].predict(texts), heads["torch"].predict(texts)
    if heads["torch"]._autocast is None:  # torch in fp32 here: the two must agree to float error
        assert np.abs(_probabilities(ours) - _probabilities(theirs)).max() < 1e-4
        assert [p.attribution for p in ours] == [p.attribution for p in theirs]
        assert [p.hedge_cues for p in ours] == [p.hedge_cues for p in theirs]
    else:  # bf16 was asked for ($CREDSCORE_CPU_BF16=1): compare with the bf16 tolerance
        assert np.abs(_probabilities(ours) - _probabilities(theirs)).max() < 0.05


def test_int8_tracks_fp32_on_real_sentences(heads):
    texts = _sentences()
    a, b = heads["onnx-int8"].predict(texts), heads["onnx"].predict(texts)
    diff = np.abs(_probabilities(a) - _probabilities(b))
    assert diff.mean() < 0.03, diff.mean()
    same_cues = sum(x.attribution.get("CUE", []) == y.attribution.get("CUE", []) for x, y in zip(a, b)) / len(texts)
    assert same_cues >= 0.85, same_cues


@pytest.mark.parametrize("runtime", ["onnx", "onnx-int8"])
def test_scorer_with_onnx_keeps_the_output_contract(heads, shipped_model_dir, validate, runtime):
    from credscore import Scorer

    result = Scorer(model=shipped_model_dir, runtime=runtime).score(seed_path("004").read_text(encoding="utf-8"))
    validate(result.to_dict())
    assert result.model.device == f"cpu/{runtime}" and result.claims


def test_auto_picks_torch_on_a_gpu_or_with_bf16_asked_and_onnx_fp32_otherwise(monkeypatch):
    from credscore.model import onnx_runtime
    from credscore.model.heads import CPU_BF16_ENV, resolve_runtime

    monkeypatch.setenv(CPU_BF16_ENV, "0")
    assert resolve_runtime("auto", "cpu") == ("onnx", "cpu")
    assert resolve_runtime("auto", "cuda:1") == ("torch", "cuda:1")
    assert resolve_runtime("onnx-int8", "cpu") == ("onnx-int8", "cpu")  # asked for: passed through
    monkeypatch.setenv(CPU_BF16_ENV, "1")  # bf16 asked for: torch runs it
    assert resolve_runtime("auto", "cpu") == ("torch", "cpu")
    monkeypatch.setenv(CPU_BF16_ENV, "0")
    monkeypatch.setattr(onnx_runtime, "onnx_available", lambda: False)
    assert resolve_runtime("auto", "cpu") == ("torch", "cpu")


def test_an_unwritable_cache_falls_back_to_torch_for_auto_and_fails_loudly_when_asked(shipped_model_dir, tmp_path,
                                                                                        monkeypatch, caplog):
    from credscore.errors import ModelLoadError
    from credscore.model.heads import CPU_BF16_ENV, ModelHeads

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CREDSCORE_CACHE", str(blocker / "cache"))
    monkeypatch.setenv(CPU_BF16_ENV, "0")
    with caplog.at_level("WARNING", logger="credscore"):
        assert ModelHeads(shipped_model_dir, device="cpu", runtime="auto").runtime == "torch"
    assert "CREDSCORE_CACHE" in caplog.text and "torch instead" in caplog.text
    with pytest.raises(ModelLoadError, match="set CREDSCORE_CACHE to a writable folder"):
        ModelHeads(shipped_model_dir, device="cpu", runtime="onnx")


def test_onnx_refuses_a_gpu_and_unknown_runtimes(shipped_model_dir):
    from credscore.model.heads import ModelHeads

    for runtime in ("onnx", "onnx-int8"):
        with pytest.raises(ValueError, match=f"the {runtime} runtime runs on the CPU"):
            ModelHeads(shipped_model_dir, device="cuda", runtime=runtime)
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


def test_the_default_scorer_with_a_cached_onnx_model_scores_without_importing_torch(heads, onnx_cache):
    code = ("import sys; from credscore import Scorer; "
            "r = Scorer().score('NATO estimated that 7,000 soldiers have been killed.'); "
            "assert r.model.device == 'cpu/onnx', r.model.device; "
            "assert r.claims and 'torch' not in sys.modules, sorted(m for m in sys.modules if 'torch' in m)[:3]")
    env = {**os.environ, "CREDSCORE_CACHE": str(onnx_cache), "HF_HUB_OFFLINE": "1", "CREDSCORE_CPU_BF16": "0"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_cache_key_follows_the_weights_and_the_network_shape_not_the_fitted_policy(shipped_model_dir, tmp_path):
    import json
    import shutil

    from credscore.model.checkpoint import CONFIG_FILE, WEIGHTS_FILE
    from credscore.model.onnx_runtime import onnx_path

    copy = tmp_path / shipped_model_dir.name
    copy.mkdir()
    for name in (CONFIG_FILE, WEIGHTS_FILE):
        shutil.copy(shipped_model_dir / name, copy / name)
    config = json.loads((copy / CONFIG_FILE).read_text(encoding="utf-8"))

    def key_with(**changes) -> str:
        (copy / CONFIG_FILE).write_text(json.dumps({**config, **changes}), encoding="utf-8")
        return onnx_path(copy, int8=False).name

    shipped = onnx_path(shipped_model_dir, int8=False).name
    assert key_with() == shipped
    # refitted on dev, applied to the graph's outputs: the cached export still holds
    assert key_with(attribution={"add": "none", "veto": False}, fusion={}, thresholds={"checkworthy": 0.9}) == shipped
    # a different network: a different file
    assert key_with(pooling="cls") != shipped
    assert key_with(trained_layers=config["trained_layers"] + 1) != shipped
    key_with()
    weights = bytearray((copy / WEIGHTS_FILE).read_bytes())
    weights[-1] ^= 1
    (copy / WEIGHTS_FILE).write_bytes(bytes(weights))
    assert onnx_path(copy, int8=False).name != shipped


def test_a_cached_onnx_file_that_no_longer_matches_its_sha256_is_rebuilt_with_a_warning(
        heads, onnx_cache, shipped_model_dir, tmp_path, monkeypatch, caplog):
    import shutil

    from credscore.model.base import file_sha256
    from credscore.model.onnx_runtime import ensure_onnx, onnx_path, sha256_path

    built = onnx_path(shipped_model_dir, int8=False)
    monkeypatch.setenv("CREDSCORE_CACHE", str(tmp_path))  # a copy of the session's cache, damaged
    copy = onnx_path(shipped_model_dir, int8=False)
    shutil.copy(built, copy)
    shutil.copy(sha256_path(built), sha256_path(copy))
    assert ensure_onnx(shipped_model_dir, int8=False) == copy and not caplog.records  # intact: used as it is
    with open(copy, "ab") as handle:
        handle.write(b"\0")
    with caplog.at_level("WARNING", logger="credscore"):
        assert ensure_onnx(shipped_model_dir, int8=False) == copy
    assert "does not match its sha256 record" in caplog.text and "rebuilding it" in caplog.text
    assert file_sha256(copy) == sha256_path(copy).read_text(encoding="ascii").strip()


def test_a_cached_onnx_file_without_a_sha256_record_is_not_trusted(heads, shipped_model_dir, tmp_path):
    import shutil

    from credscore.model.onnx_runtime import _cache_damage, onnx_path

    copy = tmp_path / "model.fp32.onnx"
    shutil.copy(onnx_path(shipped_model_dir, int8=False), copy)
    assert "no readable sha256 record" in _cache_damage(copy)


def test_the_onnx_runtime_refuses_a_changed_delta_before_exporting_it(shipped_model_dir, tmp_path, monkeypatch):
    import shutil

    from credscore.errors import ModelLoadError
    from credscore.model.onnx_runtime import ensure_onnx

    tampered = tmp_path / "model"
    shutil.copytree(shipped_model_dir, tampered)
    weights = bytearray((tampered / "delta.safetensors").read_bytes())
    weights[-1] ^= 0x01
    (tampered / "delta.safetensors").write_bytes(bytes(weights))
    monkeypatch.setenv("CREDSCORE_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ModelLoadError, match="changed or damaged after the model was saved"):
        ensure_onnx(tampered, int8=False)
    assert not (tmp_path / "cache").exists()

"""Scoring in worker processes gives the same results, in input order, errors in place."""

from __future__ import annotations

import pytest

from conftest import seed_path


def _items() -> list[object]:
    texts = [seed_path(p).read_text(encoding="utf-8") for p in ("000", "001", "002", "003", "004")]
    items: list[object] = [{"text": t, "id": f"seed{i}"} for i, t in enumerate(texts)]
    items.insert(1, {"id": "no-text"})  # refused in place, in a batch with good records
    items.insert(4, 42)
    return items


def test_two_worker_processes_match_one_process_record_for_record(scorer):
    from credscore import Scorer

    items = _items()
    alone = [r.to_dict() for r in Scorer(model=None, batch_size=2).score_many(items)]
    pooled = [r.to_dict() for r in Scorer(model=None, batch_size=2, workers=2).score_many(items)]
    assert pooled == alone
    assert [r.get("id") for r in pooled] == ["seed0", "no-text", "seed1", "seed2", None, "seed3", "seed4"]
    assert "error" in pooled[1] and "error" in pooled[4]


def test_worker_processes_hand_back_each_records_context():
    from credscore import Scorer

    items = _items()
    pairs = list(Scorer(model=None, batch_size=3, workers=2).score_many(((item, k) for k, item in enumerate(items)), as_tuples=True))
    assert [k for _, k in pairs] == list(range(len(items)))


def test_workers_must_be_positive():
    from credscore import Scorer

    with pytest.raises(ValueError, match="workers must be at least 1"):
        Scorer(model=None, workers=0)
    with pytest.raises(ValueError, match="unknown runtime 'tensorrt'"):  # before any worker starts
        Scorer(workers=2, runtime="tensorrt")


@pytest.mark.slow
def test_model_workers_match_one_process_and_share_one_onnx_export(shipped_model_dir, tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime", reason="the onnx extra is not installed")
    from credscore import Scorer, parallel
    from credscore.model.checkpoint import model_directories
    from credscore.model.onnx_runtime import onnx_path, sha256_path

    monkeypatch.setenv("CREDSCORE_CACHE", str(tmp_path))  # empty: the parent must build the files
    built = [onnx_path(d, int8=False) for d in model_directories(shipped_model_dir)]  # with its span model's
    ready_before_the_pool: list[bool] = []

    worker_pool = parallel.WorkerPool

    def pool(*args, **kwargs):
        ready_before_the_pool.append(all(path.is_file() for path in built))
        return worker_pool(*args, **kwargs)

    monkeypatch.setattr(parallel, "WorkerPool", pool)
    items = _items()[:4]
    pooled = [r.to_dict() for r in Scorer(model=shipped_model_dir, runtime="onnx", batch_size=2, workers=2).score_many(items)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for b in built for n in (b.name, sha256_path(b).name))
    alone = [r.to_dict() for r in Scorer(model=shipped_model_dir, runtime="onnx", batch_size=2).score_many(items)]
    assert ready_before_the_pool == [True]  # built once here, before any worker process started
    assert pooled == alone and pooled[0]["model"]["device"] == "cpu/onnx"

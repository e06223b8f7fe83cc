"""Operating points chosen off-distribution: fixed halves, balanced fits that move 0.5, the product's fusion."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from training.operating_points import apply, fit_variant, half, prf


def test_halves_are_fixed_and_about_even():
    keys = [f"id{i}" for i in range(2000)]
    first = [half(k) for k in keys]
    assert first == [half(k) for k in keys]
    assert 0.45 < first.count("fit") / len(keys) < 0.55


def test_a_balanced_fit_finds_the_rare_class_that_a_plain_fit_misses():
    rng = np.random.default_rng(0)
    y = (rng.random(600) < 0.15).astype(int)
    x = np.column_stack([rng.normal(y * 1.0, 1.0), rng.normal(0, 1, 600)])
    plain = prf(y, apply(fit_variant(x, y, balanced=False, isotonic=False), x))
    balanced = prf(y, apply(fit_variant(x, y, balanced=True, isotonic=False), x))
    assert balanced["r"] > plain["r"] + 0.3


def test_apply_is_what_the_model_heads_compute():
    pytest.importorskip("torch")
    from credscore.model.heads import ModelHeads

    rng = np.random.default_rng(1)
    y = (rng.random(300) < 0.3).astype(int)
    x = np.column_stack([rng.normal(y * 2.0, 1.0), rng.random(300)])
    fusion = fit_variant(x, y, balanced=True, isotonic=True)
    heads = SimpleNamespace(config=SimpleNamespace(fusion={"checkworthy": fusion}))
    expected = [ModelHeads.fused(heads, "checkworthy", float(a), float(b)) for a, b in x[:20]]
    assert np.allclose(apply(fusion, x[:20]), expected)

"""The one batch call, :func:`credscore.batch.score_many`, and the one-way imports between the scorer and its engines."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "credscore"


def _imported_modules(module: str) -> set[str]:
    """Every credscore module ``module`` imports, at the top or inside a function (lazy imports count)."""
    tree = ast.parse((PACKAGE / f"{module.split('.', 1)[1].replace('.', '/')}.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)  # from credscore import parallel
    return {name for name in names if name.startswith("credscore.")}


@pytest.mark.parametrize(("module", "never"), [
    ("credscore.scorer", {"credscore.batch", "credscore.distributed", "credscore.cli"}),
    ("credscore.parallel", {"credscore.scorer", "credscore.batch", "credscore.distributed", "credscore.cli"}),
    ("credscore.distributed", {"credscore.parallel", "credscore.batch", "credscore.cli"}),
    ("credscore.batch", {"credscore.cli"}),
    ("credscore.model.locate", {"credscore.scorer", "credscore.parallel", "credscore.distributed", "credscore.batch"}),
])
def test_the_scorer_and_its_engines_import_each_other_one_way_only(module, never):
    assert not _imported_modules(module) & never


def test_importing_the_scorer_imports_no_engine():
    code = ("import sys, credscore.scorer; "
            "print(sorted(m for m in ('credscore.parallel', 'credscore.distributed', 'credscore.batch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_resolve_model_dir_has_one_home_and_the_scorer_still_offers_it():
    from credscore.model import locate
    from credscore.scorer import resolve_model_dir

    assert resolve_model_dir is locate.resolve_model_dir


def test_the_local_engine_is_the_scorers_own_score_many():
    from credscore import Scorer
    from credscore.batch import score_many

    items: list[object] = [{"id": "a", "text": "Police said two men were arrested."}, {"id": "no-text"}, 42]
    scorer = Scorer(model=None, batch_size=2)
    got = [r.to_dict() for r in score_many(items, scorer=scorer)]
    assert got == [r.to_dict() for r in scorer.score_many(items)]
    assert [r.get("id") for r in got] == ["a", "no-text", None] and "error" in got[1] and "error" in got[2]
    pairs = list(score_many(((item, k) for k, item in enumerate(items)), scorer=scorer, as_tuples=True))
    assert [k for _, k in pairs] == [0, 1, 2]


def test_an_unknown_engine_or_a_runtime_ray_cannot_run_is_refused_before_scoring():
    from credscore import Scorer
    from credscore.batch import score_many

    with pytest.raises(ValueError, match="unknown engine 'spark'; known: local, ray"):
        score_many([], scorer=Scorer(model=None), engine="spark")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="runtime 'onnx' runs with the local engine"):
        score_many([], scorer=Scorer(model=None, runtime="onnx"), engine="ray")


def test_the_ray_engine_without_ray_says_how_to_install_it(monkeypatch):
    from credscore import Scorer, batch

    monkeypatch.setattr(batch, "find_spec", lambda name: None)
    with pytest.raises(ImportError, match=r"pip install 'credscore\[ray\]'"):
        batch.score_many([], scorer=Scorer(model=None), engine="ray")

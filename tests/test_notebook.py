"""The notebooks run top to bottom, headless, so they cannot rot: the evaluation (shipped model), the article score and the source kinds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SHARED

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "evaluation.ipynb"


def _execute(path: Path, monkeypatch: pytest.MonkeyPatch, limit: int) -> str:
    """Run the notebook at ``path`` headless from the repo root with ``NOTEBOOK_LIMIT``; its printed text.

    A cell that raises fails the test here.
    """
    nbformat = pytest.importorskip("nbformat", reason="the notebook extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the notebook extra is not installed")
    monkeypatch.setenv("NOTEBOOK_LIMIT", str(limit))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent.parent)}}).execute()
    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    return "".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []))


@pytest.mark.slow
def test_evaluation_notebook_executes(monkeypatch):
    pytest.importorskip("nbformat", reason="the notebook extra is not installed")
    pytest.importorskip("torch", reason="the model extra is not installed")
    if not (SHARED / "data").is_dir():
        pytest.skip(f"dev data not found at {SHARED / 'data'}")
    from credscore.errors import ModelLoadError
    from credscore.model.locate import resolve_model_dir

    try:
        resolve_model_dir(os.environ.get("CREDSCORE_MODEL", "default"))
    except ModelLoadError as exc:
        pytest.skip(f"no shipped model to evaluate: {exc}")
    outputs = _execute(NOTEBOOK, monkeypatch, 60)
    assert "F1@0.5" in outputs and "Brier" in outputs and "most confident mistakes" in outputs


ARTICLE_NOTEBOOK = NOTEBOOK.with_name("article_score.ipynb")


@pytest.mark.slow
def test_article_score_notebook_executes(monkeypatch):
    """The article score against the article labels: distributions, AUCs beside the references, reliability."""
    if not (SHARED / "data" / "article_labels").is_dir():
        pytest.skip(f"article labels not found at {SHARED / 'data' / 'article_labels'}")
    outputs = _execute(ARTICLE_NOTEBOOK, monkeypatch, 8)
    assert "said-share (regex reference)" in outputs and "reliability" in outputs and "Horne real" in outputs


KINDS_NOTEBOOK = NOTEBOOK.with_name("source_kinds.ipynb")


@pytest.mark.slow
def test_source_kinds_notebook_executes(monkeypatch):
    """Source kinds on the gold dev split: accuracy, confusion matrices before and after, the commonest errors."""
    if not (SHARED / "data" / "polnear").is_dir():
        pytest.skip(f"the source mentions' data not found at {SHARED / 'data'}")
    outputs = _execute(KINDS_NOTEBOOK, monkeypatch, 80)
    assert "before" in outputs and "after" in outputs and "macro-F1" in outputs and "→" in outputs

"""notebooks/evaluation.ipynb runs top to bottom on the shipped model, headless, so it cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SHARED

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "evaluation.ipynb"


@pytest.mark.slow
def test_evaluation_notebook_executes(monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="the notebook extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the notebook extra is not installed")
    pytest.importorskip("torch", reason="the model extra is not installed")
    if not (SHARED / "data").is_dir():
        pytest.skip(f"dev data not found at {SHARED / 'data'}")
    from credscore.errors import ModelLoadError
    from credscore.scorer import resolve_model_dir

    try:
        resolve_model_dir(os.environ.get("CREDSCORE_MODEL", "default"))
    except ModelLoadError as exc:
        pytest.skip(f"no shipped model to evaluate: {exc}")
    monkeypatch.setenv("NOTEBOOK_LIMIT", "60")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent.parent)}}).execute()
    outputs = "".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []))
    assert "F1@0.5" in outputs and "Brier" in outputs and "most confident mistakes" in outputs
    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


ARTICLE_NOTEBOOK = NOTEBOOK.with_name("article_score.ipynb")


@pytest.mark.slow
def test_article_score_notebook_executes(monkeypatch):
    """The article score against the article labels: distributions, AUCs beside the references, reliability."""
    nbformat = pytest.importorskip("nbformat", reason="the notebook extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the notebook extra is not installed")
    if not (SHARED / "data" / "article_labels").is_dir():
        pytest.skip(f"article labels not found at {SHARED / 'data' / 'article_labels'}")
    monkeypatch.setenv("NOTEBOOK_LIMIT", "8")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nb = nbformat.read(ARTICLE_NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ARTICLE_NOTEBOOK.parent.parent)}}).execute()
    outputs = "".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []))
    assert "said-share (regex reference)" in outputs and "reliability" in outputs and "Horne real" in outputs
    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


KINDS_NOTEBOOK = NOTEBOOK.with_name("source_kinds.ipynb")


@pytest.mark.slow
def test_source_kinds_notebook_executes(monkeypatch):
    """Source kinds on the gold dev split: accuracy, confusion matrices before and after, the commonest errors."""
    nbformat = pytest.importorskip("nbformat", reason="the notebook extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the notebook extra is not installed")
    if not (SHARED / "data" / "polnear").is_dir():
        pytest.skip(f"the source mentions' data not found at {SHARED / 'data'}")
    monkeypatch.setenv("NOTEBOOK_LIMIT", "80")
    nb = nbformat.read(KINDS_NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(KINDS_NOTEBOOK.parent.parent)}}).execute()
    outputs = "".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []))
    assert "before" in outputs and "after" in outputs and "macro-F1" in outputs and "→" in outputs
    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors

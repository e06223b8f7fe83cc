"""The distribution: a wheel built from this tree, installed elsewhere, scores with the shipped model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, seed_path


@pytest.mark.slow
def test_an_installed_wheel_scores_with_the_shipped_model_from_another_folder(tmp_path, shipped_model_dir):
    """Builds the wheel, installs it into a fresh venv and scores a seed from an unrelated folder.

    Installing torch, transformers and spaCy into the fresh venv takes minutes on a small machine,
    so the venv borrows this environment's site-packages through a ``.pth`` line and only the
    wheel is installed into it, with ``--no-deps``. A ``.pth`` line adds the folder to
    ``sys.path`` without running the ``.pth`` files inside it, so this checkout's editable install
    stays out (``--system-site-packages`` would run it), and the venv's own site-packages comes
    first, so ``credscore`` is imported from the wheel.
    """
    from credscore.model.checkpoint import read_config

    source = tmp_path / "source"  # a copy, so the build's build/ and egg-info stay out of the checkout
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "runs", "out"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", str(source), "-w", str(tmp_path / "dist")],
                   check=True, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("credscore-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], check=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CREDSCORE_MODEL", "PYTHONPATH")}
    where = subprocess.run([str(python), "-c", "import credscore; print(credscore.__file__)"],
                           check=True, capture_output=True, text=True, cwd=elsewhere, env=env).stdout.strip()
    assert Path(where).is_relative_to(site), f"credscore was imported from {where}, not from the installed wheel"
    command = venv / ("Scripts/credscore.exe" if os.name == "nt" else "bin/credscore")
    done = subprocess.run([str(command), "score", str(seed_path("000")), "--format", "json", "--runtime", "torch"],
                          capture_output=True, text=True, cwd=elsewhere, env=env)
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)
    assert result["model"]["name"] == read_config(shipped_model_dir).name != "credscore-features"

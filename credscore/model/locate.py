"""Where a model's files are: the shipped model, ``$CREDSCORE_MODEL``, or a directory given by path.

Below the scorer and its batch engines, so that each of them can find a model without importing
the others. Imports neither torch nor the model code.
"""

from __future__ import annotations

import os
from pathlib import Path

from credscore.errors import ModelLoadError

DEFAULT_MODEL = "credscore-minilm"


def shipped_model_dir() -> Path:
    """The model packaged with credscore, found as package data so that a wheel install has it too.

    >>> shipped_model_dir().name
    'credscore-minilm'
    """
    from importlib.resources import files

    return Path(str(files("credscore") / "models" / DEFAULT_MODEL))


def resolve_model_dir(model: str | Path) -> Path:
    """The directory of ``model``: a path, or "default" → ``$CREDSCORE_MODEL`` or :func:`shipped_model_dir`.

    A directory that does not exist raises :class:`~credscore.errors.ModelLoadError`.

    >>> resolve_model_dir("default").is_dir()  # doctest: +SKIP
    True
    """
    if str(model) != "default":
        path = Path(model)
        if not path.is_dir():
            raise ModelLoadError(f"model directory {path} does not exist")
        return path
    candidates = [Path(p) for p in (os.environ.get("CREDSCORE_MODEL"),) if p]
    candidates.append(shipped_model_dir())
    for path in candidates:
        if path.is_dir():
            return path
    raise ModelLoadError(
        f"the shipped model was not found (looked in {', '.join(map(str, candidates))}); "
        "set CREDSCORE_MODEL to a model directory, or use Scorer(model=None) / --no-model for the feature-only scorer"
    )

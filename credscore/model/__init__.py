"""The fine-tuned classifier: one MiniLM encoder pass per sentence, one head per task.

torch is imported when something that needs it is used (the network, loading a checkpoint with
the torch runtime), not by importing this package: the ONNX runtimes run without it.
"""

from typing import Any

from credscore.model.checkpoint import ModelConfig, load_model, save_model
from credscore.model.tags import ATTRIBUTION_TAGS, HEDGE_TAGS, SENTENCE_TASKS

__all__ = ["ATTRIBUTION_TAGS", "HEDGE_TAGS", "SENTENCE_TASKS", "ModelConfig", "MultiTaskNet", "load_model", "save_model"]


def __getattr__(name: str) -> Any:
    if name == "MultiTaskNet":
        from credscore.model.network import MultiTaskNet

        return MultiTaskNet
    raise AttributeError(f"module 'credscore.model' has no attribute {name!r}")

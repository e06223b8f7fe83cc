"""The fine-tuned classifier: one MiniLM encoder pass per sentence, one head per task.

Importing this package imports torch; ``credscore`` itself never does unless a model is used.
"""

from credscore.model.checkpoint import ModelConfig, load_model, save_model
from credscore.model.network import ATTRIBUTION_TAGS, HEDGE_TAGS, SENTENCE_TASKS, MultiTaskNet

__all__ = ["ATTRIBUTION_TAGS", "HEDGE_TAGS", "SENTENCE_TASKS", "ModelConfig", "MultiTaskNet", "load_model", "save_model"]

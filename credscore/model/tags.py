"""The heads' label sets: plain data, importable without torch (the ONNX runtimes need no torch)."""

ATTRIBUTION_TAGS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
HEDGE_TAGS: tuple[str, ...] = ("O", "B-CUE", "I-CUE")
SENTENCE_TASKS: tuple[str, ...] = ("checkworthy", "hedge", "weasel")

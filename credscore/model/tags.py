"""The heads' label sets: plain data, importable without torch (the ONNX runtimes need no torch)."""

ATTRIBUTION_TAGS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
HEDGE_TAGS: tuple[str, ...] = ("O", "B-CUE", "I-CUE")
SENTENCE_TASKS: tuple[str, ...] = ("checkworthy", "hedge", "weasel")
#: The linker's tags: for one cue, the words of its source and of its content (PolNeAR roles).
LINK_TAGS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT")
#: Signed distance buckets from a cue (0: inside it) that the linker sees for every token.
LINK_MAX_BUCKET = 15

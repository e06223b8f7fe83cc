"""The heads' label sets: plain data, importable without torch (the ONNX runtimes need no torch)."""

ATTRIBUTION_TAGS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
HEDGE_TAGS: tuple[str, ...] = ("O", "B-CUE", "I-CUE")
SENTENCE_TASKS: tuple[str, ...] = ("checkworthy", "hedge", "weasel")
#: The linker's tags: for one cue, the words of its source and of its content (PolNeAR roles).
LINK_TAGS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CONTENT", "I-CONTENT")
#: Signed distance buckets from a cue (0: inside it) that the linker sees for every token.
LINK_MAX_BUCKET = 15

#: the sentence heads' poolings: the mean state over the sentence, [CLS], or the mean and the maximum
#: state with the three tag probabilities of TAG_FEATURES (``network.sentence_features``)
POOLINGS = ("mean", "cls", "mean_max_tags")
#: the tag probabilities ``mean_max_tags`` adds to the pooled states, in order
TAG_FEATURES = ("hedge_cue_max", "hedge_cue_mean", "attribution_cue_max")
CUE_TAGS = tuple(i for i, tag in enumerate(ATTRIBUTION_TAGS) if tag.endswith("-CUE"))


def pooled_width(hidden: int, pooling: str) -> int:
    """Width of the sentence heads' input for a pooling."""
    return 2 * hidden + len(TAG_FEATURES) if pooling == "mean_max_tags" else hidden

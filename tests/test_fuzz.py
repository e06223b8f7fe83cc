"""Property-based fuzzing of the feature-only scorer: whatever the text, it scores or refuses cleanly.

Every result's offsets slice its text, its scores lie in [0, 1], and its dict is strict JSON that
validates against the published schema. ``CREDSCORE_FUZZ_EXAMPLES`` raises the example count for
a longer run (see BENCHMARKS.md, "Hostile inputs").
"""

from __future__ import annotations

import json
import math
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from credscore import InputError  # noqa: E402

EXAMPLES = int(os.environ.get("CREDSCORE_FUZZ_EXAMPLES", "30"))

# Pieces the red-team's crashes were made of, mixed with arbitrary text.
FRAGMENTS = [
    "The minister said the plan had failed.", "“We won,” he said.", "According to police, 20 people died.",
    "Officials reportedly claimed it was poſſibly true.", "He claİmed İstanbul was calm.", "•", "\n", "\n\n",
    " ", "By JOHN SMITH AND Jane Doe", "By A AND A AND A!", "<!---->", "(Getty)", "Credit: AP", "“", "”",
    "'", "’", "(", "\t", "\x1b[31m", "\ud800", "\u200b", "©", "Read more: x", "Oops!", "-", "…", "12",
    "<p>", "</p>", "e\u0301", "\r\n", "said", "sources", "she told the BBC.", "A spokesperson said:",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=25).map("".join)


def _spans(node: object):
    """Every dict in ``node`` with integer ``start`` and ``end`` (offsets into the article text)."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, derandomize="CREDSCORE_FUZZ_EXAMPLES" not in os.environ)
@given(text=TEXT)
def test_any_text_scores_with_valid_offsets_scores_and_json_or_is_refused(scorer, validate, text):
    try:
        result = scorer.score(text)
    except InputError as error:  # refused: blank, too long; never another exception
        assert error.input_name == "<text>" and error.problem
        return
    base = result.extracted_text if result.extracted_text is not None else text
    base = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in base)
    payload = result.to_dict()
    for span in _spans(payload):
        assert 0 <= span["start"] <= span["end"] <= len(base), span
        if "text" in span:
            assert base[span["start"] : span["end"]] == span["text"], span
    scores = [result.score] + [value for c in result.claims for value in
                               (c.checkworthiness, c.hedge_score, c.weasel_score, c.score)]
    for value in scores:
        assert value is None or (math.isfinite(value) and 0.0 <= value <= 1.0), scores
    json.dumps(payload, allow_nan=False)
    validate(payload)

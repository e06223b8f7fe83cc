"""The weasel fine-tuning experiment's batching: every training sentence once an epoch, in batches of like length."""

from __future__ import annotations

import random

from training.weasel_finetune import _length_batches


def test_length_batches_hold_every_row_once_in_batches_of_at_most_the_size():
    random.seed(0)
    rows = [("word " * random.randint(1, 60), i % 3 == 0) for i in range(1000)]
    batches = _length_batches(rows, 32, pool=5)
    assert sorted(r for b in batches for r in b) == sorted(rows)
    assert all(1 <= len(b) <= 32 for b in batches)


def test_length_batches_group_sentences_of_like_length():
    random.seed(1)
    rows = [("word " * random.randint(1, 60), 0) for _ in range(640)]
    spread = [max(len(t) for t, _ in b) - min(len(t) for t, _ in b) for b in _length_batches(rows, 32, pool=20)]
    shuffled = rows[:]
    random.shuffle(shuffled)
    unsorted = [max(len(t) for t, _ in shuffled[i:i + 32]) - min(len(t) for t, _ in shuffled[i:i + 32])
                for i in range(0, 640, 32)]
    assert sum(spread) < sum(unsorted) / 3

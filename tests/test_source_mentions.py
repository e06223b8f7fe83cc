"""The hand-labelled source-mention corpus: it rebuilds from ../shared/data, its spans slice, its splits hold."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from training import source_mentions as sm

KINDS = {"named_person", "named_organization", "document", "media", "anonymous_specific", "anonymous_vague", "unattributed"}


@pytest.fixture(scope="module")
def rows():
    if not sm.DEFAULT_DATA.is_dir():
        pytest.skip("../shared/data is not here")
    standoff = [json.loads(line) for line in (sm.GOLD / "source_mentions.standoff.jsonl").read_text(encoding="utf-8").splitlines()]
    return [sm.hydrate_row(row, sm.DEFAULT_DATA) for row in standoff]


def test_every_row_rebuilds_and_its_spans_slice_the_passage(rows):
    assert sm.check(rows) == []
    assert len(rows) >= 2000


def test_each_kind_at_least_150_times_and_dev_split_by_article(rows):
    counts = Counter(row["kind"] for row in rows)
    assert set(counts) == KINDS and min(counts.values()) >= 150
    splits: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        splits.setdefault((row["dataset"], row["article"]), set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())
    dev = sum(row["split"] == "dev" for row in rows) / len(rows)
    assert 0.2 <= dev <= 0.35

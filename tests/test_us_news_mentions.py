"""The US news source mentions (training/gold/US_NEWS_MENTIONS.md): they rebuild from the article labels,
their spans slice, their split is the article's, and the two labelling passes agree as the card says."""

from __future__ import annotations

import json

import pytest

from training import source_mentions as sm
from training import us_news_mentions as us


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (us.GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rows():
    if not sm.DEFAULT_DATA.joinpath("article_labels").is_dir():
        pytest.skip("../shared/data/article_labels is not here")
    return [us.hydrate_row(row) for row in _load("us_news_mentions.standoff.jsonl")]


def test_every_row_rebuilds_its_spans_slice_and_its_split_is_its_articles(rows):
    assert [e for e in sm.check(rows) if "split" not in e] == []
    assert len(rows) == 297
    assert all(row["split"] == us.split_of(row["article"]) for row in rows)


def test_dropped_and_kept_rows_are_the_passes_rows_and_agreement_is_as_reported():
    kept = {row["id"] for row in _load("us_news_mentions.standoff.jsonl")}
    dropped = set((us.GOLD / "us_news_mentions_dropped_ids.txt").read_text().split())
    first, second = _load("us_news_mentions_first_pass.jsonl"), _load("us_news_mentions_second_pass.jsonl")
    assert not kept & dropped and kept | dropped == {r["id"] for r in first} == {r["id"] for r in second}
    figures = us.agreement(first, second)
    assert (figures["both_kept"], figures["kind_agreement"], figures["kappa"]) == (295, 0.963, 0.955)

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
    assert len(rows) == 483
    # parts a and b split by article; part c is a later draw from part a's articles only
    assert all(row["split"] == us.split_of(row["article"]) for row in rows if row["split"] != "c")
    assert {us.split_of(row["article"]) for row in rows if row["split"] == "c"} == {"a"}
    assert sum(row["split"] == "c" for row in rows) == 186


def test_dropped_and_kept_rows_are_the_passes_rows_and_agreement_is_as_reported():
    kept = {row["id"] for row in _load("us_news_mentions.standoff.jsonl")}
    dropped = set((us.GOLD / "us_news_mentions_dropped_ids.txt").read_text().split())
    first, second = _load("us_news_mentions_first_pass.jsonl"), _load("us_news_mentions_second_pass.jsonl")
    assert not kept & dropped and kept | dropped == {r["id"] for r in first} == {r["id"] for r in second}
    in_c = lambda r: int(r["id"][2:]) >= us.ROUND_C["first_id"]
    figures = us.agreement([r for r in first if not in_c(r)], [r for r in second if not in_c(r)])
    assert (figures["both_kept"], figures["kind_agreement"], figures["kappa"]) == (295, 0.963, 0.955)
    figures = us.agreement([r for r in first if in_c(r)], [r for r in second if in_c(r)])
    assert (figures["rows"], figures["both_kept"], figures["kind_agreement"], figures["kappa"]) == (217, 184, 0.995, 0.993)

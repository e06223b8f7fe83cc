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
    assert len(rows) == 1784
    # parts a and b split by article; parts c and d are later draws from part a's articles only, e to j from PolNeAR's
    assert all(row["split"] == us.split_of(row["article"]) for row in rows if row["split"] in ("a", "b"))
    assert {us.split_of(row["article"]) for row in rows if row["split"] in ("c", "d")} == {"a"}
    assert {row["dataset"] for row in rows if row["split"] in ("e", "f", "g", "h", "i", "j")} == {"polnear"}
    assert [sum(row["split"] == s for row in rows) for s in "cdefghij"] == [186, 140, 196, 195, 196, 188, 194, 192]
    assert all(row["split"] == us.round_of(row["id"]) for row in rows if row["split"] in tuple("cdefghij"))


def test_dropped_and_kept_rows_are_the_passes_rows_and_agreement_is_as_reported():
    kept = {row["id"] for row in _load("us_news_mentions.standoff.jsonl")}
    dropped = set((us.GOLD / "us_news_mentions_dropped_ids.txt").read_text().split())
    first, second = _load("us_news_mentions_first_pass.jsonl"), _load("us_news_mentions_second_pass.jsonl")
    assert not kept & dropped and kept | dropped == {r["id"] for r in first} == {r["id"] for r in second}
    def figures(draw: str) -> dict:
        return us.agreement([r for r in first if us.round_of(r["id"]) == draw], [r for r in second if us.round_of(r["id"]) == draw])

    assert (figures("ab")["both_kept"], figures("ab")["kind_agreement"], figures("ab")["kappa"]) == (295, 0.963, 0.955)
    c, d, e, f, g, h, i, j = (figures(draw) for draw in "cdefghij")
    assert (c["rows"], c["both_kept"], c["kind_agreement"], c["kappa"]) == (217, 184, 0.995, 0.993)
    assert (d["rows"], d["both_kept"], d["kind_agreement"], d["kappa"]) == (155, 137, 0.956, 0.938)
    assert (e["rows"], e["both_kept"], e["kind_agreement"], e["kappa"]) == (200, 196, 0.969, 0.961)
    assert (f["rows"], f["both_kept"], f["kind_agreement"], f["kappa"]) == (200, 193, 0.99, 0.987)
    assert (g["rows"], g["both_kept"], g["kind_agreement"], g["kappa"]) == (200, 192, 0.995, 0.993)
    assert (h["rows"], h["both_kept"], h["kind_agreement"], h["kappa"]) == (200, 186, 0.984, 0.979)
    assert (i["rows"], i["both_kept"], i["kind_agreement"], i["kappa"]) == (200, 194, 0.974, 0.968)
    assert (j["rows"], j["both_kept"], j["kind_agreement"], j["kappa"]) == (200, 191, 0.995, 0.993)

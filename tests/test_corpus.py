"""The corpus layer on the five seeds: 001 rewrites and relays 000 (the Mirror); 002 and 004 both
rewrite The Times' interview with Osechkin and his whistleblower; 003 is a different story."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from credscore.results import SCHEMA_VERSION
from tests.conftest import REPO, SEED_IDS, seed_path

#: the outlets the seeds' own text names (shared/seeds/README.md)
OUTLETS = {"000": "The Mirror", "001": "Daily Express", "002": "MailOnline", "003": "The Sun", "004": "Yahoo News UK"}


def seed_records(published: dict[str, str] | None = None) -> list[dict]:
    return [{"id": p, "text": seed_path(p).read_text(encoding="utf-8"), "outlet": OUTLETS[p],
             "published": (published or {}).get(p)} for p in SEED_IDS]


@pytest.fixture(scope="module")
def corpus(scorer):
    return scorer.score_corpus(seed_records())


def story_of(corpus, article: str):
    return next(s for s in corpus.stories if article in s.articles)


def section(corpus, article: str):
    return next(a for a in corpus.articles if a.id == article).corpus


def test_rewrite_000_001_is_one_story_with_000_as_origin(corpus):
    story = story_of(corpus, "000")
    assert set(story.articles) == {"000", "001"}
    assert story.origin == "000"
    assert [(a, of) for a, of, _ in story.copies] == [("001", "000")]
    assert ("001", "000") in story.relays


def test_express_relay_of_the_mirror_resolves_to_000(corpus):
    s = section(corpus, "001")
    assert s.copy_of == "000"
    assert s.relays and all(cites == "000" for _, cites, _ in s.relays)
    assert any("Mirror" in outlet for _, _, outlet in s.relays)
    assert section(corpus, "000").copy_of is None and not section(corpus, "000").relays


def test_the_copy_is_less_original_than_its_origin(corpus):
    assert section(corpus, "000").originality > 0.9
    assert section(corpus, "001").originality < 0.4


def test_copied_claims_count_one_source_not_two(corpus):
    story = story_of(corpus, "000")
    assert len(story.claims) >= 8
    assert all(g.independent_sources == 1 for g in story.claims)
    jones = [g for g in story.claims if any(s.name and "Bruce Jones" in s.name for s in g.original_sources)]
    assert jones and all({r.article for r in g.claims} == {"000", "001"} for g in jones)


def test_002_004_share_the_times_as_origin_and_are_not_copies(corpus):
    story = story_of(corpus, "002")
    assert set(story.articles) == {"002", "004"}
    assert story.origin is None  # the original (The Times' interview) is not in the corpus
    assert "times" in story.external_origins
    assert story.copies == ()


def test_002_004_coup_claim_rests_on_one_original_source(corpus):
    story = story_of(corpus, "002")
    coup = [g for g in story.claims if any("coup" in _claim_text(corpus, r).lower() for r in g.claims)]
    assert coup, "the 'risk of a coup' claim of 002 and 004 was not matched"
    for g in coup:
        assert {r.article for r in g.claims} == {"002", "004"}
        assert g.independent_sources == 1
        assert "whistleblower" in (g.original_sources[0].name or "").lower()
    osechkin = [g for g in story.claims if any(s.name and "Osechkin" in s.name for s in g.original_sources)]
    assert len(osechkin) >= 3 and all(g.independent_sources == 1 for g in osechkin)


def test_003_is_its_own_story_and_nobodys_copy(corpus):
    assert story_of(corpus, "003").articles == ("003",)
    assert section(corpus, "003").copy_of is None
    assert all("003" not in (a, of) for s in corpus.stories for a, of, _ in s.copies)


def test_claim_spans_index_their_articles(corpus):
    texts = {p: seed_path(p).read_text(encoding="utf-8") for p in SEED_IDS}
    results = {a.id: a for a in corpus.articles}
    for story in corpus.stories:
        for g in story.claims:
            for r in g.claims:
                claim = results[r.article].claims[r.claim]
                assert texts[r.article][r.start:r.end] == claim.text


def test_published_dates_outside_the_window_split_a_story(scorer):
    dated = scorer.score_corpus(seed_records({"000": "2023-01-10", "001": "2023-03-01"}), window_days=7)
    assert story_of(dated, "000").articles == ("000",)
    close = scorer.score_corpus(seed_records({"000": "2023-01-10", "001": "2023-01-11"}), window_days=7)
    assert [(a, of, basis) for a, of, basis in story_of(close, "000").copies] == [("001", "000", "published")]


def test_results_and_stories_validate_against_the_schemas(corpus, validate):
    from credscore.corpus import load_story_schema

    payload = corpus.to_dict()
    assert payload["schema_version"] == SCHEMA_VERSION
    for article in payload["articles"]:
        validate(article)
        assert "corpus" in article
    story_validator = jsonschema.Draft202012Validator(load_story_schema())
    for story in payload["stories"]:
        story_validator.validate(story)


def test_cli_corpus_writes_articles_and_stories(tmp_path):
    from typer.testing import CliRunner

    from credscore.cli import app

    records = tmp_path / "seeds.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in seed_records() if r["id"] in ("000", "001", "003")))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["corpus", str(records), "--no-model", "-o", str(out)])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    stories = [json.loads(line) for line in (out / "stories.jsonl").read_text().splitlines()]
    assert [a["id"] for a in articles] == ["000", "001", "003"]
    assert articles[1]["corpus"]["copy_of"] == "000"
    assert sorted(len(s["articles"]) for s in stories) == [1, 2]


def test_the_per_article_pipeline_never_imports_the_corpus_layer():
    code = ("import sys; from credscore import Scorer; Scorer(model=None).score('NATO said 7,000 soldiers died.'); "
            "print('credscore.corpus' in sys.modules, 'datasketch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _claim_text(corpus, ref) -> str:
    return next(a for a in corpus.articles if a.id == ref.article).claims[ref.claim].text

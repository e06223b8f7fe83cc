"""The corpus layer: a set of scored articles read together.

Data flows one way: article results → signatures → stories → claim groups and provenance → each
article's ``corpus`` section. Nothing in the per-article pipeline imports this package.

>>> from credscore import Scorer
>>> corpus = Scorer(model=None).score_corpus([{"id": "a", "text": t1, "outlet": "The Mirror"},
...                                           {"id": "b", "text": t2, "outlet": "Daily Express"}])  # doctest: +SKIP
>>> corpus.stories[0].copies                                                                      # doctest: +SKIP
(('b', 'a', 'relay'),)

Work is done in passes: articles are scored one batch at a time and only their compact
signatures (:mod:`credscore.corpus.signatures`) stay in memory; the results wait in a spool file
until the corpus layer is built, then come back one by one with their ``corpus`` section.
"""

from __future__ import annotations

import gc
import logging
import pickle
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from credscore.corpus.provenance import analyse_story
from credscore.corpus.results import ArticleCorpus, ClaimGroup, CorpusLayer, Story
from credscore.corpus.signatures import ArticleSignature, signature
from credscore.corpus.claims_match import ClaimMatch, PairCache, match_pair
from credscore.corpus.stories import WINDOW_DAYS, PairFeatures, candidate_pairs, compare, connected_groups, same_story

if TYPE_CHECKING:
    from credscore.results import ArticleResult, ErrorResult
    from credscore.scorer import Scorer

logger = logging.getLogger("credscore")

__all__ = ["ArticleCorpus", "ArticleSignature", "ClaimGroup", "CorpusLayer", "CorpusResult", "CorpusRun", "Story",
           "build_layer", "load_story_schema", "score_corpus", "signature"]


#: what :func:`~credscore.corpus.provenance.analyse_story` reads of one story
StoryPart = tuple[str, list[ArticleSignature], dict[tuple[str, str], PairFeatures], dict[tuple[str, str], list[ClaimMatch]]]

#: openings embedded at a time (they wait, text and all, until then)
EMBED_BATCH = 64

#: claim matching follows, for each article, this many of its same-story pairs (the most alike)
CLAIM_NEIGHBOURS = 3


def build_layer(signatures: Iterable[ArticleSignature], *, window_days: int = WINDOW_DAYS) -> CorpusLayer:
    """Stories, claim groups, provenance and each article's corpus section from article signatures."""
    with _collector_paused():
        return _build_layer(signatures, window_days)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration (then back as it was).

    Building the layer allocates millions of small acyclic objects while every signature is alive;
    each allocation burst makes the collector walk all of them again, which cost about 40 % of the
    layer's time. Reference counting still frees everything; cycles, if any, wait for the next run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_layer(signatures: Iterable[ArticleSignature], window_days: int) -> CorpusLayer:
    sigs = {s.id: s for s in signatures}
    features, matches = same_story_pairs(sigs, window_days=window_days)
    return assemble_layer(analyse_story(*part) for part in story_parts(sigs, features, matches))


def assemble_layer(analysed: Iterable[tuple[Story, dict[str, ArticleCorpus]]]) -> CorpusLayer:
    """The layer from each story's :func:`analyse_story` result (the story, its articles' sections), in order."""
    stories: list[Story] = []
    sections: dict[str, ArticleCorpus] = {}
    for story, secs in analysed:
        stories.append(story)
        sections.update(secs)
    return CorpusLayer(stories=tuple(stories), articles=sections)


def same_story_pairs(sigs: dict[str, ArticleSignature], *, window_days: int = WINDOW_DAYS,
                     queries: Collection[str] | None = None) -> tuple[dict[tuple[str, str], PairFeatures],
                                                                      dict[tuple[str, str], list[ClaimMatch]]]:
    """The same-story pairs among ``sigs`` (earlier id, later id) and the claim matches along them.

    With ``queries``, only the pairs whose later article is one of them: ``sigs`` then need hold
    only those articles, the ``window_days`` of dated articles before the earliest of them, and
    every undated article; the pairs found are exactly those a whole-corpus run finds for them
    (what lets :mod:`credscore.corpus.distributed` split the work by time).
    """
    features: dict[tuple[str, str], PairFeatures] = {}
    matches: dict[tuple[str, str], list[ClaimMatch]] = {}
    nearest: dict[str, list[tuple[float, tuple[str, str]]]] = {}
    cache = PairCache()
    for x, y in candidate_pairs(sigs.values(), window_days=window_days, queries=queries):
        f, m = compare(sigs[x], sigs[y], cache=cache)
        if same_story(f):
            features[(x, y)] = f
            if m is not None:
                matches[(x, y)] = m
            nearest.setdefault(y, []).append((max(f.text_jaccard, f.keys_jaccard), (x, y)))
    # claims are matched along each article's CLAIM_NEIGHBOURS most alike same-story pairs (and those
    # already matched to decide the pair): claim groups join through them, at a cost linear in the corpus
    for near in nearest.values():
        for _, k in sorted(near, key=lambda e: -e[0])[:CLAIM_NEIGHBOURS]:
            if k not in matches:
                matches[k] = match_pair(sigs[k[0]], sigs[k[1]], cache=cache)
    return features, matches


def story_parts(sigs: dict[str, ArticleSignature], features: dict[tuple[str, str], PairFeatures],
                matches: dict[tuple[str, str], list[ClaimMatch]]) -> Iterator[StoryPart]:
    """Each story's id, members, same-story pairs and claim matches: what :func:`analyse_story` reads.

    Stories are the connected groups of same-story pairs, numbered by their first article in input order.
    """
    groups = connected_groups(sorted(sigs, key=lambda i: sigs[i].position), features)
    groups.sort(key=lambda g: min(sigs[i].position for i in g))
    group_of = {i: n for n, ids in enumerate(groups) for i in ids}
    edges: dict[int, dict[tuple[str, str], PairFeatures]] = {}
    for k, f in features.items():
        edges.setdefault(group_of[k[0]], {})[k] = f
    for n, ids in enumerate(groups):
        own = edges.get(n, {})
        yield f"s{n + 1}", [sigs[i] for i in ids], own, {k: matches[k] for k in own if k in matches}


@dataclass(frozen=True)
class CorpusResult:
    """Per-article results, each with its ``corpus`` section, and the corpus's stories."""

    articles: tuple[ArticleResult | ErrorResult, ...]
    layer: CorpusLayer

    @property
    def stories(self) -> tuple[Story, ...]:
        return self.layer.stories

    def to_dict(self) -> dict[str, Any]:
        from credscore.results import SCHEMA_VERSION

        return {"schema_version": SCHEMA_VERSION, "articles": [a.to_dict() for a in self.articles],
                "stories": [s.to_dict() for s in self.layer.stories]}


class CorpusRun:
    """A corpus scored in passes: :meth:`score` (pass one), then :meth:`results` (pass two).

    Pass one scores the records, keeps each article's signature and spools its result to a
    temporary file; then the corpus layer is built from the signatures; pass two reads the
    spool back, one result at a time, with its ``corpus`` section attached.
    """

    def __init__(self, scorer: Scorer, *, window_days: int = WINDOW_DAYS, spool_dir: str | Path | None = None,
                 engine: str = "local", embeddings: bool | None = None) -> None:
        from credscore.batch import ENGINES

        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
        self.scorer = scorer
        self.window_days = window_days
        self.engine = engine
        #: embed each article's opening for the story decision (None: when the scorer has a model)
        self.embeddings = scorer.model is not None if embeddings is None else embeddings
        self._spool: BinaryIO = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115  (closed in results())
        self.layer: CorpusLayer | None = None
        self.count = 0

    def score(self, records: Iterable[Any]) -> CorpusLayer:
        from credscore.batch import score_many
        from credscore.intake import Article
        from credscore.results import ArticleResult

        signatures: list[ArticleSignature] = []
        pending: list[tuple[int, str]] = []  # signatures still to embed, with their text
        embedder = None
        if self.embeddings:
            from credscore.corpus.embeddings import ArticleEmbedder

            embedder = ArticleEmbedder()

        def embed_pending() -> None:
            if embedder is not None and pending:
                for (i, _), vector in zip(pending, embedder.embed([t for _, t in pending])):
                    signatures[i] = replace(signatures[i], embedding=vector)
            pending.clear()

        seen: set[str] = set()
        articles = (self.scorer._to_article(item, i) for i, item in enumerate(records))  # noqa: SLF001
        for result, article in score_many(((a, a) for a in articles), scorer=self.scorer, engine=self.engine,  # type: ignore[arg-type]
                                          as_tuples=True):
            if isinstance(result, ArticleResult) and isinstance(article, Article):
                if result.id in seen:
                    logger.warning("corpus: article id %s appears twice; the second is left out of the corpus layer", result.id)
                else:
                    seen.add(str(result.id))
                    text = result.extracted_text or article.text
                    signatures.append(signature(result, text, position=self.count, outlet=article.outlet,
                                                url=article.url, published=article.published))
                    if embedder is not None:
                        pending.append((len(signatures) - 1, text))
                        if len(pending) >= EMBED_BATCH:
                            embed_pending()
            pickle.dump(result, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
            self.count += 1
        embed_pending()
        if self.engine == "ray":
            from credscore.corpus.distributed import build_layer_on_ray

            self.layer = build_layer_on_ray(signatures, window_days=self.window_days, workers=self.scorer.workers)
        else:
            self.layer = build_layer(signatures, window_days=self.window_days)
        return self.layer

    def results(self) -> Iterator[ArticleResult | ErrorResult]:
        """The results in input order, each article with its ``corpus`` section (once; closes the spool)."""
        from credscore.results import ArticleResult

        if self.layer is None:
            raise RuntimeError("CorpusRun.results() before score(): score the records first")
        self._spool.seek(0)
        try:
            for _ in range(self.count):
                result = pickle.load(self._spool)  # our own file, written above
                if isinstance(result, ArticleResult) and str(result.id) in self.layer.articles:
                    result = replace(result, corpus=self.layer.articles[str(result.id)])
                yield result
        finally:
            self._spool.close()


def score_corpus(scorer: Scorer, records: Iterable[Any], *, window_days: int = WINDOW_DAYS,
                 engine: str = "local", embeddings: bool | None = None) -> CorpusResult:
    """Score ``records`` (as :meth:`Scorer.score_many` takes them) and read them as one corpus.

    ``engine="ray"`` scores on ``scorer.workers`` Ray actors and builds the layer as Ray Data maps
    (:mod:`credscore.corpus.distributed`); the result is the same. ``embeddings`` (default: when
    the scorer has a model) embeds each article's opening with the base encoder for the story
    decision (:mod:`credscore.corpus.embeddings`).
    """
    run = CorpusRun(scorer, window_days=window_days, engine=engine, embeddings=embeddings)
    layer = run.score(records)
    return CorpusResult(articles=tuple(run.results()), layer=layer)


def load_story_schema() -> dict[str, Any]:
    """The published JSON Schema of one story (a line of ``stories.jsonl``)."""
    import json
    from importlib import resources

    return json.loads(resources.files("credscore.schema").joinpath("story.schema.json").read_text(encoding="utf-8"))

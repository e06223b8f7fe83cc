"""The corpus layer's steps as Ray Data operations, for corpora that outgrow one machine.

:func:`build_layer_on_ray` returns what :func:`credscore.corpus.build_layer` returns, story for
story and section for section, with the two costly steps spread over a Ray cluster:

1. **Same-story pairs, by time block.** Dated articles are taken in time order and cut into blocks;
   each block is one row of a Ray Dataset carrying its articles, the ``window_days`` of articles
   before it (its candidates' window) and every undated article (undated ones are compared with
   all). A ``map`` finds the block's same-story pairs and claim matches
   (:func:`~credscore.corpus.same_story_pairs` with the block as its queries): exactly the pairs a
   single run finds for those articles, so the blocks' results, concatenated in block order, are
   the single run's.
2. **Stories** are the connected groups of those pairs, found where the pairs are gathered (ids
   and pair features only: small next to the articles).
3. **Provenance, by story.** Each story is one row; a ``map`` runs
   :func:`~credscore.corpus.provenance.analyse_story` on it.

Ray is imported only here (``pip install 'credscore[ray]'``). Joins ``RAY_ADDRESS``, else starts a
local Ray, when none is running.
"""

from __future__ import annotations

import logging
import math
import pickle
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from credscore.corpus import CorpusLayer, same_story_pairs, story_parts
from credscore.corpus.signatures import ArticleSignature
from credscore.corpus.stories import WINDOW_DAYS

#: blocks per worker: more blocks than workers keep every worker busy when blocks differ in cost
BLOCKS_PER_WORKER = 4


def time_blocks(signatures: Iterable[ArticleSignature], *, window_days: int = WINDOW_DAYS,
                blocks: int = 8) -> Iterator[tuple[list[ArticleSignature], list[str]]]:
    """The work of step 1: (the articles a block's run reads, the ids of its queries), in pair order.

    The undated articles come first (one block, queried among themselves); then the dated ones in
    (published, input position) order, cut into about ``blocks`` blocks of equal count.
    """
    sigs = list(signatures)
    undated = [s for s in sigs if s.published is None]
    dated = sorted((s for s in sigs if s.published is not None), key=lambda s: (s.published, s.position))
    if undated:
        yield undated, [s.id for s in undated]
    if not dated:
        return
    size = max(1, math.ceil(len(dated) / max(1, blocks)))
    span = timedelta(days=window_days)
    for start in range(0, len(dated), size):
        chunk = dated[start:start + size]
        first = chunk[0].published
        context_from = start
        while context_from > 0 and first - dated[context_from - 1].published <= span:  # type: ignore[operator]
            context_from -= 1
        yield undated + dated[context_from:start + size], [s.id for s in chunk]


def _pairs_of_block(row: dict[str, Any]) -> dict[str, Any]:
    articles, queries, window_days = pickle.loads(row["work"])  # our own rows, built below
    features, matches = same_story_pairs({s.id: s for s in articles}, window_days=window_days, queries=set(queries))
    return {"block": row["block"], "pairs": pickle.dumps((features, matches), protocol=pickle.HIGHEST_PROTOCOL)}


def _analyse_story(row: dict[str, Any]) -> dict[str, Any]:
    from credscore.corpus.provenance import analyse_story

    story, sections = analyse_story(*pickle.loads(row["part"]))  # our own rows, built below
    return {"n": row["n"], "story": pickle.dumps((story, sections), protocol=pickle.HIGHEST_PROTOCOL)}


def build_layer_on_ray(signatures: Iterable[ArticleSignature], *, window_days: int = WINDOW_DAYS,
                       workers: int = 2) -> CorpusLayer:
    """:func:`credscore.corpus.build_layer` with its pair search and provenance run as Ray Data maps.

    >>> layer = build_layer_on_ray(signatures, workers=4)       # doctest: +SKIP
    >>> layer == build_layer(signatures)                        # doctest: +SKIP
    True
    """
    import ray
    import ray.data

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if not ray.is_initialized():
        ray.init(include_dashboard=False, logging_level=logging.WARNING)  # RAY_ADDRESS, else a local cluster
    ray.data.DataContext.get_current().enable_progress_bars = False
    sigs = {s.id: s for s in signatures}
    work = [{"block": n, "work": pickle.dumps((articles, queries, window_days), protocol=pickle.HIGHEST_PROTOCOL)}
            for n, (articles, queries) in enumerate(time_blocks(sigs.values(), window_days=window_days,
                                                                blocks=workers * BLOCKS_PER_WORKER))]
    features: dict = {}
    matches: dict = {}
    if work:
        done = ray.data.from_items(work).map(_pairs_of_block, compute=ray.data.TaskPoolStrategy(size=workers)).take_all()
        for row in sorted(done, key=lambda r: r["block"]):
            f, m = pickle.loads(row["pairs"])  # written by _pairs_of_block
            features.update(f)
            matches.update(m)
    parts = [{"n": n, "part": pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)}
             for n, part in enumerate(story_parts(sigs, features, matches))]
    stories, sections = [], {}
    if parts:
        done = ray.data.from_items(parts).map(_analyse_story, compute=ray.data.TaskPoolStrategy(size=workers)).take_all()
        for row in sorted(done, key=lambda r: r["n"]):
            story, secs = pickle.loads(row["story"])  # written by _analyse_story
            stories.append(story)
            sections.update(secs)
    return CorpusLayer(stories=tuple(stories), articles=sections)


__all__ = ["build_layer_on_ray", "time_blocks"]

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
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from credscore.corpus import CorpusLayer, assemble_layer, same_story_pairs, story_parts
from credscore.corpus.provenance import analyse_story
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


def _pairs_of_block(articles: list[ArticleSignature], queries: list[str], window_days: int) -> tuple[dict, dict]:
    return same_story_pairs({s.id: s for s in articles}, window_days=window_days, queries=set(queries))


def _apply(row: dict[str, Any], fn: Callable[..., Any]) -> dict[str, Any]:
    """One row of :func:`_map_in_order`: its pickled arguments in, ``fn``'s pickled result out."""
    result = fn(*pickle.loads(row["args"]))  # our own rows, built by _map_in_order
    return {"n": row["n"], "result": pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)}


def _map_in_order(fn: Callable[..., Any], calls: Iterable[tuple[Any, ...]], workers: int) -> list[Any]:
    """``[fn(*args) for args in calls]``, each call a row of a Ray Dataset mapped on ``workers`` tasks."""
    import ray.data

    rows = [{"n": n, "args": pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)} for n, args in enumerate(calls)]
    if not rows:
        return []
    done = ray.data.from_items(rows).map(_apply, fn_kwargs={"fn": fn},
                                         compute=ray.data.TaskPoolStrategy(size=workers)).take_all()
    return [pickle.loads(row["result"]) for row in sorted(done, key=lambda r: r["n"])]  # written by _apply


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
    blocks = time_blocks(sigs.values(), window_days=window_days, blocks=workers * BLOCKS_PER_WORKER)
    features: dict = {}
    matches: dict = {}
    for f, m in _map_in_order(_pairs_of_block, ((articles, queries, window_days) for articles, queries in blocks), workers):
        features.update(f)
        matches.update(m)
    return assemble_layer(_map_in_order(analyse_story, story_parts(sigs, features, matches), workers))


__all__ = ["build_layer_on_ray", "time_blocks"]

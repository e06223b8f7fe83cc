"""Stories: articles reporting the same events, found by near-duplicate detection.

Candidates come from MinHash LSH (``datasketch``) over two sketches of each article: its word
shingles (rewrites and copies share long runs of words) and its names and numbers (two write-ups
of one event name the same people and give the same figures). Where both articles have a
``published`` date, only articles within ``window_days`` of each other are compared: the
index holds the articles of a sliding window, so the cost grows with the corpus, not its square.
Each candidate pair is then read more closely (:func:`pair_features`) and decided
(:func:`same_story`, :func:`is_copy`); stories are the connected groups of same-story pairs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from credscore.corpus.claims_match import ClaimMatch, PairCache, match_pair
from credscore.corpus.embeddings import cosine
from credscore.corpus.signatures import ArticleSignature, containment, jaccard

WINDOW_DAYS = 7
#: LSH (bands, rows) per sketch: a pair is a candidate with probability 1 - (1 - J^rows)^bands
TEXT_LSH = (64, 2)   # J 0.05 → 15 %, 0.1 → 47 %, 0.2 → 92 %
KEYS_LSH = (64, 2)   # the same curve: two write-ups of one event share fewer words than names and figures
#: each article is compared with at most this many earlier candidates, the most alike by MinHash estimate:
#: with it the number of compared pairs, and of claim comparisons, grows with the corpus, not its square
MAX_NEIGHBOURS = 10
# Decisions, set by hand on the seeds; their precision/recall on training/gold/article_pairs.jsonl: training/EXPERIMENTS.md
STORY_TEXT_CONTAINMENT = 0.15   # this much of the shorter article's shingles in the longer: one story,
STORY_MIN_KEYS_JACCARD = 0.1    # unless below a copy's overlap they share hardly a name or figure (one wire template)
STORY_KEYS_JACCARD = 0.25       # or: names and numbers this alike ...
STORY_MIN_CLAIM_MATCHES = 1     # ... and at least this many claims in common
COPY_TEXT_CONTAINMENT = 0.5     # a copy or rewrite: half the shorter text in the longer
COPY_MIN_QUOTES = 2             # or the same quotes (at least two) in the same order
REQUIRE_NAMES = True            # and, when both leads name someone, a name in common (names_shared)
#: where both articles carry an embedding of their opening, one story needs at least this cosine (chosen on
#: the dev pairs: training/EXPERIMENTS.md, session 34); the same people in another event embed further apart
STORY_MIN_COSINE = 0.74


@dataclass(frozen=True)
class PairFeatures:
    """How alike two candidate articles are."""

    text_jaccard: float
    text_containment: float
    keys_jaccard: float
    shared_quotes: int
    quotes_in_order: bool
    claim_matches: int  # 0 where the claims were not compared (the rest decided the pair)
    names_shared: int = -1  # names of either lead the other article gives; -1 when a lead names no one
    embedding_cosine: float | None = None  # of the two openings' embeddings; None unless both have one


def pair_features(a: ArticleSignature, b: ArticleSignature) -> PairFeatures:
    return compare(a, b)[0]


def compare(a: ArticleSignature, b: ArticleSignature, *, need_matches: bool = False,
            cache: PairCache | None = None) -> tuple[PairFeatures, list[ClaimMatch] | None]:
    """The pair's features and, when they were needed (or ``need_matches``), its claim matches."""
    jt = jaccard(a.text_hash, b.text_hash)
    jk = jaccard(a.key_hash, b.key_hash)
    quotes_b = set(b.quotes)
    shared = [q for q in a.quotes if q in quotes_b]
    order_b = {q: i for i, q in enumerate(b.quotes)}
    positions = [order_b[q] for q in dict.fromkeys(shared)]
    in_order = len(positions) >= 2 and _increasing_share(positions) >= 0.8
    tc = containment(jt, a.n_shingles, b.n_shingles)
    # claims are compared (the costly part) only when asked, where the rest leaves the same-story decision
    # open, or for a copy by quotes, which provenance checks against the claims' credits
    open_ = tc < STORY_TEXT_CONTAINMENT and not in_order and jk >= STORY_KEYS_JACCARD
    quote_copy = tc < COPY_TEXT_CONTAINMENT and len(set(shared)) >= COPY_MIN_QUOTES and in_order
    matches = match_pair(a, b, cache=cache) if need_matches or open_ or quote_copy else None
    names = -1 if not a.lead_names or not b.lead_names else len((a.lead_names & b.names) | (b.lead_names & a.names))
    return PairFeatures(
        names_shared=names, text_jaccard=jt, text_containment=tc, keys_jaccard=jk,
        embedding_cosine=cosine(a.embedding, b.embedding),
        shared_quotes=len(set(shared)), quotes_in_order=in_order, claim_matches=len(matches) if matches else 0,
    ), matches


def _increasing_share(seq: list[int]) -> float:
    """The longest increasing subsequence's share of ``seq``: 1.0 when the order is kept."""
    import bisect

    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(tails) / len(seq) if seq else 0.0


def same_story(f: PairFeatures) -> bool:
    """Whether a candidate pair reports the same events: alike enough, and about the same people or
    organisations (when both leads name someone, one of them is named in the other article: two wire
    templates about different companies share most of their words and none of their subjects; short of
    a copy, text in common counts only with some names or figures in common too; where both openings
    were embedded, they must be close: :data:`STORY_MIN_COSINE`)."""
    if REQUIRE_NAMES and f.names_shared == 0:
        return False
    if f.embedding_cosine is not None and f.embedding_cosine < STORY_MIN_COSINE:
        return False
    if f.text_containment >= COPY_TEXT_CONTAINMENT or f.quotes_in_order:
        return True
    if f.text_containment >= STORY_TEXT_CONTAINMENT and f.keys_jaccard >= STORY_MIN_KEYS_JACCARD:
        return True
    return f.keys_jaccard >= STORY_KEYS_JACCARD and f.claim_matches >= STORY_MIN_CLAIM_MATCHES


def is_copy(f: PairFeatures) -> bool:
    """Whether one of the pair is a near-identical rewrite or copy of the other (same text, or same quotes in order).

    Shared quotes that both articles owe to a third outlet are left out before this is asked
    (:mod:`credscore.corpus.provenance`): two rewrites of one absent original are siblings, not copies.
    """
    if REQUIRE_NAMES and f.names_shared == 0:
        return False
    return f.text_containment >= COPY_TEXT_CONTAINMENT or (f.shared_quotes >= COPY_MIN_QUOTES and f.quotes_in_order)


def candidate_pairs(articles: Iterable[ArticleSignature], *, window_days: int = WINDOW_DAYS,
                    queries: Collection[str] | None = None) -> Iterator[tuple[str, str]]:
    """Pairs of article ids worth comparing (LSH candidates inside the time window), each once.

    Undated articles are compared with every article; dated ones only with those published
    within ``window_days`` of them. Of an article's LSH candidates among the articles before it
    only the :data:`MAX_NEIGHBOURS` most alike (estimated Jaccard of text or of names and numbers)
    are kept: a story with a thousand near-copies is then a chain of near neighbours, still one
    connected story, and not half a million pairs. With ``queries``, only the pairs whose later
    article is one of them (the others still fill the index).
    """
    undated = _Index()
    dated: list[ArticleSignature] = []
    for a in articles:
        if a.published is None:
            if queries is None or a.id in queries:
                found = undated.query(a)
                yield from ((c.id, a.id) for c in (_nearest(a, found) if len(found) > MAX_NEIGHBOURS else found))
            undated.insert(a)
        else:
            dated.append(a)
    dated.sort(key=lambda a: (a.published, a.position))
    window = _Index()
    live: deque[ArticleSignature] = deque()
    span = timedelta(days=window_days)
    for a in dated:
        while live and a.published - live[0].published > span:  # type: ignore[operator]
            window.remove(live.popleft())
        if queries is None or a.id in queries:
            found = window.query(a) + undated.query(a)
            if len(found) > MAX_NEIGHBOURS:
                found = _nearest(a, found)
            yield from ((c.id, a.id) for c in found)
        window.insert(a)
        live.append(a)


def _nearest(a: ArticleSignature, found: list[ArticleSignature]) -> list[ArticleSignature]:
    """The :data:`MAX_NEIGHBOURS` of ``found`` most alike ``a``, in input order."""
    score = {c.id: max(jaccard(a.text_hash, c.text_hash), jaccard(a.key_hash, c.key_hash)) for c in found}
    kept = set(sorted(score, key=lambda i: -score[i])[:MAX_NEIGHBOURS])
    return [c for c in found if c.id in kept]


class _Index:
    """Banded LSH over the two sketches (text shingles, names and numbers) of a set of articles.

    Each sketch's hash values are cut into bands of :data:`TEXT_LSH` / :data:`KEYS_LSH` rows; two
    articles are candidates when any band of either sketch is equal. The same scheme as datasketch's
    ``MinHashLSH``, kept in plain dicts keyed by each band's values packed in one integer: inserting,
    querying and removing an article are then a few hundred dict operations, about 20 times cheaper.
    """

    def __init__(self) -> None:
        self.tables = ([{} for _ in range(TEXT_LSH[0])], [{} for _ in range(KEYS_LSH[0])])
        self.members: dict[str, ArticleSignature] = {}
        self._keys: dict[str, tuple[list[int] | None, list[int] | None]] = {}

    @staticmethod
    def _band_keys(a: ArticleSignature) -> tuple[list[int] | None, list[int] | None]:
        return (_bands(a.text_hash.hashvalues, TEXT_LSH) if a.n_shingles else None,
                _bands(a.key_hash.hashvalues, KEYS_LSH) if a.n_keys else None)

    def insert(self, a: ArticleSignature) -> None:
        keys = self._band_keys(a)
        for tables, ks in zip(self.tables, keys):
            for table, k in zip(tables, ks or ()):
                bucket = table.get(k)
                if bucket is None:
                    table[k] = [a.id]
                else:
                    bucket.append(a.id)
        self.members[a.id] = a
        self._keys[a.id] = keys

    def remove(self, a: ArticleSignature) -> None:
        for tables, ks in zip(self.tables, self._keys.pop(a.id)):
            for table, k in zip(tables, ks or ()):
                bucket = table[k]
                bucket.remove(a.id)
                if not bucket:
                    del table[k]
        del self.members[a.id]

    def query(self, a: ArticleSignature) -> list[ArticleSignature]:
        found: set[str] = set()
        for tables, ks in zip(self.tables, self._band_keys(a)):
            for table, k in zip(tables, ks or ()):
                bucket = table.get(k)
                if bucket:
                    found.update(bucket)
        return sorted((self.members[i] for i in found), key=lambda m: m.position)


def _bands(values: np.ndarray, params: tuple[int, int]) -> list:
    """One key per band: its rows of MinHash values (each under 2**32) packed in one integer, exactly."""
    bands, rows = params
    cut = values[: bands * rows].reshape(bands, rows)
    if rows == 1:
        return cut[:, 0].tolist()
    if rows == 2:
        return ((cut[:, 0] << np.uint64(32)) | cut[:, 1]).tolist()
    return [tuple(r) for r in cut.tolist()]


def connected_groups(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The connected components of ``edges`` over ``ids`` (singletons included), in first-seen order."""
    parent: dict[str, str] = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for i in parent:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())

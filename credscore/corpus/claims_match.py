"""Claim matching: which claims in different articles assert the same thing.

Two claims match when their content words overlap enough (``similarity``) and nothing they
assert disagrees: the numbers and dates one of them gives must be among the other's, or the
other gives none ("110,000 troops" never matches "120,000 troops"; "Russian diplomats defected"
matches "more than 20 Russian diplomats defected", which only adds a number), and where both
name people or places they must share at least one. Claims are
compared only inside a story, so the cost follows the stories' sizes, not the corpus's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from credscore.corpus.signatures import ArticleSignature, Assertions, ClaimSignature

#: the least similarity for a match (set by hand on the seeds; no claim-pair gold set yet)
MATCH_THRESHOLD = 0.45
MIN_TOKENS = 4


def _agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Neither side asserts a value the other contradicts: one set holds the other (or one is empty)."""
    return a <= b or b <= a


def conflicts(a: Assertions, b: Assertions) -> tuple[str, ...]:
    """What two claims disagree on: any of "numbers", "dates", "names"."""
    found = []
    if not _agree(a.numbers, b.numbers):
        found.append("numbers")
    if not _agree(a.dates, b.dates):
        found.append("dates")
    if a.names and b.names and not (a.names & b.names):
        found.append("names")  # about different people or places altogether
    return tuple(found)


def similarity(a: Assertions, b: Assertions) -> float:
    """Half Jaccard, half overlap with the shorter claim: a claim repeated inside a longer sentence still scores."""
    if len(a.tokens) < MIN_TOKENS or len(b.tokens) < MIN_TOKENS:
        return 0.0
    inter = len(a.tokens & b.tokens)
    if not inter:
        return 0.0
    union = len(a.tokens) + len(b.tokens) - inter
    return 0.5 * inter / union + 0.5 * inter / min(len(a.tokens), len(b.tokens))


def claims_match(a: Assertions, b: Assertions, *, threshold: float = MATCH_THRESHOLD) -> tuple[bool, float]:
    """Whether two claims assert the same thing, and their similarity.

    >>> from credscore.corpus.signatures import assertions
    >>> claims_match(assertions("Russia has lost 110,000 troops in Ukraine, officials said"),
    ...              assertions("Officials said Russia lost 120,000 troops in Ukraine"))[0]
    False
    """
    sim = similarity(a, b)
    return (sim >= threshold and not conflicts(a, b)), sim


@dataclass(frozen=True)
class ClaimRef:
    """A claim of one article: the article id, the claim's index and its span."""

    article: str
    claim: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "claim": self.claim, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ClaimMatch:
    a: ClaimRef
    b: ClaimRef
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "similarity": round(self.similarity, 4)}


def match_claims(articles: list[ArticleSignature], *, threshold: float = MATCH_THRESHOLD) -> list[ClaimMatch]:
    """Every matching pair of claims from different articles in ``articles`` (one story).

    Each claim keeps its best match per other article, so a long sentence does not pull in
    three near-identical neighbours of one claim.
    """
    matches: list[ClaimMatch] = []
    for i, x in enumerate(articles):
        for y in articles[i + 1:]:
            best: dict[int, tuple[float, ClaimSignature, ClaimSignature]] = {}
            for cx in x.claims:
                for cy in y.claims:
                    ok, sim = claims_match(cx.said, cy.said, threshold=threshold)
                    if ok and sim > best.get(cx.index, (0.0, cx, cy))[0]:
                        best[cx.index] = (sim, cx, cy)
            taken: dict[int, tuple[float, ClaimSignature, ClaimSignature]] = {}
            for sim, cx, cy in best.values():  # and each of y's claims its best partner in x
                if sim > taken.get(cy.index, (0.0, cx, cy))[0]:
                    taken[cy.index] = (sim, cx, cy)
            for sim, cx, cy in taken.values():
                matches.append(ClaimMatch(ClaimRef(x.id, cx.index, cx.start, cx.end),
                                          ClaimRef(y.id, cy.index, cy.start, cy.end), sim))
    return matches


def group_matches(matches: list[ClaimMatch]) -> list[list[ClaimRef]]:
    """Matched claims joined into groups (connected components), each sorted, groups in first-seen order."""
    parent: dict[ClaimRef, ClaimRef] = {}

    def find(r: ClaimRef) -> ClaimRef:
        parent.setdefault(r, r)
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for m in matches:
        ra, rb = find(m.a), find(m.b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[ClaimRef, list[ClaimRef]] = {}
    for r in list(parent):
        groups.setdefault(find(r), []).append(r)
    return [sorted(g, key=lambda r: (r.article, r.claim)) for g in groups.values()]

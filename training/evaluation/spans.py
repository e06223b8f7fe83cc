"""Span matching and span metrics: exact-offset and token-overlap P/R/F1, and BBC Citron's
attribution match (see ``training.evaluate``), each with bootstrap intervals.

Spans are half-open character offsets; a role's span list is compared as a set of fragments,
after joining fragments that overlap, touch, or (given the text) are separated by whitespace only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from training.evaluation.bootstrap import N_BOOT, SEED, Estimate, bootstrap

Span = tuple[int, int]
Fragments = tuple[Span, ...]
ROLES = ("source", "cue", "content")


def fragments(spans: Iterable[Sequence[int]], text: str | None = None) -> Fragments:
    """Sorted fragments with overlapping or touching ones joined (and, given ``text``, those
    separated by whitespace only), so that one span cut differently compares equal.

    >>> fragments([[5, 9], [0, 4], [3, 5]])
    ((0, 9),)
    >>> fragments([(0, 2), (3, 5)], "ab cd"), fragments([(0, 2), (3, 5)])
    (((0, 5),), ((0, 2), (3, 5)))
    """
    out: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if end <= start:
            continue
        if out and (start <= out[-1][1] or (text is not None and not text[out[-1][1]:start].strip())):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def as_unit(span: Any) -> Fragments:
    """A span given as ``(start, end)`` or as a list of ``(start, end)`` fragments."""
    if len(span) == 2 and all(isinstance(x, (int, np.integer)) for x in span):
        return ((int(span[0]), int(span[1])),)
    return fragments(span)


def overlap(a: Fragments, b: Fragments) -> bool:
    """Does some fragment of ``a`` overlap some fragment of ``b`` (half-open)?"""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def span_prf(
    gold: Sequence[Sequence[Any]], predicted: Sequence[Sequence[Any]], *, groups: Sequence[Any] | None = None,
    n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Estimate]:
    """Exact-offset P/R/F1 of spans; per row, a span is ``(start, end)`` or a list of fragments
    (a discontiguous span, compared as its set of fragments).

    >>> span_prf([[(0, 3), (5, 8)]], [[(0, 3), (5, 9)]])["f1"].value
    0.5
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predicted rows")
    rows = []
    for g_row, p_row in zip(gold, predicted):
        g, p = {as_unit(x) for x in g_row}, {as_unit(x) for x in p_row}
        rows.append((len(p & g), len(p), len(g & p), len(g)))
    return bootstrap(np.array(rows).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)


def token_overlap_prf(
    gold: Sequence[Sequence[Any]], predicted: Sequence[Sequence[Any]], token_offsets: Sequence[Sequence[Sequence[int]]],
    *, groups: Sequence[Any] | None = None, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, Estimate]:
    """Token-overlap ("partial") P/R/F1: word tokens covered by predicted vs gold spans.

    A token is covered when it overlaps a span; each token counts once per row.

    >>> token_overlap_prf([[(0, 7)]], [[(4, 7)]], [[[0, 3], [4, 7]]])["precision"].value
    1.0
    """
    rows = []
    for g_row, p_row, offsets in zip(gold, predicted, token_offsets, strict=True):
        g_frags = [f for x in g_row for f in as_unit(x)]
        p_frags = [f for x in p_row for f in as_unit(x)]
        g = {i for i, (a, b) in enumerate(offsets) if any(a < e and s < b for s, e in g_frags)}
        p = {i for i, (a, b) in enumerate(offsets) if any(a < e and s < b for s, e in p_frags)}
        rows.append((len(p & g), len(p), len(g & p), len(g)))
    return bootstrap(np.array(rows).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)


def _attribution(att: Mapping[str, Any], text: str | None) -> dict[str, Fragments]:
    return {role: fragments(att.get(role) or (), text) for role in ROLES}


def attribution_counts(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]], text: str | None = None
) -> dict[str, tuple[int, int, int, int]]:
    """Citron's exact-match counts for one row: per part (cue, source, content, attribution),
    ``(matched predictions, predictions, matched gold, gold)``. See ``training.evaluate``."""
    g = [_attribution(a, text) for a in gold]
    p = [_attribution(a, text) for a in predicted]

    def cue(x: dict[str, Fragments], y: dict[str, Fragments]) -> bool:
        return x["cue"] == y["cue"]

    def role(name: str) -> Callable[[dict[str, Fragments], dict[str, Fragments]], bool]:
        return lambda x, y: overlap(x["cue"], y["cue"]) and x[name] == y[name]

    def whole(x: dict[str, Fragments], y: dict[str, Fragments]) -> bool:
        return all(x[r] == y[r] for r in ROLES)

    out = {}
    for part, match in (("cue", cue), ("source", role("source")), ("content", role("content")), ("attribution", whole)):
        matched_p = sum(any(match(a, b) for b in g) for a in p)
        matched_g = sum(any(match(a, b) for a in p) for b in g)
        out[part] = (matched_p, len(p), matched_g, len(g))
    return out


def attribution_prf(
    gold: Sequence[Sequence[Mapping[str, Any]]], predicted: Sequence[Sequence[Mapping[str, Any]]], *,
    texts: Sequence[str] | None = None, groups: Sequence[Any] | None = None, n_boot: int = N_BOOT, seed: int = SEED,
) -> dict[str, dict[str, Estimate]]:
    """Exact-offset P/R/F1 of cue, source, content and whole attributions, as BBC Citron.

    Each row holds attributions ``{"source": [[s, e], ...], "cue": [...], "content": [...]}``;
    given ``texts``, fragments separated by whitespace only are joined on both sides.

    >>> g = [[{"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 20]]}]]
    >>> p = [[{"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 19]]}]]
    >>> {k: v["f1"].value for k, v in attribution_prf(g, p).items()}
    {'cue': 1.0, 'source': 1.0, 'content': 0.0, 'attribution': 0.0}
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold rows but {len(predicted)} predicted rows")
    texts_: Sequence[str | None] = texts if texts is not None else [None] * len(gold)
    per_row = [attribution_counts(g, p, t) for g, p, t in zip(gold, predicted, texts_)]
    parts = ("cue", "source", "content", "attribution")
    return {
        part: bootstrap(np.array([r[part] for r in per_row]).reshape(-1, 4), groups=groups, n_boot=n_boot, seed=seed)
        for part in parts
    }

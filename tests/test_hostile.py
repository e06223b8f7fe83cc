"""Long and hostile inputs: the paths that were quadratic give their old answers, and text past
the parse budget is scored without a parse and said so (timings: benchmarks/hostile.py)."""

from __future__ import annotations

import random

from credscore.segment import _reach, _subtract


def _subtract_reference(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every hole visited for every line, as segmentation did."""
    out, cursor = [], start
    for a, b in holes:
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    return out + ([(cursor, end)] if cursor < end else [])


def test_subtracting_sorted_holes_by_bisection_gives_the_full_scans_answer():
    rng = random.Random(7)
    for _ in range(300):
        holes = sorted((a, a + rng.randint(0, 15)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 12))))
        reach = _reach(holes)
        for _ in range(10):
            start, end = sorted(rng.randint(0, 220) for _ in range(2))
            assert list(_subtract(start, end, holes, reach)) == _subtract_reference(start, end, holes)

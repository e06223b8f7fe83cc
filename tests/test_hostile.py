"""Long and hostile inputs: the paths that were quadratic give their old answers, and text past
the parse budget is scored without a parse and said so (timings: benchmarks/hostile.py)."""

from __future__ import annotations

import random

import pytest

from conftest import SEED_IDS, seed_path

from credscore.document import Document
from credscore.features.entities import COUNTS_AS_INDEPENDENT, supports
from credscore.features.quotes import find_quotes, overlapping
from credscore.intake import read_path
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


# -- in-article corroboration ------------------------------------------------------------------


def _corroboration_reference(doc: Document) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """Every sentence compared with every attributed sentence, as corroboration was counted."""
    kinds = {e.entity_id: e.kind for e in doc.entities}
    attributed = [s for s in doc.sentences if s.attribution is not None and s.attribution.entity_id is not None]
    out = []
    for s in doc.sentences:
        if s.attribution is None:
            out.append(((), ()))
            continue
        own = s.attribution.entity_id
        ids = [own] if own and kinds.get(own) in COUNTS_AS_INDEPENDENT else []
        evidence = []
        for other in attributed:
            oid = other.attribution.entity_id
            if other is s or oid == own or oid in ids or kinds.get(oid or "") not in COUNTS_AS_INDEPENDENT:
                continue
            if supports(s.text, other.text):
                ids.append(oid)
                evidence.append(other.index)
        out.append((tuple(ids), tuple(evidence)))
    return out


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_corroboration_by_index_is_the_pairwise_comparisons_answer_on_the_seeds(scorer, prefix):
    [doc] = scorer.annotate([read_path(seed_path(prefix))])
    assert [s.notes["corroboration"] for s in doc.sentences] == _corroboration_reference(doc)


def test_corroboration_by_index_with_repeated_and_shared_claims(scorer):
    """Sources repeating themselves and each other: the first supporting sentence of each source counts."""
    text = "\n".join([
        "Police said 20 people were arrested after the protest. Police said that 20 people were arrested after the protest.",
        "Mayor Anna Smith said 20 people were arrested after the protest on Monday.",
        "Reuters reported that 20 people were arrested after the protest.",
        "John Brown, a witness, said 30 people were arrested after the protest.",
        "Mayor Anna Smith said that 20 people were arrested after the protest on Monday.",
        "The interior ministry said that 20 people had been arrested after the protest.",
    ])
    [doc] = scorer.annotate([text])
    found = [s.notes["corroboration"] for s in doc.sentences]
    assert found == _corroboration_reference(doc)
    assert found[0] == found[1] and len(found[0][0]) == 4  # police twice, the mayor, Reuters, the ministry
    assert found[4][0] == (doc.sentences[4].attribution.entity_id,)  # 30, not 20: no one agrees


# -- quotes ------------------------------------------------------------------------------------


def test_quotes_overlapping_a_span_are_found_by_bisection():
    text = "\n".join(["“We won,” he said. “And we will win again.” She said: “No.”", "No quote here.",
                  "“An open quote", "“that goes on,” he added."] * 5)
    quotes = find_quotes(text)
    rng = random.Random(3)
    for _ in range(500):
        start, end = sorted(rng.randint(0, len(text)) for _ in range(2))
        assert overlapping(start, end, quotes) == [q for q in quotes if q.start < end and q.end > start]

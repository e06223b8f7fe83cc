"""The corpus layer at scale and its precision guards, on real text: bounded comparisons for a
story of hundreds of near-copies, claim blocking that keeps the exhaustive matches, and the rule
that wire templates about different companies are not one story."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from credscore.corpus import build_layer
from credscore.corpus.claims_match import claims_match, match_pair
from credscore.corpus.signatures import assertions, lead, salient_names, signature
from credscore.corpus.stories import MAX_NEIGHBOURS, candidate_pairs, is_copy, pair_features, same_story
from tests.conftest import seed_path

GOLD = Path(__file__).resolve().parents[1] / "training" / "gold"

# openings of two Reuters-21578 wires (NEWIDs of the gold pairs): one template, two issuers
SAAB = ("Saab-Scania AB is issuing a 150 mln dlr eurobond due April 2, 1992 paying 7-3/4 pct and priced at "
        "101-3/4 pct, lead manager Morgan Guaranty Ltd said. The bond is available in denominations of 5,000 and "
        "50,000 dlrs and will be listed in London.")
SCOTIA = ("Scotia Mortgage Corp is issuing a 100 mln Canadian dlr eurobond due April 9, 1992 paying 8-3/4 pct and "
          "priced at 100-3/4 pct, lead manager Wood Gundy Ltd said. The non-callable bond is available in "
          "denominations of 1,000 and 10,000 Canadian dlrs and will be listed in Luxembourg.")


def _sig(scorer, text: str, id_: str, **kw):
    return signature(scorer.score(text, id=id_), text, **kw)


def test_a_lead_names_its_subject_and_not_the_company_form():
    assert {"saab-scania"} <= salient_names(lead(SAAB), first_word=True)
    assert not {"ab", "corp", "ltd", "mln", "dlr"} & salient_names(lead(SCOTIA), first_word=True)
    assert "scotia" in salient_names(lead(SCOTIA), first_word=True)
    bbc = "Wolves appoint Hoddle as manager\n\nGlenn Hoddle will be unveiled as the new Wolves manager on Tuesday. More."
    assert lead(bbc).startswith("Glenn Hoddle") and {"glenn", "hoddle", "wolv"} <= salient_names(lead(bbc), first_word=True)


def test_wire_templates_about_different_issuers_are_not_one_story(scorer):
    a, b = _sig(scorer, SAAB, "saab"), _sig(scorer, SCOTIA, "scotia")
    f = pair_features(a, b)
    assert f.names_shared == 0
    assert not same_story(f) and not is_copy(f)


# two Reuters-21578 wires of one morning (NEWIDs 2062 and 2075): February sales of two retailers
PENNEY = ("J.C. Penney co Inc said sales for the\nfour weeks ended February 28 for its JCPenney stores and\ncatalogs were "
          "up 5.3 pct to 780 mln dlrs from 741 mln dlrs a\nyear earlier, with comparable store sales up 5.5 pct.\n    The "
          "company said total company sales for the period were up\n6.0 pct to 888 mln dlrs from 838 mln dlrs, with "
          "same-store\nsales up 6.3 pct.")
AMES = ("Ames Department Stores Inc\nsaid sales for the four weeks ended February 28, the firstr\nmonth of its fiscal "
        "year, were up 30.4 pct to 113.6 mln dlrs\nfrom 87.1 mln dlrs a year earlier, with same-store sales up\n28.6 pct.")


def test_text_in_common_without_names_or_figures_in_common_is_not_one_story(scorer):
    """Template wording (a quarter of the shorter wire's shingles) with different companies and figures."""
    from credscore.corpus.stories import STORY_MIN_KEYS_JACCARD, STORY_TEXT_CONTAINMENT

    f = pair_features(_sig(scorer, PENNEY, "penney"), _sig(scorer, AMES, "ames"))
    assert f.text_containment >= STORY_TEXT_CONTAINMENT  # the text alone would have joined them
    assert f.keys_jaccard < STORY_MIN_KEYS_JACCARD
    assert not same_story(f)


def test_a_rewrite_of_the_same_wire_is_still_a_copy(scorer):
    text = seed_path("000").read_text(encoding="utf-8")
    rewrite = text.replace("Russia", "Moscow", 3)
    f = pair_features(_sig(scorer, text, "a"), _sig(scorer, rewrite, "b"))
    assert f.names_shared > 0 and same_story(f) and is_copy(f)


def test_claim_blocking_keeps_the_exhaustive_matches(scorer):
    x = _sig(scorer, seed_path("000").read_text(encoding="utf-8"), "000")
    y = _sig(scorer, seed_path("001").read_text(encoding="utf-8"), "001")
    blocked = {(m.a.claim, m.b.claim) for m in match_pair(x, y)}
    exhaustive = {(cx.index, cy.index) for cx in x.claims for cy in y.claims if claims_match(cx.said, cy.said)[0]}
    assert len(blocked) >= 8
    assert blocked <= exhaustive  # blocking only leaves comparisons out, it never invents a match
    best_x = {cx for cx, _ in exhaustive}
    assert len({cx for cx, _ in blocked}) >= 0.9 * len(best_x)  # and it finds a partner for nine claims in ten


def _perturb(text: str, rng: random.Random, share: float = 0.1) -> str:
    words = re.findall(r"[A-Za-z]{3,}", text)
    return re.sub(r"[A-Za-z]{3,}", lambda m: rng.choice(words) if rng.random() < share else m.group(), text)


def test_a_story_of_hundreds_of_near_copies_costs_a_bounded_number_of_comparisons(scorer):
    text = seed_path("000").read_text(encoding="utf-8")
    result = scorer.score(text, id="000")
    rng = random.Random(5)
    sigs = []
    for i in range(150):  # all on one day: every article is an LSH candidate of every other
        s = signature(result, _perturb(text, rng), position=i, outlet="The Mirror", published="2023-01-10")
        sigs.append(s.__class__(**{**s.__dict__, "id": f"c{i}"}))
    pairs = list(candidate_pairs(sigs))
    assert len(pairs) <= MAX_NEIGHBOURS * len(sigs) < len(sigs) * (len(sigs) - 1) // 2
    layer = build_layer(sigs)
    assert len(layer.stories) == 1 and len(layer.stories[0].articles) == 150
    assert all(sec.story_id == layer.stories[0].story_id for sec in layer.articles.values())


@pytest.mark.skipif(not (GOLD / "claim_pairs.jsonl").exists(), reason="no claim gold set")
def test_no_edited_number_or_date_is_matched_to_its_original():
    rows = [json.loads(line) for line in (GOLD / "claim_pairs.jsonl").read_text().splitlines() if line.strip()]
    edited = [r for r in rows if r["kind"] == "edited"]
    assert len(edited) >= 80
    matched = [r["edit"] for r in edited if claims_match(assertions(r["claim_a"]), assertions(r["claim_b"]))[0]]
    assert len(matched) <= 0.05 * len(edited), matched


def test_the_banded_index_finds_exactly_the_candidates_of_datasketch_lsh(scorer):
    """The corpus layer's own LSH index (plain dicts) agrees with datasketch's MinHashLSH, band for band,
    on real articles and near-copies of them from barely touched to mostly rewritten."""
    from datasketch import MinHashLSH

    from credscore.corpus.signatures import NUM_PERM
    from credscore.corpus.stories import KEYS_LSH, TEXT_LSH, _Index

    rng = random.Random(3)
    sigs = []
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed_path(prefix).read_text(encoding="utf-8")
        result = scorer.score(text, id=prefix)
        for share in (0.0, 0.05, 0.3, 0.6, 0.9):
            s = signature(result, _perturb(text, rng, share), position=len(sigs))
            sigs.append(s.__class__(**{**s.__dict__, "id": f"{prefix}-{share}"}))
    ours = _Index()
    text_lsh, keys_lsh = MinHashLSH(num_perm=NUM_PERM, params=TEXT_LSH), MinHashLSH(num_perm=NUM_PERM, params=KEYS_LSH)
    sizes = set()
    for s in sigs:
        theirs = set(text_lsh.query(s.text_hash)) | set(keys_lsh.query(s.key_hash))
        found = {m.id for m in ours.query(s)}
        assert found == theirs, s.id
        sizes.add(len(found))
        ours.insert(s)
        text_lsh.insert(s.id, s.text_hash)
        keys_lsh.insert(s.id, s.key_hash)
    assert len(sizes) > 3  # some queries find many candidates, others few: the comparison is not vacuous
    for s in sigs[::2]:  # and removing an article takes it out of every band
        ours.remove(s)
    left = {m.id for m in ours.query(sigs[1])}
    assert left and not left & {s.id for s in sigs[::2]}


@pytest.mark.parametrize("enabled", [True, False])
def test_building_the_layer_leaves_the_garbage_collector_as_it_found_it(enabled, scorer):
    import gc

    text = seed_path("001").read_text(encoding="utf-8")
    sig = signature(scorer.score(text, id="001"), text)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        build_layer([sig])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()

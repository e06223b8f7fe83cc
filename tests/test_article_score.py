"""The article score: fitted under SPEC §4's signs, explained term by term, and saying what it rests on."""

from __future__ import annotations

import numpy as np
import pytest

from credscore.scoring import ARTICLE_INTERCEPT, ARTICLE_TERMS, TERM_SIGNS, article_model


def test_shipped_weights_keep_the_spec_signs_at_the_editors_level():
    model = article_model()
    for term in ARTICLE_TERMS:
        assert model.weights[term] * TERM_SIGNS[term] >= 0, term
    assert model.weights["claims"] > 0
    assert model.intercept == ARTICLE_INTERCEPT
    assert "article_labels" in model.fitted_on


def test_explanation_adds_up_to_the_score(seed_results):
    for prefix in ("000", "001", "002", "003", "004"):
        _, result = seed_results[prefix]
        assert result.explanation[0].factor == "claims"
        assert sum(e.effect for e in result.explanation) == pytest.approx(result.score, abs=2e-3), prefix
        assert set(result.components["terms"]) == set(ARTICLE_TERMS)


def test_seeds_that_rest_on_unnamed_or_relayed_sourcing_are_never_strong(seed_results):
    bands = {prefix: seed_results[prefix][1].band for prefix in ("000", "001", "002", "003", "004")}
    assert bands["000"] in ("weak", "poor") and bands["001"] in ("weak", "poor")
    assert "strong" not in bands.values()


def _article(lead_source: str, body_sources: list[str]) -> str:
    lead = f"{lead_source} 1,200 homes in the valley were flooded on Tuesday night after the dam failed."
    body = [f"{s} the repair of the dam will cost at least £{40 + i}m and take {i + 2} years." for i, s in enumerate(body_sources)]
    return "\n\n".join([lead, "The river rose by three metres in four hours.", *body])


def test_more_named_sourcing_never_lowers_the_article_score(scorer):
    vague = scorer.score(_article("Sources said", ["Sources said", "Some people said"]))
    named = scorer.score(_article("Mayor Sadiq Khan said", ["Sources said", "Some people said"]))
    more = scorer.score(_article("Mayor Sadiq Khan said", ["Engineer Maria Lopez said", "Some people said"]))
    assert vague.score <= named.score <= more.score
    assert vague.score < more.score


def test_rests_on_names_the_heaviest_claims_and_the_lead_counts_double(scorer):
    result = scorer.score(_article("Mayor Sadiq Khan said", ["Sources said", "Some people said", "Officials said"]))
    assert 1 <= len(result.rests_on) <= 3
    shares = [w for _, w in result.rests_on]
    assert shares == sorted(shares, reverse=True) and sum(shares) <= 1.0
    top_claim = result.claims[result.rests_on[0][0]]
    assert "1,200 homes" in top_claim.text  # the lead outweighs equally check-worthy body claims
    assert result.to_dict()["rests_on"][0] == {"claim": result.rests_on[0][0], "weight": shares[0]}


def test_confidence_grows_with_the_claims_the_score_rests_on(scorer):
    one = scorer.score("Mayor Sadiq Khan said 1,200 homes in the valley were flooded on Tuesday night.")
    many = scorer.score(_article("Mayor Sadiq Khan said", [f"Engineer {n} said" for n in
                                                           ("Maria Lopez", "John Smith", "Ana Ruiz", "Tom Hale", "Li Wei")]))
    assert 0 < one.confidence < many.confidence < 1


def test_an_agentless_cue_is_not_also_counted_as_a_hedge(scorer):
    believed, = scorer.score_sentences(["It is believed that 7,000 soldiers have been killed in the fighting."])
    assert believed.attribution.kind == "anonymous_vague" and believed.attribution.source is None
    assert not any(e.factor == "hedges" for e in believed.explanation)
    hedged, = scorer.score_sentences(["Sources said 7,000 soldiers have possibly been killed in the fighting."])
    assert any(e.factor == "hedges" for e in hedged.explanation)


# -- the fit -------------------------------------------------------------------------------------


def _rows(n: int, seed: int) -> list[dict]:
    """Synthetic articles whose target falls with the claim scores, against SPEC's sign."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        good = i % 2 == 0
        terms = {"claims": float(rng.normal(-1.0 if good else 1.0, 0.5)), "source_diversity": float(rng.uniform(0, 3)),
                 "concentration": float(rng.uniform(0, 0.3) if good else rng.uniform(0.5, 1.0)),
                 "media_relay": float(rng.uniform(0, 0.5))}
        rows.append({"id": f"a{i}", "set": "webis", "publisher": "p", "orientation": "mainstream" if good else "right",
                     "veracity": "mostly true", "label": "", "terms": terms, "said_share": 0.5, "words": 100})
    return rows


def test_fit_keeps_the_signs_even_where_the_data_pulls_against_them():
    from training.article_score import fit_rows

    intercept, weights = fit_rows(_rows(200, 0), strength=0.0001)
    assert weights["claims"] == pytest.approx(0.0, abs=1e-6)  # the data asks for a negative weight: bounded at 0
    assert weights["concentration"] < -1.0  # where the data agrees with the sign, the weight is free to grow
    for term in ARTICLE_TERMS:
        assert weights[term] * TERM_SIGNS[term] >= -1e-12


def test_a_strong_prior_keeps_the_editors_weights():
    from credscore.scoring import ARTICLE_PRIOR
    from training.article_score import fit_rows

    _, weights = fit_rows(_rows(200, 1), strength=100.0)
    for term in ARTICLE_TERMS:
        assert weights[term] == pytest.approx(ARTICLE_PRIOR[term], abs=0.05)


def test_auc_and_said_share_references():
    from training.article_score import auc, said_share

    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0 and auc([0.1], [0.9]) == 0.0 and auc([0.5], [0.5]) == 0.5
    assert said_share("The mayor said it would rain. It rained. “No,” she told me!") == pytest.approx(2 / 3)


def test_confidence_drops_when_the_typing_of_what_it_rests_on_is_unsure(scorer):
    from credscore.scoring import score_article, score_claim

    text = _article("Mayor Sadiq Khan said", [f"Engineer {n} said" for n in ("Maria Lopez", "John Smith", "Ana Ruiz")])
    doc = scorer.annotate([text])[0]
    claims = [s for s in doc.sentences if s.is_claim]
    scores = [score_claim(doc, s) for s in claims]
    typing = doc.kind_readings
    assert typing and all(t.confidence is not None for t in typing.values()), "the shipped typer scores every typed phrase"
    sure = score_article(doc, claims, scores)
    for t in typing.values():
        t.confidence = 0.5
    unsure = score_article(doc, claims, scores)
    assert unsure.score == sure.score, "the typer's doubt lowers the confidence, not the score"
    assert unsure.confidence < sure.confidence
    attributed = sum(1 for s in claims if s.attribution is not None)
    assert attributed >= 4 and unsure.confidence >= 0.5 * sure.confidence


def test_paragraph_offsets_that_run_late_are_read_from_where_the_paragraphs_start():
    # some BuzzFeed-Webis files open with empty paragraphs and count one character too many for each:
    # read as given, every paragraph would lose its first letters ("resident Barack Obama said")
    from training.article_labels import paragraph_shift

    main = "One of the victims spoke. Ryan Schliep was hurt. Police said the man acted alone."
    late = [(0, 0), (1, 26), (27, 49), (50, 82)]
    assert paragraph_shift(main, late) == 1
    assert [main[a - 1:b - 1].strip() for a, b in late if b > a] == [
        "One of the victims spoke.", "Ryan Schliep was hurt.", "Police said the man acted alone."]
    exact = [(0, 25), (26, 48), (49, 81)]
    assert paragraph_shift(main, exact) == 0

"""The scoring formula: monotone in the evidence, bounded, explained (SPEC §4)."""

from __future__ import annotations

import pytest

from credscore.scoring import BANDS, KIND_PRIOR, band_of

ORDER = ["named_person", "named_organization", "anonymous_specific", "media", "anonymous_vague", "unattributed"]


def test_kind_priors_follow_the_spec_order():
    priors = [KIND_PRIOR[k] for k in ORDER]
    assert priors == sorted(priors, reverse=True)
    assert len(set(priors)) == len(priors)
    assert KIND_PRIOR["document"] == KIND_PRIOR["named_organization"]


def test_same_claim_scores_by_who_said_it(scorer):
    sentences = [
        "Mayor Sadiq Khan said 300 homes were flooded on Tuesday.",
        "The city council said 300 homes were flooded on Tuesday.",
        "A senior council official said 300 homes were flooded on Tuesday.",
        "According to The Guardian, 300 homes were flooded on Tuesday.",
        "Sources said 300 homes were flooded on Tuesday.",
        "300 homes were flooded on Tuesday.",
    ]
    claims = scorer.score_sentences(sentences)
    assert [c.attribution.kind for c in claims] == ORDER
    scores = [c.score for c in claims]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_a_hedge_lowers_the_score(scorer):
    plain, hedged, twice = scorer.score_sentences([
        "Mayor Sadiq Khan said 300 homes were flooded.",
        "Mayor Sadiq Khan said 300 homes were reportedly flooded.",
        "Mayor Sadiq Khan said 300 homes were reportedly and possibly flooded.",
    ])
    assert len(hedged.hedges) == 1 and len(twice.hedges) == 2
    assert plain.score > hedged.score > twice.score
    assert [e.factor for e in hedged.explanation if e.effect < 0] == ["hedges", "single_source"]


def test_negative_verification_lowers_and_positive_raises(scorer):
    plain, negative, positive = scorer.score_sentences([
        "NATO estimated that 7,000 soldiers were killed.",
        "NATO estimated that 7,000 soldiers were killed, which has not been independently verified.",
        "NATO estimated that 7,000 soldiers were killed, as confirmed by official figures.",
    ])
    assert negative.score < plain.score < positive.score


def test_corroboration_raises_the_score(scorer):
    alone = scorer.score("NATO estimated that 15,000 Russian soldiers have been killed in Ukraine.").claims[0]
    backed = scorer.score(
        "NATO estimated that 15,000 Russian soldiers have been killed in Ukraine.\n"
        "Ukrainian officials said 15,000 Russian soldiers have been killed in Ukraine."
    ).claims[0]
    assert backed.corroboration.independent_sources == 2
    assert backed.score > alone.score
    (term,) = [e for e in backed.explanation if e.factor == "corroboration"]
    assert term.effect > 0 and term.claims == (1,)


def test_media_relay_lowers_the_score(scorer):
    direct, relayed = scorer.score_sentences([
        "Osechkin said that the FSB was furious about the war.",
        "Osechkin told The Times that the FSB was furious about the war.",
    ])
    assert relayed.score < direct.score
    assert any(e.factor == "relay" and e.effect < 0 for e in relayed.explanation)


def test_anonymity_reason_raises_an_anonymous_claim(scorer):
    without = scorer.score("A senior NATO official said 40,000 soldiers were wounded.").claims[0]
    with_reason = scorer.score(
        "A senior NATO official said 40,000 soldiers were wounded.\n"
        "The official spoke on condition of anonymity under ground rules set by NATO."
    ).claims[0]
    assert with_reason.score > without.score


def test_explanation_effects_add_up_to_the_score(scorer):
    claim = scorer.score_sentences(["Experts said the bridge could reportedly collapse, which is unverified."])[0]
    total = 0.5 + sum(e.effect for e in claim.explanation)
    assert total == pytest.approx(claim.score, abs=1e-3)


@pytest.mark.parametrize("score", [0.0, 0.39, 0.4, 0.55, 0.7, 1.0])
def test_bands_cover_the_unit_interval(score):
    band = band_of(score)
    threshold = next(t for t, b in BANDS if b == band)
    assert score >= threshold


def test_article_without_claims_has_no_score(scorer):
    result = scorer.score("Hello there.\nOur door is always open!")
    assert result.score is None and result.band is None
    assert any("no check-worthy claims" in w for w in result.warnings)


def test_article_components_point_at_claims(seed_results):
    _, result = seed_results["001"]
    c = result.components
    assert sum(c["kind_shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert c["media_relay_share"] == pytest.approx(len(c["evidence"]["media_relay"]) / c["checkworthy_claims"], abs=1e-3)
    assert all(0 <= i < len(result.claims) for i in c["evidence"]["checkworthy"])
    relayed = next(e for e in result.explanation if e.factor == "media_relay")  # the Mirror's analyst, relayed
    assert relayed.effect < 0 and relayed.claims == tuple(c["evidence"]["media_relay"])


def test_a_speaker_tag_cut_off_by_its_paragraph_is_no_claim(shipped_model_dir):
    # "Obama said," ends its paragraph; the quotation below it is what he said, and the tag alone asserts nothing
    # (the model reads it as check-worthy, so it was an unattributed claim that lowered the article)
    from credscore import Scorer

    text = ("The president spoke at the rally on Friday. Obama said,\n\n"
            "\"We will not let this country go backwards. Our economy has added 15 million jobs.\"\n\nThe crowd cheered.")
    claims = Scorer(model=shipped_model_dir).load().score(text).claims
    assert not any(c.text.strip() == "Obama said," for c in claims)
    jobs = next(c for c in claims if "15 million jobs" in c.text)
    assert (jobs.attribution.source.text, jobs.attribution.kind) == ("Obama", "named_person")

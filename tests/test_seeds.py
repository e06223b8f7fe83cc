"""The five seed articles, read as a standards editor would annotate them (../shared/seeds)."""

from __future__ import annotations

import pytest

from conftest import SEED_IDS


def claim_with(result, fragment):
    matches = [c for c in result.claims if fragment in c.text]
    assert matches, f"no claim contains {fragment!r}"
    return matches[0]


def kinds_of(result):
    return {c.attribution.kind for c in result.claims}


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_every_seed_scores_and_validates(seed_results, validate, prefix):
    article, result = seed_results[prefix]
    payload = validate(result.to_dict())
    assert 0.0 <= result.score <= 1.0
    assert result.band in ("strong", "adequate", "weak", "poor")
    assert len(result.claims) >= 10
    assert payload["id"] == article.id


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_every_span_slices_the_input(seed_results, prefix):
    article, result = seed_results[prefix]
    text = article.text
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        a = claim.attribution
        for span in (a.source, a.cue, a.anonymity_reason, *(link.source for link in a.relay)):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for mark in (*claim.hedges, *claim.verification):
            assert text[mark.start : mark.end] == mark.text
        for e in claim.explanation:
            for span in e.spans:
                assert text[span.start : span.end] == span.text
    for source in result.sources:
        assert source.mentions and all(0 <= m.start < m.end <= len(text) for m in source.mentions)


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_boilerplate_is_never_scored(seed_results, prefix):
    _, result = seed_results[prefix]
    for claim in result.claims:
        assert not any(b.start < claim.end and claim.start < b.end for b in result.boilerplate)


def test_000_mirror_original(seed_results):
    _, r = seed_results["000"]
    jones = claim_with(r, "very senior and well-informed sources")
    assert jones.attribution.kind == "anonymous_vague"
    assert jones.attribution.source.text == "very senior and well-informed sources"
    assert any(link.source.text.startswith("Bruce Jones") and link.kind == "named_person" for link in jones.attribution.relay)

    ukrainian = claim_with(r, "A Ukrainian source told the Mirror")
    assert ukrainian.attribution.kind == "anonymous_specific"
    assert ukrainian.attribution.relay == ()  # the Mirror is the article's own outlet

    kemp = claim_with(r, "Western intelligence will receive")
    assert kemp.attribution.kind == "named_person"
    assert kemp.attribution.source.text.startswith("Colonel Richard Kemp")

    believed = claim_with(r, "It is believed ex-KGB officer Putin")
    assert ("It is believed", "evidential") in [(h.text, h.type) for h in believed.hedges]
    assert believed.attribution.kind == "anonymous_vague"

    assert claim_with(r, "Close to one million Russian civilians have fled").attribution.kind == "unattributed"
    assert claim_with(r, "Sources revealed one plan").attribution.kind == "anonymous_vague"
    reveal = claim_with(r, "the Mirror can reveal")
    assert reveal.attribution.kind == "anonymous_vague"
    assert [link.kind for link in reveal.attribution.relay] == ["media"]


def test_000_one_analyst_quoted_over_three_paragraphs_is_one_entity(seed_results):
    _, r = seed_results["000"]
    ids = {claim_with(r, fragment).attribution.entity_id
           for fragment in ("Some of them are known about publicly", "It is likely this is being kept quiet")}
    assert len(ids) == 1
    (jones,) = [s for s in r.sources if s.entity_id in ids]
    assert jones.name == "Bruce Jones" and jones.kind == "named_person"


def test_001_express_rewrite_relays_the_mirror(seed_results):
    _, r = seed_results["001"]
    relayed = claim_with(r, "according to a report by The Mirror")
    assert relayed.attribution.kind == "media"
    assert "reportedly" in [h.text for h in claim_with(r, "is reportedly").hedges]
    jones = claim_with(r, "Some of them are known about publicly")
    assert jones.attribution.kind == "named_person"
    assert [link.source.text for link in jones.attribution.relay] == ["The Mirror"]
    assert r.components["media_relay_share"] > 0


def test_001_rewrite_scores_below_the_original(seed_results):
    assert seed_results["001"][1].score < seed_results["000"][1].score


def test_002_nato_official_and_the_reason_for_anonymity(seed_results):
    _, r = seed_results["002"]
    official = claim_with(r, "A senior NATO military official said")
    assert official.attribution.kind == "anonymous_specific"
    assert official.attribution.anonymity_reason.text.startswith("spoke on condition of anonymity")
    later = claim_with(r, "The NATO official said 30,000 to 40,000")
    assert later.attribution.entity_id == official.attribution.entity_id
    assert claim_with(r, "NATO estimated today").attribution.kind == "named_organization"
    times = claim_with(r, "For 20 years Putin created stability")
    assert times.attribution.kind == "named_person"
    assert "The Times" in [link.source.text for link in times.attribution.relay]
    negative = claim_with(r, "questionable reliability")
    assert "negative" in [v.polarity for v in negative.verification]


def test_002_osechkin_mentions_are_one_entity(seed_results):
    _, r = seed_results["002"]
    entity = claim_with(r, "The Russian said that disillusioned agents").attribution.entity_id
    assert claim_with(r, "Osechkin did not name his source").attribution.entity_id == entity
    (osechkin,) = [s for s in r.sources if s.entity_id == entity]
    assert osechkin.name == "Vladimir Osechkin"


def test_003_sun_speech_and_speculation(seed_results):
    _, r = seed_results["003"]
    speech = claim_with(r, "There are many Russians today")
    (moore,) = [s for s in r.sources if s.entity_id == speech.attribution.entity_id]
    assert moore.kind == "named_person" and "Moore" in moore.name
    experts = claim_with(r, "security experts said")
    assert experts.attribution.kind == "anonymous_vague"
    assert [link.source.text for link in experts.attribution.relay] == ["The Sun"]
    assert claim_with(r, "Analysts are convinced").attribution.kind == "anonymous_vague"


def test_004_yahoo_rewrite(seed_results):
    _, r = seed_results["004"]
    nato = claim_with(r, "has not been independently verified")
    assert "negative" in [v.polarity for v in nato.verification]
    assert nato.attribution.kind == "anonymous_specific"
    assert any(e.factor == "negative_verification" and e.effect < 0 for e in nato.explanation)
    assert claim_with(r, "An anonymous officer from Nato").attribution.kind == "anonymous_specific"
    assert claim_with(r, "British military intelligence said").attribution.kind == "named_organization"
    assert claim_with(r, "An update added").attribution.kind == "document"
    # Ukrainian authorities and the Nato source give the same toll: two independent sources.
    assert nato.corroboration.independent_sources >= 2


@pytest.mark.parametrize(
    ("prefix", "line"),
    [
        ("003", "Jump directly to the content"),
        ("004", "Oops!"),
        ("004", "Something went wrong."),
        ("002", "No comments:"),
        ("002", "Post a Comment"),
        ("004", "Watch: Volodymyr Zelensky calls on world to show support for Ukraine"),
    ],
)
def test_seed_boilerplate_is_reported(seed_results, prefix, line):
    article, result = seed_results[prefix]
    dropped = [article.text[b.start : b.end] for b in result.boilerplate]
    assert any(line in d for d in dropped)

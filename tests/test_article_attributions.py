"""Every attribution an article makes, listed once per cue (``ArticleResult.attributions``)."""

from __future__ import annotations

import pytest

QUOTE = (
    'The mayor said: "The bridge is safe. It will reopen on Monday." '
    "Rain fell on Tuesday across the county."
)


def _claims_by_attribution(result) -> dict[int, list[int]]:
    """claim index → the indices of the attributions that list it."""
    listed: dict[int, list[int]] = {}
    for i, a in enumerate(result.attributions):
        for c in a.claims:
            listed.setdefault(c, []).append(i)
    return listed


def test_a_quote_of_two_sentences_is_one_attribution_whose_content_holds_both(scorer, validate):
    result = scorer.score(QUOTE)
    said = [a for a in result.attributions if a.cue.text == "said"]
    assert len(said) == 1, [a.to_dict() for a in result.attributions]
    (att,) = said
    assert att.source is not None and att.source.text == "The mayor"
    content = " ".join(QUOTE[c.start:c.end] for c in att.content)
    assert "The bridge is safe" in content and "reopen on Monday" in content
    assert len(att.claims) == 2 and all(result.claims[c].attribution.cue.text == "said" for c in att.claims)
    validate(result.to_dict())


def test_every_claim_with_a_cue_is_listed_under_exactly_that_cue(scorer, seed_results):
    for prefix, (article, result) in seed_results.items():
        listed = _claims_by_attribution(result)
        for i, claim in enumerate(result.claims):
            cue = claim.attribution.cue
            if cue is None:
                assert i not in listed, (prefix, i)
                continue
            assert len(listed.get(i, [])) == 1, (prefix, i, claim.text)
            att = result.attributions[listed[i][0]]
            assert (att.cue.start, att.cue.end) == (cue.start, cue.end)
        cues = [(a.cue.start, a.cue.end) for a in result.attributions]
        assert cues == sorted(set(cues)), prefix  # one per cue, in text order
        text = result.extracted_text or article.text
        for a in result.attributions:
            assert text[a.cue.start:a.cue.end] == a.cue.text
            for c in a.content:  # a content fragment is text, never whitespace at its edges
                piece = text[c.start:c.end]
                assert piece and piece == piece.strip(), (prefix, a.cue.text, piece)


@pytest.fixture(scope="module")
def model_scorer(shipped_model_dir):
    pytest.importorskip("tokenizers", reason="the model extra is not installed")
    from credscore import Scorer

    scorer = Scorer(model=shipped_model_dir).load()
    if not scorer.model_heads.has_span_model:
        pytest.skip("the shipped model has no linker head")
    return scorer


def test_a_second_speaker_in_one_sentence_is_listed_though_no_claim_names_him(model_scorer, validate):
    text = "The mayor said the bridge was safe, but engineers told reporters it needed urgent repairs."
    result = model_scorer.score(text)
    by_cue = {a.cue.text: a for a in result.attributions}
    assert {"said", "told"} <= set(by_cue), [a.to_dict() for a in result.attributions]
    assert by_cue["said"].source.text == "The mayor"
    assert by_cue["told"].source.text == "engineers"
    (claim,) = result.claims
    own = by_cue[claim.attribution.cue.text]
    other = by_cue["told" if own is by_cue["said"] else "said"]
    assert own.claims == (0,) and other.claims == ()
    assert "urgent repairs" in " ".join(text[c.start:c.end] for c in by_cue["told"].content)
    validate(result.to_dict())


def test_a_stance_is_listed_as_an_attribution_that_sources_nothing(model_scorer, validate):
    # PolNeAR annotates "called for" and "attacked" as attributions; SPEC §1 counts only what
    # credits information: they are listed with sourcing false, and no claim takes them.
    text = ("Hillary Clinton called for new taxes on the rich on Tuesday. "
            "The mayor said the bridge will cost $40m.")
    result = model_scorer.score(text)
    by_cue = {a.cue.text: a for a in result.attributions}
    stance = by_cue.get("called for") or by_cue.get("called")
    assert stance is not None and "said" in by_cue, [a.to_dict() for a in result.attributions]
    said = by_cue["said"]
    assert stance.sourcing is False and stance.claims == ()
    assert stance.source is not None and stance.source.text == "Hillary Clinton"
    assert stance.kind == "named_person"
    assert said.sourcing is True and said.claims
    assert all(c.attribution.cue is None or c.attribution.cue.start != stance.cue.start for c in result.claims)
    assert result.to_dict()["attributions"][0]["sourcing"] is False
    validate(result.to_dict())


def test_an_attribution_a_claim_takes_is_sourcing_and_without_a_model_every_one_is(seed_results):
    for prefix, (_, result) in seed_results.items():
        for a in result.attributions:
            assert a.sourcing or not a.claims, (prefix, a.cue.text)
            if result.model is None:  # the rules read reporting cues only
                assert a.sourcing and a.claims, (prefix, a.cue.text)


def test_a_quoted_content_keeps_its_quotation_marks_and_no_more(scorer):
    # PolNeAR and PARC mark a quote's content with its marks: '“… safe,”', not 'The bridge is safe'.
    text = ("“The bridge is safe,” the mayor said on Monday. "
            "Ms. Lee said the repairs were “urgent”. Workers said the mayor’s plan would cost $40m.")
    result = scorer.score(text)
    contents = {a.source.text: [text[c.start:c.end] for c in a.content] for a in result.attributions if a.source}
    assert contents["the mayor"] == ["“The bridge is safe,”"], contents
    assert contents["Ms. Lee"] == ["the repairs were “urgent”"], contents
    assert not any(c.endswith("’") for c in contents["Workers"]), contents

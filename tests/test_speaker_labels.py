"""Transcript turns: a paragraph opened by a speaker's label is that speaker's (SPEC §2)."""

import pytest

from conftest import claims_by_text

# made up, in the shape of the debate and interview transcripts in Horne & Adali (127_Real, 48_Fake)
DEBATE = (
    "Donald Trump refused on Thursday night to promise his support to the party's eventual nominee.\n\n"
    "BAIER: Is there anyone on stage who is unwilling tonight to pledge support to the eventual nominee?\n\n"
    "TRUMP: I will not make the pledge at this time. Our trade deficit with China reached $365 billion last year.\n\n"
    "The audience booed loudly.\n\n"
    "Mr. Trump said after the debate that he would think about the pledge."
)


def test_every_sentence_of_a_turn_is_its_speakers(scorer_in_mode):
    claims = claims_by_text(scorer_in_mode.score(DEBATE))
    deficit = claims["Our trade deficit with China reached $365 billion last year."]
    assert (deficit.kind, deficit.source.text, deficit.cue.text) == ("named_person", "TRUMP", ":")
    first = claims["TRUMP: I will not make the pledge at this time."]
    assert (first.kind, first.source.text) == ("named_person", "TRUMP")  # capitals, yet the person named above
    assert DEBATE[first.content.start:first.content.end].rstrip(".") == "I will not make the pledge at this time"
    booed = claims.get("The audience booed loudly.")
    assert booed is None or booed.kind == "unattributed"  # the article's own paragraph after the turn


def test_the_speaker_of_a_turn_is_the_person_named_elsewhere_one_source(scorer):
    result = scorer.score(DEBATE)
    later = claims_by_text(result)["Mr. Trump said after the debate that he would think about the pledge."]
    turn = claims_by_text(result)["Our trade deficit with China reached $365 billion last year."]
    assert turn.entity_id == later.entity_id
    source = next(s for s in result.to_dict()["sources"] if s["entity_id"] == turn.entity_id)
    assert source["name"] == "Mr. Trump"  # shown as the article writes it, not in the label's capitals


@pytest.mark.parametrize("label", ["BREAKING", "Featured Image", "UPDATE"])
def test_a_label_that_names_no_person_of_the_article_is_no_speaker(scorer, label):
    text = (f"{label}: The state's unemployment rate fell to 3.9 percent in March, the lowest since 2001.\n\n"
            "Governor Maria Lopez welcomed the figures.")
    claim = next(c for c in scorer.score(text).claims if "unemployment rate" in c.text)
    assert claim.attribution.kind == "unattributed"


def test_a_list_item_about_a_person_is_not_their_turn(scorer):
    # horne/145_Real: a tax calculator's list, each item opened by a candidate's name
    text = ("Bernie Sanders and Ted Cruz have both released tax plans.\n\n"
            "Bernie Sanders: His plan would raise federal revenues by an estimated $15.3 trillion over the next decade.")
    claim = claims_by_text(scorer.score(text))["Bernie Sanders: His plan would raise federal revenues by an estimated "
                                        "$15.3 trillion over the next decade."]
    assert claim.kind == "unattributed"


def test_a_turn_that_cites_someone_else_keeps_its_own_attribution(scorer):
    text = ("Senator Elizabeth Warren spoke to reporters on Monday.\n\n"
            "WARREN: The Congressional Budget Office estimates that 22 million people would lose coverage.")
    claim = scorer.score(text).claims[-1]
    assert (claim.attribution.kind, claim.attribution.source.text) == ("named_organization", "The Congressional Budget Office")


def test_a_turn_that_opens_with_a_pronoun_about_someone_else_is_still_the_speakers(scorer):
    text = ("Donald Trump spoke about trade with China at the debate.\n\n"
            "TRUMP: They are taking our jobs, and the deficit reached $365 billion last year.")
    claim = scorer.score(text).claims[-1]
    assert (claim.attribution.kind, claim.attribution.source.text) == ("named_person", "TRUMP")

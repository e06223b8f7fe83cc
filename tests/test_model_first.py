"""How the scorer reads a span model's attributions against the rules' (``ModelHeads._model_first``).

The decoded attributions are written by hand here, so the cases pin the policy, not a model:
the article is parsed and its rules' attributions built for real, then each sentence takes the
model's reading, the rules' one, or both (one as the other's relay).
"""

from __future__ import annotations

import pytest

pytest.importorskip("tokenizers", reason="the model extra is not installed")


@pytest.fixture(scope="module")
def heads(shipped_model_dir):
    from credscore.model.heads import ModelHeads

    return ModelHeads(shipped_model_dir)


@pytest.fixture(scope="module")
def annotate():
    from credscore import Scorer

    scorer = Scorer(model=None)
    return lambda text: scorer.annotate([text])[0]


def _span(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    start = text.index(phrase)
    return ((start, start + len(phrase)),)


def _decoded(text: str, cue: str, source: str | None, content: str):
    from credscore.model.spans import SpanAttribution

    return SpanAttribution(cue=_span(text, cue), source=_span(text, source) if source else (),
                           content=_span(text, content), cue_probability=0.9)


def _read(heads, annotate, text: str, *found):
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, *f) for f in found])
    (sentence,) = [s for s in doc.sentences if s.text.strip()]
    return sentence.attribution


def test_a_rules_cue_nested_in_the_models_content_is_the_claims_source(heads, annotate):
    text = ('Bruce Jones told the Mirror: "I have been told by very senior and well-informed sources that '
            'there have been a number of defections."')
    att = _read(heads, annotate, text, ("told", "Bruce Jones", '"I have been told by very senior and well-informed '
                                        'sources that there have been a number of defections."'))
    assert att.kind == "anonymous_vague"
    assert "senior and well-informed sources" in att.source.text
    assert any("Bruce Jones" in link.source.text for link in att.relay), "the model's speaker is the relay"


def test_an_agentless_frame_governs_what_the_model_links_inside_it(heads, annotate):
    text = ("It is believed ex-KGB officer Putin personally intervened and insisted on the “hostage to fortune” "
            "measures to stop further defections.")
    att = _read(heads, annotate, text, ("insisted on", "ex-KGB officer Putin",
                                        "the “hostage to fortune” measures to stop further defections"))
    assert att.kind == "anonymous_vague" and att.source is None
    assert att.cue.text.startswith("It is believed")


def test_a_cue_that_reports_nothing_is_not_a_source(heads, annotate):
    text = "Russian president Vladimir Putin puts cruel restrictions in place to stop diplomats defecting."
    att = _read(heads, annotate, text, ("puts", "Vladimir Putin", "cruel restrictions in place to stop diplomats defecting"))
    assert att is None or att.kind != "named_person"


def test_an_outlet_told_without_a_source_stays_sourceless(heads, annotate):
    text = "The Mirror has been told most of them jumped sides from postings in cities in Asia."
    att = _read(heads, annotate, text, ("has been told", "The Mirror", "most of them jumped sides from postings in cities in Asia"))
    assert att.kind == "anonymous_vague" and att.source is None


def test_a_source_cut_by_a_relative_clause_is_read_whole(heads, annotate):
    from credscore.model.spans import SpanAttribution

    text = "Colonel Richard Kemp, who led the unit, said the plan had failed badly."
    doc = annotate(text)
    decoded = SpanAttribution(cue=_span(text, "said"), source=_span(text, "Colonel Richard Kemp") + _span(text, "led the unit"),
                              content=_span(text, "the plan had failed badly"), cue_probability=0.9)
    heads._model_first(doc, [decoded])
    (sentence,) = doc.sentences
    assert sentence.attribution.source.text == "Colonel Richard Kemp, who led the unit"
    assert sentence.attribution.kind == "named_person"


def test_two_attributions_that_hold_each_others_cues_still_give_the_sentence_one(heads, annotate):
    from credscore.model.spans import SpanAttribution

    # One quotation with two cues inside one content span (a decoding the span model can give):
    # each holds the other's cue, and the sentence still takes one of them.
    text = 'The minister said, and her aide confirmed, that the talks had collapsed on Friday.'
    content = _span(text, 'said, and her aide confirmed, that the talks had collapsed on Friday')
    said = SpanAttribution(cue=_span(text, "said"), source=_span(text, "The minister"), content=content, cue_probability=0.9)
    confirmed = SpanAttribution(cue=_span(text, "confirmed"), source=_span(text, "her aide"), content=content, cue_probability=0.9)
    doc = annotate(text)
    heads._model_first(doc, [said, confirmed])
    (sentence,) = doc.sentences
    assert sentence.attribution is not None and sentence.attribution.cue.text in ("said", "confirmed")
    assert sum(doc.notes["model_first"].values()) == 1

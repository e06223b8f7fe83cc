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
    """An article as the model's component receives it: segmented, with its markers and the rules' attributions."""
    from credscore.document import Document
    from credscore.pipeline import build_components, run_components
    from credscore.segment import Segmenter

    segmenter = Segmenter().load()
    components = build_components(("markers", "attribution"))
    return lambda text: run_components(components, list(segmenter.pipe([Document(text=text)])))[0]


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


def test_who_wrote_a_text_is_not_who_reported_the_claim(heads, annotate):
    # seed 002: the contacts who vouched for a report, not its unnamed author, are the claim's source
    text = ("Grozev said he has shown the report two former FSB contacts who told him they had 'no doubt it was "
            "written by a colleague'.")
    att = _read(heads, annotate, text, ("was written", "a colleague", "Grozev said he has shown the report two "
                                        "former FSB contacts who told him they had 'no doubt it"),
                ("said", "Grozev", "he has shown the report two former FSB contacts who told him they had 'no "
                                   "doubt it was written by a colleague'"))
    assert (att.kind, att.source.text) == ("anonymous_specific", "two former FSB contacts")
    assert [link.source.text for link in att.relay] == ["Grozev"]


def test_a_phrase_inside_the_subjects_description_is_not_the_source(heads, annotate):
    text = "The open letter, which was written by a group of doctors, warns that the ward is unsafe."
    att = _read(heads, annotate, text, ("warns", "a group of doctors", "the ward is unsafe"))
    assert (att.kind, att.source.text) == ("document", "The open letter")
    # the subject's own head in the model's source is the model's reading, cut as the rules cut it
    text = "Colonel Richard Kemp, who led the unit, said the plan had failed badly."
    att = _read(heads, annotate, text, ("said", "Colonel Richard Kemp", "the plan had failed badly"))
    assert att.source.text.startswith("Colonel Richard Kemp") and att.kind == "named_person"


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    # a refusal credits nothing, whichever verb it refuses
    ("He declined to say whether the deal was dead.", "declined to say", "He", "whether the deal was dead"),
    # a report still to come is no report
    ("The minister is going to say that the deal is dead.", "is going to say", "The minister", "the deal is dead"),
])
def test_a_cue_that_says_nothing_yet_credits_nothing(heads, annotate, text, cue, source, content):
    att = _read(heads, annotate, text, (cue, source, content))
    assert att is None or att.source is None or att.source.text != source


def test_a_report_under_way_is_the_claims_source(heads, annotate):
    text = "Putin and his acolytes continue to claim the invasion is going to plan."
    att = _read(heads, annotate, text, ("continue to claim", "Putin and his acolytes", "the invasion is going to plan"))
    assert (att.kind, att.source.text) == ("named_person", "Putin and his acolytes")


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
    assert sum(doc.model_decisions.values()) == 1


def _at(text: str, phrase: str, occurrence: int = 0) -> tuple[tuple[int, int], ...]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return ((start, start + len(phrase)),)


PEYTON = ("Jennifer Peyton, a former immigration judge in Chicago, said she has watched dozens of judges leave the court. "
          "Peyton said the court no longer honours due process.")


def _peyton_found():
    """The model's reading of PEYTON: its first source runs to the comma (the rules' stops before it)."""
    from credscore.model.spans import SpanAttribution

    t = PEYTON
    return [
        SpanAttribution(cue=_at(t, "said"), source=_at(t, "Jennifer Peyton, a former immigration judge in Chicago,"),
                        content=_at(t, "she has watched dozens of judges leave the court"), cue_probability=0.9),
        SpanAttribution(cue=_at(t, "said", 1), source=_at(t, "Peyton", 1),
                        content=_at(t, "the court no longer honours due process"), cue_probability=0.9),
    ]


def test_a_source_phrase_only_the_model_read_is_named_and_joins_its_person(heads, annotate):
    # The union of the model's and the rules' source is a phrase the rules never typed: without what the
    # resolver needs of it (name, head), the entity was named after the whole phrase and "Peyton" began another.
    from credscore.features.entities import EntityResolver

    doc = annotate(PEYTON)
    heads._model_first(doc, _peyton_found())
    EntityResolver()(doc)
    first, second = (s.attribution for s in doc.sentences)
    assert first.source.text == "Jennifer Peyton, a former immigration judge in Chicago,"
    assert first.entity_id == second.entity_id
    assert {e.entity_id: e.name for e in doc.entities}[first.entity_id] == "Jennifer Peyton"


def test_the_model_runs_between_the_rules_attributions_and_the_entity_resolver(heads):
    from credscore.pipeline import build_components

    assert [c.name for c in build_components(model=heads)] == [
        "markers", "attribution", "model", "entities", "claims", "model_readings"]


def test_the_scorer_resolves_the_span_models_sources_once_as_mentions(heads):
    # The resolver once ran before the model and again after it wherever the model changed an attribution;
    # now it runs once, after the model: the span model's sources are its mentions ("she" is Peyton's).
    from credscore import Scorer
    from credscore.pipeline import build_components

    class SpanModelOnly:
        name, requires, assigns = "model", ("attribution",), ()
        fused = staticmethod(lambda task, logit, rule: rule)

        def pipe(self, docs):
            for doc in docs:
                heads._model_first(doc, _peyton_found())
            return docs

    scorer = Scorer(model=None).load()
    scorer._components = build_components(model=SpanModelOnly())
    [doc] = scorer.annotate([PEYTON])
    first = doc.sentences[0].attribution
    entity = next(e for e in doc.entities if e.entity_id == first.entity_id)
    assert (first.source.start, first.source.end) in {(m.start, m.end) for m in entity.mentions}
    assert entity.name == "Jennifer Peyton"
    assert doc.sentences[1].attribution.entity_id == first.entity_id


@pytest.mark.parametrize("source", ["The city attorney, who filed the suit in state court",
                                    "The city attorney, who filed the suit in state court,"])
def test_a_reference_the_model_cut_longer_still_takes_its_antecedent(heads, annotate, source):
    # "the city attorney" is typed anonymous_specific and takes Barbara Parker's kind and entity from the
    # resolver, also where the model's cut of it (to the comma) is a phrase the rules never typed.
    from credscore.features.entities import EntityResolver
    from credscore.model.spans import SpanAttribution

    text = ("City Attorney Barbara Parker filed a lawsuit against the airline on Wednesday. The city attorney, who "
            "filed the suit in state court, said the company had cut the hours of thousands of workers.")
    doc = annotate(text)
    heads._model_first(doc, [SpanAttribution(cue=_at(text, "said"), source=_at(text, source), cue_probability=0.9,
                                             content=_at(text, "the company had cut the hours of thousands of workers"))])
    EntityResolver()(doc)
    att = doc.sentences[1].attribution
    assert att.source.text == source
    assert att.kind == "named_person"
    assert {e.entity_id: e.name for e in doc.entities}[att.entity_id] == "Barbara Parker"


def test_a_cue_the_model_links_to_no_source_takes_its_subject_on_the_parse(heads, annotate):
    # The model links "told" to no source (its subject is far back, before a coordinated verb); read alone
    # it was an agentless claim. The parse gives the cue's subject, as it would to the rules' reporting verb.
    text = ("Antonio Robinson was neither detained nor cited for illegal lodging, and told the Gazetteer he had "
            "spoken to a member of the city's encampment team.")
    att = _read(heads, annotate, text, ("told", None, "he had spoken to a member of the city's encampment team"))
    assert att.cue.text == "told"
    assert att.source is not None and att.source.text == "Antonio Robinson"
    assert att.kind == "named_person"


def test_a_source_other_than_the_rules_one_has_its_own_kind(heads, annotate):
    # The rules read "said" with "The bill" as its source (a document); the model links the same cue to the
    # person after it. The claim's source is the model's, and its kind was the rules' document.
    text = ("Subtitle: The bill, approved 132-5, aims to prevent “an erasure and minimization of the experiences of "
            "marginalized people,” particularly Black and brown people, Rep. Saudia LaMont, D-Morristown, said on "
            "the House floor.")
    doc = annotate(text)
    (sentence,) = doc.sentences
    assert sentence.attribution.kind == "document" and sentence.attribution.source.text.startswith("The bill")
    att = _read(heads, annotate, text, ("said", ", Rep. Saudia LaMont, D-Morristown,", "aims to prevent “an erasure and "
                                        "minimization of the experiences of marginalized people,” particularly Black and brown people"))
    assert att.source.text == ", Rep. Saudia LaMont, D-Morristown,"
    assert att.kind == "named_person"



def test_a_model_source_that_is_the_tail_of_the_cues_subject_is_read_whole(heads, annotate):
    # The model cut the subject's description ("Institute in 1979 …") and left out who it describes: the
    # stance's source is the subject phrase, a named person, not the Leadership Institute.
    text = ("Morton Blackwell, the conservative icon who founded the Leadership Institute in 1979, has endorsed "
            "Sen. Ted Cruz for president.")
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "has endorsed", "Institute in 1979", "Sen. Ted Cruz for president")])
    (other,) = doc.other_attributions
    assert other.attribution.source.text.startswith("Morton Blackwell, the conservative icon")
    assert other.attribution.kind == "named_person"


def test_a_model_source_holding_the_subjects_head_is_kept_as_cut(heads, annotate):
    text = "The former ambassador to Libya, who served for a decade, also discussed the vast differences."
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "also discussed", "The former ambassador", "the vast differences")])
    (other,) = doc.other_attributions
    assert other.attribution.source.text == "The former ambassador"


def test_the_agent_of_a_passive_cue_is_the_source_not_the_phrase_before_it(heads, annotate):
    # The model links "reported by" to what was reported ("a fact first"); the rules read the agent after
    # "by", a journalist of another outlet: the claim rests on the journalist, so the kind is media.
    text = ("She is not licensed to practice — a fact first reported by Christopher Heath, an Orlando TV reporter "
            "for WFTV9.")
    att = _read(heads, annotate, text, ("reported by", "a fact first", "She is not licensed to practice"))
    assert att.source.text == "Christopher Heath, an Orlando TV reporter for WFTV9"
    assert att.kind == "media"

def test_who_was_told_is_no_source_whatever_the_model_links(heads, annotate):
    # The model links the passive subject ("delegates …") to "have been told"; they heard it, and the rules'
    # agentless reading stands (SPEC §2).
    text = "The boom in consumer technology will continue next year, delegates at the trade show have been told."
    att = _read(heads, annotate, text, ("have been told", "delegates at the trade show",
                                        "The boom in consumer technology will continue next year"))
    assert (att.kind, att.source) == ("anonymous_vague", None)


def test_whom_a_relay_quotes_is_the_source_whatever_the_model_links(heads, annotate):
    text = "The Interfax news agency quoted Deputy Foreign Minister Sergei Ryabkov as saying talks would resume."
    att = _read(heads, annotate, text, ("quoted", "The Interfax news agency", "talks would resume"))
    assert (att.kind, att.source.text) == ("named_person", "Deputy Foreign Minister Sergei Ryabkov")
    assert [r.source.text for r in att.relay] == ["The Interfax news agency"]


def test_a_model_source_never_runs_over_a_paragraph_break(heads, annotate):
    from credscore.model.spans import SpanAttribution

    # seed 002: the span model's window linked "country\nZelensky" across two paragraphs
    text = "He thanked the country\nZelensky said the talks would go on."
    start = text.index("country")
    decoded = SpanAttribution(cue=_span(text, "said"), source=((start, text.index(" said")),),
                              content=_span(text, "the talks would go on"), cue_probability=0.9)
    doc = annotate(text)
    heads._model_first(doc, [decoded])
    said = next(s for s in doc.sentences if "said" in s.text)
    assert said.attribution.source.text == "Zelensky"


def test_a_source_cut_differently_never_takes_in_a_coordinated_clause(heads, annotate):
    # seed 002: the model's "Mytkevich, 39, and entire" against the rules' "Mytkevich, 39"
    text = "The city is without gas, electricity or running water, said Mytkevich, 39, and entire neighbourhoods have been destroyed."
    att = _read(heads, annotate, text, ("said", "Mytkevich, 39, and entire", "The city is without gas, electricity or running water"))
    assert att.source.text == "Mytkevich, 39"


def test_a_source_span_that_is_no_noun_phrase_names_nobody(heads, annotate):
    # seed 002: the span model linked "denied" to "'s fast-moving defenders"
    text = "Ferocious fighting by the country's fast-moving defenders has denied Moscow the quick victory it sought."
    att = _read(heads, annotate, text, ("has denied", "'s fast-moving defenders", "Moscow the quick victory it sought"))
    assert att is None or att.source is None or "'s" not in att.source.text


@pytest.mark.parametrize("text, source, cue, content, kind", [
    # the parser reads "lawsuit claims" as one compound and "rolling" as a verb: the phrase still names a document
    ("The lawsuit claims staff witnessed some incidents but failed to act.",
     "The lawsuit", "claims", "staff witnessed some incidents but failed to act", "document"),
    ("The RealClearPolitics rolling average of polls shows Clinton's figure has improved to the low 40s.",
     "The RealClearPolitics rolling average of polls", "shows", "Clinton's figure has improved to the low 40s", "document"),
])
def test_a_source_phrase_the_parser_misread_is_still_read_by_its_head_noun(heads, annotate, text, source, cue, content, kind):
    att = _read(heads, annotate, text, (cue, source, content))
    assert (att.source.text, att.kind) == (source, kind)


def test_a_prepositional_phrase_names_no_source(heads, annotate):
    text = "The firm lobbied on gaming and taxes, and it did so in New York and Florida, the records show."
    att = _read(heads, annotate, text, ("show", "in New York and Florida", "The firm lobbied on gaming and taxes"))
    assert att is None or att.source is None or att.source.text != "in New York and Florida"


def test_a_speaker_citing_a_source_relays_it_whatever_the_model_links(heads, annotate):
    # seed 002's summary line: the rules read "citing an insider source"; the model links "claimed" to Osechkin
    text = ("The agents also have no interest in seeing Russia return to the days of the Soviet Union, human rights "
            "activist Vladimir Osechkin claimed, citing an insider source.")
    att = _read(heads, annotate, text, ("claimed", "human rights activist Vladimir Osechkin",
                                        "The agents also have no interest in seeing Russia return to the days of the Soviet Union"))
    assert att.kind == "anonymous_specific" and att.source.text == "an insider source"
    assert any("Osechkin" in link.source.text for link in att.relay)


def test_content_crosses_a_paragraph_break_only_inside_a_quotation(heads, annotate):
    from credscore.model.spans import SpanAttribution

    # seed 002's bulleted summary: one line's "said" is not the next line's source
    text = ("- Whistleblower said Putin's position as Russia's president could be threatened\n"
            "- The war in Ukraine has dragged on for four weeks with limited Russian progress")
    content = (text.index("Putin's"), len(text))
    doc = annotate(text)
    heads._model_first(doc, [SpanAttribution(cue=_span(text, "said"), source=_span(text, "Whistleblower"),
                                             content=(content,), cue_probability=0.9)])
    first, second = [s for s in doc.sentences if s.text.strip()]
    assert first.attribution is not None and first.attribution.source.text == "Whistleblower"
    assert second.attribution is None


def test_a_sentence_before_the_cue_is_its_content_only_when_quoted(heads, annotate):
    text = "Apple shares fell 3 percent on Monday. It is believed the company will cut jobs."
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "believed", "It", text)])
    first, second = doc.sentences[:2]
    assert first.attribution is None, "an unquoted sentence before the cue is not what the cue reports"
    assert second.attribution is not None

    quoted = '"Shares will fall. Jobs will go," the analyst said.'
    doc = annotate(quoted)
    heads._model_first(doc, [_decoded(quoted, "said", "the analyst", '"Shares will fall. Jobs will go,"')])
    assert all(s.attribution is not None and s.attribution.source.text == "the analyst"
               for s in doc.sentences if s.text.strip()), "a quote before its cue is its content"


def test_a_speakers_colon_with_its_speaker_is_the_claims_source(heads, annotate):
    text = "PENCE: Donald Trump will rebuild the military and cut taxes for working families."
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, ":", "PENCE", "Donald Trump will rebuild the military and cut taxes for working families.")])
    (att,) = [s.attribution for s in doc.sentences if "military" in s.text]
    assert att is not None and att.source.text == "PENCE" and att.cue.text == ":"


def test_a_stance_is_listed_beside_the_claims_but_no_claim_takes_it(heads, annotate):
    text = "Hillary Clinton called for new taxes on the rich in a speech in Ohio on Tuesday."
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "called for", "Hillary Clinton", "new taxes on the rich")])
    (sentence,) = [s for s in doc.sentences if s.text.strip()]
    assert sentence.attribution is None or sentence.attribution.cue.text != "called for"
    (other,) = doc.other_attributions
    assert other.sourcing is False and other.attribution.source.text == "Hillary Clinton"
    # a cue crumb the model linked to no source, with no verb ("speech"), is no stance
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "speech", None, "new taxes on the rich")])
    assert doc.other_attributions == []


def test_a_short_content_of_the_rules_own_cue_is_the_sentences_content(heads, annotate):
    # the object covers less than a third of the sentence, but the cue is the one the rules read:
    # the content is the clot's existence, not the words before the source
    text = "In her 2003 book, Living History, Clinton noted the clot’s existence."
    att = _read(heads, annotate, text, ("noted", "Clinton", "the clot’s existence"))
    assert (att.source.text, att.cue.text) == ("Clinton", "noted")
    assert text[att.content.start:att.content.end] == "the clot’s existence"


def test_a_speech_verbs_cue_with_its_colon_is_a_reporting_cue(heads, annotate):
    text = 'In a statement, Peabody said: "Patriot Coal was highly successful when it became an independent company."'
    att = _read(heads, annotate, text, ("said:", "Peabody",
                                        '"Patriot Coal was highly successful when it became an independent company."'))
    assert (att.source.text, att.cue.text, att.kind) == ("Peabody", "said:", "named_person")


def test_a_dash_that_signs_a_quotation_is_a_sourcing_attribution(heads, annotate):
    text = "“Mr. Trump embodies the lasting damage of division. He represents our greatest shame.” ― Sonya Herridge"
    doc = annotate(text)
    heads._model_first(doc, [_decoded(text, "―", "Sonya Herridge",
                                      "Mr. Trump embodies the lasting damage of division. He represents our greatest shame.")])
    read = [s.attribution for s in doc.sentences if s.attribution is not None]
    read += [o.attribution for o in doc.other_attributions if o.sourcing]
    assert [(a.cue.text, a.source.text, a.kind) for a in read][:1] == [("―", "Sonya Herridge", "named_person")]


def test_the_tagging_head_does_not_veto_a_document_verb_that_closes_the_sentence(shipped_model_dir):
    # "…, photos obtained by The Post show.": the parser reads "show" as a noun and the tagging head sees no cue;
    # the document the rules found stays the source
    from credscore import Scorer

    claim = Scorer(model=shipped_model_dir).load().score_sentences([
        "Three years before she met her husband, the candidate's wife was photographed with another model, "
        "bombshell photos obtained exclusively by The Post show."])[0]
    assert (claim.attribution.kind, claim.attribution.cue.text) == ("document", "show")


def test_a_date_the_model_links_as_a_source_gives_way_to_the_subject(heads, annotate):
    # "today" says when the alert was sent, not who said it: the rules' subject is the source (a document)
    text = "An alert sent shortly before 8 a.m. today said police were seeking a man in connection with the bombing."
    att = _read(heads, annotate, text, ("said", "today", "police were seeking a man in connection with the bombing"))
    assert (att.source.text, att.kind) == ("An alert sent shortly before 8 a.m.", "document")


def test_a_name_the_rules_phrase_left_out_makes_the_source_a_named_person(heads, annotate):
    # the parse takes only the description ("one of the top lawyers …") for the subject; the model's source
    # holds the name too, so the source is a named person, not an anonymous one
    text = ("However, as Jack Goldsmith, one of the top lawyers in George W. Bush’s administration explains, "
            "such a prosecution would be entirely novel.")
    att = _read(heads, annotate, text, ("explains", "Goldsmith, one of the top lawyers in George W. Bush’s administration",
                                        "such a prosecution would be entirely novel"))
    assert att.kind == "named_person" and att.source.text.startswith("Goldsmith")


def test_an_outlet_the_rules_phrase_left_out_makes_the_source_media(heads, annotate):
    # the parse splits "co-Anchor" and reads "Anchor DeMarco Morgan", a named person; the model's source holds the
    # outlet too, and an outlet's journalist is media (SPEC §2)
    text = "“But that was the first time in a long time, senator,” CBS This Morning co-Anchor DeMarco Morgan said."
    att = _read(heads, annotate, text, ("said", "CBS This Morning co-Anchor DeMarco Morgan",
                                        "But that was the first time in a long time, senator"))
    assert (att.kind, att.source.text) == ("media", "CBS This Morning co-Anchor DeMarco Morgan")


def test_an_honorific_and_a_name_make_a_named_person_whatever_head_the_parse_picks(heads, annotate):
    # the parse makes "crestfallen" a noun and the head of the subject; the phrase is still Mr Lim
    text = "“I just couldn't think of things to say,” a crestfallen Mr Lim told the show's presenter, Jane Roe."
    att = _read(heads, annotate, text, ("told", "a crestfallen Mr Lim", "I just couldn't think of things to say"))
    assert (att.kind, att.source.text) == ("named_person", "a crestfallen Mr Lim")


def test_a_speakers_dash_before_a_quotation_stands_in_model_mode(shipped_model_dir):
    # the tagging head sees no cue in a dash; the rules' reading of "Name, description — “…”" is not vetoed
    from credscore import Scorer

    text = ("Several former officials endorsed her on Monday.\n\n"
            "Mark Salter, former top adviser to John McCain — \"Whatever her faults, she is not ignorant.\"")
    claim = Scorer(model=shipped_model_dir).load().score(text).claims[-1]
    assert (claim.attribution.source.text, claim.attribution.kind) == ("Mark Salter, former top adviser to John McCain",
                                                                      "named_person")


def test_a_sentence_that_is_one_attribution_takes_it_however_long_its_source(heads, annotate):
    # the parse reads "show wages" as a compound, so the rules find nothing; the model's content is under a
    # third of the sentence, yet source, cue and content are the whole of it
    text = "Data from the Bureau of Labor Statistics show wages rose 4 percent."
    att = _read(heads, annotate, text, ("show", "Data from the Bureau of Labor Statistics", "wages rose 4 percent"))
    assert (att.kind, att.source.text, att.cue.text) == ("document", "Data from the Bureau of Labor Statistics", "show")
    # a short content in a longer sentence that says more is still no claim of the sentence's
    from credscore.model.heads import _is_the_sentence

    text = "Data from the Bureau of Labor Statistics show wages rose, and the governor signed a bill on Friday night."
    (sentence,) = annotate(text).sentences
    assert not _is_the_sentence(_decoded(text, "show", "Data from the Bureau of Labor Statistics", "wages rose"), sentence)
    assert _is_the_sentence(_decoded(text, "show", "Data from the Bureau of Labor Statistics", text[46:-1]), sentence)

"""The learned source-kind typer (issue 12 item 2): kinds on made-up sentences for the issue's error
classes, its probability in the output, and the rules' kind where no weights ship."""

from __future__ import annotations

import pytest

from credscore.errors import ModelLoadError
from credscore.features.kind_typer import KindTyper, load_typer
from credscore.results import SCHEMA_VERSION


def _claim(scorer, text: str, needle: str):
    result = scorer.score(text)
    return next(c for c in result.claims if needle in c.text)


def test_the_typer_ships():
    typer = load_typer()
    assert typer is not None and set(typer.labels) <= {
        "named_person", "named_organization", "document", "media", "anonymous_specific", "anonymous_vague", "unattributed"}


@pytest.mark.parametrize(("text", "needle", "kind"), [
    # vantage points
    ("Officials with knowledge of the plan said it would be announced next week.", "plan", "anonymous_specific"),
    ("A person familiar with the talks said both sides were close to a deal.", "talks", "anonymous_specific"),
    ("Three people close to the governor said he would not run again.", "governor", "anonymous_specific"),
    # outlets
    ("According to the Tampa Bay Times, the school board met in secret.", "school board", "media"),
    ("The Guardian reported that the minister had resigned.", "minister", "media"),
    # documents
    ("The memo said the agency had ignored the warnings.", "memo", "document"),
    ("According to court records, the man was arrested twice in 2019.", "arrested", "document"),
    ("The inflation report showed prices rose 3 percent in March.", "prices", "document"),
    # agentless
    ("It is understood that the talks will resume on Monday.", "resume", "anonymous_vague"),
    ("The striker is said to be unhappy at the club.", "striker", "anonymous_vague"),
    # a surname or title referring back to a named person
    ("Lt. Maria Reyes led the search on Sunday.\n\nReyes said the boat was found at dawn.", "boat", "named_person"),
    ("Dr. Amara Okafor runs the clinic in Leeds.\n\nAccording to Okafor, 300 patients were seen last week.",
     "patients", "named_person"),
])
def test_issue_error_classes_get_the_decided_kind(scorer, text, needle, kind):
    assert _claim(scorer, text, needle).attribution.kind == kind


def test_kind_confidence_is_the_typers_probability_of_the_kind(scorer, validate):
    result = scorer.score("A person familiar with the talks said both sides were close to a deal. "
                          "Close to one million people have fled the region since March.")
    payload = validate(result.to_dict())
    assert payload["schema_version"] == SCHEMA_VERSION
    typed, unattributed = payload["claims"]
    confidence = typed["attribution"]["kind_confidence"]
    assert isinstance(confidence, float) and 0.0 <= confidence <= 1.0 and round(confidence, 4) == confidence
    assert unattributed["attribution"]["kind"] == "unattributed"
    assert unattributed["attribution"]["kind_confidence"] is None  # no phrase, no typer decision


def test_every_seed_claim_has_kind_confidence_in_range(seed_results):
    for _, result in seed_results.values():
        for claim in result.claims:
            c = claim.attribution.kind_confidence
            assert c is None or 0.0 <= c <= 1.0
        assert any(claim.attribution.kind_confidence is not None for claim in result.claims)


def test_without_weights_the_rules_kind_stands(scorer):
    tagger = next(c for c in scorer._components if c.name == "attribution")
    typer, tagger.typer = tagger.typer, None
    try:
        claim = _claim(scorer, "The memo said the agency had ignored the warnings.", "memo")
    finally:
        tagger.typer = typer
    assert claim.attribution.kind == "document" and claim.attribution.kind_confidence is None


def test_when_the_typer_decides_everywhere_it_keeps_the_issue_cases_and_scores_its_own_kind(scorer):
    tagger = next(c for c in scorer._components if c.name == "attribution")
    shipped, tagger.decide_at = tagger.decide_at, 0.0
    try:
        claim = _claim(scorer, "Officials with knowledge of the plan said it would be announced next week.", "plan")
    finally:
        tagger.decide_at = shipped
    assert claim.attribution.kind == "anonymous_specific" and 0.0 <= claim.attribution.kind_confidence <= 1.0


def test_the_shipped_typer_decides_where_it_is_sure():
    typer = load_typer()
    assert typer.decide_at is not None and 0.5 <= typer.decide_at < 1.0


_TOY = {"labels": ["anonymous_specific", "named_organization", "named_person", "unattributed"],
        "features": ["org_word", "title", "det=-", "doubt"],
        "coef": [[0, 3.0, 0, 0], [1.0, 0, 2.0, 0], [0, 0, 0, 0], [0, 0, 0, 4.0]],
        "intercept": [0.0, 0.0, 0.0, 0.0], "version": "t"}


def test_the_typer_replaces_the_rules_kind_only_where_it_is_sure_enough():
    typer = KindTyper.from_dict(_TOY)
    kind, p = typer.decide(["org_word"], "anonymous_specific", 0.7)
    assert kind == "named_organization" and p > 0.7
    kind, p = typer.decide(["org_word"], "anonymous_specific", 0.95)  # not sure enough: the rules stand
    assert kind == "anonymous_specific" and p < 0.1  # scored by the typer's probability of the rules' kind
    assert typer.decide(["org_word"], "anonymous_specific", None)[0] == "anonymous_specific"  # scores only


def test_the_typer_never_unattributes_a_phrase_nor_names_a_description():
    typer = KindTyper.from_dict(_TOY)
    # its surest label is "unattributed": it doubts the phrase is a source, so the rules' kind stands
    assert typer.decide(["doubt"], "named_organization", 0.0)[0] == "named_organization"
    # "the vice president" (a determiner): a person only through the entity resolver, not the typer
    assert typer.decide(["title"], "anonymous_specific", 0.0)[0] == "anonymous_specific"
    assert typer.decide(["title", "det=-"], "anonymous_specific", 0.0)[0] == "named_person"


def test_a_decide_at_that_is_no_probability_fails_loudly():
    with pytest.raises(ModelLoadError, match="decide_at"):
        KindTyper.from_dict({**_TOY, "decide_at": 1.5})


def test_the_rules_kind_is_an_input_not_the_answer():
    typer = KindTyper.from_dict({"labels": ["document", "media"], "features": ["rules=document", "outlet_in_span"],
                                 "coef": [[1.0, 0.0], [0.0, 3.0]], "intercept": [0.0, 0.0], "version": "t"})
    assert typer.predict(["rules=document"])[0] == "document"
    kind, p = typer.predict(["rules=document", "outlet_in_span", "unseen feature"])
    assert kind == "media" and p == round(p, 4) and 0.5 < p <= 1.0


def test_malformed_weights_fail_loudly():
    with pytest.raises(ModelLoadError, match="malformed"):
        KindTyper.from_dict({"labels": ["a"], "features": ["x", "y"], "coef": [[1.0]], "intercept": [0.0]})


@pytest.mark.parametrize(("text", "needle", "kind"), [
    # SPEC §2's rulings on these patterns hold even where the typer would decide at any probability
    ("Mike Smith, a reporter for the Tampa Bay Times, said the jail was full.", "jail", "media"),
    ("The Mirror published the photographs on Sunday. It said the pictures were taken in May.", "pictures", "media"),
    ("In January, a Florida agency announced it would no longer update the licences.", "licences", "anonymous_specific"),
])
def test_the_typer_does_not_overrule_a_rule_for_the_phrases_pattern(scorer, text, needle, kind):
    tagger = next(c for c in scorer._components if c.name == "attribution")
    shipped, tagger.decide_at = tagger.decide_at, 0.0
    try:
        doc = scorer.annotate([{"id": "t", "text": text}])[0]
        claim = _claim(scorer, text, needle)
    finally:
        tagger.decide_at = shipped
    assert claim.attribution.kind == kind
    assert any(r.settled and r.kind == kind for r in doc.kind_readings.values())


def test_a_default_reading_is_not_settled(scorer):
    doc = scorer.annotate([{"id": "t", "text": "The Harbour Trust said the plant would close in May."}])[0]
    (reading,) = doc.kind_readings.values()
    assert reading.rules == "named_organization" and not reading.settled

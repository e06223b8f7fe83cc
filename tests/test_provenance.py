"""Datelines and syndication credits go to the article's provenance, never to a claim's source (SPEC §2)."""

from __future__ import annotations

import pytest

from credscore.features.provenance import find_provenance
from credscore.outlets import load_gazetteer


@pytest.mark.parametrize(("text", "place", "wire"), [
    ("PARIS (AP) — The French government will raise the minimum wage by 3% next year.", "PARIS", "AP"),
    ("WASHINGTON (Reuters) - U.S. retail sales rose 0.7% in March, the Commerce Department said.", "WASHINGTON", "Reuters"),
    ("NEW YORK, March 3 (Reuters) – Oil prices fell 2% on Tuesday.", "NEW YORK", "Reuters"),
    # the web copy's dateline: a place in title case, the wire glued to the first word
    ("Park City, Utah (CNN)Mitt Romney suggested Friday that the election could change the party.", "Park City", "CNN"),
    ("Washington (CNN) President Obama will travel to Ohio on Monday.", "Washington", "CNN"),
])
def test_a_dateline_gives_place_and_wire(text: str, place: str, wire: str) -> None:
    p = find_provenance(text, load_gazetteer())
    assert (p.dateline_place.text, p.wire.text) == (place, wire)
    assert text[p.wire.start : p.wire.end] == wire


@pytest.mark.parametrize("text", [
    "Senator Jane Roe voted against the bill 40 times (h/t The Daily Beast).",
    "LONDON (file photo) - The bridge will close for 3 weeks.",
    "The council met on Monday. PARIS (AP) — appears only as a quoted example here.",
])
def test_a_hat_tip_or_a_parenthesis_that_names_no_outlet_is_not_a_dateline(text: str) -> None:
    p = find_provenance(text, load_gazetteer())  # a dateline opens a line and credits an outlet
    assert (p.dateline_place, p.wire) == (None, None)


def test_a_syndication_line_is_the_credit() -> None:
    text = "The mayor said 300 homes flooded.\nThis article originally appeared on The Texas Tribune."
    p = find_provenance(text, load_gazetteer())
    assert p.credit.text == "The Texas Tribune"
    assert p.wire is None


def test_the_dateline_wire_is_no_claims_source_and_is_reported_as_provenance(scorer) -> None:
    text = ("WASHINGTON (Reuters) - U.S. retail sales rose 0.7% in March.\n"
            "The increase was the largest in a year, the Commerce Department said.")
    result = scorer.score(text)
    assert all(c.attribution.source is None or c.attribution.source.text != "Reuters" for c in result.claims)
    assert all(link.source.text != "Reuters" for c in result.claims for link in c.attribution.relay)
    out = result.to_dict()["provenance"]
    assert out["wire"]["text"] == "Reuters" and out["dateline_place"]["text"] == "WASHINGTON"
    assert out["credit"] is None


@pytest.mark.parametrize(("text", "place", "rest"), [
    ("WASHINGTON — A federal judge on Tuesday blocked the rule.", "WASHINGTON", "A federal judge"),
    ("NEW DELHI, March 27 - Indian officials responded coolly to the offer.", "NEW DELHI", "Indian officials"),
    # a US dateline with its state and the date (Reuters-21578)
    ("ST. LOUIS, MO., March 25 - Pantera's Corp said it agreed to buy ten restaurants.", "ST. LOUIS", "Pantera's Corp"),
    ("TOPEKA, Kan, June 18 - AmVestors Financial Corp said it realized net proceeds.", "TOPEKA", "AmVestors"),
])
def test_a_dateline_without_a_wire_gives_the_place_and_where_the_text_starts(text: str, place: str, rest: str) -> None:
    p = find_provenance(text, load_gazetteer())
    assert (p.dateline_place.text, p.wire) == (place, None)
    assert text[p.dateline_end:].startswith(rest)


def test_a_dash_inside_a_sentence_is_no_dateline() -> None:
    p = find_provenance("The vote - held on Monday - passed 52-48.\nNATO said the talks would go on.", load_gazetteer())
    assert (p.dateline_place, p.dateline_end) == (None, 0)


@pytest.mark.parametrize("mode", ["features", "model"])
def test_a_datelines_place_is_no_claims_source(mode, scorer, shipped_model_dir) -> None:
    from credscore import Scorer

    chosen = scorer if mode == "features" else Scorer(model=shipped_model_dir)
    text = ("NEW DELHI, March 27 - Indian officials responded coolly to a reported U.S. offer to sell India a "
            "supercomputer, saying it showed Washington's lack of sensitivity.")
    result = chosen.score(text)
    claim, = result.claims
    source = claim.attribution.source
    assert source is None or not source.text.startswith(("NEW DELHI", "March 27"))
    # nor the source of any other attribution the article lists ("…, saying it showed …")
    assert not [a.source.text for a in result.attributions if a.source is not None and a.source.start < 19]
    if mode == "model":
        assert (claim.attribution.kind, source.text) == ("anonymous_specific", "Indian officials")


def test_a_body_after_a_state_and_date_dateline_is_what_its_later_it_said_means(scorer) -> None:
    text = ("TOPEKA, Kan, June 18 - AmVestors Financial Corp said underwriters exercised their option for "
            "10,000 more shares.\n\nIt said it realized net proceeds of 886,000 dlrs.")
    first, second = (c.attribution for c in scorer.score(text).claims)
    assert (first.source.text, first.kind) == ("AmVestors Financial Corp", "named_organization")
    assert (second.kind, second.entity_id) == ("named_organization", first.entity_id)


def test_a_name_glued_to_a_web_datelines_wire_is_the_claims_source(scorer) -> None:
    result = scorer.score("Park City, Utah (CNN)Mitt Romney suggested Friday that the election could change the party.")
    claim = result.claims[0]
    assert (claim.attribution.source.text, claim.attribution.kind) == ("Mitt Romney", "named_person")
    assert result.to_dict()["provenance"]["wire"]["text"] == "CNN"

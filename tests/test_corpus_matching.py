"""Claim matching and outlet keys on real seed sentences: numbers, dates and names must agree."""

from __future__ import annotations

import pytest

from credscore.corpus.claims_match import claims_match
from credscore.corpus.outlets import article_outlet_key, domain_key, outlet_key
from credscore.corpus.signatures import assertions

# 000 (the Mirror) and 001 (the Express's rewrite of it)
MIRROR = "In one Ukrainian strike alone on New Year’s Day as many as 500 troops died after apparently giving away their position"
EXPRESS = "On New Year’s Day, one Ukrainian strike killed as many as 500 troops after their location was given away"
LOSSES = "It comes as troop losses in Ukraine frontline are soaring towards 110,000"


def test_a_rewritten_claim_matches():
    ok, sim = claims_match(assertions(MIRROR), assertions(EXPRESS))
    assert ok and sim >= 0.45


@pytest.mark.parametrize(("original", "changed"), [
    (MIRROR, MIRROR.replace("500", "800")),                   # another number
    (LOSSES, LOSSES.replace("110,000", "120,000")),           # "110,000 troops" != "120,000 troops"
    (MIRROR + " on Wednesday", MIRROR + " on Thursday"),      # another day
    (LOSSES + " in 2022", LOSSES + " in 2023"),               # another year
])
def test_a_claim_with_a_different_number_or_date_does_not_match(original, changed):
    assert claims_match(assertions(original), assertions(original))[0]
    assert not claims_match(assertions(original), assertions(changed))[0]


def test_a_claim_that_only_adds_a_number_still_matches():
    assert claims_match(assertions("Russian diplomats and spies have defected since the invasion of Ukraine"),
                        assertions("More than 20 Russian diplomats and spies have defected since the invasion of Ukraine"))[0]


def test_claims_about_different_people_do_not_match():
    same = "Police arrested the activist Osechkin in Moscow on charges of fraud and extremism"
    assert claims_match(assertions(same), assertions(same))[0]
    assert not claims_match(assertions(same), assertions(same.replace("Osechkin in Moscow", "Grozev in Vienna")))[0]


def test_unrelated_claims_do_not_match():
    assert not claims_match(assertions(MIRROR), assertions("The UN has estimated 3.5 million people have now fled"))[0]


@pytest.mark.parametrize(("name", "key"), [
    ("The Mirror", "mirror"), ("Daily Mirror", "mirror"), ("a report by The Mirror", "mirror"),
    ("MailOnline", "mail"), ("The Times", "times"), ("Daily Express", "express"), ("", None),
])
def test_outlet_names_reduce_to_one_key(name, key):
    assert outlet_key(name) == key


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.mirror.co.uk/news/world-news/putin", "mirror"), ("https://www.dailymail.co.uk/news/x", "mail"),
    ("https://www.thesun.co.uk/news/1", "sun"), ("https://www.express.co.uk/news/world/1", "express"),
])
def test_url_domains_reduce_to_the_outlet_key(url, key):
    assert domain_key(url) == key
    assert article_outlet_key(None, url) == key

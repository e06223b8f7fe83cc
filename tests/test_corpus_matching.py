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


def test_a_figure_rounded_in_one_claim_and_exact_in_the_other_matches():
    # Reuters gives a result rounded in one story and to the dollar in its update
    rounded = "K Mart said consolidated sales in the period were 1.46 billion dlrs compared with 1.29 billion last year."
    exact = "K Mart said consolidated sales in the period were 1,459,193,000 dlrs compared with 1,289,635,000 dlrs last year."
    assert claims_match(assertions(rounded), assertions(exact))[0]
    # ... but a figure that rounds to another at one significant digit, or differs at its own precision, does not
    assert not claims_match(assertions(LOSSES), assertions(LOSSES.replace("110,000", "111,000")))[0]
    assert not claims_match(assertions(MIRROR.replace("500", "5,000")), assertions(MIRROR.replace("500", "5,400")))[0]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("1460000000", "1459193000", True), ("1.5", "1.4625", True), ("1290000000", "1289635000", True),
    ("110000", "120000", False), ("110000", "111000", False), ("7000", "7400", False), ("3", "3.4", False),
    ("1.5", "1.46", False),  # one digit more is as likely an edit as a rounding
    ("5/12", "5", False), ("101-1/9", "101", False), ("1.23457e+06", "1200000", False),
])
def test_same_value_is_equality_up_to_the_rounder_figures_precision(a, b, same):
    from credscore.corpus.claims_match import same_value

    assert same_value(a, b) is same and same_value(b, a) is same


def test_fractions_are_one_figure_and_dates_stay_as_written():
    assert sorted(assertions("priced at 101-1/8 pct, paying 3/4 pct, due 5/12").numbers) == ["0.75", "101.125", "5/12"]
    one = "The selling concession is 1-1/2 pct while management and underwriting combined pays 3/4 pct."
    other = "The selling concession is one pct while management and underwriting combined pays 1/2 pct."
    assert not claims_match(assertions(one), assertions(other))[0]  # its digits were a subset of the first's
    assert claims_match(assertions(one), assertions(one))[0]


def test_a_plural_possessive_names_the_same_place():
    a = "The documents said peso proceeds can be invested in selected industries under the Philippines' debt/equity program."
    b = "The documents said peso proceeds can be invested in selected industries under the Philippines debt/equity program."
    assert assertions(a).names == assertions(b).names and claims_match(assertions(a), assertions(b))[0]


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

"""The outlet gazetteer: size, the common-word filter, name and URL resolution, and its use for the article's own outlet."""

from __future__ import annotations

import pytest

from credscore.errors import LexiconError
from credscore.outlets import load_gazetteer, outlet_aliases, read_gazetteer

COMMON_WORD_NAMES = ["Time", "Mint", "Fortune", "Post", "Sun", "Star", "Independent", "Nation", "Globe", "Metro"]


def found(text: str) -> list[str]:
    return [m.text for m in load_gazetteer().finditer(text)]


def test_gazetteer_has_thousands_of_outlets_with_domains() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer) >= 3000
    assert sum(1 for o in gazetteer.outlets if o.domains) >= 3000
    assert {o.type for o in gazetteer.outlets} >= {"newspaper", "broadcaster", "fact_checker", "wire"}


@pytest.mark.parametrize("word", COMMON_WORD_NAMES)
def test_a_common_word_name_is_an_alias_only_with_its_article(word: str) -> None:
    words = frozenset(w.lower() for w in COMMON_WORD_NAMES)
    assert outlet_aliases(word, words) == (f"The {word}", f"the {word}")
    assert outlet_aliases(f"The {word}", words) == (f"The {word}", f"the {word}")


@pytest.mark.parametrize("sentence", [
    "Time will tell whether the plan works.",
    "Fortune favours the brave, he said.",
    "Independent experts said the bridge was safe.",
    "Metro services were suspended on Monday.",
    "Star players were rested for the cup tie.",
    "Sun cream sales rose by 20%.",
    "Post offices will close early.",
    "Nation states must cooperate, the minister said.",
    "Globe artichokes are in season.",
    "Mint leaves were added to the drink.",
    "It is time to mint a fortune under the sun, the star said.",
    "The World Cup starts in June and the People's Choice Awards follow.",
    "A spokesman for Oxford University Press said the word was new.",
])
def test_ordinary_words_are_not_outlets(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(("sentence", "outlet"), [
    ("The minister told The Hill on Tuesday that talks had stalled.", "The Hill"),
    ("Axios reported that the vote was delayed.", "Axios"),
    ("The figure was first reported by the Nation.", "the Nation"),
    ("The claim was rated false by PolitiFact.", "PolitiFact"),
    ("A Sun-Sentinel investigation found 40 cases.", "Sun-Sentinel"),
    ("The editor of the Lewiston Tribune said the paper would appeal.", "Lewiston Tribune"),
])
def test_outlet_names_are_found(sentence: str, outlet: str) -> None:
    assert found(sentence) == [outlet]


@pytest.mark.parametrize(("query", "name"), [
    ("https://www.mirror.co.uk/news/world-news/russian-spies-defect-123", "The Mirror"),
    ("https://www.foxnews.com/politics/story", "Fox News"),
    ("https://www.lmtribune.com/story", "Lewiston Tribune"),
    ("Daily Mirror", "The Mirror"),
    ("the washington post", "Washington Post"),
])
def test_names_domains_and_urls_resolve_to_one_outlet(query: str, name: str) -> None:
    outlet = load_gazetteer().resolve(query)
    assert outlet is not None and outlet.name == name


def test_an_unknown_domain_resolves_to_nothing() -> None:
    assert load_gazetteer().resolve("https://x.example/story") is None


def test_bad_gazetteer_lines_are_reported_together() -> None:
    lines = [
        '{"lexicon": "outlet_gazetteer", "version": "1"}',
        '{"id": "a", "name": "A News", "type": "blog", "aliases": ["A News"]}',
        '{"id": "b", "name": "B News", "type": "newspaper", "aliases": ["B News"], "domains": ["https://b.com/"]}',
    ]
    with pytest.raises(LexiconError) as info:
        read_gazetteer(lines)
    assert "line 2" in str(info.value) and "line 3" in str(info.value)


def test_told_own_outlet_known_from_the_url_is_not_a_relay(scorer):
    text = "A Ukrainian source told the Mirror that 500 soldiers died in one strike."
    other = scorer.score(text)
    own = scorer.score(text, url="https://www.mirror.co.uk/news/world-news/123")
    assert [l.source.text for l in other.claims[0].attribution.relay] == ["the Mirror"]
    assert own.claims[0].attribution.relay == ()


def test_outlet_field_resolves_through_aliases(scorer):
    text = "A Ukrainian source told the Mirror that 500 soldiers died in one strike."
    assert scorer.score(text, outlet="mirror.co.uk").claims[0].attribution.relay == ()


def test_another_outlets_scoop_is_media_when_the_articles_own_outlet_is_known(scorer):
    # with no metadata, "As POLITICO revealed" may be the outlet recalling its own scoop (seed 003's
    # "As revealed by The Sun"); with the article's outlet given, POLITICO is another outlet (SPEC §2)
    text = "As POLITICO revealed, most of the payments were for copies of a book written by the chairman."
    guessed = scorer.score(text).claims[0].attribution
    told = scorer.score(text, outlet="HuffPost").claims[0].attribution
    assert (guessed.kind, [link.source.text for link in guessed.relay]) == ("anonymous_vague", ["POLITICO"])
    assert (told.kind, told.source.text) == ("media", "POLITICO")

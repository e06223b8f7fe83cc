"""Embedded social-media posts: the credit line under a post names its author (SPEC §2)."""

from conftest import claims_by_text

# two embeds as BuzzFeed-Webis 2016 pages carry them (webis/0770, webis/0759), text abridged
TWEETS = (
    "As the Gateway Pundit reported:\n\n"
    "BREAKING: Citizen Journalist breaks HUGE Clinton email story PROVING Hillary ORDERED EMAILS TO BE STRIPPED! "
    "#MAGA https://t.co/m5fYUmibpT\n\n"
    "— Rep. Steven Smith (@RepStevenSmith) September 19, 2016\n\n"
    "The crowd grew through the evening.\n\n"
    "Thousands of people lined the streets of Charlotte tonight to protest the shooting. pic.twitter.com/NrVJCPNAkC\n\n"
    "— Eyewitness News (@ABC7NY) September 19, 2016"
)


def test_a_post_is_its_authors_claim(scorer_in_mode):
    claims = claims_by_text(scorer_in_mode.score(TWEETS))
    story = claims["Citizen Journalist breaks HUGE Clinton email story PROVING Hillary ORDERED EMAILS TO BE STRIPPED!"]
    assert (story.kind, story.source.text, story.cue.text) == ("named_person", "Rep. Steven Smith", "—")
    crowd = claims["Thousands of people lined the streets of Charlotte tonight to protest the shooting."]
    assert (crowd.kind, crowd.source.text) == ("media", "Eyewitness News")  # a TV station's account
    # the article's own sentence between the embeds is nobody's post
    assert claims.get("The crowd grew through the evening.") is None or \
        claims["The crowd grew through the evening."].kind == "unattributed"


def test_the_credit_line_itself_is_no_claim(scorer):
    texts = [c.text for c in scorer.score(TWEETS).claims]
    assert not any("(@" in t for t in texts)


def test_a_dash_line_without_a_handle_credits_nothing(scorer):
    text = ("Thousands of people lined the streets of Charlotte tonight to protest the shooting.\n\n"
            "— Reporting by Jane Doe; editing by John Roe")
    claim = scorer.score(text).claims[0]
    assert claim.attribution.kind == "unattributed"


def test_a_one_word_display_name_identifies_no_one(scorer):
    # webis/0770: "Katica" was typed named_organization from the entity tagger's label alone; a first name on an
    # account names no person the reader can identify, and the article names no Katica
    text = ("SMOKING GUN: “BleachBit” Paul Combetta ASKED TO STRIP OR REPLACE VIP’s EMAIL ADDRESS! "
            "https://t.co/nz13MqzWth #MAGA\n\n"
            "— Katica (@GOPPollAnalyst) September 19, 2016")
    claim = scorer.score(text).claims[0]
    assert (claim.attribution.kind, claim.attribution.source.text) == ("anonymous_vague", "Katica")


def test_a_display_name_that_is_a_persons_name_is_that_person(scorer):
    text = ("Thousands of protesters gathered outside the stadium on Sunday night.\n\n"
            "— Maria Lopez (@mlopez_news) September 19, 2016")
    claim = scorer.score(text).claims[0]
    assert (claim.attribution.kind, claim.attribution.source.text) == ("named_person", "Maria Lopez")

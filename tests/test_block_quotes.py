"""Block quotations: a paragraph introduced by "X said:" is what X said (SPEC §2)."""

from conftest import claims_by_text

STATEMENT = (
    "In a statement on Monday, Exxon Mobil said:\n\n"
    "The company has cut its methane emissions by 40 percent since 2016. "
    "We expect to reach net zero in our Permian operations by 2030.\n\n"
    "Critics said the figures could not be checked. The agency has not published its own estimate."
)

LETTER = (
    "Senator Ron Wyden said the plan was flawed. In his letter to the agency, he wrote:\n\n"
    "1. The agency underestimated the cost of the rule by $4 billion.\n\n"
    "2. The rule exempts 60 percent of the wells in the basin.\n\n"
    "The agency did not answer questions about the letter on Friday."
)


def test_the_paragraph_after_an_attribution_ending_in_a_colon_is_the_sources(scorer_in_mode):
    claims = claims_by_text(scorer_in_mode.score(STATEMENT))
    for text in ("The company has cut its methane emissions by 40 percent since 2016.",
                 "We expect to reach net zero in our Permian operations by 2030."):
        assert (claims[text].kind, claims[text].source.text) == ("named_organization", "Exxon Mobil")
    # the paragraph after the block is the article's again
    assert claims["The agency has not published its own estimate."].kind == "unattributed"


def test_a_list_after_the_colon_is_the_sources_to_its_last_item(scorer_in_mode):
    result = scorer_in_mode.score(LETTER)
    claims = claims_by_text(result)
    for text in ("The agency underestimated the cost of the rule by $4 billion.",
                 "The rule exempts 60 percent of the wells in the basin."):
        assert (claims[text].kind, claims[text].cue.text) == ("named_person", "wrote")
    after = claims.get("The agency did not answer questions about the letter on Friday.")
    assert after is None or after.kind == "unattributed"
    assert not [c.text for c in result.claims if not any(ch.isalpha() for ch in c.text)]  # "2." is no claim


def test_a_paragraph_after_an_attribution_without_a_colon_stays_the_articles(scorer):
    text = STATEMENT.replace("Exxon Mobil said:", "Exxon Mobil said it would appeal.")
    claim = claims_by_text(scorer.score(text))["The company has cut its methane emissions by 40 percent since 2016."]
    assert claim.kind == "unattributed"


def test_a_sentence_of_the_block_with_its_own_source_keeps_it(scorer):
    text = STATEMENT.replace("We expect to reach net zero in our Permian operations by 2030.",
                             "Analysts at Goldman Sachs said the company would reach net zero by 2030.")
    claim = claims_by_text(scorer.score(text))["Analysts at Goldman Sachs said the company would reach net zero by 2030."]
    assert claim.source.text == "Analysts at Goldman Sachs"

"""Paragraphs: hard-wrapped lines are one paragraph; headlines, bullets and indented starts are not."""

from __future__ import annotations

from credscore.features.quotes import find_quotes
from credscore.paragraphs import crosses_paragraph, paragraph_spans, split_at_paragraphs

# A wire story wrapped at about 65 characters, paragraphs indented (the Reuters-21578 layout).
WIRE = (
    "Coffee exports through the port rose to 23,400 tonnes in the\n"
    "period from 5,500 a year earlier, the trade sources said.\n"
    "    Viewed against last year's harvest, \"the recovery is better\n"
    "than anyone expected,\" the ministry said in a statement on\n"
    "Friday.\n"
)


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in paragraph_spans(text)]


def test_wrapped_lines_of_one_paragraph_are_joined_and_an_indented_line_starts_the_next() -> None:
    paragraphs = _texts(WIRE)
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("the trade sources said.")
    assert paragraphs[1].lstrip().startswith("Viewed") and paragraphs[1].endswith("Friday.")


def test_web_paragraphs_one_per_line_stay_apart() -> None:
    text = (
        "The mayor said on Monday that 264 civilians had died in the floods, more than the city had reported before.\n"
        "Officials with knowledge of the count said the number would rise as the water receded from the valley.\n"
    )
    assert len(_texts(text)) == 2


def test_a_lower_case_line_continues_an_unfinished_sentence_in_any_text() -> None:
    text = (
        "Flour exports through Rouen rose sharply in the twenty-five day period that ended on Sunday, the\n"
        "sources said, adding that more ships were due.\n"
        "A second paragraph of the same article follows here, and it is a sentence of its own that is long.\n"
    )
    paragraphs = _texts(text)
    assert len(paragraphs) == 2 and "the\nsources said" in paragraphs[0]


def test_headlines_bullets_and_numbered_items_are_not_joined() -> None:
    bullets = (
        "Key points from the report released by the ministry on Friday\n"
        "* Exports rose by a fifth in the first quarter of the year\n"
        "* Imports fell for the third quarter running, it found\n"
        "1. the first numbered item of the list that runs on\n"
    )
    assert len(_texts(bullets)) == 4
    headlines = "Trump wins Indiana primary\nCruz drops out of race\n"  # short lines: not wrapped prose
    assert len(_texts(headlines)) == 2


def test_a_sentence_end_before_a_lower_case_line_in_unwrapped_text_is_a_break() -> None:
    text = (
        "The minister resigned on Tuesday after a week of protests outside parliament in the capital city.\n"
        "iPhone sales, meanwhile, fell for a second quarter, the company said in its statement to investors.\n"
    )
    assert len(_texts(text)) == 2


def test_breaks_and_pieces_keep_offsets() -> None:
    first_break = WIRE.index("\n    Viewed")
    assert crosses_paragraph(WIRE, 0, len(WIRE))
    assert not crosses_paragraph(WIRE, 0, first_break)
    pieces = split_at_paragraphs(WIRE, 0, first_break + 11)
    assert [WIRE[a:b] for a, b in pieces][1] == "    Viewed"
    crlf = "\r\n".join(["word " * 12 + "the", "sources said."])
    assert paragraph_spans(crlf) == [(0, len(crlf))]


def test_a_quote_that_wraps_over_a_line_is_one_closed_quote() -> None:
    quotes = find_quotes(WIRE)
    assert len(quotes) == 1 and quotes[0].closed
    assert WIRE[quotes[0].start:quotes[0].end].startswith("\"the recovery") and "expected,\"" in WIRE[quotes[0].start:quotes[0].end]


def test_a_wire_sentence_wrapped_before_its_speaker_keeps_the_speaker(scorer) -> None:
    claims = scorer.score(WIRE).claims
    first = next(c for c in claims if c.text.startswith("Coffee exports"))
    assert first.text.endswith("the trade sources said.")
    assert first.attribution is not None and first.attribution.source.text == "the trade sources"
    # sources described by their trade, like SPEC §2's "campaign sources", are anonymous_specific
    assert first.kind == "anonymous_specific"

"""Bad input through the library: each failure is an InputError naming the input, or a result
with a warning; a batch reports bad records in place and goes on."""

from __future__ import annotations

import pytest

from conftest import GERMAN, RUSSIAN

from credscore import ArticleResult, ErrorResult, InputError
from credscore.intake import LANGUAGE_WARNING, MAX_BYTES, read_path

GOOD = "The council said the bridge will cost £40m, according to figures released on Tuesday."



# -- empty input ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [("", "empty"), ("   \n\t \n", "whitespace")])
def test_blank_text_raises_input_error_naming_the_input(scorer, text, problem):
    with pytest.raises(InputError) as info:
        scorer.score(text)
    assert info.value.input_name == "<text>"
    assert str(info.value).startswith("<text>:")
    assert problem in info.value.problem

    with pytest.raises(InputError) as info:
        scorer.score(text, id="article-7")
    assert info.value.input_name == "article-7"
    assert "article-7" in str(info.value)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


@pytest.mark.parametrize("data", [b"", b"  \n \t\n"])
def test_blank_file_raises_input_error_naming_the_path(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.input_name == str(path)
    assert str(path) in str(info.value)


def test_non_string_text_raises_input_error(scorer):
    with pytest.raises(InputError, match="bytes"):
        scorer.score(b"The minister said so.")  # type: ignore[arg-type]


# -- characters that fold or decode oddly ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The minister poſſibly knew, officials said.",
        "He claİmed the figures were wrong, the police said.",
        "Officials in İstanbul said 20 people were arrested.",
        "THE MAYOR OF İSTANBUL REPORTEDLY RESIGNED, AIDES SAID.",
    ],
)
def test_case_folding_letters_in_lexicon_matches_do_not_crash(scorer, text):
    result = scorer.score(text)
    for claim in result.claims:
        for marker in (*claim.hedges, *claim.verification):
            assert text[marker.start : marker.end] == marker.text


def test_long_s_matches_its_hedge(scorer):
    text = "The minister poſſibly knew about the plan, officials said."
    [claim] = scorer.score(text).claims
    assert [h.text for h in claim.hedges] == ["poſſibly"]


@pytest.mark.parametrize("text", ["•", "Some text.\n•\nMore text said the police.", "• \n\n*\n"])
def test_bullet_only_lines_are_blank_lines(scorer, text):
    result = scorer.score(text)
    assert all(b.start < b.end for b in result.boilerplate)


def test_lone_surrogate_is_replaced_with_a_warning(scorer):
    text = "He said \ud800 it was over, the police said."
    result = scorer.score(text)
    assert any("lone surrogate" in w and "offset 8" in w for w in result.warnings)
    assert "\ud800" not in result.to_json()
    for claim in result.claims:
        assert claim.text == text[claim.start : claim.end].replace("\ud800", "\ufffd")


# -- binary and badly encoded files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("nul.txt", b"The minister said\x00 the figures were wrong.", "NUL"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        ("disguised.txt", b"\x89PNG\r\n\x1a\n" + b"plain looking tail " * 10, "PNG"),
    ],
)
def test_binary_file_raises_input_error_naming_the_path(tmp_path, name, data, kind):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.input_name == str(path)
    assert str(path) in str(info.value)
    assert "binary" in info.value.problem
    assert kind in info.value.problem


def test_invalid_utf8_is_decoded_with_a_warning_in_the_result(scorer, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9 said the minister in a statement.")
    article = read_path(path)
    assert article.text == "café said the minister in a statement."
    result = scorer.score_article(article)
    assert isinstance(result, ArticleResult)
    utf8 = [w for w in result.warnings if "UTF-8" in w]
    assert utf8, result.warnings
    assert str(path) in utf8[0]
    assert "Windows-1252" in utf8[0]
    assert "offset 3" in utf8[0]


# -- size -----------------------------------------------------------------------------------


def test_oversized_file_is_refused_before_scoring(tmp_path, monkeypatch):
    import credscore.intake as intake

    def no_decode(*args, **kwargs):
        raise AssertionError("an oversized file must be refused before it is decoded")

    monkeypatch.setattr(intake, "decode_bytes", no_decode)
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # 20 MB, sparse where the filesystem allows
        handle.truncate(20_000_000)
    with pytest.raises(InputError) as info:
        read_path(path)
    message = str(info.value)
    assert info.value.input_name == str(path)
    assert "20,000,000" in message
    assert f"{MAX_BYTES:,}" in message
    assert "limit" in message


def test_oversized_string_is_refused(scorer):
    with pytest.raises(InputError) as info:
        scorer.score("a" * (MAX_BYTES + 1))
    assert f"{MAX_BYTES:,}" in str(info.value)
    assert "limit" in str(info.value)


def test_very_long_sentence_is_scored_in_pieces(scorer):
    # one sentence of ~100,000 characters: no full stop, no capital restarting a sentence
    text = "the minister said the figures were wrong and " * 2300
    assert len(text) > 100_000
    result = scorer.score(text)
    assert isinstance(result, ArticleResult)
    assert any("in pieces" in w for w in result.warnings), result.warnings
    assert result.claims
    for claim in result.claims:
        assert claim.text == text[claim.start : claim.end]
        assert claim.end - claim.start <= 1_000


# -- language -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [GERMAN, RUSSIAN], ids=["german", "russian"])
def test_non_english_text_is_refused_unless_allowed(scorer, text):
    from credscore import Scorer

    with pytest.raises(InputError, match="does not look like English"):
        scorer.score(text)
    result = Scorer(model=None, allow_non_english=True).score(text)
    assert LANGUAGE_WARNING in result.warnings
    assert "English-only" in LANGUAGE_WARNING


def test_a_non_english_record_is_its_own_error_in_a_batch(scorer):
    results = list(scorer.score_many([GOOD, GERMAN, GOOD]))
    assert [type(r).__name__ for r in results] == ["ArticleResult", "ErrorResult", "ArticleResult"]
    assert "does not look like English" in results[1].error and results[1].error_type == "InputError"


def test_english_text_does_not_warn(scorer):
    assert LANGUAGE_WARNING not in scorer.score(GOOD).warnings


# -- batches --------------------------------------------------------------------------------


def test_score_many_reports_bad_records_in_place(scorer):
    items = [GOOD, {"text": ""}, {"id": "x"}, 42, {"text": GOOD, "id": "ok"}]
    results = list(scorer.score_many(items))
    assert len(results) == 5
    good0, empty, no_text, number, good4 = results

    assert isinstance(good0, ArticleResult) and good0.claims
    assert isinstance(good4, ArticleResult) and good4.id == "ok"

    assert isinstance(empty, ErrorResult)
    assert empty.id is None and empty.input == "record 1" and "empty" in empty.error

    assert isinstance(no_text, ErrorResult)
    assert no_text.id == "x" and "text" in no_text.error

    assert isinstance(number, ErrorResult)
    assert number.id is None and number.input == "record 3" and "int" in number.error

    for bad in (empty, no_text, number):
        record = bad.to_dict()
        assert record["error"] and record["input"]


def test_score_many_as_tuples_keeps_contexts_in_order(scorer):
    contexts = ["c0", {"row": 1}, 2, None]
    items = [GOOD, {"text": ""}, {"text": GOOD, "id": "ok"}, 42]
    pairs = list(scorer.score_many(zip(items, contexts), as_tuples=True))
    assert [c for _, c in pairs] == contexts
    assert [type(r) for r, _ in pairs] == [ArticleResult, ErrorResult, ArticleResult, ErrorResult]


def test_score_many_is_lazy_and_accepts_a_generator(scorer):
    results = scorer.score_many(text for text in [GOOD, ""])
    assert not isinstance(results, list)
    first, second = list(results)
    assert isinstance(first, ArticleResult) and isinstance(second, ErrorResult)


# -- bare sentences -------------------------------------------------------------------------


def test_score_sentences_rejects_a_bare_string(scorer):
    with pytest.raises(InputError) as info:
        scorer.score_sentences("a string")  # type: ignore[arg-type]
    assert info.value.input_name == "sentences"


@pytest.mark.parametrize(("sentences", "bad"), [(["", "x"], "sentences[0]"), (["x", "  "], "sentences[1]"),
                                                (["x", None], "sentences[1]")])
def test_score_sentences_names_the_bad_item(scorer, sentences, bad):
    with pytest.raises(InputError) as info:
        scorer.score_sentences(sentences)
    assert info.value.input_name == bad
    assert bad in str(info.value)


def test_score_sentences_one_result_per_sentence(scorer):
    sentences = ["The minister said the figures were wrong.", "Police said two men were arrested."]
    claims = scorer.score_sentences(sentences)
    assert [c.text for c in claims] == sentences


@pytest.mark.parametrize("sentence", [
    "Police said two men were arrested.\nThe mayor said the bridge will cost £40m.",
    "the minister said the figures were wrong and " * 40,
], ids=["newline", "over-1000-chars"])
def test_score_sentences_scores_the_whole_sentence(scorer, sentence):
    (claim,) = scorer.score_sentences([sentence])
    assert claim.text == sentence.strip()


def test_score_sentences_refuses_a_sentence_too_long_to_parse(scorer):
    with pytest.raises(InputError, match=r"sentences\[0\].*score long text as an article"):
        scorer.score_sentences(["the minister said the figures were wrong and " * 200])


def test_inputs_without_ids_get_stable_generated_ids_their_claims_join(scorer):
    from credscore.frames import to_frames

    first = list(scorer.score_many([GOOD, {"text": GOOD}]))
    again = scorer.score(GOOD)
    assert first[0].id == first[1].id == again.id and first[0].id.startswith("text-")
    assert scorer.score(GOOD + " It rained.").id != again.id
    pd = pytest.importorskip("pandas")
    articles, claims = to_frames(first[:1])
    assert set(claims["article_id"]) == {first[0].id} == set(articles["id"])

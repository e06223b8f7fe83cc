"""Long and hostile inputs: the paths that were quadratic give their old answers, and text past
the parse budget is scored without a parse and said so (timings: benchmarks/hostile.py)."""

from __future__ import annotations

import random
from dataclasses import astuple

import pytest

from conftest import SEED_IDS, seed_path

from credscore import segment
from credscore.document import Document, overlapping
from credscore.features.entities import COUNTS_AS_INDEPENDENT, supports
from credscore.features.quotes import find_quotes
from credscore.intake import read_path
from credscore.segment import _reach, _split_at_punctuation, _subtract


def _subtract_reference(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every hole visited for every line, as segmentation did."""
    out, cursor = [], start
    for a, b in holes:
        if b <= cursor or a >= end:
            continue
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    return out + ([(cursor, end)] if cursor < end else [])


def test_subtracting_sorted_holes_by_bisection_gives_the_full_scans_answer():
    rng = random.Random(7)
    for _ in range(300):
        holes = sorted((a, a + rng.randint(0, 15)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 12))))
        reach = _reach(holes)
        for _ in range(10):
            start, end = sorted(rng.randint(0, 220) for _ in range(2))
            assert list(_subtract(start, end, holes, reach)) == _subtract_reference(start, end, holes)


# -- in-article corroboration ------------------------------------------------------------------


def _corroboration_reference(doc: Document) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """Every sentence compared with every attributed sentence, as corroboration was counted."""
    kinds = {e.entity_id: e.kind for e in doc.entities}
    attributed = [s for s in doc.sentences if s.attribution is not None and s.attribution.entity_id is not None]
    out = []
    for s in doc.sentences:
        if s.attribution is None:
            out.append(((), ()))
            continue
        own = s.attribution.entity_id
        ids = [own] if own and kinds.get(own) in COUNTS_AS_INDEPENDENT else []
        evidence = []
        for other in attributed:
            oid = other.attribution.entity_id
            if other is s or oid == own or oid in ids or kinds.get(oid or "") not in COUNTS_AS_INDEPENDENT:
                continue
            if supports(s.text, other.text):
                ids.append(oid)
                evidence.append(other.index)
        out.append((tuple(ids), tuple(evidence)))
    return out


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_corroboration_by_index_is_the_pairwise_comparisons_answer_on_the_seeds(scorer, prefix):
    [doc] = scorer.annotate([read_path(seed_path(prefix))])
    assert [astuple(s.corroboration) for s in doc.sentences] == _corroboration_reference(doc)


def test_corroboration_by_index_with_repeated_and_shared_claims(scorer):
    """Sources repeating themselves and each other: the first supporting sentence of each source counts."""
    text = "\n".join([
        "Police said 20 people were arrested after the protest. Police said that 20 people were arrested after the protest.",
        "Mayor Anna Smith said 20 people were arrested after the protest on Monday.",
        "Reuters reported that 20 people were arrested after the protest.",
        "John Brown, a witness, said 30 people were arrested after the protest.",
        "Mayor Anna Smith said that 20 people were arrested after the protest on Monday.",
        "The interior ministry said that 20 people had been arrested after the protest.",
    ])
    [doc] = scorer.annotate([text])
    found = [astuple(s.corroboration) for s in doc.sentences]
    assert found == _corroboration_reference(doc)
    assert found[0] == found[1] and len(found[0][0]) == 4  # police twice, the mayor, Reuters, the ministry
    assert found[4][0] == (doc.sentences[4].attribution.entity_id,)  # 30, not 20: no one agrees


# -- quotes ------------------------------------------------------------------------------------


def test_quotes_overlapping_a_span_are_found_by_bisection():
    text = "\n".join(["“We won,” he said. “And we will win again.” She said: “No.”", "No quote here.",
                  "“An open quote", "“that goes on,” he added."] * 5)
    quotes = find_quotes(text)
    rng = random.Random(3)
    for _ in range(500):
        start, end = sorted(rng.randint(0, len(text)) for _ in range(2))
        assert overlapping(start, end, quotes) == [q for q in quotes if q.start < end and q.end > start]


# -- the parse budget --------------------------------------------------------------------------

PROSE = ("The minister said the plan had failed. “We won,” he said. Police said two men were arrested "
         "on Tuesday. The council reportedly spent £{}m, according to figures released on Friday.\n")


def _covered(text: str, doc: Document) -> str:
    """The text's non-space characters outside boilerplate that no sentence covers."""
    covered = bytearray(len(text))
    for span in (*doc.sentences, *doc.boilerplate):
        covered[span.start:span.end] = b"\x01" * (span.end - span.start)
    return "".join(c for c, done in zip(text, covered) if not done and not c.isspace())


def test_an_article_within_the_budget_is_parsed_whole(scorer):
    [doc] = scorer.annotate([read_path(seed_path("000"))])
    assert all(s.span is not None for s in doc.sentences)
    assert not any("parse budget" in w for w in doc.warnings)


def test_text_past_the_parse_budget_is_split_unparsed_and_scored_with_a_warning(scorer, monkeypatch):
    monkeypatch.setattr(segment, "MAX_PARSE_TOKENS", 120)
    text = "".join(PROSE.format(i) for i in range(8))  # lines that differ, or all but one are boilerplate
    [doc] = scorer.annotate([text])
    [warning] = [w for w in doc.warnings if "parse budget" in w]
    budget_start = int(warning.split()[2].split("-")[0])
    assert 0 < budget_start < len(text) and "120 words and punctuation marks" in warning
    assert all((s.span is None) == (s.start >= budget_start) for s in doc.sentences)
    assert _covered(text, doc) == ""  # nothing dropped
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    assert [s.start for s in doc.sentences] == sorted(s.start for s in doc.sentences)
    unparsed = [s for s in doc.sentences if s.span is None]
    assert [s.text for s in unparsed[:4]] == [
        "The minister said the plan had failed.", "“We won,” he said.", "Police said two men were arrested on Tuesday.",
        f"The council reportedly spent £{unparsed[0].paragraph}m, according to figures released on Friday."]
    assert any(s.hedges for s in unparsed) and any(s.is_claim for s in unparsed)
    result = scorer.score(text)
    assert any("parse budget" in w for w in result.warnings)
    assert all(text[c.start:c.end] == c.text for c in result.claims)


def test_a_quote_past_the_budget_keeps_the_speaker_of_its_chain(scorer, monkeypatch):
    """One paragraph of quotes, parsed in pieces: its sentences past the budget are still its speaker's."""
    monkeypatch.setattr(segment, "MAX_PARSE_TOKENS", 2_000)
    text = "“We won,” Anna Smith said. “We will win the next election too.” " * 180
    result = scorer.score(text)
    [budget] = [w for w in result.warnings if "parse budget" in w]
    past = int(budget.split()[2].split("-")[0])
    quoted = [c for c in result.claims if c.text.startswith("“We will")]
    assert any(c.start < past for c in quoted) and any(c.start >= past for c in quoted)
    assert {c.attribution.source.text for c in quoted} == {"Anna Smith"}


def test_text_past_the_models_budget_keeps_the_features_readings_with_a_warning(scorer, shipped_model_dir, monkeypatch):
    pytest.importorskip("tokenizers", reason="the model extra is not installed")
    from credscore import Scorer
    from credscore.model import heads

    model = Scorer(model=shipped_model_dir).load()
    text = "".join(PROSE.format(i) for i in range(8))
    monkeypatch.setattr(heads, "MAX_MODEL_WORDPIECES", 150)
    [doc] = model.annotate([text])
    [warning] = [w for w in doc.warnings if "model's budget" in w]
    past = int(warning.split()[2].split("-")[0])
    read = [s for s in doc.sentences if s.start < past]
    assert 0 < len(read) < len(doc.sentences) and "150 wordpieces" in warning
    assert all(s.model_logits is not None for s in read)
    assert all(s.model_logits is None and s.span_content is None for s in doc.sentences if s.start >= past)
    [plain] = scorer.annotate([text])  # past the budget, a sentence reads as the feature-only scorer reads it
    for s, f in zip(doc.sentences, plain.sentences):
        if s.start >= past:
            assert (s.checkworthiness, s.hedge_score, s.weasel_score, s.is_claim) == (
                f.checkworthiness, f.hedge_score, f.weasel_score, f.is_claim), s.text
            assert (s.attribution and s.attribution.cue.text) == (f.attribution and f.attribution.cue.text), s.text
    monkeypatch.setattr(heads, "MAX_MODEL_WORDPIECES", 1_000_000)  # within the budget, the model's readings as before
    [whole] = model.annotate([text])
    assert not any("model's budget" in w for w in whole.warnings)
    assert [s.checkworthiness for s in read] == pytest.approx([s.checkworthiness for s in whole.sentences[: len(read)]], abs=1e-3)
    assert any(abs(s.checkworthiness - f.checkworthiness) > 1e-3 for s, f in zip(read, plain.sentences))


def test_boilerplate_between_sentences_counts_against_the_models_budget(scorer, shipped_model_dir, monkeypatch):
    """The window pass reads the text between sentences too, so the budget counts it: a megabyte of
    repeated lines after one sentence is not encoded."""
    pytest.importorskip("tokenizers", reason="the model extra is not installed")
    from credscore.model import heads

    model = heads.ModelHeads(shipped_model_dir)
    text = "Police said two men were arrested on Tuesday.\n" + "Share this article on Facebook.\n" * 400
    [doc] = scorer.annotate([text])
    assert len(doc.sentences) == 2 and doc.boilerplate  # the repeated line: once a sentence, then boilerplate
    assert model._reach(doc) == (2, text)  # all of it fits
    monkeypatch.setattr(heads, "MAX_MODEL_WORDPIECES", 100)
    n, read = model._reach(doc)
    assert (n, read) == (1, text[: doc.sentences[0].end]) or (n, read) == (2, text[: doc.sentences[1].end])
    assert len(read) < 200


def test_no_seed_is_past_the_models_budget(seed_results):
    assert not [p for p, (_, result) in seed_results.items() if any("model's budget" in w for w in result.warnings)]


def test_unparsed_text_is_split_after_end_marks_before_a_capital():
    text = "He left. “Why?” she asked… (Nobody knew.) e.g. this stays. 3 men came!!! Then……… more"
    pieces = [text[a:b].strip() for a, b in _split_at_punctuation(text, 0, len(text))]
    assert pieces == ["He left.", "“Why?” she asked…", "(Nobody knew.) e.g. this stays.", "3 men came!!!", "Then……… more"]


def test_a_run_of_end_marks_is_one_break():
    text = "A" + "." * 50_000 + " B"
    assert list(_split_at_punctuation(text, 0, len(text))) == [(0, 50_001), (50_001, len(text))]


def test_sentences_stay_in_text_order_around_text_too_dense_to_parse(scorer):
    text = "The minister said the plan had failed.\n" + "“" * 3_000 + "\nPolice said two men were arrested."
    [doc] = scorer.annotate([text])
    assert [s.span is None for s in doc.sentences] == [False, True, False]
    assert [s.index for s in doc.sentences] == [0, 1, 2]


def test_a_line_without_words_is_a_sentence_kept_unparsed_without_a_warning(scorer):
    text = "Police said two men were arrested.\n•\n* * *\nThe mayor said the bridge was closed."
    [doc] = scorer.annotate([text])
    assert [(s.text, s.span is None) for s in doc.sentences] == [
        ("Police said two men were arrested.", False), ("•", True), ("* * *", True),
        ("The mayor said the bridge was closed.", False)]
    assert doc.warnings == []

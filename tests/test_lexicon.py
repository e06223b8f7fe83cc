"""Shipped lexicons and their loader: format, labels, seed coverage, and error reporting."""

from __future__ import annotations

import dataclasses
import json
import re
import warnings
from importlib.resources import files
from pathlib import Path

import pytest

from credscore.errors import CredscoreWarning, InputError, LexiconError
from credscore.lexicon import Lexicon, LexiconEntry, available_lexicons, load_lexicon, read_lexicon

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

SHIPPED = ("cue_phrases", "cue_words", "hedges", "outlets", "public_figures", "reporting_verbs", "source_nouns",
           "source_words", "surnames", "verification", "weasels")

LABELS = {
    "hedges": {"modal", "adverb", "evidential", "approximator", "distancing"},
    "verification": {"negative", "positive"},
    "weasels": {"vague_group", "passive_attribution", "vague_quantifier"},
    "outlets": {"outlet", "generic"},
    "surnames": {"place", "surname"},
    "public_figures": {"surname"},
    "source_nouns": {"anonymous_role", "vague_group", "document", "organization_head", "affiliation", "anonymity_phrase", "side_taker",
                     "vantage_role", "relation_role"},
    "cue_phrases": {"according_to", "as_reported", "hat_tip", "self_reveal", "agentless", "citing", "document_verb"},
    "cue_words": {"opening_word", "posting_verb", "poll_verb", "poll_subject", "platform", "quoting_verb", "non_report_object", "taken_object", "reckoning_verb", "target_verb", "rumour_noun", "claim_noun", "speech_verb", "tell_verb", "agentless_verb", "estimate_object", "belief_adjective",
                  "speaking_participle", "frame_document", "non_answer_verb", "refusal_verb", "pointing_verb",
                  "reported_participle", "authorship_verb", "aspect_verb", "raising_verb", "clause_verb",
                  "admission_verb"},
    "source_words": {"person_pronoun", "group_pronoun", "web_outlet_word", "first_person", "non_source_subject", "spokesperson", "insider",
                     "outlet_head", "masthead", "report_noun", "social_post", "vantage_word", "place_preposition", "partitive", "honorific",
                     "title", "person_apposition", "journalist", "media_word", "sector", "outlet_noun",
                     "paper_kind", "polled_word", "broadcast_network", "vantage_setting",
                     "interviewed_word"},
}

# Lexicons whose entries all go into one phrase matcher (or one text -> label dict), so a text
# may carry only one label there.
ONE_LABEL_PER_TEXT = ("cue_phrases", "hedges", "outlets", "reporting_verbs", "verification", "weasels")

# (lexicon, label, text, seed file where the wording occurs)
SEED_WORDING = [
    ("hedges", "adverb", "reportedly", "001"),
    ("hedges", "adverb", "apparently", "000"),
    ("hedges", "adverb", "potentially", "000"),
    ("hedges", "adverb", "likely", "000"),
    ("hedges", "adverb", "almost certainly", "004"),
    ("hedges", "modal", "could", "000"),
    ("hedges", "evidential", "thought to be", "000"),
    ("hedges", "evidential", "it is believed", "000"),
    ("hedges", "evidential", "it is understood", "001"),
    ("hedges", "evidential", "it emerged", "000"),
    ("hedges", "evidential", "is said to", "002"),
    ("hedges", "evidential", "are thought to", "004"),
    ("hedges", "evidential", "are estimated to", "002"),
    ("hedges", "approximator", "as many as", "000"),
    ("hedges", "approximator", "up to", "000"),
    ("hedges", "approximator", "possibly more than", "000"),
    ("hedges", "approximator", "close to", "000"),
    ("hedges", "approximator", "anywhere between", "002"),
    ("hedges", "approximator", "around", "001"),
    ("hedges", "distancing", "claimed", "002"),
    ("hedges", "distancing", "if true", "004"),
    ("verification", "negative", "has not been independently verified", "004"),
    ("verification", "negative", "of questionable reliability", "002"),
    ("source_nouns", "anonymity_phrase", "on condition of anonymity", "002"),
    ("source_nouns", "anonymity_phrase", "under ground rules set by", "002"),
    ("source_nouns", "anonymity_phrase", "did not name his source", "002"),
    ("source_nouns", "anonymous_role", "official", "002"),
    ("source_nouns", "anonymous_role", "officer", "004"),
    ("source_nouns", "anonymous_role", "sources", "000"),
    ("source_nouns", "anonymous_role", "whistleblower", "002"),
    ("source_nouns", "anonymous_role", "authorities", "004"),
    ("source_nouns", "vague_group", "experts", "003"),
    ("source_nouns", "vague_group", "analysts", "003"),
    ("source_nouns", "document", "report", "002"),
    ("source_nouns", "document", "update", "004"),
    ("source_nouns", "affiliation", "western", "002"),
    ("source_nouns", "affiliation", "ukrainian", "004"),
    ("source_nouns", "affiliation", "military", "002"),
    ("cue_phrases", "according_to", "according to", "001"),
    ("cue_phrases", "self_reveal", "can reveal", "000"),
    ("cue_phrases", "self_reveal", "has been told", "000"),
    ("cue_phrases", "as_reported", "as revealed by", "003"),
    ("cue_phrases", "agentless", "it is believed", "000"),
    ("cue_phrases", "agentless", "it is understood", "001"),
    ("cue_phrases", "agentless", "it emerged", "000"),
    ("cue_phrases", "citing", "citing", "002"),
    ("cue_phrases", "citing", "speaking to", "002"),
    ("cue_phrases", "citing", "writing on twitter", "002"),
    ("weasels", "vague_group", "experts", "003"),
    ("weasels", "vague_quantifier", "a number of", "000"),
    ("outlets", "outlet", "The Mirror", "001"),
    ("outlets", "outlet", "Mirror", "000"),
    ("outlets", "outlet", "The Sun", "003"),
    ("outlets", "outlet", "The Times", "002"),
    ("outlets", "outlet", "Yahoo News", "004"),
    ("outlets", "outlet", "Interfax", "002"),
    ("outlets", "generic", "the newspaper", "002"),
    ("reporting_verbs", "say", "said", "000"),
    ("reporting_verbs", "tell", "told", "000"),
    ("reporting_verbs", "claim", "claimed", "002"),
    ("reporting_verbs", "add", "added", "002"),
    ("reporting_verbs", "brand", "branding", "000"),
    ("reporting_verbs", "estimate", "estimated", "002"),
    ("reporting_verbs", "reveal", "revealed", "003"),
    ("reporting_verbs", "insist", "insisted", "002"),
    ("reporting_verbs", "warn", "warned", "003"),
    ("reporting_verbs", "suggest", "suggested", "004"),
    ("reporting_verbs", "cite", "citing", "002"),
    ("reporting_verbs", "speak", "spoke", "002"),
    ("reporting_verbs", "think", "thought", "004"),
]

HEADER = '{"lexicon": "mine", "version": "1", "description": "test", "licence": "CC0-1.0", "sources": []}'


def _seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").replace("’", "'")


def _occurs(phrase: str, text: str, case_sensitive: bool) -> bool:
    pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])"
    return re.search(pattern, text, 0 if case_sensitive else re.IGNORECASE) is not None


# -- shipped lexicons ---------------------------------------------------------------------------


def test_available_lexicons_lists_every_shipped_file() -> None:
    assert available_lexicons() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_lexicon_loads_with_header_and_entries(name: str) -> None:
    lexicon = load_lexicon(name)
    assert lexicon.name == name
    assert lexicon.version == "1"
    assert lexicon.description and lexicon.licence and lexicon.sources
    assert len(lexicon) == len(lexicon.entries) > 0


@pytest.mark.parametrize("name", SHIPPED)
def test_ids_are_unique_and_follow_name_label_slug(name: str) -> None:
    entries = load_lexicon(name).entries
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e.id.startswith(f"{name}.{e.label}."), e.id
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", e.id.split(".", 2)[2]), e.id


@pytest.mark.parametrize("name", SHIPPED)
def test_texts_are_lower_case_single_spaced_unless_case_sensitive(name: str) -> None:
    for e in load_lexicon(name).entries:
        assert e.text == " ".join(e.text.split()), e.id
        if not e.case_sensitive:
            assert e.text == e.text.lower(), e.id


@pytest.mark.parametrize("name", ONE_LABEL_PER_TEXT)
def test_each_text_has_one_label_where_entries_share_a_matcher(name: str) -> None:
    seen: dict[str, str] = {}
    for e in load_lexicon(name).entries:
        key = e.text if e.case_sensitive else e.text.lower()
        assert seen.setdefault(key, e.label) == e.label, f"{e.text!r}: {seen[key]} and {e.label}"


@pytest.mark.parametrize("name", sorted(LABELS))
def test_shipped_lexicon_has_exactly_its_labels(name: str) -> None:
    assert set(load_lexicon(name).labels()) == LABELS[name]


def test_file_lines_are_sorted_by_label_then_text() -> None:
    for name in SHIPPED:
        entries = load_lexicon(name).entries
        keys = [(e.label, e.text.lower()) for e in entries]
        assert keys == sorted(keys), name


@pytest.mark.parametrize(("name", "label", "text", "seed"), SEED_WORDING)
def test_seed_wording_is_covered_with_the_right_label(name: str, label: str, text: str, seed: str) -> None:
    lexicon = load_lexicon(name)
    entry = next((e for e in lexicon.entries if e.text == text), None)
    assert entry is not None, f"{text!r} missing from {name}"
    assert entry.label == label
    assert _occurs(text, _seed_text(seed), entry.case_sensitive), f"{text!r} not in seed {seed}"


def test_reporting_verbs_are_labelled_with_a_lemma_that_is_itself_listed() -> None:
    verbs = load_lexicon("reporting_verbs")
    texts = verbs.texts()
    assert all(" " not in t for t in texts)
    for lemma in verbs.labels():
        assert lemma in texts
    assert {"said", "says", "say", "saying"} <= verbs.texts("say")
    assert {"told", "tells", "tell", "telling"} <= verbs.texts("tell")


@pytest.mark.parametrize("form", ["go", "have", "get", "show", "shows", "find", "found", "continue", "accept", "ask"])
def test_ambiguous_verbs_are_not_attribution_cues(form: str) -> None:
    assert form not in load_lexicon("reporting_verbs").texts()


@pytest.mark.parametrize("word", ["would", "will", "should", "must", "can", "about", "some"])
def test_non_hedges_are_left_out(word: str) -> None:
    assert word not in load_lexicon("hedges").texts()


def test_outlet_names_are_case_sensitive_and_generic_nouns_are_not() -> None:
    outlets = load_lexicon("outlets")
    assert all(e.case_sensitive for e in outlets.with_label("outlet"))
    assert not any(e.case_sensitive for e in outlets.with_label("generic"))
    assert "Bellingcat" not in outlets.texts("outlet")
    assert "the agency" not in outlets.texts("generic")


def test_rank_is_not_an_affiliation_and_authorities_is_a_role() -> None:
    nouns = load_lexicon("source_nouns")
    assert "senior" not in nouns.texts()
    assert "authorities" in nouns.texts("anonymous_role")
    assert "authorities" not in nouns.texts("organization_head")


def test_titles_are_the_honorifics_and_the_other_titles() -> None:
    from credscore.features.attribution import HONORIFICS, TITLES

    words = load_lexicon("source_words")
    assert not words.texts("honorific") & words.texts("title")  # each title has one home
    assert HONORIFICS == words.texts("honorific") and TITLES == HONORIFICS | words.texts("title")
    assert {"mr", "gov"} <= HONORIFICS and "president" in TITLES - HONORIFICS


def test_verification_polarity_of_confirm_phrases() -> None:
    verification = load_lexicon("verification")
    assert {"unconfirmed", "could not be confirmed", "unverified"} <= verification.texts("negative")
    assert {"confirmed by", "documents seen by", "official figures show"} <= verification.texts("positive")


def test_third_party_licences_ship_beside_the_lexicons() -> None:
    licences = files("credscore.lexicons") / "LICENSES"
    names = {p.name for p in licences.iterdir()}
    assert {
        "LICENSE_GGT_MIT.txt",
        "LICENSE_JournalismAI_Apache-2.0.txt",
        "LICENSE_wooorm_hedges.txt",
        "LICENSE_words_weasels.txt",
        "LICENSE_neutralizing_bias_repo.txt",
    } <= names


# -- loader API ---------------------------------------------------------------------------------


def test_load_lexicon_is_cached_and_frozen() -> None:
    lexicon = load_lexicon("hedges")
    assert load_lexicon("hedges") is lexicon
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.name = "other"  # type: ignore[misc]


def test_load_lexicon_unknown_name_lists_the_available_ones() -> None:
    with pytest.raises(InputError, match="hedges") as info:
        load_lexicon("hegdes")
    assert isinstance(info.value, ValueError)


def test_with_label_and_texts_filter_by_label() -> None:
    lexicon = read_lexicon(
        [
            HEADER,
            '{"id": "mine.a.x", "text": "x", "label": "a"}',
            '{"id": "mine.b.y", "text": "y", "label": "b"}',
            '{"id": "mine.b.z", "text": "Z", "label": "b", "case_sensitive": true, "note": "n"}',
        ]
    )
    assert lexicon.labels() == ("a", "b")
    assert [e.id for e in lexicon.with_label("b")] == ["mine.b.y", "mine.b.z"]
    assert lexicon.with_label() == lexicon.entries
    assert lexicon.texts("b") == frozenset({"y", "Z"})
    assert lexicon.texts("a", "b") == frozenset({"x", "y", "Z"})
    assert lexicon.entries[2] == LexiconEntry("mine.b.z", "Z", "b", case_sensitive=True)
    assert isinstance(lexicon, Lexicon) and len(lexicon) == 3


def test_with_label_rejects_an_unknown_label() -> None:
    with pytest.raises(InputError, match="anonymus_role"):
        load_lexicon("source_nouns").with_label("anonymus_role")


def test_read_lexicon_from_a_path_takes_its_name_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(HEADER + '\n{"id": "mine.a.x", "text": "x", "label": "a"}\n\n', encoding="utf-8")
    lexicon = read_lexicon(path)
    assert lexicon.name == "mine" and lexicon.texts() == frozenset({"x"})
    with pytest.raises(LexiconError, match="expected 'other'"):
        read_lexicon(path, "other")


def test_read_lexicon_reports_every_bad_line_in_one_error() -> None:
    lines = [
        HEADER,
        '{"id": "mine.a.ok", "text": "fine", "label": "a"}',  # 2: good
        "not json at all",  # 3
        '{"id": "mine.a.nolabel", "text": "x"}',  # 4: missing label
        '{"id": "mine.a.num", "text": 7, "label": "a"}',  # 5: wrong type
        '{"id": "mine.a.empty", "text": "  ", "label": "a"}',  # 6: empty text
        '{"id": "mine.a.upper", "text": "Reportedly", "label": "a"}',  # 7: not lower-case
        '{"id": "mine.a.ok", "text": "other", "label": "a"}',  # 8: duplicate id
        '{"id": "mine.a.dup", "text": "fine", "label": "a"}',  # 9: duplicate text + label
        '{"id": "mine.a.re", "text": "may(be)?", "label": "a"}',  # 10: a regex
        '{"id": "mine.a.cs", "text": "x", "label": "a", "case_sensitive": "yes"}',  # 11: wrong type
        '["a", "list"]',  # 12: not an object
        '{"id": "mine.a.sp", "text": "two  spaces", "label": "a"}',  # 13: double space
    ]
    with pytest.raises(LexiconError) as info:
        read_lexicon(lines, "mine")
    error = info.value
    assert error.name == "mine"
    flagged = sorted({int(re.match(r"line (\d+):", p).group(1)) for p in error.problems})  # type: ignore[union-attr]
    assert flagged == list(range(3, 14))
    message = str(error)
    for fragment in ("not valid JSON", "missing key 'label'", "'text' must be a str", "'text' is empty",
                     "not lower-case", "duplicate id 'mine.a.ok'", "duplicate text 'fine'", "regular expressions",
                     "'case_sensitive' must be a bool", "got a JSON list", "single spaces"):
        assert fragment in message


@pytest.mark.parametrize(
    "header",
    [
        '{"id": "mine.a.x", "text": "x", "label": "a"}',
        '{"lexicon": "mine", "version": 1, "description": "d", "licence": "l", "sources": []}',
        '{"lexicon": "mine", "description": "d", "licence": "l", "sources": []}',
        "{broken",
    ],
)
def test_a_missing_or_invalid_header_is_reported_with_the_entry_problems(header: str) -> None:
    lines = [header, '{"id": "mine.a.y", "text": "Y", "label": "a"}']
    with pytest.raises(LexiconError) as info:
        read_lexicon(lines, "mine")
    problems = info.value.problems
    assert any(p.startswith("line 1:") for p in problems)
    assert any(p.startswith("line 2:") and "lower-case" in p for p in problems)


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(LexiconError, match="missing header"):
        read_lexicon([], "mine")


def test_an_empty_lexicon_warns_once_naming_it() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lexicon = read_lexicon([HEADER, ""], "mine")
    assert len(lexicon) == 0
    ours = [w for w in caught if issubclass(w.category, CredscoreWarning)]
    assert len(ours) == 1
    assert "'mine'" in str(ours[0].message)


def test_shipped_files_are_valid_jsonl_with_header_first() -> None:
    root = files("credscore.lexicons")
    for name in SHIPPED:
        lines = (root / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        assert header["lexicon"] == name
        assert all("id" in json.loads(line) for line in lines[1:])

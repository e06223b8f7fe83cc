"""Tests for training/data.py: hand-built inputs first, then the real shared/data sets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets", reason="training data needs the [train] extra")

from training import data  # noqa: E402  (after the skip: it imports datasets)

DATA = data.DEFAULT_DATA_DIR
needs_data = pytest.mark.skipif(
    not (DATA / "polnear").is_dir(),
    reason=f"research data not found at {DATA} (it lives in shared/data beside the project)",
)


def _minilm_available() -> bool:
    try:
        data.minilm_wordpiece_counter()
    except Exception:
        return False
    return True


needs_tokenizer = pytest.mark.skipif(not _minilm_available(), reason="bundled MiniLM tokenizer not installed")


def _span_texts(row: dict, role: str, attribution: dict) -> list[str]:
    return [row["text"][s:e] for s, e in attribution[role]]


# ---------------------------------------------------------------- tokens, tags and checks


def test_word_tokens_offsets_slice_the_text() -> None:
    text = "Mr. Burman said: ''It's fine.''"
    tokens, offsets = data.word_tokens(text)
    assert tokens[:4] == ["Mr", ".", "Burman", "said"]
    assert all(text[s:e] == t for t, (s, e) in zip(tokens, offsets))


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 6, "SOURCE"), (7, 11, "CUE")], ["B-SOURCE", "B-CUE", "O", "O"]),
        ([(12, 14, "CONTENT"), (15, 17, "CONTENT")], ["O", "O", "B-CONTENT", "B-CONTENT"]),  # two fragments
        ([(12, 17, "CONTENT")], ["O", "O", "B-CONTENT", "I-CONTENT"]),
        ([(1, 3, "SOURCE"), (0, 11, "CUE")], ["B-SOURCE", "B-CUE", "O", "O"]),  # earlier span wins
    ],
)
def test_bio_tags_one_b_per_fragment(spans: list, expected: list[str]) -> None:
    _, offsets = data.word_tokens("Lowell said no yes")
    assert data.bio_tags(offsets, spans) == expected


@pytest.mark.parametrize(
    ("tags", "ok"),
    [
        (["O", "B-CUE", "I-CUE", "O"], True),
        (["I-CUE"], False),
        (["O", "I-CUE"], False),
        (["B-SOURCE", "I-CUE"], False),
        (["B-CUE", "B-CUE", "I-CUE"], True),
    ],
)
def test_bio_problems_flags_ill_formed_sequences(tags: list[str], ok: bool) -> None:
    assert (data.bio_problems(tags, data.POLNEAR_TAGS) == []) is ok


def test_row_check_catches_bad_offsets_tags_and_spans() -> None:
    good = {"id": "x", "text": "He said so", "tokens": ["He", "said", "so"],
            "token_offsets": [[0, 2], [3, 7], [8, 10]], "tags": ["B-SOURCE", "B-CUE", "B-CONTENT"],
            "attributions": [{"source": [[0, 2]], "cue": [[3, 7]], "content": [[8, 10]], "partial": False}]}
    assert data.row_problems(good) == []
    assert data.row_problems({**good, "token_offsets": [[0, 2], [3, 6], [8, 10]]})
    assert data.row_problems({**good, "tags": ["B-SOURCE", "I-CONTENT", "O"]})
    bad_span = {"source": [[2, 4]], "cue": [], "content": [], "partial": False}  # " s" starts with a space
    assert data.row_problems({**good, "attributions": [bad_span]})
    untagged = {"source": [], "cue": [], "content": [[8, 10]], "partial": False}
    assert data.row_problems({**good, "tags": ["B-SOURCE", "B-CUE", "O"], "attributions": [untagged]})
    with pytest.raises(ValueError, match="problem"):
        data.check_rows([{**good, "tokens": ["He", "sad", "so"]}])


def test_flatten_handles_nested_cues_and_strips_the_type() -> None:
    sentence = ET.fromstring(
        '<Sentence id="S1">It <ccue type="speculation_modal_probable_">may '
        '<ccue type="speculation_hypo_doxastic _">well</ccue></ccue> rain.</Sentence>'
    )
    text, cues = data._flatten(sentence)
    assert text == "It may well rain."
    assert [(text[c["start"]:c["end"]], c["type"]) for c in cues] == [
        ("may well", "modal_probable"), ("well", "hypo_doxastic")]


def test_unknown_split_is_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="train"):
        data.load_checkthat(DATA, "test")  # type: ignore[arg-type]


# ---------------------------------------------------------------- PolNeAR, hand-built brat files

TEXT = (
    "Headline here.\n\nThe mayor said the bridge is safe, and the council agreed.\n\n"
    "\u201cWe will fix it,\u201d he added.\n"
)


def _brat_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "polnear" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "art-one.txt").write_text(TEXT, encoding="utf-8")
    mayor, said, content = TEXT.index("The mayor"), TEXT.index("said"), TEXT.index("the bridge")
    quote, added = TEXT.index("\u201cWe"), TEXT.index("he added")
    lines = [
        f"T1\tSource {mayor} {mayor + 9}\tThe mayor",
        f"T2\tCue {said} {said + 4}\tsaid",
        f"T3\tContent {content} {content + 19};{content + 20} {content + 42}\tthe bridge ... agreed",
        f"T4\tAttribution {said} {said + 4}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tContent {quote} {quote + 17}\t\u201cWe will fix it,\u201d",
        f"T6\tSource {added} {added + 2}\the",
        f"T7\tCue {added + 3} {added + 8}\tadded",
        f"T8\tAttribution {added + 3} {added + 8}\tadded",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        f"T9\tAttribution-no-source {TEXT.index('agreed')} {TEXT.index('agreed') + 6}\tagreed",
        "E3\tAttribution-no-source:T9 ",
    ]
    (folder / "attributions" / "art-one_b222.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "attributions" / "art-one_a111.ann").write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    return tmp_path


def test_polnear_picks_the_lowest_annotator_id(tmp_path: Path) -> None:
    (article,) = data.polnear_articles(_brat_dir(tmp_path), "dev")
    assert article.annotator == "a111"
    assert len(article.attributions) == 1


@needs_tokenizer
def test_polnear_discontiguous_fragments_are_each_tagged(tmp_path: Path) -> None:
    root = _brat_dir(tmp_path)
    (root / "polnear/dev/attributions/art-one_a111.ann").unlink()
    ds = data.load_polnear(root, "dev")
    (row,) = ds  # the whole article fits one row
    by_cue = {row["text"][a["cue"][0][0]:a["cue"][0][1]]: a for a in row["attributions"]}
    assert _span_texts(row, "content", by_cue["said"]) == ["the bridge is safe,", "and the council agreed"]
    assert _span_texts(row, "source", by_cue["added"]) == ["he"]
    assert by_cue["agreed"]["source"] == [] and by_cue["agreed"]["content"] == []  # trigger-only event
    tag_at = dict(zip((s for s, _ in row["token_offsets"]), row["tags"]))
    assert [tag_at[s] for s, _ in by_cue["said"]["content"]] == ["B-CONTENT", "B-CONTENT"]


@needs_tokenizer
def test_polnear_small_budget_keeps_rows_under_it_and_marks_clipped_attributions(tmp_path: Path) -> None:
    root = _brat_dir(tmp_path)
    (root / "polnear/dev/attributions/art-one_a111.ann").unlink()
    count = data.minilm_wordpiece_counter()
    ds = data.load_polnear(root, "dev", max_wordpieces=12)
    assert ds.num_rows > 1
    assert all(sum(count(tokens)) + 2 <= 12 for tokens in ds["tokens"])
    assert "".join(ds["text"]).replace(" ", "") == re.sub(r"\s", "", TEXT)
    assert any(a["partial"] for atts in ds["attributions"] for a in atts)


# ---------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def polnear_dev() -> datasets.Dataset:
    return data.load_polnear(DATA, "dev")


@needs_data
@needs_tokenizer
def test_polnear_dev_rows_are_aligned_and_fit_256_wordpieces(polnear_dev: datasets.Dataset) -> None:
    count = data.minilm_wordpiece_counter()
    rows = list(polnear_dev)
    assert len({r["article_id"] for r in rows}) == 84
    for row in rows:
        assert data.row_problems(row) == []
        assert len(row["tokens"]) == len(row["token_offsets"]) == len(row["tags"])
        assert data.bio_problems(row["tags"], data.POLNEAR_TAGS) == []
        assert sum(count(row["tokens"])) + 2 <= 256
    assert sum(len(r["attributions"]) for r in rows) == 2193  # none of dev is clipped at a row edge


@needs_data
@needs_tokenizer
def test_polnear_known_dev_attribution_round_trips(polnear_dev: datasets.Dataset) -> None:
    # nyt_2016-09-16_clinton-plan-for-taxes-is-expans_d473.ann, E2: T7 said T5 (169 195;387 448)
    rows = polnear_dev.filter(lambda r: r["article_id"] == "nyt_2016-09-16_clinton-plan-for-taxes-is-expans")
    found = [(row, a) for row in rows for a in row["attributions"]
             if any(t.startswith("Douglas Holtz-Eakin") for t in _span_texts(row, "source", a))]
    assert len(found) == 1
    row, attribution = found[0]
    assert _span_texts(row, "cue", attribution) == ["said"]
    assert _span_texts(row, "content", attribution) == [
        "''This isn't tax reform,''", "''It's anti-reform. She's layering on even more complexity.''"]
    assert row["text"][: 200 - row["char_start"]].endswith("reform,'' said")
    start = attribution["source"][0][0]
    assert row["tags"][[s for s, _ in row["token_offsets"]].index(start)] == "B-SOURCE"


@needs_data
@needs_tokenizer
def test_polnear_dev_discontiguous_spans_give_several_fragments(polnear_dev: datasets.Dataset) -> None:
    multi = [(row, a) for row in polnear_dev for a in row["attributions"] if len(a["content"]) > 1]
    assert len(multi) > 100
    row, attribution = multi[0]
    starts = [s for s, _ in row["token_offsets"]]
    assert all(row["tags"][starts.index(s)] == "B-CONTENT" for s, _ in attribution["content"]
               if s in starts)


@needs_data
def test_polnear_one_annotator_per_article_and_readme_counts() -> None:
    articles = data.polnear_articles(DATA, "dev")
    assert len({a.article_id for a in articles}) == len(articles) == 84
    chosen = {a.article_id: a.annotator for a in articles}
    assert chosen["politico_2016-09-08_flynn-says-trump-absolutely-righ"] == "4b22"  # six annotators
    stats = data.polnear_stats(articles)
    assert stats["attributions"] == 2193
    assert 0.9 < stats["with_source"] < 0.97 and 0.1 < stats["discontiguous"] < 0.2


@needs_data
@pytest.mark.parametrize(
    ("split", "rows", "yes"), [("dev", 1032, 238), ("dev-test", 318, 108), ("train", 22501, 5413)]
)
def test_checkthat_counts(split: str, rows: int, yes: int) -> None:
    ds = data.load_checkthat(DATA, split)  # type: ignore[arg-type]
    assert (ds.num_rows, sum(ds["label"])) == (rows, yes)
    assert len(set(ds["id"])) == rows
    assert all(t and t == t.strip() for t in ds["text"])


@needs_data
def test_checkthat_train_splits_the_two_glued_records() -> None:
    ds = data.load_checkthat(DATA, "train")
    by_id = {i: t for i, t in zip(ds["id"], ds["text"])}
    assert by_id["24098"] == "We've got to invest and grow."
    assert by_id["29286"] == "You can't bring back jobs."


@needs_data
def test_conll_dev_is_disjoint_deterministic_and_balanced() -> None:
    first, second = data.load_conll_weasel(DATA), data.load_conll_weasel(DATA)
    assert first["dev"]["id"] == second["dev"]["id"] and first["train"]["id"] == second["train"]["id"]
    train, dev = first["train"], first["dev"]
    assert not set(train["text"]) & set(dev["text"])
    assert 0.08 < dev.num_rows / (dev.num_rows + train.num_rows) < 0.12
    share = lambda ds: sum(ds["label"]) / ds.num_rows  # noqa: E731
    assert abs(share(dev) - share(train)) < 0.03


@needs_data
def test_conll_dev_follows_szeged_wiki_document_split() -> None:
    conll, wiki = data.load_conll_weasel(DATA), data.load_szeged(DATA, "wiki")
    wiki_train = {data._norm(t) for t in wiki["train"]["text"]}
    wiki_dev = {data._norm(t) for t in wiki["dev"]["text"]} - wiki_train
    assert not {data._norm(t) for t in conll["dev"]["text"]} & wiki_train
    assert not {data._norm(t) for t in conll["train"]["text"]} & wiki_dev


@pytest.fixture(scope="module")
def factbank() -> datasets.DatasetDict:
    return data.load_szeged(DATA, "factbank")


@needs_data
def test_szeged_factbank_dev_documents_are_unseen(factbank: datasets.DatasetDict) -> None:
    train_docs, dev_docs = set(factbank["train"]["doc_id"]), set(factbank["dev"]["doc_id"])
    assert len(dev_docs) == 16 and len(train_docs) == 140
    assert not train_docs & dev_docs


@needs_data
def test_szeged_factbank_cues_slice_to_the_xml_cue_text(factbank: datasets.DatasetDict) -> None:
    raw = (DATA / "szeged_uncertainty" / "factbank_train.xml").read_text(encoding="utf-8")
    expected = sorted(m.strip() for m in re.findall(r"<ccue[^>]*>(.*?)</ccue>", raw))
    rows = list(factbank["train"]) + list(factbank["dev"])
    sliced = sorted(r["text"][c["start"]:c["end"]] for r in rows for c in r["cues"])
    assert sliced == expected and len(sliced) == 531
    assert sum(r["label"] for r in rows) == 415 and len(rows) == 2370
    for row in rows:
        assert row["label"] == int(bool(row["cues"]))
        assert data.row_problems(row) == []
        starts = [s for s, _ in row["token_offsets"]]
        assert all(row["tags"][starts.index(c["start"])] == "B-CUE" for c in row["cues"] if c["start"] in starts)
        assert ("B-CUE" in row["tags"]) == bool(row["cues"])

"""credscore.readers: one Article or ErrorResult per input record, stable ids, streaming reads."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from credscore import ErrorResult
from credscore.intake import Article
from credscore import readers
from credscore.readers import Columns, count_records, expand_inputs, read_csv, read_jsonl, read_parquet, read_records

TEXT_A = "The council said the bridge will cost £40m, according to figures released on Tuesday."
TEXT_B = "Police said two men were arrested after the fire at the depot on Friday night."


def _jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def _kinds(records) -> list[tuple[str, str | None]]:
    return [(type(r).__name__, r.id) for r in records]


# -- JSONL ------------------------------------------------------------------------------------


def test_jsonl_ids_are_the_id_field_else_file_and_line():
    data = _jsonl({"id": "a", "text": TEXT_A}, {"text": TEXT_B}, {"id": 7, "text": TEXT_A})
    records = list(read_jsonl(io.BytesIO(data), name="in.jsonl"))
    assert _kinds(records) == [("Article", "a"), ("Article", "in.jsonl:2"), ("Article", "7")]
    assert records[0].text == TEXT_A


def test_jsonl_bad_lines_are_errors_in_place_and_the_rest_is_read():
    data = _jsonl({"id": "a", "text": TEXT_A}, b"{not json", b'["a list"]', {"id": "d", "body": TEXT_B},
                  {"id": "e", "text": None}, {"id": "f", "text": 5}, {"id": "g", "text": "  "}, {"text": TEXT_B})
    records = list(read_jsonl(io.BytesIO(data), name="in.jsonl"))
    assert _kinds(records) == [
        ("Article", "a"), ("ErrorResult", "in.jsonl:2"), ("ErrorResult", "in.jsonl:3"), ("ErrorResult", "d"),
        ("ErrorResult", "e"), ("ErrorResult", "f"), ("ErrorResult", "g"), ("Article", "in.jsonl:8"),
    ]
    errors = {r.id: r for r in records if isinstance(r, ErrorResult)}
    assert "not valid JSON" in errors["in.jsonl:2"].error
    assert "not an object" in errors["in.jsonl:3"].error
    assert "no 'text' field" in errors["d"].error and "--text-col" in errors["d"].error
    assert errors["d"].input == "in.jsonl:4"
    assert "null" in errors["e"].error
    assert "int" in errors["f"].error
    assert "whitespace" in errors["g"].error


def test_jsonl_blank_lines_are_not_records_and_line_numbers_stay_physical():
    data = b"\n" + _jsonl({"text": TEXT_A}) + b"   \n" + _jsonl({"text": TEXT_B})
    records = list(read_jsonl(io.BytesIO(data), name="f"))
    assert [r.id for r in records] == ["f:2", "f:4"]


def test_jsonl_custom_columns_and_metadata():
    record = {"key": "k1", "body": TEXT_A, "headline": "Bridge", "link": "https://x.test/a",
              "site": "The Gazette", "date": "2024-05-01"}
    columns = Columns(text="body", id="key", title="headline", url="link", outlet="site", published="date")
    (article,) = read_jsonl(io.BytesIO(_jsonl(record)), name="f", columns=columns)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.url, article.outlet, article.published) == (
        "k1", "Bridge", "https://x.test/a", "The Gazette", "2024-05-01")


def test_record_outlet_wins_over_the_outlet_option():
    data = _jsonl({"text": TEXT_A, "outlet": "The Mirror"}, {"text": TEXT_B})
    first, second = read_jsonl(io.BytesIO(data), name="f", outlet="The Express")
    assert first.outlet == "The Mirror"
    assert second.outlet == "The Express"


def test_jsonl_html_record_is_reduced_to_its_main_text():
    html = "<html><body><article><p>" + TEXT_A + "</p></article></body></html>"
    (article,) = read_jsonl(io.BytesIO(_jsonl({"text": html})), name="f")
    assert article.format == "html" and TEXT_A in article.text


def test_jsonl_windows_1252_line_is_decoded_with_a_warning():
    data = b'{"text": "The mayor said \x93no\x94 to the plan, officials confirmed."}\n'
    (article,) = read_jsonl(io.BytesIO(data), name="f")
    assert "“no”" in article.text
    assert any("Windows-1252" in w for w in article.warnings)


def test_jsonl_utf8_bom_on_first_line_is_dropped():
    (article,) = read_jsonl(io.BytesIO(b"\xef\xbb\xbf" + _jsonl({"text": TEXT_A})), name="f")
    assert isinstance(article, Article)


def test_jsonl_unpaired_surrogate_in_text_is_an_error_not_a_crash_later():
    data = b'{"id": "s", "text": "Officials said \\ud800 twelve people died."}\n'
    (record,) = read_jsonl(io.BytesIO(data), name="f")
    assert isinstance(record, ErrorResult) and "surrogate" in record.error


def test_jsonl_overlong_line_is_one_error_and_the_next_line_is_read(monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 200)
    data = _jsonl({"text": "x" * 500}, {"text": TEXT_A})
    records = list(read_jsonl(io.BytesIO(data), name="f"))
    assert _kinds(records) == [("ErrorResult", "f:1"), ("Article", "f:2")]
    assert "longer than" in records[0].error


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.lines_read = 0

    def readline(self, size: int = -1) -> bytes:  # type: ignore[override]
        self.lines_read += 1
        return super().readline(size)


def test_jsonl_is_read_lazily_line_by_line():
    stream = _CountingStream(_jsonl(*({"text": TEXT_A} for _ in range(1000))))
    records = read_jsonl(stream, name="f")
    next(records)
    assert stream.lines_read == 1


# -- CSV --------------------------------------------------------------------------------------


def test_csv_ids_are_the_id_column_else_file_and_row():
    data = f'id,text,title\nx1,"{TEXT_A}",T\n,"{TEXT_B}",\n'.encode()
    records = list(read_csv(io.BytesIO(data), name="t.csv"))
    assert _kinds(records) == [("Article", "x1"), ("Article", "t.csv:2")]
    assert records[0].title == "T" and records[1].title is None


def test_csv_quoted_field_may_span_lines():
    data = f'text\n"{TEXT_A}\n\n{TEXT_B}"\n"{TEXT_B}"\n'.encode()
    records = list(read_csv(io.BytesIO(data), name="t.csv"))
    assert _kinds(records) == [("Article", "t.csv:1"), ("Article", "t.csv:2")]
    assert records[0].text == f"{TEXT_A}\n\n{TEXT_B}"


def test_csv_without_the_text_column_is_one_error_naming_the_columns():
    records = list(read_csv(io.BytesIO(b"id,body\n1,hello\n2,there\n"), name="t.csv"))
    assert len(records) == 1
    assert isinstance(records[0], ErrorResult) and records[0].input == "t.csv"
    assert "'body'" in records[0].error and "--text-col" in records[0].error


def test_csv_empty_file_is_an_error():
    (record,) = read_csv(io.BytesIO(b""), name="t.csv")
    assert isinstance(record, ErrorResult) and "empty" in record.error


def test_csv_empty_text_is_an_error_for_that_row_only():
    data = f'id,text\na,\nb,"{TEXT_A}"\n'.encode()
    assert _kinds(read_csv(io.BytesIO(data), name="t.csv")) == [("ErrorResult", "a"), ("Article", "b")]


def test_csv_overlong_line_ends_the_file_with_one_error(monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 200)
    data = f'text\n"{TEXT_A}"\n"{"y" * 500}"\n"{TEXT_B}"\n'.encode()
    records = list(read_csv(io.BytesIO(data), name="t.csv"))
    assert _kinds(records) == [("Article", "t.csv:1"), ("ErrorResult", "t.csv")]
    assert "line 3" in records[1].error and "not read" in records[1].error


def test_tsv_file_is_tab_separated(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(f"id\ttext\nq\t{TEXT_A}\n", encoding="utf-8")
    assert _kinds(read_records([str(path)])) == [("Article", "q")]


# -- Parquet ----------------------------------------------------------------------------------


@pytest.fixture
def parquet_file(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "doc": ["p1", None, "p3", "p4", "p5"],
        "body": [TEXT_A, TEXT_B, None, TEXT_A, ""],
        "when": [datetime(2024, 5, 1, 12, 0)] * 5,
    })
    path = tmp_path / "records.parquet"
    pq.write_table(table, path, row_group_size=2)
    assert pq.ParquetFile(path).num_row_groups == 3
    return path


def test_parquet_rows_across_row_groups_keep_order_and_ids(parquet_file):
    records = list(read_parquet(parquet_file, name="r.parquet",
                                columns=Columns(text="body", id="doc", published="when")))
    assert _kinds(records) == [("Article", "p1"), ("Article", "r.parquet:2"), ("ErrorResult", "p3"),
                               ("Article", "p4"), ("ErrorResult", "p5")]
    assert records[0].published == "2024-05-01T12:00:00"


def test_parquet_without_the_text_column_is_one_error(parquet_file):
    (record,) = read_parquet(parquet_file, name="r.parquet")
    assert isinstance(record, ErrorResult) and "'body'" in record.error


def test_a_file_that_is_not_parquet_is_an_error(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet", encoding="utf-8")
    (record,) = read_records([str(path)])
    assert isinstance(record, ErrorResult) and record.input == str(path)


# -- files, folders, globs, stdin ------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "2024" / "05").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (root / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "2024" / "05" / "story.html").write_text(
        f"<html><head><title>Story</title></head><body><article><p>{TEXT_A}</p></article></body></html>",
        encoding="utf-8")
    (root / "2024" / "more.jsonl").write_bytes(_jsonl({"text": TEXT_A}, {"id": "m2", "text": TEXT_B}))
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "README.md").write_text("# notes about this folder", encoding="utf-8")
    (root / ".hidden" / "c.txt").write_text(TEXT_A, encoding="utf-8")
    (root / ".d.txt").write_text(TEXT_A, encoding="utf-8")
    return root


def test_folder_is_read_recursively_in_sorted_order_with_relative_ids(corpus):
    records = list(read_records([str(corpus)]))
    more = str(corpus / "2024" / "more.jsonl")
    assert [r.id for r in records] == ["2024/05/story", f"{more}:1", "m2", "a", "b"]
    assert all(isinstance(r, Article) for r in records)
    assert records[0].format == "html" and records[0].title == "Story"


def test_glob_is_expanded_and_one_matching_nothing_is_an_error(corpus):
    pattern = str(corpus / "*.txt")
    records = list(read_records([pattern, str(corpus / "*.nothing")]))
    assert _kinds(records) == [("Article", "a"), ("Article", "b"), ("ErrorResult", None)]
    assert "matches no files" in records[-1].error


def test_missing_file_is_an_error_with_its_stem_as_id(tmp_path):
    (record,) = read_records([str(tmp_path / "gone.txt")])
    assert isinstance(record, ErrorResult) and record.id == "gone" and "does not exist" in record.error


def test_missing_record_file_is_one_error(tmp_path):
    (record,) = read_records([str(tmp_path / "gone.jsonl")])
    assert isinstance(record, ErrorResult) and "does not exist" in record.error


def test_input_format_names_the_reader_whatever_the_suffix(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(_jsonl({"text": TEXT_A}, {"text": TEXT_B}))
    assert len(list(read_records([str(path)], format="jsonl"))) == 2
    assert len(list(read_records([str(path)]))) == 1  # auto: a .txt file is one article


@pytest.mark.parametrize(("format", "count"), [("auto", 1), ("jsonl", 2)])
def test_stdin_is_one_article_unless_a_record_format_is_named(format, count):
    stdin = io.BytesIO(_jsonl({"text": TEXT_A}, {"text": TEXT_B}))
    records = list(read_records(["-"], format=format, stdin=stdin))
    assert len(records) == count and all(isinstance(r, Article) for r in records)
    if format == "jsonl":
        assert records[0].id == "<stdin>:1"


def test_outlet_option_wins_over_the_html_site_name(corpus):
    records = list(read_records([str(corpus / "2024" / "05" / "story.html")], outlet="The Mirror"))
    assert records[0].outlet == "The Mirror"


def test_bad_input_format_is_refused():
    with pytest.raises(ValueError, match="input-format"):
        list(expand_inputs(["x"], format="xml"))  # type: ignore[arg-type]


def test_count_records_counts_files_lines_and_parquet_rows(corpus, parquet_file):
    sources = list(expand_inputs([str(corpus), str(parquet_file)]))
    assert count_records(sources) == 4 + 1 + 5
    assert count_records(list(expand_inputs(["-"]))) is None
    assert count_records(sources, max_bytes=10) is None


def test_every_record_is_read_once_nothing_lost_or_repeated(tmp_path):
    lines = []
    for i in range(50):
        lines.append(b"{broken" if i % 7 == 3 else json.dumps({"id": f"r{i}", "text": f"{TEXT_A} ({i})"}).encode())
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    records = list(read_records([str(path)]))
    assert len(records) == 50
    ids = [r.id for r in records]
    assert len(set(ids)) == 50
    assert sum(isinstance(r, ErrorResult) for r in records) == len([i for i in range(50) if i % 7 == 3])


@pytest.mark.parametrize("typed", ["x.jsonl", "./x.jsonl", "sub/../x.jsonl", "{absolute}"])
def test_a_record_file_gives_the_same_ids_however_its_path_is_typed(tmp_path, monkeypatch, typed):
    (tmp_path / "sub").mkdir()
    (tmp_path / "x.jsonl").write_bytes(_jsonl({"text": TEXT_A}, {"text": TEXT_B}))
    monkeypatch.chdir(tmp_path)
    records = list(read_records([typed.format(absolute=tmp_path / "x.jsonl")]))
    assert _kinds(records) == [("Article", "x.jsonl:1"), ("Article", "x.jsonl:2")]


def test_a_record_file_outside_the_working_folder_is_named_by_its_absolute_path(tmp_path, monkeypatch):
    (tmp_path / "x.jsonl").write_bytes(_jsonl({"text": TEXT_A}))
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert _kinds(read_records(["../x.jsonl"])) == [("Article", f"{(tmp_path / 'x.jsonl').as_posix()}:1")]


def test_files_with_one_stem_in_different_folders_get_their_paths_as_ids(tmp_path, monkeypatch):
    for name in ("a/story.txt", "b/story.txt", "b/story.html", "c/other.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(TEXT_A, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ids = [r.id for r in read_records(["a/story.txt", "b/story.txt", "b/story.html", "c/other.txt", "./a/story.txt"])]
    assert ids == ["a/story", "b/story.txt", "b/story.html", "other", "a/story"]  # the same file twice: one id
    assert [r.id for r in read_records(["*/story.txt"])] == ["a/story", "b/story"]
    assert [r.id for r in read_records(["a", "c"])] == ["story", "other"]  # unique: ids stay short


def test_folder_walks_and_globs_follow_a_symlink_loop_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "a" / "s.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "b").mkdir()
    (root / "b" / "t.txt").write_text(TEXT_B, encoding="utf-8")
    try:
        (root / "a" / "up").symlink_to("..", target_is_directory=True)  # a loop
        (root / "a" / "again").symlink_to("../a", target_is_directory=True)  # another, into itself
        (root / "link_to_b").symlink_to("b", target_is_directory=True)  # a link to a folder already walked
    except OSError as exc:
        pytest.skip(f"cannot make symbolic links here: {exc}")
    assert [r.id for r in read_records([str(root)])] == ["a/s", "b/t"]
    assert sorted(r.id for r in read_records([str(root / "**" / "*.txt")])) == ["s", "t"]

"""credscore.writers, credscore.tables and credscore.frames: the same two tables in CSV, Parquet
and pandas; JSON streamed; files replaced atomically; the CLI's new formats and options."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from credscore import ErrorResult
from credscore.cli import app
from credscore.tables import ARTICLE_FIELDS, CLAIM_FIELDS, COMPONENT_COLUMNS, article_row, claim_rows, flatten
from credscore.writers import AtomicFile, OutputError, claims_path, open_writer, progress_enabled
from conftest import SEED_IDS, seed_path

ERROR = ErrorResult(id="gone", input="gone.txt", error="does not exist")


@pytest.fixture(scope="module")
def results(seed_results):
    return [seed_results[p][1] for p in SEED_IDS[:3]] + [ERROR]


# -- tables -----------------------------------------------------------------------------------


def test_component_columns_are_every_flat_component(seed_results):
    for _, result in seed_results.values():
        assert set(flatten(result.components)) == {name for name, _ in COMPONENT_COLUMNS}


def test_article_row_has_every_column_and_the_scores(results):
    row = article_row(results[0])
    assert tuple(row) == ARTICLE_FIELDS
    assert row["id"] == results[0].id and row["score"] == results[0].score and row["band"] == results[0].band
    assert row["n_claims"] == len(results[0].claims)
    assert row["checkworthy_claims"] == results[0].components["checkworthy_claims"]
    assert row["kind_shares.unattributed"] == results[0].components["kind_shares"]["unattributed"]
    assert row["error"] is None


def test_error_row_has_the_error_and_no_scores():
    row = article_row(ERROR)
    assert (row["id"], row["input"], row["error"], row["score"], row["n_claims"]) == (
        "gone", "gone.txt", "does not exist", None, None)
    assert claim_rows(ERROR) == []


def test_claim_rows_one_per_claim_with_offsets_into_the_text(seed_results):
    article, result = seed_results["000"]
    rows = claim_rows(result)
    assert len(rows) == len(result.claims)
    for i, (row, claim) in enumerate(zip(rows, result.claims)):
        assert tuple(row) == CLAIM_FIELDS
        assert row["article_id"] == result.id and row["claim_index"] == i
        assert article.text[row["start"]:row["end"]] == row["text"]
        assert row["kind"] == claim.attribution.kind
        assert row["n_hedges"] == len(claim.hedges)
        assert row["n_verification_negative"] + row["n_verification_positive"] == len(claim.verification)
        assert row["independent_sources"] == claim.corroboration.independent_sources
    assert any(row["source_text"] for row in rows)


# -- writers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 4])
def test_json_is_streamed_as_the_same_text_as_one_dump(results, n):
    stdout = io.StringIO()
    writer = open_writer("json", stdout=stdout)
    for result in results[:n]:
        writer.write(result)
    writer.close()
    assert stdout.getvalue() == json.dumps([r.to_dict() for r in results[:n]], ensure_ascii=False, indent=2) + "\n"


def test_csv_to_stdout_is_the_article_table(results):
    stdout = io.StringIO()
    writer = open_writer("csv", stdout=stdout)
    for result in results:
        writer.write(result)
    writer.close()
    rows = list(csv.DictReader(io.StringIO(stdout.getvalue())))
    assert [r["id"] for r in rows] == [r.id for r in results]
    assert rows[-1]["error"] == "does not exist" and rows[-1]["score"] == ""


def test_csv_file_writes_articles_and_claims_tables(results, tmp_path):
    out = tmp_path / "scores.csv"
    writer = open_writer("csv", out)
    for result in results:
        writer.write(result)
    writer.close()
    assert claims_path(out) == tmp_path / "scores.claims.csv"
    with open(out, newline="", encoding="utf-8") as f:
        articles = list(csv.DictReader(f))
    with open(claims_path(out), newline="", encoding="utf-8") as f:
        claims = list(csv.DictReader(f))
    assert len(articles) == len(results)
    assert len(claims) == sum(len(r.claims) for r in results[:-1])
    assert {c["article_id"] for c in claims} == {r.id for r in results[:-1]}
    assert float(articles[0]["score"]) == pytest.approx(results[0].score)


def test_parquet_tables_match_the_frames(results, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pd = pytest.importorskip("pandas")
    from credscore.frames import to_frames

    out = tmp_path / "scores.parquet"
    writer = open_writer("parquet", out)
    for result in results:
        writer.write(result)
    writer.close()
    articles = pq.read_table(out)
    claims = pq.read_table(claims_path(out))
    assert articles.column_names == list(ARTICLE_FIELDS) and claims.column_names == list(CLAIM_FIELDS)
    assert articles.num_rows == len(results)
    assert claims.num_rows == sum(len(r.claims) for r in results[:-1])
    assert articles.schema.field("score").type == "double" and claims.schema.field("start").type == "int64"

    frame_articles, frame_claims = to_frames(results)
    assert list(frame_articles.columns) == list(ARTICLE_FIELDS)
    assert frame_articles.shape == (articles.num_rows, len(ARTICLE_FIELDS))
    assert frame_claims.shape == (claims.num_rows, len(CLAIM_FIELDS))
    assert frame_articles["score"].tolist()[:3] == articles.column("score").to_pylist()[:3]
    assert pd.isna(frame_articles["score"].iloc[-1]) and frame_articles["error"].iloc[-1] == "does not exist"
    assert str(frame_claims["n_hedges"].dtype) == "Int64"
    assert frame_claims["text"].tolist() == claims.column("text").to_pylist()


def test_frames_of_nothing_are_empty_with_the_columns():
    pytest.importorskip("pandas")
    from credscore.frames import to_frames

    articles, claims = to_frames([])
    assert articles.empty and list(articles.columns) == list(ARTICLE_FIELDS)
    assert claims.empty and list(claims.columns) == list(CLAIM_FIELDS)


def test_parquet_needs_an_out_path():
    with pytest.raises(OutputError, match="--out"):
        open_writer("parquet")


def test_aborted_write_leaves_the_old_file_and_no_temp_file(results, tmp_path):
    out = tmp_path / "scores.json"
    out.write_text("old\n", encoding="utf-8")
    writer = open_writer("json", out)
    writer.write(results[0])
    assert out.read_text(encoding="utf-8") == "old\n"  # nothing shows until close
    writer.abort()
    assert out.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["scores.json"]


def test_jsonl_file_is_written_in_place_line_by_line_so_it_can_be_resumed(results, tmp_path):
    out = tmp_path / "scores.jsonl"
    out.write_text("old\n", encoding="utf-8")
    writer = open_writer("jsonl", out)
    writer.write(results[0])
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [results[0].id]
    writer.close()
    assert os.listdir(tmp_path) == ["scores.jsonl"]


def test_committed_file_replaces_the_old_one_with_ordinary_permissions(tmp_path):
    out = tmp_path / "new.txt"
    umask = os.umask(0o022)
    try:
        target = AtomicFile(out)
        target.stream.write("done")
        target.commit()
    finally:
        os.umask(umask)
    assert out.read_text(encoding="utf-8") == "done"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert os.listdir(tmp_path) == ["new.txt"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_when_quiet():
    assert progress_enabled(quiet=False, stream=_Tty())
    assert not progress_enabled(quiet=True, stream=_Tty())
    assert not progress_enabled(quiet=False, stream=io.StringIO())


# -- the CLI ----------------------------------------------------------------------------------


@pytest.fixture
def cli(scorer, monkeypatch):
    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    runner = CliRunner()
    return lambda *args, **kwargs: runner.invoke(app, list(args), **kwargs)


def _stderr(result) -> str:
    try:
        return result.stderr
    except ValueError:
        return result.output


def test_cli_csv_out_writes_both_tables(cli, tmp_path):
    out = tmp_path / "run.csv"
    result = cli("score", str(seed_path("000")), str(seed_path("001")), "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, _stderr(result)
    assert result.stdout == ""
    with open(out, newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 2
    assert (tmp_path / "run.claims.csv").exists()


def test_cli_csv_to_stdout_is_the_article_table(cli):
    result = cli("score", str(seed_path("000")), "--format", "csv")
    assert result.exit_code == 0, _stderr(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1 and rows[0]["id"] == seed_path("000").stem


def test_cli_parquet_out(cli, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "run.parquet"
    result = cli("score", str(seed_path("000")), "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0, _stderr(result)
    assert pq.read_table(out).num_rows == 1 and pq.read_table(tmp_path / "run.claims.parquet").num_rows > 0


@pytest.mark.parametrize("args", [
    ("--format", "parquet"),
    ("--resume", "--format", "jsonl"),
    ("--resume", "--format", "json", "--out", "x.json"),
    ("--input-format", "xml"),
])
def test_cli_usage_errors_exit_2(cli, args):
    result = cli("score", str(seed_path("000")), *args)
    assert result.exit_code == 2
    assert not result.stdout.strip()


def test_cli_reads_records_with_named_columns_and_reports_bad_ones(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"key": "k1", "body": "NATO estimated that 7,000 soldiers have been killed."}) + "\n{oops\n",
        encoding="utf-8")
    result = cli("score", str(path), "--format", "jsonl", "--text-col", "body", "--id-col", "key", "--quiet")
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "k1" and first["claims"]
    assert second["id"] == f"{path}:2" and "not valid JSON" in second["error"]
    assert f"{path}:2" in _stderr(result)


def test_cli_folder_input(cli, tmp_path):
    for name in ("b", "a"):
        (tmp_path / f"{name}.txt").write_text("The council said the bridge will cost £40m.", encoding="utf-8")
    result = cli("score", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, _stderr(result)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]


# -- output targets that are not plain files --------------------------------------------------


@pytest.mark.parametrize("format", ["json", "jsonl", "text", "csv", "parquet"])
def test_directory_output_is_refused_before_writing(tmp_path, format):
    with pytest.raises(OutputError, match="is a directory"):
        open_writer(format, tmp_path, render=str)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("format", ["json", "jsonl", "text", "csv"])
def test_dev_null_output_is_written_through_in_place(results, format):
    writer = open_writer(format, Path(os.devnull), render=lambda r: str(r.id))
    writer.write(results[0])
    writer.close()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("format", ["json", "csv"])
def test_symlink_output_stays_a_symlink_and_its_file_gets_the_results(results, tmp_path, format):
    target = tmp_path / f"real.{format}"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / f"link.{format}"
    link.symlink_to(target)
    writer = open_writer(format, link)
    writer.write(results[0])
    writer.close()
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") != "old\n"
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_failed_commit_leaves_no_temp_file(tmp_path, monkeypatch):
    target = AtomicFile(tmp_path / "out.json")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        target.commit()
    assert os.listdir(tmp_path) == []


def test_cli_directory_out_exits_2_before_scoring(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("credscore.readers.iter_records", lambda *a, **k: pytest.fail("scored anyway"))
    result = cli("score", str(seed_path("000")), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "is a directory" in _stderr(result)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("format", ["json", "jsonl"])
def test_cli_dev_null_out(cli, format):
    args = ("--resume",) if format == "jsonl" else ()
    result = cli("score", str(seed_path("000")), "--format", format, "--out", os.devnull, *args)
    assert result.exit_code == 0, _stderr(result)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_cli_parquet_to_a_device_is_refused(cli):
    result = cli("score", str(seed_path("000")), "--format", "parquet", "--out", os.devnull)
    assert result.exit_code == 2
    assert "not a regular file" in _stderr(result)

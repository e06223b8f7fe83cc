"""The ``credscore`` command line: results on stdout, errors on stderr, exit codes 0/1/2.

Most cases run in-process with typer's ``CliRunner``; the scorer the command builds is swapped
for the session's already-loaded one so spaCy is loaded once. One test runs the real entry point
in a subprocess to check the stdout/stderr split end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from credscore.cli import app
from conftest import REPO, seed_path

GOOD_TEXT = "The council said the bridge will cost £40m, according to figures released on Tuesday."


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def cli(runner, scorer, monkeypatch):
    """Invoke the app in-process, with ``Scorer()`` returning the session's loaded scorer."""
    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)

    def invoke(*args: str, **kwargs):
        return runner.invoke(app, list(args), **kwargs)

    return invoke


def _stdout(result) -> str:
    return result.stdout


def _stderr(result) -> str:
    """stderr alone where this click separates it; otherwise the mixed output."""
    try:
        return result.stderr
    except ValueError:  # older click: "stderr not separately captured"
        return result.output


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "1"
    return env


# -- score: output formats ------------------------------------------------------------------


def test_json_format_is_an_array_of_one_valid_result(cli, validate):
    path = seed_path("000")
    result = cli("score", str(path), "--format", "json")
    assert result.exit_code == 0, _stderr(result)
    payload = json.loads(_stdout(result))
    assert isinstance(payload, list) and len(payload) == 1
    validate(payload[0])
    assert payload[0]["id"] == path.stem


def test_jsonl_format_one_line_per_input_in_order(cli):
    paths = [seed_path("002"), seed_path("000")]  # not sorted: order must follow the arguments
    result = cli("score", *map(str, paths), "--format", "jsonl")
    assert result.exit_code == 0, _stderr(result)
    lines = _stdout(result).splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [p.stem for p in paths]


def test_text_format_is_a_readable_summary(cli):
    result = cli("score", str(seed_path("000")), "--format", "text")
    assert result.exit_code == 0, _stderr(result)
    out = _stdout(result)
    assert "sourcing score" in out
    assert any(band in out for band in ("strong", "adequate", "weak", "poor"))
    assert "weakest check-worthy claims" in out
    assert "why:" in out


def test_stdin_dash_is_read(cli):
    result = cli("score", "-", "--format", "jsonl", input=GOOD_TEXT)
    assert result.exit_code == 0, _stderr(result)
    lines = _stdout(result).splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert "error" not in record
    assert record["claims"], record
    assert GOOD_TEXT[record["claims"][0]["start"] : record["claims"][0]["end"]] == record["claims"][0]["text"]


def test_empty_stdin_is_an_error_naming_stdin(cli):
    result = cli("score", "-", "--format", "jsonl", input="")
    assert result.exit_code == 1
    record = json.loads(_stdout(result))
    assert record["input"] == "<stdin>" and record["error"]
    assert "<stdin>" in _stderr(result)


# -- score: failures ------------------------------------------------------------------------


def test_missing_file_between_good_ones_is_reported_and_the_rest_scored(cli, tmp_path):
    missing = str(tmp_path / "no_such_article.txt")
    good = [seed_path("000"), seed_path("002")]
    result = cli("score", str(good[0]), missing, str(good[1]), "--format", "jsonl")
    assert result.exit_code == 1
    lines = _stdout(result).splitlines()
    assert len(lines) == 3
    first, middle, last = (json.loads(line) for line in lines)
    assert first["id"] == good[0].stem and "error" not in first
    assert last["id"] == good[1].stem and "error" not in last
    assert middle["input"] == missing
    assert "does not exist" in middle["error"]
    assert missing in _stderr(result)


def test_bad_option_value_is_usage_error(cli):
    result = cli("score", str(seed_path("000")), "--format", "xml")
    assert result.exit_code == 2
    assert not _stdout(result).strip()


def test_bad_input_format_is_usage_error(cli):
    result = cli("score", str(seed_path("000")), "--input-format", "pdf")
    assert result.exit_code == 2


# -- other commands -------------------------------------------------------------------------


def test_help_lists_score_command(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "score" in _stdout(result)
    assert "schema" in _stdout(result)


def test_schema_command_prints_the_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(_stdout(result))
    assert "claim" in schema["$defs"]


# -- options --------------------------------------------------------------------------------


def _relay_texts(claim: dict) -> list[str]:
    return [hop["source"]["text"] for hop in claim["attribution"]["relay"] if hop.get("source")]


def test_outlet_option_removes_own_outlet_from_relays(cli):
    path = str(seed_path("001"))
    plain = cli("score", path, "--format", "json")
    mirror = cli("score", path, "--format", "json", "--outlet", "The Mirror")
    assert plain.exit_code == 0 and mirror.exit_code == 0

    def jones_claims(result) -> list[dict]:
        claims = json.loads(_stdout(result))[0]["claims"]
        return [c for c in claims if "Bruce Jones" in c["text"]
                or any("Bruce Jones" in t for t in _relay_texts(c))
                or "Bruce Jones" in ((c["attribution"].get("source") or {}).get("text") or "")]

    # Without the flag the Express rewrite relays Bruce Jones through The Mirror ...
    before = jones_claims(plain)
    assert any(any("Mirror" in t for t in _relay_texts(c)) for c in before)
    # ... with it, The Mirror is the publisher itself and no claim relays through it.
    after_claims = json.loads(_stdout(mirror))[0]["claims"]
    for claim in after_claims:
        assert not any("Mirror" in t for t in _relay_texts(claim)), claim["text"]
    # Bruce Jones is still there as a source.
    assert jones_claims(mirror)


def test_out_option_writes_file_and_nothing_to_stdout(cli, tmp_path):
    target = tmp_path / "results.json"
    result = cli("score", str(seed_path("000")), "--format", "json", "--out", str(target))
    assert result.exit_code == 0, _stderr(result)
    assert _stdout(result) == ""
    payload = json.loads(target.read_text(encoding="utf-8"))
    assert len(payload) == 1 and payload[0]["id"] == seed_path("000").stem


# -- real processes -------------------------------------------------------------------------


def test_subprocess_stdout_is_only_json_and_errors_go_to_stderr(tmp_path):
    missing = str(tmp_path / "gone.txt")
    good = seed_path("000")
    proc = subprocess.run(
        [sys.executable, "-m", "credscore.cli", "score", str(good), missing, "--format", "jsonl", "--no-model"],
        capture_output=True, text=True, encoding="utf-8", env=_subprocess_env(), cwd=str(tmp_path),
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]  # every stdout line is JSON, nothing else
    assert records[0]["id"] == good.stem
    assert records[1]["input"] == missing
    assert missing in proc.stderr
    assert "does not exist" in proc.stderr
    assert "{" not in proc.stderr  # no results leak onto stderr


def test_import_is_cheap():
    code = "import credscore, sys; assert 'torch' not in sys.modules and 'spacy' not in sys.modules"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_subprocess_env(), cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("extra", [["--workers", "2"], ["--runtime", "onnx-int8"]])
def test_missing_model_fails_before_any_worker_or_export_starts(runner, tmp_path, extra):
    good = tmp_path / "a.txt"
    good.write_text("NATO estimated that 7,000 soldiers have been killed.", encoding="utf-8")
    result = runner.invoke(app, ["score", str(good), "--model", str(tmp_path / "no-such-model"), *extra])
    assert result.exit_code == 2
    assert "does not exist" in _stderr(result) and result.stdout == ""


def test_a_bad_runtime_is_a_usage_error(cli, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = cli("score", str(good), "--runtime", "tensorrt")
    assert result.exit_code == 2 and "--runtime must be one of auto, torch, onnx, onnx-int8" in _stderr(result)


def test_missing_model_is_a_usage_error_naming_the_fix(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("NATO estimated that 7,000 soldiers have been killed.", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "credscore.cli", "score", str(good), "--model", str(tmp_path / "no-such-model")],
        capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and proc.stdout == ""


# -- the terminal ---------------------------------------------------------------------------------


def test_control_characters_in_file_names_and_article_text_are_escaped_in_text_and_on_stderr(cli, tmp_path):
    article = tmp_path / "story\x1b[31m.txt"
    article.write_text(GOOD_TEXT.replace("£40m", "\x1b[31m£40m\x1b[0m\u202e"), encoding="utf-8")
    empty = tmp_path / "empty\x1b]0;owned\x07.txt"  # a title-setting sequence
    empty.write_text("", encoding="utf-8")
    result = cli("score", str(article), str(empty), "--format", "text")
    assert result.exit_code == 1
    out, err = _stdout(result), _stderr(result)
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in out and raw not in err
    assert "story\\x1b[31m: sourcing score" in out
    assert "cost \\x1b[31m£40m\\x1b[0m\\u202e" in out  # the claim, shown with its escapes visible
    assert "empty\\x1b]0;owned\\x07" in out and "empty\\x1b]0;owned\\x07" in err


def test_text_output_keeps_newlines_and_tabs_in_claims_but_not_in_names():
    from credscore.cli import render_text
    from credscore.results import ErrorResult

    assert render_text(ErrorResult(id=None, input="a\nb\x1b.txt", error="is\tempty")) == "a\\nb\\x1b.txt: ERROR is\\tempty\n"
    from credscore.writers import for_terminal

    assert for_terminal("line\n\tindented\r") == "line\n\tindented\\r"


def test_log_lines_escape_control_characters_in_their_message():
    import logging

    from credscore.cli import _TerminalFormatter

    record = logging.LogRecord("credscore", logging.INFO, __file__, 1, "%s: skipped %d file(s)", ("in\x1b[2J", 2), None)
    assert _TerminalFormatter("%(message)s").format(record) == "in\\x1b[2J: skipped 2 file(s)"
    assert record.getMessage() == "in\x1b[2J: skipped 2 file(s)"  # other handlers get the record as it was


def test_on_off_options_show_no_value_placeholder_in_help(runner):
    helps = {command: runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"}).output
             for command in ("", "score", "corpus", "serve", "schema")}
    for command, help in helps.items():
        assert "Show this message and exit." in help, command
        assert "<bool>" not in help, (command, help)  # --help itself included: typer builds that option
    for flag in ("--verbose", "--no-model", "--quiet", "--resume"):
        (line,) = [line for line in (helps[""] + helps["score"]).splitlines() if f"{flag} " in line]
        assert "<bool>" not in line, line
    assert "pip install 'credscore[ray]'" in helps["score"]  # escaped: Rich markup would eat "[ray]"


def _params(command: str) -> dict:
    from typer.main import get_command

    return {param.name: param for param in get_command(app).commands[command].params}


#: What score and corpus both read, by parameter name, with the flag and default each has always had.
READING_OPTIONS = {
    "input_format": ("--input-format", "auto"), "outlet": ("--outlet", None), "text_col": ("--text-col", "text"),
    "id_col": ("--id-col", "id"), "title_col": ("--title-col", "title"), "url_col": ("--url-col", "url"),
    "outlet_col": ("--outlet-col", "outlet"), "published_col": ("--published-col", "published"),
}


def test_score_and_corpus_declare_their_shared_options_alike():
    """An option both commands take means the same in both, so its flag, default and help are one text."""
    score, corpus = _params("score"), _params("corpus")
    shared = (score.keys() & corpus.keys()) - {"out"}  # score's --out is a file (or stdout), corpus's a folder
    assert shared >= {"paths", "model", "no_model", "device", *READING_OPTIONS}
    for name in sorted(shared):
        a, b = score[name], corpus[name]
        assert (a.opts, a.secondary_opts, a.default, a.help, a.metavar) == (
            b.opts, b.secondary_opts, b.default, b.help, b.metavar), name
    for name, (flag, default) in READING_OPTIONS.items():
        assert (score[name].opts, score[name].default) == ([flag], default), name
        assert score[name].help, name


def _mirror_relays(article: dict) -> list[str]:
    return [claim["text"] for claim in article["claims"] if any("Mirror" in t for t in _relay_texts(claim))]


MIRROR_TEXT = "The minister resigned on Tuesday, a senior aide told The Mirror."


def test_column_options_name_the_record_fields_end_to_end(runner, tmp_path):
    """score (CSV) and corpus (JSONL), --no-model: --text-col, --id-col, --title-col and --outlet-col
    pick the fields, and the outlet read from its column makes 'told The Mirror' the publisher's own."""
    import csv

    rows = [{"key": "m1", "body": MIRROR_TEXT, "headline": "Minister quits", "site": "The Mirror"}]
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    columns = ["--text-col", "body", "--id-col", "key", "--title-col", "headline"]

    def score(*extra: str) -> dict:
        result = runner.invoke(app, ["score", str(tmp_path / "in.csv"), "--no-model", "-f", "jsonl", "-q", *columns, *extra])
        assert result.exit_code == 0, result.output
        (article,) = [json.loads(line) for line in _stdout(result).splitlines()]
        return article

    def corpus(*extra: str) -> dict:
        out = tmp_path / f"corpus{len(extra)}"
        result = runner.invoke(app, ["corpus", str(tmp_path / "in.jsonl"), "--no-model", "-o", str(out), *columns, *extra])
        assert result.exit_code == 0, result.output
        (article,) = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
        return article

    for run in (score, corpus):
        plain, own = run(), run("--outlet-col", "site")
        assert (plain["id"], plain["title"]) == (own["id"], own["title"]) == ("m1", "Minister quits"), run.__name__
        assert _mirror_relays(plain) and not _mirror_relays(own), run.__name__  # no 'outlet' column: a relay


def test_csv_to_stdout_says_where_the_claims_table_is(cli, tmp_path):
    result = cli("score", str(seed_path("000")), "--format", "csv")
    assert result.exit_code == 0 and _stdout(result).startswith("id,")
    assert "articles table only" in _stderr(result) and "--out PATH" in _stderr(result)
    written = cli("score", str(seed_path("000")), "--format", "csv", "--out", str(tmp_path / "out.csv"))
    assert "claims table" not in _stderr(written) and (tmp_path / "out.claims.csv").is_file()


def test_non_english_input_is_refused_with_exit_1_unless_allowed(runner, tmp_path):
    from conftest import GERMAN

    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    refused = runner.invoke(app, ["score", str(path), "--no-model", "--format", "jsonl", "-q"])
    assert refused.exit_code == 1
    record = json.loads(_stdout(refused).splitlines()[0])
    assert "does not look like English" in record["error"] and record["error_type"] == "InputError"
    allowed = runner.invoke(app, ["score", str(path), "--no-model", "--format", "jsonl", "-q", "--allow-non-english"])
    assert allowed.exit_code == 0
    assert any("English-only" in w for w in json.loads(_stdout(allowed).splitlines()[0])["warnings"])


def test_info_logging_says_what_each_stage_did(scorer, caplog):
    """What `credscore --verbose` prints per batch (it turns INFO logging on)."""
    import logging

    with caplog.at_level(logging.INFO, logger="credscore"):
        scorer.score_many([GOOD_TEXT]).__next__()
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "sentence(s) parsed" in message and "attribution(s)" in message and "components (markers, attribution" in message

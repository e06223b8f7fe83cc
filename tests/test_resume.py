"""``--resume``: a killed JSONL run started again loses no record and repeats none.

The main test is real: a ``credscore score`` subprocess over 40 small articles is killed with
SIGKILL once its first lines are on disk, restarted with ``--resume``, and its output compared
record for record with an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from credscore import ErrorResult
from credscore.intake import Article
from credscore.writers import OutputError, ResumableJsonlWriter, ResumeState

N_ARTICLES = 40
PEOPLE = ["Maria Lopez", "the ministry", "a senior official", "Reuters", "police", "the council", "experts", "John Reed"]
VERBS = ["said", "estimated", "confirmed", "claimed", "told reporters"]


def _write_corpus(folder: Path) -> list[str]:
    folder.mkdir()
    ids = []
    for i in range(N_ARTICLES):
        who, verb = PEOPLE[i % len(PEOPLE)], VERBS[i % len(VERBS)]
        text = (f"{who[0].upper()}{who[1:]} {verb} that {100 + 7 * i} homes were damaged in the storm. "
                f"The repairs may cost £{i + 2}m, according to a report seen by the newspaper.")
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
        ids.append(f"a{i:02d}")
    (folder / "a99.txt").write_text("", encoding="utf-8")  # one bad input: an error record, also resumed
    return ids + ["a99"]


def _command(folder: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "credscore.cli", "score", str(folder), "--format", "jsonl", "--out", str(out),
            "--no-model", "--batch-size", "1", *extra]


def _env() -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _complete_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_kill_9_then_resume_gives_the_uninterrupted_output(tmp_path):
    folder = tmp_path / "articles"
    ids = _write_corpus(folder)

    full = tmp_path / "full.jsonl"
    done = subprocess.run(_command(folder, full), capture_output=True, text=True, env=_env(), timeout=300)
    assert done.returncode == 1, done.stderr  # 1: the empty article failed, the rest were scored
    expected = {r["id"]: r for r in _records(full)}
    assert sorted(expected) == sorted(ids) and len(_records(full)) == len(ids)

    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(_command(folder, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    deadline = time.monotonic() + 120
    while _complete_lines(out) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    interrupted = _complete_lines(out)
    assert 0 < interrupted < len(ids)

    resumed = subprocess.run(_command(folder, out, "--resume"), capture_output=True, text=True, env=_env(), timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # the error record counts, whichever run wrote it

    records = _records(out)
    counts = Counter(r["id"] for r in records)
    assert len(records) == len(ids)
    assert set(counts) == set(ids) and max(counts.values()) == 1
    for record in records:
        assert record == expected[record["id"]]  # same score, band, claims: the whole result


def test_resume_cuts_an_unfinished_last_line_and_redoes_it(tmp_path):
    out = tmp_path / "out.jsonl"
    lines = [json.dumps({"id": "a", "score": 0.5}), json.dumps({"id": "b", "score": 0.6})]
    out.write_text("\n".join(lines) + '\n{"id": "c", "sco', encoding="utf-8")
    state = ResumeState.load(out)
    assert state.written == 2 and state.dropped_tail > 0
    assert out.read_text(encoding="utf-8") == "\n".join(lines) + "\n"
    todo = list(state.pending([Article("x", id="a"), Article("x", id="b"), Article("x", id="c")]))
    assert [a.id for a in todo] == ["c"]


def test_resume_counts_repeated_ids_and_skips_each_only_as_often_as_written(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "dup"}) + "\n" + json.dumps({"id": None, "input": "<stdin>", "error": "is empty"}) + "\n",
                   encoding="utf-8")
    state = ResumeState.load(out)
    records = [Article("x", id="dup"), ErrorResult(id=None, input="<stdin>", error="is empty"), Article("y", id="dup")]
    todo = list(state.pending(records))
    assert todo == [records[2]]
    assert (state.skipped, state.skipped_errors) == (2, 1)


def test_resume_refuses_a_file_with_a_bad_line_in_the_middle(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(OutputError, match="line 2"):
        ResumeState.load(out)


def test_resume_with_the_input_path_typed_another_way_repeats_nothing(tmp_path, monkeypatch):
    from credscore.readers import read_records

    (tmp_path / "x.jsonl").write_text("".join(json.dumps({"text": f"Police said {i} men were held."}) + "\n"
                                              for i in range(3)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    writer = ResumableJsonlWriter(out)
    for record in list(read_records(["./x.jsonl"]))[:2]:  # a first run, killed after two records
        writer.write(ErrorResult(id=record.id, input=record.id, error="stand-in for a result"))
    writer.close()
    pending = list(ResumeState.load(out).pending(read_records(["x.jsonl"])))
    assert [r.id for r in pending] == ["x.jsonl:3"]


def test_resume_of_a_missing_file_starts_from_nothing(tmp_path):
    state = ResumeState.load(tmp_path / "none.jsonl")
    assert state.written == 0


def test_resumable_writer_appends_whole_lines(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\n', encoding="utf-8")
    writer = ResumableJsonlWriter(out)
    writer.write(ErrorResult(id="b", input="b.txt", error="is empty"))
    assert out.read_text(encoding="utf-8").count("\n") == 2  # flushed at once, before close
    writer.close()
    assert [r["id"] for r in _records(out)] == ["a", "b"]


def test_cli_resume_in_process_after_a_torn_tail(scorer, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from credscore.cli import app

    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    runner = CliRunner()
    folder = tmp_path / "articles"
    ids = _write_corpus(folder)[:6]
    for extra in sorted(folder.iterdir())[6:]:
        extra.unlink()
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    assert runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--out", str(full)]).exit_code == 0
    head = full.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(head[:2]) + head[2][: len(head[2]) // 2], encoding="utf-8")  # killed mid-line

    result = runner.invoke(app, ["score", str(folder), "--format", "jsonl", "--out", str(out), "--resume"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
    assert [r["id"] for r in _records(out)] == ids

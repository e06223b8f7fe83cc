"""One bad record never costs another: whatever one input raises, the rest of its batch is scored.

Failures are injected into one record of a batch at each place a batch is shared: a feature
component, the scoring step, the reader, a worker process (an exception, and the worker's
death), and the Ray actor's batch function. The other records must come back in order and
exactly as they score alone.
"""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from credscore.intake import Article
from credscore.results import SCHEMA_VERSION, ErrorResult

GOOD = [
    "The council said the bridge will cost £40m, according to figures released on Tuesday.",
    "Police said two men were arrested after the fire, which a witness said began at 3am.",
    "NATO estimated that 7,000 Russian soldiers have been killed, a senior official said.",
]
POISON = "EXPLODE: the minister said the budget will rise by 4%."


def _records() -> list[dict[str, str]]:
    return [{"id": "a", "text": GOOD[0]}, {"id": "bad", "text": POISON}, {"id": "b", "text": GOOD[1]},
            {"id": "c", "text": GOOD[2]}]


@pytest.fixture
def exploding_markers(monkeypatch):
    """The marker component raises for any document that contains the poison word."""
    from credscore.features.markers import MarkerTagger

    real = MarkerTagger.__call__

    def call(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("injected failure in markers")
        return real(self, doc)

    monkeypatch.setattr(MarkerTagger, "__call__", call)


def _alone(scorer, record: dict[str, str]) -> dict:
    return scorer.score(record["text"], id=record["id"]).to_dict()


def _check_isolated(results: list, scorer) -> None:
    records = _records()
    assert [r.id for r in results] == [r["id"] for r in records]
    bad = results[1]
    assert isinstance(bad, ErrorResult)
    assert bad.error_type == "RuntimeError" and "injected failure" in bad.error
    for record, result in zip(records, results):
        if record["id"] != "bad":
            assert result.to_dict() == _alone(scorer, record), record["id"]


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_a_component_failing_on_one_record_costs_only_that_record(scorer, exploding_markers, batch_size):
    scorer.batch_size, kept = batch_size, scorer.batch_size
    try:
        results = list(scorer.score_many(_records()))
    finally:
        scorer.batch_size = kept
    _check_isolated(results, scorer)


def test_a_scoring_failure_on_one_record_costs_only_that_record(scorer, monkeypatch):
    import credscore.scorer as scorer_module

    real = scorer_module.score_article

    def score_article(doc, claims, scores):
        if doc.id == "bad":
            raise RuntimeError("injected failure in the article score")
        return real(doc, claims, scores)

    monkeypatch.setattr(scorer_module, "score_article", score_article)
    _check_isolated(list(scorer.score_many(_records())), scorer)


def test_score_of_one_text_raises_the_failure_itself(scorer, exploding_markers):
    with pytest.raises(RuntimeError, match="injected failure"):
        scorer.score(POISON)


def test_an_error_record_says_the_exception_type_and_message():
    record = ErrorResult.from_exception(ImportError("lxml.html.clean is missing"), input="x.html", id="x")
    assert record.to_dict() == {"schema_version": SCHEMA_VERSION, "id": "x", "input": "x.html",
                                "error": "unexpected ImportError while scoring: lxml.html.clean is missing",
                                "error_type": "ImportError"}


def test_cli_writes_every_record_when_one_fails(scorer, exploding_markers, monkeypatch, tmp_path):
    from credscore.cli import app

    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["score", str(source), "--format", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "bad", "b", "c"]
    assert rows[1]["error_type"] == "RuntimeError" and all("score" in rows[i] for i in (0, 2, 3))


def test_a_reader_failure_on_one_file_costs_only_that_file(scorer, monkeypatch, tmp_path):
    """An unexpected error while extracting one HTML page (a missing module, say) is that file's error."""
    from credscore.cli import app

    def broken(*args, **kwargs):
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    monkeypatch.setattr("credscore.intake._extract_html", broken)
    (tmp_path / "a.txt").write_text(GOOD[0], encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{GOOD[1]}</p></body></html>", encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD[2], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    paths = [str(tmp_path / name) for name in ("a.txt", "b.html", "c.txt")]
    result = CliRunner().invoke(app, ["score", *paths, "--format", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and "score" in rows[0] and "score" in rows[2]
    assert rows[1]["error_type"] == "ImportError" and "lxml.html.clean" in rows[1]["error"]


def test_the_ray_batch_function_isolates_one_failing_record(scorer, exploding_markers, monkeypatch):
    """The callable each Ray actor runs on a batch (no cluster needed to call it)."""
    pd = pytest.importorskip("pandas")
    from credscore.distributed import _ScoreBatches

    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    batch = _ScoreBatches(model=None, device="cpu", text_col="text", id_col="id", pass_through=(), keep_objects=False)
    out = batch(pd.DataFrame(_records()))
    assert out["ok"] == [True, False, True, True]
    assert "RuntimeError" in out["error"][1]


# -- worker processes: the failing record's unpickling raises, or kills the worker -----------------


def _raise_on_load(ident: str) -> Article:
    raise RuntimeError(f"injected failure loading {ident}")


def _die_on_load(ident: str) -> Article:
    os._exit(3)


class _RaisesInWorker(Article):
    def __reduce__(self):
        return (_raise_on_load, (self.id,))


class _KillsItsWorker(Article):
    def __reduce__(self):
        return (_die_on_load, (self.id,))


@pytest.mark.slow
@pytest.mark.parametrize("poison", [_RaisesInWorker, _KillsItsWorker])
def test_worker_processes_lose_no_record_when_one_fails(poison):
    from credscore import Scorer

    items: list[object] = [Article(text=GOOD[0], id="a"), poison(text=POISON, id="bad"),
                           Article(text=GOOD[1], id="b"), Article(text=GOOD[2], id="c")]
    results = list(Scorer(model=None, batch_size=2, workers=2).score_many(items))
    assert [r.id for r in results] == ["a", "bad", "b", "c"]
    assert isinstance(results[1], ErrorResult)
    assert [isinstance(r, ErrorResult) for r in results] == [False, True, False, False]
    alone = Scorer(model=None)
    for item, result in zip(items, results):
        if item.id != "bad":
            assert result.to_dict() == alone.score(item.text, id=item.id).to_dict()


@pytest.mark.slow
def test_worker_processes_end_when_their_parent_is_killed(tmp_path):
    """kill -9 of the parent must not leave its scoring processes behind."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import os, time\n"
        "from functools import partial\n"
        "from credscore.parallel import WorkerPool\n"
        "from credscore.scorer import _batch_function\n"
        "if __name__ == '__main__':\n"
        "    pool = WorkerPool(partial(_batch_function, None, 'cpu', 'auto', 2, False), workers=1)\n"
        "    print(pool._executor.submit(os.getpid).result(), flush=True)\n"
        "    time.sleep(600)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(worker, signal.SIGKILL)
    pytest.fail(f"worker {worker} outlived its killed parent")

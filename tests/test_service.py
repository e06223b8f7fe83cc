"""``credscore serve``: the REST service answers what the library answers, and fails per request.

Most cases run the app in-process with FastAPI's ``TestClient`` over the session's feature-only
scorer; one slow test runs the real command in a subprocess on 127.0.0.1 and stops it with SIGTERM
while a request is in flight.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="the service extra is not installed: pip install -e '.[serve]'")
httpx = pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import REPO, SEED_IDS, seed_path  # noqa: E402
from credscore.batcher import MicroBatcher  # noqa: E402
from credscore.results import load_schema  # noqa: E402
from credscore.scorer import RECORD_FIELDS  # noqa: E402
from credscore.service import MAX_ARTICLES, ArticleIn, create_app  # noqa: E402

GOOD_TEXT = "The council said the bridge will cost £40m, according to figures released on Tuesday."


def _json(value):
    """``value`` as it looks after a JSON round trip (tuples become lists)."""
    return json.loads(json.dumps(value))


@pytest.fixture
def make_client(scorer):
    """Start the app over the session's loaded feature-only scorer; options go to ``create_app``."""
    clients: list[TestClient] = []

    def make(**options) -> TestClient:
        client = TestClient(create_app(scorer, **options))
        client.__enter__()  # runs the lifespan: the worker thread starts
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


def test_request_fields_are_the_library_record_fields():
    assert tuple(ArticleIn.model_fields) == RECORD_FIELDS


def test_healthz_names_the_loaded_model(client, scorer):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": scorer.model_info.name}


def test_score_answers_what_the_library_gives(client, scorer):
    text = seed_path("000").read_text(encoding="utf-8")
    fields = {"id": "seed-000", "title": "A seed", "url": "https://example.org/a", "outlet": "The Mirror"}
    response = client.post("/v1/score", json={"text": text, **fields})
    assert response.status_code == 200
    assert response.json() == _json(scorer.score(text, **fields).to_dict())


def test_score_of_a_short_text_equals_the_library(client, scorer):
    response = client.post("/v1/score", json={"text": GOOD_TEXT})
    assert response.status_code == 200
    assert response.json() == _json(scorer.score(GOOD_TEXT).to_dict())


def test_score_many_keeps_order_and_puts_errors_in_place(client, scorer):
    records = [{"text": seed_path(p).read_text(encoding="utf-8"), "id": p} for p in SEED_IDS[:3]]
    records.insert(1, {"text": "   ", "id": "blank"})
    records.append({"text": GOOD_TEXT})
    response = client.post("/v1/score_many", json={"articles": records})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results == _json([r.to_dict() for r in scorer.score_many(records)])
    assert [r["id"] for r in results][:4] == ["000", "blank", "001", "002"]
    assert results[4]["id"].startswith("text-")  # an input without an id gets the library's stable generated one
    assert results[1]["error_type"] == "InputError" and "whitespace" in results[1]["error"]


def test_schema_is_the_library_schema_and_openapi_lists_the_endpoints(client):
    assert client.get("/v1/schema").json() == load_schema()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/healthz", "/v1/score", "/v1/score_many", "/v1/schema"} <= set(paths)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/score", {"id": "a"}, "text"),
        ("/v1/score", {"text": 42}, "text"),
        ("/v1/score", {"text": GOOD_TEXT, "outlet": ["a", "b"]}, "outlet"),
        ("/v1/score_many", {"articles": "not a list"}, "articles"),
        ("/v1/score_many", {"articles": [{"text": GOOD_TEXT}, {"title": "no text"}]}, "text"),
        ("/v1/score_many", {"records": []}, "articles"),
    ],
)
def test_missing_or_mistyped_fields_are_422_naming_the_field(client, path, body, field):
    response = client.post(path, json=body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["error_type"] == "ValidationError" and field in answer["error"]
    assert any(field in problem["loc"] for problem in answer["detail"])


def test_malformed_json_is_422(client):
    response = client.post("/v1/score", content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error_type"] == "ValidationError"


@pytest.mark.parametrize(("text", "problem"), [("", "is empty"), (" \n\t", "whitespace")])
def test_text_the_scorer_refuses_is_422_with_its_error_record(client, text, problem):
    response = client.post("/v1/score", json={"text": text, "id": "x"})
    assert response.status_code == 422
    answer = response.json()
    assert answer["error_type"] == "InputError" and problem in answer["error"] and answer["id"] == "x"
    assert answer["detail"][0]["loc"] == ["body", "text"]


def test_more_articles_than_the_cap_is_422(client):
    response = client.post("/v1/score_many", json={"articles": [{"text": GOOD_TEXT}] * (MAX_ARTICLES + 1)})
    assert response.status_code == 422
    assert str(MAX_ARTICLES) in response.json()["error"]


def test_a_body_over_the_limit_is_413_before_parsing(make_client):
    client = make_client(max_body=1_000)
    response = client.post("/v1/score", json={"text": "x" * 2_000})
    assert response.status_code == 413
    assert response.json()["error_type"] == "PayloadTooLarge"


def test_a_streamed_body_over_the_limit_is_413(make_client):
    client = make_client(max_body=1_000)

    def chunks():  # no Content-Length: the size is counted as it arrives
        yield b'{"text": "'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}'

    response = client.post("/v1/score", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_request_past_the_timeout_is_504(make_client, scorer, monkeypatch):
    original = scorer.score_many

    def slow(items, **kwargs):
        time.sleep(0.5)
        return original(items, **kwargs)

    monkeypatch.setattr(scorer, "score_many", slow)
    client = make_client(timeout=0.05)
    response = client.post("/v1/score", json={"text": GOOD_TEXT})
    assert response.status_code == 504
    assert response.json()["error_type"] == "Timeout"


def test_a_worker_failure_is_500_and_the_worker_keeps_serving(client, scorer, monkeypatch):
    original = scorer.score_many
    calls = []

    def fail_once(items, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return original(items, **kwargs)

    monkeypatch.setattr(scorer, "score_many", fail_once)
    failed = client.post("/v1/score", json={"text": GOOD_TEXT})
    assert failed.status_code == 500
    assert failed.json()["error_type"] == "RuntimeError" and "boom" in failed.json()["error"]
    assert client.post("/v1/score", json={"text": GOOD_TEXT}).status_code == 200


def test_concurrent_requests_are_scored_in_shared_batches(make_client, scorer, monkeypatch):
    original = scorer.score_many
    batch_sizes = []

    def counting(items, **kwargs):
        items = list(items)
        batch_sizes.append(len(items))
        time.sleep(0.2)  # while this batch runs, the other requests queue up
        return original(items, **kwargs)

    monkeypatch.setattr(scorer, "score_many", counting)
    client = make_client(batch_wait_ms=20)
    texts = [f"{GOOD_TEXT} Request {i}." for i in range(6)]
    answers: dict[int, dict] = {}

    def send(i: int) -> None:
        answers[i] = client.post("/v1/score", json={"text": texts[i], "id": str(i)}).json()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(batch_sizes) == len(texts) and len(batch_sizes) < len(texts)
    for i, text in enumerate(texts):
        assert answers[i] == _json(scorer.score(text, id=str(i)).to_dict())


def test_a_batch_that_fails_costs_only_the_request_that_broke_it():
    def process(items):
        if "bad" in items:
            raise ValueError("bad item")
        return [item.upper() for item in items]

    batcher: MicroBatcher[str, str] = MicroBatcher(process, max_wait=0.05)
    batcher.start()

    async def main():
        return await asyncio.gather(batcher.submit(["a", "b"]), batcher.submit(["bad"]), batcher.submit(["c"]),
                                    return_exceptions=True)

    try:
        first, broken, last = asyncio.run(main())
    finally:
        batcher.stop()
    assert first == ["A", "B"] and last == ["C"]
    assert isinstance(broken, ValueError)


def test_a_failure_of_the_worker_loop_answers_the_waiting_callers_and_the_loop_goes_on(monkeypatch):
    batcher: MicroBatcher[int, int] = MicroBatcher(lambda items: list(items))
    original = batcher._answer
    calls = []

    def broken_once(jobs):
        calls.append(jobs)
        if len(calls) == 1:
            raise RuntimeError("a bug in the loop")
        original(jobs)

    monkeypatch.setattr(batcher, "_answer", broken_once)
    batcher.start()
    try:
        with pytest.raises(RuntimeError, match="a bug in the loop"):
            asyncio.run(batcher.submit([1]))
        assert asyncio.run(batcher.submit([2])) == [2]
    finally:
        batcher.stop()


def test_serve_with_a_missing_model_exits_2(tmp_path):
    from typer.testing import CliRunner

    from credscore.cli import app

    result = CliRunner().invoke(app, ["serve", "--model", str(tmp_path / "missing"), "--port", "1"])
    assert result.exit_code == 2


# -- the real server ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_server_process_scores_a_seed_and_finishes_in_flight_work_on_sigterm(scorer):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    process = subprocess.Popen([sys.executable, "-m", "credscore.cli", "serve", "--no-model", "--port", str(port)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"the server exited early: {process.communicate()[1]}"
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not become healthy"
            time.sleep(0.3)

        text = seed_path("000").read_text(encoding="utf-8")
        response = httpx.post(f"{base}/v1/score", json={"text": text, "id": "000"}, timeout=60)
        assert response.status_code == 200
        assert response.json() == _json(scorer.score(text, id="000").to_dict())

        articles = [{"text": seed_path(p).read_text(encoding="utf-8"), "id": p} for p in SEED_IDS] * 2
        slow: dict[str, object] = {}

        def send() -> None:  # about ten articles: seconds of scoring
            slow["response"] = httpx.post(f"{base}/v1/score_many", json={"articles": articles}, timeout=120)
            slow["at"] = time.monotonic()

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.7)
        stopped_at = time.monotonic()
        process.send_signal(signal.SIGTERM)
        sender.join(timeout=120)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    finished = slow["response"]
    assert finished.status_code == 200, finished.text  # type: ignore[attr-defined]
    assert len(finished.json()["results"]) == len(articles)  # type: ignore[attr-defined]
    assert slow["at"] > stopped_at, "the request finished before SIGTERM: it was not in flight"

"""Distributed scoring on Ray Data: :func:`credscore.distributed.score_dataset` and ``--engine ray``.

Runs on a small local Ray cluster (two CPUs), feature-only (``model=None``: no torch).
Skipped where Ray is not installed (``pip install 'credscore[ray]'``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from typer.testing import CliRunner  # noqa: E402

from credscore import Scorer  # noqa: E402
from credscore.cli import app  # noqa: E402
from credscore.distributed import score_dataset  # noqa: E402

pytestmark = pytest.mark.slow

ARTICLES = [
    "Police said two men were arrested on Tuesday after the fire.",
    "The mayor told reporters that 264 civilians died, according to a city report.",
    "Officials, who spoke on condition of anonymity, said the talks had stalled.",
    "The company reported a 12% rise in profits, its annual statement showed.",
    "Some experts believe the policy may have failed, it is claimed.",
    "NATO estimated that 7,000 soldiers have been killed, the BBC reported.",
]


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def _items() -> list[dict]:
    items = [{"id": f"a{i}", "text": text} for i, text in enumerate(ARTICLES)]
    items.insert(3, {"id": "empty", "text": ""})
    return items


def test_score_dataset_keeps_every_record_and_matches_local(ray_cluster):
    items = _items()
    out = score_dataset(ray.data.from_items(items), model=None, concurrency=2, batch_size=2).take_all()
    assert len(out) == 7
    rows = {row["id"]: row for row in out}
    assert set(rows) == {item["id"] for item in items}

    bad = rows["empty"]
    assert bad["ok"] is False and bad["result_json"] is None
    assert "empty" in bad["error"]

    local = {r.id: r for r in Scorer(model=None).score_many(items)}
    for ident, row in rows.items():
        if ident == "empty":
            continue
        assert row["ok"] is True and row["error"] is None
        result = json.loads(row["result_json"])
        assert result["id"] == ident
        assert result["score"] == local[ident].score
        assert result == json.loads(json.dumps(local[ident].to_dict()))


def test_cli_engine_ray_matches_local(ray_cluster, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in _items()), encoding="utf-8")
    runner = CliRunner()
    args = ["score", str(path), "--no-model", "--format", "jsonl", "--quiet"]
    local = runner.invoke(app, args)
    distributed = runner.invoke(app, [*args, "--engine", "ray", "--workers", "2"])
    assert local.exit_code == distributed.exit_code == 1  # the empty record fails, the others are scored
    want = [json.loads(line) for line in local.stdout.splitlines()]
    got = [json.loads(line) for line in distributed.stdout.splitlines()]
    assert len(got) == 7
    assert [r["id"] for r in got] == [r["id"] for r in want]  # ids kept, in input order
    assert [r.get("score") for r in got] == [r.get("score") for r in want]
    assert got == want


def test_the_batch_call_on_ray_matches_local_record_for_record_with_contexts(ray_cluster):
    from credscore.batch import score_many

    items: list[object] = [*_items(), {"id": "no-text"}, "The minister said the talks would resume."]
    pairs = [(item, k) for k, item in enumerate(items)]
    local = list(score_many(pairs, scorer=Scorer(model=None), as_tuples=True))
    distributed = list(score_many(pairs, scorer=Scorer(model=None, workers=2, batch_size=2), engine="ray", as_tuples=True))
    assert [k for _, k in distributed] == list(range(len(items)))
    assert [r.to_dict() for r, _ in distributed] == [r.to_dict() for r, _ in local]


def test_import_credscore_does_not_import_ray():
    code = "import sys, credscore, credscore.cli, credscore.distributed; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

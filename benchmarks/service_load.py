"""Load on ``credscore serve`` beside the library's ``score_many`` on the same articles, in one run.

    python benchmarks/service_load.py [--clients 4] [--requests 10] [--per-request 1] [--model] [--out FILE.json]

Articles: the first BBC News articles from ``../shared/data/bbc_news`` (sorted paths) plus the
seeds, as ``benchmarks/bench.py`` reads them; request ``j`` of client ``c`` sends the next
``--per-request`` of them in turn. First the library row: ``Scorer.score_many`` over exactly the
articles the load will send, in this process. Then the service row: the script starts
``credscore serve`` on a free port of 127.0.0.1, waits for ``/healthz``, warms it with one request,
runs ``--clients`` threads each sending ``--requests`` requests back to back (``/v1/score``, or
``/v1/score_many`` with ``--per-request`` above 1), and stops the server with SIGTERM. Reported:
articles/s, p50/p95 request latency, errors (non-200 answers, error records), the server's exit
code. Feature-only scorer unless ``--model`` (the shipped one). Wall clock on whatever machine
runs this, client threads and server sharing its cores; compare the rows, not machines.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]  # this checkout's credscore, as the server runs it
from bench import load_articles  # noqa: E402  (one reader of the benchmark articles)


def library_row(records: list[dict[str, str]], *, model: bool) -> dict[str, object]:
    """``Scorer.score_many`` over the records, after loading and one warm-up article."""
    from credscore import Scorer

    scorer = Scorer(model="default" if model else None).load()
    list(scorer.score_many(records[:1]))
    start = time.perf_counter()
    results = list(scorer.score_many(records))
    seconds = time.perf_counter() - start
    errors = sum(1 for r in results if not hasattr(r, "score"))
    return {"row": "library score_many", "articles": len(records), "seconds": round(seconds, 2),
            "articles_per_s": round(len(records) / seconds, 2), "errors": errors}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*, model: bool, batch_wait_ms: float, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "credscore.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--batch-wait-ms", str(batch_wait_ms)] + ([] if model else ["--no-model"])
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}; its log: {log}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit(f"the server did not answer /healthz within 180 s; its log: {log}")


def service_row(base: str, requests: list[list[list[dict[str, str]]]]) -> dict[str, object]:
    """Each client (a thread) sends its requests back to back; latency per request, errors per article."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(batches: list[list[dict[str, str]]]) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=600) as http:
            for batch in batches:
                start = time.perf_counter()
                if len(batch) == 1:
                    response = http.post("/v1/score", json=batch[0])
                    failed = 0 if response.status_code == 200 else 1
                else:
                    response = http.post("/v1/score_many", json={"articles": batch})
                    results = response.json().get("results", []) if response.status_code == 200 else []
                    failed = len(batch) - sum(1 for r in results if "error" not in r)
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    errors += failed

    threads = [threading.Thread(target=client, args=(batches,)) for batches in requests]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    articles = sum(len(batch) for batches in requests for batch in batches)
    return {"row": "service", "articles": articles, "requests": len(latencies), "seconds": round(seconds, 2),
            "articles_per_s": round(articles / seconds, 2), "p50_ms": round(_percentile(latencies, 0.50) * 1000),
            "p95_ms": round(_percentile(latencies, 0.95) * 1000), "errors": errors}


def _percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` quantile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=10, help="requests per client")
    parser.add_argument("--per-request", type=int, default=1, help="articles per request (above 1: /v1/score_many)")
    parser.add_argument("--articles", type=int, default=40, help="BBC articles to draw from (plus the seeds)")
    parser.add_argument("--model", action="store_true", help="the shipped model (default: feature-only)")
    parser.add_argument("--batch-wait-ms", type=float, default=5.0, help="the server's --batch-wait-ms")
    parser.add_argument("--out", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()

    pool = [{"id": name, "text": text} for name, text in load_articles(args.articles)]
    per_client = args.requests * args.per_request
    requests = [[[pool[(c * per_client + j * args.per_request + k) % len(pool)] for k in range(args.per_request)]
                 for j in range(args.requests)] for c in range(args.clients)]
    sent = [record for batches in requests for batch in batches for record in batch]

    rows = [library_row(sent, model=args.model)]
    log = Path(tempfile.mkdtemp(prefix="credscore-serve-")) / "server.log"
    server, base = start_server(model=args.model, batch_wait_ms=args.batch_wait_ms, log=log)
    try:
        httpx.post(f"{base}/v1/score", json=pool[0], timeout=600)  # warm-up, not timed
        rows.append(service_row(base, requests))
    finally:
        server.send_signal(signal.SIGTERM)
        exit_code = server.wait(timeout=120)
    rows[-1]["server_exit"] = exit_code
    rows[-1]["x_library"] = round(rows[-1]["articles_per_s"] / rows[0]["articles_per_s"], 2)  # type: ignore[operator]

    setup = {"clients": args.clients, "requests": args.requests, "per_request": args.per_request,
             "scorer": "model" if args.model else "features", "batch_wait_ms": args.batch_wait_ms,
             "cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(setup))
    print("| row | articles | seconds | articles/s | p50 ms | p95 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['row']} | {row['articles']} | {row['seconds']} | {row['articles_per_s']} | "
              f"{row.get('p50_ms', '')} | {row.get('p95_ms', '')} | {row['errors']} |")
    print(f"server exit code {exit_code}; service / library throughput {rows[-1]['x_library']}")
    if args.out:
        args.out.write_text(json.dumps({"setup": setup, "rows": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

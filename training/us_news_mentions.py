"""Candidate source mentions from US mainstream and hyperpartisan news of 2016 (issue 12).

The source mentions of ``training/gold/SOURCE_MENTIONS.md`` come from PolNeAR, Reuters, BBC,
SCU and the seeds; issue 12's held-out sentences come from US mainstream and hyperpartisan
outlets. This set draws its candidates from the articles of ``../shared/data/article_labels``:
BuzzFeed-Webis 2016 (ABC News, Occupy Democrats, Freedom Daily) and Horne & Adali's political
stories (real and fake), with the same proposer as the source mentions (reporting-cue regexes,
agentless phrases, cue-less claim sentences, pronoun and place traps). It only proposes: every
kind in ``training/gold/us_news_mentions.standoff.jsonl`` was decided by a labeller reading the
row against SPEC §2 (``training/gold/US_NEWS_MENTIONS.md``). The texts are not committed: the
stand-off file holds offsets and a checksum, and ``hydrate`` rebuilds the full rows.

    python -m training.us_news_mentions candidates --out CANDS.jsonl
    python -m training.us_news_mentions hydrate
    python -m training.us_news_mentions candidates --round c|d|e|f|g|h|i --out CANDS.jsonl   # later draws
    python -m training.us_news_mentions agreement [--round c|d|e|f|g|h|i]   # the two independent passes, before adjudication
    python -m training.source_kinds --gold training/gold/us_news_mentions.jsonl --split a|b|all

Split by article: ``a`` (read for rules) and ``b`` (kept unread; measured only). Parts ``c`` and ``d``
(session 52) are later draws from part a's articles, ``e`` to ``g`` draws from PolNeAR's train
articles (``h`` and ``i``: session 53), labelled the same way; the first reading of each, before any rule was drawn from it,
measures the scorer on real text it had not been tuned on.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

from training.article_labels import all_records
from training.source_mentions import DEFAULT_DATA, _dump, _load, check, passage, propose, sentences
from training.source_mentions import article_text as _source_mentions_text

GOLD = Path(__file__).resolve().parent / "gold"
NAME = "us_news_mentions"
SEED = 38
QUOTAS = {"document": 55, "media": 55, "anonymous": 70, "agentless": 30, "pronoun": 15, "other": 60,
          "unattributed": 35, "pronoun_trap": 5, "place_trap": 5}
PER_ARTICLE = 2  # candidates of one bucket from one article, at most

_TEXTS: dict[str, str] = {}


def article_text(article: str, data: Path | None = None) -> str:
    """The article text that the offsets index: ``training.article_labels``' reading, or a PolNeAR train
    text as the source mentions read it (ids "polnear/<file>")."""
    if article.startswith("polnear/"):
        return _source_mentions_text(data or DEFAULT_DATA, "polnear", article.split("/", 1)[1])
    if not _TEXTS:
        _TEXTS.update((r["id"], r["text"]) for r in all_records(data))
    return _TEXTS[article]


def polnear_records(data: Path | None = None) -> list[dict[str, str]]:
    """PolNeAR's train articles: 2016 US election news of seven publishers, mainstream and hyperpartisan
    (Breitbart, Western Journalism, The Huffington Post, Politico, The New York Times, USA Today, The
    Washington Post)."""
    root = (data or DEFAULT_DATA) / "polnear" / "train" / "text"
    return [{"id": f"polnear/{p.name}", "text": article_text(f"polnear/{p.name}", data)} for p in sorted(root.iterdir())]


def split_of(article: str) -> str:
    """Half the articles (sha1 of the id) are ``a``, read for rules; the rest ``b``, kept unread."""
    return "a" if int(hashlib.sha1(article.encode()).hexdigest(), 16) % 2 == 0 else "b"


#: what each PolNeAR draw proposes, by the proposer's bucket
_POLNEAR_QUOTAS = {"document": 35, "media": 35, "anonymous": 45, "agentless": 15, "pronoun": 20, "other": 35,
                   "unattributed": 15}
#: later draws (session 52), each skipping every passage an earlier draw from the same texts proposed: c and d
#: from part a's articles, e to g from PolNeAR's train articles (skipping the source mentions' passages too)
ROUNDS = {
    "c": {"seed": 52, "first_id": 327,
          "quotas": {"document": 40, "media": 45, "anonymous": 50, "agentless": 20, "pronoun": 15, "other": 45,
                     "unattributed": 15}},
    # part a's articles had almost no documents, outlets or unnamed sources left to propose after c
    "d": {"seed": 53, "first_id": 544,
          "quotas": {"document": 10, "media": 10, "anonymous": 25, "agentless": 10, "pronoun": 50, "other": 60,
                     "unattributed": 25}},
    "e": {"seed": 54, "first_id": 699, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},
    "f": {"seed": 55, "first_id": 899, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},
    "g": {"seed": 56, "first_id": 1099, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},
    "h": {"seed": 57, "first_id": 1299, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},  # session 53
    "i": {"seed": 58, "first_id": 1499, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},  # session 53
    "j": {"seed": 59, "first_id": 1699, "texts": "polnear", "quotas": _POLNEAR_QUOTAS},  # session 54
}


def round_of(row_id: str) -> str:
    """The draw a row id belongs to: "ab" (session 38's) or a later one ("c" … "g")."""
    number = int(row_id[2:])
    return max((name for name, spec in ROUNDS.items() if number >= spec["first_id"]),
               key=lambda name: ROUNDS[name]["first_id"], default="ab")


def round_candidates(name: str, data: Path | None = None) -> list[dict]:
    """A later draw's candidates, deterministic: session 38's rows (or, for PolNeAR's texts, the source
    mentions' passages) and every earlier draw's candidates from the same texts, kept or dropped, are
    skipped. Each earlier draw is built once, in order."""
    texts = ROUNDS[name].get("texts")
    if texts == "polnear":
        exclude = [{**r, "article": f"polnear/{r['article']}"} for r in _load(GOLD / "source_mentions.standoff.jsonl")
                   if r["dataset"] == "polnear"]
        records = polnear_records(data)
    else:
        exclude = [r for r in _load(GOLD / f"{NAME}.standoff.jsonl") if round_of(r["id"]) == "ab"]
        records = None
    for draw, spec in ROUNDS.items():
        if spec.get("texts") != texts:
            continue
        rows = build_candidates(data, seed=spec["seed"], quotas=spec["quotas"], split=draw, first_id=spec["first_id"],
                                exclude=exclude, records=records)
        if draw == name:
            return rows
        exclude = exclude + rows
    raise KeyError(name)


def build_candidates(data: Path | None = None, *, seed: int = SEED, quotas: dict[str, int] = QUOTAS,
                     split: str | None = None, first_id: int = 1, exclude: list[dict] = (),
                     records: list[dict] | None = None) -> list[dict]:
    """Sample candidates by the proposer's bucket.

    The first round (session 38) drew from every article and split rows by article. Later rounds
    (``split`` given) draw only from part ``a``'s articles, so part ``b`` stays unread, or from the
    ``records`` given (PolNeAR's train texts), skip any passage that overlaps a row of ``exclude``,
    and label their rows ``split``.
    """
    if records is None:
        records = all_records(data)
        if split is not None:
            records = [r for r in records if split_of(r["id"]) == "a"]
    taken_spans: dict[str, list[tuple[int, int]]] = {}
    for row in exclude:
        end = row.get("context_end", row["context_start"] + len(row.get("text", "")))  # (a candidate has its text)
        taken_spans.setdefault(row["article"], []).append((row["context_start"], end))
    _TEXTS.update((r["id"], r["text"]) for r in records)
    pools: dict[str, list[dict]] = {}
    for record in records:
        text = record["text"]
        sents = sentences(text)
        for bucket, src, cue, lo, hi in propose(text, sents):
            want_prev = bool(src) and len(text[src[0]:src[1]].split()) <= 2
            a, b = passage(text, sents, lo, hi, want_prev)
            if cue and not (a <= cue[0] and cue[1] <= b):
                continue
            if src and not (a <= src[0] and src[1] <= b):
                src = None
            if any(a < end and start < b for start, end in taken_spans.get(record["id"], ())):
                continue
            pools.setdefault(bucket, []).append({"article": record["id"], "context_start": a, "context_end": b,
                                                 "source": src, "cue": cue, "bucket": bucket})
    rng = random.Random(seed)
    chosen: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for bucket, n in quotas.items():
        pool = pools.get(bucket, [])
        rng.shuffle(pool)
        per_article: dict[str, int] = {}
        taken = 0
        for c in pool:
            key = (c["article"], c["context_start"])
            if per_article.get(c["article"], 0) >= PER_ARTICLE or key in seen:
                continue
            per_article[c["article"]] = per_article.get(c["article"], 0) + 1
            seen.add(key)
            chosen.append(c)
            taken += 1
            if taken >= n:
                break
    chosen.sort(key=lambda c: (c["article"], c["context_start"], c["cue"] or (0, 0)))
    rows = []
    for i, c in enumerate(chosen, first_id):
        text = _TEXTS[c["article"]]
        a, b = c["context_start"], c["context_end"]
        span = lambda s: None if s is None else {"start": s[0] - a, "end": s[1] - a, "text": text[s[0]:s[1]]}
        rows.append({"id": f"us{i:04d}", "dataset": c["article"].split("/")[0], "article": c["article"],
                     "text": text[a:b], "context_start": a, "source": span(c["source"]), "cue": span(c["cue"]),
                     "bucket": c["bucket"], "split": split or split_of(c["article"])})
    return rows


def hydrate_row(row: dict, data: Path | None = None) -> dict:
    text = article_text(row["article"], data)[row["context_start"]:row["context_end"]]
    if hashlib.sha1(text.encode()).hexdigest()[:12] != row["text_sha1"]:
        raise ValueError(f"{row['id']}: passage checksum differs; is the article-labels data the same?")
    out = {k: row[k] for k in ("id", "dataset", "article", "context_start")}
    out["text"] = text
    for k in ("source", "cue"):
        s = row.get(k)
        out[k] = None if s is None else {"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]]}
    for k in ("kind", "split", "note"):
        if k in row:
            out[k] = row[k]
    return out


def agreement(first: list[dict], second: list[dict]) -> dict[str, object]:
    """Raw agreement and Cohen's kappa on kind (rows neither pass dropped), span overlap, drop disagreements."""
    one, two = {r["id"]: r for r in first}, {r["id"]: r for r in second}
    kept = [i for i in one if not one[i]["drop"] and not two[i]["drop"]]
    same = [i for i in kept if one[i]["kind"] == two[i]["kind"]]
    n = len(kept)
    observed = len(same) / n
    left, right = Counter(one[i]["kind"] for i in kept), Counter(two[i]["kind"] for i in kept)
    expected = sum(left[k] * right[k] for k in left) / (n * n)

    def overlap(a: dict | None, b: dict | None) -> bool:
        return (a is None and b is None) or (a is not None and b is not None and a["start"] < b["end"] and b["start"] < a["end"])

    return {"rows": len(one), "both_kept": n, "kind_agreement": round(observed, 3),
            "kappa": round((observed - expected) / (1 - expected), 3),
            "source_agreement_where_kinds_agree": f"{sum(overlap(one[i]['source'], two[i]['source']) for i in same)}/{len(same)}",
            "drop_disagreements": sum(one[i]["drop"] != two[i]["drop"] for i in one),
            "confusions": {f"{a} / {b}": c for (a, b), c in Counter(
                (one[i]["kind"], two[i]["kind"]) for i in kept if one[i]["kind"] != two[i]["kind"]).most_common()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.us_news_mentions", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("candidates", "hydrate", "agreement"))
    parser.add_argument("--data", type=Path, default=None, help="../shared/data (default: beside the repository)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--round", choices=("ab", *ROUNDS), default="ab",
                        help="ab: session 38's draw over every article; c, d: later draws from part a's articles only; "
                             "e to i: draws from PolNeAR's train articles")
    args = parser.parse_args(argv)
    if args.command == "candidates":
        rows = build_candidates(args.data) if args.round == "ab" else round_candidates(args.round, args.data)
        _dump(rows, args.out)
        return 0
    if args.command == "agreement":
        first, second = (_load(GOLD / f"{NAME}_{p}_pass.jsonl") for p in ("first", "second"))
        print(json.dumps(agreement([r for r in first if round_of(r["id"]) == args.round],
                                   [r for r in second if round_of(r["id"]) == args.round]), indent=1))
        return 0
    rows = [hydrate_row(r, args.data) for r in _load(GOLD / f"{NAME}.standoff.jsonl")]
    errors = [e for e in check(rows) if "split" not in e]
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    _dump(rows, GOLD / f"{NAME}.jsonl")
    print("wrote", GOLD / f"{NAME}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())

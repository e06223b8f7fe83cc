"""Candidate source mentions for the hand-labelled source-kind corpus (issue 12 item 1).

Stdlib only and deterministic. ``candidates`` proposes attribution candidates with their context
passage from PolNeAR train (its Source/Cue spans), the SCU articles, BBC News, Reuters-21578 and
the five seeds (reporting-cue regexes, agentless phrases, cue-less claim sentences, dateline and
pronoun traps). It only proposes: every kind in ``training/gold`` was decided by a person reading
the row. Research texts are never committed (shared/data/README.md): the committed
``source_mentions.standoff.jsonl`` holds offsets only, and ``hydrate`` rebuilds the full rows
(``"text"`` and span texts) from ``../shared/data`` into git-ignored files.

    python -m training.source_mentions candidates --data ../shared/data --out CANDS.jsonl
    python -m training.source_mentions hydrate   [--data ../shared/data]
    python -m training.source_mentions check     FILE.jsonl
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import html
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
SEED = 12
KINDS = ("named_person", "named_organization", "document", "media",
         "anonymous_specific", "anonymous_vague", "unattributed")
ERROR_CLASSES = ("vantage_point", "outlet", "document", "agentless", "surname_or_title", "wrong_source")


# ---------------------------------------------------------------- article texts

def _read(path: Path) -> str:
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def _reuters_articles(data: Path) -> dict[str, str]:
    """``reut2-NNN.sgm:NEWID`` -> unescaped DATELINE (stripped) + " " + BODY; the article text offsets refer to."""
    out = {}
    for fn in sorted(glob.glob(str(data / "reuters21578" / "reut2-*.sgm"))):
        raw = open(fn, encoding="latin-1", newline="").read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)".*?</REUTERS>', raw, re.S):
            doc = m.group(0)
            body = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not body:
                continue
            dl = re.search(r"<DATELINE>(.*?)</DATELINE>", doc, re.S)
            dateline = html.unescape(dl.group(1)).strip() if dl else ""
            text = html.unescape(body.group(1))
            out[f"{os.path.basename(fn)}:{m.group(1)}"] = (dateline + " " + text) if dateline else text
    return out


_CACHE: dict[str, dict[str, str]] = {}


def article_text(data: Path, dataset: str, article: str) -> str:
    """The exact article text that ``context_start`` and the passage offsets index."""
    if dataset == "reuters":
        if "reuters" not in _CACHE:
            _CACHE["reuters"] = _reuters_articles(data)
        return _CACHE["reuters"][article]
    folder = {"polnear": "polnear/train/text", "scu": "scu_sourcing/articles", "bbc": "bbc_news"}.get(dataset)
    path = (data.parent / "seeds" / article) if dataset == "seed" else (data / folder / article)
    return _read(path)


# ---------------------------------------------------------------- sentences

_ABBR = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|"
                   r"No|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m|Ft|Mt)\.|\b[A-Z]\.)$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences: paragraphs split on blank lines, then on . ! ? before a capital/quote."""
    out = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        p0, ptxt = para.start(), para.group(0)
        start = 0
        for m in re.finditer(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])", ptxt):
            if _ABBR.search(ptxt[start:m.start() + 1]):
                continue
            end = m.start() + len(m.group(0).rstrip())
            out.append((p0 + start, p0 + end))
            start = m.end()
        if ptxt[start:].strip():
            out.append((p0 + start, p0 + len(ptxt.rstrip())))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def _sent_index(sents, pos):
    for i, (a, b) in enumerate(sents):
        if a <= pos < b or (i + 1 < len(sents) and b <= pos < sents[i + 1][0]):
            return i
    return len(sents) - 1


PRONOUN = re.compile(r"^(he|she|they|it|we|i|you|his|her|their|who|which|that)$", re.I)


def passage(text, sents, lo, hi, want_prev):
    """Sentence(s) covering [lo, hi), with the previous sentence when the source needs resolving."""
    i, j = _sent_index(sents, lo), _sent_index(sents, max(lo, hi - 1))
    if want_prev and i > 0:
        i -= 1
    a, b = sents[i][0], sents[j][1]
    if b - a > 900:  # a run-on paragraph: keep 900 chars around the span
        a = max(sents[i][0], lo - 300)
        b = min(sents[j][1], max(hi, a + 900))
    return a, b


# ---------------------------------------------------------------- proposals from unlabelled text

CUE = re.compile(
    r"\b(according to|said|says|say|told|tells|added|adds|stated|announced|reported|reports|estimated|estimates|"
    r"found|finds|shows|showed|show|suggests|suggested|warned|claimed|claims|confirmed|revealed|believes|believe|"
    r"predicted|forecast|noted|insisted|wrote|writes|tweeted|alleged|alleges|indicated|indicates)\b")
AGENTLESS = re.compile(
    r"\b(reportedly|allegedly|(?:is|are|was|were) said to|(?:is|are|was|were) (?:believed|thought|understood|reported|"
    r"rumou?red|expected|alleged) to|it (?:is|was) (?:understood|believed|thought|announced|reported|claimed|"
    r"alleged|expected|rumou?red)|it emerged|rumou?rs (?:that|of)|there (?:are|were) reports)\b", re.I)
ANY_CUE = re.compile(CUE.pattern + "|" + AGENTLESS.pattern + r"|[\"“”]|\b(sources?|officials?|spokes\w+)\b", re.I)
DOC = re.compile(r"\b(poll|polls|polling|survey|report|study|figures|data|statistics|document|documents|records|"
                 r"filing|memo|census|index|research|letter|review|forecast|audit|analysis|video|complaint|"
                 r"lawsuit|indictment|ruling|court|budget|bulletin)\b", re.I)
MEDIA = re.compile(r"\b(newspaper|paper|magazine|news agency|agency|journal|times|post|herald|tribune|gazette|"
                   r"telegraph|guardian|mirror|sun|express|tv|television|radio|bbc|cnn|fox|msnbc|abc|nbc|cbs|npr|"
                   r"network|website|blog|press|politico|axios|reuters|ap|associated press|kyodo|tass|xinhua|"
                   r"daily|weekly|broadcaster|station|outlet|reports)\b", re.I)
ANON = re.compile(r"\b(officials?|sources?|aides?|analysts?|traders?|dealers?|bankers?|experts?|critics?|observers?|"
                  r"people|person|spokes(?:man|woman|person)|residents?|witness(?:es)?|executives?|diplomats?|"
                  r"insiders?|industry|economists?|some|many|others|members|staff|employees|officers?|police)\b", re.I)


def _np_before(text, a, cue_start):
    """Proposed source: words before the cue back to a clause boundary (at most 8 words)."""
    seg = text[a:cue_start]
    m = re.search(r"([A-Za-z0-9’'\-\.&]+(?:\s+[A-Za-z0-9’'\-\.&]+){0,7})\s*$", seg.split(",")[-1].split("”")[-1].split('"')[-1])
    if not m:
        return None
    s = m.group(1)
    s = re.sub(r"^(?:that|and|but|as|which|who|also|however|then|has|have|had)\s+", "", s)
    s = re.sub(r"\s+(?:has|have|had|also|would|will|was|is|had|previously|earlier|recently|further|repeatedly)$", "", s)
    if not s.strip():
        return None
    e = cue_start - (len(seg) - len(seg.rstrip()))
    st = text.rfind(s, a, cue_start)
    return (st, st + len(s)) if st >= 0 else None


def _np_after(text, pos, b):
    m = re.match(r"\s*((?:the\s+)?[^,.;:\n”\"]{2,80}?)(?=[,.;:\n”\"]|\s+(?:that|on|in|which)\b|$)", text[pos:b])
    if not m:
        return None
    st = pos + m.start(1)
    return st, st + len(m.group(1).rstrip())


def propose(text, sents):
    """Yield (bucket, source or None, cue, lo, hi) candidates from one unlabelled article."""
    for a, b in sents:
        s = text[a:b]
        if len(s.split()) < 5:
            continue
        hits = 0
        for m in AGENTLESS.finditer(s):
            hits += 1
            yield "agentless", None, (a + m.start(), a + m.end()), a + m.start(), a + m.end()
        for m in CUE.finditer(s):
            hits += 1
            cs, ce = a + m.start(), a + m.end()
            if m.group(1) == "according to":
                src = _np_after(text, ce, b)
            else:
                before = text[a:cs].rstrip()
                src = _np_after(text, ce, b) if (before.endswith((",", "”", '"')) or not before) else _np_before(text, a, cs)
                if src and src[1] - src[0] > 90:
                    src = None
            st = text[src[0]:src[1]] if src else ""
            if src and PRONOUN.match(st.strip()):
                bucket = "pronoun"
            elif DOC.search(st):
                bucket = "document"
            elif MEDIA.search(st) and not re.match(r"^(he|she|they)\b", st, re.I):
                bucket = "media"
            elif ANON.search(st):
                bucket = "anonymous"
            else:
                bucket = "other"
            lo = min(cs, src[0]) if src else cs
            hi = max(ce, src[1]) if src else ce
            yield bucket, src, (cs, ce), lo, hi
        if not hits and not ANY_CUE.search(s) and 10 <= len(s.split()) <= 45 and not s.rstrip().endswith("?") \
                and re.search(r"\d|\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b", s[1:]) and not re.search(r"\b(I|we|you|my|our)\b", s):
            yield "unattributed", None, None, a, b
        pm = re.search(r"(?:^|[.;]\s)(He|She|They|It)\s+(bought|sold|won|lost|built|raised|cut|rose|fell|owns|holds|"
                       r"runs|led|plans|wants|spent|paid|earned|acquired|signed|voted|moved|took)\b", s)
        if pm and not hits:
            st = a + pm.start(1)
            yield "pronoun_trap", (st, st + len(pm.group(1))), (a + pm.start(2), a + pm.end(2)), a, b
        am = re.search(r",\s+(?:of|from)\s+([A-Z][a-z]+(?:,?\s+[A-Z][a-z]+)?),\s+(said|says|told)\b", s)
        if am:
            yield "place_trap", (a + am.start(1), a + am.end(1)), (a + am.start(2), a + am.end(2)), a, b


def dateline_trap(text, sents):
    """The lead sentence, with the dateline credit proposed as its source."""
    if not sents:
        return None
    for a, b in sents[:3]:
        m = re.match(r"([A-Z][A-Z .,'’\-]+(?:,\s+[A-Z][a-z]+\.?\s+\d+)?\s*(?:\((?:Reuters|AP|AFP|CNN)\))?\s*[-—–]+)", text[a:b])
        if m and (len(m.group(1)) > 4):
            return (a, a + len(m.group(1).rstrip(" -—–"))), a, b
    return None


# ---------------------------------------------------------------- PolNeAR

def polnear_attributions(data: Path):
    root = data / "polnear" / "train"
    seen = set()
    for ann in sorted(glob.glob(str(root / "attributions" / "*.ann"))):
        stem = os.path.basename(ann).rsplit("_", 1)[0]
        if stem in seen:  # two annotators: use the first file
            continue
        seen.add(stem)
        tspans, rows = {}, []
        for line in open(ann, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                label, *offs = parts[1].replace(";", " ").split()
                nums = [int(x) for x in offs]
                tspans[parts[0]] = (label, min(nums), max(nums))
            elif parts[0].startswith("E"):
                rows.append(dict(x.split(":") for x in parts[1].split()))
        yield stem + ".txt", [(tspans.get(r.get("Source")), tspans.get(r.get("Cue")), tspans.get(r.get("Content")))
                              for r in rows if r.get("Cue") in tspans]


# ---------------------------------------------------------------- build

QUOTAS = {
    "polnear": {"pronoun": 60, "implicit": 75, "document": 130, "media": 140, "anonymous": 170, "surname": 60,
                "other": 180, "unattributed": 120, "dateline": 30},
    "reuters": {"document": 110, "media": 70, "anonymous": 125, "agentless": 15, "pronoun": 15, "other": 55,
                "unattributed": 60, "dateline": 30, "pronoun_trap": 15, "place_trap": 5},
    "bbc": {"document": 80, "media": 70, "anonymous": 80, "agentless": 40, "pronoun": 15, "other": 70,
            "unattributed": 65, "pronoun_trap": 10, "place_trap": 10},
    "scu": {"document": 35, "media": 25, "anonymous": 40, "agentless": 10, "pronoun": 5, "other": 35,
            "unattributed": 30, "place_trap": 3},
    "seed": {"document": 20, "media": 20, "anonymous": 30, "agentless": 20, "pronoun": 6, "other": 25,
             "unattributed": 25},
}
PER_ARTICLE = {"scu": 8, "seed": 25}  # most candidates of one bucket from one article (else 2)


def _polnear_bucket(src_text):
    if src_text is None:
        return "implicit"
    t = src_text.strip()
    if PRONOUN.match(t):
        return "pronoun"
    if DOC.search(t):
        return "document"
    if MEDIA.search(t) and not ANON.search(t):
        return "media"
    if ANON.search(t):
        return "anonymous"
    if re.fullmatch(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Col)\.?\s+)?[A-Z][a-z’'\-]+", t):
        return "surname"
    return "other"


def build_candidates(data: Path):
    pools: dict[tuple[str, str], list[dict]] = {}

    def add(ds, art, bucket, text, sents, src, cue, lo, hi):
        want_prev = bool(src) and (PRONOUN.match(text[src[0]:src[1]].strip() or "x") is not None
                                   or len(text[src[0]:src[1]].split()) <= 2)
        a, b = passage(text, sents, lo, hi, want_prev)
        if src and not (a <= src[0] and src[1] <= b):
            src = None
        if cue and not (a <= cue[0] and cue[1] <= b):
            return
        pools.setdefault((ds, bucket), []).append({
            "dataset": ds, "article": art, "bucket": bucket, "context_start": a, "context_end": b,
            "source": src, "cue": cue})

    for art, atts in polnear_attributions(data):
        text = article_text(data, "polnear", art)
        sents = sentences(text)
        covered = set()
        for src, cue, content in atts:
            lo = min(x[1] for x in (src, cue) if x)
            hi = max(x[2] for x in (src, cue) if x)
            for x in (src, cue, content):
                if x:
                    covered.update(range(_sent_index(sents, x[1]), _sent_index(sents, max(x[1], x[2] - 1)) + 1))
            add("polnear", art, _polnear_bucket(text[src[1]:src[2]] if src else None), text, sents,
                src[1:] if src else None, cue[1:], lo, hi)
        for i, (a, b) in enumerate(sents):
            s = text[a:b]
            if i not in covered and i > 1 and 10 <= len(s.split()) <= 45 and not s.endswith("?") \
                    and re.search(r"\d|\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b", s[1:]):
                add("polnear", art, "unattributed", text, sents, None, None, a, b)
        d = dateline_trap(text, sents)
        if d and "(" in text[d[0][0]:d[0][1]]:
            add("polnear", art, "dateline", text, sents, d[0], None, d[1], d[2])

    others = [("scu", sorted(os.listdir(data / "scu_sourcing" / "articles"))),
              ("bbc", sorted(os.path.relpath(p, data / "bbc_news") for p in glob.glob(str(data / "bbc_news" / "*" / "*.txt")))),
              ("seed", sorted(p for p in os.listdir(data.parent / "seeds") if p.endswith(".txt"))),
              ("reuters", sorted(_reuters_articles(data), key=lambda k: (k.split(":")[0], int(k.split(":")[1]))))]
    for ds, arts in others:
        for art in arts:
            text = article_text(data, ds, art)
            sents = sentences(text)
            if ds == "bbc":
                sents = sents[1:]  # headline
            for bucket, src, cue, lo, hi in propose(text, sents):
                add(ds, art, bucket, text, sents, src, cue, lo, hi)
            if ds == "reuters":
                d = dateline_trap(text, sents)
                if d:
                    add(ds, art, "dateline", text, sents, d[0], None, d[1], d[2])

    rng = random.Random(SEED)
    chosen = []
    for ds, quotas in QUOTAS.items():
        for bucket, n in quotas.items():
            pool = pools.get((ds, bucket), [])
            rng.shuffle(pool)
            per_art: dict[str, int] = {}
            taken = []
            for c in pool:
                key = (c["article"], c["context_start"])
                if per_art.get(c["article"], 0) >= PER_ARTICLE.get(ds, 2) or any(
                        (t["article"], t["context_start"]) == key for t in chosen + taken):
                    continue
                per_art[c["article"]] = per_art.get(c["article"], 0) + 1
                taken.append(c)
                if len(taken) >= n:
                    break
            chosen.extend(taken)
    order = {"polnear": 0, "reuters": 1, "bbc": 2, "scu": 3, "seed": 4}
    chosen.sort(key=lambda c: (order[c["dataset"]], c["article"], c["context_start"], c["cue"] or (0, 0)))
    rows = []
    for i, c in enumerate(chosen, 1):
        text = article_text(data, c["dataset"], c["article"])
        a, b = c["context_start"], c["context_end"]
        span = lambda s: None if s is None else {"start": s[0] - a, "end": s[1] - a, "text": text[s[0]:s[1]]}
        rows.append({"id": f"sm{i:04d}", "dataset": c["dataset"], "article": c["article"], "text": text[a:b],
                     "context_start": a, "source": span(c["source"]), "cue": span(c["cue"]),
                     "bucket": c["bucket"]})
    return rows


# ---------------------------------------------------------------- split, stand-off, hydrate, check

def split_of(dataset: str, article: str) -> str:
    """A fixed quarter of articles is dev (sha1 of dataset/article); SCU texts are evaluation-only, so always dev."""
    if dataset == "scu":
        return "dev"
    h = int(hashlib.sha1(f"{dataset}/{article}".encode()).hexdigest(), 16)
    return "dev" if h % 4 == 0 else "train"


def second_pass_ids(ids: list[str], fraction: float = 0.2, seed: int = SEED) -> list[str]:
    ids = sorted(ids)
    return sorted(random.Random(seed).sample(ids, round(len(ids) * fraction)))


def to_standoff(row: dict) -> dict:
    """Drop every copied text; keep offsets and a checksum of the passage."""
    out = {k: v for k, v in row.items() if k not in ("text", "bucket")}
    out["context_end"] = row["context_start"] + len(row["text"])
    out["text_sha1"] = hashlib.sha1(row["text"].encode()).hexdigest()[:12]
    for k in ("source", "cue", "anonymity_reason"):
        if isinstance(out.get(k), dict):
            out[k] = {"start": out[k]["start"], "end": out[k]["end"]}
    return out


def hydrate_row(row: dict, data: Path) -> dict:
    text = article_text(data, row["dataset"], row["article"])[row["context_start"]:row["context_end"]]
    if hashlib.sha1(text.encode()).hexdigest()[:12] != row["text_sha1"]:
        raise ValueError(f"{row['id']}: passage checksum differs; is {data} the same data?")
    out = {"id": row["id"], "dataset": row["dataset"], "article": row["article"], "text": text,
           "context_start": row["context_start"]}
    for k in ("source", "cue"):
        s = row.get(k)
        out[k] = None if s is None else {"start": s["start"], "end": s["end"], "text": text[s["start"]:s["end"]]}
    for k in ("kind", "anonymity_reason", "error_class", "split", "note"):
        if k in row:
            v = row[k]
            out[k] = text[v["start"]:v["end"]] if (k == "anonymity_reason" and v is not None) else v
    return out


def check(rows) -> list[str]:
    errs = []
    for r in rows:
        for k in ("source", "cue"):
            s = r.get(k)
            if s is not None and r["text"][s["start"]:s["end"]] != s["text"]:
                errs.append(f"{r['id']}: {k} offsets do not slice text")
        if "kind" in r and r["kind"] not in KINDS:
            errs.append(f"{r['id']}: bad kind {r['kind']}")
        if r.get("error_class") not in (None,) + ERROR_CLASSES:
            errs.append(f"{r['id']}: bad error_class")
        if r.get("anonymity_reason") is not None and r["anonymity_reason"] not in r["text"]:
            errs.append(f"{r['id']}: anonymity_reason not in text")
        if "split" in r and r["split"] != split_of(r["dataset"], r["article"]):
            errs.append(f"{r['id']}: split is not the article's")
    return errs


def _load(path):
    return [json.loads(x) for x in open(path, encoding="utf-8") if x.strip()]


def _dump(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("candidates", "hydrate", "check"))
    ap.add_argument("file", nargs="?")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)
    if a.command == "candidates":
        _dump(build_candidates(a.data), a.out)
    elif a.command == "hydrate":
        for name in ("source_mentions", "source_mentions_unlabelled"):
            src = GOLD / f"{name}.standoff.jsonl"
            if src.exists():
                _dump([hydrate_row(r, a.data) for r in _load(src)], GOLD / f"{name}.jsonl")
                print("wrote", GOLD / f"{name}.jsonl")
    else:
        errs = check(_load(a.file))
        print("\n".join(errs) or "ok")
        return 1 if errs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

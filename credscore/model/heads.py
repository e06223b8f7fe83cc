"""Pipeline components: the classifier's heads over each sentence, and their readings fused with the rules'.

The sentence heads run one encoder pass per sentence, batched across documents and sorted by
length so padding stays small; a span model adds its window pass over each article. A model whose
config says ``"sentence_pass": "window"`` instead reads each sentence's heads out of that window
pass (states pooled over the sentence's wordpieces, :func:`pooled_sentence`): one pass for every
head, not shipped (read inside their documents, its hedge and weasel readings fall below the
sentence pass's: training/EXPERIMENTS.md). Results are written back in order.
The model runs as two components: :class:`ModelHeads` after the attribution tagger (the span model
decides attributions, the tagging head adds and vetoes them as the model's ``attribution`` policy
says, and each sentence keeps its head logits) so that the entity resolver reads the model's
attributions once; :class:`ModelReadings` after the claim tagger, where the logits and the rules'
readings are fused and calibrated. Both passes read an article up to a budget of wordpieces
(:data:`MAX_MODEL_WORDPIECES`); the sentences after it keep the features' readings, with a warning.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from credscore.document import (
    Attribution, Document, LinkedAttribution, Offsets, RelayLink, SourceKind, TextSpan, overlapping,
)
from credscore.errors import ModelLoadError
from credscore.features.attribution import AttributionTagger
from credscore.features.claims import is_claim
from credscore.features.cues import (DOCUMENT_VERBS, FIRST_PERSON, NON_SOURCE_SUBJECTS, authorship, backdrop,
                                     confirming_an_appointment, non_answer, reduced_passive, reported_yet,
                                     reports_by_clause, reports_nothing, taking)
from credscore.features.quotes import Quote, find_quotes, inside_quote
from credscore.model.base import load_fast_tokenizer
from credscore.model.checkpoint import CONFIG_FILE, RUNTIMES, WEIGHTS_FILE, ModelConfig, load_model, read_config
from credscore.model.spans import SIGNATURE_DASHES, LinkHead, SpanAttribution, SpanDecoder, merge_windows, windows, words_of
from credscore.model.tags import CUE_TAGS, SENTENCE_TASKS
from credscore.paragraphs import crosses_paragraph, split_at_paragraphs
from credscore.segment import line_spans

logger = logging.getLogger("credscore")

#: sentence task → the Sentence attribute its fused probability replaces
READINGS = {"checkworthy": "checkworthiness", "hedge": "hedge_score", "weasel": "weasel_score"}
#: a coordinating conjunction, after an optional comma: where a second clause or phrase starts
COORDINATED = re.compile(r",?\s+(?:and|or|but)\b", re.IGNORECASE)
#: Wordpieces of an article the model reads, in text order: its sentence pass and its window pass
#: stop at the last sentence within them, and the sentences after keep the features' readings,
#: with a warning. The encoder's cost grows with wordpieces, so this bounds the model's time on
#: any input; sized so that a news article of up to 60,000 characters is read whole
#: (BENCHMARKS.md, "Hostile inputs").
MAX_MODEL_WORDPIECES = 16_000
#: cue words whose constructions the rules find without a verb ("in the latest poll" among them, and the dash of
#: "Mark Salter, former adviser — “…”"): the model never vetoes them
RULE_ONLY_CUES = frozenset({"according", "citing", "quoting", "as", "per", "in", "by", "h/t", "hat", "hat-tip", "via", "--", "—", "–"})


#: a headline kicker in capitals before a colon ("BREAKING: ", "BOMBSHELL: "), which is no part of a source
_KICKER = re.compile(r"[A-Z][A-Z'’ -]*[A-Z]:\s+")


@dataclass(frozen=True)
class _Pieces:
    """One text's wordpieces: ids, character offsets and word ids."""

    ids: list[int]
    offsets: list[tuple[int, int]]
    word_ids: list[int | None]


@dataclass(frozen=True)
class SentencePrediction:
    """Raw head outputs for one text: sentence logits and tag spans (char offsets into the text)."""

    logits: dict[str, float]
    attribution: dict[str, list[tuple[int, int]]]
    hedge_cues: list[tuple[int, int]]
    #: per wordpiece: (start, end, P(B-CUE) + P(I-CUE)), the tagging head's belief that it is a cue
    cue_probability: tuple[tuple[int, int, float], ...] = ()


@dataclass(frozen=True)
class WindowReading:
    """One text's window pass: its decoded attributions and, per wordpiece (specials left out), the
    encoder states and tag logits from the window in which that piece sits farthest from an edge."""

    attributions: list[SpanAttribution]
    offsets: np.ndarray  # [pieces, 2] character offsets into the text
    states: np.ndarray  # [pieces, hidden]
    attribution_logits: np.ndarray  # [pieces, attribution tags]
    hedge_logits: np.ndarray  # [pieces, hedge tags]

    def pieces(self, start: int, end: int) -> np.ndarray:
        """Indices of the wordpieces inside characters ``[start, end)``."""
        return np.flatnonzero((self.offsets[:, 0] >= start) & (self.offsets[:, 1] <= end))


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelLoadError(f"device {device!r} asked for, but torch sees no CUDA GPU; use --device cpu")
    return device


def resolve_runtime(runtime: str, device: str) -> tuple[str, str]:
    """The ``(runtime, device)`` that ``runtime="auto"`` means here; other runtimes pass through.

    torch on a GPU (bf16), and on the CPU where bf16 was asked for (:func:`cpu_bf16_asked`); otherwise
    on the CPU, ONNX Runtime fp32 when the ``onnx`` extra is installed: torch's fp32 answers (logits within
    1e-5), faster, and no torch import once the file is cached. Decided without importing torch.
    """
    if runtime != "auto":
        return runtime, device
    if device.startswith("cuda") or (device == "auto" and _nvidia_gpu_present()):
        return "torch", device
    from credscore.model.onnx_runtime import onnx_available

    if device not in ("auto", "cpu") or cpu_bf16_asked() or not onnx_available():
        return "torch", device
    return "onnx", "cpu"


def build_runtime_files(model: str | Path, device: str, runtime: str) -> None:
    """Export the ONNX files ``runtime`` will load for ``model`` (the model's, and its span model's) now.

    For a pool of scorers that load the same model: built once before they start, rather than once
    by each of them at the same time. Does nothing for torch. With ``runtime="auto"`` a model that
    cannot be exported is left to each scorer, which falls back to torch and says so.
    """
    from credscore.model.checkpoint import model_directories
    from credscore.model.locate import resolve_model_dir

    resolved, _ = resolve_runtime(runtime, device)
    if resolved not in ("onnx", "onnx-int8"):
        return
    from credscore.model.onnx_runtime import ensure_onnx

    try:
        for directory in model_directories(resolve_model_dir(model)):
            ensure_onnx(directory, int8=resolved == "onnx-int8")
    except ModelLoadError:
        if runtime != "auto":
            raise


def _nvidia_gpu_present() -> bool:
    """Might torch see a CUDA GPU? Linux lists NVIDIA GPUs under /proc; elsewhere let torch decide."""
    if not sys.platform.startswith("linux"):
        return True
    gpus = Path("/proc/driver/nvidia/gpus")
    return gpus.is_dir() and any(gpus.iterdir())


#: wordpieces per encoder batch on a CPU: larger batches run no faster there, and each doubling adds
#: hundreds of MB of activations (BENCHMARKS.md, "Hostile inputs")
CPU_BATCH_TOKENS = 2048
#: on a GPU, where larger batches do pay
GPU_BATCH_TOKENS = 8192


class ModelHeads:
    """Runs the fine-tuned heads: fused readings, and attributions the tagging head adds or vetoes."""

    name = "model"
    requires: tuple[str, ...] = ("attribution",)
    assigns: tuple[str, ...] = ("sentence.attribution", "sentence.span_content", "sentence.model_logits",
                                "document.other_attributions", "document.model_decisions")

    def __init__(
        self, directory: str | Path, *, device: str = "cpu", batch_tokens: int | None = None, runtime: str = "auto"
    ) -> None:
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}; known: {', '.join(RUNTIMES)}")
        self.directory = Path(directory)
        #: wordpieces per encoder batch (padding included); None: CPU_BATCH_TOKENS, or GPU_BATCH_TOKENS on a GPU
        self.batch_tokens = batch_tokens or CPU_BATCH_TOKENS
        self._span_heads: ModelHeads | None = None
        self._tagger = AttributionTagger()  # builds the attributions of cues the model adds
        self._wordpieces = load_fast_tokenizer()  # every runtime encodes alike, without transformers
        self.runtime, device = resolve_runtime(runtime, device)
        if self.runtime != "torch":
            from credscore.model.onnx_runtime import load_onnx

            if device not in ("auto", "cpu"):
                raise ValueError(f"the {self.runtime} runtime runs on the CPU, not on {device!r}")
            self.device = "cpu"
            self.config = read_config(self.directory)
            self._autocast = None
            try:
                self.net: Any = load_onnx(self.directory, int8=self.runtime == "onnx-int8")  # torch only to build the file
            except ModelLoadError as exc:
                if runtime != "auto":
                    raise
                logger.warning("credscore: %s; running the model with torch instead", exc)
                self.runtime = "torch"
            else:
                self._load_span_model(runtime, "cpu", batch_tokens)
                return
        self.device = resolve_device(device)
        if batch_tokens is None and self.device.startswith("cuda"):
            self.batch_tokens = GPU_BATCH_TOKENS
        self.net, _, self.config = load_model(self.directory, device=self.device)
        # bf16 on a GPU always; on the CPU only when asked (cpu_bf16_asked: its answers depend on the batch)
        self._autocast = "cuda" if self.device.startswith("cuda") else ("cpu" if cpu_bf16_asked() else None)
        self._load_span_model(runtime, self.device, batch_tokens)

    def _load_span_model(self, runtime: str, device: str, batch_tokens: int | None) -> None:
        """The model named by the config's ``span_model``, loaded beside this one on the same runtime."""
        if not self.config.span_model:
            return
        directory = self.directory / self.config.span_model
        if not (directory / CONFIG_FILE).is_file():
            raise ModelLoadError(f"{self.directory} names span model {self.config.span_model!r}, but {directory} is not a credscore model")
        own = read_config(directory)
        if not own.link_tags or own.span_model:
            raise ModelLoadError(f"{directory} has no linker head of its own: it cannot serve as {self.directory}'s span model")
        self._span_heads = ModelHeads(directory, device=device, batch_tokens=batch_tokens, runtime=runtime)

    @property
    def model_config(self) -> ModelConfig:
        return self.config

    @property
    def _cue_tags(self) -> list[int]:
        return [i for i, tag in enumerate(self.config.attribution_tags) if tag.endswith("-CUE")]

    def predict(self, texts: Sequence[str], *, max_length: int | None = None) -> list[SentencePrediction]:
        """Head outputs for bare texts, in input order (length-sorted batches under a token budget).

        Texts longer than ``max_length`` wordpieces (default: the trained sentence length) are cut,
        except by a ``"window"`` model, which reads each text whole from its window pass.
        """
        if self.config.sentence_pass == "window":
            return [self.sentence_prediction(r, 0, len(t)) for r, t in zip(self.window_pass(texts), texts)]
        self._wordpieces.enable_truncation(max_length or self.config.max_length)
        encodings = self._wordpieces.encode_batch(list(texts))
        enc = {"input_ids": [e.ids for e in encodings], "offset_mapping": [e.offsets for e in encodings]}
        results: list[SentencePrediction | None] = [None] * len(texts)
        for batch in length_batches([len(ids) for ids in enc["input_ids"]], self.batch_tokens):
            width = max(len(enc["input_ids"][i]) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(enc["input_ids"][i])
                ids[row, :n] = enc["input_ids"][i]
                mask[row, :n] = 1
            out = self._forward(ids, mask)
            sentence = out["sentence"]
            attribution = out["attribution"].argmax(-1)
            cue_probability = _softmax(out["attribution"])[..., self._cue_tags].sum(-1)
            hedges = out["hedge_cues"].argmax(-1)
            for row, i in enumerate(batch):
                offsets = enc["offset_mapping"][i]
                results[i] = SentencePrediction(
                    logits={task: float(sentence[row, k]) for k, task in enumerate(SENTENCE_TASKS)},
                    attribution=_spans_by_label(attribution[row], offsets, self.config.attribution_tags),
                    hedge_cues=_spans_by_label(hedges[row], offsets, self.config.hedge_tags).get("CUE", []),
                    cue_probability=tuple((a, b, round(float(p), 4)) for (a, b), p in zip(offsets, cue_probability[row]) if b > a),
                )
        return results  # type: ignore[return-value]

    def predict_together(self, passages: Sequence[Sequence[str]]) -> list[list[SentencePrediction]]:
        """Head outputs for each passage's sentences read together, in order, one sentence a line
        (as ``Scorer.score_sentences(..., together=True)`` reads them); offsets into each sentence.
        A ``"sentence"``-pass model reads each sentence alone either way."""
        if self.config.sentence_pass != "window":
            flat = self.predict([t for p in passages for t in p])
            starts = np.cumsum([0, *map(len, passages)])
            return [flat[a:b] for a, b in zip(starts[:-1], starts[1:])]
        return [[self.sentence_prediction(reading, start, end) for start, end in line_spans(passage)]
                for passage, reading in zip(passages, self.window_pass(["\n".join(p) for p in passages]))]

    @property
    def has_span_model(self) -> bool:
        """Can this model decode linked attributions (its own linker head, or its ``span_model``'s)?"""
        return bool(self.config.link_tags) or self._span_heads is not None

    def _span_decoder(self) -> SpanDecoder:
        if getattr(self, "_decoder", None) is None:
            from safetensors.numpy import load_file

            state = load_file(str(self.directory / WEIGHTS_FILE))
            self._decoder = SpanDecoder.from_policy(self.config.attribution_tags, LinkHead.from_state(state),
                                                    self.config.attribution, cue_words=self._tagger.cue_words)
        return self._decoder

    def attributions(self, texts: Sequence[str], *, window: int = 256) -> list[list[SpanAttribution]]:
        """Linked attributions (cue, source, content) per text, from overlapping windows of at most
        ``window`` wordpieces; offsets into each text. Needs a model with the linker head, or one
        that names a ``span_model``, which then decodes them with its own policy."""
        if self._span_heads is not None:
            return self._span_heads.attributions(texts, window=window)
        return [reading.attributions for reading in self.window_pass(texts, window=window)]

    def window_pass(self, texts: Sequence[str], *, window: int = 256) -> list[WindowReading]:
        """One encoder pass over overlapping windows of each text: its linked attributions, and
        every wordpiece's states and tag logits for the sentence heads (see :class:`WindowReading`)."""
        if not self.config.link_tags:
            raise ModelLoadError(f"{self.directory} has no linker head: it cannot decode attribution spans")
        decoder = self._span_decoder()
        self._wordpieces.no_truncation()
        # each text's ids, offsets and word ids, read out once (the tokenizer builds a new list on every access)
        encodings = [_Pieces(e.ids, e.offsets, e.word_ids) for e in self._wordpieces.encode_batch(list(texts))]
        jobs: list[tuple[int, int, int, _Pieces]] = []  # (text, first piece, end piece, its pieces)
        for t, enc in enumerate(encodings):
            real = [k for k, (a, b) in enumerate(enc.offsets) if b > a]
            offsets = [enc.offsets[k] for k in real]
            for a, b in windows(texts[t], offsets, window - 2):
                jobs.append((t, real[a] if real else 0, real[b - 1] + 1 if real else 0, enc))
        found: list[list[tuple[int, int, list[SpanAttribution]]]] = [[] for _ in texts]
        margins = [np.full(len(enc.ids), -1) for enc in encodings]  # per piece: its best window's distance to an edge
        pieces: list[dict[str, np.ndarray]] = [{} for _ in texts]
        cls_id, sep_id = self._wordpieces.token_to_id("[CLS]"), self._wordpieces.token_to_id("[SEP]")
        for batch in length_batches([b - a + 2 for _, a, b, _ in jobs], self.batch_tokens):
            width = max(jobs[j][2] - jobs[j][1] for j in batch) + 2
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, j in enumerate(batch):
                _, a, b, enc = jobs[j]
                ids[row, : b - a + 2] = [cls_id, *enc.ids[a:b], sep_id]
                mask[row, : b - a + 2] = 1
            out = self._forward(ids, mask)
            for row, j in enumerate(batch):
                t, a, b, enc = jobs[j]
                offsets = [(0, 0), *enc.offsets[a:b], (0, 0)]
                word_ids = [None, *enc.word_ids[a:b], None]
                words = words_of(word_ids, offsets)
                n = b - a + 2
                decoded = decoder.decode(texts[t], words, out["attribution"][row, :n], out["states"][row, :n])
                found[t].append((enc.offsets[a][0], enc.offsets[b - 1][1], decoded))
                k = np.arange(a, b)
                margin = np.minimum(k - a, b - 1 - k)
                better = margin > margins[t][k]
                margins[t][k[better]] = margin[better]
                for name in ("states", "attribution", "hedge_cues"):
                    values = out[name][row, 1 : n - 1]
                    target = pieces[t].setdefault(name, np.zeros((len(enc.ids), values.shape[-1]), dtype=np.float32))
                    target[k[better]] = values[better]
        readings = []
        for t, enc in enumerate(encodings):  # every text has a window (an empty one: [CLS] [SEP]), so every array is set
            offsets = np.array(enc.offsets, dtype=np.int64).reshape(-1, 2)
            keep = (offsets[:, 1] > offsets[:, 0]) & (margins[t] >= 0)
            arrays = pieces[t]
            readings.append(WindowReading(merge_windows(found[t]), offsets[keep], arrays["states"][keep],
                                          arrays["attribution"][keep], arrays["hedge_cues"][keep]))
        return readings

    def _sentence_head(self) -> tuple[np.ndarray, np.ndarray]:
        """The sentence head's (weight [tasks, hidden], bias [tasks]), read from the delta (those two tensors only)."""
        if getattr(self, "_sentence_weights", None) is None:
            from safetensors import safe_open

            with safe_open(str(self.directory / WEIGHTS_FILE), framework="numpy") as delta:
                self._sentence_weights = tuple(delta.get_tensor(f"sentence.{k}").astype(np.float32) for k in ("weight", "bias"))
        return self._sentence_weights  # type: ignore[return-value]

    def sentence_prediction(self, reading: WindowReading, start: int, end: int) -> SentencePrediction:
        """The heads' outputs for characters ``[start, end)`` of a window pass (offsets relative to ``start``)."""
        weight, bias = self._sentence_head()
        inside = reading.pieces(start, end)
        pooled = pooled_sentence(reading, inside, self.config.pooling) if len(inside) else np.zeros(weight.shape[1], dtype=np.float32)
        logits = weight @ pooled + bias
        offsets = [(int(a) - start, int(b) - start) for a, b in reading.offsets[inside]]
        tags = reading.attribution_logits[inside]
        cue_probability = _softmax(tags)[..., self._cue_tags].sum(-1) if len(inside) else np.zeros(0)
        return SentencePrediction(
            logits={task: float(logits[k]) for k, task in enumerate(SENTENCE_TASKS)},
            attribution=_spans_by_label(tags.argmax(-1), offsets, self.config.attribution_tags),
            hedge_cues=_spans_by_label(reading.hedge_logits[inside].argmax(-1), offsets, self.config.hedge_tags).get("CUE", []),
            cue_probability=tuple((a, b, round(float(p), 4)) for (a, b), p in zip(offsets, cue_probability)),
        )

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
        """Every head's logits (float32 numpy) for one padded batch."""
        if self.runtime != "torch":
            return self.net(ids, mask)
        import torch

        with torch.inference_mode(), torch.autocast(
            device_type=self._autocast or "cpu", dtype=torch.bfloat16, enabled=self._autocast is not None
        ):
            out = self.net(torch.from_numpy(ids).to(self.device), torch.from_numpy(mask).to(self.device))
        return {name: logits.float().cpu().numpy() for name, logits in out.items()}

    def _attribution_from_cues(
        self, doc: Document, s: Any, prediction: SentencePrediction, *, lexicon_only: bool = False
    ) -> Attribution | None:
        """An attribution the rules missed: the first tagged cue that, built on the parse as the
        rules build a reporting verb's, has a source and something reported, and whose cue
        probability reaches the policy's ``add_above`` (fitted on PolNeAR dev; 0: any tagged cue)."""
        if s.span is None:
            return None
        add_above = float(self.config.attribution.get("add_above", 0.0))
        for start, end in prediction.attribution.get("CUE", []):
            if add_above > 0 and (_cue_probability(prediction, start, end) or 0.0) < add_above:
                continue
            cue = s.span.doc.char_span(s.start - s.offset + start, s.start - s.offset + end, alignment_mode="expand")
            if cue is None:
                continue
            attribution = self._tagger.attribution_for_cue(doc, s, cue.root, lexicon_only=lexicon_only)
            if attribution is not None:
                return attribution
        return None

    def _reach(self, doc: Document) -> tuple[int, str]:
        """How many of the document's sentences, from the first, the model reads, and the text its
        window pass reads: up to the last of them, or all of it where all of it fits in
        :data:`MAX_MODEL_WORDPIECES`. Boilerplate between sentences counts: the window pass reads
        it. A warning names the text past the budget."""
        text, sentences, used, chunk = doc.text, doc.sentences, 0, 64
        self._wordpieces.no_truncation()
        ends = [0, *(s.end for s in sentences), len(text)]  # each sentence with the text before it, then the tail
        for first in range(0, len(ends) - 1, chunk):  # tokenised a chunk at a time: a huge input stops early
            pieces = [text[ends[k]:ends[k + 1]] for k in range(first, min(first + chunk, len(ends) - 1))]
            for k, encoding in enumerate(self._wordpieces.encode_batch(pieces, add_special_tokens=False), first):
                used += len(encoding.ids)
                if used <= MAX_MODEL_WORDPIECES:
                    continue
                if k < len(sentences):
                    doc.warnings.append(
                        f"text at {sentences[k].start}-{len(text)} is past the model's budget "
                        f"({MAX_MODEL_WORDPIECES:,} wordpieces an article): its sentences keep the features' readings "
                        "(no model readings, attributions from the rules alone); score it as separate articles to read them"
                    )
                return k, text[: ends[k]]  # the tail past the last sentence does not fit: the window pass stops there
        return len(sentences), text

    def _model_first(self, doc: Document, found: Sequence[SpanAttribution], reach: int | None = None) -> None:
        """Each sentence's attribution from the span model's linked attributions (the first ``reach``
        sentences, the ones the model read; all by default).

        A sentence takes the decoded attribution whose content covers most of it (content runs
        over sentences, so a quote of three sentences gives all three one source). The rules'
        attribution stays where the model finds none that it is sure of (``fallback``), and where
        the model's cue is the rules' cue, the rules' reading of it (kind, relay, anonymity reason)
        is kept with the model's spans. Kinds of new sources come from the rules' typing of the
        source phrase on the parse. The rules' attribution wins where it sits inside the model's
        (a nested cue the model passed over), frames it (an agentless "it is believed"), names whom
        the model's speaker cites ("…, X claimed, citing an insider source"), or where the model's
        source is no noun phrase. Content holds a sentence across a paragraph break only when the
        sentence is quoted.
        """
        with_content = [a for a in found if a.content]
        quotes: list[Quote] | None = None  # found only when a first-person source asks
        takes = [self._takes(doc, a) for a in with_content]  # once each: it reads the lexicons
        kept = [a for a, t in zip(with_content, takes) if t]
        stances = [a for a, t in zip(with_content, takes) if not t]
        fallback = bool(self.config.attribution.get("fallback", True))
        counts = {"model": 0, "rules": 0, "none": 0}
        candidates = _by_sentence(doc, kept)  # each sentence's candidates, found by bisection (not all × all)
        for s in doc.sentences[:reach]:
            enough = 0.3 * len(s.text.strip())
            rules = s.attribution
            # a content covering much of the sentence, or any content of the rules' own cue ("In her 2003
            # book, Clinton noted the clot's existence": the model's short content is the cue's object)
            covering = [att for att in candidates[s.index]
                        if (sum(max(0, min(b, s.end) - max(a, s.start)) for a, b in att.content) >= max(enough, 1)
                            or _same_cue(rules, att) or _is_the_sentence(att, s))
                        and _reaches(doc, att, s)]
            if not covering:
                if rules is not None and not fallback:
                    s.attribution = None
                counts["rules" if s.attribution is not None else "none"] += 1
                continue
            # Nested ("X told us: 'officials said …'"): the innermost attribution is the sentence's,
            # and the ones whose content holds it are the relay it came through (outermost first).
            # Two that hold each other's cues (one quote, two cues) are alike: the shortest content decides.
            inner = [a for a in covering if not any(b is not a and _holds(b, a) for b in covering if _holds(a, b))] or covering
            best = min(inner, key=lambda a: (sum(e - b for b, e in a.content), a.cue))
            outer = sorted((a for a in covering if a is not best and _holds(a, best)),
                           key=lambda a: -sum(e - b for b, e in a.content))
            if _agentless_frame(rules, best, s):
                # "It is believed Putin insisted on …": the article's own agentless frame governs
                # what the model links inside it (SPEC §2: agentless reporting is anonymous_vague).
                counts["rules"] += 1
                continue
            if rules is not None and _nested_in(rules, best, s):
                # The rules read a cue inside the model's content that the model passed over
                # ("X told the Mirror: 'I have been told by very senior sources …'"): that inner
                # attribution is the sentence's, and the model's ones are the relay it came through.
                s.attribution = rules if rules.relay else replace(rules, relay=self._relay(doc, [*outer, best]))
                counts["rules"] += 1
                continue
            if rules is not None and rules.relay and (_relays(rules, best) or _cites(rules)):
                # The rules found who the model's speaker cites ("Citing his source, Osechkin told the
                # newspaper …", "…, Osechkin claimed, citing an insider source"): that source is the
                # claim's, the speaker its relay (SPEC §1).
                counts["rules"] += 1
                continue
            attribution = self._attribution(doc, s, best, rules, outer)
            if attribution.source is not None and attribution.source.text.strip().lower() in FIRST_PERSON:
                quotes = find_quotes(doc.text) if quotes is None else quotes
                if inside_quote(attribution.source.start, quotes) is None:
                    # the writer in the first person ("I told my mother", "We say that …"): the article's own
                    # claim, as the rules read it (SPEC §2), not an unnamed source's
                    counts["rules" if rules is not None else "none"] += 1
                    continue
            if attribution.source is not None and not (rules is not None and rules.source == attribution.source) \
                    and (not self._names_someone(doc, attribution.source) or _nobody(doc, attribution.source)):
                # a source span that is no noun phrase ("the", "'s fast-moving defenders", "… military has
                # many Western military experts") or that says nobody ("No outsider can say …"): the rules' reading stands
                counts["rules" if rules is not None else "none"] += 1
                continue
            s.attribution = attribution
            s.span_content = tuple(Offsets(a, b) for a, b in best.content)  # whole, across sentences
            counts["model"] += 1
        doc.model_decisions.update(counts)
        # the rules' second reports of a sentence stay where no attribution the model kept holds their cue (as the
        # rules' own reading of a sentence stays where the model finds none: ``fallback``)
        doc.other_attributions = self._others(doc, kept, stances, doc.other_attributions if fallback else ())

    def _others(self, doc: Document, kept: Sequence[SpanAttribution], stances: Sequence[SpanAttribution] = (),
                rules: Sequence[LinkedAttribution] = ()) -> list[LinkedAttribution]:
        """The decoded attributions no sentence took, read as a sentence's would be: the outer one of a
        nested pair, a second one in a sentence, and (``sourcing`` false) the stances, beliefs and acts
        PolNeAR also annotates, which no claim takes; then the ``rules``' others whose cue none of these
        took. Left out: those whose cue is a sentence's cue or a sourcing one's, and those whose source
        names nobody (the guard above)."""
        # the characters of cues already read, and each cue's sentence by bisection: linear in the
        # attributions, as a cue-dense article has thousands
        taken = {k for s in doc.sentences if (a := s.attribution) is not None and a.cue is not None
                 for k in range(a.cue.start, a.cue.end)}
        others = []
        for att, sourcing in [*((a, True) for a in kept), *((a, False) for a in stances)]:
            lo, hi = att.cue[0][0], att.cue[-1][1]
            home = next(iter(overlapping(lo, lo + 1, doc.sentences)), None)
            if home is None or any(k in taken for k in range(lo, hi)):
                continue
            attribution = self._attribution_alone(doc, home, att, None)
            if attribution.source is not None and not self._names_someone(doc, attribution.source):
                continue
            if not sourcing and not self._is_stance(doc, attribution):
                continue
            whole = Offsets(min(a for a, _ in att.content), max(b for _, b in att.content))
            others.append(LinkedAttribution(replace(attribution, content=whole),
                                            tuple(Offsets(a, b) for a, b in att.content), sourcing))
            taken.update(range(lo, hi))
        for linked in rules:
            cue = linked.attribution.cue
            if cue is not None and not any(k in taken for k in range(cue.start, cue.end)):
                others.append(linked)
                taken.update(range(cue.start, cue.end))
        return sorted(others, key=lambda o: o.attribution.cue.start if o.attribution.cue is not None else 0)

    def _is_stance(self, doc: Document, attribution: Attribution) -> bool:
        """Does a non-reporting attribution say that someone holds or does something: a source, and a
        cue with a verb ("called for", "is defending")? Left out: cue crumbs the
        model linked to nothing ("of", "public") and cues in unparsed text, which cannot be checked."""
        if attribution.source is None or attribution.cue is None:
            return False
        _, span = _on_parse(doc, attribution.cue)
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    def _names_someone(self, doc: Document, source: TextSpan) -> bool:
        """Is the model's source span a noun phrase (a noun, name, pronoun or number at its head), and not
        a pronoun that points at a fact or a thing ("That explains why …", "This shows …")?"""
        if source.text.lstrip().startswith(("'s", "’s")):
            return False
        sentence, span = _on_parse(doc, source)
        if sentence is None:
            return True  # unparsed text: nothing to check it against
        if source.text.strip().lower() in NON_SOURCE_SUBJECTS - {"it"} and span is not None and span[0].tag_ != "WDT":
            return False  # ("it" may be a body that speaks; "a super PAC that intends …": a relative pronoun, its noun)
        return span is not None and _phrase_head(span) is not None

    def _takes(self, doc: Document, att: SpanAttribution) -> bool:
        """Is this decoded attribution one of sourcing (a reporting cue), not a stance or an act?

        PolNeAR also annotates beliefs, intentions and acts ("wants", "plans to", "puts
        restrictions in place"), which say nothing about where the article's information came
        from. Kept: decoded attributions with content whose cue the lexicons know as reporting
        (a reporting verb, a document verb, or a cue phrase such as "according to"), and a
        speaker's colon with its speaker ("PENCE: We will …", "Poll: Clinton leads") and a quotation's
        signature dash with its name ('“…” ― Sonya Herridge'). Not a non-answer
        ("did not respond", "declined to comment", "refused to say"), whose source gave no information, nor
        a use that credits no one ("have not been announced", "told a lie", "found themselves"), nor a
        text's authorship ("it was written by a colleague"), nor a taking ("claimed £18,000 in expenses") or a
        vote ("confirmed the nominee"), nor a report still to come ("is going to say").
        """
        if not att.content:
            return False
        cue = doc.text[att.cue[0][0]:att.cue[-1][1]]
        if cue.strip() == ":" or cue.strip() in SIGNATURE_DASHES:
            return bool(att.source)  # a speaker's colon, or the dash that signs a quotation with a name
        _, words = _on_parse(doc, TextSpan.of(doc.text, att.cue[0][0], att.cue[-1][1]))
        if words is not None and any(non_answer(t) or authorship(t) or backdrop(t) or taking(t) or confirming_an_appointment(t)
                                     or reports_nothing(t) for t in words):
            # "did not respond to a request for comment", "it was written by a colleague", "claimed £18,000 in
            # expenses": listed as a stance, credited with nothing
            return False
        if words is not None and not att.source and all(t.dep_ == "amod" and t.head.pos_ == "NOUN" for t in words):
            return False  # "Confirmed cases of voter impersonation have numbered …": a word describing a noun reports nothing
        if words is not None and not reported_yet(words):
            return False  # "is going to say", "plans to announce": a report still to come is a stance
        if words is not None and not att.source and any(_imperative(t) for t in words):
            return False  # "Just think of the cases where …": the writer's own bidding, nobody's report
        # ("signaled that …", "projects that …": verbs the lexicons leave out as ambiguous report with a clause)
        return self._tagger.is_reporting_cue(cue) or (words is not None and any(reports_by_clause(t) for t in words))

    def _attribution(self, doc: Document, s: Any, att: SpanAttribution, rules: Attribution | None,
                     outer: Sequence[SpanAttribution] = ()) -> Attribution:
        """The sentence's :class:`Attribution` from a decoded one: model spans, kinds on the parse,
        and the attributions that hold it (``outer``) as its relay."""
        attribution = self._attribution_alone(doc, s, att, rules)
        if not outer or attribution.relay:
            return attribution
        return replace(attribution, relay=self._relay(doc, outer))

    def _relay(self, doc: Document, outer: Sequence[SpanAttribution]) -> tuple[RelayLink, ...]:
        """Relay links (outermost first) from the sources of the attributions that hold a claim."""
        spans = [TextSpan.of(doc.text, o.source[0][0], o.source[-1][1]) for o in outer if o.source]
        return tuple(RelayLink(span, self._kind(doc, span)) for span in spans)

    def _attribution_alone(self, doc: Document, s: Any, att: SpanAttribution, rules: Attribution | None) -> Attribution:
        cue = TextSpan.of(doc.text, att.cue[0][0], att.cue[-1][1])
        lo = max(s.start, min(a for a, _ in att.content))
        hi = min(s.end, max(b for _, b in att.content))
        content = Offsets(lo, hi) if hi > lo else Offsets(s.start, s.end)
        source = None

        def from_cue(fragment: tuple[int, int]) -> int:
            return min(abs(fragment[0] - cue.end), abs(cue.start - fragment[1]))

        if att.source:
            before = [f for f in att.source if f[1] <= cue.start]
            after = [f for f in att.source if f[0] >= cue.end]
            side = before if len(before) == len(att.source) else after if len(after) == len(att.source) else []
            if side and not crosses_paragraph(doc.text, side[0][0], side[-1][1]):
                # one source cut by a relative clause ("Colonel Kemp, who has worked … said"): whole
                a, b = side[0][0], side[-1][1]
            else:  # the fragment nearest the cue ("Smith ... he said": he)
                a, b = min(att.source, key=from_cue)
            if crosses_paragraph(doc.text, a, b):  # a source never runs over a paragraph break: keep the part nearest the cue
                a, b = min(split_at_paragraphs(doc.text, a, b), key=from_cue)
            # a dateline is no claim's source: "NEW DELHI, March 27 - Indian officials" is "Indian officials"
            source = doc.provenance.clear_of_dateline(doc.text, _whole_subject(doc, cue, TextSpan.of(doc.text, a, b)))
            if source is not None and (kicker := _KICKER.match(source.text)) and kicker.end() < len(source.text):
                source = TextSpan.of(doc.text, source.start + kicker.end(), source.end)  # "BOMBSHELL: Newly released documents"
            if source is not None and _only_a_time(doc, source):
                source = None  # "An alert sent shortly before 8 a.m. today said": "today" says when, not who
        if rules is not None and rules.cue is not None and rules.source is None and rules.cue.start <= cue.start \
                and cue.end <= rules.cue.end and rules.cue.end - rules.cue.start > cue.end - cue.start:
            # a source-less cue phrase the model saw only part of ("The Mirror has been told"): SPEC §2
            return replace(rules, content=content)
        if rules is not None and rules.cue is not None and rules.cue.start < cue.end and cue.start < rules.cue.end:
            other = source is not None  # the model's source is another phrase than the rules' (or they had none)
            if source is not None and rules.source is not None and _passive_agent(doc.text, rules) \
                    and source.start < rules.cue.start:
                # "a fact first reported by Christopher Heath, …": the agent after "by" reported it; the
                # phrase before a passive cue is what was reported
                source, other = rules.source, False
            if source is not None and rules.source is not None and _inside_subjects_description(doc, cue, source, rules.source):
                # "The open letter, which was written by a group of doctors, warns …": the model's source is a
                # phrase inside the description of the cue's subject; the subject the rules read is the source
                source, other = rules.source, False
            if source is not None and rules.source is None and not rules.relay and _passive_subject(doc, source):
                # "…, delegates at the show have been told": who heard it is no source; the rules' agentless
                # reading stands (SPEC §2)
                source = None
            if source is None:
                source = rules.source
            elif rules.source is not None and rules.source.start < source.end and source.start < rules.source.end:
                # one source, cut differently: the union ("Colonel Kemp, who has worked in …" + "… the JIC"),
                # but never into a clause coordinated after the rules' phrase ("said Mytkevich, 39, and entire …")
                end = max(source.end, rules.source.end)
                if COORDINATED.match(doc.text, rules.source.end, end):
                    end = rules.source.end
                source = TextSpan.of(doc.text, min(source.start, rules.source.start), end)
                other = False
            if source is not None and (rules.source is None or (source.start, source.end) != (rules.source.start, rules.source.end)):
                # A source phrase the rules did not read: typed on the parse, which also records what the
                # entity resolver needs of it (its name, head, determiner), so that "Jennifer Peyton, a former
                # judge," is named "Jennifer Peyton" and a later "Peyton" or "she" joins her. The rules' kind
                # stays for their own phrase cut differently, unless it was an antecedent's ("the city
                # attorney" typed as Barbara Parker's: the resolver, which runs again, gives that again from
                # the phrase's own kind); another phrase has its own kind ("The bill … said, Rep. Saudia
                # LaMont": the rules' document is not the model's person).
                typed = self._kind(doc, source)
                # (and a name the rules' phrase left out: "Jack Goldsmith, one of the top lawyers in …" is a
                # named person, though the parse read only the description as the subject)
                named = typed == "named_person" and rules.kind in ("anonymous_specific", "anonymous_vague")
                # (and an outlet the rules' phrase left out: "CBS This Morning co-Anchor DeMarco Morgan said"
                # is the outlet's journalist, media by SPEC §2, though the parse read "Anchor DeMarco Morgan")
                journalist = typed == "media" and rules.kind == "named_person"
                if other or named or journalist or rules.resolved_from is not None:
                    rules = replace(rules, kind=typed, resolved_from=None)
            return replace(rules, cue=cue, content=content, source=source)
        if source is None:
            parsed = self._source_on_parse(doc, cue)
            if parsed is not None:
                return Attribution(kind=parsed.kind, source=parsed.source, cue=cue, content=content)
            return Attribution(kind="anonymous_vague", source=None, cue=cue, content=content)
        kind = self._kind(doc, source)
        if kind == "media" and not doc.own_outlets and self._tagger.speaks_as_itself(cue.text):
            # "The Post has learned that …": the article's own outlet on unnamed informants' word (SPEC §2)
            return Attribution(kind="anonymous_vague", source=None, cue=TextSpan.of(doc.text, source.start, cue.end),
                               content=content, relay=(RelayLink(source, "media"),))
        return Attribution(kind=kind, source=source, cue=cue, content=content)

    def _source_on_parse(self, doc: Document, cue: TextSpan) -> Attribution | None:
        """The source the parse gives a cue the model linked to none: the rules' attribution of a word of
        the cue, built as a reporting verb's ("He was neither detained nor cited …, and told Gazetteer …":
        the model links no source to "told"; its subject, borrowed from the first verb, is "He").
        ``None`` where the parse has no source either (a passive without agent stays agentless)."""
        sentence, span = _on_parse(doc, cue)
        if sentence is None:
            return None
        for token in span or ():
            # (a dateline the parse took as the subject is cut off there: "NEW DELHI, March 27 - Indian
            # officials responded …, saying" gives "Indian officials", SPEC §2)
            found = self._tagger.attribution_for_cue(doc, sentence, token)
            if found is not None and found.source is not None:
                return found
        return None

    def _kind(self, doc: Document, source: TextSpan) -> SourceKind:
        """The rules' source kind (SPEC §2) of a source phrase the model found, read on the parse (a relative
        pronoun's, as PolNeAR marks it, is its noun's kind)."""
        source = _relative_antecedent(doc, source)
        sentence, span = _on_parse(doc, source)
        head = _phrase_head(span) if span is not None else None
        if sentence is None or head is None:
            return "anonymous_vague"
        return self._tagger.classify(doc, sentence, head, source)

    def _vetoes(self, s: Any, prediction: SentencePrediction) -> bool:
        """Does the tagging head overrule the rules' verb cue in this sentence?

        It does where its cue probability on every wordpiece of the rule's cue stays below the
        policy's ``veto_below`` (fitted on PolNeAR dev). Only a cue inside the sentence with a
        source and no relay; "according to", "citing" and "as reported by" constructions,
        relayed chains ("X told the Mirror: 'I have been told by very senior sources …'"), quote
        paragraphs that inherit their speaker, agentless phrases and a document's own verb ("show",
        "found") stand as the rules found them.
        """
        att = s.attribution
        if att is None or att.cue is None or att.source is None or att.relay or not s.start <= att.cue.start < s.end:
            return False
        if att.cue.text.split()[0].lower() in RULE_ONLY_CUES:
            return False
        if att.kind == "document" and not s.text[att.cue.end - s.start:].strip(" .”\"'’)"):
            return False  # "…, photos obtained by The Post show.": a closing document verb, often parsed as a noun
        if att.kind == "document" and att.cue.text.lower() in DOCUMENT_VERBS:
            return False  # "Satellite images … reviewed by The AP show …": a document speaks for itself (SPEC §2)
        probability = _cue_probability(prediction, att.cue.start - s.start, att.cue.end - s.start)
        return probability is not None and probability < float(self.config.attribution.get("veto_below", 0.5))

    def fused(self, task: str, logit: float, rule: float) -> float:
        """Fused, calibrated probability: logistic regression on [model logit, rule score], then isotonic."""
        fusion = self.config.fusion.get(task)
        if not fusion:
            return _sigmoid(logit)
        coef, intercept = fusion["coef"], fusion["intercept"]
        p = _sigmoid(coef[0] * logit + coef[1] * rule + intercept)
        if fusion.get("iso_x"):
            p = float(np.interp(p, fusion["iso_x"], fusion["iso_y"]))
        return p

    def __call__(self, doc: Document) -> Document:
        self.pipe([doc])
        return doc

    def pipe(self, docs: Sequence[Document]) -> Sequence[Document]:
        """Annotate many documents with one batched encoder run over all their sentences.

        Per the config's ``attribution`` policy, a rule verb cue the tagging head does not tag is
        dropped ("veto"), and a sentence left without an attribution gets one from a tagged cue
        the parse supports ("add"). With ``"mode": "spans"`` the span model decides each sentence
        it finds an attribution for; elsewhere the rules' attribution stays, under the same veto
        and add. Each sentence keeps its head logits for :class:`ModelReadings`.
        """
        reach, read = zip(*(self._reach(doc) for doc in docs)) if docs else ((), ())  # sentences and text the model reads
        pairs = [(doc, s) for doc, n in zip(docs, reach) for s in doc.sentences[:n]]
        policy = self.config.attribution
        spans_mode = policy.get("mode") == "spans" and self.has_span_model
        if self.config.sentence_pass == "window":
            readings = self.window_pass(list(read)) if docs else []
            predictions = [self.sentence_prediction(reading, s.start, s.end)
                           for doc, n, reading in zip(docs, reach, readings) for s in doc.sentences[:n]]  # the order of ``pairs``
            found_per_doc = [reading.attributions for reading in readings]
        else:
            predictions = self.predict([s.text for _, s in pairs]) if pairs else []
            found_per_doc = self.attributions(list(read)) if spans_mode else []
        if spans_mode:
            for doc, n, found in zip(docs, reach, found_per_doc):
                self._model_first(doc, found, n)
        for (doc, s), prediction in zip(pairs, predictions):
            decided = s.span_content is not None  # by the span model
            if not decided and policy.get("veto") and self._vetoes(s, prediction):  # a rules' attribution, the fallback in spans mode
                s.attribution = None
                doc.model_decisions["vetoed"] = doc.model_decisions.get("vetoed", 0) + 1
            if s.attribution is None and not decided and policy.get("add") in ("lexicon", "clausal"):
                s.attribution = self._attribution_from_cues(doc, s, prediction, lexicon_only=policy["add"] == "lexicon")
                if s.attribution is not None:
                    doc.model_decisions["added"] = doc.model_decisions.get("added", 0) + 1
            s.model_logits = dict(prediction.logits)
        for doc in docs:
            doc.done.add(self.name)
        return docs


class ModelReadings:
    """Pipeline component: each sentence's head logits fused with the rules' readings and calibrated
    (:meth:`ModelHeads.fused`), and whether it is a claim, read again on the fused check-worthiness."""

    name = "model_readings"
    requires: tuple[str, ...] = ("claims", "model")
    assigns: tuple[str, ...] = ("sentence.checkworthiness", "sentence.hedge_score", "sentence.weasel_score", "sentence.is_claim")

    def __init__(self, heads: ModelHeads) -> None:
        self._fused = heads.fused

    def __call__(self, doc: Document) -> Document:
        for s in doc.sentences:
            if s.model_logits is None:
                continue
            for task, attribute in READINGS.items():
                setattr(s, attribute, round(self._fused(task, s.model_logits[task], getattr(s, attribute)), 4))
            s.is_claim = is_claim(s)
        doc.done.add(self.name)
        return doc


CPU_BF16_ENV = "CREDSCORE_CPU_BF16"  # "1": bf16 autocast on the CPU (faster with AMX tiles; answers move); else fp32


def length_batches(lengths: Sequence[int], budget: int) -> Iterator[list[int]]:
    """Indices in length order, cut into batches whose padded size (rows × longest) stays within
    ``budget`` tokens (one row at least), so that padding stays small."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    start = 0
    while start < len(order):
        size = 1
        while start + size < len(order) and lengths[order[start + size]] * (size + 1) <= budget:
            size += 1
        yield order[start : start + size]
        start += size


def _by_sentence(doc: Document, found: Sequence[SpanAttribution]) -> list[list[SpanAttribution]]:
    """Per sentence (by index), the attributions whose content overlaps it, in ``found``'s order."""
    hits: list[set[int]] = [set() for _ in doc.sentences]
    for i, att in enumerate(found):
        for a, b in att.content:
            for s in overlapping(a, b, doc.sentences):
                hits[s.index].add(i)
    return [[found[i] for i in sorted(h)] for h in hits]


def _nested_in(rules: Attribution | None, att: SpanAttribution, sentence: Any) -> bool:
    """Is the rules' attribution of ``sentence`` one whose cue (in the sentence, with a source)
    lies inside ``att``'s content, away from ``att``'s own cue and source?"""
    if rules is None or rules.cue is None or rules.source is None or not sentence.start <= rules.cue.start < sentence.end:
        return False
    a, b = rules.cue.start, rules.cue.end
    inside = any(x <= a and b <= y for x, y in att.content)
    apart = all(b <= x or y <= a for x, y in (*att.cue, *att.source))
    return inside and apart


def _same_cue(rules: Attribution | None, att: SpanAttribution) -> bool:
    """Is ``att``'s cue the rules' cue of the sentence (the two overlap)?"""
    return rules is not None and rules.cue is not None and rules.cue.start < att.cue[-1][1] and att.cue[0][0] < rules.cue.end


def _agentless_frame(rules: Attribution | None, att: SpanAttribution, sentence: Any) -> bool:
    """Is the rules' attribution of ``sentence`` an agentless frame ("it is believed", "reportedly")
    whose cue comes before ``att``'s cue in the same sentence, or opens it ("reportedly told", the model's cue
    taking in the adverb the rules read as the frame), or is its cue ("Rumors swirled on Capitol Hill that …": no
    source for the model to link)?"""
    if rules is None or rules.cue is None or rules.source is not None or rules.relay:
        return False
    return sentence.start <= rules.cue.start < sentence.end and (
        rules.cue.end <= att.cue[0][0] < sentence.end or rules.cue.start == att.cue[0][0] < rules.cue.end < att.cue[-1][1]
        or (rules.cue.start, rules.cue.end) == (att.cue[0][0], att.cue[-1][1]))


def _imperative(token: Any) -> bool:
    """Is the token a verb in the imperative ("Just think of …", "Now tell us …"): a bare verb heading its
    sentence, with no subject or auxiliary, and nothing but adverbs before it?"""
    return token.tag_ == "VB" and token.dep_ == "ROOT" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl", "mark") for c in token.children) and all(
        t.pos_ in ("ADV", "PUNCT", "CCONJ", "INTJ") for t in token.doc[token.sent.start:token.i])


def _nobody(doc: Document, source: TextSpan) -> bool:
    """Is the source phrase nobody ("No outsider can say …", "no one expected")? PolNeAR lists such
    stances, so they stay among the article's other attributions; no claim rests on them."""
    _, span = _on_parse(doc, source)
    head = _phrase_head(span) if span is not None else None
    return head is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)


def _passive_subject(doc: Document, span: TextSpan) -> bool:
    """Is the phrase the subject of a passive verb on the parse ("delegates … have been told")?"""
    _, tokens = _on_parse(doc, span)
    if tokens is None or len(tokens) == 0:
        return False
    root = tokens.root
    # or of a passive written without its auxiliary: "Top ISIS leader now believed to be …", "The man, said to be …"
    return root.dep_ == "nsubjpass" or (root.dep_ in ("nsubj", "ROOT") and reduced_passive(root.head))


def _on_parse(doc: Document, span: TextSpan) -> tuple[Any, Any]:
    """The parsed sentence that holds ``span``'s start, and the parse's tokens over ``span`` (widened
    to whole tokens; None where they cannot be aligned); ``(None, None)`` in unparsed text."""
    holding = overlapping(span.start, span.start + 1, doc.sentences)  # by bisection: it runs once a cue
    sentence = holding[0] if holding else None
    if sentence is None or sentence.span is None:
        return None, None
    return sentence, sentence.span.doc.char_span(span.start - sentence.offset, span.end - sentence.offset, alignment_mode="expand")


NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _phrase_head(span: Any) -> Any:
    """The head word of a source phrase the model found, or None where the phrase names nobody.

    The parse's root of the span where it is a noun, name, pronoun or number (its last noun where the
    parser hung its words on the verb one by one). Where the parser
    misread the phrase ("The lawsuit claims staff …" as one compound; "The RealClearPolitics rolling
    average of polls shows …" with "rolling" as a verb), its last nominal word before a preposition,
    a relative word or a comma, if no finite verb comes before it ("… military has many experts"
    is a clause, not a name) and the phrase opens with none of those ("in New York" names nobody)."""
    if len(span) == 0:
        return None
    roots = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    if len(roots) > 1 and roots[-1].pos_ in NOMINAL_POS and roots[-1].i == span.end - 1 and roots[0].dep_ in ("poss", "det", "amod"):
        return roots[-1]  # "The campaign's latest FEC filing shows …" hung word by word on the verb: its last noun
    if span.root.pos_ in NOMINAL_POS:
        return span.root
    head = None
    for token in span:
        if token.tag_ in FINITE_TAGS:
            return None
        if token.pos_ in ("ADP", "SCONJ") or token.tag_ in ("WDT", "WP", "WP$") or token.text == ",":
            break  # the phrase's head comes before its modifiers; a phrase that opens so ("in New York") is none
        if token.pos_ in NOMINAL_POS:
            head = token
    return head


def _reaches(doc: Document, att: SpanAttribution, sentence: Any) -> bool:
    """May this attribution's content hold the sentence? Across a paragraph break only inside a
    quotation (a quote over several paragraphs); a bulleted summary line is not the next line's source.
    A sentence before the cue's own is its content only when quoted ('"…. …," she said'): "Shares
    fell. It is believed the firm will cut jobs" does not attribute the fall."""
    cue_start, cue_end = att.cue[0][0], att.cue[-1][1]
    if sentence.end <= cue_start and sentence.quoted_share < 0.5:
        return False
    lo, hi = (cue_end, sentence.start) if sentence.start >= cue_end else (sentence.end, cue_start)
    return not crosses_paragraph(doc.text, lo, hi) or sentence.quoted_share >= 0.5


def _is_the_sentence(att: SpanAttribution, sentence: Any) -> bool:
    """Is the sentence this attribution and little else: its source, cue and content, inside the sentence,
    cover nine tenths of it? A long source leaves a short content ("Data from the Bureau of Labor
    Statistics show wages rose 4 percent"), which still is what the sentence claims."""
    parts = [*att.source, *att.cue, *att.content]
    if not att.content or any(a < sentence.start or b > sentence.end for a, b in parts):
        return False
    covered = sum(b - a for a, b in parts)
    return covered >= 0.9 * len(sentence.text.strip())


def _cites(rules: Attribution) -> bool:
    """Is the rules' attribution a "citing …" / "quoting …" construction (a speaker's own source)?"""
    return rules.cue is not None and rules.cue.text.split()[0].lower() in ("citing", "quoting")


def _relays(rules: Attribution, att: SpanAttribution) -> bool:
    """Is the model's source one the rules read as a relay of theirs (the speaker, not the source)?"""
    return any(link.source.start < b and a < link.source.end for link in rules.relay for a, b in att.source)


def _holds(outer: SpanAttribution, inner: SpanAttribution) -> bool:
    """Does ``outer``'s content contain ``inner``'s cue (``inner`` is nested in it)?"""
    return any(a <= inner.cue[0][0] and inner.cue[-1][1] <= b for a, b in outer.content)


def pooled_sentence(reading: WindowReading, inside: np.ndarray, pooling: str) -> np.ndarray:
    """The sentence heads' input for the wordpieces ``inside`` of a window pass: their mean state, or
    for ``mean_max_tags`` the numpy twin of :func:`credscore.model.network.sentence_features`."""
    states = reading.states[inside]
    if pooling != "mean_max_tags":
        return states.mean(0)
    hedge = _softmax(reading.hedge_logits[inside])[:, 1:].sum(-1)
    cue = _softmax(reading.attribution_logits[inside])[:, list(CUE_TAGS)].sum(-1)
    return np.concatenate([states.mean(0), states.max(0), [hedge.max(), hedge.mean(), cue.max()]]).astype(np.float32)


def cpu_bf16_asked() -> bool:
    """Was bf16 autocast on the CPU asked for (``$CREDSCORE_CPU_BF16=1``)?

    Only then: bf16 runs about 3x fp32 on a CPU with AMX tiles, but its answers move in the third
    significant digit with how a batch is padded, so a record's readings would depend on what else
    is in its batch. The default is fp32 (ONNX Runtime, or torch), whose readings do not.
    """
    return os.environ.get(CPU_BF16_ENV, "").strip() == "1"


def _cue_probability(prediction: SentencePrediction, start: int, end: int) -> float | None:
    """The head's highest cue probability (B-CUE + I-CUE) over the wordpieces of ``[start, end)``
    (sentence offsets); None where no wordpiece falls inside (the sentence was cut at max_length)."""
    inside = [p for a, b, p in prediction.cue_probability if a < end and start < b]
    return max(inside) if inside else None


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(-1, keepdims=True))
    return shifted / shifted.sum(-1, keepdims=True)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def _spans_by_label(tags: Any, offsets: Sequence[tuple[int, int]], labels: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """BIO wordpiece tags → character spans per label (an I- without its B- starts a span)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    current: tuple[str, int, int] | None = None
    for tag_id, (a, b) in zip(tags, offsets):
        if a == b:
            continue
        tag = labels[int(tag_id)]
        kind = tag[2:] if tag != "O" else ""
        if tag == "O" or tag.startswith("B-") or current is None or current[0] != kind:
            if current is not None:
                spans.setdefault(current[0], []).append((current[1], current[2]))
            current = (kind, a, b) if tag != "O" else None
        else:
            current = (kind, current[1], b)
    if current is not None:
        spans.setdefault(current[0], []).append((current[1], current[2]))
    return spans


def _cue_subject(doc: Document, cue: TextSpan) -> tuple[int, Any]:
    """The parse's subject of the cue's head verb, with its sentence's offset; ``(0, None)`` where there is none."""
    sentence, words = _on_parse(doc, cue)
    if sentence is None or words is None or len(words) == 0:
        return 0, None
    return sentence.offset, next((c for c in words.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _relative_antecedent(doc: Document, source: TextSpan) -> TextSpan:
    """The noun phrase a relative pronoun that the model took for a source stands for ("The clip, which
    appears to show …": "The clip"), without its clause; any other source as it is."""
    if source.text.strip().lower() not in ("which", "who"):  # (not "that": "an email from the department that stated")
        return source
    sentence, span = _on_parse(doc, source)
    if span is None or len(span) != 1 or span[0].tag_ not in ("WDT", "WP") or span[0].head.dep_ != "relcl":
        return source
    noun = span[0].head.head
    if noun.i >= span[0].i or noun.pos_ not in NOMINAL_POS:
        return source
    return TextSpan.of(doc.text, sentence.offset + noun.left_edge.idx, sentence.offset + noun.idx + len(noun))


def _whole_subject(doc: Document, cue: TextSpan, source: TextSpan) -> TextSpan:
    """The cue's subject phrase where the model's source is only its tail: "Institute in 1979 …" of
    "Morton Blackwell, the conservative icon who founded the Leadership Institute in 1979 …, has
    endorsed". A tail that leaves out the subject's head word names what the subject's description
    mentions, not who spoke; the phrase is read whole. Only where the subject is headed by a name."""
    off, subject = _cue_subject(doc, cue)
    if subject is None or subject.pos_ != "PROPN":
        return source  # a named subject only: "fighting by the country's defenders has denied …" is nobody
    tokens = list(subject.subtree)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    lo, hi = off + tokens[0].idx, off + tokens[-1].idx + len(tokens[-1])
    head = off + subject.idx
    if lo < source.start < hi and source.end <= hi + 1 and not source.start <= head < source.end:
        return TextSpan.of(doc.text, lo, hi)
    return source


def _inside_subjects_description(doc: Document, cue: TextSpan, source: TextSpan, subject_phrase: TextSpan) -> bool:
    """Does the model's ``source`` lie inside the cue's subject phrase, in a description of it that leaves out
    its head word (a relative clause, a prepositional phrase), while ``subject_phrase`` (the rules' source)
    holds that head? Then the model linked a phrase the subject's description mentions, not who spoke."""
    off, subject = _cue_subject(doc, cue)
    if subject is None:
        return False
    head = off + subject.idx
    lo, hi = off + subject.left_edge.idx, off + subject.right_edge.idx + len(subject.right_edge)
    return (lo <= source.start and source.end <= hi and not source.start <= head < source.end
            and subject_phrase.start <= head < subject_phrase.end and source.start >= subject_phrase.end)


def _only_a_time(doc: Document, span: TextSpan) -> bool:
    """Is the phrase only a date or time on the parse ("today", "on Monday", "last week")?"""
    words = [t for t in (_on_parse(doc, span)[1] or ()) if not t.is_punct and t.pos_ != "ADP"]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _passive_agent(text: str, rules: Attribution) -> bool:
    """Is the rules' source the agent of a passive cue ("first reported by X", "as revealed by X", "was
    informed by the FBI")?"""
    if rules.cue is None or rules.source is None or rules.cue.end > rules.source.start:
        return False
    return text[rules.cue.start:rules.cue.end].lower().endswith(" by") or \
        text[rules.cue.end:rules.source.start].strip().lower() == "by"

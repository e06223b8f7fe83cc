"""Pipeline component: the classifier's heads over each sentence, fused with the rule features.

One encoder pass per sentence serves every head. Sentences from many documents are batched
together, sorted by length so padding stays small, and results are written back in order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from credscore.document import Attribution, Document, Offsets, TextSpan
from credscore.features.attribution import AttributionTagger
from credscore.features.claims import is_claim
from credscore.model.checkpoint import ModelConfig, load_model
from credscore.model.network import SENTENCE_TASKS

#: sentence task → the Sentence attribute its fused probability replaces
READINGS = {"checkworthy": "checkworthiness", "hedge": "hedge_score", "weasel": "weasel_score"}


@dataclass(frozen=True)
class SentencePrediction:
    """Raw head outputs for one text: sentence logits and tag spans (char offsets into the text)."""

    logits: dict[str, float]
    attribution: dict[str, list[tuple[int, int]]]
    hedge_cues: list[tuple[int, int]]


def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        from credscore.errors import ModelLoadError

        raise ModelLoadError(f"device {device!r} asked for, but torch sees no CUDA GPU; use --device cpu")
    return device


class ModelHeads:
    """Runs the fine-tuned heads and replaces the rule readings with the fused probabilities."""

    name = "model"
    requires: tuple[str, ...] = ("claims",)
    assigns: tuple[str, ...] = ("sentence.checkworthiness", "sentence.hedge_score", "sentence.weasel_score", "sentence.notes.model")

    def __init__(self, directory: str | Path, *, device: str = "cpu", batch_tokens: int = 8192) -> None:
        self.directory = Path(directory)
        self.device = resolve_device(device)
        self.batch_tokens = batch_tokens
        self.net, self.tokenizer, self.config = load_model(self.directory, device=self.device)
        self._tagger = AttributionTagger()  # types the sources of attributions the model adds
        # bf16 on GPU always; on CPU only with AMX tiles, where it runs ~3x fp32 (AVX-512 bf16 alone does not pay).
        self._autocast = "cuda" if self.device.startswith("cuda") else ("cpu" if cpu_bf16_pays() else None)

    @property
    def model_config(self) -> ModelConfig:
        return self.config

    def predict(self, texts: Sequence[str], *, max_length: int | None = None) -> list[SentencePrediction]:
        """Head outputs for bare texts, in input order (length-sorted batches under a token budget).

        Texts longer than ``max_length`` wordpieces (default: the trained sentence length) are cut.
        """
        enc = self.tokenizer(list(texts), truncation=True, max_length=max_length or self.config.max_length,
                             return_offsets_mapping=True)
        order = sorted(range(len(texts)), key=lambda i: len(enc["input_ids"][i]))
        results: list[SentencePrediction | None] = [None] * len(texts)
        start = 0
        while start < len(order):
            size = 1
            while start + size < len(order) and len(enc["input_ids"][order[start + size]]) * (size + 1) <= self.batch_tokens:
                size += 1
            batch = order[start : start + size]
            width = max(len(enc["input_ids"][i]) for i in batch)
            ids = torch.zeros(len(batch), width, dtype=torch.long)
            mask = torch.zeros(len(batch), width, dtype=torch.long)
            for row, i in enumerate(batch):
                n = len(enc["input_ids"][i])
                ids[row, :n] = torch.tensor(enc["input_ids"][i])
                mask[row, :n] = 1
            with torch.inference_mode(), torch.autocast(
                device_type=self._autocast or "cpu", dtype=torch.bfloat16, enabled=self._autocast is not None
            ):
                out = self.net(ids.to(self.device), mask.to(self.device))
            sentence = out["sentence"].float().cpu().numpy()
            attribution = out["attribution"].float().argmax(-1).cpu().numpy()
            hedges = out["hedge_cues"].float().argmax(-1).cpu().numpy()
            for row, i in enumerate(batch):
                offsets = enc["offset_mapping"][i]
                results[i] = SentencePrediction(
                    logits={task: float(sentence[row, k]) for k, task in enumerate(SENTENCE_TASKS)},
                    attribution=_spans_by_label(attribution[row], offsets, self.config.attribution_tags),
                    hedge_cues=_spans_by_label(hedges[row], offsets, self.config.hedge_tags).get("CUE", []),
                )
            start += size
        return results  # type: ignore[return-value]

    def _attribution_from_tags(self, doc: Document, s: Any, prediction: SentencePrediction) -> Attribution | None:
        """An attribution the rules missed: a tagged cue with a tagged source in the same sentence.

        The source is typed by the feature module's rules on the parse, as rule-found sources are.
        """
        cues = prediction.attribution.get("CUE", [])
        sources = prediction.attribution.get("SOURCE", [])
        if not cues or not sources or s.span is None:
            return None
        cue = cues[0]
        source = min(sources, key=lambda span: abs(span[0] - cue[0]))
        contents = prediction.attribution.get("CONTENT", [])
        content = max(contents, key=lambda span: span[1] - span[0]) if contents else (0, len(s.text))
        parsed = s.span.doc.char_span(s.start - s.offset + source[0], s.start - s.offset + source[1], alignment_mode="expand")
        if parsed is None or parsed.root.pos_ not in ("NOUN", "PROPN", "PRON") or not self._tagger.can_be_source(parsed.root):
            return None  # a tagged "of" or "this" is no source
        source_span = TextSpan.of(doc.text, s.start + source[0], s.start + source[1])
        kind = self._tagger.classify(doc, s, parsed.root, source_span)
        return Attribution(
            kind=kind,
            source=source_span,
            cue=TextSpan.of(doc.text, s.start + cue[0], s.start + cue[1]),
            content=Offsets(s.start + content[0], s.start + content[1]),
        )

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
        """Annotate many documents with one batched encoder run over all their sentences."""
        pairs = [(doc, s) for doc in docs for s in doc.sentences]
        predictions = self.predict([s.text for _, s in pairs]) if pairs else []
        for (doc, s), prediction in zip(pairs, predictions):
            if s.attribution is None:
                s.attribution = self._attribution_from_tags(doc, s, prediction)
                if s.attribution is not None:
                    doc.notes["model_attributions"] = doc.notes.get("model_attributions", 0) + 1
            for task, attribute in READINGS.items():
                rule = getattr(s, attribute)
                setattr(s, attribute, round(self.fused(task, prediction.logits[task], rule), 4))
            s.is_claim = is_claim(s)
            s.notes["model"] = {
                "logits": prediction.logits,
                "attribution": {
                    label: [TextSpan.of(doc.text, s.start + a, s.start + b) for a, b in spans]
                    for label, spans in prediction.attribution.items()
                },
                "hedge_cues": [TextSpan.of(doc.text, s.start + a, s.start + b) for a, b in prediction.hedge_cues],
            }
        for doc in docs:
            doc.done.add(self.name)
        return docs


def _inside(span: tuple[int, int], start: int, end: int) -> bool:
    return start <= span[0] and span[1] <= end


def cpu_bf16_pays() -> bool:
    """Does this CPU have AMX bf16 tiles (Sapphire Rapids and later)? Linux flags; False elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as handle:
            return any("amx_bf16" in line for line in handle if line.startswith("flags"))
    except OSError:
        return False


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

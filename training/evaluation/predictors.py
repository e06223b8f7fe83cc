"""The systems the evaluator judges: the :class:`Predictor` protocol, the feature-only scorer
(the baseline), the fine-tuned model, and the span model's raw decoder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from credscore.errors import InputError
from credscore.segment import one_line
from training.evaluation.spans import ROLES, fragments

logger = logging.getLogger("credscore.training")

SENTENCE_TASKS = ("checkworthiness", "hedge_score", "weasel_score")


@runtime_checkable
class Predictor(Protocol):
    """What :func:`evaluate` needs from a system: the baseline and every model implement it.

    ``sentence_scores`` gives, per text, ``checkworthiness``, ``hedge_score`` and
    ``weasel_score`` in [0, 1]; ``attribution_spans`` gives, per text, a list of attributions
    ``{"source": [[s, e], ...], "cue": [[s, e], ...], "content": [[s, e], ...]}`` (character
    offsets into that text, half-open); ``hedge_cues`` gives, per text, the hedge cue spans;
    ``passage_scores`` gives, per passage, the sentence scores of its sentences read together.
    Optionally, ``score_articles(texts, ids)`` returns article results (what ``Scorer.score``
    returns) for the SCU benchmark.
    """

    name: str

    def sentence_scores(self, texts: list[str]) -> dict[str, list[float]]: ...

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]: ...

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]: ...

    def passage_scores(self, passages: list[list[str]]) -> dict[str, list[list[float]]]: ...


class FeaturePredictor:
    """The feature-only scorer (the baseline) as a :class:`Predictor`.

    Sentence scores and hedge cues come from ``scorer.score_sentences``; attributions from
    ``scorer.score`` of each text as an article: its ``attributions``, one per cue (the sentences
    of one quote share theirs), whether or not a claim names it as its own.

    >>> from credscore import Scorer
    >>> FeaturePredictor(Scorer(model=None)).sentence_scores(["NATO said 7,000 soldiers died."])["checkworthiness"]  # doctest: +SKIP
    [0.85]
    """

    def __init__(self, scorer: Any = None) -> None:
        if scorer is None:
            from credscore import Scorer

            scorer = Scorer(model=None)
        self.scorer = scorer
        self._last: tuple[tuple[str, ...], list[Any]] | None = None

    @property
    def name(self) -> str:
        info = self.scorer.model_info
        runtime = f" ({info.device})" if "/" in info.device else ""  # e.g. "cpu/onnx-int8"
        return f"{info.name} {info.version}{runtime}"

    def _claims(self, texts: Sequence[str]) -> list[Any]:
        """One ``ClaimResult`` (or ``None`` for a text the scorer refuses) per text; the last call is cached."""
        key = tuple(texts)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        from credscore.segment import MAX_PARSE_CHARS

        ok = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip() and len(t) <= MAX_PARSE_CHARS]
        if len(ok) < len(texts):
            logger.warning("%d text(s) empty or over %d characters: scored 0 with no cues",
                           len(texts) - len(ok), MAX_PARSE_CHARS)
        scored = self.scorer.score_sentences([texts[i] for i in ok])
        claims: list[Any] = [None] * len(texts)
        for i, claim in zip(ok, scored):
            claims[i] = claim
        self._last = (key, claims)
        return claims

    def sentence_scores(self, texts: list[str]) -> dict[str, list[float]]:
        claims = self._claims(texts)
        return {task: [float(getattr(c, task)) if c is not None else 0.0 for c in claims] for task in SENTENCE_TASKS}

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [[(h.start, h.end) for h in c.hedges] if c is not None else [] for c in self._claims(texts)]

    def passage_scores(self, passages: list[list[str]]) -> dict[str, list[list[float]]]:
        """Sentence scores of each passage's sentences read together, in order, as an article's are
        (``Scorer.score_sentences(..., together=True)``; line breaks inside a sentence become spaces)."""
        out: dict[str, list[list[float]]] = {task: [] for task in SENTENCE_TASKS}
        for sentences in passages:
            claims = self.scorer.score_sentences([one_line(t) for t in sentences], together=True)
            for task in SENTENCE_TASKS:
                out[task].append([float(getattr(c, task)) for c in claims])
        return out

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]:
        from credscore.intake import article_from_text

        items: list[Any] = []
        for i, text in enumerate(texts):
            try:
                items.append(article_from_text(text, format="text", name=f"text {i}"))
            except InputError as exc:
                items.append({"text": None, "id": str(i)})  # scored as an error in place
                logger.warning("text %d not scored: %s", i, exc)
        out = []
        for text, result in zip(texts, self.scorer.score_many(items)):
            claims = getattr(result, "claims", None)
            if claims is None:
                logger.warning("no attributions for a text the scorer refused: %s", getattr(result, "error", result))
                out.append([])
                continue
            out.append(attributions_from_result(result, text))
        return out

    def score_articles(self, texts: list[str], ids: list[str] | None = None) -> list[Any]:
        """Article results, as ``Scorer.score(text, id=id)`` gives them (used for the SCU benchmark)."""
        ids = ids if ids is not None else [str(i) for i in range(len(texts))]
        return list(self.scorer.score_many([{"text": t, "id": i} for t, i in zip(texts, ids)]))


def attributions_from_result(result: Any, text: str | None = None) -> list[dict[str, list[list[int]]]]:
    """The article's attributions (``ArticleResult.attributions``: one per cue, the claims' own and
    the others the model found) as role → fragments."""
    return [
        {
            "source": [list(f) for f in fragments([(a.source.start, a.source.end)] if a.source else [], text)],
            "cue": [list(f) for f in fragments([(a.cue.start, a.cue.end)], text)],
            "content": [list(f) for f in fragments([(c.start, c.end) for c in a.content if c.end > c.start], text)],
        }
        for a in result.attributions
    ]


class ModelPredictor(FeaturePredictor):
    """The fine-tuned model as a :class:`Predictor`.

    Everything comes from ``Scorer(model=path)`` as a user gets it: fused sentence readings, and
    attributions from the rules plus those the model's tagging heads add where the rules found
    none. Hedge cues come from the hedge-cue head.
    """

    def __init__(self, path: str | Path | None = None, *, runtime: str = "auto") -> None:
        from credscore import Scorer
        from credscore.model.locate import resolve_model_dir

        directory = resolve_model_dir(path or "default")
        super().__init__(Scorer(model=directory, device="cpu", runtime=runtime).load())
        self.heads = self.scorer.model_heads  # the scorer's own heads: the model is loaded once

    def hedge_cues(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        return [list(p.hedge_cues) for p in self.heads.predict(texts)]


class SpanDecoderPredictor(ModelPredictor):
    """The span model's decoded attributions straight from its heads, before the scorer's pipeline
    (entity resolution, quote chains) touches them: what the span model alone finds."""

    def attribution_spans(self, texts: list[str]) -> list[list[dict[str, list[list[int]]]]]:
        return [
            [{role: [list(f) for f in fragments(getattr(a, role), text)] for role in ROLES} for a in found]
            for text, found in zip(texts, self.heads.attributions(texts))
        ]


def model_predictor(path: str | Path | None = None, *, runtime: str = "auto") -> Predictor:
    """The fine-tuned model (default: the shipped one) as a :class:`Predictor`."""
    return ModelPredictor(path, runtime=runtime)

"""Article embeddings for story detection: the base encoder as the sentence-embedding model it is.

The base model (all-MiniLM-L6-v2, SPEC §6) was trained to embed sentences and short passages so that
paraphrases land close. Two articles about the same people in different events share names, figures
and wording, and pass the lexical tests of :mod:`credscore.corpus.stories`, but their openings embed
further apart than two reports of one event do. :class:`ArticleEmbedder` embeds an article's opening
(mean-pooled token states, unit length, as the model's card prescribes) once, into its signature.

It needs torch and the base package (``credscore[model]``); the fine-tuned scoring encoder is not
used, because fine-tuning moved it away from sentence similarity. Loaded from the local package only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: the opening embedded: this many characters (about 250 wordpieces), the lead and what follows it
HEAD_CHARS = 1500
MAX_WORDPIECES = 256
BATCH = 16


class ArticleEmbedder:
    """Unit-length embeddings of article openings from the packaged base encoder (CPU, float16 out).

    >>> e = ArticleEmbedder()                                           # doctest: +SKIP
    >>> a, b = e.embed(["Police said two men were arrested.", "Two men were arrested, police said."])  # doctest: +SKIP
    >>> float(a @ b) > 0.9                                              # doctest: +SKIP
    True
    """

    def __init__(self, threads: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from credscore.model.base import check_base_model

        path = str(check_base_model())
        self._torch = torch
        self.threads = threads
        self.tokenizer: Any = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model: Any = AutoModel.from_pretrained(path, local_files_only=True).eval()

    def embed(self, texts: Sequence[str]) -> list[np.ndarray]:
        """One float16 vector of unit length per text, from its first :data:`HEAD_CHARS` characters."""
        torch = self._torch
        out: list[np.ndarray] = []
        previous = torch.get_num_threads()
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            for i in range(0, len(texts), BATCH):
                heads = [t[:HEAD_CHARS] for t in texts[i:i + BATCH]]
                batch = self.tokenizer(heads, padding=True, truncation=True, max_length=MAX_WORDPIECES,
                                       return_tensors="pt")
                with torch.inference_mode():
                    states = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                unit = torch.nn.functional.normalize(pooled, dim=-1)
                out.extend(v.astype(np.float16) for v in unit.numpy())
        finally:
            torch.set_num_threads(previous)
        return out


def cosine(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    """The cosine of two unit vectors (their dot product), or None when either is missing."""
    if a is None or b is None:
        return None
    return float(np.dot(a.astype(np.float32), b.astype(np.float32)))

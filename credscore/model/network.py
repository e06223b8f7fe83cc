"""The multi-task network: a BERT encoder and small heads over its last hidden states.

Heads: attribution tags (BIO over SOURCE/CUE/CONTENT, PolNeAR), hedge-cue tags (BIO, Szeged),
three sentence probabilities from one pooled vector (check-worthiness, hedge, weasel; pooled by
``mean``, ``cls``, or ``mean_max_tags``: see :func:`sentence_features`) and, in
models trained with it, the cue-anchored linker: given one cue's tokens, it tags the source and
the content *of that cue* over the whole window, so several attributions in one sentence, nested
ones and content that runs across sentences come out as linked triples from one encoder pass.
"""

from __future__ import annotations

from typing import Literal

import torch
from torch import nn

from credscore.model.tags import (
    ATTRIBUTION_TAGS, CUE_TAGS, HEDGE_TAGS, LINK_MAX_BUCKET, LINK_TAGS, SENTENCE_TASKS, pooled_width,
)

__all__ = ["ATTRIBUTION_TAGS", "HEDGE_TAGS", "LINK_TAGS", "SENTENCE_TASKS", "MultiTaskNet", "distance_buckets", "freeze_below"]
Pooling = Literal["mean", "cls", "mean_max_tags"]
LINK_RANK = 64  # width of the token × cue interaction


def sentence_features(states: torch.Tensor, mask: torch.Tensor, hedge_logits: torch.Tensor,
                      attribution_logits: torch.Tensor) -> torch.Tensor:
    """``mean_max_tags``: the mean and the maximum of the states over ``mask``, then the hedge-cue
    tagger's highest and mean P(cue) and the attribution tagger's highest P(cue). The maximum keeps
    a sentence's own cue words from being averaged away by its neighbours in a window pass, where
    a mean alone reads context more than the sentence. ``[B, T, H]`` → ``[B, 2H + 3]``; the numpy
    twin that reads a window pass is :func:`credscore.model.heads.pooled_sentence`."""
    weights = mask.unsqueeze(-1).to(states.dtype)
    count = weights.sum(1).clamp(min=1.0)
    mean = (states * weights).sum(1) / count
    maxed = states.masked_fill(weights == 0, float("-inf")).max(1).values.clamp(min=-1e4)
    on = mask.to(states.dtype)
    hedge = hedge_logits.float().softmax(-1)[..., 1:].sum(-1).to(states.dtype) * on
    cue = attribution_logits.float().softmax(-1)[..., list(CUE_TAGS)].sum(-1).to(states.dtype) * on
    tags = torch.stack([hedge.max(1).values, hedge.sum(1) / count.squeeze(-1), cue.max(1).values], -1)
    return torch.cat([mean, maxed, tags], -1)


def distance_buckets(length: int, cue_start: torch.Tensor, cue_end: torch.Tensor) -> torch.Tensor:
    """Signed log-spaced distance of each position to a cue ``[start, end]`` (inclusive) → bucket ids.

    Exact up to 8 tokens, then log2-spaced, capped at ``LINK_MAX_BUCKET``; 0 inside the cue,
    shifted so that ids are in ``[0, 2 * LINK_MAX_BUCKET]``. Shapes: starts/ends ``[...]`` →
    ``[..., length]``.
    """
    pos = torch.arange(length, device=cue_start.device)
    before = (cue_start.unsqueeze(-1) - pos).clamp(min=0)
    after = (pos - cue_end.unsqueeze(-1)).clamp(min=0)
    dist = after - before  # negative before the cue, positive after, 0 inside
    mag = dist.abs().float()
    far = 8 + torch.floor(torch.log2(mag.clamp(min=8) / 8) * 2)
    bucket = torch.where(mag <= 8, mag, far).clamp(max=LINK_MAX_BUCKET).long()
    return torch.sign(dist) * bucket + LINK_MAX_BUCKET


class MultiTaskNet(nn.Module):
    """Encoder + heads. ``forward`` returns every head's logits (and the token states) from one pass."""

    def __init__(self, encoder: nn.Module, *, pooling: Pooling = "mean", dropout: float = 0.1, link: bool = False) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.pooling = pooling
        self.dropout = nn.Dropout(dropout)
        self.attribution = nn.Linear(hidden, len(ATTRIBUTION_TAGS))
        self.hedge_cues = nn.Linear(hidden, len(HEDGE_TAGS))
        self.sentence = nn.Linear(pooled_width(hidden, pooling), len(SENTENCE_TASKS))
        self.has_link = link
        if link:
            # h = GELU(token·A + cue·B + ((token·P) ⊙ (cue·Q))·R + E[distance]); tags = h·W. Additive
            # terms cost one pass per window; only the rank-64 interaction is paid per cue.
            self.link_token = nn.Linear(hidden, hidden)
            self.link_cue = nn.Linear(hidden, hidden, bias=False)
            self.link_token_low = nn.Linear(hidden, LINK_RANK, bias=False)
            self.link_cue_low = nn.Linear(hidden, LINK_RANK, bias=False)
            self.link_interaction = nn.Linear(LINK_RANK, hidden, bias=False)
            self.link_distance = nn.Embedding(2 * LINK_MAX_BUCKET + 1, hidden)
            self.link_out = nn.Linear(hidden, len(LINK_TAGS))

    def pool(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        if self.pooling == "cls":
            return states[:, 0]
        weights = mask.unsqueeze(-1).to(states.dtype)
        return (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> dict[str, torch.Tensor]:
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        states = self.dropout(states)
        attribution, hedge_cues = self.attribution(states), self.hedge_cues(states)
        pooled = (sentence_features(states, attention_mask, hedge_cues, attribution) if self.pooling == "mean_max_tags"
                  else self.pool(states, attention_mask))
        return {"attribution": attribution, "hedge_cues": hedge_cues, "sentence": self.sentence(pooled), "states": states}

    def link_logits(self, states: torch.Tensor, cue_mask: torch.Tensor) -> torch.Tensor:
        """Linker tags for each cue: ``states [B, T, H]``, ``cue_mask [B, K, T]`` (1 on the cue's tokens)
        → logits ``[B, K, T, len(LINK_TAGS)]``. A cue is its tokens' mean state plus its extent."""
        mask = cue_mask.to(states.dtype)
        cue = mask @ states / mask.sum(-1, keepdim=True).clamp(min=1.0)  # [B, K, H]
        length = states.shape[1]
        pos = torch.arange(length, device=states.device)
        on = cue_mask > 0
        start = torch.where(on, pos, length).min(-1).values.clamp(max=length - 1)
        end = torch.where(on, pos, -1).max(-1).values.clamp(min=0)
        distance = self.link_distance(distance_buckets(length, start, end))  # [B, K, T, H]
        interaction = self.link_token_low(states).unsqueeze(1) * self.link_cue_low(cue).unsqueeze(2)  # [B, K, T, R]
        hidden = (self.link_token(states).unsqueeze(1) + self.link_cue(cue).unsqueeze(2)
                  + self.link_interaction(interaction) + distance)
        return self.link_out(nn.functional.gelu(hidden))

    def trainable_state(self, trained_layers: int) -> dict[str, torch.Tensor]:
        """The weights that differ from the base: the heads and the top ``trained_layers`` layers."""
        n = self.encoder.config.num_hidden_layers
        keep = tuple(f"encoder.encoder.layer.{i}." for i in range(n - trained_layers, n))
        return {
            k: v for k, v in self.state_dict().items()
            if not k.startswith("encoder.") or k.startswith(keep)
        }


def freeze_below(net: MultiTaskNet, trained_layers: int) -> None:
    """Train only the heads and the top ``trained_layers`` encoder layers (the shipped delta).

    The embeddings stay frozen even at ``trained_layers=6`` (every transformer layer): they are
    half of MiniLM's weights, and freezing them keeps the shipped delta small.
    """
    n = net.encoder.config.num_hidden_layers
    keep = tuple(f"encoder.layer.{i}." for i in range(n - trained_layers, n))
    for name, param in net.encoder.named_parameters():
        param.requires_grad = name.startswith(keep)

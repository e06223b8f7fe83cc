"""The multi-task network: a BERT encoder and small heads over its last hidden states.

Heads: attribution tags (BIO over SOURCE/CUE/CONTENT, PolNeAR), hedge-cue tags (BIO, Szeged),
and three sentence probabilities from one pooled vector (check-worthiness, hedge, weasel).
"""

from __future__ import annotations

from typing import Literal

import torch
from torch import nn

from credscore.model.tags import ATTRIBUTION_TAGS, HEDGE_TAGS, SENTENCE_TASKS

__all__ = ["ATTRIBUTION_TAGS", "HEDGE_TAGS", "SENTENCE_TASKS", "MultiTaskNet", "freeze_below"]
Pooling = Literal["mean", "cls"]


class MultiTaskNet(nn.Module):
    """Encoder + heads. ``forward`` returns every head's logits from one encoder pass."""

    def __init__(self, encoder: nn.Module, *, pooling: Pooling = "mean", dropout: float = 0.1) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.pooling = pooling
        self.dropout = nn.Dropout(dropout)
        self.attribution = nn.Linear(hidden, len(ATTRIBUTION_TAGS))
        self.hedge_cues = nn.Linear(hidden, len(HEDGE_TAGS))
        self.sentence = nn.Linear(hidden, len(SENTENCE_TASKS))

    def pool(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        if self.pooling == "cls":
            return states[:, 0]
        weights = mask.unsqueeze(-1).to(states.dtype)
        return (states * weights).sum(1) / weights.sum(1).clamp(min=1.0)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> dict[str, torch.Tensor]:
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        states = self.dropout(states)
        return {
            "attribution": self.attribution(states),
            "hedge_cues": self.hedge_cues(states),
            "sentence": self.sentence(self.pool(states, attention_mask)),
        }

    def trainable_state(self, trained_layers: int) -> dict[str, torch.Tensor]:
        """The weights that differ from the base: the heads and the top ``trained_layers`` layers."""
        n = self.encoder.config.num_hidden_layers
        keep = tuple(f"encoder.encoder.layer.{i}." for i in range(n - trained_layers, n))
        return {
            k: v for k, v in self.state_dict().items()
            if not k.startswith("encoder.") or k.startswith(keep)
        }


def freeze_below(net: MultiTaskNet, trained_layers: int) -> None:
    """Train only the heads and the top ``trained_layers`` encoder layers (the shipped delta)."""
    n = net.encoder.config.num_hidden_layers
    keep = tuple(f"encoder.layer.{i}." for i in range(n - trained_layers, n))
    for name, param in net.encoder.named_parameters():
        param.requires_grad = name.startswith(keep)

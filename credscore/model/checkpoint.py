"""Self-describing checkpoints: a JSON inference config, fp16 safetensors delta, a model card.

The delta holds only what training changed (heads + top encoder layers); the rest comes from
the packaged base encoder. The config records the sha256 of both, and loading checks them, so a
changed or truncated file fails loudly instead of scoring with other weights. No pickles anywhere.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from credscore.errors import ModelLoadError
from credscore.model.base import base_model_sha256, check_base_model, file_sha256

CONFIG_FILE = "credscore_model.json"
WEIGHTS_FILE = "delta.safetensors"
FORMAT_VERSION = 1
#: how the encoder runs: auto (see credscore.model.heads.resolve_runtime); PyTorch (CPU fp32 or bf16
#: where it pays, CUDA bf16); ONNX Runtime fp32 on the CPU (torch's answers); ONNX Runtime int8 (opt-in)
RUNTIMES = ("auto", "torch", "onnx", "onnx-int8")


@dataclass
class ModelConfig:
    """Everything inference needs besides the weights."""

    name: str = "credscore-minilm"
    version: str = "0.1.0"
    pooling: str = "mean"
    trained_layers: int = 2
    max_length: int = 128
    attribution_tags: list[str] = field(default_factory=list)
    hedge_tags: list[str] = field(default_factory=list)
    sentence_tasks: list[str] = field(default_factory=list)
    #: the linker head's tags; empty for models trained without it
    link_tags: list[str] = field(default_factory=list)
    #: per sentence task: {"coef": [model_logit, rule_score], "intercept": b, "iso_x": [...], "iso_y": [...]}
    fusion: dict[str, dict[str, Any]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    #: how the tagging head changes the rules' attributions: "add" tagged cues the rules missed, built
    #: on the parse ("none"; "lexicon": reporting verbs only; "clausal": also other verbs with a clause
    #: or quote) where the cue probability reaches "add_above", and "veto" rule verb cues whose cue
    #: probability stays under "veto_below". A new model changes nothing until a dev evaluation
    #: chose otherwise (the shipped config records it).
    attribution: dict[str, Any] = field(default_factory=lambda: {"add": "none", "veto": False})
    #: a model directory, relative to this one, whose linker decodes the attributions when the
    #: policy's "mode" is "spans" (it decodes with its own policy); empty: this model's own linker.
    #: Lets the sentence heads and the span model come from different training runs.
    span_model: str = ""
    #: where the sentence heads read their sentence: "sentence" (a pass of its own per sentence,
    #: pooled over [CLS] … [SEP]) or "window" (pooled over the sentence's wordpieces out of the
    #: linker's window pass, so one encoder pass serves every head; ``training.sentence_heads``)
    sentence_pass: str = "sentence"
    base_model: str = "sentence-transformers/all-MiniLM-L6-v2"
    base_model_sha256: str = ""
    #: sha256 of WEIGHTS_FILE as saved; empty in checkpoints saved before it was recorded (not checked)
    delta_sha256: str = ""
    credscore_version: str = ""
    format_version: int = FORMAT_VERSION
    metrics: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)


def save_model(net: Any, config: ModelConfig, directory: str | Path, *, card: str | None = None) -> Path:
    """Write the config, the fp16 delta and (if given) the model card into ``directory``."""
    from safetensors.torch import save_file

    from credscore import __version__

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    config.base_model_sha256 = base_model_sha256()
    config.credscore_version = __version__
    state = {k: v.detach().to("cpu").half().contiguous() for k, v in net.trainable_state(config.trained_layers).items()}
    save_file(state, str(directory / WEIGHTS_FILE), metadata={"format": "credscore-delta", "version": str(FORMAT_VERSION)})
    config.delta_sha256 = file_sha256(directory / WEIGHTS_FILE)
    (directory / CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    if card is not None:
        (directory / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    return directory


def read_config(directory: str | Path) -> ModelConfig:
    path = Path(directory) / CONFIG_FILE
    if not path.is_file():
        raise ModelLoadError(f"{directory} is not a credscore model: {CONFIG_FILE} is missing")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        config = ModelConfig(**raw)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ModelLoadError(f"{path} is not a valid model config: {exc}") from exc
    if config.format_version != FORMAT_VERSION:
        raise ModelLoadError(f"{path} has format_version {config.format_version}; this credscore reads {FORMAT_VERSION}")
    return config


def model_directories(directory: str | Path) -> list[Path]:
    """The directories whose weights a model runs: its own, then its ``span_model``'s if it names one."""
    directory = Path(directory)
    span_model = read_config(directory).span_model
    return [directory, *([directory / span_model] if span_model else [])]


def check_delta(weights: str | Path, expected: str) -> None:
    """Refuse a delta whose sha256 is not the one its config recorded (``expected``; empty: not recorded)."""
    if not expected:
        return
    actual = file_sha256(weights)
    if actual != expected:
        raise ModelLoadError(
            f"{weights} has sha256 {actual}, but {CONFIG_FILE} beside it records {expected}: the weights were "
            "changed or damaged after the model was saved; restore the file (reinstall credscore for the "
            "shipped model) or save the model again"
        )


def load_model(directory: str | Path, *, device: str = "cpu") -> tuple[Any, Any, ModelConfig]:
    """Base encoder + delta → (network in eval mode, fast tokenizer, config). Fails loudly."""
    from safetensors.torch import load_file
    from transformers import AutoModel, AutoTokenizer

    from credscore.model.network import MultiTaskNet

    config = read_config(directory)
    weights = Path(directory) / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelLoadError(f"{directory} has no {WEIGHTS_FILE}")
    check_delta(weights, config.delta_sha256)
    base = check_base_model()
    if config.base_model_sha256 and config.base_model_sha256 != base_model_sha256():
        raise ModelLoadError(f"{directory} was trained on a different base encoder (sha256 {config.base_model_sha256})")
    from transformers.utils import logging as hf_logging

    bar = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a library stays quiet; restored below for the host
    try:
        encoder = AutoModel.from_pretrained(str(base), local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    finally:
        if bar:
            hf_logging.enable_progress_bar()
    net = MultiTaskNet(encoder, pooling=config.pooling, link=bool(config.link_tags))  # type: ignore[arg-type]
    try:
        delta = load_file(str(weights))
    except Exception as exc:  # safetensors raises its own error types for a corrupt file
        raise ModelLoadError(f"{weights} cannot be read: {exc}") from exc
    expected = set(net.trainable_state(config.trained_layers))
    if set(delta) != expected:
        missing, extra = sorted(expected - set(delta))[:5], sorted(set(delta) - expected)[:5]
        raise ModelLoadError(f"{weights} does not fit this network: missing {missing}, unexpected {extra}")
    net.load_state_dict({k: v.float() for k, v in delta.items()}, strict=False)
    net.eval().to(device)
    return net, tokenizer, config

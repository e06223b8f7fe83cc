"""The ONNX Runtime CPU paths: the same network, exported once, run without torch.

``torch.onnx`` exports the fine-tuned network (encoder + heads, dynamic batch and length). The
``onnx`` runtime runs that fp32 graph as it is: the same answers as torch fp32 (logits within
1e-5), faster on a CPU without AMX, and no torch import at scoring time. The ``onnx-int8``
runtime also quantises the encoder's matrix multiplications with ``onnxruntime.quantization``
(weights per channel, activations on the fly; the three heads stay fp32): faster again, but its
answers move (opt-in; BENCHMARKS.md). A file is built on first use and cached by the model's
content hash under ``$CREDSCORE_CACHE`` (default ``~/.cache/credscore``): nothing is downloaded.
Its sha256 is written beside it (``….onnx.sha256``) and checked before each load; a file that no
longer matches is rebuilt, with a warning.
Not ``optimum``: it downgrades transformers.

Whether a runtime keeps the answers is measured, not assumed: ``python -m training.evaluate
--runtime R --compare …`` and ``python benchmarks/parity.py --a cpu --b cpu/R``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from credscore.errors import ModelLoadError
from credscore.model.base import file_sha256
from credscore.model.checkpoint import CONFIG_FILE, WEIGHTS_FILE, check_delta, read_config

logger = logging.getLogger("credscore")

CACHE_ENV = "CREDSCORE_CACHE"
#: "states" (the encoder's last hidden states) feed the span decoder's linker (credscore.model.spans)
OUTPUTS = ("attribution", "hedge_cues", "sentence", "states")
#: head layers kept in fp32: small, and their logits are what the scores are made of
FP32_NODES = ("/net/attribution/", "/net/hedge_cues/", "/net/sentence/")


def _require_onnxruntime() -> Any:
    try:
        import onnxruntime
    except ImportError:
        raise ModelLoadError("the onnx runtimes need onnxruntime and onnx: pip install 'credscore[onnx]'") from None
    return onnxruntime


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "credscore")


def onnx_available() -> bool:
    """Are onnxruntime and onnx installed (the ``onnx`` extra)? Checked without importing them."""
    from importlib.util import find_spec

    return find_spec("onnxruntime") is not None and find_spec("onnx") is not None


#: the config fields that shape the exported graph; the rest (fusion, thresholds, attribution
#: policy, metrics) are applied to its outputs, so refitting them keeps the cached file
NETWORK_FIELDS = ("pooling", "trained_layers", "base_model_sha256", "format_version")


def onnx_path(model_dir: str | Path, *, int8: bool) -> Path:
    """Where the export of ``model_dir`` lives: keyed by its weights, the config fields that shape
    the network, and the credscore and onnxruntime versions that exported and run it."""
    from credscore import __version__

    ort = _require_onnxruntime()
    model_dir = Path(model_dir)
    try:
        raw = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        weights = (model_dir / WEIGHTS_FILE).read_bytes()
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{model_dir} cannot be exported: {exc}") from exc
    shape = json.dumps({name: raw.get(name) for name in NETWORK_FIELDS}, sort_keys=True)
    digest = hashlib.sha256(f"{ort.__version__}|{__version__}|{shape}|{','.join(OUTPUTS)}|".encode())
    digest.update(weights)
    return cache_dir() / f"{model_dir.name}-{digest.hexdigest()[:16]}.{'int8' if int8 else 'fp32'}.onnx"


def _with_tuple_outputs(net: Any) -> Any:
    """``net`` returning a tuple of tensors in OUTPUTS order, which is what the ONNX exporter traces."""
    import torch

    class Wrapped(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net  # the attribute name gives the head nodes their "/net/…" prefix (FP32_NODES)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
            out = self.net(input_ids, attention_mask)
            return tuple(out[name] for name in OUTPUTS)

    return Wrapped().eval()


@contextmanager
def _staged(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that becomes ``path`` only once written whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        staged = Path(tmp) / path.name
        yield staged
        os.replace(staged, path)  # atomic: a concurrent reader never sees half a file


def sha256_path(path: str | Path) -> Path:
    """Where the sha256 of the cached ONNX file at ``path`` is recorded: beside it."""
    path = Path(path)
    return path.with_name(path.name + ".sha256")


def _record_sha256(staged: Path, path: Path) -> None:
    """Record the sha256 of ``staged`` for ``path``, before ``staged`` becomes ``path`` (so a reader
    that finds the file finds its record)."""
    record = staged.with_name(staged.name + ".sha256")
    record.write_text(file_sha256(staged) + "\n", encoding="ascii")
    os.replace(record, sha256_path(path))


def _cache_damage(path: Path) -> str | None:
    """Why the cached file at ``path`` cannot be trusted, or None when it matches its recorded sha256."""
    try:
        recorded = sha256_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return f"it has no readable sha256 record {sha256_path(path).name}"
    try:
        actual = file_sha256(path)
    except OSError as exc:
        return f"it cannot be read: {exc}"
    if actual != recorded:
        return f"its sha256 is {actual}, not the {recorded} recorded when it was built"
    return None


def export_onnx(net: Any, path: str | Path) -> None:
    """Export ``net`` (a loaded :class:`MultiTaskNet`, on CPU) to an fp32 ONNX file at ``path``."""
    import torch

    # A padded sample: traced with an all-ones mask, the exporter may drop the mask as a constant.
    ids = torch.full((2, 12), 1000, dtype=torch.long)
    mask = torch.ones(2, 12, dtype=torch.long)
    mask[1, 7:] = 0
    dynamic = {"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
               "attribution": {0: "batch", 1: "length"}, "hedge_cues": {0: "batch", 1: "length"}, "sentence": {0: "batch"},
               "states": {0: "batch", 1: "length"}}
    with warnings.catch_warnings(), torch.inference_mode():
        # The tracer warns about shape checks it freezes; the dynamic axes and tests/test_onnx_runtime.py
        # (padded batches of many lengths against fp32) show the graph holds for every shape.
        warnings.simplefilter("ignore")
        torch.onnx.export(_with_tuple_outputs(net.cpu()), (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=list(OUTPUTS), dynamic_axes=dynamic, opset_version=17, dynamo=False)


def _quantize(fp32: Path, out: Path) -> None:
    """int8 weights per channel for the encoder's MatMuls; the heads (FP32_NODES) stay fp32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = [n.name for n in onnx.load(str(fp32)).graph.node if n.name.startswith(FP32_NODES)]
    # quantize_dynamic logs advice through logging.warning(), which would also give the host's
    # root logger a handler: a NullHandler stops that, the level keeps the host's handlers quiet.
    root = logging.getLogger()
    level = root.level
    hush = logging.NullHandler()
    root.addHandler(hush)
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep)
    finally:
        root.removeHandler(hush)
        root.setLevel(level)


class OnnxNetwork:
    """An ONNX Runtime session with the network's call shape: numpy ids and mask in, logits out."""

    def __init__(self, path: str | Path, *, threads: int | None = None) -> None:
        ort = _require_onnxruntime()
        options = ort.SessionOptions()
        # CREDSCORE_THREADS: a worker process's share of the cores (credscore.parallel)
        options.intra_op_num_threads = threads or int(os.environ.get("CREDSCORE_THREADS") or 0) or os.cpu_count() or 1
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own error types for a corrupt file
            raise ModelLoadError(f"{path} cannot be loaded by onnxruntime ({exc}); delete it to rebuild") from exc

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
        out = self.session.run(list(OUTPUTS), {"input_ids": ids.astype(np.int64), "attention_mask": mask.astype(np.int64)})
        return dict(zip(OUTPUTS, out))


def ensure_onnx(model_dir: str | Path, *, int8: bool) -> Path:
    """The cached ONNX file of ``model_dir``, built first if missing: the fp32 export (this needs
    torch, once), and the int8 file quantised from that fp32 file rather than exported again."""
    check_delta(Path(model_dir) / WEIGHTS_FILE, read_config(model_dir).delta_sha256)
    path = onnx_path(model_dir, int8=int8)
    if path.is_file():
        damage = _cache_damage(path)
        if damage is None:
            return path
        logger.warning("credscore: the cached ONNX model %s does not match its sha256 record (%s); rebuilding it",
                       path, damage)
    if int8:
        fp32 = ensure_onnx(model_dir, int8=False)
        write: Callable[[Path], None] = lambda staged: _quantize(fp32, staged)  # noqa: E731
    else:
        from credscore.model.checkpoint import load_model

        net, _, _ = load_model(model_dir, device="cpu")
        write = lambda staged: export_onnx(net, staged)  # noqa: E731
    logger.info("building the ONNX model for %s into %s (once)", model_dir, path)
    try:
        with _staged(path) as staged:
            write(staged)
            _record_sha256(staged, path)
    except OSError as exc:
        raise ModelLoadError(f"cannot write the ONNX model to {path} ({exc}); set {CACHE_ENV} to a writable folder") from exc
    return path


def load_onnx(model_dir: str | Path, *, int8: bool, threads: int | None = None) -> OnnxNetwork:
    """The ONNX network for ``model_dir`` (fp32, or int8 encoder), exported first if the cache lacks it."""
    return OnnxNetwork(ensure_onnx(model_dir, int8=int8), threads=threads)

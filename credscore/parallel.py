"""Scoring in worker processes: each runs its own :class:`~credscore.scorer.Scorer` on whole batches.

Why processes: the parse and the feature rules are single-threaded Python, so one process leaves
cores idle while it parses and the encoder idle while it does. With N processes, batches parse
in one while the encoder runs in another. Batches go out in input order and come back in input
order; at most ``2 × workers`` are in flight, so memory stays bounded however long the input.
Workers are spawned (not forked: a forked copy of an initialised thread pool can deadlock) and
split the machine's cores between them.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

Batch = TypeVar("Batch")

_scorer: Any = None  # this worker's Scorer, built once by _start


def _start(model: Any, device: str, runtime: str, batch_size: int, threads: int, parent: int) -> None:
    # Set before torch / onnxruntime load in this fresh process, so each worker keeps to its share.
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["CREDSCORE_THREADS"] = str(threads)
    _exit_with_parent(parent)
    from credscore.scorer import Scorer

    global _scorer
    _scorer = Scorer(model=model, device=device, runtime=runtime, batch_size=batch_size).load()
    heads = _scorer.model_heads
    if heads is not None and heads.runtime == "torch":  # the ONNX runtimes never import torch
        import torch

        torch.set_num_threads(threads)


def _build_runtime_files(model: Any, device: str, runtime: str) -> None:
    """Export the ONNX files the workers will load (the model's, and its span model's), once here, rather
    than once per worker at the same time."""
    from credscore.errors import ModelLoadError
    from credscore.model.heads import resolve_runtime
    from credscore.scorer import resolve_model_dir

    resolved, _ = resolve_runtime(runtime, device)
    if resolved in ("onnx", "onnx-int8"):
        from credscore.model.checkpoint import model_directories
        from credscore.model.onnx_runtime import ensure_onnx

        try:
            for directory in model_directories(resolve_model_dir(model)):
                ensure_onnx(directory, int8=resolved == "onnx-int8")
        except ModelLoadError:
            if runtime != "auto":
                raise  # with "auto", each worker falls back to torch and says so


def _score(articles: list[Any]) -> list[Any]:
    return list(_scorer._score_articles(articles))


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed, even with -9)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="credscore-parent-watch", daemon=True).start()


class WorkerPool:
    """``workers`` processes, each with a loaded scorer built from the same settings."""

    def __init__(self, *, model: Any, device: str, runtime: str, batch_size: int, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        if model is not None:
            _build_runtime_files(model, device, runtime)
        threads = max(1, (os.cpu_count() or 1) // workers)
        self._initargs = (model, device, runtime, batch_size, threads, os.getpid())
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"), initializer=_start,
                                   initargs=self._initargs)

    def map(self, batches: Iterable[tuple[Batch, list[Any]]]) -> Iterator[tuple[Batch, list[Any]]]:
        """Score each ``(tag, articles)``; yield ``(tag, results)`` in the order given.

        A batch that fails as a whole (a worker died, or its articles could not be sent) is
        scored again one article at a time, so only the article that fails alone becomes an
        error record; a dead pool is replaced first.
        """
        window: deque[tuple[Batch, list[Any], Future[list[Any]]]] = deque()
        for tag, articles in batches:
            window.append((tag, articles, self._submit(articles)))
            if len(window) >= 2 * self.workers:
                yield self._collect(*window.popleft())
        while window:
            yield self._collect(*window.popleft())

    def _collect(self, tag: Batch, articles: list[Any], future: Future[list[Any]]) -> tuple[Batch, list[Any]]:
        try:
            return tag, future.result()
        except Exception:
            return tag, [self._score_alone(article) for article in articles]

    def _score_alone(self, article: Any) -> Any:
        from credscore.results import ErrorResult

        try:
            return self._submit([article]).result()[0]
        except Exception as exc:
            return ErrorResult.from_exception(exc, input=article.id or "<text>", id=article.id)

    def _submit(self, articles: list[Any]) -> Future[list[Any]]:
        """Send a batch to the pool, first replacing the pool if a worker's death has broken it."""
        try:
            return self._executor.submit(_score, articles)
        except BrokenProcessPool:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_executor()
            return self._executor.submit(_score, articles)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

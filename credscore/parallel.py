"""Scoring in worker processes: each builds its own scorer once and scores whole batches.

Why processes: the parse and the feature rules are single-threaded Python, so one process leaves
cores idle while it parses and the encoder idle while it does. With N processes, batches parse
in one while the encoder runs in another. Batches go out in input order and come back in input
order; at most ``2 × workers`` are in flight, so memory stays bounded however long the input.
Workers are spawned (not forked: a forked copy of an initialised thread pool can deadlock) and
split the machine's cores between them.

This module knows nothing of :class:`~credscore.scorer.Scorer`: the pool is given a picklable
``start`` callable that each worker calls once to get its batch function (the scorer passes one
built from its settings). So the scorer may use the pool, and the pool never imports the scorer.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

Batch = TypeVar("Batch")
#: Called once in each worker; returns the function that scores a list of articles, one result each.
Start = Callable[[], Callable[[list[Any]], list[Any]]]

_score_batch: Callable[[list[Any]], list[Any]] | None = None  # this worker's, set once by _start


def _start(start: Start, threads: int, parent: int) -> None:
    # Set before torch / onnxruntime load in this fresh process, so each worker keeps to its share.
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["CREDSCORE_THREADS"] = str(threads)
    _exit_with_parent(parent)
    global _score_batch
    _score_batch = start()
    if "torch" in sys.modules:  # loaded for the torch runtime (the ONNX runtimes never import it)
        sys.modules["torch"].set_num_threads(threads)


def _score(articles: list[Any]) -> list[Any]:
    assert _score_batch is not None, "the worker's initializer did not run"
    return _score_batch(articles)


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
    """``workers`` processes, each scoring with the batch function its ``start()`` returned.

    >>> pool = WorkerPool(start, workers=2)  # doctest: +SKIP
    >>> for tag, results in pool.map((tag, articles) for tag, articles in batches): ...  # doctest: +SKIP
    >>> pool.close()  # doctest: +SKIP
    """

    def __init__(self, start: Start, *, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self._initargs = (start, threads, os.getpid())
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

"""Micro-batching: many asyncio callers, one worker thread that processes their items in batches.

The service's scorer is not thread-safe and scores faster in batches (one spaCy pipe, one
encoder run), so one thread owns it: callers put their items on a queue, the worker takes what
is waiting (up to ``max_batch`` items, waiting at most ``max_wait`` seconds for more), processes
it with one call and hands each caller its results, in order, as soon as they are ready.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

logger = logging.getLogger("credscore")

T = TypeVar("T")
R = TypeVar("R")


class BatcherStopped(RuntimeError):
    """An item was submitted to a batcher that is not running (not started, or stopped)."""


@dataclass
class _Job(Generic[T]):
    """One caller's items and the future its results go to."""

    items: Sequence[T]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    cancelled: bool = False  # the caller gave up (a timeout): its items are skipped if not yet begun
    answered: bool = field(default=False, repr=False)

    def answer(self, value: list[Any] | BaseException) -> None:
        """Resolve the caller's future from the worker thread (results, or the exception)."""
        self.answered = True
        try:
            self.loop.call_soon_threadsafe(_settle, self.future, value)
        except RuntimeError:  # the caller's loop is closed: nobody is waiting any more
            pass


def _settle(future: asyncio.Future[Any], value: list[Any] | BaseException) -> None:
    if future.done():  # cancelled by a timeout while the worker ran
        return
    if isinstance(value, BaseException):
        future.set_exception(value)
    else:
        future.set_result(value)


_STOP = object()


def _next(results: Iterator[Any]) -> Any:
    try:
        return next(results)
    except StopIteration:
        raise RuntimeError("process() returned fewer results than it was given items") from None


class MicroBatcher(Generic[T, R]):
    """Feeds items from asyncio callers to ``process`` on one worker thread, in batches.

    ``process(items)`` returns one result per item, in order (it may be lazy: each caller is
    answered as soon as its last result comes). ``setup`` runs first on the worker thread (the
    scorer loads there). If a batch call fails, its callers are retried one at a time so a
    failure costs only the caller whose items raise; that caller gets the exception and the
    worker goes on. :meth:`stop` drains what is queued before the thread exits.

    >>> import asyncio
    >>> batcher = MicroBatcher(lambda items: [x * 2 for x in items])
    >>> batcher.start()
    >>> asyncio.run(batcher.submit([1, 2]))
    [2, 4]
    >>> batcher.stop()
    """

    def __init__(
        self, process: Callable[[list[T]], Iterable[R]], *, setup: Callable[[], object] | None = None,
        max_batch: int = 64, max_wait: float = 0.005, name: str = "credscore-batcher",
    ) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, got {max_batch}")
        if max_wait < 0:
            raise ValueError(f"max_wait must be zero or more seconds, got {max_wait}")
        self.process = process
        self.setup = setup
        self.max_batch = max_batch
        self.max_wait = max_wait
        self.name = name
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._setup_error: BaseException | None = None
        self._accepting = False

    @property
    def running(self) -> bool:
        return self._accepting

    def start(self) -> None:
        """Start the worker thread and wait until ``setup`` has run; its exception is raised here."""
        if self._thread is not None:
            raise RuntimeError("this batcher was already started")
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._setup_error is not None:
            self._thread.join()
            raise self._setup_error
        self._accepting = True

    def stop(self) -> None:
        """Refuse new items, finish every queued one, and end the worker thread."""
        self._accepting = False
        if self._thread is None or not self._thread.is_alive():
            return
        self._queue.put(_STOP)
        self._thread.join()

    async def submit(self, items: Sequence[T]) -> list[R]:
        """The results of ``items``, in order. Cancelling the wait skips items not yet begun."""
        if not self._accepting:
            raise BatcherStopped("the scoring worker is not running (the service is starting or shutting down)")
        if not items:
            return []
        loop = asyncio.get_running_loop()
        job: _Job[T] = _Job(items=items, loop=loop, future=loop.create_future())
        self._queue.put(job)
        try:
            return await job.future  # type: ignore[no-any-return]
        except asyncio.CancelledError:
            job.cancelled = True
            raise

    # -- the worker thread ----------------------------------------------------------------

    def _run(self) -> None:
        try:
            if self.setup is not None:
                self.setup()
        except BaseException as exc:  # handed to start(), which raises it in the caller
            self._setup_error = exc
            return
        finally:
            self._ready.set()
        stopping = False
        while not stopping:
            jobs: list[_Job[T]] = []
            try:
                stopping = self._take(jobs)
                self._answer(jobs)
            except Exception as exc:  # a failure of the loop itself: answer who waits, keep serving
                logger.exception("the batching worker failed; answering %d waiting request(s) with the error", len(jobs))
                for job in jobs:
                    if not job.answered:
                        job.answer(exc)

    def _take(self, jobs: list[_Job[T]]) -> bool:
        """Block for a job, then take what else is waiting, up to the batch size or the wait. True at stop."""
        first = self._queue.get()
        if first is _STOP:
            return True
        jobs.append(first)
        size = len(first.items)
        deadline = time.monotonic() + self.max_wait
        while size < self.max_batch:
            try:
                job = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if job is _STOP:
                return True
            jobs.append(job)
            size += len(job.items)
        return False

    def _answer(self, jobs: list[_Job[T]]) -> None:
        """Process the live jobs' items in one call and answer each job; on failure, each job alone."""
        live = [job for job in jobs if not job.cancelled]
        for job in jobs:
            if job.cancelled:
                job.answered = True
        if not live:
            return
        try:
            results = iter(self.process([item for job in live for item in job.items]))
            for job in live:
                job.answer([_next(results) for _ in job.items])
        except Exception as exc:
            pending = [job for job in live if not job.answered]
            if len(pending) > 1:
                logger.warning("a batch of %d requests failed (%s); retrying them one at a time", len(pending), exc)
                for job in pending:
                    self._answer([job])
                return
            logger.exception("scoring a request failed")
            for job in pending:
                job.answer(exc)

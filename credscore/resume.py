"""Resume an interrupted JSONL run: which records the output already holds, to skip them.

:class:`~credscore.writers.ResumableJsonlWriter` flushes every line, so a killed run leaves
whole lines and at most one torn last line, which :class:`ResumeState` cuts off and redoes.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credscore.outputs import OutputError, is_stream
from credscore.results import ErrorResult

if TYPE_CHECKING:
    from credscore.intake import Article
    from credscore.results import ArticleResult

    Result = ArticleResult | ErrorResult


def record_key(item: Article | Result | Mapping[str, Any]) -> str | None:
    """What identifies a record across runs: its id, else (an error without an id) its input name."""
    if isinstance(item, Mapping):
        return item.get("id") if item.get("id") is not None else item.get("input")
    ident = getattr(item, "id", None)
    if ident is None and isinstance(item, ErrorResult):
        return item.input
    return ident


class ResumeState:
    """The records a JSONL output already holds, to skip them when the run starts again.

    Keys are counted, not just collected, and the input is read in the same order as before,
    so a record whose id occurs twice in the input is skipped only as often as it was written.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.done: dict[str | None, deque[bool]] = {}
        self.written = 0
        self.dropped_tail = 0
        self.skipped = 0
        self.skipped_errors = 0

    @classmethod
    def load(cls, path: Path) -> ResumeState:
        """Read ``path`` (if it exists); an unfinished last line is cut off the file, to be redone."""
        state = cls(path)
        if not state.path.exists() or is_stream(state.path):  # a device holds nothing to resume
            return state
        keep = 0
        with open(state.path, "rb") as handle:
            number = 0
            for line in handle:
                number += 1
                if not line.endswith(b"\n"):
                    state.dropped_tail = len(line)
                    break
                keep += len(line)
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    raise OutputError(
                        f"{state.path}: line {number} is not a JSON record, so the file cannot be resumed "
                        "(only an unfinished last line is repaired); move it aside or run without --resume"
                    ) from None
                if not isinstance(record, dict):
                    raise OutputError(f"{state.path}: line {number} is not a result object; cannot resume")
                state.done.setdefault(record_key(record), deque()).append("error" in record)
                state.written += 1
        if state.dropped_tail:
            os.truncate(state.path, keep)
        return state

    def pending(self, records: Iterable[Article | ErrorResult]) -> Iterator[Article | ErrorResult]:
        """``records`` less those already written (counting ``skipped`` and ``skipped_errors``)."""
        for record in records:
            flags = self.done.get(record_key(record))
            if flags:
                self.skipped += 1
                self.skipped_errors += flags.popleft()
                continue
            yield record

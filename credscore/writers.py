"""Write results as JSON, JSONL, text, CSV or Parquet.

Every writer takes results one at a time (:meth:`ResultWriter.write`) and holds at most a row
group in memory. JSON, text, CSV and Parquet files are written atomically: into a temporary file
beside the target, moved over it with ``os.replace`` on :meth:`~ResultWriter.close`, removed on
:meth:`~ResultWriter.abort`, so a reader never sees half a file (:mod:`credscore.outputs`). A
JSONL file is the exception: it is the resumable format, so :class:`ResumableJsonlWriter` writes
it in place (fresh, or appending with ``--resume``), flushing every line and fsync-ing in
batches; a killed run leaves whole lines and at most one torn last line, which
:class:`~credscore.resume.ResumeState` cuts off and redoes.

CSV and Parquet hold two tables (:mod:`credscore.tables`): articles in ``PATH`` and claims in
:func:`claims_path` of it (``out.csv`` → ``out.claims.csv``); CSV to stdout is the articles table.

The writers only write. What an output path is (:mod:`credscore.outputs`), which records a
resumed run skips (:mod:`credscore.resume`) and the progress bar (:mod:`credscore.terminal`)
live beside them; their names are re-exported here, so imports from ``credscore.writers`` keep
working.

>>> claims_path(Path("runs/out.parquet")).as_posix()
'runs/out.claims.parquet'
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, get_args

from credscore.outputs import AtomicFile, OutputError, Stdout, Target, check_output, claims_path, is_stream
from credscore.resume import ResumeState, record_key
from credscore.tables import ARTICLE_COLUMNS, ARTICLE_FIELDS, CLAIM_COLUMNS, CLAIM_FIELDS, ColumnType, article_row, claim_rows
from credscore.terminal import Progress, for_terminal, progress_enabled

if TYPE_CHECKING:
    from credscore.results import ArticleResult, ErrorResult

    Result = ArticleResult | ErrorResult

OutputFormat = Literal["json", "jsonl", "text", "csv", "parquet"]
OUTPUT_FORMATS: tuple[str, ...] = get_args(OutputFormat)
#: Formats that may go to stdout (CSV: the articles table only).
STDOUT_FORMATS = frozenset({"json", "jsonl", "text", "csv"})
#: A resumed JSONL file is fsync'ed after this many lines or seconds, whichever comes first.
FSYNC_EVERY_LINES = 32
FSYNC_EVERY_SECONDS = 2.0
#: Rows buffered per Parquet row group.
PARQUET_ARTICLE_ROWS = 1024
PARQUET_CLAIM_ROWS = 16384


class ResultWriter(Protocol):
    """Where results go: ``write`` each, then ``close`` to finish (or ``abort`` on failure)."""

    def write(self, result: Result) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


def open_writer(
    format: OutputFormat,
    out: Path | None = None,
    *,
    render: Callable[[Result], str] | None = None,
    stdout: IO[str] | None = None,
) -> ResultWriter:
    """The writer for ``format``: to ``out`` (atomically), else to ``stdout`` (default ``sys.stdout``).

    ``render`` turns a result into text for the ``text`` format.
    """
    if format not in OUTPUT_FORMATS:
        raise OutputError(f"output format {format!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    if format == "parquet":
        if out is None:
            raise OutputError("--format parquet writes files: give --out PATH (claims go to PATH with .claims before the suffix)")
        check_output(out, format)
        return ParquetWriter(out)
    if format == "text" and render is None:
        raise OutputError("the text format needs a render function")
    stream = stdout or sys.stdout
    if format == "csv":
        if out is None:
            return CsvWriter(Stdout(stream), None)
        articles = AtomicFile(out, newline="")
        if articles.temp is None:  # a device or FIFO: the articles table only, as on stdout
            return CsvWriter(articles, None)
        try:
            claims = AtomicFile(claims_path(out), newline="")
        except BaseException:
            articles.discard()
            raise
        return CsvWriter(articles, claims)
    if format == "jsonl":
        return ResumableJsonlWriter(out, append=False) if out is not None else JsonlWriter(Stdout(stream))
    target: Target = AtomicFile(out) if out is not None else Stdout(stream)
    if format == "json":
        return JsonWriter(target)
    return TextWriter(target, render)  # type: ignore[arg-type]


# -- formats ------------------------------------------------------------------------------------


class JsonWriter:
    """A JSON array, streamed item by item; the same text as ``json.dumps(list, indent=2)``."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.count = 0

    def write(self, result: Result) -> None:
        item = textwrap.indent(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), "  ")
        self.target.stream.write(("[\n" if self.count == 0 else ",\n") + item)
        self.count += 1

    def close(self) -> None:
        self.target.stream.write("\n]\n" if self.count else "[]\n")
        self.target.commit()

    def abort(self) -> None:
        self.target.discard()


class JsonlWriter:
    """One JSON object per line, each flushed (stdout; a file goes to :class:`ResumableJsonlWriter`)."""

    def __init__(self, target: Target) -> None:
        self.target = target

    def write(self, result: Result) -> None:
        self.target.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        self.target.stream.flush()

    def close(self) -> None:
        self.target.commit()

    def abort(self) -> None:
        self.target.discard()


class TextWriter:
    """``render(result)`` per result, for a person to read."""

    def __init__(self, target: Target, render: Callable[[Result], str]) -> None:
        self.target = target
        self.render = render

    def write(self, result: Result) -> None:
        self.target.stream.write(self.render(result) + "\n")

    def close(self) -> None:
        self.target.commit()

    def abort(self) -> None:
        self.target.discard()


class CsvWriter:
    """The article table, and the claim table where a second target is given."""

    def __init__(self, articles: Target, claims: Target | None) -> None:
        self.targets = [t for t in (articles, claims) if t is not None]
        self.articles = csv.DictWriter(articles.stream, fieldnames=ARTICLE_FIELDS, lineterminator="\n")
        self.articles.writeheader()
        self.claims = None
        if claims is not None:
            self.claims = csv.DictWriter(claims.stream, fieldnames=CLAIM_FIELDS, lineterminator="\n")
            self.claims.writeheader()

    def write(self, result: Result) -> None:
        self.articles.writerow(article_row(result))
        if self.claims is not None:
            self.claims.writerows(claim_rows(result))

    def close(self) -> None:
        for target in self.targets:
            target.commit()

    def abort(self) -> None:
        for target in self.targets:
            target.discard()


class ParquetWriter:
    """The article table at ``path`` and the claim table at :func:`claims_path`, one row group per batch."""

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as error:
            raise OutputError("--format parquet needs pyarrow: pip install 'credscore[io]'") from error
        self._pa = pa
        self.files: list[AtomicFile] = []
        self.schemas = [_arrow_schema(pa, ARTICLE_COLUMNS), _arrow_schema(pa, CLAIM_COLUMNS)]
        try:
            self.files = [AtomicFile(path, binary=True)]
            self.files.append(AtomicFile(claims_path(path), binary=True))
            self.writers = [pq.ParquetWriter(f.temp, s) for f, s in zip(self.files, self.schemas)]
        except BaseException:
            self.abort()
            raise
        self.buffers: list[list[dict[str, Any]]] = [[], []]
        self.limits = (PARQUET_ARTICLE_ROWS, PARQUET_CLAIM_ROWS)

    def write(self, result: Result) -> None:
        self.buffers[0].append(article_row(result))
        self.buffers[1].extend(claim_rows(result))
        for i in (0, 1):
            if len(self.buffers[i]) >= self.limits[i]:
                self._flush(i)

    def _flush(self, i: int) -> None:
        if self.buffers[i]:
            self.writers[i].write_table(self._pa.Table.from_pylist(self.buffers[i], schema=self.schemas[i]))
            self.buffers[i] = []

    def close(self) -> None:
        for i in (0, 1):
            self._flush(i)
            self.writers[i].close()
        for file in self.files:
            file.commit()

    def abort(self) -> None:
        for writer in getattr(self, "writers", ()):
            with contextlib.suppress(Exception):
                writer.close()
        for file in self.files:
            file.discard()


def _arrow_schema(pa: Any, columns: tuple[tuple[str, ColumnType], ...]) -> Any:
    types = {"string": pa.string(), "float": pa.float64(), "int": pa.int64()}
    return pa.schema([(name, types[kind]) for name, kind in columns])



class ResumableJsonlWriter:
    """JSONL lines to ``path``, appended (or from an empty file with ``append=False``).

    Each line is flushed at once and fsync'ed every few lines or seconds, so a kill loses
    nothing written and a power cut at most the last unsynced lines; either way the file can
    be resumed.
    """

    def __init__(self, path: Path, *, append: bool = True) -> None:
        self.path = Path(path)
        self.syncable = not is_stream(self.path)  # fsync fails on /dev/null, and means nothing there
        self.stream = open(self.path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115
        self.unsynced = 0
        self.synced_at = time.monotonic()

    def write(self, result: Result) -> None:
        self.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()
        self.unsynced += 1
        if self.unsynced >= FSYNC_EVERY_LINES or time.monotonic() - self.synced_at >= FSYNC_EVERY_SECONDS:
            self._sync()

    def _sync(self) -> None:
        if self.syncable:
            os.fsync(self.stream.fileno())
        self.unsynced = 0
        self.synced_at = time.monotonic()

    def close(self) -> None:
        self.stream.flush()
        self._sync()
        self.stream.close()

    def abort(self) -> None:  # what was written stays: that is the point of resuming
        with contextlib.suppress(OSError, ValueError):
            self.close()


__all__ = [
    "AtomicFile",
    "CsvWriter",
    "JsonWriter",
    "JsonlWriter",
    "OUTPUT_FORMATS",
    "OutputError",
    "ParquetWriter",
    "Progress",
    "ResultWriter",
    "ResumableJsonlWriter",
    "ResumeState",
    "TextWriter",
    "check_output",
    "claims_path",
    "for_terminal",
    "is_stream",
    "open_writer",
    "progress_enabled",
    "record_key",
]

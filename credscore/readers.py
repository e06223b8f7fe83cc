"""Read many articles: files, folders, globs and stdin; JSONL, CSV and Parquet records; HTML; text.

:func:`read_records` yields, per input record, an :class:`~credscore.intake.Article` or an
:class:`~credscore.results.ErrorResult` (a bad JSON line, a record without its text column, an
unreadable file: its id and what is wrong). A bad record never stops the others, and nothing is
dropped or repeated: the stream has exactly one item per record, in input order, ready for
:meth:`credscore.Scorer.score_many`.

Finding the inputs (files, folders, globs, stdin) is :mod:`credscore.inputs`; its names are
re-exported here. Record ids are stable across runs: the id column when a record has one, else
``<file>:<line>`` (JSONL, 1-based physical line), ``<file>:<row>`` (CSV and Parquet, 1-based data
row), or, for a one-article file, the id :func:`expand_inputs` gave it.

JSONL and CSV are read line by line, so memory stays bounded however large the file; Parquet is
read one row group at a time with pyarrow (``pip install 'credscore[io]'``).

>>> import io
>>> records = read_jsonl(io.BytesIO(b'{"id": "a", "text": "Police said two men were arrested."}\\n{bad\\n'), name="x.jsonl")
>>> [(type(r).__name__, r.id) for r in records]
[('Article', 'a'), ('ErrorResult', 'x.jsonl:2')]
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, get_args

from credscore.inputs import (
    CSV_SUFFIXES,
    INPUT_FORMATS,
    JSONL_SUFFIXES,
    KNOWN_SUFFIXES,
    PARQUET_SUFFIXES,
    STDIN,
    InputFormat,
    RecordFormat,
    Source,
    expand_inputs,
    normalise_path,
)
from credscore.intake import MAX_HTML_BYTES, Article, article_from_text, read_path, read_stream
from credscore.results import ErrorResult

#: Longest JSONL or CSV line read, in bytes: an article at the HTML limit, with room for escapes.
MAX_LINE_BYTES = 4 * MAX_HTML_BYTES
#: Parquet rows turned into Python objects at a time.
PARQUET_BATCH_ROWS = 1024
#: Above this many bytes of JSONL/CSV, :func:`count_records` gives up (no ETA) rather than read it all.
COUNT_MAX_BYTES = 4 << 30
_SURROGATE = re.compile("[\ud800-\udfff]")
_C1_HANDLER = "credscore.c1controls"  # registered by credscore.intake (Windows-1252 with C1 controls)


@dataclass(frozen=True)
class Columns:
    """Which record fields (JSONL keys, CSV or Parquet columns) hold what.

    >>> Columns(text="body").text
    'body'
    """

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"

    def metadata(self) -> dict[str, str]:
        """Article field → record field, for the fields other than the text."""
        return {"id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet, "published": self.published}



# -- reading the records ----------------------------------------------------------------------


def read_records(
    paths: Iterable[str],
    *,
    format: InputFormat = "auto",
    columns: Columns = Columns(),
    outlet: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | ErrorResult]:
    """One :class:`Article` or :class:`ErrorResult` per record of every input, in order.

    ``outlet`` is the publisher for every article; a record's own outlet column wins over it,
    and it wins over a site name found in an HTML page. ``stdin`` is read for ``-`` (default
    ``sys.stdin.buffer``).
    """
    yield from iter_records(expand_inputs(paths, format=format), columns=columns, outlet=outlet, stdin=stdin)


def iter_records(
    sources: Iterable[Source | ErrorResult],
    *,
    columns: Columns = Columns(),
    outlet: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | ErrorResult]:
    """The records of sources from :func:`expand_inputs` (errors there are passed through)."""
    for source in sources:
        if isinstance(source, ErrorResult):
            yield source
        elif source.format in get_args(RecordFormat):
            yield from _read_record_source(source, columns=columns, outlet=outlet, stdin=stdin)
        else:
            yield _read_article_source(source, outlet=outlet, stdin=stdin)


def _read_article_source(source: Source, *, outlet: str | None, stdin: BinaryIO | None) -> Article | ErrorResult:
    try:
        if source.path is None:
            article = read_stream(stdin or sys.stdin.buffer, name=STDIN, format=source.format)  # type: ignore[arg-type]
        else:
            article = read_path(source.path, format=source.format)  # type: ignore[arg-type]
            article = replace(article, id=source.id)
    except Exception as exc:  # an InputError, or any failure in decoding or extraction: this record's error
        return ErrorResult.from_exception(exc, input=source.name, id=source.id)
    if outlet:  # the flag wins over a site name found in an HTML page
        article = replace(article, outlet=outlet)
    return article


def _read_record_source(
    source: Source, *, columns: Columns, outlet: str | None, stdin: BinaryIO | None
) -> Iterator[Article | ErrorResult]:
    if source.format == "parquet":
        if source.path is None:
            yield ErrorResult(id=None, input=STDIN, error="Parquet cannot be read from stdin; pass the file's path")
        else:
            yield from read_parquet(source.path, name=source.name, columns=columns, outlet=outlet)
        return
    reader = read_jsonl if source.format == "jsonl" else read_csv
    if source.path is None:
        yield from reader(stdin or sys.stdin.buffer, name=STDIN, columns=columns, outlet=outlet)
        return
    try:
        handle = open(source.path, "rb")
    except OSError as error:
        yield _file_error(source.name, error)
        return
    with handle:
        kwargs = {"delimiter": "\t"} if source.format == "csv" and source.path.suffix.lower() == ".tsv" else {}
        yield from reader(handle, name=source.name, columns=columns, outlet=outlet, **kwargs)


def read_jsonl(
    stream: BinaryIO, *, name: str, columns: Columns = Columns(), outlet: str | None = None
) -> Iterator[Article | ErrorResult]:
    """Records from a binary JSON Lines stream, one line at a time; blank lines are skipped."""
    lines = _lines(stream, name)
    for number, raw, problem in lines:
        where = f"{name}:{number}"
        if problem is not None:
            yield ErrorResult(id=where, input=where, error=problem)
            continue
        if not raw.strip():
            continue
        text, warning = _decode(raw, where, first=number == 1)
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield ErrorResult(id=where, input=where, error=f"is not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(value, dict):
            yield ErrorResult(id=where, input=where,
                              error=f"is a JSON {type(value).__name__}, not an object with a {columns.text!r} field")
            continue
        yield _record(value, where=where, columns=columns, outlet=outlet, warning=warning)


def read_csv(
    stream: BinaryIO,
    *,
    name: str,
    columns: Columns = Columns(),
    outlet: str | None = None,
    delimiter: str = ",",
) -> Iterator[Article | ErrorResult]:
    """Records from a binary CSV stream with a header row, one row at a time.

    A quoted field may span lines. A malformed row is an error and the next row is read; a line
    over :data:`MAX_LINE_BYTES` (or a read error) ends the file with one error for the rest.
    """
    if csv.field_size_limit() < MAX_LINE_BYTES:
        csv.field_size_limit(MAX_LINE_BYTES)
    warnings: list[str] = []

    def text_lines() -> Iterator[str]:
        for number, raw, problem in _lines(stream, name):
            if problem is not None:
                raise _StopFile(f"line {number} {problem}; the rest of the file was not read")
            text, warning = _decode(raw, f"{name} line {number}", first=number == 1)
            if warning:
                warnings.append(warning)
            yield text

    reader = csv.reader(text_lines(), delimiter=delimiter)
    try:
        header = next(reader, None)
    except (_StopFile, csv.Error) as error:
        yield ErrorResult(id=name, input=name, error=f"has an unreadable header row ({error})")
        return
    if not header:
        yield ErrorResult(id=name, input=name, error="is empty: no header row")
        return
    if columns.text not in header:
        yield _missing_column(name, columns.text, header)
        return
    row = 0
    while True:
        warnings.clear()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _StopFile as error:
            yield ErrorResult(id=name, input=name, error=str(error))
            return
        except csv.Error as error:
            row += 1
            where = f"{name}:{row}"
            yield ErrorResult(id=where, input=where, error=f"is not a valid CSV row ({error})")
            continue
        if not cells:
            continue  # a blank line is not a record
        row += 1
        where = f"{name}:{row}"
        values = dict(zip(header, cells))
        yield _record(values, where=where, columns=columns, outlet=outlet, warning="; ".join(warnings) or None)


def read_parquet(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    columns: Columns = Columns(),
    outlet: str | None = None,
) -> Iterator[Article | ErrorResult]:
    """Records from a Parquet file, one row group at a time (needs pyarrow)."""
    name = name or os.fspath(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield ErrorResult(id=name, input=name, error="reading Parquet needs pyarrow: pip install 'credscore[io]'")
        return
    try:
        parquet = pq.ParquetFile(path)
    except OSError as error:
        yield _file_error(name, error)
        return
    except Exception as error:  # pyarrow raises ArrowInvalid and others on a corrupt file
        yield ErrorResult(id=name, input=name, error=f"is not a readable Parquet file ({type(error).__name__}: {error})")
        return
    available = parquet.schema_arrow.names
    if columns.text not in available:
        yield _missing_column(name, columns.text, available)
        return
    wanted = list(dict.fromkeys(c for c in (columns.text, *columns.metadata().values()) if c in available))
    row = 0
    for group in range(parquet.num_row_groups):
        try:
            table = parquet.read_row_group(group, columns=wanted)
        except Exception as error:  # one bad row group: its rows are errors, the next group is read
            for _ in range(parquet.metadata.row_group(group).num_rows):
                row += 1
                where = f"{name}:{row}"
                yield ErrorResult(id=where, input=where,
                                  error=f"is in row group {group}, which cannot be read ({type(error).__name__}: {error})")
            continue
        for batch in table.to_batches(max_chunksize=PARQUET_BATCH_ROWS):
            for values in batch.to_pylist():
                row += 1
                where = f"{name}:{row}"
                yield _record(values, where=where, columns=columns, outlet=outlet)


# -- counting (for a progress bar's ETA) ---------------------------------------------------------


def count_records(sources: Iterable[Source | ErrorResult], *, max_bytes: int = COUNT_MAX_BYTES) -> int | None:
    """About how many records ``sources`` hold, or ``None`` where that is unknown or costly.

    JSONL and CSV count lines (an estimate: blank lines and multi-line CSV fields make it a
    little high); Parquet reads its footer; stdin is unknown.
    """
    total = 0
    budget = max_bytes
    for source in sources:
        if isinstance(source, ErrorResult) or source.format not in get_args(RecordFormat):
            if isinstance(source, Source) and source.is_stdin:
                return None
            total += 1
            continue
        if source.path is None:
            return None
        try:
            if source.format == "parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(source.path).metadata.num_rows
                continue
            size = source.path.stat().st_size
            budget -= size
            if budget < 0:
                return None
            total += max(_count_lines(source.path) - (source.format == "csv"), 0)
        except Exception:  # an unreadable file is one error record
            total += 1
    return total


def _count_lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


# -- helpers ----------------------------------------------------------------------------------


class _StopFile(Exception):
    """A CSV file cannot be read on (an over-long line, a read error)."""


def _lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes, str | None]]:
    """``(line number, bytes, problem)``; an over-long line is skipped unread, with a problem."""
    number = 0
    while True:
        try:
            line = stream.readline(MAX_LINE_BYTES + 1)
        except OSError as error:
            number += 1
            yield number, b"", f"cannot be read: {error.strerror or error}"
            return
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield number, b"", f"is longer than {MAX_LINE_BYTES:,} bytes, the most a record's line may have"
            continue
        yield number, line, None


def _decode(raw: bytes, where: str, *, first: bool) -> tuple[str, str | None]:
    """A line as text: UTF-8 (a leading BOM dropped), else Windows-1252 with a warning."""
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return raw.decode("cp1252", errors=_C1_HANDLER), (
            f"{where}: not valid UTF-8 (first bad byte at offset {error.start}); decoded as Windows-1252"
        )


def _record(
    values: Mapping[str, Any], *, where: str, columns: Columns, outlet: str | None, warning: str | None = None
) -> Article | ErrorResult:
    """One record's fields → an :class:`Article`, or an :class:`ErrorResult` saying what is wrong."""
    meta = {field: _as_str(values.get(column)) for field, column in columns.metadata().items()}
    record_id = meta.pop("id") or where
    if columns.text not in values:
        fields = ", ".join(map(repr, sorted(values))) or "none"
        return ErrorResult(id=record_id, input=where,
                           error=f"has no {columns.text!r} field (fields: {fields}); name the text field with --text-col")
    text = values[columns.text]
    if text is None:
        return ErrorResult(id=record_id, input=where, error=f"has a null {columns.text!r} field")
    if not isinstance(text, str):
        return ErrorResult(id=record_id, input=where,
                           error=f"has a {type(text).__name__} in its {columns.text!r} field, not a string")
    if not _encodable(text):
        return ErrorResult(id=record_id, input=where,
                           error=f"has unpaired surrogate escapes (\\ud800-\\udfff) in its {columns.text!r} field")
    meta["outlet"] = meta["outlet"] or outlet
    try:
        article = article_from_text(text, id=record_id, name=where, **meta)
    except Exception as exc:  # whatever the failure, it is this record's alone
        return ErrorResult.from_exception(exc, input=where, id=record_id)
    if warning:
        article = replace(article, warnings=(*article.warnings, warning))
    return article


def _as_str(value: Any) -> str | None:
    """A metadata value as a string; blank is ``None``, unpaired surrogates become U+FFFD."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    if not _encodable(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text if text.strip() else None


def _encodable(text: str) -> bool:
    """False for a string with unpaired surrogates (a JSON ``"\\ud800"``), which no UTF-8 output can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _missing_column(name: str, column: str, available: Iterable[str]) -> ErrorResult:
    listed = ", ".join(map(repr, available)) or "none"
    return ErrorResult(id=name, input=name,
                       error=f"has no column {column!r} (columns: {listed}); name the text column with --text-col")


def _file_error(name: str, error: OSError) -> ErrorResult:
    if isinstance(error, FileNotFoundError):
        problem = "does not exist"
    elif isinstance(error, PermissionError):
        problem = "cannot be read: permission denied"
    elif isinstance(error, IsADirectoryError):
        problem = "is a directory, not a file"
    else:
        problem = f"cannot be read: {error.strerror or error}"
    return ErrorResult(id=name, input=name, error=problem)


__all__ = [
    "CSV_SUFFIXES",
    "INPUT_FORMATS",
    "JSONL_SUFFIXES",
    "KNOWN_SUFFIXES",
    "MAX_LINE_BYTES",
    "PARQUET_SUFFIXES",
    "STDIN",
    "Columns",
    "InputFormat",
    "RecordFormat",
    "Source",
    "count_records",
    "expand_inputs",
    "iter_records",
    "normalise_path",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "read_records",
]

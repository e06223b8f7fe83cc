"""Write results as JSON, JSONL, text, CSV or Parquet; resume an interrupted JSONL run; progress.

Every writer takes results one at a time (:meth:`ResultWriter.write`) and holds at most a row
group in memory. JSON, text, CSV and Parquet files are written atomically: into a temporary file
beside the target, moved over it with ``os.replace`` on :meth:`~ResultWriter.close`, removed on
:meth:`~ResultWriter.abort`, so a reader never sees half a file. A JSONL file is the exception:
it is the resumable format, so :class:`ResumableJsonlWriter` writes it in place (fresh, or
appending with ``--resume``), flushing every line and fsync-ing in batches; a killed run leaves
whole lines and at most one torn last line, which :class:`ResumeState` cuts off and redoes.

An output that is a symlink is written at the file it names, and the link stays. One that is
not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is written through in place, with
no temporary file and no fsync. A directory is refused by :func:`check_output` before any work.

CSV and Parquet hold two tables (:mod:`credscore.tables`): articles in ``PATH`` and claims in
:func:`claims_path` of it (``out.csv`` → ``out.claims.csv``); CSV to stdout is the articles table.

>>> claims_path(Path("runs/out.parquet")).as_posix()
'runs/out.claims.parquet'
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import stat
import sys
import tempfile
import textwrap
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, get_args

from credscore.errors import CredscoreError
from credscore.results import ErrorResult
from credscore.tables import ARTICLE_COLUMNS, ARTICLE_FIELDS, CLAIM_COLUMNS, CLAIM_FIELDS, ColumnType, article_row, claim_rows

if TYPE_CHECKING:
    from credscore.intake import Article
    from credscore.results import ArticleResult

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


class OutputError(CredscoreError, ValueError):
    """An output that cannot be written as asked (a format that needs --out, a corrupt resume file)."""


def claims_path(path: Path) -> Path:
    """Where the claims table of a CSV or Parquet output at ``path`` goes."""
    return path.with_name(f"{path.stem}.claims{path.suffix}")


def is_stream(path: Path) -> bool:
    """True when ``path`` (a symlink followed) exists and is not a regular file: a device, a FIFO.

    Raises :class:`OutputError` for a directory, or for a path whose folder does not exist, so
    a bad ``--out`` fails before any scoring.

    >>> is_stream(Path("/dev/null"))
    True
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        folder = Path(os.path.realpath(path)).parent
        if not folder.is_dir():
            raise OutputError(f"--out {path}: the folder {folder} does not exist; create it first") from None
        return False
    except OSError as error:
        raise OutputError(f"--out {path}: cannot be written: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"--out {path}: is a directory; give a file path, e.g. {path / 'results'}")
    return not stat.S_ISREG(info.st_mode)


def check_output(path: Path, format: str) -> None:
    """Refuse an output the format cannot write to, before anything is scored.

    A directory is refused for every format (see :func:`is_stream`); a device or FIFO for
    Parquet, which writes a second file beside ``path``.
    """
    if is_stream(path) and format == "parquet":
        raise OutputError(
            f"--out {path}: is not a regular file; --format parquet writes two files "
            "(PATH and PATH with .claims before the suffix): give a file path"
        )


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
            return CsvWriter(_Stdout(stream), None)
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
        return ResumableJsonlWriter(out, append=False) if out is not None else JsonlWriter(_Stdout(stream))
    target: _Target = AtomicFile(out) if out is not None else _Stdout(stream)
    if format == "json":
        return JsonWriter(target)
    return TextWriter(target, render)  # type: ignore[arg-type]


# -- targets: an atomic file or stdout ---------------------------------------------------------


class _Target(Protocol):
    stream: IO[str]

    def commit(self) -> None: ...
    def discard(self) -> None: ...


class _Stdout:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def commit(self) -> None:
        self.stream.flush()

    def discard(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()


class AtomicFile:
    """A text file written under a temporary name beside ``path`` and moved over it on commit.

    A symlink's target is the file replaced (the link stays); a device or FIFO is written in
    place (``temp`` is ``None``). A directory raises :class:`OutputError` (:func:`is_stream`).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> f = AtomicFile(target); _ = f.stream.write("done"); f.commit(); target.read_text()
    'done'
    """

    def __init__(self, path: Path, *, newline: str | None = None, binary: bool = False) -> None:
        self.path = Path(path)
        self.temp: Path | None = None
        self.stream: IO[str] | None = None
        if is_stream(self.path):
            if not binary:
                self.stream = open(self.path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
            return
        self.path = Path(os.path.realpath(self.path))  # a symlink's target; the link is kept
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        self.temp = Path(name)
        if binary:
            os.close(fd)
        else:
            self.stream = open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115

    def commit(self) -> None:
        try:
            if self.stream is not None:
                self.stream.flush()
                if self.temp is not None:
                    os.fsync(self.stream.fileno())
                self.stream.close()
            if self.temp is not None:
                os.chmod(self.temp, _new_file_mode(self.path))
                os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stream.close()
        if self.temp is not None:
            with contextlib.suppress(FileNotFoundError):
                self.temp.unlink()


def _new_file_mode(path: Path) -> int:
    """The mode an ordinary ``open(path, "w")`` would leave (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# -- formats ------------------------------------------------------------------------------------


class JsonWriter:
    """A JSON array, streamed item by item; the same text as ``json.dumps(list, indent=2)``."""

    def __init__(self, target: _Target) -> None:
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

    def __init__(self, target: _Target) -> None:
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

    def __init__(self, target: _Target, render: Callable[[Result], str]) -> None:
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

    def __init__(self, articles: _Target, claims: _Target | None) -> None:
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


# -- resume ---------------------------------------------------------------------------------------


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


# -- the terminal ---------------------------------------------------------------------------------

#: C0 and C1 controls (ESC starts the sequences that recolour, move the cursor or retitle a
#: terminal; CR overwrites a line) and the bidirectional overrides that reorder what is shown
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": r"\n", "\r": r"\r", "\t": r"\t"}


def for_terminal(text: str, *, keep: str = "\n\t") -> str:
    r"""``text`` with its control characters written as escapes, except those in ``keep``, so that
    article text or a file name printed to a terminal shows what it holds instead of acting on it.

    >>> print(for_terminal("red\x1b[31m text\r\n", keep=""))
    red\x1b[31m text\r\n
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _CONTROLS.sub(escape, text)


# -- progress -------------------------------------------------------------------------------------


class Progress:
    """A tqdm bar on stderr with rate and ETA, or nothing (``enabled=False``, or no tqdm).

    Messages go through :meth:`write` so they do not tear the bar; their control characters are
    escaped (:func:`for_terminal`).
    """

    def __init__(self, *, total: int | None, enabled: bool, initial: int = 0, unit: str = "article") -> None:
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - tqdm comes with spaCy
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(total=total, initial=initial, unit=unit, file=sys.stderr,
                                dynamic_ncols=True, mininterval=0.5, smoothing=0.1)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def write(self, message: str) -> None:
        message = for_terminal(message)
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def progress_enabled(*, quiet: bool, stream: IO[str] | None = None) -> bool:
    """Show progress only to a person: not with ``--quiet``, not when stderr is a file or pipe."""
    stream = stream or sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False


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

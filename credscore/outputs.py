"""Where results are written: an atomic file, a device or FIFO written through, or stdout.

An output that is a symlink is written at the file it names, and the link stays. One that is
not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is written through in place, with
no temporary file and no fsync. A directory is refused by :func:`check_output` before any work.
The writers (:mod:`credscore.writers`) and resuming (:mod:`credscore.resume`) both build on this.

>>> claims_path(Path("runs/out.parquet")).as_posix()
'runs/out.claims.parquet'
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Protocol

from credscore.errors import CredscoreError


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


class Target(Protocol):
    """A text stream to write, then ``commit`` (keep it) or ``discard`` (drop what can be dropped)."""

    stream: IO[str]

    def commit(self) -> None: ...
    def discard(self) -> None: ...


class Stdout:
    """Standard output (or another open stream) as a :class:`Target`: commit flushes, nothing is dropped."""

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

"""Find the inputs of a run: files, folders, globs and stdin, each as a :class:`Source`.

:func:`expand_inputs` only finds; :mod:`credscore.readers` reads what it found. A one-article
file's id is its stem (for files found in a folder, the path below that folder without the
suffix: ``2024/05/story``). ``<file>`` in a record id is one spelling of the path whatever way it
was typed (``./x.jsonl``, ``x.jsonl``): relative to the working folder when inside it, else
absolute (:func:`normalise_path`). When two different files of one run would get the same id
(``a/story.txt``, ``b/story.txt``), each gets its path instead (``a/story``, ``b/story``), so that
every article and its claims rows keep one id of their own.

>>> [s.format for s in expand_inputs(["-"], format="jsonl")]
['jsonl']
"""

from __future__ import annotations

import fnmatch
import glob
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Literal, get_args

from credscore.errors import InputError
from credscore.intake import HTML_SUFFIXES, TEXT_SUFFIXES
from credscore.results import ErrorResult

logger = logging.getLogger("credscore")

InputFormat = Literal["auto", "text", "html", "jsonl", "csv", "parquet"]
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)
RecordFormat = Literal["jsonl", "csv", "parquet"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
#: What a folder is searched for; other files in it (images, README.md, notes) are skipped.
#: Any file named on the command line or matched by a glob is read, whatever its suffix.
KNOWN_SUFFIXES = (TEXT_SUFFIXES - {".md"}) | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES
STDIN = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One input found by :func:`expand_inputs`: a file (or stdin) and how to read it.

    ``format`` is ``jsonl``, ``csv`` or ``parquet`` for record files, else ``auto``, ``text`` or
    ``html`` for a one-article file; ``id`` is a one-article file's id.
    """

    name: str
    format: InputFormat
    id: str | None = None
    path: Path | None = None  # None for stdin

    @property
    def is_stdin(self) -> bool:
        return self.path is None

def expand_inputs(paths: Iterable[str], *, format: InputFormat = "auto") -> Iterator[Source | ErrorResult]:
    """Files, folders (recursively, known suffixes, hidden entries skipped), globs and ``-``, in order.

    Folder and glob matches are sorted so a rerun sees the same order. Symbolic links to folders
    are followed, each real folder once, so a link loop ends. A glob that matches nothing is an
    :class:`ErrorResult`; a path that does not exist is passed on and reported by the reader,
    with the others. Ids are made unique across the run (see the module docstring), which needs
    every input found before the first is yielded (paths only; nothing is read yet).
    """
    _check_format(format)
    found: list[Source | ErrorResult] = []
    for path in paths:
        if path == "-":
            found.append(Source(STDIN, format))  # auto: one article (text or HTML); jsonl or csv: records
        elif os.path.isdir(path):
            found.extend(_walk(path, format))
        elif not os.path.lexists(path) and _GLOB_CHARS & set(path):
            matches = _glob(path)
            if not matches:
                found.append(ErrorResult(id=None, input=path, error="matches no files"))
            for match in matches:
                if os.path.isdir(match):
                    found.extend(_walk(match, format))
                else:
                    found.append(_file_source(match, Path(match).stem or None, format))
        else:
            found.append(_file_source(path, Path(path).stem or None, format))
    yield from _unique_ids(found)


def _check_format(format: str) -> None:
    if format not in INPUT_FORMATS:
        raise InputError("--input-format", f"is {format!r}", f"allowed: {', '.join(INPUT_FORMATS)}")


def normalise_path(path: str | os.PathLike[str]) -> str:
    """One spelling of ``path`` however it was typed: relative to the working folder when inside
    it (readable, and the same from run to run there), else absolute; symbolic links kept."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        return Path(absolute).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def _tree(folder: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` of ``folder`` that follows links to folders but enters each real folder once
    (a link loop, or two links to one folder, is not walked again); hidden folders skipped."""
    seen: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            logger.info("%s: not walked again (it is %s, already walked)", root, real)
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield root, dirs, files


def _glob(pattern: str) -> list[str]:
    """The sorted matches of ``pattern``, as :func:`glob.glob` with ``recursive=True`` gives them,
    but with ``**`` walked by :func:`_tree`, so a symbolic link loop cannot make it run forever."""
    parts = Path(pattern).parts
    if "**" not in parts:
        return sorted(glob.glob(pattern))
    split = parts.index("**")
    head, wanted = (str(Path(*parts[:split])) if split else ""), parts[split:]
    roots = sorted(glob.glob(head)) if _GLOB_CHARS & set(head) else [head or os.curdir]
    matches = []
    for root in (r for r in roots if os.path.isdir(r)):
        for folder, _dirs, files in _tree(root):
            below = Path(folder).relative_to(root).parts
            if below and _matches(below, wanted):
                matches.append(folder)
            matches.extend(os.path.join(folder, f) for f in files if _matches((*below, f), wanted))
    if head:
        return sorted(matches)
    return sorted(os.path.relpath(m) for m in matches)  # "**/x" gives "a/x", as glob.glob does, not "./a/x"


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Does a relative path (``parts``) match glob ``pattern`` parts? ``**`` is any number of
    folders; hidden names match only a pattern part that starts with a dot, as in :mod:`glob`."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return _matches(parts, pattern[1:]) or (bool(parts) and not parts[0].startswith(".")
                                                and _matches(parts[1:], pattern))
    if not parts or (parts[0].startswith(".") and not pattern[0].startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], pattern[0]) and _matches(parts[1:], pattern[1:])


def _walk(folder: str, format: InputFormat) -> Iterator[Source]:
    found = []
    skipped = 0
    for root, _dirs, files in _tree(folder):
        for file in files:
            if file.startswith("."):
                continue
            if Path(file).suffix.lower() not in KNOWN_SUFFIXES:
                skipped += 1
                continue
            found.append(os.path.join(root, file))
    if skipped:
        logger.info("%s: skipped %d file(s) without a known suffix (%s)", folder, skipped,
                    ", ".join(sorted(KNOWN_SUFFIXES)))
    for path in sorted(found, key=lambda p: Path(p).relative_to(folder).parts):
        relative = Path(path).relative_to(folder)
        yield _file_source(path, relative.with_suffix("").as_posix(), format)


def _unique_ids(found: list[Source | ErrorResult]) -> list[Source | ErrorResult]:
    """``found`` with the ids of one-article files made unique among different files: where two
    files share an id, each takes its path without the suffix, then (``story.txt``,
    ``story.html``) with it. The same file named twice keeps one id: it is the same article."""
    files = [s for s in found if isinstance(s, Source) and s.id is not None and not s.is_stdin]
    level = {id(s): 0 for s in files}

    def candidate(source: Source) -> str:
        step = level[id(source)]
        if step == 0:
            return source.id  # type: ignore[return-value]
        return PurePosixPath(source.name).with_suffix("").as_posix() if step == 1 else source.name

    while True:
        paths: dict[str, set[str]] = {}
        for source in files:
            paths.setdefault(candidate(source), set()).add(source.name)
        clashing = {ident for ident, names in paths.items() if len(names) > 1}
        escalate = [s for s in files if candidate(s) in clashing and level[id(s)] < 2]
        if not escalate:
            break
        for source in escalate:
            level[id(source)] += 1
    ids = {id(s): candidate(s) for s in files}
    return [replace(s, id=ids[id(s)]) if id(s) in ids else s for s in found]


def _file_source(path: str, id: str | None, format: InputFormat) -> Source:
    suffix = Path(path).suffix.lower()
    if format == "auto":
        if suffix in JSONL_SUFFIXES:
            format = "jsonl"
        elif suffix in CSV_SUFFIXES:
            format = "csv"
        elif suffix in PARQUET_SUFFIXES:
            format = "parquet"
    return Source(normalise_path(path), format, id=id, path=Path(path))

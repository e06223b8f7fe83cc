"""Lexicons as data: JSONL files with a header, ids, labels and a version (STYLE.md point 6).

Every file ``credscore/lexicons/NAME.jsonl`` starts with a header object::

    {"lexicon": NAME, "version": "1", "description": "...", "licence": "...", "sources": ["..."]}

and every following line is one entry::

    {"id": "NAME.LABEL.slug", "text": "lower-case phrase", "label": "LABEL"}

with optional ``"note"`` (a string) and ``"case_sensitive"`` (a bool). Texts are literal phrases,
single-spaced, never regular expressions; matching is whole-word and case-insensitive unless
``case_sensitive`` is true. Every bad line of a file is reported together in one
:class:`~credscore.errors.LexiconError`; a lexicon with no entries warns once.

>>> hedges = load_lexicon("hedges")
>>> "reportedly" in hedges.texts("adverb")
True
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from credscore.errors import CredscoreWarning, InputError, LexiconError

__all__ = ["Lexicon", "LexiconEntry", "available_lexicons", "load_lexicon", "read_lexicon"]

_PACKAGE = "credscore.lexicons"
_SUFFIX = ".jsonl"
_HEADER_KEYS: dict[str, type] = {"lexicon": str, "version": str, "description": str, "licence": str, "sources": list}
_ENTRY_KEYS: dict[str, type] = {"id": str, "text": str, "label": str}
_OPTIONAL_KEYS: dict[str, type] = {"note": str, "case_sensitive": bool}
# Texts are literal phrases; these characters only make sense in a regular expression.
_REGEX_CHARS = frozenset("\\*+?[](){}^$|")


@dataclass(frozen=True)
class LexiconEntry:
    """One phrase of a lexicon, with its stable id and its label.

    >>> LexiconEntry("hedges.adverb.reportedly", "reportedly", "adverb").case_sensitive
    False
    """

    id: str
    text: str
    label: str
    case_sensitive: bool = False


@dataclass(frozen=True)
class Lexicon:
    """A named, versioned list of labelled phrases.

    >>> lex = Lexicon("demo", "1", "a demo", "CC0", (LexiconEntry("demo.x.a", "a", "x"),))
    >>> lex.labels(), len(lex)
    (('x',), 1)
    """

    name: str
    version: str
    description: str
    licence: str
    entries: tuple[LexiconEntry, ...]
    sources: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """The distinct labels, sorted.

        >>> load_lexicon("verification").labels()
        ('negative', 'positive')
        """
        return tuple(sorted({e.label for e in self.entries}))

    def with_label(self, *labels: str) -> tuple[LexiconEntry, ...]:
        """The entries with any of ``labels`` (all entries when none are given).

        Raises :class:`~credscore.errors.InputError` for a label the lexicon does not have, so
        that a typo fails loudly instead of matching nothing.

        >>> [e.text for e in load_lexicon("cue_phrases").with_label("according_to")]
        ['according to']
        """
        if not labels:
            return self.entries
        self._check_labels(labels)
        wanted = set(labels)
        return tuple(e for e in self.entries if e.label in wanted)

    def texts(self, *labels: str) -> frozenset[str]:
        """The texts of the entries with any of ``labels`` (all texts when none are given).

        >>> "sources" in load_lexicon("source_nouns").texts("anonymous_role")
        True
        """
        return frozenset(e.text for e in self.with_label(*labels))

    def __len__(self) -> int:
        return len(self.entries)

    def _check_labels(self, labels: Iterable[str]) -> None:
        known = set(self.labels())
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise InputError(
                f"lexicon {self.name!r}",
                f"no label {', '.join(map(repr, unknown))}",
                f"its labels are: {', '.join(sorted(known)) or '(none: the lexicon is empty)'}",
            )


def available_lexicons() -> tuple[str, ...]:
    """Names of the lexicons shipped with credscore, sorted.

    >>> "hedges" in available_lexicons()
    True
    """
    root = files(_PACKAGE)
    return tuple(sorted(p.name[: -len(_SUFFIX)] for p in root.iterdir() if p.name.endswith(_SUFFIX)))


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> Lexicon:
    """Load a shipped lexicon by name (read once per process, then cached).

    >>> load_lexicon("reporting_verbs").name
    'reporting_verbs'
    """
    resource = files(_PACKAGE) / f"{name}{_SUFFIX}"
    if not resource.is_file():
        raise InputError(
            f"lexicon {name!r}",
            "no shipped lexicon of that name",
            f"choose one of: {', '.join(available_lexicons())}; use read_lexicon() for your own file",
        )
    text = resource.read_text(encoding="utf-8")
    return read_lexicon(text.splitlines(), name)


def read_lexicon(path_or_lines: str | os.PathLike[str] | Iterable[str], name: str | None = None) -> Lexicon:
    """Read and validate a lexicon from a JSONL file path or from its lines.

    ``name`` is the name the header must carry; by default the file's stem, or the header's own
    ``lexicon`` field for bare lines. All bad lines are reported in one
    :class:`~credscore.errors.LexiconError`; an empty lexicon emits one
    :class:`~credscore.errors.CredscoreWarning`.

    >>> lines = ['{"lexicon": "mine", "version": "1", "description": "d", "licence": "CC0", "sources": []}',
    ...          '{"id": "mine.hedge.perhaps", "text": "perhaps", "label": "hedge"}']
    >>> read_lexicon(lines).texts("hedge")
    frozenset({'perhaps'})
    """
    if isinstance(path_or_lines, (str, os.PathLike)):
        path = Path(path_or_lines)
        with path.open(encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        expected = name if name is not None else path.name.removesuffix(_SUFFIX)
    else:
        lines = [line.rstrip("\r\n") for line in path_or_lines]
        expected = name
    return _parse(lines, expected)


def _parse(lines: list[str], expected: str | None) -> Lexicon:
    """Validate every line, collect every problem, and build the lexicon or raise once."""
    problems: list[str] = []
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]
    header: dict[str, Any] = {}
    if not numbered:
        problems.append("line 1: missing header (the file is empty)")
    else:
        header = _check_header(*numbered[0], expected, problems)
    name = expected or (header.get("lexicon") if isinstance(header.get("lexicon"), str) else None) or "<lines>"

    entries: list[LexiconEntry] = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[tuple[str, str], int] = {}
    for number, line in numbered[1:]:
        entry = _check_entry(number, line, problems)
        if entry is None:
            continue
        if entry.id in seen_ids:
            problems.append(f"line {number}: duplicate id {entry.id!r} (first on line {seen_ids[entry.id]})")
            continue
        key = (entry.text if entry.case_sensitive else entry.text.lower(), entry.label)
        if key in seen_texts:
            problems.append(
                f"line {number}: duplicate text {entry.text!r} with label {entry.label!r} "
                f"(first on line {seen_texts[key]})"
            )
            continue
        seen_ids[entry.id] = number
        seen_texts[key] = number
        entries.append(entry)

    if problems:
        raise LexiconError(name, problems)
    if not entries:
        warnings.warn(f"lexicon {name!r} has no entries: it will match nothing", CredscoreWarning, stacklevel=3)
    return Lexicon(
        name=name,
        version=header["version"],
        description=header["description"],
        licence=header["licence"],
        entries=tuple(entries),
        sources=tuple(header["sources"]),
    )


def _load_json(number: int, line: str, what: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        problems.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno}); expected one {what} object")
        return None
    if not isinstance(obj, dict):
        problems.append(f"line {number}: got a JSON {type(obj).__name__}, expected one {what} object")
        return None
    return obj


def _check_types(number: int, obj: dict[str, Any], required: dict[str, type], problems: list[str]) -> bool:
    ok = True
    for key, kind in required.items():
        if key not in obj:
            problems.append(f"line {number}: missing key {key!r}")
            ok = False
        elif not isinstance(obj[key], kind):
            problems.append(f"line {number}: {key!r} must be a {kind.__name__}, got {type(obj[key]).__name__}")
            ok = False
    return ok


def _check_header(number: int, line: str, expected: str | None, problems: list[str]) -> dict[str, Any]:
    before = len(problems)
    obj = _load_json(number, line, "header", problems)
    if obj is None:
        return {}
    if "id" in obj and "lexicon" not in obj:
        problems.append(f"line {number}: missing header; the first line must be {{\"lexicon\": ..., \"version\": ...}}")
        return {}
    _check_types(number, obj, _HEADER_KEYS, problems)
    if isinstance(obj.get("sources"), list) and not all(isinstance(s, str) for s in obj["sources"]):
        problems.append(f"line {number}: 'sources' must be a list of strings")
    for key in ("lexicon", "version"):
        if isinstance(obj.get(key), str) and not obj[key].strip():
            problems.append(f"line {number}: {key!r} is empty")
    if expected is not None and isinstance(obj.get("lexicon"), str) and obj["lexicon"] != expected:
        problems.append(f"line {number}: header names lexicon {obj['lexicon']!r}, expected {expected!r}")
    return obj if len(problems) == before else {}


def _check_entry(number: int, line: str, problems: list[str]) -> LexiconEntry | None:
    obj = _load_json(number, line, "entry", problems)
    if obj is None:
        return None
    ok = _check_types(number, obj, _ENTRY_KEYS, problems)
    for key, kind in _OPTIONAL_KEYS.items():
        if key in obj and not isinstance(obj[key], kind):
            problems.append(f"line {number}: {key!r} must be a {kind.__name__}, got {type(obj[key]).__name__}")
            ok = False
    if not ok:
        return None
    case_sensitive = bool(obj.get("case_sensitive", False))
    text, label, entry_id = obj["text"], obj["label"], obj["id"]
    for key, value in (("id", entry_id), ("label", label)):
        if not value.strip():
            problems.append(f"line {number}: {key!r} is empty")
            ok = False
    if not text.strip():
        problems.append(f"line {number}: 'text' is empty")
        return None
    if text != " ".join(text.split()):
        problems.append(f"line {number}: text {text!r} must have single spaces between words and none at the ends")
        ok = False
    if not case_sensitive and text != text.lower():
        problems.append(
            f"line {number}: text {text!r} is not lower-case; write {text.lower()!r} "
            "or add \"case_sensitive\": true"
        )
        ok = False
    regex = sorted(_REGEX_CHARS.intersection(text))
    if regex:
        problems.append(f"line {number}: text {text!r} contains {''.join(regex)!r}: texts are literal phrases, not regular expressions")
        ok = False
    return LexiconEntry(entry_id, text, label, case_sensitive) if ok else None

"""Whole-word, longest-first phrase matching of lexicon entries over text, with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from credscore.lexicon import LexiconEntry


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: LexiconEntry


def _phrase_pattern(text: str) -> str:
    # Words separated by any run of spaces; straight and curly apostrophes are interchangeable.
    words = [re.escape(w).replace("'", "['’]") for w in text.split()]
    return r"\s+".join(words)


class PhraseMatcher:
    """Finds lexicon phrases in text. Longer phrases win over the shorter ones they contain."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        folded: list[LexiconEntry] = []
        exact: list[LexiconEntry] = []
        for entry in sorted(entries, key=lambda e: -len(e.text)):
            (exact if entry.case_sensitive else folded).append(entry)
        self._patterns = [
            (self._compile(folded, re.IGNORECASE), tuple(folded)),
            (self._compile(exact, 0), tuple(exact)),
        ]

    @staticmethod
    def _compile(entries: list[LexiconEntry], flags: int) -> re.Pattern[str] | None:
        # One group per entry: a match names its entry by group number, since the matched text
        # need not fold back to the entry's ("poſſibly", "claİmed" match under IGNORECASE).
        if not entries:
            return None
        alternation = "|".join(f"({_phrase_pattern(e.text)})" for e in entries)
        return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Non-overlapping matches in ``text[start:end]``, in order, longest first at a tie."""
        end = len(text) if end is None else end
        found: list[Match] = []
        for pattern, entries in self._patterns:
            if pattern is None:
                continue
            for m in pattern.finditer(text, start, end):
                found.append(Match(m.start(), m.end(), m.group(), entries[m.lastindex - 1]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        last_end = -1
        for m in found:
            if m.start >= last_end:
                last_end = m.end
                yield m

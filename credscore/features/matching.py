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
        yield from _leftmost_longest(found)


class IndexedPhraseMatcher:
    """:class:`PhraseMatcher` for thousands of phrases (a gazetteer): same matches, found by first word.

    One alternation over every phrase would be tried at every character; here the text's words
    are looked up by their leading letters and only the phrases starting with that word are tried.
    Phrases that do not start with a letter or digit fall back to a :class:`PhraseMatcher`.

    >>> from credscore.lexicon import LexiconEntry
    >>> m = IndexedPhraseMatcher([LexiconEntry("o.x.ap", "AP", "x", True), LexiconEntry("o.x.apn", "AP News", "x", True)])
    >>> [x.text for x in m.finditer("AP News said, citing AP.")]
    ['AP News', 'AP']
    """

    _KEY = re.compile(r"\w+")

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        groups: dict[tuple[str, bool], list[LexiconEntry]] = {}
        rest: list[LexiconEntry] = []
        for entry in entries:
            key = self._KEY.match(entry.text)
            if key is None:
                rest.append(entry)
                continue
            word = key.group() if entry.case_sensitive else key.group().lower()
            groups.setdefault((word, entry.case_sensitive), []).append(entry)
        self._groups = {k: tuple(sorted(v, key=lambda e: -len(e.text))) for k, v in groups.items()}
        self._compiled: dict[tuple[str, bool], re.Pattern[str]] = {}
        self._rest = PhraseMatcher(rest) if rest else None

    def _pattern(self, key: tuple[str, bool]) -> re.Pattern[str]:
        pattern = self._compiled.get(key)
        if pattern is None:
            alternation = "|".join(f"({_phrase_pattern(e.text)})" for e in self._groups[key])
            pattern = re.compile(rf"(?:{alternation})(?![\w-])", 0 if key[1] else re.IGNORECASE)
            self._compiled[key] = pattern
        return pattern

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Non-overlapping matches in ``text[start:end]``, in order, longest first at a tie."""
        end = len(text) if end is None else end
        found: list[Match] = []
        for word in self._KEY.finditer(text, start, end):
            at = word.start()
            if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-"):
                continue
            for key in ((word.group(), True), (word.group().lower(), False)):
                if key not in self._groups:
                    continue
                m = self._pattern(key).match(text, at, end)
                if m is not None:
                    found.append(Match(m.start(), m.end(), m.group(), self._groups[key][m.lastindex - 1]))
        if self._rest is not None:
            found.extend(self._rest.finditer(text, start, end))
        yield from _leftmost_longest(found)


def _leftmost_longest(found: list[Match]) -> Iterator[Match]:
    """Non-overlapping matches in text order, the longest first where two start together."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    last_end = -1
    for m in found:
        if m.start >= last_end:
            last_end = m.end
            yield m

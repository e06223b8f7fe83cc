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
    """Finds lexicon phrases in text. Longer phrases win over the shorter ones they contain.

    The matches are those of one alternation over every phrase, searched across the text; only
    the search is narrowed: a phrase can start only at a word start, so each word start is tried
    against the phrases whose first word it is (text words with non-ASCII letters, which may fold
    to ASCII ones, "poſſibly", against all). The alternation alone would try every phrase at
    every character.
    """

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        folded: list[LexiconEntry] = []
        exact: list[LexiconEntry] = []
        for entry in sorted(entries, key=lambda e: -len(e.text)):
            (exact if entry.case_sensitive else folded).append(entry)
        self._groups = [_Alternation(group, flags) for group, flags in ((folded, re.IGNORECASE), (exact, 0)) if group]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Non-overlapping matches in ``text[start:end]``, in order, longest first at a tie."""
        end = len(text) if end is None else end
        if len(self._groups) == 1:  # one search's matches are already in order and apart
            return self._groups[0].finditer(text, start, end)
        found: list[Match] = []
        for group in self._groups:
            found.extend(group.finditer(text, start, end))
        return _leftmost_longest(found)


_AFTER_NON_WORD = r"(?<![\w-])"  # a phrase starts a word: not after a letter, a digit or a hyphen
_WORD_START = re.compile(_AFTER_NON_WORD + r"\w+")
_FIRST_WORD = re.compile(r"\w+")


class _Alternation:
    """One regex alternation over phrases (one group per phrase, in order), searched by word start."""

    def __init__(self, entries: list[LexiconEntry], flags: int) -> None:
        self.entries = tuple(entries)
        self.folded = bool(flags & re.IGNORECASE)
        self.pattern = self._compile(entries, flags, lookbehind=True)
        by_word: dict[str, list[LexiconEntry]] = {}
        self.by_word_start = all(e.text.isascii() and _FIRST_WORD.match(e.text) for e in entries)
        if self.by_word_start:  # else every position is searched, as the alternation alone would be
            for entry in entries:
                word = _FIRST_WORD.match(entry.text).group()  # type: ignore[union-attr]
                by_word.setdefault(word.lower() if self.folded else word, []).append(entry)
        self.subsets = {w: (self._compile(es, flags, lookbehind=False), tuple(es)) for w, es in by_word.items()}

    @staticmethod
    def _compile(entries: list[LexiconEntry], flags: int, *, lookbehind: bool) -> re.Pattern[str]:
        # One group per entry: a match names its entry by group number, since the matched text
        # need not fold back to the entry's ("poſſibly", "claİmed" match under IGNORECASE).
        alternation = "|".join(f"({_phrase_pattern(e.text)})" for e in entries)
        return re.compile(rf"{_AFTER_NON_WORD if lookbehind else ''}(?:{alternation})(?![\w-])", flags)

    def finditer(self, text: str, start: int, end: int) -> Iterator[Match]:
        """The matches ``pattern.finditer(text, start, end)`` finds."""
        if not self.by_word_start:
            for m in self.pattern.finditer(text, start, end):
                yield Match(m.start(), m.end(), m.group(), self.entries[m.lastindex - 1])  # type: ignore[operator]
            return
        resume = start  # a search resumes after a match, as finditer does
        for word in _WORD_START.finditer(text, start, end):
            at = word.start()
            if at < resume:
                continue
            w = word.group()
            if w.isascii():
                subset = self.subsets.get(w.lower() if self.folded else w)
                if subset is None:
                    continue
                pattern, entries = subset
            else:  # a letter that folds to ASCII ("ſ", "İ") may start or spell any phrase
                pattern, entries = self.pattern, self.entries
            m = pattern.match(text, at, end)
            if m is not None:
                resume = m.end()
                yield Match(at, m.end(), m.group(), entries[m.lastindex - 1])  # type: ignore[operator]


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

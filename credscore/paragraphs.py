"""Paragraphs of plain text: lines, except where a line break only wraps a sentence.

Text from wires, mail and old archives is often hard-wrapped: every line ends near a fixed width
and a sentence runs on to the next line ("… the\\nsources said."). Read line by line, such a
sentence loses its speaker, and a quote that wraps loses its closing mark. So a line break is
*soft* (the same paragraph goes on) where

- the next line starts with a lower-case letter and the line does not end a sentence, or
- the text is hard-wrapped (its longest line is at most :data:`MAX_WRAP_WIDTH` characters, at
  least two lines fill most of it, and at least half of those stop mid-sentence: one short
  sentence per line is not wrapping) and the line fills most of the width;

and never before an indented line (a wire paragraph's start), a bullet or a numbered item. Every
other line break, and every blank line, ends a paragraph. Offsets are never changed: a paragraph
is a span of the text that may hold soft line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

#: Text whose longest line is wider than this is not hard-wrapped (wrapped text runs 60–80).
MAX_WRAP_WIDTH = 100
#: Hard-wrapped text is at least this wide: a list of short headlines is not wrapped prose.
MIN_WRAP_WIDTH = 40
#: A line that fills this share of the wrap width was wrapped, not ended.
FULL_LINE_SHARE = 0.6

_SENTENCE_END = re.compile(r"[.!?:…\"”’')\]]$")
_ITEM_START = re.compile(r"(?:[-*•·–—▪►]|\d{1,3}[.)])(?:\s|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line, without its line break or a carriage return before it."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        out.append((start, end - 1 if line.endswith("\r") else end))
        start = end + 1
    return out


@lru_cache(maxsize=8)  # the texts in flight; each stage asks again for the same article
def soft_breaks(text: str) -> tuple[int, ...]:
    """Positions of the line breaks (``"\\n"``) in ``text`` that do not end a paragraph, ascending."""
    if "\n" not in text:
        return ()
    lines = _lines(text)
    widths = [len(text[a:b].rstrip()) for a, b in lines]
    width = max(widths)
    # for each line that fills the width: does it stop mid-sentence?
    mid_sentence = [_SENTENCE_END.search(text[a:b].rstrip()) is None
                    for (a, b), w in zip(lines, widths) if w >= FULL_LINE_SHARE * width]
    wrapped = MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH and 2 <= len(mid_sentence) <= 2 * sum(mid_sentence)
    out = []
    for (a, b), w, (c, d) in zip(lines, widths, lines[1:]):
        line, following = text[a:b].rstrip(), text[c:d]
        if not line or not following.strip():
            continue  # a blank line ends a paragraph
        if following[:1].isspace() or _ITEM_START.match(following):
            continue  # an indented paragraph start, a bullet or a numbered item
        ended = _SENTENCE_END.search(line) is not None
        if (following[0].islower() and not ended) or (wrapped and w >= FULL_LINE_SHARE * width):
            out.append(c - 1)
    return tuple(out)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each non-empty paragraph, in order (see the module docstring): the text
    cut at its paragraph breaks, without the carriage return of a CRLF break."""
    return [(a, b - 1 if text[b - 1] == "\r" else b) for a, b in split_at_paragraphs(text, 0, len(text))]


def paragraph_breaks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Positions of the line breaks in ``text[start:end]`` that end a paragraph."""
    end = len(text) if end is None else end
    if text.find("\n", start, end) == -1:
        return []
    soft = soft_breaks(text)
    out = []
    at = text.find("\n", start, end)
    while at != -1:
        i = bisect_left(soft, at)
        if i == len(soft) or soft[i] != at:
            out.append(at)
        at = text.find("\n", at + 1, end)
    return out


def crosses_paragraph(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a line break that ends a paragraph?"""
    return bool(paragraph_breaks(text, start, end))


def split_at_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at its paragraph breaks, as ``[start, end)`` pieces (blank ones left out)."""
    cuts = [start, *(b for at in paragraph_breaks(text, start, end) for b in (at, at + 1)), end]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if text[a:b].strip()]

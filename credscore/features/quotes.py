"""Quoted passages, including the newspaper convention that carries a quote across paragraphs.

A paragraph that ends inside an open quote and a next paragraph that opens with a quote mark
continue the same speaker's words (seed 000: Bruce Jones's three paragraphs). Such regions
share a ``chain`` number, so the attribution found anywhere on the chain covers all of it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from credscore.document import overlapping
from credscore.paragraphs import paragraph_spans

_OPEN_DOUBLE = "“"
_CLOSE_DOUBLE = "”"


@dataclass(frozen=True)
class Quote:
    """A quoted passage: offsets of the text between (and including) its quote marks."""

    start: int
    end: int
    chain: int
    closed: bool


def _single_quote_role(text: str, i: int) -> str | None:
    """'open', 'close' or None for a straight or curly single quote at ``text[i]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None  # apostrophe: Putin's, don't
    if not before.isalnum() and before not in ".,!?" and (after.isalnum() or after in "“\""):
        return "open"
    if (before.isalnum() or before in ".,!?\"”") and not after.isalnum():
        return "close"
    return None


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages in document order. Double quotes first; single quotes where no double."""
    quotes: list[Quote] = []
    chain = -1
    carry_open = False  # the previous paragraph ended inside a quote
    for start, end in paragraph_spans(text):
        stripped = text[start:end].lstrip()
        lead = start + (len(text[start:end]) - len(stripped))
        continues = carry_open and stripped[:1] in (_OPEN_DOUBLE, '"', "‘", "'")
        if not continues:
            chain += 1
        carry_open = False
        open_at: int | None = None
        has_double = any(c in text[start:end] for c in (_OPEN_DOUBLE, _CLOSE_DOUBLE, '"'))
        for i in range(lead, end):
            c = text[i]
            if has_double:
                if c == _OPEN_DOUBLE or (c == '"' and open_at is None):
                    if open_at is None:
                        open_at = i
                    continue
                if c == _CLOSE_DOUBLE or c == '"':
                    if open_at is not None:
                        quotes.append(Quote(open_at, i + 1, chain, True))
                        open_at = None
                    continue
                # A quote closed with the wrong mark in scraped text: 'crumbling’" or 'Union"
                if c in "’'" and open_at is not None and i + 1 < end and text[i + 1] in '"”':
                    continue
                # "For 20 years … good lives,' Osechkin told the newspaper: opened double, closed single
                if c in "’'" and open_at is not None and text[i - 1] in ".,!?" and (i + 1 >= end or text[i + 1] == " "):
                    quotes.append(Quote(open_at, i + 1, chain, True))
                    open_at = None
                    continue
            elif c in "'‘’":
                role = _single_quote_role(text, i)
                if role == "open" and open_at is None:
                    open_at = i
                elif role == "close" and open_at is not None and i - open_at > 2:
                    quotes.append(Quote(open_at, i + 1, chain, True))
                    open_at = None
        if open_at is not None:
            quotes.append(Quote(open_at, end, chain, False))
            carry_open = True
    return quotes


def quoted_share(start: int, end: int, quotes: list[Quote]) -> float:
    """Share of ``[start, end)`` that lies inside quoted passages.

    ``quotes`` as :func:`find_quotes` returns them.
    """
    if end <= start:
        return 0.0
    inside = sum(min(end, q.end) - max(start, q.start) for q in overlapping(start, end, quotes))
    return min(1.0, inside / (end - start))


def inside_quote(position: int, quotes: list[Quote]) -> Quote | None:
    """The quote strictly around ``position``; ``quotes`` as :func:`find_quotes` returns them."""
    i = bisect_right(quotes, position, key=_end)
    if i < len(quotes) and quotes[i].start < position:
        return quotes[i]
    return None


def _end(quote: Quote) -> int:
    return quote.end

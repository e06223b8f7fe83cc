"""Embedded social-media posts: the credit line under a post names its author (SPEC §2).

News sites embed a tweet as its text followed by a credit line, each its own paragraph in the
extracted text::

    BREAKING: Islamic State's Amaq news posts claim of responsibility … pic.twitter.com/J8Y7pFCALn

    — Lisa Daftari (@LisaDaftari) September 18, 2016

The post's sentences have no cue of their own, so without the credit line they read as the
article's unattributed claims. A social-media post is its author's kind, so the sentences of the
paragraph above a credit line are credited to the name in it, the dash being the cue; the credit
line itself asserts nothing (:func:`credscore.features.claims.is_claim`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from credscore.document import Attribution, Document, Offsets, Sentence, SourceKind, TextSpan

#: "— Lisa Daftari (@LisaDaftari) September 18, 2016": a dash, the author's display name, the handle, a date
CREDIT_LINE = re.compile(
    r"^\s*(?P<dash>[—–―]|--?)\s*(?P<name>[^()\n@—–―]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)"
    r"\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?\s*$"
)

#: types the author's name as a source phrase of the credit line's sentence (the source kinds' rules)
NameTyper = Callable[[Document, Sentence, TextSpan], SourceKind]


def is_credit_line(text: str) -> bool:
    """Is the sentence an embedded post's credit line?

    >>> is_credit_line("— Lisa Daftari (@LisaDaftari) September 18, 2016")
    True
    >>> is_credit_line("— Colonel Richard Kemp, former commander")
    False
    """
    return CREDIT_LINE.match(text) is not None


def credit_embedded_posts(doc: Document, type_name: NameTyper) -> None:
    """Credit the sentences of the paragraph just above each credit line, where they carry no
    attribution of their own, to the author the credit line names."""
    paragraphs = doc.paragraphs()
    for line in doc.sentences:
        match = CREDIT_LINE.match(line.text)
        if match is None:
            continue
        name = TextSpan.of(doc.text, line.start + match.start("name"), line.start + match.end("name"))
        dash = TextSpan.of(doc.text, line.start + match.start("dash"), line.start + match.end("dash"))
        kind = type_name(doc, line, name)
        for s in paragraphs.get(line.paragraph - 1, ()):
            if s.attribution is not None and s.attribution.kind != "unattributed":
                continue
            s.attribution = Attribution(kind, name, dash, Offsets(s.start, s.end))

"""Block quotations: a paragraph introduced by "X said:" is what X said (SPEC §2).

Statements and letters are often printed as their own paragraphs after an attribution that ends
in a colon::

    In a statement on Monday, Exxon Mobil said:

    The company has cut its methane emissions by 40 percent since 2016.

The introducing sentence asserts nothing itself (:func:`credscore.features.claims.is_claim`); the
paragraph after it has no cue of its own, so without the colon it would read as the article's own,
unattributed claims. The paragraph after the colon takes the introducing attribution, and where it
is a list ("• …", "1. …"), so do the list's further items.
"""

from __future__ import annotations

import re
from dataclasses import replace

from credscore.document import Document, Offsets, Sentence

#: a paragraph that is a list's item: a bullet, a dash, or a number with a point or bracket
LIST_ITEM = re.compile(r"\s*(?:[•·▪◦*–—-]|\(?\d{1,2}[.)])\s")


def _introduces(sentence: Sentence) -> bool:
    """Does the sentence end its paragraph with an attribution and a colon ("Exxon Mobil said:")?"""
    attribution = sentence.attribution
    return (sentence.text.rstrip().endswith(":") and attribution is not None and attribution.cue is not None
            and attribution.kind != "unattributed")


def _is_list_item(doc: Document, first: Sentence) -> bool:
    """Does the paragraph of its first sentence open with a list marker (which the sentence splitter
    may have left out of the sentence)?"""
    return LIST_ITEM.match(doc.text, doc.text.rfind("\n", 0, first.start) + 1) is not None


def credit_block_quotes(doc: Document) -> None:
    """Credit the paragraph after each introducing sentence, and the list items that follow it, to the
    introducing attribution, where their sentences carry none of their own."""
    paragraphs = doc.paragraphs()
    for index, sentences in paragraphs.items():
        intro = sentences[-1]
        if not _introduces(intro):
            continue
        assert intro.attribution is not None
        following = index + 1
        while following in paragraphs:
            block = paragraphs[following]
            for s in block:
                if s.attribution is None or s.attribution.kind == "unattributed":
                    s.attribution = replace(intro.attribution, content=Offsets(s.start, s.end))
            after = paragraphs.get(following + 1)
            # a list goes on while its items do; a quoted paragraph is one paragraph
            if not (after and _is_list_item(doc, block[0]) and _is_list_item(doc, after[0])):
                break
            following += 1

"""Phrase matching: searching by word start finds exactly what one alternation over the text finds."""

from __future__ import annotations

import random
import re

import pytest

from conftest import SEED_IDS, seed_path

from credscore.features.matching import Match, PhraseMatcher, _leftmost_longest, _phrase_pattern
from credscore.lexicon import LexiconEntry, load_lexicon

LEXICONS = ("hedges", "verification", "weasels", "cue_phrases", "source_nouns")
# Letters that fold to ASCII under IGNORECASE, apostrophes, hyphens, underscores, digits, line breaks.
ODD = ["ſ", "İ", "ı", "\u212a", "-", "'", "’", "\n", " ", "  ", ".", "é", "_", "1", "“"]


def reference(entries: list[LexiconEntry], text: str, start: int = 0, end: int | None = None) -> list[Match]:
    """The matcher as it was: one alternation per case mode, searched at every character."""
    end = len(text) if end is None else end
    ordered = sorted(entries, key=lambda e: -len(e.text))
    found = []
    for group, flags in (([e for e in ordered if not e.case_sensitive], re.IGNORECASE),
                         ([e for e in ordered if e.case_sensitive], 0)):
        if not group:
            continue
        alternation = "|".join(f"({_phrase_pattern(e.text)})" for e in group)
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags)
        found += [Match(m.start(), m.end(), m.group(), group[m.lastindex - 1]) for m in pattern.finditer(text, start, end)]
    return list(_leftmost_longest(found))


def _texts(entries: list[LexiconEntry], rng: random.Random, n: int) -> list[str]:
    words = sorted({w for e in entries for w in e.text.split()})
    def piece() -> str:
        word = rng.choice(words)
        return rng.choice([word, word.upper(), word.capitalize(), rng.choice(ODD), " "])
    return ["".join(piece() for _ in range(rng.randint(1, 30))) for _ in range(n)]


@pytest.mark.parametrize("name", LEXICONS)
def test_matches_are_those_of_the_whole_alternation(name):
    entries = list(load_lexicon(name).entries)
    matcher = PhraseMatcher(entries)
    rng = random.Random(name)
    texts = _texts(entries, rng, 400) + [seed_path(p).read_text(encoding="utf-8") for p in SEED_IDS[:2]]
    for text in texts:
        assert list(matcher.finditer(text)) == reference(entries, text), text
        start, end = sorted(rng.randint(0, len(text)) for _ in range(2))
        assert list(matcher.finditer(text, start, end)) == reference(entries, text, start, end), (text, start, end)


def test_case_sensitive_phrases_and_phrases_not_starting_with_a_word():
    entries = [LexiconEntry("x.1", "US officials", "a", True), LexiconEntry("x.2", "us", "b", False),
               LexiconEntry("x.3", "-ish", "c", False), LexiconEntry("x.4", "'tis said", "d", False)]
    matcher = PhraseMatcher(entries)
    for text in ["US officials said us", "us officials", "bluish -ish 'tis said ’Tis  said", "US-officials"]:
        assert list(matcher.finditer(text)) == reference(entries, text)


def test_a_word_starting_with_a_folding_letter_is_tried_against_every_phrase():
    hedges = PhraseMatcher(load_lexicon("hedges").entries)
    assert [m.text for m in hedges.finditer("He ſuppoſedly knew, and poſſibly said so.")] == ["ſuppoſedly", "poſſibly"]

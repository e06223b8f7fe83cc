"""Hedges and verification markers: lexicon spans, with the few checks a word list cannot make."""

from __future__ import annotations

import re

from credscore.document import Document, Hedge, Sentence, VerificationMarker
from credscore.features.matching import PhraseMatcher
from credscore.lexicon import load_lexicon

# An approximator only hedges a quantity: "as many as 500", "up to 20,000", "close to one million".
_QUANTITY_AHEAD = re.compile(
    r"\s*(?:[£$€]\s*)?(?:\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
    r"fifty|hundreds?|thousands?|millions?|billions?|half|a\s+third|a\s+quarter|dozens?)\b)",
    re.IGNORECASE,
)


class MarkerTagger:
    """Pipeline component: hedge spans (typed) and verification markers (with polarity)."""

    name = "markers"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("sentence.hedges", "sentence.verification")

    def __init__(self) -> None:
        self._hedges = PhraseMatcher(load_lexicon("hedges").entries)
        self._verification = PhraseMatcher(load_lexicon("verification").entries)

    def __call__(self, doc: Document) -> Document:
        for sentence in doc.sentences:
            sentence.verification = self.find_verification(doc.text, sentence)
            taken = [(v.start, v.end) for v in sentence.verification]
            sentence.hedges = [
                h for h in self.find_hedges(doc.text, sentence) if not any(a <= h.start < b for a, b in taken)
            ]
        doc.done.add(self.name)
        return doc

    def find_verification(self, text: str, sentence: Sentence) -> list[VerificationMarker]:
        return [
            VerificationMarker(m.start, m.end, m.text, m.entry.label, m.entry.id)  # type: ignore[arg-type]
            for m in self._verification.finditer(text, sentence.start, sentence.end)
        ]

    def find_hedges(self, text: str, sentence: Sentence) -> list[Hedge]:
        found = []
        for m in self._hedges.finditer(text, sentence.start, sentence.end):
            kind = m.entry.label
            if kind == "modal" and not _is_modal_verb(sentence, m.start):
                continue  # "in May last year"
            if kind == "approximator" and not _QUANTITY_AHEAD.match(text, m.end, sentence.end):
                continue  # "up to them", "close to the border"
            found.append(Hedge(m.start, m.end, m.text, kind, m.entry.id))  # type: ignore[arg-type]
        return found


def _is_modal_verb(sentence: Sentence, start: int) -> bool:
    if sentence.span is None:
        return True
    for token in sentence.span:
        if sentence.offset + token.idx == start:
            return token.tag_ == "MD"
    return True

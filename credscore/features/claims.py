"""Rule-based claim signals: check-worthiness, and the two uncertainty readings (SPEC §3).

These are the feature-only estimates. The classifier heads replace them when a model is
loaded; the rules stay as the ``model=None`` path and as features for the fusion.
"""

from __future__ import annotations

import math
import re

from credscore.document import Document, Sentence
from credscore.features.embedded_posts import is_credit_line
from credscore.features.matching import PhraseMatcher
from credscore.lexicon import load_lexicon

#: A sentence at or above this check-worthiness is reported as a claim.
CLAIM_THRESHOLD = 0.3
#: An attributed sentence of at least this many words is a claim whatever its check-worthiness.
MIN_ATTRIBUTED_WORDS = 4
#: At or above this a claim counts as check-worthy in the article components.
CHECKWORTHY_THRESHOLD = 0.5

HEDGE_WEIGHTS = {"modal": 0.8, "adverb": 1.0, "evidential": 1.2, "approximator": 0.5, "distancing": 0.8}
WEASEL_WEIGHTS = {"vague_group": 1.0, "passive_attribution": 1.2, "vague_quantifier": 0.4}
CHECKABLE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "FAC", "LAW", "LOC", "PRODUCT"})
NUMERIC_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "ORDINAL", "TIME"})
_WORD = re.compile(r"[A-Za-z]+")
_DIGIT = re.compile(r"\d")
_FIRST_SECOND = re.compile(r"\b(?:I|we|We|you|You|our|Our|my|My|me|us)\b")


def _saturate(total: float) -> float:
    """Evidence weight → probability-like score in [0, 1): 0 → 0, 1 → 0.59, 2 → 0.83."""
    return round(1.0 - math.exp(-0.9 * total), 4)


class ClaimTagger:
    """Pipeline component: ``checkworthiness``, ``is_claim``, ``hedge_score``, ``weasel_score``."""

    name = "claims"
    requires: tuple[str, ...] = ("markers", "attribution")
    assigns: tuple[str, ...] = ("sentence.checkworthiness", "sentence.is_claim", "sentence.hedge_score", "sentence.weasel_score")

    def __init__(self) -> None:
        self._weasels = PhraseMatcher(load_lexicon("weasels").entries)

    def __call__(self, doc: Document) -> Document:
        for s in doc.sentences:
            s.checkworthiness = checkworthiness(s)
            s.is_claim = is_claim(s)
            s.hedge_score = _saturate(sum(HEDGE_WEIGHTS[h.type] for h in s.hedges))
            weight = sum(WEASEL_WEIGHTS.get(m.entry.label, 0.5) for m in self._weasels.finditer(doc.text, s.start, s.end))
            if s.attribution is not None and s.attribution.kind == "anonymous_vague":
                weight += 1.0
            s.weasel_score = _saturate(weight)
        doc.done.add(self.name)
        return doc


def is_claim(s: Sentence) -> bool:
    """A claim is check-worthy enough, or a statement put in someone's mouth (SPEC §1).

    Attributed sentences stay claims even when their wording scores low: who said what is itself
    checkable, and their low check-worthiness already makes them weigh little in the article. A
    sentence cut off by its paragraph's end before its content is none.
    """
    if s.text.rstrip().endswith((",", ":", ";")):
        return False  # a paragraph that stops mid-sentence ("Obama said,"): what it introduces is the claim
    if s.text.rstrip().rstrip("\"”’'").endswith("?"):
        return False  # a question asserts nothing, whoever asks it ("Is God saying the same to you?"; SPEC §1)
    if not any(c.isalpha() for c in s.text):
        return False  # no word at all: a list's number ("2.") the sentence splitter cut off its item
    if is_credit_line(s.text):
        return False  # "— Lisa Daftari (@LisaDaftari) September 18, 2016": it names the post above, which is the claim
    attributed = s.attribution is not None and s.attribution.cue is not None
    return s.checkworthiness >= CLAIM_THRESHOLD or (attributed and len(_WORD.findall(s.text)) >= MIN_ATTRIBUTED_WORDS)


def checkworthiness(s: Sentence) -> float:
    """How much a sentence asserts something checkable: figures, names, events, attribution.

    Questions, fragments, and first/second-person opinion score low.
    """
    text = s.text.strip()
    words = _WORD.findall(text)
    if len(words) < 4:
        return 0.05
    if text.rstrip("”\"'’ ").endswith("?"):
        return 0.1
    score = 0.3
    span = s.span
    if span is not None:
        labels = [e.label_ for e in span.ents]
        if any(label in NUMERIC_ENTS for label in labels) or any(t.like_num for t in span):
            score += 0.25
        score += min(0.2, 0.1 * sum(label in CHECKABLE_ENTS for label in labels))
        if any(t.tag_ in ("VBD", "VBN") for t in span):
            score += 0.1
    elif _DIGIT.search(text):
        score += 0.25
    if s.attribution is not None:
        score += 0.1
    if _FIRST_SECOND.search(text) and s.quoted_share > 0.5:
        score -= 0.2  # a speaker's own feelings or appeal ("Our door is always open")
    if text.endswith("!"):
        score -= 0.1
    return round(min(1.0, max(0.0, score)), 4)

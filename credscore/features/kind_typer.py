"""A learned source-kind typer over the rules' reading of a source phrase (SPEC §2, issue 12).

The rules (:meth:`~credscore.features.source_kinds.SourceKinds.rule_kind`) read a source phrase's
kind off its head noun, entity label and lexicon hits. The typer takes that kind as one input among
others (entity label, lexicon hits, determiner, number, capitalisation, vantage phrases, the
governing cue, the words of the phrase) and applies a multinomial logistic regression fitted by
``python -m training.kind_typer``. Its weights are a small JSON file,
``credscore/models/kind_typer.json`` (labels, feature names, weights, the training command's
figures); they are applied with numpy. Without the file the rules' kind stands; a file that is there
but unreadable fails loudly.

>>> KindTyper.from_dict({"labels": ["a", "b"], "features": ["x"], "coef": [[1.0, -1.0]],
...                      "intercept": [0.0, 0.0], "version": "t"}).predict(["x"])
('a', 0.8808)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import numpy as np

from credscore.errors import ModelLoadError

if TYPE_CHECKING:
    from spacy.tokens import Token

    from credscore.document import Attribution, Document, Sentence, TextSpan
    from credscore.features.source_kinds import SourceKinds

WEIGHTS_FILE = "kind_typer.json"
_SHAPES = ("lower", "title", "upper", "other")


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title"
    return "lower" if text.islower() else "other"


def span_features(kinds: SourceKinds, doc: Document, sentence: Sentence, head: Token, span: TextSpan,
                  rules: str) -> list[str]:
    """Feature names of a source phrase in its sentence (the rules' kind ``rules`` included)."""
    from credscore.features.source_kinds import (GROUP_PRONOUNS, HONORIFICS, INSIDER_WORDS, OUTLET_HEADS,
                                                 PERSON_PRONOUNS, REPORT_NOUNS, SPOKESPEOPLE, TITLES, VANTAGE_WORDS,
                                                 known_surname)

    off = sentence.offset
    tokens = [t for t in head.subtree if span.start <= off + t.idx < span.end] or [head]
    lower = head.lower_
    f = [f"rules={rules}", f"ent={head.ent_type_ or '-'}", f"pos={head.pos_}", f"tag={head.tag_}", f"dep={head.dep_}",
         f"head={lower}", f"shape={_shape(head.text)}", f"ntok={min(len(tokens), 6)}"]
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss")), "-")
    f.append(f"det={determiner}")
    if any(c.dep_ == "nummod" for c in head.children):
        f.append("nummod")
    if head.tag_ in ("NNS", "NNPS"):
        f.append("plural")
    if lower in PERSON_PRONOUNS:
        f.append("pron=person")
    elif lower in GROUP_PRONOUNS:
        f.append("pron=group")
    elif head.pos_ == "PRON":
        f.append("pron=other")
    lexicons = (("role", kinds.roles), ("vague", kinds.vague_groups), ("docnoun", kinds.document_nouns),
                ("vantage_role", kinds.vantage_roles), ("org_head", kinds.org_heads),
                ("generic_outlet", kinds.generic_outlets), ("report_noun", REPORT_NOUNS), ("outlet_head", OUTLET_HEADS),
                ("spokes", SPOKESPEOPLE), ("insider", INSIDER_WORDS), ("title", TITLES))
    for name, words in lexicons:
        if lower in words:
            f.append(f"head_{name}")
        if any(t.lower_ in words for t in tokens if t.i != head.i):
            f.append(f"mod_{name}")
    if any(t.lower_ in kinds.affiliations for t in tokens if t.i != head.i):
        f.append("mod_affiliation")
    if any(t.lower_.rstrip(".") in HONORIFICS for t in tokens if t.i < head.i):
        f.append("honorific")
    if any(t.lower_ in VANTAGE_WORDS for t in tokens if t.i != head.i):
        f.append("vantage_word")
    if kinds.outlet_in(doc, span):
        f.append("outlet_in_span")
    if kinds.head_in_outlet(doc, sentence, head):
        f.append("head_in_outlet")
    if lower in doc.person_words or known_surname(head, doc):
        f.append("person_word")
    for t in tokens:
        if t.ent_type_:
            f.append(f"span_ent={t.ent_type_}")
        if t.i != head.i:
            f.append(f"w={t.lower_}")
    for c in head.children:
        if c.dep_ == "relcl":
            f.append("relcl")
        elif c.dep_ == "acl":
            f.append(f"acl={c.tag_}")
        elif c.dep_ == "prep":
            f.append(f"prep={c.lower_}")
        elif c.dep_ in ("appos", "compound", "conj"):
            f.append(f"{c.dep_}_ent={c.ent_type_ or c.pos_}")
    if kinds.vantage(head, tokens):
        f.append("vantage")
    if kinds.affiliated(head, tokens):
        f.append("affiliated")
    gov = head.head
    if head.dep_ == "dobj":  # "Reuters reported BaFin as saying": the quoted object governs as a speaker
        gov = next((p for c in gov.children if c.dep_ == "prep" and c.lower_ == "as"
                    for p in c.children if p.dep_ == "pcomp"), gov)
    if gov.lower_ == "to" and gov.head is not gov and gov.head.lower_ == "according":
        f.append("gov=according")
    else:
        f.append(f"gov={kinds.verb_lemmas.get(gov.lower_, gov.lower_ if gov.lower_ in kinds.document_verbs else '-')}")
    return sorted(set(f))


@dataclass(frozen=True)
class KindTyper:
    """A fitted multinomial logistic regression over feature names (see :func:`span_features`)."""

    labels: tuple[str, ...]
    index: dict[str, int]
    coef: np.ndarray  # features × labels
    intercept: np.ndarray  # labels
    version: str
    #: the typer's kind replaces the rules' where its probability is at least this (chosen by the fitting
    #: command and shipped with the weights); ``None``: the typer only scores the rules' kind
    decide_at: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KindTyper:
        try:
            labels = tuple(data["labels"])
            names = list(data["features"])
            coef = np.asarray(data["coef"], dtype=np.float64).reshape(len(names), len(labels))
            intercept = np.asarray(data["intercept"], dtype=np.float64).reshape(len(labels))
            decide_at = data.get("decide_at")
            if decide_at is not None and not 0.0 <= float(decide_at) <= 1.0:
                raise ValueError(f"decide_at {decide_at!r} is not a probability")
            return cls(labels, {n: i for i, n in enumerate(names)}, coef, intercept, str(data.get("version", "")),
                       None if decide_at is None else float(decide_at))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelLoadError(f"kind typer weights are malformed ({exc}); expected labels, features, coef "
                             f"(features × labels), intercept and an optional decide_at in [0, 1]; refit with `python -m training.kind_typer --write`") from exc

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        logits = self.intercept + self.coef[rows].sum(axis=0)
        logits = logits - logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def probability(self, features: Sequence[str], label: str, *, exclude: Sequence[str] = ()) -> float | None:
        """The probability of ``label`` (4 places) over the labels not in ``exclude``; None for a
        label the typer does not know."""
        if label not in self.labels or label in exclude:
            return None
        return self._share(self.probabilities(features), label, exclude)

    def _share(self, p: np.ndarray, label: str, exclude: Sequence[str]) -> float:
        """``label``'s probability in ``p`` over the labels not in ``exclude`` (4 places)."""
        keep = np.array([lab not in exclude for lab in self.labels])
        return round(float(p[self.labels.index(label)] / p[keep].sum()), 4)

    def predict(self, features: Sequence[str], *, exclude: Sequence[str] = ()) -> tuple[str, float]:
        """The most probable kind and its probability (rounded to 4 places), over the labels not in
        ``exclude`` (their probabilities renormalised)."""
        p = self.probabilities(features)
        keep = np.array([label not in exclude for label in self.labels])
        if not keep.any():
            raise ValueError(f"exclude={list(exclude)!r} leaves none of the typer's labels {list(self.labels)!r}")
        p = np.where(keep, p, 0.0)
        p = p / p.sum()
        best = int(np.argmax(p))
        return self.labels[best], round(float(p[best]), 4)

    def decide(self, features: Sequence[str], rules: str, decide_at: float | None) -> tuple[str, float | None]:
        """The kind of a source phrase and the typer's probability of it over the source kinds: the
        typer's most probable kind where its probability reaches ``decide_at``, else the rules' kind
        ``rules``. The rules' kind stands where the typer's most probable label is "unattributed" (it
        doubts the phrase is a source, and a phrase with a source has a source kind, SPEC §2), and
        where it would make a description a person the rules did not ("the boss of MI6": its referent
        is the entity resolver's to find; typed a person here it would be an entity with no name)."""
        p = self.probabilities(features)
        best = self.labels[int(np.argmax(p))]
        description = best == "named_person" != rules and "det=-" not in features
        if decide_at is not None and best != "unattributed" and p.max() >= decide_at and not description:
            return best, self._share(p, best, ("unattributed",))
        known = rules in self.labels and rules != "unattributed"
        return rules, self._share(p, rules, ("unattributed",)) if known else None


@lru_cache(maxsize=1)
def load_typer() -> KindTyper | None:
    """The shipped typer, or ``None`` when no weights file ships (the rules' kinds stand)."""
    path = files("credscore").joinpath("models", WEIGHTS_FILE)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read the kind typer's weights {WEIGHTS_FILE}: {exc}; "
                         "refit with `python -m training.kind_typer --write` or delete the file") from exc
    return KindTyper.from_dict(data)


def kind_confidence(doc: Document, attribution: Attribution) -> float | None:
    """The kind typer's probability of an attribution's kind, from what ``SourceKinds.classify``
    recorded for its source phrase (or, for a reference resolved to an earlier mention, that
    mention's): the exact phrase first, else a typed phrase overlapping it; None where the typer
    gave no probability for this kind."""
    typing = doc.kind_readings
    span = attribution.resolved_from or attribution.source
    if span is None:
        return None
    exact = typing.get((span.start, span.end))
    candidates = [exact] if exact is not None else [
        t for (a, b), t in typing.items() if a < span.end and span.start < b]
    return next((t.confidence for t in candidates if t.kind == attribution.kind and t.confidence is not None), None)

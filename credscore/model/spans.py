"""Decode the span model: windows of an article → linked attributions (cue, source, content).

The tagging head finds the cues; for each cue the linker head tags the words of *its* source
and *its* content anywhere in the window, so several attributions in one sentence, nested ones,
and content that runs over sentences or paragraphs come out whole. Decoding is numpy over the
encoder's token states (the linker's GELU through ONNX Runtime's Erf where that is installed), so
the torch and ONNX runtimes share it (and their answers).
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np

from credscore.model.tags import LINK_MAX_BUCKET, LINK_TAGS
from credscore.paragraphs import crosses_paragraph

Span = tuple[int, int]

logger = logging.getLogger("credscore")


@dataclass(frozen=True)
class Word:
    """One word of a window: its wordpieces ``[first, last]`` and its characters ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int

    def of(self, text: str) -> str:
        """The word as it stands in ``text``."""
        return text[self.start:self.end]


@dataclass(frozen=True)
class SpanAttribution:
    """One decoded attribution: character fragments of each role, and how sure the cue is."""

    cue: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()
    cue_probability: float = 0.0
    #: the linker's mean probability over the words it gave the source / the content
    source_probability: float = 0.0
    content_probability: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"cue": [list(s) for s in self.cue], "source": [list(s) for s in self.source],
                "content": [list(s) for s in self.content], "cue_probability": round(self.cue_probability, 4)}

    def shifted(self, offset: int) -> SpanAttribution:
        move = lambda spans: tuple((a + offset, b + offset) for a, b in spans)  # noqa: E731
        return SpanAttribution(move(self.cue), move(self.source), move(self.content), self.cue_probability,
                               self.source_probability, self.content_probability)


def words_of(word_ids: Sequence[int | None], offsets: Sequence[Span]) -> list[Word]:
    """Group wordpieces into the tokenizer's words (punctuation is a word of its own)."""
    words: list[Word] = []
    previous: int | None = None
    for k, (word, (a, b)) in enumerate(zip(word_ids, offsets)):
        if word is None or b <= a:
            previous = None
            continue
        if word == previous and words:
            w = words[-1]
            words[-1] = Word(w.first, k, w.start, b)
        else:
            words.append(Word(k, k, a, b))
        previous = word
    return words


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(-1, keepdims=True))
    return shifted / shifted.sum(-1, keepdims=True)


def _runs(labels: Sequence[str], words: Sequence[Word], role: str) -> list[tuple[int, int]]:
    """Word index runs ``[i, j]`` tagged ``role`` (an ``I-`` without its ``B-`` starts a run)."""
    runs: list[tuple[int, int]] = []
    for i, tag in enumerate(labels):
        if tag[2:] != role:
            continue
        if tag.startswith("I-") and runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


#: words that finish a one-word cue into the cue phrase PolNeAR marks ("according to")
PHRASE_ENDS = {"according": "to"}
#: punctuation that no content span starts or ends with (PolNeAR's content spans do not)
EDGE_PUNCTUATION = frozenset(",.;:—–-")
#: words that end a sentence, where a content after its cue may be snapped to (``content_snap``)
SENTENCE_END_MARKS = frozenset({".", "?", "!"})


def _continues_phrase(text: str, previous: Word, word: Word) -> bool:
    return PHRASE_ENDS.get(previous.of(text).lower()) == word.of(text).lower()


#: articles and possessives before a participle that make it an adjective ("a reported offer", "his alleged victims")
ARTICLES = frozenset({"a", "an", "the"})
POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})


def _attributive(text: str, words: Sequence[Word], run: Sequence[int]) -> bool:
    """A one-word cue used as an adjective: a participle between an article or a possessive and a word
    ("a reported U.S. offer", "some of Epstein's alleged victims"). It reports nothing, and as a cue it
    would cut the content of the real cue before it."""
    if len(run) != 1 or run[0] == 0 or run[0] + 1 >= len(words):
        return False
    word, before, after = (w.of(text) for w in (words[run[0]], words[run[0] - 1], words[run[0] + 1]))
    apostrophe = run[0] >= 2 and before.lower() == "s" and words[run[0] - 2].of(text) in ("'", "’")  # "Epstein ’ s"
    determined = before.lower() in ARTICLES or before.lower() in POSSESSIVES or apostrophe
    return word.lower().endswith("ed") and determined and after[:1].isalnum()



#: closed-class words that are no cue alone ("about", "to", "would") and that no cue ends with
#: ("said in", "wrote a", "told me"), where PolNeAR's cue is the verb before them
NOT_A_CUE = frozenset({"a", "an", "the", "to", "about", "on", "of", "in", "at", "for", "out", "with", "from",
                       "by", "not", "would", "should", "is", "was", "has", "s", "me", "it"})
CUE_ENDS_NOT = frozenset({"a", "an", "the", "me", "it", "in", "not"})
#: a speech verb's cue ends at the verb, not in the words after it ("said of", "said in a recent", "told me")
SPEECH_VERBS = frozenset({"said", "says", "say", "told", "tells", "tell", "wrote", "writes", "added", "adds"})
SPEECH_CUE_ENDS_NOT = CUE_ENDS_NOT | {"of", "at", "via", "on", "after", "last", "recent"}


def _cue_trimmed(text: str, words: Sequence[Word], run: list[int]) -> list[int]:
    """A cue run without the closed-class words PolNeAR's cues do not end with; empty where the run
    is one closed-class word alone (the tagging head's crumbs)."""
    def word(i: int) -> str:
        return words[i].of(text).lower()

    if len(run) == 1:
        return [] if word(run[0]) in NOT_A_CUE else run
    end, ends_not = len(run), SPEECH_CUE_ENDS_NOT if word(run[0]) in SPEECH_VERBS else CUE_ENDS_NOT
    while end > 1 and word(run[end - 1]) in ends_not:
        end -= 1
    return run[:end]


#: the dash that signs a quotation with its speaker's name: '“He represents our greatest shame.” ― Sonya Herridge'
SIGNATURE_DASHES = frozenset("―—–")


def _signature_dash(text: str, words: Sequence[Word], i: int) -> bool:
    """Is word ``i`` a dash between a closing quotation mark and a capitalised name? It is the cue
    of that quotation (PolNeAR marks it so), though no verb says it."""
    if words[i].of(text) not in SIGNATURE_DASHES or i == 0 or i + 1 >= len(words):
        return False
    before, after = words[i - 1].of(text), words[i + 1].of(text)
    return before in ("”", '"') and after[:1].isupper()


#: words no source ends with: a preposition or relative pronoun the linker ran on into ("the Council
#: on", "officials who"), a sentence's full stop
SOURCE_ENDS_NOT = frozenset({".", "on", "in", "which", "who", "that"})


def _source_trimmed(runs: list[tuple[int, int]], words: Sequence[Word], text: str) -> list[tuple[int, int]]:
    """Source runs without the words no source ends with, and without a closing comma unless the
    source holds one before it: PolNeAR ends an appositive source with its comma ("X, a spokesman,")
    and a plain one without ("According to MSNBC, …")."""
    out = []
    for a, b in runs:
        while b > a:
            last = words[b].of(text).lower()
            inner_comma = "," in text[words[a].start:words[b].start]
            if last in SOURCE_ENDS_NOT or (last == "," and not inner_comma):
                b -= 1
            else:
                break
        out.append((a, b))
    return out


def _hyphen_whole(runs: list[tuple[int, int]], words: Sequence[Word], text: str) -> list[tuple[int, int]]:
    """Source runs widened to whole hyphenated names: the tokenizer splits "KING-TV" and
    "Sun-Times" at the hyphen, and a run that starts or ends at the hyphen names only a part."""
    def joined(i: int, j: int) -> bool:  # words i < j touch, and one of them is the hyphen between
        return words[i].end == words[j].start and "-" in (words[i].of(text), words[j].of(text))

    out = []
    for a, b in runs:
        while a >= 2 and joined(a - 1, a) and joined(a - 2, a - 1):
            a -= 2
        while b + 2 < len(words) and joined(b, b + 1) and joined(b + 1, b + 2):
            b += 2
        out.append((a, b))
    return out


def _trimmed(runs: list[tuple[int, int]], words: Sequence[Word], text: str) -> list[tuple[int, int]]:
    """Content runs without the punctuation words at their ends; punctuation alone is dropped."""
    out = []
    for a, b in runs:
        while a <= b and words[a].of(text) in EDGE_PUNCTUATION:
            a += 1
        while b >= a and words[b].of(text) in EDGE_PUNCTUATION:
            b -= 1
        if a <= b:
            out.append((a, b))
    return out


def _join(spans: Sequence[Span], text: str) -> tuple[Span, ...]:
    """Fragments that touch or are separated only by whitespace become one."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and not text[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


@dataclass
class LinkHead:
    """The linker head in numpy (see ``MultiTaskNet.link_logits``): both runtimes decode alike."""

    weights: dict[str, np.ndarray]

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> LinkHead:
        def get(key: str) -> np.ndarray:
            value = state[key]
            return np.asarray(value.float().numpy() if hasattr(value, "float") else value, dtype=np.float32)

        names = ("link_token.weight", "link_token.bias", "link_cue.weight", "link_token_low.weight",
                 "link_cue_low.weight", "link_interaction.weight", "link_distance.weight", "link_out.weight", "link_out.bias")
        return cls({name: get(name) for name in names})

    def tokens(self, states: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The per-window terms (paid once for all cues): ``token·A + a`` and ``token·P``."""
        w = self.weights
        return states @ w["link_token.weight"].T + w["link_token.bias"], states @ w["link_token_low.weight"].T

    def __call__(self, states: np.ndarray, cue: Sequence[int], tokens: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """Linker logits ``[T, len(LINK_TAGS)]`` for one cue (its wordpiece indices) over ``states [T, H]``."""
        return self.for_cues(states, [cue], tokens)[0]

    def for_cues(self, states: np.ndarray, cues: Sequence[Sequence[int]],
                 tokens: tuple[np.ndarray, np.ndarray] | None = None, rows: Sequence[int] | None = None) -> np.ndarray:
        """Linker logits ``[len(cues), len(rows), len(LINK_TAGS)]``: every cue of a window read at once, at
        the wordpieces ``rows`` (all by default; the decoder reads each word's first). A cue-dense text
        has a cue every few words, so the per-cue terms are batched rather than looped."""
        w = self.weights
        token_term, token_low = tokens if tokens is not None else self.tokens(states)
        rows = np.arange(states.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(cues), len(rows), w["link_out.bias"].shape[0]), dtype=np.float32)
        token_term, token_low = token_term[rows], token_low[rows]
        for first in range(0, len(cues), _CUES_AT_ONCE):  # bounded memory: [cues, rows, hidden] per step
            chunk = cues[first:first + _CUES_AT_ONCE]
            anchors = np.stack([states[list(cue)].mean(0) for cue in chunk])
            starts = np.array([min(cue) for cue in chunk])[:, None]
            ends = np.array([max(cue) for cue in chunk])[:, None]
            dist = np.clip(rows[None, :] - ends, 0, None) - np.clip(starts - rows[None, :], 0, None)
            mag = np.abs(dist).astype(np.float32)
            far = 8 + np.floor(np.log2(np.maximum(mag, 8) / 8) * 2)
            bucket = np.minimum(np.where(mag <= 8, mag, far), LINK_MAX_BUCKET).astype(np.int64)
            ids = np.sign(dist) * bucket + LINK_MAX_BUCKET
            interaction = token_low[None] * (anchors @ w["link_cue_low.weight"].T)[:, None]
            h = (token_term[None] + (anchors @ w["link_cue.weight"].T)[:, None] + interaction @ w["link_interaction.weight"].T
                 + w["link_distance.weight"][ids])
            out[first:first + len(chunk)] = _gelu(h) @ w["link_out.weight"].T + w["link_out.bias"]
        return out


#: cues whose linker terms are computed together (about 3 MB a step for a 256-wordpiece window)
_CUES_AT_ONCE = 8


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact GELU, as torch's ``gelu``: through ONNX Runtime's Erf where it is installed (about
    five times SciPy's, which computes in float64), else through SciPy."""
    session = _gelu_session()
    if session is not None:
        return session.run(None, {"x": np.ascontiguousarray(x, dtype=np.float32)})[0]
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


@functools.lru_cache(maxsize=1)
def _gelu_session() -> Any:
    """A one-op-chain ONNX Runtime session computing ``0.5·x·(1 + erf(x/√2))``; None without onnxruntime."""
    try:
        import onnxruntime
        from onnx import TensorProto, helper
    except ImportError:
        return None
    constants = [helper.make_tensor(name, TensorProto.FLOAT, [], [value])
                 for name, value in (("scale", 1 / math.sqrt(2.0)), ("one", 1.0), ("half", 0.5))]
    nodes = [helper.make_node("Mul", ["x", "scale"], ["scaled"]), helper.make_node("Erf", ["scaled"], ["erf"]),
             helper.make_node("Add", ["erf", "one"], ["plus"]), helper.make_node("Mul", ["x", "plus"], ["times"]),
             helper.make_node("Mul", ["times", "half"], ["y"])]
    graph = helper.make_graph(nodes, "gelu", [helper.make_tensor_value_info("x", TensorProto.FLOAT, None)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], initializer=constants)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8  # the lowest that opset 17 needs, so an older onnxruntime than onnx's newest reads it
    try:
        return onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - any runtime that cannot build it leaves SciPy's GELU, the same answers
        logger.debug("credscore: the linker's GELU runs through SciPy (%s)", exc)
        return None


@dataclass
class SpanDecoder:
    """Turns one window's head outputs into attributions with character offsets into its text.

    The raw per-word argmax of the linker leaves ragged roles (a content cut into word-sized
    pieces, a second source picked from a neighbouring attribution), so decoding applies what
    PolNeAR's spans look like: one source per attribution (the run the linker is surest of), and
    content either as the best-scoring run on each side of the cue (``content_segments``) or as
    the argmax's runs joined across gaps of at most ``content_gap`` words; content fragments
    shorter than ``min_fragment`` words are dropped where a longer one exists. Cues and sources keep
    PolNeAR's edges: no cue is a closed-class word alone or an adjective ("a reported offer"), a
    speech verb's cue ends at the verb, a dash that signs a quotation is its cue, and a source ends
    before a trailing preposition or bare comma. The settings are chosen on dev
    (training/EXPERIMENTS.md) and stored in the model's config.
    """

    attribution_tags: Sequence[str]
    link: LinkHead
    #: a word is a cue when the tagging head gives B-CUE + I-CUE at least this much
    cue_threshold: float = 0.5
    one_source: bool = True
    #: which source is the one: the run nearest the cue (True) or the one the linker is surest of
    nearest_source: bool = False
    content_gap: int = 2
    min_fragment: int = 3
    #: cue runs separated by at most this many words become one cue ("went on to discuss")
    cue_gap: int = 0
    #: source runs on one side of the cue, at most this many words apart, become one source
    #: ("Colonel Kemp, who has worked for the JIC, said": the relative clause is the source's)
    source_gap: int = 0
    #: words the reporting lexicons know ("told", "according"), and the lower cue threshold they
    #: take (None: the one threshold for all), so a known cue the head is unsure of is still read
    cue_words: frozenset[str] = frozenset()
    lexicon_threshold: float | None = None
    #: content as the best-scoring run of words on each side of the cue and its source (True), or
    #: as the linker's per-word argmax with gaps filled and crumbs dropped (False; ``content_gap``,
    #: ``min_fragment``)
    content_segments: bool = False
    #: log-odds added to each word's content score in ``content_segments``: above 0 a run carries on
    #: through words the linker is unsure of ("beginning in January 2017", its last word at 0.48)
    content_bias: float = 0.0
    #: a content after the cue that stops at most this many words short of its sentence's end runs
    #: on to it where every word between has content probability ``content_snap_p`` or more (0: off)
    content_snap: int = 0
    content_snap_p: float = 0.2
    link_tags: Sequence[str] = field(default=LINK_TAGS)

    #: the settings a model's ``attribution`` policy may store, each with the type it is read as
    POLICY_SETTINGS: ClassVar[Mapping[str, type]] = MappingProxyType({
        "cue_threshold": float, "one_source": bool, "nearest_source": bool, "content_gap": int, "min_fragment": int,
        "cue_gap": int, "source_gap": int, "lexicon_threshold": float, "content_segments": bool,
        "content_bias": float, "content_snap": int, "content_snap_p": float,
    })

    @classmethod
    def from_policy(cls, attribution_tags: Sequence[str], link: LinkHead, policy: Mapping[str, Any], *,
                    cue_words: frozenset[str] = frozenset()) -> SpanDecoder:
        """The decoder a model's stored ``attribution`` policy describes; a setting it does not store keeps the
        default above, and keys that are not decoder settings (the scorer's own) are left alone."""
        settings = {name: None if policy[name] is None else kind(policy[name])
                    for name, kind in cls.POLICY_SETTINGS.items() if name in policy}
        return cls(attribution_tags, link, cue_words=cue_words, **settings)

    def _threshold(self, text: str, word: Word) -> float:
        if self.lexicon_threshold is not None and word.of(text).lower() in self.cue_words:
            return min(self.cue_threshold, self.lexicon_threshold)
        return self.cue_threshold

    def decode(self, text: str, words: Sequence[Word], tag_logits: np.ndarray, states: np.ndarray) -> list[SpanAttribution]:
        probs = _softmax(tag_logits)
        b_cue, i_cue = self.attribution_tags.index("B-CUE"), self.attribution_tags.index("I-CUE")
        cue_runs: list[list[int]] = []
        for i, w in enumerate(words):
            if cue_runs and cue_runs[-1][-1] == i - 1 and _continues_phrase(text, words[i - 1], w):
                cue_runs[-1].append(i)  # "according" + "to"
                continue
            p = probs[w.first]
            if p[b_cue] + p[i_cue] < self._threshold(text, w) and not _signature_dash(text, words, i):
                continue
            continues = cue_runs and cue_runs[-1][-1] == i - 1 and p[i_cue] >= p[b_cue]
            bridged = cue_runs and 1 < i - cue_runs[-1][-1] <= self.cue_gap + 1 and p[i_cue] >= p[b_cue]
            if continues or bridged:
                cue_runs[-1].extend(range(cue_runs[-1][-1] + 1, i + 1))
            else:
                cue_runs.append([i])
        cue_runs = [run for run in (_cue_trimmed(text, words, r) for r in cue_runs)
                    if run and not _attributive(text, words, run)]
        out = []
        tokens = self.link.tokens(states) if cue_runs else None
        cue_pieces = [[k for i in run for k in range(words[i].first, words[i].last + 1)] for run in cue_runs]
        # only a snapping decoder reads where sentences end (every window would pay for it otherwise)
        sentence_ends = [w.of(text) in SENTENCE_END_MARKS for w in words] if self.content_snap else []
        links = _softmax(self.link.for_cues(states, cue_pieces, tokens, [w.first for w in words])) if cue_runs else None
        for c, run in enumerate(cue_runs):
            link = links[c]  # [words, LINK_TAGS]: each word read at its first wordpiece
            labels = [self.link_tags[k] for k in link.argmax(-1)]
            role_p = {role: link[:, self.link_tags.index("B-" + role)] + link[:, self.link_tags.index("I-" + role)]
                      for role in ("SOURCE", "CONTENT")}
            sources = self._sources([r for r in _runs(labels, words, "SOURCE") if not (r[0] <= run[-1] and run[0] <= r[1])], run)
            if self.one_source and len(sources) > 1 and self.nearest_source:
                sources = [min(sources, key=lambda r: min(abs(r[0] - run[-1]), abs(run[0] - r[1])))]
            elif self.one_source and len(sources) > 1:
                sources = [max(sources, key=lambda r: float(role_p["SOURCE"][r[0]:r[1] + 1].sum()))]
            if self.content_segments:
                other_cues = [r for r in cue_runs if r is not run]
                contents = _content_segments(role_p["CONTENT"], run, sources, other_cues, bias=self.content_bias)
                if self.content_snap:
                    contents = _snapped_to_sentence_end(contents, run, role_p["CONTENT"], sentence_ends, other_cues,
                                                        self.content_snap, self.content_snap_p)
            else:
                contents = self._contents(_runs(labels, words, "CONTENT"), run, sources)
            if len(run) == 1 and _signature_dash(text, words, run[0]):
                contents = [c for c in contents if c[1] < run[0]]  # a signature signs the quotation before it
            contents = _without_crumbs(contents, self.min_fragment)
            contents = _trimmed(contents, words, text)
            sources = _source_trimmed(_hyphen_whole(sources, words, text), words, text)  # after the contents: the words cut are no content either
            cue_p = float(np.mean([probs[words[i].first][b_cue] + probs[words[i].first][i_cue] for i in run]))
            mean = lambda role, runs: float(np.mean([role_p[role][i] for a, b in runs for i in range(a, b + 1)])) if runs else 0.0  # noqa: E731
            out.append(SpanAttribution(
                cue=_join([(words[run[0]].start, words[run[-1]].end)], text),
                source=_join([(words[a].start, words[b].end) for a, b in sources], text),
                content=_join([(words[a].start, words[b].end) for a, b in contents], text),
                cue_probability=cue_p,
                source_probability=mean("SOURCE", sources),
                content_probability=mean("CONTENT", contents),
            ))
        return out

    def _sources(self, runs: list[tuple[int, int]], cue: list[int]) -> list[tuple[int, int]]:
        """Source runs on one side of the cue joined across gaps of at most ``source_gap`` words."""
        return _bridged(runs, self.source_gap, set(cue))

    def _contents(self, runs: list[tuple[int, int]], cue: list[int], sources: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Content runs with small gaps filled (never across the cue or the source)."""
        return _bridged(runs, self.content_gap, set(cue) | {i for a, b in sources for i in range(a, b + 1)})


def _without_crumbs(runs: list[tuple[int, int]], min_fragment: int) -> list[tuple[int, int]]:
    """Runs shorter than ``min_fragment`` words dropped where a longer one exists."""
    if max((b - a + 1 for a, b in runs), default=0) >= min_fragment:
        return [(a, b) for a, b in runs if b - a + 1 >= min_fragment]
    return runs


def _content_segments(p_content: np.ndarray, cue: list[int], sources: list[tuple[int, int]],
                      other_cues: Sequence[list[int]], *, bias: float = 0.0) -> list[tuple[int, int]]:
    """A cue's content: on each side of the cue and its source, the run of words whose content
    log-odds (plus ``bias``) sum highest (none where every run sums below zero), never reaching
    another cue.

    PolNeAR's contents are one span, or two around the cue ("“X,” he said, “Y.”"), and none holds
    another attribution's cue: words past the next cue are that cue's content, not this one's.
    """
    p = np.clip(p_content, 1e-6, 1 - 1e-6)
    score = np.log(p) - np.log1p(-p) + bias
    lo, hi = min([cue[0], *(a for a, _ in sources)]), max([cue[-1], *(b for _, b in sources)])
    after = min((r[0] for r in other_cues if r[0] > hi), default=len(score))
    before = max((r[-1] for r in other_cues if r[-1] < lo), default=-1)
    out = []
    left = _best_run(score[before + 1:lo][::-1])
    if left is not None:
        out.append((lo - 1 - left[1], lo - 1 - left[0]))
    right = _best_run(score[hi + 1:after])
    if right is not None:
        out.append((hi + 1 + right[0], hi + 1 + right[1]))
    return out


def _snapped_to_sentence_end(contents: list[tuple[int, int]], cue: list[int], p_content: np.ndarray,
                             sentence_ends: Sequence[bool], other_cues: Sequence[list[int]], reach: int,
                             floor: float) -> list[tuple[int, int]]:
    """The content after the cue run on to its sentence's end when at most ``reach`` words short of it
    and each word between has content probability ``floor`` or more: the linker is least sure of a
    clause's last words ("between January 1 and September 18."), which PolNeAR's contents keep."""
    if not contents or contents[-1][0] <= cue[-1]:
        return contents
    a, b = contents[-1]
    stop = min((r[0] for r in other_cues if r[0] > b), default=len(sentence_ends))
    j = b + 1
    while j < stop and j <= b + reach and not sentence_ends[j] and p_content[j] >= floor:
        j += 1
    if j > b + 1 and j < stop and sentence_ends[j]:
        return [*contents[:-1], (a, j - 1)]
    return contents


def _best_run(score: np.ndarray) -> tuple[int, int] | None:
    """The run ``[a, b]`` of ``score`` with the highest sum, if that sum is positive."""
    if not len(score):
        return None
    prefix = np.concatenate([[0.0], np.cumsum(score)])
    best_end = np.maximum.accumulate(prefix[::-1])[::-1]  # best_end[k]: the highest prefix sum from k on
    gains = best_end[1:] - prefix[:-1]
    a = int(np.argmax(gains))
    if gains[a] <= 0:
        return None
    return a, a + int(np.argmax(prefix[a + 1:] == best_end[a + 1]))


def _bridged(runs: list[tuple[int, int]], gap: int, blocked: set[int]) -> list[tuple[int, int]]:
    """Word runs (in order) joined across gaps of at most ``gap`` words that hold no ``blocked`` word."""
    joined: list[tuple[int, int]] = []
    for a, b in runs:
        if joined and a - joined[-1][1] - 1 <= gap and not blocked & set(range(joined[-1][1] + 1, a)):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def windows(text: str, offsets: Sequence[Span], budget: int) -> list[tuple[int, int]]:
    """Wordpiece windows ``[a, b)`` of at most ``budget`` pieces covering a long text, overlapping.

    Windows end at a paragraph break where one falls in their second half, else at a sentence
    end, else anywhere; the next window starts a quarter-budget back at such a boundary, so an
    attribution cut by one window's edge is seen whole in the next. ``offsets`` exclude specials.
    """
    n = len(offsets)
    if n <= budget:
        return [(0, n)]

    def strength(k: int) -> int:  # how good a place to cut before piece k is
        gap = text[offsets[k - 1][1]:offsets[k][0]]
        if "\n" in gap and crosses_paragraph(text, offsets[k - 1][1], offsets[k][0]):
            return 2
        return 1 if gap and text[offsets[k - 1][0]:offsets[k - 1][1]] in (".", "?", "!", '"', "\u201d") else 0

    out: list[tuple[int, int]] = []
    a = 0
    while True:
        b = min(a + budget, n)
        if b < n:
            candidates = [k for k in range(a + budget // 2, b) if strength(k)]
            best = max(candidates, key=lambda k: (strength(k), k), default=b)
            b = best
        out.append((a, b))
        if b >= n:
            return out
        back = [k for k in range(max(a + 1, b - budget // 4), b) if strength(k)]
        a = min(back, key=lambda k: (-strength(k), k)) if back else max(a + 1, b - budget // 4)


def merge_windows(found: Sequence[tuple[int, int, Sequence[SpanAttribution]]]) -> list[SpanAttribution]:
    """Attributions of overlapping windows (``(start char, end char, attributions)``, text offsets)
    → one per cue: where windows overlap, the one whose cue sits farthest from its window's edges."""
    best: dict[tuple[Span, ...], tuple[int, SpanAttribution]] = {}
    for lo, hi, attributions in found:
        for att in attributions:
            margin = min(att.cue[0][0] - lo, hi - att.cue[-1][1])
            if att.cue not in best or margin > best[att.cue][0]:
                best[att.cue] = (margin, att)
    return sorted((att for _, att in best.values()), key=lambda att: att.cue)

"""Quote chains: who speaks the sentences of a quote, and who a quoted speaker relays (SPEC §1).

A cue inside quotation marks whose source is a third party ("I have been told by very senior …
sources") makes that party the source and the speaker a relay. Sentences inside a quote with no cue
of their own inherit the speaker of the quote chain (:mod:`credscore.features.quotes`).
"""

from __future__ import annotations

from dataclasses import replace

from credscore.document import Attribution, Document, Offsets, RelayLink, overlapping
from credscore.features.cues import Candidate, to_attribution
from credscore.features.quotes import Quote


def compose(outer: Candidate, inner: Candidate | None) -> Attribution:
    """The sentence's attribution: the inner source if the speaker relays one, else the speaker."""
    if inner is None or inner.source is None and inner.how != "agentless":
        return to_attribution(outer)
    speaker = () if outer.source is None else (RelayLink(outer.source, outer.kind),)
    return replace(to_attribution(inner), relay=outer.relay + speaker + inner.relay)


def inherit_quote_speakers(doc: Document, quotes: list[Quote], inner: dict[int, Candidate]) -> None:
    """Sentences inside a quote chain, with no cue of their own, get the chain's speaker."""
    speakers: dict[int, Attribution] = {}
    by_sentence = doc.sentences
    for s in by_sentence:
        if s.attribution is None:
            continue
        chains = {q.chain for q in overlapping(s.start, s.end, quotes)}
        if not chains:
            continue
        if s.quoted_share < 0.95 or s.index not in inner:
            for chain in chains:
                speakers.setdefault(chain, s.speaker or s.attribution)
    for i, s in enumerate(by_sentence):
        if s.attribution is not None or s.quoted_share < 0.5:
            continue
        q = next(iter(overlapping(s.start, s.end, quotes)), None)
        if q is None:
            continue
        speaker = speakers.get(q.chain)
        if speaker is None:  # "… said:" ending the sentence before the quote
            prev = by_sentence[i - 1] if i else None
            if prev is not None and prev.attribution is not None and doc.text[prev.start : prev.end].rstrip().endswith(":"):
                speaker = prev.attribution
                speakers[q.chain] = speaker
        if speaker is None and i and doc.text[s.start] in "“\"'‘" and s.start == q.start:
            recent = [p for p in by_sentence[max(0, i - 2) : i] if p.attribution is not None and p.attribution.source is not None]
            if recent:  # news convention: a quote paragraph continues the last named speaker
                speaker = recent[-1].speaker or recent[-1].attribution
                speakers[q.chain] = speaker
        if speaker is None:
            continue
        content = Offsets(s.start, s.end)
        if s.index in inner:
            cand = inner[s.index]
            link = () if speaker.source is None else (RelayLink(speaker.source, speaker.kind),)
            s.attribution = replace(to_attribution(cand), relay=speaker.relay + link + cand.relay)
        else:
            s.attribution = replace(speaker, content=content)

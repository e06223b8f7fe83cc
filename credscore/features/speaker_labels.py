"""Transcript turns: a paragraph opened by a speaker's label is that speaker's (SPEC §2).

Interviews and debates are printed as turns, each a paragraph that opens with its speaker's name
and a colon::

    BAIER: Mr. Trump, will you pledge to support the nominee?

    TRUMP: I will not make that pledge at this time. Our trade deals are a disaster.

The turn's sentences have no cue of their own, so without the label they read as the article's
unattributed claims, and the label itself, often in capitals, reads to the entity tagger as an
organisation. A label is taken as a speaker only where every word of it names a person the article
names elsewhere ("TRUMP" after "Donald Trump"), so that "BREAKING:", "UPDATE:", "Via Fox News:" or
"Featured Image:" are not speakers, and where the turn does not open by pointing back at the name (a
list's item about the person: "Bernie Sanders: His plan would …"); the colon is the cue, and the
speaker is a named person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from credscore.document import Attribution, Document, Offsets, Sentence, SourcePhrase, TextSpan

#: "TRUMP: …", "Zach Galifianakis: …", "MR. SANDERS: …": one to four capitalised words, a colon, the turn
LABEL = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})(?P<colon>:)[ \t]+(?=\S)")

#: a turn that opens with a possessive pointing back at the name is about the person, not by them: a
#: list's item ("Bernie Sanders: His plan would raise federal revenues by …"); a turn may well open
#: with "He" or "They" about someone else ("TRUMP: They're killing us on trade")
_ABOUT = re.compile(r"(?:his|her|their)\b", re.IGNORECASE)

_EDGES = ".,;:!?\"'’“”()[]"

#: words a label may carry besides the speaker's name
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor", "secretary"})


def _words_outside(doc: Document, labels: list[re.Match[str]]) -> set[str]:
    """The article's words, lower-cased, outside the labels' names: one pass over the text. (A label's
    own words can make the entity tagger see a person: "Featured Image: …".)"""
    pieces, at = [], 0
    for m in labels:
        pieces.append(doc.text[at:m.start("name")])
        at = m.end("name")
    pieces.append(doc.text[at:])
    return {w.strip(_EDGES).lower() for piece in pieces for w in piece.split()}


def speaker_labels(doc: Document, paragraphs: dict[int, list[Sentence]]) -> Iterator[
        tuple[int, TextSpan, TextSpan, int, tuple[str, ...]]]:
    """Per labelled turn of the article's ``paragraphs`` (:meth:`Document.paragraphs`): its paragraph,
    the speaker's name, the colon, where the turn's words start, and the name's words (lower case,
    titles aside). A label counts where every word of its name, titles aside, is a word of a person
    the article names and is written outside the labels too."""
    opening = [(paragraph, LABEL.match(doc.text, sentences[0].start)) for paragraph, sentences in paragraphs.items()]
    labels = [m for _, m in opening if m is not None]
    if not labels:
        return
    outside = _words_outside(doc, labels)
    for paragraph, match in opening:
        if match is None or _ABOUT.match(doc.text, match.end()):
            continue
        words = [w.strip(_EDGES).lower() for w in match.group("name").split()]
        named = tuple(w for w in words if w not in _TITLES)
        if named and all(w in doc.person_words and w in outside for w in named):
            yield (paragraph, TextSpan.of(doc.text, match.start("name"), match.end("name")),
                   TextSpan.of(doc.text, match.start("colon"), match.end("colon")), match.end(), named)


def credit_speaker_labels(doc: Document) -> None:
    """Credit the sentences of each labelled turn, where they carry no attribution of their own, to
    the speaker its label names; the entity resolver reads the name's words, so that "TRUMP" is the
    Trump the article names elsewhere."""
    paragraphs = doc.paragraphs()
    for paragraph, name, colon, turn, words in list(speaker_labels(doc, paragraphs)):
        doc.source_phrases.setdefault((name.start, name.end), SourcePhrase(
            name=name.text, head=words[-1], name_words=words, words=tuple(sorted(set(words)))))
        for s in paragraphs[paragraph]:
            if s.attribution is not None and s.attribution.kind != "unattributed":
                continue
            s.attribution = Attribution("named_person", name, colon, Offsets(max(s.start, turn), s.end))

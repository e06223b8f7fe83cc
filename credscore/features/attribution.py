"""Attributions: who each sentence's information is credited to, and how (SPEC §1–2).

Per sentence, from the dependency parse: reporting-verb cues with their subject or agent as
source ("Bruce Jones … told the Mirror"), "according to X", "citing X", agentless frames
("it is believed"), and an outlet speaking for itself ("the Mirror can reveal"). A cue inside
quotation marks whose source is a third party ("I have been told by very senior … sources")
makes that party the source and the speaker a relay. Sentences inside a quote with no cue of
their own inherit the speaker of the quote chain. Pronouns and definite descriptions are left
for :mod:`credscore.features.entities` to resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from credscore.document import Attribution, Document, Offsets, RelayLink, Sentence, SourceKind, TextSpan
from credscore.features.kind_typer import load_typer, span_features
from credscore.features.matching import PhraseMatcher
from credscore.features.provenance import find_provenance
from credscore.features.quotes import Quote, find_quotes, inside_quote, overlapping, quoted_share
from credscore.lexicon import load_lexicon
from credscore.outlets import load_gazetteer, outlet_key

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
NON_SOURCE_SUBJECTS = frozenset({"it", "this", "that", "which", "what", "there", "these", "those",
                                 "everything", "anything", "something", "nothing", "nobody", "none"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
AFFILIATION_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
# "told the Mirror", "briefed reporters": the object is who heard it, part of the cue.
TELL_LEMMAS = frozenset({"tell", "inform", "brief", "write", "explain", "assure", "warn"})
# "a Nato source put the number at 7,000": put/place + a quantity noun is an estimate cue.
ESTIMATE_OBJECTS = frozenset({"number", "numbers", "toll", "figure", "figures", "total", "casualties", "cost", "losses"})
# Verbs whose agentless passive hides a source: "it is believed", "are thought to", "is said to".
AGENTLESS_LEMMAS = frozenset(
    "believe think understand say report claim allege estimate expect fear rumour rumor suggest know "
    "reveal confirm consider suspect feel tell".split()
)
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"})
INSIDER_WORDS = frozenset({"insider", "insiders", "whistleblower", "whistleblowers"})
BELIEF_ADJECTIVES = frozenset({"convinced", "adamant", "confident", "certain", "sure"})
OUTLET_HEADS = frozenset({"agency", "newspaper", "paper", "broadcaster", "channel", "network", "website", "outlet", "station", "magazine", "tabloid", "programme", "program", "show"})
REPORT_NOUNS = frozenset({"report", "reports", "story", "article", "reporting", "investigation", "interview", "exclusive"})
#: Rank for choosing the outer attribution of a sentence when two cues compete.
PRIORITY = {"verb": 0, "self": 0, "according": 1, "agentless": 2, "as_reported": 3, "citing": 4}
SPEAKING_PARTICIPLES = frozenset({"speaking", "talking", "writing", "addressing"})


@dataclass
class _Candidate:
    """One cue found in a sentence, before the sentence's attributions are combined."""

    how: str  # verb | according | agentless | citing | self
    cue: TextSpan
    source: TextSpan | None
    kind: SourceKind
    content: Offsets
    depth: int
    in_quote: bool
    relay: tuple[RelayLink, ...] = ()
    first_person: bool = False


#: words that open a reporting cue without being a reporting verb ("according to", "citing", "reportedly")
OPENING_CUE_WORDS = frozenset({"according", "citing", "reportedly"})


class AttributionTagger:
    """Pipeline component: finds each sentence's attribution and the article's own outlet."""

    name = "attribution"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("sentence.attribution", "document.own_outlets", "document.notes.provenance")

    def __init__(self) -> None:
        verbs = load_lexicon("reporting_verbs")
        self.verb_lemmas = {e.text: e.label for e in verbs.entries}
        cues = load_lexicon("cue_phrases")
        self.agentless = PhraseMatcher(cues.with_label("agentless"))
        self.self_reveal = PhraseMatcher(cues.with_label("self_reveal"))
        self.as_reported = PhraseMatcher(cues.with_label("as_reported"))
        self.document_verbs = cues.texts("document_verb")
        self.cue_phrases = frozenset(e.text for e in cues.entries)
        #: single words that open or carry a reporting cue, for a span model's cue threshold
        self.cue_words = frozenset(self.verb_lemmas) | self.document_verbs | OPENING_CUE_WORDS
        outlets = load_lexicon("outlets")
        self.outlets = load_gazetteer()  # the curated names and the list-derived gazetteer
        self.generic_outlets = outlets.texts("generic")
        nouns = load_lexicon("source_nouns")
        self.roles = nouns.texts("anonymous_role")
        self.vague_groups = nouns.texts("vague_group")
        self.document_nouns = nouns.texts("document")
        self.org_heads = nouns.texts("organization_head")
        self.vantage_roles = nouns.texts("vantage_role")
        self.affiliations = nouns.texts("affiliation")
        self.anonymity = PhraseMatcher(nouns.with_label("anonymity_phrase"))
        #: the learned kind typer over the rules' kinds; ``None`` (the rules' kinds stand) when none ships
        self.typer = load_typer()
        #: does the typer choose the kind (True) or only score the rules' kind (False, the default: fitted on
        #: the source mentions it does not beat the rules end to end, and it breaks rules-decided cases;
        #: training/EXPERIMENTS.md, "A learned source-kind typer")
        self.typer_decides = False

    def is_reporting_cue(self, text: str) -> bool:
        """Do the lexicons know ``text`` as a reporting cue (a reporting or document verb among its
        words, or a cue phrase in it)? Used to keep a span model's cues that report information."""
        lower = " ".join(text.lower().replace("’", "'").split())
        words = lower.split()
        if any(w in self.verb_lemmas or w in self.document_verbs for w in words):
            return True
        padded = f" {lower} "
        return (bool(words) and words[0] in OPENING_CUE_WORDS) or any(
            f" {phrase} " in padded for phrase in self.cue_phrases)

    # -- document level -------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        quotes = find_quotes(doc.text)
        doc.notes["quotes"] = quotes
        doc.notes["person_words"] = person_words(doc)
        doc.notes["provenance"] = find_provenance(doc.text, self.outlets)
        self._find_own_outlets(doc)
        inner: dict[int, _Candidate] = {}
        for sentence in doc.sentences:
            sentence.notes["quoted_share"] = quoted_share(sentence.start, sentence.end, quotes)
            if sentence.span is None:
                continue
            outer, inner_cand = self._sentence(doc, sentence, quotes)
            if inner_cand is not None:
                inner[sentence.index] = inner_cand
            if outer is not None:
                sentence.attribution = self._compose(outer, inner_cand, sentence)
                sentence.notes["speaker"] = _to_attribution(outer)
        self._inherit_quote_speakers(doc, quotes, inner)
        self._attach_anonymity_reasons(doc)
        doc.notes["person_subjects"] = self._person_subjects(doc)
        doc.notes["person_mentions"] = self._person_mentions(doc)
        doc.done.add(self.name)
        return doc

    def _find_own_outlets(self, doc: Document) -> None:
        """Outlets the article speaks as: its metadata (``outlet`` field, URL domain, each resolved
        through the gazetteer to all its names), and "the Mirror can reveal"-style phrases."""
        if doc.meta.get("outlet"):
            doc.own_outlets.add(normalize_outlet(doc.meta["outlet"]))
        for value in (doc.meta.get("outlet"), doc.meta.get("url")):
            outlet = self.outlets.resolve(value) if value else None
            if outlet is not None:
                doc.own_outlets.update(normalize_outlet(n) for n in (outlet.name, *outlet.aliases))
        for sentence in doc.sentences:
            for m in self.outlets.finditer(doc.text, sentence.start, sentence.end):
                after = self.self_reveal.finditer(doc.text, m.end, min(sentence.end, m.end + 30))
                before = doc.text[max(sentence.start, m.start - 20) : m.start].lower()
                if any(r.start - m.end <= 1 for r in after) or "revealed by" in before:
                    doc.own_outlets.add(normalize_outlet(m.text))

    def _compose(self, outer: _Candidate, inner: _Candidate | None, sentence: Sentence) -> Attribution:
        """The sentence's attribution: the inner source if the speaker relays one, else the speaker."""
        if inner is None or inner.source is None and inner.how != "agentless":
            return _to_attribution(outer)
        speaker = () if outer.source is None else (RelayLink(outer.source, outer.kind),)
        return replace(_to_attribution(inner), relay=outer.relay + speaker + inner.relay)

    def _inherit_quote_speakers(self, doc: Document, quotes: list[Quote], inner: dict[int, _Candidate]) -> None:
        """Sentences inside a quote chain, with no cue of their own, get the chain's speaker."""
        speakers: dict[int, Attribution] = {}
        by_sentence = doc.sentences
        for s in by_sentence:
            if s.attribution is None:
                continue
            chains = {q.chain for q in overlapping(s.start, s.end, quotes)}
            if not chains:
                continue
            if s.notes["quoted_share"] < 0.95 or s.index not in inner:
                for chain in chains:
                    speakers.setdefault(chain, s.notes.get("speaker", s.attribution))
        for i, s in enumerate(by_sentence):
            if s.attribution is not None or s.notes["quoted_share"] < 0.5:
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
                    speaker = recent[-1].notes.get("speaker", recent[-1].attribution)
                    speakers[q.chain] = speaker
            if speaker is None:
                continue
            content = Offsets(s.start, s.end)
            if s.index in inner:
                cand = inner[s.index]
                link = () if speaker.source is None else (RelayLink(speaker.source, speaker.kind),)
                s.attribution = replace(_to_attribution(cand), relay=speaker.relay + link + cand.relay)
            else:
                s.attribution = replace(speaker, content=content)
            s.notes["inherited_from_quote"] = True

    def _attach_anonymity_reasons(self, doc: Document) -> None:
        """'spoke on condition of anonymity …' goes to the nearest anonymous source at or before it."""
        for s in doc.sentences:
            matches = list(self.anonymity.finditer(doc.text, s.start, s.end))
            if not matches:
                continue
            start, end = matches[0].start, matches[-1].end
            end = _clause_end(doc.text, end, s.end)
            reason = TextSpan.of(doc.text, start, end)
            for target in reversed(doc.sentences[max(0, s.index - 3) : s.index + 1]):
                a = target.attribution
                if a is not None and a.kind.startswith("anonymous") and a.anonymity_reason is None:
                    target.attribution = replace(a, anonymity_reason=reason)
                    s.notes["anonymity_reason_for"] = target.index
                    break

    def _person_mentions(self, doc: Document) -> list[TextSpan]:
        """Every PERSON name, for resolving a pronoun to a name earlier in its own sentence."""
        return [
            TextSpan.of(doc.text, s.offset + e.start_char, s.offset + e.end_char)
            for s in doc.sentences if s.span is not None for e in s.span.ents if e.label_ == "PERSON"
        ]

    def _person_subjects(self, doc: Document) -> list[TextSpan]:
        """PERSON names that are subjects: the antecedents a later "he"/"she" most likely means."""
        found: list[TextSpan] = []
        for s in doc.sentences:
            if s.span is None:
                continue
            for ent in s.span.ents:
                if ent.label_ == "PERSON" and ent.root.dep_ in SUBJECT_DEPS:
                    found.append(TextSpan.of(doc.text, s.offset + ent.start_char, s.offset + ent.end_char))
        return found

    # -- sentence level -------------------------------------------------------------------

    def _sentence(
        self, doc: Document, sentence: Sentence, quotes: list[Quote]
    ) -> tuple[_Candidate | None, _Candidate | None]:
        wire = doc.notes["provenance"].wire
        cands = [c for c in self._candidates(doc, sentence, quotes)  # a dateline's wire is no claim's source
                 if wire is None or c.source is None or not (c.source.start < wire.end and wire.start < c.source.end)]
        outer = [c for c in cands if not c.in_quote and not c.first_person]
        inner = [c for c in cands if c.in_quote and not c.first_person and (c.source is not None or c.how == "agentless")]
        best_outer = min(outer, key=lambda c: (c.depth, PRIORITY.get(c.how, 9), c.cue.start), default=None)
        citing = [c for c in outer if c.how == "citing"]
        best_inner = min(inner, key=lambda c: (c.depth, c.cue.start), default=None)
        if best_outer is not None and best_outer.how != "citing" and citing:
            best_inner = citing[0]  # "Osechkin claimed, citing an insider source"
        if best_outer is not None and best_outer.how == "citing":
            best_outer = next((c for c in outer if c.how != "citing"), best_outer)
        if best_outer is not None and best_outer.kind == "anonymous_vague" and best_outer.source is not None \
                and best_outer.source.text.split()[-1].lower() in SPOKESPEOPLE:
            # "The UN has estimated …, a spokesman said": the spokesman gives the named body's line (SPEC §2)
            body = next((c for c in outer if c.kind == "named_organization"), None)
            best_outer = body or best_outer
        reported = [c for c in outer if c.how == "as_reported" and c is not best_outer]
        if best_outer is not None and reported and reported[0].source is not None:
            # "As revealed by The Sun …, security experts said": the outlet relays the speaker.
            best_outer.relay = (RelayLink(reported[0].source, "media"), *best_outer.relay)
        return best_outer, best_inner

    def _candidates(self, doc: Document, sentence: Sentence, quotes: list[Quote]) -> list[_Candidate]:
        text, span, off = doc.text, sentence.span, sentence.offset
        assert span is not None
        cands: list[_Candidate] = []
        taken: list[tuple[int, int]] = []
        starts = {off + t.idx: t for t in span}
        for m in self.agentless.finditer(text, sentence.start, sentence.end):
            first = starts.get(m.start)
            cands.append(
                _Candidate("agentless", TextSpan(m.start, m.end, m.text), None, "anonymous_vague",
                           Offsets(m.end, sentence.end), _depth(first) if first is not None else 0,
                           inside_quote(m.start, quotes) is not None)
            )
            taken.append((m.start, m.end))
        for token in span:
            start = off + token.idx
            if any(a <= start < b for a, b in taken):
                continue
            lower = token.lower_
            cand: _Candidate | None = None
            if lower == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                cand = self._according(doc, sentence, token)
            elif lower in ("citing", "quoting"):
                cand = self._citing(doc, sentence, token)
            elif lower in self.verb_lemmas and token.pos_ in ("VERB", "AUX") and not _is_infinitive(token):
                # "called on officials to declare …", "declined to say": no one has said anything yet
                cand = self._verb(doc, sentence, token)
            elif lower in self.document_verbs and token.pos_ == "VERB" and self._speaks_for_itself(doc, sentence, token):
                # "a Gallup survey found …", "the filing shows …", "FactCheck.org rated …": verbs too
                # ambiguous to report on their own, cues when a document or an outlet is their subject
                cand = self._verb(doc, sentence, token)
            elif lower in BELIEF_ADJECTIVES and token.dep_ in ("acomp", "amod", "ROOT"):
                cand = self._verb(doc, sentence, token)
            elif lower in ("put", "puts", "placed", "places"):
                if any(c.dep_ == "dobj" and c.lower_ in ESTIMATE_OBJECTS for c in token.children):
                    cand = self._verb(doc, sentence, token)
            if cand is None:
                continue
            cand.in_quote = inside_quote(off + token.idx, quotes) is not None
            cands.append(cand)
        for m in self.as_reported.finditer(text, sentence.start, sentence.end):
            cand = self._as_reported(doc, sentence, m.start, m.end)
            if cand is not None:
                cand.in_quote = inside_quote(m.start, quotes) is not None
                cands.append(cand)
        return cands

    def attribution_for_cue(
        self, doc: Document, sentence: Sentence, token: Token, *, lexicon_only: bool = False
    ) -> Attribution | None:
        """The attribution a cue word proposed from outside the rules (the model's tagger) makes on
        this parse, built as a reporting verb's is; ``None`` unless the parse shows a source and
        something reported.

        A verb outside the reporting-verb lexicon must take a clausal complement ("Rees sees the
        passage as a win" is no attribution; "Thompson thought he had a shot" is);
        an infinitive ("called on officials to declare") never counts. ``lexicon_only`` takes
        lexicon verbs only.
        """
        if token.pos_ not in ("VERB", "AUX") or _is_infinitive(token):
            return None
        if token.lower_ not in self.verb_lemmas and (lexicon_only or not _reports_clause(token)):
            return None
        cand = self._verb(doc, sentence, token)
        if cand is None or cand.source is None:
            return None
        return _to_attribution(cand)

    def _verb(self, doc: Document, sentence: Sentence, verb: Token) -> _Candidate | None:
        text, off = doc.text, sentence.offset
        subject = _subject_of(verb)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.lower_ not in BELIEF_ADJECTIVES
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source_head: Token | None = None
        lemma = self.verb_lemmas.get(verb.lower_, verb.lower_)  # the parser's lemmatizer is not loaded
        if agent is not None and lemma not in TELL_LEMMAS:
            return None  # "As revealed by The Sun": a relay, found by the as-reported phrases
        if agent is not None:
            source_head = next((c for c in agent.children if c.dep_ == "pobj"), None)
        elif subject is not None and not passive:
            source_head = subject
        elif subject is None and not passive:
            source_head = _inverted_subject(verb)  # "…, said Mytkevich, 39, and …"
        cue_tokens = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i]
        cue_start = min([verb, *cue_tokens], key=lambda t: t.i)
        cue_end_tok = verb
        told: Token | None = None
        relay_outlet: RelayLink | None = None
        if lemma in TELL_LEMMAS:
            told = next((c for c in verb.children if c.dep_ in ("dative", "dobj") and c.i > verb.i), None)
            if told is not None:
                cue_end_tok = _last(told)
            else:
                after = off + verb.idx + len(verb)
                outlet = next(iter(self.outlets.finditer(text, after, min(sentence.end, after + 40))), None)
                if outlet is not None and not text[after:outlet.start].strip():
                    end_tok = next((t for t in verb.doc[verb.i + 1 :] if off + t.idx + len(t) >= outlet.end), verb)
                    cue_end_tok = end_tok
                    if normalize_outlet(outlet.text) not in doc.own_outlets:
                        relay_outlet = RelayLink(TextSpan(outlet.start, outlet.end, outlet.text), "media")
        if not _reports_something(verb, lemma, sentence):
            return None
        depth = _depth(verb) + (3 if verb.lower_ in SPEAKING_PARTICIPLES else 0)
        content = _content(sentence, verb, quotes=None)
        relay = self._relay_from_told(doc, sentence, told) + self._relay_from_speaking(doc, sentence, verb)
        if relay_outlet is not None:
            relay = (relay_outlet, *relay)
        if source_head is None:
            if passive and lemma in AGENTLESS_LEMMAS and (subject is None or subject.lower_ == "it" or _has_to_clause(verb)):
                # "It is believed …", "are thought to total …", "is said to blame …"
                cue_start_tok = subject if subject is not None and subject.lower_ == "it" else cue_start
                cue = _tokens_span(text, off, cue_start_tok, verb)
                return _Candidate("agentless", cue, None, "anonymous_vague", content, depth, False, relay)
            if passive and subject is not None and self._is_own_outlet(doc, sentence, subject):
                # "The Mirror has been told …": the outlet's own unnamed informants
                outlet = _subtree_span(text, off, subject)
                cue = _tokens_span(text, off, _first(subject), verb)
                return _Candidate("self", cue, None, "anonymous_vague", content, depth, False,
                                  (RelayLink(outlet, "media"),))
            return None
        lower = source_head.lower_
        if lower in FIRST_PERSON:
            return _Candidate("verb", _tokens_span(text, off, cue_start, cue_end_tok), None, "anonymous_vague",
                              content, depth, False, relay, first_person=True)
        if lower in NON_SOURCE_SUBJECTS and source_head.dep_ != "expl":
            return None
        if lower == "all" and any(c.dep_ == "relcl" for c in source_head.children):
            return None  # "All they do is tell me to go back": a fused relative, no one reporting
        if source_head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") or not self.can_be_source(source_head, doc):
            return None
        source = _subtree_span(text, off, source_head, stop=verb if source_head.i < verb.i else None)
        if self._is_own_outlet(doc, sentence, source_head) and self.self_reveal.finditer(
            text, source.end, min(sentence.end, source.end + 30)
        ):
            # "the Mirror can reveal": the outlet speaks for itself on unnamed informants' word.
            cue = TextSpan.of(text, source.start, off + verb.idx + len(verb))
            return _Candidate("self", cue, None, "anonymous_vague", content, depth, False,
                              (RelayLink(source, "media"),))
        kind = self.classify(doc, sentence, source_head, source)
        cue = _tokens_span(text, off, cue_start, cue_end_tok)
        if kind == "named_person" and lemma in ("write", "report") and any(
                c.dep_ == "prep" and c.lower_ == "for" and self._outlet_in(doc, _subtree_span(text, off, c))
                for c in verb.children):
            kind = "media"  # "Maria Lopez writes for the Denver Post": the outlet's reporting is the source
        return _Candidate("verb", cue, source, kind, content, depth, False, relay)

    def _according(self, doc: Document, sentence: Sentence, token: Token) -> _Candidate | None:
        to = token.nbor()
        head = next((c for c in to.children if c.dep_ == "pobj"), None)
        if head is None:
            head = next((c for c in token.children if c.dep_ == "pobj"), None)
        if head is None:
            return None
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, head)
        cue = _tokens_span(text, off, token, to)
        kind = self.classify(doc, sentence, head, source)
        content = _rest_of_sentence(sentence, token, _last(head))
        return _Candidate("according", cue, source, kind, content, _depth(token), False)

    def _citing(self, doc: Document, sentence: Sentence, token: Token) -> _Candidate | None:
        obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is None:
            return None
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, obj)
        kind = self.classify(doc, sentence, obj, source)
        return _Candidate("citing", _tokens_span(text, off, token, token), source, kind,
                          Offsets(sentence.start, sentence.end), _depth(token) + 1, False)

    def _as_reported(self, doc: Document, sentence: Sentence, start: int, end: int) -> _Candidate | None:
        """"As revealed by The Sun": the outlet is a relay (or the article's own, for a self-relay)."""
        outlet = next(iter(self.outlets.finditer(doc.text, end, min(sentence.end, end + 40))), None)
        if outlet is None or doc.text[end:outlet.start].strip() not in ("", "the", "The"):
            return None
        link = RelayLink(TextSpan(outlet.start, outlet.end, outlet.text), "media")
        return _Candidate("as_reported", TextSpan.of(doc.text, start, end),
                          link.source, "media", Offsets(sentence.start, sentence.end), 5, False)

    def _relay_from_told(self, doc: Document, sentence: Sentence, told: Token | None) -> tuple[RelayLink, ...]:
        """"told The Times": a relay when the hearer is another outlet (or a named person)."""
        if told is None:
            return ()
        span = _subtree_span(doc.text, sentence.offset, told)
        kind = self.classify(doc, sentence, told, span)
        if kind == "media":
            if normalize_outlet(span.text) in doc.own_outlets:
                return ()
            return (RelayLink(span, "media"),)
        if kind == "named_person":
            return (RelayLink(span, kind),)
        return ()

    def _relay_from_speaking(self, doc: Document, sentence: Sentence, verb: Token) -> tuple[RelayLink, ...]:
        """"Speaking to The Times, X said …": the outlet relays the main clause."""
        for child in (verb, *verb.children):
            if child.lower_ in SPEAKING_PARTICIPLES and (child is verb or child.dep_ == "advcl"):
                for prep in child.children:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep.lower_ in ("to", "in", "on") and pobj is not None:
                        span = _subtree_span(doc.text, sentence.offset, pobj)
                        if self._outlet_in(doc, span) and normalize_outlet(span.text) not in doc.own_outlets:
                            return (RelayLink(span, "media"),)
        return ()

    # -- source kinds ---------------------------------------------------------------------

    def _speaks_for_itself(self, doc: Document, sentence: Sentence, verb: Token) -> bool:
        """Is this verb's subject a document or an outlet (what SPEC §2 lets speak for itself)?"""
        subject = _subject_of(verb)
        if subject is None or _is_infinitive(verb):
            return False
        if subject.lower_ in self.document_nouns or " ".join(t.lower_ for t in subject.subtree)[-30:].endswith(
                tuple(f" {n}" for n in ("records", "documents", "filings", "papers"))):
            return True
        return self._outlet_in(doc, _subtree_span(doc.text, sentence.offset, subject))

    def can_be_source(self, head: Token, doc: Document | None = None) -> bool:
        """Could this subject be someone or something that reports? ("Ferocious fighting" cannot.)"""
        if head.pos_ in ("PROPN", "PRON") or head.ent_type_ or _known_surname(head, doc):
            return True
        lower = head.lower_
        return (
            lower in self.roles or lower in self.vague_groups or lower in self.document_nouns or lower in self.vantage_roles
            or lower in self.org_heads or lower in self.generic_outlets or lower in REPORT_NOUNS
            or lower in OUTLET_HEADS or any(t.ent_type_ for t in head.subtree)
        )

    def _outlet_in(self, doc: Document, span: TextSpan) -> bool:
        return any(True for _ in self.outlets.finditer(doc.text, span.start, span.end))

    def _is_own_outlet(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        span = _subtree_span(doc.text, sentence.offset, head)
        return self._outlet_in(doc, span) and normalize_outlet(span.text) in doc.own_outlets

    def classify(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """Source kind of a source phrase (SPEC §2): the rules' kind, or, with ``typer_decides``, the
        learned typer's (:mod:`credscore.features.kind_typer`) over the rules' kind and the phrase's
        features; the typer's probability of the kind is its confidence (None without a typer).
        Records the features, the rules' kind, the kind and its probability under ``doc.notes["kind_typing"][(start, end)]``."""
        rules = self.rule_kind(doc, sentence, head, span)
        features = span_features(self, doc, sentence, head, span, rules)
        # a source phrase has a source kind: "unattributed" (no attribution at all, SPEC §2) is not one
        kind, confidence = rules, None
        if self.typer is not None and not self.typer_decides:
            confidence = self.typer.probability(features, rules, exclude=("unattributed",))
        elif self.typer is not None:
            kind, confidence = self.typer.predict(features, exclude=("unattributed",))
        if kind == "named_person" != rules and "det=-" not in features:
            # "the boss of MI6": a description's referent is the entity resolver's to find (it gives the
            # phrase its antecedent's kind and name); typed a person here, it would be an entity with no name
            kind, confidence = rules, None
        doc.notes.setdefault("kind_typing", {})[(span.start, span.end)] = {
            "features": features, "rules": rules, "kind": kind, "confidence": confidence}
        return kind  # type: ignore[return-value]

    def rule_kind(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """The rules' source kind of a source phrase (SPEC §2), from its head noun, entities and modifiers."""
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and (head.pos_ == "NUM" or head.lower_ in PARTITIVES):
            inner = next((g for g in of.children if g.dep_ == "pobj"), None)
            if inner is not None:  # "one of two witnesses", "some of his aides": the group is the source
                head = inner
        lower = head.lower_
        tokens = [t for t in head.subtree if span.start <= sentence.offset + t.idx < span.end] or [head]
        _note_source(doc, sentence, head, span, role=lower in self.roles or lower in TITLES)
        if lower in PERSON_PRONOUNS:
            return "named_person"  # provisional: the entity resolver replaces it with the antecedent's
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        if head.ent_type_ == "NORP" and determiner == "the" and head.tag_ in ("NN", "NNP"):
            return "named_person"  # "The Russian said": a person named earlier (resolved later)
        if lower in GROUP_PRONOUNS:
            return "anonymous_vague"
        if self._outlet_in(doc, span) and (
            lower in REPORT_NOUNS or lower in OUTLET_HEADS or _head_in_outlet(self, doc, sentence, head)
        ):
            return "media"
        if lower in self.generic_outlets or " ".join(t.lower_ for t in tokens[-2:]) in self.generic_outlets:
            return "media"
        if lower in self.document_nouns:
            return "document"
        affiliated = self._affiliated(head, tokens)
        if lower in SPOKESPEOPLE and affiliated:
            return "named_organization"  # "a Clinton campaign spokesman": the body's official line
        if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in tokens if t.i <= head.i)):
            return "named_person"
        if head.pos_ == "PROPN" and any(t.lower_.rstrip(".") in HONORIFICS for t in tokens if t.i < head.i):
            return "named_person"  # "Mr Parkinson said", whatever the tagger made of "Parkinson"
        if any(c.dep_ in ("appos", "conj", "compound") and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and c.lower_ in doc.notes.get("person_words", ()))
               for c in head.children):
            return "named_person"  # "an exiled … activist, Vladimir Osechkin," / "Kyiv mayor and … Vitali Klitschko"
        if (head.pos_ == "PROPN" and not head.text.isupper() and head.ent_type_ not in ("NORP", "FAC")
                and lower in doc.notes.get("person_words", ())) or _known_surname(head, doc):
            return "named_person"  # "Grozev" alone, after "Christo Grozev" was recognised as a person
        vantage = lower in self.vantage_roles or self._vantage(head, tokens)
        if lower in self.roles:
            if any(t.lower_ in INSIDER_WORDS for t in tokens):
                return "anonymous_specific"  # an insider's vantage point is the description
            return "anonymous_specific" if affiliated or vantage else "anonymous_vague"
        if lower in self.vague_groups:
            # "two people close to the mayor", "a person briefed on the talks": a vantage point
            return "anonymous_specific" if vantage else "anonymous_vague"
        if head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS"):
            return "anonymous_vague"  # "Horrified Russians"
        if head.ent_type_ in AFFILIATION_ENTS or head.pos_ == "PROPN":
            return "named_organization"
        if lower in self.org_heads:
            return "named_organization"
        return "anonymous_specific" if affiliated or vantage else "anonymous_vague"

    @staticmethod
    def _vantage(head: Token, tokens: list[Token]) -> bool:
        """Does the phrase say where an unnamed source stood ("who saw the fire", "briefed on the
        talks", "close to the mayor", "with knowledge of the plan", "at the hospital")?"""
        for c in head.children:
            if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") and not any(
                    g.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for g in c.children):
                return True  # "a person briefed on the talks", "officials working on the plan"
            if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that", "which") for g in c.children):
                return True  # "a resident who saw the fire" (not "sources that there were …", a content clause)
        if any(t.lower_ in VANTAGE_WORDS for t in tokens if t.i != head.i):
            return True
        return any(c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS and any(g.dep_ == "pobj" for g in c.children)
                   for c in head.children)

    def _affiliated(self, head: Token, tokens: list[Token]) -> bool:
        """Does the phrase give an unnamed source a vantage point (an organisation, a place, a side)?"""
        for t in tokens:
            if t.i == head.i:
                continue
            if t.ent_type_ in AFFILIATION_ENTS or t.ent_type_ == "PERSON" and t.dep_ == "poss":
                return True
            if t.lower_ in self.affiliations or t.lower_ in self.org_heads or (t.pos_ == "PROPN" and t.dep_ in ("compound", "pobj", "amod")):
                return True
        return False


#: Words in an unnamed source's description that give its vantage point (SPEC §2).
VANTAGE_WORDS = frozenset({"briefed", "familiar", "close", "knowledge", "involved", "present", "inside", "within",
                           "saw", "witnessed", "attended", "heard", "aware", "participated"})
PLACE_PREPOSITIONS = frozenset({"at", "inside", "within"})
PARTITIVES = frozenset({"one", "some", "many", "several", "most", "few", "two", "three", "four", "none", "all", "each"})

TITLES = frozenset(
    "sir dame lord lady mr mrs ms miss dr prof professor col colonel gen general lt major maj capt captain "
    "sgt president vice prime minister deputy mayor governor gov senator sen rep representative chancellor "
    "secretary ambassador judge chief king queen prince princess pope rev reverend".split()
)


def strip_possessive(name: str) -> str:
    """"Putin’s" → "Putin": names are compared without their possessive."""
    return name.replace("’s", "").replace("'s", "")


def _known_surname(head: Token, doc: Document | None) -> bool:
    """A capitalised word the tagger took for a common noun ("Matthews said …") that names a person
    elsewhere in the article ("Chris Matthews")."""
    return (doc is not None and head.pos_ == "NOUN" and head.is_title
            and head.lower_ in doc.notes.get("person_words", ()))


#: Honorifics and abbreviated titles that only ever stand before a person's name.
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady gov sen rep lt col gen capt sgt".split())
#: Nouns in apposition that make a bare name a person's: "Henderson, a tenant lawyer, said".
PERSON_APPOSITIONS = frozenset(
    "lawyer attorney professor teacher doctor nurse tenant resident father mother son daughter wife husband "
    "student author economist analyst spokesman spokeswoman spokesperson activist director founder".split()
)
_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((t.capitalize() for t in HONORIFICS), key=len, reverse=True)) + r")\.?\s+"
    r"((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
)


def person_words(doc: Document) -> set[str]:
    """Lower-cased words of every name the article shows is a person's, so that a bare surname
    elsewhere is that person whatever the entity tagger made of it: PERSON entities, names after
    an honorific or abbreviated title ("Mr Parkinson", "Gov. Bill Lee"), and names with a person
    noun in apposition ("Henderson, a tenant lawyer,"). A titled hyphenated name counts whole and by part."""
    names = [strip_possessive(e.text) for s in doc.sentences if s.span is not None
             for e in s.span.ents if e.label_ == "PERSON"]
    titled = [m.group(1) for m in _TITLED_NAME.finditer(doc.text)]
    for s in doc.sentences:
        if s.span is None:
            continue
        for t in s.span:
            if t.pos_ == "PROPN" and t.is_title and any(
                    c.dep_ == "appos" and c.lower_ in PERSON_APPOSITIONS for c in t.children):
                names.append(t.text)
    words = {w.lower() for name in names + titled for w in name.split()}
    # a titled name's parts too ("Dr. … Okonkwo-Bello"); a PERSON tag on "Winn-Dixie" is too weak for that
    words.update(part.lower() for name in titled for w in name.split() for part in w.split("-") if part)
    return words


def _note_source(doc: Document, sentence: Sentence, head: Token, span: TextSpan, *, role: bool = False) -> None:
    """Record what the entity resolver needs about a source phrase: its name, head, determiner, its
    words (so "the judge" can find "Judge Michael Markman"), and whether its head is a person's role."""
    off = sentence.offset
    name_head = head
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        # "an exiled … activist, Vladimir Osechkin": the name is the apposition
        named = next((c for c in head.children if c.dep_ in ("appos", "conj") and c.pos_ == "PROPN"), None)
        name_head = named or head
    i = name_head.i  # walk left over the name's compounds: "Colonel Richard Kemp" is compound, compound, head
    while i - 1 >= name_head.left_edge.i and head.doc[i - 1].dep_ in ("compound", "flat"):
        i -= 1
    start_tok = head.doc[i]
    name = doc.text[off + start_tok.idx : off + name_head.idx + len(name_head)]
    words = [w for w in strip_possessive(name).split() if w.lower().strip(".") not in TITLES]
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss")), "")
    doc.notes.setdefault("source_info", {})[(span.start, span.end)] = {
        "name": name,
        "head_word": span.text.split()[-1].lower() if span.text else "",
        "name_words": [w.strip(".,").lower() for w in words if w[:1].isupper()],
        "head": head.lower_,
        "determiner": determiner,
        "ent_type": head.ent_type_,
        "plural": head.tag_ in ("NNS", "NNPS"),
        "role": role,
        "words": sorted({w.strip(".,’'").lower() for w in strip_possessive(span.text).split()} - {""}),
    }


def _head_in_outlet(tagger: AttributionTagger, doc: Document, sentence: Sentence, head: Token) -> bool:
    start = sentence.offset + head.idx
    return any(m.start <= start < m.end for m in tagger.outlets.finditer(doc.text, start - 40 if start > 40 else 0, start + 40))


def _to_attribution(c: _Candidate) -> Attribution:
    return Attribution(kind=c.kind, source=c.source, cue=c.cue, content=c.content, relay=c.relay)


normalize_outlet = outlet_key  # the one folding of outlet names (credscore.outlets)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowed from the governing verb for conjuncts and participles."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"), None)
        if subject is None:  # "Analysts are convinced": the parser may hang the subject on the auxiliary
            subject = next((g for c in current.children if c.dep_ in ("aux", "auxpass")
                            for g in c.children if g.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in ("conj", "advcl", "acomp", "xcomp") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "relcl":
            return current.head
        return None
    return None


CLAUSE_CHILDREN = frozenset({"acl", "relcl", "ccomp"})
QUOTE_MARKS = frozenset({"“", "”", '"', "‘", "’", "``", "''"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "advcl", "oprd"})


def _reports_something(verb: Token, lemma: str, sentence: Sentence) -> bool:
    """A reporting verb with something reported: a clause, an object, a quote or a colon."""
    children = list(verb.children)
    if any(c.dep_ == "dative" for c in children) and lemma not in TELL_LEMMAS:
        return False  # "has denied Moscow the lightning victory"
    if any(c.dep_ in CLAUSE_DEPS for c in children) or verb.dep_ in ("ccomp", "parataxis", "conj", "advcl", "relcl"):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("of", "that") for c in children):
        return True  # "accused Russian forces of seizing …"
    text = sentence.text
    return any(q in text for q in "“”\"") or ":" in text or "'" in text[:2]


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _reports_clause(verb: Token) -> bool:
    """A clausal complement ("thought he had a shot"), a parenthetical ("…, he thinks"), or a
    quote right beside the verb ("“…,” he argued"; "argued: “…”"). A quote elsewhere in the
    sentence is not enough: "has put “Stalinist” restrictions on …"."""
    if verb.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    doc = verb.doc
    before = doc[max(0, verb.i - 3) : verb.i]
    after = doc[verb.i + 1 : verb.i + 3]
    return any(t.text in QUOTE_MARKS for t in before) or (
        len(after) == 2 and after[0].text in (":", ",") and after[1].text in QUOTE_MARKS)


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a reporting verb that follows its content: "…, said Zakhar Sluzhalyy"."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_punct or verb.i + 1 >= len(doc):
        return None
    i = verb.i + 1
    while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i] if doc[i].pos_ == "PROPN" else None


def _has_to_clause(verb: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children) for c in verb.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:  # spaCy makes a new Token per access: compare indices
        token = token.head
        depth += 1
    return depth


def _first(token: Token) -> Token:
    return token.doc[token.left_edge.i]


def _last(token: Token) -> Token:
    return token.doc[token.right_edge.i]


def _tokens_span(text: str, off: int, first: Token, last: Token) -> TextSpan:
    return TextSpan.of(text, off + first.idx, off + last.idx + len(last))


def _subtree_span(text: str, off: int, head: Token, *, stop: Token | None = None) -> TextSpan:
    """The phrase headed by ``head``, without edge punctuation and never past ``stop``."""
    dropped: set[int] = set()
    for child in head.rights:
        # "sources that there have been …": a clause after the source is content, not source.
        if child.dep_ in CLAUSE_CHILDREN and (stop is None or child.left_edge.lower_ in ("that", "which")):
            dropped.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if (stop is None or t.i < stop.i) and t.i not in dropped]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "punct") or tokens[-1].lower_ in ("that", "which", "who")):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return TextSpan.of(text, off + head.idx, off + head.idx + len(head))
    return _tokens_span(text, off, tokens[0], tokens[-1])


def _content(sentence: Sentence, verb: Token, quotes: list[Quote] | None) -> Offsets:
    """What is attributed: the verb's clausal complement, else the sentence without the cue side."""
    off = sentence.offset
    comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.i != verb.i and c.dep_ != "dobj"), None)
    if comp is not None:
        first, last = _first(comp), _last(comp)
        return Offsets(off + first.idx, off + last.idx + len(last))
    return _rest_of_sentence(sentence, verb, verb)


def _rest_of_sentence(sentence: Sentence, first: Token, last: Token) -> Offsets:
    off = sentence.offset
    left = (sentence.start, off + first.idx)
    right = (off + last.idx + len(last), sentence.end)
    a, b = left if left[1] - left[0] > right[1] - right[0] else right
    return Offsets(a, b) if b > a else Offsets(sentence.start, sentence.end)


def _clause_end(text: str, start: int, limit: int) -> int:
    """End of the clause that starts a phrase: the next sentence or clause break."""
    for i in range(start, limit):
        if text[i] in ".;" or text.startswith(", but", i) or text.startswith(" but ", i):
            return i
    end = limit
    while end > start and text[end - 1] in " .\"”'’":
        end -= 1
    return end

"""Reporting cues: each cue a sentence's parse shows, with its source, content and relays (SPEC §1).

Reporting verbs with their subject or agent as source ("Bruce Jones … told the Mirror"),
"according to X", "citing X", agentless frames ("it is believed"), an outlet speaking for itself
("the Mirror can reveal") and media relays ("as revealed by The Sun"). Each cue becomes a
:class:`Candidate`; :class:`~credscore.features.attribution.AttributionTagger` chooses among a
sentence's candidates. The source kinds come from :class:`~credscore.features.source_kinds.SourceKinds`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from credscore.document import Attribution, Document, Offsets, RelayLink, Sentence, SourceKind, TextSpan
from credscore.features.matching import PhraseMatcher
from credscore.features.quotes import Quote, inside_quote
from credscore.features.source_kinds import (MEDIA_WORDS, POLL_SUBJECTS, REPORT_NOUNS, SourceKinds, entity_of,
                                             names_a_vantage_point, relative_pronoun, without_dateline)
from credscore.lexicon import load_lexicon
from credscore.outlets import outlet_key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Word sets are data: credscore/lexicons/cue_words.jsonl and source_words.jsonl (one label per set).
_CUE_WORDS = load_lexicon("cue_words")
_SOURCE_WORDS = load_lexicon("source_words")
_CUE_PHRASES = load_lexicon("cue_phrases")

#: reporting-verb forms and their lemmas ("told" → "tell"), from ``reporting_verbs.jsonl``
VERB_LEMMAS: Mapping[str, str] = MappingProxyType({e.text: e.label for e in load_lexicon("reporting_verbs").entries})
#: verbs too ambiguous to report on their own ("found", "shows"), cues when a document or outlet is the subject
DOCUMENT_VERBS = _CUE_PHRASES.texts("document_verb")
#: Penn tags of a finite verb: a clause of its own
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: every cue phrase, for :meth:`CueFinder.is_reporting_cue`
CUE_PHRASES = frozenset(e.text for e in _CUE_PHRASES.entries)
#: a first-person subject quotes the speaker, who is found elsewhere; these subjects are never a source
FIRST_PERSON = _SOURCE_WORDS.texts("first_person")
NON_SOURCE_SUBJECTS = _SOURCE_WORDS.texts("non_source_subject")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# "told the Mirror", "briefed reporters": the object is who heard it, part of the cue.
TELL_LEMMAS = _CUE_WORDS.texts("tell_verb")
# "a Nato source put the number at 7,000": put/place + a quantity noun is an estimate cue.
ESTIMATE_OBJECTS = _CUE_WORDS.texts("estimate_object")
# Verbs whose agentless passive hides a source: "it is believed", "are thought to", "is said to".
AGENTLESS_LEMMAS = _CUE_WORDS.texts("agentless_verb")
BELIEF_ADJECTIVES = _CUE_WORDS.texts("belief_adjective")
#: "did not respond", "declined to comment": a source that gave no answer is credited with nothing
NON_ANSWER_VERBS = _CUE_WORDS.texts("non_answer_verb")
REFUSAL_VERBS = _CUE_WORDS.texts("refusal_verb")
#: objects of a speech verb that report nothing: "said goodbye to his teammates", "said a prayer"
NON_REPORT_OBJECTS = _CUE_WORDS.texts("non_report_object")
#: objects that make "claim" a taking, not a saying: "claimed £18,000 in expenses", "claimed the lives of 12"
TAKEN_OBJECTS = _CUE_WORDS.texts("taken_object")
#: forms of verbs whose infinitive complement is a report under way: "continue to claim", "went on to say"
ASPECT_VERBS = _CUE_WORDS.texts("aspect_verb")
#: "Even CNN had to admit …": a past "had to" before these reports what was conceded
ADMISSION_LEMMAS = _CUE_WORDS.texts("admission_verb")
#: verbs through which a document still reports: "the footage appears to show"
RAISING_VERBS = _CUE_WORDS.texts("raising_verb")
#: verbs that report only with a clause: "has signaled that rates will stay high", "projects that the deficit …"
CLAUSE_VERBS = _CUE_WORDS.texts("clause_verb")
#: lemmas whose passive participle names who made a text, not who reported it: "it was written by a colleague"
AUTHORSHIP_LEMMAS = _CUE_WORDS.texts("authorship_verb")
#: lemmas whose passive subject is whom the report is about: "the actor has been accused of …" (agentless)
TARGET_LEMMAS = _CUE_WORDS.texts("target_verb")
#: nouns that carry agentless reporting of their clause: "Rumors swirled that …", "There is speculation that …"
RUMOUR_NOUNS = _CUE_WORDS.texts("rumour_noun")
#: nouns of a report whose possessor made it ("Trump's claim that …"; SPEC §1)
CLAIM_NOUNS = _CUE_WORDS.texts("claim_noun")
#: agentless frames that voice a speaker's own reckoning inside their report ("are expected to last, the utility added")
RECKONING_LEMMAS = _CUE_WORDS.texts("reckoning_verb")
SPEAKING_PARTICIPLES = _CUE_WORDS.texts("speaking_participle")
#: forms of verbs whose object is a text the speaker points to: "cited a study", "quoted a report"
POINTING_VERBS = _CUE_WORDS.texts("pointing_verb")
#: lemmas of plain speech: any noun subject of theirs is a speaker ("the engineer said")
SPEECH_LEMMAS = _CUE_WORDS.texts("speech_verb")
#: participles whose agent is who reported a claim: "first reported by Christopher Heath, a reporter for WFTV9"
REPORTED_PARTICIPLES = _CUE_WORDS.texts("reported_participle")
#: lemmas of a relay naming who it quotes: "Interfax quoted the minister as saying", "Reuters reported BaFin as saying"
QUOTING_LEMMAS = _CUE_WORDS.texts("quoting_verb")
#: surveys and tallies that source what is stated in or by them: "leads in the latest poll", "by the AP's tally"
FRAME_DOCUMENTS = _CUE_WORDS.texts("frame_document")
#: What "per" divides by, never a source: "per cent", "per capita", "per annum".
_PER_UNITS = frozenset({"cent", "capita", "annum", "diem", "se", "head"})
#: words that open a reporting cue without being a reporting verb ("according to", "citing", "reportedly")
OPENING_CUE_WORDS = _CUE_WORDS.texts("opening_word")
#: verbs a poll reports with: "The NBC poll gave him big leads", "The poll put the Tories on 43 pct" (not "has":
#: "The poll has a margin of error of 3 points" reports nothing)
POLL_VERBS = _CUE_WORDS.texts("poll_verb")
#: forms of "post", a report when posted on a platform with what it says: "posted on X that …"
POSTING_VERBS = _CUE_WORDS.texts("posting_verb")
PLATFORM_WORDS = _CUE_WORDS.texts("platform")
#: single words that open or carry a reporting cue, for a span model's cue threshold
CUE_WORDS = frozenset(VERB_LEMMAS) | DOCUMENT_VERBS | OPENING_CUE_WORDS
#: forms of "make" and "call", cues only as "made it clear that …" and "called the plan a disaster"
MAKE_FORMS = frozenset({"make", "makes", "made", "making"})
CALL_FORMS = frozenset({"call", "calls", "called", "calling"})
#: the word before an outlet's name that makes the person before it its journalist: "… covers the statehouse for the Register"
WORKS_FOR = re.compile(r"\b(?:for|at) (?:[Tt]he )?$")
CLAUSE_CHILDREN = frozenset({"acl", "relcl", "ccomp"})
QUOTE_MARKS = frozenset({"“", "”", '"', "‘", "’", "``", "''"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "advcl", "oprd"})


#: a name and its description, a dash, and a quotation: "Mark Salter, former adviser to John McCain — “…”"
_SPEAKER_DASH = re.compile(r"[ \t]*(?P<speaker>[A-Z][^\n—–\"“”]{2,150}?)[ \t]+(?P<dash>--|—|–)[ \t]+(?=[\"“])")


@dataclass
class Candidate:
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


def to_attribution(c: Candidate) -> Attribution:
    """The attribution a candidate stands for."""
    return Attribution(kind=c.kind, source=c.source, cue=c.cue, content=c.content, relay=c.relay)


class CueFinder:
    """Finds a sentence's reporting cues and builds each one's candidate attribution."""

    def __init__(self, kinds: SourceKinds) -> None:
        """``kinds`` types each cue's source phrase and knows the outlets."""
        self.kinds = kinds
        self.agentless = PhraseMatcher(_CUE_PHRASES.with_label("agentless"))
        self.self_reveal = PhraseMatcher(_CUE_PHRASES.with_label("self_reveal"))
        self.as_reported = PhraseMatcher(_CUE_PHRASES.with_label("as_reported"))
        self.hat_tip = PhraseMatcher(_CUE_PHRASES.with_label("hat_tip"))

    def is_reporting_cue(self, text: str) -> bool:
        """Do the lexicons know ``text`` as a reporting cue (a reporting or document verb among its
        words, or a cue phrase in it)? Used to keep a span model's cues that report information. A
        closing colon is the cue's own ("said:", as PolNeAR marks it), not a word of it."""
        lower = " ".join(text.lower().replace("’", "'").rstrip(": ").split())
        words = lower.split()
        if any(w in VERB_LEMMAS or w in DOCUMENT_VERBS for w in words):
            return True
        padded = f" {lower} "
        return (bool(words) and words[0] in OPENING_CUE_WORDS) or any(
            f" {phrase} " in padded for phrase in CUE_PHRASES)

    def speaks_as_itself(self, cue: str) -> bool:
        """Is the cue an outlet's phrase for its own reporting ("has learned", "can reveal"; not a bare "revealed",
        which may be another outlet's)?"""
        cue = cue.strip()
        return any(m.end == len(cue) and m.text.lower() != "revealed" for m in self.self_reveal.finditer(cue, 0, len(cue)))

    def candidates(self, doc: Document, sentence: Sentence, quotes: list[Quote]) -> list[Candidate]:
        """Every cue in the sentence, with its source, kind, content and relays."""
        text, span, off = doc.text, sentence.span, sentence.offset
        assert span is not None
        cands: list[Candidate] = []
        taken: list[tuple[int, int]] = []
        starts = {off + t.idx: t for t in span}
        for m in self.agentless.finditer(text, sentence.start, sentence.end):
            first = starts.get(m.start)
            if first is not None and any(c.dep_ in ("compound", "amod") and c.lower_ in MEDIA_WORDS for c in first.children):
                continue  # "Press reports said …": the verb's subject is the source, of the media
            # (its depth is its verb's, the phrase's shallowest word: "It emerged that she had been warned by …"
            # frames what follows, not the other way round)
            words = [t for t in span if m.start <= off + t.idx < m.end]
            cue, source = TextSpan(m.start, m.end, m.text), None
            if len(words) == 2 and words[0].lower_ == "reports":
                # "Reports say …": an undescribed group of reports is the source, vague (SPEC §2), as "critics say"
                source = TextSpan.of(text, m.start, m.start + len(words[0]))
                cue = TextSpan.of(text, off + words[1].idx, m.end)
            cands.append(
                Candidate("agentless", cue, source, "anonymous_vague",
                          Offsets(m.end, sentence.end), min((_depth(t) for t in words), default=0),
                          inside_quote(m.start, quotes) is not None)
            )
            taken.append((m.start, m.end))
        for token in span:
            start = off + token.idx
            if any(a <= start < b for a, b in taken):
                continue
            lower = token.lower_
            cand: Candidate | None = None
            if lower == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                cand = self._according(doc, sentence, token)
            elif lower in ("citing", "quoting"):
                cand = self._citing(doc, sentence, token)
            elif lower == "per" and token.dep_ == "prep":
                cand = self._per(doc, sentence, token)
            elif lower in VERB_LEMMAS and token.pos_ in ("VERB", "AUX") and not _not_reported_yet(token) \
                    and not _counted_participle(token):
                # "called on officials to declare …", "declined to say": no one has said anything yet
                cand = self._verb(doc, sentence, token)
            elif lower in VERB_LEMMAS and token.pos_ == "NOUN" and _acts_as_verb(token) and any(
                    c.dep_ == "ccomp" for c in token.children):
                # "The group has 600,000 members, the United Nations estimates.": the closing verb tagged a noun,
                # yet the root with a subject and the reported clause
                cand = self._verb(doc, sentence, token)
            elif reports_by_clause(token) and not _not_reported_yet(token):
                cand = self._verb(doc, sentence, token)  # "Officials at the Fed have signaled that rates will stay high"
            elif lower in POSTING_VERBS and token.pos_ == "VERB" and _posts_on_a_platform(token) and (
                    _reports_clause(token) or _channel_clause(token) is not None):
                cand = self._verb(doc, sentence, token)  # "The senator posted on X that …", not "posted a photo"
            elif lower in POLL_VERBS and token.pos_ in ("VERB", "AUX") and _poll_reports(token):
                cand = self._verb(doc, sentence, token)  # "The poll put the Tories on 43 pct"
            elif lower in DOCUMENT_VERBS and token.pos_ == "NOUN" and _ends_sentence(token):
                # "…, figures from the economics ministry show.": the parser took the closing verb for a noun
                cand = self._closing_document_verb(doc, sentence, token)
            elif lower in OPENING_DOCUMENT_VERBS and token.pos_ == "NOUN" and _opens_a_clause(token):
                # "FEC records from the 2008 election cycle show he backed …": the verb after a long subject
                # taken for a noun ("cycle show"), the clause it reports hung on it
                cand = self._opening_document_verb(doc, sentence, token)
            elif lower in DOCUMENT_VERBS and _acts_as_verb(token) and self._speaks_for_itself(doc, sentence, token):
                # "a Gallup survey found …", "the filing shows …", "FactCheck.org rated …": verbs too
                # ambiguous to report on their own, cues when a document or an outlet is their subject
                cand = self._verb(doc, sentence, token)
            elif lower in ("learned", "learnt") and token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                                                                for c in token.children):
                cand = self._verb(doc, sentence, token)  # "The Post has learned that …": only as the outlet's own reporting
                cand = cand if cand is not None and cand.how == "self" else None
            elif lower in ("in", "by") and token.dep_ == "prep":
                cand = self._document_frame(doc, sentence, token)
            elif lower == "by" and token.dep_ == "agent" and token.head.lower_ in REPORTED_PARTICIPLES:
                cand = self._reported_by(doc, sentence, token)
            elif lower in ("report", "reports") and token.pos_ == "NOUN" and (media := self._media_reports(doc, sentence, token)):
                cand = media  # "newspaper reports that …": unnamed outlets of a named type (SPEC §2)
            elif lower in RUMOUR_NOUNS and token.pos_ == "NOUN":
                cand = self._rumour(doc, sentence, token)
            elif lower in CLAIM_NOUNS and token.pos_ == "NOUN":
                cand = self._claim_noun(doc, sentence, token)
            elif lower in MAKE_FORMS and token.pos_ in ("VERB", "AUX") and _makes_clear(token):
                cand = self._verb(doc, sentence, token)  # "The governor made it clear that …"
            elif lower in CALL_FORMS and _calls_it(token):
                cand = self._verb(doc, sentence, token)  # "Warren has called the plan a disaster": her verdict
            elif lower in BELIEF_ADJECTIVES and token.dep_ in ("acomp", "amod", "ROOT"):
                cand = self._verb(doc, sentence, token)
            elif lower in ("put", "puts", "placed", "places"):
                if any(c.dep_ == "dobj" and c.lower_ in ESTIMATE_OBJECTS for c in token.children):
                    cand = self._verb(doc, sentence, token)
                elif (it := _as_puts_it(token)) is not None:
                    # "As The Post's Ruth Marcus puts it, …": the main clause is the writer's wording
                    cand = self._verb(doc, sentence, token)
                    if cand is not None:
                        cand.cue = TextSpan.of(text, cand.cue.start, off + it.idx + len(it))
            if cand is None:
                continue
            cand.in_quote = inside_quote(off + token.idx, quotes) is not None
            cands.append(cand)
        parsed = [c.cue for c in cands if c.how == "as_reported"]
        for m in self.as_reported.finditer(text, sentence.start, sentence.end):
            if any(cue.start < m.end and m.start < cue.end for cue in parsed):
                continue  # the parse already read this agent ("first reported by")
            cand = self._as_reported(doc, sentence, m.start, m.end)
            if cand is not None:
                cand.in_quote = inside_quote(m.start, quotes) is not None
                cands.append(cand)
        # "(h/t The Daily Beast)", and "(via The Daily Caller)": a credit in brackets
        credits = [(m.start, m.end) for m in self.hat_tip.finditer(text, sentence.start, sentence.end)] + [
            m.span(1) if m.group(1) else m.span(2) for m in _VIA_CREDIT.finditer(text, sentence.start, sentence.end)]
        for start, end in credits:
            cand = self._hat_tip(doc, sentence, start, end)
            if cand is not None:
                cands.append(cand)
        if not cands and (cand := self._speaker_dash(doc, sentence)) is not None:
            cands.append(cand)
        return cands

    def _speaker_dash(self, doc: Document, sentence: Sentence) -> Candidate | None:
        """"James Clad, deputy assistant secretary of defense -- “There is no choice …”": a sentence that
        opens with a person's name (and its description) and gives a quotation after a dash, as lists of
        endorsements and reactions are written. The name is the source and the dash the cue."""
        m = _SPEAKER_DASH.match(doc.text, sentence.start, sentence.end)
        if m is None or sentence.span is None:
            return None
        phrase = sentence.span.doc.char_span(m.start("speaker") - sentence.offset, m.end("speaker") - sentence.offset,
                                             alignment_mode="expand")
        if phrase is None or phrase[0].ent_type_ != "PERSON":
            return None
        source = TextSpan.of(doc.text, m.start("speaker"), m.end("speaker"))
        kind = self.kinds.classify(doc, sentence, phrase.root, source)
        return Candidate("verb", TextSpan.of(doc.text, m.start("dash"), m.end("dash")), source, kind,
                         Offsets(m.end(), sentence.end), 0, False)

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
        if token.pos_ not in ("VERB", "AUX") or _not_reported_yet(token):
            return None
        if token.lower_ not in VERB_LEMMAS and (lexicon_only or not _reports_clause(token)):
            return None
        cand = self._verb(doc, sentence, token)
        if cand is None or cand.source is None:
            return None
        return to_attribution(cand)

    def _verb(self, doc: Document, sentence: Sentence, verb: Token) -> Candidate | None:
        text, off = doc.text, sentence.offset
        subject = _subject_of(verb)
        passive = (any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.lower_ not in BELIEF_ADJECTIVES) \
            or reduced_passive(verb)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source_head: Token | None = None
        lemma = VERB_LEMMAS.get(verb.lower_, verb.lower_)  # the parser's lemmatizer is not loaded
        if agent is not None and lemma not in TELL_LEMMAS and not _finite_passive_report(verb):
            return None  # "As revealed by The Sun": a relay, found by the as-reported phrases
        quoted = _quoted_as(verb) if lemma in QUOTING_LEMMAS and subject is not None and not passive else None
        if agent is not None:
            source_head = next((c for c in agent.children if c.dep_ == "pobj"), None)
        elif quoted is not None:
            source_head = quoted[0]  # "Interfax quoted the minister as saying": the minister is the source
        elif subject is not None and not passive:
            source_head = subject
        elif subject is None and not passive:
            source_head = _inverted_subject(verb)  # "…, said Mytkevich, 39, and …"
        cue_tokens = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i]
        if _is_infinitive(verb) and (not _not_reported_yet(verb) or _raised(verb)):
            # "has continued to insist", "went on to say", "appears to show": the governing verb and its auxiliaries
            # are the cue's
            cue_tokens += [verb.head, *(c for c in verb.head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.head.i)]
        cue_start = min([verb, *cue_tokens], key=lambda t: t.i)
        cue_end_tok = verb
        if verb.lower_ in MAKE_FORMS:  # "made it clear": the whole phrase is the cue
            cue_end_tok = next((c for c in verb.children if c.lower_ == "clear" and c.i > verb.i), verb)
        told: Token | None = None
        relay_outlet: RelayLink | None = None
        if lemma in TELL_LEMMAS:
            told = next((c for c in verb.children if c.dep_ in ("dative", "dobj") and c.i > verb.i), None)
            if told is not None:
                cue_end_tok = _last(told)
            else:
                after = off + verb.idx + len(verb)
                outlet = next(iter(self.kinds.outlets.finditer(text, after, min(sentence.end, after + 40))), None)
                if outlet is not None and not text[after:outlet.start].strip():
                    end_tok = next((t for t in verb.doc[verb.i + 1 :] if off + t.idx + len(t) >= outlet.end), verb)
                    cue_end_tok = end_tok
                    if outlet_key(outlet.text) not in doc.own_outlets:
                        relay_outlet = RelayLink(TextSpan(outlet.start, outlet.end, outlet.text), "media")
        if not _reports_something(verb, lemma, sentence) or non_answer(verb) or authorship(verb) or backdrop(verb):
            return None
        if lemma in TELL_LEMMAS and _has_to_clause(verb) and not any(c.dep_ == "ccomp" and not _is_infinitive(c) for c in verb.children):
            return None  # "Told to leave the stadium, the fans …", "told them to wait": an order, not a report
        depth = _depth(verb) + (3 if verb.lower_ in SPEAKING_PARTICIPLES else 0)
        content = _content(sentence, verb, quotes=None)
        if verb.lower_ in CALL_FORMS and _calls_it(verb):
            # "has called the plan a disaster": the verdict is what is named and what it is called
            named = next(c for c in verb.children if c.dep_ == "dobj")
            called = next(c for c in verb.children if c.dep_ == "oprd")
            content = _offsets(off, _first(named), _last(called))
        relay = self._relay_from_told(doc, sentence, told) + self._relay_from_speaking(doc, sentence, verb)
        if relay_outlet is not None:
            relay = (relay_outlet, *relay)
        if quoted is not None:
            _, cue_start, cue_end_tok = quoted
            if any(c.dep_ == "ccomp" for c in cue_end_tok.children):
                content = _content(sentence, cue_end_tok, quotes=None)
            relay = (*self._quoting_relay(doc, sentence, subject), *relay)
        if source_head is None:
            if passive and subject is not None and self._is_own_outlet(doc, sentence, subject):
                # "The Mirror has been told …": the outlet's own unnamed informants
                outlet = _subtree_span(text, off, subject)
                cue = _tokens_span(text, off, _first(subject), verb)
                return Candidate("self", cue, None, "anonymous_vague", content, depth, False,
                                 (RelayLink(outlet, "media"),))
            # "…, delegates at the show have been told", "Staff were told that …": who heard it is no source
            # ("were told to leave" is an instruction, not a report)
            hearer = lemma in TELL_LEMMAS | TARGET_LEMMAS and subject is not None and not _has_to_clause(verb) and not any(
                c.dep_ == "xcomp" for c in verb.children) and (
                lemma not in TELL_LEMMAS or _reports_clause(verb) or ":" in sentence.text)
            # (who heard it must have heard something: not "Clinton is assured of winning at least 118")
            if passive and lemma in AGENTLESS_LEMMAS and not disclosed_nothing(verb) and (
                    subject is None or subject.lower_ == "it" or _has_to_clause(verb) or hearer):
                # "It is believed …", "are thought to total …", "is said to blame …"
                cue_start_tok = subject if subject is not None and subject.lower_ == "it" else cue_start
                cue = _tokens_span(text, off, cue_start_tok, verb)
                if hearer and self.kinds.outlet_in(doc, heard := _subtree_span(text, off, subject)):
                    relay = (RelayLink(heard, "media"), *relay)  # "The Times has been told": the paper relays
                return Candidate("agentless", cue, None, "anonymous_vague", content, depth, False, relay)
            return None
        lower = source_head.lower_
        if any(c.dep_ == "det" and c.lower_ == "no" and not _downing_street(c) for c in source_head.children):
            return None  # "No outsider can say whether …", "no one said": nobody is credited with anything
        if lower in FIRST_PERSON:
            return Candidate("verb", _tokens_span(text, off, cue_start, cue_end_tok), None, "anonymous_vague",
                             content, depth, False, relay, first_person=True)
        if lower in NON_SOURCE_SUBJECTS and source_head.dep_ != "expl" and not (
                lower == "it" and (body := self.kinds.body_antecedent(doc, sentence, source_head)) is not None
                and (lemma not in DOCUMENT_VERBS or self.kinds.is_document(body))  # ("their audit report … It found")
        ) and not (lower in ("those", "these") and names_a_vantage_point(source_head.subtree)):
            # "it" reports only where it refers to a body: "Xerox Corp reported … Sales rose, it said"; "those" only
            # with where they stood: "those who attended said", "those on the call said" (not "those who oppose it")
            return None
        if lower == "all" and any(c.dep_ == "relcl" for c in source_head.children):
            return None  # "All they do is tell me to go back": a fused relative, no one reporting
        # "said Trump": a name the tagger took for a verb; "Tolliver said": one it took for an adverb
        misread = source_head == _name_the_parser_misread(verb)
        named = source_head.ent_type_ in ("PERSON", "ORG") or misread
        # "Reporting by the Texas Tribune showed …", "Polling by Gallup shows …": a gerund that names a report
        report = source_head.tag_ == "VBG" and (lower in REPORT_NOUNS or lower in self.kinds.document_nouns) or (
            lower == "daily" and any(c.dep_ == "det" for c in source_head.children))  # ("The Chinese-language daily said": an adverb to the tagger)
        if (source_head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") and not named and not report or not (
                misread or self.kinds.can_be_source(source_head, doc) or (source_head.pos_ == "NOUN" and lemma in SPEECH_LEMMAS))) \
                and not self._names_an_outlet(doc, sentence, source_head):
            return None  # (an outlet's name is a source whatever the tagger made of it: "Axios" as an adverb, "the news site Axios")
        # (a subject after its verb follows the content: what comes after it describes it, "…, said a person briefed on
        # the talks")
        source = _subtree_span(text, off, source_head, stop=verb if source_head.i < verb.i else None,
                               described=source_head.i > verb.i)
        if source_head.i > verb.i and source.start <= off + verb.idx < source.end:
            source = TextSpan.of(text, off + verb.nbor().idx, source.end)  # ("tweeted campaign manager X": the verb hung on the name)
        if named and not misread and source_head.pos_ in ("VERB", "AUX", "ADV", "ADP"):
            # the tagger's verb took the words after it ("said Trump in a speech in Pittsburgh"): the name alone
            entity = entity_of(source_head)
            source = TextSpan.of(text, off + entity[0].idx, off + entity[-1].idx + len(entity[-1]))
        if (cleared := without_dateline(doc, sentence, source, source_head)) is None:
            return None
        source, source_head = cleared  # "TOPEKA, Kan, June 18 - AmVestors Financial Corp said": what follows the dateline
        if self._is_own_outlet(doc, sentence, source_head) and self.self_reveal.finditer(
            text, source.end, min(sentence.end, source.end + 30)
        ):
            # "the Mirror can reveal": the outlet speaks for itself on unnamed informants' word.
            return _own_reporting(text, source, off + verb.idx + len(verb), content, depth)
        kind = self.kinds.classify(doc, sentence, source_head, source)
        if kind == "media" and not doc.own_outlets and self.speaks_as_itself(text[source.end:off + verb.idx + len(verb)]):
            # "The Post has learned that …" with no outlet known for the article: a masthead the gazetteer lacks
            # speaking as the article's own outlet, as "the Mirror can reveal" (SPEC §2)
            return _own_reporting(text, source, off + verb.idx + len(verb), content, depth)
        if kind == "media" and source_head.ent_type_ == "PERSON" and _in_own_book(verb):
            kind = "named_person"  # "ABC's George Stephanopoulos wrote in his book": the journalist, not the outlet
        cue = _tokens_span(text, off, cue_start, cue_end_tok)
        writing = lemma in ("write", "report") or any(c.dep_ == "advcl" and c.lower_ == "writing" for c in verb.children)
        # (a journalist's name the tagger took for a body's writes for the outlet all the same: "As Camila Restrepo writes
        # for the San Antonio Express-News, …")
        if kind in ("named_person", "named_organization") and writing and not _in_guest_piece(verb) \
                and self._writes_for_an_outlet(doc, sentence, verb, source):
            kind = "media"  # "writes for the Denver Post", "Writing in the Atlantic, X argued": the outlet speaks
        return Candidate("verb", cue, source, kind, content, depth, False, relay)

    def _according(self, doc: Document, sentence: Sentence, token: Token) -> Candidate | None:
        to = token.nbor()
        head = next((c for c in to.children if c.dep_ == "pobj"), None)
        if head is None:
            head = next((c for c in token.children if c.dep_ == "pobj"), None)
        if head is None:
            return None
        text, off = doc.text, sentence.offset
        # a relative clause on the source describes it ("according to a person who attended the meeting")
        source = _subtree_span(text, off, head, described=True)
        cue = _tokens_span(text, off, token, to)
        kind = self.kinds.classify(doc, sentence, head, source)
        content = _rest_of_sentence(sentence, token, _last(head))
        return Candidate("according", cue, source, kind, content, _depth(token), False)

    def _per(self, doc: Document, sentence: Sentence, token: Token) -> Candidate | None:
        """"per Axios", "Per a report from Bloomberg, …": "according to" in news shorthand. Only with a
        source after it: not a rate ("$4 per gallon", "per cent", "per capita"), nor "as per the rules"."""
        head = next((c for c in token.children if c.dep_ == "pobj"), None)
        name = _opening_name(token) if head is None else None
        if name is not None:
            head = name[-1]  # "Per ESPN, the Celtics and …": the parser made the name the subject, yet it is the source
        before = token.doc[token.i - 1] if token.i > 0 else None
        if head is None or head.lower_ in _PER_UNITS or not self.kinds.can_be_source(head, doc, by_head=True) \
                or token.head.like_num or (before is not None and (before.like_num or before.lower_ == "as")):
            return None
        text, off = doc.text, sentence.offset
        source = _tokens_span(text, off, name[0], name[-1]) if name is not None else _subtree_span(text, off, head)
        kind = self.kinds.classify(doc, sentence, head, source)
        content = _rest_of_sentence(sentence, token, name[-1] if name is not None else _last(head))
        return Candidate("according", _tokens_span(text, off, token, token), source, kind, content, _depth(token), False)

    def _document_frame(self, doc: Document, sentence: Sentence, token: Token) -> Candidate | None:
        """"Trump led among men in the latest survey", "by the AP's tally, he has 739": the survey or
        tally is the claim's source (SPEC §2: a poll is a document, whoever ran it). Not when the frame
        hangs on a cue or on a cue's subject ("40% said in the poll", "respondents in the survey said"),
        whose own attribution already names it. Read as an "according to" frame."""
        survey = next((c for c in token.children if c.dep_ == "pobj" and c.lower_ in FRAME_DOCUMENTS), None)
        host = token.head
        if survey is None or _cue_word(host) or (host.dep_ in SUBJECT_DEPS and _cue_word(host.head)):
            return None
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, survey)
        self.kinds.classify(doc, sentence, survey, source)  # recorded for the typer and the resolver
        return Candidate("according", _tokens_span(text, off, token, token), source, "document",
                         Offsets(sentence.start, sentence.end), _depth(token) + 1, False)

    def _closing_document_verb(self, doc: Document, sentence: Sentence, verb: Token) -> Candidate | None:
        """"Belgian wholesale prices fell 5.9 pct, figures from the economics ministry show." with "show"
        parsed as a noun: the phrase between the last comma and the verb is the source where it holds a
        document noun and types as a document; the sentence before the comma is what it shows."""
        comma = next((t for t in reversed(verb.doc[verb.sent.start:verb.i]) if t.text == ","), None)
        if comma is None or verb.i - comma.i < 2:
            return None
        phrase = verb.doc[comma.i + 1:verb.i]
        head = next((t for t in phrase if t.lower_ in self.kinds.document_nouns), None)
        if head is None:
            return None
        text, off = doc.text, sentence.offset
        source = _tokens_span(text, off, phrase[0], phrase[-1])
        if self.kinds.classify(doc, sentence, head, source) != "document":
            return None
        return Candidate("verb", _tokens_span(text, off, verb, verb), source, "document",
                         Offsets(sentence.start, off + comma.idx), 0, False)

    def _opening_document_verb(self, doc: Document, sentence: Sentence, verb: Token) -> Candidate | None:
        """"FEC records from the 2008 presidential election cycle show he backed …" with "show" parsed as a
        noun: the sentence up to the verb is the source where it opens with a document noun's phrase, has no
        finite verb of its own and types as a document; the clause after the verb is what it shows."""
        words = verb.doc[verb.sent.start:verb.i]
        head = next((t for t in words[:5] if t.lower_ in self.kinds.document_nouns), None)
        if head is None or any(t.tag_ in FINITE_TAGS for t in words):
            return None
        # (from the document noun's phrase, not an opening "But" or "Still,")
        first = next(t for t in words if t.i >= head.i or t.dep_ not in ("cc", "advmod", "punct", "intj"))
        text, off = doc.text, sentence.offset
        source = _tokens_span(text, off, first, words[-1])
        if self.kinds.classify(doc, sentence, head, source) != "document":
            return None
        last = verb.doc[verb.sent.end - 1]
        while last.i > verb.i + 1 and last.is_punct:
            last = verb.doc[last.i - 1]
        return Candidate("verb", _tokens_span(text, off, verb, verb), source, "document",
                         _offsets(off, verb.doc[verb.i + 1], last), 0, False)

    def _citing(self, doc: Document, sentence: Sentence, token: Token) -> Candidate | None:
        obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is None or not self.kinds.can_be_source(obj, doc, by_head=True):
            return None  # (not "citing her work after the Sept. 11 attacks": a reason, not a source)
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, obj)
        kind = self.kinds.classify(doc, sentence, obj, source)
        return Candidate("citing", _tokens_span(text, off, token, token), source, kind,
                         Offsets(sentence.start, sentence.end), _depth(token) + 1, False)

    def _as_reported(self, doc: Document, sentence: Sentence, start: int, end: int) -> Candidate | None:
        """"As revealed by The Sun": the outlet is a relay (or the article's own, for a self-relay)."""
        outlet = next(iter(self.kinds.outlets.finditer(doc.text, end, min(sentence.end, end + 40))), None)
        if outlet is None or doc.text[end:outlet.start].strip() not in ("", "the", "The"):
            return None
        link = RelayLink(TextSpan(outlet.start, outlet.end, outlet.text), "media")
        return Candidate("as_reported", TextSpan.of(doc.text, start, end),
                         link.source, "media", Offsets(sentence.start, sentence.end), 5, False)

    def _rumour(self, doc: Document, sentence: Sentence, noun: Token) -> Candidate | None:
        """"Rumors swirled Tuesday that …", "There is speculation that …": agentless reporting of the clause
        the rumour takes (SPEC §2: "rumours that" is ``anonymous_vague`` with no source)."""
        clause = _that_clause(noun, ("acl", "ccomp", "relcl"))
        if clause is None and noun.dep_ in SUBJECT_DEPS:
            clause = next((c for c in noun.head.children if c.dep_ == "ccomp"), None)  # "Rumors swirled that …"
        if clause is None:
            return None
        text, off = doc.text, sentence.offset
        return Candidate("agentless", _tokens_span(text, off, noun, noun), None, "anonymous_vague",
                         _offsets(off, _first(clause), _last(clause)), _depth(noun), False)

    def _media_reports(self, doc: Document, sentence: Sentence, noun: Token) -> Candidate | None:
        """"newspaper reports that a heat wave has destroyed crops", "press reports that …": outlets of a
        named type, unnamed, report the that-clause; the type word is the source (a ``media`` one)."""
        kind_words = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in MEDIA_WORDS]
        clause = _that_clause(noun, ("acl", "ccomp", "relcl"))
        if not kind_words or clause is None:
            return None
        text, off = doc.text, sentence.offset
        source = _tokens_span(text, off, kind_words[0], kind_words[-1])
        return Candidate("verb", _tokens_span(text, off, noun, noun), source, "media",
                         _offsets(off, _first(clause), _last(clause)), _depth(noun), False)

    def _claim_noun(self, doc: Document, sentence: Sentence, noun: Token) -> Candidate | None:
        """"Trump's claim that the election was rigged …", "His insistence that …": a report named by a noun,
        its possessor the source and the that-clause the content (the rest of the sentence is the article's
        comment on it, which the claim's content leaves out)."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = _that_clause(noun, ("acl", "ccomp", "relcl"))
        if owner is None or clause is None or owner.lower_ in NON_SOURCE_SUBJECTS:
            return None
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, owner)
        if source.text.endswith(("'s", "’s")):
            source = TextSpan.of(text, source.start, source.end - 2)
        elif source.text.endswith(("'", "’")):
            source = TextSpan.of(text, source.start, source.end - 1)
        kind = self.kinds.classify(doc, sentence, owner, source)
        content = _offsets(off, _first(clause), _last(clause))
        return Candidate("verb", _tokens_span(text, off, noun, noun), source, kind, content, _depth(noun), False)

    def _hat_tip(self, doc: Document, sentence: Sentence, start: int, end: int) -> Candidate | None:
        """"… (h/t The Daily Beast)": the credited outlet or person is the source of what comes before
        the credit (SPEC §2), typed as its phrase is; it yields to the cues of the sentence's main clause."""
        text = doc.text
        close = text.find(")", end, sentence.end)
        a, b = end, close if close != -1 else sentence.end
        while a < b and text[a] in " :\t":
            a += 1
        while b > a and text[b - 1] in " .;,!?\"”'’":
            b -= 1
        opening = text.rfind("(", sentence.start, start)
        before = opening if opening != -1 and not text[opening + 1:start].strip() else start
        phrase = sentence.span.doc.char_span(a - sentence.offset, b - sentence.offset, alignment_mode="expand") \
            if sentence.span is not None and b > a else None
        if phrase is None or before <= sentence.start:
            return None
        source = TextSpan.of(text, a, b)
        if text[start:end].lower() == "via" and (phrase.root.ent_type_ in ("GPE", "LOC", "FAC") or (
                before == start and not self.kinds.outlet_in(doc, source))):
            return None  # "(via Warsaw)", "…, via Warsaw.": a route; after a comma only a known outlet is credited
        kind = self.kinds.classify(doc, sentence, phrase.root, source)
        if kind == "named_organization":
            kind = "media"  # a body credited for a find is a publication: blogs and sites are outlets
        # (depth 0: a credit for the whole sentence yields to the main verb's cue, by priority, and to no cue
        # in a clause below it: "The clip, which appears to show …, racked up …", "… deleted the post after users
        # pointed out that …")
        return Candidate("hat_tip", TextSpan.of(text, start, end), source, kind,
                         _trimmed(text, sentence.start, before), 0, False)

    def _reported_by(self, doc: Document, sentence: Sentence, by: Token) -> Candidate | None:
        """"a fact first reported by Christopher Heath, an Orlando TV reporter for WFTV9", "reported
        earlier by Reuters": the agent is the claim's source when it is an outlet or one of its
        journalists (SPEC §2), typed ``media``; any other agent ("the theft was reported by a neighbour") is left alone."""
        agent = next((c for c in by.children if c.dep_ == "pobj"), None)
        if agent is None:
            return None
        text, off = doc.text, sentence.offset
        source = _subtree_span(text, off, agent)
        kind = self.kinds.classify(doc, sentence, agent, source)
        # a person "of the Denver Post" who reported the claim is that outlet's journalist
        if kind != "media" and not (kind == "named_person" and self.kinds.outlet_in(doc, source)):
            return None
        participle = by.head
        first = next((c for c in participle.lefts if c.dep_ == "advmod" and c.i == participle.i - 1), participle)
        return Candidate("as_reported", _tokens_span(text, off, first, by), source, "media",
                         Offsets(sentence.start, sentence.end), 5, False)

    def _relay_from_told(self, doc: Document, sentence: Sentence, told: Token | None) -> tuple[RelayLink, ...]:
        """"told The Times": a relay when the hearer is another outlet (or a named person)."""
        if told is None:
            return ()
        span = _subtree_span(doc.text, sentence.offset, told)
        kind = self.kinds.classify(doc, sentence, told, span)
        if kind == "media":
            if outlet_key(span.text) in doc.own_outlets:
                return ()
            return (RelayLink(span, "media"),)
        if kind == "named_person":
            return (RelayLink(span, kind),)
        return ()

    def _quoting_relay(self, doc: Document, sentence: Sentence, subject: Token) -> tuple[RelayLink, ...]:
        """"Interfax quoted the minister as saying": whoever quotes is the relay, unless it is the article's own outlet."""
        if self._is_own_outlet(doc, sentence, subject):
            return ()
        span = _subtree_span(doc.text, sentence.offset, subject)
        return (RelayLink(span, self.kinds.classify(doc, sentence, subject, span)),)

    def _relay_from_speaking(self, doc: Document, sentence: Sentence, verb: Token) -> tuple[RelayLink, ...]:
        """"Speaking to The Times, X said …": the outlet relays the main clause."""
        for child in (verb, *verb.children):
            if child.lower_ in SPEAKING_PARTICIPLES and (child is verb or child.dep_ == "advcl"):
                for prep in child.children:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep.lower_ in ("to", "in", "on") and pobj is not None:
                        span = _subtree_span(doc.text, sentence.offset, pobj)
                        if self.kinds.outlet_in(doc, span) and outlet_key(span.text) not in doc.own_outlets:
                            return (RelayLink(span, "media"),)
        return ()

    def _names_an_outlet(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        """Is the phrase's head part of an outlet's name, or is an outlet named in apposition to it?"""
        return self.kinds.head_in_outlet(doc, sentence, head) or any(
            c.dep_ == "appos" and self.kinds.outlet_in(doc, _subtree_span(doc.text, sentence.offset, c)) for c in head.children)

    def _writes_for_an_outlet(self, doc: Document, sentence: Sentence, verb: Token, source: TextSpan) -> bool:
        """Does the sentence say that the writer or reporter works for another outlet: "writes for the
        Denver Post", "Writing in the Atlantic, Clara Yoon reported", "Mark Hensley, who covers the
        statehouse for the Des Moines Register, reported"?"""
        text, off = doc.text, sentence.offset
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "for" and self.kinds.outlet_in(doc, _subtree_span(text, off, child), other=True):
                return True
            if child.dep_ == "advcl" and child.lower_ == "writing" and any(
                    p.dep_ == "prep" and p.lower_ in ("in", "for") and (
                        self.kinds.outlet_in(doc, _subtree_span(text, off, p), other=True) or _publication(p))
                    for p in child.children):
                return True
        return any(WORKS_FOR.search(text, max(source.start, m.start - 10), m.start) is not None
                   for m in self.kinds.outlets.finditer(text, source.start, source.end)
                   if outlet_key(m.text) not in doc.own_outlets)

    def _speaks_for_itself(self, doc: Document, sentence: Sentence, verb: Token) -> bool:
        """Is this verb's subject a document or an outlet (what SPEC §2 lets speak for itself), or an "it" that
        refers back to a document?"""
        subject = _subject_of(verb)
        if subject is None or _is_infinitive(verb) and not _raised(verb):
            return False  # "the poll is expected to show" is still to come; "the footage appears to show" is not
        if subject.lower_ in self.kinds.document_nouns or self.kinds.owned_report(subject) or " ".join(t.lower_ for t in subject.subtree)[-30:].endswith(
                tuple(f" {n}" for n in ("records", "documents", "filings", "papers"))):
            return True
        if subject.lower_ == "it" and (body := self.kinds.body_antecedent(doc, sentence, subject)) is not None:
            return self.kinds.is_document(body)  # "… their audit report was released on Friday. It found that …"
        if subject.lower_ == "they":
            return self.kinds.documents_antecedent(doc, sentence, subject) is not None  # "The accounts …. They show …"
        return self.kinds.outlet_in(doc, _subtree_span(doc.text, sentence.offset, subject))

    def _is_own_outlet(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        span = _subtree_span(doc.text, sentence.offset, head)
        return self.kinds.outlet_in(doc, span) and outlet_key(span.text) in doc.own_outlets


def _publication(prep: Token) -> bool:
    """Does "writing in …" / "writing for …" name a publication the gazetteer may miss or cannot tell
    by its case ("Writing in the Atlantic", "writing for Slate"), not a language, a date or a place?"""
    name = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return name is not None and name.pos_ == "PROPN" and name.ent_type_ not in (
        "LANGUAGE", "DATE", "TIME", "PERSON", "GPE", "NORP", "EVENT")


def _own_reporting(text: str, outlet: TextSpan, verb_end: int, content: Offsets, depth: int) -> Candidate:
    """The article's own outlet reporting on unnamed informants' word ("the Mirror can reveal"): agentless, with
    the outlet as the relay (SPEC §2); the cue runs from the outlet's name to the verb."""
    return Candidate("self", TextSpan.of(text, outlet.start, verb_end), None, "anonymous_vague", content, depth, False,
                     (RelayLink(outlet, "media"),))


def _downing_street(token: Token) -> bool:
    """Is the word the "No" of "No 10" (Downing Street: "a No 10 source")?"""
    return token.lower_ in ("no", "number") and token.i + 1 < len(token.doc) and token.nbor().text == "10"


def _kicker(token: Token) -> bool:
    """Is the token a headline kicker that opens the sentence ("BOMBSHELL: Newly released documents show …")?
    A label in capitals before a colon, which the parser may take for the subject."""
    return token.i == token.sent.start and token.text.isupper() and len(token.text) > 1 \
        and token.i + 1 < len(token.doc) and token.nbor().text == ":"


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowed from the governing verb for conjuncts and participles, or found in a
    clause the parser misread before it (:func:`_subject_in_misread_clause`)."""
    if (described := _described_subject_of_a_verbless_sentence(verb)) is not None:
        return described
    own = _own_subject(verb)
    if own is not None or _inverted_subject(verb) is not None:  # (", said Mytkevich, 39, and …": inverted, not misread)
        return own
    return _subject_in_misread_clause(verb) or _name_the_parser_misread(verb)


#: Surnames, census and public figures': a capitalised word before a verb that the parser made an adverb is one.
_SURNAMES = load_lexicon("surnames").texts("surname") | load_lexicon("public_figures").texts("surname")


def _described_subject_of_a_verbless_sentence(verb: Token) -> Token | None:
    """The subject the parser lost in a relative clause: "A resident of the village who saw the strike told
    The AP that …" is parsed as a sentence without a verb, rooted at "resident", with "the strike told" a
    clause that "saw" takes. The noun at the root, before that relative clause, is who reports."""
    root = verb.sent.root
    relative = verb.head
    if verb.dep_ != "ccomp" or root.pos_ not in ("NOUN", "PROPN") or relative.dep_ != "relcl" or root.i > relative.i:
        return None
    return root if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in relative.children) else None


def _name_the_parser_misread(verb: Token) -> Token | None:
    """A subject the parser read as something else, right before a main verb that has none: a surname
    tagged an adverb at the head of its clause ("Tolliver said in a statement …"), a titled name
    behind a title the parser made a preposition ("Under Secretary of Defense … Ingrid Halvorsen-Mbeki
    acknowledged …"), or a noun it made a compound of the verb ("The campaign's latest FEC filing shows …")."""
    if verb.dep_ != "ROOT":
        return None
    left = next((c for c in verb.children if c.i < verb.i and c.right_edge.i == verb.i - 1), None)
    if left is None:
        return None
    if left.dep_ == "prep" and left.text == "Under":
        return next((t for t in reversed(list(left.subtree)) if t.ent_type_ == "PERSON"), None)
    if left.dep_ == "compound" and left.pos_ == "NOUN" and left.i == verb.i - 1 and verb.tag_ == "VBZ" and left.tag_ == "NN":
        return left  # "The campaign's latest FEC filing shows …": the noun made a compound of the verb
    opens = left.i == verb.sent.start or verb.doc[left.i - 1].is_punct
    # (an English clause in the past or third person has a subject, where an imperative ("Just think of …")
    # has none: before such a verb, a capitalised word that is no adverb of the language's own ("Meanwhile",
    # "Later", "Publicly") is a name)
    if left.dep_ in ("advmod", "npadvmod") and left.i == verb.i - 1 and opens and left.is_title and left.is_alpha \
            and verb.tag_ in ("VBD", "VBZ") \
            and (left.lower_ in _SURNAMES or not left.lower_.endswith("ly") and left.lower_ not in _ADVERBS_BEFORE_A_VERB):
        return left
    return None


#: Adverbs that may stand before a main verb at the head of a headline or a clause ("Meanwhile, said …").
_ADVERBS_BEFORE_A_VERB = frozenset("again also already earlier ever further hence however instead later "
                                   "meanwhile moreover never nevertheless nonetheless now once otherwise "
                                   "previously since soon still then thereafter thus too yet".split())


def _subject_in_misread_clause(verb: Token) -> Token | None:
    """The subject the parser put in a clause before a reporting verb that has its reported clause after it:
    "Investors briefed on the plan said the startup …" and "A … poll conducted in late October, as early voting
    was under way, found that …" are parsed with "briefed" and "was" as clauses the verb reports."""
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if verb.dep_ != "ROOT" or before is None or not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    first = verb.doc[verb.sent.start] if verb.sent.start < verb.i else None
    subject = next((t for t in before.children if t.dep_ in ("nsubj", "nsubjpass") and t.i < before.i
                    and t.pos_ in ("NOUN", "PROPN")), None)
    return subject if subject is not None and first is not None and subject.left_edge.i == first.i else None


def _own_subject(verb: Token) -> Token | None:
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        subject = next((c for c in current.children if (c.dep_ in SUBJECT_DEPS or c.dep_ == "expl") and not _kicker(c)), None)
        if subject is None:  # "Analysts are convinced": the parser may hang the subject on the auxiliary
            subject = next((g for c in current.children if c.dep_ in ("aux", "auxpass")
                            for g in c.children if g.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if relative_pronoun(subject) and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in ("conj", "advcl", "acomp", "xcomp") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "dep" and current.lower_ in DOCUMENT_VERBS and current.head.tag_ in ("VBD", "VBN") \
                and current.head.i < current.i:
            # "Documents obtained through a public records request show that …": the parser made the
            # participle the root and left the verb hanging; the participle's subject is the verb's
            current = current.head
            continue
        if current.dep_ == "relcl":
            if _first_to(current):
                # "The Gateway Pundit was the first to report that …": the copula's subject
                return next((c for c in current.head.head.children if c.dep_ in SUBJECT_DEPS), None)
            return current.head
        return None
    return None


def _first_to(verb: Token) -> bool:
    """Is the verb the infinitive of "was the first (the last) to report …", or of "was first to report …"?"""
    if verb.dep_ == "xcomp":
        return any(c.dep_ == "acomp" and c.lower_ in ("first", "last") for c in verb.head.children)
    return verb.dep_ in ("relcl", "acl") and verb.head.lower_ in ("first", "last") and verb.head.dep_ == "attr"


#: a reflexive object: "found themselves", "finds itself"
REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())

#: words that open an open question: "revealed what he would do", "did not say whether"
WH_WORDS = frozenset("what whether how why when where who which".split())

#: passives that say something was made known; negated, they report nothing ("have not yet been announced")
DISCLOSING_LEMMAS = frozenset("announce confirm disclose reveal release publish report".split())


def disclosed_nothing(verb: Token) -> bool:
    """"The names have not yet been announced", "Trump has never revealed what he would do": a verb of making
    something known, negated, in the passive or over an open question, reports nothing ("The company did not
    confirm the layoffs" still reports the layoffs, unconfirmed)."""
    if VERB_LEMMAS.get(verb.lower_, verb.lower_) not in DISCLOSING_LEMMAS or not any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "auxpass" for c in verb.children) or any(
        c.dep_ in ("ccomp", "dobj") and any(w.lower_ in WH_WORDS and w.i <= c.i for w in c.subtree) for c in verb.children)


def reports_nothing(verb: Token) -> bool:
    """A reporting verb in a use that credits no one with anything: nothing made known (negated: "have not
    been announced"), only an act for its object ("said goodbye", "told a lie"), turning up ("failed to show
    up"), a person showing a quality ("did show a new openness"), or a state someone found themselves in
    ("officials found themselves dumbfounded", "the city finds itself short of cash")."""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    clauses = [c for c in children if c.dep_ in CLAUSE_DEPS and c.dep_ != "dobj"]
    if disclosed_nothing(verb):
        return True
    if objects and not clauses and all(o.lower_ in NON_REPORT_OBJECTS for o in objects):
        return True  # "said goodbye to his teammates", "told a lie every three minutes"
    if VERB_LEMMAS.get(verb.lower_, verb.lower_) == "add" and not objects and not clauses and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in children):
        return True  # "adding to his Super Tuesday victories": something added to, nothing said
    if verb.lower_ in ("show", "shows", "showed", "shown", "showing"):
        if any(c.dep_ == "prt" and c.lower_ in ("up", "off") for c in children):
            return True
        subject = _subject_of(verb)
        if objects and not clauses and subject is not None and (subject.lower_ in ("he", "she", "they") or subject.ent_type_ == "PERSON"):
            return True  # "he did show a new openness to …": a person showing a quality, not a document's finding
    return verb.lower_ in ("find", "finds", "found", "finding") and any(
        c.lower_ in REFLEXIVES or any(g.dep_ == "nsubj" and g.lower_ in REFLEXIVES for g in c.children)
        for c in children if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd"))


def _reports_something(verb: Token, lemma: str, sentence: Sentence) -> bool:
    """A reporting verb with something reported: a clause, an object, a quote or a colon."""
    children = list(verb.children)
    if any(c.dep_ == "dative" for c in children) and lemma not in TELL_LEMMAS and not (
            verb.lower_ in POLL_VERBS and _poll_reports(verb)):
        return False  # "has denied Moscow the lightning victory" (not "the poll gave him big leads")
    clauses = [c for c in children if c.dep_ in CLAUSE_DEPS and c.dep_ != "dobj"]
    objects = [c for c in children if c.dep_ == "dobj"]
    if objects and not clauses and lemma == "add" and not any(q in sentence.text for q in "“”\":"):
        return False  # "the bill would add $1.2 trillion to deficits": an amount added, nothing said
    if reports_nothing(verb):
        return False  # "Pentagon officials found themselves dumbfounded", "has never revealed what he would do"
    if taking(verb) or confirming_an_appointment(verb):
        return False  # "the minister claimed more than £18,000 in expenses", "the storm claimed 12 lives", "confirmed the nominee"
    if objects and not clauses and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in children) \
            and not any(q in sentence.text for q in "“”\""):
        return False  # "The governor will announce her budget on Thursday": nothing reported yet
    if any(c.dep_ in CLAUSE_DEPS for c in children) or verb.dep_ in ("ccomp", "parataxis", "conj", "advcl", "relcl"):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("of", "that") for c in children):
        return True  # "accused Russian forces of seizing …"
    if _channel_clause(verb) is not None:
        return True  # "said in a statement that …", the clause hung on "statement"
    if _finite_passive_report(verb) and lemma not in TELL_LEMMAS and any(c.dep_ == "agent" for c in children) and any(
            c.dep_ == "nsubjpass" for c in children):
        return True  # "A rise in arrests was confirmed by the NYPD": its subject is what was reported ("Trump was
        # advised by aides": its subject is who heard it, and nothing is reported)
    text = sentence.text
    return any(q in text for q in "“”\"") or ":" in text or "'" in text[:2]


def taking(verb: Token) -> bool:
    """"the minister claimed more than £18,000 in expenses", "the storm claimed the lives of 12 people":
    "claim" whose only objects are a sum of money or a thing taken, and no clause, reports nothing."""
    if VERB_LEMMAS.get(verb.lower_) != "claim" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in TAKEN_OBJECTS or o.ent_type_ == "MONEY" for o in objects)


def confirming_an_appointment(verb: Token) -> bool:
    """"The Senate confirmed the nominee", "confirmed Ketanji Brown Jackson to the Supreme Court": "confirm"
    whose object is a person or an appointment, and no clause, is a vote, not a report."""
    if VERB_LEMMAS.get(verb.lower_) != "confirm" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.ent_type_ == "PERSON" or o.lower_ in _APPOINTMENTS for o in objects)


#: What a legislature confirms when it votes: "confirmed the nominee", "confirmed his appointment".
_APPOINTMENTS = frozenset({"nominee", "nominees", "nomination", "nominations", "appointment", "appointments", "pick", "picks", "appointee"})


def non_answer(verb: Token) -> bool:
    """"did not respond to a request for comment", "declined to comment", "refused to say how many": the
    source said nothing, so no claim rests on the cue (the rules take none; the span model's is a stance).
    Whatever a refusal governs is unsaid; a plain reporting verb is a non-answer only so, or when what it
    did not say or confirm is only "it" or "that" ("did not say that …" may still report)."""
    if verb.dep_ == "xcomp" and verb.head.lower_ in REFUSAL_VERBS:
        return True
    negated = any(c.dep_ == "neg" for c in verb.children)
    if negated and VERB_LEMMAS.get(verb.lower_) in ("say", "confirm") and not _reports_clause(verb) and not any(
            c.dep_ in ("ccomp", "xcomp", "advcl") for c in verb.children) and all(
            c.lower_ in ("it", "that", "this", "so", "anything") for c in verb.children if c.dep_ == "dobj"):
        return True  # "The president's office isn't confirming it", "the imams aren't saying that": nothing said
    return verb.lower_ in NON_ANSWER_VERBS and negated


def backdrop(verb: Token) -> bool:
    """Is the reporting verb a speech act the sentence only mentions, reporting nothing from it? It sits in a
    clause of time, condition or contrast ("since Hillary Clinton announced her bid", "if the outlets told the
    truth", "as long as folks believe a false narrative") or in a relative clause ("the accords which President
    Obama concluded", "every lie Hillary has ever said", "a supporter who spoke at the convention"), and has no
    clause, quote or colon of its own. "as X reported", "a survey that found 66% support" and "after officials
    said the bridge was unsafe" report."""
    if verb.dep_ == "advcl":
        mark = next((c for c in verb.children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ in ("when", "whenever"))), None)
        if mark is None or (mark.lower_ == "as" and verb.head.lower_ not in ("long", "soon")):
            return False
    elif verb.dep_ != "relcl":
        return False
    elif _speaker_tag(verb):
        return False
    elif verb.lower_ in DOCUMENT_VERBS and not any(c.dep_ == "nsubj" and not relative_pronoun(c) for c in verb.children):
        return False  # "a survey that found …" reports; "the accords which President Obama concluded" does not
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children) or _reports_clause(verb):
        return False
    if _channel_clause(verb) is not None:
        return False  # "who said in a statement that …"
    after = verb.right_edge.i + 1
    if verb.dep_ == "relcl" and after < len(verb.doc) and verb.doc[after].tag_ in FINITE_TAGS \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.doc[after].children):
        return False  # "the camps that Mr. Obama argued in 2004 were unhealthy": the verb's clause, misparsed
    return not any(t.text in (":", *QUOTE_MARKS) for t in verb.doc[verb.i + 1:verb.i + 3])


def reduced_passive(verb: Token) -> bool:
    """Is the verb a passive with its auxiliary left out, as headlines and appositions write it ("Top ISIS
    leader now believed to be the number two", "the council, believed to be based there")? A participle of
    an agentless verb before "to be" or "to have", with no auxiliary of its own: its subject was not the one
    who believed it."""
    if verb.tag_ not in ("VBD", "VBN") or VERB_LEMMAS.get(verb.lower_) not in AGENTLESS_LEMMAS:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "xcomp" and (c.lower_ in ("be", "have") or any(g.lower_ in ("be", "have") and g.i < c.i for g in c.children))
               and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)


def _speaker_tag(verb: Token) -> bool:
    """Is the verb a speaker's tag set off by commas after what was said, however the parse attached it
    ("…, human rights activist Vladimir Osechkin claimed, citing …"; "as Jack Goldsmith, one of the top
    lawyers …, explains,")? Its subject follows a comma and the verb ends its clause."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    doc = verb.doc
    if subject is None or relative_pronoun(subject) or verb.i + 1 >= len(doc):
        return False
    start = subject.left_edge.i
    return start > 0 and doc[start - 1].text == "," and doc[verb.i + 1].text in (",", ".", ";")


def authorship(verb: Token) -> bool:
    """"no doubt it was written by a colleague", "a report written by two analysts": a passive participle
    of writing says who made the text, not who reported a claim (the rules take none; the span model's
    is a stance). "X wrote that …" stays a report."""
    return VERB_LEMMAS.get(verb.lower_) in AUTHORSHIP_LEMMAS and verb.tag_ == "VBN" and (
        verb.dep_ in ("acl", "relcl") or any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children))


def reported_yet(words: Iterable[Token]) -> bool:
    """Has a cue's report been made: some reporting verb among its words that is no infinitive still to come
    ("is going to say", "plans to announce"; "continue to claim" is made)? True where the cue has no verb."""
    verbs = [t for t in words if t.lower_ in VERB_LEMMAS and t.pos_ in ("VERB", "AUX")]
    return not verbs or any(not _not_reported_yet(t) for t in verbs)


def _poll_reports(verb: Token) -> bool:
    """Is the verb's subject a poll, survey, tally or polling average, and does it take an object ("The NBC
    poll gave him big leads")? Then it reports what the poll found, as "shows" would."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in POLL_SUBJECTS and not _is_infinitive(verb) and any(
        c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _posts_on_a_platform(verb: Token) -> bool:
    """Is the verb's "on" phrase a platform ("on Facebook", "on his campaign website")?"""
    return not _is_infinitive(verb) and any(
        prep.dep_ == "prep" and prep.lower_ == "on" and any(
            obj.dep_ == "pobj" and (obj.lower_ in PLATFORM_WORDS or any(c.lower_ in PLATFORM_WORDS for c in obj.children))
            for obj in prep.children)
        for prep in verb.children)


def _cue_word(token: Token) -> bool:
    """Is the word a reporting verb or a verb a document reports with ("said", "shows")?"""
    return token.lower_ in VERB_LEMMAS or token.lower_ in DOCUMENT_VERBS


def _as_puts_it(verb: Token) -> Token | None:
    """The "it" of "as X puts it" / "as X put it" (a subordinate "as" clause), or None."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it" and c.i == verb.i + 1), None)
def _finite_passive_report(verb: Token) -> bool:
    """A finite passive of a reporting verb, not in an "as" clause: "was confirmed by the NYPD", "was
    described as a done deal by its chief executive" (the agent is the source). The participles of
    "reported by" are read by :meth:`CueFinder._reported_by`, and "as revealed by" is a relay."""
    if verb.lower_ in REPORTED_PARTICIPLES or verb.lower_ in DOCUMENT_VERBS:  # ("was found … by a 9-to-6 vote")
        return False
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _quoted_as(verb: Token) -> tuple[Token, Token, Token] | None:
    """The object, "as" and speech participle of "quoted the minister as saying" (a relay's report), or None."""
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and quoted is not None and prep.i > quoted.i:
            speech = next((c for c in prep.children if c.dep_ == "pcomp" and c.lower_.endswith("ing")
                           and c.lower_ in VERB_LEMMAS), None)
            if speech is not None:
                return quoted, prep, speech
    return None


def _counted_participle(verb: Token) -> bool:
    """Is a "verb" the participle of a counted noun the parser split ("at least 412 pledged delegates", "by 271
    pledged delegates", "300 reported cases": a number just before it, and the plural noun just after it as its
    object)?"""
    if verb.i == 0 or verb.i + 1 >= len(verb.doc):
        return False
    before, after = verb.nbor(-1), verb.nbor()
    return verb.tag_ in ("VBD", "VBN") and before.tag_ == "CD" and after.tag_ in ("NNS", "NNPS") \
        and after.dep_ == "dobj" and after.head.i == verb.i \
        and not any(c.dep_ in ("ccomp", "xcomp", "dative") for c in verb.children) \
        and all(c.pos_ == "NUM" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    # (not "The governor in 2019 told reporters that …": a clause is reported)


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger called a noun that the parse makes the clause's verb ("Data from the
    Centers for Disease Control and Prevention shows …": "shows" tagged NOUN, yet the root with a subject)."""
    return token.pos_ == "VERB" or (token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children))


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def reports_by_clause(verb: Token) -> bool:
    """Is this a verb that reports only with a clause, and has one ("signaled that rates will stay high", not
    "signaled a turn")?"""
    return verb.lower_ in CLAUSE_VERBS and verb.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in verb.children)


def _raised(verb: Token) -> bool:
    """Is the verb the complement of "appear" or "seem" ("the footage appears to show")?"""
    return verb.dep_ == "xcomp" and verb.head.lower_ in RAISING_VERBS


def _not_reported_yet(verb: Token) -> bool:
    """An infinitive reporting verb says nothing yet ("called on officials to declare", "declined to say",
    "will continue"), unless a verb of aspect governs it: "continue to claim", "began to say", "went on to say"
    report what is being said ("is going to say" is still to come: "go" counts only with "on")."""
    if not _is_infinitive(verb):
        return False
    governor = verb.head
    if _first_to(verb):
        return False  # "was the first to report that …" reports it
    if governor.lower_ == "had" and verb.dep_ == "xcomp" and VERB_LEMMAS.get(verb.lower_) in ADMISSION_LEMMAS:
        return False  # "Even CNN had to admit the numbers were bad": conceded, not a duty still ahead
    if governor.lower_ not in ASPECT_VERBS:
        return True
    if governor.lower_ in ("go", "goes", "went", "gone", "going"):  # the parser hangs "went on to say" as advcl
        return verb.dep_ not in ("xcomp", "advcl") or not any(c.lower_ == "on" and c.i == governor.i + 1 for c in governor.children)
    return verb.dep_ != "xcomp"
def _reports_clause(verb: Token) -> bool:
    """A clausal complement ("thought he had a shot"), a parenthetical ("…, he thinks"), or a
    quote right beside the verb ("“…,” he argued"; "argued: “…”"). A quote elsewhere in the
    sentence is not enough: "has put “Stalinist” restrictions on …"."""
    if verb.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    doc = verb.doc
    before = doc[max(0, verb.i - 3) : verb.i]
    after = doc[verb.i + 1 : verb.i + 3]
    # (not "“That makes me smart,” when Clinton blasted him": a clause of time opens between the quote and the verb)
    opened = any(t.lower_ in ("when", "whenever", "if", "because", "after", "before", "since", "while", "until")
                 and t.head.i == verb.i for t in before)
    return (any(t.text in QUOTE_MARKS for t in before) and not opened) or (
        len(after) == 2 and after[0].text in (":", ",") and after[1].text in QUOTE_MARKS)
def _inverted_subject(verb: Token) -> Token | None:
    """The name right after a reporting verb that follows its content: "…, said Zakhar Sluzhalyy", "…," tweeted
    campaign manager Bradley Coyle" (a role before the name)."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_punct or verb.i + 1 >= len(doc):
        return None
    i = verb.i + 1
    while i < min(verb.i + 4, len(doc) - 1) and doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower and doc[i].dep_ in ("compound", "amod"):
        i += 1  # "campaign manager"
    while i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i] if doc[i].pos_ == "PROPN" else None


def _has_to_clause(verb: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children) for c in verb.children)


#: document verbs that open a reported clause: "records show he backed …", "a survey found most voters …"
OPENING_DOCUMENT_VERBS = frozenset(w for w in DOCUMENT_VERBS if w.startswith(("show", "find", "found", "suggest")))


def _opens_a_clause(token: Token) -> bool:
    """Is a word the tagger called a noun followed by a clause of its own: a subject, then within a few words
    a finite verb ("show he backed …", "show the company owed …"), in a sentence the parse left with no main
    verb of its own (its root the subject's noun, or a later verb given a second subject)? Not "the show he
    hosted": that verb's object is the noun itself, so the clause must have an object or complement of its own;
    nor "Records from the show he hosted are public", whose main verb comes after with that one subject."""
    root = token.sent.root
    if root.pos_ in ("VERB", "AUX") and sum(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) < 2:
        return False
    after = token.doc[token.i + 1:min(token.i + 6, token.sent.end)]
    verb = next((t for t in after if t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.i > token.i + 1 and after[0].pos_ in ("PRON", "PROPN", "DET", "NOUN", "NUM") \
        and any(c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "prep") for c in verb.children)


def _ends_sentence(token: Token) -> bool:
    """Is the token the sentence's last word (only punctuation or a closing quote after it)?"""
    return all(t.is_punct for t in token.doc[token.i + 1:token.sent.end])


#: "… (via The Daily Caller)", "…, via Raw Story.": a credit that closes the sentence, read as "h/t" is (not a route:
#: "flew to Kyiv (via Warsaw) on Tuesday"; a place credited so is no source, and after a comma only an outlet is, see
#: ``_hat_tip``)
_VIA_CREDIT = re.compile(r"(?:\(\s*(via)\s+[^()]+\)|,\s*(via)\s+[^,()]+?)[\s.!?\"”’']*$", re.IGNORECASE)

#: a person's own writing: a journalist who says something in it speaks for themselves, not for the outlet
_OWN_BOOKS = frozenset({"book", "memoir", "memoirs", "autobiography", "diary", "novel"})


def _in_own_book(verb: Token) -> bool:
    """Does the verb say where in the speaker's own book ("wrote in his book", "recalls in her memoir")?"""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        g.dep_ == "pobj" and g.lower_ in _OWN_BOOKS and any(d.dep_ == "poss" for d in g.children)
        for g in c.children) for c in verb.children)

def _in_guest_piece(verb: Token) -> bool:
    """Does the verb say the writer wrote a guest piece ("wrote in an op-ed for the Des Moines Register", "argued in a
    guest essay", "in an opinion piece")? An outside writer's piece speaks for the writer, not for the outlet that ran it."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for piece in prep.children:
            words = {c.lower_ for c in piece.children if c.dep_ in ("compound", "amod")}
            if piece.dep_ == "pobj" and (piece.lower_ in ("op-ed", "oped") or piece.lower_ == "ed" and "op" in words
                                         or piece.lower_ in ("essay", "column") and "guest" in words
                                         or piece.lower_ == "piece" and "opinion" in words):
                return True
    return False


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
def _offsets(off: int, first: Token, last: Token) -> Offsets:
    """The document offsets from ``first``'s start to ``last``'s end (``off`` is the sentence's offset)."""
    return Offsets(off + first.idx, off + last.idx + len(last))


def _tokens_span(text: str, off: int, first: Token, last: Token) -> TextSpan:
    return TextSpan.of(text, off + first.idx, off + last.idx + len(last))
def _subtree_span(text: str, off: int, head: Token, *, stop: Token | None = None, described: bool = False) -> TextSpan:
    """The phrase headed by ``head``, without edge punctuation and never past ``stop``. A clause after
    the head is cut as content unless the phrase ends before a verb (``stop``) or nothing after it is
    content (``described``): then only a "that"/"which" clause is cut, and a relative clause stays."""
    dropped: set[int] = set()
    for child in head.rights:
        # "sources that there have been …": a clause after the source is content, not source.
        if child.dep_ in CLAUSE_CHILDREN and ((stop is None and not described) or child.left_edge.lower_ in ("that", "which")):
            dropped.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if (stop is None or t.i < stop.i) and t.i not in dropped]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "punct") or relative_pronoun(tokens[-1])):
        if tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
            break  # "Rep. Tom Bradley (R-Ohio)": the bracket closes what the phrase opened
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return TextSpan.of(text, off + head.idx, off + head.idx + len(head))
    return _tokens_span(text, off, tokens[0], tokens[-1])
def _content(sentence: Sentence, verb: Token, quotes: list[Quote] | None) -> Offsets:
    """What is attributed: the verb's clausal complement, else the sentence without the cue side."""
    off = sentence.offset
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i != verb.i]
    # (where the parser put a clause before the verb and the reported one after it, the one after)
    comp = next((c for c in comps if c.i > verb.i), None) if len(comps) > 1 else next(iter(comps), None)
    comp = comp if comp is not None else _channel_clause(verb)
    if comp is not None:
        return _offsets(off, _first(comp), _last(comp))
    return _rest_of_sentence(sentence, verb, verb)
def _trimmed(text: str, start: int, end: int) -> Offsets:
    """``start``–``end`` without the spaces at its edges."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return Offsets(start, end)


def _calls_it(verb: Token) -> bool:
    """Is "call" a verdict on something named ("has called the plan a disaster")? Not a name given in passing
    ("what he called Machado's 'sex tape'", "When you call a product a miracle"), nor a phone call."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return verb.pos_ == "VERB" and obj is not None and obj.lower_ not in ("what", "which", "that", "whatever") \
        and any(c.dep_ == "oprd" for c in verb.children) and verb.dep_ not in ("advcl", "relcl", "pcomp")


def _makes_clear(verb: Token) -> bool:
    """Is the verb "make" in "made it clear that …" / "made clear that …": a statement of position? Not
    "makes this clear in her documentary", where what is made clear is no clause."""
    clear = next((c for c in verb.children if c.lower_ == "clear"), None)
    if clear is None:
        return False
    if any(c.dep_ == "dobj" and c.lower_ != "it" for c in verb.children) or any(
            c.dep_ == "nsubj" and c.lower_ != "it" for c in clear.children):
        return False
    return any(c.dep_ in ("ccomp", "advcl", "csubj") and c.pos_ in ("VERB", "AUX") and c.i > clear.i
               for c in (*verb.children, *clear.children))  # the parser hangs the clause several ways


def _that_clause(head: Token, deps: tuple[str, ...]) -> Token | None:
    """The clause opened by "that" that ``head`` takes through one of ``deps``, or None. A "that" the tagger
    made a conjunction opens one whatever dependency the parser gave it ("… in a post on its Telegram channel
    that it had handed over …", with "that" the object of "handed")."""
    return next((c for c in head.children if c.dep_ in deps and any(m.lower_ == "that" and (
        m.dep_ == "mark" or m.tag_ == "IN" and m.i == c.left_edge.i) for m in c.children)), None)


def _channel_clause(verb: Token) -> Token | None:
    """The that-clause the parser hung on the channel of "said in a statement that …" / "wrote on X that …"
    (a clause of the channel noun, not of the verb), or None."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on") or prep.i < verb.i:
            continue
        for channel in prep.children:
            if channel.dep_ != "pobj":
                continue
            clause = _that_clause(channel, ("acl", "relcl"))
            if clause is not None:
                return clause
    return None


def _opening_name(per: Token) -> Span | None:
    """The proper name between a sentence-opening "Per" and its comma ("Per ESPN, …", "Per The Athletic, …"),
    where the parser gave "Per" no object; None where no such name is there."""
    doc = per.doc
    if per.i != per.sent.start:
        return None
    comma = next((t for t in doc[per.i + 1 : min(per.i + 7, per.sent.end)] if t.text == ","), None)
    if comma is None or comma.i == per.i + 1:
        return None
    name = doc[per.i + 1 : comma.i]
    if name[-1].pos_ != "PROPN" or not all(t.pos_ in ("PROPN", "DET") or t.text in ("'s", "’s", "&") for t in name):
        return None
    return name


def _rest_of_sentence(sentence: Sentence, first: Token, last: Token) -> Offsets:
    off = sentence.offset
    left = (sentence.start, off + first.idx)
    right = (off + last.idx + len(last), sentence.end)
    a, b = left if left[1] - left[0] > right[1] - right[0] else right
    return Offsets(a, b) if b > a else Offsets(sentence.start, sentence.end)

"""Attributions: who each sentence's information is credited to, and how (SPEC §1–2).

:class:`AttributionTagger` combines the jobs of three modules: :mod:`credscore.features.cues` finds
each sentence's reporting cues with their sources, :mod:`credscore.features.source_kinds` types the
sources, and :mod:`credscore.features.quote_chains` carries a quote's speaker over its sentences and
makes a quoted speaker who cites a third party a relay. Here: the choice among a sentence's cues,
the article's own outlet, anonymity reasons, and the notes the entity resolver reads. Pronouns and
definite descriptions are left for :mod:`credscore.features.entities` to resolve.

The word sets and helpers that used to live here keep their names here too (re-exported from
their modules), so ``from credscore.features.attribution import PERSON_PRONOUNS`` still works.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from credscore.document import Attribution, Document, LinkedAttribution, Offsets, RelayLink, Sentence, SourceKind, TextSpan
from credscore.features.cues import (AGENTLESS_LEMMAS, BELIEF_ADJECTIVES, CLAUSE_CHILDREN, CLAUSE_DEPS, CUE_WORDS,
                                     DOCUMENT_VERBS, ESTIMATE_OBJECTS, FIRST_PERSON, NON_SOURCE_SUBJECTS,
                                     OPENING_CUE_WORDS, POINTING_VERBS, QUOTE_MARKS, RECKONING_LEMMAS,
                                     SPEAKING_PARTICIPLES, SUBJECT_DEPS, TELL_LEMMAS, VERB_LEMMAS, Candidate, CueFinder,
                                     to_attribution)
from credscore.features.block_quotes import credit_block_quotes
from credscore.features.embedded_posts import credit_embedded_posts
from credscore.features.speaker_labels import credit_speaker_labels
from credscore.features.matching import PhraseMatcher
from credscore.features.provenance import find_provenance
from credscore.features.quote_chains import compose, inherit_quote_speakers
from credscore.features.quotes import Quote, find_quotes, quoted_share
from credscore.features.source_kinds import (AFFILIATION_ENTS, GROUP_PRONOUNS, HONORIFICS, INSIDER_WORDS, OUTLET_HEADS,
                                             PARTITIVES, PERSON_APPOSITIONS, PERSON_PRONOUNS, PLACE_PREPOSITIONS,
                                             REPORT_NOUNS, SPOKESPEOPLE, TITLES, VANTAGE_WORDS, SourceKinds,
                                             person_words, strip_possessive)
from credscore.lexicon import load_lexicon
from credscore.outlets import load_gazetteer, outlet_key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from credscore.features.kind_typer import KindTyper

__all__ = [
    "AttributionTagger", "PRIORITY", "normalize_outlet", "person_words", "strip_possessive",
    # re-exported word sets (credscore.features.cues and credscore.features.source_kinds)
    "AFFILIATION_ENTS", "AGENTLESS_LEMMAS", "BELIEF_ADJECTIVES", "CLAUSE_CHILDREN", "CLAUSE_DEPS", "ESTIMATE_OBJECTS",
    "FIRST_PERSON", "GROUP_PRONOUNS", "HONORIFICS", "INSIDER_WORDS", "NON_SOURCE_SUBJECTS", "OPENING_CUE_WORDS",
    "OUTLET_HEADS", "PARTITIVES", "PERSON_APPOSITIONS", "PERSON_PRONOUNS", "PLACE_PREPOSITIONS", "QUOTE_MARKS",
    "REPORT_NOUNS", "SPEAKING_PARTICIPLES", "SPOKESPEOPLE", "SUBJECT_DEPS", "TELL_LEMMAS", "TITLES", "VANTAGE_WORDS",
]

#: What joins a source to its cue in a relative clause: "a study that found", "an article, which has said".
RELATIVE_LINK = re.compile(r"\s*,?\s*(?:that|which)\s+(?:(?:has|have|had)\s+)?(?:also\s+)?", re.IGNORECASE)
#: Where a cited document sits: the object of the speaker's verb or of its preposition.
OBJECT_DEPS = frozenset({"dobj", "pobj"})
#: "contacts who told him …": a relative pronoun for people, then the cue
WHO_LINK = re.compile(r"\s*,?\s*who\s+(?:(?:has|have|had)\s+)?(?:also\s+)?", re.IGNORECASE)
#: the cue of people who told the speaker themselves
TOLD_SPEAKER = re.compile(r"told\s+(?:him|her|them|me|us)", re.IGNORECASE)
#: kinds that report in a relative clause on their own ("a study that found …", "an article which said …")
DOCUMENT_KINDS = frozenset({"document", "media"})
#: kinds of people (not bodies, documents or outlets) who can tell a speaker something
PEOPLE_KINDS = frozenset({"named_person", "anonymous_specific", "anonymous_vague"})
#: subordinators that set a second report against the first ("said …, while engineers told …")
CONTRASTING_MARKS = frozenset({"while", "whereas", "although", "though"})
#: Rank for choosing the outer attribution of a sentence when two cues compete.
PRIORITY = {"verb": 0, "self": 0, "according": 1, "agentless": 2, "as_reported": 3, "citing": 4, "hat_tip": 5}
normalize_outlet = outlet_key  # the one folding of outlet names (credscore.outlets); kept for importers


class AttributionTagger:
    """Pipeline component: finds each sentence's attribution and the article's own outlet."""

    name = "attribution"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("sentence.attribution", "sentence.quoted_share", "sentence.speaker", "document.own_outlets",
                                "document.other_attributions",
                                "document.provenance", "document.person_words", "document.person_mentions",
                                "document.person_subjects", "document.source_phrases", "document.kind_readings")

    def __init__(self) -> None:
        self.outlets = load_gazetteer()  # the curated names and the list-derived gazetteer
        #: types source phrases (the rules, and the learned typer over them)
        self.kinds = SourceKinds(self.outlets, VERB_LEMMAS, DOCUMENT_VERBS)
        #: finds reporting cues and their candidate attributions
        self.cues = CueFinder(self.kinds)
        #: single words that open or carry a reporting cue, for a span model's cue threshold
        self.cue_words = CUE_WORDS
        self.anonymity = PhraseMatcher(load_lexicon("source_nouns").with_label("anonymity_phrase"))

    @property
    def typer(self) -> KindTyper | None:
        """The learned kind typer over the rules' kinds; ``None`` (the rules' kinds stand) when none ships."""
        return self.kinds.typer

    @typer.setter
    def typer(self, typer: KindTyper | None) -> None:
        self.kinds.typer = typer

    @property
    def decide_at(self) -> float | None:
        """The typer's probability at which its kind replaces the rules' (None: it only scores them)."""
        return self.kinds.decide_at

    @decide_at.setter
    def decide_at(self, threshold: float | None) -> None:
        self.kinds.decide_at = threshold

    def is_reporting_cue(self, text: str) -> bool:
        """Do the lexicons know ``text`` as a reporting cue? (:meth:`CueFinder.is_reporting_cue`)"""
        return self.cues.is_reporting_cue(text)

    def speaks_as_itself(self, cue: str) -> bool:
        """Is the cue an outlet's phrase for its own reporting? (:meth:`CueFinder.speaks_as_itself`)"""
        return self.cues.speaks_as_itself(cue)

    def attribution_for_cue(
        self, doc: Document, sentence: Sentence, token: Token, *, lexicon_only: bool = False
    ) -> Attribution | None:
        """The attribution a cue word proposed from outside the rules makes on this parse
        (:meth:`CueFinder.attribution_for_cue`)."""
        return self.cues.attribution_for_cue(doc, sentence, token, lexicon_only=lexicon_only)

    def classify(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """Source kind of a source phrase (:meth:`SourceKinds.classify`)."""
        return self.kinds.classify(doc, sentence, head, span)

    def rule_kind(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """The rules' source kind of a source phrase (:meth:`SourceKinds.rule_kind`)."""
        return self.kinds.rule_kind(doc, sentence, head, span)

    def can_be_source(self, head: Token, doc: Document | None = None) -> bool:
        """Could this subject be someone or something that reports? (:meth:`SourceKinds.can_be_source`)"""
        return self.kinds.can_be_source(head, doc)

    # -- document level -------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        quotes = find_quotes(doc.text)
        doc.person_words = person_words(doc)
        doc.provenance = find_provenance(doc.text, self.outlets)
        self._find_own_outlets(doc)
        inner: dict[int, Candidate] = {}
        for sentence in doc.sentences:
            sentence.quoted_share = quoted_share(sentence.start, sentence.end, quotes)
            if sentence.span is None:
                continue
            outer, inner_cand, beside = self._sentence(doc, sentence, quotes)
            # a second report the sentence makes beside its own ("…, but court records showed …")
            doc.other_attributions.extend(LinkedAttribution(to_attribution(c), (c.content,)) for c in beside)
            if inner_cand is not None:
                inner[sentence.index] = inner_cand
            if outer is not None:
                sentence.attribution = compose(outer, inner_cand)
                sentence.speaker = to_attribution(outer)
        inherit_quote_speakers(doc, quotes, inner)
        credit_embedded_posts(doc, self._type_name)
        credit_speaker_labels(doc)
        credit_block_quotes(doc)
        self._attach_anonymity_reasons(doc)
        doc.person_subjects = self._person_subjects(doc)
        doc.person_mentions = self._person_mentions(doc)
        doc.done.add(self.name)
        return doc

    def _type_name(self, doc: Document, sentence: Sentence, name: TextSpan) -> SourceKind:
        """The kind of a name standing alone in its sentence (an embedded post's author), typed on the parse."""
        tokens = sentence.span.doc.char_span(name.start - sentence.offset, name.end - sentence.offset,
                                             alignment_mode="expand") if sentence.span is not None else None
        if tokens is None or len(tokens) == 0:
            return "named_person"
        kind = self.kinds.classify(doc, sentence, tokens.root, name)
        reading = doc.kind_readings.get((name.start, name.end))
        if kind in ("media", "document") or (kind == "named_organization" and reading is not None and reading.settled):
            return kind  # "— Eyewitness News (@ABC7NY)": a rule found an outlet or a body
        words = name.text.split()
        if len(words) == 1 and words[0].lower() not in doc.person_words and tokens.root.ent_type_ != "PERSON":
            # "— Katica (@GOPPollAnalyst)": a one-word display name the article never gave a person identifies no
            # one; the account is an unnamed source (SPEC §2, "a person identified by name" is named_person)
            return "anonymous_vague"
        # "— Lisa Daftari (@LisaDaftari)": a person's name, whatever the entity tagger made of it
        return "named_person" if kind == "named_organization" else kind

    def _find_own_outlets(self, doc: Document) -> None:
        """Outlets the article speaks as: its metadata (``outlet`` field, URL domain, each resolved
        through the gazetteer to all its names), or, when the metadata names none, "the Mirror can
        reveal"-style phrases (with an outlet known, "As POLITICO revealed" is another outlet's reporting)."""
        if doc.meta.get("outlet"):
            doc.own_outlets.add(outlet_key(doc.meta["outlet"]))
        for value in (doc.meta.get("outlet"), doc.meta.get("url")):
            outlet = self.outlets.resolve(value) if value else None
            if outlet is not None:
                doc.own_outlets.update(outlet_key(n) for n in (outlet.name, *outlet.aliases))
        if doc.own_outlets:
            return
        for sentence in doc.sentences:
            for m in self.outlets.finditer(doc.text, sentence.start, sentence.end):
                after = self.cues.self_reveal.finditer(doc.text, m.end, min(sentence.end, m.end + 30))
                before = doc.text[max(sentence.start, m.start - 20) : m.start].lower()
                # a bare "revealed" speaks as the outlet only in an "as" clause ("As the Sun revealed", seed 003's
                # "As revealed by The Sun"); "The New York Post revealed in 2020 that …" is another outlet's report
                words = before.split()
                in_as_clause = (words[:-1] if words[-1:] == ["the"] else words)[-1:] == ["as"]
                if any(r.start - m.end <= 1 and (r.text.lower() != "revealed" or in_as_clause) for r in after) \
                        or "revealed by" in before:
                    doc.own_outlets.add(outlet_key(m.text))

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
                    break

    def _person_mentions(self, doc: Document) -> list[TextSpan]:
        """Every PERSON name, for resolving a pronoun to a name earlier in its own sentence, and a titled name
        the tagger took for a body ("Deputy Secretary of State Marcus Ilunga", tagged "State Marcus Ilunga";
        "Phoenix Police Chief Renata Holloway"): the name's own words, the compounds after the title."""
        found = []
        for s in doc.sentences:
            if s.span is None:
                continue
            for e in s.span.ents:
                if e.label_ == "PERSON":
                    found.append(TextSpan.of(doc.text, s.offset + e.start_char, s.offset + e.end_char))
                elif e.label_ == "ORG" and e.root.pos_ == "PROPN" and any(
                        c.dep_ in ("nmod", "compound") and c.i < e.root.i and c.lower_ in TITLES for c in e.root.children):
                    first, words = e.root, s.span.doc
                    while first.i - 1 >= e.start and words[first.i - 1].dep_ == "compound" and words[first.i - 1].pos_ == "PROPN" \
                            and words[first.i - 1].lower_ not in TITLES:  # (the title is no part of the name: "Police Chief …")
                        first = words[first.i - 1]
                    if first.i < e.root.i:  # a first name and a surname at least
                        found.append(TextSpan.of(doc.text, s.offset + first.idx, s.offset + e.root.idx + len(e.root)))
        return found

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
    ) -> tuple[Candidate | None, Candidate | None, list[Candidate]]:
        """The sentence's speaker (its outer cue), inside a quote the third party the speaker cites, and the
        reports coordinated with the speaker's (:func:`_coordinated`)."""
        provenance = doc.provenance
        cands = [c for c in self.cues.candidates(doc, sentence, quotes)  # a dateline is no claim's source
                 if c.source is None or provenance.clear_of_dateline(doc.text, c.source) == c.source]
        outer = [c for c in cands if not c.in_quote and not c.first_person]
        # (not the one a quote addresses: '"This is exactly what you said," Pirro said' is Pirro's)
        inner = [c for c in cands if c.in_quote and not c.first_person and (c.source is not None or c.how == "agentless")
                 and not (c.source is not None and c.source.text.lower() in SECOND_PERSON)]
        best_outer = min(outer, key=lambda c: (c.depth, PRIORITY.get(c.how, 9), c.cue.start), default=None)
        citing = [c for c in outer if c.how == "citing"]
        best_inner = min(inner, key=lambda c: (c.depth, c.cue.start), default=None)
        if best_outer is not None and best_outer.how != "citing" and citing:
            best_inner = citing[0]  # "Osechkin claimed, citing an insider source"
        if best_outer is not None and best_outer.how == "citing":
            best_outer = next((c for c in outer if c.how != "citing"), best_outer)
        if best_outer is not None and best_inner is None:
            # "She cited a 2023 study that found …": the document the speaker points to is the
            # claim's source, the speaker its relay (as with "citing")
            best_inner = next((c for c in outer if _cited_relative(doc.text, sentence, best_outer, c)), None)
        if best_outer is not None and best_inner is None:
            # "said he spoke to three officials who told him the plan had been dropped": the officials are
            # the claim's source; the hearer ("him") is the speaker, who relays them
            best_inner = next((c for c in outer if _told_relative(doc.text, sentence, best_outer, c)), None)
            if best_inner is not None:
                best_inner.relay = ()
        if best_outer is not None and best_inner is None:
            # "Analysts said there were rumours that the chief executive would resign": the rumour is the
            # claim's source, the speaker its relay, as with a quoted "it is believed"
            best_inner = next((c for c in outer if _agentless_within(sentence, best_outer, c)), None)
        if best_outer is not None and best_outer.kind in ("anonymous_vague", "named_organization") and best_outer.source is not None \
                and best_outer.source.text.split()[-1].lower() in SPOKESPEOPLE:
            # "The UN has estimated …, a spokesman said": the spokesman gives the named body's line (SPEC §2),
            # whether the typer read the spokesman as vague or already as the body's
            body = next((c for c in outer if c.kind == "named_organization" and c is not best_outer), None)
            best_outer = body or best_outer
        if best_outer is not None and best_inner is None and best_outer.how == "verb":
            # "The senator reportedly told donors that …": the reader has the telling from unnamed reports, so the
            # agentless adverb on the verb is the claim's attribution (SPEC §2), not the speaker
            best_outer = next((c for c in outer if c.how == "agentless" and c.cue.text.lower() in ("reportedly", "allegedly")
                               and _adverb_of(sentence, c, best_outer)), best_outer)
        if best_outer is not None and best_inner is None and best_outer.kind == "media":
            # "Rezaei told the state news agency IRNA that …, the agency reported": the outlet reports what it
            # was told; the teller is the claim's source and the outlet the relay ("Osechkin told The Times", SPEC §2)
            teller = next((c for c in outer if c is not best_outer and c.how == "verb" and any(l.kind == "media" for l in c.relay)
                           and best_outer.content.start <= c.cue.start < best_outer.content.end), None)
            best_outer = teller or best_outer
            if teller is None:
                # "BuzzFeed reported that Pryce says …", "The Post reported that two officials said …": as with
                # "…, according to Reuters" (SPEC §3: the original source as far as the text tells it)
                best_outer = _whose_saying(sentence, outer, best_outer, outlet=True) or best_outer
        elif best_outer is not None and best_inner is None:
            # "Judicial Watch noted FBI Director James B. Comey said FBI investigators had recovered …" (SPEC §1)
            best_outer = _whose_saying(sentence, outer, best_outer, outlet=False) or best_outer
        reported = [c for c in outer if c.how == "as_reported" and c is not best_outer]
        if best_outer is not None and reported and reported[0].source is not None:
            # "As revealed by The Sun …, security experts said": the outlet relays the speaker.
            best_outer.relay = (RelayLink(reported[0].source, "media"), *best_outer.relay)
        beside: list[Candidate] = []
        for c in outer:
            if best_outer is not None and c is not best_inner and _coordinated(sentence, c, best_outer) \
                    and not any(b.cue.start < c.cue.end and c.cue.start < b.cue.end for b in beside):
                beside.append(replace(c, content=_reported_after(doc.text, sentence, c)))
        return best_outer, best_inner, beside


#: whom a quotation addresses: what "you" said, inside a speaker's words, is the speaker's to tell
SECOND_PERSON = frozenset({"you", "ya", "y'all", "you all", "you guys"})


def _adverb_of(sentence: Sentence, adverb: Candidate, verb: Candidate) -> bool:
    """Does the ``adverb`` cue ("reportedly") modify the ``verb`` cue's verb itself?"""
    word, cue = _parsed(sentence, adverb.cue), _parsed(sentence, verb.cue)
    return word is not None and cue is not None and word.root.head.i == cue.root.i and word.root.dep_ == "advmod"


def _whose_saying(sentence: Sentence, outer: list[Candidate], reporter: Candidate, *, outlet: bool) -> Candidate | None:
    """The speaker whose saying ``reporter`` reports, made the claim's source with the reporter as its relay; None
    where there is none. After an outlet any speaker but another outlet counts. After anyone else, not a pronoun
    (most often the reporter again: "The senator said he believed …", "The White House has said it believes …"),
    not what a text shows ("Hillary For America says this ad shows …": the body's reading of it), and only where
    the reporter's verb comes first ("The school acknowledged that …, Mason said" is Mason's own account)."""
    if reporter.how != "verb" or reporter.source is None:
        return None
    for c in outer:
        if c is reporter or c.how != "verb" or c.source is None or c.kind == ("media" if outlet else "document"):
            continue
        if not outlet and (c.source.text.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS | {"it"} or c.cue.start < reporter.cue.start):
            continue
        if _reported_clause_of(sentence, c, reporter):
            c.relay = (RelayLink(reporter.source, reporter.kind), *c.relay)
            return c
    return None


def _coordinated(sentence: Sentence, other: Candidate, chosen: Candidate) -> bool:
    """Is ``other`` a second report beside the sentence's ``chosen`` one, from a source of its own: a verb cue
    joined to the chosen cue's clause by coordination ("told the Tribune he was 22, but court records showed
    …", "Police said … and prosecutors said …", "said …, while engineers told the council …"), not reported
    by it ("said … and that engineers had told …", "said engineers told …": the chosen speaker's report)?
    Not the chosen speaker's own second verb, a verb without a subject of its own, a quotation's speaker, or
    the writer in the first person."""
    if other is chosen or other.how != "verb" or other.source is None or other.in_quote or other.first_person \
            or other.kind == "unattributed":
        return False
    if chosen.source is not None and other.source.start < chosen.source.end and chosen.source.start < other.source.end:
        return False
    verb, cue, source = _parsed(sentence, other.cue), _parsed(sentence, chosen.cue), _parsed(sentence, other.source)
    if verb is None or cue is None or source is None or source.root.head.i != verb.root.i:
        return False  # a subject of its own, not one the parser lent it from the clause before ("… was safe and added")
    token, joined = verb.root, False
    for _ in range(12):  # up the parse to the chosen verb
        if token.i == cue.root.i:
            return joined
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if (token.dep_ == "conj" and not marks) or (token.dep_ == "advcl" and marks & CONTRASTING_MARKS):
            joined = True
        elif token.dep_ in ("xcomp", "relcl", "acl") or (token.dep_ == "ccomp" and not joined) \
                or (marks and not (joined and token.dep_ == "ccomp" and marks <= {"that"})):
            # what the chosen verb reports, or a clause hung on one of its words; a coordinated report the parser
            # hung on the reported clause ("said [that] the man was arrested and prosecutors said …") stays beside
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _reported_after(text: str, sentence: Sentence, report: Candidate) -> Offsets:
    """A coordinated report's content: its own words after the cue, never the first speaker's before it
    ("…, but court records showed his age as 20": "his age as 20")."""
    if report.content.start >= report.cue.end:
        return report.content
    verb = _parsed(sentence, report.cue)
    end = sentence.offset + verb.root.right_edge.idx + len(verb.root.right_edge) if verb is not None else sentence.end
    start = report.cue.end
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;,"):
        end -= 1
    return Offsets(start, end) if end > start else report.content


def _reported_clause_of(sentence: Sentence, inner: Candidate, outer: Candidate) -> bool:
    """Is ``inner``'s verb the head of the clause that ``outer``'s verb reports, itself reporting a clause
    ("reported that Pryce says he was …")? Not a verb further down ("reported that the mayor, who said he was
    ill, resigned"), nor an act the outlet reports ("reported that three secretaries had urged the president to …"),
    nor a second clause the parser hung on the verb ("added that the forces have no options …, that experts believe
    has surprised many": the first clause is what is reported), nor a speaker tag after its quotation ("Trump said:
    "…," the Times reported": the parser's clause of "said")."""
    word, cue = _parsed(sentence, inner.cue), _parsed(sentence, outer.cue)
    return word is not None and cue is not None and word.root.dep_ == "ccomp" and word.root.head.i == cue.root.i \
        and any(c.dep_ == "ccomp" and c.i > word.root.i for c in word.root.children) \
        and not any(c.dep_ == "ccomp" and c.i < word.root.i for c in cue.root.children)


def _cited_relative(text: str, sentence: Sentence, speaker: Candidate, cited: Candidate) -> bool:
    """Is ``cited`` a document or outlet that the ``speaker``'s cue takes as its object and that reports
    in a relative clause ("cited a study that found …", "quarrel with an article which said …")? Not the
    subject of what the speaker says ("said a report that found problems was ignored")."""
    root = _relative_source_root(text, sentence, speaker, cited, DOCUMENT_KINDS, RELATIVE_LINK)
    if root is None or root.dep_ not in OBJECT_DEPS:
        return False
    # a preposition's object is never the reported clause's subject; a verb's object only is where the
    # verb points to a text ("said a report that found problems was ignored" is misparsed as an object)
    return root.dep_ == "pobj" or root.head.lower_ in POINTING_VERBS


def _told_relative(text: str, sentence: Sentence, speaker: Candidate, told: Candidate) -> bool:
    """Are ``told`` people the ``speaker``'s cue takes as its object and who told the speaker what the
    sentence reports ("said he spoke to three officials who told him the plan had been dropped")?
    Those people are the claim's source and the speaker its relay (SPEC §1), as a cited document is.
    Only "who told him / her / them / me / us", so the speaker heard it from them."""
    if TOLD_SPEAKER.fullmatch(told.cue.text) is None:
        return False
    root = _relative_source_root(text, sentence, speaker, told, PEOPLE_KINDS, WHO_LINK)
    return root is not None and root.dep_ in OBJECT_DEPS | {"dative"}


#: dependency links from an agentless frame up to the verb whose report it sits in
REPORTED_CLAUSE_PATH = frozenset({"nsubj", "nsubjpass", "csubj", "attr", "expl", "ccomp", "parataxis"})


def _agentless_within(sentence: Sentence, speaker: Candidate, other: Candidate) -> bool:
    """Is ``other`` an agentless frame ("rumours that", "it is believed") inside what the ``speaker``
    reports: linked to the speaker's verb through clauses, so not what the verb acts on ("denied rumours
    that …" reports a denial) nor a side phrase ("…, with rumours of interest from abroad")."""
    if other is speaker or other.how != "agentless" or speaker.cue is None or sentence.span is None:
        return False
    if not (speaker.content.start <= other.cue.start < speaker.content.end) or other.cue.start < speaker.cue.end <= other.cue.end:
        return False
    frame, cue = _parsed(sentence, other.cue), _parsed(sentence, speaker.cue)
    if frame is None or cue is None:
        return False
    lemma = VERB_LEMMAS.get(frame.root.lower_)
    if not frame.root.lower_.startswith(("rumor", "rumour")) and (lemma not in AGENTLESS_LEMMAS or lemma in RECKONING_LEMMAS):
        return False  # "are expected to last, the utility added": the speaker's own reckoning, not a rumour passed on
    if any(c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
           for c in frame.root.children):
        return False  # "casualties are thought to total 30,000, an officer said": the speaker's estimate, phrased passively
    if lemma in TELL_LEMMAS and any(c.dep_ == "nsubjpass" and c.lower_ != "it" for c in frame.root.children):
        return False  # "said staff were told …": the speaker reports what the hearers heard, from the speaker's own vantage
    token = frame.root
    for _ in range(8):  # up to the speaker's verb through clause links only: never "with rumours of …"
        if token.i == cue.root.i:
            return True
        if token.dep_ not in REPORTED_CLAUSE_PATH or token.head.i == token.i:
            return False
        token = token.head
    return False


def _relative_source_root(text: str, sentence: Sentence, speaker: Candidate, other: Candidate,
                          kinds: frozenset[str], link: re.Pattern[str]) -> Token | None:
    """The parse root of ``other``'s source phrase where ``other`` is a verb cue whose source, of one of
    ``kinds``, comes after the ``speaker``'s cue and reports in a relative clause (``link`` joins the
    source to its cue); None otherwise."""
    if other is speaker or other.how != "verb" or other.kind not in kinds or sentence.span is None:
        return None
    if other.source is None or speaker.cue is None or other.source.start < speaker.cue.end:
        return None
    if link.fullmatch(text[other.source.end : other.cue.start]) is None:
        return None
    phrase = _parsed(sentence, other.source)
    return phrase.root if phrase else None


def _parsed(sentence: Sentence, span: TextSpan) -> Span | None:
    """The sentence's parsed tokens over ``span`` (widened to whole tokens), or None."""
    assert sentence.span is not None
    return sentence.span.doc.char_span(span.start - sentence.offset, span.end - sentence.offset, alignment_mode="expand")


def _clause_end(text: str, start: int, limit: int) -> int:
    """End of the clause that starts a phrase: the next sentence or clause break."""
    for i in range(start, limit):
        if text[i] in ".;" or text.startswith(", but", i) or text.startswith(" but ", i):
            return i
    end = limit
    while end > start and text[end - 1] in " .\"”'’":
        end -= 1
    return end

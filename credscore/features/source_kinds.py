"""Source kinds: what kind of source a source phrase is (SPEC §2), and whether a phrase can be one.

The rules read the kind off the phrase's head noun, entity labels, modifiers and the word lists in
``credscore/lexicons/source_nouns.jsonl`` and ``source_words.jsonl``; the learned typer
(:mod:`credscore.features.kind_typer`) scores the rules' kind or, when it decides, replaces it. Also
here: the words that show a name is a person's, which the kinds and the entity resolver share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from credscore.document import Document, KindReading, Sentence, SourceKind, SourcePhrase, TextSpan
from credscore.features.kind_typer import load_typer, span_features
from credscore.lexicon import load_lexicon
from credscore.outlets import outlet_key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from credscore.outlets import OutletGazetteer

# Word sets are data: credscore/lexicons/source_words.jsonl (one label per set).
_SOURCE_WORDS = load_lexicon("source_words")

PERSON_PRONOUNS = _SOURCE_WORDS.texts("person_pronoun")
GROUP_PRONOUNS = _SOURCE_WORDS.texts("group_pronoun")
#: entity labels that give an unnamed source an affiliation ("a Pentagon official")
AFFILIATION_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
SPOKESPEOPLE = _SOURCE_WORDS.texts("spokesperson")
#: fields that give a spokesperson no body to speak for: "industry spokesmen"
SECTOR_WORDS = _SOURCE_WORDS.texts("sector")
#: entity labels of places and peoples: "a Florida agency" names a place, not the agency
PLACE_ENTS = frozenset({"GPE", "LOC", "NORP"})
AGE_UNITS = frozenset({"year", "years", "month", "months"})
#: words before a title that say when it was held ("former FBI Special Agent …")
FORMER_WORDS = frozenset({"former", "acting", "retired", "interim", "then", "late", "ex"})
INSIDER_WORDS = _SOURCE_WORDS.texts("insider")
OUTLET_HEADS = _SOURCE_WORDS.texts("outlet_head")
#: The last word of a newspaper's name ("Sun-Times", "Journal"): a capitalised name ending in one is an outlet.
MASTHEADS = _SOURCE_WORDS.texts("masthead")
REPORT_NOUNS = _SOURCE_WORDS.texts("report_noun")
#: A journalist's role ("columnist", "host") and the words that make a phrase the media's ("radio host",
#: "press reports", "a television station").
JOURNALIST_WORDS = _SOURCE_WORDS.texts("journalist")
MEDIA_WORDS = _SOURCE_WORDS.texts("media_word")
#: surveys and tallies, and the participles of their respondents: "voters in a Gallup poll", "analysts polled by Reuters"
POLL_WORDS = load_lexicon("cue_words").texts("frame_document")
POLLED_WORDS = _SOURCE_WORDS.texts("polled_word")
#: participles that say only that the press spoke to a source: "experts interviewed by The Guardian"
INTERVIEWED_WORDS = _SOURCE_WORDS.texts("interviewed_word")
#: "the influential Edge magazine", "a British tabloid": an unnamed outlet of a named type, whatever modifies it
OUTLET_NOUNS = _SOURCE_WORDS.texts("outlet_noun")
#: what is posted on a social network ("a post", "a tweet", "a video"), and where ("Instagram", "X", "his blog"):
#: a social-media post is its author's kind (SPEC §2)
SOCIAL_POSTS = _SOURCE_WORDS.texts("social_post")
PLATFORM_WORDS = load_lexicon("cue_words").texts("platform")
#: lower-case words that make the proper name beside them a web outlet: "the fact-checking site Snopes"
WEB_OUTLET_WORDS = _SOURCE_WORDS.texts("web_outlet_word")
#: "a trade paper", "the local paper": a newspaper, not a paper that was written
PAPER_KINDS = _SOURCE_WORDS.texts("paper_kind")
#: networks whose name makes "affiliate" a local station ("Fox affiliate WJBK", "a CBS affiliate")
BROADCAST_NETWORKS = _SOURCE_WORDS.texts("broadcast_network")
#: Words in an unnamed source's description that give its vantage point (SPEC §2).
VANTAGE_WORDS = _SOURCE_WORDS.texts("vantage_word")
PLACE_PREPOSITIONS = _SOURCE_WORDS.texts("place_preposition")
#: Occasions and places whose people were there: "people in the room", "those on the call".
VANTAGE_SETTINGS = _SOURCE_WORDS.texts("vantage_setting")
#: why a source is unnamed ("who declined to be identified"): a reason for anonymity, not where the source stood
ANONYMITY_PHRASES = load_lexicon("source_nouns").texts("anonymity_phrase")


#: a body named as an outlet by its type ("The Daily Nation, Kenya's largest newspaper,"), for an "it" that refers back to it
_OUTLET_BY_TYPE = re.compile(
    r"\b(?:newspaper|news (?:agency|network|outlet|service|site|website)|press agency|wire service|broadcaster|tabloid"
    r"|broadsheet|magazine|(?:radio|television|tv) (?:station|network|channel))s?\b|\bdaily(?=[,;)])", re.IGNORECASE)
#: each mention of an agency, with the word before it ("news agency", "state agency")
_LAST_AGENCY = re.compile(r"\b\w+ agency\b", re.IGNORECASE)
_NEWS_AGENCY = re.compile(r"(?:news|press) agency", re.IGNORECASE)
#: words for an outlet that a name may follow ("Italian newspaper La Gazzetta dello Sport")
OUTLET_TYPE_WORDS = frozenset({"newspaper", "tabloid", "broadsheet", "daily", "magazine", "broadcaster", "website", "newsletter",
                               "publication"})
#: lower-case words inside names ("La Gazzetta dello Sport", "Le Monde", "Der Spiegel" as the tagger may split them)
NAME_PARTICLES = frozenset({"de", "del", "della", "dello", "di", "do", "da", "der", "des", "du", "la", "le", "el", "van", "von"})


def _main_clause_subjects(doc: Document, sentence: Sentence, head: Token, *, back: int,
                          coordinated: bool = False) -> Iterator[tuple[Sentence, list[Token]]]:
    """Each sentence from ``head``'s back to ``back`` sentences before it, nearest first, with its main
    clause's subjects (and, with ``coordinated``, those of a main clause coordinated with it); in ``head``'s
    own sentence only the subjects before it. What a reporting "it" or "they" may refer back to."""
    for s in reversed(doc.sentences[max(0, sentence.index - back): sentence.index + 1]):
        if s.span is None:
            continue
        yield s, [t for t in s.span if t.dep_ in ("nsubj", "nsubjpass") and (
            t.head.dep_ == "ROOT" or coordinated and t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")
            and (s is not sentence or t.i < head.i)]


def _sentence_before(doc: Document, sentence: Sentence) -> Sentence | None:
    """The sentence right before ``sentence``, where there is one with a parse: what a pronoun that opens a
    sentence most often refers back to."""
    before = doc.sentences[sentence.index - 1] if sentence.index > 0 else None
    return before if before is not None and before.span is not None else None


def _refers_back(doc: Document, span: TextSpan, antecedent: TextSpan) -> None:
    """Record ``antecedent`` as what the source phrase at ``span`` refers to, so that the entity resolver joins
    the phrase to it and names it after it."""
    phrase = doc.source_phrases[(span.start, span.end)]
    phrase.antecedent, phrase.name = antecedent, antecedent.text


def _news_agency_before(text: str, end: int) -> bool:
    """Is the last agency the text names before ``end`` a news or press agency?"""
    agencies = _LAST_AGENCY.findall(text, 0, end)
    return bool(agencies) and _NEWS_AGENCY.fullmatch(agencies[-1]) is not None


def _journalist_named_before(text: str, end: int, surname: str) -> bool:
    """Did the text name a person with this surname before ``end`` as a journalist, in an apposition ("Priya
    Natarajan, an investigative reporter for the Star Tribune,") or by what they do for a title ("Dana Whitfield
    covers City Hall for the Arizona Republic")?"""
    for m in re.finditer(rf"\b[A-Z][\w.'’-]*\s+{re.escape(surname)},\s+(?:a|an|the)\s+((?:[\w-]+\s+){{0,3}}[\w-]+)", text[:end]):
        if any(w.lower() in JOURNALIST_WORDS for w in m.group(1).split()):
            return True
    return re.search(rf"\b[A-Z][\w.'’-]*\s+{re.escape(surname)}\s+(?:covers|writes|reports)\b[^.]{{0,80}}?\bfor\s+(?:the\s+)?[A-Z]",
                     text[:end]) is not None


def _initials_of_a_name_before(text: str, end: int, word: str) -> bool:
    """Is ``word`` the initials of a capitalised name the text gives before ``end`` ("TfL" after "Transport for
    London", "CPS" after "the Crown Prosecution Service")? Initials of two to six letters, two of them capitals."""
    if not (2 <= len(word) <= 6 and word.isalpha() and word[0].isupper() and sum(c.isupper() for c in word) >= 2):
        return False
    words = r"\s+".join(rf"{c.upper() if k in (0, len(word) - 1) else '[' + c.upper() + c.lower() + ']'}[\w’'-]*"
                        for k, c in enumerate(word))
    return re.search(rf"\b{words}\b", text[:end]) is not None


def relative_pronoun(token: Token) -> bool:
    """Is the word "who", "that" or "which" as a relative pronoun, not the WHO (the World Health Organization, which
    the tagger makes a wh-pronoun)? In capitals inside mixed-case text it is the body; in an all-capitals
    headline it may be either, and reads as the pronoun."""
    if token.lower_ not in ("who", "that", "which"):
        return False
    return not token.is_upper or all(t.is_upper for t in token.sent if t.is_alpha)


def interviewed(head: Token) -> frozenset[int]:
    """The words of a phrase that say only who spoke to its source ("experts interviewed by The Guardian",
    "residents speaking to the BBC"): being asked is no vantage point, and the asker is no affiliation."""
    return frozenset(t.i for c in head.children if c.dep_ == "acl" and c.lower_ in INTERVIEWED_WORDS for t in c.subtree)


def names_a_vantage_point(tokens: Iterable[Token]) -> bool:
    """Does a phrase name where its people stood, in a word of its own ("those close to the mayor", "those who
    attended", "those on the call")? A clause alone does not: "those who oppose the plan" are critics."""
    return any(t.lower_ in VANTAGE_WORDS or t.lower_ in VANTAGE_SETTINGS for t in tokens)
PARTITIVES = _SOURCE_WORDS.texts("partitive")
#: an outlet's own work, other than its reports: "a review by The Times", "an analysis by the AP"
OUTLET_WORK = frozenset({"review", "analysis", "investigation", "examination"})  # (a tally or count: a document, SPEC §2)
#: initials that name a field or a rank, not a body: "an IT manager", "an AI researcher", "a GOP strategist"
_FIELD_INITIALS = frozenset({"it", "ai", "er", "pr", "hr", "icu", "ceo", "cfo", "coo", "cto", "vip", "gop"})
#: publics a poll counts: "most voters said"
POLLED_PUBLICS = frozenset({"voters", "respondents", "adults", "americans", "likely", "electors"})
#: nouns for an unnamed informant: a later "the source" may describe the same one as "an insider" did
INFORMANT_HEADS = frozenset({"source", "whistleblower", "insider", "informant", "contact", "mole", "defector"})
#: relation roles anyone can hold for anyone ("lawyers say", "allies of the party", "financial advisers"): close to the story only when
#: the phrase says whose; kin, friends and co-workers are always someone's in the story
RELATIONS_OF_ANYONE = frozenset({"attorney", "attorneys", "lawyer", "lawyers", "associate", "associates", "ally", "allies",
                                 "adviser", "advisers", "advisor", "advisors"})
#: Honorifics and abbreviated titles that only ever stand before a person's name.
HONORIFICS = _SOURCE_WORDS.texts("honorific")
#: Titles stripped from a source's name: the honorifics and the other titles ("President", "Judge").
TITLES = _SOURCE_WORDS.texts("honorific", "title")
#: Titles one person holds at a time ("the former ambassador said"): such a subject can be a source.
OFFICE_TITLES = _SOURCE_WORDS.texts("title") - {"chief", "deputy", "general", "maj", "major", "prime", "rev", "vice"}
#: Entity labels a bare surname may carry when the tagger mistakes it ("Henderson" as a place, "Love" as a title).
SURNAME_ENTS = frozenset({"", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
_INITIAL = re.compile(r"[A-Z]\.")
#: Nouns in apposition that make a bare name a person's: "Henderson, a tenant lawyer, said".
PERSON_APPOSITIONS = _SOURCE_WORDS.texts("person_apposition")
#: Role words that stand before a person's name ("Moderator Lester Holt", "Commissioner Roger Goodell").
ROLE_TITLES = TITLES | JOURNALIST_WORDS | PERSON_APPOSITIONS | SPOKESPEOPLE
_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((t.capitalize() for t in HONORIFICS), key=len, reverse=True)) + r")\.?\s+"
    r"((?:[A-Z][\w’'-]+\s+|[“\"][A-Z][\w’'-]+[”\"]\s+){0,3}[A-Z][\w’'-]+)"
)
#: a name after a capitalised role that only people hold ("Sheriff Marcus Delray", "Police Chief Renata Holloway"),
#: first name and surname at least, where the entity tagger often calls the whole a body
_ROLE_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((t.capitalize() for t in _SOURCE_WORDS.texts("title", "person_apposition") if t.isalpha()),
                               key=len, reverse=True)) + r")\s+((?:[A-Z][a-z][\w’'-]*\s+){1,2}[A-Z][a-z][\w’'-]*)\b"
)
#: a person named after "identified as" ("said the nurse, identified as Althea Thoone"): a person's name
_IDENTIFIED_AS = re.compile(r"\bidentified as ((?:[A-Z][\w’'.-]+\s+){0,2}[A-Z][\w’'-]+)")
#: "the Kurdish news source BasNews", "news site Breitbart": a name described as an outlet right before it
_DESCRIBED_OUTLET = re.compile(r"\b(?:news|media) (?:source|site|outlet|agency|service|organi[sz]ation)\s+$", re.IGNORECASE)
#: bodies that are outlets when a media word qualifies them ("media organizations", "news outlets"; not "press office")
MEDIA_BODIES = frozenset({"organization", "organizations", "organisation", "organisations", "outlet", "outlets"})
#: right after a source phrase: its holder named ("said the nurse, identified as Althea Thoone")
_IDENTIFIED_AFTER = re.compile(r",?\s+(?:later\s+)?identified as [A-Z]")
#: A US or Canadian broadcast station's call sign ("KING-TV", "WFTV9", "CFTO-DT"): an outlet, named or not in the gazetteer
#: ("CCTV" is closed-circuit television).
_CALL_SIGN = re.compile(r"(?<![\w-])(?!CCTV\b)[KWC](?:[A-Z]{2,3}-(?:TV|FM|AM|DT)|[A-Z]{1,2}TV\d{0,2})(?![\w-])")
#: a nickname in quotes inside a name ("Rep. Kevin “Coach” Christie"): not one of the name's words
_NICKNAME = re.compile(r"[“\"][^”\"]*[”\"]\s+")


class SourceKinds:
    """Types source phrases (SPEC §2): the rules' kind, scored by the learned typer and replaced by its
    kind where it is sure enough (``decide_at``); and says whether a phrase could be a source at all."""

    def __init__(self, outlets: OutletGazetteer, verb_lemmas: Mapping[str, str], document_verbs: frozenset[str]) -> None:
        """``outlets`` is the gazetteer of outlet names; ``verb_lemmas`` (form → lemma) and
        ``document_verbs`` are the reporting verbs, read by the typer's governing-cue feature."""
        self.outlets = outlets
        self.verb_lemmas = verb_lemmas
        self.document_verbs = document_verbs
        self.generic_outlets = load_lexicon("outlets").texts("generic")
        nouns = load_lexicon("source_nouns")
        self.roles = nouns.texts("anonymous_role")
        self.vague_groups = nouns.texts("vague_group")
        self.document_nouns = nouns.texts("document")
        self.org_heads = nouns.texts("organization_head")
        self.vantage_roles = nouns.texts("vantage_role")
        self.affiliations = nouns.texts("affiliation")
        self.relation_roles = nouns.texts("relation_role")
        #: heads of a phrase that describes one person's role, whom a name in the phrase can name
        self.person_roles = SPOKESPEOPLE | self.roles | OFFICE_TITLES | PERSON_APPOSITIONS
        surnames = load_lexicon("surnames")
        #: the surnames news names public figures by ("Biden", "Pelosi"), none of them a common word
        self.public_figures = load_lexicon("public_figures").texts("surname")
        #: common surnames (the census) and the public figures'
        self.surnames = surnames.texts("surname") | self.public_figures
        #: surnames that are also well-known places ("Washington", "Israel"): tagged as a place, the place
        self.place_surnames = surnames.texts("place")
        #: the learned kind typer over the rules' kinds; ``None`` (the rules' kinds stand) when none ships
        self.typer = load_typer()
        #: the typer's kind replaces the rules' where its probability is at least this; ``None``: it only
        #: scores the rules' kind. The shipped weights carry the value their fitting chose
        #: (training/EXPERIMENTS.md, "The kind typer decides where it is sure")
        self.decide_at: float | None = self.typer.decide_at if self.typer is not None else None

    def can_be_source(self, head: Token, doc: Document | None = None, *, by_head: bool = False) -> bool:
        """Could this subject be someone or something that reports? ("Ferocious fighting" cannot.) With
        ``by_head``, a name inside the phrase is not enough: "citing her work after the Sept. 11 attacks"."""
        if head.pos_ in ("PROPN", "PRON") or head.ent_type_ or known_surname(head, doc) or _camel_case(head):
            return True
        lower = head.lower_
        if head.text[:1].isupper() and lower in self.public_figures:
            return True  # "Trump tweeted …" with "Trump" tagged a common noun
        if f"the {lower}" in self.generic_outlets and any(c.dep_ == "det" for c in head.children):
            return True  # "The Chinese-language daily said", "the broadcaster reported"
        return (
            lower in self.roles or lower in self.vague_groups or lower in self.document_nouns or lower in self.vantage_roles
            or lower in OFFICE_TITLES
            or lower in self.org_heads or lower in self.generic_outlets or lower in REPORT_NOUNS
            or lower in OUTLET_HEADS or (not by_head and any(t.ent_type_ for t in head.subtree))
        )

    def body_antecedent(self, doc: Document, sentence: Sentence, head: Token) -> TextSpan | None:
        """The body an "it" that reports refers to ("Xerox Corp reported … Sales rose, it said"; "The
        Mirror published … It said …"; "The Pentagon revealed that it would examine contracts which it
        believes …"): the nearest main-clause subject before it, in its own sentence or the three before,
        that is an organisation, an outlet or a document. None when a person comes first or none is
        found: the "it" is then no source."""
        if (released := self.document_released_before(doc, sentence, head)) is not None:
            return released
        # (a main clause's, or a coordinated main clause's: "…, and their inspection report was obtained by …")
        for s, subjects in _main_clause_subjects(doc, sentence, head, back=3, coordinated=True):
            for t in reversed(subjects):
                if t.lower_ == "it":
                    continue  # an earlier "it said": look further back for what it meant
                tokens = list(t.subtree)
                span = TextSpan.of(doc.text, s.offset + tokens[0].idx, s.offset + tokens[-1].idx + len(tokens[-1]))
                if (cleared := without_dateline(doc, s, span, t)) is None:
                    continue
                span, t = cleared
                tokens = [x for x in tokens if s.offset + x.idx >= span.start]
                if t.ent_type_ == "PERSON" or t.lower_ in PERSON_PRONOUNS or any(x.ent_type_ == "PERSON" and x.i <= t.i for x in tokens):
                    return None
                if t.pos_ in ("NOUN", "PROPN") and (t.ent_type_ == "ORG" or t.lower_ in self.org_heads
                                                    or t.lower_ in self.document_nouns or self.outlet_in(doc, span)):
                    return span
        return None

    def document_released_before(self, doc: Document, sentence: Sentence, head: Token) -> TextSpan | None:
        """The document an "it" that shows or alleges refers to, where the sentence before released it as its
        main verb's object ("The special counsel's office unsealed a 37-page indictment on Friday. It alleges
        …"): what a document's verb says is the document's, not the body's that released it."""
        before = _sentence_before(doc, sentence)
        verb = head.head.lower_
        if head.dep_ != "nsubj" or not (verb in self.document_verbs or verb in _ALLEGING) or before is None:
            return None
        found = next((t for t in before.span if t.dep_ == "dobj" and t.head.dep_ == "ROOT" and t.lower_ in self.document_nouns), None)
        return None if found is None else TextSpan.of(
            doc.text, before.offset + found.left_edge.idx, before.offset + found.idx + len(found))

    def documents_antecedent(self, doc: Document, sentence: Sentence, head: Token) -> TextSpan | None:
        """The documents a reporting "they" refers to ("The club's latest accounts … make grim reading. They
        show that …"): the nearest main-clause subject before it, in its own sentence or the two before,
        where that is a plural document noun; None otherwise (a "they" is most often people)."""
        for s, subjects in _main_clause_subjects(doc, sentence, head, back=2):
            if subjects:
                t = subjects[-1]
                if t.tag_ != "NNS" or t.lower_ not in self.document_nouns:
                    return None
                return TextSpan.of(doc.text, s.offset + t.left_edge.idx, s.offset + t.idx + len(t))
        return None

    def body_in_sentence(self, doc: Document, sentence: Sentence, head: Token) -> TextSpan | None:
        """The body a spokesperson's own sentence is about: a subject of its content that is an
        organisation ("The company estimated sales at 207,000 cars, the spokesman said"). None when
        there is none, or a person is named in it."""
        mine = {t.i for t in head.subtree}
        for t in sentence.span:
            if t.i in mine or t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(x.ent_type_ == "PERSON" for x in t.subtree):
                return None
            if t.ent_type_ == "ORG" or t.lower_ in self.org_heads:
                tokens = [x for x in t.subtree if x.i not in mine]
                return TextSpan.of(doc.text, sentence.offset + tokens[0].idx, sentence.offset + tokens[-1].idx + len(tokens[-1]))
        return None

    def speaks_for(self, doc: Document, span: TextSpan, body: TextSpan) -> SourceKind:
        """The kind of a source phrase that speaks for a body named before it (a reporting "it", a
        spokesperson of no body of their own): the body's. Records the body as the phrase's antecedent,
        so that the entity resolver joins the phrase to it and names it after it."""
        _refers_back(doc, span, body)
        if self.is_document(body):
            return "document"
        return "media" if self.outlet_in(doc, body) or _OUTLET_BY_TYPE.search(body.text) else "named_organization"

    def is_document(self, span: TextSpan) -> bool:
        """Is the phrase headed by a document noun ("the filing", "The report", "The memo, written by …,")?"""
        words, before_comma = span.text.split(), span.text.split(",")[0].split()
        # (the noun before a phrase that qualifies it: "The government's jobs report for October")
        before_qualifier = re.split(r"\s+(?:for|of|from|on|in|by|at|about)\s+", span.text)[0].split()
        return bool(words) and words[-1].lower() in self.document_nouns or (
            bool(before_qualifier) and before_qualifier[-1].lower() in self.document_nouns) or (
            bool(before_comma) and before_comma[-1].islower() and before_comma[-1] in self.document_nouns)  # (not "The Jakarta Post, …")

    def outlet_named_before(self, doc: Document, span: TextSpan, word: str) -> bool:
        """Does an outlet named before the span end with this word ("Journal" after "The Wall Street Journal")?"""
        return any(m.text.split()[-1] == word for m in self.outlets.finditer(doc.text, 0, span.start))

    def outlet_in(self, doc: Document, span: TextSpan, *, other: bool = False) -> bool:
        """Does the span hold an outlet name from the gazetteer (with ``other``, one that is not the
        article's own outlet)?"""
        return any(not other or outlet_key(m.text) not in doc.own_outlets
                   for m in self.outlets.finditer(doc.text, span.start, span.end))

    def classify(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """Source kind of a source phrase (SPEC §2): the rules' kind, or the learned typer's
        (:mod:`credscore.features.kind_typer`, over the rules' kind and the phrase's features) where no
        rule for the phrase's pattern settled the kind and the typer's probability reaches
        ``decide_at``; the typer's probability of the kind is its confidence (None without a typer).
        Records the features, the rules' kind, the kind and its probability in ``doc.kind_readings``."""
        rules, settled = self.rule_reading(doc, sentence, head, span)
        features = span_features(self, doc, sentence, head, span, rules)
        kind, confidence = rules, None
        if self.typer is not None:
            # a pattern's rule is SPEC's ruling on it ("a reporter for the Tampa Bay Times" is media); a
            # default (the entity tagger's label, a generic role word) is only the rules' best guess
            kind, confidence = self.typer.decide(features, rules, None if settled else self.decide_at)
        doc.kind_readings[(span.start, span.end)] = KindReading(tuple(features), rules, kind, confidence, settled)  # type: ignore[arg-type]
        return kind  # type: ignore[return-value]

    def rule_kind(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> SourceKind:
        """The rules' source kind of a source phrase (SPEC §2), from its head noun, entities and modifiers."""
        return self.rule_reading(doc, sentence, head, span)[0]

    def rule_reading(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> tuple[SourceKind, bool]:
        """The rules' source kind of a source phrase and whether a rule for the phrase's pattern settled
        it (False where only a default decided: the entity tagger's label or part of speech, an
        organisation word, the last resort)."""
        if head.ent_type_ == "PERCENT" or (head.lower_ in ("%", "percent", "per cent") and head.ent_type_ == ""):
            return "document", True  # "64% said", "Some 73% of voters in the poll said": a survey's finding
        if _a_ratio_of(head):
            return "document", True  # "one in three adults under 30 say", "One in four voters said": as a share
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        partitive = of is not None and (head.pos_ == "NUM" or head.lower_ in PARTITIVES)
        # "one of the bidders, steel giant LNM,": the one is a body named in apposition
        named_body = partitive and any(
            c.dep_ == "appos" and c.pos_ == "PROPN" and (c.ent_type_ == "ORG" or any(t.lower_ in self.org_heads for t in c.subtree))
            for c in head.children)
        if partitive and not named_body and not _named_by(head, doc, ("appos", "conj")):
            # (not "one of the bill's sponsors, Rep. Kevin Christie,": the one is named)
            inner = next((g for g in of.children if g.dep_ == "pobj"), None)
            if inner is not None:  # "one of two witnesses", "some of his aides": the group is the source
                head = inner
                if inner.tag_ == "NNS" and inner.lower_ not in self.vague_groups and inner.ent_type_ == "" and any(
                        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in inner.children) and not any(
                        c.dep_ in ("amod", "compound", "prep", "relcl", "acl") for c in inner.children):
                    # "one of the bakers", "two of the victims": members of a group the story introduced (not
                    # "one of the experts", a group at large, nor "some of the world's leaders", described here)
                    _note_source(doc, sentence, head, span, role=inner.lower_ in self.roles)
                    return "anonymous_specific", True
        lower = head.lower_
        tokens = [t for t in head.subtree if span.start <= sentence.offset + t.idx < span.end] or [head]
        _note_source(doc, sentence, head, span, role=lower in self.roles or lower in TITLES or lower in self.vantage_roles)
        if named_body:
            return "named_organization", True
        if _described_titled_name(sentence, span):
            return "named_person", True  # "a crestfallen Mr Lim confided": named, whatever head the parse picked
        if lower == "it":
            body = self.body_antecedent(doc, sentence, head)
            if body is not None:
                return self.speaks_for(doc, span, body), True
        if lower == "they" and (documents := self.documents_antecedent(doc, sentence, head)) is not None:
            return self.speaks_for(doc, span, documents), True  # "The club's latest accounts …. They show that …"
        if lower in ("rumour", "rumours", "rumor", "rumors"):
            return "anonymous_vague", True  # "According to rumours circulating on TikTok": agentless (SPEC §2), wherever they circulate
        if lower in PERSON_PRONOUNS:
            if (journalist := self.journalist_before(doc, sentence, head)) is not None:
                # "Jenna Whitcomb writes for The Atlanta Journal-Constitution. She found …": the outlet's reporting (SPEC §2)
                _refers_back(doc, span, journalist)
                return "media", True
            if (introduced := self.unnamed_person_before(doc, sentence, head)) is not None:
                # "A rancher who watched the chase called 911. He said …": the person the sentence before
                # introduced, unnamed and not quoted, of the kind that description has (SPEC §2)
                s, t, antecedent = introduced
                kind = self.rule_reading(doc, s, t, antecedent)[0]
                _refers_back(doc, span, antecedent)
                return kind, True
            return "named_person", True  # provisional: the entity resolver replaces it with the antecedent's
        determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        if lower in GROUP_PRONOUNS:
            if lower == "they" and self.described_group_before(doc, sentence, head):
                return "anonymous_specific", True  # "Several aides who attended the briefing left stunned. They said …"
            return "anonymous_vague", True
        if described_by_age(head):
            # "the 21-year-old told the bakers": someone the article introduced; the resolver gives that
            # person's kind, and an age alone ("a 40-year-old said") describes no vantage point
            return "anonymous_vague", True
        if lower in MEDIA_BODIES and head.tag_ in ("NN", "NNS") and any(
                c.dep_ in ("compound", "amod") and c.lower_ in MEDIA_WORDS for c in head.children) and not any(
                c.dep_ == "poss" for c in head.children):
            # "Numerous media organizations …, from Sky News to NPR", "news outlets": outlets, unnamed (not "Pfizer's
            # press office", a body's own)
            return "media", True
        if head.pos_ == "PROPN" and _DESCRIBED_OUTLET.search(doc.text, max(0, span.start - 40), span.start):
            return "media", True  # "The Kurdish news source BasNews reported": an outlet the gazetteer lacks, so described
        if lower in POLL_SUBJECTS or any(c.dep_ == "appos" and c.lower_ in POLL_SUBJECTS and c.i == head.right_edge.i for c in head.children):
            # "A CNBC All-America Economic Survey found" (parsed with "Survey" in apposition to "CNBC"): a poll an
            # outlet ran stays a document (SPEC §2)
            return "document", True
        if self.outlet_in(doc, self.own_words(doc, sentence, head, span)) and (
            lower in REPORT_NOUNS or lower in OUTLET_HEADS or self.head_in_outlet(doc, sentence, head)
        ) and not self.surname_like_outlet(doc, sentence, head, determiner):
            return "media", True  # (not "The police report, obtained by Lead Stories …,": the outlet only obtained it)
        if head.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ in MEDIA_WORDS
                                        for c in head.children) and self.outlet_in(doc, span):
            return "media", True  # "BBC Radio Cumbria", "Sky News Arabia": an outlet's station or service
        if head.ent_type_ == "NORP" and head.tag_ in ("NN", "NNP") and (determiner == "the" or any(
                c.dep_ == "poss" for c in head.children)) and (any(c.lower_ in _RANKS for c in head.children if c.dep_ == "amod")
                                                              or any(c.dep_ in ("prep", "poss") for c in head.children)):
            # "the top Democrat on the House Intelligence Committee", "the committee's top Democrat": a person on
            # the record by position, unnamed: anonymous, and the position is the vantage point (SPEC §2)
            return "anonymous_specific", True
        if head.ent_type_ == "NORP" and determiner == "the" and head.tag_ in ("NN", "NNP"):
            return "named_person", True  # "The Russian said": a person named earlier (resolved later), after the outlets ("The Federalist")
        if lower == "paper" and determiner == "the" and not any(self.outlets.finditer(doc.text, 0, span.start)) \
                and not _OUTLET_BY_TYPE.search(doc.text, 0, span.start):  # ("Dawn, Pakistan's oldest English-language daily,")
            return "document", True  # "the paper notes" with no newspaper named before it: a paper that was written, not published daily
        # the phrase's own words: in "court filings reviewed by the newspaper" the outlet only saw the documents
        clause = {t.i for c in head.children if c.dep_ == "acl" for t in c.subtree}
        own = [t for t in tokens if t.i not in clause]
        if lower in SITE_WORDS and self.owned_by_a_body(doc, span, head):
            # "according to the DOL's website", "the company website says": a body's own site is a document that
            # speaks for itself, as "the company's annual filing shows" (SPEC §2; the body is in the source text);
            # "the agency said on its website" stays the agency's (the site only the channel); an outlet's site
            # is media (``owned_by_a_body``)
            return "document", True
        if lower in self.generic_outlets or " ".join(t.lower_ for t in own[-2:]) in self.generic_outlets or any(
                f"the {a.lower_} {b.lower_}" in self.generic_outlets for a, b in zip(own, own[1:])):
            return "media", True  # "the newspaper", "the official news agency MTI", "the New China News Agency"
        if determiner == "the" and head.pos_ in ("NOUN", "ADV", "ADJ") and f"the {lower}" in self.generic_outlets and lower != "paper":
            return "media", True  # "The Chinese-language daily said" (a "daily" the tagger may call an adverb): an outlet again
        if lower == "agency" and determiner == "the" and len(tokens) == 2 and _news_agency_before(doc.text, span.start):
            return "media", True  # "The agency said" after "the official Xinhua News Agency said": the news agency again
        if lower in ("network", "station", "channel") and determiner == "the" and len(tokens) == 2 and any(
                self.outlets.finditer(doc.text, doc.sentences[max(0, sentence.index - 2)].start, span.start)):
            return "media", True  # "The network said" after "CNN aired footage …": the broadcaster again
        if lower in ("affiliate", "affiliates") and any(
                c.dep_ in ("compound", "amod", "nmod") and c.lower_ in BROADCAST_NETWORKS for c in head.children):
            return "media", True  # "Fox affiliate WJBK reported", "a local CBS affiliate": a station (not "an Exxon affiliate")
        if determiner == "the" and head.pos_ == "PROPN" and len(tokens) == 2 and self.outlet_named_before(doc, span, head.text):
            return "media", True  # "the Journal notes" after "The Wall Street Journal reported": its short name
        if _CALL_SIGN.search(span.text) and lower not in self.document_nouns:
            return "media", True  # "KING-TV reported", "a reporter for WFTV9" (not "a WSB-TV poll": a document, SPEC §2)
        if self.masthead(head, tokens):
            return "media", True  # "the Chicago Sun-Times reported", "The Journal notes": a newspaper the gazetteer lacks
        if lower in ("board", "boards") and any(c.lower_ == "editorial" for c in head.children):
            return "media", True  # "the editorial board recently wrote": a newspaper's opinion, its own
        outlet_work = lower in REPORT_NOUNS or lower in OUTLET_WORK
        if outlet_work and any(c.dep_ == "compound" and c.lower_ == "pool" for c in head.children):
            return "media", True  # "according to a pool report": the press pool's journalism
        if outlet_work and any(
                c.dep_ in ("prep", "agent") and c.lower_ == "by" and any(g.dep_ == "pobj" and self.outlet_in(doc, TextSpan.of(
                    doc.text, sentence.offset + g.left_edge.idx, sentence.offset + g.right_edge.idx + len(g.right_edge)), other=True)
                    for g in c.children) for c in head.children):
            return "media", True  # "A review by The Times shows": an outlet's own journalism (not "a poll by CNN/ORC")
        if lower in ("networks", "stations", "channels") and any(
                c.dep_ in ("compound", "amod") and c.lower_ in MEDIA_WORDS for c in head.children):
            return "media", True  # "according to three television networks": outlets of a named type (SPEC §2)
        if lower in ("newspaper", "newspapers"):
            return "media", True  # "newspaper reports that …": unnamed outlets of a named type (SPEC §2)
        if lower in ("article", "articles", "column", "story") and any(
                c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pobj" and (g.ent_type_ == "PERSON" or g.lower_ in doc.person_words)
                                                              for g in c.children) for c in head.children):
            return "media", True  # "according to an article by Gerth": a journalist's published reporting (SPEC §2)
        if head.pos_ == "NOUN" and head.is_lower and (lower in OUTLET_NOUNS or (
                lower in MEDIA_WORDS and lower not in self.document_nouns) or (  # (a diplomatic cable is a document)
                lower == "paper" and any(t.lower_ in PAPER_KINDS for t in tokens if t.i < head.i))):
            # "Turkish media reported", "the local press", "state radio said", "the influential Edge magazine",
            # "a trade paper": outlets of a named type, however described (SPEC §2: "a local television station")
            return "media", True
        if lower in REPORT_NOUNS and self.published_in(doc, sentence, head):
            return "media", True  # "a report in the Economic Observer said": the publication's reporting
        if lower in REPORT_NOUNS and any(t.lower_ in MEDIA_WORDS for t in tokens if t.i < head.i):
            return "media", True  # "press reports said", "local television reports": unnamed outlets of a named type (SPEC §2)
        if lower in REPORT_NOUNS and any(p.dep_ == "prep" and p.lower_ in ("in", "from") and any(
                o.dep_ == "pobj" and o.lower_ in ("media", "press") for o in p.children)
                for p in (*head.children, *(g for c in head.children if c.dep_ == "acl" for g in c.children))):
            return "media", True  # "reports in the press", "reports emerging in the news media" (not "reports on bias in the media")
        if lower == "reports" and any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in head.children):
            return "document", True  # "Police reports indicate", "FBI reports show": a body's records, not "reports say"
        if self.journalist(doc, sentence, head, span, tokens):
            # "Washington Post columnist Michael Gerson", "CNN's Jake Tapper", "radio host Hugh Hewitt": another
            # outlet's journalist is the source, so the kind is the outlet's (SPEC §2, "Maria Lopez writes for …")
            return "media", True
        author = self.post_author(head, tokens)
        if author is not None:
            # "a post by Love on Instagram", "her Facebook post", "a tweet by the mayor": a social-media post is
            # its author's kind (SPEC §2), and the author is whom the resolver joins it to
            return self.author_kind(doc, sentence, author, span), True
        if _IDENTIFIED_AFTER.match(doc.text, span.end, min(len(doc.text), span.end + 40)) or (
                _IDENTIFIED_AFTER.search(doc.text, span.start, span.end)):  # (or inside a phrase that kept it)
            return "named_person", True  # "said the nurse, identified as Althea Thoone": the name follows the role
        if self.names_the_role(doc, sentence, head, span):
            # "FBI Special Agent in Charge Rick Thornton", "Jack Goldsmith, one of the top lawyers in …": the name in
            # the phrase is the role's holder, however the parse attached it
            return "named_person", True
        if lower in self.document_nouns and not (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
            return "document", True  # (not "Mr. Post")
        if self.owners_work(head, tokens):
            return "document", True  # "Hetherington and Weiler's research": their research speaks (SPEC §2, "a study")
        if self.behind_document(head):
            return "document", True  # "a report released by the National Academies noted": the report speaks (SPEC §2)
        if self.owned_report(head):
            return "document", True  # "FEC reports show", "its annual report": a body's own report, not an outlet's
        if self.poll_share(head, tokens):
            # "Majorities of Democrats in five states … say", "Most Republican voters in Alabama … said": a share of
            # voters is a poll's figure (SPEC §2, as "64% said")
            return "document", True
        if self.answers_a_poll(head):
            # "analysts polled by Reuters said", "One in four voters in a New York Times poll said", "More than
            # half of respondents in the USA TODAY/Suffolk poll said": they speak through the poll (SPEC §2)
            return "document", True
        affiliated = self.affiliated(head, tokens)
        # a press secretary is a spokesperson: "the White House press secretary told reporters"
        press_secretary = lower in ("secretary", "secretaries") and any(
            c.dep_ == "compound" and c.lower_ == "press" for c in head.children)
        spokesperson = lower in SPOKESPEOPLE or press_secretary
        fields = {t.lower_ for t in tokens if t.i < head.i and t.dep_ in ("compound", "amod", "nmod")} - {"press"}
        # whose spokesperson: "a Clinton campaign spokesman", "his spokesman" (the person the story is about), "the
        # mayor's spokeswoman" (an office the text names by its title)
        principal = affiliated or any(t.dep_ == "poss" and (t.lower_ in _POSSESSIVE_PRONOUNS or t.lower_ in OFFICE_TITLES)
                                      for t in tokens)
        if spokesperson and principal and not (fields and fields <= SECTOR_WORDS) \
                and not _named_by(head, doc, ("appos",)):  # (not "A spokesman at …, Lucio Cesar Pires,": a named person)
            return "named_organization", True  # the principal's official line (SPEC §2; "industry spokesmen": no body)
        if lower in ("representative", "representatives") and (head.is_lower or head.i == head.sent.start) and any(
                c.dep_ == "prep" and c.lower_ in ("of", "for") and any(g.dep_ == "pobj" and self.names_a_body(g) for g in c.children)
                for c in head.children):
            # "a representative of Comcast said", "a representative for the Ivanka Trump brand", "a representative of
            # the union": the body's line, as a spokesperson's (not "representatives of several families")
            return "named_organization", True
        if spokesperson and not affiliated and not fields:
            body = self.body_in_sentence(doc, sentence, head) or self.body_antecedent(doc, sentence, head)
            if body is not None and not self.is_document(body):  # a document has no spokesperson
                # "Acme Corp. cut 200 jobs. … , a spokeswoman said": the body the article is about speaks
                return self.speaks_for(doc, span, body), True
        if lower == "guard" and any(c.dep_ in ("compound", "amod") and c.lower_ in ("coast", "national") for c in head.children):
            return "named_organization", True  # "the coast guard said" (a guard alone is a person)
        if head.text == "Co" and head.i > 0 and head.doc[head.i - 1].is_title and head.i + 1 < len(head.doc) \
                and head.doc[head.i + 1].text != "-":
            # "The New York Times Co said", "Gannett Co": the company, not its newspaper (a bare lower-case
            # "co" is no head: "co-founder" splits into "co" and "founder")
            return "named_organization", True
        if head.pos_ == "PROPN" and lower in self.org_heads and not any(t.lower_.rstrip(".") in TITLES for t in tokens):
            return "named_organization", True  # "Border Patrol", "Fresno Christian Schools", whatever the tagger made of them
        if head.pos_ == "PROPN" and any(c.dep_ in ("compound", "appos", "nmod") and c.lower_ in WEB_OUTLET_WORDS for c in head.children):
            # "the fact-checking site Snopes", "conservative blog RedState", 'the true-crime podcast "Cold Ledger"': a
            # site publishes; a broadcaster or a station named so may speak as a company ("UK broadcaster Virgin Radio
            # says it will …")
            return "media", True
        if head.pos_ == "PROPN" and any(c.dep_ == "compound" and c.is_lower and c.lower_ in self.org_heads and all(
                t.pos_ == "PROPN" and t.lower_.rstrip(".") not in TITLES for t in head.doc[c.i + 1:head.i + 1]) for c in head.children):
            return "named_organization", True  # "marketing company Doubleclick warned", whatever the tagger made of the name
        if head.pos_ == "NOUN" and lower not in self.roles and lower not in self.vague_groups and any(
                c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "ORG" for c in head.children):
            # "Video game giant Electronic Arts (EA) says": the name in apposition; "the fact-checking site Snopes": an outlet
            return ("media" if lower in WEB_OUTLET_WORDS or lower in OUTLET_TYPE_WORDS else "named_organization"), True
        if lower.endswith("s") and head.tag_ == "NNPS" and lower[:-1] in doc.person_words:
            return "named_person", True  # "the Currys" after "Stephen and Ayesha Curry"
        if head.is_title and any(c.dep_ in ("appos", "amod", "npadvmod") and c.like_num and c.text.isdigit()
                                        and 0 < int(c.text) < 120 and c.i == head.i + 2 for c in head.children):
            return "named_person", True  # "Trump, 78, told a rally": an age after a name is a person's
        if _styled_name(tokens):
            return "named_organization", True  # "Doctors Without Borders", "Hillary For America": a body's name, styled
        group_word = head.tag_ == "NNS" and (lower in self.roles or lower in self.vague_groups or lower in self.vantage_roles)
        if head.ent_type_ == "PERSON" and len(tokens) == 1 and head.is_upper and any(ch.isdigit() for ch in head.text):
            return "named_organization", True  # "MI6 said", "the G7": no person's name has a digit in it
        if head.pos_ == "PROPN" and (appos := next((c for c in head.children if c.dep_ == "appos"), None)) is not None \
                and appos.lower_ in self.org_heads and appos.pos_ == "NOUN":
            # (the first apposition only: "Peter Eyre, a senior adviser with the Commission …, the independent
            # organization that sponsors the events," is the adviser; the body is the commission's description)
            return "named_organization", True  # "Orbis Freight, the Memphis-based logistics company,", whatever the tagger made of it
        if len(tokens) == 1 and head.is_title and _journalist_named_before(doc.text, span.start, head.text):
            return "media", True  # "Natarajan wrote" after "Priya Natarajan, an investigative reporter for …," (SPEC §2)
        if len(tokens) == 1 and head.pos_ == "PROPN" and head.is_title and head.lower_ not in doc.person_words \
                and self.short_name_of_a_body(doc.text, span.start, head.text):
            return "named_organization", True  # "Vantor said" after "Vantor Pharmaceuticals was founded …"
        if len(tokens) == 1 and _initials_of_a_name_before(doc.text, span.start, head.text):
            return "named_organization", True  # "TfL said" after "Transport for London", whatever the tagger made of it
        if len(tokens) == 1 and head.pos_ == "ADV" and head.is_title and not head.ent_type_ and head.dep_ in ("advmod", "npadvmod"):
            # "Tolliver said …": a name the parser took for an adverb (the cues keep it only before a verb
            # with no subject): a person's, as a bare surname is (SPEC §2)
            return "named_person", True
        if len(tokens) == 1 and head.ent_type_ == "PERSON" and lower not in self.surnames \
                and lower not in self.public_figures and not surname_of_a_full_name(doc, lower) and _called_it(head):
            return "named_organization", True  # "Moderna said its vaccine …": a company the tagger took for a person
        if not group_word and (head.ent_type_ == "PERSON" or (
                head.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" for t in tokens if t.i <= head.i))):
            return "named_person", False  # the entity tagger's label (not "Scholars worry", a common plural it tagged)
        if self.titled_by_role(head, tokens):
            return "named_person", True  # "Moderator Lester Holt", whatever the tagger made of it
        if head.pos_ == "PROPN" and any(t.lower_.rstrip(".") in HONORIFICS for t in tokens if t.i < head.i):
            return "named_person", True  # "Mr Parkinson said", whatever the tagger made of "Parkinson"
        # a name before a role is the role's affiliation, not its holder: "Edison officials", "a Biden adviser"
        # and a name before a body is the body's: "the Obama administration", "the Clinton campaign"
        if self.outlet_by_name(doc, sentence, head, tokens):
            return "media", True  # "The fact-checking charity Full Fact", "Italian newspaper La Gazzetta dello Sport"
        naming = ("appos", "conj") if lower in self.roles or lower in self.org_heads or head.tag_ in ("NNS", "NNPS") \
            else ("appos", "conj", "compound")
        if _named_by(head, doc, naming):
            return "named_person", True  # "an exiled … activist, Vladimir Osechkin," / "Kyiv mayor and … Vitali Klitschko"
        name = hyphenated_name(head) or lower
        if ((head.pos_ == "PROPN" or head.is_title and head.ent_type_ in ("ORG", "GPE", "PERSON"))  # ("Trump" tagged a verb)
                and not head.text.isupper() and name in doc.person_words
                and (head.ent_type_ not in ("NORP", "FAC") or surname_of_a_full_name(doc, name))) or known_surname(head, doc):
            # "Grozev" alone, after "Christo Grozev" was recognised as a person; "Klitschko said" tagged as a
            # nationality after "Vitali Klitschko" (a nationality or building is trusted only where no full name ends so)
            return "named_person", True
        if self.role_in_name(head):
            return "named_organization", True  # "the Communications Workers of America": a role word inside a body's name
        vantage = lower in self.vantage_roles or self.vantage(head, tokens) or any(
            c.dep_ == "conj" and c.lower_ in self.vantage_roles for c in head.children)  # "friends and aides"
        # "the labor minister said": the one holder of an office, unnamed (SPEC §2, "the head of the police union")
        office = lower in OFFICE_TITLES and head.tag_ == "NN" and determiner == "the"
        if self.body_named_before(doc, span, head, tokens):
            return "named_organization", True  # "the observatory said" after "the Syrian Observatory for Human Rights"
        if (lower in self.roles or lower in self.vague_groups) and not vantage and self.refers_to_specific(doc, span, head, tokens):
            return "anonymous_specific", True  # "these people said" after "people familiar with her thinking say"
        if not vantage and lower not in self.org_heads and head.pos_ == "NOUN" and (
                described := self.described_before(doc, sentence, head, tokens)):
            # "the researchers found" after "Researchers at Stanford University studied …", "the spokesman said"
            # after "a spokesman for the city council declined …": whom the article described, not a group at large
            return ("named_organization" if lower in SPOKESPEOPLE and described == "affiliated" else "anonymous_specific"), True
        if self.whose_relative(head) or _chief_of_staff(head):
            # "his wife", "the victim's family", "the senator's chief of staff": close to someone in the story
            return "anonymous_specific", True
        if lower in self.roles:
            if any(t.lower_ in INSIDER_WORDS for t in tokens):
                return "anonymous_specific", True  # an insider's vantage point is the description
            return ("anonymous_specific" if affiliated or vantage or office else "anonymous_vague"), True
        if lower in self.vague_groups:
            # "two people close to the mayor", "a person briefed on the talks", "Democrats on the committee": a vantage
            # point; "Goldman Sachs analysts": described by a body they work for (SPEC §2), not by a field
            described = vantage or _named_employer(head, tokens) or self.member_of_a_body(head)
            return ("anonymous_specific" if described else "anonymous_vague"), True
        if head.ent_type_ == "NORP" and (head.tag_ in ("NNS", "NNPS") or any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)):
            # "Horrified Russians", "a New Hampshire Republican, who … responded anonymously": members of a party or a
            # people; but "Democrats on the committee", "Ukrainians at the border": a vantage point
            return ("anonymous_specific" if vantage or self.member_of_a_body(head) else "anonymous_vague"), True
        if self.described_as_person(head):
            return "named_person", True  # "Klauhs, also managing director of …", "Jean-Michel Lemetayer, from the FNSEA union,"
        if self.bare_surname(head, tokens):
            return "named_person", True  # "Henderson said", the full name not given: SPEC §2, whatever the tagger made of it
        if self.reported_as(head):
            return "media", True  # "as WorldStarHipHop reported", "As Mediaite first reported": a name the gazetteer lacks
        if head.pos_ == "PROPN" and head.lower_ in self.public_figures and not head.text.isupper():
            return "named_person", True  # "former tech executive Carly Fiorina", whatever the tagger made of the name
        if head.ent_type_ in AFFILIATION_ENTS or head.pos_ == "PROPN" or _camel_case(head):
            return "named_organization", False  # the entity tagger's label or a proper noun ("WorldStarHipHop", tagged a noun)
        if lower in self.org_heads:
            if (determiner in ("a", "an") or any(c.dep_ == "nummod" for c in head.children)) and not any(
                    t.pos_ == "PROPN" and t.ent_type_ not in PLACE_ENTS for t in tokens):
                return "anonymous_specific", True  # "a Florida agency announced", "two prosecutors said": not the body's line
            return "named_organization", False
        if affiliated or vantage or office:
            return "anonymous_specific", True
        if any(t.i < head.i and t.lower_ in AGE_UNITS for t in tokens) and any(t.like_num for t in tokens if t.i < head.i):
            return "anonymous_vague", True  # "a 42-year-old fisherman told AP": a person described by age, no document
        return "anonymous_vague", False  # the last resort

    def journalist(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan, tokens: list[Token]) -> bool:
        """Does the phrase describe a journalist of another outlet? A journalist's role with an outlet's
        name ("Washington Post columnist …"), a broadcaster's word ("radio host") or a name ("a Post
        reporter") beside it; or a name whose possessive is an outlet ("CNN's Jake Tapper"), or with the outlet
        after "of" or "for" ("Ava Marchetti of The Athletic"). The article's own outlet does not count."""
        # (a capitalised word inside a body's name is no role: "The Committee to Protect Journalists")
        clause = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}  # ("… that has tracked reporters")
        words = {t.lower_ for t in tokens if t.i not in clause
                 and not (t.is_title and t.dep_ in ("dobj", "pobj") and t.lower_ in JOURNALIST_WORDS)}
        if head.lower_ in ("checker", "checkers") and any(c.lower_ == "fact" for c in head.children):
            words.add("fact-checkers")  # the tokenizer splits "Fact-checkers at PolitiFact" at its hyphen
        if words & {"fact-checker", "fact-checkers"} and not any(c.dep_ == "prep" for c in head.children):
            return True  # fact-checkers are outlets, named or not (SPEC §2): "independent fact-checkers said"
        # what the phrase says it is "of" or writes "for": "Marco Bellini, of Sky Sport Italia", "Ava Marchetti of The Athletic"
        of_or_for = [g for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at")
                     for g in prep.children if g.dep_ == "pobj"]  # ("Writers at Quartz have noted")
        if words & JOURNALIST_WORDS:
            # (or a name after "of"/"for": "Italian journalist Marco Bellini, of Sky Sport Italia,")
            return bool(words & MEDIA_WORDS) or self.outlet_in(doc, span, other=True) or (
                head.lower_ in JOURNALIST_WORDS and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)) or any(
                g.pos_ == "PROPN" and g.ent_type_ not in PLACE_ENTS for g in of_or_for)
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON" and any(self.outlet_in(doc, TextSpan.of(
                doc.text, sentence.offset + g.left_edge.idx, sentence.offset + g.idx + len(g)), other=True) for g in of_or_for):
            return True  # "Ava Marchetti of The Athletic reported": a name with the outlet it writes for
        if head.ent_type_ == "PERSON":
            lead = [t for t in tokens if t.i < entity_of(head).start]
            if lead and all(t.pos_ == "PROPN" for t in lead) and self.outlet_in(doc, TextSpan.of(
                    doc.text, sentence.offset + lead[0].idx, sentence.offset + lead[-1].idx + len(lead[-1])), other=True):
                return True  # "correspondent for NBC News Katy Tur": the outlet's name read into its journalist's
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if head.pos_ != "PROPN" or owner is None or owner.pos_ != "PROPN":
            return False
        owner_span = TextSpan.of(doc.text, sentence.offset + owner.left_edge.idx, sentence.offset + owner.idx + len(owner))
        return self.outlet_in(doc, owner_span, other=True)

    @staticmethod
    def own_words(doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> TextSpan:
        """The phrase up to the first participle or relative clause after its head ("The police report" of "The
        police report, obtained by Lead Stories through a request"): what the phrase is, not what was done with it."""
        clause = [c for c in head.rights if c.dep_ in ("acl", "relcl")]
        if not clause:
            return span
        end = sentence.offset + clause[0].left_edge.idx
        return TextSpan.of(doc.text, span.start, max(span.start, min(end, span.end)))

    def short_name_of_a_body(self, text: str, end: int, word: str) -> bool:
        """Is ``word`` the first word of a body's name given before ``end``, a name that ends in an organisation
        word ("Vantor" after "Vantor Pharmaceuticals", "Orbis" after "Orbis Freight Group")?"""
        for m in re.finditer(rf"\b{re.escape(word)}((?:\s+[A-Z][\w&.'’-]*){{1,3}})", text[:end]):
            if m.group(1).split()[-1].lower().rstrip(".") in self.org_heads:
                return True
        return False

    def outlet_by_name(self, doc: Document, sentence: Sentence, head: Token, tokens: list[Token]) -> bool:
        """Is the phrase an outlet named beside a common noun: a name in apposition that the gazetteer knows
        ("The fact-checking charity Full Fact"), or a name after a word for an outlet ("Italian newspaper La
        Gazzetta dello Sport", which the gazetteer lacks)?"""
        for t in tokens:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.pos_ == "NOUN" and self.outlet_in(doc, TextSpan.of(
                    doc.text, sentence.offset + t.left_edge.idx, sentence.offset + t.right_edge.idx + len(t.right_edge)), other=True):
                return True
        if head.pos_ != "PROPN":
            return False
        kinds = [t for t in tokens if t.i < head.i and t.pos_ == "NOUN" and t.lower_ in OUTLET_TYPE_WORDS]
        return bool(kinds) and all(t.pos_ == "PROPN" or t.is_title for t in head.doc[kinds[-1].i + 1:head.i + 1]
                                   if t.lower_ not in NAME_PARTICLES)

    @staticmethod
    def masthead(head: Token, tokens: list[Token]) -> bool:
        """Is the phrase a newspaper's name the gazetteer may lack: a capitalised name whose last word is a
        masthead's ("the Chicago Sun-Times", "The Journal", "the Economic Observer"; not "Mr. Post", nor
        "the Journal of Medicine", a learned journal)? Only the name's compounds must be capitalised:
        "the conservative Washington Times" is one."""
        if not (head.pos_ == "PROPN" and head.is_title and head.lower_ in MASTHEADS and head.ent_type_ != "PERSON"):
            return False
        if any(c.dep_ == "prep" for c in head.children):
            return False
        name = [t for t in tokens if t.i < head.i and t.dep_ in ("compound", "flat")]
        return all((t.is_title or t.is_upper) and t.lower_.rstrip(".") not in HONORIFICS for t in name)

    def published_in(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        """Is the report one that a named publication ran ("a report in the Economic Observer"; not "a
        report in March", "a report in Congress" or "in the journal", which name no outlet)?"""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                target = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if target is None or target.pos_ != "PROPN":
                    continue
                name = list(target.subtree)
                if self.masthead(target, name) or self.outlet_in(doc, TextSpan.of(
                        doc.text, sentence.offset + name[0].idx, sentence.offset + name[-1].idx + len(name[-1]))):
                    return True
        return False

    def post_author(self, head: Token, tokens: list[Token]) -> Token | None:
        """The author of a social-media post ("a post by Love on Instagram", "her TikTok video", "a tweet from the
        mayor"): the agent or owner of a post noun that a network's name or "tweet" marks as one; None otherwise."""
        if head.pos_ != "NOUN" or head.lower_ not in SOCIAL_POSTS:
            return None
        if not (head.lower_.startswith(("tweet", "retweet")) or any(t.lower_ in PLATFORM_WORDS for t in tokens if t.i != head.i)):
            return None
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ not in ("its", "their"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                if agent is not None and agent.lower_ not in PLATFORM_WORDS:
                    return agent
        return None

    def author_kind(self, doc: Document, sentence: Sentence, author: Token, span: TextSpan) -> SourceKind:
        """The kind of a post's author, read as a source phrase of its own; the post's phrase is noted with the
        author as its head, so the resolver joins it to the author's other mentions."""
        if author.lower_ in PERSON_PRONOUNS:
            kind: SourceKind = "named_person"  # provisional, as for any pronoun: the resolver gives the antecedent's
        else:
            phrase = TextSpan.of(doc.text, sentence.offset + author.left_edge.idx,
                                 sentence.offset + author.right_edge.idx + len(author.right_edge))
            noted = (phrase.start, phrase.end) in doc.source_phrases
            kind = self.rule_reading(doc, sentence, author, phrase)[0]
            if not noted:
                doc.source_phrases.pop((phrase.start, phrase.end), None)  # the author is no source phrase of its own
        _note_source(doc, sentence, author, span, role=author.lower_ in self.roles or author.lower_ in TITLES)
        return kind

    def behind_document(self, head: Token) -> bool:
        """Is the phrase the body behind a document that speaks ("A report released by the National
        Academies", "a study commissioned by the ministry"): the agent of a participle on a document noun?"""
        by = head.head
        if head.dep_ != "pobj" or by.lower_ != "by" or by.head.dep_ != "acl" or by.head.tag_ != "VBN":
            return False
        return by.head.head.lower_ in self.document_nouns or by.head.head.lower_ in REPORT_NOUNS

    def role_in_name(self, head: Token) -> bool:
        """Is the role word part of a body's name ("the Communications Workers of America", "United Auto
        Workers"; not "Pentagon Officials" in a headline, a role with its affiliation)?"""
        if not (head.pos_ == "PROPN" and head.is_title and head.ent_type_ == "ORG" and head.ent_iob_ == "I"):
            return False
        if head.lower_ not in self.roles and head.lower_ not in self.vague_groups and head.lower_ not in self.vantage_roles:
            return False
        entity = entity_of(head)
        before = [t for t in entity if t.i < head.i and t.pos_ == "PROPN"]
        return entity.end - 1 > head.i or any(t.lower_ not in self.affiliations for t in before)

    @staticmethod
    def refers_to_specific(doc: Document, span: TextSpan, head: Token, tokens: list[Token]) -> bool:
        """Is a bare definite group ("the sources", "these people", "those officials") a mention of an
        unnamed source the article described before ("parliamentary sources", "people familiar with her
        thinking")? The description's vantage point carries over to its later mentions."""
        if not any(t.dep_ == "det" and t.lower_ in ("the", "these", "those") for t in tokens) or len(tokens) != 2:
            return False
        return _kind_mentioned_before(doc, span, head.lower_) == "anonymous_specific"

    def described_before(self, doc: Document, sentence: Sentence, head: Token, tokens: list[Token]) -> str | None:
        """Is "the <noun>" (or "this", "that", "these", "those") a later mention of someone an earlier sentence described by the
        same noun with an affiliation or a vantage point, source or not ("Researchers at Stanford University
        studied …" … "The researchers found")? "affiliated" or "vantage" for the latest such mention, else None.
        Reads the parses of the 40 sentences before."""
        if len(tokens) != 2 or not any(t.dep_ == "det" and t.lower_ in ("the", "this", "that", "these", "those") for t in tokens):
            return None
        # (an informant is one whatever the noun: "the source said" after "a fashion-industry insider who was present";
        # "that person" is any one described before: "a source close to him said. That person said …")
        same = INFORMANT_HEADS if head.lower_ in INFORMANT_HEADS else (
            INFORMANT_HEADS | self.roles | self.vantage_roles if head.lower_ == "person" else {head.lower_})
        for earlier in reversed(doc.sentences[max(0, sentence.index - 40):sentence.index]):
            if earlier.span is None:
                continue
            for t in reversed(earlier.span):
                if t.lower_ not in same or t.pos_ != "NOUN" or (t.lower_ != head.lower_ and t.tag_ != head.tag_):
                    continue
                phrase = [w for w in t.subtree if w.i <= t.i or w.dep_ in ("prep", "pobj", "relcl", "acl", "amod") or w.head.i != t.i]
                if self.affiliated(t, phrase):
                    return "affiliated"
                if self.vantage(t, phrase) or self.whose_relative(t):
                    return "vantage"  # (or close to someone: "a longtime adviser to the governor")
        return None

    @staticmethod
    def journalist_before(doc: Document, sentence: Sentence, head: Token) -> TextSpan | None:
        """The journalist a "he" or "she" that opens its clause refers to, where the sentence right before has a
        named person as its main subject whom the text describes as writing or reporting for an outlet ("Jenna
        Whitcomb writes for The Atlanta Journal-Constitution. She found …"). The name, or None."""
        before = _sentence_before(doc, sentence)
        if before is None or head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        t = next((x for x in before.span if x.dep_ == "nsubj" and x.head.dep_ == "ROOT" and x.ent_type_ == "PERSON"), None)
        if t is None or not _journalist_named_before(doc.text, sentence.start, t.text):
            return None
        name = entity_of(t)
        return TextSpan.of(doc.text, before.offset + name[0].idx, before.offset + name[-1].idx + len(name[-1]))

    def unnamed_person_before(self, doc: Document, sentence: Sentence, head: Token) -> tuple[Sentence, Token, TextSpan] | None:
        """The unnamed person a "he" or "she" that opens its clause refers to, where the sentence right before
        introduced them as its main subject without quoting them or naming anyone ("A rancher who watched the
        chase from his porch called 911. He said …"): an indefinite singular noun for a person (a role, or
        one described by "who"). Its sentence, head and phrase, or None."""
        before = _sentence_before(doc, sentence)
        if before is None or head.dep_ not in ("nsubj", "nsubjpass") or before.attribution is not None \
                or any(t.ent_type_ == "PERSON" for t in before.span):
            return None
        t = next((x for x in before.span if x.dep_ in ("nsubj", "nsubjpass") and x.head.dep_ == "ROOT"), None)
        if t is None and before.span.root.pos_ == "NOUN":
            t = before.span.root  # "A nurse at the clinic called police": parsed without a verb, the verb a participle
        if t is None or t.tag_ != "NN" or t.ent_type_ or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            return None
        person = t.lower_ in self.roles or t.lower_ in self.vague_groups or t.lower_ in self.vantage_roles \
            or t.lower_ in PERSON_APPOSITIONS or any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in t.children)
        if not person:
            return None
        verb = next((x for x in t.subtree if x.i > t.i and x.pos_ in ("VERB", "AUX") and x.head.i == t.i and x.dep_ != "relcl"), None)
        tokens = [x for x in t.subtree if verb is None or x.i < verb.i]
        return before, t, TextSpan.of(doc.text, before.offset + tokens[0].idx, before.offset + tokens[-1].idx + len(tokens[-1]))

    def described_group_before(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        """Does a reporting "they" refer to people the sentence before described by an affiliation or a
        vantage point without quoting them ("Several congressional aides who attended the briefing left
        the room stunned. They said …")? The nearest main-clause subject in the two sentences before
        decides: a plural noun that names no body, document or outlet, so described."""
        for s, subjects in _main_clause_subjects(doc, sentence, head, back=2):
            if s is sentence or not subjects:
                continue
            t = subjects[-1]
            if t.tag_ != "NNS" or t.ent_type_ or t.lower_ in self.document_nouns or t.lower_ in self.org_heads \
                    or t.lower_ in OUTLET_HEADS or t.lower_ in REPORT_NOUNS:
                return False  # people only: not "The accounts …", "The companies …"
            phrase = [w for w in t.subtree if w.i <= t.i or w.dep_ in ("prep", "pobj", "relcl", "acl", "amod") or w.head.i != t.i]
            if t.lower_ in self.vague_groups:  # as the group is typed where it speaks: "Many people on Facebook" are vague
                return self.vantage(t, phrase) or _named_employer(t, phrase) or self.member_of_a_body(t)
            return t.lower_ in self.vantage_roles or self.affiliated(t, phrase) or self.vantage(t, phrase)
        return False

    @staticmethod
    def body_named_before(doc: Document, span: TextSpan, head: Token, tokens: list[Token]) -> bool:
        """Is "the <noun>" a named body the article cited before by a name with that head ("the observatory"
        after "the Syrian Observatory for Human Rights", "the institute" after "the Brookings Institution …")?
        The earlier phrase's kind must have been a named organisation, and its name must hold the noun."""
        if len(tokens) != 2 or head.pos_ != "NOUN" or not any(t.dep_ == "det" and t.lower_ == "the" for t in tokens):
            return False
        return _kind_mentioned_before(doc, span, head.lower_, named=True) == "named_organization"

    def names_the_role(self, doc: Document, sentence: Sentence, head: Token, span: TextSpan) -> bool:
        """Does the phrase name the person its role describes, where the parse attached the name elsewhere: a
        name that opens the phrase before its description ("Jack Goldsmith, one of the top lawyers in …"), a name
        after a title of several words ("FBI Special Agent in Charge Rick Thornton": the name read as the object
        of "in"), or one set off by a comma after the body a role speaks for ("spokesperson for Immigration
        Canada, Amanda Singh": read as the body's apposition)? Not a name after another person's role ("a
        spokesman for Mayor Bill de Blasio")."""
        if sentence.span is None or head.ent_type_ == "PERSON":
            return False
        inside = [t for t in sentence.span if span.start <= sentence.offset + t.idx < span.end]
        first = inside[0] if inside else None
        if first is not None and first.ent_type_ == "PERSON" and first.i < head.i:
            # "Jack Goldsmith, one of the top lawyers in …": the name opens the phrase and a comma sets its
            # description off, which the parse took for the subject
            after = entity_of(first).end
            if after + 1 < head.i and first.doc[after].lower_ == "and" and first.doc[after + 1].ent_type_ == "PERSON":
                after = entity_of(first.doc[after + 1]).end  # "Frank J. Fahrenkopf Jr. and Michael D. McCurry, co-chairs of …"
            if after < head.i and first.doc[after].text == "," and after < inside[-1].i:
                return True
        words = [t for t in inside if not t.is_punct]
        last = words[-1] if words else None
        if last is None or last.ent_type_ != "PERSON" or last.i <= head.i:
            return False
        entity = entity_of(last)
        if len(entity) < 2 or entity.end - 1 != last.i:
            return False
        root = entity.root
        if root.dep_ == "appos" and head.lower_ in self.person_roles:
            return root.head.i > head.i and root.head.ent_type_ in AFFILIATION_ENTS
        title = head.doc[head.i + 1 : entity.start]
        return (head.pos_ == "PROPN" and head.is_title and root.dep_ == "pobj"
                and all(t.is_title or t.lower_ in ("in", "of", "for") for t in title))

    def names_a_body(self, noun: Token) -> bool:
        """Is the noun a body named as one: an organisation's proper name ("Comcast"), or the head of a body
        named by a proper-noun modifier or referred back to with "the" ("the Ivanka Trump brand", "the union")?"""
        if noun.pos_ == "PROPN":
            return noun.ent_type_ == "ORG"
        return noun.lower_ in self.org_heads and noun.lower_ not in PLACE_BODIES and any(
            (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in noun.children)

    def owned_by_a_body(self, doc: Document, span: TextSpan, head: Token) -> bool:
        """Is the phrase a channel its possessor owns, a body that is no outlet ("the DOL's website",
        "the company's website", "the company website"; not "the Mirror's website", nor "his website", a person's)?"""
        owner = next((c for c in head.children if c.dep_ in ("poss", "nmod")), None) or next(
            (c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ in self.org_heads), None)
        if owner is None or owner.lower_ in PERSON_PRONOUNS or owner.ent_type_ == "PERSON":
            return False
        # (the possessor and what its prepositions name: "the California secretary of state's website" is an office's;
        # not a place that describes a person, "the Chicago doctor's website"; a network is an outlet)
        named = [owner, *(g for c in owner.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")]
        body = any((t.ent_type_ in ("ORG", "GPE") or t.lower_ in self.org_heads) and t.lower_ not in OUTLET_HEADS
                   for t in named)
        return body and not self.outlet_in(doc, span)

    def titled_by_role(self, head: Token, tokens: list[Token]) -> bool:
        """Is the phrase a capitalised role word before a name of two or more words ("Moderator Lester Holt",
        "Commissioner Roger Goodell")? The entity tagger often reads the whole as an organisation."""
        words = [t for t in tokens if not t.is_punct and t.dep_ != "det"]
        while words and words[0].is_lower and words[0].lower_ in FORMER_WORDS:
            words = words[1:]  # "former FBI Special Agent In-Charge Rich Frankel"
        if len(words) < 3 or words[-1].i != head.i or head.pos_ != "PROPN":
            return False
        # the role is the last title word before the name: "FBI Special Agent In-Charge", "Moderator"
        at = max((i for i, t in enumerate(words[:-2]) if t.lower_ in ROLE_TITLES or (
            t.lower_ == "charge" and i > 0 and words[i - 1].lower_ == "in")), default=None)
        if at is None or not all(t.is_title or t.is_upper for t in words[:at + 1]):
            return False
        role, name = words[at], words[at + 1:]
        return role.is_title and all(
            t.pos_ == "PROPN" and t.is_title and t.lower_ not in ROLE_TITLES and t.lower_ not in self.org_heads
            and t.lower_ not in self.affiliations for t in name)

    def owners_work(self, head: Token, tokens: list[Token]) -> bool:
        """Does the phrase end in a work its owners wrote or hold, the parse having made an owner the head
        ("Hetherington and Weiler's research": "research" joined to "Hetherington"; "Department of Homeland
        Security documents")?"""
        if head.lower_ in self.roles or head.lower_ in self.vague_groups or head.lower_ in self.vantage_roles:
            return False  # "people familiar with the campaign's internal polling": people, whatever they know of
        # (the work before its participle: "Bureau of Labor Statistics data released Friday")
        described = {x.i for t in tokens for c in t.children if c.dep_ == "acl" for x in c.subtree}
        last = next((t for t in reversed(tokens) if not t.is_punct and t.i not in described), head)
        if last.i == head.i or last.lower_ not in self.document_nouns or last.lower_ in SOCIAL_POSTS:
            return False
        if any(c.dep_ == "poss" for c in last.children):
            return True
        # "Department of Homeland Security documents": the body's name, then its documents, which the parse
        # hung on "of" (not "officials with knowledge of the documents": a person heads that phrase)
        name = [t for t in tokens if t.i < last.i and not t.is_punct and t.dep_ != "det"]
        return (head.pos_ == "PROPN" and last.pos_ == "NOUN" and last.is_lower and name[0].i == head.i
                and all(t.pos_ == "PROPN" or t.lower_ in ("of", "and", "for") for t in name))

    @staticmethod
    def owned_report(head: Token) -> bool:
        """Is the phrase a report that a body or person owns ("FEC reports", "its annual report"; not "reports
        say", nor an outlet's report, which the outlet rules take first)?"""
        return head.lower_ in REPORT_NOUNS and any(
            c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)

    def bare_surname(self, head: Token, tokens: list[Token]) -> bool:
        """Is the phrase a common surname with no other name: "Henderson", "J. Mason", "Latta of Data
        Resources" (not "the Post", "IBM", "Henderson Group", or "Washington" tagged as a place)? The
        entity tagger often calls such a name an organisation, a place or a title."""
        tagged_a_name = head.pos_ == "PROPN" and head.tag_ == "NNP" or head.lower_ in self.public_figures  # ("Starmer" as a noun)
        capitalised = head.text[:1].isupper() and not head.is_upper  # ("McConnell", "DeSantis": not str.istitle)
        if not (tagged_a_name and capitalised and head.lower_ in self.surnames and head.ent_type_ in SURNAME_ENTS):
            return False
        if head.ent_type_ in ("GPE", "LOC") and head.lower_ in self.place_surnames:
            return False
        affiliation = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "from")
                       for t in c.subtree} | interviewed(head)  # ("Jeffries, speaking to reporters, said")
        affiliation |= {t.i for c in head.children if c.dep_ == "relcl" and any(
            w.tag_ in ("WP", "WP$") and (relative_pronoun(w) or w.lower_ in ("whose", "whom")) for w in c.subtree)
                        for t in c.subtree}
        # (a person's relative clause: "said Ramos, whose new book features interviews …"; not "which")
        if hyphenated_name(head) in self.public_figures:
            affiliation |= {head.i - 1, head.i - 2}  # "Ocasio-Cortez said", split at its hyphen
        # (a capitalised role before it titles the person: "Coach Reyes said", "Sheriff Hollis said")
        return all(t.i == head.i or t.i in affiliation or t.is_punct or (t.i < head.i and (
            _INITIAL.fullmatch(t.text) or t.is_title and t.lower_ in ROLE_TITLES)) for t in tokens) \
            and (head.lower_ in self.public_figures or not _called_it(head))  # ("Trump said it would …")

    def described_as_person(self, head: Token) -> bool:
        """Is a proper name described as a person: a role in its apposition or participle ("Klauhs,
        also managing director of …"), or a body it comes from ("Jean-Michel Lemetayer, from the FNSEA
        agricultural union,")? Bodies hold no roles and come from places, not from other bodies. The
        entity tagger often leaves such a name untyped or calls it a work of art."""
        if head.pos_ != "PROPN" or head.lower_ in self.org_heads or any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return False  # (no name takes "a": "a New Hampshire Republican, who …" is someone undescribed)
        person_nouns = PERSON_APPOSITIONS | OFFICE_TITLES | JOURNALIST_WORDS | self.roles
        for c in head.children:
            if c.dep_ in ("appos", "acl") and any(
                    t.pos_ == "NOUN" and t.tag_ == "NN" and t.lower_ in person_nouns and t.head.dep_ != "prep" for t in c.subtree):
                return True
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN" and c.lower_.endswith(("ist", "ian")) \
                    and any(g.dep_ == "det" and g.lower_ in ("a", "an") for g in c.children):
                return True  # "Helena Vasquez, a marine ecologist at …": a scientist, a physician, a historian
            if c.dep_ == "prep" and c.lower_ == "from" and any(
                    g.dep_ == "pobj" and (g.lower_ in self.org_heads or g.ent_type_ == "ORG") for g in c.children):
                return True
            if c.dep_ == "relcl" and head.i + 1 < len(head.doc) and head.nbor().text == "," and any(
                    g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" and relative_pronoun(g) for g in c.children):
                return True  # "Delgado, who has farmed corn outside Ames since 1987,": a body is "which", not "who"
        return False

    @staticmethod
    def vantage(head: Token, tokens: list[Token]) -> bool:
        """Does the phrase say where an unnamed source stood ("who saw the fire", "briefed on the
        talks", "close to the mayor", "with knowledge of the plan", "at the hospital", "in the room")? Only a clause inside
        the phrase: in "a source who told him …" the clause is the source's speech, not where it stood."""
        asked = interviewed(head)
        tokens = [t for t in tokens if t.i not in asked]
        inside = {t.i for t in tokens}
        for c in head.children:
            if c.i not in inside:
                continue
            if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") and not any(
                    g.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for g in c.children):
                return True  # "a person briefed on the talks", "officials working on the plan"
            if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and relative_pronoun(g) for g in c.children) and not any(
                    phrase in " ".join(t.lower_ for t in c.subtree) for phrase in ANONYMITY_PHRASES):
                # "a resident who saw the fire" (not "sources that there were …", a content clause, nor "a woman, who
                # declined to be identified", a reason for anonymity)
                return True
        if any(t.lower_ in VANTAGE_WORDS and not any(c.dep_ == "neg" for c in t.children) for t in tokens if t.i != head.i):
            return True  # (not "researchers who were not involved in the study": outside experts)
        return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and (
            c.lower_ in PLACE_PREPOSITIONS or c.lower_ in ("in", "on") and g.lower_ in VANTAGE_SETTINGS)
            for g in c.children) for c in head.children)

    def member_of_a_body(self, head: Token) -> bool:
        """Does the phrase place a group in a body ("Democrats on the committee", "Republicans in the
        state legislature"), not merely in a place ("Democrats in Ohio")?"""
        return any(c.dep_ == "prep" and c.lower_ in ("on", "in") and any(
            g.dep_ == "pobj" and g.lower_ in self.org_heads for g in c.children) for c in head.children)

    def reported_as(self, head: Token) -> bool:
        """Is the phrase a name that "reported" in an "as … reported" clause ("as WorldStarHipHop
        reported")? Such a clause credits another outlet's reporting (SPEC §2, "As revealed by The Sun");
        a place, a nationality or a body's word ("as the agency reported") is not one."""
        verb = head.head
        return (head.dep_ == "nsubj" and (head.pos_ == "PROPN" or _camel_case(head)) and head.ent_type_ == ""
                and head.lower_ not in self.org_heads and self.verb_lemmas.get(verb.lower_) in ("report", "reveal")
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
                and not any(t.lower_ in self.org_heads for t in head.subtree))

    def whose_relative(self, head: Token) -> bool:
        """Is the phrase a relative, friend or co-worker of someone in the story ("his wife", "the officer's
        daughter", "a friend of the victim", "Coworkers told authorities")? Such a source stands close to the
        story (SPEC §2). A lawyer or an ally is one only where the phrase says whose ("the family's attorney",
        "lawyers for the former mayor")."""
        if head.lower_ not in self.relation_roles:
            return False
        if head.lower_ not in RELATIONS_OF_ANYONE:
            return True  # "Coworkers told authorities", "a cousin said": kin, friends and co-workers of the story's people
        return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "to") and any(g.dep_ == "pobj" for g in c.children))
                   for c in head.children)  # ("a longtime adviser to the governor")

    def affiliated(self, head: Token, tokens: list[Token]) -> bool:
        """Does the phrase give an unnamed source a vantage point (an organisation, a place, a side)? A
        place that names a trade gives only a field ("Wall Street economists", "Silicon Valley executives")."""
        asked = interviewed(head)
        tokens = [t for t in tokens if t.i not in asked]
        named = [t for t in tokens if t.i < head.i and (t.ent_type_ or t.pos_ == "PROPN")]
        trade = {t.i for t in named} if " ".join(t.lower_ for t in named) in SECTOR_WORDS else set()
        for t in tokens:
            if t.i == head.i or t.i in trade:
                continue
            if t.ent_type_ in AFFILIATION_ENTS or t.ent_type_ == "PERSON" and t.dep_ == "poss":
                return True
            if t.lower_ in self.affiliations or t.lower_ in self.org_heads or (t.pos_ == "PROPN" and t.dep_ in ("compound", "pobj", "amod")):
                return True
            if t.text == "10" and t.i > 0 and t.doc[t.i - 1].lower_ in ("no", "number"):
                return True  # "a No 10 source": Downing Street's
            if t.dep_ == "compound" and t.i < head.i and len(t.text) > 1 and t.text.isalpha() and t.text.isupper() \
                    and t.lower_ not in MEDIA_WORDS and t.lower_ not in _FIELD_INITIALS:
                return True  # "an ICE spokeswoman": an agency's initials the tagger left a common noun (not "a TV reporter")
        return False

    @staticmethod
    def poll_share(head: Token, tokens: list[Token]) -> bool:
        """Is the phrase a share of voters or of a public: "majorities of Democrats", "a plurality of voters", "most
        Republican voters in Alabama"? Only a poll counts such shares (not "most Republican leaders")."""
        if head.lower_ in ("majority", "majorities", "plurality", "pluralities") and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return True
        return head.lower_ in POLLED_PUBLICS and any(t.lower_ == "most" and t.i < head.i for t in tokens)

    @staticmethod
    def answers_a_poll(head: Token) -> bool:
        """Does the phrase describe people answering a poll: "analysts polled by Reuters", "voters in a New York
        Times poll", "half of respondents in the poll", "a quarter of those polled"? Read down the phrase's
        own "of" and "in" attachments only, so a relative clause ("Clinton, who leads in the polls,") is not."""
        frontier = [head]
        for _ in range(3):
            below = []
            for h in frontier:
                for c in h.children:
                    if c.dep_ == "acl" and c.lower_ in POLLED_WORDS:
                        return True
                    if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                        for g in c.children:
                            if g.dep_ != "pobj":
                                continue
                            if c.lower_ == "in" and g.lower_ in POLL_WORDS:
                                return True
                            below.append(g)
            frontier = below
        return False

    def surname_like_outlet(self, doc: Document, sentence: Sentence, head: Token, determiner: str) -> bool:
        """Is a name that spells an outlet a person's surname: "Atlantic City Mayor Don Guardian" (a first
        name or title right before it), or a bare "Guardian" in an article that named him so ("The
        Guardian" keeps its determiner)? Not where the word before is part of the outlet's name itself
        ("Daily Kos", "Zero Hedge", whatever the tagger made of "Daily")."""
        if head.pos_ != "PROPN" or determiner == "the":
            return False
        before = head.doc[head.i - 1] if head.i > 0 else None
        if before is not None and before.dep_ == "compound" and before.head.i == head.i and (
                before.ent_type_ == "PERSON" or before.lower_.rstrip(".") in TITLES):
            start, end = sentence.offset + before.idx, sentence.offset + head.idx + len(head)
            return not any(m.start <= start and end <= m.end for m in self.outlets.finditer(doc.text, start, end))
        return not any(c.dep_ in ("compound", "poss") for c in head.children) and head.lower_ in doc.person_words \
            and not self.only_as_an_outlet(doc, head.text)

    def only_as_an_outlet(self, doc: Document, word: str) -> bool:
        """Is every mention of the word in the article an outlet's name, never the end of a longer name
        ("Don Guardian")? Then the entity tagger's PERSON on one of them ("according to Politico") made it
        a person word, not a person."""
        outlets = [(m.start, m.end) for m in self.outlets.finditer(doc.text, 0, len(doc.text))]
        for mention in re.finditer(rf"\b{re.escape(word)}\b", doc.text, flags=re.IGNORECASE):
            named = _NAME_BEFORE.search(doc.text, max(0, mention.start() - 40), mention.start())
            if (named and named.group(1) not in ("The", "A", "An")) or not any(a <= mention.start() < b for a, b in outlets):
                return False
        return True

    def head_in_outlet(self, doc: Document, sentence: Sentence, head: Token) -> bool:
        """Is the head word part of an outlet name found around it?"""
        start = sentence.offset + head.idx
        return any(m.start <= start < m.end for m in self.outlets.finditer(doc.text, start - 40 if start > 40 else 0, start + 40))


_NAME_BEFORE = re.compile(r"\b([A-Z][\w.'’-]*) $")


def _kind_mentioned_before(doc: Document, span: TextSpan, head_word: str, *, named: bool = False) -> SourceKind | None:
    """The kind given to the latest source phrase before ``span`` with the head word ``head_word``; with
    ``named``, only a phrase whose name is capitalised and holds the word ("the Syrian Observatory …" for
    "observatory"). None where there is none."""
    earlier = [key for key, phrase in doc.source_phrases.items() if key[0] < span.start and phrase.head == head_word
               and key in doc.kind_readings and (not named or (
                   phrase.name and phrase.name[:1].isupper() and head_word in phrase.name.lower().split()))]
    return doc.kind_readings[max(earlier)].kind if earlier else None  # type: ignore[return-value]


def _named_by(head: Token, doc: Document, deps: tuple[str, ...]) -> bool:
    """Does a person's name stand beside the phrase's head, joined by one of ``deps`` ("an exiled activist,
    Vladimir Osechkin,": appos; "one of the sponsors, Rep. Kevin Christie,": conj)?"""
    return any(c.dep_ in deps and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and c.lower_ in doc.person_words)
               for c in head.children)


def without_dateline(doc: Document, sentence: Sentence, span: TextSpan, head: Token) -> tuple[TextSpan, Token] | None:
    """A source phrase and its head word, the article's dateline cut off ("TOPEKA, Kan, June 18 -
    AmVestors Financial Corp": the parse took the dateline's place as the phrase's head); None when
    all of it is the dateline (SPEC §2: a dateline is no claim's source)."""
    cleared = doc.provenance.clear_of_dateline(doc.text, span)
    if cleared == span:
        return span, head
    words = sentence.span.char_span(cleared.start - sentence.offset, cleared.end - sentence.offset,
                                    alignment_mode="expand") if cleared is not None else None
    if not words:
        return None
    # the words the dropped head held side by side ("A New Jersey investor, Joseph Falkenstein,"): the name heads
    loose = [w for w in words if not words.start <= w.head.i < words.end]
    return cleared, next((w for w in loose if w.ent_type_ == "PERSON"), words.root)


def entity_of(token: Token) -> Span:
    """The named entity that ``token`` is part of (it must be inside one: ``token.ent_type_`` set)."""
    return next(e for e in token.doc.ents if e.start <= token.i < e.end)


def hyphenated_name(head: Token) -> str | None:
    """"Rowlson-Hall" (lower case) where the parse split a hyphenated name into "Rowlson", "-", "Hall"."""
    doc = head.doc
    if head.i < 2 or doc[head.i - 1].text not in ("-", "‐") or doc[head.i - 1].whitespace_ or doc[head.i - 2].whitespace_:
        return None
    first = doc[head.i - 2]
    return f"{first.lower_}-{head.lower_}" if first.is_title and first.is_alpha else None


def strip_possessive(name: str) -> str:
    """"Putin’s" → "Putin": names are compared without their possessive."""
    return name.replace("’s", "").replace("'s", "")


def known_surname(head: Token, doc: Document | None) -> bool:
    """A capitalised word the tagger took for a common noun ("Matthews said …") that names a person
    elsewhere in the article ("Chris Matthews")."""
    return (doc is not None and head.pos_ == "NOUN" and head.is_title
            and head.lower_ in doc.person_words)


def surname_of_a_full_name(doc: Document, word: str) -> bool:
    """Is ``word`` (lower case) the last word of a person's full name in the article ("Vitali Klitschko")?"""
    return any(len(e) > 1 and strip_possessive(e[-1].text).lower() == word
               for s in doc.sentences if s.span is not None for e in s.span.ents if e.label_ == "PERSON")


def _described_titled_name(sentence: Sentence, span: TextSpan) -> bool:
    """Is the phrase an honorific and a name with only lower-case describing words before them ("a
    crestfallen Mr Lim", "the ever-cautious Mrs. Okafor", "his lawyer Mr Smith"), not a phrase the
    name only ends ("a friend of Mr Lim")?"""
    if sentence.span is None:
        return False
    tokens = [t for t in sentence.span if span.start <= sentence.offset + t.idx < span.end and not t.is_punct]
    for i, t in enumerate(tokens[:-1]):
        if t.lower_.rstrip(".") in HONORIFICS and all(n.is_title or n.is_upper for n in tokens[i + 1:]):
            # (the parse may call the adjective a noun: "a crestfallen Mr Lim" has "crestfallen" NOUN)
            return i > 0 and all(b.is_lower and b.pos_ not in ("ADP", "VERB", "AUX", "PART") for b in tokens[:i])
    return False


def person_words(doc: Document) -> frozenset[str]:
    """Lower-cased words of every name the article shows is a person's, so that a bare surname
    elsewhere is that person whatever the entity tagger made of it: PERSON entities, names after
    an honorific or abbreviated title ("Mr Parkinson", "Gov. Bill Lee") or a role only people hold
    ("Sheriff Marcus Delray"), and names with a person
    noun in apposition ("Henderson, a tenant lawyer,"). A titled hyphenated name counts whole and by part."""
    org_heads = load_lexicon("source_nouns").texts("organization_head")
    # "Border Patrol" tagged PERSON is a body: a name ending in an organisation noun is nobody's name
    # and a lone common plural tagged PERSON ("Scholars worry") names no one
    names = [strip_possessive(e.text) for s in doc.sentences if s.span is not None
             for e in s.span.ents if e.label_ == "PERSON" and e[-1].lower_ not in org_heads
             and not (len(e) == 1 and e[0].tag_ == "NNS")]
    titled = [_NICKNAME.sub("", m.group(1)) for m in _TITLED_NAME.finditer(doc.text)]
    titled += [m.group(1) for m in _ROLE_TITLED_NAME.finditer(doc.text)
               if not any(w.lower() in ROLE_TITLES or w.lower() in org_heads for w in m.group(1).split())]
    names += [m.group(1) for m in _IDENTIFIED_AS.finditer(doc.text)]
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
    return frozenset(words)


def _a_ratio_of(head: Token) -> bool:
    """Is the phrase a ratio of a population ("one in three adults", "1 in 4 voters")? Said of those asked,
    it reports a survey's finding, as a percentage does."""
    return any(c.dep_ == "nummod" and any(g.dep_ == "quantmod" and g.lower_ == "in" for g in c.children)
               for c in head.children)


def _styled_name(tokens: list[Token]) -> bool:
    """Is the phrase a name styled in title case through its small words ("Doctors Without Borders",
    "Hillary For America", "Mothers Against Drunk Driving")? People's names have no capitalised
    preposition, though a title before one may ("Secretary Of State John Kerry"); a sentence's first
    word proves nothing."""
    words = [t for t in tokens if not t.is_punct]
    small = [t for t in words[1:-1] if t.pos_ in ("ADP", "CCONJ", "SCONJ") and t.is_title and t.i != t.sent.start]
    if len(words) < 3 or not small or not all(t.is_title or t.is_upper or t.like_num for t in words):
        return False
    # (not "Secretary Of State John Kerry": a person's name after the small word is a title's holder)
    return words[-1].ent_type_ != "PERSON" or entity_of(words[-1]).start <= small[-1].i


#: a body's own site: a document that speaks for itself when the body owns it (``SourceKinds.owned_by_a_body``)
SITE_WORDS = frozenset({"website", "websites", "site", "sites", "homepage", "webpage"})
#: bodies that are places: a representative for the district is its elected member, not the body's line
PLACE_BODIES = frozenset({"district", "county", "city", "state", "town", "village", "constituency", "ward", "region",
                          "province", "country", "nation", "borough", "parish"})
#: Possessive pronouns that say whose a role is ("his spokesman", "its spokeswoman").
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
#: Pronouns that refer back to a singular third party, by what they make of it.
_THIRD_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself"})
#: Verbs, every form, whose subject "it" is often nobody's pronoun ("it was time", "it would take years", "it
#: seems"): the pipeline loads no lemmatizer, so forms are listed.
_EXPLETIVE_VERBS = frozenset({"'s", "appear", "appeared", "appearing", "appears", "are", "be", "been", "being",
    "cost", "costing", "costs", "happen", "happened", "happening", "happens", "is", "made", "make", "makes",
    "making", "matter", "mattered", "mattering", "matters", "rain", "rained", "raining", "rains", "remain",
    "remained", "remaining", "remains", "seem", "seemed", "seeming", "seems", "take", "taken", "takes", "taking",
    "took", "was", "were", "’s"})


#: Besides the document verbs, what a released document does to its subject "it": alleging.
_ALLEGING = frozenset({"alleges", "alleged", "charges", "charged"})
#: Polls and surveys ("the poll", "polling averages", "the AP's tally"): a document whoever ran them (SPEC §2).
POLL_SUBJECTS = load_lexicon("cue_words").texts("poll_subject")


#: Words that make a party member a position's holder: "the top Democrat", "the ranking Republican".
_RANKS = frozenset({"top", "ranking", "senior", "leading", "lone", "only", "highest-ranking"})


#: Groups named by the side they take, not by whom they work for: "Sanders backers", "Trump critics".
_SIDE_TAKERS = load_lexicon("source_nouns").texts("side_taker")


def _named_employer(head: Token, tokens: list[Token]) -> bool:
    """Does a body's name qualify the group ("Goldman Sachs analysts"), not a place that names a trade
    ("Wall Street economists")? A possessive does not ("Trump's opponents", tagged a body), nor a name the
    group takes a side on ("Sanders backers")."""
    if head.lower_ in _SIDE_TAKERS:
        return False
    body = [t for t in tokens if t.i < head.i and t.ent_type_ == "ORG" and t.dep_ == "compound"]
    return bool(body) and " ".join(t.lower_ for t in body) not in SECTOR_WORDS


def _chief_of_staff(head: Token) -> bool:
    """Is the phrase a chief of staff ("the senator's chief of staff", "a chief of staff to the mayor"):
    someone's closest aide, whoever the parse made the head?"""
    return head.lower_ == "chief" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ == "staff" for g in c.children) for c in head.children)


def _called_it(head: Token) -> bool:
    """Does the sentence refer back to a name tagged as a body or a person as "it" ("Ford said it would
    recall …", "Apple reported its results"): a company that shares its name with a surname, or one the
    tagger took for a person ("Moderna said its …"), not a person?
    The first singular third-person pronoun after the name decides, where it belongs to the name's own
    verb or to the clause that verb reports ("Christie said, adding that it pains him" does not); an
    "it" that is often no one's ("it would take years") does not either."""
    if head.ent_type_ not in ("ORG", "PERSON"):
        return False
    pronoun = next((t for t in head.sent if t.i > head.i and t.lower_ in _THIRD_PERSON), None)
    if pronoun is None or pronoun.lower_ not in ("it", "its", "itself"):
        return False
    verb = pronoun.head
    while verb.dep_ not in ("ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj") and verb.head.i != verb.i:
        verb = verb.head  # up from "its results" to the verb whose object it is
    if not (verb.i == head.head.i or verb.head.i == head.head.i and verb.dep_ in ("ccomp", "xcomp")):
        return False
    return pronoun.lower_ != "it" or pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.lower_ not in _EXPLETIVE_VERBS


def _camel_case(token: Token) -> bool:
    """Is the token a name written in camel case ("WorldStarHipHop", "HuffPost"), whatever its tag?"""
    text = token.text
    return len(text) > 3 and text[0].isupper() and any(c.isupper() for c in text[1:]) and any(c.islower() for c in text)


def described_by_age(head: Token) -> bool:
    """Is the phrase a person described by age ("the 21-year-old", "a 40 year old")? Its head is
    "old" with the span of years or months attached."""
    return head.lower_ == "old" and any(c.lower_ in AGE_UNITS for c in head.children)


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
    # "the Florida senator", "the New Jersey governor": a place before a role says where the office
    # is, not who holds it; such a phrase names no one and takes its kind from whom it refers to
    places = {t.lower_ for t in head.doc[i:name_head.i] if t.ent_type_ in PLACE_ENTS} \
        if name_head.pos_ != "PROPN" and name_head.ent_type_ != "PERSON" else set()
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss")), "")
    doc.source_phrases[(span.start, span.end)] = SourcePhrase(
        name=name,
        head=head.lower_,
        name_words=tuple(w.strip(".,").lower() for w in words if w[:1].isupper() and w.strip(".,").lower() not in places),
        determiner=determiner,
        ent_type=head.ent_type_,
        plural=head.tag_ in ("NNS", "NNPS"),
        role=role,
        words=tuple(sorted({w.strip(".,’'").lower() for w in strip_possessive(span.text).split()} - {""})),
    )

"""Source entities: mentions of one source merged within the article, and corroboration.

"Vladimir Osechkin", "Osechkin", "the Russian" and "he" are one entity (SPEC §1). Rules, in
document order: a pronoun takes the most recent person named as a subject or a source; a
definite role ("the judge", "the city attorney") takes the most recent named person whose
mentions carried that word ("Judge Michael Markman"); another definite description ("the
official", "the newspaper", "his source", "the spokesperson") takes the most recent entity with
the same head, or of the fitting kind; a name joins the entity whose name words contain it;
anything else starts an entity. Independence for corroboration is counted over
entities, never mentions, and agentless or vague groups are not counted as independent, nor a
source and its relay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from credscore.document import (Document, Offsets, RelayLink, SentenceCorroboration, SourceEntity, SourceKind,
                                SourcePhrase, TextSpan)
from credscore.features.source_kinds import (GROUP_PRONOUNS, INFORMANT_HEADS, PERSON_PRONOUNS, SPOKESPEOPLE,
                                            strip_possessive)
from credscore.outlets import outlet_key

#: Definite singular descriptions that, in news copy, refer back to a named person.
DESCRIBED_PERSON_HEADS = frozenset(
    "chief boss head director minister president mayor governor activist analyst expert lawyer diplomat spy "
    "campaigner founder leader chairman chairwoman commander colonel general secretary ambassador "
    "senator congressman congresswoman nominee candidate prosecutor chancellor premier treasurer sheriff "
    "commissioner superintendent councillor councilman councilwoman lawmaker legislator politician mate "
    "billionaire businessman businesswoman tycoon".split()
)

#: "an official", "a State Department official": an unnamed official introduced in the text, whom a later
#: "the official" describes rather than a named office holder.
_UNNAMED_OFFICIAL = re.compile(r"\b(?:an?|one|another)\b[^.!?;]{0,60}?\bofficial\b", re.I)
#: "42-year-old": a person described by age, at the phrase's end ("the 21-year-old") or anywhere in it
_AGE = r"\b(?:years?|months?)[- ]old"
_AGED = re.compile(_AGE + "$")
_AGED_IN = re.compile(_AGE + r"\b")
#: the kinds a person the article quotes can have, named or not
PERSON_KINDS = frozenset({"named_person", "anonymous_specific", "anonymous_vague"})
GENERIC_OUTLET_HEADS = frozenset({"newspaper", "paper", "outlet", "broadcaster", "publication", "website", "tabloid", "agency"})
DEFINITE = frozenset({"the", "his", "her", "their", "its", "this", "that"})
#: Heads of a singular anonymous informant; "another source", "a second insider" start a new one.
ANOTHER = frozenset({"another", "other"})
_ANOTHER = re.compile(r"\b(?:another|other|second|third|fourth|different|separate|new)\b", re.IGNORECASE)


def _another(text: str) -> bool:
    return _ANOTHER.search(text) is not None


COUNTS_AS_INDEPENDENT: frozenset[SourceKind] = frozenset(
    {"named_person", "named_organization", "document", "media", "anonymous_specific"}
)


@dataclass
class _Entity:
    entity_id: str
    kind: SourceKind
    name: str
    name_words: set[str]
    heads: set[str]
    name_last: str = ""
    words: set[str] = field(default_factory=set)  # every word of its mentions, titles included
    mentions: list[Offsets] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    last: int = -1  # offset of the latest mention
    generic_outlet: bool = False  # first met as "the newspaper": an outlet named elsewhere in the text
    plural: bool = False  # first met as a plural ("officials", "two people"): no "she" refers to it
    person: bool = False  # first met as an unnamed person introduced as such ("a nurse", "one onlooker"), not a body
    last_as_one: int = -1  # offset of the latest mention that is not "they": what a later "she" may refer to
    affiliations: set[str] = field(default_factory=set)  # capitalised words of its mentions: "a Nato source" → nato


class EntityResolver:
    """Pipeline component: merges source mentions into entities and counts corroboration."""

    name = "entities"
    requires: tuple[str, ...] = ("attribution",)
    assigns: tuple[str, ...] = ("document.entities", "sentence.attribution.entity_id", "sentence.corroboration")

    def __call__(self, doc: Document) -> Document:
        info = doc.source_phrases
        persons = list(doc.person_subjects)
        entities: list[_Entity] = []
        self._seen: dict[tuple[int, int], _Entity] = {}
        for sentence in doc.sentences:
            a = sentence.attribution
            if a is None:
                continue
            relay = tuple(self._link(doc, l, info, persons, entities, sentence.index) for l in a.relay)
            entity = None
            if a.source is not None:
                entity = self._resolve(doc, a.source, a.kind, info, persons, entities, sentence.index)
            if entity is None:
                sentence.attribution = replace(a, relay=relay)
                continue
            resolved_from = None
            kind = a.kind
            if entity.kind != a.kind and (_is_reference(a.source.text if a.source else "", info, a.source)
                                          or (a.kind, entity.kind) == ("named_person", "media")):
                # "he", "the official", or "Tapper" after "CNN's Jake Tapper": the entity's kind
                kind = entity.kind
                resolved_from = TextSpan.of(doc.text, entity.mentions[0].start, entity.mentions[0].end)
            sentence.attribution = replace(a, entity_id=entity.entity_id, kind=kind, relay=relay, resolved_from=resolved_from)
        for generic, named in _generic_outlets_named_before(doc.text, entities):
            _merge_into(doc, generic, named, entities)
        _carry_relays(doc)
        doc.entities = [
            SourceEntity(e.entity_id, e.name, e.kind, tuple(sorted(set(e.mentions), key=lambda m: m.start)), tuple(sorted(e.sentences)))
            for e in entities
        ]
        _corroborate(doc)
        doc.done.add(self.name)
        return doc

    def _link(self, doc: Document, link: RelayLink, info: dict[tuple[int, int], SourcePhrase], persons: list[TextSpan], entities: list[_Entity], index: int) -> RelayLink:
        entity = self._resolve(doc, link.source, link.kind, info, persons, entities, index, relay=True)
        return replace(link, entity_id=entity.entity_id if entity else None, kind=entity.kind if entity else link.kind)

    def _resolve(
        self,
        doc: Document,
        span: TextSpan,
        kind: SourceKind,
        info: dict[tuple[int, int], SourcePhrase],
        persons: list[TextSpan],
        entities: list[_Entity],
        sentence_index: int,
        *,
        relay: bool = False,
    ) -> _Entity | None:
        seen = self._seen.get((span.start, span.end))
        if seen is not None:  # the same mention again (a quote chain inherits its speaker)
            if not relay:
                seen.sentences.add(sentence_index)
            return seen
        meta = info.get((span.start, span.end)) or SourcePhrase()
        lower = span.text.lower().strip()
        head = meta.head if meta.head is not None else (lower.split()[-1] if lower else "")
        determiner = meta.determiner
        name = meta.name if meta.name is not None else span.text
        earlier = [e for e in entities if e.last < span.start]
        generic = kind == "media" and _generic_outlet(span.text, determiner, head)
        found: _Entity | None = None
        if lower in PERSON_PRONOUNS and meta.antecedent is None:  # (not one the typing found: "A rancher …. He said")
            found = self._person_antecedent(doc, span, persons, entities, info, sentence_index)
        elif meta.ent_type == "NORP" and determiner == "the" and not meta.plural:
            # "The Russian said": the person the article has been quoting
            found = next((e for e in sorted(earlier, key=lambda e: -e.last) if e.kind == "named_person"), None)
        elif lower in GROUP_PRONOUNS and meta.antecedent is None:  # (not "They show" after "The accounts")
            found = next((e for e in sorted(earlier, key=lambda e: -e.last) if e.kind.startswith("anonymous")), None)
            if found is None:
                return None
        elif kind == "media":
            key = outlet_key(_outlet_name(meta.antecedent.text if meta.antecedent else span.text))
            found = next((e for e in earlier[::-1] if e.kind == "media" and (key in e.heads or generic)), None)
        elif kind == "named_person":
            found = _same_person(meta.name_words, entities) or _journalist_named(meta.name_words, earlier)
        elif kind == "named_organization" and self._known_person(meta, entities):
            found = self._known_person(meta, entities)
        elif kind == "named_organization":
            key = _org_key(name)
            found = next((e for e in entities if e.kind == "named_organization" and key in e.heads), None)
        elif determiner in DEFINITE and (meta.role or kind.startswith("anonymous")) and not meta.plural and (
            named := self._named_with_role(doc, head, span, earlier, entities)
        ):
            # "the judge" after "Judge Michael Markman", "the city attorney" after "City Attorney Barbara Parker",
            # "the actor" after "Actor Tom Hanks" or "Tom Hanks, the actor,"
            found = named
        elif determiner in DEFINITE:
            # "the official", "The NATO official", "his source", "the whistleblower", "the Russian"
            by_head = [e for e in sorted(earlier, key=lambda e: -e.last) if head in e.heads
                       and (e.kind != "named_organization" or head in SPOKESPEOPLE)]  # "the spokesperson" again
            if by_head:
                found = by_head[0]
            elif meta.ent_type == "NORP" and not meta.plural:
                found = next((e for e in sorted(earlier, key=lambda e: -e.last) if e.kind == "named_person"), None)
            elif head in INFORMANT_HEADS:
                found = next((e for e in sorted(earlier, key=lambda e: -e.last) if e.kind == "anonymous_specific"), None)
            elif _AGED.search(lower) and not meta.plural:
                # "the 21-year-old told the bakers": the person the article has been quoting, named or not
                found = self._aged_antecedent(span, persons, earlier, entities)
            elif head == "official" and not meta.plural and lower.startswith("the ") \
                    and not _UNNAMED_OFFICIAL.search(doc.text, 0, span.start):
                # "Deputy Secretary of State Wendy Sherman met … The official said": the office holder
                # the article named, where it introduced no unnamed official
                found = self._described_antecedent(span, persons, earlier, entities)
            elif head in DESCRIBED_PERSON_HEADS and not meta.plural:
                # "The spy chief said", "the activist added": the person the article is quoting, or one it named
                # as a subject since ("Bernie Sanders spoke for an hour … “…,” the senator said")
                found = self._described_antecedent(span, persons, earlier, entities)
        affiliations = _affiliations(span.text)
        if found is None and head in INFORMANT_HEADS and kind.startswith("anonymous") and not meta.plural \
                and determiner not in ANOTHER and not _another(span.text):
            # "a whistleblower" … "an insider source" … "a source within the FSB": an article that
            # introduces an informant keeps describing the same one, unless it says "another" or places it
            # elsewhere ("a Nato source" after the FSB one)
            found = next((e for e in sorted(earlier, key=lambda e: -e.last)
                          if e.kind.startswith("anonymous") and e.heads & INFORMANT_HEADS
                          and not (affiliations and e.affiliations and not affiliations & e.affiliations)), None)
        if found is None:
            found = _Entity(
                entity_id=f"e{len(entities) + 1}",
                kind=kind,
                name=_display_name(meta.antecedent.text if meta.antecedent else span.text, meta, kind),
                name_words=set(meta.name_words),
                name_last=(meta.name_words or ("",))[-1],
                heads={head, _org_key(name) if kind == "named_organization" else head,
                       outlet_key(_outlet_name(span.text)) if kind == "media" else head},
                generic_outlet=generic,
                plural=meta.plural,
                # (not "the first lady", "the official": a definite role may be someone the reader knows)
                # (or one described by age: "a 42-year-old fisherman told AP. … He said")
                person=(meta.role or bool(_AGED_IN.search(lower))) and (
                    meta.determiner in ("a", "an") or lower.startswith("one ")),
                affiliations=set(affiliations),
            )
            entities.append(found)
        else:
            if kind == found.kind and (len(meta.name_words) > len(found.name_words) or (
                    found.name.isupper() and not span.text.isupper() and meta.name_words)):
                # a fuller name, or the same in its usual case ("TRUMP" of a transcript's label, then "Mr. Trump")
                found.name = _display_name(span.text, meta, kind)
                found.name_words |= set(meta.name_words)
                found.name_last = meta.name_words[-1]
            found.heads.add(head)
            found.affiliations |= affiliations
        if found.kind == "named_person":
            found.words.update(meta.words)
        self._seen[(span.start, span.end)] = found
        found.mentions.append(Offsets(span.start, span.end))
        found.last = max(found.last, span.start)
        if lower not in GROUP_PRONOUNS:
            found.last_as_one = max(found.last_as_one, span.start)
        if not relay:
            found.sentences.add(sentence_index)
        return found

    @staticmethod
    def _known_person(meta: SourcePhrase, entities: list[_Entity]) -> _Entity | None:
        return _same_person(meta.name_words, entities, partial_entity=False)

    def _person_antecedent(
        self,
        doc: Document,
        span: TextSpan,
        persons: list[TextSpan],
        entities: list[_Entity],
        info: dict[tuple[int, int], SourcePhrase],
        sentence_index: int,
    ) -> _Entity | None:
        """Most recent person before ``span``: a named source, a person named as a subject, or an unnamed person
        the article introduced as such and has quoted since ("a woman … said"), where no person is named after her."""
        best_entity = max((e for e in entities if e.kind == "named_person" and e.last < span.start), key=lambda e: e.last, default=None)
        # (a lower-case "person" is the tagger's slip: "said the lorry had jumped a red light")
        subject = max((p for p in persons if p.end <= span.start and p.text[:1].isupper()), key=lambda p: p.start, default=None)
        sentence = doc.sentences[sentence_index]
        here = [p for p in doc.person_mentions if sentence.start <= p.start and p.end <= span.start and p.text[:1].isupper()]
        if here:  # "… came from Zelensky on March 12, when he said …"
            # a subject wins over a later name in an object or a clause: "Kateryna Mytkevich, who
            # fled Chernihiv, wiped away tears as she spoke" (a place the tagger took for a person)
            subjects = [p for p in here if _is_subject(sentence, p)]
            subject = (subjects or here)[-1]
        if subject is not None and (best_entity is None or subject.start > best_entity.last):
            best_entity = _person_entity(subject, entities)
        # (an unnamed spokesperson is one person too, and speaks for the body: "A spokeswoman for the
        # National Security Council said …. She added …")
        unnamed = max((e for e in entities if e.kind in ("anonymous_specific", "anonymous_vague", "named_organization")
                       and e.person and not e.plural and 0 <= e.last_as_one < span.start), key=lambda e: e.last_as_one, default=None)
        # (a lone word the tagger called a person outside a subject is as often a place: "a depot near Baalbek")
        named_since = [p for p in doc.person_mentions if unnamed is not None and unnamed.last_as_one < p.start
                       and p.end <= span.start and p.text[:1].isupper() and (len(p.text.split()) > 1 or p in doc.person_subjects)]
        if unnamed is not None and (best_entity is None or unnamed.last_as_one > best_entity.last) and not named_since:
            # "A woman who was selling vegetables … described …. She told AFP …": the unnamed person the article
            # is quoting, with no person named since, is whom "she" refers to, and keeps her kind (SPEC §2)
            return unnamed
        return best_entity

    @staticmethod
    def _aged_antecedent(span: TextSpan, persons: list[TextSpan], earlier: list[_Entity], entities: list[_Entity]) -> _Entity | None:
        """Whom "the 21-year-old" refers to: the latest person quoted before it, named or not, or the
        latest person named as a subject, whichever comes later ("John Smith, 21, was arrested")."""
        quoted = max((e for e in earlier if e.kind in PERSON_KINDS), key=lambda e: e.last, default=None)
        subject = max((p for p in persons if p.end <= span.start), key=lambda p: p.start, default=None)
        if subject is not None and (quoted is None or subject.start > quoted.last):
            return _person_entity(subject, entities)
        return quoted

    @staticmethod
    def _described_antecedent(span: TextSpan, persons: list[TextSpan], earlier: list[_Entity],
                              entities: list[_Entity]) -> _Entity | None:
        """Whom "the senator", "the activist" refers to: the latest named person quoted before it, or the
        latest person named as a subject, whichever comes later."""
        quoted = max((e for e in earlier if e.kind == "named_person"), key=lambda e: e.last, default=None)
        subject = max((p for p in persons if p.end <= span.start), key=lambda p: p.start, default=None)
        if subject is not None and (quoted is None or subject.start > quoted.last):
            return _person_entity(subject, entities)
        return quoted

    @staticmethod
    def _named_with_role(doc: Document, head: str, span: TextSpan, earlier: list[_Entity],
                         entities: list[_Entity]) -> _Entity | None:
        """The person a definite role or description refers to: the most recent named source whose mentions
        carried the word, or else the most recent person named with it as a title or in an apposition
        ("City Attorney Barbara Parker filed a lawsuit" … "the city attorney said"; "Tom Hanks, the actor,
        visited" … "the actor said")."""
        source = next((e for e in sorted(earlier, key=lambda e: -e.last) if e.kind == "named_person" and _holds_role(head, e.words)), None)
        titled = next((p for p in reversed(doc.person_mentions) if p.end <= span.start and (
            _holds_role(head, _title_words(doc.text, p.start)) or _holds_role(head, _apposition_words(doc.text, p.end))
            or _holds_role(head, _role_of_a_place(doc.text, p.start)))), None)
        if titled is not None and (source is None or titled.start > source.last):
            return _person_entity(titled, entities)
        return source


def _is_subject(sentence: Any, mention: TextSpan) -> bool:
    """Whether a mention heads the subject of its clause in the sentence's parse (False without one)."""
    if sentence.span is None:
        return False
    chunk = sentence.span.doc.char_span(mention.start - sentence.offset, mention.end - sentence.offset, alignment_mode="expand")
    return chunk is not None and chunk.root.dep_ in ("nsubj", "nsubjpass")


def _person_entity(mention: TextSpan, entities: list[_Entity]) -> _Entity:
    """The named-person entity of a PERSON name that was not itself a source: found or started."""
    name = strip_possessive(mention.text)
    words = {w.lower().strip(".,") for w in name.split() if w[:1].isupper()}
    existing = next((e for e in entities if e.kind == "named_person" and words and (words <= e.name_words or e.name_words <= words)), None)
    if existing is not None:
        return existing
    entity = _Entity(f"e{len(entities) + 1}", "named_person", name, words, set(), name_last=name.split()[-1].lower())
    entity.mentions.append(Offsets(mention.start, mention.end))
    entity.last = mention.start
    entities.append(entity)
    return entity


_TITLE_WORDS = re.compile(r"((?:[\w’'.-]+ ){1,4})$")


#: Abbreviated titles and the role word a later "the senator" uses.
_TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "lt": "lieutenant",
                        "col": "colonel", "gen": "general", "capt": "captain", "sgt": "sergeant", "prof": "professor",
                        "supt": "superintendent", "insp": "inspector", "det": "detective", "cllr": "councillor"}


#: Role words a later description uses for a title ("Rep. Tom Bradley" … "the congressman").
_TITLE_SYNONYMS = {"representative": {"congressman", "congresswoman", "congressperson", "lawmaker"},
                   "senator": {"lawmaker"}, "congressman": {"lawmaker"}, "congresswoman": {"lawmaker"},
                   "chairman": {"chair"}, "chairwoman": {"chair"}, "chairperson": {"chair"},
                   "attorney": {"prosecutor"}, "nominee": {"candidate"}}


#: a role's initials and the words they stand for ("the CEO" after "…, the founder and chief executive of VaultLine")
_INITIALLED_ROLES = {"ceo": {"chief", "executive"}, "cfo": {"chief", "financial"}, "coo": {"chief", "operating"}}


#: roles written in capitals, which are no name's words ("The Grimsby-born MP tweeted")
_ROLE_INITIALS = frozenset({*_INITIALLED_ROLES, "mp", "mep", "msp", "mla"})


def _holds_role(head: str, words: set[str]) -> bool:
    """Do a mention's words hold the role word ``head``, spelt out or as its initials?"""
    return head in words or (head in _INITIALLED_ROLES and _INITIALLED_ROLES[head] <= words)


#: role words a title may spell in lower case before a name ("chief executive Lauren Besser", "engineer Tom Hale")
_LOWER_CASE_TITLES = DESCRIBED_PERSON_HEADS | {"executive", "officer", "editor", "manager", "engineer", "coach", "economist",
                                               "spokesman", "spokeswoman", "spokesperson", "attorney", "judge", "deputy"}


#: "The sheriff of Calloway County, " right before a name: the role of a place or body, then the name in apposition
_ROLE_OF_A_PLACE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+)?(\w+)\s+of\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*,\s+$")


def _role_of_a_place(text: str, start: int) -> set[str]:
    """The role word of "The sheriff of Calloway County, Benjamin Haskett": {"sheriff"}; empty where none."""
    m = _ROLE_OF_A_PLACE.search(text, max(0, start - 80), start)
    return {m.group(1).lower()} if m else set()


def _title_words(text: str, start: int) -> set[str]:
    """The capitalised words right before a name, lower-cased, abbreviations spelt out: its title
    ("City Attorney"; "Sen." is "senator")."""
    m = _TITLE_WORDS.search(text, max(0, start - 60), start)
    if m is None:
        return set()
    words = []
    for word in reversed(m.group(1).split()):
        if word in ("of", "for"):
            continue  # "Deputy Secretary of State Marcus Ilunga", "Under Secretary for Policy …"
        if not word[:1].isupper() and word not in _LOWER_CASE_TITLES:  # ("chief executive Lauren Besser")
            break
        words.append(word.lower())
    titles = set(words) | {_TITLE_ABBREVIATIONS[w.rstrip(".")] for w in words if w.rstrip(".") in _TITLE_ABBREVIATIONS}
    return titles | {s for t in titles for s in _TITLE_SYNONYMS.get(t, ())}


#: an apposition after a name that describes the person: ", a nurse at the hospital,", ", the actor,", ", 45, a teacher,"
_APPOSITION = re.compile(r",\s+(?:\d{1,3},\s+)?(?:a|an|the)\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]+?)(?=\s+(?:at|of|for|in|from|with|who|whose|which|that)\b|\s*[,.;)])")


def _apposition_words(text: str, end: int) -> set[str]:
    """The words, lower-cased, of an apposition right after a name that starts with an article and runs
    to its first preposition or relative pronoun ("Jane Doe, a nurse at the hospital," gives {"nurse"}), or of a
    role given with a copula ("Jane Doe was the chief nurse at …")."""
    m = _APPOSITION.match(text, end, min(len(text), end + 80)) or _COPULA_ROLE.match(text, end, min(len(text), end + 80))
    return {w.lower() for w in m.group(1).split()} if m else set()


#: a role given with a copula right after a name: "Howard Lindqvist had been the chief engineer at the mine",
#: "Dana Whitcombe took over as chief executive of Corvane"
_COPULA_ROLE = re.compile(r"\s+(?:(?:is|was|has been|had been|became)\s+(?:a|an|the)|(?:took over|was named|was appointed|"
                          r"was installed|serves|served|started|joined) as(?:\s+(?:a|an|the))?)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+?)"
                          r"(?=\s+(?:at|of|for|in|from|with|who|since)\b|\s*[,.;)])")


def _same_person(words: tuple[str, ...], entities: list[_Entity], *, partial_entity: bool = True) -> _Entity | None:
    """The most recent person entity this name refers to.

    "Osechkin" joins "Vladimir Osechkin" (its surname is among the entity's words); "Richard
    Kemp" does not join "Sir Richard" (the entity's last word is a first name, not "Kemp").
    """
    if not words:
        return None
    mention = set(words)
    for e in sorted(entities, key=lambda e: -e.last):
        if e.kind != "named_person" or not e.name_words:
            continue
        if mention <= e.name_words and words[-1] in e.name_words:
            return e
        if partial_entity and e.name_words <= mention and e.name_last == words[-1]:
            return e
    return None


def _journalist_named(words: tuple[str, ...], earlier: list[_Entity]) -> _Entity | None:
    """The most recent outlet's journalist ("CNN's Jake Tapper", a ``media`` entity) whose surname a
    bare name ("Tapper") is: the same source, of the outlet's kind."""
    if len(words) != 1:
        return None
    return next((e for e in sorted(earlier, key=lambda e: -e.last)
                 if e.kind == "media" and len(e.name_words) >= 2 and e.name_last == words[0]), None)


def _is_reference(text: str, info: dict[tuple[int, int], SourcePhrase], span: TextSpan | None) -> bool:
    """A pronoun or definite description whose kind comes from what it refers to."""
    lower = text.lower().strip()
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return True
    meta = (info.get((span.start, span.end)) if span else None) or SourcePhrase()
    return meta.determiner in DEFINITE and not [w for w in meta.name_words if w not in _ROLE_INITIALS]  # ("the CEO", "the MP")


def _generic_outlet(text: str, determiner: str, head: str) -> bool:
    """ "the newspaper", "the paper": a definite outlet word with no name of its own ("the Interfax news agency" has one)."""
    words = text.split()
    return determiner in DEFINITE and head in GENERIC_OUTLET_HEADS and not any(w[:1].isupper() for w in words[1:])


def _generic_outlets_named_before(text: str, entities: list[_Entity]) -> list[tuple[_Entity, _Entity]]:
    """Each outlet entity met only as "the newspaper", with the named outlet the text mentions last before it.

    "Speaking to The Times, Osechkin … Osechkin told the newspaper": the Times is not yet a source
    when "the newspaper" is read, but the text named it first.
    """
    named = [e for e in entities if e.kind == "media" and not e.generic_outlet
             and any(w[:1].isupper() for w in e.name.split()[1:] or e.name.split())]
    pairs = []
    for e in entities:
        if not e.generic_outlet or not e.mentions:
            continue
        first = min(m.start for m in e.mentions)
        before = [(text.rfind(n.name, 0, first), n) for n in named]
        position, target = max(before, key=lambda pair: pair[0], default=(-1, None))
        if target is not None and position >= 0:
            pairs.append((e, target))
    return pairs


def _merge_into(doc: Document, old: _Entity, new: _Entity, entities: list[_Entity]) -> None:
    """Fold entity ``old`` into ``new``: its mentions, its sentences, and every attribution and relay pointing at it."""
    new.mentions.extend(old.mentions)
    new.sentences |= old.sentences
    new.heads |= old.heads
    new.affiliations |= old.affiliations
    entities.remove(old)
    for sentence in doc.sentences:
        a = sentence.attribution
        if a is None:
            continue
        relay = tuple(replace(l, entity_id=new.entity_id) if l.entity_id == old.entity_id else l for l in a.relay)
        entity_id = new.entity_id if a.entity_id == old.entity_id else a.entity_id
        if relay != a.relay or entity_id != a.entity_id:
            sentence.attribution = replace(a, relay=relay, entity_id=entity_id)


def _affiliations(phrase: str) -> set[str]:
    """The capitalised words of a source phrase after its first word, lower-cased, possessives cut: where it
    places the source ("a Nato source" → nato; "a source within Russia's FSB" → russia, fsb)."""
    words = re.findall(r"[A-Za-z][A-Za-z.\-]*", phrase)[1:]
    return {w.lower().rstrip(".") for w in words if w[0].isupper()}


def _carry_relays(doc: Document) -> None:
    """Every claim of a relayed source carries the chain it came through, the outer relays included.

    "Osechkin told The Times … a source within the FSB": the whistleblower's later claims reach
    the article through Osechkin and The Times even where the sentence names neither, and a
    relay who is himself relayed ("Osechkin told The Times") puts that outlet outside him.
    """
    chains: dict[str, tuple[RelayLink, ...]] = {}
    for sentence in doc.sentences:
        a = sentence.attribution
        if a is not None and a.entity_id is not None and len(a.relay) > len(chains.get(a.entity_id, ())):
            chains[a.entity_id] = a.relay

    def outer(chain: tuple[RelayLink, ...]) -> tuple[RelayLink, ...]:
        if not chain or chain[0].entity_id is None:
            return chain
        ids = {l.entity_id for l in chain}
        above = tuple(l for l in chains.get(chain[0].entity_id, ()) if l.entity_id not in ids)
        return above + chain

    full = {entity_id: outer(chain) for entity_id, chain in chains.items()}
    for sentence in doc.sentences:
        a = sentence.attribution
        if a is None or a.entity_id is None:
            continue
        chain = full.get(a.entity_id, ())
        if len(chain) > len(a.relay):
            sentence.attribution = replace(a, relay=chain)


def _outlet_name(text: str) -> str:
    """"a report by The Mirror" → "The Mirror"."""
    m = re.search(r"\b(?:by|from|in|on)\s+(.+)$", text)
    return m.group(1) if m else text


def _org_key(name: str) -> str:
    lowered = strip_possessive(name.lower())
    lowered = re.sub(r"^(the|a|an)\s+", "", lowered.strip())
    return " ".join(lowered.split())


def _display_name(text: str, meta: SourcePhrase, kind: SourceKind) -> str:
    if kind == "named_person" and meta.name:
        words = strip_possessive(meta.name).split()
        while len(words) > 1 and not words[0][:1].isupper():
            words.pop(0)  # "rights activist Vladimir Osechkin" → "Vladimir Osechkin"
        return " ".join(words)
    if kind == "media":
        return _outlet_name(text)
    if kind == "named_organization" and meta.name:
        return meta.name
    return text


# -- corroboration ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_NUMBER = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
STEM = 6
_STOP = frozenset(
    "that this with from have been were will would could there their they them than what when which while "
    "said says told also about after into over more most some such only other being very just like".split()
)


def _signature(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Word stems (first six letters: "defected" and "defections" agree) and the figures of a text.

    Years are not figures here: two claims sharing "2022" need not state the same thing.
    """
    words = frozenset(w.lower()[:STEM] for w in _WORD.findall(text) if w.lower() not in _STOP)
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    return words, frozenset(n for n in numbers if n and not _YEAR.fullmatch(n))


def supports(a: str, b: str) -> bool:
    """Do two claims state the same thing?

    The same figure and some shared word stems ("7,000 to 15,000 Russian soldiers have been
    killed" and "15,000 Russian troops were killed"), or many shared stems; never two sets of
    figures with nothing in common ("110,000 troops" and "120,000 troops").
    """
    return _agree(_signature(a), _signature(b))


def _agree(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """:func:`supports` over two signatures. It never holds without a shared stem."""
    (wa, na), (wb, nb) = a, b
    if not wa or not wb:
        return False
    if na and nb and not na & nb:
        return False
    shared = len(wa & wb)
    jaccard = shared / (len(wa) + len(wb) - shared)
    return (bool(na & nb) and (jaccard >= 0.12 or shared >= 2)) or jaccard >= 0.4


def _corroborate(doc: Document) -> None:
    """Per sentence: the independent entities in the article that support its content.

    For each other independent entity, the first of its sentences in text order that supports
    the sentence is its evidence. Whole sentences, not content spans: the parse's content
    boundary is too noisy to compare. Only sentences that share a word stem can support each
    other, so each sentence is compared with those an index of stems finds, not with every
    attributed sentence; a later sentence of an entity with the same stems and figures as an
    earlier one is never the first, and sentences alike in signature and source share one answer. An entity
    that relayed the sentence's source, or that the source relayed, is not independent of it.
    """
    kinds = {e.entity_id: e.kind for e in doc.entities}
    # a source and whoever relayed it are one chain of telling, not two independent sources ("Osechkin said a
    # source told him …" beside "Osechkin said …")
    chained: set[tuple[str, str]] = set()
    for s in doc.sentences:
        a = s.attribution
        if a is not None and a.entity_id is not None:
            for link in a.relay:
                if link.entity_id is not None:
                    chained |= {(a.entity_id, link.entity_id), (link.entity_id, a.entity_id)}
    signatures: list[tuple[frozenset[str], frozenset[str]]] = []  # of the possible evidence, in text order
    owners: list[str] = []
    sentences: list[int] = []
    postings: dict[str, list[int]] = {}
    seen: set[tuple[str, frozenset[str], frozenset[str]]] = set()
    for s in doc.sentences:
        oid = s.attribution.entity_id if s.attribution is not None else None
        if oid is None or kinds.get(oid) not in COUNTS_AS_INDEPENDENT:
            continue
        signature = _signature(s.text)
        if (oid, *signature) in seen:
            continue
        seen.add((oid, *signature))
        for stem in signature[0]:
            postings.setdefault(stem, []).append(len(signatures))
        signatures.append(signature)
        owners.append(oid)
        sentences.append(s.index)
    answers: dict[tuple[str | None, frozenset[str], frozenset[str]], tuple[tuple[str, ...], tuple[int, ...]]] = {}
    for s in doc.sentences:
        a = s.attribution
        if a is None:
            s.corroboration = SentenceCorroboration()
            continue
        own = a.entity_id
        signature = _signature(s.text)
        key = (own, *signature)
        if key not in answers:
            ids: list[str] = [own] if own and kinds.get(own) in COUNTS_AS_INDEPENDENT else []
            evidence: list[int] = []
            candidates = set().union(*(postings.get(stem, ()) for stem in signature[0]))
            for c in sorted(candidates):
                oid = owners[c]
                if oid == own or oid in ids or any((i, oid) in chained for i in (own, *ids)):
                    continue
                if _agree(signature, signatures[c]):
                    ids.append(oid)
                    evidence.append(sentences[c])
            answers[key] = (tuple(ids), tuple(evidence))
        s.corroboration = SentenceCorroboration(*answers[key])

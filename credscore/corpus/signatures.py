"""Compact per-article signatures: all the corpus layer keeps of an article between passes.

A scored article is reduced to MinHash sketches of its text and of its names and numbers, the
ordered fingerprints of its quotes, and one small fingerprint per check-worthy claim (content
token hashes, the numbers, names and dates it asserts, its source and relays). The text itself
is not kept, so a corpus far larger than memory can be analysed once its signatures are built.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash

from credscore.corpus.outlets import article_outlet_key, outlet_key

if TYPE_CHECKING:
    from credscore.results import ArticleResult, ClaimResult

NUM_PERM = 128
SHINGLE = 3  # words per text shingle
CLAIM_MIN_CHECKWORTHINESS = 0.5  # the article score's own threshold for a check-worthy claim
QUOTE_MIN_WORDS = 5

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")
#: a claim's words with fractions whole ("1-1/4 pct", "3/8 pct"): a fraction's digits are not three numbers
_CLAIM_WORD = re.compile(r"\d+-\d+/\d+|\d+/\d+|[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")
_FRACTION = re.compile(r"(?:(\d+)-)?(\d+)/(2|3|4|8|16|32|64)")  # the denominators of quoted fractions, not dates ("5/12")
_QUOTE = re.compile(r"[“\"]([^“”\"]{20,}?)[”\"]|‘([^‘’]{20,}?)’"
                    r"|(?<![A-Za-z0-9])'((?:[^'\n]|(?<=[A-Za-z])'(?=[a-z]))+?)'(?![A-Za-z0-9])")
_MULTIPLIER = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | {"yesterday", "today", "tomorrow"}
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said says say told tell according
claimed claims claim added adding reported reportedly believed thought understood it's he's she's they're
mr mrs ms dr sir one
""".split())


def _hash32(token: str) -> int:
    return xxhash.xxh32_intdigest(token.encode())


def _hash64(data: bytes) -> int:
    return xxhash.xxh64_intdigest(data)


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix strip, enough for "defected"/"defections"/"defect" to meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")  # a plural's possessive: "the Philippines' debt" names the Philippines
    for suffix in ("ions", "ion", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _is_fraction(token: str) -> bool:
    """"1-1/4", "3/8": a proper fraction with a denominator quoted prices use; "5/12" (a date) is not."""
    found = _FRACTION.fullmatch(token)
    return found is not None and int(found.group(2)) < int(found.group(3))


def parse_number(token: str, following: str | None = None) -> str | None:
    """A numeral as a canonical string ("110,000" → "110000"; "3.5" + "million" → "3500000"; "1-1/4" → "1.25")."""
    fraction = _FRACTION.fullmatch(token)
    if fraction is not None:
        whole, top, bottom = fraction.groups()
        value = int(whole or 0) + int(top) / int(bottom)
        return f"{value:.6g}" if value != int(value) else str(int(value))
    clean = token.replace(",", "")
    try:
        value = float(clean)
    except ValueError:
        return None
    if following and following.lower() in _MULTIPLIER:
        value *= _MULTIPLIER[following.lower()]
    return f"{value:.6g}" if value != int(value) else str(int(value))


@dataclass(frozen=True)
class Assertions:
    """What a piece of text asserts that must agree for two claims to be the same claim."""

    tokens: frozenset[int]   # hashed content stems (stopwords out)
    numbers: frozenset[str]  # canonical numerals, years excluded; a repeat as "28#2", "28#3"
    names: frozenset[str]    # capitalised words past the first, lower-cased
    dates: frozenset[str]    # years, months, weekdays


def assertions(text: str) -> Assertions:
    """The content tokens, numbers, names and dates of a claim's text.

    >>> a = assertions("Troop losses are soaring towards 110,000, Nato said on Wednesday.")
    >>> sorted(a.numbers), sorted(a.names), sorted(a.dates)
    (['110000'], ['nato'], ['wednesday'])
    """
    words = _CLAIM_WORD.findall(text)
    tokens: set[int] = set()
    numbers: set[str] = set()
    names: set[str] = set()
    dates: set[str] = set()
    for i, w in enumerate(words):
        low = w.lower()
        if w[0].isdigit():
            nxt = words[i + 1] if i + 1 < len(words) else None
            if re.fullmatch(r"(1[89]|20)\d\d", w):
                dates.add(w)
                tokens.add(_hash32(w))
                continue
            n = parse_number(w, nxt) if "/" not in w or _is_fraction(w) else w  # "5/12", "101-1/9": as written
            if n is not None:
                tokens.add(_hash32(n))
                # a repeated value is kept once per occurrence ("28", "28#2"), so that set inclusion is
                # multiset inclusion: "between 7,000 and 8,000" does not contain "between 8,000 and 8,000"
                k = 2
                while n in numbers:
                    n = f"{n.split('#')[0]}#{k}"
                    k += 1
                numbers.add(n)
            continue
        if low in _MULTIPLIER and i > 0 and not words[i - 1][0].isdigit() and words[i - 1].lower() in ("a", "one"):
            numbers.add(str(_MULTIPLIER[low]))
        if low in _DATE_WORDS:
            if low != "may" or w[0].isupper():
                dates.add(low)
            continue
        if low in STOPWORDS or len(low) < 2:
            continue
        if i > 0 and w[0].isupper() and not w.isupper() or (len(w) > 1 and w.isupper() and len(w) <= 5 and i > 0):
            names.add(stem(low))
        tokens.add(_hash32(stem(low)))
    return Assertions(frozenset(tokens), frozenset(numbers), frozenset(names), frozenset(dates))


#: capitalised words that name no one in particular: company forms, wire-table headings, units
GENERIC_NAMES = frozenset("""
corp corporation inc co company cos ltd limited plc group holdings international intl bank banks trust fund
ag sa nv bv spa gmbh llc lp industries international reuters u.s us usa uk eurobond eurobonds shr shrs cts
dlr dlrs mln bln pct qtr net revs avg vs oper ebit note the a an new first second third fourth year billion million
""".split())
LEAD_CHARS = 300  # the lead: the first sentence, or this many characters, where the article names its subject


def salient_names(text: str, *, first_word: bool = False) -> set[str]:
    """The names a text gives (capitalised words past the first, short acronyms), company forms and
    wire headings left out; with ``first_word`` the text's first word too, when it is capitalised
    and no stopword (a lead usually opens with its subject: "Toyota Motor Credit Corp is issuing ...")."""
    words = _WORD.findall(text)
    found: set[str] = set()
    for i, w in enumerate(words):
        low = w.lower()
        if w[0].isdigit() or low in STOPWORDS or low in _DATE_WORDS or len(low) < 2:
            continue
        if i == 0 and not first_word:
            continue
        if w[0].isupper() and (not w.isupper() or len(w) <= 5 or i == 0):
            name = stem(low)
            if name not in GENERIC_NAMES and low not in GENERIC_NAMES:
                found.add(name)
    return found


def lead(text: str) -> str:
    """The first sentence of ``text`` (at most :data:`LEAD_CHARS` characters), past any title line."""
    body = text.strip()
    head, _, rest = body.partition("\n")
    if rest.strip() and len(head.split()) <= 12 and not head.rstrip().endswith("."):
        body = rest.strip()  # a BBC-style title line: the lead is the first sentence after it
    m = re.search(r"[.!?](?:\s|$)", body[:LEAD_CHARS])
    return body[: m.end()] if m else body[:LEAD_CHARS]


@dataclass(frozen=True)
class ClaimSignature:
    """One check-worthy claim, reduced to what claim matching and provenance read."""

    index: int                # into the article's ``claims``
    start: int
    end: int
    checkworthiness: float
    kind: str                 # the attribution kind
    source: str | None        # the source's name as the article gives it (resolved entity name when known)
    relays: tuple[str, ...]   # outlet keys the claim reached the article through, outermost first
    relay_names: tuple[str, ...]
    said: Assertions
    #: the people, bodies and documents (not outlets) the claim came through, outermost first, as (kind, name):
    #: "Judicial Watch noted Comey said …" is Comey's claim relayed by Judicial Watch
    relayed_by: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ArticleSignature:
    """An article as the corpus layer keeps it (see the module docstring)."""

    id: str
    position: int                   # input order, the last tie-break when nothing else orders two articles
    outlet: str | None
    outlet_key: str | None
    url: str | None
    published: date | None
    text_hash: LeanMinHash          # word shingles of the text, boilerplate left out
    n_shingles: int
    key_hash: LeanMinHash           # names and numbers of the whole text
    n_keys: int
    quotes: tuple[int, ...]         # fingerprints of quoted passages, in order of appearance
    claims: tuple[ClaimSignature, ...]
    checkworthy: int                # how many check-worthy claims the article has
    names: frozenset[int] = frozenset()       # hashes of the names the article gives (salient_names)
    lead_names: frozenset[int] = frozenset()  # hashes of the names in its lead: whom the article is about
    #: unit-length embedding of its opening (credscore.corpus.embeddings), where the run computed one
    embedding: np.ndarray | None = field(default=None, compare=False)

    def claim(self, index: int) -> ClaimSignature | None:
        for c in self.claims:
            if c.index == index:
                return c
        return None


def parse_published(value: str | None) -> date | None:
    """An ISO date or datetime (the first 10 characters suffice), else None: unknown dates block nothing."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    for fmt in ("%d-%b-%Y", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip().split(" ")[0] if fmt == "%d-%b-%Y" else value.strip(), fmt).date()
        except ValueError:
            continue
    return None


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """MinHash's permutation parameters (seed 1, as its default), drawn once instead of per sketch."""
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def _minhash(items: set[bytes]) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, hashfunc=_hash64, permutations=_permutations())
    if items:
        m.update_batch(list(items))
    return LeanMinHash(m)


def _body(text: str, result: ArticleResult) -> str:
    """The text with boilerplate blanked out (same length, so offsets hold)."""
    if not result.boilerplate:
        return text
    chars = list(text)
    for b in result.boilerplate:
        chars[b.start:b.end] = " " * (b.end - b.start)
    return "".join(chars)


def quote_fingerprints(text: str) -> tuple[int, ...]:
    """Each quoted passage of at least five words as the hash of its first five words, in order."""
    found = []
    for m in _QUOTE.finditer(text):
        words = [w.lower() for w in _WORD.findall(next(g for g in m.groups() if g is not None))]
        if len(words) >= QUOTE_MIN_WORDS:
            found.append(_hash64(" ".join(words[:QUOTE_MIN_WORDS]).encode()))
    return tuple(found)


def _claim_signature(index: int, claim: ClaimResult, text: str, names: dict[str, str]) -> ClaimSignature:
    a = claim.attribution
    content = text[a.content.start:a.content.end] if a.content.end > a.content.start else claim.text
    if len(_WORD.findall(content)) < 4:
        content = claim.text
    own_text = a.source.text if a.source else None
    # a named source by its entity's name (so "he" is the person meant); an unnamed one as described here
    source = (names.get(a.entity_id or "") or own_text) if a.kind in ("named_person", "named_organization", "document") else own_text
    relays = tuple(link for link in a.relay if link.kind == "media")
    relay_names = tuple(link.source.text for link in relays)
    if a.kind == "media" and a.source is not None:  # "according to a report by The Mirror": the outlet is the source
        relay_names = (*relay_names, a.source.text)
    keys = tuple(k for k in (outlet_key(n) for n in relay_names) if k)
    relayed_by = tuple((link.kind, names.get(link.entity_id or "") or link.source.text) for link in a.relay
                       if link.kind != "media")
    return ClaimSignature(index=index, start=claim.start, end=claim.end, checkworthiness=claim.checkworthiness,
                          kind=a.kind, source=source, relays=keys, relay_names=relay_names, said=assertions(content),
                          relayed_by=relayed_by)


def signature(result: ArticleResult, text: str, *, position: int = 0, outlet: str | None = None,
              url: str | None = None, published: str | None = None) -> ArticleSignature:
    """The signature of a scored article; ``text`` is the string its offsets index.

    >>> from credscore import Scorer                                   # doctest: +SKIP
    >>> r = Scorer(model=None).score(text, id="a")                     # doctest: +SKIP
    >>> signature(r, text, outlet="The Mirror").outlet_key             # doctest: +SKIP
    'mirror'
    """
    body = _body(text, result)
    words = [w.lower() for w in _WORD.findall(body)]
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()
    whole = assertions(body)
    keys = {f"n:{n}".encode() for n in whole.numbers} | {f"w:{w}".encode() for w in whole.names}
    names = {s.entity_id: s.name for s in result.sources}
    own = article_outlet_key(outlet, url)
    claims = []
    for i, c in enumerate(result.claims):
        if c.checkworthiness < CLAIM_MIN_CHECKWORTHINESS:
            continue
        sig = _claim_signature(i, c, text, names)
        if own and own in sig.relays:  # "told the Mirror" in a Mirror article is not a relay
            kept = tuple((k, n) for k, n in zip(sig.relays, sig.relay_names) if k != own)
            sig = replace(sig, relays=tuple(k for k, _ in kept), relay_names=tuple(n for _, n in kept))
        claims.append(sig)
    return ArticleSignature(
        id=str(result.id), position=position, outlet=outlet, outlet_key=own, url=url,
        published=parse_published(published), text_hash=_minhash(shingles), n_shingles=len(shingles),
        key_hash=_minhash(keys), n_keys=len(keys), quotes=quote_fingerprints(body), claims=tuple(claims),
        checkworthy=len(claims), names=frozenset(_hash32(n) for n in salient_names(body)),
        lead_names=frozenset(_hash32(n) for n in salient_names(lead(body), first_word=True)),
    )


def jaccard(a: LeanMinHash, b: LeanMinHash) -> float:
    """The MinHash estimate of two sets' Jaccard similarity."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)


def containment(j: float, n_a: int, n_b: int) -> float:
    """How much of the smaller set lies in the larger, from their Jaccard estimate and sizes."""
    if not n_a or not n_b:
        return 0.0
    inter = j * (n_a + n_b) / (1 + j)
    return min(1.0, inter / min(n_a, n_b))

"""The outlet gazetteer: news outlets, wires, broadcasters and fact-checkers by name, alias and domain.

It joins the hand-curated ``outlet`` entries of the ``outlets`` lexicon with the list-derived
gazetteer ``credscore/lexicons/gazetteer/outlets.jsonl`` (rebuilt by
``python -m training.outlet_gazetteer``), so that one matcher finds outlet names in text and one
lookup resolves an article's own outlet from its ``outlet`` field or its URL.

A gazetteer file starts with a lexicon-style header and has one outlet a line::

    {"id": "outlet_gazetteer.newspaper.paris-news", "name": "Paris News", "type": "newspaper",
     "aliases": ["Paris News"], "domains": ["theparisnews.com"], "source": "LocalNewsDataset"}

Aliases are literal, case-sensitive phrases. A name that is also an ordinary word ("Time",
"Metro", "Star") is never an alias on its own: :func:`outlet_aliases` keeps it only with its
article ("The Nation", "the Nation"), so "Nation states" and "Metro services" stay words.

>>> gazetteer = load_gazetteer()
>>> gazetteer.resolve("https://www.mirror.co.uk/news/world-news/123").name
'The Mirror'
>>> [m.text for m in gazetteer.finditer("Metro services stopped, the Nation reported.")]
['the Nation']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal, get_args
from urllib.parse import urlsplit

from credscore.errors import LexiconError
from credscore.features.matching import IndexedPhraseMatcher, Match
from credscore.lexicon import LexiconEntry, load_lexicon

__all__ = ["Outlet", "OutletGazetteer", "OutletType", "load_gazetteer", "outlet_aliases", "outlet_key", "domain_of"]

OutletType = Literal["outlet", "newspaper", "broadcaster", "wire", "fact_checker", "magazine", "news_site"]
_TYPES = frozenset(get_args(OutletType))
_RESOURCE = ("credscore.lexicons", "gazetteer/outlets.jsonl")
_ARTICLES = ("the ", "The ")
_NEXT_CAPITAL = re.compile(r"(?:['’]s)?[ \t]+[A-Z]")
#: a web address named as a site ("Factcheck.org", "Breitbart.com"), in whatever case the text writes it
_SITE_NAME = re.compile(r"(?<![\w@./-])(?:[A-Za-z0-9][\w-]*\.)+(?:com|org|net|news|co\.uk|us|info)\b(?![\w-]|\.\w)")
_PREVIOUS_CAPITAL = re.compile(r"(?<=[\w,] )(?!The\b)[A-Z][\w.&-]*[ \t]+$")  # a name word, not a sentence's first


@dataclass(frozen=True)
class Outlet:
    """One outlet: its display name, kind of outlet, the phrases that name it and its web domains.

    >>> Outlet("x", "The Sun", "newspaper", ("The Sun", "the Sun"), ("thesun.co.uk",)).key
    'sun'
    """

    id: str
    name: str
    type: OutletType
    aliases: tuple[str, ...]
    domains: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return outlet_key(self.name)


def outlet_key(name: str) -> str:
    """A name folded for comparison: lower case, one space, no leading "the" or "daily".

    >>> outlet_key("The  Daily Mirror"), outlet_key("Mirror’s")
    ('mirror', "mirror's")
    """
    lowered = " ".join(name.lower().replace("’", "'").split())
    for prefix in ("the ", "daily "):
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix):]
    return lowered


def domain_of(url_or_domain: str) -> str:
    """The host of a URL or bare domain, lower case, without "www." or a port.

    >>> domain_of("https://www.Mirror.co.uk:443/news?id=1"), domain_of("nytimes.com/2024/x")
    ('mirror.co.uk', 'nytimes.com')
    """
    text = url_or_domain.strip()
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.lower().removeprefix("www.")


def outlet_aliases(name: str, common_words: frozenset[str]) -> tuple[str, ...]:
    """The phrases that may name an outlet in text, given the words that are ordinary English.

    A single word that is also an ordinary word ("Time", "Metro", "BOOM") is kept only with its
    article; a capitalised multiword name ("Daily News", "Times-News") and a word that is not
    ordinary ("Axios") stand on their own. Names without a capital, or of one letter, give none.

    >>> words = frozenset({"time", "star", "hill", "news", "daily"})
    >>> outlet_aliases("Time", words), outlet_aliases("The Hill", words), outlet_aliases("Axios", words)
    (('The Time', 'the Time'), ('The Hill', 'the Hill'), ('Axios',))
    >>> outlet_aliases("Daily News", words), outlet_aliases("annie lab", words)
    (('Daily News',), ())
    """
    clean = " ".join(re.sub(r"\([^)]*\)", " ", name).split()).strip(" -,")
    base = clean[4:] if clean.startswith(_ARTICLES) else clean
    if len(base) < 2 or not base[:1].isupper() and not base[:1].isdigit():
        return ()
    words = base.split()
    if len(words) == 1 and "-" not in base.strip("-") and base.lower() in common_words:
        return (f"The {base}", f"the {base}")
    if clean.startswith(_ARTICLES) and len(words) == 1:
        return (f"The {base}", f"the {base}", base)
    return (f"The {base}", base) if clean.startswith(_ARTICLES) else (base,)


class OutletGazetteer:
    """Finds outlet names in text and resolves a name or URL to its :class:`Outlet`.

    >>> g = OutletGazetteer([Outlet("o1", "Paris News", "newspaper", ("Paris News",), ("theparisnews.com",))])
    >>> g.resolve("theparisnews.com").name, g.resolve("the Paris News").name
    ('Paris News', 'Paris News')
    """

    def __init__(self, outlets: Iterable[Outlet], curated: Iterable[LexiconEntry] = ()) -> None:
        self.outlets = tuple(outlets)
        self._by_key: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        entries: dict[str, LexiconEntry] = {}
        for entry in curated:
            entries.setdefault(entry.text, entry)
        for outlet in self.outlets:
            for alias in (outlet.name, *outlet.aliases):
                self._by_key.setdefault(outlet_key(alias), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain, outlet)
            for alias in outlet.aliases:
                entries.setdefault(alias, LexiconEntry(outlet.id, alias, "outlet", True))
        for text, entry in entries.items():  # a curated name resolves to itself
            self._by_key.setdefault(outlet_key(text), Outlet(entry.id, text, "outlet", (text,)))
        self._matcher = IndexedPhraseMatcher(entries.values())

    def __len__(self) -> int:
        return len(self.outlets)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Outlet names in ``text[start:end]``, longest first, never overlapping.

        A list-derived name next to another capitalised word is part of a longer name and is
        skipped: "the World Cup", "the People's Choice Awards", "Oxford University Press" (curated
        names are always kept). A site named by its address is found in any case ("Factcheck.org").
        """
        listed = (m for m in self._matcher.finditer(text, start, end) if not (m.entry.id.startswith("outlet_gazetteer.") and (
            _NEXT_CAPITAL.match(text, m.end) or _PREVIOUS_CAPITAL.search(text, max(0, m.start - 40), m.start))))
        stop = len(text) if end is None else end
        if _SITE_NAME.search(text, start, stop) is None:
            yield from listed  # (the usual case, lazily: callers often stop at the first)
            return
        found = list(listed)
        for site in _SITE_NAME.finditer(text, start, stop):
            outlet = self._by_domain.get(site.group().lower().removeprefix("www."))  # the site itself, not a parent
            if outlet is not None and not any(m.start < site.end() and site.start() < m.end for m in found):
                found.append(Match(site.start(), site.end(), site.group(), LexiconEntry(outlet.id, site.group(), "outlet", False)))
        yield from sorted(found, key=lambda m: m.start)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """The outlet of a URL or domain, trying parent domains ("edition.cnn.com" → "cnn.com")."""
        host = domain_of(url_or_domain)
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet one of whose names or aliases folds to ``name`` (see :func:`outlet_key`)."""
        return self._by_key.get(outlet_key(name))

    def resolve(self, name_or_url: str) -> Outlet | None:
        """An outlet from a name ("Daily Mirror"), a domain ("mirror.co.uk") or a URL."""
        text = name_or_url.strip()
        looks_like_domain = "/" in text or (" " not in text and re.search(r"\.[a-z]{2,}$", text.lower()) is not None)
        found = self.by_domain(text) if looks_like_domain else None
        return found or self.by_name(text)


def read_gazetteer(lines: Iterable[str], name: str = "outlet_gazetteer") -> tuple[Outlet, ...]:
    """Validate gazetteer lines (header first); every bad line is reported in one :class:`LexiconError`."""
    problems: list[str] = []
    outlets: list[Outlet] = []
    seen: set[str] = set()
    numbered = [(i, line) for i, line in enumerate(lines, start=1) if line.strip()]
    for number, line in numbered:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg})")
            continue
        if number == numbered[0][0]:
            if not isinstance(obj, dict) or obj.get("lexicon") != name or not isinstance(obj.get("version"), str):
                problems.append(f"line {number}: the header must be {{\"lexicon\": {name!r}, \"version\": ...}}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {number}: expected one outlet object")
            continue
        aliases, domains = obj.get("aliases"), obj.get("domains", [])
        if not isinstance(obj.get("id"), str) or not isinstance(obj.get("name"), str):
            problems.append(f"line {number}: 'id' and 'name' must be strings")
        elif obj.get("type") not in _TYPES:
            problems.append(f"line {number}: type {obj.get('type')!r} is not one of {', '.join(sorted(_TYPES))}")
        elif not isinstance(aliases, list) or not all(isinstance(a, str) and a == " ".join(a.split()) and a for a in aliases):
            problems.append(f"line {number}: 'aliases' must be a list of single-spaced phrases")
        elif not isinstance(domains, list) or not all(isinstance(d, str) and d == domain_of(d) for d in domains):
            problems.append(f"line {number}: 'domains' must be a list of bare lower-case domains")
        elif obj["id"] in seen:
            problems.append(f"line {number}: duplicate id {obj['id']!r}")
        else:
            seen.add(obj["id"])
            outlets.append(Outlet(obj["id"], obj["name"], obj["type"], tuple(aliases), tuple(domains)))
    if problems:
        raise LexiconError(name, problems)
    return tuple(outlets)


@lru_cache(maxsize=1)
def load_gazetteer() -> OutletGazetteer:
    """The shipped gazetteer joined with the curated outlet names (read once per process)."""
    package, path = _RESOURCE
    lines = (files(package) / path).read_text(encoding="utf-8").splitlines()
    return OutletGazetteer(read_gazetteer(lines), load_lexicon("outlets").with_label("outlet"))

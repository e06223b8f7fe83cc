"""Provenance inside a story: who copies or relays whom, the original sources behind each claim,
corroboration counted by independent origin, and each article's originality.

- A **relay** is a claim credited to another outlet ("according to a report by The Mirror")
  resolved to the story's article from that outlet (its ``outlet`` or URL domain), published no
  later than the relaying article where both dates are known. An outlet with no article in the
  story stays an *external origin*.
- A **copy** is a near-identical rewrite (:func:`~credscore.corpus.stories.is_copy`); it is a copy of
  the earlier article: by ``published``, else the one the other relays, else input order (the
  ``basis`` says which decided it). Two articles whose shared material both credit the same third
  outlet are rewrites of that outlet, siblings, and not copies of each other.
- A **line of reporting** is an article with everything it copies or relays, and articles that
  relay the same external outlet. Within one line an unnamed source ("a whistleblower") is one
  source however often it is repeated; across independent lines it counts once per line, as two
  newsrooms' unnamed sources are not known to be one. Named sources are one source by name. A source
  and whoever relayed it ("Osechkin said an FSB source told him") are one chain of telling, counted once.
"""

from __future__ import annotations

import re
from collections import defaultdict

from credscore.corpus.claims_match import ClaimMatch, ClaimRef, group_matches, match_claims
from credscore.corpus.results import ArticleCorpus, ClaimGroup, ClaimInCorpus, OriginalSource, Story
from credscore.corpus.signatures import ArticleSignature, ClaimSignature, stem
from credscore.corpus.stories import PairFeatures, is_copy

NAMED = ("named_person", "named_organization", "document")
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"}


class _Lines:
    """Union-find over article ids: the lines of reporting."""

    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _earlier(a: ArticleSignature, b: ArticleSignature) -> bool | None:
    """Whether ``a`` was published before ``b``; None when the dates do not say."""
    if a.published is None or b.published is None or a.published == b.published:
        return None
    return a.published < b.published


#: a relayed claim is resolved among at most this many of the cited outlet's articles (the nearest in time)
MAX_RELAY_CANDIDATES = 5


def resolve_relays(members: list[ArticleSignature], neighbours: dict[str, set[str]] | None = None
                   ) -> tuple[list[tuple[str, int, str, str]], set[str]]:
    """Relayed claims resolved to story articles: ``(article, claim, cites, outlet)``; and the external outlets.

    The cited outlet's article is looked for first among the article's same-story ``neighbours``,
    then among the outlet's :data:`MAX_RELAY_CANDIDATES` articles nearest in time, so a story with
    hundreds of articles from one outlet costs no more per claim than a small one.
    """
    neighbours = neighbours or {}
    dates_of: dict[str, list] = {}
    by_outlet: dict[str, list[ArticleSignature]] = defaultdict(list)
    for m in members:
        if m.outlet_key:
            by_outlet[m.outlet_key].append(m)
    resolved: list[tuple[str, int, str, str]] = []
    external: set[str] = set()
    for a in members:
        for c in a.claims:
            for key, name in zip(c.relays, c.relay_names):
                pool = by_outlet.get(key, [])
                near = [b for b in pool if b.id in neighbours.get(a.id, ())] if len(pool) > MAX_RELAY_CANDIDATES else pool
                if not near:
                    if key not in dates_of:
                        dates_of[key] = [b.published for b in pool if b.published is not None]
                    near = _nearest_in_time(a, pool, dates_of[key])
                cited = [b for b in near if b.id != a.id and _earlier(a, b) is not True]
                if not cited:
                    if key != a.outlet_key:
                        external.add(key)
                    continue
                best = max(cited, key=lambda b: (_best_similarity(c, b), b.published is not None, -b.position))
                resolved.append((a.id, c.index, best.id, name))
                break
    return resolved, external


def _nearest_in_time(a: ArticleSignature, pool: list[ArticleSignature], dates: list) -> list[ArticleSignature]:
    """The :data:`MAX_RELAY_CANDIDATES` of ``pool`` (sorted by date, undated last; ``dates`` its dated
    part's dates) published nearest ``a`` and not after it; the first few when ``a`` or none is dated."""
    import bisect

    if a.published is None or not dates:
        return pool[:MAX_RELAY_CANDIDATES]
    end = bisect.bisect_right(dates, a.published)
    return pool[max(0, end - MAX_RELAY_CANDIDATES):end] + pool[len(dates):len(dates) + MAX_RELAY_CANDIDATES]


def _best_similarity(c: ClaimSignature, b: ArticleSignature) -> float:
    from credscore.corpus.claims_match import similarity

    return max((similarity(c.said, d.said) for d in b.claims), default=0.0)


def _third_party_share(a: ArticleSignature, b: ArticleSignature, matches: list[ClaimMatch]) -> float:
    """The share of two articles' matched claims that both credit to the same third outlet."""
    pair = [m for m in matches if {m.a.article, m.b.article} == {a.id, b.id}]
    if not pair:
        return 0.0
    third = 0
    for m in pair:
        ca = (a if m.a.article == a.id else b).claim(m.a.claim)
        cb = (a if m.b.article == a.id else b).claim(m.b.claim)
        if ca is None or cb is None:
            continue
        shared = (set(ca.relays) & set(cb.relays)) - {a.outlet_key, b.outlet_key}
        if shared:
            third += 1
    return third / len(pair)


def source_key(c: ClaimSignature, line: str, own: str) -> tuple[str, str | None]:
    """The identity of a claim's original source (see the module docstring) and its display name."""
    return _identity(c.kind, c.source, c.relays, line), c.source


def _identity(kind: str, name: str | None, relays: tuple[str, ...], line: str) -> str:
    """One source's identity: a named one by its name, an outlet or unnamed one within its line of reporting. A
    document the text does not name ("the lawsuit", "The report") is known only within its line."""
    if kind in NAMED and name and name.strip().lower() not in _PRONOUNS:
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", name) if w.lower() not in _DETERMINERS]
        capital = [w for w in words if w[0].isupper()]
        if kind == "document" and not capital:
            return f"line:{line}:document:{stem(words[-1].lower()) if words else '-'}"
        core = (capital[-1] if kind == "named_person" and capital else " ".join(capital or words)).lower()
        return f"{kind}:{core}"
    if kind == "media" and relays:
        return f"line:{line}:outlet:{relays[-1]}"
    if kind in ("anonymous_specific", "anonymous_vague") and name:
        words = re.findall(r"[A-Za-z]+", name.lower())
        head = stem(words[-1]) if words else "-"
        return f"line:{line}:anonymous:{head}"
    return f"line:{line}:reporting"


def _one_per_chain(sources: dict[str, list[ClaimRef]], links: list[tuple[str, str]]) -> dict[str, list[ClaimRef]]:
    """Sources joined by a relay, ``links`` as (source, relayed by), counted once: "Osechkin said an FSB source
    told him …" in one article and "Osechkin said …" in another rest on one chain of telling. Only a relay that is
    itself one of the group's sources joins: two sources one person relayed, who says nothing of it in the group,
    stay two. The chain is kept under its innermost source: one no claim of the group was relayed by."""
    chains = _Lines(list(sources))
    for inner, outer in links:
        if inner in sources and outer in sources:
            chains.union(inner, outer)
    relayers = {outer for _, outer in links}
    by_chain: dict[str, list[str]] = defaultdict(list)
    for k in sources:
        by_chain[chains.find(k)].append(k)
    merged: dict[str, list[ClaimRef]] = {}
    for members in by_chain.values():
        inner = next((k for k in members if k not in relayers), members[0])
        merged[inner] = [r for k in members for r in sources[k]]
    return merged


def analyse_story(story_id: str, members: list[ArticleSignature], features: dict[tuple[str, str], PairFeatures],
                  pair_matches: dict[tuple[str, str], list[ClaimMatch]] | None = None) -> tuple[Story, dict[str, ArticleCorpus]]:
    """The :class:`Story` of ``members`` and each member's :class:`ArticleCorpus` section.

    ``features`` are the story's same-story pairs; claims are matched along them only (each
    article has a few), or along the pairs of ``pair_matches`` when given (their matches).
    Everything here is linear in the number of members, pairs and claims.
    """
    members = sorted(members, key=lambda m: (m.published is None, m.published, m.position))
    by_id = {m.id: m for m in members}
    if pair_matches is None:
        pairs = [k for k in features if k[0] in by_id and k[1] in by_id]
        pair_matches = {k: match_claims(members, pairs=[k]) for k in pairs}
    matches = [m for ms in pair_matches.values() for m in ms]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for x, y in features:
        neighbours[x].add(y)
        neighbours[y].add(x)
    relayed, external = resolve_relays(members, neighbours)
    relays_of: dict[str, set[str]] = defaultdict(set)
    for art, _, cites, _ in relayed:
        relays_of[art].add(cites)

    copies: list[tuple[str, str, str]] = []
    copy_of: dict[str, str] = {}
    for (x, y), f in features.items():
        if x not in by_id or y not in by_id:
            continue
        a, b = by_id[x], by_id[y]
        if not is_copy(f) or (f.text_containment < 0.5 and _third_party_share(a, b, pair_matches.get((x, y), [])) >= 0.5):
            continue
        first = _earlier(a, b)
        if first is not None:
            later, of, basis = (b, a, "published") if first else (a, b, "published")
        elif b.id in relays_of.get(a.id, ()) or (b.outlet_key and any(b.outlet_key in c.relays for c in a.claims)):
            later, of, basis = a, b, "relay"
        elif a.id in relays_of.get(b.id, ()) or (a.outlet_key and any(a.outlet_key in c.relays for c in b.claims)):
            later, of, basis = b, a, "relay"
        else:
            later, of, basis = (b, a, "input_order") if a.position < b.position else (a, b, "input_order")
        if later.id not in copy_of:
            copy_of[later.id] = of.id
            copies.append((later.id, of.id, basis))

    lines = _Lines([m.id for m in members])
    for art, of in copy_of.items():
        lines.union(art, of)
    for art, cited in relays_of.items():
        for c in cited:
            lines.union(art, c)
    relaying_outlet: dict[str, str] = {}
    for m in members:  # articles that credit the same outlet (neither's own) share a line: linear, by outlet
        for k in {k for c in m.claims for k in c.relays} - {m.outlet_key}:
            if k in relaying_outlet:
                if by_id[relaying_outlet[k]].outlet_key != k:
                    lines.union(relaying_outlet[k], m.id)
            else:
                relaying_outlet[k] = m.id

    def root(x: str) -> str:
        seen = {x}
        while x in copy_of and copy_of[x] not in seen:
            x = copy_of[x]
            seen.add(x)
        return x

    # the story's origin: the one article every copy and relay leads back to
    dependants = set(copy_of) | set(relays_of)
    roots = {root(c) for c in copy_of} | {root(c) for cs in relays_of.values() for c in cs}
    roots -= dependants
    origin = next(iter(roots)) if len(roots) == 1 else None

    groups: list[ClaimGroup] = []
    group_of: dict[tuple[str, int], ClaimGroup] = {}
    relay_target = {(art, claim): cites for art, claim, cites, _ in relayed}
    grouped = group_matches(matches)
    index_of = {r: n for n, refs in enumerate(grouped) for r in refs}
    group_sims: dict[int, list[float]] = defaultdict(list)
    for m in matches:
        group_sims[index_of[m.a]].append(m.similarity)
    for n, refs in enumerate(grouped):
        sims = group_sims.get(n, [])
        sources: dict[str, list[ClaimRef]] = defaultdict(list)
        info: dict[str, tuple[str | None, str]] = {}
        articles = {r.article for r in refs}
        counted = [r for r in refs if root(r.article) not in articles - {r.article}
                   and relay_target.get((r.article, r.claim)) not in articles] or refs
        links: list[tuple[str, str]] = []
        for r in counted:  # a copy's or a relay's claim repeats its origin's, which is in the group: once
            c = by_id[r.article].claim(r.claim)
            if c is None:
                continue
            line = lines.find(r.article)
            key, name = source_key(c, line, r.article)
            sources[key].append(r)
            info.setdefault(key, (name, c.kind))
            links += [(key, _identity(kind, teller, (), line)) for kind, teller in c.relayed_by]
        # a line's unattributed restatement of what it attributes elsewhere in the group is dropped (a
        # ":reporting" key holds only its own line's claims, so only the other keys can attribute it)
        attributed = {lines.find(r.article) for k, v in sources.items() if not k.endswith(":reporting") for r in v}
        for key in [k for k in sources if k.endswith(":reporting")]:
            if key[len("line:"): -len(":reporting")] in attributed:
                del sources[key]
        originals = tuple(OriginalSource(k, info[k][0], info[k][1], tuple(v)) for k, v in _one_per_chain(sources, links).items())
        relaying = {r.article for r in refs if (r.article, r.claim) in relay_target or _relays_any(by_id[r.article], r.claim)}
        first = _first_reported(articles, by_id, copy_of, relaying)
        group = ClaimGroup(f"{story_id}.c{n}", tuple(refs), min(sims, default=1.0), first, originals)
        groups.append(group)
        for r in refs:
            group_of[(r.article, r.claim)] = group

    story = Story(
        story_id=story_id, articles=tuple(m.id for m in members), origin=origin,
        external_origins=tuple(sorted(external)), copies=tuple(copies),
        relays=tuple(sorted({(a, c) for a, _, c, _ in relayed})), claims=tuple(groups),
    )
    sections = {m.id: _section(m, story, group_of, copy_of, relay_target, relayed) for m in members}
    return story, sections


def _relays_any(m: ArticleSignature, index: int) -> bool:
    """Whether the article's claim credits another outlet (then it was not first reported there)."""
    c = m.claim(index)
    return c is not None and any(k != m.outlet_key for k in c.relays)


def _first_reported(articles: set[str], by_id: dict[str, ArticleSignature], copy_of: dict[str, str],
                    relaying: set[str]) -> tuple[str, ...]:
    """The articles of a claim group that report it first: not copies or relays of another member, and
    none of the others published earlier (undated articles that nothing orders all count as first)."""
    candidates = [a for a in articles if copy_of.get(a) not in articles and a not in relaying]
    if not candidates:
        return ()  # every report of it credits someone else's reporting
    dated = [by_id[a].published for a in candidates if by_id[a].published is not None]
    if dated:
        earliest = min(dated)  # type: ignore[type-var]
        candidates = [a for a in candidates if by_id[a].published in (None, earliest)]
    return tuple(sorted(candidates, key=lambda a: by_id[a].position))


def _section(m: ArticleSignature, story: Story, group_of: dict[tuple[str, int], ClaimGroup], copy_of: dict[str, str],
             relay_target: dict[tuple[str, int], str], relayed: list[tuple[str, int, str, str]]) -> ArticleCorpus:
    rows = []
    for c in m.claims:
        g = group_of.get((m.id, c.index))
        relays_to = relay_target.get((m.id, c.index))
        if g is None:
            first = relays_to is None and not _relays_any(m, c.index)
            rows.append(ClaimInCorpus(c.index, None, 1, first, relays_to))
        else:
            rows.append(ClaimInCorpus(c.index, g.group_id, g.independent_sources, m.id in g.first_reported, relays_to))
    n = len(rows)
    originality = round(sum(r.first_reported for r in rows) / n, 4) if n else None
    corroborated = round(sum(r.independent_sources >= 2 for r in rows) / n, 4) if n else None
    return ArticleCorpus(
        story_id=story.story_id, copy_of=copy_of.get(m.id),
        relays=tuple((c, cites, name) for art, c, cites, name in relayed if art == m.id),
        originality=originality, corroborated_share=corroborated, claims=tuple(rows),
        reading=_reading(m, story, copy_of.get(m.id), rows, originality, corroborated),
    )


def _reading(m: ArticleSignature, story: Story, copy: str | None, rows: list[ClaimInCorpus],
             originality: float | None, corroborated: float | None) -> str:
    """The article's score in the corpus's light, in one or two sentences."""
    if not rows:
        return "no check-worthy claims: nothing to read against the corpus"
    first = sum(r.first_reported for r in rows)
    parts = []
    if copy is not None:
        parts.append(f"a copy or rewrite of {copy}: its sourcing is largely {copy}'s, restated")
    elif any(r.relays_to for r in rows):
        cited = sorted({r.relays_to for r in rows if r.relays_to})
        parts.append(f"relays {', '.join(cited)} for {sum(1 for r in rows if r.relays_to)} claim(s)")
    elif len(story.articles) == 1:
        parts.append("no other article in the corpus reports this story")
    parts.append(f"{first} of its {len(rows)} check-worthy claims were first reported here")
    if corroborated:
        parts.append(f"{corroborated:.0%} are backed by two or more independent sources in the corpus")
    else:
        parts.append("none is backed by a second independent source in the corpus")
    if story.external_origins:
        parts.append(f"the story rests on outlets outside the corpus ({', '.join(story.external_origins)})")
    return "; ".join(parts)

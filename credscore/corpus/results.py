"""What the corpus layer returns: frozen dataclasses with ``to_dict()`` (schema ``corpus.schema.json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from credscore.corpus.claims_match import ClaimRef


@dataclass(frozen=True)
class OriginalSource:
    """A source behind a claim group, counted once however many copies or relays repeat it."""

    key: str              # what makes two mentions one source (a name, or an anonymous source within one line of reporting)
    name: str | None
    kind: str
    claims: tuple[ClaimRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "kind": self.kind, "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class ClaimGroup:
    """Claims in different articles of a story that assert the same thing."""

    group_id: str
    claims: tuple[ClaimRef, ...]
    similarity: float                       # the least similarity of a match holding the group together
    first_reported: tuple[str, ...]         # article ids: the earliest report(s) of it
    original_sources: tuple[OriginalSource, ...]

    @property
    def independent_sources(self) -> int:
        return len(self.original_sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "claims": [c.to_dict() for c in self.claims],
            "similarity": round(self.similarity, 4),
            "first_reported": list(self.first_reported),
            "independent_sources": self.independent_sources,
            "original_sources": [s.to_dict() for s in self.original_sources],
        }


@dataclass(frozen=True)
class Story:
    """Articles reporting the same events, and how they depend on each other."""

    story_id: str
    articles: tuple[str, ...]
    origin: str | None                       # the corpus article the others copy or relay, if one
    external_origins: tuple[str, ...]        # outlets the articles relay that are not in the corpus
    copies: tuple[tuple[str, str, str], ...]  # (article, of, basis)
    relays: tuple[tuple[str, str], ...]      # (article, cites)
    claims: tuple[ClaimGroup, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "articles": list(self.articles),
            "origin": self.origin,
            "external_origins": list(self.external_origins),
            "copies": [{"article": a, "of": o, "basis": b} for a, o, b in self.copies],
            "relays": [{"article": a, "cites": c} for a, c in self.relays],
            "claims": [g.to_dict() for g in self.claims],
        }


@dataclass(frozen=True)
class ClaimInCorpus:
    """One check-worthy claim of an article, read against the corpus."""

    claim: int
    group_id: str | None
    independent_sources: int    # in the whole corpus; 1 for a claim no other article makes
    first_reported: bool
    relays_to: str | None       # the corpus article it is relayed from, when resolved

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "group_id": self.group_id, "independent_sources": self.independent_sources,
                "first_reported": self.first_reported, "relays_to": self.relays_to}


@dataclass(frozen=True)
class ArticleCorpus:
    """An article's ``corpus`` section: its story, provenance, originality and corroboration."""

    story_id: str
    copy_of: str | None
    relays: tuple[tuple[int, str, str], ...]   # (claim, cites, outlet as written)
    originality: float | None                  # share of its check-worthy claims first reported here
    corroborated_share: float | None           # share backed by at least two independent sources in the corpus
    claims: tuple[ClaimInCorpus, ...]
    reading: str                               # the article's score read in this context, in words

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "copy_of": self.copy_of,
            "relays": [{"claim": c, "cites": a, "outlet": o} for c, a, o in self.relays],
            "originality": self.originality,
            "corroborated_share": self.corroborated_share,
            "claims": [c.to_dict() for c in self.claims],
            "reading": self.reading,
        }


@dataclass(frozen=True)
class CorpusLayer:
    """The stories of a corpus and each article's corpus section, keyed by article id."""

    stories: tuple[Story, ...]
    articles: dict[str, ArticleCorpus] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"stories": [s.to_dict() for s in self.stories]}

"""Counting independent sources across a story: a source and whoever relayed it are one chain of telling.

Made-up articles reduced to what the provenance step reads (no scorer), so the counting rule is tested alone;
the seeds' end-to-end reading of it is in ``tests/test_corpus.py`` (002 and 004: Osechkin and his FSB source).
"""

from __future__ import annotations

from credscore.corpus.claims_match import ClaimMatch, ClaimRef
from credscore.corpus.outlets import outlet_key
from credscore.corpus.provenance import analyse_story
from credscore.corpus.signatures import ArticleSignature, ClaimSignature, assertions
from credscore.corpus.stories import PairFeatures

SHORTFALL = "the state budget has a $2.4 billion shortfall this year"


def _claim(kind: str, source: str, relayed_by: tuple[tuple[str, str], ...] = ()) -> ClaimSignature:
    return ClaimSignature(index=0, start=0, end=len(SHORTFALL), checkworthiness=0.9, kind=kind, source=source,
                          relays=(), relay_names=(), said=assertions(SHORTFALL), relayed_by=relayed_by)


def _article(article_id: str, position: int, outlet: str, claim: ClaimSignature) -> ArticleSignature:
    return ArticleSignature(id=article_id, position=position, outlet=outlet, outlet_key=outlet_key(outlet), url=None,
                            published=None, text_hash=None, n_shingles=0, key_hash=None, n_keys=0, quotes=(),
                            claims=(claim,), checkworthy=1)


def _sources(claims: dict[str, ClaimSignature]):
    members = [_article(a, n, f"The {a.title()} Gazette", c) for n, (a, c) in enumerate(claims.items())]
    ref = {a: ClaimRef(a, 0, 0, len(SHORTFALL)) for a in claims}
    first, *rest = claims
    not_copies = PairFeatures(text_jaccard=0.1, text_containment=0.1, keys_jaccard=0.5, shared_quotes=0,
                              quotes_in_order=False, claim_matches=1)
    features = {(first, other): not_copies for other in rest}
    matches = {(first, other): [ClaimMatch(ref[first], ref[other], 0.9)] for other in rest}
    story, _ = analyse_story("s", members, features, pair_matches=matches)
    (group,) = story.claims
    return group


def test_a_source_relayed_by_a_named_person_is_not_a_second_source_beside_that_person():
    group = _sources({
        "a": _claim("anonymous_specific", "an aide to the governor", relayed_by=(("named_person", "Maria Lopez"),)),
        "b": _claim("named_person", "Maria Lopez"),
        "c": _claim("named_person", "Tom Reyes"),
    })
    assert group.independent_sources == 2
    # the chain is kept under its innermost source: the aide Lopez relays, not Lopez
    assert sorted(s.name for s in group.original_sources) == ["Tom Reyes", "an aide to the governor"]
    aide = next(s for s in group.original_sources if s.name == "an aide to the governor")
    assert {r.article for r in aide.claims} == {"a", "b"}


def test_without_the_relay_the_same_three_claims_are_three_sources():
    group = _sources({
        "a": _claim("anonymous_specific", "an aide to the governor"),
        "b": _claim("named_person", "Maria Lopez"),
        "c": _claim("named_person", "Tom Reyes"),
    })
    assert group.independent_sources == 3


def test_two_sources_one_person_relayed_stay_two_where_that_person_is_no_source_of_the_claim():
    group = _sources({
        "a": _claim("anonymous_specific", "an aide to the governor", relayed_by=(("named_person", "Maria Lopez"),)),
        "b": _claim("anonymous_specific", "a clerk in the state treasury", relayed_by=(("named_person", "Maria Lopez"),)),
    })
    assert group.independent_sources == 2


def test_documents_the_text_does_not_name_are_not_one_source_across_articles():
    group = _sources({
        "a": _claim("document", "The lawsuit"),
        "b": _claim("document", "The report"),
        "c": _claim("document", "The Mueller report"),
    })
    assert group.independent_sources == 3

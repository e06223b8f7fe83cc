"""Flatten results into two tables: one row per article, one row per claim.

This is the one place results are flattened; the CSV and Parquet writers
(:mod:`credscore.writers`) and :func:`credscore.frames.to_frames` all use it, so the three
agree column for column. Columns are fixed (:data:`ARTICLE_COLUMNS`, :data:`CLAIM_COLUMNS`) so a
streamed CSV header and a Parquet schema are known before the first result arrives, and an
:class:`~credscore.results.ErrorResult` is a row with ``error`` set and the scores empty.

The article components' ``evidence`` lists (claim indices) are not flattened: the claim table
carries each claim's kind, score and corroboration instead.

>>> from credscore.results import ErrorResult
>>> row = article_row(ErrorResult(id="a1", input="a1.txt", error="is empty"))
>>> row["id"], row["score"], row["error"]
('a1', None, 'is empty')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from credscore.scoring import ARTICLE_TERMS, KIND_PRIOR

if TYPE_CHECKING:
    from credscore.results import ArticleResult, ErrorResult

ColumnType = Literal["string", "float", "int"]

#: Joins an article's warnings into one cell.
WARNING_SEPARATOR = " | "

#: The flattened article components, in order, with their types (``kind_shares`` per source kind).
COMPONENT_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("checkworthy_claims", "int"),
    *((f"kind_shares.{kind}", "float") for kind in KIND_PRIOR),
    ("hedge_density", "float"),
    ("uncorroborated_share", "float"),
    ("distinct_sources", "int"),
    ("media_relay_share", "float"),
    ("anonymous_share", "float"),
    ("top_source", "string"),
    ("top_source_share", "float"),
    *((f"terms.{term}", "float") for term in ARTICLE_TERMS),
)

#: One row per input: an article result, or an error (``input`` and ``error`` set).
ARTICLE_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("title", "string"),
    ("score", "float"),
    ("band", "string"),
    ("confidence", "float"),
    ("n_claims", "int"),
    *COMPONENT_COLUMNS,
    ("n_sources", "int"),
    ("warnings", "string"),
    ("input", "string"),
    ("error", "string"),
    ("error_type", "string"),
)

#: One row per claim of every scored article; ``article_id`` joins it to the article table.
CLAIM_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("article_id", "string"),
    ("claim_index", "int"),
    ("start", "int"),
    ("end", "int"),
    ("text", "string"),
    ("kind", "string"),
    ("source_text", "string"),
    ("entity_id", "string"),
    ("score", "float"),
    ("checkworthiness", "float"),
    ("hedge_score", "float"),
    ("weasel_score", "float"),
    ("n_hedges", "int"),
    ("n_verification_negative", "int"),
    ("n_verification_positive", "int"),
    ("independent_sources", "int"),
)

ARTICLE_FIELDS: tuple[str, ...] = tuple(name for name, _ in ARTICLE_COLUMNS)
CLAIM_FIELDS: tuple[str, ...] = tuple(name for name, _ in CLAIM_COLUMNS)


def flatten(mapping: Mapping[str, Any], *, prefix: str = "") -> dict[str, Any]:
    """Nested mappings to dotted keys; lists and tuples are left out.

    >>> flatten({"a": 1, "b": {"c": 2.5}, "d": [1, 2]})
    {'a': 1, 'b.c': 2.5}
    """
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}."))
        elif not isinstance(value, (list, tuple)):
            flat[name] = value
    return flat


def article_row(result: ArticleResult | ErrorResult) -> dict[str, Any]:
    """The article-table row of one result, keyed by :data:`ARTICLE_FIELDS`."""
    from credscore.results import ErrorResult

    row: dict[str, Any] = dict.fromkeys(ARTICLE_FIELDS)
    if isinstance(result, ErrorResult):
        row.update(id=result.id, input=result.input, error=result.error, error_type=result.error_type)
        return row
    components = flatten(result.components)
    row.update(
        id=result.id,
        title=result.title,
        score=result.score,
        band=result.band,
        confidence=result.confidence,
        n_claims=len(result.claims),
        n_sources=len(result.sources),
        warnings=WARNING_SEPARATOR.join(result.warnings) or None,
    )
    for name, _ in COMPONENT_COLUMNS:
        row[name] = components.get(name)
    return row


def claim_rows(result: ArticleResult | ErrorResult) -> list[dict[str, Any]]:
    """The claim-table rows of one result (none for an error), keyed by :data:`CLAIM_FIELDS`."""
    from credscore.results import ErrorResult

    if isinstance(result, ErrorResult):
        return []
    rows = []
    for index, claim in enumerate(result.claims):
        attribution = claim.attribution
        polarities = [v.polarity for v in claim.verification]
        rows.append({
            "article_id": result.id,
            "claim_index": index,
            "start": claim.start,
            "end": claim.end,
            "text": claim.text,
            "kind": attribution.kind,
            "source_text": attribution.source.text if attribution.source else None,
            "entity_id": attribution.entity_id,
            "score": claim.score,
            "checkworthiness": claim.checkworthiness,
            "hedge_score": claim.hedge_score,
            "weasel_score": claim.weasel_score,
            "n_hedges": len(claim.hedges),
            "n_verification_negative": polarities.count("negative"),
            "n_verification_positive": polarities.count("positive"),
            "independent_sources": claim.corroboration.independent_sources,
        })
    return rows

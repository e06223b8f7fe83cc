"""Results as pandas DataFrames: one of articles, one of claims (``pip install credscore[io]``).

The columns are those of :mod:`credscore.tables`, the same the CSV and Parquet writers write.
pandas is imported on the first call, never with ``import credscore``.

>>> from credscore import Scorer
>>> from credscore.frames import to_frames
>>> articles, claims = to_frames(Scorer().score_many(["NATO said 7,000 soldiers died."]))  # doctest: +SKIP
>>> list(claims["kind"])  # doctest: +SKIP
['named_organization']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from credscore.tables import ARTICLE_COLUMNS, CLAIM_COLUMNS, ColumnType, article_row, claim_rows

if TYPE_CHECKING:
    import pandas

    from credscore.results import ArticleResult, ErrorResult

# Nullable dtypes, so an error row's missing score or count stays missing, not 0 or a float.
_DTYPES: dict[ColumnType, str] = {"string": "string", "float": "Float64", "int": "Int64"}


def to_frames(results: Iterable[ArticleResult | ErrorResult]) -> tuple[pandas.DataFrame, pandas.DataFrame]:
    """``(articles, claims)``: one row per result, one row per claim; ``claims.article_id`` joins them.

    Error results are article rows with ``error`` (and ``input``) set and no claims.
    """
    try:
        import pandas as pd
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("to_frames needs pandas: pip install 'credscore[io]'") from error

    articles, claims = [], []
    for result in results:
        articles.append(article_row(result))
        claims.extend(claim_rows(result))
    return _frame(pd, articles, ARTICLE_COLUMNS), _frame(pd, claims, CLAIM_COLUMNS)


def _frame(pd, rows: list[dict], columns: tuple[tuple[str, ColumnType], ...]) -> pandas.DataFrame:  # type: ignore[no-untyped-def]
    names = [name for name, _ in columns]
    frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    return frame.astype({name: _DTYPES[kind] for name, kind in columns})

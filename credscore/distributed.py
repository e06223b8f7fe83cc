"""Distributed scoring on Ray Data: :func:`score_dataset` scores a ``ray.data.Dataset`` of articles.

The model is loaded once per actor (``Scorer(model=..., device=...).load()`` in the actor's
``__init__``), and the actors of a pool score batches of rows. Every input row gives exactly one
output row, so no record is lost::

    {"id": str | None, "ok": bool, "result_json": str | None, "error": str | None}

``result_json`` is ``ArticleResult.to_dict()`` as a JSON string; an input that cannot be scored
(an :class:`~credscore.results.ErrorResult`) is ``ok=False`` with the reason in ``error``.

Ray is imported only when :func:`score_dataset` is called (``pip install 'credscore[ray]'``);
``import credscore`` never imports it.

>>> import ray, json                                                       # doctest: +SKIP
>>> from credscore.distributed import score_dataset                         # doctest: +SKIP
>>> ds = ray.data.from_items([{"id": "a1", "text": "Police said two men were arrested."}])  # doctest: +SKIP
>>> out = score_dataset(ds, model=None, concurrency=2).take_all()           # doctest: +SKIP
>>> out[0]["ok"], json.loads(out[0]["result_json"])["id"]                   # doctest: +SKIP
(True, 'a1')

To run on a cluster, connect first (``ray.init(address="ray://HOST:10001")``, or set
``RAY_ADDRESS``) and pass ``num_gpus=1`` to put each actor on a GPU.
"""

from __future__ import annotations

import json
import logging
import math
import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import ray.data

#: Optional record columns handed to the scorer when the dataset has them.
META_COLS = ("title", "url", "outlet", "published")
#: Internal columns the CLI uses to carry an already-read Article across unchanged.
FORMAT_COL = "_credscore_format"
WARNINGS_COL = "_credscore_warnings"
#: The pickled result object (only with ``keep_objects=True``; the CLI uses it to reuse its writers).
OBJECT_COL = "result_pickle"
#: How many actors, and how many rows each is sent at a time, unless told otherwise.
WORKERS = 2
BATCH_SIZE = 32


def _value(value: Any) -> Any:
    """A cell as a plain Python value: pandas' NaN/None become None, numpy scalars become Python ones."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        return item()
    return value


class _ScoreBatches:
    """The callable class of the actor pool: one loaded :class:`~credscore.Scorer` per actor."""

    def __init__(self, model: Any, device: str, text_col: str, id_col: str,
                 pass_through: Sequence[str], keep_objects: bool, allow_non_english: bool = False) -> None:
        from credscore.scorer import Scorer

        self.scorer = Scorer(model=model, device=device, allow_non_english=allow_non_english).load()
        self.text_col, self.id_col = text_col, id_col
        self.pass_through = tuple(pass_through)
        self.keep_objects = keep_objects

    def _item(self, row: dict[str, Any]) -> Any:
        from credscore.intake import Article

        text = _value(row.get(self.text_col))
        ident = _value(row.get(self.id_col))
        ident = None if ident is None else str(ident)
        meta = {k: (None if _value(row.get(k)) is None else str(_value(row.get(k)))) for k in META_COLS}
        fmt = _value(row.get(FORMAT_COL))
        if fmt is not None and isinstance(text, str):  # an Article the CLI has already read and checked
            warnings = row.get(WARNINGS_COL)
            warnings = () if warnings is None else tuple(str(w) for w in warnings)
            return Article(text=text, id=ident, format=fmt, warnings=warnings, **meta)
        item = {"id": ident, **meta}
        if isinstance(text, str):
            item["text"] = text
        return item  # no text string: score_many reports it as an ErrorResult

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        from credscore.results import ErrorResult

        rows = batch.to_dict("records")
        items = [self._item(row) for row in rows]
        out: dict[str, list[Any]] = {"id": [], "ok": [], "result_json": [], "error": []}
        for col in self.pass_through:
            out[col] = [_value(row.get(col)) for row in rows]
        if self.keep_objects:
            out[OBJECT_COL] = []
        for item, result in zip(items, self.scorer.score_many(items)):
            ident = item.id if not isinstance(item, dict) else item["id"]
            out["id"].append(ident)
            if isinstance(result, ErrorResult):
                out["ok"].append(False)
                out["result_json"].append(None)
                out["error"].append(f"{result.input}: {result.error}")
            else:
                out["ok"].append(True)
                out["result_json"].append(json.dumps(result.to_dict(), ensure_ascii=False))
                out["error"].append(None)
            if self.keep_objects:
                out[OBJECT_COL].append(pickle.dumps(result))
        return out


def score_dataset(
    ds: ray.data.Dataset,
    *,
    model: Any = "default",
    device: str = "auto",
    text_col: str = "text",
    id_col: str = "id",
    concurrency: int = WORKERS,
    batch_size: int = BATCH_SIZE,
    num_gpus: float = 0,
    pass_through: Sequence[str] = (),
    keep_objects: bool = False,
    allow_non_english: bool = False,
) -> ray.data.Dataset:
    """Score every row of ``ds`` on a pool of ``concurrency`` Ray actors; one output row per input row.

    ``model`` is as for :class:`~credscore.Scorer` (``None``: feature-only, no torch).
    ``num_gpus > 0`` gives each actor that share of a GPU (use ``device="cuda"`` or ``"auto"``).
    Optional ``title``/``url``/``outlet``/``published`` columns are used when present.
    ``pass_through`` columns are copied to the output (e.g. an index to restore input order:
    Ray Data does not keep row order across actors). ``keep_objects=True`` adds a
    ``result_pickle`` column with the pickled result objects.

    >>> import ray                                                           # doctest: +SKIP
    >>> ray.init(num_cpus=2)                                                 # doctest: +SKIP
    >>> ds = ray.data.read_json("articles.jsonl")                           # doctest: +SKIP
    >>> score_dataset(ds, model=None, concurrency=2).write_json("scored/")  # doctest: +SKIP
    """
    import ray.data  # lazy: only here

    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    options: dict[str, Any] = {"num_gpus": num_gpus} if num_gpus else {"num_cpus": 1}
    return ds.map_batches(
        _ScoreBatches,
        fn_constructor_kwargs={
            "model": model, "device": device, "text_col": text_col, "id_col": id_col,
            "pass_through": tuple(pass_through), "keep_objects": keep_objects, "allow_non_english": allow_non_english,
        },
        batch_size=batch_size,
        batch_format="pandas",
        compute=ray.data.ActorPoolStrategy(size=concurrency),  # a fixed pool (``concurrency=`` is deprecated in Ray 2.51)
        **options,
    )


def score_articles(articles: Iterable[Any], *, model: Any = "default", device: str = "auto", workers: int = WORKERS,
                   batch_size: int = BATCH_SIZE, allow_non_english: bool = False) -> Iterator[Any]:
    """Score :class:`~credscore.intake.Article` s on ``workers`` Ray actors; yield the results in input order.

    The Ray engine of :func:`credscore.batch.score_many` (and so of ``credscore score --engine ray``).
    An :class:`~credscore.results.ErrorResult` among the inputs (a record that could not be read)
    stays here and is yielded in its place; the articles go to :func:`score_dataset` with an index
    column and come back sorted by it. Joins ``RAY_ADDRESS``, else starts a local Ray, when none
    is running; Ray Data's progress bars are turned off (the library shows none unless asked).

    >>> from credscore.intake import Article                                    # doctest: +SKIP
    >>> [r.id for r in score_articles([Article(text="Police said so.", id="a")], model=None)]  # doctest: +SKIP
    ['a']
    """
    import ray  # lazy: only here
    import ray.data

    from credscore.results import ErrorResult

    errors: dict[int, ErrorResult] = {}
    rows = []
    for index, article in enumerate(articles):
        if isinstance(article, ErrorResult):
            errors[index] = article
            continue
        rows.append({"_index": index, "text": article.text, "id": article.id, "title": article.title,
                     "url": article.url, "outlet": article.outlet, "published": article.published,
                     FORMAT_COL: article.format, WARNINGS_COL: list(article.warnings)})
    pending = sorted(errors)  # indices of the errors, yielded in place
    if rows:
        if not ray.is_initialized():
            ray.init(include_dashboard=False, logging_level=logging.WARNING)  # RAY_ADDRESS, else a local cluster
        ray.data.DataContext.get_current().enable_progress_bars = False
        scored = score_dataset(ray.data.from_items(rows), model=model, device=device, concurrency=workers,
                               batch_size=batch_size, pass_through=["_index"], keep_objects=True,
                               allow_non_english=allow_non_english)
        for row in scored.sort("_index").iter_rows():
            while pending and pending[0] < row["_index"]:
                yield errors[pending.pop(0)]
            yield pickle.loads(row[OBJECT_COL])
    for index in pending:
        yield errors[index]


__all__ = ["score_articles", "score_dataset"]

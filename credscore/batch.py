"""The one batch call: score many records on a chosen engine, one result per input, in input order.

- ``"local"``: :meth:`Scorer.score_many <credscore.scorer.Scorer.score_many>`, in this process or,
  when ``scorer.workers`` is more than one, in that many processes (:mod:`credscore.parallel`);
- ``"ray"``: on ``scorer.workers`` Ray actors, each with a scorer built from the same settings
  (:mod:`credscore.distributed`).

Imports go one way, so no two of these modules import each other: this module and
:mod:`credscore.distributed` import the scorer; the scorer imports neither, and uses
:mod:`credscore.parallel` only for ``workers > 1``, handing it a picklable factory, so the pool
never imports the scorer. ``credscore score`` calls :func:`score_many`; so can a host program.
Whatever the engine, an input that cannot be scored gives an
:class:`~credscore.results.ErrorResult` in its place and the batch goes on: no record is lost or
duplicated because another one failed."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from credscore.scorer import Scorer

Engine = Literal["local", "ray"]
ENGINES: tuple[str, ...] = ("local", "ray")
#: the runtimes a Ray actor can run (its scorer is built with the default runtime)
RAY_RUNTIMES = ("auto", "torch")


def score_many(items: Iterable[Any], *, scorer: Scorer, engine: Engine = "local",
               as_tuples: bool = False) -> Iterator[Any]:
    """Score ``items`` with ``scorer``'s settings on ``engine``; one result per input, in input order.

    Items are what :meth:`Scorer.score_many <credscore.scorer.Scorer.score_many>` takes (strings,
    mappings with ``text``, :class:`~credscore.intake.Article` s, or ``(item, context)`` pairs with
    ``as_tuples=True``). ``scorer.workers`` is the number of processes (``"local"``) or Ray actors
    (``"ray"``) and ``scorer.batch_size`` the articles each is sent at a time. An unknown engine
    raises ``ValueError``; ``"ray"`` without Ray installed raises ``ImportError`` here, before any
    record is read.

    >>> from credscore import Scorer
    >>> [r.id for r in score_many([{"id": "a", "text": "Police said two men were arrested."}],
    ...                           scorer=Scorer(model=None))]
    ['a']
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine == "local":
        return scorer.score_many(items, as_tuples=as_tuples)
    if scorer.runtime not in RAY_RUNTIMES:
        raise ValueError(f"runtime {scorer.runtime!r} runs with the local engine; a Ray actor runs "
                         f"{' or '.join(RAY_RUNTIMES)}")
    if find_spec("ray") is None:  # fail now, not at the first result
        raise ImportError("engine='ray' needs Ray: pip install 'credscore[ray]'")
    if not as_tuples:
        return _on_ray(items, scorer)
    contexts: deque[Any] = deque()

    def strip(pairs: Iterable[tuple[Any, Any]]) -> Iterator[Any]:
        for item, context in pairs:
            contexts.append(context)
            yield item

    return ((result, contexts.popleft()) for result in _on_ray(strip(items), scorer))


def _on_ray(items: Iterable[Any], scorer: Scorer) -> Iterator[Any]:
    """The items as the scorer reads them here (an error in place of each it refuses), scored on Ray."""
    from credscore.distributed import score_articles

    articles = (scorer._to_article(item, position) for position, item in enumerate(items))
    return score_articles(articles, model=scorer.model, device=scorer.device, workers=scorer.workers,
                          batch_size=scorer.batch_size, allow_non_english=scorer.allow_non_english)

"""``Scorer``: the one call. Text in, :class:`~credscore.results.ArticleResult` out.

Data flows one way: intake → boilerplate → segmenter → components (the model's among them)
→ scoring → results. Construction is cheap; spaCy and the lexicons load on first use.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from importlib import metadata as _metadata
from pathlib import Path
from typing import Any, Literal, overload

from credscore.boilerplate import find_boilerplate
from credscore.document import Document, Sentence
from credscore.errors import InputError
from credscore.intake import Article, article_from_text, clearly_not_english, generated_id, language_warning
from credscore.model.locate import resolve_model_dir
from credscore.pipeline import Component, build_components, run_components
from credscore.results import ArticleResult, ClaimResult, ErrorResult, ModelInfo, build_result
from credscore.scoring import ArticleScore, score_article, score_claim
from credscore.segment import MAX_PARSE_CHARS, Segmenter

logger = logging.getLogger("credscore")

try:
    __version__ = _metadata.version("credscore")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"
ArticleInput = str | Mapping[str, Any] | Article
RECORD_FIELDS = ("text", "id", "title", "url", "outlet", "published")


class Scorer:
    """Scores how well articles are sourced.

    >>> from credscore import Scorer
    >>> result = Scorer().score("NATO estimated that 7,000 soldiers have been killed.")
    >>> result.claims[0].attribution.kind
    'named_organization'

    ``model`` is a model directory, ``"default"`` for the shipped model (``$CREDSCORE_MODEL``, else
    the one packaged in ``credscore/models/``), or ``None`` for the feature-only scorer (lexicons,
    parse rules and the documented formula in :mod:`credscore.scoring`; needs no torch). ``device`` is
    ``"auto"``, ``"cpu"`` or ``"cuda[:N]"``. ``runtime`` is ``"auto"`` (torch on a GPU, or on the CPU
    with ``$CREDSCORE_CPU_BF16=1``; else ONNX Runtime fp32 on the CPU when the ``onnx`` extra is installed: torch's answers,
    faster), ``"torch"``, ``"onnx"``, or ``"onnx-int8"`` (opt-in: faster again, but its answers
    move; BENCHMARKS.md has its speed and its dev metrics).
    ``workers=N`` makes :meth:`score_many` score batches in N processes (:mod:`credscore.parallel`).
    Text that is clearly not English is refused (its error record, or :class:`InputError` from
    :meth:`score`) unless ``allow_non_english=True``: the lexicons and the model are English-only,
    so its scores would mean nothing. Doubtful text is scored with a warning.
    """

    def __init__(
        self, model: str | Path | None = "default", *, device: str = "auto", batch_size: int = 64,
        runtime: str = "auto", workers: int = 1, allow_non_english: bool = False,
    ) -> None:
        from credscore.model.checkpoint import RUNTIMES  # no torch: plain config

        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}; known: {', '.join(RUNTIMES)}")
        self.model = model
        self.device = device
        self.runtime = runtime
        self.workers = workers
        self.batch_size = batch_size
        self.allow_non_english = allow_non_english
        self._segmenter: Segmenter | None = None
        self._components: list[Component] | None = None
        self._heads: Any = None

    def load(self) -> Scorer:
        """Load spaCy, the lexicons and the model (if any) now rather than on the first call."""
        if self._segmenter is None:
            if self.model is not None:
                from credscore.model.heads import ModelHeads  # imports torch: only when a model is asked for

                self._heads = ModelHeads(resolve_model_dir(self.model), device=self.device, runtime=self.runtime)
            self._components = build_components(model=self._heads)
            self._segmenter = Segmenter(batch_size=self.batch_size).load()
        return self

    @property
    def model_heads(self) -> Any:
        """The loaded :class:`~credscore.model.heads.ModelHeads`, or None for the feature-only scorer."""
        return self.load()._heads

    @property
    def model_info(self) -> ModelInfo:
        if self._heads is not None:
            config = self._heads.model_config
            device = self._heads.device if self._heads.runtime == "torch" else f"{self._heads.device}/{self._heads.runtime}"
            return ModelInfo(name=config.name, version=config.version, device=device)
        return ModelInfo(name="credscore-features", version=__version__, device="cpu")

    # -- public calls ---------------------------------------------------------------------

    def score(
        self,
        text: str,
        *,
        title: str | None = None,
        id: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        format: Literal["auto", "text", "html"] = "auto",
    ) -> ArticleResult:
        """Score one article given as plain text or HTML. Bad input raises :class:`InputError`."""
        article = article_from_text(text, id=id, title=title, url=url, outlet=outlet, format=format,
                                    name=id or "<text>")
        return next(self._score_articles([self._admit(article)], isolate=False))  # type: ignore[return-value]

    def score_article(self, article: Article) -> ArticleResult:
        """Score an :class:`~credscore.intake.Article` (what ``credscore.intake.read_path`` returns)."""
        return next(self._score_articles([self._admit(article)], isolate=False))  # type: ignore[return-value]

    @overload
    def score_many(self, items: Iterable[ArticleInput], *, as_tuples: Literal[False] = ...) -> Iterator[ArticleResult | ErrorResult]: ...
    @overload
    def score_many(self, items: Iterable[tuple[ArticleInput, Any]], *, as_tuples: Literal[True]) -> Iterator[tuple[ArticleResult | ErrorResult, Any]]: ...

    def score_many(self, items: Iterable[Any], *, as_tuples: bool = False) -> Iterator[Any]:
        """Score articles lazily, in input order, one result per input.

        Items are strings, mappings with ``text`` (and optional ``id``, ``title``, ``url``,
        ``outlet``, ``published``), or :class:`Article`. An input that cannot be scored yields
        an :class:`ErrorResult` in its place; the batch goes on. With ``as_tuples=True`` items
        are ``(input, context)`` pairs and ``(result, context)`` pairs come back.
        """
        batches = self._batches(items, as_tuples)
        if self.workers > 1:
            yield from self._score_in_processes(batches, as_tuples)
            return
        for batch in batches:
            articles = [a for _, a, _ in batch if isinstance(a, Article)]
            yield from self._merge(batch, self._score_articles(articles), as_tuples)

    def _batches(self, items: Iterable[Any], as_tuples: bool) -> Iterator[list[tuple[int, Article | ErrorResult, Any]]]:
        batch: list[tuple[int, Article | ErrorResult, Any]] = []
        for position, item in enumerate(items):
            context = None
            if as_tuples:
                item, context = item
            batch.append((position, self._to_article(item, position), context))
            if len(batch) >= self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _score_in_processes(self, batches: Iterable[list[tuple[int, Article | ErrorResult, Any]]],
                            as_tuples: bool) -> Iterator[Any]:
        from credscore.parallel import WorkerPool  # a generic pool: it never imports this module

        if self.model is not None:
            from credscore.model.heads import build_runtime_files

            build_runtime_files(self.model, self.device, self.runtime)  # once here, not once per worker
        start = partial(_batch_function, self.model, self.device, self.runtime, self.batch_size, self.allow_non_english)
        pool = WorkerPool(start, workers=self.workers)
        try:
            tagged = ((batch, [a for _, a, _ in batch if isinstance(a, Article)]) for batch in batches)
            for batch, results in pool.map(tagged):
                yield from self._merge(batch, iter(results), as_tuples)
        finally:
            pool.close()

    def score_corpus(self, items: Iterable[ArticleInput], *, window_days: int = 7, engine: str = "local",
                     embeddings: bool | None = None) -> Any:
        """Score articles and read them together: stories, copies, relays, matched claims, corroboration.

        Returns a :class:`credscore.corpus.CorpusResult`: the per-article results (each with a
        ``corpus`` section) and the stories. ``outlet``, ``url`` and ``published`` are used where
        given; articles with dates are compared only within ``window_days`` of each other.
        ``engine="ray"`` runs the scoring and the corpus layer on Ray (``pip install 'credscore[ray]'``).
        ``embeddings`` (default: when this scorer has a model) embeds each opening with the base encoder
        so that articles on the same people in different events are not one story.
        """
        from credscore.corpus import score_corpus  # the corpus layer reads results; the pipeline never imports it

        return score_corpus(self, items, window_days=window_days, engine=engine, embeddings=embeddings)

    def annotate(self, items: Iterable[ArticleInput]) -> list[Document]:
        """The annotated documents of articles before scoring: segments, features, the model's readings.

        For analysis and fitting (``training.article_score`` reads the claim evidence from them);
        an input that cannot be read raises :class:`InputError`.
        """
        self.load()
        articles = []
        for position, item in enumerate(items):
            article = self._to_article(item, position)
            if isinstance(article, ErrorResult):
                raise InputError(article.input, article.error)
            articles.append(article)
        return self._analyse(articles)

    def score_sentences(self, sentences: list[str], *, together: bool = False) -> list[ClaimResult]:
        """Score sentences, one :class:`ClaimResult` per input: each alone (offsets into the sentence),
        or with ``together=True`` as one passage in their order, so that the model reads each one
        beside its neighbours as it reads an article's (offsets into the sentences joined by line
        breaks; a sentence may not hold a line break then)."""
        if isinstance(sentences, str):
            raise InputError("sentences", "is one string, not a list of sentences", "wrap it: [sentence]")
        documents = []
        for i, sentence in enumerate(sentences):
            if not isinstance(sentence, str) or not sentence.strip():
                raise InputError(f"sentences[{i}]", "is empty or not a string")
            if len(sentence) > MAX_PARSE_CHARS:
                raise InputError(
                    f"sentences[{i}]", f"is {len(sentence):,} characters, over the {MAX_PARSE_CHARS:,} a sentence may have",
                    "score long text as an article with Scorer().score(text)",
                )
            if together and ("\n" in sentence or "\r" in sentence):
                raise InputError(f"sentences[{i}]", "holds a line break, which would end it early when read together",
                                 "replace its line breaks with spaces")
            documents.append(Document(text=sentence, id=str(i)))
        self.load()
        assert self._segmenter is not None and self._components is not None
        if together:
            passage = Document(text="\n".join(sentences), id="passage")
            doc = run_components(self._components, list(self._segmenter.pipe([passage], split_sentences="lines")))[0]
            claims = list(self._result(doc, keep_all=True).claims) if sentences else []
            if len(claims) != len(sentences):  # each line is one sentence by construction
                raise RuntimeError(f"{len(sentences)} sentences read together gave {len(claims)} results")
            return claims
        docs = run_components(self._components, list(self._segmenter.pipe(documents, split_sentences=False)))
        return [self._result(doc, keep_all=True).claims[0] for doc in docs]

    # -- internals ------------------------------------------------------------------------

    def _to_article(self, item: Any, position: int) -> Article | ErrorResult:
        try:
            if isinstance(item, ErrorResult):
                return item  # an ErrorResult from an earlier stage (a file that failed to read) passes through
            if isinstance(item, Article):
                return self._admit(item)
            if isinstance(item, str):
                return self._admit(article_from_text(item, name=f"record {position}"))
            if isinstance(item, Mapping):
                unknown = set(item) - set(RECORD_FIELDS)
                if "text" not in item or not isinstance(item["text"], str):
                    raise InputError(f"record {position}", "has no 'text' string field", f"got fields {sorted(item)}")
                fields = {k: (str(item[k]) if item.get(k) is not None else None) for k in RECORD_FIELDS[1:]}
                if unknown:
                    logger.debug("record %s: ignoring fields %s", position, sorted(unknown))
                return self._admit(article_from_text(item["text"], name=fields["id"] or f"record {position}", **fields))
            raise InputError(f"record {position}", f"is a {type(item).__name__}", "pass a string, a mapping with 'text', or an Article")
        except Exception as exc:  # whatever the failure, it costs this input alone
            ident = item.get("id") if isinstance(item, Mapping) else None
            return ErrorResult.from_exception(exc, input=f"record {position}",
                                              id=str(ident) if ident is not None else None)

    def _admit(self, article: Article) -> Article:
        """The article as it will be scored: refused (:class:`InputError`) when it is clearly not
        English and that is not allowed, else given a stable generated id if it has none."""
        if not self.allow_non_english and clearly_not_english(article.text):
            raise InputError(
                article.id or "<text>", "does not look like English; credscore's lexicons and model are English-only",
                "score it anyway with --allow-non-english or Scorer(allow_non_english=True)",
            )
        return article if article.id else replace(article, id=generated_id(article.text))

    @staticmethod
    def _merge(batch: list[tuple[int, Article | ErrorResult, Any]], scored: Iterator[ArticleResult | ErrorResult],
               as_tuples: bool) -> Iterator[Any]:
        """The batch's results in input order: each scored article, or the error in its place."""
        for _, item, context in batch:
            result = item if isinstance(item, ErrorResult) else next(scored)
            yield (result, context) if as_tuples else result

    def _score_articles(self, articles: list[Article], *, isolate: bool = True) -> Iterator[ArticleResult | ErrorResult]:
        """One result per article, in order, the batch sharing the parse and the encoder.

        With ``isolate`` (every batch call) a failure costs only the article that raised it:
        a batch that fails as a whole is scored again one article at a time, and an article
        that fails alone becomes an :class:`ErrorResult` naming the exception. ``score()``
        passes ``isolate=False`` so a library caller sees the exception itself.
        """
        self.load()
        try:
            docs = self._analyse(articles)
        except Exception:
            if not isolate:
                raise
            logger.debug("a batch of %d failed; scoring its articles one at a time", len(articles), exc_info=True)
            for article in articles:
                yield self._score_alone(article)
            return
        for doc, article in zip(docs, articles):
            try:
                yield self._finish(doc, article)
            except Exception as exc:
                if not isolate:
                    raise
                yield ErrorResult.from_exception(exc, input=_input_name(article), id=article.id)

    def _score_alone(self, article: Article) -> ArticleResult | ErrorResult:
        try:
            return self._finish(self._analyse([article])[0], article)
        except Exception as exc:
            return ErrorResult.from_exception(exc, input=_input_name(article), id=article.id)

    def _analyse(self, articles: list[Article]) -> list[Document]:
        """Segment, annotate and (with a model) run the encoder over a batch of articles.

        With INFO logging on (``credscore --verbose``), says what each stage did and how long it took.
        """
        assert self._segmenter is not None
        clock = [time.perf_counter()]
        assert self._components is not None
        docs = list(self._segmenter.pipe(self._document(a) for a in articles))
        clock.append(time.perf_counter())
        docs = run_components(self._components, docs)
        clock.append(time.perf_counter())
        if logger.isEnabledFor(logging.INFO):
            sentences = sum(len(d.sentences) for d in docs)
            attributed = sum(1 for d in docs for s in d.sentences if s.attribution is not None)
            boilerplate = sum(len(d.boilerplate) for d in docs)
            runtime = f" (model on {self._heads.runtime})" if self._heads is not None else ""
            logger.info("%d article(s): %d boilerplate span(s) set aside, %d sentence(s) parsed in %.0f ms; "
                        "components (%s)%s found %d attribution(s) and %d source entities in %.0f ms",
                        len(docs), boilerplate, sentences, 1000 * (clock[1] - clock[0]),
                        ", ".join(c.name for c in self._components), runtime, attributed,
                        sum(len(d.entities) for d in docs), 1000 * (clock[2] - clock[1]))
        return docs

    def _finish(self, doc: Document, article: Article) -> ArticleResult:
        result = self._result(doc)
        if article.format == "html":
            result = _with_extracted_text(result, article.text)
        return result

    def _document(self, article: Article) -> Document:
        meta = {k: v for k, v in (("url", article.url), ("outlet", article.outlet), ("published", article.published)) if v}
        doc = Document(text=article.text, id=article.id, title=article.title, meta=meta, warnings=list(article.warnings))
        doc.boilerplate = find_boilerplate(article.text, title=article.title)
        warning = language_warning(article.text)
        if warning:
            doc.warnings.append(warning)
        doc.done.add("boilerplate")
        return doc

    def _result(self, doc: Document, *, keep_all: bool = False) -> ArticleResult:
        claims: list[Sentence] = [s for s in doc.sentences if keep_all or s.is_claim]
        claim_scores = [score_claim(doc, s) for s in claims]
        article: ArticleScore = score_article(doc, claims, claim_scores)
        if article.score is None:
            doc.warnings.append("no check-worthy claims found: the article has no sourcing score")
        return build_result(doc, claims, claim_scores, article, self.model_info)


def _batch_function(model: str | Path | None, device: str, runtime: str, batch_size: int,
                    allow_non_english: bool) -> Any:
    """A loaded scorer's batch function: what each worker process of :meth:`Scorer.score_many` runs.

    Module level, so that ``functools.partial(_batch_function, ...)`` pickles into a spawned worker.
    """
    scorer = Scorer(model=model, device=device, runtime=runtime, batch_size=batch_size,
                    allow_non_english=allow_non_english).load()
    return lambda articles: list(scorer._score_articles(articles))


def _input_name(article: Article) -> str:
    return article.id or "<text>"


def _with_extracted_text(result: ArticleResult, text: str) -> ArticleResult:
    return replace(result, extracted_text=text)

"""``credscore serve``: the scorer as a REST service for moderation pipelines.

Built on FastAPI and uvicorn: the request models are typed from the same fields as a library
record (:data:`credscore.scorer.RECORD_FIELDS`) and checked by pydantic before anything is
scored, the OpenAPI document comes for free (``/openapi.json``, ``/docs``), and the stack
(Starlette, pydantic, uvicorn with its graceful shutdown) is widely used and well kept.

Endpoints: ``GET /healthz``, ``POST /v1/score`` (one article → what ``Scorer.score(...).to_dict()``
gives), ``POST /v1/score_many`` (``{"articles": [...]}`` → ``{"results": [...]}``, error records
in place, as ``Scorer.score_many``), ``GET /v1/schema`` (the JSON Schema of a result). Every error
response is JSON with ``error`` and ``error_type``: 413 a body over ``max_body`` bytes, 422 bad
input (``detail`` lists each field and problem; an article the scorer refuses answers its
error record), 500 a scoring failure, 503 not running, 504 past ``timeout`` seconds.

The scorer is not thread-safe, so one worker thread owns it (:class:`~credscore.batcher.MicroBatcher`):
concurrent requests are scored together in one ``score_many`` call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Optional

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from credscore.batcher import BatcherStopped, MicroBatcher
from credscore.intake import Article, article_from_text
from credscore.results import ErrorResult, load_schema
from credscore.scorer import __version__

if TYPE_CHECKING:
    from credscore.scorer import Scorer

logger = logging.getLogger("credscore")

#: The most articles one ``/v1/score_many`` request may hold (more: 422); send more as several requests.
MAX_ARTICLES = 256
#: The default request body limit in bytes (``--max-body``).
DEFAULT_MAX_BODY = 16 * 1024 * 1024
#: The default per-request time limit in seconds (``--timeout``), queueing included.
DEFAULT_TIMEOUT = 60.0
#: The default longest wait, in milliseconds, for more requests to join a batch (``--batch-wait-ms``).
DEFAULT_BATCH_WAIT_MS = 5.0


class ArticleIn(BaseModel):
    """One article: the fields of a library record (``credscore.scorer.RECORD_FIELDS``); others are ignored."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"text": "The council said the bridge will cost £40m.", "id": "a1", "outlet": "The Mirror"}]})

    text: str = Field(description="The article's body text, plain or HTML.")
    id: Optional[str] = Field(None, description="Your id; it comes back in the result.")
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = Field(None, description="The publishing outlet: 'told the Mirror' in a Mirror article is not a relay.")
    published: Optional[str] = None


class ArticlesIn(BaseModel):
    """A batch of articles, scored in order."""

    articles: list[ArticleIn] = Field(max_length=MAX_ARTICLES, description=f"At most {MAX_ARTICLES} articles.")


class ErrorOut(BaseModel):
    """An error answer: what failed and its kind (an :class:`~credscore.results.ErrorResult` adds ``id``, ``input``)."""

    model_config = ConfigDict(extra="allow")

    error: str
    error_type: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "The request body is over the size limit (--max-body)."},
    422: {"model": ErrorOut, "description": "Bad input: a missing or mistyped field (listed in `detail`), "
          f"more than {MAX_ARTICLES} articles, or text the scorer refuses (its error record)."},
    500: {"model": ErrorOut, "description": "Scoring failed unexpectedly."},
    504: {"model": ErrorOut, "description": "Scoring took longer than the time limit (--timeout)."},
}

#: One work item of the batcher: the article, its name in messages and its ``input`` in an error
#: record, as ``Scorer.score`` (``id`` or ``<text>``) and ``Scorer.score_many`` (``id`` or ``record N``) name them.
_Item = tuple[ArticleIn, str, str]


def create_app(
    scorer: Scorer, *, max_body: int = DEFAULT_MAX_BODY, timeout: float = DEFAULT_TIMEOUT,
    batch_wait_ms: float = DEFAULT_BATCH_WAIT_MS, batch_size: int | None = None,
) -> FastAPI:
    """The service's ASGI app over ``scorer``, which loads at startup on the app's worker thread.

    ``batch_size`` caps the articles scored together (default ``scorer.batch_size``). Run it with
    uvicorn (``credscore serve``), or in tests with ``fastapi.testclient.TestClient`` as a context
    manager, so that startup and shutdown run.

    >>> from credscore import Scorer
    >>> from fastapi.testclient import TestClient
    >>> with TestClient(create_app(Scorer(model=None))) as client:  # doctest: +SKIP
    ...     client.post("/v1/score", json={"text": "NATO said 7,000 soldiers died."}).json()["score"]
    """
    if max_body < 1 or timeout <= 0 or batch_wait_ms < 0:
        raise ValueError(f"max_body and timeout must be positive and batch_wait_ms not negative, got "
                         f"max_body={max_body}, timeout={timeout}, batch_wait_ms={batch_wait_ms}")
    batcher: MicroBatcher[_Item, dict[str, Any]] = MicroBatcher(
        lambda items: _score_items(scorer, items), setup=scorer.load,
        max_batch=batch_size or scorer.batch_size, max_wait=batch_wait_ms / 1000,
    )
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(batcher.start)  # the model loads before the first request is accepted
        state["model"] = scorer.model_info.name
        logger.info("scoring with %s", state["model"])
        try:
            yield
        finally:
            await asyncio.to_thread(batcher.stop)  # drains what is queued

    app = FastAPI(title="credscore", version=__version__, lifespan=lifespan,
                  description="How well is a news article sourced? Scores articles as `credscore.Scorer` does.")
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]

    async def run(items: Sequence[_Item]) -> list[dict[str, Any]] | JSONResponse:
        """The items' result dicts, or the error response (timeout, worker failure, not running)."""
        try:
            return await asyncio.wait_for(batcher.submit(items), timeout)
        except asyncio.TimeoutError:
            return _error(504, f"scoring took longer than the {timeout:g} s time limit", "Timeout")
        except BatcherStopped as exc:
            return _error(503, str(exc), "Unavailable")
        except Exception as exc:
            return _error(500, f"scoring failed: {type(exc).__name__}: {exc}", type(exc).__name__)

    @app.get("/healthz", summary="Ready to score", responses={503: {"model": ErrorOut}})
    async def healthz() -> JSONResponse:
        if not batcher.running:
            return _error(503, "the scorer is not running", "Unavailable")
        return JSONResponse({"status": "ok", "model": state["model"]})

    @app.post("/v1/score", summary="Score one article", responses=_ERRORS,
              response_description="The article result, as `Scorer.score(...).to_dict()` (schema: /v1/schema).")
    async def score(article: ArticleIn) -> JSONResponse:
        answer = await run([(article, article.id or "<text>", article.id or "<text>")])
        if isinstance(answer, JSONResponse):
            return answer
        result = answer[0]
        if result.get("error_type") == "InputError":  # the scorer refused the text: its error record
            problem = {"loc": ["body", "text"], "msg": result["error"], "type": "input_error"}
            return JSONResponse({**result, "detail": [problem]}, status_code=422)
        if "error" in result:  # it failed on the text
            return JSONResponse(result, status_code=500)
        return JSONResponse(result)

    @app.post("/v1/score_many", summary="Score articles in order", responses=_ERRORS,
              response_description="`{\"results\": [...]}`: one per article, in order, an error record "
                                   "(`error`, `error_type`) in place of an article that could not be scored.")
    async def score_many(batch: ArticlesIn) -> JSONResponse:
        answer = await run([(article, article.id or f"record {i}", f"record {i}") for i, article in enumerate(batch.articles)])
        if isinstance(answer, JSONResponse):
            return answer
        return JSONResponse({"results": answer})

    @app.get("/v1/schema", summary="The JSON Schema of an article result")
    async def schema() -> JSONResponse:
        return JSONResponse(load_schema())

    return app


def _score_items(scorer: Scorer, items: list[_Item]) -> Iterator[dict[str, Any]]:
    """Score the batch on the worker thread: ``Scorer.score_many``, as dicts, one per item."""
    articles = (_article(*item) for item in items)
    return (result.to_dict() for result in scorer.score_many(articles))


def _article(article: ArticleIn, name: str, input: str) -> Article | ErrorResult:
    """The article as the library reads it; a failure is its error record, named as the library names it."""
    try:
        return article_from_text(article.text, name=name, id=article.id, title=article.title, url=article.url,
                                 outlet=article.outlet, published=article.published)
    except Exception as exc:  # whatever the failure, it costs this article alone
        return ErrorResult.from_exception(exc, input=input, id=article.id)


def _error(status: int, message: str, kind: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "error_type": kind, **extra}, status_code=status)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each bad field (``body.text: Field required``), without echoing the input back."""
    problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    message = "; ".join(f"{'.'.join(map(str, p['loc']))}: {p['msg']}" for p in problems) or "invalid request"
    return _error(422, message, "ValidationError", detail=jsonable_encoder(problems))


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_body`` bytes, before anything parses it.

    A ``Content-Length`` over the limit is refused unread; a body without one (chunked) is read
    up to the limit and refused as soon as it passes it. The body read is handed on unchanged.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _error(400, f"Content-Length {declared!r} is not a number", "BadRequest")(scope, receive, send)
                return
            if length > self.max_body:
                await self._refuse(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _error(413, f"the request body is over the {self.max_body:,}-byte limit; send fewer or "
                               "shorter articles per request", "PayloadTooLarge")
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

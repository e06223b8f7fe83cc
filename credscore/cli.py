"""``credscore`` command line: a thin typer layer over :class:`credscore.Scorer`.

Results go to stdout, logs and per-input errors to stderr. Exit codes: 0 every input scored,
1 at least one input failed (the others are still scored and printed), 2 bad usage.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from credscore.results import ArticleResult, ErrorResult

#: the metavar of an on/off option: none (this typer would show "<bool>", as if the flag took a value)
FLAG = ""


class _FlagHelp:
    """``--help`` shown as the flag it is: typer builds that option itself, without :data:`FLAG`."""

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = FLAG
        return option


class _Command(_FlagHelp, TyperCommand):
    pass


class _Group(_FlagHelp, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    help="Score how well news articles are sourced.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",  # the default of newer typers; pinned, so that "\[" in a help text shows "[" on any typer
)

# Options that several commands share, declared once so that their names and help stay alike.
ModelOption = Annotated[str, typer.Option(help="A model directory, or 'default' for the shipped model.")]
NoModelOption = Annotated[bool, typer.Option("--no-model", metavar=FLAG, help="Feature-only scoring: rules and lexicons, no torch.")]
DeviceOption = Annotated[str, typer.Option(help="auto, cpu or cuda[:N].")]

# What score and corpus read, and how: the inputs, their format, the publishing outlet, and which
# record fields (JSONL keys, CSV or Parquet columns) hold what (credscore.readers.Columns).
PathsArgument = Annotated[list[str], typer.Argument(help="Article files (.txt, .html), record files (.jsonl, .csv, .parquet), folders (searched recursively), globs, or - for stdin.")]
InputFormatOption = Annotated[str, typer.Option("--input-format", help="auto (by suffix), text, html, jsonl, csv or parquet; - is one article unless jsonl or csv.")]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="The outlet that published the articles (so 'told The Mirror' in a Mirror article is not a relay); a record's outlet field wins over it.")]
TextColOption = Annotated[str, typer.Option("--text-col", help="Records (JSONL, CSV, Parquet): the article text field.")]
IdColOption = Annotated[str, typer.Option("--id-col", help="Records: the id field (else <file>:<line> or <file>:<row>).")]
TitleColOption = Annotated[str, typer.Option("--title-col", help="Records: the title field.")]
UrlColOption = Annotated[str, typer.Option("--url-col", help="Records: the URL field (its domain names the outlet too).")]
OutletColOption = Annotated[str, typer.Option("--outlet-col", help="Records: the outlet field (it wins over --outlet).")]
PublishedColOption = Annotated[str, typer.Option("--published-col", help="Records: the publication date field (best as an ISO date: 2024-05-31).")]
EngineOption = Annotated[str, typer.Option("--engine", help="local: on this machine; ray: on a Ray cluster (RAY_ADDRESS, else a local one; pip install 'credscore\\[ray]').")]
WorkersOption = Annotated[Optional[int], typer.Option("--workers", min=1, help="How many scoring processes (--engine local; default 1) or Ray workers (--engine ray; default 2).")]


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    parquet = "parquet"
    html = "html"


class _TerminalFormatter(logging.Formatter):
    """Log lines with the control characters of their message escaped: a message can carry a file
    name or article text, which must not act on the terminal (see :func:`_say`)."""

    def format(self, record: logging.LogRecord) -> str:
        from credscore.terminal import for_terminal

        copy = logging.makeLogRecord(record.__dict__)  # other handlers see the record unchanged
        copy.msg, copy.args = for_terminal(record.getMessage()), None
        return super().format(copy)

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        from credscore.terminal import for_terminal

        return for_terminal(super().formatException(ei))


def _say(message: str) -> None:
    """Print ``message`` to stderr with its control characters escaped (it may name a file)."""
    from credscore.terminal import for_terminal

    typer.echo(for_terminal(message), err=True)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", metavar=FLAG, help="Log progress to stderr.")] = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_TerminalFormatter("credscore: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


@app.command(cls=_Command)
def score(
    paths: PathsArgument,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: an array of results; jsonl: one per line; text: a summary for a person; html: one self-contained report for the batch.")] = OutputFormat.json,
    input_format: InputFormatOption = "auto",
    outlet: OutletOption = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None,
    worst: Annotated[int, typer.Option(help="text format: how many of the weakest claims to list.")] = 5,
    model: ModelOption = "default",
    no_model: NoModelOption = False,
    device: DeviceOption = "auto",
    runtime: Annotated[str, typer.Option("--runtime", help="auto (torch on a GPU or with CREDSCORE_CPU_BF16=1, else ONNX Runtime fp32 when installed), torch, onnx (fp32, torch's answers), or onnx-int8 (faster, answers move: see BENCHMARKS.md). ONNX files are built and cached on first use.")] = "auto",
    text_col: TextColOption = "text",
    id_col: IdColOption = "id",
    title_col: TitleColOption = "title",
    url_col: UrlColOption = "url",
    outlet_col: OutletColOption = "outlet",
    published_col: PublishedColOption = "published",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar=FLAG, help="No progress bar (there is none when stderr is not a terminal).")] = False,
    resume: Annotated[bool, typer.Option("--resume", metavar=FLAG, help="jsonl with --out: keep the records already in the file, score the rest and append them.")] = False,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size", min=1, help="Articles scored per batch (results are written after each batch).")] = None,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    allow_non_english: Annotated[bool, typer.Option("--allow-non-english", metavar=FLAG, help="Score text that does not look like English (with a warning) instead of refusing it: the lexicons and model are English-only.")] = False,
) -> None:
    """Score articles and print one result per input, in input order."""
    from credscore.batch import ENGINES, score_many
    from credscore.readers import INPUT_FORMATS, Columns, count_records, expand_inputs, iter_records
    from credscore.results import ErrorResult
    from credscore.resume import ResumeState
    from credscore.scorer import Scorer
    from credscore.terminal import Progress, for_terminal, progress_enabled
    from credscore.writers import OutputError, ResumableJsonlWriter, check_output, open_writer

    if input_format not in INPUT_FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    if resume and (out is None or format.value != "jsonl"):
        raise typer.BadParameter("--resume needs --format jsonl and --out PATH (it appends to that file)")
    if format.value == "parquet" and out is None:
        raise typer.BadParameter("--format parquet writes files: give --out PATH (claims go to PATH with .claims before the suffix)")
    if format.value == "csv" and out is None:  # the claims table has nowhere to go: say so, not drop it silently
        _say("credscore: CSV on stdout is the articles table only; to also get the claims table, give --out PATH "
             "(claims go to PATH with .claims before the suffix)")
    if engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be {' or '.join(ENGINES)}, not {engine!r}")
    from credscore.model.checkpoint import RUNTIMES

    if runtime not in RUNTIMES:
        raise typer.BadParameter(f"--runtime must be one of {', '.join(RUNTIMES)}, not {runtime!r}")
    if runtime not in ("auto", "torch") and engine == "ray":
        raise typer.BadParameter(f"--runtime {runtime} runs with --engine local")
    if out is not None:
        try:
            check_output(out, format.value)  # a directory fails now, not after all the scoring
        except OutputError as exc:
            _say(f"credscore: {exc}")
            raise typer.Exit(2) from None
    columns = Columns(text=text_col, id=id_col, title=title_col, url=url_col, outlet=outlet_col, published=published_col)

    from credscore.errors import ModelLoadError

    try:
        if engine == "ray":
            from credscore import distributed  # no Ray import: its defaults only

            workers, batch_size = workers or distributed.WORKERS, batch_size or distributed.BATCH_SIZE
        scorer = Scorer(model=None if no_model else model, device=device, runtime=runtime, workers=workers or 1,
                        allow_non_english=allow_non_english)
        if engine == "local" and scorer.workers == 1:  # else each worker process or actor loads its own
            scorer.load()
        elif not no_model:
            from credscore.model.checkpoint import read_config
            from credscore.model.locate import resolve_model_dir

            read_config(resolve_model_dir(model))  # a bad model path fails here, not in every worker
    except (ModelLoadError, ValueError) as exc:
        _say(f"credscore: {exc}")
        raise typer.Exit(2) from None
    if batch_size is not None:
        scorer.batch_size = batch_size
    try:
        state = ResumeState.load(out) if resume else None  # type: ignore[arg-type]
        if format.value == "html":
            writer = _HtmlReportWriter(out)
        else:
            writer = ResumableJsonlWriter(out) if resume else open_writer(  # type: ignore[arg-type]
                format.value, out, render=lambda result: render_text(result, worst=worst))  # type: ignore[arg-type]
    except (OutputError, OSError) as exc:
        _say(f"credscore: {exc}")
        raise typer.Exit(2) from None
    sources = list(expand_inputs(paths, format=input_format))  # type: ignore[arg-type]
    show = progress_enabled(quiet=quiet)
    bar = Progress(total=count_records(sources) if show else None, enabled=show, initial=state.written if state else 0)
    records = iter_records(sources, columns=columns, outlet=outlet)
    if isinstance(writer, _HtmlReportWriter):
        records = writer.remember_texts(records)
    failed = 0
    try:
        pending = state.pending(records) if state else records
        try:
            scored = score_many(pending, scorer=scorer, engine=engine)  # type: ignore[arg-type]
        except ImportError:  # --engine ray without Ray
            _say("credscore: --engine ray needs Ray: pip install 'credscore[ray]'")
            raise typer.Exit(2) from None
        for result in scored:
            if isinstance(result, ErrorResult):
                failed += 1
                bar.write(f"credscore: {for_terminal(result.input, keep='')}: {result.error}")  # bar.write escapes the rest
            writer.write(result)
            bar.update()
    except BaseException:
        writer.abort()  # a file output is not left half-written; a resumed one keeps its lines
        bar.close()
        raise
    writer.close()
    bar.close()
    if state is not None:
        failed += state.skipped_errors  # the exit code covers the whole output file
    raise typer.Exit(1 if failed else 0)


class _HtmlReportWriter:
    """``--format html``: collects ``(result, text)`` and writes one report on close.

    The report needs each article's text, which results do not carry: :meth:`remember_texts`
    notes it as the scorer reads each record, and ``write`` pairs it back up (results come in
    input order, one per record).
    """

    def __init__(self, out: Path | None) -> None:
        from collections import deque

        from credscore.outputs import AtomicFile

        self.target = AtomicFile(out) if out is not None else None
        self.texts: deque[str | None] = deque()
        self.items: list[tuple[ArticleResult | ErrorResult, str | None]] = []

    def remember_texts(self, records: Iterable[object]) -> Iterator[object]:
        for record in records:
            self.texts.append(getattr(record, "text", None))
            yield record

    def write(self, result: ArticleResult | ErrorResult) -> None:
        self.items.append((result, self.texts.popleft() if self.texts else None))

    def close(self) -> None:
        from credscore.report import render_html

        page = render_html(self.items)
        if self.target is None:
            sys.stdout.write(page)
            sys.stdout.flush()
        else:
            self.target.stream.write(page)
            self.target.commit()

    def abort(self) -> None:
        if self.target is not None:
            self.target.discard()


@app.command(cls=_Command)
def corpus(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="A folder: articles.jsonl (each result with its corpus section), stories.jsonl and stories.html (the story view) go there.")],
    input_format: InputFormatOption = "auto",
    outlet: OutletOption = None,
    model: ModelOption = "default",
    no_model: NoModelOption = False,
    device: DeviceOption = "auto",
    window_days: Annotated[int, typer.Option("--window-days", min=0, help="Articles whose published dates are further apart than this are never one story.")] = 7,
    text_col: TextColOption = "text",
    id_col: IdColOption = "id",
    title_col: TitleColOption = "title",
    url_col: UrlColOption = "url",
    outlet_col: OutletColOption = "outlet",
    published_col: PublishedColOption = "published",
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    no_embeddings: Annotated[bool, typer.Option("--no-embeddings", metavar=FLAG, help="Decide stories on text, names and figures alone, without embedding each article's opening with the base encoder (--no-model implies it).")] = False,
) -> None:
    """Score articles and read them as one corpus: stories, copies, relays, matched claims, corroboration."""
    from credscore.batch import ENGINES
    from credscore.corpus import CorpusRun
    from credscore.errors import ModelLoadError
    from credscore.outputs import AtomicFile
    from credscore.readers import INPUT_FORMATS, Columns, expand_inputs, iter_records
    from credscore.report.stories import render_stories_html
    from credscore.results import ErrorResult
    from credscore.scorer import Scorer

    if input_format not in INPUT_FORMATS:
        raise typer.BadParameter(f"--input-format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    if engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be {' or '.join(ENGINES)}, not {engine!r}")
    if out.exists() and not out.is_dir():
        _say(f"credscore: --out {out} is a file; corpus writes a folder (articles.jsonl, stories.jsonl)")
        raise typer.Exit(2)
    if engine == "ray":
        from importlib.util import find_spec

        from credscore import distributed  # no Ray import: its defaults only

        if find_spec("ray") is None:
            _say("credscore: --engine ray needs Ray: pip install 'credscore[ray]'")
            raise typer.Exit(2)
        workers = workers or distributed.WORKERS
    try:
        scorer = Scorer(model=None if no_model else model, device=device, workers=workers or 1)
        if engine == "local" and scorer.workers == 1:  # else each worker process or actor loads its own
            scorer.load()
        elif not no_model:
            from credscore.model.checkpoint import read_config
            from credscore.model.locate import resolve_model_dir

            read_config(resolve_model_dir(model))  # a bad model path fails here, not in every worker
    except (ModelLoadError, ValueError) as exc:
        _say(f"credscore: {exc}")
        raise typer.Exit(2) from None
    columns = Columns(text=text_col, id=id_col, title=title_col, url=url_col, outlet=outlet_col, published=published_col)
    records = iter_records(expand_inputs(paths, format=input_format), columns=columns, outlet=outlet)  # type: ignore[arg-type]
    run = CorpusRun(scorer, window_days=window_days, engine=engine, embeddings=False if no_embeddings else None)
    layer = run.score(records)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    articles, stories = AtomicFile(out / "articles.jsonl"), AtomicFile(out / "stories.jsonl")
    view = AtomicFile(out / "stories.html")
    in_shared_story = {a for s in layer.stories if len(s.articles) > 1 for a in s.articles}
    claim_texts: dict[str, list[str]] = {}  # only what the story view shows, not every article's
    titles: dict[str, str | None] = {}
    try:
        for result in run.results():
            if isinstance(result, ErrorResult):
                failed += 1
                _say(f"credscore: {result.input}: {result.error}")
            elif str(result.id) in in_shared_story:
                claim_texts[str(result.id)] = [c.text for c in result.claims]
                titles[str(result.id)] = result.title
            articles.stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        for story in layer.stories:
            stories.stream.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
        view.stream.write(render_stories_html(layer.stories, claim_texts, titles))
    except BaseException:
        articles.discard()
        stories.discard()
        view.discard()
        raise
    articles.commit()
    stories.commit()
    view.commit()
    shared = sum(1 for s in layer.stories if len(s.articles) > 1)
    _say(f"credscore: {run.count} article(s), {len(layer.stories)} stories ({shared} with more than one article) in {out}")
    raise typer.Exit(1 if failed else 0)


@app.command(cls=_Command)
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    model: ModelOption = "default",
    no_model: NoModelOption = False,
    device: DeviceOption = "auto",
    runtime: Annotated[str, typer.Option("--runtime", help="auto, torch, onnx or onnx-int8 (as for score).")] = "auto",
    max_body: Annotated[Optional[int], typer.Option("--max-body", min=1, help="The largest request body in bytes (larger: 413); default: the service's, in the README.")] = None,
    timeout: Annotated[Optional[float], typer.Option("--timeout", min=0.001, help="Seconds a request may take, queueing included (longer: 504); default: the service's, in the README.")] = None,
    batch_wait_ms: Annotated[Optional[float], typer.Option("--batch-wait-ms", min=0.0, help="How long the scorer waits for more requests to join a batch; default: the service's, in the README.")] = None,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size", min=1, help="The most articles scored together (default: the scorer's batch size).")] = None,
) -> None:
    """Serve the scorer over HTTP: POST /v1/score and /v1/score_many, GET /healthz and /v1/schema.

    The model loads before the port opens. SIGTERM or Ctrl-C finishes the requests in flight,
    then exits 0. The OpenAPI document is at /openapi.json.
    """
    import signal

    try:
        import uvicorn

        from credscore.service import DEFAULT_BATCH_WAIT_MS, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT, create_app
    except ImportError as exc:
        typer.echo(f"credscore: serve needs the service extra ({exc.name} is missing): pip install 'credscore[serve]'", err=True)
        raise typer.Exit(2) from None
    from credscore.errors import ModelLoadError
    from credscore.scorer import Scorer

    try:
        scorer = Scorer(model=None if no_model else model, device=device, runtime=runtime)
        if batch_size is not None:
            scorer.batch_size = batch_size
        scorer.load()  # a bad model fails here with exit 2; the service's worker thread owns it from now on
    except (ModelLoadError, ValueError) as exc:
        typer.echo(f"credscore: {exc}", err=True)
        raise typer.Exit(2) from None
    service = create_app(scorer, max_body=max_body or DEFAULT_MAX_BODY, timeout=timeout or DEFAULT_TIMEOUT,
                         batch_wait_ms=DEFAULT_BATCH_WAIT_MS if batch_wait_ms is None else batch_wait_ms)
    verbose = logging.getLogger().isEnabledFor(logging.INFO)
    server = uvicorn.Server(uvicorn.Config(service, host=host, port=port, log_level="info", access_log=verbose,
                                           timeout_graceful_shutdown=None))
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then raises the signal again against the
    # handlers it found: these make that second delivery a no-op, so a requested stop exits 0.
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not server.started:
        raise typer.Exit(1)  # startup failed; uvicorn has logged why


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of an article result."""
    from credscore.results import load_schema

    typer.echo(json.dumps(load_schema(), indent=1))


def render_text(result: ArticleResult | ErrorResult, *, worst: int = 5) -> str:
    """A short report for a person: score, band, components, and the weakest claims and why.

    Control characters from the article or its file name are escaped (a claim's text keeps its
    newlines and tabs), so that printing the report cannot recolour or rewrite the terminal.
    """
    from credscore.results import ErrorResult
    from credscore.terminal import for_terminal

    def name(text: str) -> str:  # a one-line field: every control character escaped
        return for_terminal(text, keep="")

    if isinstance(result, ErrorResult):
        return f"{name(result.input)}: ERROR {name(result.error)}\n"
    c = result.components
    title = name(result.id or result.title or "article")
    score = "n/a" if result.score is None else f"{result.score:.2f} ({result.band})"
    lines = [f"{title}: sourcing score {score}", f"  {len(result.claims)} claims, {c['checkworthy_claims']} check-worthy"]
    kinds = ", ".join(f"{k} {v:.0%}" for k, v in sorted(c["kind_shares"].items(), key=lambda kv: -kv[1]) if v)
    if kinds:
        lines.append(f"  by source kind: {kinds}")
    sources = {s.entity_id: s.name for s in result.sources}
    top = f"{name(sources.get(c['top_source'], c['top_source']))} ({c['top_source_share']:.0%})" if c["top_source"] else "none"
    lines.append(
        f"  hedges per 100 claims {c['hedge_density']:.0f}; uncorroborated {c['uncorroborated_share']:.0%}; "
        f"distinct sources {c['distinct_sources']}; relayed from media {c['media_relay_share']:.0%}; "
        f"anonymous {c['anonymous_share']:.0%}; most relied on: {top}"
    )
    weakest = sorted(
        (cl for cl in result.claims if cl.checkworthiness >= 0.5), key=lambda cl: cl.score
    )[:worst]
    if weakest:
        lines.append("  weakest check-worthy claims:")
    for cl in weakest:
        text = for_terminal(cl.text if len(cl.text) <= 110 else cl.text[:107] + "...")
        reasons = "; ".join(name(e.detail) for e in cl.explanation if e.effect < 0)
        lines.append(f"    {cl.score:.2f}  {cl.attribution.kind:<18} {text}")
        if reasons:
            lines.append(f"          why: {reasons}")
    for w in result.warnings:
        lines.append(f"  warning: {name(w)}")
    return "\n".join(lines) + "\n"


def _add_plugin_commands() -> None:
    """Commands other installed packages register under ``credscore.commands`` (training's train/evaluate)."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="credscore.commands"):
        try:
            app.command(name=entry.name, cls=_Command)(entry.load())
        except ImportError as exc:  # a plugin whose own dependencies are missing
            logging.getLogger("credscore").debug("command %s not available: %s", entry.name, exc)


def main() -> None:
    _add_plugin_commands()
    app()


if __name__ == "__main__":
    main()

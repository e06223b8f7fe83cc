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

if TYPE_CHECKING:
    from credscore.results import ArticleResult, ErrorResult

app = typer.Typer(
    help="Score how well news articles are sourced.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="credscore: %(levelname)s: %(message)s")


@app.command()
def score(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt, .html), or - for stdin.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: an array of results; jsonl: one per line; text: a summary for a person.")] = OutputFormat.json,
    input_format: Annotated[str, typer.Option("--input-format", help="auto, text or html.")] = "auto",
    outlet: Annotated[Optional[str], typer.Option(help="The outlet that published the articles (so 'told The Mirror' in a Mirror article is not a relay).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None,
    worst: Annotated[int, typer.Option(help="text format: how many of the weakest claims to list.")] = 5,
    model: Annotated[str, typer.Option(help="A model directory, or 'default' for the shipped model.")] = "default",
    no_model: Annotated[bool, typer.Option("--no-model", help="Feature-only scoring: rules and lexicons, no torch.")] = False,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda[:N].")] = "auto",
) -> None:
    """Score articles and print one result per input, in input order."""
    from credscore.errors import InputError
    from credscore.intake import read_path, read_stream
    from credscore.results import ErrorResult
    from credscore.scorer import Scorer

    if input_format not in ("auto", "text", "html"):
        raise typer.BadParameter(f"--input-format must be auto, text or html, not {input_format!r}")

    def articles():  # type: ignore[no-untyped-def]
        for path in paths:
            try:
                if path == "-":
                    article = read_stream(sys.stdin.buffer, name="<stdin>")
                else:
                    article = read_path(path, format=input_format)  # type: ignore[arg-type]
                if outlet:  # the flag wins over a site name found in an HTML page
                    from dataclasses import replace

                    article = replace(article, outlet=outlet)
                yield article
            except InputError as exc:
                yield ErrorResult(id=None, input=exc.input_name, error=exc.problem)

    from credscore.errors import ModelLoadError

    try:
        scorer = Scorer(model=None if no_model else model, device=device).load()
    except ModelLoadError as exc:
        typer.echo(f"credscore: {exc}", err=True)
        raise typer.Exit(2) from None
    failed = 0
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        results = []
        for result in scorer.score_many(articles()):
            if isinstance(result, ErrorResult):
                failed += 1
                typer.echo(f"credscore: {result.input}: {result.error}", err=True)
            if format is OutputFormat.jsonl:
                stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                stream.flush()
            elif format is OutputFormat.text:
                stream.write(render_text(result, worst=worst) + "\n")
            else:
                results.append(result.to_dict())
        if format is OutputFormat.json:
            stream.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    finally:
        if out:
            stream.close()
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an article result."""
    from credscore.results import load_schema

    typer.echo(json.dumps(load_schema(), indent=1))


def render_text(result: ArticleResult | ErrorResult, *, worst: int = 5) -> str:
    """A short report for a person: score, band, components, and the weakest claims and why."""
    from credscore.results import ErrorResult

    if isinstance(result, ErrorResult):
        return f"{result.input}: ERROR {result.error}\n"
    c = result.components
    name = result.id or result.title or "article"
    score = "n/a" if result.score is None else f"{result.score:.2f} ({result.band})"
    lines = [f"{name}: sourcing score {score}", f"  {len(result.claims)} claims, {c['checkworthy_claims']} check-worthy"]
    kinds = ", ".join(f"{k} {v:.0%}" for k, v in sorted(c["kind_shares"].items(), key=lambda kv: -kv[1]) if v)
    if kinds:
        lines.append(f"  by source kind: {kinds}")
    sources = {s.entity_id: s.name for s in result.sources}
    top = f"{sources.get(c['top_source'], c['top_source'])} ({c['top_source_share']:.0%})" if c["top_source"] else "none"
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
        text = cl.text if len(cl.text) <= 110 else cl.text[:107] + "..."
        reasons = "; ".join(e.detail for e in cl.explanation if e.effect < 0)
        lines.append(f"    {cl.score:.2f}  {cl.attribution.kind:<18} {text}")
        if reasons:
            lines.append(f"          why: {reasons}")
    for w in result.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines) + "\n"


def _add_plugin_commands() -> None:
    """Commands other installed packages register under ``credscore.commands`` (training's train/evaluate)."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="credscore.commands"):
        try:
            app.command(name=entry.name)(entry.load())
        except ImportError as exc:  # a plugin whose own dependencies are missing
            logging.getLogger("credscore").debug("command %s not available: %s", entry.name, exc)


def main() -> None:
    _add_plugin_commands()
    app()


if __name__ == "__main__":
    main()

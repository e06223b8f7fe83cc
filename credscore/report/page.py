"""The page: one section per article (charts, highlighted text, sources, notes) or failed input.

Every explanation is both a ``title`` (hover) and a footnote, so the page reads without hovering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from credscore.report.charts import band_chip, components_chart, score_chart
from credscore.report.escaping import Markup, el, escape, join, separated
from credscore.report.highlight import highlight
from credscore.report.legend import COMPONENTS, band_name, component, kind_class, legend
from credscore.report.template import PAGE, css
from credscore.results import ArticleResult, ErrorResult
from credscore.scoring import Explanation


def render_html(results_and_texts: Iterable[tuple[ArticleResult | ErrorResult, str | None]], *, title: str = "credscore report") -> str:
    """One self-contained HTML page for a batch of ``(result, text)`` pairs, in order.

    ``text`` is the string the result's offsets index (``None`` for an :class:`ErrorResult`);
    a result with ``extracted_text`` uses that instead. Error records are listed in place.

    >>> "no articles" in render_html([], title="empty")
    True
    """
    items = list(results_and_texts)
    sections: list[Markup] = []
    toc: list[Markup] = []
    for k, (result, text) in enumerate(items):
        prefix = f"a{k}"
        if isinstance(result, ErrorResult):
            name = result.id or result.input
            toc.append(el("li", None, el("a", {"href": f"#{prefix}"}, name), " ", el("span", {"class": "err-chip"}, "error")))
            sections.append(_error_section(result, prefix))
            continue
        name = _article_name(result, k)
        toc.append(el("li", None, el("a", {"href": f"#{prefix}"}, name), " ", band_chip(result.score, result.band)))
        body = result.extracted_text if result.extracted_text is not None else (text or "")
        sections.append(_article_section(result, body, prefix, name))
    if not items:
        sections.append(el("p", {"class": "empty"}, "no articles"))
    header = join([
        el("h1", None, title),
        el("p", {"class": "meta"}, f"{sum(not isinstance(r, ErrorResult) for r, _ in items)} article(s), "
                                   f"{sum(isinstance(r, ErrorResult) for r, _ in items)} failed input(s)"),
        el("ol", {"class": "toc"}, *toc) if len(items) > 1 else Markup(""),
        legend(),
    ])
    return PAGE.substitute(title=escape(title), css=css(), body=join([header, *sections]))


def _article_name(result: ArticleResult, k: int) -> str:
    return result.title or result.id or f"article {k + 1}"


def _error_section(result: ErrorResult, prefix: str) -> Markup:
    return el(
        "section", {"class": "article failed", "id": prefix},
        el("h2", None, result.id or result.input),
        el("p", {"class": "error"}, el("strong", None, "Not scored: "), result.error),
        el("p", {"class": "meta"}, "input: ", el("code", None, result.input)),
    )


def _article_section(result: ArticleResult, text: str, prefix: str, name: str) -> Markup:
    meta = [f"id {result.id}" if result.id is not None else "no id", f"{len(result.claims)} claims",
            f"{len(result.sources)} sources", f"model {result.model.name} {result.model.version}"]
    warnings = [el("li", None, w) for w in result.warnings]
    return el(
        "section", {"class": "article", "id": prefix},
        el("h2", None, name),
        el("p", {"class": "meta"}, " · ".join(meta)),
        el("ul", {"class": "warnings"}, *warnings) if warnings else Markup(""),
        el("div", {"class": "summary"}, score_chart(result, prefix), components_chart(result, prefix)),
        el("div", {"class": "article-text"}, highlight(result, text, prefix)),
        _sources_list(result, prefix),
        _footnotes(result, text, prefix),
    )


def _claim_links(indices: Iterable[int], prefix: str) -> Markup:
    return separated(el("a", {"href": f"#{prefix}-c{i}"}, f"C{i + 1}") for i in indices)


def _sources_list(result: ArticleResult, prefix: str) -> Markup:
    if not result.sources:
        return Markup("")
    items = [
        el("li", None, el("span", {"class": f"swatch src-{kind_class(s.kind)}"}), " ", el("strong", None, s.name),
           f" ({s.kind}, {len(s.mentions)} mention{'s' if len(s.mentions) != 1 else ''})",
           *((" backs ", _claim_links(s.claims, prefix)) if s.claims else ()))
        for s in result.sources
    ]
    return el("div", {"class": "sources"}, el("h3", None, "Sources"), el("ul", None, *items))


def _terms(explanation: Sequence[Explanation], prefix: str) -> Markup:
    items = []
    for e in explanation:
        quoted = "; ".join(f"“{s.text}”" for s in e.spans)
        items.append(el("li", None, el("code", None, e.factor), f" {e.effect:+.3f}: {e.detail}",
                        f" — {quoted}" if quoted else "",
                        *((" (claims ", _claim_links(e.claims, prefix), ")") if e.claims else ())))
    return el("ul", {"class": "terms"}, *items)


def _footnotes(result: ArticleResult, text: str, prefix: str) -> Markup:
    notes: list[Markup] = []
    if result.score is None:
        notes.append(el("li", {"id": f"{prefix}-n-score"}, el("strong", None, "score: n/a"),
                        " — no check-worthy claims, so the article has no sourcing score."))
    else:
        notes.append(el("li", {"id": f"{prefix}-n-score"}, el("strong", None, f"score {result.score:.2f} ({result.band})"),
                        " — the sum of the terms that follow, kept in [0, 1]; bands: strong ≥ 0.70, adequate ≥ 0.55, "
                        "weak ≥ 0.40, poor below."))
    for i, e in enumerate(result.explanation):
        notes.append(el("li", {"id": f"{prefix}-n-t{i}"}, el("strong", None, f"{e.factor} {e.effect:+.3f}"), f" — {e.detail}"))
    c = result.components
    shares = ", ".join(f"{k} {float(v):.0%}" for k, v in (c.get("kind_shares") or {}).items())
    notes.append(el("li", {"id": f"{prefix}-n-kind_shares"}, el("strong", None, "source kinds"),
                    f" — share of check-worthy claims per source kind: {shares or 'none'}"))
    names = {s.entity_id: s.name for s in result.sources}
    for key, label, meaning in COMPONENTS:
        if c.get(key) is not None:
            if key == "top_source_share" and c.get("top_source"):
                meaning = f"{meaning}: {names.get(c['top_source'], c['top_source'])}"
            notes.append(el("li", {"id": f"{prefix}-n-{key}"}, el("strong", None, f"{label}: {component(key, c[key], len(result.claims))[1]}"),
                            f" — {meaning}"))
    for b in result.boilerplate:
        notes.append(el("li", {"class": "boiler-note"}, el("strong", None, "not scored"),
                        f" ({b.reason}, characters {b.start}–{b.end}): ", el("span", {"class": "boiler"}, text[b.start:b.end])))
    for i, claim in enumerate(result.claims):
        facts = (f"score {claim.score:.2f} ({band_name(claim.score)}) · source kind {claim.kind} · "
                 f"check-worthiness {claim.checkworthiness:.2f} · hedge score {claim.hedge_score:.2f} · "
                 f"weasel score {claim.weasel_score:.2f} · independent sources {claim.corroboration.independent_sources}")
        notes.append(el(
            "li", {"id": f"{prefix}-n-c{i}", "class": "claim-note"},
            el("a", {"href": f"#{prefix}-c{i}", "class": "back", "title": "back to the claim"}, f"C{i + 1} ↩"), " ",
            el("span", {"class": f"chip band-{band_name(claim.score)}"}, f"{claim.score:.2f}"), " ",
            el("span", {"class": "claim-text"}, claim.text), el("div", {"class": "facts"}, facts), _terms(claim.explanation, prefix),
        ))
    return el("details", {"class": "notes", "open": "open"}, el("summary", None, "Notes: every number explained"),
              el("ol", None, *notes))

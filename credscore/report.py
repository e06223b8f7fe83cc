"""A self-contained HTML report of scored articles: highlighted text, claim scores, components.

:func:`render_html` takes ``(result, text)`` pairs, ``text`` being the string the result's
offsets index (``Article.text``; for HTML input the extracted text, which the result also carries
as ``extracted_text`` and which then wins). It returns one page for the whole batch, with no
script and nothing fetched: the CSS is inline, the charts are CSS bars, a Content-Security-Policy
forbids scripts and remote loads, and every explanation is both a ``title`` (hover) and a footnote.

Escaping is structural. Markup is only ever made by :func:`el`, which escapes every attribute
value and every child that is not already :class:`Markup`; article text and every string from a
result are plain ``str`` and so always go through :func:`html.escape`. The highlighted article
text is the text cut at every span boundary, each piece escaped and wrapped in one ``<span>``
with the classes of all spans covering it; scores and labels drawn inside the text are CSS
generated content (``attr(data-label)``), so the text nodes of the article are exactly its text.

>>> page = render_html([])
>>> page.startswith("<!DOCTYPE html>") and "<script" not in page
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from string import Template
from typing import Any

from credscore.results import ArticleResult, ClaimResult, ErrorResult
from credscore.scoring import BANDS as SCORE_BANDS
from credscore.scoring import Explanation, band_of

#: Background colour per source kind (dark text stays readable on all of them).
KIND_COLOURS: dict[str, str] = {
    "named_person": "#b6e3b0",
    "named_organization": "#b5d5f3",
    "document": "#d9c8f2",
    "media": "#ffd393",
    "anonymous_specific": "#fbec7e",
    "anonymous_vague": "#f7b3b3",
    "unattributed": "#d6d6d6",
    "other": "#e8e8e8",
}
#: Each band's badge colour; the bands and their thresholds are ``credscore.scoring.BANDS``.
BAND_COLOURS: dict[str, str] = {"strong": "#9fd8a8", "adequate": "#d6eaa4", "weak": "#ffd98f", "poor": "#f5aaa2"}
#: (band, lower threshold, badge colour), strongest first.
BANDS: tuple[tuple[str, float, str], ...] = tuple((band, low, BAND_COLOURS[band]) for low, band in SCORE_BANDS)
#: What each article component means (hover and footnote text).
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("checkworthy_claims", "check-worthy claims", "claims with check-worthiness of at least 0.5; the other components are computed over them"),
    ("distinct_sources", "distinct sources", "distinct independent sources behind the check-worthy claims (bar: out of 10)"),
    ("hedge_density", "hedges per 100 claims", "hedges (modal, adverb, evidential, approximator, distancing) per 100 claims (bar: out of 100)"),
    ("uncorroborated_share", "uncorroborated", "share of check-worthy claims that no second independent source in the article supports"),
    ("anonymous_share", "anonymous", "share of check-worthy claims credited to anonymous sources"),
    ("media_relay_share", "relayed from media", "share of check-worthy claims that reach the article through other media"),
    ("top_source_share", "most relied-on source", "share of check-worthy claims resting on the single most relied-on source"),
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class Markup(str):
    """A fragment of HTML made by :func:`el`; any other ``str`` is text and gets escaped.

    >>> el("b", None, "<i>") == "<b>&lt;i&gt;</b>"
    True
    """

    __slots__ = ()


def escape(value: object) -> Markup:
    """``value`` as HTML text: :class:`Markup` as it is, anything else through ``html.escape``.

    A carriage return becomes ``&#13;`` so the HTML parser does not fold ``\\r\\n`` into ``\\n``.

    >>> escape('"><img src=x onerror=alert(1)>')
    '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True).replace("\r", "&#13;"))


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: object) -> Markup:
    """``<tag attrs>children</tag>``: attribute values always escaped, children unless :class:`Markup`.

    Attributes whose value is ``None`` or ``False`` are left out.

    >>> el("a", {"title": "<x>", "href": None}, "1 < 2")
    '<a title="&lt;x&gt;">1 &lt; 2</a>'
    """
    if not _NAME.match(tag):
        raise ValueError(f"tag name {tag!r} is not a plain lower-case name")
    parts = [f"<{tag}"]
    for name, value in (attrs or {}).items():
        if not _NAME.match(name):
            raise ValueError(f"attribute name {name!r} is not a plain lower-case name")
        if value is None or value is False:
            continue
        parts.append(f' {name}="{html.escape(str(value), quote=True)}"')
    parts.append(">")
    parts.extend(escape(child) for child in children)
    parts.append(f"</{tag}>")
    return Markup("".join(parts))


def join(parts: Iterable[object]) -> Markup:
    """Concatenate, escaping whatever is not :class:`Markup`.

    >>> join([el("b", None, "x"), "&"])
    '<b>x</b>&amp;'
    """
    return Markup("".join(escape(p) for p in parts))


# -- the page ----------------------------------------------------------------------------------


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
        toc.append(el("li", None, el("a", {"href": f"#{prefix}"}, name), " ", _band_chip(result.score, result.band)))
        body = result.extracted_text if result.extracted_text is not None else (text or "")
        sections.append(_article_section(result, body, prefix, name))
    if not items:
        sections.append(el("p", {"class": "empty"}, "no articles"))
    header = join([
        el("h1", None, title),
        el("p", {"class": "meta"}, f"{sum(not isinstance(r, ErrorResult) for r, _ in items)} article(s), "
                                   f"{sum(isinstance(r, ErrorResult) for r, _ in items)} failed input(s)"),
        el("ol", {"class": "toc"}, *toc) if len(items) > 1 else Markup(""),
        _legend(),
    ])
    return _PAGE.substitute(title=escape(title), css=_css(), body=join([header, *sections]))


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
        el("div", {"class": "summary"}, _score_chart(result, prefix), _components_chart(result, prefix)),
        el("div", {"class": "article-text"}, highlight(result, text, prefix)),
        _sources_list(result, prefix),
        _footnotes(result, text, prefix),
    )


# -- charts --------------------------------------------------------------------------------------


def _band_of(score: float | None) -> str:
    return "none" if score is None else band_of(score)


def _band_chip(score: float | None, band: str | None) -> Markup:
    label = "n/a" if score is None else f"{score:.2f} {band or _band_of(score)}"
    return el("span", {"class": f"chip band-{_band_of(score)}"}, label)


def _pct(value: float) -> str:
    return f"{100 * min(1.0, max(0.0, value)):.1f}%"


def _bar(fraction: float, *, cls: str = "fill", left: float = 0.0, title: str | None = None) -> Markup:
    return el("span", {"class": cls, "style": f"left:{_pct(left)};width:{_pct(fraction)}", "title": title})


def _score_chart(result: ArticleResult, prefix: str) -> Markup:
    """The article score as a bar with the band thresholds, and its terms as a waterfall."""
    terms = "\n".join(f"{e.factor} {e.effect:+.3f}: {e.detail}" for e in result.explanation)
    if result.score is None:
        hover = "no check-worthy claims: the article has no sourcing score"
    else:
        hover = f"sourcing score {result.score:.2f} ({result.band}) = sum of its terms, kept in [0, 1]\n{terms}"
    ticks = [el("span", {"class": "tick", "style": f"left:{_pct(low)}", "title": f"{band} from {low:.2f}"})
             for band, low, _ in BANDS if low > 0]
    rows = [
        el("div", {"class": "row score-row", "title": hover},
           el("a", {"class": "label", "href": f"#{prefix}-n-score"}, "score"),
           el("span", {"class": "track"},
              _bar(result.score or 0.0, cls=f"fill band-{_band_of(result.score)}"), *ticks),
           el("span", {"class": "value"}, _band_chip(result.score, result.band))),
    ]
    running = 0.0
    for i, e in enumerate(result.explanation):
        left, width = min(running, running + e.effect), abs(e.effect)
        running += e.effect
        sign = "pos" if e.effect >= 0 else "neg"
        rows.append(el(
            "div", {"class": "row term", "title": f"{e.factor} {e.effect:+.3f}: {e.detail}"},
            el("a", {"class": "label", "href": f"#{prefix}-n-t{i}"}, e.factor.replace("_", " ")),
            el("span", {"class": "track"}, _bar(width, cls=f"fill {sign}", left=left)),
            el("span", {"class": "value"}, f"{e.effect:+.3f}"),
        ))
    return el("div", {"class": "chart"}, el("h3", None, "Score and its terms"), *rows)


def _component(key: str, value: Any, claims: int) -> tuple[float, str]:
    """A component's bar length in [0, 1] and how its value reads."""
    if key == "hedge_density":
        return float(value) / 100, f"{float(value):.0f}"
    if key in ("checkworthy_claims", "distinct_sources"):
        return float(value) / (max(1, claims) if key == "checkworthy_claims" else 10), f"{int(value)}"
    return float(value), f"{float(value):.0%}"


def _components_chart(result: ArticleResult, prefix: str) -> Markup:
    """Kind shares as one stacked bar, the other components as bars."""
    c = result.components
    shares = c.get("kind_shares") or {}
    pieces = [
        el("span", {"class": f"stack src-{_kind_class(kind)}", "style": f"width:{_pct(float(share))}",
                    "title": f"{kind}: {float(share):.0%} of check-worthy claims"})
        for kind, share in shares.items() if float(share or 0) > 0
    ]
    rows = [el("div", {"class": "row", "title": "share of check-worthy claims per source kind (colours as in the legend)"},
               el("a", {"class": "label", "href": f"#{prefix}-n-kind_shares"}, "source kinds"),
               el("span", {"class": "track stacked"}, *pieces),
               el("span", {"class": "value"}, ""))]
    names = {s.entity_id: s.name for s in result.sources}
    for key, label, meaning in COMPONENTS:
        value = c.get(key)
        if value is None:
            continue
        fraction, shown = _component(key, value, len(result.claims))
        if key == "top_source_share" and c.get("top_source"):
            meaning = f"{meaning}: {names.get(c['top_source'], c['top_source'])}"
        rows.append(el(
            "div", {"class": "row", "title": f"{label}: {shown}, {meaning}"},
            el("a", {"class": "label", "href": f"#{prefix}-n-{key}"}, label),
            el("span", {"class": "track"}, _bar(fraction, cls="fill comp")),
            el("span", {"class": "value"}, shown),
        ))
    return el("div", {"class": "chart"}, el("h3", None, "Components"), *rows)


# -- the highlighted text ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A span to show: its layer (source, hedge, verification, boilerplate), classes and hover text."""

    start: int
    end: int
    layer: str
    classes: tuple[str, ...]
    note: str


def _kind_class(kind: str) -> str:
    return kind if kind in KIND_COLOURS else "other"


def _marks(result: ArticleResult) -> list[_Mark]:
    """Every span to highlight, sources deduplicated by offsets (first description of a span wins)."""
    marks: list[_Mark] = []
    seen: dict[tuple[int, int], int] = {}

    def source(start: int, end: int, kind: str, note: str) -> None:
        if (start, end) in seen:
            old = marks[seen[(start, end)]]
            if note not in old.note.split("\n"):
                marks[seen[(start, end)]] = _Mark(start, end, old.layer, old.classes, f"{old.note}\n{note}")
            return
        seen[(start, end)] = len(marks)
        marks.append(_Mark(start, end, "source", ("src", f"src-{_kind_class(kind)}"), note))

    for i, claim in enumerate(result.claims):
        a = claim.attribution
        if a.source is not None:
            source(a.source.start, a.source.end, a.kind, f"source of claim C{i + 1}: {a.source.text} ({a.kind})")
        for link in a.relay:
            source(link.source.start, link.source.end, link.kind, f"relayed through {link.source.text} ({link.kind})")
    for s in result.sources:
        for m in s.mentions:
            source(m.start, m.end, s.kind, f"source {s.name} ({s.kind})")
    for claim in result.claims:
        for h in claim.hedges:
            marks.append(_Mark(h.start, h.end, "hedge", ("hedge",), f"hedge ({h.type}): {h.text}"))
        for v in claim.verification:
            cls = "verif-neg" if v.polarity == "negative" else "verif-pos"
            marks.append(_Mark(v.start, v.end, "verification", (cls,), f"{v.polarity} verification: {v.text}"))
    for b in result.boilerplate:
        marks.append(_Mark(b.start, b.end, "boilerplate", ("boiler",), f"not scored ({b.reason})"))
    return marks


def highlight(result: ArticleResult, text: str, prefix: str = "a0") -> Markup:
    """``text`` cut at every span boundary, each piece escaped and wrapped with its spans' classes.

    Where source spans nest, the innermost decides the colour (then the earliest, then the first
    listed). A badge with the claim's score follows each claim's end; a "not scored" label starts
    each boilerplate span. Both are empty elements drawn by CSS, so the text nodes are ``text``.
    """
    n = len(text)
    marks = [m for m in _marks(result) if 0 <= m.start < m.end <= n]
    badges: dict[int, list[int]] = {}
    for i, claim in enumerate(result.claims):
        badges.setdefault(min(max(claim.end, 0), n), []).append(i)
    labels = {m.start: m for m in sorted(marks, key=lambda m: m.end) if m.layer == "boilerplate"}  # longest wins
    cuts = sorted({0, n, *badges, *(m.start for m in marks), *(m.end for m in marks)})
    order = {id(m): j for j, m in enumerate(marks)}
    starting: dict[int, list[_Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    active: list[_Mark] = []  # the marks covering the current piece: every start and end is a cut
    out: list[object] = [_badge(result.claims[i], i, prefix) for i in badges.get(0, [])]
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starting.get(a, [])
        if a in labels:
            out.append(el("span", {"class": "bp-label", "data-label": "not scored", "title": labels[a].note}))
        piece = text[a:b]
        if b not in badges:
            out.append(_segment(piece, active, order))
            continue
        # the claim's last word and its badge in one unbreakable box, so a badge never starts a line
        # (at most its last 20 characters: a long URL must still wrap)
        word = re.search(r"\S+$", piece)
        cut = max(word.start(), len(piece) - 20) if word else len(piece)
        if cut:
            out.append(_segment(piece[:cut], active, order))
        tail = [_segment(piece[cut:], active, order)] if cut < len(piece) else []
        out.append(el("span", {"class": "keep"}, *tail, *(_badge(result.claims[i], i, prefix) for i in badges[b])))
    return join(out)


def _segment(piece: str, covering: Sequence[_Mark], order: Mapping[int, int]) -> Markup:
    if not covering:
        return escape(piece)
    sources = [m for m in covering if m.layer == "source"]
    classes: list[str] = []
    if sources:
        chosen = min(sources, key=lambda m: (m.end - m.start, m.start, order[id(m)]))
        classes.extend(chosen.classes)
    for m in covering:
        if m.layer != "source":
            classes.extend(c for c in m.classes if c not in classes)
    notes = list(dict.fromkeys(m.note for m in sorted(covering, key=lambda m: (m.start, -m.end, order[id(m)]))))
    return el("span", {"class": " ".join(classes), "title": "\n".join(notes)}, piece)


def _badge(claim: ClaimResult, i: int, prefix: str) -> Markup:
    terms = "\n".join(f"{e.factor} {e.effect:+.3f}: {e.detail}" for e in claim.explanation)
    hover = f"claim C{i + 1}: score {claim.score:.2f} ({_band_of(claim.score)}), source kind {claim.kind}\n{terms}"
    return el("a", {
        "class": f"badge band-{_band_of(claim.score)}", "id": f"{prefix}-c{i}", "href": f"#{prefix}-n-c{i}",
        "title": hover, "data-label": f"{claim.score:.2f}", "aria-label": f"claim C{i + 1} score {claim.score:.2f}",
    })


# -- sources and footnotes -----------------------------------------------------------------------


def _claim_links(indices: Iterable[int], prefix: str) -> list[Markup]:
    links: list[Markup] = []
    for i in indices:
        if links:
            links.append(Markup(", "))
        links.append(el("a", {"href": f"#{prefix}-c{i}"}, f"C{i + 1}"))
    return links


def _sources_list(result: ArticleResult, prefix: str) -> Markup:
    if not result.sources:
        return Markup("")
    items = [
        el("li", None, el("span", {"class": f"swatch src-{_kind_class(s.kind)}"}), " ", el("strong", None, s.name),
           f" ({s.kind}, {len(s.mentions)} mention{'s' if len(s.mentions) != 1 else ''})",
           *((" backs ", *_claim_links(s.claims, prefix)) if s.claims else ()))
        for s in result.sources
    ]
    return el("div", {"class": "sources"}, el("h3", None, "Sources"), el("ul", None, *items))


def _terms(explanation: Sequence[Explanation], prefix: str) -> Markup:
    items = []
    for e in explanation:
        quoted = "; ".join(f"“{s.text}”" for s in e.spans)
        items.append(el("li", None, el("code", None, e.factor), f" {e.effect:+.3f}: {e.detail}",
                        f" — {quoted}" if quoted else "",
                        *((" (claims ", *_claim_links(e.claims, prefix), ")") if e.claims else ())))
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
            notes.append(el("li", {"id": f"{prefix}-n-{key}"}, el("strong", None, f"{label}: {_component(key, c[key], len(result.claims))[1]}"),
                            f" — {meaning}"))
    for b in result.boilerplate:
        notes.append(el("li", {"class": "boiler-note"}, el("strong", None, "not scored"),
                        f" ({b.reason}, characters {b.start}–{b.end}): ", el("span", {"class": "boiler"}, text[b.start:b.end])))
    for i, claim in enumerate(result.claims):
        facts = (f"score {claim.score:.2f} ({_band_of(claim.score)}) · source kind {claim.kind} · "
                 f"check-worthiness {claim.checkworthiness:.2f} · hedge score {claim.hedge_score:.2f} · "
                 f"weasel score {claim.weasel_score:.2f} · independent sources {claim.corroboration.independent_sources}")
        notes.append(el(
            "li", {"id": f"{prefix}-n-c{i}", "class": "claim-note"},
            el("a", {"href": f"#{prefix}-c{i}", "class": "back", "title": "back to the claim"}, f"C{i + 1} ↩"), " ",
            el("span", {"class": f"chip band-{_band_of(claim.score)}"}, f"{claim.score:.2f}"), " ",
            el("span", {"class": "claim-text"}, claim.text), el("div", {"class": "facts"}, facts), _terms(claim.explanation, prefix),
        ))
    return el("details", {"class": "notes", "open": "open"}, el("summary", None, "Notes: every number explained"),
              el("ol", None, *notes))


# -- legend, style and page --------------------------------------------------------------------


def _legend() -> Markup:
    kinds = [el("span", {"class": "key"}, el("span", {"class": f"swatch src-{k}"}), k.replace("_", " "))
             for k in KIND_COLOURS if k != "other"]
    marks = [
        el("span", {"class": "key"}, el("span", {"class": "hedge"}, "hedge")),
        el("span", {"class": "key"}, el("span", {"class": "verif-neg"}, "negative verification")),
        el("span", {"class": "key"}, el("span", {"class": "verif-pos"}, "positive verification")),
        el("span", {"class": "key"}, el("span", {"class": "bp-label", "data-label": "not scored"}),
           el("span", {"class": "boiler"}, "boilerplate")),
        el("span", {"class": "key"}, "claim score ",
           *(el("span", {"class": f"chip band-{band}"}, band) for band, _, _ in BANDS)),
    ]
    return el("div", {"class": "legend"}, el("div", None, el("strong", None, "Source kinds: "), *kinds),
              el("div", None, el("strong", None, "Marks: "), *marks),
              el("div", {"class": "hint"}, "Hover over any highlight, badge or bar for its explanation; the notes under each article repeat them."))


def _css() -> str:
    kinds = "\n".join(f".src-{k}{{background:{c}}}" for k, c in KIND_COLOURS.items())
    bands = "\n".join(f".band-{b}{{background:{c}}}" for b, _, c in BANDS)
    return _STYLE + kinds + "\n" + bands + "\n.band-none{background:#e0e0e0}\n"


_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1d;background:#fafafa;margin:0}
main{max-width:980px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:19px;margin:0 0 4px;overflow-wrap:anywhere}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#555;margin:0 0 6px}
.meta{color:#666;font-size:13px;margin:0 0 8px;overflow-wrap:anywhere}
.legend{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;font-size:13px;margin:10px 0 18px}
.legend>div{margin:3px 0}.legend .hint{color:#666}
.key{display:inline-block;margin:2px 12px 2px 0;white-space:nowrap}
.swatch{display:inline-block;width:12px;height:12px;border:1px solid rgba(0,0,0,.25);border-radius:2px;margin-right:4px;vertical-align:-1px}
.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:16px 20px;margin:0 0 24px}
.failed{border-color:#d9534f}.error{color:#a4161a;overflow-wrap:anywhere}
.warnings{color:#8a5a00;font-size:13px;margin:0 0 8px;padding-left:18px}
.summary{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin:10px 0 16px}
.row{display:grid;grid-template-columns:150px 1fr 86px;align-items:center;gap:8px;font-size:13px;margin:3px 0}
.row .label{color:#333;text-decoration:none;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.row .label:hover{text-decoration:underline}
.row .value{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}
.track{position:relative;display:block;height:12px;background:#eee;border-radius:3px;overflow:hidden}
.track .fill{position:absolute;top:0;bottom:0;display:block;border-radius:3px}
.fill.pos{background:#5aa469}.fill.neg{background:#d9534f}.fill.comp{background:#7a8fb3}
.tick{position:absolute;top:0;bottom:0;width:1px;background:rgba(0,0,0,.45)}
.stacked{display:flex}.stack{display:block;height:100%}
.chip{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;line-height:18px;color:#1d1d1d;white-space:nowrap}
.err-chip{background:#f5aaa2;border-radius:8px;padding:0 6px;font-size:12px}
.article-text{font:16px/2.05 Georgia,"Times New Roman",serif;white-space:pre-wrap;overflow-wrap:anywhere;border-top:1px solid #eee;padding-top:12px}
.src{border-radius:3px;padding:1px 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.hedge{text-decoration:underline wavy #b8860b;text-decoration-thickness:1.5px;text-underline-offset:3px}
.verif-neg{border-bottom:3px double #c62828}
.verif-pos{border-bottom:2px solid #2e7d32}
.boiler{color:#7a7a7a;background:#f2f2f2}
.boiler.src{background:#eee}
.bp-label::before{content:attr(data-label);font:600 10px/1 system-ui,sans-serif;color:#777;border:1px solid #bbb;border-radius:3px;padding:1px 3px;margin-right:4px;vertical-align:2px;white-space:nowrap}
.badge{display:inline-block;text-decoration:none;color:#1d1d1d;font:600 10.5px/15px system-ui,sans-serif;padding:0 4px;margin:0 3px 0 3px;border-radius:7px;border:1px solid rgba(0,0,0,.2);vertical-align:1px;white-space:nowrap}
.badge::after{content:attr(data-label)}
.badge:hover,.badge:target{outline:2px solid #333}
.sources{margin-top:14px}.sources ul{margin:4px 0 12px;padding-left:18px;font-size:14px}.sources li{overflow-wrap:anywhere}
.notes{font-size:13px;color:#333;border-top:1px solid #eee;padding-top:8px}
.notes summary{cursor:pointer;font-weight:600;color:#555}
.notes li{margin:4px 0;overflow-wrap:anywhere}.notes li:target{background:#fff7d6}
.claim-text{font-style:italic}.keep{white-space:nowrap}.facts{color:#666}.terms{margin:2px 0;padding-left:18px}
.back{text-decoration:none;font-weight:600}
.toc{font-size:14px}
@media (max-width:760px){.summary{grid-template-columns:1fr}}
"""

_PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="credscore">
<title>$title</title>
<style>$css</style>
</head>
<body><main>
$body
</main></body>
</html>
""")

__all__ = ["KIND_COLOURS", "Markup", "el", "escape", "highlight", "join", "render_html"]

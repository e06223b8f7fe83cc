"""The charts: the article score as a bar with its band thresholds and terms, and the components.

Charts are CSS bars (no script, no image), each row with its explanation as hover text and a
link to its footnote.
"""

from __future__ import annotations

from credscore.report.escaping import Markup, el
from credscore.report.legend import BANDS, COMPONENTS, band_name, component, kind_class
from credscore.results import ArticleResult


def band_chip(score: float | None, band: str | None) -> Markup:
    """The score and its band as a coloured chip (``n/a`` for no score)."""
    label = "n/a" if score is None else f"{score:.2f} {band or band_name(score)}"
    return el("span", {"class": f"chip band-{band_name(score)}"}, label)


def _pct(value: float) -> str:
    return f"{100 * min(1.0, max(0.0, value)):.1f}%"


def _bar(fraction: float, *, cls: str = "fill", left: float = 0.0, title: str | None = None) -> Markup:
    return el("span", {"class": cls, "style": f"left:{_pct(left)};width:{_pct(fraction)}", "title": title})


def score_chart(result: ArticleResult, prefix: str) -> Markup:
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
              _bar(result.score or 0.0, cls=f"fill band-{band_name(result.score)}"), *ticks),
           el("span", {"class": "value"}, band_chip(result.score, result.band))),
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



def components_chart(result: ArticleResult, prefix: str) -> Markup:
    """Kind shares as one stacked bar, the other components as bars."""
    c = result.components
    shares = c.get("kind_shares") or {}
    pieces = [
        el("span", {"class": f"stack src-{kind_class(kind)}", "style": f"width:{_pct(float(share))}",
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
        fraction, shown = component(key, value, len(result.claims))
        if key == "top_source_share" and c.get("top_source"):
            meaning = f"{meaning}: {names.get(c['top_source'], c['top_source'])}"
        rows.append(el(
            "div", {"class": "row", "title": f"{label}: {shown}, {meaning}"},
            el("a", {"class": "label", "href": f"#{prefix}-n-{key}"}, label),
            el("span", {"class": "track"}, _bar(fraction, cls="fill comp")),
            el("span", {"class": "value"}, shown),
        ))
    return el("div", {"class": "chart"}, el("h3", None, "Components"), *rows)

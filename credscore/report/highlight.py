"""The highlighted article text: the text cut at every span boundary, each piece escaped and
wrapped in one ``<span>`` with the classes of all spans covering it.

Scores and labels drawn inside the text are CSS generated content (``attr(data-label)``), so
the text nodes of the article are exactly its text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from credscore.report.escaping import Markup, el, escape, join
from credscore.report.legend import band_name, kind_class
from credscore.results import ArticleResult, ClaimResult


@dataclass(frozen=True)
class _Mark:
    """A span to show: its layer (source, hedge, verification, boilerplate), classes and hover text."""

    start: int
    end: int
    layer: str
    classes: tuple[str, ...]
    note: str



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
        marks.append(_Mark(start, end, "source", ("src", f"src-{kind_class(kind)}"), note))

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
    hover = f"claim C{i + 1}: score {claim.score:.2f} ({band_name(claim.score)}), source kind {claim.kind}\n{terms}"
    return el("a", {
        "class": f"badge band-{band_name(claim.score)}", "id": f"{prefix}-c{i}", "href": f"#{prefix}-n-c{i}",
        "title": hover, "data-label": f"{claim.score:.2f}", "aria-label": f"claim C{i + 1} score {claim.score:.2f}",
    })

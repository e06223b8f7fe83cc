"""The corpus report: one view per story, its provenance graph drawn and its matched claims linked.

Each story of two or more articles gets a section with:

- a **provenance graph** (inline SVG, no script): the articles as boxes in the story's order (earliest
  first), an arrow for each copy or rewrite (solid, above) and each relay (dashed, below) pointing the
  way the information went, from the article taken from to the one that took it; the story's origin
  drawn with a heavy border, and outlets the articles credit that are not in the corpus as dashed boxes;
- its **original sources**, each counted once however many articles repeat it;
- its **claim groups**: each claim as its article gives it, with links to the same claim in the other
  articles (every claim has its own anchor, ``<story>-<article>-c<claim>``).

Built only by :func:`~credscore.report.escaping.el`, so every string from a result is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from credscore.report.escaping import Markup, el, escape, join, separated
from credscore.report.template import PAGE, css

#: at most this many articles are drawn in one graph (the rest are listed)
MAX_NODES = 40
_W, _H, _GAP, _TOP = 150, 46, 34, 70  # box width and height, gap between boxes, room above for the arcs

_STORY_CSS = """
.story{background:#fff;border:1px solid #ddd;border-radius:6px;padding:16px 20px;margin:0 0 24px}
.graph{overflow-x:auto;border:1px solid #eee;border-radius:4px;margin:8px 0 12px}
.graph svg{display:block}
.graph .node rect{fill:#f4f6fb;stroke:#7a8fb3;stroke-width:1.2}
.graph .node.origin rect{fill:#e3f0e5;stroke:#2e7d32;stroke-width:3}
.graph .node.external rect{fill:#fff;stroke:#999;stroke-dasharray:4 3}
.graph text{font:12px system-ui,sans-serif;fill:#1d1d1d}
.graph .sub{fill:#666;font-size:11px}
.graph .copy{stroke:#33691e;stroke-width:1.8;fill:none}
.graph .relay{stroke:#8e24aa;stroke-width:1.8;fill:none;stroke-dasharray:6 4}
.graph-key{font-size:13px;color:#555;margin:0 0 6px}
.groups{padding-left:18px}.groups>li{margin:8px 0}
.groups ul{padding-left:18px;margin:4px 0}.groups li:target{background:#fff7d6}
.same{font-size:12px;color:#555}
.originals{font-size:14px;padding-left:18px}
"""


def render_stories_html(stories: Sequence[object], claim_texts: Mapping[str, Sequence[str]],
                        titles: Mapping[str, str | None] | None = None, *, title: str = "credscore stories") -> str:
    """One self-contained HTML page with a view of every story of two or more articles.

    ``stories`` are :class:`~credscore.corpus.Story` objects; ``claim_texts`` gives each article's
    claim texts by claim index (what a story's claim references point into); ``titles`` the
    articles' titles where known.

    >>> page = render_stories_html([], {})
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page and "no story" in page
    True
    """
    titles = titles or {}
    shared = [s for s in stories if len(s.articles) > 1]  # type: ignore[attr-defined]
    sections = [_story_section(s, claim_texts, titles) for s in shared]
    header = join([
        el("h1", None, title),
        el("p", {"class": "meta"}, f"{len(stories)} stories, {len(shared)} of them reported by two or more articles"),
    ])
    body = join([header, *sections] if sections else [header, el("p", {"class": "empty"}, "no story has two or more articles")])
    return PAGE.substitute(title=escape(title), css=css() + _STORY_CSS, body=body)


def _story_section(story: object, claim_texts: Mapping[str, Sequence[str]], titles: Mapping[str, str | None]) -> Markup:
    s = story  # a credscore.corpus.Story
    sid = s.story_id  # type: ignore[attr-defined]
    meta = (f"{len(s.articles)} articles · origin: {s.origin or 'none found in the corpus'}"  # type: ignore[attr-defined]
            + (f" · credits outlets not in the corpus: {', '.join(s.external_origins)}" if s.external_origins else ""))  # type: ignore[attr-defined]
    return el("section", {"class": "story", "id": sid},
              el("h2", None, f"Story {sid}"), el("p", {"class": "meta"}, meta),
              el("p", {"class": "graph-key"}, "Arrows point the way the information went: solid above, a copy or "
                                              "rewrite; dashed below, a relay (the later article credits the earlier). "
                                              "Heavy border: the story's origin; dashed box: an outlet not in the corpus."),
              _graph(s, titles), _originals(s), _groups(s, claim_texts))


def _graph(story: object, titles: Mapping[str, str | None]) -> Markup:
    s = story
    drawn = list(s.articles[:MAX_NODES])  # type: ignore[attr-defined]
    external = list(s.external_origins)  # type: ignore[attr-defined]
    nodes = drawn + [f"outlet:{o}" for o in external]
    x = {n: 10 + i * (_W + _GAP) for i, n in enumerate(nodes)}
    width, height = 20 + len(nodes) * (_W + _GAP), _TOP * 2 + _H
    y = _TOP
    parts: list[Markup] = [el("defs", None, *(
        el("marker", {"id": f"arrow-{kind}", "viewbox": "0 0 10 10", "refx": "9", "refy": "5", "markerwidth": "7",
                      "markerheight": "7", "orient": "auto-start-reverse"},
           el("path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour}))
        for kind, colour in (("copy", "#33691e"), ("relay", "#8e24aa"))))]
    for a, of, _ in s.copies:  # type: ignore[attr-defined]
        if a in x and of in x:
            parts.append(_arc(x[of], x[a], y, above=True, kind="copy", title=f"{a} copies or rewrites {of}"))
    for a, cites in s.relays:  # type: ignore[attr-defined]
        if a in x and cites in x:
            parts.append(_arc(x[cites], x[a], y, above=False, kind="relay", title=f"{a} relays {cites}"))
    for n in nodes:
        is_outlet = n.startswith("outlet:")
        label = n[len("outlet:"):] if is_outlet else n
        sub = "not in the corpus" if is_outlet else (titles.get(n) or "")
        cls = "node external" if is_outlet else ("node origin" if n == s.origin else "node")  # type: ignore[attr-defined]
        parts.append(el("g", {"class": cls, "id": None if is_outlet else f"{s.story_id}-{n}"},  # type: ignore[attr-defined]
                        el("title", None, f"{label}: {sub}" if sub else label),
                        el("rect", {"x": x[n], "y": y, "width": _W, "height": _H, "rx": 5}),
                        el("text", {"x": x[n] + 8, "y": y + 18}, _clip(label, 20)),
                        el("text", {"x": x[n] + 8, "y": y + 35, "class": "sub"}, _clip(sub, 24))))
    rest = len(s.articles) - len(drawn)  # type: ignore[attr-defined]
    svg = el("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": width, "height": height,
                     "viewbox": f"0 0 {width} {height}", "role": "img", "aria-label": f"provenance graph of story {s.story_id}"},  # type: ignore[attr-defined]
             *parts)
    more = el("p", {"class": "meta"}, f"and {rest} more articles, not drawn") if rest > 0 else Markup("")
    return join([el("div", {"class": "graph"}, svg), more])


def _arc(x_from: float, x_to: float, y: float, *, above: bool, kind: str, title: str) -> Markup:
    """A curved arrow between two boxes' top (or bottom) edges."""
    start, end = x_from + _W / 2, x_to + _W / 2
    edge = y if above else y + _H
    bend = -1 if above else 1
    lift = min(_TOP - 8, 18 + abs(end - start) / 6)
    d = f"M{start:.0f},{edge} C{start:.0f},{edge + bend * lift:.0f} {end:.0f},{edge + bend * lift:.0f} {end:.0f},{edge}"
    return el("path", {"class": kind, "d": d, "marker-end": f"url(#arrow-{kind})"}, el("title", None, title))


def _originals(story: object) -> Markup:
    seen: dict[str, tuple[str | None, str, int]] = {}
    for g in story.claims:  # type: ignore[attr-defined]
        for o in g.original_sources:
            name, kind, n = seen.get(o.key, (o.name, o.kind, 0))
            seen[o.key] = (name, kind, n + 1)
    if not seen:
        return Markup("")
    items = [el("li", None, name or "(unnamed)", f" — {kind.replace('_', ' ')}, behind {n} claim group(s)")
             for name, kind, n in seen.values()]
    return el("div", None, el("h3", None, "Original sources"), el("ul", {"class": "originals"}, *items))


def _groups(story: object, claim_texts: Mapping[str, Sequence[str]]) -> Markup:
    sid = story.story_id  # type: ignore[attr-defined]
    groups = []
    for g in story.claims:  # type: ignore[attr-defined]
        anchors = {(r.article, r.claim): f"{sid}-{r.article}-c{r.claim}" for r in g.claims}
        rows = []
        for r in g.claims:
            texts = claim_texts.get(r.article, ())
            text = texts[r.claim] if r.claim < len(texts) else f"claim {r.claim}"
            others = [el("a", {"href": f"#{anchors[k]}"}, k[0]) for k in anchors if k != (r.article, r.claim)]
            rows.append(el("li", {"id": anchors[(r.article, r.claim)]},
                           el("strong", None, r.article), f" (claim {r.claim + 1}): ", el("span", {"class": "claim-text"}, text),
                           el("div", {"class": "same"}, "same claim in: ", separated(others)) if others else Markup("")))
        first = ", ".join(g.first_reported) or "none (every report credits another)"
        groups.append(el("li", {"id": f"{sid}-{g.group_id}"},
                         el("strong", None, f"{g.independent_sources} independent source(s)"),
                         f" · first reported in {first} · similarity {g.similarity:.2f}", el("ul", None, *rows)))
    if not groups:
        return el("p", {"class": "meta"}, "No claim is matched across these articles.")
    return el("div", None, el("h3", None, "Claims made in more than one article"), el("ol", {"class": "groups"}, *groups))


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"

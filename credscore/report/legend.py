"""What the report's colours, bands and components mean, and the legend that says so.

The charts, the highlighted text, the notes and the page style all read these, so a colour or
a component's wording has one home.
"""

from __future__ import annotations

from typing import Any

from credscore.report.escaping import Markup, el
from credscore.scoring import BANDS as SCORE_BANDS
from credscore.scoring import band_of

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


def band_name(score: float | None) -> str:
    """The band of ``score`` (``credscore.scoring.band_of``), ``"none"`` for no score."""
    return "none" if score is None else band_of(score)


def kind_class(kind: str) -> str:
    """The colour class of a source kind (``other`` for a kind without a colour of its own)."""
    return kind if kind in KIND_COLOURS else "other"


def component(key: str, value: Any, claims: int) -> tuple[float, str]:
    """A component's bar length in [0, 1] and how its value reads."""
    if key == "hedge_density":
        return float(value) / 100, f"{float(value):.0f}"
    if key in ("checkworthy_claims", "distinct_sources"):
        return float(value) / (max(1, claims) if key == "checkworthy_claims" else 10), f"{int(value)}"
    return float(value), f"{float(value):.0%}"


def legend() -> Markup:
    """The key to the source-kind colours, the marks in the text and the band chips."""
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

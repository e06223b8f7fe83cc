"""The HTML report (``credscore.report`` and ``--format html``): escaping, offsets, highlights.

The unit tests read the page with ``html.parser``; one slow test opens it in headless Chromium
(skipped where ``chromium`` is not installed: ``apt-get install -y chromium``), checks that
nothing from the article ran and takes a screenshot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEED_IDS, seed_path
from credscore.cli import app
from credscore.document import Boilerplate, Hedge, Offsets, TextSpan
from credscore.intake import read_path
from credscore.report import el, escape, highlight, render_html
from credscore.results import ErrorResult, SourceResult

MARKED = (
    "Police said the two men were probably arrested on Tuesday, according to court records.\n"
    "The ministry said the figures could not be independently verified.\n"
    "Photo: Getty Images\n"
    "A spokesman for the Home Office, John Smith, said the claim had been authenticated by Reuters.\n"
    "Read more: Police arrest two men"
)
SCRIPT = "Police said <script>alert(1)</script> two men were arrested on Tuesday, officials said."
EVIL_ID = '"><img src=x onerror=alert(1)>'
PWN = (
    "Police said two men were arrested on Tuesday. <script>document.title='pwned'</script>\n"
    "<img src=x onerror=\"document.title='pwned'\"> Officials said the men had been released, "
    "according to court records."
)


class _Reader(HTMLParser):
    """Text of the ``article-text`` blocks, the tags met, and every class used inside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.classes: set[str] = set()
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
            self.classes.update(classes)
        elif "article-text" in classes:
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def _read(page: str) -> _Reader:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader


# -- escaping ---------------------------------------------------------------------------------


def test_el_escapes_text_and_attributes_but_not_markup():
    assert el("b", {"title": '"><x>'}, "<i>", el("i", None, "&")) == '<b title="&quot;&gt;&lt;x&gt;">&lt;i&gt;<i>&amp;</i></b>'
    assert escape("a\r\nb") == "a&#13;\nb"
    with pytest.raises(ValueError):
        el("b onclick", None)


def test_script_in_article_text_is_text_not_markup(scorer):
    page = render_html([(scorer.score(SCRIPT, id="s"), SCRIPT)])
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert _read(page).texts == [SCRIPT]


def test_malicious_id_title_and_error_cannot_inject_markup(scorer):
    result = scorer.score(SCRIPT, id=EVIL_ID, title=f"<b>{EVIL_ID}</b>")
    error = ErrorResult(id=EVIL_ID, input="<script>x</script>.txt", error='"><svg onload=alert(1)>')
    page = render_html([(result, SCRIPT), (error, None)], title=EVIL_ID)
    reader = _read(page)
    assert not {"img", "svg", "script", "b"} & set(reader.tags)
    assert "onerror=alert(1)&gt;" in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;.txt" in page


# -- content ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_visible_text_is_the_article_text(seed_results, prefix):
    article, result = seed_results[prefix]
    assert _read(render_html([(result, article.text)])).texts == [article.text]


def test_every_claim_score_is_shown_with_its_explanation(seed_results):
    article, result = seed_results["000"]
    page = render_html([(result, article.text)])
    for i, claim in enumerate(result.claims):
        badge = re.search(rf'<a class="badge band-\w+" id="a0-c{i}" href="#a0-n-c{i}" title="([^"]*)" data-label="([^"]*)"', page)
        assert badge, f"claim {i} has no badge"
        assert badge.group(2) == f"{claim.score:.2f}"
        assert claim.explanation[0].factor in badge.group(1)
        assert f'id="a0-n-c{i}"' in page  # its footnote
    assert f"{result.score:.2f} {result.band}" in page


def test_highlights_per_source_kind_hedges_verification_and_boilerplate(scorer):
    result = scorer.score(MARKED, id="m")
    reader = _read(render_html([(result, MARKED)]))
    assert reader.texts == [MARKED]
    kinds = {c.kind for c in result.claims if c.attribution.source is not None} | {s.kind for s in result.sources}
    assert kinds and {f"src-{k}" for k in kinds} <= reader.classes
    assert {"src", "hedge", "verif-neg", "verif-pos", "boiler", "bp-label", "badge"} <= reader.classes


def test_seed_boilerplate_is_greyed_and_labelled_not_scored(seed_results):
    article, result = next(seed_results[p] for p in SEED_IDS if seed_results[p][1].boilerplate)
    page = render_html([(result, article.text)])
    assert 'class="bp-label" data-label="not scored"' in page
    for b in result.boilerplate:
        assert f"({b.reason}, characters {b.start}–{b.end})" in page


def test_overlapping_spans_are_cut_at_every_boundary_innermost_source_wins(scorer):
    text = "Officials at the Home Office said it was probably true. Photo: Getty Images"
    result = scorer.score(text, id="o")
    office, true = text.index("Office"), text.index("true")
    outer = TextSpan(0, office + 6, text[: office + 6])  # "Officials at the Home Office"
    inner = Offsets(text.index("Home"), office + 6)  # "Home Office", nested in it
    claim = replace(result.claims[0], hedges=(Hedge(office, true + 2, text[office:true + 2], "adverb", "x"),),
                    attribution=replace(result.claims[0].attribution, kind="anonymous_vague", source=outer, relay=()))
    result = replace(result, claims=(claim,), sources=(SourceResult("e1", "Home Office", "media", (inner,), ()),),
                     boilerplate=(Boilerplate(true, len(text), "photo_credit"),))
    marked = highlight(result, text)
    assert _read(f'<div class="article-text">{marked}</div>').texts == [text]
    assert marked == highlight(result, text)  # deterministic
    assert re.search(r'<span class="src src-anonymous_vague" title="[^"]*">Officials at the </span>', marked)
    assert re.search(r'<span class="src src-media hedge" title="[^"]*">Office</span>', marked)
    assert re.search(r'<span class="bp-label" data-label="not scored" title="[^"]*"></span><span class="hedge boiler" title="[^"]*">tr</span>', marked)


def test_html_extracted_text_is_what_the_offsets_index(scorer):
    raw = (Path(__file__).parent / "data" / "article.html").read_text(encoding="utf-8")
    result = scorer.score(raw, id="h", format="html")
    assert result.extracted_text is not None
    assert _read(render_html([(result, raw)])).texts == [result.extracted_text]


# -- CLI --------------------------------------------------------------------------------------


def test_cli_writes_one_report_for_the_batch_with_errors_listed(scorer, monkeypatch, tmp_path):
    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    out = tmp_path / "report.html"
    missing = str(tmp_path / "missing.txt")
    run = CliRunner().invoke(app, ["score", str(seed_path("000")), missing, str(seed_path("002")),
                                   "--no-model", "--format", "html", "--out", str(out)])
    assert run.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.count('<section class="article"') == 2 and page.count('class="article failed"') == 1
    assert "missing.txt" in page and "does not exist" in page
    assert _read(page).texts == [read_path(seed_path("000")).text, read_path(seed_path("002")).text]


def test_cli_html_to_stdout(scorer, monkeypatch):
    monkeypatch.setattr("credscore.scorer.Scorer", lambda *args, **kwargs: scorer)
    run = CliRunner().invoke(app, ["score", "-", "--no-model", "-f", "html"], input=SCRIPT)
    assert run.exit_code == 0
    assert run.stdout.startswith("<!DOCTYPE html>") and _read(run.stdout).texts == [SCRIPT]


# -- in a real browser --------------------------------------------------------------------------


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=True,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_report_in_headless_chromium_runs_nothing_and_renders(seed_results, scorer, tmp_path):
    article, result = seed_results["000"]
    evil = scorer.score(PWN, id=EVIL_ID)
    page = tmp_path / "report.html"
    page.write_text(render_html([(result, article.text), (evil, PWN)]), encoding="utf-8")

    dom = _chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and title.group(1) == "credscore report"
    assert "pwned" not in title.group(1)
    reader = _read(dom)
    assert "script" not in reader.tags and "img" not in reader.tags
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert reader.texts == [article.text, PWN]
    kinds = {s.kind for s in result.sources}
    assert {f"src-{k}" for k in kinds} <= reader.classes and {"hedge", "badge"} <= reader.classes

    png = tmp_path / "report.png"
    _chromium(f"--screenshot={png}", "--window-size=1280,2000", page.as_uri(), profile=tmp_path / "profile2")
    assert png.exists() and png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

"""The story view (credscore.report.stories) on the seeds' corpus: the provenance graph drawn with its
copies and relays, the original sources listed, every matched claim linked to the same claim in the
other articles, nothing run or fetched, and hostile ids escaped; in headless Chromium too."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from credscore.report import escape
from credscore.report.stories import render_stories_html
from tests.test_corpus import seed_records

EVIL_ID = '"><script>document.title="pwned"</script>'


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if a.get("href"):
            self.hrefs.append(a["href"])
        self.classes += (a.get("class") or "").split()


@pytest.fixture(scope="module")
def corpus(scorer):
    return scorer.score_corpus(seed_records())


def _page(corpus, **kw) -> str:
    texts = {a.id: [c.text for c in a.claims] for a in corpus.articles}
    return render_stories_html(corpus.stories, texts, {a.id: a.title for a in corpus.articles}, **kw)


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def test_each_shared_story_has_its_graph_with_copies_and_relays_drawn(corpus):
    page = _page(corpus)
    shared = [s for s in corpus.stories if len(s.articles) > 1]
    assert len(shared) == 2
    parsed = _parse(page)
    assert parsed.tags.count("section") == len(shared) and parsed.tags.count("svg") == len(shared)
    mirror = next(s for s in shared if "000" in s.articles)
    assert any(a == "001" and of == "000" for a, of, _ in mirror.copies)
    assert page.count('class="copy"') == sum(len(s.copies) for s in shared)
    assert page.count('class="relay"') == sum(len(s.relays) for s in shared)
    assert f'id="{mirror.story_id}-000"' in page and f'id="{mirror.story_id}-001"' in page  # the nodes
    if mirror.origin:
        assert re.search(rf'<g class="node origin" id="{mirror.story_id}-{mirror.origin}"', page)


def test_every_matched_claim_links_to_the_same_claim_elsewhere_and_every_link_resolves(corpus):
    page = _page(corpus)
    parsed = _parse(page)
    groups = [g for s in corpus.stories for g in s.claims]
    assert groups, "the seeds' shared stories match claims across articles"
    for s in corpus.stories:
        for g in s.claims:
            for r in g.claims:
                anchor = f"{s.story_id}-{r.article}-c{r.claim}"
                assert anchor in parsed.ids
                text = next(a for a in corpus.articles if a.id == r.article).claims[r.claim].text
                assert escape(text) in page  # the claim as its article gives it
    internal = [h for h in parsed.hrefs if h.startswith("#")]
    assert len(internal) >= sum(len(g.claims) for g in groups)
    assert all(h[1:] in parsed.ids for h in internal)
    assert not [h for h in parsed.hrefs if not h.startswith("#")]  # nothing links out


def test_original_sources_are_listed_once_each(corpus):
    page = _page(corpus)
    keys = {o.key for s in corpus.stories if len(s.articles) > 1 for g in s.claims for o in g.original_sources}
    assert page.count('class="originals"') >= 1
    block = re.search(r'<ul class="originals">(.*?)</ul>', page, re.S)
    assert block and block.group(1).count("<li>") <= len(keys)


def test_a_hostile_article_id_and_title_are_text_not_markup(scorer):
    text = "The mayor said the bridge would reopen on Monday, a city report showed. Officials said repairs cost $2m."
    records = [{"id": EVIL_ID, "text": text, "title": EVIL_ID}, {"id": "b", "text": text}]
    corpus = scorer.score_corpus(records)
    page = _page(corpus, title=EVIL_ID)
    assert "<script" not in page
    assert "&lt;script&gt;" in page


def test_no_shared_story_says_so():
    page = render_stories_html([], {})
    assert "no story has two or more articles" in page and "<svg" not in page


def test_cli_corpus_writes_the_story_view(tmp_path):
    import json

    from typer.testing import CliRunner

    from credscore.cli import app

    records = tmp_path / "seeds.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in seed_records()))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["corpus", str(records), "--no-model", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "stories.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_story_view_in_headless_chromium_runs_nothing_and_draws(corpus, tmp_path):
    page = tmp_path / "stories.html"
    page.write_text(_page(corpus, title=EVIL_ID), encoding="utf-8")

    def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=True)

    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "p1").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and "pwned" != title.group(1) and "script" not in _parse(dom).tags
    parsed = _parse(dom)
    assert parsed.tags.count("svg") == 2 and parsed.tags.count("rect") >= 4 and "path" in parsed.tags
    assert 'viewBox="' in dom  # the HTML parser gave the SVG attributes their SVG names
    png = tmp_path / "stories.png"
    chromium(f"--screenshot={png}", "--window-size=1100,1600", page.as_uri(), profile=tmp_path / "p2")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000

"""The article-level labels of ``../shared/data/article_labels`` as records to score and to rank.

BuzzFeed-Webis 2016 (three publishers: their veracity and orientation) and Horne & Adali's
BuzzFeed political set (real / fake). Each record is ``{"id", "text", "title", "set",
"publisher", "orientation", "veracity", "label"}``; the labels are judgements of whole
articles (veracity, outlet type), proxies for sourcing, so they are used to rank, never to
learn an outlet's style.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

WEBIS = "buzzfeed_webis2016_dev"
HORNE = "horne2017_buzzfeed_political"


def labels_dir(data_dir: str | Path | None = None) -> Path:
    root = Path(data_dir) if data_dir else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return root / "article_labels"


def webis_records(data_dir: str | Path | None = None) -> Iterator[dict[str, str]]:
    """The BuzzFeed-Webis articles with text, in overview.csv order (articles without text are skipped)."""
    folder = labels_dir(data_dir) / WEBIS
    with open(folder / "overview.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            root = ET.parse(folder / "articles" / row["XML"]).getroot()
            main = root.findtext("mainText") or ""
            # mainText runs the page's paragraphs together; <paragraph> gives their start/end in it
            spans = sorted((int(p.findtext("start") or 0), int(p.findtext("end") or 0)) for p in root.findall("paragraph"))
            shift = paragraph_shift(main, spans)
            paragraphs = [main[a - shift:b - shift].strip() for a, b in spans if b > a]
            text = "\n\n".join(p for p in paragraphs if p) or main.strip()
            if not text:
                continue
            yield {"id": f"webis/{row['XML'].removesuffix('.xml')}", "text": text,
                   "title": (root.findtext("title") or "").strip() or None, "set": "webis",
                   "publisher": row["portal"], "orientation": row["orientation"], "veracity": row["veracity"],
                   "label": row["veracity"]}


def paragraph_shift(main: str, spans: list[tuple[int, int]]) -> int:
    """How many characters late the file's paragraph offsets run: 0 in most files, but some open with
    empty paragraphs and then count one character too many for each, so every paragraph would lose
    its first letters ("resident Barack Obama said"). A paragraph starts the text or follows a space;
    the smallest shift (up to 3) that cuts fewest paragraphs is taken."""
    def cut(shift: int) -> int:
        return sum(1 for a, b in spans if b > a and 0 < a - shift <= len(main) and not main[a - shift - 1].isspace())
    usable = [k for k in range(4) if all(a >= k for a, b in spans if b > a)]
    return min(usable, key=lambda k: (cut(k), k))


def horne_records(data_dir: str | Path | None = None) -> Iterator[dict[str, str]]:
    """Horne & Adali's real and fake political stories (Windows-1252, CRLF, as the set ships)."""
    folder = labels_dir(data_dir) / HORNE
    for label in ("Real", "Fake"):
        for path in sorted((folder / label).glob("*.txt"), key=lambda p: int(p.name.split("_")[0])):
            text = path.read_text(encoding="cp1252", errors="replace").replace("\r\n", "\n").strip()
            title_path = folder / f"{label}_titles" / path.name
            title = title_path.read_text(encoding="cp1252", errors="replace").strip() if title_path.exists() else None
            if text:
                yield {"id": f"horne/{path.stem}", "text": text, "title": title or None, "set": "horne",
                       "publisher": "", "orientation": "", "veracity": "", "label": label.lower()}


def all_records(data_dir: str | Path | None = None) -> list[dict[str, str]]:
    return [*webis_records(data_dir), *horne_records(data_dir)]

"""Reuters-21578 bodies read from ``../shared/data/reuters21578`` (never copied into the repository)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reuters21578"
_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\">(.*?)</REUTERS>", re.S)


@dataclass(frozen=True)
class Wire:
    newid: str
    date: str      # ISO date
    title: str
    text: str      # the body, as scored: offsets in the gold files index this string


def _field(doc: str, tag: str) -> str:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def read_wires(files: int = 3, data: Path = DATA) -> dict[str, Wire]:
    """The stories with a body in the first ``files`` SGML files, by NEWID."""
    from datetime import datetime

    wires = {}
    for path in sorted(data.glob("reut2-*.sgm"))[:files]:
        raw = path.read_bytes().decode("latin-1")
        for newid, doc in _DOC.findall(raw):
            body = _field(doc, "BODY")
            if len(body.split()) < 40:
                continue
            body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", body).replace("\x03", "").strip()
            day = datetime.strptime(_field(doc, "DATE").split()[0], "%d-%b-%Y").date().isoformat()
            wires[newid] = Wire(newid, day, _field(doc, "TITLE"), body)
    return wires

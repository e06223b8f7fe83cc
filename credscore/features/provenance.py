"""Article provenance: the dateline ("PARIS (AP) —", "WASHINGTON —") and syndication credit of the whole article.

SPEC §2: a dateline credit or a syndication line says where the article comes from, not where a
claim does, so it is reported at article level and never taken as a claim's source. A hat-tip
("(h/t The Daily Beast)") is not provenance: it credits one claim, and stays with it.
"""

from __future__ import annotations

import re

from credscore.document import Provenance, TextSpan
from credscore.outlets import OutletGazetteer

# "PARIS (AP) —", "WASHINGTON, March 3 (Reuters) -", "LONDON (Reuters) –": upper-case place at a line start
# (its state and the date may follow: "ST. LOUIS, MO., March 25 (Reuters) -")
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’ -]*[A-Z.])(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+\d{1,2})?){0,2}[ \t]*"
    r"\((?P<wire>[^()\n]{2,40})\)[ \t]*[-—–]+", re.MULTILINE)
# "WASHINGTON —", "NEW DELHI, March 27 -", "TOPEKA, Kan, June 18 -": an upper-case place (its state and the
# date may follow) and a dash at a line start, no wire
_BARE_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*)(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+\d{1,2})?){0,2}"
    r"[ \t]+[-—–]+[ \t]+(?=[A-Z“\"‘'])", re.MULTILINE)
# "Park City, Utah (CNN)Mitt Romney …", "Washington (CNN) President …": the web copy's dateline, a place in
# title case and a wire credit with no dash after it (the wire must be a known outlet)
_WEB_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)?"
    r"[ \t]*\((?P<wire>[^()\n]{2,40})\)[ \t]*(?:[-—–]+[ \t]*)?(?=[A-Z“\"‘'])", re.MULTILINE)
_SYNDICATION = re.compile(
    r"\b(?:This|The) (?:article|story|piece) (?:was )?(?:originally |first )?(?:appeared|published|ran)"
    r"(?: originally| first)? (?:on|in|at|by) (?P<credit>[^.\n]{2,80})")
_HEAD = 600  # a dateline opens the article: look only at its first characters


def find_provenance(text: str, gazetteer: OutletGazetteer) -> Provenance:
    """The article's dateline place and wire, and its syndication credit, as spans of ``text``.

    >>> from credscore.outlets import load_gazetteer
    >>> p = find_provenance("PARIS (AP) — Wages will rise 3%.", load_gazetteer())
    >>> p.dateline_place.text, p.wire.text, p.credit
    ('PARIS', 'AP', None)
    """
    place = wire = credit = None
    end = 0
    m = _DATELINE.search(text, 0, min(len(text), _HEAD))
    if m is None or not _is_outlet(m.group("wire"), gazetteer):
        m = _WEB_DATELINE.match(text)  # only where the article opens with it
        if m is not None and not _is_outlet(m.group("wire"), gazetteer):
            m = None
    if m is not None:
        place = TextSpan.of(text, m.start("place"), m.end("place"))
        wire = TextSpan.of(text, m.start("wire"), m.end("wire"))
        end = m.end()
    else:
        m = _BARE_DATELINE.search(text, 0, min(len(text), _HEAD))
        if m is not None:
            place = TextSpan.of(text, m.start("place"), m.end("place"))
            end = m.end()
    s = _SYNDICATION.search(text)
    if s is not None:
        credit = TextSpan.of(text, s.start("credit"), s.end("credit"))
    return Provenance(dateline_place=place, wire=wire, credit=credit, dateline_end=end)


def _is_outlet(name: str, gazetteer: OutletGazetteer) -> bool:
    """"AP", "Reuters", "AP Photo" are wire credits; "(file)" or "(pictured)" are not."""
    return gazetteer.by_name(name) is not None or any(True for _ in gazetteer.finditer(name))

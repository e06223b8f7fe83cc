"""Find page furniture in article text: navigation, captions, credits, widgets, repeated lines.

The scan is line by line (a line is the text between two newlines). Each boilerplate line is
reported as a :class:`~credscore.document.Boilerplate` span over the line's non-whitespace
content, with a short machine reason. The rules are data, at the top of this module.

>>> text = "Jump directly to the content\\nThe mayor said 264 civilians died."
>>> [(text[b.start:b.end], b.reason) for b in find_boilerplate(text)]
[('Jump directly to the content', 'navigation')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from credscore.document import Boilerplate

_I = re.IGNORECASE
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_UPPER_MONTHS = _MONTHS.upper()
_AGENCIES = (
    r"(?:Getty(?: Images)?|AP(?: Photo)?|AFP|Reuters|PA(?: Wire| Media)?|EPA|Alamy|Shutterstock"
    r"|Rex(?: Features)?|Bloomberg|Sputnik|TASS|Xinhua|ANP|dpa|WENN|Splash News)"
)

_JOINER = r"(?:FOR|IN|AND|&)\s+[A-Z]"  # "… FOR MAILONLINE", "… AND Jane Doe"

#: Line rules, tried in order on each line's content (a leading "•" bullet removed); the first
#: that matches names the reason. Patterns carry their own anchors and are used with ``search``.
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("navigation", re.compile(
        r"^(?:(?:jump|skip)(?: directly)? to (?:the )?(?:main )?(?:content|navigation|article|search|footer)"
        r"|back to top|advertisement|sponsored(?: content)?|story continues below(?: advertisement)?"
        r"|continue reading(?: the main story)?|share(?: this)?(?: article| story| page)?"
        r"|share or comment on this article|(?:follow|like) us on \w+"
        r"|sign up(?: to| for) [\w ]{1,40}newsletter"
        r"|subscribe(?: now| today)?|close|menu|search|home|log ?in|sign ?in|print|email|tweet)"
        r"\s*[:!.]?$", _I)),
    ("section_label", re.compile(
        r"^(?:topics|related topics|related(?: articles| stories| content| links)?|more on this story"
        r"|most (?:read|popular|viewed)|trending(?: now)?|top stories|latest(?: news| stories)?|tags"
        r"|recommended(?: for you)?|you (?:may|might) also like|in other news|more from \w[\w ]{0,30}"
        r"|don'?t miss|more stories|editor'?s picks)\s*:?$", _I)),
    ("read_more", re.compile(
        r"^(?:read more|read next|also read|see also|related|more|must read)\s*:\s*\S.{0,250}$"
        r"|^read more (?:on|about|from)\b[^.!?]{0,120}$|^read more\s*$|^click here to read\b.{0,200}$", _I)),
    ("video_link", re.compile(
        r"^(?:watch|video|watch video|watch now|listen|play video|live)\s*:\s*\S.{0,250}$"
        r"|^(?:this video (?:can ?not|cannot) be played|video unavailable|play video|watch the video)\W*$",
        _I)),
    ("error_widget", re.compile(
        r"^oops[!.]?(?:\s+something went wrong[.!]?)?(?:\s+please try again(?: later)?[.!]?)?$"
        r"|^sorry,? something went wrong[.!]?$|^(?:an )?(?:unexpected )?error (?:has )?occurred[.!]?$"
        r"|^(?:loading|please wait)(?:\.\.\.|…)?$|^javascript is (?:disabled|required)\b.{0,120}$", _I)),
    ("comment_widget", re.compile(
        r"^(?:no comments|\d+ comments?|comments?(?: \(\d+\))?|post a comment|leave a (?:comment|reply)"
        r"|add (?:a|your) comment|view (?:all )?comments|show comments|join the (?:conversation|discussion)"
        r"|share what you think|newer post older post home|subscribe to: post comments \(atom\))\s*:?$"
        r"|^note: only a member of this blog may post a comment\.?$"
        r"|^comments are (?:closed|moderated)\b.{0,120}$", _I)),
    ("byline", re.compile(
        # "By CHRIS JEWERS FOR MAILONLINE-": a name in capitals, then names after joiners. The
        # capitals stop at the first joiner, each run of spaces is tried as a joiner once and the
        # loops are possessive, so a line that almost matches fails in linear time.
        r"^By\s+[A-Z][A-Z.'’\- ](?:[A-Z.'’\-]| ++(?!" + _JOINER + r"))*+"
        r"(?:\s+" + _JOINER + r"(?:[A-Za-z.'’\-]|\s+" + _JOINER + r"| +(?!\s))*+)?\s*+(?:[-–—|,]\s*+)?$"
        r"|^By\s+(?:[A-Z][a-z'’\-]+\.?\s+){0,2}[A-Z][a-z'’\-]+"
        r"(?:\s+(?:and|&)\s+(?:[A-Z][a-z'’\-]+\s+){0,2}[A-Z][a-z'’\-]+)?"
        r"(?:\s*[,|]\s*(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}"
        r"|[A-Z][\w ]{0,40}(?:Correspondent|Editor|Reporter|Writer|Staff)))?\s*$")),
    ("timestamp", re.compile(
        r"^(?:published|updated|last updated|first published|posted)(?:\s+(?:on|at))?\s*:?\s*"
        r"(?:\d|" + _MONTHS + r"\b|\w+day\b)[^.!?]{0,60}$", _I)),
    ("gallery_counter", re.compile(
        r"^\d{1,3}$|^\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^(?:image|photo|picture|slide)\s+\d{1,3}\s+of\s+\d{1,3}$"
        r"|^(?:view|open|see) (?:the )?(?:gallery|slideshow)\b.{0,40}$|^(?:enlarge|expand) (?:this )?image$"
        r"|^gallery$", _I)),
    ("footer", re.compile(
        r"^(?:©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}).{0,150}$|^all rights reserved\.?$"
        r"|^(?:privacy policy|cookie (?:settings|policy)|terms (?:of|and) (?:use|service|conditions))\b.{0,80}$",
        _I)),
    # Credits and captions are searched anywhere in the line; each pattern starts with a literal
    # so that the search stays fast on long lines.
    ("photo_credit", re.compile(r"Credit:\s*\S[^.!?]{0,80}$")),  # "…spy for MI6Credit: Getty"
    ("photo_credit", re.compile(r"\((?:Photo|Image|Picture|Pic)(?: by| credit| courtesy|:)")),
    ("photo_credit", re.compile(r"via Getty Images")),
    ("photo_credit", re.compile(r"\(" + _AGENCIES + r"(?:\s*/\s*[\w .]+)?\)\s*$")),  # "… (Getty)"
    ("photo_credit", re.compile(r"Photograph: \S|Image source, \S")),
    ("photo_credit", re.compile(r"^(?:(?:Photo|Image|Picture|Photograph)(?: credit)?:|Image source,)\s*\S")),
    ("caption", re.compile(r"Pictured(?: (?:above|below|left|right|here|inset|top|bottom))?\s*:")),
    ("caption", re.compile(r"Pictured (?:is|are|was|were) ")),  # "… country. Pictured is the …"
    ("caption", re.compile(
        r"^(?:Pictured\b"
        r"|(?:Image caption|Caption)\s*[:,]|(?:Main image|Above|Below|Top|Inset|File photo|FILE PHOTO)\s*:)"
        # Upper-case agency datelines: "KYIV, UKRAINE- MARCH 21:", "DNIPRO, UKRAINE - MARCH 21, 2022:"
        r"|^[A-Z][A-Z.'’ -]+,\s*[A-Z][A-Z.'’ -]+?\s*[-–—]\s*"
        + _UPPER_MONTHS
        + r"\s+\d{1,2}\b(?:,\s*\d{4})?\s*:")),
)

#: Rules that mark a line only when a neighbouring line (blank lines skipped) has the same
#: reason: "Something went wrong." is a widget after "Oops!", but could be a sentence alone.
NEIGHBOUR_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("error_widget", re.compile(
        r"^(?:something went wrong|please try again(?: later)?|try again|reload(?: the page)?|retry"
        r"|refresh the page)[.!]?$", _I)),
)

#: In a line without end punctuation, these make it a caption (photo captions carry full dates).
UNPUNCTUATED_CAPTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("caption", re.compile(r"\b(?:on|in|taken on|dated)\s+" + _MONTHS + r"\s+(?:\d{1,2},?\s+)?\d{4}\b")),
)

#: Trailing credits removed before lines are compared, so "…for MI6Credit: Getty" repeats "…for MI6".
_CREDIT_TAIL = re.compile(
    r"(?<!\s)\s*(?:Credit:.*|\((?:Photo|Image|Picture|Pic)\b[^)]*\)|\(" + _AGENCIES + r"[^)]*\))\s*$"
)
_BULLETS = "•·▪●◦‣∙*"
_BULLET = re.compile(rf"^[{_BULLETS}]\s*")
_STANDFIRST = re.compile(r"^[-–—]\s")  # "- Whistleblower said …": a summary with claims, not furniture
_END_MARKS = ".!?…:;"
_CLOSERS = "\"'”’)]"
_CLOSING_QUOTES = "\"”’"
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_NON_WORD = re.compile(r"[^\w']+")
_CAPTION_REASONS = frozenset({"caption", "photo_credit"})
#: Shared run of words that makes an unpunctuated line a caption echoing another line.
ECHO_WORDS = 8
# Above this many characters scanned (shingles × text length), echoes are found with a set instead.
_SUBSTRING_BUDGET = 20_000_000
#: Fewest words for a line repeated at a distance (not next to its twin) to count as repeated.
MIN_REPEAT_WORDS = 3


@dataclass
class _Line:
    start: int
    end: int
    body: str  # content with a leading bullet removed
    prev: int  # index of the previous non-blank line, -1 if none
    next: int  # index of the next non-blank line, -1 if none
    adjacent_prev: bool  # the previous non-blank line is directly above (no blank line between)
    punctuated: bool  # ends as a sentence does
    reason: str | None = None
    _key: str | None = None

    @property
    def key(self) -> str:
        """The line normalised for comparison: credit tail removed, spaces and quotes folded."""
        if self._key is None:
            self._key = _normalise(_without_credit(self.body))
        return self._key


def _without_credit(body: str) -> str:
    """``body`` without its trailing credit, searched for only where one can start.

    A credit starts at the first "Credit:" or inside the last brackets, so the search starts
    there and stays linear on a long line of brackets or spaces.
    """
    start = body.find("Credit:")
    if body.endswith(")"):
        opened = body.rfind(")", 0, len(body) - 1) + 1  # a bracketed credit holds no ")"
        start = opened if start < 0 else min(start, opened)
    if start < 0:
        return body
    while start > 0 and body[start - 1].isspace():
        start -= 1
    match = _CREDIT_TAIL.search(body, start)
    return (body[: match.start()] if match else body) or body


def _ends_sentence(body: str) -> bool:
    """True when the line ends as a sentence does (``.``, ``!``, ``?``, ``:``, a closing quote)."""
    if body[-1] in _CLOSING_QUOTES:
        return True
    body = body.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _END_MARKS


def _normalise(text: str) -> str:
    for curly, straight in _FOLDS:
        if curly in text:
            text = text.replace(curly, straight)
    return " ".join(text.split()).casefold()


_FOLDS = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    adjacent = False
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        raw = text[position:stop]
        stripped = raw.strip()
        body = _BULLET.sub("", stripped) if stripped[:1] in _BULLETS else stripped
        if body:  # a line holding only a bullet counts as blank
            start = position + raw.find(stripped[0])
            end = start + len(stripped)
            if lines:
                lines[-1].next = len(lines)
            lines.append(
                _Line(start, end, body, len(lines) - 1, -1, adjacent and bool(lines), _ends_sentence(body))
            )
            adjacent = True
        else:
            adjacent = False
        if newline < 0:
            break
        position = newline + 1
    return lines


def _captionable(line: _Line, lines: list[_Line]) -> bool:
    """An unpunctuated, unmarked line that is not a standfirst bullet or a wrapped sentence."""
    if line.reason is not None or line.punctuated or _STANDFIRST.match(line.body):
        return False
    following = lines[line.next] if line.next >= 0 else None
    return not (following is not None and following.body[:1].islower())


def find_boilerplate(text: str, *, title: str | None = None) -> list[Boilerplate]:
    """Spans of ``text`` that are page furniture, one per line, sorted, with the rule's reason.

    A line that repeats the title, or another line, is boilerplate too (the first of two
    repeated sentences is kept, unless the repeats are captions).

    >>> text = "Oops!\\nSomething went wrong.\\nThe mayor said 264 civilians died."
    >>> [b.reason for b in find_boilerplate(text)]
    ['error_widget', 'error_widget']
    """
    lines = _lines(text)
    if not lines:
        return []
    for line in lines:
        for reason, pattern in LINE_RULES:
            if pattern.search(line.body):
                line.reason = reason
                break
    _mark_neighbour_rules(lines)
    _mark_repeats(lines, title)
    _mark_unpunctuated_captions(lines)
    return [Boilerplate(line.start, line.end, line.reason) for line in lines if line.reason is not None]


def _mark_neighbour_rules(lines: list[_Line]) -> None:
    pending: dict[int, str] = {}
    for index, line in enumerate(lines):
        if line.reason is None:
            for reason, pattern in NEIGHBOUR_RULES:
                if pattern.search(line.body):
                    pending[index] = reason
                    break
    if not pending:
        return
    # A widget's lines chain ("Oops!" / "Something went wrong." / "Please try again later."):
    # one sweep down and one up reach every line joined to a marked one.
    order = sorted(pending)
    for index in order + order[::-1]:
        line = lines[index]
        if line.reason is None and pending[index] in _neighbour_reasons(lines, line):
            line.reason = pending[index]


def _neighbour_reasons(lines: list[_Line], line: _Line) -> tuple[str | None, str | None]:
    return (
        lines[line.prev].reason if line.prev >= 0 else None,
        lines[line.next].reason if line.next >= 0 else None,
    )


def _mark_repeats(lines: list[_Line], title: str | None) -> None:
    """Headline echoes, duplicated captions and repeated lines."""
    if title is not None and (title_key := _normalise(title)):
        for line in lines:
            if line.reason is None and line.key == title_key:
                line.reason = "headline"
    groups: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        groups.setdefault(line.key, []).append(index)
    for line in lines:  # a truncated copy directly above its full caption
        following = lines[line.next] if line.next >= 0 else None
        if (
            following is not None and following.adjacent_prev and _captionable(line, lines)
            and len(line.key.split()) >= MIN_REPEAT_WORDS
            and following.key.startswith(line.key) and following.key != line.key
            and not following.punctuated
        ):
            line.reason = "caption"
            if following.reason is None:
                following.reason = "caption"
    for key, members in groups.items():
        if len(members) < 2 or not key:
            continue
        consecutive = all(
            lines[b].prev == a and lines[b].adjacent_prev for a, b in zip(members, members[1:])
        )
        if not consecutive and len(key.split()) < MIN_REPEAT_WORDS:
            continue
        captions = any(lines[i].reason in _CAPTION_REASONS for i in members) or all(
            not lines[i].punctuated for i in members
        )
        kept = False
        for i in members:
            line = lines[i]
            if line.reason is not None:
                continue
            if captions and not line.punctuated:
                line.reason = "caption"
            elif kept:
                line.reason = "repeated_line"
            else:
                kept = True


def _mark_unpunctuated_captions(lines: list[_Line]) -> None:
    """Dated captions, captions echoing a sentence of the article, and the rest of a caption block."""
    candidates = [i for i, line in enumerate(lines) if _captionable(line, lines)]
    if not candidates:
        return
    for i in candidates:
        for reason, pattern in UNPUNCTUATED_CAPTION_RULES:
            if pattern.search(lines[i].body):
                lines[i].reason = reason
                break
    echo = [i for i in candidates if lines[i].reason is None and lines[i].body.count(" ") >= ECHO_WORDS - 1]
    if echo:
        _mark_echoes(lines, echo)
    # A caption block: unpunctuated lines directly next to a caption; a sweep down then one up.
    for i in candidates + candidates[::-1]:
        line = lines[i]
        if line.reason is not None or len(_WORD.findall(line.body)) < 3:
            continue
        before = lines[line.prev] if line.prev >= 0 and line.adjacent_prev else None
        after = lines[line.next] if line.next >= 0 and lines[line.next].adjacent_prev else None
        if (before is not None and before.reason in _CAPTION_REASONS) or (
            after is not None and after.reason in _CAPTION_REASONS
        ):
            line.reason = "caption"


def _mark_echoes(lines: list[_Line], echo: list[int]) -> None:
    """Unpunctuated lines sharing ``ECHO_WORDS`` words in a row with a sentence of the article."""
    sentences = [
        _NON_WORD.sub(" ", line.key).strip() for line in lines if line.punctuated and line.reason is None
    ]
    shingles = {i: _shingles(_NON_WORD.sub(" ", lines[i].key).split()) for i in echo}
    corpus = " " + " \n ".join(sentences) + " "
    if sum(map(len, shingles.values())) * len(corpus) > _SUBSTRING_BUDGET:  # long text: index it once
        seen: set[str] = set()
        for sentence in sentences:
            seen.update(_shingles(sentence.split()))
        hit = seen.__contains__
    else:
        def hit(shingle: str) -> bool:
            return f" {shingle} " in corpus
    for i, own in shingles.items():
        if any(hit(shingle) for shingle in own):
            lines[i].reason = "caption"


def _shingles(words: list[str]) -> list[str]:
    return [" ".join(words[j : j + ECHO_WORDS]) for j in range(len(words) - ECHO_WORDS + 1)]

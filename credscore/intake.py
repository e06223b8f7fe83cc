"""Turn user input (a string, a file, a byte stream) into an :class:`Article`.

Plain text is kept exactly as given, so every offset credscore reports indexes the caller's
string. HTML is reduced to its main text with trafilatura (comments dropped, one paragraph per
line) and every offset then indexes that extracted text, which is :attr:`Article.text`.

>>> article_from_text("The council said the bridge will cost £40m.").format
'text'
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from credscore.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Set

logger = logging.getLogger("credscore")

Format = Literal["text", "html"]
FormatOption = Literal["auto", "text", "html"]

#: Largest plain-text article accepted, in bytes (files, streams) or characters (strings).
MAX_BYTES = 5_000_000
#: Largest HTML page accepted, in bytes or characters: markup, scripts and styles count too.
MAX_HTML_BYTES = 10_000_000
#: How much of the input the binary sniffing looks at.
SNIFF_BYTES = 65_536
#: Share of control bytes (other than tab, newline, carriage return, form feed) that means binary.
MAX_CONTROL_SHARE = 0.05
#: How much of the text :func:`looks_english` reads; enough words to decide, cheap on long text.
LANGUAGE_SAMPLE_CHARS = 20_000
#: Fewest letter tokens needed before :func:`looks_english` will say "not English".
LANGUAGE_MIN_TOKENS = 20
#: Below this share of English function words, text is not taken for English.
ENGLISH_STOPWORD_SHARE = 0.22
REFUSE_STOPWORD_SHARE = 0.10  # English prose runs about 0.5, German news 0.04
LANGUAGE_WARNING = "text does not look like English; credscore's lexicons and model are English-only"

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})

# (magic prefix, what it is); checked in order, so longer prefixes come first where they overlap.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt/.epub file, which are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh91AY&SY", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = codecs.BOM_UTF8
# Control bytes that do not occur in text (tab, LF, VT, FF, CR and ESC are let through).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"

_HTML_START = re.compile(
    # Leading comments: one lazy group spans any run of them ("<!--a--> <!--b-->" is "<!--"
    # "a--> <!--b" "-->"), so the pattern stays linear where a repeated group would backtrack.
    r"\A(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)?"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|base|article|main|section|header|nav|"
    r"div|p|span|h[1-6]|ul|ol|table|figure|blockquote)\b[^<>]*>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|br|li|ul|ol|h[1-6]|article|section|main|header|footer|"
    r"nav|aside|figure|figcaption|td|tr|table|img|strong|em|b|i|script|style|meta|link)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_HTML_CLOSING = re.compile(r"</[a-zA-Z][a-zA-Z0-9]*\s*>")
_HTML_SNIFF_CHARS = 100_000
_MIN_HTML_TAGS = 10
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)

_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair, left alone in a str
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")


@dataclass(frozen=True)
class Article:
    """One article to score: ``text`` is the string every reported offset indexes.

    >>> Article("Officials said 20 diplomats defected.", id="a1").id
    'a1'
    """

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    format: Format = "text"
    warnings: tuple[str, ...] = ()


def generated_id(text: str) -> str:
    """A stable id for an input given without one: the same text always gets the same id, so claim rows join it."""
    import hashlib

    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _register_c1_handler() -> str:
    """An error handler that maps the five bytes Windows-1252 leaves undefined to U+0080–U+009F.

    That is what browsers do (WHATWG "windows-1252"), so a cp1252 fallback never fails.
    """
    name = "credscore.c1controls"

    def handler(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):
            raise error
        return error.object[error.start : error.end].decode("latin-1"), error.end

    codecs.register_error(name, handler)
    return name


_C1_HANDLER = _register_c1_handler()


def _binary_kind(data: bytes) -> str | None:
    """Say why ``data`` looks binary (``None`` when it looks like text)."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data[:12].startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP/WAV/AVI)"
    if b"\x00" in data:
        return "binary data (it contains NUL bytes)"
    sample = data[:SNIFF_BYTES]
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls / len(sample) > MAX_CONTROL_SHARE:
            return f"binary data ({controls / len(sample):.0%} of its first bytes are control characters)"
    return None


def decode_bytes(data: bytes, *, name: str) -> tuple[str, list[str]]:
    """Decode raw input: UTF-8 (BOM stripped), else Windows-1252 with a warning.

    Binary content (known file signatures, NUL bytes, many control bytes) raises
    :class:`~credscore.errors.InputError` naming the input.

    >>> decode_bytes(b"\\x93quoted\\x94", name="a.txt")[0]
    '“quoted”'
    """
    warnings: list[str] = []
    for bom in _UTF32_BOMS:
        if data.startswith(bom):
            return _decode_or_fail(data, "utf-32", name), warnings
    for bom in _UTF16_BOMS:
        if data.startswith(bom):
            return _decode_or_fail(data, "utf-16", name), warnings
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(
            name,
            f"looks binary, not text: it appears to be {kind}",
            "pass the article as UTF-8 text or HTML; convert PDFs and office files to text first",
        )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as error:
        bad_at = error.start
    text = data.decode("cp1252", errors=_C1_HANDLER)
    message = f"{name}: not valid UTF-8 (first bad byte at offset {bad_at}); decoded as Windows-1252"
    logger.debug(message)
    warnings.append(message)
    return text, warnings


def _decode_or_fail(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            name,
            f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
            f"(bad bytes at offset {error.start})",
            "re-save the file as UTF-8",
        ) from None


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML page or fragment rather than prose with a stray ``<``.

    >>> looks_like_html("<html><body><p>Hi</p></body></html>"), looks_like_html("if a < b then")
    (True, False)
    """
    if _HTML_START.match(text[:4096]):
        return True
    sample = text[:_HTML_SNIFF_CHARS]
    if "<" not in sample:
        return False
    tags = sum(1 for _ in _HTML_TAG.finditer(sample))
    if tags < _MIN_HTML_TAGS or tags * 2000 < len(sample):
        return False
    return len(_HTML_CLOSING.findall(sample)) >= 3


def _check_size(size: int, limit: int, name: str, unit: str) -> None:
    if size > limit:
        raise InputError(
            name,
            f"is {size:,} {unit}; the limit is {limit:,} {unit} ({limit / 1e6:g} MB) per article",
            "split it into one input per article, or pass only the article's body text",
        )


def _check_not_blank(text: str, name: str) -> None:
    if not text:
        raise InputError(name, "is empty", "pass the article's body text")
    if text.isspace():
        raise InputError(name, "contains only whitespace", "pass the article's body text")


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    format: FormatOption = "auto",
    name: str = "<text>",
) -> Article:
    """Make an :class:`Article` from a string: plain text as given, HTML reduced to its main text.

    >>> article_from_text("<html><body><p>The mayor said 264 civilians died.</p></body></html>").text
    'The mayor said 264 civilians died.'
    """
    return _article(
        text, id=id, title=title, url=url, outlet=outlet, published=published, format=format, name=name
    )


def _article(
    text: str,
    *,
    id: str | None,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: str | None,
    format: FormatOption,
    name: str,
    warnings: tuple[str, ...] = (),
) -> Article:
    if not isinstance(text, str):
        raise InputError(
            name, f"is a {type(text).__name__}, not a str", "decode bytes first, e.g. with decode_bytes()"
        )
    if format not in ("auto", "text", "html"):
        raise InputError(name, f"has format {format!r}; allowed: 'auto', 'text', 'html'")
    if (surrogate := _SURROGATE.search(text)) is not None:
        text, warning = _replace_surrogates(text, surrogate.start(), name)
        warnings = (*warnings, warning)
    is_html = format == "html" or (format == "auto" and looks_like_html(text))
    _check_size(len(text), MAX_HTML_BYTES if is_html else MAX_BYTES, name, "characters")
    _check_not_blank(text, name)
    if not is_html:
        return Article(
            text, id=id, title=title, url=url, outlet=outlet, published=published, format="text",
            warnings=warnings,
        )
    body, meta = _extract_html(text, url=url, name=name)
    _check_size(len(body), MAX_BYTES, name, "characters of extracted text")
    return Article(
        body,
        id=id,
        title=title or meta.get("title"),
        url=url or meta.get("url"),
        outlet=outlet or meta.get("sitename"),
        published=published or meta.get("date"),
        format="html",
        warnings=warnings,
    )


def _replace_surrogates(text: str, first: int, name: str) -> tuple[str, str]:
    """``text`` with lone surrogates (not text: no encoding can write them) replaced by U+FFFD.

    One code point for one, so offsets still index the caller's string; the warning says where.
    """
    text, count = _SURROGATE.subn("\ufffd", text)
    message = (
        f"{name}: {count:,} lone surrogate code point(s) (first at offset {first}), which are "
        "not Unicode text; replaced with U+FFFD"
    )
    logger.debug(message)
    return text, message


def _extract_html(html: str, *, url: str | None, name: str) -> tuple[str, dict[str, str]]:
    """Main text (one paragraph per line) and metadata of an HTML page, with trafilatura."""
    import trafilatura  # imported here: it is slow to import and plain text does not need it

    def run(markup: str) -> tuple[str, dict[str, str]]:
        try:
            document = trafilatura.bare_extraction(
                markup, url=url, include_comments=False, include_tables=True, with_metadata=True
            )
        except Exception as error:  # trafilatura/lxml raise many types on malformed markup
            problem = f"could not be parsed as HTML ({type(error).__name__}: {error})"
            raise InputError(name, problem) from error
        if document is None:
            return "", {}
        fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
        meta = {k: str(v).strip() for k in ("title", "url", "sitename", "date") if (v := fields.get(k))}
        return fields.get("text") or "", meta

    body, meta = run(html)
    if not body.strip() and not re.search(r"<(?:html|body)\b", html[:_HTML_SNIFF_CHARS], re.IGNORECASE):
        body, meta = run(f"<html><body>{html}</body></html>")  # trafilatura skips bare fragments
    lines = (line.strip() for line in body.splitlines())
    body = "\n".join(line for line in lines if line)
    if not body:
        raise InputError(
            name,
            "is HTML but no main article text could be extracted from it",
            "check that the page holds the article itself, not a consent wall or an index page; "
            "or pass the article's body as plain text",
        )
    if "title" not in meta and (match := _TITLE_TAG.search(html[:_HTML_SNIFF_CHARS])):
        from html import unescape

        page_title = " ".join(unescape(match.group(1)).split())
        if page_title:
            meta["title"] = page_title
    return body, meta


def _format_for(path: Path, format: FormatOption) -> FormatOption:
    if format == "auto" and path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    return format


def _byte_limit(path: Path, format: FormatOption) -> int:
    """The size limit before reading: an HTML page may be larger than its text."""
    if format == "text" or (format == "auto" and path.suffix.lower() in TEXT_SUFFIXES):
        return MAX_BYTES
    return MAX_HTML_BYTES


def read_path(path: str | os.PathLike[str], *, format: FormatOption = "auto") -> Article:
    """Read one article from a file (.txt, .html or any text); ``id`` is the file's stem.

    The size is checked with ``os.stat`` before anything is read.

    >>> read_path("tests/data/article.html").outlet  # doctest: +SKIP
    'The Coastal Gazette'
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        name = os.fsdecode(name)
    file = Path(name)
    try:
        info = os.stat(file)
    except FileNotFoundError:
        hint = f"check the path (the current directory is {os.getcwd()})"
        raise InputError(name, "does not exist", hint) from None
    except PermissionError:
        raise InputError(name, "cannot be read: permission denied", "check the file's permissions") from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _directory_error(name)
    limit = _byte_limit(file, format)
    format = _format_for(file, format)
    if stat.S_ISREG(info.st_mode):
        _check_size(info.st_size, limit, name, "bytes")
    try:
        with open(file, "rb") as handle:
            data = handle.read(limit + 1)  # a pipe or a growing file is capped, never read whole
    except PermissionError:
        raise InputError(name, "cannot be read: permission denied", "check the file's permissions") from None
    except IsADirectoryError:
        raise _directory_error(name) from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise _too_large(name, limit)
    return _from_bytes(data, name=name, id=file.stem or None, format=format)


def _too_large(name: str, limit: int) -> InputError:
    return InputError(
        name,
        f"is more than {limit:,} bytes; the limit is {limit:,} bytes ({limit / 1e6:g} MB) per article",
        "split it into one input per article, or pass only the article's body text",
    )


def _directory_error(name: str) -> InputError:
    return InputError(name, "is a directory, not a file", f"pass the files inside it, e.g. {name}/*.txt")


def read_stream(stream: BinaryIO, *, name: str = "<stdin>", format: FormatOption = "auto") -> Article:
    """Read one article from a binary stream (``sys.stdin.buffer``), at most the size limit.

    >>> import io
    >>> read_stream(io.BytesIO(b"Police said two men were arrested.")).text
    'Police said two men were arrested.'
    """
    limit = MAX_BYTES if format == "text" else MAX_HTML_BYTES
    try:
        data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise _too_large(name, limit)
    if isinstance(data, str):  # a text-mode stream (sys.stdin rather than sys.stdin.buffer)
        return _article(
            data, id=None, title=None, url=None, outlet=None, published=None, format=format, name=name
        )
    return _from_bytes(data, name=name, id=None, format=format)


def _from_bytes(data: bytes, *, name: str, id: str | None, format: FormatOption) -> Article:
    if not data:
        raise InputError(name, "is empty", "pass the article's body text")
    text, warnings = decode_bytes(data, name=name)
    return _article(
        text, id=id, title=None, url=None, outlet=None, published=None, format=format, name=name,
        warnings=tuple(warnings),
    )


_stop_words: Set[str] | None = None


def _english_stop_words() -> Set[str]:
    global _stop_words
    if _stop_words is None:
        from spacy.lang.en.stop_words import STOP_WORDS  # lazy: importing spaCy takes a second

        _stop_words = frozenset(STOP_WORDS)
    return _stop_words


def looks_english(text: str) -> bool:
    """Cheap guess whether ``text`` is English, from the share of English function words.

    Texts too short to judge count as English; mostly non-Latin letters never do.

    >>> looks_english("The minister said that the army had not been told about the plan.")
    True
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    tokens = _WORD.findall(sample.lower())
    if not tokens:
        return True
    letters = sum(map(len, tokens))
    latin = sum(map(len, _LATIN_LETTERS.findall(sample)))
    if latin * 2 < letters:
        return False
    if len(tokens) < LANGUAGE_MIN_TOKENS:
        return True
    stop_words = _english_stop_words()
    hits = sum(1 for token in tokens if token in stop_words)
    return hits >= ENGLISH_STOPWORD_SHARE * len(tokens)


def clearly_not_english(text: str) -> bool:
    """Whether ``text`` is surely not English: mostly non-Latin letters, or enough words with
    almost no English function words among them. Doubtful text (a terse English list, a
    headline) is not refused, only warned about (:func:`language_warning`)."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    tokens = _WORD.findall(sample.lower())
    if not tokens:
        return False
    letters = sum(map(len, tokens))
    if sum(map(len, _LATIN_LETTERS.findall(sample))) * 2 < letters:
        return True
    if len(tokens) < 2 * LANGUAGE_MIN_TOKENS:
        return False
    hits = sum(1 for token in tokens if token in _english_stop_words())
    return hits < REFUSE_STOPWORD_SHARE * len(tokens)


def language_warning(text: str) -> str | None:
    """The non-English warning for ``text``, or ``None`` when it looks English.

    >>> language_warning("The minister said the army was not told.") is None
    True
    """
    return None if looks_english(text) else LANGUAGE_WARNING

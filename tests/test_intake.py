"""Intake: files, streams and strings become Articles, or fail with an InputError that says why."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from conftest import GERMAN, RUSSIAN

from credscore.errors import InputError
from credscore.intake import (
    LANGUAGE_WARNING,
    MAX_BYTES,
    Article,
    article_from_text,
    decode_bytes,
    language_warning,
    looks_english,
    looks_like_html,
    read_path,
    read_stream,
)

DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

ENGLISH = (
    "The council said on Monday that repairs to the harbour bridge would cost at least £40m and take "
    "three years. A spokesperson for the Department for Transport said it would consider any request "
    "for funding in the usual way and declined to comment further."
)


def seed_text(name: str) -> str:
    """The text of the seed article whose file name starts with ``name``; skips when absent."""
    matches = sorted(SEEDS.glob(f"{name}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed article {name} not found in {SEEDS} (the seeds live in shared/seeds beside the repo)")
    return matches[0].read_text(encoding="utf-8")


# --- decoding ---------------------------------------------------------------------------------


def test_utf8_with_bom_is_decoded_without_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Officials said the “hostage” rule was new.".encode())
    article = read_path(path)
    assert article.text == "Officials said the “hostage” rule was new."
    assert article.warnings == ()
    assert article.id == "bom"
    assert article.format == "text"


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    text, warnings = decode_bytes(b"\x93quoted\x94 text", name="quote.txt")
    assert text == "“quoted” text"
    assert warnings == ["quote.txt: not valid UTF-8 (first bad byte at offset 0); decoded as Windows-1252"]


def test_cp1252_fixture_file_decodes_and_warns() -> None:
    path = DATA / "cp1252.txt"
    article = read_path(path)
    assert "council’s report" in article.text and "€40m – more than “expected”" in article.text
    assert len(article.warnings) == 1
    assert str(path) in article.warnings[0] and "offset 11" in article.warnings[0]


def test_bytes_undefined_in_cp1252_do_not_crash() -> None:
    text, warnings = decode_bytes(b"caf\xe9 \x81 \x9d", name="x")
    assert text == "café \x81 \x9d" and warnings


def test_utf16_with_bom_is_text_not_binary() -> None:
    text, warnings = decode_bytes("The mayor spoke.".encode("utf-16"), name="u16.txt")
    assert text == "The mayor spoke." and warnings == []


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"The mayor\x00 said\x00\x00 nothing", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (bytes(range(1, 9)) * 200, "control characters"),
    ],
)
def test_binary_file_is_refused_naming_the_path(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "upload.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_path(path)
    message = str(caught.value)
    assert str(path) in message and "binary" in message and kind in message
    assert caught.value.input_name == str(path)


# --- empty, missing, too large ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [("", "is empty"), ("  \n\t \r\n", "contains only whitespace")])
def test_empty_or_blank_text_is_refused(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        article_from_text(text, name="record-7")
    with pytest.raises(ValueError, match="record-7"):  # InputError is a ValueError too
        article_from_text(text, name="record-7")


@pytest.mark.parametrize(("content", "problem"), [(b"", "is empty"), (b" \n\n ", "contains only whitespace")])
def test_empty_or_blank_file_is_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as caught:
        read_path(path)
    assert str(path) in str(caught.value)


def test_missing_path_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "article.txt"
    with pytest.raises(InputError, match="does not exist") as caught:
        read_path(path)
    assert str(path) in str(caught.value)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory") as caught:
        read_path(tmp_path)
    assert str(tmp_path) in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("The mayor said.")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_path(path)
    finally:
        path.chmod(0o644)


def test_20mb_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import credscore.intake as intake

    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"The mayor said the bridge would close. " * 512_821)  # ~20 MB of text
    size = path.stat().st_size
    assert size > 20_000_000

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened: the size check must come first")

    monkeypatch.setattr(intake, "open", no_reading, raising=False)
    with pytest.raises(InputError) as caught:
        read_path(path)
    message = str(caught.value)
    assert str(path) in message and f"{size:,} bytes" in message and f"{MAX_BYTES:,}" in message
    assert "split" in message  # the fix


def test_huge_html_file_is_refused_by_size_not_content(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as handle:
        handle.truncate(20_000_000)  # sparse NUL bytes: reading it would say "binary" instead
    with pytest.raises(InputError, match="20,000,000 bytes"):
        read_path(path)


def test_oversized_stream_is_refused() -> None:
    stream = io.BytesIO(b"word " * 2_400_000)  # 12 MB
    with pytest.raises(InputError, match="is more than") as caught:
        read_stream(stream)
    assert "<stdin>" in str(caught.value)


def test_oversized_string_is_refused() -> None:
    with pytest.raises(InputError, match="characters"):
        article_from_text("a " * (MAX_BYTES // 2 + 1))


# --- plain text and streams -------------------------------------------------------------------


def test_plain_text_is_returned_exactly_as_given() -> None:
    text = "  Officials said 20 diplomats defected.\r\n\r\nCafe\u0301 owners \u00a0disagreed.  \n"
    article = article_from_text(text, id="a1", title="Defections", url="https://x.example", outlet="X")
    assert article.text is text or article.text == text
    assert (article.id, article.title, article.url, article.outlet) == ("a1", "Defections", "https://x.example", "X")
    assert article.format == "text" and article.warnings == ()


def test_article_is_frozen() -> None:
    article = Article("The mayor said.")
    with pytest.raises(AttributeError):
        article.text = "changed"  # type: ignore[misc]


def test_read_stream_decodes_cp1252_with_warning() -> None:
    article = read_stream(io.BytesIO(b"The \x93hostage\x94 rule, officials said."))
    assert article.text == "The “hostage” rule, officials said."
    assert article.warnings and article.warnings[0].startswith("<stdin>: not valid UTF-8")


def test_read_stream_accepts_a_text_stream() -> None:
    article = read_stream(io.StringIO("The mayor said."), name="<pipe>")  # type: ignore[arg-type]
    assert article.text == "The mayor said."


def test_seed_file_reads_as_text_with_its_stem_as_id() -> None:
    seed_text("000")
    path = sorted(SEEDS.glob("000_*.txt"))[0]
    article = read_path(path)
    assert article.format == "text" and article.id == path.stem
    assert article.text == path.read_text(encoding="utf-8")


# --- HTML -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", True),
        ("\n  <html lang='en'><head><title>T</title></head></html>", True),
        ("<div class='story'><p>One.</p><p>Two.</p></div>", True),
        ("<p>The mayor said 264 civilians died.</p>", True),
        ("Prices rose < 2% while wages > 3%, the <b>report</b> said.", False),
        ("The mayor said x<y. " * 50, False),
        ("Officials said the army had withdrawn.", False),
        ("<!-- a --> <!-- b -->\n<html><body><p>Hi</p></body></html>", True),
        ("<!-- a --> b --> <p>Hi</p>", True),
    ],
)
def test_html_detection(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_html_detection_is_fast_on_many_empty_comments() -> None:
    started = time.perf_counter()
    assert looks_like_html("<!---->" * 30 + "x") is False
    assert time.perf_counter() - started < 1


def test_html_page_gives_main_text_and_metadata() -> None:
    path = DATA / "article.html"
    article = read_path(path)
    assert article.format == "html"
    assert article.id == "article"
    assert article.title == "Harbour bridge repairs to cost £40m, council says"
    assert article.outlet == "The Coastal Gazette"
    assert article.url == "https://gazette.example.org/news/harbour-bridge-repairs"
    assert article.published == "2023-05-14"
    assert "Council leader Maria Okafor told the Gazette:" in article.text
    assert "The council will vote on the repair plan at its meeting on 25 May." in article.text
    for furniture in ("Subscribe today", "Seagull steals chips", "Most read", "Cookie settings", "All rights"):
        assert furniture not in article.text
    paragraphs = article.text.split("\n")
    assert any(p.startswith("A spokesperson for the Department for Transport") for p in paragraphs)


def test_html_string_keeps_given_metadata() -> None:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    article = article_from_text(html, title="My title", outlet="Mine", id="h1")
    assert (article.title, article.outlet, article.id, article.format) == ("My title", "Mine", "h1", "html")
    assert "<p>" not in article.text


def test_html_forced_as_text_is_left_alone() -> None:
    html = "<html><body><p>The mayor said 264 civilians died.</p></body></html>"
    assert article_from_text(html, format="text").text == html


def test_html_without_main_text_is_refused() -> None:
    with pytest.raises(InputError, match="no main article text"):
        article_from_text("<html><body><script>var x = 1;</script></body></html>", name="page.html")


def test_bad_format_option_is_refused() -> None:
    with pytest.raises(InputError, match="allowed"):
        article_from_text("The mayor said.", format="pdf")  # type: ignore[arg-type]


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [GERMAN, RUSSIAN])
def test_non_english_text_gets_the_warning(text: str) -> None:
    assert not looks_english(text)
    assert language_warning(text) == LANGUAGE_WARNING
    assert "English-only" in LANGUAGE_WARNING


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_english_seed_gets_no_language_warning(seed: str) -> None:
    assert language_warning(seed_text(seed)) is None


def test_short_or_english_text_gets_no_language_warning() -> None:
    assert language_warning(ENGLISH) is None
    assert language_warning("Putin: Kremlin") is None  # too short to judge
    assert language_warning("12 345 678") is None


def test_language_check_reads_a_bounded_sample_of_a_long_text() -> None:
    """Its cost does not grow with the article: only the first LANGUAGE_SAMPLE_CHARS are read
    (the speed itself belongs in benchmarks, not in a timed test)."""
    from credscore.intake import LANGUAGE_SAMPLE_CHARS

    english = " ".join([ENGLISH] * 120)  # about 5,000 words
    assert len(english) > LANGUAGE_SAMPLE_CHARS
    assert looks_english(english)
    # German after the sample cannot change the verdict; German inside it does.
    assert looks_english(english[:LANGUAGE_SAMPLE_CHARS] + " " + GERMAN * 50)
    assert not looks_english((GERMAN + " ") * 50 + english)

def test_only_clearly_non_english_text_is_refused() -> None:
    from conftest import GERMAN, RUSSIAN

    from credscore.intake import clearly_not_english

    assert clearly_not_english(GERMAN) and clearly_not_english(RUSSIAN)
    terse = "Chris Matthews praised the governor on MSNBC on Tuesday night.\nMatthews said Pence's numbers rose."
    assert not clearly_not_english(terse)
    assert not clearly_not_english(seed_text("000"))

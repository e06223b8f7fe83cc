"""Boilerplate finder: the seed articles' page furniture is found, their sentences are kept."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from credscore.boilerplate import LINE_RULES, NEIGHBOUR_RULES, find_boilerplate
from credscore.document import Boilerplate

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_NAMES = {
    "000": "000_da75775c52bde07b.txt",
    "001": "001_bf13319319b8e7dc.txt",
    "002": "002_0beb711a72cc2f0f.txt",
    "003": "003_a9c63f8d956603be.txt",
    "004": "004_a63a6832d9c3f116.txt",
}


def seed_text(name: str) -> str:
    """The text of a seed article, by its number ("003"); skips when the seeds are not here."""
    path = SEEDS / SEED_NAMES[name]
    if not path.is_file():
        pytest.skip(f"seed article {path} not found (the seeds live in shared/seeds beside the repo)")
    return path.read_text(encoding="utf-8")


def marked(text: str, title: str | None = None) -> list[tuple[str, str]]:
    """(covered text, reason) for each boilerplate span."""
    return [(text[b.start : b.end], b.reason) for b in find_boilerplate(text, title=title)]


def reasons_by_line(text: str, title: str | None = None) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for covered, reason in marked(text, title):
        found.setdefault(covered, set()).add(reason)
    return found


def starting(found: dict[str, set[str]], prefix: str) -> list[str]:
    return [line for line in found if line.startswith(prefix)]


# (seed, the whole line or else its start, reason) — every one must be reported.
EXPECTED = [
    ("001", "Putin: The Russian president has set up", "caption"),
    ("001", "More than 20 Russian diplomats and spies have defected", "caption"),
    ("001", "Around 110,000 troops have been killed in the Ukraine frontline", "caption"),
    ("002", "By CHRIS JEWERS FOR MAILONLINE-", "byline"),
    ("002", "Pictured: A shopping mall lies in ruins", "caption"),
    ("002", "Vladimir Putin's risk of being deposed by a Russian security-service led coup is growing "
            "every week, a whistleblower has claimed today. Pictured: Vladimir Putin", "caption"),
    ("002", "Vladimir Putin's risk of being deposed by a Russian security-service led coup is growing "
            "every week, a whistleblower has claimed today. Pictured: A woman walks", "caption"),
    ("002", "Destroyed buildings and a military vehicle are seen", "caption"),
    ("002", "Cleanup continues at Retroville Shopping Mall in Kyiv, Ukraine on March 23, 2022.", "caption"),
    ("002", "Vladimir Putin is said to blame the FSB for the failure", "caption"),
    ("002", "Ukrainian President Volodymyr Zelensky said today that four weeks of war", "caption"),
    ("002", "No comments:", "comment_widget"),
    ("002", "Post a Comment", "comment_widget"),
    ("002", "Note: only a member of this blog may post a comment.", "comment_widget"),
    ("003", "Jump directly to the content", "navigation"),
    ("003", "Horrified Russians are signing up to spy for MI6Credit: Getty", "photo_credit"),
    ("003", "MI6 chief Richard MooreCredit: AP", "photo_credit"),
    ("003", "Horrified Russians are signing up to spy for MI6", "caption"),
    ("003", "MI6 chief Richard Moore", "caption"),
    ("003", "2", "gallery_counter"),
    ("003", "Read more on MI6", "read_more"),
    ("003", "Topics", "section_label"),
    ("004", "• Oops!", "error_widget"),
    ("004", "Something went wrong.", "error_widget"),
    ("004", "Please try again later.", "error_widget"),
    ("004", "Watch: Volodymyr Zelensky calls on world to show support for Ukraine", "video_link"),
    ("004", "Watch: Kyiv mayor Vitali Klitschko attacks Putin", "video_link"),
    ("004", "Read more: Kyiv mayor Vitali Klitschko attacks Putin - 'He's sick, he's an unhealthy man'",
     "read_more"),
    ("004", "Russian President Vladimir Putin meets with Governor", "photo_credit"),
    ("004", "DNIPRO, UKRAINE - MARCH 21, 2022: Two men use a metal ladder", "photo_credit"),
    ("004", "KYIV, UKRAINE- MARCH 21:  A view of the aftermath", "photo_credit"),
    ("004", "Russian shelling has damaged homes across the country. Pictured is the aftermath", "photo_credit"),
    ("004", "A view of the aftermath of the Retroville shopping mall following a Russian shelling attack "
            "which killed eight people (Getty)", "photo_credit"),
    ("004", "The UN has estimated 3.5 million people have now fled to safer neighbouring nations, and a "
            "further 6.5 million have been displaced within Ukraine. (Getty)", "photo_credit"),
]

# (seed, a real sentence's start; "\n" around it pins a whole line) — none may be boilerplate.
KEPT = [
    ("000", "It is believed ex-KGB officer Putin personally intervened"),
    ("000", "Close to one million Russian civilians have fled their homeland"),
    ("000", "It comes as troop losses in Ukraine frontline are soaring towards 110,000"),
    ("000", "Bondarev said:"),
    ("001", "Vladimir Putin’s regime is reportedly"),
    ("001", "If family members return to Russia while a diplomat or spy is on an overseas job"),
    ("001", "Colonel Richard Kemp, who has worked in the top UK government intelligence organisation"),
    ("002", "- Whistleblower said Putin's position as Russia's president could be threatened"),
    ("002", "- The war in Ukraine has dragged on for four weeks with limited Russian progress"),
    ("002", "- FSB agents are said to be particularly disillusioned with western sanctions"),
    ("002", "- The agents also have no interest in seeing Russia return to the days of the Soviet Union"),
    ("002", "The official spoke on condition of anonymity under ground rules set by NATO."),
    ("002", "A senior NATO military official said the alliance's estimate"),
    ("002", "The Russian president is said to blame the FSB for the failure"),
    ("002", "Addressing Japan's parliament on Wednesday, Ukrainian President Volodymyr Zelensky said"),
    ("002", "Vladimir Putin's risk of being deposed by a Russian security-service led coup is growing every "
            "week, a whistleblower has claimed."),
    ("002", "'I don't understand why we have such a curse,' she said."),
    ("002", "Peskov would not say if Chubais had left the country."),
    ("003", "RUSSIANS appalled by Putin’s slaughter in Ukraine are signing up to spy for Britain"),
    ("003", "“Our door is always open."),
    ("003", "As revealed by The Sun two weeks ago, security experts said"),
    ("004", "While the number has not been independently verified, a Nato source"),
    ("004", "An anonymous officer from Nato said on Wednesday"),
    # the caption's sentence again, as a line of its own (the caption copy ends "(Getty)")
    ("004", "\nThe UN has estimated 3.5 million people have now fled to safer neighbouring nations, and a "
            "further 6.5 million have been displaced within Ukraine.\n"),
    ("004", "He repeated: “Stop the war."),
    ("004", "Putin 'at growing risk of coup' by own security services, says Russian whistleblower"),
]

# How many lines each seed gives up, so a rule that starts eating sentences shows here.
EXPECTED_COUNTS = {"000": 0, "001": 6, "002": 12, "003": 9, "004": 13}


@pytest.mark.parametrize(("seed", "line", "reason"), EXPECTED, ids=lambda v: str(v)[:40])
def test_seed_boilerplate_line_is_found(seed: str, line: str, reason: str) -> None:
    found = reasons_by_line(seed_text(seed))
    hits = [line] if line in found else starting(found, line)
    assert hits, f"{line!r} not reported in seed {seed}; reported: {sorted(found)}"
    for covered in hits:
        assert reason in found[covered], f"{covered!r} reported as {found[covered]}, expected {reason}"


@pytest.mark.parametrize(("seed", "sentence"), KEPT, ids=lambda v: str(v)[:40])
def test_seed_sentence_is_not_boilerplate(seed: str, sentence: str) -> None:
    text = seed_text(seed)
    assert sentence in text, "the test's sentence must be in the seed"
    start = text.index(sentence) + len(sentence) - len(sentence.lstrip("\n"))
    for span in find_boilerplate(text):
        assert not (span.start <= start < span.end), (
            f"real sentence {sentence!r} marked {span.reason}: {text[span.start:span.end]!r}"
        )


@pytest.mark.parametrize("seed", sorted(SEED_NAMES))
def test_seed_boilerplate_count(seed: str) -> None:
    spans = find_boilerplate(seed_text(seed))
    assert len(spans) == EXPECTED_COUNTS[seed], [seed_text(seed)[b.start : b.end] for b in spans]


@pytest.mark.parametrize("seed", sorted(SEED_NAMES))
def test_seed_spans_slice_to_whole_lines(seed: str) -> None:
    text = seed_text(seed)
    lines = {line.strip() for line in text.split("\n")}
    spans = find_boilerplate(text)
    for span in spans:
        assert isinstance(span, Boilerplate)
        covered = text[span.start : span.end]
        assert covered and covered == covered.strip() and "\n" not in covered
        assert covered in lines, f"{covered!r} is not a whole line"
        line_start = text.rfind("\n", 0, span.start) + 1
        assert text[line_start : span.start].strip() == "", "span must start at the line's content"
    assert spans == sorted(spans, key=lambda b: b.start)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), "spans overlap"


def test_seed_001_repeated_captions_are_both_marked() -> None:
    text = seed_text("001")
    covered = [c for c, _ in marked(text)]
    assert covered.count("More than 20 Russian diplomats and spies have defected") == 2
    assert covered.count("Around 110,000 troops have been killed in the Ukraine frontline") == 2


def test_seed_004_repeated_caption_later_in_article_is_marked() -> None:
    text = seed_text("004")
    kyiv = "KYIV, UKRAINE- MARCH 21:  A view of the aftermath of the Retroville shopping mall"
    assert sum(c.startswith(kyiv) for c, _ in marked(text)) == 2


def test_title_echo_is_headline() -> None:
    text = seed_text("004")
    title = "Putin 'at growing risk of coup' by own security services, says Russian whistleblower"
    found = reasons_by_line(text, title=title)
    assert found[title] == {"headline"}
    assert title not in reasons_by_line(text)


def test_clean_text_has_no_boilerplate() -> None:
    text = (
        "The council said on Monday that repairs would cost £40m.\n"
        "He denied it.\n"
        "Close to one million people have left the city.\n"
        "By March, most of the troops had withdrawn.\n"
        "More than 20 diplomats defected, officials said.\n"
        "Something went wrong.\n"
        "The minister said: “Please try again later, when the office is open.”"
    )
    assert find_boilerplate(text) == []


def test_widget_lines_need_their_neighbours() -> None:
    text = "The mayor spoke.\nOops!\n  Something went wrong.\n  Please try again later.\nShe left."
    assert [r for _, r in marked(text)] == ["error_widget"] * 3
    assert marked("It rained.\n\nSomething went wrong.\n\nThe match was called off.") == []


def test_consecutive_duplicate_sentence_keeps_the_first() -> None:
    line = "The mayor said the bridge would close on Friday."
    text = f"{line}\n{line}\nTraffic will be diverted."
    spans = find_boilerplate(text)
    assert [(b.start, b.end, b.reason) for b in spans] == [(len(line) + 1, 2 * len(line) + 1, "repeated_line")]


def test_consecutive_duplicate_with_caption_marker_marks_both() -> None:
    text = "Flooded streets in York (Getty)\nFlooded streets in York (Getty)\nThe river rose 5m overnight."
    assert [r for _, r in marked(text)] == ["photo_credit", "photo_credit"]


def test_repeated_sentence_later_in_article_keeps_the_first() -> None:
    quote = "“We will rebuild every home,” the mayor said."
    text = f"{quote}\nThe storm hit on Monday.\n{quote}"
    spans = find_boilerplate(text)
    assert [(b.start, b.reason) for b in spans] == [(text.rindex(quote), "repeated_line")]


def test_wrapped_sentence_and_standfirst_are_not_captions() -> None:
    text = (
        "- Officials said the bridge will close on Friday\n"
        "Troop losses are soaring towards 110,000\n"
        "and increasingly the army relies on mercenaries.\n"
        "Flooded streets in York on March 3, 2020 (Getty)\n"
    )
    assert marked(text) == [("Flooded streets in York on March 3, 2020 (Getty)", "photo_credit")]


def test_crlf_lines_span_content_only() -> None:
    text = "Jump directly to the content\r\nThe mayor said 264 civilians died.\r\n  Topics  \r\n"
    spans = find_boilerplate(text)
    assert [text[b.start : b.end] for b in spans] == ["Jump directly to the content", "Topics"]


def test_empty_and_blank_text_give_no_spans() -> None:
    assert find_boilerplate("") == []
    assert find_boilerplate("\n \n\t\n") == []


def test_rules_are_data() -> None:
    for rules in (LINE_RULES, NEIGHBOUR_RULES):
        for reason, pattern in rules:
            assert isinstance(reason, str) and re.fullmatch(r"[a-z_]+", reason)
            assert isinstance(pattern, re.Pattern)


@pytest.mark.parametrize(
    "line",
    [
        "By CHRIS JEWERS FOR MAILONLINE-",
        "By JOHN SMITH AND Jane Doe",
        "By J  AND Kim Lee",
        "By JOHN SMITH IN LONDON |",
        "By ANNA LEE & Tom Ray,",
        "By J AND D",
    ],
)
def test_capitalised_bylines_are_bylines(line: str) -> None:
    assert marked(line) == [(line, "byline")]


@pytest.mark.parametrize("line", ["By J AND Kim", "By JOHN SMITH AND jane"])
def test_near_bylines_are_kept(line: str) -> None:
    assert marked(line) == []


@pytest.mark.parametrize(
    "line",
    ["By A" + " AND A" * 30 + "!", "By A" + " " * 200 + "!", "x" + " " * 20_000 + "b)", "(Photo" * 5_000 + ")"],
)
def test_near_miss_lines_are_scanned_fast(line: str) -> None:
    started = time.perf_counter()
    find_boilerplate(line)
    assert time.perf_counter() - started < 1

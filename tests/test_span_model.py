"""The shipped span model on hand-made cases: linked attributions with offsets that slice the text."""

from __future__ import annotations

import pytest

pytest.importorskip("tokenizers", reason="the model extra is not installed")


@pytest.fixture(scope="module")
def heads(shipped_model_dir):
    from credscore.model.heads import ModelHeads

    loaded = ModelHeads(shipped_model_dir)
    if not loaded.has_span_model:
        pytest.skip("the shipped model has no linker head")
    return loaded


def _read(heads, text: str) -> list[dict[str, list[str]]]:
    (found,) = heads.attributions([text])
    for att in found:
        for role in ("cue", "source", "content"):
            for a, b in getattr(att, role):
                assert 0 <= a < b <= len(text) and text[a:b].strip() == text[a:b], (role, a, b)
    return [{role: [text[a:b] for a, b in getattr(att, role)] for role in ("cue", "source", "content")} for att in found]


def _by_cue(found: list[dict[str, list[str]]], cue: str) -> dict[str, list[str]]:
    matches = [f for f in found if any(cue in c for c in f["cue"])]
    assert matches, f"no attribution with cue {cue!r} in {found}"
    return matches[0]


def test_two_attributions_in_one_sentence_keep_their_own_sources(heads):
    text = "The mayor said the bridge was safe, but engineers told reporters it needed urgent repairs."
    found = _read(heads, text)
    said, told = _by_cue(found, "said"), _by_cue(found, "told")
    assert said["source"] == ["The mayor"]
    assert told["source"] == ["engineers"]
    assert any("bridge was safe" in c for c in said["content"])
    assert any("urgent repairs" in c for c in told["content"])


def test_content_that_runs_over_two_sentences_is_one_attribution(heads):
    text = ('"We will not close the hospital. It serves forty thousand people," the health minister, '
            'Ana Ruiz, said on Tuesday.')
    said = _by_cue(_read(heads, text), "said")
    assert any("Ana Ruiz" in s for s in said["source"])
    content = " ".join(said["content"])
    assert "close the hospital" in content and "forty thousand people" in content


@pytest.mark.xfail(strict=True, reason="the step-3,000 span model gives the nested 'told' a cue probability of 0.05 "
                   "(training/EXPERIMENTS.md); the scorer reads it through the rules (tests/test_model_first.py)")
def test_a_nested_attribution_gives_the_inner_source_its_own_cue(heads):
    text = "Johnson said that officials had told him the factory would reopen in March."
    found = _read(heads, text)
    assert _by_cue(found, "said")["source"] == ["Johnson"]
    assert any("officials" in s for s in _by_cue(found, "told")["source"])


def test_a_paragraph_initial_according_to_links_its_source(heads):
    text = "According to the state health department, 42 people were admitted to hospital last week."
    found = _read(heads, text)
    att = _by_cue(found, "According")
    assert any("health department" in s for s in att["source"])
    assert any("42 people" in c for c in att["content"])


def test_an_implicit_source_has_a_cue_and_content_but_no_source(heads):
    text = "It is believed that the minister will resign before the summer."
    found = _read(heads, text)
    assert found, "the agentless cue is found"
    att = found[0]
    assert any("minister will resign" in c for c in att["content"])
    assert not any("minister" in s for s in att["source"])


@pytest.mark.xfail(strict=True, reason="'That was the verdict of …' is no cue the step-3,000 span model finds")
def test_a_quote_whose_speaker_comes_in_the_next_sentence_links_back(heads):
    text = '"There is no money left for the schools." That was the verdict of the council treasurer, Mark Lee, who spoke to the BBC.'
    found = _read(heads, text)
    assert found
    assert any(any("Mark Lee" in s or "treasurer" in s for s in f["source"]) for f in found)

"""The span decoder on hand-made head outputs: windows, words, cues, linked roles, merging."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from credscore.model.spans import LinkHead, SpanAttribution, SpanDecoder, merge_windows, windows, words_of
from credscore.model.tags import ATTRIBUTION_TAGS, LINK_TAGS

TEXT = 'Smith said taxes rose. "They did," Jones added.'


def _words(text: str) -> tuple[list, list]:
    import re

    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    offsets = [(0, 0), *spans, (0, 0)]
    return offsets, words_of([None, *range(len(spans)), None], offsets)


class ScriptedLink(LinkHead):
    """A linker that tags fixed words per cue: what the decoder must turn into spans.

    A script entry is ``(phrase, role)``, or ``(phrase, role, logit)`` for a word the linker is
    unsure of (``O`` has logit 5; the default 10 is sure)."""

    def __init__(self, text: str, offsets: list, script: dict) -> None:
        super().__init__({})
        self.text, self.offsets, self.script = text, offsets, script

    def tokens(self, states):
        return (states, states)

    def __call__(self, states, cue, tokens=None):
        cue_word = self.text[self.offsets[cue[0]][0]:self.offsets[cue[-1]][1]]
        logits = np.zeros((len(self.offsets), len(LINK_TAGS)))
        logits[:, 0] = 5.0
        for phrase, role, *logit in self.script[cue_word]:
            start = self.text.index(phrase)
            first = True
            for k, (a, b) in enumerate(self.offsets):
                if b > a and start <= a and b <= start + len(phrase):
                    logits[k, LINK_TAGS.index(("B-" if first else "I-") + role)] = logit[0] if logit else 10.0
                    first = False
        return logits

    def for_cues(self, states, cues, tokens=None, rows=None):
        rows = range(len(self.offsets)) if rows is None else list(rows)
        return np.stack([self(states, cue, tokens)[rows] for cue in cues])


def _tag_logits(offsets: list, cues: list[str], text: str) -> np.ndarray:
    logits = np.zeros((len(offsets), len(ATTRIBUTION_TAGS)))
    logits[:, 0] = 5.0
    for cue in cues:
        start = text.index(cue)
        for k, (a, b) in enumerate(offsets):
            if b > a and start <= a and b <= start + len(cue):
                logits[k, ATTRIBUTION_TAGS.index("B-CUE" if a == start else "I-CUE")] = 10.0
    return logits


def test_two_attributions_in_two_sentences_each_get_their_own_source_and_content():
    offsets, words = _words(TEXT)
    link = ScriptedLink(TEXT, offsets, {"said": [("Smith", "SOURCE"), ("taxes rose", "CONTENT")],
                                        "added": [("Jones", "SOURCE"), ('"They did,"', "CONTENT")]})
    decoder = SpanDecoder(ATTRIBUTION_TAGS, link)
    found = decoder.decode(TEXT, words, _tag_logits(offsets, ["said", "added"], TEXT), np.zeros((len(offsets), 4)))
    got = [{role: [TEXT[a:b] for a, b in getattr(f, role)] for role in ("cue", "source", "content")} for f in found]
    assert got == [
        {"cue": ["said"], "source": ["Smith"], "content": ["taxes rose"]},
        {"cue": ["added"], "source": ["Jones"], "content": ['"They did,"']},
    ]
    assert all(f.cue_probability > 0.99 for f in found)


def test_a_multiword_cue_is_one_cue_and_content_may_come_before_it():
    text = "The plan failed, according to two officials."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"according to": [("two officials", "SOURCE"), ("The plan failed", "CONTENT")]})
    found = SpanDecoder(ATTRIBUTION_TAGS, link).decode(text, words, _tag_logits(offsets, ["according to"], text),
                                                      np.zeros((len(offsets), 4)))
    assert len(found) == 1
    assert [text[a:b] for a, b in found[0].cue] == ["according to"]
    assert [text[a:b] for a, b in found[0].content] == ["The plan failed"]


def test_no_cue_above_the_threshold_gives_no_attribution():
    offsets, words = _words(TEXT)
    decoder = SpanDecoder(ATTRIBUTION_TAGS, ScriptedLink(TEXT, offsets, {}), cue_threshold=0.5)
    assert decoder.decode(TEXT, words, _tag_logits(offsets, [], TEXT), np.zeros((len(offsets), 4))) == []


def test_wordpieces_of_one_word_are_one_word_and_specials_are_skipped():
    words = words_of([None, 0, 0, 1, None], [(0, 0), (0, 3), (3, 6), (7, 9), (0, 0)])
    assert [(w.first, w.last, w.start, w.end) for w in words] == [(1, 2, 0, 6), (3, 3, 7, 9)]


def test_windows_cover_a_long_text_overlapping_and_cut_at_paragraphs():
    paragraphs = ["word " * 40 + "end." for _ in range(12)]
    text = "\n\n".join(paragraphs)
    import re

    offsets = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    spans = windows(text, offsets, 100)
    assert spans[0][0] == 0 and spans[-1][1] == len(offsets)
    assert all(b - a <= 100 for a, b in spans)
    assert all(nxt[0] < cur[1] for cur, nxt in zip(spans, spans[1:])), "consecutive windows overlap"
    assert all("\n" in text[offsets[b - 1][1]:offsets[b][0]] for _, b in spans[:-1]), "windows end at paragraph breaks"
    assert windows("short text", [(0, 5), (6, 10)], 100) == [(0, 2)]


def test_merging_windows_keeps_one_attribution_per_cue_the_most_central():
    near_edge = SpanAttribution(cue=((95, 99),), content=((80, 94),))
    central = SpanAttribution(cue=((95, 99),), source=((90, 94),), content=((80, 94),))
    other = SpanAttribution(cue=((10, 14),))
    merged = merge_windows([(0, 100, [other, near_edge]), (50, 200, [central])])
    assert merged == [other, central]


def _tiny_linker_net(torch, seed: int):
    """A one-layer network with the linker head, its weights drawn from ``seed``."""
    from transformers import BertConfig, BertModel

    from credscore.model.network import MultiTaskNet

    torch.manual_seed(seed)
    encoder = BertModel(BertConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
                                   vocab_size=100))
    return MultiTaskNet(encoder, link=True).eval()


def test_the_numpy_linker_matches_the_torch_head():
    torch = pytest.importorskip("torch")
    net = _tiny_linker_net(torch, 0)
    states = torch.randn(1, 40, 32)
    cue = torch.zeros(1, 1, 40)
    cue[0, 0, [20, 21]] = 1
    with torch.no_grad():
        expected = net.link_logits(states, cue)[0, 0].numpy()
    got = LinkHead.from_state(net.state_dict())(states[0].numpy(), [20, 21])
    assert np.abs(expected - got).max() < 1e-4


def test_the_linker_reads_every_cue_of_a_window_at_once_as_the_network_reads_each():
    """More cues than one batched step holds, read at a subset of rows (each word's first piece)."""
    torch = pytest.importorskip("torch")
    from credscore.model import spans

    net = _tiny_linker_net(torch, 1)
    states = torch.randn(1, 60, 32)
    cues = [[k] for k in range(1, 58, 5)] + [[30, 31, 32]]
    assert len(cues) > spans._CUES_AT_ONCE
    rows = list(range(0, 60, 3))
    masks = torch.zeros(1, len(cues), 60)
    for c, cue in enumerate(cues):
        masks[0, c, cue] = 1
    with torch.no_grad():
        expected = net.link_logits(states, masks)[0][:, rows].numpy()
    got = LinkHead.from_state(net.state_dict()).for_cues(states[0].numpy(), cues, rows=rows)
    assert got.shape == expected.shape
    assert np.abs(expected - got).max() < 1e-4


@pytest.mark.parametrize("through", ["onnxruntime", "scipy"])
def test_the_linkers_gelu_is_torchs_exact_gelu(through, monkeypatch):
    torch = pytest.importorskip("torch")
    from credscore.model import spans

    if through == "scipy":
        monkeypatch.setattr(spans, "_gelu_session", lambda: None)
    elif spans._gelu_session() is None:
        pytest.skip("onnxruntime is not installed")
    x = np.linspace(-12, 12, 24000, dtype=np.float32).reshape(3, 8000)
    expected = torch.nn.functional.gelu(torch.from_numpy(x)).numpy()
    got = spans._gelu(x)
    assert got.shape == x.shape and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-6


def _weak_cue_logits(offsets: list, text: str, cue: str, p: float) -> np.ndarray:
    """Tag logits where every word of ``cue`` is B-CUE with probability ``p`` (the rest O)."""
    logits = np.full((len(offsets), len(ATTRIBUTION_TAGS)), -20.0)
    logits[:, 0] = 0.0
    start = text.index(cue)
    for k, (a, b) in enumerate(offsets):
        if b > a and start <= a and b <= start + len(cue):
            logits[k, ATTRIBUTION_TAGS.index("B-CUE")] = np.log(p / (1 - p))
    return logits


def test_a_lexicon_cue_word_takes_the_lower_threshold_and_according_takes_its_to():
    text = "According to the health department, 42 people were admitted."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"According to": [("the health department", "SOURCE"),
                                                         (", 42 people were admitted.", "CONTENT")]})
    logits = _weak_cue_logits(offsets, text, "According", 0.4)
    states = np.zeros((len(offsets), 4))
    plain = SpanDecoder(ATTRIBUTION_TAGS, link, cue_threshold=0.5, cue_words=frozenset({"according"}))
    assert plain.decode(text, words, logits, states) == [], "one threshold: a 0.4 cue is not read"
    lexicon = SpanDecoder(ATTRIBUTION_TAGS, link, cue_threshold=0.5, cue_words=frozenset({"according"}),
                          lexicon_threshold=0.3)
    (found,) = lexicon.decode(text, words, logits, states)
    got = {role: [text[a:b] for a, b in getattr(found, role)] for role in ("cue", "source", "content")}
    assert got == {"cue": ["According to"], "source": ["the health department"],
                   "content": ["42 people were admitted"]}, "the comma and full stop are not content"
    unknown = SpanDecoder(ATTRIBUTION_TAGS, link, cue_threshold=0.5, cue_words=frozenset({"said"}), lexicon_threshold=0.3)
    assert unknown.decode(text, words, logits, states) == [], "the lower threshold is only for lexicon words"


def test_a_source_cut_by_a_relative_clause_is_joined_and_the_nearest_source_can_be_chosen():
    text = "Colonel Kemp, who led the unit, said the plan failed."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"said": [("Colonel Kemp", "SOURCE"), ("led the unit", "SOURCE"),
                                                 ("the plan failed", "CONTENT")]})
    logits, states = _tag_logits(offsets, ["said"], text), np.zeros((len(offsets), 4))
    joined = SpanDecoder(ATTRIBUTION_TAGS, link, source_gap=2).decode(text, words, logits, states)
    assert [text[a:b] for a, b in joined[0].source] == ["Colonel Kemp, who led the unit"]
    nearest = SpanDecoder(ATTRIBUTION_TAGS, link, source_gap=0, nearest_source=True).decode(text, words, logits, states)
    assert [text[a:b] for a, b in nearest[0].source] == ["led the unit"]


def _decoded(decoder: SpanDecoder, text: str, offsets: list, words: list, cues: list[str]) -> list[dict[str, list[str]]]:
    found = decoder.decode(text, words, _tag_logits(offsets, cues, text), np.zeros((len(offsets), 4)))
    return [{role: [text[a:b] for a, b in getattr(f, role)] for role in ("cue", "source", "content")} for f in found]


def test_content_segments_take_the_best_run_on_each_side_of_the_cue():
    text = '"We won," Smith said, "and we will win again."'
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"said": [("Smith", "SOURCE"), ('"We won,"', "CONTENT"),
                                                 ('"and we will win again."', "CONTENT")]})
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True), text, offsets, words, ["said"])
    assert got == [{"cue": ["said"], "source": ["Smith"], "content": ['"We won,"', '"and we will win again."']}]


def test_content_segments_bridge_unsure_words_but_never_reach_the_next_cue():
    # the linker is unsure of the relative clause and lends "said" the content of "added"
    text = "Smith said the new plan, which cost millions, failed in the end. Jones added that prices fell across the country."
    offsets, words = _words(text)
    borrowed = "prices fell across the country"
    link = ScriptedLink(text, offsets, {
        "said": [("Smith", "SOURCE"), ("the new plan", "CONTENT"), ("which cost millions", "CONTENT", 4.5),
                 ("failed in the end", "CONTENT"), (borrowed, "CONTENT")],
        "added": [("Jones", "SOURCE"), (borrowed, "CONTENT")],
    })
    segments = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True), text, offsets, words, ["said", "added"])
    assert segments == [
        {"cue": ["said"], "source": ["Smith"], "content": ["the new plan, which cost millions, failed in the end"]},
        {"cue": ["added"], "source": ["Jones"], "content": [borrowed]},
    ]
    # the argmax's runs: the unsure words cut the content in two, and the borrowed run is kept
    runs = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link), text, offsets, words, ["said", "added"])
    assert runs[0]["content"] == ["the new plan", "failed in the end", borrowed]


def test_a_content_short_of_its_sentences_end_by_unsure_words_is_snapped_or_biased_to_it():
    # the linker is least sure of a clause's last words: "2017" reads at about 0.37, "soon" at 0.05
    text = "The bank announced it would end the incentives in January 2017. Jones said prices would fall soon."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {
        "announced": [("The bank", "SOURCE"), ("it would end the incentives in January", "CONTENT"), ("2017", "CONTENT", 4.5)],
        "said": [("Jones", "SOURCE"), ("prices would fall", "CONTENT"), ("soon", "CONTENT", 2.0)],
    })

    def contents(**settings):
        decoder = SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True, **settings)
        return [a["content"] for a in _decoded(decoder, text, offsets, words, ["announced", "said"])]

    assert contents() == [["it would end the incentives in January"], ["prices would fall"]]
    # the snap takes a word the linker gives 0.2 or more, and only up to the sentence's end
    assert contents(content_snap=3) == [["it would end the incentives in January 2017"], ["prices would fall"]]
    assert contents(content_snap=3, content_snap_p=0.01) == [["it would end the incentives in January 2017"],
                                                             ["prices would fall soon"]]
    # a bias carries the best run on through a word just below even odds, not through one far below
    assert contents(content_bias=1.0) == [["it would end the incentives in January 2017"], ["prices would fall"]]


def test_the_snap_to_the_sentences_end_never_reaches_the_next_cue():
    text = "Smith said the plan failed, Jones added."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"said": [("Smith", "SOURCE"), ("the plan failed", "CONTENT")],
                                        "added": [("Jones", "SOURCE"), ("the plan failed", "CONTENT")]})
    decoder = SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True, content_snap=4, content_snap_p=0.0)
    assert _decoded(decoder, text, offsets, words, ["said", "added"])[0]["content"] == ["the plan failed"]


def test_content_segments_of_a_cue_without_a_source():
    text = "It is believed the plan failed badly."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"is believed": [("the plan failed badly", "CONTENT")]})
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True), text, offsets, words, ["is believed"])
    assert got == [{"cue": ["is believed"], "source": [], "content": ["the plan failed badly"]}]


def test_a_participle_used_as_an_adjective_is_no_cue_and_does_not_cut_the_real_cues_content():
    # "a reported U.S. offer" reports nothing; as a cue it would end the content of "responded" at "to"
    text = "Indian officials responded coolly to a reported U.S. offer to sell India a supercomputer."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {
        "responded": [("Indian officials", "SOURCE"), ("coolly to a reported U.S. offer to sell India a supercomputer", "CONTENT")],
        "reported": [("a", "SOURCE"), ("U.S. offer to sell India a supercomputer", "CONTENT")],
    })
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True), text, offsets, words, ["responded", "reported"])
    assert got == [{"cue": ["responded"], "source": ["Indian officials"],
                    "content": ["coolly to a reported U.S. offer to sell India a supercomputer"]}]
    # a participle that is the verb of its clause stays a cue
    verb = "The agency reported a rise in prices."
    offsets, words = _words(verb)
    link = ScriptedLink(verb, offsets, {"reported": [("The agency", "SOURCE"), ("a rise in prices", "CONTENT")]})
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link), verb, offsets, words, ["reported"])
    assert got == [{"cue": ["reported"], "source": ["The agency"], "content": ["a rise in prices"]}]


@pytest.mark.parametrize("text", [
    "Brad Edwards represented some of Epstein’s alleged victims in the suit.",  # after a possessive name
    "His alleged victims sued the school.",  # after a possessive pronoun
])
def test_a_participle_after_a_possessive_is_an_adjective_and_no_cue(text):
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"alleged": [("victims", "CONTENT")]})
    assert _decoded(SpanDecoder(ATTRIBUTION_TAGS, link), text, offsets, words, ["alleged"]) == []


def test_a_closed_class_word_alone_is_no_cue_and_a_speech_verbs_cue_ends_at_the_verb():
    text = "Smith said of the plan that it failed. He wrote about taxes."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"said": [("Smith", "SOURCE"), ("it failed", "CONTENT")],
                                        "wrote": [("He", "SOURCE"), ("taxes", "CONTENT")]})
    # the tagging head reads "said of" as one cue, and "about" alone as another
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link), text, offsets, words, ["said of", "about"])
    assert got == [{"cue": ["said"], "source": ["Smith"], "content": ["it failed"]}]
    # a cue phrase that PolNeAR ends with its preposition keeps it ("calling for")
    text = "Protesters were calling for new elections."
    offsets, words = _words(text)
    link = ScriptedLink(text, offsets, {"calling for": [("Protesters", "SOURCE"), ("new elections", "CONTENT")]})
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link), text, offsets, words, ["calling for"])
    assert got[0]["cue"] == ["calling for"]


def test_a_dash_that_signs_a_quotation_is_its_cue_and_signs_only_the_quotation_before_it():
    text = "“He represents our greatest shame.” ― Sonya Herridge\n“He cannot answer a question.” ― Krystal Correa"
    offsets, words = _words(text)
    first, second = "He represents our greatest shame", "He cannot answer a question"
    link = ScriptedLink(text, offsets, {"―": [("Sonya Herridge", "SOURCE"), (first, "CONTENT"), (second, "CONTENT")]})
    # the tagging head sees no cue at all: the dash is read as one from its place
    decoder = SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True)
    got = _decoded(decoder, text, offsets, words, [])
    assert [g["cue"] for g in got] == [["―"], ["―"]]
    assert got[0]["source"] == ["Sonya Herridge"] and got[0]["content"] == [first]
    # a dash inside a sentence is no signature
    plain = "The plan ― which failed ― cost millions."
    offsets, words = _words(plain)
    assert _decoded(SpanDecoder(ATTRIBUTION_TAGS, ScriptedLink(plain, offsets, {})), plain, offsets, words, []) == []


@pytest.mark.parametrize("text, linked, whole", [
    ("Marchers carried roses, KING-TV reported.", "TV", "KING-TV"),
    ("The parade began in silence, the Chicago Sun-Times reported.", "the Chicago Sun", "the Chicago Sun-Times"),
])
def test_a_source_cut_at_a_hyphen_is_widened_to_the_whole_name(text, linked, whole):
    offsets, words = _words(text)
    content = text.split(",")[0]
    link = ScriptedLink(text, offsets, {"reported": [(linked, "SOURCE"), (content, "CONTENT")]})
    got = _decoded(SpanDecoder(ATTRIBUTION_TAGS, link, content_segments=True), text, offsets, words, ["reported"])
    assert got == [{"cue": ["reported"], "source": [whole], "content": [content]}]


def test_a_stored_policy_builds_its_decoder_and_leaves_the_scorers_keys_alone():
    policy = {"mode": "spans", "add_above": 0.7, "fallback": True, "content_segments": True, "content_bias": 0.25,
              "content_snap": 3, "lexicon_threshold": None, "source_gap": 2.0}
    decoder = SpanDecoder.from_policy(ATTRIBUTION_TAGS, None, policy, cue_words=frozenset({"said"}))
    assert (decoder.content_segments, decoder.content_bias, decoder.content_snap, decoder.source_gap) == (True, 0.25, 3, 2)
    assert isinstance(decoder.source_gap, int) and decoder.lexicon_threshold is None
    assert decoder.cue_words == frozenset({"said"})
    # what the policy does not store keeps the decoder's default
    assert (decoder.cue_threshold, decoder.content_gap, decoder.content_snap_p) == (0.5, 2, 0.2)
    assert set(SpanDecoder.POLICY_SETTINGS) <= {f.name for f in dataclasses.fields(SpanDecoder)}

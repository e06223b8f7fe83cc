"""The classifier path: a two-step training smoke run, loading, fusion, and failing loudly.

Slow-ish (a few seconds of CPU training on a handful of rows), so marked ``slow``; CI runs it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHARED

torch = pytest.importorskip("torch", reason="the model extra (torch) is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def smoke_model(tmp_path_factory):
    if not (SHARED / "data").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    from training.config import TrainConfig
    from training.train import train

    out = tmp_path_factory.mktemp("model")
    cfg = TrainConfig.from_file(Path(__file__).resolve().parents[1] / "training" / "configs" / "smoke.json", [f"out={out}"])
    return train(cfg)


def test_smoke_training_writes_a_self_describing_checkpoint(smoke_model):
    files = {p.name for p in smoke_model.iterdir()}
    assert {"credscore_model.json", "delta.safetensors", "train_config.json"} <= files
    assert not any(name.endswith((".bin", ".pt", ".pkl", ".pickle")) for name in files)
    config = json.loads((smoke_model / "credscore_model.json").read_text())
    assert config["base_model_sha256"].startswith("53aa5117")
    from credscore.model.base import file_sha256

    assert config["delta_sha256"] == file_sha256(smoke_model / "delta.safetensors")
    assert config["attribution_tags"][0] == "O" and "B-SOURCE" in config["attribution_tags"]
    assert config["training"]["steps"] == 4
    from safetensors import safe_open

    with safe_open(str(smoke_model / "delta.safetensors"), "pt") as f:
        keys = list(f.keys())
        assert all(f.get_tensor(k).dtype == torch.float16 for k in keys)
    assert any(k.startswith("encoder.encoder.layer.5.") for k in keys)
    assert not any(k.startswith("encoder.encoder.layer.0.") for k in keys)  # only the delta ships


def test_scorer_with_the_model_fills_every_field_and_validates(smoke_model, validate):
    from credscore import Scorer

    scorer = Scorer(model=smoke_model, device="cpu", runtime="torch").load()
    result = scorer.score("NATO estimated that 7,000 Russian soldiers have been killed.\nCritics say it could be more.")
    validate(result.to_dict())
    assert result.model.name == "credscore-minilm" and result.model.device == "cpu"
    claims = scorer.score_sentences(["NATO estimated that 7,000 Russian soldiers have been killed."])
    assert 0.0 <= claims[0].checkworthiness <= 1.0 and claims[0].attribution.kind == "named_organization"


def test_predict_returns_spans_inside_each_text(smoke_model):
    from credscore.model.heads import ModelHeads

    heads = ModelHeads(smoke_model)
    texts = ["Officials said the bridge may collapse.", "x", "The minister reportedly resigned on Tuesday, sources said."]
    predictions = heads.predict(texts)
    assert len(predictions) == 3
    for text, p in zip(texts, predictions):
        assert set(p.logits) == {"checkworthy", "hedge", "weasel"}
        for spans in (*p.attribution.values(), p.hedge_cues):
            assert all(0 <= a < b <= len(text) for a, b in spans)


@pytest.fixture(scope="module")
def smoke_span_model(tmp_path_factory):
    """A smoke model trained with the linker head: it can decode linked attributions."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    from training.config import TrainConfig
    from training.train import train

    out = tmp_path_factory.mktemp("span_model")
    cfg = TrainConfig.from_file(Path(__file__).resolve().parents[1] / "training" / "configs" / "smoke.json",
                                [f"out={out}", "link=true"])
    return train(cfg)


def _with_span_model(primary: Path, span_model: Path, into: Path, name: str = "spans") -> Path:
    """A copy of ``primary`` whose config names a copy of ``span_model`` (inside it) as its span model."""
    shutil.copytree(primary, into)
    shutil.copytree(span_model, into / name)
    config = json.loads((into / "credscore_model.json").read_text())
    config["attribution"] = {**config["attribution"], "mode": "spans", "fallback": True}
    (into / "credscore_model.json").write_text(json.dumps({**config, "span_model": name}))
    return into


def test_a_model_takes_its_attributions_from_the_span_model_it_names(smoke_model, smoke_span_model, tmp_path):
    from credscore import Scorer
    from credscore.model.heads import ModelHeads

    text = "The mayor said the bridge was safe. Engineers told reporters it needed urgent repairs."
    own = ModelHeads(smoke_span_model, runtime="torch")
    combined = ModelHeads(_with_span_model(smoke_model, smoke_span_model, tmp_path / "combined"), runtime="torch")
    assert not ModelHeads(smoke_model, runtime="torch").has_span_model and combined.has_span_model
    assert combined.attributions([text]) == own.attributions([text])  # decoded by the span model, with its policy
    # the sentence readings stay the primary model's own
    assert combined.predict([text])[0].logits == ModelHeads(smoke_model, runtime="torch").predict([text])[0].logits
    result = Scorer(model=tmp_path / "combined", device="cpu").score(text)
    assert 0.0 <= result.score <= 1.0 and result.claims


def test_a_span_model_that_is_missing_or_has_no_linker_is_refused(smoke_model, tmp_path):
    from credscore import ModelLoadError, Scorer

    lacking = _with_span_model(smoke_model, smoke_model, tmp_path / "lacking")  # the smoke model has no linker
    with pytest.raises(ModelLoadError, match="has no linker head of its own"):
        Scorer(model=lacking, device="cpu").load()
    shutil.rmtree(lacking / "spans")
    with pytest.raises(ModelLoadError, match="names span model 'spans', but .* is not a credscore model"):
        Scorer(model=lacking, device="cpu").load()


def test_a_corrupt_or_incomplete_model_fails_loudly(smoke_model, tmp_path):
    from credscore import ModelLoadError, Scorer

    broken = tmp_path / "broken"
    shutil.copytree(smoke_model, broken)
    (broken / "delta.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelLoadError, match="changed or damaged after the model was saved"):
        Scorer(model=broken).load()
    config = json.loads((broken / "credscore_model.json").read_text())
    (broken / "credscore_model.json").write_text(json.dumps({**config, "delta_sha256": ""}))  # saved before hashes
    with pytest.raises(ModelLoadError, match="cannot be read"):
        Scorer(model=broken).load()
    (broken / "credscore_model.json").unlink()
    with pytest.raises(ModelLoadError, match="credscore_model.json is missing"):
        Scorer(model=broken).load()
    with pytest.raises(ModelLoadError, match="does not exist"):
        Scorer(model=tmp_path / "nowhere").load()


def test_the_shipped_config_records_the_sha256_of_its_delta(shipped_model_dir):
    from credscore.model.base import file_sha256
    from credscore.model.checkpoint import read_config

    assert read_config(shipped_model_dir).delta_sha256 == file_sha256(shipped_model_dir / "delta.safetensors")


def test_a_delta_changed_after_saving_is_refused_naming_both_hashes(shipped_model_dir, tmp_path):
    from credscore import ModelLoadError, Scorer
    from credscore.model.checkpoint import load_model, read_config

    tampered = tmp_path / "model"
    shutil.copytree(shipped_model_dir, tampered)
    weights = bytearray((tampered / "delta.safetensors").read_bytes())
    weights[-1] ^= 0x01  # one bit of one weight: still a readable file, other weights
    (tampered / "delta.safetensors").write_bytes(bytes(weights))
    recorded = read_config(tampered).delta_sha256
    with pytest.raises(ModelLoadError, match=f"records {recorded}: the weights were changed or damaged"):
        load_model(tampered)
    with pytest.raises(ModelLoadError, match="changed or damaged"):
        Scorer(model=tampered, device="cpu", runtime="torch").load()


def test_user_labelled_data_is_read_and_bad_rows_reported_together(tmp_path):
    from credscore import InputError
    from training.user_data import read_user_data

    good = tmp_path / "mine.csv"
    good.write_text("text,checkworthy,weasel\nNATO said 7 died.,1,\nSome say it is bad.,0,1\n", encoding="utf-8")
    assert list(read_user_data(good)) == [
        ("checkworthy", "NATO said 7 died.", 1), ("checkworthy", "Some say it is bad.", 0), ("weasel", "Some say it is bad.", 1),
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "hedge": 2}\nnot json\n{"hedge": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"3 bad row\(s\).*line 1.*line 2.*line 3"):
        list(read_user_data(bad))


def test_config_checks_and_dotted_overrides():
    from training.config import TrainConfig

    cfg = TrainConfig.from_file(None, ["steps=7", "task_weights.weasel=2.5", "pooling=cls"])
    assert cfg.steps == 7 and cfg.task_weights["weasel"] == 2.5 and cfg.pooling == "cls"
    with pytest.raises(ValueError, match="pooling must be one of mean, cls, mean_max_tags"):
        TrainConfig.from_file(None, ["pooling=max"])
    with pytest.raises(ValueError, match="unknown config keys"):
        TrainConfig.from_file(None, ["stepz=3"])
    with pytest.raises(ValueError, match="attribution_unit must be paragraphs or sentences"):
        TrainConfig.from_file(None, ["attribution_unit=words"])


@pytest.mark.skipif(not (SHARED / "data" / "polnear").is_dir(), reason="needs ../shared/data/polnear")
def test_polnear_sentence_rows_cut_windows_where_the_scorer_cuts_sentences():
    from training import data as d

    windows = d.load_polnear(None, "dev", limit=2)
    rows = d.polnear_sentence_rows(windows)
    words = [w["text"][s:e] for w in windows for s, e in w["token_offsets"]]
    assert [r["text"][s:e] for r in rows for s, e in r["token_offsets"]] == words  # no word lost or doubled
    assert len(rows) > 3 * len(windows)
    assert not [r["id"] for r in rows if r["tags"][0].startswith("I-")]
    assert not [p for r in rows for p in d.bio_problems(r["tags"], d.POLNEAR_TAGS)]
    cued = [r for r in rows if "B-CUE" in r["tags"]]
    assert cued and all(len(r["text"]) < 1200 for r in cued)


def test_cpu_bf16_only_when_asked(monkeypatch, shipped_model_dir):
    """bf16's answers depend on how a batch is padded: the CPU runs fp32 unless bf16 is asked for,
    whatever the CPU (this one may have AMX tiles, where bf16 is faster)."""
    from credscore.model.heads import CPU_BF16_ENV, ModelHeads, cpu_bf16_asked

    for unasked in ("", "0", "yes"):
        monkeypatch.setenv(CPU_BF16_ENV, unasked)
        assert cpu_bf16_asked() is False
    monkeypatch.delenv(CPU_BF16_ENV)
    assert cpu_bf16_asked() is False
    assert ModelHeads(shipped_model_dir, runtime="torch")._autocast is None
    monkeypatch.setenv(CPU_BF16_ENV, "1")
    assert cpu_bf16_asked() is True
    assert ModelHeads(shipped_model_dir, runtime="torch")._autocast == "cpu"


# -- the shipped model's attribution policy (credscore_model.json "attribution") -------------------

VETO_SENTENCES = [
    "The Kremlin said 7,000 soldiers had died, but the figure could not be verified.",
    # SCU articles 33 and 13: reporting verbs the rules take for cues, where no one reports anything
    "The federal government is spending tens of millions of dollars adding surveillance towers along the border.",
    "To drum up more business, Henderson and attorney Cedric Harris have been spending a few nights a month "
    "speaking at churches and community centres.",
]


def _attributions(scorer, sentences):
    return [(c.attribution.kind, c.attribution.cue.text if c.attribution.cue else None)
            for c in scorer.score_sentences(sentences)]


def test_the_shipped_model_vetoes_cues_its_tagger_is_sure_of_and_keeps_real_ones(shipped_model_dir, scorer):
    from credscore import Scorer

    rules = _attributions(scorer, VETO_SENTENCES)
    model = _attributions(Scorer(model=shipped_model_dir, device="cpu"), VETO_SENTENCES)
    assert rules[0] == model[0] == ("named_organization", "said")
    # what the rules get wrong ("adding surveillance towers", an object added and no clause, the rules no longer take)
    assert [cue for _, cue in rules[1:]] == [None, "speaking"]
    assert [kind for kind, _ in model[1:]] == ["unattributed", "unattributed"]


def test_a_model_config_without_a_policy_leaves_the_rules_attributions(shipped_model_dir, scorer, tmp_path):
    from credscore import Scorer

    copy = tmp_path / "model"
    shutil.copytree(shipped_model_dir, copy)
    config = json.loads((copy / "credscore_model.json").read_text())
    assert config["attribution"]["veto"] is True  # the shipped choice (MODEL_CARD.md, EXPERIMENTS.md)
    del config["attribution"]
    (copy / "credscore_model.json").write_text(json.dumps(config))
    assert _attributions(Scorer(model=copy, device="cpu"), VETO_SENTENCES) == _attributions(scorer, VETO_SENTENCES)


ADDED_SENTENCES = [
    "Officials fear that the death toll will rise sharply.",  # "fear": a belief cue outside the verb lexicon
    "Analysts expect the central bank to raise rates in March.",
]


def test_the_shipped_model_adds_cues_the_rules_miss_only_where_its_tagger_is_sure(shipped_model_dir, scorer, tmp_path):
    from credscore import Scorer

    shipped = Scorer(model=shipped_model_dir, device="cpu")
    assert [kind for kind, _ in _attributions(scorer, ADDED_SENTENCES)] == ["unattributed", "unattributed"]
    # officials speak from an office (anonymous_specific); analysts are an undescribed group (SPEC §2)
    assert _attributions(shipped, ADDED_SENTENCES) == [("anonymous_specific", "fear"), ("anonymous_vague", "expect")]
    add_above = shipped.load().model_heads.config.attribution["add_above"]
    assert 0.5 < add_above < 1  # fitted on PolNeAR dev (training/EXPERIMENTS.md); 0 would take any tagged cue

    copy = tmp_path / "model"
    shutil.copytree(shipped_model_dir, copy)
    config = json.loads((copy / "credscore_model.json").read_text())
    config["attribution"]["add_above"] = 0.99  # surer than the head is of either cue: nothing is added
    (copy / "credscore_model.json").write_text(json.dumps(config))
    assert _attributions(Scorer(model=copy, device="cpu"), ADDED_SENTENCES) == _attributions(scorer, ADDED_SENTENCES)


def test_training_can_start_from_a_trained_model_and_refuses_one_that_does_not_fit(smoke_model):
    from safetensors.torch import load_file
    from transformers import AutoModel

    from credscore.model.checkpoint import WEIGHTS_FILE, check_base_model
    from credscore.model.network import MultiTaskNet
    from training.train import start_from

    delta = load_file(str(smoke_model / WEIGHTS_FILE))
    name = "sentence.weight"
    fresh = MultiTaskNet(AutoModel.from_pretrained(str(check_base_model()), local_files_only=True))
    assert not torch.equal(fresh.state_dict()[name], delta[name].float())
    start_from(fresh, smoke_model)
    assert torch.equal(fresh.state_dict()[name], delta[name].float())
    linked = MultiTaskNet(AutoModel.from_pretrained(str(check_base_model()), local_files_only=True), link=True)
    with pytest.raises(ValueError, match="does not fit"):
        start_from(linked, smoke_model)


def _window_model(span_model: Path, into: Path, policy_from: Path | None = None) -> Path:
    """``span_model`` with its sentence heads and hedge-cue tagger refitted (here: fixed regressions) to read window states."""
    import numpy as np

    from credscore.model.tags import pooled_width
    from training.sentence_heads import write_model

    rng = np.random.default_rng(0)
    heads = {"sentence.weight": rng.normal(size=(3, pooled_width(384, "mean_max_tags"))).astype(np.float32) / 10,
             "sentence.bias": np.zeros(3, dtype=np.float32),
             "hedge_cues.weight": rng.normal(size=(3, 384)).astype(np.float32) / 10, "hedge_cues.bias": np.zeros(3, dtype=np.float32)}
    return write_model(span_model, into, heads, {"note": "test"}, policy_from)


def test_sentence_heads_write_model_replaces_only_the_refitted_heads(smoke_span_model, tmp_path):
    from safetensors.numpy import load_file

    from credscore.model.checkpoint import read_config

    model = _window_model(smoke_span_model, tmp_path / "window")
    before, after = load_file(str(smoke_span_model / "delta.safetensors")), load_file(str(model / "delta.safetensors"))
    assert set(before) == set(after)
    changed = {k for k in before if before[k].shape != after[k].shape or not (before[k] == after[k]).all()}
    assert changed == {"sentence.weight", "sentence.bias", "hedge_cues.weight", "hedge_cues.bias"}
    assert after["sentence.weight"].shape == (3, 2 * 384 + 3)  # mean, max and three tag probabilities
    config = read_config(model)
    assert config.sentence_pass == "window" and config.pooling == "mean_max_tags" and config.fusion == {}
    assert config.training["sentence_heads"] == {"note": "test"}
    assert read_config(smoke_span_model).sentence_pass == "sentence"  # the source is left alone


def test_a_window_model_reads_every_head_from_one_encoder_pass(smoke_model, smoke_span_model, tmp_path, monkeypatch):
    """Item 2 of issue 11: a "window" model costs one encoder row per window, not one per sentence more."""
    from credscore import Scorer
    from credscore.model.heads import ModelHeads

    text = ("The mayor said the bridge was safe. Engineers told reporters it needed urgent repairs.\n\n"
            "Residents may possibly have been misled, critics claim.")
    rows: list[int] = []
    forward = ModelHeads._forward

    def counting(self, ids, mask):
        rows.append(len(ids))
        return forward(self, ids, mask)

    monkeypatch.setattr(ModelHeads, "_forward", counting)
    window = _window_model(smoke_span_model, tmp_path / "window", policy_from=smoke_model)
    Scorer(model=window, device="cpu", runtime="torch").load().score(text)
    assert sum(rows) == 1  # the whole article fits one window: one row serves attributions and sentences
    rows.clear()
    Scorer(model=_with_span_model(smoke_model, smoke_span_model, tmp_path / "two"), device="cpu", runtime="torch").load().score(text)
    assert sum(rows) == 1 + 3  # the same window, and one row per sentence for the sentence heads

    heads = ModelHeads(window, runtime="torch")
    reading = heads.window_pass([text])[0]
    assert [text[a:b] for a, b in reading.offsets[:3]] == ["The", "mayor", "said"]
    start = text.index("Engineers")
    end = text.index("\n\n")
    inside = heads.sentence_prediction(reading, start, end)
    assert all(0 <= a < b <= end - start for a, b, _ in inside.cue_probability)
    assert [text[start + a:start + b] for a, b, _ in inside.cue_probability][:2] == ["Engineers", "told"]
    # a sentence read inside its article is read with its context, not as if it stood alone
    assert heads.predict([text[start:end]])[0].logits != inside.logits


def test_the_card_of_a_window_model_says_one_pass_serves_every_head_and_how_its_heads_were_fitted(smoke_span_model, tmp_path):
    from training.model_card import render_card

    model = _window_model(smoke_span_model, tmp_path / "window")
    config = json.loads((model / "credscore_model.json").read_text())
    config["training"]["sentence_heads"] = {"checkworthy": {"C": 0.1}, "hedge": {"C": 1.0}, "weasel": {"C": 0.1}}
    card = render_card(config)
    assert "run once over 256-wordpiece windows" in card and "hedge C=1.0" in card
    assert "second encoder pass" not in card  # the two-run model's limit does not apply
    assert "run once over" not in render_card(json.loads((smoke_span_model / "credscore_model.json").read_text()))


def test_the_window_pooling_of_a_sentence_is_the_networks_pooling():
    """``mean_max_tags`` is computed in torch (the network's own sentence output) and in numpy (read out
    of a window pass): both must give the same features for the same wordpieces."""
    import numpy as np
    import torch

    from credscore.model.heads import WindowReading, pooled_sentence
    from credscore.model.network import sentence_features

    rng = np.random.default_rng(1)
    states = rng.normal(size=(6, 384)).astype(np.float32)
    hedge, attribution = rng.normal(size=(6, 3)).astype(np.float32), rng.normal(size=(6, 7)).astype(np.float32)
    reading = WindowReading([], np.array([[i, i + 1] for i in range(6)]), states, attribution, hedge)
    numpy_side = pooled_sentence(reading, np.arange(1, 5), "mean_max_tags")
    mask = torch.zeros(1, 6, dtype=torch.long)
    mask[0, 1:5] = 1
    torch_side = sentence_features(torch.from_numpy(states)[None], mask, torch.from_numpy(hedge)[None],
                                   torch.from_numpy(attribution)[None])[0].numpy()
    assert numpy_side.shape == (2 * 384 + 3,)
    np.testing.assert_allclose(numpy_side, torch_side, atol=1e-5)
    assert numpy_side[384:768].max() == states[1:5].max()  # the maximum is over the sentence's pieces only


def test_sentences_read_together_by_a_window_model_come_from_the_passage_window(smoke_model, smoke_span_model, tmp_path):
    from credscore.model.heads import ModelHeads

    first, second = "The mayor said the bridge was safe.", "Engineers told reporters it may possibly need repairs."
    window = ModelHeads(_window_model(smoke_span_model, tmp_path / "window"), runtime="torch")
    together = window.predict_together([[first, second]])[0]
    reading = window.window_pass([first + "\n" + second])[0]
    assert together[1].logits == window.sentence_prediction(reading, len(first) + 1, len(first) + 1 + len(second)).logits
    assert together[1].logits != window.predict([second])[0].logits  # beside its neighbour, not alone
    two_runs = ModelHeads(_with_span_model(smoke_model, smoke_span_model, tmp_path / "two"), runtime="torch")
    assert [p.logits for p in two_runs.predict_together([[first, second]])[0]] == [p.logits for p in two_runs.predict([first, second])]


def test_the_sentence_heads_fold_their_standardisation_into_the_weights():
    """The shipped head is ``weight @ features + bias`` on raw pooled features: the same probabilities
    as the regression fitted on standardised ones."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from training.sentence_heads import Passage, fit_sentence_heads

    rng = np.random.default_rng(0)
    x = rng.normal(loc=3.0, scale=[1.0, 10.0, 0.1, 5.0], size=(240, 4))
    y = (x[:, 0] + x[:, 1] / 10 + rng.normal(size=240) > 3.0).astype(int)
    items = [Passage([f"s{i}"], "dev" if i >= 200 else "train", {t: [int(y[i])] for t in ("checkworthy", "hedge", "weasel")})
             for i in range(240)]
    weight, bias, report = fit_sentence_heads(x, items)
    c = report["hedge"]["C"]
    reference = LogisticRegression(C=c, max_iter=3000).fit(StandardScaler().fit(x[:200]).transform(x[:200]), y[:200])
    expected = reference.predict_proba(StandardScaler().fit(x[:200]).transform(x))[:, 1]
    np.testing.assert_allclose(1 / (1 + np.exp(-(x @ weight[1] + bias[1]))), expected, atol=1e-5)
    assert report["hedge"]["train_rows"] == 200 and report["hedge"]["dev_rows"] == 40 and report["hedge"]["dev_best_f1"] > 0.7


def test_sentence_heads_learn_a_teachers_readings_where_it_is_mixed_into_the_targets():
    """Distillation: with the teacher's share of each target raised, the heads follow the teacher
    (here a reading that disagrees with the gold labels on one feature) more and the gold labels less."""
    import numpy as np

    from training.sentence_heads import Passage, fit_sentence_heads, soft_targets

    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] > 0).astype(int)  # the gold labels read the first feature
    teacher = np.repeat((1 / (1 + np.exp(-4 * x[:, 1])))[:, None], 3, axis=1)  # the teacher reads the second
    items = [Passage([f"s{i}"], "dev" if i >= 300 else "train", {t: [int(y[i])] for t in ("checkworthy", "hedge", "weasel")})
             for i in range(400)]
    assert soft_targets(np.array([1, 0]), np.array([0.2, 0.6]), 0.5).tolist() == [0.6, 0.3]
    gold, _, _ = fit_sentence_heads(x, items)
    mostly_teacher, _, report = fit_sentence_heads(x, items, teacher, gold_weight=0.1)
    assert abs(gold[1, 0]) > abs(gold[1, 1])
    assert abs(mostly_teacher[1, 1]) > abs(mostly_teacher[1, 0])
    assert report["hedge"]["train_rows"] == 300


def test_the_shipped_models_readings_do_not_depend_on_its_batch_size(shipped_model_dir):
    """CPU batches are small by default (they run no faster larger, and cost memory); the answers are the same:
    the same spans, and probabilities equal to fp32 rounding (bf16, only when asked for, moves the third
    significant digit with the padding)."""
    from conftest import seed_path

    from credscore.model.heads import CPU_BATCH_TOKENS, ModelHeads

    texts = [seed_path(p).read_text(encoding="utf-8") for p in ("000", "002")]
    default, small = ModelHeads(shipped_model_dir), ModelHeads(shipped_model_dir, batch_tokens=300)
    assert default.batch_tokens == CPU_BATCH_TOKENS
    probability_tolerance, logit_tolerance = (1e-4, 1e-4) if default._autocast is None else (2e-2, 1e-1)
    found = [heads.attributions(texts) for heads in (default, small)]
    assert sum(len(f) for f in found[0]) > 10
    for a, b in zip(*found):
        assert [(x.cue, x.source, x.content) for x in a] == [(x.cue, x.source, x.content) for x in b]
        assert all(abs(x.cue_probability - y.cue_probability) < probability_tolerance for x, y in zip(a, b))
    sentences = [s for text in texts for s in text.split("\n") if s.strip()][:40]
    logits = [heads.predict(sentences) for heads in (default, small)]
    for a, b in zip(*logits):
        assert a.attribution == b.attribution
        assert all(abs(a.logits[t] - b.logits[t]) < logit_tolerance for t in a.logits)


@pytest.fixture(scope="module")
def base_tokenizer():
    """The base encoder's tokenizer, as a training run loads it."""
    from transformers import AutoTokenizer

    from credscore.model.base import check_base_model

    return AutoTokenizer.from_pretrained(str(check_base_model()), local_files_only=True)


def test_document_windows_label_each_sentence_on_its_own_wordpieces(base_tokenizer):
    """``sentence_unit: documents``: a sentence's range in its window holds exactly its wordpieces."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    from training.config import TrainConfig
    from training.train import IGNORE, document_tasks

    cfg = TrainConfig(link=True, sentence_unit="documents", limit=40)
    tokenizer = base_tokenizer
    tasks = document_tasks(cfg, tokenizer, "train")
    windows = tasks["hedge"]
    assert windows and all(len(e.input_ids) <= cfg.attribution_max_length for e in windows)
    assert any(len(e.sentences) > 1 for e in windows)  # read beside their neighbours, not alone
    for example in windows[:10]:
        assert example.input_ids[0] == tokenizer.cls_token_id and example.input_ids[-1] == tokenizer.sep_token_id
        text = tokenizer.decode(example.input_ids[1:-1])
        for first, end, label in example.sentences:
            assert label in (0, 1) and 1 <= first < end <= len(example.input_ids) - 1
            sentence = tokenizer.decode(example.input_ids[first:end])
            assert sentence and sentence in text and "[SEP]" not in sentence
    cues = [e for e in tasks["hedge_cues"] if any(label == 1 for label in e.labels)]
    assert cues and all(len(e.labels) == len(e.input_ids) and e.labels[0] == e.labels[-1] == IGNORE for e in cues)


def test_a_model_trained_on_sentences_inside_their_documents_is_a_window_model(tmp_path):
    """One encoder pass per window serves every head: the run's sentence head reads the window pass."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    from credscore.model.heads import ModelHeads
    from credscore.model.tags import SENTENCE_TASKS
    from training.config import TrainConfig
    from training.train import train

    cfg = TrainConfig.from_file(Path(__file__).resolve().parents[1] / "training" / "configs" / "smoke.json",
                                [f"out={tmp_path / 'docs'}", "link=true", "sentence_unit=documents",
                                 "pooling=mean_max_tags"])
    heads = ModelHeads(train(cfg), runtime="torch")
    assert heads.config.sentence_pass == "window" and heads.config.pooling == "mean_max_tags"
    first, second = "The mayor said the bridge was safe.", "Engineers told reporters it may possibly need repairs."
    together = heads.predict_together([[first, second]])[0]
    assert [set(p.logits) for p in together] == [set(SENTENCE_TASKS)] * 2
    assert together[1].logits != heads.predict([second])[0].logits  # beside its neighbour, not alone


def test_a_users_sentences_are_one_sentence_documents_when_the_run_reads_documents(base_tokenizer, tmp_path):
    from training.config import TrainConfig
    from training.train import _add_user_data

    mine = tmp_path / "mine.csv"
    mine.write_text("text,checkworthy,weasel\nNATO said 7 died.,1,\nSome say it is bad.,0,1\n", encoding="utf-8")
    tokenizer = base_tokenizer
    train: dict = {}
    _add_user_data(TrainConfig(link=True, sentence_unit="documents", user_data=str(mine)), tokenizer, train)
    assert {task: [e.sentences for e in examples] for task, examples in train.items()} == {
        "checkworthy": [[(1, len(e.input_ids) - 1, label)] for e, label in zip(train["checkworthy"], (1, 0))],
        "weasel": [[(1, len(train["weasel"][0].input_ids) - 1, 1)]],
    }
    assert tokenizer.decode(train["weasel"][0].input_ids[1:-1]) == "some say it is bad."


def test_a_config_that_reads_sentences_in_documents_needs_the_linker():
    from training.config import TrainConfig

    with pytest.raises(ValueError, match="needs the linker"):
        TrainConfig(sentence_unit="documents")
    with pytest.raises(ValueError, match="sentence_unit"):
        TrainConfig(sentence_unit="paragraphs", link=True)


def test_a_documents_run_can_take_a_small_corpus_several_times_in_training_only(base_tokenizer):
    """``corpus_repeats``: FactBank's few news documents weigh more in the hedge task; dev is left as it is."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"training data not found at {SHARED / 'data'}")
    from training.config import TrainConfig
    from training.train import document_tasks

    plain = TrainConfig(link=True, sentence_unit="documents", limit=30)
    repeated = TrainConfig(link=True, sentence_unit="documents", limit=30, corpus_repeats={"factbank": 3})
    once, thrice = document_tasks(plain, base_tokenizer, "train"), document_tasks(repeated, base_tokenizer, "train")
    assert once["hedge"] and len(thrice["hedge"]) == 3 * len(once["hedge"])  # the first 30 passages are FactBank's
    assert len(thrice["hedge_cues"]) == 3 * len(once["hedge_cues"])
    assert [e.input_ids for e in thrice["hedge"][::3]] == [e.input_ids for e in once["hedge"]]
    dev_once, dev_thrice = document_tasks(plain, base_tokenizer, "dev"), document_tasks(repeated, base_tokenizer, "dev")
    assert len(dev_thrice["hedge"]) == len(dev_once["hedge"])
    with pytest.raises(ValueError, match="corpus_repeats"):
        TrainConfig(link=True, sentence_unit="documents", corpus_repeats={"bbc": 2})
    with pytest.raises(ValueError, match="documents runs"):
        TrainConfig(corpus_repeats={"factbank": 2})

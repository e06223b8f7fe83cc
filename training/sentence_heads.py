"""Sentence heads read out of the span model's window pass, fitted on sentences in their documents.

    python -m training.sentence_heads --model credscore/models/credscore-minilm/spans \\
        --policy-from credscore/models/credscore-minilm --out runs/onepass --cache runs/onepass-cache
    python -m training.operating_points --model runs/onepass --write   # then the fusions

One encoder pass per window of the article should serve every head (issue 11). The span model's
encoder stays frozen, so its attributions do not move; on top of its window pass two heads are
refitted, both on sentences *inside their documents*, read as the scorer reads an article:

1. the hedge-cue tagger (a multinomial logistic regression over each wordpiece's state, O / B / I):
   the span run trained it on sentences alone, and inside a document it finds fewer cues;
2. the sentence heads (check-worthiness, hedge, weasel): one logistic regression per task over
   ``mean_max_tags`` pooling (:func:`credscore.model.network.sentence_features`): the mean and the
   maximum state over the sentence's wordpieces and three tag probabilities. A mean alone reads
   the window's context more than the sentence (training/EXPERIMENTS.md, "One window pass for
   every head").

Documents: the Szeged documents (FactBank news and Wikipedia: hedge cues and labels; CoNLL-2010's
weasel labels join the Wikipedia sentences by text), FactBank's train sentences also read alone
(a bare sentence is a one-sentence article), CoNLL sentences found in no Szeged document alone,
and CheckThat! train as its debates: sentences in id order, cut where ids jump or at 12
sentences. Each passage is its sentences one per line, as ``Scorer.score_sentences(...,
together=True)`` reads them. Dev splits as :mod:`training.data` carves them (CheckThat!'s own dev,
read alone: its sentences are not consecutive); each regression's strength is chosen there.
The model written is the span model with the two heads replaced, ``"pooling": "mean_max_tags"``
and ``"sentence_pass": "window"``.

Not shipped: read inside their documents, its hedge (FactBank news) and weasel readings stay below
the sentence pass's, though check-worthiness gains (training/EXPERIMENTS.md, "One window pass for
every head, second attempt"). Judge a window model by ``credscore evaluate``'s ``in context`` rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from credscore.model.tags import HEDGE_TAGS, SENTENCE_TASKS
from credscore.segment import line_spans, one_line

CUE_STRENGTHS = (0.1, 1.0)  # inverse L2 strength C of the hedge-cue tagger, chosen on dev
SENTENCE_STRENGTHS = (0.01, 0.03, 0.1)  # of the sentence heads (on standardised features), chosen per task on dev
DEBATE_GAP = 3  # CheckThat! ids further apart than this start a new passage
DEBATE_SENTENCES = 12  # … as does a passage this long
UNLABELLED = -1


@dataclass
class Passage:
    """Sentences read together, in order, with per-task labels (``UNLABELLED`` where a set has none)."""

    sentences: list[str]
    split: str  # train | dev
    labels: dict[str, list[int]] = field(default_factory=dict)
    corpus: str = ""  # factbank | wiki | conll | checkthat
    #: per sentence, its hedge cues as character spans of the sentence; None: no cue annotation
    cues: list[list[tuple[int, int]]] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)

    def spans(self) -> list[tuple[int, int]]:
        return line_spans(self.sentences)


def passages(data_dir: str | Path | None = None) -> list[Passage]:
    """Every passage the heads are fitted and chosen on (see the module docstring)."""
    from training import data as d

    conll_path = d._folder(data_dir, "conll2010_wikipedia") / "train.csv"
    weasel: dict[str, int] = {}
    with conll_path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["text"].strip():
                weasel.setdefault(d._norm(record["text"].strip()), int(record["label"]))
    out: list[Passage] = []
    in_documents: set[str] = set()
    for part in ("factbank", "wiki"):
        rows = d._szeged_rows(data_dir, part)
        dev = d._carve([r["doc_id"] for r in rows])
        documents: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            documents.setdefault(row["doc_id"], []).append(row)
        for doc_id, sentences in documents.items():
            split = "dev" if doc_id in dev else "train"
            labels = {"hedge": [r["label"] for r in sentences],
                      "weasel": [weasel.get(d._norm(r["text"]), UNLABELLED) if part == "wiki" else UNLABELLED for r in sentences]}
            cues = [[(c["start"], c["end"]) for c in r["cues"]] for r in sentences]
            out.append(Passage([one_line(r["text"]) for r in sentences], split, labels, part, cues))
            if part == "wiki":
                in_documents.update(d._norm(r["text"]) for r in sentences)
            if part == "factbank" and split == "train":
                out.extend(Passage([one_line(r["text"])], split, {"hedge": [r["label"]]}, part, [[(c["start"], c["end"]) for c in r["cues"]]])
                           for r in sentences)
    conll = d.load_conll_weasel(data_dir)
    for split in ("train", "dev"):
        out.extend(Passage([one_line(t)], split, {"weasel": [y]}, "conll") for t, y in zip(conll[split]["text"], conll[split]["label"])
                   if d._norm(t) not in in_documents)
    debate = sorted((int(i), t, y) for i, t, y in zip(*(d.load_checkthat(data_dir, "train")[k] for k in ("id", "text", "label"))))
    run: list[tuple[int, str, int]] = []
    for item in debate + [(sys.maxsize, "", 0)]:
        if run and (item[0] - run[-1][0] > DEBATE_GAP or len(run) >= DEBATE_SENTENCES):
            out.append(Passage([one_line(t) for _, t, _ in run], "train", {"checkworthy": [y for _, _, y in run]}, "checkthat"))
            run = []
        run.append(item)
    dev_set = d.load_checkthat(data_dir, "dev")
    out.extend(Passage([one_line(t)], "dev", {"checkworthy": [y]}, "checkthat") for t, y in zip(dev_set["text"], dev_set["label"]))
    return [p for p in out if all(s.strip() for s in p.sentences)]


def read(heads: Any, items: Sequence[Passage], *, pooling: str, piece_states: bool, chunk: int = 64) -> dict[str, Any]:
    """One window pass per passage: per sentence its features under ``pooling``, and with
    ``piece_states`` every wordpiece's state and O/B/I cue label (passages with cue annotations only)."""
    from credscore.model.heads import pooled_sentence
    from credscore.model.tags import pooled_width

    pooled: list[np.ndarray] = []
    states: list[np.ndarray] = []
    tags: list[np.ndarray] = []
    owner: list[np.ndarray] = []  # per wordpiece: its sentence's row in ``pooled``
    for k in range(0, len(items), chunk):
        batch = items[k : k + chunk]
        for passage, reading in zip(batch, heads.window_pass([p.text for p in batch])):
            for n, (start, end) in enumerate(passage.spans()):
                inside = reading.pieces(start, end)
                if piece_states and passage.cues is not None:
                    offsets = reading.offsets[inside] - start
                    label = np.zeros(len(inside), dtype=np.int64)
                    for a, b in passage.cues[n]:
                        on = (offsets[:, 0] >= a) & (offsets[:, 1] <= b)
                        label[on] = HEDGE_TAGS.index("I-CUE")
                        if on.any():
                            label[np.flatnonzero(on)[0]] = HEDGE_TAGS.index("B-CUE")
                    states.append(reading.states[inside].astype(np.float32))
                    tags.append(label)
                    owner.append(np.full(len(inside), len(pooled)))
                pooled.append(pooled_sentence(reading, inside, pooling) if len(inside)
                              else np.zeros(pooled_width(reading.states.shape[1], pooling), dtype=np.float32))
        print(f"  read {min(k + chunk, len(items))}/{len(items)} passages", file=sys.stderr, flush=True)
    out: dict[str, Any] = {"pooled": np.stack(pooled)}
    if piece_states:
        out.update(states=np.concatenate(states), tags=np.concatenate(tags), owner=np.concatenate(owner))
    return out


def labels(items: Sequence[Passage], task: str) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence of ``items`` (in reading order): its ``task`` label and whether it is dev."""
    y = [v for p in items for v in p.labels.get(task, [UNLABELLED] * len(p.sentences))]
    dev = [p.split == "dev" for p in items for _ in p.sentences]
    return np.array(y), np.array(dev)


def f1(y: np.ndarray, p: np.ndarray, threshold: float = 0.5) -> float:
    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(1.0, float(pred.sum() + (y == 1).sum()))


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    """Positive-class F1 at the best of 91 thresholds: what a fusion fitted afterwards can reach."""
    return max(f1(y, p, t) for t in np.linspace(0.05, 0.95, 91))


def fit_cue_tagger(pieces: dict[str, Any], sentence_dev: np.ndarray, hedge: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """The hedge-cue tagger on in-context wordpiece states → (weight [tags, hidden], bias [tags], report).
    Its strength is chosen on the dev documents' sentences: F1 of "a piece reaches P(cue) 0.5"."""
    from sklearn.linear_model import LogisticRegression

    dev = sentence_dev[pieces["owner"]]
    tried = []
    for strength in CUE_STRENGTHS:
        model = LogisticRegression(C=strength, max_iter=500).fit(pieces["states"][~dev], pieces["tags"][~dev])
        cue = 1 - model.predict_proba(pieces["states"][dev])[:, list(model.classes_).index(0)]
        highest = np.zeros(len(sentence_dev))
        np.maximum.at(highest, pieces["owner"][dev], cue)
        rows = sentence_dev & (hedge != UNLABELLED) & np.isin(np.arange(len(sentence_dev)), pieces["owner"])
        tried.append((f1(hedge[rows], highest[rows]), strength, model))
    score, strength, model = max(tried, key=lambda t: t[0])
    weight = np.zeros((len(HEDGE_TAGS), pieces["states"].shape[1]), dtype=np.float32)
    bias = np.full(len(HEDGE_TAGS), -30.0, dtype=np.float32)  # a tag never seen stays off
    for row, tag in enumerate(model.classes_):
        weight[tag], bias[tag] = model.coef_[row], model.intercept_[row]
    report = {"C": strength, "dev_sentence_f1": round(score, 4), "pieces": int((~dev).sum()),
              "tried": {str(c): round(s, 4) for s, c, _ in tried}}
    return weight, bias, report


def soft_targets(y: np.ndarray, teacher: np.ndarray | None, gold_weight: float) -> np.ndarray:
    """Per sentence its target probability: the gold label, or with a ``teacher`` (its probability
    per sentence) ``gold_weight × label + (1 − gold_weight) × teacher``."""
    y = y.astype(np.float64)
    return y if teacher is None else gold_weight * y + (1.0 - gold_weight) * teacher


def _fit_soft(z: np.ndarray, target: np.ndarray, strength: float) -> Any:
    """A logistic regression on probabilities, not labels: each row twice, as positive weighted by
    its target and as negative weighted by the rest (the cross-entropy of the soft target)."""
    from sklearn.linear_model import LogisticRegression

    if np.isin(target, (0.0, 1.0)).all():
        return LogisticRegression(C=strength, max_iter=3000).fit(z, target.astype(int))
    rows = np.concatenate([z, z])
    side = np.r_[np.ones(len(z)), np.zeros(len(z))]
    weight = np.r_[target, 1.0 - target]
    keep = weight > 1e-9
    return LogisticRegression(C=strength, max_iter=3000).fit(rows[keep], side[keep], sample_weight=weight[keep])


def fit_sentence_heads(x: np.ndarray, items: Sequence[Passage], teacher: np.ndarray | None = None,
                       gold_weight: float = 1.0) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """One logistic regression per task on standardised pooled features, the scaling folded into
    the weights → (weight [tasks, features], bias [tasks], report).

    With ``teacher`` ([sentences, tasks] probabilities, e.g. the sentence pass reading each
    sentence alone) the training targets mix it into the gold labels (:func:`soft_targets`):
    the window heads learn to read in context what the sentence pass reads alone. Strengths are
    chosen on the gold dev labels either way.
    """
    weight = np.zeros((len(SENTENCE_TASKS), x.shape[1]), dtype=np.float32)
    bias = np.zeros(len(SENTENCE_TASKS), dtype=np.float32)
    report: dict[str, Any] = {}
    for k, task in enumerate(SENTENCE_TASKS):
        y, dev = labels(items, task)
        train, held = (~dev) & (y != UNLABELLED), dev & (y != UNLABELLED)
        target = soft_targets(y[train], None if teacher is None else teacher[train, k], gold_weight)
        mean, scale = x[train].mean(0), x[train].std(0)
        scale[scale == 0] = 1.0
        z = (x - mean) / scale
        tried = []
        for strength in SENTENCE_STRENGTHS:
            model = _fit_soft(z[train], target, strength)
            p = model.predict_proba(z[held])[:, 1]
            tried.append((best_f1(y[held], p), f1(y[held], p), strength, model))
        best, at_half, strength, model = max(tried, key=lambda t: t[0])
        weight[k] = model.coef_[0] / scale
        bias[k] = model.intercept_[0] - float((model.coef_[0] * mean / scale).sum())
        report[task] = {"C": strength, "dev_best_f1": round(best, 4), "dev_f1_at_0.5": round(at_half, 4),
                        "train_rows": int(train.sum()), "dev_rows": int(held.sum()),
                        "tried": {str(c): round(b, 4) for b, _, c, _ in tried}}
    return weight, bias, report


def write_model(source: Path, out: Path, heads: dict[str, np.ndarray], report: dict[str, Any],
                policy_from: Path | None = None) -> Path:
    """``source`` copied to ``out`` with ``heads`` (delta tensor name → array) replaced, pooling
    ``mean_max_tags`` and ``sentence_pass`` "window"."""
    from safetensors.numpy import load_file, save_file

    from credscore.model.base import file_sha256
    from credscore.model.checkpoint import CONFIG_FILE, FORMAT_VERSION, WEIGHTS_FILE, read_config

    if out.resolve() != source.resolve():
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(source, out)
    state = load_file(str(out / WEIGHTS_FILE))
    for name, value in heads.items():
        state[name] = value.astype(np.float16)
    save_file(state, str(out / WEIGHTS_FILE), metadata={"format": "credscore-delta", "version": str(FORMAT_VERSION)})
    config = read_config(out)
    config.delta_sha256 = file_sha256(out / WEIGHTS_FILE)
    config.pooling = "mean_max_tags"
    config.sentence_pass = "window"
    config.fusion = {}  # fitted on other logits: refit with training.operating_points
    if policy_from is not None:  # the veto/add policy chosen for the primary model, the decoder's own settings kept
        primary = read_config(policy_from).attribution
        config.attribution = {**config.attribution, **{k: v for k, v in primary.items() if k in ("mode", "add", "add_above", "veto", "veto_below", "fallback")}}
    config.training = {**config.training, "sentence_heads": report}
    (out / CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    return out


def _cached(path: Path | None, compute: Any) -> dict[str, Any]:
    if path is not None and path.is_file():
        with np.load(path) as stored:
            return dict(stored)
    value = compute()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, **value)
    return value


def teacher_probabilities(teacher: Path, items: Sequence[Passage]) -> np.ndarray:
    """[sentences, tasks]: ``teacher``'s sentence-head probabilities, each sentence read alone."""
    from credscore.model.heads import ModelHeads

    sentences = [s for p in items for s in p.sentences]
    logits = np.array([[p.logits[task] for task in SENTENCE_TASKS] for p in ModelHeads(teacher).predict(sentences)])
    return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)


def refit(model: Path, out: Path, data_dir: str | Path | None = None, *, cache: Path | None = None,
          policy_from: Path | None = None, teacher: Path | None = None, gold_weight: float = 1.0) -> dict[str, Any]:
    """Fit both heads on ``model``'s frozen window pass and write the model to ``out``; the report.
    With ``teacher``, the sentence heads also learn its readings (:func:`fit_sentence_heads`)."""
    import torch

    from credscore.errors import ModelLoadError
    from credscore.model.checkpoint import read_config
    from credscore.model.heads import ModelHeads

    if not read_config(model).link_tags:
        raise ModelLoadError(f"{model} has no linker head: the window pass that would serve the sentence heads needs one")
    items = passages(data_dir)
    heads = ModelHeads(model, runtime="torch")
    annotated = [p for p in items if p.cues is not None]
    first = _cached(cache / "pieces.npz" if cache else None,
                    lambda: read(heads, annotated, pooling=heads.config.pooling, piece_states=True))
    hedge, dev = labels(annotated, "hedge")
    cue_weight, cue_bias, cue_report = fit_cue_tagger(first, dev, hedge)
    with torch.no_grad():  # the new tagger, whose probabilities the sentence heads read
        heads.net.hedge_cues.weight.copy_(torch.from_numpy(cue_weight))
        heads.net.hedge_cues.bias.copy_(torch.from_numpy(cue_bias))
    pooled = _cached(cache / f"pooled-C{cue_report['C']}.npz" if cache else None,
                     lambda: {"pooled": read(heads, items, pooling="mean_max_tags", piece_states=False)["pooled"]})["pooled"]
    taught = None if teacher is None else _cached(
        cache / "teacher.npz" if cache else None, lambda: {"probability": teacher_probabilities(teacher, items)})["probability"]
    weight, bias, sentence_report = fit_sentence_heads(pooled, items, taught, gold_weight)
    if teacher is not None:
        sentence_report["teacher"] = {"model": str(teacher), "gold_weight": gold_weight}
    report = {"hedge_cues": cue_report, **sentence_report, "passages": len(items),
              "command": "python -m training.sentence_heads " + " ".join(sys.argv[1:])}
    write_model(model, out, {"hedge_cues.weight": cue_weight, "hedge_cues.bias": cue_bias,
                             "sentence.weight": weight, "sentence.bias": bias}, report, policy_from)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.sentence_heads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="a model with a linker head (its encoder stays frozen)")
    parser.add_argument("--out", type=Path, required=True, help="where the model with refitted heads is written")
    parser.add_argument("--policy-from", type=Path, default=None, help="take the attribution veto/add policy of this model")
    parser.add_argument("--data", default=None)
    parser.add_argument("--cache", type=Path, default=None, help="keep the window passes' features here and reuse them")
    parser.add_argument("--teacher", type=Path, default=None,
                        help="a sentence-pass model whose readings of each sentence alone the heads also learn")
    parser.add_argument("--gold-weight", type=float, default=0.5,
                        help="with --teacher: the gold label's share of each training target")
    args = parser.parse_args(argv)
    if not 0.0 <= args.gold_weight <= 1.0:
        parser.error(f"--gold-weight must be in [0, 1], got {args.gold_weight}")
    report = refit(args.model, args.out, args.data, cache=args.cache, policy_from=args.policy_from,
                   teacher=args.teacher, gold_weight=args.gold_weight if args.teacher else 1.0)
    print(json.dumps(report, indent=1))
    print(f"wrote {args.out}; now refit its fusions: python -m training.operating_points --model {args.out} --write")
    return 0


if __name__ == "__main__":
    sys.exit(main())

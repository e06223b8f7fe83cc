"""Fit the learned source-kind typer (issue 12 item 2) on the hand-labelled source mentions.

    python -m training.source_mentions hydrate                 # once: the rows' text
    python -m training.kind_typer extract --out runs/kind_typer_rows.jsonl [--no-model] [--gold FILE]
    python -m training.kind_typer fit runs/kind_typer_rows.jsonl [--seeds 0 1 2] [--decide-at 0.5] [--write]
        [--extra ROWS --extra-split a c d]   # more train rows: another gold set's extracted rows of these splits
    python -m training.source_kinds --split dev [--no-model]   # end to end, once the weights are written

``extract`` annotates every row's passage with the scorer, its kind typer switched off, takes the
attribution that answers for the row (``training.source_kinds.matched_attribution``) and keeps the
features of its source phrase (``credscore.features.kind_typer.span_features``, recorded by
``AttributionTagger.classify``), the rules' kind of the phrase and the scorer's final kind.

``fit`` fits a multinomial logistic regression (scikit-learn, training only) on the *train* rows
that have a typed source phrase, its regularisation and class weighting chosen by grouped
(by article) 5-fold cross-validation on train, macro-F1; repeated over seeds (fold shuffles). It
then reports on dev, against the rules: accuracy and macro-F1 with 1,000-draw bootstrap intervals,
per-class F1 and the confusion matrix. A row's kind is decided as the scorer decides it
(``KindTyper.decide``): where the scorer typed a source phrase (and the entity resolver did not
replace the phrase's kind with its antecedent's) and only a default of the rules typed it (no rule
for the phrase's pattern settled it), the typer's kind replaces the rules' if its probability
reaches ``--decide-at``; every other row keeps the scorer's kind. Accuracy at each
``decide_at`` of a grid is printed for train (out of fold, the same grouped folds) and dev, so the
operating point is chosen with both in view. ``--write`` stores the weights (seed 0's choice) and
``decide_at`` as ``credscore/models/kind_typer.json``; the end-to-end figure is then
``training.source_kinds``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from training.source_kinds import KINDS, format_report, load_rows, matched_attribution, report

WEIGHTS = Path(__file__).resolve().parent.parent / "credscore" / "models" / "kind_typer.json"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: the typer's probabilities at which its kind replacing the rules' is reported (``fit``)
DECIDE_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
MIN_COUNT = 2


def gold_span_typing(tagger: Any, doc: Any, row: dict[str, Any]) -> dict[str, Any] | None:
    """Features and rules' kind of the row's *gold* source phrase, read on the scorer's parse."""
    from credscore.document import TextSpan
    from credscore.features.kind_typer import span_features

    gold = row.get("source")
    if gold is None:
        return None
    sentence = next((s for s in doc.sentences if s.start <= gold["start"] < s.end and s.span is not None), None)
    if sentence is None:
        return None
    end = min(gold["end"], sentence.end)
    span = sentence.span.doc.char_span(gold["start"] - sentence.offset, end - sentence.offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    source = TextSpan.of(doc.text, gold["start"], end)
    rules = tagger.rule_kind(doc, sentence, span.root, source)
    return {"features": span_features(tagger.kinds, doc, sentence, span.root, source, rules), "rules": rules}


def extract(rows: Sequence[dict[str, Any]], scorer: Any, batch: int = 32) -> list[dict[str, Any]]:
    tagger = next(c for c in scorer._components if c.name == "attribution")
    out: list[dict[str, Any]] = []
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        docs = scorer.annotate({"id": r["id"], "text": r["text"]} for r in chunk)
        for doc, row in zip(docs, chunk):
            a = matched_attribution(doc, row)
            rec: dict[str, Any] = {"id": row["id"], "split": row["split"], "article": f"{row['dataset']}/{row['article']}",
                                   "gold": row["kind"], "scorer": a.kind if a is not None else "unattributed",
                                   "features": None, "rules": None, "settled": None, "source": None}
            if a is not None and a.source is not None:
                rec["source"] = a.source.text
                typing = doc.kind_readings.get((a.source.start, a.source.end))
                if typing is not None:
                    rec["features"], rec["rules"], rec["settled"] = list(typing.features), typing.rules, typing.settled
            gold_typing = gold_span_typing(tagger, doc, row)
            rec["gold_features"] = gold_typing and gold_typing["features"]
            rec["gold_rules"] = gold_typing and gold_typing["rules"]
            out.append(rec)
        print(f"{min(start + batch, len(rows))}/{len(rows)}", file=sys.stderr, flush=True)
    return out


def _scorer_without_typer(model: str | None) -> Any:
    from credscore import Scorer

    scorer = Scorer(model=model).load()
    taggers = [c for c in scorer._components if c.name == "attribution"]
    if scorer.model_heads is not None:
        taggers.append(scorer.model_heads._tagger)
    for tagger in taggers:
        tagger.typer = None  # the features and the rules' kinds, as the typer will see them
    return scorer


def _typed(r: dict[str, Any]) -> bool:
    """Does the typer decide this row's kind (a typed phrase the resolver left as typed)?"""
    return r["features"] is not None and r["rules"] == r["scorer"]


class _Vocab:
    def __init__(self, docs: Sequence[Sequence[str]], min_count: int = MIN_COUNT) -> None:
        counts = Counter(f for d in docs for f in set(d))
        self.names = sorted(f for f, n in counts.items() if n >= min_count)
        self.index = {f: i for i, f in enumerate(self.names)}

    def matrix(self, docs: Sequence[Sequence[str]]) -> Any:
        from scipy.sparse import csr_matrix

        rows, cols = [], []
        for i, d in enumerate(docs):
            for f in d:
                if f in self.index:
                    rows.append(i)
                    cols.append(self.index[f])
        return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(self.names)))


def _fit(docs: Sequence[Sequence[str]], labels: Sequence[str], c: float, weight: str | None) -> tuple[_Vocab, Any]:
    from sklearn.linear_model import LogisticRegression

    vocab = _Vocab(docs)
    model = LogisticRegression(C=c, class_weight=weight, max_iter=2000)
    model.fit(vocab.matrix(docs), list(labels))
    return vocab, model


def _accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1)


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    from training.source_kinds import macro_f1

    return macro_f1(gold, pred)


def _items(rows: Sequence[dict[str, Any]], train_on: str) -> tuple[list[list[str]], list[str]]:
    """Training examples of rows: the scorer's typed phrases (``found``), the gold phrases
    (``gold``), or both."""
    docs, labels = [], []
    for r in rows:
        if train_on in ("found", "both") and _typed(r):
            docs.append(r["features"])
            labels.append(r["gold"])
        if train_on in ("gold", "both") and r.get("gold_features"):
            docs.append(r["gold_features"])
            labels.append(r["gold"])
    return docs, labels


def _grouped_folds(train: Sequence[dict[str, Any]], seed: int, folds: int) -> list[tuple[Any, Any]]:
    """(fit, held-out) index arrays of ``folds`` folds of the train rows, grouped by article."""
    from sklearn.model_selection import GroupKFold

    groups = [r["article"] for r in train]
    return list(GroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(train, groups=groups))


def choose(train: Sequence[dict[str, Any]], seed: int, train_on: str, folds: int = 5
           ) -> tuple[float, str | None, dict[str, float]]:
    """Regularisation and class weighting by grouped (article) k-fold CV on the train rows: fitted on
    the fit folds' examples, scored by macro-F1 on the held-out folds' typed phrases (as at run time)."""
    splits = _grouped_folds(train, seed, folds)
    scores: dict[str, float] = {}
    for weight in (None, "balanced"):
        for c in C_GRID:
            gold: list[str] = []
            pred: list[str] = []
            for fit_idx, held_idx in splits:
                docs, labels = _items([train[i] for i in fit_idx], train_on)
                vocab, model = _fit(docs, labels, c, weight)
                held = [train[i] for i in held_idx if _typed(train[i])]
                gold += [r["gold"] for r in held]
                pred += [str(p) for p in model.predict(vocab.matrix([r["features"] for r in held]))]
            scores[f"{c}/{weight}"] = _macro_f1(gold, pred)
    best = max(scores, key=lambda k: scores[k])
    c, weight = best.split("/")
    return float(c), None if weight == "None" else weight, scores


def _typer(vocab: _Vocab, model: Any, decide_at: float | None = None) -> Any:
    """The fitted model as the run-time :class:`~credscore.features.kind_typer.KindTyper`."""
    from credscore.features.kind_typer import KindTyper

    return KindTyper.from_dict({**weights_json(vocab, model, {"version": "fit"}), "decide_at": decide_at})


def decided(rows: Sequence[dict[str, Any]], typer: Any, decide_at: float | None) -> list[str]:
    """Each row's kind with the typer deciding at ``decide_at`` as the scorer does
    (``SourceKinds.classify``, ``KindTyper.decide``): on rows whose typed phrase the resolver left as
    typed and no rule for its pattern settled; other rows keep the scorer's kind."""
    return [typer.decide(r["features"], r["rules"], decide_at)[0] if _typed(r) and not r.get("settled") else r["scorer"]
            for r in rows]


def out_of_fold(train: Sequence[dict[str, Any]], c: float, weight: str | None, seed: int, train_on: str,
                folds: int = 5) -> list[tuple[Any, list[int]]]:
    """Typers fitted on grouped (by article) folds of the train rows, each with its held-out rows."""
    out = []
    for fit_idx, held_idx in _grouped_folds(train, seed, folds):
        vocab, model = _fit(*_items([train[i] for i in fit_idx], train_on), c, weight)
        out.append((_typer(vocab, model), list(held_idx)))
    return out


def per_class_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    out = {}
    for kind in KINDS:
        tp = sum(g == p == kind for g, p in zip(gold, pred))
        fp = sum(p == kind != g for g, p in zip(gold, pred))
        fn = sum(g == kind != p for g, p in zip(gold, pred))
        out[kind] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return out


def weights_json(vocab: _Vocab, model: Any, meta: dict[str, Any]) -> dict[str, Any]:
    labels = [str(x) for x in model.classes_]
    coef = model.coef_.T  # features × labels
    return {"labels": labels, "features": vocab.names, "coef": [[round(float(v), 5) for v in row] for row in coef],
            "intercept": [round(float(v), 5) for v in model.intercept_], "version": meta["version"], "meta": meta}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.kind_typer", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--no-model", action="store_true")
    ex.add_argument("--model", default="default")
    ex.add_argument("--gold", type=Path, default=None, help="rows to read (default: the source mentions)")
    fit = sub.add_parser("fit")
    fit.add_argument("rows", type=Path)
    fit.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    fit.add_argument("--train-on", choices=("found", "gold", "both"), default="both",
                     help="train on the scorer's typed phrases, the gold phrases, or both (default)")
    fit.add_argument("--decide-at", type=float, default=0.5,
                     help="the typer's probability at which its kind replaces the rules' (shipped with the weights)")
    fit.add_argument("--write", action="store_true")
    fit.add_argument("--extra", type=Path, default=None,
                     help="extracted rows of another gold set (training/gold/us_news_mentions.jsonl) to train on too")
    fit.add_argument("--extra-split", nargs="+", default=["a"],
                     help="the splits of --extra rows to train on (the rest stay unread), e.g. a c d e f g h")
    args = parser.parse_args(argv)
    if args.command == "extract":
        scorer = _scorer_without_typer(None if args.no_model else args.model)
        records = extract(load_rows(args.gold, split="all") if args.gold else load_rows(split="all"), scorer)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return 0

    records = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines() if line.strip()]
    error_class = {r["id"]: r.get("error_class") for r in load_rows(split="all")}
    for r in records:  # the fields training.source_kinds.report reads
        r["kind"], r["error_class"] = r["gold"], error_class.get(r["id"])
    train = [r for r in records if r["split"] == "train"]
    dev = [r for r in records if r["split"] == "dev"]
    if args.extra is not None:
        extra = [json.loads(line) for line in args.extra.read_text(encoding="utf-8").splitlines() if line.strip()]
        train += [dict(r, kind=r["gold"], error_class=None) for r in extra if r["split"] in args.extra_split]
    print(f"rows with a typed source phrase: train {sum(map(_typed, train))} of {len(train)}, "
          f"dev {sum(map(_typed, dev))} of {len(dev)}; with a gold source phrase: train "
          f"{sum(bool(r.get('gold_features')) for r in train)}, dev {sum(bool(r.get('gold_features')) for r in dev)}")
    gold_dev = [r for r in dev if r.get("gold_features")]
    gold = [r["gold"] for r in dev]
    gold_train = [r["gold"] for r in train]
    before = [r["scorer"] for r in dev]
    figures = {"before": report(dev, before, seed=0),
               "gold phrases, rules": report(gold_dev, [r["gold_rules"] for r in gold_dev], seed=0)}
    print(f"rules: train accuracy {_accuracy(gold_train, [r['scorer'] for r in train]):.3f}, "
          f"dev {_accuracy(gold, before):.3f}")
    chosen = None
    for seed in args.seeds:
        c, weight, scores = choose(train, seed, args.train_on)
        vocab, model = _fit(*_items(train, args.train_on), c, weight)
        typer = _typer(vocab, model)
        print(f"seed {seed}: CV macro-F1 by C/class weight {json.dumps({k: round(v, 3) for k, v in scores.items()})}")
        print(f"  chosen C={c} class_weight={weight}; {len(vocab.names)} features")
        folds = out_of_fold(train, c, weight, seed, args.train_on)
        for at in DECIDE_GRID:
            held = [0] * len(train)
            for fold_typer, idx in folds:
                for i, k in zip(idx, decided([train[i] for i in idx], fold_typer, at)):
                    held[i] = k
            dev_kinds = decided(dev, typer, at)
            print(f"  decide_at {at:.1f}: train out-of-fold accuracy {_accuracy(gold_train, held):.3f} "
                  f"macro-F1 {_macro_f1(gold_train, held):.3f}; dev accuracy {_accuracy(gold, dev_kinds):.3f} "
                  f"macro-F1 {_macro_f1(gold, dev_kinds):.3f}")
        after = decided(dev, typer, args.decide_at)
        figures[f"after seed {seed}, decide_at {args.decide_at}"] = report(dev, after, seed=0)
        on_gold = [str(p) for p in model.predict(vocab.matrix([r["gold_features"] for r in gold_dev]))]
        figures[f"gold phrases, typer seed {seed}"] = report(gold_dev, on_gold, seed=0)
        if chosen is None:
            chosen = (c, weight, vocab, model, after, scores[f"{c}/{weight}"])
    assert chosen is not None
    for name, fig in figures.items():
        print(f"\n== dev, {name}")
        print(format_report(fig))
    print("\nper-class F1 (dev): " + "  ".join(f"{k}" for k in KINDS))
    print("before: " + "  ".join(f"{v:.3f}" for v in per_class_f1(gold, before).values()))
    print("after:  " + "  ".join(f"{v:.3f}" for v in per_class_f1(gold, chosen[4]).values()))
    if args.write:
        c, weight, vocab, model, after, cv = chosen
        extra = f" --extra {args.extra} --extra-split {' '.join(args.extra_split)}" if args.extra is not None else ""
        meta = {"version": "2", "command": f"python -m training.kind_typer fit {args.rows} --train-on {args.train_on}"
                f" --decide-at {args.decide_at}{extra}",
                "train_on": args.train_on,
                "C": c, "class_weight": weight, "train_rows": len(train), "cv_macro_f1": round(cv, 4),
                "min_count": MIN_COUNT, "seed": args.seeds[0]}
        data = {**weights_json(vocab, model, meta), "decide_at": args.decide_at}
        WEIGHTS.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

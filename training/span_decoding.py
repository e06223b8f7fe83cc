"""Choose the span decoder's settings on PolNeAR dev: one encoder pass, many decodings.

    python -m training.span_decoding --model runs/span-minilm [--content-only] [--write]

The heads run once over the dev windows; each setting of :class:`~credscore.model.spans.SpanDecoder`
(cue threshold, the lower threshold of lexicon cue words, one source, source gap, content gap,
smallest content fragment, cue gap, content as one best run a side, its bias and its snap to the
sentence's end) is decoded from the
cached outputs and scored with the exact-offset metric of ``training.evaluate`` (point F1s, no
bootstrap: the winner is then measured with intervals by ``credscore evaluate``). ``--write``
stores the best setting by whole-attribution F1 (ties: content, then source F1) in the model's
``attribution`` policy. Dev is where it is chosen, so its dev figures are slightly optimistic.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from training.evaluate import ROLES, attribution_counts, fragments

GRID = {
    "cue_threshold": (0.4, 0.5),
    "lexicon_threshold": (None, 0.3, 0.2),
    "one_source": (True,),
    "nearest_source": (False, True),
    "source_gap": (0, 2),
    "content_gap": (2,),
    "min_fragment": (3,),
    "cue_gap": (0, 1),
    "content_segments": (False, True),
}
#: then, from the best of :data:`GRID`, the best-run content's bias and its snap to the sentence's end
CONTENT_GRID = {
    "content_bias": (0.0, 0.25, 0.5),
    "content_snap": (0, 2, 3, 4),
    "content_snap_p": (0.1, 0.2, 0.35),
}


def cached_outputs(heads: Any, texts: list[str]) -> list[tuple[list[Any], np.ndarray, np.ndarray]]:
    """Per text (one window each): its words, tag logits and token states."""
    from credscore.model.spans import words_of

    heads._wordpieces.no_truncation()
    out = []
    cls_id, sep_id = heads._wordpieces.token_to_id("[CLS]"), heads._wordpieces.token_to_id("[SEP]")
    for text in texts:
        enc = heads._wordpieces.encode(text, add_special_tokens=False)
        ids = np.array([[cls_id, *enc.ids[:254], sep_id]], dtype=np.int64)
        result = heads._forward(ids, np.ones_like(ids))
        n = ids.shape[1]
        words = words_of([None, *enc.word_ids[:254], None], [(0, 0), *enc.offsets[:254], (0, 0)])
        out.append((words, result["attribution"][0, :n], result["states"][0, :n]))
    return out


def score(gold: list[Any], predicted: list[list[dict[str, Any]]], texts: list[str]) -> dict[str, float]:
    totals = {part: [0, 0, 0, 0] for part in ("cue", "source", "content", "attribution")}
    for g, p, t in zip(gold, predicted, texts):
        for part, counts in attribution_counts(g, p, t).items():
            totals[part] = [a + b for a, b in zip(totals[part], counts)]
    f1 = {}
    for part, (mp, np_, mg, ng) in totals.items():
        precision, recall = mp / max(np_, 1), mg / max(ng, 1)
        f1[part] = 2 * precision * recall / max(precision + recall, 1e-9)
    return f1


def choose_decoding(model_dir: str | Path, data_dir: str | Path | None = None, *, limit: int | None = None,
                    write: bool = False, content_only: bool = False) -> tuple[dict[str, Any], dict[str, float]]:
    """Decode PolNeAR dev with every setting of :data:`GRID`, then of :data:`CONTENT_GRID` from the
    best of those; return the best setting and its F1s.

    Each setting's figures are printed as they come. ``write=True`` stores the best setting in the
    model's ``attribution`` policy (``credscore_model.json``); ``limit`` caps the dev articles;
    ``content_only`` keeps the policy's own settings of :data:`GRID` and searches the content grid.
    """
    from credscore.model.checkpoint import CONFIG_FILE, read_config
    from credscore.model.heads import ModelHeads
    from training.data import load_polnear

    ds = load_polnear(data_dir, "dev", limit=limit)
    texts, gold = list(ds["text"]), list(ds["attributions"])
    heads = ModelHeads(model_dir, runtime="torch")
    base = heads._span_decoder()
    cache = cached_outputs(heads, texts)
    results: list[tuple[dict[str, Any], dict[str, float]]] = []

    def run(setting: dict[str, Any]) -> None:
        decoder = replace(base, **setting)
        predicted = [
            [{role: [list(f) for f in fragments(getattr(a, role), text)] for role in ROLES}
             for a in decoder.decode(text, words, logits, states)]
            for text, (words, logits, states) in zip(texts, cache)
        ]
        f1 = score(gold, predicted, texts)
        results.append((setting, f1))
        print(json.dumps(setting), " ".join(f"{k} {100 * v:.1f}" for k, v in f1.items()), flush=True)

    def key(r: tuple[dict[str, Any], dict[str, float]]) -> tuple[float, float, float]:
        return r[1]["attribution"], r[1]["content"], r[1]["source"]

    if content_only:
        run({name: getattr(base, name) for name in GRID})
    else:
        for values in itertools.product(*GRID.values()):
            run(dict(zip(GRID, values)))
    first = max(results, key=key)[0]
    if first["content_segments"]:
        for values in itertools.product(*CONTENT_GRID.values()):
            setting = dict(zip(CONTENT_GRID, values))
            if setting["content_snap"] or setting["content_snap_p"] == CONTENT_GRID["content_snap_p"][0]:
                run({**first, **setting})  # the floor matters only with a snap
    best, f1 = max(results, key=key)
    print("best:", json.dumps(best), " ".join(f"{k} {100 * v:.1f}" for k, v in f1.items()))
    if write:
        config = read_config(model_dir)
        config.attribution = {**config.attribution, **best}
        Path(model_dir, CONFIG_FILE).write_text(json.dumps(asdict(config), indent=1) + "\n", encoding="utf-8")
    return best, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.span_decoding", description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--data", default=None)
    parser.add_argument("--limit", type=int, default=None, help="dev articles, for a quick look")
    parser.add_argument("--write", action="store_true", help="store the best setting in the model's attribution policy")
    parser.add_argument("--content-only", action="store_true",
                        help="keep the policy's cue and source settings; search the content settings only")
    args = parser.parse_args(argv)
    choose_decoding(args.model, args.data, limit=args.limit, write=args.write, content_only=args.content_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())

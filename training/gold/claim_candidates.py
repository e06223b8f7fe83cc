"""Candidate claim pairs for labelling (training/gold/DATA_CARD.md says how they were used).

Natural pairs: for article pairs of article_pairs.jsonl, each sentence of one article (8-45 words)
with its most similar sentence of the other (content-word similarity of
credscore.corpus.claims_match at least 0.2, identical sentences left out), drawn at random, at
most five per related article pair and three per unrelated one, all from related pairs and the
rest drawn from unrelated ones up to 200, seed 31; then 24 more natural pairs not yet taken
(seed 32). Edited pairs (hard negatives by construction): a natural
sentence with a number or a date changed ("110,000" -> "120,000", "Monday" -> "Tuesday"); the edit
is recorded, and such a pair is labelled ``different`` unless the change leaves the claim the same.
Prints JSON lines (texts included: claims are short quotations)::

    python -m training.gold.claim_candidates > /tmp/claim_candidates.jsonl
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from credscore.corpus.claims_match import similarity
from credscore.corpus.signatures import assertions
from training.corpus_eval import article_texts

GOLD = Path(__file__).resolve().parent
_SENT = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentences(text: str, *, titled: bool = False) -> list[str]:
    """Sentences of 8-45 words; Reuters wraps its lines, so paragraphs are joined first (a BBC
    text's first line, its title, is left out)."""
    if titled:
        text = text.strip().partition("\n")[2]
    out = []
    for s in _SENT.split(re.sub(r"\s+", " ", text).strip()):
        if 8 <= len(s.split()) <= 45:
            out.append(s.strip())
    return out


def edit(s: str, rng: random.Random) -> tuple[str, str] | None:
    """The sentence with one number or weekday changed, and what was changed."""
    days = [d for d in _DAYS if re.search(rf"\b{d}\b", s)]
    nums = [m for m in re.finditer(r"\b\d[\d,.]*\d\b|\b[2-9]\b", s) if not re.fullmatch(r"(19|20)\d\d", m.group())]
    if nums and (not days or rng.random() < 0.7):
        m = rng.choice(nums)
        digits = [i for i, ch in enumerate(m.group()) if ch.isdigit()]
        i = digits[0]
        old = m.group()
        new = old[:i] + str((int(old[i]) % 9) + 1) + old[i + 1:]
        return s[: m.start()] + new + s[m.end():], f"{old} -> {new}"
    if days:
        d = days[0]
        other = _DAYS[(_DAYS.index(d) + 1) % 7]
        return re.sub(rf"\b{d}\b", other, s, count=1), f"{d} -> {other}"
    return None


def main() -> None:
    rng = random.Random(31)
    rows = [json.loads(line) for line in (GOLD / "article_pairs.jsonl").read_text().splitlines() if line.strip()]
    texts = article_texts({r[k] for r in rows for k in ("a", "b")})
    natural = []
    for r in rows:
        sa = sentences(texts[r["a"]][0], titled=r["a"].startswith("bbc/"))
        sb = sentences(texts[r["b"]][0], titled=r["b"].startswith("bbc/"))
        if not sa or not sb:
            continue
        ab = [assertions(s) for s in sb]
        found = []
        for s in sa:
            a = assertions(s)
            sim, j = max((similarity(a, b), j) for j, b in enumerate(ab))
            if sim >= 0.2 and s != sb[j]:
                found.append((s, sb[j], r))
        for s, t, r in rng.sample(found, min(3 if r["label"] == "unrelated" else 5, len(found))):
            natural.append({"claim_a": s, "claim_b": t, "from_pair": r["pair"], "pair_label": r["label"], "split": r["split"],
                            "kind": "natural"})
    related = [c for c in natural if c["pair_label"] != "unrelated"]
    others = [c for c in natural if c["pair_label"] == "unrelated"]
    natural = related + rng.sample(others, max(0, 200 - len(related)))
    rng.shuffle(natural)
    edited = []
    for c in rng.sample(natural, len(natural)):
        e = edit(c["claim_a"], rng)
        if e:
            edited.append({"claim_a": c["claim_a"], "claim_b": e[0], "from_pair": c["from_pair"], "pair_label": c["pair_label"],
                           "split": c["split"], "kind": "edited", "edit": e[1]})
        if len(edited) >= 110:
            break
    # a second draw (its own seed) of natural pairs not yet taken, to pass 300
    used = {(c["claim_a"], c["claim_b"]) for c in natural}
    extra = [c for c in related + others if (c["claim_a"], c["claim_b"]) not in used]
    extra = random.Random(32).sample(extra, min(24, len(extra)))
    for k, c in enumerate(natural + edited + extra):
        print(json.dumps({"pair": k, **c}))


if __name__ == "__main__":
    main()

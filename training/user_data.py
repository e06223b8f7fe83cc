"""A user's own labelled sentences for training: CSV or JSONL.

Columns: ``text`` (required) and any of ``checkworthy``, ``hedge``, ``weasel`` holding 0 or 1
(an empty cell means "not labelled for that task"). Every bad row is reported in one error.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from credscore.errors import InputError

LABEL_COLUMNS = ("checkworthy", "hedge", "weasel")


def read_user_data(path: str | Path) -> Iterator[tuple[str, str, int]]:
    """(task, text, label) for every labelled cell; raises InputError listing every bad row."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "does not exist or is not a file")
    if path.suffix.lower() == ".csv":
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(enumerate(csv.DictReader(handle), start=2))
    else:
        rows = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    rows.append((n, json.loads(line)))
                except json.JSONDecodeError as exc:
                    rows.append((n, {"__error__": str(exc)}))
    problems: list[str] = []
    found: list[tuple[str, str, int]] = []
    for n, row in rows:
        if "__error__" in row:
            problems.append(f"line {n}: not JSON ({row['__error__']})")
            continue
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"line {n}: no 'text'")
            continue
        labelled = bad_label = False
        for task in LABEL_COLUMNS:
            value = row.get(task)
            if value in (None, ""):
                continue
            if str(value).strip() not in ("0", "1"):
                problems.append(f"line {n}: {task} must be 0 or 1, not {value!r}")
                bad_label = True
                continue
            found.append((task, text, int(str(value).strip())))
            labelled = True
        if not labelled and not bad_label:
            problems.append(f"line {n}: no label in any of {', '.join(LABEL_COLUMNS)}")
    if problems:
        raise InputError(str(path), f"{len(problems)} bad row(s): " + "; ".join(problems[:20]))
    yield from found

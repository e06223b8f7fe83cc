"""Writes a notebook from ``(kind, source)`` cells, so each notebook's source lives in a builder script and diffs as code."""

from pathlib import Path

import nbformat as nbf


def write(cells: list[tuple[str, str]], path: Path) -> None:
    """``kind`` is "md" or "code"; the notebook gets a Python 3 kernel spec."""
    nb = nbf.v4.new_notebook()
    nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbf.write(nb, path)

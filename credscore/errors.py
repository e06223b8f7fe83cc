"""Every error and warning credscore raises, in one place.

Each message says what failed, what was received, and how to fix it. Exception classes
also inherit the matching builtin, so ``except ValueError`` in a host pipeline still works.
"""

from __future__ import annotations


class CredscoreError(Exception):
    """Base class of every error credscore raises on purpose."""


class InputError(CredscoreError, ValueError):
    """An input (file, record, string) that cannot be scored.

    ``input_name`` names the input (a path, ``<stdin>``, a record id or ``<text>``) and
    ``problem`` says what is wrong with it, so a batch can report the failure and move on.
    """

    def __init__(self, input_name: str, problem: str, hint: str | None = None) -> None:
        self.input_name = input_name
        self.problem = problem
        self.hint = hint
        message = f"{input_name}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class LexiconError(CredscoreError, ValueError):
    """A shipped or user-supplied lexicon file has bad lines; all of them are listed."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems
        listed = "\n  ".join(problems)
        super().__init__(f"lexicon {name!r} has {len(problems)} bad line(s):\n  {listed}")


class ModelLoadError(CredscoreError, OSError):
    """A model directory or language pipeline is missing or corrupt. Never fall back silently."""


class NotFittedError(CredscoreError, ValueError, AttributeError):
    """A fitted component was used before ``fit``."""


class CredscoreWarning(UserWarning):
    """Base class of credscore's warnings (encoding fallbacks, non-English text, truncation)."""

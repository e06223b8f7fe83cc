"""What reaches a person's terminal: text with its control characters escaped, and progress.

The CLI's messages, log lines and progress bar go through here, so article text or a file name
shown on stderr never acts on the terminal.
"""

from __future__ import annotations

import re
import sys
from typing import IO

#: C0 and C1 controls (ESC starts the sequences that recolour, move the cursor or retitle a
#: terminal; CR overwrites a line) and the bidirectional overrides that reorder what is shown
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": r"\n", "\r": r"\r", "\t": r"\t"}


def for_terminal(text: str, *, keep: str = "\n\t") -> str:
    r"""``text`` with its control characters written as escapes, except those in ``keep``, so that
    article text or a file name printed to a terminal shows what it holds instead of acting on it.

    >>> print(for_terminal("red\x1b[31m text\r\n", keep=""))
    red\x1b[31m text\r\n
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _CONTROLS.sub(escape, text)


# -- progress -------------------------------------------------------------------------------------


class Progress:
    """A tqdm bar on stderr with rate and ETA, or nothing (``enabled=False``, or no tqdm).

    Messages go through :meth:`write` so they do not tear the bar; their control characters are
    escaped (:func:`for_terminal`).
    """

    def __init__(self, *, total: int | None, enabled: bool, initial: int = 0, unit: str = "article") -> None:
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - tqdm comes with spaCy
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(total=total, initial=initial, unit=unit, file=sys.stderr,
                                dynamic_ncols=True, mininterval=0.5, smoothing=0.1)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def write(self, message: str) -> None:
        message = for_terminal(message)
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def progress_enabled(*, quiet: bool, stream: IO[str] | None = None) -> bool:
    """Show progress only to a person: not with ``--quiet``, not when stderr is a file or pipe."""
    stream = stream or sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False

"""What `nq02` prints goes through here: text taken from documents (titles, passages, file names) can carry
control characters and terminal escape sequences (ESC [ ... that move the cursor, retitle the window or hide
text); they are removed before they reach the terminal. JSON output is safe already (its encoder escapes
C0 characters) and passes through the same filter unchanged."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls (0x9B is a one-byte CSI), and bidirectional overrides that
# reorder what the reader sees (CVE-2021-42574, "Trojan Source")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep_cr: bool = False) -> str:
    """`text` without control characters, escape sequences or bidi overrides (newlines and tabs kept)."""
    return (_UNSAFE_KEEP_CR if keep_cr else _UNSAFE).sub("", text)


class _Filtered:
    """A text stream that removes what `printable` removes from everything written to it."""

    def __init__(self, stream: TextIO, keep_cr: bool) -> None:
        self._stream, self._keep_cr = stream, keep_cr

    def write(self, text: str) -> int:
        self._stream.write(printable(text, self._keep_cr))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def guarded_output() -> Iterator[None]:
    """Filter stdout and stderr while the block runs (stderr keeps `\r`, which the progress bar uses)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = _Filtered(saved[0], keep_cr=False)  # type: ignore[assignment]
    sys.stderr = _Filtered(saved[1], keep_cr=True)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved

"""The Vietnamese layer's vocabularies: tab-separated data files in `data/`, read once.

Each file starts with `#` lines saying what it holds and where it comes from (see `data/README.md`); blank
lines and comments are skipped. Code never keeps a word list of its own: it asks this module.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `data/<name>.tsv`, each a tuple of its tab-separated fields (trailing empties kept)."""
    text = (DATA / f"{name}.tsv").read_text(encoding="utf-8")
    return tuple(
        tuple(f.strip() for f in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def column(name: str, index: int = 0, where: tuple[int, str] | None = None) -> tuple[str, ...]:
    """One column of a data file, optionally only rows whose field `where[0]` equals `where[1]`."""
    return tuple(
        r[index]
        for r in rows(name)
        if len(r) > index and (where is None or (len(r) > where[0] and r[where[0]] == where[1]))
    )


# Read only when a question is read, never while a document is indexed (tested): their rows are not part of the
# pipeline version, so a new question cue does not re-index the corpus.
QUERY_TIME = frozenset(
    {"intents", "interrogatives", "followups", "positions", "asked_bodies", "header_questions", "numeral_parts"}
)

CODE_VERSION = "3"  # change when the layer's code reads text differently: documents are re-indexed


def fingerprint() -> str:
    """`1-a1b2c3d4`: the layer's code version and a hash of every row read at index time (the pipeline
    version's part)."""
    digest = hashlib.sha1()
    for path in sorted(p for p in DATA.glob("*.tsv") if p.stem not in QUERY_TIME):
        digest.update(path.name.encode())
        digest.update(repr(rows(path.stem)).encode())
    return f"{CODE_VERSION}-{digest.hexdigest()[:8]}"

"""The abbreviations the benchmarks rewrite dev text with (`eval/data/abbreviations.tsv`), one table for all.

The product has its own glossary (`ingest/vn/glossary.py`); the benchmarks keep theirs apart, so that what they
plant or ask is not made by the code they measure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "abbreviations.tsv"


@cache
def _rows() -> tuple[tuple[str, str, frozenset[str]], ...]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            full, short, uses = line.split("\t")  # fields keep their spaces: `Nghị định số ` -> `NĐ `
            rows.append((full, short, frozenset(uses.strip().split(","))))
    return tuple(rows)


def pairs(use: str) -> tuple[tuple[str, str], ...]:
    """(full form, abbreviation) pairs of one use (`draft`, `question`, `check_body`, `check_type`), in file order."""
    return tuple((full, short) for full, short, uses in _rows() if use in uses)

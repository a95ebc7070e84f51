"""The words that describe a fact: those around its value in the same statement, counted as words (figures and
calendar words not counted), an abbreviation read as its full form (`ingest.vn.facts` reads values with them)."""

from __future__ import annotations

import re

from ingest.vn import dates, glossary, vntext
from ingest.vn.words import FUNCTION_WORDS, content_terms

STOP = FUNCTION_WORDS | dates.calendar_words_flat()


def content(tokens: list[str]) -> set[str]:
    """The content syllables of a fact's neighbourhood, an abbreviation read as its full form (`NQ` as `Nghị quyết`,
    `UBND` as `Ủy ban nhân dân`): a draft abbreviates what its source spells out."""
    full = glossary.flat_expansions()
    spelled = [s for t in tokens for s in full.get(t.lower(), (t,))]
    return content_terms(spelled, STOP, min_len=2)


def tokens_with_offsets(text: str) -> list[tuple[str, int]]:
    return [(vntext.strip_tones(m.group(0)), m.start()) for m in re.finditer(r"\w+", text)]


def around(
    tokens: list[tuple[str, int]], start: int, end: int, window: int, year_window: int, text: str = ""
) -> tuple[frozenset[str], frozenset[str]]:
    """Content syllables within `window` words either side of [start, end), and the years nearby, in the same
    statement (`text` given: no `;` between; `A quý III/2026; đồng thời, B năm 2023 ... 384` frames 384 by 2023)."""
    if not tokens:
        return frozenset(), frozenset()
    idx = [i for i, (_, off) in enumerate(tokens) if start <= off < end]
    if not idx:
        idx = [min(range(len(tokens)), key=lambda i: abs(tokens[i][1] - start))]
    lo, hi = _reach(tokens, idx[0], -1, window), _reach(tokens, idx[-1], 1, window) + 1
    near = [t for i, (t, off) in enumerate(tokens[lo:hi], start=lo)
            if i not in idx and ";" not in text[min(off, start) : max(off, end)]]  # fmt: skip
    ylo, yhi = max(0, idx[0] - year_window), min(len(tokens), idx[-1] + year_window + 1)
    years = frozenset(
        t for i, (t, off) in enumerate(tokens[ylo:yhi], start=ylo)
        if i not in idx and dates.YEAR.fullmatch(t) and ";" not in text[min(off, start) : max(off, end)]
    )  # fmt: skip
    return frozenset(content(near)), years


def _reach(tokens: list[tuple[str, int]], at: int, step: int, window: int) -> int:
    """The index `window` words from `at` in the direction `step`, figures and calendar words not counted: a date
    spelled `ngày 30 tháng 6 năm 2025` takes no more of the window than `30/6/2025`."""
    calendar = dates.calendar_words_flat()
    counted, i = 0, at
    while 0 <= i + step < len(tokens) and counted < window:
        i += step
        word = tokens[i][0].lower()
        counted += not (word.isdigit() or word in calendar)
    return i

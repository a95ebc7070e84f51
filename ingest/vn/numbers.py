"""Figures written the Vietnamese way (`1.500`, `5,5`, `85%`, `500 nghìn tỷ`, `ba năm`): found and valued once.

A dot groups thousands and a comma marks decimals (`2.500.000`, `3,5`); a dotted figure that does not group
thousands (`66.19`) is read as written. Spelt-out numerals and scale words come from `data/number_words.tsv`.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.vn import vocab

# a figure standing alone (not part of a number such as `02/NQ-TW` or `1:50.000`), with an optional per cent
NUMBER = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s?(%))?(?![\w/])")
# any run of digits with separators, as they appear inside dates and numbers too
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[.,]\d+)?)\s?%")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_UNIT_WORDS = 3


@cache
def spelt() -> dict[str, int]:
    """`ba` -> 3 for the numerals one to ten."""
    return {w: int(v) for w, v in zip(*(vocab.column("number_words", i, (2, "digit")) for i in (0, 1)), strict=True)}


@cache
def scales() -> dict[str, float]:
    """`tỷ` -> 1e9."""
    return {w: float(v) for w, v in zip(*(vocab.column("number_words", i, (2, "scale")) for i in (0, 1)), strict=True)}


@cache
def spelt_or_digit() -> re.Pattern[str]:
    """A digit or a spelt-out numeral (`3`, `ba`), case-insensitive."""
    return re.compile(r"\d|\b(?:" + "|".join(spelt()) + r")\b", re.IGNORECASE)


def value(written: str) -> float:
    """`1.500` -> 1500, `5,5` -> 5.5, `07` -> 7, `66.19` -> 66.19."""
    if _THOUSANDS.fullmatch(written):
        return float(written.replace(".", "").replace(",", "."))
    return float(written.replace(",", "."))


def canonical(written: str) -> str:
    """The value as a comparable string: `07` and `7` -> `7`, `1.500` -> `1500`, `5,50` -> `5.5`; a run of parts
    that is no number (`66.4.2025`, a date or a numbered part written with dots) as written."""
    try:
        text = f"{value(written):f}".rstrip("0").rstrip(".")
    except ValueError:
        return written
    return text or "0"


def numbers_in(text: str) -> set[str]:
    """Every figure in `text` (years, counts, parts of dates) as canonical values."""
    return {canonical(m) for m in DIGITS.findall(text)}


def quantity(written: str, following: str) -> tuple[float, str]:
    """`1.500` + ` tấn ...` -> (1500, `tấn`); `500` + ` nghìn tỷ đồng` -> (5e14, `đồng`): the value with the scale
    words after it applied, and up to two unit words. `tỷ lệ`/`tỷ trọng` is a ratio, not a scale."""
    amount = value(written)
    words = following.split()[:_UNIT_WORDS]
    unit_words: list[str] = []
    for i, w in enumerate(words):
        low = w.lower().strip(",.;:()")
        ratio = i + 1 < len(words) and words[i + 1].lower().startswith(("lệ", "trọng"))
        if low in scales() and not unit_words and not ratio:
            amount *= scales()[low]
            continue
        if low:
            unit_words.append(low)
    return amount, " ".join(unit_words[:2])


def is_year(written: str) -> bool:
    """A four-digit figure from 1900 to 2099, read as a year rather than a quantity."""
    return bool(re.fullmatch(r"(?:19|20)\d{2}", written))


# `từ 10 đến 20`, `từ ngày X đến (hết) ngày Y`: the words between the ends of a range and before its start
RANGE_BETWEEN = re.compile(r"\s*(?:đến|tới|-|–)(?:\s+hết)?\s*")  # `đến hết ngày ...`: the end included
RANGE_FROM = re.compile(r"\btừ\s*$", re.IGNORECASE)


@cache
def measures() -> frozenset[str]:
    """Units of measure (data/units.tsv kinds quantity and time: `tấn`, `ha`, `đồng`, `ngày`): what a figure with
    a decimal part can carry; a count noun (`giấy phép`, `sinh viên`) cannot (`5,0 sinh viên` is a score `5,0`
    followed by the next clause's subject)."""
    return frozenset(f for _, written, kind, *_ in vocab.rows("units") if kind in ("quantity", "time")
                     for f in written.split(","))  # fmt: skip


@cache
def generic_units() -> frozenset[str]:
    """Units that recur in unrelated sentences (`07 ngày`, `30 %`, `2 lần`): calendar units, per cent, counts of
    occasions or people (data/units.tsv); a specific unit (`giấy phép`, `tấn`) names what is counted."""
    forms = [f for key, written, kind, *_ in vocab.rows("units") if kind in ("time", "generic") or key == "phan tram"
             for f in written.split(",")]  # fmt: skip
    return frozenset(forms)


@cache
def _numeral_parts() -> dict[str, tuple[int, str]]:
    return {w: (int(v), role) for w, v, role, *_ in vocab.rows("numeral_parts")}


def spelt_value(words: str) -> int | None:
    """`mười lăm` -> 15, `hai mươi tư` -> 24, `một trăm linh năm` -> 105: a numeral spelt out, None if the words
    are no numeral."""
    total = current = 0
    parts = _numeral_parts()
    tokens = words.lower().split()
    for i, t in enumerate(tokens):
        value, role = parts.get(t, (spelt().get(t, -1), "digit"))
        if (role == "digit" and value >= 0) or (role == "after_tens" and current >= 10):
            current += value
        elif role == "tens" and 0 < current < 10:
            current *= value
        elif role == "hundred" and 0 < current < 10:
            total, current = total + current * value, 0
        elif role != "zero" or i == 0:
            return None
    return total + current if tokens else None


# a figure followed by its numeral in words, as legal writing gives a duration (`03 (ba) ngày`)
_FIGURE_IN_WORDS = re.compile(r"(?<![\w/.,])(\d{1,4})\s*\(\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,5})\s*\)")


def figures_unlike_their_words(text: str) -> list[str]:
    """The places a figure and the numeral written after it differ (`04 (ba)`): the text states two values."""
    out = []
    for m in _FIGURE_IN_WORDS.finditer(text):
        said = spelt_value(m.group(2))
        if said is not None and said != int(m.group(1)):
            out.append(m.group(0))
    return out

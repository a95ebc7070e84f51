"""Dates, months, years and periods in the ways official documents and reports write them.

`26/7/2021`, `26-07-2021`, `26.7.2021` and `ngày 26 tháng 7 năm 2021` are one date; `tháng 7 năm 2021` and
`tháng 7/2021` one month; `2021-2025` a period of years. The formats follow Nghị định 30/2020/NĐ-CP (Phụ lục
I: the date line of a document) and the usual ways reports cite dates. Calendar words come from
`data/units.tsv`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from ingest.vn import vntext, vocab

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")
DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
WORDY_FLAT = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})")
MONTH_YEAR = re.compile(r"tháng\s+(\d{1,2})\s*(?:,\s*)?(?:năm|/)\s*((?:19|20)\d{2})", re.IGNORECASE)
# a quarter, as plans and task tables set deadlines (`quý II/2026`, `Quý 3 năm 2025`, `Quý III, năm 2022`)
QUARTER = re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:,\s*)?(?:năm|/|-)\s*((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def quarter(m: re.Match[str]) -> str:
    """`quý II/2026` -> `2026-Q2`."""
    q = m.group(1).lower()
    return f"{m.group(2)}-Q{_ROMAN.get(q) or int(q)}"


# `ngày 31 tháng 8 hằng năm`: a recurring date without a year
# `ngày 31 tháng 8`, and in a range `từ 01 tháng 01 đến 31 tháng 12` without `ngày` (not `02 tháng 10 ngày`, a span)
DAY_MONTH = re.compile(
    r"(?:ngày\s+)?(?<![\d.,/])(\d{1,2})\s+tháng\s+(\d{1,2})(?!\d)(?!\s*(?:năm|/)\s*(?:19|20)\d{2})(?!\s+ngày)",
    re.IGNORECASE,
)
# `trước năm 2030`, `đến năm 2025`: a year set as a target
YEAR_TARGET = re.compile(r"(?:trước|đến|vào|từ|sau|hết|sang)\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
# `Năm 2025, ...`, `Trong năm 2025, ...`: the year a sentence opens with, the period of what it states
YEAR_LEAD = re.compile(r"^\W*(?:(?:trong|cuối|đầu|giữa)\s+)?năm\s+((?:19|20)\d{2})\s*,", re.IGNORECASE)
# `... trong năm 2025.`: the same period written at the sentence's end, as editors often move it
YEAR_TRAIL = re.compile(r"[,\s](?:trong|cuối|đầu|giữa)\s+năm\s+((?:19|20)\d{2})\s*[.;]?\s*$", re.IGNORECASE)
# a year a clause is about, anywhere in it (`... hết hiệu lực trong năm 2025 tại Biểu số 06`)
YEAR_WITHIN = re.compile(r"(?:trong|cuối|đầu|giữa)\s+năm\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
MAX_PERIOD_YEARS = 30


@cache
def calendar_words() -> tuple[str, ...]:
    """`năm`, `tháng`, `ngày`, `tuần`, `giờ`, `quý` (toned)."""
    return tuple(f.split(",")[0] for f in vocab.column("units", 1, where=(2, "time")))


@cache
def calendar_words_flat() -> frozenset[str]:
    return frozenset(vocab.column("units", 0, where=(2, "time")))


@cache
def dateish() -> re.Pattern[str]:
    """Something that reads as a point in time: a year or a calendar word."""
    words = "|".join(f.split(",")[0] for f in vocab.column("units", 1, where=(3, "point")))
    return re.compile(r"\b(?:19|20)\d{2}\b|\b(?:" + words + r")\b", re.IGNORECASE)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[str, date]]:
    """Dates written as `26/7/2021`, `26-07-2021`, `26.7.2021` or `ngày 26 tháng 7 năm 2021` (toned or not)."""
    out: list[tuple[int, str, date]] = []
    for rx in (DMY, WORDY):
        for m in rx.finditer(text):
            d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                out.append((m.start(), m.group(0), d))
    flat = vntext.strip_tones(text)
    if len(flat) == len(text):
        for m in WORDY_FLAT.finditer(flat):
            d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d and not any(s == m.start() for s, _, _ in out):
                out.append((m.start(), text[m.start() : m.end()], d))
    return [(w, d) for _, w, d in sorted(out, key=lambda t: t[0])]


def in_words(text: str) -> str:
    """`text` with each date written with numbers (`25/6/2015`, `25-6-2015`) written as official text spells it
    (`ngày 25 tháng 6 năm 2015`), so both forms read alike word by word."""

    def spelled(m: re.Match[str]) -> str:
        said = f"{int(m.group(1))} tháng {int(m.group(2))} năm {m.group(3)}"
        before = text[max(0, m.start() - 5) : m.start()].lower()
        return said if before.rstrip().endswith(("ngày", "ngay")) else f"ngày {said}"

    return DMY.sub(spelled, text)


def written(iso: str) -> str:
    """`2021-07-26` -> `26/7/2021`: a date as official text writes it (day and month without leading zeros)."""
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def find_month_years(text: str) -> list[str]:
    """`tháng 7 năm 2021` and `tháng 7/2021` as `2021-07`."""
    return [f"{int(y):04d}-{int(m):02d}" for m, y in MONTH_YEAR.findall(text) if 1 <= int(m) <= 12]


def years_in(text: str) -> list[str]:
    """The years written in `text`, as written, in order."""
    return YEAR.findall(text)


def years_covered(text: str) -> list[int]:
    """Every year `text` names, periods (`2021-2025`, at most 30 years) filled in, sorted."""
    years = {int(y) for y in YEAR.findall(text)}
    for a, b in PERIOD.findall(text):
        if 0 < int(b) - int(a) <= MAX_PERIOD_YEARS:
            years.update(range(int(a), int(b) + 1))
    return sorted(years)

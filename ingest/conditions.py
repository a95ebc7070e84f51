"""Payload filter conditions, backend-neutral (each store turns them into its Qdrant filter)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Condition:
    """One filter condition: `key` equals any of `any_of`, or lies in [gte, lte]; `negate` inverts it."""

    key: str
    any_of: tuple[Any, ...] = ()
    gte: float | None = None
    lte: float | None = None
    negate: bool = False


MAX_FILTERS = 20
MAX_FILTER_CHARS = 300
YEARS = (1900, 2200)  # a year filter outside these bounds is a typo, not a request


def _year(text: str, item: str) -> int:
    """One year of a filter, within `YEARS` (a 30-digit 'year' is refused, not passed to the store)."""
    from ingest.errors import QueryError

    text = text.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and YEARS[0] <= int(text) <= YEARS[1]):
        raise QueryError(f"Năm '{text}' không hợp lệ: năm phải có 4 chữ số, từ {YEARS[0]} đến {YEARS[1]}.",
                         f"bad year in filter {item[:80]!r}")  # fmt: skip
    return int(text)


def parse_filters(items: Iterable[str]) -> list[Condition]:
    """`KEY=VALUE` strings to conditions; `year=2020..2023` is a range; `a|b` means either value.

    Bounded before anything reaches the store: at most `MAX_FILTERS` filters of `MAX_FILTER_CHARS` characters,
    years of four digits within `YEARS`; anything else is refused with a Vietnamese message.
    """
    from ingest.errors import QueryError
    from ingest.payload import FILTER_FIELDS

    items = list(items)
    if len(items) > MAX_FILTERS:
        raise QueryError(f"Quá nhiều bộ lọc (tối đa {MAX_FILTERS}).", f"{len(items)} filters")
    conditions = []
    for item in items:
        if not isinstance(item, str) or len(item) > MAX_FILTER_CHARS:
            raise QueryError(f"Bộ lọc không hợp lệ (mỗi bộ lọc là một chuỗi tối đa {MAX_FILTER_CHARS} ký tự).",
                             f"bad filter of type {type(item).__name__}")  # fmt: skip
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in FILTER_FIELDS or not value:
            raise QueryError(
                f"Bộ lọc '{item}' không hợp lệ. Dùng dạng KHÓA=GIÁ_TRỊ với khóa là một trong: "
                + ", ".join(sorted(FILTER_FIELDS)),
                f"bad filter {item!r}",
            )
        if key == "year":
            lo, dots, hi = value.partition("..")
            if dots:
                low, high = (_year(lo, item) if lo.strip() else None), (_year(hi, item) if hi.strip() else None)
                conditions.append(Condition(key, gte=low, lte=high))
            else:
                conditions.append(Condition(key, tuple(_year(v, item) for v in value.split("|"))))
        else:
            conditions.append(Condition(key, tuple(v.strip() for v in value.split("|"))))
    return conditions

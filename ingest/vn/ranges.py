"""The two ends of a range (`từ ngày X đến ngày Y`, `từ 10 ngày đến 15 ngày`, `từ 1:10.000 đến 1:5.000`): both are
described by the words around the range and told apart by their role, marked in their context (`~tu`, `~den`):
the end of a range has no describing words of its own (`... năm 2014 đến ngày 30 tháng 6 năm 2025`), and a lower
bound states no upper one."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Any, TypeVar

from ingest.vn import numbers

F = TypeVar("F", bound=Any)  # a `facts.Fact` (not imported: `facts` marks its ranges here)
ENDS = frozenset({"~tu", "~den"})
_SCALE_PREFIX = re.compile(r"1\s?:\s?$")  # a map scale's `1:` before its denominator, the value read


def marked(text: str, facts: list[F]) -> list[F]:
    """`facts` of one sentence with each range's two ends marked by their role."""
    out = list(facts)
    ordered = sorted(range(len(out)), key=lambda i: out[i].start)
    for i, j in itertools.pairwise(ordered):
        a, b = out[i], out[j]
        if a.kind != b.kind or a.kind not in ("date", "daymonth", "number"):
            continue
        between = text[a.start + len(a.text) : b.start].lstrip()
        unit = a.unit.split()[0] if a.kind == "number" and a.unit.split() else ""
        if unit and between.startswith(unit):  # `10 ngày đến 15 ngày`: the first end's unit written with it
            between = between[len(unit) :]
        between = _SCALE_PREFIX.sub("", between)
        if numbers.RANGE_BETWEEN.fullmatch(between) and numbers.RANGE_FROM.search(
            _SCALE_PREFIX.sub("", text[: a.start])
        ):
            both = a.context | b.context
            out[i] = replace(a, context=both | {"~tu"})
            out[j] = replace(b, context=both | {"~den"})
    return out


def other_ends(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two contexts (`Fact.context`) of a range's two ends: each marked, with another role."""
    return bool(a & ENDS and b & ENDS and (a & ENDS) != (b & ENDS))

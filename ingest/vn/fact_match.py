"""How two facts line up: the same kind, about the same thing (overlapping context, compatible unit, period,
document, table item and role), as the draft checker and the answer layer compare them."""

from __future__ import annotations

from ingest.settings import Heuristics
from ingest.vn.facts import SCALE, Fact
from ingest.vn.qualifiers import other_cases
from ingest.vn.ranges import other_ends
from ingest.vn.words import overlap as _overlap

_DEFAULT = Heuristics()  # thresholds when the caller gives none
_SAME_ROLE = 0.75  # share of the smaller set of syllables the other has: the same column role, the same table item


def overlap(a: Fact, b: Fact) -> float:
    """How much two facts' contexts agree (0..1, relative to the smaller context)."""
    return _overlap(a.context, b.context)


def same_subject(a: Fact, b: Fact, min_overlap: float | None = None, max_ratio: float | None = None) -> bool:
    """Facts of the same kind about the same thing: overlapping context, compatible unit, years and document
    (thresholds: the run's Heuristics, else their defaults)."""
    min_overlap = _DEFAULT.fact_min_overlap if min_overlap is None else min_overlap
    max_ratio = _DEFAULT.fact_max_ratio if max_ratio is None else max_ratio
    if a.kind != b.kind:
        return False
    if a.kind != "year" and a.years and b.years and not (a.years & b.years):
        return False
    if a.kind == "date" and a.anchor and b.anchor:
        return a.anchor == b.anchor  # the dates of one cited document
    if a.item and b.item and _overlap(a.item, b.item) < _SAME_ROLE:
        return False  # two rows of a table: two items (`Than`, `Dolomit`), whatever their columns share
    if other_cases(a.case, b.case) or other_ends(a.context, b.context):
        return False  # one rule's figures for two cases (`36 tháng ... nhóm I, nhóm II`; `18 tháng ... nhóm III`),
        # or the two ends of a range (`từ 1:10.000 đến 1:5.000`: a lower bound states no upper one)
    if a.about and b.about and a.about != b.about:
        return False  # dates in clauses about two documents (two laws' effective dates in a list)
    if a.kind == "date" and bool(a.anchor) != bool(b.anchor):
        return False  # a document's own date (written after its number) and a date of something else
    if a.kind == "number" and not _comparable_numbers(a, b, max_ratio):
        return False
    if a.kind == "docnum":
        return _code(a.value) == _code(b.value) and overlap(a, b) >= min_overlap / 2
    if a.kind == "role" and _overlap(frozenset(a.unit.split()), frozenset(b.unit.split())) < _SAME_ROLE:
        return False  # bodies in two roles (`Cơ quan chủ trì`, `Cơ quan phối hợp`; `... chủ trì thực hiện` is one)
    if a.kind == "provision" and a.unit and b.unit and a.unit.split()[:3] != b.unit.split()[:3]:
        return False  # provisions of two documents
    return overlap(a, b) >= min_overlap


def same_unit(a: Fact, b: Fact) -> bool:
    """`b` counts what `a` counts: the same first unit word when `a` gives a unit (`13 khu vực` is not stated by
    `13 điểm mỏ`), and a map scale only ever matches a map scale."""
    if (a.unit == SCALE) != (b.unit == SCALE):
        return False
    return not a.unit.strip() or a.unit.split()[:1] == b.unit.split()[:1]


def _comparable_numbers(a: Fact, b: Fact, max_ratio: float) -> bool:
    """Same unit (when the claim gives one) and the same order of magnitude."""
    if not same_unit(a, b):
        return False
    x, y = abs(float(a.value)), abs(float(b.value))
    return min(x, y) > 0 and max(x, y) / min(x, y) <= max_ratio


def _code(key: str) -> str:
    """`5-nq-bcsdtnmt` -> `nq-bcsdtnmt`: the part of a document number that names type and issuer."""
    return key.split("-", 1)[1] if "-" in key else key

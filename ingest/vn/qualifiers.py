"""The case a figure is stated for: what its clause names with `đối với` (`data/statements.tsv`, kind `case`).

Legal Vietnamese states one rule's figures case by case (`a) 36 tháng ... đối với khoáng sản nhóm I, nhóm II;
b) 18 tháng ... đối với khoáng sản nhóm III`): the words beside the two figures are the same, the case is what
tells them apart. A figure is compared only with a figure whose case its own does not exclude (one names a case
the other's words do not: `nhóm III` against `nhóm I, nhóm II`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any, TypeVar

from ingest.vn import fact_context, vocab

F = TypeVar("F", bound=Any)  # a `facts.Fact` (not imported: `facts` reads its figures' cases here)

_CLAUSE = re.compile(r"[;\n]")  # a figure's clause: its statement, or its item of a list
# a case named after its figure runs to the end of the clause, or to the next figure (`18 tháng đối với tổ chức
# hoặc 12 tháng đối với cá nhân`)
_CASE_END = re.compile(r"[;.:()\n]|(?:,|\s(?:hoặc|và|còn))\s+\d")
_FRONTED_END = re.compile(r"[,;.:()\n]")  # `Đối với X, ...`: a case named before its figure ends at the comma
_OPENING = re.compile(r"[\s\-+•]*(?:(?:\d+(?:\.\d+)*|[a-zđ])[.)]\s*)?")  # what may stand before a fronted case
_ROMAN = re.compile(r"(?<!\w)[IVX]{1,4}(?!\w)")
_MAX_WORDS = 10  # the words of a case read at most (a noun phrase, not the rest of the sentence)


@cache
def _marker() -> re.Pattern[str]:
    words = "|".join(vocab.column("statements", 1, where=(0, "case")))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def case_words(text: str, start: int) -> frozenset[str]:
    """The content syllables of the case the clause around `start` names, or none: the case fronted at the
    clause's opening (`Đối với đề án ... nhóm III, ...`) with the one named nearest the figure, when another
    (`... 03 năm đối với người có trình độ trung cấp`): a rule for a case, stated person by person."""
    lo = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    hi_match = _CLAUSE.search(text, start)
    hi = hi_match.start() if hi_match else len(text)
    marks = list(_marker().finditer(text, lo, hi))
    if not marks:
        return frozenset()
    nearest = min(marks, key=lambda x: abs(x.start() - start))
    case = _phrase(text, nearest, start, hi)
    if marks[0] is not nearest and _OPENING.fullmatch(text, lo, marks[0].start()):
        case |= _phrase(text, marks[0], start, hi)  # the case fronted at the clause's opening holds too
    return case


def _phrase(text: str, m: re.Match[str], start: int, hi: int) -> frozenset[str]:
    """The content syllables of the case the marker `m` opens (to the comma when fronted, else the clause end)."""
    before = m.start() < start
    end = (_FRONTED_END if before else _CASE_END).search(text, m.end(), hi)
    phrase = text[m.end() : end.start() if end else hi]
    # a case before its figure ends at its comma: read whole (`các đề án ... nhóm I hoặc nhóm II`)
    words = [t for t, _ in fact_context.tokens_with_offsets(phrase)][: 2 * _MAX_WORDS if before else _MAX_WORDS]
    # a class named by a Roman numeral (`nhóm I`, `loại II`) is told apart by it, however short
    return frozenset(fact_context.content(words) | {r.lower() for r in _ROMAN.findall(phrase)})


def qualified(text: str, facts: list[F]) -> list[F]:
    """The figures of `text` (one sentence) with the case each is stated for."""
    if not _marker().search(text):
        return facts
    return [replace(f, case=case_words(text, f.start)) if f.kind == "number" else f for f in facts]


def other_cases(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two figures stated for two cases: each case names a word the other lacks (`nhóm III`, `nhóm I, nhóm II`);
    a case one side leaves unnamed, or names in fewer words, excludes nothing."""
    return bool(a and b and a - b and b - a)

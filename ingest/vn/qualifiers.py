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
_CASE_END = re.compile(r"[;.:()\n]")  # a case named after its figure runs to the end of the clause
_FRONTED_END = re.compile(r"[,;.:()\n]")  # `Đối với X, ...`: a case named before its figure ends at the comma
_MAX_WORDS = 8  # the words of a case read at most (a noun phrase, not the rest of the sentence)


@cache
def _marker() -> re.Pattern[str]:
    words = "|".join(vocab.column("statements", 1, where=(0, "case")))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def case_words(text: str, start: int) -> frozenset[str]:
    """The content syllables of the case the clause around `start` names (nearest marker first), or none."""
    lo = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    hi_match = _CLAUSE.search(text, start)
    hi = hi_match.start() if hi_match else len(text)
    marks = list(_marker().finditer(text, lo, hi))
    if not marks:
        return frozenset()
    m = min(marks, key=lambda x: abs(x.start() - start))
    end = (_FRONTED_END if m.start() < start else _CASE_END).search(text, m.end(), hi)
    phrase = text[m.end() : end.start() if end else hi]
    words = [t for t, _ in fact_context.tokens_with_offsets(phrase)][:_MAX_WORDS]
    return frozenset(fact_context.content(words))


def qualified(text: str, facts: list[F]) -> list[F]:
    """The figures of `text` (one sentence) with the case each is stated for."""
    if not _marker().search(text):
        return facts
    return [replace(f, case=case_words(text, f.start)) if f.kind == "number" else f for f in facts]


def other_cases(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two figures stated for two cases: each case names a word the other lacks (`nhóm III`, `nhóm I, nhóm II`);
    a case one side leaves unnamed, or names in fewer words, excludes nothing."""
    return bool(a and b and a - b and b - a)

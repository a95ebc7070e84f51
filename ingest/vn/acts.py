"""The act a figure counts: the words before it in its clause (`đã cấp 27 giấy phép`: cấp). Two statements of
figures about the same thing count the same act; `cắm mốc 42 khu vực` is not `khoanh định 384 khu vực`."""

from __future__ import annotations

import re

from ingest.vn import dates, vntext
from ingest.vn.words import FUNCTION_WORDS

_STOP = FUNCTION_WORDS | dates.calendar_words_flat()


_CLAUSE_MARK = re.compile(r"[,;:.()\n]")


def act(text: str, start: int, words: int = 3) -> frozenset[str]:
    """The act a figure counts: the last `words` content syllables before it in its clause, lowercase with their
    tone marks (`cắm mốc` is not `cấm`): `đã cấp 27 giấy phép` -> cấp; `hoàn thành cắm mốc 42 khu vực` -> thành,
    cắm, mốc. Empty when the figure opens its clause."""
    clause = _CLAUSE_MARK.split(text[max(0, start - 80) : start])[-1].lower()
    syllables = [m.group(0) for m in re.finditer(r"\w+", clause)]
    kept = [t for t in syllables if vntext.strip_tones(t) not in _STOP and not t.isdigit() and len(t) >= 2]
    return frozenset(kept[-words:])


def says_act(done: frozenset[str], statement: str) -> bool:
    """The statement names the act (one of its syllables, tone marks and all), or there is none to name."""
    return not done or bool(done & set(re.findall(r"\w+", statement.lower())))

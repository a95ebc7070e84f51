"""The asked slot: the part of an answering unit that the question's interrogative stands for.

The question and the unit that answers it say the same thing around the answer (`Bộ nào chịu trách nhiệm thẩm
định ...?` - `Bộ Quốc phòng chịu trách nhiệm thẩm định ...`). The question's syllables are aligned in order with
the unit's (a weighted longest common subsequence: content syllables count fully, function words little, the
interrogative not at all); the slot is what the unit writes between the last aligned syllable before the
interrogative and the first one after it. A function word counts as an anchor only beside another aligned
syllable, so a lone `của` or `là` elsewhere does not cut the slot. A yes-no question has no slot.
"""

from __future__ import annotations

from ingest.vn import glossary, layout, vntext
from ingest.vn.interrogatives import Asked, Token, asked, tokens
from ingest.vn.words import FUNCTION_WORDS

_NEAR = 2  # a function word anchors only within this many syllables of another aligned syllable


def _read(text: str, toned: bool) -> list[Token]:
    """Syllables (`toned` or not), an abbreviation as the syllables of its full form, each at the abbreviation's
    place (`UBND` aligns with `Ủy ban nhân dân`)."""
    out = []
    for t in tokens(text, toned):
        full = glossary.ABBREVIATIONS.get(text[t.start : t.end])
        words = [w.flat for w in tokens(full, toned)] if full else [t.flat]
        out += [Token(w, t.start, t.end) for w in words]
    return out


def _aligned(question: list[str], weights: list[float], unit: list[str]) -> list[tuple[int, int]]:
    """(question index, unit index) pairs of the heaviest common subsequence."""
    n, m = len(question), len(unit)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            take = weights[i] + below[j + 1] if weights[i] and question[i] == unit[j] else 0.0
            row[j] = max(below[j], row[j + 1], take)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if weights[i] and question[i] == unit[j] and best[i][j] == weights[i] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _unfronted(q: list[Token], where: Asked) -> tuple[list[Token], Asked] | None:
    """`Trong trường hợp nào thì X?` asks what `X trong trường hợp nào?` asks: an interrogative fronted before
    `thì` (the topic-comment frame of Vietnamese) read in its place after the comment; None when not fronted."""
    after = where.last
    if after >= len(q) or vntext.strip_tones(q[after].flat) != "thi":
        return None
    shift = len(q) - after - 1
    return q[after + 1 :] + q[: where.last], Asked(where.first + shift, where.last + shift, where.noun + shift)


def asked_slot(question: str, text: str, function_weight: float) -> str | None:
    """What `text` writes where the question has its interrogative, as written; None for a yes-no question, a
    question without an interrogative, or a unit that only repeats the question. A fronted interrogative is
    read where the question puts it, else after its comment (the unit may front it too, or not)."""
    toned = vntext.has_tone_marks(question)
    q = _read(question, toned)
    where = asked(question, q)
    unit = _read(text, toned)
    if where is None or not unit:
        return None
    found = _span(q, where, unit, function_weight)
    moved = _unfronted(q, where) if found is None else None
    if moved is not None:
        found = _span(*moved, unit, function_weight)
    if found is None:
        return None
    start, end = found
    slot = text[unit[start].start : unit[end - 1].end]
    if slot.count("(") > slot.count(")") and text[unit[end - 1].end :].lstrip().startswith(")"):
        slot += ")"
    return layout.LIST_ITEM.sub("", slot, count=1).strip() or None


def _span(q: list[Token], where: Asked, unit: list[Token], function_weight: float) -> tuple[int, int] | None:
    """The unit's tokens `[start, end)` between the anchors around the interrogative, or None if none or all."""
    flat = [t.flat for t in q]
    function = [vntext.strip_tones(w) in FUNCTION_WORDS for w in flat]
    weights = [0.0 if where.first <= i < where.last else function_weight if function[i] else 1.0 for i in range(len(q))]
    pairs = _aligned(flat, weights, [t.flat for t in unit])
    at = [j for _, j in pairs]
    anchors = [(i, j) for i, j in pairs if not function[i] or any(0 < abs(k - j) <= _NEAR for k in at)]
    start = max((j + 1 for i, j in anchors if i < where.first), default=0)
    end = min((j for i, j in anchors if i >= where.last and j >= start), default=len(unit))
    noun = flat[where.first : where.noun]  # `Bộ nào` answered by `Bộ Công an`: the noun opens the slot
    if noun and [t.flat for t in unit[max(0, start - len(noun)) : start]] == noun:
        start -= len(noun)
    if end <= start or (start == 0 and end == len(unit)):
        return None
    return start, end

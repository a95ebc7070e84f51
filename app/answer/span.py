"""The short answer: the value a question asks for, lifted from the unit that answers it.

A question asking how many, how much, what share, how long, when, by which deadline, who (signed) or which
document gets that value first (`27 giấy phép`, `85,5%`, `ngày 30/9/2021`, `Nguyễn Văn An`, `Quyết định số
502/QĐ-ĐCKS`), then the sentence it stands in. Values are read by the one fact reader the checker uses
(`ingest.vn.facts`); among several of the asked kind, the one whose surrounding words share most with the
question wins, and a value the question itself states (`năm 2021` in `Năm 2021 ... bao nhiêu?`) is not an answer.
Questions asking why, how, what, a list or a summary have no short answer.
"""

from __future__ import annotations

import re
from functools import cache

from app.answer.slot import asked_slot
from ingest import Heuristics, Query
from ingest.units import Unit
from ingest.vn import doctypes, facts, gazetteer, identifiers, numbers, vntext

# the fact kinds that answer each kind of question (`ingest/vn/questions.py` intents), the first found preferred
# (date kinds: a full date before a month before a quarter before a year)
ANSWERING_KINDS: dict[str, tuple[str, ...]] = {
    "number": ("number",),
    "duration": ("number",),
    "date": ("date", "daymonth", "month", "quarter", "year"),
    "when": ("date", "daymonth", "month", "quarter", "year"),
    "signer": ("person",),
    # `Ai chịu trách nhiệm ...?` is often answered by a body; in a table, by the body in a column of a role
    # (`Cơ quan chủ trì`)
    "person": ("person", "body", "role"),
    "docref": ("docnum",),
    "agent": ("body", "role"),
}
# questions answered by a name or a clause more often than by a value of the fact reader's kinds: where no such
# value is found, the asked slot answers (`Ban Cơ yếu Chính phủ`, `sau khi kết thúc học kỳ thứ 5`)
SLOT_KINDS = ("agent", "person", "signer", "when")
_UNIT_WORDS = 2  # a unit is at most this many words (`giấy phép`, `tỷ đồng`); the fact reader's window is wider


def short_answer(query: Query, text: str, header: list[str] | None = None) -> str | None:
    """The value of the asked kind in `text`, as written there with its unit, or None. A table row (`text` its
    tab-separated cells) is read under its `header`: the column whose name shares most with the question answers,
    with the unit its name gives (`27 giấy phép` from the column `Giấy phép khai thác`)."""
    kinds = ANSWERING_KINDS.get(query.wants or "")
    if not kinds:
        return None
    asked = vntext.strip_tones(query.text)
    read = "\t".join(header) + "\n" + text if header else text
    found = [f for f in facts.extract(read) if f.kind in kinds and not _stated(f.text, asked)]
    if query.unit:
        with_unit = [f for f in found if any(f.unit.startswith(u) for u in query.unit)]
        found = with_unit or found
    preferred = next((k for k in kinds if any(f.kind == k for f in found)), None)
    if preferred is None:
        return None
    best = max((f for f in found if f.kind == preferred), key=lambda f: (len(f.context & query.terms), -f.start))
    if header:
        return f"{best.text} {best.unit}".strip() if best.kind == "number" else best.text
    return _as_written(text, best)


def unit_value(query: Query, unit: Unit, text: str | None = None) -> str | None:
    """The asked value a unit states (`text`: the unit as trimmed for display), or None. A table row is read with
    its header, cell by cell (an empty cell keeps the others under their columns)."""
    if unit.kind == "row" and unit.columns:
        return short_answer(query, "\t".join(unit.cells), list(unit.columns))
    return short_answer(query, unit.text if text is None else text)


def slot_value(query: Query, text: str, heur: Heuristics) -> str | None:
    """The asked slot of a `who`, `which body` or `when` question in `text` (`app/answer/slot.py`): the body or
    person named in it, else the slot itself when it is at most `slot_max_words` words; None otherwise."""
    if query.wants not in SLOT_KINDS:
        return None
    slot = asked_slot(query.text, text, heur.slot_function_weight)
    if slot is None:
        return None
    short = len(slot.split()) <= heur.slot_max_words
    if query.wants != "when":  # a name the slot opens with, or the slot (`Ban Cơ yếu Chính phủ`: not `Chính phủ`)
        bodies = [(a, slot[a:b]) for a, b, _ in gazetteer.bodies_in(slot)]
        named = bodies[:1] or [(slot.find(n), n) for n in gazetteer.find_people(slot)[:1]]
        if named and (named[0][0] == 0 or not short):
            return named[0][1]
    return slot if short else None


def _unit_written(fact: facts.Fact, shown: str, following: str) -> str:
    """The unit words a figure is shown with: a unit of measure alone, with the scale words written before it
    (`860,2 ha`, `1,5 triệu tấn`, `20 tỷ đồng`); none after a decimal, which counts no things (`5,0`, not `5,0 sinh
    viên`); else the counted noun, a generic one as one word (`05 năm`, not `05 năm kể`)."""
    measure = _measure_opening(fact.unit)
    if measure:
        scale = _scale_words().match(following)
        return following[: scale.end()] + (_measure_opening(following[scale.end() :]) or measure)
    if "," in shown:
        return ""
    words = fact.unit.split()
    return words[0] if words[0] in numbers.generic_units() else " ".join(words[:_UNIT_WORDS])


@cache
def _scale_words() -> re.Pattern[str]:
    """Scale words opening a text (`triệu `, `nghìn tỷ `), data/number_words.tsv."""
    return re.compile(rf"(?:(?:{'|'.join(map(re.escape, numbers.scales()))})\s+)*", re.IGNORECASE)


def _measure_opening(unit: str) -> str:
    """The unit of measure `unit` opens with (`ha` of `ha trong giai đoạn`), the longest, or empty."""
    low = unit.lower()
    found = (m for m in numbers.measures() if re.match(rf"{re.escape(m.lower())}(?!\w)", low))
    return max(found, key=len, default="")


def _stated(value: str, asked: str) -> bool:
    """The question writes this value itself, as a whole token (`2021` is stated by `năm 2021`; `6` is not by `2016`)."""
    flat = re.escape(vntext.strip_tones(value))
    return re.search(rf"(?<![\w/.,]){flat}(?![\w/]|[.,]\d)", asked) is not None


def _as_written(text: str, fact: facts.Fact) -> str:
    """The value with its unit (a number) or its document type (a number of a document), as the text has them."""
    end = fact.start + len(fact.text)
    shown = text[fact.start : end]
    if fact.kind == "number" and fact.unit and fact.unit != "%" and not shown.endswith("%"):
        following = text[end:].lstrip()
        unit = _unit_written(fact, shown, following)
        if unit and following.lower().startswith(unit.lower()):
            shown = f"{shown} {following[: len(unit)]}"
    if fact.kind == "docnum":  # the type its code names (`QĐ` -> `Quyết định`), as citations name documents
        found = identifiers.find_doc_numbers(shown)
        name = doctypes.codes().get(found[0].type_code or "") if found else None
        if name:
            shown = f"{name} số {shown}"
    return shown.strip()

"""The shown answer: the unit trimmed of the clauses that only repeat the question, led by its subject."""

from __future__ import annotations

import re

from app.answer.fit import fits, names_asked_document, own_document_answers
from app.answer.score import Scorer
from ingest import Heuristics, Passage, Query
from ingest.units import Unit
from ingest.vn import dates, gazetteer, layout, statements, vntext


# --- trimming ---------------------------------------------------------------------------------------
def trim(query: Query, unit: Unit, heur: Heuristics) -> str:
    """The unit without the leading and trailing clauses (or list items) that only repeat the question."""
    if unit.kind == "list":
        items = [it for it in re.split(r"(?<=;)\s+|\s+(?=[a-zđ]\)\s)", unit.body) if it.strip()]
        kept = [it for it in items if Scorer(query, {}).novelty(it) >= heur.trim_list_novelty]
        return " ".join(kept) if kept else unit.text
    text = unit.text
    if unit.kind == "item" and unit.lead and Scorer(query, {}).novelty(unit.text) < heur.trim_item_novelty:
        text = f"{unit.lead} {unit.text}"  # the item repeats the question: its lead-in holds the answer
    text = _with_when_named_above(query, unit, _with_who_named_above(query, unit, text))
    return _condensed(query, text, heur) if len(text.split()) > heur.span_max_words else text


def _with_who_named_above(query: Query, unit: Unit, text: str) -> str:
    """`Bộ nào chịu trách nhiệm ...?` answered by what a body does, when the unit does not name the body: an
    enumeration names its doer once, in its lead-in (`Bộ Công an có trách nhiệm sau đây: ...`) or in the heading
    of its article or section (`Điều 30. Trách nhiệm của Bộ Quốc phòng`); the answer is shown under it."""
    if query.wants not in ("agent", "person") or gazetteer.bodies_in(text):
        return text
    if unit.kind == "item" and gazetteer.bodies_in(unit.lead):
        return f"{unit.lead} {text}"
    if gazetteer.bodies_in(unit.heading):
        return f"{unit.heading.rstrip(' .:;')}: {text}"
    return text


def _with_when_named_above(query: Query, unit: Unit, text: str) -> str:
    """`... đến năm nào?` answered by a target under the heading that dates it (`2.3. Tầm nhìn đến năm 2045`), when
    the unit names no year itself: a heading frames the units below it; the answer is shown under it."""
    if query.wants not in ("date", "when") or dates.YEAR.search(text) or not dates.YEAR.search(unit.heading):
        return text
    return f"{layout.LIST_ITEM.sub('', unit.heading).rstrip(' .:;')}: {text}"


def _condensed(query: Query, text: str, heur: Heuristics) -> str:
    """A long sentence without what only repeats the question: the condition before `thì` when the question
    states it, and leading clauses that add nothing."""
    s = Scorer(query, {})
    condition, rest = statements.split_condition(text)
    if (
        condition
        and s.novelty(condition) < heur.trim_condition_novelty
        and len(rest.split()) >= 3
        and not _asked_value_in(query, condition)
    ):
        text = rest
    clauses = [c for c in re.split(r"(?<=[,;])\s+", text) if c.strip()]
    while len(clauses) > 1 and s.novelty(clauses[0]) < heur.trim_clause_novelty and not _holds_value(query, clauses[0]):
        clauses.pop(0)
    return " ".join(clauses).strip(" ,;:")


def _asked_value_in(query: Query, part: str) -> bool:
    """The part states the kind of value the question asks for (`Sau 01 năm ... thì ...` for `sau bao lâu`)."""
    return query.wants in ("number", "duration", "date", "when") and fits(query, part)


def _holds_value(query: Query, clause: str) -> bool:
    """A clause with a number, a date or a name the question does not have is never dropped."""
    if statements.states_number(clause) and re.search(r"\d", clause):
        return True
    names = re.findall(r"(?<!^)(?<![.:;] )\b[A-ZĐ][\wÀ-ỹ]*", clause)
    return any(vntext.strip_tones(n) not in query.terms for n in names)


def lead(query: Query, passage: Passage, text: str) -> str:
    """For `which document` questions answered by the document itself, name it first (from its header)."""
    if query.wants == "docref" and not names_asked_document(query, text) and own_document_answers(query, passage):
        p = passage.payload
        issued = f" ngày {'/'.join(reversed(p.issued.split('-')))}" if p.issued else ""
        return f"{p.doc_type} số {p.number}{issued}: "
    return ""

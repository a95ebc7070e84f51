"""Does a unit give the kind of value asked for, about the subject asked about?"""

from __future__ import annotations

from ingest import Passage, Query, content_bigrams, flat_syllables
from ingest.settings import Heuristics
from ingest.units import Unit
from ingest.vn import facts, gazetteer, identifiers, statements, vntext

_DEFAULT = Heuristics()


# --- fitting the kind of answer asked for ------------------------------------------------------------
def of_asked_period(query: Query, text: str) -> bool:
    """A figure or date asked for a period (`Đến năm 2030, ... bao nhiêu ...?`) is not answered by a sentence whose
    leading adverbial frames its figures in another (`Đến năm 2025, ... đạt 80% ...`)."""
    if query.wants not in ("number", "duration", "date") or not query.years:
        return True
    frame = facts.time_frame(text)
    return not frame or bool(frame & {str(y) for y in query.years})


def _person_near_role(query: Query, text: str, window: int) -> bool:
    """`ai` questions: a person's name, or a title, stands next to the role the question asks about."""
    flat = flat_syllables(text)
    role = query.role or query.bigrams
    anchors = {vntext.strip_tones(n.split()[0]).lower() for n in gazetteer.find_people(text)}
    joined = " ".join(flat)
    # a title answers only if it is not the very role asked about (`Trưởng Ban chỉ đạo` is not its own answer)
    anchors |= {t.split()[0] for t in statements.titles() if t in joined and not (content_bigrams(t.split()) & role)}
    need = min(2, len(role)) or 1
    for i, syl in enumerate(flat):
        if syl in anchors:
            near = content_bigrams(flat[max(0, i - window) : i + window + 4])
            # the position itself next to the name is enough (`Tổ trưởng: Chánh Văn phòng`)
            if len(near & role) >= need or (query.role_head and query.role_head in near):
                return True
    return False


def _names_an_agent(query: Query, text: str) -> bool:
    """`ai` / `cơ quan nào` questions: the text names a person, a position or a body beyond the question's."""
    if gazetteer.find_people(text):
        return True
    found = statements.agents_in(text)
    return any(not set(a.split()) <= query.terms for a in found)


def _names_asked_body(query: Query, text: str, passage: Passage | None) -> bool:
    """`Tỉnh nào ...?` is answered by text naming a province, `Bộ nào ...?` a ministry, `Cơ quan nào ...?` any
    body or person, beyond the ones the question itself names."""
    if query.asked_body == "province":
        own = passage.payload.province if passage is not None else None
        return bool(set(gazetteer.provinces_in(text)) - set(query.provinces)) or bool(own)
    if query.asked_body == "ministry":
        return bool(set(gazetteer.ministries_in(text)) - set(query.ministries)) or _names_an_agent(query, text)
    return _names_an_agent(query, text)


def names_asked_document(query: Query, text: str) -> bool:
    """`Quyết định nào ...?` is answered by text naming a Quyết định by number (any number if unspecified)."""
    numbers = identifiers.find_doc_numbers(text)
    code = identifiers.code_of_type(query.asked_type) if query.asked_type else None
    return any(code is None or n.type_code == code for n in numbers)


def own_document_answers(query: Query, passage: Passage) -> bool:
    """The passage's own document is of the asked type and has a number: it is the answer itself."""
    p = passage.payload
    return bool(query.asked_type and p.doc_type == query.asked_type and p.number)


def fits(query: Query, text: str, passage: Passage | None = None, heur: Heuristics | None = None) -> bool:
    """Does the text (or, for `which document` questions, its document) give the kind of value asked for?"""
    window = (heur or _DEFAULT).name_window
    if query.unit and not any(u in text.lower() for u in query.unit):
        return False
    if not of_asked_period(query, text):
        return False
    checks = {
        "number": lambda: statements.states_number(text),
        "duration": lambda: statements.states_duration(text),
        "date": lambda: statements.states_date(text),
        "when": lambda: statements.states_when(text),
        "signer": lambda: bool(gazetteer.find_people(text)),
        "agent": lambda: _names_asked_body(query, text, passage),
        # a named position wants the person holding it; `ai ký/tổ chức ...` any agent the text names
        "person": lambda: (
            _person_near_role(query, text, window) or (not query.role_head and _names_an_agent(query, text))
        ),
        "docref": lambda: (
            names_asked_document(query, text) or (passage is not None and own_document_answers(query, passage))
        ),
    }
    return checks[query.wants]() if query.wants in checks else True


def about_named_doc(query: Query, passage: Passage) -> bool:
    """A question naming a document number is answered only from that document or text citing it."""
    if not query.doc_keys:
        return True
    keys = {n.key for n in identifiers.find_doc_numbers(passage.text)}
    if passage.payload.number_key:
        keys.add(passage.payload.number_key)
    return bool(query.doc_keys & keys)


def about_named_province(query: Query, passage: Passage, unit: Unit | None = None) -> bool:
    """A question naming provinces is answered only from text about one of them: a report of another province
    answers nothing about this one (national documents qualify when they name the province)."""
    if not _about_named_ministry(query, passage, unit):
        return False
    if not query.provinces:
        return True
    named = set(gazetteer.provinces_in(unit.context if unit else passage.text))
    if named & set(query.provinces):
        return True
    own = passage.payload.province
    return own in query.provinces if own else not named and unit is None


def _about_named_ministry(query: Query, passage: Passage, unit: Unit | None) -> bool:
    """A question naming a ministry is not answered from another ministry's own report (unless the text
    names the ministry asked about); national documents and provincial reports are not excluded."""
    if not query.ministries:
        return True
    issuers = set(gazetteer.ministries_in(passage.payload.issuer or ""))
    if not issuers or issuers & set(query.ministries):
        return True
    return bool(set(gazetteer.ministries_in(unit.context if unit else passage.text)) & set(query.ministries))

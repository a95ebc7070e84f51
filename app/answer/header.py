"""Answers an official document's header holds: when a document the question names was issued, and who signed it.

Nghị định 30/2020/NĐ-CP (Phụ lục I) sets every official document's header: its number, its place and date of issue,
and a signature block naming the signer. Ingest reads them into the catalog (`issued`, `signer`). A question naming
one indexed document and asking when it was signed or issued (`Quyết định 502/QĐ-ĐCKS ký ngày nào?`, `Nghị quyết
02 ban hành năm nào?`) or who signed it is answered from there, cited to the document's passage that states it:
the header line `Hà Nội, ngày 26 tháng 7 năm 2021` is no sentence the reader would pick for `ngày nào`.
"""

from __future__ import annotations

import re

from app.answer.cited import Answer, Sentence, citation
from ingest import Condition, DocRecord, Index, Query
from ingest.vn import attribution, dates, header, identifiers, layout, questions, vntext

SIGNATURE_LINES = 8  # a signature block's authority and title lines (TM., KT., title) with blank lines between
SIGNATURE_LINE_WORDS = 12  # such a line is short (`TM. ỦY BAN NHÂN DÂN TỈNH LÀO CAI`); a longer one is a sentence


def header_answer(index: Index, query: Query, sees_restricted: bool) -> Answer | None:
    """The issue date or signer of the one indexed document the question names (or describes: `Chiến lược do Thủ
    tướng phê duyệt năm 2023`), cited; None otherwise."""
    asks_date = query.wants in ("date", "when") and questions.asks_issue(query.text)
    key = _asked_document(query)
    if not (asks_date or query.wants == "signer") or (key is None and not query.described):
        return None
    docs = [d for d in index.documents(sees_restricted) if d.status == "indexed"]
    doc = next((d for d in docs if _is_asked(d, key, query.described)), None)
    value = doc and doc.meta.get("issued" if asks_date else "signer")
    if not value:
        return None
    written = dates.written(value) if asks_date else value
    found = index.search(f"{doc.meta.get('number')} {written}", k=3, conditions=[Condition("doc_key", (doc.key,))],
                         sees_restricted=sees_restricted)  # fmt: skip
    holding = [p for p in found if _states(p.text, value, asks_date)]
    if not holding:
        return None
    name = " ".join(x for x in (doc.meta.get("doc_type"), "số", doc.meta.get("number")) if x)
    lines = holding[0].text.splitlines()
    at = next((i for i, ln in enumerate(lines) if _states(ln, value, asks_date)), None)
    line = None if at is None else lines[at]
    said = _said(lines, at, asks_date)
    text = f"{name} được ký ban hành ngày {written}" if asks_date else f"{name} do {written} ký"
    text += f" ({said})." if said else "."
    return Answer(query.asked, f"{text} [1]", False, [citation(1, holding[0], line)],
                  sentences=[Sentence(text, [1])], short=f"{written} [1]")  # fmt: skip


def _is_asked(doc: DocRecord, key: str | None, described: set[str]) -> bool:
    """`doc` is the one asked about: its number key is `key`, or, the question naming none, it is described."""
    if key is None:
        return doc.key in described
    return bool(doc.meta.get("number")) and identifiers.doc_number_key(doc.meta["number"]) == key


def _asked_document(query: Query) -> str | None:
    """The number key of the document the question asks about: the only one it names, or, when it names several,
    the head of the noun phrase (`Nghị định 21/2026/NĐ-CP sửa đổi Nghị định 193/2025/NĐ-CP`: a Vietnamese noun
    phrase puts its head first and what describes it after), the source a fronted `Theo ...,` names left out."""
    if len(query.named) <= 1:
        return next(iter(query.named), None)
    text = attribution.without_attribution(query.text)
    at = {
        key: m.start()
        for key in query.named
        if (m := re.search(rf"(?<![\d/]){re.escape(key.split('-')[0])}(?!\d)", text))
    }
    return min(at, key=at.get) if at else None


def _said(lines: list[str], at: int | None, is_date: bool) -> str | None:
    """How the document says it, shown after the answer: the place-and-date line as written, or the signature
    block as it reads, its authority and title lines down to the signer's name (`TM. CHÍNH PHỦ KT. THỦ TƯỚNG
    PHÓ THỦ TƯỚNG Trần Hồng Hà`)."""
    if at is None:
        return None
    if is_date:
        said = lines[at].strip()
        return said if header.PLACE_DATE.match(said) else None
    above = []
    for ln in reversed(lines[max(0, at - SIGNATURE_LINES) : at]):
        if not ln.strip():
            continue
        if (not header.names_position(ln) or header.RECIPIENT_ITEM.match(ln.strip()) or layout.opens_closing(ln)
                or len(ln.split()) > SIGNATURE_LINE_WORDS):  # fmt: skip
            break  # the recipients' list or an article's sentence, not an authority or title line
        above.insert(0, ln.strip())
    return " ".join([*above, lines[at].strip()]) if above else None


def _states(text: str, value: str, is_date: bool) -> bool:
    """The text states the value: a signer's name (any tone marks), or the date in any of its written forms."""
    if not is_date:
        return vntext.strip_tones(value) in vntext.strip_tones(text)
    return any(d.isoformat() == value for _, d in dates.find_dates(text))

"""Sentences that credit their content to a document (`Theo Nghị quyết X, ...`, `Nghị quyết X (của Y) xác định`),
and documents credited to the body that issued them (`Thông tư X của Bộ Y`).

Document types come from `data/doc_types.tsv`, the reporting verbs from `data/statements.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.vn import doctypes, gazetteer, identifiers, vocab


@cache
def _pattern() -> re.Pattern[str]:
    """A crediting opening (`Theo X,`, `Tại X,`, `Như X đã nêu,`, `X xác định`) or ending (`..., theo X.`, `(X).`)."""
    # a type written out or abbreviated before its number, as editors cite (`Thông tư số 43/...`, `TT 43/...`)
    codes = "|".join(sorted(map(re.escape, doctypes.plain_codes()), key=len, reverse=True))
    types = rf"(?:{doctypes.alternation()}|(?:{codes})(?= (?:số )?\d))"
    verbs = "|".join(vocab.column("statements", 1, where=(0, "attribution")))
    lead = "|".join(vocab.column("statements", 1, where=(0, "attribution_lead")))
    tail = "|".join(vocab.column("statements", 1, where=(0, "attribution_tail")))
    of = r"(?:quy định (?:tại|của)\s+)?"
    ref = types + r"\s+(?:số\s+)?\S+"  # a document: its type and number
    opening = "(?:" + lead + r")\s+" + of + ref + r"[^,]{0,80}?(?:\s+(?:cũng\s+)?đã\s+(?:" + verbs + r"))?,"
    subject = r"(?:Theo\s+)?" + ref + r"\s+(?:của [^,]{3,40}?\s+)?(?:cũng\s+)?(?:" + verbs + ")"
    ending = r",\s*(?:" + tail + r")\s+" + of + ref + r"[^,()]{0,80}?\.?$"
    bracket = r"\s*\((?:(?:" + tail + r")\s+)?" + ref + r"[^()]{0,80}\)\.?$"
    return re.compile("^(?:" + opening + "|" + subject + ")|" + ending + "|" + bracket)


def attribution(sentence: str) -> re.Match[str] | None:
    """The opening or ending that credits the sentence to a document, if it has one."""
    return _pattern().search(sentence)


def without_attribution(sentence: str) -> str:
    """The sentence with its crediting opening or ending blanked (what the document is said to state)."""
    return _pattern().sub(" ", sentence, count=1)


@dataclass(frozen=True)
class Credit:
    """A document credited to a body in a sentence: `Thông tư số 31/2025/TT-BCT ngày 16/5/2025 của Bộ Công Thương`,
    `Quyết định 502/QĐ-ĐCKS do Cục Địa chất và Khoáng sản Việt Nam ban hành`, `Bộ Tài chính ban hành Thông tư ...`."""

    number: identifiers.DocNumber
    body: str  # as written
    key: str  # gazetteer.body_key
    start: int  # the body's place in the sentence
    end: int


# after a document's number: its date, then `của` / `do` and the signer's title before the body
_TO_BODY = re.compile(
    r"\s*,?\s*(?:ngày\s+(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*,?\s*)?"
    r"(?:của|do)\s+(?:(?:Bộ trưởng|Thứ trưởng|Thủ trưởng|Chủ tịch|Cục trưởng|Giám đốc)\s+)?"
)
# a body, then the act of issuing, then (within a few words) the document
_ISSUES = re.compile(r"\s+(?:đã\s+|vừa\s+)?ban hành\s+(?:kèm theo\s+)?[^,.;:]{0,40}?(?=\d)")


def credits(sentence: str) -> list[Credit]:
    """Every document the sentence credits to a body, wherever it stands in the sentence."""
    bodies = gazetteer.bodies_in(sentence)
    out: list[Credit] = []
    for n in identifiers.find_doc_numbers(sentence):
        at = sentence.find(n.text)
        m = _TO_BODY.match(sentence, at + len(n.text)) if at >= 0 else None
        body = next((b for b in bodies if m and b[0] == m.end()), None)
        if body is None:  # `Bộ X ban hành Thông tư số N`
            body = next((b for b in bodies if (i := _ISSUES.match(sentence, b[1])) and i.end() == at), None)
        if body is not None:
            out.append(Credit(n, body[2], gazetteer.body_key(body[2]), body[0], body[1]))
    return out

"""Document numbers, dates and percentages: found in any common spelling, reduced to one canonical key.

`02-NQ/TW`, `02/NQ-TW` and `2-nq-tw` share the key `2-nq-tw`; `26/7/2021`, `26-07-2021` and
`ngày 26 tháng 7 năm 2021` share `2021-07-26`. The keys become exact-match terms in the sparse index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest import vntext

# 502/QĐ-ĐCKS, 02-NQ/TW, 193/2025/NĐ-CP, 60/2010/QH12, 05-NQ-BCSĐTNMT, 66.19/2026/NQ-CP
DOC_NUMBER = re.compile(
    r"(?<![\w/.-])(\d{1,5}(?:\.\d{1,3})?)((?:/\d{4})?)\s?[-/]\s?((?:[A-ZĐ][A-Za-zĐđ&]*\d*)(?:[-/.][A-ZĐ][A-Za-zĐđ&]*\d*)*)"
)
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
_WORDY_FLAT = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d{2})")
_MONTH_YEAR = re.compile(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*((?:19|20)\d{2})", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[.,]\d+)?)\s?%")

# Abbreviations in document numbers and the document type they stand for.
TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "TTr": "Tờ trình",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "QH": "Luật",
    "CV": "Công văn",
    "GP": "Giấy phép",
    "CĐ": "Công điện",
}
_TYPE_WORDS: dict[str, str] = {vntext.strip_tones(v).lower(): k for k, v in TYPE_CODES.items()}


def code_of_type(doc_type: str) -> str | None:
    """`Quyết định` -> `QĐ`."""
    return _TYPE_WORDS.get(vntext.strip_tones(doc_type).lower())


def type_of_words(words: str) -> str | None:
    """`quyet dinh` (any tone marks) -> `Quyết định`."""
    code = _TYPE_WORDS.get(vntext.strip_tones(words).lower())
    return TYPE_CODES.get(code) if code else None


@dataclass(frozen=True)
class DocNumber:
    """A document number as written and its canonical key."""

    text: str
    key: str
    number: str
    type_code: str | None

    @property
    def type_key(self) -> str | None:
        """`502-qd`: number plus type, for queries like `QĐ 502` that omit the issuer code."""
        return f"{self.number}-{vntext.strip_tones(self.type_code)}" if self.type_code else None


def _number_key(num: str) -> str:
    return num.lstrip("0") or "0"


def doc_number_key(text: str) -> str:
    """Canonical key of a document number: tone-stripped, lowercase, `-` between parts, no leading zeros."""
    parts = [p for p in re.split(r"[\s/.\-]+", vntext.strip_tones(text.strip())) if p]
    if parts and parts[0].isdigit():
        parts[0] = _number_key(parts[0])
    return "-".join(parts)


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every document number in `text`, in order of appearance."""
    found = []
    for m in DOC_NUMBER.finditer(text):
        num, code = m.group(1), m.group(3)
        first = re.split(r"[-/.]", code)[0]
        if not any(c.isupper() for c in first[:1]) or first in ("ĐT", "FAX", "TEL"):
            continue
        type_code = next((c for c in sorted(TYPE_CODES, key=len, reverse=True) if first.startswith(c)), None)
        if first in ("QH",) or re.fullmatch(r"QH\d+", first):
            type_code = "QH"
        written = m.group(0)
        found.append(DocNumber(written, doc_number_key(written), _number_key(num), type_code))
    return found


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[str, date]]:
    """Dates written as `26/7/2021`, `26-07-2021`, `26.7.2021` or `ngày 26 tháng 7 năm 2021`."""
    out: list[tuple[int, str, date]] = []
    for rx in (_DMY, _WORDY):
        for m in rx.finditer(text):
            d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                out.append((m.start(), m.group(0), d))
    flat = vntext.strip_tones(text)
    if len(flat) == len(text):
        for m in _WORDY_FLAT.finditer(flat):
            d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d and not any(s == m.start() for s, _, _ in out):
                out.append((m.start(), text[m.start() : m.end()], d))
    return [(w, d) for _, w, d in sorted(out, key=lambda t: t[0])]


def find_month_years(text: str) -> list[str]:
    """`tháng 7 năm 2021` and `tháng 7/2021` as `2021-07`."""
    return [f"{int(y):04d}-{int(m):02d}" for m, y in _MONTH_YEAR.findall(text) if 1 <= int(m) <= 12]


def find_percents(text: str) -> list[str]:
    """Percentages as canonical strings: `85 %` and `85%` -> `85`, `2,5%` -> `2.5`."""
    return [p.replace(",", ".") for p in _PERCENT.findall(text)]


_ARTICLE = re.compile(
    r"\b(Điều|khoản|điểm|Chương|Mục|Phụ lục)\s+(\d{1,3}[a-zđ]?|[IVXLC]{1,6}|[a-zđ])(?=[\s.,;:)]|$)", re.IGNORECASE
)


def article_terms(text: str) -> list[str]:
    """`Điều 5`, `khoản 2`, `điểm a`, `Chương II`, `Phụ lục III` as exact-match terms (`dieu:5`)."""
    return [f"{vntext.strip_tones(kind).replace(' ', '')}:{ref.lower()}" for kind, ref in _ARTICLE.findall(text)]


def identifier_terms(text: str) -> list[str]:
    """Exact-match terms for the sparse index: document numbers, articles, dates, month-years, percentages."""
    terms: list[str] = article_terms(text)
    for n in find_doc_numbers(text):
        terms.append("docno:" + n.key)
        if n.type_key:
            terms.append("docnum:" + n.type_key)
    terms.extend("date:" + d.isoformat() for _, d in find_dates(text))
    terms.extend("month:" + my for my in find_month_years(text))
    terms.extend("pct:" + p for p in find_percents(text))
    return terms


_QUERY_TYPED_NUMBER = re.compile(
    r"\b(nghi quyet|quyet dinh|nghi dinh|thong tu|chi thi|thong bao|bao cao|ke hoach|to trinh|cong van|luat|"
    r"nq|qd|nd|tt|ct|tb|bc|kh|ttr|cv)\s*(?:so\s*)?(\d{1,5})(?![\d/])"
)
_ABBR_TO_CODE = {
    "nq": "NQ",
    "qd": "QĐ",
    "nd": "NĐ",
    "tt": "TT",
    "ct": "CT",
    "tb": "TB",
    "bc": "BC",
    "kh": "KH",
    "ttr": "TTr",
    "cv": "CV",
    "luat": "QH",
}


def query_identifier_terms(query: str) -> list[str]:
    """Identifier terms of a query, also for `QĐ 502` or `quyet dinh 502` written without the full number."""
    terms = identifier_terms(query)
    flat = vntext.strip_tones(query)
    for kind, num in _QUERY_TYPED_NUMBER.findall(flat):
        code = _ABBR_TO_CODE.get(kind) or _TYPE_WORDS.get(kind)
        if code:
            terms.append(f"docnum:{_number_key(num)}-{vntext.strip_tones(code)}")
    return list(dict.fromkeys(terms))

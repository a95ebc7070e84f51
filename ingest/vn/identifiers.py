"""Document numbers, dates and percentages: found in any common spelling, reduced to one canonical key.

`02-NQ/TW`, `02/NQ-TW` and `2-nq-tw` share the key `2-nq-tw`; `26/7/2021`, `26-07-2021` and
`ngày 26 tháng 7 năm 2021` share `2021-07-26`. The keys become exact-match terms in the sparse index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.vn import dates, doctypes, numbers, vntext

# 502/QĐ-ĐCKS, 02-NQ/TW, 193/2025/NĐ-CP, 60/2010/QH12, 05-NQ-BCSĐTNMT, 66.19/2026/NQ-CP
DOC_NUMBER = re.compile(
    r"(?<![\w/.-])(\d{1,5}(?:\.\d{1,3})?)((?:/\d{4})?)\s?[-/]\s?((?:[A-ZĐ][A-Za-zĐđ&]*\d*)(?:[-/.][A-ZĐ][A-Za-zĐđ&]*\d*)*)"
)
# The document-number code of each type (`QĐ` -> `Quyết định`), from data/doc_types.tsv; a law's number ends in
# the issuer's code `QH<term>` instead (Luật 80/2015/QH13, Điều 8: `60/2010/QH12`), so `QH` stands for a law.
TYPE_CODES: dict[str, str] = {**doctypes.codes(), "QH": "Luật"}
_LONGEST_FIRST = sorted(TYPE_CODES, key=len, reverse=True)


def code_of_type(doc_type: str) -> str | None:
    """`Quyết định` -> `QĐ`; `Luật` -> `QH`."""
    return doctypes.code_of(doc_type) or ("QH" if doctypes.of_words(doc_type) == "Luật" else None)


def type_of_words(words: str) -> str | None:
    """`quyet dinh` (any tone marks) -> `Quyết định`."""
    return doctypes.of_words(words)


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


def same_series(a: str, b: str) -> bool:
    """Two document number keys that differ in their number only (`3-2026-tt-bnnmt`, `1-2026-tt-bnnmt`): one year,
    type and issuer, so one may be mistyped for the other."""
    (na, rest_a), (nb, rest_b) = _number_part(a), _number_part(b)
    return na != nb and bool(na and nb and rest_a) and rest_a == rest_b


def _number_part(key: str) -> tuple[str, str]:
    """(`66-4`, `2025-nq-cp`) of `66-4-2025-nq-cp` (a number written with a dot, `66.4/2025/NQ-CP`): the number's
    digit groups, up to the year or the type code."""
    parts = key.split("-")
    at = next((i for i, x in enumerate(parts) if not x.isdigit() or (len(x) == 4 and x[:2] in ("19", "20"))), 0)
    return "-".join(parts[:at]), "-".join(parts[at:])


@cache
def _this_document() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{doctypes.alternation(cited=False)})\s+này(?!\w)", re.IGNORECASE)


def names_itself(text: str) -> bool:
    """The text refers to the document it stands in (`Luật này`, `Nghị định này có hiệu lực ...`): which document
    that is depends on where it is read, not on the text."""
    return _this_document().search(text) is not None


@cache
def _titled_before() -> re.Pattern[str]:
    words = r"(?:\s+(?!ngày\b|số\b)[^\W\d_]+){0,7}"
    return re.compile(rf"(?<!\w)((?:{doctypes.alternation()})\s+([^\W\d_]+){words})\s*,?\s*(?:ngày\s*)?$")


def document_titled_before(text: str, at: int) -> str:
    """The tone-free name of a document named by its type and its capitalised name, without a number, right before
    `at` (`Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015` -> `luat to chuc chinh phu`), or empty (`Nghị
    định có hiệu lực từ ngày ...` names no document)."""
    m = _titled_before().search(text[max(0, at - 120) : at])
    if not m or not m.group(2)[0].isupper():
        return ""
    return " ".join(vntext.strip_tones(m.group(1).lower()).split())


def issuer_codes(number: str) -> tuple[str, ...]:
    """The issuing bodies' codes of a document number: `31/2025/TT-BCT` -> (`BCT`,), `05/2025/TTLT-BTC-BTNMT` ->
    (`BTC`, `BTNMT`), `10699/BNNMT-ĐCKS` -> (`BNNMT`,) (a letter: issuer, then its unit), `02-NQ/TW` -> (`TW`,).
    The part after the type code names the issuers (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    m = DOC_NUMBER.search(number)
    if not m:
        return ()
    parts = [p for p in re.split(r"[-/]", m.group(3)) if p]
    if parts and parts[0] in TYPE_CODES:
        return tuple(parts[1:])
    return tuple(parts[:1])


# A national standard or technical regulation: `TCVN 4447:2012`, `QCVN 06:2009/BCT` (number, year, issuing
# ministry; Luật Tiêu chuẩn và Quy chuẩn kỹ thuật 2006, Điều 23 and 32)
STANDARD = re.compile(r"\b(QCVN|TCVN)\s+(\d{1,5}(?:-\d{1,3})?)\s?:\s?(\d{4})(?:/([A-ZĐ][A-Za-zĐđ]*))?")


def _standards(text: str) -> list[tuple[int, int, DocNumber]]:
    out = []
    for m in STANDARD.finditer(text):
        kind, num, year, issuer = m.groups()
        key = "-".join(p for p in (_number_key(num), year, kind.lower(), vntext.strip_tones(issuer or "").lower()) if p)
        out.append((m.start(), m.end(), DocNumber(m.group(0), key, _number_key(num), kind)))
    return out


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every document number in `text`, in order of appearance (standards and technical regulations too)."""
    standards = _standards(text) if "CVN" in text else []
    found = [(a, n) for a, _, n in standards]
    for m in DOC_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b, _ in standards):
            continue
        num, code = m.group(1), m.group(3)
        first = re.split(r"[-/.]", code)[0]
        if not any(c.isupper() for c in first[:1]) or first in ("ĐT", "FAX", "TEL"):
            continue
        type_code = next((c for c in _LONGEST_FIRST if first.startswith(c)), None)
        if first in ("QH",) or re.fullmatch(r"QH\d+", first):
            type_code = "QH"
        written = m.group(0)
        found.append((m.start(), DocNumber(written, doc_number_key(written), _number_key(num), type_code)))
    return [n for _, n in sorted(found, key=lambda x: x[0])]


def find_percents(text: str) -> list[str]:
    """Percentages as canonical strings: `85 %` and `85%` -> `85`, `2,5%` -> `2.5`."""
    return [p.replace(",", ".") for p in numbers.PERCENT.findall(text)]


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
    terms.extend("date:" + d.isoformat() for _, d in dates.find_dates(text))
    terms.extend("month:" + my for my in dates.find_month_years(text))
    terms.extend("pct:" + p for p in find_percents(text))
    return terms


@cache
def _typed_number() -> tuple[re.Pattern[str], dict[str, str]]:
    """`quyet dinh 502`, `qd so 502` (tone-free) and the code each type word or code stands for. A code that is
    is also an everyday word (`ĐA` -> `da`, also `đã`) is not read from a question."""
    words = {vntext.strip_tones(n): code_of_type(n) for n in doctypes.names() if doctypes.code_of(n) or n == "Luật"}
    codes = {vntext.strip_tones(c): c for c in doctypes.plain_codes()}
    table = {k: v for k, v in {**words, **codes}.items() if v}
    alternation = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    return re.compile(rf"\b({alternation})\s*(?:so\s*)?(\d{{1,5}})(?![\d/])"), table


def query_identifier_terms(query: str) -> list[str]:
    """Identifier terms of a query, also for `QĐ 502` or `quyet dinh 502` written without the full number."""
    terms = identifier_terms(query)
    flat = vntext.strip_tones(query)
    pattern, table = _typed_number()
    for kind, num in pattern.findall(flat):
        code = table.get(kind)
        if code:
            terms.append(f"docnum:{_number_key(num)}-{vntext.strip_tones(code)}")
    return list(dict.fromkeys(terms))


# `Điều 62`, `khoản 3`, `Biểu 01`, `STT 5`: a figure after these words names a provision or a row, not a quantity
_PROVISION_WORD = re.compile(
    r"(?:Điều|điều|khoản|Khoản|điểm|Điểm|Chương|chương|Mục|mục|Phụ lục|phụ lục|Phần|phần|"
    r"Biểu|biểu|Mẫu|mẫu|số thứ tự|STT)(?:\s+số)?\s*$"
)


# a reference to a provision, smallest part first, as legal writing cites it (Nghị định 30/2020/NĐ-CP Phụ lục I;
# Luật Ban hành văn bản QPPL 2015, Điều 60: điểm - khoản - điều): `điểm c khoản 2 Điều 60`, `Khoản 7, 5 Điều 60`,
# `khoản 1 và khoản 3 Điều 5`
_LIST = r"{x}(?:\s*(?:,|và|hoặc)\s*(?:{w}\s+)?{x})*"
PROVISION = re.compile(
    r"(?<!\w)(?:[Đđ]iểm\s+(?P<points>" + _LIST.format(x=r"[a-zđ]\b", w="điểm") + r")\s*,?\s+)?"
    r"(?:[Kk]hoản\s+(?P<clauses>" + _LIST.format(x=r"\d+\b", w="khoản") + r")\s*,?\s+)?"
    r"(?:của\s+)?[Đđ]iều\s+(?P<article>" + _LIST.format(x=r"\d+[a-zđ]?\b", w="Điều") + r")"
)


def _parts(text: str | None) -> list[str]:
    """The numbers or letters of one level of a reference, as written (`7, 5` -> [`7`, `5`])."""
    return re.findall(r"\b(\d+[a-zđ]?|[a-zđ])\b", re.sub(r"\b(?:và|hoặc|điểm|khoản|Điều)\b", " ", text or ""))


def provision_key(m: re.Match[str]) -> str:
    """`điểm c khoản 2 Điều 60` -> `60.2.c`; several articles, clauses or points, in order (`Khoản 7, 5 Điều 60` ->
    `60.5,7`, `Điều 17, 18 và 19` -> `17,18,19`). A part written twice stays twice (`khoản 6, khoản 6`): a
    reference never repeats a part, so the repeat is a changed part, not the same reference."""

    def items(text: str | None) -> str:
        return ",".join(sorted(_parts(text), key=lambda x: (len(x), x)))

    return ".".join(x for x in (items(m.group("article")), items(m.group("clauses")), items(m.group("points"))) if x)


def provision_part_of(part: str, whole: str) -> bool:
    """Every part of the reference keyed `part` is in the one keyed `whole` (`60.4` of `60.4,5`), the same articles."""
    xs, ys = part.split("."), whole.split(".")
    return (
        len(xs) == len(ys)
        and xs[0] == ys[0]
        and all(set(x.split(",")) <= set(y.split(",")) for x, y in zip(xs[1:], ys[1:], strict=True))
    )


def provision_difference(claimed: str, source: str) -> tuple[str, str] | None:
    """The parts two references differ in, each with its article, as written (`khoản 1, khoản 3, khoản 2 Điều 3`
    against `khoản 1, khoản 3, khoản 4 Điều 3` -> `khoản 2 Điều 3`, `khoản 4 Điều 3`); in a list of articles, the one
    reference that changed (`khoản 1 Điều 60 và Điều 66` against `khoản 1 Điều 61 và Điều 66` -> `khoản 1 Điều 60`,
    `khoản 1 Điều 61`). None when the parts cannot be paired or a reference's only part changed (the whole reference
    is then the value). The clauses and points of a list belong to its first article, as legal writing cites them."""
    a, b = (next(PROVISION.finditer(t), None) for t in (claimed, source))
    if a is None or b is None:
        return None
    articles = _parts(a.group("article"))
    if sorted(articles) != sorted(_parts(b.group("article"))):
        return _article_difference(a, b)
    clauses = _parts(a.group("clauses"))
    for level, word in (("clauses", "khoản"), ("points", "điểm")):
        xs, ys = _parts(a.group(level)), _parts(b.group(level))
        if sorted(xs) == sorted(ys):
            continue
        pair = _one_changed(xs, ys)
        if pair is None and len(articles) >= 2 and len(xs) == len(ys) == 1:
            pair = (xs[0], ys[0])  # the first article's only clause: that reference changed, not the list's others
        if pair is None:
            return None
        within = f" khoản {clauses[0]}" if level == "points" and clauses else ""  # a point is its clause's
        return (f"{word} {pair[0]}{within} Điều {articles[0]}", f"{word} {pair[1]}{within} Điều {articles[0]}")
    return None


def _one_changed(xs: list[str], ys: list[str]) -> tuple[str, str] | None:
    """The one part of a list that changed (a part written twice is the changed one), if exactly one did."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None  # a single part changed is the whole reference changed
    only_x = [x for x in xs if x not in ys] or [x for i, x in enumerate(xs) if xs.index(x) != i]
    only_y = [y for y in ys if y not in xs]
    return (only_x[0], only_y[0]) if len(only_x) == 1 and len(only_y) == 1 else None


def _article_difference(a: re.Match[str], b: re.Match[str]) -> tuple[str, str] | None:
    """One article of a list of several changed, its clauses and points the same: that article, with the clauses
    and points written before it when it is the first (they are its own)."""
    pair = _one_changed(_parts(a.group("article")), _parts(b.group("article")))
    if pair is None or any(_parts(a.group(g)) != _parts(b.group(g)) for g in ("clauses", "points")):
        return None
    first = _parts(a.group("article"))[0] == pair[0]
    lead = a.group(0)[: a.start("article") - a.start()].removesuffix("Điều ").strip() if first else ""
    return f"{lead} Điều {pair[0]}".strip(), f"{lead} Điều {pair[1]}".strip()


@cache
def _type_then_number() -> re.Pattern[str]:
    """A document type a number follows (`Nghị quyết số`, `Chỉ thị`): that number names a document."""
    names = sorted((t.name for t in doctypes.types() if t.cited), key=len, reverse=True)
    codes = sorted(doctypes.plain_codes(), key=len, reverse=True)  # `NQ 02`, `QĐ 502`: as editors abbreviate
    # a code only as running text writes it (`NQ 02`), never a table's `TT` (thứ tự) column before a cell
    return re.compile(r"(?<!\w)(?:(?:" + "|".join(map(re.escape, names)) + r")(?:\s+số)?\s*|(?-i:"
                      + "|".join(map(re.escape, codes)) + r")(?: số)? ?)$", re.IGNORECASE)  # fmt: skip


def document_type_before(text: str) -> str | None:
    """The document type the text ends with (`... Nghị quyết số` -> `Nghị quyết`): a number after it is the
    document's (`Nghị quyết số 02`, `Chỉ thị 11`), counted as such and no other quantity."""
    m = _type_then_number().search(text)
    written = re.sub(r"\s+số\s*$|\s+$", "", m.group(0)) if m else None
    return doctypes.plain_codes().get(written, written) if written else None


def ends_with_provision_word(text: str) -> bool:
    """The text ends with a word that numbers a provision, form or row (`... tại Điều`, `... khoản`)."""
    return bool(_PROVISION_WORD.search(text))


def names_document(text: str, number: str) -> bool:
    """Does `text` name the document numbered `number` (`02-NQ/TW`), in full or as `Nghị quyết (số) 02` without
    another issuer's code?"""
    wanted = find_doc_numbers(number)[0]
    written = find_doc_numbers(text)
    if any(n.key == wanted.key for n in written):
        return True
    if any(n.type_key == wanted.type_key for n in written):
        return False  # the same number and type from another issuer (`02/NQ-HĐND`)
    return f"docnum:{wanted.type_key}" in query_identifier_terms(text)


@cache
def _named_document() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*(?:của\s+)?((?:{doctypes.alternation()})(?:\s+(?!và\b|hoặc\b|được\b|này\b)[\w/-]+){{0,6}})(?!\s+này)"
    )


def document_named(following: str) -> str:
    """The tone-free first words of the document the words right after a provision name (`Luật Địa chất và khoáng
    sản` -> `luat dia chat`), or empty (none named, or the text's own: `Bộ luật này`)."""
    m = _named_document().match(following)
    return vntext.strip_tones(m.group(1).lower()) if m else ""


def document_named_length(following: str) -> int:
    """How many characters of `following` the document named right after a provision takes (0 if none)."""
    m = _named_document().match(following)
    return m.end() if m else 0

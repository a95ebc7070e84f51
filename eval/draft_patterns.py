"""The generated draft suite's own reading of Vietnamese official text, kept apart from the product.

A test set made with the code it tests cannot show what that code misses, so the suite (`eval.gen_drafts`) and
the scorer's value comparison (`eval.check_eval.same_value`) read sentences, dates, figures, document numbers,
acting bodies, people and places here, with patterns written from how official documents are formatted
(Nghị định 30/2020/NĐ-CP: `Số: 12/BC-UBND`, `ngày 25 tháng 4 năm 2011`, a title before a name), not with
`ingest.vn`. Each finder returns (start, end, text) spans of the sentence it reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

Span = tuple[int, int, str]

_UP = "A-ZĐ"  # capitals of document codes (`QĐ`, `ĐCKS`, `NĐ-CP`)
DATE_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
DATE_WORDS = re.compile(r"[Nn]gày (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d{2})")
# `12/2024/NĐ-CP`, `502/QĐ-ĐCKS`, `02-NQ/TW`, `05-NQ/BCSĐTNMT`: a number, then type and issuer codes in capitals
# `quý II/2026`, `Quý 3 năm 2025`, `quý III, năm 2022` (a task list's deadline); `năm 2019` as a period
QUARTER = re.compile(r"(?<!\w)[Qq]uý (IV|I{1,3}|[1-4])(?:/|,? năm )((?:19|20)\d{2})(?!\d)")
YEAR = re.compile(r"(?<![\w/])(?<!tháng \d )(?<!tháng \d\d )[Nn]ăm ((?:19|20)\d{2})(?![\d/])")
# `điểm c khoản 2 Điều 60`, `khoản 1 Điều 5`, `Điều 12` (Nghị định 30/2020/NĐ-CP: provisions cited small to large)
PROVISION = re.compile(r"(?<!\w)(?:[Đđ]iểm [a-zđ] )?(?:[Kk]hoản (\d+) )?Điều (\d+)(?![\d/])")
# a list of clauses or articles (`khoản 1, 4, 5 Điều 17`, `các Điều 17, 18 và 19`): its numbers are no quantities
_PROVISION_LIST = re.compile(r"(?<!\w)(?:[Kk]hoản|Điều|điều|điểm) \d+[a-zđ]?(?:(?:, | và | hoặc )\d+[a-zđ]?)+")
# a law's name ends with its year (`Luật Địa chất và khoáng sản năm 2024`): that year names the law, it is no period
_LAW_NAME = re.compile(r"Luật [^,;.()]{0,60}$")
DOC_NUMBER = re.compile(rf"(?<![\w/])(\d{{1,5}})((?:/(?:19|20)\d{{2}})?/[{_UP}][{_UP}a-z&]*(?:-[{_UP}][{_UP}a-z&]*)*"
                        rf"|-[{_UP}]+/[{_UP}][{_UP}a-z&]*)")  # fmt: skip
FIGURE = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\w/-]|[.,]\d)")
# words before a figure that make it a label, an ordinal or part of a date, not a quantity
_NOT_A_QUANTITY = re.compile(r"(?<!\w)(?:Điều|điều|khoản|điểm|mục|Mục|Phụ lục|số|Số|năm|tháng|ngày|quý|Quý|"
                             r"giai đoạn|Khóa|khóa|lần thứ|Chương|Phần|thứ|Tổ|tổ|Nhóm|nhóm|kỳ|Kỳ)\s*$")  # fmt: skip
_TITLES = ("Phó Thủ tướng", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Phó Chủ tịch", "Chủ tịch", "Phó Giám đốc",
           "Giám đốc", "Tổng Cục trưởng", "Phó Tổng Cục trưởng", "Cục trưởng", "Tổng Bí thư", "Bí thư",
           "đồng chí", "Đồng chí", "ông", "Ông", "bà", "Bà")  # fmt: skip
_TITLE = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _TITLES), key=len, reverse=True)) + r")\s+")
_WORD = re.compile(r"[^\W\d_]+")
# capitalised words that start a body's or an office's name, never a person's (`Bộ trưởng Bộ Công Thương`)
_NOT_A_NAME = frozenset({"Việt", "Bộ", "Sở", "Cục", "Tổng", "Ủy", "Uỷ", "Ban", "Văn", "Chính", "Hội", "Quốc", "Thủ", "Phó",
                         "Chủ", "Trung", "Thanh", "Viện", "Tòa", "Công", "Ngân", "Kho", "Tỉnh", "Thành"})  # fmt: skip
# a list item's marker (`a)`, `đ)`, `2.`, `1.1.`) or a card's label in capitals (`LIÊN QUAN:`) before a sentence
_LEAD = re.compile(r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.|[-+*•]|[A-ZĐ]{1,4}\d+\s*-|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,}:)\s+")
# Ministries and ministry-level agencies as a draft names them (the Government's members, Nghị định
# 123/2016/NĐ-CP, and Nghị quyết 176/2025/QH15); a department (`Sở`) mirrors its ministry's name.
MINISTRIES = ("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường", "Bộ Công Thương", "Bộ Xây dựng",
              "Bộ Tài chính", "Bộ Tư pháp", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "Bộ Kế hoạch và Đầu tư",
              "Bộ Quốc phòng", "Bộ Công an", "Bộ Giao thông vận tải", "Bộ Nông nghiệp và Phát triển nông thôn",
              "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao", "Bộ Y tế", "Bộ Giáo dục và Đào tạo")  # fmt: skip
# bodies above the ministries that issue the documents a draft cites (Nghị định 30/2020/NĐ-CP, Phụ lục I)
CENTRAL = ("Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chính phủ", "Thủ tướng Chính phủ", "Bộ Chính trị", "Ban Bí thư")
_BODY = re.compile(r"(?<!\w)(?:Bộ|Sở) (?:" + "|".join(sorted((re.escape(m[3:]) for m in MINISTRIES), key=len,
                                                              reverse=True)) + r")(?!\w)")  # fmt: skip
_PLACE = re.compile(r"(?<!\w)(?:tỉnh|Tỉnh|thành phố|Thành phố)\s+")
_TYPES = ("NGHỊ QUYẾT", "QUYẾT ĐỊNH", "BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "CHỈ THỊ", "KẾT LUẬN", "NGHỊ ĐỊNH",
          "THÔNG TƯ", "CÔNG VĂN", "TỜ TRÌNH", "CHIẾN LƯỢC", "LUẬT", "HƯỚNG DẪN", "CHƯƠNG TRÌNH")  # fmt: skip
# `Số: 12/BC-UBND`, `Số: 5973 /UBND-KT` (a blank left for the number), or a card's `SỐ HIỆU: 60/2010/QH12`
_NUMBER_LINE = re.compile(r"(?:^|\s)(?:Số|SỐ HIỆU|Số hiệu)\s*:?\s*(\d+\s*/\s*[^\s,]+|\d+-[^\s,]+)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split after `.`, `;`, `!` or `?` where the next word starts with a capital."""
    text, out, start = nfc(text), [], 0
    for m in re.finditer(r"[.;!?]\s+", text):
        if text[m.end() : m.end() + 1].isupper():
            out.append(text[start : m.end()].strip())
            start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _capitalised_run(text: str, at: int, most: int, joiners: tuple[str, ...] = (" ",)) -> Span | None:
    """The run of capitalised words (`Trần Hồng Hà`, `Bà Rịa - Vũng Tàu`) starting at `at`, up to `most`."""
    words, end, pos = 0, at, at
    while words < most:
        m = _WORD.match(text, pos)
        if not m or not (m.group(0)[0].isupper() and m.group(0)[1:].islower()):
            break
        words, end = words + 1, m.end()
        joiner = next((j for j in joiners if text.startswith(j, end)), None)
        if joiner is None:
            break
        pos = end + len(joiner)
    return (at, end, text[at:end]) if words else None


def dates(text: str) -> list[Span]:
    return sorted((m.start(), m.end(), m.group(0)) for rx in (DATE_NUMERIC, DATE_WORDS) for m in rx.finditer(text))


def quarters(text: str) -> list[Span]:
    return [(m.start(), m.end(), m.group(0)) for m in QUARTER.finditer(text)]


def years(text: str) -> list[Span]:
    """`năm 2019` said as a period, not inside a full date or a month, nor ending a law's name."""
    taken = [(a, b) for a, b, _ in dates(text) + quarters(text)]
    return [(m.start(), m.end(), m.group(0)) for m in YEAR.finditer(text)
            if not any(a <= m.start() < b for a, b in taken) and not _LAW_NAME.search(text[: m.start()])]  # fmt: skip


def provisions(text: str) -> list[Span]:
    """Provisions cited with a clause or a point (`khoản 2 Điều 60`): a bare `Điều 5` is usually a heading."""
    return [(m.start(), m.end(), m.group(0)) for m in PROVISION.finditer(text) if m.group(1)]


def _quarter_key(written: str) -> tuple[int, int] | None:
    m = QUARTER.search(written)
    if not m:
        return None
    q = m.group(1)
    return int(m.group(2)), int(q) if q.isdigit() else {"I": 1, "II": 2, "III": 3, "IV": 4}[q]


def date_value(written: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date as `dates` finds it."""
    m = DATE_NUMERIC.search(written) or DATE_WORDS.search(written)
    return (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def doc_numbers(text: str) -> list[Span]:
    return [(m.start(), m.end(), m.group(0)) for m in DOC_NUMBER.finditer(text)]


def own_dates(text: str) -> dict[str, set[tuple[int, int, int]]]:
    """The dates written right after a document number (`Nghị định số 193/2025/NĐ-CP ngày 02/7/2025`), by the
    number's key: each is that document's own date."""
    out: dict[str, set[tuple[int, int, int]]] = {}
    numbers = doc_numbers(text)
    for start, _end, written in dates(text):
        before = re.sub(r"\s*,?\s*(?:ngày\s*)?$", "", text[:start])
        number = next((n for n in numbers if n[1] == len(before)), None)
        if number and (value := date_value(written)):
            out.setdefault(doc_number_key(number[2]), set()).add(value)
    return out


def doc_number_key(written: str) -> str:
    """`Số 02-NQ/TW` and `02/NQ-TW` alike: the digits and the capital codes, leading zeros dropped."""
    m = DOC_NUMBER.search(written)
    if not m:
        return ""
    codes = re.findall(rf"[{_UP}a-z&]+|(?:19|20)\d{{2}}", m.group(2))
    return "/".join([str(int(m.group(1))), *codes]).lower()


def figures(text: str) -> list[Span]:
    """Quantities: figures that are not years, dates, document numbers, article labels or ordinals."""
    taken = [(a, b) for a, b, _ in dates(text) + doc_numbers(text)]
    taken += [m.span() for m in _PROVISION_LIST.finditer(text)]
    out = []
    for m in FIGURE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or _NOT_A_QUANTITY.search(text[: m.start()]):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", m.group(1)):
            continue
        out.append((m.start(), m.end(), m.group(1)))
    return out


def figure_value(written: str) -> float:
    """`1.500` -> 1500, `5,5` -> 5.5, `07` -> 7."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", written):
        return float(written.replace(".", ""))
    return float(written.replace(",", "."))


def people(text: str) -> list[Span]:
    """Names written after a title or an honorific (`Bộ trưởng Trần Hồng Hà`, `đồng chí Nguyễn Văn A`)."""
    out = []
    for title in _TITLE.finditer(text):  # the first name-like run within eight words (`Thứ trưởng Bộ TN&MT Trần ...`)
        for word in list(_WORD.finditer(text, title.end()))[:8]:
            run = _capitalised_run(text, word.start(), 4)
            before = text[: word.start()].rstrip().rsplit(" ", 1)[-1].lower()
            if run and len(run[2].split()) >= 2 and not _NOT_A_NAME & set(run[2].split()) and before not in (
                "tỉnh", "phố", "huyện", "xã"):  # fmt: skip
                out.append(run)
                break
    return out


_SIGNATURE_TITLE = re.compile(r"(?:TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|BÍ THƯ|CHÁNH VĂN PHÒNG)(?:\s|$)")


def signers(lines: list[str]) -> list[str]:
    """Names under a signature's title line (`KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / `Trần Văn A`)."""
    out = []
    for i, line in enumerate(lines[:-1]):
        if _SIGNATURE_TITLE.search(line.strip()):
            for below in (ln.strip() for ln in lines[i + 1 : i + 25] if ln.strip()):
                run = _capitalised_run(below, 0, 4)
                if run and run[2] == below and len(below.split()) >= 2 and not _NOT_A_NAME & set(below.split()):
                    out.append(below)
                    break
        for m in re.finditer(r"người ký[^:;]*:\s*", line):  # a card's `người ký theo ...: Nguyễn Phú Trọng`
            run = _capitalised_run(line, m.end(), 4)
            if run and len(run[2].split()) >= 2:
                out.append(run[2])
    return out


def issuer(lines: list[str]) -> str:
    """The body that issued a document: a card's `CƠ QUAN BAN HÀNH:` field, else the last line in capitals above
    the national motto (`BỘ CÔNG THƯƠNG`; `ỦY BAN NHÂN DÂN` / `TỈNH LÀO CAI`); "" unless it is a ministry, a
    central body or a province's People's Committee."""
    card = next((ln for ln in lines[:40] if nfc(ln).startswith("CƠ QUAN BAN HÀNH:")), None)
    if card:
        return known_body(re.split(r"[(;]", nfc(card).split(":", 1)[1])[0])
    caps: list[str] = []
    for raw in lines[:40]:
        line = nfc(raw).strip()
        left = re.split(r"\s{3,}|CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN", line)[0].strip()  # the header's left column
        if left.startswith(("Số", "SỐ", "V/v")):
            break
        if left and left.upper() == left and re.search("[A-ZĐ]", left):
            caps.append(left)
    if len(caps) >= 2 and caps[-1].startswith(("TỈNH ", "THÀNH PHỐ ")):
        caps[-2:] = [f"{caps[-2]} {caps[-1]}"]
    return known_body(caps[-1]) if caps else ""


def known_body(name: str) -> str:
    """`BỘ CÔNG THƯƠNG` -> `Bộ Công Thương`, `UBND TỈNH LÀO CAI` -> `Ủy ban nhân dân tỉnh Lào Cai`; "" if unknown."""
    key = flat(name).strip(" .,")
    for body in (*MINISTRIES, *CENTRAL):
        if flat(body) == key:
            return body
        if key.startswith("so ") and flat(body) == "bo " + key[3:]:  # a department mirrors its ministry
            return "Sở " + body[3:]
    m = re.fullmatch(r"(?:uy ban nhan dan|ubnd) (tinh|thanh pho) (.+)", key)
    if not m:
        return ""
    place = nfc(name).strip(" .,").split()[-len(m.group(2).split()) :]
    return f"Ủy ban nhân dân {'tỉnh' if m.group(1) == 'tinh' else 'thành phố'} {' '.join(w.title() for w in place)}"


def without_lead(sentence: str) -> str:
    """The sentence without a list marker or a card label before it, its first letter capitalised."""
    rest = _LEAD.sub("", sentence, count=1)
    return rest[:1].upper() + rest[1:]


def bodies(text: str) -> list[Span]:
    """Ministries and departments by name (`Bộ Tài nguyên và Môi trường`, `Sở Công Thương`)."""
    return [(m.start(), m.end(), m.group(0)) for m in _BODY.finditer(text)]


def places(text: str) -> list[Span]:
    """Provinces and cities named with their locality word (`tỉnh Yên Bái`): the name's span."""
    runs = (_capitalised_run(text, m.end(), 4, (" - ", " ")) for m in _PLACE.finditer(text))
    return [r for r in runs if r and r[2].split()[0] not in ("Năm", "Tháng", "Quý")]  # `tỉnh Năm 2025 ...`


@dataclass
class Header:
    doc_type: str  # `Nghị quyết`
    number: str  # `02-NQ/TW`

    @property
    def label(self) -> str:
        return f"{self.doc_type} số {self.number}"


def header(text: str, lines: int = 60) -> Header | None:
    """The type and number an official document's header gives: the type line in capitals (or a card's `TIÊU ĐỀ`,
    or `V/v` for a letter, Công văn) and the `Số:` line; None unless it has both."""
    head = [ln.strip() for ln in nfc(text).splitlines()[:lines] if ln.strip()]
    number = next((re.sub(r"\s+", "", m.group(1)).rstrip(".,;") for ln in head if (m := _NUMBER_LINE.search(ln))), None)
    kind = next((t for ln in head for t in _TYPES if ln.upper() == ln and ln.startswith(t)), None)
    titled = next((ln.split(":", 1)[1].strip().upper() for ln in head if ln.startswith("TIÊU ĐỀ:")), "")
    kind = kind or next((t for t in _TYPES if titled.startswith(t)), None)
    kind = kind or ("CÔNG VĂN" if any(ln.startswith("V/v") for ln in head) else None)
    if not number or not kind or not DOC_NUMBER.search(number):
        return None
    return Header(kind[:1] + kind[1:].lower(), number)


def same_value(a: str | None, b: str | None) -> bool:
    """The same value, as the scorer compares a shown source value with the key's: same document number, same
    date, same first figure (and unit, when both give one), else the same words without tone marks."""
    if not a or not b:
        return False
    ka, kb = (doc_number_key(x) for x in (a, b))
    if ka or kb:
        return ka == kb
    if "Điều" in a and "Điều" in b:  # a provision: every clause and article number
        return re.findall(r"\d+", a) == re.findall(r"\d+", b)
    qa, qb = _quarter_key(a), _quarter_key(b)
    if qa or qb:
        return qa == qb
    da, db = ({date_value(s[2]) for s in dates(x)} for x in (a, b))
    if da or db:
        return bool(da & db)
    fa, fb = (_first_figure(x) for x in (a, b))
    if fa or fb:
        return bool(fa and fb and fa[0] == fb[0] and (fa[1] == fb[1] or "" in (fa[1], fb[1])))
    x, y = (flat(v).strip(" .") for v in (a, b))
    return x == y or (len(x.split()) >= 2 and len(y.split()) >= 2 and (x in y or y in x))


def _first_figure(text: str) -> tuple[float, str] | None:
    m = re.search(r"(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(%|[^\W\d_]+)?", text)
    return (figure_value(m.group(1)), (m.group(2) or "").lower()) if m else None


def flat(text: str) -> str:
    """Lower case, without tone marks, `đ` as `d`, single spaces."""
    text = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())

"""The header and signature of an official document, as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays them out.

A Vietnamese administrative header has two columns: the issuing body (left, upper case, parent body above) with
the number below it, and the national motto (right) with `Place, ngày ... tháng ... năm ...`. These are the line
shapes `ingest.describe` reads them by.
"""

from __future__ import annotations

import re

from ingest.vn import vntext

# Lines that are not part of a document's own header or signature: Công báo page headers, digital-signature
# stamps, decoration and page numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I: what a header holds and what not).
NOISE = re.compile(
    r"^(?:CÔNG BÁO\b.*|Ký bởi\s*:.*|Email\s*:.*|Cơ quan\s*:.*|Thời gian ký\s*:.*|Ngày ký\s*:.*|"
    r"[*_=.\-–—~ ]{3,}|\d{1,4}|Trang \d+.*)$",
    re.IGNORECASE,
)
# what stands beside the signer's name in place of the signature (`(Đã ký)`, `Đã ký: Nguyễn Văn A`, `[Chữ ký số]`)
SIGNED_MARK = re.compile(r"^[(\[]?\s*(?:đã ký|ký tên|chữ ký số|ký)\s*[)\]:]?\s*", re.IGNORECASE)
PASSED = re.compile(r"thông\s*qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)
PARTY_COMMITTEE = re.compile(r"(?:tỉnh|thành|huyện|quận|thị|đảng) ủy(?!\w)")  # `TỈNH ỦY`, `ĐẢNG ỦY KHỐI ...`
TERM = re.compile(r"KH[OÓ]A\s+[IVXLC\d]+", re.IGNORECASE)
AUTHENTICATED = re.compile(r"XÁC\s*THỰC\s+VĂN\s*BẢN\s+HỢP\s*NHẤT", re.IGNORECASE)
# an item of the closing `Nơi nhận:` list (`- UBND tỉnh (b/c);`, `- Lưu: VT, KS.`): the left column of the
# signature block, whose lines run between the signer's title and name in text copies
RECIPIENT_ITEM = re.compile(r"^[-+•]\s*\S")
COLUMN_GAP = re.compile(r"\t+|\s{4,}")
# the national motto opens the header's right column; a copy may split its syllables (`CỘNG HO À XÃ H ỘI`)
MOTTO_START = re.compile(r"(?=C\s?Ộ\s?NG\s+H\s?(?:O\s?À|Ò\s?A)\s+X\s?Ã\s+H\s?Ộ\s?I|Độc lập\s*[-–]\s*Tự do)")
PLACE_START = re.compile(r"\s(?=[^\W\d_][^\d,/]{1,25},\s*ngày\b)")
DATE_GAP_AFTER_WORD = re.compile(r"\b(ngày|tháng|năm)\s+(\d)")
DATE_GAP_BEFORE_WORD = re.compile(r"(\d)\s+(tháng|năm)\b")
# `Số: 05/2025/TT-BTP`; a copy may lose the colon (`Số 05/2025/TT-BTP`): what follows must then open with the number
NUMBER_LINE = re.compile(r"^\s*(?:Số|SỐ|Luật số|LUẬT SỐ)\s*(?:hiệu)?\s*(?::\s*|\s(?=\d))(.+)")
PLACE_DATE = re.compile(r"^[^,\d]{2,40},\s*ngày\b", re.IGNORECASE)
MOTTO = ("CỘNG HÒA XÃ HỘI", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN VIỆT NAM")


def is_motto(line: str) -> bool:
    """The national (or the Party's) motto, its syllables split apart or not: no body's name."""
    return bool(MOTTO_START.match(line.strip())) or any(m in vntext.canonical(line) for m in MOTTO)


LOCAL = ("Ủy ban nhân dân", "Sở ", "Hội đồng nhân dân", "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Thanh tra tỉnh")
POSITION_WORDS = ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TƯỚNG", "TỔNG BÍ THƯ", "CHÁNH", "TRƯỞNG", "THỨ TRƯỞNG",
                   "PHÓ", "KT.", "TM.", "TL.", "Q.", "BÍ THƯ")  # fmt: skip


def names_position(line: str) -> bool:
    """The line names a position or signing authority (`THỨ TRƯỞNG`, `KT. BỘ TRƯỞNG`, `PHÓ CHỦ TỊCH`)."""
    upper = line.upper()
    return any(w in upper for w in POSITION_WORDS)


HEADER_KEYS = {
    vntext.strip_tones(k): k for k in ("TIÊU ĐỀ", "SỐ HIỆU", "CƠ QUAN BAN HÀNH", "NGÀY BAN HÀNH", "NGÀY", "LOẠI")
}

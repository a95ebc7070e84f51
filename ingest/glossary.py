"""Vietnamese administrative abbreviations and their expansions (both directions feed the sparse index).

`TN&MT` in a question finds `Tài nguyên và Môi trường` in a document and the other way round, because
documents and queries both get the expansions of the abbreviations they contain.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TTr": "Tờ trình",
    "BCĐ": "Ban chỉ đạo",
    "BCS": "Ban cán sự",
    "BCSĐ": "Ban cán sự đảng",
    "BCH": "Ban Chấp hành",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "BCT": "Bộ Chính trị",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng",
    "QH": "Quốc hội",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "NN&MT": "Nông nghiệp và Môi trường",
    "NNMT": "Nông nghiệp và Môi trường",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "SNNMT": "Sở Nông nghiệp và Môi trường",
    "ĐCKS": "Địa chất và Khoáng sản",
    "KS": "khoáng sản",
    "VLXD": "vật liệu xây dựng",
    "TTHC": "thủ tục hành chính",
    "GPKT": "giấy phép khai thác",
    "ĐTM": "đánh giá tác động môi trường",
    "VPCP": "Văn phòng Chính phủ",
    "SCT": "Sở Công Thương",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "CNH-HĐH": "công nghiệp hóa, hiện đại hóa",
}
_TOKEN = re.compile(
    r"(?<![\w&-])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w&])"
)


def expansions(text: str) -> list[str]:
    """Full forms of the abbreviations written in `text` (once each, in order of appearance)."""
    return list(dict.fromkeys(ABBREVIATIONS[m.group(1)] for m in _TOKEN.finditer(text)))


def expand_query(question: str) -> str:
    """The question with the full forms of its abbreviations appended."""
    extra = expansions(question)
    return f"{question} ({'; '.join(extra)})" if extra else question

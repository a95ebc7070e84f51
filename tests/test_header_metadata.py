"""Document facts read from an official header and signature block (Nghị định 30/2020/NĐ-CP, Phụ lục I), on
headers written for the test, each also as text extraction damages it: stray spaces in the number, a name's
syllable split at its tone mark, the body's name wrapped onto a second line, the legislature's term under it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.describe import describe
from ingest.load import load

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"


def _document(issuer: str, number: str, signature: str, doc_type: str = "THÔNG TƯ") -> str:
    return (
        f"{issuer}\n-------\n{MOTTO}\n{number}\nHà Nội, ngày 30 tháng 6 năm 2025\n\n{doc_type}\n"
        "Quy định chi tiết một số điều về hồ sơ\n\nCăn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\n"
        "Điều 1. Phạm vi điều chỉnh\nVăn bản này quy định chi tiết về hồ sơ.\n"
        "Điều 2. Hiệu lực thi hành\nVăn bản này có hiệu lực từ ngày 15 tháng 8 năm 2025.\n\n"
        f"Nơi nhận:\n- Văn phòng Chính phủ;\n- Lưu: VT.\n{signature}\n"
    )


def _meta(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    return describe(load(path)).as_payload()


@pytest.mark.parametrize(
    "number",
    ["Số: 05/2025/TT-BTP", "Số: 05/2025/TT- BTP", "Số: 05 /2025/TT-BTP", "Số:05/2025/TT -BTP", "Số 05/2025/TT-BTP"],
)
def test_the_number_with_stray_spaces_around_its_separators(tmp_path: Path, number: str) -> None:
    meta = _meta(tmp_path, _document("BỘ TƯ PHÁP", number, "BỘ TRƯỞNG\n\n\nLê Thành Long"))
    assert meta["number"] == "05/2025/TT-BTP"
    assert (meta["issuer"], meta["signer"], meta["issued"]) == ("Bộ Tư pháp", "Lê Thành Long", "2025-06-30")


@pytest.mark.parametrize("name", ["Nguyễn Hải Ninh", "Nguy ễn Hải Ninh", "Nguyễn H ải Ninh"])
def test_a_signer_whose_syllable_was_split_at_its_tone_mark(tmp_path: Path, name: str) -> None:
    meta = _meta(tmp_path, _document("BỘ TƯ PHÁP", "Số: 05/2025/TT-BTP", f"KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\n{name}"))
    assert meta["signer"] == "Nguyễn Hải Ninh"


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM", "ngân hàng nhà nước việt nam"),  # one name on two lines
        ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "ủy ban nhân dân tỉnh lào cai"),
        ("BỘ NÔNG NGHIỆP\nVÀ PHÁT TRIỂN NÔNG THÔN", "bộ nông nghiệp và phát triển nông thôn"),
        ("BỘ TÀI CHÍNH\nCỤC THUẾ", "cục thuế"),  # a body under its parent: the body issues
        ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "sở tài nguyên và môi trường tỉnh lào cai"),
        ("QUỐC HỘI\nKHÓA XV", "quốc hội"),  # the legislature's term is no body
    ],
)
def test_the_issuer_wrapped_or_under_its_parent(tmp_path: Path, issuer: str, expected: str) -> None:
    meta = _meta(tmp_path, _document(issuer, "Số: 12/2025/TT-ABC", "BỘ TRƯỞNG\n\n\nTrần Văn Sơn"))
    assert meta["issuer"].lower() == expected


@pytest.mark.parametrize("name", ["Nguyễn Hạnh Phúc", "NGUYỄN HẠNH PHÚC"])  # a name may be typed in capitals
def test_a_consolidated_text_without_a_body_in_its_closing_block_takes_the_headers(tmp_path: Path, name: str) -> None:
    text = _document("VĂN PHÒNG QUỐC HỘI", "", "", doc_type="LUẬT\nĐẤT ĐAI")
    text += f"XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 21/VBHN-VPQH\nHà Nội, ngày 10 tháng 12 năm 2018\nCHỦ NHIỆM\n\n\n{name}\n"
    meta = _meta(tmp_path, text)
    assert (meta["doc_type"], meta["number"], meta["issued"]) == ("Văn bản hợp nhất", "21/VBHN-VPQH", "2018-12-10")
    assert (meta["issuer"], meta["signer"]) == ("Văn phòng Quốc hội", "Nguyễn Hạnh Phúc")  # not the title `ĐẤT ĐAI`


@pytest.mark.parametrize(
    ("signature", "title"),
    [
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\nNGUYỄN HẢI NINH", "THỨ TRƯỞNG"),  # the name in capitals
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐã ký: Nguyễn Hải Ninh", "THỨ TRƯỞNG"),  # a copy writes the mark beside it
        ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n[Chữ ký số]\nNguyễn Hải Ninh", "THỨ TRƯỞNG"),
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hải Ninh", "PHÓ CHỦ TỊCH"),
        ("TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nNguyễn Hải Ninh", "CHÁNH VĂN PHÒNG"),
        (
            "- Lưu: VT.\t\tKT. BỘ TRƯỞNG\n- Như trên;\t\tTHỨ TRƯỞNG\n\t\tNguyễn Hải Ninh",
            "THỨ TRƯỞNG",
        ),  # columns run together
        (
            "Nơi nhận:          KT. BỘ TRƯỞNG\n- Như trên;\n                    THỨ TRƯỞNG\n- Lưu: VT, PC.\n"
            "- Các đơn vị thuộc Bộ;\n- Cổng thông tin điện tử;\n                    Nguyễn Hải Ninh",
            "THỨ TRƯỞNG",
        ),  # a text copy puts the recipients' lines between the title and the name
    ],
)
def test_the_signer_however_the_signature_block_is_written(tmp_path: Path, signature: str, title: str) -> None:
    meta = _meta(tmp_path, _document("BỘ TƯ PHÁP", "Số: 05/2025/TT-BTP", signature))
    assert (meta["signer"], meta["signer_title"]) == ("Nguyễn Hải Ninh", title)


def test_a_header_whose_syllables_were_split_at_their_tone_marks(tmp_path: Path) -> None:
    """Only the header and the signature block damaged (a copy re-typed from a scan): each read as if whole."""
    text = _document("QUỐC H ỘI", "Luật số: 12/2031/QH16", "CH Ủ TỊCH QU ỐC HỘI\n\n\nTr ần V ăn Sơn", doc_type="LUẬT")
    text = text.replace(MOTTO.splitlines()[0], "CỘNG HO À XÃ H ỘI CH Ủ NGH ĨA VI ỆT NAM").replace(
        "Hà Nội, ngày 30 tháng 6 năm 2025", "Hà N ội, ng ày 30 th áng 6 n ăm 2031"
    )
    meta = _meta(tmp_path, text)
    assert (meta["issuer"], meta["number"], meta["issued"]) == ("Quốc hội", "12/2031/QH16", "2031-06-30")
    assert meta["signer"] == "Trần Văn Sơn"


@pytest.mark.parametrize(
    "heading", ["PHỤ LỤC I\nMẪU BÁO CÁO", "Phụ lục\n(Ban hành kèm theo Thông tư số 05/2025/TT-BTP)"]
)
def test_the_signer_is_read_before_an_appendix_attached_after_the_signature(tmp_path: Path, heading: str) -> None:
    rows = "\n".join(
        f"{i}. Mẫu số {i:02d}: báo cáo kết quả thực hiện của Sở Tư pháp; kỳ báo cáo: hằng năm." for i in range(40)
    )
    text = _document("BỘ TƯ PHÁP", "Số: 05/2025/TT-BTP", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Hải Ninh")
    meta = _meta(tmp_path, f"{text}{heading}\n{rows}\n")
    assert (meta["signer"], meta["signer_title"]) == ("Nguyễn Hải Ninh", "THỨ TRƯỞNG")

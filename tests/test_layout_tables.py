"""A legacy Word file's layout tables (header and closing) are read column by column, as the text they are, and
every place a passage is cited says whether OCR read it. Text written for the test in antiword's table shape."""

from __future__ import annotations

from app.answer.cited import OCR_MARK, place
from ingest.chunk import chunk_blocks
from ingest.describe import describe
from ingest.load.blocks import Block, LoadedDocument
from ingest.load.doc import blocks_of

HEADER = """
|ỦY BAN NHÂN DÂN                     |     |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM              |
|TỈNH HÀ GIANG                       |     |Độc lập - Tự do - Hạnh phúc                     |
|Số: 215/UBND-KT                     |     |Hà Giang, ngày 14 tháng 8 năm 2021              |
|V/v báo cáo kết quả thực hiện Nghị|                                                       |
|quyết số 02-NQ/TW về khoáng sản   |                                                       |
"""
BODY = """
Kính gửi: Bộ Tài nguyên và Môi trường

     Thực hiện Thông báo số 01/TB-BCĐ, Ủy ban nhân dân tỉnh báo cáo kết quả 10 năm thực hiện Nghị quyết.
"""
DATA = """
|STT |Loại khoáng sản  |Số giấy phép |
|1   |Đá vôi           |12           |
|2   |Cát sỏi          |7            |
"""
CLOSING = """
     |Nơi nhận:                  |                        |TM. ỦY BAN NHÂN DÂN         |
|- Như trên;                 |                        |KT. CHỦ TỊCH                |
|- Lưu: VT, KT.              |                        |PHÓ CHỦ TỊCH                |
|                            |                        |                            |
|                            |                        |Nguyễn Văn Sơn              |
"""


def test_header_and_closing_tables_become_their_columns() -> None:
    blocks = blocks_of("\n".join([HEADER, BODY, DATA, CLOSING]))
    header = [b.text for b in blocks if b.kind == "header"]
    assert header[0].split("\n") == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG", "Số: 215/UBND-KT",
                                     "V/v báo cáo kết quả thực hiện Nghị quyết số 02-NQ/TW về khoáng sản"]  # fmt: skip
    assert header[1].startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    closing = [b.text.split("\n") for b in blocks if b.kind == "signature"]
    assert closing == [["Nơi nhận:", "- Như trên;", "- Lưu: VT, KT."],
                       ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Sơn"]]  # fmt: skip
    rows = [b.cells for b in blocks if b.cells]
    assert rows == [["STT", "Loại khoáng sản", "Số giấy phép"], ["1", "Đá vôi", "12"], ["2", "Cát sỏi", "7"]]
    assert not any(b.text.startswith("\t") or "|" in b.text for b in blocks), "no layout debris in any block"


def test_the_header_read_by_columns_gives_the_documents_facts() -> None:
    meta = describe(LoadedDocument("cv.doc", "doc", blocks_of("\n".join([HEADER, BODY, CLOSING]))))
    assert meta.number == "215/UBND-KT" and meta.issued == "2021-08-14"
    assert meta.title == "báo cáo kết quả thực hiện Nghị quyết số 02-NQ/TW về khoáng sản", "no motto in the subject"
    assert meta.signer == "Nguyễn Văn Sơn" and meta.signer_title == "PHÓ CHỦ TỊCH"


def test_a_passage_read_by_ocr_says_so_wherever_it_is_cited() -> None:
    blocks = [Block("Trang scan: quặng sắt 120 nghìn tấn.", page=1, ocr=True), Block("Trang có chữ.", page=2)]
    chunks = chunk_blocks(blocks, max_words=6, min_words=1)
    assert [c.ocr for c in chunks] == [True, False]
    assert place("I. Kết quả", 3, ocr=True) == f"I. Kết quả · trang 3 · {OCR_MARK}"
    assert place("", None) == "" and place("", 2) == "trang 2", "no dangling separator when a part is missing"

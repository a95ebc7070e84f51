"""Loaders on real files from ../shared: every format, page numbers, table rows, bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pymupdf
import pytest

from ingest import IngestError
from ingest.chunk import chunk_blocks
from ingest.load import load
from ingest.vn.vntext import match_form

from .conftest import MINERAL, SHARED, need_shared


def test_every_gold_evidence_string_survives_loading(shared):
    """The text the loaders produce contains every qa_dev evidence string (README normalisation)."""
    items = [json.loads(x) for x in (SHARED / "eval/qa_dev.jsonl").read_text().splitlines() if x.strip()]
    texts: dict[str, str] = {}
    for q in items:
        if not q["doc"]:
            continue
        path = next(MINERAL.rglob(q["doc"]))
        if q["doc"] not in texts:
            texts[q["doc"]] = match_form(load(path).text)
        assert match_form(q["evidence"]) in texts[q["doc"]], q["id"]


def test_docx_tables_keep_rows_cells_and_header(shared):
    doc = load(MINERAL / "files" / "TT-24-2025-TT-BCT-ke-hoach-quan-ly-rui-ro.docx")
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows and all(b.cells for b in rows)
    with_header = [b for b in rows if b.table_header]
    assert with_header and all(len(b.table_header) >= 2 for b in with_header)
    header_blocks = [b for b in doc.blocks if b.kind == "header"]
    assert any("CỘNG HÒA" in b.text.upper() or "CỘNG HOÀ" in b.text.upper() for b in header_blocks)


FLATTENED = """DANH MỤC NHIỆM VỤ
TT
Nội dung công việc
Cơ quan chủ trì
Thời gian hoàn thành
1
Tổng hợp báo cáo của các tỉnh
Văn phòng Tổng cục
Tháng 9 năm 2021

Lập danh sách đơn vị chưa gửi báo cáo
Vụ Khoáng sản
Tháng 10 năm 2021
2
Dự thảo Báo cáo tổng kết
Tổ biên tập
Tháng 11 năm 2021
Nơi nhận:
- Như trên;
"""


def test_a_table_flattened_one_cell_per_line_is_read_as_rows(tmp_path: Path):
    """A table copied into plain text (`TT`, the column names, then each row's number and cells, a blank line
    for an empty cell) comes back as rows labelled by its header; the text after it stays paragraphs."""
    path = tmp_path / "danh-muc.txt"
    path.write_text(FLATTENED, encoding="utf-8")
    doc = load(path)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].cells == ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    assert [r.cells[2] for r in rows[1:]] == ["Văn phòng Tổng cục", "Vụ Khoáng sản", "Tổ biên tập"]
    assert all(r.table_header == rows[0].cells for r in rows[1:])
    assert [b.text for b in doc.blocks if b.kind == "para"] == ["DANH MỤC NHIỆM VỤ", "Nơi nhận:", "- Như trên;"]


def test_the_flattened_task_table_of_nghi_quyet_88(shared):
    """Nghị quyết 88/NQ-CP's task list (a real TXT copy): task 8 keeps its lead agency and its deadline."""
    doc = load(MINERAL / "text" / "nq-88-NQ-CP-2022.txt")
    row = next(b for b in doc.blocks if b.kind == "table_row" and b.cells[0] == "8")
    assert row.cells[1].startswith("Trình, phê duyệt Quy hoạch thăm dò")
    assert row.cells[3:] == ["Bộ Xây dựng", "Bộ Tài nguyên và Môi trường, Bộ Công Thương", "Tháng 12, năm 2022"]
    assert row.table_header[3] == "Cơ quan chủ trì thực hiện"


def test_text_pdf_keeps_page_numbers_and_joins_broken_lines(shared):
    doc = load(MINERAL / "files" / "CV-6791-SNNMT-17-7-2026-y-kien-tham-dinh-CCN-Bao-Dap.pdf")
    assert doc.pages == 4 and doc.ocr_pages == 0
    assert {b.page for b in doc.blocks} == {1, 2, 3, 4}
    joined = [b.text for b in doc.blocks if "Công văn số 4170/SCT-CN ngày 14/7/2026" in b.text]
    assert joined, "a sentence broken across PDF lines should be re-joined"
    assert not any(b.text.strip().isdigit() for b in doc.blocks), "bare page numbers are removed"
    assert not any(b.ocr for b in doc.blocks), "a text layer is not OCR"


def test_scanned_pdf_is_read_by_ocr(shared):
    doc = load(MINERAL / "files" / "CV-813-CucHoaChat.pdf")
    assert doc.ocr_pages == 2 and doc.pages == 2
    text = doc.text
    assert "BỘ CÔNG THƯƠNG" in text.upper() and "hóa chất" in text.lower()
    assert any("OCR" in w for w in doc.warnings)
    assert doc.blocks and all(b.ocr for b in doc.blocks), "every block of a scanned page says OCR read it"
    assert all(c.ocr for c in chunk_blocks(doc.blocks)), "and so does every passage made of them"


def test_legacy_doc_through_antiword(shared):
    doc = load(MINERAL / "files" / "CV-tu-choi-TKCS-da-hoa-MongSonV-nhomII.doc")
    assert doc.fmt == "doc"
    assert "thiết kế cơ sở" in doc.text
    assert not any(b.text.startswith("\t") or "\t\t" in b.text for b in doc.blocks), "no layout-table debris"


def test_format_is_decided_by_content_not_extension(tmp_path: Path):
    need_shared()
    fake = tmp_path / "bao-cao.pdf"
    fake.write_bytes((MINERAL / "files" / "TT-67-2025-TT-BCT-sua-doi-TT-43-2025.docx").read_bytes())
    assert load(fake).fmt == "docx"


@pytest.mark.parametrize(
    "name,data,fragment",
    [
        ("rong.txt", b"", "rỗng"),
        ("trang.txt", b"   \n\t  ", "rỗng"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "hỏng"),
        ("rac.bin", bytes(range(256)) * 8, "không phải định dạng"),
    ],
)
def test_bad_files_get_a_vietnamese_message(tmp_path: Path, name: str, data: bytes, fragment: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        load(path)
    assert fragment in err.value.user_message


def test_encrypted_pdf_and_zip_bomb_are_refused(tmp_path: Path):
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "Bao cao mat")
    locked = tmp_path / "mat.pdf"
    pdf.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="abc", owner_pw="xyz")
    with pytest.raises(IngestError, match="mật khẩu"):
        load(locked)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a>" + b"0" * 50_000_000 + b"</a>")
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(buf.getvalue())
    with pytest.raises(IngestError, match="bom nén"):
        load(bomb)


def test_size_limit(tmp_path: Path):
    big = tmp_path / "lon.txt"
    big.write_bytes(("Báo cáo tổng kết. " * 70_000).encode())
    with pytest.raises(IngestError, match="quá lớn"):
        load(big, max_bytes=1_000_000)

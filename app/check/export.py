"""Reports the Editorial Group can act on: the draft as DOCX with a comment and highlight per finding, and XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_COLOR_INDEX
from docx.text.paragraph import Paragraph
from openpyxl.styles import Alignment, Font, PatternFill

from app.answer.cited import place
from app.check.report import CheckReport, Finding
from ingest.vn import vntext

STATUS_VI = {
    "supported": "Khớp nguồn",
    "contradicted": "Mâu thuẫn với nguồn",
    "unsupported": "Không có nguồn",
    "internal_conflict": "Mâu thuẫn trong dự thảo",
}
# what was found wrong, for a contradicted claim (`Finding.error_type`)
ERROR_VI = {
    "wrong_date": "sai ngày tháng",
    "wrong_number": "sai số liệu",
    "wrong_doc_number": "sai số hiệu văn bản",
    "wrong_provision": "sai điều, khoản viện dẫn",
    "wrong_issuer": "sai cơ quan hoặc người",
    "wrong_document": "dẫn sai văn bản",
}


def verdict_label(f: Finding) -> str:
    """`Mâu thuẫn với nguồn: sai ngày tháng`: the status, and the kind of error when there is one."""
    kind = ERROR_VI.get(f.error_type or "")
    return f"{STATUS_VI[f.status]}: {kind}" if kind and f.status == "contradicted" else STATUS_VI[f.status]


_COLORS = {
    "contradicted": WD_COLOR_INDEX.RED,
    "unsupported": WD_COLOR_INDEX.YELLOW,
    "internal_conflict": WD_COLOR_INDEX.TURQUOISE,
}
_FILLS = {"contradicted": "F8CBAD", "unsupported": "FFE699", "internal_conflict": "BDD7EE", "supported": "C6EFCE"}


def comment_text(f: Finding) -> str:
    lines = [verdict_label(f)]
    if f.draft_value or f.source_value:
        lines.append(f"Dự thảo: {f.draft_value or '—'} | Nguồn: {f.source_value or '—'}")
    if f.conflicts_with:
        lines.append(f"Xung đột với nhận định {f.conflicts_with}.")
    for e in f.evidence[:1]:
        where = place(e.section, e.page, e.ocr)
        lines.append(f"Căn cứ: {e.doc}{' (' + where + ')' if where else ''}: “{vntext.collapse_ws(e.text)[:400]}”")
    return "\n".join(lines)


def _paragraphs(d: docx.Document):
    yield from d.paragraphs
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _mark(paragraph: Paragraph, f: Finding, d: docx.Document) -> None:
    runs = list(paragraph.runs)
    if not runs:
        return
    for run in runs:
        run.font.highlight_color = _COLORS[f.status]
    d.add_comment(runs, text=comment_text(f), author="nq02 – Kiểm tra dự thảo", initials="NQ")


def annotated_docx(report: CheckReport, draft: Path | None) -> bytes:
    """The draft with every problem highlighted and commented (a new document when the draft is not DOCX)."""
    problems = [f for f in report.findings if f.status != "supported"]
    if draft is not None and draft.suffix.lower() == ".docx":
        d = docx.Document(str(draft))
        paragraphs = list(_paragraphs(d))
        for f in problems:
            target = _find_paragraph(paragraphs, f)
            if target is not None:
                _mark(target, f, d)
            else:
                _mark(d.add_paragraph(f.claim), f, d)
    else:
        d = docx.Document()
        d.add_heading(f"Kết quả kiểm tra dự thảo: {report.draft}", level=1)
        for f in report.findings:
            p = d.add_paragraph(f.claim)
            if f.status != "supported":
                _mark(p, f, d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _find_paragraph(paragraphs: list[Paragraph], f: Finding) -> Paragraph | None:
    want = vntext.match_form(f.claim.split(" | ")[0])[:80]
    return next((p for p in paragraphs if want and want in vntext.match_form(p.text)), None)


def findings_xlsx(report: CheckReport) -> bytes:
    """One row per finding: status, kind of error, claim, values, evidence."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kết quả kiểm tra"
    head = ["Mã", "Vị trí", "Nhận định", "Kết quả", "Loại lỗi", "Giá trị trong dự thảo", "Giá trị trong nguồn", "Xung đột với",
            "Văn bản nguồn", "Mục", "Trang", "Đoạn căn cứ"]  # fmt: skip
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for f in report.findings:
        e = f.evidence[0] if f.evidence else None
        sheet.append([
            f.id, f.location, f.claim, STATUS_VI[f.status], ERROR_VI.get(f.error_type or "", ""), f.draft_value, f.source_value, f.conflicts_with,
            e and e.doc, e and e.section, e and e.page, e and vntext.collapse_ws(e.text)[:1000],
        ])  # fmt: skip
        sheet.cell(sheet.max_row, 4).fill = PatternFill("solid", fgColor=_FILLS[f.status])
    for col, width in zip("ABCDEFGHIJKL", (7, 30, 70, 22, 20, 22, 22, 10, 30, 30, 7, 90), strict=True):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()

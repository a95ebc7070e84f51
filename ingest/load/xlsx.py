"""XLSX loader: every sheet's rows as table rows, the first non-empty row as the header (openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.load.docx import check_zip
from ingest.settings import Limits

MAX_ROWS = 20000


def load_xlsx(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    check_zip(data, path.name, limits, required="xl/workbook.xml")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types on broken files
        raise IngestError("Tệp Excel (XLSX) bị hỏng, không đọc được.", f"{path.name}: {exc!r}") from exc
    blocks: list[Block] = []
    warnings: list[str] = []
    for table_no, sheet in enumerate(book.worksheets):
        blocks.append(Block(text=f"Bảng tính: {sheet.title}", kind="heading", heading_level=2))
        header: list[str] | None = None
        for n, row in enumerate(sheet.iter_rows(values_only=True)):
            if n >= MAX_ROWS:
                warnings.append(f"Trang tính '{sheet.title}' quá dài, chỉ đọc {MAX_ROWS} dòng đầu.")
                break
            cells = ["" if v is None else str(v).strip() for v in row]
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                continue
            blocks.append(
                Block(text="\t".join(cells), kind="table_row", cells=cells, table=table_no, table_header=header)
            )
            header = header or cells
    book.close()
    return LoadedDocument(name=path.name, fmt="xlsx", blocks=blocks, warnings=warnings)

"""DOCX loader: body paragraphs and tables in document order; every table row keeps its cells and header."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.settings import Limits
from ingest.vn import layout

_MAX_RATIO = 200
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp", ".bin", ".svg")


def check_zip(data: bytes, name: str, limits: Limits | None = None, required: str = "word/document.xml") -> None:
    """Refuse archives that are not DOCX/XLSX or whose XML would expand past the limit (zip bombs).

    Pictures are stored compressed already and are never parsed, so only the XML parts count.
    """
    limits = limits or Limits()
    fmt = "DOCX" if required.startswith("word/") else "XLSX"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(f"Tệp {fmt} bị hỏng (không mở được gói nén).", f"{name}: bad zip: {exc}") from exc
    names = {i.filename for i in infos}
    xml = [i for i in infos if not i.filename.lower().endswith(_MEDIA)]
    total = sum(i.file_size for i in xml)
    packed = sum(i.compress_size for i in xml) or 1
    if required not in names:
        if "EncryptedPackage" in names:
            raise IngestError("Tệp được đặt mật khẩu, không thể đọc.", f"{name}: encrypted OOXML")
        kind = "văn bản Word (DOCX)" if fmt == "DOCX" else "bảng tính Excel (XLSX)"
        raise IngestError(f"Tệp không phải {kind}.", f"{name}: zip without {required}")
    if total > limits.max_unpacked_mb * 1024 * 1024 or total / packed > _MAX_RATIO:
        raise IngestError(
            "Tệp có nội dung nén bất thường hoặc quá lớn khi giải nén (nghi ngờ 'bom nén'), đã từ chối.",
            f"{name}: XML unpacks to {total} bytes (limit {limits.max_unpacked_mb} MB), ratio {total / packed:.0f}",
        )


def _cell_text(tc) -> str:
    """Text of one physical cell (`w:tc`): its own paragraphs joined by newlines (nested tables apart)."""
    parts = [Paragraph(p, None).text for p in tc.findall(qn("w:p"))]
    return "\n".join(parts).strip()


def _rows(tbl) -> list[list[str]]:
    """Rows of a table as lists of distinct physical cells (merged cells appear once)."""
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        rows.append([_cell_text(tc) for tc in tr.findall(qn("w:tc"))])
    return rows


def _table_blocks(table: Table, table_no: int, first_body_seen: bool) -> list[Block]:
    rows = _rows(table._tbl)
    flat = " ".join(c for r in rows for c in r)
    if not first_body_seen and layout.is_header_table(flat):
        return [Block(text=c, kind="header") for r in rows for c in r if c]
    if layout.is_signature_table(flat) and len(rows) <= 3:
        return [Block(text=c, kind="signature") for r in rows for c in r if c]
    blocks: list[Block] = []
    header = rows[0] if len(rows) > 1 else None
    for i, cells in enumerate(rows):
        if not any(cells):
            continue
        text = "\t".join(c.replace("\n", " ") for c in cells)
        blocks.append(
            Block(text=text, kind="table_row", cells=cells, table=table_no, table_header=None if i == 0 else header)
        )
    for nested in table._tbl.iter(qn("w:tbl")):
        if nested is table._tbl:
            continue
        for cells in _rows(nested):
            if any(cells):
                text = "\t".join(c.replace("\n", " ") for c in cells)
                blocks.append(Block(text=text, kind="table_row", cells=cells, table=table_no))
    return blocks


def load_docx(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    check_zip(data, path.name, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types on broken XML
        raise IngestError("Tệp DOCX bị hỏng, không đọc được nội dung.", f"{path.name}: {exc!r}") from exc
    blocks: list[Block] = []
    body_seen = False
    table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            style = item.style.name if item.style is not None else ""
            m = layout.HEADING_STYLE.match(style or "")
            level = int(m.group(1)) if m and m.group(1) else (1 if m else None)
            blocks.append(Block(text=text, kind="heading" if m else "para", heading_level=level))
            body_seen = True
        elif isinstance(item, Table):
            blocks.extend(_table_blocks(item, table_no, body_seen))
            table_no += 1
    return LoadedDocument(name=path.name, fmt="docx", blocks=blocks)

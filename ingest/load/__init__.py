"""Load any supported file into text blocks. Format is decided by content, not by the file extension.

Limits (`ingest.settings.Limits`) are applied before and during parsing: file size, unpacked size of zipped
formats, extracted text length and pages to OCR. `VERSION` changes whenever what a loader extracts changes,
so documents read by an older loader are read again by the next ingest.
"""

from __future__ import annotations

import importlib
import io
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.settings import Limits
from ingest.vn import legacy, repair, vntext

__all__ = ["PARAGRAPH_LINES", "SUPPORTED_SUFFIXES", "VERSION", "Block", "LoadedDocument", "load", "sniff"]
VERSION = "6"

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".html", ".htm", ".md", ".xlsx"}
# formats whose loader writes one line per paragraph (antiword runs with `-w 0`): their line breaks never wrap a
# sentence at a page width, as a PDF's text layer or a plain-text copy's may
PARAGRAPH_LINES = (".docx", ".doc", ".xlsx", ".html", ".htm")


# A format's reader is `ingest.load.<format>.load_<format>`, imported on first use: a parsing worker that reads a
# TXT never pays for importing PyMuPDF, python-docx or openpyxl
def _loader(kind: str) -> Callable[..., LoadedDocument]:
    return getattr(importlib.import_module(f"ingest.load.{kind}"), f"load_{kind}")


def _zip_kind(data: bytes) -> str:
    """`xlsx` for a workbook, `docx` for anything else zipped (its loader explains what is wrong)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        return "docx"
    return "xlsx" if "xl/workbook.xml" in names and "word/document.xml" not in names else "docx"


def sniff(data: bytes) -> str:
    """Format from the first bytes: pdf, docx/xlsx (zip), doc (OLE2), html or txt; `binary` otherwise."""
    head = data[:1024]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:300]:
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "txt"


def _too_big(path: Path, size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            f"Tệp quá lớn ({size / 1e6:.1f} MB), vượt giới hạn {max_bytes / 1e6:.0f} MB.",
            f"{path}: {size} bytes > limit {max_bytes}",
        )


def _read(path: Path, max_bytes: int | None) -> bytes:
    try:
        _too_big(path, path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise IngestError("Không mở được tệp.", f"{path}: {exc}") from exc


def _normalise(doc: LoadedDocument, path: Path) -> None:
    """Unicode clean-up of every block, converting legacy TCVN3/VNI text on the way."""
    encoding = legacy.detect(doc.text)
    if encoding:
        log.info("%s: legacy %s text converted to Unicode", path, encoding)
        doc.warnings.append(f"Văn bản dùng bảng mã cũ {encoding.upper()}, đã chuyển sang Unicode.")
    fix = (lambda t: vntext.clean(legacy.to_unicode(t, encoding))) if encoding else vntext.clean
    for block in doc.blocks:
        block.text = fix(block.text)
        if block.cells is not None:
            block.cells = [fix(c) for c in block.cells]
    doc.blocks = [b for b in doc.blocks if b.text.strip()]
    if repair.damaged(doc.text):  # PDF text layers split syllables at tone marks: `quy ền`, `n ăm`
        log.info("%s: syllables split by extraction joined again", path)
        for block in doc.blocks:
            block.text = repair.join_split_syllables(block.text)
            if block.cells is not None:
                block.cells = [repair.join_split_syllables(c) for c in block.cells]


def _check_text(path: Path, doc: LoadedDocument, limits: Limits) -> None:
    chars = sum(len(b.text) for b in doc.blocks)
    if chars > limits.max_text_chars:
        raise IngestError(
            f"Tệp có quá nhiều chữ ({vntext.number(chars)} ký tự; giới hạn {vntext.number(limits.max_text_chars)}). "
            "Hãy tách thành các tệp nhỏ hơn.",
            f"{path}: {chars} characters > {limits.max_text_chars}",
        )


def load(
    path: Path,
    data: bytes | None = None,
    max_bytes: int | None = None,
    ocr: bool = True,
    limits: Limits | None = None,
    progress: Callable[[str, int, int], Any] | None = None,
) -> LoadedDocument:
    """Read and parse one file; raise `IngestError` with a Vietnamese message when it cannot be used.

    `ocr=False` reads only the text layer of PDFs (a draft to check must have one; OCR of a long scan is slow).
    `progress(stage, done, total)` is told about pages read and pages recognised.
    """
    limits = limits or Limits()
    data = _read(path, max_bytes) if data is None else data
    _too_big(path, len(data), max_bytes)
    if not data.strip():
        raise IngestError("Tệp rỗng, không có nội dung.", f"{path}: empty file")
    fmt = sniff(data)
    if fmt == "binary":
        raise IngestError("Tệp không phải định dạng văn bản được hỗ trợ.", f"{path}: binary content")
    if fmt in ("txt", "html") and len(data) > limits.max_text_chars * 4:  # UTF-8 needs at most 4 bytes a character
        raise IngestError(
            f"Tệp văn bản quá dài (giới hạn {vntext.number(limits.max_text_chars)} ký tự). "
            "Hãy tách thành các tệp nhỏ hơn.",
            f"{path}: {len(data)} bytes of text > 4 x {limits.max_text_chars} characters",
        )
    if path.suffix.lower() in (".doc", ".docx", ".pdf", ".xlsx") and path.suffix.lower()[1:] != fmt:
        log.warning("%s: extension %s but content is %s; reading as %s", path, path.suffix, fmt, fmt)
    if fmt == "pdf":
        doc = _loader(fmt)(path, data, ocr=ocr, limits=limits, progress=progress)
    elif fmt in ("docx", "xlsx"):
        doc = _loader(fmt)(path, data, limits=limits)
    else:
        doc = _loader(fmt)(path, data)
    _check_text(path, doc, limits)
    _normalise(doc, path)
    if not doc.blocks:
        raise IngestError("Tệp không có nội dung chữ để đưa vào kho.", f"{path}: no text after parsing ({fmt})")
    if not vntext.looks_vietnamese(doc.text):
        log.warning("%s: text does not look Vietnamese", path)
        doc.warnings.append("Văn bản có vẻ không phải tiếng Việt; kết quả tìm kiếm có thể kém chính xác.")
    return doc


def load_draft(path: Path, limits: Limits) -> LoadedDocument:
    """Read a draft to check: text layer only (a scan is refused at once), at most `limits.max_draft_mb`. A draft is
    written in one place and pasted from many: a paragraph copied from a damaged PDF text layer (`c ủa Qu ốc h ội`)
    is repaired on its own, however clean the rest."""
    doc = load(path, max_bytes=limits.max_draft_mb * 1024 * 1024, ocr=False, limits=limits)
    for block in doc.blocks:
        if repair.damaged(block.text, PASTED_SHARE, PASTED_MIN_PIECES):
            block.text = repair.join_split_syllables(block.text)
            if block.cells is not None:
                block.cells = [repair.join_split_syllables(c) for c in block.cells]
    return doc


# a pasted paragraph's damage: at least this share of its pieces fragments, among at least this many pieces (a clean
# paragraph's short pieces are words; a damaged one has a fragment every few words)
PASTED_SHARE = 0.05
PASTED_MIN_PIECES = 10

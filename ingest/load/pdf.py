"""PDF loader: text layer per page (pymupdf), OCR (tesseract, Vietnamese) for pages without one.

Running headers/footers and bare page numbers are removed, lines broken inside a paragraph re-joined.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument
from ingest.settings import Limits
from ingest.vn import layout

log = logging.getLogger(__name__)

OCR_DPI = 200
OCR_TIMEOUT_S = 120
_MIN_TEXT_CHARS = 25
_DIGITS = re.compile(r"\d+")
_COLUMN_GAP = re.compile(r"\s{5,}")
_RULE = re.compile(r"^[\s\-–—_=*.]+$")


def _is_header_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def join_lines(lines: list[str]) -> list[str]:
    """Re-join lines that a PDF broke inside a paragraph; keep headings, list items and header lines.

    A line much shorter than the page's typical line ends its paragraph (a heading or a last line).
    """
    lengths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    typical = lengths[int(len(lengths) * 0.75)] if lengths else 0
    paras: list[str] = []
    last_len = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        prev_short = last_len < 0.7 * typical
        last_len = len(line)
        if (
            paras
            and not _is_header_line(paras[-1])
            and not _is_header_line(line)
            and not layout.PARAGRAPH_START.match(line)
        ):
            prev = paras[-1]
            if (not prev.endswith((".", ":", ";", "!", "?")) and not prev_short) or line[:1].islower():
                if prev.endswith("-") and line[:1].islower():
                    paras[-1] = prev[:-1] + line
                else:
                    paras[-1] = prev + " " + line
                continue
        paras.append(line)
    return paras


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines that repeat at the top or bottom of many pages (digits ignored): running headers/footers."""
    if len(pages) < 3:
        return set()
    edge = Counter()
    for lines in pages:
        for line in {*lines[:2], *lines[-2:]}:
            edge[_DIGITS.sub("#", line.strip())] += 1
    return {k for k, n in edge.items() if k and n >= max(3, len(pages) // 2)}


def ocr_page(page: pymupdf.Page, name: str) -> str:
    """OCR one page with tesseract (Vietnamese model); empty string if tesseract is missing."""
    if not shutil.which("tesseract"):
        log.warning("%s: page %d has no text layer and tesseract is not installed", name, page.number + 1)
        return ""
    png = page.get_pixmap(dpi=OCR_DPI).tobytes("png")
    try:
        res = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "3"],
            input=png,
            capture_output=True,
            timeout=OCR_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log.warning("%s: OCR of page %d timed out", name, page.number + 1)
        return ""
    if res.returncode != 0:
        log.warning("%s: tesseract failed on page %d: %s", name, page.number + 1, res.stderr[-300:])
        return ""
    return res.stdout.decode("utf-8", "replace")


def _needs_ocr(doc: pymupdf.Document) -> int:
    return sum(len(page.get_text("text").strip()) < _MIN_TEXT_CHARS for page in doc)


def _open(path: Path, data: bytes) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        raise IngestError("Tệp PDF bị hỏng, không mở được.", f"{path.name}: {exc!r}") from exc
    if doc.needs_pass:
        raise IngestError("Tệp PDF được đặt mật khẩu, không thể đọc.", f"{path.name}: encrypted PDF")
    if doc.page_count == 0:
        raise IngestError("Tệp PDF không có trang nào.", f"{path.name}: 0 pages")
    return doc


class _Pages:
    """Reads page after page (text layer, else OCR), within the text and OCR limits."""

    def __init__(self, path: Path, doc: pymupdf.Document, ocr: bool, limits: Limits, progress: Callable | None):
        self.path, self.doc, self.ocr, self.limits, self.progress = path, doc, ocr, limits, progress
        self.warnings: list[str] = []
        self.ocr_pages = 0
        self.ocr_numbers: set[int] = set()  # 1-based numbers of the pages read by OCR
        self.chars = 0
        self.to_ocr = _needs_ocr(doc) if ocr else 0
        if self.to_ocr > limits.max_ocr_pages:
            raise IngestError(
                f"Tệp có {self.to_ocr} trang scan cần nhận dạng (giới hạn {limits.max_ocr_pages} trang). "
                "Hãy tách thành các tệp nhỏ hơn.",
                f"{path.name}: {self.to_ocr} pages need OCR > {limits.max_ocr_pages}",
            )

    def text(self, page: pymupdf.Page) -> str | None:
        """The page's text; None for a page without a text layer when OCR is off."""
        if self.progress:
            self.progress("read", page.number, self.doc.page_count)
        text = page.get_text("text", sort=True)
        if len(text.strip()) < _MIN_TEXT_CHARS:
            if not self.ocr:
                return None
            if self.progress:
                self.progress("ocr", self.ocr_pages, self.to_ocr)
            text = ocr_page(page, self.path.name)
            if text.strip():
                self.ocr_pages += 1
                self.ocr_numbers.add(page.number + 1)
            else:
                self.warnings.append(f"Trang {page.number + 1} không có chữ (kể cả sau khi nhận dạng OCR).")
        self.chars += len(text)
        if self.chars > self.limits.max_text_chars:
            raise IngestError(
                f"Tệp PDF có quá nhiều chữ (giới hạn {self.limits.max_text_chars} ký tự). "
                "Hãy tách thành các tệp nhỏ hơn.",
                f"{self.path.name}: more than {self.limits.max_text_chars} characters by page {page.number + 1}",
            )
        return text


def load_pdf(
    path: Path,
    data: bytes,
    ocr: bool = True,
    limits: Limits | None = None,
    progress: Callable[[str, int, int], Any] | None = None,
) -> LoadedDocument:
    doc = _open(path, data)
    pages = _Pages(path, doc, ocr, limits or Limits(), progress)
    page_lines: list[list[str]] = []
    for page in doc:
        text = pages.text(page)
        if text is None:
            page_lines.append([])
            continue
        # A wide gap inside a line separates the two columns of a government header; rules are decoration.
        lines = [part for ln in text.split("\n") for part in _COLUMN_GAP.split(ln.strip())]
        page_lines.append([ln for ln in lines if ln.strip() and not _RULE.match(ln)])
    if not ocr and not any(page_lines):
        raise IngestError("Tệp PDF là bản scan (ảnh), không có lớp chữ.", f"{path.name}: no text layer, OCR off")
    running = _running_lines(page_lines)
    blocks: list[Block] = []
    for no, lines in enumerate(page_lines, start=1):
        kept = [ln for ln in lines if not layout.PAGE_NUMBER.match(ln) and _DIGITS.sub("#", ln.strip()) not in running]
        blocks.extend(Block(text=p, page=no, ocr=no in pages.ocr_numbers) for p in join_lines(kept))
    if pages.ocr_pages:
        pages.warnings.append(f"{pages.ocr_pages} trang được nhận dạng bằng OCR; cần soát lại số và ngày viết tay.")
    return LoadedDocument(name=path.name, fmt="pdf", blocks=blocks, pages=doc.page_count, warnings=pages.warnings,
                          ocr_pages=pages.ocr_pages)  # fmt: skip

"""Chunking along the document's own structure, keeping each chunk's heading path (breadcrumb).

Markers, outermost first: Phần / Phụ lục, Chương, Mục, Điều, I., 1., 1.1., a). A chunk starts at every
marker down to `I.` and at `1.` once the current chunk is big enough; tables are packed row by row and
never split inside a row; an over-long paragraph is split between sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.load.blocks import Block
from ingest.vn import vntext
from ingest.vn.layout import marker_level

VERSION = "5"  # change whenever this stage's output changes: documents are re-indexed

_HARD_LEVEL = 5
_SOFT_LEVEL = 7
_LABEL_WORDS = 16


@dataclass
class Chunk:
    """A passage of one document with the heading path it sits under."""

    text: str
    section: str
    page: int | None = None
    page_end: int | None = None
    kind: str = "text"
    table_header: list[str] | None = None
    blocks: int = 0
    headings: list[str] = field(default_factory=list)
    ocr: bool = False  # some of its text was read by OCR from a scanned page

    @property
    def words(self) -> int:
        return len(self.text.split())


def _label(text: str) -> str:
    words = vntext.collapse_ws(text).split()
    return " ".join(words) if len(words) <= _LABEL_WORDS else " ".join(words[:_LABEL_WORDS]) + " …"


def _split_long(text: str, max_words: int) -> list[str]:
    """Split an over-long paragraph into pieces of whole sentences, each at most `max_words` if possible."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for sent in vntext.sentences(text) or [text]:
        n = len(sent.split())
        if current and size + n > max_words:
            pieces.append(" ".join(current))
            current, size = [], 0
        if n > max_words * 2:
            words = sent.split()
            for i in range(0, len(words), max_words):
                pieces.append(" ".join(words[i : i + max_words]))
            continue
        current.append(sent)
        size += n
    if current:
        pieces.append(" ".join(current))
    return pieces


class _Packer:
    def __init__(self, max_words: int, min_words: int) -> None:
        self.max_words = max_words
        self.min_words = min_words
        self.path: list[tuple[int, str]] = []
        self.chunks: list[Chunk] = []
        self._lines: list[str] = []
        self._size = 0
        self._section = ""
        self._pages: list[int] = []
        self._table: int | None = None
        self._table_header: list[str] | None = None
        self._headings: list[str] = []
        self._ocr = False

    def flush(self) -> None:
        if self._lines:
            kind = "table" if self._table is not None else "text"
            self.chunks.append(
                Chunk(
                    text="\n".join(self._lines),
                    section=self._section,
                    page=min(self._pages) if self._pages else None,
                    page_end=max(self._pages) if self._pages else None,
                    kind=kind,
                    table_header=self._table_header if kind == "table" else None,
                    blocks=len(self._lines),
                    headings=self._headings,
                    ocr=self._ocr,
                )
            )
        self._lines, self._size, self._pages, self._headings, self._ocr = [], 0, [], [], False
        self._table = None

    def _breadcrumb(self) -> str:
        return " > ".join(label for _, label in self.path)

    def _append(self, text: str, block: Block) -> None:
        if not self._lines:
            self._section = self._breadcrumb()
        self._lines.append(text)
        self._size += len(text.split())
        self._ocr = self._ocr or block.ocr
        if block.page is not None:
            self._pages.append(block.page)

    def add_paragraph(self, block: Block) -> None:
        level = marker_level(block.text) if block.kind in ("para", "heading") else None
        if level is None and block.kind == "heading" and len(block.text.split()) <= _LABEL_WORDS:
            level = 5 + (block.heading_level or 0) if block.heading_level else None
        if self._table is not None:
            if self._size >= self.min_words:
                self.flush()
            else:
                self._table = None
        if level is not None:
            only_headings = self._lines and len(self._headings) == len(self._lines)
            if (level <= _HARD_LEVEL and not only_headings) or (level <= _SOFT_LEVEL and self._size >= self.min_words):
                self.flush()
            self.path = [(lv, lb) for lv, lb in self.path if lv < level] + [(level, _label(block.text))]
            self._headings.append(_label(block.text))
        n = len(block.text.split())
        if self._lines and self._size + n > self.max_words:
            self.flush()
        if n > self.max_words:
            for piece in _split_long(block.text, self.max_words):
                if self._lines and self._size + len(piece.split()) > self.max_words:
                    self.flush()
                self._append(piece, block)
            return
        self._append(block.text, block)

    def add_row(self, block: Block) -> None:
        n = len(block.text.split())
        table = block.table if block.table is not None else -1
        if self._table != table:
            if self._lines and (self._size >= self.min_words or self._table is not None):
                self.flush()
            self._table_header = block.table_header
        elif self._lines and self._size + n > self.max_words:
            self.flush()
            self._table_header = block.table_header
        if n > self.max_words * 2:
            self.flush()
            for piece in _split_long(block.text.replace("\t", " | "), self.max_words):
                self._table = table
                self._append(piece, block)
                self.flush()
            return
        self._table = table
        self._append(block.text, block)


def chunk_blocks(blocks: list[Block], max_words: int = 220, min_words: int = 60) -> list[Chunk]:
    """Pack blocks into chunks that follow the document's structure."""
    packer = _Packer(max_words, min_words)
    for block in blocks:
        if block.kind == "table_row":
            packer.add_row(block)
        else:
            packer.add_paragraph(block)
    packer.flush()
    return packer.chunks

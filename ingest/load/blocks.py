"""What every loader returns: text blocks in reading order, with page and table structure kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["para", "heading", "table_row", "header", "signature"]


@dataclass
class Block:
    """One paragraph, heading, table row or header cell of a source document."""

    text: str
    kind: BlockKind = "para"
    page: int | None = None
    cells: list[str] | None = None
    table: int | None = None
    table_header: list[str] | None = None
    heading_level: int | None = None
    ocr: bool = False  # read by OCR from a scanned page


@dataclass
class LoadedDocument:
    """A parsed file: its blocks, the format it was read as, and what went wrong on the way."""

    name: str
    fmt: str
    blocks: list[Block]
    pages: int | None = None
    header_fields: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: int = 0

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

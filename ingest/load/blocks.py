"""What every loader returns: text blocks in reading order, with page and table structure kept."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from ingest.vn import header, layout

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

    def main_blocks(self) -> list[Block]:
        """The blocks before anything attached after the signature (a `PHỤ LỤC`, a list `(Kèm theo ...)`), where
        the signer and the closing lines are read. Attachments count only after the closing begins (`Nơi nhận:`, a
        law's `... thông qua ngày ...`), or after the first 30 % of the lines when neither is found."""
        lines = [(i, j, ln) for i, b in enumerate(self.blocks) for j, ln in enumerate(b.text.split("\n"))]
        texts = [ln.strip() for *_, ln in lines]
        opens = next((k for k, t in enumerate(texts) if layout.opens_closing(t) or header.PASSED.search(t)), None)
        start = opens if opens is not None else len(texts) * 3 // 10
        at = next((k for k in range(start + 1, len(texts)) if layout.opens_attachment(texts[k])), None)
        if at is None:
            return self.blocks
        i, j, _ = lines[at]
        kept = self.blocks[:i]
        if j:
            kept.append(replace(self.blocks[i], text="\n".join(self.blocks[i].text.split("\n")[:j])))
        return kept

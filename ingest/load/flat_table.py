"""Tables that a copy from Word or PDF flattened into plain text, one cell per line.

Vietnamese official tables open with a `TT` (or `STT`, `Số TT`) column: such a text shows the line `TT`, the
other column names on the lines after it, then every row as its number followed by one line per cell (an empty
cell is a blank line). This reader rebuilds those rows as table-row blocks, labelled by their header like a
DOCX table, so that a row's task, agency and deadline stay together.
"""

from __future__ import annotations

import re

from ingest.load.blocks import Block
from ingest.vn import layout

_ROW_NUMBER = re.compile(r"^(?:\d{1,3}|[IVX]{1,5})\.?$")  # `8`, `12.`, a group row `IV`
MAX_COLUMNS = 10
MAX_HEADER_WORDS = 12


def _header(lines: list[str], at: int) -> list[str] | None:
    """The column names of a table whose `TT` line is `lines[at]`, if the line after them opens row 1."""
    names = [lines[at].strip()]
    for line in lines[at + 1 : at + MAX_COLUMNS + 1]:
        cell = line.strip()
        if cell in ("1", "1.", "I", "I."):
            return names if len(names) >= 3 else None
        if not cell or len(cell.split()) > MAX_HEADER_WORDS or cell.endswith((".", ";")):
            return None
        names.append(cell)
    return None


def _rows(lines: list[str], start: int, width: int) -> tuple[list[list[str]], int]:
    """Rows of `width` lines from `start` while each opens with a row number (or a blank number cell that the
    next row's number follows); returns the rows and the index after the last one."""
    rows: list[list[str]] = []
    at = start
    while at + width <= len(lines):
        first = lines[at].strip()
        numbered = bool(_ROW_NUMBER.match(first))
        continued = not first and at + 2 * width <= len(lines) and _ROW_NUMBER.match(lines[at + width].strip())
        if not (numbered or continued):
            break
        rows.append([line.strip() for line in lines[at : at + width]])
        at += width
    return rows, at


def read_blocks(lines: list[str]) -> list[Block]:
    """Paragraph blocks of `lines`, with flattened tables read back as rows."""
    blocks: list[Block] = []
    table_no = 0
    i = 0
    while i < len(lines):
        header = _header(lines, i) if layout.ROW_NUMBER_HEADER.match(lines[i].strip()) else None
        if header:
            rows, end = _rows(lines, i + len(header), len(header))
            if len(rows) >= 2:
                blocks.append(Block(text="\t".join(header), kind="table_row", cells=header, table=table_no))
                for cells in rows:
                    blocks.append(Block(text="\t".join(cells), kind="table_row", cells=cells, table=table_no,
                                        table_header=header))  # fmt: skip
                table_no += 1
                i = end
                continue
        if lines[i].strip():
            blocks.append(Block(text=lines[i].strip()))
        i += 1
    return blocks

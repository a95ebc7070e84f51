"""Tables in the generated draft suite: rows of the corpus's task and data tables, copied as a draft copies them
(under their header, row number kept), unchanged or with one cell changed; and the draft written as DOCX.

Official tables open with a row-number column (`TT`, `STT`, `Số TT`; Nghị định 30/2020/NĐ-CP, Phụ lục I): such
a table's rows are read here with python-docx and the suite's own patterns (`eval.draft_patterns`), never with
the product's loaders. A row's cells are joined with ` | `, as the checker names a row it reports.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from eval import draft_patterns as pat
from eval import draft_plants as plant

ROW_KINDS = ("supported", "wrong_issuer", "wrong_number", "wrong_date")
_ROW_NUMBER = re.compile(r"\d{1,3}\.?")
_NUMBER_COLUMN = ("tt", "stt", "so tt")


@dataclass
class SourceTable:
    doc: str
    header: list[str]
    rows: list[list[str]]


def _cells(row) -> list[str]:
    """A row's physical cells (a merged cell once), each on one line."""
    out, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append(" ".join(cell.text.split()))
    return out


def _says_something(row: list[str]) -> bool:
    """Two cells filled besides the number, one of them a body, a figure, a date or a period."""
    cells = [c for c in row[1:] if c.strip()]
    finders = (pat.bodies, pat.figures, pat.dates, pat.quarters, pat.years)
    return len(cells) >= 2 and any(f(c) for c in cells for f in finders)


def corpus_tables(root: Path) -> list[SourceTable]:
    """Numbered tables of the corpus's DOCX files: a header of three or more distinct column names, then rows
    of the same width that open with their number."""
    import docx

    out = []
    for path in sorted(root.rglob("*.docx")):
        for table in docx.Document(str(path)).tables:
            rows = [_cells(r) for r in table.rows]
            if len(rows) < 3:
                continue
            header = rows[0]
            if len(header) < 3 or len(set(header)) < len(header) or pat.flat(header[0]) not in _NUMBER_COLUMN:
                continue
            body = [r for r in rows[1:] if len(r) == len(header) and _ROW_NUMBER.fullmatch(r[0]) and _says_something(r)]
            if body:
                out.append(SourceTable(path.name, header, body))
    return out


def _changed_cell(kind: str, row: list[str], rng: random.Random) -> tuple[list[str], str, str] | None:
    """`row` with one cell changed by the sentence plant of `kind`: (cells, wrong value, right value)."""
    makers = {"wrong_issuer": plant.wrong_issuer, "wrong_number": plant.wrong_number, "wrong_date": plant.wrong_date}
    columns = list(range(1, len(row)))
    rng.shuffle(columns)
    for col in columns:
        made = makers[kind](plant.Source("", row[col], ""), rng)
        if made and made[0]:
            return [*row[:col], made[0], *row[col + 1 :]], made[1], made[2]
    return None


def table_claims(tables: list[SourceTable], rng: random.Random, per_kind: int, new) -> list[tuple[list[str], dict]]:
    """(header, key entry) of each table row the suite copies: `per_kind` rows unchanged and as many with a body,
    a figure or a date changed; `new(**fields)` makes a key entry."""
    rows = [(t, r) for t in tables for r in t.rows]
    order = list(range(len(rows)))
    used: set[int] = set()
    out = []
    for kind in ROW_KINDS:
        rng.shuffle(order)
        made = 0
        for i in order:
            if made >= per_kind:
                break
            if i in used:
                continue
            table, row = rows[i]
            origin = {"source_doc": table.doc, "evidence": plant.ROW_SEP.join(row), "form": "table row"}
            if kind == "supported":
                entry = new(claim=plant.ROW_SEP.join(row), label="supported", variant="table row", **origin)
            else:
                changed = _changed_cell(kind, row, rng)
                if not changed:
                    continue
                entry = new(claim=plant.ROW_SEP.join(changed[0]), label="contradicted", error_type=kind,
                            wrong_value=changed[1], correct_value=changed[2], **origin)  # fmt: skip
            used.add(i)
            made += 1
            out.append((table.header, entry))
    return out


def write_docx(path: Path, title: str, sections: list[list[dict]], rows: list[tuple[list[str], dict]]) -> None:
    """The draft as DOCX: numbered sections of running text, then one table per copied header."""
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    for n, part in enumerate(sections, start=1):
        document.add_paragraph(f"{n}. Nội dung thứ {n}")
        document.add_paragraph(" ".join(c["claim"] for c in part))
        for c in part:
            c["location"] = f"{n}"
    groups: dict[tuple[str, ...], list[dict]] = {}
    for header, entry in rows:
        groups.setdefault(tuple(header), []).append(entry)
    for n, (header, entries) in enumerate(groups.items(), start=len(sections) + 1):
        document.add_paragraph(f"{n}. Bảng tổng hợp thứ {n - len(sections)}")
        table = document.add_table(rows=1, cols=len(header))
        for cell, name in zip(table.rows[0].cells, header, strict=True):
            cell.text = name
        for entry in entries:
            for cell, text in zip(table.add_row().cells, entry["claim"].split(plant.ROW_SEP), strict=True):
                cell.text = text
            entry["location"] = f"{n}"
    document.save(str(path))

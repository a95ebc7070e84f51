"""Checkable claims of a draft: sentences of its paragraphs and rows of its tables that state facts or name a
body."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest import Block, Heuristics, marker_level
from ingest.vn import gazetteer, vntext
from ingest.vn.facts import Fact, extract, row_facts
from ingest.vn.layout import is_heading

MAX_CLAIMS = 600  # a report of ~40 pages; a sentence naming a body is a claim too
MIN_WORDS = 5


@dataclass
class Claim:
    id: str
    text: str
    location: str
    facts: list[Fact] = field(default_factory=list)
    in_table: bool = False
    header: list[str] | None = None


ROW_SEP = " | "  # how a table row is written as one claim


def _cells(block: Block) -> list[str]:
    return [c.replace("\n", " ").strip() for c in (block.cells or [block.text])]


def extract_claims(blocks: list[Block], heur: Heuristics | None = None) -> tuple[list[Claim], bool]:
    """Claims in document order with their section; True if the draft had more than MAX_CLAIMS (`heur`: the
    facts' windows, as in `facts.extract`)."""
    claims: list[Claim] = []
    path: list[tuple[int, str]] = []
    truncated = False

    def add(text: str, in_table: bool = False, header: list[str] | None = None, cells: list[str] | None = None) -> None:
        nonlocal truncated
        # a row is read under its header (each cell described by its column), else as running text
        facts = (
            row_facts(cells, header, heur, ROW_SEP)
            if cells and header and len(cells) == len(header)
            else extract(text, heur)
        )
        if not (facts or gazetteer.bodies_in(text)) or len(text.split()) < MIN_WORDS:
            return
        if len(claims) >= MAX_CLAIMS:
            truncated = True
            return
        location = " > ".join(label for _, label in path)
        claims.append(Claim(f"c{len(claims) + 1:03d}", text, location, facts, in_table, header))

    for block in blocks:
        if block.kind == "table_row":
            if block.table_header is not None:  # the header row itself states nothing
                cells = _cells(block)
                add(ROW_SEP.join(cells), in_table=True, header=block.table_header, cells=cells)
            continue
        level = marker_level(block.text)
        if level is not None and is_heading(block.text):  # `3. Tổ biên tập hoàn thành ... 2021.` is a claim
            path = [(lv, lb) for lv, lb in path if lv < level] + [(level, vntext.collapse_ws(block.text))]
            continue
        for sentence in vntext.sentences(block.text):
            add(sentence)
    return claims, truncated

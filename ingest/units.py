"""A passage read in its structural units: what answering scores and what the dense re-ranking compares.

Passages are read by their structure: a table row (with its header), a label line (`Tổ trưởng: ...`), a list item
with the line that introduces it (`... có trách nhiệm sau đây:`), a whole list, a heading, or a sentence of
running text. Units after `Nơi nhận:` are the closing block. Ingest reads every stored passage this way once, to
embed each unit's opening words (`rerank_text`) ahead of any question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.vn import gazetteer, layout, vntext

if TYPE_CHECKING:
    from ingest.payload import ChunkPayload

# a list item's marker: `a)`, `a. `, `1. `, `1.2. `, `iv) `, `- ` (one pattern for reading lists and stripping markers)
_ITEM = layout.LIST_ITEM
_LABEL = re.compile(r"^([^:.;?!\t]{2,60}?)\s*:\s*(\S.*)$")


@dataclass
class Unit:
    """A candidate answer: one structural piece of a passage."""

    rank: int  # rank of the passage it comes from
    text: str  # what the answer shows
    body: str  # what is compared with the question
    kind: str  # sentence | item | list | label | row | heading
    lead: str = ""  # the line introducing a list item, or a table's header
    heading: str = ""  # the heading the unit sits under (`II. HẠN CHẾ, NGUYÊN NHÂN`)
    closing: bool = False  # recipients or signature block: answers who signed, not what was done
    cells: tuple[str, ...] = ()  # a table row's cells, empty ones kept, aligned with `columns`
    columns: tuple[str, ...] = ()  # the column names of its table's header

    @property
    def context(self) -> str:
        return f"{self.lead} {self.body}" if self.lead else self.body


def rerank_text(unit: Unit, words: int) -> str:
    """What the dense re-ranking encodes of a unit: its first `words` words (encoding costs by the token, and the
    opening clause says what a unit is about)."""
    return " ".join(unit.context.split()[:words])


# --- units -----------------------------------------------------------------------------------------
class _Table:
    """Tab-separated lines read as a table: its header row (given by the chunker when the passage starts
    inside a table, else the first row of each run) labels the cells of the rows under it."""

    def __init__(self, given: list[str] | None) -> None:
        self.header = [c.strip() for c in given] if given else None
        self.inside = bool(given)  # a passage cut from the middle of a table starts inside it

    def end(self) -> None:
        self.inside = False

    def row(self, rank: int, line: str) -> Unit | None:
        cells = [c.strip() for c in line.split("\t")]
        if not self.inside or cells == self.header:
            self.header, self.inside = cells, True
            return None  # the header row itself states nothing
        header = " | ".join(self.header or [])
        # the row stays contiguous (as it reads in the source), its column names after it
        shown = "\t".join(c for c in cells if c) + (f" (cột: {header})" if header else "")
        return Unit(rank, shown, " ".join(cells), "row", header, cells=tuple(cells), columns=tuple(self.header or ()))


def _names_section(line: str, p: ChunkPayload) -> bool:
    """A heading that opens a section. Before the first section of an official document (a passage with the
    national motto or a `Số: .../...` line) stands its header (issuer, `Số: ...`, place and date, `BÁO CÁO`): there only a numbered heading (`II.`,
    `3.`, `Điều 5`) opens a section; elsewhere any heading line does."""
    if not layout.is_heading(line):
        return False
    if p.section or not layout.has_document_header(p.text):
        return True
    return layout.opens_section(line)


def report_subject(p: ChunkPayload) -> str:
    """Whom a document is about as a whole: a provincial report's province, else a ministry that issued it."""
    if p.province:
        return p.province
    own = gazetteer.ministries_in(p.issuer or "")
    return own[0] if len(own) == 1 else ""


def passage_units(rank: int, p: ChunkPayload) -> list[Unit]:
    """The structural units of one passage, in reading order, each with the heading it sits under (and the
    province a provincial report is about, which every part of it is about). Units after `Nơi nhận:` (the
    recipients and the signature block that close an official document) are marked `closing`; the
    signature lines (authority `KT. ...`, title, name) make one `signature` unit."""
    reader = _UnitReader(rank, p)
    for line in (ln.strip() for ln in p.text.split("\n")):
        if line:
            reader.line(line)
    return reader.finish()


class _UnitReader:
    """Reads a passage line by line into units (see `passage_units`)."""

    def __init__(self, rank: int, p: ChunkPayload) -> None:
        self.rank, self.p, self.out = rank, p, []
        subject = report_subject(p)
        self.subject = f"{subject} " if subject else ""
        self.heading = self.subject + (p.section.split(" > ")[-1] if p.section else "")
        self.table = _Table(p.table_header)
        self.lead, self.items = "", []
        self.closing, self.signature = False, []

    def add(self, *units: Unit) -> None:
        for u in units:
            u.heading, u.closing = self.heading, self.closing
            self.out.append(u)

    def flush_list(self) -> None:
        """A list ends under the heading it began under."""
        if self.items:
            self.add(Unit(self.rank, f"{self.lead} " + " ".join(self.items), " ".join(self.items), "list", self.lead))
        self.lead, self.items = "", []

    def line(self, line: str) -> None:
        if "\t" in line:  # a table: what introduced it (`... như sau:`) introduces no list after it
            self.flush_list()
            self.add(*[u for u in [self.table.row(self.rank, line)] if u])
            return
        self.table.end()
        if _ITEM.match(line) and self.lead:
            self.items.append(line)
            self.add(Unit(self.rank, line, line, "item", self.lead))
            return
        self.flush_list()
        self.closing = self.closing or layout.opens_closing(line)
        if self.closing and not line.endswith(":"):
            self.signature.append(line)
            return
        if _names_section(line, self.p):
            self.heading = self.subject + line
        self.lead = line if line.endswith(":") else ""
        self.add(*_line_units(self.rank, line))

    def finish(self) -> list[Unit]:
        self.flush_list()
        if self.signature:
            text = " ".join(self.signature)
            self.add(Unit(self.rank, text, text, "signature"))
        return self.out


def _line_units(rank: int, line: str) -> list[Unit]:
    """One plain line: a label line (`Tên: giá trị`), a heading, or its sentences."""
    label = _LABEL.match(line)
    if label and len(label.group(1).split()) <= 8 and len(line.split()) <= 40 and not line.endswith(":"):
        return [Unit(rank, line, line, "label")]
    if layout.is_heading(line) or layout.is_subject_line(line):  # a letter's `V/v ...` line is its title
        return [Unit(rank, line, line, "heading")]
    return [u for sentence in vntext.sentences(line) if len(sentence) >= 12 for u in _sentence_units(rank, sentence)]


_INLINE_LIST = re.compile(r"^(.{8,240}?:)\s+(.+)$")


def _sentence_units(rank: int, sentence: str) -> list[Unit]:
    """A sentence, or, when it is an inline list (`X gồm: A; B; C`), its lead-in, its entries and the whole."""
    m = _INLINE_LIST.match(sentence)
    entries = [e.strip(" ;.") for e in m.group(2).split(";")] if m else []
    entries = [e for e in entries if len(e.split()) >= 2]
    if len(entries) < 3:
        return [Unit(rank, sentence, sentence, "sentence")]
    lead = m.group(1)
    units = [Unit(rank, e, e, "item", lead) for e in entries]
    return [*units, Unit(rank, sentence, m.group(2), "list", lead)]

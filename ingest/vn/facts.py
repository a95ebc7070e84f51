"""Checkable facts in a sentence, each with the words around it (how two facts line up: `fact_match`).

A fact is a typed value found in text: a date, a document number, a number with its unit (percentages
included), a reference to a provision (`khoản 2 Điều 59 Luật ...`), a person's name, or the body named as doing something (`X chủ trì`, `giao X`). Its context is
the set of content syllables near it; two facts of the same kind describe the same thing when their
contexts overlap enough and the years they mention agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ingest.settings import Heuristics
from ingest.vn import dates, fact_context, gazetteer, glossary, identifiers, layout, numbers, qualifiers, ranges, vntext

_DEFAULT = Heuristics()  # the windows and limits below come from the run's Heuristics (`--set` reaches them)
# the words of a fact's neighbourhood that say what it is about: not function words, not calendar words
_HEADER_UNIT = re.compile(r"\(([^()]{1,20})\)\s*$")
# where a clause ends for `about`: a `;`, or a new list item (a wrapped line of a PDF copy goes on)
_CLAUSE_BREAK = re.compile(r";|\n\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])\s")
_CHAINED_GAP = 40  # `số`, `được sửa đổi, bổ sung bởi Luật số`: words chaining a document's numbers together
_VALUE_CELL = re.compile(r"(?:[-+]|[<>≤≥~]=?\s*)?\d[\d.,]*\s*%?")  # `1.250`, `-3,5 %`, a bound `> 10`, `<500`
SCALE = "1:"  # the unit of a map scale's denominator (`1:10.000` states 10000 with this unit)


@dataclass(frozen=True)
class Fact:
    kind: str  # date | daymonth | month | quarter | year | docnum | provision | number | person | body | role
    value: str  # canonical value, compared for equality
    text: str  # as written
    start: int
    context: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[str] = field(default_factory=frozenset)
    unit: str = ""
    anchor: str = ""  # document number a date or signer belongs to, when written next to it
    about: str = ""  # a date's document: the number its clause names before it (`Luật số 84/2025/QH15 ..., có hiệu lực
    # kể từ ngày ...`), so the effective date of the next law in a list is another fact
    item: frozenset[str] = frozenset()  # a table row's item (its first cell after the number): `Than`, not `Dolomit`
    case: frozenset[str] = frozenset()  # the case a figure is stated for (`đối với khoáng sản nhóm III`): qualifiers


class _Extractor:
    """Finds the facts of one text, kind by kind, never reading the same characters twice."""

    def __init__(self, text: str, heur: Heuristics) -> None:
        self.text = text
        self.heur = heur
        self.tokens = fact_context.tokens_with_offsets(text)
        self.facts: list[Fact] = []
        self.taken: list[tuple[int, int]] = []
        self.numbers: list[tuple[int, int, identifiers.DocNumber]] = []
        self.lead_year: Fact | None = None  # `Trong năm 2025, ...`: a fact only when the sentence states no value

    def add(
        self, kind: str, value: str, start: int, end: int, written: str, unit: str = "", anchor: str = "", at: int = -1,
        context_end: int = -1,
    ) -> None:  # fmt: skip
        """A fact whose value spans [start, end); `written` (the value with its lead words) begins at `at`, else at
        `start`; its context is read around [start, `context_end`) when given."""
        # who does something is judged on the task that follows its name (to the end of its line),
        # values on their near neighbourhood
        if kind == "body":
            line_end = self.text.find("\n", end)
            line_end = len(self.text) if line_end < 0 else line_end
            task = [t for t, off in self.tokens if end <= off < line_end][: self.heur.fact_body_window]
            ctx, years = frozenset(fact_context.content(task)), frozenset()
            if len(ctx) < self.heur.fact_min_task:  # `thay mặt Bộ Chính trị ký`: no task named, nothing to compare
                return
        else:
            span_end = max(end, context_end)
            ctx, years = fact_context.around(
                self.tokens, start, span_end, self.heur.fact_window, self.heur.fact_year_window, self.text
            )
        about = self._document_before(start) if kind in _DATE_KINDS else ""
        self.facts.append(Fact(kind, value, written, start if at < 0 else at, ctx, years, unit, anchor, about))
        self.taken.append((start, end))

    def _document_before(self, start: int) -> str:
        """The key of the last document number before `start` in the same clause (no `;` or new list item between)."""
        before = [
            (ne, n) for _, ne, n in self.numbers if ne <= start and not _CLAUSE_BREAK.search(self.text, ne, start)
        ]
        return before[-1][1].key if before else ""

    def doc_numbers(self) -> None:
        pos = 0  # in order of appearance: a number written twice is found at each place in turn
        for n in identifiers.find_doc_numbers(self.text):
            s = self.text.find(n.text, pos)
            if s >= 0:
                pos = s + len(n.text)
                self.numbers.append((s, pos, n))
                self.add("docnum", n.key, s, pos, n.text)

    def dates(self) -> None:
        seen: dict[str, int] = {}  # a date written twice (two laws of one day) is found at each place in turn
        for written, d in dates.find_dates(self.text):
            s = self.text.find(written, seen.get(written, 0))
            s = self.text.find(written) if s < 0 else s
            seen[written] = s + len(written)
            anchor = next((n.key for _, ne, n in self.numbers if 0 <= s - ne <= 12), "")
            self.add("date", d.isoformat(), s, s + len(written), written, anchor=anchor)

    def day_months(self) -> None:
        """`ngày 31 tháng 8 hàng năm`: a recurring date without a year."""
        for m in dates.DAY_MONTH.finditer(self.text):
            d, mo = int(m.group(1)), int(m.group(2))
            if not any(a <= m.start() < b for a, b in self.taken) and 1 <= d <= 31 and 1 <= mo <= 12:
                self.add("daymonth", f"{mo:02d}-{d:02d}", m.start(), m.end(), m.group(0))

    def months(self) -> None:
        for m in dates.MONTH_YEAR.finditer(self.text):
            if not any(a <= m.start() < b for a, b in self.taken) and 1 <= int(m.group(1)) <= 12:
                self.add("month", f"{m.group(2)}-{int(m.group(1)):02d}", m.start(), m.end(), m.group(0))

    def quarters(self) -> None:
        for m in dates.QUARTER.finditer(self.text):
            if not any(a <= m.start() < b for a, b in self.taken):
                self.add("quarter", dates.quarter(m), m.start(), m.end(), m.group(0))

    def years(self) -> None:
        """Years set as a target (`trước năm 2030`), and the year a sentence opens or closes with (`Trong năm 2025,
        ...`, `... trong năm 2025.`)."""
        lead = dates.YEAR_LEAD.match(self.text) or dates.YEAR_TRAIL.search(self.text)
        for m in [*dates.YEAR_TARGET.finditer(self.text), *([lead] if lead else [])]:
            if not any(a <= m.start(1) < b for a, b in self.taken):
                written = m.group(0) if m is not lead else f"năm {m.group(1)}"
                self.add("year", m.group(1), m.start(1), m.end(1), written, at=m.start())
                if m is lead:
                    self.lead_year = self.facts[-1]

    def years_within(self) -> None:
        """The years a sentence that states no other value is about (`... hết hiệu lực trong năm 2025 tại Biểu số
        06 ...`): the only thing in it a source can confirm or contradict."""
        if any(f.kind not in ("body", "person") for f in self.facts):
            return
        for m in dates.YEAR_WITHIN.finditer(self.text):
            if not any(a <= m.start(1) < b for a, b in self.taken):
                self.add("year", m.group(1), m.start(1), m.end(1), f"năm {m.group(1)}", at=m.start())

    def quantities(self) -> None:
        text = self.text
        for m in numbers.NUMBER.finditer(text):
            if any(a <= m.start() < b for a, b in self.taken):
                continue
            if numbers.is_year(m.group(1)) and not m.group(2):
                continue  # a year: context, not a fact
            if re.match(r"\s?:\s?\d", text[m.end() :]):
                continue  # the `1` of a map scale (`1:50.000`) or of a ratio: the figure after it tells
            before = text[max(0, m.start() - 5) : m.start()]
            if re.search(r"\d\s?:\s?$", before) and not _PERIOD_LABEL.search(text[max(0, m.start() - 24) : m.start()]):
                if re.search(r"(?<![\d.,])1\s?:\s?$", before):
                    # a map scale (`tỷ lệ 1:10.000`): a figure of its own, compared only with other scales
                    self.add("number", f"{numbers.value(m.group(1)):g}", m.start(), m.end(), m.group(0), unit=SCALE)
                continue  # else the second term of a ratio (`3:2`)
            if identifiers.ends_with_provision_word(text[max(0, m.start() - 12) : m.start()]):
                continue  # `Điều 62`, `khoản 3`: a reference to a provision, not a quantity
            if not text[: m.start()].strip() and _ordinal(text, m.start()):
                continue  # `16. Rà soát ...`, `16 Rà soát ...` (a row or item pasted as text): its number, no figure
            value, unit = numbers.quantity(m.group(1), text[m.end() : m.end() + 40])
            if named := identifiers.document_type_before(text[max(0, m.start() - 20) : m.start()]):
                unit = named.lower()  # `Chỉ thị 11`: a document's number, compared only with numbers of its type
            self.add("number", f"{value:g}", m.start(), m.end(), m.group(0), unit="%" if m.group(2) else unit)

    def provisions(self) -> None:
        """`điểm c khoản 2 Điều 60 Luật Địa chất và khoáng sản`: a reference to a provision, its unit the document it
        is in when the text names one (`Luật ...`, `Nghị định ...`, `... này`)."""
        for m in identifiers.PROVISION.finditer(self.text):
            if any(a <= m.start() < b for a, b in self.taken):
                continue
            self.add("provision", identifiers.provision_key(m), m.start(), m.end(), m.group(0),
                     unit=identifiers.document_named(self.text[m.end() : m.end() + 60]),
                     context_end=self._reference_end(m.end()))  # fmt: skip

    def _reference_end(self, end: int) -> int:
        """Where the reference to the document a provision is in ends: its name, then its number and the numbers
        chained to it (`Luật Chăn nuôi số 32/2018/QH14 được sửa đổi, bổ sung bởi Luật số 146/2025/QH15`). The
        provision's context is the words about what it governs, not the document's name: two provisions of one
        law cited in like-worded sentences are not one fact for sharing the law's name."""
        end += identifiers.document_named_length(self.text[end : end + 60])
        for ns, ne, _ in sorted(self.numbers):
            gap = self.text[end:ns]
            if ns >= end and len(gap) <= _CHAINED_GAP and not _CLAUSE_BREAK.search(gap) and ". " not in gap:
                end = ne
        return end

    def people(self) -> None:
        signs = re.search(r"\bký\b", self.text) is not None
        for name in gazetteer.find_people(self.text):
            s = max(0, self.text.find(name))
            anchor = self.numbers[0][2].key if signs and self.numbers else ""
            self.add("person", name, s, s + len(name), name, anchor=anchor)

    def bodies(self) -> None:
        for m in gazetteer.body_pattern().finditer(self.text):
            if any(a <= m.start() < b for a, b in self.taken):
                continue
            end = gazetteer.body_end(self.text, m.end())
            around = self.text[max(0, m.start() - 12) : end + 14].lower()
            giao = self.text[max(0, m.start() - 6) : m.start()].lower().strip().endswith("giao")
            if giao or gazetteer.gives_task(around):
                written = self.text[m.start() : end]
                self.add("body", gazetteer.body_key(written), m.start(), end, written)  # `Bộ NN&MT` = its full name


def extract(
    text: str, heur: Heuristics | None = None, table_header: list[str] | None = None, wrapped: bool = True
) -> list[Fact]:
    """All facts of a passage, read sentence by sentence: the words around a value that describe it stay in
    its own sentence (`Các Bộ gửi báo cáo trước ngày 30/9. Tổ biên tập hoàn thành trước ngày 30/11.`); the rows
    of a table under `table_header` (a passage cut from inside a table) are read under it. The
    windows (words either side that describe a value, a body's task, the years that frame it) are `heur`'s."""
    heur = heur or _DEFAULT
    # a sentence wrapped over lines is one sentence (offsets kept); a Word document's lines are its paragraphs
    text = layout.unwrapped(text) if wrapped else text
    if "\n" not in text and len(text) < 400 and not table_header:
        return _extract_sentence(text, heur)
    out: list[Fact] = []
    pos = 0
    heading_years: frozenset[str] = frozenset()
    lead_years: frozenset[str] = frozenset()
    header = table_header  # the column headers of the table being read (a passage may start inside one)
    frame: frozenset[str] = frozenset()  # the years the last sentence's leading adverbial names
    for sentence in _statements(text):
        start = text.find(sentence[:30], pos)
        start = pos if start < 0 else start
        if "\t" in sentence:  # a table row: a cell is described by its column's header and the row's label
            cells = sentence.split("\t")
            if not any(_is_value(c) for c in cells):
                if header is not None and _group_row(cells, header):  # `I  LUẬT`: spans the columns
                    pos = start + len(sentence)
                    continue
                header = cells
            elif header is not None and len(header) == len(cells):
                out += _table_row(cells, header, start, heur)
                pos = start + len(sentence)
                continue
        else:
            header = None
        found = frozenset(m.group(0) for m in dates.YEAR.finditer(sentence))
        if layout.is_heading(sentence):
            heading_years = found or heading_years  # a heading's years frame the sentences below it
        item = bool(layout.LIST_ITEM.match(sentence))
        if not item:
            lead_years = frozenset()
        frame = time_frame(sentence) or (frame if _GOES_ON.match(sentence) else frozenset())  # `Trong đó: ...`
        for f in _extract_sentence(sentence, heur, frame):
            years = f.years or (lead_years if item else frozenset()) or heading_years
            out.append(replace(f, start=start + f.start, years=years))
        if sentence.rstrip().endswith(":"):
            lead_years = found or lead_years  # a lead-in's years frame its list (`Năm 2025, ... trong đó:`)
        pos = start + len(sentence)
    return out


def _statements(text: str) -> list[str]:
    """The sentences of a passage, a table row (a line with tabs) whole: its cells hold full stops (`1.`,
    `... Điều 33.`) that end no sentence."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line and line.strip():
            out.append(line.strip(" \r"))
        else:
            out.extend(vntext.sentences(line))
    return out


def _group_row(cells: list[str], header: list[str]) -> bool:
    """A row without values under a header that names a group of the rows below (`I  Nhóm khoáng sản than`): fewer
    cells than the header, or cells left empty or repeated where a merged cell spans the columns."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(cells) < len(header) or len(filled) < len(cells) or len(set(filled)) < len(filled)


def _is_value(cell: str) -> bool:
    """A table cell that holds a figure: digits with their separators, an optional unit sign."""
    return bool(_VALUE_CELL.fullmatch(cell.strip()))


_DATE_KINDS = ("date", "daymonth", "month", "quarter", "year")
_VALUE_KINDS = ("number", "date", "daymonth", "month", "quarter")  # what a leading year is the period of
_ROLE_CELL_WORDS = 30  # a cell naming bodies (`Bộ Tài nguyên và Môi trường, Bộ Công Thương, ...`), not a text


def row_facts(cells: list[str], header: list[str], heur: Heuristics | None = None, sep: str = " | ") -> list[Fact]:
    """The facts of a table row read under its header, offsets in the cells joined by `sep` (a draft's row)."""
    return _table_row(cells, header, 0, heur or _DEFAULT, len(sep))


def _table_row(cells: list[str], header: list[str], start: int, heur: Heuristics, sep: int = 1) -> list[Fact]:
    """The facts of one data row: each value's context is its column header plus the row's label cells, the years
    those name frame it (a table's figures say nothing about their neighbouring columns). A deadline or date cell
    (`Quý III, năm 2022` under `Thời gian trình`) is a fact too; the row's number (`TT`, `STT`) is none."""
    numbered = [bool(layout.ROW_NUMBER_HEADER.match(h.strip())) for h in header]
    label = " ".join(c for c, n in zip(cells, numbered, strict=True) if not _is_value(c) and not n)
    label_tokens = [t for t, _ in fact_context.tokens_with_offsets(label)]
    row_years = frozenset(t for t in label_tokens if dates.YEAR.fullmatch(t))
    first = next((c for c, n in zip(cells, numbered, strict=True) if not n and c.strip() and not _is_value(c)), "")
    item = frozenset(fact_context.content([t for t, _ in fact_context.tokens_with_offsets(first)]))
    out: list[Fact] = []
    offset = start
    for cell, head, number in zip(cells, header, numbered, strict=True):
        head_tokens = [t for t, _ in fact_context.tokens_with_offsets(head)]
        ctx = frozenset(fact_context.content(head_tokens + label_tokens))
        years = row_years | frozenset(t for t in head_tokens if dates.YEAR.fullmatch(t))
        if number:
            pass  # the row's own number orders the table, it states nothing
        elif _is_value(cell):
            paren = _HEADER_UNIT.search(head)  # `Diện tích (ha)`, `Thu ngân sách (tỷ đồng)`: the column's unit
            unit_text = paren.group(1) if paren else head
            for f in _extract_sentence(cell, heur):
                value, unit = f.value, f.unit
                if f.kind == "number" and f.unit != "%":
                    amount, unit = numbers.quantity(f.text, f" {unit_text}")
                    value = f"{amount:g}"
                out.append(Fact(f.kind, value, f.text, offset + f.start, ctx, years, unit, f.anchor, f.about, item))
        else:
            found = _extract_sentence(cell, heur)
            out += [replace(f, start=offset + f.start, context=ctx, item=item) for f in found if f.kind in _DATE_KINDS]
            # a figure or a reference to a provision written in a text cell (`Đạt 90% diện tích ... vào năm 2030`,
            # `Điều 28; Khoản 5 Điều 44`): its own words, the column's and the row's describe it
            out += [replace(f, start=offset + f.start, context=f.context | ctx, years=f.years | years, item=item)
                    for f in found if f.kind in ("number", "provision")]  # fmt: skip
            if gazetteer.bodies_in(cell) and len(cell.split()) <= _ROLE_CELL_WORDS:
                # who, in the role its column names (`Cơ quan chủ trì`: Bộ Xây dựng): compared with the same column
                value = vntext.strip_tones(glossary.spelled_out(vntext.collapse_ws(cell)).lower()).strip(" .;,")
                role = vntext.strip_tones(vntext.collapse_ws(head).lower())
                out.append(Fact("role", value, cell, offset, ctx, years, role, item=item))
        offset += len(cell) + sep
    return out


def _extract_sentence(text: str, heur: Heuristics, frame: frozenset[str] | None = None) -> list[Fact]:
    """All facts of one sentence; a figure without a year of its own takes `frame`, the period the sentence is
    stated for (by default its own leading adverbial's: `time_frame`)."""
    ex = _Extractor(text, heur)
    ex.doc_numbers()
    ex.dates()
    ex.day_months()
    ex.months()
    ex.quarters()
    ex.years()
    ex.provisions()
    ex.quantities()
    ex.people()
    ex.bodies()
    ex.years_within()
    frame = time_frame(text) if frame is None else frame
    facts = [replace(f, years=frame) if f.kind == "number" and not f.years else f for f in ex.facts]
    if any(f.kind in _VALUE_KINDS for f in facts):  # the leading year frames the sentence's values, it is no claim
        facts = [f for f in facts if f is not ex.lead_year]
    return qualifiers.qualified(text, ranges.marked(text, facts))


_LEAD_CLAUSE = re.compile(r"^[^,;:]{0,80}[,:]")
_GOES_ON = re.compile(r"^\W*trong\s+đó\b", re.IGNORECASE)


# the number an item or a table row opens with: a plain count of items before `.`/`)` or a capitalised word (a
# sentence opens with a figure written in words, or with its subject, not with digits: Nghị định 30/2020/NĐ-CP)
_ORDINAL = re.compile(r"\d{1,3}(?:[.)]\s|\s+(\w))")


def _ordinal(text: str, start: int) -> bool:
    """The number at `start` numbers an item (`16. ...`, `16 Rà soát ...`), it counts nothing."""
    m = _ORDINAL.match(text, start)
    return bool(m) and (m.group(1) is None or m.group(1).isupper())


# `Năm 2025: 120 tỷ đồng`, `Quý II/2026: 3 cuộc`: a period labelling the figure after its colon, no ratio's first term
_PERIOD_LABEL = re.compile(r"(?:năm|quý|tháng)\s+[\dIVX/]+\s?:\s?$", re.IGNORECASE)


def time_frame(sentence: str) -> frozenset[str]:
    """The years of a sentence's leading adverbial (`Trong năm 2025, ...`, `Đến hết năm 2019, ...`), or of the same
    adverbial closing it (`... trong năm 2025.`): the period every figure of the sentence is stated for, however far
    from it the figure stands."""
    text = sentence.strip()
    lead = _LEAD_CLAUSE.match(text)
    if lead and lead.group(0).endswith(":") and not dates.YEAR.search(lead.group(0)):
        # a topic label before its statement (`- Về thu tiền cấp quyền ...: Trong năm 2025, tổng số thu ...`): the
        # statement's own leading adverbial frames it
        lead = _LEAD_CLAUSE.match(text[lead.end() :].lstrip()) or lead
    if lead:
        return frozenset(dates.YEAR.findall(lead.group(0)))
    trail = dates.YEAR_TRAIL.search(sentence)  # `... trong năm 2025.`: the same period, moved to the end
    return frozenset({trail.group(1)}) if trail else frozenset()


def as_date(value: str) -> date:
    return date.fromisoformat(value)

"""The shapes of lines in official documents: section markers, headings, list items, header and closing.

Nghị định 30/2020/NĐ-CP (Phụ lục I) and the drafting rules for legal documents (Nghị định 34/2016/NĐ-CP,
Điều 61: Phần, Chương, Mục, Điều, khoản, điểm) fix how a document is laid out: a header with the national
motto and `Số: .../...`, numbered sections (`I.`, `1.`, `1.1.`, `a)`), and a closing `Nơi nhận:` with the
signature. Chunking, metadata, answers, drafts and facts all read lines through these functions.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Section markers, outermost first (level, pattern).
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^(?:PHẦN|Phần)\s+(?:thứ\s+)?[\wÀ-Ỹ]+\b|^(?:PHỤ LỤC|Phụ lục)\b")),
    (2, re.compile(r"^(?:CHƯƠNG|Chương)\s+[IVXLC\d]+\b")),
    (3, re.compile(r"^(?:MỤC|Mục)\s+\d+\b")),
    (4, re.compile(r"^Điều\s+\d+[a-zđ]?\b")),
    (5, re.compile(r"^[IVXLC]{1,6}\s*[.\-–)/]\s*\S")),
    (8, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S")),
    (7, re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")),
    (6, re.compile(r"^\d{1,2}\s*[.\-–)]\s*\S")),
    (9, re.compile(r"^[a-zđ]\)\s*\S")),
]
ITEM_LEVEL = 9  # `a)`: a point inside a numbered section, not a section of its own
# An upper-case line naming an attached document (an action programme, annex, list) starts a new top level.
_ATTACHED_DOC = re.compile(r"^(?:CHƯƠNG TRÌNH|DANH MỤC|QUY CHẾ|ĐỀ CƯƠNG|KẾ HOẠCH|QUY ĐỊNH|PHỤ LỤC)\b")
# a list item's marker: `a)`, `1.`, `1.2.`, `2)`, `a.`, `ii)`, `-`, `–`, `•`, `+`, `*`
LIST_ITEM = re.compile(r"^\s*(?:[a-zđ]\)|(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\.|[ivx]{1,4}\)|[-–•+*])(?=\s))\s*")
# an unnumbered list item: a dash or bullet
BULLET = re.compile(r"\s*[-–•+*]\s")
# the opening of an official document: the national motto or the `Số: .../...` line
_DOCUMENT_HEADER = re.compile(
    r"C[ỘO]NG H[ÒO]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A|^\s*Số\s*:\s*\S+/", re.IGNORECASE | re.MULTILINE
)
# `Nơi nhận:` opens the closing block (recipients, then the signature)
_CLOSING = re.compile(r"^(?:Nơi nhận|Noi nhan)\s*:", re.IGNORECASE)
# Layout tables: Word documents set the header (issuer | national motto, number | place and date) and the closing
# (recipients | signature) as borderless tables (Nghị định 30/2020/NĐ-CP, Phụ lục I, mẫu 1.1-1.4). Their columns
# are separate texts, not rows of data.
_HEADER_TABLE = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐẢNG CỘNG SẢN VIỆT NAM")
_SIGNATURE_TABLE = ("Nơi nhận", "KT.", "TM.", "TL.", "Q.", "CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TƯỚNG")
_LAYOUT_TABLE_MAX_CHARS = 1500


def is_header_table(text: str) -> bool:
    """A table holding the document's header (before the body), told by the national or Party motto."""
    return any(m in text.upper() for m in _HEADER_TABLE)


def is_signature_table(text: str) -> bool:
    """A short table holding the closing: recipients and the signature."""
    return len(text) < _LAYOUT_TABLE_MAX_CHARS and any(m in text for m in _SIGNATURE_TABLE)


# loaders: a Word paragraph style that makes a heading (English and Vietnamese Word), with its level
HEADING_STYLE = re.compile(r"^(?:Heading|Title|Đầu đề)\s*(\d*)", re.IGNORECASE)
# the first column of a numbered table (`Số TT`, `STT`, `TT`)
ROW_NUMBER_HEADER = re.compile(r"^(?:Số\s*TT|STT|TT)\.?$", re.IGNORECASE)
# a page number line (`- 3 -`, `Trang 3`, `3/12`)
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?\s*(?:[-–—])?\s*$", re.IGNORECASE)
# a line that starts a new paragraph when a PDF broke the text into lines: a list marker or a section marker
PARAGRAPH_START = re.compile(r"^\s*(?:[-+•*–]|\(?[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVXLC]+[.\-]|Điều\s+\d|Chương\s|Mục\s)")
# `TIÊU ĐỀ: ...`, `SỐ HIỆU: ...`: an upper-case field name and its value (header fields of a text export)
FIELD_LINE = re.compile(r"^([A-ZÀ-Ỹ][A-ZÀ-Ỹ /]{1,40}):\s*(.*)$")
HEADING_MAX_WORDS = 16
_SHORT_LINE_WORDS = 10


def marker_level(text: str) -> int | None:
    """Structural level of a paragraph that opens a section (1 = Phần/Phụ lục ... 9 = `a)`), or None."""
    head = text.lstrip()[:40]
    stripped = text.strip()
    if _ATTACHED_DOC.match(stripped) and stripped.upper() == stripped and len(stripped.split()) <= 40:
        return 1
    for level, rx in _MARKERS:
        if rx.match(head):
            return level
    return None


def opens_section(line: str) -> bool:
    """A numbered or named section marker (`II.`, `3.`, `Điều 5`, `Phụ lục`), not a lettered point."""
    level = marker_level(line)
    return level is not None and level < ITEM_LEVEL


def is_upper(text: str) -> bool:
    """Every letter is upper case (and there is one)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# the subject line (trích yếu) of a letter, under its number (Nghị định 30/2020/NĐ-CP, Phụ lục I: `V/v ...`)
_SUBJECT_LINE = re.compile(r"^\s*V/v\s", re.IGNORECASE)


def is_subject_line(line: str) -> bool:
    """`V/v tăng cường công tác quản lý ...`: what a letter is about, a title rather than a statement."""
    return bool(_SUBJECT_LINE.match(line))


def is_heading(line: str) -> bool:
    """A line that names what stands under it: short, not ended like a sentence, and a section marker, upper
    case, at most ten words, or wholly in brackets (`(Kèm theo Nghị định số 193/2025/NĐ-CP ...)`). A bulleted
    line is a list item, not a heading."""
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS or line.rstrip().endswith((".", ";", ":", "?", "!")):
        return False
    if BULLET.match(line):
        return False
    bracketed = line.lstrip().startswith("(") and line.rstrip().endswith(")")
    return marker_level(line) is not None or line.isupper() or len(words) <= _SHORT_LINE_WORDS or bracketed


def has_document_header(text: str) -> bool:
    """The text holds an official document's header (national motto or `Số: .../...`)."""
    return bool(_DOCUMENT_HEADER.search(text))


# what a document attaches after its signature (Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I: an appendix's own
# heading, `PHỤ LỤC II` with its title, or a list's `(Kèm theo Quyết định số ...)` line under its title)
_APPENDIX = re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[IVXLC\d]+[a-zA-Z]?)?\s*[:.\-–]?\s*")
_ATTACHED = re.compile(r"^\s*\(\s*(?:Ban hành\s+)?(?:kèm|Kèm|KÈM) (?:theo|THEO)\b")


def opens_attachment(line: str) -> bool:
    """`PHỤ LỤC I`, `PHỤ LỤC 02 DANH MỤC ...`, `(Kèm theo Quyết định số ...)`: something attached begins. A sentence
    naming an appendix (`Phụ lục I ban hành kèm theo Nghị định này quy định ...`) begins nothing."""
    m = _APPENDIX.match(line)
    rest = line[m.end() :].strip() if m else ""
    return bool(m and (not rest or is_upper(rest))) or bool(_ATTACHED.match(line))


def opens_closing(line: str) -> bool:
    """`Nơi nhận:`: the recipients and signature that close a document follow."""
    return bool(_CLOSING.match(line))


WRAP_MIN_CHARS = 50  # a line this long that ends mid-sentence was cut at the page width (a heading is shorter)


@lru_cache(maxsize=4096)
def unwrapped(text: str) -> str:
    """`text` with each line break that only wraps a sentence (a PDF copy's line ends) made a space, the same
    length: the line before ends no sentence or clause, neither is a table row, and the next line opens no list item
    or article; it starts in lower case, or the line before is long enough to have been cut at the page width."""
    chars = list(text)
    start = 0
    for i, ch in enumerate(chars):
        if ch != "\n":
            continue
        line, start = text[start:i].strip(), i + 1
        rest = text[i + 1 :].lstrip(" \t")
        if not line or not rest or line.endswith((".", ";", ":", "!", "?")) or PARAGRAPH_START.match(rest):
            continue
        if "\t" in line or "\t" in rest.split("\n", 1)[0]:
            continue  # a table's rows are lines of cells
        if rest[:1].islower() or (len(line) >= WRAP_MIN_CHARS and not is_upper(line)):
            chars[i] = " "
    return "".join(chars)

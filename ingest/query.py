"""Query understanding, done once: a question becomes one typed `Query` that search, answering and checking share.

What it reads from the question:
- the text in canonical form, typos repaired (the repairs listed), whether it carries tone marks;
- identifiers (document numbers, dates, `QĐ 502`-style references) and the abbreviations' full forms;
- the subject it names: provinces, ministries, years, and (filled in by `Index.understand`) indexed documents;
- the kind of answer it wants (a number, a date, a duration, a person, a signer, a document, a list) and the
  unit of a quantity; intent is read from the toned words when the question has tone marks (`mấy` asks for a
  count, `máy móc` does not), and from the tone-free form otherwise, where dictionary words decide
  (`may moc` is a word in the dictionary, so it is not `mấy`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import gazetteer, glossary, identifiers, vntext

# Question words and function words that carry no content (tone-stripped).
STOP = frozenset(
    "ai gi nao bao nhieu may khi nhu the la co cua theo duoc va cac nhung trong cho ve thi ma voi tu den nay do o "
    "tai de hay hoac bi boi rang sao vay chua khong da se dang phai can thoi diem luc mot hai ba viec nguoi muc lan "
    "ra vao len con cung nhat tung moi gom bang nen neu".split()
)

# (kind, pattern) in priority order; toned patterns first, then the tone-free fallback for unmarked questions.
_TONED_WANTS = (
    ("duration", r"bao lâu|trong thời gian bao nhiêu|mấy năm|bao nhiêu năm|bao nhiêu tháng|bao nhiêu ngày"),
    ("number", r"bao nhiêu|(?<!\w)mấy(?!\w)|tỷ lệ|tỉ lệ|mức nào"),
    ("date", r"ngày nào|năm nào|bao giờ|mốc nào|hạn chót|ngày tháng năm nào|tháng nào|từ ngày|đến ngày|"
             r"thời hạn nào|vào ngày"),
    ("when", r"khi nào|thời điểm nào|lúc nào|thời gian nào|thời hạn|trường hợp nào"),
    ("signer", r"ai ký|người ký|do ai ký"),
    ("person", r"(?<!\w)ai(?!\w)|người nào|những ai"),
    ("docref", r"số hiệu|văn bản nào|(?:nghị quyết|quyết định|nghị định|thông tư|thông báo|chỉ thị|công văn|luật|"
               r"kế hoạch|báo cáo) (?:số )?nào|căn cứ vào đâu"),
    ("summary", r"tóm tắt|tổng hợp|khái quát|liệt kê|nêu (?:các|những)|những .{2,120} là gì|(?:kiến nghị|đề xuất|đề nghị)"
                r" (?:những )?gì"),
    ("list", r"những (?:\w+ ){0,4}nào|gồm những|bao gồm những|các (?:\w+ ){0,3}nào|là những gì|gồm các|những gì"),
    ("definition", r"(?<!\w)là gì|được hiểu|nghĩa là|khái niệm|định nghĩa"),
    ("how", r"như thế nào|ra sao"),
)  # fmt: skip
_FLAT_WANTS = (
    ("duration", r"bao lau|bao nhieu nam|bao nhieu thang|bao nhieu ngay"),
    ("number", r"bao nhieu|(?<!\w)may(?!\w)|ty le|ti le|muc nao"),
    ("date", r"ngay nao|nam nao|bao gio|moc nao|han chot|thang nao|tu ngay|den ngay|thoi han nao|vao ngay"),
    ("when", r"khi nao|thoi diem nao|luc nao|thoi gian nao|thoi han|truong hop nao"),
    ("signer", r"ai ky|nguoi ky"),
    ("person", r"(?<!\w)ai(?!\w)|nguoi nao"),
    ("docref", r"so hieu|van ban nao|(?:nghi quyet|quyet dinh|nghi dinh|thong tu|thong bao|chi thi|cong van|luat|"
               r"ke hoach|bao cao) (?:so )?nao"),
    ("summary", r"tom tat|tong hop|khai quat|liet ke|neu (?:cac|nhung)|nhung .{2,120} la gi|(?:kien nghi|de xuat|de nghi)"
                r" (?:nhung )?gi"),
    ("list", r"nhung (?:\w+ ){0,4}nao|gom nhung|bao gom nhung|cac (?:\w+ ){0,3}nao|la nhung gi|nhung gi"),
    ("definition", r"(?<!\w)la gi|duoc hieu|nghia la|khai niem|dinh nghia"),
    ("how", r"nhu the nao|ra sao"),
)  # fmt: skip
_TONED = [(k, re.compile(rx)) for k, rx in _TONED_WANTS]
_FLAT = [(k, re.compile(rx)) for k, rx in _FLAT_WANTS]
_UNITS = {
    "phan tram": ("%", "phần trăm"),
    "trieu tan": ("triệu tấn",),
    "tan": ("tấn",),
    "ha": ("ha", "hécta", "héc ta"),
    "ty dong": ("đồng",),
    "trieu dong": ("đồng",),
    "dong": ("đồng",),
}
_PART = re.compile(r" (phu luc|dieu|chuong|muc|phan) ([ivxlc]+|\d+[a-z]?)(?= )")
_ROLE = re.compile(r" ai (?:(?:giu chuc|giu vi tri|la|lam|dam nhiem|phu trach|chu tri) )?((?:\w+ ){1,4})")
# the question names a position (`ai giữ chức Trưởng Ban`, `Tổ trưởng ... là ai`), not an act (`ai ký`, `ai tổ chức`)
_POSITION = r"(?:\w+ truong|truong \w+|pho \w+|chu tich|giam doc|chanh \w+|bi thu|thu ky|chu nhiem|uy vien|thanh vien)"
_NAMED_ROLE = re.compile(
    rf" ai (?:giu chuc|giu vi tri|la|dam nhiem) ({_POSITION} (?:\w+ ){{0,2}})| ({_POSITION} (?:\w+ ){{0,4}})la ai "
)
_TYPE_WORDS = "nghi quyet|quyet dinh|nghi dinh|thong tu|thong bao|chi thi|cong van|ke hoach|bao cao"
_ASKED_TYPE = re.compile(rf" ({_TYPE_WORDS}) nao ")
_DOC_TYPE = re.compile(rf" ({_TYPE_WORDS}) ")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)")


@dataclass
class Query:
    """A question, understood once."""

    asked: str  # as typed
    text: str  # canonical, typos repaired
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)
    toned: bool = True
    expanded: str = ""  # `text` plus the full forms of its abbreviations (what the vectors are built from)
    doc_keys: set[str] = field(default_factory=set)  # number keys of documents written out in the question
    named: set[str] = field(default_factory=set)  # number keys of indexed documents the question names
    provinces: list[str] = field(default_factory=list)
    ministries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # `Phụ lục II`, `Điều 5` named in it (tone-free, lowercased)
    # number | duration | date | when | signer | person | docref | list | summary | definition | how
    wants: str | None = None
    unit: tuple[str, ...] | None = None
    role: set[str] = field(default_factory=set)  # `ai là Tổ trưởng`: the role asked about (bigrams)
    role_head: str = ""  # the position itself when the question names one (`to truong`, `truong ban`)
    asked_type: str | None = None  # `Quyết định nào` -> Quyết định
    terms: set[str] = field(default_factory=set)  # tone-free content syllables
    bigrams: set[str] = field(default_factory=set)

    @property
    def flat(self) -> str:
        return " " + " ".join(flat_syllables(self.text)) + " "

    def correction_note(self) -> str:
        """`Đã hiểu "quyte" là "quyết" (sửa lỗi gõ).` for the user, or an empty string."""
        pairs = ", ".join(f'"{typed}" là "{read}"' for typed, read in self.corrections)
        return f"Đã hiểu {pairs} (sửa lỗi gõ)." if pairs else ""


def flat_syllables(text: str) -> list[str]:
    return [vntext.strip_tones(s) for s in vntext.syllables(text)]


def content_bigrams(flat: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(flat) if a not in STOP or b not in STOP}


@lru_cache(maxsize=1)
def _flat_words() -> frozenset[str]:
    """Tone-free multi-syllable words of the Viet74K list (`may moc`, `may bay`)."""
    from ingest.spelling import dictionary_words

    return frozenset(vntext.strip_tones(w) for w in dictionary_words() if " " in w)


def _wants(text: str, toned: bool) -> str | None:
    if toned:
        low = " " + vntext.canonical(text).lower() + " "
        return next((kind for kind, rx in _TONED if rx.search(low)), None)
    flat = " " + " ".join(flat_syllables(text)) + " "
    for kind, rx in _FLAT:
        for m in rx.finditer(flat):
            if m.group(0) == "may" and _counting_may_is_a_word(flat, m.end()):
                continue
            return kind
    return None


def _counting_may_is_a_word(flat: str, end: int) -> bool:
    """`may moc`, `may bay`: unmarked `may` followed by a word it forms in the dictionary is `máy`, not `mấy`."""
    nxt = flat[end:].split()[:1]
    return bool(nxt) and f"may {nxt[0]}" in _flat_words()


def _numbered_type(q: str) -> re.Match | None:
    """`Quyết định phê duyệt ... có số hiệu ... thế nào?`: the document whose number is asked is the last one named
    before `số hiệu`."""
    at = q.find(" so hieu ")
    return next(reversed(list(_DOC_TYPE.finditer(q, 0, at + 1))), None) if at >= 0 else None


def understand(asked: str, text: str | None = None, corrections: list[tuple[str, str]] | None = None) -> Query:
    """Read everything the question says about what it wants. `text` is the repaired question, if repaired."""
    text = vntext.canonical(text if text is not None else asked).strip()
    toned = vntext.has_tone_marks(text)
    flat = flat_syllables(text)
    q = " " + " ".join(flat) + " "
    wants = _wants(text, toned)
    unit = None
    m = re.search(r" bao nhieu ((?:\w+ ){1,2})", q)
    if m:
        following = m.group(1).strip()
        unit = next((v for k, v in _UNITS.items() if following == k or following.startswith(k + " ")), None)
    named = _NAMED_ROLE.search(q)
    role = named or _ROLE.search(q)
    phrase = (role.group(1) or role.group(2)).split() if role else []
    asked_type = _ASKED_TYPE.search(q) or _numbered_type(q)
    parts = [f"{a} {b}" for a, b in _PART.findall(q)]
    years = sorted({int(y) for y in _YEAR.findall(text)})
    for a, b in _PERIOD.findall(text):
        years = sorted({*years, *range(int(a), int(b) + 1)}) if 0 < int(b) - int(a) <= 30 else years
    return Query(
        asked=asked,
        text=text,
        corrections=list(corrections or []),
        toned=toned,
        expanded=glossary.expand_query(text),
        doc_keys={n.key for n in identifiers.find_doc_numbers(text)},
        provinces=gazetteer.provinces_in(text),
        ministries=gazetteer.ministries_in(text),
        years=years,
        parts=parts,
        wants=wants,
        unit=unit,
        role=content_bigrams(phrase),
        role_head=" ".join(phrase[:2]) if named else "",
        asked_type=identifiers.type_of_words(asked_type.group(1)) if asked_type else None,
        terms={s for s in flat if s not in STOP and len(s) > 1},
        bigrams=content_bigrams(flat),
    )

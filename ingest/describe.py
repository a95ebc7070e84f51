"""Document metadata from its header: type, number, date, issuer, signer, province, title.

Blank numbers and dates in drafts (`Số:    /BC-UBND`, `ngày   tháng 7 năm 2026`) give None, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ingest import gazetteer, identifiers, vntext
from ingest.load.blocks import Block, LoadedDocument

DOC_TYPES = (
    "Nghị quyết", "Quyết định", "Nghị định", "Thông tư liên tịch", "Thông tư", "Chỉ thị", "Thông báo", "Báo cáo",
    "Kế hoạch", "Tờ trình", "Công văn", "Luật", "Hướng dẫn", "Kết luận", "Công điện", "Chương trình", "Đề án",
    "Quy chế", "Danh mục", "Tin bài", "Tham luận", "Biên bản",
)  # fmt: skip
_TYPE_BY_UPPER = {t.upper(): t for t in DOC_TYPES}
_HEAD_BLOCKS = 30
_NUMBER_LINE = re.compile(r"^\s*(?:Số|SỐ|Luật số|LUẬT SỐ)\s*(?:hiệu)?\s*:\s*(.+)")
_PLACE_DATE = re.compile(r"^([^,\d]{2,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_POSITION_WORDS = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỦ TƯỚNG",
    "TỔNG BÍ THƯ",
    "CHÁNH",
    "TRƯỞNG",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "THỨ TRƯỞNG",
    "PHÓ",
    "KT.",
    "TM.",
    "TL.",
    "Q.",
    "BÍ THƯ",
)
_TONE_FREE_KEYS = {
    vntext.strip_tones(k): k for k in ("TIÊU ĐỀ", "SỐ HIỆU", "CƠ QUAN BAN HÀNH", "NGÀY BAN HÀNH", "NGÀY", "LOẠI")
}


@dataclass
class DocMeta:
    """Metadata of one document; None where the document does not state it."""

    doc_type: str | None = None
    number: str | None = None
    issued: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    province: str | None = None
    ministry: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.issued[:4]) if self.issued else None

    def as_payload(self) -> dict:
        out = asdict(self)
        out.pop("warnings")
        out["year"] = self.year
        return out

    def label(self) -> str:
        """Short citation label: `Quyết định 334/QĐ-TTg ngày 01/04/2023`."""
        parts = [self.doc_type or "", self.number or ""]
        if self.issued:
            y, m, d = self.issued.split("-")
            parts.append(f"ngày {d}/{m}/{y}")
        return " ".join(p for p in parts if p).strip()


_FIXED_NAMES = {
    "ubnd": "UBND",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "thủ tướng chính phủ": "Thủ tướng Chính phủ",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "bộ chính trị": "Bộ Chính trị",
    "ban chấp hành trung ương": "Ban Chấp hành Trung ương",
    "văn phòng chính phủ": "Văn phòng Chính phủ",
    "thanh tra chính phủ": "Thanh tra Chính phủ",
}
_ORG_PREFIX = ("bộ", "sở", "cục", "tổng cục", "văn phòng", "thanh tra", "vụ", "ban")


def _sentence_case(upper: str) -> str:
    """`SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG` -> `Sở Nông nghiệp và Môi trường`; fixed names and provinces kept."""
    text = " ".join(vntext.canonical(upper).lower().split())
    for low, proper in _FIXED_NAMES.items():
        if text.startswith(low):
            rest = text[len(low) :]
            prov = gazetteer.province_of(rest)
            if prov:
                rest = re.sub(r"(?i)" + re.escape(prov), prov, rest)
            return proper + rest
    words = text.split()
    prefix = next((p for p in sorted(_ORG_PREFIX, key=len, reverse=True) if text.startswith(p + " ")), None)
    n = len(prefix.split()) if prefix else 1
    out = [w.capitalize() if i == 0 or i == n or (i > 0 and words[i - 1] == "và") else w for i, w in enumerate(words)]
    text = " ".join(out)
    prov = gazetteer.province_of(text)
    return re.sub(r"(?i)" + re.escape(prov), prov, text) if prov else text


def _parse_dmy(text: str) -> str | None:
    dates = identifiers.find_dates(text)
    return dates[0][1].isoformat() if dates else None


def _from_header_fields(fields: dict[str, str], meta: DocMeta) -> None:
    """The corpus' own `KEY: value` header (text files) is authoritative where it is specific."""
    f = {_TONE_FREE_KEYS.get(vntext.strip_tones(k), k): v for k, v in fields.items()}
    if f.get("TIÊU ĐỀ"):
        meta.title = f["TIÊU ĐỀ"]
    numbers = identifiers.find_doc_numbers(f.get("SỐ HIỆU", ""))
    if numbers:
        meta.number = numbers[0].text
    issued = _parse_dmy(f.get("NGÀY BAN HÀNH", "") or f.get("NGÀY", ""))
    if issued:
        meta.issued = issued
    issuer = re.split(r"[;(]", f.get("CƠ QUAN BAN HÀNH", ""))[0].strip()
    if issuer and "không rõ" not in issuer.lower():
        meta.issuer = issuer
    kind = f.get("LOẠI", "")
    if kind:
        meta.doc_type = next((t for t in DOC_TYPES if kind.lower().startswith(t.lower())), None)
    people = gazetteer.find_people(f.get("CƠ QUAN BAN HÀNH", ""))
    if people:
        meta.signer = people[-1]


def _issuer_lines(head: list[Block]) -> list[str]:
    """Upper-case lines of the left header column, before the national motto."""
    lines: list[str] = []
    for b in head:
        for line in b.text.split("\n"):
            text = line.strip().strip("-–—_ ").strip()
            if not text:
                continue
            up = text.upper()
            if "CỘNG HÒA" in vntext.canonical(up) or "ĐỘC LẬP" in up or text.startswith("Số") or "ngày" in text:
                return lines
            if up == text and any(c.isalpha() for c in text) and len(text) < 90 and up not in _TYPE_BY_UPPER:
                lines.append(re.split(r"-{2,}|–{2,}", text)[0].strip())
        if b.kind not in ("header",) and lines:
            return lines
    return lines


def _number_from(lines: list[str]) -> str | None:
    """The document's own number: a `Số: ...` header line, never a number cited in the body."""
    for line in lines:
        m = _NUMBER_LINE.search(line)
        numbers = identifiers.find_doc_numbers(m.group(1)) if m else []
        if numbers:
            return re.sub(r"\s+", "", numbers[0].text)
    return None


def _date_from(lines: list[str]) -> str | None:
    """The issue date from the `Place, ngày ... tháng ... năm ...` line; blank dates stay None."""
    for line in lines:
        if _PLACE_DATE.search(line.strip()):
            return _parse_dmy(line)
    return None


def _type_from(head: list[Block]) -> str | None:
    for b in head:
        key = vntext.canonical(b.text.strip()).upper()
        if key in _TYPE_BY_UPPER:
            return _TYPE_BY_UPPER[key]
    return None


def _from_text(doc: LoadedDocument, meta: DocMeta) -> None:
    head = doc.blocks[:_HEAD_BLOCKS]
    head_lines = "\n".join(b.text for b in head).split("\n")[:25]
    meta.number = meta.number or _number_from(head_lines)
    meta.issued = meta.issued or _date_from(head_lines)
    meta.doc_type = meta.doc_type or _type_from(head)
    if not meta.issuer:
        lines = _issuer_lines(head)
        if lines:
            meta.issuer = _sentence_case(lines[-1])
            if len(lines) > 1 and not gazetteer.province_of(lines[-1]):
                meta.province = gazetteer.province_of(" ".join(lines[:-1]))
    meta.title = meta.title or _title(head, meta)
    if not meta.signer:
        _signer(doc.blocks, meta)


def _title(head: list[Block], meta: DocMeta) -> str | None:
    """Trích yếu: the `V/v ...` line of a letter, or the lines after the type heading."""
    for b in head:
        if re.match(r"^V/v\b", b.text.strip(), re.IGNORECASE):
            return b.text.strip()[3:].strip(" :")
    for i, b in enumerate(head):
        if vntext.canonical(b.text.strip()).upper() in _TYPE_BY_UPPER:
            parts = []
            for nxt in head[i + 1 : i + 4]:
                t = nxt.text.strip()
                if not t or t.startswith(("Căn cứ", "Kính gửi", "Thực hiện")) or len(t) > 300:
                    break
                parts.append(t)
                if t.upper() != t and not t[:1].islower():
                    break
            if parts:
                return vntext.collapse_ws(" ".join(parts))
    return None


def _signer(blocks: list[Block], meta: DocMeta) -> None:
    """Signer: the personal name below the last position line near the end of the document."""
    signature_blocks = [b for b in blocks if b.kind == "signature"]
    region = signature_blocks[-6:] if signature_blocks else blocks[-25:]
    tail = [ln.strip() for b in region for ln in b.text.split("\n") if ln.strip()]
    for i in range(len(tail) - 1, 0, -1):
        name = tail[i].strip(" .()")
        if gazetteer.looks_like_person(name):
            prev = [t for t in tail[max(0, i - 3) : i] if any(w in t.upper() for w in _POSITION_WORDS)]
            if prev:
                meta.signer = name
                meta.signer_title = vntext.collapse_ws(prev[-1])
                return


def describe(doc: LoadedDocument) -> DocMeta:
    """Metadata of a loaded document."""
    meta = DocMeta()
    _from_header_fields(doc.header_fields, meta)
    _from_text(doc, meta)
    if not meta.doc_type and meta.number:
        code = identifiers.find_doc_numbers(meta.number)[0].type_code
        meta.doc_type = identifiers.TYPE_CODES.get(code or "")
    if not meta.doc_type:
        head = " ".join(b.text for b in doc.blocks[:_HEAD_BLOCKS])
        if re.search(r"\bV/v\b", head):
            meta.doc_type = "Công văn"
    if meta.issuer:
        meta.ministry = gazetteer.ministry_of(meta.issuer)
        if not meta.province and not meta.ministry:
            meta.province = gazetteer.province_of(meta.issuer)
    if not meta.title:
        meta.title = doc.name.rsplit(".", 1)[0]
    return meta

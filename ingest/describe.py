"""Document metadata from its header: type, number, date, issuer, signer, province/ministry, title.

A Vietnamese administrative header has two columns: the issuing body (left, upper case, parent body
above) with the number below it, and the national motto (right) with `Place, ngày ... tháng ... năm ...`.
Loaders deliver them as table cells (DOCX), as separate lines (PDF) or as one line with a wide gap (TXT,
DOC); `header_parts` splits all of them the same way. Blank numbers and dates in drafts
(`Số:    /BC-UBND`, `ngày   tháng 7 năm 2026`) give None, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ingest import gazetteer, identifiers, vntext
from ingest.chunk import marker_level
from ingest.load.blocks import Block, LoadedDocument

VERSION = "2"  # change whenever this stage's output changes: documents are re-indexed

DOC_TYPES = (
    "Nghị quyết", "Quyết định", "Nghị định", "Thông tư liên tịch", "Thông tư", "Chỉ thị", "Thông báo", "Báo cáo",
    "Kế hoạch", "Tờ trình", "Công văn", "Luật", "Hướng dẫn", "Kết luận", "Công điện", "Chương trình", "Đề án",
    "Quy chế", "Quy định", "Danh mục", "Tin bài", "Biên bản", "Phụ lục",
)  # fmt: skip
_HEAD_BLOCKS = 30
_HEAD_PARTS = 40
_COLUMN_GAP = re.compile(r"\t+|\s{4,}")
_MOTTO_START = re.compile(r"(?=CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do)")
_PLACE_START = re.compile(r"\s(?=[^\W\d_][^\d,/]{1,25},\s*ngày\b)")
_DATE_GAP_AFTER_WORD = re.compile(r"\b(ngày|tháng|năm)\s+(\d)")
_DATE_GAP_BEFORE_WORD = re.compile(r"(\d)\s+(tháng|năm)\b")
_NUMBER_LINE = re.compile(r"^\s*(?:Số|SỐ|Luật số|LUẬT SỐ)\s*(?:hiệu)?\s*:\s*(.+)")
_PLACE_DATE = re.compile(r"^[^,\d]{2,40},\s*ngày\b", re.IGNORECASE)
_MOTTO = ("CỘNG HÒA XÃ HỘI", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN VIỆT NAM")
_LOCAL = ("Ủy ban nhân dân", "Sở ", "Hội đồng nhân dân", "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Thanh tra tỉnh")
_POSITION_WORDS = ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TƯỚNG", "TỔNG BÍ THƯ", "CHÁNH", "TRƯỞNG", "THỨ TRƯỞNG",
                   "PHÓ", "KT.", "TM.", "TL.", "Q.", "BÍ THƯ")  # fmt: skip
_HEADER_KEYS = {
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


# --- names ----------------------------------------------------------------------------------------
_FIXED_NAMES = {
    "ubnd": "Ủy ban nhân dân",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "thủ tướng chính phủ": "Thủ tướng Chính phủ",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "bộ chính trị": "Bộ Chính trị",
    "ban chấp hành trung ương": "Ban Chấp hành Trung ương",
    "văn phòng chính phủ": "Văn phòng Chính phủ",
    "thanh tra chính phủ": "Thanh tra Chính phủ",
    "tổng cục địa chất và khoáng sản việt nam": "Tổng cục Địa chất và Khoáng sản Việt Nam",
    "cục địa chất và khoáng sản việt nam": "Cục Địa chất và Khoáng sản Việt Nam",
}
_ORG_PREFIX = ("bộ", "sở", "cục", "tổng cục", "văn phòng", "thanh tra", "vụ", "ban", "chi cục", "trung tâm", "viện")


def official_name(upper: str) -> str:
    """`SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG` -> `Sở Nông nghiệp và Môi trường`; known bodies keep their spelling."""
    text = " ".join(vntext.canonical(upper).lower().replace("uỷ", "ủy").split())
    for low, proper in sorted(_FIXED_NAMES.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(low):
            return proper + _province_case(text[len(low) :])
    for ministry in gazetteer.MINISTRIES:  # Sở X mirrors Bộ X: Sở Công Thương, Sở Nông nghiệp và Môi trường
        tail = ministry.split(" ", 1)[1]
        for prefix in ("bộ", "sở"):
            if text.startswith(f"{prefix} {tail.lower()}"):
                return prefix.capitalize() + " " + tail + _province_case(text[len(prefix) + 1 + len(tail) :])
    words = text.split()
    prefix = next((p for p in sorted(_ORG_PREFIX, key=len, reverse=True) if text.startswith(p + " ")), None)
    n = len(prefix.split()) if prefix else 1
    out = [w.capitalize() if i in (0, n) or words[i - 1] == "và" else w for i, w in enumerate(words)]
    return _restore_numbers(upper, _province_case(" ".join(out)))


def _restore_numbers(original: str, text: str) -> str:
    """Document numbers inside a name keep their original spelling (`02-NQ/TW`)."""
    for n in identifiers.find_doc_numbers(vntext.canonical(original)):
        text = re.sub(re.escape(n.text.lower()), n.text, text)
    return re.sub(r"\bnghị quyết số\b", "Nghị quyết số", text)


def _province_case(text: str) -> str:
    prov = gazetteer.province_of(text)
    return re.sub(r"(?i)" + re.escape(prov), prov, text) if prov else text


# --- header parsing -------------------------------------------------------------------------------
def header_parts(blocks: list[Block]) -> list[str]:
    """Lines of the document head, with the two header columns split apart (dates kept whole)."""
    parts: list[str] = []
    for b in blocks[:_HEAD_BLOCKS]:
        for line in b.text.split("\n"):
            line = _DATE_GAP_AFTER_WORD.sub(r"\1 \2", _DATE_GAP_BEFORE_WORD.sub(r"\1 \2", line))
            for part in _COLUMN_GAP.split(line):
                # OCR and some text files run both columns into one line with single spaces: split at the motto
                # and before `Place, ngày` following a number
                pieces = _MOTTO_START.split(part)
                pieces = [
                    x for piece in pieces for x in (_PLACE_START.split(piece) if piece.startswith("Số") else [piece])
                ]
                parts += [x.strip() for x in pieces if x.strip()]
    return parts[:_HEAD_PARTS]


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _issuer_lines(parts: list[str]) -> list[str]:
    """Upper-case lines of the issuing body (parent first) before the number/date lines."""
    lines: list[str] = []
    for part in parts:
        text = part.strip("-–—_ ").strip()
        if text.startswith(("Số", "SỐ", "Luật số")) or _PLACE_DATE.match(text) or text.startswith("V/v"):
            break
        if not text or not _is_upper(text) or any(m in vntext.canonical(text) for m in _MOTTO):
            continue
        if _type_of_heading(text) or len(text) > 90:
            break
        text = re.split(r"-{2,}|–{2,}", text)[0].strip()
        if lines and (lines[-1].endswith((" VÀ", ",")) or re.fullmatch(r"(ỦY|UỶ) BAN NHÂN DÂN|UBND", lines[-1])):
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)
    return lines


def _type_of_heading(text: str) -> str | None:
    """`BÁO CÁO THAM LUẬN` -> Báo cáo: an upper-case line that starts with a document type."""
    if not _is_upper(text):
        return None
    up = vntext.canonical(text.strip()).upper()
    return next(
        (t for t in sorted(DOC_TYPES, key=len, reverse=True) if up == t.upper() or up.startswith(t.upper() + " ")), None
    )


def _parse_dmy(text: str) -> str | None:
    dates = identifiers.find_dates(text)
    return dates[0][1].isoformat() if dates else None


def _number_from(parts: list[str]) -> str | None:
    """The document's own number: a `Số: ...` header line, never a number cited in the body."""
    for part in parts:
        m = _NUMBER_LINE.search(part)
        numbers = identifiers.find_doc_numbers(m.group(1)) if m else []
        if numbers:
            return re.sub(r"\s+", "", numbers[0].text)
    return None


def _date_from(parts: list[str]) -> str | None:
    """The issue date from the `Place, ngày ... tháng ... năm ...` line; blank dates stay None."""
    for part in parts:
        if _PLACE_DATE.match(part.strip()):
            return _parse_dmy(part)
    return None


def _place_from(parts: list[str]) -> str | None:
    for part in parts:
        if _PLACE_DATE.match(part.strip()):
            return gazetteer.province_of(part.split(",")[0])
    return None


def _title_from(parts: list[str]) -> str | None:
    """Trích yếu: the `V/v ...` lines of a letter, or the lines after the type heading."""
    for i, part in enumerate(parts):
        if re.match(r"^V/v\b", part, re.IGNORECASE):
            lines = [part[3:].strip(" :")]
            for nxt in parts[i + 1 : i + 6]:
                if nxt.startswith(("Kính gửi", "Căn cứ", "Thực hiện")) or _PLACE_DATE.match(nxt) or len(nxt) > 120:
                    break
                lines.append(nxt)
            return vntext.collapse_ws(" ".join(lines))
    for i, part in enumerate(parts):
        if _type_of_heading(part) and len(part.split()) <= 4:
            lines = []
            for nxt in parts[i + 1 : i + 5]:
                if (
                    nxt.startswith(("Căn cứ", "Kính gửi", "Thực hiện", "["))
                    or len(nxt) > 300
                    or (marker_level(nxt) or 0) > 1
                ):
                    break
                if lines and _is_upper(lines[0]) != _is_upper(nxt):
                    break
                lines.append(nxt)
                if not _is_upper(nxt) and nxt.rstrip().endswith((".", ";", ":")):
                    break
            if lines:
                return vntext.collapse_ws(" ".join(lines))
    return None


def _signer(blocks: list[Block], meta: DocMeta) -> None:
    """Signer: the personal name below the last position line (signature block or end of document)."""
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


def _from_header_fields(fields: dict[str, str], meta: DocMeta) -> None:
    """The corpus' own `KEY: value` header (text files) is authoritative where it is specific."""
    f = {_HEADER_KEYS.get(vntext.strip_tones(k), k): v for k, v in fields.items()}
    meta.title = f.get("TIÊU ĐỀ") or None
    numbers = identifiers.find_doc_numbers(f.get("SỐ HIỆU", ""))
    meta.number = numbers[0].text if numbers else None
    issued = f.get("NGÀY BAN HÀNH", "") or f.get("NGÀY", "")
    meta.issued = None if issued.lower().startswith("không rõ") else _parse_dmy(issued)
    issuer = re.split(r"[;(]", f.get("CƠ QUAN BAN HÀNH", ""))[0].strip()
    if issuer and "không rõ" not in issuer.lower():
        meta.issuer = issuer
    kind = f.get("LOẠI", "")
    meta.doc_type = next((t for t in DOC_TYPES if kind.lower().startswith(t.lower())), None) if kind else None
    publisher = re.search(r"\((báo [^)]+)\)", kind, re.IGNORECASE)
    if publisher and not meta.issuer:
        meta.issuer = publisher.group(1)[0].upper() + publisher.group(1)[1:]
    people = gazetteer.find_people(f.get("CƠ QUAN BAN HÀNH", ""))
    meta.signer = people[-1] if people else None


def _from_text(doc: LoadedDocument, meta: DocMeta) -> None:
    parts = header_parts(doc.blocks)
    meta.number = meta.number or _number_from(parts)
    meta.issued = meta.issued or _date_from(parts)
    meta.doc_type = meta.doc_type or next((t for t in map(_type_of_heading, parts) if t), None)
    if not meta.issuer:
        lines = _issuer_lines(parts)
        if lines:
            meta.issuer = official_name(lines[-1])
            meta.ministry = next((m for m in map(gazetteer.ministry_of, map(official_name, lines)) if m), None)
            parent = gazetteer.province_of(" ".join(lines))
            if parent and meta.issuer.startswith(("Sở", "Ban", "Chi cục", "Văn phòng", "Thanh tra")):
                meta.issuer = f"{meta.issuer} tỉnh {parent}" if parent not in meta.issuer else meta.issuer
            meta.province = parent
    meta.title = meta.title or _title_from(parts)
    if not meta.signer:
        _signer(doc.blocks, meta)


def describe(doc: LoadedDocument) -> DocMeta:
    """Metadata of a loaded document."""
    meta = DocMeta()
    _from_header_fields(doc.header_fields, meta)
    _from_text(doc, meta)
    if not meta.doc_type and meta.number:
        code = identifiers.find_doc_numbers(meta.number)[0].type_code
        meta.doc_type = identifiers.TYPE_CODES.get(code or "")
    if not meta.doc_type and any(p.startswith("V/v") for p in header_parts(doc.blocks)):
        meta.doc_type = "Công văn"
    if meta.issuer:
        meta.ministry = meta.ministry or gazetteer.ministry_of(meta.issuer)
        local = meta.issuer.startswith(_LOCAL) or " tỉnh " in f" {meta.issuer} "
        if local and not meta.province:
            meta.province = gazetteer.province_of(meta.issuer) or _place_from(header_parts(doc.blocks))
    if not meta.title:
        meta.title = doc.name.rsplit(".", 1)[0]
    return meta

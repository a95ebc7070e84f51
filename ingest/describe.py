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

from ingest.load.blocks import Block, LoadedDocument
from ingest.vn import dates, doctypes, gazetteer, header, identifiers, repair, vntext
from ingest.vn.layout import is_upper, marker_level

VERSION = "9"  # change whenever this stage's output changes: documents are re-indexed

DOC_TYPES = doctypes.names()
_TAIL_LINES = 60
_HEAD_BLOCKS = 30
_HEAD_PARTS = 40


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
    cleaned = re.sub(r"[^\w\s,&/()\-–]", " ", vntext.canonical(upper))  # stamps and rules: `QUỐC HỘI ****`
    text = " ".join(cleaned.lower().replace("uỷ", "ủy").split())
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
    """The province in a body's name spelled as the gazetteer spells it, with its locality word, whatever
    tone marks extraction lost (`thành phô hô chí minh` -> `Thành phố Hồ Chí Minh`)."""
    prov = gazetteer.province_of(text)
    if not prov:
        return text
    low = vntext.canonical(text).lower()
    flat = vntext.strip_tones(low)
    target = vntext.strip_tones(prov).replace(" - ", " ")
    i = flat.find(target)
    if i < 0 or len(flat) != len(low):
        return re.sub(r"(?i)" + re.escape(prov), prov, text)
    head = low[:i]
    for local, proper in (("thanh pho ", "Thành phố "), ("tinh ", "tỉnh ")):
        if flat[:i].endswith(local):
            head = low[: i - len(local)] + proper
            break
    return head + prov + low[i + len(target) :]


# --- header parsing -------------------------------------------------------------------------------
def header_parts(blocks: list[Block]) -> list[str]:
    """Lines of the document head, with the two header columns split apart (dates kept whole)."""
    parts: list[str] = []
    for b in blocks[:_HEAD_BLOCKS]:
        for line in b.text.split("\n"):
            if header.NOISE.match(line.strip()):
                continue
            line = repair.join_split_syllables(line)  # `CỘNG HO À`, `th áng`: however clean the rest of the text
            line = header.DATE_GAP_AFTER_WORD.sub(r"\1 \2", header.DATE_GAP_BEFORE_WORD.sub(r"\1 \2", line))
            for part in header.COLUMN_GAP.split(line):
                # OCR and some text files run both columns into one line with single spaces: split at the motto
                # and before `Place, ngày` following a number
                pieces = header.MOTTO_START.split(part)
                pieces = [
                    x
                    for piece in pieces
                    for x in (header.PLACE_START.split(piece) if piece.startswith("Số") else [piece])
                ]
                parts += [x.strip() for x in pieces if x.strip()]
    return parts[:_HEAD_PARTS]


def _issuer_lines(parts: list[str]) -> list[str]:
    """Upper-case lines of the issuing body (parent first) before the number/date lines."""
    lines: list[str] = []
    for part in parts:
        text = part.strip("-–—_ ").strip()
        if text.startswith(("Số", "SỐ", "Luật số")) or header.PLACE_DATE.match(text) or text.startswith("V/v"):
            break
        if not text or not is_upper(text) or header.is_motto(text):
            continue
        if _type_of_heading(text) or len(text) > 90:
            break
        text = re.split(r"-{2,}|–{2,}", text)[0].strip()
        if header.TERM.fullmatch(text):  # `KHÓA XV`: the legislature's term, not a body
            continue
        # a body's name wraps onto the next line (`NGÂN HÀNG NHÀ NƯỚC` / `VIỆT NAM`) unless that line names a body
        # of its own: the body under its parent (`BỘ TÀI CHÍNH` / `CỤC THUẾ`, Nghị định 30/2020/NĐ-CP, Phụ lục I)
        if lines and (lines[-1].endswith((" VÀ", ",")) or not _names_body(text)):
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)
    return lines


def _type_of_heading(text: str) -> str | None:
    """`BÁO CÁO THAM LUẬN` -> Báo cáo: an upper-case line that starts with a document type."""
    if not is_upper(text):
        return None
    up = vntext.canonical(text.strip()).upper()
    return next(
        (t for t in sorted(DOC_TYPES, key=len, reverse=True) if up == t.upper() or up.startswith(t.upper() + " ")), None
    )


def _parse_dmy(text: str) -> str | None:
    found = dates.find_dates(text)
    return found[0][1].isoformat() if found else None


def _number_from(parts: list[str]) -> str | None:
    """The document's own number: a `Số: ...` header line, never a number cited in the body."""
    for part in parts:
        m = header.NUMBER_LINE.search(part)
        # extraction leaves stray spaces around the number's separators (`05/2025/TT- BTP`, `2944 /QĐ-UBND`)
        numbers = identifiers.find_doc_numbers(re.sub(r"\s*([/-])\s*", r"\1", m.group(1))) if m else []
        if numbers:
            return re.sub(r"\s+", "", numbers[0].text)
    return None


def _date_from(parts: list[str]) -> str | None:
    """The issue date from the `Place, ngày ... tháng ... năm ...` line; blank dates stay None."""
    for part in parts:
        if header.PLACE_DATE.match(part.strip()):
            return _parse_dmy(part)
    return None


def _place_from(parts: list[str]) -> str | None:
    for part in parts:
        if header.PLACE_DATE.match(part.strip()):
            return gazetteer.province_of(part.split(",")[0])
    return None


def _title_from(parts: list[str]) -> str | None:
    """Trích yếu: the `V/v ...` lines of a letter, or the lines after the type heading."""
    for i, part in enumerate(parts):
        if re.match(r"^V/v\b", part, re.IGNORECASE):
            lines = [part[3:].strip(" :")]
            for nxt in parts[i + 1 : i + 6]:
                if (
                    nxt.startswith(("Kính gửi", "Căn cứ", "Thực hiện"))
                    or header.PLACE_DATE.match(nxt)
                    or is_upper(nxt)  # the motto or a heading: a subject line goes on in lower case
                    or len(nxt) > 120
                ):
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
                if lines and is_upper(lines[0]) != is_upper(nxt):
                    break
                lines.append(nxt)
                if not is_upper(nxt) and nxt.rstrip().endswith((".", ";", ":")):
                    break
            if lines:
                return vntext.collapse_ws(" ".join(lines))
    return None


def _signer(blocks: list[Block], meta: DocMeta) -> None:
    """Signer: the personal name below the last position line (signature block or end of document)."""
    signature_blocks = [b for b in blocks if b.kind == "signature"]
    region = signature_blocks[-6:] if signature_blocks else blocks[-25:]
    tail = [  # a syllable split where a tone mark was drawn apart (`Nguy ễn`) is joined back (ingest.vn.repair)
        repair.join_split_syllables(ln.strip())
        for b in region for ln in b.text.split("\n") if ln.strip() and not header.NOISE.match(ln.strip())
    ]  # fmt: skip
    for i in range(len(tail) - 1, 0, -1):
        name = _name_in(tail[i])
        if name:
            # the lines of the signature column: a recipients item alone on its line belongs to the left one
            above = [t for t in tail[:i] if not header.RECIPIENT_ITEM.match(t) or header.COLUMN_GAP.search(t)][-3:]
            prev = [t for t in above if header.names_position(t)]
            if prev:
                meta.signer = name
                columns = [c for c in header.COLUMN_GAP.split(prev[-1]) if header.names_position(c)]
                meta.signer_title = vntext.collapse_ws(columns[-1] if columns else prev[-1])
                return


def _name_in(line: str) -> str | None:
    """The personal name a signature-block line holds: after a `Đã ký:` mark, in the signature column, and in
    title case when typed in capitals (`NGUYỄN SINH NHẬT TÂN`)."""
    text = header.SIGNED_MARK.sub("", header.COLUMN_GAP.split(line.strip())[-1]).strip(" .()")
    name = text.title() if is_upper(text) else text
    return name if gazetteer.looks_like_person(name) else None


def _tail_lines(blocks: list[Block]) -> list[str]:
    """The last lines of a document, without page headers and signature stamps, syllables split by extraction
    joined again (`X ÁC THỰC`, `ng ày`)."""
    lines = [repair.join_split_syllables(ln.strip()) for b in blocks[-_TAIL_LINES:] for ln in b.text.split("\n")]
    return [ln for ln in lines if ln and not header.NOISE.match(ln)][-_TAIL_LINES:]


def _columns(line: str) -> list[str]:
    """A signature-block line whose two columns ran together, split the way header lines are."""
    out = []
    for part in header.COLUMN_GAP.split(header.AUTHENTICATED.sub(lambda m: f"\t{m.group(0)}\t", line)):
        pieces = header.PLACE_START.split(part) if part.strip().startswith("Số") else [part]
        out += [p.strip() for p in pieces if p.strip()]
    return out


def _names_body(upper: str) -> bool:
    """An upper-case line that names a body (`VĂN PHÒNG QUỐC HỘI`, `BỘ TƯ PHÁP`), not a title (`ĐẤT ĐAI`)."""
    name = official_name(upper)
    low = name.lower()
    return (bool(gazetteer.body_pattern().match(name)) or low.startswith(tuple(p + " " for p in _ORG_PREFIX))
            or low.startswith(tuple(h.lower() for h in header.LOCAL)) or header.PARTY_COMMITTEE.match(low) is not None)  # fmt: skip


def _consolidated(blocks: list[Block], meta: DocMeta) -> bool:
    """A consolidated text (Văn bản hợp nhất): its number, date, body and signer are those of the
    "XÁC THỰC VĂN BẢN HỢP NHẤT" block at its end (Pháp lệnh Hợp nhất văn bản quy phạm pháp luật 2012)."""
    tail = [part for line in _tail_lines(blocks) for part in _columns(line)]
    at = next((i for i in range(len(tail) - 1, -1, -1) if header.AUTHENTICATED.search(tail[i])), None)
    if at is None:
        return False
    window = tail[max(0, at - 8) : at + 10]
    numbers = [n for line in window for n in identifiers.find_doc_numbers(line) if "VBHN" in n.text.upper()]
    dates = [d for line in window if header.PLACE_DATE.match(line) for d in [_parse_dmy(line)] if d]
    number_at = next((i for i, line in enumerate(window) if "VBHN" in line.upper()), None)
    # the authenticating body's line precedes the number; a title line (`ĐẤT ĐAI`) is upper case too, but names
    # no body: without one there, the body is the header's
    bodies = [ln for ln in window[: number_at or 0] if is_upper(ln) and not header.AUTHENTICATED.search(ln)
              and _names_body(ln)] or _issuer_lines(header_parts(blocks))  # fmt: skip
    people = [name for ln in tail[at:] if (name := _name_in(ln))]  # in title case when typed in capitals
    meta.doc_type = "Văn bản hợp nhất"
    meta.number = re.sub(r"\s+", "", numbers[0].text) if numbers else None
    meta.issued = dates[0] if dates else None
    meta.issuer = official_name(bodies[-1]) if bodies else None
    if people:
        meta.signer = people[-1]
        positions = [ln for ln in tail[at:] if header.names_position(ln)]
        meta.signer_title = vntext.collapse_ws(positions[-1]) if positions else None
    return True


def _passed_on(blocks: list[Block]) -> str | None:
    """Laws and Quốc hội resolutions carry no header date: the date they were passed closes the text."""
    m = header.PASSED.search(" ".join(_tail_lines(blocks)[-25:]))
    if not m:
        return None
    return _parse_dmy(f"ngày {m.group(1)} tháng {m.group(2)} năm {m.group(3)}")


def _from_header_fields(fields: dict[str, str], meta: DocMeta) -> None:
    """The corpus' own `KEY: value` header (text files) is authoritative where it is specific."""
    f = {header.HEADER_KEYS.get(vntext.strip_tones(k), k): v for k, v in fields.items()}
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
    closing = doc.main_blocks()  # what is attached after the signature (`PHỤ LỤC`) has none of it; else the whole
    for blocks in (closing, doc.blocks) if closing is not doc.blocks else (closing,):
        if not meta.signer:
            _signer(blocks, meta)
        if _consolidated(blocks, meta):
            return
        if not meta.issued and meta.doc_type in ("Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh"):
            meta.issued = _passed_on(blocks)


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
        local = meta.issuer.startswith(header.LOCAL) or " tỉnh " in f" {meta.issuer} "
        if local and not meta.province:
            meta.province = gazetteer.province_of(meta.issuer) or _place_from(header_parts(doc.blocks))
    if not meta.title:
        meta.title = doc.name.rsplit(".", 1)[0]
    return meta

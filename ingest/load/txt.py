"""Plain-text loader: UTF-8/UTF-16/Windows-1258, with the corpus header block (`KEY: value` ... `=====`)."""

from __future__ import annotations

import logging
from pathlib import Path

from ingest.errors import IngestError
from ingest.load.blocks import LoadedDocument
from ingest.load.flat_table import read_blocks
from ingest.vn import layout
from ingest.vn.legacy import decode_bytes

_SEPARATOR = "====="
log = logging.getLogger(__name__)


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode text bytes: UTF-16 (BOM), UTF-8, then legacy TCVN3/VNI or Windows-1258; also name the legacy code.

    A file that is UTF-8 but for a few damaged lines stays UTF-8: only those lines lose their bad bytes (shown as
    U+FFFD), instead of the whole file being read as a legacy code and made unsearchable. A legacy code is
    chosen only when the lines that are not UTF-8 outnumber the UTF-8 lines with accented letters.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise IngestError("Tệp văn bản UTF-16 bị hỏng.", f"{name}: bad UTF-16: {exc}") from exc
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad = sum(1 for line in lines if not _utf8(line))
    accented = sum(1 for line in lines if not line.isascii() and _utf8(line))
    if accented >= bad:
        log.warning("%s: %d of %d lines are not valid UTF-8; their bad bytes were replaced", name, bad, len(lines))
        return data.decode("utf-8-sig", errors="replace"), None
    text, legacy_encoding = decode_bytes(data)
    log.info("%s: not UTF-8, read as %s", name, legacy_encoding or "cp1258")
    return text, legacy_encoding


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split the `KEY: value` header block above a `=====` line from the body, if there is one."""
    lines = text.split("\n")
    sep = next((i for i, line in enumerate(lines[:60]) if line.startswith(_SEPARATOR)), None)
    if sep is None or not layout.FIELD_LINE.match(lines[0].strip()):
        return {}, text
    fields: dict[str, str] = {}
    key = None
    for line in lines[:sep]:
        m = layout.FIELD_LINE.match(line.strip())
        if m and not line.startswith((" ", "\t")):
            key = m.group(1).strip()
            fields[key] = m.group(2).strip()
        elif key and line.strip():
            fields[key] += " " + line.strip()
    return fields, "\n".join(lines[sep + 1 :])


def load_txt(path: Path, data: bytes) -> LoadedDocument:
    text, legacy_encoding = decode(data, path.name)
    fields, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = read_blocks(body.split("\n"))  # paragraphs, and tables flattened one cell per line as rows
    warnings = [f"Tệp dùng bảng mã cũ {legacy_encoding.upper()}, đã chuyển sang Unicode."] if legacy_encoding else []
    return LoadedDocument(name=path.name, fmt="txt", blocks=blocks, header_fields=fields, warnings=warnings)

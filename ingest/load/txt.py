"""Plain-text loader: UTF-8/UTF-16/Windows-1258, with the corpus header block (`KEY: value` ... `=====`)."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import IngestError
from ingest.load.blocks import Block, LoadedDocument

_HEADER_KEY = re.compile(r"^([A-ZÀ-Ỹ][A-ZÀ-Ỹ /]{1,40}):\s*(.*)$")
_SEPARATOR = "====="


def decode(data: bytes, name: str) -> str:
    """Decode text bytes, trying UTF-8, UTF-16 (with BOM) and Windows-1258 in that order."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise IngestError(
            "Không đọc được bảng mã của tệp văn bản (không phải UTF-8/UTF-16/Windows-1258).",
            f"{name}: undecodable text: {exc}",
        ) from exc
    return text


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split the `KEY: value` header block above a `=====` line from the body, if there is one."""
    lines = text.split("\n")
    sep = next((i for i, line in enumerate(lines[:60]) if line.startswith(_SEPARATOR)), None)
    if sep is None or not _HEADER_KEY.match(lines[0].strip()):
        return {}, text
    fields: dict[str, str] = {}
    key = None
    for line in lines[:sep]:
        m = _HEADER_KEY.match(line.strip())
        if m and not line.startswith((" ", "\t")):
            key = m.group(1).strip()
            fields[key] = m.group(2).strip()
        elif key and line.strip():
            fields[key] += " " + line.strip()
    return fields, "\n".join(lines[sep + 1 :])


def load_txt(path: Path, data: bytes) -> LoadedDocument:
    text = decode(data, path.name).replace("\r\n", "\n").replace("\r", "\n")
    fields, body = split_header(text)
    blocks = [Block(text=line.strip()) for line in body.split("\n") if line.strip()]
    return LoadedDocument(name=path.name, fmt="txt", blocks=blocks, header_fields=fields)

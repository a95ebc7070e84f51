"""Uploads are hostile until proven otherwise: content-typed, size-limited, safely named, parsed in isolation."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ingest.errors import IngestError
from ingest.load import SUPPORTED_SUFFIXES, sniff

ALLOWED_FORMATS = {"pdf", "docx", "doc", "txt", "html", "xlsx"}
# a stored name plus its version folder stays well under the 255-byte name limit of common file systems
MAX_NAME_BYTES = 200


def safe_name(name: str) -> str:
    """A file name without directories, control characters or shell-special characters (Vietnamese kept)."""
    base = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    base = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]", "", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"\s+", "-", stem)[:120] or "tai-lieu"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_name_length(name: str) -> None:
    """Refuse, with a Vietnamese message, a name too long to store (`MAX_NAME_BYTES` of UTF-8)."""
    size = len(name.encode())
    if size > MAX_NAME_BYTES:
        raise IngestError(
            f"Tên tệp quá dài ({size} byte, tối đa {MAX_NAME_BYTES}); hãy đổi tên tệp ngắn hơn rồi tải lại.",
            f"upload name of {size} bytes: {name[:60]!r}...",
        )


def accept_upload(name: str, data: bytes, max_mb: int) -> str:
    """Check an upload and return its safe name; raise IngestError (Vietnamese) when it is refused."""
    clean = safe_name(name)
    check_name_length(clean)
    if len(data) > max_mb * 1024 * 1024:
        raise IngestError(f"Tệp {clean} quá lớn (giới hạn {max_mb} MB).", f"upload {clean}: {len(data)} bytes")
    if not data.strip():
        raise IngestError(f"Tệp {clean} rỗng.", f"upload {clean}: empty")
    fmt = sniff(data)
    if fmt not in ALLOWED_FORMATS or Path(clean).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(
            f"Tệp {clean} không phải định dạng được hỗ trợ (DOCX, PDF, DOC, TXT, HTML, XLSX).",
            f"upload {clean}: content {fmt}, suffix {Path(clean).suffix}",
        )
    return clean
